"""A resume is refused, by name with both values, for any setting other than the checkpoint began with, except
epochs (said), device and threads."""

from __future__ import annotations

import json
import re

import pytest
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError


def _begun(tmp_path):
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    return checkpoint


@pytest.mark.parametrize("changed, says", [
    ({"lr": 0.5}, "lr 0.01 then, 0.5 now"),
    ({"seed": 7, "patience": 3}, "patience 50 then, 3 now; seed 0 then, 7 now"),
    ({"hidden_size": 4}, "hidden_size 8 then, 4 now"),
    ({"quantiles": [0.1, 0.5, 0.9]}, "quantiles [] then, [0.1, 0.5, 0.9] now"),
    ({"test_frac": 0.05}, "test_frac 0.2 then, 0.05 now"),
])
def test_a_resume_with_any_setting_changed_is_refused_naming_each_with_both_values(tmp_path, changed, says):
    """A hand-edited config.json (lr, seed, patience...) was trained on, or ignored, without a word."""
    checkpoint = _begun(tmp_path)
    before = checkpoint.read_bytes()
    with pytest.raises(RnncastError, match=rf"^{re.escape(str(checkpoint))} was begun with other settings than this "
                                           rf"fit has: {re.escape(says)}; a resumed run keeps the settings it began"):
        Forecaster(**{**TINY, "epochs": 2, **changed}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                           resume=True)
    assert checkpoint.read_bytes() == before


def test_the_refusal_says_how_epochs_may_change_in_the_callers_words_and_no_config_json_in_python(tmp_path):
    """A Python resume was told of "the run's config.json as it was written", which a checkpoint has none of."""
    from rnncast.spelling import hints

    checkpoint = _begun(tmp_path)
    with pytest.raises(RnncastError) as refused:
        Forecaster(**{**TINY, "lr": 0.5}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert "config.json" not in str(refused.value)
    assert "(only epochs, device and threads may change: the Forecaster's epochs=, device=, threads=" in str(refused.value)
    with hints(resume_may_change="--epochs, --device and --threads"), pytest.raises(RnncastError, match=re.escape(
            "(only epochs, device and threads may change: --epochs, --device and --threads), or")):
        Forecaster(**{**TINY, "lr": 0.5}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)


def test_epochs_device_and_threads_may_change_and_epochs_is_said(tmp_path, caplog):
    checkpoint = _begun(tmp_path)
    with caplog.at_level("INFO", logger="rnncast.resumedsettings"):
        model = Forecaster(**{**TINY, "epochs": 3, "threads": 1, "device": "auto"}).fit(
            make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 3
    assert "with epochs 3 (it was begun with epochs 1)" in caplog.text
    with safe_open(str(checkpoint), framework="pt") as f:
        assert json.loads(f.metadata()["loop"])["settings"]["epochs"] == 3  # the record goes on with the resume


def test_a_checkpoint_without_a_settings_record_resumes_and_a_missing_setting_reads_as_its_default(tmp_path):
    checkpoint = _begun(tmp_path)
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    del loop["settings"]["ema"]  # a setting added after the checkpoint was written: its default then
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    assert len(Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                       resume=True).history_) == 2
    del loop["settings"]
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    assert len(Forecaster(**{**TINY, "epochs": 3}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                       resume=True).history_) == 3

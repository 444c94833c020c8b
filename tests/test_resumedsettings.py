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


@pytest.mark.parametrize("edit, says", [
    ({"holidays": "US"}, "holidays None then, 'US' now"),
    ({"tz": "UTC"}, "tz None then, 'UTC' now"),
    ({"freq": "D"}, "freq None then, 'D' now"),
])  # a target edited: named with the other columns by role (test_resumedrecord.py)
def test_fit_resume_names_a_setting_or_target_edited_in_config_json_and_leaves_the_run_as_it_was(
        tmp_path, capsys, edit, says):
    """holidays, tz and target edited in a run's config.json were refused by the data check ("was started on other
    data", "cannot be read as the run's data"), not named as the edit; now the settings check comes first, before
    the folder is held, and says how to start a new run with them."""
    from rnncast.cli import main

    data, run = tmp_path / "d.csv", tmp_path / "run"
    make_frame(200).to_csv(data, index=False)
    run.mkdir()
    begun = {**TINY, "epochs": 1}
    Forecaster(**begun).fit(make_frame(200), target="y", checkpoint=run / "checkpoint.safetensors")
    settings = {**Forecaster(**begun).get_params(), **{k: v for k, v in edit.items() if k != "target"}}
    (run / "config.json").write_text(json.dumps({"settings": settings, "fingerprint": None, "data": {
        "source": str(data), "target": edit.get("target", ["y"]), "features": ["x"]}}))
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in run.iterdir()}
    folder = run.stat().st_mtime_ns
    assert main(["fit", "--resume", str(run), "--epochs", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert (f"run/checkpoint.safetensors was begun with other settings than {run / 'config.json'} gives: {says}; a "
            "resumed run keeps the settings it began with") in err
    assert f"or start a new run with them: rnncast fit --config {run} --out NEW, or start the run again" in err
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in run.iterdir()} == before
    assert run.stat().st_mtime_ns == folder


def test_a_python_resume_with_other_targets_is_refused_naming_them(tmp_path):
    from rnncast import resumedsettings
    from rnncast.config import Settings

    checkpoint = _begun(tmp_path)
    with pytest.raises(RnncastError, match=re.escape("this fit has: target ['y'] then, ['x'] now; a resumed run")):
        resumedsettings.check(checkpoint, Settings.from_flat({**TINY, "epochs": 1}), ["x"])
    resumedsettings.check(checkpoint, Settings.from_flat({**TINY, "epochs": 1}), ["y"])  # the same: taken


@pytest.mark.parametrize("target, now", [("x", "['x']"), (["x"], "['x']"), (("y", "x"), "['y', 'x']")])
def test_forecaster_fit_resumed_with_other_targets_names_the_target_not_the_data(tmp_path, target, now):
    """Forecaster.fit(..., target='x', resume=True) on a checkpoint trained on 'y' was refused by the data check
    ("cannot be resumed with this fit's data ... resume it with the data it was trained on"): the same data, another
    target. fit hands its target= to the settings check, which names it as the command line's resume does."""
    checkpoint = _begun(tmp_path)
    with pytest.raises(RnncastError, match=re.escape(f"this fit has: target ['y'] then, {now} now; a resumed run")):
        Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target=target, checkpoint=checkpoint, resume=True)
    with pytest.raises(RnncastError, match=re.escape(f"lr 0.01 then, 0.5 now; target ['y'] then, {now} now")):
        Forecaster(**{**TINY, "epochs": 2, "lr": 0.5}).fit(make_frame(200), target=target, checkpoint=checkpoint,
                                                            resume=True)
    assert len(Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                        resume=True).history_) == 2  # the same target: taken


@pytest.mark.parametrize("then, now", [
    ({"cutoff": "1960.0"}, {"cutoff": "1960"}),  # this morning's record of --cutoff 1960.0; decision 961 writes 1960
    ({"cutoff": 1960.0}, {"cutoff": 1960}),  # cutoff=1960.0 in Python
    ({"cutoff": 1960}, {"cutoff": "1960"}),  # cutoff=1960 in Python then, --cutoff 1960 now: held as '1960' alike
    ({"cell": "LSTM"}, {"cell": "lstm"}),
    ({"quantiles": "0.1,0.5,0.9"}, {"quantiles": [0.1, 0.5, 0.9]}),
    ({"tz": "UTC"}, {"tz": "Etc/UTC"}),  # one zone, two names of the zone database (a link)
    ({"missing_values": "-999,9999"}, {"missing_values": [-999, 9999]}),  # a list's record before decision 1379: '-999, 9999'
])
def test_a_setting_recorded_in_another_writing_of_the_same_value_resumes(tmp_path, then, now):
    """An old run begun with --cutoff 1960.0 was refused "cutoff '1960.0' then, '1960' now": one setting."""
    from rnncast.config import Settings
    from rnncast.resumedsettings import check

    checkpoint = _begun(tmp_path)
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    loop["settings"].update(then)
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    check(checkpoint, Settings.from_flat({**TINY, **now}))  # no refusal
    name, value = next(iter(then.items()))
    other = {"cutoff": "1960.5", "cell": "gru", "quantiles": [0.2, 0.5, 0.8], "tz": "Asia/Seoul",
             "missing_values": [-999, 99]}[name]
    with pytest.raises(RnncastError, match=re.escape(f"{name} {value!r} then, ")):  # another value is still refused
        check(checkpoint, Settings.from_flat({**TINY, **now, name: other}))


def test_a_resume_with_fewer_epochs_than_the_checkpoint_trained_is_refused_in_pythons_words(tmp_path):
    """Forecaster(epochs=1) resuming a checkpoint of 2 finished epochs trained nothing and gave back a model of 2
    epochs whose settings say 1: refused, naming both, the checkpoint untouched; epochs=2 (ends it there) is taken."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    before = checkpoint.read_bytes()
    with pytest.raises(RnncastError, match=re.escape(
            f"{checkpoint} has trained 2 epochs already, more than the 1 asked for now: a resume trains a run further, "
            "or ends it sooner, but cannot take back epochs it trained; leave epochs= as the run began (2) to finish "
            "it, or give more than 2; nothing was changed")):
        Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert checkpoint.read_bytes() == before
    model = Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2


def test_a_run_whose_own_epochs_are_fewer_than_it_trained_is_told_the_least_that_works(tmp_path):
    """A run an earlier resume rewrote (before 1085: "epochs": 30 recorded, 339 trained) cannot be told to leave
    epochs as it began: that is refused too; it is told the least epochs that work."""
    from rnncast.resumedsettings import _refuse_fewer_epochs
    with pytest.raises(RnncastError, match=r"has trained 339 epochs already, more than the 30 asked for now: .*; give "
                                           r"epochs=339 or more; nothing was changed$"):
        _refuse_fewer_epochs(tmp_path / "c", {"epoch": 339}, {"epochs": 30}, 30)
    _refuse_fewer_epochs(tmp_path / "c", {"epoch": 339}, {"epochs": 30}, 339)  # ends it there: taken


def test_a_resume_on_another_thread_count_says_once_it_matches_to_float_rounding(tmp_path, caplog):
    """A tester's finding: a run resumed with --threads 1 after torch's own two threads ended 2e-6 from the
    uninterrupted run's forecasts (weights apart at byte 613), where the README promised the same weights. Torch's CPU
    sums add in an order the thread count sets; the resume now says so, once, and stays quiet on the same count
    (decision 1162)."""
    checkpoint = _begun(tmp_path)
    with caplog.at_level("INFO", logger="rnncast.resumedsettings"):
        Forecaster(**{**TINY, "epochs": 2, "threads": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                             resume=True)
    said = [r.getMessage() for r in caplog.records if "threads" in r.getMessage()]
    assert said == [f"resuming {checkpoint} with threads 1 (it was trained with threads 0, torch's own count): the "
                    "weights will match an uninterrupted run to float rounding, not bit for bit"]
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast.resumedsettings"):
        Forecaster(**{**TINY, "epochs": 3, "threads": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                             resume=True)
    assert not [r for r in caplog.records if "threads" in r.getMessage()]  # the record goes on with threads 1


def test_a_text_code_of_missing_values_read_on_resume_is_compared_too():
    """A run fitted with --missing-values -9999,M resumed with -9999 alone reads 'M' no more: not the same setting
    (the numbers alone compared equal once text codes were taken: decision 1646)."""
    from rnncast.config import Settings
    from rnncast.resumedsettings import reads_as

    settings = Settings.from_flat({"missing_values": "-9999, M"})
    assert reads_as(settings, "missing_values", "-9999,M") and reads_as(settings, "missing_values", ["-9999", "M"])
    assert not reads_as(settings, "missing_values", "-9999") and not reads_as(settings, "missing_values", "-9999,T")

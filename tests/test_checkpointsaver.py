"""A fit's checkpoint writer (``checkpointsaver.py``): the first write of a checkpoint that was not there when the
fit checked its path is published only as a new file; another fit's, written there since, stays (decision 861)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from rnncast import Forecaster, RnncastError, checkpointsaver, resume

Y = np.sin(0.1 * np.arange(300))


def test_a_checkpoint_another_fit_wrote_since_the_check_stays_and_this_fit_is_refused(tmp_path, monkeypatch):
    settings = dict(lookback=10, hidden_size=4, epochs=2, device="cpu", seed=1)
    Forecaster(**{**settings, "seed": 2}).fit(Y, checkpoint=tmp_path / "other.safetensors")
    other = (tmp_path / "other.safetensors").read_bytes()
    shared, checked = tmp_path / "shared.safetensors", checkpointsaver.check_checkpoint_path

    def another_fit_writes_meanwhile(path, *args, **kwargs):
        found = checked(path, *args, **kwargs)  # none there yet: passes
        shutil.copyfile(tmp_path / "other.safetensors", shared)
        return found
    monkeypatch.setattr(checkpointsaver, "check_checkpoint_path", another_fit_writes_meanwhile)
    with pytest.raises(RnncastError, match=r"^checkpoint=\S+shared.safetensors holds a finished training \(2 epochs\), "
                                           r"which a fit without resume=True would replace; it stays as it is"):
        Forecaster(**settings).fit(Y, checkpoint=shared)
    assert shared.read_bytes() == other and sorted(p.name for p in tmp_path.iterdir()) == [
        "other.safetensors", "shared.safetensors"]  # no temporary file left
    monkeypatch.setattr(checkpointsaver, "check_checkpoint_path", checked)
    fitted = Forecaster(**settings).fit(Y, checkpoint=tmp_path / "mine.safetensors")  # alone: every epoch written
    assert resume.held(tmp_path / "mine.safetensors") == ("holds a finished training (2 epochs)", True)
    assert len(fitted.history_) == 2

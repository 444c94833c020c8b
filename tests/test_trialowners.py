"""Which tune runs a trial (``trialowners.py``): a tune continued in its folder fails at once the RUNNING
trials of a tune that held the folder before it, and leaves those of any tune that may still run."""

from __future__ import annotations

import os
import socket

import pytest

from conftest import make_frame
from rnncast import RnncastError, tune
from rnncast.trialowners import OWNER_ATTR, fail_left_running, owned, owner

optuna = pytest.importorskip("optuna")

pytestmark = pytest.mark.filterwarnings("ignore::optuna.exceptions.ExperimentalWarning")


def _running(storage: str, record: dict | None) -> int:
    """A trial asked of the study and left RUNNING, as a killed tune leaves it, with ``record`` as its owner."""
    study = optuna.create_study(study_name="s", storage=storage, load_if_exists=True)
    trial = study.ask()
    if record is not None:
        trial.set_user_attr(OWNER_ATTR, record)
    return trial.number


def test_each_trial_records_the_folder_host_and_process_that_run_it(tmp_path):
    study = optuna.create_study()
    study.optimize(owned(lambda trial: 1.0, tmp_path), n_trials=1)
    assert study.trials[0].user_attrs[OWNER_ATTR] == {"host": socket.gethostname(), "pid": os.getpid(),
                                                      "folder": str(tmp_path)}


def test_only_the_trials_of_a_stopped_tune_of_this_folder_are_failed_with_why(tmp_path):
    storage, here = f"sqlite:///{tmp_path / 'study.db'}", owner(tmp_path / "t")
    gone = _running(storage, {**here, "pid": here["pid"] + 1})  # another process held this folder: stopped
    others = [_running(storage, {**here, "pid": here["pid"] + 1, "folder": str(tmp_path / "u")}),  # --storage, its own --out
              _running(storage, {**here, "pid": here["pid"] + 1, "host": "another-host"}),
              _running(storage, here),  # this process' own
              _running(storage, None)]  # recorded nothing: the heartbeat's
    study, said = optuna.load_study(study_name="s", storage=storage), []
    assert fail_left_running(optuna, study, storage, tmp_path / "t", lambda *a: said.append(a)) == [gone]
    states = {t.number: t.state.name for t in optuna.load_study(study_name="s", storage=storage).trials}
    assert states[gone] == "FAIL" and all(states[n] == "RUNNING" for n in others)
    assert study.trials[gone].user_attrs["failed"] == f"its tune (pid {here['pid'] + 1}) stopped while it ran"
    assert said == [(gone, here["pid"] + 1)]
    assert fail_left_running(optuna, study, storage, None) == []  # no folder held: nothing known of the others


def test_a_tune_continued_right_after_a_kill_lists_the_killed_trial_failed(tmp_path, caplog):
    """A tune killed (kill -9) and continued within the heartbeat's minute listed its trial RUNNING."""
    frame, out = make_frame(300), tmp_path / "t"
    settings = dict(horizon=3, epochs=1, batch_size=64, hidden_size=8, device="cpu", seed=0, lookback=24)
    tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)
    storage = f"sqlite:///{(out / 'study.db').resolve()}"
    study = optuna.load_study(study_name="rnncast", storage=storage)
    trial = study.ask()  # the killed tune's trial: it beat a moment ago, so Optuna's heartbeat leaves it
    trial.set_user_attr(OWNER_ATTR, {**owner(out), "pid": os.getpid() + 1})
    with caplog.at_level("WARNING", logger="rnncast"):
        result = tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)
    assert [t.state.name for t in result.study.trials] == ["COMPLETE", "FAIL", "COMPLETE"]
    assert f"trial 1 was left running by a tune that stopped (pid {os.getpid() + 1}, which held {out})" in caplog.text
    assert "1,FAIL," in (out / "trials.csv").read_text()


def test_a_continued_tune_refused_for_its_settings_fails_no_trial(tmp_path):
    """Bad input writes nothing: the settings are checked before the killed tune's trial is failed."""
    frame, out = make_frame(300), tmp_path / "t"
    settings = dict(horizon=3, epochs=1, batch_size=64, hidden_size=8, device="cpu", seed=0, lookback=24)
    tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)
    storage = f"sqlite:///{(out / 'study.db').resolve()}"
    study = optuna.load_study(study_name="rnncast", storage=storage)
    trial = study.ask()
    trial.set_user_attr(OWNER_ATTR, {**owner(out), "pid": os.getpid() + 1})
    with pytest.raises(RnncastError, match="was run with epochs 1, and this call gives 2"):
        tune(frame, target="y", trials=1, settings={**settings, "epochs": 2}, search=("lr",), out=out)
    states = [t.state.name for t in optuna.load_study(study_name="rnncast", storage=storage).trials]
    assert states == ["COMPLETE", "RUNNING"]

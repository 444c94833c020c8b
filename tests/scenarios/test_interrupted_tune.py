"""Scenario: ``rnncast tune`` in a process of its own, stopped by Ctrl-C or SIGTERM once a trial has finished.
A Ctrl-C raised wherever the main thread was could land inside Optuna's storage while its heartbeat thread
wrote: a page of ``database is locked`` traceback, exit 1, the trial left RUNNING (or "Exception ignored" and
exit 0). Tune now stops at a batch as fit does (``interrupts.ctrl_c_between_batches``): one line, the signal's
exit status, and no trial left running; the trial it stopped is failed as interrupted. The process is started
as test_interrupted_fit.py starts fit's."""

from __future__ import annotations

import signal
import time

import pytest

from test_interrupted_fit import _fit_process
from test_training import _series_csv

optuna = pytest.importorskip("optuna")

TUNE_ARGS = ["series.csv", "--target", "y", "--horizon", "4", "--epochs", "20", "--batch-size", "16", "--trials", "50",
             "--search", "lr", "--lookback", "24", "--threads", "1", "--device", "cpu", "--out", "t"]


@pytest.mark.parametrize("signum, status, said", [(signal.SIGINT, -signal.SIGINT, "rnncast: interrupted\n"),
                                                  (signal.SIGTERM, -signal.SIGTERM, "rnncast: interrupted (SIGTERM)\n")])
def test_a_stopped_tune_says_one_line_ends_by_the_signal_and_leaves_no_trial_running(
        tmp_path, signum, status, said):
    _series_csv(tmp_path / "series.csv")
    run = _fit_process(TUNE_ARGS, tmp_path, command="tune")
    trials = tmp_path / "t" / "trials.csv"
    deadline = time.time() + 180
    while not trials.exists() and time.time() < deadline and run.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)  # into the next trial
    assert run.poll() is None, run.communicate()
    run.send_signal(signum)
    assert run.wait(timeout=120) == status
    err = run.stderr.read().decode()
    assert "Traceback" not in err and "Exception ignored" not in err and said.strip() + "; the study holds " in err, err
    assert err.endswith("to go on, run the same rnncast tune again with --out t (without it a new "
                        "numbered folder, a new study, is made): it adds trials to the study, the settings of a trial "
                        "left unfinished first\n"), err
    study = optuna.load_study(study_name="rnncast", storage=f"sqlite:///{tmp_path / 't' / 'study.db'}")
    states = [t.state.name for t in study.trials]
    assert states[0] == "COMPLETE" and "RUNNING" not in states and "WAITING" not in states, states
    assert all(t.user_attrs.get("failed") == "interrupted" for t in study.trials if t.state.name == "FAIL")

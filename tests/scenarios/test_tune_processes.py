"""Scenario: two ``rnncast tune`` processes started together on one new SQLite study. They race to
create it (its tables, its first rows, its name); the one that loses loads what the other made, so
both exit 0 and the study holds every trial of both."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import make_frame

optuna = pytest.importorskip("optuna")

# each process imports everything, says it is ready, and waits for the word go: both open the study at once
START_TOGETHER = ("import os, sys, time; from rnncast.cli import main; import rnncast.tuning, optuna, torch._dynamo; "
                  "open(sys.argv[1], 'w').close()\n"
                  "while not os.path.exists('go'): time.sleep(0.002)\n"
                  "sys.exit(main(sys.argv[2:]))")


def test_two_tune_processes_on_one_new_study_lose_no_trial(tmp_path):
    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    args = ["tune", "d.csv", "--target", "y", "--horizon", "2", "--lookback", "12", "--epochs", "1",
            "--hidden-size", "4", "--max-batches", "2", "--device", "cpu", "--trials", "2",
            "--storage", storage, "--study", "shared"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    runs = [subprocess.Popen([sys.executable, "-c", START_TOGETHER, f"ready{k}", *args, "--out", f"t{k}"],
                             cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for k in (1, 2)]
    deadline = time.time() + 120
    while not all((tmp_path / f"ready{k}").exists() for k in (1, 2)) and time.time() < deadline:
        assert all(run.poll() is None for run in runs), [run.communicate() for run in runs]
        time.sleep(0.01)
    (tmp_path / "go").touch()
    results = [run.communicate(timeout=180) for run in runs]
    for run, (out, err) in zip(runs, results):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    study = optuna.load_study(study_name="shared", storage=storage)
    assert len(study.trials) == 4
    assert all(t.state.is_finished() for t in study.trials)

"""Scenario: ``torchrun -m rnncast fit``: two CPU processes (gloo) train the model one process trains.

With the same seed and global batch, every step of the two ranks averages the gradients of the
same windows as the single process, so the runs differ only by the order of floating-point sums.
Measured on this data: predictions within 8.3e-7, losses within 1.7e-6 relative; asserted: 1e-5.
The helpers these runs rest on (shards, sums, the refusal of too many local ranks) are in
test_distributed.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import rnncast
from conftest import make_frame
from rnncast import Forecaster
from rnncast.cli import main
from rnncast.data import read_table

# 600 rows: 401 training windows, so a global batch of 40 leaves 1 window in the last batch of an
# epoch and rank 1's share of it empty (it joins the step with weight 0). lr 0.05 and patience 1
# make early stopping end the run before its 12 epochs.
ARGS = ["--target", "y", "--features", "x", "--lookback", "16", "--horizon", "4", "--hidden-size", "16",
        "--epochs", "12", "--batch-size", "40", "--lr", "0.05", "--patience", "1", "--dropout", "0",
        "--device", "cpu", "--seed", "1"]


def _torchrun(nproc: int, *args, cwd=None) -> subprocess.Popen:
    """``torchrun --standalone --nproc_per_node=nproc -m rnncast fit *args``, started."""
    src = str(Path(rnncast.__file__).parents[1])  # the rnncast under test, in the workers too
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={nproc}",
                             "-m", "rnncast", "fit", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """(folder, one-process run, two-process run, torchrun's stdout, torchrun's one-process run).

    The two torchruns start together and the plain run trains here meanwhile: most of each torchrun
    is its processes starting (Python, torch, gloo), which need not wait for one another."""
    folder = tmp_path_factory.mktemp("ddp")
    make_frame(600).to_csv(folder / "d.csv", index=False)
    data = str(folder / "d.csv")
    started = {"two": _torchrun(2, "d.csv", *ARGS, "--out", "two", cwd=folder),
               "solo": _torchrun(1, data, *ARGS, "--out", str(folder / "solo"))}
    try:
        assert main(["fit", data, *ARGS, "--out", str(folder / "one")]) == 0
        done = {name: (process.communicate(timeout=180), process.returncode) for name, process in started.items()}
    finally:
        for process in started.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    for name, ((_, err), code) in done.items():
        assert code == 0, f"{name}: {err[-3000:]}"
    return folder, folder / "one", folder / "two", done["two"][0][0], folder / "solo"


def test_two_processes_match_one_process_with_the_same_global_batch(runs):
    folder, one, two, _, _ = runs
    frame = read_table(folder / "d.csv")
    a = Forecaster.load(one).predict_windows(frame).y_pred
    b = Forecaster.load(two).predict_windows(frame).y_pred
    assert np.abs(a - b).max() < 1e-5


def test_early_stopping_agrees_and_the_losses_match(runs):
    _, one, two, _, _ = runs
    h1, h2 = pd.read_csv(one / "history.csv"), pd.read_csv(two / "history.csv")
    assert len(h1) < 12, "early stopping should end the reference run; change ARGS"
    assert len(h1) == len(h2) and list(h1["best"]) == list(h2["best"])
    np.testing.assert_allclose(h2["train_loss"], h1["train_loss"], rtol=1e-5)
    np.testing.assert_allclose(h2["val_loss"], h1["val_loss"], rtol=1e-5)


def test_only_rank_0_writes_and_prints(runs):
    _, one, two, stdout, _ = runs
    assert sorted(p.name for p in two.iterdir()) == sorted(p.name for p in one.iterdir())
    assert stdout.count("test split (original units)") == 1
    assert re.search(r"on 2 processes \(\w+, [\d,]+ parameters\); wrote", stdout) and stdout.count("; wrote") == 1  # 1700
    assert json.loads((two / "config.json").read_text())["processes"] == 2
    assert json.loads((one / "config.json").read_text())["processes"] == 1


def test_torchrun_with_one_process_trains_in_a_group_of_one_like_a_plain_process(runs):
    """``--nproc_per_node=1`` takes the DDP path (on a GPU machine: NCCL with one GPU) and trains
    what a plain process trains."""
    folder, one, _, _, solo = runs
    frame = read_table(folder / "d.csv")
    a = Forecaster.load(one).predict_windows(frame).y_pred
    b = Forecaster.load(solo).predict_windows(frame).y_pred
    assert np.abs(a - b).max() < 1e-5

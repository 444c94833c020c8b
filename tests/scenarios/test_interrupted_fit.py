"""Scenario: ``rnncast fit`` in a process of its own, interrupted. Killed with SIGKILL mid-epoch, a
``--resume`` ends with the weights of the run that was never interrupted; stopped with Ctrl-C, it
ends by the signal (a shell's 130), says how to resume, refuses to resume with other data, and resumes to the end.

Only the interrupted fit needs a process of its own: the resumes, the refusal and the uninterrupted
reference run in the test's process (``main``), as test_run_safety.py's SIGKILL test does; every
process trains on one thread (OMP_NUM_THREADS=1 there, conftest's ``torch.set_num_threads(1)``
here), so the arithmetic is the same and the weights compare exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import torch
from safetensors.torch import load_file

from rnncast.cli import main
from test_training import _epochs_done, _series_csv

FIT_ARGS = ["--target", "y", "--lookback", "24", "--horizon", "4", "--hidden-size", "32", "--epochs", "6",
            "--patience", "50", "--batch-size", "16", "--dropout", "0.1", "--num-layers", "2", "--device", "cpu"]


def _fit_process(args: list[str], cwd: Path, command: str = "fit") -> subprocess.Popen:
    """``rnncast fit`` (or ``command``: test_interrupted_tune.py's tune) with ``args`` in a process of its own."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}  # the same thread count in every process: same arithmetic
    return subprocess.Popen([sys.executable, "-m", "rnncast", command, *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_mid_epoch_then_resume_gives_the_uninterrupted_weights(tmp_path, monkeypatch, capsys):
    data = _series_csv(tmp_path / "series.csv")
    killed = _fit_process(["series.csv", *FIT_ARGS, "--out", "killed"], tmp_path)
    checkpoint = tmp_path / "killed" / "checkpoint.safetensors"
    deadline = time.time() + 120
    while _epochs_done(checkpoint) < 2 and time.time() < deadline and killed.poll() is None:
        time.sleep(0.05)
    time.sleep(0.15)  # into the next epoch
    assert killed.poll() is None, "the run finished before it could be killed; make it longer"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    done_at_kill = _epochs_done(checkpoint)
    assert 2 <= done_at_kill < 6
    assert not (tmp_path / "killed" / "model").exists()  # it really died before the end

    monkeypatch.chdir(tmp_path)
    assert main(["fit", "--resume", "killed"]) == 0, capsys.readouterr().err
    assert main(["fit", "series.csv", *FIT_ARGS, "--out", "reference"]) == 0, capsys.readouterr().err

    a = load_file(tmp_path / "reference" / "model" / "weights.safetensors")
    b = load_file(tmp_path / "killed" / "model" / "weights.safetensors")
    assert a.keys() == b.keys()
    for name in a:
        assert torch.equal(a[name], b[name]), f"{name} differs after resume"
    history = pd.read_csv(tmp_path / "killed" / "history.csv")
    assert list(history["epoch"]) == [1, 2, 3, 4, 5, 6]
    assert data.exists()


def _signalled_after_an_epoch(tmp_path, signum):
    """A fit of series.csv into tmp_path/run in its own process, sent ``signum`` once an epoch is checkpointed
    (or after 120 s, or when it ended); the process and its checkpoint's path."""
    _series_csv(tmp_path / "series.csv")
    run = _fit_process(["series.csv", *FIT_ARGS, "--out", "run"], tmp_path)
    checkpoint = tmp_path / "run" / "checkpoint.safetensors"
    deadline = time.time() + 120
    while _epochs_done(checkpoint) < 1 and time.time() < deadline and run.poll() is None:
        time.sleep(0.05)
    run.send_signal(signum)
    return run, checkpoint


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path, monkeypatch, capsys):
    run, checkpoint = _signalled_after_an_epoch(tmp_path, signal.SIGINT)
    assert run.wait(timeout=60) == -signal.SIGINT  # ended by the signal, after its clean-up: a shell's 130
    err = run.stderr.read().decode()
    assert "Traceback" not in err
    assert "Continue with: rnncast fit --resume run" in err
    assert _epochs_done(checkpoint) >= 1
    assert f"epoch {_epochs_done(checkpoint)} and those before it are saved" in err  # what the checkpoint holds
    saved = checkpoint.read_bytes()
    frame = pd.read_csv(tmp_path / "series.csv")
    frame.head(len(frame) * 3 // 4).to_csv(tmp_path / "head.csv", index=False)  # the first rows: resplit, test rows trained on
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["fit", "--resume", "run", "head.csv"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "run was started on other data than head.csv" in err
    assert checkpoint.read_bytes() == saved and not (tmp_path / "run" / "model").exists()  # nothing trained or written
    assert main(["fit", "--resume", "run"]) == 0, capsys.readouterr().err
    assert pd.read_csv(tmp_path / "run" / "history.csv")["epoch"].tolist() == [1, 2, 3, 4, 5, 6]


def test_sigterm_stops_cleanly_says_how_to_resume_and_exits_143(tmp_path, monkeypatch, capsys):
    """`kill PID` (docker stop, a scheduler's time limit) ended a fit at once, exit 143, saying nothing; it ends
    as Ctrl-C ends it, between batches, with the same line and SIGTERM's own status."""
    run, checkpoint = _signalled_after_an_epoch(tmp_path, signal.SIGTERM)
    assert run.wait(timeout=60) == -signal.SIGTERM  # a shell's 143
    err = run.stderr.read().decode()
    assert "Traceback" not in err
    assert f"rnncast: interrupted (SIGTERM); epoch {_epochs_done(checkpoint)} and those before it are saved. " \
           "Continue with: rnncast fit --resume run" in err
    monkeypatch.chdir(tmp_path)
    assert main(["fit", "--resume", "run"]) == 0, capsys.readouterr().err


def test_ctrl_c_in_a_shell_loop_of_fits_stops_the_loop(tmp_path):
    """``for f in ...; do rnncast fit $f ...; done`` went on to the next fit after Ctrl-C: the fit exited 130, which
    bash takes as a program that handled the Ctrl-C itself. Ended by the signal, the loop stops with it. The
    terminal sends Ctrl-C to the foreground process group, the shell and its command: here the group of a shell
    started in a session of its own."""
    _series_csv(tmp_path / "series.csv")
    command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "rnncast", "fit", "series.csv", *FIT_ARGS])
    (tmp_path / "loop.sh").write_text(f'for i in 1 2; do\n  {command} --out run$i\n  echo "after $i: $?"\ndone\n'
                                      'echo "loop ended"\n')
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    # the shell as a terminal starts it, Ctrl-C at its default: a suite run as a background job (`make test &`)
    # hands its processes SIGINT ignored, which a shell keeps ignored (bash cannot reset what it met ignored)
    terminal = "import os, signal; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('bash', ['bash', 'loop.sh'])"
    shell = subprocess.Popen([sys.executable, "-c", terminal], cwd=tmp_path, env=env, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    checkpoint = tmp_path / "run1" / "checkpoint.safetensors"
    deadline = time.time() + 120
    while _epochs_done(checkpoint) < 1 and time.time() < deadline and shell.poll() is None:
        time.sleep(0.05)
    assert shell.poll() is None, shell.communicate()
    os.killpg(shell.pid, signal.SIGINT)
    out, err = shell.communicate(timeout=60)
    assert "rnncast: interrupted" in err and "Traceback" not in err, err
    assert out == "" and shell.returncode == -signal.SIGINT, (out, shell.returncode)  # no "after 1", no second fit
    assert not (tmp_path / "run2").exists()

"""Training survives interruption, model files are safe to load, writes are atomic, divergence is caught."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import load_file

from rnncast import Forecaster, RnncastError, TrainingDiverged, files
from rnncast.cli import main

FIT_ARGS = ["--target", "y", "--lookback", "24", "--horizon", "4", "--hidden-size", "32", "--epochs", "6",
            "--patience", "50", "--batch-size", "16", "--dropout", "0.1", "--num-layers", "2", "--device", "cpu"]


def _series_csv(path: Path, n: int = 1200) -> Path:
    t = np.arange(n)
    y = np.sin(0.15 * t) + 0.1 * np.random.default_rng(3).standard_normal(n)
    pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="h"), "y": y}).to_csv(path, index=False)
    return path


def _fit_process(args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}  # the same thread count in every process: same arithmetic
    return subprocess.Popen([sys.executable, "-m", "rnncast", "fit", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _epochs_done(checkpoint: Path) -> int:
    try:
        with safe_open(str(checkpoint), framework="pt") as f:
            return json.loads(f.metadata()["loop"])["epoch"]
    except Exception:  # not written yet
        return 0


def test_sigkill_mid_epoch_then_resume_gives_the_uninterrupted_weights(tmp_path):
    data = _series_csv(tmp_path / "series.csv")
    reference = _fit_process(["series.csv", *FIT_ARGS, "--out", "reference"], tmp_path)
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

    resumed = _fit_process(["--resume", "killed"], tmp_path)
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read().decode()
    assert reference.wait(timeout=300) == 0, reference.stderr.read().decode()

    a = load_file(tmp_path / "reference" / "model" / "weights.safetensors")
    b = load_file(tmp_path / "killed" / "model" / "weights.safetensors")
    assert a.keys() == b.keys()
    for name in a:
        assert torch.equal(a[name], b[name]), f"{name} differs after resume"
    history = pd.read_csv(tmp_path / "killed" / "history.csv")
    assert list(history["epoch"]) == [1, 2, 3, 4, 5, 6]
    assert data.exists()


@pytest.mark.parametrize("ema", [0.0, 0.95])
def test_resume_in_process_matches_an_uninterrupted_fit(tmp_path, ema):
    y = np.sin(0.1 * np.arange(600)) + 0.1 * np.random.default_rng(0).standard_normal(600)
    settings = dict(lookback=16, hidden_size=8, dropout=0.2, num_layers=2, device="cpu", patience=50, ema=ema)
    full = Forecaster(epochs=5, **settings).fit(y)
    checkpoint = tmp_path / "state.safetensors"
    Forecaster(epochs=2, **settings).fit(y, checkpoint=checkpoint)
    resumed = Forecaster(epochs=5, **settings).fit(y, checkpoint=checkpoint, resume=True)
    for name, tensor in full.net_.state_dict().items():
        assert torch.equal(tensor, resumed.net_.state_dict()[name])
    assert [h["train_loss"] for h in full.history_] == [h["train_loss"] for h in resumed.history_]


class _Payload:
    """Unpickling this runs ``touch MARKER``: what a poisoned model file would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def model_dir(tmp_path):
    y = np.sin(0.1 * np.arange(300))
    model = Forecaster(lookback=10, hidden_size=4, epochs=1, device="cpu").fit(y)
    model.save(tmp_path / "model")
    return tmp_path / "model"


def test_a_pickle_payload_in_place_of_the_weights_is_refused_and_never_run(model_dir, tmp_path):
    marker = tmp_path / "pwned"
    (model_dir / "weights.safetensors").write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(RnncastError, match="safetensors"):
        Forecaster.load(model_dir)
    assert not marker.exists()


def test_a_pickle_file_beside_the_model_is_ignored(model_dir, tmp_path):
    marker = tmp_path / "pwned"
    for name in ("weights.pt", "model.pkl", "scaler.pkl"):
        (model_dir / name).write_bytes(pickle.dumps(_Payload(marker)))
    Forecaster.load(model_dir).predict(np.sin(0.1 * np.arange(50)))
    assert not marker.exists()


def test_a_pickle_payload_as_the_checkpoint_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    checkpoint = tmp_path / "checkpoint.safetensors"
    checkpoint.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(RnncastError, match="checkpoint"):
        Forecaster(lookback=10, epochs=2, device="cpu").fit(np.sin(0.1 * np.arange(300)), checkpoint=checkpoint, resume=True)
    assert not marker.exists()


def test_a_truncated_weights_file_is_reported(model_dir):
    weights = model_dir / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[:-40])
    with pytest.raises(RnncastError, match="damaged"):
        Forecaster.load(model_dir)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "metrics.json"
    files.write_json(target, {"old": True})

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        files.write_json(target, {"new": True, "padding": "x" * 100_000})
    assert json.loads(target.read_text()) == {"old": True}
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_a_killed_writer_leaves_the_old_file_or_the_new_one(tmp_path):
    """A process rewrites one file in a loop and is SIGKILLed; the file is always whole."""
    target = tmp_path / "big.json"
    script = (f"from rnncast import files\nimport itertools\n"
              f"for i in itertools.count():\n    files.write_json({str(target)!r}, {{'i': i, 'pad': 'x' * 2_000_000}})\n")
    for delay in (0.05, 0.2, 0.4):
        writer = subprocess.Popen([sys.executable, "-c", script])
        deadline = time.time() + 60
        while not target.exists() and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(delay)  # somewhere inside a later write
        writer.kill()
        writer.wait()
        content = json.loads(target.read_text())  # raises if half-written
        assert len(content["pad"]) == 2_000_000


def test_a_loss_that_overflows_stops_training_with_advice(tmp_path):
    huge = 1e30 * (1 + np.sin(0.1 * np.arange(300)))  # squares overflow float32 without scaling
    with pytest.raises(TrainingDiverged, match="lower learning rate"):
        Forecaster(lookback=10, epochs=2, scaler="none", window_norm="none", device="cpu").fit(huge)


def test_divergence_on_the_command_line_keeps_the_last_good_checkpoint(tmp_path, capsys, monkeypatch):
    """Epoch 1 trains; in epoch 2 a weight blows up to NaN (simulated); the loss check stops the run."""
    from rnncast import training

    real_epoch = training._train_epoch

    def blow_up_in_epoch_2(net, train, optimizer, generator, settings, epoch, *rest):
        if epoch == 2:
            with torch.no_grad():
                next(net.parameters()).fill_(float("nan"))
        return real_epoch(net, train, optimizer, generator, settings, epoch, *rest)

    monkeypatch.setattr(training, "_train_epoch", blow_up_in_epoch_2)
    _series_csv(tmp_path / "d.csv", n=300)
    code = main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", "10", "--epochs", "3",
                 "--device", "cpu", "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert code == 2
    assert err.startswith("rnncast: error: training loss became nan in epoch 2")
    assert "lower learning rate" in err and "checkpoint.safetensors" in err
    checkpoint = tmp_path / "run" / "checkpoint.safetensors"
    assert _epochs_done(checkpoint) == 1
    assert all(torch.isfinite(t).all() for t in load_file(checkpoint).values() if t.is_floating_point())


def test_same_seed_gives_bit_identical_weights_and_predictions():
    y = np.sin(0.1 * np.arange(400)) + 0.1 * np.random.default_rng(0).standard_normal(400)
    a = Forecaster(lookback=16, hidden_size=8, epochs=2, dropout=0.1, num_layers=2, device="cpu").fit(y)
    b = Forecaster(lookback=16, hidden_size=8, epochs=2, dropout=0.1, num_layers=2, device="cpu").fit(y)
    for name, tensor in a.net_.state_dict().items():
        assert torch.equal(tensor, b.net_.state_dict()[name])
    assert np.array_equal(a.predict(y).to_numpy(), b.predict(y).to_numpy())


def test_the_run_directory_records_versions_and_device(tmp_path):
    _series_csv(tmp_path / "s.csv", n=300)
    assert main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--epochs", "1", "--lookback", "10",
                 "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["device"] == "cpu"
    assert config["environment"]["torch"] == torch.__version__
    assert config["environment"]["numpy"] == np.__version__
    assert config["environment"]["rnncast"]


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path):
    _series_csv(tmp_path / "series.csv")
    run = _fit_process(["series.csv", *FIT_ARGS, "--out", "run"], tmp_path)
    checkpoint = tmp_path / "run" / "checkpoint.safetensors"
    deadline = time.time() + 120
    while _epochs_done(checkpoint) < 1 and time.time() < deadline and run.poll() is None:
        time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    assert run.wait(timeout=60) == 130
    err = run.stderr.read().decode()
    assert "Traceback" not in err
    assert "Continue with: rnncast fit --resume run" in err
    assert _epochs_done(checkpoint) >= 1
    resumed = _fit_process(["--resume", "run"], tmp_path)
    assert resumed.wait(timeout=300) == 0
    assert pd.read_csv(tmp_path / "run" / "history.csv")["epoch"].tolist() == [1, 2, 3, 4, 5, 6]


def test_ctrl_c_inside_a_finalizer_still_stops_training(tmp_path):
    """Python drops a KeyboardInterrupt raised inside ``__del__``; the CLI's handler only sets a flag,
    so a Ctrl-C that lands there still stops training at the next batch."""
    from rnncast import training

    stopped = []

    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives while a finalizer runs

    def on_epoch(record):
        Finalized()  # created and collected at once: its __del__ sends the signal
        stopped.append(record.epoch)

    y = np.sin(0.1 * np.arange(600)).astype(np.float32)
    before = signal.getsignal(signal.SIGINT)  # the default handler, or SIG_IGN in a background job
    with pytest.raises(KeyboardInterrupt):
        with training.ctrl_c_between_batches():
            Forecaster(lookback=16, hidden_size=8, epochs=5, device="cpu").fit(y, on_epoch=on_epoch)
    assert stopped == [1]  # the interrupt stopped training in epoch 2, not after the last epoch
    assert signal.getsignal(signal.SIGINT) == before  # the handler is restored

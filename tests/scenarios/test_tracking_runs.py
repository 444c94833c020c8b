"""Scenario: ``rnncast fit --track tensorboard|mlflow``: settings, per-epoch losses, final metrics and
the run's files reach the tracker (TensorBoard's event files read back; MLflow as a stand-in module
that records the calls, and for real where it is installed); ``track`` in a config file.
``folder``, ``fit_args`` and ``FakeMlflow`` are test_tracking.py's."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from rnncast.cli import main
from test_tracking import EPOCHS, FakeMlflow, fit_args, folder  # noqa: F401  (folder: a fixture)

def test_tensorboard_gets_settings_losses_metrics_and_plots(folder):
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    assert main(fit_args(folder, "tb", "--track", "tensorboard")) == 0
    history = pd.read_csv(folder / "tb" / "history.csv")
    events = EventAccumulator(str(folder / "tb" / "tensorboard"), size_guidance={"images": 0, "tensors": 0}).Reload()
    train = events.Scalars("loss/train")
    assert [e.step for e in train] == list(range(1, EPOCHS + 1))
    assert [e.value for e in train] == pytest.approx(list(history["train_loss"]), rel=1e-6)
    assert [e.value for e in events.Scalars("loss/val")] == pytest.approx(list(history["val_loss"]), rel=1e-6)
    assert {"loss", "forecast"} <= set(events.Tags()["images"])
    tags = set(events.Tags()["tensors"])  # text and hparams are stored as tensors
    assert {"settings/text_summary", "metrics.json/text_summary", "config.json/text_summary"} <= tags
    metrics = json.loads((folder / "tb" / "metrics.json").read_text())
    assert events.Scalars("test_mse")[0].value == pytest.approx(
        metrics["test"]["original"]["model"]["mse"], rel=1e-6)


def test_mlflow_gets_params_losses_metrics_and_the_run_directory(folder, monkeypatch):
    fake = FakeMlflow()
    monkeypatch.setitem(sys.modules, "mlflow", fake)
    assert main(fit_args(folder, "ml", "--track", "mlflow", "--cell", "gru")) == 0
    names = [name for name, _, _ in fake.calls]
    assert names[0] == "start_run" and names[-1] == "end_run" and fake.calls[-1][2] == {"status": "FINISHED"}
    params = next(args[0] for name, args, _ in fake.calls if name == "log_params")
    assert params["cell"] == "gru" and params["epochs"] == EPOCHS and params["batch_size"] == 64
    steps = [(args[0], kwargs["step"]) for name, args, kwargs in fake.calls if name == "log_metric"]
    assert steps == [(loss, epoch) for epoch in range(1, EPOCHS + 1) for loss in ("train_loss", "val_loss")]
    final = next(args[0] for name, args, _ in fake.calls if name == "log_metrics")
    assert final["test_mse"] == json.loads((folder / "ml" / "metrics.json").read_text())["test"]["original"]["model"]["mse"]
    artifacts = next(args for name, args, _ in fake.calls if name == "log_artifacts")
    assert Path(artifacts[0]) == folder / "ml"


def test_mlflow_for_real_with_a_local_store(folder, monkeypatch, tmp_path):
    mlflow = pytest.importorskip("mlflow")
    monkeypatch.chdir(tmp_path)  # MLflow puts artifacts in ./mlruns
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")  # its file store is retired
    assert main(fit_args(folder, "mlreal", "--track", "mlflow")) == 0
    runs = mlflow.search_runs(search_all_experiments=True)
    assert len(runs) == 1 and runs["params.lookback"][0] == "12" and runs["status"][0] == "FINISHED"
    client = mlflow.tracking.MlflowClient()
    assert len(client.get_metric_history(runs["run_id"][0], "val_loss")) == EPOCHS
    assert "run/metrics.json" in {a.path for a in client.list_artifacts(runs["run_id"][0], "run")}


def test_track_in_a_config_file(folder, monkeypatch):
    fake = FakeMlflow()
    monkeypatch.setitem(sys.modules, "mlflow", fake)
    (folder / "t.toml").write_text('track = "mlflow"\n')
    assert main(fit_args(folder, "cfg", "--config", str(folder / "t.toml"))) == 0
    assert fake.calls[0][0] == "start_run"

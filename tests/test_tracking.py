"""Experiment tracking (``tracking.py``): an unknown tracker or a missing package is refused before
any work, in one error line that says what to install; the final metrics are the model's scores as
flat names; the MLflow tracker logs plain settings, each epoch's losses and how the run ended.

Whole ``rnncast fit --track`` runs are in scenarios/test_tracking_runs.py; ``folder``, ``fit_args``
and ``FakeMlflow`` serve it too."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from conftest import make_frame
from rnncast import RnncastError, tracking
from rnncast.cli import main

EPOCHS = 3


def fit_args(folder: Path, out: str, *extra) -> list[str]:
    return ["fit", str(folder / "d.csv"), "--target", "y", "--lookback", "12", "--horizon", "2", "--hidden-size", "8",
            "--epochs", str(EPOCHS), "--patience", "50", "--device", "cpu", "--out", str(folder / out), *extra]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("track")
    make_frame(200).to_csv(folder / "d.csv", index=False)
    return folder


class FakeMlflow(types.ModuleType):
    """Records what rnncast asks of the mlflow module."""

    def __init__(self):
        super().__init__("mlflow")
        self.calls = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


@pytest.mark.parametrize("kind", ["mlflow", "tensorboard"])
def test_a_missing_package_is_one_line_naming_the_install(folder, monkeypatch, capsys, kind):
    monkeypatch.setitem(sys.modules, "mlflow" if kind == "mlflow" else "torch.utils.tensorboard", None)
    assert main(fit_args(folder, "missing", "--track", kind)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"rnncast: error: --track {kind} needs the {kind} package")
    assert "pip install" in err
    assert not (folder / "missing").exists()


@pytest.mark.parametrize("given", [["--track", "MLflow"], ["--config", "c.toml"]])
def test_a_tracker_is_read_in_any_case_from_the_flag_and_the_config_file(folder, monkeypatch, capsys, given):
    """t30t9: --track TensorBoard and TOML track = "MLflow" were refused while every other choice is read in any case
    (decision 1367): both now reach the tracker (here its missing package, refused by its lower-case name)."""
    (folder / "c.toml").write_text('track = "MLflow"\n', encoding="utf-8")
    monkeypatch.setitem(sys.modules, "mlflow", None)
    monkeypatch.chdir(folder)
    assert main(fit_args(folder, "cased", *given)) == 2
    assert capsys.readouterr().err.startswith("rnncast: error: --track mlflow needs the mlflow package")


def test_an_unknown_tracker_is_refused_before_any_work():
    with pytest.raises(RnncastError, match="unknown tracker 'wandb'; choose one of: tensorboard, mlflow"):
        tracking.check("wandb")


def test_final_metrics_are_the_models_scores_in_original_units_as_flat_names():
    metrics = {part: {"original": {"model": {"mse": k, "mae": 2 * k, "note": "text"}, "repeat": {"mse": 9.0}},
                      "scaled": {"model": {"mse": 0.5}}} for part, k in (("val", 1.0), ("test", 3.0))}
    assert tracking.final_metrics(metrics) == {"val_mse": 1.0, "val_mae": 2.0, "test_mse": 3.0, "test_mae": 6.0}
    final = {"val": metrics["val"], "test": None, "no_test": "no test rows: ...", "skipped_series": []}  # decision 2117
    assert tracking.final_metrics(final) == {"val_mse": 1.0, "val_mae": 2.0}  # a final fit's and a panel's run


def test_the_mlflow_tracker_logs_plain_settings_each_epochs_losses_and_a_failed_end(monkeypatch, tmp_path):
    fake = FakeMlflow()
    monkeypatch.setitem(sys.modules, "mlflow", fake)
    tracker = tracking.start("mlflow", tmp_path / "run", {"cell": "gru", "quantiles": (0.1, 0.9), "batch_size": None})
    tracker.epoch(types.SimpleNamespace(epoch=1, train_loss=0.5, val_loss=None))
    tracker.close(failed=True)
    assert fake.calls[0] == ("start_run", (), {"run_name": "run"})
    assert fake.calls[1] == ("log_params", ({"cell": "gru", "quantiles": "(0.1, 0.9)", "batch_size": "None"},), {})
    logged = [(args, kwargs) for name, args, kwargs in fake.calls if name == "log_metric"]
    assert logged == [(("train_loss", 0.5), {"step": 1})]  # no validation loss to log
    assert fake.calls[-1] == ("end_run", (), {"status": "FAILED"})

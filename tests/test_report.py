"""The run directory (``report.py``): every file written, the versions and device recorded, the
scores and the forecast plot made from one forecast of each part's windows, and a quantile model's
interval drawn as a band. The page in a real browser is scenarios/test_report_browser.py."""

from __future__ import annotations

import json

import numpy as np
import torch

import rnncast.forecasting
from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster
from rnncast.cli import main
from rnncast.panel import load_panel
from rnncast.report import forecast_plot, write_run
from test_training import _series_csv


def test_a_run_forecasts_its_validation_and_test_windows_once_each(tmp_path, monkeypatch, frame):
    panel = load_panel(frame, target="y", features=["x"])
    model = Forecaster(**TINY).fit(panel)
    calls = []
    real = rnncast.forecasting.forecast_windows

    def spy(*args, **kwargs):
        calls.append(len(args[3]))
        return real(*args, **kwargs)

    monkeypatch.setattr(rnncast.forecasting, "forecast_windows", spy)
    metrics = write_run(tmp_path, model, panel, source="frame")
    assert len(calls) == 2  # validation, test: scored and plotted from the same forecasts
    assert metrics["test"] == model.evaluate(panel, part="test")
    assert {p.name for p in tmp_path.iterdir()} >= {"config.json", "metrics.json", "history.csv", "model", "loss.png",
                                                    "forecast.png", "report.html"}
    assert json.loads((tmp_path / "metrics.json").read_text())["test"]["windows"] == metrics["test"]["windows"]


def test_a_panel_run_plots_its_first_series_against_its_dates(tmp_path):
    frame = make_panel(3, seed=4)
    model = Forecaster(**TINY).fit(frame)
    write_run(tmp_path, model, frame, source="panel")
    assert (tmp_path / "forecast.png").stat().st_size > 1000
    assert np.isfinite(json.loads((tmp_path / "metrics.json").read_text())["test"]["scaled"]["model"]["mse"])


def test_the_run_directory_records_versions_and_device(tmp_path):
    _series_csv(tmp_path / "s.csv", n=300)
    assert main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--epochs", "1", "--lookback", "10",
                 "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["device"] == "cpu"
    assert config["environment"]["torch"] == torch.__version__
    assert config["environment"]["numpy"] == np.__version__
    assert config["environment"]["rnncast"]


def test_the_forecast_plot_draws_the_interval_as_a_band(quantile_model):
    fig = forecast_plot(quantile_model, make_frame(200), {"lstm": quantile_model})
    ax = fig.axes[0]
    assert len(ax.collections) == 1  # the band from fill_between
    assert "lstm 80% interval" in [t.get_text() for t in ax.get_legend().get_texts()]

"""The run directory: every file written, the scores and the forecast plot made from one forecast
of each part's windows."""

from __future__ import annotations

import json

import numpy as np

import rnncast.forecasting
from conftest import TINY, make_panel
from rnncast import Forecaster
from rnncast.panel import load_panel
from rnncast.report import write_run


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

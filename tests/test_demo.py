"""The two demos (``demo.py``): the sine wave with RNN, LSTM and GRU side by side, and the second
tutorial's regression task as it was set up and with ``x`` known at forecast time; each writes a
run directory per model and a summary page. ``tiny_demos`` serves test_cli_commands.py too."""

from __future__ import annotations

import functools
import json

import numpy as np
import pytest

from rnncast import Forecaster, datasets, demo


@pytest.fixture
def tiny_demos(monkeypatch):
    """The demos with data and settings small enough for a test (their own train for minutes)."""
    monkeypatch.setattr(demo, "SINE_SETTINGS", dict(lookback=12, horizon=1, hidden_size=4, epochs=1, batch_size=64, lr=1e-2))
    monkeypatch.setattr(demo, "REGRESSION_SETTINGS", {**demo.REGRESSION_SETTINGS, "hidden_size": 4, "num_layers": 1,
                                                      "epochs": 2, "batch_size": 64})
    monkeypatch.setattr(datasets, "sine_wave", functools.partial(datasets.sine_wave, n=300))
    monkeypatch.setattr(datasets, "aligned_regression", functools.partial(datasets.aligned_regression, n=200))


def test_the_sine_demo_trains_three_cells_and_writes_a_run_each_and_a_summary(tiny_demos, tmp_path):
    rows = demo.sine(tmp_path, device="cpu")
    assert [r.name for r in rows] == ["RNN", "LSTM", "GRU"]
    assert {p.name for p in tmp_path.iterdir()} == {"rnn", "lstm", "gru", "loss.png", "forecast.png", "summary.json",
                                                    "report.html"}
    for row, cell in zip(rows, ("rnn", "lstm", "gru")):
        test = json.loads((tmp_path / cell / "metrics.json").read_text())["test"]["original"]
        assert row.mse == pytest.approx(test["model"]["mse"]) and row.repeat_mse == pytest.approx(test["repeat"]["mse"])
        assert row.parameters > 0 and Forecaster.load(tmp_path / cell).get_params()["cell"] == cell
    assert [s["name"] for s in json.loads((tmp_path / "summary.json").read_text())] == ["RNN", "LSTM", "GRU"]


def test_the_regression_demo_runs_the_task_as_given_and_with_x_known(tiny_demos, tmp_path):
    rows = demo.regression(tmp_path, device="cpu")
    assert [r.name for r in rows] == ["past only (as the tutorial)", "with x at the target's time step"]
    assert np.isfinite([r.r2 for r in rows]).all()
    assert Forecaster.load(tmp_path / "past-only").get_params()["future_known"] is False
    assert Forecaster.load(tmp_path / "future-known").get_params()["future_known"] is True
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert demo.WHY_NOT[:40] in page and page.count("data:image/png;base64,") == 2

"""The figure of one ETT forecast (``bench/figures.py``): a test window's input, its actual values,
the forecast, and Repeat for reference, returned as a Figure."""

from __future__ import annotations

import numpy as np

from rnncast.bench.figures import forecast_window_figure
from rnncast.bench.tables import BenchData
from rnncast.windows import Split


def _data() -> BenchData:
    return BenchData("ETTh1", "S", ["OT"], Split(train_end=20, val_end=30, end=40), np.arange(40.0)[:, None], (0,), None)


def test_the_figure_draws_the_windows_input_actual_values_forecast_and_repeat():
    predictions, repeat = np.full((8, 3, 1), 7.0), np.zeros((8, 3, 1))
    ax = forecast_window_figure(_data(), 5, 3, "nlinear", predictions, repeat, window=1).axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    assert [line.get_label() for line in ax.lines[:4]] == ["input", "actual", "repeat", "nlinear"]
    assert list(lines["input"].get_xdata()) == [-5, -4, -3, -2, -1] and list(lines["input"].get_ydata()) == [26, 27, 28, 29, 30]
    assert list(lines["actual"].get_ydata()) == [31, 32, 33] and list(lines["nlinear"].get_ydata()) == [7, 7, 7]
    assert "test window 2" in ax.get_title() and "L=5, H=3" in ax.get_title()


def test_repeat_is_drawn_once_when_it_is_the_model():
    repeat = np.zeros((8, 3, 1))
    ax = forecast_window_figure(_data(), 5, 3, "repeat", repeat, repeat).axes[0]
    assert [line.get_label() for line in ax.lines if not line.get_label().startswith("_")] == ["input", "actual", "repeat"]


def test_a_horizon_of_one_draws_the_actual_value_forecast_and_repeat_as_marks():
    predictions, repeat = np.full((8, 1, 1), 7.0), np.zeros((8, 1, 1))
    ax = forecast_window_figure(_data(), 5, 1, "nlinear", predictions, repeat).axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    assert all(lines[name].get_marker() not in ("None", "") for name in ("actual", "repeat", "nlinear"))
    assert lines["input"].get_marker() == "None"  # five steps: a line


def test_a_quick_runs_plot_says_so_in_its_title():
    """`bench ett --quick` drew plots whose titles never said QUICK."""
    repeat = np.zeros((8, 3, 1))
    assert forecast_window_figure(_data(), 5, 3, "repeat", repeat, repeat, quick=True).axes[0].get_title().startswith(
        "QUICK smoke test (few epochs): ")
    assert "QUICK" not in forecast_window_figure(_data(), 5, 3, "repeat", repeat, repeat).axes[0].get_title()

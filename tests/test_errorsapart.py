"""Several models of one series told apart by their errors (``errorsapart.py``): the demo's figures, a row per model of
its squared error's running mean beside repeating the last value's, under the actual values and every forecast."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster
from rnncast.errorsapart import errors_apart, running_mean


def legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_models_told_apart_name_their_values_units_as_every_forecast_plot_does(fitted, data):
    """A newcomer's find: the sine demo's summary plots (forecast-highway-on.png ...) labelled their values "y", where
    every run's forecast plot says "y (original units)"; the errors' rows below keep "squared error"."""
    fig = errors_apart(fitted, data, {"lstm": fitted})
    fig.canvas.draw()  # the label is fitted to its axes at a draw
    assert fig.axes[0].get_ylabel() == "y (original units)" and fig.axes[1].get_ylabel() == "squared error"


def test_models_told_apart_each_get_a_row_of_their_error_beside_repeating_the_last_value():
    """The sine demo drew RNN, LSTM and GRU on one another and 'repeat the last value' hidden under them, over the
    first 400 of 480 test points without saying so: each model now has a row of its squared error over every test
    point, beside repeat-last's and the noise floor, the rows sharing their axes."""
    data = make_frame(200, feature=False)
    models = {name: Forecaster(**{**TINY, "horizon": 1, "cell": name.lower()}).fit(data, target="y") for name in ("RNN", "GRU")}
    fig = errors_apart(models["RNN"], data, models, floor=0.01)
    top, *rows = fig.axes
    windows = len(models["RNN"].predict_windows(data, part="test").y_true)
    assert len(rows) == 2 and fig._suptitle.get_text() == f"Test split, forecast one step ahead: all {windows} test points"
    named = [t.split(" (under ")[0] for t in legend(top)]  # two tiny fits may draw one line: the entry says so
    assert named[:3] == ["actual", "RNN", "GRU"] and any(t.startswith("baseline: repeat") for t in named)
    for ax, name in zip(rows, models):
        assert ax.get_title().startswith(f"{name}: squared error, running mean over 25 points (MSE ")
        assert legend(ax) == ["repeat the last value", name, "noise floor"] and len(ax.lines[1].get_xdata()) == windows
    assert rows[0].get_shared_y_axes().joined(rows[0], rows[1]) and top.get_shared_x_axes().joined(top, rows[1])
    # a demo's group in the title: its two groups' PNGs, copied to slides, looked the same (decision 1699)
    grouped = errors_apart(models["RNN"], data, models, floor=0.01, group="cells alone")
    assert grouped._suptitle.get_text() == f"Test split, forecast one step ahead, cells alone: all {windows} test points"


def test_the_running_mean_is_centred_shorter_at_the_ends_and_leaves_gaps_out():
    assert running_mean(np.array([0.0, 0.0, 3.0, 0.0, 0.0]), 3) == pytest.approx([0.0, 1.0, 1.0, 1.0, 0.0])
    assert running_mean(np.array([2.0, 4.0]), 25) == pytest.approx([3.0, 3.0])  # fewer points than the width: as long
    series = np.random.default_rng(0).normal(size=60)  # the same as np.convolve's "same" where there are enough
    same = np.convolve(series, np.ones(25), mode="same") / np.convolve(np.ones(60), np.ones(25), mode="same")
    assert running_mean(series, 25) == pytest.approx(same)
    assert running_mean(np.array([2.0, np.nan, 4.0]), 3) == pytest.approx([2.0, 3.0, 4.0])


def test_repeating_the_last_value_has_one_look_in_the_top_panel_and_the_rows(fitted, data):
    """The rows drew 'repeat the last value' grey dashed, the training mean's dash, while the top panel drew it dotted
    through baselinelooks (r34r3 5, decision 1762): one look in the whole figure."""
    from matplotlib.colors import to_hex

    from rnncast.baselinelooks import STYLES

    fig = errors_apart(fitted, data, {"lstm": fitted})
    row = next(line for line in fig.axes[1].get_lines() if line.get_label() == "repeat the last value")
    assert to_hex(row.get_color()) == STYLES["repeat"]["color"] and row.get_linestyle() == STYLES["repeat"]["ls"]


def test_a_baseline_under_the_actual_line_says_so_and_the_noise_floor_is_dashed_not_dotted():
    """t36t5 3 (decision 1902): on the demo's smooth sine, the top panel's legend listed "baseline: repeat the last
    value", whose line lay wholly under the thick actual one, and the rows drew repeat-last grey dotted beside a noise
    floor black dotted, alike at a glance."""
    from rnncast import datasets
    from rnncast.baselinelooks import STYLES

    smooth = datasets.sine_wave(step=0.1)  # the demo's wave: 480 test points, about a pixel a step
    model = Forecaster(**{**TINY, "horizon": 1, "epochs": 1}).fit(smooth, target="y", time_col="t")
    fig = errors_apart(model, smooth, {"lstm": model}, floor=smooth.attrs["noise_floor_mse"])
    assert "baseline: repeat the last value (under the actual line)" in legend(fig.axes[0])
    floor = next(line for line in fig.axes[1].get_lines() if line.get_label() == "noise floor")
    assert floor.get_linestyle() == "--" and floor.get_linestyle() != STYLES["repeat"]["ls"]

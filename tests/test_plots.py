"""Figures for the run directory (``plots.py``): each function returns a matplotlib Figure drawn
with the Agg backend and never shown; ``png_bytes`` writes one and closes it. Baselines are told
apart by colour and line style; a panel's forecast is a grid of titled rows under one legend."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

from conftest import PNG_SIGNATURE
from rnncast import axislabels, baselinelooks, plots


def test_the_loss_figure_draws_train_and_validation_loss_and_marks_the_best_epoch():
    history = [{"epoch": e, "train_loss": 1.0 / e, "val_loss": v, "best": b}
               for e, v, b in zip((1, 2, 3), (0.9, 0.4, 0.6), (True, True, False))]
    ax = plots.loss_figure({"model (lstm)": history}).axes[0]
    assert [line.get_label() for line in ax.lines[:2]] == ["model (lstm) train", "model (lstm) validation"] and ax.get_yscale() == "log"
    assert list(ax.lines[2].get_xdata()) == [2] and list(ax.lines[2].get_ydata()) == [0.4]  # the kept epoch's dot
    never = [dict(h, best=False) for h in history]  # no epoch beat the untrained network: no dot claims one
    ax = plots.loss_figure({"lstm": never}).axes[0]
    assert len(ax.lines) == 2 and "untrained network" in ax.get_title()
    assert ax.get_ylabel() == "MSE (scaled units, log scale)"  # the log axis says so
    assert plots.loss_figure({"lstm": history}, "pinball loss").axes[0].get_ylabel() == "pinball loss (scaled units, log scale)"


def test_a_loss_without_validation_marks_the_kept_training_epoch_and_says_its_units():
    """val_frac=0 drew "dot: best validation epoch" over no validation curve and no dot; scaler 'none' trained in
    original units labelled scaled (a tester's findings, decision 553)."""
    history = [{"epoch": e, "train_loss": t, "val_loss": None, "best": b}
               for e, t, b in zip((1, 2, 3), (0.9, 0.4, 0.6), (True, True, False))]
    ax = plots.loss_figure({"lstm": history}, "MSE", "original units").axes[0]
    assert ax.get_title() == "Loss per epoch (no validation rows: the training loss alone)"
    grouped = plots.loss_figure({"lstm": history}, "MSE", "original units", group="highway on").axes[0]
    assert grouped.get_title() == "Loss per epoch, highway on (no validation rows: the training loss alone)"  # decision 1699
    assert list(ax.lines[1].get_xdata()) == [2] and list(ax.lines[1].get_ydata()) == [0.4]
    assert ax.get_ylabel() == "MSE (original units, log scale)"


def test_kept_epochs_are_drawn_over_the_lines_and_coinciding_lines_show_each_model():
    """A tester's finding (t30t10): RNN's kept-epoch dot (epoch 11) lay under the models' marks, and GRU's line hid
    LSTM's where the two losses coincide; the dots are drawn above every line and mark, each later model's line
    thinner, so the one under it shows at its edges."""
    history = [{"epoch": e, "train_loss": 1.0 / e, "val_loss": 1.0 / e, "best": e <= 11} for e in range(1, 20)]
    ax = plots.loss_figure({"RNN": history, "LSTM": history, "GRU": history}).axes[0]
    dots = [line for line in ax.lines if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    curves = [line for line in ax.lines if line not in dots]
    assert [list(d.get_xdata()) for d in dots] == [[11]] * 3
    assert min(d.get_zorder() for d in dots) > max(c.get_zorder() for c in curves)
    widths = {c.get_label(): c.get_linewidth() for c in curves}
    assert widths["RNN train"] > widths["LSTM train"] > widths["GRU train"]
    assert widths["LSTM validation"] == widths["LSTM train"]


def test_a_loss_of_one_epoch_is_a_dot_not_a_line_of_no_length():
    ax = plots.loss_figure({"lstm": [{"epoch": 1, "train_loss": 0.5, "val_loss": 0.4, "best": True}]}).axes[0]
    train, val = ax.lines[:2]
    assert train.get_marker() == "o" and train.get_markevery() == [0] and val.get_marker() == "s"
    many = plots.loss_figure({"lstm": [{"epoch": e, "train_loss": 1 / e, "val_loss": 1 / e, "best": True} for e in (1, 2)]})
    assert many.axes[0].lines[0].get_marker() == "None"  # a line of two epochs is seen as it is


def test_the_forecast_figure_draws_actual_forecasts_and_bands_and_falls_back_to_positions():
    x = pd.date_range("2024-01-01", periods=6, freq="h").to_numpy()
    actual = np.arange(6.0)
    fig = plots.forecast_figure(x, actual, {"lstm": actual + 1, "baseline: repeat the last value": actual * 0}, "test", "y",
                                bands={"lstm 80% interval": (actual, actual + 2)})
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["actual", "lstm", "baseline: repeat the last value"] and len(ax.collections) == 1
    assert ax.lines[2].get_linestyle() == ":"  # baselines dotted
    far = pd.date_range("9999-12-30", periods=6, freq="h").to_numpy()  # a date matplotlib cannot draw
    assert list(plots.forecast_figure(far, actual, {"lstm": actual}, "t", "y").axes[0].lines[0].get_xdata()) == list(range(6))


def test_row_numbers_are_ticked_in_whole_numbers():
    """A wide table's rows 80-99 were ticked 82.5, 87.5 (a tester's finding, decision 560)."""
    fig = plots.forecast_figure(np.arange(80, 100), np.arange(20.0), {"lstm": np.arange(20.0)}, "test", "y", xlabel="row")
    ticks = [t for t in fig.axes[0].get_xticks() if 80 <= t <= 99]
    assert ticks and all(float(t).is_integer() for t in ticks)


def test_each_baseline_has_its_own_colour_and_style_under_the_models():
    x, actual = np.arange(8), np.arange(8.0)  # every curve within the actual values' range: none off the chart
    names = ["lstm", "gru", "baseline: repeat the last value", "baseline: training mean", "baseline: seasonal naive (season 4)"]
    # each half a unit or more off the actual line: none under it (covered.under_actual)
    ax = plots.forecast_figure(x, actual, {n: actual + i + 0.5 for i, n in enumerate(names)}, "t", "y").axes[0]
    lines = ax.lines[1:]
    assert [line.get_label() for line in lines] == names
    assert [line.get_color() for line in lines[:2]] == ["C0", "C1"]  # models take the colour cycle
    styles = [(line.get_color(), line.get_linestyle()) for line in lines[2:]]
    assert len(set(styles)) == 3 and not {c for c, _ in styles} & {"C0", "C1"}
    assert all(b.get_zorder() < m.get_zorder() for b in lines[2:] for m in lines[:2])  # models drawn on top


def test_the_forecast_axis_covers_the_actual_and_the_models_and_names_a_baseline_off_it():
    """ETTh1's oil temperature between 0 and 8 with a training mean of 16: the mean no longer squashes the
    curves that matter; its legend entry and a note at the top edge say where it is."""
    x, actual = np.arange(50), 4 + 4 * np.sin(np.arange(50) / 5)
    predictions = {"lstm": actual + 0.3, "baseline: repeat the last value": np.roll(actual, 1),
                   "baseline: training mean": np.full(50, 16.0)}
    ax = plots.forecast_figure(x, actual, predictions, "t", "y").axes[0]
    bottom, top = ax.get_ylim()
    assert bottom <= actual.min() and top >= (actual + 0.3).max() and top < 16.0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["actual", "lstm", "baseline: repeat the last value", "baseline: training mean (16, off the chart above)"]
    assert [t.get_text() for t in ax.texts] == ["\u2191 training mean 16, off the chart"]
    assert ax.lines[0].get_marker() == "o" and ax.lines[0].get_linewidth() > ax.lines[1].get_linewidth()  # actual seen under a model on it
    ax.figure.draw_without_rendering()
    below = ax.get_legend().get_window_extent()  # under the axes, their labels clear of it (decision 1701)
    ticks = min(t.get_window_extent().y0 for t in ax.get_xticklabels() if t.get_text())
    assert below.y1 <= ticks and below.y0 >= 0 and ax.get_window_extent().width >= 0.8 * ax.figure.bbox.width


def test_the_forecast_grid_has_a_titled_row_per_series_and_one_legend():
    x = pd.date_range("2024-01-01", periods=6, freq="h").to_numpy()
    rows = [{"title": f"{role}: series {s!r}", "x": x, "actual": np.arange(6.0),
             "predictions": {"lstm": np.ones(6), "baseline: training mean": np.zeros(6)}} for role, s in
            (("best", "a"), ("median", "b"), ("worst", "c"))]
    fig = plots.forecast_grid(rows, "Test split", "y")
    assert [ax.get_title() for ax in fig.axes] == ["best: series 'a'", "median: series 'b'", "worst: series 'c'"]
    assert fig.get_suptitle() == "Test split" and [ax.get_legend() is not None for ax in fig.axes] == [True, False, False]
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["actual", "lstm", "baseline: training mean"]


def test_the_loss_axis_counts_whole_epochs_and_reads_plain_numbers():
    history = [{"epoch": e, "train_loss": 1.9 - 0.05 * e, "val_loss": 1.6 - 0.04 * e} for e in (1, 2, 3)]
    fig = plots.loss_figure({"lstm": history})
    plots.png_bytes(fig)  # ticks are made when drawn
    ax = fig.axes[0]
    assert all(float(t).is_integer() for t in ax.get_xticks())
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all("10^" not in t and "times" not in t and "e" not in t for t in labels)  # 1.5, not 1.5 x 10^0


LOSS_RANGES = [(0.19, 1.45), (1.05, 1.4), (0.21, 1.3), (0.21, 2.0), (6e-4, 0.5), (1e-5, 50.0), (3.0, 3.0)]


@pytest.mark.parametrize("low, high", LOSS_RANGES)
def test_a_log_axis_is_labelled_over_its_whole_range(low, high):
    """loss.png labelled nothing above its top decade (a train curve at 1.4 over a lone "1"), and the
    demo's half a figure: a labelled tick now stands at each end of the drawn range and labels are
    never far apart, in plain numbers."""
    epochs = np.arange(1, 21)
    losses = high * (low / high) ** ((epochs - 1) / 19)
    fig = plots.loss_figure({"m": [{"epoch": int(e), "train_loss": float(v), "val_loss": None} for e, v in
                                   zip(epochs, losses)]})
    plots.png_bytes(fig)  # ticks are made when drawn
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    ticks = [t.get_position()[1] for t in ax.get_yticklabels() if t.get_text()]
    inside = [t for t in ticks if bottom <= t <= top]
    span = np.log10(top / bottom)
    assert bottom <= low and high <= top and len(inside) >= 3
    assert np.log10(min(inside) / bottom) < 0.2 * span and np.log10(top / max(inside)) < 0.2 * span  # both ends
    assert np.diff(np.log10(sorted(inside))).max() <= 0.31 * span  # no stretch left unlabelled
    texts = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert all("10^" not in t and "times" not in t for t in texts)


def test_a_baseline_under_the_models_line_says_so_in_the_legend():
    """"baseline: repeat the last value" drawn exactly under the model had a legend entry with no line in sight."""
    actual = np.linspace(0.0, 10.0, 20)
    fig = plots.forecast_figure(np.arange(20), actual, {"model (lstm)": actual + 0.5, "baseline: repeat the last value": actual + 0.5,
                                                        "baseline: training mean": np.full(20, 5.0)}, "test", "y")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["actual", "model (lstm)", "baseline: repeat the last value (under the model's line)", "baseline: training mean"]
    x = np.arange(10)
    window = {"x": x[6:8], "forecast": np.ones(2), "band": None, "cutoff": 5,
              "baselines": {"baseline: repeat the last value": np.ones(2), "baseline: training mean": np.zeros(2)}}
    fig = plots.backtest_figure([{"label": "", "x": x, "actual": np.arange(10.0), "windows": [window]}], "b", model="model (gru)")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "baseline: repeat the last value (under the model's line)" in labels and "baseline: training mean" in labels
    assert "model (gru), one line shade per window" in labels


def test_a_backtest_window_of_one_step_draws_its_forecast_and_baselines_as_marks():
    """Horizon 1: each window's forecast and baseline is one point, a line of no length that drew nothing."""
    x = np.arange(30)
    actual = np.sin(x / 3.0)
    windows = [{"x": np.array([20 + j]), "forecast": np.array([1.0 + j]), "cutoff": 19 + j,
                "baselines": {"baseline: repeat the last value": np.array([0.5]), "baseline: training mean": np.array([0.0])}}
               for j in range(3)]
    ax = plots.backtest_figure([{"label": "", "x": x, "actual": actual, "windows": windows}], "t").axes[0]
    lines = [line for line in ax.lines if len(line.get_xdata()) == 1]  # a cutoff's line has two points
    assert len(lines) == 9  # three windows, each a forecast and two baselines
    assert all(line.get_marker() not in ("None", "", None) and line.get_markevery() == [0] for line in lines)
    assert len({line.get_marker() for line in lines}) == 3  # the forecast and each baseline a mark of its own
    assert ax.lines[0].get_marker() == "None"  # the actual values, a line of 30 points, unmarked
    longer = [dict(w, x=np.array([20, 21]), forecast=np.array([1.0, 2.0]), baselines={}) for w in windows[:1]]
    ax = plots.backtest_figure([{"label": "", "x": x, "actual": actual, "windows": longer}], "t").axes[0]
    assert ax.lines[1].get_marker() == "None"  # a window of two steps is a line, as before


def test_a_backtest_window_whose_model_kept_the_untrained_network_is_marked_and_named_once():
    """t38t5 6 (decision 2058): such a window drew a plain flat forecast on the repeat line, unmarked, while fit's
    forecast.png names "untrained": its forecast is marked x, the legend naming it once over windows and rows."""
    x = np.arange(30)
    said = "model (gru, untrained): no epoch beat it"
    windows = [{"x": x[10 + 5 * j:15 + 5 * j], "forecast": np.full(5, 1.0 + j), "cutoff": 9 + 5 * j, "baselines": {},
                "untrained": said if j != 1 else None} for j in range(3)]
    fig = plots.backtest_figure([{"label": "a", "x": x, "actual": np.sin(x / 3.0), "windows": windows},
                                 {"label": "b", "x": x, "actual": np.cos(x / 3.0), "windows": windows[2:]}], "t",
                                model="model (gru)")
    marked = [line for line in fig.axes[0].lines if line.get_gid() == "untrained"]
    assert [line.get_xdata()[0] for line in marked] == [10, 20] and {line.get_marker() for line in marked} == {"x"}
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts.count(said) == 1 and "model (gru), one line shade per window" in texts


def test_a_forecast_of_one_point_or_between_gaps_is_marked_in_the_forecast_figure():
    x = np.arange(100)  # more points than a figure marks at each actual value
    actual = np.sin(x / 5.0)
    pred = np.where(np.isin(x, [10, 11, 40]), actual, np.nan)  # 40 alone between gaps
    ax = plots.forecast_figure(x, actual, {"lstm": pred, "baseline: repeat the last value": pred}, "t", "y").axes[0]
    model, baseline = ax.lines[1], ax.lines[2]
    assert model.get_markevery() == [40] and model.get_marker() == "o" and baseline.get_markevery() == [40]
    assert baseline.get_marker() != model.get_marker()


def test_forecasts_one_horizon_apart_are_stitched_into_one_curve():
    y_true = np.arange(10.0)[:, None] + np.arange(3.0)  # [W, H]: window w forecasts rows w .. w + 2
    (windows, steps), actual, forecast = plots.contiguous_forecast(y_true, 2 * y_true, max_points=6)
    assert list(windows) == [0, 0, 0, 3, 3, 3] and list(steps) == [0, 1, 2] * 2 and list(actual) == [0, 1, 2, 3, 4, 5] and list(forecast) == [0, 2, 4, 6, 8, 10]


def test_the_backtest_figure_has_a_row_per_series_under_its_id_with_each_windows_band():
    """The y axis named the series id: it names what the values are, the id titles the row."""
    x = np.arange(10)
    window = {"x": x[6:8], "forecast": np.ones(2), "band": (np.zeros(2), np.full(2, 2.0)), "cutoff": 5,
              "baselines": {"baseline: repeat the last value": np.zeros(2)}}
    curves = [{"label": f"series {s!r}", "x": x, "actual": np.arange(10.0), "windows": [window, {**window, "band": None}]}
              for s in ("a", "b")]
    fig = plots.backtest_figure(curves, "backtest", band_label="80% interval", ylabel="sales", xlabel="row")
    assert [ax.get_title() for ax in fig.axes] == ["series 'a'", "series 'b'"]
    assert [ax.get_ylabel() for ax in fig.axes] == ["sales", "sales"] and [ax.get_xlabel() for ax in fig.axes] == ["", "row"]
    assert all(len(ax.collections) == 1 for ax in fig.axes)
    assert "80% interval" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert [line.get_xdata()[0] for line in fig.axes[0].lines if line.get_linestyle() == "--"] == [5, 5]  # the cutoffs: the last step each window saw


def test_the_backtest_figures_long_time_label_is_wrapped_inside_the_figure_beside_its_legend():
    """backtest.png cut "ds (one step per bar of '30min 08:00-19:30 Mon ... Sat', closed hours left out)" at both
    edges: the legend outside narrows the axes (decision 1789)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    x = np.arange(300)
    window = {"x": x[200:232], "forecast": np.ones(32), "cutoff": 199,
              "baselines": {"baseline: seasonal naive (season 128)": np.zeros(32), "baseline: training mean": np.zeros(32)}}
    label = "ds (one step per bar of '30min 08:00-19:30 Mon Tue Wed Thu Fri Sat', closed hours left out)"
    fig = plots.backtest_figure([{"label": "", "x": x, "actual": np.sin(x / 10), "windows": [window]}], "backtest",
                                ylabel="calls", xlabel=label, model="model (lstm + linear highway)")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    box = ax.xaxis.label.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width and box.x1 <= ax.bbox.x1 + 1
    assert "\n" in ax.get_xlabel() and " ".join(ax.get_xlabel().split()) == label


def test_png_bytes_writes_the_figure_and_leaves_matplotlibs_global_state_alone():
    import matplotlib.pyplot as plt

    backend, open_figures = matplotlib.get_backend(), plt.get_fignums()
    fig = plots.loss_figure({"m": [{"epoch": 1, "train_loss": 1.0, "val_loss": None}]})
    assert plots.png_bytes(fig)[:8] == PNG_SIGNATURE
    assert matplotlib.get_backend() == backend and plt.get_fignums() == open_figures  # a notebook keeps its inline plots


def test_importing_rnncast_does_not_import_matplotlib():
    """The estimator draws nothing: matplotlib (and its backend choice) loads only with a figure."""
    import subprocess
    import sys

    code = "import sys, rnncast; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_panel_rows_of_a_backtest_keep_their_own_dates_and_draw_the_seasonal_baseline():
    """Two series over different dates: each row shows its own date labels (the helper found the
    top rows unlabelled, read against the bottom row's dates); a window with a seasonal-naive
    forecast draws it."""
    import matplotlib.dates as mdates

    def curve(label, start):
        x = pd.date_range(start, periods=40, freq="D").to_numpy()
        window = {"x": x[30:35], "forecast": np.ones(5), "band": None, "cutoff": 29,
                  "baselines": {"baseline: repeat the last value": np.zeros(5), "baseline: training mean": np.full(5, 2.0),
                                "baseline: seasonal naive": np.full(5, 0.5)}}
        return {"label": label, "x": x, "actual": np.arange(40.0), "windows": [window]}

    fig = plots.backtest_figure([curve("A", "2023-01-01"), curve("C", "2023-06-01")], "backtest")
    png = plots.png_bytes(fig)  # draws the ticks
    assert png[:8] == PNG_SIGNATURE
    for ax, first in zip(fig.axes, ("2023-01-01", "2023-06-01")):
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        assert labels, ax.get_title()  # every row labelled
        assert mdates.num2date(sum(ax.get_xlim()) / 2).strftime("%Y-%m") == first[:7]  # its own span
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert {"baseline: repeat the last value", "baseline: training mean", "baseline: seasonal naive"} <= set(legend)


def test_a_backtest_figure_keeps_its_y_range_to_the_data_and_names_a_baseline_far_from_it():
    """ETTh1-like: values 0 to 8, a training mean of 16 in every window. The figure stretched its y axis to 16;
    it now frames the actual values and the forecasts, and says once per row where the mean is (decision 177)."""
    def curve(label):
        x = np.arange(40)
        windows = [{"x": x[o:o + 5], "forecast": np.full(5, 4.0), "band": (np.full(5, 3.0), np.full(5, 5.0)), "cutoff": o - 1,
                    "baselines": {"baseline: repeat the last value": np.full(5, 7.5), "baseline: training mean": np.full(5, 16.0)}}
                   for o in (30, 35)]
        return {"label": label, "x": x, "actual": np.linspace(0.0, 8.0, 40), "windows": windows}

    fig = plots.backtest_figure([curve("A"), curve("B")], "backtest")
    for ax in fig.axes:
        bottom, top = ax.get_ylim()
        assert bottom < 0.0 and 8.0 < top < 9.0  # the data's range with a margin, not reaching 16
        notes = [t.get_text() for t in ax.texts]
        assert notes == ["\u2191 training mean 16, off the chart"]  # once, though drawn in two windows
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "baseline: training mean" in legend and "baseline: repeat the last value" in legend  # rows share it
    alone = plots.backtest_figure([curve("A")], "backtest").axes[0].get_legend().get_texts()
    assert "baseline: training mean (16, off the chart above)" in [t.get_text() for t in alone]


def test_rows_sharing_one_legend_say_each_rows_baseline_value_at_its_own_edge_only():
    """A finance tester's eight tickers: the shared legend read "baseline: training mean (64.5, off the chart above)",
    the first ticker's mean, beside rows whose own were 3,375 (drawn) and 2,650 (noted at the edge)."""
    x = np.arange(30)
    rows = [{"title": name, "x": x, "actual": level + np.sin(x / 3), "predictions": {
        "lstm": level + np.sin(x / 3) + 0.1, "baseline: training mean": np.full(30, mean)}}
            for name, level, mean in (("AAA", 50.0, 64.5), ("TKY", 3000.0, 2650.0))]
    fig = plots.forecast_grid(rows, "test", "y")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["actual", "lstm", "baseline: training mean"]
    assert [[t.get_text() for t in ax.texts] for ax in fig.axes[:2]] == [
        ["\u2191 training mean 64.5, off the chart"], ["\u2193 training mean 2.65e+03, off the chart"]]


def test_a_time_axis_is_named_rows_or_by_its_column_with_its_zone():
    from rnncast.timecalendar import Calendar

    assert axislabels.time_label(Calendar()) == "row"
    assert axislabels.time_label(Calendar("integer", 1, None, "year")) == "year"
    assert axislabels.time_label(Calendar("datetime", None, None, "date")) == "date"
    assert axislabels.time_label(Calendar("datetime", None, "UTC", "time")) == "time (UTC)"
    assert axislabels.time_label(Calendar("datetime", None, "Europe/Berlin", "time")) == "time (local time, Europe/Berlin)"


def test_zoned_times_are_ticked_in_their_own_zone_and_periods_at_their_start():
    """matplotlib writes tz-aware times in UTC: a Berlin midnight stood at 22:00 the day before."""
    import matplotlib.dates as mdates

    x = pd.date_range("2024-04-10 00:00", periods=72, freq="h", tz="Europe/Berlin")
    fig = plots.forecast_figure(x, np.zeros(72), {}, "t", "load", xlabel="time (local time, Europe/Berlin)")
    plots.png_bytes(fig)
    ax = fig.axes[0]
    ticks = [mdates.num2date(v, tz="Europe/Berlin") for v in ax.get_xticks()]
    assert ax.get_xlabel() == "time (local time, Europe/Berlin)"
    assert ticks and all(t.hour % 6 == 0 for t in ticks) and any(t.hour == 0 for t in ticks)  # local midnights
    quarters = pd.period_range("2014Q1", periods=8, freq="Q")
    line = plots.forecast_figure(quarters, np.arange(8.0), {}, "t", "y").axes[0].lines[0]
    assert mdates.num2date(line.get_xdata(orig=False)[0]).strftime("%Y-%m-%d") == "2014-01-01"


def test_session_bars_are_drawn_at_consecutive_positions_and_named_so_under_the_axis():
    from rnncast import sessions
    from rnncast.timecalendar import Calendar

    session = sessions.parse("h 10:00-16:00")
    x = sessions.grid(session, pd.Timestamp("2024-03-01 09:00"), count=21)  # Fri, Mon, Tue
    fig = plots.forecast_figure(x, np.arange(21.0), {"lstm": np.ones(21)}, "t", "y", session=session)
    ax = fig.axes[0]
    assert all(list(line.get_xdata()) == list(range(21)) for line in ax.lines)
    assert list(ax.get_xticks()) == [0, 7, 14] and ax.get_xticklabels()[1].get_text() == "Mar 4"
    zoned = Calendar(kind="datetime", freq=session, tz="America/New_York", name="ts")
    assert axislabels.time_label(zoned) == ("ts (local time, America/New_York;\none step per bar of 'h 10:00-16:00', closed "
                                       "hours left out)")  # on two lines: one was cut at the figure's edges


def test_backtest_windows_are_shades_of_one_colour_no_baseline_has_and_the_cutoffs_one_grey():
    """With 5 or more windows, window 4's model line took the seasonal naive's purple, window 5 the training mean's
    brown, window 7 repeat-last's grey; then (bt-spring) window 5's pink stood beside the seasonal naive's purple, and
    the cutoff lines came in every window's colour under one blue "cutoffs" in the legend. The model's windows are
    now shades of its blue, neighbours told apart, and the cutoffs one neutral grey, as the legend shows them."""
    from matplotlib.colors import rgb_to_hsv, to_hex, to_rgb

    x = np.arange(40)
    names = ("baseline: repeat the last value", "baseline: training mean", "baseline: seasonal naive")
    windows = [{"x": x[12 + 3 * j: 15 + 3 * j], "forecast": np.full(3, 1.0 + j), "band": None, "cutoff": 11 + 3 * j,
                "baselines": {name: np.full(3, 0.1 * k) for k, name in enumerate(names)}} for j in range(8)]
    fig = plots.backtest_figure([{"label": "", "x": x, "actual": np.ones(40), "windows": windows}], "backtest")
    ax = fig.axes[0]
    baselines = [to_rgb(style["color"]) for style in baselinelooks.STYLES.values()]
    models = [to_rgb(line.get_color()) for line in ax.lines if line.get_gid() == "model"]  # thin lines (decision 2031)
    blue = rgb_to_hsv(to_rgb("C0"))[0]
    assert len(models) == 8 and all(abs(rgb_to_hsv(c)[0] - blue) < 0.05 and rgb_to_hsv(c)[1] > 0.3 for c in models)
    assert all(np.abs(np.subtract(c, b)).sum() > 0.3 for c in models for b in baselines)
    assert all(a != b for a, b in zip(models, models[1:]))  # neighbouring windows told apart
    cutoffs = {to_hex(line.get_color()) for line in ax.lines if list(line.get_ydata()) == [0, 1]}
    (handle,) = [h for h, t in zip(ax.get_legend().legend_handles, ax.get_legend().get_texts()) if t.get_text().startswith("cutoffs")]
    assert cutoffs == {to_hex(handle.get_color())} and rgb_to_hsv(to_rgb(cutoffs.pop()))[1] < 0.05  # one grey


def test_a_backtest_figure_is_tall_enough_for_its_title():
    """bt-spring's one row sat under a four-line title in a figure 3.6 inches high: 2.4 inches of plot, where a
    one-line title left 3. The figure's height now grows with its title's lines: its rows keep their height."""
    x = np.arange(60)
    windows = [{"x": x[40 + 5 * j: 45 + 5 * j], "forecast": np.ones(5), "band": None, "cutoff": 39 + 5 * j, "baselines": {}}
               for j in range(3)]

    def heights(rows, title):
        curves = [{"label": "series a" if rows > 1 else "", "x": x, "actual": np.sin(x / 4.0), "windows": windows}] * rows
        fig = plots.backtest_figure(curves, title)
        drawn(fig)
        return [ax.bbox.height / fig.dpi for ax in fig.axes]

    long = "Backtest: 10 cutoffs 24 steps apart\nOver every window, the model does NOT\nbeat the 'seasonal naive'\nhistory"
    for rows in (1, 3):
        assert np.allclose(heights(rows, long), heights(rows, "Backtest"), atol=0.08)
    assert min(heights(1, long)) >= 2.6


def test_a_title_longer_than_the_figure_is_wrapped_inside_it_not_cut():
    """A forecast figure's title naming long targets ran past the figure's left edge and was cut in the PNG; titles
    wrap (matplotlib's ``wrap``) so every line of them lies inside the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    x, actual = np.arange(30), np.sin(np.arange(30) / 5)
    title = "Test split, forecast one step ahead (first 30 points; target 'sales of the north-east region' drawn, " \
            "not 'sales of the south-west region', 'returns of the north-east region')"
    fig = plots.forecast_figure(x, actual, {"model (lstm + linear highway)": actual + 0.1}, title, "y", xlabel="row")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    box = fig.axes[0].title.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width


GDP = "gross_domestic_product_chain_linked_volumes_2015_prices_seasonally_unadjusted_bn_eur"
SALES = "weekly_net_sales_revenue_in_thousands_of_euros_after_returns_and_discounts"


def drawn(fig):
    """``fig`` drawn with Agg as png_bytes draws it (dpi 110), and its renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(110)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    return renderer


def y_labels(fig) -> list:
    """The y labels drawn in ``fig``: each axes' and the label along a column of axes (supylabel), non-empty."""
    texts = [ax.yaxis.label for ax in fig.axes] + [t for t in fig.texts if t.get_rotation() == 90]
    return [t for t in texts if t.get_text() and t.get_visible()]


def inside(box, outer, slack=1.0) -> bool:
    return box.x0 >= outer.x0 - slack and box.x1 <= outer.x1 + slack and box.y0 >= outer.y0 - slack and box.y1 <= outer.y1 + slack


def test_a_long_target_name_is_wrapped_along_its_axis_and_read_whole():
    """gdp_long.csv's 85-character target as forecast.png's y label showed only its middle, both ends cut at the
    figure's edges. It is wrapped at its underscores onto lines no longer than the axes, inside the figure."""
    x, actual = pd.period_range("2022Q1", periods=8, freq="Q"), np.linspace(900, 1000, 8)
    fig = plots.forecast_figure(x, actual, {"model": actual + 5}, "Test split", GDP, xlabel="quarter")
    renderer = drawn(fig)
    (label,) = y_labels(fig)
    box, axes = label.get_window_extent(renderer), fig.axes[0].bbox
    assert inside(box, fig.bbox) and box.height <= axes.height + 1
    assert "".join(label.get_text().split("\n")) == GDP and label.get_text().count("\n") <= 2


def test_a_grid_of_panels_with_a_long_target_shares_one_label_that_fits_and_overlaps_nothing():
    """retail_long.csv's 76-character target was each of three panels' y label, longer than a panel: the three ran
    into each other as one garbled stripe, cut at the image's edges, and into a panel's wrapped title."""
    x = pd.date_range("2023-05-28", periods=24, freq="W-SUN")
    panels = [{"title": f"best of 4 by test MASE: series 'store {k}', MASE 0.8", "x": x, "actual": np.arange(24.0) + k,
               "predictions": {"model": np.arange(24.0)}} for k in range(3)]
    fig = plots.forecast_grid(panels, "Test split, forecast 8 steps at a time", SALES, "ds")
    renderer = drawn(fig)
    labels = y_labels(fig)
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert all(inside(box, fig.bbox) for box in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    titles = [ax.title.get_window_extent(renderer) for ax in fig.axes]
    ticks = [t.get_window_extent(renderer) for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
    assert not any(box.overlaps(other) for box in boxes for other in titles + ticks)
    assert ["".join(t.get_text().split("\n")) for t in labels] == [SALES]  # once, whole


def test_a_name_too_long_for_its_axis_is_shortened_there_and_written_whole_under_the_title():
    name = "_".join(["monthly_sales_revenue_of_the_north_eastern_region_stores"] * 6) + "_in_eur"
    x, actual = np.arange(30), np.sin(np.arange(30) / 5)
    fig = plots.forecast_figure(x, actual, {"model": actual}, "Test split", name, xlabel="row")
    renderer = drawn(fig)
    (label,) = y_labels(fig)
    box = label.get_window_extent(renderer)
    assert inside(box, fig.bbox) and box.height <= fig.axes[0].bbox.height + 1
    assert "…" in label.get_text() and label.get_text().endswith("_in_eur")
    title = fig.axes[0].title
    assert name in "".join(title.get_text().split("\n")) and inside(title.get_window_extent(renderer), fig.bbox)
    assert title.get_text().startswith("Test split\n")
    drawn(fig)  # drawn again: the title names it once
    assert "".join(title.get_text().split("\n")).count(name) == 1


@pytest.mark.parametrize("last, kept", [(20, 20), (15, 15), (3, 2), (37, 30), (2, 1), (100, 61), (9, 4)])
def test_the_loss_axis_ticks_whole_epochs_in_regular_steps_and_names_the_kept_one(last, kept):
    """gdp-run's loss.png (20 epochs) was ticked 3, 6 ... 18, and the demo's at an epoch 0 that has no loss
    (decision 492); then the first, the last and the kept epochs were ticked, a scale of uneven steps (decision 684).
    Ticks are whole epochs in one round step within the epochs drawn, the kept one named in the legend, and no two
    labels overlap."""
    history = [{"epoch": e, "train_loss": 1 / e, "val_loss": 2 / e, "best": e <= kept} for e in range(1, last + 1)]
    fig = plots.loss_figure({"m": history})
    renderer = drawn(fig)
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if low <= t <= high]
    assert 1 <= ticks[0] and ticks[-1] <= last and all(float(t).is_integer() for t in ticks), ticks
    assert len({b - a for a, b in zip(ticks, ticks[1:])}) == 1 and 2 <= len(ticks) <= 9
    assert fig.legends[0].get_texts()[0].get_text() == f"m: epoch {kept} kept"
    boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text() and low <= t.get_position()[0] <= high]
    assert len(boxes) == len(ticks) and not any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:]))


def test_the_loss_legend_sits_off_the_curves_below_them():
    """With two epochs, matplotlib's "best" put the legend on the validation curve's start (its line holds no
    vertex there); off the axes it covers none (decision 600): below them, across the figure (decision 670)."""
    from rnncast.plots import loss_figure

    history = [{"epoch": 1, "train_loss": 0.049, "val_loss": 0.0247, "best": False},
               {"epoch": 2, "train_loss": 0.0475, "val_loss": 0.025, "best": False}]
    fig = loss_figure({"model": history})
    renderer = drawn(fig)
    legend, axes = fig.legends[0].get_window_extent(renderer), fig.axes[0].get_tightbbox(renderer)
    assert legend.y1 <= axes.y0  # wholly under the plotting area, its tick labels and "epoch"


LONG_NAMES = ("x's and y's past (the tutorial fed x's past only)", "with x at the target's time step")


def test_the_loss_legend_names_each_model_once_and_says_its_line_styles_apart():
    """`rnncast demo regression`'s loss.png: four entries ("<model> train", "<model> validation" for two models of
    long names) in a column beside the axes left the curves half the figure's width and the title wrapped. Each model
    is named once, by its colour; the line styles and the dot are said once each; the legend lies below the axes,
    across the figure, and the title holds one line (decision 670)."""
    history = [{"epoch": e, "train_loss": 1 / e, "val_loss": 1.1 / e, "best": e <= 30} for e in range(1, 41)]
    fig = plots.loss_figure({LONG_NAMES[0]: history, LONG_NAMES[1]: history[:20]})
    renderer = drawn(fig)
    ax, legend = fig.axes[0], fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [f"{LONG_NAMES[0]}: epoch 30 kept", f"{LONG_NAMES[1]}: epoch 20 kept",
                                                         "train (solid)", "validation (dashed)",
                                                         "kept epoch (best validation loss)"]
    assert [line.get_label() for line in ax.lines[:2]] == [f"{LONG_NAMES[0]} train", f"{LONG_NAMES[0]} validation"]
    width = fig.bbox.width
    box = legend.get_window_extent(renderer)
    assert 0 <= box.x0 and box.x1 <= width and box.y1 <= ax.get_tightbbox(renderer).y0  # whole, under the axes
    assert ax.get_window_extent(renderer).width >= 0.75 * width  # the curves take the figure's width
    assert ax.get_title() == "Loss per epoch" and all(t.get_fontsize() >= 9 for t in legend.get_texts())
    one = plots.loss_figure({"model (lstm)": [dict(h, val_loss=None) for h in history]})
    assert [t.get_text() for t in one.legends[0].get_texts()] == ["model (lstm): epoch 30 kept",
                                                                  "kept epoch (lowest training loss)"]


def test_the_loss_figure_ticks_regular_epochs_and_names_each_kept_one_in_its_legend():
    """The demo's loss-highway-on.png ticked 1, 10, 12, 20, 30, 38: its models' kept epochs and stops, a scale of
    uneven steps (a tester's find, decision 684). The epochs are ticked in regular steps; each kept epoch is its
    dot, named beside its model in the legend; a model that kept no epoch is named alone."""
    def run(stop, kept):
        return [{"epoch": e, "train_loss": 1 / e, "val_loss": 1.1 / e, "best": e <= kept} for e in range(1, stop + 1)]

    fig = plots.loss_figure({"RNN": run(38, 30), "LSTM": run(18, 10), "GRU": run(20, 12),
                             "untrained": [dict(h, best=False) for h in run(9, 0)]})
    plots.png_bytes(fig)  # ticks are made when drawn
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert [int(t) for t in ax.get_xticks() if low <= t <= high] == [5, 10, 15, 20, 25, 30, 35] and 0 < low < 1 < 38 < high
    assert [t.get_text() for t in fig.legends[0].get_texts()][:4] == ["RNN: epoch 30 kept", "LSTM: epoch 10 kept",
                                                                      "GRU: epoch 12 kept", "untrained"]
    assert [list(line.get_xdata()) for line in ax.lines if line.get_marker() == "o"] == [[30], [10], [12]]  # the dots


def test_the_rows_after_the_last_stitched_window_are_the_last_window_s_each_drawn_once():
    """12 windows of 3 steps (14 rows): windows 0, 3, 6, 9 draw rows 0-11, window 11 rows 12 and 13, its steps 1
    and 2 (decision 619); cut by max_points, only whole windows, as before."""
    y_true = np.arange(12.0)[:, None] + np.arange(3.0)  # window w forecasts rows w .. w + 2
    (windows, steps), actual, forecast = plots.contiguous_forecast(y_true, 2 * y_true)
    assert list(actual) == list(range(14)) and list(forecast) == [2 * r for r in range(14)]
    assert list(windows[-3:]) == [9, 11, 11] and list(steps[-3:]) == [2, 1, 2]
    assert all(w <= r for w, r in zip(windows, actual))  # each row forecast from a window starting at or before it
    assert len(plots.contiguous_forecast(y_true, y_true, max_points=13)[1]) == 12


def test_a_time_column_under_pandas_name_for_an_empty_header_is_labelled_time():
    """A learner's file written from a DatetimeIndex (its time column's header empty) had 'Unnamed: 0' under the
    forecast's time axis."""
    from types import SimpleNamespace

    from rnncast.axislabels import time_label

    assert time_label(SimpleNamespace(kind="time", name="Unnamed: 0", tz=None, freq_text="D")) == "time"
    assert time_label(SimpleNamespace(kind="time", name="date", tz=None, freq_text="D")) == "date"


def test_the_loss_figure_draws_the_untrained_network_s_validation_loss_in_its_axis():
    """loss.png titled "no epoch beat the untrained network" never showed that loss (the warning gave 0.031031, the
    axis began at 0.0315): a dotted line in the model's colour, keyed in the legend, inside the axis (decision 851)."""
    never = [{"epoch": e, "train_loss": t, "val_loss": v, "best": False}
             for e, t, v in zip((1, 2, 3), (0.05, 0.04, 0.035), (0.0315, 0.034, 0.036))]
    fig = plots.loss_figure({"lstm": never}, starts={"lstm": 0.031031})
    ax = fig.axes[0]
    [line] = [ln for ln in ax.lines if ln.get_ls() == ":"]
    assert line.get_label() == "lstm untrained validation" and list(line.get_ydata()) == [0.031031, 0.031031]
    assert line.get_color() == "C0" and ax.get_ylim()[0] < 0.031031 < ax.get_ylim()[1]
    assert "untrained network, validation (dotted)" in [t.get_text() for t in fig.legends[0].get_texts()]
    fig = plots.loss_figure({"lstm": never})  # none measured (a resumed fit, no validation rows): none drawn
    assert not [ln for ln in fig.axes[0].lines if ln.get_ls() == ":"]
    assert "untrained network, validation (dotted)" not in [t.get_text() for t in fig.legends[0].get_texts()]


def test_points_left_out_of_the_scores_are_marked_by_why_and_counted_alike_in_both_figures_titles():
    """forecast.png and backtest.png mark and count the unscored points with one helper each (``left_out``,
    ``scored_note``): made by fill 1 (a cross) before a window left out 2 (a ring), 0 scored."""
    marks = plots.left_out(np.array([True, False, True, False]), np.array([False, True, True, False]))
    assert marks.tolist() == [1, 2, 1, 0] and marks.dtype == np.int8
    assert plots.scored_note(10, 3, "them") == ", 7 of them scored, the 3 left out marked"
    assert plots.scored_note(10, 3, "the 10 target points drawn", "; ") == "; 7 of the 10 target points drawn scored, the 3 left out marked"
    assert plots.scored_note(10, 0, "them") == ""


def test_several_models_are_told_apart_by_a_mark_of_their_own_as_well_as_by_colour():
    """The sine demo's RNN, LSTM and GRU were told apart by orange and green alone (loss and forecast figures)."""
    from rnncast.lonepoints import MODEL_MARKS
    history = [{"epoch": e, "train_loss": 1.0 / e, "val_loss": 1.5 / e, "best": True} for e in range(1, 30)]
    fig = plots.loss_figure({"RNN": history, "LSTM": history, "GRU": history})
    by_label = {line.get_label(): line.get_marker() for line in fig.axes[0].lines}
    assert [by_label[f"{cell} {part}"] for cell in ("RNN", "LSTM", "GRU") for part in ("train", "validation")] == [
        mark for mark in MODEL_MARKS[:3] for _ in range(2)]
    assert [h.get_marker() for h in fig.legends[0].legend_handles[:3]] == list(MODEL_MARKS[:3])  # the legend says so
    lone = plots.loss_figure({"lstm": history}).axes[0].lines[0].get_marker()
    assert lone in ("None", "")  # one model needs no mark to be told apart
    x = np.arange(200)
    fig = matplotlib.figure.Figure()
    ax = fig.subplots()
    plots.draw_forecast(ax, x, np.sin(x / 9), {"RNN": np.sin(x / 9), "GRU": np.cos(x / 9)})
    marks = {line.get_gid(): line.get_marker() for line in ax.lines if line.get_gid()}
    assert marks == {"RNN": MODEL_MARKS[0], "GRU": MODEL_MARKS[1]}


def test_many_backtest_windows_mark_their_cutoffs_as_ticks_and_say_so_in_the_title():
    """A backtest of 500 windows drew 500 dashed cutoff lines, a grey wall over the forecasts and baselines (decision
    1563): above ``MANY_CUTOFFS`` windows each cutoff is a tick at the foot of the row, the title says so; fewer keep
    their lines."""
    def figure(n):
        x = np.arange(n + 10)
        windows = [{"x": x[j + 1: j + 4], "forecast": np.full(3, 1.0), "band": None, "cutoff": j,
                    "baselines": {"baseline: repeat the last value": np.zeros(3)}} for j in range(n)]
        return plots.backtest_figure([{"label": "", "x": x, "actual": np.ones(n + 10), "windows": windows}], "backtest")

    many = figure(plots.MANY_CUTOFFS + 1)
    ax = many.axes[0]
    assert not [line for line in ax.lines if list(line.get_ydata()) == [0, 1]]  # no vertical line
    (ticks,) = [line for line in ax.lines if line.get_marker() == "|"]
    assert list(ticks.get_xdata()) == list(range(plots.MANY_CUTOFFS + 1))
    assert "21 windows: each cutoff a tick at the foot of the plot, not a line" in many._suptitle.get_text()
    assert any(t.get_text().startswith("cutoffs") for t in ax.get_legend().get_texts())
    few = figure(plots.MANY_CUTOFFS)
    assert len([line for line in few.axes[0].lines if list(line.get_ydata()) == [0, 1]]) == plots.MANY_CUTOFFS
    assert "tick" not in few._suptitle.get_text()


def test_a_backtest_window_with_no_rows_is_not_drawn_and_the_next_takes_the_legend():
    """A window left out for its missing cutoff row has no rows (forecasts.csv holds none): its bands, line, points
    and cutoff are not drawn, on a zoned axis too, and the first window drawn carries the legend (decision 1819)."""
    from rnncast.quantilebands import Band

    x = pd.date_range("2024-10-18", periods=30, freq="h", tz="Europe/Berlin")
    empty = np.array([], dtype=float)
    left = {"x": x[:0], "forecast": empty, "bands": {"80% interval": Band(empty, empty)}, "cutoff": 10,
            "baselines": {"baseline: training mean": empty}}
    kept = {"x": x[20:23], "forecast": np.ones(3), "bands": {"80% interval": Band(np.zeros(3), np.full(3, 2.0))},
            "cutoff": 19, "baselines": {"baseline: training mean": np.zeros(3)}}
    ax = plots.backtest_figure([{"label": "", "x": x, "actual": np.arange(30.0), "windows": [left, kept]}], "b").axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "80% interval" in labels and "model, one line shade per window" in labels and "baseline: training mean" in labels
    assert sum(line.get_color() == plots.CUTOFF_COLOUR for line in ax.lines) == 1  # the kept window's cutoff alone
    assert not [line for line in ax.lines if len(line.get_xdata()) == 0]  # no line of the left-out window


def test_a_backtest_figure_of_many_windows_draws_thin_forecasts_under_the_actual_and_names_each_look_once():
    """t37t7: ten windows drew ten stacked bands and thirty baseline lines over the actual line. Above FEW_WINDOWS
    each forecast is a thin line, the actual one above them, and a band or baseline that only some windows carry
    (backtestplot gives the overlapping ones none) is named once in the legend, where first drawn (decision 2031)."""
    from rnncast.quantilebands import Band

    x = np.arange(60)
    actual = np.sin(x / 4.0)

    def window(j: int, whole: bool) -> dict:
        at = slice(20 + 3 * j, 30 + 3 * j)
        return {"x": x[at], "forecast": actual[at] + 0.1, "cutoff": 19 + 3 * j,
                "bands": {"80% interval": Band(actual[at] - 1, actual[at] + 1, None, 0)} if whole else {},
                "baselines": {"baseline: training mean": np.zeros(10)} if whole else {}}

    many = [window(j, j in (1, 5, 9)) for j in range(plots.FEW_WINDOWS + 5)]
    ax = plots.backtest_figure([{"label": "", "x": x, "actual": actual, "windows": many}], "t").axes[0]
    forecasts = [line for line in ax.lines if line.get_gid() == "model"]
    assert len(forecasts) == 10 and {line.get_linewidth() for line in forecasts} == {0.9}
    assert ax.lines[0].get_label() == "actual" and ax.lines[0].get_zorder() > forecasts[0].get_zorder()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels.count("80% interval") == 1 and labels.count("baseline: training mean") == 1
    assert len([line for line in ax.lines if line.get_gid() == "baseline: training mean"]) == 3 and len(ax.collections) == 3
    few = plots.backtest_figure([{"label": "", "x": x, "actual": actual, "windows": many[:3]}], "t").axes[0]
    assert {line.get_linewidth() for line in few.lines if line.get_gid() == "model"} == {1.4}  # as before

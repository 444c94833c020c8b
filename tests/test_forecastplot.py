"""The run's forecast figure (``forecastplot.py``): every baseline the verdict weighs is in the
legend; a panel shows its best, median and worst series by test MASE, each titled with its role,
id and MASE, from the forecasts already made; series without a MASE are not ranked; drawing leaves
matplotlib's global state alone. The legend and titles are read back from the Figure."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import rnncast.forecasting
from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, lonepoints
from rnncast.backtestplot import backtest_drawn
from rnncast.errorsapart import errors_apart
from rnncast.forecastplot import forecast_drawn, forecast_plot, series_mase
from rnncast.seriespicks import mase_by_target
from rnncast.plots import baseline_label

SEASONAL = {**TINY, "season": 6}


def legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def metric_baselines(model, data) -> list[str]:
    """The baselines the verdict compares the model with: every name in the test scores but the model."""
    return [name for name in model.evaluate(data, part="test")["original"] if name != "model"]


@pytest.fixture(scope="module")
def panel_data() -> pd.DataFrame:
    """Five series of 120-200 hourly rows and scales 0.1 to 100, period 6."""
    return make_panel(5, scales=(0.1, 100.0), periods=(6,), seed=7)


@pytest.fixture(scope="module")
def panel_model(panel_data) -> Forecaster:
    return Forecaster(**SEASONAL).fit(panel_data)


def test_one_series_shows_every_baseline_of_its_scores_in_a_style_of_its_own():
    data = make_frame(200)
    model = Forecaster(**SEASONAL).fit(data, target="y", features=["x"])
    names = metric_baselines(model, data)
    assert names == ["repeat", "mean", "seasonal"]
    fig = forecast_plot(model, data, {"lstm": model})
    assert len(fig.axes) == 1
    labels = legend(fig.axes[0])
    assert labels == ["actual", "lstm", "baseline: repeat the last value", "baseline: training mean",
                      "baseline: seasonal naive (season 6)"]
    assert [baseline_label(n, 6) for n in names] == labels[2:]
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    styles = {(line.get_color(), line.get_linestyle()) for name, line in lines.items() if name.startswith("baseline")}
    assert len(styles) == 3  # each baseline told apart by colour and line style


def test_the_values_axis_says_its_units_beside_a_loss_in_scaled_ones(panel_model, panel_data):
    """`rnncast demo regression`: loss.png's axis said "MSE (scaled units, log scale)", forecast.png's beside it "y",
    though its values are the data's own; each forecast axis now names its units (decision 670)."""
    data = make_frame(200)
    model = Forecaster(**TINY).fit(data, target="y", features=["x"])
    assert forecast_plot(model, data, {"lstm": model}).axes[0].get_ylabel() == "y (original units)"
    grid = forecast_plot(panel_model, panel_data, {"lstm": panel_model})
    assert [ax.get_ylabel() for ax in grid.axes] == ["y (original units)"] * 3


def test_without_a_season_the_legend_has_repeat_and_mean_only(fitted, data):
    assert metric_baselines(fitted, data) == ["repeat", "mean"]
    assert [t for t in legend(forecast_plot(fitted, data, {"lstm": fitted}).axes[0]) if t.startswith("baseline")] == [
        "baseline: repeat the last value", "baseline: training mean"]


def test_a_panel_shows_its_best_median_and_worst_series_by_test_mase(panel_model, panel_data, monkeypatch):
    test = panel_model.part_forecasts(panel_data, part="test")
    by_series = panel_model.evaluate(panel_data, part="test", by_series=True)["series"]
    mase = {sid: scores["model"]["mase"] for sid, scores in by_series.items()}  # the per-series MASE, computed apart
    ranked = sorted(mase, key=mase.get)
    expected = {"best": ranked[0], "median": ranked[(len(ranked) - 1) // 2], "worst": ranked[-1]}
    assert np.allclose(series_mase(test), [mase[sid] for sid in test.ids])
    assert metric_baselines(panel_model, panel_data) == ["repeat", "mean", "seasonal"]
    monkeypatch.setattr(rnncast.forecasting, "forecast_windows", lambda *a, **k: pytest.fail("forecast again"))
    fig = forecast_plot(panel_model, panel_data, {"lstm": panel_model}, test)
    assert len(fig.axes) == 3
    for ax, role in zip(fig.axes, ("best", "median", "worst")):
        sid = expected[role]
        assert ax.get_title() == f"{role} of 5 by test MASE: series {sid!r}, MASE {mase[sid]:.3g}"
        own = panel_data.loc[panel_data.unique_id == sid, "ds"].to_numpy()
        assert np.isin(np.asarray(ax.lines[0].get_xdata(), "datetime64[ns]"), own).all()  # against its own dates
    assert legend(fig.axes[0]) == ["actual", "lstm", "baseline: repeat the last value", "baseline: training mean",
                                   "baseline: seasonal naive (season 6)"]


def test_one_or_two_series_are_each_shown(panel_data):
    two = panel_data[panel_data.unique_id.isin(["s000", "s001"])]
    model = Forecaster(**SEASONAL).fit(two)
    fig = forecast_plot(model, two, {"lstm": model})
    assert [ax.get_title().split(":")[0] for ax in fig.axes] == ["series 's000'", "series 's001'"]
    one = panel_data[panel_data.unique_id == "s002"]
    alone = Forecaster(**SEASONAL).fit(one)
    title = forecast_plot(alone, one, {"lstm": alone}).axes[0].get_title()
    assert "series 's002'" in title


def test_series_with_constant_training_rows_are_not_ranked_and_the_figure_says_so(panel_data):
    flat = panel_data[panel_data.unique_id == "s000"].copy()
    flat["unique_id"], flat["y"] = "flat", 5.0
    flat.iloc[-30:, flat.columns.get_loc("y")] = 6.0  # constant while training, moving in the test split
    data = pd.concat([panel_data, flat], ignore_index=True)
    model = Forecaster(**SEASONAL).fit(data)
    test = model.part_forecasts(data, part="test")
    assert np.isnan(series_mase(test)[test.ids.index("flat")])
    fig = forecast_plot(model, data, {"lstm": model}, test)
    assert len(fig.axes) == 3 and not any("flat" in ax.get_title() for ax in fig.axes)
    assert "1 series not ranked" in fig.get_suptitle() and "'flat'" in fig.get_suptitle()
    assert "training rows that never change" in fig.get_suptitle()


def test_a_series_that_repeats_every_season_is_titled_so_not_as_constant(panel_data):
    """A weekly pattern's panel was titled "its training rows never change" above an oscillating line (decision
    909)."""
    two = panel_data[panel_data.unique_id.isin(["s000", "s001"])]
    rows = two[two.unique_id == "s000"].copy()
    rows["unique_id"], rows["y"] = "weekly", np.resize([3.0, 5.0, 4.0, 9.0, 1.0, 2.0], len(rows))  # season 6
    data = pd.concat([two, rows], ignore_index=True)
    model = Forecaster(**SEASONAL).fit(data)
    fig = forecast_plot(model, data, {"lstm": model})
    title = next(ax.get_title() for ax in fig.axes if "weekly" in ax.get_title())
    assert "training rows that repeat exactly every 6 steps" in title and "never change" not in title
    assert "never change" not in fig.get_suptitle() and "repeat exactly every 6 steps" in fig.get_suptitle()


def test_the_forecast_plot_draws_the_interval_as_a_band(quantile_model):
    fig = forecast_plot(quantile_model, make_frame(200), {"lstm": quantile_model})
    ax = fig.axes[0]
    assert len(ax.collections) == 1  # the band from fill_between
    assert "lstm 80% interval" in legend(ax)


def test_drawing_leaves_matplotlibs_backend_rc_and_pyplot_alone(panel_model, panel_data):
    import matplotlib
    import matplotlib.pyplot as plt

    from rnncast import plots

    backend, figures, rc = matplotlib.get_backend(), plt.get_fignums(), dict(matplotlib.rcParams)
    plots.png_bytes(forecast_plot(panel_model, panel_data, {"lstm": panel_model}))
    assert matplotlib.get_backend() == backend and plt.get_fignums() == figures and dict(matplotlib.rcParams) == rc


def test_rnncast_draws_without_importing_pyplot_or_choosing_a_backend():
    """A user's backend choice (here MPLBACKEND=svg) survives a fit and a drawn, written figure."""
    code = ("import sys, matplotlib\n"
            "from rnncast import Forecaster, plots\n"
            "from rnncast.datasets import sine_wave\n"
            "from rnncast.forecastplot import forecast_plot\n"
            "data = sine_wave(200)\n"
            "m = Forecaster(lookback=12, horizon=3, hidden_size=4, epochs=1, device='cpu', season=6).fit(data, target='y')\n"
            "assert plots.png_bytes(forecast_plot(m, data, {'lstm': m}))[:4] == b'\\x89PNG'\n"
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
            "assert matplotlib.get_backend() == 'svg', matplotlib.get_backend()\n")
    env = {**__import__("os").environ, "MPLBACKEND": "svg"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_time_axis_is_named_rows_or_by_the_time_column_with_its_zone():
    """forecast.png had no x label: numbered rows read as nothing, and hourly times did not say whether
    they were UTC or local."""
    rows = make_frame(200, time=False, feature=False)
    model = Forecaster(**TINY).fit(rows, target="y")
    assert forecast_plot(model, rows, {"lstm": model}).axes[0].get_xlabel() == "row"
    zoned = make_frame(200, feature=False)
    zoned["date"] = zoned["date"].dt.tz_localize("Europe/Berlin")
    model = Forecaster(**TINY).fit(zoned, target="y")
    assert forecast_plot(model, zoned, {"lstm": model}).axes[0].get_xlabel() == "date (local time, Europe/Berlin)"


def test_periods_are_drawn_at_their_start():
    """A PeriodIndex time column broke the figure: matplotlib cannot draw Period objects."""
    frame = pd.DataFrame({"quarter": pd.period_range("1990Q1", periods=120, freq="Q"), "y": np.sin(np.arange(120) / 2)})
    model = Forecaster(**TINY).fit(frame, target="y")
    fig = forecast_plot(model, frame, {"lstm": model})
    assert fig.axes[0].get_xlabel() == "quarter" and len(fig.axes[0].lines[0].get_xdata()) > 0


def test_values_fill_made_are_drawn_apart_from_the_actual_line_and_left_out_windows_as_gaps():
    """A newcomer's forecast.png drew a 21-week interpolated stretch as "actual". The observed line
    breaks there, the made values are crosses of their own, and the windows whose inputs were filled
    from their targets or later draw no forecast."""
    from rnncast.plots import FILLED_LABEL

    data = make_frame(200, freq="W-SUN", feature=False)
    data.loc[165:185, "y"] = np.nan  # the test part is rows 160-199
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 1}, fill="interpolate").fit(data, target="y")
    fig = forecast_plot(model, data, {"lstm": model})
    lines = {line.get_label(): np.asarray(line.get_ydata(), dtype=float) for line in fig.axes[0].lines}
    assert FILLED_LABEL in legend(fig.axes[0])
    made = ~np.isnan(lines[FILLED_LABEL])
    assert made.sum() == 21 and np.isnan(lines["actual"][made]).all() and not np.isnan(lines["actual"][~made]).any()
    wf = model.predict_windows(data, part="test")
    assert np.isnan(lines["lstm"]).sum() == wf.reads_later.sum() == 21
    assert np.isnan(lines["baseline: repeat the last value"]).sum() == 21


def test_every_point_left_out_of_the_scores_is_marked_and_the_title_counts_those_scored():
    """forecast.png said "(all 300 test points)" while 5 were not scored: 3 made by fill (marked) and 2 whose
    windows read values filled from later rows, drawn as ordinary points."""
    from rnncast.plots import FILLED_LABEL, LATER_LABEL

    data = make_frame(200, freq="W-SUN", feature=False)
    data.loc[158:160, "y"] = np.nan  # the test part is rows 160-199: 160 made, 161's inputs filled from it
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 1}, fill="interpolate").fit(data, target="y")
    wf = model.predict_windows(data, part="test")
    made, later = wf.filled[:, 0, 0], wf.reads_later & ~wf.filled[:, 0, 0]
    assert made.sum() == 1 and later.sum() >= 1  # both kinds present
    fig = forecast_plot(model, data, {"lstm": model})
    lines = {line.get_label(): np.asarray(line.get_ydata(), dtype=float) for line in fig.axes[0].lines}
    assert {FILLED_LABEL, LATER_LABEL} <= set(legend(fig.axes[0]))
    assert (~np.isnan(lines[FILLED_LABEL]) == made).all() and (~np.isnan(lines[LATER_LABEL]) == later).all()
    left = int((made | later).sum())
    assert f"(all 40 test points, {40 - left} of them scored, the {left} left out marked)" in fig.axes[0].get_title()
    clean = Forecaster(**{**TINY, "lookback": 8, "horizon": 1}).fit(make_frame(200, freq="W-SUN", feature=False), target="y")
    assert "scored" not in forecast_plot(clean, make_frame(200, freq="W-SUN", feature=False), {"lstm": clean}).axes[0].get_title()


def rows_of(fig) -> list:
    """The rows of a forecast figure: its axes that draw an actual line."""
    return [ax for ax in fig.axes if any(line.get_label() == "actual" for line in ax.lines)]


def actual_of(ax) -> np.ndarray:
    return np.asarray(next(line for line in ax.lines if line.get_label() == "actual").get_ydata(), dtype=float)


def test_a_model_of_several_targets_draws_each_in_a_row_of_its_own():
    """forecast.png of a two-target model (ETTh1's OT and HUFL) drew OT alone, HUFL nowhere but the CSV; the
    backtest figure alike. Each target now has its row, titled by its name, its y label its name and units, its
    actual values its own (z = 2y + 1 here), over the same dates as the first's."""
    frame = make_frame(160)
    frame["z"] = frame["y"] * 2 + 1
    model = Forecaster(**TINY).fit(frame, target=["y", "z"])
    fig, drawn = forecast_drawn(model, frame, {"lstm": model})
    rows = rows_of(fig)
    assert [ax.get_title() for ax in rows] == ["target 'y'", "target 'z'"] and drawn == 2
    assert rows[0].get_shared_x_axes().joined(rows[0], rows[1])  # one time axis: the dates line up
    assert [ax.get_ylabel() for ax in rows] == ["y (original units)", "z (original units)"]
    np.testing.assert_allclose(actual_of(rows[1]), 2 * actual_of(rows[0]) + 1, rtol=1e-5)
    assert "drawn" not in fig.get_suptitle() and "test points of each target" in fig.get_suptitle()
    backtest, drawn = backtest_drawn(Forecaster(**TINY).backtest(frame, n_windows=2, target=["y", "z"]))
    rows = rows_of(backtest)  # its series' MASE over every window before each (decision 1453)
    assert [ax.get_title().split("; ")[1].split(",")[0] for ax in rows] == ["target 'y'", "target 'z'"] and drawn == 2
    assert rows[0].get_shared_x_axes().joined(rows[0], rows[1])
    np.testing.assert_allclose(actual_of(rows[1]), 2 * actual_of(rows[0]) + 1, rtol=1e-5)


def test_targets_beyond_the_figures_rows_are_said_with_the_file_that_holds_them_all():
    from rnncast import targetrows

    frame = make_frame(160)
    names = [f"t{k}" for k in range(targetrows.MAX_ROWS + 1)]
    for k, name in enumerate(names):
        frame[name] = frame["y"] * (k + 1)
    model = Forecaster(**TINY).fit(frame.drop(columns=["y"]), target=names)
    fig = forecast_plot(model, frame, {"lstm": model}, where="test_forecasts.csv")
    assert [ax.get_title() for ax in rows_of(fig)] == [f"target 't{k}'" for k in range(targetrows.MAX_ROWS)]
    assert f"{targetrows.MAX_ROWS} of {len(names)} targets drawn" in fig.get_suptitle().replace("\n", " ")
    assert "all are in test_forecasts.csv" in fig.get_suptitle().replace("\n", " ")


def test_a_panel_of_several_targets_draws_each_picked_series_target_by_target():
    data = make_panel(5, periods=(6,), seed=7)
    data["z"] = data["y"] * 2 + 1
    model = Forecaster(**TINY).fit(data, target=["y", "z"])
    fig = forecast_plot(model, data, {"lstm": model})
    titles = [ax.get_title() for ax in rows_of(fig)]
    assert len(titles) == 6 and [t.rsplit("; ", 1)[1].split(",")[0] for t in titles] == ["target 'y'", "target 'z'"] * 3
    assert all(a.rsplit("; ", 1)[0] == b.rsplit("; ", 1)[0] for a, b in zip(titles[::2], titles[1::2]))  # one series
    # each row its own target's MASE; the pick's over both, said so (a tester's 'sales' row showed the mean: t30t10)
    test = model.part_forecasts(data, part="test")
    each = mase_by_target(test.original, test.mase_scales[test.original.series], len(test.ids))
    for title, t in zip(titles, [0, 1] * 3):
        sid = title.split("series '", 1)[1].split("'", 1)[0]
        assert title.endswith(f"; target {'yz'[t]!r}, MASE {each[list(test.ids).index(sid), t]:.3g}"), title
    assert titles[0].startswith("best of 5 by test MASE over its 2 targets: series ")
    rows = rows_of(fig)
    for y_row, z_row in zip(rows[::2], rows[1::2]):
        np.testing.assert_allclose(actual_of(z_row), 2 * actual_of(y_row) + 1, rtol=1e-5)


def session_bars(days: int = 40) -> pd.DataFrame:
    """30-minute bars 09:30-15:30 on business days (a trading session's calendar, decision 152), a random walk."""
    opens = pd.bdate_range("2024-01-02", periods=days) + pd.Timedelta("09:30:00")
    stamps = (opens.values[:, None] + pd.timedelta_range("0min", periods=13, freq="30min").values).reshape(-1)
    y = 100 + np.cumsum(np.random.default_rng(1).normal(size=len(stamps)))
    return pd.DataFrame({"timestamp": stamps, "close": y})


def test_session_bars_are_drawn_one_step_per_bar_and_ticked_at_the_session_starts():
    """On a real time axis 3/4 of forecast.png was nights and weekends crossed by straight lines, the trading
    hours squeezed into bursts. The bars are drawn at consecutive positions, ticked at the first bar of each
    session with its date."""
    data = session_bars()
    model = Forecaster(**{**TINY, "lookback": 26, "horizon": 13}).fit(data, target="close")
    assert model.calendar_.freq_text == "30min 09:30-15:30"
    ax = forecast_plot(model, data, {"lstm": model}).axes[0]
    n = len(ax.lines[0].get_xdata())
    assert all(list(line.get_xdata()) == list(range(n)) for line in ax.lines)  # actual, the model, every baseline
    first = model.part_forecasts(data, part="test").original
    drawn = pd.DatetimeIndex(first.time[first.target_rows[0] + np.arange(n)])  # the times drawn, in order
    starts = [i for i in range(n) if drawn[i].strftime("%H:%M") == "09:30"]
    assert list(ax.get_xticks()) == starts
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == [f"{drawn[i]:%b} {drawn[i].day}" for i in starts]
    assert ax.get_xlabel() == "timestamp (one step per bar of '30min 09:30-15:30', closed hours left out)"


def test_business_days_keep_their_real_time_axis():
    """Daily data without weekends (B) is drawn at its dates: a weekend is two steps of a day, no night of 18 hours
    between bursts of trading (decision 165)."""
    data = make_frame(200, freq="B", feature=False)
    model = Forecaster(**TINY).fit(data, target="y")
    ax = forecast_plot(model, data, {"lstm": model}).axes[0]
    x = np.asarray(ax.lines[0].get_xdata())
    assert np.issubdtype(x.dtype, np.datetime64) and ax.get_xlabel() == "date"


def _rendered_legend(fig) -> list[str]:
    from rnncast.plots import png_bytes

    assert png_bytes(fig)[:4] == b"\x89PNG"  # drawn whole, legend and all
    return legend(fig.axes[0])


def test_levels_without_a_mirror_are_drawn_and_named_not_left_out():
    """--quantiles 0.05,0.5,0.9 drew no band and named no level, though predict writes all three columns."""
    model = Forecaster(**{**TINY, "quantiles": (0.05, 0.5, 0.9)}).fit(make_frame(200), target="y")
    fig = forecast_plot(model, make_frame(200), {"lstm": model})
    names = _rendered_legend(fig)
    assert "lstm q0.05" in names and "lstm q0.9" in names and not any("interval" in n for n in names)
    levels = [line for line in fig.axes[0].get_lines() if line.get_label().startswith("lstm q")]
    assert len(levels) == 2 and levels[0].get_linestyle() == ":"  # each its own style (test_quantilebands.py)


def test_every_central_interval_is_a_nested_band_named_by_its_width():
    """0.05, 0.25, 0.5, 0.75, 0.95 drew only the 90% band, while coverage_50 was reported."""
    model = Forecaster(**{**TINY, "quantiles": (0.05, 0.25, 0.5, 0.75, 0.95)}).fit(make_frame(200), target="y")
    fig = forecast_plot(model, make_frame(200), {"lstm": model})
    names = _rendered_legend(fig)
    assert names.index("lstm 90% interval") < names.index("lstm 50% interval")  # the outer first, under the inner
    outer, inner = [c for c in fig.axes[0].collections if len(c.get_paths())]  # less the legend's swatches
    assert outer.get_alpha() < inner.get_alpha()


@pytest.mark.parametrize("freq", ["ME", "YE"])
def test_a_period_end_calendars_forecast_is_ticked_on_its_points_named_by_their_period(freq):
    """forecast.png of a yearly series dated 12-31 ticked 2016 ... 2024 where its points were 2015-12-31 ...
    2023-12-31 (its last point on "2024"); a month end sat at the next month's tick. Ticks are now test points,
    each labelled by the period it is in."""
    from matplotlib import dates as mdates

    from rnncast.plots import png_bytes

    n = 80
    data = pd.DataFrame({"date": pd.date_range("1940-12-31", periods=n, freq=freq), "y": 50 + 0.5 * np.arange(n)})
    model = Forecaster(**{**TINY, "lookback": 6}).fit(data)
    ax = forecast_plot(model, data, {"model": model}).axes[0]
    png_bytes(ax.figure)
    ticks = [pd.Timestamp(mdates.num2date(v)).tz_localize(None) for v in ax.get_xticks()]
    drawn = set(pd.DatetimeIndex(ax.lines[0].get_xdata()))  # the actual values' points
    assert 2 <= len(ticks) and set(ticks) <= drawn
    labels = [t.get_text().split("\n")[0] for t in ax.get_xticklabels()]
    assert labels == [str(t.year) if freq == "YE" else f"{t:%b}" for t in ticks]

def test_a_test_part_of_one_window_at_horizon_one_is_seen_and_said_as_one_point():
    """Its forecast, baselines and band were one point each: a line of no length, a fill of no width."""
    import matplotlib.collections

    months = pd.date_range("2012-01-01", periods=40, freq="MS")
    frame = pd.DataFrame({"month": months, "sales": 100 + np.arange(40.0) + 5 * np.sin(np.arange(40) / 2)})
    model = Forecaster(lookback=5, horizon=1, test_frac=0.025, epochs=1, threads=1, quantiles=(0.1, 0.5, 0.9),
                       seed=0).fit(frame, target="sales")
    fig = forecast_plot(model, frame, {"model": model})
    ax = fig.axes[0]
    assert "(all 1 test point)" in fig.axes[0].get_title()
    one = [line for line in ax.lines if len(line.get_xdata()) == 1]
    assert len(one) >= 3 and all(line.get_marker() not in ("None", "") for line in one)  # actual, model, baselines
    assert any(isinstance(c, matplotlib.collections.LineCollection) for c in ax.collections)  # the band's bar
    errors = errors_apart(model, frame, {"model": model})  # it crashed: a running mean as long as its width (25)
    assert [line.get_marker() for line in errors.axes[1].lines[:2]] == ["s", lonepoints.MODEL_MARKS[0]]  # the top's mark
    assert errors._suptitle.get_text() == "Test split, forecast one step ahead: all 1 test point"


def test_a_quarterly_series_is_ticked_by_quarter_as_its_file_writes_them():
    """gdp.csv's quarters (2014Q1 ...) were ticked "2022-Jan, Apr, Jul, Oct, 2023" in forecast.png while the page and
    predict wrote 2022Q1: the figure now reads the model's calendar and ticks quarters in the data's own form."""
    from rnncast.plots import png_bytes

    rng = np.random.default_rng(1)
    quarters = pd.period_range("2014Q1", periods=40, freq="Q").astype(str)
    frame = pd.DataFrame({"quarter": quarters, "gdp": 800 + np.cumsum(rng.normal(5, 3, 40)) + 20 * np.tile([0, 1, 2, -3], 10)})
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "season": 4, "epochs": 1}).fit(frame, target="gdp")
    fig = forecast_plot(model, frame, {"model": model})
    png_bytes(fig)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[0] == "2022Q1" and labels[1:4] == ["Q2", "Q3", "Q4"] and "2023Q1" in labels, labels


def test_the_title_says_all_test_points_when_none_is_cut_and_first_n_when_some_are():
    """"(first 120 points)" over a test part of 120 windows read as rows cut; the demo's page says "all" (decision 600)."""
    frame = pd.DataFrame({"t": np.arange(300), "y": np.sin(np.arange(300) / 5)})
    model = Forecaster(lookback=10, horizon=1, epochs=1, threads=1, seed=0).fit(frame, target="y")
    windows = len(model.part_forecasts(frame, part="test").original.y_true)
    assert f"(all {windows} test points)" in forecast_plot(model, frame, {"model": model}).axes[0].get_title()
    assert "(first 20 points)" in forecast_plot(model, frame, {"model": model}, max_points=20).axes[0].get_title()


def test_every_test_row_is_drawn_when_the_test_part_is_no_multiple_of_the_horizon():
    """72 months, horizon 3: the title said "all 12 test points" over 14 test rows, its lines stopping at Oct 2023.
    Now the last two rows are the last window's forecasts (cutoff Sep 2023), each row drawn once (decision 619)."""
    months = pd.date_range("2018-01", periods=72, freq="MS")
    frame = pd.DataFrame({"month": months.strftime("%Y-%m"), "revenue": 100 + np.sin(np.arange(72) / 2)})
    model = Forecaster(lookback=12, horizon=3, season=12, epochs=1, hidden_size=4, threads=1, seed=0)
    model.fit(frame, target="revenue")
    test = model.part_forecasts(frame, part="test")
    rows = len(test.original.y_true) + 2  # the windows' first rows, and the last window's two more
    ax = forecast_plot(model, frame, {"model": model}, test=test).axes[0]
    assert f"(all {rows} test points, the last 2 from a cutoff 2 steps after the one before)" in ax.get_title()
    x, actual = ax.lines[0].get_data()
    assert len(x) == rows and np.allclose(actual[-rows:], frame["revenue"].to_numpy()[-rows:])
    last = test.original.y_pred[-1, 1:, 0]  # the last window's forecasts of Nov and Dec 2023
    assert np.allclose(ax.lines[1].get_ydata()[-2:], last)


def test_a_panel_s_title_says_all_test_points_when_each_series_is_drawn_whole(panel_model, panel_data):
    """The grid said "the first 18 points of each series" where every test row of each was drawn (decision 619)."""
    test = panel_model.part_forecasts(panel_data, part="test")
    rows = set(np.bincount(test.original.series) + panel_model.settings_.data.horizon - 1)
    title = forecast_plot(panel_model, panel_data, {"model": panel_model}, test=test).get_suptitle()
    assert ("(all test points of each series drawn" if len(rows) > 1 else f"(all {rows.pop()} test points of each series drawn") in title
    cut = forecast_plot(panel_model, panel_data, {"model": panel_model}, test=test, max_points=12).get_suptitle()
    assert "(the first 12 points of each series drawn" in cut


def test_a_panel_s_title_says_where_each_series_last_points_come_from():
    """A grid of stores with 13 test rows and horizon 6 drew the last point from a cutoff 1 step after the one
    before without saying so, as the one series' title says."""
    rng = np.random.default_rng(0)
    time = pd.date_range("2015-01-31", periods=66, freq="ME")
    frame = pd.concat([pd.DataFrame({"store": f"S{k}", "month": time,
                                     "sales": 100 + 10 * np.sin(np.arange(66) / 2) + rng.normal(0, 1, 66)})
                       for k in range(4)])
    model = Forecaster(**{**TINY, "horizon": 6, "epochs": 1, "test_frac": 0.2}).fit(frame, target="sales",
                                                                                    id_col="store", time_col="month")
    test = model.part_forecasts(frame, part="test")
    windows = set(np.bincount(test.original.series))
    assert windows == {8}  # 13 test rows: 8 windows, the last row from a cutoff 1 step after the one before
    title = forecast_plot(model, frame, {"model": model}, test=test).get_suptitle()
    assert "(all 13 test points of each series drawn, the last 1 from a cutoff 1 step after the one before)" in title


def test_a_test_split_of_one_window_a_series_is_said_to_come_from_one_cutoff():
    """t39t2 7 (decision 2127): a panel cut at --cutoff with a horizon of test rows was titled "forecast 28 steps at
    a time, from cutoffs 28 steps apart" over its one cutoff. It names that cutoff as the data writes its dates, or
    says one cutoff in each series where the series' differ; several windows keep "cutoffs 6 steps apart"."""
    rng = np.random.default_rng(0)

    def stores(shift: int) -> pd.DataFrame:
        return pd.concat([pd.DataFrame({"store": f"S{k}", "month": pd.date_range(
            "2015-01-31", periods=60, freq="ME") + pd.offsets.MonthEnd(shift * k), "sales": 100 + rng.normal(0, 5, 60)})
            for k in range(4)])
    same, settings = stores(0), {**TINY, "horizon": 6, "epochs": 1, "val_frac": 0.15}
    model = Forecaster(**settings, cutoff="2019-06-30").fit(
        same, target="sales", id_col="store", time_col="month")
    title = forecast_plot(model, same, {"model": model}).get_suptitle()
    assert "forecast 6 steps at a time, from one cutoff, 2019-06-30 (all 6 test points of each series drawn" in title
    ragged = stores(2)  # each store two months after the one before: 6 test rows each, at its own dates
    model = Forecaster(**settings, test_frac=0.1).fit(
        ragged, target="sales", id_col="store", time_col="month")
    assert "from one cutoff in each series (" in forecast_plot(model, ragged, {"model": model}).get_suptitle()
    model = Forecaster(**settings, test_frac=0.2).fit(  # 12 test rows: 7 windows
        same, target="sales", id_col="store", time_col="month")
    assert "from cutoffs 6 steps apart (" in forecast_plot(model, same, {"model": model}).get_suptitle()
    one = same[same["store"] == "S0"].drop(columns="store")
    model = Forecaster(**settings, cutoff="2019-06-30").fit(one, target="sales", time_col="month")
    assert "from one cutoff, 2019-06-30 (all 6 test points)" in forecast_plot(model, one, {"model": model}).axes[0].get_title()


def test_rows_after_the_fit_s_data_are_counted_in_the_title_and_marked_where_the_fit_s_data_ends():
    """Fitted on the first 200 rows, drawn on 300: the title said "Test split, ... (first 400 points)" over mostly
    rows the fit never had, with no mark where its data ended (decision 850). The neighbours: only the fit's rows (as
    before), only rows after it (no line: none of the fit's drawn)."""
    times = pd.date_range("2024-01-01", periods=300, freq="h")
    frame = pd.DataFrame({"time": times, "y": np.sin(np.arange(300) / 5)})
    model = Forecaster(lookback=10, horizon=1, epochs=1, hidden_size=4, threads=1, seed=0)
    model.fit(frame.iloc[:200], target="y", time_col="time")
    own = len(model.part_forecasts(frame.iloc[:200], part="test").original.y_true)
    ax = forecast_plot(model, frame, {"model": model}).axes[0]
    assert ax.get_title() == (f"Test split and the rows after the fit's data, forecast one step ahead (all {own + 100} "
                              f"points: {own} in the fit's test split, 100 after its last row)")
    line = [ln for ln in ax.lines if ln.get_label() == "the fit's data ends"]
    assert len(line) == 1 and pd.Timestamp(line[0].get_xdata()[0]) == times[200]
    assert "the fit's data ends" in legend(ax)
    alone = forecast_plot(model, frame.iloc[:200], {"model": model}).axes[0]
    assert alone.get_title() == f"Test split, forecast one step ahead (all {own} test points)"
    assert "the fit's data ends" not in legend(alone)
    later = forecast_plot(model, frame.iloc[-(50 + 10):], {"model": model}).axes[0]
    assert later.get_title() == "Rows after the fit's data, forecast one step ahead (all 50 points)"
    assert "the fit's data ends" not in legend(later)


def test_each_forecast_step_is_drawn_at_its_own_date_where_the_data_lacks_a_day():
    """A window was drawn at its rows: with 2024-06-21 missing, the forecast for 06-21 was drawn at 06-22 (one day
    off), and the missing dates' stand-ins as values fill made. Each step is drawn at its date (the forecasts'
    ``stepactuals`` times), the actual line broken where the data has no row. The windows drawn were a horizon of
    ROWS apart, each forecasting 7 calendar days: 06-28 and 07-06 were drawn by none, the lines straight across them,
    and the title said "all 39 test points" of 36 dates drawn and 3 blank points. The
    windows drawn now tile the test dates (``tiledsteps``): every date from the first step to the last, once."""
    from rnncast.plots import FILLED_LABEL

    rng = np.random.default_rng(0)
    data = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=200, freq="D"),
                         "y": 10 + 3 * np.sin(np.arange(200) * 2 * np.pi / 7) + rng.normal(0, 0.5, 200)})
    gapped = data.drop(index=[172, 185, 193])
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 7}, test_frac=0.2).fit(gapped)
    test = model.part_forecasts(gapped, "test")
    fig = forecast_plot(model, gapped, {"lstm": model}, test=test)
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    x = pd.DatetimeIndex(lines["lstm"].get_xdata())
    times = np.asarray(test.absent.times).reshape(test.absent.mask.shape)
    assert x.equals(pd.date_range(times[0, 0], times[-1, -1], freq="D"))  # every test date, once, in order
    drawn = np.asarray(lines["lstm"].get_ydata(), dtype=float)
    for day, value in zip(x, drawn):  # each a forecast of that date: a step of a window whose step is dated so
        w, h = np.nonzero(times == np.datetime64(day))
        assert np.isclose(test.original.y_pred[w, h, 0], value).any()
    present = int((~x.isin(data.ds[[172, 185, 193]])).sum())
    assert f"(all {present} test points and 3 dates without a row (blank), " in fig.axes[0].get_title()
    missing = x.isin(data.ds[[172, 185, 193]])
    actual = np.asarray(lines["actual"].get_ydata(), dtype=float)
    assert np.isnan(actual[missing]).all() and not np.isnan(actual[~missing]).any()
    assert FILLED_LABEL not in lines


def test_a_line_is_broken_where_the_data_lacks_every_date_a_window_forecasts():
    """Eight days lacking in the test split, more than the horizon of 7: the dates on either side are drawn and no line
    joins them (a blank point between), the title counting the dates drawn alone."""
    rng = np.random.default_rng(0)
    data = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=200, freq="D"),
                         "y": 10 + 3 * np.sin(np.arange(200) * 2 * np.pi / 7) + rng.normal(0, 0.5, 200)})
    gapped = data.drop(index=range(175, 183))
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 7}, test_frac=0.2).fit(gapped)
    fig = forecast_plot(model, gapped, {"lstm": model})
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    x = pd.DatetimeIndex(lines["lstm"].get_xdata())
    forecast = np.asarray(lines["lstm"].get_ydata(), dtype=float)
    [gap] = np.flatnonzero(np.isnan(forecast))  # the break: every line blank there
    assert all(np.isnan(np.asarray(line.get_ydata(), dtype=float)[gap]) for line in lines.values()
               if len(line.get_xdata()) == len(x))
    assert x[gap - 1] < data.ds[183] <= x[gap + 1]  # the dates either side of the lacking ones
    drawn = x.delete(gap)
    present = int(drawn.isin(gapped.ds).sum())
    assert drawn.is_unique and f"(all {present} test points and {len(drawn) - present} dates without a row" in \
        fig.axes[0].get_title()


def test_the_title_says_a_cutoff_is_short_because_its_window_is_left_out_not_lacked():
    """A model reading future covariates leaves out the windows forecasting a date without a row (1216): the cutoffs
    it skips are in the data, so the title names that reason, not "the data lacks the date 7 steps on"."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2024-03-01", periods=200, freq="D")
    data = pd.DataFrame({"ds": days, "y": 10 + 3 * np.sin(np.arange(200) / 5) + rng.normal(0, 0.5, 200),
                         "day": days.day_of_year.astype(float)})
    gapped = data[~data.ds.isin(pd.to_datetime(["2024-06-21", "2024-07-04", "2024-08-20", "2024-09-02"]))]
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 7}, future_known=True).fit(
        gapped, target="y", features=["day"])
    title = forecast_plot(model, gapped, {"lstm": model}).axes[0].get_title()
    assert "fewer steps after the one before (the window from the date 7 steps on is left out: a date it " \
        "forecasts has no row for the future covariates)" in title
    assert "the data lacks the date" not in title


def test_the_rows_of_several_targets_count_every_point_left_out_of_the_scores():
    """A value of the second target made by fill is marked in its own row, and the title counts the points left out
    of every row (a window reading the fill left out of both targets' rows) among the points of every row."""
    from rnncast.plots import FILLED_LABEL

    data = make_frame(200, freq="W-SUN", feature=False)
    data["z"] = data["y"] * 2 + 1
    data.loc[170, "z"] = np.nan  # in the test part (rows 160-199), of z alone
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 1}, fill="interpolate").fit(data, target=["y", "z"])
    fig = forecast_plot(model, data, {"lstm": model})
    rows = rows_of(fig)
    marked = [int((~np.isnan(np.asarray(line.get_ydata(), dtype=float))).sum()) for ax in rows for line in ax.lines
              if line.get_label() == FILLED_LABEL]
    assert marked == [1] and FILLED_LABEL not in [line.get_label() for line in rows[0].lines]
    wf = model.predict_windows(data, part="test")
    made, later = int(wf.filled[:, 0, 1].sum()), int((wf.reads_later & ~wf.filled[:, 0, 1]).sum())  # z's; a window's, each row's
    assert made == 1 and later == 1 and not wf.filled[:, 0, 0].any()
    left = made + 2 * later
    assert f"(all 40 test points of each target, {80 - left} of the 80 drawn scored, the {left} left out marked" in \
        fig.get_suptitle()


def test_each_compared_model_forecasts_a_drawn_series_once_for_all_its_targets(monkeypatch):
    """Each compared model's forecasts were made again for every target row drawn (a panel of 3 series and 2 targets:
    6 reads of the data and runs of the network); now once per series drawn, each target's row drawn from them."""
    data = make_panel(5, periods=(6,), seed=7)
    data["z"] = data["y"] * 2 + 1
    model = Forecaster(**TINY).fit(data, target=["y", "z"])
    other = Forecaster(**{**TINY, "seed": 3}).fit(data, target=["y", "z"])
    asked, made = [], type(other).predict_windows
    monkeypatch.setattr(type(other), "predict_windows",
                        lambda self, *a, **k: (self is other and asked.append(k.get("series"))) or made(self, *a, **k))
    fig, drawn = forecast_drawn(model, data, {"lstm": model, "other": other}, test=model.part_forecasts(data))
    assert drawn == 2 and len(rows_of(fig)) == 6
    rows = rows_of(fig)  # a series' two targets share its time axis; the series do not share theirs
    assert rows[0].get_shared_x_axes().joined(rows[0], rows[1]) and not rows[0].get_shared_x_axes().joined(rows[0], rows[2])
    assert len(asked) == 3 and len(set(asked)) == 3, asked  # once per series, for both its targets
    for y_row, z_row in zip(rows_of(fig)[::2], rows_of(fig)[1::2]):
        assert all("other" in [line.get_label() for line in row.lines] for row in (y_row, z_row))


def test_a_series_is_named_by_the_datas_id_column_in_both_figures():
    """forecast.png and backtest.png said "series 's000'" of a table whose id column is 'store'; now "store 's000'"
    (rnncast's own unique_id, a wide table and one series keep "series")."""
    data = make_panel(3, seed=1).rename(columns={"unique_id": "store"})
    model = Forecaster(**TINY).fit(data, id_col="store")
    titles = [ax.get_title() for ax in forecast_plot(model, data, {"lstm": model}).axes if ax.get_title()]
    assert len(titles) == 3 and all("store 's0" in t and "series" not in t for t in titles), titles
    backtest = backtest_drawn(Forecaster(**TINY).backtest(data, n_windows=2, id_col="store")).figure
    titles = [ax.get_title() for ax in backtest.axes if ax.get_title()]
    assert titles and all("store 's0" in t and "series" not in t for t in titles), titles


def test_a_model_of_the_features_alone_draws_points_not_a_line_through_unrelated_rows():
    """t33t3: fit drew the 200 test rows of the tutorial's regression (independent draws) joined as one line, a thicket
    the regression demo avoids by drawing 50. A model of the features alone (target_input=False) draws every curve as
    points, no line between them (decision 1631); a model that reads the target's past still draws lines."""
    from rnncast import datasets

    frame = datasets.aligned_regression(n=300)
    settings = {**TINY, "horizon": 1, "future_known": True, "window_norm": "none", "highway": False}
    alone = Forecaster(**settings, target_input=False).fit(frame, target="y", features=["x"])
    ax = forecast_plot(alone, frame, {"model (lstm)": alone}).axes[0]
    drawn = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    assert {"actual", "model (lstm)", "baseline: training mean"} <= set(drawn)
    for label, line in drawn.items():
        assert line.get_linestyle() == "None" and line.get_marker() not in ("None", "", None), label
    assert len(drawn["actual"].get_xdata()) == 60 and drawn["actual"].get_markevery() is None  # a mark at every row
    reads = Forecaster(**settings).fit(frame, target="y", features=["x"])
    line = next(l for l in forecast_plot(reads, frame, {"model (lstm)": reads}).axes[0].get_lines()
                if l.get_label() == "actual")
    assert line.get_linestyle() == "-"


def test_a_baseline_some_series_lack_is_drawn_and_named_only_where_it_is():
    """A planner's forecast.png listed "baseline: climatology" beside ward 'C', which has none (t36t2, decision
    1899): the row drew an all-blank line under that label. Drawn only where the series has it, its entry names them."""
    from conftest import yearly_stations
    data = yearly_stations({"A": "2015-01-01", "B": "2018-06-01"})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).fit(data, target="y", id_col="id")
    fig = forecast_plot(model, data, {"model": model})
    rows = {ax.get_title().split("'")[1]: [line.get_label() for line in ax.get_lines()] for ax in fig.axes
            if ax.get_title()}
    assert not any("climatology" in label for label in rows["B"])
    assert "baseline: climatology ('A' only)" in rows["A"]
    assert "baseline: climatology ('A' only)" in legend(fig.axes[0])  # the legend beside the first row, whichever


def test_a_baseline_named_for_its_rows_keeps_its_own_look_and_a_later_rows_entry_stays_in_the_legend():
    """r36r4: "baseline: climatology ('A' only)" named no baseline ``baselinelooks.key`` knew, so it was drawn in the
    third look, the seasonal naive's orange dash-dot; and a later row alone drawing it, with "(under the model's
    line)" added, lost its legend entry (decision 1944)."""
    from conftest import yearly_stations
    from rnncast.baselinelooks import STYLES
    for first, second, named in (("2015-01-01", "2018-06-01", "'A'"), ("2018-06-01", "2015-01-01", "'B'")):
        data = yearly_stations({"A": first, "B": second})
        model = Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).fit(data, target="y", id_col="id")
        fig = forecast_plot(model, data, {"model": model})
        lines = [line for ax in fig.axes for line in ax.get_lines() if "climatology" in str(line.get_gid())]
        assert lines and all(line.get_color() == STYLES["climatology"]["color"] for line in lines)
        assert f"baseline: climatology ({named} only)" in legend(fig.axes[0])  # beside the first row, whichever has it


def test_a_model_of_sparse_labels_draws_the_labels_measured_not_their_stand_ins():
    """t40-t3: a lab value every 180 rows drew "first 400 points, 3 of them scored, the 397 left out marked", each
    stand-in "made by fill" (no fill given), the repeat baseline through them. Now the windows with a label measured,
    every one of the test split, and no stand-in (decision 2179)."""
    from rnncast.plots import FILLED_LABEL

    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, 600).cumsum()
    y = 5 * x + rng.normal(0, 1, 600)
    y[np.arange(600) % 20 != 0] = np.nan
    data = pd.DataFrame({"time": pd.date_range("2026-01-01", periods=600, freq="10s"), "x": x, "y": y})
    model = Forecaster(**{**TINY, "lookback": 4, "horizon": 1}, window_norm="none", highway=False, target_input=False).fit(
        data, target="y", features=["x"])
    test = model.part_forecasts(data, "test")
    labels = int((~test.original.filled).sum())
    fig = forecast_plot(model, data, {"lstm": model}, test=test)
    lines = {line.get_label(): line for line in fig.axes[0].lines}
    assert f"(all {labels} test points)" in fig.axes[0].get_title() and FILLED_LABEL not in lines
    assert np.isfinite(np.asarray(lines["actual"].get_ydata(), dtype=float)).sum() == labels

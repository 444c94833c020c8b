"""Tests of backtestplot: the backtest's figure (its title, series, history, windows, cutoffs and baselines)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import PNG_SIGNATURE, TINY, make_panel
from rnncast import Forecaster
from rnncast.backtestplot import backtest_drawn, history_shown
from rnncast.madeof import legend_label
from rnncast.plots import CUTOFF_COLOUR, WINDOW_COLOURS

K = 3  # windows


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)


def test_backtest_figure_is_drawn_with_intervals(frame):
    result = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).backtest(frame, n_windows=2)
    assert {"y_q0.1", "y_q0.5", "y_q0.9"} <= set(result.forecasts.columns)
    assert "coverage_80" in result.metrics["overall"]["model"]
    fig = result.figure()
    assert len(fig.axes) == 3 and any(ax.collections for ax in fig.axes)  # the bands
    from rnncast.plots import png_bytes

    assert png_bytes(fig)[:8] == PNG_SIGNATURE


def test_the_backtest_figure_says_the_terminals_verdict_and_draws_the_baseline_it_names(frame):
    """The title said "does NOT beat the mean baseline beyond chance (Diebold–Mariano one-sided p < 0.05 that the model is not better)"
    where the terminal said a higher MSE at p = 0.68, and the legend had no training mean: the title
    now carries the verdict's numbers and p-value, and every baseline weighed is drawn."""
    from rnncast.seasons import Season
    from rnncast.backtestverdict import backtest_test
    from rnncast.verdicts import headline

    result = Forecaster(**TINY).backtest(frame, n_windows=K)
    fig = result.figure()
    title = fig.get_suptitle()
    m = result.metrics
    season = Season(**m["implied_season"]) if m.get("implied_season") else None
    said = f"Over every window, {headline(backtest_test(m), m['verdict_units'], season=season)} history:"
    assert said in " ".join(title.split())  # wrapped to fit the figure's width
    assert max(len(line) for line in title.splitlines()) <= 90
    assert "p < 0.05" not in title and "against" in title
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert {"baseline: repeat the last value", "baseline: training mean"} <= set(legend)
    means = [line for line in fig.axes[0].lines if line.get_label() == "baseline: training mean"]
    assert means and all(np.ptp(np.asarray(line.get_ydata(), dtype=float)) == 0 for line in means)  # flat per window


def test_the_figure_names_the_model_as_the_tables_do_and_draws_each_windows_cutoff(frame):
    """The legend said "forecast (one colour per window)" for what every table calls the model, and drew the
    "forecast origins" at the first forecast step while forecasts.csv's ``cutoff`` is the last time seen."""
    from matplotlib import dates as mdates

    result = Forecaster(**TINY).backtest(frame, n_windows=K)
    ax = result.figure().axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    name = legend_label(Forecaster(**TINY).get_params())  # forecast.png's name: "model (lstm + linear highway)"
    assert name == "model (lstm + linear highway)" and result.metrics["highway"] is True
    assert f"{name}, one line shade per window" in legend and "cutoffs (last input step)" in legend  # true without refit too (one model)
    vertical = [line for line in ax.lines if list(line.get_ydata()) == [0, 1]]  # axvline: the axes' full height
    f = result.forecasts
    cutoffs = f[f["unique_id"] == result.panel.ids[0]].groupby("window")["cutoff"].first()
    assert [mdates.date2num(line.get_xdata()[0]) for line in vertical] == list(mdates.date2num(cutoffs))


def test_the_figure_says_how_many_series_it_shows_names_the_target_and_keeps_the_history_short():
    """On 5 stock series of 260 business days the figure drew 3 without saying so, named the y axis by
    the series id, and showed 65 days of history beside 15 forecast ones. It draws at most one lookback of history
    (40 steps, two lookbacks, before), the best, median and worst series by MASE (the first three before)."""
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"ticker": name, "date": pd.bdate_range("2023-01-02", periods=260),
                                     "close": 100 + np.cumsum(rng.normal(size=260))}) for name in "ABCDE"])
    result = Forecaster(**{**TINY, "lookback": 20, "horizon": 5, "epochs": 1}).backtest(
        frame, n_windows=3, target="close", id_col="ticker", time_col="date")
    fig = result.figure()
    title = fig.get_suptitle()
    assert title.endswith("\n3 of 5 series shown: the best, median and worst by MASE; history: the 20 steps up to the "
                          "first cutoff")
    assert [ax.get_title().split(":")[0] for ax in fig.axes[:3]] == ["best of 5 by backtest MASE", "median of 5 by backtest "
                                                                     "MASE", "worst of 5 by backtest MASE"]
    assert [ax.get_ylabel() for ax in fig.axes[:3]] == ["close (original units)"] * 3 and fig.axes[2].get_xlabel() == "date"
    assert len(fig.axes[0].lines[0].get_xdata()) == 20 + 15  # the history, then the three windows' 15 days
    assert history_shown(20, 5, 3, 5) == 20  # 15 steps forecast, at least 24 shown, but one lookback at most
    assert history_shown(96, 24, 3, 24) == 72  # as many as the 72 steps forecast
    assert history_shown(168, 24, 10, 24) == 168  # bt-spring: 240 steps forecast, 336 of history drawn before
    assert history_shown(200, 1, 2, 1) == 24  # a tiny backtest: a day of hours before it
    single = Forecaster(**{**TINY, "epochs": 1}).backtest(frame[frame.ticker == "A"].drop(columns="ticker"),
                                                          n_windows=2, target="close").figure()
    assert "series shown" not in single.get_suptitle() and single.axes[0].get_title().startswith("backtest MASE ")


def test_the_figure_of_several_targets_draws_each_in_its_row_and_says_those_beyond_its_rows():
    """backtest.png drew the first target alone ("target 'y' drawn, not 'z'"); each now has a row, titled and
    labelled by its name; beyond ``targetrows.MAX_ROWS`` rows the title says how many and where all are."""
    from conftest import make_frame
    from rnncast import targetrows

    frame = make_frame(200).assign(z=lambda f: 2 * f["y"] + 1)
    result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=2, target=["y", "z"])
    fig, drawn = backtest_drawn(result)
    rows = [ax for ax in fig.axes if ax.get_title()]
    over = f"backtest MASE over its 2 targets {result.series_mase[0]:.3g}"  # one series' MASE, as a panel's (decision 1453)
    assert [ax.get_title() for ax in rows] == [f"{over}; target {n!r}, MASE {result.target_mase[0, t]:.3g}"
                                               for t, n in enumerate("yz")]
    assert [ax.get_ylabel() for ax in rows] == ["y (original units)", "z (original units)"]
    assert fig.get_suptitle().endswith(" up to the first cutoff") and drawn == 2
    names = [f"t{k}" for k in range(targetrows.MAX_ROWS + 1)]
    many = frame.drop(columns=["z"]).assign(**{name: frame["y"] * (k + 1) for k, name in enumerate(names)})
    fig = Forecaster(**{**TINY, "epochs": 1}).backtest(many.drop(columns=["y"]), n_windows=2, target=names).figure()
    assert fig.get_suptitle().endswith(f"; {targetrows.MAX_ROWS} of {len(names)} targets drawn "
                                       f"({', '.join(repr(n) for n in names[:-1])}); all are in forecasts.csv")


def test_a_backtest_of_session_bars_draws_each_window_at_its_bars_in_the_curve():
    """The backtest figure of intraday bars ran its lines across nights and weekends; the history and every
    window are drawn one step per bar, the cutoffs at their bars (each the last bar before a session's first)."""
    opens = pd.bdate_range("2024-01-02", periods=40) + pd.Timedelta("09:30:00")
    stamps = (opens.values[:, None] + pd.timedelta_range("0min", periods=13, freq="30min").values).reshape(-1)
    frame = pd.DataFrame({"timestamp": stamps, "close": np.cumsum(np.random.default_rng(2).normal(size=len(stamps)))})
    result = Forecaster(**{**TINY, "lookback": 26, "horizon": 13}).backtest(frame, n_windows=3, target="close")
    ax = result.figure().axes[0]
    n = len(ax.lines[0].get_xdata())
    assert list(ax.lines[0].get_xdata()) == list(range(n))  # the actual values
    forecasts = [line for line in ax.lines if line.get_color() in WINDOW_COLOURS and line.get_linestyle() == "-"]
    assert [list(line.get_xdata()) for line in forecasts] == [list(range(n - 39 + 13 * j, n - 26 + 13 * j)) for j in range(3)]
    origins = [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--" and line.get_color() == CUTOFF_COLOUR]
    assert origins == [n - 40, n - 27, n - 14] and {o + 1 for o in origins} <= set(ax.get_xticks())  # before a session's start


def test_the_backtest_figure_draws_every_quantile_level(frame):
    """Only the widest central interval was drawn: 0.05 and 0.9 (no mirror) drew nothing, 0.25-0.75 was left out."""
    from rnncast.plots import png_bytes

    for levels, named in (((0.05, 0.25, 0.5, 0.75, 0.9), ["50% interval", "q0.05", "q0.9"]),
                          ((0.05, 0.25, 0.5, 0.75, 0.95), ["90% interval", "50% interval"])):
        fig = Forecaster(**{**TINY, "quantiles": levels}).backtest(frame, n_windows=2).figure()
        assert png_bytes(fig)[:8] == PNG_SIGNATURE
        names = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert [n for n in names if "interval" in n or n.startswith("q")] == named, names


def test_a_bands_shade_is_its_level_in_every_window_as_the_legends_swatch(frame):
    """A tester's backtest.png: one shade per window made the middle window's 80% band the legend's 90% swatch. Every
    window's band of one level now has the legend's colour; the windows differ by their forecast lines' shades."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    fig = Forecaster(**{**TINY, "quantiles": (0.05, 0.1, 0.5, 0.9, 0.95)}).backtest(frame, n_windows=3).figure()
    ax = fig.axes[0]
    legend = ax.get_legend()
    swatch = {t.get_text(): tuple(np.round(h.get_facecolor(), 4)) for t, h in zip(legend.get_texts(),
              legend.legend_handles) if t.get_text().endswith("interval")}
    assert set(swatch) == {"90% interval", "80% interval"} and len(set(swatch.values())) == 2
    faces = [tuple(np.round(to_rgba(c.get_facecolor()[0]), 4)) for c in ax.collections if isinstance(c, PolyCollection)
             and c.get_paths()]  # not the legend's empty swatches
    # 3 windows x 2 levels: two shades in all (drawn over each other, the legend's swatches show their blend), each of
    # the legend's colour; one shade per window had made 4 and more
    assert len(faces) >= 6 and len(set(faces)) == 2 and {f[:3] for f in faces} == {s[:3] for s in swatch.values()}
    model = [line for line in ax.lines if line.get_linewidth() == 1.4 and line.get_color() != "black"]
    assert len({str(line.get_color()) for line in model}) >= 2  # the windows' forecast lines keep their own shades


def test_the_legend_names_the_model_as_forecast_png_does_with_the_highway_off_too(frame):
    """backtest.png said "model (lstm)" where forecast.png said "model (lstm + linear highway)" for the same
    settings: both are named by ``madeof.legend_label``."""
    settings = {**TINY, "cell": "gru", "highway": False}
    result = Forecaster(**settings).backtest(frame, n_windows=2)
    legend = [t.get_text() for t in result.figure().axes[0].get_legend().get_texts()]
    assert f"{legend_label(Forecaster(**settings).get_params())}, one line shade per window" in legend
    assert "model (gru), one line shade per window" in legend


@pytest.mark.parametrize("freq", ["ME", "QE", "YE", "BME", "W-SUN"])
def test_a_period_end_calendars_ticks_and_cutoffs_sit_on_points_named_by_their_period(freq):
    """A backtest's cutoff at 2021-03-31 sat on matplotlib's "Apr" tick; every tick is now a point of the series,
    labelled by the period it is in, and each cutoff line stands on a point."""
    from matplotlib import dates as mdates

    n = 60
    frame = pd.DataFrame({"date": pd.date_range("1990-12-31", periods=n, freq=freq), "y": np.sin(np.arange(n) / 3.0)})
    result = Forecaster(**{**TINY, "lookback": 6}).backtest(frame, n_windows=K)
    ax = result.figure().axes[0]
    from rnncast.plots import png_bytes

    png_bytes(ax.figure)
    times = set(pd.DatetimeIndex(frame["date"]))
    ticks = [pd.Timestamp(mdates.num2date(v)).tz_localize(None) for v in ax.get_xticks()]
    assert ticks and set(ticks) <= times
    for t, label in zip(ticks, (t.get_text() for t in ax.get_xticklabels())):
        own, _, year = label.partition("\n")
        quarter = f"Q{(t.month - 1) // 3 + 1}"
        assert own in {str(t.year), f"{t:%b}", quarter, f"{t.year}{quarter}", f"{t:%b} {t.day}", ""} and year in ("", str(t.year))
    cutoffs = [line for line in ax.lines if list(line.get_ydata()) == [0, 1]]
    assert len(cutoffs) == K and {pd.Timestamp(mdates.num2date(mdates.date2num(c.get_xdata()[0]))).tz_localize(None)
                                  for c in cutoffs} <= times


def test_a_long_target_name_is_one_label_along_the_rows_inside_the_figure():
    """A backtest of three series named its 76-character target beside each row; the labels ran into each other."""
    from test_plots import SALES, drawn, inside, y_labels

    x = np.arange(60)
    windows = [{"x": x[40 + 5 * j: 45 + 5 * j], "forecast": np.ones(5), "band": None, "cutoff": 39 + 5 * j, "baselines": {}}
               for j in range(3)]
    curves = [{"label": f"series {k}", "x": x, "actual": np.sin(x / 4.0), "windows": windows} for k in range(3)]
    from rnncast import plots

    fig = plots.backtest_figure(curves, "Backtest", ylabel=SALES)
    renderer = drawn(fig)
    labels = y_labels(fig)
    assert ["".join(t.get_text().split("\n")) for t in labels] == [SALES]
    assert all(inside(t.get_window_extent(renderer), fig.bbox) for t in labels)


def test_a_backtest_of_many_series_draws_its_best_median_and_worst_by_their_backtest_mase():
    """retail.csv's backtest.png said "3 of 4 series shown (the first)" where fit's forecast.png shows the best,
    median and worst by MASE. The backtest's figure now chooses them so by each series' MASE over every window
    (``Backtest.series_mase``, pooled as the overall MASE pools them) and says so in its titles."""
    rng = np.random.default_rng(3)
    t = np.arange(150)
    frame = pd.concat([pd.DataFrame({"id": name, "y": np.sin(t / 4.0) + noise * rng.normal(size=150)})
                       for name, noise in zip("ABCDE", (0.5, 0.05, 1.0, 0.2, 0.1))])
    result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=K, target="y", id_col="id")
    mase = np.asarray(result.series_mase)
    assert mase.shape == (5,) and np.isclose(mase.mean(), result.metrics["overall"]["model"]["mase"])
    order = [result.panel.ids[s] for s in np.argsort(mase)]
    fig = result.figure()
    titles = [ax.get_title() for ax in fig.axes[:3]]
    assert [title.split("'")[1] for title in titles] == [order[0], order[2], order[4]]
    assert titles[0].startswith("best of 5 by backtest MASE: id ") and titles[2].startswith("worst of 5")  # its id column
    assert "3 of 5 series shown: the best, median and worst by MASE; " in fig.get_suptitle()


def test_a_panel_of_several_targets_titles_each_row_with_its_own_targets_mase():
    """A tester's finding (t30t10): each target's row showed the store's MASE over both targets, unsaid."""
    frame = make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)
    frame["z"] = frame["y"] ** 2
    result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=2, target=["y", "z"])
    assert result.target_mase.shape == (3, 2)
    titles = [" ".join(ax.get_title().split()) for ax in result.figure().axes if ax.get_title()]  # a title wrapped
    assert len(titles) == 6  # to its axes' width (axislabels.title) read as one line
    for k, title in enumerate(titles):
        s, t = k // 2, k % 2  # three series, each shown, in order
        assert title.endswith(f"; target {'yz'[t]!r}, MASE {result.target_mase[s, t]:.3g}"), title
        assert f"backtest MASE over its 2 targets {result.series_mase[s]:.3g}" in title


def test_shown_series_are_all_of_a_few_the_ranked_of_many_and_the_first_without_scores():
    from types import SimpleNamespace

    from rnncast.backtestplot import shown_series

    def result(mase):
        return SimpleNamespace(panel=SimpleNamespace(n_series=len(mase), ids=list("abcdefg"[:len(mase)])), series_mase=mase,
                               series_why=None)

    assert shown_series(result(np.array([2.0, 1.0])), 3) == ([(0, ""), (1, "")], "")
    picks, how = shown_series(result(np.array([2.0, 1.0, 5.0, 3.0, 4.0])), 3)
    assert picks == [(1, "best of 5"), (3, "median of 5"), (2, "worst of 5")] and how.startswith(": the best, median")
    assert shown_series(SimpleNamespace(panel=SimpleNamespace(n_series=4, ids=list("abcd")), series_mase=None), 3)[1] == " (the first)"
    picks, how = shown_series(result(np.array([2.0, 1.0, 5.0, 3.0, 4.0, 0.5])), 2)
    assert picks == [(5, "rank 1 of 6"), (2, "rank 6 of 6")]
    unscaled = result(np.array([2.0, 1.0, np.nan, 3.0, 4.0, 0.5]))
    unscaled.series_why = [None, None, "training rows that never change", None, None, None]
    assert shown_series(unscaled, 2)[1] == (": by MASE, ranks 1 to 5; 1 series not ranked: MASE is undefined for 'c' "
                                            "(training rows that never change)")


def test_a_backtests_unranked_series_say_why_and_its_interval_line_whose_scale_the_pinball_loss_is():
    """backtest.png said "2 series not ranked: MASE is undefined for 'flat1', 'flat2'" where forecast.png gives the
    cause; its interval line pooled a series 1,000 times the others' pinball loss unsaid, where evaluate's says so."""
    rng = np.random.default_rng(1)
    t = np.arange(120)
    frame = pd.concat([pd.DataFrame({"id": name, "y": size * (5 + np.sin(t / 3 + k) + 0.3 * rng.normal(size=120))
                                                       if size else np.full(120, 5.0 + k)})
                       for k, (name, size) in enumerate(zip(["big", "a", "b", "c", "flat1", "flat2"],
                                                              (1000, 1, 1, 1, 0, 0)))])
    result = Forecaster(**{**TINY, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}).backtest(frame, n_windows=2, target="y",
                                                                                          id_col="id")
    assert ("2 series not ranked: MASE is undefined for 'flat1', 'flat2' (training rows that never change)"
            in " ".join(result.figure().get_suptitle().split()))
    # every series drawn: each panel says its own, as forecast.png does; only the series without a MASE get a reason
    # (series_why gave "a zero in-sample seasonal naive error" for the four that have one)
    titles = [ax.get_title() for ax in result.figure(n_series=6).axes if ax.get_title()]
    assert titles[4:] == [f"id '{name}': MASE undefined: training rows that never change" for name in ("flat1", "flat2")]
    assert all("backtest MASE" in title and "undefined" not in title for title in titles[:4])
    assert result.series_why == [None] * 4 + ["training rows that never change"] * 2
    line = next(n for n in result.notes if n.startswith("Prediction intervals"))
    share = 100 * result.metrics["pooled"]["pinball_share"]
    assert f"(original units, pooling the series in their own units: 'big' holds {share:.1f}% of the model's pinball " \
           "loss; " in line and "in scaled units, each series in its own scale)" in line
    from rnncast.backtestpage import backtest_units

    assert "pinball in original units, pooling the series in their own units: 'big' holds " in backtest_units(
        result.metrics)  # the per-window table's heading, on the page and the terminal, says it too


def test_a_backtest_at_an_early_cutoff_draws_each_series_to_its_last_windows_end_not_to_its_own():
    """With --cutoff 2020-W50 on weekly data to July 2024 the axis ran to 2024 and the windows were a sliver (a
    tester's bt/w53): the actual values are drawn up to the last window's last step."""
    import matplotlib.dates as mdates

    rng = np.random.default_rng(1)
    weeks = pd.date_range("2019-01-05", periods=290, freq="W-SAT")
    frame = pd.concat([pd.DataFrame({"unique_id": sid, "ds": weeks, "y": 20 + rng.normal(size=290)}) for sid in "AB"])
    result = Forecaster(**{**TINY, "lookback": 12, "horizon": 4, "epochs": 1}, cutoff="2020-W50").backtest(
        frame, n_windows=2)
    fig = result.figure()
    actual = fig.axes[0].lines[0]
    last = result.forecasts[result.forecasts.unique_id == "A"]["ds"].max()
    assert pd.Timestamp(mdates.num2date(max(mdates.date2num(actual.get_xdata())))).tz_localize(None) == last
    assert len(actual.get_xdata()) == 12 + 2 * 4  # one lookback of history, then the two windows' 8 weeks
    assert mdates.num2date(fig.axes[0].get_xlim()[1]).year == 2021  # the axis ends with the windows, not in 2024


def test_backtest_png_marks_filled_values_rings_left_out_windows_and_counts_the_points_scored():
    """backtest.png drew filled values as crosses the legend did not name (the first row had none), did not ring the
    observed values of a window left out of the scores, and did not say how many points are scored, all of which
    README says and forecast.png does."""
    from rnncast.plots import FILLED_LABEL, LATER_LABEL

    t = np.arange(150)
    frame = pd.concat([pd.DataFrame({"id": name, "y": np.sin(t / 4.0 + k)}) for k, name in enumerate("ABC")],
                      ignore_index=True)
    frame.loc[[443, 444], "y"] = np.nan  # series C's rows 143-144: a window's target filled, the next's inputs too
    result = Forecaster(**{**TINY, "epochs": 1, "horizon": 3}, fill="interpolate").backtest(
        frame, n_windows=K, target="y", id_col="id")
    fig = result.figure()
    names = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert FILLED_LABEL in names and LATER_LABEL in names  # drawn in the third row alone, named in the one legend
    marks = [{line.get_label(): np.flatnonzero(np.isfinite(np.asarray(line.get_ydata(), float)))
              for line in ax.lines if line.get_label() in (FILLED_LABEL, LATER_LABEL)} for ax in fig.axes[:3]]
    assert marks[0] == marks[1] == {}
    c = result.forecasts[result.forecasts["id"] == "C"]
    left = c[c["left_out"] & ~c["y_filled"]]  # observed, in a window left out and in no scored one
    assert len(marks[2][FILLED_LABEL]) == int(c["y_filled"].sum()) == 2 and len(marks[2][LATER_LABEL]) == len(left) == 2
    assert "; 23 of the 27 target points drawn scored, the 4 left out marked" in fig.get_suptitle()


def test_a_one_series_backtest_titles_its_row_with_its_mase_as_a_panels_rows_are():
    """backtest.png of one series showed no MASE where a panel's rows each showed their series' (decision 1453)."""
    from conftest import make_frame

    result = Forecaster(**{**TINY, "epochs": 1}).backtest(make_frame(200), n_windows=2, target="y")
    titles = [ax.get_title() for ax in result.figure().axes if ax.get_title()]
    assert titles == [f"backtest MASE {result.series_mase[0]:.3g}"]
    assert result.series_mase[0] == pytest.approx(result.metrics["overall"]["model"]["mase"])  # the table's number


def test_the_headline_says_over_which_windows_where_some_were_left_out():
    """t36t1 L4: "Over every window, ..." headed backtest.png while window 1 of 3 was left out (decision 1923)."""
    from rnncast import backtestplot

    assert backtestplot._over({}) == "Over every window, "
    assert backtestplot._over({"windows_left_out": {"windows": 1, "of": 3, "ids": [None]}}) == \
        "Over 2 of the 3 windows (1 left out: a row missing), "


def test_many_overlapping_windows_keep_the_bands_and_baselines_of_those_that_do_not_overlap(frame):
    """t37t7: ten windows a week apart of a 28-day horizon stacked ten bands and thirty baseline lines into one blue
    wall. Up to FEW_WINDOWS every window is drawn whole; beyond, the last and one a horizon's worth of windows before
    it, the others' forecast alone, and the title says so (decision 2031)."""
    from rnncast.backtestplot import whole_windows

    assert whole_windows(5, 28, 7) == set(range(5)) and whole_windows(10, 28, 28) == set(range(10))  # none overlap
    assert whole_windows(10, 28, 7) == {9, 5, 1} and whole_windows(10, 24, 1) == {9} and whole_windows(30, 3, 2) == set(
        range(29, -1, -2))
    result = Forecaster(**{**TINY, "epochs": 1, "horizon": 4}).backtest(frame, n_windows=8, step=1)
    fig = result.figure()
    title = fig.get_suptitle().replace("\n", " ")
    assert title.endswith("8 overlapping windows, each forecast a thin line; the intervals and baselines of 2 that "
                          "do not overlap (the last and one every 4 windows before it)")
    ax = fig.axes[0]
    assert len([line for line in ax.lines if line.get_color() in WINDOW_COLOURS and line.get_linewidth() == 0.9]) == 8
    assert len([line for line in ax.lines if line.get_gid() == "baseline: repeat the last value"]) == 2


def test_a_refit_window_whose_model_kept_the_untrained_network_is_marked_as_its_note_says(frame):
    """t38t5 6 (decision 2058): cutoffs whose model kept the untrained network (the notes said so) drew an ordinary flat
    forecast on the repeat line; metrics' ``untrained_windows`` names them and backtest.png marks their forecasts x,
    the legend saying "untrained" as forecast.png's does."""
    result = Forecaster(**{**TINY, "lr": 1e-12}).backtest(frame, target="y", n_windows=2, refit=True)
    assert result.metrics["untrained_windows"] == [0, 1]
    fig = result.figure()
    marked = [line for ax in fig.axes for line in ax.lines if line.get_gid() == "untrained"]
    assert len(marked) == 2 * len(fig.axes) and {line.get_marker() for line in marked} == {"x"}
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert f"{legend_label(result.metrics, True)}: no epoch beat it" in texts

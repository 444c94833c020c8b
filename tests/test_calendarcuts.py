"""A backtest's cutoffs counted on the calendar (``calendarcuts``): the same dates for series that share one, and
the windows a missing row leaves out, named."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.calendarcuts import first_rows, left_out
from rnncast.loading import load_panel


def _stores(missing: dict, n: int = 66, periods: int = 4) -> pd.DataFrame:
    """``periods`` month-end stores of ``n`` months from 2019-01-31, each lacking the months ``missing`` gives it."""
    t = pd.date_range("2019-01-31", periods=n, freq="ME")
    frame = pd.concat([pd.DataFrame({"unique_id": f"S{i}", "ds": t, "y": 100 + np.sin(np.arange(n) / 2.0 + i)})
                       for i in range(periods)], ignore_index=True)
    for sid, months in missing.items():
        frame = frame[~((frame.unique_id == sid) & frame.ds.isin(pd.to_datetime(months)))]
    return frame.reset_index(drop=True)


def _cutoff_dates(panel, rows):
    return [[str(panel.time_of(s)[r - 1].date()) for r in rows[s]] for s in range(panel.n_series)]


def test_a_store_lacking_a_month_is_cut_on_the_others_dates_and_its_window_across_the_month_left_out():
    """Counted in rows, S0 (lacking 2024-03) was cut at 2022-11-30, 2023-05-31 and 2023-11-30 beside the others'
    2022-12-31, 2023-06-30 and 2023-12-31, and the test read 6 cutoff dates (a tester's finding)."""
    panel = load_panel(_stores({"S0": ["2024-03-31"]}), announce=False)
    rows, kept, cuts = first_rows(panel, None, 6, 3, 6)
    assert _cutoff_dates(panel, rows) == [["2022-12-31", "2023-06-30", "2023-12-31"]] * 4
    assert kept.tolist() == [[True, True, False]] + [[True] * 3] * 3  # S0's last window would forecast 5 months as 6
    said = left_out(panel, cuts, kept, 6)
    assert said["windows"] == 1 and said["of"] == 12 and said["ids"] == ["S0"]
    assert "'S0' at the cutoff 2023-12-31 (it lacks 2024-03-31)" in said["text"] and "--fill-gaps" in said["text"]


def test_a_missing_cutoff_row_leaves_its_window_out_and_a_gap_before_the_cutoffs_leaves_none():
    panel = load_panel(_stores({"S1": ["2023-06-30"], "S2": ["2021-03-31"]}), announce=False)
    rows, kept, cuts = first_rows(panel, None, 6, 3, 6)
    # S1 lacks the cutoff 2023-06-30 itself, and it is among the targets of the cutoff before it
    assert kept.tolist() == [[True] * 3, [False, False, True], [True] * 3, [True] * 3]
    assert "'S1' at the cutoff 2023-06-30 (it lacks that row)" in left_out(panel, cuts, kept, 6)["text"]
    assert rows[2].tolist() == (rows[0] - 1).tolist()  # S2's gap lies before its cutoffs: one row fewer up to each
    assert left_out(load_panel(_stores({}), announce=False), cuts, np.ones_like(kept), 6) is None


def test_a_given_cutoff_steps_on_the_calendar_and_a_series_that_ends_earlier_keeps_its_own_end():
    frame = _stores({"S0": ["2023-02-28"]})
    frame = frame[~((frame.unique_id == "S3") & (frame.ds > "2024-03-31"))]  # S3 ends 3 months early
    panel = load_panel(frame, announce=False)
    rows, kept, _ = first_rows(panel, "2022-12", 6, 3, 6)
    assert _cutoff_dates(panel, rows)[:3] == [["2022-12-31", "2023-06-30", "2023-12-31"]] * 3
    assert rows[3].tolist() == [0, 0, 0]  # its last window reaches past its end: left out whole as too short
    assert kept[0].tolist() == [False, True, True]
    rows, _, _ = first_rows(panel, None, 6, 3, 6)
    assert _cutoff_dates(panel, rows)[3] == ["2022-09-30", "2023-03-31", "2023-09-30"]  # counted back from its own end


def test_without_times_the_rows_are_counted_as_before():
    panel = load_panel(pd.DataFrame({"y": np.sin(np.arange(50) / 3.0)}), announce=False)
    rows, kept, cuts = first_rows(panel, None, 3, 2, 3)
    assert rows.tolist() == [[44, 47]] and kept.all() and (cuts == -1).all()


def _weekly(form: str) -> pd.DataFrame:
    """Two series of 150 weeks from 2019-W01, written as ISO weeks ('2019-W01') or as week-ending Saturdays."""
    start = pd.date_range("2019-01-05", periods=150, freq="W-SAT")
    ds = start.strftime("%G-W%V") if form == "iso" else start.strftime("%Y-%m-%d")
    return pd.DataFrame({"unique_id": np.repeat(["A", "B"], 150), "ds": np.tile(ds, 2),
                         "y": np.random.default_rng(0).poisson(20, 300).astype(float)})


def test_every_cutoff_form_fit_reads_cuts_a_backtest_at_the_same_rows():
    """A backtest at --cutoff 2020-W50 of ISO-week text or week-ending Saturdays crashed ("ValueError: Cannot
    losslessly convert units": the week's last nanosecond cast to the times' unit) where fit cut it (a tester's
    finding); each form fit reads (a week, a day inside it, its Saturday, a month, a quarter) cuts the first window of
    a backtest after the rows fit keeps up to it."""
    from rnncast.cutoffs import counts
    forms = ("2020-W50", "2020-12-09", "2020-12-12", "2020-12", "2020Q4", "2020-W50-1")
    # ISO weeks are read as their Mondays: a day inside week 50 cuts after it, December and Q4 after 2020-W53
    ups = {"iso": (102, 102, 102, 105, 105, 102), "sat": (102, 101, 102, 104, 104, 101)}
    for form, expected in ups.items():
        panel = load_panel(_weekly(form), announce=False)
        for cutoff, up in zip(forms, expected):
            rows, kept, _ = first_rows(panel, cutoff, 4, 2, 4)
            assert [c["cutoff_rows"][0] for c in counts(cutoff, panel)] == [up, up], (form, cutoff)
            assert rows.tolist() == [[up, up + 4]] * 2 and kept.all(), (form, cutoff)


def test_a_window_lacking_only_a_date_it_forecasts_is_kept_where_those_dates_are_no_input():
    """``through=0`` (a model without future covariates, ``stepactuals``): only the cutoff's row is needed."""
    panel = load_panel(_stores({"S0": ["2024-03-31"], "S1": ["2023-06-30"]}), announce=False)
    _, kept, cuts = first_rows(panel, None, 6, 3, 6, through=0)
    assert kept.tolist() == [[True] * 3, [True, False, True], [True] * 3, [True] * 3]  # S1: its cutoff lacks
    said = left_out(panel, cuts, kept, 6, through=0)
    assert said["windows"] == 1 and "lacks the cutoff's row, the last its forecast reads: 'S1' at the cutoff 2023-06-30" in said["text"]


def test_a_backtest_walks_its_calendar_once_and_a_series_left_out_keeps_the_others_walk(monkeypatch):
    """The calendar walk (placed_series) ran up to four times per backtest (first_rows, left_out, the steps without
    a row, the first forecast steps): once now, handed down, and renumbered where short series are left out."""
    from conftest import TINY
    from rnncast import Forecaster, calendarcuts

    walked = []
    real = calendarcuts.placed_series
    monkeypatch.setattr(calendarcuts, "placed_series", lambda panel: walked.append(1) or real(panel))
    frame = _stores({"S0": ["2024-03-31"]})
    short = pd.DataFrame({"unique_id": "A", "ds": pd.date_range("2023-01-31", periods=5, freq="ME"), "y": 1.0})
    bt = Forecaster(**{**TINY, "horizon": 3}).backtest(pd.concat([short, frame], ignore_index=True), n_windows=5,
                                                       step=3, time_col="ds", target="y", id_col="unique_id")
    assert len(walked) == 2  # the backtest's one walk, and its fit's one for MASE's scale: S0 lacks a month (1885, 1951)
    alone = Forecaster(**{**TINY, "horizon": 3}).backtest(frame, n_windows=5, step=3, time_col="ds", target="y",
                                                          id_col="unique_id")
    assert [d["id"] for d in bt.metrics["skipped_series"]] == ["A"]  # S0 is series 1 of 5, then 0 of 4
    assert bt.metrics["windows_left_out"] == alone.metrics["windows_left_out"]
    assert "'S0' at the cutoff 2024-03-31" in bt.metrics["windows_left_out"]["text"]
    assert [w["first_step"] for w in bt.metrics["windows"]] == [w["first_step"] for w in alone.metrics["windows"]]
    panel = load_panel(frame, announce=False)
    placed = calendarcuts.placed_series(panel)
    assert list(calendarcuts.subset(placed, [3, 1])) == [0, 1]
    assert calendarcuts.subset(placed, [3, 1])[0][0] is placed[3][0]

"""Series of a panel that ended long before the others (``staleseries.py``): forecast, and said."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster


def _panel(last_of_b: int) -> pd.DataFrame:
    frames = []
    for sid, n in (("a", 120), ("b", last_of_b), ("c", 120)):
        frames.append(pd.DataFrame({"id": sid, "date": pd.date_range("2020-01-01", periods=n, freq="D"),
                                    "y": np.sin(np.arange(n) / 4.0)}))
    return pd.concat(frames, ignore_index=True)


def test_a_series_that_closed_long_before_the_others_is_forecast_and_said(caplog):
    """A finance tester's ticker delisted in September 2023 beside others traded to December 2024: predict forecast
    it for 2023-10-02..06 next to 2025's forecasts and said only "wrote 40 forecast steps"."""
    frame = _panel(60)
    model = Forecaster(**TINY).fit(frame, target="y", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    assert sorted(forecast["id"].unique()) == ["a", "b", "c"]  # forecast still: what the user asked
    [said] = [r.getMessage() for r in caplog.records if "before the latest row" in r.getMessage()]
    assert said == ("1 series ends before the latest row of the others (2020-04-29) by at least its horizon: 'b' (last "
                    "row 2020-02-29, forecast 2020-03-01 to 2020-03-03); its forecasts are of dates the data already "
                    "covers, not of what comes next; to forecast only the series still running, leave its rows out, or "
                    "give its rows up to date")


def test_series_ending_within_a_horizon_of_the_others_say_nothing(caplog):
    frame = _panel(118)  # two days short of the others: its forecast reaches past their last row
    model = Forecaster(**TINY).fit(frame, target="y", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    assert not any("before the latest row" in r.getMessage() for r in caplog.records)


def test_a_series_ending_exactly_one_horizon_early_is_said(caplog):
    """t36t8 F6 (decision 1939): a probe ending 48 h (its 16-step horizon) before the others was forecast for dates
    the others' rows all cover, and nothing was said; 3 h earlier it was."""
    frame = _panel(117)  # its 3 forecast days are the others' last 3
    model = Forecaster(**TINY).fit(frame, target="y", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    [said] = [r.getMessage() for r in caplog.records if "before the latest row" in r.getMessage()]
    assert "'b' (last row 2020-04-26, forecast 2020-04-27 to 2020-04-29)" in said


def test_a_backtest_of_a_series_that_closed_long_before_the_others_says_so_in_one_line(caplog):
    """A retail tester's panel: one SKU ended 9 weeks before the other 1,999; fit and predict said so, backtest, whose
    windows count back from each series' own end, tested it on earlier dates than the others and said nothing."""
    frame = _panel(80)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}).backtest(frame, target="y", id_col="id", n_windows=2)
    [said] = [r.getMessage() for r in caplog.records if "before the latest row" in r.getMessage()]
    assert said == ("1 series ends before the latest row of the others (2020-04-29) by at least its horizon: 'b' (last "
                    "row 2020-03-20); its backtest windows are cut back from its own end, so they test earlier dates "
                    "than the others'; to test only the series still running, leave its rows out, or give its rows up "
                    "to date")


def test_a_backtest_of_series_ending_within_a_horizon_of_the_others_says_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}).backtest(_panel(118), target="y", id_col="id", n_windows=2)
    assert not any("before the latest row" in r.getMessage() for r in caplog.records)


def test_the_line_spells_dates_as_the_data_just_read_not_as_the_fit_read_them(caplog):
    """A planner's run fit on day-first dates (07/12/2023) and given ISO data at predict said "'E' (last row
    06/10/2026 ..." beside ISO lines (t36t2, decision 1897)."""
    frame = _panel(60)
    dayfirst = frame.assign(date=frame["date"].dt.strftime("%d/%m/%Y"))
    model = Forecaster(**TINY).fit(dayfirst, target="y", id_col="id")
    for data, last in ((frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d")), "2020-02-29"),
                       (dayfirst, "29/02/2020")):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            model.predict(data)
        [said] = [r.getMessage() for r in caplog.records if "before the latest row" in r.getMessage()]
        assert f"'b' (last row {last}, forecast " in said

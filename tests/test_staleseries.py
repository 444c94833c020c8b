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


def test_a_series_one_step_behind_the_others_is_not_warned_of_but_said(caplog):
    """A ticker a holiday behind (decision 754), a warehouse whose Friday upload is late (t39t4 5): one forecast date
    the others' rows cover is within ``tolerance``; an INFO line names it (decision 2121)."""
    frame = _panel(119)
    model = Forecaster(**TINY).fit(frame, target="y", id_col="id")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model.predict(frame)
    said = [r for r in caplog.records if "before the latest row" in r.getMessage()]
    assert [r.levelno for r in said] == [logging.INFO]
    assert said[0].getMessage() == (
        "1 series ends before the latest row of the others (2020-04-29) by no more than 1 step: 'b' (last row "
        "2020-04-28, forecast 2020-04-29 to 2020-05-01, 1 of its 3 forecast dates covered); its forecasts are dated "
        "from its own end (a holiday of its own, or rows not yet in?)")


def test_a_series_ending_part_of_a_horizon_before_the_others_is_warned_of_with_its_dates_covered(caplog):
    """t39t3 M1: a trial site closed 2026-06-30 beside sites to 2026-10-31 was forecast at horizon 6 for 2026-07-31
    to 2026-12-31, four months the panel covers, and nothing was said: only a series whose every forecast date was
    covered was (decisions 754, 1939). Two of three daily forecasts inside the data are past the tolerance too."""
    months = pd.concat([pd.DataFrame({"id": sid, "date": pd.date_range(end=end, periods=60, freq="ME"),
                                      "y": np.sin(np.arange(60) / 2.0) + 3}) for sid, end in
                        (("C0", "2026-06-30"), ("C1", "2026-10-31"), ("C2", "2026-10-31"))], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 6}).fit(months, target="y", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(months)
    assert len(forecast) == 18  # forecast still
    [said] = [r.getMessage() for r in caplog.records if "before the latest row" in r.getMessage()]
    assert said == ("1 series ends before the latest row of the others (2026-10-31) by more than 1 step: 'C0' (last "
                    "row 2026-06-30, forecast 2026-07-31 to 2026-12-31, 4 of its 6 forecast dates covered); its "
                    "forecasts start at dates the data already covers, not at what comes next; to forecast only the "
                    "series still running, leave its rows out, or give its rows up to date")
    frame = _panel(118)  # two days short of the others: 2 of its 3 forecast days are theirs
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="y", id_col="id").predict(frame)
    [said] = [r.getMessage() for r in caplog.records if "before the latest row" in r.getMessage()]
    assert "by more than 1 step: 'b' (last row 2020-04-27, forecast 2020-04-28 to 2020-04-30, 2 of its 3" in said


def test_the_tolerance_is_a_tenth_of_the_horizon_one_step_at_least():
    from rnncast.staleseries import tolerance
    assert [tolerance(h) for h in (1, 3, 6, 19, 20, 24, 288)] == [1, 1, 1, 1, 2, 2, 28]


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


def test_a_backtest_of_series_ending_a_step_before_the_others_says_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}).backtest(_panel(119), target="y", id_col="id", n_windows=2)
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

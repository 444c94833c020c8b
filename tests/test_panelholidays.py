"""Weekdays a series of a panel misses that are mostly one holiday set's (``panelholidays.py``): a NYSE ticker
halted for two weeks beside one that keeps NYSE's days is named in the gap warning, with ``holidays=`` for the panel
as the advice (which works, leaving only the halt as gaps); never adopted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import holidaysets, panelholidays
from rnncast.loading import load_panel


def _days(market: str, start: str, end: str) -> pd.DatetimeIndex:
    return pd.date_range(start, end, freq=holidaysets.offset(market))


def _long(**series) -> pd.DataFrame:
    return pd.concat([pd.DataFrame({"ticker": name, "date": days, "close": 100 + np.sin(np.arange(len(days)) / 7)})
                      for name, days in series.items()], ignore_index=True)


HALT = pd.bdate_range("2024-03-04", "2024-03-15")


def test_a_halted_ticker_beside_a_nyse_one_is_told_its_gaps_are_mostly_nyse_holidays_and_the_panel_flag(caplog):
    aapl = _days("NYSE", "2022-01-03", "2024-11-29")
    frame = _long(AAPL=aapl, HALT=aapl.difference(HALT))
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="close", id_col="ticker")
    assert panel.calendars[panel.ids.index("HALT")].holidays is None  # not adopted
    text = caplog.text
    assert ("28 of the 38 weekdays series 'HALT' misses are NYSE holidays (the set series 'AAPL' keeps), every one "
            "in its span; the other 10: 2024-03-04 to 2024-03-15; give holidays='NYSE' (--holidays NYSE) for the "
            "panel to skip them, the other days then gaps; fill_gaps=True (--fill-gaps) inserts true gaps") in text
    fixed = load_panel(frame, target="close", id_col="ticker", holidays="NYSE", announce=False)  # the advice works
    assert fixed.calendar.holidays == "NYSE" and not fixed.calendars


def test_beside_another_markets_series_the_advice_is_to_fit_it_apart():
    halted = _days("NYSE", "2022-01-03", "2024-11-29").difference(HALT)
    frame = _long(HALT=halted, JP1=_days("JPX", "2022-01-04", "2024-11-29"))
    sets = [None, "JPX"]
    time = pd.DatetimeIndex(frame.date)
    offsets = np.array([0, len(halted), len(frame)])
    text = panelholidays.hint(time, offsets, sets, ["HALT", "JP1"])
    assert text.startswith("28 of the 38 weekdays series 'HALT' misses are NYSE holidays, every one in its span")
    assert text.endswith("fit series 'HALT' apart with holidays='NYSE' (--holidays NYSE) to skip them, the other "
                         "days then gaps")


def test_runs_of_other_days_are_said_as_spans_and_single_days():
    days = _days("NYSE", "2022-01-03", "2024-11-29").difference(HALT).difference(pd.DatetimeIndex(["2023-06-07"]))
    found = panelholidays.mostly(days, np.array([0, len(days)]), 0, ["NYSE"])
    assert (found.name, found.holidays, len(found.others)) == ("NYSE", 28, 11)
    said = panelholidays.said(found, days, [None, "NYSE"], ["HALT", "AAPL"])
    assert "the other 11: 2023-06-07, 2024-03-04 to 2024-03-15;" in said


def test_random_gaps_a_set_with_a_row_on_its_holiday_or_holidays_outnumbered_are_not_mostly_a_set():
    rng = np.random.default_rng(0)
    weekdays = pd.bdate_range("2022-01-03", "2024-11-29")
    random = weekdays.delete(rng.choice(len(weekdays), 40, replace=False))
    assert panelholidays.mostly(random, np.array([0, len(random)]), 0, ["NYSE"]) is None
    nyse = _days("NYSE", "2022-01-03", "2024-11-29")
    row_on = nyse.difference(HALT).union(pd.DatetimeIndex(["2023-07-04"]))  # a row on Independence Day
    assert panelholidays.mostly(row_on, np.array([0, len(row_on)]), 0, ["NYSE"]) is None
    long_halt = nyse.difference(pd.bdate_range("2023-01-02", "2023-03-31"))  # more halt days than holidays
    found = panelholidays.mostly(long_halt, np.array([0, len(long_halt)]), 0, ["NYSE"])
    assert found is None or found.name != "NYSE"

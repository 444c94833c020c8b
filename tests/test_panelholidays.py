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


def _queues(holidays: list, names: list) -> pd.DataFrame:
    """Hourly calls 09:00-12:00 on weekdays, 2024-01-02 to 2024-07-31, none on ``holidays``: one site's queues."""
    bars = pd.date_range("2024-01-02", "2024-07-31 23:00", freq="h")
    bars = bars[(bars.day_of_week < 5) & (bars.hour >= 9) & (bars.hour <= 12)]
    bars = bars[~bars.normalize().isin(pd.to_datetime(holidays))]
    return pd.concat([pd.DataFrame({"queue": n, "ds": bars, "calls": 5 + (np.arange(len(bars)) % 4)}) for n in names])


GB = ["2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27"]
US = ["2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04"]


def test_a_panel_of_two_sites_on_one_session_names_each_series_holidays_and_advises_fitting_each_apart(caplog):
    """London's and Chicago's queues read as one '1h 09:00-12:00' session without holidays: every holiday a gap and
    forecast on (27 May 2024 at both). The gap warning names each series' set and the fit apart (decision 1790)."""
    frame = pd.concat([_queues(GB, ["sales", "support"]), _queues(US, ["chi_sales", "chi_support"])])
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="calls", id_col="queue")
    assert panel.calendar.holidays is None and panel.calendar.session is not None
    text = caplog.text
    assert ("the weekdays each series misses are its own holidays: series 'chi_sales', 'chi_support' miss FED (or "
            "US: they differ after the data, 2026-07-03 is a holiday of US (Independence Day (observed)), not of FED; "
            "give the one its site keeps) holidays; series 'sales', 'support' miss LSE holidays; one calendar for the "
            "panel skips none of them, so the panel's forecasts fall on them: fit each set's series apart, each with "
            "its own holidays= (--holidays FED or US; --holidays LSE); fill_gaps=True (--fill-gaps) inserts true "
            "gaps") in text
    alone = load_panel(frame[frame.queue == "sales"], target="calls", announce=False)  # the advice works
    assert alone.calendar.holidays == "LSE"
    apart = load_panel(frame[frame.queue.str.startswith("chi")], target="calls", id_col="queue", holidays="US",
                       announce=False)
    assert apart.calendar.holidays == "US"


def test_a_session_panel_whose_series_keep_one_set_or_none_gets_no_clause():
    one = _queues(GB, ["sales", "support"])
    bars = pd.DatetimeIndex(one.ds)
    offsets = np.array([0, len(bars) // 2, len(bars)])
    panel = load_panel(one, target="calls", id_col="queue", announce=False)
    assert panel.calendar.holidays == "LSE"  # one set for every series: the panel keeps it
    plain = load_panel(_queues([], ["a", "b"]), target="calls", id_col="queue", announce=False)
    assert panel.calendar.session is not None
    assert panelholidays.sessions_apart(bars, offsets, plain.calendar, ["sales", "support"]) == ""
    assert panelholidays.sessions_apart(bars, offsets, panel.calendar, ["sales", "support"]) == ""  # it has its set
    daily = load_panel(_long(AAPL=_days("NYSE", "2024-01-02", "2024-06-28")), target="close", holidays="NYSE",
                       announce=False)
    assert panelholidays.sessions_apart(bars, offsets, daily.calendar, ["sales", "support"]) == ""  # no session

"""The calendar that continues a series (``timecalendar.py``): every calendar continues as pandas' own
``date_range`` does, with no step warning, given or inferred; tz-aware series keep their zone across both
daylight-saving changes, and a daily one stays at local midnight."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import offsetguess
from rnncast.loading import load_panel
from rnncast.timecalendar import Calendar
from test_timeaxis import _frame, _warnings

H = 5
CALENDARS = [  # (pandas alias, first timestamp)
    ("MS", "2010-01-01"), ("ME", "2010-01-31"), ("QS", "2001-01-01"), ("QE", "2001-12-31"), ("QS-FEB", "2001-02-01"),
    ("QS-APR", "2001-04-01"), ("QE-MAR", "2001-03-31"),  # inferred as calendar quarters, QS-JAN, QE-DEC (decision 1044)
    ("YS", "1990-01-01"), ("YE", "1990-12-31"), ("B", "2024-05-06"), ("W-SUN", "2023-01-01"), ("W-WED", "2023-01-04"),
    ("D", "2024-01-01"), ("h", "2024-01-01"), ("15min", "2024-01-01"), ("s", "2024-01-01 12:00"), ("2h", "2024-01-01"),
    ("BMS", "2010-02-01"),
]



@pytest.mark.parametrize("freq,start", CALENDARS, ids=[c[0] for c in CALENDARS])
def test_every_calendar_is_inferred_and_continued_as_pandas_continues_it(caplog, freq, start):
    index = pd.date_range(start, periods=60, freq=freq)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(_frame(index))
    assert panel.calendar.freq == offsetguess.calendar_year(to_offset(freq))
    assert panel.next_times(0, H).equals(pd.date_range(index[-1], periods=H + 1, freq=freq, name="ds")[1:])
    assert _warnings(caplog) == []


def test_a_calendar_pandas_cannot_infer_is_given_as_freq():
    index = pd.date_range("2020-01-15", periods=40, freq="SME")  # the 15th and the month's end
    panel = load_panel(_frame(index), freq="SME")
    assert panel.next_times(0, H).equals(pd.date_range(index[-1], periods=H + 1, freq="SME", name="ds")[1:])


DST = [  # zone, first timestamp; each series crosses both changes of 2024
    ("Europe/Berlin", "2024-03-25"), ("America/New_York", "2024-03-05"), ("Australia/Sydney", "2024-03-30"),
]


@pytest.mark.parametrize("freq", ["h", "30min", "D", "B", "W-MON", "MS"])
@pytest.mark.parametrize("zone,start", DST, ids=[z for z, _ in DST])
def test_tz_aware_series_keep_their_zone_and_continue_across_both_dst_changes(caplog, zone, start, freq):
    periods = {"h": 24 * 230, "30min": 48 * 230, "D": 300, "B": 300, "W-MON": 60, "MS": 30}[freq]
    index = pd.date_range(start, periods=periods, freq=freq, tz=zone)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(_frame(index))
    assert panel.calendar.freq == to_offset(freq) and str(panel.time.tz) == zone
    expected = pd.date_range(index[-1], periods=H + 1, freq=freq, name="ds")[1:]
    assert panel.next_times(0, H).equals(expected)
    if freq in ("D", "B", "W-MON", "MS"):  # days and longer stay at local midnight
        assert (panel.next_times(0, H).hour == 0).all()
    assert _warnings(caplog) == []


def test_a_daily_local_series_stays_at_local_midnight_through_the_dst_change():
    index = pd.date_range("2024-10-01", "2024-10-26", freq="D", tz="Europe/Berlin")  # ends the day before the change
    dates = load_panel(_frame(index)).next_times(0, 3)
    assert [str(t) for t in dates] == ["2024-10-27 00:00:00+02:00", "2024-10-28 00:00:00+01:00",
                                       "2024-10-29 00:00:00+01:00"]


def test_calendars_that_differ_by_series_are_each_named_with_their_series_the_first_too():
    from rnncast.timecalendar import Calendar, by_series

    sun, mon_sat = (Calendar("datetime", weekmasks_offset(m)) for m in ("Sun Mon Tue Wed Thu", "Mon Tue Wed Thu Fri Sat"))
    business = Calendar("datetime", to_offset("B"))
    said = by_series(sun, {"202": business, "303": mon_sat}, ["101", "102", "103", "202", "303"])
    assert said == "'Sun Mon Tue Wed Thu' ('101' and 2 more), 'B' ('202'), 'Mon Tue Wed Thu Fri Sat' ('303')"
    assert by_series(sun, {}, ["101", "102"]) == "'Sun Mon Tue Wed Thu'"


def weekmasks_offset(mask):
    from rnncast import weekmasks

    return weekmasks.offset(mask)


def test_a_calendar_names_its_session_and_its_days():
    import pandas as pd

    from rnncast import sessions
    from rnncast.timecalendar import Calendar

    bars = sessions.parse("30min 09:30-15:30")
    assert Calendar("datetime", bars).session is bars and Calendar("datetime", bars).days == bars.days
    business = Calendar("datetime", pd.offsets.BDay())
    assert business.session is None and business.days == pd.offsets.BDay()


def test_calendars_by_series_name_the_series_by_their_ids_as_given():
    """The run page and the season hint named integer ids as text ('101'); decision 212's review."""
    from rnncast.timecalendar import Calendar, by_series

    base, own = Calendar("datetime", to_offset("D")), {"202": Calendar("datetime", to_offset("B"))}
    assert "('101' and 1 more)" in by_series(base, own, ["101", "202", "303"])  # text ids, as a saved model has them
    said = by_series(base, own, ["101", "202", "303"], given={"101": 101, "202": 202, "303": 303})
    assert "(101 and 1 more)" in said and "(202)" in said


def test_predicts_refusal_of_closes_kept_on_a_zones_clock_says_fits_advice_not_rounding():
    """New York's closes written in UTC: predict said "fit again on rounded timestamps: ... (no jitter to round)",
    contradicting itself; it now gives fit's advice (tz= first), with no word of rounding."""
    import numpy as np

    from rnncast import RnncastError
    from rnncast.jitter import advice
    from rnncast.timecalendar import Calendar

    days = pd.bdate_range("2022-01-03", "2023-12-29")
    closes = (days + pd.Timedelta("16h")).tz_localize("America/New_York").tz_convert("UTC").rename("ds")
    near = advice(closes, np.array([0, len(closes)]))
    with pytest.raises(RnncastError) as refused:
        Calendar("datetime", None, "UTC", "ds").next(closes[-1], 3, near=near)
    said = str(refused.value)
    assert "rounded" not in said and "round them" not in said and "fit again on timestamps that keep one calendar: the timestamps keep" in said
    assert said.endswith("(for the first: tz='America/New_York', --tz America/New_York)")


def test_a_sessions_half_day_closes_round_trip_through_its_state_and_date_its_steps():
    state = {"kind": "datetime", "freq": "h 09:30-15:30", "name": "ts", "holidays": "NYSE",
             "half_days": {"Day after Thanksgiving Day (markets close at 1:00pm)": "13:00"}}
    calendar = Calendar.from_state(state)
    assert calendar.session.early.closes == (("Day after Thanksgiving Day (markets close at 1:00pm)",
                                              pd.Timedelta("13:00:00")),)
    assert calendar.state()["half_days"] == state["half_days"]
    ahead = calendar.next(pd.Timestamp("2024-11-27 15:30"), 5)
    assert [str(t) for t in ahead[3:]] == ["2024-11-29 12:30:00", "2024-12-02 09:30:00"]
    whole = Calendar.from_state({k: v for k, v in state.items() if k != "half_days"})  # a model before half days
    assert str(whole.next(pd.Timestamp("2024-11-27 15:30"), 5)[4]) == "2024-11-29 13:30:00"


def test_a_periodindexs_fiscal_quarters_are_read_back_from_a_model_as_their_own():
    """A model fitted with no freq on a Q-MAR PeriodIndex (a Parquet file of periods) kept 'QE-MAR', which reading
    model.json turned into the calendar year's 'QE-DEC', as for dates recorded before decision 1044: predict on the same
    file was refused "timestamp 2015-04-01 ... is not on the calendar freq='QE-DEC'". Periods name their own quarters,
    so they are kept (decision 2104); dates found so still read as the calendar year's."""
    periods = Calendar.from_state({"kind": "period", "freq": "QE-MAR", "name": "q"}, found=True)
    assert periods.freq == to_offset("QE-MAR") and str(pd.PeriodDtype(periods.freq)) == "period[Q-MAR]"
    dates = Calendar.from_state({"kind": "datetime", "freq": "QE-MAR", "name": "q"}, found=True)
    assert dates.freq_text == "QE-DEC"

"""``businesssteps``: a backtest's step on business days that skip holidays (t39t4, findings 2 and 7; decision
2113): whole weeks placed by date (each cutoff on its weekday, the business day before it after a holiday), '1B' as
one step, other spans refused by name, and the warning where a week of rows moves the cutoffs after a holiday."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, businesssteps, holidaysets

SETTINGS = {**TINY, "epochs": 1, "lookback": 6, "horizon": 4}


def _days(holidays: str | None = "DE", start: str = "2024-01-02", end: str = "2024-06-28") -> pd.DataFrame:
    """Business days of 2024's first half, without DE holidays (Good Friday 03-29, Easter Monday 04-01, 05-01...)."""
    time = pd.date_range(start, end, freq=holidaysets.offset(holidays) if holidays else "B")
    return pd.DataFrame({"date": time, "y": 100 + 10 * np.sin(time.day_of_week.to_numpy() * 2 * np.pi / 5)
                         + np.arange(len(time)) / 10})


def _cutoffs(frame, step, cutoff="2024-03-01", n_windows=5, holidays="DE") -> list[str]:
    """The cutoffs as weekday and date, on the calendar 'B' without ``holidays`` (None: plain 'B', inferred)."""
    kw = {} if holidays is None else {"holidays": holidays}
    bt = Forecaster(**{**SETTINGS, "cutoff": cutoff, **kw}).backtest(frame, n_windows=n_windows, step=step, target="y",
                                                                     time_col="date")
    return [f"{pd.Timestamp(t):%a %m-%d}" for t in pd.unique(bt.forecasts["cutoff"])]


@pytest.mark.parametrize("step", ["7D", "1W", "W-FRI"])
def test_a_week_on_business_days_with_holidays_is_placed_by_date_on_the_same_weekday(step, caplog):
    """--step 7D was refused ("not a whole number of the data's steps ... no fixed length"): a planner forecasting
    every Friday gets Fridays, Good Friday's cutoff on the Thursday before it, and the week after back on Friday."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        cuts = _cutoffs(_days(), step, n_windows=6)
    assert cuts == ["Fri 03-01", "Fri 03-08", "Fri 03-15", "Fri 03-22", "Thu 03-28", "Fri 04-05"]
    assert (f"step {step!r} (--step) read by date on the data's calendar 'B' without DE holidays: each cutoff 7 days "
            "after the first, on its weekday, or the last business day before it where that day is a holiday"
            in caplog.text)
    assert "1 cutoff falls on a day the calendar skips, read as the last business day before it: 2024-03-29 as " \
           "2024-03-28" in caplog.text


def test_a_week_counted_back_from_the_end_and_two_weeks_keep_the_weekday():
    frame = _days(end="2024-04-26")  # a Friday: the last cutoff a horizon (4 steps) before it, a Monday
    assert _cutoffs(frame, "7D", None, 3) == ["Mon 04-08", "Mon 04-15", "Mon 04-22"]
    assert _cutoffs(_days(), "2W", "2024-03-15", 3) == ["Fri 03-15", "Thu 03-28", "Fri 04-12"]


def test_a_week_on_plain_business_days_is_five_steps(caplog):
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert _cutoffs(_days(None), "7D", n_windows=3, holidays=None) == ["Fri 03-01", "Fri 03-08", "Fri 03-15"]
    assert "step '7D' (--step) read as 5 steps of the data's calendar 'B': a week" in caplog.text


@pytest.mark.parametrize("step, apart", [("1B", 1), ("2B", 2)])
def test_a_span_of_business_days_is_that_many_steps(step, apart, caplog):
    """--step 1B was refused as "neither a whole number of the data's steps nor a span" (finding 7)."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        cuts = _cutoffs(_days(), step, "2024-03-26", 3)
    assert cuts == (["Tue 03-26", "Wed 03-27", "Thu 03-28"] if apart == 1 else ["Tue 03-26", "Thu 03-28", "Wed 04-03"])
    assert (f"step {step!r} (--step) read as {apart} step{'s' if apart > 1 else ''} of the data's calendar 'B' without "
            "DE holidays, whose holidays are no steps") in caplog.text


@pytest.mark.parametrize("step", ["1D", "10D", "1Q"])
def test_a_span_of_no_whole_weeks_on_business_days_is_refused_naming_what_would_do(step):
    with pytest.raises(RnncastError, match=rf"^step={step!r} \(--step\) is no whole number of weeks nor of months, "
                                           r"and the data's calendar \('B' without DE holidays\) keeps 5 business days"
                       ) as err:
        _cutoffs(_days(), step)
    assert "give a whole number of weeks ('7D', '1W'" in str(err.value) and "(--step 5 for a week)" in str(err.value)
    assert "of months ('BME', '1MS': the last or first business day of each" in str(err.value)


@pytest.mark.parametrize("step, cuts", [("BME", ["Thu 02-29", "Thu 03-28", "Tue 04-30"]),
                                        ("1ME", ["Thu 02-29", "Thu 03-28", "Tue 04-30"]),
                                        ("1M", ["Thu 02-29", "Thu 03-28", "Tue 04-30"]),
                                        ("1MS", ["Fri 03-01", "Tue 04-02", "Thu 05-02"]),
                                        ("BMS", ["Fri 03-01", "Tue 04-02", "Thu 05-02"])])
def test_months_on_business_days_cut_on_each_months_last_or_first_business_day(step, cuts, caplog):
    """t40t1 M4: --step BME (1ME, 1MS) on business days was refused as "no whole number of weeks ... its cutoffs would
    fall on days it skips": each cutoff is the calendar's own last (first) business day of a month, Good Friday
    03-29, Easter Monday 04-01 and 05-01 skipped, the first at or before the cutoff given (decision 2170)."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert _cutoffs(_days(), step, "2024-03-01", 3) == cuts
    which = "last" if "E" in step or step == "1M" else "first"
    assert (f"step {step!r} (--step) read by date on the data's calendar 'B' without DE holidays: each cutoff the "
            f"{which} business day of a month (its own, holidays skipped), 1 month apart, the first at or before the "
            "cutoff given") in caplog.text
    caplog.clear()
    back = ["Tue 04-30", "Fri 05-31"] if which == "last" else ["Wed 05-01", "Mon 06-03"]  # from 06-24, a horizon back
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert _cutoffs(_days(None), step, None, 2, holidays=None) == back
    assert "1 month apart, the last at or before a horizon before the series' end" in caplog.text  # r40-1 L2 (2200)
    assert "cutoff given" not in caplog.text


@pytest.mark.parametrize("step, cutoff, first", [("BMS", "2024-03-31", "2024-03-01"), ("BME", "2024-03-15", "2024-02-29"),
                                                 ("BMS", "2024-04-15", "2024-04-02")])
def test_the_first_cutoff_a_span_of_months_puts_is_named(step, cutoff, first, caplog):
    """t40-t6 M3: with BMS and --cutoff 2024-03-31 the line said "read as 2024-03-28" and the first cutoff was 03-01;
    BME from 03-15 became 02-29 unsaid: the line names the first cutoff used (decision 2207)."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        _cutoffs(_days(), step, cutoff, 2)
    which = "first" if "S" in step else "last"
    assert (f"step {step!r} (--step) puts the first cutoff on {first}: the {which} business day of a month, at or "
            f"before the cutoff given, {cutoff!r}") in caplog.text
    assert ("forecasts from the month's second business day" in caplog.text) == (which == "first")


def test_the_first_cutoffs_of_series_on_other_holidays_are_each_named(caplog):
    """A panel mixing calendars: the dates where series differ, each named by its series (decision 2207)."""
    de, us = _days("DE"), _days("US-CA")
    frame = pd.concat([de.assign(site="DE1"), de.assign(site="DE2"), us.assign(site="US1")])
    with caplog.at_level(logging.INFO, logger="rnncast"):
        Forecaster(**SETTINGS, cutoff="2024-03-31").backtest(frame, n_windows=2, step="BME", target="y",
                                                              time_col="date", id_col="site")
    assert "puts the first cutoff on 2024-03-28 (2 series), 2024-03-29 ('US1'), each on its own holidays" in caplog.text


def test_business_days_on_a_calendar_of_no_business_days_are_refused():
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=120), "y": np.sin(np.arange(120) / 3.0)})
    with pytest.raises(RnncastError, match=r"^step='1B' \(--step\) is a span of business days, and the data's "
                                           r"calendar \('D'\) is not one of business days"):
        _cutoffs(frame, "1B", holidays=None)


def test_a_week_of_rows_moved_to_another_weekday_by_a_holiday_is_warned_once(caplog):
    """--step 5 cut at Friday, then Tuesday after Easter and every Tuesday after, unsaid."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert _cutoffs(_days(), 5, "2024-03-15", 4) == ["Fri 03-15", "Fri 03-22", "Tue 04-02", "Tue 04-09"]
    said = [r.getMessage() for r in caplog.records if "move to another weekday" in r.getMessage()]
    assert said == ["the cutoffs 5 steps apart (a week of business days) move to another weekday after a holiday, "
                    "which the calendar 'B' without DE holidays skips (the first: 2024-03-29): the first is on a "
                    "Friday, the cutoff of window 2 on a Tuesday (2024-04-02); the business days are counted, not the "
                    "weeks; to keep every cutoff on the same weekday, step by calendar time (step='7D', --step 7D: the "
                    "business day before it where that day is a holiday)"]


def test_no_warning_where_no_holiday_moves_the_cutoffs(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _cutoffs(_days(), 5, "2024-02-23", 4)  # to 03-15: no holiday
        _cutoffs(_days(None), 5, "2024-03-15", 4, holidays=None)  # plain 'B': no holidays
        _cutoffs(_days(), 3, "2024-03-15", 4)  # no week: its weekday moves by design
    assert not [r for r in caplog.records if "move to another weekday" in r.getMessage()]


def test_two_cutoffs_on_one_business_day_are_refused():
    every = pd.bdate_range("2024-01-01", "2024-01-31")
    assert businesssteps.placed(every, pd.Timestamp("2024-01-13"), 9, 1, 4, "7D") == 9
    with pytest.raises(RnncastError, match=r"^step='7D' \(--step\) puts the cutoffs of windows 0 and 1 on one "
                                           r"business day, 2024-01-12"):
        businesssteps.placed(every, pd.Timestamp("2024-01-13"), 9, 1, 9, "7D")


def test_the_calendars_weekdays_holidays_and_nominal_steps():
    german, sunday = holidaysets.offset("DE"), pd.offsets.CustomBusinessDay(weekmask="Sun Mon Tue Wed")
    assert businesssteps.kind(german) and businesssteps.kind(pd.offsets.BDay()) and not businesssteps.kind(
        pd.offsets.Day(1))
    assert businesssteps.weekdays(pd.offsets.BDay()) == 5 and businesssteps.weekdays(sunday) == 4
    assert pd.Timestamp("2024-12-25") in businesssteps.holidays(german) and not len(businesssteps.holidays(sunday))
    assert businesssteps.nominal(("day", 14), german) == 10 and businesssteps.nominal(("day", 7), sunday) == 4
    assert businesssteps.nominal(("day", 10), german) is None and businesssteps.nominal(
        ("day", 7), pd.offsets.Day(1)) is None and businesssteps.nominal(None, german) is None
    assert businesssteps.weekdays(pd.offsets.CustomBusinessDay(weekmask="1111110")) == 6  # numpy's spelling too
    assert businesssteps.nominal(("month", 1), german) == 23 and businesssteps.nominal(("month", 2), sunday) == 36
    months = businesssteps.monthly(pd.offsets.MonthEnd(2), german)  # the calendar's own month ends (decision 2170)
    assert isinstance(months, pd.offsets.CustomBusinessMonthEnd) and months.n == 2
    assert months.rollback(pd.Timestamp("2024-04-02")) == pd.Timestamp("2024-03-28")  # Good Friday 03-29 skipped
    assert businesssteps.monthly(pd.offsets.MonthEnd(), pd.offsets.Day(1)) is None
    assert businesssteps.monthly(pd.offsets.Day(7), german) is None


def _sunday_to_thursday() -> pd.DataFrame:
    time = pd.date_range("2024-01-07", "2024-06-27", freq=pd.offsets.CustomBusinessDay(weekmask="Sun Mon Tue Wed Thu"))
    return pd.DataFrame({"date": time, "y": 100 + np.sin(np.arange(len(time))) + np.arange(len(time)) / 10})


@pytest.mark.parametrize("step, cuts", [("1B", ["Thu 03-14", "Sun 03-17", "Mon 03-18"]),
                                        ("2C", ["Thu 03-14", "Mon 03-18", "Wed 03-20"])])
def test_business_days_on_a_sunday_to_thursday_calendar_are_its_own(step, cuts, caplog):
    """'1B' (pandas' Monday to Friday) on a Sun-Thu calendar was refused advising '1B' (r39r1 M2): the user means
    one of the calendar's business days (decision 2135)."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert _cutoffs(_sunday_to_thursday(), step, "2024-03-14", 3, holidays=None) == cuts
    assert (f"step {step!r} (--step) read as {step[0]} step{'s' if step[0] != '1' else ''} of the data's calendar "
            "'Sun Mon Tue Wed Thu', its own business days, not Mon-Fri") in caplog.text


def test_business_days_of_another_week_mask_given_are_refused_naming_both_weeks():
    six = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    with pytest.raises(RnncastError, match=r"counts business days of the week Mon Tue Wed Thu Fri Sat, and the data's "
                                           r"calendar \('Sun Mon Tue Wed Thu'\) keeps Sun Mon Tue Wed Thu; give a "
                                           r"number of its business days \('1B', read on its own week\)"):
        _cutoffs(_sunday_to_thursday(), six, "2024-03-14", 3, holidays=None)


def test_a_span_of_hours_of_whole_weeks_is_placed_by_date_as_days_are(caplog):
    """'168h' on 'B' without DE holidays was said to be read by date, then refused as "no fixed step to count it
    in" (r39r1 L4); it is now '7D', across a change of clocks too (decision 2136)."""
    frame = _days()
    frame["date"] = frame["date"].dt.tz_localize("Europe/Berlin")  # 2024-03-31: the clocks change
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert _cutoffs(frame, "168h", "2024-03-15", 4) == ["Fri 03-15", "Fri 03-22", "Thu 03-28", "Fri 04-05"]
    assert "step '168h' (--step) read by date" in caplog.text and "2024-03-29 as 2024-03-28" in caplog.text
    assert "04-05 01:00" not in caplog.text



@pytest.mark.parametrize("mask, cuts, other", [("Mon Wed Fri", ["Fri 03-15", "Mon 03-18", "Wed 03-20"], "Tue Thu"),
                                               ("Tue Thu", ["Thu 03-14", "Tue 03-19", "Thu 03-21"], "Mon Wed Fri")])
def test_business_days_on_a_calendar_of_a_few_weekdays_are_its_own_and_it_forecasts_its_next_dates(mask, cuts, other,
                                                                                                  caplog):
    """t39t6: '1B' on Mon/Wed/Fri (Tue/Thu) rows was refused advising '1B'; since decision 2135 it is one of the
    calendar's own days, and the forecast after the last row is on the calendar's next dates (pandas'
    CustomBusinessDay on the week mask); another week's mask is refused naming both."""
    week = pd.offsets.CustomBusinessDay(weekmask=mask)
    time = pd.date_range("2023-09-04", periods=160, freq=week)
    frame = pd.DataFrame({"date": time, "y": 100 + np.sin(np.arange(160) / 3) + np.arange(160) / 10})
    first = f"2024-{cuts[0][4:]}"
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert _cutoffs(frame, "1B", first, 3, holidays=None) == cuts
        assert _cutoffs(frame, week, first, 3, holidays=None) == cuts  # its own mask, given as an offset
    assert f"step '1B' (--step) read as 1 step of the data's calendar '{mask}', its own business days" in caplog.text
    with pytest.raises(RnncastError, match=rf"counts business days of the week {other}, and the data's calendar "
                                           rf"\('{mask}'\) keeps {mask}; give a number of its business days"):
        _cutoffs(frame, pd.offsets.CustomBusinessDay(weekmask=other), first, 3, holidays=None)
    model = Forecaster(**SETTINGS).fit(frame, target="y", time_col="date")
    assert pd.DatetimeIndex(model.predict(frame).index).equals(pd.date_range(time[-1] + week, periods=4, freq=week))

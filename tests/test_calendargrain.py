"""Calendar covariates finer than the data's step (``calendargrain.py``, decision 2038): holiday:DE, day_of_week and
weekend on month ends (t38t5 3) and holiday:DE on weeks refused by name with what would work; month on quarters,
day on weeks and every attribute that varies on business days kept; a constant one left to check_fit's words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast import calendargrain, holidaysets
from rnncast.loading import load_panel


def _frame(freq, n=120, start="2010-01-01"):
    time = freq if isinstance(freq, pd.DatetimeIndex) else pd.date_range(start, periods=n, freq=freq)
    n = len(time)
    return pd.DataFrame({"ds": time, "y": 100 + np.random.default_rng(0).normal(0, 1, n)})


def _fit(frame, value):
    return Forecaster(lookback=8, horizon=2, hidden_size=4, epochs=1, max_batches=1, device="cpu",
                      calendar_covariates=value).fit(frame, target="y", time_col="ds")


@pytest.mark.parametrize("freq, value, said", [
    ("ME", "holiday:DE", r"'holiday:DE' .* reads each row's own date alone, and the data's rows are steps of 'ME' \(a "
                         r"month each\): holiday_DE would be 1 only on rows whose own date is a holiday of DE \(1 of "
                         r"the 120 rows: 2017-10-31\), .* count each step's holidays in a future covariate column"),
    ("ME", "day_of_week", r"'day_of_week' .* steps of 'ME' \(a month each\), no shorter than its cycle \(a week\): it "
                          r"would read the weekday on one day of each step \(2010-01-31\), .* on this calendar "
                          r"day_of_year or month can vary"),
    ("ME", "month,weekend", r"'weekend' .* no shorter than its cycle \(a week\)"),
    ("ME", "day", r"'day' .* no shorter than its cycle \(a month\)"),  # 31/31 and 27/28 of the way: a month's length
    ("QS", "day_of_week", r"steps of 'QS-JAN' \(a quarter each\)"),
    ("W-SUN", "holiday:DE", r"steps of 'W-SUN' \(a week each\): holiday_DE would be 1 only"),  # one day of seven
    ("YE", "day_of_year", r"'day_of_year' .* no shorter than its cycle \(a year\): .* no calendar attribute can vary"),
])
def test_an_attribute_read_once_a_step_is_refused_naming_the_calendar(freq, value, said):
    with pytest.raises(RnncastError, match=said):
        _fit(_frame(freq), value)


def test_a_constant_attribute_keeps_check_fit_s_refusal():
    with pytest.raises(RnncastError, match=r"'day' .* cannot vary on the data's calendar"):
        _fit(_frame("MS"), "day")  # the 1st of every month


@pytest.mark.parametrize("freq, value", [
    ("QS", "month,day_of_year"), ("MS", "month"), ("W-SUN", "day,day_of_year"),
    ("B", "day_of_week,holiday:DE"), ("D", "day_of_week,weekend,day"), ("h", "hour,day_of_week,holiday:DE"),
])
def test_attributes_that_vary_within_their_cycle_are_kept(freq, value):
    panel = load_panel(_frame(freq, n=400), target="y", time_col="ds", calendar_covariates=value, announce=False)
    calendargrain.check(panel, value)


def test_the_step_is_the_median_within_series_not_across_them():
    two = pd.concat([_frame("W-SUN", 30).assign(s="a"), _frame("W-WED", 30).assign(s="b")])
    panel = load_panel(two, target="y", time_col="ds", id_col="s", announce=False)
    assert calendargrain.step(panel) == pd.Timedelta(days=7)
    assert calendargrain.step(load_panel(_frame("B", 50), target="y", time_col="ds", announce=False)) == \
        pd.Timedelta(days=1)


def _days(mask, n=300):
    time = pd.date_range("2021-01-04", periods=7 * n // len(mask), freq="D")
    return _frame(time[time.day_of_week.isin(mask)][:n])


@pytest.mark.parametrize("frame, given", [
    (_days([0, 2, 4]), {"freq": "Mon Wed Fri"}),  # r38r2 M2: refused as "steps of 'Mon Wed Fri' (2 days each)"
    (_days([5, 6]), {"freq": "Sat Sun"}), (_days([1, 3]), {"freq": "Tue Thu"}),
    (_days([6, 0, 1, 2, 3]), {}),  # a C calendar found: Sun to Thu
    (_frame(pd.date_range("2021-01-04", periods=300, freq=holidaysets.offset("NYSE"))), {"holidays": "NYSE"}),
    (_frame(pd.date_range("2021-01-01", periods=450, freq="D")[np.arange(450) % 3 != 0]), {}),  # a daily file, gaps
])
def test_each_row_of_a_daily_or_week_mask_calendar_is_one_day_and_keeps_holidays(frame, given):
    """r38r2 M2 (decision 2063): the step was the median gap between rows, 2 days on Mon/Wed/Fri rows, so holiday:DE
    was refused there, though each row is one day."""
    panel = load_panel(frame, target="y", time_col="ds", announce=False, **given)
    assert calendargrain.step(panel) == pd.Timedelta(days=1)
    calendargrain.check(panel, "holiday:DE,day_of_week")


def test_rows_on_no_calendar_and_steps_under_a_day_are_worded_plainly():
    """r38r2 L4 (decision 2064): "steps of 'its own' (2 days each)" and pandas' "0 days 01:30:00 each". Three weeks of
    Mon/Wed/Fri rows are too few to be found as that week: the refusal names the week mask to give (decision 2106)."""
    irregular = load_panel(_days([0, 2, 4], n=9), target="y", time_col="ds", announce=False)  # no freq: no calendar
    with pytest.raises(RnncastError, match=r"and the data's rows, on no regular calendar, are about 2 days apart: "
                                           r"holiday_DE would be 1 only") as err:
        calendargrain.check(irregular, "holiday:DE")
    assert ("; the rows fall on Mon Wed Fri alone: if each is one day of that week, give it as the calendar, "
            "freq='Mon Wed Fri', --freq 'Mon Wed Fri', whose rows are read as one day each, keeping the attribute; "
            "else on steps longer than a day") in str(err.value)
    assert [calendargrain._span(pd.Timedelta(t)) for t in ("1h", "6h", "1min", "30s", "36h", "90min")] == \
        ["an hour", "6 hours", "a minute", "30 seconds", "1.5 days", "90 minutes"]


def test_mon_wed_fri_rows_without_freq_are_found_as_that_week_and_keep_their_holidays():
    """r38r2 L4: Mon/Wed/Fri rows read without --freq were refused as "about 2 days apart" (decision 2063 left them):
    their week is found as it is for daily data (decision 2106), so each row is one day."""
    panel = load_panel(_days([0, 2, 4]), target="y", time_col="ds", announce=False)
    assert panel.calendar.freq_text == "Mon Wed Fri" and calendargrain.step(panel) == pd.Timedelta(days=1)
    calendargrain.check(panel, "holiday:DE,day_of_week")


@pytest.mark.parametrize("freq, value", [("90min", "minute"), ("90min", "minute,hour"), ("36h", "hour"),
                                         ("10D", "day_of_week,weekend")])
def test_a_fixed_step_that_steps_through_an_attributes_cycle_keeps_it(freq, value):
    """`minute` on 90-minute rows was refused as read "on one day of each step" (decisions 2038, 2064), though the rows
    fall on the hour and at half past, 0 and 30 in turn: a fixed step that is no whole number of the attribute's
    cycle steps through it, and the attribute is kept (decision 2107)."""
    panel = load_panel(_frame(freq, n=200), target="y", time_col="ds", announce=False)
    calendargrain.check(panel, value)
    if freq == "90min":
        assert _fit(_frame(freq, n=200), value) is not None


@pytest.mark.parametrize("freq, value, said", [
    ("2h", "minute", r"'minute' .* cannot vary on the data's calendar"),  # whole hours: the same minute on every row
    ("W-SUN", "day_of_week", r"'day_of_week' .* cannot vary"),  # whole weeks
    ("ME", "day_of_week", r"steps of 'ME' \(a month each\), no shorter than its cycle"),  # months: no fixed length
])
def test_an_attribute_read_at_one_point_of_whole_cycles_is_still_refused(freq, value, said):
    with pytest.raises(RnncastError, match=said):
        _fit(_frame(freq), value)

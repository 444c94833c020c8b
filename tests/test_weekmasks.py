"""Weeks of business days other than Monday to Friday (``weekmasks.py``): the week mask as freq= spells
it, a bad word refused in one line, the week found in daily data only when no chance explains the
missing weekday (random gaps and a few weeks never make one), and a series of another week in a panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, weekmasks

SUN_THU = "Sun Mon Tue Wed Thu"


def _days(mask, periods=120, start="2021-01-03"):
    return pd.bdate_range(start, periods=periods, freq="C", weekmask=mask).to_numpy().astype("datetime64[D]")


def _one(days):
    return np.array([0, len(days)])


def test_a_mask_is_read_case_and_separators_aside_and_written_from_the_start_of_its_run():
    assert weekmasks.parse("sun mon, tue wed thu") == SUN_THU
    assert weekmasks.parse("Sat Fri Thu Wed Tue") == "Tue Wed Thu Fri Sat"
    assert weekmasks.parse("Monday Tuesday Wednesday Thursday Friday Saturday") == "Mon Tue Wed Thu Fri Sat"
    assert weekmasks.parse("Fri Mon Wed") == "Mon Wed Fri"  # not one run: Monday first
    assert weekmasks.parse("Mon Tue Wed Thu Fri") == weekmasks.BUSINESS and weekmasks.week("Mon Tue Wed Thu Fri") is None
    for alias in ("B", "D", "W-SUN", "15min", None, 3):
        assert weekmasks.parse(alias) is None


def test_a_word_that_is_no_weekday_is_refused_in_one_line_with_what_is_accepted():
    with pytest.raises(RnncastError, match=r"'Thur' is no weekday \(did you mean 'Thu'\?\); a week mask names") as err:
        weekmasks.parse("Sun Mon Tue Wed Thur")
    assert "\n" not in str(err.value) and "'Sun Mon Tue Wed Thu'" in str(err.value)


def test_the_offset_of_a_mask_is_pandas_custom_business_day_and_monday_to_friday_stays_b():
    offset = weekmasks.offset(SUN_THU)
    assert isinstance(offset, pd.offsets.CustomBusinessDay) and weekmasks.of(offset) == SUN_THU
    assert [d.day_name()[:3] for d in pd.date_range("2024-01-04", periods=3, freq=offset)] == ["Thu", "Sun", "Mon"]
    assert weekmasks.offset(None) == pd.offsets.BusinessDay() == weekmasks.offset(weekmasks.BUSINESS)
    assert weekmasks.of(pd.offsets.BusinessDay()) is None and weekmasks.of(pd.offsets.CustomBusinessDay()) is None
    assert weekmasks.days_of(pd.offsets.Day()) == weekmasks.EVERY and weekmasks.days_of(pd.offsets.MonthEnd()) is None


@pytest.mark.parametrize("mask", [SUN_THU, "Mon Tue Wed Thu Fri Sat", "Tue Wed Thu Fri Sat", "Mon Wed Fri"])
def test_the_week_of_daily_data_is_found(mask):
    assert weekmasks.infer(_days(mask), _one(_days(mask))) == mask


def test_monday_to_friday_and_every_day_are_no_week_mask():
    assert weekmasks.infer(_days(weekmasks.BUSINESS), _one(_days(weekmasks.BUSINESS))) is None
    days = np.arange(np.datetime64("2021-01-01"), np.datetime64("2021-06-01"))
    assert weekmasks.infer(days, _one(days)) is None


def test_random_gaps_in_daily_data_are_no_week_mask():
    days = np.arange(np.datetime64("2021-01-01"), np.datetime64("2021-12-31"))
    rng = np.random.default_rng(0)
    for share in (0.05, 0.3):
        kept = days[rng.random(len(days)) > share]
        assert weekmasks.infer(kept, _one(kept)) is None
    # a weekday missing by chance: every Friday of five weeks gone where a third of all days are missing
    sparse = days[:35][(rng.random(35) > 0.66) | (np.arange(35) % 7 == 0)]
    sparse = sparse[(sparse.astype(np.int64) + 3) % 7 != 4]
    assert weekmasks.infer(sparse, _one(sparse)) is None


def test_a_series_of_a_few_weeks_gets_no_week_mask_but_four_weeks_do():
    three = _days(SUN_THU, periods=15)  # three weeks: each of Friday and Saturday three times at most
    assert weekmasks.infer(three, _one(three)) is None
    four = _days(SUN_THU, periods=21)
    assert weekmasks.infer(four, _one(four)) == SUN_THU


def test_a_series_that_keeps_another_week_than_the_panels_is_marked():
    a, b, c = _days(SUN_THU, 100), _days(weekmasks.BUSINESS, 100), _days(SUN_THU, 100, "2021-02-07")
    days = np.concatenate([a, b, c])
    offsets = np.array([0, 100, 200, 300])
    odd = weekmasks.other_weeks(days, offsets, weekmasks.offset(SUN_THU), np.array([0, 30, 0]), 200)
    assert odd.tolist() == [False, True, False]
    odd = weekmasks.other_weeks(days, offsets, pd.offsets.Day(), np.array([40, 40, 40]), 200)
    assert odd.tolist() == [True, True, True]
    assert not weekmasks.other_weeks(days, offsets, pd.offsets.MonthEnd(), np.array([1, 1, 1]), 200).any()


def test_a_day_named_twice_is_refused_in_one_line():
    with pytest.raises(RnncastError, match=r"freq='Sun Sun Mon Tue Wed Thu' names Sun twice; a week mask"):
        weekmasks.parse("Sun Sun Mon Tue Wed Thu")


def test_a_short_file_of_weekdays_across_a_weekend_is_likely_monday_to_friday_as_daily_data_is_b():
    three = _days("Mon Tue Wed Thu Fri", periods=15, start="2024-02-05")  # too short for kept to tell
    assert weekmasks.kept(three, _one(three)) == weekmasks.EVERY
    assert weekmasks.likely(three, _one(three)) == weekmasks.BUSINESS
    four = three[:4]  # Monday to Thursday: no weekend in the span, nothing tells the week
    assert weekmasks.likely(four, _one(four)) == weekmasks.EVERY
    sun_thu = _days(SUN_THU, periods=10, start="2024-02-04")  # a Sunday row: not Monday to Friday
    assert weekmasks.likely(sun_thu, _one(sun_thu)) == weekmasks.EVERY
    long = _days(SUN_THU)  # long enough to tell: kept's mask
    assert weekmasks.likely(long, _one(long)) == SUN_THU


def _as_days(times) -> np.ndarray:
    return pd.DatetimeIndex(times).to_numpy().astype("datetime64[D]")


@pytest.mark.parametrize("stray, week", [("2023-12-09", weekmasks.BUSINESS), ("2023-12-10", weekmasks.BUSINESS)])
def test_a_stray_weekend_day_among_business_days_is_off_the_week_not_in_it(stray, week):
    """One Saturday (or Sunday) among 260 business days made the week Monday to Saturday, 51 Saturdays missing."""
    days = _as_days(pd.bdate_range("2023-01-02", periods=260).append(pd.DatetimeIndex([stray])).sort_values())
    assert weekmasks.kept(days, np.array([0, len(days)])) == week


def test_a_stray_weekday_in_a_weekend_series_is_off_its_week_and_a_day_often_open_is_not():
    every = pd.date_range("2023-01-01", periods=400, freq="D")
    weekends = every[every.day_of_week >= 5]
    days = _as_days(weekends.append(pd.DatetimeIndex(["2023-06-07"])).sort_values())
    assert weekmasks.kept(days, np.array([0, len(days)])) == "Sat Sun"
    saturdays = _as_days(pd.bdate_range("2023-01-02", periods=260).append(every[every.day_of_week == 5][::3]).sort_values())
    assert weekmasks.kept(saturdays, np.array([0, len(saturdays)])) == "Mon Tue Wed Thu Fri Sat"  # 19 Saturdays: open


def test_the_weekdays_whole_days_fall_on_are_named_where_too_few_weeks_tell_the_mask():
    """Three weeks of Mon/Wed/Fri rows are no week mask to infer (decision 2106 names it for the user to give)."""
    short = pd.DatetimeIndex(_days("Mon Wed Fri", periods=9, start="2021-01-04"))
    assert weekmasks.infer(short.to_numpy().astype("datetime64[D]"), _one(short)) is None
    assert weekmasks.fallen(short, _one(short)) == "Mon Wed Fri"
    assert weekmasks.fallen(short + pd.Timedelta(hours=9), _one(short)) is None  # no whole days
    assert weekmasks.fallen(pd.DatetimeIndex(_days(weekmasks.BUSINESS, 9)), _one(short)) is None  # 'B'
    assert weekmasks.fallen(pd.date_range("2021-01-01", periods=30, freq="2D"), np.array([0, 30])) is None  # every day
    assert weekmasks.fallen(pd.date_range("2021-01-04", periods=30, freq="W-MON"), np.array([0, 30])) is None  # weeks

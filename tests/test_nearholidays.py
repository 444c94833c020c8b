"""A holiday set that explains all but one or two missing weekdays (``nearholidays.py``): found by decision 660's
rule (at most two other days, at least four of its holidays in the span, all missing, no row on one), the closest
chosen, and said with the days left over as the data writes them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import holidaysets, nearholidays


def _days(market: str, start: str, end: str, outages=()) -> pd.DatetimeIndex:
    days = pd.date_range(start, end, freq=holidaysets.offset(market))
    return days[~days.isin(pd.DatetimeIndex(list(outages)))]


def _near(time: pd.DatetimeIndex):
    return nearholidays.near(time, np.array([0, len(time)]))


def test_a_market_less_one_outage_day_is_a_near_match_naming_the_day():
    found = _near(_days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12"]))
    assert found is not None and (found.name, found.holidays) == ("NYSE", 6)
    assert [str(d) for d in found.others] == ["2024-06-12"]


def test_krx_is_chosen_over_kr_which_leaves_workers_day_missing_too():
    time = _days("KRX", "2024-01-02", "2024-11-29", ["2024-07-10"])
    found = _near(time)
    assert (found.name, found.holidays, [str(d) for d in found.others]) == ("KRX", 15, ["2024-07-10"])
    kr = holidaysets.weekday_holidays("KR", 2024, 2024)
    assert not np.isin(time.to_numpy().astype("datetime64[D]"), kr).any()  # KR is near too: two others, one more


def test_two_other_days_are_near_three_are_not():
    two = _near(_days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12", "2024-08-07"]))
    assert two is not None and two.name == "NYSE" and len(two.others) == 2
    assert _near(_days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12", "2024-08-07", "2024-10-09"])) is None


def test_too_few_holidays_in_the_span_are_no_evidence():
    # 2024-03-01 .. 2024-07-31: Good Friday, Memorial Day, Juneteenth, Independence Day: four, near
    assert _near(_days("NYSE", "2024-03-01", "2024-07-31", ["2024-06-12"])).name == "NYSE"
    # to 2024-06-30: three of its holidays, fewer than LEAST
    assert _near(_days("NYSE", "2024-03-01", "2024-06-30", ["2024-06-12"])) is None


def test_a_set_that_explains_every_missing_weekday_or_none_missing_is_not_a_near_match():
    assert _near(_days("NYSE", "2024-03-01", "2024-12-20")) is None  # explain's case: every one a holiday
    assert _near(pd.bdate_range("2024-03-01", "2024-12-20")) is None  # nothing missing


def test_random_gaps_in_business_days_are_no_sets_holidays():
    rng = np.random.default_rng(0)
    days = pd.bdate_range("2022-01-03", "2024-12-31")
    assert _near(days.delete(rng.choice(len(days), 6, replace=False))) is None


def test_a_row_on_one_of_the_sets_holidays_rules_it_out():
    time = _days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12"]).union(pd.DatetimeIndex(["2024-07-04"]))
    assert _near(time) is None  # Independence Day traded: no US market's calendar, though five of six are its days


def test_what_is_said_names_the_set_its_span_and_the_days_left_as_the_data_writes_them():
    time = _days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12", "2024-08-07"])
    said = nearholidays.said(_near(time), time, "%d.%m.%Y")
    assert said.startswith("6 of 8 missing weekdays are NYSE holidays, every one of its holidays from 01.03.2024 to "
                           "20.12.2024 (the others: 12.06.2024 and 07.08.2024); give holidays='NYSE' (--holidays NYSE)")
    assert "(the others then gaps)" in said


def test_a_ten_year_series_is_settled_quickly():
    import time as clock

    days = _days("NYSE", "2014-01-02", "2023-12-29", ["2015-12-28"])
    started = clock.perf_counter()
    found = _near(days)
    assert found.name == "NYSE" and found.holidays == 91 and clock.perf_counter() - started < 5

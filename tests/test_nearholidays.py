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


def test_rows_on_more_of_the_sets_holidays_than_days_off_allowed_rule_it_out():
    time = _days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12"]).union(pd.DatetimeIndex(["2024-07-04", "2024-09-02"]))
    assert _near(time) is None  # Independence Day and Labor Day traded, and an outage: three days off NYSE


def test_a_vendors_row_on_a_holiday_is_a_near_match_naming_that_row():
    """A quant tester's NYSE closes with one vendor-filled row on Memorial Day: every missing weekday an NYSE holiday,
    yet the warning said no known set explains them. NYSE is named with the row on its holiday, which the user
    removes before giving holidays='NYSE' (given with it, the row is refused)."""
    time = _days("NYSE", "2023-01-03", "2024-11-22").union(pd.DatetimeIndex(["2023-05-29"]))
    found = _near(time)
    assert (found.name, found.holidays, found.others) == ("NYSE", 16, ())
    assert [str(d) for d in found.rows_on] == ["2023-05-29"]
    said = nearholidays.said(found, time, "%Y-%m-%d")
    assert said == ("all 16 missing weekdays are NYSE holidays, every one of its holidays from 2023-01-03 to 2024-11-22 "
                    "but 2023-05-29 (Memorial Day), which a row falls on; remove the row on it and give "
                    "holidays='NYSE' (--holidays NYSE) to skip them")
    both = _near(time.delete(time.get_loc(pd.Timestamp("2024-06-12"))))  # and an outage: two days off, still near
    assert both.name == "NYSE" and [str(d) for d in both.others] == ["2024-06-12"] and len(both.rows_on) == 1
    assert "16 of 17 missing weekdays are NYSE holidays" in nearholidays.said(both, time)


def test_the_gap_warning_of_a_fit_names_the_set_and_the_row_on_its_holiday(caplog):
    from rnncast.loading import load_panel

    time = _days("NYSE", "2023-01-03", "2024-11-22").union(pd.DatetimeIndex(["2023-05-29"]))
    frame = pd.DataFrame({"date": time.strftime("%Y-%m-%d"), "close": np.linspace(100, 120, len(time))})
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="close")
    assert panel.calendar.holidays is None  # only named: the row may be the data's
    assert "but 2023-05-29 (Memorial Day), which a row falls on; remove the row on it and give holidays='NYSE'" in caplog.text
    assert "no known set explains" not in caplog.text


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


def test_said_of_one_series_of_a_panel_advises_what_works_there():
    """holidays= names every series' set: a row on a holiday removed lets the series keep its set alone; a day over
    (a true gap) leaves fitting the series apart."""
    vendor = _days("NYSE", "2023-01-03", "2024-11-22").union(pd.DatetimeIndex(["2023-05-29"]))
    assert nearholidays.said(_near(vendor), vendor, panel=True).endswith(
        "which a row falls on; remove the row on it and the series then keeps NYSE's days (each series is explained alone)")
    outage = _days("NYSE", "2024-03-01", "2024-12-20", ["2024-06-12"])
    assert nearholidays.said(_near(outage), outage, panel=True).endswith(
        "(the other: 2024-06-12); fit the series apart and give holidays='NYSE' (--holidays NYSE) to skip them where the "
        "data keeps its days (the other then a gap)")


def test_a_subdivisions_one_own_weekday_left_over_names_the_subdivision_whose_holidays_are_all():
    """Rows shut on exactly BR-SP's holidays in 2022-2024 hold one weekday of its own (09/07/2024: a weekend in 2022 and
    2023), too few for a subdivision to be found, so BR was advised and the day left unnamed (decision 2194)."""
    time = _days("BR-SP", "2022-01-03", "2024-12-31")
    found = _near(time)
    assert found.name == "BR" and found.others == (np.datetime64("2024-07-09"),)
    assert nearholidays.subdivisions(found) == ["BR-SP"]
    said = nearholidays.said(found, time, "%d/%m/%Y")
    assert ("(the other: 09/07/2024); give holidays='BR-SP' (--holidays BR-SP), whose holidays are all 21 missing "
            "weekdays, 09/07/2024 (Constitutionalist Revolution) its own, or give holidays='BR' (--holidays BR)") in said

"""Holidays a country's subdivisions keep that its country-wide set lacks (``subdivholidays.py``): found by day with
the subdivisions that keep them, named where the data lacks every one of a subdivision's (the gap warning's clause)
or the forecast falls on one the data does not rule out (predict's), with the spelling to give (decision 1984)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import holidaysets, subdivholidays


def _days(name: str, start: str = "2023-01-02", end: str = "2024-12-31") -> np.ndarray:
    return pd.date_range(start, end, freq=holidaysets.offset(name)).to_numpy().astype("datetime64[D]")


def test_the_holidays_gb_lacks_are_englands_easter_monday_and_late_summer_bank_holiday():
    found = subdivholidays.extra("GB", 2024, 2024)
    assert found[np.datetime64("2024-04-01")] == ("GB-ENG", "GB-NIR", "GB-WLS")  # Easter Monday: not Scotland's
    assert found[np.datetime64("2024-08-26")] == ("GB-ENG", "GB-NIR", "GB-WLS")
    assert found[np.datetime64("2024-08-05")] == ("GB-SCT",)  # Scotland's summer bank holiday
    assert np.datetime64("2024-12-25") not in found  # every subdivision's: the country's own
    assert subdivholidays.extra("GB-ENG", 2024, 2024) == {} and subdivholidays.extra("LSE", 2024, 2024) == {}


def test_rows_missing_on_englands_holidays_name_gb_eng_and_its_market():
    said = subdivholidays.missing_said("GB", _days("GB-ENG"))
    assert said.startswith("rows are missing on every holiday GB-ENG and GB-WLS keep that GB lacks"), said
    assert "2023-04-10 (Easter Monday), 2023-08-28 (Late Summer Bank Holiday), 2024-04-01 (Easter Monday) and 1 more" in said
    assert "give holidays='GB-ENG' (--holidays GB-ENG or GB-WLS), or holidays='LSE' (--holidays LSE)" in said
    bavaria = subdivholidays.missing_said("DE", _days("DE-BY"))
    assert "DE-BY" in bavaria and "Corpus Christi" in bavaria and "XETR" not in bavaria, bavaria  # XETR trades on it


def test_data_with_rows_on_those_holidays_or_one_missing_says_nothing():
    assert subdivholidays.missing_said("GB", _days("GB")) == ""  # rows on Easter Monday: GB's own days
    one = _days("GB", "2024-01-02", "2024-06-28")
    one = one[one != np.datetime64("2024-04-01")]  # one date alone: any gap may be some subdivision's holiday
    assert subdivholidays.missing_said("GB", one) == ""
    assert subdivholidays.missing_said("LSE", _days("GB-ENG")) == ""  # a market has no subdivisions


def test_a_forecast_on_easter_monday_is_named_unless_the_data_works_on_it():
    data = _days("GB-ENG", "2024-01-02", "2024-03-26")
    ahead = np.array(["2024-03-27", "2024-03-28", "2024-04-01"], dtype="datetime64[D]")
    said = subdivholidays.ahead_said("GB", ahead, data)
    assert said.startswith("the forecast falls on 2024-04-01 (Easter Monday), a holiday GB-ENG and GB-WLS keep "
                           "that GB lacks"), said  # GB-NIR's St Patrick's Day has a row: not Northern Ireland's
    assert "refit with holidays='GB-ENG'" in said and "to skip it" in said
    worked = _days("GB", "2023-01-02", "2024-03-26")  # a row on Easter Monday 2023: the site works on it
    assert subdivholidays.ahead_said("GB", ahead, worked) == ""
    assert subdivholidays.ahead_said("GB", ahead[:2], data) == ""


def test_missing_weekdays_that_are_exactly_a_subdivisions_holidays_name_it():
    rows = _days("GB-SCT")  # 2023-01-04 (after Scotland's 2 and 3 January) to 2024-12-31
    every = pd.bdate_range(str(rows[0]), str(rows[-1])).to_numpy().astype("datetime64[D]")
    said = subdivholidays.explaining(rows, np.setdiff1d(every, rows))
    assert said.startswith("all 17 missing weekdays are GB-SCT holidays (GB, the country's set, lacks 5 of them: "
                           "2023-08-07 (Summer Bank Holiday)"), said
    assert said.endswith("give holidays='GB-SCT' (--holidays GB-SCT) to skip them")
    outage = np.setdiff1d(every, rows)[:-1]  # a missing weekday that is no holiday of it, or a holiday with a row
    assert subdivholidays.explaining(np.append(rows, np.setdiff1d(every, rows)[-1]), outage) == ""
    gb = _days("GB")  # the country's own days: no subdivision's
    assert subdivholidays.explaining(gb, np.setdiff1d(every, gb)) == ""


def test_a_series_missing_exactly_bavarias_holidays_is_explained_by_the_first_state_of_those_alike():
    """A panel's Bavarian warehouse keeps DE-BW's days, which DE-BY keeps alike, named first as the one-series gap
    warning names it (decision 2108); DE-Augsburg, alike in 2020-2021, differs on 2022-08-08: none is taken."""
    rows = _days("DE-BY", "2023-01-02", "2024-12-31")
    every = pd.bdate_range(str(rows[0]), str(rows[-1])).to_numpy().astype("datetime64[D]")
    assert subdivholidays.explained_by(rows, np.setdiff1d(every, rows)) == ("DE", ["DE-BW", "DE-BY"])
    assert subdivholidays.adopted(rows, np.setdiff1d(every, rows)) == ("DE-BW", ("DE-BY",))
    old = _days("DE-BY", "2020-01-02", "2021-12-31")
    every = pd.bdate_range(str(old[0]), str(old[-1])).to_numpy().astype("datetime64[D]")
    assert subdivholidays.explained_by(old, np.setdiff1d(every, old))[1] == ["DE-BW", "DE-BY", "DE-Augsburg"]
    assert subdivholidays.adopted(old, np.setdiff1d(every, old)) is None  # which the forecasts skip: unknown
    national = _days("DE", "2023-01-02", "2024-12-31")
    every = pd.bdate_range(str(national[0]), str(national[-1])).to_numpy().astype("datetime64[D]")
    assert subdivholidays.adopted(national, np.setdiff1d(every, national)) is None  # the country's own: no state's


def test_subdivisions_alike_over_the_data_are_named_in_the_packages_order():
    """DE-ST's Epiphany (2023-01-06) falls before the rows begin, so in 2023-2024 it keeps the Reformation Days alone,
    as DE-BB does: both named, in the package's order, not DE-ST first by its earlier holiday (decision 2211); the near
    match's subdivisions are the same answer (``keeping``)."""
    every = pd.bdate_range("2023-01-09", "2024-12-20").to_numpy().astype("datetime64[D]")
    off = np.union1d(holidaysets.weekday_holidays("DE", 2023, 2024),
                     np.array(["2023-10-31", "2024-10-31"], dtype="datetime64[D]"))
    rows, missing = np.setdiff1d(every, off), every[np.isin(every, off)]
    assert subdivholidays.explained_by(rows, missing) == ("DE", ["DE-BB", "DE-HB", "DE-HH", "DE-NI", "DE-SH", "DE-ST"])
    assert "give holidays='DE-BB' (--holidays DE-BB or DE-HB or DE-HH ...)" in subdivholidays.explaining(rows, missing)
    assert subdivholidays.keeping("DE", 2023, 2024, rows, missing)[0] == "DE-BB"
    assert subdivholidays.keeping("NYSE", 2023, 2024, rows, missing) == []


def test_us_states_lacking_some_of_the_countrys_holidays_are_found_on_their_own_sets():
    """The ``holidays`` package's US-CA has no Columbus Day and US-MA no Veterans Day observed on Friday 2023-11-10:
    a Californian or Bostonian site has rows on those US holidays, and is still explained by its own state's set,
    which its series then keeps (decision 2168); the rows on the country's holidays are named."""
    for state, count, day in (("US-CA", 3, "2023-10-09 (Columbus Day)"), ("US-MA", 1, "2023-11-10 (Veterans Day")):
        rows = _days(state, "2023-01-03", "2025-12-19")
        every = pd.bdate_range(str(rows[0]), str(rows[-1])).to_numpy().astype("datetime64[D]")
        missing = np.setdiff1d(every, rows)
        assert subdivholidays.explained_by(rows, missing) == ("US", [state])
        assert subdivholidays.adopted(rows, missing) == (state, ())
        said = subdivholidays.explaining(rows, missing)
        assert f"the rows fall on {count} of US's, which {state} does not keep: {day}" in said, said
    national = _days("US", "2023-01-03", "2025-12-19")
    every = pd.bdate_range(str(national[0]), str(national[-1])).to_numpy().astype("datetime64[D]")
    assert subdivholidays.explained_by(national, np.setdiff1d(every, national)) is None  # the country's own


def test_a_panel_in_several_states_is_told_each_series_state_given_the_countrys_set():
    """--holidays DE on warehouses in Bavaria and Hamburg: each one's rows ruled out the other's state,
    so the gap warning named none; each series' own rows now name its state, the series named (decision 2109)."""
    by, hh = _days("DE-BY"), _days("DE-HH")
    days, offsets = np.concatenate([by, hh]), np.array([0, len(by), len(by) + len(hh)])
    assert subdivholidays.missing_said("DE", days) == ""  # every series' days together: no state's
    said = subdivholidays.missing_in("DE", days, offsets, ["BY1", "HH1"])
    assert said.startswith("series 'BY1': rows are missing on every holiday DE-BW and DE-BY keep that DE lacks"), said
    assert "leave it unset for each series to keep its own set" in said
    assert said.endswith("(1 more series misses another subdivision's: 'HH1')")
    alone = subdivholidays.missing_in("DE", by, np.array([0, len(by)]), ["BY1"])
    assert alone == subdivholidays.missing_said("DE", by)  # one series, or days together saying it: as before


def test_one_states_series_of_different_spans_are_named_together():
    """Three Bavarian warehouses, one opened in March, beside NRW and Hamburg ones: grouped by the clause's words,
    the late one was said to "miss another subdivision's" (r39r1 M3); grouped by the subdivision, they share the line
    (decision 2137)."""
    parts = [_days("DE-BY"), _days("DE-BY", "2023-03-01"), _days("DE-BY"), _days("DE-NW"), _days("DE-HH")]
    days, offsets = np.concatenate(parts), np.concatenate([[0], np.cumsum([len(p) for p in parts])])
    said = subdivholidays.missing_in("DE", days, offsets, ["BY0", "BY1", "BY2", "NW3", "HH6"])
    assert said.startswith("series 'BY0', 'BY1' and 'BY2': rows are missing on every holiday DE-BW and DE-BY keep "
                           "that DE lacks (DE holds only the holidays all its subdivisions keep): 2023-01-06 "
                           "(Epiphany)"), said
    assert said.endswith("(2 more series miss another subdivision's: 'NW3', 'HH6')")


def test_forecasts_of_one_state_meeting_other_holidays_are_said_together():
    by = _days("DE-BY", "2023-01-02", "2024-10-25")
    october = subdivholidays.ahead_of("DE", np.array(["2024-11-01"], dtype="datetime64[D]"), by)
    january = subdivholidays.ahead_of("DE", np.array(["2025-01-06"], dtype="datetime64[D]"), by)
    assert october[np.datetime64("2024-11-01")][:2] == ("DE-BW", "DE-BY") and len(october[np.datetime64("2024-11-01")]) > 2
    said = subdivholidays.ahead_words("DE", [october, january], by)
    assert said.startswith("the forecast falls on 2024-11-01 (All Saints' Day), 2025-01-06 (Epiphany), holidays DE-BW "
                           "and DE-BY keep that DE lacks"), said  # those both leave possible
    assert subdivholidays.ahead_of("DE", np.array(["2024-11-04"], dtype="datetime64[D]"), by) is None


def test_the_rows_on_the_countrys_holidays_are_said_of_every_subdivision_that_explains_them(monkeypatch):
    """r40-1 L12 (decision 2201): "which US-CA does not keep" named the first subdivision alone where several explain
    the missing days (each keeps exactly them, so none keeps the country's holidays the rows fall on)."""
    rows = _days("US-CA", "2023-01-03", "2025-12-19")
    missing = np.setdiff1d(pd.bdate_range(str(rows[0]), str(rows[-1])).to_numpy().astype("datetime64[D]"), rows)
    monkeypatch.setattr(subdivholidays, "explained_by", lambda *a: ("US", ["US-CA", "US-NV"]))
    said = subdivholidays.explaining(rows, missing)
    assert "the rows fall on 3 of US's, which US-CA and US-NV do not keep: 2023-10-09 (Columbus Day)" in said, said

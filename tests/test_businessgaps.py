"""Weekdays missing from business days given as ``freq='B'`` (``businessgaps.py``): the gap warning names the holiday
set that explains them, or one that does but for an outage day or two, else the general advice, which a panel whose
series all lack the same weekdays shares with one series."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import holidaysets
from rnncast.loading import load_panel


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_gaps_in_business_days_given_as_freq_b_name_the_market_whose_holidays_they_are(caplog):
    """A tester's find: KRX trading days fitted with freq='B' were told the missing weekdays were holidays "which no
    known set explains exactly", though without freq rnncast said "17 of 17 missing weekdays are KRX holidays"; the
    forecast then fell on Chuseok. The warning now names the set (decision 658); the calendar stays the one given."""
    import holidays

    closed = holidays.financial_holidays("XKRX", years=[2023, 2024, 2025])
    days = [d for d in pd.bdate_range("2023-09-01", "2024-09-12") if d.date() not in closed][-250:]
    frame = pd.DataFrame({"date": days, "y": np.sin(np.arange(250) / 2)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="y", freq="B")
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "all 17 missing weekdays are KRX holidays: give holidays='KRX' (--holidays KRX) with this freq" in said
    assert "which no known set explains exactly" not in said and panel.calendar.holidays is None


def _trading_days(market: str, start: str, end: str, outages=()) -> pd.DataFrame:
    import holidays

    closed = holidays.financial_holidays(market, years=range(int(start[:4]), int(end[:4]) + 2))
    days = [d for d in pd.bdate_range(start, end) if d.date() not in closed and str(d.date()) not in outages]
    return pd.DataFrame({"date": [d.strftime("%Y-%m-%d") for d in days], "y": np.sin(np.arange(len(days)) / 2)})


@pytest.mark.parametrize("market, start, end, outage, named", [
    ("NYSE", "2024-03-01", "2024-12-20", "2024-06-12", "6 of 7 missing weekdays are NYSE holidays"),
    ("KRX", "2024-01-02", "2024-11-29", "2024-07-10", "15 of 16 missing weekdays are KRX holidays")])
def test_gaps_that_a_market_explains_but_for_an_outage_day_name_the_market_and_the_day(caplog, market, start, end,
                                                                                    outage, named):
    """A tester's find: NYSE trading days less one outage day (2024-06-12) were told the missing weekdays are holidays
    "which no known set explains exactly", and the forecast fell on Christmas. The warning now names the near match
    and the day it leaves (decision 660); the calendar stays business days: the set is not adopted."""
    frame = _trading_days(market, start, end, outages=(outage,))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="y")
    said = " ".join(_warnings(caplog))
    assert panel.calendar.shown == "'B'" and panel.calendar.holidays is None
    assert f"{named}, every one of its holidays from {start} to {end} (the other: {outage}); " in said
    assert f"give holidays={market!r} (--holidays {market}) to skip them" in said
    assert "which no known set explains" not in said


def test_gaps_a_market_explains_but_for_three_days_are_not_said_to_be_its_holidays(caplog):
    """All but one or two missing weekdays, at least four holidays: three other days are not a near match."""
    frame = _trading_days("NYSE", "2024-03-01", "2024-12-20", outages=("2024-06-12", "2024-08-07", "2024-10-09"))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="y", freq="B")
    said = " ".join(_warnings(caplog))
    assert "which no known set explains exactly" in said and "NYSE holidays" not in said


def test_a_panel_of_two_markets_given_freq_b_is_not_told_to_give_one_holidays(caplog):
    """A tester followed a refusal's "or give freq='B'" for XETRA and Tokyo series, and the gap warning then told it to
    give holidays=, the one set for every series the refusal had just said cannot fit."""
    days = pd.bdate_range("2022-01-03", "2023-12-29")
    japan = pd.to_datetime(["2022-01-10", "2022-02-11", "2022-03-21", "2022-05-03", "2022-05-04", "2022-05-05",
                            "2022-09-19", "2022-11-03", "2023-01-02", "2023-01-09", "2023-05-03", "2023-11-23"])
    germany = pd.to_datetime(["2022-04-15", "2022-04-18", "2022-12-26", "2023-04-07", "2023-04-10", "2023-05-01",
                              "2023-12-25", "2023-12-26"])
    rng = np.random.default_rng(2)
    frame = pd.concat([pd.DataFrame({"id": i, "date": days[~days.isin(off)], "close": rng.normal(size=(~days.isin(off)).sum())})
                       for i, off in (("SAP", germany), ("T7203", japan))])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "close", id_col="id", freq="B")
    assert "no one known set explains for every series: holidays= (--holidays) names one set for every series, so " \
           "where the series keep different markets' holidays, fit each market's series apart with its own set" in caplog.text
    assert "give holidays= (--holidays NAME" not in caplog.text


def test_a_panel_whose_series_all_lack_the_same_weekdays_is_told_to_give_holidays_as_one_series_is(caplog):
    """Two series on 'B' that both lack US holidays and the same six other weekdays (no set explains them exactly): one
    series was told "give holidays= ... to skip them", the panel "fit each market's series apart with its own set",
    though one set for the panel skips the same days. The panel of two markets keeps that advice (test above)."""
    from pandas.tseries.holiday import USFederalHolidayCalendar

    days = pd.bdate_range("2023-01-02", "2024-06-28")
    days = days[~days.isin(USFederalHolidayCalendar().holidays("2023-01-01", "2024-12-31"))].delete([100, 200, 300, 301])
    one = pd.DataFrame({"date": days, "y": np.arange(len(days), dtype=float)})
    said = []
    later = pd.concat([one.assign(sku="A"), one.iloc[150:].assign(sku="B")])  # B starts later: its span's days alike
    for frame, keys in ((one, {}), (pd.concat([one.assign(sku=s) for s in "AB"]), {"id_col": "sku"}),
                        (later, {"id_col": "sku"})):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            load_panel(frame, "y", time_col="date", freq="B", **keys)
        said.append(caplog.text)
    for text in said:
        assert "which no known set explains exactly: give holidays= (--holidays NAME" in text
        assert "apart with its own set" not in text
    shifted = pd.concat([one.assign(sku="A"), one.assign(sku="B", date=one["date"] + pd.offsets.BDay(1))])
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):  # other weekdays missing in each: advice as before
        load_panel(shifted, "y", time_col="date", freq="B", id_col="sku")
    assert "apart with its own set" in caplog.text


def test_weekdays_missing_on_a_subdivisions_holidays_name_it(caplog):
    """A Munich series (rows on DE-BY's business days) read without holidays=: no set inference tries explains its
    missing Epiphany and Corpus Christi (DE lacks them, XETR trades on them), and the warning gave the general advice;
    it now names DE-BY, and DE-BW, which keeps the same days in those years (decision 1984)."""
    from rnncast import holidaysets

    days = pd.date_range("2023-01-02", "2024-12-31", freq=holidaysets.offset("DE-BY"))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(pd.DataFrame({"ds": days, "y": np.sin(np.arange(len(days)) / 5.0)}))
    said = _warnings(caplog)
    assert panel.calendar.holidays is None and len(said) == 1  # named, not adopted
    assert ("all 22 missing weekdays are DE-BW or DE-BY holidays (DE, the country's set, lacks 5 of them: 2023-01-06 "
            "(Epiphany), 2023-06-08 (Corpus Christi)") in said[0], said
    assert "give holidays='DE-BW' (--holidays DE-BW or DE-BY) to skip them, the one the data's site keeps" in said[0]


def test_a_country_given_on_its_markets_days_names_the_market_whose_closures_are_missing():
    """A tester's find (decision 2046): JPX days given holidays='JP' leave its own closures (Dec 31, Jan 2 and 3)
    missing, and the warning named no set, though without holidays= rnncast finds JPX; ``other_set`` names it."""
    from rnncast import businessgaps
    from rnncast.timecalendar import Calendar

    frame = _trading_days("JPX", "2021-01-04", "2024-06-28")
    time = pd.DatetimeIndex(frame["date"])
    given = Calendar("datetime", holidaysets.offset("JP"), holidays="JP")
    said = businessgaps.other_set(time, np.array([0, len(time)]), given)
    assert said.startswith("all 5 are JPX holidays (2021-12-31 (Bank Holiday), 2022-01-03 (Bank Holiday), 2023-01-03 "
                           "(Bank Holiday) ...), as are all "), said
    assert said.endswith("JP's holidays among them: give holidays='JPX' (--holidays JPX) to skip them, or leave holidays "
                         "unset for rnncast to find them"), said
    assert businessgaps.other_set(time, np.array([0, len(time)]), Calendar("datetime", holidaysets.offset("JPX"),
                                                                            holidays="JPX")) == ""
    no_set = time.delete([100, 300])  # two outage days: no set explains them exactly
    assert businessgaps.other_set(no_set, np.array([0, len(no_set)]), given) == ""


def test_an_exact_set_is_named_before_a_near_one_that_asks_to_remove_real_trading_days(caplog):
    """t41-t1 M1: São Paulo shop days (BR-SP's holidays, Carnival and Corpus Christi missing) were told to remove
    their rows on 2022-12-30 and 2023-12-29 and give holidays='BVMF', though the '+' set explains every missing
    weekday with no row removed (decision 2225)."""
    import holidays

    optional = holidays.country_holidays("BR", subdiv="SP", years=range(2022, 2025), categories=("public", "optional"))
    public = holidays.country_holidays("BR", subdiv="SP", years=range(2022, 2025))
    skip = {d for d, name in optional.items() if name in ("Carnival", "Corpus Christi")} | set(public)
    days = [d for d in pd.bdate_range("2022-01-03", "2024-01-31") if d.date() not in skip]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(pd.DataFrame({"ds": days, "y": np.sin(np.arange(len(days)) / 5.0)}))
    said = " ".join(_warnings(caplog))
    assert "give holidays='BR+Carnival+Corpus Christi'" in said and "BVMF" not in said, said
    assert "remove the rows" not in said

"""Business days of a panel whose series skip different holidays (``seriesholidays.py``): each series keeps its own
holiday set, and is forecast on it."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.loading import load_panel


def _stores(*sets) -> pd.DataFrame:
    """One store per (id, closed days): weekdays of 2023-01-03 .. 2023-12-22 less those days."""
    frames = []
    for i, (store, closed) in enumerate(sets):
        days = [t for t in pd.bdate_range("2023-01-03", "2023-12-22") if t not in closed]
        frames.append(pd.DataFrame({"store": store, "date": days,
                                    "sales": 100 + 10 * np.sin(np.arange(len(days)) / 5) + i}))
    return pd.concat(frames, ignore_index=True)


US, JP = holidays.financial_holidays("NYSE", years=[2023]), holidays.JP(years=[2023])


def test_stores_in_two_countries_each_keep_their_own_holidays_and_are_forecast_on_them(caplog):
    """No one set explained a US and a Japanese store, so the US store was forecast on Christmas Day (a tester's
    find); each now keeps its own set."""
    frame = _stores(("US1", US), ("JP1", JP))
    panel = load_panel(frame, target="sales", id_col="store")
    shown = {panel.given_id(s): panel.calendars.get(s, panel.calendar).shown for s in range(panel.n_series)}
    assert shown == {"US1": "'B' without NYSE holidays", "JP1": "'B' without JP holidays"}
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 3}).fit(frame, target="sales", id_col="store")
    dates = model.predict(frame).groupby("store")["date"].apply(lambda d: d.dt.strftime("%m-%d").tolist()).to_dict()
    assert dates == {"US1": ["12-26", "12-27", "12-28"], "JP1": ["12-25", "12-26", "12-27"]}


def test_a_series_whose_missing_weekdays_no_set_explains_keeps_business_days_and_the_others_their_sets():
    rng = np.random.default_rng(0)
    odd = set(rng.choice(pd.bdate_range("2023-02-01", "2023-11-30"), 6, replace=False))  # six random weekdays
    panel = load_panel(_stores(("US1", US), ("XX", odd)), target="sales", id_col="store", announce=False)
    shown = {panel.given_id(s): panel.calendars.get(s, panel.calendar) for s in range(panel.n_series)}
    assert shown["US1"].holidays == "NYSE" and shown["XX"].holidays is None  # its six days: gaps, not holidays
    none = load_panel(_stores(("XX", odd), ("YY", set(list(odd)[:3]))), target="sales", id_col="store", announce=False)
    assert none.calendars == {} and none.calendar.holidays is None  # no set explains any: the panel as it was
    both = load_panel(_stores(("US1", US), ("US2", US)), target="sales", id_col="store", announce=False)
    assert both.calendars == {} and both.calendar.holidays == "NYSE"  # one set explains them all: the panel's


def test_a_store_with_a_true_gap_keeps_its_gap_and_the_others_their_holidays(caplog):
    """A GB store missing a week besides its holidays left every store without its set: the US store was forecast on
    4 July (a tester's find). The gap's store keeps business days with its gap said; the others keep their sets."""
    gb = holidays.financial_holidays("XLON", years=[2023]) if "XLON" in holidays.list_supported_financial() else {}
    week = set(pd.bdate_range("2023-09-04", "2023-09-08"))
    frame = _stores(("US1", US), ("JP1", JP), ("GB1", {**dict.fromkeys(gb), **dict.fromkeys(week)}))
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="sales", id_col="store")
    shown = {panel.given_id(s): panel.calendars.get(s, panel.calendar).shown for s in range(panel.n_series)}
    assert shown["US1"] == "'B' without NYSE holidays" and shown["JP1"] == "'B' without JP holidays"
    assert shown["GB1"] in ("'B'", "'B' without XLON holidays") or "GB" in shown["GB1"]
    assert "2023-09-04" in caplog.text  # the gap, said as missing rows


def test_a_backtest_names_every_stores_calendar():
    """A backtest's page and metrics named one store's calendar ("'B' without DE holidays") (a tester's find)."""
    frame = _stores(("US1", US), ("JP1", JP))
    result = Forecaster(**{**TINY, "lookback": 8, "horizon": 3}).backtest(frame, target="sales", id_col="store",
                                                                          n_windows=2)
    assert "without NYSE holidays ('US1')" in result.metrics["calendar"]
    assert "without JP holidays ('JP1')" in result.metrics["calendar"]


def _market_days(name: str, end: str) -> pd.DatetimeIndex:
    from rnncast.holidaysets import weekday_holidays

    days = pd.bdate_range("2023-01-02", end)
    return days[~days.isin(pd.DatetimeIndex(weekday_holidays(name, 2023, 2024)))]


def _long(**series) -> pd.DataFrame:
    return pd.concat([pd.DataFrame({"ticker": name, "date": days, "close": 100 + np.sin(np.arange(len(days)) / 7)})
                      for name, days in series.items()], ignore_index=True)


def test_a_series_whose_sets_differ_after_the_data_is_refused_by_name_with_advice_for_a_panel():
    """A tester's panel of NYSE, Tokyo and XETRA tickers: XETRA's days to 2024-12-20 are XETR's, XPAR's, BME's and ECB's
    holidays alike, which differ on 2024-12-24. The refusal named no series and advised --holidays XETR, which the
    Tokyo series' row on Good Friday then refused. It now names the series, the sets the others keep, and advice that
    works for a panel."""
    from rnncast.errors import RnncastError

    frame = _long(US1=_market_days("NYSE", "2024-11-22"), DE1=_market_days("XETR", "2024-12-20"),
                  DE2=_market_days("XETR", "2024-12-20"), JP1=_market_days("JPX", "2024-12-27"))
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="close", id_col="ticker", announce=False)
    text = str(err.value)
    assert text.startswith("series 'DE1' and 'DE2' miss weekdays that are the holidays of XETR")
    assert "2024-12-24 is a holiday of XETR (Christmas Eve)" in text and "(JPX: 'JP1'; NYSE: 'US1')" in text
    assert "fit series 'DE1' and 'DE2' as a panel of their own with holidays='XETR'" in text and "freq='B'" in text
    alone = load_panel(frame[frame.ticker.str.startswith("DE")], target="close", id_col="ticker", announce=False,
                       holidays="XETR")  # the advice fits
    assert alone.calendar.holidays == "XETR"


def test_where_one_of_the_sets_holds_no_row_of_the_panel_the_refusal_names_it():
    rng = np.random.default_rng(3)
    xetr = _market_days("XETR", "2024-12-20")
    odd = xetr.delete(rng.choice(np.arange(20, len(xetr) - 20), 4, replace=False))  # XETR's days less four: no set
    with pytest.raises(Exception, match=r"^series 'DE1' misses 9 weekdays .*give holidays='XETR' \(--holidays XETR\), "
                                        r"on whose holidays no row of the panel falls"):
        load_panel(_long(DE1=xetr, DEX=odd), target="close", id_col="ticker", announce=False)
    assert load_panel(_long(DE1=xetr, DEX=odd), target="close", id_col="ticker", announce=False,
                      holidays="XETR").calendar.holidays == "XETR"


def test_a_series_that_one_row_on_a_holiday_keeps_off_its_set_is_named_with_that_row(caplog):
    """A vendor's row on Memorial Day left a US ticker among Tokyo ones on plain 'B' (forecast on Thanksgiving), the
    warning naming no set; the row is named, and removing it lets the series keep NYSE's days."""
    us = _market_days("NYSE", "2024-11-22").union(pd.DatetimeIndex(["2023-05-29"]))
    frame = _long(US1=us, JP1=_market_days("JPX", "2024-12-27"))
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="close", id_col="ticker")
    assert panel.calendars[panel.ids.index("US1")].holidays is None
    assert ("series 'US1': all 16 missing weekdays are NYSE holidays, every one of its holidays from 2023-01-03 to "
            "2024-11-22 but 2023-05-29 (Memorial Day), which a row falls on; remove the row on it and the series then "
            "keeps NYSE's days") in caplog.text
    vendor = (frame.ticker == "US1") & (frame.date == "2023-05-29")
    fixed = load_panel(frame[~vendor], target="close", id_col="ticker", announce=False)
    assert {c.holidays for c in [fixed.calendar, *fixed.calendars.values()]} == {"NYSE", "JPX"}


def test_a_series_one_day_short_of_the_set_another_keeps_is_advised_the_panels_holidays(caplog):
    """A tester's MSFT lacking 2024-03-06 beside AAPL on NYSE's days was told to "fit the series apart and give
    holidays='NYSE'"; the panel takes the flag as a whole, AAPL keeping NYSE too, the day then a gap."""
    nyse = _market_days("NYSE", "2024-11-22")
    frame = _long(AAPL=nyse, MSFT=nyse.difference(pd.DatetimeIndex(["2024-03-06"])))
    with caplog.at_level("WARNING", logger="rnncast"):  # the set advised once: in the gap warning, referred to
        load_panel(frame, target="close", id_col="ticker")
    assert caplog.text.count("give holidays='NYSE'") == 1
    assert "series 'MSFT' misses mostly NYSE holidays: the gap warning says what to give" in caplog.text
    assert ("17 of the 18 weekdays series 'MSFT' misses are NYSE holidays (the set series 'AAPL' keeps), every one in "
            "its span; the other: 2024-03-06; give holidays='NYSE' (--holidays NYSE) for the panel to skip them, the "
            "other day then a gap; fill_gaps=True (--fill-gaps) inserts true gaps") in caplog.text
    assert load_panel(frame, target="close", id_col="ticker", holidays="NYSE", announce=False).calendar.holidays == "NYSE"
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):  # no gap warning (the rows inserted): said here, in full
        load_panel(frame, target="close", id_col="ticker", fill_gaps=True, fill="ffill")
    assert ("series 'MSFT': 17 of 18 missing weekdays are NYSE holidays, every one of its holidays from 2023-01-03 "
            "to 2024-11-22 (the other: 2024-03-06); give holidays='NYSE' (--holidays NYSE) for the panel (series "
            "'AAPL' keeps it too) to skip them (the other then a gap)") in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):  # beside another market's series: fitted apart, said once
        load_panel(_long(JP1=_market_days("JPX", "2024-11-22"), MSFT=frame[frame.ticker == "MSFT"].date),
                   target="close", id_col="ticker")
    assert caplog.text.count("holidays='NYSE'") == 1
    assert "fit series 'MSFT' apart with holidays='NYSE' (--holidays NYSE) to skip them, the other day" in caplog.text


def _states(*sets, start: str = "2022-06-01", end: str = "2023-06-06") -> pd.DataFrame:
    """One warehouse per holiday set (a German state's, or the country's), on its business days."""
    from rnncast import holidaysets

    frames = []
    for i, name in enumerate(sets):
        days = pd.date_range(start, end, freq=holidaysets.offset(name))
        sales = 100 + 10 * np.sin(np.arange(len(days)) / 5) + i
        frames.append(pd.DataFrame({"store": name, "date": days, "sales": sales}))
    return pd.concat(frames, ignore_index=True)


def test_warehouses_in_two_german_states_each_keep_their_states_holidays(caplog, tmp_path):
    """Warehouses in Bavaria, North Rhine-Westphalia and on Germany's national days: no one set explained them, so the
    whole panel kept plain 'B' and every one was forecast on Christmas Day (a tester's find); each state's warehouse
    now keeps its state's set, the first of those alike named with the others (decision 2108)."""
    frame = _states("DE-BY", "DE-NW", "DE")
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="sales", id_col="store")
    kept = {panel.given_id(s): panel.calendars.get(s, panel.calendar).holidays for s in range(panel.n_series)}
    assert kept == {"DE-BY": "DE-BW", "DE-NW": "DE-NW", "DE": "DE"}
    said = next(r.getMessage() for r in caplog.records if "calendars differ by series" in r.getMessage())
    assert "'B' without DE-BW holidays, which DE-BY keeps alike ('DE-BY')" in said, said
    assert "'B' without DE-NW holidays, which DE-RP keeps alike ('DE-NW')" in said
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 3}).fit(frame, target="sales", id_col="store")
    dates = model.predict(frame).groupby("store")["date"].apply(lambda d: d.dt.strftime("%m-%d").tolist()).to_dict()
    assert dates == {"DE-BY": ["06-07", "06-09", "06-12"], "DE-NW": ["06-07", "06-09", "06-12"],  # Corpus Christi
                     "DE": ["06-07", "06-08", "06-09"]}
    model.save(tmp_path / "m")  # model.json keeps each series' set, and predict reads it back
    again = Forecaster.load(tmp_path / "m").predict(frame)
    assert again.groupby("store")["date"].apply(lambda d: d.dt.strftime("%m-%d").tolist()).to_dict() == dates


def test_a_panel_of_one_states_warehouses_is_read_as_one_such_series_is():
    """Every series explained by the same state's set: the panel's own inference, which names it in the gap warning
    as for one series (holidays='DE-BW' can be given for every series), adopts none (decision 1984)."""
    frame = _states("DE-BY", "DE-BY")
    frame["store"] = np.repeat(["BY1", "BY2"], len(frame) // 2)  # two Bavarian warehouses alike
    panel = load_panel(frame, target="sales", id_col="store", announce=False)
    assert panel.calendars == {} and panel.calendar.holidays is None

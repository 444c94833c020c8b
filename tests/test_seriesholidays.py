"""Business days of a panel whose series skip different holidays (``seriesholidays.py``): each series keeps its own
holiday set, and is forecast on it."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd

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

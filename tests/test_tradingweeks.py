"""A week's last or first trading day without a holiday set (``tradingweeks.py``): weekly closes dated Friday,
Thursday when Friday is an NYSE holiday, found from the rows moved off plain 'W-FRI' (and opens on Monday, Tuesday
after a Monday holiday, off 'W-MON'), given as freq='W-FRI' with holidays=, forecasts dated on the trading day (Good
Friday 2025-04-18: 2025-04-17), the calendar kept in model.json, and fit then predict, evaluate and backtest agreeing
on the command line."""

from __future__ import annotations

import json
import logging
import pickle

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.holidaysets import weekday_holidays
from test_cli import cli

H = 4


def _weekly(name="NYSE", alias="W-FRI", end="2025-04-04", periods=160, seed=0) -> pd.DataFrame:
    """Weekly rows on ``alias``, each moved back (Friday) or forward (Monday) over set ``name``'s holidays."""
    holidays = set(weekday_holidays(name).tolist())
    days = []
    for day in pd.date_range(end=end, periods=periods, freq=alias):
        while day.date() in holidays:
            day += pd.Timedelta(days=-1 if alias == "W-FRI" else 1)
        days.append(day)
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"date": [d.strftime("%Y-%m-%d") for d in days], "y": np.round(100 + rng.random(len(days)), 2)})


def _fit(frame, **settings) -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 8, "horizon": H, "epochs": 1, **settings}).fit(frame, target="y")


def _dates(forecast: pd.DataFrame) -> list[str]:
    return [str(d.date()) for d in forecast.index]


NYSE_AHEAD = ["2025-04-11", "2025-04-17", "2025-04-25", "2025-05-02"]  # Good Friday 2025-04-18: the Thursday before


def test_friday_closes_moved_to_thursday_are_found_dated_and_said(caplog):
    """The tester's case: fit warned of 5 rows off 'W-FRI' and trained undated; predict then refused."""
    frame = _weekly()
    assert "2024-03-28" in set(frame["date"])  # Good Friday 2024
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model = _fit(frame)
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("calendar: 'W-FRI' without NYSE holidays (each week's last trading day: ") and
               "rows off 'W-FRI' are moved back over NYSE holidays" in m for m in said), said
    assert not any("no calendar explains every row" in m for m in said), said
    assert model.calendar_.holidays == "NYSE" and model.calendar_.shown == "'W-FRI' without NYSE holidays"
    assert _dates(model.predict(frame)) == NYSE_AHEAD


def test_the_calendar_round_trips_through_model_json(tmp_path):
    model = _fit(_weekly())
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["freq"] == "W-FRI" and meta["calendar"]["holidays"] == "NYSE"
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.calendar_ == model.calendar_
    assert _dates(loaded.predict(_weekly())) == NYSE_AHEAD


def test_monday_opens_moved_to_tuesday_are_the_weeks_first_trading_day():
    """Martin Luther King Day 2025-01-20 and Presidents' Day 2025-02-17 are Mondays: those weeks open on Tuesday."""
    frame = _weekly(alias="W-MON", end="2025-01-06")
    model = _fit(frame)
    assert model.calendar_.shown == "'W-MON' without NYSE holidays"
    assert _dates(model.predict(frame)) == ["2025-01-13", "2025-01-21", "2025-01-27", "2025-02-03"]


def test_given_by_name_and_a_row_on_a_holiday_refused():
    model = _fit(_weekly(), freq="W-FRI", holidays="NYSE")
    assert model.calendar_.shown == "'W-FRI' without NYSE holidays" and _dates(model.predict(_weekly())) == NYSE_AHEAD
    plain = _weekly()
    plain.loc[plain["date"] == "2024-03-28", "date"] = "2024-03-29"  # Good Friday
    with pytest.raises(RnncastError, match=r"timestamp 2024-03-29 \(.*\) is one of the NYSE holidays \(Good Friday\), "
                                           r"which the calendar of each week's last trading day without NYSE holidays"):
        _fit(plain, freq="W-FRI", holidays="NYSE")
    with pytest.raises(RnncastError, match=r"timestamp 2024-03-29 \(.*\) is one of the NYSE holidays"):
        model.predict(plain)
    with pytest.raises(RnncastError, match=r"a week's last or first trading day: 'W-FRI', 'W-MON'"):
        _fit(_weekly(), freq="W-WED", holidays="NYSE")


def test_holidays_named_without_freq_on_weekly_closes_keep_the_weeks():
    model = _fit(_weekly(), holidays="NYSE")
    assert model.calendar_.shown == "'W-FRI' without NYSE holidays"


def test_a_panels_weeks_are_found_with_series_ending_apart():
    a, b = _weekly(), _weekly(end="2025-04-11", seed=1)
    panel = pd.concat([a.assign(unique_id="a"), b.assign(unique_id="b")], ignore_index=True)
    model = _fit(panel)
    assert model.calendar_.shown == "'W-FRI' without NYSE holidays"
    dates = model.predict(panel).groupby("unique_id")["date"].apply(lambda d: [str(x.date()) for x in d])
    assert dates["a"] == NYSE_AHEAD and dates["b"] == NYSE_AHEAD[1:] + ["2025-05-09"]


def test_the_offset_walks_weeks_over_holidays_and_reads_its_alias():
    from rnncast import tradingweeks
    from rnncast.timecalendar import Calendar

    week = tradingweeks.offset("NYSE")
    assert list(pd.date_range("2025-04-10", "2025-04-30", freq=week).strftime("%Y-%m-%d")) == NYSE_AHEAD[:3]
    assert pd.Timestamp("2025-04-11 16:00") + week == pd.Timestamp("2025-04-17 16:00")
    assert pd.Timestamp("2025-04-25") - week == pd.Timestamp("2025-04-17") and week.is_on_offset("2025-04-17")
    assert not week.is_on_offset("2025-04-18") and week.rollback("2025-04-19") == pd.Timestamp("2025-04-17")
    assert tradingweeks.kind_of("W-FRI") == ("W-FRI", 1) and tradingweeks.kind_of("2W-MON") == ("W-MON", 2)
    assert tradingweeks.kind_of("W-WED") is None and tradingweeks.kind_of("BME") is None
    assert tradingweeks.text(tradingweeks.offset("NYSE", "W-MON", 2)) == "2W-MON"
    every_other = tradingweeks.offset("KRX", "W-MON", 2)  # pandas' copies keep the alias and the set
    assert pickle.loads(pickle.dumps(every_other)) == every_other and every_other.base == tradingweeks.offset("KRX", "W-MON")
    state = Calendar.from_state({"kind": "datetime", "freq": "W-FRI", "holidays": "NYSE", "name": "date"})
    assert list(state.next(pd.Timestamp("2025-04-11"), 2).strftime("%Y-%m-%d")) == NYSE_AHEAD[1:3]


def test_business_days_and_plain_weeks_are_none():
    from rnncast import tradingweeks

    days = pd.bdate_range("2025-01-02", periods=20)
    assert tradingweeks.explain(days, np.array([0, len(days)])) is None
    weeks = pd.date_range("2025-01-03", periods=10, freq="W-FRI")
    assert tradingweeks.explain(weeks, np.array([0, len(weeks)])) is None  # nothing moved: plain 'W-FRI'


def test_the_command_line_fits_then_predicts_evaluates_and_backtests(tmp_path, capsys, caplog):
    """The finding's file: a run fit writes for the week's last trading day is one predict forecasts from."""
    _weekly(end="2024-01-19").to_csv(tmp_path / "w.csv", index=False)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        code, out, err = cli(capsys, "fit", tmp_path / "w.csv", "--target", "y", "--lookback", "8", "--horizon", "2",
                             "--epochs", "1", "--hidden-size", "8", "--out", tmp_path / "run")
    assert code == 0, err
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "calendar: 'W-FRI' without NYSE holidays" in said and "cannot forecast" not in out + err + said
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "w.csv")
    assert code == 0, err
    assert "2024-01-26" in out and "2024-02-02" in out, out
    code, _, err = cli(capsys, "evaluate", tmp_path / "run", tmp_path / "w.csv")
    assert code == 0, err
    code, _, err = cli(capsys, "backtest", tmp_path / "w.csv", "--from-run", tmp_path / "run", "--n-windows", "2",
                       "--out", tmp_path / "bt")
    assert code == 0, err


def test_a_typo_among_weekly_closes_is_the_only_row_named(caplog):
    """A Wednesday among Friday closes moved by holidays: the moved rows keep 'W-FRI' without NYSE holidays, so only
    the typo is named off it (and the remedy names the weekly calendar)."""
    frame = _weekly()
    frame.loc[50, "date"] = (pd.Timestamp(frame.loc[50, "date"]) - pd.Timedelta(days=2)).strftime("%Y-%m-%d")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _fit(frame)
    warned = next(r.getMessage() for r in caplog.records if "off the calendar" in r.getMessage())
    assert warned.startswith("timestamp 2023-03-01 (row 50) is off the calendar 'W-FRI' without NYSE holidays the other "
                             "159 rows keep") and "freq='BME' or 'W-FRI' with holidays=" in warned, warned


def test_weekly_closes_beside_plain_month_ends_keep_their_own_calendar(tmp_path):
    weeks = _weekly()
    months = pd.DataFrame({"date": pd.date_range(end="2025-03-31", periods=40, freq="ME").strftime("%Y-%m-%d"),
                           "y": np.arange(40.0)})
    frame = pd.concat([weeks.assign(unique_id="A"), months.assign(unique_id="B")], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": H, "epochs": 1}).fit(frame, target="y", id_col="unique_id")
    forecast = model.predict(frame)
    dates = forecast.reset_index().groupby("unique_id")["date"].apply(lambda d: [str(t.date()) for t in d])
    assert dates["A"] == NYSE_AHEAD and dates["B"] == ["2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31"]
    model.save(tmp_path / "m")
    pd.testing.assert_frame_equal(Forecaster.load(tmp_path / "m").predict(frame), forecast)

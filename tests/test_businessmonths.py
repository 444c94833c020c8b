"""A month's last or first business day without a holiday set (``businessmonths.py``): a market's month ends
found from the rows moved off plain 'BME' (NYSE) and month starts off 'BMS' (JPX), a panel's, the set given by
name (freq='BME' or 'BMS' with holidays=, a country's too, and on the command line), forecasts dated by pandas'
CustomBusinessMonthEnd/Begin, the calendar kept in model.json, and rows that contradict it refused."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, businessmonths
from rnncast.holidaysets import weekday_holidays
from rnncast.timecalendar import Calendar
from test_cli import cli

H = 4


def _monthly(name="NYSE", kind="BME", end="2024-02-29", periods=60, seed=0, **extra) -> pd.DataFrame:
    offset = pd.offsets.CustomBusinessMonthEnd if kind == "BME" else pd.offsets.CustomBusinessMonthBegin
    days = pd.date_range(end=end, periods=periods, freq=offset(holidays=list(weekday_holidays(name)), **extra))
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "y": rng.random(len(days))})


def _fit(frame, **settings) -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 6, "horizon": H, "epochs": 1, **settings}).fit(frame, target="y")


def _dates(forecast: pd.DataFrame) -> list[str]:
    return [str(d.date()) for d in forecast.index]


NYSE_AHEAD = ["2024-03-28", "2024-04-30", "2024-05-31", "2024-06-28"]  # Good Friday 2024-03-29 skipped


def test_a_markets_month_ends_are_found_dated_and_said(caplog):
    """The tester's case: 2021-05-28, before Memorial Day, was refused by predict after fit had only warned."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model = _fit(_monthly())
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("calendar: 'BME' without NYSE holidays (the last business day of each month: the row off "
                            "'BME' is moved by NYSE holidays") for m in said), said
    assert not any("no calendar explains every row" in m for m in said)
    assert model.calendar_.holidays == "NYSE" and model.calendar_.shown == "'BME' without NYSE holidays"
    assert isinstance(model.calendar_.freq, pd.offsets.CustomBusinessMonthEnd)
    assert _dates(model.predict(_monthly())) == NYSE_AHEAD


def test_the_calendar_round_trips_through_model_json(tmp_path):
    model = _fit(_monthly())
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["freq"] == "BME" and meta["calendar"]["holidays"] == "NYSE"
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.calendar_ == model.calendar_
    assert _dates(loaded.predict(_monthly())) == NYSE_AHEAD


def test_a_markets_month_starts_are_found():
    """JPX is shut on January 1 to 3: its first trading day of January is the 4th (or later)."""
    frame = _monthly("JPX", "BMS", end="2024-03-01")
    found = businessmonths.explain(pd.DatetimeIndex(pd.to_datetime(frame["date"])), np.array([0, len(frame)]))
    assert found is not None and found.name == "JPX" and found.moved >= 5
    model = _fit(frame)
    assert model.calendar_.shown == "'BMS' without JPX holidays"
    assert _dates(model.predict(frame)) == ["2024-04-01", "2024-05-01", "2024-06-03", "2024-07-01"]


def test_a_panels_month_ends_are_found_with_series_ending_apart():
    a, b = _monthly(), _monthly(end="2023-12-29", seed=1)
    panel = pd.concat([a.assign(unique_id="a"), b.assign(unique_id="b")], ignore_index=True)
    model = _fit(panel)
    assert model.calendar_.shown == "'BME' without NYSE holidays"
    forecast = model.predict(panel)
    dates = forecast.groupby("unique_id")["date"].apply(lambda d: [str(x.date()) for x in d])
    assert dates["a"] == NYSE_AHEAD and dates["b"] == ["2024-01-31", "2024-02-29", "2024-03-28", "2024-04-30"]


def test_quarter_ends_are_every_third_months():
    frame = _monthly(end="2024-03-28", periods=40, n=3)
    model = _fit(frame)
    assert model.calendar_.freq_text == "3BME" and model.calendar_.holidays == "NYSE"
    assert _dates(model.predict(frame)) == ["2024-06-28", "2024-09-30", "2024-12-31", "2025-03-31"]


def test_a_countrys_month_starts_given_by_name(tmp_path):
    """Germany's: Easter Monday (2024-04-01) and May 1 are holidays; given as freq='BMS' with holidays='DE'."""
    frame = _monthly("DE", "BMS", end="2024-03-31")
    model = _fit(frame, freq="BMS", holidays="de")
    assert model.calendar_.shown == "'BMS' without DE holidays"
    assert _dates(model.predict(frame)) == ["2024-04-02", "2024-05-02", "2024-06-03", "2024-07-01"]
    model.save(tmp_path / "m")
    assert _dates(Forecaster.load(tmp_path / "m").predict(frame)) == ["2024-04-02", "2024-05-02", "2024-06-03",
                                                                      "2024-07-01"]


def test_given_by_name_and_a_row_on_a_holiday_refused():
    model = _fit(_monthly(), freq="BME", holidays="NYSE")
    assert model.calendar_.shown == "'BME' without NYSE holidays" and _dates(model.predict(_monthly())) == NYSE_AHEAD
    plain = _monthly()
    plain.loc[plain["date"] == "2021-05-28", "date"] = "2021-05-31"  # Memorial Day
    with pytest.raises(RnncastError, match=r"timestamp 2021-05-31 \(.*\) is one of the NYSE holidays \(Memorial Day\)"):
        _fit(plain, freq="BME", holidays="NYSE")
    with pytest.raises(RnncastError, match=r"timestamp 2021-05-31 \(.*\) is one of the NYSE holidays"):
        model.predict(plain)
    with pytest.raises(RnncastError, match=r"\(Memorial Day\), which the calendar of the last business day of each "
                                           r"month without US holidays skips"):
        _fit(plain, freq="BME", holidays="US")


def test_quarter_ends_are_said_as_each_quarters(caplog):
    with caplog.at_level(logging.INFO, logger="rnncast"):
        _fit(_monthly(end="2024-03-28", periods=40, n=3))
    said = [r.getMessage() for r in caplog.records if "'3BME' without NYSE holidays (" in r.getMessage()]
    assert said and "(the last business day of each quarter (every 3rd month):" in said[0], said
    assert businessmonths.which("BMS", 2) == "the first business day of every 2nd month"


def test_holidays_named_without_freq_on_month_ends_keep_the_month_ends():
    model = _fit(_monthly(), holidays="NYSE")
    assert model.calendar_.shown == "'BME' without NYSE holidays"


def test_the_command_line_takes_freq_bme_with_holidays(tmp_path, capsys):
    _monthly().to_csv(tmp_path / "d.csv", index=False)
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", "--target", "y", "--lookback", "6", "--horizon", "4",
                       "--epochs", "1", "--hidden-size", "8", "--freq", "BME", "--holidays", "NYSE",
                       "--out", tmp_path / "run")
    assert code == 0, err
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "d.csv")
    assert code == 0, err
    assert all(d in out for d in NYSE_AHEAD), out


def test_the_alias_is_read_from_text_and_offsets():
    assert businessmonths.kind_of("BME") == ("BME", 1) and businessmonths.kind_of("3BMS") == ("BMS", 3)
    assert businessmonths.kind_of(pd.offsets.CustomBusinessMonthEnd()) == ("BME", 1)
    assert businessmonths.kind_of("ME") is None and businessmonths.kind_of("Sun Mon") is None
    assert businessmonths.text(businessmonths.offset("NYSE", "BMS", 3)) == "3BMS"
    state = Calendar.from_state({"kind": "datetime", "freq": "BME", "holidays": "NYSE", "name": "date"})
    assert list(state.next(pd.Timestamp("2024-02-29"), 1).strftime("%Y-%m-%d")) == ["2024-03-28"]


def test_rows_far_from_a_months_end_or_at_times_of_day_are_none():
    days = pd.DatetimeIndex(["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15"])
    assert businessmonths.explain(days, np.array([0, 4])) is None
    hours = pd.DatetimeIndex(["2024-01-31 10:00", "2024-02-29 10:00", "2024-03-28 10:00"])
    assert businessmonths.explain(hours, np.array([0, 3])) is None


def test_a_typo_among_a_markets_month_ends_is_said_at_fit_and_forecasts_dated_on_them(caplog, tmp_path):
    """A typo among NYSE's month ends: fit warns of it, offering what can work; predict, which refused to date the
    forecasts, dates them on 'BME' without NYSE holidays, which the other 59 rows keep (decision 682): March 2024's
    last trading day is the 28th (Good Friday), as the model saved and loaded keeps it."""
    frame = _monthly()
    frame.loc[30, "date"] = "2021-09-15"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = _fit(frame)
    warned = next(r.getMessage() for r in caplog.records if "off the calendar" in r.getMessage())
    assert "is no calendar rnncast dates" not in warned and "freq='BME' or 'W-FRI' with holidays=" in warned
    assert "predict dates its forecasts on that calendar" in warned
    model.save(tmp_path / "m")
    for fitted in (model, Forecaster.load(tmp_path / "m")):
        assert _dates(fitted.predict(frame)) == ["2024-03-28", "2024-04-30", "2024-05-31", "2024-06-28"]


@pytest.mark.parametrize("typo, row", [("2015-06-15", "2015-06-30"), ("2009-12-15", "2009-12-31"),
                                       ("2015-06-25", "2015-06-30")])  # 3 weekdays early: no holiday moved it
def test_a_typo_among_a_markets_month_ends_is_the_only_row_named(caplog, typo, row):
    """A row mid-month (a typo, or a first month to date) among NYSE's month ends: the rows moved by holidays
    (2010-05-28, 2013-03-28, 2018-03-29) keep 'BME' without NYSE holidays, so only the typo is named off it."""
    frame = _monthly(end="2024-02-29", periods=171)
    assert frame["date"].iloc[0] == "2009-12-31"
    frame.loc[frame["date"] == row, "date"] = typo
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _fit(frame)
    warned = next(r.getMessage() for r in caplog.records if "off the calendar" in r.getMessage())
    assert warned.startswith(f"timestamp {typo} (row ") and "off the calendar 'BME' without NYSE holidays the other 170 " \
        "rows keep" in warned, warned
    assert not any(d in warned for d in ("2010-05-28", "2013-03-28", "2018-03-29")), warned


def test_a_markets_month_ends_beside_plain_month_ends_keep_their_own_calendar(tmp_path):
    market, plain = _monthly(), _monthly(end="2024-02-29")
    plain["date"] = pd.date_range(end="2024-02-29", periods=len(plain), freq="ME").strftime("%Y-%m-%d")
    frame = pd.concat([market.assign(unique_id="A"), plain.assign(unique_id="B")], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": H, "epochs": 1}).fit(frame, target="y", id_col="unique_id")
    forecast = model.predict(frame)
    dates = forecast.reset_index().groupby("unique_id")["date"].apply(lambda d: [str(t.date()) for t in d])
    assert dates["A"] == NYSE_AHEAD and dates["B"] == ["2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"]
    model.save(tmp_path / "m")
    pd.testing.assert_frame_equal(Forecaster.load(tmp_path / "m").predict(frame), forecast)


def test_a_stale_row_on_a_markets_holiday_is_the_row_named_off_its_month_ends(caplog, tmp_path):
    """The tester's case (decision 2045): NYSE month ends whose old rows keep 2010-05-31 (Memorial Day) and 2013-03-29
    (Good Friday), which block NYSE as the calendar: the warning named the three rows correctly moved over NYSE
    holidays as off plain 'BME'; now it names the two rows on its holidays, off 'BME' without NYSE holidays, and
    predict dates the forecasts on that calendar."""
    frame = _monthly(end="2025-10-31", periods=190)  # moved over NYSE holidays: 2018-03-29, 2021-05-28, 2024-03-28
    frame.loc[frame["date"] == "2010-05-28", "date"] = "2010-05-31"
    frame.loc[frame["date"] == "2013-03-28", "date"] = "2013-03-29"
    assert businessmonths.explain(pd.DatetimeIndex(frame["date"]), np.array([0, len(frame)])) is None
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = _fit(frame)
    warned = next(r.getMessage() for r in caplog.records if "off the calendar" in r.getMessage())
    assert warned.startswith("timestamps 2010-05-31 (row 4, Memorial Day, a NYSE holiday), 2013-03-29 (row 38, Good "
                             "Friday, a NYSE holiday) are off the calendar 'BME' without NYSE holidays the other 188 rows "
                             "keep"), warned
    assert "drop them (they fall on NYSE holidays, when the market is shut: a vendor's stale rows)" in warned
    assert "2018-03-29" not in warned and "correct them if a typo" not in warned
    assert _dates(model.predict(frame)) == ["2025-11-28", "2025-12-31", "2026-01-30", "2026-02-27"]


def test_rows_on_a_sets_holidays_as_many_as_the_rows_moved_over_them_keep_no_set():
    """Two rows moved over NYSE holidays (2018-03-29, 2021-05-28) against two rows on them: no more a market's month
    ends than plain ones with two typos, so ``near`` offers no set (decision 2045); with a third row moved it does."""
    frame = _monthly(end="2024-02-29", periods=171)
    frame.loc[frame["date"] == "2010-05-28", "date"] = "2010-05-31"
    frame.loc[frame["date"] == "2013-03-28", "date"] = "2013-03-29"
    time = pd.DatetimeIndex(frame["date"])
    assert businessmonths.near(time, np.array([0, len(time)])) == []
    time = time.append(pd.DatetimeIndex(["2024-03-28"]))
    found = businessmonths.near(time, np.array([0, len(time)]))
    assert [businessmonths.set_of(f) for f in found] == ["NYSE"]

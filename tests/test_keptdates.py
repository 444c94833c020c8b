"""Forecasts of a model fitted on timestamps all but a few of which keep one calendar (``keptdates.py``): dated on
that calendar (which model.json keeps), from the data's last timestamp, or from the calendar's point nearest it where
it is off the calendar; timestamps that keep no calendar are still refused, and fit's closing line says so."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.timecalendar import Calendar

SMALL = dict(lookback=12, horizon=3, hidden_size=8, epochs=1, seed=0, threads=1)
CLI = ["--target", "y", "--lookback", "12", "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--threads", "1"]


def off_daily() -> pd.DataFrame:
    """The finding's data: 300 days from 2024-01-01, rows 100 and 200 five and three hours late."""
    dates = list(pd.date_range("2024-01-01", periods=300, freq="D"))
    dates[100] += pd.Timedelta(hours=5)
    dates[200] += pd.Timedelta(hours=3)
    y = np.sin(np.arange(300) / 7) + np.random.default_rng(0).normal(0, 0.1, 300)
    return pd.DataFrame({"date": dates, "y": y})


def test_a_model_fitted_on_a_few_rows_off_its_calendar_forecasts_on_it(caplog):
    """The finding: fit warned of two rows off 'D' and trained; predict refused to date any forecast. The forecast
    is now dated on 'D', which 298 of the 300 rows keep, and predict says so in one line naming the rows off it."""
    data = off_daily()
    model = Forecaster(**SMALL).fit(data, target="y")
    assert model.calendar_.freq is None and model.calendar_.kept.calendar.freq_text == "D"  # trained undated
    assert model.calendar_.shown == "irregular ('D' kept by 298 of 300 rows)"  # fit's "time: ... calendar ..." line
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(data)
    assert list(forecast.index) == list(pd.date_range("2024-10-27", periods=3, freq="D"))
    said = [r.getMessage() for r in caplog.records if "dated on" in r.getMessage()]
    assert said == ["forecasts are dated on the calendar 'D' that 298 of the 300 rows at fit keep (off it: "
                    "2024-04-10 05:00:00, 2024-07-19 03:00:00), from the data's last timestamp 2024-10-26 00:00:00"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(data)  # a forecasting loop: said once per model
    assert not [r for r in caplog.records if "dated on" in r.getMessage()]


def test_the_finding_on_the_command_line(tmp_path, capsys):
    """`rnncast fit off.csv` then `rnncast predict offrun off.csv`: exit 0, the forecast dated 2024-10-27..29, and
    fit's closing hint that the model cannot forecast gone; model.json keeps the calendar and the rows off it."""
    from rnncast.cli import main

    off_daily().to_csv(tmp_path / "off.csv", index=False)
    assert main(["fit", str(tmp_path / "off.csv"), *CLI, "--out", str(tmp_path / "offrun")]) == 0
    assert "cannot" not in capsys.readouterr().out
    saved = json.loads((tmp_path / "offrun" / "model" / "model.json").read_text())["calendar"]
    assert saved["freq"] is None and saved["kept"] == {
        "freq": "D", "rows": 298, "of": 300, "off": ["2024-04-10 05:00:00", "2024-07-19 03:00:00"]}
    assert main(["predict", str(tmp_path / "offrun"), str(tmp_path / "off.csv"), "--out", str(tmp_path / "f.csv")]) == 0
    written = pd.read_csv(tmp_path / "f.csv")
    assert list(written.iloc[:, 0]) == ["2024-10-27 00:00:00", "2024-10-28 00:00:00", "2024-10-29 00:00:00"]
    assert main(["evaluate", str(tmp_path / "offrun"), str(tmp_path / "off.csv")]) == 0  # scored as before
    assert main(["backtest", str(tmp_path / "off.csv"), *CLI, "--n-windows", "2", "--out", str(tmp_path / "bt")]) == 0


def sensor(late_last: bool) -> pd.DataFrame:
    """A day of 5-minute readings, two of them a few seconds late (the last one too, where ``late_last``)."""
    dates = list(pd.date_range("2024-03-01", periods=288, freq="5min"))
    dates[50] += pd.Timedelta(seconds=4)
    dates[140] += pd.Timedelta(seconds=2)
    if late_last:
        dates[-1] += pd.Timedelta(seconds=3)
    return pd.DataFrame({"time": dates, "y": np.cos(np.arange(288) / 12)})


def test_a_sensor_series_whose_last_reading_is_late_forecasts_the_next_readings(caplog):
    """5-minute readings, the last one (23:55) 3 s late: its forecasts are the calendar's next points, 00:00, 00:05,
    00:10, not 3 s past them; where the data ends on time, from its last timestamp."""
    model = Forecaster(**SMALL).fit(sensor(True), target="y")
    assert model.calendar_.kept.calendar.freq_text == "5min" and model.calendar_.kept.rows == 285
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(sensor(True))
    assert list(forecast.index) == list(pd.date_range("2024-03-02", periods=3, freq="5min"))
    assert "from 2024-03-01 23:55:00, the point on it nearest the data's last timestamp 2024-03-01 23:55:03 (off it)" \
        in caplog.text
    assert list(model.predict(sensor(False)).index) == list(pd.date_range("2024-03-02", periods=3, freq="5min"))
    partial = sensor(False)
    partial.loc[len(partial)] = [pd.Timestamp("2024-03-02 00:01:00"), 1.0]  # a minute after 00:00: that reading
    assert list(model.predict(partial).index) == list(pd.date_range("2024-03-02 00:05", periods=3, freq="5min"))
    drifted = sensor(False)
    drifted.loc[278:, "time"] += pd.Timedelta(seconds=37)  # the clock's last 10 readings: no point stands for them
    with pytest.raises(RnncastError, match=r"^the last rows of the data given do not keep the calendar '5min' that the "
                                           r"model dates its forecasts on \(more than 5 of the last 60 rows are off it\)"):
        model.predict(drifted)


def test_a_month_to_date_row_at_the_end_stands_for_its_month():
    """Month ends, the last row 2024-02-28 (a month to date, decision 595's finding): the nearest month end is
    February's, so the forecast is March, April and May's ends, not February's again."""
    dates = list(pd.date_range(end="2024-01-31", periods=119, freq="ME")) + [pd.Timestamp("2024-02-28")]
    data = pd.DataFrame({"date": dates, "y": np.sin(np.arange(120) / 3)})
    model = Forecaster(**SMALL).fit(data, target="y")
    assert list(model.predict(data).index) == list(pd.date_range("2024-03-31", periods=3, freq="ME"))


def test_truly_irregular_timestamps_are_still_refused_and_fit_says_so_last(tmp_path, capsys):
    """Steps of 1 to 3 days with no calendar most rows keep: predict refuses as before, and fit's closing line says
    plainly that it will."""
    from rnncast.cli import main

    steps = np.random.default_rng(1).integers(1, 4, 200)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.cumsum(steps), unit="D")
    pd.DataFrame({"date": dates, "y": np.sin(np.arange(200) / 5)}).to_csv(tmp_path / "irr.csv", index=False)
    assert main(["fit", str(tmp_path / "irr.csv"), *CLI, "--out", str(tmp_path / "run")]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]  # advice on standard error, last (decision 1164)
    assert last.startswith("hint: predict will refuse this run: its timestamps follow no regular calendar, so its "
                           "forecasts cannot be dated"), last
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "irr.csv")]) == 2
    assert "follow no regular calendar" in capsys.readouterr().err


def test_a_run_saved_before_the_kept_calendar_refuses_as_before():
    """model.json's calendar without "kept" (runs before it): no calendar, dates refused as they were."""
    calendar = Calendar.from_state({"kind": "datetime", "freq": None, "tz": None, "name": "date"})
    assert calendar.kept is None
    with pytest.raises(RnncastError, match="follow no regular calendar"):
        calendar.next(pd.Timestamp("2024-10-26"), 3)
    kept = Calendar.from_state({"kind": "datetime", "freq": None, "tz": None, "name": "date", "kept": {
        "freq": "D", "rows": 298, "of": 300, "off": ["2024-04-10 05:00:00"]}})
    assert Calendar.from_state(kept.state()) == kept and kept.kept.rows == 298


def test_each_series_keeping_its_own_such_calendar_is_named(caplog):
    """A panel whose weekly series 'b' and monthly series 'c' each had a row off their calendars: predict named 'b'
    only, and 'c''s forecasts were dated without a word (decision 712). Each is said once, the first few series."""
    rng, parts = np.random.default_rng(0), []
    for sid, freq, start in (("a", "D", "2023-01-01"), ("b", "W-SUN", "2023-01-01"), ("c", "MS", "2015-01-01")):
        t = pd.date_range(start, periods=120, freq=freq)
        if sid != "a":
            t = t.insert(50, t[50] + pd.Timedelta(hours=5)).delete(51)
        parts.append(pd.DataFrame({"id": sid, "date": t, "y": np.sin(np.arange(120) / 5) + rng.normal(0, .1, 120)}))
    data = pd.concat(parts)
    model = Forecaster(lookback=8, horizon=2, epochs=1, seed=0, threads=1).fit(data, target="y", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast.keptdates"):
        forecast = model.predict(data)
        model.predict(data)  # once per model
    said = [r.getMessage() for r in caplog.records if r.name == "rnncast.keptdates"]
    assert len(said) == 2 and said[0].startswith("forecasts of series 'b' are dated on the calendar 'W-SUN'")
    assert said[1].startswith("forecasts of series 'c' are dated on the calendar 'MS' that 119 of its 120 rows at fit "
                              "keep (off it: 2019-03-01 05:00:00)")
    assert list(forecast[forecast["id"] == "c"]["date"]) == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-01")]

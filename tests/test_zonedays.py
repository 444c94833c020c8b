"""``zonedays``: days in a zone whose clocks change at midnight are days, each at its first instant: America/Havana
repeats 00:00 on 2024-11-03, America/Santiago skips it on 2024-09-08, Africa/Cairo on 2024-04-26. Daily data
across such a day, or ending the day before it, is fitted and forecast (CLI and API) where pandas raised
"Cannot infer dst time from 2024-11-03 00:00:00" or "... is a nonexistent time"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.loading import load_panel
from rnncast.zonedays import day_instants, day_starts, day_walls, days
from test_cli import cli

ZONES = [("America/Havana", "2024-11-03", "2024-11-03T00:00:00-04:00"),  # repeated: the first copy
         ("America/Santiago", "2024-09-08", "2024-09-08T01:00:00-03:00"),  # skipped: where the day begins
         ("Africa/Cairo", "2024-04-26", "2024-04-26T01:00:00+03:00")]


@pytest.mark.parametrize("tz, day, first", ZONES)
def test_a_day_whose_midnight_the_clocks_change_is_its_first_instant_and_reads_back_as_that_day(tz, day, first):
    wall = pd.date_range(pd.Timestamp(day) - pd.Timedelta(days=2), periods=5, freq="D")
    placed = day_instants(wall, tz)
    assert placed[2].isoformat() == first and placed.is_monotonic_increasing
    assert (day_walls(placed) == wall).all() and day_starts(placed).all()
    assert not day_starts(placed + pd.Timedelta(hours=2)).any()
    if tz == "America/Havana":  # the second copy of the repeated midnight is no day's start: an hour's, written apart
        assert not day_starts(pd.DatetimeIndex([placed[2] + pd.Timedelta(hours=1)]))[0]
    assert days(wall) and not days(pd.date_range(day, periods=3, freq="h")) and not days(wall + pd.Timedelta(hours=1))


def _daily(end: str, n: int = 60) -> pd.DataFrame:
    dates = pd.date_range(end=end, periods=n, freq="D")
    i = np.arange(n)
    return pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "y": np.round(5 + np.sin(i / 3), 3),
                         "wd": (dates.day_of_week).astype(float)})


@pytest.mark.parametrize("tz, day, first", ZONES)
def test_daily_data_across_the_day_reads_on_a_calendar_of_days(tz, day, first):
    frame = _daily(str(pd.Timestamp(day) + pd.Timedelta(days=10)))
    panel = load_panel(frame, target="y", tz=tz)
    assert panel.calendar.freq_text == "D" and first in [t.isoformat() for t in panel.time]


@pytest.mark.parametrize("tz, day, first", ZONES)
def test_daily_forecasts_reach_the_day_in_the_cli_and_the_api(tz, day, first, tmp_path, capsys):
    """predict on daily data ending the day before crashed in timecalendar.next (pandas' date_range)."""
    _daily(str(pd.Timestamp(day) - pd.Timedelta(days=1))).to_csv(tmp_path / "d.csv", index=False)
    code, out, err = cli(capsys, "fit", tmp_path / "d.csv", "--target", "y", "--features", "wd", "--future-known",
                         "--tz", tz, "--lookback", "7", "--horizon", "3", "--epochs", "1", "--hidden-size", "8",
                         "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    dates = pd.date_range(day, periods=3, freq="D")
    pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "wd": dates.day_of_week.astype(float)}).to_csv(
        tmp_path / "f.csv", index=False)
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "d.csv", "--future", tmp_path / "f.csv")
    assert code == 0, err
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == list(dates.strftime("%Y-%m-%d"))
    frame = Forecaster.load(tmp_path / "run" / "model").predict(str(tmp_path / "d.csv"),
                                                                future=pd.read_csv(tmp_path / "f.csv"))
    assert frame.index[0].isoformat() == first and str(frame.index.tz) == tz


def test_a_fitted_model_forecasts_across_the_repeated_midnight_in_the_api():
    frame = _daily("2024-11-02", 80).assign(date=lambda f: pd.to_datetime(f["date"]))
    model = Forecaster(**{**TINY, "epochs": 1, "tz": "America/Havana"}).fit(frame[["date", "y"]], target="y")
    forecast = model.predict(frame[["date", "y"]])
    assert [t.isoformat() for t in forecast.index] == ["2024-11-03T00:00:00-04:00", "2024-11-04T00:00:00-05:00",
                                                       "2024-11-05T00:00:00-05:00"]

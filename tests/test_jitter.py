"""Timestamps a few seconds off a regular grid (``jitter.py``): the grid they lie near, and the rounding that puts
them on it named by the calendar's warning and the refusal of a given freq where ``calendars.settle`` meets them
(data read for a fit reads them on the grid first: ``gridtimes``, tests/test_gridtimes.py); two rows that rounding
would give one timestamp said instead."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, jitter
from rnncast.calendars import settle
from rnncast.loading import load_panel

ROUND = "round them to it, e.g. with pandas: df['timestamp'] = pd.to_datetime(df['timestamp']).dt.round('10min')"


def _jittered(n=300, seconds=5, seed=0) -> pd.DatetimeIndex:
    rng = np.random.default_rng(seed)
    grid = pd.date_range("2024-03-01", periods=n, freq="10min")
    return pd.DatetimeIndex(grid + pd.to_timedelta(rng.integers(0, seconds, n), unit="s"), name="timestamp")


def _whole(time):
    return np.array([0, len(time)])


def test_the_grid_a_sensors_timestamps_lie_near():
    time = _jittered()
    grid = jitter.near(time, _whole(time))
    assert grid.alias == "10min" and grid.words == "10-minute" and grid.off == pd.Timedelta("4s") and grid.clash is None
    daily = pd.DatetimeIndex(pd.date_range("2024-01-01", periods=40, freq="D") + pd.Timedelta("47min"), name="d")
    assert jitter.near(daily, _whole(daily)).alias == "D"  # pandas' 'D', not the Timedelta's '24h'


def test_timestamps_on_a_grid_or_far_from_one_have_none():
    on = pd.date_range("2024-03-01", periods=50, freq="10min")
    assert jitter.near(on, _whole(on)) is None
    rng = np.random.default_rng(1)
    events = pd.DatetimeIndex(np.sort(pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 10**6, 50), unit="s")))
    assert jitter.near(events, _whole(events)) is None
    drifting = pd.DatetimeIndex(pd.Timestamp("2024-03-01") + pd.to_timedelta(np.arange(200) * 605, unit="s"))
    assert jitter.near(drifting, _whole(drifting)) is None  # each step near 10 min, the grid left behind


def test_fits_warning_names_the_rounding_not_a_freq(caplog):
    time = _jittered()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        calendar, ruler, _ = settle(time, _whole(time))
    assert calendar.freq is None and ruler is None
    assert "the timestamps lie within 4 s of a 10-minute grid (jitter); " + ROUND in caplog.text
    assert "give freq=" not in caplog.text  # freq='10min' would refuse them


def test_a_given_freq_refuses_them_naming_the_rounding():
    time = _jittered()
    with pytest.raises(RnncastError, match=r"is not on the calendar freq='10min'; the timestamps lie within 4 s of a "
                                           r"10-minute grid \(jitter\); round them to it") as err:
        settle(time, _whole(time), freq="10min", where=lambda i: f"line {i + 2}")
    assert str(err.value).endswith(ROUND)


def test_rows_rounding_would_merge_are_said_instead_of_the_rounding():
    time = _jittered()
    time = time.insert(6, time[5] + pd.Timedelta("30s"))  # a second reading in one step
    said = jitter.advice(time, _whole(time), where=lambda i: f"line {i + 2}")
    assert "round them to it" not in said and "dt.round" not in said
    assert f"but rounded to it {time[5]} (line 7) and {time[6]} (line 8) would share one timestamp" in said


def test_a_grid_off_the_clock_is_found_at_its_own_points():
    """Hourly readings at about half past (00:30:02, 01:29:58 ...) were put on a '3601s' grid, forecasts drifting a
    second an hour; 5-minute readings at about 00:02:30 found none. The grid's points are where the data's lie (decision
    711), the pandas line advised moves the time by that origin and back."""
    rng = np.random.default_rng(0)
    for start, freq, origin in (("2024-01-01 00:30", "h", "30min"), ("2024-01-01 00:02:30", "5min", "150s")):
        points = pd.date_range(start, periods=300, freq=freq)
        time = pd.DatetimeIndex(points + pd.to_timedelta(rng.integers(-4, 5, 300), unit="s"), name="timestamp")
        grid = jitter.near(time, _whole(time))
        assert grid.alias == freq and grid.origin == pd.Timedelta(origin) and grid.off == pd.Timedelta("4s")
        assert list(jitter.points(time, grid.alias)) == list(points)
        said = jitter.advice(time, _whole(time))
        shift = f"pd.Timedelta('{pd.Timedelta(origin)}')"
        assert said.endswith(f"df['timestamp'] = (pd.to_datetime(df['timestamp']) - {shift}).dt.round('{freq}') + {shift}")
    late = pd.DatetimeIndex(pd.date_range("2024-01-01 23:59:59", periods=50, freq="h"))  # a point a second before the hour
    assert jitter.phase(late, "h") == pd.Timedelta(0)  # rounded to whole minutes: on the clock, the jitter not a grid


def test_the_rounding_advised_for_a_zoned_column_rounds_its_instants_and_gives_them_back_in_the_zone():
    """``.dt.round('h')`` of a Europe/Berlin column raises at the hour the clock skips; the line advised rounds the
    UTC instants and converts back (decision 717), and run as written it puts every row on the hour."""
    rng = np.random.default_rng(3)
    points = pd.date_range("2024-03-30", periods=72, freq="h", tz="Europe/Berlin")
    time = pd.DatetimeIndex(points + pd.to_timedelta(rng.integers(-4, 5, 72), unit="s"), name="timestamp")
    said = jitter.advice(time, _whole(time))
    line = said.split("e.g. with pandas: ")[1]
    assert line == ("df['timestamp'] = pd.to_datetime(df['timestamp'], utc=True).dt.round('h')"
                    ".dt.tz_convert('Europe/Berlin')")
    df = pd.DataFrame({"timestamp": [t.isoformat() for t in time]})
    exec(line, {"pd": pd, "df": df})
    assert list(df["timestamp"]) == list(points)


@pytest.mark.parametrize("start, freq", [("1550-01-01", "YS"), ("1600-01-01", "MS"), ("2255-01-01", "MS")])
def test_dates_outside_pandas_nanoseconds_train_and_forecast_instead_of_a_traceback(start, freq):
    """A tester's yearly data from 1550, and monthly data crossing 2262, ended in pandas' OutOfBoundsDatetime from
    the look for a logger's jitter; with freq= the same data trained."""
    from conftest import TINY
    from rnncast import Forecaster

    dates = pd.date_range(start, periods=120, freq=freq, unit="s")
    assert not jitter.in_ns(dates)
    frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "y": np.sin(np.arange(120.0))})
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 2}).fit(frame, target="y")
    forecast = model.predict(frame)
    assert list(forecast.index) == list(pd.date_range(dates[-1], periods=3, freq=freq, unit="s")[1:])


def test_daily_closes_at_half_past_keep_their_own_time_not_the_hours():
    """Naive Paris closes at 17:30 given freq='W-FRI' were told "the timestamps lie within 30 min of a 1-day grid
    (jitter); round them" to 18:00: the grid's place was rounded to the hour, whatever the rows kept."""
    closes = pd.DatetimeIndex(pd.bdate_range("2024-01-01", periods=200) + pd.Timedelta("17:30:00"), name="ds")
    assert jitter.phase(closes, "D") == pd.Timedelta("17:30:00") and jitter.near(closes, _whole(closes)) is None
    with pytest.raises(RnncastError) as refused:
        settle(closes, _whole(closes), "W-FRI")
    assert "jitter" not in str(refused.value) and "the timestamps follow the calendar 'B'" in str(refused.value)
    shaken = pd.DatetimeIndex(closes + pd.to_timedelta(np.random.default_rng(0).integers(0, 5, 200), unit="s"))
    assert jitter.phase(shaken, "D") == pd.Timedelta("17:30:00")  # a logger's seconds are still not the grid's
    assert jitter.near(shaken, _whole(shaken)).off <= pd.Timedelta(seconds=5)


def test_the_rounding_advised_for_naive_text_read_with_tz_keeps_its_wall_times():
    """Naive local text read with tz= was advised ``pd.to_datetime(df[...], utc=True)...tz_convert(zone)``, which reads
    the local times as UTC and moves every row by the zone's offset (11 h in Sydney); it rounds the times as written."""
    rng = np.random.default_rng(4)
    points = pd.date_range("2024-05-01", periods=72, freq="h")
    text = (points + pd.to_timedelta(rng.integers(-4, 5, 72), unit="s")).strftime("%Y-%m-%d %H:%M:%S")
    time = pd.DatetimeIndex(pd.to_datetime(text), name="ds").tz_localize("Australia/Sydney")
    line = jitter.advice(time, _whole(time), fmt="%Y-%m-%d %H:%M:%S").split("e.g. with pandas: ")[1]
    assert line == "df['ds'] = pd.to_datetime(df['ds']).dt.round('h')"
    df = pd.DataFrame({"ds": text})
    exec(line, {"pd": pd, "df": df})
    assert list(df["ds"]) == list(points)


def _two_seconds(n: int = 2000) -> pd.DataFrame:
    """t31t1's jitter.csv: a 10-second grid with integer jitter in [-2, 2] s, beyond a tenth of the step."""
    rng = np.random.default_rng(1)
    grid = pd.date_range("2024-03-01 12:00", periods=n, freq="10s")
    time = grid + pd.to_timedelta(rng.integers(-2, 3, n), unit="s")
    return pd.DataFrame({"timestamp": time, "temp": np.sin(np.arange(n) / 40)})


def test_jitter_of_a_fifth_of_the_step_is_advised_the_rounding_line_and_it_works(caplog):
    """t31t1: ±2 s on 10-second data was told "follow no regular calendar ... give freq=" and, with --freq 10s, to
    "correct or remove that row" (1 of 811 named). The rounding line is advised where every timestamp lies within a
    quarter of a step and rounding keeps a row each (decision 1500); run as printed, the data keeps a 10-second
    calendar. Rows are still read on a grid only within a tenth of a step."""
    frame = _two_seconds()
    assert jitter.near(pd.DatetimeIndex(frame["timestamp"]), np.array([0, len(frame)])) is None  # not read on it
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="temp")
    [said] = [r.getMessage() for r in caplog.records if "no regular calendar" in r.getMessage()]
    line = "df['timestamp'] = pd.to_datetime(df['timestamp']).dt.round('10s')"
    assert said.endswith(f"the timestamps lie within 2 s of a 10-second grid (jitter); round them to it, e.g. with "
                         f"pandas: {line}"), said
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="temp", freq="10s")
    assert str(err.value).endswith(f"of the 2000 rows lie so far, every one within a quarter of a step (a clock's "
                                   f"jitter?), and rounded they keep a row each: round them to it, e.g. with pandas: "
                                   f"{line}"), str(err.value)
    df = frame.copy()
    exec(line, {"df": df, "pd": pd})
    assert load_panel(df, target="temp").calendar.shown == "'10s'"


def test_jitter_near_half_the_step_or_rounding_onto_one_point_is_not_advised_rounding():
    """Rows 4 s off a 10-second grid could belong to either point: no rounding line is offered for them."""
    rng = np.random.default_rng(2)
    grid = pd.date_range("2024-03-01", periods=500, freq="10s")
    far = pd.DatetimeIndex(grid + pd.to_timedelta(rng.choice([-4, 0, 4], 500), unit="s"), name="t")
    assert jitter.advice(far, np.array([0, 500])) is None


def _period_ends() -> pd.DatetimeIndex:
    """The 4-4-5 period ends (Saturdays) of a retailer's FY2021 .. FY2024 (FY2023 has 53 weeks, the extra one in P12)."""
    years = pd.date_range("2021-01-01", periods=5, freq=pd.offsets.FY5253(weekday=5, startingMonth=1,
                                                                          variation="nearest"))
    ends = []
    for start, end in zip(years[:-1], years[1:]):
        weeks = np.cumsum([4, 4, 5] * 3 + [4, 4, 5 + (end - start).days // 7 - 52])
        ends += [start + pd.Timedelta(weeks=int(w)) for w in weeks]
    return pd.DatetimeIndex(ends, name="period_end")


def test_4_4_5_period_ends_are_said_so_with_no_freq_to_give(caplog):
    time = _period_ends()  # decision 1975: was "give freq=", which refuses every alias
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        calendar, _, _ = settle(time, _whole(time))
    assert calendar.freq is None
    assert "they look like the period ends of a 4-4-5 fiscal calendar" in caplog.text and "give freq=" not in caplog.text
    with pytest.raises(RnncastError, match=r"is not on the calendar freq='ME'; they look like the period ends of a "
                                           r"4-4-5 fiscal calendar .* number the periods"):
        settle(time, _whole(time), freq="ME", where=lambda i: f"line {i + 2}")

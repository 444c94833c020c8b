"""The scored windows whose seasonal naive forecast reads a bar at another time of its session, a half day between
(``shiftedwindows.py``): counted for what was scored and a backtest's metrics.json (decision 1682); and a row at
another time of day, a zoned clock's change between (decision 1716)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, holidaysets, sessions
from rnncast.loading import load_panel
from rnncast.shiftedwindows import across, zoned
from test_sessions import _bars, _frame, _half_bars

DAYS = pd.date_range("2024-10-01", "2024-12-10", freq=holidaysets.offset("NYSE"))  # 2024-11-29: a half day


def _panel(time):
    return load_panel(_frame(time), target="price", holidays="NYSE", announce=False)


def _every(panel, lookback, horizon):
    return np.arange(len(panel.time) - lookback - horizon + 1), np.zeros(len(panel.time) - lookback - horizon + 1,
                                                                          dtype=np.int64)


def test_windows_whose_seasonal_step_reads_another_bar_after_a_half_day_are_counted():
    """t33t2 HIGH 2's case in hourly bars: season 7 (one session) forecast 2024-12-02 09:30 with 11-27 13:30's."""
    panel = _panel(_half_bars(DAYS))
    starts, series = _every(panel, 8, 3)
    found = across(panel, starts, series, 8, 3, 7)
    clock = [t.strftime("%H:%M") for t in panel.time]
    off = [any(clock[s + 8 + h - 1] != clock[s + 8 + h - 1 - 7] for h in (1, 2, 3)) for s in starts]  # by hand
    steps = sum(clock[s + 8 + h - 1] != clock[s + 8 + h - 1 - 7] for s in starts for h in (1, 2, 3))
    assert (found["windows"], found["of"], found["steps"], found["series"]) == (sum(off), len(starts), steps, 1)
    assert found["first"] == {"time": "2024-12-02 09:30", "reads": "2024-11-27 13:30"}
    assert found["text"].startswith(f"the seasonal naive forecast of {sum(off)} of the {len(starts)} windows "
                                    f"({steps} steps) reads a bar at another time of its session, a half day between "
                                    "(for 2024-12-02 09:30, 2024-11-27 13:30's): season 7 is counted in bars")
    assert across(panel, starts, series, 8, 3, 14)["first"]["reads"] == "2024-11-26 13:30"  # two sessions back
    assert across(panel, starts, series, 8, 3, 24) is None  # no whole number of sessions
    assert across(panel, starts, series, 8, 3, 7, scored=False) is None  # predict_windows scores no baseline


def test_no_half_day_no_session_no_count():
    whole = load_panel(_frame(_bars(DAYS, step="h")), target="price", freq="h 09:30-15:30", holidays="NYSE",
                       announce=False)
    assert across(whole, *_every(whole, 8, 3), 8, 3, 7) is None
    hourly = load_panel(_frame(pd.date_range("2024-01-01", periods=300, freq="h")), target="price", announce=False)
    assert across(hourly, *_every(hourly, 8, 3), 8, 3, 24) is None  # no session


def test_a_half_day_is_named_only_where_the_calendars_bars_made_the_shift():
    """Decision 1739 (r34r1 LOW 9): a bar missing from the data (a halted hour) shifts the seasonal naive as a half
    day does; the clause said "a half day between" for both."""
    whole = _bars(DAYS, step="h")
    halted = load_panel(_frame(whole[whole != pd.Timestamp("2024-10-15 12:30")]), target="price",
                        freq="h 09:30-15:30", holidays="NYSE", announce=False)
    found = across(halted, *_every(halted, 8, 3), 8, 3, 7)
    assert found["first"] == {"time": "2024-10-15 13:30", "reads": "2024-10-14 12:30"}
    assert "reads a bar at another time of its session, a shorter session or a missing bar between (for " \
        "2024-10-15 13:30, 2024-10-14 12:30's)" in found["text"]
    half = _half_bars(DAYS)
    both = _panel(half[half != pd.Timestamp("2024-10-15 12:30")])  # a half day and a halted hour
    assert "a shorter session or a missing bar between" in across(both, *_every(both, 8, 3), 8, 3, 7)["text"]
    assert "a half day between" in across(_panel(half), *_every(_panel(half), 8, 3), 8, 3, 7)["text"]


def test_the_cause_builds_one_session_grid_for_the_series_of_one_calendar(monkeypatch):
    """r34r3 LOW-MED 7: ``_cause`` built ``sessions.grid`` once per series (500 NYSE symbols: 500 grids of years of
    bars); now once per session, with the same clause, a halted hour of one series still found among them."""
    half = _half_bars(DAYS)
    def stacked(last):
        frames = [_frame(t, seed=i).assign(id=f"s{i}") for i, t in enumerate([half, half, last])]
        return load_panel(pd.concat(frames), target="price", id_col="id", holidays="NYSE", announce=False)
    panels = [stacked(half), stacked(half[half != pd.Timestamp("2024-10-15 12:30")])]
    built = []
    grid = sessions.grid
    monkeypatch.setattr(sessions, "grid", lambda *a, **k: built.append(1) or grid(*a, **k))
    said = []
    for panel in panels:
        starts = np.concatenate([np.arange(panel.offsets[i], panel.offsets[i + 1] - 10) for i in range(3)])
        series = np.searchsorted(panel.offsets, starts, side="right") - 1
        found = across(panel, starts, series, 8, 3, 7)
        said.append((found["series"], found["text"].split("(for")[0].split(", ")[-1]))
    assert said == [(3, "a half day between "), (3, "a shorter session or a missing bar between ")]
    assert len(built) == 2  # one grid per call, not one per series


def test_evaluate_and_backtest_say_them_in_what_was_scored_and_metrics():
    frame = _frame(_half_bars(DAYS))
    settings = {**TINY, "epochs": 1, "lookback": 8, "horizon": 3, "season": 7, "holidays": "NYSE"}
    scored = Forecaster(**settings).fit(frame, target="price").evaluate(frame)["scored"]
    assert scored["seasonal_shifted"]["first"] == {"time": "2024-12-02 09:30", "reads": "2024-11-27 13:30"}
    assert scored["seasonal_shifted"]["text"] in scored["text"]
    bt = Forecaster(**{**settings, "cutoff": "2024-11-27 12:30"}).backtest(frame, n_windows=4, step=3, target="price")
    assert (bt.metrics["seasonal_shifted"]["windows"], bt.metrics["seasonal_shifted"]["of"]) == (2, 4)
    plain = Forecaster(**{**settings, "season": 1}).backtest(frame, n_windows=2, target="price")
    assert "seasonal_shifted" not in plain.metrics


def _hourly(start="2024-10-01", end="2024-11-10", freq="h", tz="Europe/Berlin"):
    """Hourly load kept on Berlin's wall clock as SCADA writes it: 2024-10-27 02:00 twice (the frame and its panel)."""
    t = pd.date_range(start, end, freq=freq, tz=tz)
    frame = pd.DataFrame({"time": t.tz_localize(None).strftime("%Y-%m-%d %H:%M"),
                          "load": 50 + 10 * np.sin(np.arange(len(t)) * 2 * np.pi / 24)})
    return frame, load_panel(frame, target="load", tz=tz, announce=False)


def test_windows_whose_seasonal_step_reads_another_hour_after_a_clock_change_are_counted():
    """t34t1 HIGH 1: season 168 on Berlin's hours read 2024-10-27 02:00 (the second, +01:00) with 10-20 03:00."""
    _, panel = _hourly()
    starts, series = _every(panel, 48, 24)
    found = across(panel, starts, series, 48, 24, 168)
    offset = [t.utcoffset() for t in panel.time]  # by hand: the step and the row it reads on other offsets
    rows = [(s + 48 + h - 1, s + 48 + h - 1 - 168) for s in starts for h in range(1, 25)]
    steps = sum(r >= 168 and b >= 0 and offset[r] != offset[b] for r, b in rows)
    assert (found["steps"], found["of"], found["series"]) == (steps, len(starts), 1) and steps == 168 * 24
    assert found["first"] == {"time": "2024-10-27 02:00+01:00", "reads": "2024-10-20 03:00+02:00"}  # decision 1773
    assert found["text"].startswith(f"the seasonal naive forecast of {found['windows']} of the {len(starts)} windows "
                                    f"({steps} steps) reads a row at another time of day on the local clock, a clock "
                                    "change between (for 2024-10-27 02:00+01:00, 2024-10-20 03:00+02:00's): season "
                                    "168 is counted "
                                    "in rows")
    assert across(panel, starts, series, 48, 24, 24)["first"]["reads"] == "2024-10-26 03:00+02:00"  # the 25-hour day
    assert across(panel, starts, series, 48, 24, 12) is None  # half a day: no time of day to keep
    for tz in ("UTC", None):  # no change of the clock: nothing to say
        plain = load_panel(_hourly(tz="UTC")[0], target="load", tz=tz, announce=False)
        assert across(plain, *_every(plain, 48, 24), 48, 24, 168) is None


def test_fit_warns_once_of_a_season_of_days_counted_across_a_clock_change(caplog):
    _, panel = _hourly("2024-03-20", "2024-04-10", freq="15min")
    line = zoned(panel.calendar, panel.time, 96)
    assert line.startswith("season 96 is counted in 15-minute steps, but Europe/Berlin's clock changes once in the "
                           "rows (daylight saving): for the 96 15-minute steps after each change the seasonal naive "
                           "forecast and MASE's scale read another time of day, an hour before on the local clock "
                           "after it goes forward and an hour after after it goes back (for 2024-03-31 03:00, "
                           "2024-03-30 02:00's, not 03:00's)")
    assert zoned(panel.calendar, panel.time, 48) is None and zoned(panel.calendar, panel.time[:500], 96) is None
    hourly = _hourly()[1]  # the repeated hour named with its offset, and the one beside
    autumn = zoned(hourly.calendar, hourly.time, 24)
    assert "(for 2024-10-27 02:00+01:00, 2024-10-26 03:00+02:00's, not 02:00's)" in autumn  # it too (decision 1773)
    frame, _ = _hourly(end="2024-10-30")  # the test rows span the change
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1, "lookback": 24, "horizon": 6, "season": 24, "tz": "Europe/Berlin"}
                           ).fit(frame, target="load")
    said = [r.getMessage() for r in caplog.records if "clock changes" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("season 24 is counted in hours, but Europe/Berlin's clock changes once")
    scored = model.evaluate(frame)["scored"]
    assert scored["seasonal_shifted"]["first"]["time"] == "2024-10-27 02:00+01:00"
    assert scored["seasonal_shifted"]["text"] in scored["text"]
    settings = {**TINY, "epochs": 1, "lookback": 24, "horizon": 6, "season": 24, "tz": "Europe/Berlin"}
    bt = Forecaster(**{**settings, "cutoff": "2024-10-25 09:00"}).backtest(frame, n_windows=3, step="1D", target="load")
    assert (bt.metrics["seasonal_shifted"]["windows"], bt.metrics["seasonal_shifted"]["of"]) == (1, 3)  # 10-27 09:00


def _by_step(panel, starts, series, lookback, horizon, season, zone):
    """Brute force, step by step: the (window, step) pairs whose seasonal naive step reads another time of day (and,
    on a zone, another UTC offset) within its series, as ``across`` counted them before decision 1738."""
    clock, offset = panel.time.strftime("%H:%M"), [t.utcoffset() for t in panel.time]
    off = [(w, h) for w, (s, i) in enumerate(zip(starts, series)) for h in range(1, horizon + 1)
           for r in [s + lookback + h - 1] for b in [r - season * -(-h // season)]
           if r < panel.offsets[i + 1] and b >= panel.offsets[i] and clock[r] != clock[b]
           and (not zone or offset[r] != offset[b])]
    return off


@pytest.mark.parametrize("seed", range(4))
def test_counted_per_row_as_step_by_step_on_random_sessions_and_clock_changes(seed):
    """Decision 1738: counting each row once per season back gives the counts of every window's every step, on
    stacked series with bars dropped at random (a halted bar), NYSE's half days and Berlin's clock changes."""
    rng = np.random.default_rng(seed)
    bars, hours = _half_bars(DAYS), pd.date_range("2024-10-20", "2024-11-03", freq="h", tz="Europe/Berlin")
    for times, tz, unit in ((bars, None, 7), (hours.tz_localize(None), "Europe/Berlin", 24)):
        frames = []
        for i in range(3):
            keep = np.sort(rng.choice(len(times), size=len(times) - 4, replace=False))  # 4 rows dropped
            t = times[keep] if tz is None else pd.date_range("2024-10-20", "2024-11-03", freq="h", tz=tz)[keep]
            frames.append(pd.DataFrame({"id": f"s{i}", "date": t.tz_localize(None).strftime("%Y-%m-%d %H:%M"),
                                        "price": rng.normal(size=len(t))}))
        panel = load_panel(pd.concat(frames), target="price", id_col="id", tz=tz, announce=False,
                           holidays="NYSE" if tz is None else None)
        lookback, horizon = int(rng.integers(2, 10)), int(rng.integers(1, 3 * unit))
        season = unit * int(rng.integers(1, 3))
        starts, series = [], []
        for i in range(3):
            a, b = panel.offsets[i], panel.offsets[i + 1]
            starts += list(range(a, b - lookback - horizon + 1)); series += [i] * (b - a - lookback - horizon + 1)
        pick = np.sort(rng.choice(len(starts), size=len(starts) // 2, replace=False))  # some windows of each
        starts, series = np.asarray(starts)[pick], np.asarray(series)[pick]
        off = _by_step(panel, starts, series, lookback, horizon, season, tz is not None)
        found = across(panel, starts, series, lookback, horizon, season)
        if not off:
            assert found is None
            continue
        w, h = off[0]
        r = starts[w] + lookback + h - 1
        assert (found["windows"], found["steps"], found["series"]) == (
            len({w for w, _ in off}), len(off), len({series[w] for w, _ in off}))
        pair = [panel.time[r], panel.time[r - season * -(-h // season)]]
        twice = tz is not None and any(t.hour == 2 and t.month == 10 for t in pair)  # the repeated hour: decision 1773
        assert found["first"] == dict(zip(("time", "reads"), (
            f"{t:%Y-%m-%d %H:%M}" + (f"{t:%z}"[:3] + ":" + f"{t:%z}"[3:] if twice else "") for t in pair)))


def test_a_season_of_weekday_sessions_on_weekdays_of_other_hours_is_counted_and_named_so():
    """t35t3 2 (decision 1787): season 24 on a call centre's weekdays of 24 bars and Saturdays of 8 reads Friday 08:00
    for Saturday 09:00 (and Friday 12:00 for Monday 08:00): counted, and named as a weekday of shorter hours, not a
    half day."""
    from test_sessions import _centre

    panel = load_panel(_frame(_centre()), target="price", announce=False)
    starts, series = _every(panel, 30, 4)
    found = across(panel, starts, series, 30, 4, 24)
    assert found["first"] == {"time": "2024-01-13 09:00", "reads": "2024-01-12 08:00"}
    assert "a weekday of shorter hours or a half day between" in found["text"]
    assert across(panel, starts, series, 30, 4, 128) is None  # whole weeks: the same bar a week before

def test_daily_instants_on_a_zones_clock_are_no_hours_shifted_by_its_changes():
    """Daily values stamped 23:00Z read with tz Europe/Berlin keep '24h' steps; season 7 was warned of as "counted in
    24-hour steps ... read another time of day" across each clock change, though every row is the same instant of its
    day: its 7 steps are a week of days (decision 1813), as 'D''s are; hours on the same clock still are."""
    from pandas.tseries.frequencies import to_offset

    from rnncast.shiftedwindows import kind
    from rnncast.timecalendar import Calendar
    assert kind(Calendar("datetime", to_offset("24h"), "Europe/Berlin"), 7) is None
    assert kind(Calendar("datetime", to_offset("h"), "Europe/Berlin"), 168) == "zone"


def test_the_clock_change_named_is_the_one_of_the_windows_scored():
    """t37t2 6: a backtest over the spring change named the autumn one, months before its windows; the example is the
    change at or after the first step scored, else the rows' last (fit's scored splits end them) (decision 1969)."""
    _, panel = _hourly("2024-10-01", "2025-04-10")  # 2024-10-27 back, 2025-03-30 forward
    spring, autumn = "(for 2025-03-30 03:00, 2025-03-29 02:00's, not 03:00's)", "(for 2024-10-27 02:00+01:00"
    assert spring in zoned(panel.calendar, panel.time, 24) and "changes 2 times" in zoned(panel.calendar, panel.time, 24)
    assert autumn in zoned(panel.calendar, panel.time, 24, pd.Timestamp("2024-10-20 12:00", tz="Europe/Berlin"))
    assert autumn in zoned(panel.calendar, panel.time, 24, pd.Timestamp("2024-10-28 01:00", tz="Europe/Berlin"))
    assert spring in zoned(panel.calendar, panel.time, 24, pd.Timestamp("2024-10-28 03:00", tz="Europe/Berlin"))
    assert spring in zoned(panel.calendar, panel.time, 24, pd.Timestamp("2025-04-05", tz="UTC"))  # after both: the last

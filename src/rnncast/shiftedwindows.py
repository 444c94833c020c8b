"""The scored windows whose seasonal naive forecast reads a row at another time of day: counted and said.

The seasonal naive baseline (``baselines.seasonal_naive``) and MASE's scale compare a bar with the bar ``season``
rows earlier. On a trading session's bars a season of whole sessions (78 on NYSE's 5-minute bars) is the same bar of
an earlier session only where no half day lies between: after NYSE's 2024-12-24 (42 bars), 2024-12-26 09:30 reads
2024-12-23 13:00. Decision 1615 warns of it at fit; ``across`` finds the windows of a part or of a backtest that hold
such a step, for what was scored (evaluate's ``scored``, a run's metrics.json) and a backtest's metrics.json, so
that the seasonal naive scores resting on them are read as such (decision 1682). The baseline itself is left
counted in rows: aligning it by session (the same time of the session on the session day before) would have to
align MASE's scale, the baselines' intervals and the window norms alike.

A zoned clock that changes (daylight saving: ``tz="Europe/Berlin"``) does the same to hourly rows: a season of whole
days counted in rows is a day of 24 hours, so for the 168 hours after 2024-10-27's change season 168 forecasts 10:00
with the week before's 11:00 (decision 1716). ``across`` counts those windows too (one rule: the step's row and the
row it reads at other times of day, the clock's offset changed between), and ``zoned`` is fit's and backtest's
warning of them, as ``sessions.shifted_season`` is of half days (decision 1615).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import zoneclock
from rnncast.seasons import implied_season
from rnncast.spelling import counted


def kind(calendar, season: int | None) -> str | None:
    """How ``season`` (steps) of ``calendar`` is a whole number of days that a count of rows may read at another time
    of day: "session" (a trading session of which it is whole sessions: a half day between, decision 1682), "zone"
    (a step of hours or minutes on a zoned clock, ``calendar.tz``, of which it is whole days: a clock change between,
    decision 1716), else None."""
    if season is None or season <= 1 or calendar is None:
        return None
    if getattr(calendar, "session", None) is not None:
        return "session" if season % calendar.session.bars == 0 else None
    day = implied_season(calendar)
    if getattr(calendar, "tz", None) is None or day is None or not day.cycle.endswith(" in a day"):
        return None
    return "zone" if season % day.steps == 0 else None


def _offsets(time: pd.DatetimeIndex) -> np.ndarray:
    """[N] each time's offset from UTC in its own units (zeros for naive times): where it changes, the clock did."""
    if time.tz is None:
        return np.zeros(len(time), dtype=np.int64)
    return np.asarray(zoneclock.wall(time).asi8) - np.asarray(time.tz_convert(None).asi8)


def across(panel, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int, season: int | None,
           scored: bool = True) -> dict | None:
    """The windows at stacked rows ``starts`` [W] (their inputs' first rows) of series ``series`` [W] whose
    seasonal naive forecast (step ``h`` of target row ``t + h - 1`` reads row ``t + h - 1 - season * ceil(h /
    season)``) reads, for some step, a row at another time of day than the step's own, on series whose calendar (a
    series' own, ``panel.calendars``, else ``panel.calendar``) is of ``kind``: a trading session of which ``season``
    is a whole number of sessions, or a zoned clock of hours or minutes of which it is whole days (there, only where
    the clock's offset changed between the two rows): ``{"windows", "of", "steps", "series" (how many), "first":
    {"time", "reads"} (the first such step and the row it reads, wall times ``YYYY-MM-DD HH:MM``), "text" (the
    clause of what was scored)}``; None where there is none (no session or zone, no half day or clock change
    between, a season of no whole sessions or days, no timestamps).
    ``scored`` False (``predict_windows``): none is said, as no baseline is scored."""
    if not scored or season is None or season <= 1 or not len(starts) or \
            not isinstance(getattr(panel, "time", None), pd.DatetimeIndex):
        return None
    series = np.asarray(series, dtype=np.int64)
    own = {s: kind(panel.calendars.get(s, panel.calendar), season) for s in np.unique(series).tolist()}
    if not any(own.values()):
        return None
    keep = np.isin(series, [s for s, k in own.items() if k])  # [W] the windows of series on a session or a zone
    zoned = np.isin(series, [s for s, k in own.items() if k == "zone"])  # [W] those whose clock's offset counts
    wall = zoneclock.wall(panel.time)
    moved = _offsets(panel.time)  # [N] each row's offset: a zone's clock change between two rows
    clock = np.asarray((wall - wall.normalize()).asi8)  # [N] each row's time of day: its time in its session
    h = np.arange(1, horizon + 1)  # [H]
    rows = np.asarray(starts, dtype=np.int64)[:, None] + lookback + h[None, :] - 1  # [W, H] stacked rows forecast
    back = rows - season * -(-h[None, :] // season)  # [W, H] the rows they read
    ends = np.asarray(panel.offsets, dtype=np.int64)
    inside = keep[:, None] & (rows < ends[series + 1][:, None]) & (back >= ends[series][:, None])
    at, then = np.minimum(rows, len(clock) - 1), np.maximum(back, 0)
    off = inside & (clock[at] != clock[then]) & (~zoned[:, None] | (moved[at] != moved[then]))  # [W, H]
    hit = off.any(axis=1)
    if not hit.any():
        return None
    w, k = np.argwhere(off)[0]
    first = {"time": f"{wall[rows[w, k]]:%Y-%m-%d %H:%M}", "reads": f"{wall[back[w, k]]:%Y-%m-%d %H:%M}"}
    n, steps, named = int(hit.sum()), int(off.sum()), int(len(np.unique(series[hit])))
    what = ("a row at another time of day on the local clock, a clock change between", "rows", "time of day") \
        if zoned[w] else ("a bar at another time of its session, a half day between", "bars", "bar of an earlier session")
    text = (f"the seasonal naive forecast of {n} of the {counted(len(starts), 'window')} ({counted(steps, 'step')}"
            f"{f', in {named} series' if named > 1 else ''}) reads {what[0]} (for {first['time']}, "
            f"{first['reads']}'s): season {season} is counted in {what[1]}, so those windows' seasonal naive scores, "
            f"and the model's comparison with them, are not of the same {what[2]}")
    return {"windows": n, "of": len(starts), "steps": steps, "series": named, "first": first, "text": text}


def zoned(calendar, times, season: int | None) -> str | None:
    """Fit's and backtest's warning where ``season`` (steps) is whole days of ``calendar``'s hours or minutes on a
    zoned clock (``kind`` "zone") and the clock changes within ``times`` (the rows' DatetimeIndex [N], stacked
    series alike): counted in rows, the seasonal naive forecast and MASE's scale of the ``season`` rows after each
    change read another time of day (decision 1716); None otherwise."""
    if kind(calendar, season) != "zone" or not isinstance(times, pd.DatetimeIndex) or times.tz is None:
        return None
    grid = pd.date_range(times.min(), times.max(), freq=calendar.freq)  # [G] the steps, counted in elapsed time
    moved = _offsets(grid)
    changes = np.flatnonzero(moved[1:] != moved[:-1]) + 1  # [C] the first row on each new offset
    off = np.flatnonzero(moved[season:] != moved[:-season])  # [K] rows (from season on) reading across a change
    if not len(off):
        return None
    now, back = zoneclock.wall(grid[season + off[0]]), zoneclock.wall(grid[off[0]])
    gap = pd.Timedelta(abs(int(moved[season + off[0]] - moved[off[0]])), unit=grid.unit).total_seconds()
    shift = "an hour" if gap == 3600 else f"{gap / 60:.0f} minutes"  # Lord Howe's half hour
    unit = implied_season(calendar).cycle.split(" in ")[0]  # "hours", "15-minute steps"
    often = "once" if len(changes) == 1 else f"{len(changes)} times"
    return (f"season {season} is counted in {unit}, but {calendar.tz}'s clock changes {often} in the rows "
            f"(daylight saving): for the {season} {unit} after each change the seasonal naive forecast and MASE's scale "
            f"read another time of day, {shift} before on the local clock after it goes forward and {shift} after "
            f"after it goes back (for {now:%Y-%m-%d %H:%M}, {back:%Y-%m-%d %H:%M}'s, not {now:%H:%M}'s), so that "
            "baseline, and the model's comparison with it, are off there")

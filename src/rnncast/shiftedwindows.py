"""The scored windows whose seasonal naive forecast reads a row at another time of day: counted and said.

The seasonal naive baseline (``baselines.seasonal_naive``) and MASE's scale compare a bar with the bar ``season``
rows earlier. On a trading session's bars a season of whole sessions (78 on NYSE's 5-minute bars) is the same bar of
an earlier session only where no half day lies between: after NYSE's 2024-12-24 (42 bars), 2024-12-26 09:30 reads
2024-12-23 13:00. A bar missing from the data (a halted market's, a dropped row) shifts it the same way, so
the clause names a half day only where the calendar's own bars made the shift, else "a shorter session or a missing
bar" (decision 1739). Decision 1615 warns of it at fit; ``across`` finds the windows of a part or of a backtest that hold
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

from types import SimpleNamespace

import numpy as np
import pandas as pd

from rnncast import sessions, zoneclock
from rnncast.seasons import implied_season
from rnncast.sessiondays import clock_in
from rnncast.spelling import counted
from rnncast.timetext import shown_alike

STAMP = "%Y-%m-%d %H:%M"  # a named time's form; its UTC offset added where the hour repeats (decision 1773)


MIDNIGHT = SimpleNamespace(first=pd.Timedelta(0))  # a zoned clock's day, as a session opened at midnight: clock_in's


def kind(calendar, season: int | None) -> str | None:
    """How ``season`` (steps) of ``calendar`` is a whole number of days that a count of rows may read at another time
    of day: "session" (a trading session of which it is whole sessions: a half day or a missing bar between, decision 1682), "zone"
    (a step of hours or minutes on a zoned clock, ``calendar.tz``, of which it is whole days: a clock change between,
    decision 1716), else None."""
    if season is None or season <= 1 or calendar is None:
        return None
    if getattr(calendar, "session", None) is not None:
        return "session" if sessions.whole(calendar.session, season) else None
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
    {"time", "reads"} (the first such step and the row it reads, wall times ``YYYY-MM-DD HH:MM``, both with their
    UTC offset where one is in the hour a zoned clock repeats: decision 1773), "text" (the
    clause of what was scored)}``; None where there is none (no session or zone, no half day or clock change
    between, a season of no whole sessions or days, no timestamps).
    ``scored`` False (``predict_windows``): none is said, as no baseline is scored.
    Counted per row, not per step of each window: whether step ``h`` reads another time of day depends only on its
    row and ``k = ceil(h / season)``, so for each ``k`` the rows that do are found once [N] and each window's steps
    of that ``k`` are a slice of their running count: O(K * (N + W)) time and memory, not W * H (decision 1738)."""
    if not scored or season is None or season <= 1 or not len(starts) or \
            not isinstance(getattr(panel, "time", None), pd.DatetimeIndex):
        return None
    series = np.asarray(series, dtype=np.int64)
    own = {s: kind(panel.calendars.get(s, panel.calendar), season) for s in np.unique(series).tolist()}
    if not any(own.values()):
        return None
    wall = zoneclock.wall(panel.time)
    ends = np.asarray(panel.offsets, dtype=np.int64)
    reads = _reader(panel, wall, own, ends)
    t0 = np.asarray(starts, dtype=np.int64) + lookback  # [W] each window's first target row
    end = ends[series + 1]  # [W] the row after its series' last
    every = np.arange(len(wall))  # [N]
    hits = np.zeros(len(t0), dtype=np.int64)  # [W] the steps of each window that read another time of day
    counted_rows, lags = [], []  # the rows of such steps of some window, and how far back each reads
    for k in range(1, -(-horizon // season) + 1):  # steps (k - 1) * season < h <= k * season read k seasons back
        off = reads(every, every - k * season)  # [N]
        ran = np.concatenate([[0], np.cumsum(off)])  # [N + 1]
        lo, hi = np.minimum(t0 + (k - 1) * season, end), np.minimum(t0 + min(k * season, horizon), end)  # [W]
        hits += ran[hi] - ran[lo]
        inside = np.cumsum(np.bincount(lo, minlength=len(wall) + 1) - np.bincount(hi, minlength=len(wall) + 1))
        counted_rows.append(np.flatnonzero(off & (inside[:-1] > 0)))  # in some window's slice of this k
        lags.append(np.full(len(counted_rows[-1]), k * season))
    hit = hits > 0
    if not hit.any():
        return None
    w = int(np.argmax(hit))
    h = np.arange(1, horizon + 1)  # [H] the first window's steps, its first such step found among them
    rows = t0[w] + h - 1
    back = rows - season * -(-h // season)
    at = int(np.argmax(reads(np.minimum(rows, len(wall) - 1), back) & (rows < end[w])))
    first = dict(zip(("time", "reads"), _named(panel.time[rows[at]], panel.time[back[at]])))
    n, steps, named = int(hit.sum()), int(hits.sum()), int(len(np.unique(series[hit])))
    if own[int(series[w])] == "zone":
        what = ("a row at another time of day on the local clock, a clock change between", "rows", "time of day")
    else:  # a half day named only where the calendar's own bars made it (decision 1739)
        why = _cause(panel, wall, own, ends, np.concatenate(counted_rows), np.concatenate(lags))
        what = (f"a bar at another time of its session, {why} between", "bars", "bar of an earlier session")
    text = (f"the seasonal naive forecast of {n} of the {counted(len(starts), 'window')} ({counted(steps, 'step')}"
            f"{f', in {named} series' if named > 1 else ''}) reads {what[0]} (for {first['time']}, "
            f"{first['reads']}'s): season {season} is counted in {what[1]}, so those windows' seasonal naive scores, "
            f"and the model's comparison with them, are not of the same {what[2]}")
    return {"windows": n, "of": len(starts), "steps": steps, "series": named, "first": first, "text": text}


def _cause(panel, wall: pd.DatetimeIndex, own: dict, ends: np.ndarray, rows: np.ndarray, lags: np.ndarray) -> str:
    """Why the counted steps at stacked ``rows`` [M], reading ``lags`` [M] rows back, read another bar of the session:
    "a half day" where, on every series of kind "session" among them, the rows between hold each bar of the calendar
    (``sessions.grid``), so that a shorter session of the calendar made it; else "a shorter session or a missing bar"
    (a halted market's or a dropped row's: data, not the calendar, decision 1739). One grid per session among them,
    over its series' rows together (500 symbols on NYSE: one grid, not 500)."""
    owner = np.searchsorted(ends, rows, side="right") - 1  # [M] each row's series
    shared: dict = {}  # {session: [its series]}
    for s in np.unique(owner).tolist():
        if own.get(s) == "session":
            shared.setdefault(panel.calendars.get(s, panel.calendar).session, []).append(s)
    for session, ids in shared.items():
        mine = np.isin(owner, ids)
        now, then = wall[rows[mine]], wall[rows[mine] - lags[mine]]
        bars = sessions.grid(session, then.min(), now.max())
        at, back = bars.get_indexer(now), bars.get_indexer(then)  # -1: a row at no bar of the calendar
        if ((at < 0) | (back < 0) | (at - back != lags[mine])).any():
            return "a shorter session or a missing bar"
    if any(session.hours is not None for session in shared):  # a Saturday's 8 bars among 24 (decision 1786)
        return "a weekday of shorter hours or a half day"
    return "a half day"


def _reader(panel, wall: pd.DatetimeIndex, own: dict, ends: np.ndarray):
    """A function of stacked rows [M] and the rows they read [M] (below 0 or before their series' first row: none):
    [M] whether each reads another time of day on a series of ``own``'s kinds ({series: kind or None}): its time in
    its session (``sessiondays.clock_in``; a zoned clock's day is a session opened at midnight) differs, and, on a
    zone, the clock's UTC offset changed between."""
    rows = np.repeat(np.arange(len(ends) - 1), np.diff(ends))  # [N] each row's series
    opened = ends[rows]  # [N] its series' first row
    kept = np.isin(rows, [s for s, k in own.items() if k])  # [N] the rows of series on a session or a zone
    zoned = np.isin(rows, [s for s, k in own.items() if k == "zone"])  # [N] those whose clock's offset counts
    clock = np.zeros(len(wall), dtype=np.int64)  # [N] each row's time in its session or day, in ns
    firsts: dict = {}  # {the first bar's time of day: (a session opening then, [its series])}
    for s, k in own.items():
        if k:
            session = panel.calendars.get(s, panel.calendar).session if k == "session" else MIDNIGHT
            firsts.setdefault(session.first, (session, []))[1].append(s)
    for session, ids in firsts.values():
        mask = np.isin(rows, ids)
        clock[mask] = np.asarray(clock_in(wall[mask], session).asi8)
    moved = _offsets(panel.time)  # [N] each row's offset: a zone's clock change between two rows

    def reads(at: np.ndarray, back: np.ndarray) -> np.ndarray:
        then = np.maximum(back, 0)
        return kept[at] & (back >= opened[at]) & (clock[at] != clock[then]) & (~zoned[at] | (moved[at] != moved[then]))
    return reads


def zoned(calendar, times, season: int | None, near=None) -> str | None:
    """Fit's and backtest's warning where ``season`` (steps) is whole days of ``calendar``'s hours or minutes on a
    zoned clock (``kind`` "zone") and the clock changes within ``times`` (the rows' DatetimeIndex [N], stacked
    series alike): counted in rows, the seasonal naive forecast and MASE's scale of the ``season`` rows after each
    change read another time of day (decision 1716); None otherwise. Its example is the change whose shifted steps
    end at or after ``near`` (a Timestamp: a backtest's first scored step), the first such, else the last change in
    the rows (fit's scored splits are its last rows), so that it names the change of the windows scored, not one
    months before them (decision 1969)."""
    if kind(calendar, season) != "zone" or not isinstance(times, pd.DatetimeIndex) or times.tz is None:
        return None
    grid = pd.date_range(times.min(), times.max(), freq=calendar.freq)  # [G] the steps, counted in elapsed time
    moved = _offsets(grid)
    changes = np.flatnonzero(moved[1:] != moved[:-1]) + 1  # [C] the first row on each new offset
    off = np.flatnonzero(moved[season:] != moved[:-season])  # [K] rows (from season on) reading across a change
    if not len(off):
        return None
    first = _example(grid, season, off, near)
    now, back = grid[season + first], grid[first]
    gap = pd.Timedelta(abs(int(moved[season + first] - moved[first])), unit=grid.unit).total_seconds()
    shift = "an hour" if gap == 3600 else f"{gap / 60:.0f} minutes"  # Lord Howe's half hour
    unit = implied_season(calendar).cycle.split(" in ")[0]  # "hours", "15-minute steps"
    often = "once" if len(changes) == 1 else f"{len(changes)} times"
    return (f"season {season} is counted in {unit}, but {calendar.tz}'s clock changes {often} in the rows "
            f"(daylight saving): for the {season} {unit} after each change the seasonal naive forecast and MASE's scale "
            f"read another time of day, {shift} before on the local clock after it goes forward and {shift} after "
            f"after it goes back (for {', '.join(_named(now, back))}'s, not {now:%H:%M}'s), so that "
            "baseline, and the model's comparison with it, are off there")


def _example(grid: pd.DatetimeIndex, season: int, off: np.ndarray, near) -> int:
    """The row of ``grid`` [G] read by the first shifted step after the change ``zoned`` names: of the runs of ``off``
    [K] (rows reading across a change, each run one change's), the first whose last shifted step (``season`` rows on)
    is at or after ``near``, else the last run."""
    starts = off[np.r_[True, np.diff(off) > 1]]  # [R] each change's first row read across it
    ends = off[np.r_[np.diff(off) > 1, True]]  # [R] its last
    if near is not None:
        after = np.flatnonzero(grid[season + ends] >= pd.Timestamp(near).tz_convert(grid.tz))
        if len(after):
            return int(starts[after[0]])
    return int(starts[-1])


def _named(now: pd.Timestamp, back: pd.Timestamp) -> list[str]:
    """A step's time and the row it reads, ``YYYY-MM-DD HH:MM`` on the wall clock, both with their UTC offset where
    either falls in the hour a zoned clock repeats (``2024-10-27 02:00+01:00``: one clock per line, decision 1773)."""
    return shown_alike([now, back], False, STAMP)

"""A trading session's time axis as finance charts draw it: one step per bar, nothing between sessions.

On a real time axis, bars of ``30min 09:30-15:30`` leave 18 of every 24 hours and every weekend empty: each
line runs straight across the nights (and a market's lunch break) and the trading hours are narrow bursts. A
session calendar (``sessions.Session``) is drawn instead at the bars' own positions (0, 1, 2 ... along the rows
drawn), labelled by ``BarTicks`` and ``BarLabels``: the dates at the first bar of each session while the view holds
``MIN_SESSIONS`` session starts or more (every second, third ... one where they are more than
``MAX_DATES``), else, zoomed into a day or two, round times of day (every 15 minutes, 30, an hour ... the
finest of ``ROUND_TIMES`` that keeps ``MAX_TIMES`` ticks or fewer in view: 1-minute bars are ticked at 10:00, not at
every 96th bar's 10:36; a part off the step's grid, hourly bars from 12:30, on its own: 12:30, 13:30) and each
session's first bar, a round time crowding a session's first left out, with the date under each session's first
(and under the view's first tick, which then stands two ticks' spacing from a session's first at least: decision
1644). Both read the view's limits, so a figure zoomed in a notebook is labelled for what it shows.

Other calendars keep the real axis (business days included: decision 165).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import Formatter, Locator

from rnncast import zoneclock
from rnncast.sessions import Session

MIN_SESSIONS = 3  # fewer session starts in view: times of day are labelled
MAX_DATES = 10  # the most session starts labelled; more are thinned to every k-th
MAX_TIMES = 8  # the most times of day labelled within a day or two
ROUND_TIMES = tuple(pd.Timedelta(t) for t in ("1s", "2s", "5s", "10s", "15s", "30s", "1min", "2min", "5min", "10min",
                                              "15min", "30min", "1h", "2h", "3h", "4h", "6h", "12h"))  # between ticks


def session_of(calendar) -> Session | None:
    """The session a panel's calendar (``timecalendar.Calendar``) runs on, or None for any other calendar."""
    return getattr(calendar, "session", None)


def positions(times, points) -> np.ndarray:
    """Where ``points`` (timestamps among ``times``, the curve drawn) stand on the bar axis of ``times``: their
    positions in it as floats, NaN (not drawn) for a point ``times`` does not hold."""
    where = pd.DatetimeIndex(times).get_indexer(pd.DatetimeIndex(points))
    return np.where(where >= 0, where, np.nan)


def label(ax, times, session: Session) -> None:
    """Ticks on ``ax``'s x axis, drawn at the positions of ``times`` [N] (the bars of one curve, in order), for
    bars of ``session``: session starts with their dates, or times of day when the view holds few starts."""
    ticks = BarTicks(times, session)
    ax.xaxis.set_major_locator(ticks)
    ax.xaxis.set_major_formatter(BarLabels(ticks))
    ax.set_xlim(-0.5, len(ticks.wall) - 0.5)  # no margin of empty bars beyond the data


class BarTicks(Locator):
    """Tick positions on a bar axis: the first bar of each session in view (thinned to ``MAX_DATES``), or,
    with fewer than ``MIN_SESSIONS`` starts in view, the bars at round times of day and each session's first."""

    def __init__(self, times, session: Session):
        times = pd.DatetimeIndex(times)
        self.wall = zoneclock.wall(times)  # sessions run on the wall clock
        opened = self.wall - session.first
        day = opened.normalize()  # the day each bar's session opened on (a session across midnight: the day before)
        since = np.asarray((opened - day).as_unit("ns").asi8)  # [N] ns after its session's first bar
        after = np.array([t.value for t in session.after], dtype=np.int64)
        self.bar = np.searchsorted(after, since)  # [N] the bar of its session (a break: no bars)
        self.starts = np.flatnonzero(np.r_[len(day) > 0 and self.bar[0] == 0, day[1:] != day[:-1]])
        clock = np.asarray((self.wall - self.wall.normalize()).as_unit("ns").asi8)  # [N] ns after midnight
        self.clock = clock - clock % session.step.value  # on the step's grid: an hour's bars from 12:30 count as 12:00
        self.step = session.step

    def in_view(self) -> tuple[int, int]:
        """The first and last position in the axis' view, clipped to the bars drawn."""
        low, high = sorted(self.axis.get_view_interval()) if self.axis is not None else (0, len(self.wall) - 1)
        return max(int(np.ceil(low)), 0), min(int(np.floor(high)), len(self.wall) - 1)

    def dates_shown(self, first: int, last: int) -> bool:
        """Whether the view from ``first`` to ``last`` is labelled by dates (enough session starts in it)."""
        return int(((self.starts >= first) & (self.starts <= last)).sum()) >= MIN_SESSIONS

    def __call__(self):
        return self.tick_values(*self.in_view())

    def tick_values(self, vmin, vmax):
        first, last = max(int(np.ceil(vmin)), 0), min(int(np.floor(vmax)), len(self.wall) - 1)
        if last < first:
            return np.array([])
        starts = self.starts[(self.starts >= first) & (self.starts <= last)]
        if self.dates_shown(first, last):
            return starts[:: -(-len(starts) // MAX_DATES)].astype(float)
        bars = np.arange(first, last + 1)
        later = np.searchsorted(self.starts, bars)  # [bars] the first session start at or after each bar
        after = np.append(self.starts, np.inf)[later] - bars
        before = bars - np.append(-np.inf, self.starts)[later]
        near = np.minimum(after, before)  # [bars] bars to the nearest session start
        ticks = starts
        for every in ROUND_TIMES:
            if every < self.step:
                continue
            # a round time less than a tick's spacing from a session's first would crowd it
            times = bars[(self.clock[bars] % every.value == 0) & (near >= max(every // self.step, 1))]
            if len(times) and len(starts) and times[0] < starts[0] <= times[0] + 2 * max(every // self.step, 1) - 1:
                times = times[1:]  # the view's first tick is dated too: a date's width from the next (decision 1644)
            ticks = np.union1d(times, starts)
            if len(ticks) <= MAX_TIMES:
                break
        return ticks.astype(float)


class BarLabels(Formatter):
    """The text of ``BarTicks``' ticks: ``Feb 15`` at a session start (the year under the first and under a new
    year's first), or, zoomed in, ``10:30``, with the date (``2024-02-15``) under a session's first bar and under
    the first tick."""

    def __init__(self, ticks: BarTicks):
        self.ticks = ticks

    def format_ticks(self, values):
        return [self.text(values, k) for k in range(len(values))]

    def __call__(self, x, pos=None):
        return self.text([x], 0)

    def text(self, values, k: int) -> str:
        """The label of tick ``k`` of ``values`` (the ticks in order: the one before tells whether the year or
        the date is new)."""
        wall, x = self.ticks.wall, values[k]
        i = int(round(x))
        if not 0 <= i < len(wall) or abs(x - i) > 1e-6:
            return ""
        t = wall[i]
        before = int(round(values[k - 1])) if k else -1
        earlier = wall[before] if 0 <= before < len(wall) else None
        if self.ticks.dates_shown(*self.ticks.in_view()):
            year = earlier is None or earlier.year != t.year
            return f"{t:%b} {t.day}" + (f"\n{t.year}" if year else "")
        dated = earlier is None or i in self.ticks.starts
        return f"{t:%H:%M}" + (f"\n{t:%Y-%m-%d}" if dated else "")

    def format_data(self, value):  # the cursor's readout in an interactive window
        i = int(round(value))
        return f"{self.ticks.wall[i]}" if 0 <= i < len(self.ticks.wall) else ""

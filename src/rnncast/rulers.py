"""Where each row of a panel stands on a calendar: its steps from its series' first row, the rows the
calendar has that the data lacks, and the times of any positions (a ruler).

``Ruler`` places stacked timestamps [N] (or integers, or periods) of series cut at ``offsets`` [S + 1] on
one calendar: a fixed step (hours, minutes, an integer step) by arithmetic in the index's own unit (s, ms,
us or ns), any other pandas offset or a trading session (``sessions.grid``) by the calendar's own dates.
``Combined`` joins the rulers of series that keep calendars of their own (``calendars.settle``) over the
panel's. ``calendars`` chooses the calendar; this module only measures against it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import sessions, zonedays
from rnncast.offsetguess import inside


class Ruler:
    """Each row's position on a calendar, in steps from its series' first row (``steps`` [N] int64,
    computed when asked: a calendar without gaps never needs them)."""

    def __init__(self, steps, stamps, missing: int = 0, off: np.ndarray | None = None):
        self._steps = steps  # [N] int64, or a function that computes them
        self.stamps = stamps  # (series [K], positions [K]) -> time values [K]
        self.off = off  # [N] bool: every row off the calendar, where one is; else None
        self.bad = None if off is None else int(np.flatnonzero(off)[0])  # the first row off the calendar
        self.missing = missing  # rows the calendar has within a series' span that the data lacks

    @property
    def steps(self) -> np.ndarray:
        if callable(self._steps):
            self._steps = self._steps()
        return self._steps

    @classmethod
    def fixed(cls, values: np.ndarray, offsets: np.ndarray, step: int, make) -> "Ruler":
        """Integers [N] (integer periods, or timestamps in their index's unit) every ``step`` of them;
        ``make(values [K])`` turns positions back into time values. ``bad``: the first row off the step."""
        first = values[offsets[:-1]]  # [S]
        stamps = lambda s, k: make(first[s] + k * step)  # noqa: E731
        regular = (np.diff(values) == step) if len(values) > 1 else np.ones(0, dtype=bool)
        if len(values) > 1 and (regular.all() if len(offsets) == 2 else np.all(regular | ~inside(offsets, len(values)))):
            lengths = np.diff(offsets)  # every row one step after the last: no gaps
            return cls(lambda: np.arange(len(values)) - np.repeat(offsets[:-1], lengths), stamps)
        rel = values - np.repeat(first, np.diff(offsets))
        off = np.flatnonzero(rel % step)
        if len(off):
            return cls(None, None, off=(rel % step) != 0)
        steps = rel // step
        return cls(steps, stamps, _missing(steps, offsets))

    @classmethod
    def periods(cls, time: pd.PeriodIndex, offsets: np.ndarray) -> "Ruler":
        """Periods [N] on their own frequency: each one step after its ordinal's neighbour."""
        ordinals = time.asi8
        first = ordinals[offsets[:-1]]
        steps = ordinals - np.repeat(first, np.diff(offsets))
        stamps = lambda s, k: pd.PeriodIndex.from_ordinals(first[s] + k, freq=time.freq).rename(time.name)  # noqa: E731
        return cls(steps, stamps, _missing(steps, offsets))

    @classmethod
    def of(cls, time: pd.DatetimeIndex, offsets: np.ndarray, offset) -> "Ruler | None":
        """Absolute time for steps under a day on tz-aware data, local wall time otherwise."""
        unit, tz, name = time.unit, time.tz, time.name  # integers in the index's own unit (s, ms, us or ns)
        try:
            fixed = None if isinstance(offset, sessions.Session) else pd.Timedelta(offset)
        except (ValueError, TypeError):
            fixed = None
        if fixed is not None:
            if fixed < pd.Timedelta(1, unit=unit) or fixed.as_unit(unit) != fixed:
                return None  # finer than the timestamps can hold
            step = int(fixed // pd.Timedelta(1, unit=unit))  # in the index's unit
        as_time = lambda v: pd.DatetimeIndex(np.asarray(v, dtype=np.int64).view(f"M8[{unit}]"))  # noqa: E731
        if fixed is not None and tz is not None and isinstance(offset, pd.offsets.Tick):  # 24h is 24 hours
            make = lambda v: as_time(v).tz_localize("UTC").tz_convert(tz).rename(name)  # noqa: E731  instants
            return cls.fixed(time.asi8, offsets, step, make)
        session = isinstance(offset, sessions.Session)
        wall = time if tz is None else time.tz_localize(None) if session else zonedays.day_walls(time)
        values = wall.asi8
        local = (lambda v: (as_time(v).tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward") if session else
                            zonedays.day_instants(as_time(v), tz)).rename(name)  # a day's instant: its first
                 if tz is not None else as_time(v).rename(name))
        if fixed is not None:
            return cls.fixed(values, offsets, step, local)
        first, last = wall.min(), wall.max()
        typical = np.median(np.diff(values[:100_001])) if len(values) > 1 else 1
        if typical > 0 and (last - first) / pd.Timedelta(int(typical), unit=unit) > 50_000_000:
            return None  # a calendar this long is not what these timestamps follow
        if isinstance(offset, sessions.Session):  # bars of trading sessions: no pandas offset walks them
            grid = sessions.grid(offset, first, last).as_unit(unit).asi8  # [G]
        else:
            start = first if offset.is_on_offset(first) else offset.rollback(first)
            grid = pd.date_range(start, last, freq=offset).as_unit(unit).asi8  # [G]
        pos = np.searchsorted(grid, values)
        on = (pos < len(grid)) & (grid[np.minimum(pos, len(grid) - 1)] == values)
        if not on.all():
            return cls(None, None, off=~on)
        base = pos[offsets[:-1]]
        steps = pos - np.repeat(base, np.diff(offsets))
        return cls(steps, lambda s, k: local(grid[base[s] + k]), _missing(steps, offsets))


def _missing(steps: np.ndarray, offsets: np.ndarray) -> int:
    last = steps[offsets[1:] - 1]  # position of each series' last row = its rows on the calendar - 1
    return int((last + 1).sum() - len(steps))


class Combined:
    """Rulers of series with their own calendars, over the panel's ruler for the others."""

    def __init__(self, offsets: np.ndarray, panel_ruler, own: dict):
        self.offsets, self.panel_ruler, self.own = offsets, panel_ruler, own
        lengths = np.diff(offsets)
        base = panel_ruler.steps if panel_ruler is not None else np.zeros(offsets[-1], dtype=np.int64)
        self.steps = base.copy()
        for s, ruler in own.items():
            self.steps[offsets[s] : offsets[s + 1]] = ruler.steps
        self.missing = int((self.steps[offsets[1:] - 1] + 1 - lengths).sum())
        self.bad = None

    def stamps(self, series: np.ndarray, k: np.ndarray):
        """The time values [K] of positions ``k`` [K] of series ``series`` [K], each on its series' ruler."""
        series, k = np.asarray(series), np.asarray(k)
        parts, order = [], []
        for s in np.unique(series):
            at = np.flatnonzero(series == s)
            ruler = self.own.get(int(s))
            parts.append(ruler.stamps(np.zeros(len(at), dtype=np.int64), k[at]) if ruler is not None
                         else self.panel_ruler.stamps(series[at], k[at]))
            order.append(at)
        joined = parts[0].append(parts[1:]) if len(parts) > 1 else parts[0]
        return joined[np.argsort(np.concatenate(order), kind="stable")]

"""Timestamps a few seconds off a regular grid (a sensor's clock, a logger's delay): the grid they lie near and the
rounding that puts them on it, for the messages that find no calendar: fit's warning that the timestamps follow no
regular calendar, the refusal of a timestamp off a given freq, and predict's refusal of a model fitted without a
calendar; and ``points``, the rounding ``gridtimes`` reads such data with. The messages tell the user how to round (a
pandas line), or that rounding would give two rows one timestamp.

The grid: a step a whole number of days, hours, minutes, seconds or milliseconds (the coarsest unit that the median
step rounds to and that every timestamp keeps), its points where the timestamps lie (``phase``: on the clock, as
pandas' ``round`` counts from midnight, or off it by a whole number of a unit, hourly readings at half past), and
every timestamp within a tenth of that step (``SHARE``) of its points, so that the pandas line advised puts them on it.
The messages advise that line as far as a quarter of a step (``ADVISED``) where rounding gives no two rows one
timestamp: t31t1's ±2 s jitter on 10-second data was told only to "remove that row" (1 of 811 named), where the
README's rounding line fixes it (decision 1500). Only the advice widens: rows are read on a grid by a tenth.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import fiscalweeks, numbertimes, retailyears, zoneclock
from rnncast.offsetguess import inside
from rnncast.timetext import shown, writes_instants

UNITS = ("D", "h", "min", "s", "ms")  # the grids tried, coarsest first: a step a whole number of one of them
SHARE = 10  # every timestamp within a tenth of the step of the grid
ADVISED = 4  # the rounding line advised (not done) where every timestamp lies within a quarter of a step


class Grid(NamedTuple):
    alias: str  # the step as pandas names it: '10min', 'h', 'D'
    words: str  # the step in words: '10-minute'
    off: pd.Timedelta  # the farthest any timestamp lies from the grid
    origin: pd.Timedelta  # where its points lie past the clock's (``phase``): 0, or 30 minutes for hourly at half past
    clash: tuple[int, int] | None  # two rows of one series that rounding would give one timestamp, else None


def near(time: pd.Index, offsets: np.ndarray, share: int = SHARE) -> Grid | None:
    """The regular grid the stacked, sorted timestamps [N] of series cut at ``offsets`` [S + 1] lie near (every one
    within a ``share``-th of a step, some off it), or None: timestamps on a grid already, far off any, or not
    timestamps."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3 or time.hasnans or not in_ns(time):
        return None  # dates before 1677 or after 2262: no jitter of seconds to look for in centuries' dates
    wall = _instants(time).as_unit("ns")  # a zone's times as UTC instants: a daylight-saving change is no gap
    steps = np.diff(wall.asi8)[inside(offsets, len(time))]
    if not len(steps) or (steps <= 0).any():
        return None
    typical = float(np.median(steps))
    for unit in UNITS:
        size = pd.Timedelta(1, unit=unit).value
        count = round(typical / size)
        if count < 1:
            continue
        offset = to_offset(f"{count}D") if unit == "D" else to_offset(pd.Timedelta(count * size))  # 'D', not '24h'
        origin = phase(wall, offset, share)
        rounded = points(wall, offset, origin).asi8
        off = np.abs(wall.asi8 - rounded)
        if off.max() * share > count * size:
            continue
        if not off.any():
            return None  # on the grid already: something else keeps them off a calendar
        same = np.flatnonzero((np.diff(rounded) == 0) & inside(offsets, len(time)))
        clash = (int(same[0]), int(same[0]) + 1) if len(same) else None
        return Grid(offset.freqstr, named(offset), pd.Timedelta(int(off.max()), unit="ns"), origin, clash)
    return None


def phase(time: pd.DatetimeIndex, offset, share: int = SHARE) -> pd.Timedelta:
    """Where the points of the grid of step ``offset`` that ``time`` [N] lies near fall past the clock's (pandas'
    ``round`` counts from midnight): 0 where every timestamp lies within a tenth of a step of the clock's points
    (readings at 00:05:02, 00:09:59), else, where every one lies so near points of their own, theirs (30 minutes for
    hourly readings at 00:30:02, 01:29:58): the median of each timestamp's place off the first's, rounded to the
    coarsest of hours, minutes, seconds and milliseconds under a tenth of the step that moves it no farther than the
    rows lie from it (a logger's jitter is not the grid's; daily closes all at 17:30 keep 17:30, not the hour's
    18:00); 0 where none holds them (the rows far from the clock's grid are then named)."""
    step = pd.Timedelta(to_offset(offset)).value
    wall = _instants(time).as_unit("ns").asi8
    places = wall % step
    apart = (places - places[0] + step // 2) % step - step // 2  # each place off the first's, nearest way round
    middle = int(places[0]) + int(np.median(apart))
    spread = int(np.abs(apart - int(np.median(apart))).max())  # the jitter about it: 0 where every row keeps one place
    sizes = [pd.Timedelta(1, unit=u).value for u in UNITS[1:] if pd.Timedelta(1, unit=u).value * share < step] + [1]
    size = next(s for s in sizes if abs(round(middle / s) * s - middle) <= spread)  # a close at 17:30 is not 18:00's
    origin = round(middle / size) * size % step
    for candidate in (0, origin):
        off = (places - candidate) % step
        if (np.minimum(off, step - off).max() * share <= step):
            return pd.Timedelta(int(candidate), unit="ns")
    return pd.Timedelta(0)


def points(time: pd.DatetimeIndex, offset, origin: pd.Timedelta | None = None) -> pd.DatetimeIndex:
    """``time`` rounded to the nearest points of the grid of step ``offset`` that lie ``origin`` past the clock's
    (``phase`` of ``time`` where None): pandas' ``round``, moved by the origin and back."""
    origin = phase(time, offset) if origin is None else origin
    instants = _instants(time)  # a zone's times rounded as UTC instants: its wall clock skips and repeats an hour
    rounded = instants.round(offset) if not origin else (instants - origin).round(offset) + origin
    return rounded.tz_localize("UTC").tz_convert(time.tz) if time.tz is not None else rounded


def in_ns(time: pd.DatetimeIndex) -> bool:
    """Whether every timestamp of ``time`` fits pandas' nanoseconds (1677-09-21 to 2262-04-11): dates read at a
    coarser unit (pandas' 's' for 1550-01-01) do not, and grids of nanoseconds are not theirs."""
    naive = _instants(time)  # a zone's as UTC instants: pandas' bounds are naive
    return not len(time) or (naive.min() >= pd.Timestamp.min and naive.max() <= pd.Timestamp.max)


def _instants(time: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """``time`` as naive UTC instants where it carries a zone (whose wall clock skips an hour in spring and repeats
    one in autumn, which pandas cannot round), else as it is."""
    return time.tz_convert("UTC").tz_localize(None) if time.tz is not None else time


def advice(time: pd.Index, offsets: np.ndarray, where=None, fmt: str | None = None) -> str | None:
    """What a message about timestamps that keep no calendar adds where they lie near a grid (``near``): its step
    and how far they lie from it, and a pandas line rounding the time column to it; or, where rounding would give
    two rows of a series one timestamp, those rows (``where(i)`` names row i, as the data writes it) and that it
    cannot. Timestamps that keep a pandas 52-53-week calendar are no jitter: that calendar (``retailyears``). None where they lie near no grid. ``fmt``: the column's written form (numbers of a unit: ``unix:s``)."""
    column = time.name if time.name is not None else "time"
    unit = numbertimes.unit_of(fmt)
    read = ("" if unit is None else f", unit='D', origin={str(numbertimes.EXCEL_ORIGIN.date())!r}" if unit == "excel"
            else f", unit={unit!r}")  # numbers of a unit read as pandas reads them
    if (clock := zoneclock.kept_clock(time[offsets[0] : offsets[1]])) is not None:  # a market's closes in UTC, half
        return zoneclock.kept_hint(clock, time, column, f"pd.to_datetime(df[{column!r}]{read}, utc=True)")  # days too
    if (retail := retailyears.advice(time, offsets)) is not None:  # 364 days, then 371: a calendar, no jitter
        return retail
    if (periods := fiscalweeks.period_ends(time, offsets)) is not None:  # 28, 28, 35 days: 4-4-5 periods, no
        return periods  # calendar at all, so no freq= to give (decision 1975)
    grid = near(time, offsets)
    if grid is None and (wide := near(time, offsets, ADVISED)) is not None and wide.clash is None:
        grid = wide  # ±2 s on 10 s: the line still puts each on its own point (decision 1500)
    if grid is None:
        return None
    found = f"the timestamps lie within {duration(grid.off)} of a {grid.words} grid (jitter)"
    if grid.clash is not None:
        rows = [f"{shown(time[i], time, fmt)}{f' ({where(i)})' if where is not None else ''}" for i in grid.clash]
        return (f"{found}, but rounded to it {rows[0]} and {rows[1]} would share one timestamp: keep one row per "
                f"{grid.words} step (or average each step's rows), then round them")
    return f"{found}; round them to it, e.g. with pandas: {rounding(time, grid.alias, grid.origin, fmt)}"


def rounding(time: pd.DatetimeIndex, alias: str, origin: pd.Timedelta, fmt: str | None = None) -> str:
    """The pandas line that rounds ``time``'s column (named as ``time``) to the grid of step ``alias`` whose points lie
    ``origin`` past the clock's, read as the column is written (``fmt``: numbers of a unit; a zone's times as
    instants): ``df['t'] = pd.to_datetime(df['t']).dt.round('10s')``."""
    column = time.name if time.name is not None else "time"
    unit = numbertimes.unit_of(fmt)
    read = ("" if unit is None else f", unit='D', origin={str(numbertimes.EXCEL_ORIGIN.date())!r}" if unit == "excel"
            else f", unit={unit!r}")  # numbers of a unit read as pandas reads them
    zoned = time.tz is not None and not (fmt is not None and numbertimes.unit_of(fmt) is None and not (
        writes_instants(fmt)))  # rounded as UTC instants, given back in the zone; naive text (tz=
    # localized it) as the wall times it writes: utc=True would read them as UTC's
    parsed = f"pd.to_datetime(df[{column!r}]{read}{', utc=True' if zoned else ''})"
    back = f".dt.tz_convert({str(time.tz)!r})" if zoned else ""
    if origin:  # points off the clock: round the time moved by the origin, and move it back
        by = f"pd.Timedelta({str(origin)!r})"
        moved = f"({parsed} - {by}).dt.round({alias!r}) + {by}"
        return f"df[{column!r}] = {f'({moved}){back}' if zoned else moved}"
    return f"df[{column!r}] = {parsed}.dt.round({alias!r}){back}"


def named(offset) -> str:
    """A grid's step in words, as a compound adjective: '5-minute', '1-hour', '250-millisecond'."""
    name = type(offset).__name__.lower()
    return f"{offset.n}-{name}{'second' if name == 'milli' else ''}"


def duration(value: pd.Timedelta) -> str:
    """A distance from the grid as a person reads it: 4 s, 0.25 s; a minute or more in its units, 48 min 32 s."""
    seconds = value.total_seconds()
    if seconds < 60:
        return f"{seconds:g} s"
    parts = value.round("s").components
    named = zip((parts.days, parts.hours, parts.minutes, parts.seconds), ("d", "h", "min", "s"))
    return " ".join(f"{n} {unit}" for n, unit in named if n)

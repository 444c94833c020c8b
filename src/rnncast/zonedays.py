"""Days in a zone whose clocks change at midnight: a day is a day, its instant its first.

America/Havana repeats 00:00 on 2024-11-03 (first at -04:00, then at -05:00); America/Santiago skips it on
2024-09-08 (the day begins at 01:00-03:00), Africa/Cairo on 2024-04-26. pandas places such a midnight with
``ambiguous=``/``nonexistent=`` or raises ("Cannot infer dst time from 2024-11-03 00:00:00"), and
``normalize`` and ``date_range`` on zoned times raise alike. Here a day (or a time on a calendar of days or
coarser) is placed at its first instant (``day_instants``: the first copy of a repeated midnight, the end of a
skipped one, pandas' ``nonexistent="shift_forward"``), and read back to its wall day (``day_walls``,
``day_starts``), so that calendars of days walk on wall time without a gap or a crash.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def days(time: pd.DatetimeIndex) -> bool:
    """Whether naive ``time`` is a column of days: every time midnight, a day or more apart (one row: a day)."""
    if not len(time) or time.tz is not None or not (time == time.normalize()).all():
        return False
    steps = np.diff(np.unique(time.asi8))
    return not len(steps) or bool(steps.min() >= pd.Timedelta(days=1) // pd.Timedelta(1, unit=time.unit))


def day_instants(wall: pd.DatetimeIndex, tz) -> pd.DatetimeIndex:
    """Naive days (or times on a calendar of days) ``wall`` in zone ``tz``, each at its first instant: the
    first copy of a midnight the clocks repeat, the end of one they skip (Santiago's 2024-09-08 at 01:00-03:00)."""
    return wall.tz_localize(tz, ambiguous=np.ones(len(wall), dtype=bool), nonexistent="shift_forward")


def day_walls(time: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Zoned ``time`` as naive wall times, the first instant of a day whose midnight the clocks skip (01:00 on
    Santiago's 2024-09-08) written as that midnight: the wall time a calendar of days walks on."""
    if time.tz is None:
        return time
    wall = time.tz_localize(None)
    midnight = wall.normalize()
    first = day_instants(midnight, time.tz)
    return pd.DatetimeIndex(np.where((first == time) & (wall != midnight), midnight, wall)).as_unit(
        time.unit).rename(time.name)


def day_starts(time: pd.DatetimeIndex) -> np.ndarray:
    """[N] whether each of ``time`` is the first instant of its day (naive: midnight; the second copy of a repeated
    midnight is not); never raises for a zone whose clocks change at midnight, as ``DatetimeIndex.normalize`` does."""
    if time.tz is None:
        return np.asarray(time == time.normalize())
    return np.asarray(time == day_instants(time.tz_localize(None).normalize(), time.tz).as_unit(time.unit))

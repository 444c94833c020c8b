"""A run of rows whose clock was set off for a while (a field probe an hour late from 2026-03-10 to 04-10, its other
rows on a 3-hour grid): named as one run with its first and last row and the shift, for the refusal of a row off a
freq given (``gridtimes``) and the warning that the timestamps follow no calendar (``irregularsteps``), which named
one of its 248 rows, or advised a freq= that is then refused (decision 1941).

The check: every row farther than a tenth of a step from the grid (pandas' ``round``, as ``jitter.points`` rounds)
lies in one run of consecutive rows inside one series (rows of it on the grid before and after: the clock set back),
more than ``FEW`` rows, each the same time off its point within a tenth of a step (a logger's jitter); every other
row lies within a tenth of a step of its point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import jitter
from rnncast.timetext import shown

FEW = 5  # rows: a run of this many or fewer is rows to correct one by one, as before


def said(time: pd.DatetimeIndex, offsets: np.ndarray, offset, where, fmt: str | None = None) -> str | None:
    """The clause naming the one run of rows of ``time`` [N] (series cut at ``offsets`` [S + 1], each sorted) that lie
    the same time off the grid of ``offset`` (a step under a day; None: the median step to the minute) while the
    others lie near it, with the pandas line that shifts them back; ``where(i)`` names row ``i``; else None."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) <= 2 * FEW or time.hasnans or not jitter.in_ns(time):
        return None
    try:
        if offset is None:
            typical = pd.Timedelta(int(np.median(np.diff(time.as_unit("ns").asi8))), unit="ns").round("min")
            offset = to_offset(typical) if pd.Timedelta(0) < typical < pd.Timedelta(days=1) else None
        step = pd.Timedelta(offset) if offset is not None else None
        if step is None or step >= pd.Timedelta(days=1):
            return None
        shift = (time - jitter.points(time, offset, pd.Timedelta(0))).as_unit("ns").asi8  # [N] signed, ns
    except (ValueError, TypeError):  # a calendar no rounding keeps, a time daylight saving repeats
        return None
    far = np.flatnonzero(np.abs(shift) * jitter.SHARE > step.value)
    if len(far) <= FEW or far[-1] - far[0] + 1 != len(far):
        return None
    a, b = int(far[0]), int(far[-1])
    s = int(np.searchsorted(offsets, a, side="right")) - 1
    by = int(np.median(shift[far]))
    if not offsets[s] < a <= b < offsets[s + 1] - 1 or (np.abs(shift[far] - by) * jitter.SHARE > step.value).any():
        return None  # in one series, its rows on the grid before and after it: the run is the one off
    amount = pd.Timedelta(abs(by), unit="ns").round("min" if abs(by) >= 600e9 else "s")
    later = by > 0
    column = time.name if time.name is not None else "time"
    parts = amount.components
    text = "".join(f"{n}{u}" for n, u in zip((parts.hours, parts.minutes, parts.seconds), ("h", "min", "s")) if n)
    return (f"{len(far)} rows in a run, {shown(time[a], time, fmt)} ({where(a)}) to {shown(time[b], time, fmt)} "
            f"({where(b)}), lie {jitter.duration(amount)} {'after' if later else 'before'} the {jitter.named(offset)} "
            f"grid the other rows keep: a clock set off for that while? shift them {'back' if later else 'forward'}, "
            f"e.g. with pandas: df.loc[mask, {column!r}] {'-' if later else '+'}= pd.Timedelta({text!r}), "
            "mask selecting those rows")

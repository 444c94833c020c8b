"""Where rows stand on a calendar already settled (a model's, or ``calendars.settle``'s): the ruler that places them
(``walk``), and where each series first leaves the calendar (``first_gaps``: a step the data lacks or a row off it),
for the window predict reads and the windows a backtest cuts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.calendars import missing_rows
from rnncast.rulers import Ruler
from rnncast.timecalendar import Calendar


def first_gaps(time: pd.Index, offsets: np.ndarray, calendar: Calendar) -> np.ndarray:
    """[S] where each series of the stacked, sorted ``time`` [N] (cut at ``offsets`` [S + 1]) first leaves
    ``calendar``: the row, counted from its series' first, after which the calendar has a step the data
    lacks or a row off it; -1 where each row is the step after the one before."""
    ruler = walk(time, offsets, calendar)
    first = np.full(len(offsets) - 1, -1, dtype=np.int64)
    if ruler is not None and ruler.bad is None:
        rows = np.flatnonzero(missing_rows(ruler.steps, offsets))
        series, at = np.unique(np.searchsorted(offsets, rows, side="right") - 1, return_index=True)
        first[series] = rows[at] - offsets[series]
    elif len(offsets) > 2:  # a row off the calendar: each series walked alone
        for s in range(len(offsets) - 1):
            first[s] = first_gaps(time[offsets[s] : offsets[s + 1]], np.array([0, offsets[s + 1] - offsets[s]]), calendar)[0]
    else:  # the steps before the row off it, else the row before it
        bad = 0 if ruler is None else ruler.bad
        before = first_gaps(time[:bad], np.array([0, bad]), calendar)[0] if bad > 1 else -1
        first[0] = before if before >= 0 else max(bad - 1, 0)
    return first


def walk(time: pd.Index, offsets: np.ndarray, calendar: Calendar):
    """The ruler that places ``time`` on ``calendar`` (None where none can: a calendar finer than the timestamps)."""
    if calendar.kind == "integer":
        return Ruler.fixed(time.to_numpy(dtype=np.int64), offsets, int(calendar.freq), lambda v: pd.Index(v))
    if calendar.kind == "period":
        return Ruler.periods(time, offsets)
    return Ruler.of(time, offsets, calendar.freq)

"""The longest run of missing values a fill makes up, named in fill's warning (decision 1812): "filling 83 missing
values with interpolate" said nothing of the 76 days in a row of one station the model then trained on as a straight
line. ``longest`` finds the run (within one series and column, never across two series), ``said`` names it with its
series, column, length, times and what the fill writes across it.
"""

from __future__ import annotations

import numpy as np

from rnncast.data import place
from rnncast.spelling import counted
from rnncast.timetext import shown


def longest(missing: np.ndarray, offsets: np.ndarray) -> tuple[int, int, int, int] | None:
    """The longest run of missing values [N, C] (bool) of any column within one series (``offsets`` [S + 1]), as
    ``(series, column, first row, rows)``, the first such run (by series, then column, then row) where several are
    as long; None where nothing is missing."""
    best = None
    for s in range(len(offsets) - 1):
        part = missing[offsets[s] : offsets[s + 1]]
        if not part.any():
            continue
        edges = np.diff(np.vstack([np.zeros((1, part.shape[1]), dtype=np.int8), part.astype(np.int8),
                                   np.zeros((1, part.shape[1]), dtype=np.int8)]), axis=0)
        for j in range(part.shape[1]):
            starts, ends = np.flatnonzero(edges[:, j] == 1), np.flatnonzero(edges[:, j] == -1)
            if not len(starts):
                continue
            k = int(np.argmax(ends - starts))
            if best is None or ends[k] - starts[k] > best[3]:
                best = (s, j, int(offsets[s] + starts[k]), int(ends[k] - starts[k]))
    return best


def _value(v: float) -> str:
    """A value beside a run as a message writes it: 41.2, not 41.200000000000003; 12 significant digits at most."""
    return f"{float(v):.12g}"


def said(values: np.ndarray, missing: np.ndarray, offsets: np.ndarray, fill: str, name, time, positions: np.ndarray,
         attrs: dict, fmt: str | None = None) -> str:
    """The clause of fill's warning naming the longest run of ``missing`` [N, C] in ``values`` [N, C] (before the
    fill), e.g. "the longest run: 76 steps of column 'discharge' of series 'B_Mosel', 2021-11-01 to 2022-01-15,
    across which interpolate draws a straight line from 41.2 to 55 (the values on either side)"; "" where no run
    is longer than one value (a single value between two observed ones makes up little). ``name(s, j)``: column
    ``j`` of series ``s`` as messages name it; ``time`` [N] (or None: rows named by their place in the table,
    ``positions`` [N] and ``attrs``), shown in ``fmt``; ``fill``: 'ffill', 'interpolate' or 'zero'."""
    found = longest(missing, offsets)
    if found is None or found[3] < 2:
        return ""
    s, j, first, n = found
    last = first + n - 1
    lo, hi = int(offsets[s]), int(offsets[s + 1])
    observed = ~np.isnan(values[lo:hi, j])
    before = first - 1 if first > lo and observed[first - 1 - lo] else None
    after = last + 1 if last + 1 < hi and observed[last + 1 - lo] else None
    if time is not None:
        where = f"{shown(time[first], time, fmt)} to {shown(time[last], time, fmt)}"
        steps = counted(n, "step")
    else:
        where = f"from {place(int(positions[first]), attrs)}"
        steps = counted(n, "row")
    if fill == "zero":
        what = "across which zero writes 0"
    elif before is None:  # before the column's first value: both fills copy that value back
        what = f"across which {fill} repeats {_value(values[after, j])}, the value after it (none lies before it)"
    elif after is None or fill == "ffill":
        what = f"across which {fill} repeats {_value(values[before, j])}, the value before it" + (
            " (none lies after it)" if after is None and fill == "interpolate" else "")
    else:
        what = (f"across which interpolate draws a straight line from {_value(values[before, j])} to "
                f"{_value(values[after, j])} (the values on either side)")
    return f"the longest run: {steps} of column {name(s, j)}, {where}, {what}"

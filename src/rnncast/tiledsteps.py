"""Which window forecast.png draws each test step from: windows one horizon apart, counted on the steps' dates.

A user who forecasts every ``horizon`` steps sees each step forecast from the most recent cutoff at or before it. The
windows are one per present cutoff row; counted in rows, windows ``horizon`` rows apart forecast ``horizon`` calendar
steps each, so where the data lacks a date the next window's steps began a step later and a present date was never
drawn (a daily series lacking 10-04 and 10-05: 10-07 and 10-08 undrawn, the lines drawn straight across them). Here
the next window is the latest whose cutoff is at or before the last step drawn, its steps after it drawn: every date
from the first step to the last is drawn once, a date without a row blank (``stepactuals.drawn``). Where no cutoff lies
there (the data lacks every date one window forecasts), the next window is the next one and the curve is broken
before it (``gaps``): a line never joins two points across a date not drawn. Where the data lacks no date the steps'
positions are the rows, and the windows are ``horizon`` rows apart, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Tiles:
    """``windows``, ``steps`` [P]: the window and the step in it each point is drawn from, in time order; ``gaps``:
    the points [G] a break comes before (a date between them and the point before is drawn by no window); ``whole``:
    whether the curve reaches the last window's last step (not cut by ``max_points``); ``short``: how many windows
    after the first draw fewer than ``horizon`` new steps (their cutoff fewer steps after the last step drawn), the
    last window's apart; ``last``: how many steps the last window draws where it is such a window (0: none);
    ``short_at``: for each of those ``short`` windows, the point drawn last before it (the date it began a window
    from, had there been one: a date the data lacks, or a window left out)."""

    windows: np.ndarray
    steps: np.ndarray
    gaps: np.ndarray
    whole: bool
    short: int
    last: int
    short_at: np.ndarray = None

    def __post_init__(self):
        self.short_at = np.zeros(0, np.int64) if self.short_at is None else np.asarray(self.short_at, np.int64)


def tiles(cuts, times, max_points: int) -> Tiles:
    """The steps drawn of windows whose cutoffs are ``cuts`` [W] (in time order) and whose steps are at ``times``
    [W, H] (dates, periods or positions, ``cuts`` of the same kind), at most ``max_points`` points (every step of
    the first window at least)."""
    cut, at = _ordinal(cuts), _ordinal(times)
    count, horizon = at.shape if at.ndim == 2 else (0, 0)
    if not count:
        return Tiles(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), True, 0, 0)
    windows, steps, gaps, drawn, short, last = [np.zeros(horizon, np.int64)], [np.arange(horizon)], [], horizon, [], 0
    w, end = 0, at[0, -1]
    while w < count - 1:
        after = int(np.searchsorted(cut, end, side="right")) - 1  # the latest cutoff at or before the last step drawn
        gap = after <= w  # none there: every date of the next cutoff's window before it is drawn by none
        after = w + 1 if gap else after
        new = np.flatnonzero(at[after] > end)
        if drawn + len(new) > max_points:
            break
        if gap:
            gaps.append(drawn)
        windows.append(np.full(len(new), after, np.int64))
        steps.append(new)
        if len(new) < horizon and after == count - 1:
            last = len(new)
        elif len(new) < horizon:
            short.append(drawn - 1)
        drawn, w, end = drawn + len(new), after, at[after, -1]
    return Tiles(np.concatenate(windows), np.concatenate(steps), np.array(gaps, np.int64), w == count - 1, len(short),
                 last, np.array(short, np.int64))


def rows(target_rows: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """``(cuts, times)`` of windows counted in rows: each window's cutoff row [W] and its steps' rows [W, H]."""
    first = np.asarray(target_rows, dtype=np.int64)
    return first - 1, first[:, None] + np.arange(horizon)


def broken(values: np.ndarray, gaps: np.ndarray) -> np.ndarray:
    """``values`` [P] with a blank (NaN; for times the point before's time, for flags False) before each point of
    ``gaps``: the break a line is drawn with."""
    if not len(gaps):
        return values
    if isinstance(values, pd.Index):  # times: the point before's, under a blank value
        for g in sorted(gaps.tolist(), reverse=True):
            values = values.insert(g, values[g - 1])
        return values
    values = np.asarray(values)
    if values.dtype.kind in "fc":
        return np.insert(values, gaps, np.nan)
    if values.dtype.kind in "biu" and values.dtype.kind != "b" and values.dtype.itemsize < 8:
        return np.insert(values, gaps, 0)  # marks (plots.left_out): none
    if values.dtype.kind == "b":
        return np.insert(values, gaps, False)
    return np.insert(values, gaps, values[gaps - 1])  # times, rows: the point before's, under a blank value


def _ordinal(values) -> np.ndarray:
    """Dates, periods or numbers as numbers of one order (``asi8`` where pandas has it), the shape kept."""
    array = np.asarray(values)
    if array.dtype.kind in "iuf":
        return array
    flat = pd.Index(array.reshape(-1))
    if isinstance(flat, pd.Index) and flat.dtype == object:
        flat = pd.Index(list(flat))  # Periods or Timestamps held as objects: their own index
    return np.asarray(flat.asi8 if hasattr(flat, "asi8") else flat).reshape(array.shape)

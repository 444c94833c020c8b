"""A drop longer than ``interruptions``' rolling level can see (months of daily rows: a pandemic's collapse, a
renovation at a third of the rooms) that comes back to the level before it: a stretch whatever its length, not a level
that moves and stays (decision 2250).

t41-t6's hotel ran at 35 % of its level for 14 months (2020-03-15 to 2021-05-31), and a renovation at 30 % for 91
days: ``interruptions`` reads a stretch against a rolling median of ``4 * longest + 1`` rows (``longest``: 24 days of
daily rows, decision 2053), which a stretch that long moves, so nothing named it there, while ``levelshifts`` named
its recovery a shift "that stays", the depressed level as the level before, and advised starting the data at it (4.3
years of data thrown away for 3 months). ``runs`` reads a column in blocks (a season's rows where it is 2 to
``LONGEST``, else 7; a day's rows at least): each block's median log value, against the median block of the column.
Blocks under ``1 / FAR`` of it, runs of them joined over blanks (a closure left blank inside a collapse) and over fewer
than ``SHORTEST`` blocks at half the distance, are a drop where the ``SIDE`` blocks (or the run's length, if shorter,
``SHORTEST`` at least) before and after it, and the ``SHORTEST`` next to it (it drops and comes back at once, where a
random walk wanders down), all stand ``FAR`` times above its median, the sides within ``BACK`` of each other (the
level came back), and the same rows a season (or, on dated rows, a year) earlier or later do not dip too (a low
season, every year); none in a column with more than ``MOST`` of them (a pattern). The rows are the first and last
under ``1 / sqrt(FAR)`` of the level at its edges. ``interruptions.find`` adds them to its own stretches, so the same
line names them (dates, how far, MASE's scale at the season given, the training mean, the blank-and-fill remedy),
and ``levelshifts`` names no shift at their edges.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FAR = 2.0  # under half the level (as interruptions.FAR)
BACK = 1.5  # the level after within this many times the level before: it came back
SIDE = 26  # blocks read on each side at most (half a year of weeks)
SHORTEST = 4  # blocks in a row at least, and read on each side at least
MOST = 2  # drops in one column at most: more are a pattern
LONGEST = 60  # a longer season is no block (as levelshifts.LONGEST)
ZERO = 0.01  # a 0 reads as this share of the column's median (as interruptions.ZERO)


def runs(column: np.ndarray, season: int = 1, day: int = 1, times=None) -> list[tuple[int, int, float, float]]:
    """``(first row, row after the last, low share, high share)`` of each long drop of ``column`` [R] (NaN: not read)
    that comes back (the module's rule), in row order; the shares are the 10th and 90th percentiles of its rows' values
    over the level either side of it. ``day``: rows a day (``interruptions.rows_a_day``); ``times`` [R] (datetimes or
    None): where given, the rows a year away are read for a yearly low season as well as those a season away. [] for a
    column with a value below 0 or too few blocks."""
    column = np.asarray(column, dtype=np.float64)
    read = np.isfinite(column)
    if not read.any() or (column[read] < 0).any() or np.median(column[read]) <= 0:
        return []
    block = max(season if 1 < season <= LONGEST else 7, day)
    n = len(column) // block
    logged = np.log(np.where(read, np.maximum(column, ZERO * np.median(column[read])), np.nan))
    cells = logged[: n * block].reshape(n, block)
    enough = 2 * np.isfinite(cells).sum(axis=1) > block  # [n] blocks with half their rows read
    if enough.sum() < 3 * SHORTEST:
        return []
    kept = np.flatnonzero(enough)  # [n'] the blocks read, by position
    level = np.array([np.nanmedian(cells[k]) for k in kept])  # [n']
    usual = float(np.median(level))
    low = np.where(level < usual - np.log(FAR), -1, 0)  # [n'] blocks far below
    near = level < usual - np.log(FAR) / 2
    for (_, end), (start, _) in zip(_runs(low)[:-1], _runs(low)[1:]):  # join short gaps at half the distance
        if start - end < SHORTEST and near[end:start].all():
            low[end:start] = -1
    found = []
    lag_rows = [r for r in {season if season > 1 else 0, _year_rows(times)} if r > 0]
    for a, b in _runs(low):
        if b - a < SHORTEST or 2 * (b - a) > len(kept):
            continue
        side = max(SHORTEST, min(SIDE, b - a))
        before, after = level[max(a - side, 0): a], level[b: b + side]
        if len(before) < SHORTEST or len(after) < SHORTEST:
            continue  # at an end of the rows: not seen to come back
        inside, was, back = float(np.median(level[a:b])), float(np.median(before)), float(np.median(after))
        edge = min(np.median(before[-SHORTEST:]), np.median(after[:SHORTEST]))  # the blocks at its edges
        if min(was, back, edge) - inside < np.log(FAR) or abs(back - was) > np.log(BACK):
            continue  # not far below both sides and at once (a wander down), or another level after (levelshifts')
        lo, hi = _edges(logged, int(kept[a]) * block, (int(kept[b - 1]) + 1) * block, block, (was + back) / 2)
        if any(_dips(logged, lo, hi, r, (was + back) / 2) for r in lag_rows):
            continue  # the same rows a season (a year) away dip too: a low season
        shares = (column[lo:hi] / np.exp((was + back) / 2))
        shares = shares[np.isfinite(shares)]
        found.append((lo, hi, float(np.quantile(shares, 0.1)), float(np.quantile(shares, 0.9))))
    return found if len(found) <= MOST else []


def _edges(logged: np.ndarray, lo: int, hi: int, block: int, level: float) -> tuple[int, int]:
    """The stretch's first and after-last rows about the low blocks' edges ``lo`` and ``hi``: after the last read row
    of ``logged`` [R] at ``1 / sqrt(FAR)`` of the ``level`` (log) or above before the first low block's middle, and
    the first such row after the last one's middle; blanks between are the stretch's (a closure left blank in it)."""
    over = np.isfinite(logged) & (logged >= level - np.log(FAR) / 2)  # [R] read rows at the level
    at = np.flatnonzero(over[: lo + block // 2])
    first = int(at[-1]) + 1 if len(at) else lo
    at = np.flatnonzero(over[max(hi - block // 2, first):])
    return first, max(hi - block // 2, first) + int(at[0]) if len(at) else hi


def _dips(logged: np.ndarray, lo: int, hi: int, lag: int, level: float) -> bool:
    """Whether the rows ``lo`` to ``hi`` of ``logged`` [R], moved ``lag`` rows earlier or later (those outside the
    stretch itself), sit at their median over ``1 / sqrt(FAR)`` below the ``level`` (log) too: a low season."""
    if lag >= hi - lo:  # fewer rows than the stretch's apart: its own rows; a stretch over a year is no low season
        for a in (lo - lag, lo + lag):
            rows = logged[max(a, 0): max(min(a + hi - lo, len(logged)), 0)]
            if np.isfinite(rows).sum() >= (hi - lo) // 2 and np.nanmedian(rows) < level - np.log(FAR) / 2:
                return True
    return False


def _year_rows(times) -> int:
    """Rows a year apart on datetimes ``times`` [R] (their median step), 0 where they are not datetimes."""
    if times is None or len(times) < 2 or getattr(getattr(times, "dtype", None), "kind", "") != "M" \
            and not isinstance(getattr(times, "dtype", None), pd.DatetimeTZDtype):
        return 0
    step = pd.Series(pd.DatetimeIndex(times)).diff().median()
    return int(round(pd.Timedelta(days=365.25) / step)) if pd.notna(step) and step > pd.Timedelta(0) else 0


def _runs(side: np.ndarray) -> list[tuple[int, int]]:
    """``(first, after last)`` of each run of nonzero values of ``side`` [R]."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], side != 0, [0]]).astype(np.int8)) != 0)
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]

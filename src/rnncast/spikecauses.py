"""What explains a target's outlying value or short run as real (a promotion, a Christmas week, a peak that recurs a
season apart), read on the rows before the cutoff (decisions 1890, 1948, 2219: the training and validation rows), for
``jumps.find``.

A promotion held two weeks that recurs each season was "outlying values (typos, glitches, bot traffic) ... leave the
cells blank" where the same promotion held one week was "read as a real value": only one-row spikes were asked what
explains them (decision 2007). ``explained`` asks any short run (``spikes.runs``), its rows weighed together, at an
end of the rows too (decision 2008): the run's height is its mean less that of the rows beside it, on one side where
it has no other.
"""

from __future__ import annotations

import numpy as np

from rnncast.panel import Panel

USUAL = 0.5  # a covariate's most common value on a series' rows read at least this share of them: its usual state
LIKE = 0.25  # a peak a season apart, as far above its neighbours as this share of the spike or more: a like peak
LIFTS = 0.2  # a covariate value's median lift on its other rows read, a share of the spike's: it moves the target
NEAR = 3  # a row's lift is over the nearest rows within this many on either side where the covariate is usual


def height(y: np.ndarray, r: int, rows: int = 1) -> float:
    """How far the ``rows`` rows of ``y`` [T] from ``r`` stand from those beside them: their mean less the mean of the
    row before and the row after (one of them at an end of ``y``); 0 where the run passes an end or has no row beside
    it, NaN where a value read is NaN."""
    if r < 0 or r + rows > len(y):
        return 0.0
    beside = [y[k] for k in (r - 1, r + rows) if 0 <= k < len(y)]
    return float(np.mean(y[r:r + rows]) - np.mean(beside)) if beside else 0.0


def explained(panel: Panel, s: int, j: int, row: int, season: int = 1, end: int | None = None,
              rows: int = 1) -> list[str]:
    """What explains the outlying run of target ``j`` of series ``s``, its ``rows`` rows from ``row`` (one row: a
    spike), as real values, read on the rows before ``end`` (``jumps.find``'s: the cutoff, decision 2219; all where
    None) alone (decisions 1890, 1948, 2007): each covariate (past or future) whose value on the run's rows (the one most of them hold that is
    not its usual value) is not its usual one (the value it takes on at least ``USUAL`` of the rows read: 0 for a
    promotion or holiday flag; a covariate of ever-changing values has none) and shown to move the target: on the
    other rows read with that value, the median lift (``lifts``: a row's target less the mean of the nearest rows
    on either side where the covariate is usual) is at least ``LIFTS`` of the run's own ``height``, on the same side;
    "xmas=1", "promo=1", "discount=30". A flag on 40 % of weeks that never moves sales explains no 10x typo on one of
    them, nor does a promotion that doubles sales explain a decimal shift on a promotion week (a lift of 19 times the
    level beside its 1), while a Christmas week three times as far up as the other Christmases is read as real. And a
    like peak one ``season`` before or after it within the rows read (a run as long, starting a row give or take
    one from a season apart, as far above or below its neighbours as ``LIKE`` of the run or more, on the same side: a
    yearly Christmas week or a two-week promotion), "a like peak one season after it (157 at 2025-12-28)". [] where
    nothing does."""
    kept_rows = panel.rows(s)[: len(panel.rows(s)) if end is None else end]
    names, values = panel.named_columns(s)[panel.n_targets:], kept_rows[:, panel.n_targets:]
    y = kept_rows[:, j]
    size = height(y, row, rows)
    inside = set(range(row, row + rows))
    said = []
    for name, column in zip(names, values.T):
        kept = column[np.isfinite(column)]
        run = column[row:row + rows]
        if not len(kept) or not np.isfinite(run).all():
            continue
        usual, counts = np.unique(kept, return_counts=True)
        usual = usual[counts.argmax()]
        off, many = np.unique(run[run != usual], return_counts=True)
        if counts.max() < USUAL * len(kept) or not len(off):
            continue
        value = off[many.argmax()]
        others = [r for r in np.flatnonzero(column == value) if r not in inside]
        lifted = lifts(y, column == usual, others)
        if len(lifted) and np.median(lifted) * np.sign(size) >= LIFTS * abs(size):
            said.append(f"{name}={value:g}")
    if season and season > 1:
        for side, way in ((-1, "before"), (1, "after")):
            near = [r for r in (row + side * season + d for d in (0, -1, 1)) if np.isfinite(height(y, r, rows))
                    and height(y, r, rows) * np.sign(size) >= LIKE * abs(size)]
            if near:
                said.append(f"a like peak one season {way} it ({y[near[0]]:.6g} at {panel.when(s, near[0])})")
                break
    return said


def lifts(y: np.ndarray, usual: np.ndarray, at: list) -> np.ndarray:
    """The lift of ``y`` [T] at each row of ``at``: its value less the mean of the nearest row on either side (within
    ``NEAR``) where ``usual`` [T] (bool) holds, one side where the other has none; rows with neither, or a NaN, are
    left out. A promotion held three weeks running is weighed against the weeks around it, not against itself."""
    out = []
    for r in at:
        sides = [next((y[k] for k in range(r + d, r + d * (NEAR + 1), d) if 0 <= k < len(y) and usual[k]), np.nan)
                 for d in (-1, 1)]
        base = np.nanmean(sides) if np.isfinite(sides).any() else np.nan
        if np.isfinite(base) and np.isfinite(y[r]):
            out.append(y[r] - base)
    return np.asarray(out)

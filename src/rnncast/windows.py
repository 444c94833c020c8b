"""Sliding windows as views, and chronological splits by the row of each window's targets.

A window that starts at row ``s`` reads inputs ``[s, s + lookback)`` and predicts targets
``[s + lookback, s + lookback + horizon)``. A window belongs to a split when all of its target rows
do; its inputs may reach back across the border (those values are known at forecast time).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from rnncast.errors import RnncastError
from rnncast.spelling import spelled

PARTS = ("train", "val", "test")
FEW_WINDOWS = 20  # fewer training windows than this: fit says how many, and that the model can learn little from them
FEW_VAL_WINDOWS = 5  # fewer validation windows than this: fit says the kept epoch rests on them (decision 1810)


@dataclass(frozen=True)
class Split:
    """Row borders: train rows ``[0, train_end)``, validation ``[train_end, val_end)``, test ``[val_end, end)``."""

    train_end: int
    val_end: int
    end: int

    def rows(self, part: str) -> tuple[int, int]:
        return {"train": (0, self.train_end), "val": (self.train_end, self.val_end), "test": (self.val_end, self.end)}[part]


def chronological_split(n_rows: int, lookback: int, horizon: int, val_frac: float, test_frac: float,
                        remedy=None) -> Split:
    """Cut ``n_rows`` into train | val | test by time, with at least one window in each non-empty part.

    ``test_frac`` 0 leaves no test part (a backtest holds its test windows out by other means). ``remedy``: where
    given, a callable whose text (``cutting.settings_that_fit``'s "; the series (40 rows) fits horizon 4 (...) or
    val_frac 0.2 (...)") names the settings that fit, in place of the general advice, where it names any.
    """
    n_test = int(round(n_rows * test_frac))
    n_val = int(round(n_rows * val_frac))
    n_train = n_rows - n_val - n_test
    needed_train = lookback + horizon  # one training window
    short = [f"the training rows ({n_train}) hold no lookback {lookback} + horizon {horizon}"
             for _ in [0] if n_train < needed_train]
    short += [f"the {name} rows ({n} = {frac * 100:.3g}%) are fewer than horizon {horizon}"
              for name, n, frac in (("validation", n_val, val_frac), ("test", n_test, test_frac)) if frac > 0 and n < horizon]
    if short:
        if said := (remedy() if remedy is not None else ""):  # concrete settings that fit (decision 1047)
            needed = rows_needed(lookback, horizon, val_frac, test_frac)
            raise RnncastError(f"series too short: of {n_rows} rows, {' and '.join(short)}; "
                               f"{f'give at least {needed} rows' if needed else 'give more rows'}{said}")
        fits = (f"; a lookback of at most {n_train - horizon} fits these rows ({spelled('lookback', n_train - horizon)})"
                + few_note(lambda lb: train_windows([Split(n_train, n_train, n_train)], lb, horizon), n_train - horizon)
                if len(short) == 1 and n_train < needed_train and n_train > horizon else "")
        raise RnncastError(f"series too short: of {n_rows} rows, {' and '.join(short)}; "
                           f"{_rows_needed(lookback, horizon, val_frac, test_frac, n_train >= needed_train)}{fits}")
    return Split(train_end=n_train, val_end=n_train + n_val, end=n_rows)


def split_fits(n_rows, lookback: int, horizon: int, val_frac: float, test_frac=0.0):
    """Whether ``chronological_split`` accepts ``n_rows`` (an int, or an array [R] of them, each with its own
    ``test_frac`` where that is an array too): its rounded shares leave lookback + horizon training rows and a
    horizon in every part that has a share. A bool, or [R] bool."""
    n_rows, test_frac = np.asarray(n_rows), np.asarray(test_frac, dtype=np.float64)
    n_test, n_val = np.round(n_rows * test_frac).astype(np.int64), np.round(n_rows * val_frac).astype(np.int64)
    return ((n_rows - n_val - n_test >= lookback + horizon) & ((test_frac == 0) | (n_test >= horizon))
            & ((val_frac == 0) | (n_val >= horizon)))


def rows_needed(lookback: int, horizon: int, val_frac: float, test_frac: float) -> int | None:
    """The least number of rows from which on every length is accepted by ``chronological_split``
    (rounding the fractions can refuse a longer series than one accepted: 38 rows where 37 pass);
    None when no length would do."""
    def fits(n_rows: int) -> bool:
        return bool(split_fits(n_rows, lookback, horizon, val_frac, test_frac))

    train_frac = 1.0 - val_frac - test_frac
    smallest = min([f for f in (val_frac, test_frac) if f > 0], default=1.0)
    if train_frac <= 0:
        return None
    # below `start` no length fits; from `sure` on the rounding of the fractions can no longer refuse one. Rounding
    # gives a part up to half a row more than its share (round(25 * 0.1) = 3 rows of 2.5), so `start` is where a share
    # reaches a horizon less half a row, and the training rows (up to one row more than theirs) a window less one
    if horizon / smallest > 10_000_000 or (lookback + horizon) / train_frac > 10_000_000:
        return None  # a fraction too small to ever hold a horizon (or a window) in a series of sane length
    start = max(lookback + horizon, int((horizon - 0.5) / smallest) - 2, int((lookback + horizon - 1) / train_frac) - 2)
    sure = min(int((lookback + horizon + 2) / train_frac + (horizon + 1) / smallest) + 2, start + 10_000_000)
    last_refused = start - 1
    for n_rows in range(start, sure + 1):
        if not fits(n_rows):
            last_refused = n_rows
    needed = last_refused + 1
    return needed if fits(needed) else None


def _rows_needed(lookback: int, horizon: int, val_frac: float, test_frac: float, train_fits: bool = False) -> str:
    """The advice of the too-short message: the least number of rows that would do, and what else
    would (a shorter lookback helps only where the training rows are short)."""
    n_rows = rows_needed(lookback, horizon, val_frac, test_frac)
    other = "a shorter horizon or larger split fractions" if train_fits else "a shorter lookback/horizon or other split fractions"
    if n_rows is not None:
        return f"give at least {n_rows} rows, or {other}"
    return "the split fractions are too small to hold a horizon; raise val_frac/test_frac or set val_frac to 0"


def few_note(count, lookback: int) -> str:
    """Where ``lookback``, offered as the largest that fits, leaves fewer training windows (``count(lookback)``) than
    ``FEW_WINDOWS``, below which fit warns that they are too few to learn much from: the clause saying so and the
    largest lookback that leaves that many, or that none does; else "". Advice that leads into the next warning is
    no advice (iowa_electricity.csv: "fits lookback 11", then "trains on only 3 windows ... a shorter lookback")."""
    if (have := count(lookback)) >= FEW_WINDOWS:
        return ""
    better = next((lb for lb in range(lookback - 1, 0, -1) if count(lb) >= FEW_WINDOWS), None)
    said = f", but it leaves the model {have} training window{'s' * (have != 1)}, under the {FEW_WINDOWS} below which fit warns of too few to learn from"
    return said + (f"; lookback {better} ({spelled('lookback', better)}) leaves {count(better)}" if better else
                   " at any lookback: more rows (or a shorter horizon) give more")


def train_windows(splits: list[Split], lookback: int, horizon: int) -> int:
    """How many windows the training rows of ``splits`` hold, over every series: those whose targets
    all lie in a series' training rows, as ``window_starts(split, "train", ...)`` finds them."""
    return int(sum(max(split.train_end - lookback - horizon + 1, 0) for split in splits))


def window_starts(split: Split, part: str, lookback: int, horizon: int) -> np.ndarray:
    """Start rows of every stride-1 window whose targets all lie in ``part``."""
    lo, hi = split.rows(part)
    first = max(lo - lookback, 0)  # inputs may look back across the border
    last = hi - lookback - horizon  # the last target row is hi - 1
    return np.arange(first, last + 1, dtype=np.int64) if last >= first else np.zeros(0, dtype=np.int64)


def panel_window_starts(splits: list[Split], offsets: np.ndarray, part: str, lookback: int,
                        horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """The windows of ``part`` in every series of a panel: rows of the stacked array where each
    window starts [W], and the series of each window [W]. Series ``s`` is rows
    ``offsets[s]:offsets[s + 1]``, cut by ``splits[s]``; no window reaches into the next series."""
    local = [window_starts(split, part, lookback, horizon) for split in splits]
    counts = np.array([len(starts) for starts in local], dtype=np.int64)
    series = np.repeat(np.arange(len(splits), dtype=np.int64), counts)
    starts = np.concatenate(local) if local else np.zeros(0, dtype=np.int64)
    return starts + np.asarray(offsets[:-1], dtype=np.int64)[series], series


def parts_holding(splits: list[Split], offsets: np.ndarray, lookback: int, horizon: int) -> list[str]:
    """The parts ('train', 'val', 'test', 'all') that hold at least one window of the panel cut by ``splits`` at
    ``offsets``: the parts a refusal of another can offer."""
    parts = [p for p in ("train", "val", "test") if len(panel_window_starts(splits, offsets, p, lookback, horizon)[0])]
    return parts + ["all"] * bool(len(every_window_start(np.diff(offsets), offsets, lookback, horizon)[0]))


def every_window_start(lengths: np.ndarray, offsets: np.ndarray, lookback: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Every stride-1 window of every series: stacked-array starts [W] and series [W] (vectorised)."""
    counts = np.maximum(np.asarray(lengths, dtype=np.int64) - lookback - horizon + 1, 0)  # [S]
    series = np.repeat(np.arange(len(counts), dtype=np.int64), counts)  # [W]
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])  # index of each series' first window
    local = np.arange(counts.sum(), dtype=np.int64) - first[series]  # [W] start row inside its series
    return local + np.asarray(offsets[:-1], dtype=np.int64)[series], series


def sliding_windows(values: np.ndarray, length: int) -> np.ndarray:
    """Every window of ``length`` rows of ``values`` [T, C], as a read-only view [T - length + 1, length, C]."""
    view = np.lib.stride_tricks.sliding_window_view(values, length, axis=0)  # [N, C, length]
    return view.transpose(0, 2, 1)  # [N, length, C]


def torch_windows(values: torch.Tensor, length: int) -> torch.Tensor:
    """The same windows over a tensor, as a view [N, C, length] (no copy)."""
    return values.unfold(0, length, 1)

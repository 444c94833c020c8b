"""A target's level that moves once and stays (a site migrated to another domain, a meter replaced, a tracking tag
changed), named at fit with its date and the levels on either side (decision 1931).

t36t6's site03 dropped to 0.4 times its level on 2023-09-01 and stayed there. Its weekly swing is large (weekends at
0.6), so the day of the drop was 12.6 times the median step, under ``jumps.TIMES`` (20): nothing named it, and site03
then ranked best by MASE, its scale made of the larger pre-migration differences (1,521 as the data is, 520 with the
older rows in post-migration units). ``find`` compares the training rows' level in blocks of a season (7 rows where
the season is 1 or longer than ``LONGEST``; a day's rows on a calendar of steps under a day, ``block_rows``: decision
2180), so the season's own swing averages out: the log of each block's mean
(the values themselves where any is 0 or below), then, at each block, the level ``SIDE`` blocks after against the
``SIDE`` before (their medians: a spike's block or a holiday's dip is outvoted) and the block after against the one
before (a shift happens at once; a season's slope or a trend moves every block a little). Named where both moves go
one way, each is more than ``TIMES`` the median move between neighbouring blocks, and the lasting move is over
``LOCAL`` times the same move a side's span before and after (a season's rise moves those too), the larger first; the
exact row is the one where the mean of the block of rows after it differs most from the block before.

The new level must last (decision 1980): the median of the ``SIDE`` blocks beyond the first side after the move must
have moved the same way, by at least half as much (a 3-day outage written as 0 was called a lasting shift and the
advice was to drop 6 months); and in a series that is 0 every day (a solar plant's nights) a block of nothing but 0s
is read as no level (an outage, ``outageruns``'s to name), where before its mean of 0 pulled the side's median down.

Where the data end (decision 1999): a side's median reads the blocks the data hold, ``SHORTEST`` at least; the same
move a side's span away is compared on the side the data hold, and not at all where they hold neither (23 blocks
with the shift in the 12th: the check made the threshold infinite, so the clearest shift was never named); and a
shift in the last ``SIDE`` blocks before the validation rows is named with the ``SHORTEST`` or more it has, said as
too few to tell whether it lasts, where each of those blocks (not only their median) has moved. A shift with fewer
whole blocks after the one it falls in (about the last ``SHORTEST`` + 1 blocks), or in the first ``SIDE`` + 1, is not
weighed.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import longstretches
from rnncast.climatology import DAY, step_size, training_values
from rnncast.interruptions import rows_a_day
from rnncast.noticed import first_in_block
from rnncast.panel import Panel, of_series, series_owner
from rnncast.spelling import counted
from rnncast.windows import Split

log = logging.getLogger(__name__)

SIDE = 6  # blocks on each side whose median is the level
TIMES = 10  # a shift over the median move between neighbouring blocks
SHORTEST = 3  # blocks on a side at least: fewer after a move in the last blocks (decision 1999), none named
LOCAL = 2  # and over the same move a side's span before and after it (a season's rise or a trend moves those too)
LONGEST = 60  # a season longer than this is not the block (365 on days: weeks instead)


def find(panel: Panel, splits: list[Split], season: int = 1, named=()) -> list[dict]:
    """The target columns of each series whose training rows shift level once: ``{"series": s, "column", "time" (the
    first row at the new level, as the data writes it), "before", "after" (the median block means either side, in the
    data's units), "times" (the shift over the median move), "blocks_after" (the blocks the level after rests on, ``SIDE`` at most),
    "rows_after" (the training rows from the shift on)}``, series then column order, the largest shift of each.
    ``named``: ``jumps.find``'s entries, whose columns (a split, named there as a step) are not weighed again; a
    column with outlying values alone (``spikes``: back within a few rows, no step) is (decision 1963)."""
    stepped = {(f["series"], f["column"]) for f in named if f.get("steps", True)}
    block = block_rows(panel, season)
    found = []
    for s, split in enumerate(splits):
        if split is None or split.train_end < block * (2 * SIDE + 3):
            continue
        table = training_values(panel, s, split.train_end, panel.n_targets)  # [train_end, T], fill's values NaN
        for j in range(table.shape[1]):
            if (series_owner(panel, s), str(panel.named_columns(s)[j])) in stepped:
                continue
            if (shift := _shift(table[:, j], block)) is not None:
                row, before, after, times, blocks = shift
                if _comes_back(panel, s, j, row, season, block):
                    continue  # an edge of a drop the series comes back from: interruptions' (decision 2250)
                found.append({"series": s, "column": str(panel.named_columns(s)[j]), "time": panel.when(s, row),
                              "before": before, "after": after, "times": times, "blocks_after": blocks,
                              "rows_after": split.train_end - row})
    return found


def _comes_back(panel: Panel, s: int, j: int, row: int, season: int, block: int) -> bool:
    """Whether ``row`` of series ``s``'s target ``j`` lies within a block of a long drop that comes back on all the
    series' rows (``longstretches.runs``, which ``interruptions`` names): its recovery, or its start, is no level that
    stays, and starting the data there would throw away the years before it (decision 2250)."""
    column = training_values(panel, s, int(panel.lengths[s]), panel.n_targets)[:, j]  # [n] made values NaN
    runs = longstretches.runs(column, season, rows_a_day(panel.time_of(s)), panel.time_of(s))
    return any(lo - block <= row <= hi + block for lo, hi, *_ in runs)


def block_rows(panel: Panel, season: int = 1) -> int:
    """The rows of a block: a day's on a calendar of steps under a day (8640 of 10 s rows: a plant's shifts change
    setpoints every 8 hours, and 7-row blocks of 70 s named each change a shift that stays, decision 2180), else the
    season, or 7 (a week of days) where it is 1 or longer than ``LONGEST``."""
    size = step_size(getattr(panel.calendar, "freq", None)) if panel.time is not None else None
    if size is not None and size < DAY:
        return -(-DAY // size)
    return season if 1 < season <= LONGEST else 7


def _shift(column: np.ndarray, block: int) -> tuple[int, float, float, float, int] | None:
    """(row, level before, level after, times, blocks the level after rests on) of ``column``'s one level shift (the module's rule), or None. The 0s
    of a series otherwise above 0 (at most a quarter of it: an outage, ``outageruns``'s to name) are no level, and a
    block with fewer than half its values read is passed over."""
    column = np.asarray(column, dtype=np.float64).copy()
    finite = column[np.isfinite(column)]
    if len(finite) and np.mean(finite == 0) <= 0.25 and (finite[finite != 0] > 0).all():
        column[column == 0] = np.nan
    n = len(column) // block
    blocks = column[: n * block].reshape(n, block)
    zeros = (blocks == 0).any(axis=1) & (np.isfinite(blocks) & (blocks != 0)).any(axis=1)  # [n] 0s beside values read
    empty = ((blocks == 0) | np.isnan(blocks)).all(axis=1)  # [n] blocks of only 0s and gaps
    if 2 * zeros.sum() > n:  # 0s every day (a solar plant's nights): a block of only 0s and gaps is an outage,
        blocks = np.where(empty[:, None], np.nan, blocks)  # no level
    elif (column[np.isfinite(column)] >= 0).all() and (~empty).any() and empty[: np.flatnonzero(~empty)[-1]].any():
        blocks = np.where(empty[:, None], np.nan, blocks)  # closures that end (each winter): no level (decision 2204)
    read = np.flatnonzero(2 * np.isfinite(blocks).sum(axis=1) > block)  # [n'] the blocks kept, by position
    means = np.array([_mean(blocks[i]) for i in read])  # [n']
    n = len(means)
    if n < 2 * SIDE + 3:
        return None
    logged = bool((means > 0).all())
    level = np.log(means) if logged else means
    typical = float(np.median(np.abs(np.diff(level))))
    if not typical > 0:
        return None
    moves = _moves(level)  # [n] the level after each block against the level before (NaN: too few blocks)
    ks = np.arange(SIDE + 1, n - SHORTEST)  # block k straddles the shift: k - 1 before, k + 1 after (decision 1999)
    step, lasting = level[ks + 1] - level[ks - 1], moves[ks]
    size = np.where(np.sign(step) == np.sign(lasting), np.minimum(np.abs(step), np.abs(lasting)), 0.0) / typical
    apart = np.full((2, len(ks)), np.nan)  # the same move a side's span earlier and later: NaN where the data ends
    apart[0, ks >= SIDE + 1] = moves[ks[ks >= SIDE + 1] - SIDE - 1]
    apart[1, ks + SIDE + 1 < n] = moves[ks[ks + SIDE + 1 < n] + SIDE + 1]
    around = np.nan_to_num(np.abs(apart), nan=0.0).max(axis=0)  # the side the data hold; neither: not weighed
    size = np.where(np.abs(lasting) > LOCAL * around, size, 0.0)  # a season's rise or a trend moves them too
    size = np.where(_stays(level, ks, lasting), size, 0.0)  # a few days' outage comes back (decision 1980)
    if not len(ks) or size.max() <= TIMES:
        return None
    k, size = int(ks[np.argmax(size)]), float(size.max())
    lo, hi = max(int(read[k - 1]) * block, block), min((int(read[k + 1]) + 1) * block, len(column) - block)
    gaps = np.array([abs(_mean(column[r: r + block]) - _mean(column[r - block: r])) for r in range(lo, hi + 1)])
    row = lo + int(np.argmax(np.nan_to_num(gaps, nan=-1.0)))
    before = float(np.median(means[k - SIDE: k]))
    after = float(np.median(means[k + 1: k + 1 + SIDE]))
    return row, before, after, float(size), min(n - 1 - k, SIDE)


def _moves(level: np.ndarray) -> np.ndarray:
    """[n] at each block of ``level`` [n], the median of the ``SIDE`` blocks after it less that of the ``SIDE``
    before, each side cut where the data ends; NaN where a side holds fewer than ``SHORTEST`` blocks."""
    moves = np.full(len(level), np.nan)
    for k in range(SHORTEST, len(level) - SHORTEST):
        moves[k] = np.median(level[k + 1: k + 1 + SIDE]) - np.median(level[max(k - SIDE, 0): k])
    return moves


def _stays(level: np.ndarray, ks: np.ndarray, lasting: np.ndarray) -> np.ndarray:
    """[len(ks)] whether the move ``lasting`` at each block of ``ks`` holds beyond the first ``SIDE`` blocks after it
    as well: the median of the next ``SIDE`` blocks (those the data holds) moved from the level before the same way,
    by at least half as much. A 3-day outage written as 0 filled half the side after it and was called a shift that
    "stays there" (t37t5), the plant back at its level the next day. Where the side after is cut by the data's end
    (decision 1999), nothing lies beyond: each of its blocks must have moved so (a day's dip across two of the last
    three blocks moves their median, not the third)."""
    held = np.ones(len(ks), dtype=bool)
    for i, k in enumerate(ks.tolist()):
        before = float(np.median(level[k - SIDE: k]))
        if len(level) - k - 1 < SIDE:  # the side after is cut by the data's end: each of its blocks
            moved = level[k + 1:] - before
        elif len(later := level[k + 1 + SIDE: k + 1 + 2 * SIDE]):
            moved = np.array([np.median(later) - before])
        else:
            continue
        held[i] = bool((np.sign(moved) == np.sign(lasting[i])).all() and (np.abs(moved) >= abs(lasting[i]) / 2).all())
    return held


def _mean(values: np.ndarray) -> float:
    """The mean of the values read (NaN: none)."""
    values = values[np.isfinite(values)]
    return float(values.mean()) if values.size else float("nan")


def warn(panel: Panel, found: list[dict], final: bool = False) -> str | None:
    """Say ``find``'s first level shift in one line, the others counted, once per block (``final``: a fit that scores
    nothing, ``finalfit.unscored``, whose line says nothing of MASE, decision 2159). Returns it, or None."""
    if not found:
        return None
    f = found[0]
    if not first_in_block("level shift", f["series"], f["column"], f["time"]):
        return None
    change = f"{100 * (f['after'] / f['before'] - 1):+.0f}%" if f["before"] else "from 0"  # not "+nan%" (decision 2204)
    more = f"; so do {counted(len(found) - 1, 'other column')} (of this or other series)" if len(found) > 1 else ""
    stays = ("and stays there" if f.get("blocks_after", SIDE) >= SIDE else  # decision 1999
             f"and stays there to the end of the training rows, {counted(f['rows_after'], 'row')} later, too few to "
             "tell whether it lasts")
    mixed = "the training mean mixes them" if final else "MASE's scale and the training mean mix them"  # decision 2159
    text = (f"column {f['column']!r}{of_series(panel, f['series'])} shifts level at {f['time']} {stays}: its "
            f"level {f['before']:.6g} before, {f['after']:.6g} after ({change}), {f['times']:.0f} times the usual "
            f"move of its level{more}: a migration, a tracking or unit change? The network learns both levels as one "
            f"series, and {mixed}; if the earlier rows measure otherwise, put them in the later level, or start the "
            "data at the shift")
    log.warning("%s", text)
    return text

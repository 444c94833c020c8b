"""A stretch of rows far below the level before and after it, that then comes back (a closure, a
pandemic's collapse, a strike): named at fit with its dates, how far, and what it does to MASE's scale (decision 2053).

t38t5's hotel nights ran at 10-30 % of their level from 2020-04 to 2021-06 (15 months) and came back: too long for
outlying values (``spikes``: back within ``spikes.SHORT`` rows), not a level that moves once and stays
(``levelshifts``), and no single step far beyond the rest (``jumps``), so nothing named it, while its 8 training
months doubled every series' MASE scale (a model read as "better than the in-sample seasonal naive", MASE 0.977, on
the pre-collapse scale 1.876). ``find`` reads each target column of each series on all its rows (a made value,
``--fill``'s, as none; a 0 as ``ZERO`` of the column's median, decision 2088): the log values less their seasonal
profile (the median, over the cycles, of each position's distance from a rolling median one season wide; none where
the season is 1 or over ``LONGEST``), against the rolling median of that over ``4 * longest + 1`` rows (``longest``:
twice the season, ``RUN_LONGEST`` rows at least, on rows under a day apart ``RUN_LONGEST`` days of them up to a quarter
of the rows, decision 2089), which a stretch of ``longest`` rows or fewer does not move. Rows under ``1 / FAR`` of it
(or over ``FAR`` times it: a surge, decision 2087) and further than ``ROBUST`` robust standard deviations of those
distances, ``SHORTEST`` to ``longest`` in a row (a gap of fewer than ``SHORTEST`` rows at half the distance joined),
with ``SHORTEST`` rows or more before and after them at the usual level (median distance within ``FAR``), are a
stretch; not one whose rows a whole number of seasons away, give or take ``DRIFT`` of a season, dip (or rise) too (a
season's own dip the profile missed, a flu peak some weeks off last year's, decision 2133), not a season's own peak
(trough) higher (deeper) than those a season before or after it at the same time (``seasonpeaks``: not a surge
held flat, decision 2202), not one
holding 0s that the column's own rates of 0s and of runs of 0s make likely (``CHANCE``: chance runs in intermittent
demand, decision 2132), not one whose level is read off rows half 0s or more (no level), and none in a column with
more than ``MOST`` of them one way (a pattern the season does not describe). A surge is named as a drop is, asking whether it is a promotion, an
epidemic's wave or a sensor stuck high; nothing is blanked.
A column with a value below 0 (a temperature in degrees) or half its values 0 (a count of rare events) has no level to
be a share of: not read, and said so once (``unread``); a run of 0s in a column never else 0 is ``outageruns``'s.
A longer drop that comes back (months of daily rows) is ``longstretches``', added by ``find`` (decision 2250).
``warn`` says each stretch once, the series whose stretches overlap together, with its training and validation rows
(those choose the epoch); a refit backtest says it at the first cutoff whose training, validation or forecast rows
reach it (decision 2084), and once more at the first cutoff that trains on it where that is a later one (decision
2090). The lines' words are ``interruptionlines``'.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import calendarlags, interruptionlines, longstretches, outageruns, seasonpeaks
from rnncast.climatology import training_values
from rnncast.noticed import first_in_block, first_in_call
from rnncast.panel import Panel, series_owner
from rnncast.windows import Split

log = logging.getLogger(__name__)

FAR = 2.0  # a row at over twice (or under half) its usual level
ROBUST = 6  # and further than this many robust standard deviations of the rows' distances from it
SHORTEST = 4  # rows in a row at least: longer than an outlying run (spikes.SHORT, 3)
RUN_LONGEST = 24  # rows (days under a day apart) at most, or twice the season: longer reads as a level that moves
MOST = 2  # stretches in one column at most: more are a pattern, not an interruption
LONGEST = 60  # a longer season has no profile here (as levelshifts)
ZERO = 0.01  # a 0 is read as this share of the column's median: far below any level (decision 2088)
DRIFT = 0.2  # a season's own peak or dip may come this share of a season earlier or later (decision 2133)
CHANCE = 0.01  # a stretch holding 0s is named only where a run like it comes by chance less often (decision 2132)


def find(panel: Panel, splits: list[Split], season: int = 1, placed: dict | None = None,
         horizon: int = 0, floor: bool = False) -> list[dict]:
    """The stretches of each target column of each series (the module's rule): ``{"series": s, "owner"
    (``series_owner``), "column", "start", "end" (its first and last rows, as the data writes them), "rows",
    "training_rows" (those among the first ``splits[s].train_end``), "validation_rows" (those from there to
    ``val_end``: they choose the epoch), "later_rows" (those after: scored), "low", "high" (the least and most of its
    rows' values as a share of the usual level: over 1 a surge), "scale", "scale_without" (MASE's scale of the rows
    before the cutoff, ``val_end``, with and without the stretch's pairs, NaN where no pair is left; "span": its
    first and last times, or row numbers, to order by; ``placed``: ``calendarlags.placed(panel)``, whose calendar steps the scale pairs), "mean",
    "mean_without" (the training mean likewise), "season"}``, series then column then time order; a column ``unread``
    passes over is ``{"series", "owner", "column", "unread": why}``. Splits of None are passed over, and so is a
    stretch from ``split.end + horizon`` on (a refit backtest's cutoff whose training, validation and forecast rows end
    before it, decision 2084). ``floor``: ``--nonnegative`` declared 0 the targets' floor, so a value below 0 is the
    fault, read as 0, and a stretch's "below_zero" counts them (a concentration's zero drift, decision 2237)."""
    found = []
    for s, split in enumerate(splits):
        if split is None:
            continue
        n = int(panel.lengths[s])
        table = training_values(panel, s, n, panel.n_targets)  # [n, T] all the series' rows, made values NaN
        at = panel.time_of(s) if panel.time_of(s) is not None else panel.numbered(s)  # [n] to order stretches by
        day = rows_a_day(panel.time_of(s))
        for j in range(table.shape[1]):
            if np.isfinite(table[:, j]).sum() >= 3 * SHORTEST and (why := unread(table[:, j], floor)):
                found.append({"series": s, "owner": series_owner(panel, s), "column": str(panel.named_columns(s)[j]),
                              "unread": why})  # said once a call (decision 2088)
            long = longstretches.runs(np.maximum(table[:, j], 0.0) if floor else table[:, j], season, day,
                                      panel.time_of(s))  # months that come back (decision 2250); floored as 2237 reads
            for lo, hi, low, high in sorted(long + [r for r in stretches(table[:, j], season, day, floor)
                                                    if not any(a < r[1] and r[0] < b for a, b, *_ in long)]):
                if lo >= split.end + horizon:
                    continue  # rows this fit never reads
                found.append({"series": s, "owner": series_owner(panel, s), "column": str(panel.named_columns(s)[j]),
                              "start": panel.when(s, lo), "end": panel.when(s, hi - 1), "rows": hi - lo,
                              "span": (at[lo], at[hi - 1]),
                              "training_rows": max(0, min(hi, split.train_end) - lo),
                              "validation_rows": max(0, min(hi, split.val_end) - max(lo, split.train_end)),
                              "later_rows": max(0, hi - max(lo, split.val_end)), "low": low, "high": high,
                              "below_zero": int((table[lo:hi, j] < 0).sum()),
                              "season": season, **_effects(table[: split.val_end, j], lo, hi, season,
                                                            placed[s][0][: split.val_end]
                                                            if placed and s in placed else None)})
    return found


def rows_a_day(times) -> int:
    """How many rows make a day for rows ``times`` [R] apart (their median step) under a day, else 1: a stretch of
    rows under a day (a cold night's dip in an hourly temperature, t38t8) is the day's own course, no interruption
    (decision 2085)."""
    if times is None or len(times) < 2 or not hasattr(times, "dtype") or times.dtype.kind not in "Mm" \
            and not isinstance(getattr(times, "dtype", None), pd.DatetimeTZDtype):
        return 1
    step = pd.Series(pd.DatetimeIndex(times)).diff().median()
    return int(round(pd.Timedelta(days=1) / step)) if pd.notna(step) and pd.Timedelta(0) < step < pd.Timedelta(days=1) else 1


def stretches(column: np.ndarray, season: int = 1, day: int = 1,
              floor: bool = False) -> list[tuple[int, int, float, float]]:
    """``(first row, row after the last, least share, most share)`` of each stretch of ``column`` [R] (NaN: not read),
    the module's rule, in row order: shares under 1 a drop, over 1 a surge (decision 2087); none where ``unread`` gives
    a reason, fewer than ``SHORTEST * 3`` values are read, or more than ``MOST`` stretches go the same way. A 0 reads as
    ``ZERO`` of the column's median (its share: 0), and a stretch of 0s in a column never else 0 is ``outageruns``'s;
    one holding 0s is kept only where ``_by_chance`` finds it rare, and none whose level is read off 0s (decision 2132).
    ``day``: rows a day (``rows_a_day``); a stretch holds a day of rows at least (decision 2085), and may run to
    ``RUN_LONGEST`` days of rows, at most a quarter of the rows (decision 2089). ``floor``: a value below 0 reads as 0
    (``find``'s, decision 2237)."""
    given = np.asarray(column, dtype=np.float64)  # outageruns reads its 0s (decision 1925)
    column = np.maximum(given, 0.0) if floor else given  # below the floor: a 0, as 0s are read (decision 2237)
    read = np.isfinite(column)
    if read.sum() < 3 * SHORTEST or unread(column, floor):
        return []
    shortest = max(SHORTEST, day)
    days = RUN_LONGEST if day <= 1 else min(RUN_LONGEST * day, int(read.sum()) // 4)
    longest = max(days, 2 * season if 1 < season <= LONGEST else 0, 2 * shortest)
    logged = np.log(np.where(read, np.maximum(column, ZERO * np.median(column[read])), np.nan))
    away = _distance(logged, season, longest)  # [R] log distance from the usual level
    plain = pd.Series(_distance(logged, 1, longest)).rolling(3, center=True, min_periods=1).median().to_numpy() \
        if 1 < season <= LONGEST else away  # [R] the same with the season's course kept in, over 3 rows (decision 2152)
    if np.isfinite(away).sum() < 3 * SHORTEST:  # too few rows for the rolling level
        return []
    spread = 1.4826 * float(np.nanmedian(np.abs(away - np.nanmedian(away))))
    limit = max(np.log(FAR), ROBUST * spread)
    zeros, real = read & (column == 0), read & (given == 0)  # real: the 0s as written, outageruns' (not a floored one)
    floored = _floored(zeros, read, longest)  # [R] the level's rows half 0s or more: a floored 0 (decision 2132)
    found = []
    for sign in (-1, 1):  # below the level, then above it
        side = _merged(np.where(sign * away > limit, sign, 0), sign * away > limit / 2)  # [R]
        these = []
        for lo, hi in _runs(side):
            before, after = away[max(lo - longest, 0): lo], away[hi: hi + longest]
            if not shortest <= hi - lo <= longest or np.isfinite(before).sum() < SHORTEST \
                    or np.isfinite(after).sum() < SHORTEST or _recurs(-sign * away, lo, hi, season, limit) \
                    or 1 < season <= LONGEST and seasonpeaks.own(sign * plain, column if sign > 0 else None, lo, hi,
                                                                 season, int(DRIFT * season), np.log(FAR) / 2):
                continue  # an outlying run, a level that moves, one at an end of the rows, or a season's own dip
            if real[lo:hi].sum() == read[lo:hi].sum() and _outages(real, int(read.sum())):
                continue  # a run of 0s in a column never else 0: outageruns names it (decision 1925)
            if floored[lo:hi].any() or zeros[lo:hi].any() and _by_chance(zeros, sign * away > limit / 2, read, lo, hi,
                                                                             longest):
                continue  # a level read off 0s, or 0s as the column's own rate gives them (decision 2132)
            if abs(np.nanmedian(before)) < np.log(FAR) and abs(np.nanmedian(after)) < np.log(FAR):
                shares = (column / np.exp(logged - away))[lo:hi]  # [hi - lo] each row over its usual level
                shares = shares[np.isfinite(shares)]
                these.append((lo, hi, float(shares.min()), float(shares.max())))
        found += these if len(these) <= MOST else []
    return sorted(found)


def unread(column: np.ndarray, floor: bool = False) -> str | None:
    """Why ``column`` [R] (NaN: not read) has no level for a stretch to be a share of, or None where it has: a value
    below 0 (a temperature in degrees, a change: its 0 is no floor), or half its values 0 or below (a count of rare
    events); a drop to 0 of a column otherwise above it (sales in a closure) is read (decision 2088). ``floor``: 0 is
    the column's floor (``--nonnegative``), a value below it read as 0 (decision 2237)."""
    values = np.asarray(column, dtype=np.float64)
    values = values[np.isfinite(values)]
    values = np.maximum(values, 0.0) if floor else values
    if (values < 0).any():
        return "values below 0"
    return "half its values or more 0" if len(values) and np.median(values) <= 0 else None


def _distance(logged: np.ndarray, season: int, longest: int) -> np.ndarray:
    """[R] each row of ``logged`` [R] less its seasonal profile and the rolling median (``4 * longest + 1`` rows)
    of that."""
    values = pd.Series(logged)
    if 1 < season <= LONGEST and len(values) >= 3 * season:
        local = values.rolling(season, center=True, min_periods=season // 2 + 1).median()
        offsets = (values - local).groupby(np.arange(len(values)) % season).median()  # [season] the profile
        offsets = offsets.reindex(range(season)).fillna(0.0)
        values = values - (offsets - offsets.median()).to_numpy()[np.arange(len(values)) % season]
    level = values.rolling(4 * longest + 1, center=True, min_periods=longest).median()
    return (values - level).to_numpy()


def _floored(zeros: np.ndarray, read: np.ndarray, longest: int) -> np.ndarray:
    """[R] bool: whether half or more of the read rows of the rolling window ``_distance`` takes each row's level from
    (``4 * longest + 1`` rows) are 0 (``zeros`` [R], ``read`` [R]), so that level is ``ZERO`` of the median, no level
    (a column 45 % 0s read ordinary days as 200 times its level)."""
    share = pd.Series(np.where(read, zeros, np.nan)).rolling(4 * longest + 1, center=True, min_periods=longest).mean()
    return (share >= 0.5).to_numpy()


def _by_chance(zeros: np.ndarray, low: np.ndarray, read: np.ndarray, lo: int, hi: int, longest: int) -> bool:
    """Whether the rows ``lo`` to ``hi``, holding 0s, are a run the column's own rates give somewhere among its read
    rows: the share of the read rows outside them that are 0 (``zeros`` [R]), and that are ``low`` [R] (as far below
    the level) but not 0, each raised to the count of such rows inside, times the rows read, ``CHANCE`` or more. Five
    0s in a row in daily sales 0 on 30 % of days at random (0.3 ** 5 * 730: 1.8) are chance; two weeks at 0 in sales 0
    on 8 other days of 716 (0.011 ** 14 * 730) are not. Where the 0s outside come in runs (a shop shut a few days at a
    time), the chance of the stretch's runs of 0s is read off those runs instead where it is higher (``_clustered``,
    decision 2153): a week of 0s in a column 0 only in runs averaging 3 days is one more of them, not rare; runs over
    ``longest`` rows (a winter closure) are no such run (decision 2203)."""
    outside = read.copy()
    outside[lo:hi] = False
    if not outside.any():
        return False
    other = low & ~zeros & read
    chance = max(float(zeros[outside].mean()) ** int(zeros[lo:hi].sum()), _clustered(zeros, outside, lo, hi, longest)) \
        * float(other[outside].mean()) ** int(other[lo:hi].sum())
    return chance * int(read.sum()) >= CHANCE


def _clustered(zeros: np.ndarray, outside: np.ndarray, lo: int, hi: int, longest: int) -> float:
    """The chance per row read of the runs of 0s within the rows ``lo`` to ``hi`` (``zeros`` [R]) where 0s come in
    runs as they do in the rows ``outside`` [R] (bool): for each run, the share of those rows where a run of 0s starts,
    times the chance that a 0 is followed by another (1 - runs / 0s) to the run's length less one (a two-state chain,
    which for 0s at random is the share of 0s; decision 2153), fitted on the runs of ``longest`` rows or fewer (those
    a stretch could be): a seasonal closure's 90-day runs made any run of 0s likely (decision 2203). 0 where none."""
    runs = [(a, b) for a, b in _runs((zeros & outside).astype(np.int8)) if b - a <= longest]
    if not runs:
        return 0.0
    start, stay = len(runs) / int(outside.sum()), 1 - len(runs) / sum(b - a for a, b in runs)
    return float(np.prod([start * stay ** (b - a - 1) for a, b in _runs(zeros[lo:hi].astype(np.int8))]))


def _merged(side: np.ndarray, near: np.ndarray) -> np.ndarray:
    """``side`` [R] with each gap of fewer than ``SHORTEST`` rows between two of its runs filled where every row of
    the gap is ``near`` [R] (bool: half as far): a month at 35 % among months at 10-30 % splits no stretch."""
    side = side.copy()
    runs = _runs(side)
    for (_, end), (start, _) in zip(runs[:-1], runs[1:]):
        if start - end < SHORTEST and near[end:start].all():
            side[end:start] = side[start]
    return side


def _recurs(away: np.ndarray, lo: int, hi: int, season: int, limit: float) -> bool:
    """Whether the rows ``lo`` to ``hi`` of ``away`` [R] (a surge's: its distances negated) dip again a whole number of
    seasons earlier or later (the fewest beyond the stretch's length), give or take ``DRIFT`` of a season: their median
    over half ``limit`` below the level, a season's dip the profile missed (the ILI providers' summer drop of its first
    years; a flu peak that comes some weeks earlier or later each year, decision 2133), no interruption."""
    if not 1 < season <= LONGEST:
        return False
    shift, drift = season * -(-(hi - lo) // season), int(DRIFT * season)
    offsets = range(max(-drift, hi - lo - shift), drift + 1)  # never onto the stretch's own rows
    for a in sorted({lo + side * (shift + d) for side in (-1, 1) for d in offsets}):
        rows = away[max(a, 0): max(a + hi - lo, 0)]
        if np.isfinite(rows).sum() >= SHORTEST and np.nanmedian(rows) < -limit / 2:
            return True
    return False


def _outages(zeros: np.ndarray, read: int) -> bool:
    """Whether ``outageruns`` names each run of ``zeros`` [R] (bool) among ``read`` values as an outage: runs of
    ``MIN_ROWS`` or more, ``RECURRING`` at most, ``SHARE`` of the values at most."""
    runs = _runs(zeros.astype(np.int8))
    return all(b - a >= outageruns.MIN_ROWS for a, b in runs) and len(runs) <= outageruns.RECURRING \
        and zeros.sum() <= outageruns.SHARE * read


def _runs(side: np.ndarray) -> list[tuple[int, int]]:
    """``(first, after last)`` of each run of equal nonzero values of ``side`` [R]."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], side, [0]])) != 0)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:]) if side[a] != 0]


def _effects(before: np.ndarray, lo: int, hi: int, season: int, positions: np.ndarray | None) -> dict:
    """MASE's scale and the training mean baseline of the values ``before`` [R] the cutoff (training and validation
    rows, as ``observed.in_sample`` takes them: decisions 2173, 2174; NaN: made, kept out as it keeps them), with and
    without the rows ``lo`` to ``hi`` (decision 2210)."""
    seen = np.isfinite(before)
    without = seen.copy()
    without[lo:hi] = False
    values = np.where(seen, before, 0.0)
    scale = lambda kept: calendarlags.scale(values, positions, max(season, 1), kept) if len(values) > season \
        else float("nan")  # noqa: E731
    mean = lambda kept: float(values[kept].mean()) if kept.any() else float("nan")  # noqa: E731
    return {"scale": scale(seen), "scale_without": scale(without), "mean": mean(seen), "mean_without": mean(without)}


def warn(panel: Panel, found: list[dict], final: bool = False) -> list[str]:
    """Say each stretch of ``find`` once (within ``noticed.said_once``'s block), the series and columns sharing its
    dates and direction in one line (``interruptionlines.line``): where, how far, what it does to MASE's scale (not on
    a ``final`` fit, which makes none: decision 2156) and the training mean, and what to do; said again, once, at the
    first refit cutoff that trains on a stretch an earlier cutoff named untrained (decision 2090). The columns not
    read, once a call, in one INFO line (decision 2088). Returns the lines said."""
    groups: list[list[dict]] = []
    for f in sorted((f for f in found if "unread" not in f), key=lambda f: (f["low"] > 1, f["span"][0])):
        if groups and (groups[-1][0]["low"] > 1) == (f["low"] > 1) and \
                f["span"][0] <= max(g["span"][1] for g in groups[-1]):  # overlapping, the same way: one line
            groups[-1].append(f)
        else:
            groups.append([f])
    said = []
    for these in groups:
        key = tuple(f"{f['series']} {f['column']} {f['start']}" for f in these)
        new = first_in_block("interruption", *key) and first_in_call("interruption", *key)  # decision 2084
        trained = any(f["training_rows"] for f in these) and first_in_call("interruption trained", *key)
        if new or trained and first_in_block("interruption trained", *key):
            said.append(text := interruptionlines.line(panel, these, again=not new, final=final))
            log.warning("%s", text)
    unread = [f for f in found if "unread" in f]
    if unread and first_in_call("interruption unread", *(f"{f['series']} {f['column']}" for f in unread)):
        said.append(text := interruptionlines.unread_line(panel, unread))
        log.info("%s", text)
    return said

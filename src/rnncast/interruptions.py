"""A stretch of rows far below the level before and after it, that then comes back (a closure, a
pandemic's collapse, a strike): named at fit with its dates, how far, and what it does to MASE's scale (decision 2053).

t38t5's hotel nights ran at 10-30 % of their level from 2020-04 to 2021-06 (15 months) and came back: too long for
outlying values (``spikes``: back within ``spikes.SHORT`` rows), not a level that moves once and stays
(``levelshifts``), and no single step far beyond the rest (``jumps``), so nothing named it, while its 8 training
months doubled every series' MASE scale (a model read as "better than the in-sample seasonal naive", MASE 0.977, on
the pre-collapse scale 1.876). ``find`` reads each positive target column of each series on all its rows (a made
value, ``--fill``'s, as none): the log values less their seasonal profile (the median, over the cycles, of each
position's distance from a rolling median one season wide; none where the season is 1 or over ``LONGEST``), against
the rolling median of that over ``4 * longest + 1`` rows (``longest``: twice the season, ``RUN_LONGEST`` rows at
least), which a stretch of ``longest`` rows or fewer does not move. Rows under ``1 / FAR`` of it and further than
``ROBUST`` robust standard deviations of those distances, ``SHORTEST`` to ``longest`` in a row (a gap of fewer than
``SHORTEST`` rows at half the distance joined), with ``SHORTEST`` rows or more before and after them at the usual level
(median distance within ``FAR``), are a stretch; not one whose rows a whole number of seasons away dip too (a season's
own dip the profile missed), and none in a column with more than ``MOST`` of them (a pattern the season does not
describe). A surge above the level (an epidemic's wave) is the series' own and left alone, and a column with a value
of 0 or below (a solar plant's nights; a week of 0s is ``outageruns``'s to name) is not read: it has no level to be a
share of. ``warn`` says each stretch once, the series whose stretches overlap together, with its training and
validation rows (those choose the epoch); a refit backtest says it once, at the first cutoff whose training,
validation or forecast rows reach it (decision 2084).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import calendarlags
from rnncast.climatology import training_values
from rnncast.noticed import first_in_block, first_in_call
from rnncast.panel import Panel, of_series, series_owner
from rnncast.spelling import counted, listing, some
from rnncast.windows import Split

log = logging.getLogger(__name__)

FAR = 2.0  # a row at over twice (or under half) its usual level
ROBUST = 6  # and further than this many robust standard deviations of the rows' distances from it
SHORTEST = 4  # rows in a row at least: longer than an outlying run (spikes.SHORT, 3)
RUN_LONGEST = 24  # rows at most, or twice the season: longer reads as a level that moves (levelshifts)
MOST = 2  # stretches in one column at most: more are a pattern, not an interruption
LONGEST = 60  # a longer season has no profile here (as levelshifts)


def find(panel: Panel, splits: list[Split], season: int = 1, placed: dict | None = None,
         horizon: int = 0) -> list[dict]:
    """The stretches of each target column of each series (the module's rule): ``{"series": s, "owner"
    (``series_owner``), "column", "start", "end" (its first and last rows, as the data writes them), "rows",
    "training_rows" (those among the first ``splits[s].train_end``), "validation_rows" (those from there to
    ``val_end``: they choose the epoch), "later_rows" (those after: scored), "low", "high" (the least and most of its rows'
    values as a share of the usual level), "scale", "scale_without" (MASE's scale of the training rows with and
    without the stretch's pairs, NaN where no pair is left; "span": its first and last times, or row numbers, to order
    by; ``placed``: ``calendarlags.placed(panel)``, whose calendar
    steps the scale pairs), "mean", "mean_without" (the training mean likewise), "season"}``, series then column then
    time order. Splits of None are passed over, and so is a stretch from ``split.end + horizon`` on (a refit
    backtest's cutoff whose training, validation and forecast rows end before it, decision 2084)."""
    found = []
    for s, split in enumerate(splits):
        if split is None:
            continue
        n = int(panel.lengths[s])
        table = training_values(panel, s, n, panel.n_targets)  # [n, T] all the series' rows, made values NaN
        at = panel.time_of(s) if panel.time_of(s) is not None else panel.numbered(s)  # [n] to order stretches by
        day = rows_a_day(panel.time_of(s))
        for j in range(table.shape[1]):
            for lo, hi, low, high in stretches(table[:, j], season, day):
                if lo >= split.end + horizon:
                    continue  # rows this fit never reads
                found.append({"series": s, "owner": series_owner(panel, s), "column": str(panel.named_columns(s)[j]),
                              "start": panel.when(s, lo), "end": panel.when(s, hi - 1), "rows": hi - lo,
                              "span": (at[lo], at[hi - 1]),
                              "training_rows": max(0, min(hi, split.train_end) - lo),
                              "validation_rows": max(0, min(hi, split.val_end) - max(lo, split.train_end)),
                              "later_rows": max(0, hi - max(lo, split.val_end)), "low": low, "high": high,
                              "season": season, **_effects(table[: split.train_end, j], lo, hi, season,
                                                            placed[s][0][: split.train_end]
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


def stretches(column: np.ndarray, season: int = 1, day: int = 1) -> list[tuple[int, int, float, float]]:
    """``(first row, row after the last, least share, most share)`` of each stretch of ``column`` [R] (NaN: not read),
    the module's rule; none where the column holds a value of 0 or below, fewer than ``SHORTEST * 3`` values read,
    or more than ``MOST`` stretches. ``day``: rows a day (``rows_a_day``); a stretch holds a day of rows at least, and
    may run to twice that (decision 2085)."""
    column = np.asarray(column, dtype=np.float64)
    read = np.isfinite(column)
    if read.sum() < 3 * SHORTEST or (column[read] <= 0).any():
        return []
    shortest = max(SHORTEST, day)
    longest = max(RUN_LONGEST, 2 * season if 1 < season <= LONGEST else 0, 2 * shortest)
    away = _distance(np.log(np.where(read, column, np.nan)), season, longest)  # [R] log distance from the usual level
    if np.isfinite(away).sum() < 3 * SHORTEST:  # too few rows for the rolling level
        return []
    spread = 1.4826 * float(np.nanmedian(np.abs(away - np.nanmedian(away))))
    limit = max(np.log(FAR), ROBUST * spread)
    side = _merged(np.where(away < -limit, -1, 0), away < -limit / 2)  # [R] below it (a surge is left alone)
    found = []
    for lo, hi in _runs(side):
        before, after = away[max(lo - longest, 0): lo], away[hi: hi + longest]
        if not shortest <= hi - lo <= longest or np.isfinite(before).sum() < SHORTEST \
                or np.isfinite(after).sum() < SHORTEST or _recurs(away, lo, hi, season, limit):
            continue  # an outlying run, a level that moves, one at an end of the rows, or a season's own dip
        if abs(np.nanmedian(before)) < np.log(FAR) and abs(np.nanmedian(after)) < np.log(FAR):
            shares = np.exp(away[lo:hi][np.isfinite(away[lo:hi])])
            found.append((lo, hi, float(shares.min()), float(shares.max())))
    return found if len(found) <= MOST else []


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
    """Whether the rows ``lo`` to ``hi`` of ``away`` [R] dip again a whole number of seasons earlier or later (the
    fewest beyond the stretch's length): their median over half ``limit`` below the level, a season's dip the profile
    missed (the ILI providers' summer drop of its first years), not an interruption."""
    if not 1 < season <= LONGEST:
        return False
    shift = season * -(-(hi - lo) // season)
    for a in (lo - shift, lo + shift):
        rows = away[max(a, 0): max(a + hi - lo, 0)]
        if np.isfinite(rows).sum() >= SHORTEST and np.nanmedian(rows) < -limit / 2:
            return True
    return False


def _runs(side: np.ndarray) -> list[tuple[int, int]]:
    """``(first, after last)`` of each run of equal nonzero values of ``side`` [R]."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], side, [0]])) != 0)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:]) if side[a] != 0]


def _effects(train: np.ndarray, lo: int, hi: int, season: int, positions: np.ndarray | None) -> dict:
    """MASE's scale and the mean of the training values ``train`` [R] (NaN: made, kept out as ``observed.in_sample``
    keeps them) with and without the rows ``lo`` to ``hi``."""
    seen = np.isfinite(train)
    without = seen.copy()
    without[lo:hi] = False
    values = np.where(seen, train, 0.0)
    scale = lambda kept: calendarlags.scale(values, positions, max(season, 1), kept) if len(values) > season \
        else float("nan")  # noqa: E731
    mean = lambda kept: float(values[kept].mean()) if kept.any() else float("nan")  # noqa: E731
    return {"scale": scale(seen), "scale_without": scale(without), "mean": mean(seen), "mean_without": mean(without)}


def warn(panel: Panel, found: list[dict]) -> list[str]:
    """Say each stretch of ``find`` once (within ``noticed.said_once``'s block), the series and columns sharing its
    dates in one line: where, how far, what it does to MASE's scale and the training mean, and what to do. Returns the
    lines said."""
    groups: list[list[dict]] = []
    for f in sorted(found, key=lambda f: f["span"][0]):  # stretches that overlap are one (a panel's own dates)
        if groups and f["span"][0] <= max(g["span"][1] for g in groups[-1]):
            groups[-1].append(f)
        else:
            groups.append([f])
    said = []
    for these in groups:
        key = ("interruption", *(f"{f['series']} {f['column']} {f['start']}" for f in these))
        if not (first_in_block(*key) and first_in_call(*key)):  # a refit backtest: its first cutoff (decision 2084)
            continue
        said.append(text := _line(panel, these))
        log.warning("%s", text)
    return said


def _line(panel: Panel, these: list[dict]) -> str:
    """One group's line: "series 'Alps' runs at 10-30 % of its level from 2020-04 to 2021-06 (15 rows, ...)"."""
    f = these[0]
    names = [g["owner"] if g["owner"] and panel.n_targets == 1 else
             f"column {g['column']!r}{of_series(panel, g['series'])}" for g in these]
    said = names if len(names) == 1 or not all(n.startswith("series ") for n in names) else [
        names[0], *(n[len("series "):] for n in names[1:])]  # series 'Alps', 'Capital' and 10 more
    one = len(these) == 1
    low, high = min(g["low"] for g in these), max(g["high"] for g in these)
    share = f"{100 * low:.0f}-{100 * high:.0f} %" if round(100 * low) != round(100 * high) else f"{100 * low:.0f} %"
    trained, checked = [g["training_rows"] for g in these], [g["validation_rows"] for g in these]
    inside = ("all of them training rows" if all(t == g["rows"] for t, g in zip(trained, these)) else
              "none of them training rows" if not any(trained) else
              counted(trained[0], "training row") if len(set(trained)) == 1 else "some of them training rows")
    if any(checked):  # the validation rows choose the epoch kept (decision 2084): "15 rows: 0 training, 9 validation"
        inside = f"{_span(trained)} training, {_span(checked)} validation rows, which choose the epoch"
    its, who = ("its", listing(said)) if one else ("their", listing(said) if len(said) <= 5 else some(said))
    first, last = min(these, key=lambda g: g["span"][0]), max(these, key=lambda g: g["span"][1])
    rows = sorted({g["rows"] for g in these})
    same = len({g["start"] for g in these}) == 1 and len({g["end"] for g in these}) == 1
    where = (f"from {f['start']} to {f['end']} ({counted(f['rows'], 'row')}" if same else
             f"between {first['start']} and {last['end']} ({rows[0]} to {rows[-1]} rows in a row, the dates differing "
             "by series")
    scored = any(g["later_rows"] for g in these)
    text = (f"{who} {'runs' if one else 'run'} at {share} of {its} level {where}{': ' if any(checked) else ', '}"
            f"{inside}) and {'comes' if one else 'come'} back: an interruption (a closure, an outage, a pandemic)? "
            + ("The network learns it as the series' behaviour" if any(trained) else
               "The network never trained on it, yet its loss on those validation rows chooses the epoch kept, or keeps "
               "the untrained network where no epoch beats it there" if any(checked) else "The network never trained on it")
            + (", and the scores of the windows over it measure forecasts of it" if scored and not any(trained) else ""))
    raised = [g for g in these if g["training_rows"] and g["scale_without"] > 0]
    if raised:
        g = max(raised, key=lambda g: g["scale"] / g["scale_without"])
        unit = "one row" if g["season"] <= 1 else f"one season ({g['season']} rows)"
        change = 100 * (g["mean"] / g["mean_without"] - 1) if g["mean_without"] else float("nan")
        most = "" if one else f" ({names[these.index(g)]}, the most)"
        text += (f", and {its} training rows raise MASE's scale (the training rows' mean difference {unit} apart) "
                 f"{g['scale'] / g['scale_without']:.2f} times: {g['scale']:.6g} with the stretch's pairs, "
                 f"{g['scale_without']:.6g} without{most}, so every MASE reads lower; the training mean moves "
                 f"{change:+.0f}%")
    return text + ("; to keep them out, blank those rows and fit with --fill interpolate (fill='interpolate'), whose "
                   "made values stay out of the scores, MASE's scale and the training mean, or mark them with a future "
                   "covariate (a 0/1 column, --future-covariates)")


def _span(counts: list[int]) -> str:
    """"9" where the series of a line share the count, "4 to 9" where they differ."""
    return str(counts[0]) if len(set(counts)) == 1 else f"{min(counts)} to {max(counts)}"

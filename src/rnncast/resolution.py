"""Whether a series' scaled values still tell its latest values apart.

The network reads each column scaled by its training rows' statistics, in float32 (about seven significant digits).
One extreme value among them (a sentinel 999999999, a typed 1e12) inflates the spread so far that the values near
the end of the series, those predict reads and the test scores, become indistinguishable in float32: a tester's
monthly sales near 150 came back as -200, with "the model forecasts the window's last value" said beside it.
``check`` refuses that by name: the column, the series, the value and its time, how coarse the end of the series
becomes and what to do. Data spanning many orders of magnitude (exponential growth) keeps its end resolved and is
not refused: only the last ``lookback + horizon`` training rows are weighed, against their own steps.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

import numpy as np

from rnncast.errors import RnncastError
from rnncast.panel import Panel, of_series
from rnncast.scaling import Scaler
from rnncast.settingvalues import missing_numbers
from rnncast.timetext import shown
from rnncast.windows import Split

SCORED = " (a row of the data given: its errors would drive every score it enters)"  # evaluate's, backtest's
READ = " (a row predict reads: the forecasts would be inf or nan)"
FITTED = " (a row the model scores: its errors would drive every score it enters)"  # evaluate's, compare's
TESTED = " (a test row: its errors would drive every score)"  # fit's
TUNED = (" (a test row: tune's trials never score it, but the fit of the settings tune finds would refuse it: its"
         " errors would drive every test score)")  # tune's: refused before the search, not after it
_TEST_ROW: ContextVar[str] = ContextVar("rnncast_test_row", default=TESTED)
LOST = 0.05  # refused where float32 blurs the series' last rows by more than this share of their median step


@contextmanager
def test_rows_told(words: str) -> Iterator[None]:
    """The block's refusals of a test row say ``words`` (tune's trials: ``TUNED``) instead of fit's ``TESTED``."""
    token = _TEST_ROW.set(words)
    try:
        yield
    finally:
        _TEST_ROW.reset(token)


def check(panel: Panel, splits: list[Split], scalers: list[Scaler], lookback: int, horizon: int) -> None:
    """Refuse (``RnncastError``) the first column of a series whose last ``lookback + horizon`` training rows, scaled
    by its scaler [C] and held in float32 as the network holds them, come back off by more than ``LOST`` of their
    median step (rows [T_s, C] of ``panel``; the value furthest from its training rows' median named, with its time).
    Test rows are not weighed: the scaler is not fitted on them, and a large one is large at its own precision."""
    tail = lookback + horizon
    for s, (split, scaler) in enumerate(zip(splits, scalers)):
        rows = panel.rows(s)
        end = rows[: split.train_end][-tail:]  # what its scaler was fitted on: a test row's own size is its own
        if len(end) < 2:
            continue
        with np.errstate(invalid="ignore", over="ignore"):
            steps = _median(np.abs(np.diff(end, axis=0)))  # [C]
            back = scaler.transform(end).astype(np.float64) * scaler.scale + scaler.offset
            blur = np.nanmax(np.where(np.isfinite(end), np.abs(back - end), 0.0), axis=0)  # [C]
        lost = np.flatnonzero((steps > 0) & (blur > LOST * steps))
        if lost.size:
            train, j = rows[: split.train_end], int(lost[0])
            _refuse(panel, s, j, train, _far(train[:, j], None, tail), float(blur[j]), float(steps[j]), tail)


def named(panel: Panel, splits: list[Split] | None, lookback: int, horizon: int, scored: str = "", last: int = 0,
          at_end: bool = False, begin: dict[int, int] | None = None) -> None:
    """Before any scaler is fitted: refuse (``RnncastError``) one value of a series, wherever it sits (training,
    validation or test rows; target or covariate), so far from the rest that, scaled by the spread it makes, the
    series' last ``lookback + horizon`` training rows blur in float32 as ``check`` weighs them: a test row's 1e40
    overflowed float32 into nan scores, and its 1e20 drove every score, unnamed (decision 853). Weighed on the column
    divided by its largest magnitude, whose blur against its steps is the same: a training row's 1e300 is named so
    too, not told to be divided by a power of ten (left to ``Scaler.fit`` where the whole column is that large).
    ``scored``: where the data a fitted model scores (evaluate), a backtest cuts or predict reads is weighed whole
    (``splits`` None: each series whole; predict: the ``last`` rows of each), what the refusal says of such a row. A
    change of level (the training rows' end far from the rest too) is left to ``check``, which names it on the
    training rows. ``at_end``: the series' last rows weighed instead of its training rows' (fit's second look: what
    evaluate weighs when it scores the same data, so a run is refused before training, not after). ``begin``
    {series: row}: then those series' rows from that one on too, a tail at a time (``_scored_rows``), as fit weighs
    its validation and test rows: the first row evaluate's windows read, or a backtest's first window (two test rows
    of 1e9 among values near 100, twenty rows before the end, were scored by evaluate: the series' end alone was
    weighed)."""
    _named(panel, splits, lookback, horizon, scored, last, (at_end,), begin=begin)


def _named(panel: Panel, splits: list[Split] | None, lookback: int, horizon: int, scored: str, last: int,
           cuts: tuple[bool, ...], scored_rows: bool = False, begin: dict[int, int] | None = None) -> None:
    """``named`` at each of ``cuts`` (its ``at_end``s) in turn, every series weighed at one before the next: each
    series' statistics (its columns' largest magnitude, mean and spread [C]) computed once for all of them; then,
    with ``scored_rows``, each series' validation and test rows a ``tail`` at a time (``_scored_rows``); ``begin``
    {series: row}: those series' rows from that one on so."""
    tail = lookback + horizon
    splits = [Split(n, n, n) for n in panel.lengths.tolist()] if splits is None else splits
    weighed = []
    for s, split in enumerate(splits):
        first = max(split.end - last, 0) if last else 0  # predict reads a series' last lookback rows only
        rows, split = panel.rows(s)[first : split.end], Split(*(b - first for b in (split.train_end, split.val_end, split.end)))
        if split.train_end < 2:
            continue
        finite = np.isfinite(rows)
        count = finite.sum(axis=0)  # [C]
        top = np.where(finite, np.abs(rows), 0.0).max(axis=0)  # [C] the largest magnitude: 1 once divided by it
        unit = np.where(finite, rows, 0.0) / np.where(top > 0, top, 1.0)  # in [-1, 1]: no statistic overflows
        mean = unit.sum(axis=0) / np.maximum(count, 1)
        spread = np.sqrt((np.where(finite, unit - mean, 0.0) ** 2).sum(axis=0) / np.maximum(count, 1))
        weighed.append((s, first, split, count, top, mean, spread))
    for at_end in cuts:
        for s, first, split, count, top, mean, spread in weighed:
            rows = panel.rows(s)[first : first + split.end]
            cut = split.end if at_end else split.train_end  # the rows whose end is weighed
            steps, blur = _blurred(rows[:cut][-tail:][None], top, mean, spread)  # [1, C]
            _lost(panel, s, rows, count, top, steps, blur, [cut], tail, split=split, scored=scored, first=first,
                  at_end=at_end)
    for s, first, split, count, top, mean, spread in weighed if scored_rows or begin is not None else ():
        start = split.train_end if begin is None else max(begin.get(s, split.end), 0)
        _scored_rows(panel, s, split, count, top, mean, spread, tail, start, scored)


def _scored_rows(panel: Panel, s: int, split: Split, count: np.ndarray, top: np.ndarray, mean: np.ndarray,
                 spread: np.ndarray, tail: int, begin: int, said: str = "") -> None:
    """``_named``'s rule on series ``s``' rows from ``begin`` on (fit: its validation and test rows; evaluate,
    backtest: the rows their windows read, told ``said``), ``tail`` rows at a time back from its end (its
    column statistics [C] as ``_named`` computed them): each such row ends a window fit scores, so a value there is
    weighed against its own neighbours' steps as backtest weighs it at a cutoff after it, wherever it sits (a 1e9
    twenty rows before the end was scored, unnamed, at fit; backtest refused it). Training rows: ``check``'s."""
    rows = panel.rows(s)[: split.end]
    n_cuts = -(-(split.end - begin) // tail)  # chunks of tail rows back from the end, over the rows weighed
    start = split.end - n_cuts * tail
    if n_cuts == 0:
        return
    pad = max(-start, 0)
    chunks = np.concatenate([np.full((pad, rows.shape[1]), np.nan), rows[max(start, 0):]]).reshape(n_cuts, tail, -1)
    scored = (start + np.arange(n_cuts * tail) >= begin).reshape(n_cuts, tail, 1)
    steps, blur = _blurred(chunks, top, mean, spread, scored)  # [K, C]
    _lost(panel, s, rows, count, top, steps, blur, start + (np.arange(n_cuts) + 1) * tail, tail, split=split,
          scored=said, around=True)


def _blurred(rows: np.ndarray, top: np.ndarray, mean: np.ndarray, spread: np.ndarray,
             weighed: np.ndarray | bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Of ``rows`` [K, tail, C] (NaN: none) divided by their column's largest magnitude ``top`` [C], with its ``mean``
    and ``spread`` [C] in that unit (``_named``'s statistics): each column's median step [K, C] between finite rows
    in a row (0: none), and how far the float32 round trip of the rows standardised moves them [K, C], the most over
    the finite rows ``weighed`` [K, tail, 1] (every one: True)."""
    kept = np.isfinite(rows)
    unit = np.where(kept, rows, 0.0) / np.where(top > 0, top, 1.0)  # in [-1, 1]: no statistic overflows
    steps = _median(np.where(kept[:, 1:] & kept[:, :-1], np.abs(np.diff(unit, axis=1)), np.nan))
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        back = ((unit - mean) / spread).astype(np.float32).astype(np.float64) * spread + mean
        blur = np.where(kept & weighed & (spread > 0), np.abs(back - unit), 0.0).max(axis=1)
    return steps, blur


def _lost(panel: Panel, s: int, rows: np.ndarray, count: np.ndarray, top: np.ndarray, steps: np.ndarray,
          blur: np.ndarray, cuts, tail: int, **said) -> None:
    """Refuse (``_refuse``, told ``said``) the first column of series ``s`` (its ``rows``; ``count``, ``top`` [C]:
    ``_named``'s) whose ``blur`` passes ``LOST`` of its median step (``_blurred``'s [K, C], at the K rows ``cuts``),
    unless its value furthest from the rest is a change of level or real growth: left to ``check`` (the training
    rows), the next column weighed. A burst that comes back to the old level (``_burst``) is neither."""
    for c, j in np.argwhere((count >= 3) & (top > 0) & (steps > 0) & (blur > LOST * steps)).tolist():
        far = _far(rows[:, j], int(cuts[c]), tail)
        if _burst(rows[:, j], far) is None and (_moved(rows[:, j], far) or _in_run(rows[:, j], far)):
            continue
        _refuse(panel, s, j, rows, far, float(blur[c, j] * top[j]), float(steps[c, j] * top[j]), tail, **said)


def future(values: np.ndarray, names: list[str], panel: Panel, when: list, offset: np.ndarray, scale: np.ndarray,
           state) -> None:
    """Refuse (``RnncastError``) the first value of the future covariates [S, H, F] (original units; ``offset``,
    ``scale`` [S, F]: their columns' fitted scalers) that, scaled so, overflows float32 (the forecasts inf or nan) or
    is so large there that float32 sums beside it tell apart nothing finer than ``LOST`` of the column's median step in
    the last ``lookback`` rows predict reads (its fitted spread where they never move): ``named``'s reasoning, on the
    fitted spread, which such a value does not widen. A 1e20 temperature forecast 1.7e18, a 1e40 inf, exit 0. Numbers
    of the model's (``state``) missing_values are left to ``missingcodes.refuse_future``; ``when`` [S] x [H]: the times."""
    n_f, lookback, codes = values.shape[2], state.settings.data.lookback, missing_numbers(state.settings.data.missing_values)
    rows = panel.values[(panel.offsets[1:] - lookback)[:, None] + np.arange(lookback), -n_f:]  # [S, L, F] rows read
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        moved = np.where(np.isfinite(rows[:, 1:] * rows[:, :-1]), np.abs(np.diff(rows, axis=1)), np.nan)  # [S, L-1, F]
        steps = np.array([_median(m) for m in moved]).reshape(offset.shape)  # [S, F]; 0: no two values read in a row
        steps = np.where(np.isfinite(steps) & (steps > 0), steps, scale)  # none, or never moving: its fitted spread
        read = ((values - offset[:, None]) / scale[:, None]).astype(np.float32)  # [S, H, F] as the network reads them
        blur = np.spacing(np.abs(read)).astype(np.float64) * scale[:, None]  # inf where read overflowed
    bad = ~np.isfinite(read) | (blur > LOST * steps[:, None])
    bad &= ~np.isin(values, np.asarray(codes, dtype=np.float64)) & ~np.isnan(values)
    if not bad.any():
        return
    s, h, f = (int(i) for i in np.argwhere(bad)[0])
    value, middle = float(values[s, h, f]), float(_median(rows[s, :, f : f + 1])[0])
    whose = of_series(panel, s)
    where = f"{shown(when[s][h], when[s], panel.calendar.text_format)} (forecast step {h + 1} of {values.shape[1]})"
    read_as = ("it overflows float32 as the network reads it: the forecasts would be inf or nan" if not np.isfinite(read[s, h, f])
               else f"it reads {float(read[s, h, f]):.3g} in float32, beside which the network's sums tell its inputs apart "
               f"only to within {blur[s, h, f]:.3g}, more than a twentieth of the column's median step ({steps[s, f]:.3g}), "
               "the most rnncast accepts: that one value would drive the forecasts")
    how = (f"scaled by the spread the model was fitted on ({float(scale[s, f]):.6g})" if
           state.settings.data.scaler != "none" else "read unscaled (scaler 'none')")
    raise RnncastError(
        f"column {names[f]!r} of the future values{whose} holds {value:.15g} at {where}, among values near {middle:.6g} "
        f"in the rows predict reads: {how}, {read_as}; correct or remove that value, in the unit the model was fitted on")


def _median(values: np.ndarray) -> np.ndarray:
    """Each column's median of its finite values, over the rows of ``values`` [..., N, C]: [..., C]; 0 where it has
    none (np.median's: the middle value, or the mean of the two middle ones)."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    n = finite.sum(axis=-2)  # [..., C]
    if values.shape[-2] == 0:
        return np.zeros(n.shape)
    ordered = np.sort(np.where(finite, values, np.nan), axis=-2)  # the finite first
    lo, hi = ((np.take_along_axis(ordered, np.clip(k, 0, None)[..., None, :], axis=-2)[..., 0, :])
              for k in ((n - 1) // 2, n // 2))
    return np.where(n == 0, 0.0, np.where(n % 2 == 1, lo, (lo + hi) / 2))


def named_at_fit(panel: Panel, splits: list[Split], lookback: int, horizon: int) -> None:
    """``named`` as fit asks it: at the training rows' end, and at the series' end, as evaluate of the same rows
    will weigh them (a 1e12 test row beside a flat end trained, then the run's report refused it: decision 906), then
    every validation and test row against its own neighbours, as backtest's cutoffs weigh them (``_scored_rows``)."""
    _named(panel, splits, lookback, horizon, "", 0, (False, True), True)  # each series' statistics computed once


def _far(column: np.ndarray, train_end: int | None, tail: int) -> tuple[float, int, float]:
    """(the median of ``column``'s finite values, the row of the value furthest from it, the median of its last
    ``tail`` training rows: those before ``train_end``, None: every row)."""
    finite = np.isfinite(column)
    middle = float(np.median(column[finite]))
    k = int(np.argmax(np.where(finite, np.abs(column - middle), -1.0)))
    return middle, k, float(np.nanmedian(column[:train_end][-tail:]))  # the training rows' end


def _moved(column: np.ndarray, far: tuple[float, int, float]) -> bool:
    """Whether the training rows' end is itself far from the rest (``_far``'s figures): the series changed level."""
    middle, k, end = far
    return abs(end - middle) >= abs(column[k] - middle) / 2


def _in_run(column: np.ndarray, far: tuple[float, int, float]) -> bool:
    """Whether the value furthest from the rest (``_far``'s row) sits among neighbours nearly as far (the rows just
    before or after it at least half its distance from the median): a run of rising values, a series' real growth
    (a tester's visits rising from 1e7 to 1e9 over its last 20 days were refused one day at a time as typos), not one
    wrong value. A value float32 cannot hold (1e40) is never passed over so."""
    middle, k, _ = far
    if not abs(column[k]) < np.finfo(np.float32).max:
        return False
    near = [column[i] for i in (k - 1, k + 1) if 0 <= i < len(column) and np.isfinite(column[i])]
    return any(abs(v - middle) >= abs(column[k] - middle) / 2 for v in near)


def _burst(column: np.ndarray, far: tuple[float, int, float]) -> tuple[int, int] | None:
    """The first and last rows of the stretch of ``column``'s finite rows around its value furthest from the rest
    (``_far``'s row) at least half as far from the median as it, where finite rows before and after that stretch are
    both back within a tenth of that distance: a burst of wrong values (a tester's 2-5 test rows of 1e9 in a series
    near 100 were taken for growth by ``_in_run`` and scored, exit 0), not a change of level or growth, which do not
    come back. None where the stretch reaches either end of the column or does not come back (a blank is passed over)."""
    middle, k, _ = far
    rows = np.flatnonzero(np.isfinite(column))
    p, distance = int(np.searchsorted(rows, k)), np.abs(column[rows] - middle)
    near = np.flatnonzero(distance < distance[p] / 2)  # the rows outside the stretch
    before, after = near[near < p], near[near > p]
    if not before.size or not after.size:
        return None
    if max(distance[before[-1]], distance[after[0]]) > distance[p] / 10:
        return None
    return int(rows[before[-1] + 1]), int(rows[after[0] - 1])


def _refuse(panel: Panel, s: int, j: int, train: np.ndarray, far: tuple[float, int, float], blur: float, step: float,
            tail: int, split: Split | None = None, scored: str = "", first: int = 0, at_end: bool = False,
            around: bool = False) -> None:
    """Refuse column ``j`` of series ``s`` (its rows ``train``: the training rows, or every row with its ``split``,
    when the value may sit in the validation or test rows; from the series' row ``first``; ``far``: ``_far``'s):
    by its change of level (``_moved``), else by its value furthest from the rest."""
    column = train[:, j]
    finite = np.isfinite(column)
    middle, k, end = far
    part = scored or ("" if split is None or k < split.train_end else
                      " (a validation row)" if k < split.val_end else _TEST_ROW.get())
    among = "training values" if not part else "values"
    name = panel.named_columns(s)[j]
    whose = of_series(panel, s)
    rows = (f"the {tail} rows around it" if around else f"its last {tail} rows" if scored or at_end else
            f"its last {tail} training rows")
    blurred = (f"in float32 as the network reads it, {rows} are told apart only to within "
               f"{blur:.3g}, more than a twentieth of their median step ({step:.3g}), the most rnncast accepts: the "
               "network's arithmetic compounds such errors into its forecasts")
    burst = _burst(column, far)
    if burst is None and _moved(column, far):  # ``check``'s alone: ``named`` leaves a change of level to it
        since = int(np.flatnonzero(finite & (np.abs(column - middle) < np.abs(column - end)))[-1]) + 1
        raise RnncastError(
            f"column {name!r}{whose} moves from values near {middle:.6g} to values near {end:.6g} (from {panel.when(s, since)} "
            f"on): scaled by the spread of both, {blurred}; fit the rows from that change on, or give both stretches in "
            "one unit")
    run = 0 if burst is None else int(np.isfinite(column[burst[0] : burst[1] + 1]).sum())
    among = (f"{such_values(run, panel.when(s, first + burst[0]), panel.when(s, first + burst[1]))}, among {among}"
             if run > 1 else f", among {among}")
    raise RnncastError(
        f"column {name!r}{whose} holds {column[k]:.15g} at {panel.when(s, first + k)}{part}{among} near {middle:.6g}: scaled "
        f"by the spread {'they make' if run > 1 else 'it makes'}, {blurred}; correct or remove "
        f"{'those values' if run > 1 else 'that value'} (a code for a missing value: leave the cell blank"
        f"{_fills(scored)})")


def such_values(run: int, start: str, end: str, in_a_row: bool = True) -> str:
    """A burst's extent as its refusal words it, and ``swampedscores``' warning: ", one of 3 such values in a row from
    2025-01-15 to 2025-01-17" (``in_a_row`` False: others between them)."""
    return f", one of {run} such values{' in a row' if in_a_row else ''} from {start} to {end}"


def _fills(scored: str) -> str:
    """What fills the blank ``_refuse`` advises: a fitted model's fill (predict, evaluate: fixed at fit, so a model
    fitted without one refits), else the fill the command takes."""
    if scored in (READ, FITTED):
        return "; the model fills it as it was fitted to: one fitted without fill= refuses it, refit with --fill"
    return " and give fill=, --fill"

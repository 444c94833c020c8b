"""Prediction intervals for the baselines, so that a quantile model's pinball loss and coverage have something to be
compared against: each baseline's point forecast plus the empirical quantiles of its own errors on the training rows.

Forecasters build a simple method's intervals so (Hyndman and Athanasopoulos, *Forecasting: Principles and
Practice*, 3rd ed., section 5.5 "Distributional forecasts and prediction intervals": where no distribution is
assumed, the quantiles of the method's own errors): for each baseline, each horizon step ``h`` and each target, the
quantiles at the model's levels of that baseline's ``h``-step errors over the training windows (those whose
targets all lie in the training rows: never a validation or test row, so nothing scored leaks into them), added to
the baseline's forecast of every window scored. An error is learned where the scores would count one (``training``):
each step against the actual of its own date (a date the data lacks has none, and the row after it is a later
date's), never a value fill made, and no window whose inputs fill made from later rows. The errors are each
series' own (a panel's series have their own levels and spreads: pooled, a small series would get a large one's
width), scored then as the model is, pooled over the windows. A nonnegative model's baseline quantiles are clipped at zero as its own are
(``negatives.clipped``); empirical quantiles rise with the level, so they stay sorted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from rnncast import bandcounts, baselines, filledwindows, noticed, seasonalgaps, stepactuals
from rnncast.spelling import counted
from rnncast.windows import panel_window_starts

log = logging.getLogger(__name__)


def point_forecasts(values: np.ndarray, target_rows: np.ndarray, series: np.ndarray, means: np.ndarray,
                    horizon: int, n_t: int, season: int, climate: np.ndarray | None = None,
                    before: np.ndarray | None = None, placed: dict | None = None) -> dict:
    """The baselines' forecasts [W, H, T] of the windows whose first target is stacked row ``target_rows`` [W] of
    ``values`` [N, C] (targets first), each of series ``series`` [W] with training mean ``means`` [S, T]: the repeat
    of the last value, the training mean, with a ``season`` over 1 the seasonal naive forecast, and the climatology
    ``climate`` [W, H, T] where one was made (``climatology.forecasts``; its intervals are not learned). The seasonal
    naive forecast reads the series' own ``season`` rows before the first target, whatever the lookback (decision
    1778); ``before`` [W]: the rows of each window's series before its first target, where given: NaN forecasts for
    a window with fewer than ``season`` calendar steps of them (``seasonalgaps.steps_before``: rows where no
    ``placed`` calendar places them; no row of another series read; the callers leave such windows out, decision 2028).
    ``placed`` (``calendarcuts.placed_series``, with ``before``): a series whose rows skip a step of its calendar is
    read a season of calendar steps back, NaN where the data lacks that step (``seasonalgaps.by_calendar``, decision
    1966); the rows are read where none is skipped."""
    rows = target_rows[:, None] - season + np.arange(season)  # [W, season]
    short = None if before is None else np.asarray(before) < season  # [W] fewer rows than a season before
    if short is not None and short.any():
        rows = np.where(short[:, None], target_rows[:, None] - 1, rows)  # a row of its own, read by calendar or blanked
        short = seasonalgaps.steps_before(before, series, placed or {}) < season  # fewer steps: blanked (decision 2028)
    last_inputs = values[:, :n_t][rows]  # [W, season, T]
    shape = (len(series), horizon, n_t)  # the two flat baselines as read-only views of [W, 1, T] (decision 1561)
    base = {"repeat": np.broadcast_to(last_inputs[:, -1:], shape), "mean": np.broadcast_to(means[series][:, None, :], shape)}
    if season > 1:
        base["seasonal"] = baselines.seasonal_naive(last_inputs, horizon, n_t, season)
        if placed and before is not None:  # the same time of the season, not the same count of rows (decision 1966)
            base["seasonal"] = seasonalgaps.by_calendar(base["seasonal"], values, target_rows, before, series, n_t,
                                                        season, placed)
        if short is not None and short.any():
            base["seasonal"] = np.where(short[:, None, None], np.nan, base["seasonal"]).astype(base["seasonal"].dtype)
    if climate is not None:
        base["climatology"] = climate
    return base


@dataclass
class Training:
    """The training windows a baseline's errors are learned on (``training``): ``target_rows`` [Wt] each one's first
    target, a row of the stacked values; ``series`` [Wt] (sorted); ``actual_rows`` [Wt, H] the stacked row of each
    step's actual at its own date; ``unused`` [Wt, H, T] the values that are no error of a forecast (a date the data
    lacks, a value fill made, or every value of a window whose inputs fill made from later rows); ``n_series``; ``said``:
    what was left out, by count ("" where nothing was); ``before`` [Wt]: the rows of each one's series before its first
    target (the seasonal naive baseline learns only from those with a season of them: decision 1827); ``placed``: the
    series on their calendars the steps were dated by, which the seasonal naive reads back on too (decision 1966)."""

    target_rows: np.ndarray
    series: np.ndarray
    actual_rows: np.ndarray
    unused: np.ndarray
    n_series: int
    said: str = ""
    before: np.ndarray | None = None
    placed: dict | None = None


def training(offsets: np.ndarray, splits: list, fit_starts, wanted: np.ndarray, lookback: int, horizon: int, n_t: int,
             season: int, filled: np.ndarray | None = None, read: tuple[int, int] = (0, 0), placed: dict | None = None
             ) -> Training:
    """The training windows of the series ``wanted`` (``windows.panel_window_starts``: targets all in ``splits[s]``'s
    training rows of series ``s``, rows ``offsets[s]:offsets[s + 1]``, from row ``fit_starts[s]`` on where given; all of
    them, whatever the season: decision 1827), each step's actual at its own date and what is no error, by the rules the scores keep
    (``stepactuals``, ``filledwindows``): a step whose date the data lacks (``placed``: ``calendarcuts.placed_series``)
    has no actual, and the row after the cutoff is a later date's; a value ``filled`` [N, C] made is none; a window
    whose inputs hold values fill made from later rows (``filledwindows.reads_later``, ``read``: its future
    covariates and the target columns it never reads) is left out whole. What was left out is logged by count, once
    in a call (``noticed.first_in_call``: fit learns the same windows for its validation and its test part)."""
    starts, series = panel_window_starts(splits, offsets, "train", lookback, horizon)
    offsets = np.asarray(offsets, dtype=np.int64)
    first = 0 if fit_starts is None else np.asarray(fit_starts, dtype=np.int64)[series]
    keep = np.isin(series, wanted) & (starts - offsets[series] >= first)  # none before fit's; each season's: decision 1827
    starts, series = starts[keep], series[keep]
    target_rows = starts + lookback
    lacking = stepactuals.lacking_steps(target_rows - offsets[series] - 1, series, horizon, placed or {})[0]  # [Wt, H]
    actual_rows = target_rows[:, None] + np.cumsum(~lacking, axis=1) - 1  # the dates present, in order (stepactuals.align)
    made = filledwindows.filled_targets(filled, actual_rows, n_t)
    later = filledwindows.reads_later(filled, starts, lookback, horizon, *read)
    later = np.zeros(len(starts), bool) if later is None else later
    unused = np.broadcast_to(lacking[..., None], (len(starts), horizon, n_t)) | later[:, None, None]
    made = None if made is None else made & ~lacking[..., None]  # a step the data lacks is left out as lacking
    if made is not None:
        unused = unused | made
    said = _said(lacking, made, later, unused)
    if said and noticed.first_in_call("baselines' training windows", said):  # fit learns them for val and test: once (decision 1815)
        log.info("%s", said)
    return Training(target_rows, series, actual_rows, unused, len(splits), said, target_rows - offsets[series], placed)


def _said(lacking: np.ndarray, made: np.ndarray | None, later: np.ndarray, unused: np.ndarray) -> str:
    """What the learning left out of the training windows, by count; "" where nothing was. ``made``: the steps whose
    actual fill made, on a date the data has (None: none made)."""
    total = len(unused)
    if not total:  # no training window: nothing learned, nothing left out
        return ""
    whole = unused.reshape(total, -1).all(axis=1)
    kept = ~whole
    parts = [f"{counted(int(later.sum()), 'window')} whose inputs hold values fill made from later rows left out whole"
             ] if later.any() else []
    if lacking[kept].any():
        parts.append(f"{counted(int(lacking[kept].sum()), 'step')} on dates the data has no row for")
    if made is not None and made[kept].any():
        parts.append(f"{counted(int(made[kept].sum()), 'step')} whose actual fill made")
    if not parts:
        return ""
    empty = int((whole & ~later).sum())
    none = f"; {counted(empty, 'window')} with no actual at its own dates" if empty else ""
    return (f"the baselines' intervals are learned from the errors of {int(kept.sum())} of the {total} training windows, "
            f"each step against the actual of its own date: {'; '.join(parts)} (no error of a forecast){none}")


def error_quantiles(values: np.ndarray, windows: Training, means: np.ndarray, levels, horizon: int, n_t: int,
                    season: int) -> dict:
    """Each baseline's name -> [S, H, T, Q]: the quantiles at ``levels`` of its errors (actual less forecast) at each
    horizon step of each series' training ``windows`` (``training``: each step's actual at its own date, the values
    ``unused`` left out) of ``values`` [N, C] (targets first); NaN for a series with no training window or a step
    none of whose values is an actual, or with fewer errors than ``bandcounts.fewest`` takes at the levels (decision
    1875: a flat band of one window's error covered nothing). The seasonal naive baseline learns from the windows with ``season`` rows of
    their series before them (``windows.before``: NaN errors for the others), the rest from every one (decision 1827)."""
    actual = np.where(windows.unused, np.nan, values[windows.actual_rows][..., :n_t].astype(np.float64))  # [Wt, H, T]
    errors = {name: actual - forecast for name, forecast in point_forecasts(
        values, windows.target_rows, windows.series, means, horizon, n_t, season, before=windows.before,
        placed=windows.placed).items()}  # the seasonal naive's errors a season of calendar steps back (decision 1966)
    fewest = bandcounts.fewest(levels)  # decision 1875: fewer errors hold no interval at the levels
    return {name: grouped_quantiles(each, windows.series, windows.n_series, levels, fewest=fewest)
            for name, each in errors.items()}


def grouped_quantiles(errors: np.ndarray, group: np.ndarray, n_groups: int, levels, cells: int = 4_000_000,
                      fewest: int = 1) -> np.ndarray:
    """[G, H, T, Q]: the quantiles at ``levels`` of ``errors`` [W, H, T] over the windows of each group (``group``
    [W], sorted), NaN left out, as ``np.nanquantile``'s linear method takes them (the virtual index ``q * (n - 1)``
    among the ``n`` sorted values); NaN where a group has fewer than ``fewest`` values at that step and target (none,
    by default; ``bandcounts.fewest``: decision 1875). In blocks of groups of at most ``cells`` values."""
    levels = np.asarray(levels, dtype=np.float64)
    out = np.full((n_groups, *errors.shape[1:], len(levels)), np.nan)
    counts = np.bincount(group, minlength=n_groups)
    firsts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    most = max(int(counts.max(initial=0)), 1)
    step = max(cells // (most * max(int(np.prod(errors.shape[1:])), 1)), 1)
    for lo in range(0, n_groups, step):
        hi = min(lo + step, n_groups)
        mine = (group >= lo) & (group < hi)
        padded = np.full((hi - lo, most, *errors.shape[1:]), np.nan)
        padded[group[mine] - lo, np.flatnonzero(mine) - firsts[group[mine]]] = errors[mine]
        padded.sort(axis=1)  # NaN last
        n = np.isfinite(padded).sum(axis=1)  # [g, H, T]
        for j, q in enumerate(levels):
            at = q * np.maximum(n - 1, 0)
            below = np.floor(at).astype(np.int64)
            above = np.minimum(below + 1, np.maximum(n - 1, 0))
            a = np.take_along_axis(padded, below[:, None], axis=1)[:, 0]
            b = np.take_along_axis(padded, above[:, None], axis=1)[:, 0]
            out[lo:hi, ..., j] = np.where(n >= max(fewest, 1), a + (b - a) * (at - below), np.nan)
    return out


def scaled_bands(values: np.ndarray, windows: Training, forecasts: dict, series: np.ndarray, means: np.ndarray, levels,
                 season: int, offset: np.ndarray, scale: np.ndarray, floor=None, own: dict | None = None, ceiling=None) -> dict:
    """Each baseline's quantile forecasts [W, H, T, Q] in scaled float32, as the network's quantiles are: made in
    ORIGINAL units (``bands`` of the ``forecasts`` [W, H, T] of windows of series ``series`` [W] and the quantiles of
    the errors on ``values`` [N, C] over the training ``windows``, ``means`` [S, T] the training means, at least
    ``floor`` and at most ``ceiling`` where given: decision 2257), then scaled once by each window's ``offset`` and ``scale`` [W, T]. A band the data's
    decimals make (143.86: an actual plus an error) is so the float32 of 143.86 scaled, which its shortest decimal
    writes as 143.86, where a band added up from scaled float32 values came a float32 step or two off it and was
    written 143.860001 (decision 1452). ``own``: a baseline's error quantiles [W, H, T, Q] of each window's own, in
    place of its series' (a one-model backtest's, learned at each window's cutoff: ``cutoffbands``, decisions 2221, 2248)."""
    _, horizon, n_t = next(iter(forecasts.values())).shape
    made = bands(forecasts, error_quantiles(values, windows, means, levels, horizon, n_t, season), series, floor, ceiling)
    made.update(bands({name: forecasts[name] for name in own or {}}, own or {}, np.arange(len(series)), floor, ceiling))
    o, k = offset[:, None, :, None], scale[:, None, :, None]  # [W, 1, T, 1]
    with np.errstate(over="ignore"):
        return {name: ((band - o) / k).astype(np.float32) for name, band in made.items()}


def bands(forecasts: dict, quantiles: dict, series: np.ndarray, floor=None, ceiling=None) -> dict:
    """Each baseline's quantile forecasts [W, H, T, Q]: its forecast [W, H, T] plus its error quantiles [S, H, T, Q]
    of each window's series ``series`` [W], at least ``floor`` and at most ``ceiling`` (broadcast to [W, H, T, Q])
    where given."""
    out = {}
    for name, forecast in forecasts.items():
        if name in quantiles:
            band = np.asarray(forecast, dtype=np.float64)[..., None] + quantiles[name][series]
            band = band if floor is None else np.maximum(band, floor)
            out[name] = band if ceiling is None else np.minimum(band, ceiling)
    return out

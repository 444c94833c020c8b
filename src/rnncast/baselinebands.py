"""Prediction intervals for the baselines, so that a quantile model's pinball loss and coverage have something to be
compared against: each baseline's point forecast plus the empirical quantiles of its own errors on the training rows.

Forecasters build a simple method's intervals so (Hyndman and Athanasopoulos, *Forecasting: Principles and
Practice*, 3rd ed., section 5.5 "Distributional forecasts and prediction intervals": where no distribution is
assumed, the quantiles of the method's own errors): for each baseline, each horizon step ``h`` and each target, the
quantiles at the model's levels of that baseline's ``h``-step errors over the training windows (those whose
targets all lie in the training rows: never a validation or test row, so nothing scored leaks into them), added to
the baseline's forecast of every window scored. The errors are each series' own (a panel's series have their own
levels and spreads: pooled, a small series would get a large one's width), scored then as the model is, pooled
over the windows. A nonnegative model's baseline quantiles are clipped at zero as its own are
(``negatives.clipped``); empirical quantiles rise with the level, so they stay sorted.
"""

from __future__ import annotations

import numpy as np

from rnncast import baselines, filledwindows
from rnncast.windows import window_starts


def point_forecasts(values: np.ndarray, target_rows: np.ndarray, series: np.ndarray, means: np.ndarray,
                    horizon: int, n_t: int, season: int) -> dict:
    """The baselines' forecasts [W, H, T] of the windows whose first target is stacked row ``target_rows`` [W] of
    ``values`` [N, C] (targets first), each of series ``series`` [W] with training mean ``means`` [S, T]: the repeat
    of the last value, the training mean and, with a ``season`` over 1, the seasonal naive forecast."""
    last_inputs = values[target_rows[:, None] - season + np.arange(season)][..., :n_t]  # [W, season, T]
    base = {"repeat": baselines.repeat_last(last_inputs, horizon, n_t),
            "mean": np.ascontiguousarray(np.broadcast_to(means[series][:, None, :], (len(series), horizon, n_t)))}
    if season > 1:
        base["seasonal"] = baselines.seasonal_naive(last_inputs, horizon, n_t, season)
    return base


def error_quantiles(values: np.ndarray, offsets: np.ndarray, splits: list, fit_starts, means: np.ndarray,
                    wanted: np.ndarray, levels, lookback: int, horizon: int, n_t: int, season: int,
                    filled: np.ndarray | None = None) -> dict:
    """Each baseline's name -> [S, H, T, Q]: the quantiles at ``levels`` of its errors (actual less forecast) at each
    horizon step of each series' training windows (``splits[s]``'s training rows of series ``s``, rows
    ``offsets[s]:offsets[s + 1]`` of ``values``, from row ``fit_starts[s]`` on where given), for the series
    ``wanted``; NaN for a series with no training window or a step none of whose values was observed (``filled``
    [N, C]: values fill made are no error of a forecast)."""
    local, series = [], []
    for s in np.unique(wanted).tolist():
        starts = window_starts(splits[s], "train", lookback, horizon)
        first = max(season - lookback, 0 if fit_starts is None else int(fit_starts[s]))  # a season of inputs read
        local.append(starts[starts >= first])
        series.append(np.full(len(local[-1]), s, dtype=np.int64))
    series = np.concatenate(series) if series else np.zeros(0, dtype=np.int64)  # [Wt], grouped by series
    target_rows = (np.concatenate(local) if local else series) + lookback + np.asarray(offsets, dtype=np.int64)[series]
    rows = target_rows[:, None] + np.arange(horizon)  # [Wt, H] stacked
    actual = values[rows][..., :n_t].astype(np.float64)  # [Wt, H, T]
    if (made := filledwindows.filled_targets(filled, rows, n_t)) is not None:
        actual = np.where(made, np.nan, actual)
    return {name: grouped_quantiles(actual - forecast, series, len(splits), levels)
            for name, forecast in point_forecasts(values, target_rows, series, means, horizon, n_t, season).items()}


def grouped_quantiles(errors: np.ndarray, group: np.ndarray, n_groups: int, levels, cells: int = 4_000_000
                      ) -> np.ndarray:
    """[G, H, T, Q]: the quantiles at ``levels`` of ``errors`` [W, H, T] over the windows of each group (``group``
    [W], sorted), NaN left out, as ``np.nanquantile``'s linear method takes them (the virtual index ``q * (n - 1)``
    among the ``n`` sorted values); NaN where a group has none. In blocks of groups of at most ``cells`` values."""
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
            out[lo:hi, ..., j] = np.where(n > 0, a + (b - a) * (at - below), np.nan)
    return out


def bands(forecasts: dict, quantiles: dict, series: np.ndarray, floor=None) -> dict:
    """Each baseline's quantile forecasts [W, H, T, Q]: its forecast [W, H, T] plus its error quantiles [S, H, T, Q]
    of each window's series ``series`` [W], at least ``floor`` (broadcast to [W, H, T, Q]) where given."""
    out = {}
    for name, forecast in forecasts.items():
        if name in quantiles:
            band = np.asarray(forecast, dtype=np.float64)[..., None] + quantiles[name][series]
            out[name] = band if floor is None else np.maximum(band, floor)
    return out

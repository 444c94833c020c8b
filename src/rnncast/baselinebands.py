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
    n_s, levels = len(splits), np.asarray(levels, dtype=np.float64)
    out: dict = {}
    for s in np.unique(wanted).tolist():
        local = window_starts(splits[s], "train", lookback, horizon)
        first = max(season - lookback, 0 if fit_starts is None else int(fit_starts[s]))  # a season of inputs read
        local = local[local >= first]
        target_rows = local + lookback + int(offsets[s])  # [Wt] stacked
        rows = target_rows[:, None] + np.arange(horizon)  # [Wt, H]
        actual = values[rows][..., :n_t].astype(np.float64)  # [Wt, H, T]
        if (made := filledwindows.filled_targets(filled, rows, n_t)) is not None:
            actual = np.where(made, np.nan, actual)
        forecasts = point_forecasts(values, target_rows, np.full(len(local), s), means, horizon, n_t, season)
        for name, forecast in forecasts.items():
            each = out.setdefault(name, np.full((n_s, horizon, n_t, len(levels)), np.nan))
            if len(local):
                errors = actual - forecast
                quantile = np.quantile if np.isfinite(errors).all() else np.nanquantile
                with np.errstate(all="ignore"):
                    each[s] = np.moveaxis(quantile(errors, levels, axis=0), 0, -1)  # [H, T, Q]
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

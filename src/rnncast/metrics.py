"""Forecast metrics as pure functions of (y_true, y_pred), arrays of any matching shape.

Arrays shaped [windows, horizon, targets] are scored per target column and averaged over targets,
so a column with large values does not drown the others in R² (the mean of the targets' R² where defined:
``score``; a panel's each series' own R² averaged: ``seriesr2``). Interval metrics take the bounds
(``coverage``) or one quantile forecast and its level (``pinball``); MASE takes the training
values its scale comes from and the seasonal period.

The names ``score`` gives its scores are the names every output writes (metrics.json, ``--json``, the by-series
file, a tracker's): a score in percent ends in ``_pct`` (``smape_pct``, 0-200; ``mape_pct``), a fraction or a
value in the data's units does not (``coverage_80``, 0-1; ``mae``). Decision 669.

Arrays compared must have one shape: a forecast [n] against actuals [n, 1] is refused by name (RnncastError), not
broadcast to [n, n] (decision 772).
"""

from __future__ import annotations

import numpy as np

from rnncast.actualzeros import near_zero, rounded_zeros
from rnncast.errors import RnncastError


def mse(y_true, y_pred) -> float:
    """Mean squared error over every value: ``y_true``, ``y_pred`` arrays of one shape (any); in the values' units squared."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean((y_pred - y_true) ** 2))


def mae(y_true, y_pred) -> float:
    """Mean absolute error over every value: ``y_true``, ``y_pred`` arrays of one shape (any); in the values' units."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def rmse(y_true, y_pred) -> float:
    """Root of ``mse``: ``y_true``, ``y_pred`` arrays of one shape (any); in the values' units."""
    return float(np.sqrt(mse(y_true, y_pred)))


def r2(y_true, y_pred) -> float:
    """Coefficient of determination of the flattened values (1 is perfect, 0 is the mean; no units): ``y_true``,
    ``y_pred`` arrays of one shape (any). NaN when the true values do not vary."""
    y_true, y_pred = (a.ravel() for a in _pair(y_true, y_pred))
    total = np.sum((y_true - y_true.mean()) ** 2)
    if total == 0:
        return float("nan")
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / total)


PERCENT_SCORES = ("smape_pct", "mape_pct")  # the scores in percent, as ``score`` names them


def smape(y_true, y_pred) -> float:
    """Symmetric MAPE in percent (0-200): ``y_true``, ``y_pred`` arrays of one shape (any); pairs where both values
    are 0 count as exact."""
    y_true, y_pred = _pair(y_true, y_pred)
    denom = np.abs(y_true) + np.abs(y_pred)
    ratio = np.divide(2 * np.abs(y_pred - y_true), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(100 * np.mean(ratio))


def mape(y_true, y_pred, series=None) -> float:
    """MAPE in percent over the points whose true value is not 0 (NaN when every one is 0): ``y_true``, ``y_pred``
    arrays of one shape (any); ``series`` [W]: the series of each row along the first axis (None: one series).

    The guard against zeros: a point whose true value is 0, exactly or but for float rounding (``rounded_zeros``:
    sin(2 pi k) is 1e-16, not 0; judged in its own series' scale), has no percentage error and is left out (not
    counted as 0 %, not as infinite); when every true value is 0 the result is NaN.
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return _mape_over(y_true, y_pred, ~rounded_zeros(y_true, series=series))


def _mape_over(y_true: np.ndarray, y_pred: np.ndarray, keep: np.ndarray) -> float:
    if not keep.any():
        return float("nan")
    return float(100 * np.mean(np.abs((y_pred[keep] - y_true[keep]) / y_true[keep])))


def zero_actuals(y_true, y_pred, keep=None, series=None) -> dict | None:
    """Where the percentage scores are not what they seem: ``{"values", "zeros", "at_bound"}``, the values scored
    (``keep``, default all), how many of them are 0 (MAPE leaves them out; ``rounded``: how many of those are 0 only
    to float rounding, ``rounded_zeros``) and how many of those the forecast ``y_pred`` is not 0 at (sMAPE is 200 %
    there, its bound, however close the forecast). Where actuals change sign (``crosses_zero``) or some lie near 0
    (``near``: under ``actualzeros.NEAR`` of the mean |actual| of their target column) MAPE is dominated by a few values
    (Hyndman & Koehler 2006): ``dominant``, the fewest of the model's terms that make half its sum. None where
    nothing is to be said (a series far from 0). ``y_true``, ``y_pred`` (and ``keep``) arrays of one shape (any).

    ``series`` [W]: the series of each row along the first axis (None: one). Each test is made in each series' own
    scale (``actualzeros``: its own largest and mean |actual| of each target, its own signs), and ``"series": n``
    says so where the values scored are of n > 1 series (``runnotes.percent_note`` words it)."""
    y_true, y_pred = _pair(y_true, y_pred)
    keep = _keep(keep, y_true.shape)
    zero = rounded_zeros(y_true, keep, series)
    rest = keep & ~zero
    near, crosses = near_zero(y_true, rest, series)
    if not zero.any() and not near.any() and not crosses:
        return None
    result = {"values": int(keep.sum()), "zeros": int(zero.sum()), "at_bound": int((zero & (y_pred != 0)).sum())}
    if rounded := int((zero & (y_true != 0)).sum()):
        result["rounded"] = rounded
    if near.any() or crosses:
        terms = np.sort(np.abs((y_pred[rest] - y_true[rest]) / y_true[rest]))[::-1]
        result.update({"near": int(near.sum()), "crosses_zero": crosses,
                       "dominant": int(np.searchsorted(np.cumsum(terms), terms.sum() / 2) + 1)})
    scored = np.unique(np.asarray(series)[keep.reshape(len(keep), -1).any(axis=1)]) if series is not None else [0]
    if len(scored) > 1:  # each judged in its own scale: the note says so
        result["series"] = len(scored)
    return result


def naive_scale(y_train, season: int = 1, observed=None) -> float:
    """MASE's denominator: the in-sample MAE of the seasonal naive forecast over ``y_train`` [T] (season 1: naive).

    ``observed`` [T] bool: the values observed (default: all); a difference with a value not observed
    at either end is left out (a run of values carried forward would add zeros). NaN when no
    difference is left (too few values, or too few observed one season apart)."""
    y_train = _f64(y_train).ravel()
    _check_season(season)
    if len(y_train) <= season:
        return float("nan")
    diffs = np.abs(y_train[season:] - y_train[:-season])
    if observed is not None:
        observed = np.asarray(observed, dtype=bool).ravel()
        diffs = diffs[observed[season:] & observed[:-season]]
        if not len(diffs):
            return float("nan")
    return float(np.mean(diffs))


def mase(y_true, y_pred, y_train, season: int = 1, observed=None) -> float:
    """Mean absolute scaled error: MAE of the forecast over the in-sample MAE of the seasonal naive
    forecast on ``y_train`` (the series' training values, in time order; ``observed``: which of them
    were observed, see ``naive_scale``). Below 1: better than repeating the value one season earlier
    did in training. NaN when the training values cannot give a scale (too short, or a scale of 0). ``y_true``,
    ``y_pred`` arrays of one shape (any), ``y_train`` [T]; no units (the units cancel)."""
    error = mae(y_true, y_pred)  # the shapes refused before the scale is read
    scale = naive_scale(y_train, season, observed)
    return error / scale if scale > 0 else float("nan")


def coverage(y_true, lower, upper) -> float:
    """The fraction of true values inside their interval ``[lower, upper]`` (0 to 1): ``y_true``, ``lower``,
    ``upper`` arrays of one shape (any); NaN where they hold no value (a backtest window left out), with no warning,
    or where a bound is NaN, as ``pinball`` is (a seasonal naive baseline without an interval: decision 1827)."""
    (y_true, lower), (_, upper) = _pair(y_true, lower, "lower"), _pair(y_true, upper, "upper")
    if not y_true.size or np.isnan(lower).any() or np.isnan(upper).any():
        return float("nan")
    return float(np.mean((y_true >= lower) & (y_true <= upper)))


def pinball(y_true, q_pred, q: float) -> float:
    """Pinball (quantile) loss of the ``q`` quantile forecast ``q_pred``: ``q * e`` when the truth is
    above it by ``e``, ``(1 - q) * e`` when below. Its minimiser is the true ``q`` quantile. ``y_true``, ``q_pred``
    arrays of one shape (any); in the values' units. NaN where they hold no value (a backtest window left out,
    decision 1788), with no numpy warning."""
    if not 0 < q < 1:
        raise ValueError(f"quantile level must lie in (0, 1), got {q!r}")
    y_true, q_pred = _pair(y_true, q_pred, "q_pred")
    if not y_true.size:
        return float("nan")
    return float(np.mean(pinball_each(y_true, q_pred[..., None], np.asarray([q]))))


def pinball_each(y_true, q_pred, levels) -> np.ndarray:
    """Each value's pinball loss at each level, [..., Q]: ``y_true`` [...], ``q_pred`` [..., Q] at ``levels`` [Q]
    (``pinball`` takes its mean at one level, ``comparequantiles`` its mean over the levels per value)."""
    diff = y_true[..., None] - q_pred
    return np.maximum(levels * diff, (levels - 1) * diff)


def interval_pairs(quantiles) -> list[tuple[float, float, int | float]]:
    """The central intervals a set of quantile levels gives: ``(lo, hi, percent)`` for every level
    ``lo < 0.5`` whose mirror ``1 - lo`` is also present, e.g. (0.1, 0.9, 80) and (0.001, 0.999, 99.8):
    the percent as it is, a whole number where it is one (0.001-0.999 was named a 100% interval). ``lo`` and
    ``hi`` are the levels as given (0.30000000000000004 from np.linspace too), so each finds its place in them."""
    levels = {round(float(q), 6): q for q in quantiles}  # 1 - 0.1 is 0.9 to 6 decimals; the levels as given back
    return [(levels[lo], levels[round(1 - lo, 6)], _percent(100 * (float(levels[round(1 - lo, 6)]) - float(levels[lo]))))
            for lo in levels if lo < 0.5 and round(1 - lo, 6) in levels]  # the width of the exact levels: 1/3-2/3 is
    # 33.3333, where 1 - 2 x round(1/3, 6) made 33.3334


def _percent(value: float) -> int | float:
    whole = round(value)
    return int(whole) if abs(value - whole) < 1e-6 else round(value, 4)


def coverages(y_true, q_pred, quantiles, keep=None) -> dict:
    """``{"coverage_80": ...}``: the coverage of every central interval the levels give
    (``interval_pairs``); ``y_true`` [...], ``q_pred`` [..., Q] with the levels along the last axis;
    ``keep`` [...]: the values counted (default: all)."""
    y_true, q_pred = kept_values(y_true, q_pred, keep)
    levels = [float(q) for q in quantiles]
    return {f"coverage_{percent}": coverage(y_true, q_pred[..., levels.index(lo)], q_pred[..., levels.index(hi)])
            for lo, hi, percent in interval_pairs(levels)}


def wql(y_true, q_pred, q: float) -> float:
    """Weighted quantile loss of the level ``q``: twice the summed pinball loss over the summed |actual|, GluonTS's
    ``wQuantileLoss[q]`` (``gluonts.evaluation.Evaluator``: ``QuantileLoss[q] / abs_target_sum``, both summed over
    every value of every series, as GluonTS's aggregate pools them: a large series weighs more; its
    ``mean_wQuantileLoss`` is the mean over the levels, ``quantile_scores``' ``wql``). No units, so it compares across
    series. ``y_true``, ``q_pred`` arrays of one shape (any); NaN where they hold no value or every actual is 0."""
    y_true, q_pred = _pair(y_true, q_pred, "q_pred")
    total = float(np.abs(y_true).sum())
    return 2 * pinball(y_true, q_pred, q) * y_true.size / total if y_true.size and total > 0 else float("nan")


def msis(y_true, lower, upper, alpha: float, scale) -> float:
    """Mean scaled interval score of the ``1 - alpha`` central interval ``[lower, upper]``: M4's MSIS (Makridakis,
    Spiliotis & Assimakopoulos 2020, Int. J. Forecasting 36(1), 54-74; Gneiting & Raftery 2007's interval score, JASA
    102, eq. 43), pooled over values and scaled by the same seasonal naive MAE as MASE. Each value's ``(upper - lower)
    + 2 / alpha * (lower - y if y < lower) + 2 / alpha * (y - upper if y > upper)`` over its series' ``scale``
    (``naive_scale``: at the run's season, where M4 takes the data's frequency), averaged over every value as the
    pooled MASE is (M4 averages each series' and then the series'). ``y_true``, ``lower``, ``upper``, ``scale`` arrays
    of one shape (any); a value whose scale is not finite and positive is left out, as MASE leaves its series out; NaN
    where none is left or a bound is NaN. No units; lower is better (a width scores too)."""
    (y, lo), (_, hi) = _pair(y_true, lower, "lower"), _pair(y_true, upper, "upper")
    scale = _pair(y_true, scale, "scale")[1]
    usable = np.isfinite(scale) & (scale > 0)
    if not usable.any() or np.isnan(lo[usable]).any() or np.isnan(hi[usable]).any():
        return float("nan")
    y, lo, hi = y[usable], lo[usable], hi[usable]
    score = (hi - lo) + 2 / alpha * (np.maximum(lo - y, 0) + np.maximum(y - hi, 0))
    return float(np.mean(score / scale[usable]))


def quantile_scores(y_true, q_pred, quantiles, keep=None, scale=None) -> dict:
    """Mean pinball loss over the levels (the values' units), ``wql`` (the mean of each level's ``wql``, GluonTS's
    mean_wQuantileLoss; no units), the coverage of every central interval and, where ``scale`` is given, each one's
    MSIS (``msis_80`` for the 0.1-0.9 interval: ``msis``, alpha 0.2).

    ``y_true`` [...], ``q_pred`` [..., Q] with the levels ``quantiles`` along the last axis; ``keep``
    [...]: the values scored (default: all); ``scale`` [...]: each value's MASE denominator (``naive_scale`` of its
    series' training rows; not finite or 0: left out of MSIS).
    """
    scale = None if scale is None else kept_values(y_true, np.asarray(scale, np.float64)[..., None], keep)[1][..., 0]
    y_true, q_pred = kept_values(y_true, q_pred, keep)
    levels = [float(q) for q in quantiles]
    return {"pinball": float(np.mean([pinball(y_true, q_pred[..., i], q) for i, q in enumerate(levels)])),
            "wql": float(np.mean([wql(y_true, q_pred[..., i], q) for i, q in enumerate(levels)])),
            **coverages(y_true, q_pred, levels),
            **({} if scale is None else {f"msis_{percent}": msis(y_true, q_pred[..., levels.index(lo)], q_pred[
                ..., levels.index(hi)], 1 - percent / 100, scale) for lo, hi, percent in interval_pairs(levels)})}


RMSE_NOTE = "RMSE: the mean of the targets' RMSEs (MSE: of their MSEs), so not √MSE."  # beside a table of several


def rmse_note(targets: int) -> str | None:
    """What a table of scores of several ``targets`` says under it (``RMSE_NOTE``): its RMSE, as ``score`` pools it,
    is the mean of each target's RMSE, as scikit-learn's ``root_mean_squared_error`` pools outputs by default
    (``multioutput='uniform_average'``), not the root of the MSE beside it; None for one target, where it is."""
    return RMSE_NOTE if targets > 1 else None


def score(y_true, y_pred, keep=None, series=None) -> dict:
    """MSE, MAE, RMSE, R², sMAPE and MAPE (in percent: ``smape_pct``, ``mape_pct``); for [W, H, T] arrays, the mean over the T target columns (so the
    RMSE of several targets is the mean of their RMSEs, not the root of their mean MSE: ``rmse_note``).

    ``keep``: the values scored, a bool array of their shape (default: all); a target column with
    no value kept is left out of the mean over targets, and every score is NaN when none has one. R² is the mean over
    the targets whose scored values vary (one whose values never vary has none: ``r2notes.r2_note`` says so); NaN when
    none do. ``series`` [W]: each window's series, whose own scale says which actuals MAPE leaves out as 0 but for
    float rounding (``rounded_zeros``; None: one series). Each score in the units of the values given (MSE in them
    squared; R², sMAPE and MAPE in none of them)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    _check_shapes(y_true, y_pred)
    keep = _keep(keep, y_true.shape)
    nonzero = ~rounded_zeros(y_true, keep, series)
    columns = ([(y_true[..., k], y_pred[..., k], keep[..., k], nonzero[..., k]) for k in range(y_true.shape[-1])]
               if y_true.ndim == 3 else [(y_true, y_pred, keep, nonzero)])
    columns = [(t[m], p[m], z[m]) for t, p, m, z in columns if m.any()]
    names = {"mse": mse, "mae": mae, "rmse": rmse, "r2": r2, "smape_pct": smape}
    if not columns:
        return {name: float("nan") for name in (*names, "mape_pct")}
    each = {name: [fn(t, p) for t, p, _ in columns] for name, fn in names.items()}  # [targets] per score, each once
    each["r2"] = [v for v in each["r2"] if v == v]  # a target whose values never vary has none: the others' (r2_note)
    result = {name: float(np.mean(values)) if values else float("nan") for name, values in each.items()}
    result["mape_pct"] = float(np.mean([_mape_over(_f64(t), _f64(p), z) for t, p, z in columns]))
    return result


def _keep(keep, shape: tuple) -> np.ndarray:
    """``keep`` (the values scored; None: all) as a bool array of ``shape``."""
    return np.ones(shape, dtype=bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), shape)


def _f64(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def _pair(y_true, other, name: str = "y_pred") -> tuple[np.ndarray, np.ndarray]:
    """``y_true`` and ``other`` as float64 arrays, refused unless they have one shape."""
    y_true, other = _f64(y_true), _f64(other)
    _check_shapes(y_true, other, name)
    return y_true, other


def _check_shapes(y_true: np.ndarray, other: np.ndarray, name: str = "y_pred") -> None:
    if y_true.shape != other.shape:  # numpy would broadcast [n] against [n, 1] to [n, n]; scikit-learn refuses too
        raise RnncastError(f"y_true {y_true.shape} and {name} {other.shape} differ in shape; give arrays of one shape "
                           f"(e.g. {name}.reshape(y_true.shape) where they hold the same values), they are not broadcast")


def kept_values(y_true, q_pred, keep=None) -> tuple[np.ndarray, np.ndarray]:
    """``y_true`` [n] and ``q_pred`` [n, Q], float64, the values ``keep`` [...] (None: all) of a quantile score."""
    y, q = _f64(y_true), _f64(q_pred)
    if keep is None:
        return y.reshape(-1), q.reshape(-1, q.shape[-1])
    keep = np.asarray(keep, dtype=bool)
    return y[keep], q[keep]


def _check_season(season) -> None:
    if not isinstance(season, (int, np.integer)) or isinstance(season, bool) or season < 1:
        raise ValueError(f"season must be a positive integer (1: no season), got {season!r}")

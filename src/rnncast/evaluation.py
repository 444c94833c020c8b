"""Evaluation: the scores of a model's window forecasts beside its baselines, in original and in
scaled units, MASE against each series' in-sample naive error, and whether the model's lower
error is beyond chance (Diebold and Mariano, "Comparing Predictive Accuracy", JBES 1995).
"""

from __future__ import annotations

import numpy as np

from rnncast import metrics
from rnncast.forecasting import PartForecasts, WindowForecasts, take


def evaluate(forecasts: PartForecasts, by_series: bool = False) -> dict:
    """Scores of one part's windows (``forecasting.PartForecasts``: the same windows in original and
    scaled units, each series' MASE denominator and id).

    Returns ``{"windows", "horizon", "original": {name: scores}, "scaled": {...}, "significance":
    {baseline: Diebold-Mariano result}}`` and, with ``by_series``, ``"series": {id: scores}``
    (original units). Quantile models add the pinball loss and the coverage of each central interval.
    """
    original, scaled, mase_scales, ids = forecasts.original, forecasts.scaled, forecasts.mase_scales, forecasts.ids
    horizon = original.y_true.shape[1]
    result = {"windows": len(original.starts), "horizon": horizon}
    for units, wf in (("original", original), ("scaled", scaled)):
        result[units] = scores(wf, mase_scales[wf.series])
    result["significance"] = {
        name: metrics.diebold_mariano(scaled.y_pred - scaled.y_true, p - scaled.y_true, horizon)
        for name, p in scaled.baselines.items()
    }
    if by_series:
        result["series"] = {}
        for s in range(len(ids)):
            keep = original.series == s
            if keep.any():
                result["series"][ids[s]] = {"windows": int(keep.sum()),
                                            **scores(take(original, keep), mase_scales[original.series[keep]])}
    return result


def scores(wf: WindowForecasts, mase_scales: np.ndarray) -> dict:
    """Metrics of the model and of each baseline on the windows of ``wf``; ``mase_scales`` [W, T] is
    the in-sample naive MAE of each window's series, MASE's denominator."""
    scales = mase_scales[:, None, :]  # [W, 1, T]

    def one(y_pred):
        scores = metrics.score(wf.y_true, y_pred)
        with np.errstate(divide="ignore", invalid="ignore"):
            scores["mase"] = float(np.mean(np.abs(y_pred.astype(np.float64) - wf.y_true) / scales)) if len(wf.y_true) else float("nan")
        return scores

    result = {"model": one(wf.y_pred)}
    if wf.quantiles is not None:
        result["model"].update(metrics.quantile_scores(wf.y_true, wf.quantiles, wf.levels))
    result.update({name: one(p) for name, p in wf.baselines.items()})
    return result

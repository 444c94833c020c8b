"""A backtest's linear-fit check (decision 1985): the least squares of each target on the future-known features of its
own step, learned on the rows the model of each window learned from, scored on that window's values beside the model.

Fit's verdict opens with "A linear fit of the model's own inputs does far better than the model" where the model beats
every baseline but leaves at least twice what such a fit leaves unexplained (``samestep.far_behind``, decisions 1628,
1956); a backtest's said no such thing, however far behind. ``measure`` makes the check on the backtest's own windows,
out of sample: for each window, the fit learned on its series' training rows up to the cutoff its model learned from
(the first cutoff's without refit, its own with refit), forecasting each step from that step's future-known features;
R² of the fit and of the model on the same values (those the backtest scores, in original units), per series and
target, their medians (``samestep.measure``'s way: a panel's series weigh alike, whatever their units).
"""

from __future__ import annotations

import numpy as np

from rnncast.samestep import far_behind, least_squares
from rnncast.scoretext import apart
from rnncast.windowforecasts import WindowForecasts, scored

LEAST = 3  # values of a series and target on its windows, at least, for its R²


def measure(values_of, wf: WindowForecasts, ends: np.ndarray, window: np.ndarray, future: list[int]) -> dict | None:
    """``{"linear_fit_r2", "model_r2", "series"}``: the medians over series and targets of the R² of the linear fit
    (the module's) and of the model on the values scored of the backtest's windows, and how many series-target pairs
    they are of; None without future-known columns (``future``: their columns in ``values_of(s)`` [T_s, C], original
    units) or values to score. ``wf`` [W, H, T]: the windows' forecasts (original units, series-major); ``window`` [W]
    each one's cutoff number; ``ends`` [S, K]: the training rows' end of each series' model at each cutoff."""
    if not future or not len(wf.y_true):
        return None
    keep = scored(wf)
    keep = np.ones(wf.y_true.shape, dtype=bool) if keep is None else keep
    series = wf.series if wf.series is not None else np.zeros(len(wf.y_true), dtype=np.int64)  # [W]
    fits: dict = {}
    lin = np.full(wf.y_true.shape, np.nan)  # [W, H, T] the linear fit's forecasts
    for w, (s, k) in enumerate(zip(series.tolist(), window.tolist())):
        rows = values_of(s)
        present = np.ones(wf.y_true.shape[1], dtype=bool) if wf.absent is None else ~wf.absent[w, :, 0]
        at = wf.target_rows[w] + np.cumsum(present) - 1  # [H] each step's row (a step without a row: none)
        ok = present & (at < len(rows))
        for t in range(wf.y_true.shape[2]):
            key = (s, int(ends[s, k]), t)
            if key not in fits:  # one fit per series, target and training rows: a cutoff's windows share it
                fits[key] = _fit(rows[: key[1]], t, future)
            actual = wf.y_true[w, ok, t]
            if fits[key] is not None and ok.any() and np.allclose(rows[at[ok], t], actual, equal_nan=True):
                xm, ym, b = fits[key]  # only where the step's row is the row the actual was read from
                lin[w, ok, t] = ym + (rows[at[ok]][:, future] - xm) @ b
    same = np.isfinite(lin)  # [W, H, T] the values the fit forecast
    r2_lin, r2_model = [], []
    for s in np.unique(series):
        for t in range(wf.y_true.shape[2]):
            mask = (series == s)[:, None] & keep[:, :, t] & same[:, :, t] & np.isfinite(wf.y_true[:, :, t]) & \
                np.isfinite(wf.y_pred[:, :, t])
            y = wf.y_true[:, :, t][mask]
            if len(y) < LEAST or not y.var() > 0:
                continue
            total = ((y - y.mean()) ** 2).sum()
            r2_lin.append(1 - ((y - lin[:, :, t][mask]) ** 2).sum() / total)
            r2_model.append(1 - ((y - wf.y_pred[:, :, t][mask]) ** 2).sum() / total)
    if not r2_lin:
        return None
    return {"linear_fit_r2": float(np.median(r2_lin)), "model_r2": float(np.median(r2_model)), "series": len(r2_lin)}


def _fit(rows: np.ndarray, t: int, future: list[int]):
    """``samestep.least_squares`` of target ``t`` on the ``future`` columns of ``rows`` [R, C] (the finite ones), or
    None where they are too few or the target does not vary."""
    rows = np.asarray(rows, dtype=np.float64)
    rows = rows[np.isfinite(rows[:, [t, *future]]).all(axis=1)]
    if len(rows) < len(future) + 3 or not rows[:, t].var() > 0:
        return None
    return least_squares(rows[:, future], rows[:, t])


def behind_text(linear: dict | None, refit: bool = False) -> str | None:
    """The sentence that opens a backtest's verdict of "beats every baseline" where the model is far behind the linear
    fit on the backtest's values (``behind``): "A linear fit of the model's own inputs does far better than the model:
    least squares of the target on the future-known features of its own step, learned on the rows the model trained
    on (up to the first cutoff), has R² 1.000 on the backtest values, and the model 0.167. " (``refit``: "learned on
    each cutoff's training rows, as each model was"); None where it is not behind or no check was made."""
    if behind(linear) is None:
        return None
    said_fit, said_model = apart([linear["linear_fit_r2"], linear["model_r2"]])
    rows = "each cutoff's training rows, as each model was" if refit else \
        "the rows the model trained on (up to the first cutoff)"
    return (f"A linear fit of the model's own inputs does far better than the model: least squares of the target on "
            f"the future-known features of its own step, learned on {rows}, has R² {said_fit} on the backtest values, "
            f"and the model {said_model}. ")


def behind(linear: dict | None) -> dict | None:
    """``{"linear_fit_r2", "model_r2"}`` (metrics.json's ``behind_linear_fit``) where the model is far behind the
    linear fit on the backtest's values (``samestep.far_behind``'s rule on ``measure``'s R²); else None."""
    if linear is None or far_behind({"features_r2": linear["linear_fit_r2"]}, linear["model_r2"]) is None:
        return None
    return {"linear_fit_r2": linear["linear_fit_r2"], "model_r2": linear["model_r2"]}

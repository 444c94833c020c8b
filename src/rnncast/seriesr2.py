"""R² of a panel: each series' own R² about its own mean, averaged (``r2_by_series``), so that the gap between the
levels of series (stores of 10 and of 10,000 sales) counts in no one's variance, and how many series each target's
mean is over (``r2_series_counts``); ``evaluation`` scores a panel's windows so, ``metrics.r2`` one series'."""

from __future__ import annotations

import numpy as np


def r2_by_series(y_true, y_pred, series, keep=None) -> tuple[float, int]:
    """R² of each series on its own, averaged: ``(mean, count)``, ``count`` the series whose R² is defined in some target.

    ``y_true``, ``y_pred`` [W, H, T]; ``series`` [W] (any integer labels); ``keep`` [W, H, T]: the
    values scored (default: all). A series' R² in a target is ``1 - SSE / SST`` about its own mean, so that the gap
    between the levels of series (stores of 10 and of 10,000 sales) counts in no one's variance; a series whose scored
    values of a target do not vary has none there. Each target's R² is the mean over the series that have one, and
    ``mean`` is the mean of the targets' R² (those that have one), as ``score`` averages targets: the per-target
    figures shown beside it average to it. NaN (count 0) when no series has one."""
    per = _r2_each(y_true, y_pred, series, keep)  # [S, T]
    defined = ~np.isnan(per)
    if not defined.any():
        return float("nan"), 0
    targets = defined.any(axis=0)  # [T]
    each = [float(np.mean(per[defined[:, t], t])) for t in np.flatnonzero(targets)]
    return float(np.mean(each)), int(defined.any(axis=1).sum())


def r2_series_counts(y_true, series, keep=None) -> list[int]:
    """How many series each target's R² (``r2_by_series``) averages [T]: those whose scored values of that target vary.

    ``y_true`` [W, H, T]; ``series`` [W]; ``keep`` [W, H, T] (default: all)."""
    y_true, keep, groups, n = _grouped(y_true, series, keep)  # each series' spread alone: no error sum
    return [int(_spread(groups[keep[..., t]], y_true[..., t][keep[..., t]], n)[1].sum())
            for t in range(y_true.shape[-1])]


def _r2_each(y_true, y_pred, series, keep=None) -> np.ndarray:
    """Each series' R² in each target [S, T], about its own mean; NaN where its scored values do not vary."""
    y_true, keep, groups, n = _grouped(y_true, series, keep)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    per = np.full((n, y_true.shape[-1]), np.nan)  # [S, T]
    for t in range(y_true.shape[-1]):
        m = keep[..., t]
        g, y, p = groups[m], y_true[..., t][m], y_pred[..., t][m]
        total, varies = _spread(g, y, n)
        sse = np.bincount(g, weights=(y - p) ** 2, minlength=n)
        per[varies, t] = 1.0 - sse[varies] / total[varies]
    return per


def _grouped(y_true, series, keep) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """``y_true`` [W, H, T] as float64, ``keep`` [W, H, T] (None: all), each value's series number [W, H] (0 to S - 1,
    ``series`` [W]'s labels in sorted order), and S."""
    y_true = np.asarray(y_true, dtype=np.float64)
    keep = np.ones(y_true.shape, dtype=bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), y_true.shape)
    labels, codes = np.unique(np.asarray(series), return_inverse=True)
    return y_true, keep, np.broadcast_to(codes.reshape(-1, 1), y_true.shape[:2]), len(labels)


def _spread(g: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Of values ``y`` [k] of series ``g`` [k] (0 to ``n`` - 1): each series' sum of squares about its mean [n], and
    whether its values vary [n] (that sum above 1e-12 of their sum of squares)."""
    count = np.bincount(g, minlength=n)
    mean = np.bincount(g, weights=y, minlength=n) / np.maximum(count, 1)
    total = np.bincount(g, weights=(y - mean[g]) ** 2, minlength=n)
    return total, total > 1e-12 * np.maximum(np.bincount(g, weights=y ** 2, minlength=n), 1e-300)

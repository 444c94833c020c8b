"""Actual values that are 0 or near it, each judged in its own scale: the scale of its target column (the last axis
of a [W, H, T] array) in its own series (``series`` [W], a label for each row along the first axis; None: one series).

A panel pools series of every size: BTC near 60,000 and SHIB near 2e-5 in one target column. Pooled, SHIB's every
price lay under 1e-9 of the column's largest |actual| and was taken for float rounding's 0, and under 1 % of its mean
|actual| and was taken for a value near 0 (decision 869); in its own series' scale it is neither. ``metrics.mape``
leaves out the rounding zeros ``rounded_zeros`` finds, and ``metrics.zero_actuals`` counts them and the values
``near_zero`` finds.
"""

from __future__ import annotations

import numpy as np

from rnncast.errors import RnncastError

ROUNDING = 1e-9  # an actual within this share of its series' largest |actual| is 0 but for float rounding
NEAR = 0.01  # an actual under this share of its series' mean |actual| is near 0: MAPE's terms there dwarf the others


def rounded_zeros(y_true, keep=None, series=None) -> np.ndarray:
    """Where actuals ``y_true`` are 0, exactly or to float rounding (sin(2 pi k) is 1e-16): ``|y| <= ROUNDING * max
    |y|``, the largest over the values ``keep`` (default all) of the same target column and series, as a bool array of
    their shape. A series whose kept values are all 0 is 0 throughout."""
    y_true = np.asarray(y_true, dtype=np.float64)
    keep = np.ones(y_true.shape, bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), y_true.shape)
    group = groups(y_true.shape, series)
    size = np.abs(np.where(keep, y_true, 0.0))
    largest = np.zeros(group.max(initial=0) + 1)
    np.maximum.at(largest, group, size)
    return keep & (size <= ROUNDING * largest[group])


def near_zero(y_true, rest, series=None) -> tuple[np.ndarray, bool]:
    """``(near, crosses)`` among the values ``rest`` (a bool array of ``y_true``'s shape: those scored and not 0):
    ``near`` where an actual lies under ``NEAR`` of the mean |actual| of its target column and series (bool, of their
    shape), ``crosses`` whether some series' own actuals of a target change sign (positive and negative ones)."""
    y_true = np.asarray(y_true, dtype=np.float64)
    group = groups(y_true.shape, series)
    count = group.max(initial=0) + 1
    size = np.abs(np.where(rest, y_true, 0.0))
    mean = np.bincount(group[rest], size[rest], count) / np.maximum(np.bincount(group[rest], minlength=count), 1)
    signs = [np.bincount(group[rest & side], minlength=count) > 0 for side in (y_true > 0, y_true < 0)]
    return rest & (size < NEAR * mean[group]), bool((signs[0] & signs[1]).any())


def groups(shape: tuple, series=None) -> np.ndarray:
    """Each value's scale group, an int array of ``shape``: its series (``series`` [W], any labels, one for each row
    along the first axis; None: one series) and, in a [W, H, T] array, its target column. Other labels than one a row
    are refused by name (RnncastError)."""
    if series is None:
        codes = np.zeros(shape[:1], dtype=np.int64)
    elif np.ndim(series) != 1 or not shape or len(series) != shape[0]:
        raise RnncastError(f"series has shape {np.shape(series)} for values of shape {tuple(shape)}; give one series "
                           "label for each row along the values' first axis")
    else:
        codes = np.unique(np.asarray(series), return_inverse=True)[1].reshape(-1)
    if not shape:  # one value
        return np.zeros((), dtype=np.int64)
    if len(shape) != 3:
        return np.broadcast_to(codes.reshape((-1,) + (1,) * (len(shape) - 1)), shape)
    return np.broadcast_to(codes[:, None, None] * shape[-1] + np.arange(shape[-1]), shape)

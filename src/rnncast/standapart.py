"""How far a few series stand apart from the others, for ``scaledshares``: each value against the median of the others
(``median_of_others``: a MASE near 0, a near-constant series' scaled MSE), and a set's pooled MASE against the median of
the other series' MASEs (``apart``: a trend the training mean misses, decision 1460).
"""

from __future__ import annotations

import numpy as np


def median_of_others(each: np.ndarray) -> np.ndarray:
    """[S] the median of the finite values of ``each`` [S] but each one's own (NaN where no other is finite; a
    non-finite value's: of all the finite ones): sorted once, removing one value leaves the middle one or two of the
    rest at the sorted positions around the middle, shifted past its own."""
    values = np.sort(each[finite := np.isfinite(each)])
    n = len(values)
    out = np.full(len(each), np.nan)
    if n and (~finite).any():
        out[~finite] = np.median(values)
    if n < 2:
        return out
    rank = np.empty(n, dtype=int)
    rank[np.argsort(each[finite], kind="stable")] = np.arange(n)  # each finite value's sorted position

    def kept(k: int) -> np.ndarray:  # the k-th of the n - 1 others of each finite value
        return values[np.where(k < rank, k, k + 1)]

    middle = (n - 1) // 2
    out[finite] = kept(middle) if (n - 1) % 2 else (kept(middle - 1) + kept(middle)) / 2
    return out


def apart(mase: np.ndarray, mase_counts: np.ndarray, top: np.ndarray, rest: np.ndarray) -> list[float]:
    """[the MASE pooled over the series ``top`` (indices into [S]), the median of the MASEs of the series ``rest``] of one
    forecaster's summed MASE [S] over ``mase_counts`` [S] values scored; NaN where ``rest`` has no finite MASE."""
    with np.errstate(divide="ignore", invalid="ignore"):
        each = mase[rest] / mase_counts[rest]
        held = mase[top].sum() / mase_counts[top].sum()
    each = each[np.isfinite(each)]
    return [float(held), float(np.median(each)) if each.size else float("nan")]

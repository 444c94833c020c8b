"""The covariates of the rows zero fill adds (``fill_gaps``' inserted rows, ``zerotail``'s appended ones: no row of
the data, position -1): zero fill means no sale, so the targets there are 0, but a price or a temperature of 0 would
be made up; each covariate is carried forward from the series' last value before the row (a price holds until it
changes; the next value where none lies before; a wide table's row of that date holds them, every series', and is
read), said once, naming the covariates and how many values. A blank
covariate in a row of the data is filled as ``fill`` says, as before."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.spelling import counted

log = logging.getLogger(__name__)


def carry(values: np.ndarray, positions: np.ndarray, offsets: np.ndarray, n_targets: int, columns: list,
          announce: bool, shared_at=None) -> tuple[np.ndarray, np.ndarray | None]:
    """``values`` [N, C] (targets first, then covariates; series back to back at ``offsets``) with the blank covariates
    of the added rows (``positions`` [N] -1) carried forward within their series, and ``source`` [N, C] int32: for
    each carried value, how many rows from its own the value it was carried from lies (as ``fills.fill_missing``'s;
    0 elsewhere), or None where nothing was carried. Said where ``announce``. ``shared_at`` [N]: each row's time where
    the covariates are every series' (a wide table's): an added row takes the table's own values at its time first."""
    added = positions < 0
    if values.shape[1] <= n_targets or not added.any():
        return values, None
    covariates = values[:, n_targets:]
    if shared_at is not None:  # a wide table's row of that date holds them: read, not made
        table = pd.DataFrame(covariates[~added], index=shared_at[~added]).groupby(level=0).first()
        own = table.reindex(shared_at[added]).to_numpy(dtype=np.float64)
        values = values.copy()
        values[added, n_targets:] = np.where(np.isnan(covariates[added]), own, covariates[added])
        covariates = values[:, n_targets:]
    have = ~np.isnan(covariates)
    blank = ~have & added[:, None]
    if not blank.any():
        return values, None
    n = len(values)
    rows = np.arange(n)[:, None]
    series = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    before = np.maximum.accumulate(np.where(have, rows, -1), axis=0)  # [N, K] last value at or before, any series
    after = np.minimum.accumulate(np.where(have, rows, n)[::-1], axis=0)[::-1]  # first at or after
    before = np.where(before >= offsets[series][:, None], before, -1)  # within the series only
    after = np.where(after < offsets[series + 1][:, None], after, -1)
    source = np.where(before >= 0, before, after)
    take = blank & (source >= 0)
    if not take.any():
        return values, None
    i, k = np.nonzero(take)
    out = values.copy()
    out[i, n_targets + k] = covariates[source[i, k], k]
    made = np.zeros(values.shape, dtype=np.int32)
    made[i, n_targets + k] = source[i, k] - i
    if announce:
        names = [str(columns[n_targets + j]) for j in np.unique(k)]
        log.warning("fill='zero' wrote 0 in the targets of the %s it added (no sale), not in their covariates: %s (%s) "
                    "are carried forward from each series' last value before the row (a price holds until it changes), "
                    "not read as 0; where a covariate is 0 there (a promotion flag), give those rows in the data with its "
                    "values", counted(int(added.sum()), "row"), ", ".join(map(repr, names)), counted(len(i), "value"))
    return out, made

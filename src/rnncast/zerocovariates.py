"""The covariates of the rows zero fill adds (``fill_gaps``' inserted rows, ``zerotail``'s appended ones: no row of
the data, position -1): zero fill means no sale, so the targets there are 0, but a price or a temperature of 0 would
be made up; each covariate is carried forward from the series' last value before the row (a price holds until it
changes; the next value where none lies before; a wide table's row of that date holds them, every series', and is
read), said once, naming the covariates and how many values. Here the blanks are found and said;
``fills.fill_panel`` carries them with its own ffill (``fills.fill_missing``). A blank
covariate in a row of the data is filled as ``fill`` says, as before."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.spelling import counted

log = logging.getLogger(__name__)


def blanks(values: np.ndarray, positions: np.ndarray, n_targets: int, shared_at=None
           ) -> tuple[np.ndarray, np.ndarray | None]:
    """``values`` [N, C] (targets first, then covariates; series back to back) and the mask [N, C] of the blank
    covariates of the added rows (``positions`` [N] -1), which ``fills.fill_panel`` carries forward within their series
    (``fills.fill_missing``'s ffill), or None where there is none. ``shared_at`` [N]: each row's time where the
    covariates are every series' (a wide table's): an added row takes the table's own values at its time first."""
    added = positions < 0
    if values.shape[1] <= n_targets or not added.any():
        return values, None
    covariates = values[:, n_targets:]
    if shared_at is not None:  # a wide table's row of that date holds them: read, not made
        table = pd.DataFrame(covariates[~added], index=shared_at[~added]).groupby(level=0).first()
        own = table.reindex(shared_at[added]).to_numpy(dtype=np.float64)
        values = values.copy()
        values[added, n_targets:] = np.where(np.isnan(covariates[added]), own, covariates[added])
    blank = np.isnan(values) & added[:, None]
    blank[:, :n_targets] = False  # the targets: zero fill's 0
    return values, blank if blank.any() else None


def say(blank: np.ndarray, positions: np.ndarray, columns: list) -> None:
    """The warning that the covariates ``blank`` [N, C] (``blanks``) of the rows zero fill added are carried forward."""
    names = [str(columns[j]) for j in np.flatnonzero(blank.any(axis=0))]
    log.warning("fill='zero' wrote 0 in the targets of the %s it added (none happened), not in their covariates: %s "
                "(%s) are carried forward from each series' last value before the row (a value holds until it "
                "changes), not read as 0; where a covariate is 0 there (an on/off flag), give those rows in the data with its "
                "values", counted(int((positions < 0).sum()), "row"), ", ".join(map(repr, names)),
                counted(int(blank.sum()), "value"))

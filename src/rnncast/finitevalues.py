"""The one refusal of an infinite value (inf, -inf) in any input the network reads, in one wording (``infinite``):
the covariates' and the future values' rows (``numbercolumns.check_finite``) and the static covariates, one value per series
(``per_series``), and their z-scores as the network reads them (``scaled``). Z-scored, an infinite value reaches the network as inf or NaN: fit diverges ("try a lower learning
rate") and predict reads it as the end of the fitted range, so it is refused by name (decision 1221)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError


def infinite(what: str, value: float, where: str) -> str:
    """The refusal of an infinite ``value`` in ``what`` (a column, a static covariate) ``where`` (at a row, for a
    series)."""
    return f"{what} holds an infinite value ({value}) {where}; only finite numbers are accepted"


def per_series(column: pd.Series, name: str, ids: list) -> None:
    """Refuse an infinite value in the numeric static attribute ``column`` (one row per series, named by ``ids`` as the
    caller gave them), naming the first series and how many hold one; text and booleans are no numbers read."""
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column) or column.dtype.kind == "c":
        return
    bad = np.isinf(column.to_numpy(dtype=np.float64, na_value=np.nan))
    if bad.any():
        s = int(np.flatnonzero(bad)[0])
        raise RnncastError(infinite(f"static covariate {name!r}", column.iloc[s], f"for series {ids[s]!r} ("
                                    f"{int(bad.sum())} of {len(bad)} series)") + ": give its finite value for each")


def scaled(given: np.ndarray, inputs: np.ndarray, names: list, ids: list, offset: np.ndarray, scale: np.ndarray) -> None:
    """Refuse static attributes (``given`` [S, Kn] in their units) whose z-scores ``inputs`` [S, Kn] (float32, as the
    network reads them) are no finite numbers: a finite value beyond float32 once scaled (1e42 where the fit's spread
    is 500), or the fit's own mean or spread beyond float64 (1e308 in three series), named by attribute and series."""
    bad = ~np.isfinite(inputs)
    if bad.any():
        s, j = (int(k) for k in np.argwhere(bad)[0])
        raise RnncastError(
            f"static covariate {names[j]!r} holds {given[s, j]:g} for series {ids[s]!r}: z-scored by the fit's mean "
            f"{offset[j]:g} and spread {scale[j]:g} it is {inputs[s, j]} as the network reads it (float32), no finite "
            "number, and the forecasts would be inf or nan; correct that value, or give the attribute in a unit that "
            f"keeps it within float32 ({float(np.finfo(np.float32).max):.3g}) once scaled")

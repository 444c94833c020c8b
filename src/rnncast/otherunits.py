"""Values handed to a fitted model (predict's, evaluate's input window: targets and past covariates; future
covariates' forecast steps) far beyond the range it was fitted on, as a column given in another unit lies: named,
one line per column, with the fitted and the given range ("another unit?").

An energy analyst's panel model fitted on load in kW (9330 to 32711 for one substation) was handed its recent rows in
MW under the same column (9.33 to 32.7) and forecast negative loads, unsaid; a future temperature in °F (32 to 59,
fitted 0.15 to 14.97 °C) or shifted by +30 was taken as given. The ranges are those ``missingcodes.fitted_ranges`` keeps
for naming a -999 later (``FittedState.value_ranges``: least and greatest of each column of each series); a value is
named when it lies

* more than ``margin`` beyond them: the fitted range's width, or half the larger magnitude of its ends where that is
  wider (°C read as °F or shifted by +30 lies 15 and more beyond a 0.15-14.97 range; a series 20 % above its past
  greatest does not, nor 50 %, even where its values spread little: 100 to 110 drifting to 132); or
* for a column of one sign whose fitted values stay within a factor ``FACTOR`` of each other (a load of 9330 to
  32711), of that sign and ``FACTOR`` times nearer zero than any it was fitted on (kW read as MW, Wh as kWh: a
  thousand). Zero and values of the other sign are no unit (an outage's 0 load is a value).

A column in kW read as MW where its fitted values ranged tenfold or more (solar generation from 0) is left alone: its
small values are its own. Code-like values far outside (-999) are ``missingcodes``' to name, not again here.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.noticed import first_time
from rnncast.spelling import some

log = logging.getLogger(__name__)

FACTOR = 10.0  # a unit prefix apart: k, M, c, m are 10 to 1000 times


def margin(low: float, high: float) -> float:
    """How far beyond a fitted range [low, high] a value lies before it is named (the module's first rule)."""
    return max(high - low, 0.5 * max(abs(low), abs(high)))


def beyond(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """[T] whether each of ``values`` lies as a value in another unit would from a fitted range [low, high] (above);
    NaN is not."""
    values = np.asarray(values, dtype=np.float64)
    far = margin(low, high)
    with np.errstate(invalid="ignore"):
        out = (values < low - far) | (values > high + far)
        if low > 0 and high < FACTOR * low:  # positive, within a factor of ten: kW read as MW
            out |= (values > 0) & (values < low / FACTOR)
        elif high < 0 and low > FACTOR * high:
            out |= (values < 0) & (values > high / FACTOR)
    return out & np.isfinite(values)


def named(found: dict, state, column: str, series, values: np.ndarray, kept: list | None, skip=None) -> None:
    """Add to ``found`` (column -> [(series, given low, given high, fitted low, fitted high, rows beyond)]) a column of
    one series whose ``values`` lie beyond ``kept`` (``[median, sd, least, greatest]``, None: nothing kept to weigh
    them by); ``skip``: [T] rows named already (a -999)."""
    if kept is None:
        return
    given = np.asarray(values, dtype=np.float64)
    if skip is not None:
        given = np.where(skip, np.nan, given)
    far = beyond(given, kept[2], kept[3])
    if far.any():
        finite = given[np.isfinite(given)]
        found.setdefault(column, []).append((series, float(finite.min()), float(finite.max()), kept[2], kept[3],
                                             int(far.sum()), len(finite)))


def warn(found: dict, state, what: str, doing: str = "") -> None:
    """One line per column of ``found`` (``named``'s), its series listed (the first five): ``what`` names the values
    ("the data given to the model", "the future values"). Once per model, column, ranges and ``doing``."""
    for column, each in found.items():
        if not first_time(getattr(state, "said", None), "other unit", what, doing, column, tuple(each)):
            continue
        ranges = [f"{'' if s is None else f'series {s!r}: '}{lo:.6g} to {hi:.6g} given ({n} of {m} beyond), fitted "
                  f"{flo:.6g} to {fhi:.6g}" for s, lo, hi, flo, fhi, n, m in each]
        log.warning("column %r of %s holds values far outside those the model was fitted on (%s): another unit "
                    "(MW for kW, °F for °C) or a shifted scale? The model reads them as they are, in its fit's unit: "
                    "give them so, or fit again on them; if they are real, ignore this", column, what,
                    some(ranges, sep="; "))

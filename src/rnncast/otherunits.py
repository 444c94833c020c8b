"""Values a fitted model reads (predict's input window, evaluate's and predict_windows' windows: targets and past
covariates; future covariates' forecast steps) far beyond the range it was fitted on, as a column given in another unit
lies: named, one line per column, with the fitted range and the range of the values named ("another unit?").

An energy analyst's panel model fitted on load in kW (9330 to 32711 for one substation) was handed its recent rows in
MW under the same column (9.33 to 32.7) and forecast negative loads, unsaid; a future temperature in °F (32 to 59,
fitted 0.15 to 14.97 °C) or shifted by +30 was taken as given. The ranges are those ``missingcodes.fitted_ranges`` keeps
for naming a -999 later (``FittedState.value_ranges``: least and greatest of each column of each series). Two rules:

* ``beyond``: a value more than ``margin`` beyond them: the fitted range's width, or half the larger magnitude of its
  ends where that is wider (°C read as °F or shifted by +30 lies 15 and more beyond a 0.15-14.97 range; a series 20 %
  above its past greatest does not, nor 50 %, even where its values spread little: 100 to 110 drifting to 132). Such a
  value may be another unit or real (a series grown past its fit): the line says both, and that the model
  extrapolates there.
* ``unit_factor``: a unit rule, weighed on the values of one series and column together, since a unit factor moves
  every value: for a column of one sign whose fitted values stay within a factor ``FACTOR`` of each other, (nearly)
  all of them ``FACTOR`` times nearer zero than any fitted, their ratios kept (kW read as MW, Wh as kWh: a thousand).
  A few values near 0 among others (a cold snap reaching 0.3 °C on a 3.9 to 28.4 fit, or -2.0), a lone future step, a
  shop's sales closing from 150-250 to 0.5-4 are no unit; zero and values of the other sign are none either.

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
NEARLY = 0.9  # a unit factor moves every value: this share of those weighed, at least, ten times nearer zero
FEWEST = 3  # fewer values weighed (one future step near 0 °C): nothing says a factor moved them all
SPREAD = 2.0  # a factor keeps the values' ratios: their greatest over least at most this many times the fit's


def margin(low: float, high: float) -> float:
    """How far beyond a fitted range [low, high] a value lies before it is named (the module's first rule)."""
    return max(high - low, 0.5 * max(abs(low), abs(high)))


def beyond(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """[T] whether each of ``values`` lies ``margin`` beyond a fitted range [low, high]; NaN does not."""
    values = np.asarray(values, dtype=np.float64)
    far = margin(low, high)
    with np.errstate(invalid="ignore"):
        return ((values < low - far) | (values > high + far)) & np.isfinite(values)


def unit_factor(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """[T] the values a unit factor moved nearer zero (kW given as MW), as the second rule weighs the values of one
    series and column together; all False unless the rule holds for them: a fitted range of one sign within a factor
    ``FACTOR`` (a load of 9330 to 32711), ``FEWEST`` finite values or more, ``NEARLY`` of them of that sign and
    ``FACTOR`` times nearer zero than ``low`` (``high`` when negative), and those spread as the fitted ones are
    (greatest over least at most ``SPREAD`` times the fit's: a factor keeps ratios; a shop closing to 0.5 to 4 sales
    from 150 to 250 is no unit). Zero is no unit (an outage's 0 load) and counts against none."""
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values) & (values != 0)]
    near = np.zeros(values.shape, dtype=bool)
    if finite.size < FEWEST or not (low > 0 and high < FACTOR * low or high < 0 and low > FACTOR * high):
        return near
    edge = low if low > 0 else high
    with np.errstate(invalid="ignore"):
        near = (np.sign(values) == np.sign(edge)) & (np.abs(values) < abs(edge) / FACTOR)
    moved = np.abs(values[near])
    if moved.size < NEARLY * finite.size or moved.max() > SPREAD * moved.min() * max(abs(high / low), abs(low / high)):
        return np.zeros(values.shape, dtype=bool)
    return near


def named(found: dict, column: str, series, values: np.ndarray, kept: list | None, skip=None) -> None:
    """Add to ``found`` ((column, whether a unit factor: ``unit_factor``) -> [(series, given low, given high, fitted
    low, fitted high, how many given, how many above the fitted high, below the fitted low, beyond it by ``margin``
    above, below, how many a unit factor moved)]) a column of one series whose ``values`` (the rows the model reads)
    lie beyond ``kept`` (``[median, sd, least, greatest]``, None: nothing kept to weigh them by); ``skip``: [T] rows
    named already (a -999)."""
    if kept is None:
        return
    given = np.asarray(values, dtype=np.float64)
    if skip is not None:
        given = np.where(skip, np.nan, given)
    low, high = kept[2], kept[3]
    unit = unit_factor(given, low, high)
    far = beyond(given, low, high)
    if far.any() or unit.any():
        finite = given[np.isfinite(given)]
        with np.errstate(invalid="ignore"):
            over, under = given > high, given < low
        found.setdefault((column, bool(unit.any())), []).append(
            (series, float(finite.min()), float(finite.max()), low, high, len(finite), int(over.sum()),
             int(under.sum()), int((far & over).sum()), int((far & under).sum()), int(unit.sum())))


def counted(record: tuple) -> str:
    """What ``warn`` says of one series' values (a ``named`` record): how many lie above the fitted maximum and below
    the fitted minimum, how many of those by more than ``margin`` (the rule that names them: 1 of 48 temperatures
    in °F lay so far beyond, all 48 above), the given and the fitted range."""
    series, lo, hi, flo, fhi, m, over, under, far_over, far_under, moved = record
    width, half = fhi - flo, 0.5 * max(abs(flo), abs(fhi))
    reach = (f"{width:.6g} (the fitted range's width)" if width >= half else
             f"{half:.6g} (half the fitted range's larger end)")
    said = []
    for n, far, side, edge in ((over, far_over, "above the fitted maximum", fhi),
                               (under, far_under, "below the fitted minimum", flo)):
        if not n:
            continue
        of = "" if not far else f" ({'all' if far == n else far} of them beyond it by more than {reach})"
        if side.startswith("below") and moved:  # the unit rule names them, whatever their margin
            of = f" ({'all' if moved == n else moved} of them ten times and more nearer zero than it)"
        said.append(f"{n} of {m} given {side} {edge:.6g}{of}")
    given = f"{lo:.6g}" if lo == hi else f"{lo:.6g} to {hi:.6g}"
    return (f"{'' if series is None else f'series {series!r}: '}{' and '.join(said)}; "
            f"given {given}, fitted {flo:.6g} to {fhi:.6g}")


def warn(found: dict, state, what: str, doing: str = "") -> None:
    """One line per column of ``found`` (``named``'s), its series listed (the first five): ``what`` names the values
    ("the rows handed to the model", "the future values"). A unit factor (``unit_factor``) is said to be another unit;
    values beyond by the first rule are said to be either another unit or real, where the model extrapolates. Once per
    model, column, ranges and ``doing``."""
    for (column, unit), each in found.items():
        if not first_time(getattr(state, "said", None), "other unit", what, doing, column, unit, tuple(each)):
            continue
        ranges = [counted(record) for record in each]
        if unit:
            log.warning("column %r of %s holds values ten times and more nearer zero than any the model was fitted on, "
                        "their ratios kept (%s): another unit (MW for kW, Wh for kWh)? The model reads them as they "
                        "are, in its fit's unit: give them so, or fit again on them", column, what,
                        some(ranges, sep="; "))
        else:
            log.warning("column %r of %s holds values far beyond those the model was fitted on (%s): another unit or a "
                        "shifted scale (°F for °C)? Give them in the fit's unit; if they are real, the model "
                        "extrapolates there: fit again on data that holds them", column, what, some(ranges, sep="; "))

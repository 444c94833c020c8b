"""Values written the way files write a missing value (-999, 9999, -99.9) and far from the rest of their column:
named at fit, with ``missing_values`` to read them as blank (``codedblanks`` reads them so).

A reliability tester put two -999 among a year of hourly temperatures near 12 °C. They were read as temperatures: too
few to set the column's scale (``outliers``), they taught the network two drops of a thousand degrees, and the test MSE
came out 2.6 times that of the same fit without them, unsaid. pandas reads -999 as a number (it is not among its
default missing-value strings), and so does every forecasting library; a weather station, a survey, a lab instrument
writes it for "no reading". ``find`` looks at every row of each column (training rows teach the network, test rows are
scored against) for values spelled as such a code: two or more 9s, signed or not, whole or with one decimal 9
(99, -999, 9999, -99.9), further than ``FAR`` standard deviations of the column's other training values from their
median, outside the range of every other value of the column, and on at most ``MOST_SHARE`` of its rows. A real 999
among values near 1000, a humidity of 99.9, a counter passing 9999, an availability of 99 % between 98 and 100, a shelf
price of 99 on half the rows are not named.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import measuredlabels, otherunits, outliers
from rnncast.codedblanks import WRITTEN, code_like, future_refusal, if_missing, proposed  # said in one wording
from rnncast.errors import RnncastError
from rnncast.noticed import first_in_block, first_time
from rnncast.panel import Panel, series_owner
from rnncast.settingvalues import missing_numbers
from rnncast.spelling import counted, spelled
from rnncast.windows import Split

log = logging.getLogger(__name__)

FAR = 10  # named: a code further than this many of the other training values' standard deviations from their median
MIN_ROWS = 10  # fewer other finite training rows: not weighed
MOST_SHARE = 0.25  # a value on more of a column's rows is the column's own value, not a code
def find(panel: Panel, splits: list[Split], skip: set = frozenset()) -> list[dict]:
    """Each column of each series holding code-like values far from its other training values (above):
    ``{"series": label or None, "column", "codes": the distinct values (original units), "cells": how many,
    "time": the first one's time as the data writes it (or its row), "test": how many are test rows, "near": the
    median of the values around the first (``outliers.around``), "sds": the nearest code's distance from the other
    training values' median in their standard deviations}``, in series then column order. ``skip``: (series label or None, column) pairs already named (``outliers.find``)."""
    found, given = [], panel.n_given  # the calendar's computed columns hold no code (decision 2025)
    for s, split in enumerate(splits):
        rows = panel.rows(s)  # [T_s, C]
        for j in range(given):
            series = series_owner(panel, s)
            column = str(panel.named_columns(s)[j])
            if (series, column) in skip or any((f["series"], f["column"]) == (series, column) for f in found):
                continue  # a wide table's covariate, every series': its column found once (decision 1794)
            far = far_codes(rows[:, j], split.train_end)
            if far is None:
                continue
            at, near, sds = far
            found.append({"series": series, "column": column, "target": j < panel.n_targets,
                          "codes": sorted({float(v) for v in rows[at, j]}),
                          "cells": int(at.size), "time": panel.when(s, int(at[0])),
                          "test": int((at >= split.val_end).sum()), "near": near, "sds": sds})
    return found


def far_codes(column: np.ndarray, train_end: int) -> tuple[np.ndarray, float, float] | None:
    """(rows of the far code-like values, the median of those around the first, the nearest's distance in their
    standard deviations) of a column [T], else None."""
    codes = code_like(column)
    if not codes.any():
        return None
    train = column[:train_end]
    others = train[np.isfinite(train) & ~codes[:train_end]]
    if others.size < MIN_ROWS:
        return None
    middle, sd = float(np.median(others)), float(np.std(others))
    if not sd > 0:  # the other rows one value (a flag never raised): their spread says nothing of how far is far
        return None
    distance = np.abs(column - middle) / sd
    with np.errstate(invalid="ignore"):  # outside every row's range: a code inside it is a value among them
        far = codes & (distance > FAR) & apart_from_given(column, codes, fewest=MIN_ROWS)  # 99 on half the rows: no code
    if not far.any():
        return None
    at = np.flatnonzero(far)
    return at, outliers.around(column, int(at[0]), far | ~np.isfinite(column)), float(distance[far].min())


def apart_from_given(column: np.ndarray, codes: np.ndarray | None = None, fewest: int = 5 * MIN_ROWS) -> np.ndarray:
    """[T] whether each value of a column lies outside the range of its other values (code-like ones left out:
    ``codes``, ``code_like``'s mask where the caller holds it) and, among ``fewest`` others or more, on at most
    ``MOST_SHARE`` of its rows, as fit weighs a code (``far_codes``, whose others are ``MIN_ROWS`` or more): given to a
    fitted model, 99 among counts that grew to 92..116 since fit is one of them, not a code, though far from what fit
    read; 5 ``MIN_ROWS`` others or more there."""
    rest = column[np.isfinite(column) & ~(code_like(column) if codes is None else codes)]
    with np.errstate(invalid="ignore"):
        apart = (column < rest.min()) | (column > rest.max()) if rest.size else np.isfinite(column)
    if rest.size < fewest:  # a lookback's rows, a third of them -999: too few to say a value is their own
        return apart
    values, counts = np.unique(column[apart], return_counts=True)
    return apart & ~np.isin(column, values[counts > MOST_SHARE * np.isfinite(column).sum()])


FITTED = "far outside the values the model was fitted on, any code-like ones left aside ({:.6g} to {:.6g})"  # fitted_ranges


def _beyond_fit(column: np.ndarray, kept: list) -> np.ndarray:
    """[T] whether each value of a column given to a fitted model is code-like and far outside what fit read of it
    (``kept``: ``[median, standard deviation, least, greatest]``, ``fitted_ranges``'): further than ``FAR`` standard
    deviations from the median, outside the range, and apart from the other values given (``apart_from_given``)."""
    middle, sd, low, high = kept
    codes = code_like(column)
    with np.errstate(invalid="ignore"):
        return codes & (np.abs(column - middle) > FAR * sd) & ((column < low) | (column > high)) & \
            apart_from_given(column, codes)


def fitted_ranges(panel: Panel, splits: list[Split]) -> list:
    """[S][C] what fit read of each column of each series, for later reads (``later``): ``[median, standard
    deviation]`` of its training values and ``[least, greatest]`` of all its values, code-like ones left out; None
    where fewer than ``MIN_ROWS`` training values or none spread (the column says nothing of how far is far)."""
    ranges = []
    for s, split in enumerate(splits):
        rows, each = panel.rows(s), []
        for column in rows.T:
            kept = np.isfinite(column) & ~code_like(column)
            train = column[: split.train_end][kept[: split.train_end]]
            sd = float(np.std(train)) if train.size >= MIN_ROWS else 0.0
            each.append([float(np.median(train)), sd, float(column[kept].min()), float(column[kept].max())]
                        if sd > 0 else None)
        ranges.append(each)
    return ranges


def _fit_read(state, ids) -> list:
    """[S] what the model (``state``) read at fit of each series ``ids`` names (its ``fitted_ranges`` [C]), None where
    it kept none (saved before it kept them) or fit no such series: ``later``'s, ``units_read``'s and
    ``refuse_future``'s one lookup of it."""
    ranges, lookup = state.value_ranges or [], {i: k for k, i in enumerate(state.ids)}
    at = (0 if state.layout == "single" else lookup.get(i) for i in ids)
    return [ranges[k] if k is not None and k < len(ranges) else None for k in at]


def later(state, panel: Panel, doing: str = "") -> Panel:
    """Warn where rows handed to a fitted model (``state``: its ``FittedState``) hold code-like values (-999) far
    outside what the model was fitted on: further than ``FAR`` of its training values' standard deviations from their
    median and outside the range of every value it read (``FittedState.value_ranges``), or, for a model saved before
    it kept them or a series it did not fit, from the other values given, as fit weighs them. Once per model, column,
    code, rows and ``doing`` (read_new's: predict's and evaluate's readers each say it once; a forecasting loop handing
    the same table hears it once). Returns ``panel``."""
    given = panel.n_given  # the calendar's computed columns hold no code (decision 2025)
    for s, kept in enumerate(_fit_read(state, panel.ids)):
        rows = panel.rows(s)  # [T_s, C]
        for j in range(given):
            column = rows[:, j]
            if kept is None:  # the values given stand for the fit's
                far = far_codes(column, len(column))
                at = far[0] if far is not None else np.zeros(0, dtype=np.int64)
                span = None
            elif kept[j] is None:
                continue
            else:
                at, span = np.flatnonzero(_beyond_fit(column, kept[j])), tuple(kept[j][2:])
            if at.size and j < panel.n_targets and (made := measuredlabels.stood(panel.filled, panel.n_targets)) is not None:
                at = at[~made[panel.offsets[s] + at, j]]  # a blank label stood in for: no value given (decision 2177)
            if at.size:
                _say_later(state, panel, s, j, at, span, doing)
    return panel


def units_read(state, panel: Panel, spans: dict[int, tuple[int, int]]) -> None:
    """Warn (``otherunits``) of values far beyond what the model (``state``) was fitted on in the rows it reads:
    ``spans`` {series: (first row, end row)} (``Panel.read_spans`` of its windows; predict: each series' last lookback
    rows; evaluate: its scored windows, inputs and targets; predict_windows: its windows); rows it never reads are not
    weighed."""
    if state.value_ranges is None or not spans:
        return
    fitted, units, given = _fit_read(state, panel.ids), {}, panel.n_given  # December's month_cos after a
    for s, (first, last) in spans.items():  # spring fit is no other unit: computed columns not weighed (decision 2025)
        kept = fitted[s]
        rows = panel.rows(s)[first:last]  # [R, C]
        for j in range(given) if kept is not None else ():
            name = None if panel.id_col is None or panel.layout == "wide" else panel.given_id(s)
            skip = _beyond_fit(rows[:, j], kept[j]) if kept[j] is not None else None  # a -999: later's
            otherunits.named(units, str(panel.named_columns(s)[j]), name, rows[:, j], kept[j], skip)
    otherunits.warn(units, state, "the rows handed to the model")  # kW given as MW


def _say_later(state, panel: Panel, s: int, j: int, at: np.ndarray, span, doing: str = "") -> None:
    column, values = str(panel.named_columns(s)[j]), panel.rows(s)[at, j]
    codes = sorted({float(v) for v in values})
    series = None if panel.id_col is None or panel.layout == "wide" else panel.given_id(s)  # wide: its own columns
    if not first_time(state.said, "missing code later", doing, series, column, tuple(codes), panel.when(s, int(at[0])),
                      panel.when(s, int(at[-1])), int(at.size)):
        return
    whose = f" of series {series!r}" if series is not None else ""
    shown = ", ".join(panel.when(s, int(i)) for i in at[:3]) + (f" and {at.size - 3} more" if at.size > 3 else "")
    fitted = FITTED.format(*span) if span is not None else "far from the other values given"
    reads = ("the model never reads it (it reads the features alone), but evaluate scores its forecasts against it"
             if j < panel.n_targets and not state.settings.data.target_input else  # a label only (decision 2177)
             "the model reads it as a measurement, in the windows it forecasts from" +
             (", and evaluate scores its forecasts against it" if j < panel.n_targets else ""))
    log.warning("column %r%s holds %s in %s of the data given to the model (%s), " + WRITTEN + ", "
                "%s: %s; if it means missing, "
                "give those cells blank (read as the model's fill says, or refused), or fit again with %s, which the "
                "model then applies to every later read; if it is a real value, ignore this", column, whose,
                ", ".join(f"{v:g}" for v in codes), counted(int(at.size), "row"), shown, fitted, reads,
                spelled("missing_values", proposed(codes, state.settings.data.missing_values)))


def warn(found: list[dict], given: str | None = None) -> None:
    """Say ``find``'s first column in one line (the others counted) and how to read the codes as missing, with the
    codes ``given`` (``missing_values``' text) kept in the advice (``proposed``)."""
    if not found:
        return
    first = found[0]
    if not first_in_block("missing code", first["series"], first["column"], tuple(first["codes"]), first["time"]):
        return  # a tune's later trial: its first said it (noticed.said_once)
    whose = f" of {first['series']}" if first["series"] else ""
    codes = ", ".join(f"{v:g}" for v in first["codes"])
    every = sorted({v for f in found for v in f["codes"]})
    scored = f"; {counted(first['test'], 'test row')} scored against it" if first["test"] and first.get("target") \
        else ""
    others = f"; so do {counted(len(found) - 1, 'other column')} (of this or other series)" if len(found) > 1 else ""
    log.warning("column %r%s holds %s in %s (first at %s), %s, %.0f standard deviations from its other values "
                "(those around it near %.6g): rnncast reads it as a measurement and trains on it%s%s; %s; if it is a "
                "real value, ignore this", first["column"], whose, codes, counted(first["cells"], "row"), first["time"],
                WRITTEN, first["sds"], first["near"], scored, others, if_missing(every, given))


def refuse_future(values: np.ndarray, columns: list[str], text: str | None, state=None, ids=(), given=None) -> None:
    """Refuse future covariates [S, H, F] (original units) that hold a number of ``missing_values`` (``text``): a
    forecast needs every step's value, and the model reads such a number as missing, not as a value. Where the
    model (``state``) kept what fit read (series ``ids``), warn of code-like values far outside it, as ``later``; the
    refusal comes first: a declared code is no value "the model reads as the covariate's" (decision 1222). ``given``:
    the series' ids as the caller gave them (``Panel.given_ids``: 102, not '102'), which the warnings name."""
    whose = list(ids) if given is None else list(given)
    codes = missing_numbers(text)
    if codes and (hit := np.isin(values, codes)).any():
        per_column = hit.sum(axis=(0, 1))
        where = ", ".join(f"{c!r} ({counted(int(n), 'step')})" for c, n in zip(columns, per_column.tolist()) if n)
        raise RnncastError(future_refusal(", ".join(f"{v:g}" for v in sorted(set(values[hit].tolist()))), where))
    if state is not None and state.value_ranges is not None:
        first, units = len(state.targets) + len(state.past_covariates), {}
        for s, read in enumerate(_fit_read(state, ids)):
            for f, column in enumerate(columns):
                kept = read[first + f] if read is not None else None
                steps = values[s, :, f]
                far = _beyond_fit(steps, kept) if kept is not None else np.zeros(len(steps), dtype=bool)
                if far.any() and first_time(state.said, "missing code future", s, column, tuple(steps[far])):
                    log.warning("the future values of %r%s hold %s at %d of the %d forecast steps, the way files write a "
                                "missing value, %s: the model reads it as the covariate's value; give the value it "
                                "stands for", column, f" of series {whose[s]!r}" if state.layout != "single" else "",
                                ", ".join(f"{v:g}" for v in sorted(set(steps[far].tolist()))),
                                int(np.sum(far)), len(steps), FITTED.format(kept[2], kept[3]))
                otherunits.named(units, column, whose[s] if state.layout != "single" else None, steps, kept, far)
        otherunits.warn(units, state, "the future values")  # °F given for °C

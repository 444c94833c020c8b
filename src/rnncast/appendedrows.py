"""Rows appended to a series' history with the target blank (Prophet's way of giving the future): refused by
name before any fill, never filled as history, whatever the model's covariates.

A series' last rows (after at least one row of history) with no value of any target are such rows where they
hold what the future would: every future covariate (a model with future covariates: give them as the future);
else every past covariate (a past covariate's future values are not read, and filling those rows would invent
targets and move the forecast later); else, for a model without covariates, a value in a column no role took.
Blank rows that hold nothing else stay missing values, filled or refused as ``fill`` says (``fills``).
"""

from __future__ import annotations

import numpy as np

from rnncast import gaps
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.layouts import Rows
from rnncast.timetext import shown


def refuse(rows: Rows, values: np.ndarray, time, positions: np.ndarray, offsets: np.ndarray, attrs: dict,
           others: np.ndarray | None = None, unused=()) -> None:
    """Raise ``RnncastError`` for the rows at the end of a series that have no target value but hold the future's
    values, naming them, their dates and lines, the columns and what to do. ``values`` [N, C] of ``rows.columns``
    (targets, past, future), series back to back at ``offsets``; ``positions`` [N] each row's row in the table
    (-1: inserted); ``others`` [rows of the table]: the table's rows holding a value in a column no role took
    (``unused``, named), read only for a model without covariates."""
    n_t, n_c = rows.n_targets, len(rows.columns)
    future, past = slice(n_t + rows.n_past, n_c), slice(n_t, n_t + rows.n_past)
    if future.start < n_c:
        held, kind = ~np.isnan(values[:, future]).any(axis=1), "future"
    elif past.start < past.stop:
        held, kind = ~np.isnan(values[:, past]).any(axis=1), "past"
    elif others is not None and len(unused):
        held, kind = (positions >= 0) & np.asarray(others, dtype=bool)[np.maximum(positions, 0)], "other"
    else:
        return
    blank = np.isnan(values[:, :n_t]).all(axis=1) & held  # [N]
    for s in range(len(offsets) - 1):
        end = start = int(offsets[s + 1])
        while start > offsets[s] and blank[start - 1]:
            start -= 1
        if start == end or start == offsets[s]:  # none, or no history before them: left to the missing-value check
            continue
        raise RnncastError(_refusal(rows, s, start, end, time, positions, attrs, kind, list(unused)))


def _refusal(rows: Rows, s: int, start: int, end: int, time, positions, attrs: dict, kind: str, unused: list) -> str:
    a, b, off = int(positions[start]), int(positions[end - 1]), attrs.get("line_offset")
    lines = place(a, attrs) if a == b else (f"lines {a + off}-{b + off} of {attrs['source']}" if off is not None
                                            and attrs.get("source") else f"rows {a}-{b}")  # first and last
    one = end - start == 1
    fmt = rows.text_format  # a monthly '2020-01' named as the file writes it
    dates = ("" if time is None else f"{shown(time[start], time, fmt)}, " if one else
             f"{shown(time[start], time, fmt)} to {shown(time[end - 1], time, fmt)}, ")
    which = "the last row" if one else f"the last {end - start} rows"
    has = "has" if one else "have"
    head = (f"{which} of {gaps.label(rows, s).removesuffix(' at ') or 'the data'} ({dates}{lines}) {has} no value of "
            f"{', '.join(rows.columns[: rows.n_targets])} but {has} ")
    n_t = rows.n_targets
    if kind == "future":
        covariates = ", ".join(rows.columns[n_t + rows.n_past:])
        return (f"{head}the future covariates {covariates}: future rows appended to the history are not read as "
                "history; give the data without them, and those rows as the future (predict --future FILE, future= in "
                "Python)")
    if kind == "past":
        names = rows.columns[n_t: n_t + rows.n_past]
        return (f"{head}the past covariates {', '.join(names)}: rows appended to the history with the target blank are "
                "not read as history, and the future values of a past covariate are not used by this model; give the "
                f"data without them (or, to use those values, fit with --future-covariates {','.join(names)}, "
                "future_covariates= in Python, and give them as the future)")
    return (f"{head}values of {', '.join(unused)}, which the model does not read: rows appended to the history with the "
            "target blank are not read as history; give the data without them (or, to use those values, fit with "
            f"--future-covariates {','.join(unused)}, future_covariates= in Python, and give them as the future)")

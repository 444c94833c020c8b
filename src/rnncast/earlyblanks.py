"""Blanks in rows predict does not read: a missing value before a series' last ``lookback`` rows (the rows its
forecast reads) is no part of the forecast, so a model without a fill leaves its rows out, as rows missing there are
(a gap before the lookback rows is no matter, decision 635), and says so in one line, instead of refusing the data
(decision 1986).

A notebook tester's hourly series with one blank 373 rows before the 24 predict reads was refused "column 'y' has a
missing value (NaN) at row 3 ... fill them in the data, or refit with one", while the same data without row 3 was
forecast, and the last 24 rows alone gave the same forecast; in a panel one blank in store A blocked every store. A
blank among the rows read is still refused by ``fills.fill_panel``, and evaluate, which scores the rows, reads every
row as before. Rows without time are left alone: a row's number is its time, and leaving one out would move the rows
after it.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.data import place
from rnncast.rowseries import row_series
from rnncast.spelling import counted
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def unread(values: np.ndarray, offsets: np.ndarray, reads_last: int | None, time=None) -> np.ndarray | None:
    """[N] bool: the rows of ``values`` [N, C] (series back to back, ``offsets`` [S + 1]) to keep, where some hold a
    missing value before their series' last ``reads_last`` rows (those are left out); None where none does, where
    nothing is said of the rows read (``reads_last`` None: a fit, evaluate) or where the rows have no ``time``."""
    if reads_last is None or time is None:
        return None
    lengths = np.diff(offsets)
    within = np.arange(len(values)) - np.repeat(offsets[:-1], lengths)  # [N] each row's place in its series
    early = np.isnan(values).any(axis=1) & (within < np.repeat(lengths - reads_last, lengths))
    return ~early if early.any() else None


def say(values: np.ndarray, keep: np.ndarray, offsets: np.ndarray, reads_last: int, time, positions: np.ndarray,
        attrs: dict, fmt: str | None, columns: list, ids: list, layout: str) -> None:
    """One warning of the missing values in the rows ``keep`` leaves out (``unread``): how many, in how many rows and
    series, the first one's column (a wide table's target by its series' own column), row and time."""
    gone = np.flatnonzero(~keep)
    blank = np.isnan(values[gone])
    first, codes = int(gone[0]), row_series(offsets)
    s, j = int(codes[first]), int(np.flatnonzero(blank[0])[0])
    name = repr(ids[s] if layout == "wide" and j == 0 else columns[j]) + (
        f" of series {ids[s]!r}" if layout == "long" else "")
    many, one = len(offsets) > 2, int(blank.sum()) == 1
    series = len(np.unique(codes[gone]))
    rows = "" if len(gone) == 1 else f" in {len(gone)} rows" + (f" of {series} series" if many else "")
    left = "its row is" if one else "that row is" if len(gone) == 1 else "those rows are"
    log.warning("%s%s before the last %d rows %s predict reads (%scolumn %s at %s, %s): not read by the forecast, so "
                "%s left out, as rows missing there are; evaluate and predict_windows, which read %s, still refuse %s",
                counted(int(blank.sum()), "missing value"), rows, reads_last, "of each series" if many else "of the series",
                "" if one else "first: ", name, place(int(positions[first]), attrs), shown(time[first], time, fmt), left,
                *(("it", "it") if one else ("them", "them")))

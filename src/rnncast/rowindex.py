"""A table's column that numbers its rows, as pandas' ``to_csv`` writes a frame's index: the first
column, its header left empty (pandas reads it back as ``Unnamed: 0``), holding 0, 1, 2 ...

``pd.read_csv("monthly.csv").to_csv("idx.csv")`` writes one; fitting on it, the library named the column
as "not used" and offered it as a covariate, a row counter to train on. The loader leaves out such a
column that holds exactly 0 .. n-1 (or 1 .. n) and says so (:func:`written_index`); ``rnncast bench``
reads a wider set (a column named ``index`` or ``idx`` too, rising numbers with gaps: rows filtered
before the file was written) as the row order, from the same pieces (:data:`UNNAMED`, :func:`row_numbers`).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast.data import names

log = logging.getLogger(__name__)

UNNAMED = re.compile(r"Unnamed: \d+(?:\.\d+)?")
"""pandas' name for a column the header line leaves unnamed (``Unnamed: 0``; ``Unnamed: 0.1`` beside a column
named ``Unnamed: 0``, as a file read with its index and written again has)."""

ROW_NAMES = ("index", "idx")
"""Names (any case) that a column numbering the rows may have (``reset_index()``'s ``index``); bench reads such
a first column as the row order."""


def row_numbers(column: pd.Series) -> tuple[int, int, int] | None:
    """``(first, last, skipped)`` where ``column`` holds whole numbers (an integer dtype) rising from row to
    row from 0 or more, as a frame's index written by ``to_csv`` does (``skipped``: the numbers between
    ``first`` and ``last`` it lacks: rows filtered out before it was written); None for any other column."""
    if not pd.api.types.is_integer_dtype(column) or not len(column):
        return None
    numbers = column.to_numpy(dtype=np.int64)
    if numbers[0] < 0 or (np.diff(numbers) <= 0).any():
        return None
    return int(numbers[0]), int(numbers[-1]), int(numbers[-1] - numbers[0] + 1 - len(numbers))


def written_index(frame: pd.DataFrame, roles=()) -> str | None:
    """The name of ``frame``'s first column where it is the row numbers pandas' ``to_csv`` wrote: left
    unnamed in the header (:data:`UNNAMED`), holding exactly 0 .. n-1 or 1 .. n, with other columns beside
    it and named in none of ``roles`` (the column names the caller gave each role: a name, a list of them,
    comma-separated text, or None; a frame of static attributes names none); else None. A column of other
    numbers under that name (a counter with gaps, a value) is data, as any other column."""
    if frame.shape[1] < 2:
        return None
    first = str(frame.columns[0])
    named = {n for given in roles if not isinstance(given, pd.DataFrame) for n in names(given)}
    if not UNNAMED.fullmatch(first) or first in named:
        return None
    numbers = row_numbers(frame[frame.columns[0]])
    return first if numbers is not None and numbers[0] in (0, 1) and not numbers[2] else None


def without_written_index(frame: pd.DataFrame, roles=(), announce: bool = True, of: str = "") -> pd.DataFrame:
    """``frame`` less its first column where that is the row numbers ``to_csv`` wrote (:func:`written_index`),
    said in one warning where ``announce`` (a reload at predict leaves it out quietly, as fit did); else
    ``frame`` itself. The column is then neither a covariate nor the time: the rows keep their order. ``of``:
    the table the warning names where it is not the data (``"the future values"``, ``"the static covariate
    table"``): every table rnncast reads from a user leaves such a column out by this one rule."""
    name = written_index(frame, roles)
    if name is None:
        return frame
    numbers = frame[frame.columns[0]]
    if announce:
        log.warning("left out: the first column%s (%r, its header empty) holds the row numbers %d-%d, as pandas' "
                    "to_csv writes a frame's index, so it is not data (write the file with index=False to leave it "
                    "out)", f" of {of}" if of else "", name, numbers.iloc[0], numbers.iloc[-1])
    kept = frame.drop(columns=[frame.columns[0]])
    kept.attrs = frame.attrs
    return kept

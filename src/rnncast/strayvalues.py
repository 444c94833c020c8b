"""A column of numbers but for a few stray cells ('oops', 'n/a ' typed into one row), which ``features='all'`` would
otherwise take for a text column and leave out with a warning: refused at its first stray cell, as a column named
with ``features=`` is (``numbercolumns.numeric_column``'s message). A column is read so when most of its non-blank cells (more
than half) are numbers as pandas reads them; fewer, and it is a text column with some numbers in it, left out as
before."""

from __future__ import annotations

import pandas as pd

from rnncast.numbercolumns import numeric_column


def textual(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """``columns`` (of ``frame``, none of a numeric dtype) that hold text; one that is numbers but for a few cells is
    refused naming its first stray cell (an ``RnncastError``)."""
    for name in columns:
        column = frame[name]
        cells = column[column.notna()].astype(str).str.strip()
        cells = cells[cells != ""]
        numbers = int(pd.to_numeric(cells, errors="coerce").notna().sum())
        if len(cells) // 2 < numbers < len(cells):  # all numbers (codes kept as text, '001'): left out as before
            numeric_column(column, name, frame.attrs)  # refuses at the first stray cell
    return list(columns)

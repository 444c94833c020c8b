"""A frame read from a file with the wrong separator: ``pd.read_csv`` of a semicolon-separated file (Europe's Excel
writes them) with its default comma gives one column named ``'date;sales'``; where the numbers carry decimal commas
(``1002,51``), every comma splits a row once more, and pandas makes the first field (``'2024-01-01;1002'``) the
index and the cents the column's values. rnncast dropped that text index and trained on the cents without a word.
Such a frame is refused, saying how to read the file (or to give rnncast its path, which finds the separator).
"""

from __future__ import annotations

import pandas as pd

from rnncast.errors import RnncastError

SEPARATORS = {";": "semicolon", "\t": "tab", "|": "pipe"}


def refuse_joined_header(frame: pd.DataFrame) -> None:
    """Raise ``RnncastError`` where the frame's one column is named by several names joined by a separator of
    ``SEPARATORS`` (``'date;sales'``) and most of its values, or of a level of the frame's text index (pandas makes
    the fields a decimal comma splits off its levels), hold that separator too: a whole file line read as one
    field. A name such as ``'a;b'`` over plain numbers passes, and so does any column of a frame of several."""
    if len(frame.columns) != 1:  # such a file read with commas is one column; a frame of several names its columns
        return
    index_text = set().union(*(_holding(frame.index.get_level_values(k)) for k in range(frame.index.nlevels)))
    for column in frame.columns:
        name = str(column)
        for sep, called in SEPARATORS.items():
            parts = [part.strip() for part in name.split(sep) if part.strip()]
            if len(parts) < 2 or not (_holding(frame[column], sep) or sep in index_text):
                continue
            decimals = " and decimal=','" if sep in index_text else ""  # the cents became the values
            raise RnncastError(
                f"column {name!r} is a line of {called}-separated names ({', '.join(map(repr, parts))}) read as one: "
                f"a {called}-separated file read with commas, pandas' default; read it with pd.read_csv(path, "
                f"sep={sep!r}{decimals}), or give rnncast the file's path, which finds its separator and decimal mark")


def _holding(values, sep: str | None = None) -> set[str] | bool:
    """Text ``values`` (a column or an index): with ``sep``, whether most of them hold it; without, the separators of
    ``SEPARATORS`` most of them hold (an empty set for numbers, dates or a RangeIndex)."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values) or \
            isinstance(values, pd.RangeIndex) or not len(values):
        return False if sep is not None else set()
    text = pd.Series(values).dropna().astype(str)
    if not len(text):
        return False if sep is not None else set()
    held = {s for s in SEPARATORS if text.str.contains(s, regex=False).mean() > 0.5}
    return sep in held if sep is not None else held

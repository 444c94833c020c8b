"""Static attributes read from a file as the file writes them. pandas reads a column of codes written with leading
zeros (store 001, zip code 02134) as the numbers 1 and 2134; rnncast reads such a column as text, a category kept
as written (the warning of ``static._numbers_written`` says so at fit), and reads a model's categorical attributes
as text exactly as written at predict, so that '001' is the category the model knows. Columns of plain numbers
(1500, 2.5, 0, -0.5) stay numbers, read as ever (decision 359)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast.data import NA_STRINGS, read_table
from rnncast.speakers import silenced

_LEADING_ZERO = re.compile(r"^\s*[+-]?0\d")  # '001', '02134'; not '0', '0.5', '-0.5'


def read_file(path, ids: list, text=(), decide=None) -> pd.DataFrame:
    """The CSV or Parquet file at ``path`` (``ids``: its id columns, read as text as ``read_table`` reads them) with
    its columns ``text`` read as text exactly as written (a model's categorical attributes), and those of ``decide``
    (None: every column but ``ids`` and ``text``: a static table's attributes) that pandas reads as numbers read as
    written where a value writes a leading zero (``is_code``); their missing values ('', 'NA') stay missing."""
    text = [str(c) for c in text]
    frame = read_table(path, text_columns=[*ids, *text])
    frame = _missing(frame, [c for c in text if c in frame.columns])
    skip = {*map(str, ids), *text}
    wanted = [str(c) for c in (frame.columns if decide is None else decide) if str(c) not in skip]
    numeric = [c for c in wanted if c in frame.columns and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    if not numeric:  # text columns already keep what the file writes
        return frame
    with silenced():  # the second reading of the file: what the first said (';', decimal commas) is not said twice
        written = _missing(read_table(path, text_columns=[*ids, *numeric]), numeric)
    codes = [c for c in numeric if is_code(written[c])]
    return frame.assign(**{c: written[c].reindex(frame.index) for c in codes}) if codes else frame


def is_code(column: pd.Series) -> bool:
    """Whether ``column`` (text as a file writes it) holds a number written with a leading zero before a digit."""
    given = column.dropna()
    return any(isinstance(v, str) and _LEADING_ZERO.match(v) for v in pd.unique(given))


def _missing(frame: pd.DataFrame, columns: list) -> pd.DataFrame:
    """``frame`` with the missing-value markers ('', 'NA', 'null') of its text ``columns`` missing, as pandas reads
    them in a column it reads for its kind (a text column keeps them as written, as ids must)."""
    marks = set(NA_STRINGS)
    changed = {c: frame[c].map(lambda v: np.nan if isinstance(v, str) and v.strip() in marks else v)
               for c in columns if frame[c].dtype.kind == "O"}
    return frame.assign(**changed) if changed else frame

"""Numbers written with a decimal comma (``51,02``), as spreadsheets in much of Europe write them.

Such files separate their columns by ``;`` (or tabs, or ``|``): there ``read`` takes a column whose
every value is a number written with digits and at most one comma (``51,02``, ``-0,5``, ``3``) as
numbers, the comma as the decimal point, as R's ``read.csv2`` and pandas' ``decimal=","`` do. It
never guesses: a column whose every comma stands before three digits (``1,234``) could hold
thousands as well, and a column that mixes commas and points, or holds other text, is left as
written; ``hint`` then says why such a value is not read as a number. In a comma-separated file a
decimal comma is never read (it would be a quoted field), only explained; there digits grouped by three
after a comma (``1,234``, ``1,003.78``) are explained as thousands separators.

``as_numbers`` reads a column that is no column of numbers as numbers where every value is one:
numbers written as text ('1', '2.5') and booleans (1 and 0), each said in a warning naming the
column, as decimal commas are (decision 148).

``read`` also records that a file's numbers were read with decimal commas (``frame.attrs["decimal"]``), for
forecasts of the file to be written so (``csvtext.dialect_of``).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

DECIMAL = "decimal"  # a frame's attrs: the decimal mark its file writes numbers with ("," or ".")

DECIMAL_COMMA = r"[+-]?(?:\d+,\d+|\d+)(?:[eE][+-]?\d+)?"  # 51,02  -0,5  3  1,5e3
THOUSANDS_LIKE = r"[+-]?[1-9]\d{0,2},\d{3}"  # 1,234: a decimal comma, or one thousand two hundred and thirty-four?
GROUPED = r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # 1,234  1,234,567  1,003.78: digits grouped by thousands
GROUPED_POINTS = r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+,\d+"  # 1.003,78: thousands by points, then a decimal comma


def read(frame: pd.DataFrame, sep: str, source: str, skip=()) -> pd.DataFrame:
    """``frame`` (read from ``source`` with columns separated by ``sep``) with every column written
    in decimal commas as float64; ``skip``: columns kept as text (series ids). A comma-separated
    file is returned as it is. ``frame.attrs["decimal"]`` is "," where a column was read with decimal commas
    (``csvtext.dialect_of`` says the file's decimal mark otherwise)."""
    if sep == ",":
        return frame
    read_so = []
    for name in frame.columns:
        column = frame[name]
        if name in skip or pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            continue
        given = column.dropna()
        if not len(given) or not all_text(given):
            continue
        text = given.str.strip()
        commas = text.str.contains(",", regex=False)
        if not commas.any() or not text.str.fullmatch(DECIMAL_COMMA).all():
            continue
        if text[commas].str.fullmatch(THOUSANDS_LIKE).all():
            continue  # 1,234 stays text: hint() says why when the column is used
        frame[name] = pd.to_numeric(column.str.strip().str.replace(",", ".", regex=False)).astype("float64")
        read_so.append(name)
    if read_so:
        log.warning("%s: column(s) %s are written with decimal commas (51,02) and read as numbers (51.02), as a file "
                 "separated by %r writes them", source, read_so, sep)
        frame.attrs[DECIMAL] = ","
    return frame


def all_text(values: pd.Series) -> bool:
    """Whether every value of ``values`` (none missing) is text (``str``): at once for pandas' string dtype, whose
    values are, else value by value (an object column may mix text and numbers)."""
    return isinstance(values.dtype, pd.StringDtype) or all(isinstance(v, str) for v in values)


def explained(column: pd.Series) -> np.ndarray:
    """[rows] bool: the values ``hint`` explains (numbers written with a decimal comma or thousands separators)."""
    text = column.astype(str).str.strip()
    return (text.str.fullmatch(DECIMAL_COMMA) | text.str.fullmatch(GROUPED) | text.str.fullmatch(GROUPED_POINTS)).to_numpy()


def hint(value, sep: str | None, column: pd.Series) -> str:
    """Why ``value`` (text that is no number to pandas) was not read as a number written with a decimal comma
    or thousands separators, or "" when it is written as neither. ``sep``: the file's separator (None: not
    read from a text file). Digits grouped by three after a comma are thousands where nothing else reads
    (``1,003.78``, ``1,234,567``, or ``1,234`` in a comma-separated file, where a decimal comma is not written);
    so are those grouped by points before a decimal comma (``1.003,78``)."""
    text = value.strip() if isinstance(value, str) else ""
    grouped = bool(re.fullmatch(GROUPED, text))
    if re.fullmatch(GROUPED_POINTS, text):
        return (f"; {value!r} looks like a number with thousands separators and a decimal comma "
                f"({text.replace('.', '').replace(',', '.')}); thousands separators are not read: write numbers without them")
    if "," not in text or not (grouped or re.fullmatch(DECIMAL_COMMA, text)):
        return ""
    if grouped and ("." in text or text.count(",") > 1 or sep == ","):
        return (f"; {value!r} looks like a number with thousands separators ({text.replace(',', '')}), which are "
                "not read: write numbers without them")
    if grouped and sep is None:
        return (f"; {value!r} could be a decimal comma ({text.replace(',', '.')}) or a thousands separator "
                f"({text.replace(',', '')}), so rnncast does not guess: give numbers, not text")
    if sep is None or sep == ",":
        where = "in a comma-separated file" if sep == "," else "in a table given in memory"
        return (f"; {value!r} looks like a number with a decimal comma, which is not read {where}: write decimal "
                "points (51.02), or separate a file's columns by ';' to keep decimal commas")
    text = column.dropna()
    text = text[[isinstance(v, str) for v in text]].str.strip()
    with_comma = text[text.str.contains(",", regex=False)]
    if len(with_comma) and with_comma.str.fullmatch(THOUSANDS_LIKE).all():
        return (f"; {value!r} could be a decimal comma ({value.replace(',', '.')}) or a thousands separator "
                f"({value.replace(',', '')}): every comma of the column stands before three digits, so rnncast does "
                "not guess; write its numbers with a decimal point, or without thousands separators")
    return ("; decimal commas (51,02) are read as numbers only when every value of the column is a number written "
            "with one or without any (no decimal points, no other text); write the column one way")


def as_numbers(column: pd.Series, name: str) -> pd.Series:
    """``column`` (no numeric dtype) as float64 numbers, NaN where a value is none: booleans as 1 and 0 and
    numbers written as text as those numbers, each said in a warning naming the column when every value
    read (a column with other text is refused by the caller, ``data.numeric_column``)."""
    values = column.dropna()
    if len(values) and (pd.api.types.is_bool_dtype(column) or all(isinstance(v, (bool, np.bool_)) for v in values)):
        log.warning("column %r holds booleans (True, False), read as the numbers 1 and 0", name)
        return column.astype("float64")
    converted = pd.to_numeric(column, errors="coerce")
    text = [v for v in values if isinstance(v, str)]
    if text and converted.notna().sum() == len(values):
        log.warning("column %r holds numbers written as text (%r), read as the numbers they write", name, text[0])
    return converted

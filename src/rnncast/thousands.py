"""Numbers written with thousands separators: which reading fits every value of a column, checked value by value.

A reading is a thousands mark and a decimal mark: ``(".", ",")`` reads ``1.005,67`` as European Excel writes
it, ``(",", ".")`` reads ``1,005.67``, ``("'", ".")`` the Swiss ``1'005.67`` and ``(" ", ",")`` the French
or Nordic ``1 005,67`` (a space, a no-break space or a narrow no-break space, as Excel writes them; ``’``
as some Swiss settings write the apostrophe). Every value of the column must be a number written with the
reading's thousands mark between groups of three digits after a first group of one to three (no group of
thousands starts with 0: ``0.947`` is none), or without it, and its decimals (if any) after the decimal
mark: pandas' own ``thousands=`` drops the mark wherever it stands (``1.00.0`` would read), so the values are
checked here. An apostrophe or a space is never a decimal mark, so ``12'500`` or ``12 500`` reads one way;
``1,234`` reads as 1234 and as 1.234, and a column is read only where every reading that fits it gives the
same numbers.

In a comma-separated file a decimal comma is never read (decision 148); where the file writes decimals with
a point (``4.14``), the comma is no decimal mark and a quoted ``"2,577"`` is 2577; where it writes none,
``2,577`` could be either and is not read.

In a ``;`` (or tab, ``|``) file whose decimal mark is the comma (``50.613,88`` in another column, or decimal commas
read), a column whose every comma stands before three digits (``6,001``: Excel's ``0,000`` for fuel prices, kg and
rates; a comma in every value) is a column of decimal commas, as the dot's ``1.005`` is thousands there (decision
235): ``comma_decimals`` reads it (decision 1479). Where only some values hold a comma (``1,500`` beside ``800``:
English ``#,##0`` grouping) it stays text, refused as either (decision 1504).
"""

from __future__ import annotations

import re

import pandas as pd

MARKS = (".", ",", "'", " ")  # the thousands separators read
ALIKE = {".": ".", ",": ",", "'": "'\u2019", " ": " \u00a0\u202f"}  # each mark as it may be written: an apostrophe
# or a right single quotation mark, a space, a no-break space or a narrow no-break space (none is a decimal mark)
NAMES = {".": "points", ",": "commas", "'": "apostrophes", " ": "spaces"}
DECIMAL_MARKS = (".", ",")


def written(mark: str) -> str:
    """The pattern of one thousands ``mark`` of ``MARKS`` as it may be written (``ALIKE``)."""
    return f"[{re.escape(ALIKE[mark])}]"


def number(thousands: str | None, decimal: str) -> str:
    """The pattern of a number written with ``thousands`` between groups of three digits (or none; None: never)
    and ``decimal`` before its decimals (or none): ``1.005,67``, ``-999``, ``12345,6`` for ``(".", ",")``."""
    d = re.escape(decimal)
    if thousands is None:
        return rf"[+-]?\d+(?:{d}\d+)?"
    t = written(thousands)
    return rf"[+-]?(?:[1-9]\d{{0,2}}(?:{t}\d{{3}})+|\d+)(?:{d}\d+)?"  # 0.947 is no thousands group


GROUPED = "|".join(rf"[+-]?[1-9]\d{{0,2}}(?:{written(t)}\d{{3}})+(?:[.,]\d+)?"
                   for t in MARKS)  # 1,234  1.003,78  12'500  1 003,77: digits grouped by three, any mark
ANY = "|".join(number(t, d) for t in [*MARKS, None] for d in DECIMAL_MARKS if t != d)  # a number in any reading


def reading(text: pd.Series, sep: str | None = None, points: bool = False) -> tuple[str, str | None] | None:
    """The (thousands, decimal) marks that read every value of ``text`` (stripped strings, none missing) as one
    set of numbers, a thousands mark written in one value at least; None where no reading fits, where two
    readings that fit give different numbers (``1,234``: 1234 or 1.234), or where no value holds a thousands
    mark. The decimal mark is None where no value has decimals. ``sep``: the file's separator (``,``: a
    decimal comma is not read); ``points``: whether the file writes decimals with a point elsewhere (in a
    comma-separated file a comma is then no decimal mark)."""
    if not len(text) or not re.fullmatch(ANY, text.iloc[0]):  # dates, names: no reading fits their first value
        return None
    present = [m for m in MARKS if text.str.contains(written(m)).any()]
    fits = [(t, d) for t in [*present, None] for d in DECIMAL_MARKS
            if t != d and text.str.fullmatch(number(t, d)).all()]
    if sep == "," and points:
        fits = [(t, d) for t, d in fits if d != ","]
    marks = {t for t, _ in fits}
    if len(marks) != 1 or None in marks:
        return None
    decimals = [d for _, d in fits]
    if sep == "," and "." not in decimals:  # 1.005,67 or 1 005,67 quoted in a comma-separated file
        return None
    written_so = len(decimals) == 1 and text.str.contains(decimals[0], regex=False).any()
    return fits[0][0], (decimals[0] if written_so else None)


def numbers(column: pd.Series, thousands: str, decimal: str | None) -> pd.Series:
    """``column`` (text read by ``thousands`` and ``decimal``, see ``reading``) as numbers: int64 where every value
    is a whole number written without decimals, as pandas reads such a column written without the marks (a store size
    of "3,150" is then said to be whole numbers, as 3150 is), else float64."""
    text = column.astype("string").str.strip().str.replace(written(thousands), "", regex=True)
    values = pd.to_numeric(text.str.replace(decimal or ".", ".", regex=False))  # nullable: Int64 or Float64
    return values.astype("int64") if values.dtype.kind in "iu" and values.notna().all() else values.astype("float64")


def plain(value: str, thousands: str, decimal: str | None) -> str:
    """``value`` written without its thousands separators and with a decimal point: '1.005,67' -> '1005.67'."""
    return re.sub(written(thousands), "", value.strip()).replace(decimal or ".", ".")


def grouped(value: str) -> tuple[str, str | None] | None:
    """The reading of one value written with thousands separators (``1,003.78``: ``(",", ".")``; ``12 500``:
    ``(" ", None)``), None where it has none; ``1,234`` is ``(",", None)`` though it could be a decimal comma."""
    text = value.strip() if isinstance(value, str) else ""
    if not re.fullmatch(GROUPED, text):
        return None
    for t in (m for m in MARKS if any(c in text for c in ALIKE[m])):
        for d in DECIMAL_MARKS:
            if d != t and re.fullmatch(number(t, d), text):
                return t, (d if d in text else None)
    return None


THOUSANDS_LIKE = r"[+-]?[1-9]\d{0,2},\d{3}"  # 1,234: a decimal comma, or one thousand two hundred and thirty-four?
COMMA_DECIMAL = r"[+-]?\d+(?:,\d+)?"  # 6,001  -0,5  12: a number with a decimal comma (or none), no thousands mark
FIXED_COMMA = r"[+-]?\d+,\d+"  # 6,001  -0,500: a number with a decimal comma, as Excel's 0,000 writes every value


def comma_decimals(text: pd.Series) -> pd.Series | None:
    """``text`` (a column's stripped strings, none missing) as float64 numbers written with a decimal comma and no
    thousands mark (``6,001`` as 6.001), where every value holds one (Excel's fixed ``0,000``); None otherwise:
    ``1,500`` beside ``800`` is English ``#,##0`` grouping as likely (decision 1504). The first value is tested first
    (a date column is not matched whole). Only for a file whose decimal mark is the comma: elsewhere ``6,001`` may
    be 6001."""
    if not len(text) or not re.fullmatch(FIXED_COMMA, text.iloc[0]) or not text.str.fullmatch(FIXED_COMMA).all():
        return None
    return pd.to_numeric(text.str.replace(",", ".", regex=False)).astype("float64")


COMMAS = ";,"  # ``marks_of``'s separator of a file whose other columns write decimal commas: its dot groups thousands


def marks_of(sep: str | None, column: pd.Series) -> str | None:
    """The separator ``numbertext`` explains a value of ``column`` by: ``sep`` (the file's; None: a table in memory),
    or ``COMMAS`` where a ``;`` (tab, ``|``) file read other columns with decimal commas (``column.attrs["decimal"]``,
    ``numbertext.read``'s): there ``1.000M`` is 1,000 million, one reading, not "or 1 million where its point is a
    decimal point" (t32t8 L3, decision 1583)."""
    return COMMAS if sep not in (",", None) and column.attrs.get("decimal") == "," else sep


def decimal_comma_plain(number: str) -> str:
    """``number`` as a file of decimal commas writes it (``COMMAS``), with a decimal point and no thousands mark:
    '1.000' -> '1000', '1,5' -> '1.5': ``plain``'s reading of a thousands point and a decimal comma."""
    return plain(number, ".", ",")

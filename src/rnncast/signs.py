"""Negative numbers written otherwise than with ``-`` before them: the Unicode minus sign, accounting parentheses
and a trailing minus.

Swedish, Norwegian and Finnish Excel and many web exports write a negative number with the MINUS SIGN
U+2212 (``−50.00``, ``−12,5``, ``1.5e−3``): it is the same sign as ``-``, read as it (before the number or in its
exponent, as pandas reads ``-``; ``+1.5`` beside it is read as pandas reads it), without a word. Excel's
accounting format writes a negative number in parentheses (``(1,234.50)``, ``(500)``): it is read as that
number negated, said in one warning naming the columns and a value with its number (``'(1,234.50)' as
-1234.5``). Either is read only where what follows the sign, or stands in the parentheses, is a number as
some reading writes it (digits, a decimal point or comma, thousands marks of ``thousands``): ``(see note)``,
``(030)`` (no amount is written with a leading zero) or ``−5 kg`` stay as written, and a column whose values
are not all numbers after this is given back as its file writes it, refused by name where it is used. A column
whose numbers are all integers in parentheses (``(2019)``, ``(212)``, ``(1)``: years, area codes, footnotes) is
no column of amounts and stays text: parentheses are read where one of them writes a decimal or thousands mark
(``(500.00)``, ``(1,234)``) or the column also writes numbers without them (``(500)`` beside ``120``).

SAP and other ERP exports write a negative amount with its minus after it (``50.00-``, ``1.234,50-``): it is read
as that number negated, said in one warning naming the columns and a value, where the column's values are
plausibly amounts: some value written so writes a decimal mark (``50.00-``, ``12,5-``). A column whose values so
written are all integers (``19-``, ``2020-``: a year range left open, a code) stays text, and the refusal where it
is used names the value and asks for the minus first (``trailing``); text (``A-``, ``2020-01-``) is never read so.

Other dashes before a number (the en dash U+2013, the hyphen U+2010 ...) are no minus sign: ``dash`` names
the character for a refusal, which asks for ``-``.

``read`` runs before the readings of decimal commas (``numbertext``) and thousands (``csvmarks``), which see
``-`` where the file wrote ``−`` or parentheses; ``settle`` runs after them. Forecasts are written with ``-``,
as pandas writes numbers, and without thousands separators (decision 247).
"""

from __future__ import annotations

import logging
import re
import unicodedata

import numpy as np
import pandas as pd

from rnncast import thousands
from rnncast.textspace import SPACE

log = logging.getLogger(__name__)

ACCOUNTING = "accounting"  # a frame's attrs: the columns read with negatives in parentheses or a trailing minus: amounts
BRACKETS, TRAILING = 1, 2  # how a value signed() read was written: '(1,234.50)', '50.00-'
WRITTEN = {BRACKETS: "in parentheses (accounting format)", TRAILING: "with the minus after them (as SAP exports them)"}
MINUS = "\u2212"  # MINUS SIGN, read as '-'
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d"  # hyphens and dashes that are no minus sign
UNSIGNED = (rf"(?:{thousands.ANY}|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")  # a number in any reading
SIGNED = rf"[+-]?{UNSIGNED}"  # a number in any reading, with the signs pandas reads ('+1.5', '-2.5', '1.5e-3')
PLAIN = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"  # a number pandas reads as written ('+1.5' too)


def signed(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``column``'s values as text with ``-`` where they write a negative number with the Unicode minus
    (``−50.00``, also in an exponent: ``1.5e−3``), in parentheses (``(1,234.50)``) or with a trailing minus
    (``50.00-``) around a number some reading takes (no sign of its own, no leading zero but ``0.5``), stripped;
    other values as they are (also values that are no text). Parentheses are taken only where they plausibly hold
    amounts (some value in them writes a decimal or thousands mark, ``(500.00)``, or the column writes numbers
    without them); a trailing minus only where some value so written writes a decimal mark (``19-`` alone: a
    code). With it, [rows] int8: how each value read was written (``BRACKETS``, ``TRAILING``; else 0)."""
    stripped = column.astype("string").str.strip()  # a number (5, -5) writes neither sign: never taken
    minus = stripped.str.contains(MINUS, regex=False).fillna(False).to_numpy(dtype=bool)
    brackets = (stripped.str.startswith("(") & stripped.str.endswith(")")).fillna(False).to_numpy(dtype=bool)
    out = column.copy().astype(object)
    taken = np.zeros(len(column), dtype=bool)
    written = stripped[minus].str.replace(MINUS, "-", regex=False)  # '−' only before the number or its exponent
    fits = (written.str.fullmatch(SIGNED) & ~written.str.match(r"[+-]?0\d")).fillna(False).to_numpy(dtype=bool)
    rows = np.flatnonzero(minus)[fits]
    out.iloc[rows] = written[fits].to_numpy(dtype=object)
    body = stripped[brackets].str[1:-1]
    fits = (body.str.fullmatch(UNSIGNED) & ~body.str.match(r"0\d")).fillna(False).to_numpy(dtype=bool)
    others = pd.Series(out[~brackets]).dropna().astype("string").str.strip()
    if not (body[fits].str.contains(r"\D").any() or others.str.fullmatch(SIGNED).any()):
        fits[:] = False  # integers alone, all in parentheses: codes, years, footnotes ('(2019)', '(212)'), no amounts
    rows = np.flatnonzero(brackets)[fits]
    out.iloc[rows] = ("-" + body[fits]).to_numpy(dtype=object)
    taken[rows] = True
    after = (stripped.str.endswith("-") & ~stripped.str.contains(f"[{MINUS}(]")).fillna(False).to_numpy(dtype=bool)
    body = stripped[after].str[:-1].str.rstrip()
    fits = (body.str.fullmatch(UNSIGNED) & ~body.str.match(r"[+-]|0\d")).fillna(False).to_numpy(dtype=bool)
    if not body[fits].str.contains("[.,]").any():
        fits[:] = False  # integers alone ('19-', '2020-'): a code or an open range, no amount; refused, asking for '-19'
    rows = np.flatnonzero(after)[fits]
    out.iloc[rows] = ("-" + body[fits]).to_numpy(dtype=object)
    how = np.where(brackets & taken, BRACKETS, 0).astype(np.int8)
    how[rows] = TRAILING
    return out, how


def first_read(column: pd.Series, how: np.ndarray, numbers: pd.Series) -> dict[int, str]:
    """{kind: its first value and number (``"'(1,234.50)' as -1234.5"``)} for each way of ``WRITTEN`` that ``how``
    (``signed``'s) finds in ``column``, ``numbers`` the column read."""
    said = {}
    for kind in WRITTEN:
        if (how == kind).any():
            i = int(np.flatnonzero(how == kind)[0])
            said[kind] = f"{column.iloc[i].strip()!r} as {numbers.iloc[i]:.15g}"
    return said


def plain(column: pd.Series) -> pd.Series:
    """``column`` (text) with negative numbers written with ``−`` or in parentheses written with ``-``."""
    return signed(column)[0]



def plain_columns(table: pd.DataFrame) -> dict:
    """{column: ``plain(column)``} for each column of ``table`` [rows, columns] of text. One pass over all of them
    finds the columns where a value could write a sign ``signed`` reads (a ``−`` or ``(``, or a ``-`` after the last
    digit); the others are given back as ``signed`` gives a column it changes nothing in (as object), unread."""
    stacked = pd.Series(table.to_numpy(dtype=object).ravel(order="F")).astype("string")  # column after column
    maybe = stacked.str.contains(rf"[{MINUS}(]|-[^0-9]*$").fillna(False).to_numpy(dtype=bool)  # pandas' fast path
    hits = maybe.reshape(table.shape[1], table.shape[0]).any(axis=1) if table.size else np.zeros(table.shape[1], bool)
    return {name: plain(column) if hit else column.copy().astype(object) for (name, column), hit in zip(table.items(), hits)}

def read(frame: pd.DataFrame, skip=()) -> tuple[pd.DataFrame, dict]:
    """``frame`` with each text column's negative numbers written with ``−`` or in parentheses written with
    ``-`` (a column then of numbers pandas reads as written, as float64), and {column: (its text as
    written, [rows] bool of its values in parentheses)} for ``settle``. ``skip``: columns kept as text (ids)."""
    originals = {}
    for name in frame.columns:
        column = frame[name]
        given = column.dropna()
        if name in skip or not len(given) or pd.api.types.is_numeric_dtype(given) or not (
                given.astype("string").str.contains(rf"[{MINUS}(]|-{SPACE}*$").any()):  # most columns: one fast pass
            continue
        if not isinstance(given.dtype, pd.StringDtype) and not all(isinstance(v, str) for v in given):
            continue  # text beside numbers (an object column read so): no file's column
        out, how = signed(column)
        if out.equals(column.astype(object)):
            continue
        originals[name] = (column, how)
        text = out.dropna().str.strip()
        frame[name] = (pd.to_numeric(out.str.strip()).astype("float64") if text.str.fullmatch(PLAIN).all()
                       else out)
    return frame, originals


def settle(frame: pd.DataFrame, originals: dict, source: str) -> pd.DataFrame:
    """``frame`` after the readings of decimal commas and thousands: each column of ``originals`` (``read``)
    not read as numbers given back as its file writes it (refused by name where used); those read with
    parentheses, and those read with a trailing minus, each said in one warning and named in
    ``frame.attrs[ACCOUNTING]``."""
    said: dict = {kind: {} for kind in WRITTEN}
    for name, (column, how) in originals.items():
        if not pd.api.types.is_numeric_dtype(frame[name]):
            frame[name] = column
            continue
        for kind, text in first_read(column, how, frame[name]).items():
            said[kind][name] = text
    for kind, columns in said.items():
        if columns:
            log.warning("%s: column(s) %s write negative numbers %s and are read as negative numbers (%s); forecasts "
                        "are written with '-'", source, list(columns), WRITTEN[kind], ", ".join(columns.values()))
    amounts = [name for name in originals if any(name in columns for columns in said.values())]
    if amounts:
        frame.attrs[ACCOUNTING] = amounts
    return frame


def trailing(value, column: pd.Series | None = None) -> str:
    """Why ``value`` (in ``column``) is no number where it is one but for its minus after it, with its real reason:
    a leading zero (``05.00-``: no amount is written so, a code?), or no value of the column written with a minus
    after it writes a decimal mark (``19-``, ``5-`` beside ``10.00``: ``signed`` reads a trailing minus only where
    one does, as amounts); the minus asked for first; else ""."""
    text = value.strip() if isinstance(value, str) else ""
    body = text[:-1].rstrip()
    if not text.endswith("-") or not re.fullmatch(UNSIGNED, body) or body.startswith(("+", "-")):
        return ""
    ask = f"write the minus first ({'-' + body})"
    if re.match(r"0\d", body):
        return (f"; {value!r} writes its minus after a number with a leading zero, which rnncast does not read as an "
                f"amount (a code?): {ask}")
    ends = pd.Series([] if column is None else column.dropna(), dtype=object).astype(str).str.strip()
    ends = ends[ends.str.endswith("-") & ends.str[:-1].str.rstrip().str.fullmatch(UNSIGNED)]
    more = ", ..." if len(set(ends)) > 3 else ""
    shown = ", ".join(repr(v) for v in list(dict.fromkeys(ends.tolist() or [text]))[:3]) + more
    return (f"; {value!r} writes its minus after the number, which rnncast reads only in a column where some value "
            f"written so has a decimal mark ('50.00-', amounts as SAP exports them); none of this column's does "
            f"({shown}): {ask}")


def dash(value) -> str:
    """Why ``value`` is no number where it is one but for a dash that is no minus sign before it (``–50.00``,
    en dash): the character named and ``-`` asked for; else ""."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) < 2 or text[0] not in DASHES or not re.fullmatch(UNSIGNED, text[1:]):
        return ""
    c = text[0]
    return (f"; {value!r} writes {c!r} ({unicodedata.name(c, 'a dash').lower()}, U+{ord(c):04X}) before the number, "
            f"which is no minus sign: write '-' ({'-' + text[1:]})")

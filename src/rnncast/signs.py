"""Negative numbers written otherwise than with ``-``: the Unicode minus sign and accounting parentheses.

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

log = logging.getLogger(__name__)

ACCOUNTING = "accounting"  # a frame's attrs: the columns read with negative numbers in parentheses ('(1,234.50)')
MINUS = "\u2212"  # MINUS SIGN, read as '-'
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d"  # hyphens and dashes that are no minus sign
UNSIGNED = (rf"(?:{thousands.ANY}|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")  # a number in any reading
SIGNED = rf"[+-]?{UNSIGNED}"  # a number in any reading, with the signs pandas reads ('+1.5', '-2.5', '1.5e-3')
PLAIN = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"  # a number pandas reads as written ('+1.5' too)


def signed(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``column``'s values as text with ``-`` where they write a negative number with the Unicode minus
    (``−50.00``, also in an exponent: ``1.5e−3``) or in parentheses (``(1,234.50)``) around a number some
    reading takes (no sign of its own, no leading zero but ``0.5``), stripped; other values as they are (also
    values that are no text). Parentheses are taken only where they plausibly hold amounts (some
    value in them writes a decimal or thousands mark, ``(500.00)``, or the column writes numbers without them).
    With it, [rows] bool: the values read from parentheses."""
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
    return out, brackets & taken


def plain(column: pd.Series) -> pd.Series:
    """``column`` (text) with negative numbers written with ``−`` or in parentheses written with ``-``."""
    return signed(column)[0]


def read(frame: pd.DataFrame, skip=()) -> tuple[pd.DataFrame, dict]:
    """``frame`` with each text column's negative numbers written with ``−`` or in parentheses written with
    ``-`` (a column then of numbers pandas reads as written, as float64), and {column: (its text as
    written, [rows] bool of its values in parentheses)} for ``settle``. ``skip``: columns kept as text (ids)."""
    originals = {}
    for name in frame.columns:
        column = frame[name]
        given = column.dropna()
        if name in skip or not len(given) or pd.api.types.is_numeric_dtype(given) or not (
                given.astype("string").str.contains(f"[{MINUS}(]").any()):  # most columns (dates, names): one pass
            continue
        if not isinstance(given.dtype, pd.StringDtype) and not all(isinstance(v, str) for v in given):
            continue  # text beside numbers (an object column read so): no file's column
        out, brackets = signed(column)
        if out.equals(column.astype(object)):
            continue
        originals[name] = (column, brackets)
        text = out.dropna().str.strip()
        frame[name] = (pd.to_numeric(out.str.strip()).astype("float64") if text.str.fullmatch(PLAIN).all()
                       else out)
    return frame, originals


def settle(frame: pd.DataFrame, originals: dict, source: str) -> pd.DataFrame:
    """``frame`` after the readings of decimal commas and thousands: each column of ``originals`` (``read``)
    not read as numbers given back as its file writes it (refused by name where used); those read with
    parentheses said in one warning and named in ``frame.attrs[ACCOUNTING]``."""
    said = {}
    for name, (column, brackets) in originals.items():
        if not pd.api.types.is_numeric_dtype(frame[name]):
            frame[name] = column
        elif brackets.any():
            i = int(np.flatnonzero(brackets)[0])
            said[name] = f"{column.iloc[i].strip()!r} as {frame[name].iloc[i]:.15g}"
    if said:
        log.warning("%s: column(s) %s write negative numbers in parentheses (accounting format) and are read as "
                    "negative numbers (%s); forecasts are written with '-'", source, list(said), ", ".join(said.values()))
        frame.attrs[ACCOUNTING] = list(said)
    return frame


def dash(value) -> str:
    """Why ``value`` is no number where it is one but for a dash that is no minus sign before it (``–50.00``,
    en dash): the character named and ``-`` asked for; else ""."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) < 2 or text[0] not in DASHES or not re.fullmatch(UNSIGNED, text[1:]):
        return ""
    c = text[0]
    return (f"; {value!r} writes {c!r} ({unicodedata.name(c, 'a dash').lower()}, U+{ord(c):04X}) before the number, "
            f"which is no minus sign: write '-' ({'-' + text[1:]})")

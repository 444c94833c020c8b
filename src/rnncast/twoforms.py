"""A time column that writes one kind of time in two forms (``2001Q4`` and ``2001-Q4``, ``2016-01`` and ``2016/01``),
refused by ``one_form`` before it is read: its forecasts could be written in no one form, and which form they take
would be a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import monthnames
from rnncast.errors import RnncastError
from rnncast.spelling import counted


def one_form(column: pd.Series, name: str = "time", place=str) -> None:
    """Refuse (``RnncastError``) a text column that writes the same fields in two forms: the digits and
    words of its values alike but their separators not (``2001Q4`` / ``2001-Q4``, ``2021-W01`` /
    ``2021W01``, ``2016-01`` / ``2016/01``, ``2016-01-31`` / ``31.01.2016``), naming both forms, where
    each is first found (``place(i)`` names row ``i``) and how many rows each has. pandas (2.0 on) refuses
    such a mix too unless told ``format='mixed'``: it is two sources joined, and which form forecasts are
    written in would be a guess. Letters in two cases (``1990q1`` / ``1990Q2``, ``Jan`` / ``JAN``) are two forms
    too. Precisions (``2016-01-31``, ``2016-01-31 13:00``) and UTC offsets may mix."""
    rows = np.flatnonzero(column.notna().to_numpy())  # positions of the values given
    if not len(rows) or not all(isinstance(v, str) for v in column.iloc[rows[:5]]):
        return
    text = column.iloc[rows].astype(str).str.strip().to_numpy(dtype=object)
    if _one_width(text):
        return
    codes, values = pd.factorize(text)  # distinct values, in the order they first come
    shapes = (pd.Series(values).str.replace(r"\d+", "9", regex=True).str.replace(r"(?<=9)T(?=9)", " ", regex=True)
              .str.replace(r"[A-Z][a-z]+", "Aa", regex=True).str.replace(r"[A-Z]{2,}", "AA", regex=True)
              .str.replace(r"[a-z]{2,}", "aa", regex=True))  # ISO's T and RFC 3339's space: one form; words by case
    shape_of, forms = pd.factorize(shapes)  # [values] -> form, forms in the order they first come
    if len(forms) < 2:
        return
    fields = pd.Series(forms).str.replace(r"[-/.\s]", "", regex=True).str.lower()  # 1990q1 / 1990Q2: two forms
    form = shape_of[codes]  # [rows] the form of each value
    counts = np.bincount(form, minlength=len(forms))
    for group in pd.Series(range(len(forms))).groupby(fields.to_numpy()):
        alike = group[1].to_numpy()
        if len(alike) > 1:
            monthnames.refuse(column, name, place)  # 'janv. 1995', 'mars 1995': French months, not two forms
            first = [int(np.argmax(form == f)) for f in alike[:2]]  # where each of the first two forms comes first
            a, b = (f"{text[i]!r} at {place(int(rows[i]))} ({counted(int(counts[f]), 'row')} so)" for i, f in zip(first, alike))
            common = text[first[int(counts[alike[1]] > counts[alike[0]])]]
            raise RnncastError(f"time column {name!r} mixes date formats, one kind of time written in two forms: {a} "
                               f"and {b}; write every value in one form, e.g. as {common!r} is written")


def _one_width(text: np.ndarray) -> bool:
    """Whether every value is written as the first one is, character by character (digits where it has
    digits, its other characters where it has them): machine-written time, told in one pass."""
    chars = np.asarray(text.astype(str)).view(np.uint32).reshape(len(text), -1)  # [rows, widest] code points, 0-padded
    digit = (chars >= ord("0")) & (chars <= ord("9"))
    return bool((digit == digit[0]).all() and (chars[:, ~digit[0]] == chars[0, ~digit[0]]).all())

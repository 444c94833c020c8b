"""The sort key a revision's advice prints for release dates written as text (``repeatedrows``): read in the day order
the dates themselves settle, else the data's time column's, with an explicit format.

``df.sort_values('released', key=pd.to_datetime)`` reads 01/04/2020 month first (4 January): where the releases are
written day first (1 April), following it kept the preliminary row of every day revised. A field past 12 settles the
order (``13/01/2020`` day first, ``01/13/2020`` month first), dotted dates are day first (``dayorder``), else the order
rnncast judged for the time column (``Rows.dayfirst``) is taken; where none tells and the two readings keep different
rows, the advice prints month first (pandas' reading) and names the day-first format beside it.
"""

from __future__ import annotations

import pandas as pd

from rnncast.csvtext import guess
from rnncast.dayorder import AMBIGUOUS_ORDER, DOTTED


def _key(text: pd.Series, dayfirst: bool) -> str:
    fmt = guess(text.iloc[0], dayfirst)
    said = f"format={fmt!r}" if fmt is not None else f"dayfirst={dayfirst}"
    return f"lambda s: pd.to_datetime(s, {said})"


def sort_key(column: pd.Series, dayfirst: bool | None = None) -> tuple[str, str]:
    """The ``key=`` of ``sort_values`` that orders ``column`` (release dates as text, read by pandas) by date, and a
    clause to add where its day order is not settled ("" else). ``dayfirst``: the order the time column was read in
    (None: no doubt there)."""
    text = column.dropna().astype(str).str.strip()
    if text.empty or not text.str.match(AMBIGUOUS_ORDER).all():
        return "pd.to_datetime", ""  # 2020-04-01, 1 Apr 2020: one reading
    fields = text.str.extract(r"^(\d{1,2})[/.-](\d{1,2})").astype(int)
    order = (True if (fields[0] > 12).any() else False if (fields[1] > 12).any() else True
             if text.str.match(DOTTED).all() else dayfirst)
    if order is not None:
        return _key(text, order), ""
    month, day = (pd.to_datetime(text, dayfirst=d, errors="coerce") for d in (False, True))
    if month.rank(method="dense").equals(day.rank(method="dense")):  # both readings keep the same rows
        return _key(text, False), ""
    return _key(text, False), (f" (the release dates read month first and day first alike, {text.iloc[0]}, and keep "
                               f"different rows; where they are written day first, read them with "
                               f"{_key(text, True).split(', ', 1)[1][:-1]})")

"""A forecast step's future value that is a code of ``missing_values``, refused by the line of the future table that
holds it: a text code ('M', ``codedblanks.future_words``) and a number (-9999) alike (decision 1823). Where no line
is known (future values given as an array), ``missingcodes.refuse_future`` refuses a number by its column and count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import codedblanks
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.numbertext import MISSING
from rnncast.settingvalues import missing_numbers
from rnncast.spelling import counted, listing


def refuse(table: pd.DataFrame, columns: list, attrs: dict) -> None:
    """Refuse the future covariates ``columns`` where a forecast step's cell holds a code of ``missing_values``
    (``attrs``: the future frame's, its ``MISSING`` the setting's text): ``table`` [S * H rows] the steps' values and
    ``'_row'`` the future table's row of each (NaN: a step the data's own row gave). One ``RnncastError``, as
    ``codedblanks.future_refusal`` words it: each column's steps counted, the first cell by its line ("'price' (1 step,
    first at line 6 of f3.csv)"), every code found, text ('M', ``codedblanks.future_words``) and number alike, and each
    column's first line over all of them (decision 2238)."""
    words, texts = codedblanks.future_words(table, columns, attrs)
    codes = missing_numbers((attrs or {}).get(MISSING))
    rows = table["_row"].to_numpy(dtype=np.float64)
    values = {c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=np.float64) for c in columns}
    numbers = {c: k for c in columns if codes and (k := np.isin(values[c], codes) & ~np.isnan(rows)).any()}
    found = {c: words.get(c, False) | numbers.get(c, False) for c in columns if c in words or c in numbers}
    if found:  # every code found, each column's first line over all of them (decision 2238)
        held = sorted({float(v) for c, k in numbers.items() for v in values[c][k]})
        where = ", ".join(f"{c!r} ({counted(int(k.sum()), 'step')}, first at {place(int(rows[k].min()), attrs)})"
                          for c, k in found.items())
        raise RnncastError(codedblanks.future_refusal(listing([f"{v:g}" for v in held] + list(map(repr, texts))),
                                                      where))

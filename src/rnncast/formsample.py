"""The values a column's written form is checked on, and the one form a text column's values share.

A column's form (``2014Q4``, ``2000H1``, ``2024년 1월 5일``) is settled on up to ``CHECKED`` values spread over it from
the first to the last (``spread``), not on its head alone: a table whose later rows are written otherwise is found
so at once. ``one_format`` names the form every sampled value of a text column is written in, read by the caller's
reader, for the modules that recognise a family of forms (``timetext``: quarters and ISO weeks; ``halfyears``).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError

CHECKED = 1000  # values of a column whose form is checked, spread over it


def spread(n: int, most: int = CHECKED) -> np.ndarray:
    """Up to ``most`` positions of ``n`` rows, spread evenly from the first to the last, each once, in order."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).astype(np.int64))


def one_format(column: pd.Series, form: Callable[[str], str | None],
               read: Callable[[pd.Series, str], object]) -> str | None:
    """The format (``form`` of a value stripped) that every value of a text column, up to ``CHECKED`` spread over it,
    is written in, where ``read`` reads them in it (a form written so but naming no such time, ``2014Q5``, is no
    format); None otherwise, also for a column whose first values are not text."""
    values = column.dropna()
    if not len(values) or not all(isinstance(v, str) for v in values.iloc[:5]):
        return None
    sample = values.iloc[spread(len(values))].astype(str).str.strip()
    fmt = form(sample.iloc[0])
    if fmt is None or not all(form(v) == fmt for v in sample):
        return None
    try:
        read(sample, fmt)
    except RnncastError:
        return None
    return fmt

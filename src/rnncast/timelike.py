"""Columns of numbers that write times beside the table's time column: ISO weeks written YYYYWW under a week's name
(``202301``: ``weektext.iso_codes``), months written YYYYMM under a month's name (``200001``:
``monthtext.compact_months``) and compact dates (``20000131``: ``compactdates.compact_dates``). A `week` of 201923 ..
beside `date` was offered as the target ("--target week the first"); such a column is a time, not a value to forecast,
so ``labels.default_target`` offers the others, saying why.
"""

from __future__ import annotations

import pandas as pd

from rnncast import compactdates, monthtext, weektext, wholenumbers
from rnncast.timenames import MONTH_NAMES


def among(frame: pd.DataFrame, columns) -> list:
    """Those of ``columns`` (numeric) of ``frame`` that write times, as the module's note says."""
    return [c for c in columns if kind(frame[c], c) is not None]


def kind(column: pd.Series, name) -> str | None:
    """The times column ``name`` writes in words ('ISO weeks written YYYYWW'), or None."""
    whole = wholenumbers.as_whole(column)
    if not pd.api.types.is_integer_dtype(whole) or pd.api.types.is_bool_dtype(whole) or whole.isna().any():
        return None
    if weektext.iso_codes(whole, name) is not whole and weektext.in_order(name, whole.to_numpy()):  # kW: values
        return "ISO weeks written YYYYWW"
    if str(name).strip().lower() in MONTH_NAMES and monthtext.compact_months(whole) is not None:
        return "months written YYYYMM"
    return "dates written YYYYMMDD" if compactdates.compact_dates(whole) is not None else None


def note(frame: pd.DataFrame, columns: list, said) -> str:
    """The clause saying that ``columns`` (written as ``said(c)`` writes them) hold times, not values to forecast."""
    held = "; ".join(f"{said(c)} holds {kind(frame[c], c)}" for c in columns)
    return f"{held}: times beside the time column, so not offered as the target" if columns else ""

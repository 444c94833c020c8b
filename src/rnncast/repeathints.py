"""What a refusal of a time given twice in a series (or going back) adds where the table says why: the time split over
two columns (a date and its hour, a year and its month or week: ``splittime``), or, for a table read as one series,
the column that could tell several series apart (a forgotten ``id_col``).

A long panel's repeated years got no hint: CDC FluView's ``region, YEAR, WEEK`` was refused as "duplicated timestamp
2019 in series 'Auckland'" where the same file of one region was told to write YEAR and WEEK as one time column. The
split is looked for within each series here, so a panel is told the same.
"""

from __future__ import annotations

import pandas as pd

from rnncast import splittime
from rnncast.layouts import Rows
from rnncast.spelling import one_series_reader


def hint(frame: pd.DataFrame, rows: Rows, layout: str) -> str:
    """The clause to add to the refusal of ``rows`` (read from ``frame`` in ``layout``: "single", "long" or "wide")
    whose times repeat or go back in a series; "" where the table says nothing of why."""
    used = set(rows.columns) | {rows.time_col, rows.id_col}
    others = [str(c) for c in frame.columns if str(c) not in used]
    within = frame[rows.id_col] if layout == "long" and rows.id_col in frame.columns else None
    who = one_series_reader()
    split = splittime.split_over(frame, rows.time_col, others, within)
    if split:  # 'Date' and 'Hour': one time, not 24 series; 'date' and 'store' 0-23: either
        if within is not None:
            ids = (f"join it and {rows.id_col!r} into one id column (frame['id'] = frame[{rows.id_col!r}].astype(str) "
                   f"+ ' ' + frame[{split[0]!r}].astype(str)) and name that with id_col= (--id-col)")
        else:
            ids = f"{who} takes one series: give it the rows of one of them" if who else "name it with id_col= (--id-col)"
        return splittime.joined(rows.time_col, *split, ids=ids)
    if yearly := splittime.split_year(frame, rows.time_col, others, within):
        return splittime.year_joined(rows.time_col, *yearly)  # 'year' and 'month': one time, not 12 series
    return _id_hint(frame, others, who) if layout == "single" else ""


def _id_hint(frame: pd.DataFrame, others: list[str], who: str | None) -> str:
    """For a single series: the text columns that could tell several series apart (a forgotten ``id_col``), as a
    clause; "" if none."""
    text = [c for c in others if _could_be_ids(frame[c])]
    if not text:
        return ""
    if who is not None:  # tune takes one series: no id_col to offer
        return (f"; if the rows hold several series (told apart by {text[0]!r}?), {who} takes one series: give it the "
                "rows of one of them")
    return (f"; if the rows hold several series, name the column that tells them apart with id_col= (--id-col), "
            f"e.g. {text[0]!r}")


def _could_be_ids(column: pd.Series) -> bool:
    """Text, or whole numbers repeated (store 1, 2, 3)."""
    if pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    distinct = column.nunique()
    if pd.api.types.is_integer_dtype(column):
        return 1 < distinct <= len(column) // 3
    return not pd.api.types.is_numeric_dtype(column) and 1 < distinct < len(column)

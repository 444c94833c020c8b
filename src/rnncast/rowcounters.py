"""Columns that count the rows (0, 1, 2 ..., up by one each row): found, and what is said of them. They are not
offered as the target nor taken as covariates unless named; without a time column they give the rows' order, and
one that starts away from 0 (t = 300..799) is said not to number the forecasts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import compactdates, timenames, wholenumbers

def row_counters(frame: pd.DataFrame, columns) -> list[str]:
    """Those of ``columns`` that count the rows: integers (0.0, 1.0 too) up by one each row (0, 1, 2 ...), not dates
    (compact dates, or numbers under a name that says dates)."""
    def counts(column: pd.Series) -> bool:
        column = wholenumbers.as_whole(column)  # 0.0, 1.0, 2.0 ... (a counter pandas wrote as floats): the integers
        return (pd.api.types.is_integer_dtype(column) and not pd.api.types.is_bool_dtype(column) and len(column) > 1
                and bool((np.diff(column.to_numpy()) == 1).all()) and compactdates.written_as(column) is None)  # 20150101 ...
    return [c for c in columns if c in frame.columns and not timenames.dated_name(c) and counts(frame[c])]  # OrderDate:
    # Excel serial days, which timeunread.unread names


def counted_from(frame: pd.DataFrame, counters: list[str]) -> str:
    """Where a column that counts the rows (``row_counters``) starts elsewhere than the rows' numbers (a table cut from
    a longer one: t = 300..799), the line saying that forecasts are numbered by row, not after it, and how to continue
    it: "column 't' runs 300-799, not the rows' 0-499, so forecasts are numbered by row (500 on); to continue 't' (800
    on), name it with time_col= (--time-col)"; "" where every counter starts at 0."""
    away = [c for c in counters if int(frame[c].iloc[0]) != 0]
    if not away:
        return ""
    c, n = away[0], len(frame)
    first, last = int(frame[c].iloc[0]), int(frame[c].iloc[-1])
    return (f"column {c!r} runs {first}-{last}, not the rows' 0-{n - 1}, so forecasts are numbered by row ({n} on); to "
            f"continue {c!r} ({last + 1} on), name it with time_col= (--time-col)")


def counters_note(counters: list[str], timed: bool = False, offered: bool = False) -> str:
    """What columns that count the rows are (``row_counters``; named as the caller's words say them), in one clause:
    without a time column (``timed``) the rows' order; not offered as the target (``offered``: said where a target is
    chosen) or, where they are left unused, not a covariate to train on."""
    one = len(counters) == 1
    order = "" if timed else ": the rows are taken in that order"
    why = (f"not offered as the target; {'it is' if one else 'they are'} used only when named, as the other columns"
           if offered else "not used as a covariate")
    return (f"{', '.join(counters)} {'counts' if one else 'count'} the rows (up by one each row){order}, so "
            f"{'it is' if one else 'they are'} {why}" + ("" if timed else f"; to read {'it' if one else 'one'} as the "
                                                        "time, name it with time_col= (--time-col)"))


def numbered_note(counters: list[str], told: bool = False) -> str:
    """What follows "no time column: rows are numbered; " in the line saying that a table without a time column is
    read on numbered rows: ``told`` so (time_col=False), or the hint to name one; and of the columns that count the
    rows (``row_counters``) beside it, that they count them, so they are not used as covariates: said there, not
    again in a warning with nothing to fix (decision 738)."""
    how = "as told (time_col=False)" if told else "name one with time_col= (--time-col)"
    if not counters:
        return how
    one = len(counters) == 1
    counted = (f"{', '.join(counters)} {'counts' if one else 'count'} them (up by one each row), so {'it is' if one else 'they are'} "
               f"not used as {'a covariate' if one else 'covariates'}")
    return f"{how}; {counted}" if told else \
        f"{counted}; to read {'it' if one else 'one'} as the time, name it with time_col= (--time-col)"


def counted_features_note(counters: list[str]) -> str:
    """The warning where features='all' took columns that count the rows (``row_counters``) as covariates."""
    one = len(counters) == 1
    return (f"features='all' (--features all) took {', '.join(map(repr, counters))} as {'a feature' if one else 'features'}, "
            f"though {'it counts' if one else 'they count'} the rows (up by one each row): past the training part its "
            f"values grow beyond any the network saw; name the features (--features) to leave {'it' if one else 'them'} out")

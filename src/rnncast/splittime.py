"""A time written over two columns, as spreadsheets and meter exports write it: the date in one (``Date``
2024-10-14) and the time of day in another (``Hour`` 0 .. 23, or ``Time`` 13:00). rnncast reads time from one
column, so such a table's dates repeat (24 rows a day) and its refusal of repeated times offered the time-of-day
column as the id of several series (``layouts.id_hint``), which trains 24 daily series. ``split_over`` tells that
column from a series id: text written as a time of day (``HH:MM``, ``HH:MM:SS``), or whole numbers of 0 to 24
told apart within each date (every row of a date another number, but for the hour the clocks repeat) that are the hours of a day (0 .. 23 or 1 .. 24
all present) or under a name that says hour (``Hour``, ``hr``, ``Stunde``, ``HE``); ``joined`` says how to make
one timestamp column of the two. Stores numbered 0 .. 23 are those numbers too, so a whole day of them under a name
that says no hour (``store``) is given both readings, an id or the hour of the day, and never called no series id.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

CLOCK = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*")  # 13:00, 7:30, 13:00:00
DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\b")  # 14.03.2025: day first
HOUR_NAMES = re.compile(r"(?i)\s*(hours?|hrs?|hh|h|he|hour[ _-]?ending|stunde|heure|hora|ora|uur)\s*")


def split_over(frame: pd.DataFrame, time_col: str | None, candidates: list[str]) -> tuple[str, str, str] | None:
    """``(column, kind, its first row as one timestamp)``: the first of ``candidates`` (columns of ``frame`` no
    role took) that holds the time of day of the dates in ``time_col``, as the module says; None where none does
    or there is no time column. ``kind`` is "clock" (``HH:MM`` text), "hours" (whole hours under a name that says
    hour) or "cycle" (a whole day of 0 .. 23 or 1 .. 24 under another name: stores 0 .. 23 read the same, so only
    the name could tell, and the refusal gives both readings, :func:`joined`)."""
    if time_col is None or time_col not in frame.columns:
        return None
    dates = frame[time_col].astype(str).str.strip()
    for name in candidates:
        column = frame[name]
        given = column.dropna()
        if not len(given) or len(given) < len(column):
            continue
        if not pd.api.types.is_numeric_dtype(column):
            if given.astype(str).str.fullmatch(CLOCK).all() and _apart(given.astype(str).str.strip(), dates):
                return name, "clock", f"{dates.iloc[0]} {str(given.iloc[0]).strip()}"
            continue
        if pd.api.types.is_bool_dtype(column):
            continue
        values = given.to_numpy(dtype=np.float64)
        if not (np.all(values == np.round(values)) and values.min() >= 0 and values.max() <= 24):
            continue
        present = set(values.astype(np.int64).tolist())
        day = present in (set(range(24)), set(range(1, 25)))
        hourly = HOUR_NAMES.fullmatch(name) is not None
        if (day or hourly) and len(present) > 1 and _apart(column, dates):
            return name, "hours" if hourly else "cycle", f"{dates.iloc[0]} {int(values[0]):02d}:00"
    return None


def _apart(column: pd.Series, dates: pd.Series) -> bool:
    """Whether the rows of each date hold other values of ``column`` but for one at most (the hour the clocks
    repeat in autumn: 2 twice on 2024-10-27 in Berlin), and some date more than one row."""
    counts = pd.DataFrame({"d": dates.to_numpy(), "v": column.to_numpy()}).groupby("d")["v"].agg(["size", "nunique"])
    return bool((counts["size"] - counts["nunique"] <= 1).all() and (counts["size"] > 2).any())


def joined(time_col: str, name: str, kind: str, example: str, ids: str = "") -> str:
    """The clause a refusal of repeated times adds: the time is split over ``time_col`` and ``name`` (``kind``,
    ``example``: ``split_over``'s), and how to write it as one timestamp column (dotted dates, 14.03.2025, read
    day first, as ``dayorder`` reads them). For a "cycle" (0 .. 23 under a name that says no hour: ``store``) both
    readings in one clause: an id, saying ``ids`` (what to do then, e.g. "name it with id_col= (--id-col)"), or the
    hour of the day, the one timestamp column; never "is no series id"."""
    day = ", dayfirst=True" if DOTTED.match(example) else ""
    if kind == "clock":
        how = f"frame['time'] = pd.to_datetime(frame[{time_col!r}] + ' ' + frame[{name!r}]{day})"
    else:
        how = f"frame['time'] = pd.to_datetime(frame[{time_col!r}]{day}) + pd.to_timedelta(frame[{name!r}], unit='h')"
    if kind == "cycle":
        return (f"; {name!r} holds the 24 numbers of a day's hours within each {time_col!r}, which reads as a "
                f"series id or as the hour of the day: if it tells series apart, {ids}; if it is the hour of the "
                f"day, the time is split over {time_col!r} and {name!r}: write them as one timestamp column "
                f"({example!r}), e.g. {how}, and name it with time_col= (--time-col)")
    return (f"; the time is split over {time_col!r} (the date) and {name!r} (the "
            f"{'time of day' if kind == 'clock' else 'hour of the day'}): rnncast reads time from one column, so "
            f"write them as one timestamp column ({example!r}), e.g. {how}, and name it with time_col= "
            f"(--time-col); {name!r} is no series id")

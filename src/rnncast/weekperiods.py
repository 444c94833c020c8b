"""A time column of weeks written as pandas writes a weekly period, its first and last day ('2022-11-14/2022-11-20',
``str`` of a ``W-SUN`` Period, as ``Series.to_csv`` and rnncast's own predict output and test_forecasts.csv write it),
read as those periods; any other text of a date and a '/' (a span, '2020-01-05/06') refused by its row, not read as
a time with a UTC offset, as pandas' ``format="mixed"`` reads it ('2019-12-30/2020-01-05': 2019-12-30 20:20-05:00).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.periodspans import DAYS

SPAN = r"\d{4}-\d{2}-\d{2}[^/]*/"  # an ISO date, then a '/': a span, however the rest is written


def written(sample: pd.Series) -> bool:
    """Whether every value of ``sample`` (a column's first values) is a week as pandas writes a weekly period: a time
    column, whatever its name (``timeaxis``)."""
    return bool(len(sample)) and all(isinstance(v, str) and DAYS.fullmatch(v.strip()) for v in sample)


def read(column: pd.Series, name: str, place) -> pd.Series:
    """``column`` [N] (a time column's values) as periods of weeks ending on the weekday its rows' last days share
    (``W-SUN`` for '2019-12-30/2020-01-05'), where its text is a span of days; ``column`` itself where no value is
    written as a date and a '/'. Raises ``RnncastError`` naming the first row (``place(i)``) that is no such week
    among weeks (another length, another last weekday, a plain date), or, where no row is a week, the first span."""
    if not (pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)):
        return column
    text = column.astype("string").str.strip()
    spans = text.str.match(SPAN).fillna(False).to_numpy(dtype=bool)
    if not spans.any():
        return column
    parts = text.str.extract(DAYS.pattern)  # [N, 2] first and last day, where the whole text is two days
    first = pd.to_datetime(parts[0], format="%Y-%m-%d", errors="coerce")
    last = pd.to_datetime(parts[1], format="%Y-%m-%d", errors="coerce")
    weeks = (text.str.fullmatch(DAYS.pattern).fillna(False) & ((last - first) == pd.Timedelta(days=6))).to_numpy(dtype=bool)
    if not weeks.any():
        i = int(np.flatnonzero(spans)[0])
        raise RnncastError(f"time column {name!r} holds {column.iloc[i]!r} at {place(i)}, a span written 'start/end', "
                           "which is no timestamp; a week is read as pandas writes a weekly period, its first and last "
                           "day (2024-01-29/2024-02-04); else give each row's date or time")
    j = int(np.flatnonzero(weeks)[0])
    day = last.iloc[j].day_name()[:3].upper()  # the weekday every week ends on: its anchor
    good = weeks & (last.dt.day_name().str[:3].str.upper() == day).to_numpy(dtype=bool)
    if len(bad := np.flatnonzero(~good & column.notna().to_numpy(dtype=bool))):
        i = int(bad[0])
        raise RnncastError(f"time column {name!r} holds {column.iloc[i]!r} at {place(i)}, which is not a week as its "
                           f"rows write them: a pandas weekly period, W-{day}, its first and last day "
                           f"({column.iloc[j]!r} at {place(j)}); write every row as a week of seven days ending on that weekday")
    return pd.Series(pd.PeriodIndex(last.dt.to_period(f"W-{day}")), index=column.index, name=column.name)

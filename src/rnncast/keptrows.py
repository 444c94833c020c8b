"""The pandas line a refusal of a value given twice prints to keep the revised row of each time (``repeatedrows``):
the final one by a prelim/final mark, the latest by a release date or vintage, else the later row of the file, with
the rows kept sorted by time after, so that the line's table loads.

A tester's revised row, pasted at the end of a file, was kept there by ``drop_duplicates(keep='last')`` and the
table refused again ("timestamps are not sorted"); sorting by the mark (prelim/final) left every row out of time
order so too. The line now ends by sorting on the time column, where its values as written sort in time order
(ISO text, dates, numbers; not 04/08/2024 day first, whose next refusal says to sort).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import releasedates
from rnncast.data import KEY_PARTS
from rnncast.indexcolumns import INDEX_TIME
from rnncast.labels import GIVEN
from rnncast.layouts import Rows

MANY = 0.1  # transactions: at least this share of the rows repeat an earlier row's time
APART = 0.25  # and the values of one time differ by more than this share of the series' spread (the median range)
FINAL = ("final", "revised", "definitive", "actual", "confirmed")  # the mark of a value's last revision (status)


def line(frame: pd.DataFrame, rows: Rows, marks: list[str], keys: list[str]) -> str:
    """How to keep the revised row of each time (``keys``): the final one where a mark column says which is final
    (status final/prelim: ``FINAL``) or latest (a release date, a vintage number), sorted on it; the later row of
    the file only where no mark tells; ``rows.dayfirst``: the time column's day order (``releasedates``). The rows
    kept are sorted by time after (``_sorted``) where the time column sorts so as written: a kept row's place is
    its own, the later's (a tester's row pasted at the end was then refused as "timestamps are not sorted")."""
    levels = index_levels(frame)  # the time as the frame's index: drop_duplicates(subset=...) finds no such column
    drop = (f"drop_duplicates(subset={keys!r}, keep='last'){_sorted(frame, rows)}" if not levels else
            f"loc[lambda d: ~{_duplicated(levels, keys)}].sort_index()")
    for c in marks:
        column = frame[c].dropna()
        words = {str(v).strip().lower(): v for v in column} if not pd.api.types.is_numeric_dtype(column) else {}
        finals = [words[w] for w in FINAL if w in words and isinstance(words[w], str)]
        if len(finals) > 1:  # 'revised' on days revised, 'final' on the others: each day's most final row kept
            rank = {v: (0 if (w := str(v).strip().lower()) not in FINAL else 1 if w == "revised" else 2)
                    for v in column.unique()}
            said = ", else ".join(map(repr, sorted(finals, key=lambda v: -rank[v])))
            return (f"keep the {said} row of each time (else the later), e.g. with pandas: df.sort_values({c!r}, "
                    f"key=lambda s: s.map({rank!r}), kind='stable').{drop}")
        final = finals[0] if finals else None
        if final is not None:
            return (f"keep the {final!r} row of each time (else the later), e.g. with pandas: df.sort_values({c!r}, "
                    f"key=lambda s: s.eq({final!r}), kind='stable').{drop}")
        dated = not words and pd.api.types.is_datetime64_any_dtype(column)
        if (pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)) or dated:
            return (f"keep the row of the latest {c!r} of each time, e.g. with pandas: df.sort_values({c!r}, "
                    f"kind='stable').{drop}")
        if words and pd.to_datetime(column.astype(str), errors="coerce", format="mixed").notna().all():
            key, doubt = releasedates.sort_key(column, rows.dayfirst)  # 01/04/2020 day first: 1 April, read so
            return (f"keep the row of the latest {c!r} of each time, e.g. with pandas: df.sort_values({c!r}, "
                    f"key={key}, kind='stable').{drop}{doubt}")
    return f"keep the later row of each time, e.g. with pandas: df.{drop}"


def index_levels(frame: pd.DataFrame) -> list[str]:
    """The columns of ``frame`` that were its caller's index (a ``DatetimeIndex``, a ``MultiIndex``'s levels: the
    leading columns not among the caller's labels, ``labels.GIVEN``; a Parquet file's restored time index,
    ``INDEX_TIME``), in order; [] where every column was a column. A line that drops rows must then weigh the index,
    which ``df.drop_duplicates()`` ignores: it dropped 310 of 2,001 sensor rows whose readings repeat (decision 1496)."""
    given = frame.attrs.get(GIVEN) or {}
    if given.get("kind") != "table" or not given.get("labels"):
        return [frame.attrs[INDEX_TIME]] if frame.attrs.get(INDEX_TIME) in frame.columns else []
    known, levels = set(given["labels"]) | set(frame.attrs.get(KEY_PARTS, {})), []  # a key's joined column: no level
    for c in map(str, frame.columns):
        if c in known:
            break
        levels.append(c)
    return levels if len(levels) < len(frame.columns) else []


def whole_rows(levels: list[str]) -> str:
    """The pandas expression (of ``df``) for a frame without the rows that repeat an earlier row whole, index
    ``levels`` included (``index_levels``), as ``frame.duplicated()`` counts them; ``df.drop_duplicates()`` where
    there are none."""
    return "df[~df.reset_index().duplicated().to_numpy()]" if levels else "df.drop_duplicates()"


def _duplicated(levels: list[str], keys: list[str]) -> str:
    """The mask expression (of ``d``) of the rows whose ``keys`` a later row repeats, where ``levels`` are ``d``'s
    index: the index alone where it holds every key, else the index as columns (named as read) beside the others."""
    if set(keys) <= set(levels) and len(levels) == len(keys):
        return "d.index.duplicated(keep='last')"
    return (f"d.rename_axis({levels!r}).reset_index().duplicated(subset={keys!r}, keep='last').to_numpy()")


def _sorted(frame: pd.DataFrame, rows: Rows) -> str:
    """``.sort_values('week', kind='stable')`` where ``rows``' time column of ``frame``, its values as written, sorts
    in time order (ISO text, dates, numbers), so that each series' rows kept are in time order; else ""."""
    column = frame[rows.time_col] if rows.time_col in frame.columns else None
    if column is None or rows.time is None or len(rows.time) != len(rows.positions) or len(column) <= np.max(
            rows.positions, initial=-1):
        return ""
    written = pd.Series(column.to_numpy()[rows.positions])
    try:
        order = written.sort_values(kind="stable").index.to_numpy()
    except TypeError:  # 1 and 'a' in one column: no order as written
        return ""
    times = pd.Series(np.asarray(rows.time)[order])
    return f".sort_values({rows.time_col!r}, kind='stable')" if times.is_monotonic_increasing else ""


def summed(frame: pd.DataFrame, rows: Rows, values: list[str], keys: list[str]) -> str:
    """Where many of ``rows`` repeat a time (``MANY``) and the targets of one time lie far apart (``APART``): the
    clause saying they look like single transactions and the pandas line adding up the targets per time (``keys``:
    the time column, and the series' columns), the rows kept in the order of the file, and keeping the first value of
    the model's other columns (a future covariate such as Promo: decision 1505); else "". ``values``: the columns
    of ``frame`` that differ between two rows of one time (none: no line)."""
    if rows.time is None or len(rows.time) != len(rows.values) or not values:
        return ""
    n_t = max(rows.n_targets, 1)
    table = pd.DataFrame(rows.values[:, :n_t]).assign(series=np.asarray(rows.codes), time=np.asarray(rows.time))
    if table.duplicated(["series", "time"]).sum() < MANY * len(table):
        return ""
    same = table[table.duplicated(["series", "time"], keep=False)].groupby(["series", "time"])
    apart = (same.max() - same.min()).median().to_numpy()
    spread = table.drop(columns="time").groupby("series").std(ddof=0).median().to_numpy()
    if not np.all(apart > APART * spread):
        return ""
    how = {c: "sum" if i < n_t else "first" for i, c in enumerate(rows.columns) if c in frame.columns and c not in keys}
    return ("single transactions (sales, bookings), many a time? add them up per time, e.g. with pandas: "
            f"df.groupby({keys!r}, as_index=False, sort=False).agg({how!r}) (keeping one row of each time would "
            "drop the others)")

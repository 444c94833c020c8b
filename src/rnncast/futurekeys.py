"""A future table's time and series under the model's names (``future.align_future``), before its rows are matched.

Where the model has a time column and the table has no column of that name: a ``DatetimeIndex`` or ``PeriodIndex``
of a frame is its time (as the data's index is at fit: ``data.as_frame``), matched by date like the column, and so is
such an index written by ``to_csv``: a first column left unnamed (``Unnamed: 0``) that reads as the times; a
column that reads as time under another name (``ds``, ``Date``, a column of dates named ``day``: found as a fit finds
a time column, ``timeaxis.find_time_column``) is refused by name, for its dates would be ignored and its rows taken in
order; and a table with no time at all (one series) is taken in row order, as documented, said in one warning. For
many series, a column holding the model's series ids under another name is named in the refusal of the missing
id column.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import futuretimes, indexcolumns, rowindex, serieskeys
from rnncast.data import INDEX_TIME, as_frame, place, read_table
from rnncast.errors import RnncastError
from rnncast.seriesids import id_texts
from rnncast.lookalikes import refuse_other_form
from rnncast.noticed import first_time, time_notes
from rnncast.timeaxis import find_time_column
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def named(frame: pd.DataFrame, time_col: str | None, id_col: str | None, columns: list[str], steps: pd.Index,
          ids: list, said: set | None = None, text_format: str | None = None, dayfirst: bool | None = None,
          unit: str | None = None, path=None) -> pd.DataFrame:
    """``frame`` (the future table, its index as columns) with its time under ``time_col``, the model's (None, or
    ``steps`` a ``RangeIndex``: numbered rows, nothing to do). ``columns``: the future covariates; ``steps``: one
    series' forecast steps, named in messages; ``ids``: the model's series (text), to name a column holding them.
    Raises ``RnncastError`` for times or ids under another name; warns (once per model, ``said``) where one
    series' rows are taken in order. ``dayfirst``, ``unit``: how the model reads its times (``futuretimes.read``);
    ``path``: the file the table was read from, whose columns are read as written to find ids such as '001' under
    another name."""
    for what, name, key in (("id", id_col, "id_col"), ("time", time_col, "time_col")):  # '지점' decomposed (NFD)
        if name is not None:
            refuse_other_form([name], frame.columns, lambda name: f"in the future values, the model's {what} column "
                                                                  f"{name!r} ({key} at fit) not found")
    if id_col is not None and id_col not in frame.columns:
        _refuse_other_ids(frame, id_col, time_col, columns, ids, path)
    index = frame.attrs.get(INDEX_TIME)  # the column a DatetimeIndex or PeriodIndex became
    index = index if index in frame.columns else None
    if time_col is None or isinstance(steps, pd.RangeIndex):
        _said_in_order(frame, id_col, columns, index, said)
        return frame
    if time_col in frame.columns:
        if index is not None and index != time_col:  # as fit warns of a time column beside the data's index
            kind = "PeriodIndex" if isinstance(frame[index].dtype, pd.PeriodDtype) else "DatetimeIndex"
            log.warning("the future values' times are read from their column %r, not from their %s; to match them "
                        "by the index, drop the column", time_col, kind)
        return frame
    keys = [c for c in (id_col, index) if c is not None] + list(columns)
    other, how = _times(frame, keys, id_col, steps, text_format, dayfirst, unit)
    forecasts = ", ".join(shown(t, steps, text_format) for t in steps[:3]) + (", ..." if len(steps) > 3 else "")
    if other is not None and other == frame.columns[0] and rowindex.UNNAMED.fullmatch(str(other)):
        index = other  # future.to_csv('future.csv') of a frame indexed by its dates: that index, as the frame's is
    elif other is not None:
        raise RnncastError(f"the future values' times are in column {other!r} (found {how}), but the model's time "
                           f"column is {time_col!r}: name that column {time_col!r} so its rows are matched to the "
                           f"forecast steps ({forecasts}) by date, not taken in row order")
    if index is not None:  # the frame's index is its time, as the data's is
        return frame.rename(columns={index: time_col})
    if id_col is None and first_time(said, "future in order", time_col):
        log.warning("the future values have no time column %r (nor a DatetimeIndex), so their %d rows are taken in "
                    "row order as the forecast steps %s; give each row's time in a column %r to match them by date",
                    time_col, len(frame), forecasts, time_col)
    return frame


def _times(frame: pd.DataFrame, keys: list, id_col, steps: pd.Index, text_format, dayfirst, unit) -> tuple:
    """The column that holds the future's times under another name, and how it was found; (None, None) where none
    does. A column is taken for them only where it plausibly is: found as a fit finds a time column, read as the
    model reads its times (``futuretimes.read``: dates for a model of dates, whole numbers for one of years), and
    distinct (within each series), more than one or found by its name; a step number (1, 2, 3) for a model of
    dates, one timestamp on every row (``updated_at``) or text that is no time (``FY2025 Q3``) is not, and is a
    column not used."""
    with time_notes(False):  # a column tried as time and left is not described
        while True:
            try:
                other, how = find_time_column(frame, exclude=keys)
            except RnncastError:  # 'campaign' holds 'FY2025 Q3': no time, and no reason to refuse the table
                return None, None
            if other is None or _plausible(frame, other, how, id_col, steps, text_format, dayfirst, unit):
                return other, how
            keys = keys + [other]


def _said_in_order(frame: pd.DataFrame, id_col, columns: list[str], index, said) -> None:
    """For a model without a time column: a table that gives times (a column found as a fit finds one, or its
    index) is said to be taken in row order, for the model has no time to match them to (once per model)."""
    with time_notes(False):  # a column tried as time and left is not described
        try:
            other = index if index is not None else find_time_column(frame, exclude=[id_col, *columns])[0]
        except RnncastError:
            return
    if other is not None and first_time(said, "future no time", other):
        log.warning("the model has no time column (it was fitted on numbered rows), so the future values' rows are "
                    "taken in row order as the forecast steps%s; %s not read as time",
                    " of each series" if id_col is not None else "",
                    "their index is" if other == index else f"their column {other!r} is")


def table_of(future, id_col: str | None, time_col: str | None, time_unit: str | None) -> pd.DataFrame:
    """The future table ``future`` as ``future.align_future`` reads it: a file with its id column (a key's columns too)
    and its time column read as text, but for times written as numbers in ``time_unit`` (``numbertimes``); any other
    table as ``frame_of`` gives it."""
    keys = [c for c in (id_col, time_col) if c is not None]
    if not isinstance(future, (str, Path)):
        return frame_of(future, keys)
    texts = [c for c in keys if c != time_col or time_unit is None] + serieskeys.read_as_text(id_col)[1:]  # a key's too
    return read_table(future, text_columns=texts)


def frame_of(future, keys: list) -> pd.DataFrame:
    """A future frame as a table (``data.as_frame``), an index of ISO date text (``2025-08-23``) read as dates, as a
    ``DatetimeIndex`` is: its time, matched by date; one that holds such dates and other text is refused."""
    text = future.index if isinstance(future, pd.DataFrame) else None
    if text is not None and (text.dtype == object or pd.api.types.is_string_dtype(text)) and not isinstance(
            text, pd.MultiIndex) and (text.name is None or str(text.name) not in map(str, keys)):
        written = pd.Series(text.astype(str))
        if written.str.match(r"\s*\d{4}-\d{2}-\d{2}").any():
            stamps = pd.to_datetime(written, format="ISO8601", errors="coerce")
            if stamps.isna().any():
                i = int(np.flatnonzero(stamps.isna().to_numpy())[0])
                raise RnncastError(f"the future values' index holds {written[i]!r} at row {i}, which is not a date, "
                                   f"beside dates such as {written[int(stamps.notna().idxmax())]!r}; give every row's "
                                   "date, or the dates as a DatetimeIndex")
            future = future.set_axis(pd.DatetimeIndex(stamps, name=text.name))
    return as_frame(indexcolumns.future_steps(future, keys), keep_index=keys)  # 2021, 2022: a model of index steps


def _plausible(frame: pd.DataFrame, name, how: str, id_col, steps: pd.Index, text_format, dayfirst, unit) -> bool:
    try:
        times = futuretimes.read(frame[name], str(name), steps, steps, lambda i: place(i, frame.attrs),
                                 dayfirst=dayfirst, unit=unit, text_format=text_format)
    except (RnncastError, ValueError, TypeError, OverflowError):
        return False
    keyed = pd.DataFrame({"t": np.asarray(times)})
    if id_col is not None and id_col in frame.columns:
        keyed["id"] = frame[id_col].to_numpy()
    if keyed.isna().any(axis=None) or keyed.duplicated().any():
        return False
    return len(frame) > 1 or (how or "").startswith("by its name") or bool(pd.Index(times).isin(steps).any())


def _refuse_other_ids(frame: pd.DataFrame, id_col: str, time_col: str | None, columns: list[str], ids: list,
                      path=None) -> None:
    """Refuse a table whose series ids are in a column of another name (every value one of the model's ids), read
    as the file writes them where ``path`` is a file (a column of '001' is read as numbers, the ids as written)."""
    wanted = set(map(str, ids))
    if isinstance(path, (str, Path)):
        written = read_table(path, text_columns=list(frame.columns))
        frame = written[[c for c in frame.columns if c in written.columns]]
    for c in frame.columns:
        if c in columns or c == time_col or not len(frame) or frame[c].isna().any():
            continue
        if set(id_texts(frame[c])) <= wanted:
            raise RnncastError(f"the future values' series are in column {c!r} (its values are the model's series "
                               f"ids), but the model's id column is {id_col!r}: name that column {id_col!r}")

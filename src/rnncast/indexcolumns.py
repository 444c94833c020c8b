"""A pandas object's index read as columns (``data.as_frame``), and an unnamed integer index of one step as the
time where no column is.

A time index (``DatetimeIndex``, ``PeriodIndex``), a ``MultiIndex``'s levels, a named index and an unnamed one of
anything but integers hold values handed over, and become columns (decision 588). An unnamed integer index is row
numbers, except one of one step, up or down, that is not the default 0 .. n-1 nor its reverse
(``pd.Series(values, index=range(1961, 2021))``, ``range(2020, 1960, -1)``, :func:`stepped`; so are whole-number
floats, ``np.arange(1961., 2021.)``, read as the integers they are): values the caller put there, which Darts reads as the time index (a ``RangeIndex``) as Nixtla's
libraries read an integer ``ds``. Asked with ``steps`` (``loading.load_panel``), such an index becomes a column,
recorded in ``frame.attrs`` (:data:`INDEX_STEPS`), that the layouts take as the time where no column is and the
table is not long (one index running across a long table's series is no series' time), and leave out otherwise
(:func:`settle`: an ``iloc`` slice's labels beside a date column). Labels without one step (a boolean filter's,
per-series frames joined without ``ignore_index``) stay row numbers.

An unnamed index is named as pandas' ``reset_index`` names it: ``index``, or ``level_0`` beside a column
``index``; an unnamed time index ``ds`` where no column is. A name the caller gave that a column has is refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import wholenumbers
from rnncast.errors import RnncastError

INDEX_TIME = "index_time"  # frame.attrs: the column a DatetimeIndex or PeriodIndex became (as_columns)
INDEX_STEPS = "index_steps"  # frame.attrs: the column an unnamed integer index of one step became (as_columns)
INDEX_NAMES = "index_names"  # frame.attrs: each column the index became -> its name as given (None: unnamed)
HOW = "as the data's unnamed index of integer steps"  # how it was found, as the time line at fit says it
LABELS = "labels"  # as_columns(steps=LABELS): a model fitted on index steps reads any such labels as its time (reading)
TOLD_NONE = "told none"  # how no time column was found where the caller said the table has none (time_col=False)
INDEX_FILE = "index_file"  # frame.attrs: the index columns are a Parquet file's index, restored by pandas (from_file)
NAMES = ("index", "level_0")  # pandas' names for an unnamed index (reset_index), the second beside a column 'index'


def is_data(index: pd.Index) -> bool:
    """Whether ``index`` holds values handed over (read as columns), not row labels: a time index, a
    ``MultiIndex``, a named index (``read_csv(index_col="date")``'s dates as text, a ``year`` index) and an
    unnamed one of anything but integers; an unnamed integer index (a ``RangeIndex``, a filtered frame's
    labels) is only row numbers."""
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex, pd.MultiIndex)) or index.name is not None:
        return True
    return not (isinstance(index, pd.RangeIndex) or pd.api.types.is_integer_dtype(index.dtype))


def whole(index: pd.Index) -> np.ndarray | None:
    """``index``'s values as int64 where it is unnamed and of integers or of floats that are all whole numbers
    (``np.arange(1961., 2021.)``: years written as floats, :func:`wholenumbers.all_whole`); None otherwise."""
    if isinstance(index, pd.MultiIndex) or index.name is not None or pd.api.types.is_bool_dtype(index.dtype):
        return None
    if pd.api.types.is_integer_dtype(index.dtype):
        return np.asarray(index, dtype=np.int64)
    if not pd.api.types.is_float_dtype(index.dtype):
        return None
    values = np.asarray(index, dtype=np.float64)
    return values.astype(np.int64) if wholenumbers.all_whole(values) else None


def stepped(index: pd.Index) -> bool:
    """Whether ``index`` is an unnamed index of two or more whole numbers (integers, or floats of whole values:
    :func:`whole`) going by one step, up or down (a ``RangeIndex``, ``range(2020, 1960, -1)``, labels of that form),
    that is neither the default 0 .. n-1 nor its reverse n-1 .. 0 (``frame[::-1]``'s row numbers): values the caller
    put there. Rows of a step down are time newest first, sorted oldest first as a time column's are."""
    values = whole(index) if len(index) >= 2 else None
    if values is None:
        return False
    steps = np.diff(values)
    return bool(steps[0] != 0 and (steps == steps[0]).all() and labelled(index))


def labelled(index: pd.Index) -> bool:
    """Whether ``index`` is an unnamed index of whole numbers (:func:`whole`) other than the default 0 .. n-1 and
    its reverse: labels the caller put there, of one step (:func:`stepped`) or not (years with one missing)."""
    values = whole(index)
    if values is None or not len(values):
        return False
    rows = np.arange(len(values))
    return not (np.array_equal(values, rows) or np.array_equal(values, rows[::-1]))


def future_steps(future, keys) -> object:
    """A future frame whose unnamed integer index holds steps (:func:`stepped`, or one step other than row 0) named
    as the model's time where that is the index of its fit (``index`` among ``keys``: its rows matched to the forecast
    steps by their steps); ``future`` as given otherwise."""
    name = next((k for k in keys if k in NAMES), None)
    index = getattr(future, "index", None)
    if name is None or not isinstance(future, pd.DataFrame) or name in map(str, future.columns) or not (stepped(index) or (
            len(index) == 1 and index.name is None and pd.api.types.is_integer_dtype(index.dtype) and index[0] != 0)):
        return future
    return future.rename_axis(name)


def _free_name(columns) -> str | None:
    """The name an unnamed index takes beside ``columns``, as ``reset_index`` names it; None where both are taken."""
    taken = {str(c) for c in columns}
    return next((n for n in NAMES if n not in taken), None)


def as_columns(data: pd.DataFrame, keep_index=(), steps: bool | str = False) -> tuple[pd.DataFrame, dict]:
    """``data`` with its index as columns where it holds values (:func:`is_data`, a name in ``keep_index``, or
    with ``steps`` one of one step: :func:`stepped`; with ``steps=LABELS``, for a model fitted on such an index,
    any whole-number labels but row numbers: :func:`labelled`, a year missing read as a year column's), and the ``attrs`` entries saying which column it became
    (:data:`INDEX_TIME`, :data:`INDEX_STEPS`; every one in :data:`INDEX_NAMES`, for the time line to say "the index
    'month'", not "column 'month'": decision 1548); ``data`` and ``{}`` where it is row numbers. Raises
    ``RnncastError`` where a name the caller gave the index is a column's too, or an unnamed index of values
    finds both of pandas' names taken."""
    index = data.index
    _refuse_timedeltas(index)
    free = _free_name(data.columns)
    steps = bool(steps) and (stepped(index) or (steps == LABELS and labelled(index)))  # years beside columns 'index' and 'level_0': refused below, not dropped
    if not (steps or is_data(index) or (index.name is not None and str(index.name) in set(map(str, keep_index)))):
        return data, {}
    if steps and not pd.api.types.is_integer_dtype(index.dtype):  # 1961.0, 1962.0: the integer steps they are
        data = data.set_axis(pd.Index(whole(index)), axis=0)
    unnamed = index.name is None and not isinstance(index, pd.MultiIndex)
    timed = isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex))
    if unnamed:
        name = "ds" if timed and "ds" not in map(str, data.columns) else free
        if name is None:
            raise RnncastError("the data's unnamed index holds values (not row numbers 0 .. n-1), and its columns "
                               "'index' and 'level_0' take the names pandas gives such an index; name the index "
                               "(data.rename_axis('name')) or drop it (data.reset_index(drop=True))")
        levels = [name]
    else:
        levels = [n if n is not None else f"level_{k}" for k, n in enumerate(index.names)]  # pandas' names
        clash = sorted({str(n) for n in levels} & {str(c) for c in data.columns})
        if clash:
            raise RnncastError(f"the index level(s) {clash} have the name of a column: rnncast reads a named index as "
                               "columns, as reset_index() does, and a table holds one column of a name; rename the "
                               "index or the column")
    said = {INDEX_TIME: str(levels[0])} if timed else {INDEX_STEPS: str(levels[0])} if steps else {}
    said[INDEX_NAMES] = dict(zip(map(str, levels), [None] if unnamed else index.names))
    return data.reset_index(names=levels), said


def _refuse_timedeltas(index: pd.Index) -> None:
    """Refuse an index (or a ``MultiIndex`` level) of elapsed times (a ``TimedeltaIndex``), which no time axis reads
    (decision 1865): dropped as "not used", its rows were read in their given order, reversed or not, and forecasts
    numbered by row. The refusal names it and gives the pandas recipe that makes it timestamps, or row numbers."""
    for k in range(index.nlevels):
        if pd.api.types.is_timedelta64_dtype(index.get_level_values(k).dtype):
            name = index.names[k]
            shown = f"index {name!r}" if name is not None else "unnamed index"
            shown += f" (level {k} of a MultiIndex)" if isinstance(index, pd.MultiIndex) else ""
            recipe = ("timestamps (data.index = pd.Timestamp('2024-01-01') + data.index) or row numbers (data = "
                      "data.sort_index().reset_index(drop=True))") if not isinstance(index, pd.MultiIndex) else (
                f"timestamps (data = data.reset_index(); data[{name if name is not None else f'level_{k}'!r}] += "
                "pd.Timestamp('2024-01-01'))")
            raise RnncastError(f"the data's {shown} holds elapsed times (timedeltas such as "
                               f"{index.get_level_values(k)[0]}), which rnncast does not read as a time axis: make "
                               f"them {recipe}")


def settle(frame: pd.DataFrame, time_name, how, layout: str = "single") -> tuple[pd.DataFrame, object, object]:
    """``(frame, time_name, how)`` once the index column (``frame.attrs[INDEX_STEPS]``) is settled: the time where
    no column is (``time_name`` None) and the table is not long (``layout``), else left out of ``frame`` (row
    labels: an ``iloc`` slice's beside a date column). ``frame`` as it is where the index is no such column or is
    the time already (``time_col='index'``, a model fitted on it)."""
    steps = frame.attrs.get(INDEX_STEPS)
    told_none = how == TOLD_NONE  # time_col=False: an index of steps is row labels, as beside a time column
    if steps is None or steps not in frame.columns or steps == time_name:
        return frame, time_name, how
    if time_name is None and layout != "long" and not told_none:
        return frame, steps, HOW
    kept = frame.drop(columns=[steps])
    kept.attrs = frame.attrs
    return kept, time_name, how


def from_file(frame: pd.DataFrame) -> pd.DataFrame:
    """A Parquet file's table as ``pd.read_parquet`` restored it, its index as columns where it holds values
    (:func:`is_data`: a named index, a time index, an unnamed one of text that pandas wrote as ``__index_level_0__``),
    named as ``reset_index`` names them; ``attrs`` say which columns it became (:data:`INDEX_NAMES`, :data:`INDEX_TIME`
    for a time index) and that they are the file's (:data:`INDEX_FILE`), for messages to name them so (:func:`shown`:
    decision 1596). Row numbers (an unnamed integer index) are dropped, as before."""
    if not is_data(frame.index):
        return frame
    names, timed = list(frame.index.names), isinstance(frame.index, (pd.DatetimeIndex, pd.PeriodIndex))
    read = frame.reset_index()
    levels = [str(c) for c in read.columns[: len(names)]]
    read.attrs = {**frame.attrs, INDEX_NAMES: dict(zip(levels, names)), INDEX_FILE: True,
                  **({INDEX_TIME: levels[0]} if timed else {})}
    return read


def of_file(column, attrs: dict) -> bool:
    """Whether ``column`` of a table with ``attrs`` is a Parquet file's index made a column (:func:`from_file`)."""
    return bool(attrs.get(INDEX_FILE)) and str(column) in (attrs.get(INDEX_NAMES) or {})


def column_named(column, attrs: dict) -> str:
    """How a refusal of ``column`` names it: "the file's index 'region'" where it is a Parquet file's index (``shown``;
    decision 1689), else "column 'region'"."""
    return shown(column, attrs) if of_file(column, attrs) else f"column {column!r}"


def shown(column, attrs: dict) -> str:
    """How a message names ``column`` of a table with ``attrs``: "the file's index 'store'" where it is a Parquet
    file's index (:func:`from_file`), "the file's unnamed index (read as 'index')" where that index had no name, else
    the column's name quoted ("'store'")."""
    given = (attrs.get(INDEX_NAMES) or {}) if attrs.get(INDEX_FILE) else {}
    if str(column) not in given:
        return repr(column)
    return f"the file's index {column!r}" if given[str(column)] is not None else \
        f"the file's unnamed index (read as {column!r})"

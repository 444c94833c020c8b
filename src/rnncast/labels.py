"""The caller's labels: what the data handed to rnncast calls its columns and series, said in its words
in a refusal and given back as given.

Inside, every column label and series id is text (``data.as_frame``; decision 33 for ids). A caller
names an array's columns by position (0, 1, ...) and a table's by their labels, and gets back what it
gave: a forecast's columns labelled as the caller's columns were (integers stay integers), a frame's
series ids that are not text (integers, floats, a categorical's values; a wide frame's integer column
labels) as they were, where fit or predict was handed that frame. Ids that differ but are written alike
(1 and '1') are refused, since inside they would be one series.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import compactdates, seriesids, splittime, timelike, timeunread
from rnncast.data import ID_COLUMN, KEY_PARTS, label_text, names
from rnncast.daycolumns import melt_hint
from rnncast.rowcounters import counters_note, row_counters
from rnncast.rolenames import comma_name, not_all
from rnncast.errors import RnncastError
from rnncast.seriesids import plain
from rnncast.spelling import few, shell_names, shell_word

GIVEN = "given"  # frame.attrs: what the caller handed over (``given(data)``), for a refusal to say it in its words


def is_array(data) -> bool:
    """An array (or list) whose columns are known by position only; a structured array names its fields."""
    return isinstance(data, (np.ndarray, list, tuple)) and not (isinstance(data, np.ndarray) and data.dtype.names)


def given(data) -> dict:
    """What ``data`` is as its caller would say it, ``kind``: "array", "table" (a frame or any other table)
    or a file's name (a frame marked so: ``featuresonly``); and ``labels``: its columns' labels as rnncast reads them."""
    if isinstance(data, (str, Path)) or isinstance(data, pd.DataFrame) and GIVEN in data.attrs:  # a file read for it
        return data.attrs[GIVEN] if isinstance(data, pd.DataFrame) else {"kind": Path(data).name, "labels": {}}
    if is_array(data):
        return {"kind": "array", "labels": {str(j): j for j in range(np.shape(data)[1] if np.ndim(data) == 2 else 1)}}
    columns = (data.columns if isinstance(data, pd.DataFrame) else
               [data.name] if isinstance(data, pd.Series) and data.name is not None else [])
    return {"kind": "table", "labels": {label_text(c): plain(c) for c in columns}}


def _kind(frame: pd.DataFrame) -> dict:
    return frame.attrs.get(GIVEN) or {"kind": "table", "labels": {}}


def said(frame: pd.DataFrame, text: str) -> str:
    """Column ``text`` of ``frame`` as its caller wrote it: as Python spells the label of an array or table
    (0, 'a'), as the header does for a file (a)."""
    kind = _kind(frame)
    label = kind["labels"].get(text, text)
    return repr(label) if kind["kind"] in ("array", "table") else str(label)


def default_target(frame: pd.DataFrame, time_col, given=()) -> list[str]:
    """The target of a table given without ``target=``: its one column besides the time. Several columns
    are refused in the words of what was handed over: an array's positions (none more the target than
    another), a table's numeric columns by their labels, a file's by their names; the target offered is none of
    ``given`` (the columns named for another role) and no column that counts the rows (``row_counters``)."""
    timed = time_col is not None and time_col is not False  # False: none, by the caller's word (time_col=False)
    candidates = [c for c in frame.columns if not timed or c != time_col]
    if len(candidates) == 1:  # no choice
        return [candidates[0]]
    kind = _kind(frame)["kind"]
    numeric = candidates if kind == "array" else [c for c in candidates if pd.api.types.is_numeric_dtype(frame[c])]
    if not numeric:
        besides = f" besides the time column {time_col!r}" if timed else ""
        others = f" ({_held(frame, candidates, time_col)})" if candidates else ""
        raise RnncastError(f"the data has no numeric column to forecast{besides}{others}; give a table with the "
                           "values to forecast in a column of numbers")
    given_set = set(given)  # once, not per column (a wide table's thousands)
    named = [c for c in numeric if c in given_set]  # covariates (features=): counted apart, never as candidates
    listed = [c for c in numeric if c not in given_set] if 0 < len(named) < len(numeric) else numeric
    count = f"{len(listed)} {'' if kind == 'array' else 'numeric '}column{'s' if len(listed) != 1 else ''} " \
            f"({few([said(frame, c) for c in listed])})" + (
                f" besides {', '.join(said(frame, c) for c in named)}, named as "
                f"{'a covariate' if len(named) == 1 else 'covariates'}," if listed is not numeric else "")
    counters, times = row_counters(frame, numeric), timelike.among(frame, numeric) if timed else []  # 201923 beside dates
    taken = given_set | set(counters) | set(times)
    pick = ([c for c in numeric if c not in taken] or [c for c in numeric if c not in given_set]
            or numeric)  # what to offer as the target: none named for another role, counting the rows, a time
    every = [said(frame, c) for c in pick]
    if kind in ("array", "table"):
        how = (f"target= (--target): target={every[0]}" + (
               f" the first, target=[{few(every)}] every column, or series='all' to forecast each column as its "
               "own series" if len(every) > 1 else ""))
        if kind == "array" and len(frame) < len(numeric):  # 16 sensors of 300 steps as rows: time runs across
            how += f"; or, if each of the {len(frame)} rows is a series and time runs across them, give array.T"
        roles = "past_covariates= or future_covariates=, or features='all'"
    else:
        shell = [shell_names(n) for n in pick] + [shell_names(*pick)]
        how = (f"--target (target= in Python): --target {shell[0]}" + (
               f" the first, --target {shell[-1]} every column, or --series all to forecast each column as its own "
               "series" if len(every) > 1 else ""))
        roles = "--past-covariates or --future-covariates, or --features all"
    others = f"; the others are used only when named with {roles}" if len([c for c in pick if c not in given]) > 1 else ""
    others += (f"; {counters_note([said(frame, c) for c in counters], timed, offered=True)}" * bool(counters and pick !=
               numeric)) + f"; {timelike.note(frame, times, lambda c: said(frame, c))}" * bool(times and pick != numeric)
    owner = f"the {kind}" if kind in ("array", "table") else kind
    ids = seriesids.id_clause(frame, [c for c in candidates if c not in numeric], time_col, kind in ("array", "table"),
                              lambda c: said(frame, c))  # stocks.csv's 'symbol': a long panel's ids, not a role
    split = next(filter(None, (splittime.split_year(frame, time_col, numeric, None if c is None else frame[c])
                               for c in [None] + [c for c in candidates if c not in numeric])), None) if timed else None
    if split:  # YEAR, WEEK (of each region): the time's columns, no target (decision 1611)
        rest = [c for c in pick if c != split[0]] or [c for c in numeric if c != split[0]]
        if not rest:  # YEAR, WEEK, cases as text ("<5"): no number is left to forecast once joined (decision 1633)
            hold = _held(frame, [c for c in candidates if c not in numeric], time_col)
            raise RnncastError(f"{owner} has {count} and none is named the target"
                               f"{splittime.year_joined(time_col, *split)}; no other column holds numbers to forecast: "
                               f"{hold}{ids}")
        name = target_example(frame, rest[0], kind in ("array", "table"))
        raise RnncastError(f"{owner} has {count} and none is named the target{splittime.year_joined(time_col, *split)}"
                           f"; then name what to forecast, e.g. {name}")
    if time_col is None and (transposed := melt_hint(frame)):  # item_id, d_1 .. d_400 (decision 2110)
        raise RnncastError(f"{owner} has {count} and none is named the target{transposed}")
    if time_col is None and (dates := _dates_among(frame, numeric, kind)):
        raise RnncastError(f"{owner} has {count} and none is named the target; {dates}")
    if time_col is None and (unread := timeunread.unread(frame, candidates)) is not None:  # the table's time, unread
        first = next((c for c in pick if c != unread[0]), pick[0])  # not the dates as what to forecast
        raise RnncastError(f"{owner} has {count} and no time column was found: {unread[1]}; or give the target, e.g. "
                           f"{target_example(frame, first, kind in ('array', 'table'))}, to number the rows")
    if len(numeric) == 1:  # no choice among numbers: the other columns hold text or times, which no role takes
        hold = _held(frame, [c for c in candidates if c not in numeric], time_col)
        name = target_example(frame, numeric[0], kind in ("array", "table"))
        raise RnncastError(f"{owner} has {count} and none is named the target: to forecast it, give {name}; {hold}{ids}")
    raise RnncastError(f"{owner} has {count} and none is named the target: say which to forecast with {how}{others}{ids}")


def long_target(frame: pd.DataFrame, id_col: str, time_col, columns: str) -> str:
    """A long table's (ids in ``id_col``) refusal of no target: "say which column ...; columns: ``columns``", and, where
    a year and a week, month or quarter column hold the time (``splittime``), the join and a target (decisions 1611, 1643)."""
    said_, within = f"say which column to forecast with target= (--target); columns: {columns}", frame[id_col].astype(str)
    numeric = [c for c in frame.columns if c != id_col and pd.api.types.is_numeric_dtype(frame[c])]
    found = ((time_col, splittime.split_year(frame, time_col, [c for c in numeric if c != time_col], within))
             if isinstance(time_col, str) else splittime.split_years(frame, numeric, within) or (None, None))
    if found[1] is None:  # item_id, d_1 .. d_400: the long table's recipe (decision 2110)
        return said_ + melt_hint(frame, "y", time_col if isinstance(time_col, str) else None,
                                  frame.attrs.get(KEY_PARTS))
    rest = [c for c in numeric if c not in (found[0], found[1][0])]  # besides the year and the week (month, quarter)
    name = rest and target_example(frame, rest[0], _kind(frame)["kind"] in ("array", "table"))
    return f"{said_}{splittime.year_joined(found[0], *found[1])}" + (f"; then name what to forecast, e.g. {name}" if name else "")


def target_example(frame: pd.DataFrame, column, python: bool) -> str:
    """``target='sales'`` (``python``: an array or frame) or ``--target sales (target= in Python)`` (a file)."""
    return f"target={said(frame, column)}" if python else f"--target {shell_names(column)} (target= in Python)"


def _held(frame: pd.DataFrame, columns: list, time_col) -> str:
    """"its other column ('site') holds text": what ``columns`` (none of them numbers) hold, by kind (timestamps,
    categories, text), and, for timestamps the caller said are no time (``time_col=False``) or beside the time
    column, what to do with them."""
    def kind(c) -> str:
        dtype = frame[c].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
            return "timestamps"
        return "timedeltas" if pd.api.types.is_timedelta64_dtype(dtype) else "categories" if isinstance(  # decision 1865
            dtype, pd.CategoricalDtype) else "text"

    kinds = {c: kind(c) for c in columns}
    parts = [f"{', '.join(said(frame, c) for c in columns if kinds[c] == k)} {k}" for k in dict.fromkeys(kinds.values())]
    text = f"its other column{'s' if len(columns) > 1 else ''} hold{'' if len(columns) > 1 else 's'} " if len(parts) == 1 \
        else "its other columns hold: "
    if len(parts) == 1:
        text = text.replace(" hold", f" ({', '.join(said(frame, c) for c in columns)}) hold") + parts[0].split(" ")[-1]
    else:
        text += "; ".join(parts)
    times = [said(frame, c) for c in columns if kinds[c] == "timestamps"]
    if times and time_col is False:
        text += (f" (time_col=False, --no-time-col, said the table has no time column: to forecast along "
                 f"{times[0]}, leave time_col unset or give time_col={times[0]})")
    elif times:
        text += f" (no role takes timestamps beside the time column {time_col!r}: drop {', '.join(times)})"
    return text


def _dates_among(frame: pd.DataFrame, numeric: list, kind: str) -> str:
    """Where some of ``numeric`` are integers that all read as compact dates (``20190301``, ``201501``;
    ``compactdates.written_as``) beside others, and no time column was found: the clause saying so and offering
    that column as the time (taken by name only, decisions 92 and 132) and the others as targets; else ""."""
    dated = {c: form for c in numeric if (form := compactdates.written_as(frame[c])) is not None}
    values = [said(frame, c) for c in numeric if c not in dated]
    if not dated or not values:
        return ""
    when = next(iter(dated))
    first = int(frame[when].dropna().iloc[0])
    if kind in ("array", "table"):
        how = f"time_col={said(frame, when)}, target={values[0]}" + (f" (target=[{', '.join(values)}] every column)"
                                                                   if len(values) > 1 else "")
    else:
        words = [c for c in numeric if c not in dated]
        how = f"--time-col {shell_word(when)} --target {shell_names(words[0])}" + (f" (--target {shell_names(*words)} every column)"
                                                           if len(values) > 1 else "")
    return (f"{said(frame, when)} holds dates written {dated[when]} ({first}), and a time column is found by its name "
            f"only: to take it as the time and forecast {', '.join(values)}, give {how}")


def dated_columns(frame: pd.DataFrame, columns) -> list[str]:
    """Those of ``columns`` whose integers all read as compact dates (``compactdates.written_as``)."""
    return [c for c in columns if c in frame.columns and compactdates.written_as(frame[c]) is not None]


def _raw(value) -> list:
    if value is None or (isinstance(value, str) and value == "all"):
        return []
    if isinstance(value, str):
        return names(value)
    return list(value) if isinstance(value, (list, tuple, pd.Index)) else [value]


def one_tuple_label(data, value, keyword: str = "target"):
    """``[value]`` where ``value`` is a tuple that is one of ``data``'s column labels (a ``MultiIndex`` column
    ``('a', 'y')``, as refusals name it), else ``value`` as given: a tuple is otherwise a list of names. A tuple of
    names (no tuples in it) that is none of the tuple labels of a table whose columns are all tuples, and whose
    names are not all its columns' either, is refused naming it whole (given to ``keyword``) and the labels there
    are: it was meant as one label (``('a', 'zz')``), not the names 'a' and 'zz'."""
    columns = data.columns if isinstance(data, pd.DataFrame) else ()  # a MultiIndex's labels are tuples too
    if not isinstance(value, tuple) or not len(columns):
        return value
    if any(isinstance(c, tuple) and c == value for c in columns):
        return [value]
    if all(isinstance(c, tuple) for c in columns) and not any(isinstance(v, tuple) for v in value) and not set(
            map(str, value)) <= {label_text(c) for c in columns}:
        shown = ", ".join(repr(c) for c in list(columns)[:12]) + (f", ... ({len(columns)} in all)" if len(columns) > 12 else "")
        raise RnncastError(f"{keyword}={value!r} is no column of the data, whose columns are tuples (a MultiIndex): "
                           f"{shown}; give one of them, or a list of them for several")
    return value


def check_named(frame: pd.DataFrame, **named) -> None:
    """Refuse a label given to a keyword (``target=5``) that names no column of an array or a table, saying
    how that data names its columns: an array's are its positions; a table's are its labels, and an integer
    is no position there (the column at that position is offered). A text label of a table or file is left
    to ``data.require_column``, which offers the closest name."""
    for keyword, value in named.items():  # past_covariates='all': what takes every other column, not "not found"
        not_all(keyword, value, frame.columns)
    kind = _kind(frame)
    if kind["kind"] not in ("array", "table"):
        for keyword, value in named.items():
            for label in (label for label in _raw(value) if str(label) not in frame.columns):
                comma_name(keyword, label, frame.columns)
        return
    for keyword, value in named.items():
        for label in map(plain, _raw(value)):
            if str(label) in frame.columns:
                continue
            if kind["kind"] == "array":
                raise RnncastError(f"{keyword}={label!r} names no column of the array: an array's columns are taken by "
                                   f"position, 0 to {frame.shape[1] - 1} here (a table's by their labels)")
            if isinstance(label, int) and not isinstance(label, bool):
                columns = ", ".join(said(frame, c) for c in frame.columns)
                at = (f"; the column at position {label} is {said(frame, frame.columns[label])}: "
                      f"{keyword}={said(frame, frame.columns[label])}" if 0 <= label < frame.shape[1] else "")
                raise RnncastError(f"{keyword}={label!r} names no column of the table: a table's columns are taken by "
                                   f"their labels, not by position (an array's are positions); its columns are "
                                   f"{columns}{at}")


# ---- given back -------------------------------------------------------------------------------

def forecast_as_given(panel, data, frame: pd.DataFrame) -> pd.DataFrame:
    """``predict``'s ``frame`` in the caller's labels: the series of ``panel`` (the data as read) named by their ids
    as given (``Panel.given``: 1, not '1'; 2.5; a categorical's values, with its categories; a wide frame's integer
    column labels as integers), whether ``data`` was a table or a ``Panel``; a forecast column named as a column
    of a table ``data`` is labelled as it was (0, not '0')."""
    id_col = panel.id_col or ID_COLUMN
    if panel.given is not None and id_col in frame.columns:
        ids = panel.given_by_text
        frame[id_col] = frame[id_col].map(lambda text: ids.get(text, text)).astype(panel.given.dtype)
    labels = {} if is_array(data) else given(data)["labels"]  # an array names no column: its positions as targets_ has them
    renamed = {c: labels[c] for c in frame.columns if isinstance(c, str) and c in labels and labels[c] != c}
    return frame.rename(columns=renamed) if renamed else frame

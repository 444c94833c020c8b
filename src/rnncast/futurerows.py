"""A future table's row labels for a model without dates (``future.align_future``): its rows lined up with the
forecast steps' row numbers, the numbers predict writes in its ``row`` column, whatever the rows' order.

A model fitted on numbered rows forecasts rows: its data's 600 rows are 0-599, so the forecast is rows 600-602 (each
series' rows numbered apart, or those of a wide table's series by the table's rows). A future table that labels its
rows, in a column ``row`` (as the forecast's CSV writes it, beside the id column for many series) or, a frame, in an
unnamed index of whole numbers other than the default 0 .. n-1 (``later.iloc[600:603]``'s labels), is matched by
those labels: rows in any order are put in step order, and a label that is none of its series' steps, a step labelled
twice or a step no row labels is refused by name with the steps the model forecasts. So is a file that pandas' ``to_csv``
wrote with such an index (``future.to_csv('future.csv')``: a first column left unnamed, ``Unnamed: 0``, of whole
numbers: ``rowindex.written_index``) where its numbers are labels, not row numbers (``written_labels``; in a wide
model's table shared by series ending on other rows, ``sharedfuture``, any numbers but 0 .. n-1 in order:
``written_rows``). A table without
labels (no ``row`` column, a frame's default index, a written index of row numbers) is taken in row order, each series'
first ``horizon`` rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import rowindex
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.indexcolumns import whole
from rnncast.noticed import first_time
from rnncast.spelling import rows_span

ROW = "row"  # the column of row numbers that predict writes for a model without dates
WRITTEN = "a frame's index as pandas' to_csv writes it"  # a first column left unnamed (rowindex.written_index)


def labelled(future) -> tuple[object, bool]:
    """``(future, from_index)``: a frame whose unnamed index labels its rows with whole numbers other than the
    default 0 .. n-1, and that has no column ``row``, with that index named ``row`` (``data.as_frame`` makes a named
    index a column) and True; anything else as given and False."""
    if not isinstance(future, pd.DataFrame) or ROW in map(str, future.columns):
        return future, False
    values = whole(future.index)
    if values is None or not len(values) or np.array_equal(values, np.arange(len(values))):
        return future, False
    return future.rename_axis(ROW), True


def written_labels(frame: pd.DataFrame, found: dict, id_col: str | None) -> str | None:
    """The first of the columns ``found`` (``rowindex.written_index``: those pandas' ``to_csv`` wrote a frame's index
    into) whose numbers label the rows: not row numbers, which are the table's 0 .. n-1 or each series' own 0 .. k-1
    (per-series frames joined), in any order; None where none does, or where a column ``row`` labels the rows."""
    if ROW in map(str, frame.columns):
        return None
    keys = frame[id_col].astype(str).to_numpy() if id_col is not None and id_col in frame.columns else None
    for name in found:
        numbers = pd.Series(frame[name].to_numpy(dtype=np.int64))
        own = numbers.groupby(keys if keys is not None else np.zeros(len(numbers))).rank(method="first") - 1
        if not (np.array_equal(np.sort(numbers), np.arange(len(numbers))) or (own == numbers).all()):
            return name
    return None


def written_rows(frame: pd.DataFrame, roles=(), said: set | None = None) -> tuple[pd.DataFrame, str | None]:
    """``(frame, name)``: a shared table of a wide model without dates (``sharedfuture``, its rows read in order or by
    their labels) less the first columns pandas' ``to_csv`` wrote a frame's index into (``rowindex.written_index``)
    where they hold its row numbers 0 .. n-1 in order (a default index: the rows are in order), said in one warning
    once per model (``said``); a first such column of other whole numbers (``later.iloc[600:603]``'s labels, or its
    rows reordered) named ``ROW``, each row matched by its label (a label of no series' step refused naming the
    column), and ``name`` that column's in the file; None where there is none, or a column ``row`` labels the rows."""
    if ROW in map(str, frame.columns):
        return frame, None
    found = rowindex.written_index(frame, roles)
    name = next((n for n in found if not np.array_equal(frame[n].to_numpy(dtype=np.int64), np.arange(len(frame)))), None)
    first = str(frame.columns[0]) if frame.shape[1] > 1 else ""
    if not found and rowindex.UNNAMED.fullmatch(first) and first not in _names(roles) and whole(
            pd.Index(frame.iloc[:, 0].to_numpy())) is not None:
        name = first  # a label given twice: not the distinct numbers of an index, yet labels (refused by name)
    if name is not None:
        frame, found = frame.rename(columns={name: ROW}), {k: v for k, v in found.items() if k != name}
    announce = bool(found) and first_time(said, "future index", *found)
    return rowindex.without(frame, found, announce, of="the future values"), name


def _names(roles) -> set[str]:
    """The column names the roles give (a name, a list of them, or None)."""
    return {str(n) for r in roles if r is not None for n in (r if isinstance(r, (list, tuple)) else [r])}


def where_labels(written: str | None, from_index: bool = False) -> tuple[str, str]:
    """How a refusal names the labels (the index, the file's first column ``written``, or the column ``row``) and
    what to do to take the rows in order."""
    where = "index" if from_index else f"first column ({written!r}, {WRITTEN})" if written else f"column {ROW!r}"
    leave = ("drop the index (reset_index(drop=True))" if from_index else "write the file without its index "
             "(index=False)" if written else f"drop the column {ROW!r}")
    return where, leave


def steps(labels: pd.Series, series: np.ndarray, wanted: list[pd.Index], named: list, attrs: dict,
          from_index: bool = False, written: str | None = None, whose: str | None = None) -> np.ndarray:
    """The forecast step (0 .. H-1) of each row of the future table, found by its label ``labels`` among the steps
    ``wanted[s]`` (a ``RangeIndex`` of row numbers) of its series ``s`` (``series``, -1: a series not forecast,
    whose rows are -1 too). ``named``: the series as messages name them ([None]: one series); ``attrs``: the
    table's (``data.place``: its lines in a file); ``from_index``: the labels are a frame's index; ``written``: they are
    the file's first column of that name, its index as ``to_csv`` wrote it (``written_labels``); ``whose``: the
    series a shared table is read for together (``sharedfuture._whose``: "series 'a', 'c' and 3 more"), which
    ``named`` ([None]) does not name. Raises
    ``RnncastError`` naming the first label that is no row number or none of its series' steps, a step labelled
    twice, and a step no row labels, each with the steps the model forecasts."""
    where, leave = where_labels(written, from_index)
    of = (lambda s: f" of {whose}") if whose else (lambda s: _of(named, s))  # noqa: E731  a group read together
    at = (lambda i: "") if from_index else (lambda i: f" ({_place(i, attrs)})")  # noqa: E731  an index label is its place
    horizon, mine = len(wanted[0]), series >= 0
    numbers = pd.to_numeric(labels.astype(str).str.strip() if labels.dtype == object else labels, errors="coerce")
    numbers = numbers.to_numpy(dtype=np.float64)
    bad = mine & ~(np.isfinite(numbers) & (numbers == np.round(numbers)))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        value = labels.iloc[i]
        held = f"leaves a row number blank{at(i)}" if pd.isna(value) or str(value).strip() == "" else \
            f"holds {value.item() if isinstance(value, np.generic) else value!r}{at(i)}, which is no row number"
        raise RnncastError(f"the future values' {where} {held}: the model forecasts "
                           f"{_span(wanted[max(int(series[i]), 0)])}{of(series[i])}; give each row's number, or "
                           f"{leave} to take the rows in order")
    first = np.array([int(w[0]) for w in wanted], dtype=np.int64)
    step = np.full(len(labels), -1, dtype=np.int64)
    step[mine] = numbers[mine].astype(np.int64) - first[series[mine]]
    wrong = mine & ((step < 0) | (step >= horizon))
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        s = int(series[i])
        raise RnncastError(f"the future values' {where} labels a row {int(numbers[i])}{at(i)}{of(s)}, which is "
                           f"not a forecast step: the model forecasts {_span(wanted[s])}{of(s)} (its data's "
                           f"rows end at {first[s] - 1}); give the values of those rows, or {leave} to take the rows "
                           "in order")
    keyed = pd.DataFrame({"s": series, "k": step})
    twice = (keyed.duplicated(keep=False) & mine).to_numpy()
    if twice.any():
        i, j = (int(v) for v in np.flatnonzero(twice & (step == step[twice][0]) & (series == series[twice][0]))[:2])
        s = int(series[i])
        places = f" ({_place(i, attrs)}, {_place(j, attrs)})" if not from_index else ""
        raise RnncastError(f"the future values label row {int(numbers[i])}{of(s)} twice{places}; give one row "
                           f"per step: the model forecasts {_span(wanted[s])}{of(s)}")
    have = np.zeros((len(wanted), horizon), dtype=bool)
    have[series[mine], step[mine]] = True
    if not have.all():
        s, k = (int(v) for v in np.argwhere(~have)[0])
        raise RnncastError(f"the future values have no row {int(wanted[s][k])}{of(s)} ({int((~have).sum())} of "
                           f"{have.size} {'steps' if len(wanted) == 1 else 'series-steps'} missing): the model forecasts "
                           f"{_span(wanted[s])}{of(s)}; give a row of values for each")
    return step


def _place(i: int, attrs: dict) -> str:
    """Row ``i``'s line in a file (``data.place``), or its position in a frame: a frame's "row 5" reads as a label."""
    return place(i, attrs) if attrs.get("line_offset") is not None and attrs.get("source") else f"position {i}"


def _span(steps: pd.Index) -> str:
    return rows_span(int(steps[0]), int(steps[-1]))


def _of(named: list, s) -> str:
    return "" if named == [None] else f" of series {named[int(s)]!r}"

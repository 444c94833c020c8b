"""The future covariates of a wide model (``series=``) given in the layout it was fitted on: one row per time, the
covariate columns shared by every series (as Darts takes them), read for every series.

A wide model's covariates were shared by its series in training, so a future table without the id column
(``unique_id``) is that layout: each series' steps are matched in it by date (``future.align_future`` as for one
series); series that end on the same date share one reading. Series that end on other dates are matched each by its
own dates, the covariates the data holds at a series' steps (rows where another series goes on) read from it
(``heldfuture``). A table without times (rows in order) is then read as the one layout that gives every series its
steps: one row per time from the first series' first step to the last one's last step, on the model's calendar (row
numbers for a model without dates), or from the first step after the data's rows where it has that many rows, said in
one line; a model without dates also reads a table labelling its rows by number (a column ``row``, a frame's index).
A table of another number of rows is refused naming both layouts, the times they would be read as and the rows they
need: which row is whose step cannot be told. Messages name the series a reading
is for ("the last row of every series (a, b)", "series 'a' and 'b'"), not "the series". The model's series columns in
such a table (the training file's layout, the targets left blank over the future) hold nothing to read and are
left out quietly; one holding values is named as not used. A future table with the id column is read by series as
for a long model; every other model's future goes to ``future.align_future`` as it is.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import futurekeys, futurerows, heldfuture, idkeys
from rnncast.data import ROWS_OF, as_frame, place
from rnncast.errors import RnncastError
from rnncast.future import align_future
from rnncast.spelling import counted, listing, rows_span, some
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def align(future, ids: list, wanted: list[pd.Index], columns: list[str], *, layout: str, id_col: str | None,
          time_col: str | None, given_ids: list | None = None, panel=None, **given) -> np.ndarray:
    """The future covariates [S, H, F] of the series ``ids`` at ``wanted`` (``future.align_future``'s arguments);
    ``layout``: the model's (``FittedState.layout``); ``panel``: the data (a wide one's rows after a series' end hold
    covariates at its steps: ``heldfuture``). A wide model's table without ``id_col`` is read for every series as said
    above; raises ``RnncastError`` where its series end on other dates and it has no times."""
    table, read = _shared(future, id_col, time_col, given.get("time_unit")) if layout == "wide" else (None, None)
    if table is None:  # a file read here is not read again; a wide table's own values at a series' steps read too
        return align_future(future, ids, wanted, columns, id_col=id_col, time_col=time_col, given_ids=given_ids,
                            read=read, **given, known=heldfuture.held_all(panel, wanted, len(columns))
                            if layout == "wide" else None, zero_tail=getattr(panel, "zero_tail", None))
    named = given_ids if given_ids is not None else ids
    groups: list[list[int]] = []  # series ending on the same date share their steps
    for s, steps in enumerate(wanted):
        group = next((g for g in groups if wanted[g[0]].equals(steps)), None)
        group.append(s) if group is not None else groups.append([s])
    numbered = isinstance(wanted[0], pd.RangeIndex)  # a model without dates: its steps are the table's rows
    known = {} if len(groups) < 2 else dict(zip(  # the data's rows gathered once for every group
        (g[0] for g in groups), heldfuture.held_each(panel, [wanted[g[0]] for g in groups], len(columns))))
    if len(groups) > 1:  # each series matched by its own times or row numbers: the table's, or its rows in order
        table = _placed(table, wanted, groups, named, columns, id_col, time_col, numbered, known, given.get("said"))
    if isinstance(table, pd.DataFrame):
        texts = set(map(str, ids))
        blank = [c for c in table.columns if str(c) in texts and c not in columns and table[c].isna().all()]
        table = table.drop(columns=blank)  # the training file's layout: its targets blank over the future
    labelled = len(groups) > 1 and numbered  # _placed gave its rows their labels: each group reads its own
    out = np.empty((len(ids), len(wanted[0]), len(columns)), dtype=np.float64)
    unused: list = []  # per group: the rows its steps leave, and how to warn of them
    for g in groups:
        part = _own_rows(table, wanted[g[0]], known.get(g[0]), columns) if labelled else table
        out[g] = align_future(part, [str(ids[g[0]])], [wanted[g[0]]], columns, id_col=None, time_col=time_col,
                              given_ids=[named[g[0]]] if len(g) == 1 else [None], unused=unused,
                              whose=_whose([named[s] for s in g], len(ids)), **given,
                              known=known.get(g[0]))[0]
    _warn_unused(unused, [wanted[g[0]][-1] for g in groups])
    return out


def _whose(names: list, every: int) -> str:
    """How messages name the series ``names`` read together, of ``every`` series: "every series (a, b)", "series
    'a' and 'b'", "series 'a'"."""
    if len(names) == every > 1:
        return f"every series ({some([str(n) for n in names])})"
    quoted = [repr(n) for n in names]
    return f"series {listing(quoted) if len(quoted) <= 5 else some(quoted)}"


def _placed(table, wanted: list[pd.Index], groups: list, named: list, columns: list[str], id_col: str | None,
            time_col: str | None, numbered: bool, known: dict, said: set | None = None):
    """``table`` (shared, series ending at different steps) with the times or row numbers its rows are read at: its
    own (a time column or index; a model without dates: row labels, as a column ``row``, a frame's index or the first
    column pandas' ``to_csv`` wrote it into: ``futurerows.written_rows``), else its rows in order
    given the span of every series' steps, one per time, where it has that many rows, or the span's steps after those
    the data holds (``known``: each group's ``heldfuture.held``) where it has as many as they (said in one line).
    Raises ``RnncastError`` where it has another number of rows, naming the layout that would be read."""
    if isinstance(table, pd.DataFrame) and not numbered and (time_col is not None and time_col in table.columns or
                                                             isinstance(table.index, (pd.DatetimeIndex, pd.PeriodIndex))):
        return table  # each group matched by date (align_future)
    if isinstance(table, pd.DataFrame) and numbered:
        table, from_index = futurerows.labelled(table)  # a frame's index of row numbers: its labels
        table = table.reset_index() if from_index else table
        table, written = futurerows.written_rows(table, (id_col, time_col, columns), said)  # to_csv's index
        if futurerows.ROW in map(str, table.columns):
            _refuse_strays(table, wanted, groups, named, futurerows.where_labels(written, from_index))
            return table
    span = _span(wanted, groups)
    first, last = min(groups, key=lambda g: wanted[g[0]][0]), max(groups, key=lambda g: wanted[g[0]][-1])
    starts = [f"{named[g[0]]!r} at {shown(wanted[g[0]][0])}" for g in groups[:3]]
    unit, noun = ("row", "row number") if numbered else ("date", "time")
    differ = (f"the series' forecasts start at different {'rows' if numbered else 'times'}: "
              f"{', '.join(starts)}{', ...' if len(groups) > 3 else ''}")
    by = (f"a column {futurerows.ROW!r} numbering the rows they forecast" if numbered else
          f"the time column {time_col!r} to match them by date" if time_col else "times to match them by")
    lacking = f"no column {id_col!r} nor {'row labels' if numbered else 'times'}"
    if span is None or (not numbered and time_col is None):  # no calendar to tell the times between the series' steps
        raise RnncastError(f"the future values have {lacking}, so they are shared by every series, but {differ}; "
                           f"the model's calendar cannot tell the {noun}s between them, so rows in order cannot be "
                           f"placed: give {by}, or the column {id_col!r} with one row per series and step")
    held = [wanted[g][np.isfinite(k[0]).all(axis=1)] for g, k in ((g[0], known.get(g[0])) for g in groups)
            if k is not None]  # the steps whose covariates the data holds
    rest = span[~span.isin(held[0].append(held[1:]))] if held else span
    tail = 0 < len(rest) < len(span) and rest.equals(span[len(span) - len(rest):])  # held steps all before the rest
    last_of = f"{shown(span[-1])} (the last step of {_whose([named[s] for s in last], len(named))})"
    whole = (f"one per {unit} from {shown(span[0])} (the first step of "
             f"{_whose([named[s] for s in first], len(named))}) to {last_of}")
    after = f"one per {unit} from {shown(rest[0])} (the first step after the data's rows) to {last_of}"
    if len(table) not in ((len(span), len(rest)) if tail else (len(span),)):
        ways = (f"{counted(len(span), 'row')}, {whole}, or {len(rest)}, {after}" if tail else
                f"{counted(len(span), 'row')}, {whole}")
        raise RnncastError(f"the future values have {lacking}, so they are shared by every series and their rows are "
                           f"read in order: {ways}; but they hold {len(table)} ({differ}); give those rows, or {by}, "
                           f"or the column {id_col!r} with one row per series and step")
    span, reading = (span, whole) if len(table) == len(span) else (rest, after)
    reading = f"their rows are read in order, {reading}"
    log.info("the future values have %s: %s", lacking, reading)
    if not isinstance(table, pd.DataFrame):  # an array [rows, F], its columns the covariates in order
        rows = np.asarray(table, dtype=object)
        table = pd.DataFrame(rows.reshape(len(rows), -1), columns=columns if rows.ndim == 2 and rows.shape[1] ==
                             len(columns) else None)
    key = futurerows.ROW if numbered else time_col
    if key in map(str, table.columns):  # a covariate named 'row' without labels: no room for the numbers
        raise RnncastError(f"the future values hold a column {key!r} that is no {noun}; {reading}: give {by}")
    out = table.assign(**{key: np.asarray(span)})
    out.attrs = {**table.attrs, heldfuture.IN_ORDER: key}  # its times are its rows' places: heldfuture's advice
    return out


def _span(wanted: list[pd.Index], groups: list) -> pd.Index | None:
    """Every step of the series, from the first one's to the last one's, one per time on the model's calendar (its
    ``freq``; else the steps themselves where the series' spans overlap); None where the times between cannot be told."""
    spans = sorted((wanted[g[0]] for g in groups), key=lambda w: w[0])
    union = spans[0].append(spans[1:]).unique().sort_values()
    if isinstance(union, pd.RangeIndex) or pd.api.types.is_integer_dtype(union):
        return pd.RangeIndex(int(union[0]), int(union[-1]) + 1)
    freq = getattr(spans[0], "freq", None)
    if freq is not None:
        every = (pd.period_range if isinstance(union, pd.PeriodIndex) else pd.date_range)(union[0], union[-1], freq=freq)
        return every if union.isin(every).all() else None
    reach = [max(w[-1] for w in spans[:i + 1]) for i in range(len(spans))]  # the latest step so far
    return union if all(w[0] <= r for w, r in zip(spans[1:], reach)) else None


def _own_rows(table: pd.DataFrame, steps: pd.Index, known: np.ndarray | None, columns: list[str]) -> pd.DataFrame:
    """The rows of ``table`` labelled (column ``row``) with one of ``steps``, one series' row numbers, and a row of
    the data's values ``known`` [1, H, F] (``heldfuture.held``) for each step it holds that no row labels."""
    labels = _labels(table)
    at = np.flatnonzero(labels.isin(steps).to_numpy())
    given = table.attrs.get(ROWS_OF)
    mine = table.iloc[at]
    mine.attrs = {**table.attrs, ROWS_OF: np.asarray(given)[at] if given is not None else at}  # its rows' own lines
    if known is None:
        return mine
    add = np.isfinite(known[0]).all(axis=1) & ~steps.isin(labels)
    rows = pd.DataFrame(known[0][add], columns=columns).assign(**{futurerows.ROW: np.asarray(steps)[add]})
    out = pd.concat([mine, rows], ignore_index=True) if add.any() else mine
    out.attrs = mine.attrs  # its rows' lines in a file (the data's rows after them: never named as the table's)
    return out


def _labels(table: pd.DataFrame) -> pd.Series:
    """The row numbers a table's column ``row`` labels its rows with (NaN: no whole number)."""
    return pd.to_numeric(table[futurerows.ROW], errors="coerce")


def _refuse_strays(table: pd.DataFrame, wanted: list[pd.Index], groups: list, named: list, said: tuple) -> None:
    """Refuse a step labelled twice, and a row whose label is no forecast step of any series (each series reads the
    rows of its own steps);
    ``said``: how the labels are named and how to take the rows in order (``futurerows.where_labels``)."""
    labels = _labels(table)
    where, leave = said
    twice = (labels.duplicated(keep=False) & labels.notna()).to_numpy()
    if twice.any():  # a step labelled twice, named at both lines (each series' part no longer knows them)
        i, j = (int(k) for k in np.flatnonzero(labels.to_numpy() == labels[twice].iloc[0])[:2])
        raise RnncastError(f"the future values' {where} labels row {int(labels.iloc[i])} twice ({place(i, table.attrs)}, "
                           f"{place(j, table.attrs)}); give one row per step, or {leave} to take the rows in order")
    stray = ~np.logical_or.reduce([labels.isin(wanted[g[0]]).to_numpy() for g in groups])
    if not stray.any():
        return
    i = int(np.flatnonzero(stray)[0])
    label = table[futurerows.ROW].iloc[i]
    steps = ", ".join(f"{rows_span(int(wanted[g[0]][0]), int(wanted[g[0]][-1]))} of "
                      f"{_whose([named[s] for s in g], len(named))}" for g in groups[:3])
    raise RnncastError(f"the future values' {where} labels a row "
                       f"{label.item() if isinstance(label, np.generic) else label!r} "
                       f"({place(i, table.attrs)}), which is no forecast step of any series: the model forecasts "
                       f"{steps}{', ...' if len(groups) > 3 else ''}; give the values of those rows, or {leave} to "
                       "take the rows in order")


def _warn_unused(unused: list, ends: list) -> None:
    """Warn once of the rows of a shared table that no series' steps take (a row one series reads is used, decision
    1097); ``unused``: each group's (rows, warn) from ``align_future``, ``ends``: each group's last step. The warning is
    the group's that ends last, so that a row within its span is told as a holiday its calendar skips."""
    if not unused:  # a table read in order: every row is a step
        return
    spare = unused[0][0]
    for rows, _ in unused[1:]:
        spare = spare.intersection(rows)
    if len(spare):
        unused[max(range(len(unused)), key=lambda i: ends[i])][1](spare.sort_values())


def keys_needed(layout: str, id_col: str, time_col: str, ids: list = ()) -> str:
    """What a future table needs beside the covariate columns, as a clause for the refusal of none given."""
    if layout == "single":
        return ""
    by_series = f"the columns {idkeys.names_of(id_col, list(ids))} and {time_col!r} saying which series and step"
    return (f", and the column {time_col!r} (shared by every series, as in the data), or {by_series}"
            if layout == "wide" else f", and {by_series}")


def _shared(future, id_col: str | None, time_col: str | None, time_unit: str | None) -> tuple:
    """``(table, read)``: ``future`` as a frame (or the array it is) where it holds no column ``id_col``: one row per
    time, else None (a table by series); ``read``: the file ``future`` as read here (None: no file), as
    ``future.align_future`` reads one (``futurekeys.table_of``), for it to read no more."""
    if isinstance(future, (np.ndarray, list, tuple)):
        return future, None
    if isinstance(future, (str, Path)):
        frame = futurekeys.table_of(future, id_col, time_col, time_unit)
    elif isinstance(future, pd.DataFrame):
        frame = future
    else:
        frame = as_frame(future)  # an Arrow table, a Polars frame
    held = [str(c) for c in frame.columns] + [str(n) for n in getattr(frame.index, "names", []) if n is not None]
    by_series = id_col is None or id_col in held
    return (None if by_series else frame), (frame if isinstance(future, (str, Path)) else None)

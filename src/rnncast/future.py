"""Future covariates at predict: the values over each series' next ``horizon`` steps, matched by
series id and date, never by row order.

A future table holds one row per series and step: the id column (many series), the time column
(when the model has one) and the future covariate columns, in any row order. Dates that are not
the ``horizon`` steps after a series' end are named; rows outside the horizon, and those on the holidays
the calendar skips, are reported. A model fitted on numbered rows matches a table's row labels (a column ``row``, a
frame's index other than 0 .. n-1, as ``to_csv`` writes it too) to its steps' row numbers (``futurerows``). Without a time column or such labels
each series' first ``horizon`` rows are used in order; a frame's DatetimeIndex or PeriodIndex is its
time, and times under another name than the model's are refused (``futurekeys``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import codedblanks, futurecodes, futurekeys, futurerefusals, futurerows, futuretimes, gridtimes, heldfuture, numbercolumns, rowindex, serieskeys
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.idkeys import columns_of
from rnncast.idtypes import as_held, texts_by_value
from rnncast.numbertext import FUTURE
from rnncast.seriesids import id_texts, other_form
from rnncast.noticed import first_time
from rnncast.lookalikes import refuse_other_form, spaced_name
from rnncast.spelling import counted
from rnncast.timetext import at_midnight, shown, shown_alike
from rnncast.unusedfuture import not_forecast, not_used, warn_unused

log = logging.getLogger(__name__)

UNITS = ("s", "ms", "us", "ns")


def keyed_by(lacking: list, id_col: str | None, time_col: str | None) -> str:
    """The clause naming the settings at fit that named the model's id and time columns among ``lacking`` (a config
    file's keys as the data's refusals name them, decision 1395): ``: 'store' is the model's id column (id_col at
    fit)``; "" where neither is lacking."""
    said = [f"{c!r} is the model's {what} column ({key} at fit)" for c, what, key in
            ((id_col, "id", "id_col"), (time_col, "time", "time_col")) if c is not None and c in lacking]
    return f": {' and '.join(said)}" if said else ""


def align_future(future, ids: list, wanted: list[pd.Index], columns: list[str], *, id_col: str | None,
                 time_col: str | None, tz: str | None, dayfirst: bool | None = None,
                 holidays: str | None = None, weekmask: str | None = None, said: set | None = None,
                 given_ids: list | None = None, time_unit: str | None = None, text_format: str | None = None,
                 data_offsets=None, key=None, read=None, unused: list | None = None, whose: str | None = None,
                 known: np.ndarray | None = None, zero_tail: dict | None = None, skipped=(), fitted=(), undated=(),
                 missing_values: str | None = None, computed=()) -> np.ndarray:
    """The future covariates [S, H, F] (original units, float64) of the series ``ids`` [S] at the
    times ``wanted`` [S] x [H] (row numbers when the model has no time).

    ``future``: a DataFrame, an Arrow table, a CSV/Parquet path, or (one series) an array [H, F]
    taken in order. ``id_col``: the id column (None: one series; a key's columns joined). ``dayfirst``: how the model read
    dates such as 01/02/2016 (``Calendar.dayfirst``), applied to the future dates too. ``holidays``: the
    set the model's calendar skips (``Calendar.holidays``), to tell rows on them from rows outside, on the
    week ``weekmask`` where it is not Monday to Friday (``Calendar.weekmask``). A table's further columns are named
    in a warning as not used, once per set of them where ``said`` (the model's ``FittedState.said``) is given. Raises ``RnncastError`` naming
    the missing columns, the series and dates without values, and rows given twice; a series by ``given_ids`` [S]
    (the caller's ids, ``Panel.given_ids``) where given, else by ``ids`` (text, which the table's ids are matched to).
    ``time_unit``: the model's (``numbertimes``): the table's times are numbers in it, as the data's were. ``data_offsets``:
    the data's ``Panel.written_offsets``, whose offsets a refusal of times gives as example. ``key``: ``Panel.key``.
    ``read``: the file ``future`` already read by ``futurekeys.table_of`` (``sharedfuture``), not read again.
    ``unused``: where given (a list), the dated table's rows no step takes are not warned of but appended to it as
    (their row positions, the function that warns of such rows), for a caller that reads one table several times.
    ``whose``: how "predict needs them for the steps after the last row of ..." names the series ``ids`` stands for
    (a table shared by several, ``sharedfuture``: "series 'a' and 'b'"), not "the series'". ``known`` [S, H, F]: the
    values the data holds at the steps (``heldfuture``, NaN where none), read where the table gives none. ``zero_tail``:
    ``Panel.zero_tail``, the series whose last steps fill='zero' wrote (a refusal names leaving them out). ``skipped``:
    the series fit left out (ids as text), whose rows are said apart from those of series the model never had;
    ``fitted``: the model's ids (text), whose rows the data gives no rows of are said as such (decision 2161);
    ``undated``: those of them the data holds but predict leaves out as no calendar dates them (decision 2196).
    ``missing_values``: the model's; a cell of its text codes ('M') at a step is refused as its numbers are (decision 1688).
    ``computed``: the model's calendar covariate columns (``calendarcovariates.columns``): one the table holds is said
    to be computed from the dates, its values ignored (decision 2041).
    The table's times are read as the model read its data's (``futuretimes``): of the kind of ``wanted`` (integer
    periods, dates, periods), dates written in digits in the model's ``text_format`` (``Calendar.text_format``: ``%Y%m``).
    """
    horizon, n_f = len(wanted[0]), len(columns)
    if isinstance(future, (np.ndarray, list, tuple)):
        if id_col is not None:
            raise RnncastError(f"an array of future values has no series ids; give a table with the columns "
                               f"{[id_col, time_col or 'ds'] + columns}")
        if not len(future):  # np.empty((0, F)) reshaped to (0, -1) is "rows of different lengths" to numpy
            raise RnncastError(f"the future values have no rows; predict needs {counted(horizon, 'row')} (one per forecast step) "
                               f"of the future covariates {columns}")
        try:
            array = np.asarray(future, dtype=np.float64)
            shape, array = array.shape, array.reshape(len(future), -1)
        except (ValueError, TypeError):  # "could not convert string to float: 'yes'", or ragged rows
            raise RnncastError(f"future values must be {counted(horizon, 'row')} (one per forecast step) by {counted(n_f, 'column')} "
                               f"{columns} of numbers{futurerefusals.non_number(future)}") from None
        if len(shape) > 2 or array.shape != (horizon, n_f):  # the shape given, not the one flattened to 2-D
            raise RnncastError(f"future values must have {counted(horizon, 'row')} (one per forecast step) and {counted(n_f, 'column')} "
                               f"{columns}, got shape {shape}")
        if not np.isfinite(array).all():
            k, j = (int(v) for v in np.argwhere(~np.isfinite(array))[0])
            raise RnncastError(f"the future value of {columns[j]!r} at step {k + 1} is {array[k, j]}; give every value "
                               "as a finite number")
        return array[None]
    numbered = isinstance(wanted[0], pd.RangeIndex)  # a model without dates: its steps are row numbers
    future, from_index = futurerows.labelled(future) if numbered else (future, False)  # later.iloc[600:603]'s labels
    keys = [c for c in (id_col, time_col) if c is not None]
    frame = serieskeys.on_table(read if read is not None else futurekeys.table_of(future, id_col, time_col, time_unit),
                                id_col, key, "the future values")  # a price by item
    index = rowindex.written_index(frame, (id_col, time_col, columns), id_col)  # to_csv's row numbers: no data
    written = futurerows.written_labels(frame, index, id_col) if numbered else None  # or its labels: lined up by them
    if written is not None:
        frame, index = frame.rename(columns={written: futurerows.ROW}), {k: v for k, v in index.items() if k != written}
    frame = rowindex.without(frame, index, bool(index) and first_time(said, "future index", *index),
                             of="the future values")
    frame = futurekeys.named(frame, time_col, id_col, columns, wanted[0], ids, said, text_format, dayfirst, time_unit,
                             future)  # ds as 'date', ids under another name named
    needed = ([id_col] if id_col else []) + ([time_col] if time_col and id_col else []) + columns
    lacking = [c for c in needed if c not in frame.columns]
    spaced = [spaced_name(c, frame.columns, "the model's column", isinstance(future, (str, Path)), False) for c in lacking]
    if any(spaced):  # ' pressure' in the header: the model's column is 'pressure'
        raise RnncastError(f"the future values lack column(s) {lacking}: {'; '.join(s for s in spaced if s)}")
    refuse_other_form(lacking, frame.columns, lambda name: f"the future values lack column(s) {lacking}")  # '할인' in NFD
    if lacking:
        raise RnncastError(f"the future values lack column(s) {lacking}{keyed_by(lacking, id_col, time_col)}; they "
                           f"need {needed}, one row per "
                           f"{'series and ' if id_col else ''}step; columns given: {', '.join(frame.columns)}")
    free = set(frame.columns) - {id_col, *columns}  # a covariate named 'row' is a covariate
    labels = futurerows.ROW if numbered and futurerows.ROW in free else None  # lined up by them (decision 662)
    not_used(frame, keys + ([labels] if labels else []) + columns, columns, said, computed)  # decision 2041
    if not len(frame):
        keyed = [c for c in (id_col, time_col) if c is not None] + columns
        raise RnncastError(f"the future values have no rows; predict needs a row per {'series and ' if id_col else ''}"
                           f"forecast step ({horizon}{' each' if id_col else ''}) with the columns {keyed}")
    dated = time_col is not None and time_col in frame.columns and not isinstance(wanted[0], pd.RangeIndex)
    if not dated and labels is None and id_col is None and len(frame) != horizon:
        by_date = f"; or give the time column {time_col!r} to match them by date" if time_col is not None else ""
        raise RnncastError(f"future values without a time column are taken in order, so they must have "
                           f"{counted(horizon, 'row')} (one per forecast step), got {len(frame)}{by_date}")
    want = pd.DataFrame({"_series": np.repeat(np.arange(len(ids)), horizon), "_step": np.tile(np.arange(horizon), len(ids))})
    given = pd.DataFrame({"_series": _series_of(frame, id_col, ids, given_ids)})
    named = given_ids if given_ids is not None else ids  # how a message names each series
    if dated:
        at = lambda i: place(i, frame.attrs)  # noqa: E731  line N of the file, or row N
        target = wanted[0].append(wanted[1:]) if len(wanted) > 1 else wanted[0]
        walls = target.tz_localize(None) if getattr(target, "tz", None) is not None else None  # the steps' wall times
        try:  # as the model read its data's time: a file's '600' is a step where the model counts steps
            stamps = futuretimes.read(frame[time_col], time_col, target, wanted[0], at, tz=tz, dayfirst=dayfirst,
                                      used=walls, unit=time_unit, text_format=text_format)
        except RnncastError as err:  # which table: a DataFrame's row N is no file's line
            raise RnncastError(f"in the future values, {err}") from None
        stamps = futuretimes.same_zone(stamps, target, time_col, at, walls, tz=tz, fmt=text_format, said=said, written=data_offsets)
        stamps = gridtimes.onto_steps(stamps, target, at, text_format)
        unplaced = np.asarray(pd.isna(stamps))  # a repeated hour outside the steps: not used, so not placed
        unit = max((getattr(t, "unit", "s") for t in (target, stamps)), key=UNITS.index)  # the finer of the two
        want["_key"], given["_key"] = _key(target, unit), _key(stamps, unit)
        day = at_midnight(target) and at_midnight(stamps)  # days or coarser: their dates are named without a time
    elif labels is not None:  # each row at the step its label numbers, refused where it numbers none
        given["_key"] = futurerows.steps(frame[labels], given["_series"].to_numpy(), wanted, named, frame.attrs,
                                         from_index, written, whose if named == [None] else None)
        want["_key"] = want["_step"]
    else:
        given["_key"] = given.groupby("_series").cumcount()  # in order: each series' rows are its steps
        want["_key"] = want["_step"]
        held = given.loc[given["_series"] >= 0].groupby("_series").size()
        if (held > horizon).any():  # a third row of a series forecast 2 steps: refused, not dropped
            s = int(held.index[np.argmax(held.to_numpy() > horizon)])
            raise RnncastError(f"future values without a time column are taken in order, so each series needs "
                               f"{counted(horizon, 'row')} (one per forecast step); series {named[s]!r} has "
                               f"{int(held[s])}: give its {counted(horizon, 'row')}, or "
                               + (f"the time column {time_col!r} to match them by date" if time_col is not None else
                                  f"a column {futurerows.ROW!r} numbering the rows they forecast"))
    whose_row = np.asarray(frame[id_col], dtype=object) if id_col is not None and id_col in frame.columns else None
    frame = codedblanks.words(frame, missing_values, [c for c in frame.columns if c not in columns])  # 'M': fit's way
    for c in columns:
        try:  # 'yes' named with its line and series, not float()'s traceback
            given[c] = numbercolumns.numeric_column(frame[c], c, {**frame.attrs, FUTURE: True}, whose_row)  # 'm': give its value
        except RnncastError as err:
            raise RnncastError(f"in the future values, {err}") from None
    given["_row"] = np.arange(len(frame))  # where each value is in the table, to name a blank one
    other, lost = given["_series"].to_numpy() < 0, ""  # rows of a series not forecast; '0' for '00000' (decision 2111)
    if other.any():
        other_form(id_texts(frame[id_col])[other], ids, "the future values", "the model")  # not 'not forecast'
        lost = not_forecast(as_held(frame[id_col].to_numpy()[other].tolist(), named), skipped, named,  # as the model
                            columns_of(id_col, frame.attrs), fitted, undated)  # holds them
    given = given[~other]
    placed = ~unplaced[~other] if dated else np.ones(len(given), dtype=bool)  # unplaced: outside the steps, unused
    twice = given.duplicated(["_series", "_key"]) & placed
    if dated and twice.any():
        i = int(np.flatnonzero(twice.to_numpy())[0])
        raise RnncastError(f"the future values list {futurerefusals.who(named, given['_series'].iloc[i])}"
                           f"{shown(frame[time_col].iloc[given.index[i]], day)} "
                           "twice; give one row per series and step")
    table = want.merge(given[placed], on=["_series", "_key"], how="left", validate="one_to_one" if dated else None)
    if known is not None:  # a wide table's own values at steps it covers: another value at one of them refused
        steps = target if dated else wanted[0].append(wanted[1:]) if len(wanted) > 1 else wanted[0]
        table = heldfuture.fill(table, known.reshape(-1, n_f), columns, frame, steps, lambda s: whose or (
            "the series" if named == [None] else f"series {named[s]!r}"), text_format, frame.attrs.get(heldfuture.IN_ORDER, None if dated else time_col or ""))
    futurecodes.refuse(table, columns, frame.attrs)  # an 'M' or a -999 at a step: no value, by its line
    futurerefusals.refuse_blank(table, columns, frame, named, time_col if dated else None, horizon, whose)
    absent = table[columns].isna().any(axis=1).to_numpy()
    if absent.any():
        first = table[absent]
        s = int(first["_series"].iloc[0])
        had, seen = given.loc[given["_series"] == s, "_key"], ""
        steps = [target[k] for k in first.index[first["_series"] == s][:3]] if dated else []
        placed = [] if not dated or any(unplaced[int(i)] for i in had.index[:3]) else [stamps[int(i)] for i in had.index[:3]]
        alike = shown_alike(steps + placed, day, text_format)  # one clock in the line: every offset or none (decision 729)
        dates = alike[: len(steps)] if dated else [f"step {int(k) + 1}" for k in first["_step"][first["_series"] == s][:3]]
        dates += ["..."] * bool((first["_series"] == s).sum() > 3)  # a cut list says so
        if dated and len(had):
            dated_as = alike[len(steps):] or [shown(frame[time_col].iloc[int(i)], day) if unplaced[int(i)] else  # as written
                                              shown(stamps[int(i)], day, text_format) for i in had.index[:3]]  # as read
            of = "" if whose else f" of {'the series' if id_col is None else repr(named[s])}"  # a shared table's
            seen = f"; the future values{of} are dated {', '.join(dated_as)}" + \
                   (", ..." if len(had) > 3 else "")
        ended = futurerefusals.ended(wanted, first["_series"].unique(), named, day, text_format, zero_tail) if dated else ""
        raise RnncastError(
            f"the future covariates {columns} are missing for {futurerefusals.who(named, s)}{', '.join(dates)} "
            f"({int(absent.sum())} of {len(table)} {'steps' if len(ids) == 1 else 'series-steps'} "
            f"missing{futurerefusals.each(first['_series'], named)}){seen}; "
            f"predict needs them for the {counted(horizon, 'step')} after {futurerefusals.last(ids, whose)}{ended}"
            + (f"; {lost}" if lost else ""))
    if dated:
        keys = ["_series", "_key"]
        spare = given.index[~pd.MultiIndex.from_frame(given[keys]).isin(pd.MultiIndex.from_frame(want[keys]))]
        warn = lambda rows: warn_unused(given.loc[rows], stamps, frame[time_col], unplaced, wanted,  # noqa: E731
                                        horizon, holidays, day, weekmask, text_format)
        unused.append((spare, warn)) if unused is not None else warn(spare) if len(spare) else None
    values = table[columns].to_numpy(dtype=np.float64)
    try:
        numbercolumns.check_finite(values, columns, table["_row"].to_numpy(dtype=np.int64), frame.attrs)
    except RnncastError as err:
        raise RnncastError(f"in the future values, {err}") from None
    return values.reshape(len(ids), horizon, n_f)


def _series_of(frame: pd.DataFrame, id_col: str | None, ids: list, given_ids: list | None = None) -> np.ndarray:
    """The position in ``ids`` of every row's series (-1: a series not forecast, left out); '1.00' is the series 1.0
    where the series' ``given_ids`` are numbers (``idtypes.texts_by_value``), as predict reads the data's ids."""
    if id_col is None:
        return np.zeros(len(frame), dtype=np.int64)
    lookup = pd.Series(np.arange(len(ids)), index=ids)  # ids are text
    return texts_by_value(id_texts(frame[id_col]), ids, given_ids).map(lookup).fillna(-1).to_numpy(dtype=np.int64)


def _key(time: pd.Index, unit: str) -> np.ndarray:
    if isinstance(time, pd.DatetimeIndex):
        return time.as_unit(unit).asi8
    if isinstance(time, pd.PeriodIndex):
        return time.asi8
    return np.asarray(time, dtype=np.int64)

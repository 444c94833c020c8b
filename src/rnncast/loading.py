"""The one path from a table to a ``Panel``: layouts read here, then rows sorted and checked and the calendar settled
(``assembly``).

``load_panel`` reads every input into a checked panel; a single series is a panel of one. Three
layouts:

* **long** (Nixtla's convention): one row per (series, time step), columns ``unique_id``, ``ds``,
  ``y`` and covariates; the names can be chosen (``id_col``, ``time_col``, ``target``);
* **wide**: one column per series (``series=["a", "b"]`` or ``"all"``), rows in time order; the
  gaps at either end of a column are where that series has not started or has ended;
* **single**: one series, its target column(s) and covariates.

Columns come ordered by role (targets, past covariates, future covariates; see ``panel.Panel``);
static covariates become per-series attributes (``static``). Every check names the series, the
column and the place of the problem.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import pandas as pd

from rnncast import (appendedrows, assembly, calendarcovariates, codedblanks, codedsaid, colontimes, csvdialect,
                     fiscalquarters, fiscalyearlabels, fitxy, indexcolumns, labels, namelists, repeatedrows, rolenames, rowcounters, rowindex, seriesids, serieskeys, statictext,
                     unusedcolumns)
from rnncast import static as statics
from rnncast.allfeatures import every_series_said
from rnncast.data import ID_COLUMN, as_frame, label_text, names
from rnncast.errors import RnncastError
from rnncast.layouts import Rows, long_rows, not_used, not_used_note, single_rows, wide_rows
from rnncast.noticed import time_notes, warn_run
from rnncast.panel import Panel
from rnncast.timeunread import unread

log = logging.getLogger(__name__)

# ---- reading ----------------------------------------------------------------------------------

def load_panel(data, target=None, features=None, time_col=None, fill: str | None = None, *, future_known: bool = False,
               freq=None, tz: str | None = None, fill_gaps: bool = False, id_col=None, series=None,
               past_covariates=None, future_covariates=None, static_covariates=None, static_categorical=None,
               announce: bool = True,
               dayfirst: bool | None = None, holidays: str | None = None, time_unit: str | None = None, date_order=None,
               index_steps: bool | str = True, missing_values: str | None = None, key=None, labels_only=False,
               calendar_covariates=None, reads_last: int | None = None) -> Panel:
    """Read any accepted input (see ``rnncast.data``) into a checked ``Panel``.

    Long format is chosen by ``id_col`` or a column named ``unique_id``; wide format by ``series``.
    ``features``: past covariates, or future ones with ``future_known``; ``past_covariates`` /
    ``future_covariates`` name the roles directly. ``static_covariates``: column names (constant
    within each series) or a table with the id column and one column per attribute (``static.table_of``);
    ``static_categorical``: those of them read as categories whatever their values (integer codes of a store type).
    Time: ``time_col`` (default: found by name, type or values, or a ``DatetimeIndex``); ``freq``
    its calendar (default: inferred); ``holidays`` the holiday set a business-day calendar skips
    (``businessdays``; default: found when one explains the missing weekdays); ``tz`` its zone; ``time_unit``: its numbers are
    Unix times ('s', 'ms', 'us', 'ns') or Excel serials ('excel'; ``numbertimes``); ``fill_gaps`` inserts the rows the
    calendar has and the data lacks, for ``fill`` to fill; ``missing_values``: numbers that mean a
    missing value ("-999, 9999", ``settingvalues.missing_text``), read as blank in the target and covariate columns. ``announce``: say in one line where time
    came from, and warn of gaps (once per fit; reloads at predict stay quiet). ``dayfirst``: how the
    model read dates such as 01/02/2016 (None at fit: decided from the dates, kept in the calendar); ``date_order``
    ('day' or 'month') the caller's, which it replaces, a date not so refused (``dayorder.told``). ``labels_only``
    ('fit', 'scored' or False): the target is read as labels alone (``target_input=False``: ``appendedrows``; without
    a fill, the blank ones stood in and left out, ``blanklabels``). ``calendar_covariates``: the future covariates
    computed from the timestamps, appended last (``calendarcovariates``). ``reads_last`` (predict's lookback): without
    a fill, the rows with missing values before each series' last ``reads_last`` rows are left out, said
    (``earlyblanks``). Raises ``RnncastError`` naming the column, series and place of any problem.
    """
    if fill_gaps and fill == "drop":
        raise RnncastError("fill_gaps inserts the missing rows and fill 'drop' would remove them again; "
                           "fill them with fill='ffill', 'interpolate' or 'zero'")
    id_col = rolenames.as_list(id_col)  # df.columns[:2], np.array([...]): the list of names they hold
    given = {k: labels.one_tuple_label(data, rolenames.as_list(v), k) for k, v in dict(  # ('a', 'y'): one column; ('a', 'zz'): none
        target=target, features=features, series=series, past_covariates=past_covariates, future_covariates=
        future_covariates, static_covariates=static_covariates, static_categorical=static_categorical).items()}
    fitxy.refuse_values(data, given["target"], time_col)  # fit(X, y): y's values as target=, not names
    namelists.check_lists(**given, **({} if isinstance(id_col, (list, tuple)) else {"id_col": id_col}))  # {'a'}, ['A', 'A']
    given_id = id_col  # as handed over: a key of several columns is refused once the table's columns are known
    time_col, id_col = (label_text(c) if isinstance(c, tuple) else c for c in (time_col, id_col))  # reset_index's ('date', '')
    named_time = None if time_col is False else time_col  # False: the table has none, by the caller's word
    target, features, series, past_covariates, future_covariates, static_covariates, static_categorical = given.values()
    as_categories = names(static_categorical) if static_categorical is not None else []
    if as_categories and static_covariates is None:
        raise RnncastError(f"{statics.CATEGORIES_FORMS} names static covariates to read as categories "
                           f"({', '.join(map(repr, as_categories))}), and none were given: give them as columns "
                           "(static_covariates=, --static-covariates) or as a table (static_covariates=a DataFrame or a "
                           "pathlib.Path, --static FILE), or leave static_categorical out")
    if isinstance(target, (list, tuple, pd.Index)) and not len(target):  # no column: a network of no inputs (torch's error)
        raise RnncastError(f"target= (--target) must be a column name or a list of them, got {list(target)!r}; name the "
                           "column(s) to forecast, or leave target unset (None) to forecast the column 'y'")
    id_text = serieskeys.read_as_text(given_id) if id_col is not None else []  # a key's columns too
    if isinstance(data, (str, Path)):  # a static column of codes ('001') read as written (statictext)
        columns = isinstance(static_covariates, (list, tuple, str))  # static covariates as columns of the data
        read = seriesids.as_read(statictext.read_file(data, id_text, text=as_categories if columns else (),
                                                      decide=names(static_covariates) if columns else []), id_text)  # a Parquet file's index as
    frame = as_frame(read if isinstance(data, (str, Path)) else data, steps=index_steps,  # pandas restores it: a frame's
                     keep_index=id_text + [ID_COLUMN] + ([str(named_time)] if named_time is not None else []))
    frame = frame.copy(deep=False) if frame is data else frame  # the caller's frame and its attrs stay as given
    frame.attrs[labels.GIVEN] = labels.given(data)  # a refusal names the columns as the caller does
    if (found := serieskeys.parts(given_id, frame.columns)) is not None:  # ['item_id', 'store_id']: one id within
        frame, key = serieskeys.joined(frame, found, roles={**given, "time_col": named_time})  # (the Key of a frame
        id_col = key.name  # reading joined so at predict)
    roles = (target, features, named_time, id_col, series, past_covariates, future_covariates, static_covariates)
    written = rowindex.written_index(frame, roles, ids=id_col if id_col is not None else ID_COLUMN)  # to_csv's numbers
    indexed, frame = frame, rowindex.without(frame, written, announce=False)  # not data: said once the rows are read
    if not len(frame):  # a filter that kept nothing: said here, before any reader's arithmetic on the rows
        raise RnncastError("the data has no rows (an empty table): nothing to fit, forecast or score")
    ids = id_col if id_col is not None else ID_COLUMN  # a found 'unique_id' is the ids too (decision 1669)
    frame = codedblanks.words(frame, missing_values, id_text + [ids, named_time], static_covariates)  # 'M' blank
    order: dict = {"time_unit": time_unit} if time_unit is not None else {}  # and how dates were read (parse_time)
    order.update({"steps": True} if freq is not None and str(freq).strip().isdigit() else {})  # 202301: steps, no week
    order.update({"fiscal": freq} if fiscalquarters.period_freq(freq) else fiscalquarters.cased(freq))  # FY2006Q1
    order.update({"fiscal_years": freq} if fiscalyearlabels.period_freq(freq) else {})  # FY1990 (decision 2252)
    order.update(colontimes.given(freq))  # 2009:1 under a quarterly freq, 1999:01 under a monthly (decision 1806)
    if date_order is not None:  # the caller's word: read so, at fit and after (decision 2192)
        dayfirst = order["told"] = date_order == "day"
    with time_notes(announce):  # how timestamps were read is said at fit, not again at each reload
        rows, layout = _rows(frame, target, features, time_col, future_known, tz, id_col, series, past_covariates,
                             future_covariates, static_covariates, dayfirst, order, key, fill)
    if layout == "long" and freq is None:  # a float column named as the ids: refused before a calendar is read of it
        seriesids.too_short(frame[rows.id_col], rows.codes, rows.id_col if key is None else key.parts)
    if rows.time_col is None:  # df.sample()'s index: the rows' order, lost without time (a long table's in each series)
        rowindex.refuse_order(rowindex.out_of_order(data, indexed, written, roles,
                                                    indexed[rows.id_col] if layout == "long" else None, announce))
    if announce:
        rowindex.say(indexed, written)
    unmatched = codedblanks.blank(rows, missing_values, announce, fill, frame.attrs, layout == "long",  # -999: blank
                                  layout == "wide")
    rows.dayfirst, rows.text_format = order.get("dayfirst", dayfirst), order.get("text_format")  # as read: new data
    # may be written in the other order than the model's (dayorder.against_model), and its future file so too
    rows.written, rows.clocks = order.get("written"), order.get("clocks")  # times as written: writtenzones, seriesclocks
    rows.given = seriesids.given_index(layout, id_col, frame if isinstance(data, (str, Path)) else data, rows.ids)
    static_names = names(static_covariates) if isinstance(static_covariates, (list, tuple, str)) else []
    unused = not_used(frame, rows, layout, static_names)
    others = appendedrows.others(frame, unused)  # [rows, U] the numbers no role reads
    counters = rowcounters.row_counters(frame, unused) if rows.time_col is None else []  # said with the numbered rows
    freq = fiscalquarters.given_as(freq, rows.text_format)  # Q-MAR of 2016Q1 labels: read as QE-MAR (decision 2104)
    panel = assembly.assemble(rows, frame.attrs, fill, freq, tz, fill_gaps, announce, layout,
                      partial(repeatedrows.hint, frame, rows, layout),
                      holidays, time_unit, (others, unused), counters, labels_only, rows.id_col if key is None else key.parts,
                      reads_last)
    panel.unused, panel.told_none, panel.key = unused, rows.how == indexcolumns.TOLD_NONE, key
    if announce and layout == "single" and (away := rowcounters.counted_from(frame, counters)):  # t = 300..799: not rows'
        log.info("%s", away)
    panel.series_all = layout == "wide" and isinstance(series, str) and series == "all"
    if announce and panel.series_all:  # price and holiday beside the stores: series too, unless given a role
        log.info("%s", every_series_said(rows.ids, rows.columns[rows.n_targets:]))
    panel.dialect = csvdialect.dialect_of(frame)  # forecasts of a file of ';' and 1,5 are written so
    if static_covariates is not None and layout != "single":  # before "not used": a column given twice is refused
        table = statics.table_of(static_covariates, panel.id_col or ID_COLUMN, as_categories=as_categories, shown=key and ", ".join(
            map(repr, key.parts))) if not isinstance(static_covariates, (list, tuple, str)) else None
        table = serieskeys.spread(table, key, "the static table", once=True) if key is not None and table is not None else table
        panel.static = statics.read(table, names(static_covariates) if table is None else [], frame, rows.codes_by_row,
                                    panel, panel.id_col or ID_COLUMN, announce, as_categories, missing_values)
        codedblanks.static(panel, missing_values)  # -999 of a static covariate: missing, not an elevation
    codedblanks.say(unmatched, unmatched and codedsaid.elsewhere(  # "matched no value": not said before a static
        frame, missing_values, panel.unused, rows.ids if layout == "wide" else rows.columns[:rows.n_targets]))  # covariate's code is refused
    if announce and (rest := [c for c in panel.unused if c not in counters]) and not (
            isinstance(features, str) and features == "all"):  # 'all' named its own
        dated = labels.dated_columns(frame, rest) if rows.time_col is None else []
        timed = unread(frame, rest) if rows.time_col is None and rows.how != indexcolumns.TOLD_NONE else None
        usable, text, flat = unusedcolumns.sort_out(frame, rest, [timed[0]] if timed else [])  # said apart
        warn_run(log, unusedcolumns.joined(not_used_note(usable, layout, dated, timed[1] if timed else "", (), frame.attrs),
                                           unusedcolumns.clauses(frame, text, flat, rows.id_col if layout == "long" else None)))
    if announce and isinstance(features, str) and features == "all" and (
            counters := rowcounters.row_counters(frame, rows.columns[rows.n_targets:])):
        warn_run(log, rowcounters.counted_features_note(counters))  # what the run trains on: said once it will run
    return calendarcovariates.add(panel, calendar_covariates, announce, tz)  # hour_sin ... holiday_DE: decision 1983


def _rows(frame, target, features, time_col, future_known, tz, id_col, series, past_covariates, future_covariates,
          static_covariates, dayfirst=None, order=None, key=None, fill=None) -> tuple[Rows, str]:
    """The rows of the table's layout: wide with ``series``, long with an id column (its series in the order of
    ``key``'s values where a key of several columns names them), else single."""
    if series is not None:
        if id_col is not None:
            raise RnncastError("give series= (wide format: one column per series) or id_col= (long format), not both")
        statics.check_layout(static_covariates, "wide", series)  # column names: long data's rows, not wide data's
        rows = wide_rows(frame, series, target, time_col, features, future_known, past_covariates, future_covariates, tz,
                         dayfirst, order, fill)  # fill: named in the refusal of rows appended after them
        layout = "wide"
    elif id_col is not None or ID_COLUMN in frame.columns:
        id_name = str(id_col if id_col is not None else ID_COLUMN)  # id_col=0: an integer label, not "unset"
        rows = long_rows(frame, id_name, target, time_col, features, future_known, past_covariates,
                         future_covariates, static_covariates, tz, dayfirst, order, key.order if key is not None else None)
        layout = "long"
    else:
        statics.check_layout(static_covariates, "single")  # [] is none
        rows = single_rows(frame, target, time_col, features, future_known, past_covariates, future_covariates, tz,
                           dayfirst, order)
        layout = "single"
    return rows, layout

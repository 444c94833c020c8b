"""The one path from a table to a ``Panel``: layouts read, rows sorted and checked, calendar settled.

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

import numpy as np
import pandas as pd

from rnncast import (appendedrows, blanklabels, blankrows, businessdays, businessmonths, calendarnotes, calendars, codedblanks, compactdates, csvdialect, fiscalquarters, fitxy, gaps, gridtimes,
                     halfdays, holidaysets, indexcolumns, labels, repeatedrows, rolenames,
                     rowcounters, rowindex, seriesclocks, seriesholidays, seriesids, serieskeys, sessions, statictext, timeorder, tradingweeks, unusedcolumns, weekmasks, writtenzones, zerotail)
from rnncast import static as statics
from rnncast.allfeatures import every_series_said
from rnncast.clockchanges import preferred
from rnncast.data import ID_COLUMN, as_frame, check_finite, label_text, names, place
from rnncast.fills import fill_panel
from rnncast.errors import RnncastError
from rnncast.layouts import Rows, long_rows, not_used, not_used_note, single_rows, wide_rows
from rnncast.noticed import time_notes, warn_run
from rnncast.panel import Panel
from rnncast.rowseries import row_series
from rnncast.timecalendar import Calendar
from rnncast.timeunread import unread

log = logging.getLogger(__name__)

# ---- reading ----------------------------------------------------------------------------------

def load_panel(data, target=None, features=None, time_col=None, fill: str | None = None, *, future_known: bool = False,
               freq=None, tz: str | None = None, fill_gaps: bool = False, id_col=None, series=None,
               past_covariates=None, future_covariates=None, static_covariates=None, static_categorical=None,
               announce: bool = True,
               dayfirst: bool | None = None, holidays: str | None = None, time_unit: str | None = None,
               index_steps: bool | str = True, missing_values: str | None = None, key=None, labels_only=False) -> Panel:
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
    model read dates such as 01/02/2016 (None at fit: decided from the dates, kept in the calendar). ``labels_only``
    ('fit', 'scored' or False): the target is read as labels alone (``target_input=False``: ``appendedrows``; without
    a fill, the blank ones stood in and left out, ``blanklabels``). Raises ``RnncastError`` naming the column, series and place of any problem.
    """
    if fill_gaps and fill == "drop":
        raise RnncastError("fill_gaps inserts the missing rows and fill 'drop' would remove them again; "
                           "fill them with fill='ffill', 'interpolate' or 'zero'")
    id_col = rolenames.as_list(id_col)  # df.columns[:2], np.array([...]): the list of names they hold
    given = {k: labels.one_tuple_label(data, rolenames.as_list(v), k) for k, v in dict(  # ('a', 'y'): one column; ('a', 'zz'): none
        target=target, features=features, series=series, past_covariates=past_covariates, future_covariates=
        future_covariates, static_covariates=static_covariates, static_categorical=static_categorical).items()}
    fitxy.refuse_values(data, given["target"], time_col)  # fit(X, y): y's values as target=, not names
    labels.check_lists(**given, **({} if isinstance(id_col, (list, tuple)) else {"id_col": id_col}))  # {'a'}, ['A', 'A']
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
    unmatched = codedblanks.blank(rows, missing_values, announce, fill, frame.attrs, layout == "long")  # -999: blank
    rows.dayfirst, rows.text_format = order.get("dayfirst", dayfirst), order.get("text_format")  # as read: new data
    # may be written in the other order than the model's (dayorder.against_model), and its future file so too
    rows.written, rows.clocks = order.get("written"), order.get("clocks")  # times as written: writtenzones, seriesclocks
    rows.given = seriesids.given_index(layout, id_col, frame if isinstance(data, (str, Path)) else data, rows.ids)
    static_names = names(static_covariates) if isinstance(static_covariates, (list, tuple, str)) else []
    unused = not_used(frame, rows, layout, static_names)
    others = appendedrows.others(frame, unused)  # [rows, U] the numbers no role reads
    counters = rowcounters.row_counters(frame, unused) if rows.time_col is None else []  # said with the numbered rows
    panel = _assemble(rows, frame.attrs, fill, freq, tz, fill_gaps, announce, layout,
                      partial(repeatedrows.hint, frame, rows, layout),
                      holidays, time_unit, (others, unused), counters, labels_only, rows.id_col if key is None else key.parts)
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
    codedblanks.say(unmatched)  # "matched no value": not said before a static covariate's code is refused
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
    return panel


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


# ---- checking and storing ---------------------------------------------------------------------

def _assemble(rows: Rows, attrs: dict, fill, freq, tz, fill_gaps: bool, announce: bool, layout: str,
              id_hint=lambda pair=None: "", holidays: str | None = None, time_unit: str | None = None, others=(None, ()),
              counters=(), labels_only=False, parts=None) -> Panel:
    """Sort the rows by (series, time), check them per series, settle the calendar and store the
    series back to back. ``id_hint(pair)``: what a refusal of repeated (``pair``: the two rows) or unsorted times
    adds (rows alike in every column, a column that could be a forgotten id_col), asked only when it refuses. ``others``: the values of the
    columns no role took, and those columns (``appendedrows.refuse``); ``counters``: those that count the rows, said
    with the rows numbered where there is no time; ``parts``: the id column, or a key's columns."""
    codes, values, positions, time = rows.codes, rows.values, rows.positions, rows.time
    if time is None:
        for name, value in (("freq", freq), ("tz", tz), ("fill_gaps", fill_gaps or None), ("holidays", holidays),
                            ("time_unit", time_unit)):
            if value is not None:
                raise RnncastError(f"{name}= applies to a time column, but the data has none (its rows are numbered); "
                                   "name the time column with time_col= (--time-col)")
        if announce:
            log.info("no time column: rows are numbered; %s", rowcounters.numbered_note(list(counters), rows.how == indexcolumns.TOLD_NONE))
        order = np.argsort(codes, kind="stable")  # rows of a series in the order given
    else:
        order = timeorder.order(time, codes, positions, rows, attrs, layout, id_hint)
    if order is not None:
        codes, values, positions = codes[order], values[order], positions[order]
        time = time[order] if time is not None else None
    offsets = _offsets(codes, len(rows.ids))
    if time is not None and rows.text_format is None:  # 201601 under 'period': months where freq names a calendar
        time, rows.text_format = compactdates.counter_dates(time, offsets, freq)
        rows.how = "by its name" if rows.how and rows.text_format else rows.how  # no longer integer periods
    time, freq = calendars.periods_or_stamps(time, freq) if time is not None else (time, freq)  # 1980Q1: text or Period
    where = lambda i: f"{gaps.label(rows, codes[i])}{place(int(positions[i]), attrs)}"  # noqa: E731  rows as now
    time = gridtimes.on_grid(time, offsets, freq, where, rows.text_format, announce) if rows.written is None else time  # jitter
    given = freq is not None  # a calendar given (fit's freq=, a model's) is read as given: gaps.settle
    filled, tail, dropped_time = None, {}, None  # [N, C]: where each filled value's latest source row lies (fills.fill_missing)
    every = list(rows.ids) if rows.given is None else rows.given.tolist()  # the series as the caller gave them
    if fill == "drop" and freq is None and holidays is None and rows.written is None and \
            isinstance(time, pd.DatetimeIndex):  # AAPL, 7203 and SAP side by side: one calendar is no market's
        blankrows.markets_apart(time, offsets, values, rows.columns, every)
    keep = blankrows.kept_first(time, offsets, values, freq) if fill == "drop" and \
        rows.written is None and time is not None else None  # weekend rows blank in business-day data
    if keep is not None:
        appendedrows.refuse(rows, values, time, positions, offsets, attrs, *others, fill, labels_only)  # before any fill
        dropped_time = time
        values, time, positions, offsets, filled, tail = fill_panel(values, time, positions, offsets, rows.columns, every,
                                                                    rows.id_col, fill, attrs, rows.text_format, announce,
                                                                    wide=layout == "wide", inside=False,
                                                                    roles=(rows.n_targets, rows.n_past))
        codes = row_series(offsets)
    off = blankrows.off_given(time, offsets, values, freq, holidays) if keep is None and \
        rows.written is None else None  # freq='B' given over blank weekend rows, whatever the fill: decision 517
    if off is not None:
        dropped_time, codes, values, time, positions = time, codes[off], values[off], time[off], positions[off]
        offsets = _offsets(codes, len(rows.ids))
    half_note = None
    session = sessions.parse(freq)  # '30min 09:30-15:30': its days skip the holidays
    if announce and session is not None and sessions.business_hours(freq) is not None:
        log.info("freq=%r (pandas' business hours) is read as the trading session %r, whose days skip holidays= "
                 "(--holidays) as any session's do", freq, session.freqstr)
    if holidays is not None and time is not None:  # business days (on the week freq names, if any) without them
        dated = rows.written[positions] if rows.written is not None else time  # days as written, not UTC's (below)
        if freq is None:  # the calendar the data follow: Monday to Friday, another week's days or a session's bars
            session, freq = calendars.followed(dated, offsets, where, holidays)
        week = session.week if session is not None else freq
        kind = next((k for k in (businessmonths, tradingweeks) if session is None and k.kind_of(freq)), None)  # BME, W-FRI
        days = kind.given(dated, holidays, freq, where, rows.text_format) if kind else \
            businessdays.given(dated, holidays, where, rows.text_format, weekmasks.week(week), session, panel=len(rows.ids) > 1)
        freq = session.on(days) if session is not None else days
        if session is not None:  # a market's half days close early: their later bars are no steps
            freq, half_note = halfdays.closing(freq, holidays, dated)  # said once the clock is not refused
    if rows.written is not None and isinstance(time, pd.DatetimeIndex):  # read in UTC: refused where that loses the calendar
        written = rows.written[positions]
        calendar, ruler, own = writtenzones.settle(time, offsets, freq, where, not announce, holidays, written,
                                                   preferred(), every)
        if announce:
            log.warning("%s", writtenzones.read_in_utc(rows.time_col, time, written, writtenzones.zones(
                time, written, preferred()), offsets, where, rows.text_format))
    else:
        calendar, ruler, own = seriesclocks.settle(rows, time, offsets, freq, where, not announce, holidays, positions,
                                                   tz, every, parts, attrs.get(labels.GIVEN, {}).get("labels"))  # Tokyo's
        # closes read on Berlin's clock: refused; a coarser freq told a resample line in the caller's labels
    if announce and half_note:
        log.info("calendar: %s", half_note)
    days = calendar.days
    if holidays is None and freq is None and not own and ruler is not None and ruler.missing and \
            businessdays.plain_business(days):  # the weekdays missing are a market's holidays
        explained = businessdays.explain(sessions.opened(time, calendar.freq), offsets, calendar.weekmask,
                                         calendar.freq_text if days is not calendar.freq else None)
        if explained is not None:
            found = calendar.session.on(explained.offset) if calendar.session is not None else explained.offset
            calendar, ruler, own = calendars.settle(time, offsets, found, where, holidays=explained.name)
            holidays = explained.name
            if announce:
                log.warning("calendar: %s", explained)
        elif calendar.session is None and (apart := seriesholidays.settle(time, offsets, calendar, where, every)) is not None:
            calendar, ruler, own = apart  # stores in two countries: each series skips its own holidays
            if announce:
                log.warning("%s", seriesholidays.said(own, calendar, every, time, offsets, rows.text_format,
                                                      not fill_gaps))
    calendar = Calendar(calendar.kind, calendar.freq, calendar.tz, rows.time_col, rows.dayfirst, rows.text_format,
                        holidaysets.canonical(holidays) if holidays is not None else calendar.holidays, calendar.kept,
                        calendar.remedy)
    if announce:  # the blank rows dropped, the time column and calendar found, series off it
        calendarnotes.said(rows, calendar, own, every, time, offsets, where, keep, off, dropped_time,
                           attrs)  # the index's columns; a key's pandas line: store 2, item 'A'
    if ruler is not None and ruler.missing:
        values, time, positions, offsets = gaps.settle(rows, codes, values, time, positions, offsets, ruler,
                                                       calendar if not own else None, fill, fill_gaps, announce, attrs, given,
                                                       (calendar, own) if own else None)
    values, time, positions, offsets, zero_tail = zerotail.extend(rows, values, time, positions, offsets, calendar if not own else None,
                                                                  fill, announce, attrs, layout == "wide")  # zero fill: no sale up to the panel's end
    if labels_only and fill is None:  # a model of the features alone: its blank labels left out (blanklabels)
        values, filled = blanklabels.stand_in(values, offsets, rows.n_targets)
    zeroed = None  # the targets zero fill writes 0 for: scored as observed, said in the forecast tables
    if np.isnan(values).any():
        appendedrows.refuse(rows, values, time, positions, offsets, attrs, *others, fill, labels_only)  # before any fill
        appendedrows.future(rows, values, time, positions, offsets, attrs, fill, labels_only)  # dated blank rows: decision 1475
        zeroed = np.isnan(values[:, : rows.n_targets]) if fill == "zero" else None
        values, time, positions, offsets, filled, tail = fill_panel(values, time, positions, offsets, rows.columns,
                                                                    every, rows.id_col, fill, attrs, rows.text_format,
                                                                    announce, wide=layout == "wide",
                                                                    roles=(rows.n_targets, rows.n_past),
                                                                    told=zerotail.appended(offsets, zero_tail))
    check_finite(values, rows.columns, positions, attrs)
    return Panel(values, offsets, rows.ids, rows.columns, rows.n_targets, rows.n_past, time, calendar,
                 rows.id_col if layout != "single" else None, None, layout, own, filled, tail, given=rows.given,
                 row_numbers=positions if layout == "wide" and time is None else None,  # a wide table's rows: shared
                 written_offsets=writtenzones.by_wall(rows.time, rows.written) if tz is None else None, zero_tail=zero_tail,
                 zeroed=zeroed if zeroed is not None and zeroed.any() else None)


def _offsets(codes: np.ndarray, n_series: int) -> np.ndarray:
    """[S + 1] int64: where each of ``n_series`` series begins among rows sorted by series (``codes`` [N]), then N."""
    return np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=n_series))]).astype(np.int64)

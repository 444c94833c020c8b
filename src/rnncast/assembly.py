"""The rows of a table's layout (``layouts.Rows``) made a checked ``Panel``: sorted by (series, time), checked per
series (times repeated or out of order refused by name), the calendar settled (given, followed or inferred; holidays
and trading sessions; a zone read in UTC), blank rows dropped and gaps settled or filled, and the series stored back
to back. ``loading.load_panel`` reads the table and calls ``assemble`` once.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import (appendedrows, blanklabels, blankrows, businessdays, businessmonths, calendarnotes, calendars, droppedtail,
                     holidaysfollowed,
                     compactdates, earlyblanks, gaps, gridtimes, halfdays, holidaysets, indexcolumns, labels, raggedtargets,
                     rowcounters, seriesclocks, seriesholidays, sessions, timeorder, tradingweeks, weekmasks, wordtimes, writtenzones,
                     zerotail)
from rnncast.clockchanges import preferred
from rnncast.data import place
from rnncast.numbercolumns import check_finite
from rnncast.errors import RnncastError
from rnncast.fills import fill_panel
from rnncast.layouts import Rows
from rnncast.panel import Panel
from rnncast.rowseries import row_series
from rnncast.timecalendar import Calendar

log = logging.getLogger("rnncast.loading")  # said as the loader's lines, as before they moved (loading.py)


def assemble(rows: Rows, attrs: dict, fill, freq, tz, fill_gaps: bool, announce: bool, layout: str,
              id_hint=lambda pair=None, reset=False: "", holidays: str | None = None, time_unit: str | None = None,
              others=(None, ()), counters=(), labels_only=False, parts=None, reads_last: int | None = None) -> Panel:
    """Sort the rows by (series, time), check them per series, settle the calendar and store the
    series back to back. ``id_hint(pair)``: what a refusal of repeated (``pair``: the two rows) or unsorted times
    adds (rows alike in every column, a column that could be a forgotten id_col; ``reset=True``: of a clock reset),
    asked only when it refuses. ``others``: the values of the
    columns no role took, and those columns (``appendedrows.refuse``); ``counters``: those that count the rows, said
    with the rows numbered where there is no time; ``parts``: the id column, or a key's columns; ``reads_last``
    (predict's lookback): a model without a fill leaves out the rows with blanks before each series' last rows
    (``earlyblanks``), not refused. Returns the
    ``Panel`` (values [N, C] of the S series back to back, offsets [S + 1]); raises ``RnncastError`` naming the
    series, the column and the row where the rows, their times or the calendar are refused."""
    codes, values, positions, time = rows.codes, rows.values, rows.positions, rows.time
    if time is None:
        for name, value in (("freq", freq), ("tz", tz), ("fill_gaps", fill_gaps or None), ("holidays", holidays),
                            ("time_unit", time_unit)):
            if value is not None:
                raise RnncastError(f"{name}= applies to a time column, but the data has none (its rows are numbered); "
                                   "name the time column with time_col= (--time-col)")
        if announce:
            log.info("no time column: rows are numbered; %s", rowcounters.numbered_note(list(counters), rows.how == indexcolumns.TOLD_NONE))
            if rows.how != indexcolumns.TOLD_NONE:  # Unix times or years under a name saying nothing (decision 2242)
                for line in _unnamed(rows, others, counters):
                    log.warning("%s", line)
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
                                                                    roles=(rows.n_targets, rows.n_past), tail_said=False)
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
            session, freq = holidaysfollowed.followed(dated, offsets, where, holidays, every)
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
    if keep is not None:  # closed hours dropped at the end: the next step may lie after them (decision 1915)
        tail = droppedtail.settled(tail, lambda s: own.get(rows.ids[s], calendar), announce)
    if announce:  # the blank rows dropped, the time column and calendar found, series off it
        calendarnotes.said(rows, calendar, own, every, time, offsets, where, keep, off, dropped_time,
                           attrs, given)  # the index's columns; a key's pandas line: store 2, item 'A'
    if ruler is not None and ruler.missing:
        values, time, positions, offsets = gaps.settle(rows, codes, values, time, positions, offsets, ruler,
                                                       calendar if not own else None, fill, fill_gaps, announce, attrs, given,
                                                       (calendar, own) if own else None)
    values, time, positions, offsets, zero_tail = zerotail.extend(rows, values, time, positions, offsets, calendar if not own else None,
                                                                  fill, announce, attrs, layout == "wide")  # zero fill: no sale up to the panel's end
    if labels_only:  # a model of the features alone: its blank labels left out (blanklabels); a fill fills the
        values, filled = blanklabels.stand_in(values, offsets, rows.n_targets)  # features alone (decision 2178)
    if fill is None and layout == "single" and (reads_last is None or np.isnan(values[-reads_last:]).any()) and (
            ragged := raggedtargets.refusal(values, time, rows.columns, rows.n_targets, attrs, rows.text_format,
                                                 positions)):
        raise RnncastError(ragged)  # target columns of their own spans (decision 1988), unless predict reads none
    kept = None if fill is not None else earlyblanks.unread(values, offsets, reads_last, time)  # decision 1986
    if kept is not None:
        earlyblanks.say(values, kept, offsets, reads_last, time, positions, attrs, rows.text_format, rows.columns, every,
                        layout)  # blanks before the rows predict reads: left out, as rows missing there are
        values, time, positions, filled = values[kept], time[kept], positions[kept], None if filled is None else filled[kept]
        offsets = _offsets(row_series(offsets)[kept], len(rows.ids))
    zeroed = None  # the targets zero fill writes 0 for: scored as observed, said in the forecast tables
    if np.isnan(values).any():
        appendedrows.refuse(rows, values, time, positions, offsets, attrs, *others, fill, labels_only)  # before any fill
        appendedrows.future(rows, values, time, positions, offsets, attrs, fill, labels_only)  # dated blank rows: decision 1475
        zeroed = np.isnan(values[:, : rows.n_targets]) if fill == "zero" else None
        stood = filled if fill != "drop" or filled is None else filled[~np.isnan(values).any(axis=1)]  # the rows kept
        values, time, positions, offsets, filled, tail = fill_panel(values, time, positions, offsets, rows.columns,
                                                                    every, rows.id_col, fill, attrs, rows.text_format,
                                                                    announce, wide=layout == "wide",
                                                                    roles=(rows.n_targets, rows.n_past),
                                                                    told=zerotail.appended(offsets, zero_tail))
        if stood is not None:  # the labels stood in for, beside the features' fill (decision 2178)
            filled = stood if filled is None else np.where(stood == blanklabels.MARK, stood, filled).astype(np.int32)
    check_finite(values, rows.columns, positions, attrs)
    return Panel(values, offsets, rows.ids, rows.columns, rows.n_targets, rows.n_past, time, calendar,
                 rows.id_col if layout != "single" else None, None, layout, own, filled, tail, given=rows.given,
                 row_numbers=positions if layout == "wide" and time is None else None,  # a wide table's rows: shared
                 written_offsets=writtenzones.by_wall(rows.time, rows.written) if tz is None else None, zero_tail=zero_tail,
                 zeroed=zeroed if zeroed is not None and zeroed.any() else None,
                 blanks_left_out=0 if kept is None else int((~kept).sum()))


def _offsets(codes: np.ndarray, n_series: int) -> np.ndarray:
    """[S + 1] int64: where each of ``n_series`` series begins among rows sorted by series (``codes`` [N]), then N."""
    return np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=n_series))]).astype(np.int64)


def _unnamed(rows: Rows, others, counters) -> list[str]:
    """``wordtimes.unnamed``'s warnings of the covariates (past the targets) and of the columns no role took."""
    n = rows.n_targets
    lines = wordtimes.unnamed(rows.columns[n:], rows.values[:, n:], rows.codes, counters)
    if others[0] is not None:
        lines += wordtimes.unnamed(list(others[1]), others[0], rows.codes_by_row, counters)
    return lines

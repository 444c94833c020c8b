"""What ``load_panel`` says of the time it read, once the calendar is settled: the blank rows fill 'drop' or a given
calendar removed, the time column (how it was found) and the calendar (each series' where they differ), a clock
drifting off its step, a zone's week read in UTC, and series whose times no calendar settles.
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast import (blankrows, calendars, clockdrift, fiscalquarters, indexcolumns, offcalendar, seriesanchors, timetext,
                     zoneclock)
from rnncast.data import KEY_DTYPES
from rnncast.spelling import spelled
from rnncast.timecalendar import by_series

log = logging.getLogger("rnncast.loading")  # said as the loader's lines, as before they moved (loading.py)


def said(rows, calendar, own: dict, every: list, time, offsets, where, keep, off, dropped, attrs=None,
         given: bool = True) -> None:
    """Say at fit (``announce``) what the loader settled: ``rows`` (``layouts.Rows``) read onto ``calendar`` (``own``:
    each series' calendar where they differ) for the series ``every`` as given, ``time`` [N] over ``offsets`` [S + 1];
    ``keep``, ``off``: the rows ``blankrows`` kept of ``dropped`` (the times before), or None; ``where``: a row's place;
    ``attrs``: the table's (``data.as_frame``'s: the index's columns, a key's dtypes); ``given``: whether freq= named
    the calendar (else quarter text read as calendar quarters is said so, ``calendar_quarters``)."""
    attrs = attrs or {}
    if keep is not None:
        log.info("%s", blankrows.said(dropped, keep, calendar.shown if not own else "of each series (above)",
                                      rows.text_format))
    if off is not None:
        log.info("%s", blankrows.said_off(dropped, off, calendar.shown, rows.text_format))
    if time is not None:
        source, how = time_source(rows.time_col, rows.how, attrs)
        found = f" (found {how}; name another with time_col=, --time-col)" if how else ""
        read_as = (f"calendars differ by series: {by_series(calendar, {every[s]: c for s, c in own.items()}, every)}"
                   if own else f"calendar {calendar.shown}{calendars.weekdays(time, offsets, calendar, every)}")  # every series named
        log.info("time: %s%s, %s", source, found, read_as)
        if not given and (quarters := calendar_quarters(rows.time_col, rows.text_format, time)) is not None:
            log.info("%s", quarters)
        if own:  # one grain on two anchors: 'MS' beside 'ME' (decision 2122)
            seriesanchors.warn(calendar, own, every, rows.time_col)
        for line in clockdrift.said(calendar, own, every, time, offsets, rows.time_col, rows.id_col,
                                    attrs.get(KEY_DTYPES)):  # 3602s: no calendar
            log.warning("%s", line)
        if not own and (zone := zoneclock.week_clock(time, calendar.weekmask)) is not None:  # Tokyo's days in UTC
            log.warning("%s", zoneclock.week_hint(time, zone, calendar.weekmask))
        if len(every) > 1 and isinstance(time, pd.DatetimeIndex) and (own or len(every) <= calendars.MAX_OWN_CALENDARS):
            undated = [s for s in range(len(every)) if own.get(s, calendar).freq is None]  # settle said nothing of them
            for line in offcalendar.unsettled(time, offsets, undated, where, every.__getitem__, rows.text_format,
                                              [own.get(s, calendar) for s in range(len(every))]):
                log.warning("%s", line)


def time_source(time_col, how, attrs: dict) -> tuple[str, str | None]:
    """Where the time line says the time came from, and how it was found (``layouts.Rows.how``): "column 'date'", or
    the index it was (``indexcolumns.INDEX_NAMES``: "the index 'month'"; "the data's unnamed index, read as 'ds'",
    found by its type or its integer steps, not by the name rnncast gave it), decision 1548."""
    given = attrs.get(indexcolumns.INDEX_NAMES) or {}
    if time_col not in given:
        return f"column {time_col!r}", how
    if attrs.get(indexcolumns.INDEX_FILE):  # a Parquet file's index (decision 1596)
        return indexcolumns.shown(time_col, attrs), how
    if given[time_col] is not None:
        return f"the index {time_col!r}", how
    if how == indexcolumns.HOW:
        how = "by its integer steps"
    elif attrs.get(indexcolumns.INDEX_TIME) == time_col and how is not None:
        how = "by its type"  # a DatetimeIndex or PeriodIndex, whatever 'ds' says
    return f"the data's unnamed index, read as {time_col!r}", how


def calendar_quarters(name, fmt: str | None, time) -> str | None:
    """The line that says quarter text read without freq= (``2016Q1``, as a PeriodIndex writes its quarters) was read as
    calendar quarters, and the freq that reads it as a fiscal year's instead: a ``Q-MAR`` PeriodIndex writes its
    quarters the same way, ``2016Q1`` for April to June 2015 (decision 2104); None for any other time."""
    if not timetext.is_quarters(fmt) or not isinstance(time, pd.DatetimeIndex) or not len(time) or time.hasnans:
        return None
    first = timetext.shown(time[0], time, fmt)
    fiscal = fiscalquarters.span(first, "QE-MAR")
    return (f"time: quarters read as calendar quarters, as pandas reads {first!r} ({time[0]:%B} to "
            f"{time[0] + pd.offsets.QuarterEnd():%B %Y}); pandas writes a fiscal year's alike"
            + (f" (a Q-MAR PeriodIndex writes {fiscal} as {first!r})" if fiscal else "")
            + f": for fiscal quarters give the month the year ends in, {spelled('freq', 'QE-MAR')} (or pandas' "
            "Period alias Q-MAR) for years ending in March, QE-JUN, QE-SEP ...")

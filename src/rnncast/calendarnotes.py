"""What ``load_panel`` says of the time it read, once the calendar is settled: the blank rows fill 'drop' or a given
calendar removed, the time column (how it was found) and the calendar (each series' where they differ), a clock
drifting off its step, a zone's week read in UTC, and series whose times no calendar settles.
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast import blankrows, calendars, clockdrift, offcalendar, zoneclock
from rnncast.timecalendar import by_series

log = logging.getLogger("rnncast.loading")  # said as the loader's lines, as before they moved (loading.py)


def said(rows, calendar, own: dict, every: list, time, offsets, where, keep, off, dropped, dtypes=None) -> None:
    """Say at fit (``announce``) what the loader settled: ``rows`` (``layouts.Rows``) read onto ``calendar`` (``own``:
    each series' calendar where they differ) for the series ``every`` as given, ``time`` [N] over ``offsets`` [S + 1];
    ``keep``, ``off``: the rows ``blankrows`` kept of ``dropped`` (the times before), or None; ``where``: a row's place."""
    if keep is not None:
        log.info("%s", blankrows.said(dropped, keep, calendar.shown if not own else "of each series (above)",
                                      rows.text_format))
    if off is not None:
        log.info("%s", blankrows.said_off(dropped, off, calendar.shown, rows.text_format))
    if time is not None:
        found = f" (found {rows.how}; name another with time_col=, --time-col)" if rows.how else ""
        read_as = (f"calendars differ by series: {by_series(calendar, {every[s]: c for s, c in own.items()}, every)}"
                   if own else f"calendar {calendar.shown}{calendars.weekdays(time, offsets, calendar, every)}")  # every series named
        log.info("time: column %r%s, %s", rows.time_col, found, read_as)
        for line in clockdrift.said(calendar, own, every, time, offsets, rows.time_col, rows.id_col, dtypes):  # 3602s: no calendar
            log.warning("%s", line)
        if not own and (zone := zoneclock.week_clock(time, calendar.weekmask)) is not None:  # Tokyo's days in UTC
            log.warning("%s", zoneclock.week_hint(time, zone, calendar.weekmask))
        if len(every) > 1 and isinstance(time, pd.DatetimeIndex) and (own or len(every) <= calendars.MAX_OWN_CALENDARS):
            undated = [s for s in range(len(every)) if own.get(s, calendar).freq is None]  # settle said nothing of them
            for line in offcalendar.unsettled(time, offsets, undated, where, every.__getitem__, rows.text_format,
                                              [own.get(s, calendar) for s in range(len(every))]):
                log.warning("%s", line)

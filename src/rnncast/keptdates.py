"""The dates of forecasts of a model whose timestamps no calendar explains but one that all but a few rows keep
(``timecalendar.Kept``, found at fit by ``offcalendar.most_kept``; decision 682): month-end closes moved by holidays,
5-minute readings a few seconds late. Forecasts follow the data's last timestamp on that calendar; where the last row
is off it (a late reading, a month to date), they follow the calendar's point nearest it, the point the row stands for.
All calendar arithmetic is ``Calendar.next``'s (pandas')."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.noticed import first_time
from rnncast.offcalendar import walk
from rnncast.timecalendar import Calendar
from rnncast.timetext import shown

log = logging.getLogger(__name__)

TAIL = 60  # the last rows of a series that place its end on the calendar
MOST = 5  # of which at most this many may be off it (as at fit: offcalendar.most_kept)
SERIES_SAID = 5  # a panel's series each keeping its own such calendar: the first this many are said, one line each


def following(calendar: Calendar, time: pd.DatetimeIndex, horizon: int, said: set | None = None, fmt=None,
              one: bool = True, series: str | None = None) -> pd.DatetimeIndex:
    """The ``horizon`` dates after a series whose timestamps are ``time`` [n] on ``calendar.kept``'s calendar,
    said once per model and series (``said``: ``FittedState.said``; the first ``SERIES_SAID`` series of a panel) in a
    warning naming that calendar, how many of fit's rows keep it and those off it; ``one``: the data is one series
    (else each series' end is meant); ``series``: the series (as given) whose own calendar it is, one of a panel. Raises ``RnncastError`` where the series' last rows
    keep that calendar no more than a few (``MOST``) rows off it."""
    kept, last = calendar.kept, time[-1]
    on = kept.calendar
    end = _end(on, time)
    start = last if end is None else end
    dates = on.next(start, horizon)
    if series is not None and said is not None and sum(k[0] == "kept calendar" for k in said) >= SERIES_SAID:
        return dates  # the first few series' own warnings said; the rest would repeat them (model.json keeps each)
    if first_time(said, "kept calendar", series):  # each series keeping its own such calendar said, up to a few
        off = f" (off it: {', '.join(kept.off)})" if kept.off else ""
        whose = "the data's last timestamp" if one else "its last timestamp" if series else "each series' last timestamp"
        when = (f"from {whose} {shown(last, time, fmt)}" if end is None else
                f"from {shown(end, time, fmt)}, the point on it nearest {whose} {shown(last, time, fmt)} (off it)")
        log.warning("forecasts%s are dated on the calendar %s that %d of %s %d rows at fit keep%s, %s",
                    f" of series {series!r}" if series else "", on.shown, kept.rows, "its" if series else "the",
                    kept.of, off, when)
    return dates


def _end(on: Calendar, time: pd.DatetimeIndex):
    """None where the series' last timestamp keeps the calendar ``on``; else the point of ``on`` nearest it (the
    earlier where two are as near), no earlier than its last row on the calendar. Placed by its last ``TAIL`` rows,
    a few (``MOST``) of them off the calendar, the first ones left out where they are."""
    tail = time[-TAIL:]
    for first in range(MOST + 1):
        walked = walk(tail[first:], np.array([0, len(tail) - first]), on.freq, MOST - first) \
            if len(tail) - first > 1 else None
        if walked is not None:
            break
    else:
        raise RnncastError(f"the last rows of the data given do not keep the calendar {on.shown} that the model dates "
                           f"its forecasts on (more than {MOST} of the last {len(tail)} rows are off it), so they "
                           "cannot be dated; give data whose timestamps keep it, or fit again with freq= (--freq) "
                           "naming the calendar they keep")
    off = walked[0]
    if len(tail) - first - 1 not in off:
        return None
    anchor = tail[first:][max(set(range(len(tail) - first)) - set(off))]  # the last row on the calendar
    count = 1
    while (points := on.next(anchor, count))[-1] <= time[-1]:  # the calendar's points up to the first after it
        count *= 2
    before = pd.DatetimeIndex([anchor]).append(points[points <= time[-1]]).max()
    after = points[points > time[-1]][0]
    return before if time[-1] - before <= after - time[-1] else after

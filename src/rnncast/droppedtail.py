"""Rows fill 'drop' removed at a series' end: whether a forecast from the rows kept would be dated inside the data.

A file written round the clock, blank in the closed hours, and fitted with ``--fill drop`` (the route decisions
1791/1792 advise) ends in the closed hours it drops: Saturday 12:30 kept, Saturday 13:00 to Sunday 23:30 dropped. On
the session calendar the rows kept follow, the next step after Saturday 12:30 is Tuesday 08:00 (Monday a holiday),
after every row dropped: the forecast is dated after the data, not inside it, and predict forecasts it (decision
1915). Where the next step is not later than the last row dropped (a daily series whose last days are blank), the
forecast would be dated inside the data: fit warns, predict refuses (``fills._dropped``' tail, ``forecasting``).
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)


def beyond(calendar, kept, dropped) -> bool:
    """Whether ``calendar``'s (a ``timecalendar.Calendar``) next step after ``kept`` (the last row kept) is later than
    ``dropped`` (the last row dropped); False where either time is unknown or no calendar dates that step."""
    if calendar is None or kept is None or dropped is None or getattr(calendar, "freq", None) is None:
        return False
    try:
        step = calendar.next(kept, 1)[0]
        return bool(pd.Timestamp(step) > pd.Timestamp(dropped))
    except (RnncastError, TypeError, ValueError):  # no calendar, or times of two kinds: not shown to be after
        return False


def inside(tail: dict, calendar_of) -> dict:
    """``tail`` (``{series: (rows, last shown, said, last dropped, last kept)}``, ``fills._dropped``') without the
    series whose next step (``calendar_of(s)``: the calendar series ``s`` is dated on) lies after its rows dropped."""
    return {s: t for s, t in tail.items() if not (len(t) > 4 and beyond(calendar_of(s), t[4], t[3]))}


def warn(moved: list) -> None:
    """fit's warning of rows dropped at series' ends after which a forecast would be dated inside the data: ``moved``,
    per such series ``(rows, span, verb, kept_last)`` as ``fills._dropped`` words them (the first named)."""
    if not moved:
        return
    (rows, span, verb, kept_last), more = moved[0], len(moved) - 1
    log.warning("fill 'drop' removed %s (%s), which hold%s missing values%s: the cutoff (the last time the model sees) is no longer the "
                "data's end%s, so the model learns from the rows up to it and a forecast from this data would be "
                "dated inside the data (predict refuses it); fill them in, or give --fill ffill|interpolate|zero (fill= "
                "in Python)", rows, span, verb, f", and rows at the end of {more} more series" if more else "",
                kept_last)


def settled(tail: dict, calendar_of, announce: bool) -> dict:
    """The rows dropped at series' ends once the calendar is known (``calendar_of(s)``): those after whose last row
    kept the next step still lies inside the data, warned of (``warn``) where ``announce``; the others (closed hours
    dropped) said nothing of. Returns ``inside``'s ``tail``."""
    left = inside(tail, calendar_of)
    if announce:
        warn([t[2] for t in left.values() if len(t) > 2])
    return left

"""Business days of a panel whose series skip different holidays: stores in the US and in Japan, each closed on
its own country's days. No one holiday set explains the panel's missing weekdays (``businessdays.explain``), so
the US store was forecast on Christmas Day. Here each series is explained alone: where every series that misses
weekdays is explained by a set, each keeps its own calendar (``Panel.calendars``, as a weekly series among daily ones
does), and is forecast on it.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from rnncast import businessdays, calendars
from rnncast.rulers import Combined
from rnncast.timecalendar import Calendar


def settle(time: pd.DatetimeIndex, offsets: np.ndarray, calendar: Calendar, where):
    """``(base, ruler, own)`` for the stacked times [N] of series cut at ``offsets`` [S + 1] (each sorted) on the
    business days of ``calendar`` where each series' missing weekdays are one holiday set's (a series that misses
    none, or whose missing weekdays no set explains, keeps ``calendar``, its gaps said as gaps): ``base`` the
    commonest series calendar, ``ruler`` their ``rulers.Combined``, ``own`` {series: Calendar} of those whose
    calendar is not ``base``; None where no set explains any series, or one set explains every series (the panel's
    own inference finds that), or the panel holds more than ``calendars.MAX_OWN_CALENDARS`` series. ``where(i)``:
    row ``i`` named for a refusal."""
    if not 3 <= len(offsets) <= calendars.MAX_OWN_CALENDARS + 1:  # each series is explained alone: a few hundred
        return None  # at most, as series are settled one by one elsewhere (calendars._own_calendars)
    each, rulers = [], {}
    for s in range(len(offsets) - 1):
        piece = time[offsets[s]:offsets[s + 1]]
        cut = np.array([0, len(piece)])
        explained = businessdays.explain(piece, cut, calendar.weekmask) if len(piece) > 1 else None
        found = explained.offset if explained is not None else calendar.freq
        own, ruler, _ = calendars.settle(piece, cut, found, lambda i, s=s: where(offsets[s] + i), quiet=True,
                                         holidays=explained.name if explained is not None else None)
        if ruler is None:
            return None
        each.append(Calendar("datetime", found, calendar.tz, calendar.name,
                             holidays=explained.name if explained is not None else None))
        rulers[s] = ruler
    sets = {c.holidays for c in each} - {None}
    if not sets or (len(sets) == 1 and all(c.holidays is not None for c in each)):
        return None  # no set explains a series, or one set explains every series: the panel's own inference
    base = Counter(each).most_common(1)[0][0]
    return base, Combined(offsets, None, rulers), {s: c for s, c in enumerate(each) if c != base}


def said(own: dict, base: Calendar, ids: list) -> str:
    """"calendars differ by series: business days without NYSE holidays ('US1', ...), without JP holidays ('JP1')"."""
    by: dict = {}
    for s in range(len(ids)):
        by.setdefault(own.get(s, base).shown, []).append(repr(ids[s]))
    return "calendars differ by series, each skipping its own holidays: " + "; ".join(
        f"{shown} ({', '.join(names[:3])}{' and more' if len(names) > 3 else ''})" for shown, names in by.items())

"""Business days of a panel whose series skip different holidays: stores in the US and in Japan, each closed on
its own country's days. No one holiday set explains the panel's missing weekdays (``businessdays.explain``), so
the US store was forecast on Christmas Day. Here each series is explained alone: where every series that misses
weekdays is explained by a set, each keeps its own calendar (``Panel.calendars``, as a weekly series among daily ones
does), and is forecast on it. A series whose missing weekdays several sets explain alike, sets that differ after
the data (XETR and ECB's TARGET days on 2024-12-24), is refused by name, as a one-series fit is, with advice that
works for a panel: ``holidays=`` names one set for every series.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from rnncast import businessdays, calendars, nearholidays, panelholidays, subdivholidays
from rnncast.errors import RnncastError
from rnncast.holidaysets import offset, wall_days, weekday_holidays
from rnncast.rulers import Combined
from rnncast.spelling import counted, listing, some
from rnncast.timecalendar import Calendar


def settle(time: pd.DatetimeIndex, offsets: np.ndarray, calendar: Calendar, where, ids=None):
    """``(base, ruler, own)`` for the stacked times [N] of series cut at ``offsets`` [S + 1] (each sorted) on the
    business days of ``calendar`` where each series' missing weekdays are one holiday set's (a series that misses
    none, or whose missing weekdays no set explains, keeps ``calendar``, its gaps said as gaps): ``base`` the
    commonest series calendar, ``ruler`` their ``rulers.Combined``, ``own`` {series: Calendar} of those whose
    calendar is not ``base``; None where no set explains any series, or one set explains every series (the panel's
    own inference finds that), or the panel holds more than ``calendars.MAX_OWN_CALENDARS`` series. ``where(i)``:
    row ``i`` named for a refusal. ``RnncastError`` naming the series (``ids``: each one's id as given; positions
    otherwise) whose missing weekdays sets explain alike that differ after the data (``refused``)."""
    if not 3 <= len(offsets) <= calendars.MAX_OWN_CALENDARS + 1:  # each series is explained alone: a few hundred
        return None  # at most, as series are settled one by one elsewhere (calendars._own_calendars)
    each, rulers, unsettled = [], {}, {}
    for s in range(len(offsets) - 1):
        piece = time[offsets[s]:offsets[s + 1]]
        cut = np.array([0, len(piece)])
        explained = businessdays.explain(piece, cut, calendar.weekmask, refuse=False) if len(piece) > 1 else None
        if explained is None and len(piece) > 1:  # a state's holidays: a warehouse in Bavaria (decision 2108)
            explained = _subdivision(piece, cut, calendar.weekmask)
        if explained is not None and explained.differs is not None:
            unsettled[s] = explained  # refused below, every such series named
            explained = None
        found = explained.offset if explained is not None else calendar.freq
        own, ruler, _ = calendars.settle(piece, cut, found, lambda i, s=s: where(offsets[s] + i), quiet=True,
                                         holidays=explained.name if explained is not None else None)
        if ruler is None and not unsettled:
            return None
        each.append(Calendar("datetime", found, calendar.tz, calendar.name,
                             holidays=explained.name if explained is not None else None))
        rulers[s] = ruler
    if unsettled:
        raise RnncastError(refused(time, offsets, unsettled, each, ids or [str(s) for s in range(len(offsets) - 1)],
                                   calendar.weekmask))
    sets = {c.holidays for c in each} - {None}
    if not sets or (len(sets) == 1 and all(c.holidays is not None for c in each)):
        return None  # no set explains a series, or one set explains every series: the panel's own inference
    base = Counter(each).most_common(1)[0][0]
    return base, Combined(offsets, None, rulers), {s: c for s, c in enumerate(each) if c != base}


def _subdivision(piece: pd.DatetimeIndex, cut: np.ndarray, weekmask: str | None):
    """``businessdays.Explained`` of one series' times [n] whose missing weekdays are exactly a subdivision's holidays
    (``subdivholidays.adopted``: DE-BW, which DE-BY keeps alike), which no set ``businessdays.explain`` tries holds;
    None where none is."""
    days = wall_days(piece)
    missing = businessdays.missing_weekdays(days, cut, weekmask)
    found = subdivholidays.adopted(days, missing, weekmask)
    if found is None:
        return None
    return businessdays.Explained(found[0], offset(found[0], weekmask), len(missing), found[1],
                                  int(str(days[-1])[:4]) + businessdays.AHEAD, weekmask)


def said(own: dict, base: Calendar, ids: list, time=None, offsets=None, fmt: str | None = None,
         gaps_said: bool = False) -> str:
    """"calendars differ by series: business days without NYSE holidays ('US1', ...), without JP holidays ('JP1')";
    with the times [N] (cut at ``offsets`` [S + 1], written as ``fmt``), the first series that keeps plain business
    days but one set all but explains (``nearholidays``: a vendor's row on Memorial Day) is named, with what lets it
    keep that set; where the gap warning follows (``gaps_said``) and names that set for it (``panelholidays``, with
    the days left over as gaps and what fills them), it is referred to instead, the set advised once."""
    by: dict = {}
    for s in range(len(ids)):
        calendar = own.get(s, base)
        shown = calendar.shown
        if calendar.holidays is not None and "-" in calendar.holidays and time is not None:
            shown += _alike(time[offsets[s]:offsets[s + 1]], calendar)  # DE-BW, of DE-BW and DE-BY (decision 2108)
        by.setdefault(shown, []).append(repr(ids[s]))
    text = "calendars differ by series, each skipping its own holidays: " + "; ".join(
        f"{shown} ({', '.join(names[:3])}{' and more' if len(names) > 3 else ''})" for shown, names in by.items())
    for s in range(len(ids) if time is not None else 0):
        calendar = own.get(s, base)
        if calendar.holidays is None and businessdays.plain_business(calendar.freq):
            piece = time[offsets[s]:offsets[s + 1]]
            found = nearholidays.near(piece, np.array([0, len(piece)]), calendar.weekmask)
            if found is not None and gaps_said and _gap_warned(own, base, len(ids), time, offsets, s, found.name):
                return f"{text}; series {ids[s]!r} misses mostly {found.name} holidays: the gap warning says what to give"
            if found is not None:
                sets = [own.get(t, base).holidays for t in range(len(ids))]
                keepers = [repr(ids[t]) for t, n in enumerate(sets) if n == found.name] \
                    if all(n in (None, found.name) for n in sets) else None
                return f"{text}; series {ids[s]!r}: {nearholidays.said(found, piece, fmt, True, keepers)}"
    return text


def _alike(piece: pd.DatetimeIndex, calendar: Calendar) -> str:
    """", which DE-BY keeps alike": the other subdivisions whose holidays are the same missing weekdays of one series'
    times [n] and the same days for ``businessdays.AHEAD`` years after them (``subdivholidays.adopted``); the first is
    kept, as one series' gap warning names it first (decision 2108); "" where none is."""
    days = wall_days(piece)
    found = subdivholidays.adopted(days, businessdays.missing_weekdays(days, np.array([0, len(piece)]),
                                                                       calendar.weekmask), calendar.weekmask)
    if found is None or found[0] != calendar.holidays or not found[1]:
        return ""
    return f", which {listing(list(found[1]))} keep{'s' if len(found[1]) == 1 else ''} alike"


def _gap_warned(own: dict, base: Calendar, n: int, time, offsets, s: int, name: str) -> bool:
    """Whether the gap warning (``gaps._warn_gaps``, through ``panelholidays.hint``) names set ``name`` for series
    ``s`` of the ``n``."""
    sets = [c.holidays if c.holidays is not None else None if businessdays.plain_business(c.freq) else ""
            for c in (own.get(t, base) for t in range(n))]
    found = panelholidays.first(time, offsets, sets)
    return found is not None and (found.series, found.name) == (s, name)


def refused(time: pd.DatetimeIndex, offsets: np.ndarray, unsettled: dict, each: list, ids: list,
            weekmask: str | None = None) -> str:
    """The refusal of the series ``unsettled`` {series: businessdays.Explained with ``differs``}: which sets explain
    their missing weekdays alike and where they differ, the sets the other series keep (``each`` [S] their
    calendars), and what to give: the one set no row of the panel falls on, where one is among them, else a
    panel of their own with ``holidays=``, or freq='B' for every series."""
    first = next(iter(unsettled.values()))
    alike = [s for s, e in unsettled.items() if (e.name, e.alike) == (first.name, first.alike)]
    names = [first.name, *first.alike]
    series = _names(alike, ids)
    others = {}
    for s, c in enumerate(each):
        if s not in unsettled and c.holidays is not None:
            others.setdefault(c.holidays, []).append(s)
    kept = "; ".join(f"{name}: {_names(rows, ids, '')}" for name, rows in others.items())
    kept = f"the other series keep their own sets ({kept}); " if kept else ""
    days = wall_days(time)
    one = next((n for n in names if not np.isin(days, weekday_holidays(n, weekmask=weekmask)).any()), None)
    every = "freq='B' (--freq B)" if weekmask is None else f"freq={weekmask!r} (--freq {weekmask!r})"
    if one is not None:
        advice = f"give holidays='{one}' (--holidays {one}), on whose holidays no row of the panel falls"
    else:
        advice = (f"{kept}holidays= (--holidays) names one set for every series, and other series trade on each of "
                  f"these sets' holidays: fit {series} {'on its own' if len(alike) == 1 else 'as a panel of their own'} with holidays='{names[0]}' (or "
                  f"{', '.join(repr(n) for n in names[1:])}) and the others without it")
    more = f" ({len(unsettled) - len(alike)} more series are so with other sets)" if len(unsettled) > len(alike) else ""
    count = counted(first.missing, "weekday") + " that " + ("is a holiday" if first.missing == 1 else "are the holidays")
    return (f"{series} miss{'es ' + count if len(alike) == 1 else ' weekdays that are the holidays'} of {first.named()} "
            f"alike, but their calendars differ after the data: {first.differs}{more}; {advice}, or give {every} to "
            f"keep every weekday in every series (their holidays then gaps)")


def _names(series: list, ids: list, word: str = "series ") -> str:
    """"series 'SAP', 'SIE' and 'ALV'" (the first five, then how many more)."""
    shown = [repr(ids[s]) for s in series]
    return word + (some(shown) if len(shown) > 5 else listing(shown))

"""Weekdays a series of a panel misses that are mostly one holiday set's: named in the gap warning, with advice for the
panel, never adopted.

A NYSE ticker halted for two weeks misses NYSE's 27 holidays and ten trading days: no set explains all of them
(``businessdays.explain``), nor all but one or two (``nearholidays``), so the series kept plain weekdays while the
others of the panel kept NYSE's, and the gap warning offered ``fill_gaps`` to insert all 37 rows, closes made up on
holidays, and predict forecast it on Thanksgiving. A set is named for a series on plain business days when

* every one of its weekday holidays in the series' span is missing, none has a row (at least ``LEAST`` of them),
* and they are at least half of the missing weekdays; the others are said as runs of days (a halt: 2024-03-04 to
  2024-03-15).

The sets another series of the panel keeps are tried first, then ``businessdays.tried``'s. The advice is
``holidays=`` for the whole panel where every other series keeps that set (or none), else to fit the series apart
with it. Not adopted for the series: ten weekdays missing in a row may be a halt or a market of its own, which only
the user knows; the flag is one word.

A panel on one session calendar (``sessions_apart``, decision 1790) keeps no calendar per series: call centres in
London and Chicago, each queue closed on its own country's holidays, read as one '30min 08:00-19:30' session
without holidays, their holidays gaps and every forecast falling on them (27 May 2024, a holiday at both sites). The
gap warning names each series' set (the weekdays it misses, explained alone) and advises fitting each set's series
apart with it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import businessdays, sessions
from rnncast.errors import RnncastError
from rnncast.holidaysets import wall_days, weekday_holidays
from rnncast.timetext import at_midnight, shown

LEAST = 4  # at least this many of the set's holidays in the series' span (every one missing)
RUNS = 3  # the runs of other days named, then how many more


class Mostly(NamedTuple):
    """A holiday set whose holidays are most of one series' missing weekdays."""

    series: int
    name: str
    holidays: int  # missing weekdays that are its holidays (every one of them in the span)
    others: np.ndarray  # the missing weekdays that are not (datetime64[D])


def mostly(time: pd.DatetimeIndex, offsets: np.ndarray, s: int, sets=(), weekmask: str | None = None) -> Mostly | None:
    """The set (the module's rule) whose holidays are most of the weekdays series ``s`` misses (times [N] cut at
    ``offsets`` [S + 1], each sorted); ``sets``: tried first (those other series keep). None where none is."""
    days = wall_days(time[offsets[s]:offsets[s + 1]])
    missing = businessdays.missing_weekdays(days, np.array([0, len(days)]), weekmask)
    if len(missing) < LEAST:
        return None
    first, last = int(str(days[0])[:4]), int(str(days[-1])[:4])
    for name in dict.fromkeys([*sets, *businessdays.tried(weekmask)]):
        holidays = weekday_holidays(name, first, last, weekmask)
        inside = holidays[(holidays > days[0]) & (holidays < days[-1])]
        held = np.isin(missing, inside)
        if len(inside) >= LEAST and held.sum() == len(inside) and 2 * held.sum() >= len(missing) \
                and not np.isin(days, holidays).any():
            return Mostly(s, name, int(held.sum()), missing[~held])
    return None


def hint(time: pd.DatetimeIndex, offsets: np.ndarray, sets: list, ids: list, fmt: str | None = None,
         weekmask: str | None = None) -> str:
    """The gap warning's clause for the first series on plain business days (``sets`` [S]: each series' holiday set,
    None for plain business days) whose missing weekdays are mostly one set's: ``27 of the 37 weekdays series 'HALT'
    misses are NYSE holidays (the set series 'AAPL' keeps), every one in its span; the other 10: 2024-03-04 to
    2024-03-15; give holidays='NYSE' (--holidays NYSE) for the panel to skip them, the other days then gaps``; ""
    where none is."""
    found = first(time, offsets, sets, weekmask)
    return said(found, time, sets, ids, fmt) if found is not None else ""


def first(time: pd.DatetimeIndex, offsets: np.ndarray, sets: list, weekmask: str | None = None,
          among=None) -> Mostly | None:
    """``mostly`` of the first series on plain business days (``sets`` [S] as ``hint`` takes them; ``among``: of
    these series only) whose missing weekdays are mostly one set's; None where none is."""
    kept = [n for n in dict.fromkeys(sets) if n is not None]
    for s, own in enumerate(sets):
        found = mostly(time, offsets, s, kept, weekmask) if own is None and (among is None or s in among) else None
        if found is not None:
            return found
    return None


def said(found: Mostly, time, sets: list, ids: list, fmt: str | None = None) -> str:
    """``hint``'s clause for ``found``."""
    day = at_midnight(time)
    name, n = found.name, found.holidays + len(found.others)
    keepers = [repr(ids[s]) for s, own in enumerate(sets) if own == name]
    whose = (f" (the set series {', '.join(keepers[:3])}{' and more' if len(keepers) > 3 else ''} "
             f"keep{'s' if len(keepers) == 1 else ''})" if keepers else "")
    runs = _runs(found.others, name)
    written = [_span(a, b, day, fmt) for a, b in runs[:RUNS]]
    more = f" and {len(runs) - RUNS} more" if len(runs) > RUNS else ""
    other = (f"; the other{f' {len(found.others)}' if len(found.others) > 1 else ''}: {', '.join(written)}{more}"
             if len(found.others) else "")
    return (f"{found.holidays} of the {n} weekdays series {ids[found.series]!r} misses are {name} holidays{whose}, "
            f"every one in its span{other}; {give(found, sets, ids)}")


def give(found: Mostly, sets: list, ids: list) -> str:
    """What lets ``found``'s series skip its set: ``holidays=`` for the panel where every other series keeps that set
    (or none), else the series fitted apart with it; the days left over then gaps."""
    name = found.name
    then = "" if not len(found.others) else ", the other day then a gap" if len(found.others) == 1 else \
        ", the other days then gaps"
    if len(sets) > 1 and all(own in (None, name) for own in sets):
        return f"give holidays={name!r} (--holidays {name}) for the panel to skip them{then}"
    return f"fit series {ids[found.series]!r} apart with holidays={name!r} (--holidays {name}) to skip them{then}"


def _runs(days: np.ndarray, name: str) -> list:
    """``[(first, last)]``: ``days`` (sorted datetime64[D]) in runs of consecutive weekdays, ``name``'s holidays
    skipped between."""
    if not len(days):
        return []
    holidays = weekday_holidays(name, int(str(days[0])[:4]), int(str(days[-1])[:4]))
    apart = np.busday_count(days[:-1], days[1:], holidays=holidays) > 1
    starts = np.concatenate([[0], np.flatnonzero(apart) + 1])
    ends = np.concatenate([np.flatnonzero(apart), [len(days) - 1]])
    return [(days[a], days[b]) for a, b in zip(starts, ends)]


def _span(a, b, day: bool, fmt: str | None) -> str:
    """``2024-03-04 to 2024-03-15``, or the one day, as the data writes its days."""
    first = shown(pd.Timestamp(a), day, fmt if day else None)
    return first if a == b else f"{first} to {shown(pd.Timestamp(b), day, fmt if day else None)}"


MAX_SERIES = 200  # series explained one by one (a few seconds at most), as a panel's own calendars are


def sessions_apart(time: pd.DatetimeIndex, offsets: np.ndarray, calendar, ids: list) -> str:
    """The gap warning's clause for a panel on one session calendar without holidays (``calendar``, a
    ``timecalendar.Calendar``) whose series each miss one holiday set's weekdays (``businessdays.explain``, each
    series alone: ``time`` [N] cut at ``offsets`` [S + 1], each sorted), the sets not one for every series: "the
    weekdays each series misses are its own holidays: series 'billing', 'sales', 'support' miss LSE holidays; series
    'chi_billing' ... FED (or US: ...) holidays: one calendar for the panel skips neither, so its forecasts fall on them;
    fit each set's series apart, each with its own holidays= (--holidays LSE; --holidays FED or US)"; "" where no such set
    is (one series, another calendar, more than ``MAX_SERIES`` series). ``ids`` [S]: the series as given."""
    if calendar is None or calendar.session is None or calendar.holidays is not None or \
            not businessdays.plain_business(calendar.days) or not 3 <= len(offsets) <= MAX_SERIES + 1:
        return ""
    days = sessions.opened(time, calendar.session)  # a session past midnight: holidays are the days it opened on
    found = {}
    for s in range(len(offsets) - 1):
        piece = days[offsets[s]:offsets[s + 1]]
        try:
            explained = businessdays.explain(piece, np.array([0, len(piece)]), calendar.weekmask, calendar.freq_text,
                                             refuse=False) if len(piece) > 1 else None
        except RnncastError:  # no set read for this series: it is named with none
            explained = None
        if explained is not None:
            found[s] = explained
    names = list(dict.fromkeys(e.name for e in found.values()))
    if not names or (len(names) == 1 and len(found) == len(offsets) - 1):
        return ""
    groups = [(name, [s for s, e in found.items() if e.name == name]) for name in names]
    each = "; ".join(f"series {_some(series, ids)} miss {_alike(found[series[0]])} holidays" for name, series in groups)
    none = [s for s in range(len(offsets) - 1) if s not in found]
    rest = f"; series {_some(none, ids)} miss no set's" if none else ""
    flags = "; ".join(f"--holidays {' or '.join((name, *found[series[0]].alike))}" for name, series in groups)
    return (f"the weekdays each series misses are its own holidays: {each}{rest}; one calendar for the panel "
            f"skips none of them, so the panel's forecasts fall on them: fit each set's series apart, each with its "
            f"own holidays= ({flags})")


def _alike(found) -> str:
    """A series' set (``businessdays.Explained``) with those that explain its weekdays alike: ``FED (or US: they
    differ after the data, 2026-07-03 is a holiday of US ..., not of FED; give the one its site keeps)``."""
    if not found.alike:
        return found.name
    after = f": they differ after the data, {found.differs}; give the one its site keeps" if found.differs else ""
    return f"{found.name} (or {', '.join(found.alike)}{after})"


def _some(series: list, ids: list) -> str:
    """The first three of ``series`` named by their ids, and how many more."""
    named = ", ".join(repr(ids[s]) for s in series[:3])
    return f"{named} and {len(series) - 3} more" if len(series) > 3 else named

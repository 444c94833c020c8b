"""Business days without a holiday set for a panel's times: the set given (no row may fall on one of its
holidays) or found (``explain``). The sets themselves, by name, are ``holidaysets``'.

A business-day series of prices has no rows on its market's holidays. Plain ``B`` counts those days as
missing rows and forecasts them; pandas' ``CustomBusinessDay(holidays=...)`` skips them, so the calendar
is that offset (``holidaysets.offset``), and the set's name is what the model keeps.

``explain`` finds the set when none is given: the weekdays a business-day calendar leaves missing are
explained by a set when every one of them is its holiday and no row falls on one (a calendar must place
every row). The markets (one per exchange, not each alias) and the common countries (``holidaysets.COUNTRIES``) are
tried, each first on the year of the first missing day only, so a panel of ten years is settled in a
few milliseconds; among sets that explain the rows alike, a market is chosen before a country, then
the set with the fewest holidays in those years, then the first in ``holidaysets.candidates()``'s order. Sets that
explain the rows alike must also agree after them (``AHEAD`` years on), where the forecasts fall: when
they differ there the data cannot tell which calendar it follows, and ``explain`` refuses, naming the
sets and the first date they differ on, rather than let a forecast land on a day the market is shut.
A trading session's bars (intraday) are a market's: where a market explains them, the countries that
explain them alike are passed over (and named as such), so only markets that differ are refused.

A week other than Monday to Friday (``weekmasks``: a market open Sunday to Thursday) takes a holiday set
alike: each function takes the week mask, the holidays that count are those on its days, and ``explain``
tries first the sets whose weekend (the ``holidays`` package's) is the days the mask leaves out.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import sessions, weekmasks
from rnncast.errors import RnncastError
from rnncast.holidaysets import (ALIASES, NO_EXCHANGE, PREFERRED, candidates, canonical, described, holiday_of, library, offset,
                                 wall_days, weekday_holidays)
from rnncast.spelling import counted, hint, spelled
from rnncast.timetext import at_midnight, shown

AHEAD = 10  # the years after the data's last on which sets that explain its rows alike must agree


class Explained(NamedTuple):
    """The holiday set that explains a business-day series' missing weekdays, and what it explained."""

    name: str  # "NYSE"
    offset: pd.offsets.CustomBusinessDay
    missing: int  # missing weekdays (every one of them a holiday of the set)
    alike: tuple = ()  # the other sets that explain the rows as well and agree with it through ``through``
    through: int = 0
    weekmask: str | None = None  # the week, when not Monday to Friday (weekmasks)
    session: str | None = None  # the trading session whose days these are ('30min 09:00-11:00 12:30-14:30')
    passed: tuple = ()  # the countries that explain a session's rows as well, passed over for the market
    differs: str | None = None  # where ``alike`` differ after the data ('2024-12-24 is a holiday of XETR ...'): no set

    def named(self, word: str = "and", known: bool = True) -> str:
        """This set and ``alike``: 'XETR, XPAR and ECB (TARGET, TARGET2)' (``known``: with the names people give it)."""
        return _listed((self.name,) + self.alike, word, known)

    def __str__(self) -> str:
        also = ""
        if self.alike:
            whose = ", ".join(f"{n}'s" for n in self.alike)
            also = f"; so are {whose}, which agree{'s' if len(self.alike) == 1 else ''} with it through {self.through}"
        if self.passed:
            whose = " and ".join(f"{n}'s" for n in self.passed)
            kind = "a country's" if len(self.passed) == 1 else "countries'"
            also += f"; so are {whose}, {kind}, passed over: a trading session's bars keep a market's days"
        days = "weekday" if self.weekmask is None else f"{self.weekmask} day"
        are = f"the missing {days} is one of the" if self.missing == 1 else \
            f"{self.missing} of {counted(self.missing, 'missing ' + days)} are"
        return (f"{_calendar(self.name, self.weekmask, self.session)} ({are} {self.name} holidays"
                f"{also}; give holidays= (--holidays) to name another set)")


def given(time, name, where, fmt: str | None = None, weekmask: str | None = None,
          session: sessions.Session | None = None, calendar: str | None = None,
          panel: bool = False) -> pd.offsets.CustomBusinessDay:
    """The calendar of holiday set ``name`` for the times [N] of a panel, which must be timestamps none of
    which falls on one of its weekday holidays (those on the days of ``weekmask``, when given);
    ``RnncastError`` naming the first such row (``where(i)``, its own timestamp shown as the data writes it:
    ``fmt``) and the holiday otherwise. ``session``: the trading session whose bars ``time`` holds; a bar's
    day is then the day its session opened on (``sessions.opened``: 01:00 of a 22:00-21:00 session is the
    day before's). ``calendar``: how the refusal names the calendar, where it is not business days (month ends).
    ``panel``: the times are of several series, whose refusal says that the set is every series' (``PANEL_HINT``)."""
    name = canonical(name)
    if not isinstance(time, pd.DatetimeIndex):
        raise RnncastError(f"holidays={name!r} applies to timestamps, but time column {time.name!r} holds "
                           f"{'periods' if isinstance(time, pd.PeriodIndex) else 'integers'}; leave holidays unset")
    days = wall_days(sessions.opened(time, session))
    rows = np.flatnonzero(np.isin(days, weekday_holidays(name, weekmask=weekmask)))
    if len(rows):
        i = int(rows[0])
        more = f" (and {len(rows) - 1} more rows on its holidays)" if len(rows) > 1 else ""
        raise RnncastError(f"timestamp {shown(time[i], at_midnight(time), fmt)} ({where(i)}) is one of the {name} holidays "
                           f"({holiday_of(name, days[i])}), which the calendar of "  # a session's: its sessions (decision 1618)
                           f"{calendar or _calendar(name, weekmask, session.freqstr if session else None)} skips{more}; {hint('holidays', PANEL_HINT if panel else HOLIDAYS_HINT)}")
    return offset(name, weekmask)


HOLIDAYS_HINT = ("remove the rows on holidays, or give holidays= (--holidays) the set the data follows, or leave it "
                 "unset to keep every weekday")


PANEL_HINT = ("holidays= (--holidays) names one set for every series: leave it unset for each series to keep its own "
              "set (each is explained alone), fit the series of this set apart with it, or remove the rows on holidays")


GAPS_HINT = ("weekdays missing from business days may be holidays, which no known set explains exactly: give "
             "holidays= (--holidays NAME: a market such as NYSE or XLON, a country such as US or DE-BY) to skip them")


PANEL_GAPS_HINT = ("weekdays missing from business days may be holidays, which no one known set explains for every "
                   "series: holidays= (--holidays) names one set for every series, so where the series keep different "
                   "markets' holidays, fit each market's series apart with its own set (a market such as NYSE or XETR, "
                   "a country such as US or DE-BY)")


def plain_business(freq) -> bool:
    """Whether ``freq`` is business days without holidays (``B``, or a week mask: ``weekmasks``), whose
    missing weekdays a holiday set might explain."""
    return (isinstance(freq, pd.offsets.BusinessDay) and freq.n == 1 and not freq.offset
            and not len(getattr(freq, "holidays", None) or ()))


@functools.lru_cache(maxsize=16)
def tried(weekmask: str | None) -> list[str]:
    """The sets whose weekend (the ``holidays`` package's) is the days ``weekmask`` leaves out, markets
    first, then countries; with ``candidates()`` after them: those inference tries on that week."""
    if weekmask is None:
        return candidates()
    lib, off = library(), set(np.flatnonzero(~weekmasks.bits(weekmask)).tolist())
    markets = [c for c in candidates() if c in lib.list_supported_financial()]
    found = [c for c in markets if set(lib.financial_holidays(c).weekend) == off]
    found += [c for c in lib.list_supported_countries(include_aliases=False) if set(lib.country_holidays(c).weekend) == off]
    return list(dict.fromkeys(found + candidates()))


def explain(time: pd.DatetimeIndex, offsets: np.ndarray, weekmask: str | None = None,
            session: str | None = None, refuse: bool = True) -> Explained | None:
    """The holiday set whose weekday holidays are exactly the weekdays missing from the series of the
    stacked times [N] cut at ``offsets`` [S + 1] (each sorted, on business days: Monday to Friday, or
    the days of ``weekmask``), or None. ``session``: the trading session whose bars they are (``30min
    09:30-15:30``; its days are the days its sessions opened on), named in what is said and offered for
    keeping every weekday; a market explaining its rows is then chosen over the countries that do alike.
    ``RnncastError`` where the sets that explain them differ after the data; with ``refuse=False`` they are returned,
    ``differs`` saying where (one series of a panel, whose refusal names it: ``seriesholidays``)."""
    days = wall_days(time)
    missing = missing_weekdays(days, offsets, weekmask)
    if not len(missing):
        return None
    first_year, last_year = int(str(days.min())[:4]), int(str(days.max())[:4])
    year = int(str(missing[0])[:4])
    found, markets = [], set(library().list_supported_financial())
    names = tried(weekmask)
    for name in names:
        if not _fits(weekday_holidays(name, year, year, weekmask), missing, days, year):
            continue  # the year of the first missing day rules out nearly every set
        holidays = weekday_holidays(name, first_year, last_year, weekmask)
        if _fits(holidays, missing, days):
            in_span = int(((holidays >= days.min()) & (holidays <= days.max())).sum())
            found.append((name in markets and (session is None or name not in NO_EXCHANGE), -in_span, name))
    if not found:
        return None
    passed = ()
    if session is not None and any(f[0] for f in found):  # a session's bars: an exchange's, not a country's or the Fed's
        passed = tuple(f[2] for f in found if not f[0])
        found = [f for f in found if f[0]]
    order = {n: i for i, n in enumerate(names)}
    name = max(found, key=lambda f: (f[0], f[1], -order[f[2]]))[2]
    alike = tuple(f[2] for f in sorted(found, key=lambda f: order[f[2]]) if f[2] != name)
    ends = days[offsets[1:][offsets[1:] > offsets[:-1]] - 1]  # each series' last day: its forecast follows
    through = last_year + AHEAD
    differs = _differing((name,) + alike, ends.min() + np.timedelta64(1, "D"), through, weekmask)
    if differs is not None and refuse:
        raise RnncastError(
            f"the {counted(len(missing), 'weekday')} missing from {_calendar(None, weekmask, session)} "
            f"{'is a holiday' if len(missing) == 1 else 'are the holidays'} of {_listed((name,) + alike, 'and')} alike, "
            f"but their calendars differ after the data: {differs}; give holidays= (--holidays "
            f"{_listed((name,) + alike, 'or', False)}) to say which days the forecasts skip, or "
            f"{_keep_every(session or weekmask)} to keep every weekday")
    return Explained(name, offset(name, weekmask), len(missing), alike, through, weekmask, session, passed, differs)


def skipped_ahead(when: pd.DatetimeIndex, rows: pd.DatetimeIndex, offsets: np.ndarray, weekmask: str | None = None,
                  session: sessions.Session | None = None, fmt: str | None = None, missing=None,
                  calendar: str | None = None) -> str | None:
    """What to warn of when business days without a holiday set forecast days (of ``when``) that are holidays the
    data ``rows`` (series at ``offsets``) skipped in an earlier year, by their names in the set whose holidays are most
    of the days skipped (``skipping``: KRX for a Korean series, not HKEX, which shares its New Year's Day), matched by
    name, not date (KRX's End of Year Holiday: 2023-12-29, then 2024-12-31; Christmas Day (observed) is Christmas Day):
    a set that explains only some of the missing weekdays is no calendar (``explain`` finds none), yet those days
    will likely have no row either; else None. ``missing``: the days the data skipped, where they are not the
    weekdays missing (the Fridays absent from 'W-FRI', the calendar so named: ``calendar``): the data then has no row
    at all in those weeks (holidays= would date a holiday's week on another day), so the advice is to expect none."""
    absent = missing is not None  # weeks: no row moved off the holiday, none at all
    ahead = wall_days(sessions.opened(when, session))
    days = wall_days(sessions.opened(rows, session)) if rows is not None and len(rows) else None
    if missing is None:
        missing = missing_weekdays(days, offsets, weekmask) if days is not None and len(ahead) else []
    on = f"the calendar {calendar}" if calendar else f"the calendar of {described(None, weekmask)}"
    if not len(missing):
        return None
    for name in skipping(missing, weekmask):  # the set naming most skipped days first
        skipped: dict = {}
        for day in missing:
            skipped.setdefault(_plain_holiday(name, day), []).append(day)
        skipped.pop(None, None)
        hits = [(d, what) for d in sorted(set(ahead)) if (what := _plain_holiday(name, d)) in skipped and
                any(k < d for k in skipped[what])]  # skipped before the forecast date, never on it
        if not hits:
            continue
        dates = [shown(when[ahead == d][0].normalize(), True, fmt if at_midnight(when) else None) for d, _ in hits]
        before = "; ".join(", ".join(str(k) for k in [k for k in skipped[w] if k < d][-3:]) for d, w in hits)
        one = "that day" if len(hits) == 1 else "those days"
        advice = f"the data has no row at all in those weeks, none moved to another day, so expect no value on {one}" \
            if absent else f"if the data follows a holiday set, fit with it ({spelled('holidays')}), else expect no value on {one}"
        if len(hits) == 1:
            return (f"forecast date {dates[0]} is {hits[0][1]} ({name}), a day the data has no row on in earlier years "
                    f"({before}), but {on} skips no holidays, so the forecast takes it for a trading day; {advice}")
        listed = _listed([f"{d} ({w})" for d, (_, w) in zip(dates, hits)], "and", known=False)
        return (f"forecast dates {listed} are {name} holidays, days the data has no row on in earlier years ({before}), "
                f"but {on} skips no holidays, so the forecasts take them for trading days; {advice}")
    return None


def skipping(missing: np.ndarray, weekmask: str | None = None, most: int = 5) -> list[str]:
    """The sets (``PREFERRED`` and those inference tries, ``tried``) whose weekday holidays are the most of the
    ``missing`` weekdays, at most ``most`` of them, most first (the ``PREFERRED`` order, then ``tried``'s, among
    equals); none that names none of them."""
    first, last = int(str(missing.min())[:4]), int(str(missing.max())[:4])
    names = list(dict.fromkeys(PREFERRED + tuple(tried(weekmask))))
    named = {n: int(np.isin(missing, weekday_holidays(n, first, last, weekmask)).sum()) for n in names}
    return [n for n in sorted(names, key=lambda n: -named[n]) if named[n]][:most]


def all_of(missing: np.ndarray, least: int = 2) -> str | None:
    """The set (``skipping``'s first) whose weekday holidays are every one of the ``missing`` days (datetime64[D]),
    at least ``least`` distinct days: 'NYSE' for the Fridays absent from a weekly series; else None (one date is some
    market's holiday by chance: 2015-12-28, a week of flu counts, was called LSE holidays, decision 1610)."""
    name = next(iter(skipping(missing, None, 1)), None) if len(np.unique(missing)) >= max(least, 1) else None
    first, last = (int(str(d)[:4]) for d in (missing.min(), missing.max())) if name else (0, 0)
    return name if name and np.isin(missing, weekday_holidays(name, first, last)).all() else None


def _plain_holiday(name: str, day) -> str | None:
    """``holiday_of`` without the ``(observed)`` the ``holidays`` package adds to a holiday moved off a weekend."""
    what = holiday_of(name, day)
    return what.replace(" (observed)", "") if what is not None else None


def _differing(names: tuple, start: np.datetime64, last: int, weekmask: str | None = None) -> str | None:
    """Where the sets ``names``, which explain the rows alike, differ on a weekday from ``start`` through the year
    ``last``: '2024-12-24 is a holiday of XETR (Christmas Eve), not of XPAR or ECB (TARGET)'; None where they agree."""
    if len(names) < 2:
        return None
    first = int(str(start)[:4])
    after = {n: (h := weekday_holidays(n, first, last, weekmask))[h >= start] for n in names}
    differ = [np.setxor1d(after[names[0]], after[n]) for n in names[1:]]
    differ = [d[0] for d in differ if len(d)]
    if not differ:
        return None
    day = min(differ)
    shut = [_known_as(n) for n in names if day in after[n]]
    open_ = [_known_as(n) for n in names if day not in after[n]]
    what = holiday_of(names[[day in after[n] for n in names].index(True)], day)
    return f"{day} is a holiday of {_listed(shut, 'and')} ({what}), not of {_listed(open_, 'or')}"


def _calendar(name: str | None, weekmask: str | None, session: str | None) -> str:
    """``described``'s calendar, or a session's: ``the sessions of '30min 09:00-11:00 12:30-14:30'`` (without
    ``name``'s holidays)."""
    if session is None:
        return described(name, weekmask)
    return f"the sessions of {session!r}" + (f" without {name} holidays" if name is not None else "")


def _known_as(name: str) -> str:
    """``ECB (TARGET, TARGET2)``: a set's name with the other names people give it (``ALIASES``)."""
    other = [a for a, n in ALIASES.items() if n == name]
    return f"{name} ({', '.join(other)})" if other else name


def _listed(names, word: str, known: bool = True) -> str:
    names = [_known_as(n) if known else n for n in names]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _fits(holidays: np.ndarray, missing: np.ndarray, days: np.ndarray, year: int | None = None) -> bool:
    """Every missing weekday (of ``year``, when given) is a holiday, and no row falls on one."""
    if year is not None:
        lo, hi = np.datetime64(f"{year}-01-01", "D"), np.datetime64(f"{year + 1}-01-01", "D")
        missing = missing[(missing >= lo) & (missing < hi)]
        days = days[(days >= lo) & (days < hi)]
    return bool(np.isin(missing, holidays).all() and not np.isin(days, holidays).any())


def _keep_every(freq: str | None) -> str:
    return "freq='B' (--freq B)" if freq is None else f"freq={freq!r} (--freq {freq!r})"


def missing_weekdays(days: np.ndarray, offsets: np.ndarray, weekmask: str | None = None) -> np.ndarray:
    """The weekdays (of ``weekmask``, when given) within each series' span that it has no row on, over
    all series, sorted and unique."""
    found = []
    for s in range(len(offsets) - 1):
        own = days[offsets[s] : offsets[s + 1]]
        if len(own) < 2:
            continue
        span = np.arange(own[0], own[-1] + np.timedelta64(1, "D"))
        weekdays = span[np.is_busday(span, weekmask=weekmask or weekmasks.BUSINESS)]
        found.append(np.setdiff1d(weekdays, own, assume_unique=False))
    return np.unique(np.concatenate(found)) if found else np.array([], dtype="datetime64[D]")

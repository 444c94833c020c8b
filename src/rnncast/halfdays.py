"""A market's half days for intraday bars: the days a holiday set's ``half_day`` category names (the ``holidays``
package: NYSE's 2024-07-03, 'Day before Independence Day (markets close at 1:00pm)'), and when their sessions close.

A trading session (``sessions.Session``) whose days skip a set named with ``holidays=`` that has half days ends
early on them: its bars from the close on are no steps of the calendar (not missing, not filled, not forecast).
``read`` finds the close of each half day's name: the data's own (its last bar on the latest such day of
that name + one step), else the time the name states ("markets close at 1:00pm", "from 1pm", "14:00 CET",
"shortened by 3 hours"), else the data's most common close on its half days, else one assumed (the end of the
session's first part, else its middle), and says once what it read. ``Early`` is what a session keeps
(model.json: ``state``); ``kept`` masks ``sessions.grid``'s bars by it. ``short_days`` finds the days whose last
bars alone are missing, and ``said_short`` the set whose half days they are, for the missing-rows warning without
``holidays=``.
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import holidaysets, weekhours, zoneclock
from rnncast.sessiondays import few_dates, session_day


DAY = pd.Timedelta(days=1)
CLOSE = re.compile(r"(?:(?:close|pause)s?\s+at|from)\s+(\d{1,2})(?::(\d\d))?\s*(?:([ap])\.?\s?m\b\.?)?", re.I)
SHORTER = re.compile(r"shortened\s+by\s+(\d+)\s+hours?", re.I)  # Estonia's 'workday shortened by 3 hours'


class Early(NamedTuple):
    """The close of each half day of set ``holidays`` (canonical), by the half day's name: ``((name, close after the
    day's midnight), ...)``, sorted by name."""

    holidays: str
    closes: tuple

    def state(self) -> dict:
        """{name: close} as model.json keeps it (``13:00``; a close past midnight as ``1 days 02:00:00``)."""
        return {name: clock(close) for name, close in self.closes}


def from_state(holidays: str, state: dict) -> Early:
    """The ``Early`` model.json kept (``Early.state``) for set ``holidays``."""
    return Early(holidaysets.canonical(holidays), tuple(sorted((str(n), _timedelta(c)) for n, c in state.items())))


def _timedelta(text) -> pd.Timedelta:
    text = str(text)
    return pd.Timedelta(f"{text}:00" if re.fullmatch(r"\d{1,2}:\d\d", text) else text)


def clock(close: pd.Timedelta) -> str:
    """``13:00`` (``13:00:30`` with seconds); a time past a day as pandas writes it."""
    if close >= DAY or close < pd.Timedelta(0):
        return str(close)
    seconds = int(close.total_seconds())
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return text + (f":{seconds % 60:02d}" if seconds % 60 else "")


@functools.lru_cache(maxsize=128)
def table(name: str, first: int = holidaysets.YEARS[0], last: int = holidaysets.YEARS[1]) -> dict:
    """{date: name} of the half days of set ``name`` in the years ``first`` to ``last``; {} where it has none."""
    kind, code, sub = holidaysets.parse(name)
    lib = holidaysets.library()
    make = lib.financial_holidays if kind == "market" else lib.country_holidays
    with warnings.catch_warnings():  # "available only from 2001 to 2035" of years asked for
        warnings.simplefilter("ignore", UserWarning)
        if "half_day" not in getattr(make(code, subdiv=sub), "supported_categories", ()):
            return {}
        return dict(make(code, subdiv=sub, years=range(first, last + 1), categories="half_day"))


def named(name: str, first: pd.Timedelta, end: pd.Timedelta) -> pd.Timedelta | None:
    """The close a half day's name states (``markets close at 1:00pm``: 13:00; ``shortened by 3 hours``: ``end``, the
    session's end, less 3 hours), or None, and None where it falls outside the session from its first bar
    (``first``) to ``end`` (the name's clock is not the data's: NYSE's 1:00pm among bars in UTC)."""
    found = CLOSE.search(name)
    if found is not None:
        hour, minute, half = int(found.group(1)), int(found.group(2) or 0), (found.group(3) or "").lower()
        hour = hour % 12 + (12 if half == "p" else 0) if half else hour
        close = pd.Timedelta(hours=hour, minutes=minute) if hour < 24 and minute < 60 else None
    else:
        shorter = SHORTER.search(name)
        close = end - pd.Timedelta(hours=int(shorter.group(1))) if shorter is not None else None
    return close if close is not None and first < close < end else None  # another clock's (data in UTC): none


def assumed(session) -> pd.Timedelta:
    """The close taken where neither the data nor a name tells it: the end of the session's first part (a lunch
    break's start: Hong Kong's half days trade the morning), else the session's middle, on its step."""
    after = session.after
    gaps = [b - a for a, b in zip(after, after[1:])]
    part = next((i for i, g in enumerate(gaps) if g > session.step), None)
    if part is not None:
        return session.first + after[part] + session.step
    return session.first + -(-(session.span / 2) // session.step) * session.step


def read(session, holidays: str, wall: pd.DatetimeIndex) -> tuple[Early | None, str]:
    """The ``Early`` of set ``holidays`` for ``session``'s bars (``wall``: the data's naive wall times [N]), and the
    line saying what was read; (None, "") where the set has no half days, None and the line saying so where the
    data's half days are all whole sessions (it keeps no early closes)."""
    name = holidaysets.canonical(holidays)
    days = table(name)
    if not days or not len(wall):
        return None, ""
    shift = _shift(session.first, session.after)
    opened = session_day(wall, session) + shift  # the day each session closes on: its half day's date
    half = pd.DatetimeIndex(sorted(days)).as_unit("ns")
    ends = pd.Series(wall - opened, index=opened)
    held = (ends[ends.index.isin(half)].groupby(level=0).max() + session.step).sort_index()  # [days] last bar + step
    observed = held[held.index < opened.max()]  # the data's last day may end where the data does, not the market
    floor = {days[d.date()]: c for d, c in held[held.index == opened.max()].items()}  # its bars are the calendar's
    by_name = {days[d.date()]: c for d, c in observed.items()}  # the latest day of each name
    common = observed.mode().iloc[0] if len(observed) else None
    end = session.first + session.span - shift
    if len(observed) and (observed >= end).all():  # the data keeps no early closes: its half days are whole
        listed = ", ".join(d.strftime("%Y-%m-%d") for d in observed.index[:3])
        return None, (f"{name}'s half days ({listed}{' ...' if len(observed) > 3 else ''}) are whole sessions in the "
                      "data: none is taken as closing early")
    closes, how = {}, {}
    for n in sorted(set(days.values())):
        close, source = by_name.get(n), "data"
        if close is None:
            close, source = named(n, session.first - shift, end), "name"
        if close is None and common is not None:
            close, source = common, "data"
        if close is None:
            close, source = assumed(session) - shift, "assumed"
        if n in floor and floor[n] > close:  # the data's last day trades past it
            close, source = floor[n], "data"
        closes[n], how[n] = close, source
    early = Early(name, tuple(sorted(closes.items())))
    return early, _said(early, session, days, half, opened, how)


def _said(early: Early, session, days: dict, half: pd.DatetimeIndex, opened: pd.DatetimeIndex, how: dict) -> str:
    """``NYSE's half days close early, their bars from the close on no steps of the calendar: 2024-07-03, 2024-11-29
    bars to 12:30 (closing 13:30, as the data's half days end)``: the half days in the data's span (else the next)."""
    inside = half[(half >= opened.min()) & (half <= opened.max())]
    shown = inside if len(inside) else half[half > opened.max()][:1]
    groups: dict = {}
    closes, shift = dict(early.closes), _shift(session.first, session.after)
    for d in shown:
        name = days[d.date()]
        groups.setdefault((closes[name], how[name]), []).append(d)
    parts = []
    for (close, source), listed in groups.items():
        bars = [session.first + a for a in session.after if session.first + a < close + shift]
        last = f"bars to {clock(bars[-1] % DAY)}" if bars else "no bars"
        why = {"data": "as the data's half days end", "name": f"closing {clock(close)}, as their names say",
               "assumed": f"closing {clock(close)}, assumed: their names give no time, so the end of the session's "
                          "first part, else its middle"}[source]
        parts.append(f"{few_dates(listed)} {last} ({why})")
    whose = "" if len(inside) else "the next: "
    return (f"{early.holidays}'s half days close early, their bars from the close on no steps of the calendar "
            f"(not missing, not filled, not forecast): {whose}{'; '.join(parts)}")


def _shift(first: pd.Timedelta, after: tuple) -> pd.Timedelta:
    """A day where the session's bars run past midnight (FX's 22:00-21:00: a half day's close falls in the session
    opened the day before, the close a time on the half day's clock), else none."""
    return DAY if first + after[-1] >= DAY else pd.Timedelta(0)


@functools.lru_cache(maxsize=16)
def _laid(early: Early) -> tuple[np.ndarray, np.ndarray]:
    """[H] the half days (ns at midnight, sorted) and [H] each one's close (ns after it)."""
    closes = dict(early.closes)
    days = sorted((pd.Timestamp(d).value, closes[n].value) for d, n in table(early.holidays).items() if n in closes)
    return np.array([d for d, _ in days], dtype=np.int64), np.array([c for _, c in days], dtype=np.int64)


def kept(early: Early, first: pd.Timedelta, after: tuple, days: np.ndarray) -> np.ndarray:
    """[D, B] whether each bar (``first`` + ``after`` [B]) of each session day (``days`` [D], ns at midnight) is
    before its day's close: False from a half day's close on."""
    half, close = _laid(early)
    shift = _shift(first, after).value  # a session across midnight: the one closing on the half day opened before
    half, close = half - shift, close + shift
    bars = first.value + np.array([t.value for t in after], dtype=np.int64)
    keep = np.ones((len(days), len(bars)), dtype=bool)
    if not len(half):
        return keep
    pos = np.minimum(np.searchsorted(half, days), len(half) - 1)
    hit = half[pos] == days
    keep[hit] = bars[None, :] < close[pos[hit]][:, None]
    return keep


def short_days(session, missing: pd.DatetimeIndex, rows: pd.DatetimeIndex) -> pd.DatetimeIndex | None:
    """The days (midnight) whose sessions lack only their last bars, where every missing bar (``missing``: naive wall
    times) is one of those and they are a few of the days ``rows`` (the data's wall times) hold (a twentieth, or
    one); else None."""
    if session is None or not len(missing):
        return None
    day = session_day(missing, session)
    tail = pd.Series(missing - day, index=day).groupby(level=0)
    ends, firsts, counts = tail.max().to_numpy(), tail.min().to_numpy(), tail.size().to_numpy()
    bars = pd.TimedeltaIndex([session.first + a for a in session.after]).to_numpy()  # [B]
    own = weekhours.each_day(session, tail.max().index)  # [D, B] each day's own weekday's bars (decision 1837)
    lasts, opens = np.array([bars[k][-1] for k in own]), np.array([bars[k][0] for k in own])
    whole = np.array([int(((bars >= f) & k).sum()) for f, k in zip(firsts, own)])  # from the first missing to the end
    if (ends != lasts).any() or (counts != whole).any() or (firsts <= opens).any():
        return None
    held = session_day(rows, session).unique()
    if len(ends) > max(1, len(held) // 20):
        return None
    return pd.DatetimeIndex(tail.max().index) + _shift(session.first, session.after)  # the dates the sessions close on


def likely(short: pd.DatetimeIndex, found: str | None) -> str | None:
    """The holiday set whose half days hold every day of ``short``: ``found`` (the data's holidays matched it) where
    it does, else the first of ``holidaysets.candidates`` that does, else None."""
    years = int(short.year.min()), int(short.year.max())
    sets = ([found] if found else []) + [c for c in holidaysets.candidates() if c != found]
    for name in sets:
        half = table(holidaysets.canonical(name), *years)
        if half and all(d.date() in half for d in short):
            return name
    return None


def said_short(short: pd.DatetimeIndex, found: str | None, early=(), whole=()) -> str:
    """The clause of the missing-rows warning where the rows missing are the last bars of a few days (``short``):
    they closed early, a market's half days: ``holidays=`` naming the set (``likely``) skips them. Where the
    calendar skips that set already (``found``) and other series traded them whole (``whole``, a message's names, beside
    ``early``, those that closed early), its half days were read as whole sessions: that is said, not the set again."""
    listed = few_dates(short)
    name = likely(short, found)
    if whole and found is not None and name is not None and holidaysets.canonical(name) == holidaysets.canonical(found):
        return (f"the rows missing are only the last bars of {listed}, {name}'s half days, which the calendar "
                f"({name}'s, as given or found) reads as whole sessions because series {early} closed early on them "
                f"and {whole} traded them whole; a panel keeps one close per "
                "half day: fit the series that close early apart from those that trade them whole, each with "
                f"holidays={name!r} (--holidays {name})")
    give = (f"give holidays={name!r} (--holidays {name}), whose half days these are, so that their bars after the "
            "early close are no steps of the calendar" if name else
            "give holidays= (--holidays) naming the market's calendar with half days, so that their bars after the "
            "early close are no steps of the calendar")
    return (f"the rows missing are only the last bars of {listed}, sessions that closed early (a market's half days): "
            f"{give}")


def closing(session, holidays, dated: pd.Index) -> tuple:
    """``session`` (whose days skip set ``holidays``) closing early on the set's half days as the data (``dated``
    [N], its times as written) shows (``read``), and the note saying so (``_said``; None where there is none), for
    the caller to log once the calendar is settled (not before a refusal of the times' clock); kept as is where the
    session knows its closes already (a model's) or the set has no half days."""
    if session.early is not None or not isinstance(dated, pd.DatetimeIndex):
        return session, None
    early, said = read(session, holidays, zoneclock.wall(dated))
    return (session.closing(early) if early is not None else session), said or None

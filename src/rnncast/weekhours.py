"""Sessions whose weekdays keep different hours: a call centre's half-hour bars 08:00-19:30 on Monday to Friday and
09:00-12:30 on Saturday, a shop's shorter Sunday (decision 1786).

A ``sessions.Session`` keeps the bars of all its weekdays together (``after``: each one's time after the earliest
first bar) and, where the weekdays differ, ``hours``: for each weekday, Monday first, [B] bools saying which of those
bars it keeps (a weekday the session does not open on keeps none). ``freq=`` writes the weekdays of other hours as
parts after ``;``, each naming its weekdays: ``30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat`` (``read``,
``write``; the step once, at the start, for the whole week). ``kept`` masks ``sessions.grid``'s bars by them, as
``halfdays.kept`` masks a half day's bars from its close on, so that the calendar's walk (fit's ruler, forecast
dates, the missing rows, future covariates' dates, backtest cutoffs) steps over the bars a weekday does not keep.
``found`` finds them in the rows where a weekday's times of day are consistently fewer than the session's (only
where chance cannot explain the bars it never has: ``weekmasks.CHANCE``); ``week_bars`` is a week counted in bars,
the season of a calendar whose days differ in length (a day's bars are no season there).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import sessiontext, weekmasks
from rnncast.sessiondays import session_day
from rnncast.errors import RnncastError
from rnncast.spelling import counted

SPLIT = ";"
DAY = sessiontext.DAY
EPOCH_WEEKDAY = 3  # 1970-01-01, day 0 of numpy's days, was a Thursday (Monday is 0)


def read(freq) -> tuple[pd.Timedelta, pd.Timedelta, tuple, str, tuple | None] | None:
    """The session ``freq`` spells with weekdays of other hours (``30min 08:00-19:30 Mon Tue Wed Thu Fri;
    09:00-12:30 Sat``) as (step, the earliest first bar's time of day, each bar of any weekday's time after it, the
    week mask of all the parts' weekdays, ``hours`` [7][B] or None where every part keeps the same bars), or None
    where ``freq`` holds no ``;`` (``sessiontext.read`` reads it). A part that spells no session, a later part with
    a step of its own or naming no weekdays, a weekday named in two parts, and parts whose bars together last longer
    than a day or come within a step of each other are refused in one line naming what is accepted
    (``RnncastError``)."""
    if not isinstance(freq, str) or SPLIT not in freq:
        return None
    texts = [t.strip() for t in freq.split(SPLIT)]
    head = sessiontext.read(texts[0]) if texts[0] else None
    if head is None or not all(texts[1:]):
        raise RnncastError(f"freq={freq!r}: each part between ';' is a session's hours; {sessiontext.ACCEPTED}")
    alias, parts = texts[0].split()[0], [head]
    for text in texts[1:]:
        if not re.match(r"\d{1,2}:\d{2}", text) or re.search(r"\d\s*$", text):
            raise RnncastError(f"freq={freq!r}: the part {text!r} after ';' gives its first and last bars' times and "
                               f"then its weekdays, the step {alias!r} being the whole week's; {sessiontext.ACCEPTED}")
        spelled = f"{alias} {text}"
        try:
            parts.append(sessiontext.read(spelled))
        except RnncastError as err:  # named with the whole freq
            raise RnncastError(str(err).replace(f"freq={spelled!r}", f"freq={freq!r} (its part {text!r})", 1)) from None
    days = np.array([weekmasks.bits(mask) for *_, mask in parts])  # [P, 7]
    twice = np.flatnonzero(days.sum(axis=0) > 1)
    if len(twice):
        raise RnncastError(f"freq={freq!r} gives {weekmasks.DAYS[twice[0]]} two parts' hours; each weekday is named "
                           f"in one part; {sessiontext.ACCEPTED}")
    step = head[0]
    first = min(p[1] for p in parts)
    bars = [frozenset(p[1] - first + a for a in p[2]) for p in parts]  # [P] each part's bars after ``first``
    after = sorted(frozenset().union(*bars))
    if after[-1] + step > DAY:
        raise RnncastError(f"freq={freq!r}: the parts' bars together, from the earliest first bar on, last longer "
                           f"than a day; {sessiontext.ACCEPTED}")
    if any(b - a < step for a, b in zip(after, after[1:])):
        raise RnncastError(f"freq={freq!r}: the parts' bars are not all a step ({alias}) or more apart, so one calendar "
                           f"of {alias} bars holds no two of them; {sessiontext.ACCEPTED}")
    week = weekmasks.canonical(days.any(axis=0))
    if len(set(bars)) == 1:
        return step, first, tuple(after), week, None
    hours = [tuple(False for _ in after)] * 7
    for kept, on in zip(bars, days):
        for d in np.flatnonzero(on):
            hours[d] = tuple(a in kept for a in after)
    return step, first, tuple(after), week, tuple(hours)


def write(step: pd.Timedelta, first: pd.Timedelta, after: tuple, hours: tuple, week: str) -> str:
    """``freq=``'s text of a session with weekdays of other hours (``read``'s back), one part per set of hours, in
    the order of its first weekday in ``week`` (canonical): ``30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30
    Sat``."""
    parts = [text for text, _ in _parts(step, first, after, hours, week)]
    return f"{SPLIT} ".join([parts[0], *(text.split(" ", 1)[1] for text in parts[1:])])


def _parts(step, first, after, hours, week) -> list[tuple[str, int]]:
    """Each set of hours of ``write`` as (its text, its bars): ``('30min 08:00-19:30 Mon Tue Wed Thu Fri', 24)``, in
    the order of its first weekday in ``week``."""
    groups: dict = {}  # {the bars kept: [weekdays]}, in the week's order
    for name in week.split():
        d = weekmasks.DAYS.index(name)
        groups.setdefault(hours[d], []).append(d)
    out = []
    for kept, on in groups.items():
        bars = [a for a, k in zip(after, kept) if k]
        text = sessiontext.write(step, first + bars[0], tuple(b - bars[0] for b in bars),
                                 weekmasks.canonical([d in on for d in range(7)]), named=True)
        out.append((text, len(bars)))
    return out


def weekdays(days_ns: np.ndarray) -> np.ndarray:
    """[D] the weekday (Monday 0) of each day ``days_ns`` [D] (ns at midnight, naive)."""
    return (np.asarray(days_ns, dtype=np.int64) // DAY.value + EPOCH_WEEKDAY) % 7


def kept(hours: tuple, days_ns: np.ndarray) -> np.ndarray:
    """[D, B] whether each bar of each session day (``days_ns`` [D], ns at midnight: the day each session opened on)
    is one its weekday keeps (``hours`` [7][B])."""
    return np.asarray(hours, dtype=bool)[weekdays(days_ns)]


def each_day(session, days: pd.DatetimeIndex) -> np.ndarray:
    """[D, B] whether each day's session (``days`` [D]: the naive midnights they opened on, ``sessiondays.session_day``)
    keeps each bar of ``session`` (a ``sessions.Session``; every bar where its weekdays keep the same hours): what a
    half day or a holiday is judged against, each day by its own weekday's bars (decision 1837)."""
    if session.hours is None:
        return np.ones((len(days), len(session.after)), dtype=bool)
    return kept(session.hours, pd.DatetimeIndex(days).as_unit("ns").asi8)


def found(values: np.ndarray, offsets: np.ndarray, first: int, after: np.ndarray, day: int, min_days: int,
          chance: float) -> tuple | None:
    """``hours`` [7][B] of the rows ``values`` [N] (naive wall times as integers, each series sorted, cut at
    ``offsets`` [S + 1]) on a session of bars ``first`` + ``after`` [B] (in the same units, ``day`` a day), or None
    where every weekday keeps every bar. A weekday's hours are the run of bars from the first to the last it holds
    (a later opening or an earlier close; a bar missing inside them is missed by chance, decision 1834), on a
    weekday with ``min_days`` or more days (per series), and only where, at each bar's own rate on the weekdays
    holding it, missing all the bars before that run on each of its days (or all the bars after it) would come by
    chance less often than ``chance``: an illiquid stock's rare midday or closing bars are missed by chance."""
    opened = (values - first) // day  # [N] the day each row's session opened on
    bar = np.minimum(np.searchsorted(after, (values - first) % day), len(after) - 1)  # [N] its bar
    weekday = (opened + EPOCH_WEEKDAY) % 7
    series = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    counts = np.zeros((7, len(after)))  # [7, B] rows at each weekday's bars
    np.add.at(counts, (weekday, bar), 1)
    days = np.array([len(np.unique(np.stack([series[weekday == d], opened[weekday == d]]), axis=1).T)
                     for d in range(7)])  # [7] (series, day) pairs of each weekday
    held = counts > 0
    hours = np.ones((7, len(after)), dtype=bool)
    for d in np.flatnonzero((days >= min_days) & held.any(axis=1)):
        others = (np.arange(7) != d) & (days > 0)
        rate = counts[others].sum(axis=0) / np.maximum((held[others] * days[others][:, None]).sum(axis=0), 1)  # [B]
        by_chance = days[d] * np.log1p(-np.minimum(rate, 1 - 1e-12))  # [B] log chance of missing it every day
        ran = np.flatnonzero(held[d])
        lo = ran[0] if by_chance[: ran[0]].sum() < np.log(chance) else 0
        hi = ran[-1] + 1 if by_chance[ran[-1] + 1 :].sum() < np.log(chance) else len(after)
        hours[d] = (np.arange(len(after)) >= lo) & (np.arange(len(after)) < hi)
    return tuple(tuple(bool(k) for k in row) for row in hours) if not hours.all() else None


def on_week(hours: tuple | None, week: str) -> tuple | None:
    """``hours`` with the weekdays off ``week`` (canonical) keeping no bars; None where the weekdays of ``week``
    all keep the same bars (one set of hours)."""
    if hours is None:
        return None
    on = weekmasks.bits(week)
    if len({row for row, k in zip(hours, on) if k}) <= 1:
        return None
    none = tuple(False for _ in hours[0])
    return tuple(row if k else none for row, k in zip(hours, on))


def day_bars(session) -> dict[str, int]:
    """{weekday name: bars its session keeps} on the weekdays of ``session`` (a ``sessions.Session``), in its week's
    order: {'Mon': 24, ..., 'Sat': 8}."""
    hours = session.hours
    return {name: (sum(hours[weekmasks.DAYS.index(name)]) if hours is not None else session.bars)
            for name in session.week.split()}


def week_bars(session) -> int:
    """The bars of a week of ``session`` (holidays and half days apart): 128 for ``30min 08:00-19:30 Mon Tue Wed Thu
    Fri; 09:00-12:30 Sat`` (5 x 24 + 8)."""
    return sum(day_bars(session).values())


def days_said(session) -> str:
    """Each set of hours of ``session`` (weekdays of other hours) with its weekdays and bars, as ``freq=`` groups
    them: ``08:00-19:30 Mon Tue Wed Thu Fri (24 bars), 09:00-12:30 Sat (8)`` (decision 1838)."""
    parts = _parts(session.step, session.first, session.after, session.hours, session.week)
    return ", ".join(f"{text.split(' ', 1)[1]} ({n}{' bars' if not k else ''})" for k, (text, n) in enumerate(parts))


def first_short(session, wall: pd.DatetimeIndex) -> pd.Timestamp | None:
    """The first day strictly between the sessions of the first and the last of ``wall`` (naive wall times [N] of
    ``session``'s bars, in order: a calendar's grid or a series' rows) whose session keeps fewer bars than its weekday
    (a holiday: none; a half day), as the date it opened on; None where there is none (decisions 1835, 1839)."""
    if not len(wall):
        return None
    opened = session_day(wall, session)
    held, bars = opened.value_counts(), day_bars(session)
    return next((d for d in pd.date_range(opened[0] + DAY, opened[-1] - DAY)
                 if f"{d:%a}" in bars and held.get(d, 0) < bars[f"{d:%a}"]), None)


def shifted(session, season: int, shown: str, count: int, now: pd.Timestamp, back: pd.Timestamp,
            short: pd.Timestamp | None = None) -> str:
    """Fit's warning where ``season`` (steps), counted in bars of ``session`` (``shown``: its calendar as said) whose
    weekdays keep different hours, reads another time of day for ``count`` bars (the first: ``now`` reading
    ``back``): a season meant as whole days (144 as 6 sessions of 24 bars) reads other bars after a shorter day, and
    a week is ``week_bars`` bars (decision 1786). A season of whole weeks opens on the week of fewer bars, a
    holiday's or a half day's (``short``: its first day, ``first_short``), which is its cause (decision 1839)."""
    week = week_bars(session)
    read = (f"the seasonal naive forecast and MASE's scale read another time of day on {counted(count, 'bar')} (for "
            f"{now:%Y-%m-%d %H:%M}, {back:%Y-%m-%d %H:%M}'s), so that baseline, and the model's comparison with it, "
            "are off there")
    if not season % week:
        weeks = "a week" if season == week else f"{season // week} weeks"
        first = f" (the first: {short:%Y-%m-%d})" if short is not None else ""
        return (f"season {season} is {weeks} of the bars of {shown} ({days_said(session)}: {week} bars a week), but "
                f"weeks with holidays or half days keep fewer bars{first}: counted in bars, {read}")
    return (f"season {season} is counted in bars, but the weekdays of {shown} keep different hours ({days_said(session)}"
            f": {week} bars a week): counted in bars, {read}; a week of its bars is season {week} (season={week}, "
            f"--season {week})")

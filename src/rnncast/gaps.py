"""Rows missing from a series' regular calendar: the rows the calendar has and the data lacks.

``settle`` inserts them with NaN values where ``fill_gaps`` asks (for ``fills`` to fill; refused when it would
insert more than ten times the rows given: a timestamp typed wrong, named by the widest gap), or warns of
them once: how many, in how many series, the first few as the data writes its times, a clock going forward
that explains them, and a business-day calendar's holidays (``businessgaps``). ``loading.load_panel`` calls it once the
calendar is settled; ``label`` names a row's series in its messages. Data on a coarser calendar than one given
(a weekly file read on a daily model's calendar: most of a series' steps skip the calendar's, and alone it keeps
another calendar or none, ``owncalendars``' rule, fit's too) is refused, naming both, unless ``fill_gaps`` inserts
the rows between.
"""

from __future__ import annotations

import functools
import logging

import numpy as np
import pandas as pd

from rnncast import (blankholidays, businessdays, businessgaps, calendars, finersteps, halfdays, makeupdays, owncalendars, panelholidays,
                     sessiongaps, sessions, subdivholidays, weekmasks, zoneclock)
from rnncast.clockchanges import clock_change, first_skipped
from rnncast.gapruns import by_series
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.holidaysets import wall_days
from rnncast.layouts import Rows
from rnncast.spelling import counted, hint
from rnncast.timecalendar import Calendar
from rnncast.timetext import at_midnight, shown
from rnncast.zoneclock import series_named

log = logging.getLogger(__name__)


def settle(rows: Rows, codes, values, time, positions, offsets, ruler, calendar: Calendar | None, fill, fill_gaps: bool,
           announce: bool, attrs: dict, given: bool = False, kept: tuple | None = None):
    """The rows ``ruler`` (``calendars.settle``'s) finds missing from the calendar: inserted with NaN values
    (``fill_gaps``; ``fill`` must then be given), or warned of (``announce``). ``calendar``: the one calendar of
    every series, None where series have their own; ``given``: it was given (``freq=``, a model's), not inferred,
    so data on a coarser one is refused (``coarser``); ``kept``: ``(base, own)``, the series' own calendars where
    ``calendar`` is None (a series on plain weekdays missing mostly another's holidays: ``panelholidays``). Returns ``values`` [N, C], ``time`` [N], ``positions`` [N]
    and ``offsets`` [S + 1], with any rows inserted; raises ``RnncastError`` where inserting is refused."""
    steps, stamps = ruler.steps, ruler.stamps
    after = calendars.missing_rows(steps, offsets)  # [N] calendar steps missing after each row
    if not after.any():
        return values, time, positions, offsets
    if given and not fill_gaps and calendar is not None:
        coarser(rows, codes, time, offsets, after, calendar)
    if fill_gaps:
        if after.sum() > 10 * len(values) and after.sum() > 10_000:
            raise RnncastError(f"fill_gaps would insert {int(after.sum())} rows among {len(values)}: "
                               f"{_widest(after, time, positions, attrs, rows.text_format)}; correct that timestamp, or give "
                               "freq= (--freq) if the calendar is another")
        missing = _missing(codes, after, stamps, steps)  # built once: the rows inserted, and the days they fall on
        short = _short_days(time, after, calendar, missing) if announce else None
        finer = announce and finersteps.coarser_part(time, offsets, after, lambda i: place(int(positions[i]), attrs),
                                                     rows.text_format, rows.id_col and rows.given_id)[0]
        values, time, positions, offsets = _insert(values, time, positions, offsets, steps, after, missing(), rows, stamps)
        if finer:  # a coarser step's rows made up (decision 1990)
            log.warning("fill_gaps made up values between the rows of a coarser step: %s", finer)
        if short is not None:  # bars of a closed market made
            log.warning("fill_gaps made bars a market may never have traded: %s",
                        halfdays.said_short(short, calendar.holidays))
        if fill is None:
            which = "which has no values; fill it" if after.sum() == 1 else "which have no values; fill them"
            raise RnncastError(f"fill_gaps inserted {counted(int(after.sum()), 'missing row')}, {which} with "
                               "fill='ffill', 'interpolate' or 'zero' (--fill ffill|interpolate|zero)")
    elif announce:
        _warn_gaps(rows, codes, time, after, calendar, stamps, steps, offsets, kept, lambda i: place(int(positions[i]), attrs),
                   values, fill)
        if after.sum() > len(values):
            log.warning("more rows are missing than given: %s; is that timestamp a typo?",
                        _widest(after, time, positions, attrs, rows.text_format))
    return values, time, positions, offsets


def coarser(rows: Rows, codes, time, offsets, after, calendar: Calendar) -> None:
    """Refuse a series that ``calendar`` does not fit by ``owncalendars.others`` (``after`` [N]: the calendar's
    steps missing after each row): most of its steps skip the calendar's, and on its own it keeps a coarser
    calendar, or none, whose rows read on this one would be taken as consecutive steps. A series whose own
    calendar is this one with rows missing (a daily series with most days missing, as fit read it) is not
    refused: ``settle`` warns of its gaps. The refusal names the series' most common step (and how many of its
    steps have it), the calendar it keeps, the calendar read and the remedy (``hint('freq')``)."""
    other = owncalendars.others(time, codes, after, offsets)
    if not other:
        return
    s = min(other)
    piece = time[offsets[s] : offsets[s + 1]]
    who = "the data's rows are" if rows.id_col is None else f"the rows of series {rows.given_id(s)!r} are"
    step = owncalendars.common_step(piece, after[offsets[s] : offsets[s + 1] - 1] + 1)
    own = other[s]
    keeps = "" if not isinstance(piece, pd.DatetimeIndex) else (
        f" and keep the calendar {Calendar('datetime', own[0]).shown}" if own is not None else " and keep no calendar")
    raise RnncastError(f"{who} most often {step}{keeps}, but the calendar read is {calendar.shown}, on which "
                       f"each row would be taken as the step after the one before; {hint('freq', COARSER_HINT)}")


ZERO = "fill='zero' to write 0 in (no sale: what fill='zero' says an absent row is)"  # the remedy under zero fill
COARSER_HINT = "give freq= (--freq) the data's own calendar, or leave it unset to infer it"  # not fill_gaps: filled
# values are not scored, so a weekly series filled to days leaves nothing to score (decision 243)


def label(rows: Rows, code) -> str:
    """How a message names the series of code ``code``: "" for a single series, else ``series 'a' at ``."""
    return "" if rows.id_col is None else f"series {rows.given_id(code)!r} at "


def _insert(values, time, positions, offsets, steps, after, new_stamps, rows: Rows, stamps=None):
    """``fill_gaps``: the rows the calendar has and the data lacks (``new_stamps``: ``_missing``'s), inserted with NaN
    values; how many said, the first three named as the data writes its times, a panel's by series with its longest run
    (``gapruns.by_series``, ``stamps``: the ruler's)."""
    n, total = len(values), len(values) + int(after.sum())
    at = np.arange(n) + np.concatenate([[0], np.cumsum(after)[:-1]])  # [N] new row of each old row
    new_values = np.full((total, values.shape[1]), np.nan)
    new_values[at] = values
    new_positions = np.full(total, -1, dtype=np.int64)
    new_positions[at] = positions
    lengths = steps[offsets[1:] - 1] + 1  # [S] rows of each series on the calendar
    new_offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    series = np.repeat(np.arange(len(lengths)), lengths)
    inserted = np.ones(total, dtype=bool)
    inserted[at] = False
    keys = np.empty(total, dtype=np.int64)
    keys[at] = time.asi8 if hasattr(time, "asi8") else time.to_numpy(dtype=np.int64)
    keys[inserted] = new_stamps.asi8 if hasattr(new_stamps, "asi8") else new_stamps.to_numpy(dtype=np.int64)
    if isinstance(time, pd.DatetimeIndex):
        unit = pd.DatetimeIndex(keys.view(f"M8[{time.unit}]"))
        new_time = unit.tz_localize("UTC").tz_convert(time.tz) if time.tz is not None else unit
    elif isinstance(time, pd.PeriodIndex):
        new_time = pd.PeriodIndex.from_ordinals(keys, freq=time.freq)
    else:
        new_time = pd.Index(keys)
    day, codes = at_midnight(time), series[inserted]
    first = [f"{label(rows, int(codes[j]))}{shown(new_stamps[j], day, rows.text_format)}" for j in range(min(3, total - n))]
    where = (", ".join(first) if rows.id_col is None or len(first) < 2 or stamps is None else  # a panel's by series (decision 1893)
             by_series(rows.given_id, series[at], after, stamps, steps, day, rows.text_format))
    log.warning("fill_gaps inserted %s (%s%s)", counted(total - n, "missing row"),
                "first: " if total - n > 3 and rows.id_col is None else "", where)
    return new_values, new_time.rename(time.name), new_positions, new_offsets




def _warn_gaps(rows: Rows, codes, time, after, calendar: Calendar, stamps, steps, offsets, kept=None, where=str,
               values=None, fill=None) -> None:
    """Rows missing from a regular calendar: how many, in how many series, the first few; where series keep their own
    calendars (``kept``: ``(base, own)``), a series on plain weekdays whose gaps are mostly a set's holidays; a series
    whose step turns finer (``finersteps.coarser_part``, rows named by ``where(i)``: decision 1990); gaps and blanks
    (``values`` [N, C]) on each series' own market's holidays (``blankholidays.gaps_said``: decision 2047). Under
    ``fill`` 'zero' (an absent row is no sale) the line is a refusal (``RnncastError``) naming ``fill_gaps``, which
    inserts the rows for it to write 0 in, unless a coarser step explains them all (decision 2116)."""
    gaps = np.flatnonzero(after)
    day = at_midnight(time)
    first = []
    for i in gaps[:3]:
        s = int(codes[i])
        missing = stamps(np.full(min(int(after[i]), 3), s), steps[i] + 1 + np.arange(min(int(after[i]), 3)))
        first += [f"{label(rows, s)}{shown(t, day, rows.text_format)}" for t in missing]
    alone = rows.id_col is None and len(gaps) == 1 and after.max() > 1  # one series' one run (decision 2245)
    first = (f"first: {', '.join(first[:3])}" if (rows.id_col is None and not alone) or after.sum() < 2 else  # 1893
             by_series(rows.given_id, codes, after, stamps, steps, day, rows.text_format, alone))
    series = len(np.unique(codes[gaps]))
    whose = "" if rows.id_col is None else f" in {series} series"
    which = f"the {calendar.shown} calendar" if calendar is not None else "their calendars"
    remedy = (f"fill_gaps=True (--fill-gaps) inserts them for {ZERO if fill == 'zero' else 'fill= (--fill) to fill'}"
              ", or give freq= (--freq) if the calendar is another")
    if calendar is not None and calendar.holidays is None and businessdays.plain_business(calendar.freq):
        remedy = values is not None and isinstance(time, pd.DatetimeIndex) and blankholidays.gaps_said(
            values, time, offsets, calendar.weekmask, rows.given_id) or \
            f"{businessgaps.hint(time, offsets, calendar, rows.text_format)}; {remedy.replace('inserts them', 'inserts true gaps')}"
    elif calendar is None and kept is not None and isinstance(time, pd.DatetimeIndex):
        sets = [c.holidays if c.holidays is not None else None if businessdays.plain_business(c.freq) else ""
                for c in (kept[1].get(s, kept[0]) for s in range(len(offsets) - 1))]
        said = panelholidays.hint(time, offsets, sets, [rows.given_id(s) for s in range(len(sets))], rows.text_format)
        remedy = f"{said}; {remedy.replace('inserts them', 'inserts true gaps')}" if said else remedy
    elif isinstance(time, pd.DatetimeIndex) and (apart := panelholidays.sessions_apart(
            time, offsets, calendar, [rows.given_id(s) for s in range(len(offsets) - 1)])):  # two sites' holidays
        remedy = f"{apart}; {remedy.replace('inserts them', 'inserts true gaps')}"
    elif calendar is not None and calendar.holidays is not None and subdivholidays.daily(calendar.days) and (
            sub := subdivholidays.missing_in(calendar.holidays, wall_days(sessions.opened(time, calendar.session)),
                                             offsets, [rows.given_id(s) for s in range(len(offsets) - 1)],
                                             calendar.weekmask, rows.text_format)):  # GB's, not GB-ENG's (decisions 1984, 2109)
        remedy = f"{sub}; {remedy.replace('inserts them', 'inserts true gaps')}"
    elif calendar is not None and calendar.holidays is not None and subdivholidays.daily(calendar.days) and \
            calendar.session is None and (other := businessgaps.other_set(time, offsets, calendar, rows.text_format)):
        remedy = f"{other}; {remedy.replace('inserts them', 'inserts true gaps')}"  # JP given, JPX's days (decision 2046)
    if calendar is not None and (worked := makeupdays.said(time)) is not None:  # 调休: weekends worked (decision 1474)
        remedy = f"{worked}; {remedy}"
    missing = _missing(codes, after, stamps, steps)  # built at most once, for both
    if calendar is not None and calendar.holidays is None and isinstance(calendar.freq, pd.offsets.Week) and \
            isinstance(time, pd.DatetimeIndex) and len(days := np.unique(wall_days(pd.DatetimeIndex(missing())))):
        every = "the missing row is" if after.sum() == 1 else f"all {int(after.sum())} missing rows are"
        if name := businessdays.all_of(days):  # several dates, each a holiday of one market
            remedy = f"{every} on {name} holidays (weeks the data skips where the market closed on the calendar's day); {remedy}"
        elif len(days) == 1 and (name := businessdays.all_of(days, least=1)):  # one date: hedged (decision 1610)
            remedy = (f"{every} on one date, {days[0]}, a holiday of {name}: if the data follows that market's days, that "
                      f"may be why, but one date is too few to tell (any date can be some market's holiday); {remedy}")
    week = _week_kept(time, after, calendar, missing)
    if week is not None:  # a Sun-Thu file too short for inference to rule out chance
        remedy = f"the rows missing are the weekdays no row falls on: give freq={week!r} (--freq {week!r}) if the " \
                 f"data keeps that week; {remedy}"
    short = _short_days(time, after, calendar, missing)
    if short is not None:  # the last bars of a few days: a market's half days (which series closed early on them)
        early = np.unique(codes[gaps]) if rows.id_col is not None else []
        days = zoneclock.wall(time).normalize()
        whole = np.setdiff1d(np.unique(codes[days.isin(short.normalize())]), early) if len(early) else []  # sorted
        named = [series_named([rows.given_id(s) for s in group]) if len(group) else "" for group in (early, whole)]
        remedy = f"{halfdays.said_short(short, calendar.holidays, *named)}; {remedy}"
    elif (hours := _session_gaps(time, after, calendar, missing)) is not None:  # hours changed, holidays (decision 1617)
        remedy = f"{hours[0]}; {remedy}" if hours[1] else hours[0]
    finer, alone = finersteps.coarser_part(time, offsets, after, where, rows.text_format,
                                           rows.id_col and rows.given_id)  # a step changed (decision 1990)
    remedy = finer if alone else f"{finer}; {remedy}" if finer else remedy  # a coarser step, not rows lost: no fill
    missing = "1 row is" if after.sum() == 1 else f"{int(after.sum())} rows are"
    head, tail = f"{missing} missing from {which}{whose} ({first}); ", \
        f"{remedy}{_sprung(codes, time, after, stamps, steps, rows.text_format, day)}"
    if fill == "zero" and not alone:  # the user said an absent row is no sale: not read as consecutive rows
        raise RnncastError(f"{head}fill='zero' (--fill zero) writes 0 in the blank values of the rows given, and without "
                           f"the rows missing those either side of each gap would be read as consecutive steps: {tail}")
    log.warning("%s%s", head, tail)




def _missing(codes, after, stamps, steps):
    """A function returning the times [M] of every row missing (``after`` [N]: after each row), in the order
    ``_insert`` puts them, built on its first call only: ``_insert``, ``_week_kept`` and ``_short_days`` share them."""
    return functools.cache(lambda: _missing_at(codes, after, np.flatnonzero(after), stamps, steps)[0])


def _missing_at(codes, after, gaps: np.ndarray, stamps, steps):
    """``(times, counts)``: the times [M] of the rows missing after the rows ``gaps`` [G] (``after`` [N]: how many after
    each row), gap by gap, and how many each gap misses [G]: ``_missing``'s of every gap, ``_sprung``'s of the first
    few."""
    counts = after[gaps].astype(np.int64)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return stamps(np.repeat(codes[gaps], counts), np.repeat(steps[gaps], counts) + 1 + within), counts


def _week_kept(time, after, calendar, missing) -> str | None:
    """The week of business days a daily ('D') calendar's data keeps when its missing rows (``missing()``) are
    exactly the weekdays no row falls on ('B', 'Sun Mon Tue Wed Thu'), else None."""
    if calendar is None or calendar.holidays is not None or weekmasks.days_of(calendar.freq) != weekmasks.EVERY \
            or not isinstance(time, pd.DatetimeIndex) or not 0 < after.sum() <= 100_000:
        return None
    held, lacked = set(time.day_of_week), set(missing().day_of_week)
    if held & lacked:
        return None
    week = weekmasks.canonical([d in held for d in range(7)])
    return "B" if week == weekmasks.BUSINESS else week


def _short_days(time, after, calendar, missing) -> pd.DatetimeIndex | None:
    """The days a session calendar without half days (``calendar.session``) misses only the last bars of, where
    those are every row missing (``missing()``: ``halfdays.short_days``), else None."""
    session = calendar.session if calendar is not None else None
    if session is None or session.early is not None or not isinstance(time, pd.DatetimeIndex) or \
            not 0 < after.sum() <= 100_000:
        return None
    wall = zoneclock.wall  # sessions run on wall time
    return halfdays.short_days(session, wall(pd.DatetimeIndex(missing())), wall(time))


def _session_gaps(time, after, calendar, missing) -> tuple[str, bool] | None:
    """``sessiongaps.said`` of the rows missing from a session calendar without half days, ``sessiongaps.weekends``
    of those from a calendar of fixed steps, else None."""
    if calendar is None or not isinstance(time, pd.DatetimeIndex) or \
            not 0 < after.sum() <= 100_000:
        return None
    wall = zoneclock.wall  # sessions run on wall time
    if isinstance(calendar.freq, pd.offsets.Tick):  # a 24/5 feed too short for its session to be found
        line = sessiongaps.weekends(pd.Timedelta(calendar.freq), wall(pd.DatetimeIndex(missing())), wall(time))
        return (line, True) if line else None
    return sessiongaps.said(calendar.session, wall(pd.DatetimeIndex(missing())), wall(time))


def _sprung(codes, time, after, stamps, steps, fmt, day: bool) -> str:
    """The clause of ``clockchanges.clock_change`` for the first of the first 50 gaps of at most 4 rows, or of one
    hour exactly (``_hour_long``), whose missing times a clock going forward explains (naive times only; ``day``:
    ``time`` all at midnight); "" if none. The gaps' times are built, and each zone read, once for all 50
    (``clockchanges.first_skipped``)."""
    if not isinstance(time, pd.DatetimeIndex) or time.tz is not None:
        return ""
    gaps = np.flatnonzero(((after > 0) & (after <= 4)) | _hour_long(time, after))[:50]
    if not len(gaps):
        return ""
    missing, counts = _missing_at(codes, after, gaps, stamps, steps)
    g = first_skipped(missing, counts)
    if g is None:
        return ""
    start = int(counts[:g].sum())
    group = missing[start : start + int(counts[g])]
    return clock_change(group, shown(group[0], day, fmt), False)


def _hour_long(time: pd.DatetimeIndex, after: np.ndarray) -> np.ndarray:
    """[N] whether the rows missing after each row span one hour exactly (12 rows of 5-minute data, 360 of 10-second):
    the hour a clock skips in spring, which t31t1's 5-minute, 1-minute and 10-second local data lost to the 4-row limit
    and were told to fill (decision 1499). The step is the gap's own: its span over the rows it holds plus one."""
    hour = np.zeros(len(after), dtype=bool)
    at = np.flatnonzero(after[: len(time) - 1] > 4)
    if len(at):  # span * k == H * (k + 1), i.e. k * (span - H) == H: k divides H and span - H is H // k (no overflow)
        span = (time[at + 1] - time[at]).as_unit("ns").asi8  # [gaps] int64 ns, exact
        k, h = after[at].astype(np.int64), np.int64(3_600_000_000_000)
        hour[at] = (h % k == 0) & (span - h == h // k)
    return hour


def _widest(after: np.ndarray, time, positions, attrs, fmt: str | None = None) -> str:
    """The widest gap of the calendar, named by the rows on either side (as the data writes them: ``fmt``)."""
    i, day = int(np.argmax(after)), at_midnight(time)
    return (f"the timestamps jump from {shown(time[i], day, fmt)} ({place(int(positions[i]), attrs)}) to "
            f"{shown(time[i + 1], day, fmt)} "
            f"({place(int(positions[i + 1]), attrs)}), {counted(int(after[i]) + 1, 'step')} of the calendar apart "
            f"({counted(int(after[i]), 'row')} missing between them)")

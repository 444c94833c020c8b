"""Timestamps no calendar explains, said: the few rows off the calendar the others keep (a typo among month ends),
named by row, and that calendar kept for predict to date forecasts on (``kept``: ``keptdates``); else the steps the
timestamps take. For one series (``calendars.settle``), for each series of a panel that keeps no calendar while others
do (fit's warnings, ``unsettled``; ``kept_alone``), and for such a series that predict leaves out of a panel's
forecasts (``undated``, where none is kept): its forecasts cannot be dated, the others' can."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from rnncast import businessdays, businessmonths, clockshift, finersteps, tradingweeks, weekmasks, zoneclock
from rnncast.irregularsteps import irregular
from rnncast.nearholidays import said as near_said, without
from rnncast.rowseries import row_series
from rnncast.offsetguess import candidates
from rnncast.holidaysets import holiday_of
from rnncast.rulers import Ruler
from rnncast.timecalendar import Calendar, Kept, market_of
from rnncast.spelling import counted, some, spelled
from rnncast.timetext import shown, writes_instants

FEW = 3  # series that keep no calendar, said each in its own line; more: in one
OTHERS = " (predict forecasts the other series)"  # a series of a panel whose others keep their calendars
UNASKED = object()  # most_kept did not ask businessdays.explain of the calendar it found: on_market asks


def few_off(time: pd.DatetimeIndex, offsets: np.ndarray, where, tried: list, fmt=None, one: str = "") -> str | None:
    """Where no calendar explains the timestamps but all but a few rows keep one (a typo among month ends, a month
    to date after them, or a market's last trading day moved by a holiday): the warning naming the rows off it
    (``most_kept``) by ``where(i)``, the calendar the others keep, that predict dates forecasts on it (fit keeps it:
    ``kept``, decision 682) and the remedies; else None. ``one``: ``time`` is one series of a panel."""
    found = most_kept(time, offsets, tried)
    if found is None:
        return None
    offset, off, market, _ = on_market(time, offsets, *found, refuse=False)  # a Saturday among NYSE days
    return said(time, offsets, offset, off, where, fmt, one, market)


def most_kept(time: pd.DatetimeIndex, offsets: np.ndarray, tried: list) -> tuple | None:
    """``(offset, off, explained)``: the calendar of ``tried`` that all but a few rows keep (at most 5, and a twentieth
    of the rows), those rows (positions, the first off first), where it leaves out fewest, and ``_holidays``' answer
    for it (``UNASKED``: none asked; ``on_market`` takes it); else None. No series is left out whole (``calendars``)."""
    n = len(time)
    most = min(5, n // 20)
    if most < 1 or (np.diff(offsets) < 3).any():
        return None
    found = None
    for offset in tried:
        walked, explained = walk(time, offsets, offset, most), UNASKED
        if walked is not None and 0 < len(walked[0]) and (walked[1].missing <= len(walked[0]) + n // 20 or (
                explained := _holidays(time, offsets, offset)) is not None):  # KRX: 6% of weekdays
            if found is None or len(walked[0]) < len(found[1]):
                found = (offset, walked[0], explained)
    return found


def _holidays(time: pd.DatetimeIndex, offsets: np.ndarray, offset):
    """The holiday set (``businessdays.explain``'s, not refusing) explaining the weekdays missing from ``offset``, plain
    business days; None where none does or ``offset`` is not plain business days (``on_market``'s)."""
    return (businessdays.explain(time, offsets, weekmasks.of(offset), refuse=False)
            if businessdays.plain_business(offset) else None)


def fewer_off(time: pd.DatetimeIndex, offsets: np.ndarray, tried: list, missing: int) -> bool:
    """Whether a calendar of ``tried`` that all but a few rows keep (``most_kept``) leaves fewer rows off and missing,
    together, than the ``missing`` rows of the calendar that explains every row: one stray Saturday among business
    days is a row off 'B', not 'D' (or Monday to Saturday) missing every other weekend day."""
    found = most_kept(time, offsets, tried)
    walked = None if found is None else walk(time, offsets, found[0], len(found[1]))
    return walked is not None and len(found[1]) + walked[1].missing < missing


def walk(time: pd.DatetimeIndex, offsets: np.ndarray, offset, most: int) -> tuple[list, Ruler] | None:
    """``(off, ruler)``: the rows (positions) ``offset`` leaves out, found by walking the rows and leaving out the
    first row off it until it explains the rest (``ruler`` places those), where at most ``most`` are; else None."""
    n, series = len(time), row_series(offsets)
    keep, off = np.arange(n), []
    while len(off) <= most:
        cut = np.concatenate([[0], np.cumsum(np.bincount(series[keep], minlength=len(offsets) - 1))])
        ruler = Ruler.of(time[keep], cut, offset) if (np.diff(cut) > 1).all() else None
        if ruler is None or ruler.bad is None:
            break
        off.append(int(keep[ruler.bad]))
        keep = np.delete(keep, ruler.bad)
    return (off, ruler) if ruler is not None and ruler.bad is None and len(off) <= most else None


def on_market(time: pd.DatetimeIndex, offsets: np.ndarray, offset, off: list, explained=UNASKED, refuse=True) -> tuple:
    """``(offset, off, market, note)``: ``most_kept``'s calendar, business days without the holiday set that explains
    weekdays missing (``businessdays.explain``, on days: 'B' without NYSE holidays, ``market`` 'NYSE', ``note`` what it
    says of them) where it is plain business days and the rows ``off`` it are a Saturday among NYSE days, or a
    market's early closes on its days (NYSE's 13:00 among 16:00: days it traded on); else as found, ``market`` and ``note``
    None; ``explained``: ``most_kept``'s, asked again where unasked or to refuse. Raises ``RnncastError`` as
    ``explain`` does (sets that differ after the data), or (``refuse`` False: a panel's series) takes them as none."""
    if not businessdays.plain_business(offset):
        return offset, off, None, None
    if explained is UNASKED or (refuse and explained is not None and explained.differs):  # rows off it on its days
        explained = businessdays.explain(time, offsets, weekmasks.of(offset), refuse=refuse)
    explained = None if explained is not None and explained.differs else explained
    return (offset, off, None, None) if explained is None else (explained.offset, off, explained.name, str(explained))


def kept(time: pd.DatetimeIndex, offset, off: list, fmt=None, market: str | None = None) -> Kept:
    """What fit keeps of the calendar ``offset`` that all rows of ``time`` but ``off`` keep (``most_kept``), for
    predict to date forecasts on it: the rows off it as the column writes them (``fmt``); ``market``: the holiday
    set it skips (``on_market``)."""
    market = market or market_of(offset)
    on = Calendar("datetime", offset, None if time.tz is None else str(time.tz), time.name, holidays=market)
    return Kept(on, len(time) - len(off), len(time), tuple(shown(time[i], time, fmt) for i in off))


def said(time: pd.DatetimeIndex, offsets: np.ndarray, offset, off: list, where, fmt=None, one: str = "",
         market: str | None = None) -> str:
    """``few_off``'s warning of the rows ``off`` the calendar ``offset`` (``most_kept``'s): ``named_off``, then what
    the model does and the remedies."""
    series = row_series(offsets)
    last = all(i == offsets[series[i] + 1] - 1 for i in off)  # each a series' last row: a period to date?
    what = ("the last row" if len(off) == 1 else "the last rows") if last else ("it" if len(off) == 1 else "them")
    fix = (f"drop {what} if its period is still under way (a month to date), or correct {'it' if len(off) == 1 else 'them'}"
           if last else f"correct {what} if a typo, or drop {what}")
    fix = f"{early}, or {fix}" if (early := _early(time, offset, off, fmt)) else fix
    if (shut := market or market_of(offset)) and not last and all(holiday_of(shut, time[i]) for i in off):  # decision 2045
        falls = f"it falls on a {shut} holiday" if len(off) == 1 else f"they fall on {shut} holidays"
        fix = (f"drop {what} ({falls}, when the market is shut: a vendor's stale {'row' if len(off) == 1 else 'rows'}), "
               f"and fit finds that calendar without {what}")
    close = not market and businessdays.plain_business(offset) and without(time, offsets, off, weekmasks.of(offset))
    close = f"; {near_said(close, time, fmt, bool(one))}" if close else ""  # and a holiday row: the set named (decision 1433)
    return (f"{named_off(time, offset, off, where, fmt, one, market)}, so the model takes {'its' if one else 'the'} rows as "
            f"consecutive and predict dates its forecasts on that calendar: {fix}, or give freq= (--freq) where the data "
            f"keeps another calendar (a market's last trading day of the month or of the week: freq='BME' or 'W-FRI' "
            f"with holidays= naming the market){close}")


def _early(time: pd.DatetimeIndex, offset, off: list, fmt=None) -> str | None:
    """Where the rows ``off`` the calendar ``offset`` fall on its days at another time of day than every other row's
    (a market's early closes: Euronext's 14:05 among 17:30), how to keep them: a pandas line (``day_line``); else None."""
    rest = time.delete(off)
    clock, theirs = zoneclock.day_seconds(rest), zoneclock.day_seconds(time[off])
    if not len(rest) or (clock != clock[0]).any() or (theirs == clock[0]).any():
        return None
    try:
        if not all(offset.is_on_offset(d) for d in time[off].normalize() + pd.Timedelta(seconds=int(clock[0]))):
            return None
    except (AttributeError, TypeError, ValueError):  # no pandas offset (a session's bars): not a day's close
        return None
    like = ", as a market's early closes" if (theirs < clock[0]).all() else ""  # a meter's 13:00 among 09:00: no close
    return (f"to keep them (they fall on its days at another time than the others' {rest[0].strftime('%H:%M')}{like}), "
            f"date each row by its day, e.g. with pandas: {day_line(time, fmt)}")


def early_given(time: pd.DatetimeIndex, offsets: np.ndarray, offset, fmt=None, market: str | None = None) -> str | None:
    """Where the calendar ``offset`` given (freq='B'; ``market``: the holidays it skips) leaves out a few rows of
    ``time`` that all its others keep, what its refusal says: the rows that are a market's early closes on its days
    (``_early``) and the pandas line dating each by its day; else that the others keep it (a Saturday among NYSE
    days is a row to correct or drop, not a sign of calendar days); None where more rows are off it."""
    walked = walk(time, offsets, offset, max(1, min(5, len(time) // 20))) if len(time) >= 20 else None
    if walked is None or not (off := walked[0]):
        return None
    named = ", ".join(f"{shown(time[i], time, fmt)}{f' ({d[2:]})' if (d := day_named(time[i], offset, market)) else ''}"
                      for i in off[:3]) + (" ..." if len(off) > 3 else "")  # 2024-03-09 (a Saturday)
    if (early := _early(time, offset, off, fmt)) is not None:
        return f"{counted(len(off), 'row')} ({named}) are off it: {early}"
    if walked[1].missing > len(off) + len(time) // 20:  # a calendar with many steps missing: not the data's
        return None
    if len(off) == 1:
        day = day_named(time[off[0]], offset, market)
        return (f"{f'it is {day[2:]}, and ' if day else ''}the other {len(time) - 1} rows keep that calendar: correct "
                "it if a typo, or drop it")
    return (f"{len(off)} rows are off it ({named}), and the other {len(time) - len(off)} rows keep that calendar: "
            "correct them if typos, or drop them")


def day_line(time: pd.DatetimeIndex, fmt=None) -> str:
    """The pandas line dating each row of ``time`` by its day on the clock it is read on: naive text (``fmt`` without
    a UTC offset, as tz= localizes it) by its own date; text written with offsets converted to the zone first
    (``utc=True``: instants); datetimes of unknown writing (no ``fmt``) in a zone: the naive line, then the zoned one."""
    column = time.name if time.name is not None else "time"
    naive = f"df[{column!r}] = pd.to_datetime(df[{column!r}]).dt.normalize()"
    if time.tz is None:
        return naive
    zoned = f"df[{column!r}] = pd.to_datetime(df[{column!r}], utc=True).dt.tz_convert({str(time.tz)!r}).dt.normalize()"
    if fmt is None:
        return f"{naive} (for times written with a UTC offset: {zoned})"
    return zoned if writes_instants(fmt) else naive  # %z, %:z, or a written Z: instants, else wall times
def named_off(time: pd.DatetimeIndex, offset, off: list, where, fmt=None, one: str = "", market: str | None = None) -> str:
    """The rows ``off`` the calendar ``offset`` the others of ``time`` keep, named by ``where(i)`` as the column writes
    them (``fmt``): "timestamp 2024-03-29 (line 5) is off the calendar 'ME' the other 59 rows keep"."""
    market = market or market_of(offset)
    named = ", ".join(f"{shown(time[i], time, fmt)} ({where(i)}{day_named(time[i], offset, market)})" for i in off)
    which = f"timestamp {named} is" if len(off) == 1 else f"timestamps {named} are"
    shown_as = Calendar("datetime", offset, holidays=market).shown
    return f"{which} off the calendar {shown_as} the other {len(time) - len(off)} rows{' of that series' if one else ''} keep"


def day_named(day: pd.Timestamp, offset, market: str | None = None) -> str:
    """What a row off the daily calendar ``offset`` falls on: ", a Saturday" (a day its week leaves out),
    ", Independence Day, a NYSE holiday" (of ``market``, the set it skips; a month end's or a week's too); "" for any
    other."""
    week = weekmasks.days_of(offset)
    if week is not None and day.day_name()[:3] not in week.split():
        return f", a {day.day_name()}"
    what = holiday_of(market, day) if market is not None else None  # a month end's too (decision 2045)
    return f", {what}, a {market} holiday" if what else ""


def unsettled(time: pd.DatetimeIndex, offsets: np.ndarray, series: list, where, name, fmt=None,
              calendars: list | None = None) -> list[str]:
    """Fit's warnings of the ``series`` (positions) of a panel that keep no calendar of their own while others do
    (``calendars.settle``, which says nothing of them): each one's rows off the calendar its other rows keep
    (``few_off``), named by ``where(i)`` (``i`` a row of the panel), else its steps (``irregular``); ``name(s)``:
    series ``s``'s id as given. More than ``FEW`` such series are said in one line (33 near-identical lines were
    written for a till export's weekly series): how many, the first few, the first one's warning, and the calendar
    most of the panel's series keep (``calendars``: each series' ``Calendar``) to name with freq=."""
    others = OTHERS if len(series) < len(offsets) - 1 else " (nor any other series')"
    said = [s for s in series if offsets[s + 1] - offsets[s] >= 3]  # fewer rows: nothing to say of their steps

    def line(s) -> str:  # series s's warning, built only where it is said
        piece, cut = time[offsets[s] : offsets[s + 1]], np.array([0, offsets[s + 1] - offsets[s]])
        at = lambda i: where(int(offsets[s]) + i)  # noqa: E731
        return few_off(piece, cut, at, tried(piece), fmt, others) or irregular(piece, cut, at, fmt, name(s), others)

    def changed(s) -> str:  # a probe logging every 3 h, then every hour: named apart from any rounding (decision 1940)
        return finersteps.said(time[offsets[s] : offsets[s + 1]], lambda i: where(int(offsets[s]) + i), fmt)

    def shifted(s) -> str | None:  # a clock an hour off for a month, of a series after the first (decision 1941)
        cut = np.array([0, offsets[s + 1] - offsets[s]])
        return clockshift.said(time[offsets[s] : offsets[s + 1]], cut, None, lambda i: where(int(offsets[s]) + i), fmt)

    if len(said) <= FEW:
        return [line(s) + (f"; {c}" if (c := changed(s)) else "") for s in said]
    changes = [c for s in said if (c := changed(s) or s != said[0] and shifted(s))]  # the first's line names its own
    more = f" ({len(changes) - 3} more series change their step or clock)" if len(changes) > 3 else ""
    first = line(said[0])  # a few rows off a calendar: predict dates on it; else none dates them (decision 2273)
    piece = time[offsets[said[0]] : offsets[said[0] + 1]]
    dated = ": a few rows off the calendar their other rows keep, on which predict dates their forecasts" if few_off(
        piece, np.array([0, len(piece)]), lambda i: "", tried(piece), fmt, others) else ", so their forecasts cannot be dated"
    return [f"{len(said)} series keep no calendar of their own{dated} "
            f"({some([repr(name(s)) for s in said], 3)}); the first: {first}{_most(calendars or [])}"
            + "".join(f"; {c}" for c in changes[:3]) + more]


def _most(calendars: list) -> str:
    """"; 106 of the 195 series keep the calendar 'W-SAT': to read every series on it, ..., give freq='W-SAT', --freq
    W-SAT" (as ``spelling.spelled`` writes it: a session of weekday hours quoted for a shell, decision 1840) where
    more than half of them keep one (said as every calendar is, ``Calendar.shown``: 'BME' without NYSE holidays, with
    holidays= beside freq=, never pandas' 'CBME' or 'C'); else ""."""
    kept = Counter(c for c in calendars if c.freq is not None and isinstance(c.freq_text, str))
    if not kept or (top := kept.most_common(1)[0])[1] * 2 <= len(calendars):
        return ""
    c = top[0]
    alias = "B" if isinstance(c.freq, pd.offsets.CustomBusinessDay) and c.weekmask is None else c.freq_text
    given = spelled("freq", alias) + ("" if c.holidays is None else f" with {spelled('holidays', c.holidays)}")  # decision 1840
    return (f"; {top[1]} of the {len(calendars)} series keep the calendar {c.shown}: to read every series on it, the "
            f"steps a series lacks as its gaps, give {given}")


def tried(piece: pd.DatetimeIndex) -> list:
    """The calendars worth trying for the one series ``piece``: pandas' inference, a market's month and week ends."""
    cut = np.array([0, len(piece)])
    return candidates(piece, cut) + businessmonths.near(piece, cut) + tradingweeks.near(piece, cut)


def kept_alone(piece: pd.DatetimeIndex) -> Kept | None:
    """What fit keeps (``kept``) of the calendar all but a few rows of the one series ``piece`` keep, where one
    does (``most_kept``); else None: its forecasts cannot be dated."""
    found = most_kept(piece, np.array([0, len(piece)]), tried(piece)) if len(piece) > 2 else None
    if found is None:
        return None
    offset, off, market, _ = on_market(piece, np.array([0, len(piece)]), *found, refuse=False)
    return kept(piece, offset, off, None, market)


def undated(time, offsets: np.ndarray, ids: list, own: dict, base: Calendar, name, fmt=None) -> tuple[list, str]:
    """The series of a panel (positions) whose calendar the model keeps is none (``own`` {id: Calendar} of the series
    with their own, else ``base``), where others have one, and the warning that they are not forecast, naming the
    first one's rows off the calendar its others keep in the data given (``few_off``); ([], "") where every series
    has a calendar, or none has (predict's refusal, ``Calendar.next``, then says why)."""
    if not isinstance(time, pd.DatetimeIndex) or len(offsets) < 3:
        return [], ""
    none = [s for s, i in enumerate(ids) if own.get(i, base).kind == "datetime" and own.get(i, base).freq is None
            and own.get(i, base).kept is None]  # one all but a few rows keep: dated on it (decision 682)
    if not none or len(none) == len(ids):
        return [], ""
    s = none[0]
    piece, cut = time[offsets[s] : offsets[s + 1]], np.array([0, offsets[s + 1] - offsets[s]])
    found = most_kept(piece, cut, tried(piece)) if len(piece) > 2 else None
    why = (f"in the data given, {named_off(piece, *found[:2], lambda i: f'its row {i + 1}', fmt, OTHERS)}" if found else
           f"the timestamps of series {name(s)!r} follow no regular calendar")
    who = ", ".join(repr(name(k)) for k in none[:5]) + (f" and {len(none) - 5} more" if len(none) > 5 else "")
    return none, (f"series {who} {'is' if len(none) == 1 else 'are'} not forecast: the model keeps no calendar for "
                  f"{'it' if len(none) == 1 else 'them'}, since fit found none its timestamps follow, so "
                  f"{'its' if len(none) == 1 else 'their'} forecasts cannot be dated ({why}); correct or drop such rows "
                  "and fit again, or fit with freq= (--freq) naming the calendar; the other series are forecast")

"""A backtest's step on business days ('B', or 'B' without a country's holidays, any week mask): a span of whole
weeks ('7D', '1W', 'W-FRI') placed by date, each cutoff on the first cutoff's weekday that many weeks on, or the last
business day before it where that day is a holiday (as a cutoff is read); a span of business days ('1B', '2B') as
that many steps; a span of months ('BME', '1MS') on the calendar's own last or first business day of each
(decision 2170); and the warning where a step in rows a week of business days long (5) moves the cutoffs to another
weekday after a holiday (decision 2113).

A planner forecasting every Friday on 'B' without DE holidays gave ``--step 7D`` and was refused ("not a whole number
of the data's steps"), and ``--step 5`` cut at Fri 2025-04-11, then Tue 2025-04-22 and every Tuesday after, as the
week of Easter keeps three business days, unsaid (t39t4, findings 2 and 7).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import counted
from rnncast.weekmasks import canonical

log = logging.getLogger(__name__)


def kind(freq) -> bool:
    """Whether ``freq`` is a calendar of business days: pandas' 'B', or 'C' on a week mask or without holidays."""
    return isinstance(freq, pd.offsets.BusinessDay)


def weekdays(freq) -> int:
    """How many weekdays a week of the business-day calendar ``freq`` keeps (5 for 'B', 'Mon Tue Wed Thu Fri')."""
    return int(_week(freq).sum())


def _week(freq) -> np.ndarray:
    """[7] bools, Monday first: the weekdays of the business-day offset ``freq`` ('1111100' or named days alike)."""
    return np.busdaycalendar(weekmask=getattr(freq, "weekmask", None) or "Mon Tue Wed Thu Fri").weekmask


def holidays(freq) -> pd.DatetimeIndex:
    """[H] the days the business-day calendar ``freq`` skips on its weekdays (empty for plain 'B')."""
    return pd.DatetimeIndex(getattr(freq, "holidays", None) or [])


def steps(offset, units, panel, given: str, freq, cutoff=None) -> int | None:
    """``calendarsteps.in_steps`` on business days: a span of business days ('2B') as that many steps, on the calendar's
    own week where it is given on Monday to Friday ('1B', '2C' on a Sun-Thu calendar; decision 2135; refused for
    another week mask given, an offset's, naming both weeks); a span of whole weeks ('7D', '168h': ``units``) as a
    week's business days each (5 for '7D') where the calendar keeps no holidays, else None: placed by date
    (``placed``), each cutoff the last business day on or before its day, said in one line. Refused, naming what
    would do, for any other span ('1D', '10D', '1M'), whose cutoffs would fall on weekends or move weekday. ``cutoff``:
    the backtest's, where given (months are then counted on from it, else back from a horizon before the end)."""
    shown = panel.calendar.shown
    if isinstance(offset, pd.offsets.BusinessDay):
        mine, theirs = _week(offset), _week(freq)
        if not (mine == theirs).all() and not (mine == _week(None)).all():  # a week mask given, not the data's
            raise RnncastError(f"step={given!r} (--step) counts business days of the week {canonical(mine)}, and the "
                               f"data's calendar ({shown}) keeps {canonical(theirs)}; give a number of its business "
                               "days ('1B', read on its own week) or of its steps (--step 1)")
        own = "" if (mine == theirs).all() else ", its own business days, not Mon-Fri"  # decision 2135
        log.info("step %r (--step) read as %s of the data's calendar %s%s%s", given, counted(offset.n, "step"), shown,
                 own, ", whose holidays are no steps" if len(holidays(freq)) else "")
        return offset.n
    week = weekdays(freq)
    if (months := monthly(offset, freq)) is not None:  # month ends or starts: placed by date (decision 2170)
        which = "last" if isinstance(months, pd.offsets.CustomBusinessMonthEnd) else "first"
        log.info("step %r (--step) read by date on the data's calendar %s: each cutoff the %s business day of a month "
                 "(its own, holidays skipped), %s apart, %s", given, shown, which, counted(months.n, "month"),
                 "the first at or before the cutoff given" if cutoff is not None else  # decision 2200
                 "the last at or before a horizon before the series' end")
        return None
    if units is not None and units[0] == "day" and not units[1] % 7:
        weeks = units[1] // 7
        if not len(holidays(freq)):
            log.info("step %r (--step) read as %s of the data's calendar %s: %s", given, counted(weeks * week, "step"),
                     shown, "a week" if weeks == 1 else f"{weeks} weeks")
            return weeks * week
        log.info("step %r (--step) read by date on the data's calendar %s: each cutoff %s after the first, on its "
                 "weekday, or the last business day before it where that day is a holiday (as a cutoff is read)",
                 given, shown, counted(units[1], "day"))
        return None
    raise RnncastError(f"step={given!r} (--step) is no whole number of weeks nor of months, and the data's calendar "
                       f"({shown}) keeps {week} business days a week, so its cutoffs would fall on days it skips or move "
                       f"weekday; give a whole number of weeks ('7D', '1W': each cutoff on the same weekday, the business "
                       f"day before it after a holiday), of months ('BME', '1MS': the last or first business day of "
                       f"each; '3BME' for every third), of business days ('1B'), or of its steps (--step {week} for a "
                       "week)")


MONTH_ENDS = (pd.offsets.MonthEnd, pd.offsets.BusinessMonthEnd, pd.offsets.CustomBusinessMonthEnd)
MONTH_STARTS = (pd.offsets.MonthBegin, pd.offsets.BusinessMonthBegin, pd.offsets.CustomBusinessMonthBegin)


def monthly(offset, freq):
    """The business-day calendar ``freq``'s own month offset of a span of months (``offset``: 'ME', 'BME' or 'CBME'
    ends, 'MS', 'BMS' or 'CBMS' starts; n months each): ``pd.offsets.CustomBusinessMonthEnd`` (``Begin``) on its
    week mask and holidays, whose days are always business days of it (the last business day of January 2025 on 'B'
    without US holidays: 01-31; the first of 2025: 01-02); None for another span or calendar (decision 2170)."""
    if not kind(freq) or not isinstance(offset, MONTH_ENDS + MONTH_STARTS):
        return None
    made = pd.offsets.CustomBusinessMonthEnd if isinstance(offset, MONTH_ENDS) else pd.offsets.CustomBusinessMonthBegin
    return made(offset.n, weekmask=canonical(_week(freq)), holidays=list(holidays(freq)))


def nominal(units, freq) -> int | None:
    """The steps a span of whole weeks (``units``: ``('day', 7)`` for '7D', '1W' or '168h', as
    ``calendarsteps._units`` reads it) spans on the business-day calendar ``freq`` in a week without holidays, or of
    months (``('month', 1)``: 23 on 'B') in their fullest days (the most it spans: what a backtest's need of rows
    counts); None for another span or calendar."""
    if not kind(freq) or units is None or units[0] not in ("day", "month") or units[0] == "day" and units[1] % 7:
        return None
    if units[0] == "month":  # n months span at most 31 * n days: their business days in the fullest weeks (2170)
        days = 31 * units[1]
        return days // 7 * weekdays(freq) + min(days % 7, weekdays(freq))
    return units[1] // 7 * weekdays(freq)


def placed(every: pd.Index, cut, position: int, j: int, before: int | None, given: str):
    """The calendar position of a cutoff ``cut`` placed by date (``position``: the last of ``every``, the calendar's
    times, on or before it; ``before``: the previous window's, ``j`` this window's number); refused, naming the
    cutoff, where a week without a business day puts two windows on one."""
    if before is not None and position <= before:
        raise RnncastError(f"step={given!r} (--step) puts the cutoffs of windows {j - 1} and {j} on one business day, "
                           f"{every[position]:%Y-%m-%d}, as the week up to {cut:%Y-%m-%d} keeps none; give a longer "
                           "step, or a number of steps")
    return position


def said(rolled: dict) -> None:
    """One line naming the cutoffs placed on the business day before their own day, a holiday (``rolled``: {day:
    the business day used}, of every series); nothing where none was."""
    if not rolled:
        return
    pairs = sorted(rolled.items())
    named = ", ".join(f"{a:%Y-%m-%d} as {b:%Y-%m-%d}" for a, b in pairs[:5]) + (
        f" and {len(pairs) - 5} more" if len(pairs) > 5 else "")
    log.info("%s on a day the calendar skips, read as the last business day before it: %s",
             "1 cutoff falls" if len(pairs) == 1 else f"{len(pairs)} cutoffs fall", named)


def firsts(used: dict, at, given: str, start: bool, shown) -> None:
    """One line naming the first cutoff a span of months put each series on (``used``: {series as named, None for a
    lone series: the first cutoff's time}; ``at``: the cutoff given, as text, None where the cutoffs count back from the series'
    end; ``given``: the step as written, ``start``: whether it cuts on months' first business days; ``shown``: a time as the data writes it), the dates where series differ; a
    month's first business day is said to forecast from its second. Nothing where no series was cut (decision 2207)."""
    if not used:
        return
    which = "first" if start else "last"
    groups: dict = {}
    for name, cut in used.items():
        groups.setdefault(cut, []).append(name)
    order = sorted(groups, key=lambda c: -len(groups[c]))
    head = shown(order[0])
    if len(order) > 1:
        head += f" ({len(groups[order[0]])} series), " + ", ".join(
            f"{shown(c)} ({', '.join(repr(n) for n in groups[c][:3])}{' and more' if len(groups[c]) > 3 else ''})"
            for c in order[1:4]) + (f" and {len(order) - 4} dates more" if len(order) > 4 else "") + (
            ", each on its own holidays")
    where = (f"at or before the cutoff given, {at}" if at is not None else
             "the cutoffs counted back from the series' end")
    log.info("step %r (--step) puts the first cutoff on %s: the %s business day of a month, %s%s", given, head, which,
             where, "; each window forecasts from the month's second business day (a step of month ends, 'BME', "
             "forecasts from the first)" if start else "")


def moved(time: pd.DatetimeIndex, cut_rows: np.ndarray, step: int, freq, cut_times=None, shown: str = "") -> None:
    """Warn once where cutoffs a whole number of weeks of business days apart in rows (``step``: 5 on 'B') move to
    another weekday after a holiday, which the calendar ``freq`` skips (``cut_rows``: one series' cutoff rows, in time
    order; ``cut_times``: their times on the calendar, where the caller has them; ``shown``: the calendar as lines
    name it), naming the first moved cutoff and
    the first holiday before it, and the span that keeps the weekday: step='7D' (--step 7D)."""
    week = weekdays(freq)
    if step % week or len(cut_rows) < 2 or not len(skipped := holidays(freq)):
        return
    cuts = pd.DatetimeIndex(time[np.asarray(cut_rows)] if cut_times is None else cut_times)
    off = np.flatnonzero(cuts.day_of_week != cuts[0].day_of_week)
    if not len(off):
        return
    j = int(off[0])
    naive = cuts.tz_localize(None).normalize() if cuts.tz is not None else cuts.normalize()
    between = skipped[(skipped > naive[j - 1]) & (skipped < naive[j])]
    days, first = f"{step // week * 7}D", f" (the first: {between[0]:%Y-%m-%d})" if len(between) else ""
    log.warning("the cutoffs %s apart (%s of business days) move to another weekday after a holiday, which the "
                "calendar %s skips%s: the first is on a %s, the cutoff of window %d on a %s (%s); the business days "
                "are counted, not the weeks; to keep every cutoff on the same weekday, step by calendar time "
                "(step=%r, --step %s: the business day before it where that day is a holiday)", counted(step, "step"),
                "a week" if step == week else f"{step // week} weeks", shown or "of the data", first,
                f"{cuts[0]:%A}", j, f"{cuts[j]:%A}", f"{cuts[j]:%Y-%m-%d}", days, days)


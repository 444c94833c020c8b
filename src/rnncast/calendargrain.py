"""Calendar covariates finer than the data's step, refused at fit (decision 2038).

Each calendar attribute reads a row's own timestamp alone. On steps as long as the attribute's cycle it reads one
point of that cycle per step: on month-end rows ``holiday:DE`` was 1 on one row in 20 years (Reformation Day
2017-10-31), on month-start rows a January-and-May dummy (New Year, Labour Day), and ``day_of_week`` the weekday of
each month's first or last day. None says anything of the step's other days, so the network would learn a pattern of
the dates the rows are written on. Such an attribute is refused, naming the calendar and what would work; an
attribute that comes out the same on every row is left to ``calendarcovariates.check_fit``'s own refusal (``day``
on month-start rows). Business-day, daily, hourly and finer data keep every attribute that varies; so do week-mask
calendars ('Mon Wed Fri', 'Sat Sun'), whose rows are one day each however far apart (decision 2063); rows on no
calendar that fall on a few weekdays are told that week mask (decision 2106). A fixed step that is no whole number of
an attribute's fixed cycle walks through it and keeps it: ``minute`` on 90-minute rows, 0 and 30 (decision 2107).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import calendarcovariates, weekmasks
from rnncast.errors import RnncastError
from rnncast.spelling import named, spelled

DAY = pd.Timedelta(days=1)
# attribute: (its cycle: a step this long or longer reads one point of it, the cycle in words, what it reads)
CYCLES = {"minute": (pd.Timedelta(hours=1), "an hour", "the minute"), "hour": (DAY, "a day", "the time of day"),
          "day_of_week": (7 * DAY, "a week", "the weekday"), "weekend": (7 * DAY, "a week", "whether it is a weekend"),
          "day": (28 * DAY, "a month", "the day of the month"),
          "day_of_year": (365 * DAY, "a year", "the day of the year"), "month": (365 * DAY, "a year", "the month")}
FIXED = ("minute", "hour", "day_of_week", "weekend")  # cycles of a fixed length: a fixed step may step through them


def _daily(calendar) -> bool:
    """Whether each row of ``calendar`` (or of the calendar all but a few rows keep) is one day: ``D``, ``B`` (with
    holidays or not), ``C`` and week masks, however many days lie between rows (decision 2063)."""
    freq = calendar.kept.calendar.freq if calendar.freq is None and calendar.kept is not None else calendar.freq
    return weekmasks.days_of(freq) is not None


def step(panel) -> pd.Timedelta | None:
    """The data's usual step: a day on a daily calendar (``D``, ``B``, ``C``, a week mask: each row is one day,
    decision 2063), else the median time between a series' consecutive rows (a period's start for periods), read
    on the timestamps' own clock: irregular data, weeks, months and coarser; None without dates or where no series
    has two rows."""
    time = panel.time
    if isinstance(time, pd.PeriodIndex):
        time = time.to_timestamp()
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 2:
        return None
    if _daily(panel.calendar):
        return DAY
    gaps = np.diff(time.asi8)  # in the index's own unit: years before 1678 fit no nanoseconds
    inside = np.ones(len(gaps), dtype=bool)
    inside[np.asarray(panel.offsets[1:-1], dtype=np.int64) - 1] = False  # the step from one series to the next
    gaps = gaps[inside & (gaps > 0)]
    return pd.Timedelta(int(np.median(gaps)), unit=time.unit) if len(gaps) else None


def _phases(panel, span: pd.Timedelta, name: str) -> bool:
    """Whether the rows of ``panel``'s fixed-length calendar (``90min``, ``36h``, ``10D``) step through the fixed cycle
    of attribute ``name`` (an hour, a day, a week) rather than over whole cycles of it: 90-minute rows fall on the hour
    and at half past, so ``minute`` tells them apart, as ``hour`` does 36-hour rows (decision 2107). Whole cycles
    (``2h`` rows' minute) read one point each: False."""
    try:
        fixed = panel.calendar.freq is not None and pd.Timedelta(panel.calendar.freq) == span
    except (ValueError, TypeError):  # months, weeks, week masks: no fixed length
        return False
    return fixed and name in FIXED and span % CYCLES[name][0] != pd.Timedelta(0)


def _week(panel, calendar) -> str:
    """Where rows on no regular calendar each fall on a day of a few weekdays (Mon/Wed/Fri rows too few or too
    ragged to be found as that week): the week mask to give, whose rows are one day each (decisions 2063, 2106)."""
    mask = None if calendar else weekmasks.fallen(panel.time, panel.offsets)
    return "" if mask is None else (f"the rows fall on {mask} alone: if each is one day of that week, give it as the "
                                    f"calendar, {spelled('freq', mask)}, whose rows are read as one day each, keeping "
                                    "the attribute; else ")


def _span(span: pd.Timedelta) -> str:
    """A step's length in words: 'a month' for 28 to 31 days, 'a week', '2 days', 'an hour', '90 minutes', never
    pandas' '0 days 01:30:00' (decision 2064)."""
    days = span / DAY
    for low, high, said in ((7, 7, "a week"), (28, 31, "a month"), (89, 92, "a quarter"), (365, 366, "a year")):
        if low <= days <= high:
            return said
    if days >= 1:
        return "a day" if days == 1 else f"{days:g} days"
    seconds = span.total_seconds()
    size, unit = next((size, unit) for size, unit in ((3600, "hour"), (60, "minute"), (1, "second"))
                      if seconds >= size and seconds % size == 0 or size == 1)
    count = seconds / size
    return f"{'an' if unit == 'hour' else 'a'} {unit}" if count == 1 else f"{count:g} {unit}s"


def check(panel, value) -> None:
    """Refuse, at fit, a calendar attribute of ``value`` (``calendar_covariates``) that reads only one point of its
    cycle per step of ``panel``: ``holiday:SET`` on steps longer than a day, ``day_of_week`` and ``weekend`` on
    steps of a week or longer, ``hour`` on days, ``day`` on months, ``day_of_year`` and ``month`` on years. One that
    is the same on every row is left to ``calendarcovariates.check_fit``. ``RnncastError`` naming the attribute, the
    calendar and what would work."""
    names = calendarcovariates.parse(value)
    span = step(panel) if names else None
    if span is None:
        return
    calendar = panel.calendar.freq_text  # None: no regular calendar, the median gap said (decision 2064)
    steps = f"the data's rows are steps of {calendar!r} ({_span(span)} each)" if calendar else \
        f"the data's rows, on no regular calendar, are about {_span(span)} apart"
    said = f"calendar attribute {{!r}} ({named('calendar_covariates')}) reads each row's own date alone, and {steps}"
    first = pd.Timestamp(panel.time[0].start_time if isinstance(panel.time, pd.PeriodIndex) else panel.time[0])
    for name in names:
        made = calendarcovariates.values(panel.time, name)
        if name.startswith("holiday:"):
            if span <= DAY:
                continue
            code, column = name.partition(":")[2], name.replace(":", "_")
            days = pd.DatetimeIndex(np.asarray(panel.time.to_timestamp() if isinstance(panel.time, pd.PeriodIndex)
                                               else panel.time)[made[:, 0] > 0])
            where = f"{len(days) or 'none'} of the {len(made)} rows" + (f": {days[0]:%Y-%m-%d}" if len(days) else
                                                                       "") + (", ..." if len(days) > 1 else "")
            raise RnncastError(f"{said.format(name)}: {column} would be 1 only on rows whose own date is a holiday of "
                               f"{code} ({where}), saying nothing of the step's other days; {_week(panel, calendar)}"
                               "on steps longer than a day, count each step's holidays in a future covariate column of "
                               f"your own ({named('future_covariates')}), or leave it out")
        if span < CYCLES[name][0] or np.ptp(made, axis=0).max(initial=0) < 1e-9 or _phases(panel, span, name):
            continue  # varies within its cycle, or steps through it (90 minutes: minute 0, 30); or the same on
            # every row: check_fit's refusal
        coarser = [n for n, (cycle, *_) in CYCLES.items() if cycle > span]
        works = f"on this calendar {' or '.join(coarser)} can vary" if coarser else \
            "no calendar attribute can vary on this calendar"
        raise RnncastError(f"{said.format(name)}, no shorter than its cycle ({CYCLES[name][1]}): it would read "
                           f"{CYCLES[name][2]} on one day of each step ({first:%Y-%m-%d}), nothing of the step's "
                           f"other days; {works}, or put what you need in a future covariate column of your "
                           f"own ({named('future_covariates')}), or leave it out")

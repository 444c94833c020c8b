"""A backtest's ``step`` as calendar time ('1D', '7D', '6h'): each cutoff that span after the one before on the
series' own clock, read with pandas' offsets in the data's zone, so that a desk's 10:00 cutoff stays at 10:00 across
daylight saving (a calendar day is 23, 24 or 25 hours there); and the warning for a step in rows whose cutoffs move
on that clock.

A tester's day-ahead backtest with ``--step 24`` on Berlin's hourly load cut at 10:00+02:00 three times, then at
09:00+01:00 (24 hours after 10:00+02:00 on the 26th), silently off the desk's wall clock; ``--step 1D`` was refused
by argparse. A step in rows keeps its meaning (every cutoff that many rows on), said in one warning where the
cutoffs move on the local clock; a span of calendar time is refused where a cutoff it gives falls between the
data's steps ('90min' on hourly data), or where the clocks repeat or skip it, naming the cutoff.
"""

from __future__ import annotations

import datetime
import logging
import re

import numpy as np
import pandas as pd

from rnncast import businesssteps, sessions, sessionsteps, tradingweeks
from rnncast.errors import RnncastError
from rnncast.spelling import counted
from rnncast.wholenumbers import number

log = logging.getLogger(__name__)

SPANS = "a whole number of the data's steps nor a span of calendar time such as '1D', '7D' or '6h'"  # "neither ..."


def as_span(step):
    """``step`` given as a time delta (``pd.Timedelta(days=30)``, ``datetime.timedelta``, ``numpy.timedelta64``) or as
    pandas' own Timedelta text that no offset reads ('30 days', '1 day 06:00:00', '12 hours': Prophet's period) as the
    span ``read`` takes ('30D', '30h', '12h'), said at INFO; any other value as it is (decision 2003). A delta that is
    not positive is refused by name, not as "must be a positive integer"."""
    if isinstance(step, str) and not re.search(r"\d\s|[^\W\d_]{2}", step.strip()):  # '30D', '6h', '2W': read by read
        return step
    if isinstance(step, str):
        try:
            pd.tseries.frequencies.to_offset(step.strip())
            return step  # '30 min', '2W-MON': an offset's text already
        except ValueError:
            pass
    if not isinstance(step, (str, datetime.timedelta, np.timedelta64)):
        return step
    try:
        delta = pd.Timedelta(step.strip() if isinstance(step, str) else step)
    except ValueError:
        return step  # '1 month': no fixed length, refused by read with the spans it takes
    if pd.isna(delta) or delta <= pd.Timedelta(0):
        raise RnncastError(f"step={step!r} (--step) is a span of {delta}, and a span must be positive, such as '30D'")
    day = pd.Timedelta(days=1)
    span = f"{delta // day}D" if not delta % day else pd.tseries.frequencies.to_offset(delta).freqstr
    log.info("step %r (--step) read as the span %r", step, span)
    return span


def read(step, data=None):
    """``step`` as given: None (the horizon), a whole number of steps (whole-number text too: the command's '24'),
    or a ``pd.DateOffset`` of fixed calendar days or of hours, minutes, seconds ('1D', '7D', '12h'); anything else
    refused by name, offering spans of calendar time only where the data (``data()``, read only then) has dates."""
    if step is None or isinstance(step, (bool, np.bool_)) or not isinstance(step, str):
        return step  # a number: checked as one (settingvalues.positive_int)
    text = step.strip()
    if (whole := number(text)) is not None:
        return whole
    bare = re.fullmatch(r"(\d*)\s*([MQY])", text)  # pandas 3 reads '2M' no more: months, as 'ME' would
    try:
        offset = (pd.tseries.frequencies.to_offset(text) if bare is None else
                  {"M": pd.offsets.MonthEnd, "Q": pd.offsets.QuarterEnd, "Y": pd.offsets.YearEnd}[bare[2]](
                      int(bare[1] or 1)))
    except ValueError:
        offset = None
    if offset is None or (not isinstance(offset, (pd.offsets.Day, pd.offsets.Tick, pd.offsets.BusinessDay))
                          and _units(offset) is None) or offset.n < 1:  # '1B': steps of business days (decision 2113)
        times = None if data is None else data().time  # '1.5' on whole-number times: no span offered (decision 1438)
        if times is not None and not isinstance(times, (pd.DatetimeIndex, pd.PeriodIndex)):
            raise RnncastError(f"step={step!r} (--step) is no whole number of the data's steps, and its times are "
                               "whole numbers, counted in steps: give step as a whole number of them (--step 1 or 2)")
        raise RnncastError(f"step={step!r} (--step) is neither {SPANS}, weeks or months "
                           "('1W', '2M', '1Q') on data of such steps, and a span must be positive")
    return offset


def _units(offset) -> tuple[str, int] | None:
    """``offset`` in days or in months, whatever its anchor: ``('day', 7)`` for '1W' or '7D', ``('month', 3)`` for
    '1Q' or '3ME'; None for a span of neither (business days, hours not whole days)."""
    months = {pd.offsets.MonthEnd: 1, pd.offsets.MonthBegin: 1, pd.offsets.BusinessMonthEnd: 1,
              pd.offsets.BusinessMonthBegin: 1, pd.offsets.QuarterEnd: 3, pd.offsets.QuarterBegin: 3,
              pd.offsets.BQuarterEnd: 3, pd.offsets.BQuarterBegin: 3, pd.offsets.YearEnd: 12,
              pd.offsets.CustomBusinessMonthEnd: 1, pd.offsets.CustomBusinessMonthBegin: 1,  # 'BME' without holidays
              pd.offsets.YearBegin: 12, pd.offsets.BYearEnd: 12, pd.offsets.BYearBegin: 12}.get(type(offset))
    if months is not None:
        return "month", months * offset.n
    if isinstance(offset, pd.offsets.Week) or tradingweeks.kind_of(offset):  # 'W-FRI' without NYSE holidays too
        return "day", 7 * offset.n
    if isinstance(offset, (pd.offsets.Day, pd.offsets.Tick)) and not _length(offset) % pd.Timedelta(days=1):
        return "day", _length(offset) // pd.Timedelta(days=1)
    return None


def in_steps(offset, panel, given: str, cutoff=None) -> int | None:
    """A span given as calendar time (``read``) on data whose calendar has no fixed step, weekly or monthly
    (quarterly, yearly): the whole number of its steps it spans ('7D', '1W' on 'W-SUN': 1; '2M' on 'ME': 2; '1Q'
    on 'MS': 3), said in one line; None where the calendar has a fixed step (the span then counted on the clock,
    ``nominal``). Refused, naming the steps that would do, where it is no whole number of them. ``cutoff``: the
    backtest's, for how a business-day calendar's month steps are said (``businesssteps.steps``)."""
    numbered(panel, given)
    freq = None if panel.time is None else panel.calendar.freq
    if businesssteps.kind(freq):  # '7D' by date, '1B' one step (decision 2113)
        return businesssteps.steps(offset, _units(offset), panel, given, freq, cutoff)
    if freq is not None and isinstance(offset, pd.offsets.BusinessDay):
        raise RnncastError(f"step={given!r} (--step) is a span of business days, and the data's calendar "
                           f"({panel.calendar.shown}) is not one of business days; give a whole number of its steps")
    if freq is None or isinstance(freq, (pd.offsets.Day, pd.offsets.Tick)):
        if freq is not None and isinstance(offset, pd.offsets.Week):  # '2W' on 'D': '14D', as exact (decision 1555)
            days = f"{_days(offset).n}D"
            log.info("step %r (--step) read as %r on the data's calendar %s: each cutoff %s after the one before, on the "
                     "series' own clock, whatever its weekday", given, days, panel.calendar.shown,
                     counted(_days(offset).n, "day"))
        elif freq is not None and not isinstance(offset, (pd.offsets.Day, pd.offsets.Tick)):
            raise RnncastError(f"step={given!r} (--step) is a span of months (quarters, years), and the data's "
                               f"calendar ({panel.calendar.shown}) steps by fixed time; give a span such as '7D' or "
                               "'30D', or a whole number of its steps")
        return None
    if isinstance(freq, sessions.Session):
        return sessionsteps.steps(offset, _units(offset), panel, given, freq)
    mine, theirs = _units(offset), _units(freq)
    if mine is not None and theirs is not None and mine[0] == theirs[0] and not mine[1] % theirs[1]:
        steps = mine[1] // theirs[1]
        log.info("step %r (--step) read as %s of the data's calendar %s", given, counted(steps, "step"),
                 panel.calendar.shown)
        return steps
    unit = f"{theirs[1]} {theirs[0]}{'s' if theirs[1] > 1 else ''}" if theirs else None
    raise RnncastError(f"step={given!r} (--step) is not a whole number of the data's steps ({panel.calendar.shown}"
                       f"{f', {unit} each' if unit else ', which have no fixed length'}); give step as a whole number "
                       f"of its steps{f' (--step 1 for {unit}, --step 2 for twice that)' if unit else ''}")


def text(metrics: dict) -> str:
    """How a backtest's step is said (its metrics): ``24 steps``, ``'1D'`` (``step_span``; ``step`` its length in
    the calendar's steps, a day without a change of clocks)."""
    return repr(metrics["step_span"]) if metrics.get("step_span") else counted(metrics["step"], "step")


def nominal(offset: pd.DateOffset, panel, given: str) -> int:
    """How many of the calendar's steps ``offset`` spans on a day without a change of clocks (a calendar day of
    hourly data: 24; 23 or 25 across one, which the cutoffs themselves follow: ``targets``): what a backtest's need
    of rows counts (``panel``: the data). Refused where the data has no time, or its calendar no fixed step (months,
    business days)."""
    if panel.time is None:
        unplaced(given, None, True)
    numbered(panel, given)
    freq = panel.calendar.freq
    if (weeks := businesssteps.nominal(_units(offset), freq)) is not None:  # '7D', '168h' on business days: 5 (2113)
        return weeks
    if not isinstance(freq, (pd.offsets.Day, pd.offsets.Tick)):
        raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and the data's calendar "
                           f"({panel.calendar.shown}) has no fixed step to count it in; give step as a "
                           "whole number of its steps")
    return max(1, int(-(-_length(offset) // _length(freq))))


def numbered(panel, given: str) -> None:
    """Refuse a span of calendar time where the data's times are whole numbers (a 'step' column 10, 20, ...): they
    have no calendar to measure it on, only steps to count."""
    if panel.time is not None and not isinstance(panel.time, (pd.DatetimeIndex, pd.PeriodIndex)):
        raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and the data's times are whole "
                           "numbers; give step as a whole number of its steps")


def _days(offset):
    """A span of weeks ('2W', anchored on a weekday or not) as its calendar days (``pd.offsets.Day(14)``), which steps
    from any day as '14D' does, where adding the anchored week rolls to its weekday first; any other span as it is."""
    return pd.offsets.Day(7 * offset.n) if isinstance(offset, pd.offsets.Week) else offset


def _length(offset) -> pd.Timedelta:
    offset = _days(offset)
    return pd.Timedelta(days=offset.n) if isinstance(offset, pd.offsets.Day) else pd.Timedelta(offset)


def unplaced(given: str, who, untimed: bool) -> None:
    """Refuse a span of calendar time where a series' rows are counted, not placed on a calendar."""
    why = ("the data has no time column" if untimed else
           f"the times of {'the series' if who is None else repr(who)} follow no calendar (irregular, or a row off it)")
    raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and {why}; give step as a whole number "
                       "of rows")


def targets(steps: np.ndarray, stamps, at, horizon: int, n_windows: int, step, given: str | None = None,
            rolled: dict | None = None) -> np.ndarray | None:
    """[K] each window's first target position on a series' calendar (its rows at ``steps``, ``stamps``: positions ->
    times), the cutoffs ``step`` apart: a whole number of calendar steps, or a span of calendar time on the series'
    clock (a pandas offset, ``read``; ``given``: as the caller wrote it, for messages). The first cutoff at the
    last position at or before ``at`` (``cutoffs.as_time``; None: the last a horizon before the series' end, the
    others counted back from it); None where a window reaches past the series' end (or, with a span, its start).
    Refused where a span's cutoff falls between the calendar's steps or in an hour the clocks repeat or skip; on
    business days (``rolled``: a dict, given) a cutoff on a day they skip is the business day before it, recorded in
    ``rolled`` ({day: the day used}, ``businesssteps.said``; decision 2113)."""
    last = int(steps[-1])
    k = np.arange(n_windows)
    if not isinstance(step, pd.offsets.BaseOffset):  # calendar steps: positions
        if at is None:
            return last + 1 - horizon - (n_windows - 1 - k) * step
        # positions at or before the cutoff, compared as fit compares (cutoffs._rows_up_to): searchsorted would cast
        # the cutoff to the times' unit, and the last nanosecond of '2020-W50' has none in seconds (ValueError)
        target = int(np.count_nonzero(np.asarray(stamps(np.arange(last + 1)) <= at))) + step * k
        return target if target[-1] + horizon - 1 <= last else None
    every, step = stamps(np.arange(last + 1)), _days(step)  # weeks on a calendar of fixed steps: their days
    if rolled is not None and (units := _units(step)) is not None and units[0] == "day":  # business days: '168h' by
        step = pd.offsets.Day(units[1])  # date, as '7D', a day across a change of clocks too (decision 2136)
    if at is None:
        base, moves = every[last - horizon], k - (n_windows - 1)  # the last cutoff a horizon before the end
    else:
        first = int(np.count_nonzero(np.asarray(every <= at)))
        if first < 1:
            return None
        base, moves = every[first - 1], k
    if isinstance(step, businesssteps.MONTH_ENDS + businesssteps.MONTH_STARTS):  # a month's (business) day, at or
        base = step.rollback(base)  # before the first (decision 2170); any month offset: base + 0 * ME rolls forward
    cuts = []
    for j, n in enumerate(moves.tolist()):
        try:
            cut = base + n * step
        except ValueError:  # pandas' nonexistent or ambiguous wall time
            wall = (base.tz_localize(None) + n * step).strftime("%Y-%m-%d %H:%M")
            raise RnncastError(f"step={given!r} (--step) puts the cutoff of window {j} at {wall}, which the clocks of "
                               f"{base.tz} repeat or skip at a change of daylight saving; give a cutoff at another time "
                               "of day, or step by a number of steps") from None
        position = _at_or_before(every, cut)
        if position < 0 or cut > every[-1]:
            return None
        if every[position] != cut and rolled is not None:  # a holiday: the business day before it, as a cutoff is read
            rolled[cut] = every[businesssteps.placed(every, cut, position, j, cuts[-1] if cuts else None, given)]
        elif every[position] != cut:
            raise RnncastError(f"step={given!r} (--step) is not a whole number of the data's steps here: the cutoff of "
                               f"window {j}, {cut.isoformat()}, falls between its times {every[position].isoformat()} "
                               f"and {every[position + 1].isoformat()}; give a span its steps divide, or a number of "
                               "steps")
        cuts.append(position)
    target = np.asarray(cuts, dtype=np.int64) + 1
    return target if target[0] - 1 >= 0 and target[-1] + horizon - 1 <= last else None


def _at_or_before(every: pd.Index, cut) -> int:
    """The position of the last of the sorted times ``every`` at or before ``cut`` (-1: none), found by bisection; by
    comparing each where ``cut`` has no value in the times' unit (a millisecond among times in seconds)."""
    try:
        return int(every.searchsorted(cut, side="right")) - 1
    except (TypeError, ValueError):
        return int(np.count_nonzero(np.asarray(every <= cut))) - 1


def moved(time: pd.Index, cut_rows: np.ndarray, step: int, freq, cut_times=None, shown: str = "") -> None:
    """Warn once where cutoffs a whole number of days apart in rows (``step`` of the calendar ``freq``) move on the
    local clock of the data's zone (``cut_rows``: each window's cutoff row of one series, in time order), naming the
    first cutoff that moved and the calendar step that keeps them: step='1D' (--step 1D). ``cut_times``: the cutoffs'
    times on a session's calendar, where a cutoff's bar may have no row (``sessionsteps.moved``). On business days,
    cutoffs a week of rows apart that a holiday moves to another weekday (``businesssteps.moved``; ``shown``: the
    calendar as lines name it)."""
    if isinstance(freq, sessions.Session) and isinstance(time, pd.DatetimeIndex):
        return sessionsteps.moved(time, cut_rows, step, freq, cut_times)
    if businesssteps.kind(freq) and isinstance(time, pd.DatetimeIndex):  # a week of rows after a holiday (decision 2113)
        return businesssteps.moved(time, cut_rows, step, freq, cut_times, shown)
    if not isinstance(time, pd.DatetimeIndex) or time.tz is None or not isinstance(freq, pd.offsets.Tick):
        return
    span = pd.Timedelta(freq) * step
    if span % pd.Timedelta(days=1) or len(cut_rows) < 2:
        return
    cuts = time[np.asarray(cut_rows)]
    clock = cuts.tz_localize(None) - cuts.tz_localize(None).normalize()  # each cutoff's time of day, on its clock
    off = np.flatnonzero(clock != clock[0])
    if not len(off):
        return
    days = f"{span // pd.Timedelta(days=1)}D"
    j = int(off[0])
    log.warning("the cutoffs %s apart move on the local clock of %s, which changes for daylight saving: the first is "
                "at %s, the cutoff of window %d at %s (%s); to keep every cutoff at the same local time, step by "
                "calendar time (step=%r, --step %s)", counted(step, "step"), time.tz, f"{cuts[0]:%H:%M}", j,
                f"{cuts[j]:%H:%M}", cuts[j].isoformat(), days, days)

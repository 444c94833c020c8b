"""The calendar a series keeps on its own, and the one rule that tells when a calendar read on it is not that one.

Fit infers a calendar from the data (``calendars.settle``); evaluate and predict read new data on the model's
calendar, and fit on one given with ``freq=``. Each must read the same series the same way, so both ask this
module: ``best`` is the candidate offset that explains every row with the fewest missing rows (fit's inference),
``alone`` that offset for one series by itself, and ``others`` the series that a calendar does not fit (``gaps``
refuses them on a given calendar): most of the series' steps skip the calendar's (more rows followed by a gap than
by the next step, and two at least), and the series on its own keeps another calendar (one with fewer missing
rows) or none. A daily series with most days missing keeps 'D' on its own, so a model fitted on it reads it on
'D' (with the gap warning fit gave); a weekly file does not. ``common_step`` says the step a refusal names, and
``followed`` the calendar a refusal of a given one names, with its resample line where the calendar is coarser and the
first or last periods that line would keep part-filled (``partial``, by ``period``: decision 1545), opening with what
the given one is where ``givencalendars`` can say it (decision 1594).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import businessmonths, givencalendars, offcalendar, tradingweeks, zoneclock
from rnncast.errors import RnncastError
from rnncast.offsetguess import candidates
from rnncast.rulers import Ruler
from rnncast.spelling import counted, hint, listing, spelled
from rnncast.timecalendar import Calendar
from rnncast.timetext import shown


def best(time: pd.DatetimeIndex, offsets: np.ndarray, tried: list):
    """The candidate calendar that explains every row with the fewest missing rows, and its ruler (or None)."""
    found = None
    for offset in tried:
        ruler = Ruler.of(time, offsets, offset)
        if ruler is None or ruler.bad is not None:
            continue
        if found is None or ruler.missing < found[1].missing:
            found = (offset, ruler)
        if ruler.missing == 0:
            break
    return found


WIDE = "wide"  # hint("resample_by") of a wide table: its one time column resamples every series' column at once


def followed(time: pd.DatetimeIndex, offsets: np.ndarray, given=None) -> str | None:
    """Where a calendar given to fit (``given``, a pandas offset) is refused: the one the timestamps follow (month ends
    given 'MS': 'ME'), as inference finds it, and what to give, with the pandas line that aggregates one series' rows
    to ``given`` where it is coarser (``coarser``: 1-minute forecasts of 10-second data), a long panel's all series in
    one line grouped by its id column (``hint("resample_by")``, a repr given by ``seriesclocks``; ``WIDE``: a wide
    table's, the one series' line; decision 1527), the time column as ``hint("resample_at")`` writes the caller's
    label (``0``, ``'date'``; decision 1556); each line runs as printed on the table read, with any of the three
    aggregations it names; None where none explains every row. A reader on a model's calendar (predict) says its own words instead (``spelling.hints``)."""
    found = best(time, offsets, candidates(time, offsets))
    if found is None:
        return None
    text = Calendar("datetime", found[0]).freq_text
    lead = givencalendars.against(given, found[0], text) or f"the timestamps follow the calendar {text!r}"  # decision 1594
    said = f"{lead}: give {spelled('freq', text)}, or leave freq unset to infer it"  # quoted for a shell (decision 1840)
    by = hint("resample_by", "")  # a long table's id column (seriesclocks): every series resampled in one line
    if not coarser(given, found[0]) or len(offsets) != 2 and not by:  # one series, or a panel by its id column
        return said
    column, step = hint("resample_at", repr(time.name if time.name is not None else "time")), given.freqstr
    dated = f"df.set_index(pd.to_datetime(df[{column}])).drop(columns={column})" if column else \
        "df.set_index(pd.to_datetime(df.index))"  # the time the index, then no column; "": the table's index already
    line = (f"df = {dated}.groupby([{by}, pd.Grouper(freq={step!r})])" if by and by != WIDE else  # decisions 1527, 1556
            f"df = {dated}.resample({step!r})")  # .last() and .sum() run as .mean(): no text time column left
    return (f"{said}; rnncast does not aggregate rows: to forecast {step!r} steps from these {text!r} rows, resample "
            f"them first, e.g. with pandas: {line}.mean(numeric_only=True).reset_index() (.sum(numeric_only=True) for "
            f"counts, .last() for a state's readings){partial(time, offsets, found[0], given)}")


_O = pd.offsets  # business month, quarter and year ends and starts ('BME', 'BQS') too (decision 1641)
ENDS = (_O.Week, _O.MonthEnd, _O.QuarterEnd, _O.YearEnd, _O.BusinessMonthEnd, _O.BQuarterEnd, _O.BYearEnd)  # by last day
STARTS = (_O.MonthBegin, _O.QuarterBegin, _O.YearBegin, _O.BusinessMonthBegin, _O.BQuarterBegin, _O.BYearBegin)
_NAMES = ((_O.Week, "week"), ((_O.MonthBegin, _O.MonthEnd, _O.BusinessMonthBegin, _O.BusinessMonthEnd), "month"),
          ((_O.QuarterBegin, _O.QuarterEnd, _O.BQuarterBegin, _O.BQuarterEnd), "quarter"),
          ((_O.YearBegin, _O.YearEnd, _O.BYearBegin, _O.BYearEnd), "year"))
_UNITS = {"D": "day", "h": "hour", "min": "minute", "s": "second", "B": "business day", "C": "business day"}


def period(t: pd.Timestamp, given, origin: pd.Timestamp):
    """The period of calendar ``given`` (a pandas offset) that pandas' ``resample(given)`` puts ``t`` in, as (label,
    start, end), ``start <= t < end``: weeks, month, quarter and year ends labelled by their last day (closed right,
    whole days), their starts by their first, fixed spans (minutes, '7D') counted from ``origin`` (pandas'
    'start_day': the first row's midnight)."""
    if isinstance(given, (pd.offsets.Tick, pd.offsets.Day)):
        width = pd.Timedelta(given)
        label = origin + ((t - origin) // width) * width
        return label, label, label + width
    day, one = t.normalize(), pd.DateOffset(days=1)
    if isinstance(given, ENDS):
        label = given.rollforward(day)
        return label, label - given + one, label + one
    label = given.rollback(day)
    return label, label, label + given


def partial(time: pd.DatetimeIndex, offsets: np.ndarray, step, given) -> str:
    """What the resample line to ``given`` leaves partial: the first and last periods of the series of ``time`` [N]
    (cut at ``offsets`` [S + 1], each sorted, on the calendar ``step`` of a day or less) that their rows cover only in
    part, said after the line: "; the data ends 2024-10-26, so the week to 2024-10-27 holds 6 of its 7 days: drop it
    after resampling ..." (a summed part-week reads 14 % low; decision 1545); for a panel, of how many series where
    not all. "" where every first and last period is whole, or for a calendar of several weeks or months ('2MS')."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) == 0 or given.n != 1 and not isinstance(
            given, (pd.offsets.Tick, pd.offsets.Day)) or isinstance(given, pd.offsets.Week) and given.weekday is None:
        return ""
    fixed = isinstance(step, (pd.offsets.Tick, pd.offsets.Day))  # else business days: counted on their calendar
    width, origin = pd.Timedelta(step) if fixed else None, time.min().normalize()
    cuts = [(s, int(a), int(b)) for s, (a, b) in enumerate(zip(offsets[:-1], offsets[1:])) if b > a]
    unit = next((f"{name}s" for code, name in _UNITS.items() if step.freqstr == code), f"{step.freqstr!r} steps")
    word = next((name for kind, name in _NAMES if isinstance(given, kind)),
                _UNITS.get(given.freqstr, f"{given.freqstr!r} period"))
    found: dict = {}
    spans: dict = {}  # a panel's series mostly share their first and last times: each one's period found once

    def of(t):
        if t not in spans:
            spans[t] = period(t, given, origin)
        return spans[t]

    for s, a, b in cuts:
        first, last = time[a], time[b - 1]
        for end, at in ((False, first), (True, last)):
            label, start, stop = of(at)
            if fixed:
                low, high = -((at - start) // width), -((at - stop) // width) - 1  # steps k: start <= at + k*step < stop
                reach = (last - first) // width  # the series' steps: k from 0 (first) up to it, or down from 0 (last)
                held = min(high, 0) - max(low, -reach) + 1 if end else min(high, reach) - max(low, 0) + 1
                full = high - low + 1
            else:  # business days (decision 1580): the week to Friday holds 5, January 2024 23
                full = _steps(start, stop, step)
                held = _steps(max(start, first), at + _NS, step) if end else _steps(at, min(stop, last + _NS), step)
            if 0 < held < full and of(first if end else last)[0] != label:  # not all in one period
                found.setdefault((end, label, held, full, at), []).append(s)
    said = []
    for end in (False, True):
        keys = sorted((k for k in found if k[0] == end), key=lambda k: -len(found[k]))
        if keys:
            _, label, held, full, at = keys[0]
            whose = f"of {_named(found[keys[0]], len(cuts))} " if len(found[keys[0]]) < len(cuts) else ""
            others = [s for k in keys[1:] for s in found[k]]
            side = "last" if end else "first"
            more = "" if not others else f" (the {side} {word} of {_named(others)} is a part one too)" if len(
                others) == 1 else f" (the {side} {word}s of {_named(others)} are part ones too)"
            subject = "" if said and not whose and said[0].startswith("the data starts") else f"the data {whose}"
            said.append(f"{subject}{'ends' if end else 'starts'} {_stamp(at)}, "
                        f"so the {word} {'to' if isinstance(given, ENDS) else 'from'} {_stamp(label)} holds {held} of "
                        f"its {full} {unit}{more}")
    if not said:
        return ""
    one = len(said) == 1 and " too)" not in said[0]  # one period of each series, or of all alike
    return (f"; {' and '.join(said)}: drop {'it' if one else 'them'} after resampling (summed, a part {word} reads "
            "low; averaged, it rests on fewer rows)")


def _named(series: list[int], of: int | None = None) -> str:
    """A panel's series as the part-period clause names them (decision 1581): by their ids where the reader gave them
    (``hint("resample_ids")``, series -> id), a few and a count, "series 'B'", "series 'A', 'B', 'C' and 2 more" (with
    "(5 of 9)" where ``of`` is given); else counted, "2 of 4 series", "3 other series"."""
    name = hint("resample_ids", None)
    if name is None:
        return f"{len(series)} of {of} series" if of is not None else f"{len(series)} other series"
    shown = [repr(name(s)) for s in series[:3]] + ([f"{len(series) - 3} more"] if len(series) > 3 else [])
    return f"series {listing(shown)}" + (f" ({len(series)} of {of})" if of is not None and len(series) > 1 else "")


_NS = pd.Timedelta(1, "ns")


def _steps(start: pd.Timestamp, stop: pd.Timestamp, step) -> int:
    """How many times of the calendar ``step`` (business days, 'B' or 'C' with its holidays) lie in [start, stop)."""
    return len(pd.date_range(start, stop - _NS, freq=step)) if stop > start else 0


def _stamp(t: pd.Timestamp) -> str:
    """A time as the advice names it: its date where it is a midnight, else the time of day to the minute or second."""
    return t.strftime("%Y-%m-%d" if t == t.normalize() else "%Y-%m-%d %H:%M" if t.second == 0 else "%Y-%m-%d %H:%M:%S")


def coarser(given, step) -> bool:
    """Whether the calendar ``given`` (a pandas offset) is whole steps of ``step`` (the data's, a fixed one of a day or
    less) or a calendar of weeks, months, quarters or years above it: rows a resample sums or averages to it; of
    business days ('B', 'C'), a calendar of weeks, months, quarters or years (decision 1580); of these, business
    month, quarter and year ends and starts too ('BME', 'BQE', 'BYS': decision 1641)."""
    if isinstance(step, pd.offsets.BusinessDay) and step.n == 1:  # weekly or monthly totals of business-day sales
        return isinstance(given, ENDS + STARTS)
    if not isinstance(step, (pd.offsets.Tick, pd.offsets.Day)) or pd.Timedelta(step) > pd.Timedelta(days=1):
        return False
    if isinstance(given, (pd.offsets.Tick, pd.offsets.Day)):
        big, small = pd.Timedelta(given).value, pd.Timedelta(step).value
        return big > small and big % small == 0
    return isinstance(given, ENDS + STARTS)


def alone(piece: pd.DatetimeIndex):
    """The calendar fit infers for the one series ``piece`` (sorted times), and its ruler; None where none
    explains every row (fit then reads the series without a calendar)."""
    if len(piece) < 2:
        return None
    cut = np.array([0, len(piece)])
    tried = candidates(piece, cut)
    found = best(piece, cut, tried) or best(piece, cut, businessmonths.near(piece, cut)) or \
        best(piece, cut, tradingweeks.near(piece, cut))
    if found is not None and found[1].missing > len(piece) // 20 and offcalendar.fewer_off(piece, cut, tried,
                                                                                          found[1].missing):
        return None  # a Saturday among business days: a row off 'B' (offcalendar.kept_alone), not 'D' (decision 1237)
    return found


def skipping(codes: np.ndarray, after: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """[S] whether most of each series' steps skip the calendar's (``after`` [N]: the calendar's steps missing
    after each row; ``codes`` [N] each row's series): more rows followed by a gap than by the next step, two at
    least."""
    lengths = np.diff(offsets)
    skips = np.bincount(codes[after > 0], minlength=len(lengths))
    return (skips >= 2) & (skips > np.maximum(lengths - 1, 0) - skips)


def others(time, codes: np.ndarray, after: np.ndarray, offsets: np.ndarray) -> dict:
    """The series that the calendar ``after`` was measured on does not fit: {series: (offset, ruler) or None},
    what each keeps on its own (``alone``; None: no calendar). A series most of whose steps skip the calendar's
    is one where on its own it keeps no calendar or one with fewer missing rows; times that are not
    timestamps (integers, periods) have no other calendar to find, so such a series is one."""
    found = {}
    for s in np.flatnonzero(skipping(codes, after, offsets)):
        if not isinstance(time, pd.DatetimeIndex):  # integers, periods: on a coarser calendar where every step is
            steps = after[offsets[s] : offsets[s + 1] - 1].astype(np.int64) + 1  # a multiple of one above 1 (7, 14)
            if len(steps) and np.gcd.reduce(steps) > 1:  # steps of 3 and 4 keep no coarser one: 1, rows missing
                found[int(s)] = None
            continue
        own = alone(time[offsets[s] : offsets[s + 1]])
        if own is None or own[1].missing < int(after[offsets[s] : offsets[s + 1]].sum()):
            found[int(s)] = own
    return found


def common_step(piece, steps: np.ndarray) -> str:
    """The most common step between the rows of one series and how many of its steps have it: '7 days apart (59
    of its 59 steps)'; ``steps`` [n - 1]: the calendar's steps between consecutive rows, for times that are not
    timestamps."""
    if isinstance(piece, pd.DatetimeIndex):
        wall = zoneclock.wall(piece)
        values, counts = np.unique(np.diff(wall.asi8), return_counts=True)
        step = pd.Timedelta(int(values[np.argmax(counts)]), unit=piece.unit)
        days = step / pd.Timedelta(days=1)
        span = counted(int(days), "day") if days == int(days) else to_offset(step).freqstr
    else:
        values, counts = np.unique(steps, return_counts=True)
        span = counted(int(values[np.argmax(counts)]), "step") + " of it"
    return f"{span} apart ({int(counts.max())} of its {len(piece) - 1} steps)"


def refuse_off(time, offsets: np.ndarray, ids: list, own: dict, base, name, fmt, remedy: str) -> None:
    """Refuse the first row of a series off the calendar a model keeps for it (``own`` {id: Calendar} of the series
    with their own, else ``base``; nothing is checked where ``own`` is empty: the readers were then given ``base``),
    as a calendar given to fit refuses one (``calendars.settle``): each series' steps from its own first row, on
    calendars with a step. ``name(s)``: series ``s``'s id as given; ``remedy``: what the refusal advises."""
    if not own or not isinstance(time, pd.DatetimeIndex):
        return
    calendars = [own.get(i, base) for i in ids]
    for calendar in dict.fromkeys(c for c in calendars if c.freq is not None):
        series = [s for s, c in enumerate(calendars) if c == calendar]
        rows = np.concatenate([np.arange(offsets[s], offsets[s + 1]) for s in series])
        cut = np.concatenate([[0], np.cumsum([offsets[s + 1] - offsets[s] for s in series])]).astype(np.int64)
        ruler = Ruler.of(time[rows], cut, calendar.freq)
        if ruler is None or ruler.bad is not None:
            bad = 0 if ruler is None else int(ruler.bad)
            s = series[int(np.searchsorted(cut, bad, side="right")) - 1]
            raise RnncastError(f"timestamp {shown(time[rows[bad]], time, fmt)} of series {name(s)!r} is not on the "
                               f"calendar freq={calendar.shown} the model keeps for that series; {remedy}")

"""Dates that keep one period each but switch how they name it: month-ends, then month-starts from line 32 (a new
export), quarter or year ends against starts, weeks on Sundays then on Mondays. No one pandas calendar keeps them,
so fit read such a file as "irregular" (steps from 1 to 31 days) and freq='ME' and 'MS' were both refused, with
advice that could not work. ``found`` names the switch and the pandas line that puts every row on one calendar;
``twice``: a row off its calendar that is another form of its neighbour's period (2023-06-01 beside 2023-06-30), a
period given twice, not a typo to date on.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from rnncast import zoneclock
from rnncast.monthdays import PERIODS
from rnncast.offsetguess import DAY_NAMES, WEEKDAYS as DAYS
from rnncast.spelling import counted
from rnncast.timetext import shown


def _wall(time: pd.DatetimeIndex) -> pd.DatetimeIndex | None:
    """The times on their own clock, where all are midnights (dates); else None."""
    wall = zoneclock.wall(time)
    return wall if len(wall) and (wall == wall.normalize()).all() else None


def _forms(wall: pd.DatetimeIndex) -> tuple | None:
    """``(code, noun, forms [N] str, fixes {form: (pandas suffix, rows on it)})``: the period code under which the
    dates are consecutive periods, each named by its first or last day (or, for weeks, by one of two weekdays), in
    both forms; else None."""
    for code, noun in PERIODS:
        periods = wall.to_period(code)
        if not (np.diff(periods.asi8) == 1).all():
            continue
        start, end = wall == periods.start_time, wall == periods.end_time.normalize()
        if (start | end).all() and start.any() and end.any():
            forms = np.where(start, f"{noun}-starts", f"{noun}-ends")
            return code, noun, forms, {f"{noun}-starts": (".dt.start_time", int(start.sum())),
                                       f"{noun}-ends": (".dt.end_time.dt.normalize()", int(end.sum()))}
    days = sorted(set(wall.day_of_week))
    if len(days) != 2:
        return None
    fixes = {}
    for day in days:  # weeks ending on that weekday: consecutive, each row moved onto it by to_period's end
        if (np.diff(wall.to_period(f"W-{DAYS[day]}").asi8) == 1).all():
            fixes[DAY_NAMES[day]] = (f"W-{DAYS[day]}", int((wall.day_of_week == day).sum()))
    if not fixes:
        return None
    return "W", "week", np.array([DAY_NAMES[d] for d in wall.day_of_week]), fixes


def found(time: pd.DatetimeIndex, offsets: np.ndarray, where, fmt=None) -> tuple[str, str] | None:
    """``(what, fix)`` for the one series ``time`` (``offsets`` [0, N]) whose dates switch form (``_forms``): "the
    dates switch from month-ends to month-starts at line 32 (2022-09-01 after 2022-08-31), though each row is the
    month after the one before" and the pandas line putting them on the calendar most rows keep; else None."""
    wall = _wall(time) if len(offsets) == 2 and len(time) >= 4 else None
    forms = _forms(wall) if wall is not None else None
    if forms is None:
        return None
    code, noun, form, fixes = forms
    at = np.flatnonzero(form[1:] != form[:-1]) + 1
    i = int(at[0])
    more = f"; {counted(len(at), 'switch')} in all" if len(at) > 1 else ""
    what = (f"switch from {form[i - 1]} to {form[i]} at {where(i)} ({shown(time[i], time, fmt)} after "
            f"{shown(time[i - 1], time, fmt)}{more}), though each row is the {noun} after the one before")
    keep, (suffix, _) = max(fixes.items(), key=lambda kv: kv[1][1])
    column = time.name if time.name is not None else "date"
    if code == "W":
        line, calendar = f"pd.to_datetime(df[{column!r}]).dt.to_period({suffix!r}).dt.end_time.dt.normalize()", suffix
    else:
        line = f"pd.to_datetime(df[{column!r}]).dt.to_period({code!r}){suffix}"
        moved = _moved(wall, code, suffix)
        with warnings.catch_warnings():  # pandas 3 warns that infer_freq will return an offset
            warnings.simplefilter("ignore")
            calendar = pd.infer_freq(moved) if len(moved) >= 3 else None
        calendar = getattr(calendar, "freqstr", calendar)
    most = " (the form most rows keep)" if (form == keep).sum() * 2 >= len(form) else ""
    fix = (f"put every row on {keep}{most}, e.g. with pandas: df[{column!r}] = {line}"
           + (f", then the calendar is {calendar!r}" if calendar else ""))
    return what, fix


def _moved(wall: pd.DatetimeIndex, code: str, suffix: str) -> pd.DatetimeIndex:
    """The dates moved as ``found``'s pandas line moves them: each period's first day, or its last."""
    periods = wall.to_period(code)
    return periods.start_time if suffix == ".dt.start_time" else periods.end_time.normalize()


def said(time: pd.DatetimeIndex, offsets: np.ndarray, where, fmt=None) -> str | None:
    """``found`` as one piece of advice: "the dates switch ... : put every row on ..."; else None."""
    f = found(time, offsets, where, fmt)
    return None if f is None else f"the dates {f[0]}: {f[1]}"


def twice(time: pd.DatetimeIndex, offsets: np.ndarray, off: list, where) -> str | None:
    """Where a row ``off`` the calendar the others of the one series ``time`` keep names the same month (quarter,
    year) as the row before or after it, in the other form (2023-06-01 beside 2023-06-30 among month-ends): the
    refusal, that period given twice, with the pandas line that keeps one row of each; else None."""
    wall = _wall(time) if len(offsets) == 2 else None
    for i in off if wall is not None else []:
        for j in (i - 1, i + 1):
            if not 0 <= j < len(wall) or j in off:
                continue
            for code, noun in PERIODS:
                pair = wall[[i, j]].to_period(code)
                first, last = pair.start_time, pair.end_time.normalize()
                if pair[0] != pair[1] or not (wall[[i, j]] == first).any() or not (wall[[i, j]] == last).any():
                    continue
                a, b = sorted((i, j))
                column = time.name if time.name is not None else "date"
                on = ".dt.start_time" if wall[j] == first[1] else ".dt.end_time.dt.normalize()"
                return (f"timestamps {shown(time[a], time)} ({where(a)}) and {shown(time[b], time)} ({where(b)}) are "
                        f"the same {noun}, {pair[0]}, written as its first day and as its last: each {noun} of a "
                        f"series must appear once; keep the later row of each {noun}, e.g. with pandas: "
                        f"df[{column!r}] = pd.to_datetime(df[{column!r}]).dt.to_period({code!r}){on}; "
                        f"df = df.drop_duplicates(subset=[{column!r}], keep='last')")
    return None

"""Timestamps of no regular calendar, said (``calendars.settle``'s warning, ``offcalendar.unsettled``'s of a panel's
series): their steps' range, that predict cannot date their forecasts, and what gives them one where ``freq=`` would
not (``remedy``: dates that switch from month-ends to month-starts, ``switchedanchors``; timestamps a few seconds off a
grid, ``jitter``; a run of rows a clock set off for a while, ``clockshift``; the same 3 to 6 days of every month,
``month_days``; whole days on a few weekdays, ``week_days``), else freq= with the aliases to name."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import clockshift, jitter, switchedanchors, weekmasks, zoneclock
from rnncast.offsetguess import inside
from rnncast.spelling import spelled
from rnncast.timecalendar import ALIASES


def remedy(time: pd.DatetimeIndex, offsets: np.ndarray, where, fmt=None) -> str | None:
    """What gives timestamps of no regular calendar one where ``freq=`` would refuse them, or no alias names it:
    putting dates that switch form (month-ends, then month-starts: ``switchedanchors``) on one, rounding them to the
    grid they lie a few seconds off (``jitter``'s pandas line, the one predict's refusal gives), or what can be done
    with the same days of every month; None where naming their calendar with freq= may do."""
    return (switchedanchors.said(time, offsets, where, fmt) or week_days(time, offsets)  # before rounding to 2 days
            or jitter.advice(time, offsets, where, fmt)
            or clockshift.said(time, offsets, None, where, fmt) or month_days(zoneclock.wall(time)))  # decision 1941


def irregular(time: pd.DatetimeIndex, offsets: np.ndarray, where, fmt=None, whose: str = "", others: str = "",
              near: str | None = None) -> str:
    """The warning that the timestamps [N] (series cut at ``offsets`` [S + 1], more rows than series) follow no
    regular calendar: their steps' range, that predict will refuse the model, and the remedy (``near``, as
    ``remedy`` gives it where the caller has it, else found here; or freq=).
    ``whose``: the series named, one of a panel; ``others``: what predict does with the panel's other series."""
    wall = zoneclock.wall(time)
    steps = np.diff(wall.asi8)[inside(offsets, len(time))]  # in the index's own unit
    low, high = (jitter.duration(pd.Timedelta(int(v), unit=time.unit)) for v in (steps.min(), steps.max()))
    switched = switchedanchors.found(time, offsets, where, fmt)  # month-ends, then month-starts: no "1 to 31 days"
    subject = f"the {'dates' if switched else 'timestamps'}{f' of series {whose!r}' if whose else ''}"
    how = (f"{switched[0]}, so no one calendar keeps them" if switched else
           f"follow no regular calendar (steps from {low} to {high})")  # in words, not pandas' Timedelta text
    near = switched[1] if switched else near or remedy(time, offsets, where, fmt)  # freq= would refuse them
    dated = (f": its forecasts cannot be dated{others}; " if whose else ": forecasts cannot be dated, so predict "
             "will refuse this model (evaluate and backtest score it); to forecast, fit again: ")  # said plainly (t25t2)
    return (f"{subject} {how}{dated}{near or 'give freq= (--freq) to name their calendar, a pandas offset alias such as '}"
            f"{'' if near else ALIASES}")


def week_days(time: pd.DatetimeIndex, offsets: np.ndarray) -> str | None:
    """Advice for whole days on a few weekdays too few weeks or too ragged to be found as that week (Mon/Wed/Fri rows
    of 4 weeks), which ``jitter`` would round onto a 2-day grid, moving them: the week mask to give (decision 2106)."""
    mask = weekmasks.fallen(zoneclock.wall(time), offsets)
    return None if mask is None else (f"they fall on {mask} alone: if each row is one day of that week, give it as "
                                      f"their calendar, {spelled('freq', mask)} (a week mask of business days)")


def month_days(time: pd.DatetimeIndex) -> str | None:
    """Advice for midnights on the same 3 to 6 days of every month (dekads: the 1st, 11th and 21st; pentads), which no
    pandas offset alias names, so ``freq=`` cannot date them: say so and what can be done; else None."""
    if len(time) < 6 or (time != time.normalize()).any():
        return None
    months = pd.Series(time.day, index=time.to_period("M"))
    days = months.groupby(level=0).agg(lambda d: tuple(sorted(set(d))))
    inner = days.iloc[1:-1] if len(days) > 2 else days  # the first and last months may be partial
    if not len(inner) or inner.nunique() != 1 or not 3 <= len(inner.iloc[0]) <= 6:
        return None
    named = ", ".join(str(d) for d in inner.iloc[0])
    return (f"they keep the days {named} of every month{' (dekads)' if inner.iloc[0] == (1, 11, 21) else ''}, a "
            "calendar no pandas offset alias names, so freq= cannot date them either; to forecast them, give the rows "
            "as steps (a time column of whole numbers 1, 2, 3 ..., or none) and date the forecasts yourself")

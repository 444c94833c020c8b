"""Fiscal years and quarters of 52 or 53 weeks (a retailer's year ending on the last Saturday of January; 4-4-5
quarters), which a step's grid cannot describe (364 days, then 371): ``found`` tries pandas' ``FY5253`` and
``FY5253Quarter`` offsets on the timestamps and names the one that every timestamp keeps, so that the messages that
find no calendar name it (give ``freq='RE-L-JAN-SAT'``) rather than advise rounding that would move the dates;
``beside`` names it where ``13W-SAT`` was inferred, before a 53rd week parts the two (decision 1976)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import zoneclock
from rnncast.offsetguess import inside
from rnncast.rulers import Ruler

DAY = 86_400  # seconds
YEAR_STEPS = (364, 371)  # the steps of 52-53-week years, in days
QUARTER_STEPS = (91, 98)  # of their quarters: 13 weeks, 14 where the year's 53rd week falls


def found(time: pd.Index, offsets: np.ndarray):
    """The pandas 52-53-week offset (``FY5253`` or ``FY5253Quarter`` over months, variations 'last' and 'nearest'
    and, for quarters, the quarter given the 53rd week) that every timestamp of ``time`` [N] (series cut at
    ``offsets`` [S + 1]) keeps with the fewest rows missing; None where none does or the steps are no such years'."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3 or time.hasnans:
        return None
    wall = zoneclock.wall(time)
    if (wall != wall.normalize()).any() or len(set(wall.day_of_week)) != 1:
        return None  # one weekday at midnight: the dates such calendars keep
    days = np.diff(wall.as_unit("s").asi8 // DAY)[inside(offsets, len(time))]
    if not len(days) or (days % 7).any() or (days <= 0).any():
        return None
    typical = float(np.median(days))
    weekday = int(wall[0].day_of_week)
    if YEAR_STEPS[0] <= typical <= YEAR_STEPS[1]:
        tried = [pd.offsets.FY5253(weekday=weekday, startingMonth=m, variation=v) for v in ("last", "nearest")
                 for m in range(1, 13)]
    elif QUARTER_STEPS[0] <= typical <= QUARTER_STEPS[1]:
        tried = [pd.offsets.FY5253Quarter(weekday=weekday, startingMonth=m, qtr_with_extra_week=q, variation=v)
                 for v in ("last", "nearest") for m in range(1, 13) for q in range(1, 5)]
    else:
        return None
    best = None
    for offset in tried:
        if not all(offset.is_on_offset(t) for t in wall[: min(len(wall), 8)]):
            continue  # a quick look at the first rows before the ruler checks every one
        ruler = Ruler.of(wall, offsets, offset)
        if ruler is not None and ruler.bad is None and (best is None or ruler.missing < best[1]):
            best = (offset, ruler.missing)
    return None if best is None else best[0]


def exact(time: pd.Index, offsets: np.ndarray):
    """``found``'s offset and its ruler where it reproduces every date of ``time`` [N] (series cut at ``offsets``
    [S + 1]) with no row missing, as inference keeps a calendar (decision 939); else None."""
    offset = found(time, offsets)
    ruler = Ruler.of(time, offsets, offset) if offset is not None else None
    return None if ruler is None or ruler.bad is not None or ruler.missing else (offset, ruler)


def said(offset) -> str:
    """The 52-53-week calendar ``offset`` as fit's log names it: "fiscal quarters of 52 or 53 weeks, pandas'
    FY5253Quarter 'REQ-L-JAN-SAT-1'"."""
    kind = "fiscal quarters" if isinstance(offset, pd.offsets.FY5253Quarter) else "fiscal years"
    return f"{kind} of 52 or 53 weeks, pandas' {type(offset).__name__} {offset.freqstr!r}"


def advice(time: pd.Index, offsets: np.ndarray) -> str | None:
    """What a message about timestamps that keep no calendar given (or none) says where they keep a pandas 52-53-week
    calendar (``found``): its name and how to give it; else None."""
    offset = found(time, offsets)
    if offset is None:
        return None
    text = offset.freqstr
    kind = "fiscal quarters" if isinstance(offset, pd.offsets.FY5253Quarter) else "fiscal years"
    return (f"they are {kind} of 52 or 53 weeks, pandas' {type(offset).__name__} calendar: give freq={text!r} "
            f"(--freq {text})")


def beside(time: pd.Index, offsets: np.ndarray, offset) -> str | None:
    """Where the calendar inferred for ``time`` [N] (series cut at ``offsets`` [S + 1]) is 13 or 52 weeks on one
    weekday (``13W-SAT``) and every date also keeps pandas' 52-53-week quarters or years (``found``): the note saying
    so, that the two part at the first 53-week year (13W-SAT then dates each later quarter a week early) and the freq
    to give, saying where the data cannot tell which quarter takes the 53rd week (decision 1976); else None."""
    if not isinstance(offset, pd.offsets.Week) or offset.n not in (13, 52) or offset.weekday is None:
        return None
    if (retail := found(time, offsets)) is None:
        return None
    quarters = isinstance(retail, pd.offsets.FY5253Quarter)
    kind = "quarter" if quarters else "year"
    day = offset.freqstr.split("-")[-1]  # SAT
    form = f"REQ-L or N-the month the year ends-{day}-the quarter given the 53rd week" if quarters else \
        f"RE-L or N-the month the year ends-{day}"
    return (f"the dates also keep {said(retail)}, which parts from {offset.freqstr!r} at the first 53-week year "
            f"({offset.freqstr!r} then dates every later {kind} a week early); if these are fiscal {kind}s, give your "
            f"calendar's freq ({form}), e.g. freq={retail.freqstr!r} (--freq {retail.freqstr}), which dates before a "
            f"53-week year cannot tell from the others")

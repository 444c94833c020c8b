"""Months, quarters and years on a fixed day other than the first or the last: the 15th of each month,
every 10th of January, April, July and October, every 15 March.

pandas has no alias for these (``MS``, ``QS-JAN``, ``YS-MAR`` start on the 1st; ``ME``, ``QE``, ``YE`` end
on the last), but its ``DateOffset(months=1, day=15)`` walks them, dateutil's way: a month on, on that day,
clamped to the month's end in a shorter month (the 30th: 30 January, 28 February, 30 March). ``MonthDay``
is that offset, knowing also which months it falls in, so a row on another day or month is off it.

``freq=`` spells it as the start alias and the day: ``'MS@15'``, ``'QS-JAN@10'``, ``'YS-MAR@15'`` (``parse``,
``MonthDay.freqstr``), so model.json keeps it as written; day 1 is the start alias itself and day 31 the
end one (``MS@31`` is ``ME``). ``near`` offers the candidate a monthly, quarterly or yearly step implies.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast.errors import RnncastError
from rnncast.spelling import named

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
PERIODS = ([("M", "month")] + [(f"Q-{m}", "quarter") for m in ("DEC", "JAN", "FEB")]
           + [(f"Y-{m}", "year") for m in MONTHS[::-1]])  # pandas' period codes of each grain, tried in this order;
# three quarter codes draw every quarter's borders (Q-MAR's quarters are Q-DEC's, named by another year's end)
STEPS = {"MS": 1, "QS": 3, "YS": 12}  # the start alias of each step, in months
ACCEPTED = ("a day of the month is written after a start alias and '@', from 1 to 31 (the 30th falls on a shorter month's end): 'MS@15' (the 15th of each "
            "month), 'QS-JAN@10' (the 10th of Jan, Apr, Jul and Oct), 'YS-MAR@15' (every 15 March)")
PATTERN = re.compile(r"^(MS|QS|YS)(?:-([A-Z]{3}))?@(\d{1,2})$")


class MonthDay(pd.DateOffset):
    """Every ``months`` months (1, 3 or 12) on ``day`` (2 to 30, clamped to a shorter month's end), in
    the months of ``first`` (1 to 12) and every ``months`` after it: pandas' ``DateOffset(months=, day=)``."""

    def __init__(self, n: int = 1, normalize: bool = False, *, months: int = 1, day: int = 15, first: int = 1, **kw):
        super().__init__(n, normalize, months=months, day=day, **kw)
        object.__setattr__(self, "first", first)  # pandas offsets are immutable once made

    def on_month(self, month: int) -> bool:
        return (month - self.first) % self.months == 0

    def is_on_offset(self, dt) -> bool:
        dt = pd.Timestamp(dt)
        return self.on_month(dt.month) and dt.day == min(self.day, dt.days_in_month)

    def rollback(self, dt) -> pd.Timestamp:
        """The latest date on the offset at or before ``dt``, at ``dt``'s time of day."""
        dt = pd.Timestamp(dt)
        for back in range(13):
            month = dt - pd.DateOffset(months=back, day=1)
            at = month + pd.DateOffset(day=self.day)  # clamped to the month's end
            if self.on_month(at.month) and at <= dt:
                return at
        raise AssertionError("a year holds every month")  # pragma: no cover

    @property
    def freqstr(self) -> str:
        kind = {1: "MS", 3: "QS", 12: "YS"}[self.months]
        return f"{kind}{'' if self.months == 1 else '-' + MONTHS[self.first - 1]}@{self.day}"

    def __repr__(self) -> str:
        return f"<MonthDay {self.freqstr}>"


def make(months: int, day: int, month: int):
    """The calendar every ``months`` months (1, 3, 12) on ``day`` in ``month`` and its kin: the pandas start
    offset for day 1, the end one for day 31 (or more), else ``MonthDay``."""
    first = 1 if months == 1 else month  # QS-OCT given: kept (decision 938)
    if day <= 1:
        return to_offset({1: "MS", 3: f"QS-{MONTHS[first - 1]}", 12: f"YS-{MONTHS[first - 1]}"}[months])
    if day >= 31:  # QE-JAN: quarters ending in January, April, July and October
        return to_offset({1: "ME", 3: f"QE-{MONTHS[month - 1]}", 12: f"YE-{MONTHS[month - 1]}"}[months])
    return MonthDay(months=months, day=day, first=first)


def parse(freq):
    """The calendar ``freq`` spells with '@' (``'MS@15'``), or None for text without '@' (and any non-text);
    a spelling with '@' that names no day of a month, quarter or year is refused in one line."""
    if not isinstance(freq, str) or "@" not in freq:
        return None
    found = PATTERN.match(freq.strip().upper())
    kind, anchor, day = found.groups() if found else (None, None, "0")
    months = STEPS.get(kind)
    if found is None or (anchor is not None and months == 1) or (anchor and anchor not in MONTHS) \
            or not 1 <= int(day) <= 31:
        raise RnncastError(f"{named('freq')} {freq!r} is not a calendar; {ACCEPTED}")
    month = MONTHS.index(anchor) + 1 if anchor else 1
    return make(months, int(day), month)


def near(days: int, first: pd.DatetimeIndex) -> list:
    """The ``MonthDay`` calendar a step of ``days`` (the most common one: 28-31, 89-92, 365-366) implies for
    the first timestamps ``first``: their latest day of the month, on the first one's month (quarters on the
    calendar year's, ``QS-JAN@10`` for the 10th of each quarter from October: inferred quarters are calendar ones,
    decision 1044; a fiscal anchor is given, ``QS-OCT@10``); [] where that day is the 1st or the month's end
    (``MS``, ``ME`` ... are tried already) or the step is none of these."""
    months = 1 if 28 <= days <= 31 else 3 if 89 <= days <= 92 else 12 if 365 <= days <= 366 else None
    if months is None or not len(first):
        return []
    day = max(t.day for t in first)
    if day <= 1 or all(t.is_month_end for t in first):
        return []
    month = first[0].month
    return [make(months, day, (month - 1) % 3 + 1 if months == 3 else month)]

"""A trading session as ``freq=`` writes it and model.json keeps it: the step, the first and last bar of each
part of the session (both included), then the week when it is not Monday to Friday.

``30min 09:30-15:30`` is one part; a market closed for lunch is two, in order: ``30min 09:00-11:00 12:30-14:30``
(Tokyo's 30-minute bars; Shanghai's ``30min 09:30-11:00 13:00-14:30``). Times are read forward from the first
bar: a time before the one before it is on the next day (``h 22:00-21:00 Sun Mon Tue Wed Thu``, FX's hours from
Sunday evening; ``h 21:00-23:00 09:00-14:00``, a night session before the next day's), and the whole session
lasts a day at most. Each part's bars run every step from the part's own first bar, on the step's grid or off it
(Tokyo's hourly bars ``h 09:00-11:00 12:30-14:30``). ``read`` gives the parts as each bar's time after the first
(``sessions.Session.after``),
``write`` the text back from them. Weekdays that keep other hours follow after ``;``, each with its weekdays
(``30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat``): ``weekhours`` reads each such part here.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import weekmasks
from rnncast.errors import RnncastError

DAY = pd.Timedelta(days=1)
ACCEPTED = ("a session is written as the step, the first and the last bar's times of day (both included) of each "
            "part, in order, and, if not Monday to Friday, the week: '30min 09:30-15:30', '30min 09:00-11:00 "
            "12:30-14:30' (closed for lunch), 'h 22:00-21:00 Sun Mon Tue Wed Thu' (a time before the one before "
            "it is on the next day; a session lasts a day at most), and weekdays of other hours after ';', each "
            "part naming its weekdays: '30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat'")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_PART = re.compile(rf"({_TIME})\s*-\s*({_TIME})")
_FORM = re.compile(rf"^\s*(\S+)\s+({_PART.pattern}(?:\s*,?\s+{_PART.pattern}|\s*,\s*{_PART.pattern})*)\s*(.*?)\s*$")


def read(freq) -> tuple[pd.Timedelta, pd.Timedelta, tuple[pd.Timedelta, ...], str] | None:
    """The session ``freq`` spells as (step, the first bar's time of day, each bar's time after the first, the
    week mask), or None when it writes no time of day (an alias, a week mask, an integer step). Each part's bars
    run every step from its own first bar (``h 09:00-11:00 12:30-14:30``: 12:30 is off the hours from 09:00). A
    step that is not a fixed time under a day, a time that is none, a part's last bar no whole number of steps
    after its first, parts that overlap (a bar within the step of the one before), leave no break between them
    or run past a day,
    and a week that is none are refused in one line naming what is accepted (``RnncastError``)."""
    if not isinstance(freq, str) or not re.search(r"\d:\d\d", freq):
        return None
    form = _FORM.match(freq)
    if form is None or re.search(r"\d:\d\d", form.group(form.re.groups)):  # a time left over: '09:00-11:30 12:30'
        raise RnncastError(f"freq={freq!r} is no session; {ACCEPTED}")
    alias, spelled, rest = form.group(1), form.group(2), form.group(form.re.groups)
    try:
        step = to_offset(alias)
    except (ValueError, TypeError):
        step = None
    if not isinstance(step, pd.offsets.Tick) or step.n <= 0 or pd.Timedelta(step) >= DAY:
        raise RnncastError(f"freq={freq!r}: the step {alias!r} is no fixed time under a day (such as 30min, h, 15min); "
                           f"{ACCEPTED}")
    step = pd.Timedelta(step)
    parts = _PART.findall(spelled)  # [(first, last)] as written
    first = _time_of_day(parts[0][0], freq)
    after: list[pd.Timedelta] = []
    at = pd.Timedelta(0)  # the time after the session's first bar of the last time read
    for k, (start, end) in enumerate(parts):
        begin = at + (_time_of_day(start, freq) - first - at) % DAY if k else at
        if k and begin - at <= step:  # within the part before's last bar, or right after it
            before = "-".join(parts[k - 1])
            raise RnncastError(
                f"freq={freq!r}: the part {start}-{end} overlaps the part {before} before it; {ACCEPTED}"
                if begin - at < step
                else f"freq={freq!r}: no break between the parts {before} and {start}-{end}; write them as one part "
                     f"{parts[k - 1][0]}-{end}; {ACCEPTED}")
        at = begin + (_time_of_day(end, freq) - first - begin) % DAY
        if (at - begin) % step:
            raise RnncastError(f"freq={freq!r}: the last bar {end} is not a whole number of {alias} steps after the "
                               f"first {start}; {ACCEPTED}")
        after += [begin + i * step for i in range(int((at - begin) // step) + 1)]
        if at + step > DAY:
            raise RnncastError(
                f"freq={freq!r}: {len(after)} bars of {alias} last longer than a day; {ACCEPTED}" if len(parts) == 1
                else f"freq={freq!r}: read forward from {parts[0][0]}, the parts through {start}-{end} last longer "
                     f"than a day: are they out of order or overlapping? {ACCEPTED}")
    try:
        mask = weekmasks.parse(rest) if rest else weekmasks.BUSINESS
    except RnncastError as err:  # 'Thur': named with the whole freq
        raise RnncastError(str(err).replace(f"freq={rest!r}", f"freq={freq!r}", 1)) from None
    if mask is None:
        raise RnncastError(f"freq={freq!r}: {rest!r} is no week; {ACCEPTED}")
    return step, first, tuple(after), mask


def write(step: pd.Timedelta, first: pd.Timedelta, after: tuple[pd.Timedelta, ...], week: str,
          named: bool = False) -> str:
    """``freq=``'s text of the session of ``read``'s parts (``after``: each bar's time after the first; ``week``:
    canonical, left out when Monday to Friday unless ``named``: one weekday's hours among others', ``weekhours``)."""
    times = np.array([t.value for t in after], dtype=np.int64)  # [bars] ns after the first bar
    cuts = np.flatnonzero(np.diff(times) > step.value) + 1  # where a break ends
    runs = [f"{_clock(first + pd.Timedelta(int(t[0])))}-{_clock(first + pd.Timedelta(int(t[-1])))}"
            for t in np.split(times, cuts)]
    tail = "" if week == weekmasks.BUSINESS and not named else f" {week}"
    return f"{to_offset(step).freqstr} {' '.join(runs)}{tail}"


def _clock(t: pd.Timedelta) -> str:
    seconds = int((t % DAY).total_seconds())
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return text if seconds % 60 == 0 else f"{text}:{seconds % 60:02d}"


def _time_of_day(text: str, freq: str) -> pd.Timedelta:
    parts = [int(p) for p in text.split(":")]
    if parts[0] > 23 or any(p > 59 for p in parts[1:]):
        raise RnncastError(f"freq={freq!r}: {text!r} is no time of day (00:00 to 23:59); {ACCEPTED}")
    return pd.Timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)

"""Dates of three two-digit numbers (``19-03-01``, ``01/03/19``): the year first (``YY-MM-DD``) or last
(``DD-MM-YY``, ``MM-DD-YY``). pandas reads such a column year last wherever it can, so daily ``19-03-01`` ..
``19-03-28`` became 19 March of 2001 .. 2028; :func:`year_first` takes the year first where that reading alone
puts the dates in order on a regular calendar, and refuses a column that two readings put so. The choice
between month first and day first is ``datetext``'s; ``datetext.parse_text`` calls :func:`year_first`.
"""

from __future__ import annotations

import logging
import re
import warnings

import numpy as np
import pandas as pd

from rnncast import timetext
from rnncast.csvtext import guess
from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

# 19-03-01, 19/03/01 13:00, and 23.01.30. as Korean offices end a dotted date (its dot: pandas' guess, after the date)
THREE_PAIRS = re.compile(r"^\s*\d\d([/.-])\d\d\1\d\d(?:(?<=\.\d\d\.\d\d)\.)?(?:[ T]|\s*$)")


def calendar_of(times: pd.DatetimeIndex) -> str | None:
    """The frequency pandas infers for the distinct dates of ``times`` in order, or None."""
    distinct = times.unique().sort_values()
    if len(distinct) < 3:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = pd.infer_freq(distinct)
    except (TypeError, ValueError):
        return None
    return getattr(found, "freqstr", found)


def form(fmt: str) -> str:
    """``%y-%m-%d`` as a person writes it: ``YY-MM-DD``."""
    return fmt.replace("%y", "YY").replace("%m", "MM").replace("%d", "DD").split(" ")[0]


def clock_of(widened: str, dates) -> str | None:
    """The time of day (``" %H:%M"``, ``" %I:%M %p"`` or "") guessed for ``widened``, a date of three short numbers
    with its year written in four digits, where the date part of its guess is one of ``dates`` (``"%Y-%m-%d"``); None
    where no such format is guessed. ``csvtext.guess`` names a 12-hour clock's ``%I .. %p`` too, which pandas' guess
    never does: ``23.01.01 1:00 PM`` was left to dateutil, read day first (23 January 2001)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        guessed = guess(widened)
    return guessed[8:] if guessed is not None and guessed[:8] in dates else None


def _formats(first: str) -> list[str] | None:
    """The three orders of the first value's date (year first, day first, month first), each with its time of
    day as pandas guesses it for the same text written with the year first in four digits; None where pandas
    names no such format."""
    m = THREE_PAIRS.match(first)
    if not m:
        return None
    sep = m[1]
    clock = clock_of("20" + first.strip(), (f"%Y{sep}%m{sep}%d",))
    if clock is None:
        return None
    return [f"%y{sep}%m{sep}%d{clock}", f"%d{sep}%m{sep}%y{clock}", f"%m{sep}%d{sep}%y{clock}"]


def _descents(times: pd.DatetimeIndex) -> int:
    """How many times ``times`` goes back: 0 for one series in order, one fewer than the series for a panel."""
    return int((np.diff(times.asi8) < 0).sum())


def year_first(column: pd.Series, name: str, place, written: pd.Series, told: bool | None = None
               ) -> pd.DatetimeIndex | None:
    """``column`` read year first (``19-03-01`` is 1 March 2019) where its values are three two-digit numbers
    and that reading alone puts them in order (fewest steps back: a panel's series each in order) and, among
    those in order, on a regular calendar (``calendar_of``); or where it alone reads every value. None where
    another reading does so (``datetext`` reads it). Refused (``RnncastError``) where the year first and another
    reading both do. ``written``: the column as its file writes it (``23.01.01 오후 1:00``, read as ``1:00 PM``), quoted.
    ``told``: the caller's date_order (True: day before month), which orders day and month only: the year last is
    then read that way alone, and taken wherever it puts the dates in order; a column read year first alone stays so (decision 2227: ``24/01/30`` under
    date_order='month' was read DD/MM/YY and refused)."""
    given = column.dropna()
    if given.empty or not all(isinstance(v, str) for v in given.head(1)):
        return None
    formats = _formats(given.iloc[0])
    if formats is None:
        return None
    if told is not None:  # the other order of day and month: not the caller's
        formats = formats[:2] if told else formats[::2]
    readings: dict[str, pd.DatetimeIndex] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fmt in formats:
            try:
                times = pd.DatetimeIndex(pd.to_datetime(column, format=fmt))
            except (ValueError, TypeError):
                continue
            if not any(times.equals(t) for t in readings.values()):  # 01-01-20: day and month first alike
                readings[fmt] = times
    if formats[0] not in readings:
        return None
    if len(readings) == 1:
        return readings[formats[0]]
    fits = {fmt: (calendar_of(t), _descents(t)) for fmt, t in readings.items()}
    fewest = min(d for _, d in fits.values())
    best = [f for f in fits if fits[f][1] == fewest]  # in order (a panel: each series)
    best = [f for f in best if fits[f][0]] or best  # and on a regular calendar, where one is
    if formats[0] not in best or told is not None and formats[1] in best:  # told: the year last where it reads so
        return None
    if len(best) == 1:
        _said_why(written, readings, fits, formats[0], name)
        return readings[formats[0]]
    other = next(f for f in best if f != formats[0])
    a, b = readings[formats[0]], readings[other]
    i = int(np.flatnonzero(a != b)[0])
    how = ("in order on regular calendars ({} and {})".format(fits[formats[0]][0], fits[other][0]) if fits[other][0]
           else "in order (on no regular calendar)")
    quoted = str(written.iloc[i]).strip()
    raise RnncastError(f"time column {name!r} could be read year first or year last: {quoted!r} at "
                       f"{place(i)} is {timetext.spoken(a[i])} as {form(formats[0])} but {timetext.spoken(b[i])} as {form(other)}, "
                       f"and both put the dates {how}; write four-digit years ({form(formats[0]).replace('YY', 'YYYY')}"
                       f" or {form(other).replace('YY', 'YYYY')})")


def _said_why(column: pd.Series, readings: dict, fits: dict, fmt: str, name: str) -> None:
    """Warn that ``column`` is read year first and why: read the other ways its dates go back, or fall on no
    regular calendar."""
    others = [f for f in readings if f != fmt]
    i = int(np.flatnonzero(readings[fmt] != readings[others[0]])[0])
    why = "; ".join(f"as {form(f)} they would be {timetext.spoken(readings[f][0])} .. {timetext.spoken(readings[f][-1])}, "
                    f"{'going back in time' if fits[f][1] > fits[fmt][1] else 'on no regular calendar'}" for f in others)
    log.warning("time column %r is read year first (%s is %s, %s): %s; write four-digit years (%s) to leave no doubt",
                name, str(column.iloc[i]).strip(), timetext.spoken(readings[fmt][i]), form(fmt), why,
                form(fmt).replace("YY", "YYYY"))

"""Blanks of a daily column that are one holiday set's days: said where missing values are refused or filled, and at
predict where the forecast falls on that set's holidays.

A wide table of a US and a Korean ticker holds a blank cell on each market's holidays. The refusal offered
``--fill ffill|interpolate|zero|drop`` alike, and ffill made Samsung's closes on Chuseok and forecast it on Chuseok
2024 without a word. A column's blanks are a set's (``matched``) where

* there are at least ``LEAST`` of them, every one a weekday holiday of the set,
* and every one of the set's weekday holidays in the column's span is blank or has no row (each year's Chuseok).

Sets are tried in ``businessdays.tried``'s order (markets first: KRX before KR). ``drop`` then keeps each column on
its own calendar, without those days (``blankrows``); the others make values on them, and the forecast falls on them.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import businessdays
from rnncast.holidaysets import holiday_of, wall_days, weekday_holidays
from rnncast.timetext import at_midnight, shown

log = logging.getLogger(__name__)

LEAST = 4  # at least this many blanks, every one the set's holiday
SERIES = 50  # the series looked at (a refusal's clause stays cheap)


def matched(days: np.ndarray, blank: np.ndarray) -> str | None:
    """The set (the module's rule) whose holidays the blanks are: ``days`` [T] a column's days (datetime64[D],
    sorted), ``blank`` [T] bool where its value is missing; None where no set is."""
    blanks = np.unique(days[blank])
    if len(blanks) < LEAST or not len(days):
        return None
    first, last = int(str(days[0])[:4]), int(str(days[-1])[:4])
    for name in businessdays.tried(None):
        holidays = weekday_holidays(name, first, last)
        if not np.isin(blanks, holidays).all():
            continue
        inside = holidays[(holidays >= days[0]) & (holidays <= days[-1])]
        if np.isin(inside, days[~blank]).any():
            continue  # a row with a value on one of its holidays: not that market
        return name
    return None


def columns(values: np.ndarray, time, offsets: np.ndarray, pick=None) -> list:
    """``[(s, j, name, blanks)]``: the columns ``j`` of series ``s`` (values [N, C] cut at ``offsets`` [S + 1]) whose
    blanks are a set's (``matched``), at most ``SERIES`` series looked at; daily times only. ``pick``: (s, j) first."""
    if not isinstance(time, pd.DatetimeIndex) or not at_midnight(time):
        return []
    missing, days = np.isnan(values), wall_days(time)
    pairs = [(s, j) for s in range(min(len(offsets) - 1, SERIES)) for j in range(values.shape[1])]
    if pick is not None:
        pairs = [pick] + [p for p in pairs if p != pick]
    found = []
    for s, j in pairs:
        part = missing[offsets[s]:offsets[s + 1], j]
        name = matched(days[offsets[s]:offsets[s + 1]], part) if part.any() else None
        if name is not None:
            found.append((s, j, name, int(part.sum())))
    return found


def gaps_said(values: np.ndarray, time, offsets: np.ndarray, weekmask: str | None, named) -> str:
    """The gap warning's clause of business days read without holidays where every series' missing weekdays and its
    blanks (values [N, C] cut at ``offsets`` [S + 1]; ``columns``' sets) fall on its own set's holidays: a wide table
    of NYSE and LSE closes, blank where one market is shut and with no row where both are, which no one set explains,
    so ``holidays=`` (one set for every series) would be refused (decision 2047): "the rows missing and the blanks of
    each series fall on its own market's holidays (series 'FTSE': LSE's; 'SPX': NYSE's), and holidays= names one set
    for every series: fill='drop' (--fill drop) ..."; ``named(s)``: series ``s``'s id. "" where it is not so."""
    if not np.isnan(values).any() or len(offsets) - 1 > SERIES:
        return ""
    sets: dict = {}
    for s, _, name, _ in columns(values, time, offsets):
        sets.setdefault(s, name)  # a series' first column whose blanks are a set's
    days = wall_days(time)
    for s in range(len(offsets) - 1):
        own = days[offsets[s]:offsets[s + 1]]
        missing = businessdays.missing_weekdays(own, np.array([0, len(own)]), weekmask)
        if len(missing) and (s not in sets or not np.isin(missing, weekday_holidays(
                sets[s], int(str(own[0])[:4]), int(str(own[-1])[:4]), weekmask)).all()):
            return ""  # a series whose gaps are not its blanks' set's holidays: the general advice
    if not sets:
        return ""
    if len(set(sets.values())) == 1:
        name = next(iter(sets.values()))
        return (f"the rows missing and the blanks fall on {name} holidays: fill='drop' (--fill drop) drops the rows "
                f"with blanks, and the calendar is then found without {name} holidays")
    each = "; ".join(f"{'series ' if k == 0 else ''}{named(s)!r}: {name}'s" for k, (s, name) in enumerate(sets.items()))
    return (f"the rows missing and the blanks of each series fall on its own market's holidays ({each}), and "
            "holidays= names one set for every series: fill='drop' (--fill drop) drops the rows with blanks and keeps "
            "each series on its own calendar without those days")


def clause(found: list, named, first: bool) -> str:
    """What the refusal (``first``: the column refused is ``found[0]``) or the fill's warning adds: ``the 42 blanks of
    column '005930' all fall on KRX holidays (and the 27 of 'AAPL' on NYSE's): fill='drop' (--fill drop) keeps each
    column on its own calendar without those days; ffill, interpolate and zero make values on them, and the forecast
    then falls on them``; ``named(s, j)``: a column as messages name it."""
    if not found:
        return ""
    s, j, name, n = found[0]
    more = "; ".join(f"the {k} of {named(t, i)} on {m}'s" for t, i, m, k in found[1:4])
    more = f" (and {more}{' and more' if len(found) > 4 else ''})" if more else ""
    head = f"the {n} blanks of column {named(s, j)} all fall on {name} holidays{more}"
    if first:
        return (f"{head}: fill='drop' (--fill drop) keeps each column on its own calendar without those days; "
                f"ffill, interpolate and zero make values on them, and the forecast then falls on them")
    return (f"{head}: values made on a market's holidays, and the forecast then falls on them; fill='drop' "
            f"(--fill drop) keeps each column on its own calendar")


def warn_forecast(panel, when: list, fill: str | None, fmt: str | None = None) -> None:
    """Warn where the forecast of a series (``when`` [S] x [H]) falls on holidays of the set its target's blanks
    (values ``fill`` made: ``panel.filled``) match: a filled ticker forecast on its market's holidays; once."""
    if panel.filled is None or not isinstance(panel.time, pd.DatetimeIndex) or not at_midnight(panel.time):
        return
    days = wall_days(panel.time)
    for s in range(min(panel.n_series, SERIES)):
        rows = slice(panel.offsets[s], panel.offsets[s + 1])
        blank = panel.filled[rows, 0] != 0
        name = matched(days[rows], blank) if blank.any() else None
        if name is None or not isinstance(when[s], pd.DatetimeIndex) or not len(when[s]):
            continue
        ahead = wall_days(when[s])
        on = ahead[np.isin(ahead, weekday_holidays(name, int(str(ahead[0])[:4]), int(str(ahead[-1])[:4])))]
        if len(on):
            listed = ", ".join(f"{shown(pd.Timestamp(d), True, fmt)} ({holiday_of(name, d)})" for d in on[:3])
            log.warning("the forecast of %s falls on %s, %s, where the data leaves the series blank on every %s "
                        "holiday (%d values fill %r made); refit with fill='drop' (--fill drop) to keep the series on "
                        "its own calendar, without %s holidays", panel.label(s), listed,
                        f"{name} holidays" if len(on) > 1 else f"a {name} holiday", name, int(blank.sum()), fill, name)
            return

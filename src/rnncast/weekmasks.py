"""Weeks of business days other than Monday to Friday: a week mask, pandas' term (``CustomBusinessDay(weekmask=...)``).

A market open Sunday to Thursday (Tel Aviv until 2026, the Gulf's) or a shop open Monday to Saturday has
rows on a fixed set of weekdays. Its calendar is written as the week mask, the days named as pandas and
numpy name them and separated by spaces: ``freq="Sun Mon Tue Wed Thu"`` (``--freq "Sun Mon Tue Wed Thu"``),
kept so in model.json (``parse``, ``offset``). Monday to Friday is plain business days, ``B``, and stays so.

``infer`` finds the mask in daily data: a weekday is off only when no series has a row on it, each
series' span holds it at least ``MIN_WEEKS`` times in all, and at the rate the data misses its other days
so many misses would come by chance less often than ``CHANCE``; a daily series with a few random gaps,
or one of two or three weeks, is never given a week mask by accident.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import did_you_mean

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # numpy's and pandas' names, Monday first
FULL = {d.lower(): d for d in DAYS} | {f.lower(): d for f, d in zip(
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), DAYS)}
BUSINESS = "Mon Tue Wed Thu Fri"  # pandas' default week: the calendar 'B'
MIN_WEEKS = 4  # a weekday is off only when the data's spans hold it at least this often, and never a row on it
DAY = np.timedelta64(1, "D")  # date arithmetic in days (a bare integer is numpy's deprecated generic unit)
CHANCE = 1e-3  # ... and missing it every time would happen by chance less often than this
ACCEPTED = ("a week mask names the weekdays the calendar has, separated by spaces, as pandas does: "
            "'Sun Mon Tue Wed Thu', 'Mon Tue Wed Thu Fri Sat' (the days: Mon Tue Wed Thu Fri Sat Sun)")


def canonical(on) -> str:
    """The mask of weekdays ``on`` ([7] bools, Monday first) as written: from the first day of its run
    when the days are one run, wrapping round the week (``Sun Mon Tue Wed Thu``), else Monday first."""
    on = np.asarray(on, dtype=bool)
    starts = [d for d in range(7) if on[d] and not on[d - 1]]
    first = starts[0] if len(starts) == 1 else 0
    return " ".join(DAYS[(first + i) % 7] for i in range(7) if on[(first + i) % 7])


def bits(mask: str) -> np.ndarray:
    """[7] bools, Monday first: the weekdays of a canonical ``mask``."""
    names = mask.split()
    return np.array([d in names for d in DAYS])


def parse(freq) -> str | None:
    """The canonical week mask ``freq`` spells (``sun mon, tue wed thu`` -> ``Sun Mon Tue Wed Thu``), or
    None when it names no weekday (an offset alias, an integer step, None); ``BUSINESS`` for Monday to
    Friday, which ``offset`` makes plain ``B``. Text naming some weekdays among words that are none is refused in one line
    naming the word and what is accepted (``RnncastError``)."""
    if not isinstance(freq, str):
        return None
    words = [w for w in re.split(r"[\s,]+", freq.strip()) if w]
    if not words or not any(w.lower() in FULL for w in words):
        return None
    bad = [w for w in words if w.lower() not in FULL]
    if bad:
        near = did_you_mean(bad[0], list(DAYS), cutoff=0.5)
        raise RnncastError(f"freq={freq!r}: {bad[0]!r} is no weekday{near}; {ACCEPTED}")
    named = [FULL[w.lower()] for w in words]
    twice = next((d for k, d in enumerate(named) if d in named[:k]), None)
    if twice is not None:
        raise RnncastError(f"freq={freq!r} names {twice} twice; {ACCEPTED}, each day once")
    return canonical([d in named for d in DAYS])


def week(freq) -> str | None:
    """The week mask ``freq`` spells (``parse``), None for Monday to Friday: the week of a holiday set's calendar."""
    mask = parse(freq)
    return None if mask == BUSINESS else mask


def of(freq) -> str | None:
    """The canonical week mask of a pandas offset (a ``CustomBusinessDay`` on another week), or None
    for any other calendar and for Monday to Friday."""
    if not isinstance(freq, pd.offsets.CustomBusinessDay):
        return None
    mask = canonical([bool(b) for b in np.asarray(freq.calendar.weekmask)])
    return None if mask == BUSINESS else mask


def days_of(freq) -> str | None:
    """The weekdays a daily calendar has, canonical: ``EVERY`` for ``D``, ``BUSINESS`` for ``B`` (also with
    holidays), the mask of a week mask; None for any other calendar."""
    if isinstance(freq, pd.offsets.Day) and freq.n == 1:
        return EVERY
    if isinstance(freq, pd.offsets.BusinessDay) and freq.n == 1 and not freq.offset:
        return of(freq) or BUSINESS
    return None


def offset(mask: str | None, holidays=()) -> pd.offsets.BaseOffset:
    """Business days of the week ``mask`` (canonical; None or ``BUSINESS``: Monday to Friday) without ``holidays``
    (``datetime64[D]``): pandas' ``CustomBusinessDay``, or plain ``B`` for Monday to Friday without any."""
    mask = mask or BUSINESS
    if mask == BUSINESS and not len(holidays):
        return pd.offsets.BusinessDay()
    return pd.offsets.CustomBusinessDay(weekmask=mask, holidays=list(holidays) if len(holidays) else None)


def infer(days: np.ndarray, offsets: np.ndarray) -> str | None:
    """The week mask of daily data, canonical: the stacked days [N] (``datetime64[D]``, each series
    sorted) of series cut at ``offsets`` [S + 1]; None when every weekday has rows, when a weekday
    without rows could be missing by chance (see the module), and for Monday to Friday (``B``)."""
    mask = kept(days, offsets)
    return None if mask in (BUSINESS, EVERY) else mask


EVERY = " ".join(DAYS)  # the week of 'D'


def kept(days: np.ndarray, offsets: np.ndarray) -> str:
    """The week the rows keep, as ``infer`` finds it, but ``BUSINESS`` for Monday to Friday and ``EVERY``
    where every weekday has rows or the data cannot tell."""
    rows, held = np.zeros(7, dtype=np.int64), np.zeros(7, dtype=np.int64)
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    np.add.at(rows, weekday, 1)
    for s in range(len(offsets) - 1):
        if offsets[s + 1] - offsets[s] < 2:
            continue
        span = np.arange(days[offsets[s]], days[offsets[s + 1] - 1] + DAY).astype(np.int64)
        held += np.bincount((span + 3) % 7, minlength=7)
    off = (rows == 0) | _stray(rows, held)
    if not off.any() or off.all():
        return EVERY
    rate = min(rows[~off].sum() / max(held[~off].sum(), 1), 1.0)  # how often the data has a row on a day it is open
    if (held[off] < MIN_WEEKS).any() or ((1 - rate) ** held[off].astype(float) >= CHANCE).any():
        return EVERY
    return canonical(~off)


def _stray(rows: np.ndarray, held: np.ndarray) -> np.ndarray:
    """[7] the weekdays whose few rows are strays off the week the others keep (one Saturday among 260 business days
    made the week Monday to Saturday, 51 Saturdays missing): at most ``offcalendar``'s few rows off in all (5, and a
    twentieth of the rows), on days the spans hold ``MIN_WEEKS`` times or more, so few that a day open at the rate of
    the other days would hold them less often than ``CHANCE``. Those rows are then named off the calendar."""
    total, few = int(rows.sum()), (rows > 0) & (held >= MIN_WEEKS)
    most = min(5, total // 20)
    if not few.any() or most < 1:
        return np.zeros(7, dtype=bool)
    order = np.argsort(rows / np.maximum(held, 1), kind="stable")  # the rarest days first
    stray, count = np.zeros(7, dtype=bool), 0
    for day in order[few[order]].tolist():
        open_ = ~stray & (rows > 0)
        open_[day] = False
        if count + rows[day] > most or not open_.any():
            break
        rate = min(rows[open_].sum() / max(held[open_].sum(), 1), 1.0)
        k, n = int(rows[day]), int(held[day])
        chance = sum(math.comb(n, i) * rate ** i * (1 - rate) ** (n - i) for i in range(k + 1))  # so few, by chance
        if chance >= CHANCE:
            break
        stray[day], count = True, count + k
    return stray


def likely(days: np.ndarray, offsets: np.ndarray) -> str:
    """The week of ``kept``, but ``BUSINESS`` where ``kept`` cannot tell (``EVERY``) and no day is a Saturday or
    Sunday while some series' span holds one: the week daily data's ``B`` is, which leaves no row missing where
    ``D`` leaves the weekends (the calendar with the fewest missing rows wins, ``calendars``)."""
    week = kept(days, offsets)
    if week != EVERY or not len(days) or not np.is_busday(days, weekmask=BUSINESS).all():
        return week
    first, last = days[offsets[:-1][np.diff(offsets) > 0]], days[offsets[1:][np.diff(offsets) > 0] - 1]
    weekend = (last - first + DAY).astype(np.int64) - np.busday_count(first, last + DAY, weekmask=BUSINESS)
    return BUSINESS if (weekend > 0).any() else week


def other_weeks(days: np.ndarray, offsets: np.ndarray, freq, missing: np.ndarray, most: int) -> np.ndarray:
    """[S] True for a series with missing rows (``missing`` [S]) that keeps another week of days than the
    daily calendar ``freq`` (a Sunday-to-Thursday market among Monday-to-Friday ones: ``kept``), for the
    stacked days [N] (``datetime64[D]``) cut at ``offsets`` [S + 1]; the first ``most`` + 1 such series
    looked at, at most (more than ``most`` keep the panel's calendar)."""
    odd = np.zeros(len(offsets) - 1, dtype=bool)
    week = days_of(freq)
    if week is None:
        return odd
    for s in np.flatnonzero(missing > 0)[: most + 1]:
        odd[s] = kept(days[offsets[s] : offsets[s + 1]], np.array([0, offsets[s + 1] - offsets[s]])) != week
    return odd


def fallen(time: pd.DatetimeIndex, offsets: np.ndarray) -> str | None:
    """The week mask the rows of ``time`` [N] (series cut at ``offsets`` [S + 1]) fall on where each is a whole day and
    they keep some weekdays only, but too few weeks or too ragged for ``infer`` (Mon/Wed/Fri rows of 4 weeks): the
    week ``kept`` finds, else the weekdays the rows fall on; None where the rows fall on every weekday, on Monday to
    Friday alone ('B' names them), are no whole days or usually a week apart or more (events, weeks with gaps). A
    refusal names it as the calendar to give (decision 2106)."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 2 or time.hasnans or (time != time.normalize()).any():
        return None
    days = np.diff(time.tz_localize(None).to_numpy().astype("datetime64[D]").astype(np.int64))
    inner = np.ones(len(days), dtype=bool)
    inner[np.asarray(offsets[1:-1], dtype=np.int64) - 1] = False  # from one series to the next: no step
    if not inner.any() or np.median(days[inner]) >= 7:  # a week apart or more: no days of a week (W-MON's, events)
        return None
    mask = kept(time.tz_localize(None).to_numpy().astype("datetime64[D]"), np.asarray(offsets))
    mask = mask if mask != EVERY else canonical(np.bincount(time.day_of_week, minlength=7) > 0)
    return None if mask in (EVERY, BUSINESS) else mask

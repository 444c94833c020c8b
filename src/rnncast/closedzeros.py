"""Scored actuals at times of the week that were 0 in every training week: a call centre's closed hours written as 0
(decision 1792).

A file of half-hour call counts on the full round-the-clock grid, 0 whenever the centre is closed, is scored on every
step: 62% of the steps of its test split were closed-hour zeros, which every forecaster gets about right, so every
score was diluted (the model's MSE 58 over all steps, 112 in the open hours) and MAE ranked the model ahead of the
training mean (5.39 against 5.61) where in the open hours it is behind (8.19 against 7.91). Nothing said so.

``across`` finds each series' closed slots: times of the week (weekday and wall time of day) whose every training
value (the rows before the series' ``train_end``, every target, values fill made left out) is exactly 0, with at
least ``WEEKS`` of them, and where chance cannot explain it: intermittent demand is 0 at most times, so a slot is
closed only where the series' other slots are 0 so rarely that ``WEEKS`` or more zeros in a row at one slot would
come by chance less than ``CHANCE`` of the time. Only intraday calendars have times of the week to close (a day's
zeros are the weekend's or demand's). Said (``warn``) where at least ``SHARE`` of the actuals scored fall on them,
with the way out: the open hours' rows alone, which are read on their session's calendar.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.spelling import counted
from rnncast.timetext import at_midnight
from rnncast.weekhours import weekdays
from rnncast.zoneclock import wall

log = logging.getLogger(__name__)

WEEKS = 4  # a slot is closed only with at least this many training values, every one 0
CHANCE = 1e-3  # and where that many zeros at one slot would come by chance less often than this
SHARE = 0.1  # said where at least this share of the actuals scored fall on closed slots
DAY = 86_400  # seconds


def slots(time: pd.DatetimeIndex) -> np.ndarray:
    """[N] each time's second of the week on its wall clock, Monday 00:00 being 0."""
    seconds = wall(time).as_unit("s").asi8
    of_day = seconds % DAY
    return weekdays((seconds - of_day) * 10**9) * DAY + of_day  # the weekday as sessions read it (weekhours)


def closed(values: np.ndarray, slot: np.ndarray) -> np.ndarray:
    """The closed slots (the module's rule) of one series' training rows: ``values`` [n, T] (NaN: no value), ``slot``
    [n] each row's second of the week; a sorted int array."""
    kept = ~np.isnan(values).any(axis=1)
    zero, slot = (values[kept] == 0).all(axis=1), slot[kept]
    if not zero.any():
        return np.zeros(0, dtype=np.int64)
    keys, where = np.unique(slot, return_inverse=True)
    count, zeros = np.bincount(where), np.bincount(where, weights=zero)
    always = (zeros == count) & (count >= WEEKS)
    others = ~always[where]
    rate = zero[others].mean() if others.any() else 1.0  # how often the series is 0 at its other slots
    return keys[always & (rate ** count < CHANCE)]


def across(panel, splits: list, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int,
           scored: bool = True) -> dict | None:
    """The actuals of the windows at stacked rows ``starts`` [W] (their inputs' first rows) of series ``series`` [W]
    that fall on their series' closed slots, each counted once per window that forecasts it, as the scores count them:
    ``{"steps", "of" (every step with an actual), "share", "slots" (the closed slots of the week, summed over the
    series), "series" (how many keep one)}``; None where fewer than ``SHARE`` do, with no timestamps, on a calendar of
    days, or ``scored`` False (predict_windows). ``splits`` [S]: each series' ``windows.Split`` (its training rows end
    at ``train_end``; None: a series not trained, which keeps none)."""
    time = getattr(panel, "time", None)
    if not scored or not len(starts) or not isinstance(time, pd.DatetimeIndex) or at_midnight(time):
        return None
    values = panel.values[:, :panel.n_targets].copy()
    if panel.filled is not None:  # values fill made are neither training evidence nor scored
        values[panel.filled[:, :panel.n_targets] != 0] = np.nan
    slot, ends = slots(time), np.asarray(panel.offsets, dtype=np.int64)
    shut = np.zeros(len(time), dtype=bool)
    keeping, counted_slots = 0, 0
    for s in np.unique(series).tolist():
        split = splits[s] if s < len(splits) else None
        if split is None:
            continue
        rows = slice(ends[s], ends[s] + int(split.train_end))
        keys = closed(values[rows], slot[rows])
        if len(keys):
            keeping, counted_slots = keeping + 1, counted_slots + len(keys)
            shut[ends[s]:ends[s + 1]] = np.isin(slot[ends[s]:ends[s + 1]], keys)
    if not keeping:
        return None
    first = np.asarray(starts, dtype=np.int64) + lookback  # [W] each window's first target row
    last = np.minimum(first + horizon, ends[np.asarray(series, dtype=np.int64) + 1])  # [W] after its last
    cover = np.cumsum(np.bincount(first, minlength=len(time) + 1) - np.bincount(last, minlength=len(time) + 1))[:-1]
    actual = ~np.isnan(values).all(axis=1)
    of = int((cover * actual).sum())
    steps = int((cover * (actual & shut)).sum())
    if not of or steps < SHARE * of:
        return None
    return {"steps": steps, "of": of, "share": steps / of, "slots": counted_slots, "series": keeping}


def text(found: dict | None, where: str) -> str | None:
    """The warning of ``across``'s ``found`` on ``where`` (the windows scored, as the verdict names them); None
    without it."""
    if not found:
        return None
    series = "" if found["series"] == 1 else f" of {found['series']} series"
    return (f"{where}: {100 * found['share']:.1f}% of the actuals scored ({found['steps']:,} of {found['of']:,} "
            f"forecast steps) fall at times of the week whose every training value was 0 ({counted(found['slots'], 'slot')}"
            f"{series}, each 0 in at least {WEEKS} training weeks: closed hours?); every forecaster gets most of them "
            "about right, so they dilute every score and can rank the forecasters otherwise than the open hours do; "
            "to score the hours that count, give the open hours' rows alone (drop the closed hours' rows, or write "
            "them blank and give fill='drop' (--fill drop)): they are then read on their session's calendar")


def warn(found: dict | None, where: str) -> None:
    """Warn of ``across``'s ``found`` (``text``) on ``where``."""
    if said := text(found, where):
        log.warning("%s", said)


def warned(found: dict | None, where: str) -> dict | None:
    """``found``, once warned of (``warn``): a backtest's, which keeps it in its metrics."""
    warn(found, where)
    return found

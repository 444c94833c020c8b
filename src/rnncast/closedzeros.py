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

Zeros whose hours drift with the season (a solar plant's nights, decision 1979): only the short summer night is 0 in
every training week, so the slots counted 34.4% of the test actuals where 64% were night zeros. In a series that keeps
a closed slot (the evidence that its zeros keep a time of day, beyond chance), a 0 whose same wall time the day before
and after (or the week before and after) is 0 too in the data (``beside``) is counted as well; where those add at
least ``DRIFT`` of the count, the zero hours drift, and the way out is not a session calendar (it would take the
longest day's hours and call every shorter day's dark hours missing) but the scores on the other values, given apart
(``score_apart``: the intervals' coverage without these zeros, ``KEY``, decision 1978).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.calibration import far_from_level, share_text
from rnncast.spelling import counted
from rnncast.timetext import at_midnight
from rnncast.weekhours import weekdays
from rnncast.zoneclock import wall

log = logging.getLogger(__name__)

WEEKS = 4  # a slot is closed only with at least this many training values, every one 0
CHANCE = 1e-3  # and where that many zeros at one slot would come by chance less often than this
SHARE = 0.1  # said where at least this share of the actuals scored fall on closed slots
DAY = 86_400  # seconds
DRIFT = 0.1  # the zero hours drift where the days either side add at least this share of the zeros counted
KEY = "without_structural_zeros"  # the model block's intervals scored on the other values (decision 1978)


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
    slot, ends, clock = slots(time), np.asarray(panel.offsets, dtype=np.int64), wall(time).as_unit("ns").asi8
    shut, near = np.zeros(len(time), dtype=bool), np.zeros(len(time), dtype=bool)
    held, counted_slots = [], 0
    for s in np.unique(series).tolist():
        split = splits[s] if s < len(splits) else None
        if split is None:
            continue
        rows = slice(ends[s], ends[s] + int(split.train_end))
        keys = closed(values[rows], slot[rows])
        if len(keys):  # its zeros keep a time of day: those of the days either side count too (decision 1979)
            held, counted_slots, own = held + [s], counted_slots + len(keys), slice(ends[s], ends[s + 1])
            shut[own] = np.isin(slot[own], keys)
            near[own] = beside(clock[own], (values[own] == 0).all(axis=1))  # NaN: not 0
    if not held:
        return None
    first = np.asarray(starts, dtype=np.int64) + lookback  # [W] each window's first target row
    last = np.minimum(first + horizon, ends[np.asarray(series, dtype=np.int64) + 1])  # [W] after its last
    cover = np.cumsum(np.bincount(first, minlength=len(time) + 1) - np.bincount(last, minlength=len(time) + 1))[:-1]
    actual = ~np.isnan(values).all(axis=1)
    of = int((cover * actual).sum())
    at_slots = int((cover * (actual & shut)).sum())
    steps = int((cover * (actual & (shut | near))).sum())
    if not of or steps < SHARE * of:
        return None
    return {"steps": steps, "of": of, "share": steps / of, "slots": counted_slots, "series": len(held),
            "slot_steps": at_slots, "drifting": steps - at_slots >= DRIFT * steps, "held": held}


def beside(clock: np.ndarray, zero: np.ndarray) -> np.ndarray:
    """[n] which of one series' rows at wall times ``clock`` [n] (int64 ns) are 0 (``zero`` [n]: False for another
    value or none read) with the same wall time the day before and after, or the week before and after, 0 too where
    the data has it, at least one of the two there: a night's zeros, whose hours drift with the season, and a closed
    day's (decision 1979)."""
    order = np.argsort(clock, kind="stable")
    keys, zeros, found = clock[order], np.asarray(zero, dtype=bool)[order], np.zeros(len(clock), dtype=bool)
    if not len(keys):
        return found
    for days in (1, 7):
        fits, seen = zeros.copy(), np.zeros(len(keys), dtype=bool)
        for sign in (-1, 1):
            at = keys + sign * days * DAY * 10**9
            i = np.minimum(np.searchsorted(keys, at), len(keys) - 1)
            there = keys[i] == at
            fits &= ~there | zeros[i]
            seen |= there
        found[order] |= fits & seen
    return found


def structural(wf, held) -> np.ndarray | None:
    """[W, H, T] which actuals of the windows ``wf`` (a ``WindowForecasts``) are structural zeros: of a series among
    ``held`` (``across``'s: those keeping a closed slot), 0, with the same wall time the day or week either side 0 too
    among the actuals the windows hold (``beside``); None where none is or the windows carry no times."""
    w, h, t = wf.y_true.shape
    series = np.zeros(w, np.int64) if wf.series is None else np.asarray(wf.series, dtype=np.int64)
    rows = np.asarray(wf.target_rows, dtype=np.int64)[:, None] + np.arange(h)  # [W, H] each step's row in its series
    out = np.zeros((w, h, t), dtype=bool)
    for s in np.intersect1d(np.unique(series), np.asarray(held, dtype=np.int64)).tolist():
        time = wf.times[s] if s < len(wf.times) else None
        if not isinstance(time, pd.DatetimeIndex):
            continue
        mine = np.flatnonzero(series == s)
        own = rows[mine]  # [w', H]
        inside = own < len(time)
        distinct, first = np.unique(own[inside], return_index=True)
        clock = wall(time[distinct]).as_unit("ns").asi8
        for j in range(t):
            zero = np.zeros(len(time), dtype=bool)
            zero[distinct[beside(clock, wf.y_true[mine, :, j][inside][first] == 0)]] = True
            hit = np.zeros(own.shape, dtype=bool)
            hit[inside] = zero[own[inside]]
            out[mine, :, j] = hit
    return out if out.any() else None


def score_apart(block: dict, wf, kept, found: dict | None, score) -> None:
    """Add to ``block`` (the model's scores of the windows ``wf``, values ``kept`` [W, H, T] scored, None: all) ``KEY``:
    ``score(keep)`` (``evaluation.interval_scores``: coverage, pinball loss, ``by_level``) on the values scored other
    than the structural zeros (``structural``) of the series ``found`` (``across``'s) holds, with ``"zeros"``, how many
    were left out, and, for several targets, ``"targets"``, how many (the zeros are values, counted per target, where
    ``across``'s note counts forecast steps: decision 2020); nothing where ``found`` is None (a share under ``SHARE``),
    ``block`` has no interval, or no zero is left out (decision 1978)."""
    if not found or not any(key.startswith("coverage_") for key in block):
        return
    zeros = structural(wf, found.get("held", ()))  # a result saved before decision 1979 holds none
    if zeros is None:
        return
    zeros = zeros if kept is None else zeros & kept
    keep = ~zeros if kept is None else kept & ~zeros
    if zeros.any() and keep.any():
        several = {"targets": zeros.shape[-1]} if zeros.shape[-1] > 1 else {}
        block[KEY] = {**score(keep), "zeros": int(zeros.sum()), **several}


def apart_text(model: dict, where: str) -> str:
    """" Without the 209,496 structural zeros ...: the 80% interval covers 70.70% of the other 117,864 values ...":
    the model's intervals on the values other than the structural zeros (``score_apart``'s ``KEY`` in ``model``), their
    verdict (``calibration.far_from_level``), and that the overall one counts the zeros; "" without them."""
    apart = model.get(KEY)
    if not apart:
        return ""
    n, t = apart["by_level"]["values"], apart.get("targets", 1)
    per = (f" ({t} targets' values, each counted, where the structural zeros' warning counts forecast steps)"
           if t > 1 else "")
    covers = ", ".join(f"the {key.removeprefix('coverage_')}% interval covers {share_text(value, apart)}"
                       for key, value in apart.items() if key.startswith("coverage_"))
    far = far_from_level(apart).replace(" Far from", " There, far from", 1).replace(" Not tested", " There, not tested", 1) or (
        " There no interval or level is far from its level by the same test.")
    return (f" Without the {apart['zeros']:,} structural zeros among {where}{per} (actuals of 0 where the series is 0 "
            "at that time the day or week either side too, as at night or in closed hours, which every interval whose "
            f"lower level is 0 holds), on the other {n:,} values {covers}: the coverage and verdict above count those "
            f"zeros.{far} Splitting on the actual being 0 conditions on the outcome: read this as a diagnostic of "
            "where the intervals miss, not as a calibrated test.")


def text(found: dict | None, where: str) -> str | None:
    """The warning of ``across``'s ``found`` on ``where`` (the windows scored, as the verdict names them); None
    without it."""
    if not found:
        return None
    series = "" if found["series"] == 1 else f" of {found['series']} series"
    if found.get("drifting"):  # a night's zeros: no session calendar fits hours that drift (decision 1979)
        return (f"{where}: {100 * found['share']:.1f}% of the actuals scored ({found['steps']:,} of {found['of']:,} "
                "forecast steps) are structural zeros: 0 where the series is 0 at that time of day the day (or week) "
                f"before and after too, as at night; their hours drift with the season (only "
                f"{100 * found['slot_steps'] / found['of']:.1f}% fall at the {counted(found['slots'], 'time')} of the "
                f"week{series} 0 in every training week); every forecaster gets most of them about right, and every "
                "interval whose lower level is 0 holds them, so they dilute every score and the intervals' coverage "
                "and can rank the forecasters otherwise than the other hours do; a quantile model's intervals are "
                "also scored without them (the coverage line and the scores' "
                f"'{KEY}'); a calendar of the other hours alone would not fit hours that drift")
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

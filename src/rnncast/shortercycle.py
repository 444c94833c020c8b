"""The seasonal naive forecast of the calendar's shorter cycle, where the season given is longer (365 on daily rows,
whose week is a cycle too; 168 on hourly rows, whose day is): scored on the same windows and said in one line beside
the verdict, with how many training differences MASE's scale rests on (decision 1926).

A web-analytics tester (t36t6) fitted one network to daily page views twice, with ``--season 7`` and ``--season 365``:
the same network, test MSE 3.552 (scaled) in both, was "NOT beating the baselines" (3.332 for the seasonal naive at
7) and "lower than every baseline's" (7.494 for the seasonal naive at 365), MASE 4.06 and 0.77. The weekly seasonal
naive, the strongest baseline there, dropped out of the season-365 verdict without a word, and "MASE 0.77 < 1" read
as good while the model lost to repeating last week; the scale rested on about 400 year-apart differences of each
series, a year of growth in each. The verdict itself is left to the baselines the season makes (its tables, tests
and metrics.json keys are every command's): this line says the shorter cycle's seasonal naive and its MSE against the
model's, in the verdict's units, and whether the model's is lower.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import baselines, calendarlags, metrics, parts, scaling, seasonalgaps, spreads
from rnncast.seasons import Season, implied_season
from rnncast.spelling import counted
from rnncast.verdicts import units_for
from rnncast.windowforecasts import scored

log = logging.getLogger(__name__)

WHERE = {"test": "the test split", "backtest": "the backtest's windows"}  # the verdict's words for the windows


def shorter(calendar, season: int) -> Season | None:
    """The calendar's own cycle (``seasons.implied_season``: 7 days in a week, 24 hours in a day) where ``season`` is
    longer than it, a cycle within the season's (365 on days, 168 or 8760 on hours); else None."""
    own = implied_season(calendar)
    return own if own is not None and 1 < own.steps < season else None


def naive(values: np.ndarray, offsets: np.ndarray, wf, steps: int, placed: dict | None = None) -> np.ndarray:
    """[W, H, T] the seasonal naive forecast at ``steps`` of the windows of ``wf`` (a ``WindowForecasts``: its series,
    positions in the panel of ``values`` [N, C] and ``offsets`` [S + 1], and each window's first target row in its
    series), from the ``steps`` rows of the series before each window's first target; NaN where it has fewer.
    ``placed`` (``calendarcuts.placed_series``): a series whose rows skip a step of its calendar is read ``steps``
    calendar steps back, as the seasonal naive baseline is (``seasonalgaps.by_calendar``, decision 1966): NaN where
    the data lacks that step or the series holds fewer than ``steps`` calendar steps before the window (decision
    2027)."""
    w, h, t = wf.y_true.shape
    series = np.zeros(w, dtype=np.int64) if wf.series is None else np.asarray(wf.series, dtype=np.int64)
    local = np.asarray(wf.target_rows, dtype=np.int64)
    rows = (offsets[series] + local)[:, None] - steps + np.arange(steps)  # [W, steps]
    short = local < steps
    forecast = baselines.seasonal_naive(values[np.where(short[:, None], offsets[series, None], rows), :t], h, t, steps)
    forecast = forecast.astype(np.float64)
    if placed:  # the same time of the cycle, not the same count of rows (decision 2027)
        forecast = seasonalgaps.by_calendar(forecast, values, offsets[series] + local, local, series, t, steps, placed)
        short = seasonalgaps.steps_before(local, series, placed) < steps
    return np.where(short[:, None, None], np.nan, forecast)


def pairs(train_ends, season: int, ids: list, kept=None) -> str:
    """How many differences ``season`` steps apart MASE's scale rests on, of series whose training rows end at
    ``train_ends`` [S] (each its own count: rows minus the season; unread where ``kept`` is given), the fewest named in a
    panel; ``kept`` [S]: the counts fit kept (``state.mase_pairs``: of every observed row before the cutoff, a season
    of calendar steps apart, as the scale is and the few-pairs warning counts them, ``scalepairs``; decision 2206)."""
    each = (np.maximum(np.asarray(train_ends, dtype=np.int64) - season, 0) if kept is None
            else np.asarray(kept, dtype=np.int64))
    values = f"{'training values' if kept is None else 'values before the cutoff'} {season} steps apart"
    if len(each) == 1:
        return f"{counted(int(each[0]), 'pair')} of {values}"
    least = int(np.argmin(each))
    return (f"{counted(int(each.sum()), 'pair')} of {values} over {len(each)} series, the "
            f"fewest {int(each[least])} (of {ids[least]!r})")


def say(state, panel, index: np.ndarray, found, part: str = "test", mase: bool = True,
        placed: dict | None = None) -> str | None:
    """Log, where the model's season is longer than its calendar's own cycle (``shorter``), that cycle's seasonal
    naive MSE on the windows of ``found`` (``PartForecasts``, or an (original, scaled) pair of ``WindowForecasts``:
    backtest's) against the model's, in the verdict's units (``verdicts.units_for``), and with ``mase`` how many
    differences MASE's scale rests on (``pairs``: the counts ``found`` carries, ``PartForecasts.mase_pairs``, else
    those of the fit's training rows found in ``panel``: ``parts.locate``). A warning where the model's MSE is not lower, else an INFO
    line; ``part``: the windows' (``parts.PARTS``), or "backtest"; not the validation windows, which fit scores before
    its test split (one line a run, the verdict's). ``placed``: ``calendarlags.placed(panel)`` where the caller walked
    it (backtest): the cycle is read in calendar steps (``naive``), and both MSEs rest on the values it has a
    forecast for, said where that is fewer than those scored (decision 2027). None (nothing said) where no such cycle
    is, nothing is scored, or the scaled units are no scaler's."""
    season = state.settings.data.season
    where = WHERE.get(part) or f"the windows {parts.PART_NAMES[part]}"
    cycle = shorter(state.calendar, season)
    original, wf_scaled = (found.original, found.scaled) if hasattr(found, "original") else found
    units = units_for(state.layout, len(state.targets))
    if cycle is None or part == "val" or not len(original.y_true) or (units == "scaled" and spreads.scaled_by(state)):
        return None  # scaler 'none': the verdict's units are no scaler's (spreads.weighed)
    offsets = np.asarray(panel.offsets, dtype=np.int64)
    placed = calendarlags.placed(panel) if placed is None else placed  # by calendar steps (decision 2027)
    forecast = naive(np.asarray(panel.values, dtype=np.float64), offsets, original, cycle.steps, placed)  # [W, H, T]
    truth, model = original.y_true, original.y_pred
    if units == "scaled":
        offset, scale = scaling.stack([state.scalers[k] for k in index])  # [S, C], the panel's series'
        s = np.zeros(len(forecast), np.int64) if original.series is None else np.asarray(original.series, np.int64)
        n_t = forecast.shape[-1]
        forecast = (forecast - offset[s, None, :n_t]) / scale[s, None, :n_t]
        truth, model = wf_scaled.y_true, wf_scaled.y_pred
    kept = np.broadcast_to(True if (kept := scored(original)) is None else np.asarray(kept, bool), forecast.shape)
    keep = np.isfinite(forecast) & kept
    if not keep.any():
        return None
    left = int(kept.sum()) - int(keep.sum())  # values scored whose step a cycle back the data lacks (decision 2027)
    some = (f" (on the {int(keep.sum()):,} of the {int(kept.sum()):,} values scored it has a forecast for: the step "
            f"{cycle.steps} calendar steps before {'the other one' if left == 1 else f'each of the other {left:,}'} is "
            "missing from the data)" if left else "")
    mine = metrics.score(truth, model, keep, original.series)["mse"]
    theirs = metrics.score(truth, forecast, keep, original.series)["mse"]
    if not (np.isfinite(mine) and np.isfinite(theirs)):
        return None
    lower = theirs <= mine
    verdict = (f"not higher than the model's: the model does NOT beat repeating the last {cycle.steps} steps, whatever"
               f" the verdict on season {season} says" if lower else "higher than the model's")
    scale = ""
    if mase:
        kept = getattr(found, "mase_pairs", None)  # the scale's own count where kept (decision 2206)
        ends = None
        if kept is None:  # a model saved without them: the fit's training rows of each series, from its first
            located = parts.locate(state, panel, index)
            first = np.zeros(panel.n_series, np.int64) if located.fit_starts is None else located.fit_starts
            ends = [0 if sp is None else sp.train_end - int(f) for sp, f in zip(located.splits, first)]
        scale = (f"; MASE (season {season}) divides by the mean absolute change over "
                 f"{pairs(ends, season, panel.given_ids, None if kept is None else kept[:, 0])}")
    text = (f"season {season} is given, so the seasonal naive baseline repeats the values {season} steps before; the "
            f"calendar's shorter cycle ({cycle.steps} {cycle.cycle}) is not among the baselines the verdict weighs: its "
            f"seasonal naive forecast (the last {cycle.steps} steps, repeated) has MSE{' (scaled)' if units == 'scaled' else ''} "
            f"{theirs:.4g} on {where} against the model's {mine:.4g}{some}, {verdict}{scale}; give --season {cycle.steps} to "
            "weigh it")
    if lower:
        log.warning("%s", text)
    else:
        log.info("%s", text)
    return text


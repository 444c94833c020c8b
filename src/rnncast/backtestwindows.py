"""Each window's entry in a backtest's metrics (``metrics["windows"]``, the report page's table of windows,
``backtestpage``): when its forecasts start (:func:`first_steps`: the earliest and latest first step over the series
that hold it, in one time form) and its scores, in original and scaled units, or why it keeps no scored value
(:func:`window_scores`)."""

from __future__ import annotations

import numpy as np

from rnncast import filledwindows, stepactuals, timetext
from rnncast.evaluation import scaled_scores, scores
from rnncast.panel import Panel
from rnncast.windowforecasts import WindowForecasts, scored, take


def window_scores(j: int, span: dict, wf: WindowForecasts, wf_scaled: WindowForecasts, scales: np.ndarray,
                  mine: np.ndarray, absent: stepactuals.Absent | None = None) -> dict:
    """Window ``j``'s entry: its first forecast step, each forecaster's scores in original units and,
    under ``scaled``, in scaled units (``evaluation.scaled_scores``: the units of a panel's verdict); where it keeps
    no scored value (NaN), ``left_out``: why, for its row of the table (``backtestpage``)."""
    original = scores(take(wf, mine), scales[mine], take(wf_scaled, mine))  # NaN where every series lacks a row there
    keep = scored(wf)
    why = "a row missing" if not mine.any() else None if keep is None or keep[mine].any() else filledwindows.unscored_why(
        None if wf.reads_later is None else wf.reads_later[mine], wf.filled[mine] if wf.filled is not None else None,
        None if absent is None else absent.mask[mine])
    return {"window": j, **span, **({"left_out": why} if why else {}), **original,
            "scaled": scaled_scores(scores(take(wf_scaled, mine), scales[mine]), original)}


def first_steps(panel: Panel, first_rows: np.ndarray, held: np.ndarray, cuts: np.ndarray, placed: dict) -> list[dict]:
    """When each window's forecasts start (``first_rows``, ``held``: [S, W]): the earliest and latest first forecast
    step over the series that hold it (of none, over every series: the rows after their cutoffs), every window's in
    one form (``timetext.shown_alike``: with the UTC offset on all where one needs it)."""
    spans, firsts = [], stepactuals.first_times(panel, first_rows, cuts, placed) if panel.time is not None else None
    for j in range(first_rows.shape[1]):
        which = np.flatnonzero(held[:, j]) if held[:, j].any() else np.arange(first_rows.shape[0])
        if panel.time is None:
            steps = [int(panel.numbered(s)[int(first_rows[s, j])]) for s in which]
        else:
            steps = [firsts[s][j] for s in which]  # the date after the cutoff, on the calendar: its row may lack
        spans += [min(steps), max(steps)]
    if panel.time is not None:
        spans = timetext.shown_alike(spans, panel.time, panel.calendar.text_format)
    return [{"first_step": spans[k : k + 2]} for k in range(0, len(spans), 2)]

"""Each window's entry in a backtest's metrics (``metrics["windows"]``, the report page's table of windows,
``backtestpage``): when its forecasts start (:func:`first_steps`: the earliest and latest first step over the series
that hold it, in one time form) and its scores, in original and scaled units, or why it keeps no scored value
(:func:`window_scores`)."""

from __future__ import annotations

import numpy as np

from rnncast import filledwindows, stepactuals, timetext
from rnncast.backtestpage import window_dates
from rnncast.evaluation import scaled_scores, scores
from rnncast.panel import Panel
from rnncast.windowforecasts import WindowForecasts, scored, take


def window_scores(j: int, span: dict, wf: WindowForecasts, wf_scaled: WindowForecasts, scales: np.ndarray,
                  mine: np.ndarray, absent: stepactuals.Absent | None = None, blank: bool = False) -> dict:
    """Window ``j``'s entry: its first forecast step, each forecaster's scores in original units and,
    under ``scaled``, in scaled units (``evaluation.scaled_scores``: the units of a panel's verdict); where it keeps
    no scored value (NaN), ``left_out``: why, for its row of the table (``backtestpage``); ``blank``: the target's made
    values are blank labels stood in for (``blanklabels.masked``), said as fit says them (decision 2224)."""
    original = scores(take(wf, mine), scales[mine], take(wf_scaled, mine), step_counts=False)  # no counts: decision 2082
    keep = scored(wf)
    why = "a row missing" if not mine.any() else None if keep is None or keep[mine].any() else filledwindows.unscored_why(
        None if wf.reads_later is None else wf.reads_later[mine], wf.filled[mine] if wf.filled is not None else None,
        None if absent is None else absent.mask[mine], blank)
    return {"window": j, **span, **({"left_out": why} if why else {}), **original,
            "scaled": scaled_scores(scores(take(wf_scaled, mine), scales[mine], step_counts=False), original)}


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


SPREAD = 1.5  # a series' MASE scale this many times larger in one window than in another: said under the table


def record_scales(metrics: dict, each: np.ndarray, held: np.ndarray, ids: list, targets: list,
                  pairs: np.ndarray | None = None) -> None:
    """Write each window's MASE scales into its entry of ``metrics["windows"]`` (``"mase_scales"``: by series id, a
    target's own under its name where there are several; a lone series' unnamed: the number or that mapping; NaN as
    None) from ``each`` [S, K, T] (each series' scale in window k, in original units) where ``held`` [S, K], the pairs
    each rests on likewise (``"mase_pairs"``, from ``pairs`` [S, K, T] where given: decision 2220), and,
    for a backtest whose one series' scale moves more than ``SPREAD`` times across its windows (each window's of the
    rows before its cutoff, refit or not: decision 2173) (t38t5: Alps'
    12,056 for the Jul 2021 window, 29,650 for Jul 2023, a COVID collapse entering the training rows),
    ``metrics["mase_scale_spread"]``: ``{"series", "target", "times", "low": {"window", "scale"}, "high": ...}`` of
    the largest such move (decision 2054). MASE's definition is left as it is."""
    plain = lambda v: float(v) if np.isfinite(v) else None  # noqa: E731
    for k, window in enumerate(metrics["windows"]):
        for key, values, kind in (("mase_scales", each, plain), ("mase_pairs", pairs, int)):
            if values is None:
                continue
            own = {s: kind(values[s, k, 0]) if len(targets) == 1 else
                   {str(t): kind(values[s, k, i]) for i, t in enumerate(targets)} for s in np.flatnonzero(held[:, k])}
            window[key] = (next(iter(own.values()), None) if ids == [None] else {str(ids[s]): v for s, v in own.items()})
    widest = None  # one model's windows too: each reads the rows before its own cutoff (decision 2173)
    for s, t in np.ndindex(each.shape[0], each.shape[2]):
        ks = [k for k in np.flatnonzero(held[s]) if np.isfinite(each[s, k, t]) and each[s, k, t] > 0]
        if len(ks) > 1:
            low, high = min(ks, key=lambda k: each[s, k, t]), max(ks, key=lambda k: each[s, k, t])
            times = float(each[s, high, t] / each[s, low, t])
            if times > SPREAD and (widest is None or times > widest["times"]):
                widest = {"series": None if ids == [None] else str(ids[s]), "target": str(targets[t]), "times": times,
                          "low": {"window": int(low), "scale": float(each[s, low, t])},
                          "high": {"window": int(high), "scale": float(each[s, high, t])}}
    if widest:
        metrics["mase_scale_spread"] = widest


def spread_note(m: dict) -> str | None:
    """The line under a backtest's table where ``m["mase_scale_spread"]`` (``record_scales``) holds: each
    window's MASE divides by the in-sample seasonal naive MAE of the rows before its cutoff, so its windows' MASEs (and the
    overall one, which pools them) do not share a divisor. None where the scales stay within ``SPREAD``."""
    if not (w := m.get("mase_scale_spread")):
        return None
    dates = window_dates(m["windows"])  # as the table's rows name them
    named = lambda end: (f"window {w[end]['window']}"  # noqa: E731
                         + (f" ({d})" if (d := dates[w[end]["window"]]) else ""))
    whose = (f"that of series {w['series']!r}" if w["series"] is not None else "the series'") + (
        f" ({w['target']})" if m.get("targets", 1) > 1 else "")
    return (f"MASE's scale moves across the windows: each window divides by the in-sample seasonal naive MAE of every "
            f"row before its cutoff, and {whose} is {w['low']['scale']:.6g} in {named('low')} but {w['high']['scale']:.6g} "
            f"in {named('high')}, {w['times']:.2f} times, so the windows' MASEs, and the overall MASE that pools them, "
            "do not share a divisor (each window's scales are in metrics.json's windows, mase_scales); compare the "
            "windows by MSE or sMAPE.")


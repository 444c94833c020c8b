"""Which series a figure of a panel draws: its best, median and worst by MASE (``pick_series``), fit's forecast.png
(by test MASE) and a backtest's backtest.png (by MASE over every window) alike, from each series' own MASE
(``mase_by_series``); a series whose MASE is undefined (no in-sample naive error: ``zeroscales``) is not ranked."""

from __future__ import annotations

import numpy as np

from rnncast.windowforecasts import scored


def mase_by_series(wf, scales: np.ndarray, n: int) -> np.ndarray:
    """Each series' MASE [``n``] on the windows of ``wf`` (a ``WindowForecasts`` in original units, its windows'
    ``series``), ``scales`` [W, T] each window's MASE scale (its series' in-sample naive MAE; a backtest's refit
    windows each their own model's): pooled over its windows, steps and targets as ``evaluation`` pools them; NaN for
    a series without windows or without a scale. Only the values scored count (``windowforecasts.scored``: filled
    targets and the windows whose inputs read later fills left out), so a series' number is the one its row of the
    scores table reports."""
    usable = np.isfinite(scales) & (scales > 0)
    ratio = np.abs(wf.y_pred.astype(np.float64) - wf.y_true) / np.where(usable, scales, 1.0)[:, None, :]  # [W, H, T]
    kept = scored(wf)  # [W, H, T] or None: every value scored
    keep = np.broadcast_to(usable[:, None, :], ratio.shape) & (True if kept is None else kept)
    series = np.broadcast_to(wf.series[:, None, None], ratio.shape)[keep]
    total = np.bincount(series, weights=ratio[keep], minlength=n)
    count = np.bincount(series, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def pick_series(mase: np.ndarray, has_windows: np.ndarray, ids: list, why: list | None = None
                ) -> tuple[list[tuple[int, str]], str]:
    """The series to draw, as (position, role) pairs, and a note on the series left unranked, with why their MASE is
    undefined where ``why`` [S] (each series' cause in words, ``zeroscales.short_why``) gives one cause for them all.

    One or two series with windows: each, without a role. More: the best, the median and the worst
    by MASE among the series whose MASE is defined; where fewer than three are, those and then
    unranked series, up to three rows.
    """
    candidates = np.flatnonzero(has_windows)
    ranked = [int(s) for s in candidates[np.argsort(mase[candidates], kind="stable")] if np.isfinite(mase[s])]
    unranked = [int(s) for s in candidates if not np.isfinite(mase[s])]
    note = ""
    if unranked:
        listed = ", ".join(repr(ids[s]) for s in unranked[:3]) + (", ..." if len(unranked) > 3 else "")
        causes = {why[s] for s in unranked} if why is not None else set()
        cause = f" ({causes.pop()})" if len(causes) == 1 and None not in causes else ""
        note = f"\n{len(unranked)} series not ranked: MASE is undefined for {listed}{cause}"
    if len(candidates) <= 2:
        return [(int(s), "") for s in candidates], note
    n = len(ranked)
    if n >= 3:
        picks = [(ranked[0], f"best of {n}"), (ranked[(n - 1) // 2], f"median of {n}"), (ranked[-1], f"worst of {n}")]
    else:
        picks = list(zip(ranked, ("best", "worst") if n == 2 else ("the only series ranked",)))
    return picks + [(s, "") for s in unranked[: 3 - len(picks)]], note

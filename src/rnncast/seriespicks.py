"""Which series a figure of a panel draws: its best, median and worst by MASE (``pick_series``), fit's forecast.png
(by test MASE) and a backtest's backtest.png (by MASE over every window) alike, from each series' own MASE
(``mase_by_series``); a series whose MASE is undefined (no in-sample naive error: ``zeroscales``) is not ranked.
A series of several targets is ranked by its MASE over them all, not per target: a figure draws a series whole (a row
per target over one time axis), so one number picks it, and MASE is scale-free, so each target weighs alike in it;
each row shows its own target's MASE beside it (``mase_each``, ``targetrows.row_title``). A series whose every scored
actual is 0 (``no_demand``: a discontinued SKU) is not ranked either where others are: its MASE is small because
nothing was there to forecast, so "best" named a series every baseline had done better on (decision 1485)."""

from __future__ import annotations

import numpy as np

from rnncast.windowforecasts import scored
from rnncast.zeroforecasts import counts_demand


def mase_by_series(wf, scales: np.ndarray, n: int) -> np.ndarray:
    """Each series' MASE [``n``] on the windows of ``wf`` (a ``WindowForecasts`` in original units, its windows'
    ``series``), ``scales`` [W, T] each window's MASE scale (its series' in-sample naive MAE before the window's
    cutoff; a backtest's windows each their own cutoff's): pooled over its windows, steps and targets as ``evaluation`` pools them; NaN for
    a series without windows or without a scale. Only the values scored count (``windowforecasts.scored``: filled
    targets and the windows whose inputs read later fills left out), so a series' number is the one its row of the
    scores table reports."""
    return mase_each(wf, scales, n)[0]


def mase_by_target(wf, scales: np.ndarray, n: int) -> np.ndarray:
    """Each series' MASE of each target [``n``, T], as ``mase_by_series`` pools it but a target apart: the number a
    figure's row of that target shows (a row titled 'sales' showed the mean over sales and visits: 2.09 where sales
    alone was 2.55)."""
    return mase_each(wf, scales, n)[1]


def mase_each(wf, scales: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``mase_by_series`` [n] and ``mase_by_target`` [n, T] from one pass over the windows: a series' MASE pools its
    targets' scaled errors, so it is their sums over their counts, derived from each target's."""
    total, count = (a.reshape(n, wf.y_true.shape[2]) for a in _sums(wf, scales, n))  # [n, T]
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled, counted = total.sum(axis=1), count.sum(axis=1)
        return (np.where(counted > 0, pooled / np.maximum(counted, 1), np.nan),
                np.where(count > 0, total / np.maximum(count, 1), np.nan))


def no_demand(wf, n: int) -> np.ndarray:
    """[``n``] whether each series' scored actuals on the windows of ``wf`` are all 0 (every target, every step
    ``windowforecasts.scored`` scores); False for a series without a scored value."""
    kept = scored(wf)
    keep = np.isfinite(wf.y_true) & (True if kept is None else kept)  # [W, H, T]
    group = np.broadcast_to(wf.series[:, None, None], keep.shape)[keep]
    values = np.bincount(group, minlength=n)
    nonzero = np.bincount(group, weights=(wf.y_true[keep] != 0).astype(float), minlength=n)
    return (values > 0) & (nonzero == 0)


def _sums(wf, scales: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The scaled absolute errors' sums and counts of each series and target [n * T], flat, series-major."""
    usable = np.isfinite(scales) & (scales > 0)
    ratio = np.abs(wf.y_pred.astype(np.float64) - wf.y_true) / np.where(usable, scales, 1.0)[:, None, :]  # [W, H, T]
    kept = scored(wf)  # [W, H, T] or None: every value scored
    keep = np.broadcast_to(usable[:, None, :], ratio.shape) & (True if kept is None else kept)
    n_targets = ratio.shape[2]
    group = np.broadcast_to(wf.series[:, None, None] * n_targets + np.arange(n_targets), ratio.shape)[keep]
    size = n * n_targets
    return np.bincount(group, weights=ratio[keep], minlength=size), np.bincount(group, minlength=size)


def lead(role: str, kind: str, name: str, mase: float, n_targets: int) -> str:
    """A figure's words for a series of ``name`` ("store 's2'") with its ``role`` ("best of 3", or "") by ``kind``
    ("test", "backtest") MASE ``mase``: "best of 3 by test MASE: store 's2', MASE 2.09"; of several targets the
    number is over them all and said so ("best of 3 by test MASE over its 2 targets: store 's2', 2.09"), each
    target's own in its row (``targetrows.row_title``). Without a ``name`` (one series of no id): "backtest MASE 2.09"."""
    over = f" over its {n_targets} targets" if n_targets > 1 else ""
    number = f"{mase:.3g}" if n_targets > 1 else f"MASE {mase:.3g}"
    if role:
        return f"{role} by {kind} MASE{over}: {name}, {number}"
    return f"{name + ': ' if name else ''}{kind} MASE{over} {mase:.3g}"


def pick_series(mase: np.ndarray, has_windows: np.ndarray, ids: list, why: list | None = None,
                idle: np.ndarray | None = None, targets: list | None = None) -> tuple[list[tuple[int, str]], str]:
    """The series to draw, as (position, role) pairs, and a note on the series left unranked, with why their MASE is
    undefined where ``why`` [S] (each series' cause in words, ``zeroscales.short_why``) gives one cause for them all.
    ``idle`` [S] (``no_demand``; None: none): series whose scored actuals are all 0, ranked only where no other is,
    said "no demand" where ``targets`` (column names; None: not known) count it (``zeroforecasts.counts_demand``), else
    "no nonzero value", as the warnings say it (decisions 1523, 1572).

    One or two series with windows: each, without a role. More: the best, the median and the worst
    by MASE among the series whose MASE is defined; where fewer than three are, those and then
    unranked series, up to three rows.
    """
    candidates = np.flatnonzero(has_windows)
    ranked = [int(s) for s in candidates[np.argsort(mase[candidates], kind="stable")] if np.isfinite(mase[s])]
    unranked = [int(s) for s in candidates if not np.isfinite(mase[s])]
    zeros = [s for s in ranked if idle is not None and idle[s]]
    if zeros and len(zeros) < len(ranked):
        ranked = [s for s in ranked if not idle[s]]
    else:
        zeros = []
    note = ""
    if unranked:
        listed = ", ".join(repr(ids[s]) for s in unranked[:3]) + (", ..." if len(unranked) > 3 else "")
        causes = {why[s] for s in unranked} if why is not None else set()
        cause = f" ({causes.pop()})" if len(causes) == 1 and None not in causes else ""
        note = f"\n{len(unranked)} series not ranked: MASE is undefined for {listed}{cause}"
    if zeros:
        listed = ", ".join(repr(ids[s]) for s in zeros[:3]) + (", ..." if len(zeros) > 3 else "")
        none = "no demand" if targets is None or counts_demand(targets) else "no nonzero value"  # decision 1572
        note += (f"\n{len(zeros)} series not ranked: every actual scored is 0 ({none}: a small MASE there says "
                 f"little): {listed}")
    if len(candidates) <= 2:
        return [(int(s), "") for s in candidates], note
    n = len(ranked)
    if n >= 3:
        picks = [(ranked[0], f"best of {n}"), (ranked[(n - 1) // 2], f"median of {n}"), (ranked[-1], f"worst of {n}")]
    else:
        picks = list(zip(ranked, ("best", "worst") if n == 2 else ("the only series ranked",)))
    return picks + [(s, "") for s in (unranked + zeros)[: 3 - len(picks)]], note

"""Whether a quantile level's or a central interval's misses are far from the nominal rate, by a test whose size holds
under overlapping windows: Kupiec's proportion-of-failures test (Kupiec 1995, "Techniques for verifying the accuracy
of risk measurement models", Journal of Derivatives 3(2)), the exact two-sided binomial test of the misses, run per
horizon step h on forecasts whose origins are at least h steps apart in their series (at step 1 every window; at step
h with stride-1 windows every h-th cutoff), so that no two of the values tested share a step of the path, and
Holm's step-down correction (Holm 1979) over the steps tested. Pooled over every value of overlapping windows, the
misses come in runs of ten to thirty, and the binomial test at n = 1,910 flagged a calibrated forecaster (a Gaussian
random walk) in 16 of 16 seeds with p down to 1e-42 (decision 2042). ``counts`` keeps each step's counts in a
quantile model's ``by_level`` (``"by_step"``), ``level_test`` and ``interval_test`` read them back. Nothing here
imports the rest of the package but ``metrics``, ``comparison.holm`` and ``significance.p_text``."""

from __future__ import annotations

import numpy as np

from rnncast import metrics
from rnncast.comparison import holm  # Holm's step-down adjusted p-values (compare's pairs use it too)
from rnncast.significance import p_text

SIGNIFICANCE = 0.01  # an interval or a level whose Holm-adjusted p at some step is below this is named far


def origins(wf) -> tuple[np.ndarray, np.ndarray]:
    """([W] series, [W] row of the first target) of the windows ``wf`` (a ``WindowForecasts``): each window's place,
    whose origins ``counts`` keeps at least h steps apart at step h."""
    w = len(wf.target_rows)
    series = np.zeros(w, np.int64) if wf.series is None else np.asarray(wf.series, dtype=np.int64)
    return series, np.asarray(wf.target_rows, dtype=np.int64)


def apart(series: np.ndarray, rows: np.ndarray, has: np.ndarray, h: int) -> np.ndarray:
    """[W] bool: the windows among ``has`` [W] whose origins (``rows`` [W] in their ``series`` [W]) are at least ``h``
    steps apart, taken greedily from each series' first: every window at ``h`` 1, every h-th of stride-1 windows."""
    chosen = np.zeros(len(rows), bool)
    for s in np.unique(series[has]):
        idx = np.flatnonzero(has & (series == s))
        idx = idx[np.argsort(rows[idx], kind="stable")]
        at, ordered = 0, rows[idx]
        while at < len(idx):
            chosen[idx[at]] = True
            at = int(np.searchsorted(ordered, ordered[at] + h, side="left"))
    return chosen


def counts(y_true, q_pred, quantiles, keep, places) -> list[dict]:
    """``[{"step": 1, "values": 191, "below": {"0.01": 3, ...}, "tied": {...}, "outside": {"98": 5, ...}}, ...]``:
    per horizon step, the values tested (those ``keep`` [W, H, ...] holds, of windows whose origins are at least the
    step apart: ``apart``), how many of them lie at or below each level's forecast, equal to it, and outside each
    central interval (``metrics.interval_pairs``); a level or an interval with a NaN forecast among them counts None.
    ``y_true`` [W, H, ...], ``q_pred`` [W, H, ..., Q] at ``quantiles`` [Q]; ``places``: ``origins``."""
    y, q = np.asarray(y_true, dtype=np.float64), np.asarray(q_pred, dtype=np.float64)
    keep = np.ones(y.shape, bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), y.shape)
    levels = [float(v) for v in quantiles]
    names = [f"{level:g}" for level in levels]
    pairs = [(levels.index(float(lo)), levels.index(float(hi)), str(percent))
             for lo, hi, percent in metrics.interval_pairs(levels)]
    series, rows = places
    steps = []
    for j in range(y.shape[1]):
        held = keep[:, j].reshape(len(y), -1)  # [W, ...]
        chosen = apart(series, rows, held.any(axis=1), j + 1)
        mask = keep[:, j] & chosen.reshape((-1,) + (1,) * (keep.ndim - 2))
        ys, qs = y[:, j][mask], q[:, j][mask]  # [n], [n, Q]
        blank = np.isnan(qs).any(axis=0)

        def count(values, i):
            return None if blank[i] else int(values.sum())

        steps.append({"step": j + 1, "values": int(ys.size),
                      "below": {name: count(ys <= qs[:, i], i) for i, name in enumerate(names)},
                      "tied": {name: count(ys == qs[:, i], i) for i, name in enumerate(names)},
                      "outside": {percent: None if blank[lo] or blank[hi] else
                                  int(((ys < qs[:, lo]) | (ys > qs[:, hi])).sum()) for lo, hi, percent in pairs}})
    return steps


def binomial_p(misses: int, n: int, rate: float) -> float:
    """The two-sided p-value of ``misses`` in ``n`` draws at the miss ``rate`` (twice the smaller tail, at most 1);
    NaN for no draws. No misses in 215 at 1% is 2 x 0.115, no evidence either way."""
    from scipy.special import bdtr, bdtrc  # imported here: the command line starts without scipy

    if n <= 0:
        return float("nan")
    low = float(bdtr(misses, n, rate))  # P(X <= misses)
    high = 1.0 if misses <= 0 else float(bdtrc(misses - 1, n, rate))  # P(X >= misses)
    return min(1.0, 2 * min(low, high))


def _worst(tested: list[dict]) -> dict | None:
    """The step of ``tested`` (``{"step", "misses", "values", "rate", "p"}`` each) with the smallest Holm-adjusted p,
    with ``"p"`` adjusted and ``"steps"`` the number tested, where it is below ``SIGNIFICANCE``; else None."""
    tested = [t for t in tested if t["values"] > 0]
    if not tested:
        return None
    adjusted = holm([t["p"] for t in tested])
    best = int(np.argmin(adjusted))
    if adjusted[best] >= SIGNIFICANCE:
        return None
    return {**tested[best], "p": adjusted[best], "steps": len(tested), "expected": tested[best]["rate"] * tested[best]["values"]}


def interval_test(steps: list[dict], percent: str) -> dict | None:
    """The ``percent`` ("98") interval's test over ``steps`` (``counts``): None where no step is far, else the step
    whose misses (values outside it) are furthest, ``{"step", "misses", "values", "rate", "expected", "p", "steps"}``
    (``p`` Holm-adjusted over the ``steps`` tested)."""
    rate = 1 - float(percent) / 100
    tested = [{"step": s["step"], "misses": s["outside"][percent], "values": s["values"], "rate": rate,
               "p": binomial_p(s["outside"][percent], s["values"], rate)}
              for s in steps if s["outside"].get(percent) is not None and s["values"]]
    return _worst(tested)


def level_test(steps: list[dict], name: str) -> dict | None:
    """The level ``name``'s ("0.01") test over ``steps`` (``counts``), ties counted as a range (``calibration``'s
    doc): at each step the share strictly below is tested where it exceeds the level, that at or below where it falls
    short of it, else the step is consistent (p 1). None where no step is far, else the worst as ``interval_test``
    gives it, with ``"side"`` (the misses counted: "at or below", "strictly below", "above" or "at or above" the
    level's forecast, its rare side) and ``"rate"`` that side's nominal share."""
    level, tested = float(name), []
    for s in steps:
        below, tied, n = s["below"].get(name), s["tied"].get(name) or 0, s["values"]
        if below is None or not n:
            continue
        strict = below - tied > level * n
        count = below - tied if strict else below
        p = binomial_p(count, n, level) if strict or below < level * n else 1.0
        if level < 0.5 or (level == 0.5 and count <= n / 2):
            side, misses, rate = ("strictly below" if strict and tied else "at or below"), count, level
        else:
            side, misses, rate = ("at or above" if strict and tied else "above"), n - count, 1 - level
        tested.append({"step": s["step"], "misses": misses, "values": n, "rate": rate, "p": p, "side": side})
    return _worst(tested)


def evidence(test: dict, what: str) -> str:
    """"at step 1, 3 of 191 at or below it where 1.9 were due (Holm-adjusted p = 0.004 over 10 steps)": the count a
    ``level_test`` or ``interval_test`` rests on, ``what`` naming the misses where the test has no ``side``."""
    due, over = test["expected"], f", Holm-adjusted over {test['steps']} steps" if test["steps"] > 1 else ""
    return (f"at step {test['step']}, {test['misses']:,} of {test['values']:,} {test.get('side', what)}"
            f"{' it' if 'side' in test else ''} where {f'{due:.2g}' if due < 10 else f'{due:,.0f}'} "
            f"{'was' if due == 1 else 'were'} due ({p_text(test['p'])}{over})")

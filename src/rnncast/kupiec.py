"""Whether a quantile level's or a central interval's misses are far from the nominal rate, by a test whose size holds
under overlapping windows and across series and targets: a count of exceptions tested against the binomial, the idea
of Kupiec 1995 ("Techniques for verifying the accuracy of risk measurement models", Journal of Derivatives 3(2); the
tails doubled here, not his likelihood ratio), run per horizon step h on forecasts whose origins are at least h steps
apart in their series (at step 1 every window; at step h with stride-1 windows every h-th cutoff), so that no two
values of one series tested share a step of the path, the values of one origin date (a panel's series at one forecast
time, whatever their rows, decision 2094; a window's targets: a common shock moves them together) counted by the
design effect of the per-date counts (``dispersion``; decision 2070: pooled as independent, 20 series correlated 0.5
flagged a calibrated forecaster in 65 of 100 seeds), a step's largest over its levels and intervals whose counts
vary (``stepdeff.step_deff``, decisions 2129, 2165), and Holm's step-down correction (Holm 1979) over the steps
tested. Pooled over every value of overlapping windows, the misses come in runs of ten to thirty, and the binomial
test at n = 1,910 flagged a calibrated forecaster (a Gaussian random walk) in 16 of 16 seeds with p down to 1e-42
(decision 2042). ``counts`` keeps each step's counts in a quantile model's ``by_level`` (``"step_counts"``),
``level_test`` and ``interval_test`` read them back, an actual equal to a level's forecast or on an interval's
bound (``tied``: to float32's precision) counted as a range, neither hit nor miss, as a discrete distribution's
quantiles need (decisions 1483, 2091, 2092). Nothing here imports the rest of the package but ``metrics``,
``comparison.holm``, ``significance.p_text``, ``stepdeff.step_deff`` and ``forecasttimes.forecast_times``."""

from __future__ import annotations

import numpy as np

from rnncast import metrics, stepdeff
from rnncast.comparison import holm  # Holm's step-down adjusted p-values (compare's pairs use it too)
from rnncast.forecasttimes import forecast_times  # origins' dates, as the Diebold–Mariano test tells them (decision 2094)
from rnncast.significance import p_text
from rnncast.stepdeff import spread, step_deff  # a step's one design effect, from its counts that vary (2129, 2165)

SIGNIFICANCE = 0.01  # an interval or a level whose Holm-adjusted p at some step is below this is named far
TIE = 4  # units in the last place of float32: an actual this near a forecast equals it (decisions 2092, 2166)


def tied(y: np.ndarray, q: np.ndarray, unit: float = 0.0) -> np.ndarray:
    """[...] bool: where the actuals ``y`` equal the forecasts ``q`` (one shape) to float32's precision, within
    ``TIE`` of float32's units in the last place at the larger of |y|, |q| and ``unit`` (1 in scaled units, whose
    spread is 1: a count's bound 2 unscaled from float32 reads 2.0000002, or -9e-08 for 0; 0 in the data's own
    units): a tie (decision 2092). Float32's own grid, not a share of the value: at 1e6 its unit is 0.0625, where 8
    epsilons of the value (9.5e-07 of it) made +-0.95 a tie and bands half as wide unseen (decision 2166)."""
    with np.errstate(over="ignore", invalid="ignore"):  # beyond float32's range: no tie but exact equality
        grid = np.spacing(np.maximum(np.maximum(np.abs(y), np.abs(q)), unit).astype(np.float32)).astype(np.float64)
    return (y == q) | (np.abs(y - q) <= TIE * grid)


def origins(wf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """([W] series, [W] row of the first target, [W] origin date) of the windows ``wf`` (a ``WindowForecasts``): each
    window's place, whose origins ``counts`` keeps at least h steps apart at step h in its series, and the forecast
    time its values share a common shock at (``forecasttimes.forecast_times``, the Diebold–Mariano test's: a panel's
    series at one calendar time meet, whatever their row; the row where the rows are numbered or there is one series),
    by which ``dispersion`` groups them (decision 2094: by row, 29 sites at one cutoff counted as 15 dates)."""
    w = len(wf.target_rows)
    series = np.zeros(w, np.int64) if wf.series is None else np.asarray(wf.series, dtype=np.int64)
    rows = np.asarray(wf.target_rows, dtype=np.int64)
    return series, rows, np.asarray(forecast_times(wf), dtype=np.int64) if w else rows


def apart(series: np.ndarray, rows: np.ndarray, has: np.ndarray, h: int, shared: bool = False) -> np.ndarray:
    """[W] bool: the windows among ``has`` [W] whose origins (``rows`` [W] in their ``series`` [W]) are at least ``h``
    steps apart, taken greedily from each series' first: every window at ``h`` 1, every h-th of stride-1 windows,
    counted from the first row of all where ``shared`` (the rows are dates the series share: a ragged panel's series
    then meet on one date, not on h neighbouring ones whose paths overlap, decision 2131). The windows are sorted by
    (series, row) once; a series whose rows run one apart is read off by arithmetic, only the others are walked."""
    chosen = np.zeros(len(rows), bool)
    idx = np.flatnonzero(has)
    if not len(idx):
        return chosen
    idx = idx[np.lexsort((rows[idx], series[idx]))]
    s, r = series[idx], rows[idx]
    start = np.r_[0, np.flatnonzero(np.diff(s)) + 1]  # [S] where each series begins in the sorted order
    first = np.repeat(start, np.diff(np.r_[start, len(idx)]))  # [n] its series' start
    offset, place = r - r[first], np.arange(len(idx)) - first
    regular = np.minimum.reduceat(offset == place, start).astype(bool)  # [S] rows one apart, from the first on
    plain = regular[np.searchsorted(start, np.arange(len(idx)), side="right") - 1]
    chosen[idx[plain & ((r - r.min() if shared else offset) % h == 0)]] = True
    for begin in start[~regular]:
        end = int(start[np.searchsorted(start, begin, side="right")]) if begin != start[-1] else len(idx)
        ordered, at = r[begin:end], 0
        while at < len(ordered):
            chosen[idx[begin + at]] = True
            at = int(np.searchsorted(ordered, ordered[at] + h, side="left"))
    return chosen


def actuals(shape: tuple, keep, places) -> int:
    """How many distinct actuals the values ``keep`` [W, H, ...] (None: all; of shape ``shape``) of windows at
    ``places`` (``origins``) hold: one series' row (and target) counted once however many windows forecast it, as
    stride-1 windows repeat each actual at every step (720 values of 30 windows over 24 steps are 53 actuals; the
    share over every value rests on about that many: decision 2093)."""
    series, rows = places[0], places[1]  # (series, rows, dates): the dates not needed here
    w, h, width = shape[0], shape[1], int(np.prod(shape[2:]))
    held = np.ones((w, h, width), bool) if keep is None else np.broadcast_to(
        np.asarray(keep, dtype=bool), shape).reshape(w, h, width)
    at = (rows[:, None] + np.arange(h))[..., None]  # [W, H, 1] each value's row in its series
    span = int(at.max(initial=0)) + 1
    code = (series[:, None, None] * span + at) * width + np.arange(width)  # [W, H, V] one number per actual
    return int(len(np.unique(code[held])))


def dispersion(hits: np.ndarray, sizes: np.ndarray, dates: np.ndarray) -> float:
    """The design effect of misses ``hits`` [n] (0/1 or counts) of ``sizes`` [n] values that share origin ``dates``
    [n]: the quasi-binomial (Pearson) dispersion of the per-date miss counts about the pooled share (McCullagh &
    Nelder 1989, 4.5), the observed variance over the binomial one, at least 1. Values of one date (the series of a
    panel, the targets of a window) share its shocks and miss together; each date is one draw of its values. 1 where
    no date holds more than one value (the exact test), ``sizes.sum()`` where one date holds them all (one draw,
    whatever its share). Where every value of several dates falls on one side (share 0 or 1) the spread between dates
    cannot be read: each date counts as one draw of its size, ``sum(n_d^2) / sum(n_d)`` (Kish 1965's cluster design
    effect 1 + (m - 1) rho at rho 1, sizes unequal; decision 2095: it was 1, and 29 of 29 above the median at one
    date were tested as 29 independent draws, p 4e-9)."""
    dates, at = np.unique(dates, return_inverse=True)
    k, n = np.bincount(at, hits, len(dates)), np.bincount(at, sizes, len(dates))
    total, share = n.sum(), k.sum() / max(n.sum(), 1)
    if n.max(initial=0) <= 1:
        return 1.0
    used = n > 0
    if used.sum() < 2:
        return float(total)
    if share in (0.0, 1.0):
        return float((n ** 2).sum() / total)  # the size-weighted mean values a date: m at equal sizes m
    pearson = ((k[used] - n[used] * share) ** 2 / (n[used] * share * (1 - share))).sum() / (used.sum() - 1)
    return float(min(max(pearson, 1.0), total))


def counts(y_true, q_pred, quantiles, keep, places, unit: float = 0.0) -> list[dict]:
    """``[{"step": 1, "values": 191, "below": {"0.01": 3, ...}, "tied": {...}, "outside": {"98": 5, ...},
    "on_bounds": {"98": 0, ...}}, ...]``: per horizon step, the values tested (those ``keep`` [W, H, ...] holds, of
    windows whose origins are at least the step apart: ``apart``), how many of them lie at or below each level's
    forecast, equal to it (``tied``, with ``unit``), outside each central interval (``metrics.interval_pairs``) and on
    one of its bounds; a level or an interval with a NaN forecast among them counts None.
    ``y_true`` [W, H, ...], ``q_pred`` [W, H, ..., Q] at ``quantiles`` [Q]; ``places``: ``origins``' (series, rows,
    dates) [W] each, or (series, rows) where the rows are the dates; where each series' dates run with its rows the
    origins are spaced by date (``apart``'s ``shared``, decision 2131)."""
    y, q = np.asarray(y_true, dtype=np.float64), np.asarray(q_pred, dtype=np.float64)
    keep = np.ones(y.shape, bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), y.shape)
    levels = [float(v) for v in quantiles]
    names = [f"{level:g}" for level in levels]
    pairs = [(levels.index(float(lo)), levels.index(float(hi)), str(percent))
             for lo, hi, percent in metrics.interval_pairs(levels)]
    series, rows, *told = places  # (series, rows) alone: rows are the dates too
    when = np.asarray(told[0] if told else rows, dtype=np.int64)
    runs = np.unique(np.c_[series, when - rows], axis=0) if len(rows) else np.zeros((0, 2))
    shared = bool(told) and len(runs) == len(np.unique(series))  # each series' dates run with its rows
    axis = when if shared else rows
    steps, width = [], int(np.prod(y.shape[2:]))  # V: the values of one window at one step
    for j in range(y.shape[1]):
        held = keep[:, j].reshape(len(y), width)  # [W, V]; no window: [0, V]
        chosen = apart(series, axis, held.any(axis=1), j + 1, shared)
        sizes, dates = held[chosen].sum(axis=1), when[chosen]  # [w] values of each chosen window, its origin date
        ys = y[:, j].reshape(len(y), width)[chosen]  # [w, V]
        qs = q[:, j].reshape(len(y), width, len(levels))[chosen]  # [w, V, Q]
        mask = held[chosen]
        blank = (np.isnan(qs) & mask[..., None]).any(axis=(0, 1))  # [Q]

        def tally(hit):  # [w, V] -> (count, design effect)
            per = (hit & mask).sum(axis=1)
            return int(per.sum()), round(dispersion(per, sizes, dates), 4)

        ties = tied(ys[..., None], qs, unit)  # [w, V, Q]
        under = (ys[..., None] < qs) & ~ties  # strictly below, a tie not
        over = (ys[..., None] > qs) & ~ties
        below = [None if blank[i] else tally(under[..., i] | ties[..., i]) for i in range(len(levels))]
        equal = [None if blank[i] else tally(ties[..., i]) for i in range(len(levels))]
        strict = [None if blank[i] else tally(under[..., i]) for i in range(len(levels))]
        outside = {percent: None if blank[lo] or blank[hi] else tally(under[..., lo] | over[..., hi])
                   for lo, hi, percent in pairs}
        reach = {percent: None if blank[lo] or blank[hi] else tally(  # outside or on a bound (decision 2091)
            under[..., lo] | over[..., hi] | ties[..., lo] | ties[..., hi]) for lo, hi, percent in pairs}
        steps.append({"step": j + 1, "values": int(sizes.sum()), "dates": int(len(np.unique(dates))),
                      "spread": spread(ys, qs, mask, dates),  # the values' own design effect (decision 2209)
                      "below": {n: b and b[0] for n, b in zip(names, below)},
                      "tied": {n: t and t[0] for n, t in zip(names, equal)},
                      "outside": {k: o and o[0] for k, o in outside.items()},
                      "on_bounds": {k: o and r[0] - o[0] for (k, o), r in zip(outside.items(), reach.values())},
                      "deff": {"below": {n: b and b[1] for n, b in zip(names, below)},
                               "strictly": {n: t and t[1] for n, t in zip(names, strict)},
                               "outside": {k: o and o[1] for k, o in outside.items()},
                               "reaching": {k: r and r[1] for k, r in reach.items()}}})
    return steps


def binomial_p(misses: float, n: float, rate: float, deff: float = 1.0) -> float:
    """The two-sided p-value of ``misses`` in ``n`` draws at the miss ``rate``, by the binomial's tails doubled (twice
    the smaller, at most 1: conservative beside the minimum-likelihood p); NaN for no draws. No misses in 215 at 1% is
    2 x 0.115, no evidence either way. ``deff`` (``dispersion``, at least 1) divides both counts first, the
    dispersion-adjusted binomial (Kish's effective sample size), the tails read from the regularized incomplete beta
    function so that the counts need not be whole; at 1 it is the exact test."""
    from scipy.special import betainc  # imported here: the command line starts without scipy

    n, misses = n / deff, misses / deff
    if n <= 0:
        return float("nan")
    low = 1.0 if misses >= n else float(betainc(n - misses, misses + 1, 1 - rate))  # P(X <= misses)
    high = 1.0 if misses <= 0 else float(betainc(misses, n - misses + 1, rate))  # P(X >= misses)
    return min(1.0, 2 * min(low, high))


def _worst(tested: list[dict]) -> dict | None:
    """The step of ``tested`` (``{"step", "misses", "values", "rate", "p"}`` each) with the smallest Holm-adjusted p,
    with ``"p"`` adjusted, ``"steps"`` the number tested and ``"expected"`` the misses due, where it is below
    ``SIGNIFICANCE``; else None. Where a far step misses the other way (too few misses where the worst has too many,
    or the reverse: a band too wide early and too narrow late), the worst of those is ``"opposite"``, as the worst."""
    tested = [t for t in tested if t["values"] > 0]
    if not tested:
        return None
    adjusted = holm([t["p"] for t in tested])
    found = [{**t, "p": p, "steps": len(tested), "expected": t["rate"] * t["values"]} for t, p in zip(tested, adjusted)]
    best = int(np.argmin(adjusted))
    if adjusted[best] >= SIGNIFICANCE:
        return None
    over = found[best]["misses"] > found[best]["expected"]
    other = [f for f in found if f["p"] < SIGNIFICANCE and (f["misses"] > f["expected"]) != over]
    return {**found[best], **({"opposite": min(other, key=lambda f: f["p"])} if other else {})}


def interval_test(steps: list[dict], percent: str) -> dict | None:
    """The ``percent`` ("98") interval's test over ``steps`` (``counts``), values on a bound counted as a range, as
    ``level_test`` counts a level's ties (decision 2091): at each step the values outside it are tested where they
    exceed its miss rate, those outside it or on a bound where they fall short of it, else the step is consistent
    (p 1): a count forecaster's true quantiles are whole numbers, and a closed interval between them holds more than
    its share (Poisson(2)'s 80% interval [0, 4] holds 94.7%, yet 27.8% of the values are outside it or on a bound).
    None where no step is far, else the step whose misses are furthest, ``{"step", "misses", "values", "rate",
    "expected", "p", "steps"}`` (``p`` Holm-adjusted over the ``steps`` tested), with ``"what"`` ("outside it or on a
    bound") where its misses count the values on a bound."""
    rate, tested = 1 - float(percent) / 100, []
    for s in steps:
        out, on, n = s["outside"].get(percent), (s.get("on_bounds") or {}).get(percent) or 0, s["values"]
        if out is None or not n:
            continue
        narrow = out > rate * n
        count = out if narrow or not on else out + on
        p = binomial_p(count, n, rate, step_deff(s)) if (
            narrow or count < rate * n) else 1.0
        tested.append({"step": s["step"], "misses": count, "values": n, "rate": rate, "p": p}
                      | ({} if count == out else {"what": "outside it or on a bound"}))
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
        p = binomial_p(count, n, level, step_deff(s)) if strict or below < level * n else 1.0
        if level < 0.5 or (level == 0.5 and count <= n / 2):
            side, misses, rate = ("strictly below" if strict and tied else "at or below"), count, level
        else:
            side, misses, rate = ("at or above" if strict and tied else "above"), n - count, 1 - level
        tested.append({"step": s["step"], "misses": misses, "values": n, "rate": rate, "p": p, "side": side})
    return _worst(tested)


def evidence(test: dict, what: str) -> str:
    """"at step 1, 3 of 191 at or below it where 1.9 were due (Holm-adjusted p = 0.004 over 10 steps)": the count a
    ``level_test`` or ``interval_test`` rests on, ``what`` naming the misses where the test has neither ``side`` nor
    ``"what"`` (an interval's misses that count the values on a bound: decision 2091)."""
    due, over = test["expected"], f", Holm-adjusted over {test['steps']} steps" if test["steps"] > 1 else ""
    said = f"{due:.2g}" if due < 10 else f"{due:,.0f}"  # the verb agrees with the number written (r38r2 L1)
    what = test.get("what") or (f"{test['side']} it" if "side" in test else what)  # on a bound too (decision 2091)
    return (f"at step {test['step']}, {test['misses']:,} of {test['values']:,} {what} where {said} "
            f"{'was' if said == '1' else 'were'} due ({p_text(test['p'])}{over})")


def needed(rate: float, over: bool, steps: int) -> int:
    """The fewest values spaced apart at one step for which the most extreme count, every value a miss (``over``)
    or none, gives a two-sided p (``binomial_p``, design effect 1) below ``SIGNIFICANCE`` once Holm's first step
    multiplies it by the ``steps`` tested: 81 for a 90% interval's too few misses over 24 steps (2 x 0.9^81 x 24 <
    0.01), 4 for its too many (decision 2086). Below it no count at that step can be called far."""
    import math

    base = rate if over else 1 - rate
    if base <= 0:
        return 1
    n = max(1, math.floor(math.log(SIGNIFICANCE / (2 * max(steps, 1))) / math.log(base)))
    while steps * binomial_p(n if over else 0, n, rate) >= SIGNIFICANCE:
        n += 1
    return n


def too_few(steps: list[dict], rate: float, over: bool) -> dict | None:
    """Whether ``steps`` (``counts``; those with no values or a NaN count left out beforehand) hold too few effective
    values spaced apart for the test to reject at more than half of them (``needed``, for too many misses where
    ``over``, too few where not), a step's values counted as the test counts them, over its design effect
    (``step_deff``: 29 series at one cutoff are one draw, decision 2130): ``{"needed", "short", "steps", "most",
    "values", "dates", "at", "draws"}`` (the steps below it, the steps tested, the most effective values at one step,
    its values and origin dates (None in counts without them), that step, ``stepdeff.by_draws``), else None (2086)."""
    sizes = [(s["values"] / step_deff(s), s["step"], s) for s in steps if s["values"]]
    if not sizes:
        return None
    need = needed(rate, over, len(sizes))
    short = sum(n < need for n, _, _ in sizes)
    if 2 * short <= len(sizes):
        return None
    most, at, step = max(sizes, key=lambda each: (each[0], -each[1]))
    return {"needed": need, "short": short, "steps": len(sizes), "most": most, "values": step["values"],
            "dates": step.get("dates"), "at": at, "draws": stepdeff.by_draws(step)}


def too_few_text(found: dict) -> str:
    """"too few forecasts spaced apart at any step (at most 30, at step 1; a step needs 81 to reject at p < 0.01 over
    24 steps) to test it", or where a step's values count less "(at most 1 effective of 29 values at step 1: 1 origin
    date, counted as one draw; ...": ``too_few``'s find as the far line says it, what was counted, not a correlation
    (one date shows none; decisions 2086, 2130, 2167)."""
    where = "any step" if found["short"] == found["steps"] else f"{found['short']} of {found['steps']} steps"
    over = f" over {found['steps']} steps" if found["steps"] > 1 else ""
    most, values, dates = found["most"], found["values"], found["dates"]
    shown = f"{most:,.0f}" if most >= 100 else f"{most:.3g}"
    how = ("counted as one draw" if dates == 1 else "each counted as one draw" if found.get("draws", abs(
        most - (dates or 0)) < 1e-9) else "counted by how their misses cluster by date")  # decision 2199
    told = f"{values:,}, at step {found['at']}" if most >= values - 1e-9 else (
        f"{shown} effective of {values:,} values at step {found['at']}"
        + (f": {dates:,} origin date{'s' * (dates != 1)}, {how}" if dates else ""))
    return (f"too few forecasts spaced apart at {where} (at most {told}; a step needs {found['needed']:,} to reject "
            f"at p < {SIGNIFICANCE:g}{over}) to test it")

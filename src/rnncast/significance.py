"""Diebold–Mariano tests: is one forecaster's squared error lower than another's beyond chance?

Both tests compare the loss differential of two forecasters on the same windows (Diebold and
Mariano, "Comparing Predictive Accuracy", JBES 1995). Each value's squared-error difference is
weighted so that the differentials sum to the difference of the two MSEs as ``metrics.score``
pools them (each target's mean over its scored values, then the mean over targets), then summed
over the windows of one forecast time (``diebold_mariano``) or one backtest cutoff
(``diebold_mariano_cutoffs``): a panel's series seen at one time may share its shocks (a holiday,
the weather), so they count once per time, not as independent evidence (Driscoll and Kraay,
"Consistent covariance matrix estimation with spatially dependent panel data", REStat 1998: a
long-run variance of the cross-sectional sums; evaluate's test takes the equal-weighted cosine one
with its t reference, decision 106).

Values may be left out (``keep``: e.g. a target that was filled in, not observed); a time none of
whose values is kept is a gap, and the long-run variance keeps the true distance between the others
(the amplitude-modulated estimator of Parzen, "On spectral analysis with missing observations and
amplitude modulation", Sankhya A 1963; Datta and Du, "Nonparametric HAC estimation for time series
data with missing observations", Fed IFDP 1060, 2012).
"""

from __future__ import annotations

import math

import numpy as np


def diebold_mariano(errors_a, errors_b, horizon: int, times=None, keep=None, variance: str = "ewc") -> dict:
    """Is forecaster A's squared error lower than B's beyond chance, over many forecast times?

    ``errors_*``: [W, H, T] forecast errors on the same windows; ``times`` [W]: each window's
    forecast time as an integer position (its first target's row, or its time's rank among a panel's
    times; default: the windows are consecutive, ``arange(W)``); ``keep`` [W, H, T]: the values
    scored (default: all). The differentials of the windows of one time are summed (a panel's
    series count once per time).

    ``variance="ewc"`` (the default): their long-run variance is the equal-weighted cosine estimator
    over ``nu = cosine_terms(times, horizon)`` terms (``ewc_variance``) and the statistic is compared
    with Student's t at ``nu`` degrees of freedom, its exact fixed-smoothing reference: the test
    Lazarus, Lewis, Stock and Watson recommend ("HAR inference: recommendations for practice", JBES
    2018), and Coroneo and Iacone show holds its size for the Diebold–Mariano test in small samples
    with persistent loss differentials ("Comparing predictive accuracy in small samples using
    fixed-smoothing asymptotics", J. Applied Econometrics 2020), where a kernel variance read against
    the normal or t(n - 1) says "better" too often.

    ``variance="newey-west"`` (the test before decision 106): Newey–West's variance (Bartlett
    weights) with the bandwidth Newey and West's automatic rule picks from the data (``bandwidth``),
    never below ``horizon`` (windows that overlap share targets, so ``horizon - 1`` lags always
    count), against Student's t at ``times - 1`` degrees of freedom (Harvey, Leybourne and Newbold
    1997).

    Returns ``statistic`` (negative when A is better), the one-sided ``p_value`` that A is not
    better than B, ``times`` (the forecast times with a kept value), ``variance`` (which one) and
    ``df`` (the t reference's degrees of freedom), with ``terms`` (EWC's cosine terms) or
    ``bandwidth`` (Newey–West's: the lags weighted are those below it); statistic and p-value are
    NaN with fewer than 2 times, or when the differentials do not vary.
    """
    if variance not in ("ewc", "newey-west"):
        raise ValueError(f"variance must be 'ewc' or 'newey-west', got {variance!r}")
    d, present = _series(errors_a, errors_b, np.arange(len(errors_a)) if times is None else times, keep)
    n = int(present.sum())
    result = {"statistic": float("nan"), "p_value": float("nan"), "times": n, "variance": variance, "df": float("nan")}
    if n < 2:
        return {**result, ("terms" if variance == "ewc" else "bandwidth"): float("nan")}
    if variance == "ewc":
        terms = cosine_terms(n, horizon, len(d))
        result = {**result, "terms": terms, "df": terms}
        omega = ewc_variance(d, present, terms)
    else:
        width = bandwidth(d, present, floor=horizon)
        result = {**result, "bandwidth": width, "df": n - 1}
        omega = long_run_variance(d, present, width)
    if not omega > 0:
        return result
    statistic = d[present].mean() / math.sqrt(omega / n)
    from scipy.special import stdtr  # imported here: the command line starts without it

    # P(T <= statistic) under "no difference", T Student's t at df degrees of freedom: EWC's exact
    # fixed-smoothing reference, or Harvey, Leybourne and Newbold's t(n - 1) for Newey–West. stdtr is
    # the t CDF scipy.stats.t.cdf computes, without importing scipy.stats (a second or more)
    return {**result, "statistic": float(statistic), "p_value": float(stdtr(result["df"], statistic))}


def diebold_mariano_cutoffs(errors_a, errors_b, cutoffs, horizon: int, step: int, keep=None) -> dict:
    """Diebold–Mariano over a backtest's cutoffs, ``step`` rows apart: is A's squared error
    lower than B's beyond chance, with as few cutoffs as a backtest has?

    ``errors_*``: [W, H, T] errors on the same windows; ``cutoffs`` [W]: the cutoff each window was
    forecast from (numbered in time order; a panel has one window per series at each); ``keep``
    [W, H, T]: the values scored (default: all). The differentials of one cutoff's windows are summed:
    series seen at one time may share its shocks, so a cutoff counts once, not once per series.

    With ``step >= horizon`` the windows share no target and the test is the paired t-test of the cutoffs'
    differentials (Harvey, Leybourne and Newbold's form with ``h = 1``, against Student's t at cutoffs - 1
    degrees of freedom; ``variance`` "paired"). Windows less than ``horizon`` apart share targets, so their
    differentials are autocorrelated over ``m - 1`` lags, ``m = ceil(horizon / step)``: the long-run variance is
    then the equal-weighted cosine estimator over ``cosine_terms(cutoffs, m)`` terms read against Student's t at
    that many degrees of freedom (``variance`` "ewc"), the fixed-smoothing test evaluate's ``diebold_mariano``
    makes (Lazarus, Lewis, Stock and Watson, JBES 2018; Coroneo and Iacone, J. Applied Econometrics 2020, for
    the Diebold–Mariano test in small samples). R's ``forecast::dm.test`` (decision 95) sums the lags'
    autocovariances unweighted, and that sum can come out near zero while positive: on a tester's 12 cutoffs,
    3 of them favouring the baseline, p ~ 1e-11. Bartlett weights (Newey and West 1987) gave p = 0.003 there
    but made "beats" more often when nothing differs (10 % at 12 cutoffs reaching 3, against 9 % for dm.test
    and 6 % for EWC, 20,000 simulated backtests): decision 655.

    Returns ``statistic``, the one-sided ``p_value`` that A is not better than B, ``origins`` (how many
    cutoffs were tested: the key backtests' metrics.json has always had), ``lags`` (``m - 1``: the overlap's),
    ``variance`` ("paired" or "ewc"), ``df`` (the t reference's degrees of freedom) and, for EWC, ``terms``;
    the statistic and p-value are NaN when fewer than ``2 m`` cutoffs are given (too few that share no target:
    no test is made, and ``df`` and ``terms`` are NaN too, as ``diebold_mariano``'s below 2 times, decision 659)
    or the differentials do not vary.
    """
    d, present = _series(errors_a, errors_b, cutoffs, keep)
    d = d[present]  # [K] in time order: a cutoff whose values are all left out is dropped
    n, m = len(d), -(-int(horizon) // int(step))  # m: how many successive cutoffs one window's targets reach
    shared = m > 1  # windows that share targets: EWC; else the paired t-test
    # too few cutoffs: no test, so no reference (NaN, as evaluate's of fewer than 2 times), not the df one never read
    df = float("nan") if n < 2 * m else cosine_terms(n, m) if shared else n - 1
    result = {"statistic": float("nan"), "p_value": float("nan"), "origins": n, "lags": m - 1,
              "variance": "ewc" if shared else "paired", "df": df, **({"terms": df} if shared else {})}
    if n < 2 * m:
        return result
    ones = np.ones(n, dtype=bool)
    variance = ewc_variance(d, ones, df) if shared else float(autocovariances(d, ones, 0)[0]) * n / (n - 1)
    if not variance > 0:
        return result
    statistic = d.mean() / np.sqrt(variance / n)
    from scipy.special import stdtr  # imported here: the command line starts without it

    return {**result, "statistic": float(statistic), "p_value": float(stdtr(df, statistic))}  # t(df)'s CDF


def differentials(errors_a, errors_b, keep=None) -> np.ndarray:
    """Each window's weighted squared-error difference [W]: a value of target ``t`` weighs
    ``1 / (T * n_t)``, ``n_t`` the kept values of that target, so that the sum over the windows is
    A's MSE minus B's as ``metrics.score`` pools them (each target's mean, then the mean over targets).
    A target with no kept value weighs nothing, and T counts only the targets with one."""
    a, b = np.asarray(errors_a, dtype=np.float64), np.asarray(errors_b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 3:
        raise ValueError(f"errors must be two [W, H, T] arrays of one shape, got {a.shape} and {b.shape}")
    keep = np.ones(a.shape, dtype=bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), a.shape)
    counts = keep.sum(axis=(0, 1))  # [T]
    targets = int((counts > 0).sum())
    weights = np.where(counts > 0, 1.0 / (max(targets, 1) * np.maximum(counts, 1)), 0.0)  # [T]
    return (np.where(keep, a * a - b * b, 0.0) * weights).sum(axis=(1, 2))


def _series(errors_a, errors_b, times, keep):
    """The differentials summed per forecast time, on every position from the first time to the last:
    the sums [P] and which positions hold a kept value [P]."""
    per_window = differentials(errors_a, errors_b, keep)  # [W]
    times = np.asarray(times, dtype=np.int64)
    if len(times) != len(per_window):
        raise ValueError(f"times has {len(times)} entries for {len(per_window)} windows")
    kept = np.ones(len(per_window), dtype=bool) if keep is None else \
        np.broadcast_to(np.asarray(keep, dtype=bool), np.shape(errors_a)).reshape(len(per_window), -1).any(axis=1)
    if not kept.any():
        return np.zeros(0), np.zeros(0, dtype=bool)
    first = times[kept].min()
    span = int(times[kept].max() - first + 1)
    d = np.bincount(times[kept] - first, weights=per_window[kept], minlength=span)  # [P]
    present = np.bincount(times[kept] - first, minlength=span) > 0
    return d, present


def bandwidth(d, present=None, floor: float = 1.0) -> float:
    """Newey and West's automatic bandwidth for the Bartlett kernel ("Automatic lag selection in
    covariance matrix estimation", Review of Economic Studies 1994): from the autocovariances of
    ``d`` up to the lag ``floor(4 (n / 100) ** (2 / 9))``, ``1.1447 ((s1 / s0) ** 2) ** (1 / 3) * n ** (1 / 3)``,
    where ``s0`` and ``s1`` are their sum and first moment. Lags below the bandwidth are weighted;
    it is at least ``floor`` and at most the number of positions. ``present`` [n]: positions holding a
    value (default: all); ``n`` counts those."""
    d = np.asarray(d, dtype=np.float64)
    present = np.ones(len(d), dtype=bool) if present is None else np.asarray(present, dtype=bool)
    n = int(present.sum())
    if n < 2:
        return float(floor)
    pilot = int(4 * (n / 100) ** (2 / 9))
    gamma = autocovariances(d, present, pilot)  # [pilot + 1]
    s0 = gamma[0] + 2 * gamma[1:].sum()
    s1 = 2 * (np.arange(1, pilot + 1) * gamma[1:]).sum()
    if not s0 > 0:
        return float(min(max(floor, 1.0), len(d)))
    width = 1.1447 * ((s1 / s0) ** 2) ** (1 / 3) * n ** (1 / 3)
    return float(min(max(width, floor, 1.0), len(d)))


def autocovariances(d, present, lags: int) -> np.ndarray:
    """``d``'s autocovariances at lags 0 to ``lags`` [lags + 1], each sum over the pairs of present
    positions that far apart divided by the number of present positions (absent ones count as the mean)."""
    centred = np.where(present, d - d[present].mean(), 0.0)
    n = int(present.sum())
    return np.array([centred[lag:] @ centred[: len(d) - lag] / n for lag in range(min(lags, len(d) - 1) + 1)]
                    + [0.0] * max(0, lags - len(d) + 1))


def long_run_variance(d, present, width: float) -> float:
    """The variance of ``d``'s mean times n (n: the present positions): its autocovariances at the
    lags below ``width`` with Newey–West (Bartlett) weights ``1 - lag / width``, never negative."""
    lags = max(int(math.ceil(width)) - 1, 0)
    gamma = autocovariances(np.asarray(d, dtype=np.float64), np.asarray(present, dtype=bool), lags)
    weights = 1 - np.arange(1, len(gamma)) / width
    return float(gamma[0] + 2 * (weights * gamma[1:]).sum())


def cosine_terms(n: int, horizon: int = 1, span: int | None = None) -> int:
    """EWC's number of cosine terms (its t reference's degrees of freedom) for ``n`` forecast times:
    Lazarus, Lewis, Stock and Watson's (2018) ``floor(0.4 n ** (2 / 3))``, at least 1 and at most
    ``n - 1``; and at most ``span / (2 horizon)`` (``span``: the positions from the first time to the
    last, default ``n``). Windows ``horizon`` apart share targets, so a window's differential is a
    moving sum of ``horizon`` steps, whose spectrum falls to zero at the frequency ``2 pi / horizon``;
    the cap keeps the frequencies weighed (up to ``pi terms / span``) below a quarter of that, where it
    is still nearly flat (``benchmarks/accuracy/results/dm-false-positives.md``: at horizon 24 and 100
    windows, 14 % false "beats" uncapped, 5.5 % capped)."""
    span = n if span is None else span
    return int(max(1, min(int(0.4 * n ** (2 / 3)), n - 1, span // (2 * max(int(horizon), 1)))))


def ewc_variance(d, present, terms: int) -> float:
    """The equal-weighted cosine estimate of ``d``'s long-run variance (the variance of its mean
    times n): the mean over ``j = 1 .. terms`` of ``L_j ** 2``, ``L_j`` the centred series projected on
    ``cos(pi j (t + 1/2) / P)`` over its ``P`` positions, ``sum(c_t cos_jt) / sqrt(sum(cos_jt ** 2))`` with
    both sums over the present positions. Without gaps ``sum(cos_jt ** 2) = P / 2`` and this is
    ``sqrt(2 / P) sum(c_t cos_jt)``, Lazarus, Lewis, Stock and Watson's (2018) EWC. A gap (``present``
    False: a time with no kept value) keeps its place, so each cosine has the true distance between
    the times around it, and is left out of both sums (amplitude modulation, as ``autocovariances``
    does): for white noise each ``L_j ** 2`` still has the variance's mean. ``d``, ``present``: [P].

    Computed with two DCT-IIs, O(P log P) (``y_k = 2 sum x_t cos(pi k (t + 1/2) / P)``): the numerator
    ``sum(c_t cos_jt)`` is the centred series' (zero at gaps) ``y_j / 2``; the denominator
    ``sum(cos_jt ** 2) = (P_present + sum(cos(pi 2j (t + 1/2) / P))) / 2`` takes the ``present``
    indicator's ``y_2j / 2``, where ``y_P = 0`` and ``y_k = -y_(2P - k)`` reach ``2j >= P`` exactly."""
    from scipy.fft import dct  # imported here: the command line starts without it

    d, present = np.asarray(d, dtype=np.float64), np.asarray(present, dtype=bool)
    centred = np.where(present, d - d[present].mean(), 0.0)
    j = np.arange(1, min(terms, len(d) - 1) + 1)  # the DCT's terms: j < P
    numerators = dct(centred, type=2)[j] / 2  # [terms]
    indicator = dct(present.astype(np.float64), type=2)  # [P]
    extended = np.concatenate([indicator, [0.0], -indicator[:0:-1]])  # [2P]: y_k for k = 0 .. 2P - 1
    squares = (present.sum() + extended[2 * j] / 2) / 2  # [terms]
    total = float((np.square(numerators) / squares).sum())
    if terms >= len(d):  # j >= P, past the DCT's length (a tiny series): the cosines one by one, as defined
        t = np.flatnonzero(present) + 0.5
        cosines = np.cos(np.pi * np.arange(len(d), terms + 1)[:, None] * t / len(d))  # [terms - P + 1, n]
        total += float((np.square(cosines @ centred[present]) / np.square(cosines).sum(axis=1)).sum())
    return total / terms


def too_few_times(times: int) -> str:
    """Why ``diebold_mariano`` gives no p-value over ``times`` < 2 forecast times, as every verdict says it after
    "no Diebold–Mariano test could be made: " (fit, evaluate, compare; decision 1886): "1 forecast time, and it
    needs 2"."""
    return f"{times} forecast time{'s' * (times != 1)}, and it needs 2"


def untestable(errors, times=None, keep=None) -> str:
    """``too_few_times`` where the windows of ``errors`` [W, H, T] (any forecaster's of them) keep a value at fewer
    than 2 forecast times (``times`` [W], ``keep`` [W, H, T], as ``diebold_mariano`` takes them), so that no test of any
    two forecasters of them can be made; "" where it can."""
    _, present = _series(errors, errors, np.arange(len(errors)) if times is None else times, keep)
    n = int(present.sum())
    return too_few_times(n) if n < 2 else ""


VERDICT_ALPHA = 0.05  # the verdicts' line: a lower MSE counts where p is below it (``verdicts.beats``)
SAME = 1e-6  # relative: two losses this close are one (float32's rounding of the same forecasts)


def beaten(model: float, rival: float, p: float, alpha: float = VERDICT_ALPHA) -> bool:
    """Whether a model's loss ``model`` (MSE, mean pinball loss) beats a baseline's ``rival``: lower, not the same to
    ``SAME`` of the baseline's (the untrained network's forecasts are the baseline's in float32, and the test finds the
    rounding's steady differences "beyond chance"), and beyond chance (one-sided p < ``alpha``) — compare's rule as
    evaluate's (``verdicts.beats``, ``intervalverdict.judged``)."""
    return bool(model < rival and not same(model, rival) and p < alpha)


def same(model: float, rival: float) -> bool:
    """Whether two losses (MSE, mean pinball loss, a tuning trial's score) are one: the same to ``SAME`` of
    ``rival``'s (float32 forecasts of the same values) — the rule of every verdict, compare's and tune's."""
    return abs(model - rival) <= SAME * abs(rival)


def p_number(p: float) -> str:
    """A p-value as every table and sentence writes it (``p_text``): two significant digits, ``0.031``, but never a
    1 or a 0 that it is not: ``> 0.99`` where those digits would round it to 1 (0.999999), ``< 1e-16`` where double
    precision leaves it at 0 (a p-value is never 0); ``1`` only where it is exactly 1 (identical forecasts, a bound);
    more digits where two would round it onto ``VERDICT_ALPHA`` (0.05045: ``0.0505``, beside a "does not beat")."""
    if p < 1e-16:
        return "< 1e-16"
    if p < 1 and f"{p:.2g}" == "1":
        return "> 0.99"
    digits = 2  # where two digits would round p onto the verdicts' line, as many as show its side of it
    while p != VERDICT_ALPHA and float(f"{p:.{digits}g}") == VERDICT_ALPHA and digits < 8:
        digits += 1
    return f"{p:.{digits}g}"


ONE_SIDED = "one-sided, that the model is not better"  # what a verdict's p is: small only where the model is better


def one_sided_text(p: float) -> str:
    """A verdict's p-value (``diebold_mariano``'s: one-sided) as a sentence gives it, saying which it is, so that a
    model far worse, p > 0.99, is not read as "no difference": "one-sided p = 0.26 that the model is not better"."""
    return f"one-sided {p_text(p)} that the model is not better"


def p_text(p: float) -> str:
    """A p-value as a sentence gives it: ``p = 0.031``, ``p > 0.99``, ``p < 1e-16`` (``p_number``)."""
    number = p_number(p)
    return f"p {number}" if number[0] in "<>" else f"p = {number}"

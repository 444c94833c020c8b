"""How often the Diebold–Mariano test of ``evaluate`` says "beats" between equally good forecasts, and
how often it does when one is better.

Two forecasters whose errors are independent AR(phi) series of the same variance are equally good;
a test at the 5 % level should call A better (one-sided p < 0.05) in about 5 % of draws (size).
Persistent errors give persistent loss differentials, and a variance that counts too little of that
persistence overstates the evidence. For each phi and series length n this counts p < 0.05 over
``--draws`` seeded draws (seed 0, the draws of the 2026-12-01 record) for the two variances of
``significance.diebold_mariano``:

* ``newey-west``: Bartlett weights at Newey and West's (1994) automatic bandwidth, never below the
  horizon, against t(n - 1) (decisions 83 and 100);
* ``ewc``: the equal-weighted cosine estimator, ``floor(0.4 n^(2/3))`` terms, against t(terms)
  (Lazarus, Lewis, Stock and Watson 2018; decision 106).

Power: then B's errors are scaled so that the mean loss differential is ``--shift`` (1.645) times
its long-run standard deviation over sqrt(n): a test that knew the variance would say "beats" half
the time (seed 1, other draws); size-adjusted power counts p below the test's own 5 % quantile of
its null p-values, so over-rejection under the null earns no power. ``--horizon H`` (default 1) makes each window H steps whose errors
are the series' next H values, so neighbouring windows share H - 1 targets (a moving sum of the
differentials: the overlap the horizon brings).

``--cutoffs``: instead, the size of the backtest's test (``significance.diebold_mariano_cutoffs``)
over K cutoffs ``step = horizon`` rows apart (each cutoff one window of ``horizon`` steps; the
default step, where its variance takes no lags), for K in 3, 5, 10, 20 and horizons 1 and 6.

``--asymmetric``: equally good forecasts whose errors differ in kind: A's (the model's) are AR(phi)
scaled to unit variance, B's (the baseline's) white with unit variance ("model drifts": a model's
bias that wanders, beside repeat's white errors on a random walk), and the reverse ("baseline
drifts"). The squared-error differential is then skewed as well as persistent. For phi 0.5 and 0.9
and n in ``--lengths`` (default here 12,30,100,400) it gives the size at 5 % of both variances on
squared errors (the loss the verdict's MSE test takes) and on absolute errors, and of the candidate
remedies: EWC one-sided at 2.5 % (a two-sided 5 % test whose sign gives the direction), EWC at 0.5 %,
EWC with half its cosine terms (a larger fixed-b) and a circular block bootstrap of the mean
differential (blocks of round(1.5 n^(1/3)), 499 resamples). Then, for the symmetric draws above
(seed 0 null, seed 1 alternative), EWC's size and power at 5 %, 2.5 % and 0.5 %: what a stricter
level costs.

``--gaps``: in the "model drifts" draws of ``--asymmetric`` (same seed), the sample MSE gap
(1 - MSE_A / MSE_B) of the draws where EWC says A beats B at 5 %, as the 10th, 50th and 90th
percentiles, and the share of all draws that are such a chance win with a gap of at least 20 % and
50 %: whether a large gap rules a chance win out (decision 135: it does not).

    python benchmarks/accuracy/dm_false_positives.py [--draws 2000] [--horizon 1] [--lengths 30,100,400,1000]
    python benchmarks/accuracy/dm_false_positives.py --cutoffs [--draws 2000]
    python benchmarks/accuracy/dm_false_positives.py --asymmetric [--draws 2000] [--lengths 12,30,100,400]
    python benchmarks/accuracy/dm_false_positives.py --gaps [--draws 2000] [--lengths 12,30,100,400]
    (record: accuracy/results/dm-false-positives.md)
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from rnncast import significance

TESTS = ("newey-west", "ewc")


def ar(rng: np.random.Generator, phi: float, n: int, burn: int = 200) -> np.ndarray:
    """An AR(1) series of length ``n`` with unit innovations, after ``burn`` steps to forget its start."""
    e = rng.normal(size=n + burn)
    x = np.empty(n + burn)
    x[0] = e[0] / math.sqrt(1 - phi ** 2)
    for t in range(1, n + burn):
        x[t] = phi * x[t - 1] + e[t]
    return x[burn:]


def windows(x: np.ndarray, horizon: int) -> np.ndarray:
    """[n - horizon + 1, horizon, 1]: window w's errors are x[w], ..., x[w + horizon - 1]."""
    return np.lib.stride_tricks.sliding_window_view(x, horizon)[:, :, None]


def p_values(phi: float, n: int, horizon: int, draws: int, scale: float, seed: int) -> tuple[np.ndarray, float]:
    """Each draw's one-sided p-value under each test [draws, 2], and EWC's mean number of terms."""
    rng = np.random.default_rng(seed)
    p, terms = np.zeros((draws, len(TESTS))), []
    for i in range(draws):
        a, b = windows(ar(rng, phi, n + horizon - 1), horizon), windows(scale * ar(rng, phi, n + horizon - 1), horizon)
        results = [significance.diebold_mariano(a, b, horizon, variance=test) for test in TESTS]
        terms.append(results[1]["terms"])
        p[i] = [r["p_value"] for r in results]
    return p, float(np.mean(terms))


def cutoffs_size(phi: float, count: int, horizon: int, draws: int) -> float:
    """The share of draws with p < 0.05 of the backtest's test over ``count`` cutoffs ``horizon`` apart."""
    rng = np.random.default_rng(0)
    hits = 0
    for _ in range(draws):
        a, b = (ar(rng, phi, count * horizon).reshape(count, horizon, 1) for _ in range(2))
        hits += significance.diebold_mariano_cutoffs(a, b, np.arange(count), horizon, horizon)["p_value"] < 0.05
    return 100 * hits / draws


def absolute(e: np.ndarray) -> np.ndarray:
    """Errors whose squares are ``e``'s absolute values: ``diebold_mariano`` on them tests absolute error."""
    return np.sqrt(np.abs(e))


def half_terms_p(d: np.ndarray) -> float:
    """EWC's one-sided p-value of the one-step differentials ``d`` with half its usual cosine terms (at least 1)."""
    from scipy import stats

    terms = max(1, significance.cosine_terms(len(d)) // 2)
    omega = significance.ewc_variance(d, np.ones(len(d), dtype=bool), terms)
    return float(stats.t.cdf(d.mean() / math.sqrt(omega / len(d)), terms))


def block_bootstrap_p(d: np.ndarray, rng: np.random.Generator, resamples: int = 499) -> float:
    """A circular block bootstrap's one-sided p-value that the mean of ``d`` is not below 0: the share of
    resampled means whose distance below the sample mean is at least the sample mean's below 0."""
    n = len(d)
    block = max(1, round(1.5 * n ** (1 / 3)))
    starts = rng.integers(0, n, size=(resamples, -(-n // block)))
    means = d[(starts[:, :, None] + np.arange(block)).reshape(resamples, -1)[:, :n] % n].mean(axis=1)
    return float((means - d.mean() <= d.mean()).mean())


ASYMMETRIC = ("squared: Newey-West", "squared: EWC", "squared: EWC at 2.5 %", "squared: EWC at 0.5 %",
              "squared: EWC, half the terms", "squared: block bootstrap", "absolute: Newey-West", "absolute: EWC")


def asymmetric_size(phi: float, n: int, drifting: str, draws: int) -> list[float]:
    """The share of draws (%) each test of ``ASYMMETRIC`` says A beats B, where one forecaster's errors are
    AR(phi) and the other's white, both of unit variance (``drifting``: "model" for A's, "baseline" for B's)."""
    rng, resampling = np.random.default_rng(0), np.random.default_rng(1)
    hits = np.zeros(len(ASYMMETRIC))
    for _ in range(draws):
        drift, white = ar(rng, phi, n) * math.sqrt(1 - phi ** 2), rng.normal(size=n)
        a, b = (drift, white) if drifting == "model" else (white, drift)
        e_a, e_b = a[:, None, None], b[:, None, None]
        ewc = significance.diebold_mariano(e_a, e_b, 1)["p_value"]
        # EWC at 2.5 % and 0.5 %: its p-value times 2 and 10 against 5 %
        p = [significance.diebold_mariano(e_a, e_b, 1, variance="newey-west")["p_value"], ewc, 2 * ewc, 10 * ewc,
             half_terms_p(a * a - b * b), block_bootstrap_p(a * a - b * b, resampling),
             significance.diebold_mariano(absolute(e_a), absolute(e_b), 1, variance="newey-west")["p_value"],
             significance.diebold_mariano(absolute(e_a), absolute(e_b), 1)["p_value"]]
        hits += np.array(p) < 0.05
    return list(100 * hits / draws)


def asymmetric(draws: int, lengths: list[int], shift: float) -> None:
    """The ``--asymmetric`` tables: sizes between errors of two kinds, then what a stricter level costs."""
    print("| drifting | phi | n | " + " | ".join(ASYMMETRIC) + " |\n|" + "---|" * (3 + len(ASYMMETRIC)))
    for drifting in ("model", "baseline"):
        for phi in (0.5, 0.9):
            for n in lengths:
                sizes = asymmetric_size(phi, n, drifting, draws)
                print(f"| {drifting} | {phi} | {n} | " + " | ".join(f"{v:.1f} %" for v in sizes) + " |", flush=True)
    levels = (0.05, 0.025, 0.005)
    print("\n| phi | n | EWC size at 5 % | 2.5 % | 0.5 % | EWC power at 5 % | 2.5 % | 0.5 % |\n|---|---|---|---|---|---|---|---|")
    for n in lengths:
        for phi in (0.0, 0.5, 0.9):
            null, _ = p_values(phi, n, 1, draws, 1.0, seed=0)
            scale = math.sqrt(1 + shift * 2 * math.sqrt((1 + phi ** 2) / (1 - phi ** 2) / n))
            alternative, _ = p_values(phi, n, 1, draws, scale, seed=1)
            cells = [100 * (p[:, 1] < level).mean() for p in (null, alternative) for level in levels]
            print(f"| {phi} | {n} | " + " | ".join(f"{v:.1f} %" for v in cells) + " |", flush=True)


def gaps(draws: int, lengths: list[int]) -> None:
    """The ``--gaps`` table: how far below the baseline's a chance win's sample MSE lies."""
    print("| phi | n | EWC says beats | gap: 10th pct | 50th | 90th | beats with gap >= 20 % | >= 50 % |\n|" + "---|" * 8)
    for phi in (0.5, 0.9):
        for n in lengths:
            rng, found = np.random.default_rng(0), []
            for _ in range(draws):  # the draws of asymmetric_size(phi, n, "model", ...)
                a, b = ar(rng, phi, n) * math.sqrt(1 - phi ** 2), rng.normal(size=n)
                p = significance.diebold_mariano(a[:, None, None], b[:, None, None], 1)["p_value"]
                found.append((p < 0.05, 1 - (a * a).mean() / (b * b).mean()))
            won = np.array([gap for beats, gap in found if beats])
            cells = [100 * len(won) / draws, *(100 * np.percentile(won, [10, 50, 90])),
                     100 * (won >= 0.2).sum() / draws, 100 * (won >= 0.5).sum() / draws]
            print(f"| {phi} | {n} | " + " | ".join(f"{v:.1f} %" for v in cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--horizon", type=int, default=1)
    parser.add_argument("--shift", type=float, default=1.645)
    parser.add_argument("--lengths", default=None, help="default 30,100,400,1000; with --asymmetric 12,30,100,400")
    parser.add_argument("--cutoffs", action="store_true")
    parser.add_argument("--asymmetric", action="store_true")
    parser.add_argument("--gaps", action="store_true")
    args = parser.parse_args()
    lengths = [int(v) for v in (args.lengths or ("12,30,100,400" if args.asymmetric or args.gaps else "30,100,400,1000")).split(",")]
    if args.gaps:
        gaps(args.draws, lengths)
        return
    if args.asymmetric:
        asymmetric(args.draws, lengths, args.shift)
        return
    if args.cutoffs:
        print("| phi | horizon = step | 3 cutoffs | 5 | 10 | 20 |\n|---|---|---|---|---|---|")
        for horizon in (1, 6):
            for phi in (0.0, 0.5, 0.9):
                sizes = " | ".join(f"{cutoffs_size(phi, k, horizon, args.draws):.1f} %" for k in (3, 5, 10, 20))
                print(f"| {phi} | {horizon} | {sizes} |", flush=True)
        return
    print("| phi | n | size: Newey-West, t(n-1) | size: EWC, t(terms) | power: Newey-West | power: EWC | "
          "size-adjusted power: Newey-West | size-adjusted: EWC | EWC terms |\n|---|---|---|---|---|---|---|---|---|")
    for n in lengths:
        for phi in (0.0, 0.5, 0.9):
            null, terms = p_values(phi, n, args.horizon, args.draws, 1.0, seed=0)
            # the null's long-run sd of a² - b² (one step) is 2 var(x) sqrt((1 + phi²) / (1 - phi²)), var(x) = 1 / (1 - phi²);
            # B scaled by s moves the mean by (s² - 1) var(x) per step (times H per window: the sd too, at most)
            scale = math.sqrt(1 + args.shift * 2 * math.sqrt((1 + phi ** 2) / (1 - phi ** 2) / n))
            alternative, _ = p_values(phi, n, args.horizon, args.draws, scale, seed=1)
            # size-adjusted: "beats" below each test's own 5 % quantile of its null p-values, so that a test
            # that says "beats" too often under the null does not get power for it
            cells = [100 * (null < 0.05).mean(axis=0), 100 * (alternative < 0.05).mean(axis=0),
                     100 * (alternative < np.quantile(null, 0.05, axis=0)).mean(axis=0)]
            print(f"| {phi} | {n} | " + " | ".join(f"{v:.1f} %" for cell in cells for v in cell) + f" | {terms:.0f} |",
                  flush=True)

if __name__ == "__main__":
    main()

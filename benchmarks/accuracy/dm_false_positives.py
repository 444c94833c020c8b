"""How often the Diebold–Mariano test of ``evaluate`` says "beats" between two forecasts of equal quality.

Two forecasters whose errors are independent AR(phi) series of the same variance are equally good;
a test at the 5 % level should call A better (one-sided p < 0.05) in about 5 % of draws. Persistent
errors give persistent loss differentials, and a variance that counts too few lags overstates the
evidence. For each phi and series length this counts p < 0.05 over ``--draws`` seeded draws under
three bandwidths of the same Newey–West (Bartlett) variance:

* ``horizon - 1`` lags (the rule before decision 83: none at horizon 1);
* the fixed rule ``floor(4 (n / 100) ** (2 / 9))`` lags;
* Newey and West's (1994) automatic bandwidth, never below the horizon (``significance.diebold_mariano``).

    python benchmarks/accuracy/dm_false_positives.py [--draws 2000]   (record: accuracy/results/dm-false-positives.md)
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from rnncast import significance


def ar(rng: np.random.Generator, phi: float, n: int, burn: int = 200) -> np.ndarray:
    """An AR(1) series of length ``n`` with unit innovations, after ``burn`` steps to forget its start."""
    e = rng.normal(size=n + burn)
    x = np.empty(n + burn)
    x[0] = e[0] / math.sqrt(1 - phi ** 2)
    for t in range(1, n + burn):
        x[t] = phi * x[t - 1] + e[t]
    return x[burn:]


def p_value(d: np.ndarray, width: float) -> float:
    """The one-sided p-value of the mean of ``d`` with a Bartlett variance at bandwidth ``width``."""
    variance = significance.long_run_variance(d, np.ones(len(d), dtype=bool), width)
    if not variance > 0:
        return float("nan")
    return 0.5 * (1 + math.erf(d.mean() / math.sqrt(variance / len(d)) / math.sqrt(2)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=2000)
    args = parser.parse_args()
    print(f"| phi | n | horizon - 1 lags (before) | floor(4 (n/100)^(2/9)) lags | Newey-West 1994 (now) | "
          f"mean bandwidth now |\n|---|---|---|---|---|---|")
    for n in (100, 400, 1000):
        for phi in (0.0, 0.5, 0.9):
            rng = np.random.default_rng(0)
            hits = np.zeros(3)
            widths = []
            fixed = int(4 * (n / 100) ** (2 / 9)) + 1  # lags below the bandwidth are weighted
            for _ in range(args.draws):
                a, b = ar(rng, phi, n)[:, None, None], ar(rng, phi, n)[:, None, None]
                d = significance.differentials(a, b)
                now = significance.diebold_mariano(a, b, horizon=1)
                widths.append(now["bandwidth"])
                hits += np.array([p_value(d, 1), p_value(d, fixed), now["p_value"]]) < 0.05
            rates = " | ".join(f"{100 * h / args.draws:.1f} %" for h in hits)
            print(f"| {phi} | {n} | {rates} | {np.mean(widths):.1f} |")


if __name__ == "__main__":
    main()

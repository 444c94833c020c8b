"""How often a backtest's Diebold–Mariano test says "beats" at the 5 % line when nothing differs (decision 655).

The cutoffs' loss differentials are an MA(m - 1) of standard normal noise with mean 0 (windows whose targets reach
m successive cutoffs), n cutoffs; for each (m, n) it prints the share of p < 0.05 (should be near 0.05) and of
p < 1e-6 (an absurd p) for R's forecast::dm.test (unweighted autocovariances, HLN, t(n - 1), its fallback to no
lags), the same with Newey–West's Bartlett weights, and rnncast's test (``significance.diebold_mariano_cutoffs``:
evaluate's equal-weighted cosine test). Run: ``python benchmarks/accuracy/dm_backtest_size.py [RUNS]``.
"""

import sys

import numpy as np
from scipy import stats

from rnncast import significance


def _hln(d, variance, m):
    n = len(d)
    t = d.mean() / np.sqrt(variance / n) * np.sqrt((n + 1 - 2 * m + m * (m - 1) / n) / n)
    return stats.t.cdf(t, n - 1)


def _gammas(d, m):
    n, c = len(d), d - d.mean()
    return [c[lag:] @ c[: n - lag] / n for lag in range(m)]


def dm_test(d, m):
    g = _gammas(d, m)
    v = g[0] + 2 * sum(g[1:])
    return _hln(d, v, m) if v > 0 else _hln(d, g[0], 1)


def bartlett(d, m):
    g = _gammas(d, m)
    return _hln(d, g[0] + 2 * sum((1 - lag / m) * g[lag] for lag in range(1, m)), m)


def rnncast_test(d, m):
    n = len(d)
    a, b = np.sqrt(d + 50.0).reshape(-1, 1, 1), np.full((n, 1, 1), np.sqrt(50.0))  # a^2 - b^2 = d
    return significance.diebold_mariano_cutoffs(a, b, np.arange(n), horizon=m, step=1)["p_value"]


def main(runs: int = 20000) -> None:
    rng = np.random.default_rng(0)
    for m in (2, 3):
        for n in (12, 30):
            ps = {"dm.test": [], "bartlett": [], "rnncast (ewc)": []}
            for _ in range(runs):
                e = rng.normal(0, 1, n + m - 1)
                d = sum(e[i: i + n] for i in range(m))
                for name, test in (("dm.test", dm_test), ("bartlett", bartlett), ("rnncast (ewc)", rnncast_test)):
                    ps[name].append(test(d, m))
            print(f"reach {m}, {n} cutoffs: " + "; ".join(
                f"{k} {np.mean(np.array(v) < .05):.3f} (p<1e-6 {np.mean(np.array(v) < 1e-6):.4f})" for k, v in ps.items()))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)

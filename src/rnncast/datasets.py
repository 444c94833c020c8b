"""Built-in data: the first tutorial's sine wave and the second tutorial's sequence-regression set."""

from __future__ import annotations

import numpy as np
import pandas as pd


def sine_wave(n: int = 2400, step: float = 0.1, noise: float = 0.05, seed: int = 0) -> pd.DataFrame:
    """One continuous sine wave ``y = sin(step * t) + noise`` with a row number ``t``."""
    t = np.arange(n)
    rng = np.random.default_rng(seed)
    y = np.sin(step * t) + noise * rng.standard_normal(n)
    return pd.DataFrame({"t": t, "y": y.astype(np.float32)})


def aligned_regression(n: int = 1000, noise: float = 0.1, seed: int = 42) -> pd.DataFrame:
    """The second tutorial's data (as ``make_regression(n_samples=1000, n_features=1, noise=0.1)``).

    Rows are independent draws: ``y_t = w * x_t + noise``. The target at time t depends on the
    feature at the same time t, and on nothing before it, so a window that ends at t - 1 cannot
    predict it; a model that also sees ``x_t`` (a covariate known at forecast time) can.
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    weight = 100 * rng.uniform()
    y = weight * x + noise * rng.standard_normal(n)
    return pd.DataFrame({"x": x.astype(np.float32), "y": y.astype(np.float32)})

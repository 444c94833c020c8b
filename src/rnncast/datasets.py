"""Built-in data: the first tutorial's sine wave, the second tutorial's sequence-regression set, the memory
demo's delayed echo, and seeded panels of many series (for the tests and the benchmarks that measure forecast quality)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def sine_wave(n: int = 2400, step: float = 0.1, noise: float = 0.05, seed: int = 0) -> pd.DataFrame:
    """One continuous sine wave ``y = sin(step * t) + noise`` with a row number ``t``.

    ``noise`` is the standard deviation of the Gaussian noise added at each row. The frame's
    ``attrs`` say what the data knows of itself: ``noise_sd`` and ``noise_floor_mse`` (= noise²,
    in y's units squared), the expected MSE of a forecaster that knew the clean sine exactly; no
    forecast of the noisy values can do better on average.
    """
    t = np.arange(n)
    rng = np.random.default_rng(seed)
    y = np.sin(step * t) + noise * rng.standard_normal(n)
    frame = pd.DataFrame({"t": t, "y": y.astype(np.float32)})
    frame.attrs.update(noise_sd=float(noise), noise_floor_mse=float(noise) ** 2)
    return frame


def aligned_regression(n: int = 1000, noise: float = 0.1, seed: int = 42) -> pd.DataFrame:
    """The second tutorial's data: the same recipe as ``make_regression(n_samples=1000, n_features=1, noise=0.1)``, its own draws.

    Rows are independent draws: ``y_t = w * x_t + noise``. The target at time t depends on the
    feature at the same time t, and on nothing before it, so a window that ends at t - 1 cannot
    predict it; a model that also sees ``x_t`` (a covariate known at forecast time) can. ``attrs``:
    ``noise_sd`` and ``noise_floor_mse`` (= noise², in y's units squared), as :func:`sine_wave`'s.
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    weight = 100 * rng.uniform()
    y = weight * x + noise * rng.standard_normal(n)
    frame = pd.DataFrame({"x": x.astype(np.float32), "y": y.astype(np.float32)})
    frame.attrs.update(noise_sd=float(noise), noise_floor_mse=float(noise) ** 2)
    return frame


def echo(n: int = 2000, lag: int = 5, noise: float = 0.1, seed: int = 0) -> pd.DataFrame:
    """A delayed echo, the memory demo's task: ``y_t = x_(t - lag) + noise``, ``x`` white noise (sd 1).

    Columns ``x`` and ``y``, ``n`` rows numbered from 0. Read with ``x`` as a past covariate, a window ending at
    t - 1 holds ``x_(t - lag)`` when its lookback is at least ``lag``, and nothing else in it tells ``y_t``: a
    network learns the task only by carrying that one value ``lag`` - 1 steps through its state. ``attrs``:
    ``noise_sd``, ``noise_floor_mse`` (= noise², as :func:`sine_wave`'s) and ``lag``. Raises ``ValueError`` for
    a ``lag`` below 1."""
    if lag < 1:
        raise ValueError(f"lag must be at least 1, got {lag}")
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n + lag)
    y = x[:n] + noise * rng.standard_normal(n)  # y_t is x_(t - lag): x's row t is x[t + lag]
    frame = pd.DataFrame({"x": x[lag:].astype(np.float32), "y": y.astype(np.float32)})
    frame.attrs.update(noise_sd=float(noise), noise_floor_mse=float(noise) ** 2, lag=int(lag))
    return frame


def sine_panel(n_series: int = 4, *, lengths=(120, 200), scales=(1.0, 1.0), periods=(12,), noise: float = 0.1,
               seed: int = 0, freq: str = "h") -> pd.DataFrame:
    """Long format (unique_id, ds, y): noisy sine waves of their own length, start, phase and scale.

    ``lengths``: the range series lengths are drawn from; ``scales``: the range (log-uniform) of
    their amplitudes, so a panel can span many orders of magnitude; ``periods``: the series'
    periods, in turn.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(n_series):
        n = int(rng.integers(lengths[0], lengths[1] + 1))
        start = pd.Timestamp("2024-01-01") + pd.Timedelta(int(rng.integers(0, 500)), unit=freq)
        t = np.arange(n)
        scale = 10 ** rng.uniform(np.log10(scales[0]), np.log10(scales[1]))
        wave = 3 + np.sin(2 * np.pi * t / periods[i % len(periods)] + rng.uniform(0, 2 * np.pi)) + noise * rng.standard_normal(n)
        parts.append(pd.DataFrame({"unique_id": f"s{i:03d}", "ds": pd.date_range(start, periods=n, freq=freq),
                                   "y": scale * wave}))
    return pd.concat(parts, ignore_index=True)


def covariate_panel(seed: int = 1, n_series: int = 5, n: int = 300) -> pd.DataFrame:
    """Long format (unique_id, ds, y, price): ``y_t = w_s (2 x_t + noise) + 5 w_s`` with the price
    ``x`` drawn anew at every step, so only the step's own price tells its target (a future covariate)."""
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(n_series):
        x = rng.standard_normal(n)
        w = 10.0 ** (i - 2)
        parts.append(pd.DataFrame({"unique_id": f"s{i}", "ds": pd.date_range("2024-01-01", periods=n, freq="D"),
                                   "y": w * (2.0 * x + 0.1 * rng.standard_normal(n)) + 5 * w, "price": x}))
    return pd.concat(parts, ignore_index=True)


def monthly_sales(n: int = 120, seed: int = 0) -> pd.DataFrame:
    """The README's first example: ``n`` months of sales from January 2012 (``month``, as dates at each month's
    start; ``sales``), a rising trend, a yearly season and noise, rounded to 0.1 as a shop's file would write
    them. ``monthly_sales().to_csv("sales.csv", index=False)`` writes the ``sales.csv`` the commands read."""
    t = np.arange(n)
    noise = np.random.default_rng(seed).normal(0.0, 1.0, n)
    sales = 100 + 0.5 * t + 10 * np.sin(2 * np.pi * t / 12) + noise
    return pd.DataFrame({"month": pd.date_range("2012-01-01", periods=n, freq="MS"), "sales": sales.round(1)})


def store_sales(n_stores: int = 3, n: int = 240, seed: int = 0) -> pd.DataFrame:
    """The README's many-series example, long format: ``unique_id`` (store_1 ...), ``ds`` (``n`` days from
    2024-01-01), ``y`` (sales), ``footfall`` (a past covariate: known only once measured), ``price`` and ``holiday``
    (future covariates: planned), ``region`` (static). Sales follow the week, footfall, the price and holidays."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-01-01", periods=n, freq="D")
    parts = []
    for i in range(n_stores):
        footfall = 200 * (1 + i) * (1 + 0.3 * np.sin(2 * np.pi * np.arange(n) / 7)) + rng.normal(0, 10, n)
        price = np.round(rng.choice([9.99, 8.99, 7.99], n, p=[0.7, 0.2, 0.1]), 2)
        holiday = (rng.random(n) < 0.05).astype(int)
        y = 0.5 * footfall * (10.99 - price) / 2 + 40 * holiday + rng.normal(0, 5, n)
        parts.append(pd.DataFrame({"unique_id": f"store_{i + 1}", "ds": days, "y": y.round(1), "footfall": footfall.round(),
                                   "price": price, "holiday": holiday, "region": "north" if i % 2 else "south"}))
    return pd.concat(parts, ignore_index=True)

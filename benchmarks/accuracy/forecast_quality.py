"""Four properties of a forecast, measured on small seeded data (the tests assert them with thresholds).

    python benchmarks/accuracy/forecast_quality.py            # prints them
    python benchmarks/accuracy/forecast_quality.py --record   # and appends them to results/forecast-quality.md

The data and settings are those of the tests that assert these properties (tests/test_fitting.py,
test_backtest.py and test_models.py), written out here. Printed: per-series MSE ratios against
the naive forecast over 100 series of very different scales, the MSE with and without a
future-known covariate, the backtest windows left untouched when later rows are poisoned, and the
coverage of the 80 % interval.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from rnncast import Forecaster
from rnncast.datasets import covariate_panel, sine_panel as make_panel

RESULTS = Path(__file__).resolve().parent / "results"

# Settings that train in well under a second on CPU.
TINY = dict(lookback=12, horizon=3, hidden_size=8, epochs=2, batch_size=64, lr=1e-2, patience=50,
            device="cpu", seed=0)
K = 3  # backtest windows
COVARIATE_SETTINGS = dict(lookback=8, horizon=2, hidden_size=16, epochs=8, batch_size=32, lr=1e-2, window_norm="none",
                          patience=50, device="cpu", seed=0)
LEVELS = (0.1, 0.5, 0.9)


def gaussian_noise(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    """y ~ N(5, 2²), drawn anew every hour: the 0.1 and 0.9 quantiles are 5 ∓ 2.563 at every step."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n, freq="h"), "y": 5 + 2 * rng.standard_normal(n)})


def poison_after(frame: pd.DataFrame, firsts: dict) -> pd.DataFrame:
    """Every target value from each series' row in ``firsts`` (the first after a cutoff) on replaced by a huge number."""
    poisoned = frame.copy()
    row = poisoned.groupby("unique_id").cumcount()
    late = row >= poisoned["unique_id"].map(firsts)
    poisoned.loc[late, "y"] = 1e9
    return poisoned


def first_targets(frame: pd.DataFrame, window: int) -> dict:
    """Row (inside its series) of backtest window ``window``'s first forecast step, step = horizon."""
    h = TINY["horizon"]
    sizes = frame.groupby("unique_id").size()
    return {uid: n - h - (K - 1 - window) * h for uid, n in sizes.items()}


def hundred_series() -> list[str]:
    frame = make_panel(100, lengths=(160, 260), scales=(1e-3, 1e4), periods=(12, 16, 24), seed=0)
    started = time.perf_counter()
    f = Forecaster(cell="gru", lookback=24, horizon=6, hidden_size=32, epochs=3, batch_size=128, lr=1e-2,
                   patience=50, device="cpu", seed=0).fit(frame)
    seconds = time.perf_counter() - started
    result = f.evaluate(frame, part="test", by_series=True)
    ratios = np.array([r["model"]["mse"] / r["repeat"]["mse"] for r in result["series"].values()])
    mase = np.array([r["model"]["mase"] for r in result["series"].values()])
    naive_mase = np.array([r["repeat"]["mase"] for r in result["series"].values()])
    amplitudes = frame.groupby("unique_id")["y"].std()
    return [
        f"100 series, amplitudes {amplitudes.min():.2g} to {amplitudes.max():.3g} (std of y), one GRU of "
        f"{sum(p.numel() for p in f.net_.parameters())} parameters, trained in {seconds:.1f} s",
        f"series whose test MSE is below their naive (repeat-last) MSE: {(ratios < 1).sum()} of {len(ratios)}",
        f"model MSE / naive MSE per series: median {np.median(ratios):.3f}, worst {ratios.max():.3f}, best {ratios.min():.4f}",
        f"MASE per series: model median {np.median(mase):.3f} (worst {mase.max():.3f}), naive median {np.median(naive_mase):.3f}",
    ]


def future_covariate() -> list[str]:
    frame = covariate_panel()
    lines = []
    for role in ("future_covariates", "past_covariates"):
        f = Forecaster(**COVARIATE_SETTINGS).fit(frame, **{role: ["price"]})
        scaled = f.evaluate(frame, part="test")["scaled"]
        lines.append(f"price as {role.replace('_', ' ')[:-1]}: test MSE {scaled['model']['mse']:.4f} (scaled units), "
                     f"R² {scaled['model']['r2']:.3f}; predicting the training mean: MSE {scaled['mean']['mse']:.4f}")
    return lines


def backtest_leakage() -> list[str]:
    frame = make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)
    lines = []
    for refit in (False, True):
        f = Forecaster(**TINY)
        clean = f.backtest(frame, n_windows=K, refit=refit).forecasts
        dirty = f.backtest(poison_after(frame, first_targets(frame, 1)), n_windows=K, refit=refit).forecasts
        same = [int(np.array_equal(clean[clean.window == w]["y_hat"], dirty[dirty.window == w]["y_hat"])) for w in range(K)]
        gap = np.abs(clean[clean.window == 2]["y_hat"].to_numpy() - dirty[dirty.window == 2]["y_hat"].to_numpy()).max()
        lines.append(f"{'refit' if refit else 'one model'}: target rows after window 1's cutoff set to 1e9; windows "
                     f"0, 1, 2 bit-identical to the clean run: {same} (window 2 moved by up to {gap:.3g})")
    return lines


def coverage() -> list[str]:
    frame = gaussian_noise()
    f = Forecaster(lookback=8, horizon=4, hidden_size=16, epochs=6, batch_size=64, lr=1e-2, window_norm="none",
                   patience=50, device="cpu", seed=0, quantiles=LEVELS).fit(frame, target="y")
    model = f.evaluate(frame, part="test")["original"]["model"]
    wf = f.predict_windows(frame, part="test")
    q = wf.quantiles[..., 0, :].reshape(-1, 3).mean(axis=0)
    return [f"N(5, 2²) noise, 3,000 hourly rows, test {len(wf.starts)} windows x 4 steps: the 0.1-0.9 interval covers "
            f"{100 * model['coverage_80']:.1f} % (required 75-85 %); mean predicted quantiles "
            f"{q[0]:.2f} / {q[1]:.2f} / {q[2]:.2f} against the true 2.44 / 5.00 / 7.56"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    sections = [("100 series of very different scales, one model, against the naive forecast", hundred_series),
                ("a target predictable only from a future-known covariate", future_covariate),
                ("backtest windows never see rows after their cutoff", backtest_leakage),
                ("the 80 % interval on a Gaussian-noise series", coverage)]
    text = ["", "## What the tests measured", "", "Command: `python benchmarks/accuracy/forecast_quality.py --record` "
            "(the tests' own data and settings, CPU, 1 thread)", ""]
    for title, measure in sections:
        lines = measure()
        print(title)
        for line in lines:
            print("  " + line)
        text += [f"**{title}**", ""] + [f"- {line}" for line in lines] + [""]
    if args.record:
        path = RESULTS / "forecast-quality.md"
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n".join(text))
        print(f"appended to {path}")


if __name__ == "__main__":
    main()

"""The quantile head's start (``rnncast.quantilestart``) against the zero start it replaced.

For each dataset, epoch budget and seed, one quantile model (levels 0.1, 0.5, 0.9) is fitted twice,
from the same seed: once as the library does now (the head's bias at the training errors'
quantiles) and once with that start switched off (``quantilestart.start`` replaced by a no-op:
the zero head of before). Both are scored on the test part: the 80 % interval's coverage, the
pinball loss and the median's MAE, in original units. Nothing here chooses a setting.

    python benchmarks/accuracy/quantile_start.py [--quick]   (table: accuracy/results/quantile-start.md)
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import torch

from rnncast import Forecaster, quantilestart

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def monthly_sales(n: int = 240) -> pd.DataFrame:
    """A made-up monthly series: trend, a yearly season, noise (seed 0)."""
    rng = np.random.default_rng(0)
    t = np.arange(n)
    y = 1000 + 5 * t + 200 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 60, n)
    return pd.DataFrame({"ds": pd.date_range("2000-01-31", periods=n, freq="ME"), "sales": y})


def hourly_load(n: int = 24 * 60) -> pd.DataFrame:
    """A made-up hourly load: a daily cycle, a weekend drop, a temperature it follows, noise (seed 0)."""
    rng = np.random.default_rng(0)
    h = np.arange(n)
    temp = 10 + 5 * np.sin(2 * np.pi * h / (24 * 365)) + 3 * np.sin(2 * np.pi * (h - 6) / 24) + rng.normal(0, 1, n)
    weekend = np.where((h // 24) % 7 >= 5, 1.0, 0.0)
    load = 500 + 80 * np.sin(2 * np.pi * (h - 8) / 24) - 60 * weekend + 4 * temp + rng.normal(0, 10, n)
    return pd.DataFrame({"time": pd.date_range("2023-01-01", periods=n, freq="h"), "load": load, "temp": temp})


def cases(quick: bool) -> list[dict]:
    ili = pd.read_csv(SHARED / "LTSF" / "national_illness.csv")
    ett = pd.read_csv(SHARED / "ETT" / "ETTh1.csv")
    rows = [
        dict(name="monthly sales (made up)", data=monthly_sales(), target="sales", time_col="ds",
             lookback=24, horizon=6, epochs=(10, 30, 100)),
        dict(name="ILI % weighted (weekly)", data=ili, target="% WEIGHTED ILI", time_col="date",
             lookback=52, horizon=12, epochs=(10, 30, 100)),
        dict(name="ETTh1 OT (hourly)", data=ett, target="OT", time_col="date",
             lookback=96, horizon=24, epochs=(3, 10)),
        dict(name="hourly load + temperature (made up), gru 16, 20 batches an epoch", data=hourly_load(),
             target="load", time_col="time", lookback=48, horizon=24, epochs=(10, 20, 40),
             fit=dict(features=["temp"]), settings=dict(cell="gru", hidden_size=16, max_batches=20)),
    ]
    if quick:
        for row in rows:
            row["epochs"] = row["epochs"][:1]
    return rows


def run(case: dict, epochs: int, seed: int, with_start: bool) -> dict:
    model = Forecaster(lookback=case["lookback"], horizon=case["horizon"], quantiles=(0.1, 0.5, 0.9),
                       epochs=epochs, patience=epochs, seed=seed, verbose=False, **case.get("settings", {}))
    fit = dict(target=case["target"], time_col=case["time_col"], **case.get("fit", {}))
    began = time.perf_counter()
    if with_start:
        model.fit(case["data"], **fit)
    else:
        with mock.patch.object(quantilestart, "start", lambda net, train: None):
            model.fit(case["data"], **fit)
    seconds = time.perf_counter() - began
    scores = model.evaluate(case["data"])["original"]["model"]
    return dict(coverage=scores["coverage_80"], pinball=scores["pinball"], mae=scores["mae"], seconds=seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first epoch budget only, one seed")
    parser.add_argument("--seeds", default="1,2,3")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    torch.set_num_threads(1)
    seeds = [1] if args.quick else [int(s) for s in args.seeds.split(",")]
    print("| data | epochs | start | 80 % coverage (median, seeds) | pinball (median) | median's MAE (median) | s per fit |")
    print("|---|---|---|---|---|---|---|")
    for case in cases(args.quick):
        for epochs in case["epochs"]:
            for with_start in (False, True):
                runs = [run(case, epochs, seed, with_start) for seed in seeds]
                cover = ", ".join(f"{r['coverage']:.2f}" for r in runs)
                print(f"| {case['name']} | {epochs} | {'errors’ quantiles' if with_start else 'zero (before)'} "
                      f"| {statistics.median(r['coverage'] for r in runs):.2f} ({cover}) "
                      f"| {statistics.median(r['pinball'] for r in runs):.4g} "
                      f"| {statistics.median(r['mae'] for r in runs):.4g} "
                      f"| {statistics.median(r['seconds'] for r in runs):.1f} |", flush=True)
    print(f"\n{sys.version.split()[0]}, torch {torch.__version__}, 1 torch thread, seeds {seeds}")


if __name__ == "__main__":
    main()

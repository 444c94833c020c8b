"""Check of the ETT harness: train NLinear and DLinear on ETTh1 (L = 336, H = 96), S and M modes,
and print test MSE/MAE next to the published LTSF-Linear rows (shared/benchmarks/ETT.md).

    .venv/bin/python benchmarks/ett/linear_check.py [--data-dir DIR] [--seeds 2021 2022 ...]

The harness is right only if these land within about 0.01 MSE of the published numbers.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path

import torch

from rnncast.bench import runners, scoring, tables
from rnncast.bench.task import TrainConfig

PUBLISHED = {  # (mode, model) -> (MSE, MAE), ETTh1, L = 336, H = 96, drop-last test loader
    ("S", "nlinear"): (0.053, 0.177),
    ("S", "dlinear"): (0.056, 0.180),
    ("M", "nlinear"): (0.374, 0.394),
    ("M", "dlinear"): (0.375, 0.399),
}
INPUT_LEN, HORIZON = 336, 96
TOLERANCE = 0.01  # MSE


def default_data_dir() -> Path:
    env = os.environ.get("RNNCAST_ETT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "ETT"  # ../shared beside the checkout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--seeds", type=int, nargs="+", default=[2021])
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads (1 is fastest for these small models, and by far "
                             "when another process shares the cores)")
    parser.add_argument("--verbose", action="store_true", help="log every epoch")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s")

    print(f"ETTh1, L={INPUT_LEN}, H={HORIZON}; MSE/MAE on standardized values")
    print(f"{'mode':4} {'model':8} {'seed':>5} {'all windows':>13} {'drop-last-32':>13} "
          f"{'published':>13} {'dMSE':>7} {'time':>6}")
    failures = 0
    for mode in ("S", "M"):
        data = tables.prepare_table(args.data_dir / "ETTh1.csv", mode)
        for model in ("nlinear", "dlinear"):
            for seed in args.seeds:
                started = time.perf_counter()
                predictions = runners.run_setting(
                    data.values, data.target_idx, data.split, INPUT_LEN, HORIZON, model,
                    TrainConfig(seed=seed),
                )
                seconds = time.perf_counter() - started
                scores = scoring.evaluate(predictions, data.values, data.target_idx, data.split,
                                          HORIZON)
                pub_mse, pub_mae = PUBLISHED[(mode, model)]
                off = scores.drop_last.mse - pub_mse
                failures += abs(off) > TOLERANCE
                print(f"{mode:4} {model:8} {seed:5d} "
                      f"{scores.all_windows.mse:6.3f}/{scores.all_windows.mae:.3f} "
                      f"{scores.drop_last.mse:6.3f}/{scores.drop_last.mae:.3f} "
                      f"{pub_mse:6.3f}/{pub_mae:.3f} "
                      f"{off:+7.3f} {seconds:5.1f}s {'ok' if abs(off) <= TOLERANCE else 'OFF'}",
                      flush=True)
    print(f"dMSE = drop-last-32 MSE - published; {failures} row(s) off by more than {TOLERANCE}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

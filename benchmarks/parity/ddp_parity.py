"""DDP parity: ``rnncast fit`` in one process against ``torchrun --nproc_per_node=N`` (gloo on
CPU, NCCL with ``--device cuda``) with the same seed and global batch; prints how far the
predictions and losses are apart.

    python benchmarks/parity/ddp_parity.py [--rows 2000] [--procs 2] [--scheme window|sequence] [--epochs 8] [--device cuda]

NCCL takes one GPU per process, so ``--device cuda`` needs ``--procs`` at most the GPU count.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import Forecaster, datasets
from rnncast.data import read_table


def make_frame(n: int) -> pd.DataFrame:
    """``n`` hourly rows from 2024-01-01: ``y = sin(0.2 t) + 0.05 e`` (seed 0) and a feature ``x = cos(0.2 t)``."""
    wave = datasets.sine_wave(n, step=0.2, noise=0.05, seed=0)
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="h"), "y": wave["y"],
                         "x": np.cos(0.2 * wave["t"].to_numpy()).astype(np.float32)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--scheme", default="window", choices=["window", "sequence"])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--cell", default="lstm")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    args = parser.parse_args()
    fit = ["--target", "y", "--features", "x", "--lookback", "24", "--horizon", "6", "--cell", args.cell,
           "--hidden-size", "32", "--num-layers", "2", "--epochs", str(args.epochs), "--batch-size", "64",
           "--lr", "0.01", "--patience", "3", "--dropout", "0", "--device", args.device, "--seed", "0",
           "--scheme", args.scheme]
    if args.scheme == "sequence":
        fit = [a for a in fit if a not in ("--features", "x")] + ["--chunk", "64", "--batch-size", "8"]
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_frame(args.rows).to_csv(folder / "d.csv", index=False)
        seconds = {}
        for name, launcher in (("one", [sys.executable, "-m", "rnncast"]),
                               ("ddp", [sys.executable, "-m", "torch.distributed.run", "--standalone",
                                        f"--nproc_per_node={args.procs}", "-m", "rnncast"])):
            started = time.perf_counter()
            done = subprocess.run([*launcher, "fit", "d.csv", *fit, "--out", name], cwd=folder, env=env,
                                  capture_output=True, text=True)
            seconds[name] = time.perf_counter() - started
            if done.returncode:
                sys.exit(done.stderr[-3000:])
        frame = read_table(folder / "d.csv")
        a = Forecaster.load(folder / "one").predict_windows(frame).y_pred
        b = Forecaster.load(folder / "ddp").predict_windows(frame).y_pred
        h1, h2 = pd.read_csv(folder / "one" / "history.csv"), pd.read_csv(folder / "ddp" / "history.csv")
    rel = lambda col: float(np.max(np.abs(h2[col].to_numpy() - h1[col].to_numpy()) / np.abs(h1[col].to_numpy())))  # noqa: E731
    print(f"rows {args.rows}, {args.cell} 2x32, scheme {args.scheme}, 1 process vs {args.procs} ({'NCCL, CUDA' if args.device == 'cuda' else 'gloo, CPU'})")
    print(f"epochs run: {len(h1)} vs {len(h2)}; best epoch: {int(h1['val_loss'].idxmin()) + 1} vs {int(h2['val_loss'].idxmin()) + 1}")
    print(f"predictions over {a.shape[0]} windows: max abs diff {np.abs(a - b).max():.3g} (values of scale 1)")
    print(f"train loss: max rel diff {rel('train_loss'):.3g}; val loss: max rel diff {rel('val_loss'):.3g}")
    print(f"final val loss: {h1['val_loss'].min():.6f} vs {h2['val_loss'].min():.6f}")
    print(f"wall time incl. start-up: {seconds['one']:.1f} s vs {seconds['ddp']:.1f} s")


if __name__ == "__main__":
    main()

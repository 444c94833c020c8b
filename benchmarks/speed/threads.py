"""How fast a fit trains with torch's own thread count against one thread, on an idle and a busy machine.

    python benchmarks/speed/threads.py [--repeats 3] [--busy 0,2] [--epochs 3]

A fixed fit (ETTh1's OT, the library's defaults, lookback 96, horizon 24, seed 0) runs with
``threads=0`` (torch's own choice: one per core) and ``threads=1``, alternately, ``--repeats``
times each, while ``--busy`` other processes spin on the CPU (a machine busy with other work:
pure-Python loops, one core each). Prints the median seconds of each and their ratio, the cores,
and the load average before each block. The validation losses of the two are printed too: the
thread count changes no number the fit reports (asserted by nothing here; read them).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import time
from pathlib import Path

import pandas as pd
import torch

from rnncast import Forecaster

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ETT" / "ETTh1.csv"


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def _fit(frame: pd.DataFrame, threads: int, epochs: int) -> tuple[float, float]:
    model = Forecaster(lookback=96, horizon=24, epochs=epochs, patience=epochs, threads=threads, seed=0)
    started = time.perf_counter()
    model.fit(frame, target="OT")
    return time.perf_counter() - started, min(r["val_loss"] for r in model.history_)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--busy", default="0,2", help="comma list of how many spinning processes to run beside")
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    frame = pd.read_csv(DATA)[["date", "OT"]]
    print(f"cores {os.cpu_count()}, torch {torch.__version__}, torch's own thread count {torch.get_num_threads()}")
    print("| busy processes | load before | threads=0 (s, median) | threads=1 (s, median) | 0 / 1 | val loss 0 / 1 |")
    print("|---|---|---|---|---|---|")
    for busy in (int(b) for b in args.busy.split(",")):
        stop = mp.Event()
        spinners = [mp.Process(target=_spin, args=(stop,), daemon=True) for _ in range(busy)]
        for p in spinners:
            p.start()
        time.sleep(2 if busy else 0)
        load = os.getloadavg()[0]
        times: dict[int, list[float]] = {0: [], 1: []}
        losses: dict[int, float] = {}
        try:
            for _ in range(args.repeats):
                for threads in (0, 1):
                    seconds, loss = _fit(frame, threads, args.epochs)
                    times[threads].append(seconds)
                    losses[threads] = loss
        finally:
            stop.set()
            for p in spinners:
                p.join()
        a, b = statistics.median(times[0]), statistics.median(times[1])
        print(f"| {busy} | {load:.1f} | {a:.1f} ({', '.join(f'{t:.1f}' for t in times[0])}) | "
              f"{b:.1f} ({', '.join(f'{t:.1f}' for t in times[1])}) | {a / b:.2f} | {losses[0]:.5f} / {losses[1]:.5f} |")


if __name__ == "__main__":
    main()

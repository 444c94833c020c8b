"""Speed and memory benchmark on the "sine-20k" workload, every contender in one run.

    python benchmarks/speed/speed.py                 # time-to-accuracy table, 5 seeds, interleaved
    python benchmarks/speed/speed.py --quick         # CI smoke test: 1 seed, short series, few epochs
    python benchmarks/speed/speed.py --memory        # peak RSS training on a 10,000,000-point series
    python benchmarks/speed/speed.py --latency       # Forecaster.predict latency, one series and 10,000
    python benchmarks/speed/speed.py --record        # also write results/speed.md and speed.json beside this file
                                                     # (speed-cuda.* with --device cuda; speed-memory-latency.md, ...)

Workload: y_t = sin(0.1 t) + 0.1 e_t, e ~ N(0, 1) from numpy.random.default_rng(0), 20,000 points,
float32; the first 80 % train, the last 20 % test (one-step forecasts from the 50 values before).
LSTM, hidden 64, one layer, linear head, Adam, MSE, CPU with 2 threads. Time-to-accuracy is the
training wall time (evaluation excluded) until the test MSE after an epoch is <= 0.0110.
rnncast's contenders keep the library's defaults, which add a linear highway to the LSTM (LSTNet's
autoregressive component; a sine is linear in its past, so it shortens the run); the 'highway
off' row is the same fastest settings without it, the speed of the training code alone.

Each contender runs in its own process, so its peak RSS is its own; seeds are interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

N, TRAIN, LOOKBACK, HIDDEN = 20_000, 16_000, 50, 64
TARGET_MSE = 0.0110
EXACT_SINE_MSE = 0.0098
RESULTS = Path(__file__).parent / "results"


def make_series(n: int = N) -> np.ndarray:
    t = np.arange(n, dtype=np.float64)
    return (np.sin(0.1 * t) + 0.1 * np.random.default_rng(0).standard_normal(n)).astype(np.float32)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- contenders (each runs in a child process) -----------------------------------------------

DEVICE = os.environ.get("RNNCAST_BENCH_DEVICE", "cpu")  # --device sets it for the child processes


def reference_loop(seed: int, max_epochs: int, n: int, train: int) -> dict:
    """The tutorials' way in plain PyTorch: pre-built windows, batch 32, the last step trains."""
    import torch
    from torch import nn

    torch.set_num_threads(2)
    torch.manual_seed(seed)
    y = torch.from_numpy(make_series(n))
    windows = y.unfold(0, LOOKBACK + 1, 1)  # [n - L, L + 1]
    n_train = train - LOOKBACK  # windows whose target row is < train
    x_train = windows[:n_train, :LOOKBACK].unsqueeze(-1).contiguous()  # [W, L, 1]
    y_train = windows[:n_train, LOOKBACK:].contiguous()  # [W, 1]
    x_test = windows[train - LOOKBACK :, :LOOKBACK].unsqueeze(-1).contiguous()
    y_test = windows[train - LOOKBACK :, LOOKBACK:].numpy()

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(1, HIDDEN, batch_first=True)
            self.head = nn.Linear(HIDDEN, 1)

        def forward(self, x):
            out, _ = self.lstm(x)  # [B, L, hidden]
            return self.head(out[:, -1])  # [B, 1]

    x_train, y_train, x_test = x_train.to(DEVICE), y_train.to(DEVICE), x_test.to(DEVICE)
    net = Net().to(DEVICE)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    trace, trained = [], 0.0
    for epoch in range(1, max_epochs + 1):
        started = time.perf_counter()
        net.train()
        order = torch.randperm(n_train).to(DEVICE)
        for i in range(0, n_train, 32):
            idx = order[i : i + 32]
            loss = loss_fn(net(x_train[idx]), y_train[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        trained += time.perf_counter() - started
        net.eval()
        with torch.inference_mode():
            pred = torch.cat([net(x_test[i : i + 1024]) for i in range(0, len(x_test), 1024)]).cpu().numpy()
        trace.append((epoch, trained, float(np.mean((pred.astype(np.float64) - y_test) ** 2))))
        if trace[-1][2] <= TARGET_MSE:
            break
    return summarize(trace, n_train)


RNNCAST_FASTEST = dict(scheme="sequence", chunk=100, batch_size=8, lr=0.02, lr_schedule="cosine", epochs=20,
                       window_norm="none")
RNNCAST_WINDOW = dict(scheme="window", batch_size=32, lr=1e-3, epochs=20, window_norm="none")


def rnncast_run(seed: int, max_epochs: int, n: int, train: int, settings: dict) -> dict:
    """rnncast's Forecaster; the on_epoch callback scores the test split between epochs (untimed)."""
    import torch

    from rnncast import Forecaster

    torch.set_num_threads(2)
    y = make_series(n)
    settings = {**settings, "epochs": min(settings["epochs"], max_epochs)}
    model = Forecaster(lookback=LOOKBACK, horizon=1, hidden_size=HIDDEN, patience=10_000, seed=seed, device=DEVICE,
                       **settings)
    trace, trained = [], [0.0]

    def on_epoch(record):
        trained[0] += record.seconds  # the epoch's training time; this callback is not in it
        mse = model.evaluate(y, part="test")["original"]["model"]["mse"]
        trace.append((record.epoch, trained[0], mse))

    model.fit(y, split=(train, train, n), on_epoch=on_epoch)
    return summarize(trace, train - LOOKBACK)


def summarize(trace: list, targets_per_epoch: int) -> dict:
    hit = next((t for t in trace if t[2] <= TARGET_MSE), None)
    epochs, seconds, mse = trace[-1]
    return {"time_to_accuracy_s": hit[1] if hit else None, "epochs_to_accuracy": hit[0] if hit else None,
            "epochs_run": epochs, "train_s": seconds, "final_test_mse": mse,
            "targets_per_s": targets_per_epoch * epochs / seconds, "peak_rss_mb": peak_rss_mb(), "trace": trace}


CONTENDERS = {
    "plain PyTorch loop (tutorials' way), batch 32": lambda s, e, n, t: reference_loop(s, e, n, t),
    "rnncast, window scheme, batch 32": lambda s, e, n, t: rnncast_run(s, e, n, t, RNNCAST_WINDOW),
    "rnncast, sequence scheme (fastest)": lambda s, e, n, t: rnncast_run(s, e, n, t, RNNCAST_FASTEST),
    # the same without the linear highway (on by default): the speed of the training code alone
    "rnncast, sequence scheme, highway off": lambda s, e, n, t: rnncast_run(s, e, n, t, {**RNNCAST_FASTEST, "highway": False}),
}


# ---- memory and latency ------------------------------------------------------------------------

def memory_run(points: int) -> dict:
    """Fit on a very long series with lookback 512: windows stay views, memory stays linear."""
    import torch

    from rnncast import Forecaster

    torch.set_num_threads(2)
    t = np.arange(points, dtype=np.float32)
    y = np.sin(0.01 * t) + 0.1 * np.random.default_rng(0).standard_normal(points).astype(np.float32)
    rss_data = peak_rss_mb()
    out = {}
    for scheme in ("sequence", "window"):
        model = Forecaster(lookback=512, horizon=1, hidden_size=32, scheme=scheme, chunk=256, batch_size=32,
                           epochs=1, max_batches=3, val_frac=0.0, test_frac=0.01, device="cpu")
        started = time.perf_counter()
        model.fit(y)
        forecast = model.predict(y)
        out[scheme] = {"seconds": time.perf_counter() - started, "forecast": float(forecast.iloc[0, 0])}
    materialized_gb = (points - 512) * 513 * 4 / 1e9
    return {"points": points, "lookback": 512, "rss_after_data_mb": rss_data, "peak_rss_mb": peak_rss_mb(),
            "materialized_windows_would_need_gb": materialized_gb, **out}


def latency_run() -> dict:
    import pandas as pd
    import torch

    from rnncast import Forecaster

    torch.set_num_threads(2)
    y = make_series(3000)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=len(y), freq="h"), "y": y})
    model = Forecaster(lookback=96, horizon=24, epochs=1, max_batches=5, val_frac=0.0, device="cpu").fit(frame, target="y")
    recent = frame.iloc[-96:]
    out = {}
    one = y[-96:].reshape(1, 96, 1)
    for name, call in {"predict(DataFrame of the last 96 rows)": lambda: model.predict(recent),
                       "predict_array(one window [1, 96, 1])": lambda: model.predict_array(one)}.items():
        times = []
        for _ in range(300):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        times = np.array(times[50:]) * 1000
        out[name] = {"p50_ms": float(np.median(times)), "p90_ms": float(np.percentile(times, 90))}
    many = np.stack([make_series(12_000)[i : i + 96] for i in range(10_000)])[..., None]  # [10000, 96, 1]
    started = time.perf_counter()
    forecasts = model.predict_array(many)
    out["predict_array(10,000 series)"] = {"seconds": time.perf_counter() - started, "shape": list(forecasts.shape)}
    return out


# ---- the parent: run everything, print and record ---------------------------------------------

def child(args) -> None:
    if args.child == "memory":
        result = memory_run(args.points)
    elif args.child == "latency":
        result = latency_run()
    else:
        result = CONTENDERS[args.child](args.seed, args.max_epochs, args.n, args.train)
    print("RESULT " + json.dumps(result), flush=True)


def spawn(*argv) -> dict:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run([sys.executable, __file__, *map(str, argv)], capture_output=True, text=True, env=env)
    line = next((l for l in proc.stdout.splitlines() if l.startswith("RESULT ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"benchmark child {argv} failed:\n{proc.stderr[-3000:]}")
    return json.loads(line[len("RESULT "):])


def speed_table(seeds: int, max_epochs: int, n: int, train: int) -> tuple[str, dict]:
    runs = {name: [] for name in CONTENDERS}
    for seed in range(seeds):  # interleaved: every contender once per seed
        for name in CONTENDERS:
            runs[name].append(spawn("--child", name, "--seed", seed, "--max-epochs", max_epochs, "--n", n, "--train", train))
            r = runs[name][-1]
            print(f"  seed {seed} {name}: tta {r['time_to_accuracy_s']} s, final mse {r['final_test_mse']:.5f}", flush=True)
    reference = "plain PyTorch loop (tutorials' way), batch 32"
    lines = ["| contender | time-to-accuracy s, median (min–max) | reached in | epochs to accuracy | targets/s | "
             "peak RSS MB | final test MSE, median | ratio to the plain loop |", "|---|---|---|---|---|---|---|---|"]
    medians = {}
    for name, results in runs.items():
        ttas = [r["time_to_accuracy_s"] for r in results if r["time_to_accuracy_s"] is not None]
        medians[name] = statistics.median(ttas) if len(ttas) * 2 > len(results) else None
    for name, results in runs.items():
        ttas = [r["time_to_accuracy_s"] for r in results if r["time_to_accuracy_s"] is not None]
        tta = (f"{medians[name]:.2f} ({min(ttas):.2f}–{max(ttas):.2f})" if medians[name] is not None
               else f"not reached (> {statistics.median(r['train_s'] for r in results):.1f})")
        epochs = [r["epochs_to_accuracy"] for r in results if r["epochs_to_accuracy"]]
        ratio = (f"{medians[reference] / medians[name]:.1f}×" if medians[name] and medians[reference] else "—")
        lines.append(f"| {name} | {tta} | {len(ttas)}/{len(results)} seeds | "
                     f"{statistics.median(epochs) if epochs else '—'} | "
                     f"{statistics.median(r['targets_per_s'] for r in results):,.0f} | "
                     f"{statistics.median(r['peak_rss_mb'] for r in results):.0f} | "
                     f"{statistics.median(r['final_test_mse'] for r in results):.5f} | {ratio} |")
    return "\n".join(lines), runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI smoke test: short series, 1 seed, 2 epochs")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--max-epochs", type=int, default=20)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--record", action="store_true", help=f"write the report into {RESULTS}")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="where the time-to-accuracy runs train")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=N, help=argparse.SUPPRESS)
    parser.add_argument("--train", type=int, default=TRAIN, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    os.environ["RNNCAST_BENCH_DEVICE"] = args.device

    command = "python benchmarks/speed/speed.py " + " ".join(sys.argv[1:])
    suffix = "-cuda" if args.device == "cuda" else ""  # records: results/speed.md, speed-cuda.md, speed.json, ...
    header = [f"# Speed benchmark ({date.today()})", "", f"Command: `{command}`", "",
              f"Device: {args.device}. Machine: {platform.machine()}, {os.cpu_count()} cores, torch threads 2, "
              f"Python {platform.python_version()}, {platform.platform()}", ""]
    sections = []
    if args.quick:
        table, _ = speed_table(1, 2, 4000, 3200)
        sections += ["## Quick smoke run (4,000 points, 2 epochs; not the workload)", "", table, ""]
    elif not (args.memory or args.latency):
        table, runs = speed_table(args.seeds, args.max_epochs, N, TRAIN)
        sections += [f"## Time to test MSE <= {TARGET_MSE} (exact sine: {EXACT_SINE_MSE}), {args.seeds} seeds interleaved", "",
                     table, "", f"rnncast fastest settings: `{RNNCAST_FASTEST}`", ""]
        if args.record:
            (RESULTS / f"speed{suffix}.json").write_text(json.dumps(runs, indent=1))  # the date is in the .md's title
    if args.memory or args.quick:
        points = 200_000 if args.quick else args.points
        m = spawn("--child", "memory", "--points", points)
        sections += [f"## Memory: {points:,} points, lookback 512", "",
                     f"Peak RSS {m['peak_rss_mb']:.0f} MB (after loading the data: {m['rss_after_data_mb']:.0f} MB); "
                     f"a materialized window tensor would need {m['materialized_windows_would_need_gb']:.1f} GB. "
                     f"Fit + predict: sequence scheme {m['sequence']['seconds']:.1f} s, window scheme "
                     f"{m['window']['seconds']:.1f} s (3 batches each).", ""]
    if args.latency or args.quick:
        lat = spawn("--child", "latency")
        rows = [f"| {k} | {v['p50_ms']:.2f} | {v['p90_ms']:.2f} |" for k, v in lat.items() if "p50_ms" in v]
        many = lat["predict_array(10,000 series)"]
        sections += ["## Prediction latency (lookback 96, horizon 24, LSTM 64)", "", "| call | p50 ms | p90 ms |",
                     "|---|---|---|", *rows, "", f"predict_array of 10,000 series in one call: {many['seconds']:.2f} s "
                     f"-> {many['shape']}", ""]
    report = "\n".join(header + sections)
    print(report)
    if args.record:
        RESULTS.mkdir(exist_ok=True)
        name = "speed-quick" if args.quick else "speed" + ("-memory" if args.memory else "") + ("-latency" if args.latency else "")
        (RESULTS / f"{name}{suffix}.md").write_text(report + "\n")  # the date is in the report's title


if __name__ == "__main__":
    main()

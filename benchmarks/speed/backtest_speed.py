"""Backtest wall time: 100 series x 10 windows without refit, and the same forecasts window by window.

    python benchmarks/speed/backtest_speed.py           # 100 series x 10 windows, 3 repeats
    python benchmarks/speed/backtest_speed.py --record  # also (over)write results/backtest-speed.md beside it

Workload: 100 noisy sine series (periods 12, 16 and 24; amplitudes 0.001 to 10,000; lengths 400 to
600 hourly rows with their own starts), long format. LSTM, hidden 64, lookback 48, horizon 12,
5 epochs, batch 256, CPU. ``Forecaster.backtest(frame, n_windows=10, refit=False)`` trains one model
on the rows up to each series' first cutoff, then forecasts all 1,000 windows in one batched pass.
The comparison column forecasts the same 1,000 windows with one ``net`` call per window (what a
Python loop over cutoffs would cost), with the same weights; the forecasts must agree.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from rnncast import Forecaster  # noqa: E402

RESULTS = Path(__file__).parent / "results"
SETTINGS = dict(cell="lstm", lookback=48, horizon=12, hidden_size=64, epochs=5, batch_size=256, lr=3e-3,
                patience=50, device="cpu", seed=0)


def make_panel(n_series: int = 100, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(n_series):
        n = int(rng.integers(400, 601))
        t = np.arange(n)
        scale = 10 ** rng.uniform(-3, 4)
        y = scale * (3 + np.sin(2 * np.pi * t / (12, 16, 24)[i % 3] + rng.uniform(0, 2 * np.pi))
                     + 0.1 * rng.standard_normal(n))
        start = pd.Timestamp("2024-01-01") + pd.Timedelta(hours=int(rng.integers(0, 500)))
        parts.append(pd.DataFrame({"unique_id": f"s{i:03d}", "ds": pd.date_range(start, periods=n, freq="h"), "y": y}))
    return pd.concat(parts, ignore_index=True)


def loop_per_window(result, frame: pd.DataFrame, settings: dict) -> tuple[float, float]:
    """Refit the same model (same seed, same rows) and forecast each window with its own net call."""
    from rnncast import fitting
    from rnncast.config import Settings
    from rnncast.scaling import Scaler
    from rnncast.windows import chronological_split

    panel = result.panel
    lookback, horizon = settings["lookback"], settings["horizon"]
    params = Forecaster(**settings).get_params()
    splits = [chronological_split(int(c) + 1, lookback, horizon, params["val_frac"], 0.0) for c in result.cutoffs[:, 0]]
    prepared = fitting.prepare(panel, splits, Settings.from_flat(params), params)  # the backtest's own model: same seed, same rows
    fitting.train(prepared)
    net = prepared.net.eval()
    started = time.perf_counter()
    outputs = []
    with torch.inference_mode():
        for s in range(panel.n_series):
            scaler: Scaler = prepared.state.scalers[s]
            rows = panel.rows(s)
            for c in result.cutoffs[s] + 1:  # each window's first target row
                x = torch.from_numpy(scaler.transform(rows[c - lookback : c]))[None]  # [1, L, C]
                y = net(x).numpy()[0, :, 0]
                outputs.append(y * scaler.scale[0] + scaler.offset[0])
    seconds = time.perf_counter() - started
    batched = result.forecasts["y_hat"].to_numpy().reshape(len(outputs), -1)
    gap = float(np.max(np.abs(np.array(outputs) - batched) / (np.abs(batched) + 1e-9)))
    return seconds, gap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=100)
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    frame = make_panel(args.series)
    rows = []
    for repeat in range(args.repeats):
        started = time.perf_counter()
        result = Forecaster(**SETTINGS).backtest(frame, n_windows=args.windows)
        wall = time.perf_counter() - started
        loop_seconds, gap = loop_per_window(result, frame, SETTINGS)
        m = result.metrics
        rows.append({"wall": wall, "fit": m["seconds"]["fit"], "predict": m["seconds"]["predict"], "loop": loop_seconds,
                     "gap": gap, "mase": m["overall"]["model"]["mase"], "naive_mase": m["overall"]["repeat"]["mase"],
                     "windows": len(result.forecasts) // SETTINGS["horizon"]})
        print(f"repeat {repeat}: wall {wall:.2f} s (fit {m['seconds']['fit']:.2f} s, batched forecast "
              f"{m['seconds']['predict'] * 1000:.1f} ms for {rows[-1]['windows']} windows); one net call per window "
              f"{loop_seconds * 1000:.0f} ms; largest relative difference {gap:.1e}", flush=True)
    med = {k: statistics.median(r[k] for r in rows) for k in ("wall", "fit", "predict", "loop", "mase", "naive_mase")}
    print(f"median: wall {med['wall']:.2f} s, fit {med['fit']:.2f} s, batched forecast {med['predict'] * 1000:.1f} ms, "
          f"per-window loop {med['loop'] * 1000:.0f} ms ({med['loop'] / med['predict']:.0f}x slower)")
    if args.record:
        command = "python benchmarks/speed/backtest_speed.py " + " ".join(sys.argv[1:])
        text = f"""# Backtest speed ({date.today().isoformat()})

Command: `{command.strip()}`

Machine: {platform.machine()}, shared 2-core CPU (other jobs running), torch threads {args.threads},
torch {torch.__version__}, Python {platform.python_version()}, {platform.platform()}

Workload: {args.series} series x {args.windows} windows without refit (`Forecaster.backtest(frame,
n_windows={args.windows}, refit=False)`), {len(frame):,} rows in all; settings `{SETTINGS}`, the others at
the library's defaults (among them max_batches 100: an epoch is at most 100 batches).

| | median of {args.repeats} | runs |
|---|---|---|
| backtest wall time (read, train once, forecast all windows, score, build the frame) | {med['wall']:.2f} s | {', '.join(f"{r['wall']:.2f}" for r in rows)} |
| of which training ({SETTINGS['epochs']} epochs) | {med['fit']:.2f} s | {', '.join(f"{r['fit']:.2f}" for r in rows)} |
| of which the batched forecast of all {rows[0]['windows']} windows | {med['predict'] * 1000:.1f} ms | {', '.join(f"{r['predict'] * 1000:.1f}" for r in rows)} |
| the same windows, one net call per window (a Python loop over cutoffs) | {med['loop'] * 1000:.0f} ms | {', '.join(f"{r['loop'] * 1000:.0f}" for r in rows)} |

The batched pass is {med['loop'] / med['predict']:.0f}x faster than the loop per window; the two agree
to a relative difference of at most {max(r['gap'] for r in rows):.1e}. Overall MASE of the model
{med['mase']:.3f} against {med['naive_mase']:.3f} for repeating the last value.
"""
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "backtest-speed.md").write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS / 'backtest-speed.md'}")


if __name__ == "__main__":
    main()

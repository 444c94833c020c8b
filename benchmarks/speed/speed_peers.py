"""rnncast against its peers, Darts and NeuralForecast, on the "sine-20k" workload, in one run.

    bash benchmarks/speed/peers/setup.sh                      # once: the peers' own environments
    python benchmarks/speed/speed_peers.py                    # 5 seeds interleaved, medians, ratios
    python benchmarks/speed/speed_peers.py --record           # also write results/peers.md and peers.csv
    python benchmarks/speed/speed_peers.py --nice -15 --record --append   # as recorded: ahead of the machine's
                                                              # other jobs; adds a run to the record
    python benchmarks/speed/speed_peers.py --quick            # CI smoke: 4,000 points, 2 epochs, 1 seed;
                                                              # peers only where their environments exist

Contenders, each in its own process, every one once per seed in a rotating order:
  * speed.py's own: the plain PyTorch loop and the rnncast rows (window scheme, batch 32; the fastest
    settings; the same without the linear highway), run as `speed.py --child NAME`, so they are
    exactly the rows of results/speed.md;
  * Darts 0.41 BlockRNNModel and RNNModel, in peers/.venv-darts (peers/darts_peer.py);
  * NeuralForecast 3.3 LSTM, in peers/.venv-nf (peers/nf_peer.py).
The two libraries need incompatible pytorch-lightning versions, hence two environments; both use
the project's torch (2.13.0+cpu), pinned by peers/constraints.txt.

Workload (as speed.py): y_t = sin(0.1 t) + 0.1 e_t, 20,000 float32 points, first 16,000 train, one-step
forecasts of the last 4,000 from the 50 values before each. LSTM 64, one layer, linear head, batch
32, Adam lr 1e-3 and MSE for the plain loop and the peers; CPU, torch threads 2. Time to accuracy:
training time, evaluation excluded, until the test MSE after an epoch is <= 0.0110, each contender
scored through its own prediction API (rnncast: Forecaster.evaluate; Darts: historical_forecasts with
retrain=False; NeuralForecast: cross_validation with refit=False, use_fitted=True).

The full run takes an exclusive lock (flock on /tmp/rnncast-bench.lock) so that no other benchmark
measures at the same time, and records the machine's load before and after and how much of the CPU
went to other jobs. On a machine shared with other work, --nice -15 runs the contenders in a
scheduling group of their own ahead of it (a process's niceness alone counts only within its
session's autogroup); --quiet-load waits for a lower load first.
"""

from __future__ import annotations

import argparse
import csv
import fcntl
import hashlib
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PEERS = HERE / "peers"
RESULTS = HERE / "results"
SPEED = HERE / "speed.py"
N, TRAIN, LOOKBACK, HIDDEN = 20_000, 16_000, 50, 64
TARGET_MSE = 0.0110
LOCK = "/tmp/rnncast-bench.lock"
SETUP_HINT = "bash benchmarks/speed/peers/setup.sh"

# short name: (table label, kind, what runs it)
CONTENDERS = {
    "plain": ("plain PyTorch loop, batch 32", "speed", "plain PyTorch loop (tutorials' way), batch 32"),
    "rnncast-window": ("rnncast, window scheme, batch 32", "speed", "rnncast, window scheme, batch 32"),
    "rnncast-fastest": ("rnncast, sequence scheme (fastest)", "speed", "rnncast, sequence scheme (fastest)"),
    "rnncast-no-highway": ("rnncast, sequence scheme, highway off", "speed", "rnncast, sequence scheme, highway off"),
    "darts-block": ("Darts 0.41 BlockRNNModel", "darts", "block"),
    "darts-rnn": ("Darts 0.41 RNNModel", "darts", "rnn"),
    "nf-lstm": ("NeuralForecast 3.3 LSTM", "nf", "lstm"),
}
RNNCAST = [k for k in CONTENDERS if k.startswith("rnncast")]
PEER_KINDS = {"darts": ("darts_peer.py", ".venv-darts"), "nf": ("nf_peer.py", ".venv-nf")}
REFERENCES = ["plain", "darts-block", "darts-rnn", "nf-lstm"]  # ratio columns


def make_series(n: int = N) -> np.ndarray:
    """speed.py's series, written to a file for the peers (speed.py's children make their own)."""
    t = np.arange(n, dtype=np.float64)
    return (np.sin(0.1 * t) + 0.1 * np.random.default_rng(0).standard_normal(n)).astype(np.float32)


def peer_python(kind: str) -> Path:
    return PEERS / PEER_KINDS[kind][1] / "bin" / "python"


def run_one(key: str, seed: int, max_epochs: int, n: int, train: int, data: Path, workdir: Path,
            device: str = "cpu") -> dict:
    label, kind, what = CONTENDERS[key]
    if kind == "speed":
        argv = [sys.executable, str(SPEED), "--child", what, "--seed", str(seed), "--max-epochs", str(max_epochs),
                "--n", str(n), "--train", str(train)]
    else:
        argv = [str(peer_python(kind)), str(PEERS / PEER_KINDS[kind][0]), "--model", what, "--data", str(data),
                "--train", str(train), "--seed", str(seed), "--max-epochs", str(max_epochs),
                "--target", str(TARGET_MSE), "--lookback", str(LOOKBACK), "--hidden", str(HIDDEN), "--device", device]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "RNNCAST_BENCH_DEVICE": device}
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=workdir)
    wall = time.perf_counter() - started
    line = next((l for l in proc.stdout.splitlines() if l.startswith("RESULT ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"{key} (seed {seed}) failed:\n{proc.stderr[-4000:]}")
    return {**json.loads(line[len("RESULT "):]), "contender": key, "seed": seed, "process_s": wall,
            "load1_at_start": load}


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def source_state() -> str:
    """The commit measured, and whether src/ differed from it (other work in the tree)."""
    def git(*args):
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    diff = git("diff", "HEAD", "--", "src")
    if not diff:
        return f"{head} (src/ as committed)"
    files = len(git("diff", "HEAD", "--name-only", "--", "src").splitlines())
    return f"{head} + uncommitted changes to {files} file(s) of src/ (diff sha1 {hashlib.sha1(diff.encode()).hexdigest()[:10]})"


def prioritize(nice: int) -> int | None:
    """Run this process and its children ahead of the machine's other jobs. Where the kernel groups
    each session's processes for scheduling (autogroup), a process's own niceness counts only inside
    its session: so set the niceness of the session's group, in a session of our own when there is no
    terminal (from a terminal, the terminal's session, so that Ctrl-C still reaches the run).
    Returns the group's niceness before, for ``restore``."""
    if not sys.stdin.isatty():
        try:
            os.setsid()
        except OSError:
            pass  # already a session leader
    group, before = Path("/proc/self/autogroup"), None
    if group.exists():
        before = int(group.read_text().split()[-1])
        group.write_text(str(nice))
    os.nice(nice)
    return before


def restore(before: int | None) -> None:
    if before is not None:
        Path("/proc/self/autogroup").write_text(str(before))


# ---- the table --------------------------------------------------------------------------------

def median_tta(results: list[dict]) -> float | None:
    ttas = [r["time_to_accuracy_s"] for r in results if r["time_to_accuracy_s"] is not None]
    return statistics.median(ttas) if len(ttas) * 2 > len(results) else None  # reached in most seeds


def per_seed_ratios(runs: dict, row: str, ref: str) -> list[float]:
    """ref's time over row's, seed by seed (the same interleaved round); a ref that never got there
    counts its whole training time, a lower bound."""
    out = []
    for a, b in zip(runs[row], runs[ref]):
        if a["time_to_accuracy_s"] is None:
            continue
        out.append((b["time_to_accuracy_s"] or b["train_s"]) / a["time_to_accuracy_s"])
    return out


def table(runs: dict) -> tuple[str, dict]:
    refs = [r for r in REFERENCES if r in runs]
    head = ("| contender | time to MSE <= 0.011, s: median (min–max) | reached | epochs to it | windows/s | "
            "peak RSS MB | test MSE at the last epoch run | " + " | ".join(f"× vs {CONTENDERS[r][0]}" for r in refs) + " |")
    lines = [head, "|" + "---|" * (7 + len(refs))]
    medians = {k: median_tta(v) for k, v in runs.items()}
    ratios = {}
    for key, results in runs.items():
        ttas = [r["time_to_accuracy_s"] for r in results if r["time_to_accuracy_s"] is not None]
        tta = (f"{medians[key]:.2f} ({min(ttas):.2f}–{max(ttas):.2f})" if medians[key] is not None
               else f"not reached (> {statistics.median(r['train_s'] for r in results):.1f})")
        epochs = [r["epochs_to_accuracy"] for r in results if r["epochs_to_accuracy"]]
        cells = []
        for ref in refs:
            if ref == key:
                cells.append("—")
                continue
            seed_ratios = per_seed_ratios(runs, key, ref)
            if medians[key] and medians[ref]:
                ratio = medians[ref] / medians[key]
                ratios[(key, ref)] = (ratio, min(seed_ratios) if seed_ratios else None)
                cells.append(f"{ratio:.1f}×" + (f" (seeds ≥ {min(seed_ratios):.1f}×)" if len(seed_ratios) > 1 else ""))
            elif medians[key] and not medians[ref]:
                cells.append("> " + f"{statistics.median(r['train_s'] for r in runs[ref]) / medians[key]:.1f}×")
                ratios[(key, ref)] = (float("inf"), min(seed_ratios) if seed_ratios else None)
            else:
                cells.append("—")
        lines.append(f"| {CONTENDERS[key][0]} | {tta} | {len(ttas)}/{len(results)} | "
                     f"{statistics.median(epochs) if epochs else '—'} | "
                     f"{statistics.median(r['targets_per_s'] for r in results):,.0f} | "
                     f"{statistics.median(r['peak_rss_mb'] for r in results):.0f} | "
                     f"{statistics.median(r['final_test_mse'] for r in results):.5f} | " + " | ".join(cells) + " |")
    return "\n".join(lines), ratios


def verdict(runs: dict, ratios: dict, goal: float = 10.0) -> list[str]:
    peers = [r for r in REFERENCES if r in runs and r != "plain"]
    if not peers:
        return ["No peer ran, so there is no verdict against the peers."]
    out = []
    for row in RNNCAST:
        if row not in runs:
            continue
        got = {p: ratios.get((row, p)) for p in peers}
        if any(v is None for v in got.values()):
            out.append(f"* {CONTENDERS[row][0]}: no ratio to every peer (a median is missing).")
            continue
        worst_peer = min(got, key=lambda p: got[p][0])
        worst = got[worst_peer][0]
        seeds_min = min(v[1] for v in got.values() if v[1] is not None)
        out.append(f"* {CONTENDERS[row][0]}: {'**yes**' if worst >= goal else '**no**'}: {worst:.1f}× sooner than its "
                   f"closest peer, {CONTENDERS[worst_peer][0]} (ratio of medians); seed by seed, the smallest ratio "
                   f"to any peer is {seeds_min:.1f}× ({'at least' if seeds_min >= goal else 'below'} {goal:g}× "
                   f"{'in every seed' if seeds_min >= goal else 'in at least one seed'}).")
    return out


def settings_text() -> list[str]:
    return [
        "## Each contender's settings, and why",
        "",
        "Every contender: LSTM with 64 hidden units, one layer, a linear head on the last state, MSE loss, "
        "CPU with torch threads 2, the same 20,000 float32 values, the same 16,000-point training part "
        "(15,950 windows of 50 values and the next one) and the same 4,000 test targets, each forecast "
        "one step ahead from the 50 true values before it. Training stops at the first epoch whose test "
        "MSE is <= 0.0110 or after the epoch limit; the clock counts training only, never the scoring.",
        "",
        "* **plain PyTorch loop**, **rnncast** rows: exactly speed.py's (`speed.py --child NAME`), see "
        "`speed.md`. The plain loop and the window scheme use batch 32 and Adam lr 1e-3; the fastest row is "
        "rnncast's own fastest settings (sequence scheme, chunk 100, batch 8, lr 0.02, cosine schedule over "
        "20 epochs) with the library's default linear highway; the highway-off row is the same without it "
        "(the speed of the training code alone). rnncast rows train all 20 epochs of their schedule; their "
        "time to accuracy is read at the first epoch that reached the target.",
        "* **Darts 0.41 BlockRNNModel**: `BlockRNNModel(model='LSTM', input_chunk_length=50, "
        "output_chunk_length=1, hidden_dim=64, n_rnn_layers=1, dropout=0, batch_size=32, n_epochs=20, "
        "optimizer_cls=Adam, optimizer_kwargs={'lr': 1e-3}, loss_fn=MSELoss(), random_state=seed)`, "
        "`fit(train_series)`. Darts' block model is its direct window-in, chunk-out RNN: 50 values in, the "
        "LSTM's last state through a Linear(64, 1) to the next value, the same network as the plain loop's. "
        "Batch 32, Adam 1e-3 and MSE are Darts' own defaults; the series is not scaled (its scale is 1, "
        "as for every contender). Scored by `historical_forecasts(series, start=16000, "
        "start_format='position', forecast_horizon=1, stride=1, retrain=False, last_points_only=True)`, "
        "Darts' documented way to forecast every test point from the true history with a trained model "
        "(its optimized path for torch models when retrain=False).",
        "* **Darts 0.41 RNNModel**: `RNNModel(model='LSTM', input_chunk_length=50, training_length=51, ...same...)`. "
        "Darts trains this one sequence to sequence: sequences of `training_length` values, the target "
        "the same sequence shifted by one, a loss at every position. Its documentation requires "
        "`training_length > input_chunk_length` (\"otherwise during training the RNN is never run for as "
        "many iterations as it will during inference\"); 51 is the smallest allowed, so each training "
        "sample is one window of 50 inputs (plus one) as for the others: 15,949 samples, 499 batches of 32 "
        "an epoch. It predicts from 50 values of context. Scored as the block model.",
        "* **NeuralForecast 3.3 LSTM**: `LSTM(h=1, input_size=50, encoder_n_layers=1, "
        "encoder_hidden_size=64, encoder_dropout=0, decoder_layers=1, recurrent=False, loss=MSE(), "
        "learning_rate=1e-3, num_lr_decays=-1, max_steps=499*20, windows_batch_size=32, "
        "scaler_type='identity', start_padding_enabled=False, random_seed=seed)`, "
        "`NeuralForecast(freq=1).fit(df, val_size=0)`. The library's defaults are changed only where "
        "the task fixes them: `input_size` (default 3h) is the 50-value lookback; hidden size 64 (default "
        "128) and one encoder layer (default 2); `decoder_layers=1` makes the decoder one Linear(64, 1) "
        "on the last state (default: a 2-layer MLP of 128); MSE (default MAE) because MSE is the target; "
        "`windows_batch_size=32` (default 128) is the batch; `scaler_type='identity'` (default 'robust', "
        "a per-window scaler) because no other contender normalizes windows here (speed.py runs rnncast "
        "with window_norm='none'). `recurrent=False` and `num_lr_decays=-1` are its defaults. "
        "NeuralForecast has no epochs over windows: every step draws 32 of the series' windows at random, "
        "so one epoch here is 499 steps, as many batches of 32 as the others take, and it is scored every "
        "499 steps. Scored by `cross_validation(df, n_windows=None, test_size=4000, step_size=1, "
        "refit=False, use_fitted=True)`, its documented evaluation of an already fitted model on new data "
        "without retraining.",
        "",
        "How a peer is scored between epochs without touching its training: a Lightning callback (Darts "
        "takes it through `pl_trainer_kwargs={'callbacks': [...]}`, NeuralForecast through its trainer "
        "keywords) stops the clock at the end of each epoch, copies the weights into a twin model of the "
        "same class and settings (fitted for one epoch or step on the first 200 points, only so that the "
        "library lets it predict), scores the twin through the API above, and sets `trainer.should_stop` "
        "once the target is met. Python's, numpy's and torch's global random states are saved and "
        "restored around the scoring (NeuralForecast's predict reseeds torch), so a run scored every "
        "epoch trains exactly as one scored only at the end (checked: `--score last` gives the same final "
        "MSE). The peers' clock starts at Lightning's `on_train_start`, after each library has built its "
        "datasets and trainer; that setup is reported separately (fit overhead) and is not in the time "
        "to accuracy, as rnncast's own data preparation is not.",
    ]


# ---- main ----------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="CI smoke: 4,000 points, 2 epochs, 1 seed, no lock; the plain loop, rnncast's fastest "
                             "row and the peers whose environments exist")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--max-epochs", type=int, default=20)
    parser.add_argument("--only", default="", help=f"comma-separated subset of {','.join(CONTENDERS)}")
    parser.add_argument("--no-peers", action="store_true", help="run speed.py's contenders only")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                        help="where every contender trains (cuda: speed.py's --device, the peers' accelerator 'gpu'; "
                             "the peers' environments then need a CUDA build of torch)")
    parser.add_argument("--record", action="store_true", help=f"write peers.md and peers.csv into {RESULTS}")
    parser.add_argument("--append", action="store_true",
                        help="with --record: add this run to peers.md (a section) and peers.csv (rows) instead of replacing them")
    parser.add_argument("--lock", default=LOCK, help="flock this file for the whole run ('' for none; --quick: none)")
    parser.add_argument("--quiet-load", type=float, default=0.0,
                        help="before measuring, wait until the 1-minute load average is at most this (0: don't wait)")
    parser.add_argument("--quiet-wait", type=float, default=30.0, help="minutes to wait for --quiet-load at most")
    parser.add_argument("--nice", type=int, default=0,
                        help="run every contender at this niceness, in a scheduling group of its own (negative "
                             "needs root): on a machine shared with other jobs, -15 gives the run most of the CPU")
    args = parser.parse_args()
    if args.quick and args.record:
        parser.error("--quick measures nothing worth recording")
    seeds, max_epochs, n, train = (1, 2, 4000, 3200) if args.quick else (args.seeds, args.max_epochs, N, TRAIN)

    keys = [k for k in CONTENDERS if not args.only or k in args.only.split(",")]
    if args.quick and not args.only:  # speed.py --quick already smokes the other two rnncast rows
        keys = [k for k in keys if k not in ("rnncast-window", "rnncast-no-highway")]
    if args.no_peers:
        keys = [k for k in keys if CONTENDERS[k][1] == "speed"]
    missing = sorted({CONTENDERS[k][1] for k in keys if CONTENDERS[k][1] != "speed"
                      and not peer_python(CONTENDERS[k][1]).exists()})
    if missing:
        names = " and ".join({"darts": "Darts", "nf": "NeuralForecast"}[m] for m in missing)
        print(f"peers skipped: {names} not installed (their environments are made by `{SETUP_HINT}`)", flush=True)
        keys = [k for k in keys if CONTENDERS[k][1] not in missing]
        if not args.quick and not args.no_peers and not args.only:
            raise SystemExit("the full run compares against every peer: install them first, or pass --no-peers")

    if args.quiet_load and not args.quick:  # before the lock: a benchmark holding it keeps the load up anyway
        deadline = time.monotonic() + 60 * args.quiet_wait
        while os.getloadavg()[0] > args.quiet_load and time.monotonic() < deadline:
            print(f"waiting for the machine to calm down: 1-min load {os.getloadavg()[0]:.2f} > {args.quiet_load}",
                  flush=True)
            time.sleep(30)
    lock_file = None
    if args.lock and not args.quick:
        lock_file = open(args.lock, "w")
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for {args.lock} (another benchmark is measuring)...", flush=True)
            fcntl.flock(lock_file, fcntl.LOCK_EX)

    group_nice = prioritize(args.nice) if args.nice else None
    run_id = time.strftime("%Y-%m-%dT%H:%M:%S")
    load_before, ticks_before, cpu_before, wall_started = uptime(), cpu_ticks(), children_cpu_s(), time.perf_counter()
    print(f"load before: {load_before}", flush=True)
    runs = {k: [] for k in keys}
    order_log = []
    with tempfile.TemporaryDirectory(prefix="rnncast-peers-") as tmp:
        data = Path(tmp) / "series.npy"
        np.save(data, make_series(n))
        for seed in range(seeds):
            shift = seed % len(keys)
            order = keys[shift:] + keys[:shift]  # rotating: each contender takes every position in turn
            order_log.append(order)
            for position, key in enumerate(order):
                r = run_one(key, seed, max_epochs, n, train, data, Path(tmp), args.device)
                r["position"] = position
                runs[key].append(r)
                tta = f"{r['time_to_accuracy_s']:.2f} s" if r["time_to_accuracy_s"] is not None else "not reached"
                print(f"  seed {seed} #{position} {key}: time to accuracy {tta}, epochs {r['epochs_to_accuracy']}, "
                      f"last mse {r['final_test_mse']:.5f}, load {r['load1_at_start']:.2f}", flush=True)
    wall = time.perf_counter() - wall_started
    busy, total = (a - b for a, b in zip(cpu_ticks(), ticks_before))
    ours = children_cpu_s() - cpu_before
    cores = os.cpu_count() or 1
    machine_busy_cores = busy / total * cores if total else float("nan")
    others_cores = max(0.0, machine_busy_cores - ours / wall)
    load_after = uptime()
    restore(group_nice)
    if lock_file is not None:
        lock_file.close()

    for results in runs.values():  # seed order, whatever the position
        results.sort(key=lambda r: r["seed"])
    text, ratios = table(runs)
    versions = {"project": {}}  # per environment: the two peers' pytorch_lightning differ
    for key, results in runs.items():
        env = {"speed": "project", "darts": "Darts environment", "nf": "NeuralForecast environment"}[CONTENDERS[key][1]]
        for r in results:
            versions.setdefault(env, {}).update(r.get("versions", {}))
    import torch
    from importlib.metadata import version

    versions["project"].update({"rnncast": version("rnncast"), "torch": torch.__version__, "numpy": np.__version__})
    commit = source_state()
    command = "python benchmarks/speed/speed_peers.py " + " ".join(sys.argv[1:])
    load_text = ((f"Every process of the run ran at niceness {args.nice} (its session's scheduling group), ahead of the "
                  f"other jobs on the machine. " if args.nice else "")
                 + f"Load: `{load_before}` before, `{load_after}` after. Over the {wall / 60:.1f} min run the "
                 f"machine's {cores} cores were busy {machine_busy_cores:.2f} cores on average, "
                 f"{ours / wall:.2f} of them this benchmark's processes and {others_cores:.2f} other jobs'. "
                 f"1-minute load at each run's start: median "
                 f"{statistics.median(r['load1_at_start'] for rs in runs.values() for r in rs):.2f}, max "
                 f"{max(r['load1_at_start'] for rs in runs.values() for r in rs):.2f}.")
    title = "Quick smoke run (4,000 points, 2 epochs, 1 seed; not the workload)" if args.quick else \
        f"Time to test MSE <= {TARGET_MSE} on sine-20k, {seeds} seeds interleaved, medians"
    report = [f"# rnncast against Darts and NeuralForecast ({date.today()})", "",
              f"Command: `{command}` (after `{SETUP_HINT}`)", "",
              f"Measured: {commit}. Machine: {platform.machine()}, {cores} cores, "
              f"{platform.processor() or 'cpu'}, torch threads 2, Python {platform.python_version()}, "
              f"{platform.platform()}. Versions: " + "; ".join(
                  f"{env}: " + ", ".join(f"{k} {v}" for k, v in sorted(vs.items())) for env, vs in versions.items()) + ".",
              "", load_text, "", f"## {title}", "", text, "",
              "Ratios: the column contender's median time to accuracy over the row's (how many times sooner the "
              "row gets there); in brackets the smallest of the per-seed ratios, each within one interleaved "
              "round. windows/s: training windows (Darts RNNModel: sequences of 51) per second of training. "
              "Peak RSS: the whole process (imports, data, the peers' scoring twin).", ""]
    if not args.quick:
        report += ["## Does rnncast reach the target at least 10× sooner than every peer, in the same run?", "",
                   *verdict(runs, ratios), ""]
    peers_run = [k for k in runs if CONTENDERS[k][1] != "speed"]
    if peers_run:
        report += ["Peers, medians: " + "; ".join(
            f"{CONTENDERS[k][0]}: scoring {statistics.median(r['eval_s'] / max(1, len([t for t in r['trace'] if t[2] is not None])) for r in runs[k]):.2f} s a time, "
            f"fit overhead outside the epochs {statistics.median(r['fit_overhead_s'] for r in runs[k]):.2f} s, "
            f"import {statistics.median(r['import_s'] for r in runs[k]):.1f} s, "
            f"whole process {statistics.median(r['process_s'] for r in runs[k]):.1f} s" for k in peers_run) + ".", ""]
    report += ["Order of each round (rotating): " + "; ".join(f"seed {s}: " + ", ".join(o) for s, o in enumerate(order_log)), ""]
    if not args.quick:
        report += settings_text() + [""]
    print("\n".join(report))

    if args.record:
        RESULTS.mkdir(exist_ok=True)
        suffix = "-cuda" if args.device == "cuda" else ""
        md, table_csv = RESULTS / f"peers{suffix}.md", RESULTS / f"peers{suffix}.csv"
        append = args.append and md.exists() and table_csv.exists()
        if append:  # the header and the settings are the first run's; this run adds its own section
            start = report.index(f"## {title}")
            end = next((i for i, l in enumerate(report) if l.startswith("## Each contender's settings")), len(report))
            body = report[start:end]
            section = [f"## Another run, {run_id}: `{command}`", "", f"Measured: {commit}.", "", load_text, "",
                       *[l.replace("## ", "### ", 1) if l.startswith("## ") else l for l in body]]
            with md.open("a") as out:
                out.write("\n" + "\n".join(section).rstrip() + "\n")
        else:
            md.write_text("\n".join(report))
        fields = ["run", "date", "commit", "contender", "label", "seed", "position", "time_to_accuracy_s",
                  "epochs_to_accuracy", "epochs_run", "train_s", "targets_per_s", "peak_rss_mb", "final_test_mse",
                  "eval_s", "fit_overhead_s", "import_s", "process_s", "load1_at_start", "trace"]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        if not append:
            writer.writeheader()
        for key, results in runs.items():
            for r in results:
                writer.writerow({**r, "run": run_id, "date": str(date.today()), "commit": commit,
                                 "label": CONTENDERS[key][0], "eval_s": r.get("eval_s", ""),
                                 "fit_overhead_s": r.get("fit_overhead_s", ""), "import_s": r.get("import_s", ""),
                                 "trace": " ".join(f"{e}:{s:.3f}:{'' if m is None else f'{m:.5f}'}" for e, s, m in r["trace"])})
        with table_csv.open("a" if append else "w") as out:
            out.write(buffer.getvalue())


if __name__ == "__main__":
    main()

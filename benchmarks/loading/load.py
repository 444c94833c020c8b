"""Time and peak memory of loading data into a ``Panel`` with ``rnncast.loading.load_panel``.

    python benchmarks/loading/load.py --src /tmp/before/src --src src               # compare two trees
    python benchmarks/loading/load.py --src src --repeats 3 --out /tmp/load         # one tree, elsewhere
    python benchmarks/loading/load.py --src src --quick                             # CI smoke, < 1 minute

Workloads (generated once, seeded, into --cache, default /tmp/rnncast-load-bench):

* ``single``: one series of 10,000,000 rows, ``ds`` every minute from 2000-01-01 (strictly
  regular; ``--single-freq h`` makes it hourly, ending in the year 3140, beyond pandas' nanosecond
  range, which a loader must hold in another unit), ``y`` = a sine plus noise; ``load_panel(data, target="y")``.
* ``long``: 10,000 series x 1,000 rows in long format, ``unique_id`` ("s00001", ...), ``ds`` daily,
  each series starting on its own date (ragged starts), ``y`` float;
  ``load_panel(data, target="y", id_col="unique_id")``.

Each workload is loaded in two forms: ``csv`` (the path is given to load_panel, so CSV parsing is
timed too) and ``frame`` (the CSV is read with a plain ``pd.read_csv`` before the clock starts, so
only the loader's own work is timed; ``ds`` arrives as text, as it does from the CSV path).

Every measurement runs in a fresh ``python -c`` child with PYTHONPATH set to that tree, which
imports only ``rnncast.loading.load_panel`` (``rnncast.panel.load_panel`` in a tree from before the
loader had a module of its own). Trees are interleaved (repeat r: workload, form, tree A,
tree B, ...) so machine load hits them alike. Reported: the median of the repeats for seconds, the
max for the peak RSS during the load (absolute) and for its increase over the RSS just before the
call (on Linux the peak is reset with /proc/self/clear_refs before the call, so the transient peak
of the frame form's read_csv is not counted; elsewhere ru_maxrss after minus before), and each
tree's median over the first tree's. The child's import of rnncast is in every absolute peak.
--quick: 100,000 rows and 100 series x 1,000 rows, 1 repeat, output to a temp folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import numpy as np
import pandas as pd

import harness  # benchmarks/loading/harness.py: the script's own folder is on sys.path

CALLS = {"single": dict(target="y"), "long": dict(target="y", id_col="unique_id")}
FORMS = ["csv", "frame"]

CHILD = r"""
import json, os, resource, sys, time
import pandas as pd
try:
    from rnncast.loading import load_panel
except ModuleNotFoundError as missing:  # a tree from before the loader moved out of panel.py
    if missing.name != "rnncast.loading":
        raise
    from rnncast.panel import load_panel

tree, path, form, kwargs = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
module = sys.modules[load_panel.__module__].__file__  # the venv's editable install must not stand in
if not os.path.realpath(module).startswith(os.path.realpath(tree) + os.sep):
    sys.exit(f"rnncast came from {module}, not from {tree}")

def status_mb(field):  # VmRSS (now) or VmHWM (peak) from /proc, Linux only
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

def ru_peak_mb():  # ru_maxrss is KiB on Linux, bytes on macOS
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 ** 2 if sys.platform == "darwin" else 1024)

data = pd.read_csv(path) if form == "frame" else path
try:  # reset the peak to the current RSS, so read_csv's transient peak is not counted as the loader's
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    memory, before = "VmHWM", status_mb("VmRSS")
except OSError:  # no /proc: the increase of ru_maxrss, which misses a loader peak below read_csv's
    memory, before = "ru_maxrss", ru_peak_mb()
start = time.perf_counter()
try:
    load_panel(data, **kwargs)
    error = None
except Exception as err:
    error = f"{type(err).__name__}: {err}"
seconds = time.perf_counter() - start
peak = status_mb("VmHWM") if memory == "VmHWM" else ru_peak_mb()
print("RESULT " + json.dumps(dict(seconds=seconds, peak_rss_mb=peak, rss_increase_mb=peak - before, memory=memory, error=error)))
"""


def generate(cache: Path, quick: bool, single_freq: str) -> dict[str, Path]:
    """Write the two CSVs once (seeded); reuse them when present."""
    cache.mkdir(parents=True, exist_ok=True)
    n_single, n_series, length = (100_000, 100, 1_000) if quick else (10_000_000, 10_000, 1_000)
    paths = {"single": cache / f"single-{n_single}-{single_freq}.csv", "long": cache / f"long-{n_series}x{length}.csv"}
    rng = np.random.default_rng(0)
    if not paths["single"].exists():
        t = np.arange(n_single)
        y = np.sin(2 * np.pi * t / 24) + 0.1 * rng.standard_normal(n_single)
        frame = pd.DataFrame({"ds": pd.date_range("2000-01-01", periods=n_single, freq=single_freq), "y": y})
        write(frame, paths["single"])
    if not paths["long"].exists():
        starts = np.datetime64("2000-01-01") + rng.integers(0, 5 * 365, n_series).astype("timedelta64[D]")
        steps = np.tile(np.arange(length), n_series)
        ds = np.repeat(starts, length) + steps.astype("timedelta64[D]")
        phase = np.repeat(rng.uniform(0, 2 * np.pi, n_series), length)
        y = np.sin(2 * np.pi * steps / 7 + phase) + 0.1 * rng.standard_normal(n_series * length)
        ids = np.repeat([f"s{i:05d}" for i in range(1, n_series + 1)], length)
        write(pd.DataFrame({"unique_id": ids, "ds": ds, "y": y}), paths["long"])
    return paths


def write(frame: pd.DataFrame, path: Path) -> None:
    print(f"writing {path} ({len(frame):,} rows)", flush=True)
    partial = path.with_suffix(".partial")
    frame.to_csv(partial, index=False, float_format="%.6f")
    partial.replace(path)  # a half-written file is never taken for a finished one


def measure(tree: Path, path: Path, form: str, kwargs: dict) -> dict:
    result = harness.child(CHILD, tree, [str(path), form, json.dumps(kwargs)], timeout=3600)
    if isinstance(result, str):
        return dict(seconds=None, peak_rss_mb=None, rss_increase_mb=None, memory=None, error=result)
    if result["error"]:
        print(f"    load_panel failed: {result['error']}", flush=True)
    return result


def fmt(value, spec=".2f"):
    return "-" if value is None else format(value, spec)


def summarise(rows: list[dict], labels: list[str]) -> list[str]:
    lines = ["| workload | form | tree | commit | median s | time vs first | load peak RSS MB (max) | "
             "RSS increase MB (max) | increase vs first | failures |", "|" + "---|" * 10]
    for workload in CALLS:
        for form in FORMS:
            first = {}
            for label in labels:
                mine = [r for r in rows if (r["tree"], r["workload"], r["form"]) == (label, workload, form)]
                ok = [r for r in mine if not r["error"]]
                sec = statistics.median(r["seconds"] for r in ok) if ok else None
                peak = max(r["peak_rss_mb"] for r in ok) if ok else None
                inc = max(r["rss_increase_mb"] for r in ok) if ok else None
                first = first or dict(sec=sec, inc=inc)
                ratio = sec / first["sec"] if sec and first["sec"] else None
                inc_ratio = inc / first["inc"] if inc and first["inc"] else None
                failed = "; ".join(sorted({r["error"] for r in mine if r["error"]}))[:120] or "0"
                lines.append(f"| {workload} | {form} | {label} | {mine[0]['commit']} | {fmt(sec)} | {fmt(ratio)} | "
                             f"{fmt(peak, '.0f')} | {fmt(inc, '.0f')} | {fmt(inc_ratio)} | {failed} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.add_trees(parser, repeats=3, quick="small data, 1 repeat, output to a temp folder",
                      cache="/tmp/rnncast-load-bench")
    parser.add_argument("--single-freq", default="min", help="step of the single series (default: min, 2000-01-01 to "
                        "2019-01-05, which every loader can hold; h runs to the year 3140, beyond nanoseconds)")
    args = parser.parse_args()
    run = harness.Run(parser, args, prefix="load-quick-")
    paths = generate(args.cache, args.quick, args.single_freq)
    rows = []
    for r in range(run.repeats):
        for workload, kwargs in CALLS.items():
            for form in FORMS:
                for label, tree in zip(run.labels, run.trees):
                    print(f"repeat {r + 1}/{run.repeats} {workload} {form} {label} ...", flush=True)
                    result = measure(tree, paths[workload], form, kwargs)
                    rows.append(dict(tree=label, commit=run.commits[label], workload=workload, form=form,
                                     repeat=r + 1, **result))
    run.write("load", "load_panel time and memory", rows, summarise(rows, run.labels),
              f"{', '.join(str(p) for p in paths.values())}; {run.repeats} repeat(s), median seconds, max RSS")
    print(f"\nwrote {run.out / 'load.csv'} and {run.out / 'load.md'}")


if __name__ == "__main__":
    main()

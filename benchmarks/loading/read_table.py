"""Time of reading one CSV file with ``rnncast.data.read_table``, and how often it opens and parses the file.

    python benchmarks/loading/read_table.py --src /tmp/before/src --src src       # compare two trees
    python benchmarks/loading/read_table.py --src src --repeats 3 --out /tmp/rt    # one tree, elsewhere
    python benchmarks/loading/read_table.py --src src --quick                      # smoke, seconds

Workloads (generated once, seeded, into --cache, default /tmp/rnncast-read-table-bench), 200,000 rows each:

* ``comma``: ``ds`` hourly from 2000-01-01, ``price`` (a random walk about 100, written with 2 decimals),
  ``temp`` (1 decimal) and ``noise`` (Python's shortest text of a float64), separated by commas;
* ``semicolon``: the same values separated by ``;`` with decimal commas (``100,25``), as European Excel
  writes them.

``read_table`` is what every CSV path given to the library or the CLI goes through (``load_panel`` reads with
it). Every measurement runs in a fresh ``python -c`` child with PYTHONPATH set to that tree: one timed call,
then one more call, off the clock, counting the opens of the file (``builtins.open`` / ``io.open``) by rnncast's
modules and by pandas' (pandas 3.1 reads a large file in parallel chunks, each opening it) and the
``pandas.read_csv`` calls given the file and given bytes already in memory. Trees are interleaved (repeat r: workload, tree A, tree B) so
machine load hits them alike. Reported: the median seconds of the repeats, each tree's median over the first
tree's, the same of the CPU seconds of the process (all its threads: less moved by other jobs on a shared
machine than wall time), and those counts for one read_table call.
--quick: 20,000 rows, 1 repeat, output to a temp folder.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import numpy as np
import pandas as pd

import harness  # benchmarks/loading/harness.py: the script's own folder is on sys.path

WORKLOADS = ("comma", "semicolon")

CHILD = r"""
import builtins, io, json, os, sys, time
import pandas as pd
from rnncast.data import read_table

tree, path = sys.argv[1], sys.argv[2]
module = sys.modules[read_table.__module__].__file__  # the venv's editable install must not stand in
if not os.path.realpath(module).startswith(os.path.realpath(tree) + os.sep):
    sys.exit(f"rnncast came from {module}, not from {tree}")

start, cpu = time.perf_counter(), time.process_time()
frame = read_table(path)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu

counts = dict(rnncast_opens=0, pandas_opens=0, read_csv_file=0, read_csv_memory=0)
real_path, real_open, real_read_csv = os.path.realpath(path), builtins.open, pd.read_csv
def opened(*args, **kwargs):
    if args and isinstance(args[0], (str, os.PathLike)) and os.path.realpath(os.fspath(args[0])) == real_path:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        counts["rnncast_opens" if caller.startswith("rnncast") else "pandas_opens"] += 1
    return real_open(*args, **kwargs)
def read_csv(source, *args, **kwargs):
    counts["read_csv_memory" if isinstance(source, io.IOBase) else "read_csv_file"] += 1
    return real_read_csv(source, *args, **kwargs)
builtins.open = io.open = opened
pd.read_csv = read_csv
read_table(path)
builtins.open = io.open = real_open
pd.read_csv = real_read_csv
print("RESULT " + json.dumps(dict(seconds=seconds, cpu_seconds=cpu_seconds, shape=list(frame.shape), **counts)))
"""


def generate(cache: Path, rows: int) -> dict[str, Path]:
    """Write the two CSVs once (seeded); reuse them when present."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = {w: cache / f"{w}-{rows}.csv" for w in WORKLOADS}
    rng = np.random.default_rng(0)
    price = 100 + np.cumsum(rng.normal(0, 0.5, rows))
    temp = 12 + 8 * np.sin(2 * np.pi * np.arange(rows) / 24) + rng.normal(0, 1, rows)
    noise = rng.standard_normal(rows)
    ds = pd.date_range("2000-01-01", periods=rows, freq="h").strftime("%Y-%m-%d %H:%M:%S")
    for workload, (sep, decimal) in zip(WORKLOADS, ((",", "."), (";", ","))):
        if paths[workload].exists():
            continue
        columns = [[f"{v:.2f}" for v in price], [f"{v:.1f}" for v in temp], [repr(float(v)) for v in noise]]
        lines = [sep.join(["ds", "price", "temp", "noise"])]
        lines += [sep.join([d, *(c[i].replace(".", decimal) for c in columns)]) for i, d in enumerate(ds)]
        print(f"writing {paths[workload]} ({rows:,} rows)", flush=True)
        partial = paths[workload].with_suffix(".partial")
        partial.write_text("\n".join(lines) + "\n")
        partial.replace(paths[workload])  # a half-written file is never taken for a finished one
    return paths


def measure(tree: Path, path: Path) -> dict:
    result = harness.child(CHILD, tree, [str(path)], timeout=600)
    if isinstance(result, str):
        return dict(seconds=None, cpu_seconds=None, shape=None, error=result)
    return dict(result, error=None)


def summarise(rows: list[dict], labels: list[str]) -> list[str]:
    counted = ("rnncast_opens", "read_csv_file", "read_csv_memory", "pandas_opens")
    lines = ["| workload | tree | commit | median s | time vs first | median CPU s | CPU vs first | opened by rnncast | pandas.read_csv of the file | "
             "pandas.read_csv of bytes in memory | opened by pandas | failures |", "|" + "---|" * 12]
    for workload in WORKLOADS:
        first = first_cpu = None
        for label in labels:
            mine = [r for r in rows if (r["tree"], r["workload"]) == (label, workload)]
            ok = [r for r in mine if not r["error"]]
            sec = statistics.median(r["seconds"] for r in ok) if ok else None
            cpu = statistics.median(r["cpu_seconds"] for r in ok) if ok else None
            first, first_cpu = first or sec, first_cpu or cpu
            ratio = f"{sec / first:.2f}" if sec and first else "-"
            cpu_ratio = f"{cpu / first_cpu:.2f}" if cpu and first_cpu else "-"
            seen = [("/".join(sorted({str(r[key]) for r in ok})) or "-") for key in counted]
            failed = "; ".join(sorted({r["error"] for r in mine if r["error"]}))[:120] or "0"
            lines.append(f"| {workload} | {label} | {mine[0]['commit']} | {'-' if sec is None else f'{sec:.3f}'} | "
                         f"{ratio} | {'-' if cpu is None else f'{cpu:.3f}'} | {cpu_ratio} | {' | '.join(seen)} | {failed} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.add_trees(parser, repeats=5, quick="20,000 rows, 1 repeat, output to a temp folder",
                      cache="/tmp/rnncast-read-table-bench")
    args = parser.parse_args()
    run = harness.Run(parser, args, prefix="read-table-quick-")
    paths = generate(args.cache, 20_000 if args.quick else 200_000)
    rows = []
    for r in range(run.repeats):
        for workload in WORKLOADS:
            for label, tree in zip(run.labels, run.trees):
                print(f"repeat {r + 1}/{run.repeats} {workload} {label} ...", flush=True)
                rows.append(dict(tree=label, commit=run.commits[label], workload=workload, repeat=r + 1,
                                 **measure(tree, paths[workload])))
    run.write("read_table", "read_table time and file readings", rows, summarise(rows, run.labels),
              f"{', '.join(str(p) for p in paths.values())}; {run.repeats} repeat(s), median seconds")
    print(f"\nwrote {run.out / 'read_table.csv'} and {run.out / 'read_table.md'}")


if __name__ == "__main__":
    main()

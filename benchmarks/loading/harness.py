"""What the loading benchmarks (``load.py``, ``read_table.py``) share: the trees to compare from the command
line, each tree's commit, one measurement in a fresh child, and the records written beside the table."""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd


def add_trees(parser: argparse.ArgumentParser, repeats: int, quick: str, cache: str) -> None:
    """The options every loading benchmark takes: the trees (``--src``, ``--label``), ``--repeats``, ``--quick``
    (``quick`` says what it runs), ``--out`` and the data ``--cache``."""
    parser.add_argument("--src", action="append", required=True, help="an rnncast source tree (repeatable)")
    parser.add_argument("--label", action="append", help="a label per --src (default: last two path parts)")
    parser.add_argument("--repeats", type=int, default=repeats)
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--out", type=Path, help="default benchmarks/loading/results (a temp folder with --quick)")
    parser.add_argument("--cache", type=Path, default=Path(cache))


class Run:
    """One benchmark run: its trees and labels, repeats, output folder, the commit of each tree, and the
    clock and load average from its start."""

    def __init__(self, parser: argparse.ArgumentParser, args, prefix: str):
        self.trees = [Path(s).resolve() for s in args.src]
        self.labels = args.label or ["/".join(t.parts[-2:]) for t in self.trees]
        if len(self.labels) != len(self.trees):
            parser.error("give one --label per --src")
        self.repeats = 1 if args.quick else args.repeats
        self.out = args.out or (Path(tempfile.mkdtemp(prefix=prefix)) if args.quick
                                else Path(__file__).resolve().parent / "results")
        self.commits = {label: describe(tree) for label, tree in zip(self.labels, self.trees)}
        self.started, self.load_start = time.time(), os.getloadavg()

    def write(self, stem: str, title: str, rows: list[dict], table: list[str], data: str) -> None:
        """``rows`` to ``STEM.csv`` and the ``table`` with the run's facts (``data``: what was read, how often) to
        ``STEM.md`` in the output folder, the facts printed too."""
        wall, load_end = time.time() - self.started, os.getloadavg()
        print("\n" + "\n".join(table))
        self.out.mkdir(parents=True, exist_ok=True)
        with open(self.out / f"{stem}.csv", "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
        start = self.load_start
        facts = [
            f"- command: `{shlex.join([Path(sys.executable).name, *sys.argv])}`",
            f"- date: {datetime.now().isoformat(timespec='seconds')}; whole run {wall:.0f} s (data generation included)",
            f"- machine: {platform.platform()}, {platform.processor() or platform.machine()}, nproc {nproc}",
            f"- python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}",
            f"- load average (1/5/15 min) at start {start[0]:.2f}/{start[1]:.2f}/{start[2]:.2f}, "
            f"at end {load_end[0]:.2f}/{load_end[1]:.2f}/{load_end[2]:.2f}",
            *[f"- tree {label}: {tree} at {self.commits[label]}" for label, tree in zip(self.labels, self.trees)],
            f"- data: {data}",
        ]
        (self.out / f"{stem}.md").write_text(f"# {title}\n\n" + "\n".join(table) + "\n\n" + "\n".join(facts) + "\n")
        print("\n" + "\n".join(facts))


def describe(tree: Path) -> str:
    """Short commit of the tree, with +dirty when git status shows changes under it."""
    def git(*args):
        return subprocess.run(["git", "-C", str(tree), *args], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "no-git"
    return commit + ("+dirty" if git("status", "--porcelain", "--", ".") else "")


def child(code: str, tree: Path, args: list[str], timeout: int) -> dict | str:
    """Run ``code`` in a fresh ``python -c`` child with PYTHONPATH the ``tree``: the JSON of its last ``RESULT``
    line, or the reason there is none (a timeout, or the exit status and the last line it wrote to stderr)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    try:
        done = subprocess.run([sys.executable, "-c", code, str(tree), *args], env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout} s"
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        return f"exit {done.returncode}: " + (done.stderr.strip().splitlines() or ["no output"])[-1]
    return json.loads(lines[-1][len("RESULT "):])

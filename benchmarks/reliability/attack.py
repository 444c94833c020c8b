"""Attack rnncast as issue 18 did, and count what comes back (issue 18, point 6).

    python benchmarks/reliability/attack.py                      # the full run, into reliability/results/
    python benchmarks/reliability/attack.py --quick              # one case per kind, output to a temp folder
    python benchmarks/reliability/attack.py --kill-trials 30 --races 10 --tune-races 6 --jobs 2 --seed 0
    python benchmarks/reliability/attack.py --kinds tamper --match checkpoint --out /tmp/a --keep   # a few cases

Every case runs the installed ``rnncast`` (the command beside this Python, or the API in a fresh
``python -c`` child) on small data generated in a temporary folder: a sine with a feature, a long
format panel, settings such as ``--epochs 2 --lookback 8 --hidden-size 8``, so that a case takes a
few seconds, most of them the import of torch. Kinds:

* ``data values``: bad values in a data file (text, empty cells, inf, bad timestamps, ragged rows):
  refused in one line that names the line of the file.
* ``CLI input``: bad flags and paths (an --out that is a file or cannot be written, a data folder
  that cannot be read, sizes no memory holds, --opset 1, a bad --storage URL ...).
* ``API input``: the same through ``Forecaster``/``tune`` (NumPy scalars as settings, duplicate or
  integer column labels, NaN windows in ``predict_array`` ...): ``RnncastError``, or a correct result.
* ``overwrite``: outputs that would land on a run's or a model's files, or replace an earlier run or
  a tuning folder: refused with every file of the run byte for byte as before.
* ``tamper``: model folders edited by hand (sizes of 10**9, NaN weights with a recomputed checksum,
  pickle and torch.save payloads, truncated or sparse-padded weights, ...): refused by ``predict``
  in one line, no payload run, and the peak RSS of the refusing process no more than a forecast's.
  Also the training checkpoint of an interrupted run, refused by ``fit --resume``.
* ``divergence``: losses that become infinite before or after finished epochs: a one-line refusal
  when nothing finished, else a model of finite forecasts that a resume does not train further.
* ``kill points``: a finished run cut back to each moment a kill can leave it in (before the first
  epoch, during training, after each final file, with a half-written temporary file and a dead
  writer's lock): ``fit --resume`` finishes it with weights bit-identical to the uninterrupted run.
* ``resume paths``: an interrupted run resumed from other folders, with its data moved, with DATA
  and --device: finished, bit-identical; refused in one line where it cannot be.
* ``kill -9``: ``rnncast fit`` killed with SIGKILL at a random moment of one of five spans of its
  life in turn (before config.json, training before and after the first checkpoint, the final writes,
  after report.html; see PHASES), with and without --features, some recoveries killed too, then
  ``fit --resume`` (or the same fit again when the kill came before config.json): no file at its
  final name truncated, the run finished with weights bit-identical to an uninterrupted run of the
  same settings, and no temporary or lock file left.
* ``fit race``: two ``fit`` on one --out (every other race both with --overwrite over an earlier
  run), the second (--seed 1) started 0-2.5 s after the first: one writes and the other is refused in
  one line (with --overwrite both may write, one after the other), and the folder is one complete
  run, all of it one fit's, with that fit's uninterrupted weights.
* ``tune race``: two ``tune`` processes on one new SQLite study: neither crashes, no trial lost.
* ``concurrency``: two resumes of one run, a resume while its fit runs, two fits of one default
  folder, two backtests or two tunes on one --out, two predicts writing one CSV.

Each case is classified automatically:

* clean: exit 2 with exactly one ``rnncast: error:`` line (or argparse's one ``rnncast CMD: error:``
  line) and no traceback; the API raising ``RnncastError``; or success where success is right and
  its result checked (finite forecasts, bit-identical weights, the files of a run unchanged).
* traceback: a Python traceback, another exception type, a crash, or a failure that is not one line.
* silent wrong: no error but a wrong result: a destroyed or overwritten run, NaN forecasts, a lost
  trial, a truncated file, a leftover temporary or lock file, a payload that ran, a hang (no answer
  before the case's time limit), a refusal that cost more memory than a forecast.
* wrong refusal: a one-line refusal of what should work (a resume refused, a NumPy scalar refused),
  or one that does not name what it must (the line of a bad value).

Writes ``attack.csv`` (kind, case, outcome, detail, seconds) and ``attack.md`` (date, commit, machine,
command, the table per kind, the kill/resume and race figures, every case that was not clean) to
--out (default benchmarks/reliability/results/; with --quick a temporary folder unless --out is
given). Exit status 0 whatever the outcomes (the record is the result), 1 if the script itself failed.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import csv
import datetime
import hashlib
import io
import json
import os
import pickle
import platform
import random
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
RNNCAST = str(Path(sys.executable).parent / "rnncast")
DEFAULT_OUT = REPO / "benchmarks" / "reliability" / "results"

CLEAN, TRACEBACK, SILENT, WRONG = "clean", "traceback", "silent wrong", "wrong refusal"
OUTCOMES = (CLEAN, TRACEBACK, SILENT, WRONG)
HARNESS = "harness error"  # the attack script itself failed on a case: counted apart, never as rnncast's
SKIPPED = "skipped"  # a case this machine cannot run (no setpriv under root): listed, not counted

KINDS = ["data values", "CLI input", "API input", "overwrite", "tamper", "divergence", "kill points",
         "resume paths", "kill -9", "fit race", "tune race", "concurrency"]
SERIAL_KINDS = {"kill -9", "fit race", "tune race", "concurrency"}  # timing matters: run alone, one at a time

SMALL = ["--epochs", "2", "--lookback", "8", "--hidden-size", "8", "--device", "cpu"]
KILL = ["--epochs", "6", "--lookback", "16", "--hidden-size", "16", "--batch-size", "16", "--patience", "100",
        "--device", "cpu"]  # about 90 steps an epoch: training lasts a few seconds, as long as the final writes
TUNE = ["--trials", "2", "--epochs", "2", "--lookback", "8", "--hidden-size", "8", "--num-layers", "1",
        "--device", "cpu"]

RUN_FILES = ["config.json", "metrics.json", "history.csv", "model/weights.safetensors", "model/model.json",
             "loss.png", "forecast.png", "report.html"]  # write_run's order: report.html last
LOCK = ".rnncast.lock"
PNG_END = b"IEND\xaeB`\x82"
RSS_MARGIN_MB = 100  # a refusal may cost at most a forecast's peak RSS plus this (or 1.25 x, the larger)


# ---- processes ----------------------------------------------------------------------------------

@dataclass
class Proc:
    argv: list
    rc: int | None
    out: str
    err: str
    start: float
    end: float
    rss_mb: float
    timed_out: bool = False
    limit: float | None = None

    @property
    def seconds(self) -> float:
        return self.end - self.start


class Launched:
    """A child in its own session; ``wait`` reaps it with ``os.wait4`` for its own peak RSS."""

    def __init__(self, argv, cwd, env, nobody: bool = False, pass_fds=()):
        self.argv = [str(a) for a in argv]
        full = (NOBODY + self.argv) if nobody else self.argv
        self.fo, self.fe = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self.start = time.perf_counter()
        self.p = subprocess.Popen(full, cwd=str(cwd), env=env, stdin=subprocess.DEVNULL, stdout=self.fo,
                                  stderr=self.fe, start_new_session=True, pass_fds=pass_fds)
        self.result: Proc | None = None

    def poll(self) -> bool:
        if self.result is not None:
            return True
        pid, status, usage = os.wait4(self.p.pid, os.WNOHANG)
        if pid == 0:
            return False
        self._finish(status, usage, False)
        return True

    def kill(self) -> Proc:
        """SIGKILL now (if still running), then reap."""
        if self.result is None:
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return self.wait(None)

    def wait(self, timeout: float | None) -> Proc:
        deadline = None if timeout is None else self.start + timeout
        while not self.poll():
            if deadline is not None and time.perf_counter() > deadline:
                try:
                    os.killpg(self.p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                _, status, usage = os.wait4(self.p.pid, 0)
                self._finish(status, usage, True)
                break
            time.sleep(0.005)
        self.result.limit = timeout
        return self.result

    def _finish(self, status, usage, timed_out: bool) -> None:
        end = time.perf_counter()
        rc = os.waitstatus_to_exitcode(status)
        self.p.returncode = rc  # reaped here: Popen must not wait for it again
        texts = []
        for f in (self.fo, self.fe):
            f.seek(0)
            texts.append(f.read().decode("utf-8", "replace"))
            f.close()
        self.result = Proc(self.argv, rc, texts[0], texts[1], self.start, end, usage.ru_maxrss / 1024, timed_out)


NOBODY: list = []  # set in main: how to run a child without root's rights (permission cases)


def _nobody_prefix() -> list | None:
    """None when a child cannot be run without the rights that make a chmod 000 folder readable."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


# ---- what came back -----------------------------------------------------------------------------

ERROR_LINE = re.compile(r"rnncast: error: [^\n]*")
ARGPARSE_LINE = re.compile(r"^rnncast [a-z-]+: error: [^\n]*", re.M)


def _tail(text: str, n: int = 240) -> str:
    lines = [ln.strip() for ln in re.split(r"[\r\n]+", text) if ln.strip()]
    return (lines[-1] if lines else "")[:n]


def verdict(p: Proc) -> tuple[str, str]:
    """("timeout" | "traceback" | "crash" | "ok" | "refused" | "other", the line that says so)."""
    text = p.err + "\n" + p.out
    if p.timed_out:
        return "timeout", f"no answer in {p.limit:.0f} s (killed; peak RSS {p.rss_mb:.0f} MB)"
    if "Traceback (most recent call last)" in text or "Exception ignored" in text:
        return "traceback", f"traceback: {_tail(p.err or p.out)}"
    if p.rc is not None and p.rc < 0:
        return "crash", f"killed by signal {-p.rc}: {_tail(p.err)}"
    if p.rc == 0:
        return "ok", ""
    errors, argp = ERROR_LINE.findall(text), ARGPARSE_LINE.findall(text)
    if p.rc == 2 and len(errors) == 1 and not argp:
        return "refused", errors[0].strip()
    if p.rc == 2 and len(argp) == 1 and not errors:
        return "refused", argp[0].strip()
    return "other", f"exit {p.rc}, {len(errors) + len(argp)} error line(s): {_tail(p.err)}"


def judge(p: Proc, expect: str = "refuse", match: str | None = None, check=None) -> tuple[str, str]:
    """Classify a CLI case. ``expect``: "refuse", "ok" or "either"; ``match``: a regex the refusal must
    hold; ``check(p)``: after a success, a problem (text) or None."""
    kind, line = verdict(p)
    if kind == "timeout":
        return SILENT, f"hang: {line}"
    if kind in ("traceback", "crash", "other"):
        return TRACEBACK, line
    if kind == "refused":
        if expect == "ok":
            return WRONG, f"refused what should work: {line}"
        if match and not re.search(match, line):
            return WRONG, f"refused without naming {match!r}: {line}"
        return CLEAN, line
    if expect == "refuse":
        return SILENT, f"accepted (exit 0): {_tail(p.out) or _tail(p.err)}"
    problem = check(p) if check else None
    return (SILENT, problem) if problem else (CLEAN, "succeeded, result checked")


def leftovers(folder) -> list[str]:
    """Temporary (``.NAME.XXXXXXXX.tmp``) and lock files anywhere under ``folder``."""
    found = []
    for dirpath, _, names in os.walk(folder):
        for name in names:
            if name == LOCK or (name.startswith(".") and name.endswith(".tmp")):
                found.append(os.path.relpath(os.path.join(dirpath, name), folder))
    return sorted(found)


def tree_hash(folder) -> dict:
    folder = Path(folder)
    if folder.is_file():
        return {".": hashlib.sha256(folder.read_bytes()).hexdigest()}
    hashes = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hashes[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def changed(before: dict, after: dict) -> str | None:
    gone = sorted(set(before) - set(after))
    new = sorted(set(after) - set(before))
    edited = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = [f"{what}: {', '.join(names[:4])}" for what, names in
             (("removed", gone), ("added", new), ("rewritten", edited)) if names]
    return "; ".join(parts) or None


def weights_diff(run: Path, ref: Path) -> str | None:
    from safetensors.numpy import load_file

    a, b = load_file(str(run / "model" / "weights.safetensors")), load_file(str(ref / "model" / "weights.safetensors"))
    if set(a) != set(b):
        return f"tensor names differ from the uninterrupted run: {sorted(set(a) ^ set(b))[:4]}"
    for name in sorted(a):
        x, y = a[name], b[name]
        if x.dtype != y.dtype or x.shape != y.shape:
            return f"tensor {name} is {x.dtype}{x.shape}, the uninterrupted run's {y.dtype}{y.shape}"
        if x.tobytes() != y.tobytes():
            diff = np.abs(x.astype(np.float64) - y.astype(np.float64))
            return (f"weights differ from the uninterrupted run: {name} in {int((diff > 0).sum())} of {x.size} values "
                    f"(max |diff| {np.nanmax(diff):.3g})")
    return None


def truncated(folder) -> list[str]:
    """Files at their final names (temporary and lock files aside) that are not complete."""
    from safetensors.numpy import load_file

    bad = []
    for path in sorted(Path(folder).rglob("*")):
        rel = str(path.relative_to(folder))
        if not path.is_file() or path.name == LOCK or path.name.endswith(".tmp"):
            continue
        try:
            if path.suffix == ".json":
                json.loads(path.read_text())
            elif path.suffix == ".safetensors":
                load_file(str(path))
            elif path.name == "history.csv":
                frame = pd.read_csv(path)
                if list(frame.columns)[:2] != ["epoch", "train_loss"]:
                    raise ValueError("no header")
            elif path.suffix == ".png":
                if not path.read_bytes().endswith(PNG_END):
                    raise ValueError("no IEND")
            elif path.suffix == ".html":
                if not path.read_text().rstrip().endswith("</html>"):
                    raise ValueError("no </html>")
        except Exception as err:  # noqa: BLE001  any failure to read it back is a truncated file
            bad.append(f"{rel} ({type(err).__name__})")
    return bad


def run_problem(run: Path, ref: Path | None = None) -> str | None:
    """What keeps ``run`` from being one complete run (with ``ref``'s weights), or None."""
    run = Path(run)
    missing = [f for f in RUN_FILES if not (run / f).is_file()]
    if missing:
        return f"the run lacks {', '.join(missing)}"
    bad = truncated(run)
    if bad:
        return f"truncated: {', '.join(bad)}"
    meta = json.loads((run / "model" / "model.json").read_text())
    digest = hashlib.sha256((run / "model" / "weights.safetensors").read_bytes()).hexdigest()
    if meta.get("weights_sha256") not in (None, digest):
        return "model/weights.safetensors does not match the checksum in model.json"
    left = leftovers(run)
    if left:
        return f"left over: {', '.join(left)}"
    return weights_diff(run, ref) if ref is not None else None


def forecast_problem(text: str) -> str | None:
    try:
        frame = pd.read_csv(io.StringIO(text))
    except Exception as err:  # noqa: BLE001
        return f"the forecast is not a CSV ({type(err).__name__})"
    values = frame.select_dtypes("number").to_numpy(float)
    if frame.empty or values.size == 0:
        return "no forecast rows"
    if not np.isfinite(values).all():
        return "the forecast holds NaN or infinite values"
    return None


# ---- the scratch folder and what cases share --------------------------------------------------------

class Ctx:
    def __init__(self, root: Path, seed: int):
        self.root = root
        self.rng = random.Random(seed)
        self._lock = threading.Lock()
        self._fixtures: dict = {}
        self._fixture_locks: dict = {}
        self._names: set = set()
        self.rss: dict = {}  # tamper case: (outcome, peak RSS MB)
        self.figures: dict = collections.defaultdict(list)  # kill/race/tune details for the record
        (root / "mpl").mkdir(mode=0o777)
        os.chmod(root / "mpl", 0o777)
        os.chmod(root, 0o755)  # the permission cases run a child as nobody: it must reach the data
        self.env = {**os.environ, "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(root / "mpl"), "OMP_NUM_THREADS": "1",
                    "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(root / "mpl")}
        self._make_data()

    # data -------------------------------------------------------------------------------------
    def _make_data(self) -> None:
        data = self.root / "data"
        data.mkdir()
        rng = np.random.default_rng(0)
        for name, n in (("sine.csv", 600), ("long.csv", 2000)):
            t = np.arange(n)
            pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="h"),
                          "y": np.round(np.sin(0.2 * t) + 0.05 * rng.standard_normal(n), 6),
                          "x": np.round(np.cos(0.2 * t), 6)}).to_csv(data / name, index=False)
        frames = []
        for k, sid in enumerate(("a", "b", "c")):
            t = np.arange(200)
            frames.append(pd.DataFrame({"unique_id": sid, "ds": pd.date_range("2021-01-01", periods=200, freq="D"),
                                        "y": np.round((k + 1) * np.sin(0.3 * t + k) + 0.05 * rng.standard_normal(200), 6)}))
        pd.concat(frames).to_csv(data / "panel.csv", index=False)
        self.sine, self.long, self.panel = str(data / "sine.csv"), str(data / "long.csv"), str(data / "panel.csv")
        for path in data.iterdir():
            os.chmod(path, 0o644)
        os.chmod(data, 0o755)

    def case_dir(self, kind: str, name: str) -> Path:
        slug = re.sub(r"[^a-z0-9]+", "-", f"{kind} {name}".lower()).strip("-")[:60]
        with self._lock:
            base, k = slug, 2
            while slug in self._names:
                slug, k = f"{base}-{k}", k + 1
            self._names.add(slug)
        d = self.root / "cases" / slug
        d.mkdir(parents=True)
        return d

    def cli(self, args, cwd, timeout: float = 120, nobody: bool = False) -> Proc:
        return Launched([RNNCAST, *args], cwd, self.env, nobody).wait(timeout)

    def launch(self, args, cwd) -> Launched:
        return Launched([RNNCAST, *args], cwd, self.env)

    def api(self, body: str, cwd, timeout: float = 120) -> tuple[Proc, dict | None]:
        code = API_PRELUDE + "\n" + body + "\n" + API_RUN
        p = Launched([sys.executable, "-c", code, self.sine], cwd, self.env).wait(timeout)
        found = re.findall(r"^RESULT (.*)$", p.out, re.M)
        return p, (json.loads(found[-1]) if found else None)

    # fixtures (made once, when first needed) ----------------------------------------------------
    def fixture(self, name: str, make):
        with self._lock:
            lock = self._fixture_locks.setdefault(name, threading.Lock())
        with lock:
            if name not in self._fixtures:
                try:
                    self._fixtures[name] = make()
                except Exception as err:  # noqa: BLE001
                    self._fixtures[name] = FixtureFailed(f"fixture {name}: {err}")
            value = self._fixtures[name]
        if isinstance(value, FixtureFailed):
            raise value
        return value

    def _fit(self, args, out: Path, cwd: Path) -> Proc:
        p = self.cli(["fit", *args, "--out", str(out)], cwd, timeout=300)
        if p.rc != 0:
            raise RuntimeError(f"rnncast fit {' '.join(args)} failed: {verdict(p)[1]}")
        return p

    def base(self) -> Path:
        """A finished small run with a feature (what tamper and overwrite cases copy), and its forecast."""
        def make():
            out = self.root / "fixtures" / "base"
            self._fit([self.sine, "--target", "y", "--features", "x", *SMALL], out, self.root)
            p = self.cli(["predict", str(out), self.sine], self.root)
            if p.rc != 0:
                raise RuntimeError(f"predict on the base run failed: {verdict(p)[1]}")
            self.base_forecast, self.base_rss = p.out, p.rss_mb
            return out
        return self.fixture("base", make)

    def panel_run(self) -> Path:
        def make():
            out = self.root / "fixtures" / "panel"
            self._fit([self.panel, *SMALL], out, self.root)
            return out
        return self.fixture("panel", make)

    def ref(self, features: bool) -> dict:
        """The uninterrupted run of the kill settings (data/long.csv from the scratch root), with the
        moments (seconds after its start) its first config.json, checkpoint and metrics.json appeared
        and the process ended."""
        def make():
            name = "ref-feat" if features else "ref-plain"
            out = self.root / "fixtures" / name
            args = ["fit", "data/long.csv", "--target", "y", *(["--features", "x"] if features else []), *KILL,
                    "--out", str(out.relative_to(self.root))]
            run = self.launch(args, self.root)
            seen: dict = {}
            while not run.poll():
                for key, _, _ in PHASES[1:]:
                    if key not in seen and (out / EVENT_FILES[key]).exists():
                        seen[key] = time.perf_counter() - run.start
                time.sleep(0.002)
            p = run.result
            if p.rc != 0:
                raise RuntimeError(f"the uninterrupted run failed: {verdict(p)[1]}")
            if len(seen) < len(EVENT_FILES):
                raise RuntimeError(f"the uninterrupted run was too quick to see each of its files appear ({seen})")
            return {"run": out, "args": args[:-2], **seen, "start": 0.0, "end": p.seconds}
        return self.fixture(f"ref-{features}", make)

    def base_seed1(self) -> Path:
        """The base run with --seed 1: the second fit of a race, told apart from the first by its weights."""
        def make():
            out = self.root / "fixtures" / "base-seed1"
            self._fit([self.sine, "--target", "y", "--features", "x", *SMALL, "--seed", "1"], out, self.root)
            return out
        return self.fixture("base-seed1", make)

    def interrupted(self) -> Path:
        """proj/ holding data/long.csv and runs/r, a fit with --features killed (SIGKILL) right after
        its first checkpoint; made in another folder, then moved, so that the absolute data path that
        config.json names no longer exists (a project moved elsewhere)."""
        def make():
            src = self.root / "fixtures" / "interrupted-src" / "proj"
            for attempt in range(3):
                shutil.rmtree(src, ignore_errors=True)
                (src / "data").mkdir(parents=True)
                shutil.copy(self.long, src / "data" / "long.csv")
                run = self.launch(["fit", "data/long.csv", "--target", "y", "--features", "x", *KILL,
                                   "--out", "runs/r"], src)
                ckpt = src / "runs" / "r" / "checkpoint.safetensors"
                while not run.poll():
                    if ckpt.exists():
                        run.kill()
                        break
                    time.sleep(0.002)
                if run.result.rc != 0 and ckpt.exists() and not (src / "runs/r/report.html").exists():
                    break
            else:
                raise RuntimeError("could not catch a fit between its first checkpoint and its end")
            dest = self.root / "fixtures" / "interrupted"
            (src.parent).rename(dest)
            return dest / "proj"
        return self.fixture("interrupted", make)

    def copy_interrupted(self, d: Path) -> Path:
        proj = d / "proj"
        shutil.copytree(self.interrupted(), proj)
        return proj


class FixtureFailed(Exception):
    pass


# ---- the cases ----------------------------------------------------------------------------------

@dataclass
class Case:
    kind: str
    name: str
    fn: object
    quick: bool = False


CASES: list[Case] = []


def case(kind: str, name: str, quick: bool = False):
    def register(fn):
        CASES.append(Case(kind, name, fn, quick))
        return fn
    return register


def cli_case(kind, name, args, expect="refuse", match=None, check=None, cwd=None, nobody=False, timeout=120,
             quick=False, keep=None):
    """A case of one rnncast command. ``args(ctx, d)``: its arguments (d: the case's own folder);
    ``check(ctx, d, p)``: after a success, a problem or None; ``keep(ctx, d)``: paths that must be
    byte for byte the same after the command; ``cwd(ctx, d)``: where it runs (default d)."""
    def fn(ctx: Ctx):
        d = ctx.case_dir(kind, name)
        if nobody and NOBODY is None:
            return SKIPPED, "no setpriv to run the command without root's rights"
        argv = args(ctx, d)
        kept = {str(path): tree_hash(path) for path in (keep(ctx, d) if keep else [])}
        p = ctx.cli(argv, cwd(ctx, d) if cwd else d, timeout=timeout, nobody=nobody)
        outcome, detail = judge(p, expect, match, (lambda p: check(ctx, d, p)) if check else None)
        if outcome in (CLEAN, WRONG):
            for path, before in kept.items():
                problem = changed(before, tree_hash(path) if Path(path).exists() else {})
                if problem:
                    return SILENT, f"{Path(path).name} changed ({problem}); {detail}"
            left = leftovers(d)
            if left:
                return SILENT, f"left over: {', '.join(left)}; {detail}"
        return outcome, detail
    CASES.append(Case(kind, name, fn, quick))


def touch(path: Path, text: str = "x\n") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def copy_run(ctx: Ctx, d: Path, name: str = "run") -> Path:
    dest = d / name
    shutil.copytree(ctx.base(), dest)
    return dest


def with_line(ctx: Ctx, d: Path, line: int, column: int, value: str, source: str | None = None,
              extra: str | None = None) -> str:
    """A copy of a data file whose 1-based file line ``line`` has ``value`` in ``column`` (extra: the
    whole line replaced)."""
    lines = Path(source or ctx.sine).read_text().splitlines()
    if extra is not None:
        lines[line - 1] = extra
    else:
        fields = lines[line - 1].split(",")
        fields[column] = value
        lines[line - 1] = ",".join(fields)
    path = d / "data.csv"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def line_time(ctx: Ctx, line: int) -> str:
    return Path(ctx.sine).read_text().splitlines()[line - 1].split(",")[0]


def fit_ok(ctx, d, p):
    runs = [Path(a) for a in p.argv[p.argv.index("--out") + 1:][:1]] if "--out" in p.argv else []
    for run in runs:
        run = run if run.is_absolute() else d / run
        problem = run_problem(run)
        if problem:
            return problem
    return None


def forecast_ok(ctx, d, p):
    return forecast_problem(p.out)


# -- data values: refused in one line naming the line of the file -----------------------------------

def _data_cases():
    def bad(line, column, value, fit_extra=()):
        return lambda c, d: ["fit", with_line(c, d, line, column, value), "--target", "y", *fit_extra, *SMALL,
                             "--out", str(d / "run")]

    k = "data values"
    cli_case(k, "text in the target at line 57", bad(57, 1, "abc"), match=r"\b57\b", quick=True)
    cli_case(k, "an empty target cell at line 40", bad(40, 1, ""), match=r"\b40\b|2020-01-02 14")
    cli_case(k, "inf in the target at line 88", bad(88, 1, "inf"), match=r"\b88\b")
    cli_case(k, "1e400 (no float holds it) at line 120", bad(120, 1, "1e400"), match=r"\b120\b")
    cli_case(k, "the text 'nan' at line 150", bad(150, 1, "nan"), match=r"\b150\b|2020-01-07 04")
    cli_case(k, "text in a feature at line 123", bad(123, 2, "yes", ["--features", "x"]), match=r"\b123\b")
    cli_case(k, "a timestamp that is no date at line 80", bad(80, 0, "2020-13-45 99:00:00"),
             match=r"\b80\b|2020-13-45")
    cli_case(k, "a row with an extra field at line 30",
             lambda c, d: ["fit", with_line(c, d, 30, 0, "", extra=Path(c.sine).read_text().splitlines()[29] + ",7"),
                           "--target", "y", *SMALL, "--out", str(d / "run")], match=r"\b30\b")
    cli_case(k, "a row with a field missing at line 31",
             lambda c, d: ["fit", with_line(c, d, 31, 0, "", extra=",".join(Path(c.sine).read_text().splitlines()[30]
                                                                           .split(",")[:2])),
                           "--target", "x", "--features", "y", *SMALL, "--out", str(d / "run")],
             match=r"\b31\b|2020-01-02 05")
    cli_case(k, "text in a long-format panel at line 250",
             lambda c, d: ["fit", with_line(c, d, 250, 2, "n/a?", source=c.panel), *SMALL, "--out", str(d / "run")],
             match=r"\b250\b")
    cli_case(k, "a duplicated timestamp at line 200",
             lambda c, d: ["fit", with_line(c, d, 200, 0, line_time(c, 199)), "--target", "y", *SMALL,
                           "--out", str(d / "run")], match=r"\b200\b|\b199\b|" + "2020-01-09 05")
    cli_case(k, "text in predict's data at line 590",
             lambda c, d: ["predict", str(c.base()), with_line(c, d, 590, 1, "oops")], match=r"\b590\b")
    cli_case(k, "text in evaluate's data at line 500",
             lambda c, d: ["evaluate", str(c.base()), with_line(c, d, 500, 2, "oops")], match=r"\b500\b")
    def recoded(transform):
        return lambda c, d: ["fit", touch(d / "data.csv", transform(Path(c.sine).read_text())), "--target", "y", *SMALL,
                             "--out", str(d / "run")]
    cli_case(k, "a UTF-8 byte-order mark before the header (read: success)", recoded(lambda t: "\ufeff" + t),
             expect="ok", check=fit_ok)
    cli_case(k, "CRLF line ends (read: success)", recoded(lambda t: t.replace("\n", "\r\n")), expect="ok",
             check=fit_ok)
    cli_case(k, "semicolons between the fields (read, or refused naming the separator or columns)",
             recoded(lambda t: t.replace(",", ";")), expect="either", match=r"separat|delimit|comma|;|column",
             check=fit_ok)
    cli_case(k, "empty cells with --fill ffill are filled (success)",
             lambda c, d: ["fit", with_line(c, d, 40, 1, ""), "--target", "y", "--fill", "ffill", *SMALL,
                           "--out", str(d / "run")], expect="ok", check=fit_ok)


# -- CLI input: one line, never a traceback ---------------------------------------------------------

def _cli_cases():
    k = "CLI input"

    def fit(*extra, data=None):
        return lambda c, d: ["fit", data(c, d) if data else c.sine, "--target", "y", *SMALL, *extra,
                             "--out", str(d / "run")]

    def unreadable(c, d):
        folder = d / "locked"
        folder.mkdir()
        shutil.copy(c.sine, folder / "sine.csv")
        os.chmod(folder, 0o000)
        return str(folder / "sine.csv")

    def write(name, text):
        return lambda c, d: touch(d / name, text)

    def writable(folder):
        folder.mkdir()
        os.chmod(folder, 0o777)
        return str(folder)

    cli_case(k, "--out naming an existing file", lambda c, d: ["fit", c.sine, "--target", "y", *SMALL, "--out",
                                                                touch(d / "afile")], quick=True,
             keep=lambda c, d: [d / "afile"])
    cli_case(k, "--out in a folder that cannot be written (/sys)",
             lambda c, d: ["fit", c.sine, "--target", "y", *SMALL, "--out", "/sys/rnncast-attack/run"])
    cli_case(k, "--out in a folder without write permission (as nobody)",
             lambda c, d: ["fit", c.sine, "--target", "y", *SMALL, "--out", str(d / "run")], nobody=True)
    cli_case(k, "DATA in a folder without read permission (as nobody)",
             lambda c, d: ["fit", unreadable(c, d), "--target", "y", *SMALL, "--out", writable(d / "open") + "/run"],
             nobody=True)
    cli_case(k, "DATA is a folder", fit(data=lambda c, d: str(d)))
    cli_case(k, "DATA does not exist", fit(data=lambda c, d: str(d / "nope.csv")))
    cli_case(k, "DATA is /dev/null", fit(data=lambda c, d: "/dev/null"))
    cli_case(k, "DATA is an empty file", fit(data=write("empty.csv", "")))
    cli_case(k, "DATA is a header only", fit(data=write("header.csv", "date,y,x\n")))
    cli_case(k, "DATA is random bytes",
             fit(data=lambda c, d: (d / "bytes.csv").write_bytes(np.random.default_rng(1).bytes(4096)) and
                 str(d / "bytes.csv")))
    cli_case(k, "DATA.parquet that is a CSV",
             fit(data=lambda c, d: shutil.copy(c.sine, d / "sine.parquet") and str(d / "sine.parquet")))
    cli_case(k, "DATA of 10 rows", fit(data=lambda c, d: touch(
        d / "short.csv", "\n".join(Path(c.sine).read_text().splitlines()[:11]) + "\n")))
    cli_case(k, "--target naming no column", lambda c, d: ["fit", c.sine, "--target", "nope", *SMALL, "--out",
                                                             str(d / "run")])
    cli_case(k, "--features naming the target", fit("--features", "y"))
    cli_case(k, "--time-col naming no column", fit("--time-col", "when"))
    cli_case(k, "--lookback 5000 (longer than the data)", fit("--lookback", "5000"))
    cli_case(k, "--lookback 0", fit("--lookback", "0"))
    cli_case(k, "--hidden-size 100000 (149 GiB)", fit("--hidden-size", "100000"))
    cli_case(k, "--hidden-size 0", fit("--hidden-size", "0"))
    cli_case(k, "--num-layers 1000000", fit("--num-layers", "1000000"), timeout=30)
    cli_case(k, "--epochs 0", fit("--epochs", "0"))
    cli_case(k, "--batch-size -3", fit("--batch-size", "-3"))
    cli_case(k, "--lr nan", fit("--lr", "nan"))
    cli_case(k, "--lr -1", fit("--lr", "-1"))
    cli_case(k, "--dropout 1.5", fit("--dropout", "1.5"))
    cli_case(k, "--val-frac 0.95", fit("--val-frac", "0.95"))
    cli_case(k, "--quantiles 0.1,0.9 (no 0.5)", fit("--quantiles", "0.1,0.9"))
    cli_case(k, "--horizon 0", fit("--horizon", "0"))
    cli_case(k, "--season 0", fit("--season", "0"))
    cli_case(k, "--freq bogus", fit("--freq", "bogus"))
    cli_case(k, "--tz Mars/Olympus", fit("--tz", "Mars/Olympus"))
    cli_case(k, "--config that does not exist", fit("--config", "/nonexistent/settings.toml"))
    cli_case(k, "--config that is not TOML", lambda c, d: ["fit", c.sine, "--target", "y", "--config",
                                                            touch(d / "bad.toml", "epochs = = 2\n[[["), "--out",
                                                            str(d / "run")])
    cli_case(k, "--config with an unknown setting", lambda c, d: ["fit", c.sine, "--target", "y", "--config",
                                                                   touch(d / "odd.toml", "epochz = 2\n"), "--out",
                                                                   str(d / "run")])
    cli_case(k, "--config with a size of the wrong type", lambda c, d: ["fit", c.sine, "--target", "y", "--config",
                                                                         touch(d / "t.toml", 'hidden_size = "big"\n'),
                                                                         "--out", str(d / "run")])
    cli_case(k, "--resume of a folder that does not exist", lambda c, d: ["fit", "--resume", str(d / "nope")])
    cli_case(k, "--resume of a folder that is no run", lambda c, d: ["fit", "--resume", str(d)])
    cli_case(k, "--resume with --epochs", lambda c, d: ["fit", "--resume", str(copy_run(c, d)), "--epochs", "9"],
             keep=lambda c, d: [d / "run"])
    cli_case(k, "predict with a run that is a file", lambda c, d: ["predict", touch(d / "run.txt"), c.sine])
    cli_case(k, "predict --out naming a folder", lambda c, d: ["predict", str(c.base()), c.sine, "--out", str(d)])
    cli_case(k, "predict --out in /sys", lambda c, d: ["predict", str(c.base()), c.sine, "--out", "/sys/f.csv"],
             match=r"/sys/f\.csv\b")  # the line names the path given
    cli_case(k, "predict --out in a folder that does not exist yet (made, or refused)",
             lambda c, d: ["predict", str(c.base()), c.sine, "--out", str(d / "new" / "f.csv")], expect="either",
             check=lambda c, d, p: forecast_problem((d / "new" / "f.csv").read_text()))
    cli_case(k, "--out below a file", lambda c, d: ["fit", c.sine, "--target", "y", *SMALL, "--out",
                                                     touch(d / "afile") + "/run"], keep=lambda c, d: [d / "afile"])
    cli_case(k, "predict of data without the feature column",
             lambda c, d: ["predict", str(c.base()), touch(d / "nofeat.csv", pd.read_csv(c.sine)[["date", "y"]]
                                                           .to_csv(index=False))])
    cli_case(k, "predict of fewer rows than the lookback",
             lambda c, d: ["predict", str(c.base()), touch(d / "few.csv", "\n".join(
                 Path(c.sine).read_text().splitlines()[:5]) + "\n")])
    cli_case(k, "predict with an empty cell in the last window",
             lambda c, d: ["predict", str(c.base()), with_line(c, d, 599, 1, "")])
    cli_case(k, "predict --static that does not exist",
             lambda c, d: ["predict", str(c.base()), c.sine, "--static", str(d / "nope.csv")])
    cli_case(k, "evaluate with data of other columns",
             lambda c, d: ["evaluate", str(c.base()), touch(d / "other.csv", "a,b\n1,2\n3,4\n")])
    cli_case(k, "export --onnx naming a folder", lambda c, d: ["export", str(c.base()), "--onnx", str(d)])
    cli_case(k, "export --onnx in /sys", lambda c, d: ["export", str(c.base()), "--onnx", "/sys/m.onnx"],
             match=r"/sys/m\.onnx\b")
    cli_case(k, "export --opset 1", lambda c, d: ["export", str(c.base()), "--onnx", str(d / "m.onnx"),
                                                   "--opset", "1"])
    cli_case(k, "export --opset 99", lambda c, d: ["export", str(c.base()), "--onnx", str(d / "m.onnx"),
                                                    "--opset", "99"])
    tune = lambda *extra: lambda c, d: ["tune", c.sine, "--target", "y", *TUNE, *extra]  # noqa: E731
    cli_case(k, "tune --storage bogus://x", tune("--storage", "bogus://x", "--out", "t"))
    cli_case(k, "tune --storage of a SQLite file in /sys", tune("--storage", "sqlite:////sys/nope/study.db",
                                                                 "--out", "t"))
    cli_case(k, "tune --storage postgresql:// without a server or driver",
             tune("--storage", "postgresql://u:secret@127.0.0.1:1/db", "--out", "t"), timeout=60)
    cli_case(k, "tune --trials 0", tune("--trials", "0", "--out", "t"))
    cli_case(k, "backtest --n-windows 0", lambda c, d: ["backtest", c.sine, "--target", "y", *SMALL,
                                                         "--n-windows", "0", "--out", str(d / "bt")])
    cli_case(k, "backtest --n-windows 10000", lambda c, d: ["backtest", c.sine, "--target", "y", *SMALL,
                                                             "--n-windows", "10000", "--out", str(d / "bt")],
             match=r"^(?!.*\bNone\b)")  # one series has no id: the line must not call it None
    def piped(ctx: Ctx):
        """DATA a pipe, as bash's `rnncast fit <(zcat data.csv.gz)` gives it (/dev/fd/N): read once as a
        file, or refused as a pipe; a refusal must say so, not name what a second read of it found."""
        d = ctx.case_dir(k, "DATA a pipe, as <(zcat data.csv.gz) gives it")
        read, write = os.pipe()
        data = Path(ctx.sine).read_bytes()

        def feed():
            try:
                os.write(write, data)  # smaller than a pipe's buffer: written at once
            finally:
                os.close(write)
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        try:
            p = Launched([RNNCAST, "fit", f"/dev/fd/{read}", "--target", "y", *SMALL, "--out", "run"], d, ctx.env,
                         pass_fds=(read,)).wait(60)
        finally:
            os.close(read)
        return judge(p, "either", match=r"pipe|FIFO|regular file|not a file|seek|stream|twice",
                     check=lambda p: run_problem(d / "run"))
    CASES.append(Case(k, "DATA a pipe, as <(zcat data.csv.gz) gives it", piped))
    cli_case(k, "a duplicated column header", fit(data=lambda c, d: touch(
        d / "dup.csv", Path(c.sine).read_text().replace("date,y,x", "date,y,y", 1))))


# -- API input ------------------------------------------------------------------------------------

API_PRELUDE = r'''
import json, sys, warnings, logging
warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)
import numpy as np, pandas as pd
from rnncast import Forecaster, RnncastError
SINE = pd.read_csv(sys.argv[1], parse_dates=["date"])
class Wrong(Exception):
    pass
def small(**kw):
    return Forecaster(**{"epochs": 2, "lookback": 8, "hidden_size": 8, "device": "cpu", **kw})
def finite(values):
    values = values.select_dtypes("number").to_numpy(float) if hasattr(values, "select_dtypes") else np.asarray(values, float)
    if values.size == 0 or not np.isfinite(values).all():
        raise Wrong("the forecast holds NaN or infinite values, or nothing")
    return values
'''

API_RUN = r'''
def _say(**kw):
    print("RESULT " + json.dumps(kw), flush=True)
try:
    said = main()
    _say(status="ok", detail=str(said or "succeeded, result checked"))
except Wrong as e:
    _say(status="wrong", detail=str(e))
except RnncastError as e:
    _say(status="refused", type=type(e).__name__, detail=str(e))
except BaseException as e:
    import traceback
    frames = traceback.extract_tb(e.__traceback__)
    where = f"{frames[-1].filename.split('/src/')[-1].split('site-packages/')[-1]}:{frames[-1].lineno}" if frames else ""
    first = str(e).splitlines()[0][:200] if str(e) else ""
    _say(status="exception", type=type(e).__name__, detail=f"{type(e).__name__}: {first} (at {where})")
'''


def api_case(name, body, expect="refuse", match=None, quick=False, timeout=120):
    kind = "API input"

    def fn(ctx: Ctx):
        d = ctx.case_dir(kind, name)
        p, result = ctx.api(body, d, timeout)
        if p.timed_out:
            return SILENT, f"hang: no answer in {timeout} s"
        if result is None:
            return TRACEBACK, f"no result (exit {p.rc}): {_tail(p.err)}"
        status, detail = result["status"], result["detail"]
        if status == "exception":
            return TRACEBACK, detail
        if status == "wrong":
            return SILENT, detail
        if status == "refused":
            if "\n" in detail:
                return TRACEBACK, f"RnncastError of {detail.count(chr(10)) + 1} lines: {detail.splitlines()[0]}"
            if expect == "ok":
                return WRONG, f"refused what should work: {detail}"
            if match and not re.search(match, detail):
                return WRONG, f"refused without naming {match!r}: {detail}"
            return CLEAN, f"RnncastError: {detail}"
        if expect == "refuse":
            return SILENT, f"accepted: {detail}"
        return CLEAN, detail
    CASES.append(Case(kind, name, fn, quick))


def _api_cases():
    api_case("np.int64 sizes and epochs are settings", """
def main():
    f = small(hidden_size=np.int64(8), lookback=np.int64(8), epochs=np.int64(2), batch_size=np.int32(16)).fit(SINE, target="y")
    finite(f.predict(SINE))""", expect="ok", quick=True)
    api_case("np.float32 lr and np.float64 dropout are settings", """
def main():
    finite(small(lr=np.float32(0.003), dropout=np.float64(0.0)).fit(SINE, target="y").predict(SINE))""", expect="ok")
    api_case("duplicate column labels", """
def main():
    frame = SINE.copy(); frame.columns = ["date", "y", "y"]
    small().fit(frame, target="y")""", match=r"\by\b")
    api_case("integer column labels", """
def main():
    frame = SINE[["y", "x"]].copy(); frame.columns = [0, 1]
    f = small().fit(frame, target=0)
    finite(f.predict(frame))""", expect="either")
    api_case("predict_array with a NaN in the window", """
def main():
    f = small().fit(SINE, target="y")
    window = SINE[["y"]].to_numpy()[-8:][None].copy(); window[0, 3, 0] = np.nan
    finite(f.predict_array(window))""")
    api_case("predict_array of the wrong lookback", """
def main():
    f = small().fit(SINE, target="y")
    finite(f.predict_array(np.zeros((2, 7, 1))))""")
    api_case("predict_array of a 1-D array", """
def main():
    f = small().fit(SINE, target="y")
    finite(f.predict_array(np.zeros(8)))""", expect="either")
    api_case("predict_array of text", """
def main():
    f = small().fit(SINE, target="y")
    f.predict_array(np.array([[["a"]] * 8]))""")
    api_case("cell 'transformer'", """
def main():
    small(cell="transformer").fit(SINE, target="y")""")
    api_case("hidden_size 8.5", """
def main():
    small(hidden_size=8.5).fit(SINE, target="y")""")
    api_case("lookback True", """
def main():
    small(lookback=True).fit(SINE, target="y")""")
    api_case("quantiles without 0.5", """
def main():
    small(quantiles=(0.1, 0.9)).fit(SINE, target="y")""")
    api_case("predict before fit", """
def main():
    small().predict(SINE)""")
    api_case("fit on an empty DataFrame", """
def main():
    small().fit(SINE.iloc[:0], target="y")""")
    api_case("fit on a target that is not a column", """
def main():
    small().fit(SINE, target="nope")""", match="nope")
    api_case("fit on a text target", """
def main():
    small().fit(SINE.assign(y="a"), target="y")""")
    api_case("fit on data holding inf", """
def main():
    frame = SINE.copy(); frame.loc[100, "y"] = np.inf
    small().fit(frame, target="y")""")
    api_case("fit on duplicated timestamps", """
def main():
    frame = SINE.copy(); frame.loc[200, "date"] = frame.loc[199, "date"]
    small().fit(frame, target="y")""")
    api_case("fit on a list", """
def main():
    small().fit([1, 2, 3], target="y")""")
    api_case("fit on a NumPy array", """
def main():
    f = small().fit(np.sin(np.arange(300) * 0.2))
    finite(f.predict(np.sin(np.arange(300) * 0.2)))""", expect="either")
    api_case("fit on a pandas Series", """
def main():
    series = SINE.set_index("date")["y"]
    finite(small().fit(series).predict(series))""", expect="either")
    api_case("timestamps mixing zones and none", """
def main():
    frame = SINE.copy(); frame["date"] = frame["date"].astype(str); frame.loc[10, "date"] = "2020-01-01 10:00:00+05:00"
    small().fit(frame, target="y")""", expect="either")
    api_case("evaluate part='bogus'", """
def main():
    small().fit(SINE, target="y").evaluate(SINE, part="bogus")""", match="bogus")
    api_case("predict of a frame without the feature", """
def main():
    small().fit(SINE, target="y", features=["x"]).predict(SINE[["date", "y"]])""", match=r"\bx\b")
    api_case("Forecaster.load of a folder that does not exist", """
def main():
    Forecaster.load("/nonexistent/model")""")
    api_case("save to a path that is a file", """
def main():
    open("afile", "w").write("x")
    small().fit(SINE, target="y").save("afile")""")
    api_case("tune with np.int64 trials", """
def main():
    from rnncast import tune
    result = tune(SINE, "y", trials=np.int64(1), settings=dict(epochs=1, lookback=8, hidden_size=8, num_layers=1, device="cpu"))
    if not np.isfinite(result.value): raise Wrong(f"best value {result.value}")""", expect="ok")
    api_case("tune with a bad storage URL", """
def main():
    from rnncast import tune
    tune(SINE, "y", trials=1, storage="bogus://x", settings=dict(epochs=1, lookback=8, hidden_size=8, device="cpu"))""")


# -- overwrite: a run, a model or an input never replaced ---------------------------------------------

def _overwrite_cases():
    k = "overwrite"

    def run_kept(c, d):
        return [d / "run"]

    def predict_out(target):
        return lambda c, d: ["predict", str(copy_run(c, d)), c.sine, "--out", str(d / "run" / target)]

    def export_out(target):
        return lambda c, d: ["export", str(copy_run(c, d)), "--onnx", str(d / "run" / target)]

    cli_case(k, "predict --out run/model/weights.safetensors", predict_out("model/weights.safetensors"),
             keep=run_kept, quick=True)
    cli_case(k, "predict --out run/model/model.json", predict_out("model/model.json"), keep=run_kept)
    cli_case(k, "predict --out run/model/forecast.csv (new file in the model folder)",
             predict_out("model/forecast.csv"), keep=run_kept)
    cli_case(k, "predict --out run/config.json", predict_out("config.json"), keep=run_kept)
    cli_case(k, "predict --out run/report.html", predict_out("report.html"), keep=run_kept)
    cli_case(k, "predict --out its own DATA", lambda c, d: ["predict", str(c.base()), shutil.copy(c.sine, d / "in.csv"),
                                                             "--out", str(d / "in.csv")],
             keep=lambda c, d: [d / "in.csv"])
    cli_case(k, "export --onnx run/model/weights.safetensors", export_out("model/weights.safetensors"), keep=run_kept)
    cli_case(k, "export --onnx run/metrics.json", export_out("metrics.json"), keep=run_kept)
    cli_case(k, "export --onnx run/model/m.onnx (new file in the model folder)", export_out("model/m.onnx"),
             keep=run_kept)
    cli_case(k, "export --onnx over an unrelated .onnx (refused without --overwrite)",
             lambda c, d: ["export", str(c.base()), "--onnx", touch(d / "old.onnx")],
             keep=lambda c, d: [d / "old.onnx"])
    cli_case(k, "export --onnx over an unrelated .onnx with --overwrite (success)",
             lambda c, d: ["export", str(c.base()), "--onnx", touch(d / "old.onnx"), "--overwrite"], expect="ok",
             check=lambda c, d, p: None if (d / "old.onnx").stat().st_size > 1000 else "old.onnx was not replaced")
    cli_case(k, "predict --out over an earlier forecast (refused without --overwrite)",
             lambda c, d: ["predict", str(c.base()), c.sine, "--out", touch(d / "old.csv")],
             keep=lambda c, d: [d / "old.csv"])
    cli_case(k, "predict --out a new CSV (success)", lambda c, d: ["predict", str(c.base()), c.sine, "--out",
                                                                  str(d / "f.csv")], expect="ok",
             check=lambda c, d, p: forecast_problem((d / "f.csv").read_text()))

    def fit_into(target, *extra, data=None):
        return lambda c, d: ["fit", data(c, d) if data else c.sine, "--target", "y", "--features", "x", *SMALL,
                             *extra, "--out", target(c, d)]

    cli_case(k, "fit --out an existing finished run", fit_into(lambda c, d: str(copy_run(c, d))), keep=run_kept)
    cli_case(k, "fit --out run/model", fit_into(lambda c, d: str(copy_run(c, d) / "model")), keep=run_kept)
    cli_case(k, "fit --out a new folder inside run/model", fit_into(lambda c, d: str(copy_run(c, d) / "model" / "x")),
             keep=run_kept)
    cli_case(k, "fit --out a folder holding a user's file",
             fit_into(lambda c, d: (touch(d / "mine" / "notes.txt"), str(d / "mine"))[1]),
             keep=lambda c, d: [d / "mine"])
    cli_case(k, "fit --overwrite a folder holding a user's file",
             fit_into(lambda c, d: (touch(d / "mine" / "notes.txt"), str(d / "mine"))[1], "--overwrite"),
             keep=lambda c, d: [d / "mine"])
    cli_case(k, "fit --overwrite a finished run with bad input (the run kept)",
             lambda c, d: ["fit", c.sine, "--target", "nope", *SMALL, "--overwrite", "--out", str(copy_run(c, d))],
             keep=run_kept)
    cli_case(k, "fit --overwrite a finished run (success: replaced)",
             lambda c, d: ["fit", c.sine, "--target", "y", "--features", "x", *SMALL, "--epochs", "3", "--overwrite",
                           "--out", str(copy_run(c, d))], expect="ok",
             check=lambda c, d, p: run_problem(d / "run") or (
                 None if weights_diff(d / "run", c.base()) else "the weights are still the earlier run's"))
    cli_case(k, "fit --config RUN --out RUN (the same folder)",
             lambda c, d: ["fit", "--config", str(copy_run(c, d)), "--out", str(d / "run")], keep=run_kept)
    cli_case(k, "backtest --out an existing fit run",
             lambda c, d: ["backtest", c.sine, "--target", "y", *SMALL, "--n-windows", "2", "--out",
                           str(copy_run(c, d))], keep=run_kept)
    cli_case(k, "backtest --out run/model",
             lambda c, d: ["backtest", c.sine, "--target", "y", *SMALL, "--n-windows", "2", "--out",
                           str(copy_run(c, d) / "model")], keep=run_kept)
    cli_case(k, "tune --out an existing fit run",
             lambda c, d: ["tune", c.sine, "--target", "y", *TUNE, "--out", str(copy_run(c, d))], keep=run_kept)
    cli_case(k, "tune --out run/model",
             lambda c, d: ["tune", c.sine, "--target", "y", *TUNE, "--out", str(copy_run(c, d) / "model")],
             keep=run_kept)

    def earlier_tune(study):
        def args(c, d):
            p = c.cli(["tune", c.sine, "--target", "y", *TUNE, "--trials", "1", "--out", str(d / "t")], d, timeout=180)
            if p.rc != 0:
                raise RuntimeError(f"the first tune failed: {verdict(p)[1]}")
            return ["tune", c.sine, "--target", "y", *TUNE, "--trials", "1", "--study", study, "--out", str(d / "t")]
        return args

    def continued(c, d, p):
        study = _study(f"sqlite:///{d / 't' / 'study.db'}", "rnncast")
        done = sum(t.state.name in ("COMPLETE", "PRUNED") for t in study.trials)
        rows = len((d / "t" / "trials.csv").read_text().strip().splitlines()) - 1
        return None if done == rows == 2 else f"the study holds {done} finished trials, trials.csv lists {rows}; 2 expected"
    cli_case(k, "tune --out an earlier tune of the same study (continued: success)", earlier_tune("rnncast"),
             expect="ok", check=continued)
    cli_case(k, "tune --out an earlier tune of another --study", earlier_tune("other"),
             keep=lambda c, d: [d / "t"] if (d / "t").exists() else [])


# -- tamper: model folders edited by hand, refused by predict -----------------------------------------

def _meta(folder: Path) -> dict:
    return json.loads((folder / "model.json").read_text())


def _write_meta(folder: Path, meta: dict) -> None:
    (folder / "model.json").write_text(json.dumps(meta))  # NaN and Infinity as JSON tokens, as a hand would


def edit_meta(fn):
    def edit(folder, marker):
        meta = _meta(folder)
        fn(meta)
        _write_meta(folder, meta)
    return edit


def network(**changes):
    return edit_meta(lambda meta: meta["network"].update(changes))


def _recompute(folder: Path, checksum: str) -> None:
    meta = _meta(folder)
    if checksum == "fresh":
        meta["weights_sha256"] = hashlib.sha256((folder / "weights.safetensors").read_bytes()).hexdigest()
    elif checksum == "none":
        meta.pop("weights_sha256", None)
    else:
        return
    _write_meta(folder, meta)


def edit_weights(fn, checksum: str = "stale"):
    """``fn(tensors) -> tensors`` (NumPy arrays); checksum "stale" (as it was), "fresh" (recomputed
    by the tamperer) or "none" (removed, as in a folder written before checksums)."""
    def edit(folder, marker):
        from safetensors.numpy import load_file, save_file

        tensors = {k: v.copy() for k, v in load_file(str(folder / "weights.safetensors")).items()}
        save_file(fn(tensors), str(folder / "weights.safetensors"))
        _recompute(folder, checksum)
    return edit


def edit_bytes(fn, checksum: str = "stale"):
    def edit(folder, marker):
        path = folder / "weights.safetensors"
        path.write_bytes(fn(path.read_bytes()))
        _recompute(folder, checksum)
    return edit


def _first_matrix(tensors) -> str:
    return next(k for k in sorted(tensors) if tensors[k].ndim == 2)


def put(value):
    def fn(tensors):
        name = _first_matrix(tensors)
        tensors[name].flat[0] = value
        return tensors
    return fn


class _Payload:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {shlex.quote(self.marker)}",))


def pickle_payload(name: str = "weights.safetensors"):
    def edit(folder, marker):
        (folder / name).write_bytes(pickle.dumps({"state_dict": _Payload(marker)}))
    return edit


def torch_save_payload(name: str = "weights.safetensors"):
    """What torch.save writes (a zip holding data.pkl), with a payload in data.pkl."""
    def edit(folder, marker):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("archive/data.pkl", pickle.dumps({"state_dict": _Payload(marker)}, protocol=2))
            z.writestr("archive/version", "3\n")
            z.writestr("archive/byteorder", "little")
        (folder / name).write_bytes(buffer.getvalue())
    return edit


def sparse_tail(gib: float, checksum: str = "stale"):
    def edit(folder, marker):
        path = folder / "weights.safetensors"
        with open(path, "r+b") as f:
            f.truncate(path.stat().st_size + int(gib * 2 ** 30))  # sparse: no disk, but read as zeros
        _recompute(folder, checksum)
    return edit


def header_offsets_past_end(folder, marker):
    data = (folder / "weights.safetensors").read_bytes()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    name = sorted(k for k in header if k != "__metadata__")[-1]
    begin, _ = header[name]["data_offsets"]
    header[name]["data_offsets"] = [begin, begin + 10 ** 12]
    text = json.dumps(header).encode()
    (folder / "weights.safetensors").write_bytes(struct.pack("<Q", len(text)) + text + data[8 + n:])


def big_int(folder, marker):
    meta = _meta(folder)
    meta["network"]["hidden_size"] = "__BIG__"
    (folder / "model.json").write_text(json.dumps(meta).replace('"__BIG__"', "9" * 5000))


def other_weights(folder, marker, ctx: Ctx):
    shutil.copy(ctx.panel_run() / "model" / "weights.safetensors", folder / "weights.safetensors")
    _recompute(folder, "fresh")


def other_meta(folder, marker, ctx: Ctx):
    meta = _meta(ctx.panel_run() / "model")
    meta["weights_sha256"] = hashlib.sha256((folder / "weights.safetensors").read_bytes()).hexdigest()
    _write_meta(folder, meta)


def scaler(field_name, value):
    def fn(meta):
        for state in meta.get("scalers", []):
            state[field_name][0] = value
        if "scaler" in meta:
            meta["scaler"][field_name][0] = value
    return edit_meta(fn)


def tamper_case(name, edit, expect="refuse", quick=False, needs_ctx=False, timeout=90):
    kind = "tamper"

    def fn(ctx: Ctx):
        d = ctx.case_dir(kind, name)
        base = ctx.base()
        model = d / "model"
        shutil.copytree(base / "model", model)
        marker = d / "PAYLOAD-RAN"
        if needs_ctx:
            edit(model, marker, ctx)
        else:
            edit(model, marker)
        p = ctx.cli(["predict", str(model), ctx.sine], d, timeout=timeout)
        if expect == "ok":  # files beside the model change nothing
            check = lambda p: None if p.out == ctx.base_forecast else "the forecast differs from the untouched model's"  # noqa: E731
        else:  # a valid model of other weights: any finite forecast
            check = lambda p: forecast_problem(p.out)  # noqa: E731
        outcome, detail = judge(p, expect, check=check)
        limit = max(ctx.base_rss * 1.25, ctx.base_rss + RSS_MARGIN_MB)
        if marker.exists():
            outcome, detail = SILENT, f"the payload ran; {detail}"
        elif outcome == CLEAN and expect == "refuse" and p.rss_mb > limit:
            outcome, detail = SILENT, f"refused, but at a peak RSS of {p.rss_mb:.0f} MB (a forecast: {ctx.base_rss:.0f} MB)"
        ctx.rss[name] = (outcome, p.rss_mb, p.seconds, verdict(p)[0] == "refused", marker.exists(), "predict")
        return outcome, f"{detail} [peak RSS {p.rss_mb:.0f} MB, {p.seconds:.1f} s]"
    CASES.append(Case(kind, name, fn, quick))


def _tamper_cases():
    tamper_case("hidden_size 12000 beside the small weights", network(hidden_size=12000), quick=True)
    tamper_case("hidden_size 10**9", network(hidden_size=10 ** 9))
    tamper_case("horizon 10**9", network(horizon=10 ** 9))
    tamper_case("n_inputs 10**9", network(n_inputs=10 ** 9))
    tamper_case("num_layers 10**6", network(num_layers=10 ** 6))
    tamper_case("num_layers 7 (more layers than tensors allow)", network(num_layers=7))
    tamper_case("static embedding of 10**9 categories", network(static_cardinalities=[10 ** 9]))
    tamper_case("hidden_size as text", network(hidden_size="8"))
    tamper_case("hidden_size true", network(hidden_size=True))
    tamper_case("hidden_size of 5000 digits", big_int)
    tamper_case("cell 'transformer'", network(cell="transformer"))
    tamper_case("dropout 5", network(dropout=5))
    tamper_case("an unknown network field", network(attention_heads=8))
    tamper_case("NaN weights (checksum stale)", edit_weights(put(np.nan)))
    tamper_case("NaN weights (checksum recomputed)", edit_weights(put(np.nan), "fresh"))
    tamper_case("inf weights (checksum removed)", edit_weights(put(np.inf), "none"))
    tamper_case("1e30 weight (checksum recomputed)", edit_weights(put(1e30), "fresh"), expect="either")
    tamper_case("int64 tensors (checksum recomputed)",
                edit_weights(lambda t: {k: v.astype(np.int64) for k, v in t.items()}, "fresh"))
    tamper_case("float16 tensors (checksum recomputed)",
                edit_weights(lambda t: {k: v.astype(np.float16) for k, v in t.items()}, "fresh"))
    tamper_case("float64 tensors (checksum recomputed)",
                edit_weights(lambda t: {k: v.astype(np.float64) for k, v in t.items()}, "fresh"))
    tamper_case("an extra tensor (checksum recomputed)",
                edit_weights(lambda t: {**t, "extra": np.zeros(3, np.float32)}, "fresh"))
    tamper_case("a tensor missing (checksum recomputed)",
                edit_weights(lambda t: {k: v for k, v in list(t.items())[1:]}, "fresh"))
    tamper_case("zeroed tensor bytes", edit_bytes(lambda b: b[:-16] + bytes(16)))
    tamper_case("zeroed tensor bytes (checksum removed)", edit_bytes(lambda b: b[:-16] + bytes(16), "none"),
                expect="either")
    tamper_case("one flipped bit", edit_bytes(lambda b: b[:-5] + bytes([b[-5] ^ 1]) + b[-4:]))
    tamper_case("weights truncated to half", edit_bytes(lambda b: b[: len(b) // 2]))
    tamper_case("weights an empty file", edit_bytes(lambda b: b""))
    tamper_case("header length 2**40", edit_bytes(lambda b: struct.pack("<Q", 2 ** 40) + b[8:]))
    tamper_case("header offsets past the end of the file", header_offsets_past_end)
    tamper_case("1 GiB of sparse zeros after the weights", sparse_tail(1))
    tamper_case("1 GiB of sparse zeros after the weights (checksum removed)", sparse_tail(1, "none"))
    tamper_case("weights a symlink to /dev/zero",
                lambda f, m: ((f / "weights.safetensors").unlink(), (f / "weights.safetensors").symlink_to("/dev/zero")))
    tamper_case("model.json a symlink to /dev/zero",
                lambda f, m: ((f / "model.json").unlink(), (f / "model.json").symlink_to("/dev/zero")))
    tamper_case("weights of another model (checksum recomputed)", other_weights, needs_ctx=True)
    tamper_case("model.json of another model", other_meta, needs_ctx=True)
    tamper_case("pickle payload as the weights", pickle_payload())
    tamper_case("torch.save payload as the weights", torch_save_payload())
    tamper_case("pickle and torch.save files beside the model (ignored: success)",
                lambda f, m: (pickle_payload("pytorch_model.bin")(f, m), torch_save_payload("model.pt")(f, m)),
                expect="ok")
    tamper_case("scaler scale 0", scaler("scale", 0.0))
    tamper_case("scaler scale -1", scaler("scale", -1.0))
    tamper_case("scaler scale Infinity", scaler("scale", float("inf")))
    tamper_case("scaler offset NaN", scaler("offset", float("nan")))
    tamper_case("lookback 20 where the network has 8", edit_meta(lambda m: m["params"].update(lookback=20)))
    tamper_case("horizon 3 in the settings only", edit_meta(lambda m: m["params"].update(horizon=3)))
    tamper_case("targets renamed to a number", edit_meta(lambda m: m.update(targets=[7])))
    tamper_case("train_means NaN", edit_meta(lambda m: m.update(train_means=[[float("nan")]], train_mean=[float("nan")])))
    tamper_case("mase_scales -1", edit_meta(lambda m: m.update(mase_scales=[[-1.0]])))
    tamper_case("split borders reversed", edit_meta(lambda m: m.update(splits=[[500, 100, 50]], split=[500, 100, 50])))
    tamper_case("calendar zone Mars/Olympus", edit_meta(lambda m: m["calendar"].update(tz="Mars/Olympus")))
    tamper_case("calendar kind 'lunar'", edit_meta(lambda m: m["calendar"].update(kind="lunar")))
    tamper_case("format_version 99", edit_meta(lambda m: m.update(format_version=99)))
    tamper_case("weights_sha256 17", edit_meta(lambda m: m.update(weights_sha256=17)))
    tamper_case("model.json deeply nested", lambda f, m: (f / "model.json").write_text("[" * 100000 + "]" * 100000))
    tamper_case("model.json nested deeply inside its network",
                edit_meta(lambda m: m.update(network=json.loads("[" * 500 + "]" * 500))))
    tamper_case("model.json is []", lambda f, m: (f / "model.json").write_text("[]"))
    tamper_case("model.json empty", lambda f, m: (f / "model.json").write_text(""))
    tamper_case("model.json not UTF-8", lambda f, m: (f / "model.json").write_bytes(b"\xff\xfe{\x00"))
    tamper_case("model.json missing", lambda f, m: (f / "model.json").unlink())
    # the training checkpoint of an interrupted run, read by fit --resume
    for name, edit, expect in (
            ("checkpoint: pickle payload", pickle_payload("checkpoint.safetensors"), "refuse"),
            ("checkpoint: torch.save payload", torch_save_payload("checkpoint.safetensors"), "refuse"),
            ("checkpoint: truncated", lambda f, m: (f / "checkpoint.safetensors").write_bytes(
                (f / "checkpoint.safetensors").read_bytes()[:1000]), "refuse"),
            ("checkpoint: of another network", "other", "refuse"),
            ("checkpoint: without its loop metadata", "nometa", "refuse"),
            ("checkpoint: NaN weights", "nan", "either")):
        resume_tamper_case(name, edit, expect)


def resume_tamper_case(name, edit, expect):
    kind = "tamper"

    def fn(ctx: Ctx):
        from safetensors.numpy import load_file, save_file

        d = ctx.case_dir(kind, name)
        proj = ctx.copy_interrupted(d)
        run = proj / "runs" / "r"
        ckpt = run / "checkpoint.safetensors"
        marker = d / "PAYLOAD-RAN"
        if edit == "other":
            shutil.copy(ctx.base() / "checkpoint.safetensors", ckpt)
        elif edit == "nometa":
            save_file(load_file(str(ckpt)), str(ckpt))
        elif edit == "nan":
            tensors = {k: v.copy() for k, v in load_file(str(ckpt)).items()}
            for k in tensors:
                if k.startswith(("net.", "best.")) and tensors[k].dtype.kind == "f":
                    tensors[k][...] = np.nan
            with open(ckpt, "rb") as f:
                n = struct.unpack("<Q", f.read(8))[0]
                metadata = json.loads(f.read(n)).get("__metadata__")
            save_file(tensors, str(ckpt), metadata=metadata)
        else:
            edit(run, marker)
        p = ctx.cli(["fit", "--resume", "runs/r"], proj, timeout=120)

        def check(p):
            problem = run_problem(run)
            if problem:
                return problem
            q = ctx.cli(["predict", str(run), "data/long.csv"], proj)
            return forecast_problem(q.out) if q.rc == 0 else f"predict after the resume: {verdict(q)[1]}"
        outcome, detail = judge(p, expect, check=check)
        if marker.exists():
            outcome, detail = SILENT, f"the payload ran; {detail}"
        ctx.rss[name] = (outcome, p.rss_mb, p.seconds, verdict(p)[0] == "refused", marker.exists(), "fit --resume")
        return outcome, f"{detail} [peak RSS {p.rss_mb:.0f} MB]"
    CASES.append(Case(kind, name, fn))


# -- divergence ------------------------------------------------------------------------------------

def _divergence_cases():
    k = "divergence"

    def spiked(c, d, value="1e30"):
        return with_line(c, d, 102, 1, value)

    def kept_model(c, d, p, resume=True):
        run = d / "run"
        problem = run_problem(run)
        if problem:
            return f"exit 0 but {problem}"
        q = c.cli(["predict", str(run), c.sine], d)
        if q.rc != 0:
            return f"exit 0 but predict refuses its model: {verdict(q)[1]}"
        problem = forecast_problem(q.out)
        if problem:
            return f"exit 0 but {problem}"
        if resume:
            before = tree_hash(run / "model" / "weights.safetensors")
            r = c.cli(["fit", "--resume", str(run)], d)
            if r.rc != 0:
                return f"--resume of the diverged run: {verdict(r)[1]}"
            if changed(before, tree_hash(run / "model" / "weights.safetensors")):
                return "--resume of the diverged run trained further (the model changed)"
        return None

    spike = ["--scaler", "none", "--window-norm", "none", "--max-batches", "1", "--batch-size", "4", "--lr", "1e-3",
             "--epochs", "30", "--patience", "100", "--lookback", "8", "--hidden-size", "8", "--device", "cpu"]

    def diverged_and_kept(c, d, p):
        if "diverged" not in p.out + p.err:
            return "the fit did not diverge (the case no longer tests a divergence: pick another --seed)"
        return kept_model(c, d, p)
    # one random batch of 4 windows per epoch: the spike's windows are drawn in some epoch after the first
    cli_case(k, "a 1e30 spike drawn after finished epochs (best epoch kept; resume trains nothing)",
             lambda c, d: ["fit", spiked(c, d), "--target", "y", *spike, "--seed", "0", "--out", str(d / "run")],
             expect="ok", check=diverged_and_kept)
    # every window once per epoch: the spike is in the first
    cli_case(k, "a 1e30 spike in the first epoch (nothing finished)",
             lambda c, d: ["fit", spiked(c, d), "--target", "y", *spike, "--max-batches", "0", "--batch-size", "64",
                           "--out", str(d / "run")], match=r"diverged|NaN|infinite",
             keep=lambda c, d: [])
    cli_case(k, "values of 1e19 without scaling",
             lambda c, d: ["fit", touch(d / "big.csv", pd.read_csv(c.sine).assign(y=lambda f: f.y * 1e19)
                                        .to_csv(index=False)), "--target", "y", "--scaler", "none", "--window-norm",
                           "none", *SMALL, "--out", str(d / "run")], match=r"diverged|NaN|infinite|large", quick=True)
    cli_case(k, "--lr 1e4 --grad-clip 0 (finite model or refusal)",
             lambda c, d: ["fit", c.sine, "--target", "y", "--features", "x", *SMALL, "--lr", "1e4", "--grad-clip",
                           "0", "--cell", "rnn", "--window-norm", "none", "--out", str(d / "run")],
             expect="either", check=lambda c, d, p: kept_model(c, d, p, resume=False))
    cli_case(k, "a 1e300 value with standard scaling (finite model or refusal)",
             lambda c, d: ["fit", spiked(c, d, "1e300"), "--target", "y", *SMALL, "--out", str(d / "run")],
             expect="either", check=lambda c, d, p: kept_model(c, d, p, resume=False))
    cli_case(k, "a constant target (finite model or refusal)",
             lambda c, d: ["fit", touch(d / "const.csv", pd.read_csv(c.sine).assign(y=3.0).to_csv(index=False)),
                           "--target", "y", *SMALL, "--out", str(d / "run")],
             expect="either", check=lambda c, d, p: kept_model(c, d, p, resume=False))
    api_div = """
def main():
    frame = SINE.copy(); frame.loc[100, "y"] = 1e30
    f = Forecaster(epochs=30, lookback=8, hidden_size=8, lr=1e-3, device="cpu", patience=100, scaler="none",
                   window_norm="none", max_batches=1, batch_size=4, seed=0).fit(frame, target="y")
    if f.diverged_epoch_ is None: raise Wrong("diverged_epoch_ is None after a divergence")
    finite(f.predict(frame))
    return f"diverged_epoch_ {f.diverged_epoch_}, finite forecasts"
"""

    def fn(ctx: Ctx):
        d = ctx.case_dir(k, "API: diverging after finished epochs")
        p, result = ctx.api(api_div, d)
        if result is None:
            return TRACEBACK, f"no result (exit {p.rc}): {_tail(p.err)}"
        status = result["status"]
        return {"ok": CLEAN, "wrong": SILENT, "refused": WRONG, "exception": TRACEBACK}[status], result["detail"]
    CASES.append(Case(k, "API: diverging after finished epochs", fn))


# -- kill points: each moment a kill can leave a run in, then --resume -------------------------------

def _start_config(config: dict) -> dict:
    return {k: v for k, v in config.items() if k in ("settings", "data", "paths", "environment")}


def _kill_point_cases():
    k = "kill points"
    order = RUN_FILES

    def state(name, keep_upto: int | None, start_config=False, checkpoint=True, extra=None, quick=False):
        def fn(ctx: Ctx):
            d = ctx.case_dir(k, name)
            ref = ctx.ref(True)["run"]
            run = d / "run"
            shutil.copytree(ref, run)
            config = json.loads((run / "config.json").read_text())
            if keep_upto is not None:
                for rel in order[keep_upto + 1:]:
                    (run / rel).unlink()
            if start_config:
                (run / "config.json").write_text(json.dumps(_start_config(config), indent=2))
            if not checkpoint:
                (run / "checkpoint.safetensors").unlink()
            if extra:
                extra(run)
            p = ctx.cli(["fit", "--resume", str(run)], d, timeout=180)
            return judge(p, "ok", check=lambda p: run_problem(run, ref))
        CASES.append(Case(k, name, fn, quick))

    state("before the first epoch ended (config.json only)", 0, start_config=True, checkpoint=False)
    state("during training (config.json, checkpoint)", 0, start_config=True, quick=True)
    state("after config.json was rewritten with what fit found", 0)
    state("after metrics.json", 1)
    state("after history.csv", 2)
    state("after the weights, before model.json", 3)
    state("after model.json", 4)
    state("after loss.png", 5)
    state("after forecast.png (no report.html)", 6)
    state("finished (report.html written), resumed again", None)

    def debris(run):
        metrics = (run / "metrics.json").read_bytes() if (run / "metrics.json").exists() else b"{}"
        (run / ".metrics.json.ab12cd34.tmp").write_bytes(metrics[: len(metrics) // 2])
        (run / "model").mkdir(exist_ok=True)
        (run / "model" / ".weights.safetensors.zz99yy88.tmp").write_bytes(b"\0" * 100)
        (run / LOCK).write_text("999999 some-other-host\n")
    state("after history.csv, with half-written temp files and a dead writer's lock", 2, extra=debris)

    def live_lock(run):
        (run / LOCK).write_text(f"{os.getpid()} {socket.gethostname()}\n")  # a live pid, but no flock held
    state("after metrics.json, with an unheld lock file naming a live pid", 1, extra=live_lock)


# -- resume paths ----------------------------------------------------------------------------------

def _resume_path_cases():
    k = "resume paths"

    def resume(name, args, cwd, expect="ok", match=None, prepare=None, quick=False):
        def fn(ctx: Ctx):
            d = ctx.case_dir(k, name)
            proj = ctx.copy_interrupted(d)
            if prepare:
                prepare(ctx, d, proj)
            run = proj / "runs" / "r"
            before = tree_hash(run)
            p = ctx.cli(args(d, proj), cwd(d, proj), timeout=180)
            outcome, detail = judge(p, expect, match, check=lambda p: run_problem(run, ctx.ref(True)["run"]))
            if expect == "refuse" and outcome == CLEAN:
                problem = changed(before, tree_hash(run))
                if problem:
                    return SILENT, f"the refused resume changed the run ({problem})"
            return outcome, detail
        CASES.append(Case(k, name, fn, quick))

    def move_data(ctx, d, proj):
        (proj / "data" / "long.csv").rename(d / "moved.csv")

    resume("the project moved (its absolute data path gone), from its folder",
           lambda d, p: ["fit", "--resume", "runs/r"], lambda d, p: p, quick=True)
    resume("from another folder, run given relatively", lambda d, p: ["fit", "--resume", "proj/runs/r"], lambda d, p: d)
    resume("from /, run given absolutely", lambda d, p: ["fit", "--resume", str(p / "runs/r")], lambda d, p: "/")
    resume("from inside the run folder (--resume .)", lambda d, p: ["fit", "--resume", "."], lambda d, p: p / "runs/r")
    resume("with --device cpu", lambda d, p: ["fit", "--resume", "runs/r", "--device", "cpu"], lambda d, p: p)
    resume("data moved, given as DATA", lambda d, p: ["fit", "--resume", "proj/runs/r", "moved.csv"], lambda d, p: d,
           prepare=move_data)
    resume("data moved, DATA given relatively from elsewhere",
           lambda d, p: ["fit", "--resume", str(p / "runs/r"), "../../moved.csv"], lambda d, p: p / "runs",
           prepare=move_data)
    resume("data moved and not given", lambda d, p: ["fit", "--resume", "runs/r"], lambda d, p: p,
           expect="refuse", match=r"DATA|data", prepare=move_data)
    resume("with --epochs 9 (refused: a run keeps its settings)",
           lambda d, p: ["fit", "--resume", "runs/r", "--epochs", "9"], lambda d, p: p, expect="refuse")
    resume("with --config (refused)", lambda d, p: ["fit", "--resume", "runs/r", "--config", "runs/r"], lambda d, p: p,
           expect="refuse")
    resume("twice in a row (the second on a finished run)",
           lambda d, p: ["fit", "--resume", "runs/r"], lambda d, p: p,
           prepare=lambda c, d, p: c.cli(["fit", "--resume", "runs/r"], p, timeout=180))


# -- kill -9 at random moments, then --resume -------------------------------------------------------

def _phase(run: Path) -> str:
    """Where a run stood when it was killed, from the files it holds."""
    if not (run / "config.json").is_file():
        return "before config.json"
    try:
        config = json.loads((run / "config.json").read_text())
    except ValueError:
        return "config.json unreadable"
    if "run" not in config:
        return "training" + ("" if (run / "checkpoint.safetensors").is_file() else " (no checkpoint yet)")
    present = [f for f in RUN_FILES if (run / f).is_file()]
    if "report.html" in present:
        return "finished"
    return f"final writes, after {present[-1]}"


# A fit's life in five spans, each begun by a file's first appearance; a kill trial aims at one span
# (trial i: span (i // 2 + 2 * (i % 2)) % 5: in every ten trials each span gets one with --features
# and one without; the first two trials, those of --quick, aim at spans 1 and 3) and at a random
# moment in it: the span's length in the uninterrupted run, stretched by how much slower this trial
# reached the span's first file (the machine is shared), times a uniform fraction (the last span
# reaches 5 % past the end).
PHASES = [("start", "config", "before config.json: imports, reading the data"),
          ("config", "checkpoint", "training, before the first checkpoint"),
          ("checkpoint", "metrics", "training after the first checkpoint, forecasts, config.json rewritten"),
          ("metrics", "report", "the final writes, metrics.json to report.html"),
          ("report", "end", "after report.html: the last lines printed, the folder let go, the exit")]
EVENT_FILES = {"config": "config.json", "checkpoint": "checkpoint.safetensors", "metrics": "metrics.json",
               "report": "report.html"}


def _sleep_until(launched: Launched, at: float, run: Path | None = None, file: str | None = None) -> float | None:
    """Wait until ``at`` seconds after the start, or (file given) until ``run/file`` appears; returns
    the moment waited for, or None when the process ended first."""
    while True:
        if launched.poll():
            return None
        now = time.perf_counter() - launched.start
        if (file is None and now >= at) or (file is not None and (run / file).exists()):
            return now
        time.sleep(0.002)


def kill_trial(ctx: Ctx, i: int, features: bool, kill_resume: bool, elsewhere: bool) -> tuple[str, str]:
    ref = ctx.ref(features)
    rel = f"kill/t{i:02d}"
    run = ctx.root / rel
    args = [*ref["args"], "--out", rel]
    span = (i // 2 + 2 * (i % 2)) % len(PHASES)
    begin, end, words = PHASES[span]
    fraction = ctx.rng.random()
    fig = {"trial": i, "features": features, "aim": words}
    ctx.figures["kill"].append(fig)
    launched = ctx.launch(args, ctx.root)
    slow = ctx.figures["slow"][-1] if ctx.figures["slow"] else 1.0
    anchor = 0.0 if begin == "start" else _sleep_until(launched, 0, run, EVENT_FILES[begin])
    if anchor is not None and begin != "start":
        slow = min(max(anchor / ref[begin], 0.1), 10.0)
        ctx.figures["slow"].append(slow)
    when = None
    if anchor is not None:
        length = (ref[end] - ref[begin]) * (1.05 if end == "end" else 1.0)
        when = _sleep_until(launched, anchor + fraction * length * slow)
    finished_first = when is None
    p = launched.result if finished_first else launched.kill()
    when = p.seconds if finished_first else when
    fig["phase"] = "ended before the kill" if finished_first and p.rc == 0 else _phase(run)
    if finished_first and p.rc != 0:
        return judge(p, "ok")[0], f"the fit failed before its kill: {verdict(p)[1]}"
    bad = truncated(run) if run.exists() else []
    fig["temps_after_kill"] = len([f for f in leftovers(run) if f.endswith(".tmp")]) if run.exists() else 0
    fig["truncated"] = bool(bad)
    story = [f"aimed at {words}; killed at {when:.2f} s ({fig['phase']})" if not finished_first else
             f"aimed at {words}; the fit ended first, at {when:.2f} s ({fig['phase']})"]
    if bad:
        return SILENT, f"{story[0]}: truncated {', '.join(bad)}"
    cwd = ctx.root / "elsewhere" if elsewhere else ctx.root
    cwd.mkdir(exist_ok=True)
    target = str(run) if elsewhere else rel
    for attempt in range(2):
        resuming = (run / "config.json").is_file()
        again, where = (["fit", "--resume", target], cwd) if resuming else (args, ctx.root)
        how = "resume" if resuming else "the same fit again"
        if kill_resume and attempt == 0:
            second = ctx.launch(again, where)
            at = ctx.rng.uniform(0.5, ref["end"] * slow)
            while time.perf_counter() - second.start < at and not second.poll():
                time.sleep(0.002)
            second.kill()
            story.append(f"{how} killed at {at:.2f} s ({_phase(run)})")
            bad = truncated(run)
            if bad:
                return SILENT, f"{'; '.join(story)}: truncated {', '.join(bad)}"
            continue
        p = ctx.cli(again, where, timeout=240)
        story.append(how + (" from another folder" if elsewhere and how == "resume" else ""))
        break
    outcome, detail = judge(p, "ok", check=lambda p: run_problem(run, ref["run"]))
    fig["outcome"], fig["recovery"] = outcome, how
    fig["identical"] = outcome == CLEAN
    fig["left_over"] = bool(leftovers(run))
    return outcome, f"{'; '.join(story)}: {detail}"


# -- races -------------------------------------------------------------------------------------------

def fit_race(ctx: Ctx, i: int) -> tuple[str, str]:
    d = ctx.root / "race" / f"r{i:02d}"
    d.mkdir(parents=True)
    out = d / "run"
    overwrite = i % 2 == 1
    if overwrite:
        shutil.copytree(ctx.base(), out)
        config = json.loads((out / "config.json").read_text())
        (out / "config.json").write_text(json.dumps({**config, "earlier_run": True}))
    args = ["fit", ctx.sine, "--target", "y", "--features", "x", *SMALL, "--out", str(out)]
    args += ["--overwrite"] if overwrite else []
    refs = {0: ctx.base(), 1: ctx.base_seed1()}  # the second fit has --seed 1: a folder mixing the two shows
    delay = ctx.rng.uniform(0, 2.5)
    a = ctx.launch(args, d)
    time.sleep(delay)
    b = ctx.launch([*args, "--seed", "1"], d)
    pa, pb = a.wait(240), b.wait(240)
    fig = {"race": i, "overwrite": overwrite, "delay": delay}
    ctx.figures["race"].append(fig)
    verdicts = [verdict(pa), verdict(pb)]
    head = f"{'--overwrite, ' if overwrite else ''}second started {delay:.2f} s later"
    for (kind, line), who in zip(verdicts, ("first", "second")):
        if kind in ("traceback", "crash", "other", "timeout"):
            fig["one"] = False
            return (SILENT if kind == "timeout" else TRACEBACK), f"{head}: the {who}: {line}"
    winners = [p for p in (pa, pb) if p.rc == 0]
    fig["one"] = len(winners) == 1
    fig["serial"] = len(winners) == 2 and overwrite
    if not winners:
        return WRONG, f"{head}: both refused: {verdicts[0][1]} / {verdicts[1][1]}"
    if len(winners) == 2 and not overwrite:
        return SILENT, f"{head}: both wrote the run (exit 0 twice without --overwrite)"
    loser = [v for p, v in zip((pa, pb), verdicts) if p.rc != 0]
    try:
        config = json.loads((out / "config.json").read_text())
        seed = config["settings"]["seed"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        config, seed = {}, None
        problem = f"config.json unreadable ({type(err).__name__})"
    else:
        problem = run_problem(out, refs[seed]) if seed in refs else f"config.json names seed {seed!r}"
    if not problem and config.get("earlier_run"):
        problem = "the earlier run's config.json is still there"
    if not problem and len(winners) == 1 and seed != (0 if pa.rc == 0 else 1):
        problem = f"the folder holds the refused fit's run (seed {seed})"
    fig["consistent"] = problem is None
    if problem:
        return SILENT, f"{head}: {problem}"
    said = (f"the other: {loser[0][1]}" if loser else
            f"both exit 0, one after the other: the folder is the seed-{seed} fit's run, whole (with --overwrite the "
            "second replaces the first once the first has let the folder go)")
    return CLEAN, f"{head}: one run, complete, the weights of its uninterrupted fit; {said}"


def _study(storage: str, name: str):
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    return optuna.load_study(study_name=name, storage=storage)


def tune_race(ctx: Ctx, i: int) -> tuple[str, str]:
    d = ctx.root / "tune" / f"s{i}"
    d.mkdir(parents=True)
    storage = f"sqlite:///{d / 'study.db'}"
    common = ["tune", ctx.sine, "--target", "y", *TUNE, "--storage", storage, "--study", "race"]
    delay = ctx.rng.uniform(0, 0.3)
    a = ctx.launch([*common, "--out", "a", "--sampler-seed", "1"], d)
    time.sleep(delay)
    b = ctx.launch([*common, "--out", "b", "--sampler-seed", "2"], d)
    procs = [a.wait(300), b.wait(300)]
    fig = {"race": i, "crashed": 0, "expected": 4, "recorded": None, "lost": None}
    ctx.figures["tune"].append(fig)
    worst = None
    for p, who in zip(procs, ("first", "second")):
        kind, line = verdict(p)
        if kind != "ok":
            fig["crashed"] += 1
            worst = worst or ((TRACEBACK if kind in ("traceback", "crash", "other") else
                               SILENT if kind == "timeout" else WRONG), f"the {who} process: {line}")
    try:
        study = _study(storage, "race")
    except Exception as err:  # noqa: BLE001
        return worst or (SILENT, f"no study in {storage}: {err}")
    states = collections.Counter(t.state.name for t in study.trials)
    done = states.get("COMPLETE", 0) + states.get("PRUNED", 0)
    fig["recorded"], fig["lost"] = done, 4 - done
    summary = f"{len(study.trials)} trials ({', '.join(f'{n} {s.lower()}' for s, n in sorted(states.items()))})"
    if worst:
        return worst[0], f"{worst[1]}; {summary}"
    if done != 4 or len(study.trials) != 4:
        return SILENT, f"4 trials run, {summary}"
    return CLEAN, f"both finished; {summary}"


# -- concurrency --------------------------------------------------------------------------------------

def one_of_two(ctx, pa: Proc, pb: Proc) -> tuple[str | None, str]:
    """Exactly one succeeded, the other refused in one line: (None, what the loser said); else the
    outcome and why."""
    verdicts = [verdict(pa), verdict(pb)]
    for kind, line in verdicts:
        if kind in ("traceback", "crash", "other"):
            return TRACEBACK, line
        if kind == "timeout":
            return SILENT, f"hang: {line}"
    oks = [v for v in verdicts if v[0] == "ok"]
    if len(oks) == 2:
        return SILENT, "both succeeded on one folder"
    if not oks:
        return WRONG, f"both refused: {verdicts[0][1]} / {verdicts[1][1]}"
    return None, next(line for kind, line in verdicts if kind == "refused")


def _concurrency_cases():
    k = "concurrency"

    def two_resumes(ctx):
        d = ctx.case_dir(k, "two resumes")
        proj = ctx.copy_interrupted(d)
        a, b = ctx.launch(["fit", "--resume", "runs/r"], proj), ctx.launch(["fit", "--resume", "runs/r"], proj)
        outcome, said = one_of_two(ctx, a.wait(240), b.wait(240))
        if outcome:
            return outcome, said
        problem = run_problem(proj / "runs/r", ctx.ref(True)["run"])
        return (SILENT, problem) if problem else (CLEAN, f"one resumed to the uninterrupted weights; the other: {said}")
    CASES.append(Case(k, "two resumes of one interrupted run at once", two_resumes, quick=True))

    def resume_while_running(ctx):
        d = ctx.case_dir(k, "resume while running")
        ref = ctx.ref(True)
        (d / "data").mkdir()
        shutil.copy(ctx.long, d / "data" / "long.csv")
        fit = ctx.launch([*ref["args"], "--epochs", "40", "--out", "run"], d)  # long enough to be running still
        while not (d / "run" / "config.json").exists() and not fit.poll():
            time.sleep(0.005)
        p = ctx.cli(["fit", "--resume", "run"], d)
        first = fit.wait(240)
        kind, line = verdict(p)
        if kind == "ok":
            return SILENT, "the resume ran beside the fit it resumes"
        if kind != "refused":
            return judge(p)
        if first.rc != 0:
            return TRACEBACK if verdict(first)[0] != "refused" else WRONG, f"the fit: {verdict(first)[1]}"
        problem = run_problem(d / "run")
        return (SILENT, problem) if problem else (CLEAN, f"refused: {line}; the fit finished, its run complete")
    CASES.append(Case(k, "a resume while its fit still runs", resume_while_running))

    def two_default_folders(ctx):
        d = ctx.case_dir(k, "two default folders")
        args = ["fit", ctx.sine, "--target", "y", "--features", "x", *SMALL]
        a, b = ctx.launch(args, d), ctx.launch(args, d)
        procs = [a.wait(240), b.wait(240)]
        for p in procs:
            if p.rc != 0:
                return judge(p, "ok")
        runs = sorted((d / "runs").iterdir())
        if len(runs) != 2:
            return SILENT, f"two fits made {len(runs)} run folder(s): {[r.name for r in runs]}"
        for run in runs:
            problem = run_problem(run, ctx.base())
            if problem:
                return SILENT, f"{run.name}: {problem}"
        return CLEAN, f"two complete runs: {', '.join(r.name for r in runs)}"
    CASES.append(Case(k, "two fits without --out in one folder", two_default_folders))

    def two_backtests(ctx):
        d = ctx.case_dir(k, "two backtests")
        args = ["backtest", ctx.sine, "--target", "y", *SMALL, "--n-windows", "2", "--out", "bt"]
        a = ctx.launch(args, d)
        time.sleep(0.5)
        b = ctx.launch(args, d)
        outcome, said = one_of_two(ctx, a.wait(240), b.wait(240))
        if outcome:
            return outcome, said
        missing = [f for f in ("forecasts.csv", "metrics.json", "report.html") if not (d / "bt" / f).is_file()]
        left = leftovers(d)
        if missing or left:
            return SILENT, f"missing {missing}, left over {left}"
        return CLEAN, f"one backtest written; the other: {said}"
    CASES.append(Case(k, "two backtests on one --out", two_backtests))

    def two_predicts(ctx):
        d = ctx.case_dir(k, "two predicts")
        args = ["predict", str(ctx.base()), ctx.sine, "--out", "f.csv"]
        a, b = ctx.launch(args, d), ctx.launch(args, d)
        for p in (a.wait(120), b.wait(120)):
            if p.rc != 0:
                return judge(p, "ok")
        text = (d / "f.csv").read_text()
        problem = forecast_problem(text) or ("the CSV differs from the forecast on stdout"
                                             if text != ctx.base_forecast else None)
        left = leftovers(d)
        if problem or left:
            return SILENT, problem or f"left over {left}"
        return CLEAN, "both wrote the same complete CSV"
    CASES.append(Case(k, "two predicts writing one --out CSV", two_predicts))

    def two_tunes_one_out(ctx):
        d = ctx.case_dir(k, "two tunes one out")
        args = ["tune", ctx.sine, "--target", "y", *TUNE, "--out", "t"]
        a = ctx.launch([*args, "--sampler-seed", "1"], d)
        b = ctx.launch([*args, "--sampler-seed", "2"], d)
        procs = [a.wait(300), b.wait(300)]
        verdicts = [verdict(p) for p in procs]
        for kind, line in verdicts:
            if kind in ("traceback", "crash", "other", "timeout"):
                return (SILENT if kind == "timeout" else TRACEBACK), line
        oks = sum(kind == "ok" for kind, _ in verdicts)
        if oks == 0:
            return WRONG, f"both refused: {verdicts[0][1]}"
        study = _study(f"sqlite:///{d / 't' / 'study.db'}", "rnncast")
        done = sum(t.state.name in ("COMPLETE", "PRUNED") for t in study.trials)
        rows = len((d / "t" / "trials.csv").read_text().strip().splitlines()) - 1
        if done != 2 * oks or rows != done or leftovers(d):
            return SILENT, (f"{oks} finished, {done} trials done of {2 * oks}, trials.csv lists {rows}"
                            f"{', left over ' + str(leftovers(d)) if leftovers(d) else ''}")
        said = ("the other refused: " + next(line for kind, line in verdicts if kind == "refused")) if oks == 1 else \
            "both added their trials to the one study, trials.csv lists all"
        return CLEAN, said
    CASES.append(Case(k, "two tunes on one new --out", two_tunes_one_out))

    def overwrite_while_writing(ctx):
        d = ctx.case_dir(k, "overwrite while writing")
        ref = ctx.ref(False)
        (d / "data").mkdir()
        shutil.copy(ctx.long, d / "data" / "long.csv")
        fit = ctx.launch([*ref["args"], "--epochs", "40", "--out", "run"], d)
        while not (d / "run" / "config.json").exists() and not fit.poll():
            time.sleep(0.005)
        p = ctx.cli(["fit", ctx.sine, "--target", "y", *SMALL, "--overwrite", "--out", "run"], d)
        first = fit.wait(240)
        kind, line = verdict(p)
        if kind == "ok":
            return SILENT, "--overwrite replaced a run while its fit was writing it"
        if kind != "refused":
            return judge(p)
        if first.rc != 0:
            return judge(first, "ok")
        problem = run_problem(d / "run")
        if not problem and json.loads((d / "run" / "config.json").read_text())["settings"]["epochs"] != 40:
            problem = "the run is not the first fit's"
        return (SILENT, problem) if problem else (CLEAN, f"refused: {line}; the first fit finished intact")
    CASES.append(Case(k, "fit --overwrite while another fit writes that --out", overwrite_while_writing))


# ---- running and recording --------------------------------------------------------------------------

@dataclass
class Result:
    kind: str
    case: str
    outcome: str
    detail: str
    seconds: float


def run_case(ctx: Ctx, c: Case) -> Result:
    start = time.perf_counter()
    try:
        outcome, detail = c.fn(ctx)
    except FixtureFailed as err:
        outcome, detail = HARNESS, str(err)
    except Exception as err:  # noqa: BLE001  the script's own failure, never counted as rnncast's
        import traceback

        outcome, detail = HARNESS, f"{type(err).__name__}: {err} ({traceback.format_exc().splitlines()[-3].strip()})"
    detail = re.sub(r"\s+", " ", str(detail)).strip().replace(str(ctx.root), "$SCRATCH")  # the temp folder's name
    return Result(c.kind, c.name, outcome, detail, time.perf_counter() - start)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import importlib.metadata as md

        torch_version = md.version("torch")
    except Exception:  # noqa: BLE001
        torch_version = "?"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, torch {torch_version}; load average {load:.1f} at the start")


def git(*args) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:  # noqa: BLE001
        return ""


def write_record(out: Path, results: list[Result], ctx: Ctx, argv: list[str], started: str, seconds: float,
                 quick: bool, note_machine: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "attack.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["kind", "case", "outcome", "detail", "seconds"])
        for r in results:
            writer.writerow([r.kind, r.case, r.outcome, r.detail, f"{r.seconds:.1f}"])
    commit = git("rev-parse", "--short", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--", "src")
    commit_text = f"`{commit}`" + (" with uncommitted changes in src/ (`git status` lists "
                                   f"{len(dirty.splitlines())} path(s))" if dirty else "")
    lines = [f"# Attack on rnncast: bad input, tampered models, kill -9, concurrent runs{' (--quick)' if quick else ''}",
             "",
             f"* date: {started} (UTC); {seconds / 60:.1f} min",
             f"* commit: {commit_text}",
             f"* machine: {note_machine}",
             f"* command: `{' '.join(shlex.quote(a) for a in argv)}` (from the repository root)",
             "* data: generated in a temporary folder, written `$SCRATCH` in the details (removed at the end; `--keep` "
             "keeps it)",
             "* classification: **clean** = exit 2 with one `rnncast: error:` line (or argparse's one line) and no "
             "traceback, the API raising `RnncastError`, or a success whose result was checked; **traceback** = a "
             "traceback, another exception type, a crash, or a failure of more than one line; **silent wrong** = no "
             "error but a wrong result (a run or model changed or lost, NaN forecasts, a lost trial, a truncated or "
             "left-over file, a payload that ran, a hang, a refusal costing more memory than a forecast); **wrong "
             "refusal** = a one-line refusal of what should work, or one that misses what it must name.",
             "", "## Per kind", "",
             "| kind | cases | clean | traceback | silent wrong | wrong refusal |",
             "|---|---:|---:|---:|---:|---:|"]
    totals = collections.Counter()
    harness = [r for r in results if r.outcome in (HARNESS, SKIPPED)]
    for kind in KINDS:
        rows = [r for r in results if r.kind == kind and r.outcome not in (HARNESS, SKIPPED)]
        if not rows:
            continue
        count = collections.Counter(r.outcome for r in rows)
        totals.update(count)
        totals["cases"] += len(rows)
        lines.append(f"| {kind} | {len(rows)} | " + " | ".join(str(count.get(o, 0)) for o in OUTCOMES) + " |")
    lines.append(f"| **all** | **{totals['cases']}** | " + " | ".join(f"**{totals.get(o, 0)}**" for o in OUTCOMES) + " |")
    if harness:
        lines += ["", f"{len(harness)} case(s) skipped or not run by the script (not counted above):", ""]
        lines += [f"* {r.kind}: {r.case}: *{r.outcome}*: {r.detail}" for r in harness]

    kills = [f for f in ctx.figures["kill"]]
    refs = {f: ctx._fixtures.get(f"ref-{f}") for f in (False, True)}
    if kills and all(isinstance(r, dict) for r in refs.values()):
        done = [f for f in kills if "outcome" in f]
        phases = collections.Counter(f.get("phase", "?").split(",")[0] for f in kills)
        lines += ["", "## kill -9 and --resume", "",
                  f"* trials: {len(kills)} ({sum(f['features'] for f in kills)} with --features x); `rnncast fit "
                  f"{' '.join(refs[False]['args'][1:])}` killed with SIGKILL at a random moment of one of five spans "
                  "of its life, in turn: " + "; ".join(w for _, _, w in PHASES) + " (the span's length in the "
                  "uninterrupted run, stretched by how much later this trial reached the span's first file: the "
                  "machine is shared); every fifth trial kills the recovery once too; every third resumes from "
                  "another folder by the absolute path",
                  "* uninterrupted runs: " + "; ".join(
                      f"{'with' if f else 'without'} --features: config.json at {refs[f]['config']:.2f} s, the first "
                      f"checkpoint at {refs[f]['checkpoint']:.2f} s, metrics.json at {refs[f]['metrics']:.2f} s, "
                      f"report.html at {refs[f]['report']:.2f} s, exit at {refs[f]['end']:.2f} s" for f in (False, True)),
                  "* where the kills fell (by the files the run held): "
                  + ", ".join(f"{n} {p}" for p, n in phases.most_common()),
                  f"* a file at its final name truncated by a kill: {sum(f.get('truncated', False) for f in kills)} "
                  f"of {len(kills)}",
                  f"* temporary files left by the kill (before the recovery swept them): "
                  f"{sum(f.get('temps_after_kill', 0) > 0 for f in kills)} of {len(kills)} run folders",
                  f"* recovered (resume, or the same fit again when the kill came before config.json) to weights "
                  f"bit-identical to the uninterrupted run, complete, nothing left over: "
                  f"{sum(f.get('identical', False) for f in kills)} of {len(kills)}",
                  f"* temporary or lock files left after the recovery: {sum(f.get('left_over', False) for f in done)}"]
    races = ctx.figures["race"]
    if races:
        lines += ["", "## Two fits on one --out", "",
                  f"* races: {len(races)} (the second fit 0-2.5 s after the first; {sum(r['overwrite'] for r in races)} "
                  "with --overwrite over an earlier run)",
                  f"* exactly one proceeded, the other refused in one line: {sum(r.get('one', False) for r in races)} "
                  f"of {len(races)}; both, one after the other (--overwrite, the second once the first let the folder "
                  f"go): {sum(r.get('serial', False) for r in races)}",
                  "* the folder one complete run, all of it one fit's (the second fit has --seed 1, so a mixed folder "
                  "shows), with that fit's uninterrupted weights: "
                  f"{sum(r.get('consistent', False) for r in races)} of {len(races)}"]
    tunes = ctx.figures["tune"]
    if tunes:
        lines += ["", "## Two tunes on one new SQLite study", "",
                  f"* launches: {len(tunes)} (two `rnncast tune --trials 2` each, one new study file each)",
                  f"* processes that did not finish: {sum(t['crashed'] for t in tunes)} of {2 * len(tunes)}",
                  f"* trials lost: {sum(t['lost'] or 0 for t in tunes)} of {4 * len(tunes)}"
                  + ("" if all(t['recorded'] is not None for t in tunes) else " (a study could not be read)")]
    if ctx.rss:
        rows = list(ctx.rss.items())
        refused = [r for _, r in rows if r[3]]
        lines += ["", "## Tampered model folders and checkpoints", "",
                  f"* cases: {len(rows)}; refused in one line: {len(refused)}; a payload (pickle or torch.save) run: "
                  f"{sum(r[4] for _, r in rows)}; the others are edits that leave a valid model (files beside it, a "
                  "finite weight with its checksum recomputed, zeroed bytes without a checksum) and must forecast "
                  "finite values (the files beside it: exactly the untouched forecast)",
                  f"* peak RSS of a refusing `rnncast predict`: at most {max([r[1] for r in refused if r[5] == 'predict'] or [0]):.0f} MB; "
                  f"a forecast by the untouched folder peaks at {ctx.base_rss:.0f} MB (a refusal above "
                  f"max(1.25 x, +{RSS_MARGIN_MB} MB) of it counts as silent wrong)", "",
                  "| case | command | outcome | refused | peak RSS (MB) | seconds |", "|---|---|---|---|---:|---:|"]
        for name, (outcome, rss, secs, was_refused, ran, command) in rows:
            lines.append(f"| {name} | {command} | {outcome} | {'yes' if was_refused else 'no'} | {rss:.0f} | {secs:.1f} |")
    bad = [r for r in results if r.outcome not in (CLEAN, HARNESS, SKIPPED)]
    lines += ["", f"## Cases not clean ({len(bad)})", ""]
    if bad:
        for kind in KINDS:
            for r in (r for r in bad if r.kind == kind):
                lines.append(f"* **{r.kind}**, {r.case}: *{r.outcome}*: {r.detail}")
    else:
        lines.append("None.")
    lines += ["", "Every case, with its detail and seconds, is in `attack.csv`.", ""]
    (out / "attack.md").write_text("\n".join(lines))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one case per kind, 2 kill trials, 1 race of each kind")
    parser.add_argument("--out", type=Path, help="folder for attack.csv and attack.md "
                        "(default: benchmarks/reliability/results/; --quick: a temporary folder)")
    parser.add_argument("--kill-trials", type=int, default=30)
    parser.add_argument("--races", type=int, default=10, help="two fits on one --out")
    parser.add_argument("--tune-races", type=int, default=6, help="two tunes on one new SQLite study")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (kill trials and races run alone)")
    parser.add_argument("--seed", type=int, default=0, help="kill moments and race delays")
    parser.add_argument("--kinds", help="only these kinds, comma-separated (e.g. 'tamper,kill -9')")
    parser.add_argument("--match", help="only the cases whose name matches this regular expression")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    args = parser.parse_args(argv)
    global NOBODY
    NOBODY = _nobody_prefix()
    if not Path(RNNCAST).exists():
        sys.exit(f"no rnncast command beside {sys.executable}; run with the project's environment (.venv/bin/python)")
    if args.quick:
        args.kill_trials, args.races, args.tune_races = min(args.kill_trials, 2), min(args.races, 1), min(args.tune_races, 1)
    out = args.out or (Path(tempfile.mkdtemp(prefix="rnncast-attack-quick-")) if args.quick else DEFAULT_OUT)
    kinds = [k.strip() for k in args.kinds.split(",")] if args.kinds else KINDS
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        sys.exit(f"unknown kind(s) {unknown}; known: {', '.join(KINDS)}")

    for register in (_data_cases, _cli_cases, _api_cases, _overwrite_cases, _tamper_cases, _divergence_cases,
                     _kill_point_cases, _resume_path_cases, _concurrency_cases):
        register()
    cases = [c for c in CASES if c.kind in kinds]
    if args.quick:
        cases = [c for c in cases if c.quick]
    if args.match:
        cases = [c for c in cases if re.search(args.match, c.name)]
    serial_extra = []
    if "kill -9" in kinds:
        for i in range(args.kill_trials):
            serial_extra.append(Case("kill -9", f"trial {i + 1:02d}{' --features x' if i % 2 else ''}",
                                     (lambda i: lambda ctx: kill_trial(ctx, i, features=i % 2 == 1,
                                                                       kill_resume=i % 5 == 4,
                                                                       elsewhere=i % 3 == 2))(i)))
    if "fit race" in kinds:
        serial_extra += [Case("fit race", f"race {i + 1:02d}{' --overwrite' if i % 2 else ''}",
                              (lambda i: lambda ctx: fit_race(ctx, i))(i)) for i in range(args.races)]
    if "tune race" in kinds:
        serial_extra += [Case("tune race", f"launch {i + 1}", (lambda i: lambda ctx: tune_race(ctx, i))(i))
                         for i in range(args.tune_races)]

    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    note_machine = machine()
    root = Path(tempfile.mkdtemp(prefix="rnncast-attack-"))
    t0 = time.perf_counter()
    results: list[Result] = []
    print(f"scratch folder {root}; {len(cases) + len(serial_extra)} cases", flush=True)
    try:
        ctx = Ctx(root, args.seed)
        chosen = {c.kind for c in cases + serial_extra}
        needed = [ctx.base]  # the uninterrupted runs are made first, alone, so their timings are of a quiet machine
        if chosen & {"kill -9", "kill points", "resume paths", "concurrency", "tamper"}:
            needed += [lambda: ctx.ref(True), ctx.interrupted]
        if chosen & {"kill -9", "concurrency"}:
            needed.append(lambda: ctx.ref(False))
        if "fit race" in chosen:
            needed.append(ctx.base_seed1)
        for make in needed:
            try:
                make()
            except FixtureFailed as err:
                print(f"fixture failed: {err}", flush=True)
        print(f"[{time.perf_counter() - t0:6.0f} s] fixtures made", flush=True)
        parallel = [c for c in cases if c.kind not in SERIAL_KINDS]
        serial = [c for c in cases if c.kind in SERIAL_KINDS] + serial_extra

        def report(r: Result) -> None:
            results.append(r)
            print(f"[{time.perf_counter() - t0:6.0f} s] {r.kind}: {r.case}: {r.outcome} ({r.seconds:.1f} s)"
                  + ("" if r.outcome == CLEAN else f"\n      {r.detail[:300]}"), flush=True)

        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for r in pool.map(lambda c: run_case(ctx, c), parallel):
                report(r)
        for c in sorted(serial, key=lambda c: KINDS.index(c.kind)):
            report(run_case(ctx, c))
        order = {(c.kind, c.name): n for n, c in enumerate(cases + serial_extra)}
        results.sort(key=lambda r: (KINDS.index(r.kind), order.get((r.kind, r.case), 0)))
        command = [".venv/bin/python", "benchmarks/reliability/attack.py", *(sys.argv[1:] if argv is None else argv)]
        write_record(out, results, ctx, command, started, time.perf_counter() - t0, args.quick, note_machine)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            for path in root.rglob("*"):  # a case may have left a folder without rights (chmod 000)
                if path.is_dir() and not path.is_symlink():
                    try:
                        os.chmod(path, 0o755)
                    except OSError:
                        pass
            shutil.rmtree(root, ignore_errors=True)
    counts = collections.Counter(r.outcome for r in results)
    print(f"wrote {out / 'attack.md'} and attack.csv: " + ", ".join(f"{counts.get(o, 0)} {o}" for o in OUTCOMES)
          + (f", {counts[HARNESS]} {HARNESS}" if counts.get(HARNESS) else ""))
    return 1 if counts.get(HARNESS) else 0


if __name__ == "__main__":
    sys.exit(main())

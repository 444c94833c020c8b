"""``rnncast.cli.main`` (``cli/__init__.py``), the ``rnncast`` command: bad input ends with exit
status 2 and one line ``rnncast: error: ...`` on stderr that names the problem, never a traceback,
and a refused fit leaves no run directory behind.

Commands run in-process (fast). ``cli``, ``fit_args``, the module fixtures ``folder`` and ``run``
(one fitted run directory) and the file helpers serve test_cli_parser.py, test_cli_commands.py,
test_cli_fitting.py, test_cli_tuning.py and scenarios/test_cli_fit_predict.py too.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster
from rnncast.cli import main
from rnncast.data import read_table

ROWS, LOOKBACK, HORIZON, EPOCHS = 400, 24, 6, 3
SMALL = ["--hidden-size", "8", "--batch-size", "64", "--lr", "0.01", "--device", "cpu"]


def fit_args(data, out, *extra) -> list[str]:
    """``rnncast fit DATA --out OUT`` with the small settings, those ``extra`` gives replaced by its own:
    a setting flag given twice with two values is refused."""
    base = ["--target", "y", "--lookback", str(LOOKBACK), "--horizon", str(HORIZON), *SMALL]
    given = {str(a) for a in extra if str(a).startswith("--")}
    pairs = [base[i:i + 2] for i in range(0, len(base), 2)]
    return ["fit", str(data), "--out", str(out), *[a for pair in pairs if pair[0] not in given for a in pair], *extra]


def cli(capsys, *args) -> tuple[int, str, str]:
    """Run ``rnncast ARGS`` in-process; return (exit status, stdout, stderr)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse refuses with SystemExit
        code = exit_.code
    except Exception as err:  # the installed command would print a traceback here
        pytest.fail(f"rnncast {' '.join(map(str, args))} raised {err!r} instead of printing one error line")
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """data.csv: 400 hourly rows with date, y (target) and x (feature)."""
    folder = tmp_path_factory.mktemp("cli")
    make_frame(ROWS).to_csv(folder / "data.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def run(folder) -> tuple[Path, str]:
    """``rnncast fit data.csv --features x --epochs 3 ...`` once for the module; (run dir, stdout)."""
    out = folder / "run"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(fit_args(folder / "data.csv", out, "--features", "x", "--epochs", str(EPOCHS)))
    assert code == 0, stderr.getvalue()
    return out, stdout.getvalue()


# ---- bad input: exit 2, one line naming the problem, no traceback -----------------------------

def _csv(folder: Path, name: str, change=None, rows: int = 200) -> Path:
    frame = make_frame(rows)
    if change is not None:
        frame = change(frame) or frame
    path = folder / name
    frame.to_csv(path, index=False)
    return path


def _set(column, row, value):
    def change(frame):
        if isinstance(value, str):
            frame[column] = frame[column].astype(object)
        frame.loc[row, column] = value
    return change


def _swap_dates(frame):
    frame.loc[[8, 9], "date"] = frame.loc[[9, 8], "date"].to_numpy()


def _duplicate_date(frame):
    frame.loc[9, "date"] = frame.loc[8, "date"]


def _empty_csv(folder: Path) -> Path:
    (folder / "e.csv").write_text("")
    return folder / "e.csv"


def _latin1_csv(folder: Path) -> Path:
    path = folder / "l.csv"
    path.write_bytes("date,y,température\n2024-01-01,1.0,2.0\n".encode("latin-1"))
    return path


def _spaced_csv(folder: Path) -> Path:
    path = folder / "sp.csv"
    make_frame(100)[["y", "x"]].to_csv(path, index=False, sep=" ")
    return path


def _csv_without_x(folder: Path) -> Path:
    make_frame(100)[["date", "y"]].to_csv(folder / "p.csv", index=False)
    return folder / "p.csv"


def _bad_model(run_dir: Path, tmp: Path, edit) -> Path:
    copy = tmp / "badrun"
    shutil.copytree(run_dir, copy)
    edit(copy / "model")
    return copy


def _edit_json(**changes):
    def edit(model):
        meta = json.loads((model / "model.json").read_text())
        for dotted, value in changes.items():
            *path, key = dotted.split(".")
            node = meta
            for part in path:
                node = node[part]
            node[key] = value
        (model / "model.json").write_text(json.dumps(meta))
    return edit


def _long_csv(folder: Path, name: str, change=None, lengths=(120, 160)) -> Path:
    """Three series in long format (unique_id, ds, y) with an 'hour' column."""
    frame = make_panel(3, lengths=lengths, seed=5)
    frame["hour"] = frame["ds"].dt.hour.astype(float)
    if change is not None:
        frame = change(frame) or frame
    frame.to_csv(folder / name, index=False)
    return folder / name


def _duplicate_ds_in_s001(frame):
    rows = frame.index[frame.unique_id == "s001"]
    frame.loc[rows[6], "ds"] = frame.loc[rows[5], "ds"]


def _panel_model(folder: Path) -> Path:
    """A model of three series with the future-known covariate 'hour' (made once per module folder)."""
    model = folder / "panel-model"
    if not model.exists():
        data = read_table(_long_csv(folder, "panel.csv"))
        Forecaster(**{**TINY, "epochs": 1}).fit(data, future_covariates=["hour"]).save(model)
    return model


def _future_csv(folder: Path, drop_last: bool) -> Path:
    frame = read_table(_long_csv(folder, "panel.csv"))
    frame["ds"] = pd.to_datetime(frame["ds"])
    rows = []
    for uid, g in frame.groupby("unique_id"):
        ds = g["ds"].max() + pd.Timedelta(hours=1) * np.arange(1, TINY["horizon"] + 1)
        rows.append(pd.DataFrame({"unique_id": uid, "ds": ds, "hour": 0.0}))
    future = pd.concat(rows)
    future = future.iloc[:-1] if drop_last else future
    future.to_csv(folder / "future.csv", index=False)
    return folder / "future.csv"


def _toml(folder: Path, text: str) -> Path:
    (folder / "run.toml").write_text(text)
    return folder / "run.toml"


# Each case: (tmp folder, module folder, run dir) -> argv; then what the message must contain.
BAD_INPUT = {
    "missing file": (lambda t, f, r: fit_args(t / "nope.csv", t / "o"), ["file not found", "nope.csv"]),
    "empty file": (lambda t, f, r: fit_args(_empty_csv(t), t / "o"), ["e.csv", "empty"]),
    "unknown target column": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--target", "z"],
                              ["'z' not found", "available columns: date, y, x"]),
    "unknown feature column": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--features", "x,w"],
                               ["'w' not found", "available columns: date, y, x"]),
    "non-numeric target": (lambda t, f, r: fit_args(_csv(t, "s.csv", _set("y", 5, "abc")), t / "o"),
                           ["column 'y'", "not numeric", "line 7 of s.csv", "'abc'"]),
    "too short": (lambda t, f, r: fit_args(_csv(t, "short.csv", rows=40), t / "o"),
                  ["too short", "40 rows", "lookback 24", "horizon 6"]),
    "nan": (lambda t, f, r: fit_args(_csv(t, "n.csv", _set("x", 10, np.nan)), t / "o", "--features", "x"),
            ["column 'x'", "line 12 of n.csv", "--fill ffill|interpolate|zero|drop"]),
    "lookback 0": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--lookback", "0"), ["lookback", "positive"]),
    "lookback -5": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--lookback", "-5"), ["lookback", "-5"]),
    "epochs 0": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--epochs", "0"], ["epochs", "positive"]),
    "horizon 0": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--horizon", "0"), ["horizon", "positive"]),
    "batch-size -1": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--batch-size", "-1"), ["batch_size", "-1"]),
    "+inf": (lambda t, f, r: fit_args(_csv(t, "i.csv", _set("y", 7, np.inf)), t / "o"),
             ["column 'y'", "infinite", "line 9 of i.csv"]),
    "-inf": (lambda t, f, r: fit_args(_csv(t, "j.csv", _set("y", 7, -np.inf)), t / "o"),
             ["column 'y'", "infinite", "line 9 of j.csv"]),
    "duplicated timestamps": (lambda t, f, r: fit_args(_csv(t, "d.csv", _duplicate_date), t / "o"),
                              ["duplicated timestamp", "2024-01-01 08:00:00"]),
    "unsorted timestamps": (lambda t, f, r: fit_args(_csv(t, "u.csv", _swap_dates), t / "o"), ["not sorted"]),
    "latin-1 encoded file": (lambda t, f, r: fit_args(_latin1_csv(t), t / "o"), ["l.csv", "not UTF-8", "save it as 'CSV UTF-8'"]),
    "space-separated file": (lambda t, f, r: fit_args(_spaced_csv(t), t / "o"),
                             ["'y' not found", "single column", "separated by commas"]),
    "all-NaN column": (lambda t, f, r: fit_args(_csv(t, "a.csv", _set("x", slice(None), np.nan)), t / "o", "--features", "x"),
                       ["column 'x'", "no values at all"]),
    "non-numeric feature": (lambda t, f, r: fit_args(_csv(t, "g.csv", _set("x", 30, "n/a?")), t / "o", "--features", "x"),
                            ["column 'x'", "not numeric", "line 32 of g.csv"]),
    "time column named as a feature": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--features", "date,x"),
                                       ["column 'date' holds timestamps", "line 2 of data.csv", "time axis",
                                        "--features", "--time-col"]),
    "predict file lacks a column": (lambda t, f, r: ["predict", r, _csv_without_x(t)],
                                    ["'x' not found", "available columns: date, y"]),
    "model without weights": (
        lambda t, f, r: ["predict", _bad_model(r, t, lambda m: (m / "weights.safetensors").unlink()), f / "data.csv"],
        ["missing weights.safetensors"]),
    "other format_version": (
        lambda t, f, r: ["predict", _bad_model(r, t, _edit_json(format_version=5)), f / "data.csv"],
        ["format version 5", "reads version 1, 2, 3 and 4: it was written by a newer rnncast: upgrade rnncast"]),
    "calendar hand-edited": (
        lambda t, f, r: ["predict", _bad_model(r, t, _edit_json(calendar={"kind": "datetime", "freq": "garbage"})),
                         f / "data.csv"], ["badrun"]),
    "unknown id column": (lambda t, f, r: fit_args(_long_csv(t, "long.csv"), t / "o") + ["--id-col", "store"],
                          ["id column 'store' not found", "available columns: unique_id, ds, y, hour", "--id-col"]),
    "every series too short": (lambda t, f, r: fit_args(_long_csv(t, "s.csv", lengths=(30, 40)), t / "o"),
                               ["every series is too short", "'s000' (", "rows)", "at least"]),
    "duplicate ds within a series": (lambda t, f, r: fit_args(_long_csv(t, "dd.csv", _duplicate_ds_in_s001), t / "o"),
                                     ["duplicated timestamp", "in series 's001'", "of dd.csv"]),
    "future covariates missing at predict": (
        lambda t, f, r: ["predict", _panel_model(f), _long_csv(t, "panel.csv")],
        ["future values of its future covariates ['hour']", "--future FILE", "'unique_id' and 'ds'"]),
    "future for a model without future covariates": (  # it said "future= ... (future_covariates=, ...)": Python's words
        lambda t, f, r: ["predict", r, f / "data.csv", "--future", f / "data.csv"],
        ["--future was given but the model was trained without future covariates (--future-covariates, or --features "
         "with --future-known at fit)"]),
    "future file lacks a step": (
        lambda t, f, r: ["predict", _panel_model(f), _long_csv(t, "panel.csv"), "--future", _future_csv(t, drop_last=True)],
        ["['hour'] are missing for series 's002'", "1 of 9 series-steps"]),
    "backtest cutoffs beyond the data": (
        lambda t, f, r: ["backtest", _long_csv(t, "b.csv"), "--n-windows", "100", "--lookback", "24", "--horizon", "6",
                         "--device", "cpu", "--out", t / "o"],
        ["every series is too short", "'s000' (", "up to the first of 100 cutoffs 6 steps apart"]),
    "config file missing": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--config", t / "nope.toml"),
                            ["config file not found", "nope.toml"]),
    "config not TOML": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--config", _toml(t, "cell = gru\n")),
                        ["run.toml", "not valid TOML"]),
    "config unknown key": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--config", _toml(t, "cells = 'gru'\n")),
                           ["unknown key 'cells'", "accepted keys:", "cell", "hidden_size"]),
    "config and resume": (lambda t, f, r: ["fit", "--resume", r, "--config", _toml(t, "")], ["--resume", "--config"]),
    "export without a run": (lambda t, f, r: ["export", t / "nope", "--onnx", t / "m.onnx"],
                             ["model folder not found", "nope", "run directory"]),
    "tune trials 0": (lambda t, f, r: ["tune", f / "data.csv", "--target", "y", "--trials", "0", "--out", t / "o"],
                      ["trials (--trials) must be a positive integer", "got 0"]),
    "tune unknown target": (lambda t, f, r: ["tune", f / "data.csv", "--target", "z", "--trials", "1", "--out", t / "o"],
                            ["'z' not found", "available columns: date, y, x"]),
    "seed -1": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--seed", "-1"),
                ["seed (--seed) -1 is out of range: accepted are whole numbers from 0 to 2**63 - 1"]),
    "seed 2**64": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--seed", str(2 ** 64)),  # torch: an overflow
                   ["seed (--seed) 18446744073709551616 is out of range", "0 to 2**63 - 1"]),
    "hidden-size huge": (lambda t, f, r: fit_args(f / "data.csv", t / "o", "--hidden-size", "9" * 23),  # torch: C++ dump
                         ["hidden_size (--hidden-size) 99999999999999999999999 is out of range", "from 1 to 1048576"]),
    "backtest n-windows huge": (
        lambda t, f, r: ["backtest", f / "data.csv", "--target", "y", "--n-windows", "9" * 23, "--out", t / "o"],
        ["n_windows (--n-windows) 99999999999999999999999 is out of range: accepted are whole numbers from 1 to 2**63 - 1"]),
    "backtest n-windows 0": (  # the flag named, not only the keyword (decision 548)
        lambda t, f, r: ["backtest", f / "data.csv", "--target", "y", "--n-windows", "0", "--out", t / "o"],
        ["n_windows (--n-windows) must be a positive integer, got 0"]),
    "backtest step huge": (
        lambda t, f, r: ["backtest", f / "data.csv", "--target", "y", "--step", "9" * 23, "--out", t / "o"],
        ["step (--step) 99999999999999999999999 is out of range: accepted are whole numbers from 1 to 2**63 - 1"]),
    "tune sampler-seed huge": (
        lambda t, f, r: ["tune", f / "data.csv", "--target", "y", "--trials", "1", "--sampler-seed", "9" * 23,
                         "--out", t / "o"], ["sampler_seed (--sampler-seed) 99999999999999999999999 is out of range", "0 to 2**32 - 1"]),
    "predict threads huge": (lambda t, f, r: ["predict", r, f / "data.csv", "--threads", "9" * 23],  # was clamped, warned
                             ["threads (--threads) must be an integer from 0 to 1024", "got 99999999999999999999999"]),
    "demo seed -1": (lambda t, f, r: ["demo", "--seed", "-1", "--out", t / "o"], ["seed (--seed) -1 is out of range"]),
    "wide data with static columns": (
        lambda t, f, r: ["fit", _wide_csv(t), "--series", "a,b", "--static-covariates", "c", "--lookback", "8",
                         "--horizon", "2", "--out", t / "o"],
        ["static covariates named as columns", "--static FILE", "'unique_id' holding the series' column names ('a', 'b')"]),
    "time column named cutoff": (
        lambda t, f, r: ["backtest", _csv(t, "cut.csv", lambda fr: fr.insert(0, "cutoff", fr.pop("date"))), "--target",
                         "y", "--time-col", "cutoff", "--lookback", "8", "--horizon", "2", "--out", t / "o"],
        ["the time column is named 'cutoff', the name rnncast writes for each window's cutoff",
         "rename the column 'cutoff' in the data"]),
    "targets y and y_hat": (
        lambda t, f, r: ["fit", _csv(t, "hat.csv", lambda fr: fr.insert(3, "y_hat", fr["x"] * 2)), "--target", "y,y_hat",
                         "--lookback", "8", "--horizon", "2", "--out", t / "o"],
        ["the target column is named 'y_hat', the name rnncast writes for the forecast of target 'y'"]),
    "wide series all with a unique_id column": (
        lambda t, f, r: ["fit", _csv(t, "uid.csv", lambda fr: fr.insert(3, "unique_id", fr["x"] * 3)), "--series", "all",
                         "--lookback", "8", "--horizon", "2", "--out", t / "o"],
        ["a series column cannot be named 'unique_id' (series 'all' takes it as one)", "rename it"]),
    "hidden_size edited": (
        lambda t, f, r: ["evaluate", _bad_model(r, t, _edit_json(**{"network.hidden_size": 16})), f / "data.csv"],
        ["weights.safetensors", "shape"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_exits_2_with_an_error_naming_the_problem(capsys, tmp_path, folder, run, case):
    make_argv, expected = BAD_INPUT[case]
    code, out, err = cli(capsys, *make_argv(tmp_path, folder, run[0]))
    assert code == 2
    assert "Traceback" not in out + err
    errors = [line for line in err.splitlines() if line.startswith("rnncast: error:")]
    assert len(errors) == 1, err
    assert err.rstrip("\n").endswith(errors[0])  # the error is the last thing said
    for text in expected:
        assert text in errors[0], (text, errors[0])


REFUSED_FITS = ["unknown target column", "nan", "lookback 0", "duplicated timestamps",
                "unknown id column", "every series too short", "duplicate ds within a series", "seed -1",
                "wide data with static columns", "demo seed -1", "backtest step huge", "tune sampler-seed huge",
                "time column named cutoff", "targets y and y_hat", "wide series all with a unique_id column"]


def _wide_csv(t: Path) -> Path:
    """wide.csv: 80 daily rows of series a and b and a column c (as the finding's file)."""
    rng = np.random.default_rng(4)
    path = t / "wide.csv"
    pd.DataFrame({"date": pd.date_range("2020-01-01", periods=80, freq="D").strftime("%Y-%m-%d"),
                  **{c: rng.random(80) for c in "abc"}}).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("case", REFUSED_FITS)
def test_refused_fit_leaves_no_run_directory(capsys, tmp_path, folder, run, case):
    """A fit refused for bad data or bad settings writes nothing: no half-made run directory at --out."""
    make_argv, _ = BAD_INPUT[case]
    assert cli(capsys, *make_argv(tmp_path, folder, run[0]))[0] == 2
    assert not (tmp_path / "o").exists(), sorted(p.name for p in (tmp_path / "o").iterdir())


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_prints_nothing_on_stderr_but_the_error_line(capsys, tmp_path, folder, run, case):
    """The contract of cli.py: bad input ends with ONE line on stderr (no progress bar before it)."""
    make_argv, _ = BAD_INPUT[case]
    code, _, err = cli(capsys, *make_argv(tmp_path, folder, run[0]))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("rnncast: error:"), repr(err)


def test_model_json_whose_params_contradict_its_network_is_refused(capsys, folder, run, tmp_path):
    """Editing the visible params.hidden_size only: load must not hand back a model whose settings lie."""
    bad = _bad_model(run[0], tmp_path, _edit_json(**{"params.hidden_size": 16}))
    code, _, err = cli(capsys, "predict", bad, folder / "data.csv")
    assert code == 2, "model.json says hidden_size 16 in params but the network and weights have 8"
    assert "hidden_size" in err


# ---- what the system refuses: one line too ----------------------------------------------------

def _file(folder: Path, name: str = "afile") -> Path:
    (folder / name).write_text("in the way\n")
    return folder / name


# Each case: (tmp folder, module folder, run dir) -> argv; then what the one line must contain (TMP: the tmp folder).
SYSTEM_REFUSALS = {
    "--out names an existing file": (lambda t, f, r: fit_args(f / "data.csv", _file(t)), ["afile"]),
    "--out below a file": (lambda t, f, r: fit_args(f / "data.csv", _file(t) / "run"), ["afile"]),
    "predict --out names a folder": (lambda t, f, r: ["predict", r, f / "data.csv", "--out", t], ["TMP"]),
    "DATA is a folder": (lambda t, f, r: fit_args(t, t / "o"), ["TMP", "is a folder"]),
    "unknown storage plugin": (
        lambda t, f, r: ["tune", f / "data.csv", "--target", "y", "--trials", "1", "--storage", "bogus://x", "--out", t / "o"],
        ["cannot open the study storage bogus://x", "Can't load plugin"]),
    "storage driver missing": (
        lambda t, f, r: ["tune", f / "data.csv", "--target", "y", "--trials", "1", "--storage", "mysql://u@nohost/db",
                         "--out", t / "o"], ["mysql://u@nohost/db", "driver is not installed", "MySQLdb"]),
}


@pytest.mark.parametrize("case", list(SYSTEM_REFUSALS))
def test_what_the_system_refuses_is_one_line_naming_the_path(capsys, tmp_path, folder, run, case):
    if "storage" in case:
        pytest.importorskip("optuna")
    make_argv, expected = SYSTEM_REFUSALS[case]
    code, out, err = cli(capsys, *make_argv(tmp_path, folder, run[0]))
    assert code == 2, err
    errors = [line for line in err.splitlines() if line.startswith("rnncast: error:")]
    assert len(errors) == 1 and err.rstrip("\n").endswith(errors[0]), err
    assert "Traceback" not in out + err
    for text in expected:
        assert text.replace("TMP", str(tmp_path)) in errors[0], (text, errors[0])


def test_an_os_error_names_the_path_the_problem_and_what_to_do(capsys, folder, run, monkeypatch):
    from rnncast.forecaster import Forecaster as Loaded

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/runs/model/model.json")

    monkeypatch.setattr(Loaded, "load", denied)
    code, _, err = cli(capsys, "predict", run[0], folder / "data.csv")
    assert code == 2
    assert err == ("rnncast: error: /srv/runs/model/model.json: Permission denied (check the permissions of the path, "
                   "or give another one)\n")


def test_an_unreadable_folder_on_the_data_path_is_one_line(capsys, tmp_path, monkeypatch):
    """As root, a folder's permissions refuse nothing; Path.exists raising is what a user meets."""
    locked = tmp_path / "locked" / "data.csv"
    real = Path.exists

    def exists(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", exists)
    code, _, err = cli(capsys, *fit_args(locked, tmp_path / "o"))
    assert code == 2
    assert err == (f"rnncast: error: cannot read {locked}: Permission denied; check the permissions of the folders on "
                   "its path\n")


@pytest.mark.parametrize("said, amount", [
    ("[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate "
     "160000000000 bytes. Error code 12 (Cannot allocate memory)", "(149.0 GiB asked for)"),
    ("CUDA out of memory. Tried to allocate 20.00 GiB. GPU 0 has a total capacity of 79.1 GiB", "(20.00 GiB asked for)"),
    (None, ""),  # MemoryError
])
def test_a_network_too_large_for_memory_is_one_line_naming_its_settings(capsys, tmp_path, folder, monkeypatch, said,
                                                                        amount):
    import rnncast.fitting

    def too_large(spec):
        raise MemoryError() if said is None else RuntimeError(said)

    monkeypatch.setattr(rnncast.fitting, "build_net", too_large)
    code, _, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--hidden-size", "100000"))
    assert code == 2
    assert err.startswith(f"rnncast: error: not enough memory for the network or its batches {amount}".rstrip())
    assert err.rstrip("\n").endswith("lower --hidden-size (now 100000), --num-layers, --batch-size (now 64) or "
                                     "--lookback (now 24)") and err.count("\n") == 1
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_any_other_runtime_error_is_a_bug_and_keeps_its_traceback(tmp_path, folder, monkeypatch):
    import rnncast.fitting

    def bug(spec):
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")

    monkeypatch.setattr(rnncast.fitting, "build_net", bug)
    with pytest.raises(RuntimeError, match="shapes cannot be multiplied"):
        main([str(a) for a in fit_args(folder / "data.csv", tmp_path / "o")])


@pytest.mark.parametrize("argv, said", [
    (["fit", "d.csv", "--window-scale", "no"], "--window-scale takes no value, got 'no': write --window-scale to turn it "
                                               "on or --no-window-scale to turn it off"),
    (["fit", "d.csv", "--highway=false"], "--highway takes no value, got 'false'"),
    (["tune", "d.csv", "--no-channel-independent", "YES"], "--no-channel-independent takes no value, got 'YES'"),
])
def test_an_on_off_flag_given_a_value_says_what_to_write(capsys, argv, said):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"rnncast: error: {said}") and err.count("\n") == 1


def test_a_data_file_named_like_a_word_after_an_on_off_flag_is_read_as_data(tmp_path, monkeypatch):
    from rnncast.cli import on_off_misuse

    monkeypatch.chdir(tmp_path)
    assert on_off_misuse(["fit", "--window-scale", "no"]) is not None
    (tmp_path / "no").write_text("y\\n1\\n")
    assert on_off_misuse(["fit", "--window-scale", "no"]) is None


@pytest.mark.parametrize("argv, said", [
    (["fit", "d.csv", "--quantiles", "0.5", "0.9", "0.95", "--epochs", "1"],
     "--quantiles takes one comma-separated value, and 0.9 0.95 were left over: write --quantiles 0.5,0.9,0.95"),
    (["fit", "d.csv", "--quantiles=0.1", "0.9"], "--quantiles takes one comma-separated value, and 0.9 was left over: "
                                                 "write --quantiles 0.1,0.9"),
    (["fit", "d.csv", "--future-covariates", "electives", "holiday", "--epochs", "1"],
     "--future-covariates takes one comma-separated value (or the flag once for each name), and holiday was left "
     "over: write --future-covariates electives,holiday"),
    (["backtest", "d.csv", "--features", "a,b", "c"], "--features takes one comma-separated value (or the flag once "
                                                      "for each name), and c was left over: write --features a,b,c"),
])
def test_a_list_flag_given_space_separated_values_says_the_comma_spelling(capsys, argv, said):
    """A planner wrote --quantiles 0.5 0.9 0.95 and got "unrecognized arguments: 0.9 0.95", no flag named (t36t2,
    decision 1894)."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"rnncast {argv[0]}: error: {said}\n"


def test_a_flag_of_one_column_in_the_command_run_keeps_argparses_line_naming_that_command(capsys):
    """r36r4: ``bench ltsf --target OT HUFL`` was told to write --target OT,HUFL (fit's --target takes a list, ltsf's
    one column), which then failed, under "rnncast bench:" (decision 1945)."""
    with pytest.raises(SystemExit) as exit_:
        main(["bench", "ltsf", "--data", "d.csv", "--target", "OT", "HUFL"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == ("rnncast bench ltsf: error: unrecognized arguments: HUFL (rnncast bench ltsf "
                                       "--help lists what is accepted)\n")


def test_a_stray_word_after_no_list_flag_keeps_argparses_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["fit", "d.csv", "--target", "y", "--epochs", "1", "stray"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == ("rnncast fit: error: unrecognized arguments: stray (rnncast fit --help lists "
                                       "what is accepted)\n")


def test_predict_out_on_a_full_disk_names_the_file_that_the_disk_is_full_and_that_it_is_kept(capsys, tmp_path, folder,
                                                                                             run, monkeypatch):
    """predict --out on a full disk said only "No space left on device": which file, and whether it was harmed?"""
    import errno
    import os

    out = tmp_path / "forecast.csv"
    assert cli(capsys, "predict", str(run[0]), str(folder / "data.csv"), "--out", str(out))[0] == 0
    earlier = out.read_text()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = cli(capsys, "predict", str(run[0]), str(folder / "data.csv"), "--out", str(out), "--overwrite")
    assert code == 74 and err.strip() == (  # sysexits' EX_IOERR (decision 2186)
        f"rnncast: error: {out}: No space left on device (the disk is full: nothing was written to {out}, and a file "
        "there before is as it was; free some space, or give a path on another disk)"), err
    assert out.read_text() == earlier


def test_a_signal_while_rnncast_loads_says_the_command_had_not_begun(tmp_path, capsys, monkeypatch):
    """A Ctrl-C in a command's first second (rnncast loading torch and pandas, the signal held until they are) said
    only "rnncast: interrupted": it now says nothing was read or written and to run the command again."""
    import os
    import signal

    import rnncast.cli as cli_module

    real = cli_module.importlib.import_module

    def loading(name, *args):
        if name == "rnncast.forecaster":  # cli's import of every command's modules
            os.kill(os.getpid(), signal.SIGINT)  # held until the imports end (interrupts.held_until_done)
        return real(name, *args)

    monkeypatch.setattr(cli_module.importlib, "import_module", loading)
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run"))
    assert code == 130 and err == ("rnncast: interrupted; the command had not begun (rnncast was loading): nothing was "
                                   "read or written; run it again\n")
    assert not (tmp_path / "run").exists()


def test_predict_to_a_full_standard_output_names_it(capsys, folder, run, monkeypatch):
    """``predict > /dev/full`` said "No space left on device" and named nothing: the system's error names no file."""
    import errno
    import sys

    class Full(io.StringIO):
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    code = main(["predict", str(run[0]), str(folder / "data.csv")])
    assert code == 74 and capsys.readouterr().err.strip().splitlines()[-1] == (  # EX_IOERR (decision 2186)
        "rnncast: error: standard output: No space left on device (the disk it is sent to is full: free some space, "
        "or send it to another disk)")
    assert isinstance(sys.stdout, Full)  # put back as it was


def test_the_command_line_is_forgotten_when_the_command_ends(tmp_path):
    """Decision 1673 (r33r2 7): after cli.main([...]) in a process, every later report.environment() recorded that
    earlier command line, a Python-API run's too."""
    from rnncast import report
    from rnncast.cli import main

    assert main(["-q", "predict", str(tmp_path / "no_such_run"), str(tmp_path / "x.csv")]) != 0
    assert "command_line" not in report.environment(0)


@pytest.mark.parametrize("value", ["abc", "0"])
def test_a_world_size_that_is_no_count_is_one_line_and_exit_2(capsys, monkeypatch, folder, run, value):
    # decision 1860: a bare int() ended every command with a traceback; now one line, before the command
    monkeypatch.setenv("WORLD_SIZE", value)
    assert main(["evaluate", str(run[0]), str(folder / "data.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"WORLD_SIZE='{value}'" in err and "Traceback" not in err


def test_an_empty_world_size_runs_as_one_process(capsys, monkeypatch, folder, run):
    monkeypatch.setenv("WORLD_SIZE", "")
    assert main(["evaluate", str(run[0]), str(folder / "data.csv"), "-q"]) == 0


def test_quiet_is_for_its_command_alone(folder, run):
    """Decision 1872: `main([..., "-q"])` left the rnncast logger at WARNING, so every later call in the process (a
    notebook's Python API, the next test) lost its information lines."""
    import logging

    logger = logging.getLogger("rnncast")
    before = logger.level
    assert main(["evaluate", str(run[0]), str(folder / "data.csv"), "-q"]) == 0
    assert logger.level == before
    assert main(["-v", "predict", str(folder / "no_such_run"), str(folder / "data.csv")]) != 0
    assert logger.level == before


def test_a_refused_write_s_advice_follows_its_errno():
    """Decision 1903: the command line's line for an OSError takes writeadvice's one rule (the path unnamed there)."""
    import errno

    from rnncast.cli import os_error_text

    assert os_error_text(PermissionError(errno.EACCES, "Permission denied", "/srv/x")) == (
        "/srv/x: Permission denied (check the permissions of the path, or give another one)")
    assert os_error_text(OSError(errno.EROFS, "Read-only file system", "/mnt/x")) == (
        "/mnt/x: Read-only file system (the path is on a read-only filesystem: give a path on a writable disk)")
    assert os_error_text(FileNotFoundError(errno.ENOENT, "No such file or directory", "/x")) == (
        "/x: No such file or directory")


def test_fit_into_a_new_folder_on_a_full_disk_exits_74(capsys, tmp_path, monkeypatch):
    """t41 4: `fit --out NEW` where the disk refused the folder exited 2, bad input's code, while the other full-disk
    writes exit 74 (decision 2186); now 74 too, with the same line (decision 2217)."""
    import errno
    from pathlib import Path

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    real = Path.mkdir

    def full(self, *args, **kwargs):
        if self.name == "new":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", full)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "new", "--epochs", "1"))
    assert code == 74 and err.strip().splitlines()[-1] == (
        f"rnncast: error: cannot write run {tmp_path / 'new'}: No space left on device (the disk is full: free some "
        "space, or give a path on another disk)"), err

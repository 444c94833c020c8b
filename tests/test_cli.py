"""The ``rnncast`` command end to end in a temporary folder, and how it refuses bad input.

Commands run in-process through ``rnncast.cli.main`` (fast); one test runs the installed entry
point in a subprocess. Bad input must end with exit status 2 and one line ``rnncast: error: ...``
on stderr that names the problem, never a traceback.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import PNG_SIGNATURE, TINY, make_frame, make_panel
from rnncast import Forecaster
from rnncast.cli import main
from rnncast.data import read_table

ROWS, LOOKBACK, HORIZON, EPOCHS = 400, 24, 6, 3
SMALL = ["--hidden-size", "8", "--batch-size", "64", "--lr", "0.01", "--device", "cpu"]


def fit_args(data, out, *extra) -> list[str]:
    return ["fit", str(data), "--target", "y", "--lookback", str(LOOKBACK), "--horizon", str(HORIZON),
            "--out", str(out), *SMALL, *extra]


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


# ---- fit writes a complete run directory ------------------------------------------------------

def test_fit_writes_every_file_of_the_run_directory(run):
    run_dir, _ = run
    assert {p.name for p in run_dir.iterdir()} >= {"config.json", "metrics.json", "history.csv", "model", "loss.png",
                                                   "forecast.png", "report.html"}
    assert sorted(p.name for p in (run_dir / "model").iterdir()) == ["model.json", "weights.safetensors"]


def test_fit_prints_the_test_table_and_a_verdict(run):
    _, stdout = run
    assert "test split (original units)" in stdout and "repeat" in stdout and "mean" in stdout
    assert "baseline" in stdout


def test_config_json_records_settings_and_split(run):
    config = json.loads((run[0] / "config.json").read_text())
    assert config["settings"]["lookback"] == LOOKBACK and config["settings"]["horizon"] == HORIZON
    assert config["settings"]["epochs"] == EPOCHS and config["settings"]["device"] == "cpu"
    assert config["data"]["target"] == ["y"] and config["data"]["features"] == ["x"]
    assert config["split"]["end"] == ROWS


def test_metrics_json_has_model_and_baselines_in_both_units_for_val_and_test(run):
    metrics = json.loads((run[0] / "metrics.json").read_text())
    assert set(metrics) == {"val", "test"}
    for part in ("val", "test"):
        for units in ("original", "scaled"):
            assert {"model", "repeat", "mean"} <= set(metrics[part][units])
            assert np.isfinite(metrics[part][units]["model"]["mse"])


def test_history_csv_has_one_row_per_epoch(run):
    history = pd.read_csv(run[0] / "history.csv")
    assert 1 <= len(history) <= EPOCHS
    assert {"epoch", "train_loss", "val_loss"} <= set(history.columns)
    assert list(history["epoch"]) == list(range(1, len(history) + 1))


def test_plots_are_png_files(run):
    for name in ("loss.png", "forecast.png"):
        assert (run[0] / name).read_bytes()[:8] == PNG_SIGNATURE


def test_report_html_embeds_both_plots(run):
    page = (run[0] / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 2
    for name in ("loss.png", "forecast.png"):
        assert base64.b64encode((run[0] / name).read_bytes()).decode("ascii") in page


# ---- predict and evaluate with the run directory ----------------------------------------------

def test_predict_writes_horizon_rows_continuing_the_dates(capsys, folder, run):
    out = folder / "f.csv"
    code, _, err = cli(capsys, "predict", run[0], folder / "data.csv", "--out", out)
    assert code == 0, err
    forecast = pd.read_csv(out, index_col=0, parse_dates=True)
    assert len(forecast) == HORIZON and list(forecast.columns) == ["y"]
    last = pd.read_csv(folder / "data.csv", parse_dates=["date"])["date"].iloc[-1]
    assert list(forecast.index) == [last + pd.Timedelta(hours=k) for k in range(1, HORIZON + 1)]


def test_predict_output_equals_the_library_prediction(capsys, folder, run):
    out = folder / "g.csv"
    assert cli(capsys, "predict", run[0], folder / "data.csv", "--out", out)[0] == 0
    expected = Forecaster.load(run[0]).predict(read_table(folder / "data.csv"))
    assert out.read_text() == expected.to_csv()
    written = pd.read_csv(out, index_col=0)["y"].to_numpy()  # float64 forecasts, written in full
    assert np.array_equal(written, expected["y"].to_numpy())


def test_evaluate_json_prints_the_metrics(capsys, folder, run):
    code, out, err = cli(capsys, "evaluate", run[0], folder / "data.csv", "--json")
    assert code == 0, err
    result = json.loads(out)
    for units in ("original", "scaled"):
        assert {"model", "repeat", "mean"} <= set(result[units])
    assert result["windows"] == ROWS - LOOKBACK - HORIZON + 1
    assert result == Forecaster.load(run[0]).evaluate(read_table(folder / "data.csv"))


def test_installed_entry_point_predicts(folder, run):
    """The console script (or ``python -m rnncast``) runs and prints the same forecast."""
    script = Path(sys.executable).with_name("rnncast")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rnncast"]
    done = subprocess.run(command + ["predict", str(run[0]), str(folder / "data.csv")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == Forecaster.load(run[0]).predict(read_table(folder / "data.csv")).to_csv()


# ---- missing values: refused, then filled on request ------------------------------------------

@pytest.fixture(scope="module")
def nan_csv(folder) -> Path:
    frame = make_frame(200)
    frame.loc[10, "y"] = np.nan
    path = folder / "nan.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("fill", ["ffill", "interpolate", "drop"])
def test_fill_option_makes_missing_values_acceptable(capsys, tmp_path, nan_csv, fill):
    code, _, err = cli(capsys, *fit_args(nan_csv, tmp_path / "run", "--epochs", "1", "--lookback", "12",
                                         "--horizon", "2", "--fill", fill))
    assert code == 0, err
    assert "rnncast: error" not in err
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["settings"]["fill"] == fill
    assert config["split"]["end"] == (199 if fill == "drop" else 200)


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


def _constant_c(frame):
    frame["c"] = 1.0


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
            ["column 'x'", "line 12 of n.csv", "--fill ffill|interpolate|drop"]),
    "constant column minmax": (lambda t, f, r: fit_args(_csv(t, "c.csv", _constant_c), t / "o", "--features", "c",
                                                        "--scaler", "minmax"), ["column 'c'", "constant", "minmax"]),
    "lookback 0": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--lookback", "0"], ["lookback", "positive"]),
    "lookback -5": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--lookback", "-5"], ["lookback", "-5"]),
    "epochs 0": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--epochs", "0"], ["epochs", "positive"]),
    "horizon 0": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--horizon", "0"], ["horizon", "positive"]),
    "batch-size -1": (lambda t, f, r: fit_args(f / "data.csv", t / "o") + ["--batch-size", "-1"], ["batch_size", "-1"]),
    "+inf": (lambda t, f, r: fit_args(_csv(t, "i.csv", _set("y", 7, np.inf)), t / "o"),
             ["column 'y'", "infinite", "line 9 of i.csv"]),
    "-inf": (lambda t, f, r: fit_args(_csv(t, "j.csv", _set("y", 7, -np.inf)), t / "o"),
             ["column 'y'", "infinite", "line 9 of j.csv"]),
    "duplicated timestamps": (lambda t, f, r: fit_args(_csv(t, "d.csv", _duplicate_date), t / "o"),
                              ["duplicated timestamp", "2024-01-01 08:00:00"]),
    "unsorted timestamps": (lambda t, f, r: fit_args(_csv(t, "u.csv", _swap_dates), t / "o"), ["not sorted"]),
    "latin-1 encoded file": (lambda t, f, r: fit_args(_latin1_csv(t), t / "o"), ["l.csv", "not UTF-8", "save it as UTF-8"]),
    "space-separated file": (lambda t, f, r: fit_args(_spaced_csv(t), t / "o"),
                             ["'y' not found", "single column", "separated by commas"]),
    "all-NaN column": (lambda t, f, r: fit_args(_csv(t, "a.csv", _set("x", slice(None), np.nan)), t / "o", "--features", "x"),
                       ["column 'x'", "no values at all"]),
    "non-numeric feature": (lambda t, f, r: fit_args(_csv(t, "g.csv", _set("x", 30, "n/a?")), t / "o", "--features", "x"),
                            ["column 'x'", "not numeric", "line 32 of g.csv"]),
    "predict file lacks a column": (lambda t, f, r: ["predict", r, _csv_without_x(t)],
                                    ["'x' not found", "available columns: date, y"]),
    "model without weights": (
        lambda t, f, r: ["predict", _bad_model(r, t, lambda m: (m / "weights.safetensors").unlink()), f / "data.csv"],
        ["missing weights.safetensors"]),
    "other format_version": (
        lambda t, f, r: ["predict", _bad_model(r, t, _edit_json(format_version=3)), f / "data.csv"],
        ["format version 3", "reads version 1 and 2"]),
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
        ["future values of features ['hour']", "--future FILE", "'unique_id' and 'ds'"]),
    "future file lacks a step": (
        lambda t, f, r: ["predict", _panel_model(f), _long_csv(t, "panel.csv"), "--future", _future_csv(t, drop_last=True)],
        ["['hour'] are missing for series 's002'", "1 of 9 series-steps"]),
    "backtest origins beyond the data": (
        lambda t, f, r: ["backtest", _long_csv(t, "b.csv"), "--n-windows", "100", "--lookback", "24", "--horizon", "6",
                         "--device", "cpu", "--out", t / "o"],
        ["every series is too short", "'s000' (", "first of 100 origins 6 steps apart"]),
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
                      ["trials must be a positive integer", "got 0"]),
    "tune unknown target": (lambda t, f, r: ["tune", f / "data.csv", "--target", "z", "--trials", "1", "--out", t / "o"],
                            ["'z' not found", "available columns: date, y, x"]),
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


REFUSED_FITS = ["unknown target column", "nan", "lookback 0", "constant column minmax", "duplicated timestamps",
                "unknown id column", "every series too short", "duplicate ds within a series"]


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


def test_unknown_cell_is_refused_by_argparse(capsys, folder, tmp_path):
    code, out, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--cell", "transformer"))
    assert code == 2
    assert "usage:" in err and "invalid choice: 'transformer'" in err
    assert "Traceback" not in out + err


def test_batch_size_0_means_full_batch(capsys, folder, tmp_path):
    """--help says '0 or full for full-batch training'."""
    code, _, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--batch-size", "0", "--epochs", "1"))
    assert code == 0, err
    assert json.loads((tmp_path / "o" / "config.json").read_text())["settings"]["batch_size"] is None


def test_model_json_whose_params_contradict_its_network_is_refused(capsys, folder, run, tmp_path):
    """Editing the visible params.hidden_size only: load must not hand back a model whose settings lie."""
    bad = _bad_model(run[0], tmp_path, _edit_json(**{"params.hidden_size": 16}))
    code, _, err = cli(capsys, "predict", bad, folder / "data.csv")
    assert code == 2, "model.json says hidden_size 16 in params but the network and weights have 8"
    assert "hidden_size" in err


# ---- many series on the command line -----------------------------------------------------------

def test_fit_and_predict_many_series_in_long_format(capsys, tmp_path):
    data = _long_csv(tmp_path, "long.csv")
    code, out, err = cli(capsys, "fit", data, "--lookback", "12", "--horizon", "3", "--epochs", "1", "--hidden-size", "8",
                         "--device", "cpu", "--future-covariates", "hour", "--quantiles", "0.1,0.5,0.9", "--out", tmp_path / "run")
    assert code == 0, err
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["run"]["layout"] == "long" and config["data"]["future_covariates"] == ["hour"]
    assert config["run"]["future_covariates"] == ["hour"] and config["run"]["calendar"]["freq"] == "h"
    assert config["series"]["trained"] == 3 and config["settings"]["quantiles"] == [0.1, 0.5, 0.9]
    code, out, err = cli(capsys, "predict", tmp_path / "run", data, "--future", _future_csv(tmp_path, drop_last=False))
    assert code == 0, err
    forecast = pd.read_csv(io.StringIO(out))
    assert list(forecast.columns) == ["unique_id", "ds", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9"] and len(forecast) == 9


def test_fit_many_series_in_wide_format(capsys, tmp_path):
    wide = make_panel(3, seed=6).pivot(index="ds", columns="unique_id", values="y").reset_index()
    wide.to_csv(tmp_path / "wide.csv", index=False)
    code, _, err = cli(capsys, "fit", tmp_path / "wide.csv", "--series", "s000,s002", "--lookback", "12", "--horizon", "3",
                       "--epochs", "1", "--hidden-size", "8", "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    assert Forecaster.load(tmp_path / "run").ids_ == ["s000", "s002"]


def test_a_setting_that_defaults_to_true_is_turned_off_with_its_no_flag(tmp_path, capsys):
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1", "--no-highway"))
    assert code == 0, err
    assert json.loads((tmp_path / "run" / "config.json").read_text())["settings"]["highway"] is False
    assert Forecaster.load(tmp_path / "run").net_.highway is None


def test_resume_of_a_finished_run_written_before_the_highway_existed(tmp_path, capsys):
    """config.json of a finished run lists its covariates as [] and, if written before the highway
    existed, has no highway setting: --resume keeps the run's own network (none) and succeeds."""
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "2", "--no-highway"))
    assert code == 0, err
    config_path = tmp_path / "run" / "config.json"
    config = json.loads(config_path.read_text())
    assert config["run"]["static_covariates"] == [] and "static_covariates" not in config["data"] or \
        config["data"]["static_covariates"] is None  # the request as given: none
    del config["settings"]["highway"]
    config_path.write_text(json.dumps(config))
    code, _, err = cli(capsys, "fit", "--resume", tmp_path / "run")
    assert code == 0, err
    assert json.loads(config_path.read_text())["settings"]["highway"] is False

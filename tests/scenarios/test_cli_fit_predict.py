"""Scenario: ``rnncast fit`` writes a complete run directory, and ``predict`` and ``evaluate`` use
it; the installed console script (a separate process) prints the library's forecast; missing values
filled on request; many series in long and wide format, with future covariates at predict.

Commands run in-process through ``rnncast.cli.main`` except for the console script. The fixtures
``folder`` and ``run`` and the helpers are test_cli.py's (one fit for this module).
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import PNG_SIGNATURE, make_frame, make_panel
from rnncast import Forecaster
from rnncast.csvtext import csv_text
from rnncast.data import read_table
from test_cli import EPOCHS, HORIZON, LOOKBACK, ROWS, _future_csv, _long_csv, cli, fit_args, folder, run  # noqa: F401

# ---- fit writes a complete run directory ------------------------------------------------------

def test_fit_writes_every_file_of_the_run_directory(run):
    run_dir, _ = run
    assert {p.name for p in run_dir.iterdir()} >= {"config.json", "metrics.json", "history.csv", "model", "loss.png",
                                                   "forecast.png", "report.html"}
    assert sorted(p.name for p in (run_dir / "model").iterdir()) == ["model.json", "weights.safetensors"]


def test_fit_prints_the_test_table_and_a_verdict(run):
    _, stdout = run
    assert "test split (original units)" in stdout and "repeat" in stdout and "mean" in stdout
    assert "baseline" in stdout and "MASE" in stdout  # the same table evaluate prints


def test_config_json_records_settings_and_split(run):
    config = json.loads((run[0] / "config.json").read_text())
    assert config["settings"]["lookback"] == LOOKBACK and config["settings"]["horizon"] == HORIZON
    assert config["settings"]["epochs"] == EPOCHS and config["settings"]["device"] == "cpu"
    assert config["data"]["target"] == ["y"] and config["data"]["features"] == ["x"]
    assert config["split"]["end"] == ROWS


def test_metrics_json_has_model_and_baselines_in_both_units_for_val_and_test(run):
    metrics = json.loads((run[0] / "metrics.json").read_text())
    assert set(metrics) == {"format_version", "val", "test", "notes", "model_kept"} and isinstance(metrics["notes"], list)  # notes: what rnncast noticed
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
    assert len(forecast) == HORIZON and list(forecast.columns) == ["cutoff", "step_ahead", "y"]
    last = pd.read_csv(folder / "data.csv", parse_dates=["date"])["date"].iloc[-1]
    assert list(forecast.index) == [last + pd.Timedelta(hours=k) for k in range(1, HORIZON + 1)]


def test_predict_output_equals_the_library_prediction(capsys, folder, run):
    out = folder / "g.csv"
    assert cli(capsys, "predict", run[0], folder / "data.csv", "--out", out)[0] == 0
    expected = Forecaster.load(run[0]).predict(read_table(folder / "data.csv"))
    assert out.read_text() == csv_text(expected, index=True)
    written = pd.read_csv(out, index_col=0)["y"].to_numpy()  # the frame's numbers (short decimals), read back exactly
    assert np.array_equal(written, expected["y"].to_numpy())


def test_evaluate_json_prints_the_metrics(capsys, folder, run):
    code, out, err = cli(capsys, "evaluate", run[0], folder / "data.csv", "--json")
    assert code == 0, err
    result = json.loads(out)
    for units in ("original", "scaled"):
        assert {"model", "repeat", "mean"} <= set(result[units])
    assert result.pop("format_version") == 1  # the printed JSON's, before the API's result (decision 2214)
    assert result == Forecaster.load(run[0]).evaluate(read_table(folder / "data.csv"))


def test_evaluate_on_the_fit_data_scores_the_test_split_as_fit_did(capsys, folder, run):
    """fit's verdict and evaluate's rest on the same windows: no training row is scored by default."""
    code, out, err = cli(capsys, "evaluate", run[0], folder / "data.csv", "--json")
    assert code == 0, err
    result = json.loads(out)
    fit_test = json.loads((run[0] / "metrics.json").read_text())["test"]
    assert result["windows"] == fit_test["windows"]
    assert result["original"] == fit_test["original"] and result["scaled"] == fit_test["scaled"]
    assert result["scored"]["part"] == "test" and result["scored"]["targets_on"]["training"] == 0


def test_evaluate_says_what_it_scored_with_mase_and_the_verdict(capsys, folder, run):
    code, out, err = cli(capsys, "evaluate", run[0], folder / "data.csv")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("scored ") and "after the rows the model was fitted and validated on" in lines[0]
    assert "MASE" in out and "baseline: repeat the last value" in out and "baseline: training mean" in out
    verdict = next(line for line in lines if line.startswith("The model "))  # as fit prints it
    assert "beat" in verdict and "these windows" in verdict
    assert err.splitlines()[-1].startswith("hint: the calendar is 'h', 24 hours in a day, but season is 1")  # on stderr
    assert not any(line.startswith("hint: ") for line in lines)  # stdout: the scores alone (decision 1164)
    code, out, err = cli(capsys, "evaluate", run[0], folder / "data.csv", "--part", "all")
    assert code == 0, err
    assert out.splitlines()[0].startswith(f"scored all {ROWS - LOOKBACK - HORIZON + 1} windows")
    verdict = next(line for line in out.splitlines() if line.startswith("The model "))  # each baseline's line follows it
    assert "which flatter the model" in out and "training rows included" in verdict


def test_evaluate_help_describes_the_part_and_the_data(capsys):
    code, out, _ = cli(capsys, "evaluate", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "--part {test,val,train,all}" in text and "(default: test)" in text
    assert "newer data" in text and "fitted and validated on" in text


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
    assert list(forecast.columns) == ["unique_id", "ds", "cutoff", "step_ahead", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9"]
    assert len(forecast) == 9
    code, out, err = cli(capsys, "evaluate", tmp_path / "run", data)  # says how the intervals did, as fit does
    assert code == 0, err
    assert "Prediction intervals (quantiles [0.1, 0.5, 0.9]): 80% interval covers" in out and "of these values" in out


def _timed(kind: str) -> tuple[pd.DataFrame, pd.DataFrame, list, str]:
    """(data, future rows in no order, the forecast times as the CLI writes them, a future time of another kind)
    for a model whose time is ``kind``: a panel's integer 'step', a single series' 'year' 1960 .., 'month' 201501 ..."""
    rng, n = np.random.default_rng(3), 60
    if kind == "step":
        data = pd.concat([pd.DataFrame({"unique_id": u, "step": np.arange(n), "x": rng.normal(size=n).round(3),
                                        "y": rng.normal(size=n).round(3)}) for u in ("a", "b")])
        future = pd.DataFrame({"unique_id": ["b", "a", "a", "b"], "step": [61, 60, 61, 60], "x": [0.4, 0.1, 0.2, 0.3]})
        return data, future, ["a 60", "a 61", "b 60", "b 61"], "2020-01-01"
    if kind == "year":
        time, ahead, wrong = np.arange(1960, 1960 + n), [2021, 2020], "2020.5"
    else:
        time = [int(p.strftime("%Y%m")) for p in pd.period_range("2015-01", periods=n, freq="M")]
        ahead, wrong = [202002, 202001], "202013"
    data = pd.DataFrame({kind: time, "x": rng.normal(size=n).round(3), "y": rng.normal(size=n).round(3)})
    return data, pd.DataFrame({kind: ahead, "x": [0.2, 0.1]}), [str(t) for t in sorted(ahead)], wrong


@pytest.mark.parametrize("kind", ["step", "year", "month"])
def test_predict_reads_a_future_files_time_as_fit_read_the_datas(capsys, tmp_path, kind):
    """`predict RUN data.csv --future fut.csv` refused a file whose step 600 was "not a timestamp", whose year 2020
    was read as a date beside the model's integers, and whose month 202001 was no date, though fit read such
    columns and Python's future=pd.read_csv(...) took them. The file's times are read as the model's were: each
    forecast row at its step, with the covariates of its own row; another kind of time is one line, which offers
    no --time-col (predict has none)."""
    data, future, times, wrong = _timed(kind)
    data.to_csv(tmp_path / "data.csv", index=False)
    future.to_csv(tmp_path / "fut.csv", index=False)
    code, _, err = cli(capsys, *fit_args(tmp_path / "data.csv", tmp_path / "run", "--features", "x", "--future-known",
                                         "--lookback", "4", "--horizon", "2", "--epochs", "1", "--hidden-size", "4"))
    assert code == 0, err
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "data.csv", "--future", tmp_path / "fut.csv")
    assert code == 0, err
    forecast = pd.read_csv(io.StringIO(out), dtype=str)
    assert [" ".join(row[:-3]) for row in forecast.to_numpy()] == times  # before cutoff, step_ahead and the forecast
    python = Forecaster.load(tmp_path / "run").predict(data, future=future)  # the same rows matched by series and step
    assert np.allclose(forecast.iloc[:, -1].astype(float), python.iloc[:, -1].to_numpy(), atol=1e-6)  # y, y_hat
    future.astype({kind: str}).assign(**{kind: wrong}).to_csv(tmp_path / "wrong.csv", index=False)
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "data.csv", "--future", tmp_path / "wrong.csv")
    assert code == 2 and not out and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"rnncast: error: in the future values, time column {kind!r} holds {wrong!r} at line 2 of "
                          "wrong.csv, which is not a ") and "--time-col" not in err


def test_fit_many_series_in_wide_format(capsys, tmp_path):
    wide = make_panel(3, seed=6).pivot(index="ds", columns="unique_id", values="y").reset_index()
    wide.to_csv(tmp_path / "wide.csv", index=False)
    code, _, err = cli(capsys, "fit", tmp_path / "wide.csv", "--series", "s000,s002", "--lookback", "12", "--horizon", "3",
                       "--epochs", "1", "--hidden-size", "8", "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    assert Forecaster.load(tmp_path / "run").ids_ == ["s000", "s002"]

"""The run directory (``report.py``): every file written, the versions and device recorded, the
scores and the forecast plot made from one forecast of each part's windows; the page's order
(verdict, hint, metrics, plots, settings); the --future-known hint of a fit whose past-only features
lose to the mean. The forecast figure itself is test_forecastplot.py; the page in a real browser is
scenarios/test_report_browser.py."""

from __future__ import annotations

import copy
import html
import json

import numpy as np
import pandas as pd
import pytest
import torch

import rnncast.forecasting
from conftest import TINY, make_panel
from rnncast import Forecaster, datasets
from rnncast.cli import main
from rnncast.panel import load_panel
from rnncast.report import FUTURE_KNOWN_HINT, beats, fit_hint, verdict, write_run
from test_training import _series_csv


def test_a_run_forecasts_its_validation_and_test_windows_once_each(tmp_path, monkeypatch, frame):
    panel = load_panel(frame, target="y", features=["x"])
    model = Forecaster(**TINY).fit(panel)
    calls = []
    real = rnncast.forecasting.forecast_windows

    def spy(*args, **kwargs):
        calls.append(len(args[3]))
        return real(*args, **kwargs)

    monkeypatch.setattr(rnncast.forecasting, "forecast_windows", spy)
    metrics = write_run(tmp_path, model, panel, source="frame")
    assert len(calls) == 2  # validation, test: scored and plotted from the same forecasts
    assert metrics["test"] == model.evaluate(panel, part="test")
    assert {p.name for p in tmp_path.iterdir()} >= {"config.json", "metrics.json", "history.csv", "model", "loss.png",
                                                    "forecast.png", "report.html"}
    assert json.loads((tmp_path / "metrics.json").read_text())["test"]["windows"] == metrics["test"]["windows"]


def test_a_panel_run_writes_its_forecast_plot_and_scaled_scores(tmp_path):
    frame = make_panel(3, seed=4)
    model = Forecaster(**TINY).fit(frame)
    write_run(tmp_path, model, frame, source="panel")
    assert (tmp_path / "forecast.png").stat().st_size > 1000
    assert np.isfinite(json.loads((tmp_path / "metrics.json").read_text())["test"]["scaled"]["model"]["mse"])


def test_the_run_directory_records_versions_and_device(tmp_path):
    _series_csv(tmp_path / "s.csv", n=300)
    assert main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--epochs", "1", "--lookback", "10",
                 "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["device"] == "cpu"
    assert config["environment"]["torch"] == torch.__version__
    assert config["environment"]["numpy"] == np.__version__
    assert config["environment"]["rnncast"]


def test_numpy_scalar_settings_are_written_as_plain_numbers(tmp_path, frame):
    """Settings the API accepts as NumPy scalars (``np.int64(8)``) reach config.json and the page as 8."""
    numpy_settings = {**TINY, "hidden_size": np.int64(8), "epochs": np.int32(1), "lr": np.float32(0.01),
                      "highway": np.bool_(True)}
    model = Forecaster(**numpy_settings).fit(frame, target="y", features=["x"])
    write_run(tmp_path / "run", model, frame)
    settings = json.loads((tmp_path / "run" / "config.json").read_text())["settings"]
    assert settings["hidden_size"] == 8 and type(settings["hidden_size"]) is int and settings["epochs"] == 1
    assert settings["lr"] == pytest.approx(0.01) and settings["highway"] is True
    page = (tmp_path / "run" / "report.html").read_text()
    assert "np.int64" not in page and "<td>hidden_size</td><td>8</td>" in page
    assert Forecaster.load(tmp_path / "run").get_params()["hidden_size"] == 8


def test_the_divergence_text_names_the_epoch_that_diverged_and_the_one_kept():
    from types import SimpleNamespace

    from rnncast.report import divergence_text

    history = [{"epoch": 1, "best": True}, {"epoch": 2, "best": False}]
    assert divergence_text(SimpleNamespace(diverged_epoch_=None, history_=history)) is None
    assert divergence_text(SimpleNamespace(diverged_epoch_=3, history_=history)) == \
        "training diverged in epoch 3; the model keeps epoch 1"
    never = [{"epoch": 1, "best": False}]  # no epoch beat the untrained network on validation
    assert divergence_text(SimpleNamespace(diverged_epoch_=2, history_=never)).startswith(
        "training diverged in epoch 2; the model keeps the untrained network")


REGRESSION = dict(lookback=10, horizon=1, hidden_size=4, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0)


@pytest.fixture(scope="module")
def regression() -> pd.DataFrame:
    """The second tutorial's rows: y_t depends on x_t alone, which a past-only window never sees."""
    return datasets.aligned_regression(n=300)


def test_past_only_features_that_lose_to_the_mean_earn_the_future_known_hint(regression, tmp_path):
    model = Forecaster(**REGRESSION).fit(regression, target="y", features=["x"])
    metrics = write_run(tmp_path, model, regression, source="regression")
    assert not beats(metrics["test"], "mean") and not verdict(metrics["test"])[0]
    assert fit_hint(model, metrics) == FUTURE_KNOWN_HINT and "--future-known" in FUTURE_KNOWN_HINT
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    verdict_at, hint_at = page.index("class='bad'"), page.index("class='hint'")
    assert verdict_at < hint_at < page.index("Metrics (original units)")  # read right after the verdict
    assert html.escape(FUTURE_KNOWN_HINT) in page
    assert page.index("Forecast on the test split") < page.index("Data and settings")  # plots before the long table


def test_no_hint_for_future_known_features_or_without_features_or_when_the_mean_is_beaten(regression, tmp_path):
    known = Forecaster(**REGRESSION, future_known=True).fit(regression, target="y", features=["x"])
    assert fit_hint(known, {"test": known.evaluate(regression, part="test")}) is None
    alone = Forecaster(**REGRESSION).fit(regression, target="y")
    assert fit_hint(alone, {"test": alone.evaluate(regression, part="test")}) is None
    past = Forecaster(**REGRESSION).fit(regression, target="y", features=["x"])
    test = past.evaluate(regression, part="test")
    assert fit_hint(past, {"test": test}) == FUTURE_KNOWN_HINT
    won = copy.deepcopy(test)  # the same model had it beaten the mean beyond chance
    won["original"]["model"]["mse"] = 0.5 * test["original"]["mean"]["mse"]
    won["significance"]["mean"]["p_value"] = 0.001
    assert beats(won, "mean") and fit_hint(past, {"test": won}) is None
    won["significance"]["mean"]["p_value"] = 0.2  # lower, but not beyond chance: still the hint
    assert fit_hint(past, {"test": won}) == FUTURE_KNOWN_HINT


def test_the_fit_command_ends_with_the_hint(regression, tmp_path, capsys):
    regression.to_csv(tmp_path / "reg.csv", index=False)
    args = ["fit", str(tmp_path / "reg.csv"), "--target", "y", "--features", "x", "--lookback", "10", "--horizon", "1",
            "--hidden-size", "4", "--epochs", "2", "--device", "cpu", "--out", str(tmp_path / "run")]
    assert main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == FUTURE_KNOWN_HINT and lines[-2].startswith("trained 2 epochs")
    assert main(args[:-2] + ["--future-known", "--out", str(tmp_path / "known")]) == 0
    assert "--future-known" not in capsys.readouterr().out


def test_the_page_says_how_mase_treated_a_series_that_never_changes(tmp_path):
    frame = make_panel(3, seed=2)
    frame.loc[frame["unique_id"] == frame["unique_id"].iloc[0], "y"] = 5.0  # constant: a zero naive error
    model = Forecaster(**TINY).fit(frame)
    metrics = write_run(tmp_path / "run", model, frame)
    assert np.isfinite(metrics["test"]["original"]["model"]["mase"])  # the pooled MASE stays defined
    page = html.unescape((tmp_path / "run" / "report.html").read_text())
    first = frame["unique_id"].iloc[0]
    assert f"1 series ('{first}') never change on their training rows" in page and "left out of MASE" in page


def test_mase_note_is_absent_when_every_series_has_a_scale():
    from rnncast.report import mase_note

    assert mase_note({"original": {}}) is None


def test_config_json_keeps_where_the_data_is_from_the_run_folder_and_absolute(tmp_path, monkeypatch):
    """The request keeps the path as given; ``paths`` lets the run resume from another directory.
    The final config.json keeps the start's data and paths as they were."""
    import os

    from rnncast.report import request_paths, start_config

    monkeypatch.chdir(tmp_path)
    _series_csv(tmp_path / "s.csv", n=300)
    request = {"source": "s.csv", "target": ["y"], "features": None, "time_col": None}
    model = Forecaster(**TINY).fit("s.csv", target="y")
    start_config("runs/a", model, request)
    started = json.loads((tmp_path / "runs" / "a" / "config.json").read_text())
    assert started["data"] == request
    assert started["paths"] == {"source": {"absolute": str(tmp_path / "s.csv"), "from_run": os.path.join("..", "..", "s.csv")}}
    write_run("runs/a", model, "s.csv", source="s.csv", request=request)
    final = json.loads((tmp_path / "runs" / "a" / "config.json").read_text())
    assert final["data"] == started["data"] and final["paths"] == started["paths"]
    moved = request_paths("runs/a", request, found={"source": "/elsewhere/s.csv"})
    assert moved["source"]["absolute"] == "/elsewhere/s.csv"


def test_a_verdict_on_forecasts_equal_to_a_baseline_says_the_same_mse_and_no_p_value():
    scores = {"model": {"mse": 2.0}, "repeat": {"mse": 2.0}, "mean": {"mse": 5.0}}
    test = {"original": scores, "significance": {"repeat": {"p_value": float("nan")}, "mean": {"p_value": 0.001}}}
    good, sentence = verdict(test)
    assert not good and "the same MSE" in sentence and "nan" not in sentence


def test_the_metric_table_keeps_small_and_large_numbers_readable():
    from rnncast.report import metric_rows

    metrics = {"test": {"windows": 3, "original": {"model": {"mse": 8.0549e-05, "mae": 24653147138.2618, "rmse": 0.009,
                                                           "r2": 0.5, "mase": 1.2}}}}
    row = metric_rows(metrics, "original")[1]
    assert "8.0549e-05" in row and "2.4653e+10" in row  # not 0.0001 and 24653147138.2618

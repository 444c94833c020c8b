"""The run directory (``report.py``): every file written, the versions and device recorded, settings
given as NumPy scalars written as plain numbers, where the data is (absolute and from the run folder),
the scores and the forecast plot made from one forecast of each part's windows. What the scores say
(verdict, hints, notes) is test_verdicts.py, the page's blocks test_reportpage.py; the forecast figure
itself is test_forecastplot.py; the page in a real browser is scenarios/test_report_browser.py."""

from __future__ import annotations

import json
import os
import re

import numpy as np
import pandas as pd
import pytest
import torch

import rnncast.forecasting
from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, formatversions
from rnncast.cli import main
from rnncast.loading import load_panel
from rnncast.report import write_run
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
    words = ("verdict", "notes", "hints")  # evaluate's words for a Python caller (readout); the run's scores are numbers
    machine = ("against_baselines", "intervals_against_baselines", "model_kept")  # metrics.json's, beside the part
    # and at its top (decisions 1878, 1957)
    evaluated = model.evaluate(panel, part="test")
    assert metrics["test"] == {k: v for k, v in evaluated.items() if k not in words + machine}
    written = json.loads((tmp_path / "metrics.json").read_text())
    assert written["test"]["against_baselines"] == json.loads(json.dumps(evaluated["against_baselines"]))
    assert written["test"]["intervals_against_baselines"] is evaluated["intervals_against_baselines"] is None  # point
    assert written["model_kept"] == evaluated["model_kept"]
    assert next(iter(written)) == "format_version" and written["format_version"] == formatversions.METRICS == 1  # 2185
    assert {p.name for p in tmp_path.iterdir()} >= {"config.json", "metrics.json", "history.csv", "model", "loss.png",
                                                    "forecast.png", "report.html", "test_forecasts.csv", "by_step.csv"}
    assert json.loads((tmp_path / "metrics.json").read_text())["test"]["windows"] == metrics["test"]["windows"]


def test_the_forecast_plot_names_the_highway_beside_the_cell_where_it_is_on(tmp_path, monkeypatch, frame):
    """The plot said "model (rnn)" with the highway on or off, though with it on much of the forecast is the highway's."""
    import rnncast.report
    named = []
    real = rnncast.report.forecast_drawn
    monkeypatch.setattr(rnncast.report, "forecast_drawn", lambda f, d, models, *a, **k: named.append(list(models)) or real(f, d, models, *a, **k))
    for highway in (True, False):
        write_run(tmp_path / str(highway), Forecaster(**{**TINY, "cell": "rnn", "highway": highway}).fit(frame, target="y"), frame)
    assert named == [["model (rnn + linear highway)"], ["model (rnn)"]]


def test_a_run_of_the_features_alone_is_titled_a_regression_and_names_only_the_baselines_scored(tmp_path, frame):
    """A tester's features-only run (1227): titled "LSTM forecasting y", its verdict naming "the seasonal naive"
    though no season was set, so none was scored."""
    model = Forecaster(**{**TINY, "horizon": 1}, target_input=False, future_known=True, window_norm="none", highway=False).fit(
        frame, target="y", features=["x"])
    write_run(tmp_path, model, frame)
    page = (tmp_path / "report.html").read_text()
    assert "<title>rnncast run: LSTM regressing y on x</title>" in page
    assert "The baseline that repeats the target (the last value) reads its past" in page and "seasonal naive)" not in page
    write_run(tmp_path / "plain", Forecaster(**TINY).fit(frame, target="y"), frame)
    assert "<title>rnncast run: LSTM forecasting y</title>" in (tmp_path / "plain" / "report.html").read_text()


def test_a_panel_run_writes_its_forecast_plot_and_scaled_scores(tmp_path):
    frame = make_panel(3, seed=4)
    model = Forecaster(**TINY).fit(frame)
    write_run(tmp_path, model, frame, source="panel")
    assert (tmp_path / "forecast.png").stat().st_size > 1000
    assert np.isfinite(json.loads((tmp_path / "metrics.json").read_text())["test"]["scaled"]["model"]["mse"])


def test_each_picture_says_what_it_shows_in_its_alt_text_and_links_to_its_file(tmp_path):
    """t32t5's MED-4/5: the forecast picture named 3 of 9 series and their MASE in its titles, its alt text only
    "actual and predicted values on the test split"; the picture's words did not grow at zoom, and nothing linked to
    forecast.png beside the page. The alt text now carries the titles' own words (the figure's, not recomputed)."""
    import html as htmltext

    frame = make_panel(4, seed=4)
    write_run(tmp_path, Forecaster(**TINY).fit(frame), frame, source="panel")
    page = (tmp_path / "report.html").read_text()
    alts = [htmltext.unescape(a) for a in re.findall(r"<img alt='([^']*)'", page)]
    assert len(alts) == 2 and alts[0].startswith("Actual and predicted values on the test split. Test split, forecast ")
    picks = re.findall(r"(best|median|worst) of 4 by test MASE: series '([^']+)', MASE ([0-9.]+)", alts[0])
    assert [p[0] for p in picks] == ["best", "median", "worst"] and "Lines: actual (solid" in alts[0]
    assert alts[1].startswith("Training and validation loss per epoch. Loss per epoch. Lines: ")
    for png in ("forecast.png", "loss.png"):
        assert f"<figure><a href='{png}' title='{png} at full size'><img alt=" in page and (tmp_path / png).is_file()


def test_the_run_directory_records_versions_and_device(tmp_path):
    _series_csv(tmp_path / "s.csv", n=300)
    assert main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--epochs", "1", "--lookback", "10",
                 "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["device"] == "cpu"
    assert config["environment"]["torch"] == torch.__version__
    assert config["environment"]["numpy"] == np.__version__
    from importlib.metadata import version  # the package whose days holidays= are (decision 2052)
    assert config["environment"]["holidays"] == version("holidays")
    assert config["environment"]["rnncast"]
    # threads 0 (the default): the count torch trained with, another on another machine (decision 1622)
    assert config["environment"]["threads_used"] == torch.get_num_threads()
    assert config["environment"]["cpu_count"] == os.cpu_count()
    assert config["environment"]["command_line"] == (f"rnncast fit {tmp_path / 's.csv'} --target y --epochs 1 "
                                                     f"--lookback 10 --device cpu --out {tmp_path / 'run'}")  # decision 1624


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
    assert "np.int64" not in page and "<th scope='row'>hidden_size</th><td>8</td>" in page
    assert Forecaster.load(tmp_path / "run").get_params()["hidden_size"] == 8


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
    assert started["device"] == final["device"] == "cpu"  # auto resolved at the start: a resume's thread note reads it
    moved = request_paths("runs/a", request, found={"source": "/elsewhere/s.csv"})
    assert moved["source"]["absolute"] == "/elsewhere/s.csv"


def test_a_series_fit_left_out_is_named_once_in_a_run_not_once_per_part(tmp_path, caplog):
    import logging

    import pandas as pd

    frame = make_panel(3, seed=2)
    short = pd.DataFrame({"unique_id": "tiny", "ds": pd.date_range("2024-01-01", periods=20, freq="h"),
                          "y": np.arange(20.0)})
    frame = pd.concat([frame, short], ignore_index=True)
    model = Forecaster(**TINY).fit(frame)
    with caplog.at_level(logging.WARNING):
        write_run(tmp_path / "run", model, frame)
    assert caplog.text.count("'tiny' was too short to train and is not scored") == 1


def test_a_run_records_the_columns_it_did_not_use_in_config_json_and_the_report(tmp_path):
    frame = make_frame(200)
    frame["spare"] = 1.0
    frame.to_csv(tmp_path / "s.csv", index=False)
    assert main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--features", "x", "--epochs", "1",
                 "--lookback", "10", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    assert json.loads((tmp_path / "run" / "config.json").read_text())["run"]["not_used"] == ["spare"]
    assert "<th scope='row'>columns not used</th><td>spare</td>" in (tmp_path / "run" / "report.html").read_text()


def test_a_backtest_page_shows_that_a_refit_window_kept_the_untrained_network(tmp_path):
    """The terminal and metrics.json said "no epoch improved on the untrained network's validation loss ..." of a
    refit window, and the backtest page left it out: it was filtered as a run's page says it in its own hint, which
    a backtest's page has not. A note is left out only where the page says it."""
    from rnncast.noticed import capture
    from rnncast.backtestfolder import write_backtest

    frame = make_frame(260, feature=False, freq="D")
    with capture() as noticed:
        result = Forecaster(**{**TINY, "lr": 1e-12}).backtest(frame, target="y", n_windows=2, refit=True)
    untrained = [n["text"] for n in noticed if n["text"].startswith("no epoch improved on the untrained network")]
    assert untrained, noticed
    write_backtest(tmp_path / "bt", result, {**TINY, "val_frac": 0.1, "test_frac": 0.2}, noticed=noticed)
    page = (tmp_path / "bt" / "report.html").read_text()
    assert "<h2>What rnncast noticed</h2>" in page
    assert re.search(r"Warning: cutoff 1 of 2 \(forecasts from [0-9-]+\)(?: and cutoff 2 of 2 \(forecasts from [0-9-]+\))?: "
                     "no epoch improved on the untrained network&#x27;s validation loss", page)  # whose (decision 1492)
    assert "the window&#x27;s last value (the &#x27;repeat the last value&#x27; baseline)" in page
    # its settings leave out fit's test_frac, which a backtest does not use (its page said 0.2; a tester's find)
    assert "<tr><th scope='row'>val_frac</th><td>0.1</td></tr>" in page and "test_frac" not in page


def test_an_early_stop_is_kept_in_the_runs_notes_and_on_its_page(tmp_path, frame):
    """The command line printed it as an INFO line and the run kept no word of it."""
    panel = load_panel(frame, target="y", features=["x"])
    model = Forecaster(**{**TINY, "epochs": 40, "patience": 1, "lr": 5e-2}).fit(panel)
    assert len(model.history_) < 40
    write_run(tmp_path, model, panel, source="frame")
    notes = json.loads((tmp_path / "metrics.json").read_text())["notes"]
    stop = [n for n in notes if n["text"].startswith("stopped early at epoch")]
    assert len(stop) == 1 and stop[0]["level"] == "info"
    assert f"Note: {stop[0]['text']}" in (tmp_path / "report.html").read_text()


def test_a_panel_runs_metrics_record_where_its_test_rows_fall_on_other_series_fitted_dates(tmp_path):
    """metrics.json records the overlap of per-series splits (None where a cutoff cuts every series at one time),
    beside the warning its notes keep."""
    frame = pd.concat([pd.DataFrame({"unique_id": sid, "ds": pd.date_range(start, periods=100, freq="D"),
                                     "y": 5 + np.sin(np.arange(100) / 3 + k)})
                       for k, (sid, start) in enumerate({"a": "2024-01-01", "b": "2024-02-15", "c": "2024-01-01"}.items())])
    path = tmp_path / "panel.csv"
    frame.to_csv(path, index=False)
    for name, extra in (("own", []), ("common", ["--cutoff", "2024-03-31"])):
        assert main(["fit", str(path), "--epochs", "1", "--lookback", "12", "--horizon", "3", "--device", "cpu",
                     "--out", str(tmp_path / name), *extra]) == 0
    own = json.loads((tmp_path / "own" / "metrics.json").read_text())
    assert own["test_overlap"]["series"] >= 2 and own["test_overlap"]["of"] == 3
    assert {"level": "warning", "text": own["test_overlap"]["text"]} in own["notes"]
    common = json.loads((tmp_path / "common" / "metrics.json").read_text())
    assert common["test_overlap"] is None and not any("fall on dates" in n["text"] for n in common["notes"])
    assert json.loads((tmp_path / "common" / "config.json").read_text())["settings"]["cutoff"] == "2024-03-31"


def test_a_part_with_no_window_left_is_said_and_the_run_still_written(tmp_path):
    """Every validation window of a model reading future covariates forecasts a date the data lacks (1216): the run
    was refused after training ("no window of part 'val' is left to score"), its folder unfinished; the part is now
    said in the notes and left without scores, the test scored and the run written whole."""
    n = 100
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n), "y": np.sin(np.arange(n) / 2) + 5,
                          "p": np.arange(n) % 7.0}).drop(index=[75])  # inside the validation rows
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 7}).fit(frame, target="y", future_covariates=["p"])
    metrics = write_run(tmp_path, model, frame)
    assert "val" not in metrics and metrics["test"]["windows"] > 0 and (tmp_path / "report.html").exists()
    notes = json.loads((tmp_path / "metrics.json").read_text())["notes"]
    assert any(n["text"].startswith("no window of part 'val' is left to score: 4 of the 4 windows are left out")
               and n["text"].endswith("the run has no validation scores") for n in notes)


def test_the_page_names_the_targets_its_forecast_figures_draw(tmp_path):
    """report.html said "actual and predicted values on the test split" under a figure of one of two targets; the
    figures now draw a row per target (targetrows) and the page names them, fit's and backtest's alike."""
    frame = make_frame(160).assign(z=lambda f: 2 * f["y"] + 1)
    write_run(tmp_path / "fit", Forecaster(**TINY).fit(frame, target=["y", "z"]), frame)
    page = (tmp_path / "fit" / "report.html").read_text()
    assert "<h2>Forecast on the test split of y and z, a row each</h2>" in page
    assert "alt='Actual and predicted values of y and z on the test split. " in page
    frame.to_csv(tmp_path / "two.csv", index=False)
    main(["backtest", str(tmp_path / "two.csv"), "--target", "y,z", "--n-windows", "2", "--epochs", "1",
          "--hidden-size", "8", "--lookback", "12", "--horizon", "3", "--out", str(tmp_path / "bt")])
    assert "<h2>Forecasts at each cutoff of y and z, a row each</h2>" in (tmp_path / "bt" / "report.html").read_text()


def test_a_backtests_metrics_json_names_each_series_of_a_key_of_several_by_its_columns(tmp_path):
    """metrics.json's ``by_series`` (decision 1660) names a series of a key of several columns as every JSON of
    rnncast does, ``{"item_id": "A", "store_id": 1}``, not by the text "item_id=A, store_id=1"; one id column keeps
    an object keyed by id."""
    from rnncast.backtestfolder import write_backtest

    frame = pd.DataFrame([{"item_id": item, "store_id": store, "ds": pd.Timestamp("2024-01-01") + pd.Timedelta(days=t),
                           "y": np.sin(t / 3) + store} for item in "AB" for store in (1, 2) for t in range(80)])
    result = Forecaster(**TINY).backtest(frame, n_windows=2, id_col=["item_id", "store_id"], target="y")
    write_backtest(tmp_path / "bt", result, TINY, source="x.csv")
    each = json.loads((tmp_path / "bt" / "metrics.json").read_text())["by_series"]
    assert [e["id"] for e in each] == [{"item_id": i, "store_id": s} for i in "AB" for s in (1, 2)]
    assert all(e["windows"] == 2 and "model" in e for e in each)


def test_a_run_records_its_parameter_count_in_config_json_and_shows_it_on_its_page(tmp_path, capsys):
    """The demo's page alone showed how many parameters a cell costs (a tester's find): config.json's run holds them by
    part, the page's "Data and settings" shows them and fit's closing line names them (decision 1700)."""
    frame = make_frame(200)
    frame.to_csv(tmp_path / "s.csv", index=False)
    assert main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--features", "x", "--epochs", "1", "--cell", "gru",
                 "--lookback", "10", "--hidden-size", "4", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    parts = json.loads((tmp_path / "run" / "config.json").read_text())["run"]["parameters"]
    # GRU of 4 units on 2 input columns: 3 x (4 x 2 + 4 x 4 + 2 x 4); its head 4 + 1 per step of the horizon
    assert parts["cell"] == 3 * (4 * 2 + 4 * 4 + 2 * 4) and parts["total"] == sum(v for k, v in parts.items() if k != "total")
    said = f"{parts['total']:,} (cell {parts['cell']:,}, head {parts['head']:,}, highway {parts['highway']:,})"
    assert f"<th scope='row'>parameters</th><td>{said}</td>" in (tmp_path / "run" / "report.html").read_text()
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("trained "))
    assert f" s (GRU, {parts['total']:,} parameters); wrote " in line


def test_a_resume_keeps_the_command_that_began_the_run_and_adds_its_own_beside_it(tmp_path):
    """fit --resume replaced config.json's command_line, so the command as typed, with its data and flags, was kept
    nowhere (decision 1752)."""
    from rnncast import report
    from rnncast.version import COMMAND_LINE

    first = "rnncast fit s.csv --horizon 3 --epochs 20 --out runs/e3"
    (tmp_path / "config.json").write_text(json.dumps({"environment": {"command_line": first}}))
    token = COMMAND_LINE.set("rnncast fit --resume runs/e3 --threads 1")
    try:
        once = report.environment(0, report.recorded_environment(tmp_path))
        assert (once["command_line"], once["resumed_with"]) == (first, ["rnncast fit --resume runs/e3 --threads 1"])
        (tmp_path / "config.json").write_text(json.dumps({"environment": once}))
        twice = report.environment(0, report.recorded_environment(tmp_path))  # noted as it began: not again at the end
        assert twice["resumed_with"] == ["rnncast fit --resume runs/e3 --threads 1"]  # (decision 1767)
        COMMAND_LINE.set("rnncast fit --resume runs/e3 --threads 2")
        assert report.environment(0, twice)["resumed_with"] == ["rnncast fit --resume runs/e3 --threads 1",
                                                               "rnncast fit --resume runs/e3 --threads 2"]
        COMMAND_LINE.set("rnncast fit --resume runs/e3 --threads 1")
        COMMAND_LINE.set(first)  # a fresh fit: its start_config wrote the same line, which is written once
        assert "resumed_with" not in report.environment(0, {"command_line": first})
        assert report.recorded_environment(tmp_path / "none") is None
    finally:
        COMMAND_LINE.reset(token)


def test_metrics_json_says_which_network_was_kept_and_the_verdict_for_a_machine(tmp_path):
    """A fit whose epochs never beat the untrained network exited 0 and said so only in English (t35t8): metrics.json
    now has model_kept (decision 1861) and each part's against_baselines, the verdict fit prints (decision 1862)."""
    frame = make_frame(260, feature=False, freq="D")
    panel = load_panel(frame, target="y")
    kept = Forecaster(**{**TINY, "lr": 1e-12}).fit(panel)
    write_run(tmp_path / "a", kept, panel, source="frame")
    metrics = json.loads((tmp_path / "a" / "metrics.json").read_text())
    assert metrics["model_kept"] == "untrained"
    said = metrics["test"]["against_baselines"]
    assert said["verdict"] in ("beats", "lower_not_beyond_chance", "does_not_beat", "no_verdict")
    assert set(said["each"]) == {n for n in metrics["test"]["original"] if n != "model"}
    assert said["verdict_units"] == "original" and "against_baselines" in metrics["val"]
    trained = Forecaster(**{**TINY, "lr": 1e-2}).fit(panel)
    write_run(tmp_path / "b", trained, panel, source="frame")
    assert json.loads((tmp_path / "b" / "metrics.json").read_text())["model_kept"] == "trained"


def test_a_run_is_scored_on_the_threads_it_trained_on(tmp_path, monkeypatch, frame):
    """Every validation and test window was forecast on torch's own count, though fit trained on ``threads``: 95 s of
    a 2-zone 15-minute fit on a busy 2-core machine, where 2 threads contend (t37t2 4, decision 2006)."""
    import rnncast.report

    seen, real = [], rnncast.report.run_forecasts
    monkeypatch.setattr(rnncast.report, "run_forecasts", lambda *a: seen.append(torch.get_num_threads()) or real(*a))
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        write_run(tmp_path, Forecaster(**{**TINY, "threads": 1}).fit(frame, target="y"), frame)
        assert seen == [1] and torch.get_num_threads() == 2  # the process's own count after
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize("horizon", [1, 3])
def test_a_run_writes_its_test_scores_by_step_ahead_as_a_backtest_does(tmp_path, frame, horizon):
    """decision 2030: a backtest alone showed how the error grows with the step ahead. A run's metrics.json holds the
    test's ``by_step`` (evaluate's), by_step.csv has a backtest's columns, and the page a table "Metrics by step ahead
    (test split)"; a horizon of 1 keeps the file, its one step, and shows no table (the overall table is it)."""
    from rnncast.stepbins import step_frame

    panel = load_panel(frame, target="y", features=["x"])
    model = Forecaster(**{**TINY, "horizon": horizon}).fit(panel)
    metrics = write_run(tmp_path, model, panel, source="frame")
    steps = pd.read_csv(tmp_path / "by_step.csv")
    assert list(steps.columns) == ["step", "forecaster", "mse", "mae", "rmse", "mase"]
    assert steps["step"].tolist() == [h for h in range(1, horizon + 1) for _ in range(3)]  # the model, repeat, mean
    pd.testing.assert_frame_equal(steps, step_frame(model.evaluate(panel)["by_step"]), rtol=1e-12)  # evaluate's own
    written = json.loads((tmp_path / "metrics.json").read_text())["test"]["by_step"]
    assert written == json.loads(json.dumps(metrics["test"]["by_step"])) and len(written) == horizon
    page = (tmp_path / "report.html").read_text()
    assert ("<h2>Metrics by step ahead (test split)</h2>" in page) == (horizon > 1)

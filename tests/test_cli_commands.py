"""What each command does (``cli/commands.py``): ``rnncast backtest`` writes its folder and prints
the overall scores, ``fit --resume`` continues a run from its own config.json (also one written
before a setting existed), and ``rnncast demo`` prints its table. The whole fit → predict → evaluate
flow is in scenarios/test_cli_fit_predict.py."""

from __future__ import annotations

import contextlib
import io
import json

import pandas as pd
import pytest

from conftest import PNG_SIGNATURE, TINY, make_frame, make_panel
from rnncast.cli import main
from test_cli import ROWS, cli, fit_args
from test_demo import tiny_demos  # noqa: F401  (a fixture)

L, H = TINY["lookback"], TINY["horizon"]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """Three series in long format, of 100-140 hourly rows (the panel of test_backtest.py)."""
    return make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)


def test_backtest_on_the_command_line_writes_its_folder(tmp_path, frame):
    frame.to_csv(tmp_path / "long.csv", index=False)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["backtest", str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H),
                     "--hidden-size", "8", "--epochs", "2", "--device", "cpu", "--quantiles", "0.1,0.5,0.9",
                     "--out", str(tmp_path / "bt")])
    assert code == 0, err.getvalue()
    assert {p.name for p in (tmp_path / "bt").iterdir()} == {"forecasts.csv", "metrics.json", "backtest.png", "report.html"}
    metrics = json.loads((tmp_path / "bt" / "metrics.json").read_text())
    assert len(metrics["windows"]) == 2 and metrics["settings"]["quantiles"] == [0.1, 0.5, 0.9]
    assert "overall  model" in out.getvalue() and "baseline: repeat" in out.getvalue()
    forecasts = pd.read_csv(tmp_path / "bt" / "forecasts.csv")
    assert len(forecasts) == 3 * 2 * H
    assert (tmp_path / "bt" / "backtest.png").read_bytes()[:8] == PNG_SIGNATURE


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


def test_the_demo_command_prints_its_table_and_where_the_report_is(tiny_demos, tmp_path, capsys):
    assert main(["demo", "regression", "--device", "cpu", "--out", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "beats baselines" in out and "past only (as the tutorial)" in out
    assert f"wrote {tmp_path / 'demo'}/report.html" in out and (tmp_path / "demo" / "report.html").is_file()


def test_the_demo_folder_is_numbered_and_an_existing_out_is_kept_unless_overwrite(tiny_demos, tmp_path, capsys,
                                                                                 monkeypatch):
    """demo follows fit's rule: its default folder is numbered if it exists (a second `make demo` writes
    runs/demo-2), and an explicit --out that holds an earlier output is refused unless --overwrite."""
    monkeypatch.chdir(tmp_path)
    for folder in ("runs/demo-regression", "runs/demo-regression-2"):
        assert main(["demo", "regression", "--device", "cpu"]) == 0
        assert f"wrote {folder}/report.html" in capsys.readouterr().out and (tmp_path / folder / "report.html").is_file()
    first = tmp_path / "runs" / "demo-regression"
    page = (first / "report.html").read_bytes()
    (first / "gru").mkdir()  # a sine demo's run folder, as if the sine demo had written here before
    assert main(["demo", "regression", "--device", "cpu", "--out", str(first)]) == 2
    err = capsys.readouterr().err
    assert f"--out {first} holds an earlier rnncast output" in err and "--overwrite" in err
    assert (first / "report.html").read_bytes() == page
    assert main(["demo", "regression", "--device", "cpu", "--out", str(first), "--overwrite"]) == 0
    assert f"wrote {first}/report.html" in capsys.readouterr().out
    assert not (first / "gru").exists() and {"past-only", "future-known", "report.html"} <= {p.name for p in first.iterdir()}


def test_columns_whose_names_hold_a_comma_are_named_on_the_command_line(tmp_path, capsys):
    """`--target '"load, kW"'` (CSV quoting) and `--features temp --features "vent, km/h"` (the flag
    repeated) name columns with commas in them; fit trains on them and its config.json says so."""
    data = make_frame(120).rename(columns={"y": "load, kW", "x": "vent, km/h"})
    data["temp"] = data["load, kW"].shift(1).fillna(0.0) * 0.5
    data.to_csv(tmp_path / "d.csv", index=False)
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", "--target", '"load, kW"', "--features", "temp",
                       "--features", "vent, km/h", "--epochs", "1", "--lookback", "4", "--hidden-size", "4",
                       "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["data"]["target"] == ["load, kW"] and config["data"]["features"] == ["temp", "vent, km/h"]
    assert config["run"]["target"] == ["load, kW"] and config["run"]["past_covariates"] == ["temp", "vent, km/h"]


def test_the_sine_demo_command_prints_the_winner_or_tie_the_noise_floor_and_per_epoch_timings(tiny_demos, tmp_path, capsys):
    assert main(["demo", "--device", "cpu", "--out", str(tmp_path / "sine")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "s/epoch (median)" in out and "epochs (best)" in out and "train s" not in out
    assert "Noise floor" in out and "× floor" in out
    for group in ("With the highway on,", "With the cells alone,"):
        sentence = out.split(group, 1)[1].split(".", 1)[0]
        assert " wins" in sentence or "tie" in sentence, sentence  # a winner only beyond chance, else a tie
    assert "Settings other than the defaults" in out

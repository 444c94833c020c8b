"""Scenario: ``rnncast tune`` writes a study (SQLite), its trials and a best.toml that ``rnncast fit
--config`` trains; the same study run again (as a second machine would, with ``--storage``) adds
its trials. What a trial searches and sees is in test_tuning.py."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import make_frame
from rnncast.cli import main
from rnncast.configfile import read_config

optuna = pytest.importorskip("optuna")


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """300 hourly rows (date, y, x), as test_tuning.py tunes on."""
    return make_frame(300)


def test_cli_writes_the_study_and_a_config_that_fit_trains(tmp_path, frame, capsys):
    frame.to_csv(tmp_path / "d.csv", index=False)
    args = ["tune", str(tmp_path / "d.csv"), "--target", "y", "--features", "x", "--horizon", "3", "--epochs", "2",
            "--hidden-size", "8", "--device", "cpu", "--trials", "2", "--out", str(tmp_path / "t")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "trial 0:" in out and "trial 1:" in out and "rnncast fit --config" in out
    assert {p.name for p in (tmp_path / "t").iterdir()} == {"study.db", "best.toml", "trials.csv", "tune.json"}
    summary = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert summary["searched"] == ["cell", "num_layers", "lookback", "lr", "dropout"]  # hidden_size was given
    settings, request = read_config(tmp_path / "t" / "best.toml")
    assert settings["hidden_size"] == 8 and settings["epochs"] == 2
    assert {k: settings[k] for k in summary["best"]["params"]} == summary["best"]["params"]
    assert request["target"] == ["y"] and request["features"] == ["x"]
    assert main(["fit", "--config", str(tmp_path / "t" / "best.toml"), "--out", str(tmp_path / "run")]) == 0
    # the same study again (a second machine would give --storage): trials add up
    assert main(args + ["--storage", f"sqlite:///{tmp_path / 't' / 'study.db'}"]) == 0
    assert len(pd.read_csv(tmp_path / "t" / "trials.csv")) == 4

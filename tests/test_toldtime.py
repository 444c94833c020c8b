"""A model fitted with time_col=False (--no-time-col) keeps that word in model.json and reads later data as fit did
(decision 708): predict, evaluate, backtest and compare of the same table, whose real dates fit was told to pass over."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.state import FittedState
from rnncast.toldtime import saved

N = 120
DATED = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=N, freq="D").strftime("%Y-%m-%d"),
                      "y": np.sin(np.arange(N) / 4.0) + np.arange(N) * 0.01})


@pytest.fixture(scope="module")
def told() -> Forecaster:
    """A model of DATED, fitted with time_col=False: its 'date' column passed over, its rows numbered."""
    return Forecaster(**TINY).fit(DATED, target="y", time_col=False)


def test_the_word_is_kept_only_where_given_and_read_back_or_refused():
    assert saved({"time_col": None}) is False  # a model saved before it was kept: as before
    assert saved({"time_col": None, "no_time_col": True}) is True
    for value in ("yes", False, 1, None):
        with pytest.raises(ValueError, match=r"^no_time_col must be true or absent, got "):
            saved({"time_col": None, "no_time_col": value})
    with pytest.raises(ValueError, match=r"no_time_col is true .* but time_col is 'ds'$"):
        saved({"time_col": "ds", "no_time_col": True})


def test_predict_and_evaluate_read_the_same_table_as_fit_did(told, caplog):
    """Both refused the table fit read ("... drop that column"): fit passed 'date' over by the user's word, which the
    model did not keep."""
    assert told.state_.no_time_col and told.state_.meta()["no_time_col"] is True and told.state_.time_col is None
    with caplog.at_level(logging.INFO, logger="rnncast"):
        forecast = told.predict(DATED)
    assert list(forecast.index) == [N, N + 1, N + 2] and np.isfinite(forecast.to_numpy(dtype=float)).all()
    said = [r.getMessage() for r in caplog.records if "rows are numbered from 0" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("the data is read without a time column, as fit was told "
                                                 "(time_col=False, --no-time-col), so its rows are numbered from 0")
    assert "not used" not in caplog.text  # 'date' was passed over at fit: not named again
    scores = told.evaluate(DATED)
    assert np.isfinite(scores["original"]["model"]["mse"])


def test_a_saved_model_keeps_the_word_and_one_saved_before_it_reads_as_before(told, tmp_path):
    told.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    assert meta["no_time_col"] is True
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.state_.no_time_col and loaded.predict(DATED).index[0] == N
    del meta["no_time_col"], meta["description_sha256"]  # as written before the word was kept
    path.write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    assert not old.state_.no_time_col
    with pytest.raises(RnncastError, match=r"fitted on rows without a time column .* time column 'date': drop that "):
        old.predict(DATED)  # as before: the date column found as time, and refused by name
    assert old.predict(DATED.drop(columns="date")).index[0] == N


@pytest.mark.parametrize("value, said", [("yes", r"no_time_col must be true or absent, got 'yes'"),
                                         (False, r"no_time_col must be true or absent, got False")])
def test_a_hand_edited_value_is_refused_as_other_keys_are(told, value, said):
    meta = json.loads(json.dumps(told.state_.meta()))
    meta["no_time_col"] = value
    with pytest.raises(RnncastError, match=rf"^the model description in the folder is incomplete or hand-edited: .*{said}"):
        FittedState.read(meta, told.net_.spec, "the folder")


def test_a_backtest_of_the_model_reads_rows_numbered_and_a_time_column_given_is_followed_with_a_warning(told, caplog):
    """Decision 708: a time column named at backtest is a role given, which overrides the fit's as any does."""
    result = told.backtest(DATED, n_windows=2)
    assert "row" in result.forecasts.columns and "date" not in result.forecasts.columns
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        dated = told.backtest(DATED, n_windows=2, time_col="date")
    assert "backtest reads time_col date as given, where the model was fitted with time_col False" in caplog.text
    assert "date" in dated.forecasts.columns


def test_the_cli_predicts_evaluates_and_compares_the_table_fit_read(tmp_path):
    from rnncast.cli import main

    data = tmp_path / "t.csv"
    DATED.to_csv(data, index=False)
    common = ["--target", "y", "--no-time-col", "--horizon", "3", "--lookback", "12", "--hidden-size", "8",
              "--epochs", "1", "--device", "cpu"]
    assert main(["fit", str(data), *common, "--out", str(tmp_path / "r")]) == 0
    assert main(["fit", str(data), *common, "--seed", "1", "--out", str(tmp_path / "r2")]) == 0
    assert main(["predict", str(tmp_path / "r"), str(data)]) == 0
    assert main(["evaluate", str(tmp_path / "r"), str(data)]) == 0
    assert main(["compare", str(tmp_path / "r"), str(tmp_path / "r2"), "--data", str(data)]) == 0
    assert main(["backtest", str(data), "--from-run", str(tmp_path / "r"), "--n-windows", "2", "--out",
                 str(tmp_path / "b")]) == 0


def test_the_pages_say_the_rows_were_numbered_by_the_users_word(told, tmp_path):
    """The run page's and the backtest page's "time column" said "(none: rows numbered)" of a table whose real dates
    the user told fit to pass over, as of one that has none (decision 708's open end)."""
    from rnncast.backtestpage import backtest_facts
    from rnncast.backtestfolder import write_backtest
    from rnncast.reportpage import run_blocks

    facts = dict(next(b[1] for b in run_blocks(told, {}, "f.csv", None)
                      if b[0] == "table" and b[1][0] == ["setting", "value"])[1:])
    assert facts["time column"] == "(none, as told: time_col=False; rows numbered)"
    result = Forecaster(**TINY).backtest(DATED, target="y", time_col=False, n_windows=2)
    write_backtest(tmp_path / "bt", result, TINY)
    config = json.loads((tmp_path / "bt" / "config.json").read_text())
    assert config["run"]["time_col"] is False
    assert dict(backtest_facts(config, result.metrics))["time column"] == "(none, as told: time_col=False; rows numbered)"

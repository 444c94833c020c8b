"""Each series' own scale where the model has no scaler (``spreads.py``): with ``scaler='none'`` a panel's scaled
block, its verdict and its Diebold–Mariano test divide each series' errors by the standard deviation of its training
rows, so a series of values near 10,000 does not decide them for series near 1 and 0.01; with a scaler they stay
in the scaler's units."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from conftest import make_panel
from rnncast import Forecaster
from rnncast.forecasttimes import forecast_times
from rnncast.significance import diebold_mariano
from rnncast.verdicts import verdict, verdict_units

SETTINGS = dict(lookback=8, horizon=2, hidden_size=8, epochs=1, batch_size=64, lr=1e-2, device="cpu", seed=0, threads=1)
FACTORS = {"s000": 1.0, "s001": 1e4, "s002": 1e-2}  # three series whose values differ by a million


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    frame = make_panel(3, lengths=(100, 100), seed=3)
    frame["y"] = frame["y"] * frame["unique_id"].map(FACTORS)
    return frame


@pytest.fixture(scope="module")
def unscaled(panel) -> Forecaster:
    return Forecaster(**SETTINGS, scaler="none").fit(panel)


def _training_spreads(model: Forecaster, panel: pd.DataFrame) -> dict:
    """Each series' population standard deviation over its training rows, computed here from the data."""
    return {sid: float(g["y"].to_numpy()[: model.splits_[model.ids_.index(sid)].train_end].std())
            for sid, g in panel.groupby("unique_id", sort=True)}


def test_a_panel_without_a_scaler_is_judged_with_each_series_divided_by_its_training_spread(unscaled, panel):
    """The verdict said "MSE (each series in its own scaled units) 1.87e+04" and its test ran on raw errors, where
    the series near 5,000 carried 99 % of the loss differences (a tester's find): no scaler had scaled anything."""
    result = unscaled.evaluate(panel)
    wf = unscaled.predict_windows(panel, part="test")
    spread = np.array([_training_spreads(unscaled, panel)[wf.ids[s]] for s in wf.series])[:, None, None]  # [W, 1, 1]
    errors = {"model": wf.y_pred - wf.y_true, **{n: b - wf.y_true for n, b in wf.baselines.items()}}
    for name, e in errors.items():
        assert result["scaled"][name]["mse"] == pytest.approx(np.mean((e / spread) ** 2), rel=1e-5)
        assert result["original"][name]["mse"] == pytest.approx(np.mean(e ** 2), rel=1e-9)  # original block unchanged
    times = forecast_times(wf)
    for name in wf.baselines:
        own = diebold_mariano(errors["model"] / spread, errors[name] / spread, 2, times)
        assert result["significance"][name]["p_value"] == pytest.approx(own["p_value"], rel=1e-4, abs=1e-9)
    assert result["scaled_by"] == "training standard deviation"
    _, sentence = verdict(result, verdict_units(unscaled))
    assert "MSE (each series divided by its training rows' standard deviation) " in sentence
    said = re.search(r"standard deviation\) ([0-9.e+-]+) against", sentence)  # written as the table's column (1230)
    assert float(said[1]) == pytest.approx(result["scaled"]["model"]["mse"], rel=1e-3) and "scaled units" not in sentence


def test_with_a_scaler_the_scaled_block_stays_in_the_scalers_units(panel):
    model = Forecaster(**SETTINGS).fit(panel)  # standard: each series' scaler divides by that same spread
    result = model.evaluate(panel)
    assert "scaled_by" not in result
    assert "MSE (each series in its own scaled units) " in verdict(result, "scaled")[1]
    wf = model.predict_windows(panel, part="test", scaled=True)
    assert result["scaled"]["model"]["mse"] == pytest.approx(np.mean((wf.y_pred - wf.y_true) ** 2), rel=1e-6)


def test_the_spreads_are_the_standard_scalers_statistic_and_1_where_the_rows_do_not_vary():
    from types import SimpleNamespace

    from rnncast.spreads import training_spreads
    from rnncast.windows import Split

    rows = np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0], [9.0, 5.0]])  # the second target never changes
    panel = SimpleNamespace(n_targets=2, rows=lambda s: rows)
    spreads = training_spreads(panel, [Split(3, 4, 4)])
    assert spreads.shape == (1, 2) and spreads[0, 0] == pytest.approx(np.std([1.0, 3.0, 2.0])) and spreads[0, 1] == 1.0


def test_the_spreads_are_saved_with_the_model_and_one_saved_without_them_is_judged_in_original_units_said(
        unscaled, panel, tmp_path):
    import json

    unscaled.save(tmp_path / "m")
    again = Forecaster.load(tmp_path / "m")
    np.testing.assert_array_equal(again.train_spreads_, unscaled.train_spreads_)
    assert again.evaluate(panel)["scaled"]["model"]["mse"] == unscaled.evaluate(panel)["scaled"]["model"]["mse"]
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    del meta["train_spreads"], meta["description_sha256"]  # saved before both were kept (679)
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    assert old.train_spreads_ is None
    result = old.evaluate(panel)
    assert result["scaled_by"] == "nothing"  # the scaled block is the original's, in the network's float32
    assert result["scaled"]["model"]["mse"] == pytest.approx(result["original"]["model"]["mse"], rel=1e-6)
    assert "MSE (in original units: no scaler scaled them, so the largest values weigh most) " in verdict(result, "scaled")[1]


def test_a_backtest_of_a_panel_without_a_scaler_weighs_each_series_in_its_own_scale(panel):
    from rnncast.backtestverdict import backtest_verdict

    backtest = Forecaster(**SETTINGS, scaler="none").backtest(panel, n_windows=4)
    m = backtest.metrics
    assert m["verdict_units"] == "scaled" and m["scaled_by"] == "training standard deviation"
    assert m["overall_scaled"]["model"]["mse"] < 100 < m["overall"]["model"]["mse"]  # the series near 10,000 divided
    assert "MSE (each series divided by its training rows' standard deviation)" in backtest_verdict(m)[1]


def test_tables_and_headings_under_no_scaler_name_the_training_spread_not_scaled_units(unscaled, panel):
    """Under ``scaler='none'`` the scaled block divides by each series' training spread, but the terminal's table, the
    report page's heading, the per-baseline line and a backtest's table still said "scaled units" (noticed in session
    7): nothing had been scaled. Each now names the training spread; with a scaler they still say "scaled units"."""
    from rnncast.cli.commands import score_tables
    from rnncast.readout import each_text
    from rnncast.backtestpage import backtest_rows, backtest_units
    from rnncast.spreads import units_name
    from rnncast.studies import ranking

    result = unscaled.evaluate(panel)
    tables = score_tables(result, 1, "test")
    assert "test (training-spread units)" in tables and "scaled units" not in tables
    assert each_text(result, "scaled").startswith("Against each baseline (training-spread units) (p: one-sided, that the model is not better): ")
    m = Forecaster(**SETTINGS, scaler="none").backtest(panel, n_windows=2).metrics
    assert backtest_rows(m)[0][2:4] == ["MSE", "MSE (training-spread units)"]  # original units first (decision 2099)
    assert backtest_units(m).startswith("MSE, MAE, RMSE in original units") and (
        "; MSE (training-spread units) in training-spread units (each series divided by its training rows' standard "
        "deviation), as the verdict weighs it") in backtest_units(m)
    assert ranking((), "none")[1] == "validation MSE (training-spread units)"
    assert units_name(None) == "scaled units" and units_name("nothing") == "original units"
    scaled = Forecaster(**SETTINGS).fit(panel).evaluate(panel)
    assert "test (scaled units)" in score_tables(scaled, 1, "test")
    assert each_text(scaled, "scaled").startswith("Against each baseline (scaled units) (p: one-sided, that the model is not better): ")


def test_the_report_page_heads_the_scaled_table_with_its_units(unscaled, panel):
    from rnncast.report import run_metrics
    from rnncast.reportpage import run_blocks

    heads = [b[1] for b in run_blocks(unscaled, run_metrics(unscaled, panel), "panel.csv", None) if b[0] == "h2"]
    assert "Metrics (training-spread units)" in heads and "Metrics (scaled units)" not in heads

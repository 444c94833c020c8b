"""``scalepairs``: the pairs each series' MASE scale rests on, kept at fit, given in evaluate's by-series scores and
the by-series CSV, and a warning naming the scales that rest on few (decision 2160)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, calendarlags, scalepairs
from rnncast.cli.byseries import series_frame

SEASON = 12


def panel() -> pd.DataFrame:
    """Three series of 120 monthly rows and one of 68: at the default fractions its 47 training rows hold 35 pairs a
    season apart, the long ones' 84 rows 72; ``NEW`` of 40 rows: 28 training rows, 16 pairs; ``NEWEST`` 30: 21, 9."""
    rng = np.random.default_rng(1)
    t = np.arange(120)

    def one(name, n):
        y = 10 + 3 * np.sin(2 * np.pi * t / SEASON) + rng.normal(0, 0.3, 120)
        return pd.DataFrame({"store": name, "month": pd.date_range("2015-01-01", periods=120, freq="MS"), "y": y}).tail(n)

    return pd.concat([one("A", 120), one("B", 120), one("C", 120), one("NEW", 40), one("NEWEST", 30)])


@pytest.fixture(scope="module")
def fitted():
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("rnncast").addHandler(handler)
    try:
        model = Forecaster(**{**TINY, "lookback": 6, "season": SEASON}).fit(panel(), id_col="store", time_col="month",
                                                                            target="y")
    finally:
        logging.getLogger("rnncast").removeHandler(handler)
    return model, [r.getMessage() for r in records if r.levelno >= logging.WARNING]


def test_pairs_count_what_scale_averages_by_rows_and_by_calendar():
    values = np.arange(10.0)
    assert calendarlags.pairs(values, None, 3) == 7
    assert calendarlags.pairs(values, None, 3, np.arange(10) != 5) == 5  # rows 5 and 8 pair with row 5
    assert calendarlags.pairs(values[:3], None, 3) == 0  # no pair: the scale is NaN
    at = np.array([0, 1, 2, 4, 5, 6, 7])  # step 3 missing: 4-1, 5-2, 7-4 are a season of steps apart
    assert calendarlags.pairs(values[:7], at, 3) == 3


def test_fit_keeps_each_scale_pairs_and_names_those_under_the_minimum(fitted):
    model, said = fitted
    pairs = dict(zip(model.ids_, model.mase_pairs_[:, 0].tolist()))
    assert pairs["A"] > scalepairs.MIN_PAIRS and pairs["NEW"] >= scalepairs.MIN_PAIRS
    assert 0 < pairs["NEWEST"] < scalepairs.MIN_PAIRS
    few = [s for s in said if "on fewer than 15 pairs" in s]
    assert len(few) == 1, said
    assert f"series 'NEWEST' ({pairs['NEWEST']} pairs)" in few[0] and "'NEW' (" not in few[0]
    assert "MASE's scale of " in few[0] and " rests on " in few[0] and "which counts it;" in few[0]


def test_evaluate_by_series_and_its_csv_give_the_pairs(fitted, tmp_path):
    model, _ = fitted
    result = model.evaluate(panel(), by_series=True)
    pairs = dict(zip(model.ids_, model.mase_pairs_[:, 0].tolist()))
    assert {k: v[scalepairs.KEY] for k, v in result["series"].items()} == {k: pairs[k] for k in result["series"]}
    frame = series_frame(result, "store")
    assert dict(zip(frame["store"], frame["mase_pairs"])) == {k: pairs[k] for k in result["series"]}
    model.save(tmp_path / "m")  # kept in model.json, read back
    assert (Forecaster.load(tmp_path / "m").mase_pairs_ == model.mase_pairs_).all()


def test_a_model_without_pairs_adds_none():
    series = {"A": {"windows": 2}}
    scalepairs.attach(series, None, ["A"], str)
    assert series == {"A": {"windows": 2}}
    several = {"A": {"windows": 2, "by_target": {"y": {}, "z": {}}}}
    scalepairs.attach(several, np.array([[3, 4]]), ["A"], str)
    assert several["A"]["by_target"] == {"y": {"mase_pairs": 3}, "z": {"mase_pairs": 4}}


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "on fewer than 15 pairs" in r.getMessage()]


def test_a_final_fit_says_nothing_and_evaluate_names_the_few_pairs_scale_it_divides_by(caplog):
    data = panel()
    earlier = data[data["month"] < data["month"].max() - pd.DateOffset(months=11)]  # NEWEST: 18 rows, 6 pairs
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 6, "season": SEASON, "epochs": 1, "test_frac": 0, "val_frac": 0}).fit(
            earlier, id_col="store", time_col="month", target="y")
    assert _said(caplog) == []  # a final fit makes no MASE (decision 2157)
    pairs = dict(zip(model.ids_, model.mase_pairs_[:, 0].tolist()))
    assert 0 < pairs["NEWEST"] < scalepairs.MIN_PAIRS <= min(v for k, v in pairs.items() if k != "NEWEST")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(data, by_series=True)
    few = _said(caplog)
    assert len(few) == 1, few
    assert f"series 'NEWEST' ({pairs['NEWEST']} pairs), which evaluate divides by, rests on" in few[0]
    assert "'NEW' (" not in few[0] and "out of the data evaluated to score the others apart" in few[0]
    assert result["series"]["NEWEST"][scalepairs.KEY] == pairs["NEWEST"]  # the count named is the column's
    caplog.clear()
    model.state_.mase_pairs = None  # a model saved before the pairs were kept: nothing said
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(data)
    assert _said(caplog) == []


def test_a_backtest_names_the_windows_count_and_the_column_of_each_series_fewest(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast.scalepairs"):
        scalepairs.warn(["target 'y' of series 'B' (13 pairs in window 1)"], 14, "backtest")
    text = _said(caplog)[0]
    assert "(13 pairs in window 1) rests on" in text and "before the cutoff of the window named (each scale's " \
        "fewest pairs over the windows that have one" in text  # decision 2247
    assert "the backtest's by-series scores give each series' fewest over its windows (mase_pairs)" in text  # 2220
    assert text.endswith("or leave its rows out of the data backtested to score the others apart")


def test_one_series_is_told_no_others_to_score_apart(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast.scalepairs"):
        scalepairs.warn(["target 'y' (13 pairs)"], 7, "fit", others=False)
    text = _said(caplog)[0]
    assert "others" not in text and text.endswith("more rows before the cutoff give more pairs")


@pytest.mark.parametrize("refit", [False, True])
def test_a_backtest_by_series_gives_each_series_fewest_pairs_and_each_window_its_own(refit):
    """Decision 2220: the backtest's by-series table had no ``mase_pairs`` while evaluate's has; each window's scale
    reads the rows before its own cutoff (decision 2173), so each series' count is its fewest, its first window's,
    and metrics.json's windows give each window's own: more by the step at each later cutoff."""
    data = panel()
    result = Forecaster(**{**TINY, "lookback": 6, "season": SEASON, "epochs": 1}).backtest(
        data, n_windows=2, step=3, refit=refit, id_col="store", time_col="month", target="y")
    m = result.metrics
    each = [w["mase_pairs"] for w in m["windows"]]
    sizes = data.groupby("store").size()  # NEWEST: too short for the backtest, left out
    assert set(m["by_series"]) == set(each[0]) == {"A", "B", "C", "NEW"}
    for store in m["by_series"]:
        rows, first, second = sizes[store], each[0][store], each[1][store]
        assert second == first + 3  # three more rows before the second cutoff, three more pairs a season apart
        assert m["by_series"][store][scalepairs.KEY] == first
        assert first == rows - 3 - 3 - SEASON  # every row before the first cutoff (horizon 3, step 3), less a season
    frame = series_frame({"series": m["by_series"]}, "store")
    assert dict(zip(frame["store"], frame[scalepairs.KEY])) == each[0]  # the CSV's column: each series' first window's

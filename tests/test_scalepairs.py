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

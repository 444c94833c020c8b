"""A training value so far from the rest of its column that it sets the column's scale (``outliers.py``): named."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.outliers import _column, note

RNG = np.random.default_rng(1)
N = 1000


def _daily(value: float | None = None, n: int = 400) -> pd.DataFrame:
    t = np.arange(n)
    y = 100 + 10 * np.sin(2 * np.pi * t / 30) + np.random.default_rng(0).normal(0, 0.5, n)
    if value is not None:
        y[50] = value
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="D"), "y": y})


def _squeezed(column: np.ndarray) -> bool:
    finite = column[np.isfinite(column)]
    return _column(column, "standard", float(np.std(finite))) is not None


@pytest.mark.parametrize("name, column", [
    ("exponential growth over 12 orders", np.logspace(0, 12, N)),
    ("a counter that resets", np.arange(N) % 97 * 1.0),
    ("a promotion flag on 3% of days", (RNG.random(N) < 0.03) * 1.0),
    ("intermittent sales", np.where(RNG.random(N) < 0.05, RNG.poisson(5, N), 0) * 1.0),
    ("a random walk", np.cumsum(RNG.normal(0, 1, N))),
    ("lognormal prices (sigma 2)", RNG.lognormal(0, 2, N)),
    ("two 100-fold traffic spikes", RNG.lognormal(3, 0.3, N) * np.isin(np.arange(N), [100, 400]).choose(1, 100)),
    ("a Cauchy noise", RNG.standard_cauchy(N)),
    ("a shelf price of 0.1 with a few markdowns", np.r_[np.full(480, 0.1), np.full(20, 0.05)]),
    ("a rate of 5.33 with a few changes", np.r_[np.full(480, 5.33), np.full(20, 2.665)].astype(np.float32).astype(float)),
    ("a level change at 90%", np.r_[np.full(900, 5e6), np.full(100, 50.0)] + RNG.normal(0, 1, N)),
])
def test_ordinary_columns_are_not_named(name, column):
    assert not _squeezed(column), name


@pytest.mark.parametrize("name, rows, value", [("one 1e6", [50], 1e6), ("one -999999", [500], -999999.0),
                                               ("99999 on every 50th row", list(range(0, N, 50)), 99999.0)])
def test_a_value_that_sets_the_scale_is_named_with_how_many_others_lie_as_far(name, rows, value):
    column = 100 + 10 * np.sin(np.arange(N) / 5)
    column[rows] = value
    k, more, near, squeeze = _column(column, "standard", float(np.std(column)))
    assert column[k] == value and more == len(rows) - 1 and 90 <= near <= 110 and squeeze > 100, name  # its neighbours


def test_fit_names_the_value_and_the_untrained_network_is_not_blamed_on_the_learning_rate(tmp_path, caplog):
    """A tester's 1e9 early in a sine near 100: the end of the series stayed resolved, so nothing refused it; the
    model was the untrained network, "training blew up; try a smaller learning rate" was said, and the verdict called
    its MSE (2.201383 against 2.201393) lower than repeating the last value."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 14, "horizon": 1, "epochs": 3, "lr": 3e-4}).fit(_daily(1e6), target="y")
    said = [r.getMessage() for r in caplog.records]
    first = next(s for s in said if "far from its other training values" in s)
    around = np.median(np.r_[_daily()["y"][45:50], _daily()["y"][51:56]])  # its neighbours, not the series' 100
    assert first.startswith("column 'y' holds 1e+06 at 2020-02-20, far from its other training values (those around it "
                            f"near {around:.6g})")
    assert "standard scaling by the spread it makes squeezes the others into 1/" in first and "(fill=, --fill)" in first
    untrained = [s for s in said if s.startswith("no epoch improved")]
    assert untrained and "first correct or blank 1e+06 at 2020-02-20 in column 'y'" in untrained[0]
    assert "learning rate fixes that" in untrained[0] and "blew up" not in untrained[0]
    model.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "model.json").read_text())["squeezed"]
    assert saved["column"] == "y" and saved["value"] == 1e6 and saved["target"] is True
    assert Forecaster.load(tmp_path / "m").state_.squeezed == saved


def test_a_clean_series_says_nothing_and_keeps_no_record(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 14, "horizon": 1}).fit(_daily(), target="y")
    assert not any("far from its other" in r.getMessage() for r in caplog.records)
    assert model.state_.squeezed is None


def test_a_panel_says_one_line_naming_the_first_and_the_others(caplog):
    frames = []
    for store in "abc":
        frame = _daily().assign(store=store, price=5 + np.random.default_rng(2).normal(0, 0.1, 400))
        if store == "b":
            frame.loc[30, "y"] = -999999.0
        if store == "c":
            frame.loc[20, "price"] = 99999.0
        frames.append(frame)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 14, "horizon": 1}).fit(
            pd.concat(frames, ignore_index=True), target="y", id_col="store", past_covariates=["price"])
    said = [r.getMessage() for r in caplog.records if "far from its other" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("column 'y' of series 'b' holds -999999 at 2020-01-31")
    assert "; likewise column 'price' of series 'c';" in said[0]
    assert model.state_.squeezed["series"] == "series 'b'"


def test_a_covariate_alone_is_not_the_cause_the_untrained_advice_names(caplog):
    frame = _daily().assign(price=5 + np.random.default_rng(2).normal(0, 0.1, 400))
    frame.loc[20, "price"] = 99999.0
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 14, "horizon": 1}).fit(frame, target="y", past_covariates=["price"])
    said = next(r.getMessage() for r in caplog.records if "far from its other" in r.getMessage())
    assert "too little for the network to learn from that column;" in said
    assert model.state_.squeezed is None and note(None) is None


def test_tunes_trials_say_a_squeezed_column_once(caplog):
    """Each of tune's trials fits the same data: the warning was said by every trial."""
    from rnncast.noticed import said_once as once
    from rnncast.outliers import warn

    found = [{"series": None, "target": True, "column": "y", "value": 1e6, "time": "2020-02-20", "more": 0,
              "near": 100.0, "squeeze": 6930.0}]
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found, "standard")
        warn(found, "standard")
    assert len([r for r in caplog.records if "far from its other" in r.getMessage()]) == 1
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn(found, "standard")  # outside a tune: every fit says it
    assert len([r for r in caplog.records if "far from its other" in r.getMessage()]) == 2


def test_the_value_is_said_to_be_near_its_neighbours_not_the_whole_columns_median():
    """A tester's wandering price (100 rising to 400) with a glitch at its end was told "near 250", its history's
    median, a value the series had left long before."""
    column = np.linspace(100, 400, N) + np.random.default_rng(1).normal(0, 1, N)
    column[N - 10] = 1e8
    k, _, near, _ = _column(column, "standard", float(np.std(column)))
    assert k == N - 10 and abs(near - 397) < 3


def test_a_squeezing_value_the_line_on_codes_named_points_to_it(caplog):
    """Decision 1607: one -9999 was said in four lines of four wordings ("a code for a missing value or a typo" here);
    where the line on missing-value codes named it, this one points to it and gives no advice of its own."""
    from rnncast.codedblanks import named_codes
    from rnncast.outliers import warn

    found = [{"series": None, "target": True, "column": "temp", "value": -9999.0, "time": "2015-04-11", "more": 0,
              "near": 7.15, "squeeze": 1144.0}]
    coded = named_codes([{"series": None, "column": "temp", "codes": [-9999.0]}])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn(found, "standard", coded)
    [said] = [r.getMessage() for r in caplog.records if "far from its other" in r.getMessage()]
    assert said.startswith("column 'temp' holds -9999 at 2015-04-11 (a missing-value code? see above), far from")
    assert "typo" not in said and "missing_values" not in said


def test_a_computed_calendar_column_is_not_weighed_for_outliers():
    """Decision 2025: the outlier check is for measured data; a column computed from the timestamps is weighed by
    none (the same values given as a data column are)."""
    from rnncast.loading import load_panel
    from rnncast.outliers import find
    from rnncast.seriesscalers import fit_scalers
    from rnncast.windows import chronological_split

    frame = pd.DataFrame({"ds": pd.date_range("2026-01-01", periods=300, freq="D"), "y": np.sin(np.arange(300.0))})
    panel = load_panel(frame, target="y", time_col="ds", calendar_covariates="month")
    panel.values[5, -1] = 1e4  # no calendar makes it: one far value, as a data column could hold
    splits = [chronological_split(300, 14, 7, 0.1, 0.2)]
    assert find(panel, splits, fit_scalers(panel, splits, "standard")) == []
    given = load_panel(frame.assign(month_cos=panel.values[:, -1]), target="y", time_col="ds",
                       future_covariates=["month_cos"])
    assert [f["column"] for f in find(given, splits, fit_scalers(given, splits, "standard"))] == ["month_cos"]


def test_a_final_fit_that_scores_nothing_is_told_nothing_of_mase(caplog):
    """Decision 2159: a final fit (test_frac 0, val_frac 0) makes no MASE, yet the squeezed target's line said "MASE,
    scaled by the mean step of the rows before the cutoff, is scaled by its jumps too"; a scored fit keeps it."""
    for settings, mase in (({"test_frac": 0, "val_frac": 0}, False), ({}, True)):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            Forecaster(**{**TINY, "epochs": 1, **settings}).fit(_daily(-999999.0), target="y")
        [said] = [r.getMessage() for r in caplog.records if "far from its other" in r.getMessage()]
        assert ("MASE" in said) is mase and "too little for the network to learn from" in said

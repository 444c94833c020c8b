"""The baselines of a target with blank labels stood in for read the labels measured: the last one at or before each
row of its own series, never the straight line made from the next label (decision 2176)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, blanklabels, measuredlabels


def test_a_stood_in_value_reads_the_last_label_measured_in_its_own_series():
    labels = np.array([np.nan, 2.0, np.nan, np.nan, 5.0, np.nan, 9.0, np.nan, np.nan])  # series at 0, 6
    offsets = np.array([0, 6, 9])
    values, filled = blanklabels.stand_in(np.column_stack([labels, np.arange(9.0)]), offsets, 1)
    assert values[3, 0] == 4.0  # the line: a third of the way from 2 to 5, made from row 4's label
    out = measuredlabels.last_measured(values, filled, offsets, 1)
    assert np.isnan(out[0, 0])  # no label measured before it
    assert out[1:6, 0].tolist() == [2.0, 2.0, 2.0, 5.0, 5.0]
    assert out[6:, 0].tolist() == [9.0, 9.0, 9.0]  # series 1 reads none of series 0's
    assert (out[:, 1] == np.arange(9.0)).all()  # the features as given
    scaled = values.astype(np.float32)
    assert measuredlabels.last_measured(scaled, filled, offsets, 1).dtype == np.float32


def test_nothing_stood_in_is_read_as_given():
    values = np.arange(6.0).reshape(3, 2)
    assert measuredlabels.last_measured(values, None, np.array([0, 3]), 1) is values
    made = np.array([[0, 0], [2, 0], [0, 0]], np.int32)  # a fill's value: the user's choice, read as the model reads it
    assert measuredlabels.last_measured(values, made, np.array([0, 3]), 1) is values


@pytest.fixture(scope="module")
def lab() -> pd.DataFrame:
    """A seeded soft sensor: y a smooth function of x, measured every 6th row only (t40-t3's reproducer, small)."""
    rng = np.random.default_rng(0)
    n = 360
    x = np.cumsum(rng.normal(0, 0.1, n))
    y = 5 * pd.Series(x).rolling(4, min_periods=1).mean().to_numpy() + rng.normal(0, 1, n)
    y[np.arange(n) % 6 != 0] = np.nan
    y[-30:] = np.nan  # the last half hour not yet measured: its stand-in one value for 30 rows
    return pd.DataFrame({"time": pd.date_range("2026-01-01", periods=n, freq="10s"), "x": x, "y": y})


@pytest.fixture(scope="module")
def model(lab):
    return Forecaster(lookback=8, horizon=1, hidden_size=4, epochs=1, device="cpu", seed=0, window_norm="none",
                      highway=False, target_input=False, season=12).fit(lab, target="y", features=["x"])


def test_the_repeat_baseline_of_sparse_labels_is_the_last_label_measured_before_the_row(lab, model):
    """t40-t3: the repeat baseline read the stood-in line 10 s before each label (MSE 0.008, R² 0.9998 against 7.23
    for the last label measured); now it is the last label measured, and the seasonal naive reads labels too."""
    windows = model.part_forecasts(lab, "test").original
    scored = ~windows.filled[:, 0, 0]
    assert scored.sum() > 5
    times = pd.DatetimeIndex([windows.times[0][r] for r in windows.target_rows[scored]])
    measured = lab.dropna(subset=["y"]).set_index("time")["y"]
    previous = measured.shift(1).reindex(times).to_numpy()  # the label 6 rows before each one scored
    np.testing.assert_allclose(windows.baselines["repeat"][scored, 0, 0], previous)
    seasonal = measured.shift(2).reindex(times).to_numpy()  # 12 rows back: a label
    np.testing.assert_allclose(windows.baselines["seasonal"][scored, 0, 0], seasonal)
    ours = model.evaluate(lab, part="test")["original"]["repeat"]["mse"]
    truth = lab.set_index("time")["y"].reindex(times).to_numpy()
    assert ours == pytest.approx(np.mean((truth - previous) ** 2), rel=1e-6)


def test_the_stood_in_labels_are_no_actual_nor_reading_nor_code(lab, model, caplog):
    """t40-t3: fit's test_forecasts.csv wrote the stood-in labels as actuals, the stuck-sensor warning counted the blank
    last rows (one stood-in value) as a repeated reading the scores rest on, and a label of 999 was counted on every
    row, "read as a measurement" by a model that never reads it (decision 2177)."""
    from rnncast import stuckruns, testforecasts

    test = model.part_forecasts(lab, "test")
    table = testforecasts.table(model.state_, test)
    assert table["y"].notna().sum() == (~table["y_filled"]).sum() > 5  # the labels measured, the others blank
    assert np.isfinite(test.original.y_true).all()  # the scores' own windows untouched
    assert stuckruns.in_scored(test) == []  # 30 blank rows are no stuck sensor
    coded = lab.assign(y=lab["y"].where(lab["y"].isna(), 999.0))
    model.evaluate(coded)
    said = [r.getMessage() for r in caplog.records if "holds 999" in r.getMessage()]
    assert len(said) == 1 and f"in {int(lab['y'].notna().sum())} rows" in said[0]
    assert "never reads it" in said[0] and "in the windows it forecasts from" not in said[0]

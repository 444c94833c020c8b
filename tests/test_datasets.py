"""The built-in data (``datasets.py``): the first tutorial's seeded sine wave, and the second
tutorial's regression set, whose target a window cannot predict unless it sees the feature of the
same step (``future_known``); and the memory demo's delayed echo."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, datasets


def test_the_sine_wave_is_one_seeded_continuous_wave():
    wave = datasets.sine_wave(n=300)
    assert list(wave.columns) == ["t", "y"] and len(wave) == 300 and wave["y"].dtype == np.float32
    assert np.array_equal(wave["t"], np.arange(300))
    assert np.abs(wave["y"] - np.sin(0.1 * wave["t"])).max() < 0.25  # noise of 0.05
    assert wave.equals(datasets.sine_wave(n=300)) and not wave.equals(datasets.sine_wave(n=300, seed=1))


def test_the_regression_set_is_a_line_through_independent_draws():
    table = datasets.aligned_regression()
    assert list(table.columns) == ["x", "y"] and len(table) == 1000
    slope, intercept = np.polyfit(table["x"], table["y"], 1)
    assert np.std(table["y"] - (slope * table["x"] + intercept)) < 0.2 and abs(intercept) < 0.05  # y = w x + noise
    assert abs(np.corrcoef(table["y"][1:], table["y"][:-1])[0, 1]) < 0.1  # nothing carries over from one row to the next


REGRESSION = dict(lookback=10, horizon=1, hidden_size=16, epochs=10, batch_size=32, lr=1e-2, window_norm="none",
                  patience=10, device="cpu", seed=0)


def test_future_known_feature_makes_aligned_regression_learnable():
    """y_t = w * x_t + noise: a window ending at t - 1 knows nothing of y_t; seeing x_t is enough."""
    table = datasets.aligned_regression()
    known = Forecaster(future_known=True, **REGRESSION).fit(table, target="y", features=["x"])
    assert known.evaluate(table, part="test")["original"]["model"]["r2"] > 0.9


def test_without_future_known_aligned_regression_stays_unpredictable():
    table = datasets.aligned_regression()
    past = Forecaster(future_known=False, **REGRESSION).fit(table, target="y", features=["x"])
    assert past.evaluate(table, part="test")["original"]["model"]["r2"] < 0.2


def test_panels_are_seeded_ragged_and_span_the_scales_asked_for():
    from rnncast.datasets import covariate_panel, sine_panel

    a, b = sine_panel(5, scales=(1e-3, 1e3), seed=3), sine_panel(5, scales=(1e-3, 1e3), seed=3)
    pd.testing.assert_frame_equal(a, b)
    sizes, starts = a.groupby("unique_id").size(), a.groupby("unique_id")["ds"].min()
    assert sizes.between(120, 200).all() and sizes.nunique() > 1 and starts.nunique() > 1
    assert list(covariate_panel(n_series=2, n=50).columns) == ["unique_id", "ds", "y", "price"]


def test_the_readmes_sales_are_seeded_months_and_its_stores_a_panel_with_every_kind_of_covariate():
    sales = datasets.monthly_sales()
    assert list(sales.columns) == ["month", "sales"] and len(sales) == 120
    assert sales["month"].iloc[0] == pd.Timestamp("2012-01-01") and sales["month"].iloc[-1] == pd.Timestamp("2021-12-01")
    pd.testing.assert_frame_equal(sales, datasets.monthly_sales())  # seeded
    assert (sales["sales"] == sales["sales"].round(1)).all() and sales["sales"].iloc[-12:].mean() > sales["sales"].iloc[:12].mean()
    stores = datasets.store_sales()
    assert list(stores.columns) == ["unique_id", "ds", "y", "footfall", "price", "holiday", "region"]
    assert sorted(stores["unique_id"].unique()) == ["store_1", "store_2", "store_3"] and len(stores) == 3 * 240
    assert (stores.groupby("unique_id")["region"].nunique() == 1).all()  # static: one region per store
    assert set(stores["holiday"].unique()) <= {0, 1} and stores["price"].between(7, 10).all()


def test_the_echo_is_x_from_lag_steps_back_plus_seeded_noise():
    table = datasets.echo(n=300, lag=7)
    assert list(table.columns) == ["x", "y"] and len(table) == 300 and table.attrs["lag"] == 7
    residual = table["y"].to_numpy()[7:] - table["x"].to_numpy()[:-7]  # y_t - x_(t - 7)
    assert abs(residual.std() - 0.1) < 0.02 and table.attrs["noise_floor_mse"] == pytest.approx(0.01)
    assert abs(np.corrcoef(table["y"][7:], table["x"][6:-1])[0, 1]) < 0.2  # one step off: unrelated
    assert table.equals(datasets.echo(n=300, lag=7)) and not table.equals(datasets.echo(n=300, lag=7, seed=1))
    with pytest.raises(ValueError, match="lag must be at least 1"):
        datasets.echo(lag=0)

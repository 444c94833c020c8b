"""Forecasts of windows handed over as an array (``arrayforecasts.py``): ``predict_array`` refusing windows that hold
a missing or infinite value (by window, step and column) and a batch size that is no positive integer, and giving a
quantile model's every level, as the ONNX export and predict do."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError


def test_predict_array_refuses_windows_holding_nan_or_inf_by_number(fitted):
    lookback, columns = fitted.settings_.data.lookback, len(fitted.targets_ + fitted.features_)
    windows = np.zeros((5, lookback, columns))
    windows[2, 3, 1], windows[4, 0, 0] = np.nan, np.inf
    with pytest.raises(RnncastError, match=r"^2 input window\(s\) hold a missing or infinite value: window 2 has nan "
                                           r"at step 3, column 'x' \(windows 2, 4\)"):
        fitted.predict_array(windows)
    assert np.isfinite(fitted.predict_array(windows[[0, 1, 3]], batch_size=np.int64(2))).all()


@pytest.mark.parametrize("batch_size", [0, -1, 1.5, True])
def test_predict_array_refuses_a_batch_size_that_is_not_a_positive_integer(fitted, batch_size):
    windows = np.zeros((2, fitted.settings_.data.lookback, 2))
    with pytest.raises(RnncastError, match=f"batch_size must be a positive integer, got {batch_size!r}"):
        fitted.predict_array(windows, batch_size=batch_size)


def test_predict_array_of_a_quantile_model_gives_every_level_as_the_onnx_export_and_predict_do():
    """predict_array gave a quantile model's median [N, H, T] alone, though the README says the ONNX export's y, [N, H,
    T, Q], is what predict_array gives: it now gives every level, sorted, the median where predict has its point."""
    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 1, "quantiles": [0.1, 0.5, 0.9]}).fit(frame, target="y")
    L = TINY["lookback"]
    values = frame["y"].to_numpy(np.float64)
    windows = np.stack([values[i : i + L] for i in range(len(values) - L + 1)])[:, :, None]
    y = model.predict_array(windows)
    assert y.shape == (len(windows), TINY["horizon"], 1, 3) and np.all(np.diff(y, axis=-1) >= 0)
    last = model.predict(frame)  # the window of the last L rows
    assert np.allclose(y[-1, :, 0, 1], last["y"].to_numpy(), atol=1e-6)
    assert np.allclose(y[-1, :, 0, 0], last["y_q0.1"].to_numpy(), atol=1e-6)


def test_predict_array_of_a_features_only_model_takes_the_windows_the_onnx_x_takes():
    """A model fitted with target_input=False refused the windows of its ONNX x, [N, L, features] ("inputs must have
    shape [N, 12, 2], got (.., 12, 1)"), and a blank in the target column it never reads (decision 1780): it now takes
    both shapes, forecasting the same, and names a blank feature as before."""
    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 1, "target_input": False, "window_norm": "none", "highway": False}).fit(
        frame, target="y", features=["x"])
    L = TINY["lookback"]
    rows = frame[["y", "x"]].to_numpy(np.float64)
    full = np.stack([rows[i : i + L] for i in range(len(rows) - L + 1)])  # [N, L, 2]: y, then x
    alone = model.predict_array(full[..., 1:])  # [N, L, 1]: x alone, as the ONNX x
    assert alone.shape == (len(full), TINY["horizon"], 1) and np.isfinite(alone).all()
    blank = full.copy()
    blank[..., 0] = np.nan  # the unread target column blank, as predict allows it
    assert np.array_equal(model.predict_array(full), alone) and np.array_equal(model.predict_array(blank), alone)
    assert np.allclose(alone[-1, :, 0], model.predict(frame)["y"].to_numpy(), atol=1e-5)
    with pytest.raises(RnncastError, match=r"^inputs must have shape \[N, 12, 1\] \(the features \['x'\]: the model "
                                           r"reads no target, target_input=False\), or \[N, 12, 2\] with the target "
                                           r"columns first, which it does not read; got \(3, 12, 3\)$"):
        model.predict_array(np.zeros((3, L, 3)))
    blank[4, 2, 1] = np.inf  # a feature's blank is still refused, named as x
    with pytest.raises(RnncastError, match=r"^1 input window\(s\) hold a missing or infinite value: window 4 has inf "
                                           r"at step 2, column 'x' \(windows 4\)"):
        model.predict_array(blank)


def test_predict_array_reads_a_masked_arrays_masked_entries_as_missing_as_fit_does(fitted):
    """Decision 1866: predict_array forecast from the values under a masked array's mask (np.asarray keeps them),
    though fit reads masked entries as missing (decision 790); they are missing now, refused by window and step."""
    windows = np.ones((3, fitted.settings_.data.lookback, 2))
    masked = np.ma.masked_array(windows, mask=np.zeros(windows.shape, bool))
    masked[1, 2, 0] = np.ma.masked
    with pytest.raises(RnncastError, match=r"^1 input window\(s\) hold a missing or infinite value: window 1 has nan "
                                           r"at step 2, column 'y' \(windows 1\)"):
        fitted.predict_array(masked)
    unmasked = np.ma.masked_array(windows)  # no entry masked: the values as given
    assert np.array_equal(fitted.predict_array(unmasked), fitted.predict_array(windows))


@pytest.mark.parametrize("kind, said", [
    ("complex", r"inputs hold complex numbers \(complex128\), and the values must be real: give the real part "
                r"\(np.real\) or the magnitude \(np.abs\)$"),
    ("datetime64", r"inputs hold dates \(datetime64\[D\]\), not numbers: give the windows' values in the units"),
    ("timedelta64", r"inputs hold timedeltas \(timedelta64\[D\]\), not numbers: give the windows' values in the units"),
])
def test_predict_array_refuses_complex_dates_and_timedeltas_by_name_as_fit_does(fitted, kind, said):
    """Decision 1867: complex windows were read by their real part (NumPy's ComplexWarning leaking), datetime64 and
    timedelta64 ones as epoch numbers, without a word; refused now, as fit refuses them (decision 348)."""
    windows = np.ones((2, fitted.settings_.data.lookback, 2))
    given = {"complex": windows + 5j, "datetime64": np.full(windows.shape, np.datetime64("2024-01-01")),
             "timedelta64": np.full(windows.shape, np.timedelta64(1, "D"))}[kind]
    with pytest.raises(RnncastError, match="^" + said):
        fitted.predict_array(given)


def test_predict_array_reads_booleans_as_1_and_0_with_fits_note(fitted, caplog):
    """Decision 1867: booleans are read as 1 and 0, as fit reads them, and said so as fit says it."""
    windows = np.ones((2, fitted.settings_.data.lookback, 2))
    with caplog.at_level("INFO", logger="rnncast"):
        assert np.array_equal(fitted.predict_array(windows > 0), fitted.predict_array(windows))
    assert "inputs hold booleans (True, False), read as the numbers 1 and 0" in caplog.text


def test_predict_array_reads_pd_na_and_none_in_an_object_array_as_missing(fitted):
    """Decision 1868: an object array holding pd.NA was refused with Python's float() text ("not 'NAType'"); pd.NA
    and None are missing values now, refused by window, step and column as NaN is."""
    windows = np.ones((3, fitted.settings_.data.lookback, 2)).astype(object)
    windows[2, 1, 1], windows[0, 4, 0] = pd.NA, None
    with pytest.raises(RnncastError, match=r"^2 input window\(s\) hold a missing or infinite value: window 0 has nan "
                                           r"at step 4, column 'y' \(windows 0, 2\)"):
        fitted.predict_array(windows)
    assert np.isfinite(fitted.predict_array(np.ones((1, fitted.settings_.data.lookback, 2)).astype(object))).all()


def _hourly(n: int = 300) -> pd.DataFrame:
    time = pd.date_range("2026-03-20", periods=n, freq="h")
    return pd.DataFrame({"ds": time, "y": np.sin(np.arange(n) / 4), "promo": np.arange(n) % 3.0})


def test_predict_array_refuses_a_model_of_calendar_covariates_naming_them_and_predict_with_the_time_column():
    """Decision 2026: windows of numbers hold no times to compute hour_sin ... from, over the forecast steps least of
    all; the refusal named future=, which such a model's predict refuses, and nothing of the calendar."""
    settings = {**TINY, "epochs": 1, "max_batches": 2}
    frame = _hourly()
    model = Forecaster(**settings, calendar_covariates="hour,weekend").fit(frame[["ds", "y"]], target="y",
                                                                           time_col="ds")
    with pytest.raises(RnncastError, match=r"^predict_array takes windows without their times, .*calendar_covariates="
                       r"'hour,weekend': hour_sin, hour_cos, weekend\).*use predict\(data\) with a frame holding the "
                       r"time column 'ds', which computes them$"):
        model.predict_array(np.zeros((2, 12, 4)))
    both = Forecaster(**settings, calendar_covariates="hour").fit(frame, target="y", time_col="ds",
                                                                  future_covariates=["promo"])
    with pytest.raises(RnncastError, match=r"time column 'ds', and future= for 'promo', which computes them$"):
        both.predict_array(np.zeros((2, 12, 4)))

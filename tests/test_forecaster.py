"""``Forecaster``: training, the scikit-learn contract, inputs, predictions, evaluation, save/load."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import torch

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError, datasets
from rnncast.data import read_table

L, H = TINY["lookback"], TINY["horizon"]


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return make_frame(200)


@pytest.fixture(scope="module")
def fitted(data) -> Forecaster:
    """An LSTM with one feature, fitted on 200 hourly rows (shared; tests must not change it)."""
    return Forecaster(**TINY).fit(data, target="y", features=["x"])


# ---- training ---------------------------------------------------------------------------------

def test_training_loss_falls_on_a_sine_wave():
    wave = datasets.sine_wave(n=400)
    f = Forecaster(cell="lstm", lookback=20, horizon=1, hidden_size=16, epochs=5, batch_size=32, lr=1e-2,
                   window_norm="none", device="cpu", seed=0).fit(wave, target="y")
    losses = [h["train_loss"] for h in f.history_]
    assert len(f.history_) == 5
    assert losses[-1] < 0.5 * losses[0]


def test_history_has_one_record_per_epoch_with_train_and_val_loss(fitted):
    assert [h["epoch"] for h in fitted.history_] == list(range(1, TINY["epochs"] + 1))
    for record in fitted.history_:
        assert record["train_loss"] > 0 and record["val_loss"] > 0


def test_best_validation_weights_are_kept(data):
    f = Forecaster(**{**TINY, "epochs": 6}).fit(data, target="y", features=["x"])
    best = min(h["val_loss"] for h in f.history_)
    assert f.evaluate(data, part="val")["scaled"]["model"]["mse"] == pytest.approx(best, rel=1e-5)


def test_weight_average_is_what_validation_scores_and_the_model_keeps(data):
    """With ``ema`` the kept weights are the exponential average of every step's weights (the first
    step's weights, then ``a = d * a + (1 - d) * w``); training itself follows the same path."""
    from torch.optim.optimizer import register_optimizer_step_post_hook

    steps = []
    hook = register_optimizer_step_post_hook(
        lambda opt, args, kwargs: steps.append([p.detach().clone() for g in opt.param_groups for p in g["params"]]))
    try:
        plain = Forecaster(**{**TINY, "epochs": 1, "batch_size": 8}).fit(data, target="y", features=["x"])
    finally:
        hook.remove()
    d = 0.9
    averaged = Forecaster(**{**TINY, "epochs": 1, "batch_size": 8, "ema": d}).fit(data, target="y", features=["x"])
    assert averaged.history_[0]["train_loss"] == plain.history_[0]["train_loss"]  # the same training path
    expected = steps[0]
    for weights in steps[1:]:
        expected = [d * a + (1 - d) * w for a, w in zip(expected, weights)]
    kept = list(averaged.net_.parameters())
    assert len(steps) > 5 and len(kept) == len(expected)
    for a, e in zip(kept, expected):
        assert torch.allclose(a, e, atol=1e-6)
    assert not all(torch.equal(a, w) for a, w in zip(kept, steps[-1]))  # not simply the last step's weights
    assert averaged.evaluate(data, part="val")["scaled"]["model"]["mse"] == pytest.approx(
        averaged.history_[0]["val_loss"], rel=1e-5)


def test_mae_loss_trains_and_early_stops_on_the_mean_absolute_error(data):
    f = Forecaster(**{**TINY, "epochs": 4, "loss": "mae"}).fit(data, target="y", features=["x"])
    best = min(h["val_loss"] for h in f.history_ if h["best"])
    scored = f.evaluate(data, part="val")["scaled"]["model"]
    assert scored["mae"] == pytest.approx(best, rel=1e-5)
    assert scored["mse"] != pytest.approx(best, rel=1e-3)


def test_mae_loss_with_quantiles_is_refused_not_ignored(data):
    with pytest.raises(RnncastError, match="pinball"):
        Forecaster(**{**TINY, "loss": "mae", "quantiles": (0.1, 0.5, 0.9)}).fit(data, target="y")


def test_early_stopping_ends_after_patience_epochs_without_improvement(data):
    f = Forecaster(**{**TINY, "epochs": 40, "patience": 2, "lr": 5e-2}).fit(data, target="y", features=["x"])
    history = f.history_
    assert len(history) < 40
    assert [h["best"] for h in history[-2:]] == [False, False] and history[-3]["best"]


def test_same_seed_gives_bit_identical_predictions(data):
    a = Forecaster(**{**TINY, "seed": 3}).fit(data, target="y", features=["x"])
    b = Forecaster(**{**TINY, "seed": 3}).fit(data, target="y", features=["x"])
    assert np.array_equal(a.predict_windows(data).y_pred, b.predict_windows(data).y_pred)
    assert np.array_equal(a.predict(data).to_numpy(), b.predict(data).to_numpy())


def test_different_seeds_give_different_predictions(data):
    a = Forecaster(**{**TINY, "seed": 3}).fit(data, target="y", features=["x"])
    b = Forecaster(**{**TINY, "seed": 4}).fit(data, target="y", features=["x"])
    assert not np.array_equal(a.predict_windows(data).y_pred, b.predict_windows(data).y_pred)


# ---- the scikit-learn contract ----------------------------------------------------------------

def test_get_params_set_params_round_trip():
    f = Forecaster(cell="gru", lookback=7, lr=0.5)
    params = f.get_params()
    assert params["cell"] == "gru" and params["lookback"] == 7 and params["lr"] == 0.5
    assert Forecaster(**params).get_params() == params
    g = Forecaster()
    assert g.set_params(**params) is g
    assert g.get_params() == params


def test_set_params_refuses_an_unknown_name():
    with pytest.raises(RnncastError, match="'hiden_size'"):
        Forecaster().set_params(hiden_size=3)


def test_constructor_stores_arguments_without_validation():
    f = Forecaster(lookback=-1, cell="nope", epochs="many", dropout=7)
    assert (f.lookback, f.cell, f.epochs, f.dropout) == (-1, "nope", "many", 7)


@pytest.mark.parametrize("name, value", [("lookback", -1), ("horizon", 0), ("cell", "nope"), ("epochs", 0),
                                         ("batch_size", -3), ("scaler", "robust"), ("lr", 0), ("ema", 1.0),
                                         ("ema", -0.1), ("loss", "huber")])
def test_fit_validates_settings_and_names_the_bad_one(data, name, value):
    with pytest.raises(RnncastError, match=name):
        Forecaster(**{**TINY, name: value}).fit(data, target="y")


def test_fit_returns_self_and_only_adds_underscore_attributes(data):
    f = Forecaster(**TINY)
    before = dict(vars(f))
    assert not [k for k in before if k.endswith("_")]
    assert f.fit(data, target="y", features=["x"]) is f
    added = set(vars(f)) - set(before)
    assert added and all(k.endswith("_") for k in added)
    assert {"net_", "state_", "history_", "device_"} <= added  # what fit learned: the network and one FittedState
    assert f.scaler_ is f.state_.scalers[0] and f.split_ == f.state_.splits[0] and f.settings_.data.lookback == TINY["lookback"]
    assert f.get_params() == before  # fit leaves the settings as given


@pytest.mark.parametrize("call", [
    lambda f, d: f.predict(d),
    lambda f, d: f.predict_windows(d),
    lambda f, d: f.evaluate(d),
    lambda f, d: f.save("never-written"),
])
def test_using_an_unfitted_forecaster_says_to_call_fit(data, call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError, match=r"not fitted.*fit\("):
        call(Forecaster(**TINY), data)
    assert not (tmp_path / "never-written").exists()


# ---- inputs -----------------------------------------------------------------------------------

def test_fit_accepts_a_one_dimensional_array():
    y = make_frame(150, time=False, feature=False)["y"].to_numpy()
    f = Forecaster(**TINY).fit(y)
    assert f.targets_ == ["0"] and f.features_ == []
    forecast = f.predict(y)
    assert forecast.shape == (H, 1) and list(forecast.columns) == ["0"]


def test_fit_accepts_a_two_dimensional_array_with_target_column_0():
    array = make_frame(150, time=False)[["y", "x"]].to_numpy()
    f = Forecaster(**TINY).fit(array)
    assert f.targets_ == ["0"] and f.features_ == []
    g = Forecaster(**TINY).fit(array, target="0", features=["1"])
    assert g.targets_ == ["0"] and g.features_ == ["1"]
    assert g.scaler_.offset[0] == pytest.approx(array[: g.split_.train_end, 0].astype(np.float32).mean(), rel=1e-6)
    assert g.predict(array).shape == (H, 1)


def test_fit_accepts_a_csv_path(tmp_path, data):
    path = tmp_path / "data.csv"
    data.to_csv(path, index=False)
    f = Forecaster(**TINY).fit(path, target="y", features=["x"])
    assert f.time_col_ == "date" and f.calendar_.freq == pd.tseries.frequencies.to_offset("h")
    assert list(f.predict(path).index) == list(data["date"].iloc[-1] + pd.Timedelta(hours=1) * np.arange(1, H + 1))


def test_csv_path_and_frame_train_the_same_model(tmp_path, data):
    path = tmp_path / "data.csv"
    data.to_csv(path, index=False)
    a = Forecaster(**TINY).fit(path, target="y", features=["x"])
    b = Forecaster(**TINY).fit(read_table(path), target="y", features=["x"])
    assert np.array_equal(a.predict(path).to_numpy(), b.predict(read_table(path)).to_numpy())


# ---- predict ----------------------------------------------------------------------------------

def test_predict_continues_the_timestamps_at_the_series_step():
    quarter = make_frame(160, freq="15min")
    f = Forecaster(**TINY).fit(quarter, target="y", features=["x"])
    part = quarter.iloc[:120]
    forecast = f.predict(part)
    last = part["date"].iloc[-1]
    assert isinstance(forecast.index, pd.DatetimeIndex)
    assert list(forecast.index) == [last + pd.Timedelta(minutes=15) * k for k in range(1, H + 1)]
    assert list(forecast.columns) == ["y"]


def test_predict_without_time_column_continues_the_row_numbers():
    rows = make_frame(160, time=False)
    f = Forecaster(**TINY).fit(rows, target="y", features=["x"])
    forecast = f.predict(rows.iloc[:130])
    assert isinstance(forecast.index, pd.RangeIndex)
    assert list(forecast.index) == [130, 131, 132]


def test_predict_reads_only_the_last_lookback_rows(fitted, data):
    full = fitted.predict(data)
    tail = fitted.predict(data.iloc[-L:])
    assert np.array_equal(full.to_numpy(), tail.to_numpy()) and full.index.equals(tail.index)


def test_predict_refuses_fewer_rows_than_lookback(fitted, data):
    with pytest.raises(RnncastError, match=f"lookback = {L}"):
        fitted.predict(data.iloc[: L - 1])


def test_predict_names_a_missing_training_column(fitted, data):
    with pytest.raises(RnncastError, match=r"'x' not found.*features \['x'\]"):
        fitted.predict(data[["date", "y"]])


# ---- evaluate ---------------------------------------------------------------------------------

def test_evaluate_reports_model_and_baselines_in_both_units(fitted, data):
    result = fitted.evaluate(data)
    assert result["windows"] == len(data) - L - H + 1 and result["horizon"] == H
    for units in ("original", "scaled"):
        assert set(result[units]) == {"model", "repeat", "mean"}
        for scores in result[units].values():
            assert {"mse", "mae", "rmse", "r2"} <= set(scores)
            assert all(np.isfinite(v) for v in scores.values())


def _hand_windows(data):
    y = data["y"].to_numpy(np.float32).astype(np.float64)
    starts = np.arange(len(y) - L - H + 1)
    truth = y[starts[:, None] + L + np.arange(H)]  # [W, H]
    last = y[starts + L - 1][:, None]  # [W, 1], the last input value
    return y, truth, last


def test_repeat_baseline_mse_matches_a_hand_computation(fitted, data):
    _, truth, last = _hand_windows(data)
    expected = np.mean((truth - last) ** 2)
    assert fitted.evaluate(data)["original"]["repeat"]["mse"] == pytest.approx(expected, rel=1e-5)


def test_mean_baseline_predicts_the_training_mean(fitted, data):
    y, truth, _ = _hand_windows(data)
    expected = np.mean((truth - y[: fitted.split_.train_end].mean()) ** 2)
    assert fitted.evaluate(data)["original"]["mean"]["mse"] == pytest.approx(expected, rel=1e-5)


def test_scaled_mse_is_original_mse_over_the_target_scale_squared(fitted, data):
    result = fitted.evaluate(data)
    scale = fitted.scaler_.scale[0]
    for name in ("model", "repeat", "mean"):
        assert result["scaled"][name]["mse"] == pytest.approx(result["original"][name]["mse"] / scale**2, rel=1e-4)


def test_model_metrics_match_its_window_forecasts(fitted, data):
    wf = fitted.predict_windows(data, part="test")
    assert len(wf.starts) == fitted.split_.end - fitted.split_.val_end - H + 1
    assert fitted.evaluate(data, part="test")["original"]["model"]["mse"] == pytest.approx(
        np.mean((wf.y_pred.astype(np.float64) - wf.y_true) ** 2), rel=1e-9)


# ---- save / load ------------------------------------------------------------------------------

def _future(data, n=H):
    return pd.DataFrame({"x": np.cos(0.2 * np.arange(len(data), len(data) + n)).astype(np.float32)})


@pytest.mark.parametrize("future_known", [False, True], ids=["features", "future_known"])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_save_then_load_gives_identical_predictions(tmp_path, data, cell, future_known):
    f = Forecaster(**{**TINY, "cell": cell, "future_known": future_known}).fit(data, target="y", features=["x"])
    f.save(tmp_path / "model")
    g = Forecaster.load(tmp_path / "model")
    future = _future(data) if future_known else None
    a, b = f.predict(data, future=future), g.predict(data, future=future)
    assert np.array_equal(a.to_numpy(), b.to_numpy()) and a.index.equals(b.index)
    wa, wb = f.predict_windows(data), g.predict_windows(data)
    assert np.array_equal(wa.y_pred, wb.y_pred) and np.array_equal(wa.y_true, wb.y_true)
    assert all(np.array_equal(wa.baselines[k], wb.baselines[k]) for k in wa.baselines)
    assert f.evaluate(data) == g.evaluate(data)
    assert g.get_params() == f.get_params()


def test_model_folder_holds_exactly_weights_and_json(tmp_path, fitted):
    fitted.save(tmp_path / "model")
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == ["model.json", "weights.safetensors"]
    meta = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    assert meta["format_version"] == 2
    assert meta["params"] == fitted.get_params()


def test_future_known_model_needs_future_values(tmp_path, data):
    f = Forecaster(**{**TINY, "future_known": True}).fit(data, target="y", features=["x"])
    with pytest.raises(RnncastError, match="future="):
        f.predict(data)
    with pytest.raises(RnncastError, match=f"{H} rows"):
        f.predict(data, future=_future(data, H + 1))


def test_future_values_change_the_forecast_of_a_future_known_model(data):
    f = Forecaster(**{**TINY, "future_known": True}).fit(data, target="y", features=["x"])
    a = f.predict(data, future=_future(data))
    b = f.predict(data, future=_future(data) + 1.0)
    assert not np.array_equal(a.to_numpy(), b.to_numpy())


def test_future_values_are_refused_by_a_model_trained_without_them(fitted, data):
    with pytest.raises(RnncastError, match="future_known"):
        fitted.predict(data, future=_future(data))


def test_future_known_needs_feature_columns(data):
    with pytest.raises(RnncastError, match="features"):
        Forecaster(**{**TINY, "future_known": True}).fit(data, target="y")


# ---- future_known on the aligned regression task ----------------------------------------------

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

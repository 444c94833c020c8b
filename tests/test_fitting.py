"""Fitting (``fitting.py``): covariate roles checked against the settings (the cut of every series
by time: test_cutting.py); each series scaled on its own training rows; the windows handed to the
loop as views over one scaled array that never cross a series; and what one global model learns from many series."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest
import torch

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.batches import SequenceBatches, WindowBatches
from test_future import COVARIATE_SETTINGS, _covariate_panel

L, H = TINY["lookback"], TINY["horizon"]

# ---- roles the settings can train -------------------------------------------------------------

def test_future_known_needs_feature_columns(data):
    with pytest.raises(RnncastError, match="features"):
        Forecaster(**{**TINY, "future_known": True}).fit(data, target="y")


def test_channel_independence_takes_target_columns_only(frame):
    with pytest.raises(RnncastError, match=r"channel_independent=True treats every input column as a target series; "
                                           r"drop the features \['x'\]"):
        Forecaster(**{**TINY, "channel_independent": True}).fit(frame, target="y", features=["x"])


def test_sequence_scheme_trains_many_series_as_one_pool_of_chunks(panel_frame):
    """Four series of 154-178 rows and scales 0.01 to 1000 trained as one pool of chunks: every
    series is forecast, and the model beats Repeat on the pooled test windows as the window scheme does."""
    f = Forecaster(**{**TINY, "scheme": "sequence", "chunk": 16, "epochs": 30}).fit(panel_frame)
    forecast = f.predict(panel_frame)
    assert sorted(forecast["unique_id"].unique()) == sorted(panel_frame["unique_id"].unique())
    scores = f.evaluate(panel_frame)["scaled"]
    assert scores["model"]["mse"] < scores["repeat"]["mse"]


def test_sequence_chunks_never_cross_into_the_next_series():
    """Rows hold their series' number and row: every chunk of an epoch lies inside one series' training
    rows, and every training target of every series is supervised once per epoch."""
    lengths, train_ends, lookback, horizon = [40, 25, 60], [30, 20, 45], 6, 3
    offsets = np.cumsum([0] + lengths[:-1]).tolist()
    rows = np.concatenate([np.stack([np.full(n, s), np.arange(n)], axis=1) for s, n in enumerate(lengths)])
    batches = SequenceBatches(torch.from_numpy(rows.astype(np.float32)), train_ends, lookback, horizon, 1, chunk=8,
                              batch_size=4, offsets=offsets)
    seen = {s: set() for s in range(3)}
    for index in batches.epoch_indices(torch.Generator().manual_seed(0)):
        batch = batches.take(index)
        for x, y in zip(batch.x, batch.y):  # x [S, C]; y [chunk, H, T] holds the targets' series numbers
            series = int(x[0, 0])
            assert (x[:, 0] == series).all() and (y == series).all()
            first = int(x[0, 1])
            assert first + lookback - 1 + batches.chunk + horizon <= train_ends[series]
            seen[series].update(range(first + lookback, first + lookback + batches.chunk))
    for s, end in enumerate(train_ends):
        supervised = set(range(lookback, end - horizon + 1))
        assert seen[s] <= supervised and len(supervised - seen[s]) < 2 * batches.chunk  # all but the rows before the random offset and after the last chunk


def test_sequence_scheme_refuses_covariates_it_cannot_train(panel_frame):
    frame = panel_frame.assign(hour=panel_frame["ds"].dt.hour.astype(float))
    with pytest.raises(RnncastError, match="scheme 'sequence' trains without future-known or static covariates"):
        Forecaster(**{**TINY, "scheme": "sequence"}).fit(frame, future_covariates=["hour"])


def test_segment_networks_refuse_what_they_do_not_take_yet(panel_frame):
    frame = panel_frame.assign(kind="a", hour=panel_frame["ds"].dt.hour.astype(float))
    with pytest.raises(RnncastError, match="SegmentNet.*static covariates"):
        Forecaster(**{**TINY, "segment": 4}).fit(frame, static_covariates=["kind"])
    with pytest.raises(RnncastError, match="decoder 'parallel' does not take future-known covariates"):
        Forecaster(**{**TINY, "segment": 4, "decoder": "parallel"}).fit(frame, future_covariates=["hour"])
    with pytest.raises(RnncastError, match="SegmentNet.*quantiles"):
        Forecaster(**{**TINY, "segment": 4, "quantiles": (0.1, 0.5, 0.9)}).fit(frame)
    f = Forecaster(**{**TINY, "segment": 4}).fit(panel_frame)  # many series through a SegmentNet
    assert len(f.predict(panel_frame)) == 4 * H


# ---- each series scaled on its own training rows; windows as views --------------------------------

def test_each_series_is_split_by_the_same_fractions_and_scaled_on_its_own_training_rows(panel_fitted, panel_frame):
    for s, uid in enumerate(panel_fitted.ids_):
        y = panel_frame.loc[panel_frame.unique_id == uid, "y"].to_numpy(np.float64)  # float64 until scaled
        split = panel_fitted.splits_[s]
        assert split.end == len(y) and split.val_end == len(y) - round(0.2 * len(y))
        assert panel_fitted.scalers_[s].offset[0] == pytest.approx(y[: split.train_end].astype(np.float64).mean(), rel=1e-9)
        assert panel_fitted.scalers_[s].scale[0] == pytest.approx(y[: split.train_end].astype(np.float64).std(), rel=1e-9)
    assert panel_fitted.scaler_ is None and panel_fitted.split_ is None  # many series: no single one to show


def test_training_batches_of_fit_are_views_over_one_scaled_series(fit_batches):
    seen = fit_batches
    frame = make_frame(160)
    f = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", features=["x"])
    train, val = seen["train"], seen["val"]
    assert isinstance(train, WindowBatches)
    storage = train.windows.untyped_storage()
    assert storage.nbytes() == len(frame) * 2 * 4  # the [T, C] float32 series, not [N, L, C]
    assert val.windows.untyped_storage().data_ptr() == storage.data_ptr()  # train and val read one array
    assert len(train) == f.split_.train_end - TINY["lookback"] - TINY["horizon"] + 1


def test_panel_windows_are_views_over_one_array_and_never_cross_series(fit_batches, panel_frame):
    seen = fit_batches
    f = Forecaster(**{**TINY, "epochs": 1}).fit(panel_frame)
    train = seen["train"]
    assert train.windows.untyped_storage().nbytes() == len(panel_frame) * 1 * 4  # the [N, C] rows, not [W, L, C]
    assert seen["val"].windows.untyped_storage().data_ptr() == train.windows.untyped_storage().data_ptr()
    offsets = np.concatenate([[0], np.cumsum([s.end for s in f.splits_])])
    starts, series = train.starts.numpy(), train.series.numpy()
    assert np.all(starts >= offsets[series])
    assert np.all(starts + L + H <= offsets[series] + np.array([s.train_end for s in f.splits_])[series])


# ---- what one global model can do (point 6 of issue 6) ----------------------------------------------

def test_100_series_of_very_different_scales_as_one_model_each_beat_their_naive_forecast():
    """100 sine series with amplitudes from 0.001 to 10,000 (7 orders of magnitude), periods 12, 16
    and 24, lengths 160-260 and their own starts, trained as ONE GRU; on every series' test windows
    its MSE is below that series' repeat-the-last-value forecast."""
    frame = make_panel(100, lengths=(160, 260), scales=(1e-3, 1e4), periods=(12, 16, 24), seed=0)
    f = Forecaster(cell="gru", lookback=24, horizon=6, hidden_size=32, epochs=3, batch_size=128, lr=1e-2,
                   patience=50, device="cpu", seed=0).fit(frame)
    assert len(f.ids_) == 100 and sum(p.numel() for p in f.net_.parameters()) < 5000  # one small network
    result = f.evaluate(frame, part="test", by_series=True)
    ratios = {uid: r["model"]["mse"] / r["repeat"]["mse"] for uid, r in result["series"].items()}
    assert len(ratios) == 100
    worst = max(ratios, key=ratios.get)
    assert ratios[worst] < 1.0, f"series {worst}: model MSE / naive MSE = {ratios[worst]:.3f}"
    assert np.median(list(ratios.values())) < 0.2


def test_a_target_known_only_through_a_future_covariate_is_predicted_and_is_not_without_it():
    frame = _covariate_panel()
    known = Forecaster(**COVARIATE_SETTINGS).fit(frame, future_covariates=["price"])
    past = Forecaster(**COVARIATE_SETTINGS).fit(frame, past_covariates=["price"])
    with_it = known.evaluate(frame, part="test")["scaled"]
    without = past.evaluate(frame, part="test")["scaled"]
    assert with_it["model"]["r2"] > 0.95 and with_it["model"]["mse"] < 0.05 * with_it["mean"]["mse"]
    assert without["model"]["r2"] < 0.1 and without["model"]["mse"] > 0.9 * without["mean"]["mse"]


def test_a_run_whose_best_epoch_is_its_last_says_so_once(caplog):
    from rnncast import Forecaster

    frame = make_frame(300)
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 3, "lr": 1e-4}).fit(frame, target="y", features=["x"])
    said = [r.getMessage() for r in caplog.records if "best epoch was the last" in r.getMessage()]
    assert len(said) == 1 and "--epochs" in said[0] and "--lr" in said[0]


def test_a_weight_average_spanning_more_steps_than_the_kept_weights_took_is_said(caplog):
    frame = make_frame(300)
    with caplog.at_level("WARNING", logger="rnncast"):  # 3 epochs of a few batches: far fewer than ~1000 steps
        Forecaster(**{**TINY, "epochs": 3, "ema": 0.999}).fit(frame, target="y", features=["x"])
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ema=0.999 averages")]
    assert len(said) == 1 and "still held about 9" in said[0] and "0.99: about 100 steps" in said[0]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 3, "ema": 0.5}).fit(frame, target="y", features=["x"])
    assert not [r for r in caplog.records if r.getMessage().startswith("ema=")]


def test_settings_given_as_numpy_scalars_train_and_save_as_plain_numbers(tmp_path):
    y = np.sin(0.3 * np.arange(200))
    model = Forecaster(lookback=np.int64(8), horizon=np.int64(2), hidden_size=np.int64(4), epochs=np.int64(1),
                       lr=np.float32(0.01), max_batches=np.int64(2), device="cpu").fit(y)
    model.save(tmp_path / "model")  # model.json: JSON, which NumPy's integers are not
    params = json.loads((tmp_path / "model" / "model.json").read_text())["params"]
    assert params["lookback"] == 8 and params["hidden_size"] == 4 and isinstance(params["lr"], float)
    assert Forecaster.load(tmp_path / "model").predict(y).shape == (2, 3)  # cutoff, step_ahead, the target


@pytest.mark.parametrize("params, said", [
    ({"chunk": 7}, r"^chunk=7 is the sequence scheme's steps per chunk, and scheme 'window' does not use it: train "
                   r"with the sequence scheme \(scheme='sequence', --scheme sequence\) or leave chunk unset$"),
    ({"batch_size": None, "max_batches": 10}, r"^max_batches=10 caps the batches of an epoch, and batch_size full makes "
                                             r"one batch of every window per epoch: give a batch_size .*, or leave "
                                             r"max_batches unset$"),
    ({"batch_size": "full", "max_batches": 0}, r"^max_batches=0 caps"),
])
def test_a_setting_that_would_change_nothing_is_refused_naming_what_makes_it_apply(params, said):
    """chunk=7 with the window scheme gave the same forecasts as without; so did max_batches with one batch per epoch."""
    with pytest.raises(RnncastError, match=said):
        Forecaster(**{**TINY, **params}).fit(make_frame(120), target="y")
    Forecaster(**{**TINY, "epochs": 1, "chunk": 7, "scheme": "sequence"}).fit(make_frame(120), target="y")


def test_channel_independent_with_one_target_is_said_to_change_nothing(caplog):
    Forecaster(**{**TINY, "epochs": 1, "channel_independent": True}).fit(make_frame(120), target="y")
    assert "channel_independent=True splits several target columns into series of their own, and 'y' is the one " \
           "target: it changes nothing here" in caplog.text
    from rnncast.spelling import hints

    caplog.clear()
    with hints(one_target="'load'"):  # bench's runner names its columns by index: its target by name (decision 562)
        Forecaster(**{**TINY, "epochs": 1, "channel_independent": True}).fit(make_frame(120), target="y")
    assert "and 'load' is the one target" in caplog.text


def test_a_refused_fit_says_its_refusal_alone_not_the_columns_it_would_leave_out(caplog):
    """'not used: spare (to train on them, name them ...)' came before the refusal of a constant feature, and before
    future_known's refusal without features, which named only the Python keyword."""
    frame = make_frame(300).assign(const=np.where(np.arange(300) == 40, np.nan, 5.0 + np.arange(300) % 3),
                                   spare=np.arange(300.0) % 7)  # const: one value missing, refused (a constant one trains)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        with pytest.raises(RnncastError, match=r"column 'const'.*fill"):
            Forecaster(**{**TINY, "future_known": True}).fit(frame, target="y", features=["x", "const"])
        with pytest.raises(RnncastError, match=r"^future_known \(future_known=True, --future-known\) needs feature "
                                               r"columns whose future values are known; name them \(features=, --features\)$"):
            Forecaster(**{**TINY, "future_known": True}).fit(frame, target="y")
        assert not [m for m in caplog.messages if m.startswith("not used")]
        Forecaster(**TINY).fit(frame, target="y", features=["x"])
    assert [m for m in caplog.messages if m.startswith("not used")] == [
        m for m in caplog.messages if m.startswith("not used: const, spare (")]  # the run that trains hears it, once
    assert len([m for m in caplog.messages if m.startswith("not used")]) == 1


def test_a_panel_whose_per_series_test_rows_fall_on_other_series_fitted_dates_is_told_once_of_a_cutoff(caplog):
    """Each series cut at its own 70/10/20 % let one series' test rows fall on dates the model trained on in others,
    and nothing said so; one line says it (and the state keeps it for metrics.json), a cutoff silences it."""
    frame = make_panel(3, lengths=(100, 100), seed=2)  # starts up to 500 hours apart: the tests overlap others' fits
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY).fit(frame)
    said = [r.getMessage() for r in caplog.records if "fall on dates other series" in r.getMessage()]
    assert len(said) == 1 and model.state_.overlap["text"] == said[0] and "(cutoff=, --cutoff)" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        one = Forecaster(**TINY).fit(frame[frame["unique_id"] == "s000"].drop(columns="unique_id"))
        cut = Forecaster(**TINY, cutoff=str(frame["ds"].sort_values().iloc[len(frame) // 2])).fit(frame)
    assert "fall on dates other series" not in caplog.text and one.state_.overlap is cut.state_.overlap is None



def test_the_quantile_heads_start_runs_the_network_on_the_fits_threads(monkeypatch, frame):
    """It forecast every training window on torch's own count, though fit trains on ``threads``: 60 s of a 2-zone
    15-minute fit on a busy 2-core machine, 2 threads contending (t37t2 4, decision 2006)."""
    from rnncast import quantilestart

    seen, real = [], quantilestart.start
    monkeypatch.setattr(quantilestart, "start", lambda *a: seen.append(torch.get_num_threads()) or real(*a))
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        Forecaster(**{**TINY, "threads": 1, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, target="y")
        assert seen == [1] and torch.get_num_threads() == 2  # the process's own count after
    finally:
        torch.set_num_threads(before)

def test_the_training_loop_is_timed_by_train_itself_for_fit_and_backtest_alike(monkeypatch, frame):
    """r37r2 9: backtest timed fitting.train with its own copy of fitting.run's timing, and its models' state lacked
    the epoch drawn; one place, ``fitting.train``, keeps both (decision 2019)."""
    from rnncast import fitting

    seen, real = [], fitting.train

    def spy(prepared, **kw):
        prepared.state.train_seconds, prepared.state.epoch_draw = None, "unset"
        history = real(prepared, **kw)
        seen.append((prepared.state.train_seconds, prepared.state.epoch_draw))
        return history

    monkeypatch.setattr(fitting, "train", spy)
    Forecaster(**{**TINY, "epochs": 1, "max_batches": 1}).backtest(frame, target="y", n_windows=1)  # fitting.train by name
    Forecaster(**{**TINY, "epochs": 1, "max_batches": 1}).fit(frame, target="y")  # through fitting.run
    assert len(seen) == 2 and all(seconds > 0 and drawn != "unset" for seconds, drawn in seen)
    assert seen[0][1] is not None  # max_batches cut the epoch short: said for backtest's model too

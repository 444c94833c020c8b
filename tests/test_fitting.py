"""Fitting (``fitting.py``): covariate roles checked against the settings; every series cut by the
same fractions (or one series by given rows), the series too short to train named and left out;
each series scaled on its own training rows; the windows handed to the loop as views over one
scaled array that never cross a series; and what one global model learns from many series."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest
import torch

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.batches import SequenceBatches, WindowBatches
from rnncast.config import DataSettings
from rnncast.fitting import cut
from rnncast.loading import load_panel
from rnncast.windows import Split, chronological_split, rows_needed
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


# ---- every series cut by time; the short ones named ---------------------------------------------

def test_cut_splits_every_series_by_the_same_fractions_and_names_the_ones_too_short(caplog):
    short = pd.DataFrame({"unique_id": "short", "ds": pd.date_range("2024-01-01", periods=10, freq="h"), "y": 1.0})
    panel = load_panel(pd.concat([make_panel(2, lengths=(100, 100)), short]))
    data_s = DataSettings(lookback=12, horizon=3)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        kept, splits, skipped = cut(panel, None, data_s)
    assert kept.ids == ["s000", "s001"] and len(splits) == 2
    assert splits[0] == splits[1] == chronological_split(100, 12, 3, data_s.val_frac, data_s.test_frac)
    assert skipped == [{"id": "short", "rows": 10, "needed": rows_needed(12, 3, data_s.val_frac, data_s.test_frac)}]
    assert "'short' (10 rows)" in caplog.text


def test_a_given_split_is_for_one_series_and_must_fit_its_rows(frame):
    data_s = DataSettings(lookback=12, horizon=3)
    _, splits, skipped = cut(load_panel(frame, target="y"), (100, 150, 200), data_s)
    assert splits == [Split(100, 150, 200)] and skipped == []
    with pytest.raises(RnncastError, match=r"split .* does not fit 200 rows"):
        cut(load_panel(frame, target="y"), (10, 150, 200), data_s)  # fewer training rows than lookback + horizon
    with pytest.raises(RnncastError, match="many series are split by val_frac/test_frac"):
        cut(load_panel(make_panel(2)), (100, 110, 120), data_s)


def test_too_short_series_are_reported_by_name_and_length_not_silently_dropped(caplog, panel_frame):
    short = pd.DataFrame({"unique_id": "tiny", "ds": pd.date_range("2024-01-01", periods=20, freq="h"), "y": np.arange(20.0)})
    frame = pd.concat([panel_frame, short], ignore_index=True)
    with caplog.at_level(logging.WARNING):
        f = Forecaster(**TINY).fit(frame)
    assert "'tiny' (20 rows)" in caplog.text and "at least" in caplog.text
    assert f.skipped_series_ == [{"id": "tiny", "rows": 20, "needed": f.skipped_series_[0]["needed"]}]
    assert f.skipped_series_[0]["needed"] > 20 and "tiny" not in f.ids_
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        forecast = f.predict(frame)  # the data it was fitted on: the others forecast, tiny named
    assert "['tiny'] were too short to train and are not forecast" in caplog.text
    assert set(forecast["unique_id"]) == set(f.ids_)
    assert "tiny" not in f.evaluate(frame, by_series=True)["series"]  # scored without it, with a warning


def test_every_series_too_short_is_an_error_listing_them():
    frame = make_panel(3, lengths=(15, 20))
    with pytest.raises(RnncastError, match=r"every series is too short.*'s000' \(\d+ rows\).*at least \d+ rows"):
        Forecaster(**TINY).fit(frame)


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


def test_settings_given_as_numpy_scalars_train_and_save_as_plain_numbers(tmp_path):
    y = np.sin(0.3 * np.arange(200))
    model = Forecaster(lookback=np.int64(8), horizon=np.int64(2), hidden_size=np.int64(4), epochs=np.int64(1),
                       lr=np.float32(0.01), max_batches=np.int64(2), device="cpu").fit(y)
    model.save(tmp_path / "model")  # model.json: JSON, which NumPy's integers are not
    params = json.loads((tmp_path / "model" / "model.json").read_text())["params"]
    assert params["lookback"] == 8 and params["hidden_size"] == 4 and isinstance(params["lr"], float)
    assert Forecaster.load(tmp_path / "model").predict(y).shape == (2, 1)


def test_a_fit_on_very_few_training_windows_says_how_many(caplog):
    """72 monthly rows, lookback 48 + horizon 3: the 51 training rows hold one window, which fit trained
    on without a word; 24 leaves 25 windows, enough not to be told."""
    frame = pd.DataFrame({"date": pd.date_range("2015-01-31", periods=72, freq="ME"),
                          "y": np.sin(np.arange(72) * np.pi / 6)})
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 48, "epochs": 1}).fit(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "trains on only" in r.getMessage()]
    assert said == ["the model trains on only 1 window (lookback 48 + horizon 3 in 51 training rows), too few to "
                    "learn much from; a shorter lookback (lookback=, --lookback) or more rows give it more"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 24, "epochs": 1}).fit(frame, target="y")
    assert not [r for r in caplog.records if "trains on only" in r.getMessage()]


def test_few_windows_over_a_panel_are_counted_over_its_series(caplog):
    panel = make_panel(n_series=3, lengths=(40, 40), seed=0)  # 28 training rows each: 6 windows of 20 + 3
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 20, "epochs": 1}).fit(panel, target="y")
    said = [r.getMessage() for r in caplog.records if "trains on only" in r.getMessage()]
    assert len(said) == 1 and "only 18 windows" in said[0] and "the training rows of 3 series (84 in all)" in said[0]


def test_a_callback_that_draws_its_own_bar_gets_no_second_one():
    from rnncast.fitting import progress

    def own(record):
        pass

    own.draws_bar = True  # the command line's (cli/display.epoch_bar)
    assert progress("lstm", 3, own) is None
    bar = progress("lstm", 3, lambda record: None)
    assert bar is not None
    bar.close()

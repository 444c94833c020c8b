"""Many series, one model: long and wide input, per-series splits and scalers, covariate roles,
predictions in long format, and the refusals that name the series at fault."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
import torch

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.panel import load_panel

L, H = TINY["lookback"], TINY["horizon"]


@pytest.fixture(scope="module")
def panel_frame() -> pd.DataFrame:
    """Four series of 120-200 hourly rows with their own starts and scales 0.01 to 1000."""
    return make_panel(4, scales=(0.01, 1000.0), seed=1)


@pytest.fixture(scope="module")
def fitted(panel_frame) -> Forecaster:
    return Forecaster(**TINY).fit(panel_frame)


# ---- reading: long, wide, one series -----------------------------------------------------------

def test_long_format_keeps_each_series_with_its_own_length_and_start(panel_frame):
    shuffled = panel_frame.sample(frac=1.0, random_state=0)  # row order carries no meaning in long format
    panel = load_panel(shuffled)
    sizes = panel_frame.groupby("unique_id").size()
    assert panel.ids == sorted(sizes.index) and list(panel.lengths) == list(sizes.loc[panel.ids])
    for s, uid in enumerate(panel.ids):
        rows = panel_frame[panel_frame.unique_id == uid]
        assert np.array_equal(panel.rows(s)[:, 0], rows["y"].to_numpy(np.float64))  # sorted back into time order
        assert panel.time_of(s)[0] == rows["ds"].iloc[0]
    assert panel.calendar.freq == pd.tseries.frequencies.to_offset("h") and panel.columns == ["y"]


def test_wide_format_trims_each_series_to_its_own_span_and_trains_the_long_model(panel_frame):
    wide = panel_frame.pivot(index="ds", columns="unique_id", values="y").reset_index()  # NaN where a series is absent
    panel = load_panel(wide, series="all")
    assert panel.ids == sorted(panel_frame.unique_id.unique())
    assert list(panel.lengths) == list(panel_frame.groupby("unique_id").size())
    a = Forecaster(**TINY).fit(panel_frame)
    b = Forecaster(**TINY).fit(wide, series=["s000", "s001", "s002", "s003"])
    pa, pb = a.predict(panel_frame), b.predict(wide)
    assert list(pb.columns) == ["unique_id", "ds", "y_hat"]
    assert np.array_equal(pa["y_hat"].to_numpy(), pb["y_hat"].to_numpy())
    assert np.array_equal(pa["ds"].to_numpy(), pb["ds"].to_numpy())


def test_long_format_column_names_can_be_chosen(panel_frame):
    renamed = panel_frame.rename(columns={"unique_id": "store", "ds": "when", "y": "sales"})
    f = Forecaster(**TINY).fit(renamed, target="sales", id_col="store", time_col="when")
    forecast = f.predict(renamed)
    assert list(forecast.columns) == ["store", "when", "sales_hat"]


def test_a_single_series_is_a_panel_of_one_with_its_old_faces():
    frame = make_panel(1, lengths=(150, 150)).drop(columns="unique_id")
    f = Forecaster(**TINY).fit(frame, target="y")
    assert f.layout_ == "single" and f.split_ is f.splits_[0] and f.scaler_ is f.scalers_[0]
    assert list(f.predict(frame).columns) == ["y"]


# ---- one global model, per-series splits and scalers -------------------------------------------

def test_each_series_is_split_by_the_same_fractions_and_scaled_on_its_own_training_rows(fitted, panel_frame):
    for s, uid in enumerate(fitted.ids_):
        y = panel_frame.loc[panel_frame.unique_id == uid, "y"].to_numpy(np.float64)  # float64 until scaled
        split = fitted.splits_[s]
        assert split.end == len(y) and split.val_end == len(y) - round(0.2 * len(y))
        assert fitted.scalers_[s].offset[0] == pytest.approx(y[: split.train_end].astype(np.float64).mean(), rel=1e-9)
        assert fitted.scalers_[s].scale[0] == pytest.approx(y[: split.train_end].astype(np.float64).std(), rel=1e-9)
    assert fitted.scaler_ is None and fitted.split_ is None  # many series: no single one to show


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


def test_predict_returns_long_format_continuing_each_series(fitted, panel_frame):
    forecast = fitted.predict(panel_frame)
    assert list(forecast.columns) == ["unique_id", "ds", "y_hat"] and len(forecast) == 4 * H
    for uid, rows in forecast.groupby("unique_id"):
        last = panel_frame.loc[panel_frame.unique_id == uid, "ds"].max()
        assert list(rows["ds"]) == [last + pd.Timedelta(hours=k) for k in range(1, H + 1)]


def test_predict_scales_each_series_back_to_its_own_units(fitted, panel_frame):
    forecast = fitted.predict(panel_frame)
    for uid, rows in forecast.groupby("unique_id"):
        y = panel_frame.loc[panel_frame.unique_id == uid, "y"]
        assert y.min() * 0.3 < rows["y_hat"].mean() < y.max() * 3  # the right order of magnitude for each


def test_evaluate_pools_the_series_and_can_score_each(fitted, panel_frame):
    result = fitted.evaluate(panel_frame, part="test", by_series=True)
    assert set(result["series"]) == set(fitted.ids_)
    assert result["windows"] == sum(r["windows"] for r in result["series"].values())
    assert {"mse", "mae", "mase", "smape", "mape"} <= set(result["original"]["model"])


def test_save_then_load_a_panel_model_with_every_covariate_role(tmp_path):
    frame = make_panel(3, seed=2)
    frame["hour"] = frame["ds"].dt.hour.astype(float)
    frame["temp"] = np.cos(np.arange(len(frame)) / 7.0)
    frame["kind"] = frame["unique_id"].map({"s000": "a", "s001": "b", "s002": "a"})
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    roles = dict(past_covariates=["temp"], future_covariates=["hour"], static_covariates=["kind", "size"])
    f = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, **roles)
    assert f.net_.spec.n_static == 1 and f.net_.spec.static_cardinalities == (2,)
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    future = _future_frame(frame, H, hour=1.0)
    a, b = f.predict(frame, future=future), g.predict(frame, future=future)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["unique_id", "ds", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9"]
    assert f.evaluate(frame) == g.evaluate(frame)


def test_static_covariates_change_the_forecast():
    frame = make_panel(3, seed=3)
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    table = pd.DataFrame({"unique_id": ["s000", "s001", "s002"], "kind": ["x", "y", "x"]})
    f = Forecaster(**TINY).fit(frame, static_covariates=table)
    assert f.static_encoder_.vocab == [["x", "y"]]
    before = f.predict(frame)
    f.static_codes_ = 1 - f.static_codes_  # swap every series' category
    assert not np.array_equal(before["y_hat"].to_numpy(), f.predict(frame)["y_hat"].to_numpy())


# ---- point 6 of issue 6: what one global model can do ------------------------------------------

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


def _covariate_panel(seed: int = 1, n_series: int = 5, n: int = 300) -> pd.DataFrame:
    """y_t = w_s (2 x_t + noise) + 5 w_s with x drawn anew at every step: only x_t tells y_t."""
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(n_series):
        x = rng.standard_normal(n)
        w = 10.0 ** (i - 2)
        parts.append(pd.DataFrame({"unique_id": f"s{i}", "ds": pd.date_range("2024-01-01", periods=n, freq="D"),
                                   "y": w * (2.0 * x + 0.1 * rng.standard_normal(n)) + 5 * w, "price": x}))
    return pd.concat(parts, ignore_index=True)


COVARIATE_SETTINGS = dict(lookback=8, horizon=2, hidden_size=16, epochs=8, batch_size=32, lr=1e-2, window_norm="none",
                          patience=50, device="cpu", seed=0)


def test_a_target_known_only_through_a_future_covariate_is_predicted_and_is_not_without_it():
    frame = _covariate_panel()
    known = Forecaster(**COVARIATE_SETTINGS).fit(frame, future_covariates=["price"])
    past = Forecaster(**COVARIATE_SETTINGS).fit(frame, past_covariates=["price"])
    with_it = known.evaluate(frame, part="test")["scaled"]
    without = past.evaluate(frame, part="test")["scaled"]
    assert with_it["model"]["r2"] > 0.95 and with_it["model"]["mse"] < 0.05 * with_it["mean"]["mse"]
    assert without["model"]["r2"] < 0.1 and without["model"]["mse"] > 0.9 * without["mean"]["mse"]


# ---- refusals that name the series ------------------------------------------------------------

def test_too_short_series_are_reported_by_name_and_length_not_silently_dropped(caplog, panel_frame):
    short = pd.DataFrame({"unique_id": "tiny", "ds": pd.date_range("2024-01-01", periods=20, freq="h"), "y": np.arange(20.0)})
    frame = pd.concat([panel_frame, short], ignore_index=True)
    with caplog.at_level(logging.WARNING):
        f = Forecaster(**TINY).fit(frame)
    assert "'tiny' (20 rows)" in caplog.text and "at least" in caplog.text
    assert f.skipped_series_ == [{"id": "tiny", "rows": 20, "needed": f.skipped_series_[0]["needed"]}]
    assert f.skipped_series_[0]["needed"] > 20 and "tiny" not in f.ids_
    with pytest.raises(RnncastError, match=r"'tiny' \(20 rows\) were too short to train"):
        f.predict(frame)
    assert "tiny" not in f.evaluate(frame, by_series=True)["series"]  # scored without it, with a warning


def test_every_series_too_short_is_an_error_listing_them():
    frame = make_panel(3, lengths=(15, 20))
    with pytest.raises(RnncastError, match=r"every series is too short.*'s000' \(\d+ rows\).*at least \d+ rows"):
        Forecaster(**TINY).fit(frame)


def test_duplicate_timestamps_within_a_series_are_refused_with_the_series_named(panel_frame):
    frame = panel_frame.copy()
    first = frame.index[frame.unique_id == "s002"][5]
    frame.loc[first + 1, "ds"] = frame.loc[first, "ds"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp .* in series 's002' at row \d+ and row \d+"):
        Forecaster(**TINY).fit(frame)


def test_the_same_timestamp_in_two_series_is_fine(panel_frame):
    aligned = panel_frame.copy()
    aligned["ds"] = aligned.groupby("unique_id").cumcount().map(lambda k: pd.Timestamp("2024-01-01") + pd.Timedelta(hours=k))
    assert load_panel(aligned).n_series == 4


def test_unknown_id_column_is_named_with_the_columns_there_are(panel_frame):
    with pytest.raises(RnncastError, match=r"id column 'store' not found; available columns: unique_id, ds, y"):
        Forecaster(**TINY).fit(panel_frame, id_col="store")


def test_missing_future_covariates_at_predict_are_named():
    frame = _covariate_panel(n_series=2, n=120)
    f = Forecaster(**{**COVARIATE_SETTINGS, "epochs": 1}).fit(frame, future_covariates=["price"])
    with pytest.raises(RnncastError, match=r"needs the future values of features \['price'\].*future="):
        f.predict(frame)
    future = _future_frame(frame, 2, price=0.5)
    assert len(f.predict(frame, future=future)) == 4
    with pytest.raises(RnncastError, match=r"\['price'\] are missing for series 's1' at 2024-05-01"):
        f.predict(frame, future=future.iloc[:-1])
    with pytest.raises(RnncastError, match=r"lack column\(s\) \['price'\]"):
        f.predict(frame, future=future.drop(columns="price"))


def test_a_series_unseen_in_fit_is_refused(fitted, panel_frame):
    other = panel_frame.assign(unique_id=panel_frame.unique_id.str.replace("s000", "new"))
    with pytest.raises(RnncastError, match=r"series \['new'\] .* not in the data the model was fitted on"):
        fitted.predict(other)


def test_a_static_covariate_that_changes_within_a_series_is_refused(panel_frame):
    frame = panel_frame.assign(kind="a")
    frame.loc[frame.index[frame.unique_id == "s001"][3], "kind"] = "b"
    with pytest.raises(RnncastError, match=r"static covariate 'kind' changes within series 's001'"):
        Forecaster(**TINY).fit(frame, static_covariates=["kind"])


def test_a_static_table_missing_a_series_is_refused(panel_frame):
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "kind": ["a", "b"]})
    with pytest.raises(RnncastError, match=r"no row for series \['s002', 's003'\]"):
        Forecaster(**TINY).fit(panel_frame, static_covariates=table)


def test_a_column_in_two_roles_is_refused(panel_frame):
    frame = panel_frame.assign(x=1.0)
    with pytest.raises(RnncastError, match=r"\['x'\] named in more than one role"):
        Forecaster(**TINY).fit(frame, past_covariates=["x"], future_covariates=["x"])


def test_sequence_scheme_is_refused_for_many_series(panel_frame):
    with pytest.raises(RnncastError, match="scheme 'sequence' trains one series"):
        Forecaster(**{**TINY, "scheme": "sequence"}).fit(panel_frame)


def _future_frame(frame: pd.DataFrame, horizon: int, **values) -> pd.DataFrame:
    """The ``horizon`` steps after each series' end, with the given covariate values."""
    rows = []
    for uid, g in frame.groupby("unique_id"):
        step = g["ds"].iloc[1] - g["ds"].iloc[0]
        ds = g["ds"].max() + step * np.arange(1, horizon + 1)
        rows.append(pd.DataFrame({"unique_id": uid, "ds": ds, **values}))
    return pd.concat(rows, ignore_index=True)


def test_the_network_takes_numeric_and_categorical_static_inputs_and_emits_quantiles():
    from rnncast.models import NetSpec, RecurrentNet

    net = RecurrentNet(NetSpec(cell="gru", n_inputs=2, n_targets=1, horizon=3, hidden_size=4, n_future=1,
                               n_static=2, static_cardinalities=(3, 5), quantiles=(0.1, 0.5, 0.9)))
    torch.nn.init.normal_(net.head.weight)  # the head starts at zero (the level's forecast); give it weights
    x, future = torch.randn(7, 6, 2), torch.randn(7, 3, 1)
    static, codes = torch.randn(7, 2), torch.randint(0, 3, (7, 2))
    out = net(x, future, static, codes)
    assert out.shape == (7, 3, 1, 3)
    codes[:, 1] = 4  # another category of the second covariate: another forecast
    assert not torch.equal(net(x, future, static, codes), out)


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


# ---- ids as written, static covariates read at predict --------------------------------------------

def test_ids_are_text_as_the_file_writes_them(tmp_path):
    frame = make_panel(3, seed=3)
    frame["unique_id"] = frame["unique_id"].map({"s000": "001", "s001": "010", "s002": "100"})
    path = tmp_path / "long.csv"
    frame.to_csv(path, index=False)
    f = Forecaster(**TINY).fit(path)
    assert f.ids_ == ["001", "010", "100"]
    assert list(f.predict(path)["unique_id"].unique()) == ["001", "010", "100"]
    extra = pd.concat([frame, frame[frame.unique_id == "001"].assign(unique_id="NEW")])
    extra.to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"series \['NEW'\] \(1 in all\) were not in the data"):
        f.predict(path)


def test_static_covariates_given_at_predict_are_read_and_checked():
    frame = make_panel(3, seed=2)
    frame["kind"] = frame["unique_id"].map({"s000": "a", "s001": "b", "s002": "a"})
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    f = Forecaster(**TINY).fit(frame, static_covariates=["kind", "size"])
    base = f.predict(frame)
    assert not np.allclose(f.predict(frame.assign(size=frame["size"] * 1000))["y_hat"], base["y_hat"])
    with pytest.raises(RnncastError, match=r"'kind' of series 's001' is 'zebra', a category the model never saw"):
        f.predict(frame.assign(kind=frame["kind"].where(frame.unique_id != "s001", "zebra")))
    table = pd.DataFrame({"unique_id": ["s000", "s001", "s002"], "kind": ["a", "b", "a"], "size": [1.0, 5.0, 2000.0]})
    by_table = f.predict(frame.drop(columns=["kind", "size"]), static_covariates=table)
    assert not np.allclose(by_table["y_hat"], base["y_hat"])
    pd.testing.assert_frame_equal(f.predict(frame.drop(columns=["kind", "size"])), base)  # none given: those of fit
    with pytest.raises(RnncastError, match=r"holds static covariate\(s\) \['kind'\] but not \['size'\]"):
        f.predict(frame.drop(columns=["size"]))

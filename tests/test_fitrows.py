"""Data whose rows of the fit's training and validation periods differ from those fit read (``fitrows.py``): evaluate,
compare's windows and predict say so in one line, and evaluate's training-mean baseline and MASE scale come from the
data's own rows, as the naive baselines do; data that extends the fit's, and a model saved before the rows were kept,
say nothing."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest
from conftest import TINY, make_frame

from rnncast import Forecaster, datasets

WARNED = "differ from those fit read"


@pytest.fixture(scope="module")
def sales():
    data = datasets.monthly_sales()
    model = Forecaster(**{**TINY, "horizon": 6, "season": 12}).fit(data, target="sales")
    return data, model


def _doubled(data: pd.DataFrame) -> pd.DataFrame:
    return data.assign(sales=data["sales"] * 2)


def test_doubled_data_is_named_and_its_baselines_and_mase_come_from_it(sales, caplog):
    data, model = sales
    real = model.evaluate(data)
    assert "fit_rows" not in real["scored"]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        doubled = model.evaluate(_doubled(data))
    said = [r.getMessage() for r in caplog.records if WARNED in r.getMessage()]
    assert len(said) == 1 and "training period" in said[0] and "this data's own" in said[0]
    assert len(doubled["scored"]["fit_rows"]["train"]) == 1 and WARNED in doubled["scored"]["text"]
    # the file's training mean, as the naive baselines are the file's: every error doubles, MSE four times
    assert doubled["original"]["mean"]["mse"] == pytest.approx(4 * real["original"]["mean"]["mse"], rel=1e-9)
    for name in ("seasonal", "repeat", "mean"):  # the file's MASE scale: doubled with the errors
        assert doubled["original"][name]["mase"] == pytest.approx(real["original"][name]["mase"], rel=1e-9)


def test_a_file_that_extends_the_fit_data_is_silent(caplog):
    data = datasets.monthly_sales()
    model = Forecaster(**{**TINY, "horizon": 6, "season": 12}).fit(data.iloc[:100], target="sales")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(data)
        model.predict(data)
    assert "fit_rows" not in result["scored"]
    assert not [r for r in caplog.records if WARNED in r.getMessage()]
    assert result["scored"]["windows"] > 0


def test_only_validation_rows_changed_take_the_datas_own_mean_and_scale(sales):
    """MASE's scale and the mean baseline read the validation rows too (decision 2173, 2174): where only those differ,
    the data's own are taken, as where its training rows differ."""
    data, model = sales
    changed = data.copy()
    row = model.splits_[0].train_end  # the first validation row
    changed.loc[row, "sales"] += 50.0
    result = model.evaluate(changed)
    assert result["scored"]["fit_rows"]["train"] == [] and len(result["scored"]["fit_rows"]["val"]) == 1
    assert "this data's own" in result["scored"]["fit_rows"]["text"] and "validated on" in result["scored"]["fit_rows"]["text"]
    before = changed["sales"].to_numpy(dtype=np.float64)[: model.splits_[0].val_end]
    w = model.predict_windows(changed, part="test").to_frame()
    assert w["sales_mean"].iloc[0] == pytest.approx(before.mean(), rel=1e-6)
    scale = np.mean(np.abs(before[12:] - before[:-12]))
    assert result["original"]["seasonal"]["mase"] == pytest.approx(
        np.mean(np.abs(w["sales"] - w["sales_seasonal"])) / scale, rel=1e-9)


def test_predict_warns_in_one_line(sales, caplog):
    data, model = sales
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(_doubled(data))
    said = [r.getMessage() for r in caplog.records if WARNED in r.getMessage()]
    assert len(said) == 1 and "the forecast reads" in said[0]
    assert said[0].endswith("(revised data, or another unit?)")


def test_predict_names_the_rows_it_left_out_for_a_blank_as_the_cause_first(sales, caplog):
    """Decision 1986: a blank far before the rows predict reads leaves its row out, which the training rows' comparison
    sees as a row missing; "revised data, or another unit?" was no cause of it."""
    data, model = sales
    blank = data.copy()
    blank.loc[2, "sales"] = np.nan
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(blank)
    said = [r.getMessage() for r in caplog.records if WARNED in r.getMessage()]
    assert len(said) == 1 and said[0].endswith("(the rows with missing values left out, said above, or revised data?)")


def test_a_model_saved_before_fit_rows_loads_and_stays_silent(sales, tmp_path, caplog):
    data, model = sales
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    assert "fit_rows" in meta
    del meta["fit_rows"]
    from rnncast.weightfile import description_sha256

    key = "description_sha256"
    if key in meta:
        meta[key] = description_sha256(meta, key)
    path.write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = old.evaluate(_doubled(data))
    assert "fit_rows" not in result["scored"]
    assert not [r for r in caplog.records if WARNED in r.getMessage()]


def test_a_panel_names_the_series_whose_training_rows_differ(caplog):
    panel = datasets.sine_panel(3, lengths=(120, 120))
    model = Forecaster(**TINY).fit(panel, target="y", id_col="unique_id", time_col="ds")
    ids = panel["unique_id"].unique()
    revised = panel.copy()
    first = revised.index[revised["unique_id"] == ids[1]][0]
    revised.loc[first, "y"] += 10.0
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(revised)
    assert result["scored"]["fit_rows"]["train"] == [ids[1]]
    assert f"1 of {len(ids)} series" in result["scored"]["fit_rows"]["text"]


def test_undated_rows_are_compared_by_number():
    frame = make_frame(200, time=False, feature=False)
    model = Forecaster(**TINY).fit(frame, target="y")
    assert "fit_rows" not in model.evaluate(pd.concat([frame, frame.iloc[:20]], ignore_index=True))["scored"]
    scaled = frame.assign(y=frame["y"] * np.float32(3))
    assert len(model.evaluate(scaled)["scored"]["fit_rows"]["train"]) == 1


def test_compare_windows_take_the_training_mean_of_the_data(sales):
    data, model = sales
    real = model.predict_windows(data, part="test").baselines["mean"]
    doubled = model.predict_windows(_doubled(data), part="test").baselines["mean"]
    np.testing.assert_allclose(doubled, 2 * real, rtol=1e-9)


def test_a_damaged_fit_rows_record_is_refused_by_name(sales, tmp_path):
    from rnncast.errors import RnncastError
    from rnncast.weightfile import description_sha256

    data, model = sales
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    meta["fit_rows"] = [[1, 2]]
    if "description_sha256" in meta:
        meta["description_sha256"] = description_sha256(meta, "description_sha256")
    path.write_text(json.dumps(meta))
    with pytest.raises(RnncastError, match="fit_rows"):
        Forecaster.load(tmp_path / "m")


def test_a_float32_frame_and_the_csv_it_writes_hold_the_same_rows(tmp_path, caplog):
    frame = make_frame(200, feature=False)  # y is float32: its CSV text reads back as other float64 numbers
    model = Forecaster(**TINY).fit(frame, target="y")
    frame.to_csv(tmp_path / "y.csv", index=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(tmp_path / "y.csv")
    assert "fit_rows" not in result["scored"] and WARNED not in caplog.text


def test_predict_computes_the_data_s_own_training_mean_of_the_series_it_names_only(caplog, monkeypatch):
    """predict's line names the first series whose training rows differ and its training mean here; it computed every
    such series' in-sample baselines and MASE scale, which it never uses (a review's finding)."""
    from rnncast import observed

    panel = datasets.sine_panel(3, lengths=(120, 120))
    model = Forecaster(**TINY).fit(panel, target="y", id_col="unique_id", time_col="ds")
    taken = []
    real = observed.in_sample
    monkeypatch.setattr(observed, "in_sample", lambda p, *a, **k: taken.append(p.n_series) or real(p, *a, **k))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(panel.assign(y=panel["y"] * 2))
    said = [r.getMessage() for r in caplog.records if WARNED in r.getMessage()]
    assert taken == [1] and len(said) == 1 and "in 3 of 3 series (first " in said[0] and "training mean of 'y' is" in said[0]
    taken.clear()
    model.evaluate(panel.assign(y=panel["y"] * 2))
    assert taken == [3]  # evaluate scores every series: each one's own


def test_data_whose_training_rows_differ_says_why_its_own_scale_is_zero():
    """The scale taken from the data's own training rows carries its own cause (decision 909)."""
    frame = make_frame(200, feature=False)
    model = Forecaster(**{**TINY, "season": 6}).fit(frame, target="y")
    assert not model.state_.mase_zero.any()  # no scale of the fit's is 0
    weekly = frame.copy()
    weekly["y"] = np.resize(np.array([3.0, 5.0, 4.0, 9.0, 1.0, 2.0], dtype=np.float32), len(frame))
    result = model.evaluate(weekly, part="test")
    assert result["mase_excluded"]["causes"] == {"repeats": 1}


def test_training_means_are_said_in_their_significant_digits_not_float_noise():
    """Decision 1525: a revision line printed float noise ("17.653000000000002"); the means read in their own
    significant digits, more only where two that differ would read alike, and float noise is "the same"."""
    from rnncast.fitrows import _means
    assert _means(17.653000000000002, 17.653) == "is the same"
    assert _means(17.653, 17.6531) == "is 17.653 here, 17.6531 at fit"
    assert _means(17.65300001, 17.65300002) == "is 17.65300001 here, 17.65300002 at fit"
    assert _means(1234567.5, 2469135.0) == "is 1234568 here, 2469135 at fit"  # not 1.23457e+06


def test_a_mean_near_zero_within_float_noise_of_the_spread_is_the_same():
    """Decision 1569 (r32r1 LOW 6): a standardised target's mean is 0 within float noise, and a relative test never
    passes there: "is -8.88178e-18 here, -1.42109e-17 at fit". Means within 1e-12 of the series' training spread (its
    scaler's scale, or its MASE scale unscaled) are the same; a real difference near 0 is still said."""
    from types import SimpleNamespace

    from rnncast.fitrows import _means, _spread
    from rnncast.scaling import Scaler
    assert _means(-8.881784197001252e-18, -1.4210854715202004e-17, 1.0) == "is the same"
    assert _means(-8.881784197001252e-18, -1.4210854715202004e-17) != "is the same"  # no spread: as before
    assert _means(0.001, 0.002, 1.0) == "is 0.001 here, 0.002 at fit"
    state = SimpleNamespace(scalers=[Scaler("standard", np.array([0.0, 5.0]), np.array([2.5, 1.0])),
                                     Scaler("none", np.zeros(2), np.ones(2)), Scaler("none", np.zeros(2), np.ones(2))],
                            mase_scales=np.array([[0.3], [0.7], [np.nan]]))
    assert (_spread(state, 0), _spread(state, 1), _spread(state, 2)) == (2.5, 0.7, 0.0)


def test_revised_training_rows_leave_the_fits_climatology_unscored_and_say_so(caplog):
    """Decision 1694: evaluate read the fit's climatology whole for data whose training rows differ (Fahrenheit for
    Celsius): the training mean was the data's own, the climatology the fit's, of other rows, scored silently."""
    rng = np.random.default_rng(0)
    time = pd.date_range("2015-01-01", "2018-12-31", freq="D")
    data = pd.DataFrame({"date": time, "y": 10 + 8 * np.sin(np.asarray(time.day_of_year) / 58.1)
                         + rng.normal(0, 1, len(time))})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).fit(data, target="y")
    assert "climatology" in model.evaluate(data)["original"]  # the same rows: the fit's, scored
    revised = data.assign(y=np.where(data["date"] < "2016-01-01", data["y"] * 1.8 + 32, data["y"]))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        result = model.evaluate(revised)
    assert "climatology" not in result["original"] and "climatology_series" not in result
    assert "the fit's climatology, made from the rows fit read, is not scored for it" in caplog.text
    assert "is not scored for it" in result["scored"]["text"]


def _calm_then_wild() -> pd.DataFrame:
    """200 daily rows whose steps grow after row 150: the training rows' (140) scale is below that of every row before
    the cutoff (160)."""
    rng = np.random.default_rng(5)
    y = 100 + np.cumsum(rng.normal(0, 1, 200))
    y[150:] += np.cumsum(rng.normal(0, 4, 50))
    return pd.DataFrame({"date": pd.date_range("2021-01-01", periods=200, freq="D"), "y": y})


def test_a_model_saved_before_the_scale_read_the_validation_rows_is_scored_on_them_or_said(tmp_path, caplog):
    """Decision 2222: a model saved before decision 2173 (model.json without ``scale_rows``) kept the scale and mean of
    its training rows, which evaluate divided by without a word (MASE 6.87 where a fit now gives 5.36). Evaluate takes
    them from the data's rows before the cutoff where it holds them whole, else keeps the saved ones, and says which."""
    frame = _calm_then_wild()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", time_col="date")
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["scale_rows"] == "before_cutoff" and Forecaster.load(tmp_path / "m").state_.scales_at_cutoff
    new = model.evaluate(frame)["original"]["model"]["mase"]
    sp, y = model.splits_[0], frame["y"].to_numpy()
    model.state_.mase_scales[0, 0] = np.abs(np.diff(y[: sp.train_end])).mean()  # as fit kept them before 2173
    model.state_.train_means[0, 0] = y[: sp.train_end].mean()
    model.state_.mase_pairs[0, 0] = sp.train_end - 1  # the training rows' pairs (season 1), decision 2249
    model.state_.scales_at_cutoff = False
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert model.evaluate(frame)["original"]["model"]["mase"] == pytest.approx(new, rel=1e-9)
    said = [r.getMessage() for r in caplog.records if "saved before MASE's scale" in r.getMessage()]
    assert len(said) == 1 and "they are taken from this data's rows of the fit's training and validation" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        old = model.evaluate(frame.iloc[100:])["original"]["model"]["mase"]  # the fit's first rows not here: kept
    before_cutoff = np.abs(np.diff(y[: sp.val_end])).mean()
    assert old == pytest.approx(new * before_cutoff / model.mase_scales_[0, 0], rel=1e-6) and old > 1.2 * new
    assert "saved without saying whether" in caplog.text and "the saved ones are kept, whose rows before the" in caplog.text


def test_a_model_without_the_key_whose_scale_already_reads_the_validation_rows_says_nothing(caplog):
    """A model saved after decision 2173 but before ``scale_rows`` was written: its scale is the data's, unsaid."""
    frame = _calm_then_wild()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", time_col="date")
    new = model.evaluate(frame)["original"]["model"]["mase"]
    model.state_.scales_at_cutoff = False
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert model.evaluate(frame)["original"]["model"]["mase"] == pytest.approx(new, rel=1e-12)
    assert "MASE's scale and the training mean baseline read" not in caplog.text


def test_a_model_without_the_key_whose_pairs_show_it_read_the_validation_rows_is_kept_unsaid(caplog):
    """Decision 2249 (s41 brief 4): decision 2222's "saved without saying whether" line came on every evaluate of a
    model saved after decision 2173 but before the key, on data without the fit's first rows, though its kept pairs
    (159 of 160 rows before the cutoff) are more than its 140 training rows could hold: its scale read them."""
    frame = _calm_then_wild()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", time_col="date")
    sp = model.splits_[0]
    assert model.state_.mase_pairs[0, 0] == sp.val_end - 1 > sp.train_end - 1
    new = model.evaluate(frame.iloc[100:])["original"]["model"]["mase"]
    model.state_.scales_at_cutoff = False
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert model.evaluate(frame.iloc[100:])["original"]["model"]["mase"] == pytest.approx(new, rel=1e-12)
    assert "MASE's scale and the training mean baseline read" not in caplog.text
    model.state_.mase_pairs = None  # saved before the pairs were kept (decision 2160): nothing tells, said
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame.iloc[100:])
    assert "saved without saying whether" in caplog.text

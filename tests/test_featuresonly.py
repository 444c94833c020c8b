"""target_input=False: the windows hold the features alone; predict needs no target column, and forecasts as it does
with the target given; what cannot work without the target's past is refused by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError

ALONE = dict(lookback=6, horizon=1, hidden_size=8, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0,
             window_norm="none", highway=False, target_input=False)


@pytest.fixture(scope="module")
def sensor() -> pd.DataFrame:
    """A seeded soft-sensor table: y at t made of the features at t-1 .. t-3 (never of its own past)."""
    rng = np.random.default_rng(3)
    n = 240
    a, b = rng.normal(size=n).cumsum() * 0.2, rng.normal(size=n)
    y = np.full(n, np.nan)
    y[3:] = 10 + 2 * a[2:-1] + 1.5 * b[1:-2] - 0.5 * a[:-3] + rng.normal(0, 0.1, n - 3)
    frame = pd.DataFrame({"time": pd.date_range("2025-01-01", periods=n, freq="h"), "a": a, "b": b, "y": y})
    return frame.iloc[3:].reset_index(drop=True)


@pytest.fixture(scope="module")
def fitted(sensor) -> Forecaster:
    return Forecaster(**ALONE).fit(sensor, target="y", features=["a", "b"])


def test_predict_needs_no_target_and_forecasts_as_with_it(fitted, sensor, caplog):
    with_target = fitted.predict(sensor.tail(20))
    without = fitted.predict(sensor.tail(20).drop(columns="y"))
    blank = fitted.predict(sensor.tail(20).assign(y=np.nan))
    pd.testing.assert_frame_equal(with_target, without)
    pd.testing.assert_frame_equal(with_target, blank)
    assert np.isfinite(without["y"]).all()
    assert "not read: y" in caplog.text  # a target column given is said to be unread


def test_the_network_reads_the_features_alone(fitted, sensor):
    assert fitted.net_.encoder.input_size == 2  # a, b: no target channel
    changed = sensor.tail(20).assign(y=sensor["y"].tail(20) * 5 + 100)  # other target values: the same forecast
    pd.testing.assert_frame_equal(fitted.predict(sensor.tail(20)), fitted.predict(changed))


def test_saved_and_loaded_model_keeps_the_setting(fitted, sensor, tmp_path):
    fitted.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["target_input"] is False
    pd.testing.assert_frame_equal(loaded.predict(sensor.tail(20).drop(columns="y")), fitted.predict(sensor.tail(20)))


def test_evaluate_names_the_target_it_scores_and_the_baselines_as_reference(fitted, sensor):
    with pytest.raises(RnncastError, match="scores against the target: give column 'y'"):
        fitted.evaluate(sensor.drop(columns="y"))
    result = fitted.evaluate(sensor)
    assert "reads the features alone" in result["verdict"] and "as a reference" in result["verdict"]


def test_a_model_reading_the_target_still_asks_for_its_past(sensor):
    model = Forecaster(**{**ALONE, "target_input": True}).fit(sensor, target="y", features=["a", "b"])
    assert model.net_.encoder.input_size == 3
    with pytest.raises(RnncastError, match="reads the target's past: give column 'y'"):
        model.predict(sensor.tail(20).drop(columns="y"))


@pytest.mark.parametrize("change, named", [
    ({"window_norm": "last"}, "window_norm 'last'"),
    ({"highway": True}, "highway True"),
    ({"window_norm": "mean", "highway": True}, "window_norm 'mean' and highway True read"),
    ({"window_scale": True}, "window_scale True"),
])
def test_settings_that_read_the_target_are_refused_by_name(change, named):
    with pytest.raises(RnncastError, match=named):
        Forecaster(**{**ALONE, **change}).fit(pd.DataFrame({"y": np.arange(50.0), "x": np.arange(50.0)}), target="y",
                                               features=["x"])


def test_no_features_refused(sensor):
    with pytest.raises(RnncastError, match="reads the features alone, and none are given"):
        Forecaster(**ALONE).fit(sensor[["time", "y"]], target="y")


def test_onnx_takes_the_features_alone(fitted, sensor, tmp_path):
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from rnncast.export import export_onnx, run_onnx

    done = export_onnx(fitted, tmp_path / "m.onnx")
    assert done.inputs["x"] == ["batch", 6, 2]
    window = sensor[["a", "b"]].to_numpy(np.float64)[-6:][None]  # [1, L, F]
    expected = fitted.predict(sensor.tail(20))["y"].to_numpy()
    assert np.allclose(run_onnx(done.path, window)[0, :, 0], expected, atol=1e-4)


def test_a_panel_of_many_series_predicts_without_its_target(sensor):
    panel = pd.concat([sensor.assign(unit="u1"), sensor.assign(unit="u2", a=sensor["a"] + 1, y=sensor["y"] + 2)])
    model = Forecaster(**ALONE).fit(panel, target="y", features=["a", "b"], id_col="unit")
    recent = panel.groupby("unit").tail(10)
    pd.testing.assert_frame_equal(model.predict(recent), model.predict(recent.drop(columns="y")))


def test_the_command_line_predicts_from_a_file_without_the_target(sensor, tmp_path, capsys):
    from rnncast.cli import main

    sensor.to_csv(tmp_path / "s.csv", index=False)
    sensor.tail(10).drop(columns="y").to_csv(tmp_path / "new.csv", index=False)
    main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--features", "a,b", "--lookback", "6", "--epochs", "1",
          "--hidden-size", "8", "--window-norm", "none", "--no-highway", "--no-target-input", "--device", "cpu",
          "--out", str(tmp_path / "run")])
    capsys.readouterr()
    main(["predict", str(tmp_path / "run"), str(tmp_path / "new.csv")])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "time,cutoff,step_ahead,y" and len(out.splitlines()) == 2


def test_no_hint_offers_a_window_norm_the_setting_refuses():
    """A daily cycle the features do not carry: the seasonal naive forecast beats the model, and the hint that would
    start the network there (window_norm 'season', which reads the target's past) is not given."""
    rng = np.random.default_rng(0)
    n = 400
    frame = pd.DataFrame({"time": pd.date_range("2025-01-01", periods=n, freq="h"), "x": rng.normal(size=n),
                          "y": 10 + 5 * np.sin(2 * np.pi * np.arange(n) / 24)})
    model = Forecaster(**{**ALONE, "lookback": 24, "season": 24, "epochs": 1}).fit(frame, target="y", features=["x"])
    result = model.evaluate(frame)
    assert result["original"]["seasonal"]["mse"] < result["original"]["model"]["mse"]
    assert not [h for h in result["hints"] if "window_norm" in h]


def test_a_backtest_trains_on_the_features_alone_and_its_verdict_says_what_the_baselines_read(sensor):
    done = Forecaster(**{**ALONE, "epochs": 1}).backtest(sensor, n_windows=2, target="y", features=["a", "b"])
    assert "reads the features alone" in done.verdict and "as a reference" in done.verdict


def test_a_model_saved_before_the_setting_reads_the_target_as_it_did(sensor, tmp_path):
    import json

    model = Forecaster(**{**ALONE, "target_input": True}).fit(sensor, target="y", features=["a", "b"])
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["params"]["target_input"], meta["network"]["target_input"], meta["description_sha256"]  # as written before
    path.write_text(json.dumps(meta))
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["target_input"] is True and loaded.net_.spec.target_input is True
    pd.testing.assert_frame_equal(loaded.predict(sensor.tail(20)), model.predict(sensor.tail(20)))


def test_a_file_without_the_target_is_read_once_the_model_s_way(sensor, tmp_path, caplog):
    """A ';' file of decimal commas and day-first dates: without its target it is read once (its note said once), as
    the model reads it, and forecasts as the file with the target does."""
    written = sensor.assign(time=sensor["time"].dt.strftime("%d/%m/%Y %H:%M"))
    written.to_csv(tmp_path / "fit.csv", sep=";", decimal=",", index=False)
    model = Forecaster(**ALONE).fit(tmp_path / "fit.csv", target="y", features=["a", "b"])
    written.tail(20).to_csv(tmp_path / "with.csv", sep=";", decimal=",", index=False)
    written.tail(20).drop(columns="y").to_csv(tmp_path / "without.csv", sep=";", decimal=",", index=False)
    caplog.clear()
    without = model.predict(tmp_path / "without.csv")
    pd.testing.assert_frame_equal(model.predict(tmp_path / "with.csv"), without)
    assert caplog.text.count("without.csv: column(s) ['a', 'b'] are written with decimal commas") == 1
    assert caplog.text.count("with.csv: column(s) ['a', 'b', 'y'] are written with decimal commas") == 1


def test_series_keyed_by_codes_are_known_without_the_target(sensor, tmp_path):
    """A long file keyed by two columns, one of codes with leading zeros ('001'): its series are the model's, the
    target given or not (they were read as 1 and 2, series never seen)."""
    panel = pd.concat([sensor.assign(store="001", item="A"), sensor.assign(store="002", item="A", y=sensor["y"] + 2)])
    panel.to_csv(tmp_path / "fit.csv", index=False)
    model = Forecaster(**ALONE).fit(tmp_path / "fit.csv", target="y", features=["a", "b"], id_col=["store", "item"])
    recent = panel.groupby("store").tail(10)
    recent.to_csv(tmp_path / "with.csv", index=False)
    recent.drop(columns="y").to_csv(tmp_path / "without.csv", index=False)
    without = model.predict(tmp_path / "without.csv")
    assert list(without["store"]) == ["001", "002"]
    pd.testing.assert_frame_equal(model.predict(tmp_path / "with.csv"), without)


def test_the_target_column_is_never_checked_at_predict(fitted, sensor, tmp_path, caplog):
    """Text, values far beyond the fit's, blanks: none is read, none refused nor warned of (but as not read)."""
    expected = fitted.predict(sensor.tail(20))
    text = sensor.tail(20).astype({"y": object})
    text.loc[text.index[-5:], "y"] = "pending"
    text.to_csv(tmp_path / "pend.csv", index=False)
    pd.testing.assert_frame_equal(fitted.predict(text), expected)
    far = fitted.predict(sensor.tail(20).assign(y=1e6))
    pd.testing.assert_frame_equal(far, expected)
    assert "far beyond" not in caplog.text
    assert len(fitted.predict(str(tmp_path / "pend.csv"))) == 1


def test_a_wide_table_predicts_without_its_series_columns(sensor):
    wide = sensor.rename(columns={"y": "s1"}).assign(s2=sensor["y"] * 0.5)
    model = Forecaster(**ALONE).fit(wide, series=["s1", "s2"], features=["a", "b"])
    recent = wide.tail(10)
    with_them = model.predict(recent)
    pd.testing.assert_frame_equal(with_them, model.predict(recent.drop(columns=["s1", "s2"])))
    pd.testing.assert_frame_equal(with_them, model.predict(recent.assign(s1=300.0, s2=np.nan)))


def test_rows_appended_with_a_blank_target_are_refused_where_features_are_future_known(sensor):
    """A future-known model: such rows are the future, refused by name as fit and evaluate do; a model of past
    features reads them as ordinary rows (its target never read), forecasting after them."""
    appended = pd.concat([sensor.tail(12), sensor.tail(2).assign(y=np.nan, time=sensor["time"].iloc[-1]
                                                                   + pd.to_timedelta([1, 2], unit="h"))])
    known = Forecaster(**ALONE, future_known=True).fit(sensor, target="y", features=["a", "b"])
    with pytest.raises(RnncastError, match="have no value of y but have the future covariates a, b"):
        known.predict(appended)
    past = Forecaster(**ALONE).fit(sensor, target="y", features=["a", "b"])
    assert past.predict(appended).index[0] == appended["time"].iloc[-1] + pd.Timedelta("1h")


def _sparse(frame: pd.DataFrame, every: int = 4) -> pd.DataFrame:
    """``frame`` with its label y blank on every ``every``-th row (a lab value not taken), the last row's too."""
    sparse = frame.assign(y=frame["y"].where(np.arange(len(frame)) % every != 0))
    sparse.loc[sparse.index[-1], "y"] = np.nan
    return sparse


def test_blank_labels_without_a_fill_are_left_out_of_training(sensor, caplog):
    """A lab value blank on most rows, the last one's too: no fill needed (the target is only a label); each window
    whose label is blank is left out, counted once, and the others train and are scored; a feature blank is still
    refused (it is an input)."""
    sparse = _sparse(sensor)
    with caplog.at_level("INFO", logger="rnncast"):
        model = Forecaster(**ALONE).fit(sparse, target="y", features=["a", "b"])
    said = [r.getMessage() for r in caplog.records if "training windows have no label" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("40 of the 160 training windows") and "the other 120 train" in said[0]
    result = model.evaluate(sparse)
    assert result["scored"]["filled_targets"] == 12 and "left blank (labels not given)" in result["scored"]["text"]
    assert np.isfinite(result["original"]["model"]["mse"])
    with pytest.raises(RnncastError, match="column 'a' has a missing value"):
        Forecaster(**ALONE).fit(sparse.assign(a=sparse["a"].where(np.arange(len(sparse)) != 50)), target="y",
                                features=["a", "b"])


def test_the_sequence_scheme_with_blank_labels_is_refused_by_name(sensor):
    with pytest.raises(RnncastError, match="scheme 'sequence' trains on the label of every row.*--scheme window"):
        Forecaster(**ALONE, scheme="sequence").fit(_sparse(sensor), target="y", features=["a", "b"])


def test_the_command_line_fits_on_sparse_labels_without_a_fill(sensor, tmp_path, capsys):
    from rnncast.cli import main

    _sparse(sensor).to_csv(tmp_path / "s.csv", index=False)
    main(["fit", str(tmp_path / "s.csv"), "--target", "y", "--features", "a,b", "--lookback", "6", "--epochs", "1",
          "--hidden-size", "8", "--window-norm", "none", "--no-highway", "--no-target-input", "--device", "cpu",
          "--out", str(tmp_path / "run")])
    capsys.readouterr()
    main(["evaluate", str(tmp_path / "run"), str(tmp_path / "s.csv"), "--json"])
    assert '"filled_targets": 12' in capsys.readouterr().out


def test_a_fill_fills_the_features_and_leaves_blank_labels_blank(sensor):
    """t40-t3: a sensor dropout needed --fill, which made labels from the lab values (trained on; with the last labels
    blank refused: "fitted with fill 'interpolate' would train on labels made"). A fill now fills the features alone;
    the blank labels, the last ones too, are stood in for and left out as without a fill (decision 2178)."""
    sparse = _sparse(sensor)
    gappy = sparse.assign(a=sparse["a"].where(np.arange(len(sparse)) % 50 != 7))  # a feature dropout
    filled = Forecaster(**ALONE, fill="interpolate").fit(gappy, target="y", features=["a", "b"])
    plain = Forecaster(**ALONE).fit(sparse, target="y", features=["a", "b"])
    assert filled.evaluate(gappy)["scored"]["filled_targets"] == plain.evaluate(sparse)["scored"]["filled_targets"]
    windows = filled.predict_windows(gappy)
    assert np.isnan(windows.y_true[windows.filled]).all()  # a blank label stays blank, not made by the fill
    assert np.isfinite(filled.predict(sensor.tail(20))["y"]).all()


def test_filled_target_inputs_leave_no_window_out_as_a_leak(sensor):
    """The target is no input: a window whose unread target inputs were filled from later labels is scored; a filled
    label is still not scored as an actual, and a model reading the target still leaves such windows out."""
    sparse = _sparse(sensor).iloc[:-1]
    model = Forecaster(**ALONE, fill="interpolate").fit(sparse, target="y", features=["a", "b"])
    scored = model.evaluate(sparse, part="all")["scored"]
    assert scored["windows_left_out"] == 0 and scored["filled_targets"] == 57
    assert scored["windows_scored"] == len(sparse) - 6 - scored["filled_targets"]
    windows = model.predict_windows(sparse)
    assert not windows.reads_later.any() and windows.filled.sum() == 57
    reading = Forecaster(**{**ALONE, "target_input": True}, fill="interpolate").fit(sparse, target="y",
                                                                                      features=["a", "b"])
    assert reading.evaluate(sparse, part="all")["scored"]["windows_left_out"] > 0


def test_a_filled_feature_from_a_later_row_still_leaves_its_window_out(sensor):
    gappy = sensor.assign(a=sensor["a"].where(np.arange(len(sensor)) % 10 != 5))
    model = Forecaster(**ALONE, fill="interpolate").fit(gappy, target="y", features=["a", "b"])
    assert model.evaluate(gappy, part="all")["scored"]["windows_left_out"] > 0


@pytest.mark.parametrize("fill", [None, "interpolate"])
def test_evaluate_of_rows_without_a_target_at_the_end_says_they_are_predicted(sensor, fill, caplog):
    """Not "rows appended to the history ... fit with --future-covariates": a model of the features alone scores
    the rows with a label, and says the last rows without one cannot be scored, and are predicted."""
    model = Forecaster(**ALONE, fill=fill).fit(sensor, target="y", features=["a", "b"])
    tail = sensor.assign(y=sensor["y"].where(np.arange(len(sensor)) < len(sensor) - 5))
    scored = model.evaluate(tail)["scored"]
    assert scored["filled_targets"] == 5
    assert "the last 5 rows have no value of y: rows without a label cannot be scored" in caplog.text
    assert "forecasts them from the features before them" in caplog.text and "future-covariates" not in caplog.text


def test_the_advice_for_rows_without_a_target_at_the_end_forecasts_those_rows(sensor, tmp_path, capsys, caplog):
    """A tester's finding: the advice was "predict them (rnncast predict RUN DATA)", which forecasts the rows after the
    data's end. The advised command, run: predict of the data ending at its last labelled row forecasts the rows
    without a label; predict_windows of the data forecasts windows ending at them."""
    from rnncast.cli import main

    model = Forecaster(**{**ALONE, "horizon": 5}).fit(sensor, target="y", features=["a", "b"])
    tail = sensor.assign(y=sensor["y"].where(np.arange(len(sensor)) < len(sensor) - 5))
    model.evaluate(tail)
    said = caplog.text.split("DATA ending at its last labelled row (")[1]
    last = pd.Timestamp(said.split(")")[0])
    assert last == tail["time"].iloc[-6] and "forecasts these rows" in said
    model.save(tmp_path / "model")
    tail[tail["time"] <= last].to_csv(tmp_path / "cut.csv", index=False)
    capsys.readouterr()
    main(["predict", str(tmp_path / "model"), str(tmp_path / "cut.csv")])
    forecast = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out), parse_dates=["time"])
    assert list(forecast["time"]) == list(tail["time"].tail(5))
    windows = model.predict_windows(tail)
    assert windows.times[-1][-1] == tail["time"].iloc[-1] and windows.filled[-1].all()
    assert np.isnan(windows.y_true[-1]).all() and np.isnan(windows.y_true[windows.filled]).all()  # blank, not stood in
    assert np.isfinite(windows.y_true[~windows.filled]).all()
    np.testing.assert_allclose(windows.y_pred[-1, :, 0], forecast["y"], rtol=1e-5)  # the same forecast


def test_blank_features_at_evaluate_are_refused_as_features(fitted, sensor):
    """Not "reads every value as given" of the target: the model reads the features as given, its labels never."""
    gappy = sensor.assign(a=sensor["a"].where(np.arange(len(sensor)) != len(sensor) - 3))
    with pytest.raises(RnncastError, match=r"reads every feature's value as given \(a blank label, never read"):
        fitted.evaluate(gappy)


def test_predict_windows_needs_no_target(fitted, sensor):
    """As predict: the forecasts of data without the target are those of the data with it; its actuals are blank."""
    with_it = fitted.predict_windows(sensor.tail(40))
    without = fitted.predict_windows(sensor.tail(40).drop(columns="y"))
    np.testing.assert_array_equal(with_it.y_pred, without.y_pred)
    assert list(with_it.time) == list(without.time)
    assert np.isnan(without.y_true).all() and np.isfinite(with_it.y_true).all()
    assert np.isnan(without.baselines["repeat"]).all()
    np.testing.assert_array_equal(with_it.baselines["mean"], without.baselines["mean"])


def test_predict_windows_of_a_wide_table_without_its_series_columns(sensor):
    wide = sensor.rename(columns={"y": "s1"}).assign(s2=sensor["y"] * 0.5)
    model = Forecaster(**ALONE).fit(wide, series=["s1", "s2"], features=["a", "b"])
    with_them = model.predict_windows(wide.tail(30))
    without = model.predict_windows(wide.tail(30).drop(columns=["s1", "s2"]))
    np.testing.assert_array_equal(with_them.y_pred, without.y_pred)
    assert np.isnan(without.y_true).all()


def test_a_backtest_takes_blank_labels_without_a_fill(sensor):
    """Read as fit reads them (``DataSettings.reading``'s labels_only): its windows train and score on the labels
    given, where a blank label was refused as a missing value."""
    done = Forecaster(**{**ALONE, "epochs": 1}).backtest(_sparse(sensor), n_windows=2, target="y", features=["a", "b"])
    assert done.metrics["scored"]["filled_targets"] == 1 and np.isfinite(done.metrics["overall"]["model"]["mse"])


def test_the_readmes_python_block_of_the_regression_path_runs(tmp_path, monkeypatch):
    """t33t3: the README's regression path had a shell line only; its Python block (decision 1632) runs as written,
    here on 300 rows and 1 epoch (as written: R² 1.000 on the tutorial's 1,000 rows)."""
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    at = readme.index("frame = datasets.aligned_regression()")
    block = readme[readme.rindex("```python\n", 0, at) + len("```python\n"):readme.index("```", at)]
    block = block.replace("aligned_regression()", "aligned_regression(n=300)").replace("seed=0)", "seed=0, epochs=1)")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {"print": lambda *a: None})
    assert (tmp_path / "forecast.png").stat().st_size > 0

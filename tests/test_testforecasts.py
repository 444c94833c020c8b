"""A run's test windows as a table (``testforecasts.py``, the run folder's test_forecasts.csv): every value the test
scores rest on, in original units, one row per series, window and step, for one series, many (long and wide), rows
numbered without time, quantiles and values fill made."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster
from rnncast.report import write_run
from rnncast.testforecasts import FILE, table as run_table


def _table(model, data) -> pd.DataFrame:
    return run_table(model.state_, model.part_forecasts(data, "test"))


@pytest.fixture(autouse=True)
def _quiet():
    logging.disable(logging.WARNING)  # the tiny fits' notes (undertrained, columns not used) are not what is tested
    yield
    logging.disable(logging.NOTSET)


def test_a_runs_folder_holds_every_test_window_as_its_scores_read_them(tmp_path):
    frame = make_frame(120)
    model = Forecaster(**TINY, quantiles=(0.1, 0.5, 0.9)).fit(frame, target="y")
    metrics = write_run(tmp_path, model, frame)
    table = pd.read_csv(tmp_path / FILE, parse_dates=["date", "cutoff"])
    windows = model.predict_windows(frame, part="test")
    assert list(table.columns) == ["date", "cutoff", "step_ahead", "y", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9",
                                   "y_repeat", "y_repeat_q0.1", "y_repeat_q0.5", "y_repeat_q0.9",
                                   "y_mean", "y_mean_q0.1", "y_mean_q0.5", "y_mean_q0.9"]  # the baselines' intervals
    for name in ("repeat", "mean"):  # their pinball loss as metrics.json's, from the file alone
        loss = np.mean([np.mean(np.maximum(q * (d := table["y"] - table[f"y_{name}_q{q:g}"]), (q - 1) * d))
                        for q in (0.1, 0.5, 0.9)])
        assert loss == pytest.approx(metrics["test"]["original"][name]["pinball"], rel=1e-5)
    assert len(table) == windows.y_true.size == metrics["test"]["windows"] * 3  # every window, every step
    assert np.allclose(table["y_hat"], windows.y_pred.reshape(-1)) and np.allclose(table["y"], windows.y_true.reshape(-1))
    mae = np.mean(np.abs(table["y"] - table["y_hat"]))
    assert mae == pytest.approx(json.loads((tmp_path / "metrics.json").read_text())["test"]["original"]["model"]["mae"])
    assert table["step_ahead"].tolist()[:6] == [1, 2, 3, 1, 2, 3]
    hours = (table["date"] - table["cutoff"]) / pd.Timedelta("1h")
    assert (hours == table["step_ahead"]).all()  # the step after the cutoff, on the hourly calendar
    assert table["date"].iloc[-1] == frame["date"].iloc[-1]  # the last test window ends with the data
    assert FILE in (tmp_path / "report.html").read_text()  # the page says where the values are
    written = pd.read_csv(tmp_path / FILE, dtype=str)  # the network's float32 as its shortest decimal, as predict's
    digits = written[["y_hat", "y_q0.1", "y_q0.9", "y_repeat_q0.1", "y_mean_q0.9"]].stack().str.replace(  # baselines' too
        r"[-.]|e.*", "", regex=True).str.lstrip("0")
    assert digits.str.len().max() <= 9


def test_original_units_not_the_scalers():
    frame = make_frame(120)
    frame["y"] = frame["y"] * 1000 + 5000
    model = Forecaster(**TINY).fit(frame, target="y")
    table = _table(model, frame)
    assert table["y"].min() > 3000 and table["y_hat"].min() > 3000


def test_many_series_long_and_wide_name_each_series_as_the_data_does():
    long = make_panel(3, seed=1).rename(columns={"unique_id": "store", "ds": "day", "y": "sales"})
    model = Forecaster(**TINY).fit(long, target="sales", id_col="store", time_col="day")
    table = _table(model, long)
    assert list(table.columns)[:4] == ["store", "day", "cutoff", "step_ahead"]
    assert set(table["store"]) == set(long["store"]) and "sales_hat" in table
    for store, rows in table.groupby("store"):  # each series' rows are its own values at their times
        own = long[long["store"] == store].set_index("day")["sales"]
        assert np.allclose(own.loc[rows["day"]].to_numpy(), rows["sales"].to_numpy(), atol=1e-5)
    wide = long.pivot(index="day", columns="store", values="sales").reset_index()
    model = Forecaster(**TINY).fit(wide, series="all")
    table = _table(model, wide)
    assert list(table.columns)[:4] == ["unique_id", "day", "cutoff", "step_ahead"] and "y_hat" in table  # predict's


def test_rows_numbered_without_time_are_the_tables_rows():
    frame = make_frame(120, time=False)
    table = _table(Forecaster(**TINY).fit(frame, target="y"), frame)
    assert list(table.columns)[:3] == ["row", "cutoff", "step_ahead"]
    assert (table["row"] - table["cutoff"] == table["step_ahead"]).all()
    assert np.allclose(frame["y"].to_numpy()[table["row"]], table["y"])


def test_values_fill_made_are_marked_as_the_scores_leave_them_out():
    frame = make_frame(140)
    frame.loc[130, "y"] = np.nan
    model = Forecaster(**TINY, fill="interpolate").fit(frame, target="y")
    table = _table(model, frame)
    assert table["y_filled"].sum() == 3  # the made value, at each of its three steps ahead
    assert set(table.loc[table["y_filled"], "date"]) == {frame["date"][130]}
    assert "left_out" in table and table["left_out"].dtype == bool


def test_the_training_mean_is_written_at_the_forecasts_resolution_not_float64s_17_digits(tmp_path):
    """A newcomer's test_forecasts.csv wrote sales_mean 120.84285714285713 where the backtest's forecasts.csv wrote
    the same baseline at the forecasts' resolution (123.222826)."""
    frame = make_frame(120).assign(y=lambda f: (f["y"] * 7 + 120).round(1))
    model = Forecaster(**TINY).fit(frame, target="y")
    write_run(tmp_path, model, frame)
    written = (tmp_path / FILE).read_text().splitlines()[1].split(",")[-1]  # the y_mean column
    whole = float(np.mean(frame["y"].to_numpy()[: model.state_.splits[0].val_end]))  # before the cutoff (decision 2174)
    assert len(written.split(".")[-1]) < 12 and abs(float(written) - whole) < 1e-4 * max(abs(whole), 1.0), written


def test_a_date_the_data_lacks_is_written_at_its_date_with_a_blank_actual():
    """stepactuals: a test window forecasting a missing day writes that day, its actual blank, not the next row's."""
    frame = make_frame(200, freq="D", feature=False)
    gapped = frame.drop(index=[185])
    model = Forecaster(**{**TINY, "test_frac": 0.2}).fit(gapped, target="y")
    table = _table(model, gapped)
    lacking = table[table.date == frame.date[185]]
    assert len(lacking) == TINY["horizon"] and lacking.y.isna().all() and "y_filled" not in table  # made by no fill
    kept = table[table.y.notna()]
    np.testing.assert_allclose(kept.y.to_numpy(), frame.set_index("date").y[kept.date].to_numpy(), rtol=1e-6)


def test_the_shortest_decimals_found_a_few_windows_at_a_time_are_those_found_at_once(monkeypatch):
    """table found every forecast's shortest decimal in one pass (~100 bytes a value held: 400 MB at 3.9 M rows) and
    the training mean's at every step of its flat [W, H, T] view; now PIECE windows at a time, the mean once a window
    (decision 1604): the same table, for a panel of quantile forecasts, a nonnegative model's point forecasts too."""
    import hashlib

    from rnncast.csvtext import csv_text

    frame = make_panel(3, lengths=(90, 110), scales=(0.1, 100.0), seed=4)
    for settings in ({"quantiles": (0.1, 0.5, 0.9)}, {"nonnegative": True}):
        model = Forecaster(**TINY, **settings).fit(frame)
        test = model.part_forecasts(frame, "test")
        assert test.original.baselines["mean"].strides[1] == 0  # a view of one value a window
        whole = run_table(model.state_, test)
        monkeypatch.setattr("rnncast.testforecasts.PIECE", 3)
        pieces = run_table(model.state_, test)
        monkeypatch.undo()
        assert len(test.original.y_pred) > 3 and pieces.columns.equals(whole.columns)
        pd.testing.assert_frame_equal(pieces, whole, check_exact=True)
        assert hashlib.md5(csv_text(pieces, file=True).encode()).digest() == hashlib.md5(
            csv_text(whole, file=True).encode()).digest()


def test_the_climatology_column_is_written_at_the_forecasts_resolution_as_the_mean_is():
    """r33r1 3: y_climatology read 25.2666666667 (ten decimals) beside y_mean 15.340176 (decision 1635)."""
    rng = np.random.default_rng(0)
    time = pd.date_range("2015-01-01", "2018-12-31", freq="D")
    y = np.round(15 + 10 * np.sin(2 * np.pi * time.day_of_year / 365.25) + rng.normal(0, 1, len(time)), 1)
    model = Forecaster(**{**TINY, "epochs": 1}, max_batches=1).fit(pd.DataFrame({"date": time, "y": y}), target="y",
                                                                   time_col="date")
    frame = model.part_forecasts(pd.DataFrame({"date": time, "y": y}), "test").to_frame()
    digits = lambda v: len(repr(float(v)).replace(".", "").strip("0"))  # noqa: E731  significant digits written
    assert frame["y_climatology"].map(digits).max() <= 9 and frame["y_mean"].map(digits).max() <= 9
    assert np.allclose(frame["y_climatology"], model.part_forecasts(pd.DataFrame({"date": time, "y": y}), "test")
                       .original.baselines["climatology"][:, :, 0].reshape(-1), rtol=1e-6)


def test_the_windows_tables_keep_a_categorical_or_int64_id_dtype_as_predict_does():
    """Decision 1869: predict_windows(...).to_frame() and part_forecasts(...).to_frame() gave category and Int64 ids
    as object, though predict and backtest keep them (decision 240); they keep the id dtype now, categories too."""
    long = make_panel(3, seed=1)
    codes = {k: v for k, v in zip(sorted(long["unique_id"].unique()), (3, 7, 11))}
    for dtype in (pd.CategoricalDtype([11, 7, 3, 99], ordered=True), "Int64"):
        data = long.assign(unique_id=long["unique_id"].map(codes).astype(dtype))
        model = Forecaster(**{**TINY, "epochs": 1}).fit(data, target="y")
        for frame in (model.predict_windows(data, part="test").to_frame(), model.part_forecasts(data, "test").to_frame()):
            assert frame["unique_id"].dtype == data["unique_id"].dtype == model.predict(data)["unique_id"].dtype
            assert set(frame["unique_id"]) == {3, 7, 11}


def test_a_quantile_models_point_forecast_is_written_as_its_median_column_is(tmp_path):
    """t39t2 9 (decision 2125): test_forecasts.csv wrote the median twice to different decimals, 'sales_hat'
    20.4988795 beside 'sales_q0.5' 20.49888 (the quantiles to their bands' place, the point forecast to its own); a
    user checking y_hat == y_q0.5 found rows that differ. Both are now the same text, as predict's file writes them."""
    frame = make_frame(400)
    frame["y"] = 50 + 20 * frame["y"]  # a level far from 0: the median gets digits its bands lack
    model = Forecaster(**TINY, quantiles=(0.05, 0.5, 0.95)).fit(frame, target="y")
    write_run(tmp_path, model, frame)
    written = pd.read_csv(tmp_path / FILE, dtype=str)
    assert (written["y_hat"] == written["y_q0.5"]).all()
    windows = model.predict_windows(frame, part="test")  # the values scored, within float32's noise of the text
    assert np.allclose(written["y_hat"].astype(float), windows.y_pred.reshape(-1), rtol=1e-6)


def test_text_ids_are_str_as_predict_and_backtest_give_them():
    """t41-t5 L2: predict_windows(...).to_frame() gave text ids as object beside predict's str (decision 2234)."""
    frame = make_panel(2, lengths=(60, 60), seed=3)
    model = Forecaster(**TINY).fit(frame)
    assert model.predict_windows(frame, part="test").to_frame()["unique_id"].dtype == model.predict(frame)["unique_id"].dtype == "str"

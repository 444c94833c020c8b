"""A series key of several columns (``serieskeys.py``, decision 1031): ``id_col=['item_id', 'store_id']`` and
``--id-col item_id,store_id`` were refused with a pandas line joining them into a made-up ``uid``; now they are read
as one internal id and every output carries item_id and store_id again, with their dtypes."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from rnncast import serieskeys
from rnncast.errors import RnncastError
from rnncast.forecaster import Forecaster
from rnncast.loading import load_panel

KEY = ["item_id", "store_id"]
SMALL = dict(lookback=6, horizon=3, epochs=1, hidden_size=4, batch_size=32, seed=0)


def _m5(days: int = 40) -> pd.DataFrame:
    """Two items in two stores (store_id integers), daily sales and a price known ahead."""
    rng = np.random.default_rng(0)
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    return pd.concat([pd.DataFrame({"item_id": item, "store_id": store, "date": dates,
                                    "price": rng.normal(size=days).round(3),
                                    "sales": (10 + k + np.sin(np.arange(days) / 4) + rng.normal(0, 0.1, days)).round(3)})
                      for k, (item, store) in enumerate((i, s) for i in ("A", "B") for s in (1, 2))], ignore_index=True)


def _future(data: pd.DataFrame, horizon: int = 3) -> pd.DataFrame:
    dates = pd.date_range(data["date"].max() + pd.Timedelta(days=1), periods=horizon, freq="D")
    return pd.DataFrame([(i, s, d, 0.5) for i in ("A", "B") for s in (1, 2) for d in dates], columns=[*KEY, "date", "price"])


# ---- the key as handed over --------------------------------------------------------------------

@pytest.mark.parametrize("given", [KEY, tuple(KEY), "item_id,store_id", "item_id, store_id", '"item_id",store_id'])
def test_a_key_is_read_from_a_list_a_tuple_or_comma_separated_text(given):
    assert serieskeys.parts(given, ["item_id", "store_id", "date", "sales"]) == KEY


def test_one_column_stays_one_column_a_comma_in_its_name_included():
    assert serieskeys.parts("item_id", KEY) is None
    assert serieskeys.parts("a,b", ["a,b", "a", "b"]) is None  # the column so named, not a key of a and b
    assert serieskeys.parts(("a", "b"), pd.MultiIndex.from_tuples([("a", "b"), ("c", "d")])) is None  # a label
    assert serieskeys.parts(("a", "b"), ["('a', 'b')", "a", "b"]) is None  # that label as a read table's text
    assert serieskeys.parts(("a", "x"), ["a", "b"]) is None  # a tuple naming no key: a label, "not found" whole
    assert serieskeys.parts(["a", "store, city"], ["a", "store, city"]) == ["a", "store, city"]
    assert serieskeys.parts('a,"store, city"', ["a", "store, city"]) == ["a", "store, city"]

    assert serieskeys.read_as_text('a,"store, city"') == ['a,"store, city"', "a", "store, city"]  # as column_names reads it
    assert serieskeys.collapsed(["a", "store, city", "y"], 'a,"store, city"') == ['a,"store, city"', "y"]
    assert serieskeys.read_as_text('a,"b') == ['a,"b', 'a,"b']  # broken quoting: the one name as given

@pytest.mark.parametrize("given, message", [
    (["item_id", "shop"], r"^id column 'shop' of the key \['item_id', 'shop'\] not found among the columns of the "
                          r"data: \["),
    (["item_id", "item_id"], r"^id_col names the column 'item_id' twice"),
    ("item_id,shop", r"^id column 'shop' of the key \['item_id', 'shop'\] not found"),
    (["item_id"], r"^id_col takes one column name as text or a list of several, got \['item_id'\]: give "
                  r"id_col='item_id' \(--id-col item_id\)$"),
    ({"item_id", "store_id"}, r"^id_col= \(--id-col\) is a set, which has no order, .* give the names as a list: "
                              r"\['item_id', 'store_id'\]$"),  # was "id column \"{'item_id', 'store_id'}\" not found"
])
def test_what_cannot_be_a_key_is_refused_by_name_in_one_line(given, message):
    with pytest.raises(RnncastError, match=message):
        load_panel(_m5(), target="sales", id_col=given)


def test_a_key_column_with_a_blank_is_refused_naming_it_and_its_row(tmp_path):
    data = _m5().astype({"store_id": float})
    data.loc[7, "store_id"] = np.nan
    with pytest.raises(RnncastError, match=r"^id column 'store_id' of the data is empty at row 7; every row needs "
                                           r"its series' key"):
        load_panel(data, target="sales", id_col=KEY)
    data.to_csv(tmp_path / "m5.csv", index=False)
    with pytest.raises(RnncastError, match=r"^id column 'store_id' of the data is empty at line 9 of "):
        load_panel(tmp_path / "m5.csv", target="sales", id_col=KEY)


# ---- one id within, the columns without ------------------------------------------------------

def test_the_panel_names_each_series_by_its_key_and_split_gives_the_columns_back_with_their_dtypes():
    data = _m5().astype({"item_id": "category"})
    panel = load_panel(data, target="sales", id_col=KEY)
    assert panel.ids == ["item_id=A, store_id=1", "item_id=A, store_id=2", "item_id=B, store_id=1",
                         "item_id=B, store_id=2"]
    frame = pd.DataFrame({panel.id_col: panel.ids, "y_hat": [1.0, 2.0, 3.0, 4.0]})
    out = panel.key.split(frame)
    assert list(out.columns) == [*KEY, "y_hat"]
    assert out["store_id"].tolist() == [1, 2, 1, 2] and out["store_id"].dtype == np.int64
    assert isinstance(out["item_id"].dtype, pd.CategoricalDtype)
    assert panel.key.matches(out, "item_id=B, store_id=1").tolist() == [False, False, True, False]


def test_each_row_is_named_by_its_own_series_where_the_series_rows_interleave():
    data = pd.DataFrame({"item_id": pd.Categorical(["B", "A", "B", "A", "A"], categories=["A", "B", "C"]),
                         "store_id": [1, 2, 2, 2, 1], "sales": [1.0, 2.0, 3.0, 4.0, 5.0]})
    out, key = serieskeys.joined(data, KEY)
    assert out["item_id,store_id"].tolist() == ["item_id=B, store_id=1", "item_id=A, store_id=2", "item_id=B, store_id=2",
                                                "item_id=A, store_id=2", "item_id=A, store_id=1"]
    assert list(key.rows.index) == ["item_id=B, store_id=1", "item_id=A, store_id=2", "item_id=B, store_id=2",
                                    "item_id=A, store_id=1"]  # in the order first seen, one row each
    assert key.rows.loc["item_id=A, store_id=1"].tolist() == ["A", 1] and out["sales"].tolist() == data["sales"].tolist()

def test_a_static_table_keyed_by_part_of_the_key_applies_to_every_series_of_that_part():
    stores = pd.DataFrame({"store_id": [1, 2], "size": [100.0, 250.0]})
    panel = load_panel(_m5(), target="sales", id_col=KEY, static_covariates=stores)
    whole = load_panel(_m5(), target="sales", id_col=KEY, static_covariates=pd.DataFrame(
        {"item_id": ["A", "A", "B", "B"], "store_id": [1, 2, 1, 2], "size": [100.0, 250.0, 100.0, 250.0]}))
    assert np.array_equal(panel.static.numeric, whole.static.numeric)
    assert panel.static.numeric[:, 0].tolist() == [100.0, 250.0, 100.0, 250.0]


# ---- end to end ----------------------------------------------------------------------------

def test_fit_predict_evaluate_backtest_with_a_key_of_two_columns_give_those_columns_back(tmp_path):
    data = _m5()
    stores = pd.DataFrame({"store_id": [1, 2], "size": [100.0, 250.0]})
    model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col=KEY, future_covariates=["price"],
                                    static_covariates=stores)
    forecast = model.predict(data, future=_future(data))
    assert list(forecast.columns) == [*KEY, "date", "cutoff", "step_ahead", "sales_hat"] and forecast["store_id"].dtype == np.int64
    assert sorted(set(zip(forecast["item_id"], forecast["store_id"]))) == [("A", 1), ("A", 2), ("B", 1), ("B", 2)]
    scores = model.evaluate(data, part="all", by_series=True)
    assert sorted(scores["series"]) == [("A", 1), ("A", 2), ("B", 1), ("B", 2)]
    one = model.predict_windows(data, series=("B", 2), static_covariates=None)  # a series by its key's values
    assert one.ids == ["item_id=B, store_id=2"]
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.id_col_ == KEY and loaded.state_.id_col == "item_id,store_id"  # the list; model.json its text
    pd.testing.assert_frame_equal(loaded.predict(data, future=_future(data)), forecast)
    with pytest.raises(RnncastError, match=r"^id column 'store_id' of the key \['item_id', 'store_id'\] not found among the "
                                           r"columns of the data"):
        loaded.predict(data.drop(columns="store_id"), future=_future(data))
    with pytest.raises(RnncastError, match=r"^id column 'item_id' of the key \['item_id', 'store_id'\] not found among the "
                                           r"columns of the future values"):
        loaded.predict(data, future=_future(data).drop(columns=KEY))  # a future table of no key column
    backtest = Forecaster(**SMALL).backtest(data, n_windows=2, target="sales", time_col="date", id_col=tuple(KEY))
    assert list(backtest.forecasts.columns[:3]) == [*KEY, "date"] and backtest.forecasts["store_id"].dtype == np.int64
    assert not any(c.startswith("item_id,") or c == "uid" for c in backtest.forecasts.columns)


def test_the_command_line_takes_the_key_comma_separated_and_writes_its_columns(tmp_path, capsys):
    from rnncast.cli import main

    path, stores, future = tmp_path / "m5.csv", tmp_path / "stores.csv", tmp_path / "future.csv"
    _m5().to_csv(path, index=False)
    _future(_m5()).to_csv(future, index=False)
    stores.write_text("store_id,size\n1,100\n2,250\n")  # keyed by part of the key; its 1 a number, the data's text
    flags = ["--target", "sales", "--time-col", "date", "--id-col", "item_id,store_id", "--lookback", "6",
             "--horizon", "3", "--epochs", "1", "--hidden-size", "4", "--future-covariates", "price", "--static",
             str(stores)]
    assert main(["fit", str(path), *flags, "--out", str(tmp_path / "run")]) == 0
    assert main(["predict", str(tmp_path / "run"), str(path), "--future", str(future), "--out", str(tmp_path / "f.csv")]) == 0
    assert main(["evaluate", str(tmp_path / "run"), str(path), "--by-series-csv", str(tmp_path / "s.csv")]) == 0
    assert main(["backtest", str(path), *flags, "--n-windows", "2", "--out", str(tmp_path / "bt")]) == 0
    for written in ("f.csv", "s.csv", "run/test_forecasts.csv", "bt/forecasts.csv"):
        header = (tmp_path / written).read_text().splitlines()[0]
        assert header.startswith("item_id,store_id,"), written
        assert "item_id=" not in (tmp_path / written).read_text(), written
    again = ["--overwrite"]  # the files written with the key's columns are told as ours, and replaced
    assert main(["predict", str(tmp_path / "run"), str(path), "--future", str(future), "--static", str(stores),
                 "--out", str(tmp_path / "f.csv"), *again]) == 0
    assert main(["evaluate", str(tmp_path / "run"), str(path), "--by-series-csv", str(tmp_path / "s.csv"), *again]) == 0
    capsys.readouterr()
    _m5().drop(columns="store_id").to_csv(tmp_path / "no_store.csv", index=False)
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "no_store.csv"), "--future", str(future)]) == 2
    err = capsys.readouterr().err
    assert "id column 'store_id' of the key ['item_id', 'store_id'] not found" in err and "Traceback" not in err


def test_the_command_line_reads_an_id_column_named_with_a_comma_as_that_column(tmp_path):
    from rnncast.cli import main

    data = _m5().assign(**{"item,store": lambda d: d["item_id"] + "_" + d["store_id"].astype(str)})
    data.drop(columns=KEY).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "sales", "--time-col", "date", "--id-col", "item,store",
                 "--lookback", "6", "--horizon", "3", "--epochs", "1", "--out", str(tmp_path / "run")]) == 0
    assert (tmp_path / "run" / "test_forecasts.csv").read_text().startswith('"item,store",')


# ---- the order of the series (decision 1072) ----------------------------------------------------

def _stores(stores=(10, 2, 1), days: int = 30) -> pd.DataFrame:
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    return pd.concat([pd.DataFrame({"item_id": i, "store_id": s, "date": dates, "sales": np.arange(float(days)) + s})
                      for i in ("B", "A") for s in stores], ignore_index=True)


@pytest.mark.parametrize("as_file", [False, True])
def test_series_of_a_key_are_ordered_by_the_values_of_its_columns_as_one_id_column_is(tmp_path, as_file):
    data = _stores()
    if as_file:  # a file's key columns are read as text: its whole numbers still in number order
        data.to_csv(tmp_path / "d.csv", index=False)
        data = tmp_path / "d.csv"
    one = load_panel(_stores().query("item_id == 'A'"), target="sales", id_col="store_id")
    assert one.ids == ["1", "2", "10"]
    panel = load_panel(data, target="sales", id_col=KEY)
    assert panel.ids == [f"item_id={i}, store_id={s}" for i in "AB" for s in (1, 2, 10)]
    assert load_panel(data, target="sales", id_col=["store_id", "item_id"]).ids == [
        f"store_id={s}, item_id={i}" for s in (1, 2, 10) for i in "AB"]


def test_a_key_of_dates_and_floats_is_ordered_by_time_and_number():
    data = _stores((10, 2, 1)).assign(opened=lambda d: pd.Timestamp("2023-12-25") + pd.to_timedelta(-d["store_id"], "D"),
                                       size=lambda d: d["store_id"] * 1.5)
    panel = load_panel(data.drop(columns="store_id"), target="sales", time_col="date", id_col=["size", "item_id"])
    assert [i.split(",")[0] for i in panel.ids] == ["size=1.5", "size=1.5", "size=3", "size=3", "size=15", "size=15"]
    order = load_panel(data.drop(columns=["store_id", "size"]), target="sales", time_col="date", id_col=["opened", "item_id"])
    assert [i.split(",")[0][7:17] for i in order.ids[::2]] == ["2023-12-15", "2023-12-23", "2023-12-24"]


def test_forecasts_of_a_key_list_its_series_in_that_order_at_fit_and_predict():
    data = _stores()
    model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col=KEY)
    forecast = model.predict(data)
    assert list(dict.fromkeys(zip(forecast["item_id"], forecast["store_id"]))) == [
        (i, s) for i in "AB" for s in (1, 2, 10)]
    assert list(model.evaluate(data, part="all", by_series=True)["series"]) == [(i, s) for i in "AB" for s in (1, 2, 10)]


# ---- a future table keyed by part of the key (decision 1073) -----------------------------------

def test_a_future_table_keyed_by_part_of_the_key_applies_to_every_series_of_that_part(tmp_path, caplog):
    data = _m5()
    model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col=KEY, future_covariates=["price"])
    whole = _future(data).assign(price=lambda d: np.where(d["item_id"] == "A", 0.5, 2.0))
    by_item = whole.drop(columns="store_id").drop_duplicates(["item_id", "date"])  # a price per item, every store
    expected = model.predict(data, future=whole)
    pd.testing.assert_frame_equal(model.predict(data, future=by_item), expected)
    by_item.to_csv(tmp_path / "price.csv", index=False)
    pd.testing.assert_frame_equal(model.predict(data, future=tmp_path / "price.csv"), expected)
    by_store = whole.drop(columns="item_id").drop_duplicates(["store_id", "date"]).assign(price=0.5)  # a flag per store
    assert len(model.predict(data, future=by_store)) == 12
    with caplog.at_level("WARNING"):  # an item the data lacks: said, not dropped in silence
        model.predict(data, future=pd.concat([by_item, by_item.head(1).assign(item_id="Z")]))
    assert "the future values holds 1 row(s) of item_id=Z, which no series of the data has" in caplog.text


def test_a_future_table_keyed_by_part_of_the_key_with_two_rows_of_one_part_and_time_is_refused(tmp_path):
    data = _m5()
    model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col=KEY, future_covariates=["price"])
    twice = _future(data).drop(columns="store_id")  # item A's price at each date twice (it was per store)
    with pytest.raises(RnncastError, match=r"^the future values list series 'item_id=A, store_id=1' at 2024-02-10 twice"):
        model.predict(data, future=twice)
    twice.to_csv(tmp_path / "twice.csv", index=False)
    with pytest.raises(RnncastError, match=r"^the future values list .* twice"):
        model.predict(data, future=tmp_path / "twice.csv")
    blank = _future(data).drop(columns="store_id").drop_duplicates(["item_id", "date"]).reset_index(drop=True)
    blank.loc[4, "price"] = np.nan
    blank.to_csv(tmp_path / "blank.csv", index=False)  # its line named as written, not as the rows were repeated
    with pytest.raises(RnncastError, match=r"leave 'price' blank for series 'item_id=B, store_id=1' at 2024-02-11 "
                                           r"\(line 6 of "):
        model.predict(data, future=tmp_path / "blank.csv")


# ---- the key written out as its columns (decision 1074) -----------------------------------------

def _with_short(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with item C in store 3, too short to train."""
    return pd.concat([data, pd.DataFrame({"item_id": "C", "store_id": 3, "date": pd.date_range("2024-01-01", periods=5),
                                          "price": 0.0, "sales": 1.0})], ignore_index=True)


def test_skipped_series_and_id_col_name_a_key_by_its_columns_in_python(tmp_path):
    data = _with_short(_m5())
    model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col=KEY)
    assert model.id_col_ == KEY
    assert model.skipped_series_ == [{"id": ("C", 3), "rows": 5, "needed": 26}]  # its dtypes, as evaluate's series
    untrained = model.evaluate(data, part="all", by_series=True)["scored"]["not_trained"]["series"]
    assert [d["id"] for d in untrained] == [("C", 3)]
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.id_col_ == KEY and loaded.skipped_series_[0]["id"] == ("C", 3)  # after load too (1196)


def test_json_outputs_name_a_keys_series_by_its_columns_and_one_id_runs_stay_as_they_were(tmp_path, capsys):
    import json

    from rnncast.cli import main

    path = tmp_path / "m5.csv"
    _with_short(_m5()).to_csv(path, index=False)
    flags = ["--target", "sales", "--time-col", "date", "--id-col", "item_id,store_id", "--lookback", "6",
             "--horizon", "3", "--epochs", "1", "--hidden-size", "4"]
    assert main(["fit", str(path), *flags, "--out", str(tmp_path / "run")]) == 0
    skipped = [{"id": {"item_id": "C", "store_id": 3}, "rows": 5, "needed": 26}]  # the file's ints as ints (1135)
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["run"]["id_col"] == KEY and config["series"]["skipped_as_too_short"] == skipped
    assert json.loads((tmp_path / "run" / "metrics.json").read_text())["skipped_series"] == [
        {**skipped[0], "reason": "too short to train"}]  # with its reason (decision 1524)
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "run"), str(path), "--json", "--by-series"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in result["series"]] == [{"item_id": i, "store_id": s} for i in "AB" for s in (1, 2)]
    assert result["id_col"] == KEY  # the key's columns (decision 1134)
    assert "mse" in result["series"][0]["model"]
    assert result["scored"]["not_trained"]["series"] == [{**skipped[0], "reason": "too short to train"}]  # as fit's (decision 1558)
    assert main(["backtest", str(path), *flags, "--n-windows", "2", "--out", str(tmp_path / "bt")]) == 0
    config = json.loads((tmp_path / "bt" / "config.json").read_text())
    assert config["run"]["id_col"] == config["data"]["id_col"] == KEY  # one form (decision 1133)
    assert json.loads((tmp_path / "bt" / "metrics.json").read_text())["skipped_series"][0]["id"] == skipped[0]["id"]
    one = tmp_path / "one.csv"  # one id column: its text, as before
    _with_short(_m5()).query("item_id != 'B'").drop(columns="item_id").to_csv(one, index=False)
    assert main(["fit", str(one), *flags[:4], "--id-col", "store_id", *flags[6:], "--out", str(tmp_path / "r1")]) == 0
    config = json.loads((tmp_path / "r1" / "config.json").read_text())
    assert config["run"]["id_col"] == "store_id" and config["series"]["skipped_as_too_short"][0]["id"] == 3
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "r1"), str(one), "--json", "--by-series"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert list(result["series"]) == ["1", "2"] and result["id_col"] == "store_id"  # JSON's keys are text
    assert result["scored"]["not_trained"]["series"] == [{"id": 3, "rows": 5, "needed": 26, "reason": "too short to train"}]


def test_evaluates_json_gives_each_series_fit_left_out_its_reason_as_fits_metrics_json_does():
    """leftout's docstring and decision 1524 say every record of a series left out that fit, evaluate and a backtest
    write carries its ``reason``; evaluate --json's ``scored.not_trained.series`` had none (decision 1558). A cutoff's
    record gets the cutoff's words, a key's series its columns, a reason given is kept."""
    from rnncast import leftout

    short, cut = {"id": "C", "rows": 5, "needed": 26}, {"id": "D", "rows": 131, "needed": 83, "cutoff_rows": [131, 0],
                                                         "cutoff_needs": [75, 8]}
    result = {"scored": {"text": "...", "not_trained": {"series": [short, cut, {"id": "E", "reason": "held"}], "text": ""}}}
    out = serieskeys.json_result(result, None)["scored"]["not_trained"]["series"]
    assert [d["reason"] for d in out] == [leftout.SHORT, leftout.CUT_AFTER, "held"]  # its own lack (decision 1952)
    assert out[0] == {**short, "reason": leftout.SHORT}
    assert result["scored"]["not_trained"]["series"][0] == short  # the result itself left as it was
    keyed = {"scored": {"not_trained": {"series": [{**short, "id": ("C", 3)}]}}}
    assert serieskeys.json_result(keyed, ["item_id", "store_id"])["scored"]["not_trained"]["series"] == [
        {"id": {"item_id": "C", "store_id": 3}, "rows": 5, "needed": 26, "reason": leftout.SHORT}]


def test_two_keys_written_as_one_text_are_refused_not_merged():
    """('A, store_id=1', '2') and ('A', '1, store_id=2') are both written 'item_id=A, store_id=1, store_id=2': fit
    trained them as one series (the second's level forecast under the first's key); refused naming both keys."""
    days = pd.date_range("2023-01-01", periods=40, freq="D")
    frame = pd.concat([pd.DataFrame({"item_id": item, "store_id": store, "date": days, "sales": np.arange(40.0) + level})
                       for item, store, level in (("A, store_id=1", "2", 0.0), ("A", "1, store_id=2", 100.0))])
    with pytest.raises(RnncastError, match=r"of \['item_id', 'store_id'\] are both written 'item_id=A, store_id=1, store_id=2'"):
        serieskeys.joined(frame, ["item_id", "store_id"])


def test_a_key_and_role_columns_given_as_an_index_or_an_array_of_text_are_read_as_lists():
    """A tester's finding: id_col=df.columns[:2] or np.array([...]) raised pandas' "truth value of an array ... is
    ambiguous"; a static_covariates= Index was refused as "data of type Index", features= np.array(['price']) as
    pre-made windows. Names handed over in a form that holds a list are that list, for every role."""
    data = _m5().assign(size=lambda f: f["store_id"] * 10.0)
    fitted = Forecaster(**SMALL).fit(data, target="sales", id_col=data.columns[:2], past_covariates=np.array(["price"]),
                                     static_covariates=pd.Index(["size"]))
    assert fitted.state_.id_col == "item_id,store_id" and fitted.features_ == ["price"]
    assert fitted.state_.static_encoder.numeric_names == ["size"]
    assert list(fitted.predict(data).columns[:2]) == KEY
    assert list(fitted.backtest(data, n_windows=1, id_col=np.array(KEY)).forecasts.columns[:2]) == KEY
    panel = load_panel(data, target=pd.Index(["sales"]), id_col=np.array(KEY), future_covariates=pd.Index(["price"]))
    assert panel.n_series == 4
    with pytest.raises(RnncastError, match=r"^id_col takes one column name as text or a list of several, got \['item_id'\]"):
        load_panel(data, target="sales", id_col=pd.Index(["item_id"]))


@pytest.mark.parametrize("role, words", [
    ({"static_covariates": ["store_id"]}, r"a static covariate \(static_covariates=, --static-covariates\)"),
    ({"past_covariates": ["store_id"]}, r"a past covariate \(past_covariates=, --past-covariates\)"),
    ({"future_covariates": "store_id"}, r"a future covariate \(future_covariates=, --future-covariates\)"),
    ({"features": ["price", "store_id"]}, r"a covariate \(features=, --features\)"),
    ({"target": ["sales", "store_id"]}, r"the target \(target=, --target\)"),
    ({"time_col": "store_id"}, r"the time column \(time_col=, --time-col\)")])
def test_a_key_column_named_by_another_role_too_is_refused_as_part_of_the_key(role, words):
    """A tester's finding: static_covariates=['store_id'] beside id_col=['item_id', 'store_id'] was refused as
    "static covariate 'store_id' not found; available columns: 'item_id,store_id', ... The column 'item_id,store_id'
    holds a comma: on the command line quote it" (a made-up column, wrong advice); one id column gets "is named as
    the id column ... and as ...; give each column one role"."""
    with pytest.raises(RnncastError, match=rf"^column 'store_id' is part of the series key \(id_col=\['item_id', "
                                           rf"'store_id'\], --id-col item_id,store_id\) and is named as {words} too; "
                                           r"give each column one role$"):
        load_panel(_m5(), **{"target": "sales", **role}, id_col=KEY)


def test_refusals_name_the_keys_columns_never_the_internal_joined_one(tmp_path):
    from rnncast.cli import main
    with pytest.raises(RnncastError, match=r"^column 'sales' is part of the series key \(id_col=\['item_id', 'sales'\]"):
        Forecaster(**SMALL).fit(_m5(), target="sales", id_col=["item_id", "sales"])
    with pytest.raises(RnncastError, match=r"^column 'pricee' not found \(did you mean 'price'\?\); available columns: "
                                           r"item_id, store_id, date, price, sales$"):
        load_panel(_m5(), target="sales", id_col=KEY, features=["pricee"])
    with pytest.raises(RnncastError, match=r"columns: item_id, store_id, date, price, sales$"):
        load_panel(_m5(), id_col=KEY)  # no target named, no column y
    with pytest.raises(RnncastError, match=r"^the series key \['item_id', 'date'\] cannot name the series"):
        load_panel(_m5(), target="sales", id_col=["item_id", "date"])
    _m5().to_csv(tmp_path / "m5.csv", index=False)
    assert main(["fit", str(tmp_path / "m5.csv"), "--target", "sales", "--id-col", "item_id,store_id",
                 "--static-covariates", "store_id", "--out", str(tmp_path / "run")]) == 2


def test_a_static_table_keyed_by_part_of_the_key_listing_a_value_twice_is_refused_by_its_own_key():
    """A tester's finding: stores listing store 1 twice was refused as listing "series 'item_id=A, store_id=1'
    twice", a series the table does not name; now by the table's own key."""
    stores = pd.DataFrame({"store_id": [1, 1, 2], "size": [100.0, 120.0, 250.0]})
    with pytest.raises(RnncastError, match=r"^the static table lists store_id 1 twice \(again at row 1\); give one row "
                                           r"per store_id$"):
        load_panel(_m5(), target="sales", id_col=KEY, static_covariates=stores)
    model = Forecaster(**SMALL).fit(_m5(), target="sales", id_col=KEY, static_covariates=stores.iloc[1:])
    with pytest.raises(RnncastError, match=r"^the static table lists store_id 1 twice"):
        model.predict(_m5(), static_covariates=stores)
    assert len(model.predict(_m5(), static_covariates=stores.iloc[1:])) == 12  # once each: read


def test_a_wide_table_keyed_by_several_columns_is_joined_and_split_without_a_fragmentation_warning():
    """t39t3 (decision 2140): fitting a wide table with --id-col item_id,store_id printed pandas' "PerformanceWarning:
    DataFrame is highly fragmented" from ``insert``; the key's columns are put in at once."""
    data = _m5()
    with warnings.catch_warnings():  # a frame of many blocks, as a wide table built column by column is
        warnings.simplefilter("ignore", pd.errors.PerformanceWarning)
        for k in range(120):
            data[f"x{k}"] = float(k)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        out, key = serieskeys.joined(data, KEY)
        back = key.split(out)
    assert list(out.columns)[:4] == ["item_id,store_id", "date", "price", "sales"] and out.shape[1] == 124
    assert list(back.columns) == list(data.columns) and back.equals(data)

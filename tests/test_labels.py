"""The caller's labels (``labels.py``): refusals in the words of what was handed over (an array's
positions, a table's labels, a file's names) and labels and ids given back as given."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, labels
from rnncast.errors import RnncastError
from rnncast.loading import load_panel


def test_what_was_handed_over_is_an_array_a_table_or_a_file():
    assert labels.given(np.zeros((5, 2))) == {"kind": "array", "labels": {"0": 0, "1": 1}}
    assert labels.given([1.0, 2.0]) == {"kind": "array", "labels": {"0": 0}}
    given = labels.given(pd.DataFrame(np.zeros((5, 2))))
    assert given["kind"] == "table" and given["labels"] == {"0": 0, "1": 1} and type(given["labels"]["0"]) is int
    assert labels.given(pd.DataFrame({"a": [1.0]}))["labels"] == {"a": "a"}
    assert labels.given("data/sales.csv") == {"kind": "sales.csv", "labels": {}}


def test_a_table_of_several_columns_without_a_target_is_refused_as_a_table_not_an_array():
    table = pd.DataFrame({"a": np.arange(30.0), "b": np.arange(30.0)})
    with pytest.raises(RnncastError, match=r"^the table has 2 numeric columns \('a', 'b'\) and none is named the "
                                           r"target: say which to forecast with target= \(--target\): target='a' the "
                                           r"first, target=\['a', 'b'\] every column, or series='all' to forecast each "
                                           r"column as its own series; the others are used only when"):
        load_panel(table)
    assert table.attrs == {}  # what was handed over is noted on rnncast's own copy, never on the caller's frame
    with pytest.raises(RnncastError, match=r"^the table has 2 numeric columns \(0, 1\) .*target=0 the first"):
        load_panel(pd.DataFrame(table.to_numpy()))  # labelled 0, 1 by pandas: still a table
    with pytest.raises(RnncastError, match=r"^the array has 2 columns \(0, 1\) and none is named the target"):
        load_panel(table.to_numpy())


def test_a_file_of_several_columns_names_them_as_its_header_and_the_flags(tmp_path):
    path = tmp_path / "two.csv"
    pd.DataFrame({"a": np.arange(30.0), "b": np.arange(30.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^two.csv has 2 numeric columns \(a, b\) and none is named the target: say "
                                           r"which to forecast with --target \(target= in Python\): --target a the "
                                           r"first, --target a,b every column, or --series all to forecast each column "
                                           r"as its own series; .* --past-covariates"):
        load_panel(path)


def test_a_wide_file_with_spaces_in_its_names_is_offered_them_quoted_for_the_shell_and_series_all(tmp_path):
    path = tmp_path / "stores.csv"
    pd.DataFrame({"date": pd.date_range("2024-01-01", periods=30), "Store A": np.arange(30.0),
                  "Store B": np.arange(30.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"--target 'Store A' the first, --target 'Store A,Store B' every column, "
                                           r"or --series all to forecast each column as its own series;") as err:
        load_panel(path)
    assert "Store A" in load_panel(path, target=["Store A", "Store B"]).targets  # the quoted words read back as the names
    assert "\n" not in str(err.value)


def test_a_file_of_one_numeric_column_offers_it_quoted(tmp_path):
    path = tmp_path / "one.csv"
    pd.DataFrame({"Unit Sales": np.arange(30.0), "note": ["x"] * 30}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"give --target 'Unit Sales' \(target= in Python\); its other column "):
        load_panel(path)


def test_an_integer_target_of_a_named_table_is_no_position_and_the_column_there_is_offered():
    table = pd.DataFrame({"a": np.arange(30.0), "b": np.arange(30.0)})
    with pytest.raises(RnncastError, match=r"^target=5 names no column of the table: a table's columns are taken by "
                                           r"their labels, not by position \(an array's are positions\); its columns "
                                           r"are 'a', 'b'$"):
        load_panel(table, target=5)  # was "column '5' not found", the integer quoted as text
    with pytest.raises(RnncastError, match=r"^target=0 names no column .*; the column at position 0 is 'a': target='a'$"):
        load_panel(table, target=0)
    with pytest.raises(RnncastError, match=r"^past_covariates=1 names no column .* position 1 is 'b'"):
        load_panel(table, target="a", past_covariates=[1])
    with pytest.raises(RnncastError, match="target 'c' not found|column 'c' not found"):
        load_panel(table, target="c")  # a name: data.require_column's refusal, with its closest name


def test_a_label_beyond_an_array_names_its_positions():
    array = np.zeros((30, 2))
    with pytest.raises(RnncastError, match=r"^target=5 names no column of the array: an array's columns are taken by "
                                           r"position, 0 to 1 here"):
        load_panel(array, target=5)
    with pytest.raises(RnncastError, match=r"^target='x' names no column of the array"):
        load_panel(array, target="x")
    assert load_panel(array, target="1").targets == ["1"]  # the position written as text is the same column


def test_predict_labels_its_columns_as_the_caller_did():
    values = make_frame(150, time=False)[["y", "x"]].to_numpy()
    table = pd.DataFrame(values)  # columns 0 and 1, integers
    model = Forecaster(**{**TINY, "epochs": 1}).fit(table, target=[0, 1])
    forecast = model.predict(table)
    assert forecast.columns.tolist()[2:] == [0, 1] and all(type(c) is int for c in forecast.columns[2:])
    from_array = model.predict(values)
    assert from_array.columns.tolist()[2:] == model.targets_ == ["0", "1"]  # an array labels nothing: as targets_ has them
    assert np.array_equal(from_array.to_numpy(), forecast.to_numpy())
    named = model.predict(table.set_axis(["0", "1"], axis=1))
    assert named.columns.tolist()[2:] == ["0", "1"]  # text labels stay text
    assert np.array_equal(named.to_numpy(), forecast.to_numpy())


def test_skipped_series_name_a_frames_integer_ids_as_given():
    rng = np.random.default_rng(0)
    lengths = {1: 120, 2: 120, 99: 5}
    frame = pd.DataFrame({"unique_id": np.repeat(list(lengths), list(lengths.values())).astype("int32"),
                          "ds": np.concatenate([np.arange(n) for n in lengths.values()]),
                          "y": rng.normal(size=sum(lengths.values()))})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    assert model.skipped_series_ == [{"id": 99, "rows": 5, "needed": model.skipped_series_[0]["needed"]}]
    assert model.state_.skipped_series[0]["id"] == "99"  # the model keeps text (decision 33), and saves it
    assert "given_ids" not in model.state_.meta()
    text = Forecaster(**{**TINY, "epochs": 1}).fit(frame.astype({"unique_id": str}))
    assert text.skipped_series_[0]["id"] == "99"  # ids given as text stay text


@pytest.mark.parametrize("name, values, form", [("when", pd.date_range("2019-03-01", periods=40).strftime("%Y%m%d"), "YYYYMMDD"),
                                                ("period_x", pd.date_range("2015-01-01", periods=40, freq="MS").strftime("%Y%m"), "YYYYMM")])
def test_a_numeric_column_of_compact_dates_not_named_as_time_is_offered_as_the_time(tmp_path, name, values, form, caplog):
    """'has 2 numeric columns (when, sales) ... --target when the first': the dates were offered as the target."""
    path = tmp_path / "s.csv"
    pd.DataFrame({name: values.astype(int), "sales": np.arange(40.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(str(path))
    assert str(err.value) == (f"s.csv has 2 numeric columns ({name}, sales) and none is named the target; {name} holds "
                              f"dates written {form} ({values[0]}), and a time column is found by its name only: to take "
                              f"it as the time and forecast sales, give --time-col {name} --target sales")
    with pytest.raises(RnncastError, match=rf"give time_col='{name}', target='sales'$"):
        load_panel(pd.read_csv(path))
    with caplog.at_level("WARNING"):
        panel = load_panel(str(path), target="sales")  # time is still taken by name only
    assert panel.time_col is None
    assert f"'{name}' looks like dates: to take it as the time, name it with time_col= (--time-col)" in caplog.text
    assert load_panel(str(path), target="sales", time_col=name).time[0] == pd.Timestamp("2019-03-01" if form == "YYYYMMDD"
                                                                                        else "2015-01-01")


def _long(ids: list, n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame({"unique_id": np.repeat(ids, n), "ds": np.tile(np.arange(n), len(ids)),
                         "y": rng.normal(size=n * len(ids))})


def test_a_wide_frames_integer_column_labels_come_back_as_its_series_ids():
    rng = np.random.default_rng(0)
    wide = pd.DataFrame({"ds": pd.date_range("2021-01-01", periods=60), 1: rng.normal(size=60), 2: rng.normal(size=60)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(wide, series="all")
    forecast = model.predict(wide)
    assert forecast["unique_id"].dtype == np.int64 and len(forecast[forecast.unique_id == 1]) == TINY["horizon"]
    assert list(model.evaluate(wide, by_series=True)["series"]) == [1, 2]
    named = model.predict(wide.set_axis(["ds", "1", "2"], axis=1))
    assert named["unique_id"].tolist()[:1] == ["1"]  # text labels stay text


@pytest.mark.parametrize("ids", [pd.Categorical([1, 2]), np.array([1.0, 2.5])], ids=["categorical", "float"])
def test_long_ids_of_a_categorical_or_floats_come_back_in_their_dtype(ids):
    frame = _long(list(ids)).astype({"unique_id": pd.Series(ids).dtype})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    forecast = model.predict(frame)
    assert forecast["unique_id"].dtype == frame["unique_id"].dtype  # a categorical keeps its categories
    assert forecast["unique_id"].unique().tolist() == list(ids)
    assert list(model.evaluate(frame, by_series=True)["series"]) == list(ids)


def test_ids_that_differ_but_are_written_alike_are_refused_naming_both():
    frame = _long([1, 2]).assign(unique_id=pd.Series([1] * 60 + ["1"] * 60, dtype=object))
    with pytest.raises(RnncastError, match=r"^id column 'unique_id' holds ids 1 and '1': different values written "
                                           r"alike, which would be one series; give the ids one type"):
        load_panel(frame)


def test_a_timestamp_column_beside_the_one_numeric_column_is_said_to_hold_timestamps_not_text():
    """fit(ett[["date", "OT"]], time_col=False) said "its other column ('date') holds text" of a datetime64 column."""
    dates = pd.date_range("2021-01-01", periods=30, freq="h")
    table = pd.DataFrame({"date": dates, "y": np.arange(30.0)})
    told = (r"its other column \('date'\) holds timestamps \(time_col=False, --no-time-col, said the table has no time "
            r"column: to forecast along 'date', leave time_col unset or give time_col='date'\)$")
    with pytest.raises(RnncastError, match=r"^the table has 1 numeric column \('y'\) .* give target='y'; " + told):
        load_panel(table, time_col=False)
    with pytest.raises(RnncastError, match=told):  # a DatetimeIndex too
        load_panel(table.set_index("date"), time_col=False)
    with pytest.raises(RnncastError, match=r"its other columns hold: 'date' timestamps; 'site' text \(time_col=False"):
        load_panel(table.assign(site="north"), time_col=False)
    with pytest.raises(RnncastError, match=r"its other column \('when'\) holds timestamps \(no role takes timestamps "
                                           r"beside the time column 'date': drop 'when'\)$"):
        load_panel(table.assign(when=dates)[["date", "when", "y"]])
    assert load_panel(table, time_col="date").targets == ["y"]  # the advice, followed


def test_one_numeric_column_beside_text_is_offered_alone_without_a_choice(tmp_path):
    table = pd.DataFrame({"ds": pd.date_range("2021-01-01", periods=30), "y": np.arange(30.0), "name": ["a"] * 30})
    with pytest.raises(RnncastError, match=r"^the table has 1 numeric column \('y'\) and none is named the target: to "
                                           r"forecast it, give target='y'; its other column \('name'\) holds text$"):
        load_panel(table)
    table.to_csv(tmp_path / "one.csv", index=False)
    with pytest.raises(RnncastError, match=r"give --target y \(target= in Python\); its other column \(name\) holds"):
        load_panel(tmp_path / "one.csv")


def test_one_numeric_column_beside_unread_time_text_names_that_text_not_a_missing_target(tmp_path):
    from rnncast.loading import load_panel

    path = tmp_path / "q.csv"
    pd.DataFrame({"period": [f"Jan-Mar {2005 + i}" for i in range(60)], "sales": range(60)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^no time column was found: 'period' holds 'Jan-Mar 2005' at line 2 of q\.csv, "
                                           r"which rnncast does not read as time \(write dates .*\); its name says time"):
        load_panel(path)
    pd.DataFrame({"label": [f"Jan-Mar {2005 + i}" for i in range(60)], "sales": range(60)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^q\.csv has 1 numeric column \(sales\) and no time column was found: 'label' "
                                           r"holds 'Jan-Mar 2005' at line 2 of q\.csv, which rnncast does not read as time "
                                           r"\(write dates .*\); or give the target, e.g. --target sales \(target= in Python\), to number the rows$"):
        load_panel(path)  # a name that does not say time: the target given numbers the rows


@pytest.mark.parametrize("as_float", [False, True])
def test_excel_serials_under_a_date_name_are_named_as_unread_time_not_offered_as_the_target(tmp_path, caplog, as_float):
    """An OrderDate column of Excel serial day numbers (43831 = 2020-01-01) beside sales, with no time column
    found: the refusal offered --target OrderDate, the dates as what to forecast, and with --target sales the
    'not used: OrderDate' warning gave no hint. Both now say what the column holds and how to make it dates
    (decision 201)."""
    days = np.arange(43831, 43831 + 60, dtype=np.float64 if as_float else np.int64)
    path = tmp_path / "orders.csv"
    pd.DataFrame({"OrderDate": days, "sales": np.linspace(1.0, 9.0, 60)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"orders\.csv has 2 numeric columns \(OrderDate, sales\) and no time column "
                                           r"was found: 'OrderDate' holds 43831 \.\. 43890, which look like Excel "
                                           r"serial day numbers: 43831 would be 2020-01-01 .*pd\.to_datetime.*; or "
                                           r"give the target, e.g. --target sales \(target= in Python\), to number the rows"):
        load_panel(str(path))
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(str(path), target="sales")
    assert "not used: OrderDate" in caplog.text and "'OrderDate' holds 43831 .. 43890, which look like Excel" in caplog.text


def test_serial_sized_numbers_under_other_names_stay_plain_numbers():
    frame = pd.DataFrame({"price": np.arange(43831, 43891), "units": np.arange(60)})
    with pytest.raises(RnncastError, match=r"none is named the target: say which to forecast with target= "
                                           r"\(--target\): target='price' the first"):
        load_panel(frame)


def test_a_panel_handed_over_gives_its_ids_back_as_the_caller_gave_them():
    """predict(panel) said '101' where predict(frame) said 101, and fit(panel).skipped_series_ '103': the ids as
    given were rebuilt from a table only. They are the panel's own (Panel.given) now."""
    rng = np.random.default_rng(0)
    lengths = {101: 120, 102: 120, 103: 5}
    frame = pd.DataFrame({"unique_id": np.repeat(list(lengths), list(lengths.values())),
                          "ds": np.concatenate([np.arange(n) for n in lengths.values()]),
                          "y": rng.normal(size=sum(lengths.values()))})
    panel = load_panel(frame)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(panel)
    assert model.skipped_series_[0]["id"] == 103
    forecast = model.predict(panel)
    assert sorted(set(forecast["unique_id"])) == [101, 102] and forecast["unique_id"].dtype == np.int64
    assert model.predict(frame)["unique_id"].tolist() == forecast["unique_id"].tolist()


def test_whole_float_ids_name_the_series_their_integers_name():
    """A model fitted on ids 101, 102 was given them as 101.0, 102.0 (pandas makes an integer column float when a
    merge leaves a NaN on the way) and refused them as unseen series; they are the same series (decision 241),
    given back as the model holds them (decision 1312: 101, so rows join back on the model's ids)."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 80), "ds": np.tile(pd.date_range("2024-01-01", periods=80), 2),
                          "y": rng.normal(size=160)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    forecast = model.predict(frame.astype({"unique_id": float}))
    assert forecast["unique_id"].unique().tolist() == [101, 102] and forecast["unique_id"].dtype == np.int64


def test_a_column_named_with_a_comma_is_one_name_in_python():
    """fit(d, target='y', features='a,b') split the text at its comma and refused 'a' with the command line's
    advice to quote it: in Python a text is one name; only the flags (and config files) split lists."""
    n = 60
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n), "y": np.sin(np.arange(n) / 5.0),
                          "a,b": np.cos(np.arange(n) / 3.0)})
    assert load_panel(frame, target="y", features="a,b").past == ["a,b"]
    with pytest.raises(RnncastError, match=r"^column 'y,a,b' not found"):
        load_panel(frame, target="y,a,b")


def test_the_target_offered_is_no_column_counting_the_rows_nor_one_named_for_another_role(tmp_path):
    """t,sine was offered "--target t the first" (forecast the row counter); x,y with --features x "--target x"."""
    path = tmp_path / "sine_t.csv"
    pd.DataFrame({"t": np.arange(40), "sine": np.sin(np.arange(40) / 5)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^sine_t.csv has 2 numeric columns \(t, sine\) and none is named the target: "
                                           r"say which to forecast with --target \(target= in Python\): --target sine; t "
                                           r"counts the rows \(up by one each row\): the rows are taken in that order, so "
                                           r"it is not offered as the target; it is used only when named, as the other "
                                           r"columns; to read it as the time, name it with time_col= \(--time-col\)$"):
        load_panel(path)
    reg = tmp_path / "reg.csv"
    pd.DataFrame({"x": np.linspace(-1, 1, 40), "y": np.cos(np.arange(40))}).to_csv(reg, index=False)
    with pytest.raises(RnncastError, match=r"^reg.csv has 1 numeric column \(y\) besides x, named as a covariate, and none is named the target: say "
                                           r"which to forecast with --target \(target= in Python\): --target y$"):
        load_panel(reg, features=["x"])


def test_a_row_counter_beside_a_time_column_is_not_said_to_give_the_rows_order(tmp_path, caplog):
    """date,window,shuffle,seq_len,t said "the rows are taken in that order" (they are ordered by date) and "not used as
    a covariate", false with --features all, which took t without a word."""
    path = tmp_path / "names.csv"
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2021-01-01", periods=40).strftime("%Y-%m-%d"),
                          "window": rng.normal(size=40), "shuffle": rng.normal(size=40), "t": np.arange(40)})
    frame.to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"; t counts the rows \(up by one each row\), so it is not offered as the target; "
                                           r"it is used only when named, as the other columns$"):
        load_panel(path)
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(path, target="window", features="all")
    assert "t" in panel.columns[panel.n_targets:]
    assert [r.getMessage() for r in caplog.records if "counts the rows" in r.getMessage()] == [
        "features='all' (--features all) took 't' as a feature, though it counts the rows (up by one each row): past the "
        "training part its values grow beyond any the network saw; name the features (--features) to leave it out"]


def test_a_covariate_named_is_not_counted_among_the_columns_the_target_could_be():
    """One series with a future covariate named and no target: the refusal counted 'promo' among '2 numeric columns
    (sales, promo)' none of which was the target, though promo was named for another role."""
    from rnncast.loading import load_panel

    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=20), "sales": np.arange(20.0) * 1.5,
                          "promo": np.arange(20) % 2})
    with pytest.raises(RnncastError, match=r"the table has 1 numeric column \('sales'\) besides 'promo', named as a "
                       r"covariate, and none is named the target: say which to forecast with target= \(--target\): "
                       r"target='sales'$"):
        load_panel(frame, features=["promo"], future_known=True)


def test_ids_a_file_writes_as_whole_numbers_keep_their_numbers_order(tmp_path):
    """A CSV's stores 0-11 are read as text (to keep '001' as written) and came out 0, 1, 10, 11, 2, ...; the same ids
    as Python integers came out 0, 1, 2, ...: both now list them by number (a tester's finding, decision 550)."""
    frame = pd.DataFrame({"store": np.repeat(np.arange(12), 40), "y": np.sin(np.arange(480) / 4.0)})
    frame.to_csv(tmp_path / "stores.csv", index=False)
    from_file = load_panel(tmp_path / "stores.csv", target="y", id_col="store")
    assert from_file.ids == [str(i) for i in range(12)]
    assert from_file.rows(10)[:, 0].tolist() == frame.loc[frame.store == 10, "y"].tolist()  # each id keeps its rows
    assert load_panel(frame, target="y", id_col="store").ids == from_file.ids


def test_forecasts_of_a_files_whole_number_ids_come_in_their_order_each_at_its_own_scale(tmp_path):
    """Scalers are found by id, not by place: forecasts of a file of whole-number ids keep each store's own scale."""
    frame = pd.DataFrame({"store": np.repeat(np.arange(11), 40),
                          "y": np.sin(np.arange(440) / 4.0) + np.repeat(np.arange(11) * 100.0, 40)})
    frame.to_csv(tmp_path / "stores.csv", index=False)
    forecast = Forecaster(**TINY).fit(tmp_path / "stores.csv", target="y", id_col="store").predict(tmp_path / "stores.csv")
    assert forecast["store"].drop_duplicates().tolist() == list(range(11))  # ints, as the file's column reads (1135)
    level = forecast.groupby("store", sort=False)["y_hat"].mean()
    assert np.allclose(level.to_numpy(), np.arange(11) * 100.0, atol=5)


def test_a_tuple_that_is_one_multiindex_column_is_that_column_as_the_refusal_suggests():
    """The refusal of a MultiIndex table without a target suggests target=('a', 'y'); that tuple was read as the two
    names 'a' and 'y' and refused as "column 'a' not found" (decision 590)."""
    n = 60
    frame = pd.DataFrame({("a", "date"): pd.date_range("2020-01-01", periods=n, freq="D"),
                          ("a", "y"): np.sin(np.arange(n) / 3), ("b", "x"): np.cos(np.arange(n) / 3)})
    with pytest.raises(RnncastError, match=r"target=\('a', 'y'\) the first"):
        Forecaster(**TINY).fit(frame)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target=("a", "y"), features=("b", "x"))
    assert model.targets_ == ["('a', 'y')"] and model.features_ == ["('b', 'x')"]
    assert labels.one_tuple_label(pd.DataFrame({"a": [1], "y": [2]}), ("a", "y")) == ("a", "y")  # two names, as before


def test_a_tuple_that_is_no_multiindex_column_is_refused_whole_naming_the_columns():
    """target=('a', 'zz') on MultiIndex columns was refused as "column 'a' not found": the tuple read as two names."""
    frame = pd.DataFrame(np.zeros((30, 3)), columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y"), ("b", "y")]))
    with pytest.raises(RnncastError, match=r"^target=\('a', 'zz'\) is no column of the data, whose columns are tuples "
                                           r"\(a MultiIndex\): \('a', 'x'\), \('a', 'y'\), \('b', 'y'\); give one of them"):
        Forecaster(**TINY).fit(frame, target=("a", "zz"))
    with pytest.raises(RnncastError, match=r"^features=\('b', 'q'\) is no column"):
        labels.one_tuple_label(frame, ("b", "q"), "features")
    assert labels.one_tuple_label(frame, (("a", "x"), ("b", "y")), "features") == (("a", "x"), ("b", "y"))  # a list


def test_an_index_flattened_beside_multiindex_columns_is_named_as_its_user_reads_it(caplog):
    """A DatetimeIndex named 'date' made a column by reset_index() beside two-level columns is ('date', ''), named
    "('date', '')" in the time line, the refusals and the forecast's index."""
    n = 60
    frame = pd.DataFrame({("a", "y"): np.sin(np.arange(n) / 3), ("b", "x"): np.cos(np.arange(n) / 3)},
                         index=pd.date_range("2020-01-01", periods=n, freq="D", name="date"))
    for data in (frame, frame.reset_index()):
        with caplog.at_level(logging.INFO, logger="rnncast"):
            caplog.clear()
            model = Forecaster(**{**TINY, "epochs": 1}).fit(data, target=("a", "y"), features=[("b", "x")])
        assert model.time_col_ == "date"
        said = "time: the index 'date' (found" if data is frame else "time: column 'date' (found"  # decision 1548
        assert any(r.getMessage().startswith(said) for r in caplog.records)
        assert model.predict(data).index.name == "date"
        with pytest.raises(RnncastError, match=r"available columns: date, "):
            Forecaster(**TINY).fit(data, target=("a", "y"), features=["nope"])


def test_time_col_given_as_the_label_pandas_shows_after_reset_index_is_that_column():
    """``time_col=('date', '')``, the label pandas shows after reset_index() beside two-level columns, was refused
    "time column \"('date', '')\" not found; available columns: date, ..." (time_col='date' worked)."""
    n = 60
    frame = pd.DataFrame({("a", "y"): np.sin(np.arange(n) / 3), ("b", "x"): np.cos(np.arange(n) / 3)},
                         index=pd.date_range("2020-01-01", periods=n, freq="D", name="date")).reset_index()
    assert ("date", "") in frame.columns
    assert load_panel(frame, target=("a", "y"), time_col=("date", "")).time_col == "date"
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target=("a", "y"), time_col=("date", ""))
    assert model.time_col_ == "date" and model.predict(frame).index[0] == pd.Timestamp("2020-03-01")
    with pytest.raises(RnncastError, match=r"time column \"\('date', 'x'\)\" not found; available columns: date, "):
        load_panel(frame, target=("a", "y"), time_col=("date", "x"))  # a tuple that is no column: refused whole


def test_id_col_given_as_the_label_pandas_shows_after_reset_index_is_that_column():
    """``id_col=('store', '')``, as reset_index() labels an index level beside two-level columns, was refused
    "id column \"('store', '')\" not found; available columns: store, ..." while time_col=('date', '') was read."""
    n = 40
    index = pd.MultiIndex.from_product([["a", "b"], pd.date_range("2020-01-01", periods=n, freq="D")],
                                       names=["store", "date"])
    frame = pd.DataFrame({("v", "y"): np.sin(np.arange(2 * n) / 3)}, index=index).reset_index()
    assert ("store", "") in frame.columns
    panel = load_panel(frame, target=("v", "y"), time_col=("date", ""), id_col=("store", ""))
    assert panel.id_col == "store" and list(panel.ids) == ["a", "b"]
    with pytest.raises(RnncastError, match=r"id column \"\('store', 'x'\)\" not found"):
        load_panel(frame, target=("v", "y"), time_col=("date", ""), id_col=("store", "x"))  # no column: refused whole


def test_a_table_said_to_have_no_time_is_asked_for_its_target_without_a_word_of_unread_time():
    frame = pd.DataFrame({"period": [f"P{i}x" for i in range(30)], "a": np.arange(30.0), "b": np.ones(30)})
    with pytest.raises(RnncastError, match=r"no time column was found: 'period' holds 'P0x'"):
        load_panel(frame)
    with pytest.raises(RnncastError, match=r"^the table has 2 numeric columns .*none is named the target") as err:
        load_panel(frame, time_col=False)
    assert "time" not in str(err.value).split("target")[0]
    assert load_panel(frame[["period", "a"]].rename(columns={"period": "when"}), time_col=False,
                      target="a").calendar.kind == "row"


def test_a_row_counter_that_starts_elsewhere_says_forecasts_are_numbered_by_row_and_how_to_continue_it(caplog):
    """A table cut from a longer one, t = 300..799: its forecasts were numbered 500-502 by row, while the user's t would
    continue at 800, and the line said only that t counts the rows."""
    import logging

    import numpy as np
    import pandas as pd

    from rnncast.loading import load_panel

    t = np.arange(300, 800)
    frame = pd.DataFrame({"t": t, "y": np.sin(t / 10)})
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(frame, "y")
    assert any(r.getMessage().startswith("column 't' runs 300-799") for r in caplog.records)


def test_an_array_of_many_columns_lists_a_few_and_says_how_to_turn_rows_of_series():
    """16 sensors of 300 steps as rows: 3,083 characters listing every column number, and no word of array.T."""
    array = np.tile(np.sin(np.arange(300) / 5), (16, 1))
    with pytest.raises(RnncastError) as info:
        Forecaster(epochs=1).fit(array)
    message = str(info.value)
    assert message.startswith("the array has 300 columns (0, 1, 2, 3, 4, ..., 299) and none is named the target")
    assert "or, if each of the 16 rows is a series and time runs across them, give array.T" in message
    assert len(message) < 500


def test_one_numeric_column_beside_a_column_of_series_ids_names_id_col(tmp_path):
    """stocks.csv (symbol, date, price) was told only that 'symbol' holds text; a text column shaped as ids (a few
    values, each at most once a time) is named as the id column, in a file's words and a frame's, where one or
    several numeric columns are offered."""
    days = np.tile(pd.date_range("2021-01-01", periods=30).to_numpy(), 3)
    table = pd.DataFrame({"symbol": np.repeat(["A", "B", "C"], 30), "date": days, "price": np.arange(90.0) * 1.5})
    with pytest.raises(RnncastError, match=r"its other column \('symbol'\) holds text; 'symbol' looks like series ids "
                                           r"\(3 values, each at most once a time\): if the rows hold several series, "
                                           r"name it with id_col='symbol' \(--id-col\)$"):
        load_panel(table)
    table.assign(volume=1.0).to_csv(tmp_path / "stocks.csv", index=False)
    with pytest.raises(RnncastError, match=r"or --features all; symbol looks like series ids .*name it with --id-col "
                                           r"symbol \(id_col= in Python\)$"):
        load_panel(tmp_path / "stocks.csv")


def test_a_row_counter_written_as_floats_is_read_as_the_whole_numbers_it_holds(tmp_path):
    """A counter pandas wrote as 0.0, 1.0, 2.0 ... was offered as the target ("--target n the first"), where the same
    counter of integers is not offered; 0.5 steps or a counter with a gap in its floats stays a column like others."""
    rng = np.random.default_rng(0)
    path = tmp_path / "w.csv"
    frame = pd.DataFrame({"n": np.arange(40) * 1.0, "date": pd.date_range("2021-01-01", periods=40).strftime("%Y-%m-%d"),
                          "sales": rng.normal(100, 5, 40)})
    frame.to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"--target sales; n counts the rows \(up by one each row\), so it is not "
                                           r"offered as the target"):
        load_panel(path)


def test_advice_round_trips_the_target_offered_is_written_as_the_flag_reads_it(tmp_path):
    """'--target vent, km/h the first' (shell_word) read back as 'vent' and 'km/h', neither a column."""
    from test_spelling import read_back
    path = tmp_path / "two.csv"
    pd.DataFrame({"vent, km/h": np.arange(30.0) * 1.5, "temp": np.arange(30.0) % 5}).to_csv(path, index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(path)
    said = str(err.value)
    assert read_back(said.split("): ", 1)[1], "--target") == ["vent, km/h"]
    assert read_back(said.split(" the first, ", 1)[1], "--target") == ["vent, km/h", "temp"]


def _fluview(regions=None) -> pd.DataFrame:
    """CDC's YEAR,WEEK,ILITOTAL: MMWR weeks of 2013 .. 2016 (2014 has a week 53), one series or one per region."""
    from rnncast.mmwrweeks import long_year

    pairs = [(y, w) for y in range(2013, 2017) for w in range(1, 54 if long_year(y) else 53)]
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(pairs, columns=["YEAR", "WEEK"]).assign(ILITOTAL=rng.poisson(100, len(pairs)).astype(float))
    return frame if regions is None else pd.concat([frame.assign(region=r) for r in regions], ignore_index=True)


@pytest.mark.parametrize("regions", [None, ("A", "B")])
def test_a_year_and_week_without_a_target_are_told_to_join_not_to_forecast_the_week(tmp_path, regions):
    """t33t1: cdc_2013.csv was told "--target WEEK the first"; following it lost the join advice (decision 1611)."""
    _fluview(regions).to_csv(tmp_path / "cdc.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "cdc.csv")
    message = str(info.value)
    assert message.startswith("cdc.csv has 2 numeric columns (WEEK, ILITOTAL) and none is named the target; the time "
                              "is split over 'YEAR' (the year) and 'WEEK' (the MMWR week of the year)")
    assert message.endswith("; then name what to forecast, e.g. --target ILITOTAL (target= in Python)")
    assert "--target WEEK" not in message


def test_a_frame_s_year_and_week_name_the_target_in_python_s_words():
    with pytest.raises(RnncastError, match=r"; then name what to forecast, e.g\. target='ILITOTAL'$"):
        load_panel(_fluview())


@pytest.mark.parametrize("time_col", [None, "YEAR"])
def test_a_year_and_week_whose_counts_read_as_text_are_refused_not_crashed(time_col):
    """r33r1 1: suppressed counts ("<5") make 'cases' text, WEEK the only number: IndexError (decision 1633)."""
    rows = [(y, w, "<5" if w % 7 == 0 else str(10 + w)) for y in range(2016, 2020) for w in range(1, 53)]
    frame = pd.DataFrame(rows, columns=["YEAR", "WEEK", "cases"])
    with pytest.raises(RnncastError) as info:
        load_panel(frame, time_col=time_col)
    message = str(info.value)
    assert "the time is split over 'YEAR' (the year) and 'WEEK'" in message
    assert message.endswith("no other column holds numbers to forecast: its other column ('cases') holds text")
    assert "target='WEEK'" not in message


@pytest.mark.parametrize("time_col", [None, "YEAR"])
def test_a_long_year_and_week_with_an_id_column_and_no_target_are_told_to_join_and_offered_the_other_column(tmp_path,
                                                                                                           time_col):
    """FluView's YEAR,WEEK,region,cases,rate given --id-col region and no --target was refused "say which column to
    forecast ...; columns: YEAR, WEEK, region, cases, rate", with no join advice: it gets decision 1611's join, each
    week once a year in each region, and names another column as the target (decision 1643)."""
    frame = _fluview(("A", "B")).rename(columns={"ILITOTAL": "cases"})
    frame.assign(rate=frame["cases"] / 10).to_csv(tmp_path / "cdc.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "cdc.csv", id_col="region", time_col=time_col)
    message = str(info.value)
    assert message.startswith("say which column to forecast with target= (--target); columns: YEAR, WEEK, ILITOTAL"
                              .replace("ILITOTAL", "cases, region, rate") + "; the time is split over 'YEAR' (the year) "
                              "and 'WEEK' (the MMWR week of the year)"), message
    assert message.endswith("; then name what to forecast, e.g. --target cases (target= in Python)"), message
    with pytest.raises(RnncastError, match=r"; then name what to forecast, e.g\. target='cases'$"):
        load_panel(frame, id_col="region")
    with pytest.raises(RnncastError, match=r"; columns: YEAR, WEEK, cases, region$"):  # years written once: no join
        load_panel(frame.assign(YEAR=frame["YEAR"] * 0 + 2013, WEEK=np.arange(len(frame))), id_col="region")


def test_a_timedelta_column_beside_the_one_number_is_said_to_hold_timedeltas_not_text():
    """Decision 1865: fit(frame) with a numeric column and a timedelta one said "its other column holds text"."""
    frame = pd.DataFrame({"elapsed": pd.timedelta_range(0, periods=20, freq="15min"), "y": np.arange(20.0)})
    with pytest.raises(RnncastError, match=r"its other column \('elapsed'\) holds timedeltas"):
        load_panel(frame)


def test_no_target_in_a_table_whose_time_runs_across_its_columns_gives_the_long_tables_recipe(tmp_path):
    """t39t2 1 (decision 2110): without --target, an M5 table (item_id, d_1 .. d_60) was told to say which column to
    forecast among all its columns (--target d_1 the first), with or without --id-col."""
    days = pd.DataFrame(np.ones((3, 60)), columns=[f"d_{i}" for i in range(1, 61)])
    path = tmp_path / "m5.csv"
    pd.concat([pd.DataFrame({"item_id": ["A_1", "A_2", "B_1"]}), days], axis=1).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^m5\.csv has 60 numeric columns \(d_1, d_2, d_3, d_4, d_5, \.\.\., d_60\) and "
                                           r"none is named the target\. The table's time runs across its columns: .* "
                                           r"long = df\.melt\(id_vars=\['item_id'\], var_name='d', value_name='y'\)"):
        load_panel(str(path))
    with pytest.raises(RnncastError, match=r"^say which column to forecast with target= \(--target\); columns: item_id, "
                                           r"d_1, .*, d_9 \.\.\. and 51 more\. The table's time runs across .* "
                                           r"then fit it with id_col='item_id', target='y', time_col='d'"):
        load_panel(str(path), id_col="item_id")

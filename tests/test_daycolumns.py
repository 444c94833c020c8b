"""A table whose time runs across its columns (``daycolumns.py``): M5's one row per item and one column per day
(d_1 ... d_N), years or dates as its headers; found where no time column was and a text column names each row, and
told apart from a wide table as rnncast reads it (stores, sensors, tickers as columns; a date column)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.daycolumns import across, melt_hint, recipe, refuse_all
from rnncast.errors import RnncastError


def _m5(n=5, days=10) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.poisson(1.0, (n, days)), columns=[f"d_{i}" for i in range(1, days + 1)])
    frame.insert(0, "item_id", [f"HOBBIES_1_{i:03d}_CA_1_validation" for i in range(n)])
    frame.insert(1, "store_id", "CA_1")
    return frame


def test_m5s_day_columns_and_item_rows_are_found():
    found = across(_m5())
    assert found.days == [f"d_{i}" for i in range(1, 11)] and found.prefix == "d_" and not found.dated
    assert found.ids == ["item_id"] and found.others == ["item_id", "store_id"]


@pytest.mark.parametrize("columns", [[f"F{i}" for i in range(1, 29)], [f"day_{i}" for i in range(1, 8)],
                                     [str(y) for y in range(2010, 2016)],
                                     list(pd.date_range("2015-01-01", periods=6).strftime("%Y-%m-%d"))])
def test_other_day_names_are_found_too(columns):
    frame = pd.DataFrame(np.ones((4, len(columns))), columns=columns)
    frame.insert(0, "name", list("abcd"))
    assert across(frame).days == columns


@pytest.mark.parametrize("make", [
    lambda f: f.insert(0, "date", pd.date_range("2015-01-01", periods=len(f)).strftime("%Y-%m-%d")),  # the time
    lambda f: f.insert(0, "week", [f"Week {i}" for i in range(len(f))]),  # time as text: no series' names
    lambda f: f.insert(0, "store", ["A"] * len(f)),  # no name differs on every row
    lambda f: None,  # numbered sensors alone
])
def test_a_wide_table_as_rnncast_reads_it_is_no_such_table(make):
    """Electricity's MT_001 .. MT_370 beside a date column: one column per series, its time down the rows."""
    frame = pd.DataFrame(np.ones((6, 5)), columns=[f"MT_{i:03d}" for i in range(1, 6)])
    make(frame)
    assert across(frame) is None and melt_hint(frame) == ""


def test_stores_named_by_words_and_too_few_or_unordered_days_are_no_such_table():
    names = pd.Series(list("abcdef"), name="label")
    for columns in (["store_A", "store_B", "store_C"], ["d_1", "d_2"], ["d_3", "d_1", "d_2"]):
        frame = pd.concat([names, pd.DataFrame(np.ones((6, len(columns))), columns=columns)], axis=1)
        assert across(frame) is None, columns
    assert across(_m5(), time_name="date") is None  # a time column found: its rows are the steps


def test_series_all_is_refused_with_the_long_tables_recipe():
    """t39t2 1: series='all' on M5's layout took each day as a series and each item row as a time step."""
    frame = _m5()
    with pytest.raises(RnncastError) as err:
        refuse_all(frame, [f"d_{i}" for i in range(1, 11)], None)
    assert str(err.value) == (
        "series 'all' (--series all) would take each of its columns as a series and each row as a time step: the "
        "table's time runs across its columns: its columns 'd_1', 'd_2' ... 'd_10' (10 of them) are one name and a "
        "rising number, and 'item_id' holds a different text on every row, so each row is a series; give the long "
        "table, one row per series and time step: long = df.melt(id_vars=['item_id', 'store_id'], var_name='d', "
        "value_name='y'); long['d'] = long['d'].str.removeprefix('d_').astype(int); then fit it with "
        "id_col='item_id', target='y', time_col='d' (--id-col item_id --target y --time-col d); or, if each row is a "
        "time step, name the columns to forecast (--target d_1,d_2,...), which reads them as series")
    refuse_all(frame.drop(columns=["item_id", "store_id"]), [f"d_{i}" for i in range(1, 11)], None)  # read as given


def test_the_recipe_makes_the_long_table_it_names():
    df = _m5(3, 4)
    found = across(df)
    scope = {"df": df}
    exec(recipe(found, "sales").split("; then fit")[0], scope)
    long = scope["long"]
    assert list(long.columns) == ["item_id", "store_id", "d", "sales"] and len(long) == 12
    assert long["d"].tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    assert long["sales"].tolist() == df[["d_1", "d_2", "d_3", "d_4"]].T.to_numpy().ravel().tolist()


def test_dates_as_headers_are_kept_as_dates_and_a_key_is_named_by_its_columns():
    dated = pd.DataFrame(np.ones((2, 4)), columns=pd.date_range("2015-01-01", periods=4).strftime("%Y-%m-%d"))
    assert "long = df.reset_index().melt(id_vars=['index'], var_name='date', value_name='y'); then fit" in melt_hint(dated)
    keyed = _m5().rename(columns={"item_id": "item_id,store_id"}).drop(columns="store_id")
    hint = melt_hint(keyed, "sales", None, {"item_id,store_id": ["item_id", "store_id"]})
    assert "'item_id' and 'store_id' together hold a different text on every row" in hint
    assert "id_vars=['item_id', 'store_id']" in hint and "--id-col item_id,store_id --target sales" in hint


def _m5_stores(items=4, days=8) -> pd.DataFrame:
    """M5's sales_train without its joined ``id``: each item in three stores, so no one text column names a row."""
    rng = np.random.default_rng(1)
    keys = pd.DataFrame([(f"FOODS_1_{i:03d}", "FOODS_1", "FOODS", store, store[:2]) for store in ("CA_1", "CA_2", "TX_1")
                         for i in range(items)], columns=["item_id", "dept_id", "cat_id", "store_id", "state_id"])
    sales = pd.DataFrame(rng.poisson(2.0, (len(keys), days)), columns=[f"d_{i}" for i in range(1, days + 1)])
    return pd.concat([keys, sales], axis=1)


def test_a_row_key_of_item_and_store_is_found_where_no_one_column_names_a_row():
    """t39t6: item_id repeats across stores, so decision 2110's one unique text column was not found and series
    'all' read each day as a series (decision 2150); the fewest columns that together name a row are the key."""
    frame = _m5_stores()
    found = across(frame)
    assert found.ids == [] and found.key == ["item_id", "store_id"]
    with pytest.raises(RnncastError) as err:
        refuse_all(frame, found.days, None)
    assert ("and 'item_id' and 'store_id' together hold a different text on every row, so each row is a series; give "
            "the long table, one row per series and time step: long = df.melt(id_vars=['item_id', 'dept_id', "
            "'cat_id', 'store_id', 'state_id'], var_name='d', value_name='y')") in str(err.value)
    assert ("then fit it with id_col=['item_id', 'store_id'], target='y', time_col='d' (--id-col item_id,store_id "
            "--target y --time-col d); or") in str(err.value)
    scope = {"df": frame}
    exec(recipe(found).split("; then fit")[0], scope)
    assert not scope["long"].duplicated(["item_id", "store_id", "d"]).any() and len(scope["long"]) == 12 * 8


def test_text_columns_that_repeat_together_make_no_row_key():
    frame = _m5_stores()
    frame["item_id"] = frame["item_id"].where(frame.index % 2 == 0, frame["item_id"].shift())  # two rows one item
    assert across(frame) is None and melt_hint(frame) == ""


def _probes(columns=None) -> pd.DataFrame:
    """A week of hourly readings: rows labelled by weekday and hour slot, unique together by construction."""
    rng = np.random.default_rng(1)
    columns = columns or [f"probe_{j}" for j in range(1, 7)]
    frame = pd.DataFrame(rng.normal(20, 1, (168, len(columns))), columns=columns)
    frame.insert(0, "weekday", np.repeat(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], 24))
    frame.insert(1, "slot", np.tile([f"h{h:02d}" for h in range(24)], 7))
    return frame


def test_two_label_columns_beside_columns_not_named_as_days_make_no_row_key():
    """t40-t6 M4: probe_1..probe_6 by weekday and hour slot were refused with a recipe of 168 series of 6 steps; a
    key of several columns needs day columns named as days (d_1, dates) or 28 or more (decision 2208)."""
    assert across(_probes()) is None and melt_hint(_probes()) == ""
    many = _probes([f"probe_{j}" for j in range(1, 29)]).assign(weekday=np.repeat(list("ABCDEFG"), 24))
    assert across(many).key == ["weekday", "slot"]  # 28 numbered columns are days, whatever their name


def test_a_column_of_weekday_names_is_no_id_and_the_refusal_names_target():
    frame = _probes([f"d_{j}" for j in range(1, 7)])
    assert across(frame) is None  # weekday is a time label: slot alone repeats
    frame = _m5_stores()
    with pytest.raises(RnncastError, match=r"; or, if each row is a time step, name the columns to forecast "
                                           r"\(--target d_1,d_2,\.\.\.\), which reads them as series$"):
        refuse_all(frame, across(frame).days, None)

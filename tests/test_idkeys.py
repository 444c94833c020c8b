"""A key of several columns offered where the table suggests one (``idkeys.py``): as the key to give,
``id_col=['item_id', 'store_id']`` (``--id-col item_id,store_id``), never a made-up joined column (decision 1031)."""

from __future__ import annotations

import pytest

from rnncast import idkeys


def test_the_advice_names_the_key_as_a_list_and_as_the_command_lines_text():
    assert idkeys.advice(["item_id", "store_id"]) == ("name them together: id_col=['item_id', 'store_id'] "
                                                      "(--id-col item_id,store_id)")
    assert idkeys.advice(["item_id", "store, city"]) == ("name them together: id_col=['item_id', 'store, city'] "
                                                         "(--id-col item_id,\"store, city\")")
    assert "uid" not in idkeys.advice(["a", "b"]) and "astype" not in idkeys.advice(["a", "b"])


def test_the_id_column_of_a_key_of_two_is_written_as_its_columns_in_pandas_lines_and_lists():
    """A key of several read into one internal column 'sku,store' (ids 'sku=A, store=S1') was printed as that column
    in pandas lines and messages (df['sku,store'], subset=['week', 'sku,store']): no table of the user's holds it."""
    attrs = {"key_parts": {"sku,store": ["sku", "store"]}}
    assert idkeys.columns_of("sku,store", attrs) == ["sku", "store"] and idkeys.columns_of("store", attrs) == ["store"]
    assert idkeys.columns_of("a,b") == ["a,b"]  # a column named with a comma, no key: itself
    ids = ["sku=A, store=S1", "sku=B, store=S 2"]
    assert idkeys.series_rows("sku,store", ids, ids[1]) == "(df['sku'] == 'B') & (df['store'] == 'S 2')"
    assert idkeys.series_rows("sku,store", ids, ids[0], op="!=") == "(df['sku'] != 'A') | (df['store'] != 'S1')"
    assert idkeys.series_rows("store", ["a", "b"], "b", op="!=") == "df['store'] != 'b'"
    assert idkeys.series_rows("a,b", ["x", "y"], "y") == "df['a,b'] == 'y'"  # one column named 'a,b'
    assert idkeys.names_of("sku,store", ids) == "'sku', 'store'" and idkeys.names_of("store", ["a"]) == "'store'"


def _stores(tmp_path, store, name="k.csv"):
    """A panel of item A/B by ``store`` (its values as written to the CSV), 30 days, item A at the second store blank."""
    import numpy as np
    import pandas as pd

    rows = [(d, item, s, 1.0) for item in "AB" for s in store for d in pd.date_range("2024-01-01", periods=30)]
    frame = pd.DataFrame(rows, columns=["date", "item", "store", "y"])
    frame.loc[(frame["item"] == "A") & (frame["store"] == store[1]), "y"] = np.nan
    frame.to_csv(tmp_path / name, index=False)
    return tmp_path / name


@pytest.mark.parametrize("store, second", [([1, 2], 2), (["S1", "S2"], "S2"), ([1.5, 2.5], 2.5)])
@pytest.mark.parametrize("key", [True, False])
def test_each_advised_line_run_on_the_file_as_pandas_reads_it_leaves_out_that_series(tmp_path, store, second, key):
    """The line printed for a key of two compared a number column to text and removed nothing:
    df[(df['item'] != 'A') | (df['store'] != '2')] on a store pandas (and rnncast) reads as int64. Each printed
    line is run here on the file as pd.read_csv reads it."""
    import pandas as pd

    from rnncast.errors import RnncastError
    from rnncast.forecaster import Forecaster

    path = _stores(tmp_path, store)
    df = pd.read_csv(path)
    if not key:
        df = df[df["item"] == "A"].drop(columns="item")
        df.to_csv(path, index=False)
    with pytest.raises(RnncastError) as refused:
        Forecaster(lookback=5, horizon=2, epochs=1, hidden_size=4, seed=0).fit(
            str(path), target="y", time_col="date", id_col=["item", "store"] if key else "store")
    line = str(refused.value).split("e.g. with pandas: ", 1)[1]
    assert line.startswith("df = df[")
    kept = eval(line.split("df = ", 1)[1], {"df": df})  # noqa: S307  the line as a user runs it
    gone = (df["store"] == second) & ((df["item"] == "A") if key else True)
    assert len(kept) == len(df) - 30 and kept.index.equals(df.index[~gone])


def test_a_key_value_is_written_as_its_columns_dtype_holds_it():
    assert idkeys.literal("2", "int64") == "2" and idkeys.literal("2", "object") == "'2'"
    assert idkeys.literal("2", None) == "2" and idkeys.literal("007", None) == "'007'" and idkeys.literal("-0") == "'-0'"
    assert idkeys.literal("1.0", "float64") == "1.0" and idkeys.literal("2", "float64") == "2.0"
    assert idkeys.literal(2) == "2" and idkeys.literal(2.0) == "2.0" and idkeys.literal("A") == "'A'"
    assert idkeys.matching(["item", "store"], ["A", "2"], op="!=", dtypes={"store": "int64"}) == (
        "(df['item'] != 'A') | (df['store'] != 2)")
    assert idkeys.series_rows("store", ["1", "2"], "2") == "df['store'] == '2'"  # ids given as text: text
    assert idkeys.series_rows("store", [1, 2], 2, op="!=") == "df['store'] != 2"

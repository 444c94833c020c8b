"""A key of several columns offered where the table suggests one (``idkeys.py``): as the key to give,
``id_col=['item_id', 'store_id']`` (``--id-col item_id,store_id``), never a made-up joined column (decision 1031)."""

from __future__ import annotations

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

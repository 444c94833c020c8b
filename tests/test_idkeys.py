"""A series key of several columns (``idkeys.py``): refused in one line with the pandas line that joins them, as a
list, a tuple or comma'd text, from Python and the command line; never told to "give a list"."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import idkeys
from rnncast.errors import RnncastError
from rnncast.loading import load_panel

JOIN = "df['uid'] = df['item_id'].astype(str) + '_' + df['store_id'].astype(str)"


def _panel() -> pd.DataFrame:
    dates = pd.date_range("2023-01-07", periods=12, freq="W-SAT")
    return pd.concat([pd.DataFrame({"item_id": i, "store_id": s, "date": dates, "sales": np.arange(12.0)})
                      for i in ("F1", "F2") for s in ("CA_1", "CA_2")], ignore_index=True)


@pytest.mark.parametrize("given", [["item_id", "store_id"], ("item_id", "store_id"), "item_id,store_id",
                                   "item_id, store_id"])
def test_a_key_of_two_columns_is_refused_in_one_line_with_the_pandas_line_that_joins_them(given):
    """id_col=['item_id', 'store_id'] was refused as 'id column "['item_id', 'store_id']" not found', after the CLI's
    "give a list" advice for --id-col item_id,store_id."""
    with pytest.raises(RnncastError) as err:
        load_panel(_panel(), target="sales", id_col=given)
    message = str(err.value)
    assert message.startswith(f"id_col takes one column, got {given!r}: a series named by 'item_id' and 'store_id'")
    assert JOIN in message and "id_col='uid' (--id-col uid)" in message
    assert "give a list" not in message and "\n" not in message


@pytest.mark.parametrize("form", ["frame", "index", "file"])
@pytest.mark.parametrize("given", [["item_id", "store_id"], ("item_id", "store_id"), "item_id,store_id"])
def test_a_key_is_refused_in_one_place_once_the_columns_are_known_for_every_form_of_data(given, form, tmp_path):
    """load_panel decides it once the table is read (``idkeys.one_column``): a tuple with a file's path was told
    'id column "('item_id', 'store_id')" not found' (the columns unknown when it was checked), and the id column's
    "not found" (``data.require_column``) had a branch of its own for 'item_id,store_id' that no caller reached."""
    data = {"frame": _panel(), "index": _panel().set_index("store_id"), "file": tmp_path / "m5.csv"}[form]
    _panel().to_csv(tmp_path / "m5.csv", index=False)
    with pytest.raises(RnncastError, match=rf"^id_col takes one column, got {re.escape(repr(given))}: a series named "
                                           r"by 'item_id' and 'store_id' together"):
        load_panel(data, target="sales", id_col=given)


def test_the_joined_column_named_as_advised_is_read_as_one_series_each():
    frame = _panel()
    exec(JOIN, {}, {"df": frame})
    panel = load_panel(frame, target="sales", id_col="uid")
    assert sorted(panel.ids) == ["F1_CA_1", "F1_CA_2", "F2_CA_1", "F2_CA_2"]


def test_one_name_in_a_list_is_told_to_be_text_and_a_two_level_label_stays_one_name():
    with pytest.raises(RnncastError, match=r"^id_col takes one column name as text, got \['item_id'\]: give "
                                           r"id_col='item_id' \(--id-col item_id\)$"):
        load_panel(_panel(), target="sales", id_col=["item_id"])
    idkeys.one_column(("a", "b"), pd.MultiIndex.from_tuples([("a", "b"), ("c", "d")]))  # a column's label: no refusal
    idkeys.one_column(("a", "b"), ["('a', 'b')", "a", "b"])  # that label as the text a read table names it by
    idkeys.one_column("a,b", ["a,b", "a", "b"])  # a column named with a comma is that column
    idkeys.one_column("x,y", ["a", "b"])  # names no columns: left to "not found"


def test_the_command_line_refuses_a_comma_key_with_exit_2_and_no_list_advice(tmp_path, capsys):
    from rnncast.cli import main

    path = tmp_path / "m5.csv"
    _panel().to_csv(path, index=False)
    assert main(["fit", str(path), "--target", "sales", "--id-col", "item_id,store_id", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "id_col takes one column, got 'item_id,store_id'" in err and JOIN in err
    assert "give a list" not in err and "Traceback" not in err


def test_a_tuple_naming_no_columns_is_left_to_not_found_whole():
    with pytest.raises(RnncastError, match=r"^id column \"\('item_id', 'shop'\)\" not found"):
        load_panel(_panel(), target="sales", id_col=("item_id", "shop"))

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

"""Cells a spreadsheet would run as formulas (``formulacells.py``): named once, written verbatim (decision 1649)."""

from __future__ import annotations

import logging

import pandas as pd

from rnncast.formulacells import formulas, say


def test_ids_and_names_beginning_as_a_formula_are_found_and_numbers_are_not():
    frame = pd.DataFrame({"unique_id": ['=HYPERLINK("http://evil.example","click")', "+cmd|calc", "-3", "+1.5e3",
                                       "@SUM(A1)", "\tx", "a=b", "<script>", "+cmd|calc", None],
                          "=1+1": range(10), "ds": pd.date_range("2024-01-01", periods=10)})
    assert formulas(frame) == ["=1+1", '=HYPERLINK("http://evil.example","click")', "+cmd|calc", "@SUM(A1)", "\tx"]
    indexed = pd.DataFrame({"y": [1.0, -2.0]}, index=pd.Index(["-x", "b"], name="@id"))
    assert formulas(indexed) == [] and formulas(indexed, index=True) == ["-x", "@id"]
    assert formulas(pd.DataFrame({"y": [-1.0], "id": ["-1"]})) == []


def test_the_warning_names_the_file_and_the_cells_once(caplog):
    frame = pd.DataFrame({"unique_id": ["+a", "=b", "@c", "-d", "ok"], "y": [1, 2, 3, 4, 5]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        say(frame, "test_forecasts.csv")
        say(frame[["y"]], "clean.csv")
    assert caplog.messages == [
        "test_forecasts.csv holds 4 cells ('+a', '=b', '@c' and 1 more) that a spreadsheet may run as formulas when the "
        "file is opened (each begins with = + - @, a tab or a carriage return); written as the data's file holds them, "
        "so that the file reads back the same: open it in a spreadsheet as text (Excel: Data > From Text/CSV), not by "
        "double-click"]

"""features='all' and a column of numbers but for a few stray cells (rnncast.strayvalues): refused at its first stray
cell as a named feature is, while a text column stays left out with the warning."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast.data import read_table
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.strayvalues import textual


def _frame(x2: list) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({"y": np.sin(np.arange(60) / 5), "x": rng.normal(size=60), "x2": x2,
                         "note": list("abc") * 20})


def test_a_numeric_column_with_a_stray_cell_is_refused_naming_it(tmp_path):
    """It was left out with 'left out, not numeric: ['x2', 'note']', the cell unnamed, and fit ran without it."""
    x2 = [str(0.5 * i) for i in range(60)]
    x2[40] = "oops"
    path = tmp_path / "one_t.csv"
    _frame(x2).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^column 'x2' is not numeric: line 42 of one_t.csv holds 'oops' \(1 "):
        load_panel(read_table(path), target="y", features="all")


def test_a_text_column_with_some_numbers_stays_left_out_with_the_warning(caplog):
    x2 = ["n/a"] * 40 + [str(i) for i in range(20)]  # a third numbers: text with numbers in it
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_frame(x2), target="y", features="all")
    assert panel.features == ["x"] and "left out, not numeric: ['x2', 'note']" in caplog.text


def test_the_threshold_is_more_than_half_the_non_blank_cells(caplog):
    half = pd.DataFrame({"a": ["1", "b", None, " "], "b": ["1", "2", "x", None]})
    assert textual(half, ["a"]) == ["a"]  # 1 of 2 non-blank cells a number: text
    with pytest.raises(RnncastError, match=r"column 'b' is not numeric: row 2 holds 'x'"):
        textual(half, ["b"])  # 2 of 3
    assert textual(pd.DataFrame({"c": ["001", "002"]}), ["c"]) == ["c"]  # all numbers kept as text: left as before
    assert "001" not in caplog.text  # and not said to be read as numbers

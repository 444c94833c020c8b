"""A static attribute's values as written and what fit says of them (``staticvalues.py``): numbers but for a few
words read as categories, said naming those words."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast.static import from_frame


@pytest.mark.parametrize("size", [["10", "12", "20", "large"], [10, 12, 20, "large"]])
def test_numbers_but_for_one_text_value_are_said_read_as_categories_naming_the_value(caplog, size):
    """size = 10, 12, 20, 'large' (a file's text, or a frame's mixed column) became four categories without a word;
    the value that made it so is likely a typo (a tester's finding, decision 577)."""
    table = pd.DataFrame({"unique_id": ["a", "b", "c", "d"], "size": size, "kind": ["x", "y", "x", "big"]})
    with caplog.at_level("WARNING", logger="rnncast"):
        static = from_frame(table, ["a", "b", "c", "d"], "unique_id")
    assert static.categorical_names == ["size", "kind"]  # read as before, and said
    said = [r.getMessage() for r in caplog.records if "static covariate 'size'" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("static covariate 'size' holds numbers but for 'large' (series 'd')"), \
        caplog.text
    assert "'kind'" not in caplog.text  # text categories: nothing to say
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        from_frame(table, ["a", "b", "c", "d"], "unique_id", as_categories=["size"])  # asked for: no warning
    assert "holds numbers but for" not in caplog.text


@pytest.mark.parametrize("name", ["store size", "size, m2", "all", "it's"])
def test_advice_round_trips_a_static_attribute_to_read_as_categories_is_one_name_as_the_flag_reads_it(caplog, name):
    """'--static-categorical store size' (a tester's finding) is read back as 'store' and a stray word: the name is
    written as --static-covariates' is (decision 989), whole numbers and numbers but for a word alike."""
    from test_spelling import read_back
    for values in ([1, 2, 3, 1], ["10", "12", "20", "large"]):
        table = pd.DataFrame({"unique_id": ["a", "b", "c", "d"], name: values})
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            from_frame(table, ["a", "b", "c", "d"], "unique_id")
        said = [r.getMessage() for r in caplog.records if "--static-categorical" in r.getMessage()]
        assert len(said) == 1 and read_back(said[0], "--static-categorical") == [name], said

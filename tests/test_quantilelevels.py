"""Quantile levels (``quantilelevels.py``): read from text, a list or a 1-D array and nothing else, an empty item
or list refused, a level given twice refused as typed and named (decision 1723)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from rnncast import RnncastError
from rnncast.config import Settings
from rnncast.quantilelevels import parse_quantiles


def test_quantile_levels_from_a_list_or_text():
    assert parse_quantiles(None) == () and parse_quantiles([0.25, 0.75]) == (0.25, 0.75)
    assert parse_quantiles("0.25,0.75") == (0.25, 0.75)  # text is the flag's form, read in full


def test_quantile_levels_come_from_text_a_list_or_a_1d_array_and_nothing_else_is_read_as_them():
    from rnncast.settingvalues import plain

    assert parse_quantiles(np.array([0.1, 0.5, 0.9])) == (0.1, 0.5, 0.9)
    assert parse_quantiles("0.1, 0.5,0.9") == (0.1, 0.5, 0.9) and parse_quantiles(None) == ()
    assert plain(np.array([0.1, 0.5])) == [0.1, 0.5]  # kept in model.json as a list
    for text in ("", " , "):  # an empty --quantiles is not a point forecast by accident
        with pytest.raises(RnncastError, match="holds no levels: give levels such as 0.1,0.5,0.9"):
            parse_quantiles(text)
    with pytest.raises(RnncastError, match=r"must be numbers such as 0.1,0.5,0.9, got \(True, 0.5\)"):
        parse_quantiles((True, 0.5))  # named as given, not as [1.0, 0.5]


@pytest.mark.parametrize("text, item", [("0.1,,0.5,0.9", "item 2 of 4"), (",0.1,0.5,0.9,", "item 1 of 5"),
                                        ("0.1,0.5,0.9,", "item 4 of 4"), ("0.1, ,0.5", "item 2 of 3")])
def test_quantile_text_with_an_empty_item_is_refused_by_name_not_read_without_it(text, item):
    """``--quantiles 0.1,,0.5,0.9`` fitted with [0.1, 0.5, 0.9]: the empty item was dropped without a word."""
    with pytest.raises(RnncastError, match=f"^quantiles {re.escape(repr(text))} has an empty item \\({item}\\): give "
                                           "levels separated by single commas, such as 0.1,0.5,0.9$"):
        parse_quantiles(text)
    with pytest.raises(RnncastError, match="has an empty item"):
        Settings.from_flat({"quantiles": text})  # the API's Forecaster(quantiles=...) at fit


@pytest.mark.parametrize("value, says", [
    ("0.5,0.1,0.5", "got 0.5,0.1,0.5: 0.5 is given twice"),
    ("0.5,0.10,0.1", "got 0.5,0.10,0.1: 0.1 is given twice (as 0.10 and 0.1)"),
    ([0.1, 0.5, 0.1, 0.1], "got [0.1, 0.5, 0.1, 0.1]: 0.1 is given 3 times"),
])
def test_a_level_given_twice_is_refused_as_typed_and_named(value, says):
    """t34t5 LOW 7: "must be distinct levels in (0, 1) (in any order), got [0.1, 0.5, 0.5]", the sorted list
    (decision 1662) and no word of which level repeats; now the levels as typed and the repeat (decision 1723)."""
    with pytest.raises(RnncastError, match=r"^quantiles \(--quantiles\) must be distinct levels in \(0, 1\) \(in any "
                                           rf"order\), got {re.escape(says.removeprefix('got '))}$"):
        Settings.from_flat({"quantiles": value})
    assert parse_quantiles("0.9,0.1,0.5") == (0.9, 0.1, 0.5)  # any order, distinct: read as given


def test_a_level_outside_zero_and_one_is_named_with_the_end_it_passes():
    """t39t2 10 (decision 2112): "must be distinct levels in (0, 1) (in any order), got [0.005, 0.5, 1.0]" did not
    say which level was at fault."""
    from rnncast.quantilelevels import outside

    with pytest.raises(RnncastError, match=r"^quantiles \(--quantiles\) must be distinct levels in \(0, 1\) \(in any "
                                           r"order\), got \[0\.005, 0\.5, 1\.0\]: 1\.0 is not below 1$"):
        Settings.from_flat({"quantiles": "0.005,0.5,1"})
    assert outside((-0.1, 0.0, 0.5, 1.5)) == ": 1.5 is not below 1; -0.1 and 0.0 are not above 0"
    assert outside((0.1, 0.5)) == ""

"""Whole numbers written as floats (``wholenumbers.py``): 1871.0 is the integer it holds where integers are read as
time; 1871.5, a missing value or a column of text is left as it is."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.wholenumbers import as_whole, number, whole_view


def test_whole_floats_are_the_integers_they_hold():
    years = pd.Series([1871.0, 1872.0, 1873.0], index=[5, 6, 7], name="year")
    read = as_whole(years)
    assert read.dtype == np.int64 and read.tolist() == [1871, 1872, 1873]
    assert list(read.index) == [5, 6, 7] and read.name == "year"
    assert as_whole(pd.Series([20000131.0, 20000201.0])).tolist() == [20000131, 20000201]


def test_a_part_a_gap_or_no_float_is_left_as_it_is():
    for column in (pd.Series([1871.0, 1871.5]), pd.Series([1871.0, np.nan]), pd.Series([np.nan, np.nan]),
                   pd.Series([1871.0, np.inf]), pd.Series([2.0**60, 1.0]), pd.Series(["1871", "1872"]),
                   pd.Series([1871, 1872])):
        assert as_whole(column) is column


def test_a_view_turns_whole_float_columns_into_integers_and_leaves_the_frame():
    frame = pd.DataFrame({"year": [1950.0, 1951.0, np.nan], "JAN": [23.11, 24.19, 24.5], "step": [1.0, 2.0, 3.0]})
    view = whole_view(frame, ["year", "JAN", "step"])
    assert view["step"].dtype == np.int64 and str(view["year"].dtype) == "Int64"  # a gap: nullable, found by name
    assert view["JAN"].dtype == np.float64
    assert frame["year"].dtype == np.float64 and frame["step"].dtype == np.float64  # the caller's frame unchanged
    assert whole_view(frame, ["JAN"]) is frame


def test_one_value_is_the_integer_it_holds_or_none():
    assert number(1960.0) == number("1960.0") == number(" 1960 ") == number(1960) == number(np.int64(1960)) == 1960
    assert [number(v) for v in (1960.5, "1960.5", "1960-06", True, float("nan"), 2.0**60)] == [None] * 6


def test_a_value_a_column_and_an_index_agree_on_what_is_whole():
    # one owner (all_whole): a cutoff, a float column and a float index read the same floats as integers
    from rnncast.indexcolumns import whole

    for value, held in ((1960.0, 1960), (-3.0, -3), (2.0**53 - 1, 2**53 - 1), (2.0**53, None), (-(2.0**53), None),
                        (1960.5, None), (np.inf, None), (-np.inf, None), (np.nan, None)):
        assert number(value) == held
        column = as_whole(pd.Series([1.0, value]))
        assert (column.dtype == np.int64 and column.iloc[1] == held) if held is not None else column.dtype == np.float64
        index = whole(pd.Index([1.0, value]))
        assert (index is not None and index[1] == held) if held is not None else index is None


def test_one_rule_reads_a_whole_number_of_any_type_and_long_digits_exactly():
    """The rule a cutoff is held by (settingvalues.cutoff_text) and read by (cutoffs.as_time): one function."""
    import decimal
    from fractions import Fraction

    from rnncast.settingvalues import cutoff_text
    given = (np.float32(140), np.uint8(140), "0140", "1.4e2", " +14e1 ", Fraction(140), decimal.Decimal("140.00"))
    assert {number(v) for v in given} == {140} and {cutoff_text(v) for v in given} == {"140"}
    assert number("12345678901234567890") == 12345678901234567890  # exact: past where a float holds every integer
    assert number(decimal.Decimal("12345678901234567890")) == 12345678901234567890
    odd = (Fraction(281, 2), np.bool_(True), decimal.Decimal("NaN"), complex(140), "1e400", "2017Q3", 2.0**53)
    assert [number(v) for v in odd] == [None] * len(odd)

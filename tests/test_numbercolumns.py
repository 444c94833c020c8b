"""A column's values as numbers (``numbercolumns.py``): the first value that is no number (text, a complex number, a
category dtype) or no finite one refused, naming the column and its place (``line N of FILE``, ``row N``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from test_data import write_csv


def test_non_numeric_value_names_column_and_csv_line(tmp_path, frame):
    frame = frame.astype({"y": object})
    frame.loc[5, "y"] = "abc"
    with pytest.raises(RnncastError, match=r"column 'y' is not numeric: line 7 of data\.csv holds 'abc'"):
        load_panel(write_csv(tmp_path, frame), target="y")


def test_non_numeric_value_in_a_frame_names_the_row(frame):
    frame = frame.astype({"x": object})
    frame.loc[4, "x"] = "?"
    with pytest.raises(RnncastError, match=r"column 'x' is not numeric: row 4"):
        load_panel(frame, target="y", features=["x"])


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_infinite_value_names_column_and_line(tmp_path, frame, value):
    frame.loc[7, "y"] = value
    with pytest.raises(RnncastError, match=r"column 'y' holds an infinite value .* line 9 of data\.csv"):
        load_panel(write_csv(tmp_path, frame), target="y")


def test_complex_values_are_refused_as_no_real_numbers_not_cut_to_their_real_part():
    t = np.arange(60)
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=60), "y": np.sin(t / 5) + 1j, "x": np.cos(t)})
    real = frame.assign(y=np.real(frame.y))
    with pytest.raises(RnncastError, match=r"^column 'y' is not numeric: row 0 holds 1j \(60 non-numeric value\(s\) in "
                                           r"all\); .* 1j is a complex number, and the values must be real"):
        load_panel(frame, "y")
    with pytest.raises(RnncastError, match=r"^column 'x' is not numeric: row 0 holds \(1\+0j\) .* is a complex number"):
        load_panel(real.assign(x=real.x + 0j), "y", past_covariates=["x"])  # no imaginary part: still no real dtype
    with pytest.raises(RnncastError, match=r"row 3 holds \(2\+1j\) \(1 non-numeric"):
        load_panel(real.assign(y=real.y.astype(object).where(t != 3, 2 + 1j)), "y")  # Python's, among floats
    with pytest.raises(RnncastError, match=r"^column '0' is not numeric: row 0 holds 1j"):
        load_panel(np.sin(t / 5) + 1j)
    with pytest.raises(RnncastError, match=r"'\(1\+2j\)' is a complex number"):
        load_panel(real.assign(y=real.y.astype(str).where(t != 0, "(1+2j)")), "y")  # written as text


@pytest.mark.parametrize("categories", [["none", "bogo", "pct"], [20, 10, 5]])
def test_a_covariate_of_dtype_category_is_refused_by_name_with_what_to_give(frame, categories):
    # its codes (or its categories' numbers) would be read as amounts, an order the categories do not have
    frame = frame.assign(x=pd.Categorical([categories[i % 3] for i in range(len(frame))], categories=categories))
    with pytest.raises(RnncastError, match=r"^column 'x' is of pandas dtype 'category' \(3 categories: .*\): .*"
                       r"pd\.get_dummies\(.*astype\(float\)"):
        load_panel(frame, target="y", features=["x"])

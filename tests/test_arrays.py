"""arrays: a NumPy array or list handed over as a table."""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.arrays import as_table


def test_a_masked_array_s_masked_entries_are_missing_not_the_values_under_the_mask():
    values = np.sin(np.arange(300) / 5) * 50 + 80
    masked = np.ma.masked_array(values, mask=values > 120)  # the values under the mask: 120 .. 130
    frame = as_table(masked)
    assert frame["0"].isna().sum() == int((values > 120).sum()) and np.isnan(frame["0"][values > 120]).all()
    with pytest.raises(RnncastError, match=r"^column '0' has a missing value \(NaN\) at row 5 \(64 missing in all\)"):
        Forecaster(**{**TINY, "epochs": 1}).fit(masked)
    filled = Forecaster(**{**TINY, "epochs": 1, "fill": "interpolate"}).fit(masked)
    assert filled.train_mean_[0] < 120  # no masked value (all above 120) left in the training rows' mean
    np.testing.assert_array_equal(as_table(np.ma.masked_array(values, mask=False))["0"].to_numpy(), values)
    with pytest.raises(RnncastError, match=r"^a masked array of <U1 values: give numbers"):
        as_table(np.ma.masked_array(np.array(list("abcd")), mask=[0, 1, 0, 0]))


@pytest.mark.parametrize("rows, how", [(1, "array.ravel() for one series"), (2, "array.T for one series per row")])
def test_an_array_whose_time_runs_across_is_refused_saying_how_to_turn_it(rows, how):
    array = np.tile(np.sin(np.arange(500) / 5), (rows, 1))
    with pytest.raises(RnncastError, match=rf"^the array has shape \({rows}, 500\): {rows} rows? of 500 columns, and "
                                           rf"rnncast reads time down the rows \(\[time, columns\]\); give {re.escape(how)}"):
        as_table(array)
    assert as_table(array.T).shape == (500, rows)
    assert as_table(np.ones((2, 3))).shape == (2, 3)  # a small table: read as given (too short is said later)

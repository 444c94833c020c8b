"""rowseries: the series number of each row of series stored back to back."""

import numpy as np

from rnncast.rowseries import row_series


def test_row_series_numbers_each_row_by_the_series_its_offsets_put_it_in():
    """Eight modules spelled out np.repeat(np.arange(S), np.diff(offsets)); one helper beside the offsets now."""
    assert row_series(np.array([0, 2, 2, 5])).tolist() == [0, 0, 2, 2, 2]  # an empty series holds no row
    assert row_series([0, 3]).dtype == np.int64 and len(row_series([0])) == 0

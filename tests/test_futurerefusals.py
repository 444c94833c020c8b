"""What a refusal of future values says (``futurerefusals.py``): the series that ended before the others are named
with both ways out. The refusals' other clauses (a non-number's place, a blank value's column, date and line, the steps
each series misses) are checked through predict in test_future.py, on its fitted models."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.future import align_future


def test_missing_future_values_of_series_that_ended_name_both_ways_out_in_the_refusal():
    """A discontinued item (last row months before the others) was refused for lacking future values at its own
    forecast dates, "predict needs them for the 8 steps after each series' last row"; that leaving it out is the
    other way was said only in an earlier warning (t27t1). The one line names both, and the series that ended."""
    early = pd.date_range("2024-01-07", periods=3, freq="W")
    late = pd.date_range("2024-06-02", periods=3, freq="W")
    future = pd.DataFrame({"id": np.repeat(["a", "b", "c"], 3), "ds": np.tile(late, 3), "promo": 1.0})
    with pytest.raises(RnncastError) as err:
        align_future(future, ["a", "b", "c"], [late, early, early], ["promo"], id_col="id", time_col="ds", tz=None)
    assert str(err.value).endswith("predict needs them for the 3 steps after each series' last row: give them at "
                                   "those dates, or, as 2 of these series end before the others (every forecast step "
                                   "before 2024-06-02), leave their rows out of the data to forecast only the series "
                                   "still running ('b', 'c')")
    with pytest.raises(RnncastError) as err:  # a series still running lacking its values: no series to leave out
        align_future(future.iloc[:2], ["a", "b"], [late, late], ["promo"], id_col="id", time_col="ds", tz=None)
    assert str(err.value).endswith("after each series' last row")
    with pytest.raises(RnncastError) as err:  # 'b' runs on to the end only as fill='zero' wrote its last weeks 0
        align_future(future.iloc[:3], ["a", "b"], [late, late], ["promo"], id_col="id", time_col="ds", tz=None,
                     zero_tail={1: 3})
    assert str(err.value).endswith("after each series' last row: give them at those dates, or, where that series "
                                   "ended (discontinued) rather than selling nothing in the steps after its last row "
                                   "that fill='zero' wrote 0 in ('b': 3 steps), leave its rows out of the data")

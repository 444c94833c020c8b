"""Columns that count the rows: found (integers, or floats of whole numbers, up by one each row; not dates), and a
counter that starts away from 0 said not to number the forecasts. Moved here with rowcounters.py from labels.py;
how a load says them is tested in test_labels.py and test_loading.py."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.rowcounters import counted_from, row_counters


def test_a_counter_is_up_by_one_each_row_and_compact_dates_up_by_one_are_dates():
    frame = pd.DataFrame({"n": np.arange(5, 10), "d": np.arange(20150101, 20150106), "v": [1, 3, 2, 4, 5]})
    assert row_counters(frame, ["n", "d", "v", "gone"]) == ["n"]  # compact dates up by one are dates


def test_a_counter_written_as_floats_counts_and_half_steps_or_a_gap_do_not():
    frame = pd.DataFrame({"n": np.arange(40) * 1.0, "sales": np.random.default_rng(0).normal(100, 5, 40)})
    assert row_counters(frame, ["n", "sales"]) == ["n"]
    assert row_counters(frame.assign(n=np.arange(40) * 0.5), ["n"]) == []
    assert row_counters(frame.assign(n=np.r_[np.arange(39.0), np.nan]), ["n"]) == []


def test_a_counter_away_from_0_is_said_not_to_number_the_forecasts():
    t = np.arange(300, 800)
    frame = pd.DataFrame({"t": t, "y": np.sin(t / 10)})
    assert counted_from(frame, ["t"]) == ("column 't' runs 300-799, not the rows' 0-499, so forecasts are numbered by row "
                                         "(500 on); to continue 't' (800 on), name it with time_col= (--time-col)")
    assert counted_from(frame.assign(t=np.arange(500)), ["t"]) == ""  # the tutorials' t from 0: the rows' own numbers

"""``load_panel`` (``loading.py``): a table read into a ``Panel`` whose series each keep their own
length, start and rows in time order; the same timestamp in two series is fine, a repeated or
unsorted timestamp within one series is refused with its place (and its series)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel

# ---- many series, one array ----------------------------------------------------------------------

def test_long_format_keeps_each_series_with_its_own_length_and_start(panel_frame):
    shuffled = panel_frame.sample(frac=1.0, random_state=0)  # row order carries no meaning in long format
    panel = load_panel(shuffled)
    sizes = panel_frame.groupby("unique_id").size()
    assert panel.ids == sorted(sizes.index) and list(panel.lengths) == list(sizes.loc[panel.ids])
    for s, uid in enumerate(panel.ids):
        rows = panel_frame[panel_frame.unique_id == uid]
        assert np.array_equal(panel.rows(s)[:, 0], rows["y"].to_numpy(np.float64))  # sorted back into time order
        assert panel.time_of(s)[0] == rows["ds"].iloc[0]
    assert panel.calendar.freq == pd.tseries.frequencies.to_offset("h") and panel.columns == ["y"]


def test_an_integer_column_label_0_names_the_id_column(panel_frame):
    """``id_col=0`` is a column label like any other (a table with integer labels), not "no id column"."""
    numbered = panel_frame[["unique_id", "ds", "y"]].set_axis([0, 1, 2], axis=1)
    panel = load_panel(numbered, target=[2], time_col=1, id_col=0)
    expected = load_panel(panel_frame[["unique_id", "ds", "y"]])
    assert panel.layout == "long" and panel.id_col == "0" and panel.ids == expected.ids
    assert np.array_equal(panel.values, expected.values) and list(panel.offsets) == list(expected.offsets)


def test_the_same_timestamp_in_two_series_is_fine(panel_frame):
    aligned = panel_frame.copy()
    aligned["ds"] = aligned.groupby("unique_id").cumcount().map(lambda k: pd.Timestamp("2024-01-01") + pd.Timedelta(hours=k))
    assert load_panel(aligned).n_series == 4


# ---- the order of time within a series ------------------------------------------------------------

def test_duplicated_timestamp_is_refused(frame):
    frame.loc[9, "date"] = frame.loc[8, "date"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-01-01 08:00:00"):
        load_panel(frame, target="y")


def test_unsorted_timestamps_are_refused(frame):
    frame.loc[[8, 9], "date"] = frame.loc[[9, 8], "date"].to_numpy()
    with pytest.raises(RnncastError, match=r"not sorted"):
        load_panel(frame, target="y")


def test_duplicate_timestamps_within_a_series_are_refused_with_the_series_named(panel_frame):
    frame = panel_frame.copy()
    first = frame.index[frame.unique_id == "s002"][5]
    frame.loc[first + 1, "ds"] = frame.loc[first, "ds"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp .* in series 's002' at row \d+ and row \d+"):
        Forecaster(**TINY).fit(frame)


def test_a_long_table_read_as_one_series_names_the_id_column_it_forgot():
    """Three stores in one file without id_col: the times repeat, and the refusal names the text
    column that tells the series apart (a newcomer was told only to sort the rows by time)."""
    days = pd.date_range("2021-01-01", periods=30, freq="D")
    frame = pd.concat([pd.DataFrame({"store": s, "date": days, "sales": np.arange(30.0)}) for s in ("A", "B", "C")])
    for table in (frame, frame.sort_values("date")):
        with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), "
                                               r"e\.g\. 'store'"):
            load_panel(table, target="sales")
    numbered = frame.assign(store=frame["store"].map({"A": 1, "B": 2, "C": 3}))  # ids as whole numbers
    with pytest.raises(RnncastError, match=r"with id_col= \(--id-col\), e\.g\. 'store'"):
        load_panel(numbered, target="sales")
    with pytest.raises(RnncastError) as err:  # no such column: the refusal as before, no guess
        load_panel(frame.drop(columns="store"), target="sales")
    assert "id_col" not in str(err.value)

"""Each series' rows in time order (``timeorder``): a time given twice is named first, wherever its rows lie."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _stores(n: int = 24) -> pd.DataFrame:
    t = pd.date_range("2022-01-31", periods=n, freq="ME")
    return pd.concat([pd.DataFrame({"store": s, "month": t, "sales": np.arange(n, dtype=float) + k})
                      for k, s in enumerate(["S01", "S02", "S03"])], ignore_index=True)


def test_a_row_pasted_again_at_the_end_is_named_a_duplicate_not_a_table_to_sort():
    """A retail tester's duplicated row at the end of a long table was refused as "timestamps are not sorted in series
    'S02' ... sort the rows by time"; sorted, it was then a duplicate."""
    frame = _stores()
    pasted = pd.concat([frame, frame.iloc[[30]]], ignore_index=True)  # S02's 2022-07-31 again, last
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2022-07-31 in series 'S02' at row 30 and row 72; "
                                           "each time step of a series must appear once"):
        load_panel(pasted, target="sales", id_col="store", time_col="month")


def test_a_duplicate_is_named_in_newest_first_rows_too_and_a_step_back_alone_is_still_a_table_to_sort():
    frame = _stores()
    newest = frame.iloc[::-1].reset_index(drop=True)
    with pytest.raises(RnncastError, match="duplicated timestamp 2022-03-31 in series 'S03'"):
        load_panel(pd.concat([newest, newest.iloc[[21]]], ignore_index=True), target="sales", id_col="store",
                   time_col="month")
    swapped = frame.copy()
    swapped.loc[[3, 4], "month"] = swapped.loc[[4, 3], "month"].to_numpy()
    with pytest.raises(RnncastError, match="timestamps are not sorted in series 'S01'"):
        load_panel(swapped, target="sales", id_col="store", time_col="month")


def test_a_clock_reset_is_named_with_how_far_back_not_called_a_duplicate_to_drop():
    """A device rebooted an hour back and read on (an IoT tester's): "duplicated timestamp ... a revised value? keep the
    later row ... drop_duplicates", advice that overwrote 60 real readings, or off the minute grid "sort the rows by
    time", which would interleave two stretches; a swapped pair or a row pasted at the end is not such a reset."""
    t = pd.date_range("2026-11-01 20:00", periods=60, freq="min")
    rebooted = pd.date_range("2026-11-01 20:00:30", periods=80, freq="min")  # and on past 20:59
    on = pd.DataFrame({"device": "d1", "ts": t.append(rebooted), "value": np.arange(140.0)})
    with pytest.raises(RnncastError, match=r"series 'd1' goes back 58 min 30 s at row 60 \(2026-11-01 20:00:30 after "
                                           r"2026-11-01 20:59:00\) and its next 58 rows stay before "
                                           r"2026-11-01 20:59:00: a clock reset .* or another series' rows .*\? dropping the duplicates or "
                                           r"sorting by time would mix two stretches of readings$"):
        load_panel(on, target="value", id_col="device", time_col="ts")
    again = on.assign(ts=t.append(rebooted.floor("min")))  # on the minute grid: 59 rows repeat earlier times
    with pytest.raises(RnncastError, match="goes back 59 min at row 60") as refused:
        load_panel(again, target="value", id_col="device", time_col="ts")
    assert "drop_duplicates" not in str(refused.value)



def test_many_duplicated_times_are_counted_in_rows_and_series_beside_the_pair_named():
    """A retail tester's 2,000-series file with a revised row appended for 250 series: the refusal named the first
    pair alone, while the non-numeric and missing-value refusals count theirs."""
    days = pd.date_range("2024-01-01", periods=10)
    frame = pd.DataFrame({"id": np.repeat(["a", "b", "c"], 10), "ds": np.tile(days, 3), "y": np.arange(30.0)})
    again = frame[frame["id"].isin(["a", "b"])].groupby("id").head(2)  # 2 rows of a, 2 of b given again at the end
    with pytest.raises(RnncastError, match=r"in series 'a' at row 0 and row 30 \(4 rows repeat a time of their series, "
                                           r"in 2 series\); each time step"):
        load_panel(pd.concat([frame, again], ignore_index=True), target="y", id_col="id", time_col="ds")
    with pytest.raises(RnncastError) as one:  # one pair: nothing more to count
        load_panel(pd.concat([frame, again.iloc[:1]], ignore_index=True), target="y", id_col="id", time_col="ds")
    assert "rows repeat a time" not in str(one.value)


def test_a_wide_tables_repeated_time_names_every_series_of_the_row_and_those_whose_values_differ():
    """t31t5 (decision 1463): a 3-series wide table whose 2023-01-11 row was given twice, only 'a' changed, was refused
    "duplicated timestamp 2023-01-11 in series 'a'", as if b and c did not repeat it."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=30), "A": np.arange(30.0), "B": np.arange(30.0) + 1,
                          "C": np.arange(30.0) + 2})
    again = frame.iloc[sorted([*range(30), 3])].reset_index(drop=True)
    again.loc[4, "A"] = 99.0
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-01-04 at row 3 and row 4, a row of the table "
                                           r"given twice for its 3 series 'A', 'B' and 'C' \(their values differ in 'A'; "
                                           r"the same in 'B' and 'C'\); each time step"):
        load_panel(again, series=["A", "B", "C"], time_col="ds")
    with pytest.raises(RnncastError) as err:  # alike: the rows named identical by the hint, not twice
        load_panel(frame.iloc[sorted([*range(30), 3])], series=["A", "B", "C"], time_col="ds")
    assert "given twice for its 3 series 'A', 'B' and 'C'; each time step" in str(err.value)


def test_a_wide_tables_repeated_rows_are_counted_as_rows_of_the_table():
    """t30t9: one repeated row of a wide table (3 series) was said as "3 rows repeat a time of their series, in 3
    series"; one row is named alone, and more are counted as the table's rows."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=30), "A": np.arange(30.0), "B": np.arange(30.0) + 1,
                          "C": np.arange(30.0) + 2})
    with pytest.raises(RnncastError) as err:
        load_panel(frame.iloc[sorted([*range(30), 3])], series=["A", "B", "C"], time_col="ds")
    assert "repeat" not in str(err.value).split("; each time step")[0]
    with pytest.raises(RnncastError, match=r"\(2 rows of the table repeat an earlier row's time, in 3 series\)"):
        load_panel(frame.iloc[sorted([*range(30), 3, 7])], series=["A", "B", "C"], time_col="ds")


def _ragged() -> pd.DataFrame:
    """3 stores of 193, 213 and 233 days from 2024-01-01, stacked, alike in level (t37t4's f3.py)."""
    rng = np.random.default_rng(0)
    return pd.concat([pd.DataFrame({"store": s, "date": pd.date_range("2024-01-01", periods=n, freq="D"),
                                    "sales": 50 + 5 * np.sin(np.arange(n) * 2 * np.pi / 7) + rng.normal(0, 1, n)})
                      for s, n in [("A", 193), ("B", 213), ("C", 233)]], ignore_index=True)


def test_stacked_series_of_different_lengths_read_as_one_are_told_their_id_column_not_only_a_clock_reset():
    """t37t4 (decision 1987): stores of different lengths stacked without id_col, or as a MultiIndex (store, date), got
    "a clock reset ... or another series' rows (give their id column)?" naming neither 'store' nor id_col=, while
    equal lengths got the duplicated-timestamp line that names both; a one-series model was told to give an id column."""
    long = _ragged()
    for data in (long, long.set_index(["store", "date"])):
        with pytest.raises(RnncastError, match=r"goes back 192 d at row 193 .* another series' rows\? dropping the "
                                               r"duplicates .* readings; the table was read as ONE series \(no id_col "
                                               r"given\): .* with id_col= \(--id-col\), e.g. 'store'$"):
            load_panel(data, target="sales")
    from rnncast.spelling import one_series
    with one_series("the model, fitted on one series,"), pytest.raises(RnncastError) as model:
        load_panel(long, target="sales")
    assert str(model.value).endswith("(told apart by 'store'?), the model, fitted on one series, takes one series: "
                                     "give it the rows of one of them") and "id_col" not in str(model.value)
    with one_series("the model, fitted on one series,"), pytest.raises(RnncastError) as bare:  # no column to name
        load_panel(long.drop(columns="store"), target="sales")
    assert "another series' rows (the model, fitted on one series, takes one series: give it the rows of one)?" in \
        str(bare.value) and "id column" not in str(bare.value)

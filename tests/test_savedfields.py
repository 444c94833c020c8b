"""A saved model's fields read back and judged (``savedfields.py``); the refusals they make are
tests/test_state.py's, through ``FittedState.read``."""

from __future__ import annotations

import pytest

from rnncast.savedfields import across_gaps, borders, diverged_epoch, given_params, out_of_order, tuple_params


def test_split_dates_that_go_back_in_time_are_named_and_others_pass():
    """Decision 558: a first test date before the first validation date made evaluate score validation as test."""
    assert out_of_order(["2024-01-01T00:00:00", "2024-07-29T00:00:00", "2024-06-01T00:00:00", "2024-09-01T00:00:00"]) == (
        "first test 2024-06-01T00:00:00 before first validation 2024-07-29T00:00:00")
    assert out_of_order([None, "2024-07-29", "2024-08-28", "2024-09-01"]) is None  # a model saved with three
    assert out_of_order(["2024-01-01", "2024-07-29", None, None]) is None  # empty parts: None
    assert out_of_order([0, 20, 25, 29]) is None and out_of_order([0, 25, 20, 29]) == "first test 20 before first validation 25"
    assert out_of_order(["2024-01-01/2024-01-07", "x", "y", "z"]) is None  # weeks: not timestamps, left to the rows


def test_borders_of_three_or_four_times_are_read_and_others_refused():
    assert borders([["a", "b", "c"]], 1) == [["a", "b", "c"]] and borders(None, 2) is None
    with pytest.raises(ValueError, match="borders must be 2 lists of 4 times"):
        borders([["a", "b"]], 2)


def test_the_fits_windows_across_missing_rows_are_read_and_others_refused():
    """Decision 720: absent (a model saved before they were counted, or none did) reads None."""
    kept = {"training": {"windows": 3, "of": 10}, "test": {"windows": 0, "of": 4}, "series": 1}
    assert across_gaps(kept) == kept and across_gaps(None) is None
    for bad in ({"training": {"windows": 3, "of": 10}}, {"series": 1, "train": {"windows": 3, "of": 10}},
                {"series": 1, "training": {"windows": 11, "of": 10}}, {"series": True}, [3, 10],
                {"series": 1, "training": {"windows": -1, "of": 10}}):
        with pytest.raises(ValueError, match=r"across_gaps must be absent or \{training, validation, test: "):
            across_gaps(bad)


def test_later_rows_keeps_the_features_together_and_a_row_before_the_window_and_reads_older_records():
    from rnncast.savedfields import later_rows

    base = {"column": "a", "rows": 1, "r2": 0.5, "same_r2": 0.0, "window_r2": 0.01, "lags": 8}
    assert later_rows(base) == base  # a model saved before 2026-12-05
    full = {**base, "joint": {"rows": 1, "r2": 1.0}, "earlier": {"column": "b", "rows": 30, "r2": 0.9}}
    assert later_rows(full) == full
    with pytest.raises(ValueError, match="later_rows must be null or"):
        later_rows({**base, "joint": 0.9})
    with pytest.raises(ValueError, match="later_rows must be null or"):
        later_rows({**base, "other": 1})


def test_the_squeezed_column_is_read_and_others_refused():
    from rnncast.savedfields import squeezed

    saved = {"series": None, "target": True, "column": "y", "value": 1e6, "time": "2020-02-20", "more": 0,
             "near": 100.0, "squeeze": 8700.0}
    assert squeezed(saved) == saved and squeezed(None) is None
    for bad in ({**saved, "target": "yes"}, {**saved, "value": "big"}, {"column": "y"}, [1, 2]):
        with pytest.raises(ValueError, match="^squeezed must be absent or"):
            squeezed(bad)


def test_value_ranges_are_four_finite_numbers_or_null_per_series_and_column():
    from rnncast.savedfields import value_ranges

    saved = [[[12, 3.0, 5.4, 18.8], None]]
    assert value_ranges(saved, 1, 2) == [[[12.0, 3.0, 5.4, 18.8], None]]
    assert value_ranges(None, 1, 2) is None  # a model saved before they were kept
    for bad in ([[[12, 0.0, 5.4, 18.8], None]], [[[12, 3.0, 5.4], None]], [[[12, 3.0, 5.4, float("nan")], None]],
                [[[12, 3.0, 5.4, 18.8]]], [[None, None]] * 2, {"y": [1, 2, 3, 4]}):
        with pytest.raises(ValueError, match="value_ranges must be absent or"):
            value_ranges(bad, 1, 2)


def test_diverged_epoch_is_an_epoch_from_1_or_none():
    assert diverged_epoch(None) is None and diverged_epoch(3) == 3
    for bad in (0, True, 2.5, "3"):
        with pytest.raises(ValueError, match="diverged_epoch must be null or an epoch"):
            diverged_epoch(bad)


def test_lists_json_wrote_come_back_as_given_and_old_files_read_quantiles_as_a_tuple():
    params = {"quantiles": (0.1, 0.5, 0.9), "lookback": 8}
    assert tuple_params(params) == ["quantiles"]
    written = {"quantiles": [0.1, 0.5, 0.9], "lookback": 8}
    assert given_params(written, ["quantiles"]) == params
    assert given_params(written, []) == written  # given as a list: a list
    assert given_params(written, None) == params and given_params({"quantiles": []}, None) == {"quantiles": None}
    with pytest.raises(ValueError, match="tuple_params must name list-valued params"):
        given_params(written, ["lookback"])

"""Blank labels of a model of the features alone without a fill: stood in and marked at reading, their windows left
out of training, the rows at the end without one said at evaluate."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pytest

from rnncast import RnncastError, blanklabels


def test_blank_labels_are_stood_in_and_marked_and_features_left_as_given():
    values = np.array([[1.0, 5.0], [np.nan, 6.0], [3.0, np.nan], [np.nan, 8.0],  # series 0
                       [np.nan, 1.0], [np.nan, 2.0]])  # series 1: no label at all
    out, marks = blanklabels.stand_in(values, np.array([0, 4, 6]), 1)
    assert out[1, 0] == 2.0 and out[3, 0] == 3.0  # the line between the labels, the last one carried flat
    assert np.isnan(out[2, 1])  # a feature: left to the missing-value check
    assert np.isnan(out[4:, 0]).all()  # a series without a label: refused as a column without values
    assert (marks[:, 0] == blanklabels.MARK).tolist() == [False, True, False, True, False, False]
    assert not marks[:, 1].any()


def test_nothing_blank_is_nothing_marked():
    values = np.arange(6.0).reshape(3, 2)
    out, marks = blanklabels.stand_in(values, np.array([0, 3]), 1)
    assert out is values and marks is None


def _panel(labels):
    """A one-series stand-in of a Panel: ``labels`` [N] with NaN where blank, marked as reading marks them."""
    values, filled = blanklabels.stand_in(np.column_stack([labels, np.ones(len(labels))]), np.array([0, len(labels)]), 1)
    return SimpleNamespace(filled=filled, n_targets=1, n_series=1, offsets=np.array([0, len(labels)]), targets=["y"],
                           time=None, given_id=lambda s: None)


DATA = SimpleNamespace(target_input=False, fill=None, lookback=2, horizon=2)


def test_windows_without_a_label_are_left_out_and_the_others_keep_theirs(caplog):
    labels = np.array([1.0, 2.0, np.nan, np.nan, 5.0, np.nan, 7.0, 8.0])
    starts = np.arange(5)  # targets at rows s + 2, s + 3
    with caplog.at_level(logging.INFO, logger="rnncast"):
        kept_starts, series, keep = blanklabels.training_windows(_panel(labels), starts, np.zeros(5, int), DATA)
    assert kept_starts.tolist() == [1, 2, 3, 4]  # window 0's targets (rows 2, 3) are both blank
    assert keep.tolist() == [[[False], [True]], [[True], [False]], [[False], [True]], [[True], [True]]]
    assert "1 of the 5 training windows has no label" in caplog.text


def test_other_models_train_on_every_window():
    starts = np.arange(5)
    panel = _panel(np.array([1.0, 2.0, np.nan, np.nan, 5.0, np.nan, 7.0, 8.0]))
    data = SimpleNamespace(**{**vars(DATA), "target_input": True})
    assert blanklabels.training_windows(panel, starts, np.zeros(5, int), data)[2] is None


def test_a_fill_fills_the_features_and_leaves_the_blank_labels_out_as_without_one():
    """Decision 2178: a model of the features alone with a fill trained on the labels the fill made."""
    starts = np.arange(5)
    panel = _panel(np.array([1.0, 2.0, np.nan, np.nan, 5.0, np.nan, 7.0, 8.0]))
    filled = SimpleNamespace(**{**vars(DATA), "fill": "interpolate"})
    assert blanklabels.masked(filled)
    assert blanklabels.training_windows(panel, starts, np.zeros(5, int), filled)[0].tolist() == [1, 2, 3, 4]


def test_the_sequence_scheme_is_refused_where_a_label_is_blank():
    panel = _panel(np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0]))
    with pytest.raises(RnncastError, match="scheme 'sequence'"):
        blanklabels.training_windows(panel, np.arange(3), np.zeros(3, int), DATA, "sequence")


def test_no_training_label_at_all_is_refused():
    panel = _panel(np.array([1.0, 2.0, np.nan, np.nan, np.nan, 6.0]))
    with pytest.raises(RnncastError, match="every training window's label is blank"):
        blanklabels.training_windows(panel, np.arange(1), np.zeros(1, int), DATA)


def test_rows_at_the_end_without_a_label_are_said_at_evaluate_only(caplog):
    panel = _panel(np.array([1.0, 2.0, np.nan, 4.0, np.nan, np.nan]))
    blanklabels.trailing(panel, "forecast")
    assert not caplog.text
    blanklabels.trailing(panel, "scored")
    assert "the last 2 rows have no value of y: rows without a label cannot be scored" in caplog.text

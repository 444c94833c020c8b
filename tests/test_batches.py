"""Batch sources (``batches.py``): window batches hold a view of the series (only the batch is
copied) and gather the right rows: the inputs, the targets over the horizon, the future-known
features beside them. Sequence chunks that never cross a series are tested in test_fitting.py."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnncast.batches import SequenceBatches, WindowBatches, epoch_draw


def test_window_batches_hold_a_view_and_gather_the_right_rows():
    values = torch.arange(60, dtype=torch.float32).reshape(20, 3)  # 1 target, 2 features
    starts = np.array([0, 4, 9])
    batches = WindowBatches(values, starts, lookback=5, horizon=2, n_targets=1, future_known=True, batch_size=None)
    assert batches.windows.untyped_storage().data_ptr() == values.untyped_storage().data_ptr()
    batch = batches.gather(torch.as_tensor(starts))
    for i, s in enumerate(starts):
        assert torch.equal(batch.x[i], values[s : s + 5])
        assert torch.equal(batch.y[i], values[s + 5 : s + 7, :1])
        assert torch.equal(batch.future[i], values[s + 5 : s + 7, 1:])


def test_a_mask_of_counted_targets_travels_with_the_windows_it_belongs_to():
    values = torch.arange(40, dtype=torch.float32).reshape(20, 2)
    keep = np.ones((3, 2, 1), dtype=bool)
    keep[1, 0, 0] = False  # window 1's first target made by fill
    batches = WindowBatches(values, np.array([0, 4, 9]), lookback=5, horizon=2, n_targets=1, future_known=False,
                            batch_size=None, keep=keep)
    batch = batches.take(torch.tensor([2, 1]))
    assert batch.keep.tolist() == [[[True], [True]], [[False], [True]]]
    plain = WindowBatches(values, np.array([0, 4, 9]), lookback=5, horizon=2, n_targets=1, future_known=False,
                          batch_size=None)
    assert plain.take(torch.tensor([2, 1])).keep is None and torch.equal(plain.take(torch.tensor([2, 1])).y, batch.y)


def test_an_epoch_max_batches_cuts_short_says_what_it_draws_and_a_full_pass_says_nothing():
    values = torch.zeros(200, 2)
    starts = np.arange(150)
    batches = WindowBatches(values, starts, lookback=5, horizon=2, n_targets=1, future_known=False, batch_size=16)
    assert epoch_draw(batches, 3) == {"batches": 3, "drawn": 48, "total": 150, "unit": "windows"}
    assert epoch_draw(batches, 10) is None  # 10 batches of 16 hold all 150 windows
    assert epoch_draw(batches, 0) is None  # 0: every window once
    chunks = SequenceBatches(values, 200, lookback=5, horizon=2, n_targets=1, chunk=8, batch_size=2)
    assert epoch_draw(chunks, 3) == {"batches": 3, "drawn": 6, "total": len(chunks), "unit": "chunks"}


def test_kept_mean_counts_the_kept_targets_alone():
    """A blank label's term is zero, with no gradient, and the mean is over the labels kept."""
    from rnncast.batches import Batch, kept_mean

    y = torch.tensor([[[1.0], [2.0]], [[3.0], [4.0]]])  # [B, H, T]
    pred = torch.tensor([[[2.0], [9.0]], [[3.0], [6.0]]], requires_grad=True)
    keep = torch.tensor([[[True], [False]], [[True], [True]]])
    loss = kept_mean(torch.nn.functional.mse_loss, pred, Batch(torch.zeros(2, 1, 1), y, None, keep=keep))
    assert loss.item() == pytest.approx((1.0 + 0.0 + 4.0) / 3)
    loss.backward()
    assert pred.grad[0, 1, 0] == 0 and pred.grad[0, 0, 0] != 0
    assert kept_mean(torch.nn.functional.mse_loss, pred, Batch(torch.zeros(2, 1, 1), y, None)).item() == \
        pytest.approx((1 + 49 + 0 + 4) / 4)


def test_dated_windows_read_their_future_inputs_from_the_values_given_and_the_others_from_their_rows():
    """Decision 2024: a window forecasting a date without a row reads the calendar covariates made at its steps' own
    dates (``stepactuals.dated_future``), not the rows after its cutoff."""
    values = torch.arange(40, dtype=torch.float32).reshape(20, 2)  # column 1: a future covariate
    batches = WindowBatches(values, np.array([0, 3, 6]), lookback=4, horizon=2, n_targets=1, future_known=True,
                            batch_size=None)
    made = torch.tensor([[[-1.0], [-2.0]]])  # [Wd, H, F] for window 1 alone
    batch = batches.dated(np.array([1]), made).take(torch.tensor([2, 1, 0]))
    assert batch.future[:, :, 0].tolist() == [[21.0, 23.0], [-1.0, -2.0], [9.0, 11.0]]  # rows 10, 11; given; rows 4, 5
    assert batch.x[1, :, 1].tolist() == [7.0, 9.0, 11.0, 13.0]  # its inputs as read
    assert batches.take(torch.tensor([0])).future[0, :, 0].tolist() == [9.0, 11.0]

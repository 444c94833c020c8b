"""LTSF-Linear's training loop (rnncast.bench.linearfit): its learning-rate schedule, the best
validation epoch restored, and the shuffles drawn from the global generator as the reference drew them."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnncast.bench import linear, linearfit, scoring
from rnncast.bench.task import Task
from rnncast.windows import Split


def test_learning_rate_schedule_is_ltsf_type1() -> None:
    rates = [linearfit.ltsf_learning_rate(0.005, epoch) for epoch in range(4)]
    assert rates == [0.005, 0.005, 0.0025, 0.00125]


def _val_mse(model, task: Task) -> float:
    """The MSE of ``model`` over every validation window of ``task`` (the harness's scoring)."""
    inputs, targets = task.windows("val")
    return scoring.mse_mae(linearfit.predict(model, inputs)[:, :, list(task.target_idx)], targets)[0]


def test_fit_restores_best_validation_epoch() -> None:
    rng = np.random.default_rng(0)
    series = np.sin(np.arange(600) / 7.0)[:, None] + 0.1 * rng.normal(size=(600, 1))
    task = Task(series[:500], (0,), Split(400, 500, 600), 24, 8)
    torch.manual_seed(0)
    model = linear.NLinear(24, 8)
    # a batch larger than the 93 validation windows: the validation loss is their MSE as one batch
    report = linearfit.fit(model, task.windows("train"), task.windows("val"), (0,), epochs=4,
                        batch_size=128, learning_rate=0.01, patience=2)
    assert report.best_val_loss == min(report.val_losses)
    assert _val_mse(model, task) == pytest.approx(report.best_val_loss, rel=1e-5)


def test_fit_draws_its_shuffles_from_the_global_generator_as_the_reference_did() -> None:
    """One seed before the model is built gives one run; the validation loss is the mean of the
    shuffled, full validation batches' losses (here 2 batches of 32 of the 93 windows)."""
    rng = np.random.default_rng(1)
    series = np.cumsum(rng.normal(size=(600, 1)), axis=0) * 0.1
    task = Task(series[:500], (0,), Split(400, 500, 600), 24, 8)

    def run():
        torch.manual_seed(2021)
        model = linear.NLinear(24, 8)
        report = linearfit.fit(model, task.windows("train"), task.windows("val"), (0,), epochs=3,
                            batch_size=32, learning_rate=0.01, patience=3)
        return model, report

    (first, report), (second, again) = run(), run()
    assert report.val_losses == again.val_losses
    assert all(torch.equal(a, b) for a, b in zip(first.state_dict().values(), second.state_dict().values()))
    every_window = _val_mse(first, task)
    assert report.best_val_loss != pytest.approx(every_window, rel=1e-9)  # 64 of the 93 windows, not all


def test_a_table_too_small_for_the_recipe_trains_on_one_batch_of_every_window_and_says_so(caplog):
    """20 training and 10 validation windows with the recipe's batch of 32: the reference code would
    have had no batch; here all windows are one batch, in a warning and in the report."""
    series = np.sin(np.arange(60) / 3.0)[:, None]
    task = Task(series[:50], (0,), Split(33, 50, 60), 6, 8)
    torch.manual_seed(0)
    with caplog.at_level("WARNING", logger="rnncast.bench.linearfit"):
        report = linearfit.fit(linear.NLinear(6, 8), task.windows("train"), task.windows("val"), (0,), epochs=2,
                               batch_size=32, learning_rate=0.01, patience=3)
    assert (report.batch_size, report.val_batch_size) == (20, 10)
    assert "20 training windows, fewer than the recipe's batch of 32: all 20 as one batch" in caplog.text
    assert "10 validation windows" in caplog.text and np.isfinite(report.best_val_loss)

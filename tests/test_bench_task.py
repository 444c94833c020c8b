"""What a runner of the ETT benchmark sees (``bench/task.py``): a ``Task`` holds the rows before the
test part and hands out the train and validation windows (inputs as views), never the test ones;
``TrainConfig`` defaults to LTSF-Linear's recipe and cannot be changed by a runner."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnncast.bench.task import Task, TrainConfig
from rnncast.errors import RnncastError
from rnncast.windows import Split


def _task() -> Task:
    values = np.arange(60.0).reshape(30, 2)  # [rows, channels]; channel 1 is the target
    return Task(values[:25], (1,), Split(train_end=15, val_end=25, end=30), lookback=4, horizon=2)


def test_train_and_validation_windows_hold_the_rows_of_their_targets():
    task = _task()
    assert task.n_inputs == 2
    inputs, targets = task.windows("train")
    assert inputs.shape == (10, 4, 2) and targets.shape == (10, 2, 1)  # first targets at rows 4 .. 13
    assert np.shares_memory(inputs, task.values) and np.array_equal(inputs[0], task.values[0:4])
    assert np.array_equal(targets[-1, :, 0], task.values[13:15, 1])  # the last train target is row 14
    inputs, targets = task.windows("val")
    assert inputs.shape == (9, 4, 2) and np.array_equal(inputs[0], task.values[11:15])  # inputs reach back into train
    assert np.array_equal(targets[-1, :, 0], task.values[23:25, 1])


def test_the_test_windows_are_not_a_runners_to_see():
    with pytest.raises(RnncastError, match="a runner gets the 'train' and 'val' windows only, not 'test'"):
        _task().windows("test")


def test_the_training_settings_default_to_ltsf_linears_recipe():
    config = TrainConfig()
    assert (config.seed, config.epochs, config.batch_size, config.learning_rate, config.patience) == (2021, 10, 32, 0.005, 3)
    assert config.halve_lr_each_epoch and config.options == {}
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.epochs = 1

"""The registry of ETT runners (rnncast.bench.runners): a runner sees no test rows, the test inputs
are forecast once, unknown names are refused, and the recurrent models are in the registry."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast.bench import runners
from rnncast.bench.task import Predictor, Task, TrainConfig
from rnncast.errors import RnncastError
from rnncast.windows import Split


def test_runner_sees_no_test_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A runner gets only the rows before ``val_end``; the test inputs are forecast once."""
    b = Split(200, 260, 320)
    values = np.random.default_rng(0).normal(size=(400, 2))
    seen: dict[str, object] = {}

    def spy(task: Task, config: TrainConfig) -> Predictor:
        seen["rows"] = len(task.values)
        seen["val"] = task.windows("val")
        with pytest.raises(ValueError, match="train.*val"):
            task.windows("test")

        def predict(inputs: np.ndarray) -> np.ndarray:
            seen["calls"] = seen.get("calls", 0) + 1
            seen["first_input_row_sum"] = inputs[0].sum()
            return np.zeros((len(inputs), task.horizon, len(task.target_idx)))

        return predict

    monkeypatch.setitem(runners.RUNNERS, "spy", spy)
    predictions = runners.run_setting(values, (1,), b, 24, 12, "spy")
    assert seen["rows"] == b.val_end
    assert seen["calls"] == 1
    assert predictions.shape == (60 - 12 + 1, 12, 1)
    assert seen["first_input_row_sum"] == pytest.approx(values[b.val_end - 24 : b.val_end].sum())
    _, val_targets = seen["val"]
    assert val_targets.shape == (60 - 12 + 1, 12, 1)


def test_unknown_model_is_named() -> None:
    with pytest.raises(RnncastError, match="'transformer'.*accepted"):
        runners.run_setting(np.zeros((400, 1)), (0,), Split(200, 260, 320), 24, 12, "transformer")


def test_recurrent_runners_are_registered():
    assert {"rnn", "lstm", "gru"} <= set(runners.RUNNERS)

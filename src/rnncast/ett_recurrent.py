"""The library's recurrent networks (RNN, LSTM, GRU) as runners of the ETT harness (:mod:`rnncast.ett`).

A runner trains a :class:`rnncast.Forecaster` on the rows the harness lets it see (everything before
the test split, already z-scored with the train rows' statistics) and returns a predictor for the
test windows. It makes only the choices the *protocol* dictates; every modelling choice (window
normalization, hidden size, learning rate, epochs, ...) is the Forecaster's default unless the
caller overrides it in ``TrainConfig.options["forecaster"]``:

* ``scaler='none'``: the protocol's train-row z-score is the only scaling;
* ``split=(train_end, val_end, val_end)``: train windows have their targets in the train rows,
  validation windows (early stopping, best-epoch selection) in the validation rows; the test rows
  are not in ``task.values`` at all;
* targets are the mode's target channels; in MS the other columns are features (the Forecaster
  wants targets first, so the runner reorders the columns, and does the same to the test inputs);
* ``seed`` is ``TrainConfig.seed``.

``TrainConfig``'s epochs / batch size / learning rate / patience are LTSF-Linear's recipe for the
linear models and are *not* used here: a recurrent runner takes its training settings from the
Forecaster's defaults, overridden only by ``options["forecaster"]``.

After fitting, the runner calls ``options["on_fit"](info)`` when given, with a dict: the
Forecaster's parameters, epochs run, best epoch, train seconds, device.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd

from rnncast import ett
from rnncast.config import PRESETS
from rnncast.errors import RnncastError

logger = logging.getLogger(__name__)

CELLS = ("rnn", "lstm", "gru")

# Model name -> the Forecaster settings that make it: the plain cells of the tutorials, and the
# library's presets (rnncast.config.PRESETS). Everything not named is the Forecaster's default.
MODELS: dict[str, dict[str, Any]] = {**{cell: {"cell": cell} for cell in CELLS}, **PRESETS}

# Set by the runner, never by the caller: the protocol fixes them.
_PROTOCOL_KEYS = ("lookback", "horizon", "scaler", "val_frac", "test_frac", "future_known", "fill")


def forecaster_params(task: ett.Task, model: str, config: ett.TrainConfig) -> dict[str, Any]:
    """Keyword arguments of the Forecaster for ``task``: the model's settings (:data:`MODELS`), the
    protocol's, then the caller's overrides (``config.options["forecaster"]``); everything else
    stays at the library default. A channel-independent model in MS mode (features beside the
    target) runs channel-mixing: there is one target and the features are not series to forecast."""
    overrides = dict(config.options.get("forecaster", {}))
    fixed = sorted(set(overrides) & set(_PROTOCOL_KEYS + ("cell",)))
    if fixed:
        raise RnncastError(
            f"forecaster settings {fixed} are fixed by the ETT protocol or the model name and cannot "
            f"be overridden; accepted are the model and training settings (hidden_size, epochs, lr, ...)"
        )
    params: dict[str, Any] = {
        **MODELS[model],
        "lookback": task.input_len,
        "horizon": task.horizon,
        "scaler": "none",
        "seed": config.seed,
    }
    params.update(overrides)
    if len(task.target_idx) < task.n_inputs:
        params.pop("channel_independent", None)
    return params


def _column_order(task: ett.Task) -> list[int]:
    """Input columns in the Forecaster's order: targets first, then features."""
    targets = list(task.target_idx)
    return targets + [c for c in range(task.n_inputs) if c not in targets]


def forecaster_frame(task: ett.Task) -> tuple[pd.DataFrame, list[str], list[str] | None]:
    """The task's rows as the Forecaster takes them: targets first, then features, under synthetic
    names (the Forecaster needs column names); returns the frame, target names and feature names."""
    order = _column_order(task)
    names = [f"c{c}" for c in order]
    n_targets = len(task.target_idx)
    return pd.DataFrame(task.values[:, order], columns=names), names[:n_targets], names[n_targets:] or None


def make_runner(model: str) -> ett.Runner:
    """An :data:`rnncast.ett.Runner` that trains the Forecaster of ``model`` (a key of :data:`MODELS`)."""
    if model not in MODELS:
        raise RnncastError(f"unknown recurrent model {model!r}: accepted are {', '.join(MODELS)}")

    def fit_recurrent(task: ett.Task, config: ett.TrainConfig) -> ett.Predictor:
        from rnncast.forecaster import Forecaster  # imported late: forecaster imports much

        params = forecaster_params(task, model, config)
        order = _column_order(task)
        frame, targets, features = forecaster_frame(task)
        split = (task.borders.train_end, task.borders.val_end, task.borders.val_end)
        forecaster = Forecaster(**params).fit(frame, target=targets, features=features, split=split)
        history = forecaster.history_
        best = max((h["epoch"] for h in history if h["best"]), default=0)  # 0: the untrained network stayed best
        info = {
            "forecaster": forecaster.get_params(),
            "epochs_run": len(history),
            "best_epoch": best,
            "best_val_mse": float(history[best - 1]["val_loss"]) if best else float("nan"),
            "train_seconds": float(forecaster.train_seconds_),
            "device": str(forecaster.device_),
        }
        logger.info("%s: %d epochs, best %d (val MSE %.5f), %.1f s", model, info["epochs_run"],
                    best, info["best_val_mse"], info["train_seconds"])
        on_fit = config.options.get("on_fit")
        if on_fit is not None:
            on_fit(info)

        def predict(inputs: np.ndarray) -> np.ndarray:
            return forecaster.predict_array(np.asarray(inputs)[:, :, order])  # [n, H, K]

        return predict

    fit_recurrent.__name__ = f"fit_{model}"
    return fit_recurrent


def register() -> None:
    """Add the recurrent models (:data:`MODELS`) to :data:`rnncast.ett.RUNNERS` (idempotent)."""
    for model in MODELS:
        ett.RUNNERS.setdefault(model, make_runner(model))


register()

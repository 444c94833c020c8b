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
* ``channel_independent=True`` when there are several targets and no features (M mode): every
  column is a separate series through one shared network. ``ModelSettings.channel_independent``
  defaults to False today, so the runner passes it; see the module's report for the proposal to
  make it automatic.
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
from rnncast.errors import RnncastError

logger = logging.getLogger(__name__)

CELLS = ("rnn", "lstm", "gru")

# Set by the runner, never by the caller: the protocol fixes them.
_PROTOCOL_KEYS = ("lookback", "horizon", "scaler", "val_frac", "test_frac", "future_known", "fill")


def forecaster_params(task: ett.Task, cell: str, config: ett.TrainConfig) -> dict[str, Any]:
    """Keyword arguments of the Forecaster for ``task``: protocol settings, then the caller's
    overrides (``config.options["forecaster"]``); everything else stays at the library default."""
    overrides = dict(config.options.get("forecaster", {}))
    fixed = sorted(set(overrides) & set(_PROTOCOL_KEYS + ("cell",)))
    if fixed:
        raise RnncastError(
            f"forecaster settings {fixed} are fixed by the ETT protocol or the model name and cannot "
            f"be overridden; accepted are the model and training settings (hidden_size, epochs, lr, ...)"
        )
    n_targets = len(task.target_idx)
    has_features = n_targets < task.n_inputs
    params: dict[str, Any] = {
        "cell": cell,
        "lookback": task.input_len,
        "horizon": task.horizon,
        "scaler": "none",
        "seed": config.seed,
    }
    if n_targets > 1 and not has_features:
        params["channel_independent"] = True
    params.update(overrides)
    return params


def _column_order(task: ett.Task) -> list[int]:
    """Input columns in the Forecaster's order: targets first, then features."""
    targets = list(task.target_idx)
    return targets + [c for c in range(task.n_inputs) if c not in targets]


def make_runner(cell: str) -> ett.Runner:
    """An :data:`rnncast.ett.Runner` that trains a Forecaster with recurrent ``cell``."""
    if cell not in CELLS:
        raise RnncastError(f"unknown recurrent cell {cell!r}: accepted are {CELLS}")

    def fit_recurrent(task: ett.Task, config: ett.TrainConfig) -> ett.Predictor:
        from rnncast.forecaster import Forecaster  # imported late: forecaster imports much

        params = forecaster_params(task, cell, config)
        order = _column_order(task)
        n_targets = len(task.target_idx)
        names = [f"c{c}" for c in order]  # synthetic names; the Forecaster needs column names
        frame = pd.DataFrame(task.values[:, order], columns=names)
        split = (task.borders.train_end, task.borders.val_end, task.borders.val_end)
        forecaster = Forecaster(**params).fit(
            frame, target=names[:n_targets], features=names[n_targets:] or None, split=split
        )
        history = forecaster.history_
        val = [h["val_loss"] for h in history]
        best = int(np.nanargmin(np.asarray(val, dtype=float))) + 1 if val else 0
        info = {
            "forecaster": forecaster.get_params(),
            "epochs_run": len(history),
            "best_epoch": best,
            "best_val_mse": float(val[best - 1]) if val else float("nan"),
            "train_seconds": float(forecaster.train_seconds_),
            "device": str(forecaster.device_),
        }
        logger.info("%s: %d epochs, best %d (val MSE %.5f), %.1f s", cell, info["epochs_run"],
                    best, info["best_val_mse"], info["train_seconds"])
        on_fit = config.options.get("on_fit")
        if on_fit is not None:
            on_fit(info)

        def predict(inputs: np.ndarray) -> np.ndarray:
            return forecaster.predict_array(np.asarray(inputs)[:, :, order])  # [n, H, K]

        return predict

    fit_recurrent.__name__ = f"fit_{cell}"
    return fit_recurrent


def register() -> None:
    """Add 'rnn', 'lstm' and 'gru' to :data:`rnncast.ett.RUNNERS` (idempotent)."""
    for cell in CELLS:
        ett.RUNNERS.setdefault(cell, make_runner(cell))


register()

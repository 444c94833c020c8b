"""The library's recurrent networks (RNN, LSTM, GRU and the presets) as runners of the ETT benchmark.

A runner trains a :class:`rnncast.Forecaster` on the rows the protocol lets it see (everything
before the test part, already z-scored with the train rows' statistics) and returns a predictor for
the test windows. It makes only the choices the *protocol* dictates; every modelling choice (window
normalization, hidden size, learning rate, epochs, ...) is the Forecaster's default unless the
caller overrides it in ``TrainConfig.options["forecaster"]``:

* ``scaler='none'``: the protocol's train-row z-score is the only scaling;
* ``split=Split(train_end, val_end, val_end)``: train windows have their targets in the train rows,
  validation windows (early stopping, best-epoch selection) in the validation rows; the test rows
  are not in ``task.values`` at all;
* targets are the mode's target channels; in MS the other columns are features. The rows reach
  the Forecaster as a ``Panel`` (``load_panel`` of the array, its columns named by their index in
  the task, targets first); the test inputs are put in the same column order;
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
import torch

from rnncast.bench.protocol import unread_keys
from rnncast.bench.task import Predictor, Runner, Task, TrainConfig
from rnncast.config import PRESETS, DataSettings, ModelSettings, Settings
from rnncast.errors import RnncastError
from rnncast.forecaster import Forecaster
from rnncast.interruptionlines import unread_unsaid
from rnncast.loading import load_panel
from rnncast.negatives import point_forecast
from rnncast.speakers import speaking_as
from rnncast.panel import Panel
from rnncast.runhistory import best_epoch
from rnncast.spelling import spelled
from rnncast.windows import Split

logger = logging.getLogger(__name__)

CELLS = ("rnn", "lstm", "gru")

# Model name -> the Forecaster settings that make it: the plain cells of the tutorials, and the
# library's presets (rnncast.config.PRESETS). Everything not named is the Forecaster's default.
MODELS: dict[str, dict[str, Any]] = {**{cell: {"cell": cell} for cell in CELLS}, **PRESETS}

READING_KEYS = ("fill", "freq", "tz", "fill_gaps", "holidays", "time_unit", "date_order")
"""The settings of reading a table (``DataSettings.reading`` less future_known): bench reads the table by its protocol
(the time column it found, rows in file order), and the rows a runner passes have no time column."""
COLUMN_KEYS = ("time_col", "id_col", "features", "series", "past_covariates", "future_covariates", "static_covariates",
               "static_categorical", "calendar_covariates")
"""``fit``'s keywords naming a table's columns, no settings: bench finds the time column and takes the mode's columns
(the protocol's, no calendar covariates computed beside them: decision 1983)."""
PROTOCOL_KEYS = ("lookback", "horizon", "scaler", "val_frac", "test_frac", "cutoff", "future_known", "target_input", *READING_KEYS)
"""Forecaster settings set by the runner, never by the caller: the protocol fixes them."""
PROTOCOL_FLAGS = {"lookback": "--lookback", "horizon": "--horizons"}  # the protocol's settings bench has flags for


def fixed_by(key: str, protocol: str = "LTSF") -> str:
    """How bench says that ``protocol`` (ETT or LTSF) fixes ``key`` (a setting or column role: ``scaler``,
    ``time_col``), the one wording of ``--set``'s refusal and the parser's (``bench ett --scaler``): ``fixed by the
    ETT protocol (...)``, ending in the flag bench has for it (``give --lookback N``); '' for any other key."""
    if key not in PROTOCOL_KEYS + COLUMN_KEYS:
        return ""
    how = (f"give {PROTOCOL_FLAGS[key]} N" if key in PROTOCOL_FLAGS else "bench reads the table by it"
           if key in READING_KEYS + COLUMN_KEYS else "every model is trained and scored under it")
    return f"fixed by the {protocol} protocol ({how})"


BENCH_FLAGS = {"seed": "the seed is --seed N, which seeds every model and is written in results.csv",
               "threads": "the thread count is --threads N, which every model trains with and results.csv's threads "
                          "column records"}
"""Forecaster settings bench gives by its own flags (for every model, linear ones too), refused in ``--set``."""


def forecaster_params(task: Task, model: str, config: TrainConfig) -> dict[str, Any]:
    """Keyword arguments of the Forecaster for ``task``: the model's settings (:data:`MODELS`), the
    protocol's, then the caller's overrides (``config.options["forecaster"]``); everything else
    stays at the library default. A channel-independent model in MS mode (features beside the
    target) runs channel-mixing: there is one target and the features are not series to forecast.
    A preset's segment that does not divide the lookback becomes the longest divisor below it
    (:func:`fitting_segment`). Where one column is forecast (S, MS), a preset's channel_independent is dropped (it
    would change nothing, or meet features) and a given one refused; so is a season that window_norm 'season' does
    not read (bench scores no MASE): a setting handed over is used or refused, never kept and ignored."""
    overrides = dict(config.options.get("forecaster", {}))
    fixed = sorted(set(overrides) & set(PROTOCOL_KEYS + ("cell",)))
    if fixed:
        raise RnncastError(
            f"forecaster settings {fixed} are fixed by the benchmark's protocol (ETT or LTSF) or the model name and cannot "
            f"be overridden; accepted are the model and training settings (hidden_size, epochs, lr, ...)"
        )
    params: dict[str, Any] = {
        **MODELS[model],
        "lookback": task.lookback,
        "horizon": task.horizon,
        "scaler": "none",
        "seed": config.seed,
    }
    if params.get("segment") and "segment" not in overrides:
        params["segment"] = fitting_segment(params["segment"], task.lookback)
    one = len(task.target_idx) == 1  # S, MS, or M on a table of one column
    if one and "channel_independent" in overrides:  # it would change nothing (S) or be dropped (MS): refused by name
        raise RnncastError(
            f"{spelled('channel_independent', overrides['channel_independent'])}: channel_independent splits several "
            f"forecast columns into series of their own, and this run forecasts one"
            f"{', from the features beside it' if task.n_inputs > 1 else ''}, so it would change nothing; leave it "
            "out (--mode M forecasts every column of a table of several)")
    params.update(overrides)
    norm = params.get("window_norm", ModelSettings.window_norm)
    if params.get("season", DataSettings.season) != DataSettings.season and norm != "season":  # as chunk without
        # the sequence scheme (settingchecks.check_effects): bench scores MSE and MAE, no MASE, no seasonal naive
        raise RnncastError(
            f"{spelled('season', params['season'])}: bench scores MSE and MAE, with no MASE or seasonal naive baseline "
            f"to read a season, so only window_norm 'season' would use it, and window_norm {norm!r} does not: give "
            f"{spelled('window_norm', 'season')} with it, or leave season unset")
    if one or len(task.target_idx) < task.n_inputs:  # a preset's: one series (S), or features beside it (MS)
        params.pop("channel_independent", None)
    return params


def segment_note(model: str, lookback: int) -> str:
    """The line saying that a preset's segment was cut to fit ``lookback`` (:func:`fitting_segment`), "" where it
    fits as it is or ``model`` has none."""
    segment = MODELS.get(model, {}).get("segment")
    if not segment or fitting_segment(segment, lookback) == segment:
        return ""
    why = "is longer than" if segment > lookback else "does not divide"
    return (f"{model}: the preset's segment {segment} {why} the lookback {lookback}, so {model} reads segments of "
            f"{fitting_segment(segment, lookback)} (the longest that divides it); {spelled('segment')} sets another")


def fitting_segment(segment: int, lookback: int) -> int:
    """A preset's segment length for ``lookback``: the preset's own when it divides the lookback,
    else the longest divisor of the lookback below it (ILI's L = 104 with SegRNN's 48: 26), so a
    preset runs at any L the benchmark is asked for; ``--set segment=`` overrides it."""
    return max(d for d in range(1, min(segment, lookback) + 1) if lookback % d == 0)


def column_order(task: Task) -> list[int]:
    """The task's columns in the Forecaster's order: targets first, then features."""
    targets = list(task.target_idx)
    return targets + [c for c in range(task.n_inputs) if c not in targets]


def forecaster_panel(task: Task, params: dict[str, Any]) -> Panel:
    """The task's rows as a ``Panel`` of one series, columns named by their index in the task:
    the target channels, then the other columns as (past) features. ``params``' reading settings
    (a calendar, a time zone, ...) reach ``load_panel`` as ``Forecaster.fit`` would give them."""
    targets = [str(c) for c in task.target_idx]
    features = [str(c) for c in column_order(task)[len(targets):]]
    return load_panel(task.values, target=targets, features=features or None, announce=False,  # the table
                      **Settings.from_flat(params).data.reading())  # said its time column; these rows are its order


def ran_with(forecaster: Forecaster) -> dict[str, Any]:
    """The settings ``forecaster`` was fitted with, as they were in effect (results.csv's ``settings``): the device
    it trained on (``cpu``, not ``auto``), the CPU threads torch used (the count, not 0), and none of the keys it
    did not read (``protocol.unread_keys``: the split's keys, and ``chunk`` but for the sequence scheme)."""
    params = forecaster.get_params()
    params["device"] = str(forecaster.device_)
    params["threads"] = params.get("threads") or torch.get_num_threads()  # 0 left torch's count, which it trained with
    unread = unread_keys(params)
    return {k: v for k, v in params.items() if k not in unread}


def make_runner(model: str) -> Runner:
    """A runner (:data:`rnncast.bench.task.Runner`) that trains the Forecaster of ``model`` (a key
    of :data:`MODELS`)."""
    if model not in MODELS:
        raise RnncastError(f"unknown recurrent model {model!r}: accepted are {', '.join(MODELS)}")

    def fit_recurrent(task: Task, config: TrainConfig) -> Predictor:
        params = forecaster_params(task, model, config)
        order = column_order(task)
        split = Split(task.split.train_end, task.split.val_end, task.split.val_end)
        panel = forecaster_panel(task, params)
        # its log lines begin so (bench's command line); the protocol's z-scored columns, below 0 by design, not said
        # unchecked for an interruption, as the demo's data is not (decision 2212)
        with speaking_as(f"{model} L={task.lookback} H={task.horizon}"), unread_unsaid():
            forecaster = Forecaster(**params).fit(panel, split=split)
        history = forecaster.history_
        best = best_epoch(history)  # 0: the untrained network stayed best
        settings = forecaster.settings_
        if best and settings.train.loss == "mse" and not settings.model.quantiles:  # the loop's validation loss: MSE
            val_mse = float(history[best - 1]["val_loss"])
        else:  # trained on MAE or pinball, or the untrained network kept (no epoch records its loss): the MSE of the
            # weights kept, scored on the validation windows in the data's units as given: the protocol's z-scored ones
            # (scaler 'none': the forecaster's "scaled" table divides by each column's training spread, decision 475)
            val_mse = float(forecaster.evaluate(panel, part="val")["original"]["model"]["mse"])
        info = {
            "forecaster": ran_with(forecaster),
            "epochs_run": len(history),
            "best_epoch": best,
            "best_val_mse": val_mse,
            "train_seconds": float(forecaster.train_seconds_),
            "device": str(forecaster.device_),
        }
        loss = "pinball" if settings.model.quantiles else settings.train.loss.upper()  # the loop's, which it warns in
        logger.info("%s: %d epoch%s, best %s (validation MSE %.5f, results.csv's best_val_mse%s), %.1f s", model,
                    info["epochs_run"], "" if info["epochs_run"] == 1 else "s", f"epoch {best}" if best else
                    "the untrained network", info["best_val_mse"], "" if loss == "MSE" else
                    f"; trained and stopped on the validation {loss}, not this", info["train_seconds"])
        on_fit = config.options.get("on_fit")
        if on_fit is not None:
            on_fit(info)

        def predict(inputs: np.ndarray) -> np.ndarray:
            y = forecaster.predict_array(np.asarray(inputs)[:, :, order])  # [n, H, K] ([n, H, K, Q] with quantiles)
            return point_forecast(forecaster.state_, y)[0]  # [n, H, K]: the median of a quantile model

        return predict

    fit_recurrent.__name__ = f"fit_{model}"
    return fit_recurrent

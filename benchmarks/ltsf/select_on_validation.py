"""Compare settings of a recurrent model on an LTSF table without touching its test rows.

The protocol's validation rows are too few to halve on Exchange (760 rows, H up to 720) and ILI
(97 rows, H up to 60), so this moves the split one validation-length back: train on rows
``[0, train_end - v)``, stop early on ``[train_end - v, train_end)`` (the last v training rows),
and score on the protocol's validation rows ``[train_end, val_end)``, whose windows take their
lookback from the rows before, as the test windows do; ``v = val_end - train_end``. The test rows
are not read (the panel stops at ``val_end``). Prints one line: the stopping loss (stopMSE: the
loop's validation loss, so an MAE with loss=mae and a pinball loss with quantiles, whatever its
name), the MSE on the validation rows (valMSE, what settings are chosen by) and Repeat's MSE on the
same windows.

``FOLDS=k`` (default 1) also scores k - 1 earlier blocks of v rows, each the same way (train on
the rows before the block's own v stopping rows, stop on those, score the block; the panel stops at
the block's end), and adds every fold's MSE and their mean (meanMSE): one block of 74 windows (ILI,
H=24) is a noisy judge, several are less so. Fold 0 is the line without FOLDS.

    python benchmarks/ltsf/select_on_validation.py ../shared/data/LTSF/exchange_rate.csv M 336 96 cell=lstm loss=mae

Arguments: the CSV, mode, lookback, horizon, then Forecaster settings as KEY=VALUE (values read as
JSON when they parse, else as text); ``preset=NAME`` or ``cell=NAME`` names the model as
``rnncast bench`` does. Environment: THREADS (torch threads, default 1), SEED (default 2021).
"""

from __future__ import annotations

import json
import os
import sys
import time

import torch

from rnncast.bench import plan, tables
from rnncast.bench.recurrent import forecaster_panel, forecaster_params
from rnncast.bench.task import Task, TrainConfig
from rnncast.config import ModelSettings
from rnncast.forecaster import Forecaster


def parse_settings(items: list[str]) -> tuple[str, dict]:
    """The model (``preset=NAME`` or ``cell=NAME``, else the default cell) and the other settings, typed
    as ``rnncast bench --set`` types them (``rnncast.bench.plan.parse_settings``)."""
    model, rest = ModelSettings().cell, []
    for item in items:
        key, _, value = item.partition("=")
        if key in ("preset", "cell"):
            model = value
        else:
            rest.append(item)
    settings, _ = plan.parse_settings(rest)
    return model, settings


def main(argv: list[str]) -> None:
    path, mode, lookback, horizon, *items = argv
    model, settings = parse_settings(items)
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    seed = int(os.environ.get("SEED", "2021"))
    folds = int(os.environ.get("FOLDS", "1"))
    data = tables.prepare_table(path, mode)
    b = data.split
    v = b.val_end - b.train_end
    started = time.time()
    scores, stops, repeats, epochs = [], [], [], []
    for fold in range(folds):  # fold k scores the k-th block of v rows back from val_end
        end = b.val_end - fold * v
        task = Task(data.values[:end], data.target_idx, b, int(lookback), int(horizon))  # no test row
        params = forecaster_params(task, model, TrainConfig(seed=seed, options={"forecaster": settings}))
        panel = forecaster_panel(task, params)
        forecaster = Forecaster(**params).fit(panel, split=(end - 2 * v, end - v, end))
        scored = forecaster.evaluate(panel, part="test")["scaled"]  # the fit's "test" = the scored block
        stops.append(min((h["val_loss"] for h in forecaster.history_ if h["best"]), default=float("nan")))
        scores.append(scored["model"]["mse"])
        repeats.append(scored["repeat"]["mse"])
        epochs.append(len(forecaster.history_))
    line = (f"RESULT {data.name} {mode} L{lookback} H{horizon} {model} {json.dumps(settings, sort_keys=True)} "
            f"seed {seed} stopMSE {stops[0]:.4f} valMSE {scores[0]:.4f} repeat {repeats[0]:.4f} epochs {epochs[0]}")
    if folds > 1:
        line += (f" folds {folds} foldMSE {' '.join(f'{x:.4f}' for x in scores)} meanMSE {sum(scores) / folds:.4f}"
                 f" foldRepeat {' '.join(f'{x:.4f}' for x in repeats)}")
    print(f"{line} {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

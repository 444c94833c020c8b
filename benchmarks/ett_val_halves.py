"""Compare training settings on ETT without touching the test rows, and without the optimism of
early stopping: train on the train rows, early-stop on the FIRST half of the validation rows, then
score on the SECOND half (its windows take their lookback from the rows before, as the protocol's
test windows do). The best validation loss of a noisy run is a lucky draw; the second half is not.

    python benchmarks/ett_val_halves.py ETTh1 S 96 192 cell=rnn ema=0.998
    python benchmarks/ett_val_halves.py ETTm1 M 96 96 preset=segrnn hidden_size=256

Arguments: dataset (a file in ../shared/data/ETT), mode, lookback, horizon, then Forecaster
settings as KEY=VALUE (values read as JSON when they parse, else as text; preset=NAME applies a
bundle from ``rnncast.config.PRESETS``). Prints one line: the stopping half's best MSE (valA), the
held-out half's MSE (valB) and Repeat's MSE on the same held-out windows. Environment: THREADS
(torch threads, default 1), SEED (default 2021), ETT_DIR (default ../shared/data/ETT).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pandas as pd
import torch

from rnncast import ett
from rnncast.config import PRESETS
from rnncast.forecaster import Forecaster


def parse_settings(items: list[str]) -> dict:
    settings: dict = {}
    for item in items:
        key, _, text = item.partition("=")
        if key == "preset":
            settings.update(PRESETS[text])
            continue
        try:
            settings[key] = json.loads(text)
        except json.JSONDecodeError:
            settings[key] = text
    return settings


def main(argv: list[str]) -> None:
    name, mode, lookback, horizon, *items = argv
    lookback, horizon = int(lookback), int(horizon)
    settings = parse_settings(items)
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    folder = Path(os.environ.get("ETT_DIR", Path(__file__).resolve().parents[2] / "shared" / "data" / "ETT"))
    data = ett.prepare_ett(folder / f"{name}.csv", mode)
    b = data.borders
    values = data.values[: b.val_end]  # the test rows are never read
    n_targets = len(data.target_idx)
    order = list(data.target_idx) + [c for c in range(values.shape[1]) if c not in data.target_idx]
    frame = pd.DataFrame(values[:, order], columns=[f"c{i}" for i in range(values.shape[1])])
    names = list(frame.columns)
    if n_targets < values.shape[1]:
        settings.pop("channel_independent", None)  # MS: one target, the others are inputs
    middle = (b.train_end + b.val_end) // 2
    started = time.time()
    model = Forecaster(lookback=lookback, horizon=horizon, scaler="none",
                       seed=int(os.environ.get("SEED", "2021")), **settings)
    model.fit(frame, target=names[:n_targets], features=names[n_targets:] or None,
              split=(b.train_end, middle, b.val_end))  # "test" here is the second half of validation
    scored = model.evaluate(frame, part="test")["scaled"]
    best = min((h["val_loss"] for h in model.history_ if h["best"]), default=float("nan"))
    print(f"RESULT {name} {mode} L{lookback} H{horizon} {json.dumps(settings, sort_keys=True)} "
          f"valA {best:.4f} valB {scored['model']['mse']:.4f} repeatB {scored['repeat']['mse']:.4f} "
          f"checks {len(model.history_)} {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Compare training settings on ETT without touching the test rows, and without the optimism of
early stopping: train on the train rows, early-stop on the FIRST half of the validation rows, then
score on the SECOND half (its windows take their lookback from the rows before, as the protocol's
test windows do). The best validation loss of a noisy run is a lucky draw; the second half is not.

    python benchmarks/ett/val_halves.py ETTh1 S 96 192 cell=rnn ema=0.998
    python benchmarks/ett/val_halves.py ETTm1 M 96 96 preset=segrnn hidden_size=256

Arguments: dataset (a file in ../shared/data/ETT), mode, lookback, horizon, then Forecaster
settings as KEY=VALUE (values read as JSON when they parse, else as text). ``preset=NAME`` or
``cell=NAME`` names the model as the benchmark does (``rnncast.bench.recurrent.MODELS``), and the
settings are built as ``rnncast bench ett`` builds them (``forecaster_params``). Prints one line: the stopping half's best MSE (valA), the
held-out half's MSE (valB) and Repeat's MSE on the same held-out windows. Environment: THREADS
(torch threads, default 1), SEED (default 2021), ETT_DIR (default ../shared/data/ETT).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import torch

from rnncast.bench import tables
from rnncast.bench.recurrent import forecaster_panel, forecaster_params
from rnncast.bench.task import Task, TrainConfig
from rnncast.config import ModelSettings
from rnncast.forecaster import Forecaster


def parse_settings(items: list[str]) -> tuple[str, dict]:
    """The model (``preset=NAME`` or ``cell=NAME``, else the default cell) and the other settings."""
    settings: dict = {}
    for item in items:
        key, _, text = item.partition("=")
        try:
            settings[key] = json.loads(text)
        except json.JSONDecodeError:
            settings[key] = text
    model = settings.pop("preset", None) or settings.pop("cell", None) or ModelSettings().cell
    return model, settings


def ett_inputs(name: str, mode: str, lookback: int, horizon: int, model: str, settings: dict, seed: int,
               test_rows: bool):
    """One ETT setting as ``rnncast bench ett`` builds it: (split, Forecaster keywords, panel).
    ``test_rows=False`` leaves the test rows out of the panel.
    The data come from ETT_DIR (default ../shared/data/ETT)."""
    folder = Path(os.environ.get("ETT_DIR", Path(__file__).resolve().parents[3] / "shared" / "data" / "ETT"))
    data = tables.prepare_table(folder / f"{name}.csv", mode)
    b = data.split
    values = data.values if test_rows else data.values[: b.val_end]
    task = Task(values, data.target_idx, b, int(lookback), int(horizon))
    params = forecaster_params(task, model, TrainConfig(seed=seed, options={"forecaster": settings}))
    return b, params, forecaster_panel(task, params)


def main(argv: list[str]) -> None:
    name, mode, lookback, horizon, *items = argv
    model, settings = parse_settings(items)
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    b, params, panel = ett_inputs(name, mode, lookback, horizon, model, settings,
                                  int(os.environ.get("SEED", "2021")), test_rows=False)
    middle = (b.train_end + b.val_end) // 2
    started = time.time()
    forecaster = Forecaster(**params).fit(panel, split=(b.train_end, middle, b.val_end))  # "test" = 2nd half of validation
    scored = forecaster.evaluate(panel, part="test")["scaled"]
    best = min((h["val_loss"] for h in forecaster.history_ if h["best"]), default=float("nan"))
    print(f"RESULT {name} {mode} L{lookback} H{horizon} {model} {json.dumps(settings, sort_keys=True)} "
          f"valA {best:.4f} valB {scored['model']['mse']:.4f} repeatB {scored['repeat']['mse']:.4f} "
          f"checks {len(forecaster.history_)} {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

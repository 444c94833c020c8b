"""How much of a trained model's ETT test forecast is the cell's and how much the linear highway's.

    python benchmarks/ett/highway_share.py ETTh1 S 192 rnn

Fits the library's default model for ``cell`` (L = 96, seed 2021) exactly as ``rnncast bench ett``
builds it (``forecaster_params``, ``forecaster_panel``), then scores the test split three times:
as trained, with the cell's output layer zeroed (level + highway), and with the highway zeroed
(level + cell). Environment: THREADS (default 1), ETT_DIR (default ../shared/data/ETT).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import torch

from rnncast.bench import tables
from rnncast.bench.recurrent import forecaster_panel, forecaster_params
from rnncast.bench.task import Task, TrainConfig
from rnncast.forecaster import Forecaster


def ett_inputs(name: str, mode: str, lookback: int, horizon: int, model: str, seed: int):
    """One ETT setting as ``rnncast bench ett`` builds it, test rows included: (split, Forecaster
    keywords, panel). The data come from ETT_DIR (default ../shared/data/ETT)."""
    folder = Path(os.environ.get("ETT_DIR", Path(__file__).resolve().parents[3] / "shared" / "data" / "ETT"))
    data = tables.prepare_table(folder / f"{name}.csv", mode)
    task = Task(data.values, data.target_idx, data.split, int(lookback), int(horizon))
    params = forecaster_params(task, model, TrainConfig(seed=seed, options={"forecaster": {}}))
    return data.split, params, forecaster_panel(task, params)


def test_mse(forecaster: Forecaster, panel) -> float:
    return forecaster.evaluate(panel, part="test")["scaled"]["model"]["mse"]


def without(forecaster: Forecaster, layer: torch.nn.Linear, panel) -> float:
    """The test MSE with ``layer`` zeroed; its weights are put back afterwards."""
    saved = [p.detach().clone() for p in layer.parameters()]
    with torch.no_grad():
        for p in layer.parameters():
            p.zero_()
        mse = test_mse(forecaster, panel)
        for p, s in zip(layer.parameters(), saved):
            p.copy_(s)
    return mse


def main(name: str, mode: str, horizon: str, cell: str) -> None:
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    b, params, panel = ett_inputs(name, mode, 96, int(horizon), cell, 2021)
    started = time.time()
    forecaster = Forecaster(**params).fit(panel, split=(b.train_end, b.val_end, b.end))
    net = forecaster.net_
    if net.highway is None:
        sys.exit(f"{cell} has no highway (highway=False)")
    scores = forecaster.evaluate(panel, part="test")["scaled"]
    print(f"{name} {mode} H={horizon} {cell}: full {scores['model']['mse']:.4f} | cell's head zeroed "
          f"{without(forecaster, net.head, panel):.4f} | highway zeroed {without(forecaster, net.highway, panel):.4f} "
          f"| repeat {scores['repeat']['mse']:.4f} | {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])

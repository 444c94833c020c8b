"""Probe: does LTSF-Linear's validation loader bring the harness's NLinear/DLinear onto the published ILI rows?

LTSF-Linear's validation loader (``data_provider`` with ``flag='val'``) shuffles the validation
windows and drops the last incomplete batch, and ``vali`` averages the batches' losses: on ILI
(74 windows at H=24, batch 32) each epoch early-stops on a random 64 of them. The harness's
``rnncast.bench.linear.fit`` scores every validation window instead. This runs ``rnncast bench``
with that loader put in its place (a generator seeded ``seed + 1`` draws the order each epoch),
to see whether the 0.01 check of point 2 then holds more often. It was not adopted: the record is
in ``results/README.md``, section 2.

    python benchmarks/ltsf/val_loader_probe.py bench ltsf --data ../shared/data/LTSF/national_illness.csv \
        --mode M --lookback 104 --models nlinear,dlinear --drop-last recipe --seed 2021 --no-plots --out /tmp/probe
"""

from __future__ import annotations

import sys

import numpy as np
import torch

from rnncast.bench import linear
from rnncast.cli import main

_loader: dict = {}
_fit = linear.fit


def fit(model, train, val, target_idx, **kw):
    """``linear.fit``, with the validation order drawn from its own seeded generator."""
    _loader.update(generator=torch.Generator().manual_seed(kw["seed"] + 1), batch_size=kw["batch_size"])
    return _fit(model, train, val, target_idx, **kw)


def shuffled_drop_last_mse(model, windows, target_idx) -> float:
    """The mean of the batch MSEs over shuffled full batches of ``(inputs [n, L, C], targets [n, H, K])``."""
    inputs, targets = windows
    size = _loader["batch_size"]
    order = torch.randperm(len(inputs), generator=_loader["generator"]).numpy()
    losses = []
    for b in range(len(inputs) // size):
        idx = np.sort(order[b * size : (b + 1) * size])
        pred = linear.predict(model, inputs[idx])[:, :, list(target_idx)]  # [B, H, K]
        losses.append(float(np.mean((pred - np.asarray(targets[idx], dtype=np.float64)) ** 2)))
    return float(np.mean(losses)) if losses else float("nan")


if __name__ == "__main__":
    linear.fit, linear.mse_of = fit, shuffled_drop_last_mse  # fit scores validation through mse_of
    sys.exit(main(sys.argv[1:]))

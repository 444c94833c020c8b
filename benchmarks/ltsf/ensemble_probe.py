"""Averages of forecasts (ensembles) on an LTSF table, chosen on validation rows only.

Trains every member (a model with settings, at each seed) on each validation block, as
``select_on_validation.py`` does (train on the rows before the block's own v stopping rows, stop on
those, forecast the block; the panel stops at the block's end, so no test row is read), and once
under the protocol for the test windows; keeps each member's forecasts in ``CACHE`` (one ``.npy``
per member, seed, block and horizon, so that runs can be split by horizon across processes and
resumed). Then scores candidates, each the equal-weight mean of the forecasts of some members over
the seeds: the mean over the validation blocks (meanMSE) chooses among the candidates that hold a
recurrent member, per horizon; the test MSE of every candidate is printed beside it, on the
headline windows (``--drop-last recipe``) and on PatchTST's (the first floor(n/16)*16 on ILI).

    python benchmarks/ltsf/ensemble_probe.py ../shared/data/LTSF/national_illness.csv M 104 24,36
    python benchmarks/ltsf/ensemble_probe.py ../shared/data/LTSF/national_illness.csv M 104 24,36,48,60 --score

Environment: THREADS (torch threads, default 1), FOLDS (validation blocks, default 3), SEEDS
(default 2021,2022,2023), CACHE (default /tmp/rnncast-ensemble).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch

from rnncast.bench import published, scoring, tables
from rnncast.bench.protocol import target_rows, target_windows
from rnncast.bench.runners import run_setting
from rnncast.bench.task import TrainConfig
from rnncast.windows import Split

MEMBERS = {  # name -> (model, Forecaster settings); the linear ones take LTSF-Linear's recipe
    "lstm": ("lstm", {}),
    "lstm-season-ls": ("lstm", {"window_norm": "season", "season": 52, "highway_start": "least_squares"}),
    "nlinear": ("nlinear", None),
}
CANDIDATES = {  # name -> members averaged (each member first averaged over the seeds)
    "lstm": ["lstm"],
    "lstm-season-ls": ["lstm-season-ls"],
    "lstm + lstm-season-ls": ["lstm", "lstm-season-ls"],
    "lstm + nlinear": ["lstm", "nlinear"],
    "lstm-season-ls + nlinear": ["lstm-season-ls", "nlinear"],
    "all three": ["lstm", "lstm-season-ls", "nlinear"],
    "nlinear (reference, not chosen)": ["nlinear"],
}


def config_for(member: str, known, horizon: int, mode: str, seed: int) -> tuple[str, TrainConfig]:
    model, settings = MEMBERS[member]
    if settings is None:
        batch, lr = published.linear_recipe(known, horizon, model, mode)
        return model, TrainConfig(seed=seed, batch_size=batch, learning_rate=lr)
    return model, TrainConfig(seed=seed, options={"forecaster": settings})


def blocks(split: Split, folds: int) -> list[tuple[str, Split]]:
    """The validation blocks (fold k: the k-th block of v rows back from val_end) and the test part."""
    v = split.val_end - split.train_end
    out = [(f"fold{k}", Split(split.val_end - k * v - 2 * v, split.val_end - k * v - v, split.val_end - k * v))
           for k in range(folds)]
    return out + [("test", split)]


def train(data, mode: str, lookback: int, horizons: list[int], seeds: list[int], folds: int, cache: Path) -> None:
    for horizon, (name, split), member, seed in itertools.product(horizons, blocks(data.split, folds), MEMBERS, seeds):
        path = cache / f"{member}-{seed}-{name}-H{horizon}.npy"
        if path.exists():
            continue
        model, config = config_for(member, data.known, horizon, mode, seed)
        started = time.time()
        predictions = run_setting(data.values[: split.end], data.target_idx, split, lookback, horizon, model, config)
        np.save(path, predictions.astype(np.float32))
        print(f"trained {path.name} in {time.time() - started:.0f} s", flush=True)


def score(data, lookback: int, horizons: list[int], seeds: list[int], folds: int, cache: Path) -> None:
    for horizon in horizons:
        targets = {name: target_windows(data.values, target_rows(split, "test", lookback, horizon), horizon,
                                        data.target_idx) for name, split in blocks(data.split, folds)}
        mean = {m: {name: np.mean([np.load(cache / f"{m}-{s}-{name}-H{horizon}.npy") for s in seeds], axis=0)
                    for name in targets} for m in MEMBERS}
        n = len(targets["test"])
        head = scoring.drop_last(n, published.drop_last_batch("recipe", data.known, horizon))
        patch = n // 16 * 16
        rows = []
        for cand, members in CANDIDATES.items():
            forecast = {name: np.mean([mean[m][name] for m in members], axis=0) for name in targets}
            val = [scoring.mse_mae(forecast[f"fold{k}"], targets[f"fold{k}"])[0] for k in range(folds)]
            test = forecast["test"]
            rows.append((float(np.mean(val)), cand, val, scoring.mse_mae(test[:head], targets["test"][:head])[0],
                         scoring.mse_mae(test[:patch], targets["test"][:patch])[0]))
        chosen = min((r for r in rows if "reference" not in r[1]), key=lambda r: r[0])[1]
        print(f"\nH={horizon}: test windows {head} (headline) / {patch} (PatchTST's); seeds {seeds}; {folds} blocks")
        for mean_val, cand, val, test_head, test_patch in rows:
            mark = "  <- chosen on validation" if cand == chosen else ""
            print(f"  {cand:34s} valMSE {' '.join(f'{x:.4f}' for x in val)} mean {mean_val:.4f}  "
                  f"test {test_head:.4f} / {test_patch:.4f}{mark}")
        singles = {m: [scoring.mse_mae(np.load(cache / f"{m}-{s}-test-H{horizon}.npy")[:head], targets["test"][:head])[0]
                       for s in seeds] for m in MEMBERS}
        print("  one seed each (test, headline): " + "; ".join(
            f"{m} {' '.join(f'{x:.4f}' for x in v)}" for m, v in singles.items()))


def main(argv: list[str]) -> None:
    path, mode, lookback, horizons, *flags = argv
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    folds = int(os.environ.get("FOLDS", "3"))
    seeds = [int(s) for s in os.environ.get("SEEDS", "2021,2022,2023").split(",")]
    cache = Path(os.environ.get("CACHE", "/tmp/rnncast-ensemble"))
    cache.mkdir(parents=True, exist_ok=True)
    data = tables.prepare_table(path, mode)
    hs = [int(h) for h in horizons.split(",")]
    if "--score" in flags:
        score(data, int(lookback), hs, seeds, folds, cache)
    else:
        train(data, mode, int(lookback), hs, seeds, folds, cache)


if __name__ == "__main__":
    main(sys.argv[1:])

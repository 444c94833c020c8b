"""Redraw the ETT forecast figures (``forecast_<model>_H<H>.png``) from the runs recorded in a
``results.csv`` of ``rnncast bench ett``.

    python benchmarks/ett/figures.py --from benchmarks/ett/results/L96-defaults-highway/*/results.csv --list
    python benchmarks/ett/figures.py --from benchmarks/ett/results/L96-defaults-highway/ETTh1-S-L96/results.csv
    python benchmarks/ett/figures.py --from benchmarks/ett/results/L96-defaults-highway/ETTh1-S-L96/results.csv \\
        --models repeat,rnn --horizons 96 --out /tmp/figures

A figure shows the first test window of the OT channel: the input, the actual values, the forecast
and Repeat's (``rnncast.bench.figures.forecast_window_figure``, as ``rnncast bench ett`` draws it).
A CSV row holds the run's scores, seed and every Forecaster setting, not its forecast, so each
figure refits the recorded run: the row's dataset, mode, L, H, model, seed and settings (a setting
the row predates takes the value the code used before it existed: no highway, the MSE loss), on the
data in ``--data-dir`` (default ../shared/data/ETT). It prints the refit's test MSE beside the
recorded one and exits 1 when one is more than 1 % off: the library then no longer computes what
it computed for that row, and the figure is not the recorded run's. A refit costs about the row's
``seconds`` (Repeat nothing); ``--list`` prints the figures and the recorded seconds, fitting none.

Rows drawn: for every (model, H), the latest row of ``--seed`` (default 2021) whose command drew
figures (no ``--no-plots``), as the recorded folders' figures were; ``--all`` draws the rows run
with ``--no-plots`` too. Written to the CSV's folder, or under ``--out`` (in the CSVs' folders
relative to the folder they share), as ``forecast_<model>_H<H><suffix>.png``. ``--threads``: torch
threads (default 1).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

import torch

from rnncast.bench import recurrent, scoring
from rnncast.bench.figures import forecast_window_figure
from rnncast.bench.tables import BenchData, prepare_table
from rnncast.bench.runners import run_setting
from rnncast.bench.task import TrainConfig
from rnncast.config import SAVED_BEFORE
from rnncast.errors import RnncastError
from rnncast.files import write_bytes
from rnncast.plots import png_bytes


# A setting a row predates had, in that run, the value the code used before the setting existed:
# no linear highway (rnncast.config.SAVED_BEFORE) and the MSE loss (the segrnn preset's MAE came later).
BEFORE_THEY_EXISTED = {**SAVED_BEFORE, "loss": "mse"}
TOLERANCE = 0.01  # relative: a refit on another machine (CPU for a GPU row) lands within it


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "ETT"  # ../shared beside the checkout


def rows_to_draw(path: Path, seed: int, models: set | None, horizons: set | None, every: bool) -> list[dict]:
    """The latest row per (model, H) of ``seed`` in ``path``, in the CSV's order."""
    latest: dict[tuple, dict] = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if int(row["seed"]) != seed or (models and row["model"] not in models):
                continue
            if (horizons and int(row["H"]) not in horizons) or (not every and "--no-plots" in row["command"]):
                continue
            latest[(row["model"], int(row["H"]))] = row  # later wins
    return list(latest.values())


def train_config(row: dict, device: str | None) -> TrainConfig:
    """The run's training settings from its row: the Forecaster's for the recurrent models (the
    protocol's own settings left to the runner), LTSF-Linear's recipe for the linear ones."""
    settings = json.loads(row["settings"] or "{}")
    seed = int(row["seed"])
    if row["model"] in recurrent.MODELS:
        fixed = set(recurrent.PROTOCOL_KEYS) | {"cell", "seed"}
        forecaster = {**BEFORE_THEY_EXISTED, **{k: v for k, v in settings.items() if k not in fixed}}
        if device:
            forecaster["device"] = device
        return TrainConfig(seed=seed, options={"forecaster": forecaster})
    known = set(TrainConfig.__dataclass_fields__) - {"options"}
    return TrainConfig(**{**{k: v for k, v in settings.items() if k in known}, "seed": seed})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="csvs", type=Path, nargs="+", required=True, help="results.csv file(s)")
    parser.add_argument("--out", type=Path, help="folder of the figures (default: each CSV's folder)")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(), help="the ETT CSVs (ETTh1.csv, ETTm1.csv)")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--models", help="comma-separated (default: every model in the CSV)")
    parser.add_argument("--horizons", help="comma-separated (default: every horizon in the CSV)")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. _seed2022")
    parser.add_argument("--all", action="store_true", help="also the rows run with --no-plots")
    parser.add_argument("--device", help="train on this device instead of the recorded one")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--list", action="store_true", help="print the figures and the recorded seconds; fit nothing")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    models = set(args.models.split(",")) if args.models else None
    horizons = {int(h) for h in args.horizons.split(",")} if args.horizons else None

    data: dict[tuple, BenchData] = {}
    repeats: dict[tuple, object] = {}
    failures = differing = 0
    common = Path(os.path.commonpath([p.resolve().parent for p in args.csvs]))
    for path in args.csvs:
        rows = rows_to_draw(path, args.seed, models, horizons, args.all)
        if not rows:
            print(f"{path}: no row to draw (seed {args.seed}, rows that drew figures; see --seed, --all)")
        out = args.out / path.resolve().parent.relative_to(common) if args.out else path.parent
        for row in rows:
            name, mode, lookback, horizon, model = row["dataset"], row["mode"], int(row["L"]), int(row["H"]), row["model"]
            target = out / f"forecast_{model}_H{horizon}{args.suffix}.png"
            label = f"{name} {mode} L={lookback} H={horizon} {model} seed {row['seed']}"
            if args.list:
                print(f"{label}: recorded {row['seconds']} s on {row['device']} -> {target}")
                continue
            if (name, mode) not in data:
                data[name, mode] = prepare_table(args.data_dir / f"{name}.csv", mode)
            d = data[name, mode]
            if (name, mode, lookback, horizon) not in repeats:
                repeats[name, mode, lookback, horizon] = run_setting(d.values, d.target_idx, d.split, lookback,
                                                                     horizon, "repeat")
            repeat = repeats[name, mode, lookback, horizon]
            started = time.perf_counter()
            try:
                predictions = (repeat if model == "repeat" else
                               run_setting(d.values, d.target_idx, d.split, lookback, horizon, model,
                                           train_config(row, args.device)))
            except (RnncastError, TypeError, ValueError) as err:
                print(f"{label}: not redrawn: {err}")
                failures += 1
                continue
            mse = scoring.evaluate(predictions, d.values, d.target_idx, d.split, horizon).all_windows.mse
            write_bytes(target, png_bytes(forecast_window_figure(d, lookback, horizon, model, predictions, repeat),
                                          dpi=90))
            recorded = float(row["mse_all"])
            off = abs(mse - recorded) > TOLERANCE * recorded
            differing += off
            print(f"{label}: test MSE {mse:.6f} (recorded {recorded:.6f}"
                  f"{'; NOT REPRODUCED, the figure is not the recorded run' if off else ''}), "
                  f"{time.perf_counter() - started:.1f} s -> {target}", flush=True)
    if differing:
        print(f"{differing} figure(s) from refits whose test MSE is more than {TOLERANCE:.0%} off the recorded one")
    return 1 if failures or differing else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``rnncast bench ett``: the ETT long-horizon benchmark (protocol: ``shared/benchmarks/ETT.md``).

    rnncast bench ett --data ETTh1.csv --mode S --lookback 96 --horizons 96,192,336,720 \\
        --models repeat,nlinear,dlinear,rnn,lstm,gru [--drop-last 32] [--out DIR]
    rnncast bench ett --quick          # ETTh1, S, H=96, repeat/nlinear/lstm, 2 epochs: a smoke test

For every horizon and model the harness (:mod:`rnncast.ett`) trains on the train windows, stops
early and keeps the best epoch on the validation windows, then forecasts every test window once
(:func:`rnncast.ett.run_setting`). Scores are MSE and MAE on the z-scored values, over all test
windows, or over the first ``floor(n / B) * B`` with ``--drop-last B`` (the published code's test
loader; the other variant is in the CSV too).

Written to ``--out`` (default ``runs/bench-ett/<dataset>-<mode>-L<L>``):

* ``results.csv``: one row per run, appended (a rerun adds rows; it never rewrites old ones);
* ``results.md``: per setting a table, one row per horizon, the latest run of every model beside
  the published rows (:data:`PUBLISHED`), remade from the whole CSV after every run;
* ``forecast_<model>_H<H>.png``: the first test window, OT channel: input, actual, forecast.

The recurrent models (rnn, lstm, gru) are :class:`rnncast.Forecaster` with the library's defaults
(see :mod:`rnncast.ett_recurrent`); ``--set KEY=VALUE`` overrides a Forecaster setting for them.
NLinear and DLinear use LTSF-Linear's recipe (:class:`rnncast.ett.TrainConfig`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shlex
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from rnncast import __version__, ett, ett_recurrent
from rnncast.errors import RnncastError

DEFAULT_MODELS = ("repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn")
DEFAULT_LOOKBACK = 96
QUICK = {"dataset": "ETTh1", "mode": "S", "horizons": (96,), "models": ("repeat", "nlinear", "lstm"),
         "epochs": 2}
REPO = Path(__file__).resolve().parents[2]

CSV_COLUMNS = (
    "finished_utc", "dataset", "mode", "L", "H", "model",
    "mse", "mae", "windows", "test_windows",  # the headline scores and which windows they cover
    "mse_all", "mae_all", "windows_all", "mse_drop_last", "mae_drop_last", "windows_drop_last",
    "repeat_mse", "repeat_mae", "beats_repeat",  # Repeat on the same windows as mse/mae
    "seconds", "train_seconds", "epochs_run", "best_epoch", "best_val_mse",
    "seed", "device", "threads", "quick", "settings", "rnncast_version", "torch_version", "command",
)


# --------------------------------------------------------------------------------------------
# Published rows (MSE, MAE), copied from shared/benchmarks/ETT.md
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    label: str  # column header, with the input length the row was made with
    source: str
    scores: dict[int, tuple[float, float]]  # horizon -> (MSE, MAE)


_LTSF = "DLinear paper (Zeng et al., AAAI 2023), cure-lab/LTSF-Linear; drop-last test loader"
_REPEAT = "Repeat recomputed under the protocol, shared/benchmarks/ETT.md"
_SEGRNN = "SegRNN (Lin et al. 2023), lss-1138/SegRNN Table 2 / README"
_PATCH = "PatchTST (Nie et al., ICLR 2023), yuqinie98/PatchTST table 3"
_INFORMER = "Informer2020 README result images (2021-03); Informer horizons, only 336/720 overlap"


def _rows(*pairs):
    return dict(zip((96, 192, 336, 720), pairs))


PUBLISHED: dict[tuple[str, str], list[Published]] = {
    ("ETTh1", "S"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((0.069, 0.203), (0.092, 0.236), (0.113, 0.265), (0.129, 0.283))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.053, 0.177), (0.069, 0.204), (0.081, 0.226), (0.080, 0.226))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.056, 0.180), (0.071, 0.204), (0.098, 0.244), (0.189, 0.359))),
        Published("FEDformer L=96", _LTSF,
                  _rows((0.079, 0.215), (0.104, 0.245), (0.119, 0.270), (0.142, 0.299))),
        Published("Informer L=96", _LTSF,
                  _rows((0.193, 0.377), (0.217, 0.395), (0.202, 0.381), (0.183, 0.355))),
        Published("LSTMa (Informer)", _INFORMER, {336: (0.590, 0.698), 720: (0.683, 0.768)}),
    ],
    ("ETTm1", "S"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((0.033, 0.136), (0.049, 0.169), (0.065, 0.196), (0.089, 0.232))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.026, 0.122), (0.039, 0.149), (0.052, 0.172), (0.073, 0.207))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.028, 0.123), (0.045, 0.156), (0.061, 0.182), (0.080, 0.210))),
        Published("FEDformer L=96", _LTSF,
                  _rows((0.033, 0.140), (0.058, 0.186), (0.084, 0.231), (0.102, 0.250))),
        Published("Informer L=96", _LTSF,
                  _rows((0.109, 0.277), (0.151, 0.310), (0.427, 0.591), (0.438, 0.586))),
    ],
    ("ETTh1", "M"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((1.294, 0.713), (1.325, 0.733), (1.330, 0.746), (1.335, 0.755))),
        Published("SegRNN L=96", _SEGRNN,
                  _rows((0.368, 0.395), (0.408, 0.419), (0.444, 0.440), (0.446, 0.457))),
        Published("SegRNN L=720", _SEGRNN,
                  _rows((0.351, 0.392), (0.392, 0.414), (0.423, 0.433), (0.466, 0.472))),
        Published("plain GRU L=720", _SEGRNN,
                  _rows((1.135, 0.844), (1.123, 0.814), (1.080, 0.807), (1.089, 0.822))),
        Published("PatchTST/42 L=336", _PATCH,
                  _rows((0.375, 0.399), (0.414, 0.421), (0.431, 0.436), (0.449, 0.466))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.374, 0.394), (0.408, 0.415), (0.429, 0.427), (0.440, 0.453))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.375, 0.399), (0.405, 0.416), (0.439, 0.443), (0.472, 0.490))),
        Published("LSTMa (Informer)", _INFORMER, {336: (1.424, 0.994), 720: (1.960, 1.322)}),
    ],
    ("ETTm1", "M"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((1.214, 0.665), (1.261, 0.690), (1.287, 0.707), (1.322, 0.729))),
        Published("SegRNN L=96", _SEGRNN,
                  _rows((0.330, 0.369), (0.369, 0.392), (0.399, 0.412), (0.454, 0.443))),
        Published("SegRNN L=720", _SEGRNN,
                  _rows((0.293, 0.354), (0.328, 0.378), (0.357, 0.399), (0.410, 0.430))),
        Published("plain GRU L=720", _SEGRNN,
                  _rows((0.953, 0.740), (1.124, 0.847), (1.200, 0.881), (1.173, 0.858))),
        Published("PatchTST/42 L=336", _PATCH,
                  _rows((0.290, 0.342), (0.332, 0.369), (0.366, 0.392), (0.420, 0.424))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.306, 0.348), (0.349, 0.375), (0.375, 0.388), (0.433, 0.422))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.299, 0.343), (0.335, 0.365), (0.369, 0.386), (0.425, 0.421))),
    ],
}
"""(dataset, mode) -> published rows. No MS rows are published in ETT.md."""


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Declare ``bench ett ...`` on the ``rnncast`` command's subparsers."""
    bench = subparsers.add_parser("bench", help="run a published benchmark (ETT) under its protocol")
    kinds = bench.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    p = kinds.add_parser(
        "ett", help="ETTh1/ETTm1 long-horizon forecasting, protocol of shared/benchmarks/ETT.md",
        description="Train and score models on ETTh1/ETTm1 under the protocol of "
                    "shared/benchmarks/ETT.md; write results.csv, results.md and forecast plots.",
    )
    p.add_argument("--data", help="ETTh1.csv, ETTm1.csv, ... (default with --quick: "
                   "../shared/data/ETT/ETTh1.csv beside the repository, or $RNNCAST_ETT_DIR)")
    p.add_argument("--mode", help="S (OT -> OT), M (7 -> 7) or MS (7 -> OT); default S")
    p.add_argument("--lookback", type=_int_arg("lookback"), default=DEFAULT_LOOKBACK,
                   help=f"input length L (default {DEFAULT_LOOKBACK})")
    p.add_argument("--horizons", help="comma-separated horizons (default 96,192,336,720)")
    p.add_argument("--models", help=f"comma-separated, from {','.join(DEFAULT_MODELS)} (default: all)")
    p.add_argument("--drop-last", type=_int_arg("drop-last"), metavar="B",
                   help="headline scores on the first floor(n/B)*B test windows, as the published "
                        "code's loader with batch B (default: all windows)")
    p.add_argument("--out", help="output folder (default runs/bench-ett/<dataset>-<mode>-L<L>)")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                   help="Forecaster setting for the recurrent models, e.g. --set epochs=20, or for "
                        "one model, e.g. --set rnn:lr=0.0003 (repeatable; default: the library's "
                        "defaults)")
    p.add_argument("--seed", type=int, default=2021, help="seed of every model (default 2021)")
    p.add_argument("--threads", type=_int_arg("threads"), default=1,
                   help="torch CPU threads (default 1)")
    p.add_argument("--no-plots", action="store_true", help="skip the forecast PNGs")
    p.add_argument("--quick", action="store_true",
                   help="smoke test: ETTh1, S, H=96, repeat,nlinear,lstm, 2 epochs")
    p.set_defaults(run=run_ett)
    return p


def _int_arg(name: str):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise argparse.ArgumentTypeError(f"{name} must be a positive integer, got {text!r}")
        return value

    return parse


@dataclass
class Plan:
    """The validated request of one ``bench ett`` command."""

    data: Path
    mode: str
    lookback: int
    horizons: tuple[int, ...]
    models: tuple[str, ...]
    drop_last: int | None
    out: Path
    seed: int
    threads: int
    quick: bool
    plots: bool
    forecaster: dict = field(default_factory=dict)  # overrides for all recurrent models
    per_cell: dict = field(default_factory=dict)  # cell -> overrides for that cell only
    linear_epochs: int | None = None  # None: LTSF-Linear's 10


def default_data_dir() -> Path:
    env = os.environ.get("RNNCAST_ETT_DIR")
    return Path(env) if env else REPO.parent / "shared" / "data" / "ETT"


def make_plan(args: argparse.Namespace) -> Plan:
    """Check the arguments; every error names the value and what is accepted."""
    quick = bool(getattr(args, "quick", False))
    if args.data:
        data = Path(args.data)
    elif quick:
        data = default_data_dir() / f"{QUICK['dataset']}.csv"
    else:
        raise RnncastError("no data file: pass --data PATH to an ETT CSV (ETTh1.csv, ETTm1.csv, ...), "
                           "or --quick for the smoke test on ETTh1")
    if not data.is_file():
        raise RnncastError(f"ETT file {str(data)!r} does not exist; pass --data PATH to ETTh1.csv, "
                           f"ETTm1.csv, ... (or set RNNCAST_ETT_DIR to their folder)")
    dataset = ett.dataset_name(data)
    mode = args.mode or QUICK["mode"]
    if mode not in ett.MODES:
        raise RnncastError(f"unknown mode {mode!r}: accepted are {', '.join(ett.MODES)}")
    horizons = _parse_horizons(args.horizons, ett.borders(dataset)) if args.horizons else (
        QUICK["horizons"] if quick else ett.HORIZONS)
    models = _parse_models(args.models) if args.models else (
        QUICK["models"] if quick else DEFAULT_MODELS)
    lookback = int(args.lookback or DEFAULT_LOOKBACK)
    for h in horizons:
        try:
            ett.window_origins("test", ett.borders(dataset), lookback, h)
        except RnncastError as err:
            raise RnncastError(f"lookback {lookback} with horizon {h} on {dataset}: {err}") from None
    forecaster, per_cell = parse_settings(args.settings or [])
    if quick:
        forecaster.setdefault("epochs", QUICK["epochs"])
    default_out = Path("runs") / "bench-ett" / f"{'quick-' if quick else ''}{dataset}-{mode}-L{lookback}"
    return Plan(
        data=data, mode=mode, lookback=lookback, horizons=horizons, models=models,
        drop_last=args.drop_last, out=Path(args.out) if args.out else default_out,
        seed=int(args.seed), threads=int(args.threads), quick=quick,
        plots=not getattr(args, "no_plots", False), forecaster=forecaster, per_cell=per_cell,
        linear_epochs=QUICK["epochs"] if quick else None,
    )


def _parse_horizons(text: str, split_borders: ett.Borders) -> tuple[int, ...]:
    longest = min(split_borders.val_end - split_borders.train_end,
                  split_borders.test_end - split_borders.val_end)
    horizons = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit() or not 1 <= int(part) <= longest:
            raise RnncastError(
                f"bad horizon {part!r} in --horizons {text!r}: accepted are comma-separated integers "
                f"from 1 to {longest} (the shortest split), e.g. 96,192,336,720"
            )
        horizons.append(int(part))
    return tuple(dict.fromkeys(horizons))


def _parse_models(text: str) -> tuple[str, ...]:
    models = [m.strip().lower() for m in text.split(",") if m.strip()]
    known = sorted(ett.RUNNERS)
    for m in models:
        if m not in ett.RUNNERS:
            raise RnncastError(f"unknown model {m!r} in --models {text!r}: accepted are {', '.join(known)}")
    if not models:
        raise RnncastError(f"--models {text!r} names no model: accepted are {', '.join(known)}")
    return tuple(dict.fromkeys(models))


def parse_settings(items: list[str]) -> tuple[dict, dict]:
    """``['epochs=20', 'rnn:lr=0.0003']`` -> ``({'epochs': 20}, {'rnn': {'lr': 0.0003}})``: settings
    for every recurrent model, and per cell (``CELL:KEY=VALUE``), typed as the Forecaster's
    settings; the protocol's own settings (lookback, horizon, scaler, ...) are refused."""
    from rnncast.config import setting_fields

    fields_by_name = {f.name: f for f in setting_fields()}
    allowed = sorted(set(fields_by_name) - set(ett_recurrent._PROTOCOL_KEYS) - {"cell"})
    common: dict = {}
    per_cell: dict[str, dict] = {}
    for item in items:
        key, sep, text = item.partition("=")
        cell, colon, key = key.strip().rpartition(":")
        key = key.strip().replace("-", "_")
        if not sep or key not in allowed or (colon and cell not in ett_recurrent.MODELS):
            raise RnncastError(
                f"bad --set {item!r}: accepted are KEY=VALUE or MODEL:KEY=VALUE with MODEL one of "
                f"{', '.join(ett_recurrent.MODELS)} and KEY one of {', '.join(allowed)}"
            )
        default = fields_by_name[key].default
        text = text.strip()
        try:
            if isinstance(default, bool):
                if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(text)
                value = text.lower() in ("true", "1", "yes")
            elif key == "batch_size":
                value = None if text in ("full", "0") else int(text)
            elif isinstance(default, int):
                value = int(text)
            elif isinstance(default, float):
                value = float(text)
            else:
                value = text
        except ValueError:
            kind = "true or false" if isinstance(default, bool) else type(default).__name__
            raise RnncastError(f"bad --set {item!r}: {key} takes {kind}") from None
        (per_cell.setdefault(cell, {}) if colon else common)[key] = value
    return common, per_cell


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


def run_ett(args: argparse.Namespace) -> int:
    """``rnncast bench ett``: run every model for every horizon, write CSV, markdown and plots."""
    import torch

    plan = make_plan(args)
    torch.set_num_threads(plan.threads)
    data = ett.prepare_ett(plan.data, plan.mode)
    command = getattr(args, "command_line", None) or shlex.join(["rnncast", *sys.argv[1:]])
    print(f"{data.name} {plan.mode}, L={plan.lookback}, horizons {','.join(map(str, plan.horizons))}, "
          f"models {','.join(plan.models)} -> {plan.out}", flush=True)
    rows = []
    for horizon in plan.horizons:
        repeat = ett.run_setting(data.values, data.target_idx, data.borders, plan.lookback, horizon, "repeat")
        for model in plan.models:
            row = run_one(plan, data, model, horizon, repeat, command)
            append_csv(plan.out / "results.csv", row)
            rows.append(row)
            print(f"  H={horizon:<4} {model:8} MSE {row['mse']:.4f} MAE {row['mae']:.4f} "
                  f"(repeat {row['repeat_mse']:.4f}) {row['seconds']:.1f}s"
                  f"{'' if row['epochs_run'] == '' else ', ' + str(row['epochs_run']) + ' epochs'}",
                  flush=True)
    write_markdown(plan.out)
    print()
    print(summary_table(rows))
    print(f"\nwrote {plan.out}/results.csv, results.md"
          f"{' and forecast_<model>_H<H>.png' if plan.plots else ''}")
    return 0


def train_config(plan: Plan, model: str, on_fit) -> ett.TrainConfig:
    """LTSF-Linear's recipe for the linear models; the Forecaster's defaults (plus ``--set``) for
    the recurrent ones."""
    if model in ett_recurrent.MODELS:
        settings = {**plan.forecaster, **plan.per_cell.get(model, {})}
        return ett.TrainConfig(seed=plan.seed, options={"forecaster": settings, "on_fit": on_fit})
    if plan.linear_epochs is not None:
        return ett.TrainConfig(seed=plan.seed, epochs=plan.linear_epochs)
    return ett.TrainConfig(seed=plan.seed)


def run_one(plan: Plan, data: ett.EttData, model: str, horizon: int, repeat: np.ndarray, command: str) -> dict:
    """Train and score one model at one horizon; write its plot; return its CSV row."""
    import torch

    infos: list[dict] = []
    config = train_config(plan, model, infos.append)
    started = time.perf_counter()
    predictions = ett.run_setting(data.values, data.target_idx, data.borders, plan.lookback, horizon,
                                  model, config)
    seconds = time.perf_counter() - started
    scores = ett.evaluate(predictions, data.values, data.target_idx, data.borders, horizon)
    test = ett.window_origins("test", data.borders, plan.lookback, horizon)
    targets = ett.target_windows(data.values, test, horizon, data.target_idx)
    batch = plan.drop_last or ett.PUBLISHED_TEST_BATCH
    kept = ett.drop_last(len(test), batch)
    mse_dl, mae_dl = ett.mse_mae(predictions[:kept], targets[:kept])
    headline = slice(0, kept) if plan.drop_last else slice(0, len(test))
    mse, mae = (mse_dl, mae_dl) if plan.drop_last else (scores.all_windows.mse, scores.all_windows.mae)
    rep_mse, rep_mae = ett.mse_mae(repeat[headline], targets[headline])
    info = infos[-1] if infos else {}
    if model in ett_recurrent.MODELS:
        settings = info.get("forecaster", {})
    elif model == "repeat":
        settings = {}
    else:
        settings = {k: v for k, v in asdict(config).items() if k != "options"}
    if plan.plots:
        figure = forecast_window_figure(data, plan.lookback, horizon, model, predictions, repeat)
        from rnncast.files import write_bytes
        from rnncast.plots import png_bytes

        write_bytes(plan.out / f"forecast_{model}_H{horizon}.png", png_bytes(figure, dpi=90))
    return {
        "finished_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "dataset": data.name, "mode": plan.mode, "L": plan.lookback, "H": horizon, "model": model,
        "mse": mse, "mae": mae, "windows": kept if plan.drop_last else len(test),
        "test_windows": f"drop-last-{batch}" if plan.drop_last else "all",
        "mse_all": scores.all_windows.mse, "mae_all": scores.all_windows.mae,
        "windows_all": scores.all_windows.n_windows,
        "mse_drop_last": mse_dl, "mae_drop_last": mae_dl, "windows_drop_last": kept,
        "repeat_mse": rep_mse, "repeat_mae": rep_mae,
        "beats_repeat": "" if model == "repeat" else ("yes" if mse < rep_mse else "no"),
        "seconds": round(seconds, 2),
        "train_seconds": round(info["train_seconds"], 2) if "train_seconds" in info else "",
        "epochs_run": info.get("epochs_run", ""), "best_epoch": info.get("best_epoch", ""),
        "best_val_mse": info.get("best_val_mse", ""),
        "seed": plan.seed, "device": info.get("device", "cpu"), "threads": torch.get_num_threads(),
        "quick": "yes" if plan.quick else "no",
        "settings": json.dumps(settings, sort_keys=True),
        "rnncast_version": __version__, "torch_version": torch.__version__, "command": command,
    }


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def append_csv(path: Path, row: dict) -> None:
    """Append one row; write the header first if the file is new. A file with other columns is an
    error (its rows are never rewritten)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        with path.open(newline="") as f:
            header = next(csv.reader(f), [])
        if tuple(header) != CSV_COLUMNS:
            raise RnncastError(f"{path} has other columns than this version writes ({header[:6]}...); "
                               f"move it away or choose another --out")
        new = False
    else:
        new = True
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if new:
        writer.writeheader()
    writer.writerow({k: _csv_value(row[k]) for k in CSV_COLUMNS})
    with path.open("a", newline="") as f:  # one write per row: concurrent runs interleave whole rows
        f.write(buffer.getvalue())


def _csv_value(value):
    return f"{value:.6f}" if isinstance(value, float) else value


def read_csv(path: Path) -> list[dict]:
    with Path(path).open(newline="") as f:
        return list(csv.DictReader(f))


def write_markdown(out: Path) -> Path:
    """Remake ``results.md`` from every row of ``results.csv`` in ``out``."""
    from rnncast.files import write_text

    rows = read_csv(out / "results.csv")
    write_text(out / "results.md", markdown(rows))
    return out / "results.md"


def markdown(rows: list[dict]) -> str:
    """One section per (dataset, mode, L, test windows): a row per horizon, the latest run of every
    model (MSE/MAE), then the published rows for that dataset and mode."""
    groups: dict[tuple, dict[tuple[int, str], dict]] = {}
    for row in rows:  # later rows win
        key = (row["dataset"], row["mode"], int(row["L"]), row["test_windows"])
        groups.setdefault(key, {})[(int(row["H"]), row["model"])] = row
    lines = ["# ETT benchmark results", "",
             "MSE/MAE on z-scored values (protocol: shared/benchmarks/ETT.md); measured columns are "
             "the latest run of each model in results.csv. **Bold**: a model with a lower MSE than "
             "Repeat on the same windows. Published columns in *italics*.", ""]
    for (dataset, mode, lookback, windows), runs in groups.items():
        horizons = sorted({h for h, _ in runs})
        models = list(dict.fromkeys(m for _, m in sorted(runs, key=lambda k: _model_order(k[1]))))
        published = PUBLISHED.get((dataset, mode), [])
        quick = any(r["quick"] == "yes" for r in runs.values())
        lines += [f"## {dataset}, {mode}, L={lookback}, {windows} test windows"
                  f"{' (QUICK smoke test: few epochs)' if quick else ''}", ""]
        head = ["H", *models, *[f"*{p.label}*" for p in published]]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for h in horizons:
            cells = [str(h)]
            for m in models:
                r = runs.get((h, m))
                if r is None:
                    cells.append("—")
                    continue
                text = f"{float(r['mse']):.3f}/{float(r['mae']):.3f}"
                cells.append(f"**{text}**" if r["beats_repeat"] == "yes" else text)
            for p in published:
                s = p.scores.get(h)
                cells.append(f"*{s[0]:.3f}/{s[1]:.3f}*" if s else "—")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        trained = [r for r in runs.values() if r["epochs_run"] not in ("", None)]
        if trained:
            lines.append("Recurrent runs: " + "; ".join(
                f"{r['model']} H={r['H']} {r['epochs_run']} epochs (best {r['best_epoch']}), "
                f"{float(r['seconds']):.0f} s" for r in sorted(trained, key=lambda r: (int(r["H"]), _model_order(r["model"])))
            ) + ".")
            lines.append("")
        if published:
            by_source: dict[str, list[str]] = {}
            for p in published:
                by_source.setdefault(p.source, []).append(p.label)
            lines.append("Published columns: " + "; ".join(
                f"{', '.join(labels)} from {source}" for source, labels in by_source.items()) + ".")
        else:
            lines.append(f"No published rows for {dataset} {mode} in ETT.md.")
        commands = list(dict.fromkeys(r["command"] for r in runs.values()))
        lines += ["", "Commands:", "", *[f"    {c}" for c in commands], ""]
    return "\n".join(lines)


def _model_order(model: str) -> int:
    return DEFAULT_MODELS.index(model) if model in DEFAULT_MODELS else len(DEFAULT_MODELS)


def summary_table(rows: list[dict]) -> str:
    head = ["dataset", "mode", "L", "H", "model", "MSE", "MAE", "Repeat MSE", "Repeat MAE", "beats Repeat",
            "seconds", "epochs"]
    body = [[r["dataset"], r["mode"], r["L"], r["H"], r["model"], f"{r['mse']:.4f}", f"{r['mae']:.4f}",
             f"{r['repeat_mse']:.4f}", f"{r['repeat_mae']:.4f}", r["beats_repeat"] or "-",
             f"{r['seconds']:.1f}", r["epochs_run"] or "-"] for r in rows]
    cells = [head] + [[str(c) for c in row] for row in body]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Plot
# --------------------------------------------------------------------------------------------


def forecast_window_figure(data: ett.EttData, lookback: int, horizon: int, model: str,
                           predictions: np.ndarray, repeat: np.ndarray | None = None, window: int = 0):
    """The OT channel around test window ``window`` (0: the first): the input, the actual values
    and the forecast (Repeat dotted, for reference). Returns a matplotlib Figure."""
    from rnncast.plots import plt

    ot = data.columns.index(ett.TARGET) if data.values.shape[1] == len(data.columns) else 0
    k = list(data.target_idx).index(ot)
    origin = data.borders.val_end + window
    past = np.arange(-lookback, 0)
    ahead = np.arange(horizon)
    fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
    ax.plot(past, data.values[origin - lookback : origin, ot], color="0.35", lw=1.2, label="input")
    ax.plot(ahead, data.values[origin : origin + horizon, ot], color="black", lw=1.6, label="actual")
    if repeat is not None and model != "repeat":
        ax.plot(ahead, repeat[window, :, k], color="grey", ls=":", lw=1.2, label="repeat")
    ax.plot(ahead, predictions[window, :, k], color="C1", lw=1.4, label=model)
    ax.axvline(-0.5, color="0.7", lw=0.8)
    ax.set_xlabel(f"step relative to the forecast origin (data row {origin})")
    ax.set_ylabel("OT (z-scored)")
    ax.set_title(f"{data.name} {data.mode}, L={lookback}, H={horizon}: {model}, test window {window + 1}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    return fig


def environment() -> dict:
    import torch

    return {"rnncast": __version__, "torch": torch.__version__, "python": platform.python_version(),
            "platform": platform.platform(), "cpus": os.cpu_count(), "threads": torch.get_num_threads()}


def main(argv: list[str] | None = None) -> int:
    """``python -m rnncast.bench ett ...``: the same command without the ``rnncast`` entry point."""
    import logging

    parser = argparse.ArgumentParser(prog="python -m rnncast.bench")
    add_parser(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(["bench", *argv] if argv[:1] != ["bench"] else argv)
    args.command_line = shlex.join(["rnncast", *args_as_given(argv)])
    logging.basicConfig(level=logging.WARNING, format="rnncast: %(levelname)s: %(message)s")
    try:
        return args.run(args)
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return 2


def args_as_given(argv: list[str]) -> list[str]:
    return argv if argv[:1] == ["bench"] else ["bench", *argv]


if __name__ == "__main__":
    sys.exit(main())

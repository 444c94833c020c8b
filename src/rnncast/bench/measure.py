"""One model at one horizon of a ``bench`` plan: train it under the protocol, score it beside
Repeat on the same windows, draw its first test window (named by :func:`rnncast.bench.results.plot_name`),
and return its row of ``results.csv``."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, replace
from datetime import datetime, timezone

import numpy as np
import torch

from rnncast.version import __version__
from rnncast.bench import identity, published, recurrent, results, scoring
from rnncast.bench.figures import forecast_window_figure
from rnncast.bench.plan import UNTRAINED, Plan
from rnncast.bench.protocol import target_rows, target_windows
from rnncast.bench.runners import run_setting
from rnncast.bench.tables import BenchData
from rnncast.bench.task import Task, TrainConfig
from rnncast.config import Settings
from rnncast.spelling import hints


def unscaled_columns(plan: Plan) -> tuple[str, ...]:
    """The scored columns that are only centred, not z-scored (constant on the training rows): in M mode every
    column is scored, so all of ``plan.constant``; in S and MS only the target, which is never constant there
    (:func:`rnncast.bench.plan.make_plan` refuses it), so none."""
    return tuple(plan.constant) if plan.mode == "M" else ()


def train_config(plan: Plan, dataset: str | None, model: str, horizon: int, on_fit) -> TrainConfig:
    """The Forecaster's defaults (plus ``--set``) for the recurrent models; for the linear ones
    LTSF-Linear's recipe, with the batch size and learning rate of its script for ``dataset`` (None: a
    table it has no script for: ``BenchData.known`` None), ``model`` and the mode (S takes the univariate
    script's: :func:`rnncast.bench.published.linear_recipe`)."""
    if model in recurrent.MODELS:
        settings = {**plan.forecaster, **plan.per_cell.get(model, {})}
        return TrainConfig(seed=plan.seed, options={"forecaster": settings, "on_fit": on_fit})
    batch_size, learning_rate = published.linear_recipe(dataset, horizon, model, plan.mode)
    config = TrainConfig(seed=plan.seed, batch_size=batch_size, learning_rate=learning_rate,
                         options={"on_fit": on_fit})
    if plan.linear_epochs is not None:
        return replace(config, epochs=plan.linear_epochs)
    return config


def check_settings(plan: Plan, data: BenchData) -> tuple[str, ...]:
    """The settings every recurrent model would be fitted with, at every horizon, checked before the
    first model trains or a row is written: a refused combination (``--set scheme=sequence --set
    window_scale=true``) is one error up front, not a run cut off after Repeat, and so is one the rows refuse as
    the runner reads them (a ``--drop-last`` batch larger than the test part is :func:`rnncast.bench.plan.make_plan`'s
    to refuse). Returns the lines to say once: a preset's segment cut to fit the lookback
    (:func:`rnncast.bench.recurrent.segment_note`)."""
    notes = []
    for model in plan.models:
        if model not in recurrent.MODELS:
            continue
        for horizon in plan.horizons:
            task = Task(data.values[: data.split.val_end], data.target_idx, data.split, plan.lookback, horizon)
            config = train_config(plan, data.known, model, horizon, None)
            params = recurrent.forecaster_params(task, model, config)
            Settings.from_flat(params)
            if horizon == plan.horizons[0]:  # the rows as the runner reads them, once per model
                recurrent.forecaster_panel(task, params)
        if "segment" not in config.options["forecaster"] and (note := recurrent.segment_note(model, plan.lookback)):
            notes.append(note)
    return tuple(notes)


def published_windows_scores(data: BenchData, mode: str, horizon: int, predictions: np.ndarray,
                             targets: np.ndarray) -> dict[str, list[float]]:
    """MSE and MAE on the windows of every published row of the table held (:data:`rnncast.bench.published.PUBLISHED`
    for ``data.known`` and ``mode``), keyed by how many of the first test windows they are (as text, for JSON):
    ``{"144": [mse, mae], ...}``. A published row is compared on its own windows (PatchTST's ILI rows on the first
    floor(n/16)*16, LTSF-Linear's on floor(n/32)*32, SegRNN's on all), which the headline may not be. Rounded to 6
    decimals, as the CSV writes its other scores.
    ``predictions`` and ``targets``: ``[windows, horizon, scored columns]``, scaled units."""
    counts = {published.published_windows(p, data.known, horizon, len(targets))
              for p in published.PUBLISHED.get((data.known, mode), []) if horizon in p.scores}
    return {str(k): [round(v, 6) for v in scoring.mse_mae(predictions[:k], targets[:k])] for k in sorted(counts) if k}


def split_settings(split, written) -> dict[str, list]:
    """The protocol's split as a row records it (``settings["split"]``): per part its first and last data row
    (0-based, as the command's first line gives them) and, where the table has a time column, the times of those
    rows as the file writes them (``written``: :attr:`rnncast.bench.tablefile.Table.written`), so that a reader
    can check the protocol from the results alone."""
    parts = {"train": (0, split.train_end - 1), "validation": (split.train_end, split.val_end - 1),
             "test": (split.val_end, split.end - 1)}
    return {part: [first, last, *((written[first], written[last]) if written else ())]
            for part, (first, last) in parts.items()}


def run_one(plan: Plan, data: BenchData, model: str, horizon: int, repeat: np.ndarray, command: str,
            source: identity.Source | None = None) -> dict:
    """Train and score one model at one horizon; write its plot (named after the row, so that runs sharing
    a folder keep theirs); return its CSV row. ``source``: the file read (default: ``plan.data``'s)."""
    source = source or identity.source_of(plan.data)
    infos: list[dict] = []
    config = train_config(plan, data.known, model, horizon, infos.append)
    started = time.perf_counter()
    with hints(one_target=repr(data.target)):  # the runner's panel names its columns by index: the target by name
        predictions = run_setting(data.values, data.target_idx, data.split, plan.lookback, horizon, model, config)
    seconds = time.perf_counter() - started
    scores = scoring.evaluate(predictions, data.values, data.target_idx, data.split, horizon)
    test = target_rows(data.split, "test", plan.lookback, horizon)
    targets = target_windows(data.values, test, horizon, data.target_idx)
    batch = published.drop_last_batch(plan.drop_last, data.known, horizon)
    kept = scoring.drop_last(len(test), batch)  # 0 when the test part holds less than one batch (plan refuses
    # that with --drop-last; without it the CSV's drop-last columns stay empty)
    mse_dl, mae_dl = scoring.mse_mae(predictions[:kept], targets[:kept]) if kept else ("", "")
    headline = slice(0, kept) if plan.drop_last else slice(0, len(test))
    mse, mae = (mse_dl, mae_dl) if plan.drop_last else (scores.all_windows.mse, scores.all_windows.mae)
    rep_mse, rep_mae = scoring.mse_mae(repeat[headline], targets[headline])
    on_published = published_windows_scores(data, plan.mode, horizon, predictions, targets)
    info = infos[-1] if infos else {}
    if model in recurrent.MODELS:
        settings = info.get("forecaster", {})
    elif model == "repeat":
        settings = {}
    else:  # the recipe, with the batches as run (all windows as one batch on a table too small for it)
        settings = {**{k: v for k, v in asdict(config).items() if k != "options"}, **info.get("batches", {})}
    settings = {**settings, "split": split_settings(data.split, plan.table.written if plan.table is not None else None)}
    if plan.notes or plan.warned:  # how the file was read, and what reading it warned of: kept with the scores
        settings["data_notes"] = [*plan.notes, *plan.warned]
    row = {
        "finished_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "dataset": data.name, "protocol": data.protocol, "target": data.target, "mode": plan.mode, "L": plan.lookback, "H": horizon, "model": model,
        "mse": mse, "mae": mae, "windows": kept if plan.drop_last else len(test),
        "test_windows": (f"drop-last-{plan.drop_last}" if plan.drop_last else "all"),
        "mse_all": scores.all_windows.mse, "mae_all": scores.all_windows.mae,
        "windows_all": scores.all_windows.n_windows,
        "mse_drop_last": mse_dl, "mae_drop_last": mae_dl, "windows_drop_last": kept,
        "repeat_mse": rep_mse, "repeat_mae": rep_mae,
        "beats_repeat": "" if model == "repeat" else scoring.against_repeat(mse, rep_mse),
        "seconds": round(seconds, 2),
        "train_seconds": round(info["train_seconds"], 2) if "train_seconds" in info else "",
        "epochs_run": info.get("epochs_run", ""), "best_epoch": info.get("best_epoch", ""),
        "best_val_mse": info.get("best_val_mse", ""),
        "seed": "" if model in UNTRAINED else plan.seed, "device": info.get("device", "cpu"), "threads": info.get("forecaster", {}).get("threads") or torch.get_num_threads(),  # the count it trained with
        "quick": "yes" if plan.quick else "no",
        "settings": json.dumps(settings, sort_keys=True),
        "rnncast_version": __version__, "torch_version": torch.__version__, "command": command,
        "data_file": source.path, "data_sha256": source.sha256, "known_table": "yes" if data.known else "no",
        "unscaled_columns": json.dumps(list(unscaled_columns(plan))) if unscaled_columns(plan) else "",
        "published_windows": json.dumps(on_published) if on_published else "",
    }
    if plan.plots:
        from rnncast.files import write_bytes
        from rnncast.plots import png_bytes  # matplotlib only when a figure is drawn

        figure = forecast_window_figure(data, plan.lookback, horizon, model, predictions, repeat, quick=plan.quick)
        write_bytes(plan.out / results.plot_name(row), png_bytes(figure, dpi=90))
    return row

"""The run directory and its report page.

A run directory holds ``config.json``, ``metrics.json``, ``history.csv``, ``model/``, ``loss.png``,
``forecast.png`` and ``report.html``: one self-contained page (plots embedded) that can be mailed.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import os
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import evaluation, files, plots
from rnncast.config import plain_values
from rnncast.version import __version__
from rnncast.forecaster import Forecaster
from rnncast.forecastplot import forecast_plot
from rnncast.windows import window_starts

METRIC_NAMES = ("mse", "mae", "rmse", "r2", "mase")
INTERVAL_NAMES = ("pinball", "coverage_")  # a quantile model's extra scores


# ---- what a run measured --------------------------------------------------------------------

def run_forecasts(forecaster: Forecaster, data) -> dict:
    """The validation and test windows' forecasts (``forecasting.PartForecasts``), each forecast once."""
    data_s = forecaster.settings_.data
    parts = [p for p in ("val", "test")
             if any(len(window_starts(split, p, data_s.lookback, data_s.horizon)) for split in forecaster.splits_)]
    return {part: forecaster.part_forecasts(data, part=part) for part in parts}


def run_metrics(forecaster: Forecaster, data, forecasts: dict | None = None) -> dict:
    """Validation and test metrics of the model and the baselines (pooled over the series of a panel)."""
    forecasts = run_forecasts(forecaster, data) if forecasts is None else forecasts
    return {part: evaluation.evaluate(f) for part, f in forecasts.items()}


def verdict(test: dict, units: str = "original", alpha: float = 0.05, where: str = "the test split") -> tuple[bool, str]:
    """Whether the model beats every baseline on test MSE beyond chance, said in one sentence.

    A lower MSE counts only when the Diebold–Mariano test gives p < ``alpha``: a model that ties
    with predicting the mean does not "beat" it by a rounding difference. ``where``: the windows
    scored, as the sentence names them (``evaluate`` scores other parts than the test split).
    """
    scores = test[units]
    model = scores["model"]["mse"]
    rivals = {name: s["mse"] for name, s in scores.items() if name != "model"}
    p_values = {name: test.get("significance", {}).get(name, {}).get("p_value", 0.0) for name in rivals}
    best_name = min(rivals, key=rivals.get)
    best, p = rivals[best_name], p_values[best_name]
    mse = "MSE" if units == "original" else "MSE (each series in its own scaled units)"
    if all(beats(test, n, units, alpha) for n in rivals):
        return True, (f"The model beats every baseline on {where}: {mse} {model:.4g} against "
                      f"{best:.4g} for the best baseline ({best_name}), {100 * (1 - model / best):.1f}% lower "
                      f"(Diebold–Mariano p = {p:.2g}).")
    losers = [n for n in rivals if not beats(test, n, units, alpha)]
    worst = min(losers, key=rivals.get)
    how = ("the same MSE: its forecasts are the baseline's" if abs(model - rivals[worst]) <= 1e-6 * abs(rivals[worst])
           else "a lower MSE, but not beyond chance" if model < rivals[worst] else "a higher MSE")
    return False, (f"The model does NOT beat the baselines on {where}: {mse} {model:.4g} against "
                   f"{rivals[worst]:.4g} for the {worst} baseline, {how}" +
                   (f" (Diebold–Mariano p = {p_values[worst]:.2g})." if p_values[worst] == p_values[worst] else "."))


def beats(test: dict, baseline: str, units: str = "original", alpha: float = 0.05) -> bool:
    """Whether the model's test MSE is lower than ``baseline``'s, beyond chance (Diebold–Mariano p < ``alpha``)."""
    scores = test[units]
    p_value = test.get("significance", {}).get(baseline, {}).get("p_value", 0.0)
    return scores["model"]["mse"] < scores[baseline]["mse"] and p_value < alpha


FUTURE_KNOWN_HINT = ("hint: the features are used only up to the step before each forecast; if their values are known "
                     "at the forecast time (a calendar, a planned price, a measured input), declare them with "
                     "--future-known (future_known=True)")


def fit_hint(forecaster: Forecaster, metrics: dict) -> str | None:
    """One line of advice after a fit, or None: a model given features that are not future-known,
    which does not beat the training mean on the test split (``beats``), is told of ``--future-known``."""
    if "test" not in metrics or not forecaster.past_covariates_ or forecaster.future_covariates_:
        return None
    if "mean" not in metrics["test"]["original"] or beats(metrics["test"], "mean", verdict_units(forecaster)):
        return None
    return FUTURE_KNOWN_HINT


def divergence(forecaster: Forecaster) -> dict | None:
    """``{"epoch", "kept"}`` of a fit whose loss became NaN or infinite in epoch ``epoch``
    (``diverged_epoch_``), the model keeping epoch ``kept`` (0: the untrained network), or None."""
    epoch = getattr(forecaster, "diverged_epoch_", None)
    if epoch is None:
        return None
    from rnncast.training import best_epoch

    return {"epoch": epoch, "kept": best_epoch(forecaster.history_)}  # the loop keeps the best finished epoch


def divergence_text(forecaster: Forecaster) -> str | None:
    """"training diverged in epoch 7; the model keeps epoch 5", or None: the fit did not diverge."""
    d = divergence(forecaster)
    if d is None:
        return None
    kept = f"epoch {d['kept']}" if d["kept"] else "the untrained network (no finished epoch beat it on validation)"
    return f"training diverged in epoch {d['epoch']}; the model keeps {kept}"


def mase_note(result: dict) -> str | None:
    """How a pooled MASE treated series with a zero in-sample naive error (None: there were none)."""
    excluded = result.get("mase_excluded")
    if not excluded:
        return None
    named = ", ".join(repr(i) for i in excluded["series"][:5]) + (", ..." if excluded["count"] > 5 else "")
    return (f"MASE pools the series with a usable scale: {excluded['count']} series ({named}) never change on their "
            "training rows, so their naive error is zero and MASE is undefined for them; they are left out of MASE "
            "(as M4 leaves such series out) and counted in every other metric.")


def verdict_units(forecaster: Forecaster) -> str:
    """Original units for one series; scaled units for many, where each series' errors count in its
    own scale (pooled original-unit MSE would be the largest series' MSE)."""
    return "original" if forecaster.layout_ == "single" else "scaled"


def environment() -> dict:
    import torch

    return {"rnncast": __version__, "torch": torch.__version__, "numpy": np.__version__, "pandas": pd.__version__,
            "python": sys.version.split()[0], "platform": platform.platform()}


# ---- the run directory ----------------------------------------------------------------------

def start_config(run_dir, forecaster: Forecaster, request: dict, found: dict | None = None) -> None:
    """``config.json`` before training starts: the settings and the request (``source``, ``target``,
    ``features``, ...), enough to resume the run (``rnncast fit --resume``); ``write_run`` keeps both.
    ``paths``: where each file the request names is, absolute and from the run folder, so that the
    run resumes from another directory (``found``: where those files were read from, when that is not
    the request's own path; ``configfile.run_locations`` reads them back)."""
    files.write_json(Path(run_dir) / "config.json", {"settings": plain_values(forecaster.get_params()), "data": request,
                                                     "paths": request_paths(run_dir, request, found),
                                                     "environment": environment()})


def request_paths(run_dir, request: dict, found: dict | None = None) -> dict:
    """``{"source": {"absolute": ..., "from_run": ...}, "static": ...}`` for the files that ``request``
    names (``found``: ``{key: path}`` of those read from elsewhere than the request's own path)."""
    paths = {}
    for key in ("source", "static"):
        where = (found or {}).get(key) or request.get(key)
        if isinstance(where, (str, os.PathLike)) and str(where):
            absolute = os.path.abspath(where)
            paths[key] = {"absolute": absolute, "from_run": os.path.relpath(absolute, os.path.abspath(run_dir))}
    return paths


def write_run(run_dir, forecaster: Forecaster, data, source: str = "", notes: list[str] | None = None,
              title: str | None = None, request: dict | None = None, found: dict | None = None) -> dict:
    """Write every file of a fitted run into ``run_dir``; return its metrics. ``config.json`` keeps
    the shape ``start_config`` gave it (``settings``, ``data``: the request as given, which
    ``--resume`` and ``--config`` read, ``paths``) and adds what fit found (``run``: columns by role,
    layout); ``configfile.read_run`` reads the request alike from either shape.

    The order of the writes: config.json, metrics.json, history.csv, model/ (weights, then
    model.json), loss.png, forecast.png, and report.html last: a folder with report.html is finished.
    Each write is atomic; a process killed between two of them leaves a run that ``--resume``
    finishes (its checkpoint holds every epoch), with the weights of an uninterrupted run."""
    run_dir = Path(run_dir)
    forecasts = run_forecasts(forecaster, data)  # every validation and test window forecast once
    metrics = run_metrics(forecaster, data, forecasts)
    config = {
        "settings": plain_values(forecaster.get_params()),  # np.int64(8) given to the API: 8
        "data": dict(request) if request is not None else {"source": source},
        "paths": request_paths(run_dir, request, found) if request is not None else {},
        "run": {"target": forecaster.targets_, "past_covariates": forecaster.past_covariates_,
                "future_covariates": forecaster.future_covariates_,
                "static_covariates": forecaster.static_encoder_.numeric_names + forecaster.static_encoder_.categorical_names
                if forecaster.static_encoder_ is not None else [],
                "time_col": forecaster.time_col_, "calendar": forecaster.calendar_.state(), "id_col": forecaster.id_col_,
                "layout": forecaster.layout_, "diverged": divergence(forecaster)},  # None, or {"epoch", "kept"}
        "device": str(forecaster.device_),
        "processes": getattr(forecaster, "world_size_", 1),  # > 1: trained under torchrun with DDP
        "environment": environment(),
    }
    if forecaster.layout_ == "single":
        config["split"] = {"train_end": forecaster.split_.train_end, "val_end": forecaster.split_.val_end,
                           "end": forecaster.split_.end}
    else:
        config["series"] = {"trained": len(forecaster.ids_), "skipped_as_too_short": forecaster.skipped_series_}
        metrics = {**metrics, "skipped_series": forecaster.skipped_series_}
    files.write_json(run_dir / "config.json", config)
    files.write_json(run_dir / "metrics.json", metrics)
    files.write_text(run_dir / "history.csv", history_csv(forecaster.history_))
    forecaster.save(run_dir / "model")
    loss_png = plots.png_bytes(plots.loss_figure({forecaster.cell: forecaster.history_}))
    forecast_png = plots.png_bytes(forecast_plot(forecaster, data, {forecaster.cell: forecaster}, forecasts.get("test")))
    files.write_bytes(run_dir / "loss.png", loss_png)
    files.write_bytes(run_dir / "forecast.png", forecast_png)
    what = ", ".join(forecaster.targets_) if forecaster.layout_ != "wide" else (
        f"{len(forecaster.ids_)} series ({', '.join(map(str, forecaster.ids_[:4]))}{', ...' if len(forecaster.ids_) > 4 else ''})")
    title = title or f"rnncast run: {forecaster.cell.upper()} forecasting {what}"
    figures = [("h2", "Forecast on the test split"), ("img", forecast_png, "actual and predicted values on the test split"),
               ("h2", "Loss"), ("img", loss_png, "training and validation loss per epoch")]
    blocks = run_blocks(forecaster, metrics, source, notes, figures)
    files.write_text(run_dir / "report.html", html_page(title, blocks))
    return metrics


def history_csv(history: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["epoch", "train_loss", "val_loss", "seconds", "best"])
    writer.writeheader()
    writer.writerows(history)
    return buffer.getvalue()


# ---- the page -------------------------------------------------------------------------------

def run_blocks(forecaster: Forecaster, metrics: dict, source: str, notes: list[str] | None, figures=()) -> list:
    """The page of a run: the verdict (and a hint), notes, metrics, ``figures`` (blocks), data and settings."""
    blocks = []
    if "test" in metrics:
        good, sentence = verdict(metrics["test"], verdict_units(forecaster))
        blocks.append(("verdict", good, sentence))
        hint = fit_hint(forecaster, metrics)
        if hint:
            blocks.append(("hint", hint))
    diverged = divergence_text(forecaster)
    if diverged:
        blocks.append(("hint", f"{diverged[0].upper()}{diverged[1:]}: its loss became NaN or infinite, so the run ended "
                               "there and, as early stopping does, kept its best finished epoch; the scores below are "
                               f"that epoch's. A lower learning rate (now {forecaster.lr:g}) or gradient clipping "
                               "(--grad-clip) may let it train further."))
    if forecaster.history_ and not any(h.get("best") for h in forecaster.history_) and not getattr(
            forecaster, "diverged_epoch_", None):
        blocks.append(("hint", "No epoch improved on the untrained network's validation loss, so the model is the "
                               "untrained network: it forecasts the window's level (with window_norm 'last', exactly the "
                               "repeat baseline). Try a larger learning rate (--lr) or more epochs and patience."))
    for note in notes or []:
        blocks.append(("p", note))
    if "test" in metrics:
        model = metrics["test"]["original"]["model"]
        intervals = [f"{k.replace('coverage_', '')}% interval covers {100 * v:.1f}% of the test values"
                     for k, v in model.items() if k.startswith("coverage_")]
        if intervals:
            blocks.append(("p", f"Prediction intervals (quantiles {list(forecaster.settings_.model.quantiles)}): "
                                f"{'; '.join(intervals)}; mean pinball loss {model['pinball']:.4g}."))
    blocks.append(("h2", "Metrics (original units)"))
    note = mase_note(metrics.get("test", {}))
    if note:
        blocks.append(("p", note))
    blocks.append(("table", metric_rows(metrics, "original")))
    blocks.append(("h2", "Metrics (scaled units)"))
    blocks.append(("table", metric_rows(metrics, "scaled")))
    blocks += figures
    blocks.append(("h2", "Data and settings"))
    wide = forecaster.layout_ == "wide"
    facts = [["data", source or "(in memory)"],
             ["series (wide columns)" if wide else "target", ", ".join(map(str, forecaster.ids_ if wide else forecaster.targets_))],
             ["features", ", ".join(forecaster.features_) or "(none)"]]
    if forecaster.layout_ == "single":
        split = forecaster.split_
        facts.append(["rows: train / validation / test",
                      f"[0, {split.train_end}) / [{split.train_end}, {split.val_end}) / [{split.val_end}, {split.end})"])
        borders = forecaster.state_.borders
        if borders and all(b is not None for b in borders[0]):
            first_val, first_test, last = borders[0]
            facts.append(["dates: validation from / test from / last", f"{first_val} / {first_test} / {last}"])
    else:
        skipped = forecaster.skipped_series_
        facts += [["past / future-known covariates", f"{', '.join(forecaster.past_covariates_) or '(none)'} / "
                                                      f"{', '.join(forecaster.future_covariates_) or '(none)'}"],
                  ["series", f"{len(forecaster.ids_)} trained, each split by the same fractions and scaled on its own "
                             "training rows"],
                  ["series too short to train", ", ".join(f"{d['id']} ({d['rows']} rows, needs {d['needed']})"
                                                          for d in skipped) or "(none)"]]
    facts.append(["training time", f"{forecaster.train_seconds_:.1f} s, {len(forecaster.history_)} epochs"
                  + (f" ({diverged})" if diverged else "")])
    facts += [[k, repr(v)] for k, v in plain_values(forecaster.get_params()).items()]
    blocks.append(("table", [["setting", "value"]] + facts))
    return blocks


def metric_rows(metrics: dict, units: str) -> list[list[str]]:
    rows = [["split", "forecaster", "windows"] + [m.upper() if m != "r2" else "R²" for m in METRIC_NAMES]]
    for part, result in metrics.items():
        if part not in ("val", "test"):
            continue
        for name, scores in result[units].items():
            label = "model" if name == "model" else f"baseline: {name}"
            rows.append([part, label, str(result["windows"])] +
                        [f"{scores[m]:.4f}" if m == "r2" else f"{scores[m]:.5g}" for m in METRIC_NAMES])
    return rows


# ---- a backtest directory ----------------------------------------------------------------------

BACKTEST_METRICS = ("mae", "rmse", "mase", "smape")


def write_backtest(out_dir, result, params: dict, source: str = "") -> None:
    """``forecasts.csv``, ``metrics.json``, ``backtest.png`` and ``report.html`` of a backtest."""
    out_dir = Path(out_dir)
    files.write_text(out_dir / "forecasts.csv", result.forecasts.to_csv(index=False))
    files.write_json(out_dir / "metrics.json", {**result.metrics, "settings": params, "source": source,
                                                "environment": environment()})
    png = plots.png_bytes(result.figure())
    files.write_bytes(out_dir / "backtest.png", png)
    m = result.metrics
    how = "a fresh model and scalers trained before each origin" if m["refit"] else (
        "one model trained on the rows before each series' first origin, every window forecast in one batched pass")
    blocks = [("p", f"{m['series']} series, {m['n_windows']} forecast origins {m['step']} steps apart counted back "
                    f"from each series' end, horizon {m['horizon']}: {how}. Training took {m['seconds']['fit']:.1f} s, "
                    f"forecasting {m['seconds']['predict']:.2f} s.")]
    if m["skipped_series"]:
        blocks.append(("p", "Too short to backtest, left out: " + ", ".join(
            f"{d['id']} ({d['rows']} rows, needs {d['needed']})" for d in m["skipped_series"])))
    blocks += [("h2", "Metrics per window and overall (original units; MASE and sMAPE compare across scales)"),
               ("table", backtest_rows(m)), ("h2", "Forecasts at each origin"),
               ("img", png, "actual values and the forecast of every backtest window")]
    files.write_text(out_dir / "report.html", html_page(f"rnncast backtest: {source or 'data in memory'}", blocks))


def backtest_rows(m: dict) -> list[list[str]]:
    """One row per window and forecaster, then the overall rows."""
    extra = [k for k in m["overall"]["model"] if k.startswith("coverage_") or k == "pinball"]
    rows = [["window", "forecaster"] + [n.upper() if n != "smape" else "sMAPE %" for n in BACKTEST_METRICS] + extra]
    entries = [(str(w["window"]), w) for w in m["windows"]] + [("overall", m["overall"])]
    for label, scores in entries:
        for name in ["model"] + [k for k in scores if k not in ("model", "window", "first_step")]:
            values = [f"{scores[name][n]:.4f}" for n in BACKTEST_METRICS]
            values += [f"{scores[name][k]:.4f}" if k in scores[name] else "" for k in extra]
            rows.append([label, "model" if name == "model" else f"baseline: {name}"] + values)
    return rows


CSS = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { background: #f2f2f2; }
img { max-width: 100%; border: 1px solid #ddd; }
.good { background: #e7f6e7; border-left: 5px solid #2a2; padding: 0.6em 1em; }
.bad { background: #fdeaea; border-left: 5px solid #c22; padding: 0.6em 1em; }
.hint { background: #fff8e1; border-left: 5px solid #d9a400; padding: 0.6em 1em; }
"""


def html_page(title: str, blocks: list) -> str:
    """One self-contained HTML page; images are embedded as data URIs."""
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"]
    for block in blocks:
        kind = block[0]
        if kind == "h2":
            parts.append(f"<h2>{html.escape(block[1])}</h2>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(block[1])}</p>")
        elif kind == "hint":
            parts.append(f"<p class='hint'>{html.escape(block[1])}</p>")
        elif kind == "verdict":
            parts.append(f"<p class='{'good' if block[1] else 'bad'}'>{html.escape(block[2])}</p>")
        elif kind == "table":
            head, *rows = block[1]
            parts.append("<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr>")
            for row in rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>")
            parts.append("</table>")
        elif kind == "img":
            data = base64.b64encode(block[1]).decode("ascii")
            parts.append(f"<p><img alt='{html.escape(block[2])}' src='data:image/png;base64,{data}'></p>")
        else:
            raise ValueError(f"unknown report block {kind!r}")
    parts.append("</body></html>")
    return "\n".join(parts)

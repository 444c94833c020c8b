"""The run directory, and a backtest's.

A run directory holds ``config.json``, ``metrics.json``, ``history.csv``, ``model/``, ``test_forecasts.csv`` (every
test window's actual and forecast values, ``testforecasts``), ``by_step.csv`` (the test scores by step ahead,
``stepbins``), ``loss.png``, ``forecast.png`` and ``report.html``: one self-contained page (plots embedded) that can be
mailed.
A backtest's (``backtestfolder``) holds ``forecasts.csv``, ``metrics.json``, ``backtest.png`` and ``report.html``.
What the scores say is ``verdicts``; how the page is laid out and written is ``reportpage``. A figure that fails to
draw is warned of and left out, the tables written (``figurefaults``, decision 1819)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import (checkpoint, closedzeros, evaluation, figurefaults, files, finalfit, fonts, formatversions, gapwindows, leftout,
                     madeof, negatives, plots, nodemand, scaledshares, seasonrows, stepscores, targetrows, testforecasts,
                     untrained)
from rnncast.version import COMMAND_LINE, __version__
from rnncast.errors import NothingLeft
from rnncast.csvtext import write_csv
from rnncast.devices import cpu_threads
from rnncast.forecaster import Forecaster
from rnncast.forecastplot import forecast_drawn
from rnncast.noticed import capture, merged
from rnncast.replacing import home
from rnncast.pagehtml import figure_alt, figure_words, html_page
from rnncast.reportpage import run_blocks
from rnncast.serieskeys import of_model, skipped_json
from rnncast.stepbins import step_frame
from rnncast.settingvalues import plain_values
from rnncast.runnotes import divergence, early_stop
from rnncast.runhistory import history_csv
from rnncast.windows import window_starts
from rnncast.models import parameter_parts
from rnncast import readout, verdictfields

log = logging.getLogger(__name__)


# ---- what a run measured --------------------------------------------------------------------

def run_forecasts(forecaster: Forecaster, data) -> dict:
    """The validation and test windows' forecasts (``windowforecasts.PartForecasts``), each forecast once; a
    validation part whose every window is left out (``NothingLeft``: fill made each target, or each forecasts a date
    whose future covariates the data lacks) is warned of and not scored, the run kept, where ``evaluate`` refuses it
    (a test part so is refused: the run's scores are its)."""
    data_s = forecaster.settings_.data
    parts = [p for p in ("val", "test")
             if any(len(window_starts(split, p, data_s.lookback, data_s.horizon)) for split in forecaster.splits_)]
    reader = logging.getLogger("rnncast.reading")  # names the series fit left out: once, not once per part
    forecasts = {}
    for k, part in enumerate(parts):
        level = reader.level
        reader.setLevel(logging.ERROR if k else level)
        below = contextlib.nullcontext() if part == "test" else negatives.quiet()  # below zero: the test part's, once
        try:
            with gapwindows.quiet(), below:  # fit's gap warning said the rows missing; the scored text counts windows
                forecasts[part] = forecaster.part_forecasts(data, part=part)
        except NothingLeft as error:
            if part == "test":
                raise
            if not seasonrows.said_before(error):  # check_fit warned of it before the training (decision 1912)
                log.warning("%s: the run has no validation scores", error)
        finally:
            reader.setLevel(level)
    return forecasts


def run_metrics(forecaster: Forecaster, data, forecasts: dict | None = None) -> dict:
    """Validation and test metrics of the model and the baselines (pooled over the series of a panel), with MASE's
    season (``mase_season``, as ``readout.evaluated`` gives it) and the test's ``by_step`` (``stepscores.of_part``)."""
    forecasts = run_forecasts(forecaster, data) if forecasts is None else forecasts
    season = int(forecaster.settings_.data.season)
    metrics = {part: {**evaluation.evaluate(f), "mase_season": season} for part, f in forecasts.items()}
    if "test" in forecasts:  # the test scores by step ahead: metrics.json's, by_step.csv's, the page's (decision 2030)
        metrics["test"]["by_step"] = stepscores.of_part(forecasts["test"])
    scaledshares.warn((metrics.get("test") or {}).get("scaled_few"), "the test split")  # the few the verdict rests on
    nodemand.warn((metrics.get("test") or {}).get("no_demand"), "the test split")  # decision 1487
    closedzeros.warn((metrics.get("test") or {}).get("scored", {}).get("closed_zeros"), "the test split")  # decision 1792
    return metrics


def environment(threads: int | None = None, earlier: dict | None = None) -> dict:
    """config.json's ``environment``: the versions of what made the run, the machine's ``cpu_count`` and, given the
    ``threads`` setting, ``threads_used``: the count torch trained with (``devices.threads_in_effect``; threads 0 is
    torch's own count, another on another machine: decision 1622). ``earlier``: the run's config.json's environment
    before this write, whose ``command_line``, where another command wrote it (the run was begun by it, and this
    command resumes it), stays, with this one added to its ``resumed_with`` list (decision 1752)."""
    import torch

    from rnncast.devices import threads_in_effect

    used = {} if threads is None else {"threads_used": threads_in_effect(threads)}
    if (line := COMMAND_LINE.get()) is not None:  # the rnncast command's arguments as typed (decision 1624)
        used["command_line"] = line
        first = (earlier or {}).get("command_line")
        if isinstance(first, str) and first != line:  # a resume: the command that began the run is kept
            resumed = [r for r in (earlier.get("resumed_with") or []) if isinstance(r, str)]  # noted as it began: once
            used.update(command_line=first, resumed_with=resumed if resumed[-1:] == [line] else [*resumed, line])
    return {"rnncast": __version__, "torch": torch.__version__, "numpy": np.__version__, "pandas": pd.__version__,
            **_holidays(), "python": sys.version.split()[0], "platform": platform.platform(), "cpu_count": os.cpu_count(),
            **used}


def _holidays() -> dict:
    """``{"holidays": its version}``, the package whose days holidays= and a holiday column are (another version can
    add or move holidays: decision 2052); ``{}`` where it is not installed. Read from its metadata, not imported."""
    from importlib import metadata as packages

    try:
        return {"holidays": packages.version("holidays")}
    except packages.PackageNotFoundError:
        return {}


def recorded_environment(run_dir) -> dict | None:
    """The ``environment`` that ``run_dir``'s config.json holds (``start_config``'s, or an earlier attempt's), or None
    where there is none to read."""
    try:
        earlier = json.loads((Path(run_dir) / "config.json").read_text(encoding="utf-8")).get("environment")
    except (OSError, ValueError, AttributeError):
        return None
    return earlier if isinstance(earlier, dict) else None


# ---- the run directory ----------------------------------------------------------------------

def start_config(run_dir, forecaster: Forecaster, request: dict, found: dict | None = None,
                 fingerprint: dict | None = None, key_parts: list | None = None) -> None:
    """``config.json`` before training starts: the settings and the request (``source``, ``target``,
    ``features``, ...), enough to resume the run (``rnncast fit --resume``); ``write_run`` keeps both.
    ``paths``: where each file the request names is, absolute and from the run folder, so that the
    run resumes from another directory (``found``: where those files were read from, when that is not
    the request's own path; ``configfile.run_locations`` reads them back). ``fingerprint``: the data's
    (``fingerprint.of``), against which ``--resume`` checks the data it is given; ``key_parts``: ``config_record``'s.
    ``device``: the one it trains on (``auto`` resolved), as a finished run's records it: a resumed run's thread note
    reads it (decision 1677)."""
    from rnncast.devices import resolve_device

    files.write_json(Path(run_dir) / "config.json", {**config_record(run_dir, forecaster.get_params(), request, found,
                                                                   fingerprint, key_parts=key_parts),
                                                     "device": str(resolve_device(forecaster.device)),
                                                     "environment": environment(forecaster.threads)})


def config_record(run_dir, params: dict, request: dict | None, found: dict | None = None, fingerprint: dict | None = None,
                  source: str = "", key_parts: list | None = None) -> dict:
    """What config.json opens with, a run's and a backtest's alike: its ``format_version``, ``settings`` (plain values),
    ``data`` (the request as given, which ``configfile.read_run`` reads back; a key of several columns, ``key_parts``,
    as their list, ``--id-col item_id,store_id`` as ``["item_id", "store_id"]``, as ``run.id_col`` has it), ``paths``
    (``request_paths``) and ``fingerprint``. Without a request (the Python API): ``data`` names ``source`` alone."""
    data = dict(request) if request is not None else {"source": source}
    if key_parts and data.get("id_col") is not None:  # one concept, one form (decision 1133); old runs' text reads too
        data["id_col"] = [str(p) for p in key_parts]
    return {"format_version": formatversions.CONFIG,  # read back by configfile, a newer one refused by name
            "settings": plain_values(params),  # np.int64(8) given to the API: 8
            "data": data,
            "paths": request_paths(run_dir, request, found) if request is not None else {},
            "fingerprint": fingerprint}  # of the data trained on: what --resume checks (fingerprint.of)


def request_paths(run_dir, request: dict, found: dict | None = None) -> dict:
    """``{"source": {"absolute": ..., "from_run": ...}, "static": ...}`` for the files that ``request``
    names (``found``: ``{key: path}`` of those read from elsewhere than the request's own path); from the run's
    folder, that of a run written beside an earlier one to replace it (``replacing.home``) too."""
    paths = {}
    for key in ("source", "static"):
        where = (found or {}).get(key) or request.get(key)
        if isinstance(where, (str, os.PathLike)) and str(where):
            absolute = os.path.abspath(where)
            paths[key] = {"absolute": absolute, "from_run": os.path.relpath(absolute, os.path.abspath(home(run_dir)))}
    return paths


def write_run(run_dir, forecaster: Forecaster, data, source: str = "", notes: list[str] | None = None,
              title: str | None = None, request: dict | None = None, found: dict | None = None,
              fingerprint: dict | None = None, noticed: list[dict] | None = None, scored=None) -> dict:
    """Write every file of a fitted run into ``run_dir``; return its metrics. ``config.json`` keeps
    the shape ``start_config`` gave it (``settings``, ``data``: the request as given, which
    ``--resume`` and ``--config`` read, ``paths``, ``fingerprint``) and adds what fit found (``run``:
    columns by role, layout); ``configfile.read_run`` reads the request alike from either shape.

    The order of the writes: config.json, metrics.json, history.csv, model/ (weights, then
    model.json), test_forecasts.csv and by_step.csv (where the run has test windows), loss.png, forecast.png, and report.html last: a folder with report.html is finished.
    Each write is atomic; a process killed between two of them leaves a run that ``--resume``
    finishes (its checkpoint holds every epoch), with the weights of an uninterrupted run.

    ``noticed``: what rnncast logged while the data was read and the model trained (``noticed.capture``);
    with what it logs while the run is scored here, it is metrics.json's ``notes`` (this fit's alone: a
    resumed run's replace those of its first attempt) and the page's "What rnncast noticed". ``scored``: called with
    nothing once the run is scored, before its figures are drawn and its files written (fit's held-signal line,
    decision 1825)."""
    run_dir = Path(run_dir)
    name = madeof.legend_label(forecaster.get_params(), untrained.kept(forecaster))  # the tables' "model", with its cell
    with capture() as scoring, cpu_threads(forecaster.threads, said=False):  # the threads it trained on (decision 2006)
        forecasts = run_forecasts(forecaster, data)  # every validation and test window forecast once
        metrics = run_metrics(forecaster, data, forecasts)
        if scored is not None:  # the test windows scored: its files alone are left (``interrupts.moved_on``)
            scored()
        with fonts.warned_once():  # names no font draws: one line for both figures, kept in the notes; a figure
            loss = figurefaults.drawn("loss.png", lambda: _img(forecaster.loss_figure(), "loss.png",  # that fails:
                                                               "Training and validation loss per epoch"))  # warned of
            drawn = "test" in forecasts and figurefaults.drawn("forecast.png", lambda: forecast_drawn(  # the targets it
                forecaster, data, {name: forecaster}, forecasts.get("test"), where=testforecasts.FILE))  # draws, by rows
            of = targetrows.caption(forecaster.targets_ if forecaster.layout_ != "wide" else [], drawn.targets,
                                    testforecasts.FILE) if drawn else ""
            forecast = drawn and figurefaults.drawn("forecast.png", lambda: _img(
                drawn.figure, "forecast.png", f"Actual and predicted values{of.replace(', a row each', '')} on the test split"))
    stopped = early_stop(forecaster)  # what a Python fit says in evaluate's notes, kept with the run's
    noticed = merged(noticed, [{"level": "info", "text": stopped}] if stopped else [], scoring)
    config = {
        **config_record(run_dir, forecaster.get_params(), request, found, fingerprint, source,
                        forecaster.id_col_ if isinstance(forecaster.id_col_, list) else None),  # a key's: its list
        "run": {"target": forecaster.targets_, "past_covariates": forecaster.past_covariates_,
                "future_covariates": forecaster.future_covariates_,
                "static_covariates": forecaster.static_covariates_, "not_used": forecaster.unused_columns_,
                "time_col": forecaster.time_col_, "calendar": forecaster.calendar_.state(), "id_col": forecaster.id_col_,
                "layout": forecaster.layout_, "diverged": divergence(forecaster),  # None, or {"epoch", "kept"}
                "parameters": parameter_parts(forecaster.net_)},  # {"total", "cell", "head", ...} (decision 1700)
        "device": str(forecaster.device_),
        "processes": getattr(forecaster, "world_size_", 1),  # > 1: trained under torchrun with DDP
        "environment": environment(forecaster.threads, recorded_environment(run_dir)),  # a resume's: the first command's kept
    }
    if forecaster.layout_ == "single":
        config["split"] = {"train_end": forecaster.split_.train_end, "val_end": forecaster.split_.val_end,
                           "end": forecaster.split_.end}
    else:
        skipped = skipped_json(forecaster.skipped_series_, of_model(forecaster.state_.id_col, forecaster.ids_))  # a key's
        # series by its columns: {"item_id": "C", "store_id": 3}
        config["series"] = {"trained": len(forecaster.ids_), "skipped_as_too_short": skipped}
        metrics = {**metrics, "skipped_series": leftout.reasoned(skipped), "test_overlap": forecaster.state_.overlap}
    if "test" not in forecasts:  # test_frac 0: "test": null and why, no score made up (decision 2117)
        metrics = {**metrics, **finalfit.record(forecaster.settings_.data.val_frac)}
    files.write_json(run_dir / "config.json", config)
    machine = verdictfields.added(metrics, lambda _, scores: readout.said(forecaster, scores).fields)  # each part's
    # verdicts as its sentence gives them, its caveats included (decisions 1862, 1956-1958)
    files.write_json(run_dir / "metrics.json", {"format_version": formatversions.METRICS, **machine, "model_kept": verdictfields.model_kept(forecaster),  # 1861
                                               "notes": noticed})
    files.write_text(run_dir / "history.csv", history_csv(forecaster.history_))
    checkpoint.write_model(run_dir / "model", forecaster.net_, forecaster.state_.meta(), scores=machine)  # the run's own
    if "test" in forecasts:  # the values the test scores and forecast.png rest on, every one (testforecasts)
        table = testforecasts.table(forecaster.state_, forecasts["test"])
        write_csv(run_dir / testforecasts.FILE, table, what="test forecasts")  # streamed: 9.5 M rows (decision 1560)
        steps = step_frame(metrics["test"]["by_step"])  # the test scores by step ahead, as a backtest's (decision 2030)
        steps.attrs.update({k: v for k, v in table.attrs.items() if k == "csv_dialect"})  # test_forecasts.csv's dialect
        write_csv(run_dir / "by_step.csv", steps, what="scores")
    for img in (loss, forecast):  # a figure not drawn: no file, the page says so (decision 1819)
        if img:
            files.write_bytes(run_dir / img[4], img[1])
    what = ", ".join(forecaster.targets_) if forecaster.layout_ != "wide" else (
        f"{len(forecaster.ids_)} series ({', '.join(map(str, forecaster.ids_[:4]))}{', ...' if len(forecaster.ids_) > 4 else ''})")
    state = forecaster.state_  # a model of the features alone (target_input=False) regresses the target on them
    inputs = [*dict.fromkeys(map(str, [*(state.past_covariates or []), *(state.future_covariates or [])]))]
    doing = (f"regressing {what} on {', '.join(inputs)}" if inputs and not forecaster.settings_.data.target_input
             else f"forecasting {what}")
    title = title or f"rnncast run: {forecaster.cell.upper()} {doing}"
    figures = [*([("h2", f"Forecast on the test split{of}"), figurefaults.block("forecast.png", forecast),  # shows
                  ("p", testforecasts.SAID)] if "test" in forecasts else []),  # a final fit: no test split to draw
               ("h2", "Loss"), figurefaults.block("loss.png", loss)]
    blocks = run_blocks(forecaster, metrics, source, notes, figures, noticed, (request or {}).get("static"))
    files.write_text(run_dir / "report.html", html_page(title, blocks, forecaster.settings_.data.season))
    return metrics


def _img(figure, name: str, what: str) -> tuple:
    """A page's block of ``figure`` (``("img", png, alt, words, name)``): its PNG, its alt text saying ``what`` it
    is, the words drawn in it (the page's glossary reads them)."""
    return ("img", plots.png_bytes(figure), figure_alt(figure, what), figure_words(figure), name)

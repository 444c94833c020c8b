"""What each ``rnncast`` command does, once its flags are parsed: read the request, call the
library, write the files, and hand the display what a person should see."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rnncast.cli.display import epoch_bar, table
from rnncast.cli.outputs import OUTPUT_FILES, check_output_file, claim_output, clear_output, hold
from rnncast.config import setting_fields
from rnncast.errors import RnncastError


def run_demo(args) -> int:
    """Train a demo and write its folder, as fit writes a run's: the default folder is numbered if it
    exists (runs/demo, runs/demo-2, ...); an existing --out is refused unless --overwrite, which
    removes the files of rnncast's outputs (a demo's, a run's ...) before the demo writes."""
    from rnncast import demo

    default = Path("runs/demo" if args.which == "sine" else "runs/demo-regression")
    own = OUTPUT_FILES | demo.OUTPUT_NAMES  # what a demo folder, or any other output of rnncast's, holds
    claim = claim_output(Path(args.out) if args.out else None, default, args.overwrite, "demo", own=own)
    try:
        if args.overwrite:
            clear_output(claim.folder, own)  # a built-in demo has no input to refuse first
        return _demo_run(args, claim.folder)
    finally:
        claim.release(tidy=True)


def _demo_run(args, out: Path) -> int:
    import textwrap

    from rnncast import demo

    bars = []

    def factory(name, epochs):
        if bars:
            bars[-1].close()  # one bar per model, each finished before the next starts
        bar = epoch_bar(name, epochs)
        bars.append(bar)
        return bar

    started = time.perf_counter()
    result = demo.sine(out, args.device, factory) if args.which == "sine" else demo.regression(out, args.device, factory)
    if bars:
        bars[-1].close()
    head, *rows = demo.summary_table(result.rows)
    print(table(head, rows))
    for line in result.findings + [result.lesson] * bool(result.lesson) + result.settings:
        print("\n" + textwrap.fill(line, width=110))  # winner or tie, noise floor, what it teaches, settings
    print(f"\nwrote {out}/report.html ({time.perf_counter() - started:.0f} s in all)")
    return 0


def run_fit(args) -> int:
    """Train and write the run directory; under torchrun every rank trains, rank 0 alone writes and prints.

    Rank 0 holds the run folder (``files.lock_folder``) from before the data is read until the last
    file is written: a second process writing the same folder is refused by name, a new run never
    lands in a folder that holds files (``--overwrite`` replaces an earlier run's) or in a model folder."""
    from rnncast import distributed, tracking
    from rnncast.config import Settings
    from rnncast.forecaster import Forecaster

    if args.resume:
        out, settings, request, found = _resume_request(args)
        track = args.track
    else:
        settings, request, out, track = fit_request(args)
        found = {}
    if track:
        tracking.check(track)  # a missing package is refused before any work
    forecaster = Forecaster(**settings)
    Settings.from_flat(forecaster.get_params())  # settings checked before a folder is made or data read
    main_rank = distributed.env_rank() == 0
    default = Path("runs") / f"{Path(request['source']).stem}-{forecaster.cell}"
    claim = None
    if main_rank:  # the other ranks of a torchrun launch write nothing
        if args.resume:
            claim = hold(out, "run")
        else:
            claim = claim_output(Path(out) if out else None, default, args.overwrite, "run")
        out = claim.folder
    else:
        out = Path(out) if out else default
    try:
        return _fit_run(args, forecaster, request, found, out, track, main_rank)
    finally:
        if claim is not None:
            claim.release(tidy=True)  # a fit refused before it wrote anything leaves no folder behind


def _fit_run(args, forecaster, request: dict, found: dict, out: Path, track, main_rank: bool) -> int:
    """``run_fit`` once the run folder is held: read the data, train, write the run, print the scores."""
    from rnncast import tracking, training
    from rnncast.config import Settings
    from rnncast.panel import load_panel
    from rnncast.report import start_config, write_run
    from rnncast.verdicts import divergence_text, fit_hint, verdict, verdict_units

    reading = Settings.from_flat(forecaster.get_params()).data.reading()
    where = {**request, **found}  # where the files are read from: a resumed run's may have moved
    named_by_config = bool(args.resume and not args.data)
    try:
        panel = load_panel(where["source"], request["target"], request["features"], request["time_col"], **reading,
                           announce=main_rank, **_panel_kwargs(where))  # read once: fit, scores, plots
    except RnncastError:
        if not named_by_config:
            raise
        # a path that config.json names is read as data, and its content is never shown: the file may be any file
        raise RnncastError(f"{where['source']} (the data that {out / 'config.json'} names) cannot be read as the "
                           f"run's data; to see why, name it: rnncast fit --resume {out} {where['source']}") from None
    checkpoint = out / "checkpoint.safetensors"
    # a run stopped before its first epoch ended has no checkpoint: it starts again, as it would have run
    resuming = bool(args.resume) and checkpoint.is_file()
    bar = epoch_bar(forecaster.cell, forecaster.epochs if isinstance(forecaster.epochs, int) else 0, show=main_rank)
    tracker = None
    saved = 0  # the last epoch this process finished and wrote to `checkpoint`

    def on_start():  # once the input is checked: nothing is written for refused input
        nonlocal tracker
        if not args.resume:
            if args.overwrite:
                clear_output(out)  # the earlier run is replaced only now that the new one's input is good
            start_config(out, forecaster, request, found)
        if track:
            tracker = tracking.start(track, out, forecaster.get_params())

    def on_epoch(record):
        nonlocal saved
        saved = record.epoch  # the loop wrote the checkpoint before calling this
        bar(record)
        if tracker is not None:
            tracker.epoch(record)

    try:
        with training.ctrl_c_between_batches():  # Ctrl-C stops at a batch boundary, never lost in a finalizer
            forecaster.fit(panel, on_epoch=on_epoch, checkpoint=checkpoint, resume=resuming,
                           on_start=on_start if main_rank else None)
    except BaseException as err:
        bar.close()
        if tracker is not None:
            tracker.close(failed=True)
        if isinstance(err, KeyboardInterrupt):
            if main_rank:
                kept = (f"epoch {saved} and those before it are saved" if saved else
                        "the epochs saved before this attempt are kept" if args.resume and checkpoint.exists() else
                        "no epoch had finished, so resuming starts the training over")
                print(f"rnncast: interrupted; {kept}. Continue with: rnncast fit --resume {out}", file=sys.stderr)
            return 130
        if isinstance(err, RnncastError) and main_rank and saved and checkpoint.exists():
            # only a failure after an epoch finished here: input refused before training, or a checkpoint
            # that does not fit the data, has no epoch of this attempt to continue from
            raise RnncastError(f"{err} (epoch {saved} and those before it are saved in {checkpoint}; continue the run "
                               f"with: rnncast fit --resume {out})") from None
        raise
    bar.close()
    if not main_rank:
        return 0  # the other ranks hold the same weights; rank 0 writes the run directory
    metrics = write_run(out, forecaster, panel, source=request["source"], request=request, found=found)
    if tracker is not None:
        tracker.finish(metrics)
    test = metrics["test"]
    print(score_tables(test, forecaster.settings_.data.season, "test split"))
    print(verdict(test, verdict_units(forecaster))[1])
    ranks = f" on {forecaster.world_size_} processes" if forecaster.world_size_ > 1 else ""
    epochs = len(forecaster.history_)
    diverged = divergence_text(forecaster)  # "training diverged in epoch 7; the model keeps epoch 5"
    print(f"trained {epochs} epoch{'s' if epochs != 1 else ''} in {forecaster.train_seconds_:.1f} s{ranks}"
          f"{'; ' + diverged if diverged else ''}; wrote {out}/report.html")
    hint = fit_hint(forecaster, metrics)
    if hint:
        print(hint)  # the last line: advice the verdict alone does not give
    return 0


def run_backtest(args) -> int:
    from rnncast.forecaster import Forecaster
    from rnncast.report import write_backtest
    from rnncast.reportpage import backtest_rows

    settings = _settings_from_args(args)
    request = panel_request(args)
    forecaster = Forecaster(**settings)
    claim = claim_output(Path(args.out) if args.out else None, Path("runs") / f"{Path(args.data).stem}-backtest",
                          args.overwrite, "backtest")  # held until its files are written
    out = claim.folder
    epochs = forecaster.epochs if isinstance(forecaster.epochs, int) else 0
    bar = epoch_bar(f"{forecaster.cell} backtest", epochs * (args.n_windows if args.refit else 1))  # one fit per origin
    try:
        try:
            result = forecaster.backtest(args.data, n_windows=args.n_windows, step=args.step, refit=args.refit,
                                         target=args.target, features=args.features,  # lists of names, or 'all'
                                         time_col=args.time_col, on_epoch=bar, **_panel_kwargs(request))
        finally:
            bar.close()
        if args.overwrite:
            clear_output(out)  # the earlier output goes only once the new one is ready
        write_backtest(out, result, forecaster.get_params(), source=str(args.data))
    finally:
        claim.release(tidy=True)
    rows = backtest_rows(result.metrics)
    print(table(rows[0], rows[1:]))
    seconds = result.metrics["seconds"]
    print(f"{result.metrics['series']} series x {args.n_windows} windows; training {seconds['fit']:.1f} s, "
          f"forecasting {seconds['predict']:.2f} s; wrote {out}/report.html")
    return 0


def fit_request(args, command: str = "fit") -> tuple[dict, dict, str | None, str | None]:
    """Settings, data request, --out and --track of a new fit (or tune): the --config file, overridden by the flags given."""
    from rnncast.configfile import read_config

    file_settings, file_request = read_config(args.config) if args.config else ({}, {})
    if args.config and (Path(args.config).is_dir() or Path(args.config).suffix.lower() == ".json"):
        from rnncast.configfile import run_locations

        for key, tries in run_locations(args.config, file_request).items():  # a run's files, wherever they went
            hit = next((path for _, path in tries if path.is_file()), None)
            if hit is not None and hit != tries[0][1]:
                file_request[key] = str(hit)
    settings = {**file_settings, **_settings_from_args(args)}  # setting flags not given are absent from args
    source = args.data or file_request.get("data")
    if not source:
        resume = ", or --resume RUN to continue a run" if command == "fit" else ""
        raise RnncastError(f"{command} needs DATA and --target COLUMN (as flags or in a --config file){resume}")
    flags = {"target": args.target, "time_col": args.time_col}  # the parser's lists of names (cli/parser.py)
    if args.features is not None:
        flags["features"] = args.features  # a list of names, or 'all'
    panel = panel_request(args) if hasattr(args, "id_col") else {}  # tune takes one series
    flags.update({k: v for k, v in panel.items() if v is not None})
    request = {"source": str(source), "target": None, "features": None, "time_col": None, **{k: None for k in panel}}
    request.update({k: v for k, v in file_request.items() if k in request})
    request.update({k: v for k, v in flags.items() if v is not None})
    if not panel and request["features"] is None and file_request.get("past_covariates"):
        request["features"] = file_request["past_covariates"]  # a run's config.json names its features by role
    return settings, request, args.out or file_request.get("out"), getattr(args, "track", None) or file_request.get("track")


RESUME_KEEPS = ("target", "features", "time_col", "id_col", "series", "past_covariates", "future_covariates",
                "static_covariates", "static", "out", "overwrite")  # flags a resumed run takes from its config.json


def _resume_request(args) -> tuple[Path, dict, dict, dict]:
    """``(run folder, settings, request, found)`` of ``fit --resume RUN [DATA] [--device D]``: the
    settings and request exactly as the run's config.json holds them (``configfile.read_run``), with
    DATA and --device when given. ``found``: where the files the request names were found, when not
    at their path as written (tried from the current directory, then from the run folder, then
    absolute: ``configfile.run_locations``)."""
    from rnncast.configfile import read_run, run_locations

    run_dir = Path(args.resume)
    if args.config:
        raise RnncastError("give --resume RUN or --config FILE, not both (a resumed run keeps its own settings)")
    given = [name for name in RESUME_KEEPS if getattr(args, name, None) not in (None, False)]
    given += [name for name in _settings_from_args(args) if name != "device"]
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise RnncastError(f"--resume continues {run_dir} with its own settings and data; only DATA and --device may be "
                           f"given with it, not {flags} (to change them, start a new run: rnncast fit --config {run_dir} "
                           "--out NEW ...)")
    config_path = run_dir / "config.json"
    if not config_path.is_file():
        if run_dir.is_dir():
            hold(run_dir, "run").release()  # a run that another process is starting is named as such
        raise RnncastError(f"{run_dir} is not a run directory (no config.json); give the folder a fit wrote")
    settings, request = read_run(config_path)  # the same reader as --config RUN: the request as written
    if "device" in vars(args):
        settings["device"] = args.device  # a run may continue on another device
    found = {}
    if args.data:
        request["data"] = str(args.data)  # the request of the finished run names the data it was finished with
    for key, tries in run_locations(config_path, request).items():
        if key == "data" and args.data:
            continue
        hit = next((path for _, path in tries if path.is_file()), None)  # a regular file: no device, no pipe
        if hit is None:
            what = "data" if key == "data" else "static table (--static)"
            tried = "; ".join(f"{path} ({how})" for how, path in tries)
            again = f"give it: rnncast fit --resume {run_dir} DATA" if key == "data" else "put it back at one of them"
            raise RnncastError(f"no {what} file of run {run_dir} was found; tried {tried}; {again}")
        if str(hit) != request[key]:
            found["source" if key == "data" else key] = str(hit)
    request = {"source": request.pop("data"), "target": None, "features": None, "time_col": None, **request}
    return run_dir, settings, request, found


def run_predict(args) -> int:
    from rnncast.forecaster import Forecaster

    if args.out:  # refused before any work: never into a model or over a run's file or an input
        check_output_file(args.out, "--out", "CSV", inputs=(args.data, args.future, args.static))
    forecaster = Forecaster.load(args.run_dir)
    forecast = forecaster.predict(args.data, future=args.future, static_covariates=_statictable(args, forecaster))
    text = forecast.to_csv(index=forecaster.layout_ == "single")  # many series: long format, no index
    if args.out:
        from rnncast.files import write_text

        write_text(args.out, text)
        print(f"wrote {len(forecast)} forecast steps to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def run_evaluate(args) -> int:
    from rnncast.forecaster import Forecaster
    from rnncast.verdicts import verdict, verdict_units

    forecaster = Forecaster.load(args.run_dir)
    result = forecaster.evaluate(args.data, part=args.part, static_covariates=_statictable(args, forecaster))
    if args.json:
        from rnncast.files import json_text

        print(json_text(result))
        return 0
    print(f"{result['scored']['text']}; horizon {result['horizon']}")
    print(score_tables(result, forecaster.settings_.data.season))
    where = {"test": "these windows", "val": "the validation rows", "train": "the training rows",
             "all": f"all {result['windows']} windows, training rows included"}
    print(verdict(result, verdict_units(forecaster), where=where[args.part])[1])
    return 0


def score_tables(result: dict, season: int, what: str = "") -> str:
    """The original- and scaled-unit tables of one part's scores (``evaluation.evaluate``), MASE with
    its season, and how MASE treated series with a zero naive error; fit and evaluate print the same."""
    from rnncast.verdicts import mase_note

    mase = f"MASE (season {season})" if season > 1 else "MASE"
    tables = []
    for units in ("original", "scaled"):
        rows = [[name if name == "model" else f"baseline: {name}", f"{s['mse']:.5g}", f"{s['mae']:.5g}",
                 f"{s['rmse']:.5g}", f"{s['r2']:.4f}", f"{s['mase']:.4f}"] for name, s in result[units].items()]
        tables.append(table([f"{what} ({units} units)" if what else f"{units} units", "MSE", "MAE", "RMSE", "R²", mase], rows))
    note = mase_note(result)
    return "\n".join(tables + ([note] if note else []))


def run_export(args) -> int:
    from rnncast.export import export_onnx
    from rnncast.forecaster import Forecaster

    check_output_file(args.onnx, "--onnx", ".onnx")  # never into a model folder or over a run's file
    done = export_onnx(Forecaster.load(args.run_dir), args.onnx, opset=args.opset)
    shape = lambda name, dims: f"{name}[{', '.join(map(str, dims))}]"  # noqa: E731
    inputs = ", ".join(shape(name, dims) for name, dims in done.inputs.items())
    print(f"wrote {done.path}: {inputs} -> {shape('y', done.output)} (original units; batch is dynamic)")
    if done.max_abs_diff is None:
        print("onnxruntime is not installed, so the file was not run; pip install onnxruntime to check it")
    else:
        print(f"onnxruntime matches PyTorch within {done.max_abs_diff:.2g} on {done.checked_windows} windows")
    return 0


def _statictable(args, forecaster):
    """``--static FILE`` of predict/evaluate: per-series attributes to use instead of those seen at fit."""
    if not args.static:
        return None
    from rnncast.data import read_table

    return read_table(args.static, text_columns=[forecaster.id_col_ or "unique_id"])


def panel_request(args) -> dict:
    """The data options of fit/backtest as plain data (kept in config.json for --resume); the parser
    has read the column flags into lists of names (``series`` may be 'all')."""
    return {"id_col": args.id_col, "series": args.series, "past_covariates": args.past_covariates,
            "future_covariates": args.future_covariates, "static_covariates": args.static_covariates,
            "static": args.static}


def _panel_kwargs(request: dict) -> dict:
    """Keyword arguments of ``fit``/``backtest`` from a request (a static table file is read here)."""
    from rnncast.data import read_table

    static = (read_table(request["static"], text_columns=[request.get("id_col") or "unique_id"]) if request.get("static")
              else request.get("static_covariates"))
    if request.get("static") and request.get("static_covariates"):
        raise RnncastError("give static covariates as columns (--static-covariates) or as a table (--static), not both")
    return {"id_col": request.get("id_col"), "series": request.get("series"),
            "past_covariates": request.get("past_covariates"), "future_covariates": request.get("future_covariates"),
            "static_covariates": static}


def _settings_from_args(args) -> dict:
    names = {f.name for f in setting_fields()}
    return {k: v for k, v in vars(args).items() if k in names}

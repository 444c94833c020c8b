"""What each ``rnncast`` command does, once its flags are parsed: read the request, call the
library, write the files, and hand the display what a person should see."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rnncast.cli.display import epoch_bar, table
from rnncast.config import setting_fields
from rnncast.errors import RnncastError


def run_demo(args) -> int:
    import textwrap

    from rnncast import demo

    out = Path(args.out or ("runs/demo" if args.which == "sine" else "runs/demo-regression"))
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
    """Train and write the run directory; under torchrun every rank trains, rank 0 alone writes and prints."""
    from rnncast import distributed, tracking, training
    from rnncast.config import Settings
    from rnncast.forecaster import Forecaster
    from rnncast.panel import load_panel
    from rnncast.report import fit_hint, start_config, verdict, verdict_units, write_run

    if args.resume:
        if args.config:
            raise RnncastError("give --resume RUN or --config FILE, not both (a resumed run keeps its own settings)")
        out, settings, request = _resume_request(Path(args.resume))
        track = args.track
    else:
        settings, request, out, track = _fit_request(args)
    if track:
        tracking.check(track)  # a missing package is refused before any work
    forecaster = Forecaster(**settings)
    main_rank = distributed.env_rank() == 0
    reading = Settings.from_flat(forecaster.get_params()).data.reading()  # settings checked before the data is read
    panel = load_panel(request["source"], request["target"], request["features"], request["time_col"], **reading,
                       announce=main_rank, **_panel_kwargs(request))  # read once: fit, scores, plots
    if not args.resume:
        out = Path(out) if out else _fresh_dir(Path("runs") / f"{Path(request['source']).stem}-{forecaster.cell}")
    checkpoint = out / "checkpoint.safetensors"
    bar = epoch_bar(forecaster.cell, forecaster.epochs if isinstance(forecaster.epochs, int) else 0, show=main_rank)
    tracker = None

    def on_start():  # once the input is checked: nothing is written for refused input
        nonlocal tracker
        if not args.resume:
            start_config(out, forecaster, request)
        if track:
            tracker = tracking.start(track, out, forecaster.get_params())

    def on_epoch(record):
        bar(record)
        if tracker is not None:
            tracker.epoch(record)

    try:
        with training.ctrl_c_between_batches():  # Ctrl-C stops at a batch boundary, never lost in a finalizer
            forecaster.fit(panel, on_epoch=on_epoch, checkpoint=checkpoint, resume=bool(args.resume),
                           on_start=on_start if main_rank else None)
    except BaseException as err:
        bar.close()
        if tracker is not None:
            tracker.close(failed=True)
        if isinstance(err, KeyboardInterrupt):
            if main_rank:
                print(f"rnncast: interrupted; the last finished epoch is saved. Continue with: rnncast fit --resume {out}",
                      file=sys.stderr)
            return 130
        if isinstance(err, RnncastError) and checkpoint.exists():
            raise RnncastError(f"{err} (last good checkpoint: {checkpoint})") from None
        raise
    bar.close()
    if not main_rank:
        return 0  # the other ranks hold the same weights; rank 0 writes the run directory
    metrics = write_run(out, forecaster, panel, source=request["source"], request=request)
    if tracker is not None:
        tracker.finish(metrics)
    test = metrics["test"]
    print(score_tables(test, forecaster.settings_.data.season, "test split"))
    print(verdict(test, verdict_units(forecaster))[1])
    ranks = f" on {forecaster.world_size_} processes" if forecaster.world_size_ > 1 else ""
    epochs = len(forecaster.history_)
    print(f"trained {epochs} epoch{'s' if epochs != 1 else ''} in {forecaster.train_seconds_:.1f} s{ranks}; "
          f"wrote {out}/report.html")
    hint = fit_hint(forecaster, metrics)
    if hint:
        print(hint)  # the last line: advice the verdict alone does not give
    return 0


def run_backtest(args) -> int:
    from rnncast.forecaster import Forecaster
    from rnncast.report import backtest_rows, write_backtest

    settings = _settings_from_args(args)
    request = panel_request(args)
    forecaster = Forecaster(**settings)
    out = Path(args.out) if args.out else _fresh_dir(Path("runs") / f"{Path(args.data).stem}-backtest")
    epochs = forecaster.epochs if isinstance(forecaster.epochs, int) else 0
    bar = epoch_bar(f"{forecaster.cell} backtest", epochs * (args.n_windows if args.refit else 1))  # one fit per origin
    try:
        result = forecaster.backtest(args.data, n_windows=args.n_windows, step=args.step, refit=args.refit,
                                     target=args.target, features=args.features,  # lists of names, or 'all'
                                     time_col=args.time_col, on_epoch=bar, **_panel_kwargs(request))
    finally:
        bar.close()
    write_backtest(out, result, forecaster.get_params(), source=str(args.data))
    rows = backtest_rows(result.metrics)
    print(table(rows[0], rows[1:]))
    seconds = result.metrics["seconds"]
    print(f"{result.metrics['series']} series x {args.n_windows} windows; training {seconds['fit']:.1f} s, "
          f"forecasting {seconds['predict']:.2f} s; wrote {out}/report.html")
    return 0


def _fit_request(args, command: str = "fit") -> tuple[dict, dict, str | None, str | None]:
    """Settings, data request, --out and --track of a new fit (or tune): the --config file, overridden by the flags given."""
    from rnncast.configfile import read_config

    file_settings, file_request = read_config(args.config) if args.config else ({}, {})
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


def _resume_request(run_dir: Path):
    config_path = run_dir / "config.json"
    if not config_path.is_file():
        raise RnncastError(f"{run_dir} is not a run directory (no config.json); give the folder a fit wrote")
    from rnncast.configfile import read_run

    settings, request = read_run(config_path)  # the same reader as --config RUN
    request = {"source": request.pop("data"), "target": None, "features": None, "time_col": None, **request}
    return run_dir, settings, request


def run_tune(args) -> int:
    from rnncast.tuning import tune

    settings, request, out, _ = _fit_request(args, "tune")
    out = Path(out) if out else _fresh_dir(Path("runs") / f"tune-{Path(request['source']).stem}")
    try:
        import optuna

        optuna.logging.set_verbosity(optuna.logging.WARNING)  # one line per trial: ours
    except ImportError:
        pass  # tune() says what to install

    def on_trial(trial):
        params = ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in trial.params.items())
        value = "" if trial.value is None else f" val loss {trial.value:.5f}"
        epochs = trial.user_attrs.get("epochs", "?")
        print(f"trial {trial.number}: {trial.state.name.lower()}{value} after {epochs} epochs ({params})", flush=True)

    result = tune(request["source"], request["target"], request["features"], request["time_col"], trials=args.trials,
                  settings=settings, storage=args.storage, study_name=args.study, out=out, timeout=args.timeout,
                  sampler_seed=args.sampler_seed, on_trial=on_trial)
    best = result.study.best_trial
    print(f"best: trial {best.number}, validation loss {result.value:.5f} ({len(result.study.trials)} trials in the study)")
    print(f"wrote {result.config}; train it with: rnncast fit --config {result.config}")
    return 0


def run_predict(args) -> int:
    from rnncast.forecaster import Forecaster

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
    from rnncast.report import verdict, verdict_units

    forecaster = Forecaster.load(args.run_dir)
    result = forecaster.evaluate(args.data, part=args.part, static_covariates=_statictable(args, forecaster))
    if args.json:
        from rnncast.files import json_text

        print(json_text(result))
        return 0
    print(f"{result['scored']['text']}; horizon {result['horizon']}")
    print(score_tables(result, forecaster.settings_.data.season))
    where = {"test": "these windows", "val": "the validation rows", "train": "the training rows", "all": "every window"}
    print(verdict(result, verdict_units(forecaster), where=where[args.part])[1])
    return 0


def score_tables(result: dict, season: int, what: str = "") -> str:
    """The original- and scaled-unit tables of one part's scores (``evaluation.evaluate``), MASE with
    its season, and how MASE treated series with a zero naive error; fit and evaluate print the same."""
    from rnncast.report import mase_note

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


def _fresh_dir(base: Path) -> Path:
    if not base.exists():
        return base
    k = 2
    while Path(f"{base}-{k}").exists():
        k += 1
    return Path(f"{base}-{k}")


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

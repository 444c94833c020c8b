"""The ``rnncast`` command: demo, fit, tune, predict, evaluate, backtest, export.

Bad input ends with one line ``rnncast: error: ...`` on stderr and exit status 2, no traceback.
The flags of ``fit`` are made from the settings dataclasses, so they match ``Forecaster``'s arguments.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from rnncast.config import setting_fields
from rnncast.errors import RnncastError

EXIT_BAD_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="rnncast: %(levelname)s: %(message)s")
    logging.getLogger("rnncast").setLevel(logging.INFO)  # where time came from, fills, early stops: one line each
    try:
        return args.run(args)
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rnncast: interrupted", file=sys.stderr)
        return 130
    finally:
        from rnncast import distributed

        distributed.finish()  # leave torchrun's process group, if fit joined one


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rnncast", description="Train RNN, LSTM and GRU forecasters and compare them with baselines.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="train on built-in data and write a report (no files needed)")
    demo.add_argument("which", nargs="?", default="sine", choices=["sine", "regression"],
                      help="sine: RNN, LSTM and GRU on a sine wave; regression: the second tutorial's task, fixed")
    demo.add_argument("--out", help="output folder (default: runs/demo or runs/demo-regression)")
    demo.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    demo.set_defaults(run=run_demo)

    fit = commands.add_parser("fit", help="train on a CSV or Parquet file and write a run directory")
    fit.add_argument("data", nargs="?", help="CSV or Parquet file, one row per time step")
    fit.add_argument("--target", help="column(s) to forecast, comma-separated (required unless --resume)")
    fit.add_argument("--resume", metavar="RUN", help="continue an interrupted run from its last finished epoch")
    fit.add_argument("--features", help="other input columns, comma-separated, or 'all' for every numeric column")
    fit.add_argument("--time-col", help="time column: timestamps, periods or integer periods (default: found by its "
                     "name (date, ds, time, timestamp, datetime; year, period, step for integers), its type or its values)")
    fit.add_argument("--out", help="run directory (default: runs/<data>-<cell>, numbered if it exists)")
    _add_panel_flags(fit)
    fit.add_argument("--config", metavar="FILE", help="read settings from a TOML file (the same fields as these flags) "
                     "or a run directory's config.json; flags given here override the file")
    fit.add_argument("--track", choices=["tensorboard", "mlflow"], help="log settings, per-epoch losses, metrics and the "
                     "run directory's files to TensorBoard (RUN/tensorboard) or MLflow (MLFLOW_TRACKING_URI)")
    for f in setting_fields():
        _add_setting_flag(fit, f)
    fit.set_defaults(run=run_fit)

    backtest = commands.add_parser("backtest", help="rolling-origin forecasts and metrics per window, beside the baselines")
    backtest.add_argument("data", help="CSV or Parquet file: one series, long format (unique_id, ds, y) or wide")
    backtest.add_argument("--target", help="column to forecast (long format default: y)")
    backtest.add_argument("--features", help="other input columns, comma-separated, or 'all' for every numeric column")
    backtest.add_argument("--time-col", help="timestamp column (default: a column named date/ds/time/timestamp/datetime)")
    backtest.add_argument("--n-windows", type=int, default=3, help="forecast origins per series (default: 3)")
    backtest.add_argument("--step", type=int, help="steps between origins (default: the horizon)")
    backtest.add_argument("--refit", action="store_true",
                          help="train a fresh model and scalers on the rows before every origin (default: one model, "
                               "trained before the first origin, forecasts every window in one batched pass)")
    backtest.add_argument("--out", help="output folder (default: runs/<data>-backtest, numbered if it exists)")
    _add_panel_flags(backtest)
    for f in setting_fields():
        _add_setting_flag(backtest, f)
    backtest.set_defaults(run=run_backtest)

    tune = commands.add_parser("tune", help="search cell, hidden size, layers, lookback, learning rate and dropout "
                               "with Optuna on the validation split; writes the best settings as a config file")
    tune.add_argument("data", nargs="?", help="CSV or Parquet file, one row per time step")
    tune.add_argument("--target", help="column(s) to forecast, comma-separated")
    tune.add_argument("--features", help="other input columns, comma-separated, or 'all'")
    tune.add_argument("--time-col", help="timestamp column")
    tune.add_argument("--config", metavar="FILE", help="fixed settings from a TOML file or a run directory; flags override it")
    tune.add_argument("--trials", type=int, default=20, help="trials this process runs (default: 20)")
    tune.add_argument("--timeout", type=float, metavar="SECONDS", help="stop starting trials after this long")
    tune.add_argument("--storage", metavar="URL", help="Optuna storage shared by many machines, e.g. "
                      "postgresql://user@host/db or sqlite:////shared/study.db (default: OUT/study.db)")
    tune.add_argument("--study", default="rnncast", metavar="NAME", help="study name in the storage (default: rnncast)")
    tune.add_argument("--sampler-seed", type=int, metavar="N", help="seed of the TPE sampler (default: --seed); give "
                      "each machine of a shared study its own")
    tune.add_argument("--out", help="tuning directory (default: runs/tune-<data>, numbered if it exists)")
    for f in setting_fields():
        if f.name not in ("cell", "hidden_size", "num_layers", "lookback", "lr", "dropout"):
            _add_setting_flag(tune, f)
        else:  # searched unless given
            _add_setting_flag(tune, f, help_tail=" (searched unless given)")
    tune.set_defaults(run=run_tune)

    predict = commands.add_parser("predict", help="forecast the steps after the end of DATA with a trained run")
    predict.add_argument("run_dir", metavar="RUN", help="run directory (or its model/ folder)")
    predict.add_argument("data", help="CSV or Parquet file with the columns the model was trained on")
    predict.add_argument("--future", help="file with the future values of the features (models trained with --future-known)")
    predict.add_argument("--out", help="CSV file to write (default: print to standard output)")
    predict.add_argument("--static", metavar="FILE", help="per-series attributes (the id column and one column each) to "
                         "use instead of those seen at fit; static columns in DATA are read too")
    predict.set_defaults(run=run_predict)

    evaluate = commands.add_parser("evaluate", help="metrics of a trained run on new data, beside the baselines")
    evaluate.add_argument("run_dir", metavar="RUN")
    evaluate.add_argument("data")
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")
    evaluate.add_argument("--static", metavar="FILE", help="per-series attributes to use instead of those seen at fit")
    evaluate.set_defaults(run=run_evaluate)

    export = commands.add_parser("export", help="write a trained run's model as ONNX (original units in and out)")
    export.add_argument("run_dir", metavar="RUN", help="run directory (or its model/ folder)")
    export.add_argument("--onnx", required=True, metavar="FILE", help="ONNX file to write, e.g. model.onnx")
    export.add_argument("--opset", type=int, default=17, help="ONNX opset version (default: 17)")
    export.set_defaults(run=run_export)

    from rnncast.bench import cli as bench  # `rnncast bench ett ...`, the ETT benchmark (rnncast/bench/)

    bench.add_parser(commands)
    return parser


def _add_panel_flags(parser: argparse.ArgumentParser) -> None:
    """Many series and covariate roles: the same flags for fit and backtest."""
    parser.add_argument("--id-col", help="long format: the column naming each row's series (default: unique_id when present)")
    parser.add_argument("--series", help="wide format: the series columns, comma-separated, or 'all' numeric columns")
    parser.add_argument("--past-covariates", help="columns known only up to the forecast time, comma-separated")
    parser.add_argument("--future-covariates", help="columns known over the forecast horizon too (calendar, planned "
                                                    "prices), comma-separated; predict asks for them (--future)")
    parser.add_argument("--static-covariates", help="per-series attribute columns (one value per series), comma-separated")
    parser.add_argument("--static", metavar="FILE", help="per-series attributes as a table: the id column and one column each")


def _panel_request(args) -> dict:
    """The data options of fit/backtest as plain data (kept in config.json for --resume)."""
    split = lambda text: text.split(",") if text else None  # noqa: E731
    series = args.series if args.series in (None, "all") else args.series.split(",")
    return {"id_col": args.id_col, "series": series, "past_covariates": split(args.past_covariates),
            "future_covariates": split(args.future_covariates), "static_covariates": split(args.static_covariates),
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


def _add_setting_flag(parser: argparse.ArgumentParser, f, help_tail: str = "") -> None:
    flag = "--" + f.name.replace("_", "-")
    help_text = f.metadata.get("help", "") + (help_tail or f" (default: {f.default})")
    if isinstance(f.default, bool):
        parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=argparse.SUPPRESS, help=help_text)  # --x / --no-x
        return
    metavar = "N|full" if f.name == "batch_size" else None
    parser.add_argument(flag, type=_setting_type(f.name), choices=f.metadata.get("choices"), default=argparse.SUPPRESS,
                        metavar=metavar, help=help_text)


def _setting_type(name: str):
    """The flag's text through ``config.parse_setting``, the parser that TOML files and --set share."""
    from rnncast.config import parse_setting

    def parse(text: str):
        try:
            return parse_setting(name, text)
        except RnncastError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    parse.__name__ = name  # argparse names the flag's type in its messages
    return parse


def _settings_from_args(args) -> dict:
    names = {f.name for f in setting_fields()}
    return {k: v for k, v in vars(args).items() if k in names}


def _epoch_bar(name: str, total: int, show: bool = True):
    """A progress bar over epochs that shows the losses; returns the callback for ``fit``.

    The bar appears with the first finished epoch, so input refused before training prints
    nothing but its error line. ``show=False`` (ranks other than 0 under torchrun) draws nothing.
    """
    from tqdm import tqdm

    bar = None

    def on_epoch(record):
        nonlocal bar
        if not show:
            return
        if bar is None:
            bar = tqdm(total=total, desc=f"fit {name}", unit="epoch", file=sys.stderr, dynamic_ncols=True,
                       initial=record.epoch - 1)
        post = {"loss": f"{record.train_loss:.5f}"}
        if record.val_loss is not None:
            post["val_loss"] = f"{record.val_loss:.5f}"
        bar.set_postfix(post, refresh=False)
        bar.set_description(f"fit {name} epoch {record.epoch}", refresh=False)
        bar.update(1)

    def close():
        if bar is not None:
            bar.close()

    on_epoch.close = close
    return on_epoch


# ---- commands -------------------------------------------------------------------------------

def run_demo(args) -> int:
    from rnncast import demo

    out = Path(args.out or ("runs/demo" if args.which == "sine" else "runs/demo-regression"))
    bars = []

    def factory(name):
        if bars:
            bars[-1].close()  # one bar per model, each finished before the next starts
        bar = _epoch_bar(name, (demo.SINE_SETTINGS if args.which == "sine" else demo.REGRESSION_SETTINGS)["epochs"])
        bars.append(bar)
        return bar

    started = time.perf_counter()
    rows = demo.sine(out, args.device, factory) if args.which == "sine" else demo.regression(out, args.device, factory)
    if bars:
        bars[-1].close()
    print(_table(["model", "params", "train s", "test MSE", "test MAE", "test R²", "repeat MSE", "repeat MAE", "beats baselines"],
                 [[r.name, r.parameters, f"{r.seconds:.1f}", f"{r.mse:.5f}", f"{r.mae:.4f}", f"{r.r2:.3f}",
                   f"{r.repeat_mse:.5f}", f"{r.repeat_mae:.4f}", "yes" if r.beats_baselines else "NO"] for r in rows]))
    print(f"\nwrote {out}/report.html ({time.perf_counter() - started:.0f} s in all)")
    return 0


def run_fit(args) -> int:
    """Train and write the run directory; under torchrun every rank trains, rank 0 alone writes and prints."""
    from rnncast import distributed, tracking, training
    from rnncast.config import Settings
    from rnncast.forecaster import Forecaster
    from rnncast.panel import load_panel
    from rnncast.report import start_config, verdict, verdict_units, write_run

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
    bar = _epoch_bar(forecaster.cell, forecaster.epochs if isinstance(forecaster.epochs, int) else 0, show=main_rank)
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
    rows = [[name, f"{s['mse']:.5f}", f"{s['mae']:.5f}", f"{s['r2']:.4f}"] for name, s in test["original"].items()]
    print(_table(["test split (original units)", "MSE", "MAE", "R²"], rows))
    rows = [[name, f"{s['mse']:.5f}", f"{s['mae']:.5f}"] for name, s in test["scaled"].items()]
    print(_table(["test split (scaled units)", "MSE", "MAE"], rows))
    print(verdict(test, verdict_units(forecaster))[1])
    ranks = f" on {forecaster.world_size_} processes" if forecaster.world_size_ > 1 else ""
    print(f"trained {len(forecaster.history_)} epochs in {forecaster.train_seconds_:.1f} s{ranks}; wrote {out}/report.html")
    return 0


def run_backtest(args) -> int:
    from rnncast.forecaster import Forecaster
    from rnncast.report import backtest_rows, write_backtest

    settings = _settings_from_args(args)
    request = _panel_request(args)
    forecaster = Forecaster(**settings)
    out = Path(args.out) if args.out else _fresh_dir(Path("runs") / f"{Path(args.data).stem}-backtest")
    features = args.features if args.features in (None, "all") else args.features.split(",")
    epochs = forecaster.epochs if isinstance(forecaster.epochs, int) else 0
    bar = _epoch_bar(f"{forecaster.cell} backtest", epochs * (args.n_windows if args.refit else 1))  # one fit per origin
    try:
        result = forecaster.backtest(args.data, n_windows=args.n_windows, step=args.step, refit=args.refit,
                                     target=args.target.split(",") if args.target else None, features=features,
                                     time_col=args.time_col, on_epoch=bar, **_panel_kwargs(request))
    finally:
        bar.close()
    write_backtest(out, result, forecaster.get_params(), source=str(args.data))
    rows = backtest_rows(result.metrics)
    print(_table(rows[0], rows[1:]))
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
    flags = {"target": args.target.split(",") if args.target else None, "time_col": args.time_col}
    if args.features is not None:
        flags["features"] = args.features if args.features == "all" else args.features.split(",")
    panel = _panel_request(args) if hasattr(args, "id_col") else {}  # tune takes one series
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
    forecast = forecaster.predict(args.data, future=args.future, static_covariates=_static_table(args, forecaster))
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

    forecaster = Forecaster.load(args.run_dir)
    result = forecaster.evaluate(args.data, static_covariates=_static_table(args, forecaster))
    if args.json:
        from rnncast.files import json_text

        print(json_text(result))
        return 0
    print(f"{result['windows']} windows, horizon {result['horizon']}")
    for units in ("original", "scaled"):
        rows = [[name, f"{s['mse']:.5f}", f"{s['mae']:.5f}", f"{s['rmse']:.5f}", f"{s['r2']:.4f}"] for name, s in result[units].items()]
        print(_table([f"{units} units", "MSE", "MAE", "RMSE", "R²"], rows))
    return 0


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


def _static_table(args, forecaster):
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


def _table(head: list[str], rows: list[list]) -> str:
    cells = [head] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

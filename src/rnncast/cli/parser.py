"""The command line's flags: one subcommand per command; the setting flags are made from the
settings dataclasses and parsed by ``config.parse_setting``, as TOML files and ``--set`` are."""

from __future__ import annotations

import argparse

from rnncast.version import __version__
from rnncast.cli import commands as command
from rnncast.config import setting_fields
from rnncast.errors import RnncastError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rnncast", description="Train RNN, LSTM and GRU forecasters and compare them with baselines.")
    parser.add_argument("--version", action="version", version=f"rnncast {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="train on built-in data and write a report (no files needed)")
    demo.add_argument("which", nargs="?", default="sine", choices=["sine", "regression"],
                      help="sine: RNN, LSTM and GRU on a sine wave; regression: the second tutorial's task, fixed")
    demo.add_argument("--out", help="output folder (default: runs/demo or runs/demo-regression)")
    demo.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    demo.set_defaults(run=command.run_demo)

    fit = commands.add_parser("fit", help="train on a CSV or Parquet file and write a run directory")
    fit.add_argument("data", nargs="?", help="CSV or Parquet file, one row per time step")
    fit.add_argument("--target", help="column(s) to forecast, comma-separated (required unless --resume)")
    fit.add_argument("--resume", metavar="RUN", help="continue an interrupted run from its last finished epoch")
    fit.add_argument("--features", help="other input columns, comma-separated, or 'all' for every numeric column")
    fit.add_argument("--time-col", help="time column: timestamps, periods or integer periods (default: found by its "
                     "name (date, ds, time, timestamp, datetime; year, period, step for integers), its type or its values)")
    fit.add_argument("--out", help="run directory (default: runs/<data>-<cell>, numbered if it exists)")
    add_panel_flags(fit)
    fit.add_argument("--config", metavar="FILE", help="read settings from a TOML file (the same fields as these flags) "
                     "or a run directory's config.json; flags given here override the file")
    fit.add_argument("--track", choices=["tensorboard", "mlflow"], help="log settings, per-epoch losses, metrics and the "
                     "run directory's files to TensorBoard (RUN/tensorboard) or MLflow (MLFLOW_TRACKING_URI)")
    for f in setting_fields():
        _add_setting_flag(fit, f)
    fit.set_defaults(run=command.run_fit)

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
    add_panel_flags(backtest)
    for f in setting_fields():
        _add_setting_flag(backtest, f)
    backtest.set_defaults(run=command.run_backtest)

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
    tune.set_defaults(run=command.run_tune)

    predict = commands.add_parser("predict", help="forecast the steps after the end of DATA with a trained run")
    predict.add_argument("run_dir", metavar="RUN", help="run directory (or its model/ folder)")
    predict.add_argument("data", help="CSV or Parquet file with the columns the model was trained on")
    predict.add_argument("--future", help="file with the future values of the features (models trained with --future-known)")
    predict.add_argument("--out", help="CSV file to write (default: print to standard output)")
    predict.add_argument("--static", metavar="FILE", help="per-series attributes (the id column and one column each) to "
                         "use instead of those seen at fit; static columns in DATA are read too")
    predict.set_defaults(run=command.run_predict)

    evaluate = commands.add_parser("evaluate", help="metrics of a trained run on new data, beside the baselines")
    evaluate.add_argument("run_dir", metavar="RUN")
    evaluate.add_argument("data")
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")
    evaluate.add_argument("--static", metavar="FILE", help="per-series attributes to use instead of those seen at fit")
    evaluate.set_defaults(run=command.run_evaluate)

    export = commands.add_parser("export", help="write a trained run's model as ONNX (original units in and out)")
    export.add_argument("run_dir", metavar="RUN", help="run directory (or its model/ folder)")
    export.add_argument("--onnx", required=True, metavar="FILE", help="ONNX file to write, e.g. model.onnx")
    export.add_argument("--opset", type=int, default=17, help="ONNX opset version (default: 17)")
    export.set_defaults(run=command.run_export)

    from rnncast.bench import cli as bench  # `rnncast bench ett ...`, the ETT benchmark (rnncast/bench/)

    bench.add_parser(commands)
    return parser


def add_panel_flags(parser: argparse.ArgumentParser) -> None:
    """Many series and covariate roles: the same flags for fit and backtest."""
    parser.add_argument("--id-col", help="long format: the column naming each row's series (default: unique_id when present)")
    parser.add_argument("--series", help="wide format: the series columns, comma-separated, or 'all' numeric columns")
    parser.add_argument("--past-covariates", help="columns known only up to the forecast time, comma-separated")
    parser.add_argument("--future-covariates", help="columns known over the forecast horizon too (calendar, planned "
                                                    "prices), comma-separated; predict asks for them (--future)")
    parser.add_argument("--static-covariates", help="per-series attribute columns (one value per series), comma-separated")
    parser.add_argument("--static", metavar="FILE", help="per-series attributes as a table: the id column and one column each")


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

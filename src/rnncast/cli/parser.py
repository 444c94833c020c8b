"""The command line's flags: one subcommand per command, flags grouped by what they are about (data,
model, training, output, many series); the setting flags are made from the settings dataclasses
(``cli/settingflags.py``), show their true defaults and are parsed by ``settingtext.parse_setting``, as TOML
files and ``--set`` are.

Building the parser imports neither torch nor pandas (``rnncast --help`` starts in a fraction of a
second): each command imports what it needs when it runs."""

from __future__ import annotations

import argparse
import functools
from dataclasses import fields

from rnncast import baselines, commandnames
from rnncast.cli import backtesting, commands as command, comparing, demoing, fitflags
from rnncast.argparsing import Once, Parser
from rnncast.columnflags import ColumnNames
from rnncast.cli.fitting import run_fit
from rnncast.cli.display import SoftwareVersion, add_loudness
from rnncast.cli.settingflags import DEVICE, FORECAST_DEVICE, THREADS, add_setting_flag, add_setting_groups
from rnncast.cli.tuning import run_tune
from rnncast.config import TrainSettings
from rnncast.formatversions import OPSET

# The settings tune searches unless they are given (searchspace.SEARCH; test_cli_parser.py holds them in step).
SEARCHED = ("cell", "hidden_size", "num_layers", "lookback", "lr", "dropout")

NAMES_NOTE = ("A flag that names columns (COLS) takes one name, several separated by commas, with CSV quotes "
              "around a name that holds a comma (--features 'temp,\"vent, km/h\"'), or is repeated with one whole "
              "name each (--features temp --features 'vent, km/h').")
TARGET_HELP = ("column(s) to forecast (default: long format: y; one series: the one column besides the time "
               "column, to be named when there are more; wide format (--series): leave unset, each series is a target)")
FEATURES_HELP = ("other input columns, or 'all' for every other numeric column (a column named all: '\"all\"'; "
                 "default: none, the target's own past only); with --future-known they are future covariates")
TIME_COL_HELP = ("time column: timestamps, periods or integer periods (default: found by its name (date, ds, time, "
                 "timestamp, datetime; year, period, step, time_idx for integers, 1871.0 too; month for months such as "
                 "200001), its type or its values; none found: rows are numbered, a year split from its quarter, month "
                 "or week refused)")
NO_TIME_COL_HELP = ("the table has no time column: its rows are numbered, and a column that looks like time (a 'period' "
                    "of codes) is read as any other column (time_col=False in Python)")
STATIC_NEW = ("per-series attributes (the id column and one column each) to use instead of those seen at fit, with DATA "
              "holding none of their columns (in both, they are refused: give them in one place); without --static, a "
              "model fitted on static columns of its data reads them from DATA")  # predict's and evaluate's (reading._load)
FOLDER, FILE, DATA, RUN = "a folder's path", "a file's path", "a CSV or Parquet file's path", "a run directory's path"
CONFIG = "a TOML file's or a run directory's path"  # what a path flag takes: its blank value is refused (argparsing.Once)


BACKTEST_CUTOFF = ("the first cutoff of every series, one time (as the data writes its times, or ISO 8601: 2024-06-30, "
                   "with its UTC offset, 2024-10-26 20:00+02:00, where the data's offsets change and no --tz is given; "
                   "a whole number for integer periods; read as fit reads it: a week 2022-W20, a month 2021-07 or a "
                   "quarter 2017Q3 kept whole): the first window forecasts the horizon after it and the "
                   "others start --step calendar steps later; the first model trains on the rows up to it; a series with too "
                   "few rows up to it or after it is left out by name (default: none: each series' last --n-windows "
                   "cutoffs, counted back on the calendar from its own end)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="rnncast", description="Train RNN, LSTM and GRU forecasters and compare them with baselines.")
    parser.add_argument("--version", action=SoftwareVersion, nargs=0, help="show rnncast's version and those of torch, numpy, "
                        "pandas and Python, and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="train on built-in data and write a report (no files needed)")
    demo.add_argument("which", nargs="?", default="sine", metavar="DEMO", type=demoing.demo_name, help=demoing.DEMO_HELP)
    demo.add_argument("--out", metavar="DIR", path=FOLDER, help="output folder, new or empty (default: runs/demo, "
                      "runs/demo-regression or runs/demo-memory, numbered if it exists)")
    demo.add_argument("--overwrite", action="store_true", help="replace the earlier demo at --out once the new one "
                      "is complete (default: an existing one is refused; another command's output always is)")
    how = demo.add_argument_group("training", "How the demo's models train; what they are is the demo's own "
                                  "(its page lists the settings).")
    for f in fields(TrainSettings):
        if f.name in demoing.DEMO_SETTINGS:  # where and how fast it runs, and its seed: the lesson is the same
            add_setting_flag(how, f)
    demo.set_defaults(run=demoing.run_demo, unrecognized_note=demoing.demo_note)

    fit = commands.add_parser("fit", help="train on a CSV or Parquet file and write a run directory",
                              usage="%(prog)s [DATA] [--target COLS] [--features COLS] [option ...]", description=(
                                  "Train a forecaster on DATA and write a run directory: config.json, metrics.json, "
                                  "history.csv, model/, test_forecasts.csv (every test window's actual and forecast "
                                  "values), by_step.csv (the test scores by step ahead), plots and report.html. "
                                  + baselines.HELP + NAMES_NOTE))
    data = _data_group(fit, "CSV or Parquet file, one row per time step (or per series and time step)")
    _add_names(data, "--target", help=TARGET_HELP + "; not needed with --resume")
    _add_names(data, "--features", all_ok=True, help=FEATURES_HELP)
    _add_time_col(data)
    add_setting_groups(fit, data)
    output = fit.add_argument_group("output")
    output.add_argument("--out", metavar="DIR", path=FOLDER, help="run directory, new or empty (default: runs/<data>-<cell>, "
                        "numbered if it exists)")
    output.add_argument("--overwrite", action="store_true", help="replace the earlier run at --out once the new one "
                        "is complete; until then, interrupted too, the earlier run is kept (default: an existing run is "
                        "refused; another command's output always is)")
    output.add_argument("--config", metavar="FILE", path=CONFIG, help="read settings from a TOML file (the same fields as these flags) "
                        "or a run directory's config.json; flags given here override the file")
    output.add_argument("--track", type=str.lower, choices=["tensorboard", "mlflow"],
                        help="log settings, per-epoch losses, metrics and "
                        "the run directory's files to TensorBoard (RUN/tensorboard) or MLflow (MLFLOW_TRACKING_URI) "
                        "(default: no tracking)")
    output.add_argument("--resume", metavar="RUN", path=RUN, help="continue an interrupted run (or the run an interrupted "
                        "--overwrite began there) from its last finished epoch, "
                        "with the run's own settings and data; DATA (the data moved: the same content, checked), "
                        "--epochs (more trains an interrupted run further, fewer ends it sooner, never below the epochs it has run; "
                        "a finished run is not extended: fit --config RUN --epochs N --out NEW), --device and --threads "
                        "may be given with it (another --threads than the run's: its weights match an uninterrupted "
                        "run's to float rounding, not bit for bit)")
    add_panel_flags(fit)
    fit.set_defaults(run=run_fit)

    backtest = commands.add_parser("backtest", help="forecasts from rolling cutoffs and metrics per window, beside the baselines",
                                   usage="%(prog)s DATA [--target COLS] [--n-windows N] [option ...]", description=(
                                       "Forecast from the last --n-windows cutoffs of every series of DATA and score each "
                                       "window beside the baselines. " + baselines.HELP + NAMES_NOTE))
    data = _data_group(backtest, "CSV or Parquet file, one row per time step (or per series and time step)", optional=False)
    _add_names(data, "--target", help=TARGET_HELP)
    _add_names(data, "--features", all_ok=True, help=FEATURES_HELP)
    _add_time_col(data)
    add_setting_groups(backtest, data, omitted=("test_frac",), helps={"cutoff": BACKTEST_CUTOFF})  # windows are cutoffs
    cutoffs = backtest.add_argument_group("backtest")
    cutoffs.add_argument("--n-windows", type=int, default=3, metavar="N", help="cutoffs per series (default: 3)")
    cutoffs.add_argument("--step", metavar="N|SPAN", help="steps between cutoffs (default: the horizon), or a span of "
                         "calendar time read on the series' own clock: '1D' (a calendar day: 23, 24 or 25 hours across "
                         "daylight saving) or '7D' keeps every cutoff at the same local time, '6h' steps 6 hours; on a "
                         "trading session's bars '1D' is one session, each cutoff at the same bar of the next trading "
                         "day's session (series of sessions of different lengths are backtested apart); on weekly or "
                         "monthly data a span of whole steps ('7D' or '1W' on W-SUN, '2M' or '1Q' on months) is that "
                         "many steps; on daily or hourly data '2W' is '14D'; on business days '1B' is one step and "
                         "'7D' each cutoff on the same weekday, the business day before it after a holiday, 'BME' ('1MS') "
                         "each month's last (first) business day")
    cutoffs.add_argument("--refit", action="store_true",
                         help="train a fresh model and scalers on the rows up to every cutoff (default: one model, "
                              "trained up to the first cutoff, forecasts every window in one batched pass); either way "
                              "training uses every row of each series up to the cutoff (an expanding window): a "
                              "fixed-length (sliding) training window is not offered")
    cutoffs.add_argument("--from-run", metavar="RUN", action=Once, path=RUN,
                         help="a fitted run (or its model folder) whose settings and column roles the backtest trains "
                              "with, as fitted.backtest(data) does in Python; settings and roles given as flags take "
                              "their place, each said in one line (default: none: the settings given and their "
                              "defaults)")
    output = backtest.add_argument_group("output")
    output.add_argument("--out", metavar="DIR", path=FOLDER, help="output folder, new or empty (default: runs/<data>-backtest, "
                        "numbered if it exists)")
    output.add_argument("--overwrite", action="store_true", help="replace the earlier backtest at --out, and the file at "
                        "--by-series-csv (default: an existing one is refused; another command's output always is)")
    output.add_argument("--by-series-csv", metavar="FILE", path=FILE, help="also write each series' scores over its "
                        "windows, as evaluate's --by-series-csv does, to FILE (.csv, or .tsv tab-separated)")
    add_panel_flags(backtest)
    backtest.set_defaults(run=backtesting.run_backtest, unrecognized_note=backtesting.backtest_note)

    tune = commands.add_parser("tune", help="search cell, hidden size, layers, lookback, learning rate and dropout "
                               "with Optuna on the validation split; writes the best settings as a config file",
                               usage="%(prog)s [DATA] [--target COLS] [--trials N] [option ...]", description=(
                                   "Search " + ", ".join("--" + name.replace("_", "-") for name in SEARCHED) + " with "
                                   "Optuna on the validation split (each fixed when given), ranking the trials by the "
                                   "validation MSE, or a quantile model's by its pinball loss averaged over the levels "
                                   "(scaled units), and write the best settings as a config file for fit --config. "
                                   "A panel (--id-col, --series, --static) and covariates (--features, or by role: "
                                   "--past-covariates, --future-covariates) are read as fit reads them, each trial "
                                   "scored on every series' validation windows; the config file carries them, so fit "
                                   "--config refits the best trial with no other flag. "
                                   + NAMES_NOTE))
    data = _data_group(tune, "CSV or Parquet file, one row per time step (and series)")
    _add_names(data, "--target", help=TARGET_HELP)
    _add_names(data, "--features", all_ok=True, help=FEATURES_HELP)
    _add_time_col(data)
    add_panel_flags(tune)  # a panel and covariate roles, read as fit reads them
    add_setting_groups(tune, data, searched=SEARCHED)
    search = tune.add_argument_group("search")
    search.add_argument("--trials", type=int, default=20, metavar="N", help="trials this process runs (default: 20; a "
                        "search of choices only stops once each combination has one)")
    search.add_argument("--search", action="append", metavar="NAME[=SPACE]", help="search only the settings named "
                        "(repeat the flag, or names separated by commas: cell,lr; default: all not given), each in its default space or the one given: LOW..HIGH for num_layers, "
                        "lr (log scale), dropout (lr=1e-3..1e-2); A,B,... for cell, hidden_size, lookback (cell=lstm,gru)")
    search.add_argument("--timeout", type=float, metavar="SECONDS", help="stop starting trials after this long "
                        "(default: no time limit)")
    search.add_argument("--storage", metavar="URL", home=False, path="a database URL (sqlite:///study.db), or leave --storage out "
                        "for OUT/study.db", help="Optuna storage shared by many machines, e.g. "
                        "postgresql://user@host/db or sqlite:////shared/study.db (default: OUT/study.db)")
    search.add_argument("--study", default="rnncast", metavar="NAME", path="a study name", home=False,
                        help="study name in the storage (default: rnncast)")
    search.add_argument("--sampler-seed", type=int, metavar="N", help="seed of the TPE sampler, 0 to 2**32 - 1 (default: "
                        "--seed); give each machine of a shared study its own")
    output = tune.add_argument_group("output")
    output.add_argument("--out", metavar="DIR", path=FOLDER, help="tuning directory: new, empty, or an earlier tune's, whose study "
                        "(the same --study, in its own study.db or the same --storage) this tune adds trials to; one "
                        "process at a time writes it, so processes sharing a study give --storage and each its own "
                        "--out (default: runs/tune-<data>, numbered if it exists)")
    output.add_argument("--overwrite", action="store_true", help="replace the earlier tune at --out, its study.db "
                        "included (default: a tune of another study is refused; a run, backtest or demo always is)")
    output.add_argument("--config", metavar="FILE", path=CONFIG, help="fixed settings from a TOML file or a run directory; flags "
                        "override it, and --search NAME searches a setting it fixes (a best.toml fixes them all)")
    tune.set_defaults(run=run_tune)

    predict = commands.add_parser("predict", help="forecast the steps after the end of DATA with a trained run")
    predict.add_argument("run_dir", metavar="RUN", path=RUN, help="run directory (or its model/ folder)")
    predict.add_argument("data", metavar="DATA", path=DATA, help="CSV or Parquet file with the columns the model was trained on")
    predict.add_argument("--future", metavar="FILE", path=FILE, help="file with the future covariates' values over the horizon (models "
                         "trained with --future-covariates, or --features with --future-known): one row per series "
                         "and step (long), or for a wide model (--series) one row per step, shared by every series "
                         "as in its data (without a time column and with series ending on different dates: one row "
                         "per step from the first series' first step, or from the data's last row, to the last one's "
                         "last step)")
    predict.add_argument("--out", metavar="FILE", path="a file's path, or leave --out out to print to standard output",
                         help="file to write, .csv, .tsv (tab-separated) or .parquet (default: CSV to standard output)")
    predict.add_argument("--overwrite", action="store_true", help="replace the file at --out if it is a forecast "
                         "predict wrote (default: an existing file is refused; any other file always)")
    predict.add_argument("--static", metavar="FILE", path=FILE, help=STATIC_NEW)
    add_setting_flag(predict, THREADS, doing="forecasting")  # torch's CPU threads while it runs the network, as fit's
    add_setting_flag(predict, DEVICE, help_text=FORECAST_DEVICE.format(doing="forecasting"))  # Forecaster.load's device
    predict.set_defaults(run=command.run_predict)

    evaluate = commands.add_parser(  # its by-step scores: --json's by_step, no folder (decision 2097)
        "evaluate", help="metrics of a trained run on data, beside the baselines, with the same verdict as fit",
        description="Score a trained run's forecasts of DATA beside the baselines the run was fitted with, in original "
                    "and scaled units, with MASE and the verdict line of fit. By default only windows whose "
                    "targets come after the rows the model was fitted and validated on are scored (the fit's test split "
                    "and any newer rows, found by their timestamps); the first line says what was scored. At a horizon "
                    "over 1 a table by step ahead follows, binned beyond 12 steps; evaluate writes no folder, so no "
                    "by_step.csv as fit's run folder holds: each step's own scores are --json's by_step. " + baselines.HELP)
    evaluate.add_argument("run_dir", metavar="RUN", path=RUN, help="run directory (or its model/ folder)")
    evaluate.add_argument("data", metavar="DATA", path=DATA, help="CSV or Parquet file with the columns the model was trained on: "
                          "the data given to fit, newer data, or both")
    evaluate.add_argument("--part", default="test", choices=["test", "val", "train", "all"],
                          help="which windows to score: test = targets after the rows the model was fitted and validated "
                               "on (the fit's test split and newer rows); val/train = the fit's validation/training rows; "
                               "all = every window, rows the model learned from included (default: test)")
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")
    evaluate.add_argument("--by-series", action="store_true",
                          help="each series' scores too, in its own original units: on the terminal the model and the "
                               "baseline that does best on the series (every series up to 20, else the 5 with the highest "
                               "model MASE and the 5 with the lowest); with --json, every series' under \"series\"")
    evaluate.add_argument("--by-series-csv", metavar="FILE", path=FILE,
                          help="write every series' scores, one row each (several targets: one per series and target, "
                               "each in its own units), every score of the model and of each baseline, "
                               "to FILE (.csv, or .tsv tab-separated), highest model MASE first; implies --by-series")
    evaluate.add_argument("--overwrite", action="store_true", help="replace the file at --by-series-csv if evaluate "
                          "wrote it (default: an existing file is refused; any other file always)")
    evaluate.add_argument("--static", metavar="FILE", path=FILE, help=STATIC_NEW)
    add_setting_flag(evaluate, THREADS, doing="forecasting the windows it scores")  # as fit's, not training
    add_setting_flag(evaluate, DEVICE, help_text=FORECAST_DEVICE.format(doing="forecasting the windows it scores"))
    evaluate.set_defaults(run=command.run_evaluate)

    export = commands.add_parser("export", help="write a trained run's model as ONNX (float64, original units in and out)")
    export.add_argument("run_dir", metavar="RUN", path=RUN, help="run directory (or its model/ folder)")
    export.add_argument("--onnx", required=True, metavar="FILE", path="the path of the .onnx file to write",
                        help="ONNX file to write, e.g. model.onnx")
    export.add_argument("--overwrite", action="store_true", help="replace the file at --onnx if it is a model rnncast "
                        "exported (default: an existing file is refused; any other file always)")
    export.add_argument("--opset", type=int, metavar="N", default=OPSET, help=f"ONNX opset version (default: {OPSET})")
    add_setting_flag(export, THREADS, doing="exporting")  # torch's CPU threads while it traces the network
    export.set_defaults(run=command.run_export)

    from rnncast.bench import cli as bench  # `rnncast bench ett ...`, the ETT benchmark (rnncast/bench/)
    comparing.add_parser(commands)  # `rnncast compare RUN RUN ... --data DATA`: fitted models on the same windows
    bench.add_parser(commands)
    add_loudness(parser, commands)  # -q/--quiet, -v/--verbose: every command's, and before one
    flags = _command_flags(commands)  # a config key that is a command's flag (configfile), given before it (decision 1725)
    parser.set_defaults(command_flags=flags, setting_elsewhere=functools.partial(commandnames.before_command, "rnncast", flags))
    for name in fitflags.READERS:  # fit's settings given to a command of a fitted run: fixed at fit, its value said
        commands.choices[name].set_defaults(setting_elsewhere=fitflags.fixed_at_fit(name, fit, commands.choices[name]))
    for name in ("backtest", "demo", "tune"):  # fit's flags of how it runs: what the command does instead
        commands.choices[name].set_defaults(setting_elsewhere=functools.partial(fitflags.how_fit_runs, name))
    return parser


def add_panel_flags(parser: argparse.ArgumentParser) -> None:
    """Many series and covariate roles: the same flags for fit, backtest and tune, in a group of their own."""
    group = parser.add_argument_group("many series and covariates", "Long format: one row per series and time "
                                      "step, an id column naming the series; wide format: one column per series.")
    group.add_argument("--id-col", metavar="COL", help="long format: the column naming each row's series, or "
                       "the columns that do together, comma-separated (item_id,store_id; a name holding a comma in double "
                       "quotes); default: unique_id when present; without one the table is one series, or wide with --series")
    _add_names(group, "--series", all_ok=True, help="wide format: the series columns, or 'all': every numeric column "
               "but the time and the covariates named (--past-covariates, --future-covariates), listed at fit "
               "(a column named all: '\"all\"'; default: none: the table is long or one series)")
    _add_names(group, "--past-covariates", help="columns known only up to the forecast time (default: none)")
    _add_names(group, "--future-covariates", help="columns known over the forecast horizon too (calendar, planned "
               "prices); predict asks for them (--future) (default: none)")
    _add_names(group, "--static-covariates", help="per-series attribute columns, one value per series (default: none)")
    group.add_argument("--static", metavar="FILE", path=FILE, help="per-series attributes as a table: the id column (a "
                       "wide table's: its column naming the series) and one column each (default: none)")
    _add_names(group, "--static-categorical", help="static covariates to read as categories whatever their values, "
               "such as integer codes of a store type or region (default: none: numbers are numbers, text is "
               "categories)")


def _add_names(group, flag: str, help: str, all_ok: bool = False) -> None:
    group.add_argument(flag, action=ColumnNames, all_ok=all_ok, metavar="COLS", help=help)


def _data_group(parser: argparse.ArgumentParser, data_help: str, optional: bool = True):
    group = parser.add_argument_group("data", "What is read, and how it is cut into windows and splits.")
    group.add_argument("data", nargs="?" if optional else None, metavar="DATA", path=DATA, help=data_help)
    return group


def _command_flags(commands) -> dict:
    """``{dest: (commands, flag)}``: each command's flags by the key a config file would spell them with
    (``n_windows``: ``(["backtest"], "--n-windows")``), for ``configfile.read_config`` to name such a key."""
    flags = {}
    for name, sub in commands.choices.items():
        for action in sub._actions:
            if action.option_strings and action.dest != "help":
                flags.setdefault(action.dest, ([], action.option_strings[-1]))[0].append(name)
    return flags


def _add_time_col(group) -> None:
    """--time-col COL, or --no-time-col (time_col=False: the table has none, by the user's word; decision 694)."""
    either = group.add_mutually_exclusive_group()
    either.add_argument("--time-col", metavar="COL", help=TIME_COL_HELP)
    either.add_argument("--no-time-col", dest="time_col", action="store_const", const=False, help=NO_TIME_COL_HELP)

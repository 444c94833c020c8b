"""The compare command: ``rnncast compare RUN RUN [RUN ...] --data DATA``, fitted models (run or model folders)
on the windows of a part of DATA that every one of them forecasts (``comparemodels.compare``): each model's
MSE and MAE (and on a panel the MSE the test weighs, scaled), a quantile model's mean pinball loss and intervals'
coverage, and the baselines' beside them, the windows, the notes
(which baseline a model does not beat) and the sentence naming a winner or the ties; ``--json`` prints the whole
result."""

from __future__ import annotations

import argparse
from pathlib import Path

from rnncast.argparsing import Once
from rnncast.cli.settingflags import DEVICE, FORECAST_DEVICE, add_setting_flag
from rnncast.config import TrainSettings
from rnncast.errors import RnncastError

PARTS = ("test", "val", "train", "all")


def add_parser(commands) -> None:
    """The ``compare`` subcommand among ``commands`` (the parser's subparsers)."""
    from dataclasses import fields

    compare = commands.add_parser(
        "compare", help="fitted models against each other on the same windows: MSE, MAE (pinball, wQL and coverage of quantile "
                     "models) and which wins beyond chance",
        usage="%(prog)s [-h] [-q | -v] RUN RUN [RUN ...] --data DATA\n" + " " * 22 + "[--part {test,val,train,all}] "
              "[--json] [--threads N]\n" + " " * 22 + "[--device {auto,cpu,cuda}]",  # every flag it takes (decision 1661)
        description="Forecast the windows of --part of DATA with each model and compare them on the windows every one "
                    "forecasts, matched by series and the time of their first target (so models of different lookbacks "
                    "meet on the same targets): each model's MSE and MAE in original units (a quantile model's mean "
                    "pinball loss, wQL and coverage beside them) and its number of parameters, and a two-sided "
                    "Diebold–Mariano test of every pair, Holm-corrected, naming a winner only when its lower MSE is "
                    "beyond chance against every other model. The baselines fit and evaluate judge by (the first "
                    "RUN's; the seasonal naive forecast the first RUN's that has a season, its row naming the season, and "
                    "a note where the RUNs' seasons differ) are scored on the same windows, and a note names any a model "
                    "does not beat; other notes "
                    "name the settings the models differ in, the linear highway where every model forecasts through it "
                    "(fitted with --no-highway, the cells are compared alone), the models whose best epoch was their last (may be "
                    "undertrained), the models that kept their untrained network (a baseline's forecast, so their rank says "
                    "nothing about their cell; the verdict says so where it ranks one: best epoch 0) and, for a winner, the one seed each was fitted from. On a panel (or several "
                    "targets) the test and that MSE weigh each series in its own scale, as evaluate's verdict does: its "
                    "errors divided by the "
                    "standard deviation of its training rows (the first RUN's), whatever each model's scaler "
                    "(MSE (scaled)). Quantile models of the same levels are ranked by their mean pinball loss instead "
                    "of the median's MSE; with different levels, or a point model among them, a note says the "
                    "intervals were not compared.")
    compare.add_argument("runs", nargs="+", metavar="RUN", path="a run directory's path",
                         help="run directories (or their model/ folders), two or more; each is named by its folder "
                              "(a model/ folder by its run's), numbered where names repeat")
    compare.add_argument("--data", action=Once, metavar="DATA", path="a CSV or Parquet file's path",  # required: run_compare
                         # says so, naming a file among RUNs
                         help="CSV or Parquet file with the columns every model was fitted on (required)")
    compare.add_argument("--part", default="test", action=Once, choices=PARTS,
                         help="which windows to compare: test = targets after the rows each model was fitted and "
                              "validated on (found per model); val/train = each fit's validation/training rows; "
                              "all = every window (default: test)")
    compare.add_argument("--json", action="store_true",
                         help="print the result as JSON; each model against each baseline under "
                              "against_each_baseline (model -> baseline -> p_value, beaten, and no_forecast with "
                              "both null where the baseline has no forecast at any value: fit's and evaluate's "
                              "against_baselines.each, per model; compare gives no verdict against the baselines)")
    threads = next(f for f in fields(TrainSettings) if f.name == "threads")  # fit's --threads, as evaluate takes it
    said = threads.metadata["help"].replace("while training", "while forecasting the windows it compares", 1)
    compare.add_argument("--threads", action=Once, type=_threads_type, default=argparse.SUPPRESS, metavar="N",
                         help=f"{said} (default: {threads.default})")
    add_setting_flag(compare, DEVICE, help_text=FORECAST_DEVICE.format(doing="forecasting the windows it compares"))
    compare.set_defaults(run=run_compare)


def _threads_type(text: str):
    from rnncast.settingtext import parse_setting

    try:
        return parse_setting("threads", text)
    except RnncastError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


_threads_type.__name__ = "threads"  # argparse names the flag's type in its messages


def run_names(runs: list[str]) -> list[str]:
    """Each RUN's name: its folder's (a run's model/ folder by the run's), numbered where names repeat
    (``lstm``, ``lstm (2)``)."""
    names = []
    for run in runs:
        path = Path(run).resolve()
        base = path.parent.name if path.name == "model" and (path.parent / "config.json").is_file() else path.name
        names.append(base or str(run))
    return [name if names.count(name) == 1 else f"{name} ({names[:i + 1].count(name)})" for i, name in enumerate(names)]


def model_of(run) -> Path:
    """The folder ``run`` stands for, links followed: a run's, where ``run`` is a run's model/ folder (``run_names``)."""
    path = Path(run).resolve()
    return path.parent if path.name == "model" and (path.parent / "config.json").is_file() else path


def run_compare(args) -> int:
    from rnncast.baselines import row_label
    from rnncast.scoretext import table
    from rnncast.speakers import named_logs
    from rnncast.comparemodels import compare
    from rnncast.devices import cpu_threads
    from rnncast.forecaster import Forecaster
    from rnncast.scoretext import score_texts
    from rnncast.seasonalgaps import dash_note, gone

    def dashed(texts: list, blocks: list) -> list:  # "-" for a baseline with no forecast at any value (decision 2029)
        return ["-" if gone(block) else text for text, block in zip(texts, blocks)]

    if len(args.runs) < 2:
        raise RnncastError(f"compare needs two or more RUNs to compare, got {len(args.runs)}: rnncast compare RUN RUN "
                           "[RUN ...] --data DATA")
    files = [run for run in args.runs if Path(run).is_file()]
    if files:  # a data file among the RUNs: load's answer would point to predict and evaluate
        raise RnncastError(f"{files[0]} is a file, not a run or model folder; compare takes RUN folders and the data "
                           f"with --data: rnncast compare RUN RUN [RUN ...] --data DATA")
    seen = {}
    for run in args.runs:  # one model given twice (a link, or a run and its model/ folder) is compared with itself
        key = model_of(run)
        if key in seen:
            twice = (f"{run} is given twice" if seen[key] == run else f"{seen[key]} and {run} are one RUN, given "
                     "twice" if Path(seen[key]) == Path(run) else f"{seen[key]} and {run} are one model (both {key})")
            raise RnncastError(f"{twice}: compare weighs models against each other, and a model against itself ties by "
                               "construction; give each RUN once, two or more different ones")
        seen[key] = run
    if args.data is None:
        raise RnncastError("compare needs --data DATA, the table to forecast with every model: rnncast compare RUN RUN "
                           "[RUN ...] --data DATA")
    models = []
    for name, run in zip(run_names(args.runs), args.runs):
        models.append((name, Forecaster.load(run, device=getattr(args, "device", "cpu"))))  # --device, as predict's
    from rnncast.scoringsaid import saying

    with cpu_threads(getattr(args, "threads", 0)), named_logs(), saying(args.part, len(models)):  # once (decision 1602)
        result = compare(models, args.data, part=args.part)
    params = result.parameters  # each model's size (decisions 1700, 1736): the Python API's too
    if args.json:
        from rnncast import formatversions
        from rnncast.files import json_text

        print(json_text({"format_version": formatversions.COMPARE, **result.as_dict()}))  # as metrics.json (decision 2214)
        return 0
    # the models, then the first model's baselines on the same windows, each column in one notation
    def label(key):  # the seasonal naive with its season, as fit's tables name it (decision 1655)
        return row_label(key) + (f" (season {result.baseline_season})" if key == "seasonal" else "")

    names = result.names + [label(key) for key in result.baselines]
    blocks = [result.scores[name] for name in result.names] + list(result.baselines.values())
    mse, mae = (dashed(score_texts(m, [block[m] for block in blocks]), blocks) for m in ("mse", "mae"))
    scaled = (dashed(score_texts("mse", [block["mse"] for block in [result.scaled_scores[name] for name in result.names]
                                         + list(result.scaled_baselines.values())]), blocks)
              if result.scaled_scores else [])  # the units the test used, beside the original ones
    bands = next(iter(result.baseline_quantile_scores.values()), {})  # the first quantile model's baselines' intervals
    heads, cells = quantile_columns(result.quantile_scores, len(names), [bands.get(key) for key in result.baselines])
    sizes = [f"{params[name]:,}" if params.get(name) is not None else "-" for name in names]  # a baseline: "-"
    rows = [[name, mse[i], mae[i], *scaled[i:i + 1], *cells[i], result.windows, sizes[i]] for i, name in enumerate(names)]
    head = "model" if scaled else f"model ({result.part + ' windows, ' if result.part != 'all' else ''}original units)"
    print(table([head, "MSE", "MAE", *(["MSE (scaled)"] if scaled else []), *heads, "windows", "params"], rows))
    if note := dash_note([result.baselines], result.baseline_season, "--json's output"):  # "-" (decision 2029)
        print(note)
    for target in next(iter(result.by_target.values()), {}):  # several targets: the table's are their mean
        blocks = [result.by_target[name][target] for name in result.names] + [
            each[target] for each in result.baselines_by_target.values()]  # the baselines in the target's units too
        mse, mae = (dashed(score_texts(m, [block[m] for block in blocks]), blocks) for m in ("mse", "mae"))
        print(table([f"target {target!r} (its own units)", "MSE", "MAE"],
                    [[name, mse[i], mae[i]] for i, name in enumerate(result.names + [
                        label(key) for key in result.baselines_by_target])]))
    for line in result.notes + [result.sentence]:
        print(line)
    return 0


def quantile_columns(held: dict, rows: int, baselines: list | None = None) -> tuple[list[str], list[list[str]]]:
    """The heads and the cells of the quantile models' columns (``ModelComparison.quantile_scores``): mean pinball loss
    (original units), wQL (none) and each central interval's coverage, widest first, as fit's and evaluate's tables
    order them (no MSIS: compare has no MASE scale to put it on; decision 2096), "-" for a point model; the ``rows`` past the models are the
    baselines', their intervals' (``baselines``, in order: ``baseline_quantile_scores``' of the first quantile model)
    or "-"; no columns where no model has quantiles."""
    blocks = list(held.values())
    if not any(blocks):
        return [], [[] for _ in range(rows)]
    blocks += (list(baselines or []) + [None] * rows)[:rows - len(blocks)]
    from rnncast.cli.seriesintervals import head
    from rnncast.scoretext import interval_keys, scored_column
    model = {k: 0.0 for b in blocks if b for k in b}  # "-" where a forecaster lacks what a model holds (decision 1854)
    names = [k for k in interval_keys(model) if not k.startswith("msis_")]  # pinball, wQL, coverages (decision 2096)
    heads = [head(k) for k in names]
    columns = [scored_column(k, [b or {} for b in blocks], [model] * len(blocks)) for k in names]
    return heads, [[column[i] for column in columns] for i in range(len(blocks))]

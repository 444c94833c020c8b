"""``rnncast bench``: the command line of the long-horizon benchmarks, and all it prints.

    rnncast bench ltsf --data exchange_rate.csv --mode M --lookback 336 --models repeat,nlinear,dlinear,lstm
    rnncast bench ett --data ETTh1.csv --mode S --lookback 96 --horizons 96,192,336,720 \\
        --models repeat,nlinear,dlinear,rnn,lstm,gru [--drop-last 32] [--out DIR]
    rnncast bench ett --quick          # ETTh1, S, H=96, repeat/nlinear/lstm, 2 epochs: a smoke test
    rnncast bench remake DIR [DIR ...] # results.md rewritten from results.csv, nothing run

``bench ltsf`` runs any CSV (a time column, then numeric value columns): the ETT tables under the ETT
protocol, any other table under the custom one (70 % train, 20 % test, the rest validation;
:mod:`rnncast.bench.tables`); ``bench ett`` is the same command for the ETT files only. Which known
table a file holds is told by what it holds, not by its name (:mod:`rnncast.bench.identity`): a renamed
ETTh1 is ETTh1, an ``exchange_rate.csv`` of one's own is a table of its own, and the command says so. The
horizons default to the dataset's: those of 96, 192, 336, 720 that fit when at least two do, else
24, 36, 48, 60 (ILI); the command says which were left out and why. The lookback defaults to 36 where no
horizon is longer than 60, else 96, whether the horizons were given or chosen.

For every horizon and model the benchmark trains on the train windows, stops early and keeps the
best epoch on the validation windows, then forecasts every test window once
(:func:`rnncast.bench.runners.run_setting`, protocol: :mod:`rnncast.bench.protocol`). Scores are
MSE and MAE on the z-scored values, over all test windows, or over the first ``floor(n / B) * B``
with ``--drop-last B`` (the published code's test loader; the other variant is in the CSV too).

Written to ``--out`` (default ``runs/bench-<protocol>/<dataset>-<mode>-L<L>``; in S and MS with a target other
than OT ``<dataset>-<mode>-<target>-L<L>``, as that target is what is scored), by
:mod:`rnncast.bench.results` and :mod:`rnncast.bench.measure`:

* ``results.csv``: one row per run, appended (a rerun adds rows; it never rewrites old ones), with the
  file's absolute path and digest: rows of another file are refused (choose another ``--out``); its
  ``settings`` (JSON) record each model's settings as the fit ran them (the device and thread count in effect; no
  val_frac or test_frac, which the protocol's split replaces) and the split: each part's first and last data row
  and their times as written;
* ``results.md``: per setting a table, one row per horizon, the latest setting of every model (mean ± sd over its
  seeds) beside the published rows (:mod:`rnncast.bench.published`) and the split, remade from the whole CSV after
  every run (and by ``bench remake``);
* ``forecast_<dataset>_<mode>_<target>_L<L>_H<H>_<model>_seed<seed>_<tag>.png`` (no ``_seed<seed>`` for repeat): the first test window,
  target channel: input, actual, forecast; ``<tag>`` stands for the protocol and the settings, so runs
  that share a folder never overwrite each other's (:func:`rnncast.bench.results.plot_name`);
  results.md links those of the runs it shows.

The recurrent models (rnn, lstm, gru, segrnn) are :class:`rnncast.Forecaster` with the library's
defaults (see :mod:`rnncast.bench.recurrent`); ``--set KEY=VALUE`` overrides a Forecaster setting
for them (``missing_values`` is the file's: :mod:`rnncast.bench.codes`). NLinear and DLinear use LTSF-Linear's recipe for the dataset (:mod:`rnncast.bench.linear`,
:data:`rnncast.bench.published.LINEAR_RECIPES`); a table without one takes ETTh1's, and the command says so.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import logging
import shlex
import sys

from rnncast.argparsing import Once, Parser
from rnncast.errors import RnncastError
from rnncast.settingchecks import MAX_THREADS
from rnncast.settingvalues import MAX_WHOLE, in_range

# The flags are declared without importing torch or the benchmark's modules, so that `rnncast --help`
# starts fast; this mirrors runners.DEFAULT_MODELS (test_bench_cli.py holds them in step), which
# `run_bench` imports when the benchmark runs.
DEFAULT_MODELS = ("repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Declare ``bench ett ...`` and ``bench ltsf ...`` on the ``rnncast`` command's subparsers."""
    bench = subparsers.add_parser("bench", help="run a published long-horizon benchmark (ETT, Exchange, "
                                  "ILI, any LTSF table) under its protocol")
    add_benchmarks(bench)
    return bench


def add_benchmarks(parser: argparse.ArgumentParser) -> None:
    """The ``ett`` and ``ltsf`` subcommands under ``parser`` (``rnncast bench``, or ``python -m rnncast.bench``)."""
    kinds = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    ett = kinds.add_parser(
        "ett", help="ETTh1/ETTm1 long-horizon forecasting under the published ETT protocol (fixed row borders, "
                    "train-only z-score, scores on the standardized values)",
        description="Train and score models on ETTh1/ETTm1 under the protocol Informer, Autoformer, DLinear/NLinear, "
                    "PatchTST and SegRNN share: rows split at fixed borders (ETTh: train the first 8640 rows, "
                    "validation the next 2880, test the 2880 after; ETTm: each border times 4; later rows unused), "
                    "every column z-scored with the train rows' mean and population standard deviation, windows of "
                    "stride 1, MSE and MAE on the standardized values over every test window (and, with --drop-last, "
                    "over those the published code's loader kept). It is written out, with the published rows, in "
                    "benchmarks/ETT.md of the project's shared folder (beside a checkout of the repository; not "
                    "installed with the package). Writes results.csv, results.md and forecast plots.",
    )
    _add_arguments(ett, "ETTh1.csv, ETTm1.csv, ...")
    ett.set_defaults(run=run_bench, protocol="ett", target=None, setting_elsewhere=functools.partial(_given_here, "ETT"))
    ltsf = kinds.add_parser(
        "ltsf", help="any LTSF table (Exchange, ILI, Weather, your own CSV) under the custom protocol; "
                     "ETT files under theirs",
        description="Train and score models on any long-horizon CSV (a time column, then numeric value "
                    "columns): the ETT tables under the ETT protocol (told by what the file holds, not "
                    "its name), other tables under the custom protocol of the LTSF papers (first 70 % "
                    "of rows train, last 20 % test, the rest validation; z-score with train statistics); "
                    "write results.csv, results.md and forecast plots.",
    )
    _add_arguments(ltsf, "exchange_rate.csv, national_illness.csv, ETTh1.csv, a table of your own, ...")
    ltsf.add_argument("--protocol", choices=("auto", "ett", "custom"), default="auto",
                      help="auto (default): ett for a file that holds an ETT table (by its columns and every "
                           "value, whatever it is called), custom for any other table; ett for another table takes "
                           "the hourly or 15-minute borders from its time column's step")
    ltsf.add_argument("--target", metavar="COL", help="the column forecast in S and MS modes (default OT when the file "
                      "has one, else the last column); M forecasts every column, and the target names only the "
                      "plotted one")
    ltsf.set_defaults(run=run_bench, setting_elsewhere=functools.partial(_given_here, "LTSF"))  # --epochs: --set
    remake = kinds.add_parser("remake", help="rewrite results.md from each FOLDER's results.csv, running nothing",
                              description="Rewrite results.md in each bench --out FOLDER from every row of its "
                                          "results.csv (one of an earlier version too, or one a spreadsheet re-saved "
                                          "with ';' separators), as a run does after it ends; nothing is trained or "
                                          "scored. A results.csv of no rows is refused, results.md left as it is.")
    remake.add_argument("folders", nargs="+", metavar="FOLDER", help="a bench run's --out folder")
    remake.set_defaults(run=run_remake)


def _add_arguments(p: argparse.ArgumentParser, files: str) -> None:
    p.add_argument("--data", action=Once, path="a CSV file's path", help=f"the CSV: {files} (default with --quick: "
                   "ETTh1.csv in the folder $RNNCAST_ETT_DIR names, else in the shared folder's data/ETT beside "
                   "a checkout of the repository)")
    p.add_argument("--mode", metavar="S|M|MS", help="S (target -> target), M (all columns -> all) or MS (all -> target); "
                   "default S")
    p.add_argument("--lookback", type=_int_arg("lookback"), metavar="N",
                   help="lookback L, the input length, as fit's --lookback (default 36 where no horizon is longer than 60, as ILI's 24-60, "
                        "else 96)")
    p.add_argument("--horizons", metavar="N,N,...", help="comma-separated horizons (default: those of 96,192,336,720 that fit "
                   "the table when at least two do, else 24,36,48,60 as on ILI)")
    p.add_argument("--models", metavar="NAMES", help=f"comma-separated, from {','.join(DEFAULT_MODELS)} (default: all)")
    p.add_argument("--drop-last", type=_drop_last_arg, metavar="B",
                   help="headline scores on the first floor(n/B)*B test windows, as the published "
                        "code's loader with batch B; 'recipe': B of LTSF-Linear's script for the "
                        "dataset and horizon, ETTh1's 32 for a table without one (default: all windows)")
    p.add_argument("--out", action=Once, metavar="DIR", path="a folder's path", help="output folder (default runs/bench-<protocol>/<dataset>-<mode>-L<L>; in S and MS "
                   "with a target other than OT, <dataset>-<mode>-<target>-L<L>)")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                   help="Forecaster setting for the recurrent models, e.g. --set epochs=20, or for "
                        "one model, e.g. --set rnn:lr=0.0003 (repeatable; default: the library's "
                        "defaults; one no run would read is refused); --set missing_values=-9999,M reads those "
                        "codes as missing cells of the file, for every model (refused as blank cells are)")
    p.add_argument("--seed", type=int, metavar="N", help="seed of every trained model (default 2021, the recorded "
                   "results', where fit's is 0); runs of other seeds into the same --out show in results.md as their mean ± sd (n=seeds); python benchmarks/ltsf/summary.py "
                   "FOLDER tables every results.csv under FOLDER so, beside the published rows, with verdicts")
    p.add_argument("--threads", type=_int_arg("threads", MAX_THREADS, low=0), default=1, metavar="N",
                   help=f"torch CPU threads; {THREADS_ZERO}, as fit's --threads 0 (default 1, which the recorded "
                        "results were run with, where fit's is 0: results.csv's threads column records the count each model used)")
    p.add_argument("--no-plots", action="store_true", help="skip the forecast PNGs")
    p.add_argument("--quick", action="store_true",
                   help="smoke test: ETTh1, S, H=96 (on a table too short for it, its first horizon), "
                        "repeat,nlinear,lstm, 2 epochs")


def _given_here(protocol: str, setting: str, parsed=None, args=()) -> str:
    """How bench takes ``setting``, a Forecaster setting it has no flag of, for the parser's refusal
    (``argparsing.Parser.elsewhere``): ``given here as --set epochs=N``, the horizon ``as --horizons N``; what
    ``protocol`` (ETT or LTSF) fixes (the scaler, the parts, the columns) as ``recurrent.fixed_by`` says it."""
    from rnncast.bench import recurrent, settings
    from rnncast.config import setting_fields

    settable = {f.name for f in setting_fields()} - set(recurrent.PROTOCOL_KEYS + recurrent.COLUMN_KEYS) - set(recurrent.BENCH_FLAGS) - {"cell"}
    if setting in {*settable, *settings.PROTOCOL_FLAGS}:
        return f"given here as {settings.set_spelling(setting)}"
    if setting == "target":  # bench ett's: OT, as the ETT papers forecast it
        return f"fixed by the {protocol} protocol (it forecasts OT; rnncast bench ltsf takes --target)"
    key = "static_covariates" if setting == "static" else setting.removeprefix("no_")  # --static: a column role too
    return recurrent.fixed_by(key, protocol)  # --scaler, --no-target-input, --time-col: the protocol's


def _drop_last_arg(text: str) -> int | str:
    if text.strip().lower() == "recipe":
        return "recipe"
    try:
        return _int_arg("drop-last", None)(text)  # a batch past every window: refused by the plan, with the count
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"drop-last must be a positive integer (the test batch) or 'recipe', got {text!r}") from None


THREADS_ZERO = "0: torch's own choice, one per core"


def _int_arg(name: str, high: int | None = MAX_WHOLE, low: int = 1):
    def parse(text: str) -> int:  # past ``high`` (int64's, threads' 1024): torch failed with a traceback
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            what = "a positive integer" if low == 1 else f"a whole number from {low} to {high} ({THREADS_ZERO})"
            raise argparse.ArgumentTypeError(f"{name} must be {what}, got {text!r}")
        try:
            in_range(name, value, low, high, said=name)  # the words of every whole number's range; argparse names the flag
        except RnncastError as err:
            raise argparse.ArgumentTypeError(str(err)) from None
        return value

    return parse


def run_bench(args: argparse.Namespace) -> int:
    """``rnncast bench ett|ltsf``: run every model for every horizon, write CSV, markdown and plots; a Ctrl-C or
    SIGTERM says which rows results.csv kept and how to finish (``results.stopped``)."""
    from rnncast import interrupts
    from rnncast.bench.results import stopped

    ran = {"out": None, "rows": [], "planned": 0, "remade": False}  # filled as the run goes: what a signal leaves
    try:
        return _run_bench(args, ran)
    except KeyboardInterrupt as err:
        print(f"rnncast: interrupted{interrupts.by(err)}; {stopped(**ran)}", file=sys.stderr)
        return interrupts.exit_status(err)


def _run_bench(args: argparse.Namespace, ran: dict) -> int:
    import torch

    from rnncast.bench import identity
    from rnncast.bench.measure import check_settings, run_one
    from rnncast.bench.plan import make_plan
    from rnncast.bench.settings import set_spelling
    from rnncast.noticed import capture
    from rnncast.bench.markdown import remake
    from rnncast.bench.results import append_csv, check_source, epochs_text, plot_name, rows_said, summary_table
    from rnncast.bench.runners import run_setting
    from rnncast.bench.scoring import score_text
    from rnncast.bench.said import ahead, constant_note, constant_share, describe, recipe_line
    from rnncast.bench.tables import prepare
    from rnncast.spelling import spelling

    with capture() as read:  # what reading the file warned of (a gap in its calendar) is kept with the results
        plan = make_plan(args)
    plan = dataclasses.replace(plan, warned=tuple(n["text"] for n in read if n["level"] == "warning"))
    ran.update(out=plan.out, planned=len(plan.horizons) * len(plan.models))
    if plan.threads:  # 0: torch's own choice, as fit's --threads 0 (results.csv records the count it used)
        torch.set_num_threads(plan.threads)
    data = prepare(plan.table, plan.mode, plan.found, plan.protocol, plan.split)  # as make_plan read and split it
    command = getattr(args, "command_line", None) or shlex.join(["rnncast", *sys.argv[1:]])
    source = identity.source_of(plan.data)
    earlier = check_source(plan.out / "results.csv", source)  # refuses another file's rows, before any training
    found = identity.note(plan.found, plan.data.name, data.protocol)
    if found:
        print(found, flush=True)
    print(describe(data, getattr(args, "target", None) is not None), flush=True)
    for note in plan.notes:
        print(note, flush=True)
    recipe = recipe_line(data, plan)
    if recipe:
        print(recipe, flush=True)
    if earlier:
        print(f"appending to results.csv: {earlier} row{'s' if earlier > 1 else ''} of earlier runs", flush=True)
    if plan.why:  # before the line of the run it explains
        print(plan.why[0].upper() + plan.why[1:], flush=True)
    print(f"{data.name} {plan.mode}, L={plan.lookback}, horizons {','.join(map(str, plan.horizons))}"
          f"{ahead(data.times, plan.horizons)}, models {','.join(plan.models)} -> {plan.out}", flush=True)
    if plan.constant:
        print(constant_note(plan.constant, plan.mode), flush=True)
    rows = ran["rows"]
    from rnncast.speakers import named_logs
    from rnncast.fonts import warned_once  # matplotlib's import is all it costs: fonts load when a figure is drawn

    with spelling(set_spelling), warned_once(), rows_said(plan.out, rows), named_logs():  # the hints name
        # --set epochs=N; names no font draws, said once; a refusal after rows were written names them; a fit's lines
        # begin with its model, L and H
        for note in check_settings(plan, data):  # a preset's segment cut to fit L
            print(note, flush=True)
        for horizon in plan.horizons:
            repeat = run_setting(data.values, data.target_idx, data.split, plan.lookback, horizon, "repeat")
            if plan.constant and plan.mode == "M":
                print(f"  H={horizon:<4} {constant_share(data, plan.constant, plan.lookback, horizon, repeat)}", flush=True)
            for model in plan.models:
                row = run_one(plan, data, model, horizon, repeat, command, source)
                append_csv(plan.out / "results.csv", row)
                rows.append(row)
                print(f"  H={horizon:<4} {model:8} MSE {score_text(row['mse'])} MAE {score_text(row['mae'])} "
                      f"(repeat {score_text(row['repeat_mse'])}) {row['seconds']:.1f}s"
                      f"{'' if row['epochs_run'] == '' else ', ' + epochs_text(row['epochs_run'])}",
                      flush=True)
    _, shown = remake(plan.out, DEFAULT_MODELS)  # the same tuple as runners.DEFAULT_MODELS; the plots it links
    ran["remade"] = True
    print()
    print(summary_table(rows))
    plots = len(rows) if plan.plots else 0
    linked = sum(plot_name(r) in shown for r in rows)  # a quick run's, beside a full run of the same model, is not shown
    linked = "" if linked == plots else f"{linked} "
    print(f"\nwrote {plan.out}/results.csv, results.md"
          f"{f' and {plots} forecast plot(s), {linked}linked from results.md' if plots else ''}")
    return 0


def run_remake(args: argparse.Namespace) -> int:
    """``rnncast bench remake FOLDER ...``: each folder's results.md rewritten from its results.csv."""
    from rnncast.bench.markdown import remake_folder

    for folder in args.folders:
        print(remake_folder(folder, DEFAULT_MODELS), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m rnncast.bench ett ...``: the same command without the ``rnncast`` entry point."""
    parser = Parser(prog="python -m rnncast.bench")
    add_benchmarks(parser)
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv[1:] if argv[:1] == ["bench"] else argv)
    args.command_line = shlex.join(["rnncast", *args_as_given(argv)])
    logging.basicConfig(level=logging.WARNING, format="rnncast: %(levelname)s: %(message)s")
    logging.getLogger("rnncast").setLevel(logging.INFO)  # as the rnncast command logs
    try:
        return args.run(args)
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return 2


def args_as_given(argv: list[str]) -> list[str]:
    return argv if argv[:1] == ["bench"] else ["bench", *argv]

"""``rnncast bench ett``: the command line of the ETT long-horizon benchmark, and all it prints.

    rnncast bench ett --data ETTh1.csv --mode S --lookback 96 --horizons 96,192,336,720 \\
        --models repeat,nlinear,dlinear,rnn,lstm,gru [--drop-last 32] [--out DIR]
    rnncast bench ett --quick          # ETTh1, S, H=96, repeat/nlinear/lstm, 2 epochs: a smoke test

For every horizon and model the benchmark trains on the train windows, stops early and keeps the
best epoch on the validation windows, then forecasts every test window once
(:func:`rnncast.bench.runners.run_setting`, protocol: :mod:`rnncast.bench.protocol`). Scores are
MSE and MAE on the z-scored values, over all test windows, or over the first ``floor(n / B) * B``
with ``--drop-last B`` (the published code's test loader; the other variant is in the CSV too).

Written to ``--out`` (default ``runs/bench-ett/<dataset>-<mode>-L<L>``), by
:mod:`rnncast.bench.results` and :mod:`rnncast.bench.measure`:

* ``results.csv``: one row per run, appended (a rerun adds rows; it never rewrites old ones);
* ``results.md``: per setting a table, one row per horizon, the latest run of every model beside
  the published rows (:mod:`rnncast.bench.published`), remade from the whole CSV after every run;
* ``forecast_<model>_H<H>.png``: the first test window, OT channel: input, actual, forecast.

The recurrent models (rnn, lstm, gru, segrnn) are :class:`rnncast.Forecaster` with the library's
defaults (see :mod:`rnncast.bench.recurrent`); ``--set KEY=VALUE`` overrides a Forecaster setting
for them. NLinear and DLinear use LTSF-Linear's recipe (:mod:`rnncast.bench.linear`).
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys

from rnncast.errors import RnncastError

# The flags are declared without importing torch or the benchmark's modules, so that `rnncast --help`
# starts fast; these two mirror plan.DEFAULT_LOOKBACK and runners.DEFAULT_MODELS (test_bench_cli.py
# holds them in step), which `run_ett` imports when the benchmark runs.
DEFAULT_LOOKBACK = 96
DEFAULT_MODELS = ("repeat", "nlinear", "dlinear", "rnn", "lstm", "gru", "segrnn")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Declare ``bench ett ...`` on the ``rnncast`` command's subparsers."""
    bench = subparsers.add_parser("bench", help="run a published benchmark (ETT) under its protocol")
    kinds = bench.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    p = kinds.add_parser(
        "ett", help="ETTh1/ETTm1 long-horizon forecasting, protocol of shared/benchmarks/ETT.md",
        description="Train and score models on ETTh1/ETTm1 under the protocol of "
                    "shared/benchmarks/ETT.md; write results.csv, results.md and forecast plots.",
    )
    p.add_argument("--data", help="ETTh1.csv, ETTm1.csv, ... (default with --quick: "
                   "../shared/data/ETT/ETTh1.csv beside the repository, or $RNNCAST_ETT_DIR)")
    p.add_argument("--mode", help="S (OT -> OT), M (7 -> 7) or MS (7 -> OT); default S")
    p.add_argument("--lookback", type=_int_arg("lookback"), default=DEFAULT_LOOKBACK,
                   help=f"input length L (default {DEFAULT_LOOKBACK})")
    p.add_argument("--horizons", help="comma-separated horizons (default 96,192,336,720)")
    p.add_argument("--models", help=f"comma-separated, from {','.join(DEFAULT_MODELS)} (default: all)")
    p.add_argument("--drop-last", type=_int_arg("drop-last"), metavar="B",
                   help="headline scores on the first floor(n/B)*B test windows, as the published "
                        "code's loader with batch B (default: all windows)")
    p.add_argument("--out", help="output folder (default runs/bench-ett/<dataset>-<mode>-L<L>)")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                   help="Forecaster setting for the recurrent models, e.g. --set epochs=20, or for "
                        "one model, e.g. --set rnn:lr=0.0003 (repeatable; default: the library's "
                        "defaults)")
    p.add_argument("--seed", type=int, default=2021, help="seed of every model (default 2021)")
    p.add_argument("--threads", type=_int_arg("threads"), default=1,
                   help="torch CPU threads (default 1)")
    p.add_argument("--no-plots", action="store_true", help="skip the forecast PNGs")
    p.add_argument("--quick", action="store_true",
                   help="smoke test: ETTh1, S, H=96, repeat,nlinear,lstm, 2 epochs")
    p.set_defaults(run=run_ett)
    return p


def _int_arg(name: str):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise argparse.ArgumentTypeError(f"{name} must be a positive integer, got {text!r}")
        return value

    return parse


def run_ett(args: argparse.Namespace) -> int:
    """``rnncast bench ett``: run every model for every horizon, write CSV, markdown and plots."""
    import torch

    from rnncast.bench.measure import run_one
    from rnncast.bench.plan import make_plan
    from rnncast.bench.protocol import prepare_ett
    from rnncast.bench.results import append_csv, summary_table, write_markdown
    from rnncast.bench.runners import run_setting

    plan = make_plan(args)
    torch.set_num_threads(plan.threads)
    data = prepare_ett(plan.data, plan.mode)
    command = getattr(args, "command_line", None) or shlex.join(["rnncast", *sys.argv[1:]])
    print(f"{data.name} {plan.mode}, L={plan.lookback}, horizons {','.join(map(str, plan.horizons))}, "
          f"models {','.join(plan.models)} -> {plan.out}", flush=True)
    rows = []
    for horizon in plan.horizons:
        repeat = run_setting(data.values, data.target_idx, data.split, plan.lookback, horizon, "repeat")
        for model in plan.models:
            row = run_one(plan, data, model, horizon, repeat, command)
            append_csv(plan.out / "results.csv", row)
            rows.append(row)
            print(f"  H={horizon:<4} {model:8} MSE {row['mse']:.4f} MAE {row['mae']:.4f} "
                  f"(repeat {row['repeat_mse']:.4f}) {row['seconds']:.1f}s"
                  f"{'' if row['epochs_run'] == '' else ', ' + str(row['epochs_run']) + ' epochs'}",
                  flush=True)
    write_markdown(plan.out, DEFAULT_MODELS)  # the same tuple as runners.DEFAULT_MODELS
    print()
    print(summary_table(rows))
    print(f"\nwrote {plan.out}/results.csv, results.md"
          f"{' and forecast_<model>_H<H>.png' if plan.plots else ''}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m rnncast.bench ett ...``: the same command without the ``rnncast`` entry point."""
    parser = argparse.ArgumentParser(prog="python -m rnncast.bench")
    add_parser(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(["bench", *argv] if argv[:1] != ["bench"] else argv)
    args.command_line = shlex.join(["rnncast", *args_as_given(argv)])
    logging.basicConfig(level=logging.WARNING, format="rnncast: %(levelname)s: %(message)s")
    try:
        return args.run(args)
    except RnncastError as err:
        print(f"rnncast: error: {err}", file=sys.stderr)
        return 2


def args_as_given(argv: list[str]) -> list[str]:
    return argv if argv[:1] == ["bench"] else ["bench", *argv]

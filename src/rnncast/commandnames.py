"""A command name a parser does not have, refused in one line in the user's words (decision 1621): ``rnncast
evalute`` names the nearest command (``spelling.did_you_mean``, as decision 298 does for flags; ``Fit`` is ``fit``),
another tool's verb names rnncast's (``train``: fit, ``forecast``: predict; ``OTHER_COMMANDS``), ``rnncast bench
etth1`` the benchmark that runs that file (``OTHER_BENCHMARKS``); argparse said "argument COMMAND: invalid choice:
'evalute' (choose from ...)". ``argparsing.Parser`` calls :func:`unknown_command` for every parser with subcommands.
``rnncast help``, ``rnncast version`` and ``rnncast d.csv`` point to --help, --version and the command before the
data; a command's flag given before the command (``rnncast --epochs 2 fit d.csv``) names the commands it is a flag of
and the line with it after the command (``before_command``, decision 1725).
Nothing here imports the rest of the package but ``spelling``, ``prophetnames`` and ``fablenames``, which import nothing
of it."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterable

from rnncast.fablenames import FABLE_COMMANDS
from rnncast.prophetnames import PROPHET_COMMANDS
from rnncast.spelling import did_you_mean, listing

# another tool's (or a tutorial's) verb -> (rnncast's command, what it does there)
OTHER_COMMANDS = {
    "train": ("fit", "trains a model and writes a run directory"),
    "training": ("fit", "trains a model and writes a run directory"),
    "learn": ("fit", "trains a model and writes a run directory"),
    "forecast": ("predict", "forecasts the steps after the data's end with a trained run"),
    "infer": ("predict", "forecasts the steps after the data's end with a trained run"),
    "inference": ("predict", "forecasts the steps after the data's end with a trained run"),
    "cross_validation": ("backtest", "forecasts from rolling cutoffs"),  # statsforecast's, NeuralForecast's
    "cross-validation": ("backtest", "forecasts from rolling cutoffs"),
    "cv": ("backtest", "forecasts from rolling cutoffs"),
    "historical_forecasts": ("backtest", "forecasts from rolling cutoffs"),  # Darts'
    "test": ("evaluate", "scores a trained run on data, beside the baselines"),
    "score": ("evaluate", "scores a trained run on data, beside the baselines"),
    "search": ("tune", "searches settings"),
    "hpo": ("tune", "searches settings"),
    "optimize": ("tune", "searches settings"),
    "sweep": ("tune", "searches settings"),
    "benchmark": ("bench", "runs a published long-horizon benchmark"),
    "onnx": ("export", "writes a trained run's model as ONNX"),
    **PROPHET_COMMANDS,  # performance_metrics: backtest (decision 2001)
    **FABLE_COMMANDS,  # accuracy: evaluate (decision 2182)
}

# a data set's name given as a benchmark -> the benchmark that runs it, and the file it is usually in
OTHER_BENCHMARKS = {
    **{name: ("ett", f"{name[:3].upper()}{name[3:]}.csv") for name in ("etth1", "etth2", "ettm1", "ettm2")},
    **{name: ("ltsf", file) for name, file in (
        ("exchange", "exchange_rate.csv"), ("exchange_rate", "exchange_rate.csv"), ("ili", "national_illness.csv"),
        ("illness", "national_illness.csv"), ("national_illness", "national_illness.csv"), ("weather", "weather.csv"),
        ("electricity", "electricity.csv"), ("ecl", "electricity.csv"), ("traffic", "traffic.csv"))},
}


def unknown_command(prog: str, noun: str, given: str, known: Iterable[str]) -> str:
    """One clause for ``given``, which ``prog``'s subcommands (``known``; each a ``noun``: command, benchmark) do not
    hold: ``unknown command 'evalute' (did you mean 'evaluate'?); the commands are demo, fit, ...``;
    ``unknown command 'train': rnncast's word is fit (rnncast fit trains a model ...)``. The error line's prefix
    (``rnncast: error:``) names ``prog`` already: the clause does not again (decision 1658)."""
    known = list(known)
    word = str(given).lower()
    head = f"unknown {noun} {given!r}"
    if word in known:  # Fit: the commands are written in lower case, as argparse matches them exactly
        return f"{head}; {noun}s are written in lower case: {prog} {word}"
    if noun == "command" and word in OTHER_COMMANDS and OTHER_COMMANDS[word][0] in known:
        command, does = OTHER_COMMANDS[word]
        return f"{head}: rnncast's word is {command} ({prog} {command} {does})"
    if noun == "benchmark" and word in OTHER_BENCHMARKS and OTHER_BENCHMARKS[word][0] in known:
        benchmark, file = OTHER_BENCHMARKS[word]
        return f"{head}: the {file} table runs under {benchmark} ({prog} {benchmark} --data {file})"
    if word in ("help", "version") and noun == "command":  # a flag of rnncast written as a command (decision 1725)
        return f"{head}: {prog} --help lists the commands, {prog} COMMAND --help one's flags" if word == "help" else \
            f"{head}: {prog} --version says rnncast's version and those of the libraries it runs on"
    if noun == "command" and "fit" in known and DATA.search(str(given)):  # rnncast d.csv: the command first
        return f"{head}: the command comes before the data, e.g. {prog} fit {shlex.quote(str(given))}; the {noun}s " \
               f"are {listing(known)}"
    if noun == "command" and os.path.isdir(str(given)) and "predict" in known:  # a run folder: predict's, evaluate's
        return f"{head}: the command comes before a run, e.g. {prog} predict {shlex.quote(str(given))} DATA; the " \
               f"{noun}s are {listing(known)}"
    return f"{head}{did_you_mean(given, known)}; the {noun}s are {listing(known)}"


DATA = re.compile(r"(?i)\.(csv|tsv|txt|parquet|pq|feather|arrow|xlsx?|json)(\.(gz|bz2|xz|zip|zst))?$")  # a data file


def before_command(prog: str, flags: dict, setting: str, parsed=None, args=()) -> str:
    """``setting_elsewhere`` of ``prog``'s parser, whose commands take ``setting`` (a keyword: 'epochs') as a flag
    (``flags``: ``{keyword: (commands, flag)}``, as ``cli.parser`` gathers them): the flag was given before the command,
    where ``prog``'s own flags go (``rnncast --epochs 2 fit d.csv``): "a flag of fit, backtest and tune, given after
    the command: rnncast fit d.csv --epochs 2" (``args``: the arguments given, what was before the command moved after
    it); '' where no command takes it (decision 1725). ``parsed``: as ``setting_elsewhere`` is given it, unread."""
    owners, _ = flags.get(setting) or flags.get(setting.removeprefix("no_"), ([], None))  # --no-highway: highway's
    if not owners:
        return ""
    commands = {c for names, _ in flags.values() for c in names}
    args = [str(a) for a in args or ()]
    at = next((k for k, a in enumerate(args) if a in commands), None)
    said = f"a flag of {listing(list(owners))}, given after the command"
    if at is None:
        return said
    if args[at] not in owners:
        return f"{said}, and not one of {args[at]}"
    return f"{said}: {prog} {shlex.join(args[at:] + args[:at])}"


def no_command(prog: str, noun: str, known: Iterable[str]) -> str:
    """The line after the help of ``prog`` given no subcommand: ``rnncast: error: give a command, one of demo, fit,
    ... or bench (rnncast COMMAND --help lists its flags)``."""
    return (f"{prog}: error: give a {noun}, one of {listing(list(known), 'or')} "
            f"({prog} {noun.upper()} --help lists its flags)\n")

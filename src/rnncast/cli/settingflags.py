"""The setting flags, made from the settings dataclasses (``config``): one flag per field, in its group (data,
model, training), typed by ``settingtext.parse_setting`` as TOML files and ``--set`` are, a boolean's ``--x`` and
``--no-x``, given once; and each flag's help, with the field's true default as a person reads it. Imports neither
torch nor pandas (``rnncast --help`` stays fast).
"""

from __future__ import annotations

import argparse
from dataclasses import fields

from rnncast.argparsing import Once, OnceOnOff
from rnncast.config import SETTING_CLASSES, DataSettings, ModelSettings, TrainSettings
from rnncast.errors import RnncastError

GROUPS = {DataSettings: "data", ModelSettings: "model", TrainSettings: "training"}
# each flag's value named by its kind, as --out DIR and --target COLS are (decision 1661): N a whole number, X a number
METAVARS = {"batch_size": "N|full", "quantiles": "LEVELS", "cutoff": "DATE|N", "missing_values": "CODES", "tz": "ZONE",
            "freq": "FREQ", "upper": "X", "holidays": "MARKET|COUNTRY", "calendar_covariates": "ATTRIBUTES"}
THREADS = next(f for f in fields(TrainSettings) if f.name == "threads")  # fit's --threads, given to the commands that run a model
DEVICE = next(f for f in fields(TrainSettings) if f.name == "device")  # fit's --device: predict, evaluate, compare take it
FORECAST_DEVICE = ("where the fitted network runs while {doing}: cpu (the default; one forecast per window is quick "
                   "there), cuda, or auto (CUDA where a GPU is here), as fit's --device takes them")


def add_setting_groups(parser: argparse.ArgumentParser, data, searched=(), omitted=(), helps=None) -> None:
    """The setting flags in their groups: data settings join ``data``; model and training get theirs; the
    settings named in ``omitted`` are not this command's; ``helps``: a setting's help where this command uses it
    otherwise than fit (backtest's --cutoff is its first cutoff, not a test split's start)."""
    for cls in SETTING_CLASSES:
        group = data if GROUPS[cls] == "data" else parser.add_argument_group(GROUPS[cls])
        for f in fields(cls):
            if f.metadata.get("flag", True) and f.name not in omitted:  # verbose is the library's bar; the command line draws its own
                add_setting_flag(group, f, searched=f.name in searched, help_text=(helps or {}).get(f.name))


def setting_help(f, searched: bool = False, doing: str | None = None) -> str:
    """A setting flag's help: the field's help and its true default, as a person reads it (booleans
    on/off; a default of None is described by the field's own help, which says what it means). ``doing``: what
    a command that does not train does while the setting applies ("forecasting"), in place of the field's
    "while training" (``--threads`` of predict, evaluate and export, one field with fit's)."""
    text = f.metadata.get("help", "")
    if doing is not None:
        if "while training" not in text:  # the field's help changed: say so here, not print a false one
            raise ValueError(f"the help of {f.name} does not say 'while training': {text!r}")
        text = text.replace("while training", f"while {doing}", 1)
    if searched:
        return f"{text} (default: searched)"
    if f.default is None:
        return text if "(default: " in text else f"{text} (default: none)"
    return f"{text} (default: {default_text(f.default)})"


def default_text(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def add_setting_flag(group, f, searched: bool = False, doing: str | None = None, help_text: str | None = None) -> None:
    """Field ``f``'s flag in ``group``: ``--name`` typed by ``settingtext.parse_setting`` (a boolean's ``--x`` and
    ``--no-x``), given once, absent from the parsed arguments when not given; ``searched``, ``doing``: ``setting_help``'s;
    ``help_text``: this command's own help of it."""
    flag = "--" + f.name.replace("_", "-")
    help_text = help_text or setting_help(f, searched, doing)
    if isinstance(f.default, bool):
        group.add_argument(flag, action=OnceOnOff, default=argparse.SUPPRESS, help=help_text)  # --x / --no-x, given once
        return
    metavar = METAVARS.get(f.name) or ("N" if type(f.default) is int else "X" if type(f.default) is float else None)
    group.add_argument(flag, action=Once, type=_setting_type(f.name), choices=f.metadata.get("choices"),
                       default=argparse.SUPPRESS, metavar=metavar, help=help_text)


def _setting_type(name: str):
    """The flag's text through ``settingtext.parse_setting``, the parser that TOML files and --set share."""
    from rnncast.settingtext import parse_setting

    def parse(text: str):
        try:
            return parse_setting(name, text)
        except RnncastError as err:
            said = str(err)
            if said.startswith(f"{name} must be "):  # in the setting checks' words, "horizon (--horizon) must be ...",
                flag = f"{name} (--{name.replace('_', '-')})"  # not argparse's "argument --horizon: horizon must be"
                raise argparse.ArgumentError(None, flag + said[len(name):]) from None  # (decision 1626)
            raise argparse.ArgumentTypeError(said) from None

    parse.__name__ = name  # argparse names the flag's type in its messages
    return parse

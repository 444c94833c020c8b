"""Setting text: one setting as ``Forecaster`` takes it, from the text of a flag or of
``--set KEY=VALUE``, or from a typed value of a TOML or JSON file. The one parser of settings, so
that flags, config files and ``bench ett|ltsf --set`` type a value alike."""

from __future__ import annotations

import datetime
import re

from rnncast.config import setting_fields
from rnncast.errors import RnncastError
from rnncast.othernames import not_a_setting
from rnncast.quantilelevels import parse_quantiles
from rnncast.settingchecks import check_loss_name
from rnncast.settingvalues import CHOICES, choice_name, horizon_steps, is_integer, missing_text
from rnncast.spelling import did_you_mean


def parse_setting(name: str, value, typed: bool = False):
    """One setting as ``Forecaster`` takes it, from text (a flag, ``--set KEY=VALUE``) or a typed
    value (TOML, JSON): the one parser of settings. ``batch_size`` takes ``full`` (or 0) for None,
    ``quantiles`` ``0.1,0.5,0.9`` or a list, booleans ``true/false/yes/no/1/0``, optional text
    settings ``none``. ``typed``: the value comes from a typed file (TOML, JSON), where a number or
    a boolean must be written as one, not as text. Raises ``RnncastError`` naming the setting and
    what it accepts."""
    fields_by_name = {f.name: f for f in setting_fields()}
    name = str(name).replace("-", "_")
    if name not in fields_by_name and not_a_setting(name, fields_by_name):
        raise RnncastError(not_a_setting(name, fields_by_name, value=value))  # another library's name (seq_len): rnncast's
    if name not in fields_by_name:
        raise RnncastError(f"unknown setting {name!r}{did_you_mean(name, fields_by_name)}; known settings: "
                           f"{', '.join(sorted(fields_by_name))}")
    default = fields_by_name[name].default
    text = value.strip() if isinstance(value, str) else None
    if name == "cutoff" and isinstance(value, (datetime.date, datetime.time)):  # TOML's date: cutoff = 2024-06-30
        return value.isoformat()
    if name in CHOICES and choice_name(name, text) in CHOICES[name]:
        return choice_name(name, text)  # --cell LSTM, --scaler MinMax, cell = "GRU": as papers and other libraries write them
    if name == "loss":
        check_loss_name(value)  # --loss MQLoss: before the flag's choices say only mse, mae
    if name == "time_unit" and value is not None and text != "none":  # --time-unit seconds: 's'; 'D' refused by name
        from rnncast.numbertimes import checked_unit  # here: the CLI's --help imports no pandas
        return checked_unit(value)
    if name == "tz" and text and text.lower() != "none":  # --tz utc kept as UTC, asia/seoul as Asia/Seoul
        from rnncast.zonenames import canonical  # pandas: not for --help

        return canonical(text)
    if name == "upper":  # a number or none, its default None (decision 2257)
        return __import__("rnncast.upperbound").upperbound.parse(value)
    if name == "quantiles":
        return list(parse_quantiles(value)) or None  # None and "none": a point forecast; [] and "0.1,,0.5": refused
    if name == "season" and _several(value):
        raise RnncastError(several_seasons(value))
    if name == "missing_values":
        return missing_text(value)  # -999, [-999, 9999] or "-999; 9999": one text; true, "abc" and NaN refused by name
    if name == "batch_size":
        if value is None or text == "full" or (text == "0" and not typed) or (is_integer(value) and value == 0):
            return None  # full batch; False and 0.0 are no 0 (a TOML file writes 0 as a number, as lookback's 14)
        kind, wanted = int, 'a whole number, or 0 or "full" for full-batch training'
    elif isinstance(default, bool):
        kind, wanted = bool, "true or false"
    elif isinstance(default, int):
        kind, wanted = int, "a whole number"
    elif isinstance(default, float):
        kind, wanted = float, "a number"
    else:
        if value is None or (text == "none" and default is None):  # an optional setting; "none" is a choice of others
            return None
        kind, wanted = str, "text"
    if text is not None and kind is not str and not typed:
        words = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        try:
            value = words[text.lower()] if kind is bool else kind(text)
        except (KeyError, ValueError):
            raise RnncastError(f"{name} must be {wanted}, got {value!r}{_digits(kind, text)}{_steps(name, value)}") from None
    ok = {bool: isinstance(value, bool), int: isinstance(value, int) and not isinstance(value, bool),
          float: isinstance(value, (int, float)) and not isinstance(value, bool),
          str: isinstance(value, (str, int)) and not isinstance(value, bool)}[kind]
    if not ok:
        unquoted = typed and text is not None and kind in (int, float) and _reads_as(kind, text)
        raise RnncastError(f"{name} must be {wanted}, got {value!r}" + (f"; write the number without quotes ({name} = "
                                                                          f"{text})" if unquoted else _steps(name, value)))
    return float(value) if kind is float else (str(value) if kind is str else value)



def _steps(name: str, value) -> str:
    """A horizon given as the steps sktime's fh lists (``--horizon 1,3,6``): what horizon is and the one to give
    (``settingvalues.horizon_steps``, decision 2035); "" for any other setting or value."""
    return horizon_steps(value) if name == "horizon" else ""


THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")  # 1,008: one number written with a thousands separator, or two


def _several(value) -> list[int]:
    """The whole numbers of a ``season`` given as several (``96,672``, ``96 672``, TOML's ``[96, 672]``), distinct and
    sorted; [] for any other value, which the setting's own check reads."""
    parts = value if isinstance(value, (list, tuple)) else str(value).replace(",", " ").replace(";", " ").split()
    if len(parts) < 2 or not all(isinstance(p, int) and not isinstance(p, bool) or str(p).strip().isdigit()
                                 for p in parts):
        return []
    return sorted({int(p) for p in parts})


def _one_number(value) -> int | None:
    """``1,008`` (a week of 10-minute steps) as the number a thousands separator writes, where it reads as no several
    seasons: a group after the first that starts with 0 (no one writes a season 008), or fewer than two seasons over
    1 (1,344); else None (decision 2017)."""
    text = value.strip() if isinstance(value, str) else ""
    if not THOUSANDS.fullmatch(text):
        return None
    groups = text.split(",")
    seasons = [v for v in _several(value) if v > 1]
    return int(text.replace(",", "")) if any(g.startswith("0") for g in groups[1:]) or len(seasons) < 2 else None


def several_seasons(value) -> str:
    """"season must be one whole number, got '96,672': ..." (decision 1968): one season is taken, the seasonal naive
    baseline's and MASE's scale, and the longer one also scores the calendar's own cycle beside the verdict (decision
    1926), each named with its setting and flag; said so only of two distinct seasons over 1. ``1,008`` is one number
    written with a thousands separator (``_one_number``), ``24,24`` one season given twice (decision 2017)."""
    if (number := _one_number(value)) is not None:
        return (f"season must be one whole number, got {value!r}: write {number} without the comma (season={number}, "
                f"--season {number})")
    seasons = [v for v in _several(value) if v > 1]
    if len(seasons) < 2:  # 24,24 or 1,24: one season over 1 (1 is none)
        alone = f": give {seasons[0]} alone (season={seasons[0]}, --season {seasons[0]})" if seasons else ""
        return f"season must be one whole number, got {value!r}{alone}"
    short, long = seasons[0], seasons[-1]
    text = str(value).strip() if isinstance(value, str) else ""
    joined = (f"; if {text} is one number, write {text.replace(',', '')} without the comma"
              if THOUSANDS.fullmatch(text) else "")
    return (f"season must be one whole number, got {value!r}: one season is taken, for the seasonal naive baseline and "
            f"MASE's scale; give the longer one (season={long}, --season {long}) and fit, evaluate and backtest also "
            f"score the seasonal naive of the calendar's own cycle (a day on steps under a day: 24 on hours, 96 on 15 "
            f"minutes; a week on days) beside the verdict, or the shorter one (season={short}, --season {short}) to "
            f"weigh that cycle in the verdict itself{joined}")


def _digits(kind, text: str) -> str:
    """For a whole number written otherwise (``1e3``, ``2.0``, ``1_000.0``), the clause naming its form and the digits
    to write (decision 1626): refused, not read, as a TOML file's ``horizon = 2.0`` is; '' for any other text."""
    try:
        number = float(text)
    except ValueError:
        return ""
    if kind is not int or not number.is_integer() or abs(number) >= 2 ** 63:
        return ""
    form = "in scientific notation" if "e" in text.lower() else "with a decimal point"
    return f", {int(number)} written {form}: write {int(number)}"


def _reads_as(kind, text: str) -> bool:
    try:
        kind(text)
    except ValueError:
        return False
    return True

"""One setting's value, whichever setting it is: the checks the settings dataclasses share (a whole
number in its range (int64's, a seed's), a number, a positive integer, one of the choices; quantile levels are read in
``quantilelevels``), and NumPy scalars as the Python values they hold, so that settings
compare, print and write to JSON as the same values; a value handed over as a refusal shows it, on one line (``given``). Nothing here knows the
settings themselves (``config.py``) beyond the values each choice-valued one takes (``CHOICES``, which its field offers)."""

from __future__ import annotations

import logging
import math
import numbers
import re

import numpy as np

from rnncast import excelerrors, noticed
from rnncast.errors import RnncastError
from rnncast.spelling import named

CELLS = ("rnn", "lstm", "gru")  # the recurrent cells (config.ModelSettings.cell), as fit reads them
# The values of each setting that takes one of a few words (config's fields offer them, the flags too), as fit reads them:
# each is read whatever its case (``choice_name``), so scaler="MinMax" is minmax as cell="LSTM" is lstm.
CHOICES = {"cell": CELLS, "scaler": ("standard", "minmax", "none"), "window_norm": ("none", "last", "mean", "season"),
           "fill": ("ffill", "interpolate", "zero", "drop"), "highway_start": ("zero", "least_squares"),
           "decoder": ("direct", "parallel"), "lr_schedule": ("constant", "cosine"), "loss": ("mse", "mae"),
           "scheme": ("window", "sequence"), "device": ("auto", "cpu", "cuda")}
SHOWN = 100  # the most characters of a value a refusal repeats as it was written


def given(value) -> str:
    """``value``, handed to a setting or a keyword, as a refusal shows it: its repr where that is one short line
    (``(140, 160)``, ``'random'``, ``array([1, 2])``), else what it is: "an array of 1000 values", "an array of shape
    (10, 3)", "a DataFrame of 12 rows and 2 columns (holiday, ds)", "a list of 500 items", a text cut after its first characters (NumPy's repr of a permutation of 1000
    rows is 5,600 characters on 77 lines)."""
    text = repr(value)
    if len(text) <= SHOWN and "\n" not in text:
        return text
    if hasattr(value, "columns") and np.ndim(value) == 2:  # a DataFrame: its size and columns, never its rows
        columns = ", ".join(map(str, list(value.columns)[:6])) + (" ..." if len(value.columns) > 6 else "")
        return f"a {type(value).__name__} of {len(value):,} rows and {len(value.columns)} columns ({columns})"
    shape = np.shape(value) if hasattr(value, "shape") else None
    if shape is not None:
        return f"an array of {int(np.prod(shape))} values" if len(shape) == 1 else f"an array of shape {tuple(shape)}"
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return f"a {type(value).__name__} of {len(value)} items"
    return text.replace("\n", " ")[: SHOWN - 3] + "..."


def cutoff_text(value):
    """``cutoff`` as the text the settings hold, from the time objects a pandas user has at hand: a ``pd.Period``
    ('2017Q3': the whole period, ``cutoffs.named_end``), a ``pd.Timestamp`` or ``datetime`` (the instant, ISO 8601,
    its offset kept), a ``datetime.date`` ('2024-06-30': the day), a ``numpy.datetime64``; a whole number (1960,
    np.int64(1960), 1960.0, ' +1960.0 ') as its text, '1960', as --cutoff 1960 and a config file give it, so the one
    cutoff is one setting however it was written (it reads the same: ``cutoffs.as_time``); any other value as
    given, for ``settingchecks.check_cutoff`` to accept (text) or refuse by name."""
    if type(value).__name__ == "NaTType" or (isinstance(value, np.datetime64) and np.isnat(value)):
        raise RnncastError(f"{named('cutoff')} is NaT, no time: give the time to cut at, such as '2024-06-30', or leave "
                           "cutoff unset (None) to cut each series by val_frac/test_frac")
    if isinstance(value, np.datetime64):
        return str(np.datetime_as_string(value))
    if type(value).__name__ == "Period" and hasattr(value, "freqstr"):
        from rnncast import periodspans  # here, as wholenumbers below: its days, where '2016Q3' would lose its anchor

        return periodspans.held(value)  # Q-MAR's 2016Q3: '2015-10-01/2015-12-31' (decision 2032)
    if hasattr(value, "isoformat") and not isinstance(value, str) and type(value).__name__ != "time":
        return value.isoformat()
    from rnncast import wholenumbers  # here: the CLI's --help imports no pandas (wholenumbers does)

    whole = wholenumbers.number(value)  # 1960, 1960.0, '1.96e3', Fraction(1960): '1960', as --cutoff 1960 gives it
    if whole is not None and isinstance(value, str) and "." in value and noticed.first_in_call("cutoff", value):
        year = 1000 <= whole <= 9999  # a year's number: what it reads as on dated data said too (decision 1440)
        logging.getLogger(__name__).info(  # '2023.0', '2023.': no month (2023.5 is refused), said (decision 1440)
            "%s %r read as %d, a whole number%s", named("cutoff"), value.strip(), whole,
            f": on dated data the year {whole} to its end (as {whole} reads), on times that are whole numbers that "
            "number" if year else f", as {whole} reads")  # '200.0' on steps 0..299: no year 200 (decision 1464)
    return value if whole is None else str(whole)  # one setting (a resume saw "1960 then, '1960' now"), JSON's text


NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")  # as missing_text writes a number ('%.15g')
PACKED = re.compile(r"\d,\d")  # '-999,9': two numbers, or one with a decimal comma (``packed``)


def packed(text: str | None) -> bool:
    """Whether ``missing_text``'s text joins two numbers with a bare comma between digits ('-999,9', '-999,9999'),
    which a file writing decimal commas reads as one number (-999.9): a list, a number and a text separated by ';' or
    ', ' are written without one."""
    return bool(text) and PACKED.search(text) is not None


def missing_text(value) -> str | None:
    """``missing_values`` as one text of codes (``"-999, 9999"``, ``"-9999, M"``), from a number, a text code, a list
    or tuple of them, a 1-D array or such text; None and "none" in any case ("None", "NONE", as ``parse_quantiles``:
    decision 1450) are none. Text is separated by ',' or by ';' (a comma inside a ';' item is a decimal comma: '-999,9;
    9999' is -999.9 and 9999); an item that is no number a text code, stripped (NOAA's 'M': decision 1646). A list
    and a ';' text are written joined by ', '; a ',' text as it was joined, so that '-999,9' stays ``packed``, refused
    in a file writing decimal commas (``codedblanks``). Raises ``RnncastError`` for anything else: a flag (True), NaN (already missing) or infinity, a
    text pandas or a spreadsheet reads as missing already ('NA', '#N/A'), each named with what would be accepted;
    empty or blank text too, which meant none without a word where its writer may have meant blank cells (read as
    missing whatever is set)."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    accepted = "numbers such as -999 or '-999; 9999', or text codes such as M (whole cells, in their case)"
    if isinstance(value, str) and not value.strip():
        raise RnncastError(f"{named('missing_values')} {given(value)} is {'blank' if value else 'empty'}, and blank cells "
                           f"are read as missing without it; give {accepted}, or leave it unset (none)")
    semi = isinstance(value, str) and ";" in value
    items = value.split(";") if semi else value.split(",") if isinstance(value, str) \
        else (value.tolist() if getattr(value, "ndim", None) == 1 and hasattr(value, "tolist") else value)
    items = items if isinstance(items, (list, tuple)) else [items]
    read = []
    for item in items:
        if isinstance(item, bool) or type(item).__name__ == "bool_" or isinstance(item, bytes):
            raise RnncastError(f"{named('missing_values')} must be {accepted}, got {given(value)}")
        try:
            number = float(item.strip().replace(",", ".") if semi else item.strip() if isinstance(item, str) else item)
        except (TypeError, ValueError):
            read.append(_word(item, value, accepted))
            continue
        if not math.isfinite(number):
            raise RnncastError(f"{named('missing_values')} must be finite {accepted}, got {given(value)}: NaN is read as "
                               "missing already, and an infinite value is refused wherever it is")
        read.append(number)
    if not read:
        raise RnncastError(f"{named('missing_values')} {given(value)} is an empty list: give {accepted}, or leave it unset")
    join = "," if isinstance(value, str) and not semi and (", " not in value or packed(value)) else ", "
    return join.join(v if isinstance(v, str) else f"{v:.15g}" for v in dict.fromkeys(read))


def _word(item, value, accepted: str) -> str:
    """A text code of ``missing_values`` (``item`` of ``value``, no number), stripped; refused where it is no text,
    blank, holds a separator, or is read as missing already (a spreadsheet's #N/A, pandas' 'NA', 'NULL')."""
    from rnncast.sheetcsv import NA_STRINGS  # pandas: not for --help

    word = item.strip() if isinstance(item, str) else ""
    if excelerrors.is_not_available(item):  # '#NV': read as missing already
        raise RnncastError(f"{named('missing_values')} takes {accepted}, got {given(value)}: {item.strip()!r} "
                           f"is {excelerrors.named(item)}, read as a missing value already in any "
                           f"case{'' if item.strip().upper() == '#N/A' else ', as #N/A is'}; leave it out") from None
    if not word or any(c in word for c in ",;") or not isinstance(item, str):
        raise RnncastError(f"{named('missing_values')} must be {accepted}, got {given(value)} ({given(item)} is no "
                           "number and no text code)") from None
    if word in NA_STRINGS:
        raise RnncastError(f"{named('missing_values')} takes {accepted}, got {given(value)}: {word!r} is read as a "
                           "missing value already; leave it out") from None
    return word


def missing_numbers(text: str | None) -> tuple[float, ...]:
    """The numbers of ``missing_text``'s text; none for None (its text codes: ``missing_words``)."""
    return tuple(float(v) for v in (text.split(",") if text else ()) if _number(v))


def missing_words(text: str | None) -> tuple[str, ...]:
    """The text codes of ``missing_text``'s text ('M' of '-9999, M'; decision 1646); none for None."""
    return tuple(v.strip() for v in (text.split(",") if text else ()) if not _number(v))


def case_note(words, text: str | None) -> str:
    """Where one of ``words`` (cells refused as no number) is a text code of ``text`` (missing_values) in another case
    ('m' where 'M' was given): that a code matches a whole cell in its case (decisions 1687, 1758); "" otherwise."""
    cased = [(w, h) for w in words for h in missing_words(text) if str(w).casefold() == h.casefold()]
    return (f"{cased[0][0]!r} is not {cased[0][1]!r}, a text code of missing_values= ({text}): a code matches a whole "
            "cell, spaces around it aside, in its case") if cased else ""


def _number(item: str) -> bool:
    return NUMBER.fullmatch(item.strip()) is not None


def same_value(value, default) -> bool:
    """Whether a parameter is its default; an array given (quantiles) is compared without error."""
    try:
        return bool(value == default)
    except ValueError:  # an array against a value: elementwise, no single truth
        return False


def plain_values(params: dict) -> dict:
    """``params`` with NumPy scalars (``np.int64(8)``, ``np.float32(0.1)``, ``np.bool_(True)``) as the
    Python numbers they hold and 1-D arrays (quantile levels) as lists, so that settings compare,
    print and write to JSON as the same values; a ``cutoff`` given as a pandas, datetime or NumPy time as its text
    (``cutoff_text``); the cell as fit reads it (``cell_name``); the time unit as read (``numbertimes.unit_name``:
    "seconds" is "s"); a zone by its IANA name (``zonenames.canonical``: "utc" is "UTC", "asia/seoul" "Asia/Seoul"), so
    settings that compare (resume, a continued tune, set_params since fit) and those written (save, config.json,
    best.toml) hold one name for one zone, while ``get_params`` gives back the text given (decision 1215)."""
    from rnncast.numbertimes import unit_name
    from rnncast.zonenames import canonical
    readers = {"cutoff": cutoff_text, "time_unit": unit_name, "tz": canonical}
    return {name: choice_name(name, value) if name in CHOICES else readers.get(name, plain)(value)
            for name, value in params.items()}


def choice_name(name: str, value):
    """A choice-valued setting's value (``CHOICES``) as fit reads it, whatever its case: cell "LSTM", " Gru" and "gru"
    are "gru", scaler "MinMax" is "minmax", window_norm "NONE" is "none"... the one normaliser of such a value (fit,
    save, load, resume, compare and the flags use it), so a model saved with "LSTM" loads as the lstm its network was
    built as; any other value as it is, for the settings' check to refuse by name."""
    if isinstance(value, str) and value.strip().lower() in CHOICES[name]:
        return value.strip().lower()
    return value


def cell_name(value):
    """The cell's name as fit reads it, whatever its case (``choice_name``)."""
    return choice_name("cell", value)


def plain(value):
    """A NumPy scalar as the Python value it holds, a 1-D array as a list of them; any other value as it is."""
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0 and hasattr(value, "item"):
        return value.item()
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 1 and hasattr(value, "tolist"):
        return value.tolist()
    return value


def is_integer(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and type(value).__name__ != "bool_"


def is_number(value) -> bool:
    """A finite real number, not a bool: ``lr=inf`` or ``grad_clip=nan`` is refused by name, not trained
    until it is reported as diverged."""
    return (isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value).__name__ != "bool_"
            and math.isfinite(value))


FULL_BATCH = "0, 'full' or None for full-batch training"  # batch_size's spellings of one batch of every window


def full_batch(value):
    """``batch_size`` as the settings keep it: None (one batch of every window) for 0, ``'full'`` or None, as the
    command line and config files spell it too (``settingtext``); any other value as given, for ``check_train``."""
    return None if value is None or (isinstance(value, str) and value == "full") or (is_integer(value) and value == 0) else value


MAX_WHOLE = 2 ** 63 - 1  # the largest whole number torch and NumPy hold (int64): a count or a seed past it overflows
MAX_SAMPLER_SEED = 2 ** 32 - 1  # the largest seed Optuna's TPE sampler (NumPy's legacy RandomState) takes


def power_text(high: int) -> str:
    """``2**63 - 1`` for 2 ** 63 - 1 (and any 2 ** k - 1), the number's digits otherwise: the range a refusal names."""
    return f"2**{high.bit_length()} - 1" if high > 1024 and (high + 1) & high == 0 else str(high)


def in_range(name: str, value, low: int, high: int | None = MAX_WHOLE, why: str = "", said: str | None = None) -> None:
    """Refuse a whole number ``value`` outside ``low``..``high`` in one line naming the range accepted (``why``: a
    clause after it): a number past int64 (``seed=2**70``, ``--n-windows 99999999999999999999999``) would fail deep
    in torch or NumPy with a traceback, and a seed of -1 or 2**64 would be read as another seed. The one range check
    of whole-number settings and arguments (``settingchecks``, ``backtest``, ``tuning``); the caller checks the type.
    ``high`` None: no upper bound (a saved model's setting, read back as it was fitted). ``said``: the name as the
    refusal writes it, where not ``spelling.named``'s (bench's flags, which argparse's words name already)."""
    if not low <= value <= (value if high is None else high):
        raise RnncastError(f"{said or named(name)} {given(value)} is out of range: accepted are whole numbers from {low} to "
                           f"{power_text(high)}{why}")


def seed(name: str, value, high: int = MAX_WHOLE, why: str = "") -> None:
    """A seed: a whole number from 0 to ``high`` (torch's 2**63 - 1; Optuna's sampler 2**32 - 1), never one torch
    or NumPy would read as another seed (-1 as 2**64 - 1, 2**63 as 0)."""
    if not is_integer(value):
        raise RnncastError(f"{named(name)} must be an integer, got {given(value)}")
    in_range(name, value, 0, high, why or " (a seed outside them would be read as another seed or not at all)")


def positive_int(name: str, value, high: int | None = MAX_WHOLE, why: str = "") -> None:
    """A whole number of 1 or more (a NumPy integer too), at most ``high`` (``in_range``; None: no upper bound)."""
    if not is_integer(value) or value < 1:
        raise RnncastError(f"{named(name)} must be a positive integer, got {given(value)}"
                           + (horizon_steps(value) if name == "horizon" else ""))
    in_range(name, value, 1, high, why)


def horizon_steps(value) -> str:
    """The clause a refused ``horizon`` given as steps (sktime's ``fh=[1, 3, 6]``, ``--horizon 1,3,6``) adds: that it
    is the number of steps ahead, and the one that forecasts those steps, to read in a backtest's ``by_step``
    (decision 2035); "" for any other value (a list, tuple, range, array or text of whole numbers from 1)."""
    items = (value.strip().strip("[]()").replace(",", " ").split() if isinstance(value, str) else
             list(np.ravel(value)) if isinstance(value, (list, tuple, range, np.ndarray)) else [])
    if not items or not all(is_integer(v) or (isinstance(v, str) and v.isdigit()) for v in items) or min(map(int, items)) < 1:
        return ""
    steps = sorted({int(v) for v in items})
    last = f"horizon={steps[-1]} (--horizon {steps[-1]})"
    read = "" if steps == list(range(1, steps[-1] + 1)) else (f" and read step{'s' * (len(steps) > 1)} {', '.join(map(str, steps))} in by_step (fit's by_step.csv, evaluate's and a backtest's by_step)")
    return f": horizon is the number of steps ahead (sktime's fh=[1, 2, 3] is horizon=3); give {last}{read}"


def choice(name: str, value, choices) -> None:
    """``RnncastError`` naming ``choices`` where ``value`` is none of them (a DataFrame too: no truth-value error)."""
    if not (isinstance(value, str) and value in choices):  # every setting's choices are words
        raise RnncastError(f"unknown {name} {given(value)}; choose one of: {', '.join(choices)}")


def flag(name: str, value) -> None:
    """An on/off setting must be True or False (a NumPy bool too): text such as 'no' would read as on."""
    if not isinstance(value, (bool, np.bool_)):  # np.bool_'s type is named 'bool' under NumPy 2
        raise RnncastError(f"{name} must be True or False, got {given(value)}")


def callback(name: str, value) -> None:
    """A callback setting (``on_epoch``) must be a function (anything callable) or None: another value would fail only
    when first called, after an epoch had trained."""
    if value is not None and not callable(value):
        raise RnncastError(f"{name} must be a function called with each epoch's record (or None), got "
                           f"{type(value).__name__} {given(value)}")


# What a setting was in a folder (model, run directory, checkpoint) written before the setting
# existed, where the default has since changed: such a folder keeps the behaviour it was trained with.
SAVED_BEFORE: dict = {"highway": False}


def with_saved_defaults(params: dict) -> dict:
    """Saved settings, with the value a setting had before it existed filled in where it is absent, and each
    choice as fit reads it (``choice_name``: a model or config.json saved with "LSTM" is the lstm its network was built
    as, one saved with scaler "MinMax" the minmax it was scaled with)."""
    params = {**SAVED_BEFORE, **params}
    return {name: choice_name(name, value) if name in CHOICES else value for name, value in params.items()}

"""``features='all'`` (``--features all``): the numeric columns of a table that no other role took (not the
target, the time, an id, a static covariate, nor a covariate named by its role), in the table's order. What it
leaves out is said: columns of text (a column of numbers but for a few stray cells refused: ``strayvalues``; one of
Python numbers, as Parquet's decimals are read, is taken), numbers only as read from text with thousands separators (phone numbers, postcodes); a column it takes under
pandas' name for an empty header cell is said too, and a column of one value in every row (nothing to learn) left out
and named. Matching none is refused, naming why: text, or the covariates
named that already hold every other column. A table with a column named 'all' is refused with 'all' the keyword (the
command line's ``--features all`` would take every column where the user may mean that one), saying both ways."""

from __future__ import annotations

import decimal
import logging
import numbers

import numpy as np
import pandas as pd

from rnncast.csvmarks import GROUPED_COLUMNS, UNNAMED
from rnncast.errors import RnncastError
from rnncast.signs import ACCOUNTING
from rnncast.spelling import shell_names
from rnncast.strayvalues import textual
from rnncast.unusedcolumns import (ONE_VALUE, elapsed, encode_hint, holds_text, one_value, one_value_clause,
                                   written_clauses)

log = logging.getLogger(__name__)

KEYWORD = "all"  # features='all', series='all': every numeric column; a column may be named so too


def _numbers(column: pd.Series) -> bool:
    """Whether ``column`` holds Python numbers as objects (Parquet's decimal as decimal.Decimal; ints and floats mixed),
    which train as they do when named; True and False are no numbers here."""
    if column.dtype != object:
        return False
    held = column.dropna()
    return len(held) > 0 and all(isinstance(v, (numbers.Real, decimal.Decimal)) and not isinstance(v, (bool, np.bool_))
                                 for v in held)


def _advice(frame: pd.DataFrame, text: list) -> str:
    """How the columns ``text`` left out would train, in parentheses: numbers written with a unit or currency
    ('24 kg') written alone, as naming them says (``written_clauses``); labels ('Station 1') and words encoded; codes
    written with digits ('001') get none. "" for none."""
    units = written_clauses(frame, text)
    words = [c for c in text if holds_text(frame[c]) and not any(u.startswith(f"{c!r} ") for u in units)]
    said = ([encode_hint(words)] if words else []) + units
    return f" ({'; '.join(said)})" if said else ""


def every_other(frame: pd.DataFrame, exclude: list, past: list, future: list) -> list:
    """The columns ``features='all'`` takes from ``frame``: those of a numeric dtype that are not in ``exclude``
    (target, time, id, static covariates) nor ``past`` or ``future`` (covariates named by role).

    Raises ``RnncastError`` where it takes none: the other columns hold text, or each already has a role."""
    taken = set(exclude) | set(past) | set(future)
    rest = [c for c in frame.columns if c not in taken]
    ids_like = set(frame.attrs.get(GROUPED_COLUMNS, ())) - set(frame.attrs.get(ACCOUNTING, ()))  # once, not per column
    grouped = [c for c in rest if c in ids_like]  # ids read as numbers ('+49 301 100')? '(1,234.50)' is an amount
    feats = [c for c in rest if (pd.api.types.is_numeric_dtype(frame[c]) or _numbers(frame[c])) and c not in ids_like]
    if KEYWORD in rest:  # 'all' the keyword, or the column of that name? Python's ['all'] is the column, the CLI's not
        raise RnncastError(f"features='all' (--features all) is ambiguous: the table has a column named 'all'; to take "
                           "that column alone, name it in a list (features=['all']; on the command line "
                           "--past-covariates all, or --features '\"all\"'), or name every column to take "
                           f"(features={feats}; --past-covariates {shell_names(*feats)})")
    taken_here = set(feats) | ids_like
    text = textual(frame, [c for c in rest if c not in taken_here])  # numbers but a cell: refused
    constant = one_value(frame, feats)  # nothing to learn
    feats = [c for c in feats if c not in constant]
    if not feats:  # asked for features, it would train on none without a word
        roles = [f"{c!r} is already a {'past' if c in past else 'future'} covariate" for c in frame.columns
                 if c in past + future]  # 'all' is the columns no role took: these took one
        flat = [one_value_clause(constant)] if constant else []
        times = [c for c in text if elapsed(frame[c])]  # timedeltas, not text (decision 1865)
        text = [c for c in text if c not in times]
        encode = _advice(frame, text)
        held = "; ".join(([", ".join(roles)] if roles else []) + ([f"the other column(s) {text} hold text{encode}"] if text else []) + (
            [f"{times} hold elapsed times (timedeltas), which no role takes: to forecast along them, make them "
             "timestamps (data[column] += pd.Timestamp('2024-01-01'))"] if times else []) + (
            [f"{grouped} are numbers only as read from text with thousands separators, which 'all' leaves to be "
             "named"] if grouped else []) + flat) or "the table has no other column"
        besides = "the target(s), the time and the covariates named" if roles else "the target(s) and the time"
        remedy = ("leave features='all' out to train on the covariates named" if roles else
                  "name the features, or leave them out to train on the target's own past")
        raise RnncastError(f"features='all' (--features all) matched no numeric column besides {besides}: {held}; "
                           f"{remedy}")
    if text or constant:
        log.warning("features 'all': %s%s%s", feats, f"; left out, not numeric: {text}{_advice(frame, text)}" if text else "",
                    f"; left out, {ONE_VALUE}: {constant}" if constant else "")
    if grouped:  # numbers only as read from text with thousands separators: phone numbers and postcodes read so too
        log.warning("features 'all' leaves out %s, numbers only as read from text with thousands separators (phone "
                    "numbers and postcodes read so too): name them with features= (--features) to train on them",
                    grouped)
    if unnamed := [c for c in feats if c in frame.attrs.get(UNNAMED, ())]:  # ',y,' : pandas' name, no one's
        log.warning("features 'all' takes %s, pandas' name for a column whose header cell is empty; give it a "
                    "name in the header", " and ".join(map(repr, unnamed)))
    return feats


def every_series(frame: pd.DataFrame, time_name, covariates: list, id_column: str) -> list:
    """The series columns of wide data read with ``series='all'``: every column but the time and the covariates that
    holds numbers (or is named ``id_column``, refused by the caller). Refused where a column is named 'all'."""
    if KEYWORD in frame.columns and KEYWORD not in covariates and KEYWORD != time_name:
        raise RnncastError("series='all' (--series all) is ambiguous: the table has a column named 'all'; to take that "
                           "column alone, name it in a list (series=['all']; on the command line --series '\"all\"'), "
                           "or name the series columns")
    return [c for c in frame.columns if c != time_name and c not in covariates
            and (pd.api.types.is_numeric_dtype(frame[c]) or c == id_column)]  # read as text: refused by the caller


def every_series_said(series: list, covariates: list) -> str:
    """The INFO line of ``series='all'`` at fit: the columns it took as series, every one named (a covariate among
    them, price beside the stores, is a series to be forecast and scored unless named by its role), and the covariates
    it left out."""
    left = f"; not the covariates {', '.join(map(str, covariates))}" if covariates else ""
    return (f"series 'all' takes {len(series)} column{'s' if len(series) != 1 else ''} as series: "
            f"{', '.join(map(str, series))}{left}; a column among them that is a covariate, not a series to forecast, "
            "is named by its role (past_covariates=, future_covariates=; --past-covariates, --future-covariates), which "
            "'all' leaves out")

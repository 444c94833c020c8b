"""A static attribute's values as written, and what fit says of them: text (``is_text``) and text whose every value
writes a number (``writes_numbers``); whole numbers read as numbers (codes?), numbers written as text taken as
categories, and numbers but for a few words read as categories (a likely typo), each said in a warning naming the
attribute and what to give instead (``static_categorical``)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.settingvalues import plain
from rnncast.spelling import shell_names

log = logging.getLogger(__name__)


def is_text(column: pd.Series) -> bool:
    return (column.dtype.kind == "O" and not isinstance(column.dtype, pd.CategoricalDtype)) or \
        isinstance(column.dtype, pd.StringDtype)


def whole_numbers(column: pd.Series, name: str) -> None:
    """Say that a static attribute of integers (store type 1/2/3, region 101/205/310) is read as numbers, scaled,
    its order and distances used, and how to have it read as categories (``static_categorical``): codes are most
    often so given, and a number stays a number unless so named (decisions 520, 534)."""
    values = pd.unique(column)
    shown = ", ".join(str(v) for v in values[:3]) + (f", ... ({len(values)} distinct)" if len(values) > 3 else "")
    log.warning("static covariate %r holds whole numbers (%s), read as numbers: their order and distances are used; "
                "if they are codes (a store type, a region), read them as categories: name it in static_categorical= "
                "(--static-categorical %s)", name, shown, shell_names(name))  # 'store size': one name, as read


def few_words(column: pd.Series, name: str, ids: list) -> None:
    """Say that an attribute of numbers but for a few text values (size 10, 12, 20, 'large': at least half numbers,
    two at least) is read as categories, each value one, naming those values and their series (``ids``, by position):
    one is likely a typo, and a number stays a number only where every value is one (decision 577)."""
    given = column.dropna()
    if not is_text(column) or writes_numbers(column) or not len(given):
        return
    numbers = np.isfinite(pd.to_numeric(given.astype(str), errors="coerce").to_numpy(dtype=np.float64))
    if numbers.sum() < max(2, (~numbers).sum()):
        return
    words = ", ".join(f"{plain(v)!r} (series {ids[int(i)]!r})" for i, v in given[~numbers].iloc[:3].items())
    values = ", ".join(str(v) for v in pd.unique(given)[:5]) + (" ..." if given.nunique() > 5 else "")
    log.warning("static covariate %r holds numbers but for %s%s, so it is read as categories, each value one (%s): their "
                "order and distances are not used; correct %s if a typo, or, where the column holds categories, name it "
                "in static_categorical= (--static-categorical %s)", name, words,
                f" and {(~numbers).sum() - 3} more" if (~numbers).sum() > 3 else "", values,
                "it" if (~numbers).sum() == 1 else "them", shell_names(name))


def numbers_written(column: pd.Series, name: str, announce: bool) -> pd.Series:
    """``column`` as given; where it is text whose every value writes a number ('1.0', '001') fit says (where
    ``announce``) that it is taken as categories: a static attribute written as text is most often a code (a store
    number, a zip code), whose numbers have no order, so text is read as written, not as what it would parse to."""
    if announce and writes_numbers(column):
        log.warning("static covariate %r holds numbers written as text (%r), taken as categories (as codes such as a "
                    "store number are); give the column as numbers to make it a numeric attribute", name,
                    column.dropna().iloc[0])
    return column


def writes_numbers(column: pd.Series) -> bool:
    """Whether ``column`` is text and every value in it writes a finite number ('n/a', 'inf': none meant)."""
    if not is_text(column):
        return False
    given = column.dropna()
    if not len(given) or not all(isinstance(v, str) for v in given):
        return False
    return bool(np.isfinite(pd.to_numeric(given, errors="coerce").to_numpy(dtype=np.float64)).all())

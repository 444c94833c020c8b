"""A static attribute's values as written, and what fit says of them: text (``is_text``) and text whose every value
writes a number (``writes_numbers``); whole numbers read as numbers (codes?), numbers written as text taken as
categories, each said in a warning naming the attribute and what to give instead (``static_categorical``); numbers
but for a few words (a likely typo, or a code for a missing value) refused by name."""

from __future__ import annotations

import logging
import unicodedata

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.settingvalues import case_note, plain
from rnncast.sheetcsv import NA_STRINGS
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


def few_words(column: pd.Series, name: str, ids: list, missing_values: str | None = None) -> None:
    """Refuse an attribute of numbers but for a few text values (size 100 and 'unknown', 10, 12, 20 and 'large': at
    least as many numbers as texts), naming the first text and its series (``ids``, by position): it was read as
    categories, each value one, where the text is most often a typo or a code for a missing value, and a static
    covariate is never filled. A column of texts stays categories; ``static_categorical`` reads this one so too
    (decisions 577, 1261). A text that is a code of ``missing_values`` (the text given) in another case ('m' beside 'M') is
    told so (decision 1758)."""
    given = column.dropna()
    if not is_text(column) or writes_numbers(column) or not len(given):
        return
    numbers = np.isfinite(pd.to_numeric(given.astype(str), errors="coerce").to_numpy(dtype=np.float64))
    if not numbers.any():
        return
    words = given[~numbers]
    for i, word in words.items():  # 'nan', 'None', 'Infinity': no value, not a word among numbers (decision 1221)
        if (why := no_value(word)) is not None:
            raise RnncastError(f"static covariate {name!r} holds {plain(word)!r} for series {ids[int(i)]!r}, {why}; a "
                               "static covariate needs a value for every series and is not filled: give its value, or "
                               f"leave {name!r} out of the static covariates")
    if numbers.sum() < len(words):  # more texts than numbers: categories, the numbers among them too, said
        log.warning("static covariate %r holds texts and numbers (%s beside %s), read as categories, each value one: "
                    "the numbers are categories too, their order not used; if it is a number, give it as one for every "
                    "series (a static covariate is never filled), or name it in static_categorical= "
                    "(--static-categorical %s) to read it as categories without this line", name,
                    _shown(words), _shown(given[numbers]), shell_names(name))
        return
    i, word = next(iter(words.items()))
    more = f" ({len(words)} texts in all: {_shown(words)})" if len(words) > 1 else ""
    note = f"{note}; " if (note := case_note([str(w).strip() for w in words], missing_values)) else ""  # 'm' beside 'M'
    raise RnncastError(f"static covariate {name!r} holds numbers but for {plain(word)!r} (series {ids[int(i)]!r}){more}, "
                       f"which would make it categories, each value one; {note}give its value as a number (a static covariate is "
                       "never filled: a code of missing_values= is refused there too), or name it in static_categorical= "
                       f"(--static-categorical {shell_names(name)}) to read the column as categories")


def no_value(label) -> str | None:
    """Why a static value written as text is no value, or None where it is one: one of pandas' missing-value strings
    (``sheetcsv.NA_STRINGS``: 'nan', 'None', 'N/A', read as missing from a file), or text that reads as a number
    that is not finite ('NAN', 'inf', 'Infinity')."""
    text = str(label).strip()
    if text in NA_STRINGS:
        return "which pandas reads as missing"
    try:
        number = float(text)
    except ValueError:
        return None
    return None if np.isfinite(number) else f"which is no value ({number:g})"


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


def _shown(values: pd.Series, most: int = 5) -> str:
    """Up to ``most`` distinct ``values`` as written, and how many more."""
    kinds = pd.unique(values)
    return ", ".join(repr(plain(v)) for v in kinds[:most]) + (f" and {len(kinds) - most} more" if len(kinds) > most else "")


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: '' or white space (a tab, NBSP, the ideographic space) or invisible format
    characters (Unicode category Cf: a zero-width space, joiner, word joiner or byte-order mark), alone or mixed."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def blank_texts(column: pd.Series, name: str, ids: list) -> None:
    """Refuse a static attribute (one row per series, named by ``ids``) whose value is blank text ('' or spaces: a
    spreadsheet's empty cell read as text), at fit and predict alike: it would be a category of its own, '' beside
    'mall', where NaN is refused as missing (``is_blank``: invisible format characters too); a label meant for
    unknown ('unknown') is a category as asked."""
    if column.dtype.kind != "O" and not isinstance(column.dtype, (pd.CategoricalDtype, pd.StringDtype)):
        return
    blank = np.array([isinstance(v, str) and is_blank(v) for v in column.tolist()], dtype=bool)
    if blank.any():
        s = int(np.flatnonzero(blank)[0])
        raise RnncastError(f"static covariate {name!r} is blank ({plain(column.iloc[s])!r}) for series {ids[s]!r} "
                           f"({int(blank.sum())} of {len(blank)} series); a static covariate needs a value for every "
                           "series and is not filled: give its value (where its value is not known, a label such as "
                           f"'unknown' is read as a category of its own), or leave {name!r} out of the static covariates")

"""A table whose time runs across its columns: one row per series, one column per day (M5's ``sales_train``:
``item_id, store_id, d_1 ... d_1913``; a yearly table's ``country, 1960 ... 2020``; dates as its headers). rnncast's
wide layout is the other way round (one column per series, one row per time step), so ``series='all'`` read such a
table transposed: each day a series, each item row a time step, trained and scored without a word (t39t2 1).

Its day columns are one name and a rising number (``d_1, d_2``; ``F1 .. F28``; ``2015, 2016``) or rising dates
(``2015-01-01, 2015-01-02``), most of the columns there; a text column holding a different value on every row
(``item_id``: the series' names) is its row ids, or, where none does, the fewest text columns that together do
(``item_id`` and ``store_id`` of M5's panel of stores; decision 2150). :func:`across` finds that layout where no
time column was found; :func:`refuse_all` refuses ``series='all'`` there and :func:`melt_hint` gives the long
table's recipe to a refusal of a target not found (decision 2110). Nothing here imports the rest of the package but ``errors``, ``spelling`` and ``timenames``."""

from __future__ import annotations

import calendar
import re
import warnings
from itertools import combinations
from dataclasses import dataclass

import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import shell_word
from rnncast.timenames import dated_name, says_time

FEWEST = 3  # day columns: fewer are no sign of a table's time
KEY_MOST = 3  # the most text columns a row key of several is looked for among combinations of (M5: item and store)
NUMBERED = re.compile(r"^(\D*)(\d+)$")  # d_1, F28, day_7, 2015: one name (maybe none) and a number
DAYLIKE = re.compile(r"^(d|days?|f|t|w|wk|weeks?|m|months?|q|quarters?|y|yr|years?|periods?|steps?)?[\s_.-]*$", re.I)
MANY = 28  # numbered columns so many (M5: 1,941) are days whatever their name (a row key of several: decision 2208)
TIME_WORDS = {w.lower() for w in [*calendar.day_name, *calendar.day_abbr, *calendar.month_name, *calendar.month_abbr] if w}
DATED = re.compile(r"\d{4}|\d{1,2}[-/.]\d{1,2}")  # a year, or day and month: 'May' or 't1' read as dates are none


@dataclass
class Across:
    """A table whose time runs across its columns: ``days`` (its day columns, in order), ``prefix`` (their name
    before the number, "" for dates or bare numbers), ``dated`` (the names read as dates), ``ids`` (the text columns
    holding a different value on every row), ``key`` (the rows' key: the first of ``ids``, or where none is, the fewest
    text columns that together differ on every row; [] for none) and ``others`` (every column that is no day, in
    order); ``parts``: a series key's one joined column -> the key's columns (``data.KEY_PARTS``), named so in the
    recipe."""

    days: list
    prefix: str
    dated: bool
    ids: list
    key: list
    others: list
    parts: dict

    def named(self, columns: list) -> list:
        """``columns`` as the user's table names them: a key's joined column as the key's columns."""
        return [str(p) for c in columns for p in self.parts.get(str(c), [c])]


def _numbered(columns: list) -> tuple[list, str] | None:
    """The columns of one name and a number rising in the columns' order (the most of one name), with that name."""
    groups: dict = {}
    for c in columns:
        found = NUMBERED.match(str(c)) if not isinstance(c, (int, float)) else None
        prefix, number = (found.group(1), int(found.group(2))) if found else ("", c) if isinstance(c, int) else (None, 0)
        if prefix is not None:
            groups.setdefault(prefix, []).append((number, c))
    best = max(groups.items(), key=lambda kv: len(kv[1]), default=None)
    if best is None or any(b[0] <= a[0] for a, b in zip(best[1], best[1][1:])):
        return None
    return [c for _, c in best[1]], best[0]


def _dated(columns: list) -> list:
    """The columns whose names read as dates (years 1800-2199), where they rise in the columns' order; else []."""
    text = [c for c in columns if isinstance(c, str) and DATED.search(c)]
    if len(text) < FEWEST:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' deprecation of '2015Q1' read as a quarter
        read = pd.to_datetime(pd.Series(text, dtype=object), errors="coerce", format="mixed")
    kept = [(t, c) for t, c in zip(read, text) if pd.notna(t) and 1800 <= t.year < 2200]
    return [c for _, c in kept] if all(b[0] > a[0] for a, b in zip(kept, kept[1:])) else []


def _names(frame: pd.DataFrame, columns: list) -> list:
    """Those of ``columns`` holding text on every row, more than one value, named as no time and read as no dates (a
    date column read as text, a 'week' of 'Week 1', 'Week 2' are the table's time, not its series' names)."""
    texts = []
    for c in columns:
        column = frame[c]
        if says_time(c) or dated_name(c) or pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column) or len(column) < 2:
            continue
        if column.isna().any() or column.nunique() < 2:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dates = pd.to_datetime(column.astype(str).head(50), errors="coerce", format="mixed").notna().mean()
        if dates < 0.5:
            texts.append(c)
    return texts


def _row_key(frame: pd.DataFrame, texts: list) -> list:
    """The fewest of ``texts`` (2 to 3, the first such in column order) whose values together differ on every row:
    M5's ``item_id`` repeated across its stores beside ``store_id`` (decision 2150); [] where none do. A column of
    weekday or month names ('Mon', 'March') is a time label, no id (decision 2208)."""
    texts = [c for c in texts if not frame[c].astype(str).str.strip().str.lower().isin(TIME_WORDS).all()]
    for size in range(2, min(KEY_MOST, len(texts)) + 1):
        for key in combinations(texts, size):
            if not frame.duplicated(list(key)).any():
                return list(key)
    return []


def across(frame: pd.DataFrame, columns=None, time_name=None, parts=None) -> Across | None:
    """Whether ``frame``'s time runs across its columns: of ``columns`` (default: every column), at least 3 and at
    least half look like days (one name and a rising number, or rising dates), no time column was found
    (``time_name`` None), and a text column holds a different value on every row (or 2 to 3 together do: item and
    store, where the days are named as days, 'd_1', 'F1', '2015', dates, or number 28 or more, and no key column holds
    weekday or month names; decision 2208), or the days are dates. None
    otherwise (``parts``: as ``Across`` holds them). Raises nothing."""
    if time_name is not None or not len(frame.columns):
        return None
    columns = list(frame.columns) if columns is None else list(columns)
    dated = _dated(columns)
    numbered = None if dated else _numbered(columns)
    days, prefix = (dated, "") if dated else numbered or ([], "")
    if len(days) < max(FEWEST, len(columns) / 2):
        return None
    taken = set(days)
    others = [c for c in frame.columns if c not in taken]
    texts = _names(frame, others)
    ids = [c for c in texts if frame[c].nunique() == len(frame)]
    like_days = bool(dated) or DAYLIKE.match(str(prefix)) is not None or len(days) >= MANY  # d_1, 2015, F1..F28
    key = ids[:1] or (_row_key(frame, texts) if like_days else [])  # probe_1..probe_6 by weekday and hour: no (2208)
    if not key and not dated:  # sensor_1 .. sensor_9 of numbered rows: a wide table as rnncast reads it
        return None
    return Across(days, prefix, bool(dated), ids, key, others, dict(parts or {}))


def _days_said(found: Across) -> str:
    first, last = found.days[0], found.days[-1]
    more = f", {found.days[1]!r} ... {last!r}" if len(found.days) > 2 else f", {last!r}"
    kind = "read as dates" if found.dated else "are one name and a rising number" if found.prefix else "are rising numbers"
    return f"its columns {first!r}{more} ({len(found.days)} of them) {kind}"


def recipe(found: Across, value_name: str = "y") -> str:
    """The long table's recipe for ``found``: ``df.melt(...)`` with its real column names, making the day column
    numbers or dates, and how to fit it (id_col=, target=, time_col=)."""
    var = str(found.prefix).strip(" _-.") or ("date" if found.dated else "step")
    keep = found.named(found.others)
    frame_ = "df" if keep else "df.reset_index()"
    ids = keep or ["index"]
    melt = f"long = {frame_}.melt(id_vars={ids!r}, var_name={var!r}, value_name={value_name!r})"
    if found.dated or all(isinstance(c, int) for c in found.days):
        made = ""
    elif found.prefix:
        made = f"; long[{var!r}] = long[{var!r}].str.removeprefix({found.prefix!r}).astype(int)"
    else:
        made = f"; long[{var!r}] = long[{var!r}].astype(int)"
    key = found.named(found.key) or ids
    shown = key[0] if len(key) == 1 else key
    return (f"{melt}{made}; then fit it with id_col={shown!r}, target={value_name!r}, time_col={var!r} (--id-col "
            f"{shell_word(*key)} --target {shell_word(value_name)} --time-col {shell_word(var)})")


def said(found: Across) -> str:
    """Why the table's time runs across its columns, in a clause: its day columns and its rows' ids."""
    key = found.named(found.key)
    rows = (f", and {' and '.join(map(repr, key))} {'holds' if len(key) == 1 else 'together hold'} a different text on every "
            "row, so each row is a series" if key else ", so each row is a series")
    return f"the table's time runs across its columns: {_days_said(found)}{rows}"


def refuse_all(frame: pd.DataFrame, series: list, time_name) -> None:
    """Refuse ``series='all'`` (``series``: the columns it took) on a table whose time runs across its columns
    (:func:`across`), saying so and giving the long table's recipe. Raises ``RnncastError``; returns None otherwise."""
    found = across(frame, series, time_name)
    if found is None:
        return
    named = ",".join(map(str, found.days[:2])) + (",..." if len(found.days) > 2 else "")
    raise RnncastError(f"series 'all' (--series all) would take each of its columns as a series and each row as a time step: "
                       f"{said(found)}; give the long table, one row per series and time step: {recipe(found)}; or, "
                       f"if each row is a time step, name the columns to forecast (--target {shell_word(named)}), "
                       "which reads them as series")  # decision 2208


def melt_hint(frame: pd.DataFrame, value_name: str = "y", time_name=None, parts=None) -> str:
    """A refusal's closing clause where ``frame``'s time runs across its columns (``time_name``: the time column
    known, if any; ``parts``: a series key's joined column's columns): ". The table's time runs across its columns
    ...; give the long table: long = df.melt(...)"; "" otherwise."""
    found = across(frame, None, time_name, parts)
    if found is None:
        return ""
    return f". {said(found)[0].upper()}{said(found)[1:]}; give the long table, one row per series and time step: {recipe(found, value_name)}"

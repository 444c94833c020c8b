"""What a refusal of a time given twice in a series adds: where the two rows are identical in every column, that
they are (a file sent twice, rows pasted again) and how to drop them; where they differ only in values (and a
prelim/final mark), that a value may be revised and how to keep the later; else, for a table read as one series, the
column that could tell several series apart (a forgotten ``id_col``), proposed only where following it works; before
that, a time split over two columns (a date and its hour, a year and its week), in a long panel as in one series.

A tester re-sent a file with 50 rows repeated whole and was told "name the column that tells them apart with id_col=
(--id-col), e.g. 'holiday'": a 0/1 flag, alike on the two rows; given as the id it was refused again ("duplicated
timestamp ... in series '0'"). A column is proposed only where, with the time, it sets apart the rows whose time
repeats (all but a tenth: one store's hour given twice stays its own refusal) and is no flag (true/false, 0/1,
yes/no), which marks rows, not series. A long panel's repeated years got no hint: CDC FluView's ``region, YEAR,
WEEK`` was refused as "duplicated timestamp 2019 in series 'Auckland'" where the same file of one region was told to
write YEAR and WEEK as one time column; the split is looked for within each series. An M5-like panel (item_id,
store_id) read as one series got no hint, neither column alone setting its rows apart: two (or three) that together
do are named as the key to give (``idkeys``: id_col=[...]); read by item_id alone, the column in which the two rows
differ (store_id) is named so. Stores with prelim/final rows read as one series are told both, the store column as
the key and the later row of each store and time to keep (``keyed_revision``).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np
import pandas as pd

from rnncast import endofday, finersteps, idkeys, keptrows, splittime
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.layouts import Rows
from rnncast.revisedrows import both_in, revised, revisions, timed
from rnncast.seriesids import APART, sets_apart
from rnncast.spelling import counted, one_series_reader

KEYS = 12  # at most this many columns are weighed as parts of a key of two (of three, at most 8)
FLAGS = ({0, 1}, {"yes", "no"}, {"y", "n"}, {"true", "false"})  # a column of these marks rows, not series


def hint(frame: pd.DataFrame, rows: Rows, layout: str, pair: tuple[int, int] | None = None, reset: bool = False) -> str:
    """The clause a refusal of repeated (``pair``: the two rows' positions in ``frame``, where a time is given twice)
    or unsorted times of ``rows`` (read from ``frame`` in ``layout``: "single", "long" or "wide") adds: rows alike
    in every column named so (``identical``); else the time split over two columns (a date and its hour, a year
    and its month or week: ``splittime``), looked for within each series of a long panel; else, for a single series,
    a column that could be a forgotten ``id_col`` (``id_hint``); "" if none. A revision (``revised``: rows that differ
    only in values, or in a prelim/final mark) is weighed after the split: a year and its week, starting at week 2,
    read as one (a tester's weekly file was told to keep one row a year). ``reset``: for a step back that the
    rows after it run past (``timeorder.reset``), a single series' ``id_hint`` alone (decision 1987). Raises
    RnncastError, "no time column was found; the time is split over 'year' ... and 'period' ...", where the time read
    is a year with a fiscal week or period beside it: no repeat to speak of first (decision 2011)."""
    used = set(rows.columns) | {rows.time_col, rows.id_col}
    others = [str(c) for c in frame.columns if str(c) not in used]
    within = frame[rows.id_col] if layout == "long" and rows.id_col in frame.columns else None
    who = one_series_reader()
    if reset:
        return id_hint(frame, rows, others, who, reset=True) if layout == "single" else ""
    if pair is not None and rows.time_col in frame.columns and (end := endofday.repeated(
            frame[rows.time_col], pair, lambda i: place(i, frame.attrs))):
        return end  # 2024-09-01 24:00 beside 2024-09-02 00:00: the 24:00 named (decision 1756)
    if pair is not None and (same := identical(frame, *pair)):
        left = int(frame.duplicated([rows.time_col]).sum() - frame.duplicated().sum()) \
            if layout == "single" and rows.time_col in frame.columns else 0  # 400 repeats besides 3 pasted rows
        more = id_hint(frame, rows, others, who) if left > frame.duplicated().sum() else ""  # decision 1436
        return f"{same}; {counted(left, 'other row')} repeat a time with other values{more}" if more else same
    if split := splittime.split_over(frame, rows.time_col, others, within):  # 'Date' and 'Hour': one time, not 24 series
        if within is not None and len(key := idkeys.columns_of(rows.id_col, frame.attrs)) > 1:  # a key: one more
            ids = idkeys.advice([*key, split[0]])
        elif within is not None:
            ids = (f"join it and {rows.id_col!r} into one id column (frame['id'] = frame[{rows.id_col!r}].astype(str) "
                   f"+ ' ' + frame[{split[0]!r}].astype(str)) and name that with id_col= (--id-col)")
        else:
            ids = f"{who} takes one series: give it the rows of one of them" if who else "name it with id_col= (--id-col)"
        return splittime.joined(rows.time_col, *split, ids=ids)
    year, yearly = rows.time_col, splittime.split_year(frame, rows.time_col, others, within)
    if not yearly and (over := splittime.split_years(frame, [rows.time_col, *others], within)):
        year, yearly = over if over[1][0] == rows.time_col else (year, None)  # 'period' read beside 'fiscal_year'
    if yearly:
        if yearly[1] in ("fiscal week", "fiscal period") or year != rows.time_col:  # no time read (decisions 2011, 2059)
            raise RnncastError(f"no time column was found{splittime.year_joined(year, *yearly)}")
        return splittime.year_joined(rows.time_col, *yearly)  # 'year' and 'month': one time, not 12 series
    if layout == "single" and pair is not None and (keyed := keyed_revision(frame, rows, others, pair, who)):
        return keyed  # stores with prelim/final rows read as one series: the key and the revision, both
    if pair is not None and layout == "long" and (finer := _finer(rows, pair[0])):
        return finer  # a tenth of a series' rows or more a time again: a finer step, not revisions (decision 1940)
    if pair is not None and (again := revised(frame, rows, *pair)):
        return again
    if layout == "single":
        apart = id_hint(frame, rows, others, who)
    else:
        apart = key_hint(frame, rows, others, pair) if layout == "long" and pair is not None and who is None else ""
    # no column or key tells them apart: the rows named whatever columns differ, the later kept (decision 2255)
    return apart or (revised(frame, rows, *pair, unread=True) if pair is not None else "")


def identical(frame: pd.DataFrame, a: int, b: int) -> str:
    """Where rows ``a`` and ``b`` of ``frame`` hold the same value in every column (blank alike): that they do, how
    many rows of the table repeat an earlier one whole, and how to drop them; else ""."""
    if not both_in(frame, a, b):
        return ""
    if not frame.iloc[[a]].reset_index(drop=True).equals(frame.iloc[[b]].reset_index(drop=True)):
        return ""
    again, levels = int(frame.duplicated().sum()), keptrows.index_levels(frame)  # the time as the index: weighed
    how = (f"{keptrows.whole_rows(levels)} (df.drop_duplicates() ignores the index, and drops rows whose readings "
           "alone repeat)" if levels else "df.drop_duplicates(), or pd.read_csv(path).drop_duplicates().to_csv("
           "new_path, index=False) for a file")  # decision 1496
    return (f"; the two rows are identical in every column (the file sent twice, or rows pasted again?), and "
            f"{counted(again, 'row')} of the table repeat{'s' * (again == 1)} an earlier row whole: drop them before "
            f"reading, e.g. with pandas: {how}")


def _finer(rows: Rows, a: int) -> str:
    """``finersteps.repeats`` of the series of a long table's row ``a`` ("" where its rows are not all timed)."""
    at = np.flatnonzero(rows.positions == a)
    if rows.time is None or len(rows.time) != len(rows.positions) or not len(at) or rows.id_col is None:
        return ""
    code = rows.codes[at[0]]
    return finersteps.repeats(pd.Series(np.asarray(rows.time)[np.asarray(rows.codes) == code]), rows.given_id(code),
                              [rows.id_col, rows.time_col])


def keyed_revision(frame: pd.DataFrame, rows: Rows, others: list[str], pair: tuple[int, int], who: str | None) -> str:
    """For a table read as one series whose time repeats at rows ``pair``: a column of ``others`` alike on the two
    rows that tells apart the rows of one time but for rows of one key and time that differ only as a revision would
    (``revised``, weighed within each key: stores with prelim/final rows), as a clause saying both, the key to give
    and the later row to keep; "" if none. A column that sets no repeated time apart (a weekday's name) is no key, nor
    one beside which the rows of one key and time differ in another column too (an item's id: 979's key of two)."""
    a, b = pair
    if not both_in(frame, a, b) or rows.time is None:
        return ""
    two, times = frame.iloc[[a, b]], pd.Series(np.asarray(rows.time))
    marks = {str(c) for c in frame.columns if str(c) not in rows.columns
             and not (two[c].isna().all() or two[c].iloc[0] == two[c].iloc[1])}  # prelim/final: where the two differ
    table = frame.iloc[rows.positions]
    before = int(times.duplicated().sum())
    alike = [c for c in others if not two[c].isna().any() and two[c].iloc[0] == two[c].iloc[1]]
    for c in [c for c in alike if _id_shaped(frame[c]) and timed(frame[c], rows)][:KEYS]:  # a wide text table: quick
        codes, uniques = pd.factorize(frame[c].to_numpy()[rows.positions])
        after = int(pd.DataFrame({"key": codes, "time": times}).duplicated().sum())
        fixed = [x for x in table.columns if str(x) not in rows.columns and str(x) not in marks]  # the key, time, ...
        if (codes < 0).any() or np.bincount(codes).min() < 3 or after >= before or int(
                table[fixed].duplicated().sum()) != after:
            continue
        keyed = replace(rows, codes=codes, ids=list(uniques), id_col=c)
        if again := revised(frame, keyed, a, b):  # the later row of each key and time kept
            give = (f"{who} takes one series: give it the rows of one of them" if who else
                    f"name it with id_col={c!r} (--id-col {c})")
            read = "ONE series" if who else "ONE series (no id_col given)"  # tune: no id_col to give
            return (f"; the table was read as {read}, and {c!r} tells its rows of one time apart but for rows of one "
                    f"{c!r} and time: if {c!r} names the series, {give}{again}")
    return ""


def id_hint(frame: pd.DataFrame, rows: Rows, others: list[str], who: str | None, reset: bool = False) -> str:
    """For a single series whose times repeat or go back: the columns of ``others`` that could tell several series
    apart (a forgotten ``id_col``), as a clause to add to the refusal; "" if none. ``who``: the reader that takes one
    series only (tune), offered no id_col. ``reset``: rows that went back and ran on past (``timeorder.reset``), not
    weighed as revisions (stores stacked without their id, alike in level, were; decision 1987)."""
    others = [c for c in others if not splittime.year_column(frame[c])]  # a year is no series (decision 2059)
    text = [c for c in others if could_be_ids(frame[c], rows, revised=not reset)]
    if not text:
        key = None if who is not None else several(frame, rows, [c for c in others if _id_shaped(frame[c])])
        return (f"; the table was read as ONE series (no id_col given), and {' and '.join(map(repr, key))} together "
                f"tell its rows of one time apart: if they name the series, {idkeys.advice(key)}") if key else ""
    if who is not None:  # a model of one series (predict, reading): no id_col to offer
        return (f"; if the rows hold several series (told apart by {text[0]!r}?), {who} takes one series: give it the "
                "rows of one of them")
    return (f"; the table was read as ONE series (no id_col given): if the rows hold several series, name the "
            f"column that tells them apart with id_col= (--id-col), "
            f"e.g. {text[0]!r}")


def could_be_ids(column: pd.Series, rows: Rows, revised: bool = True) -> bool:
    """Whether ``column`` could name the series of rows read as one: text, or whole numbers repeated (store 1, 2, 3),
    no flag (``FLAGS``), and, with the time, setting apart the rows whose time repeats (``seriesids.sets_apart``: a
    series of it holding a time twice is then refused by name, in that series)."""
    if pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    distinct = column.nunique()
    if pd.api.types.is_integer_dtype(column):
        if not 1 < distinct <= len(column) // 3:
            return False
    elif pd.api.types.is_numeric_dtype(column) or not 1 < distinct < len(column):
        return False
    values = set(column.dropna().astype(str).str.strip().str.lower()) if distinct <= 2 else set()
    if any(values <= {str(v) for v in flag} for flag in FLAGS if values) or revised and revisions(column, rows):
        return False
    if not timed(column, rows):
        return True  # no time to weigh it against
    return sets_apart(rows.time, column.to_numpy()[rows.positions])


def _id_shaped(column: pd.Series) -> bool:
    """Whether ``column`` could be part of a series key: text or whole numbers, of more than one value, no flag."""
    if not (pd.api.types.is_integer_dtype(column) or pd.api.types.is_object_dtype(column)
            or pd.api.types.is_string_dtype(column) or isinstance(column.dtype, pd.CategoricalDtype)):
        return False
    if not 1 < column.nunique() < len(column):
        return False
    values = set(column.dropna().astype(str).str.strip().str.lower())
    return not any(values <= {str(v) for v in flag} for flag in FLAGS)


def _apart(rows: Rows, keys: list[np.ndarray], base: np.ndarray | None = None) -> bool:
    """Whether ``keys`` (values a row, beside ``rows.time``) set apart the rows whose time repeats (within ``base``,
    the series read, where given): all but ``seriesids.APART`` of them hold a time once within their key, each key
    on three rows or more."""
    table = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)}).assign(time=np.asarray(rows.time))
    if base is not None:
        table["base"] = base
    before = int(table.duplicated(["time"] + (["base"] if base is not None else [])).sum())
    if not before or table.drop(columns="time").value_counts().min() < 3:  # series of a row or two: no key
        return False  # (as seriesids.id_like asks each id on three rows or more)
    return int(table.duplicated().sum()) <= APART * before


def several(frame: pd.DataFrame, rows: Rows, columns: list[str]) -> list[str] | None:
    """The first two of ``columns`` (or three, of few) of ``frame`` that together, with the time, set apart the
    rows of a table read as one series (item_id and store_id, where neither alone does); None if none."""
    columns = columns[:KEYS]  # a wide table of many text columns: its first ones weighed, not every pair
    if rows.time is None or not all(timed(frame[c], rows) for c in columns):
        return None
    values = {c: frame[c].astype(str).to_numpy()[rows.positions] for c in columns}
    for size in (2, 3) if len(columns) <= 8 else (2,):
        for key in combinations(columns, size):
            if _apart(rows, [values[c] for c in key]):
                return list(key)
    return None


def key_hint(frame: pd.DataFrame, rows: Rows, others: list[str], pair: tuple[int, int]) -> str:
    """For a long panel whose series holds a time twice at rows ``pair``: the columns of ``others`` in which the two
    rows differ and that, with the id column, set apart the rows of each series whose time repeats (store_id beside
    item_id), as a clause naming them and how to give them together as the key; "" if none."""
    a, b = pair
    if not both_in(frame, a, b) or rows.time is None:
        return ""
    two = frame.iloc[[a, b]]
    differ = [c for c in others if _id_shaped(frame[c]) and timed(frame[c], rows)
              and not two[c].isna().any() and two[c].iloc[0] != two[c].iloc[1]]
    codes = np.asarray(rows.codes)
    for c in differ:
        if _apart(rows, [frame[c].astype(str).to_numpy()[rows.positions]], codes):
            key = [*(given := idkeys.columns_of(rows.id_col, frame.attrs)), c]  # sku and store: both, and c
            return (f"; the two rows differ in {c!r} ({two[c].iloc[0]} and {two[c].iloc[1]}), which with "
                    f"{' and '.join(map(repr, given))} tells the rows of one time apart: if the series are named by "
                    f"{' and '.join(map(repr, key))} together, {idkeys.advice(key)}")
    return ""

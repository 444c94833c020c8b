"""A table's columns that number its rows, as pandas' ``to_csv`` writes a frame's index: the first column, its
header left empty (pandas reads it back as ``Unnamed: 0``), holding the frame's row labels.

``pd.read_csv("monthly.csv").to_csv("idx.csv")`` writes one; fitting on it, the library named the column as "not
used" and offered it as a covariate, a row counter to train on. Such labels are not always 0 .. n-1: a filtered
frame writes 10 .. 179 (``df.iloc[10:]``) or numbers with gaps (a boolean filter), a frame written newest first
199 .. 0, one sorted by other columns its labels in another order, and per-series frames joined without
``ignore_index`` 0 .. 59 again for each series. A file read with its index and written again holds two such
columns (``,Unnamed: 0,date,y``: pandas reads the first as ``Unnamed: 0.1``). The sign is the empty header: a
first column left unnamed (:data:`UNNAMED`) holding distinct whole numbers of 0 or more in any order
(:func:`row_labels`: the library orders rows by their times), or, in a long file, distinct within each series
(:func:`series_numbers`), is left out, and so is a second such column after it (:func:`written_index`), said in
one warning naming the numbers (:func:`without_written_index`), and, where they may be times (years, yyyymmdd,
Unix times: :data:`TIME_LIKE`), how to read them as the time. A named column (``counter``, ``Index``) is data, as
is one a role names.
``rnncast bench`` reads such a first column, and one named ``index`` or ``idx`` too, as the row order where its
numbers rise (:data:`UNNAMED`, :func:`row_numbers`): it keeps the file's order of rows.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import csvmarks, wholenumbers
from rnncast.data import names
from rnncast.errors import RnncastError
from rnncast.spelling import shell_names, shell_word

log = logging.getLogger(__name__)

UNNAMED = re.compile(r"Unnamed: \d+(?:\.\d+)?")
"""pandas' name for a column the header line leaves unnamed (``Unnamed: 0``; ``Unnamed: 0.1`` beside a column
named ``Unnamed: 0``, as a file read with its index and written again has)."""

ROW_NAMES = ("index", "idx")
"""Names (any case) that a column numbering the rows may have (``reset_index()``'s ``index``); bench reads such
a first column as the row order."""

NUMBERING = re.compile(r"(index|idx|i|id|n|no|nr|num|number|obs|row|rowid|rowindex|rownum|rownumber|rowno|level0)")
"""Names (any case, spaces and marks ignored: ``row_id``, ``Row No.``) that say a written column numbers the rows: a
shuffled first column so named is refused as a written index (:func:`out_of_order`); one named otherwise (``cust``,
``rank``) is data, warned of."""


def _role_names(roles) -> set[str]:
    """The column names the caller gave the roles (``roles``: each role's name, list of them, comma-separated text, or
    None; a frame of static attributes names none): columns that are data, never row numbers."""
    return {n for given in roles if not isinstance(given, pd.DataFrame) for n in names(given)}


def row_numbers(column: pd.Series) -> tuple[int, int, int] | None:
    """``(first, last, skipped)`` where ``column`` holds whole numbers (an integer dtype) rising from row to
    row from 0 or more, as a frame's index written by ``to_csv`` does (``skipped``: the numbers between
    ``first`` and ``last`` it lacks: rows filtered out before it was written); None for any other column."""
    column = wholenumbers.as_whole(column)  # 0.0, 1.0 ...: an index pandas wrote as floats, the integers
    if not pd.api.types.is_integer_dtype(column) or not len(column):
        return None
    numbers = column.to_numpy(dtype=np.int64)
    if numbers[0] < 0 or (np.diff(numbers) <= 0).any():
        return None
    return int(numbers[0]), int(numbers[-1]), int(numbers[-1] - numbers[0] + 1 - len(numbers))


def row_labels(column: pd.Series) -> tuple[int, int, int, str] | None:
    """``(lowest, highest, skipped, order)`` where ``column`` holds distinct whole numbers (an integer dtype) of 0 or
    more, as a frame's index written by ``to_csv`` does in any order (``order``: ``""`` rising, ``"falling"`` as a
    frame written newest first, ``"in another order"`` as one sorted by other columns; ``skipped``: the numbers
    between ``lowest`` and ``highest`` it lacks, rows filtered out); None for any other column. Unlike
    :func:`row_numbers` (bench's row order) the order does not matter: the library orders rows by their times.
    Whole floats (0.0, 1.0 ...) are read as integers by its callers, once (:func:`_numbers`, :func:`_order`)."""
    if not pd.api.types.is_integer_dtype(column) or not len(column):
        return None
    numbers = column.to_numpy(dtype=np.int64)
    if numbers.min() < 0 or len(np.unique(numbers)) < len(numbers):
        return None
    steps = np.diff(numbers)
    order = "" if (steps > 0).all() else ("falling" if (steps < 0).all() else "in another order")
    low, high = int(numbers.min()), int(numbers.max())
    return low, high, high - low + 1 - len(numbers), order


def series_numbers(column: pd.Series, ids: pd.Series) -> tuple[int, int, int, bool] | None:
    """``(lowest, highest, series, restarting)`` where ``column`` labels the rows of each series of ``ids`` (the id column, row
    by row) apart, as per-series frames joined without ``ignore_index`` write them: within each series distinct
    whole numbers of 0 or more (:func:`row_labels`), numbers that come again in another series (``restarting``:
    each series' first the same, as ``pd.concat`` of frames numbered from 0 writes them); None for any other column
    or a table of one series. Whole floats: read as integers by its caller (:func:`_numbers`)."""
    if not pd.api.types.is_integer_dtype(column) or not len(column):
        return None
    groups = pd.Series(column.to_numpy(dtype=np.int64)).groupby(ids.astype(str).to_numpy(), sort=False)
    if groups.ngroups < 2:
        return None
    read = [(row_labels(numbers), int(numbers.iloc[0])) for _, numbers in groups]
    if any(r is None for r, _ in read):
        return None
    return (min(r[0] for r, _ in read), max(r[1] for r, _ in read), len(read),
            len({first for _, first in read}) == 1)


TIME_LIKE = ((1000, 2200, "years"), (10000101, 21001231, "dates written as yyyymmdd"), (10**8, 10**13, "Unix times"))
"""Ranges of whole numbers that may be times rather than row labels: the warning says how to read them as the time."""


def _numbers(column: pd.Series, ids: pd.Series | None) -> str | None:
    """The row labels ``column`` holds, in words for the warning (``0-179``; ``10-238, 34 numbers skipped``; ``0-199,
    falling``; ``0-59 within each of the 3 series``), where it holds row labels; else None."""
    column = wholenumbers.as_whole(column)  # 0.0, 1.0 ...: an index written as floats; once, not again per series
    plain = row_labels(column)
    if plain is not None:
        low, high, skipped, order = plain
        text = (f"{low}-{high}" + (f", {skipped} numbers skipped (rows filtered out)" if skipped else "")
                + (f", {order}" if order else ""))
    else:
        each = series_numbers(column, ids) if ids is not None else None
        if each is None:
            return None
        low, high = each[0], each[1]
        text = (f"{low}-{high}, from {low} again in each of the {each[2]} series" if each[3]
                else f"{low}-{high} within each of the {each[2]} series")
    kind = next((what for lo, hi, what in TIME_LIKE if lo <= low and high <= hi), None)
    if kind:  # a frame indexed by its times writes them so
        text += (f" (or {kind}, of a frame indexed by its times: to read them as the time, give "
                 f"time_col={str(column.name)!r}, --time-col {shell_word(column.name)})")
    return text


def written_index(frame: pd.DataFrame, roles=(), ids=None) -> dict[str, str]:
    """{name: its numbers in words} of ``frame``'s first columns that are the row labels pandas' ``to_csv``
    wrote: left unnamed in the header (:data:`UNNAMED`), holding distinct whole numbers of 0 or more (any order,
    gaps allowed), or distinct within each series of the column ``ids`` (the id column's name, where the table is
    long); the first such column, and one after it (a file written with its index
    twice); each with other columns beside it and named in none of ``roles`` (the column names the caller gave
    each role: a name, a list of them, comma-separated text, or None; a frame of static attributes names none).
    Empty where the first column is none: a named column (``counter``) is data, as any other column."""
    named = _role_names(roles)
    keys = frame[ids] if ids is not None and list(frame.columns).count(ids) == 1 else None
    found: dict[str, str] = {}
    for i, column in enumerate(frame.columns):
        name = str(column)
        if frame.shape[1] - len(found) < 2 or not UNNAMED.fullmatch(name) or name in named or name == ids:
            break
        numbers = _numbers(frame.iloc[:, i], keys)
        if numbers is None:
            break
        found[name] = numbers
    return found


def without_written_index(frame: pd.DataFrame, roles=(), announce: bool = True, of: str = "",
                          ids=None) -> pd.DataFrame:
    """``frame`` less its first columns where they are the row numbers ``to_csv`` wrote (:func:`written_index`;
    ``ids``: the id column of a long table), said in one warning where ``announce`` (a reload at predict leaves
    them out quietly, as fit did); else ``frame`` itself. The columns are then neither covariates nor the time:
    the rows keep their order. ``of``: the table the warning names where it is not the data (``"the future
    values"``, ``"the static covariate table"``): every table rnncast reads from a user leaves such columns out
    by this one rule."""
    return without(frame, written_index(frame, roles, ids), announce, of)


def _written(frame: pd.DataFrame, name: str) -> bool:
    """Whether the column ``name`` (``Unnamed: 0``) is so named in the file ``frame`` was read from, not left
    empty in its header (``csvmarks.UNNAMED``: those the header leaves empty); a frame handed over in memory holds
    pandas' name for an empty header, as far as rnncast can tell."""
    return bool(frame.attrs.get("source")) and name not in frame.attrs.get(csvmarks.UNNAMED, ())


def without(frame: pd.DataFrame, found: dict[str, str], announce: bool = True, of: str = "") -> pd.DataFrame:
    """``frame`` less the columns ``found`` (:func:`written_index`'s), said in one warning where ``announce``;
    ``frame`` itself where none. For a caller that asks :func:`written_index` first (to say it once per model)."""
    if not found:
        return frame
    if announce:
        say(frame, found, of)
    kept = frame.drop(columns=list(found))
    kept.attrs = frame.attrs
    return kept


def say(frame: pd.DataFrame, found: dict[str, str], of: str = "") -> None:
    """The one warning :func:`without` gives on leaving out the columns ``found`` of ``frame``."""
    if found:
        at = f" of {of}" if of else ""
        shown = list(found.items())
        written = [_written(frame, n) for n, _ in shown]
        parts = [f"its header {n!r}: pandas' name for an empty header, written back" if w else
                 f"{n!r}, its header empty" for (n, _), w in zip(shown, written)]
        if len(shown) == 1:
            log.warning("left out: the first column%s (%s) holds the row numbers %s, as pandas' to_csv writes a "
                        "frame's index, so it is not data (write the file with index=False to leave it out)", at,
                        parts[0], shown[0][1])
        else:
            parts = [f"{n!r}, its header empty" if not w else f"its header {n!r}" for (n, _), w in zip(shown, written)]
            log.warning("left out: the first %d columns%s (%s: pandas' names for empty headers%s) hold the row numbers "
                        "%s, as pandas' to_csv writes a frame's index (a file read with its index and written again has "
                        "two), so they are not data (write the file with index=False to leave them out)", len(shown), at,
                        ", then ".join(parts), ", written back" * any(written), " and ".join(t for _, t in shown))


def _index_labels(data, roles) -> list[tuple[object, pd.Index]]:
    """``(name, labels)`` of each level of the caller's DataFrame's index that may number its rows (an unnamed level
    of a MultiIndex named by its position, as pandas' ``level=`` takes it): the unnamed index, a
    named one (``df.index.name = "id"``), a MultiIndex's levels; not a time index (the time, sorted as times are) nor
    a level a role names (``roles``, as :func:`written_index` takes them: data handed over)."""
    if not isinstance(data, pd.DataFrame):
        return []
    named = _role_names(roles)
    levels = [data.index.get_level_values(k) for k in range(data.index.nlevels)]
    return [(k if level.name is None else str(level.name), level) for k, level in enumerate(levels)
            if not isinstance(level, (pd.DatetimeIndex, pd.PeriodIndex))
            and not (isinstance(level, pd.RangeIndex) and level.step > 0) and str(level.name) not in named]


def _order(labels, ids: pd.Series | None, whole: bool = False) -> tuple[int, int, str] | None:
    """``(lowest, highest, order)`` of row labels that do not rise (:func:`row_labels`'s order), over the whole table
    or, of a long one (``ids``: its id column, row by row), within each series (``0-59 within each series``: per-series
    frames joined without ``ignore_index``); None where they rise or are no row labels (``whole``: or lack a number
    between the lowest and the highest)."""
    values = wholenumbers.as_whole(pd.Series(np.asarray(labels)))  # 0.0, 1.0 ...: once, not again in each series
    read = [row_labels(values)] if ids is None else [
        row_labels(group) for _, group in values.groupby(ids.astype(str).to_numpy(), sort=False)]
    if any(r is None or whole and r[2] for r in read) or not any(r[3] for r in read):
        return None
    if ids is None:
        return read[0][0], read[0][1], read[0][3]
    order = {r[3] for r in read if r[3]}
    return (min(r[0] for r in read), max(r[1] for r in read),
            ("falling" if order == {"falling"} else "in another order") + " within each series")


def out_of_order(data, frame: pd.DataFrame, found: dict[str, str], roles=(), ids: pd.Series | None = None,
                 announce: bool = True) -> str | None:
    """Where the rows' own labels say they are not in their order: the caller's DataFrame's index (``data``: unnamed,
    named or a MultiIndex's levels, :func:`_index_labels`) or the first column ``to_csv`` wrote (``found``, of ``frame``
    as read) holding distinct whole numbers (within each series of a long table: ``ids``) that do not rise
    (:func:`row_labels`: ``df.sample()`` shuffles them, ``df[::-1]`` turns them), in words for :func:`refuse_order`;
    None where they rise or there are none. ``roles``: the columns the caller named (:func:`written_index`'s). A named
    first column no role names (a named index written by ``to_csv`` or ``reset_index()``) is read so where it holds
    each number of its range once in another order than rising or falling (falling: a countdown may be data), where
    its name says it numbers rows (``NUMBERING``); named otherwise it is data, warned of where ``announce``."""
    for name, level in _index_labels(data, roles):
        if labels := _order(level, ids):
            how = "df[::-1] or a sort newest first" if labels[2].startswith("falling") else \
                "df.sample() or a sort by another column"
            one = data.index.nlevels == 1
            which = "index" if one and data.index.name is None else f"index {name!r}" if one else f"index level {name!r}"
            sort, drop = (("df.sort_index()", "df.reset_index(drop=True)") if one else
                          (f"df.sort_index(level={name!r})", f"df.droplevel({name!r})"))
            return (f"the frame's {which} holds the row numbers {labels[0]}-{labels[1]} {labels[2]}, as {how} leaves "
                    f"them: if the rows were reordered, sort them by it ({sort}); if they are in the series' order "
                    f"already (the index holds ids, not row numbers), drop it ({drop})")
    for first in found:  # a file written with its index twice: either may be the one out of order
        if labels := _order(frame[first], ids):
            return (f"the column {first!r} (its header empty) holds the row numbers {labels[0]}-{labels[1]} {labels[2]}, "
                    "as pandas' to_csv writes the index of a frame so reordered: if the rows were reordered, sort the "
                    "file's rows by it; if they are in the series' order already, write the file with index=False")
    named = _role_names(roles) | {
        str(ids.name) if ids is not None else None}
    first = next((c for c in frame.columns if c not in found), None)  # a named index written (to_csv, reset_index())
    labels = _order(frame[first], ids, whole=True) if first is not None and str(first) not in named else None
    if not labels or labels[2].startswith("falling"):  # falling: a countdown may be data; shuffled numbers are not
        return None
    held = f"the first column {str(first)!r} holds each number {labels[0]}-{labels[1]} once, {labels[2]}"
    if not NUMBERING.fullmatch(re.sub(r"[\W_]+", "", str(first)).lower()):  # 'cust', 'rank': a name of data
        if announce and labels[0] in (0, 1):  # prices 100-499 shuffled are no row numbers: a frame's index starts so
            log.warning("%s, as the index of a shuffled frame would; its name is no row number's, so it is taken for "
                        "data and the rows are read in the order given: if it numbers the rows and they were "
                        "reordered, sort them by it", held)
        return None
    return (f"{held}, as the index of a shuffled frame holds them (df.sample()), written with its name (to_csv, "
            "reset_index()): if the rows were reordered, sort them by it; if they are in the series' order already, "
            f"leave the column out of the table, or name it as a covariate (past_covariates=[{str(first)!r}], "
            f"--past-covariates {shell_names(first)}) to read it as data")


def refuse_order(said: str | None) -> None:
    """Refuse a table of numbered rows (no time column) whose row labels say it is out of order (:func:`out_of_order`):
    its rows are read in the order given, and a tester's shuffled file trained on noise (R² -0.12 against 0.96)."""
    if said is not None:
        raise RnncastError(f"the rows are not in the order of their own row numbers, and with no time column rnncast "
                           f"reads a series' rows in the order given: {said}")

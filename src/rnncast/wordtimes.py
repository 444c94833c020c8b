"""Time columns told by a word of their name and by their values, where no column is time by its whole name, its type
or its values (``timeaxis.find_time_column``; decision 2242): whole numbers of years (1800 .. 2200) rising within
each series under a name with a year's word (``crop_year``, ``fiscal_year``, ``marketing_year``, ``yr``, ``fy``) are
integer periods, as ``year``'s are (``search``); Unix times under a name with a time word (Binance's ``open_time``,
``Open time``, Bitfinex's ``mts``) are refused naming their unit, ``time_unit=`` and, where two could be the time
(``open_time`` and ``close_time``), both and ``time_col=``, as under ``time`` (``refuse_epochs``); numbers that look like
either under a name that says nothing (``t``) are warned of at fit (``unnamed``, decision 220's promise). A column
whose name has no time word (``volume``, ``price``) is never taken as time, whatever its numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import compactdates, wholenumbers
from rnncast.errors import RnncastError
from rnncast.spelling import hint, spelled
from rnncast.timenames import YEAR_WORDS, dated_name, epoch_named, words, worded

FIRST_YEAR, LAST_YEAR = 1800, 2200  # the whole numbers read as years
EVEN = 0.8  # the share of a year column's steps that are its median step (decision 2277)


def _numbers(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column) and column.notna().all() \
        and len(column) > 2


def steps(values: np.ndarray, codes: np.ndarray | None = None) -> np.ndarray:
    """The steps of ``values`` [N] from row to row within each series (``codes`` [N], the series of each row; None:
    one), the series' rows in their order."""
    if codes is None:
        return np.diff(values)
    order = np.argsort(codes, kind="stable")
    return np.diff(values[order])[np.diff(codes[order]) == 0]


def rising(values: np.ndarray, codes: np.ndarray | None = None) -> bool:
    """Whether ``values`` [N] rise strictly within each series (``steps``)."""
    return bool((steps(values, codes) > 0).all())


def years(column: pd.Series, codes: np.ndarray | None = None) -> bool:
    """Whether a column holds whole numbers 1800 .. 2200 rising within each series, or falling within each (an export
    listing the newest year first, read oldest first as ``year``'s is: decision 228), in even steps (at least
    ``EVEN`` of them the median step: a gap or two allowed; a fee of 1852 .. 2153 in uneven steps is no year)."""
    column = wholenumbers.as_whole(column)
    if not _numbers(column) or not pd.api.types.is_integer_dtype(column):
        return False
    values = column.to_numpy(dtype=np.int64)
    if not (values.min() >= FIRST_YEAR and values.max() <= LAST_YEAR):
        return False
    step = steps(values, codes)
    if not ((step > 0).all() or (step < 0).all()) or not len(step):
        return False
    return float(np.mean(np.abs(step) == np.median(np.abs(step)))) >= EVEN  # decision 2277


def epochs(column: pd.Series, codes: np.ndarray | None = None) -> str | None:
    """The unit ('s', 'ms', 'us', 'ns') where a column holds Unix times of 1980 .. 2100 rising within each series."""
    if not _numbers(column) or (unit := compactdates.epoch_unit(column)) is None:
        return None
    return unit if rising(column.to_numpy(dtype=np.float64), codes) else None


def codes_of(frame: pd.DataFrame, id_col) -> np.ndarray | None:
    """The series of each row [N] where ``id_col`` is a column of ``frame`` (a key: its columns' rows together)."""
    if id_col is None:
        return None
    cols = [c for c in (id_col if isinstance(id_col, (list, tuple)) else [id_col]) if c in frame.columns]
    if not cols:
        return None
    return frame.groupby(cols, sort=False, dropna=False).ngroup().to_numpy(dtype=np.int64)


def search(frame: pd.DataFrame, candidates, id_col=None) -> tuple[object, str | None]:
    """The one of ``candidates`` holding years (``years``) under a name with a year's word, and how it was found
    ("by a word of its name ('year') and its values, years 1990-2025"); (None, None) where none is; two are refused
    (``RnncastError``) naming both and ``time_col=``."""
    codes = codes_of(frame, id_col)
    found = [c for c in candidates if worded(c, YEAR_WORDS) and years(frame[c], codes)]
    if len(found) > 1:
        raise RnncastError(_two(found, "years (whole numbers 1800 .. 2200 rising in each series)"))
    if not found:
        return None, None
    c = found[0]
    values = wholenumbers.as_whole(frame[c])
    word = sorted(words(c) & YEAR_WORDS)[0]
    return c, f"by a word of its name ({word!r}) and its values, years {int(values.min())}-{int(values.max())}"


def _two(found: list, what: str, extra: str = "") -> str:
    both = " and ".join(repr(str(c)) for c in found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
    remedy = hint("time_col", f"name the one that is with {spelled('time_col', str(found[0]))}{extra}")
    return f"no time column was found, and {len(found)} columns could be it, holding {what}: {both}; {remedy}"


def refuse_epochs(frame: pd.DataFrame, candidates) -> None:
    """Where no time column was found: refuse (``RnncastError``) the columns of ``candidates`` holding Unix times
    (``compactdates.epoch_times``) under a name with a time word (``open_time``, ``mts``), as under ``time``: numbering
    the rows would train across an outage and on re-sent candles without a word (decision 2242)."""
    found = [c for c in candidates if worded(c) and not dated_name(c) and not epoch_named(c) and  # those: timeunread's
             _numbers(frame[c]) and compactdates.epoch_unit(frame[c])]
    if not found:
        return
    said = compactdates.epoch_times(frame[found[0]])
    if len(found) > 1:
        clauses = "; and ".join(f"{str(c)!r} {compactdates.epoch_times(frame[c])[0]}" for c in found)
        remedy = hint("time_col", f"name the one that is the time with {spelled('time_col', str(found[0]))} and {said[1]}")
        raise RnncastError(f"no time column was found: {clauses}; their names say time, so the rows are not numbered: "
                           f"{remedy}; or, to number the rows, say the table has none with {spelled('time_col', False)}")
    c = found[0]
    remedy = hint("time_col", f"or, to number the rows, say the table has none with {spelled('time_col', False)}")
    raise RnncastError(f"no time column was found: {str(c)!r} {said[0]}; its name says time, so its rows are not "
                       f"numbered: {said[1]}, {remedy}")


def unnamed(columns, values: np.ndarray, codes: np.ndarray, counters=()) -> list[str]:
    """Where the rows are numbered (no time column found): a warning for each of ``columns`` (their ``values``
    [N, C], ``codes`` [N] the series of each row) holding Unix times, or years not counting the rows (``counters``
    are said already), rising within each series, under a name that says nothing (``t``): read as numbers, not the
    time (decision 220's promise; decision 2242)."""
    lines = []
    for j, c in enumerate(columns):
        if c in counters:
            continue
        column = pd.Series(values[:, j])
        if (unit := epochs(column, codes)) is not None:
            lines.append(f"column {str(c)!r} {compactdates.epoch_times(column)[0]}; they rise within each series and "
                         f"are read as numbers, not the time: if they are the time, name it with "
                         f"{spelled('time_col', str(c))} and give {spelled('time_unit', unit)}")
        elif years(column, codes):
            lines.append(f"column {str(c)!r} holds whole numbers {int(column.min())} .. {int(column.max())} rising in "
                         f"each series, which look like years, and is read as numbers, not the time: if it is the "
                         f"time, name it with {spelled('time_col', str(c))}")
    return lines

"""Columns that look like time but are not read as it, where no time column was found (``timeaxis.find_time_column``):
text under a name that says time (``period`` of ``Jan-Mar 2005``), text writing years in every value, fiscal periods
(``FY2005 Q1``, ``2001-02``), Excel serials and Unix times under a date's name. ``unread`` names them for a note or a
refusal; ``refuse`` refuses where numbering the rows would pass over the time the table clearly has (decision 675), fiscal
weeks written YYYYWW with a week 53 no ISO or MMWR year has too (``fiscalweeks.compact``, decision 1974).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

import pandas as pd

from rnncast import (badtimes, cjkunread, colontimes, compactdates, fiscalweeks, fiscalyears, halfyears, monthnames, monthtext, splittime, weekdaynames,
                     weektext, wordtimes)
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.spelling import hint, spelled
from rnncast.timenames import TIME_WORDS, dated_name, epoch_named, local_time_named, says_time, time_named

_PASSED: ContextVar[bool] = ContextVar("rnncast_unread_passed_over", default=False)


@contextmanager
def passed_over() -> Iterator[None]:
    """A block within which ``refuse`` refuses nothing: a model fitted on numbered rows (no time column, found none or
    told ``time_col=False``) reads new data, whose time it never forecasts; a column found as time is still the
    model's reader's to refuse (``modeltimes.numbered``). After it, as before, also after an error."""
    token = _PASSED.set(True)
    try:
        yield
    finally:
        _PASSED.reset(token)


def passing_over() -> bool:
    """Whether within ``passed_over``: a model fitted on numbered rows reads new data."""
    return _PASSED.get()


_YEAR = re.compile(r"(?<!\d)(1[89]|2[01])\d{2}(?!\d)")


def unread_time(frame: pd.DataFrame, candidates) -> str:
    """Where no time column was found: the clause naming the first of ``candidates`` that looks like time but is
    not read as it (``unread``); "" when none does."""
    found = unread(frame, candidates)
    return found[1] if found is not None else ""


def unread(frame: pd.DataFrame, candidates) -> tuple[object, str] | None:
    """Where no time column was found: the first of ``candidates`` that looks like time but is not read as it (one
    whose name says time first, ``time_named``), and the clause naming it (``_unread_one``), with every other such
    column whose name says time after it, so that all are corrected at once; None when none looks like time."""
    found = sorted(((c, said) for c in candidates if (said := _unread_one(frame, c)) is not None),
                   key=lambda f: not says_time(f[0]))
    if not found:
        return None
    first, clause = found[0]
    others = [said for c, said in found[1:] if says_time(c)] if says_time(first) else []
    return first, clause + "".join(f"; and {said}" for said in others)


def unread_count(clause: str) -> int:
    """How many columns an ``unread`` clause names (one, and one more for each "; and ")."""
    return 1 + clause.count("; and ")


def _unread_one(frame: pd.DataFrame, c) -> str | None:
    """The clause naming column ``c`` where it looks like time but is not read as it: text named as time is
    (``period``, ``quarter``, ``fiscal_year`` ...) or writing years in every value, which no time form reads (``'period'
    holds 'FY2005 Q1', which rnncast does not read as time (...)``), or numbers under a name that says dates
    (``OrderDate``) that are Excel serial day numbers (``compactdates.excel_serials``); None otherwise."""
    told = f"; rnncast does not read them as time unless told (name the column with {spelled('time_col', c)} and "
    if dated_name(c) and (serials := compactdates.excel_serials(frame[c])) is not None:
        return f"{str(c)!r} {serials}{told}{compactdates.excel_fix()})"
    if (dated_name(c) or epoch_named(c)) and (epoch := compactdates.epoch_times(frame[c])) is not None:
        return f"{str(c)!r} {epoch[0]}{told}{epoch[1]})"
    if time_named(c) and (months := monthtext.float_months(frame[c])) is not None:  # pd.read_csv's 2008.01
        return f"{str(c)!r} {months}"
    sample = frame[c].dropna().head(5)
    if not len(sample) or not all(isinstance(v, str) for v in sample):
        return None
    local = local_time_named(c) and all(re.search(r"\d", v) for v in sample)  # Datum, Ay, 年月 (decision 1709)
    if str(c).lower() in TIME_WORDS or set(re.split(r"[^a-z]+", str(c).lower())) & TIME_WORDS or local or \
            all(_YEAR.search(v) for v in sample) or monthnames.written(frame[c]):  # 'Mär 23' under any name
        value, at = badtimes.first_unread(frame[c], lambda i: place(i, frame.attrs))  # 'Mär 2018', not 'Jan'
        if fiscalyears.written(frame[c]):  # 1820-21 ...: refused by name (refuse), not rows numbered
            return f"{str(c)!r} holds {fiscalyears.clause(value, at)}"
        why = (fiscalyears.remedy(value) if fiscalyears.FY.match(value) else "write dates such as 2005-01-31, months such as 2005-01, quarters such "
               "as 2005Q1, half-years such as 2005H1 or ISO weeks such as 2005-W01")
        what = f", {labelled[0]}," if (labelled := fiscalweeks.label(value)) else ","  # FY2020-P01 (decision 1975)
        return (f"{str(c)!r} holds {value!r}{at}{what} which rnncast does not read as time ({why}){halfyears.clause(value)}"
                f"{cjkunread.clause(value)}{colontimes.clause(value)}"  # 令和5年1月2日, 2024年度: what they are (decision 1471)
                f"{weektext.clause(value)}{monthnames.clause(frame[c], value)}{weekdaynames.clause(value)}")
    return None


def refuse(frame: pd.DataFrame, candidates, name, how) -> tuple[str | None, str | None]:
    """``name, how`` as found; where none was and a column holds fiscal periods (FY2005 Q1), or text not read as time
    under a name that says time (``time_named``: 'period' of 'Jan-Mar 2005'; every such column named), a refusal naming
    it, a value, its line and the forms read: numbering the rows would silently pass over the time the table clearly
    has (decision 675). Its remedy names what the reader can give (``hint("time_col", ...)``: bench has no --time-col)."""
    if name is None and not _PASSED.get() and (split := splittime.split_years(frame, candidates)) is not None:
        year, (unit_col, unit, example) = split  # yr, quarter: years that repeat, numbered rows would pass over them
        raise RnncastError(f"no time column was found{splittime.year_joined(year, unit_col, unit, example)}; or, to "
                           f"number the rows, say the table has none with {spelled('time_col', False)}")
    if name is None and not _PASSED.get() and (weeks := fiscalweeks.compact(frame, candidates)) is not None:
        raise RnncastError(weeks)  # 202353 under 'week': a fiscal week 53, never set aside (decision 1974)
    if name is None and not _PASSED.get():  # open_time of Unix times, refused as under 'time' (decision 2242)
        wordtimes.refuse_epochs(frame, candidates)
    found = unread(frame, candidates) if name is None and not _PASSED.get() else None
    clause = found[1] if found is not None else ""
    if "fiscal years" in clause or "fiscal or season year" in clause:
        raise RnncastError(f"no time column was found: {clause}")
    formed = _formed(frame[found[0]]) if found is not None and not says_time(found[0]) else ""  # 'janv. 1995'
    if found is not None and (says_time(found[0]) or formed):  # ts of Unix times too: the README says they are refused
        several = unread_count(clause) > 1
        whose, them = ("their names say time", "them") if several else ("its name says time", "it")
        whose = f"its values {formed}" if formed and not several else whose
        remedy = hint("time_col", f"name the time column with {spelled('time_col')}, or, to number the rows, say the "
                                  f"table has none with {spelled('time_col', False)}")  # decision 694
        raise RnncastError(f"no time column was found: {clause}; {whose}, so {'the' if several else 'its'} rows "
                           f"are not numbered: correct {them}, {remedy}")
    return name, how


def _formed(column: pd.Series) -> str:
    """What every value of ``column`` writes where all are of one time form rnncast does not read, so that the rows
    are never numbered past it whatever its name (``index``, decision 2181): "are months" (``janv. 1995``), "all write a
    year and a week" (or a number, ``2014 sem 2``: ``weektext.written``), "are fiscal periods" (``FY2020-P01``:
    ``fiscalweeks.label``); "" otherwise."""
    values = column.dropna()
    if monthnames.written(column):
        return "are months"
    if weektext.written(column):
        return "all write a year and a week"
    return "are fiscal periods" if len(values) and all(fiscalweeks.label(v) for v in values.tolist()) else ""

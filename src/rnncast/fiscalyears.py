"""Fiscal and season years written as two years (``2001-02``, ``2001/02``, ``2001-2002``: the year from April 2001 to
March 2002, or a 2001-02 season), which pandas reads as months (``2001-02`` is February 2001) or not at all; their
quarters (``2001-02 Q1``) and fiscal periods written ``FY2005 Q1``, refused naming the calendar quarters' forms read.

A column every value of which is so written, each second year the first plus one, is refused by name: read as
months it makes a 13-month calendar ('2001-02', '2002-03' ...) and forecasts dated '2013-01' (a tester's find).
``refuse`` is asked by ``timeaxis.parse_time`` of a text time column before its values are read as dates;
``clause`` gives ``timeunread.unread`` its words where such a column was not taken as time. Fiscal quarters with
two-digit years (``FY06 Q1``) that a fiscal freq reads are let through inside the years every reader names alike,
else refused asking for four digits (``short_years``, decision 1444).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import aliasnames, fiscalquarters, fiscalweeks, fiscalyearlabels, timetext
from rnncast.errors import RnncastError
from rnncast.spelling import spelled

log = logging.getLogger(__name__)

TWO_YEARS = re.compile(r"^(?P<first>\d{4})\s*[-/\u2013]\s*(?P<second>\d{2}|\d{4})$")  # 2001-02, 2001/02, 2001–2002
# a quarter of such a year, as Indian and British accounts write it: 2001-02 Q1, Q1 2001/02, FY2001-02 Q3 (decision 678)
QUARTERED = re.compile(r"^(?:(?P<qa>Q[1-4])\s*[-/ ]?\s*)?(?:FY\s*)?(?P<years>\d{4}\s*[-/\u2013]\s*\d{2}(?:\d{2})?)"
                       r"(?:\s*[-/ ]?\s*(?P<qb>Q[1-4]))?$", re.IGNORECASE)
FY = re.compile(r"^\s*(?:Q[1-4]\s*[-/ ]?\s*)?FY\s*'?\d{2}(\d{2})?(?!\d)", re.IGNORECASE)  # FY2005 Q1, FY05, Q1 FY05
QUARTERS = "such as 2005Q1, 2005-Q1 or Q1 2005"  # the forms of calendar quarters read (timetext)
ENDS = "1990-06-30 for the year July 1989 to June 1990, as pandas' Period('1990', 'Y-JUN') names it"  # one naming
READ = ("give the calendar that names them, --freq YE-JUN (freq='YE-JUN') for years ending in June, YE-MAR, YE-SEP "
        "or the month yours ends in (YS-JUL: dated by the day each starts)")  # read by fiscalyearlabels (decision 2252)
YEAR_ONLY = re.compile(r"^\s*FY\s*'?(?P<year>\d{4}|\d{2})\s*$", re.IGNORECASE)  # FY1960, FY 60: a year, no quarter


def remedy(value) -> str:
    """What to write instead of the fiscal period ``value`` (``FY2005 Q1``: calendar quarters; ``FY1960``, a year
    alone: the year as an integer under ``year``, as two years' ``1960/61`` are told, or the date it starts)."""
    if (labelled := fiscalweeks.label(value)) is not None:  # FY2020-P01: a period, no quarter (decision 1975)
        return labelled[1]
    m = YEAR_ONLY.match(str(value))
    if m is None and (span := fiscalquarters.span(value, "QE-MAR")) is not None:  # FY2006Q1: read by a fiscal freq
        return (f"fiscal years start in different months: give the calendar that names them, --freq QE-MAR "
                f"(freq='QE-MAR') for years ending in March ({str(value).strip()!r} is then {span}, as pandas names "
                f"a fiscal year by the year it ends), QE-JUN, QE-SEP or the month yours ends in, QE-JAN .. QE-DEC; or write "
                f"calendar quarters {QUARTERS}, or dates")
    if m is None:
        return f"fiscal years start in different months: write calendar quarters {QUARTERS}, or dates"
    year = f"the year it ends ({m['year']})" if len(m["year"]) == 4 else "the year it ends in four digits"
    return (f"fiscal years start in different months: {READ}; or write each as {year} in a column named year, read "
            f"as integer periods, or as the date its year ends ({ENDS})")  # decision 2252


def _years(value) -> int | None:
    """The first year of ``value`` where it writes two successive years (with a quarter or not), else None."""
    m = QUARTERED.match(str(value).strip()) if isinstance(value, str) else None
    m = TWO_YEARS.match(re.sub(r"\s", "", m["years"])) if m is not None else None
    if m is None:
        return None
    first, second = int(m["first"]), m["second"]
    following = (first + 1) % 100 if len(second) == 2 else first + 1
    return first if int(second) == following else None


def written(column: pd.Series) -> bool:
    """Whether every value of ``column`` (two or more) writes two successive years, as fiscal or season years do, or
    a quarter of such a year (``2001-02 Q1``)."""
    if _no_text(column):
        return False
    values = column.dropna()
    return len(values) >= 2 and all(_years(v) is not None for v in values)


def clause(value, at: str = "") -> str:
    """The words saying what ``value`` (``2001-02``, ``2001-02 Q1``, ``FY2005 Q1``), found ``at`` (`` at line 2 of
    FILE``), is and what to write instead."""
    text, shown = str(value).strip(), f"{str(value).strip()!r}{at}"
    if _years(text) is None:  # FY2005 Q1, FY05
        labelled = fiscalweeks.label(text)  # FY2020-P01: a fiscal period (decision 1975)
        what = labelled[0] if labelled else "a fiscal year" if YEAR_ONLY.match(text) else "a fiscal quarter or year"
        return f"{shown}, {what}, which rnncast does not read as time ({remedy(text)})"
    m = QUARTERED.match(text)
    if m["qa"] or m["qb"]:
        return (f"{shown}, a quarter of a fiscal or season year written as two years, which rnncast does not read as "
                f"time (fiscal years start in different months); write each as the calendar quarter it falls in, "
                f"{QUARTERS}, or as the date that quarter starts")
    ends = _years(text) + 1  # named by the year it ends, as pandas names a fiscal year and FY1990 is told (2252)
    return (f"{shown}, two successive years: a fiscal or season year, which rnncast does not read as "
            f"time (as a date, '2001-02' would be February 2001) without its calendar: {READ}; or write each as the "
            f"year it ends ({ends}) in a column "
            f"named year, read as integer periods, or as the date its year ends ({ENDS}; a quarterly table's quarters as "
            f"the calendar quarters they fall in, {QUARTERS})")


def refuse(column: pd.Series, name: str, place, order: dict | None = None) -> None:
    """Refuse a time column of fiscal or season years (``2001-02`` ...), their quarters (``2001-02 Q1``) or fiscal
    periods (``FY2005 Q1``), naming its first value and line; fiscal quarters (``FY2006Q1``) are read where
    ``order["fiscal"]`` names their calendar (``fiscalquarters``)."""
    if _no_text(column):
        return
    if (order or {}).get("fiscal_years") is not None and fiscalyearlabels.pattern(column) is not None:
        return  # FY1990, 1989/90 of --freq YE-JUN: read by fiscalyearlabels (decision 2252)
    if (given := (order or {}).get("fiscal")) is not None:
        if fiscalquarters.pattern(column) is not None:
            return short_years(column, name, place)  # FY2006Q1 of --freq QE-MAR: read by fiscalquarters
        _stray(column, given, name, place)  # 'oops' or 'FY2000Q1' among 'Q1 FY2000' ...: named, not the first
    if order is not None and fiscalquarters.december(given := order.get("fiscal_given")) and \
            fiscalquarters.marked(fiscalquarters.pattern(column.dropna().head(1))):  # FY2006 Q1 of QE-DEC: the
        _stray(column, given, name, place)  # calendar year's quarters, a stray cell named as above (decision 1567),
        order["fiscal"] = order.pop("fiscal_given")  # read by fiscalquarters as its other spellings are (decision 1528)
        return short_years(column, name, place)
    if (given := (order or {}).get("fiscal_case")) is not None and fiscalquarters.pattern(column) is not None:
        new = aliasnames.renamed(given.upper()) or given.upper()  # q-mar: pandas 2's name too, today's QE-MAR
        first = str(column.dropna().iloc[0]).strip()
        raise RnncastError(f"freq {given!r} is written in lower case, and pandas reads a quarter's calendar only in capitals; give "
                           f"{spelled('freq', new)}, which reads {first!r} as {fiscalquarters.span(first, new)}")
    values = column.dropna()
    fiscal = len(values) >= 2 and all(isinstance(v, str) and FY.match(v) for v in values)
    if not pd.api.types.is_numeric_dtype(column) and (written(column) or fiscal):
        first = int(np.flatnonzero(column.notna().to_numpy())[0])  # its position, as place counts rows
        if fiscal and (given := (order or {}).get("fiscal_given")) is not None:  # --freq xyz: named (decision 1513)
            value = str(column.iloc[first]).strip()
            if (labelled := fiscalweeks.label(value)) is not None:  # FY2020-P01: no freq reads it (decision 1975)
                raise RnncastError(f"time column {name!r} holds {value!r} at {place(first)}, {labelled[0]}, which no "
                                   f"freq reads ({str(given)!r} neither): {labelled[1]}")
            why, meant = fiscalquarters.unread(given)
            fix = (f"give {spelled('freq', meant)}, which reads {value!r} as {fiscalquarters.span(value, meant)}"
                   if meant is not None else remedy(value).split(": ", 1)[1])
            raise RnncastError(f"time column {name!r} holds {value!r} at {place(first)}, a fiscal quarter or year, "
                               f"and freq {str(given)!r} {why}: {fix}")
        raise RnncastError(f"time column {name!r} holds {clause(column.iloc[first])} (first at {place(first)})")


def _stray(column: pd.Series, freq, name: str, place) -> None:
    """Refuse fiscal labels of ``freq`` (``Q1 FY2000`` ...) where a value is no such label (``oops``, ``Q5 FY2007``)
    or one written in another form (``FY2000Q1``), naming it, its line and the first value (decisions 1511, 1512)."""
    found = fiscalquarters.stray(column)
    if found is None:
        return
    first, at, form, forms = found
    value, label = str(column.iloc[at]).strip(), str(column.iloc[first]).strip()
    if form is None:
        raise RnncastError(f"time column {name!r} holds {value!r} at {place(at)}, which is not a fiscal quarter as "
                           f"the column's others are written ({label!r} at {place(first)}, read by freq {str(freq)!r} "
                           f"as {fiscalquarters.span(label, freq)}; a quarter is Q1 .. Q4): correct it to that form")
    counts = {f: int((forms == f).sum()) for f in (forms[0], form)}
    a, b = (f"{v!r} at {place(i)} ({c} row{'s' * (c != 1)} so)" for v, i, c in
            ((label, first, counts[forms[0]]), (value, at, counts[form])))
    common = label if counts[forms[0]] >= counts[form] else value
    raise RnncastError(f"time column {name!r} mixes date formats, one kind of time written in two forms: {a} and {b}; "
                       f"write every value in one form, e.g. as {common!r} is written")


def short_years(column: pd.Series, name: str, place) -> None:
    """Refuse (``RnncastError``) fiscal quarters written with two-digit years (``FY75 Q1``, ``Q1 FY05``) where one
    lies outside the years every common reader names a two-digit year alike (``timetext.short_year_span``, 1976 ..
    2029 today), as ``datetext`` refuses such dates: '75' is 2075 to pandas but 1975 to a spreadsheet, and a column
    from FY60 to FY10 read by any one rule would put a century between its halves. Inside the span the labels are
    read so (``fiscalquarters.years``: ``%y``'s reading, which agrees there) and said (INFO) once."""
    read = fiscalquarters.years(column)
    if not read["short"].any():
        return
    first, last = timetext.short_year_span()
    outside = (read["short"] & ((read["year"] < first) | (read["year"] > last))).to_numpy()
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        value = str(column.iloc[i]).strip()
        yy = int(read["year"].iloc[i]) % 100
        years = timetext.short_year_readings(yy)
        fours = " or ".join(repr(re.sub(rf"(?<!\d){yy:02d}(?!\d)", str(y), value, count=1)) for y in sorted(set(years)))
        raise RnncastError(f"time column {name!r} is written with two-digit fiscal years, and {value!r} at {place(i)} "
                           f"is {years[0]} to pandas but {years[1]} to a spreadsheet: readers name a two-digit year "
                           f"alike only in {first} .. {last}; write four-digit years ({fours})")
    log.info("time column %r has two-digit fiscal years: read as %d .. %d, as every common reader reads them", name,
             int(read["year"][read["short"]].min()), int(read["year"][read["short"]].max()))


def _no_text(column: pd.Series) -> bool:
    """Whether ``column``'s type holds no text (numbers, booleans, timestamps, durations): none of its values can write
    a year, so none is looked at (each timestamp made a Python object cost 10 ms a fit; decision 975)."""
    return column.dtype.kind in "iufcbmM"

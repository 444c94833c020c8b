"""Weeks written in forms rnncast does not read as time (``2019-13``, ``2019 wk 01``, ``KW 5/2019``), named in the refusal
with the ISO week rnncast reads (``2019-W13``); weeks marked as such (tsibble's ``2014 W01``: ``marked``) read under any
name. A refusal of ``2019-13`` said "give dates such as 2024-01-31" and one of ``2019 wk 01`` listed dates, months,
quarters and half-years, never the weeks that would have been read. ``iso_codes`` reads ISO weeks written YYYYWW under a
week's name (``202301`` under ``week`` or ``kw``: ``2023-W01``).
"""

from __future__ import annotations

import datetime
import re

import numpy as np
import pandas as pd

from rnncast import fiscalweeks, mmwrweeks, timenames, timetext, wholenumbers
from rnncast.errors import RnncastError

MARK = r"(?:w|wk|wks|week|weeks|kw|woche|sem|semaine|semana)\.?"  # how a week is marked, in any case
YEAR_FIRST = re.compile(rf"(?i)\s*(?P<y>[12]\d{{3}})\s*(?:[-/_. ]\s*)?(?P<m>{MARK})?\s*[-/_. ]?\s*(?P<w>\d{{1,2}})\s*")
WEEK_FIRST = re.compile(rf"(?i)\s*(?P<m>{MARK})\s*[-/_. ]?\s*(?P<w>\d{{1,2}})\s*[-/_., ]\s*(?P<y>[12]\d{{3}})\s*")
EXAMPLE = "ISO weeks such as 2024-W05"  # the form, as lists of the forms read name it
STATA = re.compile(r"\s*(?P<y>[12]\d{3})w(?P<w>[1-9]\d?)\s*")  # Stata's %tw display, 2013w1 .. 2013w52: not ISO's


def iso_form(value) -> str | None:
    """The ISO week (``2019-W13``) that ``value`` writes otherwise: a year and a week marked as one (``2019 wk 01``,
    ``wk 1 2019``), or a year and a number past the months (``2019-13`` .. ``2019-53``, which no month is); None
    for text of no such form, a week past 53, or a year and a number 1 .. 12 without a mark (a month)."""
    text = str(value)
    found = YEAR_FIRST.fullmatch(text) or WEEK_FIRST.fullmatch(text)
    if found is None:
        return None
    week = int(found["w"])
    if not 1 <= week <= 53 or (found["m"] is None and week <= 12):
        return None
    return f"{found['y']}-W{week:02d}"


def week_named(text: str) -> str:
    """A cutoff's ``text`` on weekly data as the ISO week it writes (``2015-W45``): YYYYWW (``201545``, a week of its ISO
    year) or ``iso_form``'s forms (``2015-45``, ``2015 wk 45``); ``text`` itself otherwise."""
    if re.fullmatch(r"[12]\d{5}", text):
        try:
            return datetime.date.fromisocalendar(int(text[:4]), int(text[4:]), 1) and f"{text[:4]}-W{text[4:]}"
        except ValueError:
            return text
    return iso_form(text) or text


def is_stata(value) -> bool:
    """Whether ``value`` is written as Stata's weeks are (``STATA``: ``2013w1`` .. ``2013w52``; a week 53 is ISO's)."""
    found = STATA.fullmatch(str(value))
    return found is not None and int(found["w"]) <= 52


def stata(value) -> str:
    """What ``value`` reads as under each reading where it is written as Stata's weeks (``2013w1``: ``STATA``, lower
    case ``w``, no dash, no zero), decision 1917: "Stata's weekly form (%tw), whose week 1 starts on 1 January and
    whose week 52 holds the rest of the year (8 or 9 days): 2013w1 starts 2013-01-01, ISO's 2013-W01 Monday
    2012-12-31; ..." with the ways to give either; "" for any other value (``2013-W01``, ``2013w01``, ``2015w53``)."""
    if not is_stata(value):
        return ""
    found = STATA.fullmatch(str(value))
    y, w = int(found["y"]), int(found["w"])
    own = datetime.date(y, 1, 1) + datetime.timedelta(weeks=w - 1)
    iso = datetime.date.fromisocalendar(y, w, 1)
    return (f"Stata's weekly form (%tw), whose week 1 starts on 1 January and whose week 52 holds the rest of the year "
            f"(8 or 9 days): {y}w{w} starts {own}, ISO's {y}-W{w:02d} Monday {iso}, and rnncast reads no calendar of "
            f"Stata's weeks; if they are ISO weeks, write them so ({y}-W{w:02d}); if Stata's, give Stata's week numbers "
            f"(format the column %9.0g: {(y - 1960) * 52 + w - 1} for {y}w{w}), read with time_col= (--time-col) as "
            "steps one week apart")


def clause(value) -> str:
    """The clause a refusal of ``value`` adds where it writes an ISO week otherwise (``iso_form``), or Stata's week
    (``stata``: both readings named); else ""."""
    if said := stata(value):
        return f"; {str(value).strip()!r} is written in {said}"
    iso = iso_form(value)
    if iso is None:
        return ""
    return (f"; if {str(value).strip()!r} is week {int(iso[-2:])} of {iso[:4]}, write the weeks as ISO weeks, {iso} "
            "(a week's Monday), which rnncast reads")


FALLS = 4  # week codes under a name that means more than weeks: at most one row in FALLS before a lower code


def in_order(name, values) -> bool:
    """Whether integers [N] written YYYYWW under column ``name`` read as weeks in their order: under a name that is a
    time word alone (``week``, ``yearweek``: ``timenames.time_named``) any order (the time: unsorted, refused so); under
    ``kw`` (kilowatts too) only codes that rise within each series, the series one after another: at most one row in
    ``FALLS`` followed by a lower code. 202307, 202307, 202341, 202318 ... (a power reading) are values."""
    if timenames.time_named(name):
        return True
    falls = int((pd.Series(values).diff() < 0).sum())
    return falls * FALLS <= len(values)


def marked(column: pd.Series, name=None) -> bool:
    """Whether every value of ``column`` is text that writes a year and a week marked as one (tsibble's yearweek ``2014
    W01``, ``2019 wk 5``, ``KW 05/2022``; not ``sem``, a semester too; none ISO's own ``2021-W01``, ``timetext``'s),
    under a name that is not MMWR's: weeks by their values, under any name, as ``2020 Jan`` and ``2020 Q1`` are months
    and quarters (decision 2181)."""
    if not len(column) or mmwrweeks.named(name):
        return False
    for v in column.tolist():
        found = isinstance(v, str) and not timetext.ISO_WEEK.match(v.strip()) and (YEAR_FIRST.fullmatch(v) or
                                                                               WEEK_FIRST.fullmatch(v))
        if not found or found["m"] is None or found["m"].lower().rstrip(".") == "sem":  # 2021-W01: timetext's
            return False
    return True


def iso_codes(column: pd.Series, name, place=None) -> pd.Series:
    """ISO weeks written YYYYWW (``202301`` .. ``202352``, a float column's ``202301.0`` too) under a week's name
    (``week``, ``wk``, ``kw``, ``yearweek``: ``timenames.WEEK_NAMES``; not MMWR's ``epiweek``, ``mmwrweeks.named``) as
    the ISO weeks rnncast reads, ``2023-W01``: every value a week of its ISO year (``datetime.date.fromisocalendar``:
    week 53 only in a year that has one). Any other column is returned as it is (201453, a week 53 ISO's 2014 lacks:
    MMWR's, refused by ``compactdates``; a ``period`` or ``step`` of them: refused naming the form to give). Text of weeks
    marked as such (``marked``: ``2014 W01``) is read so under any name."""
    text = column.dtype == object or pd.api.types.is_string_dtype(column)
    if text and marked(column, name):  # 2014 W01 under any name (decision 2181)
        return _text_weeks(column, name, place or (lambda i: f"row {i}"))
    if str(name).strip().lower() not in timenames.WEEK_NAMES or mmwrweeks.named(name):
        return column
    if text:
        return _text_weeks(column, name, place or (lambda i: f"row {i}"))
    whole = wholenumbers.as_whole(column)
    if not pd.api.types.is_integer_dtype(whole) or pd.api.types.is_bool_dtype(whole) or not len(whole):
        return column
    values = whole.to_numpy()
    if values.min() < 100001 or values.max() > 999953:
        return column
    try:
        [datetime.date.fromisocalendar(int(v) // 100, int(v) % 100, 1) for v in set(values.tolist())]
    except ValueError:  # week 00, 54, or 53 of a year of 52
        return column
    return pd.Series([f"{v // 100}-W{v % 100:02d}" for v in values.tolist()], index=column.index, name=column.name)


def codes_format(column: pd.Series, name, time, weeks=False) -> str | None:
    """``timetext.WEEK_CODES`` (``%G%V``) where ``column`` holds ISO weeks written YYYYWW that ``iso_codes`` read as the
    weeks ``time`` holds, so forecasts are written back ``202328``, as compact dates are ``20000131``; else None (read
    as integer steps, ``freq=1``). ``weeks``: the weeks ``iso_codes`` read of ``column`` already, None where it read
    none (``timeaxis.parse_time``'s ``order["weeks"]``: not read again); left out, they are read here."""
    if weeks is False:
        weeks = None if iso_codes(column, name) is column else True
    read = isinstance(time, pd.DatetimeIndex) and pd.api.types.is_numeric_dtype(column) and \
        weeks is not None  # numbers only: text weeks (2020-W02, 2022-05) keep their own form
    return timetext.WEEK_CODES if read else None


def written(column: pd.Series, name=None) -> bool:
    """Whether every value of ``column`` is text that writes a year and a week (``YEAR_FIRST``, ``WEEK_FIRST``), under
    a name that is not MMWR's (``epiweek``: ``mmwrweeks.named``)."""
    return bool(len(column)) and not mmwrweeks.named(name) and all(isinstance(v, str) and (YEAR_FIRST.fullmatch(v) or WEEK_FIRST.fullmatch(v))
                                     for v in column.tolist())


def _text_weeks(column: pd.Series, name, place) -> pd.Series:
    """Text under a week's name that writes a year and a week (``2022-05``, ``2022 wk 5``, ``KW 05/2022``: ``YEAR_FIRST``,
    ``WEEK_FIRST``) as ISO weeks (``2022-W05``), never months, whatever the rows; one that is no week of its ISO year
    (``2022-53``, ``2022-00``) refused naming the form to give. Other text is returned as it is."""
    if not written(column, name):
        return column
    if all(map(is_stata, column.tolist())):  # Stata's weeks are not ISO's (decision 1917)
        said = stata(column.iloc[0])
        raise RnncastError(f"time column {name!r} holds {column.iloc[0].strip()!r} at {place(0)}, written in {said}")
    found = [YEAR_FIRST.fullmatch(v) or WEEK_FIRST.fullmatch(v) for v in column.tolist()]
    for i, f in enumerate(found):
        try:
            datetime.date.fromisocalendar(int(f["y"]), int(f["w"]), 1)
        except ValueError:  # week 00, 54, or 53 of a year of 52
            fiscal = fiscalweeks.odd_year(np.array([int(f["y"])]), np.array([int(f["w"])])) is not None  # 2023-W53
            way = (f"a week 53, which neither ISO nor MMWR gives {f['y']}: if these are fiscal (retail) weeks of "
                   "52/53-week years, write each week's ending date (its Saturday, say), read as weekly ('W-SAT'); if "
                   f"ISO weeks, correct it (ISO weeks such as {f['y']}-W05 are read)" if fiscal else
                   f"write the weeks as ISO weeks, such as {f['y']}-W05 (a week's Monday), which rnncast reads")
            under = "under a week's name " if str(name).strip().lower() in timenames.WEEK_NAMES else ""
            raise RnncastError(f"time column {name!r} holds {column.iloc[i].strip()!r} at {place(i)}, which {under}is "
                               f"no ISO week of {f['y']}; {way}") from None  # decision 1974
    return pd.Series([f"{f['y']}-W{int(f['w']):02d}" for f in found], index=column.index, name=column.name)

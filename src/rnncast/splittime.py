"""A time written over two columns, as spreadsheets and meter exports write it: the date in one (``Date``
2024-10-14) and the time of day in another (``Hour`` 0 .. 23, or ``Time`` 13:00). rnncast reads time from one
column, so such a table's dates repeat (24 rows a day) and its refusal of repeated times offered the time-of-day
column as the id of several series (``repeatedrows.id_hint``), which trains 24 daily series. ``split_over`` tells that
column from a series id: text written as a time of day (``HH:MM``, ``HH:MM:SS``), or whole numbers of 0 to 24
told apart within each date (every row of a date another number, but for the hour the clocks repeat) that are the hours of a day (0 .. 23 or 1 .. 24
all present) or under a name that says hour (``Hour``, ``hr``, ``Stunde``, ``HE``); ``joined`` says how to make
one timestamp column of the two. Stores numbered 0 .. 23 are those numbers too, so a whole day of them under a name
that says no hour (``store``) is given both readings, an id or the hour of the day, and never called no series id.
A year and the month, quarter or week in it (``year,month``, ``year,quarter``, CDC FluView's ``YEAR,WEEK``) are the
same split one unit up: the year is read as integer periods, every year repeats, and the month was offered as the id of
12 series. ``split_year`` finds them (a year of whole numbers, a column named as the unit holding its numbers once a
year) and ``year_joined`` says how to join them into one column rnncast reads (2015-01, 2015Q1, 2015-W01). CDC's
MMWR weeks (FluView's ``YEAR,WEEK``) run Sunday to Saturday, and their years have 53 weeks where ISO years have 52
(2014) and 52 where ISO's have 53 (2015), so ISO labels would put 2014's week 53 in 2015 and leave a gap: weeks named
MMWR (``mmwr``, ``epi``, ``cdc``), or whose years have the lengths MMWR gives them where ISO's differ (a week 53 in
2014; 2015's week 52 followed by 2016's week 1) are joined as the Sunday each starts on; the lengths ISO gives are
joined as ISO weeks; where no year tells the calendars apart (2016 .. 2019, 2020: as long in both) both joins are
given and how to choose, never one silently (decision 1608). A week 53 in a year neither gives (2023), or a year and
week named fiscal, are a retailer's 52/53-week year's weeks, and a fiscal ``period`` (1 .. 12 or 13) has no pandas
calendar at all: both are said so, with what works (``fiscalweeks``, decisions 1974, 1975).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import fiscalsplit, fiscalweeks
from rnncast.mmwrweeks import iso_long, long_year, mmwr_start, named

CLOCK = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*")  # 13:00, 7:30, 13:00:00
DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\b")  # 14.03.2025: day first
YEAR = re.compile(r"\s*[12]\d{3}\s*")  # 2015: a year written as text
UNITS = {  # the unit within a year: its name (any case), its numbers, how it is written as one time, pandas' freq
    "month": (re.compile(r"(?i)\s*(months?|mon|mth|mnth|mo|monat|mois|mes|mese|maand)([ _-]?(no|nr|num|number))?\s*"),
              12, "{y}-{v:02d}"),
    "quarter": (re.compile(r"(?i)\s*(quarters?|qtrs?|qr|quartal|trimestre)([ _-]?(no|nr|num|number))?\s*"), 4, "{y}Q{v}"),
    "week": (re.compile(r"(?i)\s*((iso|mmwr|epi|cdc|fiscal|fisc|fy|retail)[ _-]?)?(weeks?|wk|wks|woche|kw|semaine|semana|fw)"
                        r"([ _-]?(of[ _-]?year|no|nr|num|number))?\s*"), 53, "{y}-W{v:02d}"),
    "period": (re.compile(r"(?i)\s*((fiscal|fisc|fy|retail|accounting)[ _-]?)?(periods?|per|prd|pd|fp|"  # decision 1975
                          r"(?<=[ _-])(months?|mth|mo)|(?<=fiscal)(months?|mth|mo))([ _-]?(no|nr|num|number))?\s*"),
               13, "{y}P{v:02d}"),  # fiscal periods: 4-4-5 weeks of a 52/53-week year, 12 or 13 a year, no calendar
}
YEAR_NAMES = re.compile(r"(?i)\s*((calendar|cal|fiscal|fisc|retail|fy)[ _-]?)?(years?|yrs?|yyyy|jahr|ann[ée]e|a[ñn]o|anno|jaar)\s*"
                        r"|\s*fy\s*")  # Year, yr, Jahr
HOUR_NAMES = re.compile(r"(?i)\s*(hours?|hrs?|hh|h|he|hour[ _-]?ending|stunde|heure|hora|ora|uur)\s*")


def split_over(frame: pd.DataFrame, time_col: str | None, candidates: list[str],
               within: pd.Series | None = None) -> tuple[str, str, str] | None:
    """``(column, kind, its first row as one timestamp)``: the first of ``candidates`` (columns of ``frame`` no
    role took) that holds the time of day of the dates in ``time_col`` (of each series, where ``within`` [rows] gives
    each row's series id: a long panel), as the module says; None where none does or there is no time column. ``kind`` is "clock" (``HH:MM`` text), "hours" (whole hours under a name that says
    hour) or "cycle" (a whole day of 0 .. 23 or 1 .. 24 under another name: stores 0 .. 23 read the same, so only
    the name could tell, and the refusal gives both readings, :func:`joined`)."""
    if time_col is None or time_col not in frame.columns:
        return None
    dates = shown = frame[time_col].astype(str).str.strip()  # shown: the example's date, without the series id
    if within is not None:  # a date of each series: 'Auckland 2019-01-05'
        dates = within.astype(str).str.cat(dates, sep="\x00")
    for name in candidates:
        column = frame[name]
        given = column.dropna()
        if not len(given) or len(given) < len(column):
            continue
        if not pd.api.types.is_numeric_dtype(column):
            if given.astype(str).str.fullmatch(CLOCK).all() and _apart(given.astype(str).str.strip(), dates):
                return name, "clock", f"{shown.iloc[0]} {str(given.iloc[0]).strip()}"
            continue
        if pd.api.types.is_bool_dtype(column):
            continue
        values = given.to_numpy(dtype=np.float64)
        if not (np.all(values == np.round(values)) and values.min() >= 0 and values.max() <= 24):
            continue
        present = set(values.astype(np.int64).tolist())
        day = present in (set(range(24)), set(range(1, 25)))
        hourly = HOUR_NAMES.fullmatch(name) is not None
        if (day or hourly) and len(present) > 1 and _apart(column, dates):
            return name, "hours" if hourly else "cycle", f"{shown.iloc[0]} {int(values[0]):02d}:00"
    return None


def _apart(column: pd.Series, dates: pd.Series) -> bool:
    """Whether the rows of each date hold other values of ``column`` but for one at most (the hour the clocks
    repeat in autumn: 2 twice on 2024-10-27 in Berlin), and some date more than one row."""
    counts = pd.DataFrame({"d": dates.to_numpy(), "v": column.to_numpy()}).groupby("d")["v"].agg(["size", "nunique"])
    return bool((counts["size"] - counts["nunique"] <= 1).all() and (counts["size"] > 2).any())


def joined(time_col: str, name: str, kind: str, example: str, ids: str = "") -> str:
    """The clause a refusal of repeated times adds: the time is split over ``time_col`` and ``name`` (``kind``,
    ``example``: ``split_over``'s), and how to write it as one timestamp column (dotted dates, 14.03.2025, read
    day first, as ``dayorder`` reads them). For a "cycle" (0 .. 23 under a name that says no hour: ``store``) both
    readings in one clause: an id, saying ``ids`` (what to do then, e.g. "name it with id_col= (--id-col)"), or the
    hour of the day, the one timestamp column; never "is no series id"."""
    day = ", dayfirst=True" if DOTTED.match(example) else ""
    if kind == "clock":
        how = f"frame['time'] = pd.to_datetime(frame[{time_col!r}] + ' ' + frame[{name!r}]{day})"
    else:
        how = f"frame['time'] = pd.to_datetime(frame[{time_col!r}]{day}) + pd.to_timedelta(frame[{name!r}], unit='h')"
    if kind == "cycle":
        return (f"; {name!r} holds the 24 numbers of a day's hours within each {time_col!r}, which reads as a "
                f"series id or as the hour of the day: if it tells series apart, {ids}; if it is the hour of the "
                f"day, the time is split over {time_col!r} and {name!r}: write them as one timestamp column "
                f"({example!r}), e.g. {how}, and name it with time_col= (--time-col)")
    return (f"; the time is split over {time_col!r} (the date) and {name!r} (the "
            f"{'time of day' if kind == 'clock' else 'hour of the day'}): rnncast reads time from one column, so "
            f"write them as one timestamp column ({example!r}), e.g. {how}, and name it with time_col= "
            f"(--time-col); {name!r} is no series id")


def split_year(frame: pd.DataFrame, time_col: str | None, candidates: list[str],
               within: pd.Series | None = None) -> tuple[str, str, str] | None:
    """``(column, unit, its first row as one time)``: the first of ``candidates`` named as a month, quarter or week
    (``UNITS``) that holds whole numbers of that unit (1 .. 12, 1 .. 4, 1 .. 53), each once within each year of
    ``time_col`` (of each series, where ``within`` [rows] gives each row's series id: FluView's region, YEAR, WEEK),
    where ``time_col`` holds years (whole numbers 1000 .. 2999); None otherwise."""
    if time_col is None or time_col not in frame.columns:
        return None
    years = frame[time_col]
    if pd.api.types.is_bool_dtype(years) or years.isna().any():
        return None
    if pd.api.types.is_numeric_dtype(years):
        numbers = years.to_numpy(dtype=np.float64)
        if not np.all(numbers == np.round(numbers)):
            return None
    elif years.astype(str).str.fullmatch(YEAR).all():
        numbers = years.astype(str).str.strip().astype(np.int64).to_numpy(dtype=np.float64)
    else:
        return None
    if not len(numbers) or numbers.min() < 1000 or numbers.max() > 2999:
        return None
    for name in candidates:
        column = frame[name]
        unit = next((u for u, (pattern, _, _) in UNITS.items() if pattern.fullmatch(name)), None)
        if unit is None or not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            continue
        values = column.to_numpy(dtype=np.float64)
        if np.isnan(values).any() or not np.all(values == np.round(values)):
            continue
        if values.min() < 1 or values.max() > UNITS[unit][1] or len(set(values.tolist())) < 2:
            continue
        pairs = pd.DataFrame({"y": numbers, "v": values, "s": 0 if within is None else within.to_numpy()})
        if pairs.duplicated().any():  # a unit twice in a year: several series, or not the unit
            continue
        if unit == "period":  # fiscal periods: no pandas calendar, numbered (decision 1975)
            return name, "fiscal period", f"{int(numbers.min())};{13 if values.max() == 13 else 12}"
        if unit in ("month", "quarter") and fiscalweeks.fiscal_named(time_col):  # FY2016's April: April 2015 (decision 2105)
            return name, f"fiscal-year {unit}", fiscalsplit.example(numbers, values, within, unit)
        odd = fiscalweeks.odd_year(numbers, values) if unit == "week" and not named(name) else None
        if odd is not None or (unit == "week" and (fiscalweeks.fiscal_named(name) or fiscalweeks.fiscal_named(time_col))):
            why = (f"{odd} has a week 53, which neither ISO nor MMWR gives {odd}" if odd is not None else
                   f"{time_col!r} and {name!r} are named as fiscal")  # a 52/53-week year's, no ISO or MMWR week
            return name, "fiscal week", why
        if unit == "week" and (calendar := _calendar(name, pairs))[0] != "ISO":  # decision 1608: by the data as a whole
            sunday = mmwr_start(int(numbers[0]), int(values[0])).strftime("%Y-%m-%d")
            if calendar[0] == "MMWR":
                return name, "MMWR week", sunday
            label = UNITS[unit][2].format(y=int(numbers[0]), v=int(values[0]))  # why its years cannot tell, after '; '
            return name, "MMWR or ISO week", f"{sunday} or {label}" + (f"; {calendar[1]}" if calendar[1] else "")
        return name, unit, UNITS[unit][2].format(y=int(numbers[0]), v=int(values[0]))
    return None


def split_years(frame: pd.DataFrame, candidates: list, within: pd.Series | None = None
                ) -> tuple[str, tuple[str, str, str]] | None:
    """Where no time column was found, or the one found is a year's unit (``period`` read as the time beside
    ``fiscal_year``): the first of ``candidates`` that is a year and ``split_year``'s finding for it among the others
    (``yr``, ``quarter``: the time split over two columns, which numbering the rows would pass over), in each series
    of ``within`` where given; else None. A year is told by its name (``YEAR_NAMES``: ``yr``, ``Jahr``, ``fy_year``;
    ``year`` itself where it held no integers to be taken by name) or, under any other name, by its values
    (``year_valued``: whole numbers 1900 .. 2100) where they stay the same over each run of the unit's numbers
    (``_cycles``: ``FYr``, 2020 over periods 1 .. 12, then 2021; decision 2059)."""
    named = [c for c in candidates if YEAR_NAMES.fullmatch(str(c))]
    for name in named + [c for c in candidates if c not in named and year_valued(frame[c])]:
        found = split_year(frame, name, [c for c in candidates if c != name], within)
        if found and (name in named or _cycles(frame[name], frame[found[0]], within)):
            return name, found
    return None


def year_valued(column: pd.Series) -> bool:
    """Whether ``column`` [rows] holds years by its values: whole numbers 1900 .. 2100, no blank, each on two rows
    or more on average (a year's months, quarters or periods)."""
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column) or column.isna().any():
        return False
    values = column.to_numpy(dtype=np.float64)
    return bool(len(values) and np.all(values == np.round(values)) and values.min() >= 1900 and values.max() <= 2100
                and 2 * column.nunique() <= len(values))


def year_column(column: pd.Series) -> bool:
    """Whether ``column`` is a year, by name (``YEAR_NAMES``) or by values (``year_valued``): never a series id
    (``repeatedrows.id_hint``: 'fiscal_year' beside 'period' would train a series a year; decision 2059)."""
    return YEAR_NAMES.fullmatch(str(column.name)) is not None or year_valued(column)


def _cycles(years: pd.Series, units: pd.Series, within: pd.Series | None) -> bool:
    """Whether, row after row (within each series of ``within``), ``years`` stays the same while ``units`` counts up
    and changes only where a new year starts: a year over the runs of its periods, not a number that happens to be
    1900 .. 2100."""
    table = pd.DataFrame({"y": years.to_numpy(dtype=np.float64), "v": units.to_numpy(dtype=np.float64),
                          "s": 0 if within is None else within.to_numpy()})
    steps = table.groupby("s")[["y", "v"]].diff().dropna()
    return bool(len(steps) and ((steps["y"] > 0) | ((steps["y"] == 0) & (steps["v"] > 0))).all())


def _calendar(name: str, pairs: pd.DataFrame) -> tuple[str, str]:
    """("MMWR", "ISO" or "either", why): the calendar of the weeks ``pairs`` (columns y: year, v: week, s: series),
    named as MMWR weeks, else told by the data as a whole (decision 1608): a year the data gives 53 weeks (a week 53)
    or 52 (a series going from its week 52 to the next year's week 1) where one calendar gives it that many and the
    other not (MMWR's 2014 and 2025 have 53 weeks, ISO's 52; ISO's 2015 and 2026 have 53, MMWR's 52). "either" where
    no year of the data tells them apart (2016 .. 2019: 52 weeks in both; 2020: 53 in both), or its years say both;
    ``why``: in the latter, which years say which and the week each reading finds missing or extra (decision 1724)."""
    if named(name):
        return "MMWR", ""
    said = {}
    keys = set(zip(pairs["s"].tolist(), pairs["y"].astype(int).tolist(), pairs["v"].astype(int).tolist()))
    long = {y for _, y, v in keys if v == 53}
    short = {y for s, y, v in keys if v == 52 and (s, y + 1, 1) in keys} - long
    for year in sorted(long | short):
        mmwr, iso = long_year(year), iso_long(year)
        if mmwr != iso:
            said.setdefault("MMWR" if mmwr == (year in long) else "ISO", []).append(year)
    if len(said) == 1:
        return next(iter(said)), ""
    if not said:
        return "either", ""
    other = {"MMWR": "ISO", "ISO": "MMWR"}
    which = ", ".join(f"{y}'s {53 if y in long else 52} weeks say {c} ({other[c]} gives it {52 if y in long else 53})"
                      for c in ("ISO", "MMWR") for y in said[c])  # 2014's 52 weeks say ISO (MMWR gives it 53)
    read = "; ".join(f"read as {c}, " + " and ".join(f"{y}'s week 53 is {'extra' if y in long else 'missing'}"
                                                    for y in said[other[c]]) for c in ("MMWR", "ISO"))
    extra = " or extra" if long & {y for years in said.values() for y in years} else ""
    return "either", f"its years' lengths disagree: {which}; a week missing{extra}? ({read})"


def year_joined(time_col: str, name: str, unit: str, example: str) -> str:
    """The clause a refusal of repeated years adds: the time is split over ``time_col`` (the year) and ``name`` (the
    ``unit`` in it; ``example``: ``split_year``'s; for "MMWR or ISO week" both labels, "2013-12-29 or 2014-W01", then,
    after '; ', why the years cannot tell where they disagree), and how to write it as one time column rnncast reads."""
    if unit in ("fiscal week", "fiscal period"):
        return fiscalweeks.split_clause(time_col, name, unit, example)
    if unit.startswith("fiscal-year"):  # fiscal_year,month: never joined as a calendar year's (decision 2105)
        return fiscalsplit.clause(time_col, name, unit, example)
    if unit == "week":
        how = (f"frame['time'] = frame[{time_col!r}].astype(str) + '-W' + frame[{name!r}].astype(str).str.zfill(2)")
    elif unit in ("MMWR week", "MMWR or ISO week"):
        how = (f"january4 = pd.to_datetime(frame[{time_col!r}].astype(str) + '-01-04'); frame['time'] = january4 - "
               f"pd.to_timedelta((january4.dt.day_of_week + 1) % 7, unit='D') + pd.to_timedelta(frame[{name!r}] - 1, "
               f"unit='W')")
    else:
        field, freq = ("month", "M") if unit == "month" else ("quarter", "Q")
        how = (f"frame['time'] = pd.PeriodIndex.from_fields(year=frame[{time_col!r}], {field}=frame[{name!r}], "
               f"freq={freq!r})")
    iso = {"week": ", an ISO week", "MMWR week": ", the Sunday the week starts on"}.get(unit, "")
    if unit == "MMWR or ISO week":  # the data cannot tell: both readings, and how to choose (decision 1608)
        pair, _, why = example.partition("; ")  # why: which years say which, where they disagree (decision 1724)
        sunday, label = pair.split(" or ")
        week = (f"frame['time'] = frame[{time_col!r}].astype(str) + '-W' + frame[{name!r}].astype(str).str.zfill(2)")
        return (f"; the time is split over {time_col!r} (the year) and {name!r} (the week of the year): rnncast reads "
                f"time from one column, so write them as one time column, as CDC's MMWR weeks (Sunday to Saturday, "
                f"FluView's YEAR,WEEK: {sunday!r}, the Sunday the week starts on), e.g. {how}, or as ISO weeks (Monday "
                f"to Sunday: {label!r}, text rnncast reads), e.g. {week}; the data cannot tell which: "
                + (why or "none of its years has a length that only one calendar gives (MMWR gives 2014 and 2025 53 "
                   "weeks, ISO 2015 and 2026)") + ", so take the one its source uses (CDC and FluView: MMWR; ECDC and "
                f"most of Europe: ISO); name it with time_col= (--time-col); {name!r} is no series id")
    return (f"; the time is split over {time_col!r} (the year) and {name!r} (the {unit} of the year): rnncast reads "
            f"time from one column, so write them as one time column ({example!r}{iso}, text rnncast reads), e.g. {how}, "
            f"and name it with time_col= (--time-col); {name!r} is no series id")

"""A fiscal year split from its month or quarter (``fiscal_year,month``, ``FY,quarter``): how to join them into one time
column, never as ``splittime`` joins a calendar year with its month (decision 2105).

``pd.PeriodIndex.from_fields(year=frame['fiscal_year'], month=frame['month'])`` takes the fiscal year for the month's
calendar year: FY2016's April (a year from April 2015 to March 2016, as pandas names a fiscal year by the year it ends)
became April 2016, a year late, and the data's months then repeat and skip. Where the rows show the years changing
at a month (or quarter) other than the first (from March to April: years from April), the months are the calendar's
and the year of each is said both ways, since the data cannot tell how its source names a fiscal year (pandas, by the
year it ends; Japan's 年度, by the year it starts). Where they change at month 1, or the rows do not show it, the
months are the calendar year's or count the fiscal year's own (1: its first), and both joins are said. A fiscal year
and its quarter (1: the fiscal year's first) are written as FY labels (``FY2016Q1``), which ``fiscalquarters`` reads
under the freq that names the fiscal year's end (``--freq QE-MAR``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")


def start(years: np.ndarray, values: np.ndarray, within: pd.Series | None, count: int) -> int | None:
    """The month (or quarter, ``count`` 4) the fiscal years of ``years`` [rows] start in, as the rows in their order show
    it: every row whose year is one more than the row before's (in its series, ``within`` [rows]) holding the unit after
    that row's (12 then 1, 3 then 4); None where no row shows it or two rows show two units."""
    frame = pd.DataFrame({"y": years, "v": values, "s": 0 if within is None else within.to_numpy()})
    before = frame.groupby("s")[["y", "v"]].shift()
    turns = (frame["y"] - before["y"] == 1) & ((before["v"] % count) + 1 == frame["v"])
    found = set(frame["v"][turns].astype(int).tolist())
    return found.pop() if len(found) == 1 else None


def example(years: np.ndarray, values: np.ndarray, within: pd.Series | None, unit: str) -> str:
    """``splittime.split_year``'s example of a fiscal year and its ``unit`` ('month' or 'quarter'): the month (or
    quarter) the years start in, 0 where the rows do not show it, then the first row's year and unit ('4;2016;4')."""
    first = start(years, values, within, 12 if unit == "month" else 4)
    return f"{first or 0};{int(years[0])};{int(values[0])}"


def clause(time_col: str, name: str, unit: str, found: str) -> str:
    """The clause a refusal of repeated years adds where ``time_col`` is named as a fiscal year and ``name`` holds its
    ``unit`` ('fiscal-year month' or 'fiscal-year quarter'; ``found``: ``example``'s): how to write them as one time
    column, each reading the data cannot tell apart said with its pandas line."""
    first, year, value = (int(v) for v in found.split(";"))
    month = unit.endswith("month")
    field, freq, of = ("month", "M", "month") if month else ("quarter", "Q", "quarter")
    y, v = f"frame[{time_col!r}]", f"frame[{name!r}]"
    said = f"; the time is split over {time_col!r} (a fiscal year, by its name) and {name!r} (a {of} in it)"
    tail = f"; name it with time_col= (--time-col); {name!r} is no series id"
    if first > 1:  # the years change at a later month: calendar months of years starting in it
        begins = first - 1 if month else 3 * first - 3  # the month the years start in, from 0
        return (f"{said}, whose years start in {MONTHS[begins]} (they change from {of} {first - 1} to {first}), so "
                f"the calendar year of {of}s {first} .. {12 if month else 4} is not {time_col!r}: write one time column "
                f"of calendar {of}s, for years named by the year they end in, as pandas names them ({year}: "
                f"{MONTHS[begins]} {year - 1} to {MONTHS[begins - 1]} {year}), e.g. frame['time'] = pd.PeriodIndex.from_fields(year={y} - ({v} >= {first}), {field}={v}, "
                f"freq={freq!r}), or named by the year they start in (Japan's 年度), year={y} + ({v} < {first}); the "
                f"data cannot tell which, so take the one its source uses{tail}")
    where = f"change at {of} 1" if first else f"show no {of} where they change"
    if not month:
        return (f"{said}, whose years {where}: its quarters are the fiscal year's (1: its first), so write them as "
                f"fiscal quarter labels ('FY{year}Q{value}', text rnncast reads), e.g. frame['time'] = 'FY' + "
                f"{y}.astype(str) + 'Q' + {v}.astype(str), and give the freq naming the month the years end in, "
                f"--freq QE-MAR (freq='QE-MAR') for years ending in March ('FY2016Q1' is then April to June 2015, as "
                f"pandas names a fiscal year by the year it ends; a year named by the one it starts in is labelled "
                f"the next: add 1 to it), QE-JUN, QE-SEP, or QE-DEC for the calendar year's{tail}")
    return (f"{said}, whose years {where}: if {name!r} is the calendar month and the fiscal year the calendar year, "
            f"e.g. frame['time'] = pd.PeriodIndex.from_fields(year={y}, month={v}, freq='M'); if it counts the "
            f"months of a fiscal year that starts in another month (1: its first), shift them, e.g. for years from "
            f"April named by the year they end in, as pandas names them, frame['time'] = pd.PeriodIndex.from_fields("
            f"year={y} - ({v} <= 9), month=({v} + 2) % 12 + 1, freq='M'); the data cannot tell which, so take the one "
            f"its source uses{tail}")

"""CDC's MMWR weeks written as one integer, ``YYYYWW`` (an ``epiweek`` column of FluView or Delphi's epidata: 201453):
weeks that run Sunday to Saturday, whose years have 53 weeks where ISO's have 52 (2014) and 52 where ISO's have 53
(2015). A column of them is read as no ISO weeks where it holds such a week 53, so it was taken for no time column and
its rows numbered; ``weeks`` reads it (each week's Sunday, ``mmwr_start``), ``named`` tells a column named as
MMWR weeks (``epiweek``, ``mmwr_week``, ``cdc_week``), and ``refusal`` says how to write them as the Sunday each
starts on, the time rnncast reads (``compactdates.counter_dates`` refuses YYYYWW, never guessing ISO's or MMWR's calendar).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

NAMED = re.compile(r"(?i)\s*(mmwr|epi|cdc)")  # epiweek, epi_week, MMWR_WEEK, cdc week: MMWR weeks by their name


def mmwr_start(year: int, week: int) -> pd.Timestamp:
    """The Sunday MMWR week ``week`` of ``year`` starts on: week 1 is the Sunday-to-Saturday week holding January 4
    (at least four of its days in January), as CDC's MMWR week definition has it."""
    january4 = pd.Timestamp(year=year, month=1, day=4)
    return january4 - pd.Timedelta(days=(january4.day_of_week + 1) % 7) + pd.Timedelta(weeks=week - 1)


def long_year(year: int) -> bool:
    """Whether MMWR gives ``year`` 53 weeks (2014, 2020), ISO or not."""
    return (mmwr_start(year + 1, 1) - mmwr_start(year, 1)).days == 53 * 7


def iso_long(year: int) -> bool:
    """Whether ISO gives ``year`` 53 weeks (2015, 2020, 2026): December 28 lies in its last week. Both calendars'
    "has a week 53" live here, beside ``long_year`` (decision 2016)."""
    return pd.Timestamp(year=year, month=12, day=28).isocalendar()[1] == 53


def named(name) -> bool:
    return bool(NAMED.match(str(name)))


def weeks(values: np.ndarray) -> pd.DatetimeIndex | None:
    """Integers that are all MMWR weeks written ``YYYYWW`` (a year 1600 .. 2399, weeks 1 .. 52, or 53 in a year that
    MMWR gives 53: 2014, 2020 ...) as the Sunday each starts on, else None."""
    if not len(values) or values.min() < 160001 or values.max() > 239953:
        return None
    years, numbers = values // 100, values % 100
    distinct, each = np.unique(years, return_inverse=True)  # a year's Sunday found once, not once a row
    starts = pd.DatetimeIndex([mmwr_start(int(y), 1) for y in distinct])
    ends = pd.DatetimeIndex([mmwr_start(int(y) + 1, 1) for y in distinct])
    longest = np.where((ends - starts).days == 53 * 7, 53, 52)
    if numbers.min() < 1 or (numbers > longest[each]).any():
        return None
    return starts[each] + pd.to_timedelta(numbers - 1, unit="W")


def refusal(name: str, values: np.ndarray, sundays: pd.DatetimeIndex, iso: pd.DatetimeIndex | None, readings: str,
            step: str) -> str:
    """The refusal of the column ``name`` of MMWR weeks ``values`` [N] written YYYYWW (``sundays`` [N]: ``weeks``;
    ``iso``: their Mondays where they read as ISO weeks too, else None); ``readings``: their gaps read as integer
    steps and as weeks; ``step``: the freq that reads them as integer steps."""
    first, year, sunday = int(values[0]), next((int(v) // 100 for v in values if v % 100 == 53), None), sundays[0]
    why = "as its name says" if iso is not None else f"{year}53 is a week 53, which MMWR's {year} has and ISO's lacks"
    iso_way = f"; if they are ISO weeks (Monday to Sunday), write them {iso[0]:%G-W%V}" if iso is not None else ""
    return (f"time column {name!r} holds {first} .. {values[-1]}, which look like CDC's MMWR weeks written YYYYWW "
            f"(Sunday to Saturday, {why}; {first}: the week of Sunday {sunday.day} {sunday:%B %Y}): {readings}; rnncast "
            f"reads no MMWR weeks: write each as the Sunday its week starts on ({first}: {sunday:%Y-%m-%d}), e.g. "
            f"january4 = pd.to_datetime((frame[{name!r}] // 100).astype(str) + '-01-04'); frame[{name!r}] = january4 - "
            f"pd.to_timedelta((january4.dt.day_of_week + 1) % 7, unit='D') + pd.to_timedelta(frame[{name!r}] % 100 - 1, "
            f"unit='W'){iso_way}; or give a step ({step}) to read them as integer steps")

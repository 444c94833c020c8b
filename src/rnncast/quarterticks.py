"""How a tick on a quarter is named (``dateticks.point_ticks`` places them): a quarterly calendar's points (QS, QE,
fiscal QE-NOV or QS-OCT) and calendar quarters' ends are named as the calendar quarters they fall in, as the CSVs,
tables and --cutoff write them ("2022Q1", "Q2" ...; a point of QS-OCT's 2022-10-01 is "2022Q4", never fiscal 2023's Q1:
decision 1045), in the data's own form where it writes quarters ("Q1 2022") or half-years ("2022H2"), never by the
months they start in; a year's tick on a quarter other than its first names that quarter ("2019Q3", not "2019" two
quarters before 2020's first). Each label has a narrower, stacked form ("Q3" over "2019") for a crowded axis.
Fiscal quarter labels that a fiscal freq read (``fiscalquarters``: 'FY2006Q1' of QE-MAR) are the CSVs' form too: their
points are named as the fiscal quarters they are ("FY2006Q1", "Q2"; a year's tick "FY2006"), as test_forecasts.csv
writes them, not as the calendar quarters they fall in (decision 1447)."""

from __future__ import annotations

import re

import pandas as pd
from pandas.tseries.offsets import BQuarterBegin, BQuarterEnd, QuarterBegin, QuarterEnd

from rnncast import fiscalquarters, halfyears

YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")  # a year written in a label: "2024Q1", "2024년 1분기"
QUARTERLY = (QuarterBegin, QuarterEnd, BQuarterBegin, BQuarterEnd)


CALENDAR_QUARTERS = "Q-DEC"  # the frequency of pandas' Periods of calendar quarters, by which quarters are named


def quarterly(calendar) -> bool:
    """Whether ``calendar`` is quarterly (``QS``, ``QE``, ``BQE``, ``2QS``, fiscal ``QE-NOV``, ``QS-OCT`` ...): its
    points are then named by the calendar quarters they fall in (``CALENDAR_QUARTERS``), as ``timetext.write`` writes
    quarters in the CSVs and tables (a fiscal Period, ``Q-SEP``'s "2023Q1" for 2022-10-01, named a quarter the CSV
    calls 2022Q4: decision 1045); False for any other calendar, or none."""
    return getattr(calendar, "kind", None) in ("datetime", "period") and isinstance(getattr(calendar, "freq", None),
                                                                                   QUARTERLY)


def quarter_labels(periods: pd.PeriodIndex, unit: str, written: str | None = None) -> list[str]:
    """The labels of ticks on quarters (``periods``, calendar quarters): each quarter as its Period writes it
    ("2022Q1"; in the data's form ``written``: "Q1 2022"; a half-year column's: "2022H2") where its year is named, under the first tick and where the
    year changes, else "Q2". Ticks of a ``unit`` of years are named by their year ("2022") where they are its first
    quarter, else by their quarter ("2019Q3": a series' first point, two quarters before 2020's "2020")."""
    if unit == "year":
        return [year_of(p, written) if p.quarter == 1 else named(p, written) for p in periods]
    return [named(p, written) if i == 0 or p.qyear != periods[i - 1].qyear else alone(p, written)
            for i, p in enumerate(periods)]


def stacked_labels(periods: pd.PeriodIndex, unit: str, written: str | None = None) -> list[str]:
    """Each tick of ``quarter_labels`` written narrower: its quarter alone over its year as the axis writes years, by
    ``unit`` "year" as its year ticks do ("Q3\n2019", "3분기\n2019" before "2020"; a year's first quarter "2020"),
    by quarter as the data's form of a quarter writes its year ("3분기\n2023년" where "2024년 1분기" follows, not
    "3분기\n2023"; "Q3\n2023" for "2023Q3" and "Q3 2023")."""
    def year(p) -> str:
        whole, part = named(p, written), alone(p, written)
        left = whole.replace(part, "", 1).strip(" -/.") if part in whole else ""
        return left if unit != "year" and YEAR.search(left) else str(p.qyear)

    return [year_of(p, written) if unit == "year" and p.quarter == 1 else f"{alone(p, written)}\n{year(p)}"
            for p in periods]


def year_of(p: pd.Period, written: str | None = None) -> str:
    """A year's tick on its first quarter: "2022"; a fiscal label's year as the labels write it, "FY2022"."""
    if not fiscalquarters.owns(written):
        return str(p.qyear)
    return named(p, written).replace(alone(p, written), "", 1).strip(" -/")


def period_freq(written: str | None = None) -> str:
    """The Periods' frequency whose quarters ticks are named by: the fiscal year's where ``written`` is a fiscal
    label's format ('Q-MAR' for 'FY%FQ%!q|QE-MAR'), else calendar quarters' (``CALENDAR_QUARTERS``)."""
    fiscal = fiscalquarters.period_freq(written.rsplit("|", 1)[1]) if fiscalquarters.owns(written) else None
    return fiscal or CALENDAR_QUARTERS


def named(p: pd.Period, written: str | None = None) -> str:
    """A quarter with its year, as its Period writes it ("2022Q1") or the data's form ``written`` does ("Q1 2022";
    a half-year column's "2022H2", "2022년 하반기")."""
    if halfyears.owns(written):
        return halfyears.write(pd.DatetimeIndex([p.start_time]), written)[0]
    if fiscalquarters.owns(written):  # p is a Period of the fiscal year (period_freq): written as the CSVs write it
        return fiscalquarters.write(pd.DatetimeIndex([p.start_time]), written)[0]
    return p.strftime(written) if written else str(p)


def alone(p: pd.Period, written: str | None = None) -> str:
    """The quarter alone, as the data writes it: "3분기", "Q3", "1/4" (t26t9: not "Q3" for 3분기), "H2", "하반기"."""
    if halfyears.owns(written):
        return named(p, written).replace(str(p.qyear), "").strip(" -/년")
    if fiscalquarters.owns(written):
        return f"Q{p.quarter}"
    return p.strftime(written.replace("%Y", "").strip(" -/.년年")) if written else f"Q{p.quarter}"


def written_form(calendar) -> str | None:
    """The data's own form of a quarter of a quarterly ``calendar`` (its ``text_format``) where it writes quarters
    ("%YQ%q", "Q%q %Y") or half-years ("%YH%!h"); None otherwise (a date format: quarters named as Periods write them)."""
    fmt = calendar.text_format if quarterly(calendar) else None
    return fmt if fmt and ("%q" in fmt or halfyears.owns(fmt) or fiscalquarters.owns(fmt)) else None  # 2015Q2, Q2
    # 2015; half-years 2015H2; fiscal quarters FY2016Q1

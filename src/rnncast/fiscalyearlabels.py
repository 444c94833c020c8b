"""Fiscal years written alone as labels (``FY1990``, ``FY 1990``, ``1989/90``, ``1989-90``, ``1989/1990``), read under
a yearly calendar whose year ends in another month than December (``freq='YE-JUN'``, ``Y-JUN``, ``YS-JUL``), as the
fiscal quarters' labels are read under ``QE-JUN`` (``fiscalquarters``).

pandas names a fiscal year by the year it ENDS: ``pd.Period('1990', 'Y-JUN')`` is July 1989 to June 1990; so are
``FY1990`` and ``1989/90`` read (decision 2252), dated as the calendar dates the year (``YE-JUN``: 1990-06-30, its last
day; ``YS-JUL``: 1989-07-01, its first), and the forecasts written back in the column's form (``FY2026``,
``2025/26``). The format ``csvtext`` keeps is the label's template and the calendar: ``FY{end}|YE-JUN``. Without such
a calendar the labels stay refused (``fiscalyears``): fiscal years start in different months.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pandas.tseries.offsets import YearBegin, YearEnd

from rnncast import aliasnames
from rnncast.errors import RnncastError

FORMS = (  # a label's pattern and the template that writes it back
    (re.compile(r"^FY(?P<end>\d{4})$"), "FY{end}"), (re.compile(r"^FY (?P<end>\d{4})$"), "FY {end}"),
    (re.compile(r"^(?P<first>\d{4})/(?P<end>\d{2})$"), "{first}/{end2}"),
    (re.compile(r"^(?P<first>\d{4})-(?P<end>\d{2})$"), "{first}-{end2}"),
    (re.compile(r"^(?P<first>\d{4})/(?P<end>\d{4})$"), "{first}/{end}"),
    (re.compile(r"^(?P<first>\d{4})-(?P<end>\d{4})$"), "{first}-{end}"))
MONTHS = aliasnames.MONTHS


def period_freq(freq) -> str | None:
    """pandas' Period frequency of the fiscal years ``freq`` names (``YE-JUN``, ``Y-JUN``, ``YS-JUL``: ``Y-JUN``), or
    None where it names none (a December year, another calendar, a business year's, a multiple)."""
    offset = aliasnames.offset(freq)
    if type(offset) not in (YearEnd, YearBegin) or offset.n != 1:
        return None
    month = offset.month - 1 if isinstance(offset, YearBegin) else offset.month  # YS-JUL: ends in June
    return f"Y-{MONTHS[month - 1]}" if month not in (0, 12) else None


def _year(value) -> tuple[str, int] | None:
    """The template ``value`` is written in and the year it ends, or None where it is no fiscal year's label (two
    years not successive: '1989/91')."""
    text = value.strip() if isinstance(value, str) else None
    for form, template in FORMS if text is not None else ():
        if (m := form.match(text)) is None:
            continue
        if "first" not in m.groupdict():
            return template, int(m["end"])
        first, end = int(m["first"]), m["end"]
        following = first + 1
        ok = int(end) == (following % 100 if len(end) == 2 else following)
        return (template, following) if ok else None
    return None


def pattern(column: pd.Series, least: int = 2) -> str | None:
    """The template every value of ``column`` (``least`` or more, text) is written in, or None."""
    values = column.dropna()
    if len(values) < least or not all(isinstance(v, str) for v in values):
        return None
    forms = {(read[0] if (read := _year(v)) is not None else None) for v in values}
    return forms.pop() if len(forms) == 1 and None not in forms else None


def labels(column: pd.Series, freq, name: str, least: int = 2) -> tuple[pd.DatetimeIndex, str]:
    """The labels of ``column`` as the dates the calendar ``freq`` gives their fiscal years, and the format they are
    written back in. Raises ``RnncastError`` where they are not all written in one form or ``freq`` names no fiscal
    year."""
    template, periods = pattern(column, least), period_freq(freq)
    if template is None or periods is None:
        raise RnncastError(f"time column {name!r} is not written as fiscal years of freq {freq!r}")
    ends = [_year(v)[1] if isinstance(v, str) else None for v in column]
    years = pd.PeriodIndex([str(y) if y is not None else None for y in ends], freq=periods)
    offset = aliasnames.offset(freq)
    return _dated(years, offset).rename(name), f"{template}|{offset.freqstr}"


def _dated(years: pd.PeriodIndex, offset) -> pd.DatetimeIndex:
    """The day the calendar ``offset`` dates each fiscal year: its first (``YS-JUL``) or its last (``YE-JUN``)."""
    if isinstance(offset, YearBegin):
        return pd.DatetimeIndex(years.start_time)
    return pd.DatetimeIndex(years.end_time.normalize())


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """``column`` written in ``fmt`` (``labels``')."""
    return labels(column, fmt.rsplit("|", 1)[1], name, least=1)[0]  # a forecast's one date too


def owns(fmt: str | None) -> bool:
    return fmt is not None and "{end" in fmt and "|" in fmt and period_freq(fmt.rsplit("|", 1)[1]) is not None


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as the fiscal years they fall in, written in ``fmt`` (``labels``')."""
    template, freq = fmt.rsplit("|", 1)
    years = pd.DatetimeIndex(times).tz_localize(None).to_period(period_freq(freq)).year
    return np.asarray([template.format(end=y, end2=f"{y % 100:02d}", first=y - 1) for y in years], dtype=object)


def format_of(column: pd.Series, time: pd.DatetimeIndex) -> str | None:
    """The format ``labels`` gave ``column`` read as ``time``, found from the first date (a year's last day: ``YE``,
    its first: ``YS``); None where none writes ``time`` back as the column's text."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) != len(column) or not len(column) or time.hasnans:
        return None
    if (template := pattern(column)) is None:
        return None
    first = time[0]
    freq = (f"YE-{MONTHS[first.month - 1]}" if first.is_month_end else
            f"YS-{MONTHS[first.month - 1]}" if first.day == 1 else None)
    if freq is None or period_freq(freq) is None:
        return None
    fmt = f"{template}|{freq}"
    return fmt if (write(time, fmt) == column.astype(str).str.strip().to_numpy()).all() else None

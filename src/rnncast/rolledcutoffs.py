"""A cutoff written as one time off the data's calendar, said as the time the series are cut at.

A tester's ``backtest --cutoff 2023-03-01`` on month-end data cut at 2023-02-28 without a word (the rows up to the
cutoff are those at or before it): ``said`` names the time it is read as, once per call.
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast.noticed import first_in_call
from rnncast.spelling import named
from rnncast.timetext import shown

log = logging.getLogger(__name__)

ENDS = {pd.offsets.MonthEnd: "month-end", pd.offsets.MonthBegin: "month-start", pd.offsets.QuarterEnd: "quarter-end",
        pd.offsets.QuarterBegin: "quarter-start", pd.offsets.YearEnd: "year-end", pd.offsets.YearBegin: "year-start",
        pd.offsets.BusinessMonthEnd: "business month-end", pd.offsets.BusinessDay: "business day"}


def said(at: pd.Timestamp, panel, text: str) -> None:
    """Where the cutoff ``at`` (written ``text``) is off the panel's calendar, say once per call (``first_in_call``)
    the calendar's last time on or before it, where the series are cut: "cutoff '2023-03-01' read as 2023-02-28, the
    last month-end on or before it"."""
    freq = panel.calendar.freq
    try:
        if freq is None or isinstance(freq, pd.offsets.Tick) or freq.is_on_offset(at):
            return
        back = freq.rollback(at)
    except (AttributeError, TypeError, ValueError):  # a session's bars, a week mask: no pandas offset to roll on
        return
    if not first_in_call("cutoff rolled", text):
        return
    kind = (f"{back:%A}" if isinstance(freq, pd.offsets.Week) else ENDS.get(type(freq)) or
            f"time of the data's calendar {panel.calendar.shown}")
    log.info("%s %r read as %s, the last %s on or before it", named("cutoff"), text,
             shown(back, panel.time, panel.calendar.text_format), kind)


def period_said(end, start, panel, text: str) -> None:
    """Where the cutoff ``text`` names a period holding several of the data's times (a year of months: '1958' of
    monthly data), say once per call the data's last time within it, where the series are cut, and that the first
    forecast is the time after it (decision 1491): "cutoff '1958' read as 1958-12-01, the data's last time in 1958 (the
    period is kept whole; the forecasts start after it)". ``start``, ``end``: the period's first and last instants (or
    periods of the data's frequency)."""
    time = panel.time
    within = time[(time >= start) & (time <= end)]
    if within.nunique() < 2 or not first_in_call("cutoff period", text):
        return
    last = within.max()
    log.info("%s %r read as %s, the data's last time in %s (the period is kept whole, as pandas slices df.loc[:%r]; "
             "the forecasts start after it)", named("cutoff"), text, shown(last, time, panel.calendar.text_format),
             text, text)


def days_said(period: pd.Period, panel, text: str, end: pd.Timestamp) -> None:
    """Where the cutoff ``text`` names the days of a quarter or year (a ``pd.Period``, held as its days:
    ``periodspans.held``) that the data write as another period, say once per call which (decision 2032): "cutoff
    '2016-07-01/2016-09-30' read as 2017Q2, the data's Q-MAR period that holds its last day, 2016-09-30"."""
    if first_in_call("cutoff days", text):
        log.info("%s %r read as %s, the data's %s period that holds its last day, %s", named("cutoff"), text, period,
                 panel.time.freqstr, f"{end:%Y-%m-%d}")

"""Fiscal quarters written as labels (``FY2006Q1``, ``FY2006 Q1``, ``2006Q1``), read as the quarters of the fiscal
year the given calendar names (``freq='QE-MAR'``, ``--freq QE-MAR``: years ending in March).

pandas names a fiscal year by the year it ENDS: ``pd.Period('2006Q1', freq='Q-MAR')`` is April to June 2005, the first
quarter of the year from April 2005 to March 2006, and ``Period.strftime('FY%FQ%q')`` writes it ``FY2006Q1``; so are
such labels read here. Without a fiscal calendar the labels are refused (``fiscalyears``), naming the freq that reads
them: fiscal years start in different months, and ``2006Q1`` alone is read as the calendar quarter January-March 2006.

A quarterly calendar is fiscal where its year ends in March, June or September (``QE-MAR``, ``QS-APR``, ``BQE-JUN`` ...),
whose quarters are the calendar's quarters named otherwise. ``labels`` dates each label as the calendar dates its
quarters (``QE-MAR``: the quarter's last day; ``QS-APR``: its first), and gives the format ``csvtext`` keeps, so that
forecasts are written back as labels in the same form (``FY2025Q3``): the label's pattern in ``Period.strftime``'s
directives, ``%!q`` for the quarter (not ``%q``, which names calendar quarters to ``timetext`` and others), then ``|`` and
the calendar (``FY%FQ%!q|QE-MAR``). ``owns``, ``write`` and ``format_of`` serve ``timetext`` and ``csvtext``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast.errors import RnncastError

LABEL = re.compile(r"^(?P<fy>FY\s*)?(?P<y>\d{4})(?P<sep>[-\s]?)Q(?P<q>[1-4])$", re.IGNORECASE)  # FY2006Q1, 2006-Q1
FISCAL_ENDS = {3: "MAR", 6: "JUN", 9: "SEP"}  # a year whose quarters are the calendar's, ending another month
STARTS = {"MAR": "APR", "JUN": "JUL", "SEP": "OCT"}  # the month such a year starts in
OWNED = re.compile(r"\|(?P<freq>[A-Z]+-[A-Z]{3})$")
BEGINS = (pd.offsets.QuarterBegin, pd.offsets.BQuarterBegin)


def period_freq(freq) -> str | None:
    """pandas' Period frequency of the fiscal quarters ``freq`` names (``QE-MAR``, ``QS-APR``: ``Q-MAR``), or None
    where it names none (calendar quarters ``QE-DEC``, another calendar, a freq pandas does not read)."""
    try:
        offset = to_offset(str(freq).strip()) if freq is not None and not isinstance(freq, pd.PeriodDtype) else None
    except (ValueError, TypeError):
        return None
    if not isinstance(offset, (pd.offsets.QuarterEnd, pd.offsets.BQuarterEnd, *BEGINS)) or offset.n != 1:
        return None
    month = offset.startingMonth - 1 if isinstance(offset, BEGINS) else offset.startingMonth  # QS-APR: ends in March
    month = month or 12
    return f"Q-{FISCAL_ENDS[month]}" if month in FISCAL_ENDS else None


def pattern(column: pd.Series) -> str | None:
    """The pattern every value of ``column`` (text, two or more, none missing counted) is written in, or None."""
    values = column.dropna()
    if not len(values) or not all(isinstance(v, str) for v in values):
        return None
    forms = {_form(v.strip()) for v in values}
    return forms.pop() if len(forms) == 1 and None not in forms else None


def _form(text: str) -> str | None:
    m = LABEL.match(text)
    return None if m is None else f"{m['fy'] or ''}%F{m['sep']}Q%!q"


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """``column`` written in ``fmt`` (``labels``'), as ``timetext.read`` reads other owners' forms."""
    return labels(column, fmt.rsplit("|", 1)[1], name, place)[0]


def labels(column: pd.Series, freq, name: str, place) -> tuple[pd.DatetimeIndex, str]:
    """The labels of ``column`` (every one written as ``pattern`` finds) as the dates the fiscal calendar ``freq``
    gives their quarters, and the format they are written back in; a missing value is NaT."""
    fmt = pattern(column)
    periods = period_freq(freq)
    if fmt is None or periods is None:
        raise RnncastError(f"time column {name!r} is not written as fiscal quarters of freq {freq!r}")
    offset = to_offset(str(freq).strip())
    given = column.notna().to_numpy()
    parts = column.astype(str).str.strip().str.extract(LABEL)
    labels = pd.PeriodIndex((parts["y"] + "Q" + parts["q"]).where(given), freq=periods)
    stamps = [pd.NaT if p is pd.NaT else offset.rollforward(p.start_time) if isinstance(offset, BEGINS)
              else offset.rollback(p.end_time.normalize()) for p in labels]
    return pd.DatetimeIndex(stamps, name=name), f"{fmt}|{offset.freqstr}"


def span(value, freq) -> str | None:
    """The months the label ``value`` names as a quarter of ``freq``'s fiscal years (``FY2006Q1`` of ``QE-MAR``:
    'April to June 2005'), or None where it is no such label."""
    m = LABEL.match(str(value).strip())
    if m is None or period_freq(freq) is None:
        return None
    p = pd.Period(f"{m['y']}Q{m['q']}", freq=period_freq(freq))
    return f"{p.start_time:%B} to {p.end_time:%B %Y}" if p.start_time.year == p.end_time.year else \
        f"{p.start_time:%B %Y} to {p.end_time:%B %Y}"


def owns(fmt: str | None) -> bool:
    return fmt is not None and OWNED.search(fmt) is not None and "%!q" in fmt


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as the fiscal quarters they fall in, written in ``fmt`` (``read``'s)."""
    label, freq = fmt.rsplit("|", 1)
    periods = pd.DatetimeIndex(times).tz_localize(None).to_period(period_freq(freq))
    return np.asarray(periods.strftime(label.replace("%!q", "%q")), dtype=object)


def format_of(column: pd.Series, time: pd.DatetimeIndex) -> str | None:
    """The format ``read`` gave ``column`` read as ``time``: its pattern, and the fiscal calendar whose quarters
    write ``time`` back as the column's text, their days as that calendar dates them; None where none does."""
    label = pattern(column)
    if label is None or not isinstance(time, pd.DatetimeIndex) or len(time) != len(column) or time.hasnans:
        return None
    text = column.astype(str).str.strip().to_numpy()
    for month in FISCAL_ENDS.values():
        for freq in (f"QE-{month}", f"QS-{STARTS[month]}", f"BQE-{month}", f"BQS-{STARTS[month]}"):
            fmt = f"{label}|{freq}"
            if (write(time, fmt) == text).all() and (labels(column, freq, "", str)[0] == time).all():
                return fmt
    return None

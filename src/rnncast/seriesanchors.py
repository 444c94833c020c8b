"""Series of one panel that keep the same grain on different anchors: one site on month-starts beside 39 on month-ends.

Per-series calendars are deliberate (a panel may hold weekly and monthly series), and fit said such a panel only in
an INFO line, "calendars differ by series: 'ME' ('S00' and 38 more), 'MS' ('S01')". Yet two anchors of one grain are
most often one export written two ways: each series is forecast and cut on its own calendar, so 'S01''s forecasts
were dated 2026-11-01 beside the others' 2026-11-30 (a join of the forecasts on the date misaligns them), its test
cutoff read as 2026-04-01 beside the others' 2026-04-30, and the Diebold–Mariano test counted May's first targets as
two forecast times (t39t3 L3). ``warn`` says so at fit in one WARNING line naming the series of each anchor, with the
pandas line that puts every series on the anchor most keep where one exists; ``period_code`` gives the period under
which the month (quarter, year) anchors name one period, so that ``forecasttimes`` counts it once (decision 2122).
Weeks are warned of, not merged: 'W-MON' may name the week a Monday starts or the one it ends.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.monthdays import PERIODS
from rnncast.timecalendar import by_series

log = logging.getLogger("rnncast.loading")  # said among the loader's lines on the time it read (calendarnotes)

_O = pd.offsets
GRAINS = (((_O.MonthEnd, _O.MonthBegin, _O.BusinessMonthEnd, _O.BusinessMonthBegin, _O.CustomBusinessMonthEnd,
            _O.CustomBusinessMonthBegin), "month"),
          ((_O.QuarterEnd, _O.QuarterBegin, _O.BQuarterEnd, _O.BQuarterBegin), "quarter"),
          ((_O.YearEnd, _O.YearBegin, _O.BYearEnd, _O.BYearBegin), "year"), ((_O.Week,), "week"))
MOST = 3  # series named on each anchor; the others counted


def grain(freq) -> tuple[str, int] | None:
    """``(noun, n)`` of an anchored pandas offset: ('month', 1) for 'ME', 'MS' and 'BME', ('week', 1) for 'W-SUN';
    None for any other (days, hours, week masks, a week with no weekday) or no offset."""
    for kinds, noun in GRAINS:
        if type(freq) in kinds:
            return None if noun == "week" and freq.weekday is None else (noun, freq.n)
    return None


def _stamps(freq) -> pd.DatetimeIndex:
    """48 dates ``freq`` keeps, by which two offsets that name the same dates are one anchor."""
    return pd.date_range("2001-01-01", periods=48, freq=freq)


def anchors(calendars: list) -> dict:
    """{(noun, n): {freq: [series positions]}} of the grains that ``calendars`` (each series' ``Calendar``, by
    position) keep on two anchors or more; offsets naming the same dates ('QE-DEC', 'QE-MAR') are one anchor."""
    found: dict = {}
    by_freq: dict = {}  # once per calendar, not per series: a panel of 30,000 monthly series holds two
    for s, calendar in enumerate(calendars):
        if calendar.kind == "datetime" and grain(calendar.freq) is not None:
            by_freq.setdefault(calendar.freq, []).append(s)
    for freq, series in by_freq.items():
        groups = found.setdefault(grain(freq), {})
        same = next((f for f in groups if _stamps(f).equals(_stamps(freq))), freq)
        groups.setdefault(same, []).extend(series)
    return {key: {f: sorted(g) for f, g in groups.items()} for key, groups in found.items() if len(groups) > 1}


def code(noun: str, freqs) -> str | None:
    """The pandas period code under which every one of ``freqs`` (month, quarter or year offsets) dates each period
    by its first day or its last ('M' for 'MS' and 'ME'; 'Q-DEC' for 'QS-JAN' and 'QE-DEC'); None where none does
    ('BME' is neither) or for weeks."""
    for candidate in (c for c, kind in PERIODS if kind == noun):
        periods = [_stamps(f).to_period(candidate) for f in freqs]
        if all((stamps == p.start_time).all() or (stamps == p.end_time.normalize()).all()
               for stamps, p in zip(map(_stamps, freqs), periods)):
            return candidate
    return None


def period_code(calendars: list) -> str | None:
    """The period code (``code``) whose periods the first targets of ``calendars`` (each series') name alike, where
    they keep one month, quarter or year grain on two anchors (``anchors``), for ``forecasttimes`` to count a month
    once; None where they keep one anchor, weeks, or anything else beside (decision 2122)."""
    found = anchors(calendars)
    if len(found) != 1:
        return None
    (noun, n), groups = next(iter(found.items()))
    if n != 1 or sum(len(g) for g in groups.values()) != len(calendars):
        return None
    return code(noun, list(groups))


def warn(base, own: dict, every: list, column: str | None = None) -> None:
    """At fit, a WARNING line for each grain that the series ``every`` (ids, as given) keep on two anchors or more
    (``own``: {position: Calendar} of the series off ``base``): the calendars with their series (``by_series``), what
    it does, and the pandas line that puts every series on the anchor most keep where ``code`` finds one."""
    calendars = [own.get(s, base) for s in range(len(every))]
    for (noun, n), groups in anchors(calendars).items():
        kept = [s for g in groups.values() for s in g]
        named = by_series(base, {every[s]: calendars[s] for s in kept}, [every[s] for s in kept], most=MOST)
        steps = f"{noun}ly steps" if n == 1 else f"steps of {n} {noun}s"
        most = max(groups, key=lambda f: len(groups[f]))
        to = code(noun, list(groups)) if n == 1 else None
        if to is None:
            fix = f"if they are the same {noun}s, write every series' dates on one anchor"
        else:
            end = (_stamps(most) == _stamps(most).to_period(to).end_time.normalize()).all()
            where = (f"{noun}-ends" if end else f"{noun}-starts") + (" most keep" if len(groups[most]) > len(kept) / 2
                                                                     else "")
            time = column if column is not None else "date"
            fix = (f"if they are the same {noun}s, put every series on the {where}, e.g. with pandas: df[{time!r}] = "
                   f"pd.to_datetime(df[{time!r}]).dt.to_period({to!r})"
                   + (".dt.end_time.dt.normalize()" if end else ".dt.start_time"))
        log.warning("the series keep %s on %d anchors: %s; each is forecast, cut and dated on its own, so their "
                    "forecasts of one %s carry different dates (a join on the date misaligns them); %s", steps,
                    len(groups), named, noun, fix)


def first_periods(keys: np.ndarray, code_: str) -> np.ndarray:
    """[W] int64 nanosecond times ``keys`` as the ordinal of their period ``code_`` ('M': every date of May one
    number), for ``forecasttimes`` to count the first targets of one month once."""
    return pd.DatetimeIndex(keys.astype("datetime64[ns]")).to_period(code_).asi8

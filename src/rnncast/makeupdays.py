"""China's official working days, named where a series keeps them: Monday to Friday without China's public holidays,
and the Saturdays and Sundays worked in their place (调休, make-up workdays: 2024-02-04, 2024-02-18 ...).

No calendar here has those weekend days (decision 1474: rnncast builds no calendar of its own for them), so a bank's
or a company's daily series of working days is read on the daily calendar with its weekends missing. ``said`` gives
the clause a warning of those rows (``gaps``) adds: what the data keeps, and what can be given instead; ``refused``, what
the refusal of such a make-up day under freq='B' (with holidays='CN') says (decision 1521). The days are the ``holidays``
package's (``holidays.CN``'s ``weekend_workdays``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import holidaysets

SHOWN = 3  # make-up days named


def said(time: pd.DatetimeIndex) -> str | None:
    """The clause naming the make-up workdays where every Saturday and Sunday of ``time`` (a daily series, at least
    one weekend day) is one of China's and most weekdays it lacks are China's holidays; None otherwise."""
    weekend = _worked(time)
    if weekend is None:
        return None
    return (f"the data keeps China's official working days: Monday to Friday without CN holidays, and the "
            f"{len(weekend)} weekend make-up workdays (调休: {_named(weekend)}), which no calendar here has; to forecast "
            f"on working days, drop those weekend rows and give freq='B' with holidays='CN' (--freq B --holidays CN; the "
            f"make-up days are then not forecast), or holidays='SSE' for the exchange's trading days")


def refused(time: pd.DatetimeIndex, offsets: np.ndarray, bad: int, offset) -> str | None:
    """Where row ``bad`` of the stacked ``time`` (series cut at ``offsets`` [S + 1]), refused as off the business-day
    calendar ``offset`` given (freq='B', with or without holidays), is a weekend make-up workday of a series that keeps
    China's working days (``said``'s rule), what its refusal says instead of the daily calendar the rows follow, which
    no holidays apply to (decision 1521): the make-up rows and what would be accepted; None otherwise."""
    if not isinstance(offset, (pd.offsets.BusinessDay, pd.offsets.CustomBusinessDay)) or not isinstance(
            time, pd.DatetimeIndex) or bad >= len(time):
        return None
    s = int(np.searchsorted(offsets, bad, side="right") - 1)
    weekend = _worked(time[offsets[s] : offsets[s + 1]])
    if weekend is None or not np.isin(holidaysets.wall_days(time[bad : bad + 1]), weekend).all():
        return None
    return (f"it is one of the {len(weekend)} weekend make-up workdays the rows keep with Monday to Friday without CN "
            f"holidays (China's official working days; 调休: {_named(weekend)}), which no calendar here has: drop those "
            "weekend rows to forecast on working days with freq='B' and holidays='CN' (--freq B --holidays CN; the "
            "make-up days are then not forecast), or leave freq and holidays unset to read the rows on the daily "
            "calendar 'D', the days they lack missing")


def _named(weekend: np.ndarray) -> str:
    return ", ".join(str(d) for d in weekend[:SHOWN]) + (" ..." if len(weekend) > SHOWN else "")


def _worked(time: pd.DatetimeIndex) -> np.ndarray | None:
    """[K] datetime64[D] the weekend days of ``time`` where every one is one of China's make-up workdays and most
    weekdays it lacks are China's holidays; None otherwise."""
    if not isinstance(time, pd.DatetimeIndex) or not len(time):
        return None
    days = np.unique(holidaysets.wall_days(time))
    weekend = days[~np.is_busday(days)]
    if not len(weekend):
        return None
    years = pd.DatetimeIndex(days).year
    try:
        china = holidaysets.library().country_holidays("CN", years=range(int(years.min()), int(years.max()) + 1))
        worked = np.array(sorted(getattr(china, "weekend_workdays", ())), dtype="datetime64[D]")
    except (KeyError, NotImplementedError, AttributeError):  # a holidays package without China or its make-up days
        return None
    if not len(worked) or not np.isin(weekend, worked).all():
        return None
    span = np.arange(days[0], days[-1] + 1)
    lacked = span[np.is_busday(span) & ~np.isin(span, days)]
    off = np.array(sorted(china), dtype="datetime64[D]")
    if len(lacked) and np.isin(lacked, off).mean() < 0.8:
        return None
    return weekend

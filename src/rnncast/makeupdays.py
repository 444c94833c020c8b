"""China's official working days, named where a series keeps them: Monday to Friday without China's public holidays,
and the Saturdays and Sundays worked in their place (调休, make-up workdays: 2024-02-04, 2024-02-18 ...).

No calendar here has those weekend days (decision 1474: rnncast builds no calendar of its own for them), so a bank's
or a company's daily series of working days is read on the daily calendar with its weekends missing. ``said`` gives
the clause a warning of those rows (``gaps``) adds: what the data keeps, and what can be given instead. The days are
the ``holidays`` package's (``holidays.CN``'s ``weekend_workdays``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import holidaysets

SHOWN = 3  # make-up days named


def said(time: pd.DatetimeIndex) -> str | None:
    """The clause naming the make-up workdays where every Saturday and Sunday of ``time`` (a daily series, at least
    one weekend day) is one of China's and most weekdays it lacks are China's holidays; None otherwise."""
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
    named = ", ".join(str(d) for d in weekend[:SHOWN]) + (" ..." if len(weekend) > SHOWN else "")
    return (f"the data keeps China's official working days: Monday to Friday without CN holidays, and the "
            f"{len(weekend)} weekend make-up workdays (调休: {named}), which no calendar here has; to forecast on working "
            f"days, drop those weekend rows and give freq='B' with holidays='CN' (--freq B --holidays CN; the make-up "
            f"days are then not forecast), or holidays='SSE' for the exchange's trading days")

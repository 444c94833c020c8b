"""A figure's x axis over time: the times ``x`` as matplotlib draws them (dates, naive or in their zone; positions
for row numbers, integer periods, dates it cannot draw and the bars of a session), and the ticks of such an axis
(``dateticks`` for dates, ``barsaxis`` for bars, whole numbers for positions). ``plots`` draws every figure over it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import barsaxis, dateticks


def drawn_time(x, session=None) -> tuple[object, object]:
    """``x`` as matplotlib draws it, and the zone of its dates: False when it holds no dates (row numbers,
    integer periods, or dates matplotlib cannot draw, such as a typo of 9999-12-31, which fall back to
    positions, as do the bars of a ``session``: ``barsaxis``), None for naive ones (drawn as written), else
    the zone of tz-aware ones. Periods are drawn at their start times."""
    if session is not None:
        return np.arange(len(x)), False
    if isinstance(x, pd.PeriodIndex):
        x = x.to_timestamp()
    if not (isinstance(x, pd.DatetimeIndex) or np.issubdtype(np.asarray(x).dtype, np.datetime64)):
        return x, False
    times = pd.DatetimeIndex(x)
    if len(times) and (times.year.min() < 2 or times.year.max() >= 9000):
        return np.arange(len(times)), False
    return times, times.tz


def time_ticks(ax, times, zone, session=None, calendar=None) -> None:
    """The ticks of an x axis drawn over ``times`` as ``drawn_time`` draws them (``zone`` its answer): one step
    per bar of ``session`` (``barsaxis.label``), dates (``dateticks.date_ticks``: quarters of a quarterly ``calendar``
    by quarter), or whole numbers for positions (row numbers, integer periods: no tick at row 82.5)."""
    if session is not None:
        barsaxis.label(ax, times, session)
    elif zone is not False:
        dateticks.date_ticks(ax, zone, times, calendar)  # a calendar of period ends ticked on its points
    else:
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))

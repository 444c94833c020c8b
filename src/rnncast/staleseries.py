"""Series of a panel that ended long before the others: their forecasts are of a past the others already cover.

A finance tester's panel held a ticker delisted in September 2023 beside seven traded to December 2024: predict
forecast it for 2023-10-02 to 2023-10-06, next to 2025's forecasts of the others, and said nothing but "wrote 40
forecast steps". It is forecast still (predict forecasts each series from its own end, as asked; leaving it out
silently would drop a value handed over), and ``warn`` says which series end before the others' latest row by more
than their whole horizon (or by it exactly: every forecast date is one the data covers), with their last rows and forecast dates, and what to do.
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast.panel import Panel
from rnncast.timetext import shown

log = logging.getLogger(__name__)

MOST = 3  # series named; the others counted


FORECASTS = ("forecasts are of dates the data already covers, not of what comes next; to forecast only the series "
             "still running")
WINDOWS = ("backtest windows are cut back from its own end, so they test earlier dates than the others'; to test only "
           "the series still running")


def backtested(panel: Panel, horizon: int, fmt: str | None = None) -> None:
    """``warn``'s line for a backtest, whose windows count back from each series' own end (no ``cutoff``): the series
    whose next ``horizon`` steps on their calendar all come before the others' latest row."""
    if panel.n_series < 2 or not isinstance(panel.time, pd.DatetimeIndex):
        return
    when = [pd.DatetimeIndex([]) if panel.calendar_of(s).freq is None or panel.calendar_of(s).kind == "row" else
            panel.calendar_of(s).next(panel.time[panel.offsets[s + 1] - 1], horizon) for s in range(panel.n_series)]
    warn(panel, when, fmt, WINDOWS, forecast=False)


def warn(panel: Panel, when: list, fmt: str | None = None, what: str = FORECASTS, forecast: bool = True) -> None:
    """Say in one line the series of ``panel`` whose forecast steps (``when``: [S] indexes of their times) all come
    at or before the latest last row of the series, each with its last row and forecast dates (``fmt``: as the data writes
    its times). Nothing for one series, for rows without times, or where every series' forecast reaches past it."""
    if panel.n_series < 2 or not isinstance(panel.time, pd.DatetimeIndex):
        return
    ends = [panel.time[panel.offsets[s + 1] - 1] for s in range(panel.n_series)]
    latest = max(ends)
    stale = [s for s in range(panel.n_series) if len(when[s]) and when[s][-1] <= latest]  # at its end: decision 1939
    if not stale:
        return

    def text(value) -> str:
        return shown(value, panel.time, fmt)

    named = ", ".join(f"{panel.given_id(s)!r} (last row {text(ends[s])}" + (
        f", forecast {text(when[s][0])} to {text(when[s][-1])})" if forecast else ")") for s in stale[:MOST])
    more = f" and {len(stale) - MOST} more" if len(stale) > MOST else ""
    which = "its" if len(stale) == 1 else "their"
    log.warning("%s %s before the latest row of the others (%s) by at least %s horizon: %s%s; %s %s, "
                "leave %s rows out, or give %s rows up to date", f"{len(stale)} series" if len(stale) > 1 else "1 series",
                "end" if len(stale) > 1 else "ends", text(latest), which, named, more, which,
                what if len(stale) == 1 else what.replace("its own", "their own"), which, which)

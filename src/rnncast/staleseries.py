"""Series of a panel that ended long before the others: their forecasts are of a past the others already cover.

A finance tester's panel held a ticker delisted in September 2023 beside seven traded to December 2024: predict
forecast it for 2023-10-02 to 2023-10-06, next to 2025's forecasts of the others, and said nothing but "wrote 40
forecast steps". It is forecast still (predict forecasts each series from its own end, as asked; leaving it out
silently would drop a value handed over), and ``warn`` says which series end before the others' latest row by more
than their whole horizon (or by it exactly: every forecast date is one the data covers), or by enough that more than a
tenth of their forecast dates are ones the data covers (a trial site closed 4 months before the others, forecast at
horizon 6: decision 2121), with their last rows, forecast dates and how many of them are covered, and what to do; a
series behind by less (a ticker a holiday behind, a warehouse whose upload is late) in an INFO line.
"""

from __future__ import annotations

import logging

import pandas as pd

from rnncast.panel import Panel
from rnncast.spelling import counted, some
from rnncast.timetext import shown

log = logging.getLogger(__name__)

MOST = 3  # series named; the others counted


FORECASTS = ("forecasts are of dates the data already covers, not of what comes next; to forecast only the series "
             "still running")
PART = ("forecasts start at dates the data already covers, not at what comes next; to forecast only the series still "
        "running")
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


def tolerance(horizon: int) -> int:
    """The forecast steps a series may have among dates the data covers and not be said stale: a tenth of its
    horizon, one step at least (a ticker a holiday behind, a warehouse whose last upload is late). A monthly site 4
    months behind the others at horizon 6 is past it (t39t3 M1, decision 2121)."""
    return max(1, horizon // 10)


def covered(when: list, latest) -> list[int]:
    """Each series' forecast steps (``when``: [S] indexes) at or before ``latest``: dates the data already covers."""
    return [int((w <= latest).sum()) if isinstance(w, pd.DatetimeIndex) and len(w) else 0 for w in when]


def warn(panel: Panel, when: list, fmt: str | None = None, what: str = FORECASTS, forecast: bool = True) -> None:
    """Say in one line the series of ``panel`` that end before the latest last row of the series by more than
    ``tolerance`` of their forecast steps (``when``: [S] indexes of their times; all of them: decisions 754, 1939;
    more than a tenth of them: decision 2121), each with its last row, forecast dates (``fmt``: as the data writes its
    times) and how many of them the data covers; a forecast's series behind by no more than that, in an INFO line.
    Nothing for one series, for rows without times, or where every series' forecast starts past it."""
    if panel.n_series < 2 or not isinstance(panel.time, pd.DatetimeIndex):
        return
    ends = [panel.time[panel.offsets[s + 1] - 1] for s in range(panel.n_series)]
    latest = max(ends)
    inside = covered(when, latest)  # at its end: decision 1939
    stale = [s for s in range(panel.n_series) if inside[s] and (inside[s] == len(when[s]) or
                                                                inside[s] > tolerance(len(when[s])))]
    behind = [s for s in range(panel.n_series) if inside[s] and s not in stale] if forecast else []

    def text(value) -> str:
        return shown(value, panel.time, fmt)

    def one(s: int, counts: bool = True) -> str:
        dates = f", forecast {text(when[s][0])} to {text(when[s][-1])}" if forecast else ""
        share = "" if not counts else (f", {inside[s]} of its {len(when[s])} forecast dates covered" if forecast else
                                       f", {inside[s]} steps behind")
        return f"{panel.given_id(s)!r} (last row {text(ends[s])}{dates}{share})"

    if behind:  # a holiday of its own, or a late upload: said, not warned (decision 2121)
        its = "its" if len(behind) == 1 else "their"
        log.info("%s before the latest row of the others (%s) by no more than %s: %s; %s forecasts are dated from %s "
                 "own end (a holiday of %s own, or rows not yet in?)", _count(len(behind)), text(latest),
                 counted(tolerance(len(when[behind[0]])), "step"),
                 some([one(s) for s in behind[:MOST]], MOST, total=len(behind)), its, its, its)
    if not stale:
        return
    whole = all(inside[s] == len(when[s]) for s in stale)
    named = ", ".join(one(s, not whole) for s in stale[:MOST])
    more = f" and {len(stale) - MOST} more" if len(stale) > MOST else ""
    which = "its" if len(stale) == 1 else "their"
    by = f"by at least {which} horizon" if whole else f"by more than {counted(tolerance(len(when[stale[0]])), 'step')}"
    what = what if whole or not forecast else PART
    log.warning("%s before the latest row of the others (%s) %s: %s%s; %s %s, leave %s rows out, or give %s rows up to "
                "date", _count(len(stale)), text(latest), by, named, more, which,
                what if len(stale) == 1 else what.replace("its own", "their own"), which, which)


def _count(n: int) -> str:
    return f"{n} series end" if n > 1 else "1 series ends"


"""A series that switches to another logging step part way (a soil probe logging every 3 hours, then every hour from
2026-04-01): where its step changes, said beside the no-calendar warning of a panel (``offcalendar``), and, once its
times were rounded to the coarser step, the times it then writes several times told as that finer step, to average,
not as revisions whose ``keep=`` would drop most of its readings (``repeatedrows``; decision 1940).

A step change: the series' first and last tenth of steps (at least 3 each) keep steps at least 1.5 times apart, and
from the first step near the later one, nine in ten steps on each side lie within a tenth of their own (a logger's
jitter and a gap or two allowed). Repeats: at least a tenth of a series' rows repeat a time of it (the rows ``keep=``
would drop), nine in ten of its times from the first repeated one on, none of the tenth or more of its times before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import jitter
from rnncast.timetext import shown

EACH = 3  # steps at least, on each side of a change
KEPT = 0.9  # the share of steps on each side within a tenth of that side's step
APART = 1.5  # the two steps at least this far apart (a ratio)
SHARE = 10  # a series' rows that repeat a time: from a tenth of them on, keep= drops too much to advise


def change(time: pd.DatetimeIndex) -> tuple[int, pd.Timedelta, pd.Timedelta] | None:
    """For one series' sorted timestamps [N]: ``(k, before, after)`` where it keeps steps of about ``before`` up to
    row ``k`` and of about ``after`` from row ``k`` on (medians, jitter kept), the two at least ``APART`` apart;
    else None (one step, or no clean change)."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 2 * EACH + 1 or time.hasnans:
        return None
    steps = np.diff(time.as_unit("ns").asi8).astype(np.float64)
    tail = max(EACH, len(steps) // 10)
    before, after = float(np.median(steps[:tail])), float(np.median(steps[-tail:]))
    if min(before, after) <= 0 or max(before, after) < APART * min(before, after):
        return None
    near_after = np.abs(steps - after) * jitter.SHARE <= after
    first = np.flatnonzero(near_after)
    if not len(first) or not EACH <= (k := int(first[0])) <= len(steps) - EACH:
        return None
    near_before = np.abs(steps[:k] - before) * jitter.SHARE <= before
    if near_before.mean() < KEPT or near_after[k:].mean() < KEPT:
        return None
    return k, pd.Timedelta(int(before), unit="ns"), pd.Timedelta(int(after), unit="ns")


def said(time: pd.DatetimeIndex, where, fmt: str | None = None, why: str = "") -> str:
    """The clause naming the change of one series' step (``time`` [N], sorted; ``where(i)`` names its row ``i``, and
    its series in a panel): "the step changes from 3 h to 1 h at 2026-03-31 23:58:34 (series 'P3' at line 1226 of
    raw4.csv): one calendar keeps one step, so resample it to the coarser (the mean of each step's rows), or fit its
    rows of one step apart"; "" where it keeps one step. ``why``: said after the row, before the remedy."""
    found = change(time)
    if found is None:
        return ""
    k, before, after = found
    words = [jitter.duration(s.round("min" if s >= pd.Timedelta(minutes=10) else "s")) for s in (before, after)]
    return (f"the step changes from {words[0]} to {words[1]} at {shown(time[k], time, fmt)} "
            f"({where(k)}){why}: one calendar keeps one step, so resample it to the coarser (the mean of each step's rows), "
            "or fit its rows of one step apart")


def coarser_part(time: pd.DatetimeIndex, offsets: np.ndarray, after: np.ndarray, where, fmt: str | None = None,
                 name=None) -> tuple[str, bool]:
    """Where the rows missing from a finer calendar are those of a series' coarser step, on one side of where its step
    changes (hourly, then every 30 min on an exact grid: every missing row lies before the change, one between each
    two rows): the clause naming that change (``said``) and whether such series hold every row missing (``after``
    [N]: the calendar steps missing after each row of ``time`` [N], the series' rows ``offsets`` [S + 1]; ``where(i)``
    names row ``i``, ``name(s)`` series ``s``, None for one series); ``("", False)`` where none does (decision 1990)."""
    if not isinstance(time, pd.DatetimeIndex):
        return "", False
    first, every = "", True
    for s in np.unique(np.searchsorted(offsets, np.flatnonzero(after), side="right") - 1):
        lo, hi = int(offsets[s]), int(offsets[s + 1])
        found = change(time[lo:hi]) if not first or every else None
        gaps = np.flatnonzero(after[lo:hi])
        if found is None or not (gaps.max() < found[0] if found[1] > found[2] else gaps.min() >= found[0]):
            every = False
        elif not first:
            who = (lambda i: where(lo + i)) if name is None else (lambda i: f"series {name(s)!r} at {where(lo + i)}")
            side = "before it" if found[1] > found[2] else "from it on"
            mine = "" if name is None else " in that series"
            first = said(time[lo:hi], who, fmt, f", and each row missing from the calendar{mine} lies {side}, "
                         "between two rows of the coarser step (a step changed, not values lost)")
    return first, every and bool(first)


def repeats(times: pd.Series, name, by: list) -> str:
    """The clause of a refusal of repeated times where a tenth or more of one series' rows (``times`` [N], its
    timestamps in the table's order; ``name`` its id, None for a table of one series) repeat a time of it, nearly
    every time from one on and none before it (a tenth of its times or more): from which time on, how many rows each time holds there, how many rows keeping one of each would drop, and the pandas
    line that averages each time's rows by the columns ``by`` (the id and time columns); "" for fewer."""
    dropped = int(times.duplicated(keep="last").sum())
    if not len(times) or dropped * SHARE < len(times):
        return ""
    counts = times.value_counts()
    since = counts[counts > 1].index.min()
    later = counts[counts.index >= since]
    if (counts.index < since).sum() * SHARE < len(counts) or (later > 1).mean() < KEPT:
        return ""  # repeats from its first time (stacked series, revisions of each) or here and there: not a switch
    whose = f" of series {name!r}" if name is not None else ""
    return (f"; each time{whose} from {since} on is written {int(later.median())} times (a finer logging step rounded onto "
            f"this one?), and keeping one row of each time would drop {dropped} of its {len(times)} rows: average "
            f"each time's rows instead, e.g. with pandas: df.groupby({by!r}, as_index=False).mean(numeric_only=True)")

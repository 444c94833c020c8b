"""Concise date ticks whose first label names its month (and year): matplotlib's ``ConciseDateFormatter``
writes a day axis' ticks as bare days (13, 17, 21 ...) and names the month and year once, in the offset at
the bottom right, from the LAST tick, so a panel from May 13 to June 16 read "2024-Jun" under May's days,
with no "May" anywhere. Where a coarser unit than the ticks' changes along the axis (months under days,
years under months, days under hours), the first tick is written with those units ("May-13") and the
offset keeps only what every tick shares (the year), so that each tick's month is read from the first
tick or from the one where it changes (matplotlib's own "Jun" at June 1). A first tick closer than the others to
one that names the next month (Apr 29 before "May" at May 1) is left unlabelled: "Apr-29" and "May" overlapped.
A day is written after its month with a space ("May 13", "May 14" at an hour axis' midnights), never "May-13",
which spreadsheets write for May 2013.

matplotlib ticks at the starts of periods (Apr 1, Jan 1), which is where a calendar of month, quarter or year
STARTS has its points; on one of period ENDS (or weeks) the points lie between the ticks, and 2021-03-31 sat just
left of "Apr" and read as April, a yearly series dated 12-31 one year late. Where a weekly or coarser calendar's
points are not where matplotlib ticks, the ticks are placed on points themselves (``point_ticks``): the first point
of every month, quarter or year (or of every k-th), labelled by the period it is in ("Mar", "Q1", "2023"; the year
under the first tick and where it changes), so that a month-end point labelled "Mar" sits on its tick."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.ticker import FixedFormatter, FixedLocator

DATE_UNITS = ("%Y", "%b", "%d")  # the year, month and day of a tick: matplotlib's levels 0, 1, 2
# The formats of ticks at the first instant of the level above (matplotlib's zero_formats): its own, but a midnight
# among hours written "May 14", not "May-14" (May 2014 in a spreadsheet's mmm-yy).
ZERO_FORMATS = ["", "%Y", "%b", "%b %d", "%H:%M", "%H:%M"]


class FirstDateFormatter(mdates.ConciseDateFormatter):
    """``ConciseDateFormatter`` whose first tick names the units that change along the axis (``first_format``)
    and whose offset names only those that do not."""

    shared: str | None = None  # the offset naming what every tick shares, where the first tick names the rest

    def __init__(self, locator, tz=None):
        super().__init__(locator, tz=tz, zero_formats=ZERO_FORMATS)

    def get_offset(self):
        return super().get_offset() if self.shared is None else self.shared

    def format_ticks(self, values):
        labels, self.shared = list(super().format_ticks(values)), None
        if len(values) < 2:
            return labels
        dates = [mdates.num2date(v, tz=self._tz) for v in values]
        units = np.array([d.timetuple()[:6] for d in dates])  # year, month, day, hour, minute, second
        varying = [level for level in range(6) if len(np.unique(units[:, level])) > 1]
        finest, coarsest = varying[-1], varying[0]
        if coarsest == finest or (finest < 2 and np.all(units[:, finest] == 1)) or (coarsest >= 3 and finest < 5):
            return labels  # one unit changes (the offset is every tick's), yearly ticks, or hours written with minutes
        labels[0] = dates[0].strftime(first_format(coarsest, finest))
        gaps = np.diff(values)
        if len(values) > 2 and gaps[0] < 0.75 * np.median(gaps) and tuple(units[1, :finest]) != tuple(units[0, :finest]):
            labels[0] = ""  # a short first step up to a tick naming the next month: the two labels would overlap
        if self.show_offset:
            self.shared = dates[0].strftime(self.offset_formats[coarsest]) if coarsest else ""
        return labels


def first_format(coarsest: int, finest: int) -> str:
    """The format of the first tick of an axis whose ticks change from level ``coarsest`` (0 year, 1 month,
    2 day, 3 hour ...) to ``finest``: the date units from the coarsest (a day always with its month: "May 13",
    "2024-May-13", "2024-Nov"); where the ticks are hours or finer, the time of day over them ("06:00\nMay 13"), as
    wide as the next tick's "12:00" (on one line, "May 11 00:00" ran into "06:00"). A month and its day are written
    "May 13", not "May-13": a spreadsheet's May 2013."""
    date = "" if coarsest >= 3 else "-".join(DATE_UNITS[min(coarsest, 1) if finest >= 2 else coarsest: min(finest, 2) + 1])
    date = "%b %d" if date == "%b-%d" else date
    clock = "" if finest < 3 else "%H:%M" if finest < 5 else "%H:%M:%S"
    return "\n".join(part for part in (clock, date) if part)


def date_ticks(ax, zone, times=None) -> None:
    """Concise date ticks on ``ax``'s x axis (``FirstDateFormatter``), in ``zone`` (a tz-aware series' own:
    matplotlib would write its times in UTC). ``times``: the points drawn (dates, drawn after the data, so that
    the limits are known); where they are a weekly or coarser calendar whose points are not where matplotlib ticks
    (month, quarter or year ends; weeks), the ticks are placed on points and named by their period (``point_ticks``)."""
    locator = mdates.AutoDateLocator(tz=zone)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FirstDateFormatter(locator, tz=zone))
    if times is None:
        return
    times = pd.DatetimeIndex(times.to_timestamp() if isinstance(times, pd.PeriodIndex) else times).dropna().unique().sort_values()
    if len(times) < 2 or (times[1:] - times[:-1]).median() < MIN_STEP:
        return  # days and finer: a point a day off a month's tick is not read as the next month's
    points = mdates.date2num(times)
    ax.get_xlim()  # the limits settled over the data, which the locator reads
    inside = [t for t in locator() if points[0] <= t <= points[-1]]
    if inside and all(np.min(np.abs(points - t)) < ON_POINT for t in inside):
        return  # matplotlib ticks where the points are: month, quarter or year starts
    placed = point_ticks(times)
    if placed is not None:
        ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(placed[0])))
        ax.xaxis.set_major_formatter(FixedFormatter(placed[1]))


MIN_STEP = pd.Timedelta(days=6)  # a weekly or coarser calendar: the steps that one point per tick can be read by
ON_POINT = 1 / 1440  # a tick within a minute of a point is on it (matplotlib's date numbers are days)
MAX_TICKS = 10  # the most ticks point_ticks places: matplotlib's ~5 to 10
YEARS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)  # every k-th year ticked


def point_ticks(times: pd.DatetimeIndex) -> tuple[pd.DatetimeIndex, list[str]] | None:
    """Ticks on points of ``times`` (sorted, unique, two or more), each labelled by the period it is in: the first
    point of every period of the finest unit that leaves at most ``MAX_TICKS`` of them, from every point and every
    other (weekly and twice-monthly calendars: "Mar 7", the year under the first and where it changes), then
    every 1, 2, 3 or 6 months ("Mar"), quarters where the points are calendar quarters' ends ("Q1"), then every
    k-th year ("2023"). The periods ticked are round (January, July; years divisible by 5) where as many of them
    hold points as of any other choice, less one; else those that hold the most (a calendar of February, April ...
    ticks February). None where no choice leaves few enough."""
    step = (times[1:] - times[:-1]).median()
    year, month = times.year.to_numpy(), times.month.to_numpy()
    months = year * 12 + month - 1
    quarterly = step >= pd.Timedelta(days=80) and bool(np.all(month % 3 == 0))  # calendar quarters' ends (QE, BQE)
    units = [("point", k, np.arange(len(times))) for k in (1, 2) if step < pd.Timedelta(days=27)]
    if step < pd.Timedelta(days=300):
        units += ([("quarter", k, months // 3) for k in (1, 2)] if quarterly else
                  [("month", k, months) for k in (1, 2, 3, 6) if k * 28 >= step.days * 0.9])
    units += [("year", k, year) for k in YEARS]
    for unit, k, keys in units:
        firsts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])  # each period's first point
        counts = [int(np.sum(keys[firsts] % k == phase)) for phase in range(k)]
        phase = 0 if counts[0] >= max(counts) - 1 and counts[0] >= 2 else int(np.argmax(counts))
        chosen = firsts[keys[firsts] % k == phase]
        if 0 < len(chosen) <= MAX_TICKS:
            return times[chosen], period_labels(times[chosen], unit)
    return None


def period_labels(ticks: pd.DatetimeIndex, unit: str) -> list[str]:
    """The labels of ``ticks`` on points, each naming its ``unit`` ("point": its day, "Mar 7"; "month": "Mar";
    "quarter": "Q1"; "year": "2023"), with the year on a second line under the first tick and where it changes."""
    labels = []
    for i, t in enumerate(ticks):
        if unit == "year":
            labels.append(str(t.year))
            continue
        own = f"{t:%b} {t.day}" if unit == "point" else f"{t:%b}" if unit == "month" else f"Q{(t.month - 1) // 3 + 1}"
        labels.append(own + (f"\n{t.year}" if i == 0 or t.year != ticks[i - 1].year else ""))
    return labels

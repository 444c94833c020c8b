"""Concise date ticks whose first label names its month (and year): matplotlib's ``ConciseDateFormatter``
writes a day axis' ticks as bare days (13, 17, 21 ...) and names the month and year once, in the offset at
the bottom right, from the LAST tick, so a panel from May 13 to June 16 read "2024-Jun" under May's days,
with no "May" anywhere. Where a coarser unit than the ticks' changes along the axis (months under days,
years under months, days under hours), the first tick is written with those units ("May-13") and the
offset keeps only what every tick shares (the year), so that each tick's month is read from the first
tick or from the one where it changes (matplotlib's own "Jun" at June 1); a tick in a new year writes its year under
it ("Jan" over "2021": a day axis' "Jan" was January of no year). A day is written after its month with a space
("May 13", "May 14" at an hour axis' midnights), never "May-13", which spreadsheets write for May 2013.

No two labels overlap (``spaced``): where two would, measured as the figure's renderer draws them at their ticks,
one is left empty: the axis' first (a period's few points before the next's tick: "Apr 29" before "May", a weekly
series' "May" a week before "Jun"), whose month or year the next labelled tick then names, else the one without
a year under it, else the later.

matplotlib ticks at the starts of periods (Apr 1, Jan 1), which is where a calendar of month, quarter or year
STARTS has its points; on one of period ENDS (or weeks) the points lie between the ticks, and 2021-03-31 sat just
left of "Apr" and read as April, a yearly series dated 12-31 one year late. Where a weekly or coarser calendar's
points are not where matplotlib ticks, the ticks are placed on points themselves (``point_ticks``): the first point
of every month, quarter or year (or of every k-th), labelled by the period it is in ("Mar", "2023"; the year
under the first tick and where it changes), so that a month-end point labelled "Mar" sits on its tick. A calendar
of several points a month (weekly) has its points ticked by their dates ("Mar 7"), or its months and years ticked
at their starts (Mar 1, Jan 1): its first week in March is no month's start. Quarters are named
as the calendar quarters they fall in (``quarterticks``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.ticker import FixedFormatter, FixedLocator

from rnncast import quarterticks, zoneclock
from rnncast.quarterticks import YEAR, quarter_labels, stacked_labels

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
        for i in range(1, len(labels)):  # a tick in a new year says so: "Jan" of a day axis is January of which year?
            if units[i, 0] != units[i - 1, 0] and str(units[i, 0]) not in labels[i]:
                labels[i] += f"\n{units[i, 0]}"
        if finest == 2:  # days (matplotlib's restart at each month's 1st): a day fewer days before a month's tick than
            step = np.median(np.diff(values))  # the ticks' step is left unlabelled: "29" beside "Oct" read "29 Oct"
            for i in range(1, len(labels) - 1):
                if units[i + 1, 1] != units[i, 1] and units[i + 1, 2] == 1 and values[i + 1] - values[i] < 0.75 * step:
                    labels[i] = ""
        labels = spaced(self.axis, values, labels)
        k = next((i for i, label in enumerate(labels) if label), 0)
        if k:  # the first label crowded the next: the first labelled tick names what it named
            if labels[k] == dates[k].strftime(self.formats[finest]):  # a bare day, hour ...: "May 17", "2020-Dec-15"
                labels[k] = dates[k].strftime(first_format(coarsest, finest))
            elif coarsest == 0 and str(units[k, 0]) not in labels[k]:  # a month's name: its year under it
                labels[k] += f"\n{units[k, 0]}"
            labels = spaced(self.axis, values, labels, first=False)
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


def date_ticks(ax, zone, times=None, calendar=None) -> None:
    """Concise date ticks on ``ax``'s x axis (``FirstDateFormatter``), in ``zone`` (a tz-aware series' own:
    matplotlib would write its times in UTC). ``times``: the points drawn (dates, drawn after the data, so that
    the limits are known); where they are a weekly or coarser calendar whose points are not where matplotlib ticks
    (month, quarter or year ends; weeks), or quarters of a quarterly ``calendar`` (``timecalendar.Calendar``: QS,
    QE, fiscal QE-NOV, QS-FEB ...), the ticks are placed on points and named by their period (``point_ticks``).
    Labels that would overlap where they are drawn are left empty (``spaced``)."""
    locator = mdates.AutoDateLocator(tz=zone)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FirstDateFormatter(locator, tz=zone))
    if times is None:
        return
    times = pd.DatetimeIndex(times.to_timestamp() if isinstance(times, pd.PeriodIndex) else times).dropna().unique().sort_values()
    if len(times) < 2 or (times[1:] - times[:-1]).median() < MIN_STEP:
        return  # days and finer: a point a day off a month's tick is not read as the next month's
    quarters = quarterticks.quarterly(calendar)
    points = mdates.date2num(times)
    ax.get_xlim()  # the limits settled over the data, which the locator reads
    inside = [t for t in locator() if points[0] <= t <= points[-1]]
    if not quarters and inside and all(np.min(np.abs(points - t)) < ON_POINT for t in inside):
        return  # matplotlib ticks where the points are: month, quarter or year starts
    placed = point_ticks(times, quarters, quarterticks.written_form(calendar), ax.get_xlim()[0])
    if placed is not None:
        ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(placed[0])))
        ax.xaxis.set_major_formatter(PointFormatter(placed[1], placed[0].year.tolist(), placed[2]))


class PointFormatter(FixedFormatter):
    """The labels of ticks on points (``point_ticks``), those that would overlap left empty (``spaced``); the first
    label left names its year (``years``: each tick's), under it where the one that named it was left empty. Quarters
    have their ``stacked`` form (``stacked_labels``: "Q3" over "2019", "3분기" over "2023년"): the axis' first label
    crowding the next is written so where that fits (C09: "2019Q3" before "2020" was left empty, a tick of no label),
    and the first label left names its year so, as the axis writes years."""

    def __init__(self, seq, years: list[int] | None = None, stacked: list[str] | None = None):
        super().__init__(seq)
        self.years, self.stacked = years, stacked

    def format_ticks(self, values):
        given = super().format_ticks(values)
        labels = spaced(self.axis, values, given, carry=True)
        if self.stacked is not None and given and given[0] and not labels[0]:  # the first left empty: stacked?
            tried = spaced(self.axis, values, [self.stacked[0], *given[1:]], carry=True)
            labels = tried if tried[0] else labels  # where it still crowds the next, left empty as before
        k = next((i for i, label in enumerate(labels) if label), None)
        if k and self.years is not None and not names_year(labels[k]):  # "2022Q4" left empty before "Q1"
            labels[k] = self.stacked[k] if self.stacked is not None else f"{labels[k]}\n{self.years[k]}"
            labels = spaced(self.axis, values, labels, carry=True, first=False)
        return labels


GAP = 0.3  # the least space between two tick labels, in their font's size (an em)


def spaced(axis, values, labels: list[str], carry: bool = False, first: bool = True) -> list[str]:
    """``labels`` of the ticks at ``values`` on the x ``axis``, where two would overlap as drawn (their texts'
    widths measured by the figure's renderer, their centres at the ticks, ``GAP`` between them) one left empty:
    the first label of the axis (a period's few points before the next's tick; not with ``first`` False, where it
    took the place of one left empty), else the one naming no year where the other names one (on a second line,
    "Jan\n2024", or in it, "2024년 1분기": a quarter's "Q4" before it, t26t9), else the later. With ``carry``, the second line (the year) of a label
    left empty goes under the next labelled tick where it has none ("May\n2023" a week before "Jun": "",
    "Jun\n2023")."""
    if axis is None or axis.axis_name != "x" or axis.get_figure(root=True) is None or len(labels) < 2:
        return labels
    renderer = axis.get_figure(root=True)._get_renderer()
    prop = axis.majorTicks[0].label1.get_fontproperties()
    gap = GAP * renderer.points_to_pixels(prop.get_size_in_points())
    at = axis.axes.transData.transform(np.column_stack([values, np.zeros(len(values))]))[:, 0]
    labels = list(labels)

    def width(label: str) -> float:
        return max(text_width(renderer, prop, line) for line in label.split("\n"))

    kept, lead = None, next((i for i, label in enumerate(labels) if label), None)  # lead: the axis' first label
    for i, label in enumerate(labels):
        if not label:
            continue
        if kept is not None and at[i] - at[kept] < (width(labels[kept]) + width(label)) / 2 + gap:
            dropped = kept if first and kept == lead or names_year(label) and not names_year(labels[kept]) else i
            year = labels[dropped].partition("\n")[2]
            labels[dropped] = ""
            later = next((j for j in range(dropped + 1, len(labels)) if labels[j]), None)
            if carry and year and later is not None and "\n" not in labels[later]:
                labels[later] += "\n" + year
            if dropped == i:
                continue
        kept = i
    return labels


def names_year(label: str) -> bool:
    """Whether a tick's label names its year: on a second line ("Jan\n2024") or in it ("2024Q1", "2024년 1분기")."""
    return "\n" in label or YEAR.search(label) is not None


_widths: dict = {}  # (text, font, dpi) -> width in pixels: a font with CJK fallbacks takes milliseconds a measure


def text_width(renderer, prop, text: str) -> float:
    """The width in pixels of ``text`` drawn by ``renderer`` in the font ``prop``, measured once per dpi."""
    key = (text, hash(prop), renderer.dpi)
    if key not in _widths:
        if len(_widths) > 10_000:
            _widths.clear()
        _widths[key] = renderer.get_text_width_height_descent(text, prop, ismath=False)[0]
    return _widths[key]


MIN_STEP = pd.Timedelta(days=6)  # a weekly or coarser calendar: the steps that one point per tick can be read by
ON_POINT = 1 / 1440  # a tick within a minute of a point is on it (matplotlib's date numbers are days)
MAX_TICKS = 10  # the most ticks point_ticks places: matplotlib's ~5 to 10
YEARS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)  # every k-th year ticked


def point_ticks(times: pd.DatetimeIndex, quarters: bool = False, written: str | None = None,
                left: float | None = None) -> tuple[pd.DatetimeIndex, list[str], list[str] | None] | None:
    """Ticks on points of ``times`` (sorted, unique, two or more), each labelled by the period it is in: the first
    point of every period of the finest unit that leaves at most ``MAX_TICKS`` of them, from every point and every
    other (weekly and twice-monthly calendars: "Mar 7", the year under the first and where it changes), then
    every 1, 2, 3 or 6 months ("Mar"), quarters where the points are calendar quarters' ends ("Q1"), then every
    k-th year ("2023"). The periods ticked are round (January, July; years divisible by 5) where as many of them
    hold points as of any other choice, less one; else those that hold the most (a calendar of February, April ...
    ticks February). ``quarters``: whether the points are a quarterly calendar's (``quarterticks.quarterly``): ticked by calendar
    quarter or k-th year, each named as its Period (``CALENDAR_QUARTERS``) writes it, in the data's form ``written`` (a
    strftime format with %q, "Q%q %Y") where given ("2022Q1", "Q2" ...), and their stacked forms (``stacked_labels``;
    None for other periods). None where no choice leaves few enough.

    A calendar of several points a month (weekly, twice-monthly) has its months and years ticked where they START
    (``period_starts``: Mar 1, Jan 1), not at their first point: its points are not months, and "Mar" on the week of
    2021-03-07 read as March's start, a year's "2023" on 2023-01-07 as New Year's. A start before ``left`` (the
    axis' left limit, a matplotlib date number) would not be drawn, so is not ticked: the next names the year."""
    step = (times[1:] - times[:-1]).median()
    year, month = times.year.to_numpy(), times.month.to_numpy()
    months = year * 12 + month - 1
    periods = None
    if not quarters and pd.Timedelta(days=80) <= step < pd.Timedelta(days=300) and bool(np.all(month % 3 == 0)):
        quarters = True  # calendar quarters' ends (QE, BQE)
    if quarters:
        naive = zoneclock.wall(times)
        periods = naive.to_period(quarterticks.period_freq(written))  # calendar quarters, or a fiscal label's
        year = np.asarray(periods.qyear)
    units = [("point", k, np.arange(len(times))) for k in (1, 2) if step < pd.Timedelta(days=27)]
    if step < pd.Timedelta(days=300):
        units += ([("quarter", k, periods.asi8) for k in (1, 2)] if periods is not None else
                  [("month", k, months) for k in (1, 2, 3, 6) if k * 28 >= step.days * 0.9])
    units += [("year", k, year) for k in YEARS]
    for unit, k, keys in units:
        firsts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])  # each period's first point
        counts = [int(np.sum(keys[firsts] % k == phase)) for phase in range(k)]
        phase = 0 if counts[0] >= max(counts) - 1 and counts[0] >= 2 else int(np.argmax(counts))
        chosen = firsts[keys[firsts] % k == phase]
        if unit in ("month", "year") and step < pd.Timedelta(days=27) and periods is None:
            starts = period_starts(times[chosen], unit)
            seen = left is None or mdates.date2num(starts) >= left
            if 0 < int(np.sum(seen)) <= MAX_TICKS:
                return starts[seen], period_labels(starts[seen], unit), None
            continue
        if 0 < len(chosen) <= MAX_TICKS:
            if periods is not None:
                return times[chosen], quarter_labels(periods[chosen], unit, written), \
                    stacked_labels(periods[chosen], unit, written)
            return times[chosen], period_labels(times[chosen], unit), None
    return None


def period_starts(ticks: pd.DatetimeIndex, unit: str) -> pd.DatetimeIndex:
    """The first instant of the month (``unit`` "month") or year ("year") each of ``ticks`` is in, in their zone (a
    zone whose clocks change at midnight: its first instant there)."""
    naive = zoneclock.wall(ticks)
    starts = naive.to_period("M" if unit == "month" else "Y").to_timestamp().as_unit(ticks.unit)
    if ticks.tz is None:
        return starts
    return starts.tz_localize(ticks.tz, ambiguous=np.ones(len(starts), dtype=bool), nonexistent="shift_forward")


def period_labels(ticks: pd.DatetimeIndex, unit: str) -> list[str]:
    """The labels of ``ticks`` on points, each naming its ``unit`` ("point": its day, "Mar 7"; "month": "Mar";
    "year": "2023"), with the year on a second line under the first tick and where it changes (quarters:
    ``quarter_labels``)."""
    labels = []
    for i, t in enumerate(ticks):
        if unit == "year":
            labels.append(str(t.year))
            continue
        own = f"{t:%b} {t.day}" if unit == "point" else f"{t:%b}"
        labels.append(own + (f"\n{t.year}" if i == 0 or t.year != ticks[i - 1].year else ""))
    return labels

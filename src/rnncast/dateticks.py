"""Concise date ticks whose first label names its month (and year): matplotlib's ``ConciseDateFormatter``
writes a day axis' ticks as bare days (13, 17, 21 ...) and names the month and year once, in the offset at
the bottom right, from the LAST tick, so a panel from May 13 to June 16 read "2024-Jun" under May's days,
with no "May" anywhere. Where a coarser unit than the ticks' changes along the axis (months under days,
years under months, days under hours), the first tick is written with those units ("May-13") and the
offset keeps only what every tick shares (the year), so that each tick's month is read from the first
tick or from the one where it changes (matplotlib's own "Jun" at June 1). A first tick closer than the others to
one that names the next month (Apr 29 before "May" at May 1) is left unlabelled: "Apr-29" and "May" overlapped."""

from __future__ import annotations

import numpy as np
from matplotlib import dates as mdates

DATE_UNITS = ("%Y", "%b", "%d")  # the year, month and day of a tick: matplotlib's levels 0, 1, 2


class FirstDateFormatter(mdates.ConciseDateFormatter):
    """``ConciseDateFormatter`` whose first tick names the units that change along the axis (``first_format``)
    and whose offset names only those that do not."""

    shared: str | None = None  # the offset naming what every tick shares, where the first tick names the rest

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
    2 day, 3 hour ...) to ``finest``: the date units from the coarsest (a day always with its month: "May-13",
    "2024-May-13", "2024-Nov"), then the time of day where the ticks are hours or finer ("May-13 06:00")."""
    date = "" if coarsest >= 3 else "-".join(DATE_UNITS[min(coarsest, 1) if finest >= 2 else coarsest: min(finest, 2) + 1])
    clock = "" if finest < 3 else "%H:%M" if finest < 5 else "%H:%M:%S"
    return " ".join(part for part in (date, clock) if part)


def date_ticks(ax, zone) -> None:
    """Concise date ticks on ``ax``'s x axis (``FirstDateFormatter``), in ``zone`` (a tz-aware series' own:
    matplotlib would write its times in UTC)."""
    locator = mdates.AutoDateLocator(tz=zone)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FirstDateFormatter(locator, tz=zone))

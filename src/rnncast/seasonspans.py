"""What one ``season`` spans on each calendar of a panel: the setting is a number of steps, and series that keep a
calendar of their own (weekly beside daily, business days) count those steps in their own units, so a season of 7
meant as a week of days is 7 weeks for a weekly series and 7 trading days for a business-day one: its
seasonal naive baseline and its MASE scale reach that far back (decision 656). Said once, as a warning, where a
fit, a backtest or an evaluate scores that baseline. On business days that skip holidays a season of a week (5) is
counted in business days, so after each holiday it pairs another weekday: said at fit and backtest (decision 2114).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import businesssteps, fiscalweeks, shiftedwindows
from rnncast.seasonmatch import leap_note
from rnncast.seasons import implied_season
from rnncast.sessions import shifted_season
from rnncast.spelling import listing, some
from rnncast.zeroscales import scale_name

log = logging.getLogger(__name__)


def unit(calendar) -> str:
    """The step of ``calendar`` in words, plural: "days", "weeks", "business days", "steps of 2 months"; where its
    step implies no season (``seasons.implied_season``), "steps of" its shown frequency."""
    season = implied_season(calendar)
    return season.cycle.split(" in ")[0] if season is not None else f"steps of {calendar.shown}"


def _counted(calendar):
    """The calendar a series' steps are counted on: the one all but a few of its rows keep where it keeps none
    (``Calendar.kept``: a date typed a day off among weekly rows), whose season spans what that calendar's does."""
    return calendar.kept.calendar if getattr(calendar, "kept", None) is not None else calendar


def said(calendar, calendars: dict, season: int) -> str | None:
    """The warning line where ``season`` (> 1) is a span of other units for some series: ``calendar`` the panel's
    (the one most series keep), ``calendars`` {series id: Calendar} of the series that keep their own; None where
    every series counts the season in the panel's units (or there is no season)."""
    if season is None or season <= 1 or not calendars:
        return None
    base = unit(_counted(calendar))
    apart = {}  # {unit: [(id, calendar)]}, in the series' order
    for i, own in calendars.items():
        if (words := unit(_counted(own))) != base:
            apart.setdefault(words, []).append((i, own))
    if not apart:
        return None
    spans = " and ".join(f"{season} {words} for " + ", ".join(f"{i!r} ({own.shown})" for i, own in owners)
                         for words, owners in apart.items())
    return (f"season {season} is {season} {base} on the panel's calendar ({calendar.shown}) but {spans}: their "
            f"{scale_name(season)} baseline and MASE reach that far back; fit those series apart, or give the season "
            "those calendars share (season=, --season)")


def warn(calendar, calendars: dict, season: int, times=None, near=None, own_rows=None) -> None:
    """Log ``said``'s line as a warning, if there is one, and where the rows' ``times`` (None: not known) on a daily
    ``calendar`` span a Feb 29 with a season of 365, ``seasonmatch.leap_note`` as a note (decision 1576), or on a weekly
    one a year of 53 of its weekdays with a season of 52, ``fiscalweeks.season_note`` (decision 1977); where a
    season of whole sessions reaches other bars after half days, ``sessions.shifted_season``'s warning; where a
    season of whole days reaches other hours after a zoned clock's change, ``shiftedwindows.zoned``'s, its example the
    change at or after ``near`` (a Timestamp: the first step scored), else the last (decision 1969); where a week of
    business days spans a holiday ``calendar`` skips, ``holiday_weeks``' warning, over ``own_rows`` (the times of the
    series keeping ``calendar``; ``warn_panel`` gives none where series keep their own) where given, else ``times``
    (decisions 2114, 2138)."""
    if (line := said(calendar, calendars, season)) is not None:
        log.warning("%s", line)
    if (note := leap_note(season, calendar, times) or fiscalweeks.season_note(season, calendar, times)) is not None:
        log.info("%s", note)  # season 52 across a year of 53 Saturdays: a week early after it (decision 1977)
    if (line := shifted_season(getattr(calendar, "session", None), times, season, getattr(calendar, "shown", ""))):
        log.warning("%s", line)  # a season of whole sessions counted across half days (decision 1615)
    if (line := shiftedwindows.zoned(calendar, times, season, near)):
        log.warning("%s", line)  # a season of whole days counted across daylight saving's changes (decision 1716)
    if (line := holiday_weeks(calendar, times if own_rows is None else own_rows, season, near)):
        log.warning("%s", line)  # a week of business days counted across a holiday (decision 2114)


def holiday_weeks(calendar, times, season: int | None, near=None) -> str | None:
    """Fit's and backtest's warning where ``season`` (steps) is a whole number of weeks of a business-day calendar that
    skips holidays ('B' without DE holidays) and ``times`` (the rows' DatetimeIndex [N], stacked series alike) span
    one: counted in business days, the seasonal naive forecast and MASE's scale of the steps after it read another
    weekday (Tue 2025-04-22 reads Fri 2025-04-11 across Easter). Names the first holiday, how many of the calendar's
    steps (after the first season) are paired with another weekday, and one pair: the first at or after ``near`` (a
    backtest's first scored step), else the last; None otherwise (decision 2114)."""
    freq = getattr(calendar, "freq", None)
    if (season is None or season <= 1 or not businesssteps.kind(freq) or season % businesssteps.weekdays(freq)
            or not isinstance(times, pd.DatetimeIndex) or not len(times)):
        return None
    grid = pd.date_range(times.min().tz_localize(None).normalize(), times.max().tz_localize(None), freq=freq)
    off = np.flatnonzero(grid[season:].day_of_week != grid[:-season].day_of_week)  # [K] steps season on read these
    if not len(off):
        return None
    skipped = businesssteps.holidays(freq)
    first = skipped[(skipped > grid[0]) & (skipped < grid[season + off[0]])][:1]
    late = off[grid[season + off] >= pd.Timestamp(near).tz_localize(None)] if near is not None else off[-1:]
    j = int((late if len(late) else off[-1:])[0])
    now, back, of = grid[season + j], grid[j], len(grid) - season
    days = season // businesssteps.weekdays(freq) * 7
    return (f"season {season} is counted in business days, and the calendar {calendar.shown} skips holidays, so a week "
            f"with one keeps fewer{f' (the first: {first[0]:%Y-%m-%d})' if len(first) else ''}: the seasonal naive "
            f"forecast (season {season}) and MASE's scale pair {len(off)} of the {of} days after the first {season} "
            f"({len(off) / of:.0%}) with another weekday, not the same weekday {days} days before ({now:%a %Y-%m-%d} "
            f"with {back:%a %Y-%m-%d}'s value), so that baseline, and the model's comparison with it, are off after "
            "each holiday")


def warn_panel(panel, season: int | None, near=None) -> None:
    """``warn`` of ``panel``'s calendars (fit's and backtest's; ``near``: ``warn``'s), then, for each series keeping trading hours of its own
    (a shop whose Saturdays close earlier than the panel's), ``sessions.shifted_season``'s warning of its hours over its
    own rows, naming it: the panel's line judges the panel's hours alone (t35t7 L5, decision 1846); and for the
    series of a panel whose series keep calendars of their own (a state's holidays, decision 2108), ``holiday_weeks``'
    warning of each business-day calendar over its series' rows, one line a calendar naming its series (decision
    2138)."""
    split = bool(panel.calendars) and isinstance(panel.time, pd.DatetimeIndex)  # series keep calendars of their own
    warn(panel.calendar, {panel.ids[s]: c for s, c in panel.calendars.items()}, season, panel.time, near,
         panel.time[:0] if split else None)  # holiday_weeks then said below, of each calendar's series
    holidays: dict = {}  # {calendar shown: [series]} of the series on each business-day calendar
    for s in range(panel.n_series) if split else ():
        if businesssteps.kind(getattr(own := panel.calendar_of(s), "freq", None)):
            holidays.setdefault(own.shown, []).append(s)
    for series in holidays.values():  # each set's series read on its own calendar, a line for each (decision 2138)
        times = panel.time[:0].append([panel.time_of(s) for s in series])
        if (line := holiday_weeks(panel.calendar_of(series[0]), times, season, near)):
            names = [repr(panel.given_id(s)) for s in series]
            log.warning("series %s: %s", listing(names) if len(names) <= 3 else some(names, 3), line)
    for s, own in panel.calendars.items():
        session = getattr(own, "session", None)
        if session is not None and own.shown != panel.calendar.shown and (
                line := shifted_season(session, panel.time_of(s), season, own.shown)):
            log.warning("series %r: %s", panel.ids[s], line)

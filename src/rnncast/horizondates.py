"""The dates of a forecast's next horizon: after each series' end, on the calendar of the fit (a series' own where
it keeps one, the rows fit kept where all but a few did, row numbers for numbered rows), in one clock where the data
was written with one UTC offset (``fixedoffsets``); and the warnings of those dates: on a holiday the data skipped
before (``businessdays``), on a holiday a subdivision keeps that the country given lacks (``subdivholidays``), or long after a series closed (``staleseries``).
``forecasting.next_horizon`` dates its forecasts with :func:`dates`.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import businessdays, fixedoffsets, jitter, keptdates, sessions, staleseries, subdivholidays, zoneclock
from rnncast.holidaysets import wall_days
from rnncast.panel import Panel
from rnncast.spelling import listing, some
from rnncast.state import FittedState

log = logging.getLogger(__name__)

FEW_WARNED = 3  # the lines warn_subdivisions writes at most: a panel's groups of series meeting different holidays


def dates(state: FittedState, panel: Panel) -> list[pd.Index]:
    """[S] x [H] the forecast's time steps after each series of ``panel`` ends (``next_times``), in one clock where
    the data has one UTC offset (UTC across a change), warned of where they fall on a holiday (``warn_closed``) or
    long after a series closed."""
    when = fixedoffsets.in_one_clock(panel.time, [next_times(state, panel, s) for s in range(panel.n_series)],
                                     state.said, panel.calendar.text_format)  # one offset: UTC across a change
    warn_closed(state, panel, when)
    warn_subdivisions(state, panel, when)  # a country's set given without its subdivision's (decision 1984)
    staleseries.warn(panel, when, panel.calendar.text_format)  # as the data just read writes dates (decision 1897)
    return when


def next_times(state: FittedState, panel: Panel, s: int) -> pd.Index:
    """The forecast's time steps after series ``s`` ends, on the calendar of the fit."""
    horizon = state.settings.data.horizon
    if panel.time is None:
        return panel.next_times(s, horizon)  # row numbers: the table's where its series share them
    if state.calendar.kind == "row":
        return pd.RangeIndex(panel.lengths[s], panel.lengths[s] + horizon, name="row")
    calendar = state.calendars.get(panel.ids[s], state.calendar)  # a series may keep a calendar of its own
    if calendar.freq is None and calendar.kept is not None:  # all but a few of fit's rows kept one: dated on it
        return keptdates.following(calendar, panel.time[panel.offsets[s] : panel.offsets[s + 1]], horizon, state.said,
                                   panel.calendar.text_format, panel.n_series == 1,
                                   panel.given_id(s) if panel.ids[s] in state.calendars else None)  # its own
    near = jitter.advice(panel.time, panel.offsets, fmt=panel.calendar.text_format) if calendar.freq is None else None
    return calendar.next(panel.time[panel.offsets[s + 1] - 1], horizon, near)  # no calendar: refused, rounding said


def warn_closed(state: FittedState, panel: Panel, when: list) -> None:
    """Forecasts on business days that skip no holidays, dated on a holiday the data itself skipped in an earlier
    year (``businessdays.skipped_ahead``), are warned of once. No market's holidays are guessed: a model fitted with
    ``holidays=`` skips its set's, and one fitted without names none it was not given (an ASX model's forecast on
    US Thanksgiving was warned of as an NYSE holiday, decision 940)."""
    groups: dict = {}
    for s in range(panel.n_series if isinstance(panel.time, pd.DatetimeIndex) else 0):
        calendar = state.calendars.get(panel.ids[s], state.calendar)
        calendar = calendar.kept.calendar if calendar.freq is None and calendar.kept is not None else calendar  # 9871
        if calendar.holidays is None and (businessdays.plain_business(calendar.days) or _weeks(calendar.freq)):
            groups.setdefault(calendar, []).append(s)
    for calendar, series in groups.items():  # each calendar's days read from its own series' rows, not a weekly one's
        ahead = when[series[0]].append([when[s] for s in series[1:]])
        rows = np.concatenate([np.arange(panel.offsets[s], panel.offsets[s + 1]) for s in series])
        time, cut = panel.time[rows], np.concatenate([[0], np.cumsum(panel.lengths[series])]).astype(np.int64)
        weeks = skipped_weeks(time, cut, calendar.freq) if _weeks(calendar.freq) else None  # the Fridays absent
        said = businessdays.skipped_ahead(ahead, time, cut, calendar.weekmask, calendar.session, calendar.text_format,
                                          weeks, calendar.shown if weeks is not None else None)
        if said:
            log.warning("%s", said)
            return


def warn_subdivisions(state: FittedState, panel: Panel, when: list) -> None:
    """Forecasts of a model fitted with a country's holidays without a subdivision (``holidays='GB'``) dated on a
    holiday one of its subdivisions keeps and the country lacks (Easter Monday: England's, not Scotland's), of a
    subdivision the series' own rows do not rule out (``subdivholidays.ahead_said``), warned of once (decision 1984)
    for the series it is said of alike, named where they are not the panel's every series: each series' rows are its
    own, so a Munich warehouse is warned of Epiphany beside a Hamburg one that works on it (decision 2109). Series
    grouped by the subdivision advised, not the words: one state's series of different last dates share a line
    naming the days any one meets (decision 2137)."""
    found: dict = {}  # {(calendar, the subdivision advised): [(series, holidays met, its rows' days)]}
    for s in range(panel.n_series if isinstance(panel.time, pd.DatetimeIndex) else 0):
        calendar = state.calendars.get(panel.ids[s], state.calendar)
        if calendar.holidays is None or not subdivholidays.daily(calendar.days) or \
                not isinstance(when[s], pd.DatetimeIndex) or not len(when[s]):
            continue
        days = wall_days(sessions.opened(panel.time[panel.offsets[s]:panel.offsets[s + 1]], calendar.session))
        ahead = wall_days(sessions.opened(when[s], calendar.session))
        if (met := subdivholidays.ahead_of(calendar.holidays, ahead, days, calendar.weekmask)) is not None:
            first = next(s for keep in met.values() for s in keep)  # one state's series of other last dates alike
            found.setdefault((calendar, first), []).append((s, met, days))
    groups = list(found.items())
    rest = [repr(panel.given_id(s)) for _, series in groups[FEW_WARNED:] for s, _, _ in series]
    for i, ((calendar, _), series) in enumerate(groups[:FEW_WARNED]):  # a few lines at most: one per state's holidays
        said = subdivholidays.ahead_words(calendar.holidays, [met for _, met, _ in series],
                                          np.concatenate([days for _, _, days in series]), calendar.text_format)
        names = [repr(panel.given_id(s)) for s, _, _ in series]
        shown = listing(names) if len(names) <= 3 else some(names, 3)
        whose = "" if len(series) == panel.n_series else f"series {shown}: "
        more = f" ({len(rest)} more series' forecasts fall on such holidays: {some(rest, 3)})" \
            if rest and i == FEW_WARNED - 1 else ""
        apart = f"; {subdivholidays.PANEL_ADVICE}" if whose else ""
        log.warning("%s%s%s%s", whose, said, apart, more)


def _weeks(freq) -> bool:
    """Whether ``freq`` is weeks anchored on a weekday ('W-FRI'), whose dates a holiday can fall on."""
    return isinstance(freq, pd.offsets.Week) and freq.weekday is not None


def skipped_weeks(time: pd.DatetimeIndex, offsets: np.ndarray, freq) -> np.ndarray:
    """The days (datetime64[D]) of the weekly calendar ``freq`` within each series' span (``time`` cut at ``offsets``)
    that it has no row on: the weeks a series skipped (Good Friday's, where the market closed on its day)."""
    days = zoneclock.wall(time).normalize()
    found = [pd.date_range(days[a], days[b - 1], freq=freq).difference(days[a:b]) for a, b in
             zip(offsets[:-1], offsets[1:]) if b - a > 1]
    return np.unique(np.concatenate([f.to_numpy().astype("datetime64[D]") for f in found])) if found else \
        np.array([], dtype="datetime64[D]")

"""The calendar ``holidays`` given without ``freq`` apply to (``followed``): a session or a week of business days the
timestamps keep, for ``loading``'s ``holidays=``; refused by name where the calendar skips no day (weeks, month ends,
hours), with the setting that computes a holiday column instead (decisions 1972, 1983), or where a panel's series keep different
sessions (decision 1918)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import businessmonths, holidaysets, sessions, tradingweeks, weekmasks
from rnncast.calendars import settle
from rnncast.errors import RnncastError
from rnncast.timecalendar import by_series


def followed(time: pd.Index, offsets: np.ndarray, where, holidays=None,
             ids: list | None = None) -> tuple[sessions.Session | None, str | None]:
    """The session (``30min 09:30-15:30``) or the week of business days (``Sun Mon Tue Wed Thu``) that ``time``
    follows when no calendar is given, for holidays given without ``freq`` to apply to, as (session, None) or
    (None, week); (None, None) for business days or no one calendar (its holidays then skip Monday to Friday's days):
    ``loading``'s, for ``holidays`` given without ``freq``. A calendar that skips no holiday (weeks, month ends, every
    day) is refused by name: holidays= set which days business days skip, not a holiday's effect on the values. A
    panel whose series keep different sessions (``ids``: each series' id, as the refusal names them) is refused: one
    calendar's holidays, read as business days, would put none of them on it (decision 1918)."""
    if not isinstance(time, pd.DatetimeIndex):
        return None, None
    calendar, _, own = settle(time, offsets, None, where, quiet=True)
    if own and any(isinstance(c.freq, sessions.Session) for c in (calendar, *own.values())):
        ids = list(range(len(offsets) - 1)) if ids is None else list(ids)
        raise RnncastError(f"holidays={holidays!r} (--holidays) names the days one calendar skips, and the series keep "
                           f"different ones: {by_series(calendar, {ids[s]: c for s, c in own.items()}, ids)}; fit "
                           "the series of each calendar apart with holidays=, or leave holidays unset (each series "
                           "keeps its own calendar, its holidays read as missing steps)")
    if own or calendar.freq is None:
        return None, None
    if isinstance(calendar.freq, sessions.Session):
        return calendar.freq, None
    week = (weekmasks.of(calendar.freq) or businessmonths.text(calendar.freq)  # 'BME': a month's last business day
            or (calendar.freq.freqstr if tradingweeks.kind_of(calendar.freq) else None))  # 'W-FRI': a week's last
    if week is None and not isinstance(calendar.freq, (pd.offsets.BusinessDay, pd.offsets.CustomBusinessDay)):
        raise RnncastError(f"holidays={holidays!r} (--holidays) names the days a business-day calendar skips, and the "
                           f"timestamps follow the calendar {calendar.shown}, which skips none: leave holidays "
                           "unset; a holiday's effect on the values is learned from a column that marks it "
                           f"(future_covariates=, --future-covariates){marked(calendar.freq, holidays)}")
    return None, week


def marked(freq, holidays) -> str:
    """On days or finer steps (a day's hours, 15-minute load), the setting that computes such a column from the
    timestamps, the set given kept (a market's, a subdivision's: decision 1983's ``holiday:SET``), known at every
    forecast step; "" on weeks, months and other calendars, whose rows hold several days each (decision 1972)."""
    if not isinstance(freq, (pd.offsets.Tick, pd.offsets.Day)):
        return ""
    try:  # the set as the setting reads it: a name it would refuse ('Germany') is not offered back
        given = f"weekend,holiday:{holidaysets.canonical(holidays)}"
    except RnncastError as err:
        return (", or computed from the timestamps at every step, forecast steps too: calendar_covariates="
                f"'weekend,holiday:SET' (--calendar-covariates weekend,holiday:SET), SET a known set: {err}")
    return (f", or computed from the timestamps at every step, forecast steps too: calendar_covariates='{given}' "
            f"(--calendar-covariates {given})")

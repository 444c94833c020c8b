"""How a panel's time runs: ``Calendar``, its kind, its calendar and what continues a series (``next``).

Time is one of four kinds:

* ``datetime``: timestamps, tz-naive or tz-aware; the calendar is a pandas offset (``MS``, ``ME``,
  ``B``, ``W-SUN``, ``QS-JAN``, ``YS-JAN``, ``D``, ``h``, ``15min`` ...), business days on a week mask
  (``weekmasks``) or without a holiday set (``holidaysets``), or a trading session's bars
  (``sessions.Session``: ``30min 09:30-15:30``), inferred from the timestamps or given as ``freq=``;
* ``period``: a ``PeriodIndex`` or period column; the calendar is the periods' own frequency;
* ``integer``: integer periods (years, a step counter; not ``20000131`` or ``200001``, dates), continued by their step;
* ``row``: no time: rows are numbered.

All calendar arithmetic is pandas' own (``infer_freq``, ``date_range``, offsets; pandas 3, where
``D`` is a calendar day). Calendar days, weeks, months, quarters and years run on local wall time
(a daily tz-aware series stays at local midnight across daylight saving); steps of hours, minutes
or seconds (``24h`` included) run on absolute time (an hourly series has 23 or 25 rows on the days
clocks change). The calendar is kept in model.json as ``freq=`` spells it (``state``, ``from_state``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset
from pandas.tseries.offsets import Tick

from rnncast import businessmonths, halfdays, holidaysets, monthdays, offsetguess, sessions, tradingweeks, weekmasks, zonedays
from rnncast.errors import RnncastError

ALIASES = "D, B, W-SUN, MS, ME, QS, YS, h, 15min"


def market_of(offset) -> str | None:
    """The holiday set a market's month-end or week-end offset skips (``'BME'`` without NYSE holidays: ``'NYSE'``,
    made by ``businessmonths`` or ``tradingweeks``), else None."""
    return businessmonths.set_of(offset) or tradingweeks.set_of(offset)


@dataclass(frozen=True)
class Kept:
    """The calendar all but a few of fit's timestamps keep where none keeps every one (decision 682): the model
    trains on its rows as consecutive, and predict dates forecasts on ``calendar`` (``keptdates``). ``rows`` of the
    ``of`` rows fit read keep it; ``off``: those off it, as the data wrote them."""

    calendar: "Calendar"
    rows: int
    of: int
    off: tuple = ()

    def state(self) -> dict:
        state = {"freq": self.calendar.freq_text, "rows": self.rows, "of": self.of, "off": list(self.off)}
        return state if self.calendar.holidays is None else {**state, "holidays": self.calendar.holidays}


@dataclass(frozen=True)
class Calendar:
    """How a panel's time runs. ``freq``: a pandas offset (datetime, period), an integer step
    (integer), or None (row numbers, or timestamps that no offset explains). ``tz``: the zone of
    tz-aware timestamps; ``name``: the time column."""

    kind: str = "row"
    freq: object = None
    tz: str | None = None
    name: str | None = None
    dayfirst: bool | None = None  # dates such as 01/02/2016 were read day first (True), month first (False); None: no doubt
    text_format: str | None = None  # the strftime format of the column's text (2016-01: "%Y-%m"); csvtext.written_format
    holidays: str | None = None  # the holiday set a business-day calendar skips ("NYSE", "US-NY"): businessdays
    kept: Kept | None = None  # no calendar (freq None), but one that all but a few rows keep: forecasts dated on it
    remedy: str | None = field(default=None, compare=False)  # no calendar: what fit's warning said would give one
    # where freq= would not (round timestamps a few seconds off a grid: ``irregularsteps.remedy``); None: freq= may

    @property
    def shown(self) -> str:
        """The calendar as a person reads it: ``'B'``, ``'B' without NYSE holidays``, ``'Sun Mon Tue Wed Thu'``,
        ``irregular``, ``irregular ('D' kept by 298 of 300 rows)``."""
        if self.freq is None:  # where all but a few rows keep one, forecasts are dated on it
            return "irregular" if self.kept is None else \
                f"irregular ({self.kept.calendar.shown} kept by {self.kept.rows} of {self.kept.of} rows)"
        if self.holidays is None:
            return repr(self.freq_text)
        dated = self.session is not None or businessmonths.text(self.freq) or tradingweeks.text(self.freq)
        days = self.freq_text if dated else self.weekmask or "B"
        return f"{days!r} without {self.holidays} holidays"

    @property
    def session(self) -> sessions.Session | None:
        """The trading session the calendar runs on (intraday bars), or None for any other calendar."""
        return self.freq if isinstance(self.freq, sessions.Session) else None

    @property
    def days(self):
        """The calendar of days: a session's trading days, else the calendar itself."""
        return self.session.days if self.session is not None else self.freq

    @property
    def weekmask(self) -> str | None:
        """The week of a business-day calendar (or a session's days) other than Monday to Friday (``Sun Mon Tue
        Wed Thu``), else None."""
        if self.kind != "datetime":
            return None
        return weekmasks.of(self.days)

    @property
    def freq_text(self):
        """The calendar as ``freq=`` takes it: the offset's alias (``B``, ``MS``), a week mask, an integer step."""
        if self.freq is None or self.kind == "integer":
            return self.freq
        if self.session is not None:
            return self.freq.freqstr
        return self.weekmask or businessmonths.text(self.freq) or self.freq.freqstr  # 'BME', not pandas' 'CBME'

    def next(self, last, horizon: int, near: str | None = None) -> pd.Index:
        """The ``horizon`` time steps after ``last``. Raises ``RnncastError`` when no calendar is
        known (timestamps that no offset explains): dates are never invented. ``near``: what that refusal says
        of timestamps a few seconds off a grid, or kept on a zone's clock (``jitter.advice``: round them, or read
        them with tz=, as fit's warning said), instead of fitting again with freq=."""
        steps = np.arange(1, horizon + 1)
        if self.kind == "integer":
            return pd.Index(int(last) + int(self.freq) * steps, name=self.name)
        if self.kind == "period":
            return pd.PeriodIndex([last + int(k) for k in steps], name=self.name)
        if self.freq is None:
            raise RnncastError(
                "the timestamps the model was fitted on follow no regular calendar, so its forecasts cannot be dated; "
                + (f"fit again on timestamps that keep one calendar: {near}" if near else
                   "fit again on timestamps that keep one calendar (correcting or dropping any rows off it that fit's "
                   f"warning named), or with freq= (--freq) naming the calendar they keep, a pandas offset alias such as "
                   f"{ALIASES} (with holidays= for a market's days)")
            )
        if self.session is not None:  # the next bars of the session, then the next trading day's
            return sessions.following(self.freq, last, horizon, self.name)
        if isinstance(last, pd.Timestamp) and last.tz is not None and not isinstance(self.freq, Tick):
            wall = zonedays.day_walls(pd.DatetimeIndex([last]))[0]  # days on wall time: a skipped midnight's day
            local = pd.date_range(start=wall, periods=horizon + 1, freq=self.freq, name=self.name)[1:]
            return zonedays.day_instants(local, last.tz).as_unit(last.unit)  # Havana's repeated 00:00: the first
        dates = pd.date_range(start=last, periods=horizon + 1, freq=self.freq, name=self.name)[1:]
        return dates.as_unit(last.unit) if isinstance(last, pd.Timestamp) else dates  # B gives us for ms data

    def state(self) -> dict:
        state = {"kind": self.kind, "freq": self.freq_text, "tz": self.tz, "name": self.name, "dayfirst": self.dayfirst,
                 "text_format": self.text_format}
        state = state if self.holidays is None else {**state, "holidays": self.holidays}
        if self.session is not None and self.session.early is not None:  # the closes of its half days
            state = {**state, "half_days": self.session.early.state()}
        state = state if self.remedy is None else {**state, "remedy": self.remedy}
        return state if self.kept is None else {**state, "kept": self.kept.state()}  # runs before it: none

    @classmethod
    def from_state(cls, state: dict, found: bool = False) -> "Calendar":
        """The calendar model.json keeps (``state``). ``found``: the run named none (``freq=None``), so that a quarterly
        calendar recorded by the first row's month before decision 1044 ('QS-APR' for data from 2015Q2) is read under
        the name data read now gives the same dates (``offsetguess.calendar_year``: 'QS-JAN'); one given is kept."""
        kind, freq = state["kind"], state.get("freq")
        session = sessions.parse(freq) if kind == "datetime" else None  # '30min 09:30-15:30': a session's bars
        if session is not None:
            freq = session.on(holidaysets.offset(state["holidays"], weekmasks.week(session.week))) if state.get(
                "holidays") else session
            if state.get("holidays") and state.get("half_days") is not None:  # half days closing early
                freq = freq.closing(halfdays.from_state(state["holidays"], state["half_days"]))
        elif kind in ("datetime", "period") and freq is not None:
            mask = weekmasks.parse(freq)  # 'Sun Mon Tue Wed Thu': business days on those weekdays
            monthly = businessmonths.kind_of(freq) if state.get("holidays") else None  # 'BME' without NYSE holidays
            weekly = tradingweeks.kind_of(freq) if state.get("holidays") else None  # 'W-FRI' without NYSE holidays
            freq = (businessmonths.offset(state["holidays"], *monthly) if monthly else
                    tradingweeks.offset(state["holidays"], *weekly) if weekly else
                    holidaysets.offset(state["holidays"], mask) if state.get("holidays") else
                    weekmasks.offset(mask) if mask else monthdays.parse(freq) or to_offset(freq))
            freq = offsetguess.calendar_year(freq) if found and kind == "datetime" else freq  # a PeriodIndex's own
            # Q-MAR quarters are named by their periods, never guessed: QE-DEC would read none of them (decision 2104)
        kept = state.get("kept")
        if kept is not None:  # the calendar, on the time column and zone of the model's
            on = cls.from_state({"kind": "datetime", "freq": kept["freq"], "tz": state.get("tz"),
                                 "name": state.get("name"), "holidays": kept.get("holidays")}, found)
            kept = Kept(on, int(kept["rows"]), int(kept["of"]), tuple(str(v) for v in kept.get("off", ())))
        return cls(kind, freq, state.get("tz"), state.get("name"), state.get("dayfirst"), state.get("text_format"),
                   state.get("holidays"), kept, state.get("remedy") if isinstance(state.get("remedy"), str) else None)


def by_series(base: Calendar, own: dict, ids: list, most: int = 5, given: dict | None = None) -> str:
    """The calendars of a panel whose series keep different ones, each with the series on it:
    ``'Sun Mon Tue Wed Thu' (101 and 2 more), 'B' (202)``; ``base.shown`` when every series keeps ``base``.
    ``own``: {series id: Calendar} of the series that keep their own; ``ids``: every series' id (text);
    ``given``: {text: id} the caller's ids where they were not text (``FittedState.given_ids``)."""
    groups: dict = {}
    for i in ids:
        groups.setdefault(own.get(i, base).shown, []).append(given.get(i, i) if given else i)
    if len(groups) == 1:
        return next(iter(groups))
    said = [f"{shown} ({ids_[0]!r}{f' and {len(ids_) - 1} more' if len(ids_) > 1 else ''})"
            for shown, ids_ in list(groups.items())[:most]]
    more = f" and {len(groups) - most} more calendars" if len(groups) > most else ""
    return ", ".join(said) + more


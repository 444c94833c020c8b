"""A trading session's bars read in UTC that keep a daylight-saving zone's clock: refused at fit, that zone named.

Vendors write intraday bars in UTC (``2024-10-25T13:30:00Z``, ``+00:00``, naive UTC text, Unix times): New York's
09:30-15:55 session is 13:30-19:55 UTC in summer and 14:30-20:55 in winter. Read in UTC, a tester's 5-minute bars
across 3 November settled as one session ``'5min 13:30-20:55'`` (90 bars, where the market's has 78) with 300 rows
"missing" and 574 of 1305 training windows spanning them, predict dated forecasts at 16:00 New York time, after the
close, and without ``holidays=`` the refusal of a holiday advised that wide UTC session as ``freq=``. The same bars
written with their offsets were refused (``writtenzones.settle``: "its bars are a trading session's on the clock they
are written in"). ``refuse`` does the same for bars read in UTC, or at one fixed offset: where each series' sessions
open at two times of day on their own clock and at one on some zone's (``zoneclock.kept_clock`` of the sessions'
first bars), fit is refused in one line naming that zone and ``tz=`` (``zoneclock.read_on``; for naive text, the
pandas line converting it from UTC first). A panel whose series keep several zones' clocks is told to fit each
market apart (``zoneclock.apart_hint``).

``refuse_utc`` swaps the clocks: naive times read on ``tz=``'s zone whose sessions open there at two times of day
an hour apart across its daylight-saving change, and at one once read as UTC's and converted to it, are UTC's text
read as that zone's own (a tester's NYSE bars: '30min 13:30-20:30', 106 rows "missing", forecasts at 13:30 there).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import numbertimes, writtenzones, zoneclock
from rnncast.sessions import DAY
from rnncast.errors import RnncastError
from rnncast.sessiondays import session_day
from rnncast.spelling import counted


def refuse(time, offsets: np.ndarray, calendar, own: dict, fmt: str | None, ids: list, firsts: dict | None = None
           ) -> None:
    """Raise ``RnncastError`` where the series of ``time`` [N] (sorted, cut at ``offsets`` [S + 1], ``ids`` [S])
    whose calendar is a trading session (``own`` {series: Calendar}, else ``calendar``) open each session at two
    times of day on the clock they are read on and at one on a daylight-saving zone's (``kept``); ``fmt``: the
    column's written form (Unix times are UTC's instants; naive text is converted from UTC before ``tz=``).
    ``firsts``: ``session_firsts``' of the same times and calendars, where found already."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3 or time.hasnans:
        return
    unix = numbertimes.unit_of(fmt) is not None and numbertimes.in_utc(numbertimes.unit_of(fmt))
    zoned = time.tz_localize("UTC") if time.tz is None and unix else time  # Unix times: UTC's instants, as tz= reads them
    firsts = session_firsts(time, offsets, calendar, own) if firsts is None else firsts
    found: dict[int, list] = {}
    for s in range(len(ids)):
        session = own.get(s, calendar).session
        if session is not None:
            clocks = kept(zoned[int(offsets[s]) : int(offsets[s + 1])], session, [f[0][:2] for f in found.values()],
                          firsts[s])
            if clocks is not None:
                found[s] = clocks
    if not found:
        return
    column = time.name if time.name is not None else "time"
    naive = zoned.tz is None
    read = "as written" if naive else "in UTC" if str(zoned.tz) == "UTC" else f"at {zoned.tz}"
    moves = "in UTC, which they seem written in" if naive else read
    freq = own.get(next(iter(found)), calendar).freq_text
    zones = {clocks[0][0] for clocks in found.values()}
    for s in range(len(ids)):  # the other series' sessions keep one time of day as read: the clock of their place
        session = own.get(s, calendar).session
        if s not in found and session is not None and (at := market(zoned[int(offsets[s]) : int(offsets[s + 1])],
                                                                    session, None, firsts[s])) is not None \
                and at[0] not in zones:
            found[s] = [(at[0], at[1], 0, "likely, where its sessions close at a market's hour")]
    if len(zones) == 1 and len({clocks[0][0] for clocks in found.values()}) == 1:
        clocks = found[next(iter(found))]
        who = "" if len(ids) < 2 else f" in series {zoneclock.series_named([ids[s] for s in found])}"
        how = zoneclock.read_on(clocks, column, f"pd.to_datetime(df[{column!r}], utc=True)", naive)
        raise RnncastError(f"time column {column!r} is read {read}{' (without a zone)' if naive else ''}, but{who} "
                           f"{writtenzones.moved_session(freq, opening(clocks), read, moves)}; {how}")
    zoned_ids: dict[str, list] = {}
    opens: dict[str, str] = {}
    for s, clocks in found.items():
        zoned_ids.setdefault(clocks[0][0], []).append(ids[s])
        opens.setdefault(clocks[0][0], clocks[0][1])
    likely = {clocks[0][0]: clocks[0][3] for clocks in found.values() if len(clocks[0]) > 3}
    said = "; ".join(f"series {zoneclock.series_named(named)} open{'s' if len(named) == 1 else ''} at {opens[zone]} "
                     f"on {zone}'s clock{f' ({likely[zone]})' if zone in likely else ''}"
                     for zone, named in list(zoned_ids.items())[:4])
    raise RnncastError(f"time column {column!r} is read {read}, but the series keep different clocks: their bars are "
                       f"trading sessions on the clocks of several zones, which daylight saving moves {moves} (read "
                       f"{read} their forecasts are an hour off half the year): {said}; a clock per series is not supported, "
                       f"so no one tz= reads them all: {zoneclock.apart_hint(column, zoned_ids, days=False)}")


def refuse_utc(time, offsets: np.ndarray, calendar, own: dict, tz, ids: list, firsts: dict | None = None) -> None:
    """Raise ``RnncastError`` where naive times [N] placed on ``tz``'s clock (series cut at ``offsets`` [S + 1],
    ``ids`` [S]; ``own``/``calendar`` as ``refuse`` takes them) open each session at two times of day there but at
    one once read as UTC and converted to ``tz``: the text is UTC's, to convert before ``tz=``. ``calendar`` None
    (before one is settled): the rows themselves weighed, a market's daily closes (20:00 and 21:00 New York's).
    ``firsts``: ``session_firsts``' of the same times and calendars, where ``refuse`` found them already."""
    if tz is None or not isinstance(time, pd.DatetimeIndex) or time.tz is None or len(time) < 3 or time.hasnans:
        return
    zone, found = str(time.tz), {}
    for s in range(len(ids)):
        session = own.get(s, calendar).session if calendar is not None else None
        if calendar is not None and session is None:
            continue
        cut = time[int(offsets[s]) : int(offsets[s + 1])]
        opens = (cut[:zoneclock.ROWS] if session is None else  # no calendar: the rows themselves (closes)
                 cut[(firsts[s] if firsts is not None else first_rows(cut, session))[: zoneclock.ROWS]])
        if len(opens) < 3 or not zoneclock.two_times(opens):
            continue
        clock = zoneclock.one_clock(opens.tz_localize(None).tz_localize("UTC").tz_convert(zone))
        if clock is not None:
            found[s] = (sorted(set(opens.strftime("%H:%M")))[:2], clock)
    if not found:
        return
    column = time.name if time.name is not None else "time"
    there, clock = found[next(iter(found))]
    who = "" if len(ids) < 2 else f" in series {zoneclock.series_named([ids[s] for s in found])}"
    how = zoneclock.read_on([(zone, clock)], column, f"pd.to_datetime(df[{column!r}], utc=True)", True)
    what = "trading sessions open" if calendar is not None else "rows fall"  # a session's opening, or closes
    raise RnncastError(f"time column {column!r} is read on the clock of {zone} (tz=), but{who} its {what} there at "
                       f"two times of day, {' and '.join(there)}, an hour apart across its daylight saving's change, "
                       f"while read as UTC's times they {what.split()[-1]} at one, {clock} there: the times are "
                       f"UTC's, written without a zone; {how}")


def kept(time: pd.DatetimeIndex, session, known: list[tuple[str, str]], at: np.ndarray | None = None
         ) -> list[tuple] | None:
    """The clocks (``kept_clock``'s ``(zone, "09:30", other zones)``) on which the first bars of the sessions of one
    series [N] keep one time of day where they keep two on their own clock (``zoneclock.two_times``: daylight saving's
    hour), one of ``known`` (found for other series) first; None where they keep one there, or none anywhere. ``at``:
    the rows of the sessions' first bars (``session_firsts``'), where found already."""
    at = first_rows(time, session) if at is None else at
    opens = time[at[: zoneclock.ROWS]]
    utc = opens if opens.tz is not None else opens.tz_localize("UTC")
    if len(opens) < 3 or not zoneclock.two_times(utc):
        return None
    for zone, clock in known:
        if zoneclock.one_clock(utc.tz_convert(zone)) == clock:
            return [(zone, clock, 0)]
    clocks = zoneclock.kept_clock(opens)  # a zone whose clock the sessions close at a market's hour on first:
    if not clocks:  # Tokyo's 15:00, not Sao Paulo's 21:00 opening
        return clocks
    where = market(time, session, [c[0] for c in clocks], at)
    return sorted(clocks, key=lambda c: c[0] != where[0]) if where else clocks


def market(time: pd.DatetimeIndex, session, among=None, at: np.ndarray | None = None) -> tuple[str, str] | None:
    """The zone (of ``among``, else the financial centres, ``zoneclock.FIRST``) on whose clock the sessions of
    one series [N] (naive times as UTC's) close at one time of day within a market's closing hours
    (``zoneclock.CLOSES``: Tokyo's 15:00 for bars of 00:00-05:30Z), and the sessions' opening there; else None.
    ``at``: the rows of the sessions' first bars (``first_rows``', all of them), where found already."""
    utc = time if time.tz is not None else time.tz_localize("UTC")
    at = first_rows(utc, session) if at is None else at
    opens = utc[at[: zoneclock.ROWS]]
    closes = utc[last_rows(at, len(utc))[: zoneclock.ROWS]] + session.step
    for zone in among if among is not None else zoneclock.FIRST:
        close = zoneclock.one_clock(closes.tz_convert(zone))
        seconds = int(close[:2]) * 3600 + int(close[3:]) * 60 if close else -1
        if zoneclock.CLOSES[0] <= seconds <= zoneclock.CLOSES[1] and (opening := zoneclock.one_clock(opens.tz_convert(zone))):
            return zone, opening
    return None


def first_bars(time: pd.DatetimeIndex, session) -> pd.DatetimeIndex:
    """[D] the first bar of each session of ``time`` [N] (one series, sorted): its first row on each day the session
    opened on, on the clock the times are read on."""
    return time[first_rows(time, session)]


def first_rows(time: pd.DatetimeIndex, session) -> np.ndarray:
    """[D] the rows of ``first_bars``: the same on the wall clock, whether ``time`` is zoned or not. A session of a
    whole day's bars (FX's 24/5: no night to open after) opens where the rows resume after a day or more, its
    week's opening (Sunday 17:00 New York's, 21:00 or 22:00 in UTC), the first row not counted (decision 1614)."""
    wall = zoneclock.wall(time)
    if session.bars * session.step >= DAY:
        return np.flatnonzero(np.asarray(wall[1:] - wall[:-1]) >= np.timedelta64(DAY)) + 1
    days = np.asarray(session_day(wall, session).asi8)
    new = np.ones(len(days), dtype=bool)
    new[1:] = days[1:] != days[:-1]
    return np.flatnonzero(new)


def last_rows(first: np.ndarray, n: int) -> np.ndarray:
    """[D] the rows of the last bar of each session of a series of ``n`` rows, from the rows of their first bars
    (``first_rows``', all of them): each session ends on the row before the next one opens, the last on the last row."""
    return np.r_[first[1:] - 1, n - 1] if n else first


def session_firsts(time, offsets: np.ndarray, calendar, own: dict) -> dict[int, np.ndarray]:
    """{series: the rows, inside it, of its sessions' first bars (``first_rows``, all of them: ``refuse`` and
    ``refuse_utc`` weigh the first ``zoneclock.ROWS``, ``market`` the sessions' last bars, the rows before)} of each
    series of ``time`` [N] (cut at ``offsets`` [S + 1]) whose calendar is a trading session (``own`` {series:
    Calendar}, else ``calendar``): found once at fit for ``refuse`` and ``refuse_utc``."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3 or time.hasnans:
        return {}
    sessions = {s: own.get(s, calendar).session for s in range(len(offsets) - 1)}
    return {s: first_rows(time[int(offsets[s]) : int(offsets[s + 1])], session)
            for s, session in sessions.items() if session is not None}


def opening(clocks: list[tuple]) -> str:
    """The clock ``moved_session`` names: "the clock of America/New_York (opening at 09:30 there, as on 5 other
    zones' at its offset)", or, where several zones' clocks keep the opening, the first three."""
    zone, clock, others = clocks[0][:3]
    if len(clocks) == 1:
        alike = f", as on the clocks of {counted(others, 'other zone')} at its offset" if others else ""
        return f"the clock of {zone} (opening at {clock} there{alike})"
    named = ", ".join(f"{c} in {z}" for z, c, _ in clocks[:3])
    return f"the clock of any zone whose daylight saving changes on their dates (opening at {named})"

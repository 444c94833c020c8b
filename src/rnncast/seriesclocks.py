"""A panel read on one zone's clock whose series keep another zone's: each such series and the clock it keeps named.

A panel's times are read on one clock (``tz=``, or the zone of a zoned index). A finance tester's Berlin closes
(17:30, +01:00 and +02:00) and Tokyo closes (15:00+09:00) read with ``tz='Europe/Berlin'`` put Tokyo's closes at 07:00
in winter and 08:00 in summer there: their calendar read as '24h' steps with every weekend missing (729 rows), and
predict dated their forecasts at 07:00+01:00 on Saturdays, Sundays and holidays, with no warning. ``settle`` refuses
such a panel at fit, before its calendar is settled, in one line: which series keep which zone's clock (the zone whose
offsets they were written with, where the rows wrote one: ``Rows.clocks``; else UTC's, or ``zoneclock.kept_clock``'s),
where they fall on the panel's, and what a panel of several clocks can do (``zoneclock.apart_hint``). Times that keep
one time of day on the panel's clock, or none on any zone's (hourly data), are its own, and times of one step of
absolute time (UTC's midnights of every day read on Berlin's clock) keep the calendar of that step ('24h') on any.
Read without ``tz=`` (a zoned index, as given), such series are warned of, not refused; one series keeping another
zone's clock, or a panel whose series all keep one such clock, by ``jitter.advice`` (New York's closes in UTC).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import movedsessions, numbertimes, writtenzones, zoneclock
from rnncast.clockchanges import preferred
from rnncast.errors import RnncastError
from rnncast.owncalendars import WIDE
from rnncast.spelling import hints, spelled
from rnncast.timecalendar import Calendar

log = logging.getLogger(__name__)


def settle(rows, time, offsets: np.ndarray, freq, where, quiet: bool, holidays, positions: np.ndarray, tz, ids: list,
           parts=None, given: dict | None = None):
    """``writtenzones.on_a_clock`` of ``time`` [N] (sorted as the panel, series cut at ``offsets`` [S + 1]; row
    ``i`` is ``positions[i]`` of the table, whose clocks as written are ``rows.clocks``), refused first at fit (not
    ``quiet``) where series keep other zones' clocks (``refuse``); no calendar where there is no time. The times
    are ``naive`` to the calendar's refusal where written without a zone: no clocks as written (``rows.clocks``)
    where ``tz=`` placed them, and text or datetimes, not Unix times (UTC's instants). ``parts``: a long table's id
    column, or its key's columns (a list), and ``given`` the caller's label of each column (text: ``0`` of
    ``"0"``), for the resample line a coarser freq is told (``resample_line``)."""
    if time is None:
        return Calendar(), None, {}
    naive = isinstance(time, pd.DatetimeIndex) and (time.tz is None or tz is not None and rows.clocks is None) and \
        numbertimes.unit_of(rows.text_format) is None
    if not quiet and naive and tz is not None:  # UTC's naive daily closes read as tz='s own: told to convert first
        movedsessions.refuse_utc(time, offsets, None, {}, tz, ids)
    if not quiet:
        refuse(time, offsets, (lambda: rows.clocks()[positions]) if rows.clocks is not None else None, tz, ids,
               rows.time_col)
    with hints(**resample_line(rows, offsets, parts, given), resample_ids=ids.__getitem__):  # a coarser freq's line
        # (owncalendars, decisions 1527, 1556), its part periods' series named by their ids (decision 1581)
        settled = writtenzones.on_a_clock(time, offsets, freq, where, quiet, holidays, rows.text_format, preferred(), naive)
    if not quiet:  # a session's bars in UTC that keep New York's clock: refused, as written with offsets they are
        firsts = movedsessions.session_firsts(time, offsets, settled[0], settled[2])  # found once for both
        movedsessions.refuse(time, offsets, settled[0], settled[2], rows.text_format, ids, firsts)
        if naive and tz is not None:  # UTC's naive text read as tz='s own: its sessions moved there
            movedsessions.refuse_utc(time, offsets, settled[0], settled[2], tz, ids, firsts)
    return settled


def resample_line(rows, offsets: np.ndarray, parts, given: dict | None) -> dict[str, str]:
    """The hints ``owncalendars.followed`` writes its resample line with: ``resample_by``, the id columns a long
    panel (``offsets`` [S + 1], S > 1) is grouped by, each as Python writes the caller's label (``'store,region'``
    one column, ``1`` an integer label), ``WIDE`` a wide table's, "" one series'; ``resample_at``, the time column
    so written, "" where a table's time is its index (not a column; its ids columns). ``parts``: the id column or
    the key's columns (a column named with a comma is one column, never split); ``given``: text label to the caller's,
    every column of a table handed over ({} for a file's; decision 1556)."""
    given = given or {}
    label = lambda name: repr(given.get(name, name))  # noqa: E731  an int stays an int: df[0], not df['0']
    ids = list(parts) if isinstance(parts, (list, tuple)) else [parts if parts is not None else rows.id_col]
    by = "" if len(offsets) <= 2 else WIDE if rows.codes_by_row is None else ", ".join(map(label, ids))
    index = bool(given) and rows.time_col not in given and all(p in given for p in ids if by not in ("", WIDE))
    at = "" if index else label(rows.time_col)  # "": a table's time as its index (df.index), its ids columns
    return {"resample_by": by, **({"resample_at": at} if rows.time_col is not None else {})}


def refuse(time, offsets: np.ndarray, clocks, tz, ids: list, column) -> None:
    """Raise ``RnncastError`` where series of ``time`` [N] (zoned: ``tz=``'s, or the index's own zone) keep one
    time of day on another zone's clock but not on the panel's (``kept``; ``clocks()`` [N] the naive times as
    written, read from the text only where a series needs them, or None): with ``tz=`` any such series; without it (a zoned index) a warning, and only for a panel
    whose series keep different clocks."""
    if not isinstance(time, pd.DatetimeIndex) or time.tz is None or (tz is None and len(ids) < 2):
        return
    wall: list = []

    def written(cut: slice):  # [n] a series' times as written, the text read once
        if clocks is not None and not wall:
            wall.append(clocks())
        return wall[0][cut] if wall else None

    found: dict[int, tuple[str, str]] = {}
    for s in range(len(ids)):
        cut = slice(int(offsets[s]), int(offsets[s + 1]))
        clock = kept(time[cut], lambda: written(cut), list(dict.fromkeys(found.values())))
        if clock is not None:
            found[s] = clock
    if not found or (tz is None and len(found) == len(ids) and len(set(found.values())) == 1):
        return  # each keeps the panel's clock; or, read as zoned, all one other clock: jitter.advice's hint
    own = str(time.tz)
    groups: dict[tuple[str, str], list[int]] = {}
    for s, clock in found.items():
        groups.setdefault(clock, []).append(s)
    said = []
    for (zone, clock), series in list(groups.items())[:4]:
        first = time[int(offsets[series[0]]) : int(offsets[series[0] + 1])]
        there = sorted(set(first.strftime("%H:%M")), key=list(first.strftime("%H:%M")).index)[:2]
        whose = (f"series {zoneclock.series_named([ids[s] for s in series])} keep{'s' if len(series) == 1 else ''}"
                 if len(ids) > 1 else "its times keep")
        said.append(f"{whose} {zone}'s {clock}, at {' and '.join(there)} on {own}'s clock as daylight saving moves them")
    rest = [ids[s] for s in range(len(ids)) if s not in found]
    others = f"; the other series ({zoneclock.series_named(rest)}) keep{'s' if len(rest) == 1 else ''} {own}'s clock" if rest else ""
    read = f"read on {own}'s clock ({spelled('tz')})" if tz is not None else f"zoned {own}"
    if len(groups) == 1 and not rest:  # one other clock: the table's
        how = f"read the table on that clock ({spelled('tz', next(iter(groups))[0])})"
    else:
        zoned = {zone: [ids[s] for s in series] for (zone, _), series in groups.items()}
        for s in (s for s in range(len(ids)) if s not in found):  # their own zone as written (Tokyo's, read in UTC)
            cut = slice(int(offsets[s]), int(offsets[s + 1]))
            zoned.setdefault(_written(time[cut], written(cut), list(zoned)) or own, []).append(ids[s])
        how = zoneclock.apart_hint(column, zoned)
    said = (f"time column {column!r} is {read}, but {'; '.join(said)}{others}: read so, those rows keep no calendar of "
            f"days (daily closes read as '24h' steps or none, their forecasts dated on weekends); {how}")
    if tz is None:  # as a zoned index is read: warned of, as jitter.advice warns of one series
        log.warning("%s", said)
        return
    raise RnncastError(said)


def kept(time: pd.DatetimeIndex, clocks, known: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The zone and time of day (``"15:00"``) whose clock the zoned times [N] of a series keep where they keep none
    on their own zone's clock: the zone whose offsets the naive times as written (``clocks()`` [N], or None) show,
    ``FIRST``'s first, else one of ``known`` (found for other series), else UTC where they keep one time of day there
    (a zone without daylight saving, which no row names), else ``zoneclock.kept_clock``'s first. None
    where they keep one time of day on their own clock, or none on any (hourly data), or are all one step of absolute
    time apart (UTC's midnights of every day read on Berlin's clock: '24h' continues them)."""
    time = time[: zoneclock.ROWS]
    if len(time) < 3 or not zoneclock.two_times(time) or len(np.unique(np.diff(time.asi8))) == 1:
        return None  # one time of day, or none, on its own clock; or one step of absolute time ('24h'), on any
    clocks = clocks() if clocks is not None else None
    clocks = clocks[: zoneclock.ROWS] if clocks is not None else None
    zone = _written(time, clocks, [z for z, _ in known])
    if zone is not None and (day := zoneclock.one_clock(pd.DatetimeIndex(clocks))) is not None:
        return zone, day
    for zone, clock in known:
        if zoneclock.one_clock(time.tz_convert(zone)) == clock:
            return zone, clock
    if (clock := zoneclock.one_clock(time.tz_convert("UTC"))) is not None:  # a clock without daylight saving: whose, no row says
        return "UTC", clock  # (Tokyo's 15:00 is also Shanghai's 14:00 and São Paulo's 03:00); UTC's dates them
    found = zoneclock.kept_clock(time)
    return found[0][:2] if found else None


def _written(time: pd.DatetimeIndex, clocks, known: list[str]) -> str | None:
    """The zone whose offsets the naive times as written (``clocks`` [N]) show where they are not ``time``'s [N]
    own clock: one of ``known`` first, then ``FIRST``'s first; None."""
    if clocks is None or len(time) < 1 or not (clocks != time.tz_localize(None)).any() or \
            (clocks == time.tz_convert(None)).all():  # written in UTC: no zone's offsets told
        return None
    wall = pd.DatetimeIndex(clocks)
    return next(iter(writtenzones.zones(time, wall, known, among=known) or writtenzones.zones(time, wall, zoneclock.FIRST)),
                None)


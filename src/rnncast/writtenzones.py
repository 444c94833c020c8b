"""Timestamps written with UTC offsets that change, as pandas writes a zoned index (``2024-03-30 00:00:00+01:00``,
``2024-03-31 00:00:00+02:00``): the clock they were written on, the zones whose offsets match every row, and
the refusal of times that keep a calendar on that clock but none in UTC.

Without ``tz=`` such times are read as instants, in UTC (``timeaxis.parse_time``). Hourly data stays regular
there (a step of an hour is an hour in any zone), but daily or monthly data of one zone across daylight saving
steps 23, 24 and 25 hours in UTC and follows no calendar; a fit would train on it and write a run whose
forecasts predict cannot date. ``settle`` refuses it at fit instead, in one line naming ``tz=`` and the zones
that have the offsets written (``zones``: every IANA zone tried, each on all rows at once with pandas).
Unix times (``time_unit``) read without ``tz=`` are UTC's instants too: where they keep a calendar only on a
zone's clock (Berlin's midnights, 23, 24 and 25 hours apart), ``on_a_clock`` says ``tz=`` and the zones.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo

import numpy as np
import pandas as pd

from rnncast import calendars, numbertimes, sessions, zoneclock
from rnncast.datetext import offsets
from rnncast.errors import RnncastError
from rnncast.offsetguess import inside
from rnncast.spelling import hint
from rnncast.timetext import offset_in, shown

log = logging.getLogger(__name__)

SAMPLE = 256  # rows each zone is tried on first (those where the offset changes among them); survivors on all


def wall_clock(column: pd.Series, time: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """[N] the naive times as ``column`` [N] writes them, its UTC offsets left off, in ``time``'s unit
    (``time`` [N]: the same times read as instants)."""
    wall = time.tz_convert(None) + offsets(column).as_unit(time.unit)  # any form datetext reads: 03.11.2024 01:00-04:00
    return pd.DatetimeIndex(wall).as_unit(time.unit).rename(time.name)


def zones(time: pd.DatetimeIndex, wall: pd.DatetimeIndex, prefer=(), among=None) -> list[str]:
    """The IANA zones (``Area/Location``) in which each instant of ``time`` [N] (zoned) reads as ``wall`` [N]
    (naive): those whose UTC offsets match every row; ``prefer``'s first, then by name. ``among``: the zones
    tried (default: every one ``named``)."""
    utc = time.tz_convert(None)
    written = wall.asi8 - utc.asi8  # [N] each row's offset, in the index's unit
    changes = np.flatnonzero(np.diff(written))
    rows = np.unique(np.concatenate([changes, changes + 1, np.linspace(0, len(time) - 1, SAMPLE).astype(int)]))
    found = []
    for zone in sorted(named() if among is None else among):
        if _matches(time[rows], written[rows], zone) and _matches(time, written, zone):
            found.append(zone)
    first = [z for z in dict.fromkeys(p for p in prefer if p) if z in found]
    return first + [z for z in found if z not in first]


def named() -> list[str]:
    """Every IANA zone a hint names (``Area/Location``; not ``Etc/GMT-2``, which names no place)."""
    return [z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/")]


def _matches(time: pd.DatetimeIndex, written: np.ndarray, zone: str) -> bool:
    try:
        local = time.tz_convert(zone).tz_localize(None)
    except Exception:  # a name the zone database lists but pandas cannot use
        return False
    return bool(np.array_equal(local.asi8 - time.tz_convert(None).asi8, written))


def remedy(found: list[str]) -> str:
    """What to give: ``tz= (--tz) the zone they were written in, e.g. Europe/Berlin (or 40 other zones with the
    same offsets)``, or, where no zone has the offsets, one offset or none; where the reader cannot give ``tz=``
    (predict, evaluate: ``spelling.hints``' ``zone`` and ``zone_none``, ``modeltimes.MODEL_ZONE``), refit with it."""
    if not found:
        return ("no zone has these offsets on these dates: write every timestamp with one UTC offset, or without one "
                f"and {hint('zone_none', 'with tz= (--tz) naming its zone')}")
    more = f" (or {len(found) - 1} other zone{'s' if len(found) > 2 else ''} with the same offsets)" if len(found) > 1 else ""
    return f"{hint('zone', 'give tz= (--tz) the zone they were written in')}, e.g. {found[0]}{more}, to keep their wall time"


def by_wall(time, written: pd.DatetimeIndex | None) -> pd.Series | None:
    """[N] the UTC offset each time of ``time`` [N] (instants, table order) was written with, indexed by its wall
    time (``written`` [N] where offsets change, else ``time``'s own clock); None for times without an offset."""
    if not isinstance(time, pd.DatetimeIndex) or time.tz is None:
        return None
    wall = written if written is not None else time.tz_localize(None)
    return pd.Series(np.asarray(wall - time.tz_convert(None).as_unit(wall.unit)), index=wall)


def as_written(value, written: pd.Series | None):
    """The instant ``value`` (a time read in UTC) at the UTC offset the data wrote it with (``written``:
    ``Panel.written_offsets``), ``2024-03-31 23:00+02:00`` not ``21:00+00:00``, for a message to name it as the data
    writes it; ``value`` itself where it has no zone, none was written, or the data holds no such instant."""
    if written is None or not isinstance(value, pd.Timestamp) or value.tz is None:
        return value
    given = written.to_numpy()  # [N] each row's offset, by its wall time: its instant is the wall less it
    found = np.flatnonzero((written.index - given) == value.tz_convert(None).as_unit(written.index.unit))
    if not len(found):
        return value
    return value.tz_convert(datetime.timezone(pd.Timedelta(given[found[0]]).to_pytimedelta()))


def without_offset(zone, fmt: str | None, what: str, example: str, written: pd.Series | None = None,
                   wall: pd.Timestamp | None = None, end: pd.Timestamp | None = None) -> None:
    """Refuses (``RnncastError``, one line) a time written without a UTC offset (``what``: its value and where it
    was given) that meets times read in UTC (``zone``) from text written with UTC offsets (``fmt``, their form,
    writes ``%z``) without ``tz=``: offsets that change (daylight saving), or one that changes within the forecasts
    (``fixedoffsets``), so no one offset says which instant a wall time names (decision 838). ``example``: the
    time as written, given the data's own offset (``written``, ``Panel.written_offsets``) at its wall time ``wall``
    or the last before it, else its first (a tester's +00:00 data was told +02:00, and cut 2 hours early); with
    ``wall``, written in ISO 8601 with the offset, a form every reader of such a time reads (a tester's
    '2024-11-03' was told '2024-11-03+01:00', which reads as no time). ``end``: the last instant of the period
    ``wall`` starts (a day, a month, as a cutoff names it): the example is the data's last time within it, which
    cuts where the period does, else ``wall`` (no row lies between). Nothing otherwise: ``tz=``'s zone reads such a
    time on its clock, one fixed offset (``UTC+02:00``) at that offset (``at_offset``), and data written at +00:00
    throughout (``written``) in UTC, at it, for every caller alike (a cutoff, a future file)."""
    if str(zone) != "UTC" or not fmt or not offset_in(fmt):
        return
    if written is not None and len(written) and not np.asarray(written, dtype="timedelta64[ns]").any():
        return  # +00:00 on every row: UTC is that one offset (one other offset is read in UTC only where it changes ahead)
    period = end is not None and wall is not None and end != wall
    if period and written is not None:
        within = written.index[(written.index >= wall) & (written.index <= end)]
        period = bool(len(within)) and within.max() != wall  # a minute written to the minute: that time itself
        wall = within.max() if period else wall
    text = example if wall is None else wall.isoformat(sep=" ", timespec=next(
        s for s, unit in (("minutes", "min"), ("seconds", "s"), ("auto", "ns")) if wall == wall.floor(unit)))
    suggested = "e.g. " + text + "+HH:MM, the offset of that wall time"
    if written is not None and len(written):  # the offset(s) of the data's last wall time up to it, else its first
        before = written.index[written.index <= wall] if wall is not None else written.index  # None: its last
        near = before.max() if len(before) else written.index.min()
        offsets = [_offset(t // pd.Timedelta(minutes=1)) for t in sorted(written[written.index == near].unique())]
        suggested = (f"e.g. {' or '.join(text + o for o in offsets)} ("
                     + ("the data's times carry both there: the clocks repeat that hour" if len(offsets) > 1 else
                        f"the data's last time within {example!r}, which cuts where it does, at its offset"
                        if period and near == wall else
                        "the offset the data's times carry at that wall time" if near == wall else
                        "the offset of the data's last time before it" if len(before) else
                        "the offset of the data's first time, after it") + ")")
    raise RnncastError(f"{what} is written without a UTC offset, but the data's times are written with offsets and read "
                       "in UTC (their offsets change, as across daylight saving, in the data or within its forecasts, or are +00:00), so which instant it "
                       f"names is not known: write it with its offset, {suggested}, "
                       f"or {hint('zone', 'give tz= (--tz) the zone they were written in')}, on whose clock times "
                       "without an offset are then read")


def at_offset(zone) -> str | None:
    """The fixed UTC offset (``+02:00``) that times in ``zone`` were written at (every row at one, read without
    ``tz=``: ``UTC+02:00``), at which a time written without an offset is read; None for UTC, an IANA zone, none."""
    text = str(zone) if zone is not None else ""
    return text[3:] if text.startswith("UTC") and len(text) > 3 else None


def read_in_utc(name, time: pd.DatetimeIndex, wall: pd.DatetimeIndex, found: list[str], offsets=None, where=None,
                fmt=None) -> str:
    """The warning that times written with changing UTC offsets (``wall`` [N] as written, ``time`` [N] the
    instants) are read in UTC, and what keeps their wall time (``remedy``); the first change named where the rows'
    series (cut at ``offsets`` [S + 1]) and ``where(i)``, naming row ``i``, are given (``offsets_text``), as read:
    in UTC, in ``fmt`` (the column's form), as the command's later lines name its times (decision 729)."""
    said = offsets_text(time, wall, offsets, where, read_in=fmt or True)
    return (f"time column {name!r} carries several UTC offsets ({said}), as one "
            f"zone does across daylight saving: read in UTC; {remedy(found)}")


def offsets_text(time: pd.DatetimeIndex, wall: pd.DatetimeIndex, offsets=None, where=None, read_in=None) -> str:
    """The UTC offsets written, in order: ``+01:00, +02:00``; with ``offsets`` [S + 1] (the series of the sorted
    rows) and ``where``, the first row whose offset differs from its series' row before: ``+01:00, +02:00; the
    first change, to +02:00 from +01:00, at 2024-04-01 (line 33 of f.csv)``, at its time as written, or, with
    ``read_in`` (the column's form, or True for none), as read in UTC: ``at 2024-10-27T01:00:00+00:00``."""
    minutes = np.asarray((wall - time.tz_convert(None)) // pd.Timedelta(minutes=1))
    said = ", ".join(_offset(m) for m in np.unique(minutes)[:4])
    changed = np.flatnonzero((np.diff(minutes) != 0) & inside(offsets, len(minutes))) if offsets is not None else []
    if where is None or not len(changed):
        return said
    i = int(changed[0]) + 1
    at = shown(wall[i], wall) if read_in is None else shown(time[i], time, read_in if isinstance(read_in, str) else None)
    return f"{said}; the first change, to {_offset(minutes[i])} from {_offset(minutes[i - 1])}, at {at} ({where(i)})"


def _offset(m) -> str:
    return f"{'-' if m < 0 else '+'}{abs(int(m)) // 60:02d}:{abs(int(m)) % 60:02d}"


def settle(time: pd.DatetimeIndex, offsets: np.ndarray, freq, where, quiet: bool, holidays, wall: pd.DatetimeIndex,
           prefer=(), ids=None):
    """``calendars.settle`` of ``time`` [N] (instants read from text whose UTC offsets change, sorted as the
    panel, series cut at ``offsets`` [S + 1]), refusing (``RnncastError``, one line naming the ``zones`` that
    have the offsets, ``prefer``'s first) where no calendar (or not ``freq``) explains the instants but one (or
    ``freq``) explains the times as written, ``wall`` [N]: a daily or monthly series of one zone across
    daylight saving. ``ids`` [S]: the series' ids, named where no one zone has every series' offsets (``apart``)."""
    def carries() -> str:  # every refusal's head: the offsets, the first change named
        return f"time column {time.name!r} carries several UTC offsets ({offsets_text(time, wall, offsets, where)})"

    try:
        settled = calendars.settle(time, offsets, freq, where, True, holidays)
    except RnncastError:
        if freq is None or not _regular(wall, offsets, freq, holidays):
            raise
        named = (f"freq={freq!r}" if isinstance(freq, str) or holidays is None else
                 f"{freq.freqstr!r} without {holidays} holidays" if isinstance(freq, sessions.Session) else  # decision 1918
                 f"of business days without {holidays} holidays")  # not <CustomBusinessDay>
        raise RnncastError(f"{carries()}: its times are on the calendar {named} on the clock they are written in, "
                           f"not in UTC, where daylight saving moves them; {apart(time, wall, offsets, prefer, ids)}") from None
    if settled[0].session is not None:  # bars of a trading session read in UTC: daylight saving moves them an hour
        raise RnncastError(f"{carries()}: {moved_session(settled[0].freq_text, 'the clock they are written in')}; "
                           f"{apart(time, wall, offsets, prefer, ids, days=False)}")
    if not _irregular(settled):
        return settled
    on_wall = _regular(wall, offsets, freq, holidays)
    if on_wall is None:  # irregular either way: settled again to be warned of as any such times are
        return settled if quiet else calendars.settle(time, offsets, freq, where, quiet, holidays)
    raise RnncastError(f"{carries()}: its times follow the calendar {on_wall} on the clock they are written in, but "
                       f"no regular calendar in UTC, where daylight saving moves them, so forecasts could not be dated; "
                       f"{apart(time, wall, offsets, prefer, ids)}")


def moved_session(freq_text: str, clock: str, read: str = "in UTC", moves: str = "in UTC") -> str:
    """Why a trading session's bars read in UTC are refused: they keep the session on ``clock`` (a zone's), which
    daylight saving moves where they are read (``moves``), so read so (``read``) they are ``freq_text``'s wider one
    (``13:30-20:55`` for New York's 09:30-15:55) and their forecasts an hour off half the year."""
    return (f"its bars are a trading session's on {clock}, which daylight saving moves {moves} (read {read} they are "
            f"{freq_text!r}, their forecasts an hour off half the year)")


def apart(time: pd.DatetimeIndex, wall: pd.DatetimeIndex, offsets: np.ndarray, prefer=(), ids=None, days=True) -> str:
    """``remedy`` for the zones that have the offsets of every row; where none has and the series (cut at
    ``offsets`` [S + 1], ``ids`` [S]) carry different ones (Berlin's +01:00 and +02:00 beside Tokyo's +09:00), which
    series carry which (and the zone whose offsets they are, ``zoneclock.FIRST``'s first), and what a panel of several
    clocks can do (``zoneclock.apart_hint``; ``days``: False for a session's bars, which no day dates)."""
    found = zones(time, wall, prefer)
    if found or ids is None or len(ids) < 2:
        return remedy(found)
    minutes = np.asarray((wall - time.tz_convert(None)) // pd.Timedelta(minutes=1))
    groups: dict[tuple, list[int]] = {}
    for s in range(len(ids)):
        if offsets[s + 1] > offsets[s]:
            groups.setdefault(tuple(np.unique(minutes[offsets[s] : offsets[s + 1]])), []).append(s)
    if len(groups) < 2:
        return remedy(found)
    said, zoned = [], {}
    for carried, series in groups.items():
        rows = np.concatenate([np.arange(offsets[s], offsets[s + 1]) for s in series])
        zone = next(iter(zones(time[rows], wall[rows], list(prefer) + list(zoneclock.FIRST))), None)
        whose = f" ({zone}'s)" if zone else " (no zone's on these dates)"
        said.append(f"{zoneclock.series_named([ids[s] for s in series])} carr{'ies' if len(series) == 1 else 'y'} {' and '.join(_offset(m) for m in carried)}{whose}")
        if zone:
            zoned.setdefault(zone, []).extend(ids[s] for s in series)
    return (f"no zone has the offsets of every series: series {', '.join(said[:4])}"
            f"{f' and {len(said) - 4} more groups' if len(said) > 4 else ''}; {zoneclock.apart_hint(time.name, zoned, days)}")


def _irregular(settled) -> bool:
    calendar, _, own = settled
    return calendar.freq is None or any(c.freq is None for c in own.values())


def _regular(wall: pd.DatetimeIndex, offsets: np.ndarray, freq, holidays) -> str | None:
    """The calendar (as shown) that explains the written times ``wall`` [N], or None."""
    try:
        settled = calendars.settle(wall, offsets, freq, str, True, holidays)
    except RnncastError:
        return None
    return None if _irregular(settled) else settled[0].shown


def on_a_clock(time, offsets: np.ndarray, freq, where, quiet: bool, holidays, fmt: str | None, prefer=(),
               naive: bool = False):
    """``calendars.settle`` of ``time`` [N] (rows named as ``fmt`` writes them); where they are Unix times read
    in UTC (``fmt``: ``unix:s``, no ``tz=``) that no calendar (or not ``freq``) explains but one does on the clock
    of one of ``prefer``'s zones (local midnights across daylight saving), the warning (for ``freq``, the
    refusal) says so, naming ``tz=`` and the zones with those offsets (``remedy``) instead. ``naive``: as
    ``calendars.settle`` takes it."""
    unix = numbertimes.unit_of(fmt) is not None and numbertimes.in_utc(numbertimes.unit_of(fmt))
    if not (unix and isinstance(time, pd.DatetimeIndex) and time.tz is None and len(time) > 2):
        return calendars.settle(time, offsets, freq, where, quiet, holidays, fmt, naive)
    try:
        settled = calendars.settle(time, offsets, freq, where, True, holidays, fmt)
    except RnncastError as err:
        clock = _clock(time, offsets, freq, holidays, prefer)
        if clock is None:
            raise
        raise RnncastError(f"{str(err).split('; ')[0]} in UTC, which Unix times are read in; they are on it on a zone's "
                           f"clock, where daylight saving does not move them; {clock[1]}") from None
    if not _irregular(settled):
        return settled
    clock = _clock(time, offsets, freq, holidays, prefer) if not quiet else None
    if clock is None:
        return settled if quiet else calendars.settle(time, offsets, freq, where, quiet, holidays, fmt)
    log.warning("time column %r holds Unix times, read in UTC, where they follow no regular calendar (daylight saving "
                "moves them), but they follow the calendar %s on a zone's clock, so forecasts could not be dated; %s",
                time.name, *clock)
    return settled


def _clock(time: pd.DatetimeIndex, offsets: np.ndarray, freq, holidays, prefer) -> tuple[str, str] | None:
    """The calendar (as shown) that UTC's instants ``time`` [N] keep on the clock of one of ``prefer``'s zones,
    one where they fall at midnight first (Berlin's days, not London's 23:00), and what to give (``remedy``: that
    zone and those with its offsets); else None."""
    instants, found = time.tz_localize("UTC"), []
    for zone in dict.fromkeys(z for z in prefer if z):
        try:
            wall = instants.tz_convert(zone).tz_localize(None)
        except Exception:  # a TZ that is no IANA zone: not one to name
            continue
        on_wall = _regular(wall, offsets, freq, holidays) if (wall.asi8 - time.asi8).any() else None  # not UTC's
        if on_wall is not None:
            found.append((not (wall == wall.normalize()).all(), len(found), on_wall, wall))
            if not found[-1][0]:
                break
    if not found:
        return None
    _, _, on_wall, wall = min(found, key=lambda f: f[:2])
    return on_wall, remedy(zones(instants, wall, prefer))

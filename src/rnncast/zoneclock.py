"""Zoned timestamps that keep one wall-clock time in a zone other than the one they are written in: that zone named.

Vendors write a market's closes in UTC: New York's 16:00 is 21:00 UTC in winter and 20:00 in summer, so read in UTC the
rows keep no calendar (the hour moves with daylight saving, not with a clock's jitter); Tokyo's midnights are 15:00
UTC the day before, so its Monday-to-Friday rows read as a Sunday-to-Thursday week. A finance tester got "round them
to a 1-day grid" for the first and forecasts on Tokyo's holidays for the second, with no word of ``tz=``, which reads
the times on the clock they were kept on. ``kept_clock`` finds the clocks on which the times keep one time of day
(their own zone keeping none): every zone of the same daylight-saving dates keeps one, so a Paris close is also
London's an hour earlier, and each is named (decision 762); ``week_clock`` the zone where times of one off-midnight
time in their own zone are
midnights of Monday to Friday. Zones are tried from ``zoneinfo``'s list, the financial centres' first (``FIRST``).
``wall`` is a zoned time's wall clock, its zone dropped, as sessions and days are read on it across the package.
"""

from __future__ import annotations

import functools
import zoneinfo

import numpy as np
import pandas as pd

from rnncast.spelling import counted, listing, spelled

FIRST = ("America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Europe/London",
         "Europe/Berlin", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Hong_Kong",
         "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland",
         "Africa/Johannesburg")  # tried first, and named where zones of another name keep the same clock
ROWS = 2000  # the rows weighed: enough to cross several changes of daylight saving
CLOSES = (15 * 3600, 17 * 3600 + 30 * 60)  # a market's close on its own clock: Tokyo's 15:00 to Paris's 17:30
SHARE = 20  # all but a twentieth of the rows keep the clock found: a market's half days (NYSE's 13:00) are the rest


@functools.lru_cache(maxsize=1)
def candidates() -> tuple[str, ...]:
    """The zones tried: ``FIRST``, then every 'Area/City' zone of ``zoneinfo``, sorted."""
    rest = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return FIRST + tuple(z for z in rest if z not in FIRST)


def wall(times):
    """The naive wall times of ``times`` (a DatetimeIndex [N] or a Timestamp): a zoned one's local clock with its zone
    dropped (sessions and days run on it), a naive one, or anything without a ``tz``, as it is."""
    return times.tz_localize(None) if getattr(times, "tz", None) is not None else times


def day_seconds(time: pd.DatetimeIndex) -> np.ndarray:
    """[N] each time's time of day on its own clock, in seconds (not strftime's text)."""
    return np.asarray(time.hour * 3600 + time.minute * 60 + time.second)


def keeps_most(count: int, rows: int) -> bool:
    """Whether ``count`` of ``rows`` is all but a twentieth of them (``SHARE``: a market's half days are the rest)."""
    return count * SHARE >= rows * (SHARE - 1)


def one_clock(time: pd.DatetimeIndex) -> str | None:
    """The time of day (``"15:00"``) all but a twentieth of the times [N] keep on their own clock (``SHARE``), or
    None."""
    clocks, counts = np.unique(time.strftime("%H:%M"), return_counts=True)
    return str(clocks[np.argmax(counts)]) if len(time) and keeps_most(counts.max(), len(time)) else None


def two_times(time: pd.DatetimeIndex) -> bool:
    """Whether all but a twentieth of the times [N] keep two times of day on their own clock, not one: the shift of
    one daylight saving (New York's 16:00 read in UTC: 21:00 and 20:00)."""
    counts = np.sort(np.unique(day_seconds(time), return_counts=True)[1])[::-1]
    return not keeps_most(counts[0], len(time)) and keeps_most(counts[:2].sum(), len(time))


def kept_clock(time: pd.Index) -> list[tuple[str, str, int]] | None:
    """Where the times [N] keep no one time of day on their own clock (naive ones weighed as UTC times): each time
    of day that all but a twentieth of them (``SHARE``: a market's half days) keep on some zone's clock, as ``(zone,
    "16:00", other zones keeping it)``, the zone the first of ``candidates`` to keep it, those of ``FIRST`` first,
    then the clocks of most zones (the times cannot tell New York's 16:00 from Chicago's 15:00, or London's 16:30
    from Paris's 17:30: every zone of the same daylight-saving dates keeps one); only the zones keeping most rows
    (New York's closes keep Paris's 22:00 but for the weeks its daylight saving starts apart); None where no zone
    does."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3 or time.hasnans:
        return None
    time = _zoned(time[:ROWS])
    if not two_times(time):
        return None  # one time of day already (a clock of its own), or many (no shift of one daylight saving)
    kept: dict[int, list[str]] = {}
    most = 0
    for zone in candidates():
        clocks, counts = np.unique(day_seconds(time.tz_convert(zone)), return_counts=True)
        top = int(counts.max())
        if keeps_most(top, len(time)) and top >= most:
            kept = {} if top > most else kept
            most = top
            kept.setdefault(int(clocks[np.argmax(counts)]), []).append(zone)
    return [(zones[0], f"{clock // 3600:02d}:{clock % 3600 // 60:02d}", len(zones) - 1)
            for clock, zones in ranked(kept)] or None


def ranked(kept: dict[int, list[str]]) -> list[tuple[int, list[str]]]:
    """The clocks ``kept`` ({time of day in seconds: the zones keeping it, the first of ``candidates`` first}) in the
    order a hint names them: the financial centres' (``FIRST``) first, those putting the time on a market's close
    (``CLOSES``: Tokyo's 15:00, not Shanghai's 14:00 or Moscow's 09:00) before the others, each in ``FIRST``'s order
    (London's 16:30 before Berlin's 17:30, New York's 16:00 before Chicago's 15:00), then those of most zones."""
    def key(item):
        clock, zones = item
        first = zones[0] in FIRST
        return (not first, not (first and CLOSES[0] <= clock <= CLOSES[1]),
                FIRST.index(zones[0]) if first else 0, -len(zones))
    return sorted(kept.items(), key=key)


def _zoned(time: pd.DatetimeIndex) -> pd.DatetimeIndex:
    return time if time.tz is not None else time.tz_localize("UTC")  # naive times weighed as the UTC times they may be


def off_clock(time: pd.DatetimeIndex, zone: str, clock: str) -> pd.DatetimeIndex:
    """The times [N] (naive ones as UTC) that are not at ``clock`` on ``zone``'s clock (a market's half days), there."""
    local = _zoned(time).tz_convert(zone)
    return local[local.strftime("%H:%M") != clock]


def week_clock(time: pd.Index, weekmask: str | None) -> str | None:
    """The zone (first of ``candidates``) where the zoned times [N], all at one time of day other than midnight in
    their own zone and on a week other than Monday to Friday (``weekmask``), are midnights of Monday to Friday; None.
    Naive times are not weighed: 15:00 on a Sunday-to-Thursday week is Riyadh's close as often as Tokyo's days."""
    if weekmask is None or not isinstance(time, pd.DatetimeIndex) or time.tz is None or len(time) < 3:
        return None
    time = time[:ROWS]
    own = day_seconds(time)
    if not (own == own[0]).all() or own[0] == 0:
        return None
    for zone in candidates():
        local = time.tz_convert(zone)
        if not day_seconds(local).any() and (np.asarray(local.day_of_week) < 5).all():
            return zone
    return None


def kept_hint(found: list[tuple[str, str, int]], time: pd.DatetimeIndex, column: str, parsed: str) -> str:
    """What a message on times [N] that keep no calendar says where ``kept_clock`` found the clocks they keep: which,
    the rows at other times there (a market's half days), and how to read them on the first zone's clock: ``tz=``
    for zoned times, the pandas line ``parsed`` (the time ``column`` read in UTC) converted to it first for naive
    ones, and each row dated by its day there where some keep another time."""
    zone, clock, others = found[0]
    off = off_clock(time, zone, clock)  # the rows at other times there (a market's half days), converted once
    naive = time.tz is None
    hour = "their hour as written" if not naive else "their hour (if they are UTC times)"
    if len(found) == 1:
        alike = f" (and of {counted(others, 'other zone')} at its offset)" if others else ""
        kept = (f"the timestamps keep {clock} on the clock of {zone}{alike}{_off(off, zone, clock)}, {hour} moving "
                f"with its daylight saving (no jitter to round)")
    else:
        clocks = [f"{c} in {z}" + (f" (and {counted(n, 'other zone')})" if n else "") for z, c, n in found[:3]]
        more = f", and {counted(len(found) - 3, 'other time')} of day elsewhere" if len(found) > 3 else ""
        kept = (f"the timestamps keep one time of day{_off(off, zone, clock)} on the clock of any zone whose daylight "
                f"saving changes on their dates, {hour} moving with it (no jitter to round): {', '.join(clocks)}{more}")
    return f"{kept}; {read_on(found, column, parsed, naive, bool(len(off)))}"


def read_on(found: list[tuple[str, str]], column: str, parsed: str, naive: bool, half: bool = False) -> str:
    """How to read the table on the clock of ``found``'s first zone (``kept_clock``'s, or ``(zone, clock)`` pairs):
    ``tz=``; for ``naive`` times (tz= reads them as that zone's own) the pandas line ``parsed`` (the time ``column``
    read in UTC) converted to it first, and, with ``half`` (rows at other times there), each row dated by its day."""
    zone = found[0][0]
    which = "on that clock" if len(found) == 1 else "on the clock of the data's place, where its time of day is the one you know"
    first = "" if len(found) == 1 else "for the first: "
    half = ".dt.normalize()" if half else ""  # early closes dated by their day
    if naive or half:  # tz= reads naive times as that zone's own: convert them from UTC first
        how = ("naive times are read by tz= as that zone's own, so convert them from UTC first" if naive else
               "to keep the rows at other times, date each row by its day there")
        return (f"read the table {which} ({first}{how}, e.g. with pandas: df[{column!r}] = {parsed}"
                f".dt.tz_convert({zone!r}){half}, then {spelled('tz', zone)})")
    return f"read the table {which} ({first}{spelled('tz', zone)})"


def _off(off: pd.DatetimeIndex, zone: str, clock: str) -> str:
    """The rows ``off`` at other times than ``clock`` on ``zone``'s clock (``off_clock``'s), as the hint names them:
    " (all but 3 rows, at America/New_York's 13:00 on 2022-11-25, ...)"."""
    if not len(off):
        return ""
    named = ", ".join(f"{t.strftime('%H:%M')} on {t.strftime('%Y-%m-%d')}" for t in off[:3])
    more = f" and {len(off) - 3} more" if len(off) > 3 else ""
    early = ": a market's early closes" if all(t.strftime("%H:%M") < clock for t in off) else ""  # later: no close
    return f" (all but {counted(len(off), 'row')}, at {zone}'s {named}{more}{early})"


def week_hint(time: pd.DatetimeIndex, zone: str, week: str) -> str:
    """The warning where ``week_clock`` found the zone whose midnights the times are."""
    first = time[0]
    return (f"the timestamps fall at {first.strftime('%H:%M')} {time.tz} on a {week} week, which is the midnights of "
            f"Monday to Friday on the clock of {zone} (or of a zone at its offset): if the data is of that place, read "
            f"the table on that clock ({spelled('tz', zone)}), where its calendar and holidays are the ones kept there")


def series_named(ids: list) -> str:
    """Series ids as a message names a few: ``'SAP'``, ``'ALV', 'SAP' and 'SIE'``, ``'ALV', 'SAP', 'SIE' and 4 more``."""
    return listing([repr(i) for i in ids[:3]] + ([f"{len(ids) - 3} more"] if len(ids) > 3 else []))


def apart_hint(column: str, zoned: dict[str, list], days: bool = True) -> str:
    """What a panel whose series keep the clocks of several zones (``zoned``: {zone: its series' ids}, Berlin's and
    Tokyo's closes) can do, read on one clock as a panel is: fit each market's series apart, each with ``tz=`` its
    zone, or (``days``: rows of days, not a session's bars) date each row by its day on its own clock, as written,
    and fit them together without ``tz=``."""
    apart = "; ".join(f"{zone!r} for {series_named(ids)}" for zone, ids in list(zoned.items())[:3])
    apart = f" ({spelled('tz')}: {apart})" if apart else ""
    if not days:
        return f"a panel is read on one clock, so fit each market's series apart, each on its zone's clock{apart}"
    return (f"a panel is read on one clock, so fit each market's series apart, each on its zone's clock{apart}, or "
            f"date each row by its day on its own clock and fit them together without tz= (e.g. with pandas, where "
            f"each timestamp is written with its market's offset: df[{column!r}] = df[{column!r}].map(lambda t: "
            f"pd.Timestamp(t).tz_localize(None).normalize()))")

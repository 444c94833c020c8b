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
"""

from __future__ import annotations

import functools
import zoneinfo

import numpy as np
import pandas as pd

from rnncast.spelling import counted, spelled

FIRST = ("America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Europe/London",
         "Europe/Berlin", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Hong_Kong",
         "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland",
         "Africa/Johannesburg")  # tried first, and named where zones of another name keep the same clock
ROWS = 2000  # the rows weighed: enough to cross several changes of daylight saving


@functools.lru_cache(maxsize=1)
def candidates() -> tuple[str, ...]:
    """The zones tried: ``FIRST``, then every 'Area/City' zone of ``zoneinfo``, sorted."""
    rest = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return FIRST + tuple(z for z in rest if z not in FIRST)


def _seconds(time: pd.DatetimeIndex) -> np.ndarray:
    return np.asarray(time.hour * 3600 + time.minute * 60 + time.second)  # [N] each time of day, in seconds


def kept_clock(time: pd.Index) -> list[tuple[str, str, int]] | None:
    """Where the zoned times [N] keep no one time of day in their own zone: each time of day they keep on some zone's
    clock, as ``(zone, "16:00", other zones keeping it)``, the zone the first of ``candidates`` to keep it, those of
    ``FIRST`` first, then the clocks of most zones (the times cannot tell New York's 16:00 from Chicago's 15:00, or
    London's 16:30 from Paris's 17:30: every zone of the same daylight-saving dates keeps one); None for naive times,
    or where no zone does."""
    if not isinstance(time, pd.DatetimeIndex) or time.tz is None or len(time) < 3:
        return None
    time = time[:ROWS]
    if len(set(_seconds(time).tolist())) != 2:  # one already (a clock of its own), or many (no clock's shift)
        return None
    kept: dict[int, list[str]] = {}
    for zone in candidates():
        local = _seconds(time.tz_convert(zone))
        if (local == local[0]).all():
            kept.setdefault(int(local[0]), []).append(zone)
    order = sorted(kept.items(), key=lambda kz: (kz[1][0] not in FIRST, -len(kz[1])))  # the centres', then most
    return [(zones[0], f"{clock // 3600:02d}:{clock % 3600 // 60:02d}", len(zones) - 1) for clock, zones in order] or None


def week_clock(time: pd.Index, weekmask: str | None) -> str | None:
    """The zone (first of ``candidates``) where the zoned times [N], all at one time of day other than midnight in
    their own zone and on a week other than Monday to Friday (``weekmask``), are midnights of Monday to Friday; None."""
    if weekmask is None or not isinstance(time, pd.DatetimeIndex) or time.tz is None or len(time) < 3:
        return None
    time = time[:ROWS]
    own = _seconds(time)
    if not (own == own[0]).all() or own[0] == 0:
        return None
    for zone in candidates():
        local = time.tz_convert(zone)
        if not _seconds(local).any() and (np.asarray(local.day_of_week) < 5).all():
            return zone
    return None


def kept_hint(found: list[tuple[str, str, int]]) -> str:
    """What a message on times that keep no calendar says where ``kept_clock`` found the clocks they keep."""
    zone, clock, others = found[0]
    if len(found) == 1:
        alike = f" (and of {counted(others, 'other zone')} at its offset)" if others else ""
        return (f"the timestamps keep {clock} on the clock of {zone}{alike}, their hour in UTC moving with its "
                f"daylight saving (no jitter to round): read the table on that clock ({spelled('tz', zone)})")
    clocks = [f"{c} in {z}" + (f" (and {counted(n, 'other zone')})" if n else "") for z, c, n in found[:3]]
    more = f", and {counted(len(found) - 3, 'other time')} of day elsewhere" if len(found) > 3 else ""
    return (f"the timestamps keep one time of day on the clock of any zone whose daylight saving changes on their "
            f"dates, their hour in UTC moving with it (no jitter to round): {', '.join(clocks)}{more}; read the table on "
            f"the clock of the data's place, where its time of day is the one you know (for the first: "
            f"{spelled('tz', zone)})")


def week_hint(time: pd.DatetimeIndex, zone: str, week: str) -> str:
    """The warning where ``week_clock`` found the zone whose midnights the times are."""
    first = time[0]
    return (f"the timestamps fall at {first.strftime('%H:%M')} {time.tz} on a {week} week, which is the midnights of "
            f"Monday to Friday on the clock of {zone} (or of a zone at its offset): if the data is of that place, read "
            f"the table on that clock ({spelled('tz', zone)}), where its calendar and holidays are the ones kept there")

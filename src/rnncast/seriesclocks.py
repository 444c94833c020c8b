"""Zoned series read on the clock ``tz=`` names that keep another zone's: named, and refused.

``tz=`` reads every series of a table on one clock. A panel of XETRA closes (17:30 Europe/Berlin) and Tokyo closes
(15:00 Asia/Tokyo), written with their UTC offsets and read with ``tz='Europe/Berlin'``, put the Tokyo closes at 07:00
in Berlin's winter and 08:00 in its summer: no calendar of Berlin's days is theirs, so they were placed on 24-hour
steps and forecast at 07:00 on Saturdays, Sundays and Tokyo's holidays, with no word said. A series whose times keep
two times of day on that clock and one on another zone's (``zoneclock.kept_clock``, which names that zone), and skips
days (weekends, holidays: a step of two days or more), is refused here, every such series named, with what works:
each zone's series fitted with their own ``tz=``. A series of one time of day on the clock read (the Berlin closes), or
of many (intraday bars), is not looked at further; nor is one of every day at one UTC instant, which 24-hour steps
keep on any clock.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import zoneclock
from rnncast.errors import RnncastError
from rnncast.spelling import counted, spelled


def refuse(time, offsets: np.ndarray, ids: list, tz) -> None:
    """``RnncastError`` where ``tz`` (the zone given, None: nothing to check) reads series of ``time`` [N] (cut at
    ``offsets`` [S + 1]; ``ids`` [S] as given) off the clock they keep (the module's rule), naming them by the zone
    whose clock each keeps."""
    if tz is None or not isinstance(time, pd.DatetimeIndex) or time.tz is None:
        return
    kept: dict = {}  # the clocks a series keeps (zoneclock.kept_clock) -> the series
    for s in range(len(offsets) - 1):
        piece = time[offsets[s]:offsets[s + 1]]
        if len(piece) > 2 and len(np.unique(np.asarray(piece.hour * 60 + piece.minute)[:zoneclock.ROWS])) == 2 and \
                (piece[1:] - piece[:-1]).max() >= pd.Timedelta(days=2):  # it skips days: weekends, holidays
            found = zoneclock.kept_clock(piece)
            if found is not None:
                kept.setdefault(tuple(found), []).append(s)
    if not kept:
        return
    found, series = next(iter(kept.items()))
    n, zone = len(offsets) - 1, str(time.tz)
    piece = time[offsets[series[0]]:offsets[series[0] + 1]][:zoneclock.ROWS]
    walls = " and ".join(sorted({t.strftime("%H:%M") for t in piece}))
    utc = piece.tz_convert("UTC")
    examples = ", ".join(f"{c} in {z}" + (f" (and {counted(k, 'other zone')})" if k else "") for z, c, k in found[:3])
    if len(set(utc.strftime("%H:%M"))) == 1:  # Tokyo's closes: one instant of the day, on no clock of daylight saving
        clocks, place = (f"{utc[0].strftime('%H:%M')} UTC, one time of day on the clock of every zone without daylight "
                         f"saving ({examples}, ...)"), "with tz= naming the zone of their place"
    elif len(found) == 1:
        clocks, place = f"{found[0][1]} on the clock of {found[0][0]}", f"on that clock ({spelled('tz', found[0][0])})"
    else:
        clocks = f"one time of day on the clock of any zone whose daylight saving changes on their dates ({examples})"
        place = f"with tz= naming the zone of their place (for the first: {spelled('tz', found[0][0])})"
    also = sum(len(v) for v in kept.values()) - len(series)
    more = f" ({counted(also, 'more series')} keep{'s' if also == 1 else ''} yet another clock)" if also else ""
    if len(series) < n:
        advice = (f"tz= reads every series of a table on one clock: fit {'these series' if len(series) > 1 else 'it'} "
                  f"apart, {place}, and the others with theirs ({spelled('tz', zone)})")
    else:
        advice = f"read {'them' if n > 1 else 'the table'} {place}"
    raise RnncastError(
        f"{_named([ids[s] for s in series], n)} keep{'s' if len(series) == 1 and n > 1 else ''} {clocks}, but "
        f"tz={zone!r} reads them on its clock, where they fall at {walls} as daylight saving comes and goes, on days "
        f"and holidays not their place's (forecasts on weekends and holidays){more}; {advice}")


def _named(ids: list, n_series: int) -> str:
    """"series '6758', '7203' and '9984'" (five at most, then how many more); "the timestamps" for a table of one."""
    if n_series == 1:
        return "the timestamps"
    shown = [repr(i) for i in ids[:5]]
    if len(ids) > 5:
        return f"series {', '.join(shown)} and {len(ids) - 5} more"
    return "series " + (shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}")

"""The forecast dates of data written with one UTC offset and read without ``tz=``: ``2024-10-26T23:00:00+02:00`` on
every row is read at that fixed offset (``UTC+02:00``), which names no zone, so its forecasts are dated at it. Where a
zone whose clocks showed that offset on every row (Europe/Berlin's summer time) changes it within the horizon (27
October 2024, 03:00 back to 02:00), that offset writes the forecasts after the change at wall hours the zone's clocks do
not show (``03:00+02:00`` where the user's later rows write ``02:00+01:00``; in spring ``02:00+01:00``, an hour Berlin
skips). ``in_one_clock`` dates them in UTC there, the instants the model forecasts, as data whose offsets change is read
(decisions 118, 727), said once per model, naming the zones and how to keep their wall time (refit with ``--tz``);
at the data's offset where no zone that keeps it changes within the horizon (a clock at one offset all year)."""

from __future__ import annotations

import logging
import zoneinfo

import numpy as np
import pandas as pd

from rnncast import writtenzones
from rnncast.clockchanges import preferred
from rnncast.noticed import first_time
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def in_one_clock(time, when: list, said: set | None = None, fmt: str | None = None) -> list:
    """``when`` [S] (each series' forecast dates, at the data's fixed offset), in UTC where a zone whose clocks show
    that offset at every one of ``time`` [N] (the data's times) changes it within them, said once per model
    (``said``: ``FittedState.said``) with the first date after the change as ``fmt`` (the data's form) writes it;
    ``when`` itself otherwise, and for times in a zone (``tz=``), in UTC or without one."""
    offset = _fixed(getattr(time, "tz", None))
    dated = [w for w in when if isinstance(w, pd.DatetimeIndex) and len(w)]
    if offset is None or not len(time) or not dated:
        return when
    ahead = dated[0].append(dated[1:]).unique().sort_values()
    last = time.max().to_pydatetime()
    changing = [z for z in writtenzones.named() if _changes(last, ahead, offset, z)]
    if not changing:
        return when
    found = writtenzones.zones(time, time.tz_localize(None), preferred(), among=changing)
    if not found:
        return when
    utc = [w.tz_convert("UTC") if isinstance(w, pd.DatetimeIndex) else w for w in when]
    if first_time(said, "forecasts dated in UTC"):
        local = ahead.tz_convert(found[0])
        i = int(np.flatnonzero(_offsets(local) != offset)[0])
        more = f" (or {len(found) - 1} other zone{'s' if len(found) > 2 else ''} whose clocks show it on every row)" \
            if len(found) > 1 else ""
        step = ahead[i].tz_convert("UTC")
        log.warning("forecasts are dated in UTC: the data's times are all written at %s (read at that offset, without "
                    "tz=), and %s%s changes to %s at %s, within the forecasts, after which %s would write wall hours its "
                    "clocks do not show; to date them at a zone's wall time, refit with it (rnncast fit DATA --tz ZONE, "
                    "tz= in Python)", _text(offset), found[0], more, _text(_offsets(local)[i]),
                    shown(step, pd.DatetimeIndex([step]), fmt), _text(offset))
    return utc


def _fixed(tz) -> pd.Timedelta | None:
    """The UTC offset of a fixed-offset zone other than UTC's (``UTC+02:00``, as offsets written read), or None (no
    zone, UTC, an IANA zone whose offset depends on the date)."""
    if tz is None:
        return None
    try:
        offset = tz.utcoffset(None)
    except Exception:  # a zone that needs a date to say its offset
        return None
    return pd.Timedelta(offset) if offset is not None and offset != pd.Timedelta(0) else None


def _offsets(local: pd.DatetimeIndex) -> pd.TimedeltaIndex:
    """[N] the UTC offset of each zoned time."""
    return pd.TimedeltaIndex(local.tz_localize(None) - local.tz_convert(None))


def _changes(last, ahead: pd.DatetimeIndex, offset: pd.Timedelta, zone: str) -> bool:
    """Whether ``zone`` shows ``offset`` at ``last`` (the data's last time, a ``datetime``: the zone database asked
    once, not pandas for each of 400 zones) and another at one of ``ahead``."""
    try:
        return bool(last.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() == offset
                    and (_offsets(ahead.tz_convert(zone)) != offset).any())
    except Exception:  # a name the zone database lists but cannot use
        return False


def _text(offset: pd.Timedelta) -> str:
    minutes = int(offset // pd.Timedelta(minutes=1))
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

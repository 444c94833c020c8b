"""What a daylight-saving change explains in naive times: the zones in which times that repeat (or go back)
occur twice, or in which the missing times of a gap never occur, named in a clause of the refusal or warning
(``clock_change``), and the first of many groups of times a clock going forward skips (``first_skipped``).
The zones tried are the machine's own (``local_zone``), then ``COMMON_ZONES`` (``preferred``), which other hints
that name zones (``writtenzones``, ``fixedoffsets``, ``seriesclocks``) offer in the same order."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from rnncast.spelling import hint, some, spelled

# one zone of each daylight-saving rule many users live by (the machine's own zone is tried first)
COMMON_ZONES = ("Europe/London", "Europe/Berlin", "Europe/Helsinki", "America/New_York", "America/Chicago",
                "America/Denver", "America/Los_Angeles", "America/Santiago", "Australia/Sydney", "Pacific/Auckland")


def preferred() -> list[str]:
    """The zones a hint names first where several fit: the machine's own, then ``COMMON_ZONES``."""
    return [z for z in [local_zone()] if z] + list(COMMON_ZONES)


def local_zone() -> str | None:
    """The machine's zone by its IANA name (``TZ``, else where /etc/localtime leads), or None."""
    link = os.path.realpath("/etc/localtime")
    return os.environ.get("TZ", "").lstrip(":") or (link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else None)


def clock_change(stamps, shown_text: str, repeated: bool, remedy: str | None = None) -> str:
    """For naive timestamps that repeat (``repeated``: a duplicate, or time going back) or leave a gap
    (the missing times) that a daylight-saving change explains: the clause saying so, with the zones in
    which every one of ``stamps`` occurs twice (or never), shown as ``shown_text``, and ``remedy`` (default:
    give its zone, tz=); "" when none does."""
    stamps = pd.DatetimeIndex(stamps)
    if not len(stamps) or stamps.tz is not None:
        return ""
    zones = []
    for zone in dict.fromkeys(preferred()):
        try:
            placed = (stamps.tz_localize(zone, ambiguous="NaT", nonexistent="shift_forward") if repeated else
                      stamps.tz_localize(zone, ambiguous=np.ones(len(stamps), bool), nonexistent="NaT"))
        except Exception:  # a TZ that is no IANA zone: not one to name
            continue
        if placed.isna().all():
            zones.append(zone)
    if not zones:
        return ""
    how = "occurs twice" if repeated else "does not exist"
    remedy = remedy or hint("tz", f"give its zone to read it ({spelled('tz')})")
    return (f"; this looks like local time across a daylight-saving change ({shown_text} {how} in "
            f"{some(list(zones), 4)}); {remedy}")


def first_skipped(stamps, counts) -> int | None:
    """Of groups of naive ``stamps`` (``counts`` [G]: the lengths of consecutive groups, each at least 1), the first
    whose times a clock going forward skips, every one, in a zone ``clock_change`` tries (so that it names the
    group); None if none. Each zone is read once for all the groups, not once a group (decision 974)."""
    stamps, counts = pd.DatetimeIndex(stamps), np.asarray(counts, dtype=np.int64)
    if not len(stamps) or stamps.tz is not None:
        return None
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    found = np.zeros(len(counts), dtype=bool)
    for zone in dict.fromkeys(preferred()):
        skipped = _skipped(stamps, zone)
        if skipped is not None:
            found |= np.logical_and.reduceat(skipped, starts)
        else:  # no IANA zone, or a group beyond its range: each group alone in this zone (the others are read above)
            each = (_skipped(stamps[a : a + n], zone) for a, n in zip(starts, counts))
            found |= [mask is not None and bool(mask.all()) for mask in each]
    return int(np.argmax(found)) if found.any() else None


def _skipped(stamps: pd.DatetimeIndex, zone: str) -> np.ndarray | None:
    """[n] whether each naive stamp is a time a clock going forward skips in ``zone``; None where ``zone`` is no IANA
    zone or a stamp lies beyond its range (``clock_change`` does not name such a zone)."""
    try:
        return np.asarray(stamps.tz_localize(zone, ambiguous=np.ones(len(stamps), bool), nonexistent="NaT").isna())
    except Exception:
        return None

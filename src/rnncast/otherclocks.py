"""Which common zone's clock naive times keep where ``tz=`` cannot place them: a hint added to the refusal.

An energy analyst read New York's hourly load with ``--tz Europe/Berlin`` and was told to "write the repeated hour
twice" (Berlin's 2024-10-27 02:00, which New York's clock showed once), though the file wrote New York's own repeated
01:00 on 2024-11-03 twice, as it should: the data was right, the zone wrong. ``hint`` tries a handful of common zones
(``ZONES``, one of each set of zones whose clocks skip and repeat the same wall hours on the same dates: New York's
are Chicago's and Los Angeles's) on the times: a zone whose clocks skip none of them, whose repeated hours the data
writes twice (as often as other times, twice: a panel's series each) and that changes its clocks within the data's
span is named, with the dates of its changes there. Cheap: a few ``tz_localize`` calls on the times.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ZONES = {  # a zone tried -> the zones whose clocks change at the same wall hours on the same dates, named beside it
    "America/New_York": ("America/Chicago", "America/Denver", "America/Los_Angeles"),
    "Europe/London": ("Europe/Dublin", "Europe/Lisbon"),
    "Europe/Berlin": ("Europe/Paris", "Europe/Madrid"),
    "Europe/Helsinki": ("Europe/Athens", "Europe/Kyiv"),
    "America/Halifax": (),
    "America/Havana": (),
    "America/Santiago": (),
    "Asia/Jerusalem": (),
    "Australia/Sydney": ("Australia/Melbourne", "Australia/Hobart"),
    "Australia/Adelaide": (),
    "Pacific/Auckland": (),
}
SHOWN = 2  # change dates named


def hint(time: pd.DatetimeIndex, tz) -> str:
    """``; the data's clock looks like America/New_York's ...`` for naive ``time`` that ``tz`` cannot place, where one
    of ``ZONES`` (not ``tz``'s own set) places them and changes its clocks within them; "" where none does."""
    time = pd.DatetimeIndex(time)
    if time.tz is not None or len(time) < 3:
        return ""
    time = time.dropna()
    counts = pd.Series(time).value_counts()
    usual = float(np.median(counts.to_numpy()))
    for zone, same in ZONES.items():
        if str(tz) == zone or str(tz) in same:
            continue
        changes = _changes(time, counts, usual, zone)
        if changes:
            dates = ", ".join(f"{d:%Y-%m-%d}" for d in changes[:SHOWN]) + (", ..." if len(changes) > SHOWN else "")
            others = f" (or {', '.join(same)}, whose clocks change with it)" if same else ""
            return (f"; the data's clock looks like that of {zone}{others}: it skips and repeats the hours that zone's "
                    f"clocks do, at its changes on {dates}, which {tz}'s clocks do not")
    return ""


def _changes(time: pd.DatetimeIndex, counts: pd.Series, usual: float, zone: str) -> list:
    """The dates within ``time``'s span on which ``zone``'s clocks change, where none of ``time`` falls in a gap of
    its clock and each of its repeated times is written twice as often as the usual time (``usual``, ``counts``:
    each time's); [] where either fails or the clocks do not change within the span."""
    if time.tz_localize(zone, ambiguous=np.ones(len(time), bool), nonexistent="NaT").hasnans:
        return []  # a time this clock skips
    walls = counts.index.tz_localize(None) if getattr(counts.index, "tz", None) else pd.DatetimeIndex(counts.index)
    repeated = walls.tz_localize(zone, ambiguous="NaT", nonexistent="NaT").isna()
    if repeated.any() and not (counts.to_numpy()[repeated] >= 2 * usual).all():
        return []  # a repeated hour written once: that clock would not tell it either
    span = pd.date_range(time.min().floor("D"), time.max().ceil("D"), freq="h").tz_localize(
        zone, ambiguous=True, nonexistent="shift_forward")
    offsets = (span.tz_localize(None) - span.tz_convert("UTC").tz_localize(None)).asi8
    moved = np.flatnonzero(offsets[1:] != offsets[:-1]) + 1
    inside = [span[i] for i in moved if time.min() <= span[i].tz_localize(None) <= time.max()]
    return sorted({t.normalize().tz_localize(None) for t in inside})

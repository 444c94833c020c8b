"""Local times in a zone with daylight saving: naive ones (a file's ``2024-10-27 02:00``, no UTC offset) placed
in it, and zoned ones written back so that the hour the clocks repeat reads apart.

``in_zone`` places a time column in the zone of ``tz=`` (zoned times converted, an unknown zone refused as
``zonenames`` says); ``localize`` reads the hour the zone repeats in autumn (Berlin's 02:00 on 2024-10-27,
first at +02:00, then at +01:00) by the rows' order, as pandas' ``ambiguous="infer"`` does: the first copy is summer time, the second
winter time; written once (a live history ending at the first 02:00), the rows beside it tell the copy where they
can (``repeatedhours``). Where the order cannot tell which is which (the hour written once between 01:00 and 03:00:
a logger that lost a row; or its copies out of order), or a time falls in the
hour the zone skips in spring (02:30 on 2024-03-31 does not exist in Berlin), it refuses in one line naming
the time, its place (``line N of FILE``) and what is accepted, instead of pandas' "Cannot infer dst time
from ... as there are no repeated times" or "... is a nonexistent time due to daylight savings time".

Written back, the repeated hour is the same text twice in a format without a UTC offset (the data's own
``2024-10-27 02:00``): ``told_apart`` gives the format that writes every time with its offset then
(``2024-10-27 02:00+02:00``, ``...+01:00``), said in one warning, and the format itself otherwise;
``offset_format`` the format of a column written with UTC offsets, for the forecasts to write theirs.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import numbertimes, repeatedhours, zonedays
from rnncast.errors import RnncastError
from rnncast import otherclocks, zonenames  # the zone named, the clock the data keeps
from rnncast.timetext import at_midnight, reads_back, shown, write, writes_instants

log = logging.getLogger(__name__)


def in_zone(time: pd.DatetimeIndex, tz, name: str, place, used=None) -> pd.DatetimeIndex:
    """``time`` in the zone ``tz`` (an IANA name): zoned times converted, naive ones placed as ``localize`` places
    them (``used`` as there). Raises ``RnncastError`` for an unknown zone (``zonenames.unknown``) and as
    ``localize`` does."""
    tz = zonenames.canonical(tz)  # 'asia/seoul' is Asia/Seoul, as pandas reads 'utc' as UTC
    if (refused := zonenames.unknown(tz, name)) is not None:
        raise RnncastError(refused)
    zonenames.noted(tz)
    try:
        return time.tz_convert(tz) if time.tz is not None else localize(time, tz, name, place, used)
    except RnncastError:
        raise
    except Exception as err:  # a zone object pandas cannot use
        raise RnncastError(f"cannot place the timestamps of {name!r} in time zone {tz!r} ({err}); "
                           f"{zonenames.ACCEPTED}") from None


def localize(time: pd.DatetimeIndex, tz, name: str, place, used=None) -> pd.DatetimeIndex:
    """``time`` (naive: wall clock times of zone ``tz``) in ``tz``, the repeated autumn hour read by the rows'
    order. ``name``: the time column; ``place(i)`` names row ``i`` (``line 5 of future.csv``). Raises
    ``RnncastError`` for a time the zone repeats whose copy the order cannot tell, or a time the zone skips;
    pandas' error for anything else (an unknown zone: the caller names it). ``used``: the wall times that are
    read (a future file's forecast steps), or None for all; a time outside them that the zone repeats or skips
    is NaT (a row not used says nothing of which copy it is), the others are placed as all are."""
    if zonedays.days(time):  # a day is a day: where the clocks change at midnight, its first instant
        return zonedays.day_instants(time, tz)
    if used is not None and not (inside := time.isin(used)).all():
        rows = np.flatnonzero(inside)
        among = np.flatnonzero(~inside & (time >= used.min()) & (time <= used.max()))  # between the steps read
        skipped = _nonexistent(time[among], tz)
        if len(skipped):  # a time the clocks skip among the steps is a mistaken step, not a row not used
            raise RnncastError(_skipped(time, int(among[skipped[0]]), tz, name, place) + otherclocks.hint(time, tz))
        read = localize(time[inside], tz, name, lambda i: place(int(rows[i])))
        placed = time.tz_localize(tz, ambiguous="NaT", nonexistent="NaT").as_unit(read.unit).asi8.copy()
        placed[inside] = read.asi8
        return pd.DatetimeIndex(placed.view(f"M8[{read.unit}]")).tz_localize("UTC").tz_convert(tz).rename(time.name)
    try:
        return time.tz_localize(tz, ambiguous="infer")
    except ValueError as err:
        told = None if len(_nonexistent(time, tz)) else repeatedhours.copies(time, tz, name, place)  # 01:00, 02:00
        if told is not None:
            return time.tz_localize(tz, ambiguous=told)
        problem = _problem(time, tz, name, place)
        if problem is None:
            raise err from None
        raise RnncastError(problem + otherclocks.hint(time, tz)) from None  # New York's clock read as Berlin's


def _problem(time: pd.DatetimeIndex, tz, name: str, place) -> str | None:
    """The line saying why ``time`` cannot be placed in ``tz``: its first skipped time, else its first repeated
    time written once (or, written more often, in an order that does not tell its copies apart); None if neither."""
    skipped = _nonexistent(time, tz)
    if len(skipped):
        return _skipped(time, int(skipped[0]), tz, name, place)
    repeated = time.tz_localize(tz, ambiguous="NaT").isna()
    if not repeated.any():
        return None
    counts = pd.Series(time[repeated]).value_counts()
    once = [i for i in np.flatnonzero(repeated) if counts[time[i]] == 1]
    runs = _runs(time, repeated)  # the same time on more than two rows in a row: more copies than the clock shows
    i = int(once[0] if once else next(iter(runs), np.flatnonzero(repeated)[0]))
    stamp = pd.Timestamp(time[i])
    summer, winter = (stamp.tz_localize(tz, ambiguous=dst) for dst in (True, False))
    where = f"{runs[i]} times in a row ({place(i)} and the {runs[i] - 1} rows after it)" if i in runs and not once \
        else f"({place(i)})"
    what = (f"time column {name!r} holds {_text(stamp)} {where}, a time that occurs twice in {tz} (at "
            f"{_offset(summer)}, then again at {_offset(winter)} as the clocks go back)")
    why = ("but is written once, and the rows beside it do not tell which of the two it is (none lies one step of "
           "the data from one copy and not the other: a row is missing beside it, or it stands alone)" if once else
           "so which copy each row is cannot be told" if i in runs else
           "and the order of the rows does not tell which copy each row is")
    both = f"({_text(stamp)}{_offset(summer)}, {_text(stamp)}{_offset(winter)})"
    if once:  # its other copy may not have happened yet (a live history ending at the first): only an offset tells
        return (f"{what}, {why}; write the times with their UTC offsets (this one {both[1:-1].replace(', ', ' or ')}, "
                "every other row with its own), or add the missing row")
    return f"{what}, {why}; write the repeated hour twice (the {_offset(summer)} copy first), or write the times " \
           f"with their UTC offset {both}"


def _nonexistent(time: pd.DatetimeIndex, tz) -> np.ndarray:
    """The rows of naive ``time`` that do not exist in ``tz``: in the hour its clocks skip in spring (a repeated
    autumn time is read as one copy, not missing)."""
    return np.flatnonzero(time.tz_localize(tz, ambiguous=np.ones(len(time), bool), nonexistent="NaT").isna())


def _runs(time: pd.DatetimeIndex, repeated: np.ndarray) -> dict[int, int]:
    """The rows of ``time`` where a time the clocks repeat (``repeated``) starts a run of more than two equal rows
    in a row, each with the run's length: ``02:00`` written three times where the clock shows it twice."""
    values = time.asi8
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    lengths = np.diff(np.r_[starts, len(values)])
    return {int(s): int(n) for s, n in zip(starts, lengths) if n > 2 and repeated[s]}


def _skipped(time: pd.DatetimeIndex, i: int, tz, name: str, place) -> str:
    stamp = pd.Timestamp(time[i])
    before = stamp.tz_localize(tz, nonexistent="shift_backward")  # the last instant before the clocks go forward
    after = stamp.tz_localize(tz, nonexistent="shift_forward")
    start = before.tz_localize(None) + pd.Timedelta(1, unit=before.unit)
    return (f"time column {name!r} holds {_text(stamp)} ({place(i)}), a time that does not exist in {tz}: its "
            f"clocks go forward from {start:%H:%M} to {after:%H:%M} that night "
            f"({_offset(before)} to {_offset(after)}); correct or drop the row, or write the times with their UTC "
            f"offset, or, where the file's clock never changes to summer time, leave tz unset")


def _text(stamp: pd.Timestamp) -> str:
    """A naive time as a message names it: ``2024-10-27 02:00`` (seconds where it has them)."""
    return shown(stamp, fmt="%Y-%m-%d %H:%M")


def _offset(stamp: pd.Timestamp) -> str:
    """The UTC offset of a zoned ``stamp`` as ISO 8601 writes it: ``+02:00``."""
    text = stamp.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def offset_format(fmt: str, first: str, text: np.ndarray, time: pd.DatetimeIndex) -> str | None:
    """The format of a column written with UTC offsets, in the first value's style (``+02:00``, ``+0200``,
    ``Z``), when it reads every checked row as its instant; the forecast writes its own zone's offset:
    the data's, the zone of ``tz=``, or UTC where offsets changed and no zone was given."""
    if time.tz is None:
        return None
    style = "Z" if first.endswith("Z") else "%:z" if re.search(r"[+-]\d\d:\d\d$", first) else "%z"
    try:
        read = pd.to_datetime(pd.Series(text), format=fmt, utc=True)
    except (ValueError, TypeError):
        return None
    if not (pd.DatetimeIndex(read) == time).all():
        return None
    if style == "Z" and str(time.tz) != "UTC":
        style = "%:z"  # written in UTC, forecast in the zone asked for: its offset, ISO's way
    return fmt.replace("%z", style)


def told_apart(stamps, fmt: str) -> str | None:
    """The format to write ``stamps`` (columns or indexes; zoned datetimes among them) in, given ``fmt``, which writes
    them back (``timetext.reads_back``): ``fmt`` itself, unless it writes no UTC offset and a zoned time falls in the
    hour its zone's clocks repeat in autumn (its text would be its other copy's: both in the table, or one, which a
    reader cannot place either); then ``fmt`` with ``%:z`` (``2024-10-27 02:00+02:00``), or None (pandas' ISO text,
    offsets and all) where that does not read back, said in one warning."""
    if writes_instants(fmt) or numbertimes.unit_of(fmt):  # Unix times are instants: none repeats
        return fmt
    zoned = [pd.DatetimeIndex(s) for s in stamps if isinstance(getattr(s, "dtype", None), pd.DatetimeTZDtype)]
    zoned = [z for z in zoned if not at_midnight(z)]  # days: a date names its day, its first instant (zonedays)
    repeated = next((r for r in map(_repeated, zoned) if r is not None), None)
    if repeated is None:
        return fmt
    told = fmt + "%:z" if all(reads_back(t, fmt + "%:z") for t in zoned) else None
    wall = repeated.tz_localize(None)
    copies = pd.DatetimeIndex([wall.tz_localize(repeated.tz, ambiguous=dst) for dst in (True, False)])
    shown_as = write(copies, told) if told is not None else [str(t) for t in copies]  # pandas': 02:00:00+02:00
    log.warning("the dates written cross the change back from summer time in %s, where %s occurs twice: every date "
                "is written with its UTC offset (%s), so that the two can be told apart", repeated.tz, _text(wall),
                ", ".join(shown_as))
    return told


def _repeated(times: pd.DatetimeIndex) -> pd.Timestamp | None:
    """The first of zoned ``times`` whose wall time the clocks of its zone show twice, or None."""
    twice = np.flatnonzero(times.tz_localize(None).tz_localize(times.tz, ambiguous="NaT", nonexistent="NaT").isna())
    return times[int(twice[0])] if len(twice) else None

"""Timestamps a few seconds off a regular grid (a logger sampling every 5 minutes whose clock stamps 00:05:02,
00:10:01, 00:14:59: IoT, SCADA, weather stations) read on that grid, said in one line, so that the calendar is found,
model.json keeps it and predict dates forecasts on it (decision 705).

The grid is the one ``freq`` names (fit's freq=, or the model's calendar when predict or evaluate reads data again),
else, at fit, the one ``jitter.near`` finds: a step a whole number of hours, minutes, seconds or milliseconds with
every timestamp within a tenth of a step (``jitter.SHARE``) of its points as pandas' ``round`` counts them (on the
clock, from midnight, or off it where the data's points lie off it: hourly readings at half past, ``jitter.phase``).
pandas rounds; nothing here is own arithmetic. Left as they are: steps of a day or more (dates
an hour or two off midnight are a zone's or daylight saving's: ``writtenzones``), timestamps that keep a calendar of
the step already, and, where no freq is given, data whose rows are on the grid but a few (decision 682 keeps that
calendar and names those rows). Refused, by row: two rows of a series near one grid point, and, for a freq given, a
row farther from its grid than a tenth of a step while the others each lie near a point of their own.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import calendars, clockshift, jitter
from rnncast.errors import RnncastError
from rnncast.offsetguess import inside
from rnncast.timetext import shown

log = logging.getLogger(__name__)

FEW = 5  # no freq given: at most this many rows off the grid (and a twentieth of them) are decision 682's to name


def on_grid(time: pd.Index, offsets: np.ndarray, freq, where=str, fmt: str | None = None,
            announce: bool = True) -> pd.Index:
    """``time`` [N] (series stacked, each sorted, cut at ``offsets`` [S + 1]) read on the grid it lies near (the one
    ``freq`` names, else, where ``announce`` (a fit), ``jitter.near``'s), said in one line (a warning at fit; INFO
    when data is read again on a model's calendar); else ``time`` itself. Rows are named by ``where(i)`` and written
    as ``fmt`` writes them."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3 or time.hasnans:
        return time
    if freq is None and not announce:
        return time  # data read again for a model: its calendar (given as freq) is the grid, none is no grid
    grid = jitter.near(time, offsets) if freq is None else None
    offset = _fixed(freq) if freq is not None else to_offset(grid.alias) if grid is not None else None
    if offset is None:
        return time
    try:
        step = pd.Timedelta(offset)
        if step >= pd.Timedelta(days=1):  # dates hours off midnight: a zone's or daylight saving's, not jitter
            return time
        off = calendars.off_rows(time, offsets, offset)
        rounded = jitter.points(time, offset)  # pandas rounds, on the clock or off it by the data's phase (a zone's times in UTC)
    except (ValueError, TypeError, RnncastError):  # a calendar no rounding keeps ('W-SUN'), a time DST repeats
        return time
    if off is None or not off.any():
        return time  # on a calendar of this step already
    shift = (time - rounded).to_series().abs().to_numpy()  # [N] timedelta64
    moved = int((shift > np.timedelta64(0)).sum())
    if freq is None and moved <= min(FEW, len(time) // 20):
        return time  # all but a few on it: the calendar they keep (offcalendar.most_kept) names those
    words = jitter.named(offset)
    far = np.flatnonzero(shift * jitter.SHARE > step.to_timedelta64())
    same = np.flatnonzero((np.diff(rounded.asi8) == 0) & inside(offsets, len(time)))
    if freq is not None and len(far) and len(same) and len(far) < moved and (finer := _finer(
            time, offsets, int(same[0]), step, where, fmt)):  # some rows near it: one series logs finer (decision 1936)
        whose = f"freq={_text(freq)!r}" if announce else f"the model's calendar {_text(freq)!r}"
        raise RnncastError(f"{finer}, finer than {whose}, so its rows cannot all be read on that {words} grid; resample "
                           f"that series to {_text(freq)!r} steps first (the mean of each step's rows)"
                           + (", or give the freq its timestamps follow" if announce else ""))
    if len(far) and (len(same) or len(far) == moved):
        return time  # no grid these rows lie near (several to a point, or none near): settle refuses a freq given
    if len(far) and (run := clockshift.said(time, offsets, offset, where, fmt)):  # a clock an hour off for a month
        raise RnncastError(f"{run}; or give the freq its timestamps follow" if announce else run)  # decision 1941
    if len(far):  # a row too far from the grid the others lie near, each near a point of its own
        i = int(far[0])
        by = jitter.duration(pd.Timedelta(shift[i]))
        whose = f"freq={_text(freq)!r}" if announce else f"the model's calendar {_text(freq)!r}"  # predict takes no freq
        remedy = ("correct or remove that row, or give the freq its timestamps follow" if announce else
                  "correct or remove that row: data read for the model keeps the calendar it was fitted on")
        if len(far) > FEW and not len(same) and bool((shift * jitter.ADVISED <= step.to_timedelta64()).all()):  # ±2 s
            # on 10 s: many rows, each near its own point, a clock's jitter; a row or a few far off stay "that row"
            line = jitter.rounding(time, offset.freqstr, jitter.phase(time, offset, jitter.ADVISED), fmt)
            remedy = (f"{len(far)} of the {len(time)} rows lie so far, every one within a quarter of a step (a "
                      f"clock's jitter?), and rounded they keep a row each: round them to it, e.g. with pandas: "
                      f"{line}")  # decision 1500
        raise RnncastError(f"timestamp {shown(time[i], time, fmt)} ({where(i)}) lies {by} off the {words} grid of "
                           f"{whose}, more than a tenth of its step ({jitter.duration(pd.Timedelta(step).as_unit('ns') / jitter.SHARE)}) within "
                           f"which rows are read on it; {remedy}")
    if len(same):
        a, b = int(same[0]), int(same[0]) + 1
        raise RnncastError(f"timestamps {shown(time[a], time, fmt)} ({where(a)}) and {shown(time[b], time, fmt)} "
                           f"({where(b)}) lie near one point of a {words} grid, {shown(rounded[a], rounded, fmt)}, so "
                           f"they cannot both be read on it; keep one row per {words} step (or average each step's rows)")
    i = int(np.argmax(shift))
    (log.warning if announce else log.info)(
        "timestamps lie within %s of a %s grid: read on it, forecasts dated on it (%d of %d rows moved; the farthest, "
        "%s (%s), to %s)", jitter.duration(pd.Timedelta(shift[i])), words, moved, len(time),
        shown(time[i], time, fmt), where(i), shown(rounded[i], rounded, fmt))
    return rounded.rename(time.name)


def _finer(time: pd.DatetimeIndex, offsets: np.ndarray, a: int, step: pd.Timedelta, where, fmt) -> str | None:
    """Where the series of row ``a`` (the first of two rows near one grid point) keeps steps of at most half of
    ``step`` from ``a`` to its end (a probe switched from 3-hour to 1-hour logging), the clause naming that row and
    the step: "timestamp 2026-04-01 00:00:03 (series 'P3' at line 251) begins 1-hour steps (720 rows from there)";
    else None (two rows of one point among steps of the grid: the caller's own refusal)."""
    end = int(offsets[np.searchsorted(offsets, a, side="right")])
    piece = time[a:end]
    if len(piece) < 3:
        return None
    typical = pd.Timedelta(int(np.median(np.diff(piece.as_unit("ns").asi8))), unit="ns")
    if typical * 2 > step:
        return None
    grid = jitter.near(piece, np.array([0, len(piece)]))
    words = f"{grid.words} steps" if grid is not None else f"steps of {jitter.duration(typical)}"
    return f"timestamp {shown(time[a], time, fmt)} ({where(a)}) begins {words} ({len(piece)} rows from there)"


def _fixed(freq):
    """The pandas offset ``freq`` names, where it is one (a week mask or a session is not: None)."""
    try:
        return to_offset(freq)
    except (ValueError, TypeError):
        return None


def _text(freq) -> str:
    return freq if isinstance(freq, str) else getattr(freq, "freqstr", str(freq))


def onto_steps(stamps: pd.Index, target: pd.Index, where=str, fmt: str | None = None) -> pd.Index:
    """A future table's timestamps [R] read on the forecast steps ``target`` [S x H, stacked] where they lie within a
    tenth of a step of one (the same logger's jitter, decision 713), said in one line; the others as they are (a row
    far from every step is then named as missing or not used, two rows near one step as given twice). ``stamps`` as
    given where either is not timestamps, the steps are a day or more apart, or there is one step only."""
    if not isinstance(stamps, pd.DatetimeIndex) or not isinstance(target, pd.DatetimeIndex) or len(target) < 2:
        return stamps
    points = np.unique(target.as_unit("ns").asi8)
    apart = np.diff(points)
    if not len(apart) or pd.Timedelta(int(apart.min()), unit="ns") >= pd.Timedelta(days=1):
        return stamps
    step, given = int(apart.min()), stamps.as_unit("ns").asi8
    known = ~np.asarray(stamps.isna())
    right = np.clip(np.searchsorted(points, given), 1, len(points) - 1)
    nearest = np.where(np.abs(given - points[right - 1]) <= np.abs(points[right] - given), points[right - 1], points[right])
    shift = np.abs(given - nearest)
    moved = known & (shift > 0) & (shift * jitter.SHARE <= step)
    if not moved.any():
        return stamps
    read = np.where(moved, nearest, given)
    result = pd.DatetimeIndex(pd.to_datetime(read, unit="ns", utc=stamps.tz is not None), name=stamps.name)
    result = (result.tz_convert(stamps.tz) if stamps.tz is not None else result).as_unit(stamps.unit)
    result = result.where(known)
    i = int(np.argmax(np.where(moved, shift, -1)))
    log.info("the future values' timestamps lie within %s of the forecast steps: read on them (%d of %d rows moved; "
             "the farthest, %s (%s), to %s)", jitter.duration(pd.Timedelta(int(shift[i]), unit="ns")), int(moved.sum()),
             len(stamps), shown(stamps[i], stamps, fmt), where(i), shown(result[i], result, fmt))
    return result

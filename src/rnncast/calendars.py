"""Which calendar a panel's timestamps follow, and where each row stands on it.

``settle`` tries the offsets worth trying (``offsetguess``: those ``pandas.infer_freq`` finds in the
longest series and in windows of them, and the pandas calendars near the most common step), keeps the one that explains
every row with the fewest missing rows, and gives a series that calendar does not fit a calendar
of its own. Positions on a calendar (a ruler: ``rulers``) give the rows missing after each row, for the gap
warning and ``fill_gaps`` (``calendarwalks``: where predict's window first leaves it). All calendar arithmetic is pandas' own.
"""

from __future__ import annotations

import logging
from collections import Counter

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import (aliasnames, businessmonths, irregularsteps, jitter, makeupdays, monthdays, offcalendar, oldaliases, owncalendars,
                     retailyears, sessions, switchedanchors, tradingweeks, weekmasks,
                     zoneclock)
from rnncast.errors import RnncastError
from rnncast.offsetguess import candidates, inside
from rnncast.rowseries import row_series
from rnncast.rulers import Combined, Ruler
from rnncast.spelling import hint, named as setting_named, spelled
from rnncast.timecalendar import ALIASES, Calendar, market_of
from rnncast.timetext import shown

log = logging.getLogger(__name__)

FREQ_HINT = (f"give the freq its timestamps follow, a pandas offset alias such as {ALIASES}, a week mask of business "
             "days such as 'Sun Mon Tue Wed Thu', a day of the month such as 'MS@15' or a session's bars such as "
             "'30min 09:30-15:30' (or leave freq unset to infer it)")  # what fit accepts; a reader on a model's calendar says its own (spelling.hints)


def periods_or_stamps(time: pd.Index, freq) -> tuple[pd.Index, object]:
    """``time`` and ``freq`` as ``settle`` takes them, so that periods and their text (``1980Q1``, read
    as the quarter's first day) are one calendar: periods given a calendar of timestamps (``QS-JAN``, a
    model fitted on the text) are their first instants; timestamps given ``freq`` as a ``PeriodDtype``
    (a model fitted on periods) are those periods when each is the first instant of its period."""
    if isinstance(freq, pd.PeriodDtype):
        if isinstance(time, pd.DatetimeIndex) and time.tz is None and not time.hasnans:
            periods = time.to_period(freq.freq)
            time = periods.rename(time.name) if (periods.to_timestamp(how="start") == time).all() else time
        freq = freq.freq
    if isinstance(time, pd.PeriodIndex) and isinstance(freq, str) and (new := _old_name(freq)):
        return time, _period_alias(freq, new, time)  # 'M' on monthly periods: pandas' name of them (decision 2033)
    if isinstance(time, pd.PeriodIndex) and freq is not None and (_old_name(freq) or _offset(freq) != time.freq):
        time = time.to_timestamp(how="start").rename(time.name)  # a timestamp calendar's check then names a misfit
    return time, freq


def _period_alias(freq: str, new: str, time: pd.PeriodIndex):
    """``time``'s frequency where ``freq`` (pandas 2's name of ``new`` for timestamps) is pandas' period alias of it,
    which pandas 3 reads for periods ('M', 'Q-DEC', 'Y-DEC': a PeriodIndex's own freqstr). Raises ``RnncastError``
    naming their own where it names other periods ('Q-DEC' on months) or none ('A', 'H': pandas 2's aliases), not
    a calendar of timestamps ('MS'), which would turn the periods into timestamps."""
    try:
        period = pd.Period("2000-01-01", freq=freq)
    except (ValueError, TypeError):
        period = None
    if period is not None and period.freq == time.freq:
        return time.freq
    said = f"{setting_named('freq')} {freq!r} names other periods than the data's," if period is not None else \
        f"{aliasnames.said(freq, new)}, and the data hold"
    raise RnncastError(f"{said} periods of {time.freqstr!r}; give {spelled('freq', time.freqstr)}, "
                       "their own, or leave freq unset (their own is read)")


def settle(time: pd.Index, offsets: np.ndarray, freq=None, where=str, quiet: bool = False,
           holidays: str | None = None, fmt: str | None = None, naive: bool = False):
    """The calendar of the stacked times [N] of series cut at ``offsets`` [S + 1] (each series
    sorted), the ruler that places the rows on it (None when no calendar explains the times), and
    the calendars of the series that keep their own ({series: Calendar}; a weekly series among daily ones):
    ``ruler.missing`` rows the data lacks, ``ruler.steps`` [N] each row's steps from its series'
    first row, ``ruler.stamps(series [K], positions [K])`` the times of any positions.

    ``freq``: the calendar given by the user; a row off it is an error (``RnncastError``) naming
    the row as ``fmt`` writes it (``unix:s``) and by ``where(i)``, and the calendar as the user writes it (``holidays``: the name of the set ``freq``
    skips, 'B' without IL holidays; a week mask by its days, not pandas' 'C'). Without it the calendar is inferred: the offsets that
    ``pandas.infer_freq`` finds in the longest series and in windows of them, and the most common
    step, each tried on every row; the one that explains every row with the fewest missing rows wins.
    ``naive``: the times were written without a zone (read as given, or placed on ``tz=``'s clock); a reader that
    gives ``hint("utc_clock")`` (a fitted model's: ``modeltimes.utc_clock``) is asked of them as written where a
    row is off ``freq``, and what it says of them read as UTC ends the refusal.
    """
    name = time.name
    if isinstance(time, pd.PeriodIndex):
        ruler = Ruler.periods(time, offsets)
        return Calendar("period", time.freq, None, name), ruler, {}
    if not isinstance(time, pd.DatetimeIndex):
        step = _integer_step(time, offsets, freq)
        ruler = Ruler.fixed(time.to_numpy(dtype=np.int64), offsets, step, lambda v: pd.Index(v, name=name))
        if ruler.bad is not None:
            raise RnncastError(f"time value {time[ruler.bad]} ({where(ruler.bad)}) is not a whole number of steps of "
                               f"{step} after its series' first; give the step with freq= (--freq)")
        return Calendar("integer", step, None, name), ruler, {}
    tz = None if time.tz is None else str(time.tz)
    if freq is not None and not isinstance(freq, bool) and str(freq).isdigit():  # an integer step: dates are no steps
        raise RnncastError(hint("freq_kind", "{named} {freq!r} is an integer step, but time column {column!r} holds "
                                "{found}; give a calendar such as 'D' or 'MS', or leave freq unset{season}").format(  # decision 2182
            named=setting_named("freq"), freq=freq, column=name, found="dates", season=int(freq) > 1 and
            f"; a seasonal period (R's frequency = {int(freq)}) is {spelled('season', int(freq))}" or ""))
    if freq is not None:
        if new := _old_name(freq):  # 'Q-JUN': pandas 2's 'QE-JUN', or 'QS-JUL' where the rows are quarters' first days
            raise RnncastError(oldaliases.advice(freq, new, time, offsets))
        offset = _offset(freq)
        ruler = Ruler.of(time, offsets, offset)
        if ruler is None or ruler.bad is not None:
            bad = 0 if ruler is None else ruler.bad
            named = Calendar("datetime", offset, holidays=holidays).shown  # 'Sun Mon Tue Wed Thu', not 'C'
            ends = "" if hint("freq", "") else oldaliases.first_days(getattr(offset, "freqstr", ""), time, offsets)  # QS-JUL
            ends = ends or (None if hint("freq", "") else makeupdays.refused(time, offsets, bad, offset))  # 调休: decision 1521
            near = ends or offcalendar.early_given(time, offsets, offset, fmt, holidays) or switchedanchors.said(
                time, offsets, where, fmt)  # decision 823; month-ends, then month-starts: neither 'ME' nor 'MS'
            own = None if near else owncalendars.followed(time, offsets, offset)  # the data's own calendar (fit infers it):
            near = near or (None if own and hint("freq", "") else own or jitter.advice(time, offsets, where, fmt))
            # named before any rounding, which would move its dates (a model's reader says its own words instead)
            utc = hint("utc_clock", None) if naive else None  # a model's reader: a raw UTC feed of its zone's closes
            utc = utc(zoneclock.wall(time)) if utc is not None else ""
            raise RnncastError(f"timestamp {shown(time[bad], time, fmt)} ({where(bad)}) is not on the calendar freq={named}; "
                               f"{near or hint('freq', '') or FREQ_HINT}"
                               + (f"; {utc}" if utc else ""))
        return Calendar("datetime", offset, tz, name), ruler, {}
    tried = candidates(time, offsets)  # pandas' inference over windows: once, for both searches
    best = owncalendars.best(time, offsets, tried)
    if best is not None and best[1].missing > len(time) // 20 and offcalendar.fewer_off(time, offsets, tried,
                                                                                        best[1].missing):
        best = None  # a few rows off a calendar the others keep, named so, not one missing many rows (decision 1237)
    if best is None and (best := retailyears.exact(time, offsets)) is not None and not quiet:  # 364 days, then 371
        log.info("calendar: %s, which every date keeps", retailyears.said(best[0]))
    moved = businessmonths.explain(time, offsets) if best is None else None  # a market's last trading days
    moved = tradingweeks.explain(time, offsets) if best is None and moved is None else moved  # of the month, week
    ruler = Ruler.of(time, offsets, moved.offset) if moved is not None else None
    if ruler is not None and ruler.bad is None:
        log.warning("calendar: %s", moved) if not quiet else None
        return Calendar("datetime", moved.offset, tz, name, holidays=moved.name), ruler, {}
    if len(offsets) > 2:
        own = _own_calendars(time, offsets, best)
        if own is not None:
            return own
    if best is None:
        near = businessmonths.near(time, offsets) + tradingweeks.near(time, offsets) if not quiet else []
        few = offcalendar.most_kept(time, offsets, tried + near) if not quiet else None  # decisions 242, 682
        few = offcalendar.on_market(time, offsets, *few) if few is not None else None  # a market's holidays kept
        irregular = few is None and len(time) > len(offsets) - 1 and not quiet
        remedy = irregularsteps.remedy(time, offsets, where, fmt) if irregular else None
        if few is not None and (twice := switchedanchors.twice(time, offsets, few[1], where)):
            raise RnncastError(twice)  # 2023-06-01 beside 2023-06-30: June given twice, not a typo to date on
        if few is not None:
            log.warning("%s", offcalendar.said(time, offsets, *few[:2], where, fmt, market=few[2]))
            log.warning("calendar of the other rows: %s", few[3]) if few[3] else None  # the holidays the others skip
        elif irregular:
            log.warning("%s", irregularsteps.irregular(time, offsets, where, fmt, near=remedy))
        kept = offcalendar.kept(time, *few[:2], fmt, few[2]) if few is not None else None  # predict dates on it
        return Calendar("datetime", None, tz, name, kept=kept, remedy=remedy), None, {}  # the run's hint repeats it
    offset, ruler = best
    if not quiet and (retail := retailyears.beside(time, offsets, offset)) is not None:  # 13W-SAT: fiscal quarters?
        log.info("calendar: %s", retail)  # said before a 53rd week moves every date (decision 1976)
    return Calendar("datetime", offset, tz, name), ruler, {}


MAX_OWN_CALENDARS = 200  # series settled one by one when the panel's calendar does not fit them


def off_rows(time: pd.DatetimeIndex, offsets: np.ndarray, freq) -> np.ndarray | None:
    """[N] bool: the rows of ``time`` (series cut at ``offsets`` [S + 1]) off the calendar ``freq`` given, all False
    where every row is on it; None where no calendar of ``freq`` measures these times (finer than they hold).
    Raises ``RnncastError`` for a ``freq`` that is no calendar, as ``settle`` does."""
    ruler = Ruler.of(time, offsets, _offset(freq))
    return None if ruler is None else ruler.off if ruler.off is not None else np.zeros(len(time), dtype=bool)


def _own_calendars(time: pd.DatetimeIndex, offsets: np.ndarray, best):
    """A calendar per series where the panel's one does not fit: when no calendar explains every
    series, or one leaves a series with more missing rows than rows (a weekly series among daily
    ones). Returns ``(calendar, ruler, {series: calendar})`` with the most common calendar first,
    or None when one calendar fits every series (or too many series need their own to settle each)."""
    lengths = np.diff(offsets)
    if best is not None:
        steps = best[1].steps
        missing = steps[offsets[1:] - 1] + 1 - lengths  # [S]
        other = np.zeros(len(lengths), dtype=bool)
        wall = zoneclock.wall(time)
        if (missing > 0).any() and weekmasks.days_of(best[0]) is not None:  # the days only where a week can differ
            other = weekmasks.other_weeks(wall.to_numpy().astype("datetime64[D]"), offsets, best[0], missing,
                                          MAX_OWN_CALENDARS)
        elif (missing > 0).any() and isinstance(best[0], sessions.Session):  # Tokyo's bars among Hong Kong's
            other = sessions.other_sessions(wall, offsets, best[0], missing, MAX_OWN_CALENDARS)
        if (missing > 0).any():  # most steps skipping the panel's calendar, another kept alone: what a given one refuses
            kept = owncalendars.others(time, row_series(offsets), missing_rows(steps, offsets), offsets)
            other = other | np.isin(np.arange(len(lengths)), [s for s, own in kept.items() if own is not None])
        odd = np.flatnonzero((missing > lengths) | other)  # a weekly series among daily ones; another week or session
    else:
        odd = np.arange(len(lengths))
    if not len(odd) or len(odd) > MAX_OWN_CALENDARS:
        return None
    tz, name = (None if time.tz is None else str(time.tz)), time.name
    own = {}
    for s in odd:
        piece = time[offsets[s] : offsets[s + 1]]
        own[int(s)] = owncalendars.alone(piece)  # (offset, ruler) or None: no calendar explains this series
    calendars = {s: Calendar("datetime", o and o[0], tz, name, holidays=o and market_of(o[0]),
                             kept=None if o else offcalendar.kept_alone(time[offsets[s] : offsets[s + 1]]))
                 for s, o in own.items()}  # a series no calendar explains: the one all but a few of its rows keep
    normal = [s for s in range(len(lengths)) if s not in own]
    base = (Calendar("datetime", best[0], tz, name) if best is not None and normal else
            Counter(calendars.values()).most_common(1)[0][0])
    overrides = {s: c for s, c in calendars.items() if c != base}
    if all(o is None for o in own.values()) and not normal:
        return base, None, overrides  # no series keeps a calendar: no positions, no gaps to fill
    # a series no calendar explains (offcalendar.unsettled): its rows consecutive, the others' gaps still said, filled
    rulers = {s: (o[1] if o else Ruler(np.arange(offsets[s + 1] - offsets[s]), None)) for s, o in own.items()}
    return base, Combined(offsets, best[1] if best is not None else None, rulers), overrides


def _offset(freq):
    """``freq`` as a pandas offset; junk (``-1``, ``MSX``) or a step that does not move forward (``-1D``, ``0h``)
    is refused in one line naming what is accepted, not with pandas' parser's words. A week mask
    (``Sun Mon Tue Wed Thu``) is business days on those weekdays (``weekmasks``); a step with the first and
    last bar's times (``30min 09:30-15:30``), a trading session (``sessions``)."""
    session = freq if isinstance(freq, sessions.Session) else sessions.parse(freq)
    if session is not None:
        return session
    mask = weekmasks.parse(freq)
    if mask is not None:  # every day of the week is calendar days, 'D', not business days
        return pd.offsets.Day() if mask == weekmasks.EVERY else weekmasks.offset(mask)
    day = monthdays.parse(freq)  # 'MS@15': the 15th of each month
    if day is not None:
        return day
    try:
        offset = to_offset(freq)
    except (ValueError, TypeError):
        offset = None
    if offset is None and (new := oldaliases.renamed(freq)) is not None:  # 'M', '60T', 'A-JUN': pandas 2's names
        raise RnncastError(oldaliases.advice(freq, new))  # settle names the one its timestamps keep (_old_name)
    if offset is None or offset.n <= 0:
        raise RnncastError(f"{setting_named('freq')} {freq!r} is not a calendar; give a pandas offset alias (with a "
                           f"positive multiple where one is wanted), such as {ALIASES}, a week mask of business days "
                           "such as 'Sun Mon Tue Wed Thu', a session's bars such as '30min 09:30-15:30', a day of the "
                           "month such as 'MS@15', or an integer step for integer periods")
    return offset


def _old_name(freq) -> str | None:
    """What pandas now names ``freq`` where it is an alias pandas 2.2 renamed that pandas no longer reads, else None."""
    if (new := oldaliases.renamed(freq)) is None:
        return None
    try:
        to_offset(freq)
    except (ValueError, TypeError):
        return new
    return None


def _integer_step(time: pd.Index, offsets: np.ndarray, freq) -> int:
    if freq is not None:
        if str(freq).isdigit() and int(freq) > 0:
            return int(freq)
        raise RnncastError(hint("freq_kind", "{named} {freq!r} is a calendar, but time column {column!r} holds {found}; "
                                "give the integer step between periods (e.g. freq=1) or leave freq unset").format(
            named=setting_named("freq"), freq=freq, column=time.name, found="integers"))
    steps = np.diff(time.to_numpy(dtype=np.int64))[inside(offsets, len(time))]
    return int(np.gcd.reduce(steps)) if len(steps) else 1


def missing_rows(steps: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """[N] how many calendar steps are missing after each row, within its series."""
    after = np.zeros(len(steps), dtype=np.int64)
    if len(steps) > 1:
        after[:-1] = np.where(inside(offsets, len(steps)), np.diff(steps) - 1, 0)
    return after


def weekdays(time: pd.Index, offsets: np.ndarray, calendar: Calendar, ids: list) -> str:
    """Where ``calendar`` steps whole weeks of days ('7D') over series that start on different weekdays (a panel of
    weeks ending Sunday and weeks starting Monday, which no 'W-SUN' or 'W-MON' keeps alone), the clause saying so:
    " (weeks whose weekday differs by series: Sunday in 'a', 'c'; Monday in 'b')", each series named as given
    (``ids``); else ""."""
    freq = calendar.freq
    if not isinstance(time, pd.DatetimeIndex) or type(freq) is not pd.offsets.Day or freq.n % 7 or len(offsets) < 3:
        return ""
    days = np.asarray(time[offsets[:-1]].day_of_week)  # [S] a step of whole weeks keeps each series' weekday
    if len(set(days.tolist())) < 2:
        return ""
    names = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(7), unit="D")  # a Monday: day names by number
    parts = []
    for d in sorted(set(days.tolist())):
        who = [repr(ids[s]) for s in np.flatnonzero(days == d)]
        parts.append(f"{names[d].day_name()} in {', '.join(who[:3])}" + (f" and {len(who) - 3} more" if len(who) > 3 else ""))
    return f" (weeks whose weekday differs by series: {'; '.join(parts)})"

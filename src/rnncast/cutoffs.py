"""A common cutoff for the series of a panel, which the overlap of per-series splits calls for.

By default every series is cut at its own fractions (70/10/20 %), so where series start or end on other
dates one series' test rows may fall on dates other series were trained and validated on: where series
move together (the stores of a chain, the sensors of a building) the model has seen the test period's
calendar in other series' rows, and its test score is optimistic. ``testoverlap`` measures that and says
it in one line; ``cutoff`` (a time in the data's own form) cuts every series there instead: its test
rows are those after the cutoff, its validation rows the last ``val_frac`` of the rows up to it
(``cut``). Series with no test rows after the cutoff, or too few rows up to it, are left out by name as
too-short series are (``cutting.report_short``).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import (cutoffadvice, endofday, leftkeeps, monthtext, numbercutoffs, numbertimes, periodspans, rolledcutoffs, timetext,
                     weektext, wholenumbers, writtenzones)
from rnncast.config import DataSettings
from rnncast.errors import RnncastError
from rnncast.noticed import first_in_call
from rnncast.panel import Panel
from rnncast.spelling import counted, named
from rnncast.timetext import read, shown
from rnncast.windows import Split, chronological_split, rows_needed

log = logging.getLogger(__name__)

def as_time(value, panel: Panel):
    """``cutoff`` as a value of the panel's time: a timestamp written as the data writes its times (or in ISO 8601),
    in the data's zone (one written without an offset: at the data's one offset, refused where offsets read in UTC,
    ``writtenzones.without_offset``); a period of its frequency; a whole number for integer periods. Refused by name
    where the data has no time (rows numbered) or the value reads as no time of the data's kind."""
    time = panel.time
    if time is None:
        raise RnncastError(f"{named('cutoff')} is a time of the data's time column, and the data has none (its rows are "
                           "numbered); give a time column (time_col=, --time-col), or leave cutoff out to cut each "
                           "series by val_frac/test_frac")
    whole = wholenumbers.number(value) if isinstance(value, float) else None
    text = str(whole) if whole is not None else str(value).strip()  # 1960.0: the year 1960, as 1960 is
    own = _period_text(text)  # 'Q2 2018', '2020M02': as pandas writes the period ('2018Q2', '2020-02')
    own = weektext.week_named(own) if isinstance(panel.calendar.freq, pd.offsets.Week) else own  # 201545: 2015-W45
    if isinstance(time, pd.DatetimeIndex):
        stamp = _timestamp(own, panel, text)
        unix = numbertimes.unit_of(panel.calendar.text_format) in ("s", "ms", "us", "ns")  # instants on UTC's clock, read naive
        if stamp.tz is not None and time.tz is None and unix:  # 1793563200, 2026-11-01T20:00Z: the same instant
            return stamp.tz_convert("UTC").tz_localize(None)
        if stamp.tz is not None and time.tz is None:
            raise RnncastError(f"{named('cutoff')} {text!r} has a UTC offset or zone, and the data's times have none; "
                               "give it as the data writes its times")
        end = named_end(own, stamp) if stamp.tz is None else stamp  # '2021-07': all of July, as pandas slices
        written = panel.written_offsets  # as written, without tz= (with it: on tz='s clock); +00:00 throughout: at it
        if time.tz is not None and end.tz is None and written is not None:  # None: tz= given (decision 838)
            writtenzones.without_offset(time.tz, panel.calendar.text_format, f"{named('cutoff')} {text!r}", text,
                                        written, stamp, end)
        if time.tz is not None:
            return _on_clock(end, time.tz, text) if end.tz is not None else _localized(end, time.tz, text)
        if end.normalize() == stamp.normalize():  # a day or a time, not a month: '2023-03-01' on month-ends, said
            rolledcutoffs.said(stamp, panel, text)
        else:  # '1958' of months: its last month, said (decision 1491)
            rolledcutoffs.period_said(end, stamp, panel, text)
        return end
    if isinstance(time, pd.PeriodIndex):
        if _own_form(text, panel) is None:  # '2024.5': pandas' guess of a month or year is not taken
            periodspans.refuse_dotted(own, named("cutoff"))
        if (fiscal := periodspans.on_calendar(own, time.freq, named('cutoff'))) is not None:
            return fiscal  # '2016Q3' on Q-MAR quarters: October to December 2015, as pandas reads it (decision 2032)
        span = periodspans.span(own)
        try:
            own = pd.Period(span[0] if span else own, freq=time.freq)
        except (ValueError, TypeError):
            raise RnncastError(f"{named('cutoff')} {text!r} is no period of the data's ({_example(time)})") from None
        end = span[1] if span else own.end_time  # '2020Q3' of monthly periods: its last month, September
        if periodspans.held_days(text) and not periodspans.as_held(at := pd.Period(end, freq=time.freq), text):  # said
            rolledcutoffs.days_said(at, panel, text, end)  # Q-DEC's 2016Q3 on Q-MAR quarters: 2017Q2 (decision 2032)
        elif end > own.end_time:
            rolledcutoffs.period_said(pd.Period(end, freq=time.freq), own, panel, text)
        return pd.Period(end, freq=time.freq) if end > own.end_time else own
    number = wholenumbers.number(text)  # '1960.0': 1960, as years written 1871.0 are read (decision 901)
    if number is None and pd.notna(pd.to_numeric(text, errors="coerce")):  # 1960.5
        raise RnncastError(f"{named('cutoff')} {text!r} is not a whole number, and the data's times are whole numbers "
                           f"({_example(time)})")
    if number is None:
        raise RnncastError(f"{named('cutoff')} {text!r} is no time of the data's: its times are whole numbers "
                           f"({_example(time)})")
    return number


def named_end(text: str, stamp: pd.Timestamp) -> pd.Timestamp:
    """The last instant of the period ``text`` names (``periodspans.span``), where it starts at ``stamp`` (naive), as
    pandas' partial-string slicing reads it (``df.loc[:"2021-07"]`` holds all of July); ``stamp`` itself otherwise. A
    tester's '2021-07' cut month-end data at 2021-06-30 and month-start data after 2021-07-01: one text, two meanings."""
    span = periodspans.span(text)
    return span[1] if span is not None and span[0] == stamp else stamp


def _localized(end: pd.Timestamp, zone, text: str) -> pd.Timestamp:
    """A naive cutoff on the data's zoned clock; refused by name where that clock skips it (naming the times around
    the gap) or repeats it (naming both offsets)."""
    if pd.isna(end.tz_localize(zone, nonexistent="NaT", ambiguous=True)):  # in spring's gap: no such time
        last = end.tz_localize(zone, nonexistent="shift_backward")  # 01:59:59.999999 (+01:00): the gap's first instant
        before, after = last.floor("min"), (last + pd.Timedelta(1, last.unit)).tz_convert(zone)  # next: 03:00 (+02:00)
        raise RnncastError(f"{named('cutoff')} {text!r} does not exist on the clocks of {zone}, which skip it for "
                           f"daylight saving: the last minute before the gap is {_wall(before)}, the first time after "
                           f"it {_wall(after)}; give one of those, or another time") from None
    try:
        return end.tz_localize(zone)
    except ValueError:  # pandas' AmbiguousTimeError: the hour autumn repeats
        near = sorted({(end + pd.Timedelta(hours=h)).tz_localize(zone).isoformat()[-6:] for h in (-1, 1)})  # its own
        raise RnncastError(f"{named('cutoff')} {text!r} falls in the hour the clocks of {zone} repeat at the end of "
                           f"daylight saving; give it with its UTC offset (such as "
                           f"{' or '.join(end.floor('min').isoformat() + o for o in near)}), or another time") from None


def _wall(t: pd.Timestamp) -> str:
    return f"{t:%Y-%m-%d %H:%M} ({t.isoformat()[-6:]})"


def _on_clock(end: pd.Timestamp, zone, text: str) -> pd.Timestamp:
    """A cutoff given with a UTC offset, on the data's zoned clock; said (INFO, once) where that offset is not the
    clock's there (2024-03-31T02:30+01:00, in Berlin's spring gap: 03:30+02:00), with the local time it is (once per
    call: ``noticed.first_in_call``)."""
    local = end.tz_convert(zone)
    if local.utcoffset() != end.utcoffset() and first_in_call("cutoff off the clock", text, str(zone)):
        log.info("%s %r is %s on the clocks of %s, which show another UTC offset then: the series are cut there",
                 named("cutoff"), text, _wall(local), str(zone))  # once per fit or backtest, which cut often
    return local


def _period_text(text: str) -> str:
    """``text`` written as a quarter or a month in a form the data reader reads (``Q2 2018``, ``2018 Q2``, ``2Q18``,
    ``2020M02``: ``timetext``'s and ``monthtext``'s forms) as pandas writes that period (``2018Q2``, ``2020-02``), so
    that a cutoff is read in any such form whichever the data's; ``text`` itself otherwise."""
    sample = pd.Series([text])
    for reader, fmt, freq in ((timetext, timetext.first_form(sample), "Q"), (monthtext, monthtext.format_of(sample), "M")):
        if fmt is not None and (freq == "M" or timetext.is_quarters(fmt)):
            try:
                return str(pd.Period(reader.read(sample, fmt)[0], freq=freq))
            except (RnncastError, ValueError, TypeError):
                return text
    return text


def _timestamp(text: str, panel: Panel, given: str | None = None) -> pd.Timestamp:
    """``text`` (``given`` as ``_period_text`` writes it) read as the data writes its times, else in ISO 8601."""
    given = text if given is None else given  # 1793563200 of Unix-time data: in its unit
    if (day := endofday.midnight(given)) is not None:  # 2024-09-15T24:00, as hour-ending data write it: ISO 8601's end
        return _timestamp(day, panel) + pd.Timedelta(days=1)  # of the day, the next day's 00:00 (decision 1822)
    if (number := numbercutoffs.read(given, panel.time, panel.calendar.text_format)) is not None:
        return number
    if (own := _own_form(given, panel)) is not None:  # the data's own form first (01.03.2024; 2024Q1), then ISO 8601
        return own
    periodspans.refuse_dotted(text, named("cutoff"))  # '2024.13': not pandas' guess of a year or a month
    try:
        stamp = periodspans.period_start(text)  # ISO 8601's week too, on data written as dates
    except (ValueError, TypeError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise RnncastError(f"{named('cutoff')} {given!r} reads as no time: give one as the data writes its times "
                           f"({_example(panel.time, panel)}) or in ISO 8601 (2024-01-31, 2024-01-31 12:00, a week "
                           "2024-W05 or its day 2024-W05-3), or a month or quarter as pandas writes them (2024-01, "
                           "2024Q1)")
    return stamp


def _own_form(given: str, panel: Panel) -> pd.Timestamp | None:
    """``given`` read in the form the data write their times in, None where that form does not read it."""
    for own in ((lambda: pd.to_datetime(given, format=fmt)), (lambda: read(pd.Series([given]), fmt)[0])) \
            if (fmt := panel.calendar.text_format) else ():
        try:
            return pd.Timestamp(own())
        except (RnncastError, ValueError, TypeError):
            pass
    return None


def _example(time: pd.Index, panel: Panel | None = None) -> str:
    """The data's last time as it is written: what a cutoff may look like."""
    return f"its last is {cutoffadvice.written(time.max(), panel) if panel else shown(time.max(), time, None)}"  # at its offset


def cut(panel: Panel, cutoff, data_s: DataSettings) -> list:
    """Each series' split at ``cutoff`` (the setting's value): test rows after it, validation the last ``val_frac``
    of the rows up to it; None for a series that holds no horizon after it or too few rows up to it."""
    upto = _rows_up_to(panel, as_time(cutoff, panel))
    splits = []
    for n_up, n in zip(upto.tolist(), panel.lengths.tolist()):
        try:
            part = chronological_split(n_up, data_s.lookback, data_s.horizon, data_s.val_frac, 0.0)
        except RnncastError:
            part = None
        splits.append(Split(part.train_end, part.val_end, n) if part and n - n_up >= data_s.horizon else None)
    return splits


def backtest_rows(panel: Panel, cutoff, horizon: int, n_windows: int, step: int) -> np.ndarray | None:
    """[S, K] the first target row of each of a backtest's ``n_windows`` cutoffs ``step`` rows apart, the first at
    ``cutoff`` in every series (``cutting.cutoff_rows`` counts them back from each series' end instead); row 0 for a
    series whose last window would reach past its end (no training rows: left out as too short); None where no series
    holds them (counted in Python's whole numbers first, as ``cutoff_rows`` does)."""
    if horizon + (n_windows - 1) * step > int(panel.lengths.max(initial=0)):
        return None
    rows = _rows_up_to(panel, as_time(cutoff, panel))[:, None] + step * np.arange(n_windows)[None, :]
    return np.where((rows[:, -1] + horizon <= panel.lengths)[:, None], rows, 0)


def shown_at(cutoff, panel: Panel) -> str:
    """The cutoff as the data writes its times; a period it names to its end (``named_end``) as given, with the last
    time of the data within it: "2021-07 (to 2021-07-31)"."""
    at = as_time(cutoff, panel)
    text = str(cutoff).strip()
    if isinstance(at, pd.Period) and periodspans.held(at) == text:  # a pd.Period's days: as the data write it
        return cutoffadvice.written(at, panel)
    own = cutoffadvice.written(at, panel)
    if not isinstance(panel.time, (pd.DatetimeIndex, pd.PeriodIndex)) or own == text or not (panel.time <= at).any():
        return own if own == text or not isinstance(at, pd.Timestamp) or at.microsecond == 0 else text
    latest = panel.time[panel.time <= at].max()
    last = cutoffadvice.written(latest, panel)
    try:
        start = latest.start_time if isinstance(latest, pd.Period) else latest.tz_localize(None)
        same = periodspans.period_start(text) == start
    except (ValueError, TypeError):
        same = False
    return text if last == text or same else f"{text} (to {last})"


def _rows_up_to(panel: Panel, at) -> np.ndarray:
    """[S] how many rows of each series lie at or before the time ``at`` (a series' times ascend)."""
    return np.add.reduceat(np.asarray(panel.time <= at, dtype=np.int64), panel.offsets[:-1])


def needed(cutoff, panel: Panel, data_s: DataSettings) -> tuple[int | None, str, list[dict]]:
    """What a series left out at ``cutoff`` lacks, as ``cutting.report_short`` says it: the rows a series needs
    (in all), what it needs up to the cutoff and after it, and each series' rows up to it and after it with that need
    (``counts``; the fitted state keeps them for predict and evaluate to say: ``leftout``)."""
    up = rows_needed(data_s.lookback, data_s.horizon, data_s.val_frac, 0.0)
    why = f"{_up_parts(up, cutoff, panel, data_s)} and {data_s.horizon} after it (a horizon of test rows)"
    cut = counts(cutoff, panel, [up, data_s.horizon])
    return (None if up is None else up + data_s.horizon), why, cut


def _up_parts(up: int | None, cutoff, panel: Panel, data_s: DataSettings) -> str:
    """The rows needed up to the cutoff in their parts (``up_parts``)."""
    return up_parts(up, f"up to the cutoff {shown_at(cutoff, panel)}", data_s)


def up_parts(up: int | None, where: str, data_s: DataSettings) -> str:
    """The rows needed ``where`` ("up to the cutoff 2016-08-05") in their parts: "7195 rows up to the cutoff
    2016-08-05 (the last 10% of them, 720, for validation, which must hold a horizon of 720, and the 6475 before them
    for training, which must hold lookback 96 + horizon 720 = 816)"; a backtest without a cutoff says it of its first
    cutoff (decision 1494)."""
    lb, h = data_s.lookback, data_s.horizon
    train = f"lookback {lb} + horizon {h} = {lb + h}"
    if up is None:
        return (f"more rows {where} than any length holds (its training rows must hold {train}, and "
                f"{data_s.val_frac:.0%} of them for validation a horizon of {h})")
    n_val = int(round(up * data_s.val_frac))
    val = f"the last {data_s.val_frac:.0%} of them, {n_val}, for validation, which must hold a horizon of {h}, and "
    return (f"{up} rows {where} ({val if data_s.val_frac > 0 else ''}the {up - n_val} "
            f"{'before them ' if data_s.val_frac > 0 else ''}for training, which must hold {train})")


def counts(cutoff, panel: Panel, needs: list | None = None) -> list[dict]:
    """[S] each series' rows up to ``cutoff`` and after it, ``{"cutoff_rows": [up, after]}``, as a series left out is
    named (``leftout.rows``): its whole length says nothing of why a cutoff leaves it out ("'S06' (131 up to it, 0
    after)"). ``needs``: ``[up, after]`` each series needs there (up None: more than any length holds), added as
    ``cutoff_needs``, which ``leftout.needs`` says ("26 rows up to the cutoff and 9 after it"; a backtest's: decision 1820)."""
    upto = _rows_up_to(panel, as_time(cutoff, panel))
    return [{"cutoff_rows": [int(n_up), int(n - n_up)], **({"cutoff_needs": list(needs)} if needs else {})}
            for n_up, n in zip(upto.tolist(), panel.lengths.tolist())]


def backtest_needed(cutoff, panel: Panel, data_s: DataSettings, n_windows: int, step: int, also: str = "") -> str:
    """What every series of a backtest whose first cutoff is ``cutoff`` needs, said with ``counts``: rows up to it for
    the first model's training and validation, and after it for ``n_windows`` cutoffs ``step`` rows apart each
    forecasting a horizon, then ``also`` (the season of calendar steps the seasonal naive baseline reads:
    ``seasonrows.need``), said with the rest of the need, not after the offers (decision 1888); where no series holds them after it, how
    many windows its rows after it do hold and where the data ends, the remedy that names the cause (a backtest from
    a cutoff near the data's end)."""
    up = rows_needed(data_s.lookback, data_s.horizon, data_s.val_frac, 0.0)
    reach = data_s.horizon + (n_windows - 1) * step  # the rows after the cutoff its windows forecast
    text = (f"{_up_parts(up, cutoff, panel, data_s)} and {reach} after it ({n_windows} cutoffs {counted(step, 'step')} apart from it, and a horizon after the "
            "last)") + also
    most = int((panel.lengths - _rows_up_to(panel, as_time(cutoff, panel))).max(initial=0))  # rows after it, at most
    if most < reach:  # each offer checked: the windows that fit where the rows up to it do, cutoffs that hold both
        fit, out = cutoffadvice.windows_at(up, counts(cutoff, panel), data_s.horizon, step, panel)
        before = cutoffadvice.span(panel, up, reach) or f"no cutoff holds {'more' if up is None else up} rows up to it " \
            f"and {reach} after it in any series: fewer cutoffs (n_windows=, --n-windows) or a shorter horizon or step"
        text += (f"; the data ends at {cutoffadvice.written(panel.time.max(), panel)}, {counted(most, 'row')} after the cutoff at "
                 f"most: " + (f"{counted(fit, 'window')} fit there (n_windows={fit}, --n-windows {fit}"
                              f"{', step left out' if fit == 1 and step != data_s.horizon else ''}){out}, or "
                              if fit else "") + ("give " if before.startswith(("a ", "the ")) else "") + before)
    elif not any(up is not None and u >= up and a >= reach for u, a in (c["cutoff_rows"] for c in counts(cutoff, panel))):
        text += "; " + (f"give {said}" if (said := cutoffadvice.span(panel, up, reach)) else f"no cutoff holds "
                        f"{'more' if up is None else up} rows up to it and {reach} after it in any series")
        text += "" if said else _kept_by(counts(cutoff, panel), data_s, reach)  # no cutoff: the val_frac ... that fits (decision 2004)
    return text


def _kept_by(cut: list[dict], data_s: DataSettings, reach: int) -> str:
    """The settings that let a backtest at a cutoff keep its series (``leftkeeps.keeps``, decision 2004): a larger
    val_frac where the validation rows cannot hold a horizon (731 rows up to 2024-12-31, horizon 90: 0.13), a shorter
    horizon or lookback; the rows after the cutoff counted less the later cutoffs' (``reach`` less a horizon), so that
    a horizon's own window after the last cutoff is what ``keeps`` checks. '' where none keeps one."""
    later = reach - data_s.horizon  # (n_windows - 1) * step: rows after the cutoff that the later cutoffs take
    records = [{"cutoff_rows": [c["cutoff_rows"][0], c["cutoff_rows"][1] - later]} for c in cut]
    return leftkeeps.keeps(records, data_s.lookback, data_s.horizon, data_s.val_frac, 0.0, "backtest again",
                           "it" if len(records) == 1 else "every series")

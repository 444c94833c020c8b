"""Dates written as integers, ``20150131`` (compact ISO 8601, ``%Y%m%d``), which are not integer periods.

``compact_dates`` reads an integer column whose every value is such a date as timestamps (a row counter,
years or a step counter never are); ``stray_dates`` finds the few values that break a column otherwise of
such dates (``20200230``, ``2020023``) and ``refuse_stray_dates`` names the first, its place and why, rather
than the column be read as integer steps. ``timeaxis.parse_time`` calls both; months written ``200001`` are
``monthtext``'s.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import fiscalweeks, mmwrweeks, monthtext, timetext, wholenumbers
from rnncast.errors import RnncastError
from rnncast.numbertimes import EPOCHS, EXCEL_SERIALS  # the units' plausible ranges
from rnncast.spelling import counted, spelled


def compact_dates(column: pd.Series) -> pd.DatetimeIndex | None:
    """An integer column of compact ISO 8601 dates (``20000131``, ``%Y%m%d``) as timestamps, when every
    value is one: eight digits that name a day of a year 1600 .. 2399; None otherwise. A row counter
    (1 .. n), years or a step counter are never all so, and stay integers."""
    values = column.dropna()
    if not len(values) or values.min() < 16000101 or values.max() > 23991231:
        return None
    times = pd.to_datetime(column.astype("Int64").astype(str), format="%Y%m%d", errors="coerce")  # <NA>: NaT
    return None if (times.isna() & column.notna()).any() else pd.DatetimeIndex(times)


STRAY_DATES_FROM = 32  # dates a column holds before a few others in it are typed wrong: a counter holds 31


def stray_dates(column: pd.Series) -> np.ndarray | None:
    """The positions of the few values (at most 2, or 1 in 100) that break an integer column whose other values,
    at least 32, are compact dates (``20200230`` or ``2020023`` among ``20200101`` ...): an array, empty when
    every value is a date; None when the column is not so. A counter that starts at such a number holds at most
    31 dates before it leaves them for 68 rows (20000132 .. 20000199), so it is never so."""
    given = np.flatnonzero(column.notna().to_numpy())
    if len(given) < STRAY_DATES_FROM:
        return None
    v = column.iloc[given].to_numpy(dtype=np.int64)
    plausible = (v >= 16000101) & (v <= 23991231)
    if plausible.sum() < STRAY_DATES_FROM:
        return None
    text = pd.Series(np.where(plausible, v, 0).astype(str))
    date = plausible & pd.to_datetime(text, format="%Y%m%d", errors="coerce").notna().to_numpy()
    if date.sum() < STRAY_DATES_FROM or (~date).sum() > max(2, len(v) // 100):
        return None
    return given[~date]


def refuse_stray_dates(column: pd.Series, name: str, place=str) -> None:
    """Refuse (``RnncastError``) an integer column of compact dates (``20200101``) with a few values that are no
    date (``stray_dates``), naming the first, its place and why, rather than read it as integer steps (whose
    first complaint would be that ``20200221`` comes after ``20200230``)."""
    stray = stray_dates(column)
    if stray is None or not len(stray):
        return
    i = int(stray[0])
    value = int(column.iloc[i])
    year, month = value // 10000, value // 100 % 100
    if not 10000000 <= value <= 99999999:
        why = "not eight digits"
    elif not 1600 <= year <= 2399:
        why = "no year 1600 .. 2399"
    elif not 1 <= month <= 12:
        why = "months run 01 .. 12"
    else:
        last = pd.Timestamp(year=year, month=month, day=1).days_in_month
        why = f"{pd.Timestamp(year=year, month=month, day=1):%B %Y} has {last} days"
    others = int(column.notna().sum()) - len(stray)
    good = column[~np.isin(np.arange(len(column)), stray)].dropna()  # the example of the form: a date, not the stray
    raise RnncastError(f"time column {name!r} holds {value} at {place(i)}, which is not a date written YYYYMMDD ({why}), "
                       f"where its other {others} values are dates written so ({int(good.iloc[0])}); correct "
                       f"that value, or name another time column ({spelled('time_col')})")


def refuse_short_years(column: pd.Series, name: str) -> None:
    """Refuse (``RnncastError``) an integer column, named as time is, whose every value is a date written
    ``YYMMDD`` (``190301``: six digits, ``050301`` five), at least two of them: read as integer steps, ``190331``
    to ``190401`` is 70 steps and the forecast runs on to ``190631``. Called where the column is neither
    ``YYYYMMDD`` dates nor ``YYYYMM`` months (``190301`` .. ``190312`` stays March 1903 .. December 1903)."""
    values = column.dropna()
    if len(values) < 2 or values.min() < 10101 or values.max() > 991231:
        return
    times = pd.to_datetime(values.astype("int64").astype(str).str.zfill(6), format="%y%m%d", errors="coerce")
    if times.isna().any():
        return
    first = int(values.iloc[0])
    raise RnncastError(f"time column {name!r} holds {first:06d} .. {int(values.iloc[-1]):06d}, which look like dates written "
                       f"YYMMDD, with two-digit years ({first:06d}: {timetext.spoken(times.iloc[0])}?), not integer steps; "
                       f"write them YYYYMMDD ({times.iloc[0]:%Y%m%d}) or as text dates ({times.iloc[0]:%Y-%m-%d})")


def written_as(column: pd.Series) -> str | None:
    """How an integer column is written where every value is a compact date: ``YYYYMMDD`` (``20190301``) or
    ``YYYYMM`` (``201501``, ``monthtext.compact_months``), also written as floats (``20190301.0``, ``wholenumbers``); None
    otherwise (and for any other column)."""
    column = wholenumbers.as_whole(column)
    if not pd.api.types.is_integer_dtype(column) or column.isna().all():
        return None
    if compact_dates(column) is not None:
        return "YYYYMMDD"
    return "YYYYMM" if monthtext.compact_months(column) is not None else None


EXCEL_ORIGIN = pd.Timestamp("1899-12-30")  # Excel's day 0 (its 1900 leap-year bug folded in)


def _excel_reading(column: pd.Series) -> tuple[str, str, str] | None:
    """Where every value of a numeric column lies among Excel's serial day numbers of 1950 .. 2100 (``42005`` is
    2015-01-01): its first and last value as written and the first one's date; else None. Years (1950), steps
    from 0 or 1 and compact dates (``20150101``, ``201501``, ``YYMMDD``) lie outside it."""
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return None
    values = column.dropna().to_numpy(dtype=np.float64)
    if not len(values) or values.min() < EXCEL_SERIALS[0] or values.max() > EXCEL_SERIALS[1]:
        return None
    first = float(values[0])
    when = EXCEL_ORIGIN + pd.Timedelta(days=first)
    shown = f"{first:.0f}" if first == round(first) else f"{first:g}"
    date = f"{when:%Y-%m-%d}" if when == when.normalize() else f"{when:%Y-%m-%d %H:%M}"
    return shown, f"{values[-1]:g}", date


def excel_serials(column: pd.Series) -> str | None:
    """Where a numeric column holds Excel serial day numbers (``_excel_reading``): the clause saying so (``holds
    42005 .. 42400, which look like Excel serial day numbers: 42005 would be 2015-01-01 as an Excel serial
    date``); else None (and for any other column)."""
    reading = _excel_reading(column)
    if reading is None:
        return None
    shown, last, date = reading
    return (f"holds {shown} .. {last}, which look like Excel serial day numbers: {shown} would be {date} as "
            "an Excel serial date")


def excel_fix() -> str:
    """How to read Excel serials as dates: the setting (``numbertimes``), or the column written or converted."""
    return (f"give {spelled('time_unit', 'excel')} to read them as Excel serial dates, write the column as dates (in "
            "Excel: Format Cells > Date), or convert with pd.to_datetime(x, unit='D', origin='1899-12-30')")


def refuse_excel_serials(column: pd.Series, name: str) -> None:
    """Refuse (``RnncastError``) a numeric column, named as time is (``Date``), of Excel serial day numbers
    (``_excel_reading``): read as integer steps, monthly serials leave thousands of steps 'missing' and the
    forecast runs on 44167, 44168 ... Called after compact dates are read or refused."""
    reading = _excel_reading(column)
    if reading is not None:
        shown, last, date = reading
        raise RnncastError(f"time column {name!r} holds {shown} .. {last}, which look like Excel serial day numbers, "
                           f"not integer steps: {shown} would be {date} as an Excel serial date; {excel_fix()}")


EPOCH_UNITS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}  # decision 1498


def epoch_times(column: pd.Series) -> tuple[str, str] | None:
    """Where every value of a numeric column lies among Unix times of 1980 .. 2100 in seconds (``1704067200`` is
    2024-01-01 00:00 UTC) or milliseconds: the clause saying so (``holds 1704067200 .. 1706659200, which look like
    Unix times in seconds: 1704067200 would be 2024-01-01 00:00 UTC``) and how to read them so (``time_unit='s'``,
    ``numbertimes``) or convert them (``pd.to_datetime(x, unit='s')``); else None (and for any other column). Steps, years, compact dates and
    Excel serials all lie below 3e8; seconds end below milliseconds begin."""
    unit = epoch_unit(column)
    if unit is None:
        return None
    values = column.dropna().to_numpy(dtype=np.float64)
    first = float(values.min())  # the column's range, not its first and last rows (shuffled, or a clock reset)
    when = pd.Timestamp(int(first), unit=unit, tz="UTC")
    return (f"holds {first:.0f} .. {values.max():.0f}, which look like Unix times in {EPOCH_UNITS[unit]}: "
            f"{first:.0f} would be {when:%Y-%m-%d %H:%M} UTC",
            f"give {spelled('time_unit', unit)} to read them as Unix times, or convert them with "
            f"pd.to_datetime(x, unit={unit!r}), which gives UTC times")


def epoch_unit(column: pd.Series) -> str | None:
    """The unit ('s', 'ms', 'us' or 'ns', a key of :data:`EPOCHS`) where every value of a numeric column lies among Unix
    times of 1980 .. 2100 in it; else None (and for any other column)."""
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return None
    values = column.dropna().to_numpy(dtype=np.float64)
    return next((unit for unit, (low, high) in EPOCHS.items()
                 if len(values) and values.min() >= low and values.max() <= high), None)


def refuse_epoch_times(column: pd.Series, name: str) -> None:
    """Refuse (``RnncastError``) a numeric column, named as time is (``timestamp``, ``Date``), of Unix times
    (``epoch_times``): read as integer steps, daily times are 'calendar 86400' and forecasts 1706745600, on no
    date anyone reads. Refused, not converted, as Excel serials are: the numbers may mean something else."""
    found = epoch_times(column)
    if found is not None:
        head, _, tail = found[0].partition(": ")
        raise RnncastError(f"time column {name!r} {head}, not integer steps: {tail}; {found[1]}")


COUNTER_FORMATS = {"YYYYMMDD": "%Y%m%d", "YYYYMM": "%Y%m"}  # the forms a counter's integers are read as, by freq
WHAT = {"YYYYMMDD": "dates", "YYYYMM": "months", "YYYYWW": "ISO weeks"}  # what a form's values are called


def counter_dates(time: pd.Index, offsets: np.ndarray, freq) -> tuple[pd.Index, str | None]:
    """An integer time index [N] (series cut at ``offsets`` [S + 1], each sorted) read as ``freq`` asks, where
    every value is a date written ``YYYYMMDD``, a month ``YYYYMM`` or an ISO week ``YYYYWW``, as a column named
    as a counter (``period``, ``step``, ``year``: never compact dates by name, decision 92) or given by
    ``time_col`` (``week``) holds them: with ``freq`` a calendar (``MS``, ``QS-JAN``, ``D`` ...), the dates (days
    and months) and the strftime format that writes forecasts back in the column's form (``%Y%m``); with an
    integer ``freq`` (a step), or where reading them as steps leaves no more rows missing than as dates,
    ``time`` unchanged and None. Refused (``RnncastError``), naming both readings and the way to each: without
    ``freq``, where the steps' reading leaves more rows missing (201612, 201701: 88 steps, and no month);
    ISO weeks written YYYYWW wherever they would be read as weeks (rnncast reads weeks as text, 2023-W51)."""
    if isinstance(time, (pd.DatetimeIndex, pd.PeriodIndex)) or not pd.api.types.is_integer_dtype(time) or \
            not len(time) or isinstance(freq, pd.PeriodDtype) or (freq is not None and str(freq).strip().isdigit()):
        return time, None
    values = time.to_numpy(dtype=np.int64)
    column = pd.Series(values)
    if (dates := compact_dates(column)) is not None:
        form, positions = "YYYYMMDD", dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    elif (dates := monthtext.compact_months(column)) is not None:
        form, positions = "YYYYMM", values // 100 * 12 + values % 100
    elif (iso := iso_weeks(values)) is not None or (mmwr := mmwrweeks.weeks(values)) is not None:  # 201453: MMWR's
        if iso is not None:  # ISO weeks that a column named so (epiweek) reads as MMWR's Sundays
            mmwr = mmwrweeks.weeks(values) if mmwrweeks.named(time.name) else None
        dates = iso if mmwr is None else mmwr
        form, positions = "YYYYWW", dates.to_numpy().astype("datetime64[D]").astype(np.int64) // 7
    else:
        fiscalweeks.refuse_told(time)  # 202353 under 'week': no ISO or MMWR week 53, never steps (decision 1974)
        return time, None
    if freq is not None and form != "YYYYWW":
        return pd.DatetimeIndex(dates, name=time.name), COUNTER_FORMATS[form]
    same = _same(offsets)  # [N - 1] rows followed by a row of their own series
    as_steps, as_dates = _missing(values, same), _missing(positions, same)
    new_years = form == "YYYYWW" and _new_years(values, same, positions)
    if (freq is None and as_dates >= as_steps and not new_years) or \
            (form == "YYYYWW" and not (_weekly(freq) or as_dates == 0 or new_years)):
        return time, None  # weeks where they explain every gap or step into each new year (190301 .. 190628 under 'step'
        # is YYMMDD: 190331 -> 190401 is no new year's week) or W is given
    pairs = np.flatnonzero(same)  # [P]
    steps = values[pairs + 1] - values[pairs]
    step = int(np.gcd.reduce(steps)) if len(steps) else 1
    after = int(pairs[np.argmax(steps > step)]) if len(steps) else 0
    name, kind, first = time.name, "MMWR weeks" if form == "YYYYWW" and mmwr is not None else WHAT[form], int(values[0])
    gap = f"{counted(as_steps, 'step')} missing (the first after {values[after]})" if as_steps else "none missing"
    readings = f"read as integer steps they leave {gap}, read as {kind} {as_dates or 'none'}"
    if form == "YYYYWW" and mmwr is not None:
        raise RnncastError(mmwrweeks.refusal(name, values, mmwr, iso, readings, spelled("freq", step)))
    if form == "YYYYWW":
        monday = dates[0]
        raise RnncastError(f"time column {name!r} holds {first} .. {values[-1]}, which look like ISO weeks written "
                           f"YYYYWW ({first}: the week of {timetext.spoken(monday)}): {readings}; rnncast reads ISO weeks "
                           f"written as text: write them {monday:%G-W%V} (str(x)[:4] + '-W' + str(x)[4:]), or give a step "
                           f"({spelled('freq', step)}) to read them as integer steps")
    with warnings.catch_warnings():  # pandas 3.1: infer_freq is to return an offset, which to_offset takes too
        warnings.simplefilter("ignore")
        found = pd.infer_freq(dates[offsets[0]:offsets[1]]) if offsets[1] - offsets[0] >= 3 else None
    alias = to_offset(found).freqstr if found is not None else ""
    alias = alias if alias[:1] in ("D", "W", "M", "Q", "Y") else {"YYYYMMDD": "D", "YYYYMM": "MS"}[form]
    said = timetext.spoken(dates[0]) if form == "YYYYMMDD" else f"{dates[0]:%B %Y}"
    usual = np.bincount(steps // step).argmax() == 1 if len(steps) else True  # most steps one step: a step reads them
    steps_way = f", or a step ({spelled('freq', step)}) to read them as integer steps" if usual else ""
    raise RnncastError(f"time column {name!r} holds {first} .. {values[-1]}, {kind} written {form} ({first}: {said}) "
                       f"that its name reads as integer steps: {readings}; give the calendar ({spelled('freq', alias)}) "
                       f"to read them as {kind}, forecast as {first} is written{steps_way}")


def as_dates(time: pd.Index) -> pd.Index:
    """An integer index whose every value is a date written ``YYYYMMDD`` or a month ``YYYYMM`` as those dates (a
    future table's ``period`` for a model that read its data's so, ``counter_dates``); else ``time`` itself."""
    if isinstance(time, (pd.DatetimeIndex, pd.PeriodIndex)) or not pd.api.types.is_integer_dtype(time) or not len(time):
        return time
    column = pd.Series(time.to_numpy(dtype=np.int64))
    dates = compact_dates(column)
    dates = dates if dates is not None else monthtext.compact_months(column)
    return pd.DatetimeIndex(dates, name=time.name) if dates is not None else time


def _weekly(freq) -> bool:
    try:
        return isinstance(to_offset(freq), pd.offsets.Week)
    except (ValueError, TypeError):  # a week mask, a session, 'MS@15': no week of ISO's
        return False


def iso_weeks(values: np.ndarray) -> pd.DatetimeIndex | None:
    """Integers that are all ISO weeks written ``YYYYWW`` (``202351``; a year 1600 .. 2399) as each week's Monday,
    else None."""
    if values.min() < 160001 or values.max() > 239953:
        return None
    times = pd.to_datetime(pd.Series(values.astype(str)) + "1", format="%G%V%u", errors="coerce")
    return None if times.isna().any() else pd.DatetimeIndex(times)


def _new_years(values: np.ndarray, same: np.ndarray, weeks: np.ndarray) -> bool:
    """Whether ISO weeks written ``YYYYWW`` (``values`` [N], ``weeks`` [N] their positions) step into a new year as
    weeks do: some rows of a series pass to the next year from its last week to its week 01 (201952 -> 202001, one
    week), at least half of those that pass to another year. Steps (202000 + k) and dates written YYMMDD (190331 ->
    190401) never do; a gap in some series (as_dates > 0) does not unsay it (a tester's 4643 'missing' steps).
    ``same`` [N - 1]: whether each row is followed by a row of its own series (``_same``)."""
    new_year = (np.diff(values // 100) != 0) & same
    weekly = new_year & (np.diff(weeks) == 1)
    return bool(weekly.any()) and 2 * int(weekly.sum()) >= int(new_year.sum())


def _same(offsets: np.ndarray) -> np.ndarray:
    """[N - 1] whether each row is followed by a row of its own series (series cut at ``offsets`` [S + 1])."""
    same = np.ones(max(int(offsets[-1]) - 1, 0), dtype=bool)
    same[offsets[1:-1] - 1] = False
    return same


def _missing(positions: np.ndarray, same: np.ndarray) -> int:
    """The rows missing from sorted ``positions`` [N] (``same`` [N - 1]: the rows followed by their own series') on
    their common step."""
    steps = np.diff(positions)[same]
    step = int(np.gcd.reduce(steps)) if len(steps) else 0
    return int((steps // step - 1).sum()) if step > 0 else 0

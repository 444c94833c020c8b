"""A future table's time column read the way the model read its data's (``future.align_future``): by the kind
of time the model recorded (its ``Calendar``: integer periods, dates and the form they were written in, Unix
times or Excel serials in its ``time_unit``), not guessed again from the table's few rows, which may be one.

Integer periods (``step``, ``year``, any integer ``time_col``) are read as whole numbers whatever the column is
named and however the table holds them (a file's text ``600``, a frame's ``600`` or ``600.0``); numbers for a
model whose dates were written in digits only (``202001`` for ``%Y%m``, ``20200131``) as dates in that form; any
other dates, and times in ``time_unit``, as ``timeaxis.parse_time`` reads a time column, with the model's
``dayfirst``; for a model of periods, dates at their periods' starts (``2003-05``) as those periods; a frame's
periods (a ``PeriodIndex``) as the model's periods, its dates (the forecast date within each period) or its
years. A value of another kind than the model's is refused in one line naming it, its place and the steps the
model forecasts; no refusal offers to name another time column, which is the model's.
Dates are then put in the zone of the forecast dates (``same_zone``): naive ones read as its local time.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import compactdates, csvtext, fiscalquarters, fiscalyearlabels, monthtext, writtenzones, zoneclock
from rnncast.calendars import periods_or_stamps
from rnncast.badtimes import pattern
from rnncast.dayorder import AMBIGUOUS_ORDER, DOTTED
from rnncast.errors import RnncastError
from rnncast.localtimes import localize
from rnncast.noticed import first_time
from rnncast.spelling import hints
from rnncast.timeaxis import parse_time
from rnncast.timetext import shown, spoken, strptime_form

log = logging.getLogger("rnncast.datetext")  # said as the reading of dates it is part of
zone_log = logging.getLogger("rnncast.future")  # same_zone's word: said as the future values' reading, as before it moved

OWNER = "the future values' time column"  # whose offsets a line names (timeaxis.parse_time's hint offsets_of)
DIGITS = re.compile(r"(?:%[YmdHMS])+")  # a form written in digits alone: %Y%m, %Y%m%d, %Y%m%d%H%M


def read(column: pd.Series, name: str, target: pd.Index, steps: pd.Index, at, *, tz: str | None = None,
         dayfirst: bool | None = None, used=None, unit: str | None = None, text_format: str | None = None) -> pd.Index:
    """The values of ``column`` (the future table's time column ``name``) as times of the kind of ``target`` (the
    forecast steps wanted, all series: an integer ``Index``, a ``DatetimeIndex`` or a ``PeriodIndex``): an index of
    that kind, one value per row. ``steps``: one series' forecast steps, which a refusal names as the model writes
    them (``text_format``, the model's ``Calendar.text_format``); ``at(i)`` names row ``i``. ``tz``, ``dayfirst``,
    ``used`` and ``unit`` are ``parse_time``'s. Raises ``RnncastError`` for a value of another kind."""
    forecasts = ", ".join(shown(t, steps, text_format) for t in steps[:3]) + (", ..." if len(steps) > 3 else "")
    if isinstance(column.dtype, pd.PeriodDtype):  # a frame's PeriodIndex (or column): matched by its periods
        return _of_periods(pd.PeriodIndex(column, name=name), name, target, unit, forecasts)
    if unit is None and not isinstance(target, (pd.DatetimeIndex, pd.PeriodIndex)):
        return _periods(column, name, at, forecasts)
    if unit is None and isinstance(target, pd.DatetimeIndex) and (dates := _in_form(column, name, at, text_format,
                                                                                     forecasts)) is not None:
        return dates
    if unit is None and isinstance(target, pd.DatetimeIndex) and (dates := _compact(column, name)) is not None:
        return _of_periods(pd.PeriodIndex(dates, freq="M"), name, target, unit, forecasts) if _six_digits(column) \
            else dates  # 202401: January, its forecast date
    if dayfirst is None and unit is None and isinstance(target, pd.DatetimeIndex):  # the model met no 01/02/2016
        dayfirst = _order_on_steps(column, name, target, at, tz, used, forecasts)
    # the time column is the model's: none other to name; its several offsets, instants matched to the steps
    with hints(time_col=f"; the model forecasts {forecasts}", offsets_of=OWNER):
        fiscal = fiscalquarters.owns(text_format) and fiscalquarters.pattern(column) is not None  # FY2025Q3: as the data's
        years = fiscalyearlabels.owns(text_format) and fiscalyearlabels.pattern(column) is not None  # FY2026 (2252)
        stamps = parse_time(column, name, tz, at, dayfirst, {"fiscal": text_format.rsplit("|", 1)[1]} if fiscal else
                            {"fiscal_years": text_format.rsplit("|", 1)[1]} if years else None,
                            used=used, unit=unit)
    stamps = compactdates.as_dates(stamps) if isinstance(target, pd.DatetimeIndex) else stamps  # 202101 as 'period'
    if isinstance(target, pd.DatetimeIndex) and target.tz is None and isinstance(stamps, pd.DatetimeIndex) \
            and (whole := "M" if _six_digits(column) else _whole_period(column, stamps)) is not None:  # 2024-07 for a model of month ends: July's forecast date
        stamps = _of_periods(pd.PeriodIndex(stamps, freq=whole), name, target, unit, forecasts)
    if isinstance(target, pd.PeriodIndex):  # 2003-05 for a model of periods: the period it starts, as the data's
        stamps = periods_or_stamps(stamps, pd.PeriodDtype(target.freq))[0]
    if isinstance(target, pd.DatetimeIndex) and target.tz is None and pd.api.types.is_integer_dtype(stamps) \
            and len(stamps) and stamps.min() >= 1000 and stamps.max() <= 2999 and _yearly(target):  # 2079: its date
        stamps = _of_periods(pd.PeriodIndex([str(y) for y in stamps], freq="Y"), name, target, unit, forecasts)
    if not isinstance(stamps, type(target)):
        kind = "a date" if isinstance(target, pd.DatetimeIndex) else f"one of the model's periods ({target.freqstr})"
        raise RnncastError(f"time column {name!r} holds {_value(column, 0)!r} at {at(0)}, which is not {kind}: the "
                           f"model's time is {'dates' if isinstance(target, pd.DatetimeIndex) else 'periods'} "
                           f"(it forecasts {forecasts}); give each row's time so")
    return stamps


def _whole_period(column: pd.Series, stamps: pd.DatetimeIndex) -> str | None:
    """The period (pandas' ``M`` or ``Q``) each text value of ``column`` (read as ``stamps``) names whole, with no day
    written (``2024-07``, ``Jul 2024``, ``2024M07``, ``2024Q3``): read as the forecast date within it, as a frame's
    periods are (``_of_periods``), not as its first day, which a model of month ends never forecasts; else None."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str):
        return None
    fmt = monthtext.format_of(column) or csvtext.written_format(column, stamps)
    if fmt is None or re.search(r"%-?[dHIjMSUWVa]", fmt):
        return None
    return "Q" if "%q" in fmt else "M" if re.search(r"%-?[mbB]", fmt) else "Y" if fmt.strip() == "%Y" else None


def _yearly(target: pd.DatetimeIndex) -> bool:
    """Whether the forecast dates ``target`` fall one a year (a model of year ends or year starts)."""
    return bool(len(target)) and not pd.Index(target.year).duplicated().any() and (len(target) == 1 or bool(
        (np.diff(np.unique(target.year)) == 1).all()))


def _six_digits(column: pd.Series) -> bool:
    """Whether every value of ``column`` is a month written ``YYYYMM`` (text or whole numbers: ``202401``)."""
    text = column.astype(str).str.strip().str.replace(r"\.0*$", "", regex=True)
    return bool(len(text)) and not column.isna().any() and bool(text.str.fullmatch(r"[12]\d{3}(0[1-9]|1[0-2])").all())


def _order_on_steps(column: pd.Series, name: str, target: pd.DatetimeIndex, at, tz, used, forecasts: str) -> bool | None:
    """For a model whose dates left no doubt (ISO), a future table's dates that read both month first and day first
    (``03/09/2024``, ``09-03-2024``): the order (day first: True) that puts rows on the forecast steps ``target``
    where the other puts none, said; else None, for ``datetext`` to decide as for any data. Dotted dates
    (``09.03.2024``) are left to it: they are day first wherever they are written (``dayorder``)."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str) or not re.match(AMBIGUOUS_ORDER, first.iloc[0]) \
            or DOTTED.match(first.iloc[0]):
        return None
    readings = {}
    for day in (False, True):
        try:
            with hints(time_col=f"; the model forecasts {forecasts}", offsets_of=OWNER):
                readings[day] = parse_time(column, name, tz, at, day, used=used)
        except RnncastError:
            return None  # refused either way: refused as datetext reads it
    if not all(isinstance(r, pd.DatetimeIndex) for r in readings.values()) or readings[False].equals(readings[True]):
        return None
    on = {day: int(reading.isin(target).sum()) for day, reading in readings.items()}
    if bool(on[True]) == bool(on[False]):
        return None
    day = bool(on[True])
    i = int(np.flatnonzero(readings[False] != readings[True])[0])
    log.info("time column %r of the future values is read %s first (%s is %s): read so, its rows fall on the forecast "
             "steps, read %s first on none", name, "day" if day else "month", str(column.iloc[i]).strip(),
             spoken(readings[day][i]), "month" if day else "day")
    return day


def _of_periods(periods: pd.PeriodIndex, name: str, target: pd.Index, unit: str | None, forecasts: str) -> pd.Index:
    """Periods (``2020-01``) as times of the kind of ``target``: the model's periods (of its frequency), the
    forecast date that falls in each period where one does, else the period's start (a date model), or the year of
    yearly periods (a model counting years); refused in one line where they cannot be matched so."""
    if isinstance(target, pd.PeriodIndex):
        if periods.freq != target.freq:
            raise RnncastError(f"time column {name!r} holds periods of another frequency ({periods.freqstr}: "
                               f"{periods[0]}) than the model's ({target.freqstr}: it forecasts {forecasts}); give each "
                               "row's period so")
        return periods
    if isinstance(target, pd.DatetimeIndex):
        walls = zoneclock.wall(target)
        ends = bool(len(walls)) and bool((walls.normalize() == pd.PeriodIndex(walls, freq=periods.freq).to_timestamp(
            how="end").normalize()).all())  # a model of month ends: a month without a forecast date at its end too
        starts = (periods.to_timestamp(how="end").normalize() if ends else periods.to_timestamp(how="start")).as_unit(walls.unit)
        days = pd.Series(walls.unique())
        held = days.groupby(pd.PeriodIndex(days, freq=periods.freq)).agg(list)  # the forecast dates in each period
        one = {p: v[0] for p, v in held.items() if len(v) == 1}
        return pd.DatetimeIndex([one.get(p, t) for p, t in zip(periods, starts)], name=name)
    if unit is None and periods.freqstr.startswith(("Y", "A")):  # a model of years (2021) given yearly periods
        return pd.Index(periods.year.to_numpy(dtype=np.int64), name=name)
    raise RnncastError(f"time column {name!r} holds periods ({periods.freqstr}: {periods[0]}), which do not match the "
                       f"model's time, numbers (it forecasts {forecasts}); give each row's number so")


def _periods(column: pd.Series, name: str, at, forecasts: str) -> pd.Index:
    """Integer periods: whole numbers, as text (a file's) or numbers (a frame's); else refused by row."""
    given = column.notna().to_numpy() & (column.astype(str).str.strip() != "").to_numpy()
    if not given.all():
        raise RnncastError(f"time column {name!r} is missing a value at {at(int(np.flatnonzero(~given)[0]))}; "
                           "fill it in, or drop the row")
    if pd.api.types.is_bool_dtype(column):  # true/false: no period's number
        values = np.full(len(column), np.nan)
    elif pd.api.types.is_numeric_dtype(column):
        values = column.to_numpy(dtype=np.float64)
    elif column.dtype == object or pd.api.types.is_string_dtype(column):  # a file's text, as written
        values = pd.to_numeric(column.astype(str).str.strip(), errors="coerce").to_numpy(dtype=np.float64)
    else:  # dates, periods
        values = np.full(len(column), np.nan)
    whole = np.isfinite(values) & (values == np.round(values)) & (np.abs(values) < 2.0 ** 63)
    if not whole.all():
        i = int(np.flatnonzero(~whole)[0])
        raise RnncastError(f"time column {name!r} holds {_value(column, i)!r} at {at(i)}, which is not a whole number: "
                           f"the model counts time in integer periods (it forecasts {forecasts}); give each row's "
                           "period so")
    if pd.api.types.is_integer_dtype(column):  # exact beyond 2 ** 53, where a float would round
        return pd.Index(column.to_numpy(dtype=np.int64), name=name)
    return pd.Index(values.astype(np.int64), name=name)


def _in_form(column: pd.Series, name: str, at, text_format: str | None, forecasts: str) -> pd.DatetimeIndex | None:
    """Dates written in the model's digits-only form (``text_format``: ``%Y%m``), where every value is digits (text,
    or integers; text ``201001.0``, a whole number written as a float, as ``201001``); a value of digits not a date so is refused by row. None where the form or the values are others."""
    if text_format is None or not DIGITS.fullmatch(strptime_form(text_format)):
        return None
    if pd.api.types.is_integer_dtype(column):
        text = column.astype(str)
    elif column.dtype == object or pd.api.types.is_string_dtype(column):
        text = column.astype(str).str.strip()
        if column.isna().any() or not text.str.fullmatch(r"\d+(?:\.\d*)?").all():
            return None  # 2020-01-31, or a blank: read as any time column is
        # 201001.0, as pandas writes a whole number once its column held a NaN: the digits before it; 201001.5 stays,
        # and is refused below as no date so written
        text = text.str.replace(r"^(\d+)\.0*$", r"\1", regex=True)
    elif pd.api.types.is_float_dtype(column) and (column >= 0).all() and np.isfinite(column).all():
        values = column.to_numpy(dtype=np.float64)  # a frame's 201001.0 as 201001; 201001.5 refused below
        text = pd.Series([str(int(v)) if v == round(v) else repr(float(v)) for v in values], index=column.index)
    else:
        return None
    times = pd.to_datetime(text, format=strptime_form(text_format), errors="coerce")
    bad = np.flatnonzero(times.isna().to_numpy())
    if len(bad):
        i = int(bad[0])
        raise RnncastError(f"time column {name!r} holds {_value(column, i)!r} at {at(i)}, which is not a date written "
                           f"{pattern(text_format)} as the model's data were (it forecasts {forecasts}); give each "
                           "row's date so")
    return pd.DatetimeIndex(times, name=name)


def _compact(column: pd.Series, name: str) -> pd.DatetimeIndex | None:
    """A file's text of digits that are all dates written ``YYYYMMDD`` or months ``YYYYMM`` (``200501``), read as a
    frame's integers are (``compactdates.as_dates``), for a model whose dates were written otherwise (``2000-01``):
    a guesser reads the text ``200501`` as 2001-05-20. None for other text, or a column not text."""
    if not (column.dtype == object or pd.api.types.is_string_dtype(column)) or column.isna().any():
        return None
    text = column.astype(str).str.strip()
    if not len(text) or not text.str.fullmatch(r"\d{6}(?:\d{2})?(?:\.0*)?").all():
        return None
    dates = compactdates.as_dates(pd.Index(text.str.replace(r"\.0*$", "", regex=True).astype(np.int64), name=name))
    return dates if isinstance(dates, pd.DatetimeIndex) else None


def _value(column: pd.Series, i: int):
    """Row ``i``'s value as the table gives it (600, not np.int64(600); a timestamp as its text)."""
    value = column.iloc[i]
    value = value.item() if isinstance(value, np.generic) else value
    return value if isinstance(value, (str, int, float)) else str(value)


def same_zone(stamps: pd.Index, target: pd.Index, name: str, at, used=None, *, tz=None, fmt=None, said=None,
              written=None) -> pd.Index:
    """The future file's times in the zone of the forecast dates (naive ones read as that zone's local time,
    ``localtimes.localize``: ``at(i)`` names row ``i``). Of the model's fit: ``tz`` its ``tz=`` (None: none given),
    ``fmt`` its data's form (``Calendar.text_format``), ``said`` what was said once, ``written`` the offsets its data's
    times were written at; without ``tz=``, naive times meeting forecast dates at one fixed offset are read at it (said
    once), and refused where the dates are in UTC from times written with offsets (``writtenzones.without_offset``:
    several offsets, or one whose zone changes within the horizon)."""
    if not isinstance(target, pd.DatetimeIndex) or not isinstance(stamps, pd.DatetimeIndex):  # of one kind: read (above)
        return stamps
    if target.tz is None:
        if stamps.tz is not None:
            raise RnncastError(f"the future values' {name!r} carries a time zone ({stamps.tz}) but the data's does not; "
                               "give both with or both without one")
        return stamps
    if stamps.tz is None and tz is None and len(stamps):
        first = stamps[0].isoformat(sep=" ", timespec="minutes" if stamps[0] == stamps[0].floor("min") else "auto")
        writtenzones.without_offset(target.tz, fmt, f"the future values' time column {name!r} holds {first!r} "
                                    f"({at(0)}), which", first, written, stamps[0])
        if (offset := writtenzones.at_offset(target.tz)) and first_time(said, "future values at the offset"):
            zone_log.info("the future values' time column %r is written without a UTC offset: read at %s, the offset the "
                     "data's times are written at", name, offset)
        elif not offset and first_time(said, "future values in the zone"):  # never silent (decision 2235)
            zone_log.warning("the future values' time column %r holds times without a zone (%s): read as wall-clock "
                             "times in %s, the model's zone (a repeated autumn hour by the rows' order, a skipped one "
                             "refused); give them with their zone or UTC offset, as the data's", name, first, target.tz)
    try:
        return stamps.tz_convert(target.tz) if stamps.tz is not None else localize(stamps, target.tz, name, at, used)
    except RnncastError as err:
        raise RnncastError(f"in the future values, {err}") from None

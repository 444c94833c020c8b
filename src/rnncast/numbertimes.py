"""Times written as numbers, read as the user names them (``time_unit``): Unix times in seconds or milliseconds
(UTC), or Excel serial day numbers (the 1900 date system: day 0 is 1899-12-30, its leap-year bug folded in).

rnncast never reads a numeric column as such times by itself (decision 220: the numbers may mean something else,
and the zone is not guessed); ``compactdates`` refuses them under a time name, naming this setting. Given it,
``read`` reads the time column so, refusing by name a column that is not numeric or whose values lie outside the
unit's plausible range (Unix times of 1980 .. 2100, ``EPOCHS``; serials of 1950 .. 2100, ``EXCEL_SERIALS``;
both through 31 Dec 2100; ``compactdates`` uses the same ranges to tell such numbers apart from steps). The range
is for reading only: forecasts past it are still written in the unit. The calendar is then inferred as for any timestamps. ``FORMS`` is the written
form the calendar keeps (``Calendar.text_format``, ``unix:s``), with which ``timetext.write`` and
``timetext.reads_back`` hand forecast times here (``write``, ``reads_back``), so they are written back as
numbers in the column's unit, as compact dates are written back ``YYYYMMDD``: Unix times computed in integer
nanoseconds, so each number read is written back as the same number and forecasts on its grid exactly; serials
with a time of day as the float pandas computes for it (``44927.083333333336``), so forecasts join back.
``predict`` returns them so too (``datatimes``), as it returns periods as periods.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import hint, spelled

log = logging.getLogger(__name__)

UNITS = {"s": "Unix times in seconds", "ms": "Unix times in milliseconds", "us": "Unix times in microseconds",
         "ns": "Unix times in nanoseconds", "excel": "Excel serial day numbers"}  # us, ns: InfluxDB, Prometheus,
# df.index.astype('int64'), read as integer steps of 1e10 before (decision 1498)
FORMS = {"s": "unix:s", "ms": "unix:ms", "us": "unix:us", "ns": "unix:ns", "excel": "excel"}  # the written form a
# calendar keeps (text_format)
EXCEL_ORIGIN = pd.Timestamp("1899-12-30")  # Excel's day 0 of the 1900 date system
ORIGINS = {"s": pd.Timestamp(0), "ms": pd.Timestamp(0), "us": pd.Timestamp(0), "ns": pd.Timestamp(0),
           "excel": EXCEL_ORIGIN}
EXCEL_SERIALS = (18264, 73415)  # Excel's day numbers of 1 Jan 1950 .. 31 Dec 2100: dates a table plausibly holds
# Unix times of 1 Jan 1980 .. 31 Dec 2100 (its last whole second, millisecond): through the serials' last day
EPOCHS = {"s": (315532800, 4133980799), "ms": (315532800_000, 4133980799_999),
          "us": (315532800_000_000, 4133980799_999_999), "ns": (315532800_000_000_000, 4133980799_999_999_999)}
NANOS = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1, "excel": 86_400 * 10**9}  # nanoseconds in one of the unit


def unit_name(value):
    """``time_unit`` as rnncast reads it: "excel" in any case, and what pandas' ``to_timedelta`` reads as one second
    one millisecond, microsecond or nanosecond ("S", "sec", "Seconds", "MS", "milliseconds", "us", "ns") as "s",
    "ms", "us" or "ns"; any other value as it is, for
    the settings' check to refuse by name (``refused``)."""
    if not isinstance(value, str) or value in UNITS:
        return value
    if value.strip().lower() == "excel":
        return "excel"
    return {pd.Timedelta(1, u): u for u in ("s", "ms", "us", "ns")}.get(_span(value.strip()), value)


def _span(text: str):
    """How long one ``text`` is to pandas (``pd.Timedelta(1, unit=text)``, its deprecated spellings too), or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.Timedelta(1, unit=text)
    except (ValueError, TypeError):
        return None


def refused(value) -> str:
    """Why ``time_unit`` ``value`` is refused (``unit_name`` leaves it as given), naming what is read: a span pandas
    knows ("D", "hours") is no unit of Unix times here."""
    span = _span(value.strip()) if isinstance(value, str) else None
    means = f" (to pandas a span of time, {span}, not a unit times are counted in here)" if span is not None else ""
    size = len(value) if hasattr(value, "__len__") and not isinstance(value, str) else None  # never a frame's rows
    kind = "row" if hasattr(value, "columns") else "item"
    shown = repr(value) if size is None else f"a {type(value).__name__} of {size:,} {kind}{'' if size == 1 else 's'}"
    return (f"unknown time_unit {shown}{means}; choose one of: s (Unix times in seconds; also 'seconds', 'sec', "
            "'S'), ms (Unix times in milliseconds; also 'milliseconds', 'MS'), us (microseconds), ns (nanoseconds: "
            "InfluxDB, df.index.astype('int64')), excel (Excel serial day numbers, day 0 "
            "1899-12-30; any case)")


def checked_unit(value, read: bool = True) -> str:
    """``time_unit`` ``value`` as rnncast reads it (``unit_name``: "seconds" is "s"; ``read`` False: a setting already
    read, taken as it is), or ``RnncastError`` saying why it is refused (``refused``): the one check of the flag, a
    config file's key and ``Forecaster``'s settings."""
    unit = unit_name(value) if read else value
    if not isinstance(unit, str) or unit not in UNITS:  # a list or a frame: refused by name, not "unhashable type"
        raise RnncastError(refused(value))
    return unit


def span(unit: str) -> tuple[int, int, str]:
    """The plausible values of ``unit`` (low, high) and the years they cover."""
    if unit == "excel":
        return (*EXCEL_SERIALS, "1950 .. 2100")
    return (*EPOCHS[unit], "1980 .. 2100")


def read(column: pd.Series, name: str, unit: str, place=str) -> pd.DatetimeIndex:
    """The numbers [N] of time column ``name`` as naive timestamps (in microseconds): Unix times (``s``, ``ms``) as
    UTC's wall clock, as ``pd.to_datetime(x, unit='s')`` reads them; Excel serials (``excel``) as the dates and
    times they write, to the whole minute or second their decimals write where every serial is written from one
    (``excel_step``: hourly serials of 6 decimals are whole hours), else to the millisecond (Excel's precision), said
    where that moves a time. ``in_utc(unit)`` says which are UTC instants
    (``timeaxis.parse_time`` places them in ``tz=``). ``RnncastError`` naming the setting where the column is not
    numeric, a value is missing, or a value lies outside ``span(unit)`` (naming the unit the values look like, if
    another); ``place(i)`` names row ``i``."""
    said = f"time_unit={unit!r} reads the time column as {UNITS[unit]}"
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        given = column.dropna()
        what = f"{given.iloc[0]!r} at {place(int(np.flatnonzero(column.notna().to_numpy())[0]))}" if len(given) else "no values"
        kind = ("timestamps" if pd.api.types.is_datetime64_any_dtype(column) else "text"
                if pd.api.types.is_string_dtype(column) or column.dtype == object else str(column.dtype))
        raise RnncastError(f"{said}, but time column {name!r} holds {kind} ({what}), not numbers; "
                           + remedy(unit, name, None, "leave time_unit unset to read it as it is written"))
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isnan(values).any():
        raise RnncastError(f"time column {name!r} is missing a timestamp at {place(int(np.flatnonzero(np.isnan(values))[0]))}; "
                           "fill it in, or drop the row")
    low, high, years = span(unit)
    off = np.flatnonzero((values < low) | (np.floor(values) > high))  # a serial's fraction: a time of its last day
    if len(off):
        i = int(off[0])
        other = next((u for u in UNITS if u != unit and span(u)[0] <= values.min() and values.max() <= span(u)[1]), None)
        setting = f" ({spelled('time_unit', other)})" if hint("time_unit", None) is None else ""  # fit's to give
        like = f"; they look like {UNITS[other]}{setting}" if other else ""
        raise RnncastError(f"{said} of {years} ({low} .. {high}), but time column {name!r} holds {values[i]:.15g} at "
                           f"{place(i)}{like}; " + remedy(unit, name, other, "give the unit its values are in, or leave "
                                                          "time_unit unset"))
    time = _times(values, unit, name)
    if unit == "excel" and (step := excel_step(values)) != "ms":
        moved = np.flatnonzero(time != _times(values, unit, name, "ms"))
        if len(moved):
            i = int(moved[0])
            log.info("time column %r: its Excel serials are written to %s, so each is read as the whole %s it writes "
                     "(%s at %s: %s)", name, _decimals(values), {"min": "minute", "s": "second"}[step],
                     f"{values[i]:.15g}", place(i), time[i])
    return time


def remedy(unit: str, name: str, other: str | None, default: str) -> str:
    """What a refusal of the time column asks: ``default`` (fit's: another ``time_unit``), or where the reader cannot
    give one (``hint("time_unit")``: a fitted model's, whose unit is fixed at fit) those words and a pandas line that
    converts the column to ``unit`` (from the unit ``other`` its numbers look like; dates or text, if None)."""
    fixed = hint("time_unit", None)
    if fixed is None:
        return default
    col = f"df[{name!r}]"
    given = "" if other is None else ", unit='D', origin='1899-12-30'" if other == "excel" else f", unit={other!r}"
    line = (f"{col} = (pd.to_datetime({col}{given}).dt.tz_localize(None) - pd.Timestamp('1899-12-30')) / pd.Timedelta("
            "days=1)" if unit == "excel" else f"{col} = pd.to_datetime({col}{given}, utc=True).dt.as_unit({unit!r})"
            ".astype('int64')")  # to the unit's whole numbers, whatever pandas' resolution of the times read
    return f"{fixed.format(units=UNITS[unit])}; convert the column first, e.g. {line}"


def excel_step(values: np.ndarray) -> str:
    """The unit Excel serials [N] (days, float) are read to: the coarsest of whole minutes ('min') and whole seconds
    ('s') that every serial is written from at the decimals the column writes (each rounded time, written with
    those decimals, is the serial given), else milliseconds ('ms', Excel's precision). Hourly serials written to 5
    or 6 decimals (45000.041667: 01:00:00.029) are then whole hours, not a few milliseconds off them."""
    digits = _digits(values)
    half = 0.5 * 10.0**-digits if digits is not None else 0.0  # a written serial stands for those within half a digit
    base = pd.DatetimeIndex(EXCEL_ORIGIN + pd.to_timedelta(values, unit="D"))
    for step in ("min", "s"):
        back = ((base.round(step) - EXCEL_ORIGIN) / pd.Timedelta(days=1)).to_numpy(dtype=np.float64)
        if bool(np.all(np.abs(back - values) <= half + 1e-9)):  # 1e-9 days: 86 microseconds of float error
            return step
    return "ms"


def _digits(values: np.ndarray) -> int | None:
    """The fewest decimals (0 .. 9) that write every value, None where more are needed (a float's full digits)."""
    return next((d for d in range(10) if bool(np.all(np.abs(np.round(values, d) - values) <= 1e-9))), None)


def _decimals(values: np.ndarray) -> str:
    """How precisely the serials are written, in words: '6 decimals (0.0864 s)'."""
    digits = _digits(values)
    return "full precision" if digits is None else f"{digits} decimals ({86_400 / 10**digits:.4g} s)"


def _times(values: np.ndarray, unit: str, name=None, step: str | None = None) -> pd.DatetimeIndex:
    """The numbers [N] (float, none missing) in ``unit`` as naive timestamps, whatever their years; serials to
    ``step`` (default: ``excel_step``'s)."""
    whole = bool((values == np.round(values)).all())
    if unit == "excel":
        time = EXCEL_ORIGIN + pd.to_timedelta(values, unit="D")
        time = pd.DatetimeIndex(time).round(step or excel_step(values))
    else:
        time = pd.to_datetime(values.astype(np.int64) if whole else values, unit=unit)
    return pd.DatetimeIndex(time, name=name).round("us").as_unit("us")  # timeaxis.one_unit's unit


def in_utc(unit: str) -> bool:
    """Whether ``unit``'s numbers are instants on UTC's clock (Unix times), not wall times (Excel serials)."""
    return unit != "excel"


def given(text: str, fmt) -> pd.Timestamp | None:
    """A user's time ``text`` (a cutoff) written as a number in the unit of the calendar's form ``fmt``
    (``1793563200`` of ``unix:s`` data) as the instant it is: Unix times in UTC (zoned), serials as wall times
    (naive); None where ``fmt`` is no unit's or ``text`` no number."""
    unit, number = unit_of(fmt), pd.to_numeric(str(text).strip(), errors="coerce")
    if unit is None or pd.isna(number) or not np.isfinite(number):
        return None
    stamp = _times(np.array([float(number)]), unit)[0]
    return stamp.tz_localize("UTC") if in_utc(unit) else stamp


def unit_of(fmt) -> str | None:
    """The unit whose written form is ``fmt`` (a calendar's ``text_format``: ``unix:s``, ``excel:5``), else None."""
    return next((u for u, f in FORMS.items() if f == fmt or f"{fmt}".startswith(f"{f}:")), None)


def form(values, unit: str) -> str:
    """The written form the calendar keeps of a column of ``unit``'s numbers (``values``): ``FORMS``', and for
    serials with a time of day written to fewer decimals than a float's (``44927.04167``: 5) ``excel:5``, so that
    the data's own times are written back as the data wrote them (a merge on the time matches) and later ones alike."""
    values = pd.unique(np.asarray(pd.Series(values).dropna(), dtype=np.float64)) if unit == "excel" else []
    exact = lambda d: all(float(f"{v:.{d}f}") == v for v in values)  # noqa: E731  each value's text at d decimals
    digits = next((d for d in range(10) if exact(d)), None) if len(values) else None  # 44927.083333333336: None
    return f"{FORMS[unit]}:{digits}" if digits else FORMS[unit]


def _digits_of(fmt) -> int | None:
    """The decimals ``form`` named in ``fmt`` (``excel:5``: 5), else None (a float's full digits)."""
    rest = f"{fmt}".partition(":")[2]
    return int(rest) if unit_of(fmt) == "excel" and rest.isdigit() else None


def _naive(times, unit: str) -> pd.DatetimeIndex:
    """``times`` as the numbers of ``unit`` count them: zoned Unix times as UTC's clock reads them (instants),
    zoned serials as their own wall clock reads (``in_utc``)."""
    times = pd.DatetimeIndex(times)
    if times.tz is None:
        return times
    return (times.tz_convert("UTC") if in_utc(unit) else times).tz_localize(None)


def _nanos(times, unit: str) -> list[int]:
    """[N] ``times`` (``_naive``) as whole nanoseconds from the unit's origin (Python ints: exact, where a float
    of them is not)."""
    times = _naive(times, unit)
    origin = int(ORIGINS[unit].as_unit("ns").value)
    return [int(v) - origin for v in times.as_unit("ns").asi8]


def _text(nanos: int, unit: str, digits: int | None = None) -> str:
    """``nanos`` from the origin as the number ``unit`` writes: whole without a decimal point, Unix times'
    fractions exactly (``1704067200.25``), serials' as the float64 the data's own serial of that time is (days
    over 86,400e9 nanoseconds, as ``(t - origin) / pd.Timedelta('1D')`` computes it, written with repr's digits:
    ``44927.083333333336``), so forecasts join back onto a column pandas or Excel wrote (decision 1009); where the
    data writes its serials to ``digits`` decimals, to those (``44927.04167``), as its own rows are written."""
    sign, nanos = ("-" if nanos < 0 else ""), abs(nanos)
    whole, rest = divmod(nanos, NANOS[unit])
    if not rest:
        return f"{sign}{whole}"
    if unit != "excel":  # a power of ten: the decimals are exact
        digits = len(str(NANOS[unit])) - 1
        return f"{sign}{whole}.{str(rest).rjust(digits, '0').rstrip('0')}"
    if digits is not None:  # the float the data's text of that time reads as: 44927.04167
        return sign + number_text(float(f"{nanos / NANOS[unit]:.{digits}f}"))
    return sign + repr(nanos / NANOS[unit])  # as pandas and Excel compute a serial: 44927.083333333336


def number_text(value: float) -> str:
    """A number time as its text: repr's shortest digits, a whole one without a decimal point (``45296.0``: ``45296``,
    ``45296.041667`` as it is), as the data writes its own."""
    return repr(float(value)).removesuffix(".0")


def write(times, fmt: str) -> np.ndarray:
    """[N] ``times`` as text in the written form ``fmt`` (``FORMS``), whatever their years (the plausible years
    are for reading): whole numbers without a decimal point (``1704067200``, ``45292``), Unix times' fractions as
    exact decimals (``1672531250.25``) computed in integers, serials' as pandas computes them (``_text``)."""
    unit, digits = unit_of(fmt), _digits_of(fmt)
    return np.array([_text(n, unit, digits) for n in _nanos(times, unit)], dtype=object)


def numbers(times, unit: str, fmt: str | None = None) -> pd.Index:
    """[N] ``times`` as the numbers of ``unit`` that ``write`` writes, named as ``times``: integers (int64) where every
    one is whole (``1704067200``, ``45292``), else floats (``45292.041666666664``); ``predict`` returns a time_unit model's
    forecast times so, in the data's own form, to be joined back onto its column; ``fmt``: the calendar's form
    (``form``: ``excel:5``), else ``FORMS``'."""
    text = write(times, fmt or FORMS[unit])
    whole = all("." not in t for t in text)
    return pd.Index(np.array([int(t) if whole else float(t) for t in text], dtype=np.int64 if whole else np.float64),
                    name=getattr(times, "name", None))


def reads_back(times, fmt: str) -> bool:
    """Whether ``times`` written in the form ``fmt`` read back as the same instants (Unix times) or wall
    times (serials, to the millisecond), in any year."""
    unit = unit_of(fmt)
    times = pd.DatetimeIndex(times)
    if not len(times):
        return True
    back = _times(write(times, fmt).astype(np.float64), unit)
    try:
        return bool((back == _naive(times, unit)).all())
    except (TypeError, ValueError):
        return False

"""Time written in forms pandas reads only when told how: quarters (``2014Q4``, ``2014-Q4``, ``Q4 2014``; Bloomberg's
``4Q14``, ``4Q2014``, ``%qQ%y``, two-digit years as pandas reads them: 676), ISO weeks (``2021-W01``, ``2021-W01-1``).
``format_of`` recognises a column written so and names its format: strftime directives, with ``%q`` for the quarter as
pandas' ``Period.strftime`` writes it (``"%YQ%q"``) and ISO 8601's ``%G``/``%V``/``%u`` for week-year, week and weekday
(``"%G-W%V"``). ``read`` turns such text into timestamps: a quarter its first day (the ``QS`` calendar pandas infers),
an ISO week without a weekday its Monday (``W-MON``). ``write`` writes timestamps in any format of these or strftime's,
and ``reads_back`` says whether the text written reads back to the same timestamps; ``csvtext`` writes forecast dates
through them, so a quarterly file is forecast ``2015Q1``, not ``2015-01-01`` (``twoforms`` refuses a column that writes
one kind of time in two forms). East Asian forms (``2000년 1분기``, ``2024-01-01(월)``) are ``cjkdates``', half-years
(``2000H1``) ``halfyears``', fiscal quarters (``FY2006Q1``) ``fiscalquarters``': ``read``, ``write`` and ``reads_back`` pass them on.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd

from rnncast import cjkdates, colontimes, fiscalquarters, fiscalyearlabels, formsample, halfyears, numbertimes, zonedays
from rnncast.errors import RnncastError
from rnncast.mmwrweeks import iso_long

# the forms, with any digit where the number has a range: 2007Q5 is a quarter written wrong, refused as such
QUARTER = re.compile(r"^(?P<y>\d{4})(?P<sep>[-/ ]?)(?P<q>[Qq])(?P<n>\d)$")  # 2014Q4, 2014-Q4, 2014 Q4
QUARTER_FIRST = re.compile(r"^(?P<q>[Qq])(?P<n>\d)(?P<sep>[-/ ]?)(?P<y>\d{4})$")  # Q4 2014, Q4-2014
NUMBER_FIRST = re.compile(r"^(?P<n>\d)(?P<sep>[-/ ]?)(?P<q>[Qq])(?P<y>\d{4}|\d\d)$")  # Bloomberg's 4Q14, 4Q2014
WEEK_CODES = "%G%V"  # ISO weeks written as the integers YYYYWW under a week's name (weektext.iso_codes): 202328
ISO_WEEK = re.compile(r"^(?P<y>\d{4})(?P<sep>-?)W(?P<w>\d{2})(?:(?P<sep2>-?)(?P<d>\d))?$")  # 2021-W01, 2021-W01-1


def format_of(column: pd.Series) -> str | None:
    """The format of a text column written as quarters or ISO weeks, when up to ``formsample.CHECKED`` of its values
    spread over it are all written so in one form (2014Q5, no quarter, is not found as time by its values: ``first_form``
    reads it); None otherwise (also for non-text columns)."""
    return formsample.one_format(column, _form, read)


def shown(value, times=None, fmt: str | None = None) -> str:
    """One time value as a message names it, as the data's calendar writes it: in ``fmt`` (the column's own text
    form, a calendar's ``text_format``) where that text reads back to it (zoned: its wall time, with its UTC offset in
    the hour its clocks repeat, ``27.10.2024 02:00+02:00``); else a timestamp as a date alone (and its zone's name) when
    ``times`` (the data's times; or True/False said of them; None: the value alone) are all at midnight, ``2008-01-01``,
    not ``2008-01-01 00:00:00``; anything else (periods, integer steps, times of day) as ``str`` writes it."""
    if not isinstance(value, pd.Timestamp) or pd.isna(value):
        return str(value)
    midnight = lambda: bool(times) if isinstance(times, (bool, np.bool_)) else at_midnight(  # noqa: E731
        times if times is not None else [value])
    if fmt is not None and reads_back(pd.DatetimeIndex([value]), fmt):  # the autumn hour's time with its offset:
        twice = value.tz is not None and not (offset_in(fmt) or numbertimes.unit_of(fmt)) and pd.isna(value.tz_localize(
            None).tz_localize(value.tz, ambiguous="NaT", nonexistent="NaT")) and not midnight()  # a day is no hour
        return str(write(pd.DatetimeIndex([value]), fmt + "%:z" if twice else fmt)[0])
    if midnight() and zonedays.day_starts(pd.DatetimeIndex([value]))[0]:  # Havana's 2024-11-03: normalize raises
        return value.strftime("%Y-%m-%d") + (f" {value.tzname()}" if value.tz is not None else "")
    return str(value)


def shown_alike(values, times=None, fmt: str | None = None) -> list[str]:
    """``values`` (one table's times) as ``shown`` names them, all in one form: where one of them needs its UTC offset
    (the hour its clocks repeat, ``2024-10-27 02:00:00+01:00``), every one carries it, not that one alone."""
    texts = [shown(v, times, fmt) for v in values]
    stamps = [v for v in values if isinstance(v, pd.Timestamp) and not pd.isna(v)]
    if fmt is None or len(stamps) != len(values) or not stamps or stamps[0].tz is None:
        return texts
    plain = write(pd.DatetimeIndex(stamps), fmt)
    if all(t == p for t, p in zip(texts, plain)):
        return texts
    return [str(t) for t in write(pd.DatetimeIndex(stamps), fmt + "%:z")]


def spoken(stamp) -> str:
    """A date as a person says it, ``2 January 2020``, on every platform (``%-d`` is glibc's: ``write``)."""
    return str(write(pd.DatetimeIndex([stamp]), "%-d %B %Y")[0])


def at_midnight(times) -> bool:
    """Whether ``times`` are timestamps all at midnight (days or a coarser calendar); NaT left out."""
    if not isinstance(times, pd.DatetimeIndex):
        try:
            times = pd.DatetimeIndex(times)
        except (TypeError, ValueError):
            return False
    times = times[~times.isna()]
    return bool(zonedays.day_starts(times).all())  # a day whose midnight is skipped starts at 01:00


def first_form(column: pd.Series) -> str | None:
    """The form (as ``format_of`` names it) of the column's first value, when it is text written as a
    quarter or an ISO week: ``read`` then names any value written otherwise."""
    values = column.dropna()
    return _form(values.iloc[0].strip()) if len(values) and isinstance(values.iloc[0], str) else None


def is_quarters(fmt: str | None) -> bool:
    return fmt is not None and "%q" in fmt


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """Text in ``fmt`` (``format_of``) as timestamps: quarters at their first day, ISO weeks without a
    weekday at their Monday; a missing value is NaT. A value not written so is refused (``RnncastError``)
    naming it and its place (``place(i)`` names row ``i``). East Asian forms are ``cjkdates``'."""
    if (owner := _owner(fmt)) is not None:  # 2000년 1분기, 2024-01-01(월); 2000H1; FY2006Q1 (FY%FQ%!q|QE-MAR)
        return owner.read(column, fmt, name, place)
    given = column.notna().to_numpy()
    text = column.astype(str).str.strip().where(given)
    if is_quarters(fmt):
        parts = text.str.extract(QUARTER if fmt.startswith("%Y") else NUMBER_FIRST if fmt.startswith("%q") else QUARTER_FIRST)
        same = text.map(lambda v: isinstance(v, str) and _form(v) == fmt).to_numpy()  # 1Q00 beside 1Q2000: refused
        _refuse(column, given & (~same | ~parts["n"].isin(list("1234")).to_numpy()), fmt, name, place)
        years = parts["y"].map(lambda y: str(short_year_readings(int(y))[0]) if isinstance(y, str) and len(y) == 2 else y)
        return pd.PeriodIndex(years + "Q" + parts["n"], freq="Q").to_timestamp()  # a missing one: NaT; 00 as pandas reads it
    full, with_day = (text, fmt) if "%u" in fmt else (text + "-1", fmt + "-%u")  # a week alone: its Monday
    times = pd.to_datetime(full, format=with_day, errors="coerce")
    same = text.map(lambda v: isinstance(v, str) and (_form(v) == fmt or fmt == WEEK_CODES and len(v) == 6)).to_numpy()
    _refuse(column, given & (times.isna().to_numpy() | ~same), fmt, name, place)
    return pd.DatetimeIndex(times)


def _refuse(column: pd.Series, bad: np.ndarray, fmt: str, name: str, place) -> None:
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        what = "quarters" if is_quarters(fmt) else "ISO weeks"
        value = str(column.iloc[i]).strip()
        if _form(value) == fmt:  # written so, but there is no such quarter, week or weekday
            y = int(re.search(r"\d{4}", value)[0]) if not is_quarters(fmt) else 0  # 5Q00: a quarter of no 4 digits
            weeks = (53 if iso_long(y) else 52) if y else 0
            rule = ("quarters run Q1 .. Q4" if is_quarters(fmt) else f"ISO weeks of {y} run W01 .. W{weeks}"
                    + (", weekdays 1 .. 7" if "%u" in fmt else ""))
            raise RnncastError(f"time column {name!r} holds {value!r} at {place(i)}, which names no "
                               f"{what[:-1]}: {rule}")
        raise RnncastError(f"time column {name!r} is written as {what} ({column.iloc[0]!r}), but holds "
                           f"{column.iloc[i]!r} at {place(i)}; write every value as {column.iloc[0]!r} is written")


def _owner(fmt: str):  # the module whose forms fmt writes, or None
    return next((m for m in (cjkdates, halfyears, fiscalquarters, fiscalyearlabels, colontimes) if m.owns(fmt)), None)


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as text in ``fmt``: quarters as ``Period.strftime`` writes them, else ``strftime`` (zoned
    times at their local wall time), with ``%:z`` for the UTC offset written ``+02:00`` (``%z``: ``+0200``)
    and ``%-m``/``%-d``/``%-H``/``%-I`` for a month, day or hour (of 24 or of 12) unpadded (``2000-1``, Excel's ``1/5/2020 0:00``) on
    every platform (glibc's flag; Windows' strftime spells it ``%#m``, so it is written here, never by strftime)."""
    times = pd.DatetimeIndex(times)
    if numbertimes.unit_of(fmt):  # Unix times, Excel serials: numbers in the column's unit (time_unit)
        return numbertimes.write(times, fmt)
    if (owner := _owner(fmt)) is not None:  # 2024년 1월 5일, 2000년 1분기, 2024-01-01(월), 2000H1, FY2025Q3: any locale
        return owner.write(times, fmt)
    if is_quarters(fmt):
        written = times.to_period("Q").strftime(fmt)
    elif any(token in fmt for token in OWN_TOKENS):  # directives strftime has not everywhere: written here
        pieces = re.split("(" + "|".join(OWN_TOKENS) + ")", fmt)
        written = pd.Index(np.full(len(times), "", dtype=object))
        for piece in pieces:
            if piece in OWN_TOKENS:
                written = written + _token(times, piece)
            elif piece:
                written = written + times.strftime(piece).astype(object)
    else:
        written = times.strftime(fmt)
    return np.asarray(written, dtype=object)


OWN_TOKENS = ("%:z", "%-m", "%-d", "%-H", "%-I", "%^b", "%^B", "%P")  # +02:00 (3.11's strftime has no %:z); unpadded; JAN; pm
UNPADDED = {"%m": "%-m", "%d": "%-d", "%H": "%-H", "%I": "%-I"}  # the numbers a writer may leave unpadded, and how


def _token(times: pd.DatetimeIndex, token: str) -> pd.Index:
    if token == "%:z":
        return times.strftime("%z").str.replace(r"^([+-]\d\d)(\d\d)$", r"\1:\2", regex=True).astype(object)
    if token in ("%^b", "%^B"):  # glibc's upper-case flag, written here: Windows' and macOS' strftime lack it
        return times.strftime(token.replace("^", "")).str.upper().astype(object)
    if token == "%P":  # glibc's lower-case am/pm, written here: Windows' and macOS' strftime lack it
        return times.strftime("%p").str.lower().astype(object)
    numbers = {"%-m": times.month, "%-d": times.day, "%-H": times.hour, "%-I": (times.hour + 11) % 12 + 1}[token]
    return pd.Index(numbers.astype(str), dtype=object)


def unpadded(fmt: str) -> list[str]:
    """``fmt`` with some of its month, day and hour (``%m``, ``%d``, ``%H``, ``%I``) unpadded, the most unpadded
    first (``%m/%d/%Y``: ``%-m/%-d/%Y``, ``%-m/%d/%Y``, ``%m/%-d/%Y``); ``fmt`` itself not among them."""
    fields = [f for f in UNPADDED if re.search(f"(?<!%){f}", fmt)]
    forms = []
    for drop in (c for n in range(len(fields), 0, -1) for c in itertools.combinations(fields, n)):
        form = fmt
        for f in drop:
            form = re.sub(f"(?<!%){f}", UNPADDED[f], form)
        forms.append(form)
    return forms


def strptime_form(fmt: str) -> str:
    """A writing format as pandas' reader takes it: ``%-m`` (unpadded), ``%^b`` (upper case) and ``%P`` (am, pm)
    are the plain directives, which read unpadded numbers and any case alike."""
    return re.sub("%[-^]", "%", fmt).replace("%P", "%p")


def reads_back(times: pd.DatetimeIndex, fmt: str) -> bool:
    """Whether ``times`` written in ``fmt`` read back as the same timestamps (a quarter's text only
    from its first day, an ISO week's without weekday only from its Monday, ``2016-02`` only from the
    first of the month); zoned times as the same instants when ``fmt`` writes an offset (``%z``,
    ``%:z``, a UTC ``Z``), else as the same local wall times."""
    times = pd.DatetimeIndex(times)
    if numbertimes.unit_of(fmt):
        return numbertimes.reads_back(times, fmt)
    if "%y" in fmt and not two_digit_years_agree(times):
        return False
    try:
        if is_quarters(fmt) or "%G" in fmt or "%V" in fmt or _owner(fmt) is not None:
            back = read(pd.Series(write(times, fmt)), fmt)  # RnncastError: a week-year written without its week
        elif times.tz is not None and fmt.endswith("%Z"):  # a zone's name ('2024-01-01 00:00 UTC'): the same instants
            back = pd.to_datetime(pd.Series(write(times, fmt)), format=fmt, utc=True)
        elif times.tz is not None and writes_instants(fmt):
            back = pd.to_datetime(pd.Series(write(times, fmt)), format=fmt.replace("%:z", "%z"), utc=offset_in(fmt))
            back = back if offset_in(fmt) else back.dt.tz_localize("UTC")  # a literal Z: the times are UTC
        else:
            back = pd.to_datetime(pd.Index(write(times, fmt)), format=strptime_form(fmt))
            if times.tz is not None:  # the wall time is what was written; a day's, where its midnight was skipped
                back = pd.DatetimeIndex(back)
                return bool(((back == times.tz_localize(None)) | (back == zonedays.day_walls(times))).all())
    except (ValueError, TypeError):  # RnncastError is a ValueError
        return False
    return bool((pd.DatetimeIndex(back) == pd.DatetimeIndex(times)).all())


def two_digit_years_agree(times) -> bool:
    """Whether every one of ``times`` lies in the years that a two-digit year (``%y``: ``01/15/99``) names alike in
    every common reader: C's and Python's ``strptime`` (69 .. 99 are 1969 .. 1999), spreadsheets (Excel, LibreOffice:
    30 .. 99 are the 1900s) and ``dateutil`` (pandas without a format: within 50 years of this year), now 1976 .. 2029.
    Outside them, ``31/12/35`` is 1935 to one reader and 2035 to another."""
    first, last = short_year_span()
    years = pd.DatetimeIndex(times).year
    return bool(((years >= first) & (years <= last)).all())


def short_year_span() -> tuple[int, int]:
    """The first and last year that a two-digit year names alike in every common reader (``two_digit_years_agree``)."""
    this_year = pd.Timestamp.now().year
    return max(1969, this_year - 50), min(2029, this_year + 49)


def short_year_readings(yy: int) -> tuple[int, int]:
    """The years that the two-digit year ``yy`` names to ``dateutil`` (pandas without a format: within 50 years of
    this year) and to a spreadsheet (Excel, LibreOffice: 30 .. 99 are the 1900s)."""
    this_year = pd.Timestamp.now().year
    year = this_year - this_year % 100 + yy
    year = year - 100 if year >= this_year + 50 else year + 100 if year < this_year - 50 else year
    return year, (1900 if yy >= 30 else 2000) + yy


def offset_in(fmt: str) -> bool:
    """Whether ``fmt`` writes a UTC offset (``%z``, or ``%:z`` for ``+02:00``)."""
    return "%z" in fmt or "%:z" in fmt


def writes_instants(fmt: str) -> bool:
    """Whether times written in ``fmt`` are instants: it writes a UTC offset (``offset_in``) or a literal Z (UTC);
    else they are wall times, read on a zone's clock."""
    return offset_in(fmt) or fmt.endswith("Z")


def _form(text: str) -> str | None:
    """The format of one value written as a quarter or an ISO week, or None."""
    m = QUARTER.match(text)
    if m:
        return f"%Y{m['sep']}{m['q']}%q"
    m = QUARTER_FIRST.match(text)
    if m:
        return f"{m['q']}%q{m['sep']}%Y"
    if (m := NUMBER_FIRST.match(text)) is not None:
        return f"%q{m['sep']}{m['q']}%{'Y' if len(m['y']) == 4 else 'y'}"
    m = ISO_WEEK.match(text)
    if m:
        return f"%G{m['sep']}W%V" + (f"{m['sep2']}%u" if m["d"] else "")
    return None

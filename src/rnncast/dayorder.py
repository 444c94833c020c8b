"""Dates that read both month first and day first (``01/02/2016``: 2 January, or 1 February?): which order.

A field past 12 settles it (``01/13/2020`` is month first, ``13/01/2020`` day first); where every date reads
both ways, the reading whose dates keep a calendar with far fewer rows missing is taken; else dotted dates
(``09.03.2024``) and those of a file writing decimal commas (``1.736.401,39``) are read day first, as every country
that writes dates with dots or decimal commas writes them, and others month first, pandas' reading. Either choice
is warned of, with the way to the other reading (ISO dates, and the pandas
line that reads the column so, which runs on the file's values); where a day past 12 settles the order, nothing
is warned. Dates written year first are year, month, day (``year_month_day``), one with a month past 12 refused
(``refuse_month``), never read year, day, month. ``datetext.parse_text`` calls :func:`day_or_month_first`
after reading a column month first. Its notes go to ``datetext``'s logger, which loading quiets where a model
reads new data (what was said at fit is not said again).
"""

from __future__ import annotations

import logging
import re
import warnings

import numpy as np
import pandas as pd

from rnncast import meridiems, owncalendars, timetext
from rnncast.csvtext import FALLBACK, guess
from rnncast.errors import RnncastError
from rnncast.shortorder import clock_of
from rnncast.spelling import counted, hint, named, spelled
from rnncast.timecalendar import Calendar

log = logging.getLogger("rnncast.datetext")  # said as the reading of dates it is part of (loading._time_notes)


AMBIGUOUS_ORDER = r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 01/02/2016: 2 January, or 1 February?
DOTTED = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b")  # 09.03.2024: day first wherever dates are dotted


def day_or_month_first(column: pd.Series, month_first: pd.DatetimeIndex, name: str,
                       order: dict | None, day_first_read: dict | None,
                       written: pd.Series) -> pd.DatetimeIndex:
    """Dates such as 01/02/2016 read both ways when every one of them can be: the reading whose dates
    keep a calendar with far fewer rows missing than the other's (``_clearer``) is taken, and said;
    when both or neither do, month first (pandas' reading) stays, with a warning that says how to be
    sure, but for dotted dates and those of a file whose numbers are written with decimal commas (``column.attrs``'
    ``decimal``), read day first. A file of 01/02/2016, 01/03/2016, ... is monthly read day first and a scatter of days
    read month first, whose forecast dates would be invented. ``order["dayfirst"]`` receives the
    reading taken, so that the model reads new data (and future covariates) the same way. ``day_first_read``:
    how pandas is told to read day first (``datetext``'s reading of the column's form); ``written``: the column as its
    file writes it (``01/02/2016 오전 9:00``, read as ``9:00 AM``), quoted."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str) or not re.match(AMBIGUOUS_ORDER, first.iloc[0]):
        return month_first
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            day_first = pd.DatetimeIndex(pd.to_datetime(column, **(day_first_read or {"dayfirst": True})))
        except (ValueError, TypeError):
            day_first = None  # only month first reads every date (01/13/2020)
    fields = _fields(column)  # [N, 2]
    if day_first is not None and (fields[1] > 12).any() and not (fields[0] > 12).any():
        day_first = None  # 01/13/2020: only month first is a date; dateutil swapped day and month to read it day first
    elif (fields[0] > 12).any() and not (fields[1] > 12).any() and day_first is not None:
        said_day_first(column, day_first, name, order, written)
        return day_first  # 13/01/2020: only day first is a date (dateutil swapped month first's)
    if day_first is None or day_first.equals(month_first):
        if order is not None and day_first is None:
            order["dayfirst"] = False  # new data of the same source, 01/02/2020 included, is read so too
        return month_first
    i = int(np.flatnonzero(month_first != day_first)[0])  # a date the two readings disagree on, as the example
    example = str(written.iloc[i]).strip()
    kept = {way: _calendar(times) for way, times in (("month", month_first), ("day", day_first))}
    taken = _clearer(kept)
    dotted = DOTTED.match(first.iloc[0]) is not None  # German, Russian, Polish ...: day first, where nothing else tells
    times = {"day": day_first, "month": month_first}
    if taken is not None:
        other = "day" if taken == "month" else "month"
        log.warning("time column %r is read %s first (%s is %s): read %s first its dates %s, read %s first %s; %s", name,
                    taken, example, timetext.spoken(times[taken][i]), other, _kept_text(kept[other]), taken,
                    _kept_text(kept[taken], "they "), _other_way(written, name, other, example,
                                                               times[other][i]))
    else:
        commas = column.attrs.get("decimal") == ","  # 1.736.401,39: no month-first country writes decimal commas (decision 2191)
        taken, other = ("day", "month") if dotted or commas else ("month", "day")
        log.warning("time column %r could be read month first or day first; read %s first%s (%s is %s); %s", name, taken,
                    ", as dotted dates are written" if dotted else ", as a file writing decimal commas dates them"
                    if commas else "", example, timetext.spoken(times[taken][i]),
                    _other_way(written, name, other, example, times[other][i]))
    if order is not None:
        order["dayfirst"] = taken == "day"
    return times[taken]


YDM = 0.1  # this share of a year-first column's values with a month past 12 (none with a day past 12): year, day, month
YEAR_FIRST = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")  # 2024-01-05, 2024/01/05, 2024.01.05


def year_month_day(column: pd.Series) -> dict | None:
    """How pandas is told to read a column whose first value is written year first (``2024-01-05``, ``2024/01/05``,
    ``2024.01.05``, a time of day after it as guessed): year, month, day, ISO 8601's order; None for any other column.
    Year, day, month is no country's order, but pandas took it (its format guess from ``2024-13-05``, or day first
    where month first failed): 2024-01-05, 2024-01-06, 2024-13-05 were read as 1 May, 1 June and 13 May, "read day
    first". A value such a column writes with a month past 12 is a typo, refused by ``refuse_month``."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str) or not (m := YEAR_FIRST.match(text := first.iloc[0].strip())):
        return None
    sep = m[2]
    clock = clock_of(f"2000{sep}01{sep}01{text[m.end():]}", (f"%Y{sep}%m{sep}%d",))  # the time as a true date has it
    return {"format": f"%Y{sep}%m{sep}%d{clock}"} if clock is not None and "%z" not in clock else {}


def refuse_month(column: pd.Series, name: str, place, written: pd.Series, ymd: dict) -> None:
    """Refuse (``RnncastError``) the first value of a year-first column whose month is past 12 (``2024-13-05`` among
    ``2024-01-05`` ..), naming it and the order the column is read in; ``ymd``: how pandas is told to read it, as the
    caller has it from ``year_month_day`` (its ``format``, where any, turned day before month in the pandas line).
    Where ``YDM`` of its values or more (two at least) have such a month and none a day past 12, the column is said to
    be written year, day, month, with the pandas line that reads it so (decision 1462), not "correct that value"."""
    fields = column.astype(str).str.strip().str.extract(YEAR_FIRST.pattern)
    months, days = fields[2].astype(float).to_numpy(), fields[3].astype(float).to_numpy()
    bad = np.flatnonzero(months > 12)
    if len(bad):
        i, good = int(bad[0]), np.flatnonzero(months <= 12)
        sep = fields[1].iloc[i]
        said = f"time column {name!r} holds {str(written.iloc[i]).strip()!r} at {place(i)}"
        given = int(np.isfinite(months).sum())
        if len(bad) >= max(2, YDM * given) and not (days > 12).any():  # the whole column is year, day, month
            fmt = ymd.get("format", f"%Y{sep}%m{sep}%d").replace(
                f"%m{sep}%d", f"%d{sep}%m")
            raise RnncastError(
                f"{said} and {counted(len(bad) - 1, 'other value')} of its {given} whose second number is past 12, "
                f"though no value's third is: it is written year, day, month (YYYY{sep}DD{sep}MM), which rnncast does "
                f"not read (dates written year first are read year, month, day); write ISO dates ({_iso(fields, i)}), e.g. "
                f"with pandas: df[{name!r}] = pd.to_datetime(df[{name!r}], format={fmt!r}){hint('time_col', '')}")
        like = f", as {str(written.iloc[good[0]]).strip()!r} at {place(int(good[0]))}" if len(good) else ""
        raise RnncastError(f"{said}, whose month "
                           f"{fields[2].iloc[i]} is no month: dates written year first are read year, month, day "
                           f"(YYYY{sep}MM{sep}DD{like}); correct that value{hint('time_col', '')}")


def _iso(fields: pd.DataFrame, i: int) -> str:
    """Row ``i`` of ``refuse_month``'s fields (year, sep, month, day) read year, day, month, as ISO writes it."""
    return f"{fields[0].iloc[i]}-{int(float(fields[3].iloc[i])):02d}-{int(float(fields[2].iloc[i])):02d}"


def _other_way(written: pd.Series, name: str, other: str, example: str, stamp, setting: bool = True) -> str:
    """How to have dates that read both ways read in the ``other`` order ("day" or "month"): written as ISO dates, by
    pandas told the format (``written``: the column as its file writes it); ``example`` then names ``stamp``. The
    pandas line runs on the file's values: ``%p`` for am/pm too (``csvtext.guess``'s ``%P`` is rnncast's own, "a bad
    directive" to pandas); 오후 (午後, 下午) replaced by PM first (``meridiems.way_back``: ``dayfirst=True`` read no 오후).
    ``setting``: name date_order too (a fit's reading; a model's reader keeps its own, decision 2192)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fmt = guess(str(written.dropna().iloc[0]).strip(), other == "day")
    how = f"format={fmt.replace('%P', '%p')!r}" if fmt is not None else f"dayfirst={other == 'day'}"
    marked = meridiems.way_back(example, stamp, name, FALLBACK, guess)  # 01/02/23 오전 12:00: to_datetime reads no 오전
    told = f"give {spelled('date_order', other)}, or " if setting else ""  # decision 2192
    return (f"write ISO dates (2016-02-01) to leave no doubt: to read them {other} first ({example} as "
            f"{timetext.spoken(stamp)}), {told}e.g. with pandas: "
            f"{marked or f'df[{name!r}] = pd.to_datetime(df[{name!r}], {how})'}")


said = logging.getLogger("rnncast.dayorder")  # not quieted where a model reads new data: what only new data shows


def against_model(column: pd.Series, read: pd.DatetimeIndex, day: bool, name: str, other_read: dict,
                  order: dict | None, written: pd.Series):
    """New data's dates read in the order a model read its fit's (``day``: day first) where every one of them reads
    both ways: the other order (``other_read``, how pandas is told to read it) where its dates keep a calendar with far
    fewer rows missing (``_clearer``), said in a warning; else ``read``. A model fitted on day-first dates read
    hourly rows written 04/01/2024 00:00 ... 04/05/2024 23:00 month first as 4 January ... 4 May, and dated its
    forecast 5 May, without a word. ``order["dayfirst"]`` receives the order taken (where every date reads both ways
    or a day past 12 settles it), so that a future file given beside the data is read alike. ``written``: the column
    as its file writes it, quoted."""
    if order is not None:
        order["dayfirst"] = day
        if order.get("told") is not None:  # date_order's: no other reading taken (decision 2192)
            return told(column, read, day, order["told"], name, written)
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str) or not re.match(AMBIGUOUS_ORDER, first.iloc[0]):
        return read
    fields = _fields(column)
    if (fields > 12).any().any():  # a day past 12 settles the order: the reading already took it
        return read
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            other = pd.DatetimeIndex(pd.to_datetime(column, **other_read))
        except (ValueError, TypeError):
            return read
    if other.equals(read):
        return read
    mine, theirs = ("day", "month") if day else ("month", "day")
    kept = {mine: _calendar(read), theirs: _calendar(other)}
    if _clearer(kept) != theirs:
        return read
    if order is not None:
        order["dayfirst"] = not day
    i = int(np.flatnonzero(read != other)[0])
    example = str(written.iloc[i]).strip()
    said.warning("time column %r is read %s first (%s is %s), not %s first as the data the model was fitted on: read "
                 "%s first its dates %s, read %s first %s; %s", name, theirs, example, timetext.spoken(other[i]), mine,
                 mine, _kept_text(kept[mine]), theirs, _kept_text(kept[theirs], "they "),
                 _other_way(written, name, mine, example, read[i], False))  # the way back
    return other


def told(column: pd.Series, read: pd.DatetimeIndex, day: bool, wanted: bool, name: str, written: pd.Series):
    """``read`` (its order ``day``: day first) where it is the order the caller gave (``date_order``: ``wanted``); else
    refused (``RnncastError``) at its first date that reads only the other way (a field past 12 where the month is)."""
    if day == wanted:
        return read
    past = np.flatnonzero((_fields(column)[1 if wanted else 0] > 12).to_numpy())
    i = int(past[0]) if len(past) else 0
    way, other = ("day", "month") if wanted else ("month", "day")
    raise RnncastError(f"time column {name!r} is to be read {way} first ({named('date_order')} {way!r}), but "
                       f"{str(written.iloc[i]).strip()!r} is no date so: it is {other} first; give "
                       f"{spelled('date_order', other)}, or leave it unset to have the dates decide")


def said_day_first(column: pd.Series, day_first: pd.DatetimeIndex, name: str, order: dict | None,
                   written: pd.Series) -> None:
    """Say that ``column`` is read day first, ``order["dayfirst"]`` True: at INFO where its values settle it (the data's
    own first date whose first field is past 12, read day first: "13/05/2024 is 13 May 2024"), as month first read so
    (01/13/2024) is said nothing; a warning where no such text is found ("a day past 12 comes first"). Dotted
    13.01.2024 .. warned where the matching slashed 01/13/2024 .. was not. ``written``: the column as its file
    writes it, quoted."""
    if order is not None:
        order["dayfirst"] = True
    past = np.flatnonzero((_fields(column)[0] > 12).to_numpy())
    if not len(past):
        log.warning("time column %r is read day first (a day past 12 comes first)", name)
        return
    log.info("time column %r is read day first (%s is %s)", name, str(written.iloc[past[0]]).strip(),
             timetext.spoken(day_first[past[0]]))


def _fields(column: pd.Series) -> pd.DataFrame:
    """[N, 2] the first two numbers of each date (``13/05/2024``: 13, 5) as floats, NaN where a row writes none."""
    return column.astype(str).str.extract(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]").astype(float)


def _calendar(times: pd.DatetimeIndex):
    """The calendar fit would infer for the distinct dates of ``times`` (``owncalendars.alone``): (offset, ruler),
    ``ruler.missing`` the rows it lacks; None where none explains every date."""
    return owncalendars.alone(times.unique().sort_values())


def _clearer(kept: dict) -> str | None:
    """"day" or "month": the reading whose dates keep a calendar with fewer than half the other's missing rows (or
    the only one that keeps one); None where neither does, or both keep one as well (1-12 January daily is 1
    January-1 December monthly). pandas' ``infer_freq`` alone, tried first, named none for monthly dates on the 5th
    or hourly ones with an hour missing, and left them month first: 4,239 invented missing days."""
    month, day = (None if kept[w] is None else kept[w][1].missing for w in ("month", "day"))
    if day is not None and (month is None or day < month / 2):
        return "day"
    if month is not None and (day is None or month < day / 2):
        return "month"
    return None


def _kept_text(found, they: str = "") -> str:
    """"fall on no regular calendar", "leave 4,239 rows missing on the calendar 'D'", "are 'MS@5'"."""
    if found is None:
        return f"{they}fall on no regular calendar"
    shown = Calendar("datetime", found[0]).freq_text
    return f"{they}are on the calendar {shown!r}" + (f" with {counted(found[1].missing, 'row')} missing"
                                                     if found[1].missing else "")

"""Forecast tables as CSV text, dated as the user's data was written.

A time column written coarser than a timestamp (``2016-01``, ``2016-01-31``, ``2016-01-31 13:00``,
quarters ``2016Q1`` and ISO weeks ``2016-W05``, ``timetext``; months ``2016/01``, ``Jan 2016``,
``2016M01``, ``monthtext``) keeps its format: ``written_format`` finds it when the data is read
(``timetext``'s forms, else pandas' own guess, also with its month, day and hour unpadded as Excel writes
``1/5/2020 0:00``, else ``monthtext.FORMS``, kept only when it writes the column's text back exactly), the calendar keeps it (``Calendar.text_format``,
also in model.json), ``dated`` puts it on a forecast frame (``frame.attrs["time_format"]``) and
``csv_text``, the one writer of forecast and backtest tables (``write_csv``: in pieces; ``rnncast predict``'s file and
standard output, a backtest's ``forecasts.csv``), writes the dates so, when every date written
reads back to the same timestamp (a month-end forecast is never written ``2016-02``), each with its UTC offset
where zoned dates would repeat a wall time (the hour the clocks repeat in autumn: ``localtimes.told_apart``); otherwise
as full timestamps; ``kept_format`` warns, once at fit, when a text column's form is not kept (``Sept 2000``:
no strftime directive writes it) and its forecasts will be ISO dates. ``stamp_text`` writes one date so (a backtest window's name). The frames keep datetime64 dates: the format is about text only. Values are
written as the frames hold them: forecasts are already the shortest decimals (``decimals``).

A CSV written otherwise than with ``,`` and ``.`` (``date;sales`` / ``01.01.2021;10,5``, as Excel writes it
where the comma is the decimal mark) has its forecasts written in its dialect too: ``csvdialect.dialect_of`` finds the
separator and decimal mark when the file is read, the panel keeps them (``Panel.dialect``), ``dated`` puts them
on a forecast frame (``frame.attrs["csv_dialect"]``) and ``csv_text`` writes with them, saying so in one line;
a file headed by Excel's ``sep=;`` line has it above its forecasts' header too (``Dialect.sep_line``).
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

from rnncast import (cjkdates, colontimes, datatimes, files, fiscalquarters, fiscalyearlabels, fixeddecimals, floattext, formsample, formulacells,
                     halfyears, localtimes, meridiems, monthtext, timetext, wholenumbers)
from rnncast.csvdialect import PLAIN, Dialect

log = logging.getLogger(__name__)

TIME_FORMAT = "time_format"  # the key of a forecast frame's attrs that holds the format of its dates
DIALECT = "csv_dialect"  # the key of a forecast frame's attrs that holds the Dialect its CSV is written in
CHECKED_ROWS = 1000  # rows of a time column whose text the guessed format must write back, spread over it
# dates with two-digit years that pandas reads (through dateutil) but names no format for: written back while
# every date written lies in the years all common readers agree on (timetext.two_digit_years_agree)
# (each order of three numbers with each separator: '23.01.01' is %y.%m.%d, as Korean offices write it, also '23.01.01.')
SHORT_YEARS = (*(sep.join(order) for order in (("%m", "%d", "%y"), ("%d", "%m", "%y"), ("%y", "%m", "%d")) for sep in "/.-"),
               "%y.%m.%d.", "%-m/%-d/%y", "%-d/%-m/%y", "%d-%b-%y", "%d-%^b-%y", "%d %b %y", "%b %d, %y",
               "%b-%y", "%b %y", "%^b-%y", "%^b %y", "%B-%y", "%B %y", "%^B-%y", "%^B %y")  # Jan-15: monthtext
# the forms tried where pandas' guess writes nothing back, each also with its numbers unpadded (1/5/20, 5.1.20), and
# the dates of three numbers also with a time of day (23.01.01 13:00), which pandas names no format for either
CLOCKED = tuple(f + clock for f in SHORT_YEARS if "b" not in f.lower()
                for clock in (" %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p"))  # 23.01.01 1:00 PM too
FALLBACK = tuple(dict.fromkeys(f for form in monthtext.FORMS + SHORT_YEARS + CLOCKED for f in (form, *timetext.unpadded(form))))


def written_format(column: pd.Series, time: pd.Index, dayfirst: bool | None = None) -> str | None:
    """The strftime format that writes ``time`` (read from the text ``column``) back as the column's
    own text (``"%Y-%m"`` for ``2016-01``), checked on up to ``CHECKED_ROWS`` rows from its first to
    its last; None when the column is not text, the times carry a zone, or no one format writes it
    back (mixed formats; ``01/5/2020`` beside ``1/6/2020``: a number padded in some rows, not in others; ISO's ``T``
beside a space is one form, written in the commoner of the two). A number written without its leading zero
(``1/5/2020 0:00``, Excel's default) is kept so: ``%-m/%-d/%Y %-H:%M`` (``timetext.write`` writes it on every
platform), where a number never below 10 in the rows checked is unpadded too if any other is.
``dayfirst``: the dates were read day first (31/01/2016)."""
    if not isinstance(time, pd.DatetimeIndex) or not len(time) or len(column) != len(time):
        return None
    column = wholenumbers.as_whole(column)  # 20000131.0: written back as the integers it holds (README)
    if pd.api.types.is_integer_dtype(column):  # dates written 20000131 (compactdates.compact_dates)
        column = column.astype(str)
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return None
    first = column.iloc[0]
    if not isinstance(first, str):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        own = (fiscalquarters.format_of(column, time) or fiscalyearlabels.format_of(column, time) or timetext.format_of(column) or cjkdates.format_of(column)
               or halfyears.format_of(column) or colontimes.written(column))  # FY2006Q1 (read so by a fiscal freq); 2014Q4;
        # 2024년 1월 5일; 2000H1; 2009:1 (read so by a quarterly freq)
        fmt = own or guess(first.strip(), bool(dayfirst))
        # the other order too: a model's month-first reading of new dates that days past 12 settle day first
        other = None if own else guess(first.strip(), not dayfirst)
    rows = formsample.spread(len(time), CHECKED_ROWS)
    text = column.iloc[rows].astype(str).str.strip().to_numpy()
    if fmt is not None and "%z" in fmt:
        return localtimes.offset_format(fmt, first.strip(), text, time[rows])
    for guessed in dict.fromkeys(f for f in (fmt, other) if f is not None and "%z" not in f):
        for form in [guessed, *timetext.unpadded(guessed)]:  # 1/5/2020 0:00: %-m/%-d/%Y %-H:%M
            if (found := _guessed(form, text, time[rows])) is not None:
                return found
    if time.tz is None:  # months pandas reads but names no format for (2000/01, Jan 2000, 2000-1), two-digit years,
        forms = meridiems.marked_forms(text[0], FALLBACK, guess) or FALLBACK  # 23.01.01 오후 1:00 in its words
        return next((f for f in forms if timetext.write(time[rows[:1]], f)[0] == text[0]  # the first row: cheap
                     and (timetext.write(time[rows], f) == text).all()), None)
    return None


def kept_format(column: pd.Series, time: pd.Index, name: str, dayfirst: bool | None = None, place=str) -> str | None:
    """``written_format``, with a warning when ``column`` is text read as timestamps that no format writes back:
    its forecasts are then dated as ISO dates, and the warning names a value that could not be kept (where the
    format nearest the column writes it otherwise: ``'Sept 2000'``, ``%b %Y`` writes ``'Sep 2000'``)."""
    fmt = written_format(column, time, dayfirst)
    if fmt is not None or not isinstance(time, pd.DatetimeIndex) or not len(time) or len(column) != len(time) or \
            not isinstance(column.iloc[0], str):
        return fmt
    rows = formsample.spread(len(time), CHECKED_ROWS)
    text = column.iloc[rows].astype(str).str.strip().to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        guessed = guess(column.iloc[0].strip(), bool(dayfirst))
    best, same = None, np.zeros(len(rows), dtype=bool)
    noon = re.search(r"[AaPp][Mm]$", text[0]) is not None  # a 12-hour clock's forms are tried only on one (1000 rows each)
    for f in dict.fromkeys(([guessed, *timetext.unpadded(guessed)] if guessed else []) + list(FALLBACK)):
        if not noon and re.search("%[pP]", f):
            continue
        try:
            written = timetext.write(time[rows], f) == text
        except (ValueError, TypeError):
            continue
        if written.sum() > same.sum():
            best, same = f, written
    if guessed and ".%f" in guessed and (pd.Series(timetext.write(time[rows], guessed)).str.replace(r"(\.\d{3})000\b", r"\1", regex=True).to_numpy() == text).all():
        return None  # 12:00:00.112, ISO with milliseconds: forecasts' ISO dates keep that form (decision 1503)
    i = int(np.argmin(same))  # the first checked row the nearest format does not write back
    value = f"{text[i]!r} at {place(int(rows[i]))}"
    where = (f"{value}, where {best} writes {timetext.write(time[rows[i:i + 1]], best)[0]!r}" if best is not None
             else value)
    keep = f"write every value as {best} writes it" if best is not None else "write the column as ISO dates"
    log.warning("time column %r is written in a form no one date format writes back (%s): forecasts will be dated as "
                "ISO dates (%s), not as the column is written; %s to keep its form", name, where,
                timetext.shown(time[-1], time), keep)
    return None


def guess(text: str, dayfirst: bool = False) -> str | None:
    """pandas' guess of the format of ``text``, also where it writes a month's name in upper case (``01-JAN-2015``:
    ``%d-%^b-%Y``, which ``timetext.write`` writes), and where it writes a number without its leading zero
    (``1-1-2020``): the format of the text padded (``%m-%d-%Y``), where pandas guesses nothing, and where it
    writes a time of a 12-hour clock (``01/01/2020 01:00 PM``: ``%m/%d/%Y %I:%M %p``; ``1:00 pm``: ``%P``, written
    lower case by ``timetext.write``), which pandas' guess never names; ``timetext.unpadded`` names the forms that leave such numbers unpadded (``%-I``)."""
    if (twelve := TWELVE_HOURS.match(text)) is not None:  # 1/1/2020 1:00 PM: pandas guesses no %p
        head, hour, rest, space, noon = twelve.groups()
        fmt = guess(f"{head}{int(hour) % 12 + (12 if noon.upper() == 'PM' else 0):02d}{rest}", dayfirst)
        meridiem = {"AM": "%p", "PM": "%p", "am": "%P", "pm": "%P"}.get(noon)  # Am: no one writer's form
        hours = re.search(r"%-?H(?=:%M)", fmt or "")
        if hours is None or meridiem is None or not 1 <= int(hour) <= 12:
            return None
        return f"{fmt[:hours.start()]}%I{fmt[hours.end():]}{space}{meridiem}"
    fmt = _guess(text, dayfirst)
    padded = re.sub(r"(?<!\d)(\d)(?!\d)", r"0\1", text)  # 1-1-2020: 01-01-2020
    return fmt if fmt is not None or padded == text else _guess(padded, dayfirst)


TWELVE_HOURS = re.compile(r"^(.*?[\sT])(\d{1,2})(:\d\d(?::\d\d)?)(\s?)([AaPp][Mm])$")  # a time of a 12-hour clock, AM or pm


def _guess(text: str, dayfirst: bool) -> str | None:
    fmt = guess_datetime_format(text, dayfirst=dayfirst)
    if fmt is not None or not re.search(r"[A-Z]{3}", text):
        return fmt
    titled = guess_datetime_format(re.sub(r"[A-Z]{3,}", lambda m: m[0].title(), text), dayfirst=dayfirst)
    return re.sub(r"%([bB])", r"%^\1", titled) if titled is not None and re.search("%[bB]", titled) else None


def _guessed(fmt: str, text: np.ndarray, time: pd.DatetimeIndex) -> str | None:
    """``fmt`` where it writes every one of ``text`` back from ``time``; where some rows separate date and time
    by ISO's T and others by a space (one form), the separator more rows use (a tie: the first value's)."""
    same = timetext.write(time, fmt) == text
    if same.all():
        return fmt
    other = _other_separator(fmt)  # ISO's T beside a space: one form, written in the commoner of the two
    theirs = timetext.write(time, other) == text if other is not None else None
    if theirs is None or not (same | theirs).all():
        return None
    return other if theirs.sum() > same.sum() else fmt  # the commoner in the rows checked; a tie: the first value's


def _other_separator(fmt: str) -> str | None:
    """``fmt`` with ISO's ``T`` between date and time as a space, or the space as ``T``; None without either."""
    other = re.sub(r"(%-?d)([T ])(%-?H)", lambda m: m[1] + ("T" if m[2] == " " else " ") + m[3], fmt, count=1)
    return other if other != fmt else None


def dated(frame: pd.DataFrame, *calendars, dialect: Dialect | None = None) -> pd.DataFrame:
    """``frame`` with the text format of the first of ``calendars`` (``timecalendar.Calendar``) that has
    one in its attrs (``TIME_FORMAT``) and the ``dialect`` of the file its data came from (``DIALECT``), for
    ``csv_text``; the frame itself, changed in place."""
    fmt = next((c.text_format for c in calendars if c is not None and c.text_format), None)
    if fmt is not None:
        frame.attrs[TIME_FORMAT] = fmt
    if dialect is not None:
        frame.attrs[DIALECT] = dialect
    return frame


def csv_text(frame: pd.DataFrame, index: bool = False, file: bool = False, sep: str | None = None,
             what: str = "forecasts") -> str:
    """``frame`` as CSV text (with its index when ``index``; a ``file``'s text begins with the byte-order mark
    of a dialect that has one, standard output's never; ``sep``: a separator the output asks for, a ``.tsv``
    file's tab, else the dialect's, with its decimal mark): dates in the format of
    ``frame.attrs["time_format"]`` when every date of the frame reads back from that text to the same
    timestamp, else as pandas writes them; numbers as pandas writes them (the shortest text of each); in the
    ``Dialect`` of ``frame.attrs["csv_dialect"]`` (its separator and decimal mark, said in one line) where
    the data came from such a file, else separated by ``,`` with decimal points; ``what`` the line names as written.
    A file of many rows is written with ``write_csv``, which streams the same text."""
    return "".join(_pieces(frame, index, file, sep, what, max(len(frame), 1)))


CHUNK_ROWS = 100_000  # rows of a file written at once (write_csv): ~12 MB of text, whatever the table's length
SAID_ROWS = 1_000_000  # a file of more rows is said as it is written (it takes a while: decision 1562)


def write_csv(path, frame: pd.DataFrame, index: bool = False, sep: str | None = None, what: str = "forecasts",
              new: str | None = None, rows: int | None = None) -> None:
    """Write ``csv_text(frame, index, file=True, sep, what)`` to ``path`` as ``files.write_pieces`` writes (atomic,
    a link written through, ``new``: published only as a new file), byte for byte the same text, made ``rows`` rows
    at a time (None: ``CHUNK_ROWS``), so that a test_forecasts.csv of 9.5 million rows (1.1 GB) is never held whole in
    memory as text (decision 1560), nor predict's forecasts or evaluate's scores by series (decision 1601); a file of
    over ``SAID_ROWS`` rows is said in one INFO line first, and cells a spreadsheet would run as formulas in one
    WARNING (``formulacells``). Raises as ``files.write_bytes``."""
    if len(frame) > SAID_ROWS:  # 9,516,240 rows: "9.5 M rows"
        log.info("writing %s: %.1f M rows", Path(path).name, len(frame) / 1e6)
    formulacells.say(frame, Path(path).name, index)  # ids a spreadsheet would run, written verbatim (decision 1649)
    pieces = _pieces(frame, index, True, sep, what, rows or CHUNK_ROWS)
    files.write_pieces(path, (piece.encode("utf-8") for piece in pieces), new)


def _pieces(frame: pd.DataFrame, index: bool, file: bool, sep: str | None, what: str, rows: int):
    """``csv_text``'s text in pieces of ``rows`` rows (the first with the marks and the header): what each row is
    written as is decided once, over the whole frame (the dialect, the dates' format), then each piece made alone."""
    dialect = frame.attrs.get(DIALECT)
    if dialect is not None and not file:
        dialect = dialect._replace(bom=False, sep_line=False)  # standard output is no file: no byte-order mark, none said
    if sep is not None and sep != (dialect.sep if dialect is not None else ","):
        dialect = (dialect or Dialect(",", ".", "the data"))._replace(sep=sep, sep_line=False)  # a .tsv: no sep= line
        log.info("%s are written %s, with the decimal mark of %s", what, dialect.said, dialect.source)
    elif dialect is not None and ((*dialect[:2], *dialect[3:6]) != PLAIN or dialect.sep_line):  # fixed decimals: unsaid
        log.info("%s are written as %s is: %s", what, dialect.source, dialect.said)
    how = {"sep": dialect.sep, "decimal": dialect.decimal, "lineterminator": dialect.line_end} if dialect else {}
    unnamed = set(dialect.unnamed) if dialect is not None else set()
    if unnamed & {*frame.columns, frame.index.name}:  # a file headed ',sales' (a DatetimeIndex's to_csv): its time so
        how |= {"header": ["" if c in unnamed else str(c) for c in frame.columns],
                "index_label": "" if frame.index.name in unnamed else frame.index.name}
    headless = {k: v for k, v in how.items() if k != "header"} | {"header": False}  # the pieces after the first
    mark = "\ufeff" if file and dialect is not None and dialect.bom else ""
    mark += f"sep={dialect.sep}{dialect.line_end}" if dialect is not None and dialect.sep_line else ""  # Excel's, kept
    fmt = frame.attrs.get(TIME_FORMAT)
    if fmt is not None:
        stamps = [frame[c] for c in frame.columns] + ([frame.index] if index else [])
        if not all(_reads_back(s, fmt) for s in stamps):
            if "%y" in fmt:  # 31/12/35: 1935 to a spreadsheet, 2035 to pandas
                log.warning("dates are written as ISO dates, not in the data's form %s: some fall outside the years "
                            "a two-digit year names alike in every reader (%d .. %d)", fmt, *timetext.short_year_span())
            fmt = None
        else:  # the hour the clocks repeat written twice alike: every date with its UTC offset
            fmt = localtimes.told_apart(stamps, fmt)
    # where pandas picks one form for a column's dates (no time of day where all are at midnight, seconds' fractions
    # where one has them), pieces written alone would each pick their own: written as the whole column is
    whole = {c: _pandas_text(v) for c, v in ([*frame.items()] + [(None, frame.index)] * index)
             if rows < len(frame) and _column_formatted(v) and not (fmt is not None and _is_dates(v))}
    for start in range(0, max(len(frame), 1), rows):
        part = frame.iloc[start:start + rows]  # a new frame (copy on write): its columns set here are its own
        text = datatimes.written(part)  # serials 45296.0 written 45296, as read
        text = fixeddecimals.as_written(text, dict(dialect.decimals), dialect.decimal) if dialect is not None else text
        text = floattext.as_text(text, how.get("decimal", "."))  # pandas' text, each value formatted once (decision 2006)
        for c in part.columns:  # dates as text in fmt (pandas' date_format writes no quarters: timetext does)
            if fmt is not None and _is_dates(part[c]):
                text[c] = _written(part[c], fmt)
            elif c in whole:
                text[c] = whole[c][1][whole[c][0][start:start + rows]]
        if index and fmt is not None and _is_dates(part.index):
            text.index = pd.Index(_written(part.index, fmt), name=part.index.name)
        elif None in whole:
            text.index = pd.Index(whole[None][1][whole[None][0][start:start + rows]], name=part.index.name, dtype=object)
        yield (mark if start == 0 else "") + text.to_csv(index=index, **(how if start == 0 else headless))


def _is_dates(values) -> bool:
    return pd.api.types.is_datetime64_any_dtype(values.dtype)


def _column_formatted(values) -> bool:
    """Whether pandas writes ``values`` (a column or an index) in a form it picks for them all (dates, timedeltas)."""
    return _is_dates(values) or pd.api.types.is_timedelta64_dtype(values.dtype)


def _pandas_text(values) -> tuple[np.ndarray, np.ndarray]:
    """Codes [N] of ``values`` (dates or timedeltas) and the text pandas writes for each code, in the form it picks for
    them all; the last text, code -1, None: a missing value, written blank."""
    codes, uniques = pd.factorize(values)  # each value's text once
    return codes.astype(np.int32), np.append(np.asarray(pd.Index(uniques).astype(str), dtype=object), None)


def stamp_text(stamp, fmt: str | None, times=None) -> str:
    """One time value as text: in ``fmt`` (a calendar's ``text_format``) when it reads back to the same
    timestamp, else a date alone where ``times`` (the data's; None: the value itself) are all at
    midnight (``timetext.shown``; a backtest names its windows so: ``0 (2016-07)``)."""
    return timetext.shown(stamp, times, fmt)


def _written(values, fmt: str) -> np.ndarray:
    """``timetext.write`` of dates (none missing) each written once: a panel's test forecasts repeat a few hundred
    dates over 1.6 million rows."""
    codes, uniques = pd.factorize(values)
    return np.asarray(timetext.write(uniques, fmt), dtype=object)[codes]


def _reads_back(values, fmt: str) -> bool:
    """Whether ``values`` (a column or an index) is not a date, or dates that ``fmt`` writes and reads back
    unchanged; periods and zoned timestamps are written as pandas writes them."""
    if isinstance(values.dtype, pd.PeriodDtype):
        return False
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        return True
    times = pd.DatetimeIndex(values)
    if times.hasnans:
        return False
    return timetext.reads_back(times.unique(), fmt)  # each date once

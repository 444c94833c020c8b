"""Hour-ending timestamps that write the end of a day as 24:00 (ISO 8601's end of day), read as the next day's 00:00.

US ISOs and many SCADA exports label the hours ending 01:00 to 24:00: "2024-09-01 24:00" is the hour that ends at
midnight. pandas reads no hour 24, so such a column was refused as "not a date written as its other values are",
though it is (t34t1 MED 3). ``read`` writes each such value as the next day's 00:00 in the same form (its separator,
seconds and UTC offset kept) before the column is parsed, and says so once, with the count and the first example;
an hour 24 with minutes or seconds past it (24:30) is no time of any day and is refused by name (decision 1718).
The text is rewritten before any zone is applied, so with ``tz=`` the next day's 00:00 is placed on the local clock
as any midnight is.
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

DATE = r"(\d{4}-\d{2}-\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"  # ISO, or MM/DD/YYYY, DD.MM.YYYY, YYYY/MM/DD, 9/1/2024
END = re.compile(rf"^{DATE}([ T])24:(\d\d)((?::\d\d(?:\.\d+)?)?)((?:Z|[+-]\d\d(?::?\d\d)?)?)$")
CLOCK = re.compile(rf"^{DATE}[ T]\d{{1,2}}:\d\d")  # any value's date, before its time of day: the column's form
ORDERS = {"ymd": ("year", "month", "day"), "mdy": ("month", "day", "year"), "dmy": ("day", "month", "year")}


def read(column: pd.Series, name: str, place, say: bool = True) -> pd.Series:
    """``column`` (text [N]) with every ``YYYY-MM-DD 24:00`` (also ``T24:00``, ``24:00:00``, an offset after it; the
    date in the column's own form too: ``09/01/2024 24:00``, ``01.09.2024 24:00``, ``9/1/2024 24:00``, ``_form``)
    written as the next day's ``00:00`` in the same form; the column as given where none is. ``place(i)`` names row
    ``i``. Logs one INFO line with the count and the first (at DEBUG with ``say`` False: the text read again, for
    the form it is written in, decision 1755). Raises ``RnncastError`` for an hour 24 with minutes or
    seconds past 24:00 (``2024-09-01 24:30``), naming it and its row. A 24:00 of no day (``2024-09-31 24:00``) is left
    as written, for the column's reading to refuse by its line (decision 1754)."""
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):  # text
        return column
    text = pd.Series(column.astype(str).str.strip().to_numpy(dtype=object))  # positions as the index: place(i)
    maybe = text.str.contains("24:", regex=False).to_numpy() & column.notna().to_numpy()
    if not maybe.any():
        return column
    found = text[maybe].str.extract(END)  # [K, 5] date, separator, minutes, seconds, offset; NaN where no match
    found = found[found[0].notna()]
    if found.empty:
        return column
    past = found[(found[2] != "00") | found[3].str.strip(":0.").ne("")]
    if not past.empty:
        raise RnncastError(f"time column {name!r} holds {text.loc[past.index[0]]!r} at {place(int(past.index[0]))}, an hour 24 "
                           "past 24:00: only 24:00 itself, ISO 8601's end of a day, is read (as the next day's 00:00); "
                           "correct that value")
    order, sep, padded = _form(text[column.notna().to_numpy()], found[0])  # the column's own date form (decision 1821)
    days = _days(found[0], order, sep)  # 2024-09-31 24:00: NaT, left as written
    found, days = found[days.notna()], days[days.notna()]  # for the refusal that names it and its line (decision 1754)
    if found.empty:
        return column
    days = _written(days + pd.Timedelta(days=1), order, sep, padded)  # the next day, in the form it was read in
    out = column.to_numpy(dtype=object, copy=True)  # the other values as given: text, numbers, blanks (decision 1756)
    out[found.index.to_numpy()] = (days + found[1] + "00:00" + found[3] + found[4]).to_numpy()
    first = int(found.index[0])
    (log.info if say else log.debug)("time column %r writes the end of a day as 24:00 (hour-ending times) in %d value%s: "
                                     "read as the next day's 00:00 (%r at %s as %r)", name, len(found),
                                     "" if len(found) == 1 else "s", text.loc[first], place(first), out[first])
    return pd.Series(out, index=column.index, name=column.name)


def midnight(text: str) -> str | None:
    """One value (a cutoff given as the data writes its times: ``2024-09-15T24:00``, ``09/15/2024 24:00``) with its
    24:00 written as the same day's 00:00, for the caller to read and add a day to; None where it is no 24:00 (an hour
    24 past 24:00 too: read as no time, decision 1822)."""
    found = END.match(str(text).strip())
    if found is None or found[3] != "00" or found[4].strip(":0.") != "":
        return None
    return f"{found[1]}{found[2]}00:00{found[4]}{found[5]}"


def _days(dates: pd.Series, order: str, sep: str) -> pd.Series:
    """``dates`` (text, fields ``sep`` apart in ``order``) as days; NaT where one is no day (or not so written)."""
    fields = dates.str.split(sep, expand=True, regex=False)
    if fields.shape[1] != 3:
        return pd.Series(pd.NaT, index=dates.index, dtype="datetime64[ns]")
    parts = {unit: pd.to_numeric(fields[i], errors="coerce") for i, unit in enumerate(ORDERS[order])}
    return pd.to_datetime(pd.DataFrame(parts), errors="coerce").where(fields[ORDERS[order].index("year")].str.len() == 4)


def _form(text: pd.Series, ends: pd.Series) -> tuple[str, str, bool]:
    """The date form of a column's values (``text``) whose 24:00 values' dates are ``ends``: the order of its fields
    ("ymd", "mdy", "dmy"), their separator and whether month and day are written with two digits (09/01/2024, not
    9/1/2024). Of the orders that read every value's date, the one whose dates span the fewest days (01/02/2024 to
    01/03/2024 reads as a day apart month first, a month apart day first): the calendar the column's own reading
    finds (decision 1821)."""
    sep = next((c for c in str(ends.iloc[0]) if c in "-./"), "-")
    dates = text.str.extract(CLOCK)[0].dropna()
    dates = dates[dates.str.contains(sep, regex=False)]
    if dates.empty:
        dates = ends
    spans = {}
    for order in ORDERS:
        days = _days(dates, order, sep)
        if days.notna().all():
            spans[order] = days.max() - days.min()
    order = min(spans, key=spans.get) if spans else "ymd" if len(str(ends.iloc[0]).split(sep)[0]) == 4 else "mdy"
    fields = dates.str.split(sep, expand=True, regex=False)
    short = [i for i, unit in enumerate(ORDERS[order]) if unit != "year"] if fields.shape[1] == 3 else []
    padded = not short or any(fields[i].str.startswith("0").any() for i in short) or not any(
        (fields[i].str.len() == 1).any() for i in short)
    return order, sep, padded


def _written(days: pd.Series, order: str, sep: str, padded: bool) -> pd.Series:
    """``days`` written in the column's date form: ``order``'s fields ``sep`` apart, month and day two digits where
    ``padded``."""
    width = 2 if padded else 1
    values = {"year": days.dt.year.astype(str), "month": days.dt.month.astype(str).str.zfill(width),
              "day": days.dt.day.astype(str).str.zfill(width)}
    a, b, c = (values[unit] for unit in ORDERS[order])
    return a + sep + b + sep + c


def repeated(column: pd.Series, pair: tuple[int, int], place) -> str:
    """The clause a refusal of a time given twice at rows ``pair`` (positions in ``column``, the time column as
    written) adds where one of the two is a day's end written 24:00 and the other that time as the next day's 00:00
    (``2024-09-01 24:00`` and ``2024-09-02 00:00``): it names the 24:00 value and its row (``place(i)``) as the one
    read so; "" otherwise (decision 1756)."""
    a, b = (str(column.iloc[int(i)]).strip() for i in pair)
    for (i, end), (j, other) in (((pair[0], a), (pair[1], b)), ((pair[1], b), (pair[0], a))):
        if END.match(end) and not END.match(other):
            return (f"; {end!r} at {place(int(i))} is a day's end written 24:00, read as the next day's 00:00, which "
                    f"{other!r} at {place(int(j))} also writes: keep one of the two rows")
    return ""

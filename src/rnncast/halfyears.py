"""Half-years (semesters) as statistics offices write them: ``2000H1``, ``2000-H2``, ``H1 2000``, Eurostat's
``2000S1``, ``2000-S2`` (decision 674), and KOSIS' ``2000년 상반기``, ``2000년 하반기``, ``2000 상반기`` (decision 693).

pandas has no half-year period or offset, but its calendar of every second quarter start, ``2QS-JAN``, holds
exactly the halves' first days: a half-year is read as its first day (``2000H2``: 2000-07-01), the calendar is
inferred from those days as any other, and forecasts are written back in the column's form where they fall on a
half's first day. ``format_of`` names a column's form (``%YH%!h``: the half, 1 or 2, written ``%!h`` after the
column's own letter and separator; ``%Y년 %!k반기``: the half, 상 or 하, written ``%!k``); ``first_form`` the form
of its first value, which ``read`` holds every value to, refusing by its place a value written otherwise or naming no
half (``2000H3``); ``write`` writes times so and ``owns`` tells ``timetext`` which formats are read and written here
(``%!k`` is no directive of ``cjkdates``', whose ``owns`` takes two letters after ``%!``). ``clause`` is a refusal's hint where a
half-year stands among values of another form.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import formsample
from rnncast.errors import RnncastError

HALF = "%!h"  # the directive of the half, 1 or 2
KOREAN_HALF = "%!k"  # the directive of the half written in Korean, 상 (first) or 하 (second)
YEAR_FIRST = re.compile(r"^(?P<y>\d{4})(?P<sep>[-/ ]?)(?P<s>[HhSs])(?P<n>\d)$")  # 2000H1, 2000-H1, 2000 S1
HALF_FIRST = re.compile(r"^(?P<s>[HhSs])(?P<n>\d)(?P<sep>[-/ ]?)(?P<y>\d{4})$")  # H1 2000, S1-2000
KOREAN = re.compile(r"^(?P<y>\d{4})(?P<sep>년 ?| ?)(?P<n>[상하])반기$")  # 2000년 상반기, 2000 하반기


def form(text: str) -> str | None:
    """The format of one value written as a half-year (any digit where the half is: ``2000H3`` is refused as
    naming no half), or None."""
    if (m := YEAR_FIRST.match(text)) is not None:
        return f"%Y{m['sep']}{m['s']}{HALF}"
    if (m := HALF_FIRST.match(text)) is not None:
        return f"{m['s']}{HALF}{m['sep']}%Y"
    if (m := KOREAN.match(text)) is not None:
        return f"%Y{m['sep']}{KOREAN_HALF}반기"
    return None


def first_form(column: pd.Series) -> str | None:
    """The form of the column's first value, when it is text written as a half-year: ``read`` names any value
    written otherwise."""
    values = column.dropna()
    return form(values.iloc[0].strip()) if len(values) and isinstance(values.iloc[0], str) else None


def format_of(column: pd.Series) -> str | None:
    """The format of a text column all of whose values (up to ``formsample.CHECKED`` spread over it) are half-years
    written in one form, each naming a half; None otherwise (also for columns not of text)."""
    return formsample.one_format(column, form, read)


def owns(fmt: str | None) -> bool:
    """Whether ``fmt`` is a half-year format (``read`` and ``write`` take it; ``timetext`` passes it on)."""
    return fmt is not None and (HALF in fmt or KOREAN_HALF in fmt)


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """Half-years written in ``fmt`` as each half's first day (1 January, 1 July); a missing value is NaT. A value
    written otherwise, or naming no half, is refused (``RnncastError``) with its place (``place(i)``: row ``i``)."""
    given = column.notna().to_numpy()
    text = column.astype(str).str.strip().where(given)
    korean = KOREAN_HALF in fmt
    parts = text.str.extract(KOREAN if korean else YEAR_FIRST if fmt.startswith("%Y") else HALF_FIRST)
    parts["n"] = parts["n"].replace({"상": "1", "하": "2"}) if korean else parts["n"]
    same = text.map(lambda v: isinstance(v, str) and form(v) == fmt).to_numpy()
    bad = np.flatnonzero(given & ~same)
    first = str(column.dropna().iloc[0]).strip() if given.any() else ""
    if len(bad):
        i = int(bad[0])
        raise RnncastError(f"time column {name!r} is written as half-years ({first!r}), but holds {text.iloc[i]!r} at "
                           f"{place(i)}; write every value as {first!r} is written")
    if len(wrong := np.flatnonzero(given & ~parts["n"].isin(["1", "2"]).to_numpy())):
        i = int(wrong[0])
        raise RnncastError(f"time column {name!r} holds {text.iloc[i]!r} at {place(i)}, which names no half-year "
                           "(halves run 1 .. 2); correct that value")
    month = parts["n"].map({"1": "01", "2": "07"})
    return pd.DatetimeIndex(pd.to_datetime(parts["y"] + "-" + month + "-01", format="%Y-%m-%d", errors="coerce"))


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as half-years in ``fmt`` (a time within a half is written as that half; ``timetext.reads_back``
    says whether the text reads back to the same times)."""
    times = pd.DatetimeIndex(times)
    return np.asarray([fmt.replace("%Y", f"{y:04d}").replace(HALF, "1" if m < 7 else "2")
                       .replace(KOREAN_HALF, "상" if m < 7 else "하") for y, m in zip(times.year, times.month)], dtype=object)


def clause(value) -> str:
    """Where ``value`` is a half-year (``2000H1``) among values of another form, the clause of a refusal saying that
    a column of half-years alone is read; else ""."""
    text = str(value).strip()
    if (fmt := form(text)) is None:
        return ""
    return (f"; {text!r} is a half-year: a column of half-years alone, every value written as {text!r} is, is read "
            f"as half-years ({write(pd.DatetimeIndex(['2000-07-01']), fmt)[0]} as 2000-07-01), on the calendar '2QS-JAN'")

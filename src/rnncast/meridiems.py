"""A 12-hour clock's morning and afternoon written in Korean, Japanese or Chinese (``오전``/``오후``, ``午前``/``午後``,
``上午``/``下午``) beside a date ``cjkdates`` does not read: two-digit years (``23.01.01 오후 1:00``, Korean offices'),
month or day first (``01/05/2023 오후 1:00``). ``as_ampm`` writes each marker as ``AM``/``PM`` after its time for pandas
to read (``datetext``: the order of the date is chosen as for any 12-hour time); ``marked_forms`` turns the formats of
that text (``%p``) into the file's own (``%!ak``: ``cjkdates.MERIDIEMS``, written and read back by ``cjkdates``), so
``csvtext`` dates forecasts as the file writes its times (``23.01.11 오전 1:00``); ``way_back`` gives the pandas line
reading such text in the order not taken (``dayorder``'s warning). The markers, their AM/PM and the 1 .. 12 of their
hours are ``cjkdates``' (``MERIDIEM``, ``MARK``, ``twelve_hour``).
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from rnncast import timetext
from rnncast.cjkdates import MARK, MERIDIEM, MERIDIEMS, twelve_hour
from rnncast.textspace import SPACE

TOKEN = {w: token for token, words in MERIDIEMS.items() for w in words}  # 오후: %!ak
CJK_CLOCK = re.compile(rf"^(.*?\S){SPACE}*(?:({MARK}){SPACE}*)?(\d{{1,2}}:\d\d(?::\d\d(?:\.\d+)?)?){SPACE}*(?(2)|({MARK}))"
                       rf"{SPACE}*$")  # 오전 .. 下午: before or after the time
CLOCK_P = re.compile(r" (%-?I:%M(?::%S)?) %p$")  # a format's time of a 12-hour clock, as as_ampm writes it


def as_ampm(column: pd.Series) -> pd.Series:
    """``column`` with each 오전/오후 (午前/午後, 上午/下午) beside a time of a 12-hour clock written as ``AM``/``PM`` after
    the time (``23.01.01 오후 1:00``: ``23.01.01 1:00 PM``), which pandas reads; a marker beside no such time is left as
    written, for ``badtimes`` to refuse (``오후 13:00``)."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str):
        return column
    text = column.astype("string")
    if not text.str.contains(MARK).any():
        return column
    return text.str.replace(CJK_CLOCK, lambda m: f"{m[1]} {m[3]} {MERIDIEM[m[2] or m[4]]}"
                            if twelve_hour(m[3].split(":")[0]) else m[0], regex=True).astype(object)


def marked_forms(first: str, forms, guess) -> list[str] | None:
    """The formats that may write ``first`` (a column's first value) as written where it holds a CJK marker beside its
    time: ``guess`` (``csvtext.guess``) of its AM/PM text, day first and month first, and ``forms`` (AM/PM formats,
    ``%p``), each with its marker where ``first`` has it (``%y.%m.%d %I:%M %p`` for ``23.01.01 오후 1:00``:
    ``%y.%m.%d %!ak %-I:%M``); None where ``first`` holds none."""
    m = CJK_CLOCK.match(first.strip())
    if m is None or not (m[2] or m[4]):
        return None
    token = TOKEN[m[2] or m[4]]
    text = first.strip()
    before = bool(m[2])
    gap = text[m.end(2):m.start(3)] if before else text[m.end(3):m.start(4)]  # 오후 1:00, 오후1:00, 1:00오후
    lead = text[m.end(1):m.start(2) if before else m.start(3)]  # date, then the marker or the time
    ampm = as_ampm(pd.Series([text])).iloc[0]
    guessed = [g for d in (False, True) if (g := guess(ampm, d)) is not None]
    out = []
    for fmt in dict.fromkeys([f for g in guessed for f in (g, *timetext.unpadded(g))] + [f for f in forms if "%p" in f]):
        if (clock := CLOCK_P.search(fmt)) is not None:
            mark = f"{token}{gap}{clock[1]}" if before else f"{clock[1]}{gap}{token}"
            out.append(fmt[:clock.start()] + lead + mark)
    return out



def way_back(example: str, stamp, name: str, forms, guess) -> str | None:
    """The pandas line reading a column whose value ``example`` (a CJK marker beside its time) is ``stamp``: each
    marker rewritten as AM/PM where it stands and the format told with ``%p`` (``pd.to_datetime`` told ``dayfirst``
    alone fails on 오후), the format being the one of ``marked_forms`` (``forms``, ``guess``) that writes ``stamp`` as
    ``example``; None where ``example`` holds no marker or no such format reads it as ``stamp``."""
    text = example.strip()
    found = next((f for f in marked_forms(text, forms, guess) or ()
                  if timetext.write(pd.DatetimeIndex([stamp]), f)[0] == text), None)
    if found is None:
        return None
    m = CJK_CLOCK.match(text)
    word = m[2] or m[4]
    fmt = timetext.strptime_form(found.replace(TOKEN[word], "%p"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if pd.to_datetime(text.replace(word, MERIDIEM[word]), format=fmt) != pd.Timestamp(stamp):
                return None
        except (ValueError, TypeError):
            return None
    words = "".join(f".str.replace({w!r}, {MERIDIEM[w]!r})" for w in MERIDIEMS[TOKEN[word]])
    return f"df[{name!r}] = pd.to_datetime(df[{name!r}]{words}, format={fmt!r})"

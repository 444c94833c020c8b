"""Dates, months and quarters as Korean, Japanese and Chinese spreadsheets and statistics offices write them, and a
weekday written after a date (decision 646).

Days ``2024년 1월 5일`` (Korean Excel's, with or without spaces, padded ``2024년 01월 05일`` too), ``2024年1月5日`` and
months ``2024年1月``, ``2024년1월`` (``2024년 1월`` is ``monthtext``'s); quarters ``2000년 1분기``, KOSIS' ``2000.1/4`` and
``2000 1/4분기``, Chinese ``2024年第1季度`` / ``2024年1季度``, Japanese ``2024年第1四半期``; and any of these days or a
year-first date (``2024-01-01``, ``2024/01/05``) with a weekday after it in brackets (``(월)``, ``(金)``, ``（金）``,
``(Fri)``, Korean, Japanese or English short names) or after Chinese ``周`` / ``星期`` (``周五``, ``星期日``); and
any of these days (also Google Sheets' ``2023. 1. 5.``) with a time of day after it: a 12-hour clock's with its
morning or afternoon before or after it (``오전``/``오후``, Japanese ``午前``/``午後``, Chinese ``上午``/``下午``: Korean
Excel's ``2023-01-01 오후 1:00:00``, ``2023年1月1日 下午 1:00``, ``2023年1月1日下午1:00``; after a CJK day also AM/PM
after the time in the case and dots written, ``2024年1月1日 12:00 am``), or a 24-hour one after a CJK
day (``2024년 1월 5일 13:00``, ``2023年1月1日13:00``; ``2024-01-05 13:00`` is pandas').

``format_of`` names a column's format in strftime's directives (``%-m``: unpadded), ``%q`` for the quarter and
``%!ko``, ``%!ja``, ``%!zh`` (Sunday ``日``), ``%!zt`` (Sunday ``天``) or ``%!en`` for the weekday in that language,
``%H``/``%I``/``%M``/``%S`` for the time and ``%!ak``, ``%!aj``, ``%!ac`` for 오전/오후, 午前/午後 or 上午/下午
(``%!am``, ``%!al``, ``%!ad``, ``%!au`` for AM/PM, am/pm, a.m./p.m., A.M./P.M.);
``read`` reads such text (a quarter at its first day), refusing at its place a value written otherwise, one that
names no day, month, quarter or time (``2024년 2월 30일``, ``2000년 5분기``, ``오후 13:00``; a 24-hour time among
12-hour ones is two forms) and a weekday the date does not fall on
(``2024-01-01(화)``: a misread, never stripped), a time ``cjkunread`` names (``午前12時``, ``中午 12:00``, full-width
digits) by what it is; ``write`` writes times so, and ``owns`` tells ``timetext`` which
formats are written and read here. The values are recognised by a pattern and read by pandas.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import cjkunread, formsample
from rnncast.errors import RnncastError
from rnncast.twoclocks import LATIN, two_clocks

WEEKDAYS = {"%!ko": tuple("월화수목금토일"), "%!ja": tuple("月火水木金土日"), "%!zh": tuple("一二三四五六日"),
            "%!zt": tuple("一二三四五六天"), "%!en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
ENGLISH = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# the date a weekday may follow: Korean and CJK days (months alone have no weekday), or a year-first date in digits
DAY = (r"(?P<y>\d{4})년 ?(?P<m>\d{1,2})월(?: ?(?P<d>\d{1,2})일)?",
       r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?",
       r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})",
       r"(?P<y>\d{4})\. (?P<m>\d{1,2})\. (?P<d>\d{1,2})(?P<sep>\.)")  # Google Sheets' Korean 2023. 1. 5.
WEEKDAY = r"(?: ?(?:[(（](?P<w>[^()（）\s]{1,3})[)）]|(?:周|星期)(?P<z>[一二三四五六日天])))"
# the morning and afternoon of a 12-hour clock (Korean Excel's default 2023-01-01 오후 1:00:00; Japanese, Chinese)
MERIDIEMS = {"%!ak": ("오전", "오후"), "%!aj": ("午前", "午後"), "%!ac": ("上午", "下午")}
MERIDIEM = {w: ("AM", "PM")[k] for words in MERIDIEMS.values() for k, w in enumerate(words)}  # 오후: PM
MARK = "|".join(MERIDIEM)  # any of them, as a pattern (meridiems, badtimes)
# AM/PM after a CJK day's time, in the case and dots written (2024年1月1日 12:00 am): read as AM is (decision 1449)
LATINS = {"%!am": ("AM", "PM"), "%!al": ("am", "pm"), "%!ad": ("a.m.", "p.m."), "%!au": ("A.M.", "P.M.")}
CLOCKS = {**MERIDIEMS, **LATINS}  # every marker of a 12-hour clock this module reads and writes
AFTER = "|".join(re.escape(w) for words in CLOCKS.values() for w in words)  # one after the time, as a pattern
# a time of day after a day: 13:00, 오후 1:00:00, 1:00 下午; after 日/일 or a weekday's bracket with no space too
# (2023年1月1日下午1:00, 2023年1月1日13:00), never after a digit (2024-01-0513:00 is no form)
CLOCK = (rf"(?:(?: |(?<=[^\d\s.]))(?:(?P<a>{MARK}) ?)?(?P<H>\d{{1,2}}):(?P<M>\d\d)(?::(?P<S>\d\d))?"
         rf"(?(a)|(?: ?(?P<b>{AFTER}))?))")
BESIDE = rf"(?:{MARK}) ?(\d{{1,2}}):\d\d|(?<!\d)(\d{{1,2}}):\d\d(?::\d\d)? ?(?:{AFTER})"  # 오후 1:00, 1:00 下午: hour


QUARTER = (r"(?P<y>\d{4})년 ?(?P<q>\d)분기", r"(?P<y>\d{4})년? (?P<q>\d)/4분기", r"(?P<y>\d{4})\. ?(?P<q>\d)/4",
           r"(?P<y>\d{4})年第?(?P<q>\d)季度", r"(?P<y>\d{4})年第(?P<q>\d)四半期")
VALUE = ([re.compile(f"^{day}{WEEKDAY}?{CLOCK}?$", re.ASCII) for day in DAY]  # ASCII digits: ２０２３年 is cjkunread's
         + [re.compile(f"^{q}$", re.ASCII) for q in QUARTER])
DIRECTIVE = re.compile(r"%(?:![a-z]{2}|-?[YymdqHIKMS])")  # %K: 午前0:00's hours 0 .. 11  # %y: meridiems' 23.01.01 오후 1:00
CHECKED = 1000  # values of a column whose form settles padding and the Chinese Sunday, spread over it
UNSURE = {"%~m": ("%-m", "%m"), "%~d": ("%-d", "%d"), "%~H": ("%-H", "%H"), "%~I": ("%-I", "%I"), "%~K": ("%-K", "%K"),
          "%!z~": ("%!zt", "%!zh")}  # either, as other rows settle


def twelve_hour(hour: str, fmt: str = "") -> bool:
    """Whether ``hour`` (digits) is one of a 12-hour clock's, 1 .. 12, which 오전/오후 (午前/午後, 上午/下午) are beside;
    0 .. 11 where ``fmt`` writes its hours so (``%K``: Japanese 午前0:00 midnight, 午後0:00 noon, decision 1470)."""
    return 0 <= int(hour) <= 11 if "K" in fmt else 1 <= int(hour) <= 12


def _zero_based(values) -> bool:
    """Whether any of ``values`` (text) writes Japanese 午前/午後 beside the hour 0 (``午前0:00``: a clock of 0 .. 11)."""
    return any(isinstance(v, str) and (b := re.search(BESIDE, v)) and int(b[1] or b[2]) == 0 and
               re.search("午前|午後", v) for v in values)


def form(text: str) -> str | None:
    """The format of one value, with ``%~m`` / ``%~d`` where a two-digit month or day could be padded or not (10)
    and ``%!z~`` where a Chinese weekday is not Sunday; None where it is no form of this module's."""
    m = next((m for pattern in VALUE if (m := pattern.match(text))), None)
    if m is None:
        return None
    groups = m.re.groupindex
    if "q" not in groups:
        weekday = m["w"] is not None or m["z"] is not None
        noon = m["a"] or m["b"]
        if "sep" in groups and not (weekday or noon in MERIDIEM):
            return None  # 2024-01-05 alone, 2024-01-05 13:00, 2024-01-05 1:00 PM: pandas'
        if m["d"] is None and (weekday or m["H"] is not None or "년 " in text):
            return None  # a month has no weekday or time of day; 2024년 1월 is monthtext's
        if m["w"] is not None and _language(m["w"]) is None:
            return None
    spans = []
    for key, width in (("y", None), ("m", "m"), ("d", "d"), ("q", None), ("w", None), ("z", None), ("a", None),
                       ("b", None), ("H", "I" if "q" not in groups and noon else "H"), ("M", None), ("S", None)):
        if key not in groups or m[key] is None:
            continue
        value = m[key]
        if key in "mdH":
            token = f"%-{width}" if len(value) == 1 else f"%{width}" if value[0] == "0" else f"%~{width}"
        elif key in "ab":
            token = next(t for t, words in CLOCKS.items() if value in words)
        elif key == "w":
            token = _language(value)
        elif key == "z":
            token = "%!zh" if value == "日" else "%!zt" if value == "天" else "%!z~"
        else:
            token = f"%{key.upper() if key == 'y' else key}"
        spans.append((m.start(key), m.end(key), token))
    pieces, at = [], 0
    for start, end, token in sorted(spans):
        pieces += [text[at:start], token]
        at = end
    return "".join(pieces) + text[at:]


def _language(name: str) -> str | None:
    return next((token for token in ("%!ko", "%!ja", "%!en") if name in WEEKDAYS[token]), None)


def _shape(fmt: str) -> str:
    for unsure, (a, b) in UNSURE.items():
        fmt = fmt.replace(a, unsure).replace(b, unsure)
    return fmt


def format_of(column: pd.Series) -> str | None:
    """The format of a text column whose first value is one of this module's forms, padding and a Chinese
    Sunday settled by the values written alike (up to ``CHECKED`` spread over it: a number padded where one is,
    unpadded where one is written short, else padded); None otherwise. ``read`` names a value written otherwise."""
    values = column.dropna()
    if not len(values) or not isinstance(values.iloc[0], str) or (first := form(values.iloc[0].strip())) is None:
        return None
    rows = formsample.spread(len(values), CHECKED)
    shape = _shape(first)
    forms = [f for v in values.iloc[rows] if isinstance(v, str) and (f := form(v.strip())) and _shape(f) == shape]
    if "%!aj" in shape and _zero_based(values.iloc[rows]):  # 午前0:00 .. 午後11:00: hours 0 .. 11 (decision 1470)
        shape, forms = re.sub("%([-~]?)I", r"%\1K", shape), [re.sub("%([-~]?)I", r"%\1K", f) for f in forms]
    for unsure, (either, other) in UNSURE.items():  # 2024년 10월 15일: padded or not, as other rows say
        shape = shape.replace(unsure, either if any(either in f for f in forms) else other)
    return shape


def owns(fmt: str | None) -> bool:
    """Whether ``fmt`` is one of this module's formats (``write`` and ``read`` take it, ``timetext`` passes it on)."""
    if fmt is None or "%" in DIRECTIVE.sub("", fmt):
        return False
    return "%!" in fmt or "/4" in fmt or any(ord(c) > 127 for c in fmt)


def _pattern(fmt: str) -> re.Pattern:
    """``fmt`` as a pattern reading any value written in it (a number padded or not)."""
    names = {"%Y": r"(?P<y>\d{4})", "%y": r"(?P<y>\d\d)", "%q": r"(?P<q>\d)", "%M": r"(?P<M>\d\d)", "%S": r"(?P<S>\d\d)"}
    pieces = re.split(f"({DIRECTIVE.pattern})", fmt)
    out = []
    for piece in pieces:
        if piece in CLOCKS:
            out.append("(?P<a>" + "|".join(map(re.escape, CLOCKS[piece])) + ")")
        elif piece in WEEKDAYS:
            out.append("(?P<w>" + "|".join(WEEKDAYS[piece] + (("日", "天") if piece in ("%!zh", "%!zt") else ())) + ")")
        elif DIRECTIVE.fullmatch(piece):
            out.append(names.get(piece) or f"(?P<{piece[-1]}>\\d{{1,2}})")
        else:
            out.append(re.escape(piece))
    return re.compile("^" + "".join(out) + "$", re.ASCII)


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """Text in ``fmt`` (``format_of``) as timestamps, a quarter at its first day; a missing value is NaT. A value
    written otherwise, one naming no day, month or quarter, or whose weekday its date does not fall on, is refused
    (``RnncastError``) with its place (``place(i)`` names row ``i``)."""
    given = column.notna().to_numpy()
    text = column.astype(str).str.strip().where(given)
    parts = text.str.extract(_pattern(fmt))
    first = str(column.dropna().iloc[0]).strip() if given.any() else ""
    unlike = given & parts["y"].isna().to_numpy()
    if unlike.any():
        i = int(np.flatnonzero(unlike)[0])
        if (clause := cjkunread.why(text.iloc[i], name)) is not None:  # 中午 12:00, 午前12時: named, not two clocks
            raise RnncastError(f"time column {name!r} holds {text.iloc[i]!r} at {place(i)}, {clause}")
        marked, twelve = (bool(re.search(f"{MARK}|{AFTER}", text.iloc[i])), any(t in fmt for t in CLOCKS))
        beside = re.search(BESIDE, text.iloc[i])
        if marked and twelve and not (beside and twelve_hour(beside[1] or beside[2], fmt)):
            refuse_mark(name, text.iloc[i], place(i), fmt)  # 2023-01-01 오후 alone, 오후 13:00
        if marked != twelve and "M" in parts and re.search(r"\d:\d\d", text.iloc[i]):  # 13:00 among 오후 1:00, or the
            raise RnncastError(two_clocks(name, text.iloc[i], place(i), first))  # reverse: forecasts on neither clock
        if marked and twelve and beside and bool(beside[1]) != _mark_first(fmt):  # 1:00 오후 among 오후 1:00
            side, other = ("before", "after") if beside[1] else ("after", "before")
            raise RnncastError(f"time column {name!r} holds {text.iloc[i]!r} at {place(i)}, its marker {side} the time, "
                               f"beside {first!r}, whose marker stands {other} it: a column's times are read and "
                               f"forecast in one form; write the marker {other} the time in every value, as {first!r} "
                               "is written")
        raise RnncastError(f"time column {name!r} holds {text.iloc[i]!r} at {place(i)}; write every value as "
                           f"{first!r} is written")
    if "q" in parts:
        wrong = given & ~parts["q"].isin(list("1234")).to_numpy()
        _refuse(text, wrong, name, place, "which names no quarter (quarters run 1 .. 4)")
        return pd.DatetimeIndex(pd.PeriodIndex(parts["y"] + "Q" + parts["q"], freq="Q").to_timestamp())
    day = parts["d"] if "d" in parts else pd.Series("1", index=parts.index)
    wrong = given & ~pd.to_numeric(parts["m"], errors="coerce").between(1, 12).to_numpy()
    _refuse(text, wrong, name, place, "which names no month (months run 1 .. 12)")
    year = "%y" if "%y" in fmt else "%Y"  # %y: 23.01.01 오후 1:00 (meridiems), read back as pandas reads it
    times = pd.DatetimeIndex(pd.to_datetime(parts["y"] + "-" + parts["m"] + "-" + day, format=f"{year}-%m-%d", errors="coerce"))
    bad = np.flatnonzero(given & times.isna())
    if len(bad):
        month = pd.Period(f"{parts['y'].iloc[bad[0]]}-{int(parts['m'].iloc[bad[0]]):02d}", freq="M")
        _refuse(text, given & times.isna(), name, place, f"which names no day ({month} has {month.days_in_month} days)")
    if "w" in parts:
        _weekdays(text, parts["w"], times, fmt, name, place)
    return times + _clock(text, parts, fmt, name, place) if "M" in parts else times


def _clock(text: pd.Series, parts: pd.DataFrame, fmt: str, name: str, place) -> pd.TimedeltaIndex:
    """[N] the time of day each value writes (``오후 1:00``: 13 hours), refusing at its place one that names none: an
    hour past 23, or beside 오전/오후 (午前/午後, 上午/下午) one outside a 12-hour clock's 1 .. 12; minutes past 59."""
    given = text.notna().to_numpy()
    twelve = "a" in parts
    hour = pd.to_numeric(parts["K" if "K" in parts else "I" if twelve else "H"], errors="coerce")
    hours = hour.between(*((0, 11) if "K" in parts else (1, 12))) if twelve else hour.between(0, 23)
    if twelve and (wrong := np.flatnonzero(given & ~hours.to_numpy())).size:  # 오후 13:00, 오전 0:30
        refuse_mark(name, text.iloc[wrong[0]], place(int(wrong[0])), fmt)
    _refuse(text, given & ~hours.to_numpy(), name, place, "which names no hour (0 .. 23)")
    minutes = [pd.to_numeric(parts[k], errors="coerce") if k in parts else pd.Series(0, index=parts.index) for k in "MS"]
    _refuse(text, given & ~(minutes[0].between(0, 59) & minutes[1].between(0, 59)).to_numpy(), name, place,
            "which names no minute or second (0 .. 59)")
    if twelve:  # 오전 12:30 is 00:30, 오후 12:00 noon, 오후 1:00 13:00
        token = next(t for t in CLOCKS if t in fmt)
        hour = hour % 12 + 12 * (parts["a"] == CLOCKS[token][1])
    return pd.TimedeltaIndex(pd.to_timedelta(hour * 3600 + minutes[0] * 60 + minutes[1], unit="s"))


def _mark_first(fmt: str) -> bool:
    """Whether ``fmt`` writes its 오전/오후 (午前/午後, 上午/下午) before the hour."""
    at = min(fmt.find(t) for t in CLOCKS if t in fmt)
    return at < min(i for i in (fmt.find(d) for d in ("%I", "%-I", "%K", "%-K", "%H")) if i >= 0)


def refuse_mark(name: str, value: str, where: str, fmt: str = "") -> None:
    """Refuse ``value`` (at ``where``), whose 오전/오후 (午前/午後, 上午/下午) is beside no time of a 12-hour clock: by
    what is wrong where ``cjkunread`` names it (``午前12時``, full-width digits) or AM/PM doubles the marker; Japanese
    午前0:00 beside 午前12:00 (``fmt``: the column's format) as two clocks."""
    if (clause := cjkunread.why(value, name)) is not None:
        raise RnncastError(f"time column {name!r} holds {value!r} at {where}, {clause}")
    if (found := re.search(MARK, value)) is None:  # 2024年1月1日 13:00 pm: AM/PM alone
        raise RnncastError(f"time column {name!r} holds {value!r} at {where}, whose AM/PM is read only after a time of a "
                           "12-hour clock (1:00 .. 12:59); write the time so beside it, or as 13:00 without it")
    mark = found[0]
    noon = MERIDIEM[mark]
    if (latin := LATIN.search(value)) is not None:  # 上午 AM 12:00
        raise RnncastError(f"time column {name!r} holds {value!r} at {where}, whose time is marked twice, {mark} "
                           f"({noon}) and {latin[0]}; write one marker: {mark} beside the time in every value, or "
                           f"AM/PM alone")
    hour = (beside := re.search(BESIDE, value)) and int(beside[1] or beside[2])
    if mark in ("午前", "午後") and hour in (0, 12):  # 午前0:00 .. 午後11:59 and 午前12:00 .. 午後11:59 in one column
        raise RnncastError(f"time column {name!r} holds {value!r} at {where}, whose {mark}{hour}:00 is on another 12-hour "
                           f"clock than the column's (hours {'0 .. 11' if 'K' in fmt else '1 .. 12'}): write midnight and "
                           "noon as 午前0:00 and 午後0:00 in every value, or as 午前12:00 and 午後12:00 in every value")
    zero = f" ({mark} 0:30 is written {mark} 12:30 here)" if hour == 0 else ""
    raise RnncastError(f"time column {name!r} holds {value!r} at {where}, whose {mark} ({noon}) is read only beside a "
                       f"time of a 12-hour clock (1:00 .. 12:59){zero}; write such as '2024-01-31 {mark} 1:00:00', or "
                       "2024-01-31 13:00 without it")


def _refuse(text: pd.Series, wrong: np.ndarray, name: str, place, why: str) -> None:
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise RnncastError(f"time column {name!r} holds {text.iloc[i]!r} at {place(i)}, {why}; correct that value")


def _weekdays(text: pd.Series, written: pd.Series, times: pd.DatetimeIndex, fmt: str, name: str, place) -> None:
    """Refuse the first value whose weekday is not the one its date falls on: the date or the weekday is wrong."""
    token = next(t for t in WEEKDAYS if t in fmt)
    names = {w: k for k, w in enumerate(WEEKDAYS[token])}
    if token in ("%!zh", "%!zt"):  # 周日 and 周天: Sunday alike
        names.update({"日": 6, "天": 6})
    said = written.map(names).to_numpy(dtype=float)
    wrong = np.flatnonzero(~np.isnan(said) & (said != np.asarray(times.day_of_week, dtype=float)))
    if len(wrong):
        i = int(wrong[0])
        day = int(times[i].day_of_week)
        raise RnncastError(f"time column {name!r} holds {text.iloc[i]!r} at {place(i)}, but {times[i]:%Y-%m-%d} falls "
                           f"on a {ENGLISH[day]} ({WEEKDAYS[token][day]}); correct the date or its weekday")


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as text in ``fmt`` (one of this module's formats): each directive written here, so the same on
    every platform and in every locale."""
    times = pd.DatetimeIndex(times)
    fields = {"%Y": [f"{y:04d}" for y in times.year], "%y": [f"{y % 100:02d}" for y in times.year], "%m": [f"{m:02d}" for m in times.month],
              "%-m": [str(m) for m in times.month], "%d": [f"{d:02d}" for d in times.day],
              "%-d": [str(d) for d in times.day], "%q": [str(q) for q in times.quarter],
              "%H": [f"{h:02d}" for h in times.hour], "%-H": [str(h) for h in times.hour],
              "%I": [f"{(h + 11) % 12 + 1:02d}" for h in times.hour], "%-I": [str((h + 11) % 12 + 1) for h in times.hour],
              "%K": [f"{h % 12:02d}" for h in times.hour], "%-K": [str(h % 12) for h in times.hour],
              "%M": [f"{m:02d}" for m in times.minute], "%S": [f"{s:02d}" for s in times.second]}
    written = np.full(len(times), "", dtype=object)
    for piece in re.split(f"({DIRECTIVE.pattern})", fmt):
        if piece in CLOCKS:
            written = written + np.asarray([CLOCKS[piece][h >= 12] for h in times.hour], dtype=object)
        elif piece in WEEKDAYS:
            written = written + np.asarray([WEEKDAYS[piece][d] for d in times.day_of_week], dtype=object)
        elif piece in fields:
            written = written + np.asarray(fields[piece], dtype=object)
        else:
            written = written + piece
    return written

"""Korean, Japanese and Chinese times written in a way rnncast does not read, named for what they are: full-width
digits (``２０２３年１月１日 上午 １２：００``), a month and day with no year (``1월 1일 오전 12:00``, ``1月1日 12:00``:
no place in time, decision 1448), an hour word in place of ``:MM`` (``午前12時``, ``上午12点``, ``오전 12시``)
and a part of the day other than the 12-hour clock's morning and afternoon (``中午 12:00``, ``晚上 8:00``, ``凌晨 3:00``,
``새벽 3:00``). ``why`` gives the clause a refusal (``cjkdates``, ``badtimes``) adds, with the value rewritten as
rnncast reads it where that is one rewriting (``午前12:00``); ``FOUND`` finds such a value in a column.

None of these is read: a forecast is dated in the file's own form, and rnncast writes no full-width digits, no hour
word and no third marker (``中午 12:30`` would be forecast as ``下午 12:30``, a form the column does not hold).
"""

from __future__ import annotations

import re

HOUR_WORDS = "時|时|点|點|시"  # Japanese, Chinese (simplified, traditional), Korean
HOUR = re.compile(rf"(?<!\d)(\d{{1,2}}) ?(?:{HOUR_WORDS})(?: ?(\d{{1,2}}) ?(?:分|분))?", re.ASCII)  # 12時, 12時30分
# parts of the day read by no 12-hour clock here (오전/오후, 午前/午後, 上午/下午 are): what each says, and for the noon
# words the afternoon marker of their language that writes noon as rnncast reads it
PARTS = {"中午": "noon", "正午": "noon", "정오": "noon", "晌午": "noon", "凌晨": "small hours", "半夜": "midnight",
         "午夜": "midnight", "深夜": "late night", "早上": "morning", "早晨": "morning", "清晨": "early morning",
         "晚上": "evening", "傍晚": "dusk", "夜里": "night", "夜間": "night", "夜间": "night", "夕方": "evening",
         "새벽": "dawn", "아침": "morning", "저녁": "evening", "자정": "midnight", "낮": "daytime", "밤": "night"}
NOON = {"中午": "下午", "晌午": "下午", "正午": "午後", "정오": "오후"}
PART = re.compile(rf"({'|'.join(PARTS)}) ?(?=\d)")  # only before a time: 밤 or 낮 elsewhere is no part of a day
WIDE = re.compile(r"[０-９：]")  # full-width digits and colon (NFKC makes them 0-9 and :)
# a month and day first, with no year before them (1월 1일, 1月1日); 2024年1月1日 is read (cjkdates)
NO_YEAR = re.compile(r"^(\d{1,2}) ?(월|月) ?(\d{1,2}) ?(일|日)", re.ASCII)
YEAR = {"월": "2024년 ", "月": "2024年"}  # how the year is written before the month, in the value's own words
# a value one of ``why``'s clauses names
FOUND = rf"[０-９：]|^\s*\d{{1,2}} ?(?:월|月) ?\d{{1,2}} ?(?:일|日)|\d ?(?:{HOUR_WORDS})|(?:{'|'.join(PARTS)}) ?\d"


def why(value: str, name: str) -> str | None:
    """The clause refusing ``value`` (of time column ``name``) where it is written in one of the ways named above, what
    is wrong and what is read; None where it is not."""
    if WIDE.search(value):
        return (f"whose digits are full-width ({''.join(sorted(set(WIDE.findall(value))))}), which rnncast does not "
                f"read; write them as 0-9 and ':', e.g. with pandas: df[{name!r}] = df[{name!r}].str.normalize('NFKC')")
    if (day := NO_YEAR.match(value.strip())) is not None:
        return (f"which has no year, so it cannot be placed in time; write the year in every value, as "
                f"{YEAR[day[2]] + value.strip()!r}")
    if (hour := HOUR.search(value)) is not None:
        written = f"{int(hour[1])}:{int(hour[2] or 0):02d}"
        return (f"whose hour is written with a word ({hour[0]!r}), which rnncast does not read; write the time as "
                f"hours and minutes, as {value[:hour.start()] + written + value[hour.end():]!r}")
    if (part := PART.search(value)) is not None:
        word = part[1]
        instead = (f"write noon as {NOON[word]} 12:00" if word in NOON else
                   "write the time with one of them on a 12-hour clock")
        return (f"whose {word} ({PARTS[word]}) rnncast does not read: it reads a 12-hour clock's 오전/오후, 午前/午後 or "
                f"上午/下午 (morning, afternoon); {instead}, or on a 24-hour clock without a marker")
    return None

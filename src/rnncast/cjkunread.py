"""Korean, Japanese and Chinese times written in a way rnncast does not read, named for what they are: full-width
digits (``２０２３年１月１日 上午 １２：００``), a month and day with no year (``1월 1일 오전 12:00``, ``1月1日 12:00``:
no place in time, decision 1448), an hour word in place of ``:MM`` (``午前12時``, ``上午12点``, ``오전 12시``)
and a part of the day other than the 12-hour clock's morning and afternoon (``中午 12:00``, ``晚上 8:00``, ``凌晨 3:00``,
``새벽 3:00``), a Japanese era or Minguo year (``令和5年1月2日``, ``R5.1.2``, ``民國112年``) or a fiscal year
(``2024年度``: ``clause``). ``why`` gives the clause a refusal (``cjkdates``, ``badtimes``) adds, with the value rewritten as
rnncast reads it where that is one rewriting (``午前12:00``); ``FOUND`` finds such a value in a column.

None of these is read: a forecast is dated in the file's own form, and rnncast writes no full-width digits, no hour
word and no third marker (``中午 12:30`` would be forecast as ``下午 12:30``, a form the column does not hold).
"""

from __future__ import annotations

import re

import pandas as pd

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
# era years (decision 1471): the Western year of each era's first year, and what the era is
ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019, "民國": 1912, "民国": 1912}
LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}  # R5.1.2: 令和5年1月2日
ERA = re.compile(rf"({'|'.join(ERAS)}) ?(元|\d{{1,3}}) ?年")
LETTER_ERA = re.compile(r"^\s*([MTSHR])(\d{1,2})([./-])(\d{1,2})\3(\d{1,2})(?!\d)")
NENDO = re.compile(r"^\s*(\d{4}) ?年度(?:第?(\d)四半期)?")  # 2024年度, 2024年度第1四半期: a fiscal year
# a value one of ``why``'s clauses names
FOUND = (rf"[０-９：]|^\s*\d{{1,2}} ?(?:월|月) ?\d{{1,2}} ?(?:일|日)|\d ?(?:{HOUR_WORDS})|(?:{'|'.join(PARTS)}) ?\d"
         rf"|(?:{'|'.join(ERAS)}) ?(?:元|\d)|^\s*[MTSHR]\d{{1,2}}[./-]\d|^\s*\d{{4}} ?年度")


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
    if (era := _era(value)) is not None:
        return f"which is {era[0]}, which rnncast does not read as time; {era[1]}"
    if (part := PART.search(value)) is not None:
        word = part[1]
        instead = (f"write noon as {NOON[word]} 12:00" if word in NOON else
                   "write the time with one of them on a 12-hour clock")
        return (f"whose {word} ({PARTS[word]}) rnncast does not read: it reads a 12-hour clock's 오전/오후, 午前/午後 or "
                f"上午/下午 (morning, afternoon); {instead}, or on a 24-hour clock without a marker")
    return None



def _era(value: str) -> tuple[str, str] | None:
    """What ``value`` is where it writes a year of a Japanese era (``令和5年1月2日``, ``R5.1.2``, ``平成元年``), of the
    Minguo calendar (``民國112年``) or a fiscal year (``2024年度``, ``2024年度第1四半期``), and what to write instead (the
    Western year, a fiscal year's first day); None otherwise (decision 1471). None of these is read: forecasts would
    be dated in a form rnncast does not write, and a 年度's first month is April in Japan, January in China."""
    if (era := ERA.search(value)) is not None:
        year = ERAS[era[1]] + (1 if era[2] == "元" else int(era[2])) - 1
        what = "dated in a Minguo (Republic of China) year" if era[1] in ("民國", "民国") else "dated in a Japanese era year"
        western = (value[:era.start()] + f"{year}年" + value[era.end():]).strip()
        return f"{what} ({era[1]}{era[2]} is {year})", f"write the Western year, as {western!r}"
    if (era := LETTER_ERA.match(value)) is not None:
        year = ERAS[LETTERS[era[1]]] + int(era[2]) - 1
        western = f"{year}/{int(era[4]):02d}/{int(era[5]):02d}" + value[era.end():].rstrip()
        return (f"dated in a Japanese era year ({era[1]}{era[2]}: {LETTERS[era[1]]}{era[2]}, {year})",
                f"write the Western year, as {western!r}")
    if (nendo := NENDO.match(value)) is None:
        return None
    year, quarter = int(nendo[1]), nendo[2]
    if quarter is not None and quarter in "1234":  # Japan's fiscal quarters start in April, July, October, January
        start = pd.Timestamp(year, 4, 1) + pd.DateOffset(months=3 * (int(quarter) - 1))
        return ("a quarter of a Japanese fiscal year (年度, from April)",
                f"write each as its first day, as '{start:%Y-%m-%d}'")
    return ("a fiscal year (年度: from April in Japan, January in China)",
            f"write each as its first day, as '{year}-04-01' (Japan's) or '{year}-01-01', and the calendar is read as "
            "yearly from that month")


def clause(value) -> str:
    """The clause a refusal of a column not read as time adds (``timeunread``) where ``value`` is an era year or a
    fiscal year (``_era``): what it is and what to write; else ""."""
    found = _era(str(value).strip()) if isinstance(value, str) else None
    return f"; {value.strip()!r} is {found[0]}; {found[1]}" if found else ""

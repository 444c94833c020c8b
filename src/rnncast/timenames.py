"""The names that say a column holds time: time names taken as the time column by name whatever it holds (``date``,
``ds``; Korean ``날짜``, ``일자``, ``일시``, Japanese ``日付``, ``日時``, Chinese ``日期``, ``时间``: decision 647), integer
periods, compact months and weeks by name (``year``, ``period``, Korean ``기간`` and KOSIS' ``시점``; ``month``;
``week``), and the words of a name that say
dates (``OrderDate``, ``Datum``) or Unix times (``ts``, ``epoch_ms``), and names that are time words alone (``time_named``); words of a name that, with values that fit, tell a time
column (``worded``: ``open_time``, ``crop_year``, ``wordtimes``). ``timeaxis`` finds the time column by them.
Other languages' time names (``LOCAL_TIME_WORDS``: ``Datum``, ``mês``, ``Tarih``, ``Месяц``, ``年月``) only start
``timeunread``'s look at a column of text not read as time (``local_time_named``).
"""

from __future__ import annotations

import re

# taken as the time column by name: English, then the headers Korean, Japanese and Chinese sheets give dates
# (日付 and 日時 Japanese; 日期 and 时间 Chinese; 時間 is Japanese for hours worked, not taken)
TIME_NAMES = ("date", "ds", "time", "_time", "timestamp", "datetime", "날짜", "일자", "일시", "日付", "日時", "日期",
              "时间")  # _time: InfluxDB's (decision 1534)
INTEGER_NAMES = ("year", "period", "step", "time_idx", "기간", "시점")  # integer columns taken as integer periods by name
MONTH_NAMES = ("month", "yearmonth", "year_month", "yyyymm")  # integer columns of months (200001) taken by name
WEEK_NAMES = ("week", "yearweek", "year_week", "yyyyww", "wk", "kw", "kalenderwoche", "epiweek", "epi_week", "isoweek",
              "iso_week")  # kw: German Kalenderwoche
# integer columns of ISO weeks (201902) taken by name, read as 2019-W02 (weektext.iso_codes); MMWR's refused
TIME_WORDS = frozenset(TIME_NAMES + INTEGER_NAMES + MONTH_NAMES + WEEK_NAMES + ("quarter", "qtr", "day", "fy", "fiscal")) - {
    "kw"}  # kW is kilowatts too: a week's name only where it holds week codes (202301)


# the words other languages' sheets name a time column with (decision 1709): they start ``timeunread``'s look at a
# column of text not read as time, as English ``TIME_WORDS`` do, and no more (``says_time`` stays English: 'data' and
# 'ano' are words of English tables too); the languages ``monthnames.BY_LANGUAGE`` writes months in, and CJK headers
LOCAL_TIME_WORDS = {
    "German": "datum monat jahr zeit zeitraum periode woche quartal stichtag",
    "French": "mois année annee période periode jour semaine trimestre",
    "Italian": "data mese anno periodo giorno settimana trimestre",
    "Spanish": "fecha mes año periodo período día semana trimestre",
    "Dutch": "datum maand jaar periode dag week kwartaal",
    "Portuguese": "data mês mes ano período periodo dia semana trimestre",
    "Turkish": "tarih ay yıl yil dönem donem gün gun hafta çeyrek",
    "Russian": "дата месяц год период день неделя квартал время",
    "Chinese": "年月 年月日 月份 年份 月 年 期间 时期 统计月份",
    "Japanese": "年月 年月日 月 年 期間 対象年月",
    "Korean": "년월 연월 월 연도 년도 기준년월",
}
LOCAL_WORDS = frozenset(w for words in LOCAL_TIME_WORDS.values() for w in words.split())


def local_time_named(name) -> bool:
    """Whether a column's name is, or has among its words, a word ``LOCAL_TIME_WORDS`` lists: ``Datum``, ``mês``,
    ``Tarih`` (``TARİH`` too), ``Месяц``, ``年月``, ``Monat der Buchung``."""
    lower = str(name).strip().lower().replace("\u0307", "")  # 'TARİH'.lower() keeps İ's dot as a combining mark
    return lower in LOCAL_WORDS or bool(set(re.findall(r"[^\W\d_]+", lower)) & LOCAL_WORDS)


def time_named(name) -> bool:
    """Whether a column's name says time in every word: one of ``TIME_WORDS`` (``period``, ``quarter``, ``날짜``) or
    words that all are (``TIME_PERIOD``, ``fiscal_quarter``; not ``time_zone``). Such a column holding text not read
    as time is refused where no time column was found (``timeaxis``), never passed over with the rows numbered."""
    lower = str(name).strip().lower()
    words = [w for w in re.split(r"[^a-z]+", lower) if w]
    return lower in TIME_WORDS or (bool(words) and set(words) <= TIME_WORDS)


DATE_WORD = re.compile(r"(?:^|[^A-Za-z])(?:[Dd]ate|[Dd]atum|[Ff]echa)|(?<=[a-z])(?:Date|Datum|Fecha)|"
                        r"(?:DATE|DATUM|FECHA)(?![A-Z])|(?<![A-Z])(?:DATE|DATUM|FECHA)")  # Datum, Fecha; not candidates


def dated_name(name) -> bool:
    """Whether a column's name says it holds dates: a time name (``Date``, ``ds``) or one that writes "date" as a
    word (``OrderDate``, ``Posting Date``, ``trade_date``, ``dates``; not ``candidates`` or ``updated``), or
    German, Dutch and Nordic ``Datum`` or Spanish ``Fecha`` so (``Bestelldatum`` is not), or is ``day``: Excel
    serials there are dates."""
    lower = str(name).lower()
    return lower in TIME_NAMES or lower == "day" or DATE_WORD.search(str(name)) is not None


EPOCH_WORDS = ("ts", "unix", "epoch")  # words of a name (ts, unix_time, epoch_s) that say its numbers are Unix times


def epoch_named(name) -> bool:
    """Whether a column's name says it holds Unix times: one of ``EPOCH_WORDS`` among its words (``ts``,
    ``unix_time``, ``unixTime``, ``epoch_ms``), or ``unix`` or ``epoch`` within it (``unixtime``)."""
    text = str(name).strip()
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", text)}
    return bool(words & set(EPOCH_WORDS)) or "unix" in text.lower() or "epoch" in text.lower()


def says_time(name) -> bool:
    """Whether a column's name says it holds time, so that numbering the rows past it is refused where it is not read
    as time (``timeunread.refuse``): a time name (``time_named``) or a Unix-time name (``epoch_named``: ``ts``,
    ``unix_time``, ``epoch_ms``), whose numbers ``time_unit`` reads."""
    return time_named(name) or epoch_named(name)


# words of a name that, with values that fit, tell a time column (wordtimes, decision 2242)
YEAR_WORDS = frozenset(("year", "years", "yr", "yrs", "fy", "period"))  # words of a year column's name: crop_year, fy
WORD_TIMES = YEAR_WORDS | {"time", "date", "mts", "ts", "stamp", "timestamp", "datetime", "epoch", "unix"}  # open_time


def words(name) -> set[str]:
    """The words of a column's name, lowercased: ``open_time``, ``Open time`` and ``OpenTime`` are {'open', 'time'}."""
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", str(name))}


def worded(name, vocabulary=WORD_TIMES) -> bool:
    """Whether a word of the name is one of ``vocabulary`` (time words; ``YEAR_WORDS`` for years)."""
    return bool(words(name) & vocabulary)

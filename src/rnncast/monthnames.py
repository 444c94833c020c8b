"""Month names written in another language than English ('Mär 1995', 'janv. 1995', 'mag 2020'): named as such
where a time column is refused, with how to write the months to be read.

pandas reads month names in English alone (``%b``, ``%B``: the C locale's; ``dateutil`` the same), and no library
rnncast depends on reads another language's. t30t6's German months were refused at their first non-English name
('Mär 1995') as "not a date written as its other 80 values are; correct that value", though 40 values were German
(Jan, Feb, Apr, Jun ... are English too), and French months ('janv. 1995') with no time column named were passed over,
the rows numbered. ``BY_LANGUAGE`` lists the names and abbreviations of eight languages' Excel and statistics offices (Turkish and
Russian too, Russian's genitive of '1 января 2026 г.': decision 1710; Babel's CLDR data has them, but as a dependency
for a table of 12 rows a language);
``clause`` says which language a column's months are written in and how many values, and ``written`` tells a column
of such months, refused rather than numbered (``timeunread.refuse``).
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import counted

ENGLISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# each language's names of the 12 months, the forms of one month separated by spaces (lower case, no final point)
BY_LANGUAGE = {
    "German": ("jan januar jän jänner", "feb februar", "mär märz mrz", "apr april", "mai", "jun juni", "jul juli",
               "aug august", "sep sept september", "okt oktober", "nov november", "dez dezember"),
    "French": ("janv janvier", "févr fév février", "mars", "avr avril", "mai", "juin", "juil juillet", "août",
               "sept septembre", "oct octobre", "nov novembre", "déc décembre"),
    "Italian": ("gen gennaio", "feb febbraio", "mar marzo", "apr aprile", "mag maggio", "giu giugno", "lug luglio",
                "ago agosto", "set settembre", "ott ottobre", "nov novembre", "dic dicembre"),
    "Spanish": ("ene enero", "feb febrero", "mar marzo", "abr abril", "may mayo", "jun junio", "jul julio",
                "ago agosto", "sep sept septiembre setiembre", "oct octubre", "nov noviembre", "dic diciembre"),
    "Dutch": ("jan januari", "feb februari", "mrt maart", "apr april", "mei", "jun juni", "jul juli",
              "aug augustus", "sep september", "okt oktober", "nov november", "dec december"),
    "Portuguese": ("jan janeiro", "fev fevereiro", "mar março", "abr abril", "mai maio", "jun junho", "jul julho",
                   "ago agosto", "set setembro", "out outubro", "nov novembro", "dez dezembro"),
    # Turkish Excel's (Oca, Şub ...) and names; MAYIS lower-cased by Python is 'mayis' (I is not ı): both (decision 1710)
    "Turkish": ("oca ocak", "şub şubat subat", "mar mart", "nis nisan", "may mayıs mayis", "haz haziran", "tem temmuz",
                "ağu ağustos agustos", "eyl eylül eylul", "eki ekim", "kas kasım kasim", "ara aralık aralik"),
    # Russian: Excel's abbreviations (янв, февр), the nominative (январь) and the genitive of a day's date (1 января)
    "Russian": ("янв январь января", "фев февр февраль февраля", "мар март марта", "апр апрель апреля", "май мая",
                "июн июнь июня", "июл июль июля", "авг август августа", "сен сент сентябрь сентября",
                "окт октябрь октября", "ноя нояб ноябрь ноября", "дек декабрь декабря"),
}
ENGLISH_WORDS = set(ENGLISH) | {"sept", "january", "february", "march", "april", "june", "july", "august",
                                "september", "october", "november", "december"}
FOREIGN: dict[str, tuple[int, list[str]]] = {}  # a word no English month is written as: (its month 0-11, languages)
for _language, _months in BY_LANGUAGE.items():
    for _k, _forms in enumerate(_months):
        for _word in set(_forms.split()) - ENGLISH_WORDS:
            FOREIGN.setdefault(_word, (_k, []))[1].append(_language)
FILLERS = {"de", "del", "г.", "г", "года"}  # words of a date beside its month's name: 1 de enero de 2026, 1 января 2026 г.
WORD = re.compile(r"[^\W\d_]+")  # a run of letters, any script's


def foreign(value) -> tuple[str, int, list[str]] | None:
    """The first word of ``value`` that writes a month in another language than English, as written, its month
    (0-11) and the languages that write it so ('Mär 1995': ('Mär', 2, ['German'])); None where none does."""
    for word in WORD.findall(str(value)):
        if (found := FOREIGN.get(word.lower())) is not None:
            return word, found[0], found[1]
    return None


def _monthly(value) -> bool:
    """Whether ``value`` writes a year or a day beside a month's name in any of the languages (or English)."""
    return bool(re.search(r"\d", str(value))) and any(w in FOREIGN or w in ENGLISH_WORDS for w in WORD.findall(str(value).lower()))


def written(column: pd.Series) -> bool:
    """Whether ``column`` is months written in another language than English: every value is text writing a number
    beside a month's name (``_monthly``), and some of them a name no English month has ('Mär', 'janv.')."""
    given = column.dropna()
    return bool(len(given)) and all(isinstance(v, str) and _monthly(v) for v in given) and \
        any(foreign(v) is not None for v in given)


def clause(column: pd.Series, value) -> str:
    """Where ``value`` (of ``column``, text) writes a month in another language: "; its months are written in German
    (40 of its 120 values name a month as English does not, as 'Mär' for Mar), and month names are read in English
    only (Jan, Feb, Mar ... Dec): write them so ('Mar 1995') or as numbers (...)"; "" where it does not."""
    if (found := foreign(value)) is None:
        return ""
    word, month, languages = found
    given = [v for v in column.dropna() if isinstance(v, str)]
    tally = Counter(language for v in given if (f := foreign(v)) is not None for language in f[2])
    language = max(languages, key=lambda lang: tally[lang])  # Mai: German, French or Portuguese, by the others
    held = sum(foreign(v) is not None for v in given)
    english = ENGLISH[month].capitalize()
    shown = str(value).strip().replace(word, english).replace(f"{english}.", english)  # 'janv. 1995': 'Jan 1995'
    shown = re.sub(rf"(?<={english})/(?=\d)", "-", shown)  # 'fev/23': 'Feb-23', as 'Feb/23' is not read
    shown = " ".join(w for w in shown.split() if w.lower() not in FILLERS)  # '1 de janeiro de 2026': '1 Jan 2026'
    so = "" if set(WORD.findall(shown.lower())) - ENGLISH_WORDS else f"so ({shown!r}) or "  # a word left: numbers
    return (f"; its months are written in {language} ({held} of its {counted(len(given), 'value')} name a month "
            f"as English does not, as {word!r} for {english}), and month names are read in English only (Jan, Feb, "
            f"Mar ... Dec): write them {so}as numbers (1995-03 for a month, 1995-03-01 for a day)")


def refuse(column: pd.Series, name: str, place) -> None:
    """Refuse a time column whose values write months in another language (``clause``), naming its first such value
    at ``place`` (row -> 'line N of FILE'): 'janv. 1995' and 'mars 1995' are one form, not the two ``twoforms.one_form``
    would name."""
    rows = [i for i, v in enumerate(column) if isinstance(v, str) and foreign(v) is not None]
    if rows:
        value = column.iloc[rows[0]]
        raise RnncastError(f"time column {name!r} holds {value!r} at {place(rows[0])}, which rnncast does not read as "
                           f"time{clause(column, value)}")

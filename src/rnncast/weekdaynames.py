"""Dates written after a weekday named in another language than English (``So, 01.01.2023``, as German Excel's
format ``TTT, TT.MM.JJJJ`` writes them; ``dim. 01/01/2023``): pandas reads English weekday names only, so such a
column is not read as time. ``clause`` names the weekday and its language, and the date written without it, for the
refusal of a column not read as time (``timeunread``), as ``monthnames`` names months in another language.
"""

from __future__ import annotations

import calendar
import re
import warnings

import pandas as pd

WEEKDAYS = {  # the names and abbreviations Excel writes, by language (English ones are read by pandas)
    "German": "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so",
    "French": "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim",
    "Spanish": "lunes martes miércoles jueves viernes sábado domingo lun mar mié jue vie sáb dom",
    "Italian": "lunedì martedì mercoledì giovedì venerdì sabato domenica lun mar mer gio ven sab dom",
    "Dutch": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo",
}
LEAD = re.compile(r"\s*([^\W\d_]+)\.?,?\s+(?=\d)")  # 'So, ' 'dim. ' 'Montag ' before the date's first digit
FULL_DATE = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}\b")  # day, month and year: 01.01.2023 01/01/2023 2023-01-01
MONTHS = {m.lower() for m in calendar.month_abbr if m}  # 'Mar 2023' is March (pandas reads it), no French mardi


def found(value) -> tuple[str, str, str] | None:
    """(the weekday as written, its languages, the date after it) where ``value`` is a full date (day, month and year)
    written after a weekday named in another language than English (``So, 01.01.2023``: ('So', 'German',
    '01.01.2023'); ``lun. 02/01/2023``: ('lun', 'French, Spanish or Italian', '02/01/2023')); else None. An English
    month's abbreviation (``Mar 2023``) is no weekday."""
    text = str(value)
    if not (match := LEAD.match(text)) or match[1].lower() in MONTHS:
        return None
    word, rest = match[1], text[match.end():].strip()
    languages = [lang for lang, names in WEEKDAYS.items() if word.lower() in names.split()]
    if not languages or not FULL_DATE.match(rest):  # English names are read by pandas: a column of them is no refusal's
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if pd.isna(pd.to_datetime(rest, errors="coerce", dayfirst=True)):  # 'Mo 5': no date after it
            return None
    return word, " or ".join([", ".join(languages[:-1]), languages[-1]] if len(languages) > 1 else languages), rest


def clause(value) -> str:
    """"; its dates begin with a weekday named in German ('So' before '01.01.2023'), which rnncast does not read: ..."
    where ``value`` is such a date (``found``); else ""."""
    if (seen := found(value)) is None:
        return ""
    word, language, rest = seen
    return (f"; its dates begin with a weekday named in {language} ({word!r} before {rest!r}), and weekday names are "
            f"read in English only: write the dates without it ({rest!r}; in Excel, a date format without the weekday)")

"""Excel's error values as each language's Excel writes them in a CSV export: one table, by language.

A German Excel writes its "not available" as ``#NV`` where an English one writes ``#N/A`` (pandas' default
missing-value strings hold only the English), and ``#WERT!`` for ``#VALUE!``. t30t6's German, Italian and Dutch files
were refused as "not numeric" with no advice where the English ``#N/A`` of the same cell was read as missing.
``NOT_AVAILABLE`` (every language's ``#N/A``) is read as a missing value wherever ``#N/A`` is: ``is_not_available`` is the
one rule (any case, any spaces around it), which ``not_available`` (a column's), ``numbertext``, ``data``, ``fills``
and ``settingvalues`` ask, and ``SPELLINGS`` its commonest spellings for pandas' reader (``sheetcsv.NA_STRINGS``); ``ERRORS`` (every language's other error values: a formula that failed) is named as such where a column is
refused for holding one (``numbertext.hint``), with its English name.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # settingvalues imports this module, and the CLI's --help imports no pandas
    import numpy as np
    import pandas as pd

# language: (its #N/A, its #DIV/0!, #VALUE!, #REF!, #NUM!, #NAME?, #NULL!, #SPILL!, #CALC!), "" where not known
ENGLISH = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!")
BY_LANGUAGE = {
    "English": ENGLISH,
    "German": ("#NV", "#DIV/0!", "#WERT!", "#BEZUG!", "#ZAHL!", "#NAME?", "#NULL!", "#ÜBERLAUF!", "#KALK!"),
    "French": ("#N/A", "#DIV/0!", "#VALEUR!", "#REF!", "#NOMBRE!", "#NOM?", "#NUL!", "#PROPAGATION!", "#CALC!"),
    "Italian": ("#N/D", "#DIV/0!", "#VALORE!", "#RIF!", "#NUM!", "#NOME?", "#NULLO!", "#ESPANSIONE!", "#CALC!"),
    "Spanish": ("#N/A", "#¡DIV/0!", "#¡VALOR!", "#¡REF!", "#¡NUM!", "#¿NOMBRE?", "#¡NULO!", "#¡DESBORDAMIENTO!",
                "#¡CALC!"),
    "Portuguese": ("#N/D", "#DIV/0!", "#VALOR!", "#REF!", "#NÚM!", "#NOME?", "#NULO!", "", ""),
    "Dutch": ("#N/B", "#DEEL/0!", "#WAARDE!", "#VERW!", "#GETAL!", "#NAAM?", "#LEEG!", "#OVERLOOP!", "#BEREKENEN!"),
    "Swedish": ("#SAKNAS!", "#DIVISION/0!", "#VÄRDEFEL!", "#REFERENS!", "#OGILTIGT!", "#NAMN?", "#SKÄRNING!", "", ""),
    "Danish": ("#I/T", "#DIVISION/0!", "#VÆRDI!", "#REFERENCE!", "#NUM!", "#NAVN?", "#NUL!", "", ""),
    "Norwegian": ("#I/T", "#DIV/0!", "#VERDI!", "#REF!", "#NUM!", "#NAVN?", "#NULL!", "", ""),
    "Finnish": ("#PUUTTUU!", "#JAKO/0!", "#ARVO!", "#VIITTAUS!", "#LUKU!", "#NIMI?", "#TYHJÄ!", "", ""),
    "Polish": ("#N/D", "#DZIEL/0!", "#ARG!", "#ADR!", "#LICZBA!", "#NAZWA?", "#ZERO!", "", ""),
    "Russian": ("#Н/Д", "#ДЕЛ/0!", "#ЗНАЧ!", "#ССЫЛКА!", "#ЧИСЛО!", "#ИМЯ?", "#ПУСТО!", "", ""),
}
NOT_AVAILABLE = tuple(dict.fromkeys(names[0] for names in BY_LANGUAGE.values()))  # read as missing, as #N/A is


def is_not_available(value) -> bool:
    """Whether ``value`` is text writing any language's Excel #N/A, in any case and with any spaces around it ('#nv',
    ' #N/A', '  #N/A  '): a missing value, as pandas reads '#N/A' (decisions 1434, 1451)."""
    return isinstance(value, str) and value.strip().upper() in NOT_AVAILABLE


def not_available(column: pd.Series) -> np.ndarray:
    """[rows] bool: where ``column`` holds an Excel #N/A (``is_not_available``), which pandas' exact strings
    (``SPELLINGS``) miss: read as missing, never refused."""
    return column.map(is_not_available).to_numpy(bool)


def _spellings(text: str) -> list[str]:
    """``text`` in every case ('#nv', '#Nv') and with a space before or after it (' #N/A', '#NV '): pandas reads a
    missing value only where a cell is one of its strings exactly (decision 1434); more spaces are
    ``is_not_available``'s, asked where a column is read as numbers."""
    cased = ["".join(c) for c in itertools.product(*({ch.upper(), ch.lower()} for ch in text))]
    return [f"{a}{c}{b}" for c in sorted(cased) for a in ("", " ") for b in ("", " ")]


SPELLINGS = tuple(dict.fromkeys(s for name in NOT_AVAILABLE for s in _spellings(name)))  # sheetcsv.NA_STRINGS'
# written by a language's Excel: its English name ('#WERT!': '#VALUE!'); #N/A's too, for a refusal to name
ENGLISH_NAME = {name: english for names in BY_LANGUAGE.values() for name, english in zip(names, ENGLISH) if name}
ERRORS = frozenset(ENGLISH_NAME) - set(NOT_AVAILABLE) | {"#GETTING_DATA"}  # a formula that failed: no value


def named(text: str) -> str | None:
    """How a refusal names ``text`` where it is one of Excel's error values (any case): "Excel's #VALUE!, in German
    #WERT!", "Excel's #DIV/0!"; None where it is none."""
    text = text.strip().upper()
    english = ENGLISH_NAME.get(text, text if text == "#GETTING_DATA" else None)
    if english is None:
        return None
    if english == text:
        return f"Excel's {text}"
    languages = [language for language, names in BY_LANGUAGE.items() if text in names]
    return f"Excel's {english}, in {' and '.join(languages)} {text}"

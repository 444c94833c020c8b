"""A number written with a multiplier after it (``0.61M``, ``284.27K``, ``1,5 Mio``, ``12 Mrd.``), which ``numbertext``
explains: its whole number in full (610000) and the clause that says what to write; a letter that is also a unit
(``5m``, ``290 K``) named both ways. ``scaled``: a number as written (a decimal point or comma, thousands marks)
times a power of ten, exactly (``decimal``), both readings where one mark could be either (``1,234``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rnncast import thousands

MULTIPLIERS = {"K": 3, "k": 3, "Tsd": 3, "Tsd.": 3, "M": 6, "MM": 6, "mn": 6, "mln": 6, "Mio": 6, "Mio.": 6, "B": 9,
               "bn": 9, "Bn": 9, "Mrd": 9, "Mrd.": 9, "T": 12, "m": 6}  # 284.27K, 0.61M, 1,5 Mio: a multiplier
POWERS = {3: "thousand", 6: "million", 9: "billion", 12: "trillion"}
UNIT_TOO = {"m": "metres", "K": "kelvin", "T": "tesla"}  # a multiplier's letter that is also a unit: both readings
SPACED_ONLY = ("K", "T")  # units only as SI writes them, after a space (290 K); 284.27K is a multiplier


def said(value, text: str, before: str, number: str, after: str, sep: str | None = None) -> str:
    """The clause of ``value`` (``text``, stripped: ``before`` a currency sign or "", ``number``, ``after`` one of
    ``MULTIPLIERS``): "; '0.61M' is written with the multiplier 'M' (million); write the whole number (610000)", or
    both readings where the letter is also a unit; ``sep``: the file's separator (``scaled``'s)."""
    whole = scaled(number, MULTIPLIERS[after], sep)
    word = POWERS[MULTIPLIERS[after]]
    spaced = bool(re.search(r"\d\s+\D+$", text))
    if after in UNIT_TOO and not before and (spaced or after not in SPACED_ONLY):  # 5m; 290 K: kelvin?
        return (f"; {value!r} ends in {after!r}, a multiplier ({word}: {whole}) or a unit ({UNIT_TOO[after]}: "
                f"{number}); write the whole number or the number alone, as the column means")
    told = f"has a currency sign {before!r} and the multiplier" if before else "is written with the multiplier"
    return f"; {value!r} {told} {after!r} ({word}); write the whole number{' alone' if before else ''} ({whole})"


def scaled(number: str, power: int, sep: str | None = None) -> str:
    """``number`` (a decimal point or comma, thousands marks) times 10 ** ``power`` in full (0.61, 6: '610000'); both
    readings where one mark could be either (1,234, 3: '1234000, or 1234 where ...'), save a point in a ``sep`` "," file."""
    def times(text: str) -> str:
        return format(Decimal(text).scaleb(power).normalize(), "f")
    if re.fullmatch(thousands.THOUSANDS_LIKE, number.replace(".", ",")):  # 1,234 or 1.234: thousands, or decimals? Both
        mark, point = ("comma", "a decimal comma") if "," in number else ("point", "a decimal point")
        if mark == "point" and sep == "," or sep == thousands.COMMAS:  # one reading where the file says (decisions 1532, 1583)
            return times(number if sep == "," else thousands.decimal_comma_plain(number))
        return f"{times(re.sub('[.,]', '', number))}, or {times(number.replace(',', '.'))} where its {mark} is {point}"
    found = thousands.grouped(number)
    try:
        return times(thousands.plain(number, *found) if found is not None else number.replace(",", "."))
    except InvalidOperation:  # marks no one reading takes: the number as written, times the power
        return f"{number} times 1e{power}"

"""A totals row below a spreadsheet's table (``Total,34471.23,4485.50``; German Excel's ``Summe;34471,23``, its pivot
table's ``Ergebnis``), read as one more row: its time cell holds a word ('Total', 'Summe', '合计') or nothing.
Refused as what it likely is, with what to do (remove the row), where it was said to be a value "not written as a
date" or a missing timestamp, to be corrected or filled in. This module imports nothing of rnncast but its error.
"""

from __future__ import annotations

import re

from rnncast.errors import RnncastError

WORDS = re.compile(r"^\s*(grand\s*|sub-?)?(totals?|sum|summe|gesamt\w*|insgesamt|(teil|end)?ergebnis|"
                   r"(end|zwischen)summe|totaal|totale?|totaux|suma|somme|summa|yhteensä|итого|всего)\b|"
                   r"^\s*(合计|合計|总计|總計|小计|小計|합계|총계|소계)", re.IGNORECASE)
ADVICE = "it looks like a totals row, as a spreadsheet adds below its table, which is no time step; remove that row"


def refuse_word(name: str, value: str, where: str) -> None:
    """Raise ``RnncastError`` where the time column ``name``'s value ``value`` (at ``where``) names a total."""
    if WORDS.search(str(value)):
        raise RnncastError(f"time column {name!r} holds {str(value).strip()!r} at {where}: {ADVICE} from the file")


def last_row_note(last: bool) -> str:
    """What a missing timestamp in the table's last row (``last``) may be: a totals row without a word."""
    return ", the last row (a totals row below the table? remove it from the file); otherwise" if last else ";"

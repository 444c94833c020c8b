"""Cells of a written CSV file that a spreadsheet would run as formulas, said once (decision 1649).

A series id or column name beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP's
"CSV injection" list: ``=HYPERLINK(...)``, ``+cmd|calc``) is read by Excel or LibreOffice as a formula when the file
is opened. rnncast writes such cells verbatim (``csvtext.write_csv``): its files are read back by code (evaluate,
predict, pandas), and OWASP's remedy, a leading ``'``, would change the id. ``say`` names them in one warning
instead. A cell that reads as a number (``-3``, ``+1.5e3``) is a number to a spreadsheet too, and no formula.
"""

from __future__ import annotations

import logging

import pandas as pd

log = logging.getLogger(__name__)

STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list of a formula's first characters
SHOWN = 3  # cells named in the warning; the rest counted


def formulas(frame: pd.DataFrame, index: bool = False) -> list[str]:
    """The distinct text cells of ``frame`` (its column names, its text columns' values, its index's with ``index``)
    that begin as a formula does (``STARTS``) and do not read as a number, in order of first appearance."""
    texts = [pd.Index(map(str, frame.columns))]
    texts += [pd.Index(pd.unique(frame[c].dropna())) for c in frame.columns if not _numeric(frame[c])]
    if index:
        texts += [pd.Index(pd.unique(frame.index.dropna()))] if not _numeric(frame.index) else []
        texts += [pd.Index([str(frame.index.name)])] if frame.index.name is not None else []
    found: dict[str, None] = {}
    for values in texts:
        text = pd.Series(values[[isinstance(v, str) for v in values]], dtype=object)
        if len(text):
            flagged = text[text.str.startswith(STARTS) & pd.to_numeric(text, errors="coerce").isna()]
            found.update(dict.fromkeys(flagged))
    return list(found)


def say(frame: pd.DataFrame, name: str, index: bool = False) -> None:
    """One WARNING where ``frame``, written as the file ``name``, holds cells a spreadsheet would run as formulas
    (``formulas``): which (``SHOWN`` of them, each as Python writes it, and how many more), that they are written as
    the data's file holds them, and how to open the file safely. Nothing where it holds none."""
    if not (cells := formulas(frame, index)):
        return
    shown = ", ".join(repr(c if len(c) <= 40 else c[:37] + "...") for c in cells[:SHOWN])
    more = f" and {len(cells) - SHOWN} more" if len(cells) > SHOWN else ""
    log.warning("%s holds %s (%s%s) that a spreadsheet may run as %s when the file is opened (%s begins with = + - @, "
                "a tab or a carriage return); written as the data's file holds %s, so that the file reads back the same: "
                "open it in a spreadsheet as text (Excel: Data > From Text/CSV), not by double-click", name,
                "a cell" if len(cells) == 1 else f"{len(cells)} cells", shown, more,
                "a formula" if len(cells) == 1 else "formulas", "it" if len(cells) == 1 else "each",
                "it" if len(cells) == 1 else "them")


def _numeric(values) -> bool:
    return pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values)

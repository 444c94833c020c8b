"""Values written with a decimal point among a column of decimal commas (``50,0`` beside ``1.5``): the point values
named as what keeps the column from being read.

A ';' file's column of decimal commas is read as numbers only where every value is written so (``numbertext.read``);
pandas reads ``1.5`` as a number but not ``50,0``. t30t6's column of 198 values ``50,0`` with ``1.5`` at line 12 and
``3.125`` at line 22 was refused naming line 2's ``50,0``, a valid value, and counting 198 "non-numeric" ones: the
two written with a point, the values to mend, went unnamed. ``refusal`` names them, their lines and both readings of
a point before three digits (``3.125``: 3,125 or a thousands dot, 3125).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from rnncast.numbertext import WITH_COMMA
from rnncast.spelling import counted

POINTED = r"[+-]?\d*\.\d+"  # 1.5  -0.25  3.125: a number pandas reads, with a point
SHOWN = 3  # the most lines a refusal lists


def refusal(column: pd.Series, bad: np.ndarray, name: str, sep: str | None, place: Callable[[int], str]) -> str | None:
    """The refusal of ``column`` (text, read from a file separated by ``sep``) whose ``bad`` ([rows] bool) values
    are all written with a decimal comma and whose other values include some written with a decimal point, naming
    the first of those at ``place`` (row -> 'line N of FILE'); None where the column is no such mix (a ',' file has
    no decimal commas)."""
    if sep is None or sep == "," or not bad.any():
        return None
    text = column.astype(str).str.strip()
    if not text[bad].str.fullmatch(WITH_COMMA).all():
        return None
    points = ~bad & column.notna().to_numpy() & text.str.fullmatch(POINTED).fillna(False).to_numpy(dtype=bool)
    if not points.any():
        return None
    commas = bad & text.str.fullmatch(r".*,.*").to_numpy(dtype=bool)  # '3' beside '50,0' is neither
    odd, usual = (points, commas) if points.sum() <= commas.sum() else (commas, points)  # the fewer named
    at, marks = np.flatnonzero(odd), ("point", "comma") if odd is points else ("comma", "point")
    first, example = text.iloc[at[0]], text[usual].iloc[0]
    lines = ", ".join(place(int(i)).split(" of ")[0].split(" ")[-1] for i in at[:SHOWN]) + (
        f" and {at.size - SHOWN} more" if at.size > SHOWN else "")
    written = first.replace(".", ",") if odd is points else first.replace(",", ".")
    three = [t for t in text.iloc[at] if odd is points and len(t.split(".")[1]) == 3 and
             t.lstrip("+-").split(".")[0] not in ("", "0")]
    both = (f"; {three[0]!r} could be {three[0].replace('.', ',')} or, its point a thousands separator, "
            f"{three[0].replace('.', '')}: write the one meant") if three else ""
    return (f"column {name!r} is not numeric: {place(int(at[0]))} holds {first!r}, written with a decimal "
            f"{marks[0]} where {counted(int(usual.sum()), 'other value')} {'is' if usual.sum() == 1 else 'are'} written with a decimal {marks[1]} "
            f"({example!r}), so none of the column is read as a number ({counted(at.size, 'value')} with a "
            f"{marks[0]} in all, at line(s) {lines}); write those as the others are ({written!r}){both}, or the whole "
            f"column with one decimal mark")

"""Cells read as missing from a code of ``missing_values`` (-999, NOAA's 'M': ``codedblanks.blank``) refused where no
fill is given: the first by its place, date and code, and how many in all; where a long table's series end in rows not
yet reported (``latereports``), those lead, as ``fills.fill_panel`` leads with them for blank cells (decision 1721):
a late report written 'M' is told to be left out, not filled, and the pandas line that leaves it out names the code.
"""

from __future__ import annotations

import numpy as np

from rnncast import codedsaid, latereports
from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.fills import FILL_HINT
from rnncast.layouts import Rows
from rnncast.spelling import counted, hint, named
from rnncast.timetext import shown


def refuse(rows: Rows, hit: np.ndarray, text: str, worded: np.ndarray, texts: tuple, attrs: dict, late: bool,
           wide: bool = False):
    """Refuse the cells ``hit`` [N, C] read as missing without a fill: the first by place and code ('M', -999), led by
    the late rows (``latereports.coded``, where ``late``) that a fill would make up, as ``fills.fill_panel`` leads;
    a ``wide`` table's by its own column and counted as it holds them (``codedsaid``, decision 1793)."""
    value = lambda k, j: repr(texts[worded[k, j] - 1]) if worded[k, j] else f"{rows.values[k, j]:g}"  # noqa: E731
    found = latereports.coded(rows, hit, value, attrs) if late else None
    lead, rest = "", hit
    if found is not None:
        said, only, rest, other = found
        if only:
            raise RnncastError(said)
        many = int(other.sum())
        lead = f"{said}; for the other {'missing value' if many == 1 else counted(many, 'missing value')}: "
        if not rest.any():  # blank cells alone outside the late rows
            k, j = (int(v[0]) for v in np.nonzero(other))
            raise RnncastError(f"{lead}column {rows.columns[j]!r} of series {rows.ids[rows.codes[k]]!r} has a missing "
                               f"value (NaN) at "
                               f"{place(int(rows.positions[k]), attrs)}{_when(rows, k)}; {hint('fill', FILL_HINT)}")
    k, j = codedsaid.first(rows, rest, wide)
    raise RnncastError(f"{lead}column {codedsaid.column_of(rows, k, j, wide)!r} holds {value(k, j)} at "
                       f"{place(int(rows.positions[k]), attrs)}{_when(rows, k)} ("
                       f"{counted(sum(n for _, n in codedsaid.by_column(rows, rest, wide)), 'cell')} of {text} in all), "
                       f"which {named('missing_values')} reads as missing; {hint('fill', FILL_HINT)}")


def _when(rows: Rows, k: int) -> str:
    return f" dated {shown(rows.time[k], rows.time)}" if rows.time is not None else ""

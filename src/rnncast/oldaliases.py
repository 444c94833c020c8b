"""pandas 2's calendar aliases that pandas 3 no longer reads (``M``, ``Q-JUN``, ``60T``, ``A-JUN``): what each is named
now, and, where the data is at hand, the calendar to give named from what the timestamps keep. ``Q-JUN`` named only
``QE-JUN`` (quarters' last days), which quarterly data dated on each quarter's first day (2010-07-01, 2010-10-01 ...)
then refused, naming ``QS-JAN``: two refusals, the first naming a calendar the data does not keep. ``advice`` names
the one the rows keep the first time: the new name where every row is on it, else the same periods' first days with
the anchor moved to match (``QS-JUL`` for ``QE-JUN``'s quarters), else what inference finds. A calendar of periods'
last days given as pandas names it now (``QE-JUN``) to such first days is refused naming the same ``first_days``.
The table of renamed aliases and its words are ``aliasnames``', which readers below the calendars use too.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import aliasnames
from rnncast.aliasnames import MONTHS, renamed
from rnncast.offsetguess import candidates
from rnncast.owncalendars import best, followed
from rnncast.rulers import Ruler
from rnncast.spelling import spelled

__all__ = ["advice", "first_days", "renamed", "start_of"]  # renamed: aliasnames', asked here by calendars
END = re.compile(r"^(\d*[A-Z]*[MQY])E(?:-([A-Z]{3}))?$")  # ME, QE-JUN, BYE: a period's end; its first day is ...S


def start_of(new: str) -> str | None:
    """The calendar of the first days of the periods whose last days ``new`` names: ``'MS'`` for ``'ME'``,
    ``'QS-JUL'`` for ``'QE-JUN'`` (quarters ending September, December, March and June begin in July, October,
    January and April), ``'YS-JUL'`` for ``'YE-JUN'``; None where ``new`` names no period's end."""
    end = END.match(new)
    if end is None:
        return None
    anchor = f"-{MONTHS[(MONTHS.index(end[2]) + 1) % 12]}" if end[2] else ""
    return f"{end[1]}S{anchor}"


def advice(freq, new: str, time: pd.DatetimeIndex | None = None, offsets: np.ndarray | None = None) -> str:
    """The refusal of ``freq``, pandas 2's name of ``new``: the name now, and what to give. With the timestamps
    (``time`` [N], series cut at ``offsets`` [S + 1]) the calendar given is one they keep, every row on it: ``new``,
    else its periods' first days (``start_of``), else what inference finds; without them ``new``, and its periods'
    first days where it names periods' ends."""
    said = aliasnames.said(freq, new)
    if time is None or offsets is None:
        start = start_of(new)
        also = f" ({spelled('freq', start)} where the dates are each period's first day)" if start else ""
        return f"{said}; give {spelled('freq', new)}{also}"
    if _keeps(time, offsets, new):
        return f"{said}; give {spelled('freq', new)}"
    if firsts := first_days(new, time, offsets):
        return f"{said}; {new!r} dates each period's last day, and {firsts}"
    found = followed(time, offsets)
    return f"{said}, and it is not the calendar the timestamps keep; {found}" if found else f"{said}; give {spelled('freq', new)}"


def first_days(alias: str, time: pd.DatetimeIndex, offsets: np.ndarray) -> str:
    """Where ``alias`` names periods' last days (``QE-JUN``) and every row of ``time`` (series cut at ``offsets``)
    is the first day of those periods, what to give: "the timestamps are the first days of its periods: give
    freq='QS-JUL', --freq QS-JUL" (the same quarters, so the anchor the caller gave is kept); else ""."""
    start = start_of(alias)
    if start is None or not _keeps(time, offsets, start):
        return ""
    return f"the timestamps are the first days of its periods: give {spelled('freq', start)}"


def _keeps(time: pd.DatetimeIndex, offsets: np.ndarray, alias: str) -> bool:
    """Whether every row of ``time`` is on the calendar ``alias`` with no more rows missing than the calendar inference
    finds leaves (month starts are on 'MS' too, with two months missing after each: refused then as not the data's)."""
    ruler = Ruler.of(time, offsets, to_offset(alias))
    if ruler is None or ruler.bad is not None:
        return False
    found = best(time, offsets, candidates(time, offsets))
    return found is None or ruler.missing <= found[1].missing

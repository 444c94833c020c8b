"""The names pandas 2.2 gave its calendar aliases (``M`` is ``ME`` now, ``Q-JUN`` is ``QE-JUN``, ``60T`` is ``60min``),
which pandas 3 no longer reads, and the words that say so. Here, apart from ``oldaliases`` (which names the calendar
the timestamps keep, and so reaches the calendars' modules), for readers below those: ``fiscalquarters`` refuses
``--freq Q-JUN`` given to fiscal quarter labels (``FY2011Q1``) in the same words (decision 1443).
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.tseries.frequencies import to_offset

# the aliases pandas 2.2 renamed (and pandas 3 refuses), by what names them now (pandas' 2.2 release notes)
RENAMED = {"M": "ME", "BM": "BME", "SM": "SME", "CBM": "CBME", "Q": "QE", "BQ": "BQE", "Y": "YE", "BY": "BYE",
           "A": "YE", "BA": "BYE", "AS": "YS", "BAS": "BYS", "H": "h", "BH": "bh", "CBH": "cbh", "T": "min", "S": "s",
           "L": "ms", "U": "us", "N": "ns"}
OLD_ALIAS = re.compile(r"^\s*(\d*)\s*([A-Z]+)(-[A-Za-z]{3})?\s*$")  # a multiple, the alias, an anchor: 60T, A-JUN
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def renamed(freq) -> str | None:
    """What pandas now names the calendar ``freq`` spells in an alias pandas 2.2 renamed (``'M'``: ``'ME'``;
    ``'60T'``: ``'60min'``; ``'A-JUN'``: ``'YE-JUN'``; ``'BA'``: ``'BYE'``), where pandas reads that name;
    else None (and for any other value)."""
    found = OLD_ALIAS.match(freq) if isinstance(freq, str) else None
    if found is None or found[2] not in RENAMED:
        return None
    new = f"{found[1]}{RENAMED[found[2]]}{(found[3] or '').upper()}"
    try:
        to_offset(new)
    except (ValueError, TypeError):  # an anchor the new name does not take ('H-JUN')
        return None
    return new


def said(freq, new: str) -> str:
    """The words that ``freq`` is pandas 2's name of ``new`` (``renamed``'s): "freq='Q-JUN' is pandas 2's name of
    'QE-JUN', which pandas 3.1.1 no longer reads"."""
    return f"freq={freq!r} is pandas 2's name of {new!r}, which pandas {pd.__version__} no longer reads"


def offset(freq):
    """The offset ``freq`` names, pandas 2's names (``Q-JUN``, ``Y-JUN``) as today's (``QE-JUN``, ``YE-JUN``); None
    where it names none (or is a ``PeriodDtype``)."""
    if freq is None or isinstance(freq, pd.PeriodDtype):
        return None
    text = str(freq).strip()
    for name in (text, renamed(text)):
        try:
            return to_offset(name) if name else None
        except (ValueError, TypeError):
            continue
    return None

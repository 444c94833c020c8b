"""Quantile levels (``quantiles``) read from a tuple, a list, a 1-D array or the flag's text ``"0.1,0.5,0.9"``, each to
12 decimals, in the order given (``config`` sorts them for the network, decision 1662); a level given twice is refused
here, where the levels are still as written, naming it ("0.5 is given twice", decision 1723). What levels a model
accepts beyond that (inside (0, 1), 0.5 among them, no percentiles) is ``settingchecks``'.
"""

from __future__ import annotations

from rnncast.errors import RnncastError
from rnncast.settingvalues import given
from rnncast.spelling import named


def parse_quantiles(value) -> tuple:
    """Quantile levels as a tuple of floats, from a tuple, a list, a 1-D array or text such as
    ``"0.1,0.5,0.9"``; None, and the text "none" in any case ("None", "NONE"; the help's default, a flag's and a file's spelling: the
    API reads it too), is no levels (a point forecast). Raises ``RnncastError`` for text with
    no levels (an empty ``--quantiles ''`` is not taken as a point forecast), text with an empty item
    (``"0.1,,0.5"`` is not read as ``0.1,0.5``), an empty list (``[]`` is not taken as None), anything
    else, or a level that is not a number (True is not 1.0; in a list, the text "0.1" is not 0.1 either, as
    ``lr="0.01"`` is refused: only comma-separated text is read as the flag reads it)."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):  # None, NONE: Python's spelling too
        return ()
    if isinstance(value, str):
        items = value.split(",")
        if not value.replace(",", "").strip():
            raise RnncastError(f"quantiles {given(value)} holds no levels: give levels such as 0.1,0.5,0.9, or leave "
                               "quantiles unset for a point forecast")
        empty = [k for k, item in enumerate(items) if not item.strip()]
        if empty:
            raise RnncastError(f"quantiles {given(value)} has an empty item (item {empty[0] + 1} of {len(items)}): give "
                               "levels separated by single commas, such as 0.1,0.5,0.9")
    else:
        items = value.tolist() if getattr(value, "ndim", None) == 1 and hasattr(value, "tolist") else value
    if not isinstance(items, (list, tuple)):
        raise RnncastError(f"quantiles must be a list of levels such as 0.1,0.5,0.9, got {given(value)}")
    if not items:
        raise RnncastError(f"quantiles {given(value)} is an empty list: leave quantiles unset (None) for a point forecast, "
                           "or give levels such as [0.1, 0.5, 0.9]")
    if any(isinstance(q, bool) or type(q).__name__ == "bool_" for q in items):
        raise RnncastError(f"quantiles must be numbers such as 0.1,0.5,0.9, got {given(value)}")
    if not isinstance(value, str) and any(isinstance(q, (str, bytes)) for q in items):  # ["0.1"]: lr="0.01" is refused
        raise RnncastError(f"quantiles must be numbers such as [0.1, 0.5, 0.9], got {given(value)}; write the levels "
                           "without quotes, or as one text \"0.1,0.5,0.9\"")
    try:  # to 12 decimals: np.linspace(0.1, 0.9, 5)'s 0.30000000000000004 is the level 0.3; 1e-20 stays itself, not 0.0
        levels = tuple(_level(float(q)) for q in items)
    except (TypeError, ValueError):
        raise RnncastError(f"quantiles must be numbers such as 0.1,0.5,0.9, got {given(value)}") from None
    _repeated(levels, items, value)
    return levels


def _repeated(levels: tuple, items: list, value) -> None:
    """Refuse a level of ``levels`` (read from ``items``, of ``value``) given more than once, as typed: "got
    0.5,0.1,0.5: 0.5 is given twice"; "0.1 is given twice (as 0.10 and 0.1)" where written otherwise each time. The
    sorted levels ``settingchecks`` sees would hide both (decision 1723)."""
    twice = next((q for k, q in enumerate(levels) if q in levels[:k]), None)
    if twice is None:
        return
    written = list(dict.fromkeys(str(items[k]).strip() for k, q in enumerate(levels) if q == twice))
    times = levels.count(twice)
    shown = value.strip() if isinstance(value, str) else given(value)
    raise RnncastError(f"{named('quantiles')} must be distinct levels in (0, 1) (in any order), got {shown}: {twice:g} "
                       f"is given {'twice' if times == 2 else f'{times} times'}"
                       + (f" (as {' and '.join(written)})" if len(written) > 1 else ""))



def outside(levels) -> str:
    """The clause naming the levels of ``levels`` (numbers) outside (0, 1), each by the end it passes and as the
    levels are shown: ": 1.0 is not below 1", ": -0.1 and 0.0 are not above 0; nan is no number"; "" where none is (a
    level given twice, unsorted levels: said otherwise). Decision 2112."""
    high, low = [q for q in levels if q >= 1], [q for q in levels if q <= 0]
    nan = [q for q in levels if q != q]
    said = [f"{' and '.join(str(q) for q in qs)} {'is' if len(qs) == 1 else 'are'} not {where}"
            for qs, where in ((high, "below 1"), (low, "above 0")) if qs] + (["nan is no number"] if nan else [])
    return f": {'; '.join(said)}" if said else ""


def _level(q: float) -> float:
    """A level to 12 decimals, as given where that would make a level inside (0, 1) one of its ends."""
    near = round(q, 12)
    return near if 0 < near < 1 or not 0 < q < 1 else q

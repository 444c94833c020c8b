"""Late reporting: the last rows of some series of a long panel dated but with no target value while other series go
on (surveillance counts: five regions three weeks behind the others, not yet reported), named as such (decision 1609).

They were refused as any missing value is, "fill them with --fill ffill|interpolate|zero|drop", without saying that
they are the latest rows of those series; zero fill then wrote 0 cases there (an observed 0, scored and forecast from:
a region's forecast fell to 35 in mid-season) and said only a count. Where every series is blank after the last value,
``appendedrows.future`` refuses the rows by name and offers no fill; here, where other series go on, the rows are
named the same way (which series, how many last rows, their dates and lines) and the advice is the same: give the data
without them, so each series is trained on and forecast from its own last value (``fill='drop'`` would cut them too,
but predict refuses a fill that drops a series' last rows). A fill asked for is kept (zero fill up to the panel's end
is how a till export's weeks without sales are read, ``zerotail``), but zero fill names the rows it zeroes there, and
says the forecast starts from them. A wide table (each series a column) is left to the count as before.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.spelling import counted, hint, named
from rnncast.timetext import shown
from rnncast.widetail import last_rows

log = logging.getLogger(__name__)

MOST = 4  # more series named by their id; the rest counted


def tails(values: np.ndarray, time, positions: np.ndarray, offsets: np.ndarray, n_targets: int) -> tuple[list, object]:
    """``([(series, start, end)], the panel's latest valued time)``: the rows ``start:end`` at the end of each series of ``values`` [N, C] (series back to
    back at ``offsets`` [S + 1], targets first) that have no value of any target, come after at least one row that
    has, are rows of the table (``positions`` [N] >= 0 somewhere among them) and end that series before the latest
    target value of the panel (``time`` [N]); ([], None) without time or with one series."""
    if time is None or len(offsets) < 3:
        return [], None
    blank = np.isnan(values[:, :n_targets]).all(axis=1)
    valued = ~blank & (positions >= 0)
    if not valued.any():
        return [], None
    latest = time[valued].max()
    found = []
    for s in range(len(offsets) - 1):
        first, end = int(offsets[s]), int(offsets[s + 1])
        start = end
        while start > first and blank[start - 1]:
            start -= 1
        if first < start < end and (positions[start:end] >= 0).any() and time[start - 1] < latest:
            found.append((s, start, end))
    return found, latest


def said(found: list, time, positions: np.ndarray, ids: list, targets: list, attrs: dict, fmt: str | None,
         latest, held: str = "") -> str:
    """The words naming the rows ``found`` (``tails``'): "the last 3 rows of series 'R16' (2022-12-17 to 2022-12-31,
    lines 6669-6671 of f.csv) and of 4 more series ('R17', ...) have a date but no value of 'cases', after their
    series' last value while other series go on to 2022-12-31: not yet reported?"; ``latest``: the panel's last
    valued time; ``held``: what the rows hold instead, put after the columns ("(they hold 'M', which missing_values
    (--missing-values) reads as missing)", ``coded``)."""
    s, start, end = found[0]
    placed = positions[start:end][positions[start:end] >= 0]
    head = last_rows(f"series {ids[s]!r}", end - start, int(placed[0]), int(placed[-1]), attrs,
                     (shown(time[start], time, fmt), shown(time[end - 1], time, fmt)))
    others = [repr(ids[t]) for t, _, _ in found[1:]]
    listed = ", ".join(others[:MOST]) + (f" and {len(others) - MOST} more" if len(others) > MOST else "")
    more = f" and of {len(others)} more series ({listed})" if others else ""
    columns = ", ".join(repr(c) for c in targets)
    own = "each series' own" if others else "its"
    return (f"{head}{more} {'have' if end - start > 1 or others else 'has'} a date but no value of {columns}{held}, "
            f"after {own} last value while other series go on to {shown(latest, time, fmt)}: not yet reported?")


def count(found: list) -> int:
    """The rows ``found`` (``tails``') hold, in all."""
    return sum(end - start for _, start, end in found)


def mask(found: list, n: int) -> np.ndarray:
    """[n] bool: the rows ``found`` (``tails``')."""
    out = np.zeros(n, dtype=bool)
    for _, start, end in found:
        out[start:end] = True
    return out


def refusal(found: list, time, positions, ids: list, targets: list, attrs: dict, fmt: str | None, latest,
            only: bool, held: str = "", dropped: str = "") -> str:
    """The refusal of the rows ``found`` under no fill: named (``said``; ``held``: what they hold instead), what a fill
    would make of them, and the way out; ``only``: they hold every missing value (then a pandas line leaves them out;
    ``dropped``: the line where it is not ``dropna``'s, ``coded``), else a clause for the refusal of the first missing
    value, the pandas line given there too where ``dropped`` (it leaves out these rows alone)."""
    rows = counted(count(found), "row")
    why = ("filled, they would be made-up latest values that those series' forecasts start from (fill 'zero' "
           "reports none, which takes a count's forecast toward 0; 'ffill' repeats the last value reported)")
    way = (f"give the data without those {rows}, so each series is trained on and forecast from its own last value"
           + (f", e.g. with pandas: {dropped or f'df = df.dropna(subset={list(targets)!r})'}" if only or dropped else ""))
    text = said(found, time, positions, ids, targets, attrs, fmt, latest, held)
    return f"{text} {why[0].upper()}{why[1:]}; {way}"  # after "not yet reported?": a sentence (decision 1824)


def warn_zero(found: list, time, positions, ids: list, targets: list, attrs: dict, fmt: str | None, latest) -> None:
    """Warn that zero fill writes 0 in the rows ``found`` (``tails``'), named, and what follows."""
    reader = hint("reader", None)  # predict's ('forecast') or evaluate's ('scored') read, said by what it does
    read = {"forecast": "forecast from", "scored": "scored on"}.get(reader, "trained on, scored on and forecast from")
    log.warning("%s Fill 'zero' writes 0 in them, so those series are %s 0s nobody reported (a count of none); if "
                "they are to be reported later, give the data without those rows, so each series is forecast from its "
                "own last value", said(found, time, positions, ids, targets, attrs, fmt, latest), read)


def coded(rows, hit: np.ndarray, value, attrs: dict) -> tuple[str, bool, np.ndarray, np.ndarray] | None:
    """The late rows of a long table's ``rows`` (``layouts.Rows``, in the table's order) where the cells ``hit`` [N, C]
    hold a code of ``missing_values`` (``codedblanks.blank``, without a fill), found as ``fill_panel`` finds them, so
    that its refusal leads with them as fills' does (decision 1721): a late report written 'M' is not told to fill.
    ``value(k, j)``: the code cell (k, j) holds, as said ('M', -999). Returns (the refusal of the late rows, ``only``:
    they hold every missing value, [N, C] the cells of codes outside them, [N, C] every missing value outside them),
    or None where no series ends late."""
    if rows.time is None or rows.id_col is None or len(rows.ids) < 2:
        return None
    order = pd.DataFrame({"s": rows.codes, "t": rows.time}).sort_values(["s", "t"], kind="stable").index.to_numpy()
    offsets = np.concatenate([[0], np.cumsum(np.bincount(rows.codes, minlength=len(rows.ids)))])
    missing = np.isnan(rows.values) | hit  # [N, C] a blank or a code
    time, positions = rows.time[order], rows.positions[order]
    found, latest = tails(np.where(missing, np.nan, rows.values)[order], time, positions, offsets, rows.n_targets)
    if not found:
        return None
    late = np.zeros(len(order), dtype=bool)
    late[order] = mask(found, len(order))  # [N] in the table's order
    targets = rows.columns[: rows.n_targets]
    inside = hit[:, : rows.n_targets] & late[:, None]  # the late rows' codes
    codes = sorted({value(k, j) for k, j in zip(*np.nonzero(inside))})
    every = inside.sum() == late.sum() * rows.n_targets  # codes alone, no blank cell
    held = (f" ({'they' if every else 'some'} hold {', '.join(codes)}, which {named('missing_values')} reads as "
            "missing)") if codes else ""
    shown = repr(targets[0]) if len(targets) == 1 else repr(list(targets))
    drop = f"df = df[~df[{shown}].isin([{', '.join(codes)}]){'' if len(targets) == 1 else '.any(axis=1)'}]"
    only = not (missing & ~late[:, None]).any()
    n, before = rows.n_targets, ~late[:, None]  # the pandas line leaves out these rows alone: said beside another
    exact = not ({value(k, j) for k, j in zip(*np.nonzero(hit[:, :n] & before))} & set(codes)) and (  # missing value too
        every or not (np.isnan(rows.values[:, :n]) & ~hit[:, :n] & before).any())  # (decision 1824)
    text = refusal(found, time, positions, rows.ids, targets, attrs, None, latest, only, held,
                   (drop + ("" if every else f".dropna(subset={list(targets)!r})")) if codes and exact else "")
    return text, only, hit & ~late[:, None], missing & ~late[:, None]

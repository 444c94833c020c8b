"""Training values so far from the rest of their column that its scale is theirs: named at fit.

A column is scaled by its training rows' spread (standard: their standard deviation; minmax: their range), so one
extreme value sets the scale of the whole column. A tester's 1e6 early among daily values near 100 moving by 10 left
the others within 1/5,800 of the scale: float32 still tells them apart (``resolution`` refuses where it does not),
but the network learns nothing from differences that small, keeps the untrained network (which repeats the last
value), and the advice beside it blamed the learning rate. ``find`` measures each scaled column of each series on its
training rows: its spread over that of the rows left once the most extreme ``SHARE`` of them is set aside; past
``SQUEEZE`` the values further than ``FAR`` of the rest's standard deviations from its median are named, once, with
what to do. A column whose other rows are all one value (a promotion flag, intermittent sales) is not weighed: its
rare values are its information. Exponential growth is not a squeeze: its largest rows are a few of many steps.
"""

from __future__ import annotations

import logging
import math

import numpy as np

from rnncast.codedblanks import ABOVE
from rnncast.noticed import first_in_block
from rnncast.panel import Panel, series_owner
from rnncast.scaling import Scaler
from rnncast.spelling import counted, spelled, times_over
from rnncast.windows import Split

log = logging.getLogger(__name__)

SHARE = 0.05  # the most extreme share of a column's training rows (one row at least) set aside to weigh the rest
SQUEEZE = 100  # the column's scale over the rest's own spread, past which the rest is squeezed
FAR = 30  # named: values further than this many of the rest's standard deviations from the rest's median
MIN_ROWS = 10  # fewer finite training rows: not weighed
AROUND = 5  # a far value is said to be near the median of the values this many places either side of it


def find(panel: Panel, splits: list[Split], scalers: list[Scaler]) -> list[dict]:
    """Each column of each series whose training rows' scale (``scalers``' [C] ``scale``) is more than ``SQUEEZE``
    times the spread of those rows without their most extreme ``SHARE``: ``{"series": label or None, "target": bool,
    "column",
    "value" (the furthest, original units), "time" (its time as the data writes it, or its row), "more" (how many
    other values as far), "near" (the median of the values around it, ``around``), "squeeze" (the scale over the rest's spread)}``, in series
    then column order. Columns not scaled (scaler none) are not weighed."""
    found, given = [], panel.n_given  # the calendar's computed columns are no measurement (decision 2025)
    for s, (split, scaler) in enumerate(zip(splits, scalers)):
        if scaler.kind == "none":
            continue
        train = panel.rows(s)[: split.train_end]  # [T_train, C], what the scaler was fitted on
        for j in range(given):
            squeezed = _column(train[:, j], scaler.kind, float(scaler.scale[j]))
            if squeezed is not None:
                k, more, near, squeeze = squeezed
                found.append({"series": series_owner(panel, s), "target": j < panel.n_targets,
                              "column": str(panel.named_columns(s)[j]), "value": float(train[k, j]),
                              "time": panel.when(s, k), "more": more, "near": near, "squeeze": squeeze})
    return found


def _column(column: np.ndarray, kind: str, scale: float) -> tuple[int, int, float, float] | None:
    """(row of the furthest value, how many others are further than ``FAR`` spreads, the rest's median, the
    squeeze) where the column [T_train] is squeezed, else None."""
    rows = np.flatnonzero(np.isfinite(column))
    if rows.size < MIN_ROWS or not scale > 0:
        return None
    values = column[rows]
    middle = float(np.median(values))
    distance = np.abs(values - middle)
    order = np.argsort(distance, kind="stable")
    rest = values[order[: rows.size - max(1, math.ceil(SHARE * rows.size))]]
    if np.ptp(rest) == 0:  # the other rows one value (a shelf price at 9.99): their std is rounding noise, not spread
        return None
    spread = float(np.std(rest)) if kind == "standard" else float(np.ptp(rest))
    if not spread > 0 or scale <= SQUEEZE * spread:
        return None
    centre, sd = float(np.median(rest)), float(np.std(rest))
    far = np.abs(values - centre) > FAR * sd
    return int(rows[order[-1]]), int(far.sum()) - 1, around(values, int(order[-1]), far), scale / spread


def around(values: np.ndarray, k: int, far: np.ndarray) -> float:
    """The median of the values [n] within ``AROUND`` places of place ``k``, those marked ``far`` [n] left out: what a
    value far from them would be near (a wandering price's neighbours, not its whole history's median); the median of
    all not far where none is near."""
    near = np.arange(max(0, k - AROUND), min(len(values), k + AROUND + 1))
    near = near[~far[near]]
    return float(np.median(values[near] if near.size else values[~far]))


def warn(found: list[dict], scaler: str, coded: set = frozenset(), final: bool = False) -> None:
    """Say ``find``'s first squeezed column in one line (the others counted, the next two named) and what to do; a
    value the line on missing-value codes named (``coded``: ``codedblanks.named_codes``, said before this) pointed to
    it, not advised apart (decision 1607); ``final``: a fit that scores nothing (``finalfit.unscored``), told nothing
    of MASE (decision 2159)."""
    if not found:
        return
    first = found[0]
    whose = f" of {first['series']}" if first["series"] else ""
    more = f" (and {counted(first['more'], 'other value')} as far)" if first["more"] else ""
    others = [f"column {f['column']!r}{' of ' + f['series'] if f['series'] else ''}" for f in found[1:]]
    named = others if len(others) <= 2 else others[:2] + [f"{len(others) - 2} more"]
    also = f"; likewise {', '.join(named[:-1])}{' and ' if len(named) > 1 else ''}{named[-1]}" if named else ""
    scaled = "" if final else (", and MASE, scaled by the mean step of the rows before the cutoff, is scaled by its "
                               "jumps too")  # decision 2210
    learns = ("too little for the network to learn from (it may end as the untrained network, which repeats the last "
              f"value){scaled}" if first["target"] else "too little for the network to learn from that column")
    if not first_in_block("squeezed", first["series"], first["column"], first["value"], first["time"]):
        return  # a tune's later trial: its first said it (noticed.said_once)
    above = (first["series"], first["column"], float(first["value"])) in coded
    advice = "" if above else \
        f"; if it is a code for a missing value or a typo, correct it or leave the cell blank ({spelled('fill')})"
    log.warning(
        "column %r%s holds %.6g at %s%s%s, far from its other training values (those around it near %.6g): %s scaling by the spread "
        "it makes squeezes the others into 1/%s of the scale, %s%s%s; if it is real, expect the model to learn little beside it",
        first["column"], whose, first["value"], first["time"], ABOVE if above else "", more, first["near"], scaler,
        times_over(first["squeeze"]), learns, also, advice)


def note(found: dict | None) -> str | None:
    """What the advice on a model that never beat the untrained network says first where a column was squeezed
    (``find``'s first of a target, as the state keeps it): its value names the cause, not the learning rate; else None."""
    if not found:
        return None
    whose = f" of {found['series']}" if found["series"] else ""
    return (f"first correct or blank {found['value']:.6g} at {found['time']} in column {found['column']!r}{whose} "
            f"(warned of above): scaled by the spread it makes, the other values differ by 1/{times_over(found['squeeze'])} "
            "of the scale, too little to learn from; no learning rate fixes that")

"""A column that moves at nearly every step but holds one value for a long stretch of its training rows: a stuck
sensor, named at fit.

A reliability tester's 10-second sensor read the same value for 300 rows (15 % of the series, most of them training
rows) and fit trained on them without a word: the network learns that the signal can freeze, and the windows over the
stretch score as well-forecast flat lines. ``find`` measures each column of each series on its training rows: its
longest run of one repeated value, where it spans at least ``MIN_RUN`` rows and ``SHARE`` of the rows, while the rest of
the column repeats a value from one step to the next at most ``ELSEWHERE`` of the time (a price updated weekly, sales
that are often 0, a flag: repeats are their nature, and they are not weighed). ``warn`` names the first in one line.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.noticed import first_in_block
from rnncast.panel import Panel
from rnncast.spelling import counted, spelled
from rnncast.windows import Split

log = logging.getLogger(__name__)

MIN_RUN = 20  # rows of one value, at least
SHARE = 0.05  # of the training rows, at least
ELSEWHERE = 0.02  # the most the rest of the column repeats a value from one step to the next


def find(panel: Panel, splits: list[Split]) -> list[dict]:
    """Each column of each series stuck on its training rows (above): ``{"series": label or None, "column", "value",
    "start" (its first row's time, or row), "rows", "share"}``, in series then column order."""
    found = []
    for s, split in enumerate(splits):
        train = panel.rows(s)[: split.train_end]  # [T_train, C]
        for j in range(train.shape[1]):
            run = _run(train[:, j])
            if run is not None:
                start, rows = run
                found.append({"series": None if panel.id_col is None else panel.label(s),
                              "column": str(panel.named_columns(s)[j]), "value": float(train[start, j]),
                              "start": panel.when(s, start), "rows": rows, "share": rows / len(train)})
    return found


def _run(column: np.ndarray) -> tuple[int, int] | None:
    """(first row, rows) of the column's [T] longest run of one value where it is stuck (above), else None."""
    if len(column) < MIN_RUN * 2:
        return None
    repeats = np.diff(column) == 0  # [T - 1]; NaN never repeats
    if not repeats.any():
        return None
    edges = np.flatnonzero(np.diff(np.concatenate([[0], repeats.astype(np.int8), [0]])))
    starts, ends = edges[::2], edges[1::2]
    k = int(np.argmax(ends - starts))
    rows = int(ends[k] - starts[k]) + 1  # n repeats: n + 1 rows of the value
    rest = len(repeats) - (rows - 1)
    if rows < max(MIN_RUN, SHARE * len(column)) or not rest or (repeats.sum() - (rows - 1)) / rest > ELSEWHERE:
        return None
    return int(starts[k]), rows


def warn(found: list[dict]) -> None:
    """Say ``find``'s first stuck column in one line (the others counted) and what to do."""
    if not found:
        return
    first = found[0]
    if not first_in_block("stuck", first["series"], first["column"], first["start"]):
        return  # a tune's later trial: its first said it (noticed.said_once)
    whose = f" of {first['series']}" if first["series"] else ""
    others = f"; so do {counted(len(found) - 1, 'other column')} (of this or other series)" if len(found) > 1 else ""
    log.warning("column %r%s holds %.6g for %d rows from %s (%.0f%% of its training rows), though it moves at nearly "
                "every other step: a stuck sensor or a copied value? The network learns from those rows as from any "
                "other%s; if they are not measurements, leave the cells blank (%s) or cut the stretch out",
                first["column"], whose, first["value"], first["rows"], first["start"], 100 * first["share"], others,
                spelled("fill"))

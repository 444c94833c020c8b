"""One step of a target far beyond every other of its training steps (a stock split, a unit change, a typo that
persists): named at fit, once.

A 2:1 split halves a price in one day: the network reads the step as a move, and MASE, scaled by the training rows'
mean absolute step, is scaled by it too (a tester's MSFT with a split: its mean step 11 % larger, its MASE 11 %
lower), without a word. ``find`` looks at each target column of each series on its training rows: a step is named
where it is more than ``TIMES`` the median absolute step and more than ``BY_FAR`` times the next largest (one step,
not a volatile stretch), and beyond the next largest by more than the tail of the other large steps makes likely
(``_by_chance``: a random walk of Cauchy steps had its largest step over 3 times the next in 60 of 200 walks, each
named). The scores are not changed; the warning says by how much the step raises MASE's scale.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.noticed import first_in_block
from rnncast.panel import Panel
from rnncast.spelling import counted
from rnncast.windows import Split

log = logging.getLogger(__name__)

TIMES = 20  # the step over the median absolute step of the training rows
BY_FAR = 3  # the step over the next largest
MIN_STEPS = 20  # fewer training steps: not weighed
CHANCE = 0.01  # the largest step is named where a tail like the other large steps' puts it so far out less often


def find(panel: Panel, splits: list[Split]) -> list[dict]:
    """The target columns of each series whose training rows hold one such step: ``{"series": label or None,
    "column", "time" (the step's second row, as the data writes it), "before", "after" (the values), "median" (the
    median absolute step), "raise" (the mean absolute step with it over without it, less 1)}``, series then column."""
    found = []
    for s, split in enumerate(splits):
        train = panel.rows(s)[: split.train_end, : panel.n_targets]
        for j in range(train.shape[1]):
            column = train[:, j]
            steps = np.abs(np.diff(column))
            if len(steps) < MIN_STEPS or not np.isfinite(steps).all():
                continue
            order = np.argsort(steps)
            top, second, median = steps[order[-1]], steps[order[-2]], float(np.median(steps))
            if median > 0 and top > TIMES * median and top > BY_FAR * second and not _by_chance(steps[order]):
                k = int(order[-1])
                rest = (steps.sum() - top) / (len(steps) - 1)
                found.append({"series": None if panel.id_col is None else panel.label(s),
                              "column": str(panel.named_columns(s)[j]), "time": panel.when(s, k + 1),
                              "before": float(column[k]), "after": float(column[k + 1]), "median": median,
                              "raise": float(steps.mean() / rest - 1) if rest > 0 else float("inf")})
    return found


def _by_chance(steps: np.ndarray) -> bool:
    """Whether the largest of the sorted absolute ``steps`` [T] is as far beyond the next as a heavy tail makes
    likely: the tail's index from the next ``k`` largest (Hill's estimator, ``k`` a twentieth of the steps, 5 to 100),
    under which the largest over the next exceeds ``r`` with chance ``r ** -index``, more than ``CHANCE`` here. Normal
    or t(4) steps give an index near 4 or more (a ratio of 3 is rare); Cauchy steps near 1 (a third of walks)."""
    k = int(np.clip(len(steps) // 20, 5, 100))
    if len(steps) < k + 2 or steps[-k - 2] <= 0:
        return False
    spread = float(np.mean(np.log(steps[-k - 1:-1])) - np.log(steps[-k - 2]))  # 1 / the tail's index
    return steps[-1] <= steps[-2] * CHANCE ** -spread


def warn(found: list[dict]) -> None:
    """Say ``find``'s first in one line (the others counted) and what it does to the scores."""
    if not found or not first_in_block("jump", found[0]["series"], found[0]["column"], found[0]["time"]):
        return
    f = found[0]
    whose = f" of {f['series']}" if f["series"] else ""
    change = f" ({f['after'] / f['before'] - 1:+.0%})" if f["before"] else ""
    more = f"; likewise {counted(len(found) - 1, 'other column')}" if len(found) > 1 else ""
    log.warning("column %r%s moves from %.6g to %.6g%s in one step at %s, %.0f times its training steps' median "
                "size and over %d times any other: a split, a unit change or a data error? The scores are left as "
                "they are, but MASE is scaled by the training rows' mean step, which this one step raises by %.0f%%; "
                "if the values before it are in other units (a split), put them in the later units before fitting%s",
                f["column"], whose, f["before"], f["after"], change, f["time"], abs(f["after"] - f["before"]) / f["median"],
                BY_FAR, 100 * f["raise"], more)

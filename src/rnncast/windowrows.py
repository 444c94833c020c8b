"""The rows of stride-1 windows' targets and the values at them, without a [W, H] array of row numbers where the
windows are one run of consecutive rows (one series' validation or test windows): their actuals are then a view of the
W + H - 1 rows they cover, not a copy of each window's H, so scoring 13,217 test windows of 720 steps holds no 9.5
million row numbers and no copy of the values at them (decision 1561). The values are the same either way, and so is
every score.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


class Run(NamedTuple):
    """``count`` windows whose first targets are the consecutive stacked rows from ``first``, ``horizon`` steps each,
    none past its series' last row."""

    first: int
    count: int
    horizon: int


def target_rows(first_rows: np.ndarray, horizon: int, last_rows: np.ndarray) -> np.ndarray | Run:
    """The stacked row of each step of windows whose first targets are ``first_rows`` [W]: [W, H], a step past its
    series' last row (``last_rows`` [W]) at that row (``stepactuals`` gives it its own date's actual); a ``Run`` where
    the first targets are consecutive rows and no step passes its series' end."""
    first_rows, last_rows = np.asarray(first_rows), np.asarray(last_rows)
    if len(first_rows) and (np.diff(first_rows) == 1).all() and (first_rows + horizon - 1 <= last_rows).all():
        return Run(int(first_rows[0]), len(first_rows), horizon)
    return np.minimum(first_rows[:, None] + np.arange(horizon), last_rows[:, None])


def taken(values: np.ndarray, rows: np.ndarray | Run, n: int) -> np.ndarray:
    """The first ``n`` columns of ``values`` [N, C] at ``rows`` (``target_rows``): [W, H, n]; of a ``Run``, a read-only
    view of the W + H - 1 rows it covers (copied alone: the view holds no other row or column of ``values``), else a
    copy of every window's H rows."""
    if isinstance(rows, Run):
        covered = np.ascontiguousarray(values[rows.first:rows.first + rows.count + rows.horizon - 1, :n])
        return sliding_window_view(covered, rows.horizon, axis=0).transpose(0, 2, 1)  # [W, n, H] -> [W, H, n]
    return values[rows, :n]

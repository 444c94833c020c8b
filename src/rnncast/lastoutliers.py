"""An outlying value in the last rows a forecast is normalized by (window_norm 'last'): named at predict.

A catastrophe month booked in the newest row (paid 2.39e6 where the usual month is ~36k) is where ``window_norm
'last'`` starts every forecast: a tester's six months ahead came out at ~2.1e6 each, a reserve ~50 times off, without a
word, the value being inside the range the model was fitted on (decision 2270). ``warn`` asks the rule fit already
names outlying values by (``jumps.TIMES`` times the median absolute step, ``spikes.runs``: a run at the end of the rows
is the last rows far from the one before them) of each target column of each series over the rows given, and names
the series, the value, its date, the setting and the ways out.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import jumps, spikes
from rnncast.panel import Panel

log = logging.getLogger(__name__)


def at_end(panel: Panel, n_targets: int) -> list[tuple[int, int, int]]:
    """``(series, target column, first row of the run)`` for each target column [T_s] of each series of ``panel``
    whose last rows are an outlying run (``spikes.runs``, with ``jumps.TIMES`` and ``jumps.MIN_STEPS``); in series
    order. Rows with blanks are weighed as given (a blank step is never large)."""
    found = []
    for s in range(panel.n_series):
        rows = panel.rows(s)
        for j in range(min(n_targets, rows.shape[1])):
            column = rows[:, j].astype(float)  # [T_s]
            steps = np.abs(np.diff(column))
            if np.isnan(column[-1]) or np.isfinite(steps).sum() < jumps.MIN_STEPS:
                continue
            with np.errstate(invalid="ignore"):
                big = np.nan_to_num(steps, nan=0.0) > jumps.TIMES * np.nanmedian(steps)
            ends = [p for p, q in spikes.runs(column, big) if q == len(column) - 1 and p >= 0]
            if ends:
                found.append((s, j, ends[-1] + 1))
    return found


def warn(panel: Panel, targets: list, window_norm: str, where: str = "predict") -> None:
    """Log one line per target column of each series whose last rows, which ``window_norm`` 'last' starts its
    forecast from, are outlying (``at_end``): the series, the value and its date, the setting and what to do.
    Nothing for other settings."""
    if window_norm != "last":
        return
    for s, j, first in at_end(panel, len(targets)):
        rows = panel.rows(s)
        last = len(rows) - 1
        value = float(rows[last, j])
        before = float(rows[first - 1, j])
        at = panel.when(s, last) if first == last else f"{panel.when(s, first)} to {panel.when(s, last)}"
        whose = f" of {panel.label(s)}" if panel.id_col is not None else ""
        log.warning("%s: the last value of column %r%s, %.6g (%s), is outlying against the column's own history (the "
                    "value before it %.6g, a step over %d times its median step); with window_norm 'last' (the "
                    "model's setting) each forecast starts from it and carries it forward; if it is a one-off, blank "
                    "it and fill it (a usual value, such as the one before it) before predict, or forecast with a model fitted "
                    "with --window-norm none or mean",
                    where, str(targets[j]), whose, value, at, before, jumps.TIMES)

"""What the baselines read of a target whose blank labels were stood in for (``blanklabels``, decision 1118): the
values measured, never a stood-in one.

A model of the features alone fitted without a fill stands in for each blank label the straight line between the
labels around it, so the scalers see no stray value. That line is made from the next label: 10 s before a lab value
taken every 30 min it holds 179/180 of that very value. A baseline reading the target's past (the repeat of the last
value, the seasonal naive forecast) reads here, at each stood-in row, the last label measured at or before it
(``last_measured``), as a person forecasting from the lab's record would: never the line, never a later label
(decision 2176). A row with no measured label before it in its series reads NaN (left out of that baseline's scores,
as a forecast it cannot make).
"""

from __future__ import annotations

import numpy as np

from rnncast.blanklabels import MARK, masked


def stood(filled: np.ndarray | None, n_t: int) -> np.ndarray | None:
    """[N, T] bool: the target values stood in for blank labels (``Panel.filled`` [N, C] marked ``blanklabels.MARK``);
    None where there is none (a fill's values are the user's choice, read as the model reads them)."""
    if filled is None:
        return None
    marks = filled[:, :n_t] == MARK
    return marks if marks.any() else None


def measured_rows(filled: np.ndarray | None, offsets: np.ndarray, n_t: int) -> np.ndarray | None:
    """[N, T] int: for each target value (``filled`` [N, C], series stacked at ``offsets`` [S + 1]) the row of the last
    measured label at or before it in its own series, -1 where its series has none before it; None where nothing was
    stood in (``stood``). Found once for every array of those rows (``taken``: the original and the scaled)."""
    marks = stood(filled, n_t)
    if marks is None:
        return None
    n = len(marks)
    offsets = np.asarray(offsets, dtype=np.int64)
    rows = np.arange(n)
    first = np.repeat(offsets[:-1], np.diff(offsets))  # [N] each row's series' first row
    source = np.maximum.accumulate(np.where(marks, -1, rows[:, None]), axis=0)  # [N, T] the last measured row so far
    return np.where(source >= first[:, None], source, -1)  # a row of its own series, not the one before's


def taken(values: np.ndarray, rows: np.ndarray | None, n_t: int) -> np.ndarray:
    """``values`` [N, C] with each target value read at its ``measured_rows`` row (NaN at -1); ``values`` itself (no
    copy) where ``rows`` is None. Its dtype is kept (float32 scaled rows)."""
    if rows is None:
        return values
    out = values.copy()
    got = values[np.maximum(rows, 0), np.arange(n_t)[None, :]]
    out[:, :n_t] = np.where(rows >= 0, got, np.nan).astype(values.dtype)
    return out


def last_measured(values: np.ndarray, filled: np.ndarray | None, offsets: np.ndarray, n_t: int) -> np.ndarray:
    """``values`` [N, C] (targets first, series stacked at ``offsets`` [S + 1]) with each stood-in target value
    (``stood``) replaced by the last measured one at or before its row in its own series, NaN where its series has
    none before it; ``values`` itself (no copy) where nothing was stood in. Its dtype is kept (float32 scaled rows)."""
    return taken(values, measured_rows(filled, offsets, n_t), n_t)


def blank_actuals(data_s, wf):
    """The windows' forecasts ``wf`` (``WindowForecasts``) of a model whose blank labels were stood in for
    (``blanklabels.masked(data_s)``: the features alone, no fill) with each stood-in actual blank (NaN, still marked in
    ``filled``, scored nowhere), as a label the data lacks: what predict_windows gives (decision 1193) and fit's
    test_forecasts.csv writes (decision 2177). ``wf`` itself for other models: a value a fill made is kept beside
    ``filled`` (decision 84)."""
    if masked(data_s) and wf.filled is not None and wf.filled.any():
        wf.y_true = np.where(wf.filled, np.nan, wf.y_true)
    return wf

"""Predict's table of the next horizon (``forecasting.next_horizon``'s forecasts): one series' frame indexed by its
dates, one column per target; many series' long frame, one row per series and step, with the id, the time and
``<target>_hat``; quantiles as ``<target>_q<level>`` in both; dates written as the data wrote them (``csvtext``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import csvtext, serieskeys
from rnncast.data import ID_COLUMN


def frame(state, panel, when: list, point: np.ndarray, quantiles: np.ndarray | None) -> pd.DataFrame:
    """The forecasts ``point`` [S, H, T] (and ``quantiles`` [S, H, T, Q], or None) of ``panel``'s series as predict
    returns them, at the dates ``when`` ([S] indexes of H): a model of one series (``state.layout`` single) a frame
    indexed by the dates, one column per target; else ``long``'s rows, a key of several split back into its columns
    (item_id and store_id, as given); ``attrs["time_format"]``: how the data wrote its dates (``csvtext.dated``)."""
    if state.layout == "single":
        table = pd.DataFrame(point[0], columns=state.targets, index=when[0])
        for j, q in enumerate(state.settings.model.quantiles):
            for t, name in enumerate(state.targets):
                table[f"{name}_q{q:g}"] = quantiles[0, :, t, j]
        return _with_freq(csvtext.dated(table, panel.calendar, state.calendar, dialect=panel.dialect), state.calendar)
    return csvtext.dated(serieskeys.split(long(state, panel.ids, when, point, quantiles), panel.key), panel.calendar,
                         state.calendar, dialect=panel.dialect)


def _with_freq(table: pd.DataFrame, calendar) -> pd.DataFrame:
    """``table`` with its DatetimeIndex given the calendar's pandas offset as ``freq`` where pandas finds the dates on
    it (a zoned daily index, which the zone's steps left without one; decision 1871); as it is otherwise."""
    index, freq = table.index, getattr(calendar, "freq", None)
    if not isinstance(index, pd.DatetimeIndex) or index.freq is not None or freq is None or len(index) < 2:
        return table
    try:
        table.index = pd.DatetimeIndex(index, freq=freq)  # pandas checks every date is on it
    except (TypeError, ValueError, AttributeError):  # off it (a holiday skipped), or no pandas offset
        pass
    return table


def long(state, ids, when: list, point: np.ndarray, quantiles: np.ndarray | None) -> pd.DataFrame:
    """One row per series (``ids`` [S]) and step: the id (the fit's id column, else ``unique_id``), the time (the fit's
    time column, else ``ds``; ``row`` for numbered rows, as backtest names them), ``<target>_hat`` of ``point``
    [S, H, T] and ``<target>_q<level>`` of ``quantiles`` [S, H, T, Q] for each of ``state``'s levels."""
    horizon = point.shape[1]
    id_name = state.id_col or ID_COLUMN
    time_name = state.time_col or ("row" if state.calendar.kind == "row" else "ds")
    stamps = when[0].append(when[1:]) if len(when) > 1 else when[0]
    columns = {id_name: np.repeat(np.array(ids, dtype=object), horizon), time_name: stamps}
    for t, name in enumerate(state.targets):
        columns[f"{name}_hat"] = point[:, :, t].reshape(-1)
        for j, q in enumerate(state.settings.model.quantiles):
            columns[f"{name}_q{q:g}"] = quantiles[:, :, t, j].reshape(-1)
    return pd.DataFrame(columns)

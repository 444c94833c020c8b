"""Predict's table of the next horizon (``forecasting.next_horizon``'s forecasts): one series' frame indexed by its
dates, one column per target; many series' long frame, one row per series and step, with the id, the time and
``<target>_hat``; quantiles as ``<target>_q<level>`` in both; dates written as the data wrote them (``csvtext``). Each
row's ``cutoff`` (its series' last row, the forecast's origin) and ``step_ahead`` (1 for the step after it) come before
the forecasts, as in a backtest's forecasts.csv and a run's test_forecasts.csv (decision 2144): a series a row behind
the others is told by them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import csvtext, serieskeys
from rnncast.backtestframe import STEP
from rnncast.data import ID_COLUMN


def frame(state, panel, when: list, point: np.ndarray, quantiles: np.ndarray | None) -> pd.DataFrame:
    """The forecasts ``point`` [S, H, T] (and ``quantiles`` [S, H, T, Q], or None) of ``panel``'s series as predict
    returns them, at the dates ``when`` ([S] indexes of H): a model of one series (``state.layout`` single) a frame
    indexed by the dates, ``cutoff`` and ``step_ahead`` (``origins``), then one column per target; else ``long``'s rows,
    a key of several split back into its columns (item_id and store_id, as given); ``attrs["time_format"]``: how the
    data wrote its dates (``csvtext.dated``)."""
    cutoffs = origins(panel, when)
    if state.layout == "single":
        horizon = point.shape[1]
        table = pd.DataFrame({"cutoff": cutoffs.repeat(horizon).array, STEP: np.arange(1, horizon + 1)}, index=when[0])
        for t, name in enumerate(state.targets):
            table[name] = point[0, :, t]
        for j, q in enumerate(state.settings.model.quantiles):
            for t, name in enumerate(state.targets):
                table[f"{name}_q{q:g}"] = quantiles[0, :, t, j]
        return _with_freq(csvtext.dated(table, panel.calendar, state.calendar, dialect=panel.dialect), state.calendar)
    return csvtext.dated(serieskeys.split(long(state, panel.ids, when, point, quantiles, cutoffs), panel.key),
                         panel.calendar, state.calendar, dialect=panel.dialect)


def origins(panel, when: list) -> pd.Index:
    """[S] each series' cutoff, the last row its forecast reads: its last time, in the clock its forecast ``when`` [S]
    is dated in (UTC where ``fixedoffsets.in_one_clock`` made it so), else the row number before its first step."""
    if panel.time is None or (isinstance(when[0], pd.RangeIndex) and when[0].name == "row"):
        return pd.Index([w[0] - 1 for w in when])  # numbered rows (a table's, or the fit's row calendar: next_times)
    last = panel.time[panel.offsets[1:] - 1]
    zone = getattr(when[0], "tz", None)
    return last.tz_convert(zone) if zone is not None and last.tz is not None and str(last.tz) != str(zone) else last


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


def long(state, ids, when: list, point: np.ndarray, quantiles: np.ndarray | None, cutoffs: pd.Index) -> pd.DataFrame:
    """One row per series (``ids`` [S]) and step: the id (the fit's id column, else ``unique_id``), the time (the fit's
    time column, else ``ds``; ``row`` for numbered rows, as backtest names them), ``cutoff`` (``cutoffs`` [S]),
    ``step_ahead``, ``<target>_hat`` of ``point`` [S, H, T] and ``<target>_q<level>`` of ``quantiles`` [S, H, T, Q] for
    each of ``state``'s levels."""
    horizon = point.shape[1]
    id_name = state.id_col or ID_COLUMN
    time_name = state.time_col or ("row" if state.calendar.kind == "row" else "ds")
    stamps = when[0].append(when[1:]) if len(when) > 1 else when[0]
    columns = {id_name: np.repeat(np.array(ids, dtype=object), horizon), time_name: stamps,
               "cutoff": cutoffs.repeat(horizon).array, STEP: np.tile(np.arange(1, horizon + 1), len(ids))}
    for t, name in enumerate(state.targets):
        columns[f"{name}_hat"] = point[:, :, t].reshape(-1)
        for j, q in enumerate(state.settings.model.quantiles):
            columns[f"{name}_q{q:g}"] = quantiles[:, :, t, j].reshape(-1)
    return pd.DataFrame(columns)

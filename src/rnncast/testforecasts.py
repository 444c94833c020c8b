"""A run's test windows as a table, its ``test_forecasts.csv``: every forecast its test scores rest on, beside the
actual value, in original units, one row per series, window and step.

The columns are those of a backtest's ``forecasts.csv`` (``backtestframe``) without its ``window``:
the id (many series), the time of the value forecast (``row`` without time), ``cutoff`` (the window's last input
step), ``step_ahead`` (1 for the step after the cutoff, up to the horizon), ``left_out`` where ``fill`` made values,
then per target the actual value, ``<target>_filled``, ``<target>_hat``, its quantiles and the baselines. The test
windows are stride-1: each value is forecast from every cutoff up to a horizon before it, as ``evaluate`` scores it.
Python gets the same table of ``predict_windows``' windows from ``WindowForecasts.to_frame`` (``frame``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from rnncast import datatimes, measuredlabels, negatives, scaling, serieskeys, stepactuals
from rnncast.backtestframe import STEP, finished
from rnncast.data import ID_COLUMN
from rnncast.forecasting import digits_unit
from rnncast.windowforecasts import PartForecasts, WindowForecasts

FILE = "test_forecasts.csv"
SAID = (f"Every test window's actual and forecast values (and the baselines', with their intervals beside a quantile "
        f"model's), in original units, one row per series, "
        f"window and step, are in {FILE}.")  # under the run page's forecast figure


def table(state, test: PartForecasts, given: pd.Index | None = None) -> pd.DataFrame:
    """The table of ``test``'s windows (``Forecaster.part_forecasts(data, "test")``) of the model fitted as ``state``
    (``state.FittedState``: its layout, the data's id and time columns, else rnncast's ``unique_id``, ``ds`` or
    ``row``, and its targets), dates and numbers written as the data's file writes them (``csvtext.dated``, the
    dialect of ``test``); forecasts and quantiles (the model's and the baselines') as the shortest decimals of the
    network's float32, as predict and a backtest write them (``decimals.shortest``), where the run's scores read them
    whole; a quantile model's point forecast, its median, written as its ``_q0.5`` column is, to its bands' decimal
    place (``decimals.shortest_bands``), as predict's (decision 2125: 20.4988795 beside 20.49888). ``given``: the
    caller's ids in their dtype (``Panel.given``: a categorical, Int64), for the id column to keep it, as predict's
    does (decision 1869); None: as text."""
    wf = measuredlabels.blank_actuals(state.settings.data, replace(test.original))  # a stood-in label: blank (decision 2177)
    count, horizon = wf.y_true.shape[:2]
    series = np.zeros(count, np.int64) if wf.series is None else wf.series
    columns = _placed(state, test, series, horizon, given)  # its [W * H] row numbers let go before the forecasts' columns
    quantiles = None if wf.quantiles is None else _shortest(state, test.index, series, wf.quantiles, negatives.unscaled)
    point = (_shortest(state, test.index, series, wf.y_pred, negatives.unscaled) if quantiles is None  # clipped at 0
             else negatives.point_forecast(state, quantiles)[0])  # the median as its _q0.5 column (decision 2125)
    for name in ("mean", "climatology"):  # at the forecasts' resolution, as a backtest's forecasts.csv writes them
        if name in wf.baselines:  # (the climatology's: decision 1635)
            at = _shortest(state, test.index, series, wf.baselines[name], lambda _, *a: scaling.inverse_windows(*a))
            wf = replace(wf, baselines={**wf.baselines, name: at})
    if wf.baseline_quantiles:  # the baselines' intervals at the network's float32, as the model's quantiles are written
        wf = replace(wf, baseline_quantiles={name: _shortest(state, test.index, series, band, negatives.unscaled)
                                             for name, band in wf.baseline_quantiles.items()})
    wf = stepactuals.shown(wf, test.absent)  # a step whose date the data lacks: a blank actual
    return serieskeys.split(finished(columns, state.targets, wf, state.calendar, test.dialect, point, quantiles),
                            test.key)


def _placed(state, test: PartForecasts, series: np.ndarray, horizon: int, given: pd.Index | None) -> dict:
    """``table``'s first columns, [W * H] each: the id (many series), the time of each step (``row`` without time),
    ``cutoff``, ``step_ahead`` and ``left_out``; the row numbers they are taken at are let go on return (decision
    1604: 31 MB each at 3.9 M rows)."""
    wf, calendar, count = test.original, state.calendar, len(series)
    columns = {}
    if state.layout != "single":
        own = state.layout == "long" and state.id_col is not None
        ids = given if given is not None and len(given) == len(wf.ids) else pd.Index(wf.ids, dtype="str")  # decision 2234
        columns[state.id_col if own else ID_COLUMN] = ids.take(np.repeat(series, horizon))
    if wf.times:  # each series' times (or a wide table's shared row numbers)
        starts = np.concatenate([[0], np.cumsum([len(t) for t in wf.times])])
        stamps = wf.times[0].append(list(wf.times[1:])) if len(wf.times) > 1 else wf.times[0]
        cut = np.repeat(starts[series] + wf.target_rows - 1, horizon)  # [W * H] each step's cutoff among the stamps
        columns[state.time_col or ("row" if calendar.kind == "row" else "ds")] = (  # as predict's; a date lacking: its own
            stamps[cut + np.tile(np.arange(1, horizon + 1), count)] if test.absent is None else test.absent.times)
        columns["cutoff"] = stamps[cut]
    else:  # rows numbered from 0 in each series
        columns["row"] = (wf.target_rows[:, None] + np.arange(horizon)).reshape(-1)
        columns["cutoff"] = np.repeat(wf.target_rows - 1, horizon)
    columns[STEP] = np.tile(np.arange(1, horizon + 1), count)
    if wf.reads_later is not None:
        columns["left_out"] = np.repeat(wf.reads_later, horizon)
    return columns


def frame(wf: WindowForecasts) -> pd.DataFrame:
    """``WindowForecasts.to_frame``: the windows ``wf`` (``predict_windows``' in original units, with its ``source``)
    as ``table`` makes test_forecasts.csv of them, its times in the data's own form as ``predict`` gives them
    (``datatimes.in_frame``: Unix times as the numbers the data wrote); decision 1550."""
    source = wf.source
    own = replace(wf, times=source.times, source=None)  # the timestamps table dates (in_windows made numbers of them)
    part = PartForecasts(own, own, None, list(own.ids), index=source.index, dialect=source.dialect, key=source.key,
                         absent=source.absent)
    return datatimes.in_frame(table(source.state, part, source.given), source.state.calendar.text_format)


PIECE = 2048  # windows whose shortest decimals are found at once (_shortest): ~0.7 M values at horizon 336


def _shortest(state, index: np.ndarray, series: np.ndarray, values: np.ndarray, unscale) -> np.ndarray:
    """Forecasts ``values`` [W, H, T] or [W, H, T, Q] (original units, float64) of windows of the series ``series``
    [W] (positions in ``index``, the model's series) as ``scaling.inverse_windows`` writes them for a person: the
    network's float32 found again through each series' scaler, then its shortest decimal, by ``unscale``
    (``negatives.unscaled`` for the model's forecasts: a nonnegative model's clipped in original units). Each value's
    decimal is its own, so it is found ``PIECE`` windows at a time (the search holds ~100 bytes a value: 400 MB of
    3.9 M at once), and a flat baseline's (the training mean: a [W, 1, T] broadcast over the horizon) once a window
    (decision 1604); the values are the same."""
    if values.shape[1] > 1 and values.strides[1] == 0:  # one value a window, broadcast over its steps
        return np.broadcast_to(_shortest(state, index, series, values[:, :1], unscale), values.shape)
    offset, scale = scaling.stack([state.scalers[k] for k in index])  # [S, C]
    n_t = values.shape[2]
    out = np.empty(values.shape, np.float64)
    for at in range(0, len(values), PIECE):
        part, of = values[at:at + PIECE], series[at:at + PIECE]
        o, k = offset[of, :n_t][:, None, :], scale[of, :n_t][:, None, :]  # [w, 1, T]
        if values.ndim == 4:
            o, k = o[..., None], k[..., None]
        network = ((part - o) / k).astype(np.float32)
        out[at:at + PIECE] = unscale(state, network, of, offset, scale, True, digits_unit(state))
    return out

"""A backtest's forecasts as a table (``backtest.run``'s ``frame``, its forecasts.csv): one row per series, window
and step, with the actual value, the forecast, its quantiles and the baselines, its times written as the data's file
writes them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import csvtext, fixeddecimals, serieskeys
from rnncast.data import ID_COLUMN
from rnncast.panel import Panel
from rnncast.windowforecasts import WindowForecasts

STEP = "step_ahead"  # each forecast's step after its cutoff, here and in test_forecasts.csv; outputnames checks it


def forecast_frame(panel: Panel, wf: WindowForecasts, window: np.ndarray, times: pd.Index | None = None) -> pd.DataFrame:
    """One row per series, window and step: id, time, cutoff (last input step), window, ``step_ahead`` (1 .. H, as a
    run's test_forecasts.csv and metrics.json's ``by_step`` count them), actual, forecast, quantiles and baselines (columns ``<target>``, ``<target>_hat``, ``<target>_q0.1``,
    ``<target>_repeat``, and a quantile model's baselines' quantiles ``<target>_repeat_q0.1``, ...). Where ``fill``
    made values: ``<target>_filled`` (the actual value was made, not observed: not scored) and ``left_out`` (the
    window's inputs hold a value filled from a row after its cutoff: none of its values is scored); where fill 'zero'
    wrote one, ``<target>_zero_filled`` (an observed 0 to the scores, so scored and not ``_filled``). ``times`` [W * H]:
    each step's time where the series lacks some dates its windows forecast (``stepactuals``: such a step's actual is
    blank, not ``<target>_filled``)."""
    horizon = wf.y_true.shape[1]
    rows = (wf.target_rows[:, None] + np.arange(horizon)).reshape(-1)  # [W * H] rows inside each series
    series = np.repeat(wf.series, horizon)
    columns = {}
    if panel.id_col is not None:
        columns[panel.id_col or ID_COLUMN] = (pd.Index(panel.ids, dtype="str") if panel.given is None else panel.given).take(series)
    if panel.time is not None:
        stamps = panel.time
        columns[panel.time_col or "ds"] = stamps[panel.offsets[series] + rows] if times is None else times
        columns["cutoff"] = stamps[panel.offsets[series] + np.repeat(wf.target_rows, horizon) - 1]
    else:  # each series' row numbers: a wide table's rows, which its series share (Panel.numbered)
        cutoffs = np.repeat(wf.target_rows, horizon) - 1
        shared = panel.row_numbers is not None
        columns["row"] = panel.row_numbers[panel.offsets[series] + rows] if shared else rows
        columns["cutoff"] = panel.row_numbers[panel.offsets[series] + cutoffs] if shared else cutoffs
    columns["window"] = np.repeat(window, horizon)
    columns[STEP] = np.tile(np.arange(1, horizon + 1), len(wf.target_rows))  # as test_forecasts.csv's (decision 1726)
    if wf.reads_later is not None:
        columns["left_out"] = np.repeat(wf.reads_later, horizon)
    return serieskeys.split(finished(columns, panel.targets, wf, panel.calendar, panel.dialect), panel.key)


def finished(columns: dict, targets: list, wf: WindowForecasts, calendar, dialect, point: np.ndarray | None = None,
             quantiles: np.ndarray | None = None) -> pd.DataFrame:
    """``columns`` (the id, time, window columns) and, per target, the actual value, ``<target>_filled`` (where fill
    made values), ``<target>_hat``, its quantiles and the baselines of ``wf`` [W, H, ...] (each one's quantiles after it,
    ``<target>_repeat_q0.1``, where a quantile model has them: ``baselinebands``) flattened to one row per
    window and step, dated as the data's file writes its times (``calendar``, ``dialect``: ``csvtext.dated``);
    ``point``, ``quantiles``: the forecasts as written where not ``wf``'s own (a run's test_forecasts.csv, the
    shortest decimals). A backtest's forecasts.csv and a run's test_forecasts.csv both end so."""
    point = wf.y_pred if point is None else point
    quantiles = wf.quantiles if quantiles is None else quantiles
    for t, name in enumerate(targets):
        columns[name] = wf.y_true[..., t].reshape(-1)
        if wf.filled is not None:
            columns[f"{name}_filled"] = wf.filled[..., t].reshape(-1)
        if wf.zeroed is not None:  # fill 'zero' made the actual, an observed 0 to the scores: not _filled
            columns[f"{name}_zero_filled"] = wf.zeroed[..., t].reshape(-1)
        columns[f"{name}_hat"] = point[..., t].reshape(-1)
        for j, q in enumerate(wf.levels):
            columns[f"{name}_q{q:g}"] = quantiles[..., t, j].reshape(-1)
        for base, values in wf.baselines.items():
            columns[f"{name}_{base}"] = values[..., t].reshape(-1)
            for j, q in enumerate(wf.levels if base in wf.baseline_quantiles else ()):  # its interval, as the model's
                columns[f"{name}_{base}_q{q:g}"] = wf.baseline_quantiles[base][..., t, j].reshape(-1)
    frame = csvtext.dated(pd.DataFrame(columns), calendar, dialect=dialect)  # as the data's file writes
    frame.attrs[fixeddecimals.COPIES] = {f"{name}{end}": name for t, name in enumerate(targets)  # 986,00 as written
                                   if wf.filled is None or not wf.filled[..., t].any() for end in ("", "_repeat", "_seasonal")}
    return frame

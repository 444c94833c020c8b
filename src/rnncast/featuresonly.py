"""New data for predict of a model fitted with ``target_input=False`` (it reads the features alone): the target's
column, which the network drops unread, stood in for where the data lacks it, so that predict needs the features only.

Such a model was trained to forecast a target not measured when forecasting (a soft sensor). Its windows still carry
the target's column in the first place (the scalers, the checks and the network are built so), but the network cuts it
off before the cell, so any finite value there gives the same forecast. Values the data does give in it are named as
not read, once per model.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import labels, measuredlabels, statictext
from rnncast.data import as_frame
from rnncast.noticed import first_time
from rnncast.panel import Panel
from rnncast.state import FittedState

log = logging.getLogger(__name__)


def reads_target(state: FittedState) -> bool:
    """Whether the model's input windows hold the target's past (every model fitted before the setting: yes)."""
    return bool(state.settings.data.target_input)


def stood_in(state: FittedState, data, absent: list | None = None):
    """``data`` as ``reading`` reads it for predict (``read_new(stand_in=True)``), once: for a model that does not read
    the target (a table or file of one series, a long table's frame as ``reading`` read it, or a wide table, whose
    series are its target columns), every target column set to the target's training mean, its values never checked
    nor converted (text, blanks and values far beyond the fit's are all unread), and one absent added; where the model
    reads future covariates, a series' last rows with a blank target after rows that hold it are kept blank
    (``appendedrows`` refuses them by name: future rows, as fit and evaluate say). A file is read here as
    ``load_panel`` reads one series' file, and handed on as read (named as the file); other data (an array, known by
    column places; a Panel) as it is. ``absent`` (predict_windows', which shows the actuals beside the forecasts):
    only the target columns the data lacks are added, their names appended to the list; the others are read as
    labels (``blanklabels``)."""
    if reads_target(state) or isinstance(data, Panel) or labels.is_array(data):
        return data
    if isinstance(data, (str, Path)):
        frame = statictext.read_file(data, [], decide=[])  # load_panel's read of a series' file (no ids, no statics)
        frame.attrs[labels.GIVEN] = labels.given(data)  # its refusals name the file's columns as a file's
    else:
        frame = data if isinstance(data, pd.DataFrame) else as_frame(data)
    means = np.asarray(state.train_means, dtype=np.float64)  # [S, T] original units
    if state.layout == "wide":  # its series' columns are its targets
        levels = {_column(frame, s): float(means[j].mean()) for j, s in enumerate(state.ids)}
    else:
        levels = {t: float(means[:, j].mean()) for j, t in enumerate(state.targets)}
    own = _own_least(frame, levels, state)  # every target's, stood in or read as labels (predict_windows')
    if absent is not None:
        levels = {c: v for c, v in levels.items() if c not in frame.columns}
        absent.extend(levels)
    given = [str(c) for c in levels if c in frame.columns and frame[c].notna().any()]
    if given and first_time(state.said, "target_input", *given):
        log.warning("not read: %s — the model reads the features alone (target_input=False): predict forecasts without "
                    "the target, so %s may be left out", ", ".join(given),
                    "its column" if len(given) == 1 else "these columns")
    future = bool(state.future_covariates) and state.layout != "wide"
    frame = frame.copy()
    frame.attrs[OWN] = own
    for c, v in levels.items():
        frame[c] = np.where(_trailing_blank(frame, c, state), np.nan, v) if future and c in frame.columns else v
    return frame


OWN = "rnncast_own_target"  # frame.attrs: {target: the least value the data gave, or None}, before the stand-in


def own_least(data) -> dict | None:
    """{target: the least finite value the data gave of it (None: it gave none)} of a frame ``stood_in`` made, or
    None where the target was not stood in (the panel's values are the data's own): ``Panel.target_least``."""
    return data.attrs.get(OWN) if isinstance(data, pd.DataFrame) else None


def _own_least(frame: pd.DataFrame, levels: dict, state: FittedState) -> dict:
    """{target: the least number the frame's own columns ``levels`` (stood in next) hold of it, or None}: negatives
    judges "never negative" by them, never by the stand-in (a wide table's series' columns are its one target's)."""
    own: dict = {t: None for t in state.targets}
    for c in levels:
        if c in frame.columns:
            values = pd.to_numeric(frame[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            values = values[np.isfinite(values)]
            t = state.targets[0] if state.layout == "wide" else c
            if values.size:
                own[t] = float(values.min()) if own[t] is None else min(own[t], float(values.min()))
    return own


def _column(frame: pd.DataFrame, name: str):
    """The frame's column named ``name`` (a wide series id, kept as text) as the frame spells it."""
    return next((c for c in frame.columns if str(c) == name), name)


def _trailing_blank(frame: pd.DataFrame, column, state: FittedState) -> np.ndarray:
    """[N] whether a row is among its series' last rows (in time order where the time column holds times, else
    the frame's) whose
    ``column`` is blank, after at least one row that holds a value: future rows appended to the history."""
    blank = pd.Series(frame[column].isna().to_numpy())  # by position: the frame's index may repeat labels
    keys = (pd.Series(frame[state.id_col].to_numpy()) if state.id_col and state.id_col in frame.columns
            else pd.Series(0, index=blank.index))
    order = (np.argsort(frame[state.time_col].to_numpy(), kind="stable")
             if state.time_col in frame.columns and pd.api.types.is_datetime64_any_dtype(frame[state.time_col])
             else np.arange(len(frame)))  # times as text: the file's order
    b, k = blank.iloc[order].reset_index(drop=True), keys.iloc[order].reset_index(drop=True)
    tail = b[::-1].astype(int).groupby(k[::-1]).cummin()[::-1].astype(bool)  # blank to the series' end
    held = (~b).groupby(k).transform("any")
    out = np.zeros(len(frame), dtype=bool)
    out[order] = (tail & held).to_numpy()
    return out


def without_actuals(state: FittedState, windows: tuple, absent: list) -> tuple:
    """``predict_windows``' forecasts (original and scaled ``WindowForecasts``) of data that lacked the target columns
    ``absent`` (stood in for: ``stood_in``; a wide table's: its series' columns): their actuals and the baselines read
    of them (repeat-last, seasonal naive) blank, as the data gives none; the forecasts are those of the data with it.
    A blank label stood in for where no fill was set (``blanklabels``: the last rows' too) is a blank actual, not the
    stood-in value: NaN, marked in ``filled`` and scored nowhere (decisions 1118, 1168)."""
    for wf in windows:
        measuredlabels.blank_actuals(state.settings.data, wf)
    if not absent:
        return windows
    names = {str(c) for c in absent}
    for wf in windows:
        if state.layout == "wide":  # the windows of the series whose column is absent
            series = wf.series if wf.series is not None else np.zeros(len(wf.y_true), dtype=np.int64)
            where = (np.isin([str(wf.ids[s]) for s in series], list(names)), slice(None), slice(None))
        else:
            where = (slice(None), slice(None), [j for j, t in enumerate(wf.targets) if str(t) in names])
        wf.y_true = wf.y_true.astype(np.float64, copy=True)
        wf.y_true[where] = np.nan
        for name in ("repeat", "seasonal", "climatology"):  # each reads the target (climatology: decision 1605)
            if name in wf.baselines:
                wf.baselines[name] = wf.baselines[name].astype(np.float64, copy=True)
                wf.baselines[name][where] = np.nan
    return windows

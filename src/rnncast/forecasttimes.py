"""Each window's forecast time as an integer position, for the Diebold–Mariano test's sums per time
(``forecast_times``): windows of a panel that forecast from one time share its shocks and count once, times less than
half the calendar's step apart being one (``one_time``, decisions 1891 and 1954)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import seriesanchors
from rnncast.windowforecasts import WindowForecasts


def forecast_times(wf: WindowForecasts) -> np.ndarray:
    """Each window's forecast time as an integer position [W], for the Diebold–Mariano test's sums
    per time: the row of its first target for one series (or rows numbered), and for a panel with
    timestamps the rank of its first target's time among the windows' (series seen at one time
    meet at one position), times less than half the panel's step apart counting as one (``one_time``:
    a weekly series dated Saturdays beside others dated Sundays forecasts the same week, decision 1891). The step is
    the calendar's (``wf.step``), the median spacing of the rows only where no calendar is known: a daily panel of
    intermittent series, rows 5 days apart, keeps its days apart (decision 1954). Where the series keep one month
    (quarter, year) on two anchors (``wf.grain``: 'M' for 'MS' beside 'ME'), a time is its period: a site's May 1 and
    the others' May 31 are one forecast time (decision 2122)."""
    if wf.series is None or len(np.unique(wf.series)) <= 1 or not wf.times:
        return np.asarray(wf.target_rows, dtype=np.int64)
    present = np.unique(wf.series)  # [S'] the series with windows; their times as int64, back to back
    each = [time.as_unit("ns").asi8 if isinstance(time, pd.DatetimeIndex) else time.asi8 if hasattr(time, "asi8")
            else np.asarray(time) for time in (wf.times[s] for s in present)]  # 45292.375; dates in ns, as wf.step
    starts = np.concatenate([[0], np.cumsum([len(keys) for keys in each])[:-1]]).astype(np.int64)  # [S']
    keys = np.concatenate(each)[starts[np.searchsorted(present, wf.series)] + np.asarray(wf.target_rows)]  # [W]
    if wf.step is not None and all(isinstance(wf.times[s], pd.DatetimeIndex) for s in present):
        if wf.grain is not None:  # month-starts beside month-ends: May's first targets one time (decision 2122)
            return np.unique(seriesanchors.first_periods(keys, wf.grain), return_inverse=True)[1].astype(np.int64)
        return one_time(keys, wf.step)
    steps = np.concatenate([np.diff(keys_s) for keys_s in each])
    return one_time(keys, float(np.median(steps[steps > 0])) if (steps > 0).any() else 0.0)


def one_time(keys: np.ndarray, step: float) -> np.ndarray:
    """[W] the position of each window's first target time ``keys`` [W] (int64 nanoseconds, or numbers) among the
    forecast times, those less than half ``step`` (the calendar's, else the rows' median spacing) after the first of a group
    counting as one: series a day apart in a weekly panel (Saturday and Sunday, one retail week) share their shocks,
    and the test counts them once, whatever the freq (weeks, months, hours: a rule by the step, not by calendar names);
    times a step apart stay two."""
    distinct, inverse = np.unique(keys, return_inverse=True)
    group, start, at = np.zeros(len(distinct), dtype=np.int64), None, -1
    for i, key in enumerate(distinct.tolist()):
        if start is None or key - start >= step / 2:
            start, at = key, at + 1
        group[i] = at
    return group[inverse]

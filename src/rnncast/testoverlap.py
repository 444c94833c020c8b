"""The overlap of per-series splits: where series start or end on other dates, one series' test rows may fall
on dates other series were trained and validated on, and where series move together the test score is
optimistic. ``overlap`` measures it and says it in one line, advising a common cutoff (``cutoffs``); fit logs
it, and model.json and metrics.json keep it (``test_overlap``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import cutoffadvice
from rnncast.panel import Panel
from rnncast.spelling import spelled
from rnncast.timetext import shown
from rnncast.windows import Split


def overlap(panel: Panel, splits: list[Split]) -> dict | None:
    """Where a panel's per-series test rows fall on dates other series were trained or validated on:
    ``{"series": how many series' test rows do, "of": the series, "from": the first such test time, "to": the
    last time another series was fitted on, "text"}``; None for one series, data without time, or no overlap."""
    if panel.n_series < 2 or panel.time is None:
        return None
    keys = _keys(panel.time)
    if keys is None:
        return None
    starts = np.asarray(panel.offsets[:-1], dtype=np.int64)
    val_end = np.array([sp.val_end for sp in splits], dtype=np.int64)
    end = np.array([sp.end for sp in splits], dtype=np.int64)
    tested = val_end < end  # [S] series with test rows
    first_test = starts + np.minimum(val_end, end - 1)  # [S] rows of the panel
    last_fit = starts + val_end - 1  # the last row each series was fitted (trained or validated) on
    # a series' own fitted rows end before its test rows, so the latest fitted time among series that start by the end of
    # a series' test rows is another series' whenever it reaches into them
    order = np.argsort(keys[starts], kind="stable")
    latest = np.maximum.accumulate(keys[last_fit[order]])  # [S] the latest fitted time among the first k + 1 by start
    k = np.searchsorted(keys[starts][order], keys[starts + end - 1], side="right") - 1  # [S] >= its own position
    reach = latest[k]  # [S] the latest fitted time of the series that start by the end of each one's test rows
    hit = tested & (keys[first_test] <= reach)
    if not hit.any():
        return None
    first = first_test[hit][np.argmin(keys[first_test[hit]])]
    last = last_fit[np.flatnonzero(keys[last_fit] == reach[hit].max())[0]]
    said = {"series": int(hit.sum()), "of": int(panel.n_series), "from": cutoffadvice.written(panel.time[first], panel),
            "to": cutoffadvice.written(panel.time[last], panel)}
    return {**said, "text": _text(said)}


def _text(said: dict) -> str:
    fall = (f"(from {said['from']}) fall on dates other series were trained or validated on (up to {said['to']})"
            if said["from"] != said["to"] else  # one time, not "from X ... up to X" (decision 2244)
            f"share one time, {said['from']}, with the rows other series were trained or validated on")
    return (f"each series is cut at its own fractions (val_frac, test_frac), so the test rows of {said['series']} "
            f"of the {said['of']} series {fall}: where the series move together, the test score is optimistic; "
            f"a cutoff ({spelled('cutoff')}) cuts every series at one time, their test rows after it")


def respelled(said: dict, fitted: str | None, read: str | None) -> dict:
    """``said`` (``overlap``'s, kept in model.json with its times as the fit's data wrote them, ``fitted``: that
    calendar's ``text_format``) with its times as the data read now writes them (``read``: 2026-04-30, not the fit's
    30/04/2026), so that evaluate's output keeps one spelling (decision 1897); as it is where the two agree, or where
    a time does not read back in ``fitted`` (a zone's offset, a period)."""
    if fitted == read or fitted is None:
        return said
    try:
        times = [pd.to_datetime(said[k], format=fitted) for k in ("from", "to")]
    except (ValueError, TypeError):
        return said
    midnight = all(t == t.normalize() for t in times)
    new = {**said, "from": shown(times[0], midnight, read), "to": shown(times[1], midnight, read)}
    return {**new, "text": _text(new)}


def _keys(time: pd.Index) -> np.ndarray | None:
    """The times as int64 that order as they do (datetimes in their unit, periods as ordinals); None for another kind."""
    if isinstance(time, (pd.DatetimeIndex, pd.PeriodIndex)):
        return time.asi8
    if np.issubdtype(time.dtype, np.integer):
        return time.to_numpy().astype(np.int64)
    return None

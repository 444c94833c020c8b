"""The windows at a series' end that counting rows left out: their horizon's dates end at or before its last date.

Windows are cut by rows (``windows``): a window needs ``horizon`` rows after its cutoff. Where the data lacks a date
among the last ones, the window whose horizon ends on the last date has fewer rows after its cutoff, and was left out:
business days lacking 2023-12-28, the last row 12-29, horizon 3: the window cut at 12-26 (12-27 present, 12-28 lacking,
12-29 present) was never made, and the data's last row never scored. Each step is dated on its series' calendar
(``stepactuals``): such a window forecasts its dates as any other does, the lacking one unscored. So evaluate, fit's
test scores and predict_windows (``parts.select``) keep it, as a backtest's calendar cutoffs do (``calendarcuts``).

Left as before: a model reading future covariates of the data's own (its steps are read at their rows:
``stepactuals.through``; those computed from the timestamps are made at each date, decision 2024), rows
without a calendar (no times, an irregular one), and parts that do not reach the series' end.
"""

from __future__ import annotations

import numpy as np

from rnncast import calendarcuts


def kept(panel, splits: list, part: str, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int,
         placed: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, series)`` [W'] of the stacked windows of ``part`` (``splits`` [S]: each series' ``windows.Split``;
    part "all": every row), with the windows at each series' end whose cutoff has fewer than ``horizon`` rows after it
    but whose horizon's last date is at or before the series' last, in order. ``placed``: the calendar walk where the
    caller has it (``calendarcuts.placed_series``)."""
    if panel.given_future or panel.time is None or horizon < 2:
        return starts, series
    placed = calendarcuts.placed_series(panel) if placed is None else placed
    more = []
    for s, (steps, _) in placed.items():
        length = int(panel.lengths[s])
        first = 0 if part == "all" else splits[s].rows(part)[0]  # the part's first target row
        if part != "all" and splits[s].rows(part)[1] < length:
            continue  # the part ends before the series does
        cuts = np.arange(max(length - horizon, lookback - 1, first - 1), length - 1)  # rows after: 1 .. horizon - 1
        cuts = cuts[steps[cuts] + horizon <= steps[length - 1]]  # the horizon's dates end by the last
        more.append((panel.offsets[s] + cuts - lookback + 1, np.full(len(cuts), s, dtype=np.int64)))
    if not more or not sum(len(m[0]) for m in more):
        return starts, series
    starts = np.concatenate([np.asarray(starts, dtype=np.int64)] + [m[0] for m in more])
    series = np.concatenate([np.asarray(series, dtype=np.int64)] + [m[1] for m in more])
    order = np.lexsort((starts, series))
    return starts[order], series[order]

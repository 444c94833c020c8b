"""Windows whose rows are not consecutive steps of their calendar: the steps missing after each row of new
data, on the model's calendar (or a series' own), and the windows of a part that span them, counted and said.

Fit takes the rows on either side of a missing step as consecutive (its gap warning says so) and trains on the
windows across any its own data lacks (whether it lacked any is not kept: the warning says the rule, not the fit); ``evaluate`` and ``predict_windows`` forecast and score them alike, but say how many there
are and in which series (``parts.select``): a warning, and a clause of what was scored, so that a score resting on
them is not read as one of consecutive steps. ``fill_gaps`` at fit inserts such rows for ``fill`` to fill; the
model then does so on new data too, and the filled targets are not scored (``windowforecasts.scored``).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

import numpy as np
import pandas as pd

from rnncast import calendars
from rnncast.panel import Panel
from rnncast.spelling import counted
from rnncast.timecalendar import Calendar

log = logging.getLogger(__name__)

REMEDY = "fill_gaps=True (--fill-gaps) at fit inserts such rows for fill= (--fill) to fill"


@contextmanager
def quiet():
    """The block's windows across missing steps counted and said in what was scored, not warned of: for the scores
    of a fit's own data (a run's parts, tune's trials), whose missing rows the fit's gap warning said once."""
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def missing_after(time: pd.Index, offsets: np.ndarray, calendar: Calendar) -> np.ndarray:
    """[N] how many steps of ``calendar`` are missing after each row of the stacked, sorted ``time`` [N] (cut at
    ``offsets`` [S + 1]), within its series (``calendars.missing_rows``). A row off the calendar counts as a step
    missing before it, and the rows from it on are walked from it; where no ruler can place the times (a calendar
    finer than they are), every step is counted as missing one."""
    after = np.zeros(len(time), dtype=np.int64)
    ruler = calendars.walk(time, offsets, calendar)
    if ruler is not None and ruler.bad is None:
        return calendars.missing_rows(ruler.steps, offsets)
    if len(offsets) > 2:  # a row off the calendar: each series walked alone
        for s in range(len(offsets) - 1):
            lo, hi = offsets[s], offsets[s + 1]
            after[lo:hi] = missing_after(time[lo:hi], np.array([0, hi - lo]), calendar)
        return after
    start, n = 0, len(time)
    while start < n - 1:
        piece = time[start:]
        ruler = calendars.walk(piece, np.array([0, len(piece)]), calendar)
        if ruler is None:
            after[start : n - 1] = 1
            break
        if ruler.bad is None:
            after[start:] = calendars.missing_rows(ruler.steps, np.array([0, len(piece)]))
            break
        bad = int(ruler.bad)
        if bad > 1:
            after[start : start + bad] = missing_after(piece[:bad], np.array([0, bad]), calendar)
        after[start + max(bad - 1, 0)] = max(after[start + max(bad - 1, 0)], 1)
        start += max(bad, 1)
    return after


def panel_missing(state, panel: Panel) -> np.ndarray:
    """[N] the calendar steps missing after each row of ``panel``, each series on the calendar the model keeps for
    it (``state.calendars``, else ``state.calendar``); zeros without timestamps or a calendar."""
    after = np.zeros(len(panel.values), dtype=np.int64)
    if panel.time is None or state.calendar.kind == "row" or state.calendar.freq is None:
        return after
    own = [state.calendars.get(i, state.calendar) for i in panel.ids]  # [S] each series' calendar
    for calendar in set(own):
        series = np.array([s for s, c in enumerate(own) if c == calendar])
        if calendar.freq is None or not len(series):
            continue
        rows = np.concatenate([np.arange(panel.offsets[s], panel.offsets[s + 1]) for s in series])
        offsets = np.concatenate([[0], np.cumsum(panel.lengths[series])]).astype(np.int64)
        after[rows] = missing_after(panel.time[rows], offsets, calendar)
    return after


def crossing(after: np.ndarray, starts: np.ndarray, span: int) -> np.ndarray:
    """[W] whether the window of ``span`` rows from stacked row ``starts`` [W] spans a missing step (``after`` [N]:
    the steps missing after each row): a row of it, its last but one at most, is followed by one."""
    gaps = np.concatenate([[0], np.cumsum(after > 0)])  # [N + 1] rows before each with a step missing after them
    starts = np.asarray(starts, dtype=np.int64)
    return gaps[starts + span - 1] - gaps[starts] > 0


def across(state, panel: Panel, starts: np.ndarray, series: np.ndarray, scored: bool = True) -> dict | None:
    """The windows at stacked rows ``starts`` [W] of series ``series`` [W] (``lookback + horizon`` rows each)
    that span calendar steps the data lacks, warned of: ``{"windows", "series" (how many), "ids" (the first ten,
    as given), "text" (the clause of what was scored), "note" (the sentence of evaluate's notes)}``; None when
    every window's rows are consecutive steps. ``scored`` False (``predict_windows``): the warning speaks of the
    model's forecasts alone, no baselines."""
    data_s = state.settings.data
    after = panel_missing(state, panel)
    if not after.any() or not len(starts):
        return None
    hit = crossing(after, starts, data_s.lookback + data_s.horizon)  # [W]
    if not hit.any():
        return None
    per = np.bincount(np.asarray(series)[hit], minlength=panel.n_series)  # [S]
    which = np.flatnonzero(per)
    n, total = int(hit.sum()), len(starts)
    named = ", ".join(f"{panel.given_id(s)!r}: {int(per[s])}" for s in which[:10]) + (
        f" and {len(which) - 10} more" if len(which) > 10 else "")
    where = "" if panel.id_col is None else f" (series {named})"
    clause = (f"{n} of the windows span calendar steps missing from the data{where}, their rows taken as consecutive "
              "steps as fit takes them")
    sentence = (f"{n} of the {counted(total, 'window')} span calendar steps missing from the data{where}: the model "
                f"{'and the baselines take' if scored else 'takes'} the rows on either side as consecutive steps (as fit takes the rows around "
                f"any step its own data lacks), so these windows' steps are not the calendar's; {REMEDY}")
    log.warning("%s", sentence)
    return {"windows": n, "series": int(len(which)), "ids": [panel.given_id(s) for s in which[:10]],
            "text": clause, "note": sentence}

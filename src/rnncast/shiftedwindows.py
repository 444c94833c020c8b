"""The scored windows whose seasonal naive forecast reads a bar at another time of its session: counted and said.

The seasonal naive baseline (``baselines.seasonal_naive``) and MASE's scale compare a bar with the bar ``season``
rows earlier. On a trading session's bars a season of whole sessions (78 on NYSE's 5-minute bars) is the same bar of
an earlier session only where no half day lies between: after NYSE's 2024-12-24 (42 bars), 2024-12-26 09:30 reads
2024-12-23 13:00. Decision 1615 warns of it at fit; ``across`` finds the windows of a part or of a backtest that hold
such a step, for what was scored (evaluate's ``scored``, a run's metrics.json) and a backtest's metrics.json, so
that the seasonal naive scores resting on them are read as such (decision 1682). The baseline itself is left
counted in rows: aligning it by session (the same time of the session on the session day before) would have to
align MASE's scale, the baselines' intervals and the window norms alike.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import zoneclock
from rnncast.spelling import counted


def across(panel, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int, season: int | None,
           scored: bool = True) -> dict | None:
    """The windows at stacked rows ``starts`` [W] (their inputs' first rows) of series ``series`` [W] whose
    seasonal naive forecast (step ``h`` of target row ``t + h - 1`` reads row ``t + h - 1 - season * ceil(h /
    season)``) reads, for some step, a row at another time of day than the step's own, on series whose calendar (a
    series' own, ``panel.calendars``, else ``panel.calendar``) is a trading session of which ``season`` is a whole
    number of sessions: ``{"windows", "of", "steps", "series" (how many), "first": {"time", "reads"} (the first
    such step and the row it reads, wall times ``YYYY-MM-DD HH:MM``), "text" (the clause of what was scored)}``;
    None where there is none (no session, no half day between, a season of no whole sessions, no timestamps).
    ``scored`` False (``predict_windows``): none is said, as no baseline is scored."""
    if not scored or season is None or season <= 1 or not len(starts) or \
            not isinstance(getattr(panel, "time", None), pd.DatetimeIndex):
        return None
    series = np.asarray(series, dtype=np.int64)
    own = {s: panel.calendars.get(s, panel.calendar) for s in np.unique(series).tolist()}
    checked = np.array([(c.session is not None and season % c.session.bars == 0) for c in own.values()])
    if not checked.any():
        return None
    keep = np.isin(series, np.array(list(own))[checked])  # [W] the windows of series on a session
    wall = zoneclock.wall(panel.time)
    clock = np.asarray((wall - wall.normalize()).asi8)  # [N] each row's time of day: its time in its session
    h = np.arange(1, horizon + 1)  # [H]
    rows = np.asarray(starts, dtype=np.int64)[:, None] + lookback + h[None, :] - 1  # [W, H] stacked rows forecast
    back = rows - season * -(-h[None, :] // season)  # [W, H] the rows they read
    ends = np.asarray(panel.offsets, dtype=np.int64)
    inside = keep[:, None] & (rows < ends[series + 1][:, None]) & (back >= ends[series][:, None])
    off = inside & (clock[np.minimum(rows, len(clock) - 1)] != clock[np.maximum(back, 0)])  # [W, H]
    hit = off.any(axis=1)
    if not hit.any():
        return None
    w, k = np.argwhere(off)[0]
    first = {"time": f"{wall[rows[w, k]]:%Y-%m-%d %H:%M}", "reads": f"{wall[back[w, k]]:%Y-%m-%d %H:%M}"}
    n, steps, named = int(hit.sum()), int(off.sum()), int(len(np.unique(series[hit])))
    text = (f"the seasonal naive forecast of {n} of the {counted(len(starts), 'window')} ({counted(steps, 'step')}"
            f"{f', in {named} series' if named > 1 else ''}) reads a bar at another time of its "
            f"session, a half day between (for {first['time']}, {first['reads']}'s): season {season} is counted in "
            "bars, so those windows' seasonal naive scores, and the model's comparison with them, are not of the same "
            "bar of an earlier session")
    return {"windows": n, "of": len(starts), "steps": steps, "series": named, "first": first, "text": text}

"""A season counted in calendar steps where rows are missing from a known calendar (decision 1885).

A series whose rows skip steps of its calendar (hours lost, no ``fill_gaps``) holds fewer rows than steps, so "the
value a season of rows earlier" is another time of the season: 24 rows before 2024-03-20 02:00, across two missing
hours, is 2024-03-19 00:00. statsforecast's SeasonalNaive and utilsforecast's MASE are defined on a regular series,
where a season of rows is a season of steps. MASE's in-sample scale (``scale``, read by ``observed.in_sample``) pairs
each training value with the one a season earlier on the calendar (``calendarcuts.placed_series``: each row's
position on it), a pair whose partner is missing left out, as a pair with a value fill made is; a series whose rows
are consecutive steps, or that no calendar places (no times, a row off it), is scaled by rows as before, to the bit.

The seasonal naive forecast reads the same positions a season of steps back (``seasonalgaps``, decision 1966): where
the step a season earlier is missing it has no value there. ``clause`` says how many scored values so lack one
(``seasonalgaps.unread``), for the gap warnings of fit and of evaluate and backtest (``gapwindows``) to say it with the
remedy, ``fill_gaps``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import calendarcuts, metrics


def placed(panel) -> dict:
    """``calendarcuts.placed_series(panel)``, each series' rows' positions on its calendar, where a row may be missing
    from it; {} without times, or where each series' rows are every step of its calendar from its first row to its
    last (``consecutive``): its rows are its steps, and the calendar is not walked (a refit backtest fits once a
    cutoff: decisions 1180, 1318, 1951)."""
    if getattr(panel, "time", None) is None or consecutive(panel):
        return {}
    return calendarcuts.placed_series(panel)


def consecutive(panel) -> bool:
    """Whether no step is missing: each series' row count is its calendar's periods from its first row to its last,
    counted by the calendar's own step, not by walking the rows: a fixed step (hours; days of tz-naive times, no
    longer a ``Tick`` under pandas 3) by division, another (B, W-SUN, MS) by one ``pd.date_range`` for each distinct
    first and last time. A series with a row off its calendar may count as such: ``placed_series`` places none of its
    calendar then, so its rows are scaled and read by rows either way. False for times that are not dates."""
    time = panel.time
    if not isinstance(time, pd.DatetimeIndex):
        return False
    offsets = np.asarray(panel.offsets, dtype=np.int64)
    firsts, lasts, lengths = time[offsets[:-1]], time[offsets[1:] - 1], np.diff(offsets)
    utc = (time.tz_convert(None) if time.tz is not None else time).to_numpy()  # an hour is an hour across a clock change
    own = [panel.calendar_of(s) for s in range(panel.n_series)]
    for calendar in set(own):
        if calendar.freq is None or calendar.kind == "row":
            continue  # no calendar places these series' rows
        freq, series = calendar.freq, np.array([s for s, c in enumerate(own) if c == calendar])
        fixed = isinstance(freq, pd.offsets.Tick) or (isinstance(freq, pd.offsets.Day) and time.tz is None)
        if fixed:
            step = pd.Timedelta(freq).to_timedelta64()
            span = utc[offsets[series + 1] - 1] - utc[offsets[series]]  # [s] timedelta64, in the index's unit
            if ((span % step != np.timedelta64(0)) | (span // step + 1 != lengths[series])).any():
                return False
            continue
        if not isinstance(freq, pd.offsets.BaseOffset):  # a session's bars, trading weeks: walked, not counted here
            return False
        spans: dict = {}
        for s in series.tolist():
            key = (firsts[s], lasts[s])
            if key not in spans:
                spans[key] = len(pd.date_range(*key, freq=freq)) if freq.is_on_offset(firsts[s]) else -1
            if spans[key] != lengths[s]:
                return False
    return True


def scale(values: np.ndarray, positions: np.ndarray | None, season: int, observed: np.ndarray | None = None) -> float:
    """MASE's denominator of one target's training ``values`` [R] (in time order), each at its calendar ``positions``
    [R] (increasing integers; None: no calendar places them): the mean absolute difference of the pairs ``season``
    steps apart on the calendar, both ends present and ``observed`` [R] (bool; None: all), as ``metrics.naive_scale``
    takes them by rows where the rows are consecutive steps (and exactly it then, or without positions). NaN where no
    pair is left."""
    if _by_rows(positions):
        return metrics.naive_scale(values, season, observed)
    later, earlier = _paired(positions, season, observed)
    if not len(later):
        return float("nan")
    values = np.asarray(values, dtype=np.float64)
    return float(np.mean(np.abs(values[later] - values[earlier])))


def pairs(values: np.ndarray, positions: np.ndarray | None, season: int, observed: np.ndarray | None = None) -> int:
    """How many pairs of ``values`` [R] ``scale`` averages (same arguments): each a season of steps apart, both ends
    present and observed; 0 where it is NaN for want of one. What a scale rests on (decision 2160)."""
    if _by_rows(positions):
        if len(values) <= season:
            return 0
        if observed is None:
            return len(values) - season
        observed = np.asarray(observed, dtype=bool).ravel()
        return int((observed[season:] & observed[:-season]).sum())
    return len(_paired(positions, season, observed)[0])


def _by_rows(positions) -> bool:
    return positions is None or len(positions) < 2 or bool((np.diff(positions) == 1).all())


def _paired(positions: np.ndarray, season: int, observed) -> tuple[np.ndarray, np.ndarray]:
    """The rows [P] of each pair ``season`` calendar steps apart, the later and the earlier, both observed."""
    positions = np.asarray(positions, dtype=np.int64)
    at = np.searchsorted(positions, positions - season)  # [R] the row a season earlier, where there is one
    found = positions[np.minimum(at, len(positions) - 1)] == positions - season
    later = np.flatnonzero(found)
    earlier = at[found]
    if observed is not None:
        observed = np.asarray(observed, dtype=bool)
        both = observed[later] & observed[earlier]
        later, earlier = later[both], earlier[both]
    return later, earlier


def clause(n: int, of: int, season: int, where: str = "values scored", by_calendar: bool = True) -> str:
    """"; the seasonal naive baseline reads the same time a season of calendar steps back, which the data lacks for 15
    of the 553 values scored: it has no forecast there, and its scores are those of the other values, weighed against
    the model's on them, while MASE's scale pairs the training values 24 calendar steps apart" for the gap warnings
    (``n, of``: ``seasonalgaps.unread``; ``where``: what the ``of`` values are); ``by_calendar`` False (a model saved
    before decision 1885, from data with missing rows, whose kept scale pairs rows: decision 1955): "..., and MASE's
    scale, kept at fit, pairs rows; fit again to pair calendar steps"; "it has no forecast at any of them, so it has
    no scores and no verdict weighs it" where every one lacks it (decision 1995); "" where none does (decision 1966)."""
    if not n:
        return ""
    scale = (f"while MASE's scale pairs the training values {season} calendar steps apart" if by_calendar else
             "and MASE's scale, kept at fit, pairs rows; fit again to pair calendar steps")
    scores = ("it has no forecast at any of them, so it has no scores and no verdict weighs it" if n >= of else
              "it has no forecast there, and its scores are those of the other values, weighed against the model's on "
              "them")  # every one lacking: no "the other values" (decision 1995)
    return (f"; the seasonal naive baseline reads the same time a season ({season} calendar steps) back, which the "
            f"data lacks for {n} of the {of} {where}: {scores}, {scale}")

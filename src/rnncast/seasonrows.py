"""The windows whose series holds fewer than a season of calendar steps before their first target, where the season
is longer than the lookback: left out of what is scored and counted (decisions 1778, 2028).

The seasonal naive baseline reads the series' own value one season before each step (``baselinebands.point_forecasts``:
``y[t + h - 1 - season * ceil(h / season)]``), not the model's input window, as statsforecast and Darts read it, so a
season of 52 weeks scores beside a lookback of 16. A window whose first target has fewer than ``season`` steps of its
series before it has no seasonal naive forecast; it is left out of the scores of the model and of every baseline
alike (one common set of windows, as a lookback of at least the season leaves it), and said once, by count. A fit
whose test split would have none left is refused before it trains (``check_fit``, decision 1828).
The steps are the calendar's (``seasonalgaps.steps_before``, ``placed``: ``calendarcuts.placed_series``), as the
seasonal naive reads them (decision 1966): a series whose rows skip a date holds a season of steps before a window
with fewer rows than that, and the window is kept (its values whose step a season back is missing have no seasonal
naive forecast, said apart: ``seasonalgaps.said``); where no calendar places the rows, they are its steps.
Where the lookback is at least the season every window has its season: nothing changes.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import seasonalgaps
from rnncast.errors import NothingLeft, RnncastError
from rnncast.noticed import first_in_block, first_in_call
from rnncast.spelling import counted, some, spelled
from rnncast.windows import panel_window_starts

log = logging.getLogger(__name__)
UP_TO = "up to and including the first cutoff"  # the steps before the first forecast (decision 1859)


def season_steps(season: int) -> str:
    """"a season (7 calendar steps)": what a window needs before its first target, in the steps the seasonal naive
    reads back (decision 2028), not rows."""
    return f"a season ({season} calendar steps)"


def kept(offsets: np.ndarray, starts: np.ndarray, series: np.ndarray, lookback: int, season: int, part: str,
         scores: bool = True, ids=None, placed: dict | None = None) -> tuple[np.ndarray, np.ndarray, dict | None]:
    """The windows at stacked rows ``starts`` [W] (their inputs' first rows) of series ``series`` [W] (rows
    ``offsets[s]:offsets[s + 1]``) whose first target has at least ``season`` calendar steps of its series before
    it (``seasonalgaps.steps_before``; ``placed``: ``calendarcuts.placed_series``, None or {}: the rows are the
    steps), and what was left out: ``{"windows", "of", "series", "season", "series_ids", "text"}`` (the clause of
    what was scored;
    ``series_ids``: the first ten of the series with no window left, by ``ids`` (position -> id as given), named in
    the text with their rows: decision 1831; ``emptied``: every one, ``{"id", "rows"}``, for the by-series file's
    ``not_scored`` rows: decision 1858), None where nothing was (a ``season`` of 1, or not longer than ``lookback``).
    ``scores`` False (``predict_windows``, which forecasts and scores nothing): every window is kept, the model
    forecasts them all, and a warning says which have a blank seasonal naive forecast (decision 1856). Raises
    ``NothingLeft`` where no window of ``part`` is left to score, advising what the caller can do: other data, or a
    model fit with a shorter season (evaluate takes no season)."""
    if season <= max(lookback, 1) or not len(starts):
        return starts, series, None
    before = np.asarray(starts) - np.asarray(offsets)[series] + lookback  # [W] the series' rows before each forecast
    keep = seasonalgaps.steps_before(before, series, placed or {}) >= season  # in calendar steps (decision 2028)
    if keep.all():
        return starts, series, None
    n, total = int((~keep).sum()), len(starts)
    named = int(len(np.unique(series[~keep])))
    where = f" (in {named} series)" if len(np.unique(series)) > 1 else ""
    if not scores:  # forecasts alone: the model's need only the lookback; the seasonal naive's are blank (NaN) there
        log.warning("%s of the %s%s %s no seasonal naive forecast (blank): %s fewer than %s before %s first "
                    "target (lookback %s); the model forecasts every one", n, counted(total, "window"), where,
                    "has" if n == 1 else "have", "its series holds" if n == 1 else "their series hold",
                    season_steps(season), "its" if n == 1 else "their", lookback)
        return starts, series, None
    text = (f"{n} of the {counted(total, 'window')}{where} {'is' if n == 1 else 'are'} left out: "
            f"{'its series holds' if n == 1 else 'their series hold'} fewer than {season_steps(season)} before "
            f"{'its' if n == 1 else 'their'} first target, which the seasonal naive baseline reads (lookback "
            f"{lookback}); the model and the baselines are scored on the other {total - n}")
    if not keep.any():
        raise SeasonLeftNone(season, f"no window of part {part!r} is left to score: every one has "
                          f"fewer than {season_steps(season)} of its series before its first target, which the "
                          f"seasonal naive baseline reads; give data with a series' first row at least {season} "
                          f"calendar steps before a window's first target, or refit the model with a shorter season (fit's "
                          f"{spelled('season')})")  # evaluate takes no season (decision 1856)
    emptied = np.setdiff1d(series, series[keep]) if ids is not None and where else []  # a panel's series with none
    rows = np.diff(np.asarray(offsets))
    if len(emptied):
        listed = some([f"{ids(s)!r} ({counted(int(rows[s]), 'row')})" for s in emptied[:10]], 10, total=len(emptied))
        text += f"; series {listed} {'has' if len(emptied) == 1 else 'have'} none left"
    return starts[keep], series[keep], {"windows": n, "of": total, "series": named, "season": season,
                                        "series_ids": [ids(s) for s in emptied[:10]], "text": text,
                                        "emptied": [{"id": ids(s), "rows": int(rows[s])} for s in emptied]}


SAID = "seasonless val"  # the key of check_fit's warning, said once in a call and a block (decision 1912)


class SeasonLeftNone(NothingLeft):
    """``NothingLeft`` for the season: no window of a part has ``season`` rows of its series before it (``kept``)."""

    def __init__(self, season: int, text: str):
        super().__init__(text)
        self.season = season


def said_before(error: NothingLeft) -> bool:
    """Whether ``check_fit`` warned of ``error`` before the training, in this call (a fit's validation split without a
    window with a season before it): its scores' warning after the training would say it twice (decision 1912)."""
    return isinstance(error, SeasonLeftNone) and not first_in_call(SAID, error.season)


def check_fit(offsets: np.ndarray, splits: list, lookback: int, horizon: int, season: int,
              placed: dict | None = None) -> None:
    """Refuse, before a fit trains, data whose test split (``splits`` [S] of the series at rows ``offsets``) holds
    windows and none with ``season`` calendar steps of its series before its first target (``placed`` as ``kept``
    takes it) where the season is longer than the lookback: ``kept`` would leave every one out of the test scores
    after the training, and the run unfinished
    (decision 1828). A validation split so is warned of, once in a block (a tune's trials), and trained: early
    stopping reads every one of its windows, the model's loss needing only the lookback (decision 1877). Raises
    ``RnncastError``."""
    if season <= max(lookback, 1):
        return
    latest = {}
    for part in ("val", "test"):
        starts, series = panel_window_starts(splits, offsets, part, lookback, horizon)
        before = seasonalgaps.steps_before(starts - np.asarray(offsets)[series] + lookback, series, placed or {})
        latest[part] = int(before.max()) if len(starts) and not (before >= season).any() else None
    seasonless = latest["val"] is not None and latest["test"] is None  # the call's: not again after it (said_before)
    if seasonless and first_in_call(SAID, season) and first_in_block(SAID, season):
        log.warning("the validation split holds no window with %s of its series before its first target, which "
                    "the seasonal naive baseline reads (lookback %s; the latest has %s): early stopping reads every "
                    "validation window (the model's loss needs only its lookback), but the run will have no "
                    "validation scores beside the baselines'; more rows, or a shorter season (%s), give it some",
                    season_steps(season), lookback, latest["val"], spelled("season"))
    if latest["test"] is not None:
        raise RnncastError(f"the test split holds no window with {season_steps(season)} of its series before its "
                           f"first target, which the seasonal naive baseline reads (lookback {lookback}; the latest has "
                           f"{latest['test']}), so none would be scored: the fit is refused before it trains; give "
                           f"data with more rows, or a shorter season ({spelled('season')})")


def first_short(first_rows: np.ndarray, season: int, lookback: int, placed: dict | None = None) -> np.ndarray:
    """[S] True for a backtest's series whose first cutoff's first forecast row (``first_rows`` [S, K]: each cutoff's,
    the rows of the series before it; None: none found, an empty answer) has fewer than ``season`` calendar steps of
    its series before it (``placed`` as ``kept`` takes it) where the season is longer than ``lookback``: its first
    window would have no seasonal naive forecast, so the series is left out as too short for the backtest, the need
    naming the season (``need``, ``remedy``)."""
    if first_rows is None or season <= max(lookback, 1):
        return np.zeros(0 if first_rows is None else len(first_rows), bool)
    first = np.asarray(first_rows, dtype=np.int64)[:, 0]
    return seasonalgaps.steps_before(first, np.arange(len(first)), placed or {}) < season


def need(season: int, lookback: int) -> str:
    """The clause a backtest's need adds where the season is longer than the lookback: ", and at least a season (52
    calendar steps) up to and including the first cutoff, which the seasonal naive baseline reads (lookback 16)"; ""
    otherwise: the steps before the first forecast, the cutoff's own among them (decisions 1859, 2028)."""
    if season <= max(lookback, 1):
        return ""
    return (f", and at least {season_steps(season)} {UP_TO}, which the seasonal naive baseline reads "
            f"(lookback {lookback})")


def remedy(season: int, lookback: int, n_windows: int, seasonless: bool = True, other: str = "") -> str:
    """What leaves a backtest more rows before its first cutoff where the season is longer than the lookback (a
    shorter lookback does not: the seasonal naive baseline reads the season before the window), for ``seasonless``
    series (``first_short``: else ""), after ``other``, the remedy of the series short of what the lookback, horizon
    and validation rows take (``cutting.backtest_remedy``, "" where none is): each reason's own (decision 1832)."""
    if not seasonless:
        return other
    fewer = f"fewer cutoffs ({spelled('n_windows')}), " if n_windows > 1 else ""
    whose = f"; for the series without {season_steps(season)} {UP_TO}: " if other else "; "
    return (f"{other}{whose}give more rows, or {fewer}a shorter step or horizon, or a shorter season "
            f"({spelled('season')}) so that the steps {UP_TO} hold a season of {season}")


def emptied(result: dict) -> list[dict]:
    """The series of a part whose every window was left out for the season (``parts.select``'s ``season_left_out``,
    in ``result["scored"]``), as records with their reason: a row each in a by-series file, as a backtest's left-out
    series has (decision 1858)."""
    left = result.get("scored", {}).get("season_left_out") or {}
    why = (f"no window with {season_steps(left.get('season'))} of its series before its first target, which the "
           "seasonal naive baseline reads")
    return [{"id": each["id"], "rows": each["rows"], "reason": why} for each in left.get("emptied", [])]


"""Which steps of a window are scored where the data lacks a date it forecasts: the one rule of a backtest's windows
(``backtest``), ``evaluate``'s and fit's test scores (``forecasting.part_forecasts``), ``predict_windows``' actuals
(``windows``, and so ``compare``'s scores) and the dates forecast.png draws each step at (``drawn``).

A window's forecast reads its inputs, the rows up to its cutoff: where they are complete the model forecasts each of
the ``horizon`` calendar steps after it, whether or not the data holds a row at that date. Each step is scored
against the actual of its own date; a date without a row has no actual, so its step is forecast and not scored. The
steps not scored are counted and said once (``said``), left out of every score (the model's, the baselines' and the
Diebold–Mariano test's, through the ``absent`` mask ``windowforecasts.scored`` reads beside ``filled``), and kept in
forecasts.csv at their dates with a blank actual (``shown``), not marked ``<target>_filled``: no fill made them. MASE
keeps its in-sample scale (the training rows').

Counted in rows, the actuals after a missing date were one row early: the window's forecast for 2024-06-21 met the
actual of 2024-06-22. A backtest window whose cutoff row is missing has incomplete inputs and is left out as before
(``calendarcuts``), as is one whose model reads future covariates at the dates it forecasts (``through``); such a
model's stride-1 windows forecasting a date without a row are left out alike, said by count and date
(``future_kept``, read by ``parts.select``): the covariates of that date are not there to be had. Those computed from
the timestamps (``calendar_covariates``, ``Panel.computed``) are had for any date: they are made at each step's own
date (``dated_future``) and never leave a window out (decision 2024); the data's own future covariates still do.
Values a ``fill`` made are no actual either; they are counted apart (``filledwindows``), never twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from rnncast import calendarcovariates, calendarcuts, filledwindows, timetext
from rnncast.spelling import counted, some
from rnncast.windowforecasts import unscored_targets

log = logging.getLogger(__name__)


@dataclass
class Absent:
    """The steps without an actual: ``mask`` [W, H] (True: the data lacks the step's date), ``times`` [W * H] each
    step's time, window by window (None without times)."""

    mask: np.ndarray
    times: pd.Index | None


def through(panel, horizon: int) -> int:
    """How many steps after its cutoff a window needs rows for (``calendarcuts.first_rows``): the horizon where the
    model reads future covariates of the data's own there, else none (its inputs end at the cutoff; those computed
    from the timestamps are made at each step's date, ``dated_future``)."""
    return horizon if panel.given_future else 0


def steps(panel, wf, placed: dict | None = None) -> Absent | None:
    """The steps of the windows of ``wf`` (their cutoffs the rows before ``wf.target_rows``, inside each series
    ``wf.series``) whose date the data lacks, on each series' calendar (``calendarcuts.placed_series``); None where
    every one has its row, as where the rows are counted (no times, no calendar). ``placed``: the walk where the
    caller has it (a backtest walks its data once)."""
    count, horizon = wf.y_true.shape[:2]
    if placed is None:
        placed = calendarcuts.placed_series(panel) if count and panel.time is not None else {}
    series = np.zeros(count, np.int64) if wf.series is None else np.asarray(wf.series)
    cuts = np.asarray(wf.target_rows, dtype=np.int64) - 1
    mask, positions = lacking_steps(cuts, series, horizon, placed)
    if not mask.any():
        return None
    rows = panel.offsets[series][:, None] + np.minimum(cuts[:, None] + 1 + np.arange(horizon),
                                                       panel.lengths[series][:, None] - 1)  # [W, H] stacked
    times = pd.Series(panel.time[rows.reshape(-1)])
    for s, (w, at) in positions.items():  # the series lacking dates: each step's date on its calendar
        flat = (w[:, None] * horizon + np.arange(horizon)).reshape(-1)
        times.iloc[flat] = np.asarray(placed[s][1](at.reshape(-1)))
    return Absent(mask, pd.Index(times, name=panel.time.name))


def lacking_steps(cuts: np.ndarray, series: np.ndarray, horizon: int, placed: dict) -> tuple[np.ndarray, dict]:
    """[W, H] the steps after each window's cutoff (``cuts`` [W], rows inside its series ``series`` [W]) whose date
    the data lacks, and {series: (its windows [w], their steps' positions on its calendar [w, H])} of each series
    lacking one."""
    mask, positions = np.zeros((len(cuts), horizon), dtype=bool), {}
    for s in np.unique(series).tolist():
        if s in placed:
            w = np.flatnonzero(series == s)
            own = placed[s][0]
            at = own[cuts[w]][:, None] + 1 + np.arange(horizon)  # [w, H] each step's position on the calendar
            mask[w] = own[np.minimum(np.searchsorted(own, at), len(own) - 1)] != at
            if mask[w].any():
                positions[s] = (w, at)
    return mask, positions


def future_kept(panel, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int
                ) -> tuple[np.ndarray, dict | None]:
    """The stride-1 windows (rows ``starts`` [W] of the stacked panel, of series ``series`` [W]) that a model reading
    future covariates can forecast: its head reads the covariates of every date a window forecasts, so where the data
    has no row at one of them the value is not there to be had (read by row, the next row's took its place, silently)
    and the window is neither forecast nor scored. [W] bool the windows kept, and what is left out
    ``{"windows", "of", "dates" (the first ten lacking, as written), "text"}``; None: nothing is. Only the data's own
    future covariates (``Panel.given_future``) leave a window out, and the text names them: those computed from the
    timestamps are made at any date (``dated_future``, decision 2024)."""
    keep = np.ones(len(starts), dtype=bool)
    if panel.time is None or not len(starts) or not (given := panel.given_future):
        return keep, None
    series = np.asarray(series, dtype=np.int64)
    cuts = np.asarray(starts, dtype=np.int64) - panel.offsets[series] + lookback - 1  # [W] inside each series
    placed = calendarcuts.placed_series(panel)
    mask, positions = lacking_steps(cuts, series, horizon, placed)
    if not mask.any():
        return keep, None
    keep = ~mask.any(axis=1)
    lacking: dict = {}  # each date lacked -> the series lacking it
    for s, (w, at) in positions.items():
        for d in set(np.asarray(placed[s][1](at[mask[w]])).tolist()):
            lacking.setdefault(pd.Timestamp(d), []).append(repr(panel.given_id(s)))
    dates = [timetext.shown(d, panel.time, panel.calendar.text_format) for d in sorted(lacking)]
    named = dates if panel.n_series == 1 else [f"{d} ({some(lacking[t], 3)})" for d, t in zip(dates, sorted(lacking))]
    n, of = int((~keep).sum()), len(keep)
    text = (f"{n} of the {counted(of, 'window')} {'is' if n == 1 else 'are'} left out, not forecast: a date "
            f"{'it forecasts' if n == 1 else 'they forecast'} has no row, so the future covariates the model reads "
            f"there ({', '.join(map(repr, given))}) are not in the data (read by row, the next row's would be "
            f"taken for them): {some(named, 10)}; fill_gaps=True (--fill-gaps) at fit, with fill= (--fill), inserts "
            "such rows, and a filled target is not scored")
    return keep, {"windows": n, "of": of, "dates": dates[:10], "text": text}


def dated_future(panel, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int, placed: dict
                 ) -> tuple[np.ndarray, np.ndarray] | None:
    """The future covariates of the windows (rows ``starts`` [W] of the stacked panel, of series ``series`` [W]) that
    forecast a date without a row, made at each step's own date, where every future covariate is computed from the
    timestamps (``Panel.computed``): read by row, the next row's values stood in for the date lacking (and a window
    past its series' last row read the next series'). ``(at [Wd] the windows' positions, values [Wd, H, K] in
    original units)``; None where no window lacks a date, or a future covariate is the data's own (``future_kept``
    leaves those windows out). ``placed``: the series on their calendars (``calendarcuts.placed_series``)."""
    made = panel.computed
    if not made or panel.given_future or not len(starts) or not placed:
        return None
    series = np.asarray(series, dtype=np.int64)
    cuts = np.asarray(starts, dtype=np.int64) - panel.offsets[series] + lookback - 1  # [W] inside each series
    positions = lacking_steps(cuts, series, horizon, placed)[1]
    if not positions:
        return None
    at = np.concatenate([w for w, _ in positions.values()])
    values = np.concatenate([calendarcovariates.values(placed[s][1](steps.reshape(-1)), panel.calendar_covariates)
                             .reshape(len(w), horizon, len(made)) for s, (w, steps) in positions.items()])
    return at, values


def first_times(panel, first_rows: np.ndarray, cuts: np.ndarray, placed: dict | None = None) -> list:
    """[S] each series' first forecast step of each window [K]: the date after its cutoff on its calendar, which the
    data may lack; where the rows are counted, the row after it (its last, for a window past its end). ``placed``:
    as ``steps`` takes it."""
    placed = calendarcuts.placed_series(panel) if placed is None else placed
    return [placed[s][1](cuts[s] + 1) if s in placed and (cuts[s] >= 0).all() else
            panel.time[panel.offsets[s] + np.minimum(first_rows[s], panel.lengths[s] - 1)] for s in range(panel.n_series)]


def aligned(panel, wf, wf_scaled, placed: dict | None = None):
    """``(wf, wf_scaled, absent)``: the forecasts of windows in both units, ``align``ed to the steps' dates, and the
    steps without an actual (``steps``, ``placed`` as there; None: none)."""
    absent = None if panel.given_future else steps(panel, wf, placed)  # the data's future covariates: none lacks
    # (future_kept); computed ones made at any date (dated_future, decision 2024)
    return align(wf, absent), align(wf_scaled, absent), absent


def align(wf, absent: Absent | None):
    """``wf`` (a ``WindowForecasts`` of the windows ``steps`` read, either units) with each step's actual the value of
    its own date: the rows after the cutoff are the dates present, in order, so a window's actuals (and what fill
    made of them, ``filled``) move to its steps that have a row; a step without one stands in the repeat baseline's
    value (never scored, blank where written) and is marked in ``absent``, which every score leaves out as it leaves
    out ``filled`` (made by fill: no such step is)."""
    if absent is None:
        return wf
    y_true = wf.y_true.copy()
    filled, zeroed = (None if m is None else m.copy() for m in (wf.filled, wf.zeroed))
    for w in np.flatnonzero(absent.mask.any(axis=1)):
        have = ~absent.mask[w]
        n = int(have.sum())
        y_true[w, have], y_true[w, ~have] = wf.y_true[w, :n], wf.baselines["repeat"][w, ~have]
        for moved, given in ((filled, wf.filled), (zeroed, wf.zeroed)):  # what fill made moves with its actual
            if moved is not None:
                moved[w, have], moved[w, ~have] = given[w, :n], False
    mask = np.broadcast_to(absent.mask[..., None], wf.y_true.shape).copy()  # [W, H, T]
    return replace(wf, y_true=y_true, filled=filled, absent=mask, zeroed=zeroed)


def shown(wf, absent: Absent | None):
    """``wf`` as forecasts.csv writes it: a step without an actual with a blank one."""
    if absent is None:
        return wf
    return replace(wf, y_true=np.where(absent.mask[..., None], np.nan, wf.y_true))


def drawn(wf, absent: Absent | None, picked: np.ndarray):
    """forecast.png's windows ``wf`` (``picked`` [W]: their positions among those ``steps`` read) and each step's date,
    window by window ([W * H]; None: no date is missing, each step is drawn at its row): a step without an actual
    blank (a gap in the actual line, not a value fill made) and its forecast drawn at its own date."""
    if absent is None:
        return wf, None
    horizon = absent.mask.shape[1]
    mask = absent.mask[picked]
    at = absent.times[(np.asarray(picked)[:, None] * horizon + np.arange(horizon)).reshape(-1)]
    return replace(wf, y_true=np.where(mask[..., None], np.nan, wf.y_true)), at


def scored(wf, absent: Absent | None, fill: str | None) -> dict | None:
    """What the scores leave out (metrics.json's ``scored``): fill's made values and the windows that read later ones
    (``filledwindows.left_out``, over the values fill made alone) and ``missing_steps``, the steps whose date the
    data lacks, with ``windows_scored`` those keeping a scored value and ``left_out`` the sentence; None: nothing."""
    made = wf.filled  # made by fill alone: a step without a row is ``absent``, counted apart
    rows = None if absent is None else wf.target_rows[:, None] + np.cumsum(~absent.mask, axis=1) - 1  # align's rows
    out = filledwindows.left_out(wf.series, wf.target_rows, made if made is None or made.any() else None,
                                 wf.reads_later, fill, rows)
    if absent is None and not out["text"]:
        return None
    block = {"filled_targets": out["filled_targets"], "windows_left_out": out["windows_left_out"],
             "windows_scored": out["windows_scored"], "left_out": out["text"]}
    if absent is not None:
        n, kept, text = _missing(wf, absent)
        block.update(missing_steps=n, windows_scored=kept, missing_text=text)
    return block


def _missing(wf, absent: Absent) -> tuple[int, int, str]:
    """The steps without an actual of the ``align``ed ``wf``, the windows keeping a scored value, and the sentence."""
    n, total = int(absent.mask.sum()), len(absent.mask)
    kept = int(filledwindows.kept_windows(total, unscored_targets(wf), wf.reads_later).sum())
    hit = int(absent.mask.any(axis=1).sum())
    return n, kept, (f"{counted(n, 'forecast step')} of {counted(hit, 'window')} {'falls' if n == 1 else 'fall'} on "
                     f"dates the data has no row for: forecast (the window's cutoff row is present; a gap in its inputs is "
                     f"warned apart) but not scored, and written with a blank actual; every other step is scored against "
                     f"the actual of its own date: {kept} of the {total} windows keep a scored value")


def windows(panel, forecasts: tuple) -> tuple:
    """``predict_windows``' forecasts (original and scaled, ``forecasting.forecast_windows``'): each step's actual its
    own date's (``aligned``), a step whose date the data lacks with a blank (NaN) actual, marked in ``absent`` (no
    score reads it: ``compare`` scores as ``evaluate`` does), said once in evaluate's words; and those steps
    (``Absent``, None: none), for their table (``WindowForecasts.to_frame``)."""
    original, scaled, absent = aligned(panel, *forecasts)
    if absent is not None:
        log.warning("%s", _missing(original, absent)[2])
    return shown(original, absent), shown(scaled, absent), absent


def part_scored(said: dict, wf, absent: Absent | None, fill: str | None) -> tuple[dict, str]:
    """What evaluate (and fit's test scores) say was scored (``said``: ``parts.select``'s ``scored``), with what fill
    left out and the steps without an actual (``scored``'s keys) beside it, and its text begun "forecast" where a
    window keeps no scored value; and the clause of what was left out ("" where nothing was)."""
    block = scored(wf, absent, fill)
    if block is None:
        return said, ""
    text = "; ".join(t for t in (block["left_out"], block.get("missing_text")) if t)
    head = said["text"]
    if block["windows_scored"] < len(wf.starts):  # "scored 208 windows ...; 207 of the 208 keep a scored value"
        head = "forecast " + head.removeprefix("scored ")
    return {**said, **block, "text": f"{head}; {text}"}, text

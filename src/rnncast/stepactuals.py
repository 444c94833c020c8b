"""Which steps of a backtest's windows are scored where the data lacks a date they forecast.

A window's forecast reads its inputs, the rows up to its cutoff: where they are complete the model forecasts each of
the ``horizon`` calendar steps after it, whether or not the data holds a row at that date. Each step is scored
against the actual of its own date; a date without a row has no actual, so its step is forecast and not scored. The
steps not scored are counted and said once (``said``), left out of every score (the model's, the baselines' and the
Diebold–Mariano test's, through the ``filled`` mask ``windowforecasts.scored`` reads), and kept in forecasts.csv at
their dates with a blank actual (``shown``). MASE keeps its in-sample scale (the training rows').

Counted in rows, the actuals after a missing date were one row early: the window's forecast for 2024-06-21 met the
actual of 2024-06-22. A window whose cutoff row is missing has incomplete inputs and is left out as before
(``calendarcuts``), as is one whose model reads future covariates at the dates it forecasts (``through``).
Values a ``fill`` made are no actual either; they are counted apart (``filledwindows``), never twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from rnncast import calendarcuts, filledwindows
from rnncast.spelling import counted


@dataclass
class Absent:
    """The steps without an actual: ``mask`` [W, H] (True: the data lacks the step's date), ``times`` [W * H] each
    step's time, window by window (None without times)."""

    mask: np.ndarray
    times: pd.Index | None


def through(panel, horizon: int) -> int:
    """How many steps after its cutoff a window needs rows for (``calendarcuts.first_rows``): the horizon where the
    model reads future covariates there, else none (its inputs end at the cutoff)."""
    return horizon if len(panel.future) else 0


def steps(panel, first_rows: np.ndarray, cuts: np.ndarray, held: np.ndarray, horizon: int) -> Absent | None:
    """The steps of the windows forecast (``held`` [S, K], series-major as ``np.nonzero`` gives them) whose date the
    data lacks; None where every one has its row. ``first_rows``, ``cuts`` [S, K]: ``calendarcuts.first_rows``'."""
    placed = calendarcuts.placed_series(panel)
    ss, kk = np.nonzero(held)
    mask = np.zeros((len(ss), horizon), dtype=bool)
    times = []
    for w, (s, k) in enumerate(zip(ss.tolist(), kk.tolist())):
        if s not in placed or cuts[s, k] < 0:  # rows counted: every step is a row
            if panel.time is not None:
                lo = panel.offsets[s] + int(first_rows[s, k])
                times.append(panel.time[lo : lo + horizon])
            continue
        own, stamps = placed[s]
        positions = int(cuts[s, k]) + 1 + np.arange(horizon)
        at = np.minimum(np.searchsorted(own, positions), len(own) - 1)
        mask[w] = own[at] != positions
        times.append(stamps(positions))
    if not mask.any():
        return None
    return Absent(mask, times[0].append(times[1:]) if times else None)


def first_times(panel, first_rows: np.ndarray, cuts: np.ndarray) -> list:
    """[S] each series' first forecast step of each window [K]: the date after its cutoff on its calendar, which the
    data may lack; where the rows are counted, the row after it (its last, for a window past its end)."""
    placed = calendarcuts.placed_series(panel)
    return [placed[s][1](cuts[s] + 1) if s in placed and (cuts[s] >= 0).all() else
            panel.time[panel.offsets[s] + np.minimum(first_rows[s], panel.lengths[s] - 1)] for s in range(panel.n_series)]


def aligned(panel, first_rows: np.ndarray, cuts: np.ndarray, held: np.ndarray, wf, wf_scaled):
    """``(wf, wf_scaled, absent)``: the forecasts of a backtest's windows in both units, ``align``ed to the steps'
    dates, and the steps without an actual (``steps``; None: none)."""
    absent = steps(panel, first_rows, cuts, held, wf.y_true.shape[1])
    return align(wf, absent), align(wf_scaled, absent), absent


def align(wf, absent: Absent | None):
    """``wf`` (a ``WindowForecasts`` of the windows ``steps`` read, either units) with each step's actual the value of
    its own date: the rows after the cutoff are the dates present, in order, so a window's actuals move to its steps
    that have a row; a step without one stands in the repeat baseline's value (never scored, blank where written) and
    is marked in ``filled``, which every score leaves out."""
    if absent is None:
        return wf
    y_true = wf.y_true.copy()
    filled = np.zeros(wf.y_true.shape, dtype=bool) if wf.filled is None else wf.filled.copy()
    for w in np.flatnonzero(absent.mask.any(axis=1)):
        have = ~absent.mask[w]
        n = int(have.sum())
        y_true[w, have], filled[w, have] = wf.y_true[w, :n], filled[w, :n]
        y_true[w, ~have], filled[w, ~have] = wf.baselines["repeat"][w, ~have], True
    return replace(wf, y_true=y_true, filled=filled)


def shown(wf, absent: Absent | None):
    """``wf`` as forecasts.csv writes it: a step without an actual with a blank one."""
    if absent is None:
        return wf
    return replace(wf, y_true=np.where(absent.mask[..., None], np.nan, wf.y_true))


def scored(wf, absent: Absent | None, fill: str | None) -> dict | None:
    """What the scores leave out (metrics.json's ``scored``): fill's made values and the windows that read later ones
    (``filledwindows.left_out``, over the values fill made alone) and ``missing_steps``, the steps whose date the
    data lacks, with ``windows_scored`` those keeping a scored value and ``left_out`` the sentence; None: nothing."""
    made = wf.filled if absent is None else (wf.filled & ~absent.mask[..., None])
    out = filledwindows.left_out(wf.series, wf.target_rows, made if made is None or made.any() else None,
                                 wf.reads_later, fill)
    if absent is None and not out["text"]:
        return None
    block = {"filled_targets": out["filled_targets"], "windows_left_out": out["windows_left_out"],
             "windows_scored": out["windows_scored"], "left_out": out["text"]}
    if absent is not None:
        n, total = int(absent.mask.sum()), len(absent.mask)
        kept = filledwindows.kept_windows(total, wf.filled, wf.reads_later)
        windows = int(absent.mask.any(axis=1).sum())
        block.update(missing_steps=n, windows_scored=int(kept.sum()), missing_text=(
            f"{counted(n, 'forecast step')} of {counted(windows, 'window')} {'falls' if n == 1 else 'fall'} on dates the "
            f"data has no row for: forecast (the window's inputs, the rows up to its cutoff, are complete) but not "
            f"scored, and written with a "
            f"blank actual; every other step is scored against the actual of its own date: {int(kept.sum())} of the "
            f"{total} windows keep a scored value"))
    return block

"""The forecasts of many stride-1 windows beside the baselines (``WindowForecasts``), a part's in both
units (``PartForecasts``), and which of their values are scored.

Every value is scored but a target that ``fill`` made (it was missing from the data), a step whose date the data
has no row for (``stepactuals``: no actual) and every value of a window whose inputs hold a value filled from a row
at or after its first target (``filledwindows``):
``scored`` gives the mask the scores, the baselines' and the Diebold–Mariano test read alike.
Shapes: windows W, horizon H, targets T, quantile levels Q.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import logging

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import counted

WINDOW_ARRAYS = ("starts", "target_rows", "y_true", "y_pred", "series", "quantiles", "filled", "reads_later", "absent",
                 "zeroed", "unlearned")
log = logging.getLogger(__name__)
MASKS = ("filled", "reads_later", "absent", "zeroed", "unlearned")  # False where a part lacks one (concat)
PER_WINDOW = ("reads_later", "unlearned")  # the masks of [W], not [W, H, T]


@dataclass
class TableSource:
    """What ``WindowForecasts.to_frame`` reads beside the windows to write them as a run's test_forecasts.csv does
    (``testforecasts.table``): the fitted ``state`` (``state.FittedState``: its scalers, layout, names), each series'
    position among the model's ``index`` [S], the steps whose date the data lacks ``absent`` (``stepactuals.Absent``;
    None: none), the data's CSV ``dialect`` and series ``key``, each series' ``times`` as timestamps, and the table
    maker ``frame`` (``testforecasts.frame``, given by ``Forecaster.predict_windows`` and ``part_forecasts``: this module
    is below it; decision 1595), and the caller's ids in their dtype ``given`` (``Panel.given``: a categorical, Int64)."""

    state: object
    index: np.ndarray
    absent: object = None
    dialect: tuple | None = None
    key: object = None
    times: list = field(default_factory=list)
    frame: Callable | None = None
    given: pd.Index | None = None  # [S] the caller's ids in their dtype (Panel.given), None where text (decision 1869)


@dataclass
class WindowForecasts:
    """Forecasts for a run of stride-1 windows; arrays are [windows, horizon, targets].

    ``starts`` and ``target_rows`` are rows inside each window's own series; ``series`` [W] says
    which series (a position in ``ids``). ``quantiles`` [W, H, T, Q] holds the levels ``levels``;
    ``targets`` [T] names the target columns. ``filled`` [W, H, T]: targets made by ``fill``, not
    observed; ``reads_later`` [W]: windows whose inputs hold a value filled from a row at or after
    their first target (None: no filled value); ``absent`` [W, H, T]: steps whose date the data has no row for
    (``stepactuals``: no actual, never "made by fill"; None: every step has its row).
    """

    starts: np.ndarray  # row where each window's inputs begin
    target_rows: np.ndarray  # row of each window's first target
    y_true: np.ndarray
    y_pred: np.ndarray
    baselines: dict  # name -> [W, H, T]
    time: pd.DatetimeIndex | None  # timestamps of the series (of the first series of a panel), when it has them
    series: np.ndarray | None = None  # [W]
    ids: list = field(default_factory=lambda: [None])
    times: list = field(default_factory=list)  # timestamps of every series
    quantiles: np.ndarray | None = None  # [W, H, T, Q]
    levels: tuple = ()
    targets: list = field(default_factory=list)
    filled: np.ndarray | None = None  # [W, H, T] bool
    reads_later: np.ndarray | None = None  # [W] bool
    absent: np.ndarray | None = None  # [W, H, T] bool: the step's date has no row (no actual)
    baseline_quantiles: dict = field(default_factory=dict)  # name -> [W, H, T, Q] at ``levels`` (``baselinebands``)
    zeroed: np.ndarray | None = None  # [W, H, T] bool: actuals fill 'zero' wrote (scored as observed); None: none
    unlearned: np.ndarray | None = None  # [W] bool: its series' training rows the data lack (bandcounts.unlearned)
    source: TableSource | None = field(default=None, compare=False)  # to_frame's; None: no table (scaled, cut, joined)
    step: float | None = None  # the calendar's least step in ns (evaluation.calendar_step); None: none known
    grain: str | None = None  # the period the series' anchors name alike ('M': 'MS' and 'ME'; seriesanchors.period_code)

    def __repr__(self) -> str:
        """A line, not the arrays (a notebook printed tens of KB): ``WindowForecasts(58 windows of 1 series, horizon 3,
        targets ['y'], baselines ['repeat', 'mean']; y_true, y_pred [58, 3, 1])``, the levels where it has quantiles."""
        w, h, t = self.y_pred.shape
        series = len(self.ids) if self.series is None else len(np.unique(self.series))
        levels = f", quantiles {list(self.levels)} [{w}, {h}, {t}, {len(self.levels)}]" if self.quantiles is not None else ""
        return (f"WindowForecasts({counted(w, 'window')} of {series} series, horizon {h}, targets {list(self.targets)}, "
                f"baselines {list(self.baselines)}; y_true, y_pred [{w}, {h}, {t}]{levels})")

    def to_frame(self) -> pd.DataFrame:
        """The windows as one long table, the same as a run's test_forecasts.csv for ``predict_windows(data,
        part="test")`` (built by the same code, ``testforecasts.table``; decision 1550): one row per series, window and
        step, W * H rows, with the id (a panel's), the time of the value forecast (``row`` without time; times in the
        data's own form, as ``predict`` gives them), ``cutoff`` (the window's last input step), ``step_ahead`` (1 ..
        horizon), ``left_out`` where ``fill`` made input values, then per target the actual value (NaN where the data
        lacks the step's date), ``<target>_filled`` where fill made it, ``<target>_hat``, its quantiles
        (``<target>_q0.1``) and the baselines (``<target>_repeat``, ``<target>_mean``, ...), all in original units.
        Raises ``RnncastError`` for forecasts in the scaler's units (``predict_windows(..., scaled=True)``)."""
        if self.source is None or self.source.frame is None:
            raise RnncastError("these window forecasts have no table: to_frame writes predict_windows' forecasts in "
                               "original units, as test_forecasts.csv; call predict_windows(data, part) without scaled=True")
        return self.source.frame(self)


def scored(wf: WindowForecasts) -> np.ndarray | None:
    """The values scored [W, H, T] bool: every one but filled targets, steps without a row and the windows that
    read values filled from later rows; None when every value is scored."""
    if wf.filled is None and wf.reads_later is None and wf.absent is None:
        return None
    keep = np.ones(wf.y_true.shape, dtype=bool)
    if (unscored := unscored_targets(wf)) is not None:
        keep &= ~unscored
    if wf.reads_later is not None:
        keep &= ~wf.reads_later[:, None, None]
    return keep


def scored_errors(errors: np.ndarray, keep: np.ndarray | None) -> np.ndarray:
    """``errors`` [W, H, T] (squared errors, pinball losses) where ``keep`` (``scored``; None: every value) scores them,
    a NaN as 0, and 0 elsewhere: what a score sums."""
    return np.nan_to_num(errors) if keep is None else np.where(keep, np.nan_to_num(errors), 0.0)


@dataclass
class PartForecasts:
    """The forecasts of one part's windows (every series' "train", "val", "test" or "all" windows)
    in original and in scaled units, with each series' MASE denominator [S, T] (original units) and id [S].
    ``scaled_by``: what the scaled units divide by where the scaler does not scale (``spreads.SCALED_BY``); None:
    the scaler's units. ``dialect``: how the data's CSV file is written, for tables of these scores to be written so."""

    original: WindowForecasts
    scaled: WindowForecasts
    mase_scales: np.ndarray
    ids: list
    scored: dict = field(default_factory=dict)  # what was scored (parts.describe): the part, its windows, their rows
    scaled_by: str | None = None
    dialect: tuple | None = None  # the csvdialect.Dialect of the CSV file read (Panel.dialect): evaluate's by-series table
    index: np.ndarray | None = None  # [S] each series' position among the model's (state.ids): its scaler's
    mase_zero: np.ndarray | None = None  # [S, T] why a MASE scale is 0 (``zeroscales`` codes); None: not known
    season: int = 1  # the model's season: MASE's scale is the in-sample naive MAE one season apart
    key: object = None  # serieskeys.Key of a key of several columns (Panel.key): the by-series table writes them back
    absent: object = None  # stepactuals.Absent: the steps whose date the data lacks (forecast, not scored); None: none
    text_format: str | None = None  # how the data read writes its times (its Calendar's): evaluate's lines (decision 1897)
    mase_pairs: np.ndarray | None = None  # [S, T] the pairs each MASE scale rests on (scalepairs); None: not kept

    def to_frame(self) -> pd.DataFrame:
        """The windows as one long table in original units, W * H rows: ``WindowForecasts.to_frame``'s, made by the
        same maker (``testforecasts.table``) from ``original``, so that ``part_forecasts(data, "test").to_frame()`` is a
        run's test_forecasts.csv (decision 1595). Raises ``RnncastError`` for forecasts made without the table maker
        (``Forecaster.part_forecasts`` gives it)."""
        if self.original.source is None or self.original.source.frame is None:
            raise RnncastError("these part forecasts have no table: to_frame writes the forecasts that "
                               "Forecaster.part_forecasts(data, part) makes")
        return self.original.to_frame()


def unscored_targets(wf: WindowForecasts) -> np.ndarray | None:
    """[W, H, T] the targets no score reads: made by fill (``filled``) or without a row (``absent``); None: none."""
    if wf.filled is None or wf.absent is None:
        return wf.filled if wf.absent is None else wf.absent
    return wf.filled | wf.absent


def take(wf: WindowForecasts, keep: np.ndarray) -> WindowForecasts:
    """The windows ``keep`` (a mask or positions) of ``wf``."""
    picked = {name: getattr(wf, name)[keep] if getattr(wf, name) is not None else None for name in WINDOW_ARRAYS}
    return WindowForecasts(**picked, baselines={k: v[keep] for k, v in wf.baselines.items()}, time=wf.time, ids=wf.ids,
                           times=wf.times, levels=wf.levels, targets=wf.targets,
                           baseline_quantiles={k: v[keep] for k, v in wf.baseline_quantiles.items()}, step=wf.step,
                           grain=wf.grain)


def target_of(wf: WindowForecasts, t: int) -> WindowForecasts:
    """The forecasts of target ``t`` (a position along T) alone: every [W, H, T, ...] array cut to [W, H, 1, ...]."""
    one = lambda a: None if a is None else a[:, :, t : t + 1]  # noqa: E731
    return WindowForecasts(wf.starts, wf.target_rows, one(wf.y_true), one(wf.y_pred),
                           {k: one(v) for k, v in wf.baselines.items()}, wf.time, wf.series, wf.ids, wf.times,
                           one(wf.quantiles), wf.levels, [wf.targets[t]] if wf.targets else [], one(wf.filled),
                           wf.reads_later, one(wf.absent), {k: one(v) for k, v in wf.baseline_quantiles.items()},
                           one(wf.zeroed), wf.unlearned, step=wf.step, grain=wf.grain)


def concat(parts: list[WindowForecasts], order: np.ndarray, say: bool = True) -> WindowForecasts:
    """Windows forecast by several models (of the same series and targets) as one ``WindowForecasts``,
    in the order ``order``; a mask that some parts lack is False for their windows. A baseline that some parts lack
    (a refit cutoff's model without a climatology: no series with two years of training rows) is left out of
    every window, so the verdict compares like with like, and, where ``say``, a warning names it and the parts
    (cutoffs, counted from 1) that lack it (decision 1634)."""
    first = parts[0]
    every = [k for k in dict.fromkeys(k for p in parts for k in p.baselines) if all(k in p.baselines for p in parts)]
    lacking = {k: [j + 1 for j, p in enumerate(parts) if k not in p.baselines]
               for k in dict.fromkeys(k for p in parts for k in p.baselines) if k not in every}
    for k, cutoffs in lacking.items() if say else ():
        log.warning("the %s baseline is not scored in this backtest: the model%s of cutoff%s %s made none (climatology "
                    "needs a series whose training rows span two whole years), and scoring it on the other "
                    "cutoffs' windows alone would not compare like with like", k, "s" * (len(cutoffs) > 1),
                    "s" * (len(cutoffs) > 1), ", ".join(map(str, cutoffs)))

    def cat(name):
        if all(getattr(p, name) is None for p in parts):
            return None
        if name in MASKS:
            shape = (lambda p: (len(p.y_true),)) if name in PER_WINDOW else (lambda p: p.y_true.shape)  # noqa: E731
            return np.concatenate([getattr(p, name) if getattr(p, name) is not None else np.zeros(shape(p), bool)
                                   for p in parts])[order]
        return np.concatenate([getattr(p, name) for p in parts])[order]

    return WindowForecasts(**{name: cat(name) for name in WINDOW_ARRAYS},
                           baselines={k: np.concatenate([p.baselines[k] for p in parts])[order] for k in every},
                           time=first.time, ids=first.ids, times=first.times, levels=first.levels, targets=first.targets,
                           baseline_quantiles={k: np.concatenate([p.baseline_quantiles[k] for p in parts])[order]
                                               for k in first.baseline_quantiles if all(k in p.baseline_quantiles for p in parts)},
                           step=min((p.step for p in parts if p.step is not None), default=None),
                           grain=first.grain if all(p.grain == first.grain for p in parts) else None)


def calendar_step(calendars: list) -> float | None:
    """The least step, in nanoseconds, of the date ``calendars`` (``Calendar``s, each series' own) as a typical step
    of each (the median of 13 steps from 2000-01-03: an hour 3.6e12, a business day 8.64e13, W-SUN 7 days, MS about
    30 days), for ``forecasttimes.forecast_times`` to tell distinct forecast times apart by the calendar, not by the
    rows' spacing (decision 1954); None where none is a calendar of dates (integers, periods, rows)."""
    steps = set()
    for calendar in set(calendars):
        if calendar.kind != "datetime" or calendar.freq is None:
            continue
        try:
            stamps = pd.date_range("2000-01-03", periods=14, freq=calendar.freq).as_unit("ns").asi8
        except (TypeError, ValueError):
            continue
        steps.add(float(np.median(np.diff(stamps))))
    return min(steps) if steps else None

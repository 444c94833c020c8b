"""A backtest's result: the forecasts of every window of every series, their metrics, the verdict, notes and hints in
words, the cutoffs, and what its figure picks the series by. ``backtest.run`` makes it; ``Forecaster.backtest``
returns it, and its report page and figure read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rnncast import readout
from rnncast.backtestverdict import backtest_test
from rnncast.panel import Panel
from rnncast.seasons import recorded as recorded_season
from rnncast.spelling import counted
from rnncast.verdicts import headline


@dataclass
class Backtest:
    """Forecasts of every window of every series (long format) and their metrics.

    ``forecasts`` (forecasts.csv, ``backtestframe.forecast_frame``): one row per series, window and step, in original
    units: the id column (many series), the time of the value forecast (the data's time column, ``ds``, or ``row``
    without time; numbers where the data wrote them, ``datatimes``), ``cutoff`` (the window's last input step),
    ``window`` (0 for the first cutoff), ``step_ahead`` (1 .. horizon, ``by_step``'s), the actual value ``<target>``, the forecast ``<target>_hat``, its quantiles
    ``<target>_q0.1`` ..., and the baselines ``<target>_repeat``, ``<target>_mean``, ``<target>_seasonal`` (season > 1),
    a quantile model's each with its quantiles (``<target>_repeat_q0.1`` ...);
    where ``fill`` made values, ``<target>_filled`` (not scored; a date without a row has a blank actual, not scored,
    and is not marked there: ``stepactuals``) and ``left_out`` (its inputs read a later row: not scored).
    ``metrics``: ``windows`` (one entry per window: model and baselines, pooled over the series, and ``mase_scales``:
    each series' MASE divisor there, decision 2054, and ``mase_pairs``, the pairs each rests on, decision 2220;
    ``mase_scale_spread`` where a refit's move over 1.5 times),
    ``overall`` (every window; ``overall_scaled`` in scaled units), ``by_step`` (each step ahead, original units, the
    keys of ``overall``'s blocks less R², sMAPE and MAPE: a quantile model's "pinball", "wql", "coverage_<width>",
    "msis_<width>", "by_level" too; ``by_step_scaled`` where the verdict weighs scaled MSE, its MASE, wql and msis_*
    the original's: ``stepscores.scaled_step``), ``significance`` (Diebold–Mariano
    against each baseline, in ``verdict_units``; ``significance_pinball`` on the pinball losses), ``linear_fit``
    (``backtestlinear.measure``: a linear fit of the future-known features scored beside the model on the windows; null
    without such features), ``untrained_windows`` (where any: the windows, 0 the first, whose model kept the untrained
    network, as the notes say; decision 2058), the settings of the run, the series left out as too short and
    ``seconds``: ``fit`` (each
    model made: windows, scalers, baselines, the quantile head's start and training), ``train`` (the training loops
    alone, as fit's "trained ... in") and ``predict``. In words, as ``rnncast
    backtest`` prints them (``readout.backtest_said``): ``said``, piece by piece (``readout.Said``), for the report page to place,
    and read from it ``verdict`` (the sentence), ``notes`` and ``hints`` (lists of lines).
    ``panel``: the data the backtest read (the series it tested); ``cutoffs`` [S, K] integers: each window's
    cutoff, the last row of its series it reads (its first forecast step is the next row), as forecasts.csv's
    ``cutoff`` column names it by time. ``series_mase`` [S]: each series' MASE over its windows
    (``seriespicks.mase_by_series``; NaN without a scale: ``series_why``), by which its figure picks the series it draws,
    ``series_idle`` [S] those whose every scored actual is 0 (``seriespicks.no_demand``), which it does not rank.
    Its repr is one line: the cutoffs, series, horizon and the verdict in short (``verdicts.headline``).
    """

    forecasts: pd.DataFrame
    metrics: dict
    panel: Panel
    cutoffs: np.ndarray  # [S, K] each window's cutoff, the last row it reads, inside its series (its first target: + 1)
    said: readout.Said = field(repr=False, compare=False)
    series_mase: np.ndarray | None = field(default=None, repr=False, compare=False)  # [S] each series' MASE
    series_why: list | None = field(default=None, repr=False, compare=False)  # [S] why a series' MASE is undefined; None: it has one
    target_mase: np.ndarray | None = field(default=None, repr=False, compare=False)  # [S, T] each series' MASE of each target
    series_idle: np.ndarray | None = field(default=None, repr=False, compare=False)  # [S] every scored actual 0

    @property
    def verdict(self) -> str:
        return self.said.verdict

    @property
    def notes(self) -> list:
        return self.said.notes()

    @property
    def hints(self) -> list:
        return list(self.said.hints)

    def __repr__(self) -> str:
        m = self.metrics
        how = ", refit at every cutoff" if m["refit"] else ""
        return (f"Backtest({counted(m['n_windows'], 'cutoff')}, {m['series']} series, horizon {m['horizon']}{how}: "
                f"{headline(backtest_test(m), m['verdict_units'], season=recorded_season(m))})")

    @property
    def by_step(self) -> pd.DataFrame:
        """The scores by step ahead (metrics' ``by_step``; Prophet's ``performance_metrics``), a row per step and
        forecaster: ``step``, ``forecaster``, ``mse``, ``rmse``, ``mae``, ``mase`` in original units (a quantile model's
        ``pinball``, ``wql``, ``coverage_80`` and ``msis_80`` ... too), as by_step.csv holds them (``stepbins.step_frame``,
        decision 2002)."""
        from rnncast.stepbins import step_frame

        return step_frame(self.metrics.get("by_step") or [])

    def figure(self, n_series: int = 3):
        """Actual values, each window's forecast (and interval) with its cutoff marked, for every series or, of
        more than ``n_series``, the best, median and worst by MASE (``backtestplot.backtest_figure``)."""
        from rnncast.backtestplot import backtest_figure  # matplotlib only when a figure is drawn
        return backtest_figure(self, n_series)

"""A one-model backtest's baseline intervals learned at each window's own cutoff, as a refit's are (decisions 2221, 2248).

Since decision 2174 the point of a one-model backtest's mean baseline is each window's own: the mean of every row of
its series before the window's cutoff (``observed.at_cutoffs``), as a refit's model at that cutoff has it. Its
interval was the first cutoff's: the training errors of the first cutoff's mean, over the first cutoff's training
windows, added to the window's own point. The mean's error is the actual less a constant, so that interval was the
first cutoff's training values' quantiles moved by the mean's change, their spread never the later rows'. A refit
learns each cutoff's interval from its own training windows (``baselinebands.training``: targets all in the rows that
cutoff's model trains on) and its own mean; ``window_errors`` learns the same for each window of one model, so a
refit and a one-model backtest give the mean baseline the same interval at each cutoff. The repeat and seasonal naive
points read the rows before each window whatever the model (the last value, a season of values), but their intervals
were still the first cutoff's training errors; they are learned the same way, each over its window's cutoff's training
windows (decision 2248), so every baseline's band of a one-model backtest is a refit's. The climatology learns none.
"""

from __future__ import annotations

import numpy as np

from rnncast import baselinebands, measuredlabels
from rnncast.windows import Split


def window_errors(state, panel, cuts: list, series: np.ndarray, window: np.ndarray, means: np.ndarray,
                  placed: dict | None = None) -> dict | None:
    """Each baseline's name ("mean", "repeat", with a season above 1 "seasonal") -> [W, H, T, Q] the quantiles (at
    the model's levels) of its errors that each window's interval adds to its point, in original units: for window
    ``w`` of series ``series[w]`` and cutoff ``window[w]`` (each [W]), its errors over the training windows of its
    series at that cutoff (``cuts[k][s]``: the ``Split`` of series ``s``'s rows before cutoff ``k``, None where they
    hold no window), the mean's against its own mean ``means[w]`` ([W, T], ``observed.at_cutoffs``). NaN where they
    are fewer than the levels take (``bandcounts.fewest``), as ``baselinebands.error_quantiles`` leaves them; None
    for a model without quantiles (no interval)."""
    levels = state.settings.model.quantiles
    if not levels:
        return None
    data = state.settings.data
    n_t, lookback, horizon, season = len(state.targets), data.lookback, data.horizon, data.season
    unread = (len(state.future_covariates), 0 if data.target_input else n_t)  # as forecast_windows' bands read
    values = measuredlabels.last_measured(panel.values, panel.filled, panel.offsets, n_t)  # never a stood-in label
    out: dict = {}
    for k in np.unique(window):
        at = np.flatnonzero(window == k)
        splits = [Split(0, 0, 0) if split is None else split for split in cuts[k]]
        learned = baselinebands.training(panel.offsets, splits, None, series[at], lookback, horizon, n_t, season,
                                         panel.filled, unread, placed)  # as that cutoff's model learns them
        own = np.zeros((panel.n_series, n_t))
        own[series[at]] = means[at]  # a series holds one window per cutoff
        for name, quantiles in baselinebands.error_quantiles(values, learned, own, levels, horizon, n_t, season).items():
            out.setdefault(name, np.full((len(series), horizon, n_t, len(levels)), np.nan))[at] = quantiles[series[at]]
    return out

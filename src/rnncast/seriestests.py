"""Each series' Diebold–Mariano test of the model against each baseline, Holm-adjusted over the series (decision 2241).

``evaluate --by-series`` gave every station's scores beside the baselines' but no verdict: with S3's model MSE 41.08
against the seasonal naive's 40.69, a network operator had to ask "is this chance?" per station. Each series' test is
the pooled verdict's (``significance.diebold_mariano`` on the scaled errors, its forecast times, the seasonal naive
on the values it has a forecast for), one-sided (that the model is not better); with many series some would come out
"better" by chance, so each baseline's p-values are Holm-adjusted over the series tested (``comparison.holm``), and
the key says so: ``dm_p_holm_<baseline>``.
"""

from __future__ import annotations

import math

import numpy as np

from rnncast import climatologyseries, seasonalgaps, significance
from rnncast.comparison import holm
from rnncast.forecasttimes import forecast_times
from rnncast.windowforecasts import WindowForecasts, scored, take

PREFIX = "dm_p_holm_"  # each series block's key of a baseline's adjusted p-value: dm_p_holm_seasonal


def attach(series: dict, scaled: WindowForecasts, keys: list) -> None:
    """Put ``PREFIX + baseline`` (the Holm-adjusted one-sided p that the model is not better; NaN where the series has
    no test: under 2 forecast times, differentials that never vary) in each block of ``series`` (evaluate's
    ``result["series"]``), the windows of ``scaled`` [W, H, T] (scaled units) split by ``scaled.series`` whose position
    ``keys`` [S] maps to its key there. Nothing for one series: the pooled verdict is its test."""
    at = np.zeros(len(scaled.starts), np.int64) if scaled.series is None else scaled.series
    if len(np.unique(at)) < 2:
        return
    order = np.argsort(at, kind="stable")
    cuts = np.searchsorted(at[order], np.arange(len(keys) + 1))
    raw: dict[str, dict] = {}
    for s, key in enumerate(keys):
        if key not in series or cuts[s] == cuts[s + 1]:
            continue
        mine = climatologyseries.whole(take(scaled, order[cuts[s]: cuts[s + 1]]))
        times, keep = forecast_times(mine), scored(mine)
        for name, p in mine.baselines.items():
            test = significance.diebold_mariano(mine.y_pred - mine.y_true, p - mine.y_true, mine.y_true.shape[1],
                                                times, seasonalgaps.values_of(name, keep, p))
            raw.setdefault(name, {})[key] = test["p_value"]
    for name, found in raw.items():
        tested = [key for key, p in found.items() if math.isfinite(p)]
        adjusted = dict(zip(tested, holm([found[key] for key in tested])))
        for key in found:
            series[key][PREFIX + name] = float(adjusted.get(key, float("nan")))

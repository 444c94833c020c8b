"""Baseline forecasts that every model is shown beside, from the same windows the model sees, and
the one name people read for each (``NAMES``).

``seasonal_naive`` takes the last ``period`` rows before each forecast ``x`` [W, L, C] (targets first, L >= period) and
returns [W, H, T]; ``baselinebands.point_forecasts`` reads those rows from the series, not from the model's input
window, so a season longer than the lookback is taken (decision 1778), a season of calendar steps back where rows
are missing (``seasonalgaps``, decision 1966), and makes the repeat of the last value and the training mean beside it.
"""

from __future__ import annotations

import numpy as np

# The words every table, verdict, hint and legend names a baseline by (the field's terms, as the README's
# vocabulary gives them); metrics.json keeps the keys. The order is the legends' and the tables'.
NAMES = {"repeat": "repeat the last value", "mean": "training mean", "seasonal": "seasonal naive",
         "climatology": "climatology"}  # the field's word alone: "per day of year and time of day" read wrong on
# daily rows and crowded every table; the glossary and --help say what it averages (decisions 1605, 1666)
HELP = ("The baselines: repeat the last value, the training mean, seasonal naive (where fit was given a season) "
        "and, for each series with two whole years of daily or hourly training rows, climatology (its training "
        "mean per day of year, and per hour on hourly data, kept with the model at fit). ")  # --help
BANDED = ("repeat", "mean", "seasonal")  # those whose intervals baselinebands learns: not climatology's


def baseline_name(key: str) -> str:
    """What people read for a baseline's key in metrics.json: ``"mean"`` -> "training mean"."""
    return NAMES.get(key, key)


def named(key: str) -> str:
    """A baseline as a sentence names it: "the 'training mean' baseline" (quoted, so "repeat the last
    value" reads as a name)."""
    return f"the '{baseline_name(key)}' baseline"


def row_label(key: str) -> str:
    """A forecaster's name in a score table: "model", or "baseline: training mean"."""
    return key if key == "model" else f"baseline: {baseline_name(key)}"


def seasonal_naive(x: np.ndarray, horizon: int, n_targets: int, period: int) -> np.ndarray:
    """The last season (``period`` steps) of ``x`` repeated over the horizon: step ``h`` (1-based, of row
    ``t + h - 1``) forecasts ``y[t + h - 1 - period * ceil(h / period)]``, one season back only for ``h <= period``
    (never a value the window lacks)."""
    last_season = x[:, -period:, :n_targets]  # [W, P, T]
    reps = -(-horizon // period)
    return np.tile(last_season, (1, reps, 1))[:, :horizon]



"""Each series' own scale where none is given: the standard deviation of each target over the series' training rows.

A verdict on many series or several targets weighs each one's errors in its own scale (``verdicts.verdict_units``),
and so does its Diebold–Mariano test: a pooled original-unit MSE would be the largest series' MSE. The scaler gives
that scale, but ``scaler='none'`` scales nothing, so there the scaled block of scores (and the verdict and test that
read it) divides each series' values by its training spread instead (``weighed``): the statistic the standard
scaler divides by, so the scaled block reads as a standard-scaled model's would. ``compare`` divides every model's
errors by one model's spreads, whatever each model's scaler (``window_spreads``).

The spreads are kept with the model (``FittedState.train_spreads``, model.json's ``train_spreads``); a model saved
before they were has none, and its scaled block stays in original units, said so (``SCALED_BY``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from rnncast.seriesids import id_text
from rnncast.scaling import flat_spread
from rnncast.windowforecasts import WindowForecasts

SCALED_BY = {  # evaluate's "scaled_by" where the scaled block is not in the scaler's units: what it divides by
    "spread": "training standard deviation",  # scaler 'none': each series' values / its training rows' spread
    "nothing": "nothing",  # scaler 'none' in a model saved without its spreads: the scaled block is the original
}


def units_name(by: str | None) -> str:
    """The units of a scaled block, as a heading names them, from evaluate's ``scaled_by`` (a ``SCALED_BY`` value, or
    None where the scaler scaled it): "scaled units"; "training-spread units" under ``scaler='none'`` (each series'
    values divided by its training rows' standard deviation); "original units" where such a model kept no spreads."""
    if by == SCALED_BY["spread"]:
        return "training-spread units"
    return "original units" if by == SCALED_BY["nothing"] else "scaled units"


def loss_units(scaler: str) -> str:
    """The units the network trains in, and its loss is told in: "original units" under ``scaler='none'`` (nothing
    scaled the values it learns from), else "scaled units"."""
    return "original units" if scaler == "none" else "scaled units"


def training_spreads(panel, splits: list) -> np.ndarray:
    """Each series' standard deviation of each target over its training rows (the first ``splits[s].train_end``),
    [S, T] in original units: the population deviation the standard scaler takes, over the rows as filled, as it
    takes them; 1 where the rows do not vary (``scaling.flat_spread``: the standard scaler only centres such a series
    of a panel) or are too large for one."""
    n_t = panel.n_targets
    spreads = np.ones((len(splits), n_t))
    for s, split in enumerate(splits):
        rows = np.asarray(panel.rows(s)[: split.train_end, :n_t], dtype=np.float64)  # [R, T]
        if not len(rows):
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            spread = rows.std(axis=0)
        usable = np.isfinite(spread) & ~flat_spread(spread, rows)
        spreads[s] = np.where(usable, spread, 1.0)
    return spreads


def scaled_by(state) -> str | None:
    """What a model's scaled block divides by where it is not its scaler (a ``SCALED_BY`` key): "spread" under
    ``scaler='none'``, "nothing" where such a model kept no spreads; None: the scaler scales it."""
    if state.settings.data.scaler != "none":
        return None
    return "nothing" if state.train_spreads is None else "spread"


def weighed(state, index: np.ndarray, scaled: WindowForecasts) -> WindowForecasts:
    """The windows ``scaled`` (in the scaler's units, of the panel series whose positions in ``state.ids`` are
    ``index``) in the units the verdict weighs: as they are where a scaler scaled them; under ``scaler='none'``,
    each value divided by its series' training spread of its target (``training_spreads``). Float64: a forecast
    that repeats a true value still equals it (the intervals' coverage is counted here)."""
    if scaled_by(state) != "spread":
        return scaled
    series = np.zeros(len(scaled.y_true), dtype=np.int64) if scaled.series is None else scaled.series
    spread = state.train_spreads[np.asarray(index)[series]][:, None, :]  # [W, 1, T]
    divide = lambda a: None if a is None else np.asarray(a, dtype=np.float64) / (  # noqa: E731
        spread if a.ndim == 3 else spread[..., None])  # [W, H, T] or [W, H, T, Q]
    return replace(scaled, y_true=divide(scaled.y_true), y_pred=divide(scaled.y_pred),  # every other field kept
                   baselines={name: divide(b) for name, b in scaled.baselines.items()}, quantiles=divide(scaled.quantiles),
                   baseline_quantiles={name: divide(b) for name, b in scaled.baseline_quantiles.items()})


def window_spreads(state, wf: WindowForecasts) -> np.ndarray | None:
    """The training spread of each window's series and target [W, T], from ``state`` (a fitted model's) by the
    series' id, whatever the windows' model was: ``compare`` divides every model's errors by one model's. A model
    saved without spreads gives its standard scaler's scales (the same statistic), else None."""
    spreads = state.train_spreads
    if spreads is None and state.settings.data.scaler == "standard":
        spreads = np.stack([scaler.scale[: len(state.targets)] for scaler in state.scalers])  # [S, T]
    if spreads is None:
        return None
    series = np.zeros(len(wf.y_true), dtype=np.int64) if wf.series is None else np.asarray(wf.series)
    if state.layout == "single":
        return spreads[np.zeros(len(series), dtype=np.int64)]
    position = {i: k for k, i in enumerate(state.ids)}
    rows = np.zeros(len(wf.ids), dtype=np.int64)
    for s in np.unique(series).tolist():  # the series with windows: each one known to the model that forecast them
        rows[s] = position[id_text(wf.ids[s])]
    return spreads[rows[series]]

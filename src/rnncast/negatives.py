"""Forecasts below zero of a target the data never holds below zero, said in one warning.

The network's output is not bounded: on an intermittent retail panel (sales, never negative) 88 of 6368 test
forecasts fell below zero, the least -0.029, most of them of series whose sales are all zero, and evaluate and predict
wrote them without a word. ``below_zero`` says how many, of which series, and the most negative, that the scores are
of the forecasts as made (not clipped), and how to clip them where the target cannot be negative.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast.spelling import some

log = logging.getLogger(__name__)

WORDS = {"train": "training", "val": "validation"}  # a part as the warning says it: "12 of the 300 validation forecasts"


def below_zero(forecasts: np.ndarray, data: np.ndarray, targets: list, ids: list, doing: str = "test") -> str | None:
    """Warn of ``forecasts`` [W, H, T] (or [W, H, T, Q]; ``ids`` [W] the series of each window, as given) below zero
    in a target whose values in the data (``data`` [N, T], the rows read) are never negative; ``doing``: the
    forecasts' kind ("test", as evaluate scores them, or "" for predict's). Returns the warning, or None."""
    said = []
    for t, name in enumerate(targets):
        column = data[:, t]
        values = forecasts[:, :, t].reshape(len(forecasts), -1)  # [W, H or H * Q]
        if not values.size or not np.isfinite(column).any() or np.nanmin(column) < 0:
            continue
        low = values < 0
        if not low.any():
            continue
        least = np.unravel_index(np.argmin(values), values.shape)[0]
        whose = list(dict.fromkeys(ids[w] for w in np.flatnonzero(low.any(axis=1))))
        where = "" if ids[least] is None else (f", of series {ids[least]!r}; in {len(whose)} series: "
                                               f"{some([repr(i) for i in whose], 3)}")  # one series: no id to name
        said.append(f"{int(low.sum())} of the {values.size} {f'{doing} ' if doing else ''}forecasts of {name!r} are "
                    f"below zero (the least {float(values.min()):.4g}{where}), though the data's {name!r} is never "
                    "negative")
    if not said:
        return None
    clip = ", ".join(f"forecast[{name!r}].clip(lower=0)" for name in targets)
    scores = "; the scores are of the forecasts as made, not clipped" if doing else ""
    text = (f"{'; '.join(said)}: the network's output is not bounded{scores}; where the target cannot be negative, "
            f"clip them at 0 ({clip})")
    log.warning("%s", text)
    return text


def of_panel(state, panel, forecasts: np.ndarray, series: np.ndarray, part: str = "test") -> str | None:
    """``below_zero`` of the forecasts of the windows of ``series`` [W] (positions in ``panel``) of ``part`` (train,
    val, test; "" for predict's), the panel's rows the data; a model of one series (``state.layout`` single) names
    none."""
    ids = [None if state.layout == "single" else panel.given_id(int(s)) for s in series]
    return below_zero(forecasts, panel.values[:, : len(state.targets)], state.targets, ids, WORDS.get(part, part))

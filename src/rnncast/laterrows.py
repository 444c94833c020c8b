"""How much a target follows a feature's later rows, on the training rows, against what its own row and the window
read; and the hint it gives: a target aligned with later rows (``y_t`` made from ``x_{t+1}``, as a next-value column
made by hand is) cannot be forecast from a window, and no setting or training fixes that.

``measure`` (at fit, ``fitting.prepare``) fits least squares on each series' training rows, per target, over the same
rows for each: y_t on each feature at t + k alone, k = 1 .. ``LEADS`` (the later rows); y_t on every feature at t
(its own row, what ``future_known`` adds); and y_t on every column at t - 1 .. t - m (the window's rows, m the
lookback, at most ``LAGS`` and ``MOST_INPUTS`` columns in all). Their R² (medians over targets and series; the later
row of the best feature and k) are kept in the state (``FittedState.later_rows``, model.json's ``later_rows``).
Where the later row explains at least half of y and leaves at most half of what the own row, the window and the model
(its R² on the part scored) leave unexplained, ``hint`` says the target may be aligned with that row and how to fix
the alignment, and ``readout`` gives it in place of the ``future_known`` hint, which cannot help (decision 671: a
tester's y_t = x_{t+1}, fitted with future_known=True, R² -0.008).
"""

from __future__ import annotations

import numpy as np

from rnncast.samestep import least_squares_r2
from rnncast.spelling import counted, spelled

LEADS = 3  # the later rows measured: t + 1 .. t + 3
LAGS = 8  # at most: the window's rows measured before t
MOST_INPUTS = 64  # at most: columns times rows of the window's least squares, so that fit stays cheap
MOST_SERIES = 20  # a panel's series measured: every k-th
MOST_ROWS = 2000  # a series' last training rows measured
EXPLAINED = 0.5  # the share of y the later row must explain at least for the hint


def measure(values_of, splits: list, columns: list, n_targets: int, lookback: int) -> dict | None:
    """``{"column", "rows", "r2", "same_r2", "window_r2", "lags"}``: the feature (its name in ``columns``) and the
    rows later (k) whose least squares explain the targets most, their R², and those of y_t on every feature at t and on the
    window's ``lags`` rows (medians over targets and series of ``values_of(s)`` [T_s, C], ``splits[s].train_end`` rows);
    None without features or rows enough to fit them."""
    n_features = len(columns) - n_targets
    if n_features < 1:
        return None
    lags = max(1, min(lookback, LAGS, MOST_INPUTS // len(columns)))
    later, same, window = [[[] for _ in range(LEADS)] for _ in range(n_features)], [], []
    every = max(1, -(-len(splits) // MOST_SERIES))
    for s in range(0, len(splits), every):
        rows = np.asarray(values_of(s)[: splits[s].train_end], dtype=np.float64)[-MOST_ROWS:]
        n = len(rows) - lags - LEADS  # the rows t measured: each has its window's rows and its later rows
        if n < lags * len(columns) + 10 or not np.isfinite(rows).all():
            continue
        past = np.column_stack([rows[lags - j : lags - j + n] for j in range(1, lags + 1)])  # [n, lags * C]
        for t in range(n_targets):
            y = rows[lags : lags + n, t]
            if not y.var() > 0:
                continue
            same.append(least_squares_r2(rows[lags : lags + n, n_targets:], y))
            window.append(least_squares_r2(past, y))
            for f in range(n_features):
                for k in range(1, LEADS + 1):
                    later[f][k - 1].append(least_squares_r2(rows[lags + k : lags + k + n, [n_targets + f]], y))
    if not same:
        return None
    medians = np.array([[np.median(each) for each in by_k] for by_k in later])  # [F, LEADS]
    f, k = np.unravel_index(int(np.argmax(medians)), medians.shape)
    return {"column": str(columns[n_targets + f]), "rows": int(k) + 1, "r2": float(medians[f, k]),
            "same_r2": float(np.median(same)), "window_r2": float(np.median(window)), "lags": int(lags)}


def aligned_later(later: dict | None, model_r2: float | None) -> bool:
    """Whether ``measure``'s ``later`` rows explain the target as ``hint`` asks: at least ``EXPLAINED`` of it, leaving
    at most half of what its own row, the window and the model (``model_r2``; None: not scored) leave unexplained."""
    if later is None or later["r2"] < EXPLAINED:
        return False
    left = 1 - later["r2"]
    others = (later["same_r2"], later["window_r2"]) + (() if model_r2 is None else (model_r2,))
    return all(left <= (1 - r2) / 2 for r2 in others)


def hint(later: dict | None, model_r2: float | None, target: str | None = None, where: str = "the test split") -> \
        str | None:
    """The hint of a target that follows a feature's later rows (``measure``'s ``later``) more than its own row, the
    window and the model (``model_r2``, its R² on ``where``) do (``aligned_later``), naming the ``target`` where one is
    known; else None."""
    if not aligned_later(later, model_r2):
        return None
    x, k = later["column"], later["rows"]
    y = repr(target) if target is not None else "the target"
    scored = f"; the model's R² on {where} is {model_r2:.3f}" if model_r2 is not None else ""
    return (f"hint: the target may be aligned with later rows of {x!r}: least squares on the training rows explains "
            f"R² {later['r2']:.3f} of it from {x!r} {counted(k, 'row')} later, against {later['same_r2']:.3f} from the "
            f"features of its own row and {later['window_r2']:.3f} from the {counted(later['lags'], 'row')} before it "
            f"that a window reads{scored}. No forecast reads later rows, so no setting fixes this; check the "
            f"alignment: if {y} is {x!r} moved up {counted(k, 'row')} (a next-value column made by hand), forecast "
            f"{x!r} itself ({spelled('target', x)}), whose windows and next steps rnncast makes; if {x!r} is dated "
            f"{counted(k, 'row')} late, shift it up to the rows it belongs to (df[{x!r}].shift(-{k})), and if its values are "
            f"known at the forecast time, declare it so ({spelled('future_known', True)})")


def training_note(later: dict | None) -> str | None:
    """What fit's words on training say in place of more training (more epochs, a larger learning rate) where the
    target follows ``later`` rows of a feature (``aligned_later`` on the training rows alone: the model is not yet
    scored): "first check the alignment: ...", since no training fixes that (decision 686); else None."""
    if not aligned_later(later, None):
        return None
    x = later["column"]
    return (f"first check the alignment: the target may follow {x!r} {counted(later['rows'], 'row')} later (least "
            f"squares on the training rows: R² {later['r2']:.3f} from that row, against {later['window_r2']:.3f} from "
            f"the {counted(later['lags'], 'row')} before it that a window reads); no forecast reads later rows, so "
            "neither more epochs nor another learning rate would fix that")

"""A backtest's scores per step ahead (``metrics["by_step"]``, decision 1660): the model's and each baseline's MSE,
MAE and MASE at each lead 1 .. H, pooled over every window and series, as a forecast hub scores each lead (1 to 4
weeks ahead) apart. Each step's scores are ``evaluation.scores`` of the windows cut to that step, so that they follow
the overall block's rules (the values scored, MASE's scale, a mean over targets)."""

from __future__ import annotations

import numpy as np

from rnncast.evaluation import scores
from rnncast.windowforecasts import WINDOW_ARRAYS, WindowForecasts

SCORES = ("mse", "mae", "mase")  # each step's: the errors a hub compares by lead, in original units (MASE: none)
STEPWISE = ("y_true", "y_pred", "filled", "absent", "zeroed")  # the arrays with a horizon axis [W, H, ...]


def step_of(wf: WindowForecasts, h: int) -> WindowForecasts:
    """The point forecasts of step ``h`` (0 = one step ahead) alone, every [W, H, ...] array cut to [W, 1, ...],
    without the intervals (``SCORES`` reads none)."""
    cut = lambda a: None if a is None else a[:, h : h + 1]  # noqa: E731
    arrays = {name: cut(getattr(wf, name)) if name in STEPWISE else getattr(wf, name) for name in WINDOW_ARRAYS}
    return WindowForecasts(**{**arrays, "quantiles": None}, baselines={k: cut(v) for k, v in wf.baselines.items()},
                           time=wf.time, ids=wf.ids, times=wf.times, targets=wf.targets)


def by_step(wf: WindowForecasts, scales: np.ndarray) -> list[dict]:
    """``[{"step": 1, "model": {"mse", "mae", "mase"}, "repeat": {...}, ...}, ...]``, one entry per step ahead of
    ``wf`` [W, H, T] (original units; ``scales`` [W, T] each window's MASE denominator), in the order of the overall
    block's forecasters; a step with no value scored has NaN scores, as a window's do."""
    out = []
    for h in range(wf.y_true.shape[1]):
        each = scores(step_of(wf, h), scales)
        out.append({"step": h + 1, **{name: {k: block[k] for k in SCORES} for name, block in each.items()}})
    return out

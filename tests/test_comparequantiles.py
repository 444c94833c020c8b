"""compare's quantile models (``comparequantiles.py``): the scores beside MSE, the pinball errors the test squares,
and what the verdict ranks by, with the levels they could be compared on."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast.comparequantiles import judge, pinball_errors
from rnncast.metrics import pinball
from rnncast.windowforecasts import WindowForecasts


def _wf(levels, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=(6, 2, 1))
    quantiles = None if levels is None else y[..., None] + rng.normal(size=(6, 2, 1, len(levels)))
    return WindowForecasts(starts=np.arange(6), target_rows=np.arange(6), y_true=y, y_pred=y + 0.1, baselines={},
                           time=None, quantiles=quantiles, levels=tuple(levels or ()))


def test_the_squared_pinball_errors_are_each_values_mean_pinball_loss():
    wf = _wf((0.1, 0.5, 0.9))
    loss = np.square(pinball_errors(wf))
    assert loss.mean() == pytest.approx(np.mean([pinball(wf.y_true, wf.quantiles[..., i], q)
                                                 for i, q in enumerate(wf.levels)]))
    assert np.square(pinball_errors(wf, np.full((6, 1, 1), 2.0))).mean() == pytest.approx(loss.mean() / 2)


def test_the_verdict_weighs_pinball_only_where_every_model_has_the_same_levels():
    same = judge({"a": _wf((0.1, 0.5, 0.9)), "b": _wf((0.1, 0.5, 0.9), 1)}, None)
    assert same.errors is not None and set(same.errors) == {"a", "b"} and "mean pinball loss" in same.note
    wider = judge({"a": _wf((0.05, 0.1, 0.5, 0.9, 0.95)), "b": _wf((0.1, 0.5, 0.9), 1)}, None)
    assert wider.errors is None and "could be compared on the levels all of them have, [0.1, 0.5, 0.9] (the 80% " \
        "interval)" in wider.note
    points = judge({"a": _wf(None), "b": _wf(None, 1)}, None)
    assert points.errors is None and points.note == "" and points.scores == {"a": None, "b": None}

"""Window forecasts (``windowforecasts.py``): which values are scored (filled targets and the windows
that read later fills left out), and taking or joining windows keeps every per-window array in step."""

from __future__ import annotations

import numpy as np

from rnncast.windowforecasts import WindowForecasts, concat, scored, take


def _wf(n: int = 4, filled=None, later=None) -> WindowForecasts:
    y = np.arange(n * 2, dtype=float).reshape(n, 2, 1)
    return WindowForecasts(starts=np.arange(n), target_rows=np.arange(n) + 3, y_true=y, y_pred=y + 1,
                           baselines={"repeat": y - 1}, time=None, series=np.zeros(n, int), filled=filled, reads_later=later)


def test_every_value_is_scored_without_fills_and_neither_filled_targets_nor_windows_reading_later_with_them():
    assert scored(_wf()) is None
    filled = np.zeros((4, 2, 1), bool)
    filled[1, 0] = True
    keep = scored(_wf(filled=filled, later=np.array([False, False, True, False])))
    assert keep[..., 0].tolist() == [[True, True], [False, True], [False, False], [True, True]]


def test_take_and_concat_carry_the_masks_with_their_windows():
    filled = np.zeros((4, 2, 1), bool)
    filled[3, 1] = True
    wf = _wf(filled=filled, later=np.array([True, False, False, False]))
    picked = take(wf, np.array([3, 0]))
    assert picked.filled[:, 1, 0].tolist() == [True, False] and picked.reads_later.tolist() == [False, True]
    assert picked.baselines["repeat"][0, 0, 0] == wf.baselines["repeat"][3, 0, 0]
    joined = concat([wf, _wf(2)], np.array([4, 0, 5, 3]))  # the second part has no fills: not filled, not left out
    assert joined.filled[:, 1, 0].tolist() == [False, False, False, True]
    assert joined.reads_later.tolist() == [False, True, False, False] and joined.starts.tolist() == [0, 0, 1, 3]
    assert concat([_wf(2), _wf(2)], np.arange(4)).filled is None


def test_its_repr_is_a_line_naming_windows_series_horizon_targets_and_shapes_not_the_arrays():
    """``repr`` of what predict_windows returns printed every array, tens of KB in a notebook (86 KB for 300 rows)."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(300)
    wf = Forecaster(**{**TINY, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, target="y").predict_windows(frame)
    w = len(wf.y_pred)
    assert repr(wf) == (f"WindowForecasts({w} windows of 1 series, horizon 3, targets ['y'], baselines "
                        f"{list(wf.baselines)}; y_true, y_pred [{w}, 3, 1], quantiles [0.1, 0.5, 0.9] [{w}, 3, 1, 3])")
    assert repr(_wf(1)).startswith("WindowForecasts(1 window of 1 series, horizon 2, targets [], baselines ['repeat']")

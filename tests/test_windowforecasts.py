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

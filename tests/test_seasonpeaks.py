"""Whether a stretch above the level is the season's own peak (``seasonpeaks.py``, decisions 2152 and 2202)."""

from __future__ import annotations

import numpy as np

from rnncast.seasonpeaks import held, own


def test_a_value_held_flat_is_no_seasons_peak():
    """Decision 2202: five weeks stuck at 4 times the level are held; a flu peak rising and falling is not."""
    assert held(np.array([4.0, 4.0, 4.0, 4.0, 4.0])) and held(np.array([3.0, 4.0, 4.01, 3.99, 4.0]))
    assert not held(np.array([3.05, 3.5, 4.23, 3.9, 3.3])) and not held(np.array([4.0, 4.0, 4.0, np.nan, 0.0]))


def test_a_peak_at_the_seasons_time_is_its_own_unless_held_or_far_beyond():
    weeks = np.arange(52 * 3)
    rise = np.log(1 + 0.6 * np.exp(-0.5 * ((weeks % 52 - 10) / 2.5) ** 2))  # [156] peaks 1.6 times at week 10
    rise[60:63] = np.log([2.0, 2.4, 2.0])
    values = np.exp(rise)
    assert own(rise, values, 60, 63, 52, 10, np.log(2) / 2)  # a higher season at its week
    assert not own(rise, values, 60, 63, 52, 10, np.log(1.8))  # its neighbours too low to count
    stuck = rise.copy()
    stuck[60:65] = np.log(2.4)
    assert not own(stuck, np.exp(stuck), 60, 65, 52, 10, np.log(2) / 2)  # held flat: a sensor stuck
    assert own(stuck, None, 60, 65, 52, 10, np.log(2) / 2)  # the shape not weighed (a dip)
    far = rise.copy()
    far[60:63] = np.log([3.0, 6.0, 3.0])
    assert not own(far, np.exp(far), 60, 63, 52, 10, np.log(2) / 2)  # over VARY times its neighbours

"""The windows every compared model forecasts (``commonwindows.py``): matched by series and the instant of their first
target, and where none are shared, why said. Matching of real models' windows is in tests/test_comparemodels.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.commonwindows import common_windows
from rnncast.windowforecasts import WindowForecasts


def _windows(ids, times, series, rows) -> WindowForecasts:
    zeros = np.zeros((len(rows), 1, 1))
    return WindowForecasts(np.asarray(rows) - 1, np.asarray(rows), zeros, zeros, {}, None, np.asarray(series), ids, times)


def test_windows_of_timestamps_meet_by_their_instant_and_apart_say_their_dates():
    hours = pd.date_range("2024-01-01", periods=10, freq="h")
    a = _windows(["x", "y"], [hours, hours], [0, 0, 1], [2, 3, 3])
    b = _windows(["y"], [hours[1:]], [0, 0], [2, 5])  # y's rows start an hour later: row 2 is a's row 3
    assert {k: list(v) for k, v in common_windows({"a": a, "b": b}, "test").items()} == {"a": [2], "b": [0]}
    later = _windows(["x"], [hours], [0], [8])
    with pytest.raises(RnncastError, match=r"^no test window is forecast by every model: their first targets do not "
                                           r"meet \(a: 2024-01-01 02:00:00 to 2024-01-01 03:00:00; later: 2024-01-01 "
                                           r"08:00:00 to 2024-01-01 08:00:00\)"):
        common_windows({"a": a, "later": later}, "test")
    with pytest.raises(RnncastError, match=r"^the models share no series in their test windows \(a: \['x', 'y'\]; "
                                           r"z: \['z'\]\)$"):
        common_windows({"a": a, "z": _windows(["z"], [hours], [0], [2])}, "test")

"""floattext: float columns handed to pandas' CSV writer as the text it writes for them, each value formatted once,
so that a forecast table's file is the same bytes, sooner (decision 2006)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.floattext import as_text, written

AWKWARD = [np.nan, -0.0, 0.0, 1e-20, -1.5e-7, 1e-4, 9.999e-5, 5e-324, 2.2250738585072014e-308, 1e15, 9999999999999998.0,
           1e16, 1.2345678901234567e17, 1e22, 1.7976931348623157e308, np.inf, -np.inf, 0.1, 0.3, 1 / 3, 12042.0,
           11955.2374, 3.0, -2.0, 123456789.0, 2.0 ** 53, -(2.0 ** 63)]


def test_each_value_is_written_as_numpy_writes_it_and_a_nan_blank():
    rng = np.random.default_rng(0)
    values = np.concatenate([AWKWARD, rng.normal(0, 1, 5000) * 10.0 ** rng.integers(-30, 30, 5000),
                             np.round(rng.normal(0, 1e4, 5000), 4),  # forecasts at their decimals, repeated below
                             rng.integers(-2 ** 62, 2 ** 62, 5000).view(np.float64)])  # any bits: subnormals, NaNs
    values = np.concatenate([values, values[::-1]])
    expected = np.where(np.isnan(values), "", values.astype(str))
    assert written(values).tolist() == expected.tolist()
    assert written(np.array([0.0, -0.0, 0.0, -0.0])).tolist() == ["0.0", "-0.0", "0.0", "-0.0"]  # apart by bits
    assert written(np.array([], dtype=np.float64)).tolist() == []


def test_a_frame_handed_over_as_text_is_written_the_bytes_pandas_writes_for_it():
    """NaN, -0.0, 1e-20, huge values, ints, dates with zones, ids to quote, a name held twice, other float types."""
    times = pd.date_range("2023-10-29 01:00", periods=4, freq="h", tz="Europe/Berlin")  # 02:00 twice
    frame = pd.DataFrame({"id": ["a,b", 'say "x"', "c", None], "time": times, "step": [1, 2, 3, 4],
                          "y": [np.nan, -0.0, 1e-20, 1.7976931348623157e308], "y_hat": [0.0, 1e16, -np.inf, 12042.0],
                          "f32": np.array([0.1, 1e-20, np.nan, 3.5], dtype=np.float32),
                          "nullable": pd.array([0.1, None, 1e-20, 2.0], dtype="Float64"),
                          "when": pd.to_timedelta([1, 2, 3, None], unit="h")})
    twice = frame[["id", "y", "y"]].set_axis(["id", "y", "y"], axis=1)
    for table in (frame, twice, frame.iloc[:0]):
        before = table.copy()
        text = as_text(table)
        for how in ({}, {"sep": ";"}, {"sep": "."}, {"lineterminator": "\r\n"}):  # "." as separator: the floats quoted
            assert text.to_csv(index=False, **how) == table.to_csv(index=False, **how)
        pd.testing.assert_frame_equal(table, before)  # the frame given is left as it was
    assert as_text(frame, ",") is frame  # a decimal comma: pandas formats otherwise, left to it
    no_floats = frame[["id", "step", "f32"]]
    assert as_text(no_floats) is no_floats  # nothing to hand over: the frame itself

"""decimals.shortest: forecasts in original units as the shortest decimals that scale back to the
network's float32, at any scale, with nothing the network said lost."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from rnncast.decimals import shortest, shortest_bands


def scaled_back(x, offset, scale):
    return ((np.asarray(x) - offset) / scale).astype(np.float32)


def test_a_float32_is_written_as_its_shortest_decimal_not_its_float64_digits():
    for text in ("53.94", "0.1", "1e-30", "3e+38", "-7.25", "123456.79"):
        value = shortest(np.float32(float(text)))
        assert repr(float(value)) == text
    assert repr(float(np.float32(53.94))) == "53.939998626708984"  # what was written before


def test_every_value_scales_back_to_the_networks_float32_and_one_digit_fewer_would_not():
    rng = np.random.default_rng(0)
    for magnitude in (1e-30, 1e-6, 1.0, 1e3, 1e12, 1e30):
        y = rng.standard_normal(500).astype(np.float32)
        offset = rng.standard_normal(500) * magnitude * 10
        scale = (np.abs(rng.standard_normal(500)) + 0.1) * magnitude
        x = shortest(y, offset, scale)
        assert np.array_equal(scaled_back(x, offset, scale), y), magnitude
        exact = y.astype(np.float64) * scale + offset
        assert (np.abs(x - exact) <= 1e-6 * scale * np.maximum(np.abs(y), 1)).all()  # within float32's step of y
        for v, o, k, want in list(zip(x, offset, scale, y))[:100]:
            digits = len(np.format_float_scientific(v, unique=True).split("e")[0].replace("-", "").replace(".", ""))
            if digits > 1:
                fewer = float(f"{v:.{digits - 2}e}")
                assert scaled_back(fewer, o, k) != want, (v, fewer)


def test_a_series_near_1e9_keeps_the_digits_its_scale_gives_where_float32_would_step_by_64():
    y = np.float32(1.2345678)
    x = float(shortest(y, 1e9, 100.0))
    assert scaled_back(x, 1e9, 100.0) == y
    assert abs(x - (1e9 + 123.45678)) < 1e-3
    assert float(np.float32(x)) != x  # float32 of the value itself would have lost the +-100


def test_tiny_and_huge_scales_keep_their_own_digits():
    assert repr(float(shortest(np.float32(1.2345678), 0.0, 1e-40))) == "1.2345678e-40"
    assert repr(float(shortest(np.float32(1.2345678), 0.0, 1e40))) == "1.2345678e+40"


def test_shapes_broadcast_and_nan_infinity_and_zero_stay():
    y = np.array([[np.nan, np.inf, -np.inf, 0.0], [1.5, 2.5, 3.5, 4.5]], dtype=np.float32)
    x = shortest(y, np.array([[0.0], [10.0]]), np.array([[1.0], [2.0]]))
    assert x.shape == (2, 4) and x.dtype == np.float64
    assert np.isnan(x[0, 0]) and x[0, 1] == np.inf and x[0, 2] == -np.inf and x[0, 3] == 0.0
    assert list(x[1]) == [13.0, 15.0, 17.0, 19.0]


@given(st.floats(-1e6, 1e6, width=32), st.floats(-1e6, 1e6), st.floats(1e-3, 1e3))
def test_any_forecast_reads_back_to_its_float32_where_float64_can_hold_it(y, offset, scale):
    x, exact = shortest(np.float32(y), offset, scale), float(np.float32(y)) * scale + offset
    if scaled_back(exact, offset, scale) == np.float32(y):
        assert scaled_back(x, offset, scale) == np.float32(y) and len(repr(float(x))) <= len(repr(exact))
    else:  # an offset too large for its scale to show in float64: a decimal that does, or the value as it was
        assert scaled_back(x, offset, scale) == np.float32(y) or float(x) == exact


def test_with_a_unit_a_forecast_near_the_offset_gets_the_digits_of_float32_at_the_unit_not_finer():
    """A quantile model's median near its series' mean (scaled: a float32 near 0) was written 49.87435367 beside its
    bands' 44.428727: float32's steps near 0 are far finer than at 1, the series' spread (decision 681)."""
    offset, scale = 49.87, 5.0
    y = np.float32((49.87435367 - offset) / scale)  # 0.00087...: a float32 step of 6e-11, 3e-10 in original units
    assert repr(float(shortest(y, offset, scale))) == "49.87435367"  # exact: every digit of that float32
    x = float(shortest(y, offset, scale, unit=1.0))
    assert repr(x) == "49.8743537" and abs((x - offset) / scale - float(y)) <= 2.0 ** -24  # half float32's step at 1
    rng = np.random.default_rng(1)
    y = rng.standard_normal(2000).astype(np.float32)
    x = shortest(y, offset, scale, unit=1.0)
    exact = y.astype(np.float64) * scale + offset
    far = np.abs(y) >= 1  # at or beyond the unit: float32's own steps, as without it
    assert np.array_equal(x[far], shortest(y[far], offset, scale)) and np.array_equal(scaled_back(x[far], offset, scale), y[far])
    assert (np.abs(x - exact) <= scale * 2.0 ** -24 * np.maximum(np.abs(y), 1) * 1.0000001).all()
    significant = [len(np.format_float_scientific(v, unique=True).split("e")[0].replace("-", "").replace(".", ""))
                   for v in x]
    assert max(significant) <= 9  # 49.87435367's 10 no more: a float32's digits at most


def test_zero_is_written_zero_where_its_scaled_float32_is_the_networks():
    """A forecast clipped at 0 (``nonnegative``) and found again through its scaler's float32 was written -3e-08 in
    test_forecasts.csv (72 cells of one run): 0 itself scales back to that float32, and is the shortest of all."""
    rng = np.random.default_rng(0)
    offset, scale = rng.uniform(0.1, 50, 500), rng.uniform(0.01, 20, 500)
    y = ((0.0 - offset) / scale).astype(np.float32)
    assert (shortest(y, offset, scale) == 0).all() and (shortest(y, offset, scale, 1.0) == 0).all()
    assert (shortest(y + np.float32(1e-3), offset, scale) != 0).all()  # a step away is its own value


def test_a_median_gets_no_finer_a_decimal_place_than_its_bands():
    """A tester's finding (t30t10): predict wrote visits_hat 37.0700017 beside its bands 31.112377 and 42.92801 (9 of
    42 medians had more decimals than both bands), though the README says a median near the mean gets no more."""
    rng = np.random.default_rng(3)
    y = np.sort(rng.normal(0, 1, (400, 3)), axis=-1).astype(np.float32)  # levels 0.1, 0.5, 0.9, the median near 0
    offset, scale = 40.0, 7.3
    out = shortest_bands(y, offset, scale, 1.0)
    places = lambda v: len(repr(float(v)).split(".")[1].rstrip("0")) if "." in repr(float(v)) else 0  # noqa: E731
    for row in out:
        assert places(row[1]) <= max(places(row[0]), places(row[2])), row
    alone = shortest(y, offset, scale, 1.0)
    np.testing.assert_array_equal(out[:, [0, 2]], alone[:, [0, 2]])  # the bands as they were
    finer = sum(places(m) > max(places(a), places(b)) for a, m, b in alone)
    assert finer > 0  # the case: without it, some medians took a digit more
    for (a, m, b), was in zip(out, alone[:, 1]):  # at most half the bands' last place from its shortest decimal
        assert abs(m - was) <= 0.5 * 10.0 ** -max(places(a), places(b)) * (1 + 1e-6)


def test_a_median_whose_bands_hold_the_data_s_own_decimals_keeps_its_own():
    """A tester's finding (t36t4): a backtest's baselines' median was rounded to its bands' place (the seasonal naive's
    band 41.305 written 41.31 beside 37.56 and 44.7), a move of half the data's last decimal, not of float32's noise, so
    the original-unit pinball at 0.5 was 0.07 % off the scaled one times the series' spread."""
    offset, scale = 50.0, 7.368225
    x = np.array([[37.56, 41.305, 44.7], [143.86, 143.865, 150.11], [36.035, 40.265, 44.775]])  # decimals of the data
    y = ((x - offset) / scale).astype(np.float32)
    out = shortest_bands(y, offset, scale, 1.0)
    np.testing.assert_array_equal(out, x)  # each the shortest decimal of its float32: the median's own digits kept
    np.testing.assert_array_equal(((out - offset) / scale).astype(np.float32), y)  # the value the scaled scores read

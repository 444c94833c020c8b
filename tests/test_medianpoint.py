"""A quantile model's point forecast is its median (``medianpoint.py``): where a third or more of the values scored are 0
and the median sums well short of the actuals, what the MSE verdict and summed totals make of it (t39t2 2, decision
2128)."""

from __future__ import annotations

import numpy as np

from rnncast.medianpoint import measure, sentence, zero_heavy

LEVELS = (0.1, 0.5, 0.9)


def intermittent(seed: int = 0, windows: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two series of 28-step windows: a fast mover (Poisson 20, its median forecast 20) and an intermittent item
    (Poisson 0.3, its median 0): actuals [W, 28, 1], medians, each window's series."""
    rng = np.random.default_rng(seed)
    series = np.arange(windows) % 2
    lam = np.where(series == 0, 20.0, 0.3)[:, None, None]
    y_true = rng.poisson(lam * np.ones((windows, 28, 1))).astype(float)
    return y_true, np.where(series == 0, 20.0, 0.0)[:, None, None] * np.ones_like(y_true), series


def test_a_median_on_zero_heavy_values_is_measured_pooled_and_in_the_series_a_third_or_more_0():
    y_true, median, series = intermittent()
    found = measure(y_true, median, None, series, LEVELS, ["sales"])
    zeros = int((y_true == 0).sum())
    assert zeros >= y_true.size / 3
    assert found == [{"target": "sales", "values": y_true.size, "zeros": zeros, "actual_sum": y_true.sum(),
                      "forecast_sum": median.sum(),
                      "series": {"count": 1, "of": 2, "actual_sum": y_true[series == 1].sum(), "forecast_sum": 0.0}}]
    keep = np.ones(y_true.shape, bool)
    keep[:, 20:] = False  # values left out of the scores are left out of the counts and sums
    assert measure(y_true, median, keep, series, LEVELS, ["sales"])[0]["values"] == keep.sum()
    assert found[0]["forecast_sum"] > 0.95 * found[0]["actual_sum"]  # the fast mover hides the shortfall pooled
    assert measure(y_true, median, None, None, LEVELS, ["sales"]) is None  # read as one series: nothing short


def test_nothing_is_said_of_a_point_model_few_zeros_or_a_median_that_is_not_short():
    y_true, median, series = intermittent()
    assert measure(y_true, median, None, series, (), ["sales"]) is None  # a point model forecasts the mean
    assert measure(y_true, median, None, series, (0.1, 0.9), ["sales"]) is None  # no median among its levels
    fast = series == 0
    assert measure(y_true[fast], median[fast], None, series[fast], LEVELS, ["sales"]) is None  # few zeros
    hours = np.tile(np.r_[np.zeros(12), np.full(12, 5.0)], (10, 1))[..., None]  # a solar plant: nights 0, its median
    assert measure(hours, hours.copy(), None, None, LEVELS, ["kw"]) is None  # there its mean, 0: its sum not short


def test_the_sentence_says_the_median_mse_against_means_and_the_shortfall_of_totals():
    y_true, median, series = intermittent()
    found = measure(y_true, median, None, series, LEVELS, ["sales"])
    result = {"zero_actuals": {"median": found}, "original": {"model": {}, "mean": {}}, "targets": 1}
    assert zero_heavy(result) and not zero_heavy({"zero_actuals": {"values": 3, "zeros": 3}})
    text = sentence(result, "the test values")
    f, one = found[0], found[0]["series"]
    assert text == (
        f" Its point forecast is its median (the 0.5 quantile), and {f['zeros']} of the {f['values']} test values "
        f"({100 * f['zeros'] / f['values']:.1f}%) are 0: there a median lies below the mean, and MSE, lowest for the "
        "mean, weighs it against the baselines' forecasts, the training mean's among them, so this verdict says as "
        "much of the median as of the model; and summed it under-forecasts totals: over these values "
        f"{f['forecast_sum']:.5g} against the actual {f['actual_sum']:.5g}, "
        f"{100 * (1 - f['forecast_sum'] / f['actual_sum']):.1f}% under; in the 1 of 2 series a third or more 0, 0 "
        f"against the actual {one['actual_sum']:.5g}, 100.0% under. A fit without quantiles forecasts the mean.")
    assert " and 1 of the 3 values (" in sentence({"zero_actuals": {"median": [{**f, "zeros": 1, "values": 3}]}},
                                                   "these values")  # evaluate's words for its values
    assert sentence({"zero_actuals": {"values": 3, "zeros": 3}}) == sentence({}) == ""

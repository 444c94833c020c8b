"""scaledwithout: the line of the model's scores against each baseline's without the few series scaledshares names."""

from rnncast import scaledwithout

NAN = float("nan")


def few(seasonal, split=False):
    """A ``scaledshares.measure`` result naming 'b', with ``seasonal`` as the seasonal naive's "without" scores."""
    return {"series": ["b"], "of": 2, "by": {"mse": ["b"], "mase": ["a" if split else "b"]}, "low": [],
            "without": {"model": {"mse": 0.8872, "mase": 2.028}, "repeat": {"mse": 0.8271, "mase": 1.931},
                        "seasonal": seasonal}}


def test_a_seasonal_naive_with_no_forecast_without_the_named_series_is_said_so_never_nan():
    """r38r1 MED-1 (decision 2077): 'a' missing 2024-06-01..09 and 'b' named: without 'b' the seasonal naive has no
    forecast at any value left, and the line read "against nan (nan) for 'seasonal naive'"."""
    line = scaledwithout.said(few({"mse": NAN, "mase": NAN}), "seasonal", split=False)
    assert "nan" not in line
    assert line == ("Without it, the model's scaled MSE is 0.8872 (MASE 2.028) against 0.8271 (1.931) for 'repeat the "
                    "last value' ('seasonal naive': no forecast there).")


def test_each_criterion_s_set_says_the_missing_forecast_in_both_parts():
    line = scaledwithout.said(few({"mse": NAN, "mase": NAN}, split=True), "seasonal", split=True)
    assert "nan" not in line and line.count("('seasonal naive': no forecast there)") == 2
    assert "its MASE is 2.028 against 1.931 for 'repeat the last value'" in line


def test_a_seasonal_naive_with_scores_is_said_with_them_the_verdict_s_baseline_first():
    line = scaledwithout.said(few({"mse": 0.15, "mase": 0.9}), "seasonal", split=False)
    assert "against 0.15 (0.9) for 'seasonal naive', 0.8271 (1.931) for 'repeat the last value'." in line
    assert "no forecast" not in line


def test_only_a_baseline_with_no_forecast_leaves_no_dangling_against():
    only = {"series": ["b"], "of": 2, "by": {"mse": ["b"], "mase": ["b"]}, "low": [],
            "without": {"model": {"mse": 0.5, "mase": NAN}, "seasonal": {"mse": NAN, "mase": NAN}}}
    line = scaledwithout.said(only, None, split=False)
    assert line == "Without it, the model's scaled MSE is 0.5 ('seasonal naive': no forecast there)."

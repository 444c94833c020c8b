"""scaledshares: the few series a panel's scaled scores, verdict and pooled MASE rest on, warned of and said."""

import numpy as np

from rnncast import scaledshares
from rnncast.windowforecasts import WindowForecasts


def panel(spreads, step=0.0, seed=0):
    """Windows [W, 2, 1] of series of like errors in original units, scaled by ``spreads`` (one per series); the last
    series' actuals step by ``step`` (its forecasts miss it). Returns (original, scaled, mase_scales [W, 1])."""
    rng = np.random.default_rng(seed)
    n, parts = 30, []
    for s, spread in enumerate(spreads):
        y = rng.normal(0, 1, (n, 2, 1)) + (step if s == len(spreads) - 1 else 0.0)
        parts.append((y, y + rng.normal(0, 0.5, y.shape), y + rng.normal(0, 0.7, y.shape), spread))
    y, p, b = (np.concatenate([q[i] for q in parts]) for i in range(3))
    series = np.repeat(np.arange(len(spreads)), n)
    spread = np.repeat([q[3] for q in parts], n)[:, None, None]
    ids = [f"s{i}" for i in range(len(spreads))]
    original = WindowForecasts(np.zeros(len(y), int), np.zeros(len(y), int), y, p, {"repeat": b}, None, series, ids)
    scaled = WindowForecasts(original.starts, original.target_rows, y / spread, p / spread, {"repeat": b / spread},
                             None, series, ids)
    return original, scaled, spread[:, :, 0]


def test_a_near_constant_series_that_holds_the_scaled_error_is_named_with_the_scores_without_it():
    original, scaled, scales = panel([1.0, 1.2, 0.9, 1e-4], step=1.0)
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["s3"] and few["of"] == 4 and few["mse"]["model"] > 0.99 and few["mase"]["model"] > 0.99
    assert few["without"]["model"]["mse"] < few["without"]["repeat"]["mse"]  # the model wins on the other three
    text = scaledshares.text(few, "repeat")
    assert "'s3' holds" in text and "the scaled scores, the verdict and the pooled MASE are mostly its" in text
    assert few["near"] == ["s3"] and "its errors are divided by a small training spread" in text
    note = scaledshares.verdict_note(few, "repeat")
    assert note.startswith("The scaled scores, this verdict and the pooled MASE rest mostly on 's3'")
    assert "Without it, the model's scaled MSE is" in note


def test_a_series_only_a_baseline_misses_by_far_is_not_called_near_constant():
    # t31t5 (decision 1460): a store growing steadily had the largest training spread, but 'training mean' missed its
    # trend, so the series held 95% of that baseline's summed MASE; the warning said it varied little
    original, scaled, scales = panel([1.0, 1.2, 0.9, 8.0])  # 's3' the widest, and smooth: a small naive error
    scales[scaled.series == 3] = 0.2
    for wf, spread in ((original, 1.0), (scaled, 8.0)):
        wf.baselines["repeat"][wf.series == 3] += 10.0 / spread  # the baseline misses it by far, the model does not
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["s3"] and few["near"] == [] and few["mase"]["repeat"] > 0.9
    text = scaledshares.text(few, "repeat")
    assert "small training spread" not in text and "not because it varies little on its training rows" in text
    assert "the 'repeat the last value' baseline's MASE" in text and "so the pooled MASE is mostly its." in text
    assert "''s" not in text


def test_a_series_whose_mase_is_near_zero_is_said_to_pull_the_pooled_mase_down():
    original, scaled, scales = panel([1.0, 1.0, 1.0, 1.0])
    original.y_pred[scaled.series == 3] = original.y_true[scaled.series == 3]  # forecast exactly
    scaled.y_pred[scaled.series == 3] = scaled.y_true[scaled.series == 3]
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["s3"] and few["low"] == ["model"]
    assert "has a MASE near 0 for the model, pulling the pooled MASE down" in scaledshares.text(few)
    assert scaledshares.verdict_note(few) is None  # the scaled MSE does not rest on it


def test_series_of_like_spreads_or_one_series_say_nothing():
    for seed in range(5):
        assert scaledshares.measure(*panel([1.0, 3.0, 0.5, 2.0, 1.5, 0.8], seed=seed)) is None
    original, scaled, scales = panel([1.0])
    assert scaledshares.measure(original, scaled, scales) is None


def test_the_line_beside_a_verdict_in_scaled_units_names_them_and_a_backtests_carries_them():
    from rnncast.backtestverdict import backtest_test

    original, scaled, scales = panel([1.0, 1.2, 0.9, 1e-4], step=1.0)
    few = scaledshares.measure(original, scaled, scales)
    test = {"scaled": {"model": {"mse": 2.0}, "repeat": {"mse": 1.0}}, "original": {"model": {"mse": 2.0},
            "repeat": {"mse": 1.0}}, "significance": {"repeat": {"p_value": 0.9}}, "scaled_few": few}
    line = scaledshares.beside_verdict(test, "scaled", "the test split", "repeat")
    assert line.startswith("The scaled scores, this verdict and the pooled MASE rest mostly on 's3'")
    assert scaledshares.beside_verdict(test, "original", "the test split", "repeat") is None  # one series: no scaled verdict
    m = {"overall": test["original"], "overall_scaled": test["scaled"], "significance": test["significance"],
         "series": 4, "verdict_units": "scaled", "scaled_few": few}
    assert backtest_test(m)["scaled_few"] is few


def test_each_criterion_names_only_the_series_that_carry_it_and_the_verdict_line_only_its_own():
    # t31t7 (decision 1489): N0-N2 held 95.8% of the model's scaled squared error, but the line beside the verdict named
    # 16 ordinary SKUs beside them (the sets of every forecaster for the summed MASE, joined) and dropped them from the
    # scaled MSE "without them" too
    original, scaled, scales = panel([1.0] * 11 + [1e-4], step=1.0)  # 's11' holds the scaled squared error
    scales[scaled.series < 4] = 1e-5  # 's0'..'s3' a tiny in-sample naive error: they hold the summed MASE alone
    few = scaledshares.measure(original, scaled, scales)
    assert few["by"] == {"mse": ["s11"], "mase": ["s0", "s1", "s2", "s3"]} and few["mse"]["model"] > 0.99
    note = scaledshares.verdict_note(few, "repeat")
    assert note.startswith("The scaled scores and this verdict rest mostly on 's11', whose training rows vary little")
    assert "'s0'" not in note and "MASE" not in note
    others = scaled.series < 11
    alone = ((scaled.y_pred - scaled.y_true)[others] ** 2).mean()  # the scaled MSE without 's11' only
    assert abs(few["without"]["model"]["mse"] - alone) < 1e-9
    text = scaledshares.text(few, "repeat")
    assert "'s11' holds" in text and "so the scaled scores and the verdict are mostly its" in text
    assert "for the summed MASE, 's0', 's1', 's2' and 's3' hold" in text or "for the summed MASE, 4 series" in text
    assert "without the series named for the summed MASE, its MASE is" in text


def two_targets(spreads):
    """``panel`` of two targets, 'sales' and 'returns': ``spreads`` [S, 2] each series' spread in each target."""
    rng = np.random.default_rng(4)
    n, spreads = 30, np.asarray(spreads, dtype=float)
    y = rng.normal(0, 1, (n * len(spreads), 2, 2))
    p, b = y + rng.normal(0, 0.5, y.shape), y + rng.normal(0, 0.7, y.shape)
    series = np.repeat(np.arange(len(spreads)), n)
    by = spreads[series][:, None, :]  # [W, 1, T]
    ids = [f"s{i}" for i in range(len(spreads))]
    zeros = np.zeros(len(y), int)
    original = WindowForecasts(zeros, zeros, y, p, {"repeat": b}, None, series, ids, targets=["sales", "returns"])
    scaled = WindowForecasts(zeros, zeros, y / by, p / by, {"repeat": b / by}, None, series, ids,
                             targets=["sales", "returns"])
    return original, scaled, spreads[series]


def test_a_series_near_constant_in_one_target_of_several_is_named_with_that_target():
    # decision 1522: 'returns' near-constant in training for one store was said of the store as a whole
    original, scaled, scales = two_targets([[1.0, 1.1], [1.2, 0.9], [0.9, 1.0], [1.0, 1e-4]])
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["s3"] and few["near"] == ["s3"] and few["targets"] == {"s3": ["returns"]}
    text = scaledshares.text(few, "repeat")
    assert text.startswith("Of the 4 series scored, 's3' in target 'returns' holds ")
    assert "(warned of)" in scaledshares.verdict_note(few, "repeat")
    assert "on 's3' in target 'returns', whose training rows vary little" in scaledshares.verdict_note(few, "repeat")
    alike = scaledshares.measure(*two_targets([[1.0, 1.1], [1.2, 0.9], [0.9, 1.0], [1e-4, 1e-4]]))
    assert alike["series"] == ["s3"] and "targets" not in alike  # near-constant in every target: the series
    assert "'s3' holds" in scaledshares.text(alike)


def test_a_series_named_by_a_target_is_named_so_in_every_list_and_left_out_whole():
    # decision 1571 (r32r1 LOW 9): "'s3' in target 'returns' ... Without it, the model's scaled MSE is" read as "without
    # that target", though the scores leave out every target of 's3'; and the list of more than 3 series held for the
    # summed MASE named the same series without its target
    original, scaled, scales = two_targets([[1.0, 1.1], [1.2, 0.9], [0.9, 1.0], [1.0, 1e-4]])
    few = scaledshares.measure(original, scaled, scales)
    assert "Without it (all its targets), the model's scaled MSE is" in scaledshares.text(few, "repeat")
    original, scaled, scales = panel([1.0] * 11 + [1e-4], step=1.0)
    scales[scaled.series < 4] = 1e-5  # the split case of decision 1489: 's0'..'s3' hold the summed MASE
    few = {**scaledshares.measure(original, scaled, scales), "targets": {"s0": ["returns"], "s11": ["returns"]}}
    text = scaledshares.text(few, "repeat")
    assert "4 series ('s0' in target 'returns', 's1', 's2', 's3') hold" in text
    assert "Without it (all its targets), the model's scaled MSE is" in text


def test_series_without_a_mase_share_no_summed_mase_and_no_nan_is_said():
    """A dry station left out of MASE beside a wet one: the wet one, the only series with a MASE, was said to "hold
    >99.9% of the summed MASE" because its errors were large against its own scale, and the scores without it read
    "MASE nan" (decision 1574). Series without a MASE are not counted for the MASE-share test, and a MASE that is not
    there is not written."""
    original, scaled, scales = panel([1.0, 1.0])
    scales[scaled.series == 0] = 0.0  # 'DESERT': no MASE scale
    assert scaledshares.measure(original, scaled, scales) is None
    original, scaled, scales = panel([1.0, 1.2, 0.9, 1e-4], step=1.0)
    scales[scaled.series < 3] = np.nan  # only the near-constant 's3' has a MASE
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["s3"] and few["mse"]["model"] > 0.99 and few["mase"] == {"model": 0.0, "repeat": 0.0}
    text, note = scaledshares.text(few, "repeat"), scaledshares.verdict_note(few, "repeat")
    assert "summed MASE" not in text and "nan" not in text and "nan" not in note
    assert "Without it, the model's scaled MSE is" in note and "(MASE" not in note


def test_a_seasonal_naive_without_a_forecast_is_pooled_over_the_values_it_has():
    """r37r1 8 (decision 1994): its missing forecasts were errors of 0 beside counts of every value, so its pooled
    scaled MSE without the named series was too low."""
    original, scaled, scales = panel([1.0, 1.2, 0.9, 1e-4], step=1.0)
    gone = np.zeros(original.y_true.shape, dtype=bool)
    gone[:15] = True  # half of series s0's windows: no forecast a season back
    original, scaled = (WindowForecasts(wf.starts, wf.target_rows, wf.y_true, wf.y_pred,
                                        {"seasonal": np.where(gone, np.nan, wf.baselines["repeat"])}, None, wf.series,
                                        wf.ids) for wf in (original, scaled))
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["s3"]
    rest = ~gone & (scaled.series < 3)[:, None, None]
    mine = ((scaled.baselines["seasonal"] - scaled.y_true) ** 2)[rest].mean()
    assert abs(few["without"]["seasonal"]["mse"] - mine) < 1e-12
    assert abs(few["without"]["model"]["mse"] - ((scaled.y_pred - scaled.y_true) ** 2)[scaled.series < 3].mean()) < 1e-12

"""flatshares: the series of no training spread that a panel's pooled scaled verdict turns on, said beside it."""

import numpy as np
import pytest

from rnncast import flatshares, scaledshares
from rnncast.windowforecasts import WindowForecasts


def panel(flat_miss=3.0, n_flat=1, seed=0):
    """Windows [W, 2, 1] of 12 ordinary series of training spread 4.5, on which the model's errors are a little larger
    than the 'mean' baseline's, and ``n_flat`` series constant in training (scale 1, MASE scale 0) that sell in the
    test weeks, where the baseline misses by ``flat_miss`` units and the model by a third of that (t31t7's SKUs).
    Returns (original, scaled, mase_scales [W, 1])."""
    rng = np.random.default_rng(seed)
    n, ordinary, y, p, b, spread, mase = 20, 12, [], [], [], [], []
    for s in range(ordinary + n_flat):
        flat = s >= ordinary
        true = rng.integers(1, 10, (n, 2, 1)).astype(float) if flat else rng.normal(5, 4.5, (n, 2, 1))
        y.append(true)
        p.append(true - flat_miss / 3 if flat else true + rng.normal(0, 4.0, true.shape))
        b.append(true - flat_miss if flat else true + rng.normal(0, 3.6, true.shape))
        spread.append(np.full(n, 1.0 if flat else 4.5))
        mase.append(np.full(n, 0.0 if flat else 3.0))
    y, p, b, spread = (np.concatenate(v) for v in (y, p, b, spread))
    series = np.repeat(np.arange(ordinary + n_flat), n)
    ids = [f"S{i:02d}" for i in range(ordinary + n_flat)]
    original = WindowForecasts(np.zeros(len(y), int), np.zeros(len(y), int), y, p, {"mean": b}, None, series, ids)
    by = spread[:, None, None]
    scaled = WindowForecasts(original.starts, original.target_rows, (y - 5) / by, (p - 5) / by, {"mean": (b - 5) / by},
                             None, series, ids)
    return original, scaled, np.concatenate(mase)[:, None]


def test_series_of_no_spread_that_flip_the_pooled_scaled_comparison_are_named_with_the_scores_without_them():
    # t31t7: 7 of 295 SKUs all zero in training held 35% of the training mean's scaled squared error and made the
    # verdict "beats every baseline"; without them the training mean's scaled MSE was lower
    original, scaled, scales = panel()
    flat = flatshares.measure(original, scaled, scales)
    assert flat["series"] == ["S12"] and flat["of"] == 13
    assert flat["without"]["model"] > flat["without"]["mean"]  # the baseline wins on the ordinary series
    assert flat["mse"]["mean"] > flat["mse"]["model"] and flat["original"]["model"] < flat["original"]["mean"]
    text = flatshares.text(flat, "mean")
    assert text.startswith("The pooled scaled scores and this verdict turn on the one of the 13 series ('S12') with "
                           "no spread on its training rows: whatever the scaler, it is divided by 1, not scaled")
    assert "not lower than every baseline's" in text and "in original units, the model's MSE is" in text
    assert "of the 'training mean' baseline's scaled squared error" in text


def test_the_line_beside_the_verdict_says_them_where_no_few_series_hold_the_share():
    original, scaled, scales = panel()
    few = scaledshares.measure(original, scaled, scales)
    assert set(few) == {"flat"}  # no few series hold 90%: only the flip is said
    note = scaledshares.verdict_note(few, "mean")
    assert note == flatshares.text(few["flat"], "mean") == scaledshares.text(few, "mean")
    test = {"scaled": {"model": {"mse": 1.0}, "mean": {"mse": 1.1}}, "scaled_few": few}
    assert scaledshares.beside_verdict(test, "scaled", "the test split", "mean") == note


def test_series_of_no_spread_that_change_nothing_or_panels_without_them_say_nothing():
    original, scaled, scales = panel(flat_miss=0.0)  # the flat series forecast exactly: the comparison is the same
    assert flatshares.measure(original, scaled, scales) is None
    original, scaled, scales = panel(n_flat=0)
    assert flatshares.measure(original, scaled, scales) is None
    scales[:] = 0.0  # a zero MASE scale alone (a series repeating every season) is scaled by its spread: not flat
    assert flatshares.measure(original, scaled, scales) is None
    assert flatshares.text(None) is None


def test_a_series_flat_in_one_target_of_several_is_named_with_that_target():
    # decision 1522: a store whose 'returns' were constant in training was named as a whole series
    original, scaled, scales = panel()

    def two(wf, sales):  # 'sales' (every series' windows those of 'S00', an ordinary series) beside the target as 'returns'
        stack = lambda a: np.concatenate([sales(a), a], axis=2)  # noqa: E731
        return WindowForecasts(wf.starts, wf.target_rows, stack(wf.y_true), stack(wf.y_pred),
                               {k: stack(v) for k, v in wf.baselines.items()}, None, wf.series, wf.ids,
                               targets=["sales", "returns"])

    ordinary = lambda a: np.tile(a[:20], (13, 1, 1))  # noqa: E731
    flat = flatshares.measure(two(original, ordinary), two(scaled, ordinary),
                              np.concatenate([np.full_like(scales, 3.0), scales], axis=1))
    assert flat["series"] == ["S12"] and flat["targets"] == {"S12": ["returns"]}
    assert flatshares.text(flat, "mean").startswith("The pooled scaled scores and this verdict turn on the one of the 13 "
                                                    "series ('S12' in target 'returns') with no spread on its training rows")
    assert "Without it (all its targets), the model's scaled MSE is" in flatshares.text(flat, "mean")  # decision 1571
    both = flatshares.measure(two(original, lambda a: a), two(scaled, lambda a: a), np.concatenate([scales, scales], axis=1))
    assert both["series"] == ["S12"] and "targets" not in both  # flat in every target: the series, as before


def test_a_constant_series_is_divided_by_1_under_each_scaler_as_the_line_says():
    """The line said "only centred, not scaled" also under scaler='minmax', which shifts by the minimum, not the
    mean, and 'none', which centres nothing: each divides such a series by 1, which the line now says (decision
    1879)."""
    from types import SimpleNamespace

    from rnncast.scaling import Scaler
    from rnncast.spreads import training_spreads

    rows = np.column_stack([np.full(30, 7.0), np.arange(30.0)])  # a constant target beside a varying one
    for kind in ("standard", "minmax"):
        scaler = Scaler.fit(kind, rows, ["flat", "x"], constant="center")
        assert scaler.scale[0] == 1.0 and scaler.transform(rows)[:, 0].tolist() == [0.0] * 30  # shifted to 0, by 1
    one = SimpleNamespace(n_targets=1, rows=lambda s: rows[:, :1])  # scaler='none': the verdict divides by the spread
    assert training_spreads(one, [SimpleNamespace(train_end=30)]).tolist() == [[1.0]]
    assert "whatever the scaler, it is divided by 1" in flatshares.text(flatshares.measure(*panel()), "mean")


def test_a_seasonal_naive_without_a_forecast_counts_no_zero_error_and_is_set_against_the_models_pair():
    """r37r1 8 (decision 1994): a value with no seasonal naive forecast counted as an error of 0 in the pooled MSE the
    line compares (0.138 against the model's 0.199, where on its values the model's 0.136 was the lower)."""
    original, scaled, scales = panel()
    rename = lambda wf, b: WindowForecasts(wf.starts, wf.target_rows, wf.y_true, wf.y_pred, {"seasonal": b}, None,  # noqa: E731
                                           wf.series, wf.ids)
    gone = np.zeros(original.y_true.shape, dtype=bool)
    gone[:60] = True  # the first 3 ordinary series: no forecast a season back
    original, scaled = (rename(wf, np.where(gone, np.nan, wf.baselines["mean"])) for wf in (original, scaled))
    flat = flatshares.measure(original, scaled, scales)
    ordinary = ~gone & (scaled.series < 12)[:, None, None]
    s_err = (scaled.baselines["seasonal"] - scaled.y_true) ** 2
    assert flat["without"]["seasonal"] == pytest.approx(s_err[ordinary].mean())  # its own values, no free zeros
    m_err = (scaled.y_pred - scaled.y_true) ** 2
    assert flat["paired"]["seasonal"]["without"] == pytest.approx(m_err[ordinary].mean())
    assert flat["without"]["model"] == pytest.approx(m_err[(scaled.series < 12)].mean())  # the model's own, whole
    said = flatshares.text(flat, "seasonal")
    assert f"for 'seasonal naive' (the model's {flat['paired']['seasonal']['without']:.4g} on the values it has" in said

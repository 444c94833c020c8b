"""nodemand: a series with no demand in the values scored, whose MASE near 0 pulls the pooled MASE down, said by that
cause, not by a small training spread (decision 1487)."""

from __future__ import annotations

import logging

import numpy as np

from rnncast import nodemand, scaledshares
from rnncast.windowforecasts import WindowForecasts


def _parts(zero_last: bool, target: str = "units"):
    """Four series of like spreads [W, 2, 1]; the last one's actuals and the model's and 'repeat''s forecasts all 0
    (``zero_last``: a spare part that sold nothing in the test weeks) or its forecasts exact on values that vary."""
    rng = np.random.default_rng(0)
    n = 30
    y = rng.normal(5, 1, (4 * n, 2, 1))
    p, b = y + rng.normal(0, 0.5, y.shape), y + rng.normal(0, 0.7, y.shape)
    series = np.repeat(np.arange(4), n)
    last = series == 3
    if zero_last:
        y[last] = p[last] = b[last] = 0.0
    else:
        p[last] = b[last] = y[last]
    ids = ["P000", "P001", "P002", "P003"]
    original = WindowForecasts(np.zeros(len(y), int), np.zeros(len(y), int), y, p, {"repeat": b}, None, series, ids,
                               targets=[target])
    scaled = WindowForecasts(original.starts, original.target_rows, y / 0.5, p / 0.5, {"repeat": b / 0.5}, None,
                             series, ids, targets=[target])
    return original, scaled, np.full((len(y), 1), 0.8)


def test_a_series_without_demand_is_said_by_that_cause_not_a_small_training_spread(caplog):
    """'P001' (std 0.47, like the others') was said to have its "errors divided by a small training spread": it had
    sold nothing in the test weeks, where 'repeat the last value' and the clipped model forecast 0."""
    original, scaled, scales = _parts(zero_last=True)
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["P003"] and few["low"] == ["model", "repeat"]  # the rule fires as before
    kept, idle = nodemand.split(few, original)
    assert kept is None and idle["series"] == ["P003"] and idle["of"] == 4 and set(idle["without"]) == {"model", "repeat"}
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        nodemand.warn(idle, "the test split")
    said = caplog.text
    assert ("the test split: Of the 4 series scored, 'P003' has a MASE near 0 for the model and 'repeat the last "
            "value', pulling the pooled MASE down, because every actual of it scored is 0 (no demand in those steps) "
            "and they forecast about 0 there, not because of its training spread; without it, the pooled MASE is ") in said
    assert "small training spread" not in said


def test_a_series_that_sold_or_that_holds_the_scores_stays_scaledshares_finding():
    original, scaled, scales = _parts(zero_last=False)  # exact forecasts of values that vary: no idle series
    few = scaledshares.measure(original, scaled, scales)
    assert few["low"] and nodemand.split(few, original) == (few, None)
    assert nodemand.split(None, original) == (None, None) and nodemand.text(None) is None
    held = {**few, "mse": {"model": 0.95}}  # a share of the scaled squared error: scaledshares' to say
    original, _, _ = _parts(zero_last=True)
    assert nodemand.split({**held, "series": ["P003"]}, original)[1] is None


def _flat_and_idle(keep_idle: bool = True):
    """r31r2's panel (horizon 1): 'A' and 'B' ordinary, the model a little worse than both baselines; 'C' all 0 in
    training (scale 1, MASE scale 0), selling 1-9 in the test rows and forecast well by the model; 'D' (``keep_idle``)
    without demand in the test rows."""
    rng, w = np.random.default_rng(0), 20
    n = 4 if keep_idle else 3
    series = np.repeat(np.arange(n), w)
    y, p, naive, mean = (np.zeros((n * w, 1, 1)) for _ in range(4))
    for s in range(n):
        at = slice(s * w, (s + 1) * w)
        if s < 2:
            y[at, 0, 0] = rng.normal(10, 4, w)
            p[at, 0, 0] = y[at, 0, 0] + 2.2 * np.sign(rng.normal(size=w))
            naive[at, 0, 0], mean[at, 0, 0] = y[at, 0, 0] + 2.0, y[at, 0, 0] - 2.0
        elif s == 2:
            y[at, 0, 0] = rng.integers(1, 10, w)
            p[at, 0, 0], naive[at, 0, 0], mean[at, 0, 0] = y[at, 0, 0] - 0.3, y[at, 0, 0] - 3, y[at, 0, 0] - 3
        else:
            p[at, 0, 0], mean[at, 0, 0] = 0.001, 0.5
    scale = np.array([2.0, 2.0, 1.0, 2.0])[series][:, None, None]
    ids = ["A", "B", "C", "D"][:n]

    def make(k):
        return WindowForecasts(np.zeros(n * w, int), np.zeros(n * w, int), y / k, p / k,
                               {"naive": naive / k, "mean": mean / k}, None, series, ids)

    return make(1.0), make(scale), np.array([1.0, 1.0, 0.0, 1.0])[series][:, None]


def test_a_flat_series_finding_is_kept_beside_a_series_without_demand():
    """Decision 1516: 'C' (no training spread) turns the verdict; with 'D' (no demand) also named, ``measure`` dropped
    the "flat" key and ``split`` dropped it again, so the verdict's line about 'C' was never said."""
    alone = scaledshares.measure(*_flat_and_idle(keep_idle=False))
    assert set(alone) == {"flat"} and alone["flat"]["series"] == ["C"]  # as before without 'D'
    original, scaled, scales = _flat_and_idle()
    few = scaledshares.measure(original, scaled, scales)
    assert few["series"] == ["D"] and few["flat"]["series"] == ["C"]
    kept, idle = nodemand.split(few, original)
    assert idle["series"] == ["D"] and kept == {"flat": few["flat"]}
    note = scaledshares.verdict_note(kept, "naive")
    assert note.startswith("The pooled scaled scores and this verdict turn on the one of the 4 series ('C') with no "
                           "spread on its training rows")


def test_a_sensor_or_rainfall_series_of_zeros_is_said_as_zero_not_as_no_demand():
    """Decision 1523: a rain gauge's dry test weeks were said to have "no demand in those steps"."""
    for target in ("rain_mm", "temperature"):
        original, scaled, scales = _parts(zero_last=True, target=target)
        _, idle = nodemand.split(scaledshares.measure(original, scaled, scales), original)
        said = nodemand.text(idle)
        assert "because every actual of it scored is 0 (no nonzero value in those steps)" in said
        assert "demand" not in said and "sales" not in said
    for target in ("sales", "Units", "orders_qty"):
        original, scaled, scales = _parts(zero_last=True, target=target)
        assert "(no demand in those steps)" in nodemand.text(nodemand.split(scaledshares.measure(original, scaled, scales),
                                                                            original)[1])
    kept = {"series": ["P003"], "of": 4, "low": ["model"], "without": {}}  # a metrics.json written before: as then
    assert "(no demand in those steps)" in nodemand.text(kept)

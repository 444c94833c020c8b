"""ETT scoring (rnncast.bench.scoring): the Repeat baseline must reproduce the table of ETT.md to
three decimals, on all windows and on the published code's drop-last windows. Tests that need the
data files skip when ``shared/data/ETT`` (or ``$RNNCAST_ETT_DIR``) is absent.
"""

from __future__ import annotations

import pytest

from rnncast.bench import runners, scoring
from test_bench_protocol import prepared

LOOKBACK = 336

# --------------------------------------------------------------------------------------------
# (a) Repeat reproduces ETT.md's table (L = 336)
# --------------------------------------------------------------------------------------------

# (dataset, H) -> (M drop-last-32, M all windows, S all windows), each (MSE, MAE)
REPEAT_TABLE = {
    ("ETTh1", 96): ((1.295, 0.713), (1.294, 0.713), (0.069, 0.203)),
    ("ETTh1", 192): ((1.325, 0.733), (1.325, 0.733), (0.092, 0.236)),
    ("ETTh1", 336): ((1.323, 0.744), (1.330, 0.746), (0.113, 0.265)),
    ("ETTh1", 720): ((1.339, 0.756), (1.335, 0.755), (0.129, 0.283)),
    ("ETTm1", 96): ((1.214, 0.665), (1.214, 0.665), (0.033, 0.136)),
    ("ETTm1", 192): ((1.261, 0.690), (1.261, 0.690), (0.049, 0.169)),
    ("ETTm1", 336): ((1.283, 0.707), (1.287, 0.707), (0.065, 0.196)),
    ("ETTm1", 720): ((1.319, 0.729), (1.322, 0.729), (0.089, 0.232)),
}


def repeat_scores(name: str, mode: str, horizon: int) -> scoring.TestScores:
    data = prepared(name, mode)
    predictions = runners.run_setting(
        data.values, data.target_idx, data.split, LOOKBACK, horizon, "repeat"
    )
    return scoring.evaluate(predictions, data.values, data.target_idx, data.split, horizon)


def rounded(scores: scoring.Scores) -> tuple[float, float]:
    return round(scores.mse, 3), round(scores.mae, 3)


@pytest.mark.parametrize(("name", "horizon"), sorted(REPEAT_TABLE))
def test_repeat_reproduces_published_table(name: str, horizon: int) -> None:
    m_drop_last, m_all, s_all = REPEAT_TABLE[(name, horizon)]
    m_scores = repeat_scores(name, "M", horizon)
    s_scores = repeat_scores(name, "S", horizon)
    assert rounded(m_scores.drop_last) == m_drop_last
    assert rounded(m_scores.all_windows) == m_all
    assert rounded(s_scores.all_windows) == s_all


def test_drop_last() -> None:
    assert scoring.drop_last(2785) == 2784
    assert scoring.drop_last(2161) == 2144
    assert scoring.drop_last(64) == 64
    assert scoring.drop_last(31) == 0


def test_a_model_equal_to_repeat_up_to_float32_rounding_ties_it():
    """A network that kept its untrained weights forecasts the last value in float32: its MSE differs
    from Repeat's (float64) by rounding, which is a tie, not a win."""
    assert scoring.against_repeat(0.8226000001, 0.8226) == "tie"
    assert scoring.against_repeat(0.8225999999, 0.8226) == "tie"
    assert scoring.against_repeat(0.8220, 0.8226) == "yes"
    assert scoring.against_repeat(0.8230, 0.8226) == "no"


def test_each_channels_share_of_the_squared_errors():
    """How much of an M score one column makes: its squared errors over all of them (a constant-on-training
    column's errors, in the data's units, can make nearly all of it)."""
    import numpy as np

    targets = np.zeros((3, 2, 2))
    predictions = np.stack([np.full((3, 2), 3.0), np.full((3, 2), 1.0)], axis=-1)  # [3, 2, 2]: errors 3 and 1
    np.testing.assert_allclose(scoring.squared_shares(predictions, targets, chunk=2), [0.9, 0.1])
    np.testing.assert_array_equal(scoring.squared_shares(targets, targets), [0.0, 0.0])
    assert scoring.mse_mae(predictions, targets)[0] == pytest.approx(5.0)  # the mean of 9 and 1


def test_scores_are_written_with_three_significant_figures_at_least():
    """results.md wrote 3 decimals: 0.0072 and 0.0078, on data of small scale, were 0.007 and 0.008."""
    from rnncast.bench.scoring import score_text

    assert [score_text(v) for v in (0.0072, 0.0078, 0.00071234, 0.0532, 1.94834, 412.5, 0.0)] == [
        "0.00720", "0.00780", "0.000712", "0.0532", "1.9483", "412.5000", "0.0000"]

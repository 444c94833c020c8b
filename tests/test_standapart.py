"""standapart: each value against the median of the others, and a set's pooled MASE against the others' median."""

import numpy as np

from rnncast.standapart import apart, median_of_others


def test_the_median_of_the_other_series_mases_is_each_ones_left_out_ties_and_unscored_alike():
    rng = np.random.default_rng(3)
    for size in range(0, 9):
        each = np.round(rng.normal(size=size), 0)  # ties
        each[rng.random(size) < 0.2] = np.nan  # series with no MASE
        for s, got in enumerate(median_of_others(each)):
            others = np.delete(each, s)
            others = others[np.isfinite(others)]
            assert np.isnan(got) if not others.size else got == np.median(others)


def test_a_value_not_finite_is_given_the_median_of_all_the_finite_ones():
    assert median_of_others(np.array([np.nan, 1.0, 3.0, 8.0])).tolist()[0] == 3.0
    assert np.isnan(median_of_others(np.array([np.nan, np.nan]))).all()
    assert np.isnan(median_of_others(np.array([5.0, np.inf]))[0])  # no finite other


def test_a_sets_pooled_mase_is_set_against_the_median_of_the_others():
    mase, counts = np.array([30.0, 2.0, 4.0, 9.0]), np.array([2.0, 2.0, 2.0, 3.0])  # MASEs 15, 1, 2, 3
    assert apart(mase, counts, np.array([0]), np.array([1, 2, 3])) == [15.0, 2.0]
    assert np.isnan(apart(mase, np.array([2.0, 0.0, 0.0, 0.0]), np.array([0]), np.array([1, 2, 3]))[1])

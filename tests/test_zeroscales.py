"""Why a MASE scale is 0 (``zeroscales.py``): training rows that never change, that repeat exactly every season, or
that change only across values fill made, told apart at fit, kept with the model and said."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, metrics, zeroscales
from rnncast.savedfields import mase_zero

PATTERN = np.array([10, 12, 15, 11, 9, 20, 25.0])


def test_a_constant_series_is_constant_at_any_season():
    rows = np.full(40, 5.0)
    assert zeroscales.kind(rows, None, 1) == zeroscales.kind(rows, None, 7) == zeroscales.CONSTANT


def test_a_pattern_repeated_every_season_is_told_from_a_constant_one():
    rows = np.tile(PATTERN, 6)
    assert zeroscales.kind(rows, None, 7) == zeroscales.REPEATS
    gappy = rows.copy()
    gappy[[3, 20]] = 99.0  # two values fill made (an ffill or a stray): the observed ones still repeat
    seen = np.ones(len(rows), dtype=bool)
    seen[[3, 20]] = False
    assert zeroscales.kind(gappy, seen, 7) == zeroscales.REPEATS


def test_observed_values_that_differ_only_across_filled_ones_are_their_own_cause():
    rows = np.array([5.0, 5.0, 6.0, 7.0, 7.0])  # the 6 made by fill: 5, 5 and 7, 7 are the observed neighbours
    seen = np.array([True, True, False, True, True])
    assert zeroscales.kind(rows, seen, 1) == zeroscales.ACROSS_FILL
    observed = np.tile(PATTERN, 3)
    observed[14] = 50.0  # place 0 holds 10 and 50, with a made value between them: never observed a season apart
    seen = np.ones(21, dtype=bool)
    seen[7] = False
    assert metrics.naive_scale(observed, 7, seen) == 0.0
    assert zeroscales.kind(observed, seen, 7) == zeroscales.ACROSS_FILL


def test_causes_name_each_series_first_target_without_a_scale():
    scales = np.array([[1.0, 0.0], [np.nan, 0.0], [2.0, 3.0]])
    codes = np.array([[0, 2], [0, 1], [0, 0]])
    assert zeroscales.causes(scales, codes) == ["repeats", "unobserved", None]
    assert zeroscales.causes(scales, None) == ["unknown", "unobserved", None]  # a model that kept none


def test_reasons_are_given_only_to_the_series_without_a_mase():
    """A series with a MASE (one of its targets' scales 0, another's usable) or without windows (NaN MASE, every scale
    usable) was given "a zero in-sample naive error" (short_why(None))."""
    scales = np.array([[1.0, 0.0], [0.0, 0.0], [2.0, 3.0], [2.0, 3.0]])
    codes = np.array([[0, 1], [1, 1], [0, 0], [0, 0]])
    mase = np.array([0.8, np.nan, 1.2, np.nan])
    assert zeroscales.reasons(mase, scales, codes, 7) == [None, "training rows that never change", None, None]


def test_the_words_say_each_cause_and_claim_none_where_it_is_not_known():
    assert zeroscales.rows_why("constant", 7).startswith("never change")
    assert "perfect on them" in zeroscales.rows_why("repeats", 7) and "every 7 steps" in zeroscales.rows_why("repeats", 7)
    unknown = zeroscales.rows_why("unknown", 7)
    assert "never change" not in unknown and "repeat" not in unknown and "one season (7 rows)" in unknown
    assert zeroscales.short_why("repeats", 7).startswith("training rows that repeat exactly every 7 steps")


def test_fit_keeps_the_cause_with_the_model_and_a_saved_model_reads_it_back(tmp_path):
    frame = make_frame(210, feature=False)
    frame["y"] = np.tile(PATTERN, 30)
    model = Forecaster(**{**TINY, "season": 7}).fit(frame, target="y")
    assert model.mase_scales_[0, 0] == 0.0 and model.state_.mase_zero.tolist() == [[zeroscales.REPEATS]]
    model.save(tmp_path / "m")
    again = Forecaster.load(tmp_path / "m")
    assert again.state_.mase_zero.tolist() == [[zeroscales.REPEATS]]
    assert again.evaluate(frame, part="test")["mase_excluded"]["causes"] == {"repeats": 1}


def test_a_saved_cause_no_fit_writes_is_refused_by_name():
    assert mase_zero(None, 2, 1) is None
    assert mase_zero([[1], [0]], 2, 1).tolist() == [[1], [0]]
    for bad in ([[8], [0]], [[1]], [["1"], [0]], [[True], [0]]):
        with pytest.raises(ValueError, match="mase_zero"):
            mase_zero(bad, 2, 1)


def test_a_sparse_series_whose_pairs_a_season_apart_are_all_zero_is_not_said_to_repeat():
    """One sale in 73 weekly rows with a season of 52: the 21 pairs a season apart are all 0 and 0, and the sale has
    nothing a season later; it was said to "repeat exactly every 52 steps" (decision 1482)."""
    rows = np.r_[np.zeros(30), 2.0, np.zeros(42)]
    assert metrics.naive_scale(rows, 52, None) == 0.0
    assert zeroscales.kind(rows, None, 52) == zeroscales.ZERO_PAIRS
    assert zeroscales.kind(np.r_[np.full(30, 5.0), 2.0, np.full(42, 5.0)], None, 52) == zeroscales.EQUAL_PAIRS
    paired_once = np.r_[3.0, np.zeros(9), 3.0, np.zeros(3)]  # season 10: a sale recurs, but 4 of 10 places pair up
    assert metrics.naive_scale(paired_once, 10, None) == 0.0
    assert zeroscales.kind(paired_once, None, 10) == zeroscales.EQUAL_PAIRS
    words = zeroscales.rows_why("zero_pairs", 52)
    assert "repeat exactly" not in words and "0 at both ends of every pair" in words and "no demand" in words
    assert "repeat exactly" not in zeroscales.rows_why("equal_pairs", 52)
    assert zeroscales.short_why("zero_pairs", 52) == "training rows that are 0 in every pair a season apart"


def test_a_dry_stations_zero_pairs_are_no_nonzero_value_not_no_demand():
    """A desert station's training rows, 0 at both ends of every pair a season apart, were said to be "(no demand in
    those rows)" on the terminal, in metrics.json and on the page: "no nonzero value" for a target that counts no
    demand, kept in the result (``demand``) for the notes that say it again (decision 1572)."""
    assert "(no nonzero value in those rows)" in zeroscales.rows_why("zero_pairs", 365, demand=False)
    assert "(no demand in those rows)" in zeroscales.rows_why("zero_pairs", 365)
    excluded = {"count": 1, "causes": {"zero_pairs": 1}, "season": 365, "demand": False}
    assert "no nonzero value" in zeroscales.rows_said(excluded) and "demand" not in zeroscales.rows_said(excluded)
    assert "no demand" in zeroscales.rows_said({**excluded, "demand": True})


def test_training_rows_no_longer_than_the_season_are_their_own_cause_not_fill():
    """Decision 1830 (r35r1 finding 4): a NaN scale of training rows no more than a season is ``SHORT`` (fill made
    nothing there); a NaN scale of longer rows stays ``UNOBSERVED``, fill's."""
    scales = np.array([[np.nan], [np.nan], [1.0]])
    codes = np.array([[zeroscales.SHORT], [0], [0]])
    assert zeroscales.causes(scales, codes) == ["short", "unobserved", None]
    assert zeroscales.rows_why("short", 52) == ("hold fewer than season + 1 = 53 rows, so no two lie one season (52 "
                                                "rows) apart (no in-sample seasonal naive error)")
    assert zeroscales.short_why("short", 52) == "fewer than season + 1 = 53 training rows"
    assert mase_zero([[zeroscales.SHORT]], 1, 1).tolist() == [[zeroscales.SHORT]]  # saved and read back


def test_the_causes_of_a_scale_paired_on_the_calendar_follow_its_pairs():
    """MASE's scale pairs values a season of calendar steps apart (decision 1885), but the causes reasoned by rows and
    fill: an hourly series at hours 0-14 and 40-54 (season 24, no fill) was said to "hold no two observed values one
    season (24 rows) apart, fill having made the others", and a day repeated exactly with 3 hours missing "change only
    across values fill made". Now ``apart`` and ``repeats`` (decision 1950)."""
    import pandas as pd

    from rnncast import evaluation, observed
    from rnncast.loading import load_panel
    from rnncast.windows import Split

    t = pd.date_range("2024-03-01", periods=60, freq="h")
    frame = pd.DataFrame({"date": t[list(range(15)) + list(range(40, 55))], "y": np.arange(30.0) % 5})
    panel = load_panel(frame, "y", time_col="date", announce=False)
    splits = [Split(28, 29, 30)]
    scales = observed.in_sample(panel, splits, 24)[1]
    codes = zeroscales.kinds(panel, splits, 24, scales)
    excluded = evaluation.mase_excluded(scales, ["y"], codes, 24)
    assert excluded["causes"] == {"apart": 1} and excluded["unobserved"] == 0
    assert "hold no two values one season (24 calendar steps) apart: the rows between are missing" in excluded["why"]
    assert "fill" not in excluded["why"]
    keep = np.setdiff1d(np.arange(240), [100, 101, 102])
    day = pd.DataFrame({"date": pd.date_range("2024-03-01", periods=240, freq="h")[keep],
                        "y": np.tile(np.arange(24.0) ** 1.5, 10)[keep]})
    panel = load_panel(day, "y", time_col="date", announce=False)
    splits = [Split(180, 200, len(keep))]
    scales = observed.in_sample(panel, splits, 24)[1]
    assert scales[0, 0] == 0 and zeroscales.NAMES[int(zeroscales.kinds(panel, splits, 24, scales)[0, 0])] == "repeats"
    rows = np.tile(PATTERN, 4)[np.r_[0:10, 13:28]]  # by rows the phases slip; by position it repeats
    assert zeroscales.kind(rows, None, 7, np.r_[0:10, 13:28]) == zeroscales.REPEATS

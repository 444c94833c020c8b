"""The windows with fewer than a season of their series' rows before their first target, where the season is longer
than the lookback (``seasonrows.py``, decision 1778): left out of the scores, counted and said once; a backtest's
series with fewer than a season before its first cutoff left out as too short, the need naming the season."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from rnncast import seasonrows
from rnncast.errors import NothingLeft, RnncastError
from rnncast.windows import Split


def test_windows_without_a_season_before_them_are_left_out_and_counted():
    offsets = np.array([0, 40, 100])
    starts = np.array([0, 3, 4, 10, 40, 45, 50])  # inputs' first rows; lookback 8: first targets 8, 11, 12, 18 ...
    series = np.array([0, 0, 0, 0, 1, 1, 1])
    kept_starts, kept_series, said = seasonrows.kept(offsets, starts, series, 8, 12, "all")
    np.testing.assert_array_equal(kept_starts, [4, 10, 45, 50])
    np.testing.assert_array_equal(kept_series, [0, 0, 1, 1])
    assert said == {"windows": 3, "of": 7, "series": 2, "season": 12, "series_ids": [], "emptied": [], "text": (
        "3 of the 7 windows (in 2 series) are left out: their series hold fewer than a season (12 calendar steps) before their "
        "first target, which the seasonal naive baseline reads (lookback 8); the model and the baselines are scored "
        "on the other 4")}


def test_a_lookback_of_at_least_the_season_leaves_out_nothing():
    starts, series = np.array([0, 1]), np.array([0, 0])
    for lookback, season in ((12, 12), (24, 12), (8, 1)):
        out = seasonrows.kept(np.array([0, 30]), starts, series, lookback, season, "test")
        assert out[0] is starts and out[2] is None


def test_predict_windows_keeps_every_window_and_says_which_lack_a_seasonal_naive(caplog):
    """predict_windows forecasts and scores nothing: a window the model can forecast is not left out, nor a series
    refused, for a baseline's sake; its seasonal naive forecast is blank (decision 1856)."""
    starts, series = np.array([0, 5]), np.array([0, 0])
    with caplog.at_level(logging.WARNING, logger="rnncast.seasonrows"):
        kept_starts, _, said = seasonrows.kept(np.array([0, 30]), starts, series, 4, 6, "all", scores=False)
        every = seasonrows.kept(np.array([0, 60]), np.array([0, 10]), series, 16, 52, "all", scores=False)
    assert kept_starts is starts and said is None and len(every[0]) == 2
    assert "1 of the 2 windows has no seasonal naive forecast (blank): its series holds fewer than a season (6 calendar " \
           "steps) before its first target (lookback 4); the model forecasts every one" in caplog.text


def test_a_part_with_none_left_to_score_is_refused_with_advice_evaluate_can_follow():
    """evaluate takes no --season: the advice was "or a shorter season (season=, --season)" (decision 1856)."""
    with pytest.raises(NothingLeft, match=r"^no window of part 'train' is left to score: every one has fewer than "
                                          r"a season \(52 calendar steps\) of its series before its first target.*; give "
                                          r"data with a series' first row at least 52 calendar steps before a "
                                          r"window's first target, or refit "
                                          r"the model with a shorter season \(fit's season=, --season\)$"):
        seasonrows.kept(np.array([0, 60]), np.array([0, 10]), np.array([0, 0]), 16, 52, "train")


def test_a_backtests_series_without_a_season_before_its_first_cutoff():
    np.testing.assert_array_equal(seasonrows.first_short(np.array([[30, 38], [60, 68]]), 52, 16), [True, False])
    assert not seasonrows.first_short(np.array([[30], [60]]), 12, 16).any() and not len(seasonrows.first_short(None, 52, 16))
    assert seasonrows.need(52, 16) == (", and at least a season (52 calendar steps) up to and including the first cutoff, which the seasonal "
                                       "naive baseline reads (lookback 16)")
    assert seasonrows.need(12, 16) == ""
    assert seasonrows.remedy(52, 16, 1) == ("; give more rows, or a shorter step or horizon, or a shorter season "
                                            "(season=, --season) so that the steps up to and including the first cutoff hold a season of 52")


def test_a_fit_whose_test_split_has_no_window_with_a_season_before_it_is_refused_before_training(monkeypatch):
    """Decision 1828 (r35r1 finding 2): 50 weekly rows, lookback 8, season 52: every test window has at most 46 rows
    before its first target, so the test scores would be refused once the model had trained; the fit is refused
    before its first epoch, by name, and a test split with one such window passes."""
    from rnncast import Forecaster, fitting
    from rnncast.errors import RnncastError
    from rnncast.windows import Split
    from conftest import make_frame

    with pytest.raises(RnncastError, match=r"the test split holds no window with a season \(52 calendar steps\) of its series "
                       r"before "
                                           r"its first target, .* \(lookback 8; the latest has 46\), .* the fit is "
                                           r"refused before it trains; give data with more rows, or a shorter season"):
        seasonrows.check_fit(np.array([0, 50]), [Split(35, 42, 50)], 8, 4, 52)
    seasonrows.check_fit(np.array([0, 60]), [Split(42, 51, 60)], 8, 4, 52)  # test windows from row 51: some have 52
    seasonrows.check_fit(np.array([0, 50]), [Split(35, 42, 50)], 52, 4, 52)  # the lookback holds the season
    seasonrows.check_fit(np.array([0, 50]), [Split(35, 50, 50)], 8, 4, 52)  # no test window: nothing to refuse
    monkeypatch.setattr(fitting, "prepare", lambda *a, **k: pytest.fail("the network was built"))
    with pytest.raises(RnncastError, match="refused before it trains"):
        Forecaster(horizon=4, lookback=8, season=52, epochs=1, hidden_size=4).fit(
            make_frame(50, freq="W-SUN", feature=False), target="y")


def test_a_validation_split_without_a_window_with_a_season_before_it_is_said_before_training(caplog):
    """Decision 1877: 66 weekly rows, lookback 8, horizon 4, season 52 (training rows 46, validation to row 53): no
    validation window has 52 rows before it, the test split has. It was said only after training ("no window of part
    'val' is left to score ... the run has no validation scores"); now before, once in a block, and the fit goes on
    (early stopping reads every validation window); a test split without one is refused as before, without it."""
    with caplog.at_level("WARNING", logger="rnncast.seasonrows"):
        seasonrows.check_fit(np.array([0, 66]), [Split(46, 53, 66)], 8, 4, 52)
    assert [r.getMessage() for r in caplog.records] == [
        "the validation split holds no window with a season (52 calendar steps) of its series before its first target, which the "
        "seasonal naive baseline reads (lookback 8; the latest has 49): early stopping reads every validation window "
        "(the model's loss needs only its lookback), but the run will have no validation scores beside the "
        "baselines'; more rows, or a shorter season (season=, --season), give it some"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast.seasonrows"):
        seasonrows.check_fit(np.array([0, 80]), [Split(56, 64, 80)], 8, 4, 52)  # validation from row 56: has one
        seasonrows.check_fit(np.array([0, 66]), [Split(46, 53, 66)], 52, 4, 52)  # the lookback holds the season
        with pytest.raises(RnncastError, match="the test split"):
            seasonrows.check_fit(np.array([0, 50]), [Split(30, 40, 50)], 8, 4, 52)  # neither has: refused alone
    assert not caplog.records


def test_a_panels_series_with_no_window_left_is_named_with_its_rows():
    """Decision 1831 (r35r1 finding 6): series 1 (55 rows) holds windows, none with season 52 rows before it; the
    clause names it, at most ten, and the record keeps its id; a single series' record names none."""
    offsets = np.array([0, 100, 155])
    starts, series = np.array([50, 60, 100, 110]), np.array([0, 0, 1, 1])
    names = {0: "a", 1: "b"}.get
    _, kept_series, said = seasonrows.kept(offsets, starts, series, 8, 52, "test", ids=names)
    np.testing.assert_array_equal(kept_series, [0, 0])
    assert said["series_ids"] == ["b"] and said["text"].endswith(
        "the model and the baselines are scored on the other 2; series 'b' (55 rows) has none left")
    assert said["emptied"] == [{"id": "b", "rows": 55}]  # every one, for the by-series file (decision 1858)
    one = seasonrows.kept(np.array([0, 100]), np.array([30, 50]), np.array([0, 0]), 8, 52, "test", ids=names)[2]
    assert one["series_ids"] == [] and "none left" not in one["text"]


def test_a_backtests_remedy_is_each_reasons_own():
    """Decision 1832 (r35r1 finding 8): the season's remedy where only the season is short, the other's alone where
    no series lacks the season, and both, the season's said to be for its series, where both reasons occur."""
    other = "; fewer cutoffs or a shorter lookback need fewer"
    season = ("give more rows, or fewer cutoffs (n_windows=, --n-windows), a shorter step or horizon, or a shorter season "
              "(season=, --season) so that the steps up to and including the first cutoff hold a season of 12")
    assert seasonrows.remedy(12, 8, 2) == f"; {season}"
    assert seasonrows.remedy(12, 8, 2, False, other) == other
    assert seasonrows.remedy(12, 8, 2, True, other) == (
        f"{other}; for the series without a season (12 calendar steps) up to and including the first cutoff: {season}")


def test_the_warning_after_training_knows_check_fit_said_it_in_the_call():
    """r36r1 7 (decision 1912): the run's scores were warned of twice for one cause, before the training
    (``check_fit``) and after it (``NothingLeft`` of the validation part); ``said_before`` tells the second, in the
    same call only, and of the season's cause only (fill's or the future covariates' are said after it)."""
    from rnncast import noticed

    with pytest.raises(NothingLeft) as caught:
        seasonrows.kept(np.array([0, 60]), np.array([0, 10]), np.array([0, 0]), 16, 52, "val")
    with noticed.one_call():
        assert not seasonrows.said_before(caught.value)  # check_fit did not warn in this call
    with noticed.one_call():
        seasonrows.check_fit(np.array([0, 66]), [Split(46, 53, 66)], 8, 4, 52)
        assert seasonrows.said_before(caught.value)
        assert not seasonrows.said_before(NothingLeft("every target fill made"))


def test_the_series_whose_every_window_was_left_out_for_the_season_are_records_with_their_reason():
    result = {"scored": {"season_left_out": {"season": 52, "emptied": [{"id": "a", "rows": 40}]}}}
    assert seasonrows.emptied(result) == [{"id": "a", "rows": 40, "reason": "no window with a season (52 calendar "
                                           "steps) of its series before its first target, which the seasonal naive baseline reads"}]
    assert seasonrows.emptied({}) == []


def test_a_window_with_a_season_of_calendar_steps_before_it_is_kept_though_rows_are_missing_between():
    """Decision 2028: a daily series missing two dates early on (steps 2 and 3), season 7, lookback 4: the windows
    whose first targets are rows 5 and 6 hold 5 and 6 rows before them, fewer than the season, but 7 and 8 days; the
    seasonal naive reads the same day a week back there, so they are kept, as a lookback of at least the season keeps
    them; the one at row 4 (6 days) is left out, and said in calendar steps. By rows, 3 were left out."""
    own = np.setdiff1d(np.arange(30), [2, 3])
    offsets, starts, series = np.array([0, len(own)]), np.arange(0, 5), np.zeros(5, np.int64)  # first targets 4..8
    kept_starts, _, said = seasonrows.kept(offsets, starts, series, 4, 7, "all", placed={0: (own, None)})
    np.testing.assert_array_equal(kept_starts, starts[1:])
    assert said["windows"] == 1 and said["text"].startswith(
        "1 of the 5 windows is left out: its series holds fewer than a season (7 calendar steps) before its first "
        "target, which the seasonal naive baseline reads (lookback 4)")
    assert seasonrows.kept(offsets, starts, series, 4, 7, "all")[2]["windows"] == 3  # no calendar: rows are steps
    np.testing.assert_array_equal(seasonrows.first_short(np.array([[5, 8], [5, 8]]), 7, 4, {0: (own, None)}),
                                  [False, True])  # series 1: no calendar places it, 5 rows are 5 steps


def test_check_fit_counts_the_test_windows_season_in_calendar_steps():
    """Decision 2028: 60 rows at steps 0..69 but for 10 missing early (so the first test window, at row 51, has 51
    rows and 61 steps before it, the last at row 56, 66): with season 58 and lookback 8 the fit is refused by rows
    (56 at most), trained by steps."""
    own = np.setdiff1d(np.arange(70), np.arange(5, 15))
    with pytest.raises(RnncastError, match="the test split holds no window with a season"):
        seasonrows.check_fit(np.array([0, 60]), [Split(42, 51, 60)], 8, 4, 58)
    seasonrows.check_fit(np.array([0, 60]), [Split(42, 51, 60)], 8, 4, 58, {0: (own, None)})

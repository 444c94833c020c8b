"""What scoring makes of the values fill made (``filledwindows.py``): filled targets, windows whose inputs were
filled from a row at or after their first target, what a part leaves out, the rows a fit learns from filled from rows
it is scored on, a part with nothing observed to score refused, and the made values a forecast starts from."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import filledwindows
from rnncast.errors import RnncastError


def test_filled_targets_are_the_windows_made_values():
    filled = np.array([[0], [0], [1], [0], [-1]], dtype=np.int32)
    rows = np.array([[1, 2], [3, 4]])
    assert filledwindows.filled_targets(filled, rows, 1)[..., 0].tolist() == [[False, True], [False, True]]
    assert filledwindows.filled_targets(None, rows, 1) is None


def test_a_window_reading_an_input_filled_from_its_targets_or_later_is_flagged():
    """Interpolated rows 4-6 rest on row 7. A window whose inputs hold one of them and whose first
    target is at or before row 7 would carry row 7's value into its inputs."""
    n = 12
    filled = np.zeros((n, 1), dtype=np.int32)
    filled[4:7, 0] = [3, 2, 1]  # rows 4, 5, 6 rest on row 7
    starts = np.arange(n - 3 + 1 - 1)  # lookback 3, horizon 1: windows with inputs [s, s + 3) and target s + 3
    later = filledwindows.reads_later(filled, starts, lookback=3, horizon=1)
    first_targets = starts + 3
    expected = [(t <= 7) and (s + 2 >= 4) for s, t in zip(starts, first_targets)]  # inputs reach row 4, target at or before 7
    assert later.tolist() == expected
    assert later.tolist() == [False, False, True, True, True, False, False, False, False]
    carried = np.zeros((n, 1), dtype=np.int32)
    carried[4:7, 0] = [-1, -2, -3]  # ffill: every made value rests on row 3, before any window's target that holds it
    assert not filledwindows.reads_later(carried, starts, 3, 1).any()


def test_a_future_covariate_may_rest_on_a_row_within_the_horizon_but_not_after_it():
    filled = np.zeros((10, 2), dtype=np.int32)  # columns: target, future covariate
    filled[3, 1] = 2  # the covariate at row 3 rests on row 5
    starts = np.array([0, 1, 2])  # lookback 2, horizon 2: the windows read rows s to s + 3
    assert filledwindows.reads_later(filled, starts, 2, 2, n_future=1).tolist() == [True, True, False]  # row 5 is the third's
    as_past = filledwindows.reads_later(filled, starts, 2, 2, n_future=0)  # a past covariate is an input up to row s + 1
    assert as_past.tolist() == [False, False, True]  # the third window's inputs end at row 3, its first target is row 4


def test_a_column_the_network_never_reads_is_no_leak():
    """A model of the features alone (target_input=False): its target filled from a later row is not among its inputs;
    a feature filled so still is."""
    filled = np.zeros((12, 2), dtype=np.int32)  # columns: target, past covariate
    filled[4:7, 0] = [3, 2, 1]  # the target's rows 4-6 rest on row 7
    starts = np.arange(9)
    assert filledwindows.reads_later(filled, starts, 3, 1).any()
    assert not filledwindows.reads_later(filled, starts, 3, 1, unread=1).any()
    filled[4:7, 1] = [3, 2, 1]
    assert filledwindows.reads_later(filled, starts, 3, 1, unread=1).tolist() == \
        filledwindows.reads_later(filled[:, 1:], starts, 3, 1).tolist()


def test_left_out_counts_distinct_filled_targets_and_the_windows_left():
    targets = np.zeros((4, 2, 1), dtype=bool)
    targets[0, 1] = targets[1, 0] = True  # the same row (series 0, row 6) in two overlapping windows
    windows = np.array([False, False, True, False])
    out = filledwindows.left_out(np.zeros(4, int), np.array([5, 6, 7, 8]), targets, windows, "ffill")
    assert (out["filled_targets"], out["windows_left_out"], out["windows_scored"]) == (1, 1, 3)
    assert out["text"].startswith("1 target value missing from the data and carried forward")
    assert out["text"].endswith("3 of the 4 windows keep a scored value")
    assert filledwindows.left_out(np.zeros(4, int), np.arange(4), None, None, None)["text"] == ""


def test_read_ahead_counts_values_before_a_cut_made_from_rows_after_it():
    filled = np.zeros((8, 1), dtype=np.int32)
    filled[2, 0], filled[3, 0] = 3, 2  # rows 2 and 3 rest on row 5
    filled[6, 0] = -2  # row 6 rests on row 4
    assert filledwindows.read_ahead(filled, np.array([0, 8]), [5]) == 2  # rows 2, 3: before the cut, made from row 5
    assert filledwindows.read_ahead(filled, np.array([0, 8]), [6]) == 0  # row 5 is before the cut too
    assert filledwindows.read_ahead(filled, np.array([0, 4, 8]), [3, 3]) == 1  # series 0's row 2 (row 3 is past its cut)
    assert filledwindows.read_ahead(None, np.array([0, 8]), [5]) == 0


def test_a_fit_whose_training_rows_were_interpolated_from_its_test_rows_says_so(caplog):
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(200, feature=False)
    frame.loc[150:165, "y"] = np.nan  # validation rows end at 160: rows 150-159 rest on row 166, a test row
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**TINY, fill="interpolate").fit(frame, target="y")
    assert any("10 value(s) of the rows the model learns from" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**TINY, fill="ffill").fit(frame, target="y")
    assert not any("learns from" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("gap, fill, said", [
    ((138, 160), "ffill", "the validation part .* has no observed target value to score.*--val-frac/--test-frac"),
    ((160, 198), "interpolate", "the test part .* has no observed target value to score.*--val-frac/--test-frac"),
    ((160, 199), "ffill", "the last 40 rows of the data .* have a date but no value of 'y', after the last value"),  # 1475
])
def test_a_part_left_with_nothing_observed_to_score_is_refused_before_training(gap, fill, said, monkeypatch):
    """A test part of blanks at the end of one series is dated blank rows after its last value, refused as such
    (decision 1475) before the part's own check; with its last row observed and the rest interpolated the part's own
    check refuses it (its inputs filled from its targets); all before training."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster, fitting

    frame = make_frame(200, feature=False)
    frame.loc[gap[0]:gap[1], "y"] = np.nan  # validation: rows 140-159, test: 160-199
    monkeypatch.setattr(fitting, "fit_network", lambda *a, **k: pytest.fail("trained before refusing"))
    with pytest.raises(RnncastError, match=said):
        Forecaster(**{**TINY, "horizon": 3}, fill=fill).fit(frame, target="y")


def test_made_validation_targets_left_out_of_early_stopping_are_said(caplog):
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(200, feature=False)
    frame.loc[145:150, "y"] = np.nan
    with caplog.at_level("INFO", logger="rnncast"):
        Forecaster(**TINY, fill="ffill").fit(frame, target="y")
    said = [r for r in caplog.records if "the validation loss that early stopping follows leaves them out" in r.getMessage()]
    assert len(said) == 1 and said[0].levelname == "INFO" and "made by fill 'ffill'" in said[0].getMessage()
    # each made value once (rows 145-150), not once per overlapping window that holds it, among the 20 validation rows
    assert said[0].getMessage().startswith("6 of the 20 target values of the validation windows were missing")
    assert said[0].getMessage().endswith("leaves them out (of each of the 8 windows that holds one)")  # starts 143-150


def test_a_forecast_from_made_values_is_warned_with_their_dates(caplog):
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(200, feature=False)
    model = Forecaster(**TINY, fill="ffill").fit(frame, target="y")
    tail = frame.copy()
    tail.loc[196:198, "y"] = np.nan  # inside the last window (a blank last row is the time to come: decision 1475)
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(tail)
    assert any("forecast starts from values that fill 'ffill' made" in r.getMessage() and "3 rows" in r.getMessage()
               for r in caplog.records)
    assert "carried flat" in filledwindows.HOW["interpolate"]


def test_unscored_why_names_each_cause_a_window_keeps_no_scored_value_for():
    """The reason a backtest's table gives in a window's row (1225): its inputs read later fills, its actuals were
    made by fill, or its dates have no row; each named where it is among the window's values."""
    filled = np.zeros((2, 3, 1), dtype=bool)
    assert filledwindows.unscored_why(np.array([True, True]), filled, None) == "inputs filled from later rows"
    assert filledwindows.unscored_why(None, ~filled, None) == "its actuals filled"
    absent = np.ones((2, 3), dtype=bool)  # a step without a row is marked filled too (stepactuals.align)
    assert filledwindows.unscored_why(None, ~filled, absent) == "no row at its dates"
    absent[0, 0] = False
    assert filledwindows.unscored_why(np.array([True, True]), ~filled, absent) == "inputs filled from later rows"
    assert filledwindows.unscored_why(np.array([True, False]), ~filled, absent) == (
        "inputs filled from later rows and no row at its dates")  # series 1's steps: all without a row
    absent[1, 0] = False
    assert filledwindows.unscored_why(np.array([True, False]), ~filled, absent) == (
        "inputs filled from later rows and its actuals filled and no row at its dates")
    assert filledwindows.unscored_why(None, None, None) == "no actual to score"


def test_zero_fill_warns_of_the_covariates_it_carried_not_of_its_observed_zeros(caplog):
    """A till export leaves out its days without sales: zero fill's 0 is the observation (README), so a forecast
    reading it is not warned as made; the covariates of the rows zero fill added are carried forward, and named."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(200, freq="D", feature=False)
    model = Forecaster(**TINY, fill="zero").fit(frame, target="y")
    tail = frame.copy()
    tail.loc[197:198, "y"] = np.nan  # blanks written 0: observed
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(tail)
    assert not any("forecast starts from" in r.getMessage() or "forecast reads" in r.getMessage() for r in caplog.records)

    frame = make_frame(200, freq="D")
    model = Forecaster(**TINY, fill="zero", fill_gaps=True).fit(frame, target="y", past_covariates=["x"])
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(frame.drop(index=[196, 197]))  # two days absent: rows added, sales 0, x carried forward
    said = [r.getMessage() for r in caplog.records if "forecast reads rows that fill 'zero' added" in r.getMessage()]
    assert len(said) == 1 and "'x' is carried forward" in said[0] and "2 rows" in said[0]
    assert "counts as observed (none happened)" in said[0]  # no retail word on any data (decision 1898)
    assert not any("made, not observed" in r.getMessage() for r in caplog.records)


def test_a_window_whose_labels_are_blank_says_labels_not_given_not_actuals_filled():
    """t41-t1 L1: blank labels stood in for, no fill given, are labels not given, as fit says (decision 2224)."""
    filled = np.ones((2, 1, 1), dtype=bool)
    assert filledwindows.unscored_why(None, filled, None, blank=True) == "labels not given"
    assert filledwindows.unscored_why(None, filled, None) == "its actuals filled"

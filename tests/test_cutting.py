"""Cutting (``cutting.py``): every series cut by the same fractions (or one series by given rows),
the series too short to train named and left out, and the warning when the training rows hold few
windows, counted over a panel's series."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.config import DataSettings
from rnncast.cutting import backtest_remedy, cut
from rnncast.loading import load_panel
from rnncast.windows import Split, chronological_split, rows_needed


def test_cut_splits_every_series_by_the_same_fractions_and_names_the_ones_too_short(caplog):
    short = pd.DataFrame({"unique_id": "short", "ds": pd.date_range("2024-01-01", periods=10, freq="h"), "y": 1.0})
    panel = load_panel(pd.concat([make_panel(2, lengths=(100, 100)), short]))
    data_s = DataSettings(lookback=12, horizon=3)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        kept, splits, skipped = cut(panel, None, data_s)
    assert kept.ids == ["s000", "s001"] and len(splits) == 2
    assert splits[0] == splits[1] == chronological_split(100, 12, 3, data_s.val_frac, data_s.test_frac)
    assert skipped == [{"id": "short", "rows": 10, "needed": rows_needed(12, 3, data_s.val_frac, data_s.test_frac)}]
    assert "'short' (10 rows)" in caplog.text


def test_a_given_split_is_for_one_series_and_must_fit_its_rows(frame):
    data_s = DataSettings(lookback=12, horizon=3)
    _, splits, skipped = cut(load_panel(frame, target="y"), (100, 150, 200), data_s)
    assert splits == [Split(100, 150, 200)] and skipped == []
    with pytest.raises(RnncastError, match=r"split .* does not fit 200 rows"):
        cut(load_panel(frame, target="y"), (10, 150, 200), data_s)  # fewer training rows than lookback + horizon
    with pytest.raises(RnncastError, match="many series are split by val_frac/test_frac"):
        cut(load_panel(make_panel(2)), (100, 110, 120), data_s)


def test_a_given_split_beside_fractions_of_its_own_is_refused_naming_them(frame):
    """fit(data, split=(140, 160, 200), val_frac=0.2) cut by the borders and passed over the fraction, silently."""
    with pytest.raises(RnncastError, match=r"^split= gives the row borders of the parts, and val_frac=0.2 and "
                                           r"test_frac=0.3 would cut them by fractions, .* not both$"):
        cut(load_panel(frame, target="y"), (140, 160, 200), DataSettings(lookback=12, horizon=3, val_frac=0.2, test_frac=0.3))
    with pytest.raises(RnncastError, match=r"and test_frac=0.1 would"):
        Forecaster(lookback=12, horizon=3, epochs=1, test_frac=0.1).fit(frame, target="y", split=(140, 160, 200))


def test_too_short_series_are_reported_by_name_and_length_not_silently_dropped(caplog, panel_frame):
    short = pd.DataFrame({"unique_id": "tiny", "ds": pd.date_range("2024-01-01", periods=20, freq="h"), "y": np.arange(20.0)})
    frame = pd.concat([panel_frame, short], ignore_index=True)
    with caplog.at_level(logging.WARNING):
        f = Forecaster(**TINY).fit(frame)
    assert "'tiny' (20 rows)" in caplog.text and "at least" in caplog.text
    assert f.skipped_series_ == [{"id": "tiny", "rows": 20, "needed": f.skipped_series_[0]["needed"]}]
    assert f.skipped_series_[0]["needed"] > 20 and "tiny" not in f.ids_
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        forecast = f.predict(frame)  # the data it was fitted on: the others forecast, tiny named
    assert "'tiny' was too short to train and is not forecast" in caplog.text
    assert set(forecast["unique_id"]) == set(f.ids_)
    assert "tiny" not in f.evaluate(frame, by_series=True)["series"]  # scored without it, with a warning


def test_every_series_too_short_is_an_error_listing_them():
    frame = make_panel(3, lengths=(15, 20))
    with pytest.raises(RnncastError, match=r"every series is too short.*'s000' \(\d+ rows\).*at least \d+ rows"):
        Forecaster(**TINY).fit(frame)


def test_a_fit_on_very_few_training_windows_says_how_many(caplog):
    """72 monthly rows, lookback 48 + horizon 3: the 51 training rows hold one window, which fit trained
    on without a word; 24 leaves 25 windows, enough not to be told."""
    frame = pd.DataFrame({"date": pd.date_range("2015-01-31", periods=72, freq="ME"),
                          "y": np.sin(np.arange(72) * np.pi / 6)})
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 48, "epochs": 1}).fit(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "trains on only" in r.getMessage()]
    assert said == ["the model trains on only 1 window (lookback 48 + horizon 3 in 51 training rows), too few to "
                    "learn much from; a shorter lookback (lookback=, --lookback) or more rows give it more"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 24, "epochs": 1}).fit(frame, target="y")
    assert not [r for r in caplog.records if "trains on only" in r.getMessage()]


def test_few_windows_over_a_panel_are_counted_over_its_series(caplog):
    panel = make_panel(n_series=3, lengths=(40, 40), seed=0)  # 28 training rows each: 6 windows of 20 + 3
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 20, "epochs": 1}).fit(panel, target="y")
    said = [r.getMessage() for r in caplog.records if "trains on only" in r.getMessage()]
    assert len(said) == 1 and "only 18 windows" in said[0] and "the training rows of 3 series (84 in all)" in said[0]


def test_a_series_too_short_is_named_by_its_id_as_the_caller_gave_it(caplog):
    rng = np.random.default_rng(0)
    lengths = {101: 120, 102: 120, 103: 5}
    frame = pd.DataFrame({"unique_id": np.repeat(list(lengths), list(lengths.values())),
                          "ds": np.concatenate([np.arange(n) for n in lengths.values()]),
                          "y": rng.normal(size=sum(lengths.values()))})
    with caplog.at_level(logging.WARNING, logger="rnncast.cutting"):
        _, _, skipped = cut(load_panel(frame), None, DataSettings(lookback=12, horizon=3))
    assert "is left out: 103 (5 rows)" in caplog.text  # not '103': the caller's id was an integer
    assert skipped[0]["id"] == "103"  # a fitted state keeps text (decision 33)


@pytest.mark.parametrize("split, words", [
    ((60.5, 80, 120), r"^split= takes whole row numbers \(train_end, val_end, end\); got \(60.5, 80, 120\)$"),
    ((60, 80), r"^split= takes three row borders \(train_end, val_end, end\), as \(140, 160, 200\); got \(60, 80\)$"),
    ((0.6, 0.8, 1.0), r"^split= takes row numbers, not fractions \(got \(0.6, 0.8, 1.0\)\); to cut by shares of the "
                      r"rows give val_frac= and test_frac="),
    (("60", 80, 120), r"^split= takes three row numbers"),
    # train_test_split's way: it said "split= takes three row borders", not that rnncast splits by time
    ("random", r"^split='random': rnncast splits every series by time, never at random: .* \(the parts' sizes are "
               r"val_frac= and test_frac=\); training batches are already drawn in random order each epoch, an order that "
               r"cannot be switched off and need not be: windows are shuffled within the training part only$"),
    ((True, 80, 120), r"^split= takes three row numbers"),
])
def test_a_given_split_of_other_than_three_whole_row_numbers_is_refused_by_name(frame, split, words):
    """split=(60.5, 80, 120) and (60.0, ...) raised "slice indices must be integers", (60, 80) a TypeError of
    Split's arguments, and (0.6, 0.8, 1.0) "does not fit 200 rows" without saying fractions are not taken."""
    with pytest.raises(RnncastError, match=words):
        cut(load_panel(frame, target="y"), split, DataSettings(lookback=12, horizon=3))


def test_a_given_split_of_whole_floats_is_taken_as_row_numbers(frame):
    _, splits, _ = cut(load_panel(frame, target="y"), (100.0, np.int64(150), 200.0), DataSettings(lookback=12, horizon=3))
    assert splits == [Split(100, 150, 200)] and all(type(b) is int for b in vars(splits[0]).values())
    Forecaster(lookback=12, horizon=3, epochs=1).fit(frame, target="y", split=(100.0, 150.0, 200.0))


def test_a_backtests_remedy_names_only_what_lowers_the_rows_needed():
    """Where the training rows bind (lookback 24, horizon 3), a larger validation share needs more rows, not fewer,
    and is not offered; where the validation rows bind (horizon 15, 10 %), a shorter lookback changes nothing."""
    assert all(rows_needed(24, 3, x / 100, 0.0) >= rows_needed(24, 3, 0.1, 0.0) for x in range(1, 96))  # none fewer
    assert backtest_remedy(24, 3, 0.1, 40) == "; fewer cutoffs (n_windows=, --n-windows) or a shorter step, lookback " \
                                              "or horizon need fewer"
    assert "a smaller validation share" in backtest_remedy(24, 3, 0.3, 40)
    assert rows_needed(23, 15, 0.1, 0.0) == rows_needed(24, 15, 0.1, 0.0) > rows_needed(24, 15, 0.2, 0.0)
    assert backtest_remedy(24, 15, 0.1, 40) == ("; fewer cutoffs (n_windows=, --n-windows), a shorter step or horizon, "
                                                "or a larger validation share (val_frac=, --val-frac: its rows must hold "
                                                "a horizon) need fewer")
    assert backtest_remedy(24, 15, 0.1, 1) == ("; a shorter horizon or a larger validation share (val_frac=, --val-frac: "
                                               "its rows must hold a horizon) need fewer")


def test_cutoff_rows_count_in_whole_numbers_not_in_wrapping_int64():
    from rnncast.cutting import cutoff_rows

    lengths = np.array([100, 60])
    assert cutoff_rows(lengths, 4, 3, 5).tolist() == [[86, 91, 96], [46, 51, 56]]  # the last one a horizon before the end
    assert cutoff_rows(lengths, 4, 25, 4)[0, 0] == 0  # 4 + 24 * 4 = 100 rows: the longest series holds them
    assert cutoff_rows(lengths, 4, 26, 4) is None  # 104 rows: none does
    assert cutoff_rows(lengths, 1, 5, 2 ** 62) is None  # 4 * 2**62 = 2**64 wrapped to 0 in int64: every row looked fine
    assert cutoff_rows(lengths, 1, 2 ** 62, 1) is None  # no array of 2**62 cutoffs asked for


def test_a_given_split_that_ends_before_the_last_row_says_the_rows_after_it_are_not_used(frame, caplog):
    """split=(150, 180, 220) on 300 rows left rows 220-299 out of the fit without a word, and evaluate then called
    them "after the data given to fit", though they were given (a tester's find)."""
    data_s = DataSettings(lookback=12, horizon=3)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        cut(load_panel(frame, target="y"), (100, 150, 180), data_s)
    assert "split= ends at row 180 of the 200 rows given: rows 180 to 199 are not used by fit" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        cut(load_panel(frame, target="y"), (100, 150, 200), data_s)
    assert "not used by fit" not in caplog.text
    model = Forecaster(**{**TINY, "lookback": 12, "horizon": 3}).fit(frame, target="y", split=(100, 150, 180))
    assert "after the fit's last row" in model.evaluate(frame)["scored"]["text"]


def _short_stores() -> pd.DataFrame:
    """13 month-end stores of 60 to 72 rows: all too short for lookback 50 and horizon 6."""
    t = pd.date_range("2019-01-31", periods=72, freq="ME")
    return pd.concat([pd.DataFrame({"store": f"S{i:02d}", "month": t[:60 + i], "sales": np.sin(np.arange(60 + i) / 2)})
                      for i in range(13)])


def test_every_series_too_short_names_the_settings_the_longest_would_fit():
    """A retail tester: "every series is too short to train ... each needs at least 80 rows (lookback 50 + horizon 6
    ...)" gave no way out, where backtest's refusal named what helps."""
    with pytest.raises(RnncastError) as refused:
        Forecaster(lookback=50, horizon=6, epochs=1).fit(_short_stores(), target="sales", id_col="store", time_col="month")
    said = str(refused.value)
    assert said.startswith("every series is too short to train: ") and "each needs at least 80 rows" in said
    assert "; the longest series ('S12', 72 rows) fits lookback 45 (lookback=45, --lookback 45), but it leaves " in said
    assert said.endswith("below which fit warns of too few to learn from; lookback 40 (lookback=40, --lookback 40) "
                         "leaves 24 or horizon 1 (horizon=1, --horizon 1); of the 13 series, val_frac 0 (val_frac=0, "
                         "--val-frac 0) keeps 3, the cutoff 2024-02-29 (cutoff='2024-02-29', --cutoff 2024-02-29) keeps 5, "
                         "the cutoff 2023-08-31 (cutoff='2023-08-31', --cutoff 2023-08-31) with val_frac 0 (val_frac=0, "
                         "--val-frac 0) keeps 11 or lookback 36 (lookback=36, --lookback 36) keeps 13")
    # test_frac 0.13 leaves too few (decision 1807); the panel's offers, each with its count (decision 2118)
    assert rows_needed(45, 6, 0.1, 0.2) <= 72 < rows_needed(46, 6, 0.1, 0.2)  # the largest lookback that fits


def test_a_cutoff_whose_validation_share_binds_names_the_share_with_a_lookback():
    """"needs 55 rows up to the cutoff (54 up to it)": no lookback alone fits, as 10% of 54 rows holds no horizon of 6;
    a larger validation share with a shorter lookback does."""
    with pytest.raises(RnncastError) as refused:
        Forecaster(lookback=50, horizon=6, epochs=1, cutoff="2023-06").fit(_short_stores(), target="sales",
                                                                            id_col="store", time_col="month")
    assert str(refused.value).endswith("; the series with the most rows up to the cutoff ('S00', 54 up to it, 6 after) "
                                       "fits val_frac 0.11 with lookback 42 (val_frac=0.11, --val-frac 0.11; lookback=42, "
                                       "--lookback 42) at this cutoff or the settings given fit the cutoff 2024-02-29 "
                                       "(cutoff='2024-02-29', --cutoff 2024-02-29), which leaves out 'S00', 'S01', 'S02', "
                                       "'S03', 'S04' and 3 more (no single cutoff keeps every series)")  # the most it keeps: 5
    assert rows_needed(42, 6, 0.11, 0.0) <= 54 and all(rows_needed(k, 6, 0.1, 0.0) > 54 for k in range(1, 50))


@pytest.mark.parametrize("cutoff, after", [("2030-01-01", 0), ("2023-04-09", 1), ("2023-04-08", 2)])
def test_a_cutoff_that_leaves_no_test_window_names_the_latest_cutoff_that_would(cutoff, after):
    """Decision 854: a cutoff after the data's end (or one row before it) was told to try a smaller lookback, then a
    smaller one again, forever; the rows it lacks are after it, and the latest cutoff that leaves a horizon is named."""
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=100, freq="D"),
                          "sales": 100 + np.random.default_rng(0).normal(0, 5, 100).round(2)})
    with pytest.raises(RnncastError) as refused:
        Forecaster(**{**TINY, "lookback": 14, "horizon": 3}, cutoff=cutoff).fit(frame, target="sales")
    said = str(refused.value)
    assert f"{100 - after} up to it, {after} after" in said and "lookback 13" not in said
    assert " and 3 after it (a horizon of test rows); " in said  # once (decision 1659)
    assert said.count("a horizon of test rows") == 1 and "must leave" not in said
    assert said.endswith("the settings given fit a cutoff from 2023-01-26 to 2023-04-07 (cutoff='2023-04-07', "
                         "--cutoff 2023-04-07)")
    Forecaster(**{**TINY, "lookback": 14, "horizon": 3}, cutoff="2023-04-07").fit(frame, target="sales")  # it does
    panel = pd.concat([frame.assign(store="a"), frame.iloc[:90].assign(store="b")])  # the latest that keeps both
    with pytest.raises(RnncastError, match="a cutoff from 2023-01-26 to 2023-03-28 .*--cutoff 2023-03-28\\)$"):
        Forecaster(**{**TINY, "lookback": 14, "horizon": 3}, cutoff=cutoff).fit(panel, target="sales", id_col="store")


@pytest.mark.parametrize("lookback, horizon, val_frac", [(8, 8, 0.1), (30, 8, 0.2), (4, 12, 0.1), (2, 10, 0.05)])
def test_a_single_series_too_short_names_settings_that_fit_it_and_each_does(lookback, horizon, val_frac):
    """The tester's gdp40_q.csv: "series too short: of 40 rows, the validation rows (4 = 10%) are fewer than horizon 8;
    give at least 75 rows, or a shorter horizon or larger split fractions" named no setting, where a panel's and a
    backtest's refusals do (decision 1047). Each setting named is tried: the series' split then holds."""
    import re

    frame = pd.DataFrame({"quarter": pd.period_range("2015Q1", periods=40, freq="Q").strftime("%YQ%q"),
                          "gdp": np.arange(40.0)})
    panel = load_panel(frame, target="gdp")
    data_s = DataSettings(lookback=lookback, horizon=horizon, val_frac=val_frac)
    with pytest.raises(RnncastError) as refused:
        cut(panel, None, data_s)
    said = str(refused.value)
    assert said.startswith("series too short: of 40 rows, ") and "; the series (40 rows) fits " in said
    if (lookback, horizon, val_frac) == (8, 8, 0.1):
        assert said.endswith("give at least 75 rows; the series (40 rows) fits horizon 4 (horizon=4, --horizon 4) or "
                             "val_frac 0.19 (val_frac=0.19, --val-frac 0.19), which leaves the model 9 training windows at "
                             "lookback 8, under the 20 below which fit warns of too few to learn from")  # decision 1807
    offered = re.findall(r"\((\w+)=([\d.]+), --", said)
    assert offered
    for name, value in offered:
        fixed = {"lookback": lookback, "horizon": horizon, "val_frac": val_frac,
                 name: float(value) if "." in value else int(value)}
        _, splits, _ = cut(panel, None, DataSettings(**fixed))  # fits: no refusal
        assert splits[0].end == 40


def test_a_cutoff_refusal_counts_a_horizon_of_one_as_one_row():
    """t26t8: "the cutoff must leave 1 rows" at horizon 1; the counts of a horizon (this one, future values' rows and
    steps, a window's steps) are written with ``counted``."""
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=60, freq="D"), "y": np.arange(60.0)})
    with pytest.raises(RnncastError) as refused:
        Forecaster(**{**TINY, "lookback": 4, "horizon": 1}, cutoff="2023-03-01").fit(frame, target="y")
    assert " and 1 after it (a horizon of test rows); the settings given" in str(refused.value)
    assert str(refused.value).endswith("a cutoff from 2023-01-06 to 2023-02-28 (cutoff='2023-02-28', --cutoff 2023-02-28)")


@pytest.mark.parametrize("now", [dict(lookback=50, horizon=6, val_frac=0.1, test_frac=0.2),
                                 dict(lookback=8, horizon=12, val_frac=0.1, test_frac=0.1),
                                 dict(lookback=30, horizon=20, val_frac=0.05, test_frac=0.3),
                                 dict(lookback=60, horizon=3, val_frac=0.2, test_frac=0.2)])
@pytest.mark.parametrize("lengths", [(72,), (72, 50, 30)])
def test_every_setting_a_too_short_refusal_offers_is_followed_and_fits(now, lengths):
    """s29 (neighbours of a cutoff's advice): each lookback, horizon, val_frac or test_frac (or a share with a size)
    that the refusal of series too short at the fractions names, one series and a panel, is followed: the longest
    series is then cut."""
    import re

    frame = pd.concat([pd.DataFrame({"unit": f"u{i}", "ds": pd.date_range("2020-01-01", periods=n, freq="D"),
                                     "y": np.arange(n) % 7.0}) for i, n in enumerate(lengths)])
    panel = load_panel(frame if len(lengths) > 1 else frame.drop(columns="unit"), target="y",
                       id_col="unit" if len(lengths) > 1 else None, announce=False)
    with pytest.raises(RnncastError) as refused:
        cut(panel, None, DataSettings(**now))
    said = str(refused.value).split("; of the 3 series, ")[0]  # the longest series' offers: the panel's are counted
    groups = re.findall(r"\(((?:\w+=[\d.]+, --[\w-]+ [\d.]+(?:; )?)+)\)", said)  # in test_leftkeeps.py
    assert groups, said
    for group in groups:
        offer = {k: float(v) if "." in v else int(v)
                 for k, v in (part.split(", --")[0].split("=") for part in group.split("; "))}
        kept, splits, _ = cut(panel, None, DataSettings(**{**now, **offer}))
        assert splits and kept.lengths.max() == max(lengths), offer


def test_a_split_share_that_leaves_too_few_windows_is_not_offered_beside_a_lookback_that_leaves_enough():
    """t35t6's gdp_q.csv (60 quarters, lookback 50): "lookback 22 (...) leaves 20 or test_frac 0.05 (...)" read as two
    ways to 20 windows; test_frac 0.05 leaves 1, and fit then warns of too few (decision 1807)."""
    frame = pd.DataFrame({"quarter": pd.period_range("2009Q1", periods=60, freq="Q").strftime("%YQ%q"),
                          "gdp": np.arange(60.0)})
    with pytest.raises(RnncastError) as refused:
        cut(load_panel(frame, target="gdp"), None, DataSettings(lookback=50, horizon=1))
    said = str(refused.value)
    assert said.endswith("; lookback 22 (lookback=22, --lookback 22) leaves 20") and "test_frac" not in said


def test_a_validation_split_of_few_windows_is_warned_of_with_a_val_frac_that_gives_more(caplog):
    """t35t6's unemp40.csv: 40 quarters, horizon 4: val_frac 0.1 is 4 rows, one window, on which the kept epoch (and a
    tune's ranking) rested unsaid; the untrained network's advice then blamed the learning rate alone (decision 1810)."""
    frame = pd.DataFrame({"quarter": pd.period_range("2014Q1", periods=40, freq="Q").strftime("%YQ%q"),
                          "unemp": np.round(5 + np.sin(np.arange(40) / 3.0), 3)})
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 4, "horizon": 4, "epochs": 1, "lr": 1e-9}).fit(frame, target="unemp")
    said = [r.getMessage() for r in caplog.records]
    assert ("the validation split holds only 1 window (4 rows): the epoch kept and early stopping (in tune, the ranking "
            "of trials too) rest on so few values; val_frac 0.19 (val_frac=0.19, --val-frac 0.19) gives it 5, leaving "
            "the model 17 training windows") in said
    untrained = next(m for m in said if m.startswith("no epoch improved"))
    assert "; the validation split holds only 1 window (4 rows), too few to tell the epochs apart: val_frac 0.19 " \
           "(val_frac=0.19, --val-frac 0.19) gives it 5, leaving the model 17 training windows; then try a larger " \
           "learning rate" in untrained
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 4, "horizon": 4, "epochs": 1, "val_frac": 0.19}).fit(frame, target="unemp")
    assert not [r for r in caplog.records if "validation split holds only" in r.getMessage()]


def test_few_validation_windows_name_no_share_where_the_rows_were_given():
    from rnncast.cutting import few_val_windows

    thin = few_val_windows([Split(30, 34, 40)], DataSettings(lookback=4, horizon=4), fractions=False)
    assert thin.endswith("a larger val_frac (val_frac=, --val-frac, now 0.1) or more rows give more")
    assert few_val_windows([Split(30, 38, 40)], DataSettings(lookback=4, horizon=4)) is None  # 5 windows: enough


def test_the_need_leaves_out_a_part_whose_share_is_0():
    """t39t3 L2: at val_frac 0 the need said "a horizon in the validation (0%) and test (20%) rows", though there are
    no validation rows to hold one (decision 2119)."""
    from rnncast.cutting import needs_text

    assert needs_text(DataSettings(lookback=6, horizon=6, val_frac=0.0, test_frac=0.2)) == (
        "lookback 6 + horizon 6 in the training rows and a horizon in the test (20%) rows")
    assert needs_text(DataSettings(lookback=6, horizon=6, val_frac=0.1, test_frac=0.2)).endswith(
        "a horizon in the validation (10%) and test (20%) rows")
    assert needs_text(DataSettings(lookback=6, horizon=6, val_frac=0.0, test_frac=0.0)) == (
        "lookback 6 + horizon 6 in the training rows")


def test_a_panel_every_series_of_which_is_too_short_is_offered_what_keeps_most_of_it():
    """t39t3 M3: the refusal offered only what fits the longest series (1 of 40); it now says what keeps most of the
    panel too, each offer with its count (decision 2118), and the offer followed keeps that many."""
    from test_cutoffadvice import _ragged

    frame = _ragged()
    with pytest.raises(RnncastError) as refused:
        Forecaster(lookback=6, horizon=6, epochs=1).fit(frame, target="y", id_col="site", time_col="date")
    said = str(refused.value)
    assert said.startswith("every series is too short to train: ") and "the longest series ('S09', 36 rows) fits " in said
    assert said.endswith("; of the 10 series, val_frac 0 (val_frac=0, --val-frac 0) keeps 3, the cutoff 2026-04-30 "
                         "(cutoff='2026-04-30', --cutoff 2026-04-30) with val_frac 0 (val_frac=0, --val-frac 0) keeps 7 "
                         "or horizon 1 (horizon=1, --horizon 1) keeps 10")
    panel = load_panel(frame, target="y", id_col="site", time_col="date")
    assert len(cut(panel, None, DataSettings(lookback=6, horizon=6, val_frac=0.0))[1]) == 3
    assert len(cut(panel, None, DataSettings(lookback=6, horizon=6, val_frac=0.0, cutoff="2026-04-30"))[1]) == 7
    assert len(cut(panel, None, DataSettings(lookback=6, horizon=1))[1]) == 10

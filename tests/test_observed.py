"""What fit reads from observed values only (``observed.py``): the training mean, MASE's in-sample
scale and the validation loss leave out what ``fill`` made, and a panel without a made value keeps
the plain path and its numbers."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import TINY, make_frame

from rnncast import Forecaster, metrics, observed, training
from rnncast.loading import load_panel
from rnncast.windows import chronological_split, panel_window_starts

NAN = np.nan


def test_a_long_ffill_run_leaves_the_mase_scale_as_the_observed_values_give_it(caplog):
    frame = make_frame(200, feature=False)
    y = frame["y"].to_numpy(dtype=np.float64)
    frame.loc[20:80, "y"] = NAN  # the rows before the cutoff are the first 160 (decision 2173): 61 carried forward
    model = Forecaster(**TINY, fill="ffill").fit(frame, target="y")
    observed_pairs = np.r_[np.abs(np.diff(y[:20])), np.abs(np.diff(y[81:160]))]  # rows 19 -> 81 spans the gap
    assert model.mase_scales_[0, 0] == pytest.approx(observed_pairs.mean(), rel=1e-12)
    as_filled = metrics.naive_scale(frame["y"].ffill().to_numpy()[:160])
    assert as_filled < 0.65 * model.mase_scales_[0, 0]  # the zeros shrank it (61 of 159 pairs), would inflate MASE
    test = model.evaluate(frame, part="test")["original"]
    assert test["model"]["mase"] == pytest.approx(test["model"]["mae"] / model.mase_scales_[0, 0], rel=1e-6)


def test_the_training_mean_is_of_the_observed_values_before_the_cutoff():
    """FPP's MEAN: every observed row before the cutoff, the validation rows too (decision 2174)."""
    frame = make_frame(200, feature=False)
    frame.loc[30, "y"] = 10.0  # a spike ffill would carry over the 40 rows after it
    frame.loc[31:70, "y"] = NAN
    model = Forecaster(**TINY, fill="ffill").fit(frame, target="y")
    observed_mean = frame["y"].to_numpy(dtype=np.float64)[:160]  # training and validation rows
    assert model.train_means_[0, 0] == pytest.approx(np.nanmean(observed_mean), rel=1e-9)
    assert model.train_means_[0, 0] < frame["y"].ffill().to_numpy()[:160].mean() - 2  # the made tens are not in it


def test_a_target_without_two_observed_training_values_in_a_row_has_no_scale_said_by_name(caplog):
    from rnncast.runnotes import mase_note

    frame = make_frame(200, feature=False)
    frame.loc[1:159:2, "y"] = NAN  # every other value before the cutoff made: no observed difference is left
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**TINY, fill="ffill").fit(frame, target="y")
    assert np.isnan(model.mase_scales_[0, 0])
    assert any("MASE has no in-sample scale for target 'y'" in r.getMessage() and "fill 'ffill'" in r.getMessage()
               for r in caplog.records)
    result = model.evaluate(frame, part="test")
    assert np.isnan(result["original"]["model"]["mase"]) and np.isfinite(result["original"]["model"]["mse"])
    assert result["mase_excluded"]["unobserved"] == 1 and "the others made, not measured (by fill" in result["mase_excluded"]["why"]
    assert result["mase_excluded"]["causes"] == {"unobserved": 1}
    assert "no two observed values one row apart" in mase_note(result)


def test_a_panel_names_the_series_without_a_scale_and_pools_the_others(caplog):
    import pandas as pd

    a, b = make_frame(200, feature=False, seed=1), make_frame(200, feature=False, seed=2)
    b.loc[1:159:2, "y"] = NAN  # every other row before the cutoff (decision 2173)
    frame = pd.concat([a.assign(unique_id="a"), b.assign(unique_id="b")], ignore_index=True)
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**TINY, fill="ffill").fit(frame, target="y", id_col="unique_id")
    assert any("target 'y' of series 'b'" in r.getMessage() for r in caplog.records)
    result = model.evaluate(frame, part="test")
    assert np.isfinite(result["original"]["model"]["mase"]) and result["mase_excluded"]["series"] == ["b"]


def _validation(frame, fill="ffill"):
    panel = load_panel(frame, "y", time_col="date", fill=fill)
    split = chronological_split(len(panel.values), TINY["lookback"], TINY["horizon"], 0.1, 0.2)
    starts, _ = panel_window_starts([split], panel.offsets, "val", TINY["lookback"], TINY["horizon"])
    return panel, starts


def test_the_validation_mask_is_what_evaluate_scores():
    frame = make_frame(200, feature=False)
    frame.loc[[150, 151], "y"] = NAN  # validation targets (rows 140-159) made by ffill
    panel, starts = _validation(frame)
    keep = observed.validation_keep(panel, starts, TINY["lookback"], TINY["horizon"])
    rows = starts[:, None] + TINY["lookback"] + np.arange(TINY["horizon"])
    assert (~keep[..., 0] == np.isin(rows, [150, 151])).all()
    panel, starts = _validation(frame, fill="interpolate")  # inputs read row 152, a later target: windows left out
    keep = observed.validation_keep(panel, starts, TINY["lookback"], TINY["horizon"])
    reads = (starts <= 151) & (starts + TINY["lookback"] > 150)  # windows whose inputs hold 150 or 151
    assert (~keep.any(axis=(1, 2)) == (reads & (starts + TINY["lookback"] <= 152))).all()
    assert observed.validation_keep(_validation(make_frame(200, feature=False))[0], starts, 12, 3) is None


def test_early_stopping_follows_the_loss_of_the_observed_validation_targets(monkeypatch):
    import rnncast.fitting

    frame = make_frame(200, feature=False)
    frame.loc[144:152, "y"] = NAN  # flat made targets: repeat (the untrained network) forecasts them exactly
    held, seen = {}, []
    real = rnncast.fitting.fit_network

    def spy(net, train, val, settings, **options):
        held.update(net=net, val=val)
        return real(net, train, val, settings, **options)

    def on_epoch(record):  # the network holds this epoch's weights (no weight average)
        val = held["val"]
        pred = training.predict_batches(held["net"], val)  # [W, H, 1]
        y = val.windows[val.starts].transpose(1, 2)[:, TINY["lookback"]:, :1].numpy()
        keep = val.keep.numpy()
        seen.append((record.val_loss, float(np.mean(((pred - y) ** 2)[keep])), float(np.mean((pred - y) ** 2))))

    monkeypatch.setattr(rnncast.fitting, "fit_network", spy)
    Forecaster(**TINY, fill="ffill").fit(frame, target="y", on_epoch=on_epoch)
    assert held["val"].keep is not None and not held["val"].keep.all() and len(seen) == TINY["epochs"]
    for loss, masked, as_filled in seen:
        assert loss == pytest.approx(masked, rel=1e-5)
        assert as_filled < masked  # the made targets' near-zero terms would have pulled it down


def test_without_fill_the_loss_history_is_exactly_the_plain_paths(monkeypatch, fit_batches):
    frame = make_frame(200, feature=False)
    plain = Forecaster(**TINY).fit(frame, target="y").history_
    assert fit_batches["val"].keep is None  # no made value: no mask, the plain path
    monkeypatch.setattr(observed, "validation_keep", lambda panel, starts, lookback, horizon, unread=0:
                        np.ones((len(starts), horizon, 1), dtype=bool))  # the masked path, nothing masked
    masked = Forecaster(**TINY).fit(frame, target="y").history_
    assert fit_batches["val"].keep is not None
    assert [h["val_loss"] for h in masked] == [h["val_loss"] for h in plain]
    assert [h["train_loss"] for h in masked] == [h["train_loss"] for h in plain]


def test_without_fill_the_training_statistics_are_the_plain_ones():
    panel = load_panel(make_frame(200, feature=False), "y", time_col="date")
    split = chronological_split(200, 12, 3, 0.1, 0.2)
    means, scales, pairs = observed.in_sample(panel, [split], season=2)  # training and validation rows (decisions 2173, 2174)
    assert means[0, 0] == panel.values[:160, 0].mean()
    assert scales[0, 0] == metrics.naive_scale(panel.values[:160, 0], 2)
    assert pairs[0, 0] == 158  # 160 rows before the cutoff, 2 apart (decisions 2160, 2173)


def test_training_rows_shorter_than_a_season_and_one_have_no_scale_said_by_their_own_cause(caplog):
    """Decision 1830 (r35r1 finding 4): 60 weekly rows, lookback 8, season 52: the 48 rows before the cutoff (42
    training rows then, decision 2173) hold no two rows a season apart. Fit says so once, with the count, and the note
    does not blame fill, which made nothing. The count says what it counts (t41-t1 L2, decision 2247): "(48 of 53)"
    read as nothing."""
    from rnncast.runnotes import mase_note

    frame = make_frame(60, freq="W-SUN", feature=False)
    with caplog.at_level("WARNING", logger="rnncast.observed"):
        model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "season": 52}).fit(frame, target="y")
    assert np.isnan(model.mase_scales_[0, 0])
    assert [r.getMessage() for r in caplog.records if r.name == "rnncast.observed"] == [
        "MASE has no in-sample scale for target 'y' (48 rows before the cutoff): the rows before the cutoff are fewer "
        "than season + 1 = 53, so no two lie one season (52 rows) apart; its MASE is undefined and left out of the pooled MASE; every other "
        "score counts it"]
    result = model.evaluate(frame, part="test")
    assert result["mase_excluded"]["causes"] == {"short": 1} and result["mase_excluded"]["unobserved"] == 0
    assert "fewer than season + 1 = 53 rows" in mase_note(result) and "fill" not in mase_note(result)


def test_rows_missing_from_the_calendar_pair_the_scale_a_season_of_steps_apart(caplog):
    """A tester's finding (t36t4): hourly rows with 3 training hours missing got MASE's scale 24 rows back (2.5038)
    where 24 hours back gives 2.2267, so every MASE of the run read 11 % too low (decision 1885)."""
    frame = make_frame(300, feature=False)
    y = frame["y"].to_numpy(dtype=np.float64)
    gone = [100, 101, 102]  # within the training rows
    model = Forecaster(**TINY, season=24).fit(frame.drop(index=gone), target="y", time_col="date")
    train = model.state_.splits[0].val_end  # rows of the data before the cutoff, the three hours not among them
    steps = np.setdiff1d(np.arange(300), gone)[:train]
    pairs = [abs(y[p] - y[p - 24]) for p in steps if p - 24 in set(steps.tolist())]
    assert model.mase_scales_[0, 0] == pytest.approx(np.mean(pairs), rel=1e-6)
    by_rows = metrics.naive_scale(y[steps], 24)
    assert abs(model.mase_scales_[0, 0] - by_rows) > 1e-4  # the rows' lag read other hours
    plain = Forecaster(**TINY, season=24).fit(frame, target="y", time_col="date")  # no hour missing: by rows
    assert plain.mase_scales_[0, 0] == metrics.naive_scale(y[: plain.state_.splits[0].val_end], 24)


def test_a_final_fit_that_scores_nothing_does_not_warn_of_a_scale_it_never_uses(caplog):
    """Decision 2156 (t39t7): a final fit (test_frac 0, val_frac 0) makes no MASE, yet fit warned "MASE has no
    in-sample scale for target 'y' (42 of 53) ... left out of the pooled MASE". The scale stays NaN for a later
    evaluate of new rows, whose MASE note names it; a fit with validation rows, which it scores, still warns."""
    frame = make_frame(42, freq="W-SUN", feature=False)
    for val_frac, warned in ((0.0, False), (0.2, True)):
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast.observed"):
            model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "season": 52, "epochs": 1}, test_frac=0,
                               val_frac=val_frac).fit(frame, target="y")
        assert np.isnan(model.mase_scales_[0, 0])
        assert any("MASE has no in-sample scale" in r.getMessage() for r in caplog.records) is warned


def test_at_cutoffs_gives_each_window_the_rows_before_its_own_cutoff():
    """A one-model backtest's windows (decisions 2173, 2174): each window's mean baseline and MASE scale are those of
    every row of its series before its first target, series-major as ``np.nonzero(held)`` orders them; a window not
    held takes no place."""
    panel = load_panel(make_frame(200, feature=False), "y", time_col="date")
    y = panel.values[:, 0]
    first_rows, held = np.array([[120, 150, 180]]), np.array([[True, False, True]])
    means, scales, zero, pairs = observed.at_cutoffs(panel, first_rows, held, season=2)
    assert means.shape == scales.shape == zero.shape == pairs.shape == (2, 1) and not zero.any()
    for w, row in enumerate((120, 180)):
        assert means[w, 0] == pytest.approx(y[:row].mean(), rel=1e-12)
        assert scales[w, 0] == pytest.approx(metrics.naive_scale(y[:row], 2), rel=1e-12)
        assert pairs[w, 0] == row - 2  # each window's own pairs a season apart (decision 2220)

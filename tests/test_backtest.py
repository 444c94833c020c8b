"""Backtests (``backtest.py``): no window sees a row after its cutoff, refits
rescale on each window's training rows, the no-refit run is one batched pass, the outputs are
complete, and the Diebold–Mariano results of the verdict rest on the windows' own errors. What
``rnncast backtest`` writes is in test_cli_commands.py."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import rnncast.backtest
import rnncast.backtestverdict
import rnncast.fitting
import rnncast.forecasting
from conftest import TINY, make_frame, make_panel, yearly_stations
from rnncast import Forecaster, RnncastError

L, H = TINY["lookback"], TINY["horizon"]
K = 3  # windows


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)


POISON = 1e4


def _poison_after(frame: pd.DataFrame, origins: dict) -> pd.DataFrame:
    """Every target value at or after each series' origin row replaced by a large number (``POISON``: a 1e9 among
    values near 10 is a value fit names, resolution.named, decision 853)."""
    poisoned = frame.copy()
    row = poisoned.groupby("unique_id").cumcount()
    late = row >= poisoned["unique_id"].map(origins)
    poisoned.loc[late, "y"] = POISON
    return poisoned


def _origins(frame: pd.DataFrame, window: int) -> dict:
    """Row (inside its series) of window ``window``'s first forecast step, step = horizon."""
    sizes = frame.groupby("unique_id").size()
    return {uid: n - H - (K - 1 - window) * H for uid, n in sizes.items()}


@pytest.mark.parametrize("refit", [False, True], ids=["one-model", "refit"])
def test_backtest_windows_never_see_rows_after_their_origin(frame, refit):
    """Poison every row from window 1's origin on: windows 0 and 1 keep their forecasts bit for bit,
    window 2 (whose inputs or training rows hold poisoned values) does not."""
    f = Forecaster(**TINY)
    clean = f.backtest(frame, n_windows=K, refit=refit).forecasts
    dirty = f.backtest(_poison_after(frame, _origins(frame, 1)), n_windows=K, refit=refit).forecasts
    for window in (0, 1):
        a, b = clean[clean.window == window], dirty[dirty.window == window]
        assert np.array_equal(a["y_hat"].to_numpy(), b["y_hat"].to_numpy()), f"window {window} changed"
        assert np.array_equal(a["y_repeat"].to_numpy(), b["y_repeat"].to_numpy())
    later = dirty[dirty.window == 2]
    assert not np.array_equal(clean[clean.window == 2]["y_hat"].to_numpy(), later["y_hat"].to_numpy())
    assert (dirty[dirty.window == 1]["y"] == POISON).all()  # the truth of window 1 was poisoned, its forecast was not


def test_refit_trains_each_window_on_the_rows_before_its_origin_with_a_fresh_scaler(monkeypatch, frame):
    fits = []
    real = rnncast.fitting.prepare

    def spy(panel, splits, *args, **kwargs):
        out = real(panel, splits, *args, **kwargs)
        fits.append((panel, list(splits), list(out.state.scalers)))
        return out

    monkeypatch.setattr(rnncast.fitting, "prepare", spy)
    Forecaster(**TINY).backtest(frame, n_windows=K, refit=True)
    assert len(fits) == K
    for window, (panel, splits, scalers) in enumerate(fits):
        origins = _origins(frame, window)
        for s, uid in enumerate(panel.ids):
            assert splits[s].end == splits[s].val_end == origins[uid]  # nothing at or after the origin
            train = panel.rows(s)[: splits[s].train_end, 0].astype(np.float64)
            assert scalers[s].offset[0] == pytest.approx(train.mean(), rel=1e-9)
    assert fits[0][2][0].offset[0] != fits[1][2][0].offset[0]  # refitted, not reused


def test_each_refit_speaks_as_its_cutoff(monkeypatch, frame):
    """A tester's finding (t30t10): --refit printed "the best epoch was the last (3 of 3)" once per cutoff, the three
    lines alike; each fit now speaks as its cutoff and its date, as the table's row names it ("cutoff 2 of 3 (forecasts
    from 2023-10-11): the best epoch ..." under ``named_logs``)."""
    from rnncast import speakers
    from rnncast.backtestpage import window_dates

    said = []
    real = rnncast.fitting.prepare

    def spy(*args, **kwargs):
        said.append(speakers.speaker())
        return real(*args, **kwargs)

    monkeypatch.setattr(rnncast.fitting, "prepare", spy)
    bt = Forecaster(**TINY).backtest(frame, n_windows=K, refit=True)
    dates = window_dates(bt.metrics["windows"])  # each named by its date, as the table's row: 2 of 3 is not enough
    assert None not in dates and len(set(dates)) == K and all(d[:2] == "20" for d in dates)
    assert said == [f"cutoff {j + 1} of {K} (forecasts from {d})" for j, d in enumerate(dates)]
    with speakers.speaking_as("model 'r1'"):  # a name already given is kept before it
        said.clear()
        bt = Forecaster(**TINY).backtest(frame, n_windows=2, refit=True)
    assert said == [f"model 'r1', cutoff {j + 1} of 2 (forecasts from {d})"
                    for j, d in enumerate(window_dates(bt.metrics["windows"]))]
    said.clear()  # a whole-number time axis: the window's first step number, as its table row
    bt = Forecaster(**TINY).backtest(frame.drop(columns="ds"), n_windows=2, refit=True)
    assert said == [f"cutoff {j + 1} of 2 (forecasts from {w['first_step'][0]}"
                    + ("" if w["first_step"][0] == w["first_step"][1] else f" to {w['first_step'][1]}") + ")"
                    for j, w in enumerate(bt.metrics["windows"])]
    said.clear()
    Forecaster(**TINY).backtest(frame, n_windows=2)  # one model: no cutoff to name
    assert said == [None]


def test_without_refit_every_window_is_forecast_in_one_batched_pass(monkeypatch, frame):
    calls = []
    real = rnncast.forecasting.predict_batches

    def spy(net, batches):
        calls.append(len(batches))
        return real(net, batches)

    monkeypatch.setattr(rnncast.forecasting, "predict_batches", spy)
    result = Forecaster(**TINY).backtest(frame, n_windows=K)
    assert calls == [3 * K]  # one call over 3 series x K windows
    assert result.metrics["seconds"]["predict"] < result.metrics["seconds"]["fit"]
    assert 0 < result.metrics["seconds"]["train"] <= result.metrics["seconds"]["fit"]  # the loop, within (decision 1970)


def test_backtest_reports_metrics_per_window_and_overall_beside_the_baselines(frame):
    result = Forecaster(**{**TINY, "season": 12}).backtest(frame, n_windows=K, step=2)
    m = result.metrics
    assert [w["window"] for w in m["windows"]] == list(range(K)) and m["step"] == 2 and m["refit"] is False
    for scores in m["windows"] + [m["overall"]]:
        assert {"model", "repeat", "mean", "seasonal"} <= set(scores)
        assert all(np.isfinite(scores["model"][k]) for k in ("mse", "mae", "mase", "smape_pct"))
    assert len(result.forecasts) == 3 * K * H
    assert (pd.to_datetime(result.forecasts["cutoff"]) < pd.to_datetime(result.forecasts["ds"])).all()
    errors = result.forecasts["y_hat"] - result.forecasts["y"]
    assert m["overall"]["model"]["mae"] == pytest.approx(np.mean(np.abs(errors)), rel=1e-6)
    last = result.forecasts.groupby("unique_id")["ds"].max()
    assert (last == frame.groupby("unique_id")["ds"].max()).all()  # the last window ends with each series


def test_a_series_too_short_to_backtest_is_reported(frame, caplog):
    short = pd.DataFrame({"unique_id": "tiny", "ds": pd.date_range("2024-01-01", periods=30, freq="h"), "y": np.arange(30.0)})
    result = Forecaster(**TINY).backtest(pd.concat([frame, short]), n_windows=K)
    assert [d["id"] for d in result.metrics["skipped_series"]] == ["tiny"] and "'tiny' (30 rows)" in caplog.text
    assert "tiny" not in set(result.forecasts["unique_id"])
    # t32t8 L5: the record said "too short to train" beside the warning's "too short for this backtest"; one wording
    assert result.metrics["skipped_series"][0]["reason"] == "too short for this backtest"  # decision 1582
    assert "too short for this backtest and is left out" in caplog.text and "too short to train" not in caplog.text
    from rnncast.backtestpage import skipped
    assert skipped(result.metrics["skipped_series"]) == ["1 too short"]  # the page counts and says it as before


def test_backtest_of_a_single_series():
    frame = make_panel(1, lengths=(150, 150)).drop(columns="unique_id")
    result = Forecaster(**TINY).backtest(frame, n_windows=2, target="y")
    assert "unique_id" not in result.forecasts and len(result.forecasts) == 2 * H


def test_backtest_refuses_bad_window_settings(frame):
    with pytest.raises(RnncastError, match=r"n_windows \(--n-windows\) must be a positive integer"):
        Forecaster(**TINY).backtest(frame, n_windows=0)
    with pytest.raises(RnncastError, match="every series is too short"):
        Forecaster(**TINY).backtest(frame, n_windows=200)


def test_a_single_series_too_short_for_its_origins_is_named_as_the_series_not_none():
    import pytest

    from conftest import TINY, make_frame
    from rnncast import Forecaster
    from rnncast.errors import RnncastError

    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).backtest(make_frame(200), n_windows=10000, target="y")
    assert str(err.value).startswith("the series is too short for this backtest: 200 rows") and "None" not in str(err.value)


def test_backtest_counts_a_repeated_value_inside_its_interval():
    """As evaluate: coverage is counted in scaled units, so a test value equal to the forecast
    (an untrained quantile head on a sticky price) is inside, with and without refit."""
    rng = np.random.default_rng(3)
    moves = rng.random(600) < 0.04
    frame = pd.DataFrame({"y": 100.123456789 + np.cumsum(np.where(moves, rng.normal(0, 1.5, 600), 0.0))})
    for refit in (False, True):
        model = Forecaster(**{**TINY, "epochs": 1, "lr": 1e-9}, quantiles=(0.1, 0.5, 0.9))
        result = model.backtest(frame, n_windows=3, target="y", refit=refit)
        assert result.metrics["overall"]["model"]["coverage_80"] > 0.5, refit


def test_a_single_series_is_tested_over_its_origins_in_original_units():
    """The verdict's Diebold–Mariano results are those of the forecasts the backtest wrote, per origin."""
    from rnncast.significance import diebold_mariano_cutoffs

    frame = make_panel(1, lengths=(150, 150)).drop(columns="unique_id")
    result = Forecaster(**TINY).backtest(frame, n_windows=4, step=2, target="y")
    m, f = result.metrics, result.forecasts
    assert m["verdict_units"] == "original" and set(m["significance"]) == {"repeat", "mean"}
    shape = (4, H, 1)
    for name in ("repeat", "mean"):
        expected = diebold_mariano_cutoffs((f["y_hat"] - f["y"]).to_numpy().reshape(shape),
                                           (f[f"y_{name}"] - f["y"]).to_numpy().reshape(shape), f["window"].to_numpy()[::H],
                                           H, 2)
        assert m["significance"][name] == pytest.approx(expected)
    assert m["significance"]["repeat"]["lags"] == -(-H // 2) - 1
    assert "Over every window, the model " in result.figure().get_suptitle()


@pytest.mark.parametrize("refit", [False, True], ids=["one-model", "refit"])
def test_a_panel_is_tested_in_scaled_units_each_origin_once(frame, refit):
    result = Forecaster(**TINY).backtest(frame, n_windows=K, refit=refit)
    m = result.metrics
    assert m["verdict_units"] == "scaled" and m["overall_scaled"]["model"]["mse"] != m["overall"]["model"]["mse"]
    dates = result.forecasts["cutoff"].nunique()  # the series end at other hours: each window's cutoff a date of its own
    _, reach = rnncast.backtestverdict.test_cutoffs(result.panel, result.cutoffs + 1, H, H)
    assert dates == m["cutoff_dates"] == 3 * K and all(t["origins"] == dates and t["lags"] == reach - 1
                                                       for t in m["significance"].values())  # each date once


def test_a_backtest_whose_first_model_trains_on_very_few_windows_says_how_many(caplog):
    y = np.sin(np.arange(60) / 3.0)  # before the first of 3 origins 3 steps apart: 51 rows, 46 for training
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 30, "epochs": 1}).backtest(y, n_windows=3)
    said = [r.getMessage() for r in caplog.records if "trains on only" in r.getMessage()]
    assert said == ["the model trains on only 14 windows (lookback 30 + horizon 3 in 46 training rows), too few to learn "
                    "much from; a shorter lookback (lookback=, --lookback) or more rows give it more"]


@pytest.mark.parametrize("refit", [False, True], ids=["one-model", "refit"])
def test_values_fill_made_are_flagged_and_left_out_of_the_backtests_scores(refit):
    """Rows 145-146 of 150 missing and interpolated from row 147. The origins are rows 145, 146, 147
    (step 1): the first window's targets 145-146 were made, so they are flagged and not scored; the
    other two windows' inputs hold a value made from row 147, at or after their origin, so they are
    left out whole."""
    frame = make_panel(1, lengths=(150, 150)).drop(columns="unique_id")
    frame.loc[145:146, "y"] = np.nan
    result = Forecaster(**TINY, fill="interpolate").backtest(frame, n_windows=3, step=1, target="y", refit=refit)
    f, m = result.forecasts, result.metrics
    assert (f["y_filled"] == f["ds"].isin(frame.loc[145:146, "ds"])).all()  # in every window that forecasts them
    assert f.groupby("window")["left_out"].first().tolist() == [False, True, True]
    keep = ~f["y_filled"] & ~f["left_out"]  # the first window's last target alone
    assert keep.sum() == 1
    assert m["overall"]["model"]["mse"] == pytest.approx(((f["y_hat"] - f["y"])[keep] ** 2).mean())
    assert m["overall"]["repeat"]["mse"] == pytest.approx(((f["y_repeat"] - f["y"])[keep] ** 2).mean())
    assert np.isnan(m["significance"]["repeat"]["p_value"])  # one origin left: no test
    assert (m["scored"]["filled_targets"], m["scored"]["windows_left_out"], m["scored"]["windows_scored"]) == (2, 2, 1)
    later = "inputs filled from later rows"  # the table's row says why (backtestpage), not a row of nan (1225)
    assert [w.get("left_out") for w in m["windows"]] == [None, later, later]
    from rnncast.runnotes import unscored_note
    assert unscored_note(m).startswith("Values that fill made are not scored: 2 target values")
    assert result.notes == [unscored_note(m)]  # the note rnncast backtest prints, in Python too
    ax = result.figure().axes[0]
    drawn = [np.asarray(line.get_ydata(), float) for line in ax.lines if line.get_color() != "black"]
    assert sum(np.isnan(y).all() for y in drawn) >= 4  # the two windows left out: forecast and repeat, not drawn


def test_a_backtest_whose_model_is_the_repeat_forecast_says_no_test_against_it_was_made():
    """An untrained network (its forecasts are Repeat's): the sentence explained a test that was never
    made against the baseline it names (an attack helper's run)."""
    from rnncast.backtestverdict import backtest_verdict

    y = np.sin(np.arange(300) / 4.0) + 0.1 * np.random.default_rng(0).normal(size=300)
    result = Forecaster(**{**TINY, "epochs": 1, "lr": 1e-12, "highway": False}).backtest(y, n_windows=6)
    m = result.metrics
    m["significance"]["repeat"].update(statistic=float("nan"), p_value=float("nan"))  # as when float32 leaves no difference
    good, text = backtest_verdict(m)
    assert not good and "its forecasts are the baseline's" in text
    assert "No test against the 'repeat the last value' baseline could be made (the loss differences do not vary); against the others, " \
           "the Diebold–Mariano test runs over the 6 cutoffs" in text


def test_every_word_a_backtest_says_calls_its_times_cutoffs_as_forecasts_csv_does(frame, tmp_path, capsys):
    """The repr, figure title, verdict, report page and CLI help said "forecast origins" where forecasts.csv
    and the figure's legend say ``cutoff`` (Darts', NeuralForecast's, statsforecast's word): one name."""
    from rnncast.cli import main
    from rnncast.backtestfolder import write_backtest

    result = Forecaster(**TINY).backtest(frame, n_windows=K)
    write_backtest(tmp_path / "bt", result, dict(TINY))
    with pytest.raises(SystemExit):
        main(["backtest", "--help"])
    said = [repr(result), result.figure().get_suptitle(), result.verdict,
            (tmp_path / "bt" / "report.html").read_text(), capsys.readouterr().out]
    assert [i for i, text in enumerate(said) if "cutoff" not in text] == []
    assert not [text for text in said if re.search(r"\borigins?\b", text, re.I)]  # not "original units"


def test_a_backtests_cutoffs_are_the_rows_its_forecasts_csv_names_as_cutoff():
    """Backtest.cutoffs held each window's first target row, one after the row forecasts.csv's cutoff column
    names: one word, two rows. It is the cutoff now, the last row each window reads (decision 209)."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=150, freq="D"),
                          "y": np.sin(np.arange(150) / 4.0) + np.random.default_rng(0).normal(0, 0.1, 150)})
    result = Forecaster(**TINY).backtest(frame, n_windows=3, step=5, target="y")
    named = result.forecasts.groupby("window")["cutoff"].first().to_numpy()
    assert list(frame["ds"].to_numpy()[result.cutoffs[0]]) == list(named)
    first = result.forecasts.groupby("window")["ds"].first().to_numpy()
    assert list(frame["ds"].to_numpy()[result.cutoffs[0] + 1]) == list(first)


@pytest.mark.parametrize("ids", [[101, 102, 103], pd.Categorical(["a", "b", "c"]), ["a", "b", "c"]],
                         ids=["integers", "categorical", "text"])  # text: pandas' str, as predict gives it (not object)
def test_a_backtests_forecasts_and_left_out_series_name_ids_as_the_caller_gave_them(ids, caplog):
    rng = np.random.default_rng(0)
    lengths = [60, 60, 8]  # the last too short
    frame = pd.DataFrame({"unique_id": np.repeat(list(ids), lengths), "ds": np.concatenate([np.arange(n) for n in lengths]),
                          "y": rng.normal(size=sum(lengths))})
    if isinstance(ids, pd.Categorical):
        frame["unique_id"] = frame["unique_id"].astype("category")
    with caplog.at_level("WARNING"):
        result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=2)
    short = list(ids)[2]
    assert result.forecasts["unique_id"].dtype == frame["unique_id"].dtype  # 101, not '101'; categories kept
    assert result.forecasts["unique_id"].unique().tolist() == list(ids)[:2]
    assert result.metrics["skipped_series"][0]["id"] == short
    assert f"is left out: {short!r} (8 rows)" in caplog.text


def test_a_backtest_too_long_for_the_data_says_what_else_would_do():
    """66 monthly rows, 3 cutoffs of horizon 6: the refusal said how many rows were needed and nothing else,
    though fewer cutoffs or a larger validation share would have run (a newcomer found --val-frac 0.2 by trying).
    73 rows, not 76, since rounding gives 55 rows 6 of validation (decision 598)."""
    frame = pd.DataFrame({"ds": pd.date_range("2019-01-01", periods=66, freq="MS"), "y": np.sin(np.arange(66.0))})
    with pytest.raises(RnncastError, match=r"it needs at least 73 rows \(.*\); the series \(66 rows\) fits horizon 5 "
                                           r"\(horizon=5, --horizon 5\), n_windows 1 \(n_windows=1, --n-windows 1\), step 2 "
                                           r"\(step=2, --step 2\) or val_frac 0.12 \(val_frac=0.12, --val-frac 0.12\)$"):  # not lookback
        Forecaster(**{**TINY, "lookback": 12, "horizon": 6}).backtest(frame, target="y", n_windows=3)


def test_a_test_frac_or_a_step_that_would_have_no_effect_is_refused(frame, tmp_path, capsys):
    """backtest --test-frac 0.2 and 0.5 wrote the same forecasts.csv (and config.json recorded it), and
    --n-windows 1 --step 50 the same as --step 3: the windows are n_windows cutoffs step rows apart. backtest
    has no --test-frac (its help and docs/cli.md offered it, "(default: 0.2)", and every value was refused)."""
    from rnncast.cli import main

    with pytest.raises(RnncastError, match=r"^step=5 \(--step\) has no effect with a single window \(n_windows=1, "
                                           r"--n-windows 1\): .*leave it out \(its default is the horizon, 3\)"):
        Forecaster(**TINY).backtest(frame, n_windows=1, step=5)
    data = tmp_path / "d.csv"
    frame.to_csv(data, index=False)
    for flags, says in ((["--test-frac", "0.5"], "backtest has no --test-frac: its windows are the last --n-windows "
                                                 "cutoffs of every series"),
                        (["--n-windows", "1", "--step", "50"], "step=50 (--step) has no effect")):
        try:  # an unknown flag: argparse exits
            code = main(["backtest", str(data), "--target", "y", "--id-col", "unique_id", "--epochs", "1", "--out",
                         str(tmp_path / "bt"), *flags])
        except SystemExit as exit:
            code = exit.code
        err = capsys.readouterr().err
        assert code == 2 and says in err and "Traceback" not in err
        assert not (tmp_path / "bt").exists()
    from rnncast.cli.parser import build_parser

    helped = [sub for sub in build_parser()._subparsers._group_actions[0].choices.items() if sub[0] == "backtest"]
    assert "--test-frac" not in helped[0][1].format_help() and "--val-frac" in helped[0][1].format_help()


def test_a_test_frac_of_the_forecasters_settings_and_a_step_of_the_default_are_taken(frame, tmp_path, capsys):
    """Forecaster(test_frac=0.3).fit(df).backtest(df), and a loaded model fitted with --test-frac 0.3, were refused
    "leave test_frac out" though backtest was given none (fit's setting, kept by the Forecaster); --n-windows 1
    --step 3 with horizon 3 was refused, though 3 is the step one window runs with by default."""
    from rnncast.cli import main

    fitted = Forecaster(**TINY, test_frac=0.3).fit(frame)
    fitted.save(tmp_path / "m")
    for model in (Forecaster(**TINY, test_frac=0.3), fitted, Forecaster.load(tmp_path / "m")):
        model.backtest(frame, n_windows=1)
    given, default = (Forecaster(**TINY).backtest(frame, n_windows=1, **step) for step in ({"step": 3}, {}))
    assert given.forecasts.equals(default.forecasts)
    data = tmp_path / "d.csv"
    frame.to_csv(data, index=False)
    code = main(["backtest", str(data), "--target", "y", "--id-col", "unique_id", "--epochs", "1", "--horizon", "3",
                 "--n-windows", "1", "--step", "3", "--out", str(tmp_path / "bt")])
    assert code == 0, capsys.readouterr().err


def _monthly(ends_early: int = 0) -> pd.DataFrame:
    """Three monthly series from 2017-01; the second ends ``ends_early`` months before the others."""
    rng = np.random.default_rng(7)
    parts = []
    for i, n in enumerate((96, 96 - ends_early, 96)):
        t = np.arange(n)
        parts.append(pd.DataFrame({"unique_id": f"s{i}", "ds": pd.date_range("2017-01-01", periods=n, freq="MS"),
                                   "y": (i + 2) * (5 + np.sin(2 * np.pi * t / 12)) + rng.standard_normal(n)}))
    return pd.concat(parts, ignore_index=True)


def test_when_every_series_shares_its_cutoffs_the_test_groups_by_window_as_before():
    """The Diebold–Mariano test's groups are the cutoff dates; where the series share them, those are the
    window numbers the test was grouped by before, with the same lags: the same test, bit for bit."""
    from rnncast.significance import diebold_mariano_cutoffs

    result = Forecaster(**TINY).backtest(_monthly(), n_windows=4, step=2)
    groups, reach = rnncast.backtestverdict.test_cutoffs(result.panel, result.cutoffs + 1, H, 2)
    window = np.tile(np.arange(4), 3)
    assert np.array_equal(groups, window) and reach == 2 and result.metrics["cutoff_dates"] == 4
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((2, 12, H, 1))
    for h in (3, 2, 1):  # windows 2 steps apart: 2, 1 and 1 cutoffs reached
        before = diebold_mariano_cutoffs(a, b, window, h, 2)
        after = diebold_mariano_cutoffs(a, b, *rnncast.backtestverdict.test_cutoffs(result.panel, result.cutoffs + 1, h, 2), 1)
        assert after == before
    assert "each cutoff's loss differences summed over the 3 series" in result.verdict


def test_series_ending_on_different_dates_are_tested_by_cutoff_date():
    """One series of three ended 6 months early: the test pooled its cutoffs with the others' of the same window
    number (3 groups, 2 degrees of freedom) while the verdict said each cutoff's differences were summed over the
    series; its cutoffs are dates of their own (6 dates), and those 2 months from the others' overlap them in time."""
    result = Forecaster(**TINY).backtest(_monthly(ends_early=6), n_windows=3, step=4)
    m = result.metrics
    assert result.forecasts["cutoff"].nunique() == m["cutoff_dates"] == 6
    assert all(t["origins"] == 6 and t["lags"] == 1 for t in m["significance"].values())
    assert "(the 3 series end on 2 different dates: 6 cutoff dates in all), each date's loss differences summed over " \
           "the series cut off at it" in result.verdict
    assert "each cutoff's loss differences summed" not in result.verdict
    assert "Student's t at 1 degree of freedom (EWC's fixed-smoothing reference)" in result.verdict  # 6 cutoffs: 1 cosine term


def test_a_backtest_at_a_cutoff_forecasts_every_series_from_that_date_on(caplog):
    """With the cutoff setting the cutoffs were still counted back from each series' end, the setting passed over:
    every series' first window now reads up to it, the next ones step after it, and a series whose last window
    would run past its end is left out by name."""
    frame = _monthly(ends_early=6)
    result = Forecaster(**TINY, cutoff="2023-06-01").backtest(frame, n_windows=3, step=4)
    assert sorted(result.forecasts["cutoff"].unique()) == list(pd.to_datetime(["2023-06-01", "2023-10-01", "2024-02-01"]))
    assert result.metrics["cutoff_dates"] == 3 and result.metrics["skipped_series"] == []
    with caplog.at_level("WARNING", logger="rnncast"):
        late = Forecaster(**TINY, cutoff="2024-01-01").backtest(frame, n_windows=3, step=4)  # s1 ends 2024-06
    assert late.metrics["skipped_series"][0]["id"] == "s1" and "up to the cutoff 2024-01-01" in caplog.text


def test_a_backtest_at_a_cutoff_says_on_its_page_how_it_ran_and_why_a_series_was_left_out(tmp_path):
    """A finance tester's backtest at --cutoff 2024-10-15: its page said "3 cutoffs 8 steps apart counted back from
    each series' end" and "Too short to backtest, left out: DELIST (690 rows, needs 99)" of a ticker with no row after
    the cutoff; its test sentence said the series "end on 2 different dates" where one calendar's holiday set one
    ticker's later cutoffs apart."""
    from rnncast.backtestfolder import write_backtest

    frame = _monthly(ends_early=6)
    late = Forecaster(**TINY, cutoff="2024-01-01").backtest(frame, n_windows=3, step=4)  # s1 ends 2024-06
    write_backtest(tmp_path / "bt", late, dict(TINY))
    page = (tmp_path / "bt" / "report.html").read_text()
    assert "3 cutoffs 4 steps apart from the cutoff 2024-01-01 on (each series&#x27; steps on its own calendar)" in page
    assert "Too few rows up to the cutoff or after it, left out: &#x27;s1&#x27; (" in page and "Too short" not in page
    assert late.metrics["cutoff"] == "2024-01-01" and "counted back" not in page
    back = Forecaster(**TINY).backtest(frame, n_windows=3, step=4)
    write_backtest(tmp_path / "back", back, dict(TINY))
    assert "3 cutoffs 4 steps apart counted back from each series&#x27; end" in (tmp_path / "back" / "report.html").read_text()


def test_a_series_left_out_at_a_backtests_cutoff_needs_rows_up_to_it_and_after_it_not_a_sum(caplog):
    """A tester's 'early' (120 rows up to the cutoff, 0 after) read "needs 35 rows" in --by-series-csv and
    metrics.json's skipped_series (its 'needed' the sum), where the warning said "26 rows up to the cutoff and 9
    after it": the record adds ``cutoff_needs`` and says that (decision 1820); ``needed`` kept for readers of it."""
    from rnncast.cli.byseries import not_scored

    with caplog.at_level("WARNING", logger="rnncast"):
        late = Forecaster(**TINY, cutoff="2024-01-01").backtest(_monthly(ends_early=6), n_windows=3, step=4)
    record, = late.metrics["skipped_series"]
    up, after = record["cutoff_needs"]
    assert after == 3 + 2 * 4 and record["needed"] == up + after and record["cutoff_rows"][1] < after
    assert f"needs {up} rows up to the cutoff 2024-01-01" in caplog.text and f"and {after} after it" in caplog.text
    assert not_scored({**record, "reason": "too few rows up to the cutoff or after it"}).endswith(
        f"; needs {up} rows up to the cutoff and {after} after it)")


def test_a_backtest_cutoff_too_near_the_end_says_how_many_windows_fit_not_that_long_series_are_short(caplog):
    """A retail tester's 156-row stores were "too short to train ... each needs at least 107 rows": four cutoffs 8
    steps apart from the cutoff reached past the data's end, which the message never said."""
    frame = _monthly(ends_early=6)
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY, cutoff="2024-01-01").backtest(frame, n_windows=5, step=4)
    said = str(err.value)
    assert said.startswith("every series lacks the rows the cutoff needs: 's0' (")
    assert " up to it, 11 after)" in said and "and 19 after it (5 cutoffs 4 steps apart from it" in said
    assert "the data ends at 2024-12-01, 11 rows after the cutoff at most: 1 window fit there (n_windows=1, " \
           "--n-windows 1, step left out), or give a cutoff from 2019-02-01 to 2022-11-01 (cutoff='2022-11-01', --cutoff 2022-11-01)" \
        in said  # 19 rows before the end of the series that ends first (decision 854; 1306: the first model's rows)
    assert "too short" not in said
    for cutoff, n_windows, step in (("2024-01-01", 1, None), ("2022-11-01", 5, 4)):  # each offer followed keeps
        caplog.clear()  # every series (1328)
        Forecaster(**TINY, cutoff=cutoff).backtest(frame, n_windows=n_windows, step=step)
        assert "left out" not in caplog.text, (cutoff, caplog.text)


@pytest.mark.parametrize("val_frac, needed, says", [  # the settings that fit alone, as fit's refusal names them
    (0.1, 150, "; the series (96 rows) fits horizon 1 (horizon=1, --horizon 1), n_windows 22 (n_windows=22, "
               "--n-windows 22) or step 1 (step=1, --step 1)"),  # the default step offered lower: decision 2253
    (0.3, 158, "; the series (96 rows) fits horizon 1 (horizon=1, --horizon 1), n_windows 19 (n_windows=19, "
               "--n-windows 19) or step 1 (step=1, --step 1)")])
def test_a_too_short_refusal_offers_only_what_lowers_the_rows_needed(val_frac, needed, says):
    """96 rows, lookback 24, horizon 3, 40 cutoffs: the refusal said "a larger validation share ... need[s] fewer",
    though with 0.3 it needed 158 rows, not 150: the training rows bind, and a larger share takes rows from them."""
    frame = pd.DataFrame({"ds": pd.date_range("2017-01-01", periods=96, freq="MS"), "y": np.sin(np.arange(96.0))})
    with pytest.raises(RnncastError, match=f"it needs at least {needed} rows") as refused:
        Forecaster(**{**TINY, "lookback": 24, "val_frac": val_frac}).backtest(frame, target="y", n_windows=40)
    assert str(refused.value).endswith(says)


@pytest.mark.parametrize("n_windows, step, refusal", [
    (2 ** 70, None, r"^n_windows \(--n-windows\) 1180591620717411303424 is out of range: accepted are whole numbers from 1 to 2\*\*63 - 1$"),
    (3, 10 ** 23 - 1, r"^step \(--step\) 99999999999999999999999 is out of range: accepted are whole numbers from 1 to 2\*\*63 - 1$"),
    (2 ** 62, None, r"^the series is too short for this backtest: 120 rows; it needs at least 13835058055282163\d+ rows .* of "
                    r"4611686018427387904 cutoffs 3 steps apart"),
    (5, 2 ** 62, r"^the series is too short for this backtest: 120 rows; it needs at least 18446744073709551\d+ rows"),
])
def test_cutoffs_past_any_series_are_refused_in_one_line_not_overflowed(n_windows, step, refusal):
    """n_windows=2**70 failed in np.arange, step=10**23 in NumPy's int64 (OverflowError), n_windows=2**62 asked for an
    array of every cutoff, and 4 steps of 2**62 wrapped to 0 rows in int64, as if every cutoff were at the end."""
    frame = make_panel(1, seed=2).drop(columns="unique_id").head(120)
    with pytest.raises(RnncastError, match=refusal):
        Forecaster(**TINY).backtest(frame, n_windows=n_windows, step=step)


@pytest.mark.parametrize("rename, read, expected", [
    ({"ds": "cutoff"}, {"time_col": "cutoff"}, "the time column is named 'cutoff', the name rnncast writes for each "
                                               "window's cutoff"),
    ({"unique_id": "window"}, {"id_col": "window"}, "the id column is named 'window'"),
    ({"unique_id": "y_repeat"}, {"id_col": "y_repeat"}, "the 'repeat the last value' baseline of target 'y'"),
], ids=["time cutoff", "id window", "id y_repeat"])
def test_a_column_named_as_a_forecast_column_is_refused_before_any_model_trains(monkeypatch, frame, rename, read,
                                                                                expected):
    """forecasts' cutoff, window and baseline columns held the caller's times or ids, or the reverse, unsaid."""
    monkeypatch.setattr(rnncast.backtest, "_fit", lambda *a, **k: pytest.fail("a model was trained"))
    with pytest.raises(RnncastError, match="rename the column") as err:
        Forecaster(**TINY).backtest(frame.rename(columns=rename), n_windows=K, **read)
    assert expected in str(err.value)


def test_targets_sales_and_sales_hat_are_refused_not_written_over_each_other(monkeypatch):
    """forecasts' sales_hat held the target sales_hat's actual values, not the forecast of sales."""
    monkeypatch.setattr(rnncast.backtest, "_fit", lambda *a, **k: pytest.fail("a model was trained"))
    data = make_panel(2, seed=4).rename(columns={"y": "sales"})
    data["sales_hat"] = data["sales"] * 2 + 5
    with pytest.raises(RnncastError, match="the target column is named 'sales_hat', the name rnncast writes for the "
                                           "forecast of target 'sales'"):
        Forecaster(**TINY).backtest(data, n_windows=K, target=["sales", "sales_hat"])


def test_backtest_notes_smape_where_actual_values_are_zero():
    """As evaluate's (decision 502): an intermittent series' backtest scored sMAPE at 200 % at each 0, unsaid; its
    table has no MAPE column, so the note says nothing of MAPE (a tester's find, 1228)."""
    frame = pd.DataFrame({"y": np.maximum(np.sin(0.3 * np.arange(300)), 0) * 10})
    result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=3)
    zeros = result.metrics["zero_actuals"]
    assert 0 < zeros["zeros"] < zeros["values"] == 3 * TINY["horizon"]
    assert any(n.startswith("The model's sMAPE counts 200 %, its bound, at ") and f" {zeros['at_bound']} forecast step"
               in n for n in result.notes)  # MAPE's share of steps is not said beside a table without MAPE (1228)
    assert not any("MAPE is" in n for n in result.notes)
    assert "zero_actuals" not in Forecaster(**{**TINY, "epochs": 1}).backtest(frame + 1, n_windows=3).metrics


def test_a_panel_s_backtest_judges_zero_actuals_in_each_series_own_scale():
    """As evaluate's (decision 869): SHIB's prices at 2e-5 beside BTC's 60000 are not float rounding's 0s."""
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"id": s, "y": lv * np.exp(np.cumsum(rng.normal(0, 0.02, 120)))})
                       for s, lv in (("BTC", 60000), ("SHIB", 2e-5))], ignore_index=True)
    result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=2, target="y", id_col="id")
    assert "zero_actuals" not in result.metrics and not any("MAPE" in n for n in result.notes)
    assert np.isfinite(result.metrics["overall"]["model"]["mape_pct"])


def test_windows_that_span_calendar_steps_the_data_lacks_are_warned_of_as_evaluate_does(caplog):
    """Two days missing inside the last windows: backtest scored 07-11 and 07-14 as one window's steps 1 and 2 and
    said nothing, where evaluate counts such windows (a tester's finding, decision 557)."""
    import logging

    frame = make_frame(200, freq="D").drop(index=[193, 194])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = Forecaster(**TINY).backtest(frame, n_windows=3, target="y")
    # the window cut at the missing 07-12 is left out (calendarcuts); the one before forecasts 07-12 unscored
    # (stepactuals), its inputs consecutive; the one after reads the missing days among its inputs
    assert result.metrics["windows_left_out"]["windows"] == 1 and result.metrics["scored"]["missing_steps"] == 1
    spanning = result.metrics["across_gaps"]["windows"]
    assert spanning == 1 and any("1 of the 2 windows span calendar steps missing from the data" in r.getMessage()
                                 for r in caplog.records)
    assert "across_gaps" not in Forecaster(**TINY).backtest(make_frame(200, freq="D"), n_windows=3, target="y").metrics


def test_a_wide_table_without_time_groups_its_windows_by_the_rows_its_series_share():
    """Without time a backtest's test summed windows of one number, though a wide table's column ending 20 rows
    earlier forecasts other rows; its series share the table's rows, as dated series share dates (decision 560)."""
    t = np.arange(120)
    c = 100 + t * 0.5
    c[100:] = np.nan
    table = pd.DataFrame({"a": 10 + np.sin(t / 5.0), "b": 50 + 2 * np.cos(t / 7.0), "c": c})
    result = Forecaster(**TINY).backtest(table, n_windows=2, series="all")
    assert result.metrics["cutoffs_on"] == "rows" and result.metrics["cutoff_dates"] == 4  # a, b end on 119; c on 99
    assert "(the 3 series end on 2 different rows: 4 cutoff rows in all)" in result.said.verdict


def test_a_wide_backtests_page_names_the_tables_columns_not_rnncasts_long_names(tmp_path):
    """Its "Data and settings" said "series (wide columns): y" and "id column: unique_id" (decision 560)."""
    import json

    from rnncast.backtestfolder import write_backtest

    table = pd.DataFrame({"a": np.sin(np.arange(120) / 5.0), "c": np.cos(np.arange(120) / 7.0)})
    model = Forecaster(**TINY)
    write_backtest(tmp_path / "b", model.backtest(table, n_windows=2, series=["a", "c"]), model.get_params())
    run = json.loads((tmp_path / "b" / "config.json").read_text())["run"]
    assert run["target"] == ["a", "c"] and run["id_col"] is None
    page = (tmp_path / "b" / "report.html").read_text()
    assert "<th scope='row'>series (wide columns)</th><td>a, c</td>" in page and "(none: each series is a column)" in page


def test_several_targets_are_scored_each_in_its_own_units_beside_their_mean():
    """backtest printed only the mean of kWh and % errors (a tester's finding, decision 563)."""
    from rnncast.backtestpage import backtest_rows, backtest_units

    t = np.arange(200)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=200), "kwh": 1000 + 100 * np.sin(t / 5.0),
                          "hum": 50 + np.cos(t / 3.0)})
    m = Forecaster(**TINY).backtest(frame, n_windows=3, target=["kwh", "hum"]).metrics
    each = m["overall_by_target"]
    assert m["overall"]["model"]["mae"] == pytest.approx((each["kwh"]["original"]["model"]["mae"]
                                                          + each["hum"]["original"]["model"]["mae"]) / 2)
    assert [r[0] for r in backtest_rows(m)][-3:] == ["overall, target 'hum'"] * 3
    assert "the targets' mean, except in a target's own rows" in backtest_units(m)


def test_a_targets_scaled_block_holds_no_percent_errors_and_the_unitless_scores_of_its_own_units():
    """A tester's find: each target's scaled block held sMAPE and MAPE of z-scored values (percentages of values near
    zero: 147 % beside 4 % in original units) and a MASE of scaled errors over an original-unit naive error."""
    t = np.arange(200)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=200), "kwh": 1000 + 100 * np.sin(t / 5.0),
                          "hum": 50 + np.cos(t / 3.0)})
    m = Forecaster(**TINY).backtest(frame, n_windows=3, target=["kwh", "hum"]).metrics
    for name, each in m["overall_by_target"].items():
        for forecaster, scaled in each["scaled"].items():
            assert "smape_pct" not in scaled and "mape_pct" not in scaled, (name, forecaster)
            assert "smape_pct" in each["original"][forecaster]  # original units keep them
            assert scaled["mase"] == each["original"][forecaster]["mase"]  # no units: the same in both blocks
            assert scaled["r2"] == each["original"][forecaster]["r2"]
    for block in [m["overall_scaled"]] + [w["scaled"] for w in m["windows"]]:  # as the other scaled blocks were
        assert not {"smape_pct", "mape_pct"} & {k for scores in block.values() for k in scores}


def test_the_rows_a_too_short_backtest_asks_for_are_the_least_it_takes():
    """A tester's finding: lookback 8, horizon 3 and 2 cutoffs backtested on 32 rows but 31 were refused with "it needs
    at least 34 rows" (the validation rows' bound ignored the rounding of val_frac's share, ``windows.rows_needed``)."""
    settings = {**TINY, "lookback": 8, "horizon": 3, "epochs": 1}
    with pytest.raises(RnncastError, match=r"^the series is too short for this backtest: 31 rows; it needs at least 32 rows "):
        Forecaster(**settings).backtest(make_frame(31, feature=False), target="y", n_windows=2)
    assert len(Forecaster(**settings).backtest(make_frame(32, feature=False), target="y", n_windows=2).metrics["windows"]) == 2


def test_a_store_lacking_a_month_is_cut_on_the_same_dates_and_the_month_forecast_unscored_said():
    """A retail tester: S0 lacking 2024-03 was cut a month before the others at every cutoff (rows counted back), and
    the verdict said "the 4 series' calendars differ ... 6 cutoff dates" and ran t at 1 degree of freedom. Its last
    window was then left out whole (decision 800); its inputs are complete, so it is forecast and 2024-03 unscored."""
    rng = np.random.default_rng(0)
    t = pd.date_range("2019-01-31", periods=66, freq="ME")
    frame = pd.concat([pd.DataFrame({"store": f"S{i}", "month": t, "sales": 100 + 10 * np.sin(np.arange(66) / 2)
                                     + rng.normal(0, 2, 66)}) for i in range(4)])
    frame = frame[~((frame.store == "S0") & (frame.month == "2024-03-31"))]
    result = Forecaster(**{**TINY, "horizon": 6, "val_frac": 0.15}).backtest(
        frame, n_windows=3, target="sales", id_col="store", time_col="month")
    dates = result.forecasts.groupby("window").cutoff.unique()
    assert [[str(d.date()) for d in dates[j]] for j in range(3)] == [["2022-12-31"], ["2023-06-30"], ["2023-12-31"]]
    last = result.forecasts[result.forecasts.window == 2]
    assert set(last.store) == {"S0", "S1", "S2", "S3"} and len(last) == 4 * 6
    march = last[(last.store == "S0") & (last.month == "2024-03-31")]
    assert len(march) == 1 and march.sales.isna().all() and "sales_filled" not in last  # no fill made it
    assert result.metrics["cutoff_dates"] == 3 and "windows_left_out" not in result.metrics
    assert result.metrics["scored"]["missing_steps"] == 1 and result.metrics["scored"]["windows_scored"] == 12
    assert "calendars differ" not in result.verdict and "t at 2 degrees of freedom (the paired t-test)" in result.verdict
    assert any(n.startswith("Steps without an actual are not scored: 1 forecast step of 1 window falls") for n in result.notes)


def test_a_cutoff_missing_in_every_series_is_said_so_not_as_calendars_that_differ():
    """t38t5 4 (decision 2039): every series lacks the row of one cutoff; they share one calendar all the same."""
    rng = np.random.default_rng(0)
    t = pd.date_range("2019-01-31", periods=66, freq="ME")
    frame = pd.concat([pd.DataFrame({"store": f"S{i}", "month": t, "sales": 100 + 10 * np.sin(np.arange(66) / 2)
                                     + rng.normal(0, 2, 66)}) for i in range(4)])
    result = Forecaster(**{**TINY, "horizon": 6, "val_frac": 0.15}).backtest(
        frame[frame.month != "2023-06-30"], n_windows=3, target="sales", id_col="store", time_col="month")
    m = result.metrics
    assert m["cutoff_dates"] == 2 and m["cutoffs_left_out"] == 1 and m["windows_left_out"]["windows"] == 4
    assert "calendars differ" not in result.verdict
    assert "runs over the 2 cutoffs (1 of the 3 is left out in every series)" in result.verdict


def test_a_huge_value_in_a_backtest_window_is_named_not_scored():
    """Decision 853: 1e40 in a held-out window of a backtest from a cutoff was scored, MSE 6.7e+78 with a verdict on it."""
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=120, freq="D"),
                          "sales": 100 + np.random.default_rng(0).normal(0, 5, 120).round(2)})
    frame.loc[115, "sales"] = 1e40
    with pytest.raises(RnncastError, match=r"^column 'sales' holds 1e\+40 at 2023-04-26 \(a row of the data given"):
        Forecaster(**{**TINY, "lookback": 14, "horizon": 3}, cutoff="2023-04-10").backtest(frame, target="sales", n_windows=2,
                                                                                         step=10)


@pytest.mark.parametrize("refit", [False, True])
def test_a_backtest_says_why_each_series_has_no_mase_scale(refit):
    """Every window's model told a pattern repeated every season from constant rows (decision 909)."""
    frame = make_panel(3, seed=5)
    frame.loc[frame.unique_id == "s001", "y"] = 7.0  # constant
    weekly = frame.unique_id == "s002"
    frame.loc[weekly, "y"] = np.resize([3.0, 5.0, 4.0, 9.0, 1.0, 2.0], int(weekly.sum()))  # repeats every 6 rows
    excluded = Forecaster(**{**TINY, "season": 6}).backtest(frame, n_windows=2, refit=refit).metrics["mase_excluded"]
    assert excluded["series"] == ["s001", "s002"] and excluded["causes"] == {"constant": 1, "repeats": 1}
    assert "never change" in excluded["why"] and "repeat exactly every 6 steps" in excluded["why"]


def test_a_refit_backtest_walks_the_calendar_once_for_every_cutoffs_baseline_intervals(monkeypatch):
    """With refit, each cutoff's forecasts walked every series' calendar again for the baselines' intervals (4 cutoffs:
    5 walks); the walk backtest made for its cutoffs is handed on, the scores as before."""
    from rnncast import calendarcuts

    walks, walk = [], calendarcuts.placed_series
    monkeypatch.setattr(calendarcuts, "placed_series", lambda panel: walks.append(panel.n_series) or walk(panel))
    data = make_panel(2, lengths=(120, 140), seed=4)
    result = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).backtest(data, n_windows=4, refit=True)
    assert walks == [2] and len(result.metrics["windows"]) == 4
    assert "0.1" in result.metrics["overall"]["repeat"]["by_level"]  # the baselines' intervals learned and scored


def test_a_backtest_too_long_for_its_series_says_the_validation_rows_must_hold_a_horizon():
    """A tester's finding (t31t6 #5): AirPassengers' 144 months with horizon 12 and 3 yearly windows was refused
    as needing 151 rows without the reason (the 10% validation rows up to the first cutoff must hold a horizon), which
    the --cutoff form of the refusal gives (decision 1494)."""
    frame = pd.DataFrame({"ds": pd.date_range("1949-01-01", periods=144, freq="MS"),
                          "y": np.sin(np.arange(144) / 3)})
    with pytest.raises(RnncastError, match=r"needs at least 151 rows \(115 rows up to the first of 3 cutoffs 12 steps "
                                           r"apart \(the last 10% of them, 12, for validation, which must hold a horizon "
                                           r"of 12, and the 103 before them for training, which must hold lookback 24 "
                                           r"\+ horizon 12 = 36\) and a horizon after the last\)"):
        Forecaster(**{**TINY, "lookback": 24, "horizon": 12}).backtest(frame, target="y", n_windows=3, step=12)


def test_a_backtests_metrics_hold_each_series_scores_as_evaluates_by_series_does(frame):
    """Per-series scores were only in backtest.png's row titles; metrics["by_series"] is evaluate's
    ``result["series"]`` of the backtest's windows (``evaluation.series_scores``, decision 1660)."""
    result = Forecaster(**TINY).backtest(frame, n_windows=K)
    each, fc = result.metrics["by_series"], result.forecasts
    assert list(each) == list(fc["unique_id"].unique()) and all(block["windows"] == K for block in each.values())
    for key, block in each.items():
        mine = fc[fc["unique_id"] == key]
        assert {"model", "repeat", "mean"} <= set(block)
        assert block["model"]["mse"] == pytest.approx(float(((mine["y_hat"] - mine["y"]) ** 2).mean()), rel=1e-6)
        assert block["model"]["mase"] == pytest.approx(result.series_mase[list(each).index(key)], rel=1e-6)


def test_a_backtest_of_one_model_says_a_series_without_a_climatology_has_none_not_at_some_cutoff(caplog):
    """r34r1 5 (decision 1743): without refit one model forecasts every cutoff, and 'B' (under two years of training
    rows) has no climatology at any; the warning read "'B' has none at some cutoff", as if a refit's."""
    data = yearly_stations({"A": "2015-01-01", "B": "2019-06-01"})
    Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).backtest(data, n_windows=2, target="y", id_col="id")
    said = [r.getMessage() for r in caplog.records if "not scored in this backtest" in r.getMessage()]
    assert len(said) == 1 and "'B' has none, and scoring it" in said[0] and "at some cutoff" not in said[0]


def test_a_backtest_says_a_climatology_some_series_lack_in_its_own_line_alone(caplog):
    """Decision 1761: a panel's backtest printed the fit's "evaluate scores it on the other series' windows alone"
    and right after its own "not scored in this backtest"; its fits now leave evaluate's promise out."""
    import logging

    rng = np.random.default_rng(0)
    frames = []
    for sid, start in (("A", "2015-01-01"), ("B", "2016-09-01")):
        time = pd.date_range(start, "2017-08-31", freq="D")
        frames.append(pd.DataFrame({"date": time, "id": sid, "y": np.sin(np.asarray(time.day_of_year) / 58.1)
                                    + rng.normal(0, 0.1, len(time))}))
    with caplog.at_level(logging.WARNING):
        Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).backtest(pd.concat(frames), target="y", id_col="id",
                                                                     n_windows=2)
    assert "made only for the series" in caplog.text and "not scored in this backtest" in caplog.text
    assert "other series' windows alone" not in caplog.text


def test_a_season_longer_than_the_lookback_backtests_the_seasonal_naive_of_a_lookback_of_the_season():
    """Decision 1778: season 12 beside lookback 8 scores the seasonal naive forecast that lookback 24 scores at the
    same cutoffs (it reads the series' rows before each window); a series with fewer than a season of rows before
    its first cutoff is too short for the backtest, the need naming the season, not a lookback that would not help."""
    t = np.arange(150)
    frame = pd.DataFrame({"date": pd.date_range("2012-01-31", periods=150, freq="ME"),
                          "y": 10 + np.sin(2 * np.pi * t / 12) + 0.2 * np.random.default_rng(0).standard_normal(150)})
    runs = {lb: Forecaster(**{**TINY, "lookback": lb, "horizon": 3, "season": 12}).backtest(frame, target="y", n_windows=3)
            for lb in (24, 8)}
    assert runs[8].metrics["overall"]["seasonal"] == runs[24].metrics["overall"]["seasonal"]
    assert [w["seasonal"] for w in runs[8].metrics["windows"]] == [w["seasonal"] for w in runs[24].metrics["windows"]]
    with pytest.raises(RnncastError, match=re.escape(
            "it needs at least 46 rows (13 rows up to the first of 2 cutoffs 3 steps apart (") + ".*" + re.escape(
            "and a horizon after the last, and at least a season (40 calendar steps) up to and including the first cutoff, which "
            "the seasonal "
            "naive baseline reads (lookback 4)); give more rows, or fewer cutoffs (n_windows=, --n-windows), a shorter "
            "step or horizon, or a shorter season (season=, --season)")):
        Forecaster(**{**TINY, "lookback": 4, "horizon": 3, "season": 40, "val_frac": 0.2}).backtest(
            frame.iloc[:40], target="y", n_windows=2)


def test_a_backtest_with_series_short_for_two_reasons_names_each_ones_remedy():
    """Decision 1832 (r35r1 finding 8): season 12, lookback 8, horizon 12, one cutoff: 'A' (30 rows, 18 before the
    cutoff) holds a season but not the lookback, horizon and validation rows, 'B' (22 rows, 10 before it) not even the
    season. The refusal gives the settings that fit 'A' and the season's remedy for the series without it, where it
    gave the season's alone, which does not help 'A'."""
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"id": sid, "date": pd.date_range("2020-01-31", periods=n, freq="ME"),
                                     "y": np.sin(np.arange(n) / 2) + 0.1 * rng.standard_normal(n)})
                       for sid, n in (("A", 30), ("B", 22))])
    with pytest.raises(RnncastError, match=re.escape(
            "the longest series ('A', 30 rows) fits horizon 3 (horizon=3, --horizon 3); for the series without a season "
            "(12 calendar steps) up to and including the first cutoff: give more rows, or a shorter step or horizon, or a shorter "
            "season")):
        Forecaster(**{**TINY, "lookback": 8, "horizon": 12, "season": 12}).backtest(frame, target="y", id_col="id",
                                                                                     n_windows=1)


def test_the_clock_change_warning_names_the_change_of_the_backtest_windows(caplog):
    """t37t2 6: cutoffs over the spring change were warned of with the autumn change's example (decision 1969)."""
    import logging

    t = pd.date_range("2024-10-20", "2025-04-02", freq="h", tz="Europe/Berlin")
    frame = pd.DataFrame({"time": [s.isoformat() for s in t], "load": 50 + 10 * np.sin(np.arange(len(t)) * np.pi / 12)})
    settings = {**TINY, "epochs": 1, "lookback": 24, "horizon": 6, "season": 24, "tz": "Europe/Berlin"}
    for cutoff, named in (("2025-03-28 09:00", "for 2025-03-30 03:00"), ("2024-10-25 09:00", "for 2024-10-27 02:00")):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            Forecaster(**{**settings, "cutoff": cutoff}).backtest(frame, n_windows=2, step="1D", target="load")
        said = [r.getMessage() for r in caplog.records if "clock changes 2 times" in r.getMessage()]
        assert len(said) == 1 and named in said[0]

def test_a_backtest_scores_the_intervals_without_the_nights_zeros_too():
    """t37t5 1: bt1's model covered 100% and the seasonal naive 93.2%, 79.7% in daylight; the backtest's intervals are
    scored apart from the structural zeros as evaluate's are (decision 1978)."""
    bars = pd.date_range("2024-06-01", periods=90 * 24, freq="h")
    half = 9 - 4 * np.arange(len(bars)) / len(bars)  # daylight either side of noon shrinks: the nights drift
    up = np.abs(bars.hour + 0.5 - 12) < half
    frame = pd.DataFrame({"ds": bars, "power": np.where(up, 1 + 5 * np.random.default_rng(2).random(len(bars)), 0.0)})
    bt = Forecaster(**{**TINY, "lookback": 24, "horizon": 24, "epochs": 1, "quantiles": (0.1, 0.5, 0.9),
                       "nonnegative": True}).backtest(frame, target="power", n_windows=3, step=24)
    model, closed = bt.metrics["overall"]["model"], bt.metrics["closed_zeros"]
    apart = model["without_structural_zeros"]
    assert closed["drifting"] and apart["zeros"] + apart["by_level"]["values"] == model["by_level"]["values"]
    assert "Without the" in bt.said.intervals


def test_a_panel_s_by_step_scaled_carries_the_original_msis_as_it_does_wql():
    """r38r1 LOW-2 (decision 2079): ``by_step_scaled`` held wql but no msis_80 (``by_step`` scores the scaled units
    without MASE's scales), though decision 2036 said it carries the original's; they have no units."""
    data = make_panel(2, lengths=(120, 140), seed=4)
    metrics = Forecaster(**{**TINY, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}).backtest(data, n_windows=2).metrics
    assert metrics["verdict_units"] == "scaled"
    for scaled, original in zip(metrics["by_step_scaled"], metrics["by_step"]):
        for name in ("model", "repeat"):
            assert scaled[name]["msis_80"] == original[name]["msis_80"] and scaled[name]["wql"] == original[name]["wql"]
            assert scaled[name]["mase"] == original[name]["mase"]  # no units: the same number (decision 2098)
        assert list(scaled["model"]) == list(original["model"])  # in the tables' order


@pytest.mark.parametrize("refit", [False, True])
def test_each_windows_mase_scale_and_mean_are_of_every_row_before_its_cutoff(refit):
    """t40-t2 (decisions 2173, 2174): a backtest without refit divided every window by the first model's training
    rows' scale and forecast their mean; FPP's MEAN and MASE, as fable's accuracy() and M4, read every row before each
    window's cutoff (the validation rows too), so on a growing series each window's own, checked by hand."""
    t = np.arange(120)
    y = pd.Series(100 * np.exp(0.004 * t) * (1 + 0.15 * np.sin(2 * np.pi * t / 12)),
                  index=pd.date_range("2000-01-01", periods=120, freq="MS"), name="y")
    result = Forecaster(**{**TINY, "season": 12}).backtest(y, n_windows=3, step=12, refit=refit)
    f, m = result.forecasts, result.metrics
    for k, (cut, g) in enumerate(f.groupby("cutoff", sort=True)):
        before = y[: pd.Timestamp(cut)].to_numpy()
        scale = np.mean(np.abs(before[12:] - before[:-12]))
        assert m["windows"][k]["mase_scales"] == pytest.approx(scale, rel=1e-12)
        assert g["y_mean"].to_numpy() == pytest.approx(before.mean(), rel=1e-6)
        assert m["windows"][k]["seasonal"]["mase"] == pytest.approx(np.mean(np.abs(g["y"] - g["y_seasonal"])) / scale)


def test_blank_labels_stood_in_for_are_blank_actuals_in_forecasts_csv_and_said_as_labels_not_given():
    """t41-t1 H2, L1: a model of the features alone wrote each stood-in label (the line between lab values, 4
    decimals) as an actual in forecasts.csv, and its table said "its actuals filled" with no fill given (decisions
    2223, 2224)."""
    rng = np.random.default_rng(44)
    n = 480
    x1 = np.sin(2 * np.pi * np.arange(n) / 24) + rng.normal(0, 0.3, n)
    label = np.full(n, np.nan)
    label[::5] = np.round(10 + 3 * x1 + rng.normal(0, 0.5, n), 3)[::5]
    frame = pd.DataFrame({"ds": pd.date_range("2026-01-01", periods=n, freq="h"), "x1": x1, "y": label})
    model = Forecaster(**{**TINY, "lookback": 12, "horizon": 1, "epochs": 1}, season=24, target_input=False,
                       window_norm="none", highway=False)
    bt = model.backtest(frame, n_windows=4, step=7, target="y", features=["x1"])
    measured = frame.set_index("ds")["y"]
    shown = bt.forecasts.set_index(pd.to_datetime(bt.forecasts["ds"]))
    assert shown["y_filled"].any() and shown.loc[shown["y_filled"], "y"].isna().all()  # blank, still marked
    kept = shown.loc[~shown["y_filled"], "y"]
    assert len(kept) and np.allclose(kept.to_numpy(), measured.loc[kept.index].to_numpy())  # only measured labels
    whys = {w.get("left_out") for w in bt.metrics["windows"]} - {None}
    assert whys == {"labels not given"}
def test_training_windows_that_span_missing_steps_are_counted_as_fit_counts_them(caplog):
    """t41-t3 L2 (decision 2256): fit said "53 of the 995 training windows ... span calendar steps missing"; backtest,
    the same gap in its training rows, said only the gap warning and kept no count. It now says fit's line and keeps
    fit's key; a refit backtest sums its cutoffs' models' windows."""
    import logging

    frame = make_frame(200, freq="D").drop(index=[60, 61])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        once = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=2, target="y").metrics["across_gaps"]
    assert once["training"]["windows"] > 0 and once["series"] == 1 and "windows" not in once  # none scored spans it
    assert any("training windows" in r.getMessage() and "backtest takes the rows on either side" in r.getMessage()
               for r in caplog.records)
    refit = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=2, target="y", refit=True).metrics["across_gaps"]
    assert refit["training"]["windows"] == 2 * once["training"]["windows"]  # the gap in both cutoffs' training rows
    assert refit["training"]["of"] > once["training"]["of"]


def test_a_too_short_refusal_offers_a_smaller_step_than_the_default_and_a_pair_says_the_windows_it_leaves():
    """t41-t2 M4, M3 (decision 2253): 36 yearly rows, lookback 5, horizon 3, 5 cutoffs: the refusal offered a shorter
    horizon, fewer cutoffs or another share, not the step 1 (FPP3's time-series cross-validation) that keeps both;
    horizon 6 on 36 rows offered "val_frac 0.16 with lookback 17" at fit, 1 training window."""
    frame = pd.DataFrame({"year": np.arange(1990, 2026), "y": np.sin(np.arange(36.0))})
    with pytest.raises(RnncastError, match=r"n_windows 3 \(n_windows=3, --n-windows 3\), step 1 \(step=1, --step 1\)"):
        Forecaster(**{**TINY, "lookback": 5, "horizon": 3}).backtest(frame, target="y", time_col="year", n_windows=5)
    assert Forecaster(**{**TINY, "epochs": 1, "lookback": 5, "horizon": 3}).backtest(
        frame, target="y", time_col="year", n_windows=5, step=1).metrics["n_windows"] == 5
    with pytest.raises(RnncastError, match=r"fits val_frac 0.16 with lookback 6 \(val_frac=0.16, --val-frac 0.16; "
                                           r"lookback=6, --lookback 6\), which leaves the model 12 training windows$"):
        Forecaster(**{**TINY, "lookback": 50, "horizon": 6}).fit(frame, target="y", time_col="year")

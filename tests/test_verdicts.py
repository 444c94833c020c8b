"""What a run's scores say (``verdicts.py``): the divergence text; the --future-known hint of a fit
whose past-only features lose to the mean or tie with it (not where its MSE is far below the mean's), read on the
page right after the verdict (the page's order: verdict, hint, metrics, plots, settings) and printed last by the fit command, and no hint for
future-known features, without features, or once the mean is beaten beyond chance; the MASE note's
absence; a verdict on forecasts equal to a baseline's; a p-value below double precision said as
``p < 1e-16``, not 0."""

from __future__ import annotations

import copy
import html
import json

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, datasets
from rnncast.cli import main
from rnncast.report import write_run
from rnncast.spelling import spelling
from rnncast.laterrows import own_row
from rnncast.runhints import fit_hint, future_known_hint
from rnncast.significance import p_text
from rnncast.verdicts import against_each, beats, headline, lower_by, verdict

REGRESSION = dict(lookback=10, horizon=1, hidden_size=4, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0)


@pytest.fixture(scope="module")
def regression() -> pd.DataFrame:
    """The second tutorial's rows: y_t depends on x_t alone, which a past-only window never sees."""
    return datasets.aligned_regression(n=300)


def test_past_only_features_that_lose_to_the_mean_earn_the_future_known_hint(regression, tmp_path):
    model = Forecaster(**REGRESSION).fit(regression, target="y", features=["x"])
    metrics = write_run(tmp_path, model, regression, source="regression")
    assert not beats(metrics["test"], "mean") and not verdict(metrics["test"])[0]
    assert fit_hint(model, metrics) == own_row_hint(model) and "--future-known" in future_known_hint()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    verdict_at, hint_at = page.index("class='bad'"), page.index("class='hint'")
    assert verdict_at < hint_at < page.index("Metrics (original units)")  # read right after the verdict
    assert html.escape(own_row_hint(model)) in page
    assert page.index("Forecast on the test split") < page.index("Data and settings")  # plots before the long table


def own_row_hint(model) -> str:
    """The future_known hint opened with what least squares found of the target's own row (y_t of x_t)."""
    return future_known_hint().replace("hint: the features are", f"hint: {own_row(model.state_.later_rows)}; the "
                                       "features are", 1)


def test_the_future_known_hint_names_the_setting_as_the_other_hints_do():
    """Python's keyword first, then the flag (``season=7, --season 7``), and a command's own spelling where it has one.
    A tester's finding: columns named with --past-covariates were told of --future-known, which fit refuses for them
    (it needs features=): the hint names future_covariates= first."""
    assert future_known_hint().endswith("name them as future covariates (future_covariates=, --future-covariates), or, "
                                        "given as features (features=, --features), declare them with "
                                        "future_known=True, --future-known")
    with spelling(lambda name, value=None: f"--set {name}={value}"):
        assert future_known_hint().endswith("declare them with --set future_known=True")


def test_no_hint_for_future_known_features_or_without_features_or_when_the_mean_is_beaten(regression, tmp_path):
    known = Forecaster(**REGRESSION, future_known=True).fit(regression, target="y", features=["x"])
    assert fit_hint(known, {"test": known.evaluate(regression, part="test")}) is None
    alone = Forecaster(**REGRESSION).fit(regression, target="y")
    assert fit_hint(alone, {"test": alone.evaluate(regression, part="test")}) is None
    past = Forecaster(**REGRESSION).fit(regression, target="y", features=["x"])
    test = past.evaluate(regression, part="test")
    assert fit_hint(past, {"test": test}) == own_row_hint(past)
    won_own = copy.deepcopy(test)  # its own row explains y_t: said whatever the verdict (decision 740)
    won_own["original"]["model"]["mse"], won_own["significance"]["mean"]["p_value"] = 0.5 * test["original"]["mean"]["mse"], 0.001
    assert beats(won_own, "mean") and fit_hint(past, {"test": won_own}) == own_row_hint(past)
    past.state_.later_rows = None  # no own row measured (a model saved before it): the verdict decides, as before
    won = copy.deepcopy(test)  # the same model had it beaten the mean beyond chance
    won["original"]["model"]["mse"] = 0.5 * test["original"]["mean"]["mse"]
    won["significance"]["mean"]["p_value"] = 0.001
    assert beats(won, "mean") and fit_hint(past, {"test": won}) is None
    won["significance"]["mean"]["p_value"] = 0.2  # lower, but not beyond chance: still the hint
    won["original"]["model"]["mse"] = 0.95 * test["original"]["mean"]["mse"]  # near the mean: a tie
    assert fit_hint(past, {"test": won}) == future_known_hint()


def test_no_hint_where_the_model_is_far_below_the_mean_though_not_beyond_chance(regression):
    """A tester's find: "97.2% lower but not beyond chance (p = 0.13)" over 15 rows was told of future_known, which the
    README gives where past-only features lose to the mean; one just below it (a tie) still is."""
    past = Forecaster(**REGRESSION).fit(regression, target="y", features=["x"])
    past.state_.later_rows = None  # the verdict's gate alone: its own row explaining y is said whatever (decision 740)
    test = copy.deepcopy(past.evaluate(regression, part="test"))
    test["original"]["model"]["mse"] = 0.028 * test["original"]["mean"]["mse"]
    test["significance"]["mean"]["p_value"] = 0.13
    assert not beats(test, "mean") and fit_hint(past, {"test": test}) is None
    test["original"]["model"]["mse"] = 0.999 * test["original"]["mean"]["mse"]  # 0.1% lower, p = 0.49: useless features
    test["significance"]["mean"]["p_value"] = 0.49
    assert fit_hint(past, {"test": test}) == future_known_hint()


def test_the_fit_command_ends_with_the_hint(regression, tmp_path, capsys):
    regression.to_csv(tmp_path / "reg.csv", index=False)
    args = ["fit", str(tmp_path / "reg.csv"), "--target", "y", "--features", "x", "--lookback", "10", "--horizon", "1",
            "--hidden-size", "4", "--epochs", "2", "--device", "cpu", "--out", str(tmp_path / "run")]
    assert main(args) == 0
    said = capsys.readouterr()  # the advice on standard error, last (decision 1164)
    hint, lines = said.err.strip().splitlines()[-1], said.out.strip().splitlines()
    assert hint.startswith("hint: the target follows the features of its own row: ") \
        and hint.endswith(future_known_hint()[len("hint: "):]) and lines[-1].startswith("trained 2 epochs")
    assert main(args[:-2] + ["--future-known", "--out", str(tmp_path / "known")]) == 0
    assert "--future-known" not in "".join(capsys.readouterr())


def test_a_verdict_on_forecasts_equal_to_a_baseline_says_the_same_mse_and_no_p_value():
    scores = {"model": {"mse": 2.0}, "repeat": {"mse": 2.0}, "mean": {"mse": 5.0}}
    test = {"original": scores, "significance": {"repeat": {"p_value": float("nan")}, "mean": {"p_value": 0.001}}}
    good, sentence = verdict(test)
    assert not good and "the same MSE" in sentence and "nan" not in sentence


def test_float32_rounding_of_a_baselines_forecasts_is_the_same_mse_never_beats():
    """A backtest's untrained network, the 'repeat the last value' baseline in float32: MSE 0.71548412 against
    0.71548414, and "beats 'repeat the last value' (p = 0.036)" beside a table row saying "the same MSE" (a tester's
    find). Its steady rounding differences are no forecasting skill."""
    from rnncast.verdicts import against_each, beats

    scores = {"model": {"mse": 0.71548412}, "repeat": {"mse": 0.71548414}, "mean": {"mse": 5.0}}
    test = {"original": scores, "significance": {"repeat": {"p_value": 0.036}, "mean": {"p_value": 0.001}}}
    assert not beats(test, "repeat") and beats(test, "mean")
    each = {e["name"]: e for e in against_each(test)}
    assert each["repeat"]["how"] == "the same MSE" and not each["repeat"]["beaten"]
    good, sentence = verdict(test)
    assert not good and "the same MSE: its forecasts are the baseline's." in sentence and "0.036" not in sentence


def test_a_p_value_below_double_precision_is_not_said_to_be_0():
    assert p_text(0.0) == "p < 1e-16" and p_text(3e-20) == "p < 1e-16"
    assert p_text(0.0312) == "p = 0.031" and p_text(2.5e-9) == "p = 2.5e-09"


def test_fit_prints_the_intervals_coverage_under_its_verdict(tmp_path, capsys):
    """The terminal said only that the median beat every baseline, whatever the intervals did."""
    data = tmp_path / "d.csv"
    datasets.sine_wave(300, noise=0.3)[["y"]].to_csv(data, index=False)
    assert main(["fit", str(data), "--target", "y", "--lookback", "12", "--horizon", "2", "--epochs", "2",
                 "--hidden-size", "8", "--quantiles", "0.1,0.5,0.9", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out
    assert "Prediction intervals (quantiles [0.1, 0.5, 0.9]): 80% interval covers " in out


def test_a_win_on_mse_says_so_when_a_baseline_has_the_lower_mae():
    """A newcomer read "beats every baseline" (on MSE, as defined) beside a table whose MAE and MASE
    favoured the seasonal baseline; the sentence now says so."""
    scores = {"model": {"mse": 0.2634, "mae": 13.948}, "repeat": {"mse": 0.9, "mae": 30.0},
              "seasonal": {"mse": 0.3444, "mae": 12.427}}
    test = {"original": scores, "significance": {"repeat": {"p_value": 0.001}, "seasonal": {"p_value": 0.028}}}
    good, sentence = verdict(test)
    assert good and sentence.startswith("The model beats every baseline on the test split: MSE 0.2634")
    assert sentence.endswith("On MAE, though, the 'seasonal naive' baseline is lower (12.43 against 13.95): the model makes "
                             "fewer large errors, not smaller errors overall.")
    scores["seasonal"]["mae"] = 13.9479  # a near tie is told apart, not "(13.95 against 13.95)"
    assert "(13.9479 against 13.948)" in verdict(test)[1]
    scores["seasonal"]["mae"] = 14.0
    assert "On MAE" not in verdict(test)[1]


def test_a_panels_win_on_mse_labels_the_mae_caveats_units_and_says_a_lower_mase():
    """t34t2 M2: a green backtest verdict quoted "On MAE, though, ... (0.4673 against 0.4982)", scaled MAEs the page
    shows nowhere, unlabelled, and said nothing of the table's MASE, 1.0150 for seasonal naive against the model's
    1.0878. The verdict and its colour are unchanged; the caveat names its units and adds MASE (decision 1705)."""
    scaled = {"model": {"mse": 0.4781, "mae": 0.4982}, "seasonal": {"mse": 0.5201, "mae": 0.4673}}
    original = {"model": {"mse": 120.0, "mae": 9.872, "mase": 1.0878}, "seasonal": {"mse": 110.0, "mae": 9.033,
                                                                                   "mase": 1.0150}}
    test = {"original": original, "scaled": scaled, "significance": {"seasonal": {"p_value": 0.0073}},
            "scored": {"series": 180}}
    good, sentence = verdict(test, "scaled")
    assert good and sentence.startswith("The model beats every baseline on the test split: MSE (each series in its own "
                                        "scaled units) 0.4781")
    assert sentence.endswith(" On MAE (each series in its own scaled units), though, the 'seasonal naive' baseline is "
                             "lower (0.4673 against 0.4982), and on MASE (1.0150 against 1.0878): the model makes fewer "
                             "large errors, not smaller errors overall.")


def test_a_figures_headline_says_what_the_verdict_says_with_its_numbers():
    """The backtest figure's title said "does NOT beat the mean baseline beyond chance (Diebold–Mariano
    p < 0.05)" where the terminal said a higher MSE at p = 0.68: the title now has the verdict's
    baseline, MSEs, comparison and p-value, from the same place (``outcome``)."""
    from rnncast.verdicts import headline

    test = {"original": {"model": {"mse": 57.59, "mae": 6.0}, "repeat": {"mse": 90.0, "mae": 8.0},
                         "mean": {"mse": 44.89, "mae": 5.0}},
            "significance": {"repeat": {"p_value": 0.001}, "mean": {"p_value": 0.68}}}
    sentence = verdict(test)[1]
    line = headline(test)
    assert "MSE 57.590 against 44.890 for the 'training mean' baseline, a higher MSE (Diebold–Mariano one-sided p = 0.68 that the model is not better)." in sentence
    assert line == "the model does NOT beat the 'training mean' baseline: MSE 57.590 against 44.890, a higher MSE (Diebold–Mariano one-sided p = 0.68 that the model is not better)"
    assert "p < 0.05" not in line  # the numbers as the table's MSE column writes them, 57.590 above 44.890 (1230)
    test["significance"]["mean"]["p_value"] = float("nan")  # no test could be made: said, not a p-value
    assert headline(test).endswith("a higher MSE (no Diebold–Mariano test)")
    won = {"scaled": {"model": {"mse": 1.0, "mae": 1.0}, "repeat": {"mse": 2.0, "mae": 2.0}},
           "significance": {"repeat": {"p_value": 0.01}}}
    assert headline(won, "scaled") == ("the model beats every baseline: scaled MSE 1.0000 against 2.0000 for the best (repeat the last value), "
                                       "50.0% lower (Diebold–Mariano one-sided p = 0.01 that the model is not better)")


def test_fit_and_its_page_say_which_filled_values_were_not_scored(tmp_path, capsys):
    """The newcomer's run printed only "filling 21 missing values" while its test scores rested on 21
    made targets: fit now says what was left out, below the tables, and so does the page."""
    from rnncast.runnotes import unscored_note

    frame = datasets.sine_wave(200, noise=0.1)[["y"]]
    frame.loc[165:185, "y"] = np.nan
    data = tmp_path / "d.csv"
    frame.to_csv(data, index=False)
    assert main(["fit", str(data), "--target", "y", "--lookback", "8", "--horizon", "1", "--epochs", "2",
                 "--hidden-size", "8", "--fill", "ffill", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out
    said = ("Values that fill made are not scored: 21 target values missing from the data and carried forward from the "
            "last value before them (ffill) are left out of every score")
    assert said in out
    page = html.unescape((tmp_path / "run" / "report.html").read_text())
    assert said in page
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert metrics["test"]["scored"]["filled_targets"] == 21 and unscored_note(metrics["test"]).startswith("Values")
    assert unscored_note({"scored": {"text": "scored 4 windows"}}) is None


def test_several_targets_of_one_series_are_judged_in_scaled_units_as_their_test_is():
    """A newcomer's Close (about 100) and Volume (about 5e5) were judged on their pooled original MSE,
    Volume's alone in effect, beside a Diebold–Mariano test in scaled units that said the opposite."""
    from rnncast.verdicts import verdict_units

    rng = np.random.default_rng(1)
    n = 240
    frame = pd.DataFrame({"close": 100 + np.cumsum(rng.normal(0, 1, n)),
                          "volume": 5e5 + 1e5 * np.sin(np.arange(n) / 5) + rng.normal(0, 3e4, n)})
    model = Forecaster(lookback=10, horizon=1, hidden_size=8, epochs=2, device="cpu").fit(frame, target=["close", "volume"])
    assert verdict_units(model) == "scaled"
    result = model.evaluate(frame)
    assert result["targets"] == 2
    good, sentence = verdict(result, verdict_units(model))
    assert "MSE (each target in its own scaled units)" in sentence  # beaten or not, the sentence names its units
    assert f" {result['scaled']['model']['mse']:.4g} against " in sentence
    one = Forecaster(lookback=10, horizon=1, hidden_size=8, epochs=1, device="cpu").fit(frame, target="close")
    assert verdict_units(one) == "original"
    backtest = Forecaster(lookback=10, horizon=1, hidden_size=8, epochs=1, device="cpu").backtest(
        frame, n_windows=4, target=["close", "volume"])
    assert backtest.metrics["verdict_units"] == "scaled" and backtest.metrics["targets"] == 2


def _monthly(n: int = 240) -> pd.DataFrame:
    """A monthly series whose yearly season the seasonal naive forecast follows closely."""
    rng = np.random.default_rng(0)
    t = np.arange(n)
    return pd.DataFrame({"ds": pd.date_range("2000-01-31", periods=n, freq="ME"),
                         "sales": 50 + 20 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 1, n)})


def test_a_monthly_run_without_a_season_names_the_baselines_it_computed_and_hints_the_season(tmp_path, capsys):
    """A newcomer's monthly series "beat every baseline" while seasonal naive, not computed, was far
    better: "every baseline" now names the ones computed, and a hint gives the season to set."""
    from rnncast.seasons import Season
    from rnncast.verdicts import every_baseline, headline
    from rnncast.runnotes import fitted_season_hint, missing_season

    frame = _monthly()
    model = Forecaster(lookback=24, horizon=1, hidden_size=8, epochs=1, device="cpu").fit(frame, target="sales")
    assert missing_season(model) == Season(12, "months in a year")
    hint = fitted_season_hint(model)
    assert hint.startswith("hint: the calendar is 'ME', 12 months in a year, but season is 1")
    assert "give the season (season=12, --season 12) to compare the model with it" in hint
    assert every_baseline({"repeat": 1, "mean": 2}, missing_season(model)) == "every baseline computed (repeat the last value, training mean)"
    test = {"original": {"model": {"mse": 1.0, "mae": 1.0}, "repeat": {"mse": 2.0, "mae": 2.0},
                         "mean": {"mse": 3.0, "mae": 3.0}},
            "significance": {"repeat": {"p_value": 0.001}, "mean": {"p_value": 0.001}}}
    assert verdict(test, season=missing_season(model))[1].startswith(
        "The model beats every baseline computed (repeat the last value, training mean) on the test split")
    assert verdict(test)[1].startswith("The model beats every baseline on")  # no calendar said: as before
    assert headline(test, season=missing_season(model)).startswith("the model beats every baseline computed (repeat the last value, training mean): MSE 1")
    seasonal = Forecaster(lookback=24, horizon=1, hidden_size=8, epochs=1, season=12, device="cpu").fit(frame, target="sales")
    assert missing_season(seasonal) is None and fitted_season_hint(seasonal) is None
    weekly = Forecaster(lookback=8, horizon=1, hidden_size=8, epochs=1, device="cpu").fit(
        frame.assign(ds=pd.date_range("2000-01-02", periods=240, freq="W-SUN")), target="sales")
    assert "(season=52, --season 52) to compare the model with it" in fitted_season_hint(weekly)  # lookback 8 too: decision 1778
    data = tmp_path / "m.csv"
    frame.to_csv(data, index=False)
    assert main(["fit", str(data), "--target", "sales", "--lookback", "24", "--horizon", "1", "--epochs", "1",
                 "--hidden-size", "8", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().err  # advice on standard error (decision 1164)
    assert "hint: the calendar is 'ME', 12 months in a year" in out
    page = html.unescape((tmp_path / "run" / "report.html").read_text())
    assert "hint: the calendar is 'ME', 12 months in a year" in page
    assert main(["evaluate", str(tmp_path / "run"), str(data)]) == 0
    assert "hint: the calendar is 'ME'" in capsys.readouterr().err


def test_the_verdict_of_a_panel_evaluated_by_series_reads_the_scored_series_count():
    """evaluate(by_series=True) puts each series' scores under "series"; the verdict took that dict
    for the count of series scored and raised TypeError (a reviewer's find)."""
    from conftest import TINY, make_panel

    frame = make_panel(3)
    model = Forecaster(**TINY).fit(frame)
    result = model.evaluate(frame, by_series=True)
    assert isinstance(result["series"], dict)
    _, sentence = verdict(result, "scaled")
    assert "each series in its own scaled units" in sentence


def _one_series_test(windows: int, seed: int = 0) -> dict:
    """evaluate's scores and test of a model whose errors are half a baseline's, over ``windows`` one-step windows."""
    from rnncast.significance import diebold_mariano

    rng = np.random.default_rng(seed)
    baseline = rng.normal(size=(windows, 1, 1))
    model = 0.5 * baseline + 0.6 * rng.normal(size=(windows, 1, 1))
    scores = {"model": {"mse": float(np.mean(model ** 2)), "mae": float(np.mean(np.abs(model)))},
              "repeat": {"mse": float(np.mean(baseline ** 2)), "mae": float(np.mean(np.abs(baseline)))}}
    return {"original": scores, "significance": {"repeat": diebold_mariano(model, baseline, 1)}}


def test_a_verdict_on_one_window_says_no_test_could_be_made():
    """With one test window the sentence said "a lower MSE, but not beyond chance" as if a test had
    been made and failed; it now says none could be, and that the difference was not tested (decision 554)."""
    test = _one_series_test(1, seed=3)
    assert test["original"]["model"]["mse"] < test["original"]["repeat"]["mse"]
    good, sentence = verdict(test)
    assert not good and sentence.endswith(
        "lower, but it was not tested against chance (no Diebold–Mariano test could be made: 1 forecast time, and it "
        "needs 2).")
    test["significance"]["repeat"] = {**test["significance"]["repeat"], "times": 40}  # NaN over many: no variation
    assert verdict(test)[1].endswith("(no Diebold–Mariano test could be made: the loss differences do not vary).")


def test_a_model_far_below_the_baseline_is_not_said_to_be_100_percent_lower():
    """0.0126 against 4259 (the regression demo with x known) rounded to "100.0% lower", which no MSE above 0 is."""
    assert lower_by(0.01265, 4259.2) == ">99.9% lower (1/337,000 of it)"
    assert lower_by(1.0, 2.0) == "50.0% lower" and lower_by(0.0, 3.0) == ">99.9% lower"
    assert lower_by(0.9999, 1.0) == "less than 0.1% lower"  # not "0.0% lower" of a lower MSE


def test_a_p_value_near_1_is_never_said_to_be_1():
    """p = 0.999999 printed "p = 1" (two significant digits), a certainty no test gives (a tester's find)."""
    assert p_text(0.999999) == "p > 0.99" and p_text(0.996) == "p > 0.99" and p_text(0.9949) == "p = 0.99"
    assert p_text(1.0) == "p = 1"  # only where it is (identical forecasts, a Holm bound)
    scores = {"model": {"mse": 2.0, "mae": 1.0}, "repeat": {"mse": 1.0, "mae": 1.0}}
    test = {"original": scores, "significance": {"repeat": {"p_value": 0.9999993}}}
    assert verdict(test)[1].endswith("a higher MSE (Diebold–Mariano one-sided p > 0.99 that the model is not better).")
# T4's hourly load fit: the verdict named the seasonal naive forecast (p = 0.064) and hid that the model beats the other two
LOAD = {"original": {"model": {"mse": 1365.9}, "repeat": {"mse": 15466.0}, "mean": {"mse": 8719.1},
                     "seasonal": {"mse": 2398.4}},
        "significance": {"repeat": {"p_value": 1.1e-4}, "mean": {"p_value": 7.27e-5}, "seasonal": {"p_value": 0.0643}}}


def test_each_baseline_is_weighed_on_its_own_as_the_verdict_weighs_them_together():
    each = against_each(LOAD)
    assert [(e["name"], e["beaten"], e["lower"]) for e in each] == [("repeat", True, True), ("mean", True, True),
                                                                      ("seasonal", False, True)]
    assert [e["how"] for e in each] == ["91.2% lower", "84.3% lower", "43.0% lower"] and each[2]["p"] == 0.0643
    assert not verdict(LOAD)[0]  # the verdict stays "beats every baseline", which it does not
    higher = against_each({"original": {"model": {"mse": 3.0}, "repeat": {"mse": 2.0}}, "significance": {}})
    assert higher[0]["how"] == "a higher MSE" and not higher[0]["beaten"] and higher[0]["p"] != higher[0]["p"]


def test_a_lower_mse_not_beyond_chance_leads_with_what_was_measured():
    """A tester's 4-store monthly panel read "The model does NOT beat the baselines on these windows: MSE (...) 0.2854
    against 0.907 for the 'seasonal naive' baseline, a lower MSE, but not beyond chance (p = 0.13)": a failure, to an
    analyst, over a third of the baseline's error. It now says the MSE is lower, by how much, and that the test cannot
    tell it from chance; "does NOT beat" stays where the model's MSE is not lower (decision 702)."""
    scores = {"model": {"mse": 0.2854, "mae": 0.4}, "seasonal": {"mse": 0.907, "mae": 0.7},
              "mean": {"mse": 1.3, "mae": 0.9}}
    significance = {"seasonal": {"p_value": 0.13, "times": 15, "df": 1.0}, "mean": {"p_value": 0.01, "times": 15, "df": 1.0}}
    test = {"scaled": scores, "significance": significance, "horizon": 6, "scored": {"series": 4}}
    good, sentence = verdict(test, "scaled", where="these windows")
    assert not good and sentence == (
        "The model's MSE (each series in its own scaled units) is lower than every baseline's on these windows: 0.2854 "
        "against 0.9070 for the 'seasonal naive' baseline, 68.5% lower, but over 15 forecast times, whose 6-step "
        "windows overlap, the gap between its errors and that baseline's varies too much to tell that from chance "
        "(Diebold–Mariano one-sided p = 0.13 that the model is not better, with 1 degree of freedom): more forecast "
        "times (a longer test split, or rnncast "
        "backtest --n-windows) could.")
    assert headline(test, "scaled") == ("the model's scaled MSE is lower than every baseline's: 0.2854 against 0.9070 for "
                                        "the 'seasonal naive' baseline, 68.5% lower, not beyond chance (Diebold–Mariano "
                                        "one-sided p = 0.13 that the model is not better)")  # the figure's title, the same measure first
    worse = copy.deepcopy(test)
    worse["scaled"]["model"]["mse"] = 1.0  # above seasonal naive's: still does not beat it
    assert verdict(worse, "scaled", where="these windows")[1].startswith(
        "The model does NOT beat the baselines on these windows: MSE (each series in its own scaled units) 1.0000 against "
        "0.9070 for the 'seasonal naive' baseline, a higher MSE (Diebold–Mariano one-sided p = 0.13 that the model is not better).")


def test_forecasts_equal_in_scaled_units_are_the_same_mse_though_their_original_units_differ_by_millionths():
    """A tester's untrained network beside one 1e6 in its training rows: scaled MSE equal to the last digit, the
    original-unit MSEs 2.2013826 and 2.2013925 (float32 forecasts against float64 values), and the verdict said the
    model's MSE was "lower than that of every baseline ... less than 0.1% lower"."""
    from rnncast.verdicts import against_each, same_scores

    test = {"original": {"model": {"mse": 2.2013826}, "repeat": {"mse": 2.2013925}, "mean": {"mse": 5.7e6}},
            "scaled": {"model": {"mse": 9.2697e-10}, "repeat": {"mse": 9.2697e-10}, "mean": {"mse": 2.4e-3}},
            "significance": {"repeat": {"p_value": float("nan")}, "mean": {"p_value": 1e-20}}}
    assert same_scores(test, "repeat") and not same_scores(test, "mean")
    good, sentence = verdict(test)
    assert not good and "the same MSE: its forecasts are the baseline's" in sentence and "lower" not in sentence
    assert {e["name"]: e["how"] for e in against_each(test)}["repeat"] == "the same MSE"


def test_no_verdict_is_said_on_scores_that_are_not_finite():
    """Decision 853: a test row's 1e40 gave "MSE nan against 1.724e+78 ... a higher MSE", a verdict on nan."""
    for model, rival in ((float("nan"), 1.724e78), (2.0, float("inf"))):
        scores = {"model": {"mse": model}, "mean": {"mse": rival}}
        good, sentence = verdict({"original": scores, "significance": {"mean": {"p_value": float("nan")}}})
        assert not good and sentence.startswith("No verdict on the test split: the MSE of the model (")
        assert "is not a finite number, so no comparison can be made" in sentence and "higher" not in sentence


def test_a_lower_mse_not_beyond_chance_says_the_smallest_margin_where_the_baseline_it_names_is_not_the_lowest():
    """us_employment.csv read "97.8% lower ... the test cannot tell that from chance (p = 0.12)" beside a 2.5% margin
    beyond chance: the sentence now says why, the gap between the errors varying too much. A newcomer read "lower than every baseline's: 7.513 against 12.31 for the 'seasonal naive' baseline, 39.0%
    lower, but the test cannot tell that from chance" as the smallest margin; 'repeat the last value' (10.29, beaten
    beyond chance) was the lowest baseline MSE, 27.0% above the model's."""
    scores = {"model": {"mse": 7.513, "mae": 2.0}, "repeat": {"mse": 10.29, "mae": 2.4},
              "seasonal": {"mse": 12.31, "mae": 2.6}}
    significance = {"repeat": {"p_value": 0.001, "times": 400}, "seasonal": {"p_value": 0.056, "times": 400}}
    good, sentence = verdict({"original": scores, "significance": significance, "horizon": 1}, where="the test split")
    assert not good and ("7.513 against 12.310 for the 'seasonal naive' baseline, 39.0% lower (27.0% below the lowest "
                         "baseline MSE, 10.290 for the 'repeat the last value' baseline, which it beats beyond chance), "
                         "but over 400 forecast times the gap between its errors and the 'seasonal naive' baseline's varies too much "
                         "to tell that from chance (Diebold–Mariano one-sided p = 0.056 that the model is not better).") in sentence


def test_the_list_of_baselines_says_the_climatology_is_scored_apart():
    """b34 h20 1 (decision 1774): where some series alone have a climatology, scored apart after the verdict (decision
    1693), the verdict read "The model beats every baseline computed (repeat the last value, training mean)" as if
    those were all; the list now says it is the pooled verdict's, and that the climatology is scored apart below."""
    from rnncast.seasons import Season
    from rnncast.verdicts import every_baseline, headline

    test = {"original": {"model": {"mse": 1.0, "mae": 1.0}, "repeat": {"mse": 2.0, "mae": 2.0},
                         "mean": {"mse": 3.0, "mae": 3.0}},
            "significance": {"repeat": {"p_value": 0.001}, "mean": {"p_value": 0.001}},
            "climatology_series": {"series": ["A"], "lacking": ["B"]}}
    week = Season(7, "days in a week")
    listed = "every baseline of the pooled verdict (repeat the last value, training mean; the climatology is scored apart below)"
    for season in (week, None):  # the seasonal naive computed or not: "every baseline" would claim the climatology too
        assert verdict(test, season=season)[1].startswith(f"The model beats {listed} on the test split: MSE 1.0000 against 2.0000")
    assert headline(test, season=week).startswith(f"the model beats {listed}: MSE 1")
    unproven = {**test, "significance": {"repeat": {"p_value": 0.3}, "mean": {"p_value": 0.3}}}
    assert f"lower than that of {listed} on the test split" in verdict(unproven, season=week)[1]
    assert every_baseline({"repeat": 1, "mean": 2}, week) == "every baseline computed (repeat the last value, training mean)"
    assert every_baseline({"repeat": 1, "mean": 2}) == "every baseline"  # no climatology apart: as before


def test_a_climatology_scored_apart_that_beats_the_model_is_named_as_the_exception():
    """t35t1 M4 (decision 1826): "The model beats every baseline of the pooled verdict (...; the climatology is scored
    apart below)" in a green box, while the climatology, scored apart on 2 of 3 series, was lower beyond chance
    (one-sided p = 0.0079 that it is not): the list now says "except the climatology"."""
    from rnncast.verdicts import every_baseline, headline

    part = {"series": ["A", "B"], "lacking": ["C"], "significance": {"p_value": 0.9922},
            "scaled": {"model": {"mse": 0.137}, "climatology": {"mse": 0.107}}}
    test = {"original": {"model": {"mse": 1.0, "mae": 1.0}, "repeat": {"mse": 2.0, "mae": 2.0},
                         "mean": {"mse": 3.0, "mae": 3.0}},
            "significance": {"repeat": {"p_value": 0.001}, "mean": {"p_value": 0.001}}, "climatology_series": part}
    listed = ("every baseline of the pooled verdict except the climatology (repeat the last value, training mean; the "
              "climatology, scored apart below, beats it beyond chance on the series that have one)")
    good, sentence = verdict(test)
    assert good and sentence.startswith(f"The model beats {listed} on the test split: MSE 1.0000 against 2.0000")
    assert headline(test).startswith(f"the model beats {listed}: MSE 1")
    close = {**part, "significance": {"p_value": 0.9}}  # lower, not beyond chance: as before
    assert every_baseline({"repeat": 1, "mean": 2}, None, close) == (
        "every baseline of the pooled verdict (repeat the last value, training mean; the climatology is scored apart below)")


def test_a_seasonal_naive_with_no_forecast_at_any_value_is_left_out_of_the_verdict():
    """r37r1 5 (decision 1995): after a season-long outage the seasonal naive had no forecast at any value scored; its
    NaN MSE ranked NaN, so one line said the model's MSE is lower than every baseline's and the next that it "does not
    beat 'seasonal naive'", or the verdict said to check the scored rows for a value too large for float32."""
    nan = float("nan")
    test = {"original": {"model": {"mse": 1.0, "mae": 0.8},
                         "seasonal": {"mse": nan, "mae": nan, "values_left_out": {"values": 30, "of": 30,
                                                                                  "model": {"mse": nan, "mae": nan}}},
                         "repeat": {"mse": 5.0, "mae": 2.0}, "mean": {"mse": 6.0, "mae": 2.1}},
            "significance": {"seasonal": {"p_value": nan}, "repeat": {"p_value": 0.001}, "mean": {"p_value": 0.001}}}
    good, said = verdict(test)
    assert good and "seasonal" not in said and "float32" not in said
    assert said.startswith("The model beats every baseline weighed (repeat the last value, training mean) on the test "
                           "split: MSE 1.0000 against 5.0000 for the best baseline (repeat the last value)")
    assert [each["name"] for each in against_each(test)] == ["repeat", "mean"]


def test_the_baseline_not_beaten_beyond_chance_is_named_again_after_the_one_that_is():
    """t41-t2 L1 (decision 2254): "... 111.15 for the 'repeat the last value' baseline, which it beats beyond chance),
    but ... the gap between its errors and that baseline's varies too much" read as the baseline just beaten; the
    sentence names the 'training mean' baseline again."""
    scores = {"model": {"mse": 110.36, "mae": 8.0}, "repeat": {"mse": 111.15, "mae": 8.1},
              "mean": {"mse": 939.56, "mae": 25.0}}
    significance = {"repeat": {"p_value": 0.02, "times": 400}, "mean": {"p_value": 0.091, "times": 400}}
    good, sentence = verdict({"original": scores, "significance": significance, "horizon": 1}, where="the test split")
    assert not good and "which it beats beyond chance), but over 400 forecast times the gap between its errors and the " \
        "'training mean' baseline's varies too much" in sentence and "that baseline's" not in sentence

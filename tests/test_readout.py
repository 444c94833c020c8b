"""What evaluate's scores say in words (``readout.py``): a Python caller gets the verdict sentence,
its notes and its hints in ``evaluate``'s result, as the command line prints them; where the
seasonal-naive forecast is not beaten, the hint of ``window_norm='season'`` and, where the lookback
leaves each series few training windows, of a shorter lookback of at least a season."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, datasets
from rnncast.cli import main
from rnncast import laterrows
from rnncast.runhints import future_known_hint
from rnncast.runnotes import percent_note
from rnncast.scoretext import score_texts

REGRESSION = dict(lookback=10, horizon=1, hidden_size=4, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0)


def own_row_hint(model) -> str:
    """The future_known hint opened with what least squares found of the target's own row (y_t of x_t)."""
    own = laterrows.own_row(model.state_.later_rows)
    assert own.startswith("the target follows the features of its own row: least squares on the training rows ")
    return future_known_hint().replace("hint: the features are", f"hint: {own}; the features are", 1)


def test_evaluate_in_python_gives_the_verdict_and_the_hints_the_command_line_prints():
    """A learner porting the regression tutorial (past-only features, R² about 0) got scores and
    p-values from ``evaluate`` and no sentence nor hint: those were the command line's alone."""
    frame = datasets.aligned_regression(n=300)
    model = Forecaster(**REGRESSION).fit(frame, target="y", features=["x"])
    result = model.evaluate(frame)
    assert result["verdict"].startswith("The model does NOT beat the baselines on these windows: MSE")
    assert result["hints"] == [own_row_hint(model)]
    assert result["notes"] == [percent_note(result)]  # the target changes sign: MAPE's note alone (decision 848)
    assert result["notes"][0].startswith("MAPE is dominated by values near 0")
    json.dumps({k: result[k] for k in ("verdict", "notes", "hints")})  # plain data
    known = Forecaster(**REGRESSION, future_known=True).fit(frame, target="y", features=["x"])
    assert future_known_hint() not in known.evaluate(frame)["hints"]
    assert model.evaluate(frame, part="train")["verdict"].split(":")[0].endswith("on the training rows")


def test_fit_and_evaluate_print_the_window_norm_hint_when_the_seasonal_naive_forecast_wins(tmp_path, capsys):
    rng = np.random.default_rng(0)
    months = pd.date_range("2010-01-01", periods=120, freq="MS")
    frame = pd.concat([pd.DataFrame({"store": f"S{s}", "month": months.strftime("%Y-%m-%d"),
                                     "sales": 50 + 10 * s + 8 * np.sin(2 * np.pi * np.arange(120) / 12)
                                     + rng.normal(0, 0.3, 120)}) for s in range(3)])
    frame.to_csv(tmp_path / "retail.csv", index=False)
    assert main(["fit", str(tmp_path / "retail.csv"), "--id-col", "store", "--time-col", "month", "--target", "sales",
                 "--horizon", "6", "--season", "12", "--hidden-size", "4", "--epochs", "1", "--device", "cpu",
                 "--out", str(tmp_path / "run")]) == 0
    out, err = capsys.readouterr()  # advice on standard error (decision 1164)
    assert "for the 'seasonal naive' baseline" in out
    assert "hint: the seasonal naive forecast has a lower MSE than the model; starting the network at it (window_norm='season'" in err
    page = (tmp_path / "run" / "report.html").read_text()
    assert "the seasonal naive forecast has a lower MSE than the model; starting the network at it" in page  # the page says it too
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "retail.csv")]) == 0
    assert "hint: the seasonal naive forecast has a lower MSE than the model;" in capsys.readouterr().err


def test_fit_evaluate_and_the_page_say_one_part_through_said_each_in_its_own_words():
    """fit's command line and run page said the verdict, notes and hints through code of their own;
    they now read ``said``, which takes the words of the split: fit's "the test split", evaluate's
    "these windows" (``read_out``), the rest the same."""
    from rnncast.readout import read_out, said

    frame = datasets.aligned_regression(n=300)
    model = Forecaster(**REGRESSION).fit(frame, target="y", features=["x"])
    result = model.evaluate(frame)
    fit_words = said(model, result)  # the defaults: fit's words
    assert fit_words.verdict.startswith("The model does NOT beat the baselines on the test split: MSE")
    assert fit_words.verdict.replace("the test split", "these windows") == result["verdict"]
    assert not fit_words.good and fit_words.hints == (own_row_hint(model),)
    assert fit_words.notes() == [percent_note(result)]  # the target changes sign: MAPE's note alone (decision 848)
    assert read_out(model, result) == {k: result[k] for k in ("verdict", "notes", "hints")}


def test_the_line_after_the_verdict_says_which_baselines_the_model_beats_and_which_not():
    """T4's load fit said in red "does NOT beat the baselines ... p = 0.064" (the seasonal naive forecast), while the
    model beat repeat and the training mean with p = 1e-4 and 7e-5, which only metrics.json held."""
    from rnncast.readout import each_text
    from test_verdicts import LOAD

    assert each_text(LOAD, "original") == (
        "Against each baseline (p: one-sided, that the model is not better): beats 'repeat the last value' (p = 0.00011) and 'training mean' (p = 7.3e-05); has a "
        "lower MSE than 'seasonal naive' (43.0% lower, but not beyond chance: p = 0.064).")
    scaled = {"scaled": {"model": {"mse": 1.0}, "repeat": {"mse": 1.0}, "mean": {"mse": 0.5}},
              "significance": {"repeat": {"p_value": float("nan")}, "mean": {"p_value": 0.3}}}
    assert each_text(scaled, "scaled") == (
        "Against each baseline (scaled units) (p: one-sided, that the model is not better): does not beat 'repeat the "
        "last value' (the same MSE: the model's "
        "forecasts are the baseline's) and 'training mean' (a higher MSE, p = 0.3).")
    assert each_text({"original": {"model": {"mse": 1.0}, "mean": {"mse": 2.0}}}, "original") is None  # one: the verdict's


def test_a_lower_mse_not_beyond_chance_is_not_said_as_not_beating_and_is_marked_unproven():
    """The page and the line under the verdict said "does not beat 'seasonal naive' (43.0% lower, but not beyond
    chance ...)": a reader takes "does not beat" for "worse". A lower MSE is said as one, a higher one still "does not
    beat"; ``unproven`` (the page's undecided style) holds only where every baseline's MSE is higher (decision 709)."""
    from rnncast.readout import each_text, unproven
    from test_verdicts import LOAD

    assert unproven(LOAD, "original")
    mixed = {"original": {"model": {"mse": 1.0}, "repeat": {"mse": 2.0}, "mean": {"mse": 0.9}, "seasonal": {"mse": 3.0}},
             "significance": {"repeat": {"p_value": 0.2}, "mean": {"p_value": 0.4}, "seasonal": {"p_value": 0.001}}}
    assert each_text(mixed, "original") == (
        "Against each baseline (p: one-sided, that the model is not better): beats 'seasonal naive' (p = 0.001); has a lower MSE than 'repeat the last value' (50.0% "
        "lower, but not beyond chance: p = 0.2); does not beat 'training mean' (a higher MSE, p = 0.4).")
    assert not unproven(mixed, "original")  # higher than one baseline's: a loss, shown so
    beaten = {"original": {"model": {"mse": 1.0}, "mean": {"mse": 2.0}}, "significance": {"mean": {"p_value": 0.001}}}
    assert not unproven(beaten, "original")  # a win


def test_fit_and_evaluate_print_each_baselines_line_under_the_verdict(tmp_path, capsys):
    frame = datasets.aligned_regression(n=300)
    frame.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", "10", "--epochs", "2", "--hidden-size",
                 "4", "--device", "cpu", "--threads", "1", "--out", str(tmp_path / "run")]) == 0
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "d.csv")]) == 0
    lines = capsys.readouterr().out.splitlines()
    verdicts = [n for n, line in enumerate(lines) if line.startswith("The model ")]
    assert len(verdicts) == 2 and all(lines[n + 1].startswith("Against each baseline (p: one-sided, that the model is not better): ") for n in verdicts)


def test_evaluate_and_metrics_json_say_mases_season(tmp_path):
    """A low-frequency tester found MASE's season in the tables' header ("MASE (season 4)") but in no JSON: evaluate's
    result and the run's metrics.json now carry it."""
    quarters = pd.DataFrame({"ds": pd.date_range("2000-03-31", periods=88, freq="QE"),
                             "y": np.sin(np.arange(88) / 4 * 6.28) + np.arange(88) / 50})
    quarters.to_csv(tmp_path / "q.csv", index=False)
    assert main(["fit", str(tmp_path / "q.csv"), "--lookback", "8", "--horizon", "2", "--season", "4", "--epochs", "1",
                 "--hidden-size", "8", "--out", str(tmp_path / "run")]) == 0
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["test"]["mase_season"] == 4 and metrics["val"]["mase_season"] == 4
    assert Forecaster.load(tmp_path / "run" / "model").evaluate(quarters)["mase_season"] == 4


def test_a_quantile_panel_whose_original_units_are_one_series_says_so_on_its_interval_line():
    """The interval line pooled the series' pinball losses in their own units unsaid (decision 910)."""
    from conftest import TINY

    frame = datasets.sine_panel(3, seed=1)
    frame.loc[frame.unique_id == "s001", "y"] *= 1000.0  # 'big' beside two of size 3
    result = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame).evaluate(frame, part="test")
    assert result["pooled"]["series"] == ["s001"]
    line = next(n for n in result["notes"] if n.startswith("Prediction intervals"))
    assert f"pooling the series in their own units: 's001' holds {100 * result['pooled']['pinball_share']:.1f}% of the " \
           "model's pinball loss;" in line and "squared error" not in line
    assert f"{score_texts('pinball', [result['scaled']['model']['pinball']])[0]} in scaled units" in line  # as a table


def test_a_model_of_the_features_alone_names_only_the_baselines_scored():
    """A regression from features without a season (1227): the verdict named "the seasonal naive" that no row scored."""
    from rnncast.readout import past_reference

    assert past_reference({"model": {}, "repeat": {}, "mean": {}}) == (
        " The baseline that repeats the target (the last value) reads its past, which this model does not "
        "(target_input=False: it reads the features alone): it is scored as a reference where the target is known, "
        "not as forecasts made without it.")
    both = past_reference({"model": {}, "repeat": {}, "mean": {}, "seasonal": {}})
    assert "(the last value and the seasonal naive) read its past" in both and "they are scored" in both
    assert past_reference({"model": {}, "mean": {}}) == ""


def test_evaluate_on_the_test_split_keeps_its_headline_for_save_and_export(tmp_path):
    """A model fitted in Python had no test scores in model.json where a run's model/ had them (decision 1530); the
    test split's evaluate keeps its headline as test_scores_, which save writes (decision 1598)."""
    from conftest import TINY, make_frame
    from rnncast import modelcard

    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y")
    assert model.test_scores_ is None  # a fit alone scores no test split
    model.evaluate(frame, part="val")
    assert model.test_scores_ is None
    result = model.evaluate(frame)
    assert model.test_scores_ == modelcard.test_scores({"test": result}, "single", 1)
    assert model.test_scores_["windows"] == result["windows"] and model.test_scores_["mse"] == result["original"]["model"]["mse"]
    model.save(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "model.json").read_text())["test_scores"] == model.test_scores_
    assert Forecaster.load(tmp_path / "m").test_scores_ == model.test_scores_


def test_a_regression_far_behind_a_linear_fit_of_its_inputs_is_no_success_though_it_beats_the_baselines():
    """t33t3: a features-only regression at R² 0.13 got the green "beats every baseline" box while least squares of the
    same inputs explains R² 1.000, said only in a hint below it. The verdict now opens with the linear fit's R² and the
    model's, keeps its comparison with the baselines, and is not ``good`` (the page's box not green: decision 1628)."""
    from rnncast.readout import said

    frame = datasets.aligned_regression(n=400)
    model = Forecaster(**{**REGRESSION, "future_known": True, "target_input": False, "window_norm": "none",
                          "highway": False}).fit(frame, target="y", features=["x"])
    result = model.evaluate(frame)
    assert result["verdict"].startswith(
        "A linear fit of the model's own inputs does far better than the model: least squares on the training rows "
        "explains R² 1.000 of the target from the future-known features of its own step, and the model's R² on these "
        "windows is ")
    assert ". The model beats every baseline on these windows: MSE " in result["verdict"]  # still true, still said
    told = said(model, result, "these windows")
    assert not told.good and told.unproven  # neither green nor a loss: blue
    machine = result["against_baselines"]  # nor a win for a machine (r36r2 1, decision 1956): the same outcome
    assert machine == told.fields["against_baselines"] and machine["verdict"] == "beats_behind_linear_fit"
    assert machine["beats_baselines"] is False and model.test_scores_["beats_baselines"] is False  # model.json's too
    assert machine["behind_linear_fit"]["linear_fit_r2"] > 0.99 > machine["behind_linear_fit"]["model_r2"]
    assert result["hints"][-1] == ("hint: training has not yet found what that linear fit does; more epochs (epochs=, "
                                   "--epochs) or a larger learning rate (lr=, --lr) may close the gap")  # decision 1674:
    # the advice stays, the R² said once, in the verdict

def test_a_backtest_far_behind_a_linear_fit_of_its_inputs_says_so_as_fit_does():
    """A backtest of the features-only regression (R² 0.17 on its 30 windows) said "The model beats every baseline on
    the backtest windows" with `"verdict": "beats"`, where fit's sentence opened with the linear fit (decision 1956: a
    backtest made no such check). The fit, learned on the rows the model trained on, is scored on the windows beside
    the model (decision 1985)."""
    frame = datasets.aligned_regression(n=400)
    settings = {**REGRESSION, "future_known": True, "target_input": False, "window_norm": "none", "highway": False}
    bt = Forecaster(**settings).backtest(frame, target="y", features=["x"], n_windows=30, step=2)
    linear = bt.metrics["linear_fit"]
    assert linear["linear_fit_r2"] > 0.99 > 0.5 > linear["model_r2"] and linear["series"] == 1
    assert linear["model_r2"] == pytest.approx(bt.metrics["overall"]["model"]["r2"])  # one series: the scores' R²
    assert bt.said.verdict.startswith(
        "A linear fit of the model's own inputs does far better than the model: least squares of the target on the "
        "future-known features of its own step, learned on the rows the model trained on (up to the first cutoff), has "
        "R² 1.000 on the backtest values, and the model ")
    assert ". The model beats every baseline on the backtest windows: MSE " in bt.said.verdict
    assert not bt.said.good and bt.said.unproven  # neither green nor a loss, as fit's
    machine = bt.said.fields["against_baselines"]
    assert machine["verdict"] == "beats_behind_linear_fit" and machine["beats_baselines"] is False
    assert machine["behind_linear_fit"] == {"linear_fit_r2": linear["linear_fit_r2"], "model_r2": linear["model_r2"]}
    plain = Forecaster(**{**REGRESSION, "epochs": 1}).backtest(frame, target="y", features=["x"], n_windows=2)
    assert plain.metrics["linear_fit"] is None  # past-only features: no fit of its own step's inputs to make
    assert plain.said.fields["against_baselines"]["behind_linear_fit"] is None


def test_an_evaluate_of_newer_rows_leaves_the_fit_s_test_headline():
    """r33r1 6: evaluate(data with newer rows) then save wrote a headline of rows after the fit (decision 1638)."""
    from conftest import TINY, make_frame

    frame = make_frame(240)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame.iloc[:200], target="y")
    kept = model.evaluate(frame.iloc[:200])
    headline = model.test_scores_
    assert headline is not None and headline["windows"] == kept["windows"]
    newer = model.evaluate(frame)
    assert newer["scored"]["targets_on"]["new"] > 0 and model.test_scores_ == headline
    # decision 1668 (r33r2 1): fewer new rows than a horizon start no window after the fit's end, yet the test
    # split's last windows run past it: still no test headline
    few = model.evaluate(frame.iloc[:200 + model.horizon - 2])
    assert few["scored"]["targets_on"]["new"] == 0 and few["scored"]["past_fit_end"] > 0
    assert model.test_scores_ == headline


def test_a_climatology_scored_apart_on_some_series_is_not_first_said_to_be_none():
    """r34r1 2 (decision 1742): with season 365 on two years of days, a climatology scored apart on 'A' alone ('B' is
    under two years) was read "... not a climatology ..., which rnncast scores for the series whose training rows span
    two whole years ..." and then "The 'climatology' baseline is scored on the 1 of 2 series ..."; now the second
    alone."""
    from conftest import TINY, yearly_stations

    data = yearly_stations({"A": "2015-01-01", "B": "2018-06-01"})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 365, "season": 365}).fit(data, target="y", id_col="id")
    result = model.evaluate(data)
    assert result["climatology_series"]["lacking"] == ["B"]
    assert "The 'climatology' baseline is scored on the 1 of 2 series that have one alone" in result["verdict"]
    assert "not a climatology" not in result["verdict"] and "one level over the whole year" not in result["verdict"]


def test_a_seasonal_naive_beaten_whose_forecast_reads_other_bars_says_so_beside_its_p():
    """t35t3 2 (decision 1787): season 144 on a call centre's 128 bars a week read last week's slot 16 bars off in
    727 of 727 windows; fit said "beats 'seasonal naive' (p = 1.4e-06)" with no caveat (metrics.json alone held it)."""
    from rnncast.readout import each_text

    test = {"original": {"model": {"mse": 1.0}, "repeat": {"mse": 3.0}, "seasonal": {"mse": 4.0}},
            "significance": {"repeat": {"p_value": 1e-4}, "seasonal": {"p_value": 2e-4}},
            "scored": {"seasonal_shifted": {"windows": 727, "of": 727, "text": "the seasonal naive forecast of ..."}}}
    assert each_text(test, "original") == (
        "Against each baseline (p: one-sided, that the model is not better): beats 'repeat the last value' (p = 0.0001) "
        "and 'seasonal naive' (p = 0.0002; but its seasonal naive forecast reads another time of day in 727 of the 727 "
        "windows).")
    test["original"]["seasonal"]["mse"] = 0.5  # not beaten: the caveat still beside it
    assert "does not beat 'seasonal naive' (a higher MSE, p = 0.0002; but its seasonal naive forecast reads another " \
           "time of day in 727 of the 727 windows)" in each_text(test, "original")


def test_a_verdict_beating_the_pooled_baselines_but_not_the_climatology_apart_is_no_win(monkeypatch):
    """t35t1 M4 (decision 1826): the page's box was green while the climatology, scored apart, beat the model beyond
    chance: such a verdict is not ``good`` but ``unproven`` (the page's colour of neither a win nor a loss)."""
    from conftest import TINY, yearly_stations
    from rnncast import climatologyseries, readout

    data = yearly_stations({"A": "2015-01-01", "B": "2018-06-01"})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 14}).fit(data, target="y", id_col="id")
    result = model.evaluate(data)
    assert result.get("climatology_series")
    monkeypatch.setattr(readout, "verdict", lambda *args, **kwargs: (True, "The model beats every baseline."))
    monkeypatch.setattr(climatologyseries, "beats_model", lambda part: True)
    said = readout.said(model, result)
    assert not said.good and said.unproven
    monkeypatch.setattr(climatologyseries, "beats_model", lambda part: False)
    said = readout.said(model, result)
    assert said.good and not said.unproven


def test_evaluate_says_the_fits_overlap_line_in_the_spelling_of_the_data_it_reads(caplog):
    """A run fit on day-first dates warned at evaluate of ISO data "(from 30/04/2026) ... (up to 30/07/2026)" beside
    lines that wrote 2026-04-30 (t36t2, decision 1897); the result's test_overlap says it so too."""
    import logging

    from conftest import TINY, staggered_frame
    frame = staggered_frame({"a": "2024-01-01", "b": "2024-02-15", "c": "2024-01-01"})
    model = Forecaster(**TINY).fit(frame.assign(ds=frame["ds"].dt.strftime("%d/%m/%Y")))
    assert "/" in model.state_.overlap["from"]
    caplog.clear()  # fit's own line, in its own data's spelling
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(frame.assign(ds=frame["ds"].dt.strftime("%Y-%m-%d")))
    [said] = [r.getMessage() for r in caplog.records if "fall on dates other series" in r.getMessage()]
    assert "(from 2024-03-21)" in said and "/" not in said and result["test_overlap"]["from"] == "2024-03-21"

def test_what_a_baselines_interval_scores_leave_out_is_its_own_note_after_the_intervals():
    """r36r1 3 (decision 1910): the note was folded into ``unscored``, which evaluate's terminal skips (its first line
    says what was scored), so evaluate never printed it; now it is ``Said.bands``, in ``notes()`` after the intervals'."""
    from conftest import TINY
    from rnncast import readout

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=80, freq="W-SUN"),
                          "y": 10 + 3 * np.sin(2 * np.pi * np.arange(80) / 52) + rng.normal(0, 0.5, 80)})
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "season": 52, "quantiles": (0.1, 0.5, 0.9),
                          "epochs": 1}).fit(frame, target="y", time_col="date")
    said = readout.said(model, model.evaluate(frame))
    assert said.bands.startswith("The 'seasonal naive' baseline has no interval at ")
    assert "no interval" not in (said.unscored or "")
    notes = said.notes()
    assert notes.index(said.bands) == notes.index(said.intervals) + 1


def test_a_quantile_models_median_on_intermittent_demand_is_said_beside_its_mse_verdict():
    """t39t2 2 (decision 2128): with quantiles the point forecast is the median, about 0 for an item selling 0.2 a
    day; the MSE verdict weighed it against the training mean without a word, and hinted window_norm='none'. The
    verdict now says so with the sums, as metrics record them; a point model's verdict does not."""
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"item": f"I{k}", "date": pd.date_range("2024-01-01", periods=200, freq="D"),
                                     "sales": rng.poisson(20.0 if k == 0 else 0.2, 200).astype(float)})
                       for k in range(4)])
    settings = dict(lookback=14, horizon=7, hidden_size=8, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0,
                    nonnegative=True)
    model = Forecaster(**settings, quantiles=(0.1, 0.5, 0.9)).fit(frame, target="sales", id_col="item")
    result = model.evaluate(frame)
    found = result["zero_actuals"]["median"][0]
    assert found["zeros"] >= found["values"] / 3 and found["series"]["count"] == 3  # the three slow items
    assert (" Its point forecast is its median (the 0.5 quantile), and "
            f"{found['zeros']} of the {found['values']} values (") in result["verdict"]
    assert "MSE, lowest for the mean, weighs it against the baselines' forecasts" in result["verdict"]
    assert "in the 3 of 4 series a third or more 0, " in result["verdict"]
    assert not any("window_norm='none'" in hint for hint in result["hints"])
    point = Forecaster(**settings).fit(frame, target="sales", id_col="item").evaluate(frame)
    assert "median" not in point["verdict"] and "median" not in point.get("zero_actuals", {})

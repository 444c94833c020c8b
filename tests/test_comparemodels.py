"""A user's own fitted models against each other (``comparemodels.py``, ``rnncast.compare``): the windows every
model forecasts, matched by series and the time of their first target (different lookbacks, different splits), each
model's MSE and MAE there as evaluate scores them, the pairs' Diebold–Mariano tests, and the refusals."""

from __future__ import annotations

import copy
import json

import numpy as np
import pandas as pd
import pytest

import rnncast
from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError, datasets
from rnncast.commonwindows import common_windows, window_keys
from rnncast.comparedfits import highway_text
from rnncast.comparemodels import ModelComparison
from rnncast.files import json_text

SMALL = dict(horizon=2, hidden_size=8, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0, threads=1)


@pytest.fixture(scope="module")
def frame():
    return datasets.sine_wave(n=400)


@pytest.fixture(scope="module")
def fitted(frame):
    """Four tiny models of one sine: an LSTM and an RNN of lookback 12, a GRU of 20, an RNN cut 60/10/30."""
    def fit(**settings):
        return Forecaster(**{**SMALL, **settings}).fit(frame, target="y", time_col="t")
    return {"lstm": fit(cell="lstm", lookback=12), "gru": fit(cell="gru", lookback=20),
            "rnn": fit(cell="rnn", lookback=12), "rnn30": fit(cell="rnn", lookback=12, test_frac=0.3)}


def test_compare_is_a_public_name_of_the_package():
    assert "compare" in rnncast.__all__ and rnncast.compare.__name__ == "compare"


def test_the_mse_is_evaluates_where_the_models_share_their_lookback(fitted, frame):
    result = rnncast.compare({"a": fitted["lstm"], "b": fitted["rnn"]}, frame)
    assert isinstance(result, ModelComparison) and result.part == "test" and result.names == ["a", "b"]
    for name, model in (("a", fitted["lstm"]), ("b", fitted["rnn"])):
        scored = model.evaluate(frame)
        assert result.scores[name]["mse"] == pytest.approx(scored["original"]["model"]["mse"], rel=1e-12)
        assert result.scores[name]["mae"] == pytest.approx(scored["original"]["model"]["mae"], rel=1e-12)
        assert result.windows == scored["windows"] == result.own_windows[name]
    assert result.left_out == {"a": 0, "b": 0} and result.notes[-1].endswith("is not beaten by b.")  # the baselines'
    assert result.notes[:-1] == ["the models differ in one setting: cell (lstm vs rnn).", highway_text(),
                                 "a may be undertrained: its best epoch was its last (2 of 2), its validation loss "
                                 "still falling; trained longer, it may rank otherwise."]
    assert result.horizon == 2 and result.targets == ["y"]


def test_a_step_whose_date_the_data_lacks_is_left_out_as_evaluate_leaves_it_out():
    """Read by row, each window's step after a missing day met a later date's actual: on a daily series lacking
    06-21, 07-04 and 07-12, compare's MSE was 5.097 and 5.183 where evaluate's is 5.145 and 5.261. Each step now meets
    its own date's actual, a step without one unscored, and compare's scores are evaluate's, model by model."""
    rng = np.random.default_rng(0)
    data = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=200, freq="D"),
                         "y": 10 + 3 * np.sin(np.arange(200) * 2 * np.pi / 7) + rng.normal(0, 0.5, 200)})
    gapped = data.drop(index=[172, 185, 193])
    models = {f"m{seed}": Forecaster(**{**SMALL, "lookback": 14, "horizon": 7, "seed": seed}, test_frac=0.2).fit(gapped)
              for seed in (0, 1)}
    result = rnncast.compare(models, gapped)
    for name, model in models.items():
        scored = model.evaluate(gapped)
        assert scored["scored"]["missing_steps"] == 21  # the last window cut 07-11, its horizon ending 07-18
        assert result.scores[name]["mse"] == pytest.approx(scored["original"]["model"]["mse"], rel=1e-9)
        assert result.scores[name]["mae"] == pytest.approx(scored["original"]["model"]["mae"], rel=1e-9)
    assert all(np.isfinite(p["p"]) for p in result.pairs)
    # each kind named as evaluate names it: no fill was set, so none is "targets fill made" (it said so of these)
    assert ("21 values left out where a model scores none: 21 forecast steps on dates the data has no row for "
            "(forecast, with a blank actual).") in result.notes


def test_the_values_no_model_scores_are_counted_by_kind_steps_without_a_row_apart_from_values_fill_made():
    """A daily series lacking two days and holding two blank targets, fitted with fill='ffill': the note counts the
    steps on the missing dates apart from the targets the fill made, each once."""
    rng = np.random.default_rng(0)
    data = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=200, freq="D"),
                         "y": 10 + 3 * np.sin(np.arange(200) * 2 * np.pi / 7) + rng.normal(0, 0.5, 200)})
    data.loc[[176, 188], "y"] = np.nan
    gapped = data.drop(index=[172, 193])
    models = {f"m{seed}": Forecaster(**{**SMALL, "lookback": 14, "horizon": 7, "seed": seed}, test_frac=0.2,
                                     fill="ffill").fit(gapped) for seed in (0, 1)}
    result = rnncast.compare(models, gapped)
    scored = models["m0"].evaluate(gapped)["scored"]
    [note] = [n for n in result.notes if "scores none" in n]
    wf = models["m0"].predict_windows(gapped, part="test")
    made = int((wf.filled & ~np.isnan(wf.y_true)).sum())  # a made target is a step of each window forecasting it
    blank = scored["missing_steps"]
    assert made > 2 and blank > 0
    assert note == (f"{blank + made} values left out where a model scores none: {blank} forecast steps on dates the "
                    f"data has no row for (forecast, with a blank actual); {made} targets fill made.")


def test_a_model_reading_future_covariates_meets_another_on_the_windows_it_can_forecast():
    """A date without a row leaves a model reading future covariates without them there (stepactuals.future_kept): its
    20 test windows forecasting one are left out, and the other model is compared on the 13 both forecast (its 34 hold
    the window cut 07-11, whose horizon ends on the data's last day: enddates)."""
    rng = np.random.default_rng(0)
    data = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=200, freq="D"),
                         "y": 10 + 3 * np.sin(np.arange(200) * 2 * np.pi / 7) + rng.normal(0, 0.5, 200),
                         "p": np.arange(200) % 7.0}).drop(index=[172, 185, 193])
    settings = {**SMALL, "lookback": 14, "horizon": 7, "test_frac": 0.2}
    reads = Forecaster(**settings).fit(data, target="y", future_covariates=["p"])
    plain = Forecaster(**settings).fit(data, target="y", features=[])
    result = rnncast.compare({"future": reads, "plain": plain}, data)
    assert result.windows == 13 and result.left_out == {"future": 0, "plain": 21}
    assert "or a date without a row whose future covariates one model reads): 21 of plain's 34 test windows" in (
        result.notes[0])
    assert result.scores["future"]["mse"] == pytest.approx(reads.evaluate(data)["original"]["model"]["mse"], rel=1e-9)


def test_models_of_different_lookbacks_meet_on_the_same_targets(fitted, frame):
    """part='all': the lookback-20 GRU has no window for the first 8 targets the lookback-12 models forecast."""
    result = rnncast.compare([fitted["lstm"], fitted["gru"]], frame, part="all")
    assert result.names == ["LSTM", "GRU"]
    own = {n: len(fitted[k].predict_windows(frame, part="all").y_true) for n, k in (("LSTM", "lstm"), ("GRU", "gru"))}
    assert own["LSTM"] - own["GRU"] == 8 and result.own_windows == own
    assert result.windows == own["GRU"] and result.left_out == {"LSTM": 8, "GRU": 0}
    assert result.notes[0] == ("left out as not forecast by every model (another lookback, another fit's split, or a "
                               "date without a row whose future covariates one model reads): "
                               f"8 of LSTM's {own['LSTM']} windows.")
    assert result.notes[1].startswith("part='all' scores windows whose targets the models were trained on")
    lstm = fitted["lstm"].predict_windows(frame, part="all")  # LSTM's MSE on its windows from the 9th on
    assert result.scores["LSTM"]["mse"] == pytest.approx(np.mean((lstm.y_pred[8:] - lstm.y_true[8:]) ** 2), rel=1e-9)
    assert result.sentence.startswith(f"With the {result.windows} windows every model forecasts, ")


def test_the_test_windows_of_models_fitted_on_other_cuts_are_those_in_both(fitted, frame):
    """test_frac=0.3 makes the RNN's test part start 40 targets earlier: those are left out and said."""
    result = rnncast.compare({"lstm": fitted["lstm"], "rnn30": fitted["rnn30"]}, frame)
    assert result.left_out == {"lstm": 0, "rnn30": 40} and result.windows == result.own_windows["lstm"]
    assert "40 of rnn30's 119 test windows" in result.notes[0]


def test_keys_are_the_series_and_the_time_of_the_first_target(fitted, frame):
    wf = fitted["gru"].predict_windows(frame, part="test")
    keys = window_keys(wf)
    assert len(keys) == len(wf.y_true) and keys[0][0] is None  # one series without an id
    assert keys[0][1] == frame["t"].iloc[wf.target_rows[0]]


def test_a_panel_is_matched_series_by_series():
    panel = make_panel(3, lengths=(100, 140), seed=4)
    a = Forecaster(**{**SMALL, "lookback": 8}).fit(panel)
    b = Forecaster(**{**SMALL, "lookback": 14, "cell": "gru"}).fit(panel)
    result = rnncast.compare({"a": a, "b": b}, panel, part="all")
    picks = common_windows({"a": a.predict_windows(panel, part="all"), "b": b.predict_windows(panel, part="all")}, "all")
    assert result.windows == len(picks["a"]) == len(picks["b"])
    assert result.left_out["a"] == 3 * 6 and result.left_out["b"] == 0  # six targets more per series
    assert {p["a"] for p in result.pairs} == {"a"}


def test_a_model_compared_with_a_copy_of_itself_ties(fitted, frame):
    result = rnncast.compare({"first": fitted["gru"], "again": copy.deepcopy(fitted["gru"])}, frame)  # the object: refused
    assert result.winner is None and result.pairs[0]["p"] == 1.0 and not result.pairs[0]["differs"]
    assert result.scores["first"] == result.scores["again"]
    assert "first and again tie: no pair differs beyond chance" in result.sentence


def test_a_list_is_named_by_the_cells_numbered_where_one_repeats(fitted, frame):
    result = rnncast.compare([fitted["rnn"], fitted["lstm"], fitted["rnn30"]], frame)
    assert result.names == ["RNN 1", "LSTM", "RNN 2"]
    assert len(result.pairs) == 3 and all(0 <= p["p"] <= p["p_holm"] <= 1 for p in result.pairs)
    named = rnncast.compare([("mine", fitted["rnn"]), ("theirs", fitted["lstm"])], frame)
    assert named.names == ["mine", "theirs"]


def test_a_model_that_kept_its_untrained_network_is_named_so_beside_the_verdict(fitted, frame):
    """A tester's GRU never beat its untrained network, forecast the repeat baseline, and was ranked "higher than
    lstm's beyond chance" with no word of it: the notes now say its rank is not its cell's."""
    import copy

    kept = copy.copy(fitted["gru"])
    kept.history_ = [{**h, "best": False} for h in fitted["gru"].history_]
    result = rnncast.compare({"lstm": fitted["lstm"], "gru": kept}, frame)
    assert result.untrained == ["gru"]
    assert any(n.startswith("gru kept its untrained network (no epoch beat it on validation), which forecasts ")
               and "its rank says nothing about the GRU cell" in n for n in result.notes)
    # the verdict itself says so where it ranks it: read alone (the CLI's last line, --json's sentence), it misled
    assert result.sentence.endswith(" gru kept its untrained network (best epoch 0: no epoch improved on the untrained "
                                    "network's validation loss): its place in this verdict is that of the forecast "
                                    "its network starts from, not of what its cell learned.")
    assert result.as_dict()["sentence"] == result.sentence
    trained = rnncast.compare({"lstm": fitted["lstm"], "gru": fitted["gru"]}, frame)
    assert trained.untrained == [] and "untrained" not in trained.sentence


def test_the_result_is_json(fitted, frame):
    result = rnncast.compare({"a": fitted["lstm"], "b": fitted["gru"]}, frame, part="val")
    back = json.loads(json_text(result.as_dict()))
    assert set(back) == {"part", "names", "windows", "horizon", "targets", "scores", "own_windows", "left_out", "pairs",
                         "winner", "sentence", "notes", "test_units", "scaled_scores", "by_target", "baselines",
                         "scaled_baselines", "against_each_baseline", "baselines_by_target", "settings_apart",
                         "undertrained", "untrained", "quantile_scores", "ranked_by", "baseline_quantile_scores",
                         "baseline_season", "parameters"}
    assert back["quantile_scores"] == {"a": None, "b": None} and back["ranked_by"] == "MSE"  # point models
    assert back["baseline_quantile_scores"] == {}  # no intervals for the baselines of a point model
    assert back["test_units"] == "original units" and back["scaled_scores"] == {}  # one series: nothing to weigh
    assert back["by_target"] == {}  # one target: its scores are the table's
    assert back["part"] == "val" and set(back["pairs"][0]) == {"a", "b", "lower", "statistic", "p", "p_holm", "differs",
                                                                    "no_test"}  # decision 1886
    assert "validation MSE" in back["sentence"] or " tie" in back["sentence"]
    assert repr(result) == f"ModelComparison({result.sentence!r})"
    from rnncast.models import count_parameters  # each model's size, as compare's CLI shows it (decision 1736)
    assert back["parameters"] == {"a": count_parameters(fitted["lstm"].net_), "b": count_parameters(fitted["gru"].net_)}


def test_the_notes_say_what_the_verdict_rests_on_besides_its_test(fitted, frame):
    """A tester's find (the README's example): each fit warned "the best epoch was the last (3 of 3) ... may be
    undertrained", then compare named a winner, its notes silent on that and on the one seed each model was fitted
    from; and of models of lookback 50 and 10 it named a winner without saying that the lookbacks differ."""
    result = rnncast.compare({"lstm": fitted["lstm"], "gru": fitted["gru"]}, frame)
    assert result.settings_apart == {"cell": {"lstm": "lstm", "gru": "gru"}, "lookback": {"lstm": 12, "gru": 20}}
    assert result.undertrained == ["lstm", "gru"]
    assert result.notes[-4:-1] == [  # before the baselines' note, the last
        "the models differ in 2 settings: cell (lstm vs gru), lookback (12 vs 20).", highway_text(),
        "lstm and gru may be undertrained: the best epoch of each was its last (2 of 2), its validation loss still "
        "falling; trained longer, they may rank otherwise."]
    cut = rnncast.compare({"rnn": fitted["rnn"], "rnn30": fitted["rnn30"]}, frame)
    assert cut.settings_apart == {"test_frac": {"rnn": 0.2, "rnn30": 0.3}} and cut.undertrained == ["rnn30"]
    seed = "the verdict rests on one fit of each model (seed 0): fitted from other seeds, the models can change places."
    assert cut.notes[-2] == seed if cut.winner else cut.notes[-2].startswith("rnn30 may be undertrained: ")


@pytest.mark.parametrize("models, message", [
    (lambda f: {"a": f["lstm"]}, r"^compare needs at least two models to compare, got 1; give a dict of name"),
    (lambda f: [], r"^compare needs at least two models to compare, got 0"),
    (lambda f: f["lstm"], r"^compare takes a dict of name -> fitted Forecaster, a list of fitted Forecasters \(named by "
                          r"their cell: LSTM, GRU, RNN\) or a list of \(name, Forecaster\) pairs; got Forecaster$"),
    (lambda f: [("a", f["lstm"]), ("a", f["gru"])], r"^the name 'a' is given twice; give each model a name of its own$"),
    (lambda f: {"a": f["lstm"], "b": Forecaster()}, r"^model 'b' is not fitted yet; fit it"),
    (lambda f: {"a": f["lstm"], "b": "runs/x"}, r"^model 'b' is a str, not a Forecaster"),
    (lambda f: {"a": f["lstm"], "": f["gru"]}, r"^a model's name must be non-empty text, got ''$"),
    (lambda f: [f["gru"], f["lstm"], f["gru"]], r"^'GRU 1' and 'GRU 2' \(entries 1 and 3\) are the same Forecaster object: "
                                               r"compare weighs models against each other, and a model against itself ties "
                                               r"by construction; give each model once, two or more different ones$"),
    (lambda f: {"a": f["gru"], "b": f["gru"]}, r"^'a' and 'b' \(entries 1 and 2\) are the same Forecaster object"),
])
def test_what_compare_refuses(fitted, frame, models, message):
    with pytest.raises(RnncastError, match=message) as refused:
        rnncast.compare(models(fitted), frame)
    assert "\n" not in str(refused.value)


def test_models_of_other_horizons_or_targets_are_refused(fitted, frame):
    longer = Forecaster(**{**SMALL, "lookback": 12, "horizon": 3}).fit(frame, target="y", time_col="t")
    with pytest.raises(RnncastError, match=r"^the models forecast different horizons \(a: 2, b: 3\); compare models of "
                                           r"one horizon$"):
        rnncast.compare({"a": fitted["lstm"], "b": longer}, frame)
    other = frame.assign(z=frame["y"] * 2)
    on_z = Forecaster(**{**SMALL, "lookback": 12}).fit(other, target="z", time_col="t")
    with pytest.raises(RnncastError, match=r"^the models forecast different targets \(a: \['y'\], b: \['z'\]\)"):
        rnncast.compare({"a": fitted["lstm"], "b": on_z}, other)
    both, turned = (Forecaster(**{**SMALL, "lookback": 12}).fit(other, target=t, time_col="t") for t in (["y", "z"],
                                                                                                    ["z", "y"]))
    with pytest.raises(RnncastError, match=r"^the models forecast the same targets in another order \(a: \['y', 'z'\], "
                                           r"b: \['z', 'y'\]\); compare models fitted with the targets in one order$"):
        rnncast.compare({"a": both, "b": turned}, other)


def test_no_common_window_says_why(fitted, frame):
    """Models fitted on two halves of a series: the later one's test windows all come after the earlier one's rows,
    the earlier one's val windows none of the later one's."""
    late = Forecaster(**{**SMALL, "lookback": 12}).fit(frame.iloc[200:], target="y", time_col="t")
    with pytest.raises(RnncastError, match=r"^no val window is forecast by every model: their first targets do not "
                                           r"meet \(early: \d+ to \d+; late: \d+ to \d+\); part='val' is found for each "
                                           r"model from the rows it was fitted on"):
        rnncast.compare({"early": fitted["lstm"], "late": late}, frame, part="val")
    with pytest.raises(RnncastError, match=r"^model 'late': "):  # no val window of the late model in the first half
        rnncast.compare({"early": fitted["lstm"], "late": late}, frame.iloc[:300], part="val")


def test_an_unknown_keyword_is_refused_by_name(fitted, frame):
    with pytest.raises(RnncastError, match=r"unknown parameter 'parts' for compare \(did you mean 'part'\?\)"):
        rnncast.compare({"a": fitted["lstm"], "b": fitted["gru"]}, frame, parts="test")


def test_the_data_and_the_part_are_refused_as_the_comparison_s_not_a_model_s(fitted, frame, tmp_path):
    with pytest.raises(RnncastError, match=r"^file not found: .*nope\.csv \(expected a CSV or Parquet file\)$"):
        rnncast.compare([fitted["lstm"], fitted["gru"]], tmp_path / "nope.csv")
    with pytest.raises(RnncastError, match=r"^unknown part 'tst'; choose one of: train, val, test, all$"):
        rnncast.compare([fitted["lstm"], fitted["gru"]], frame, part="tst")


def test_a_cell_s_name_never_takes_a_name_given(fitted, frame):
    """[('LSTM', a GRU), an LSTM] said "the name 'LSTM' is given twice", though the user gave it once."""
    result = rnncast.compare([("LSTM", fitted["gru"]), fitted["lstm"]], frame)
    assert result.names == ["LSTM", "LSTM 1"]


def test_data_too_short_is_said_in_compares_words_not_a_methods(fitted, frame):
    """`rnncast compare` on data too short said "model 'daily': predict_windows needs at least ...", a Python method
    the reader never called; the refusal names compare, and predict_windows called alone still names itself."""
    with pytest.raises(RnncastError) as refused:
        rnncast.compare({"a": fitted["lstm"], "b": fitted["rnn"]}, frame.head(10))
    assert str(refused.value) == "model 'a': compare needs at least lookback 12 + horizon 2 = 14 rows (one window), got 10"
    with pytest.raises(RnncastError, match=r"^predict_windows needs at least lookback 12"):
        fitted["lstm"].predict_windows(frame.head(10))
def test_a_panel_is_judged_with_each_series_divided_by_its_training_spread_as_evaluate_judges_it():
    """compare judged a panel in original units, where the series near 5,000 carried 98.6 % of the loss differences
    (MSE 4302 against 2063.5, p = 0.14), while evaluate weighs each series in its own scale (a tester's find). The
    test now divides each series' errors by its training rows' standard deviation (the first model's rows), whatever
    each model's scaler; the original MSE and MAE stay for reading."""
    from rnncast.forecasttimes import forecast_times
    from rnncast.significance import diebold_mariano

    panel = make_panel(3, lengths=(100, 100), seed=3)
    panel["y"] = panel["y"] * panel["unique_id"].map({"s000": 1.0, "s001": 1e4, "s002": 1e-2})
    a = Forecaster(**{**SMALL, "lookback": 8}).fit(panel)
    b = Forecaster(**{**SMALL, "lookback": 8, "cell": "gru", "scaler": "none"}).fit(panel)
    result = rnncast.compare({"a": a, "b": b}, panel)
    assert result.test_units == "each series divided by its training rows' standard deviation"
    wa, wb = a.predict_windows(panel, part="test"), b.predict_windows(panel, part="test")
    train = {sid: g["y"].to_numpy()[: a.splits_[a.ids_.index(sid)].train_end] for sid, g in panel.groupby("unique_id")}
    spread = np.array([train[wa.ids[s]].std() for s in wa.series])[:, None, None]
    ea, eb = (wa.y_pred - wa.y_true) / spread, (wb.y_pred - wb.y_true) / spread
    assert result.scaled_scores["a"]["mse"] == pytest.approx(np.mean(ea ** 2), rel=1e-9)
    assert result.scaled_scores["b"]["mse"] == pytest.approx(np.mean(eb ** 2), rel=1e-9)
    assert result.scaled_scores["a"]["mse"] == pytest.approx(a.evaluate(panel)["scaled"]["model"]["mse"], rel=1e-5)
    assert result.scores["a"]["mse"] == pytest.approx(np.mean((wa.y_pred - wa.y_true) ** 2), rel=1e-9)  # original
    one_sided = diebold_mariano(ea, eb, 2, forecast_times(wa))["p_value"]
    assert result.pairs[0]["p"] == pytest.approx(2 * min(one_sided, 1 - one_sided), rel=1e-9)
    assert result.pairs[0]["lower"] == ("a" if np.mean(ea ** 2) <= np.mean(eb ** 2) else "b")
    assert any("each series divided by its training rows' standard deviation" in note for note in result.notes)
    scored = a.evaluate(panel)  # a's baselines in the test's units are evaluate's scaled ones (a standard scaler)
    assert result.scaled_baselines["mean"]["mse"] == pytest.approx(scored["scaled"]["mean"]["mse"], rel=1e-5)
    assert result.against_each_baseline["a"]["mean"]["p_value"] == pytest.approx(
        scored["significance"]["mean"]["p_value"], rel=1e-4)
    one = rnncast.compare({"a": a, "b": b}, panel[panel["unique_id"] == "s001"])  # one series: original units
    assert one.test_units == "original units" and one.scaled_scores == {}
    other = Forecaster(**{**SMALL, "lookback": 8, "test_frac": 0.3}).fit(panel)  # fewer training rows: other spreads
    apart = rnncast.compare({"a": a, "c": other}, panel)
    said = next(note for note in apart.notes if note.startswith("the test weighs the errors in scaled units"))
    assert said.endswith("'c' was fitted on other training rows, whose spreads differ: every model's errors are "
                         "divided by the spreads of 'a'.")


def test_several_targets_are_compared_each_in_its_own_units_beside_their_mean():
    """compare printed only the mean of kWh² and %² (a tester's finding, decision 564)."""
    t = np.arange(200)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=200), "kwh": 1000 + 100 * np.sin(t / 5.0),
                          "hum": 50 + np.cos(t / 3.0)})
    models = {"a": Forecaster(**TINY).fit(frame, target=["kwh", "hum"]),
              "b": Forecaster(**{**TINY, "cell": "gru"}).fit(frame, target=["kwh", "hum"])}
    result = rnncast.compare(models, frame)
    for name in models:
        each = result.by_target[name]
        assert list(each) == ["kwh", "hum"]
        assert result.scores[name]["mse"] == pytest.approx((each["kwh"]["mse"] + each["hum"]["mse"]) / 2)
    assert "(the targets' mean; each target's own in its table)" in " ".join(result.notes)
    assert "by_target" in result.as_dict()
    # the baselines in each target's own units too, as evaluate gives them (their tables had none; a tester's find)
    own = models["a"].evaluate(frame)["by_target"]
    for key in ("repeat", "mean"):
        for target in ("kwh", "hum"):
            assert result.baselines_by_target[key][target]["mse"] == pytest.approx(own[target][key]["mse"], rel=1e-5)


def test_the_baselines_are_scored_on_the_same_windows_and_each_model_judged_as_evaluate_judges_it(fitted, frame):
    """Three models that all lost to the training mean were ranked, a "winner" named, and no baseline said (a tester's
    find): compare now scores the baselines on its windows and says which a model does not beat, as evaluate does."""
    result = rnncast.compare({"a": fitted["lstm"], "b": fitted["rnn"]}, frame)
    for name, model in (("a", fitted["lstm"]), ("b", fitted["rnn"])):
        scored = model.evaluate(frame)
        for key, verdict in result.against_each_baseline[name].items():
            assert verdict["p_value"] == pytest.approx(scored["significance"][key]["p_value"], rel=1e-4)  # original against scaled float32 errors
            assert verdict["beaten"] == (scored["original"]["model"]["mse"] < scored["original"][key]["mse"]
                                         and scored["significance"][key]["p_value"] < 0.05)
    own = fitted["lstm"].evaluate(frame)["original"]
    assert set(result.baselines) == {"repeat", "mean"} and result.scaled_baselines == {}
    for key, block in result.baselines.items():
        assert block["mse"] == pytest.approx(own[key]["mse"], rel=1e-5)  # float32 forecasts, summed apart
        assert block["mae"] == pytest.approx(own[key]["mae"], rel=1e-5)
    assert result.notes[-1].startswith(("every model beats", "not every model", "no model beats"))


def test_a_model_without_a_season_is_judged_against_the_seasonal_baseline_another_model_has(frame):
    """Models fitted with and without --season: the seasonal naive row was shown (or not, by the order given) and the
    note named only the model that had one, implying the other beat it (a tester's find). Each model is now judged
    against every baseline shown, in either order."""
    with_season = Forecaster(**{**SMALL, "lookback": 12, "season": 7}).fit(frame, target="y", time_col="t")
    without = Forecaster(**{**SMALL, "lookback": 12}).fit(frame, target="y", time_col="t")
    for models in ({"s": with_season, "n": without}, {"n": without, "s": with_season}):
        result = rnncast.compare(models, frame)
        assert set(result.baselines) == {"repeat", "mean", "seasonal"}
        each = result.against_each_baseline
        assert all(set(verdicts) == {"repeat", "mean", "seasonal"} for verdicts in each.values())
        assert result.against_each_baseline["n"]["seasonal"]["p_value"] == pytest.approx(
            result.against_each_baseline["n"]["seasonal"]["p_value"])


@pytest.fixture(scope="module")
def quantile_models(frame):
    """Two models of the levels 0.1, 0.5, 0.9 (lstm and gru), one of 0.25, 0.5, 0.75, all of lookback 12."""
    def fit(cell, levels):
        return Forecaster(**SMALL, cell=cell, lookback=12, quantiles=levels).fit(frame, target="y", time_col="t")
    return {"q": fit("lstm", (0.1, 0.5, 0.9)), "q2": fit("gru", (0.1, 0.5, 0.9)), "qq": fit("lstm", (0.25, 0.5, 0.75))}


def test_quantile_models_of_the_same_levels_are_ranked_by_mean_pinball_loss(quantile_models, frame):
    """compare judged quantile models by the median's MSE alone and named a winner; a model whose intervals were twice
    too wide went unseen (t28t8). Of the same levels they are ranked by the mean pinball loss over them."""
    result = rnncast.compare({"a": quantile_models["q"], "b": quantile_models["q2"]}, frame)
    assert result.ranked_by == "mean pinball loss"
    assert "test mean pinball loss" in result.sentence or " tie" in result.sentence
    for name, model in (("a", quantile_models["q"]), ("b", quantile_models["q2"])):
        scored = model.evaluate(frame)["original"]["model"]
        assert result.quantile_scores[name]["pinball"] == pytest.approx(scored["pinball"], rel=1e-9)
        assert result.quantile_scores[name]["by_level"]["values"] == scored["by_level"]["values"]
        assert set(result.quantile_scores[name]) >= {"levels", "pinball", "coverage_80", "by_level"}
    lower = min("ab", key=lambda n: result.quantile_scores[n]["pinball"])
    assert all(pair["lower"] == lower for pair in result.pairs)
    assert any(note.startswith("every model forecasts the quantiles [0.1, 0.5, 0.9]: the verdict ranks them by the "
                               "mean pinball loss") for note in result.notes)
    assert json.loads(json_text(result.as_dict()))["quantile_scores"]["a"]["coverage_80"] is not None


@pytest.mark.parametrize("names, said", [
    (("q", "qq"), "the intervals were not compared: the quantile models forecast different levels (a: [0.1, 0.5, 0.9]; "
                  "b: [0.25, 0.5, 0.75]), so the verdict ranks by the MSE of the median"),
    (("q", "lstm"), "the intervals were not compared: b is a point forecast, without intervals"),
])
def test_models_of_other_levels_or_a_point_model_are_ranked_by_mse_saying_the_intervals_were_not(
        quantile_models, fitted, frame, names, said):
    models = {**quantile_models, **fitted}
    result = rnncast.compare({"a": models[names[0]], "b": models[names[1]]}, frame)
    assert result.ranked_by == "MSE" and ("test MSE" in result.sentence or " tie" in result.sentence)
    note = next(n for n in result.notes if n.startswith("the intervals were not compared"))
    assert note.startswith(said)
    assert ("share no interval (the levels all of them have: [0.5])" in note) == (names[1] == "qq")
    assert result.quantile_scores["a"]["pinball"] > 0 and (result.quantile_scores["b"] is None) == (names[1] == "lstm")


def test_a_model_saved_before_the_climatology_was_kept_is_said_where_the_comparison_scores_none():
    """Decision 1735: compare of such a model said nothing where evaluate says the climatology is not scored."""
    time = pd.date_range("2015-01-01", "2018-12-31", freq="D")
    daily = pd.DataFrame({"date": time, "y": 10 + 5 * np.sin(2 * np.pi * time.day_of_year / 365.25)})
    new = Forecaster(**{**TINY, "epochs": 1, "max_batches": 1}).fit(daily, target="y")
    old = copy.deepcopy(new)
    old.state_.climatology = None  # as model.json before rnncast kept it
    said = [n for n in rnncast.compare({"old": old, "new": new}, daily).notes if "saved before rnncast kept" in n]
    assert said == []  # judged against new's climatology: scored
    older = copy.deepcopy(old)
    notes = rnncast.compare({"old": old, "older": older}, daily).notes
    assert [n.split(":")[0] for n in notes if "the 'climatology' baseline is not scored" in n] == ["old", "older"]


def test_windows_a_models_season_left_out_are_said_with_that_cause(fitted, frame, caplog):
    """t35t7 L1: the windows of a model of lookback 12 that a model of season 30 > lookback 12 leaves out (fewer than a
    season of rows before them, decision 1778) were said as left out for "another lookback, another fit's split, or a
    date without a row ...", a list lacking their cause; the season is named now (decision 1845)."""
    seasonal = Forecaster(**{**SMALL, "lookback": 12, "season": 30}).fit(frame, target="y", time_col="t")
    result = rnncast.compare({"plain": fitted["lstm"], "seasonal": seasonal}, frame, part="all")
    assert result.left_out == {"plain": 18, "seasonal": 18}  # its own season's, as evaluate counts them (decision 1916)
    assert result.own_windows["seasonal"] == result.own_windows["plain"]
    assert result.notes[0].startswith("model 'seasonal': 18 of the ") and "fewer than a season (30 calendar steps)" in result.notes[0]
    assert result.notes[1] == ("left out as not forecast by every model (another lookback, another fit's split, a season "
                               "longer than another model's lookback (seasonal: season 30, lookback 12), or a date "
                               "without a row whose future covariates one model reads): "
                               f"18 of plain's {result.own_windows['plain']} windows.")

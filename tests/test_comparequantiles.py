"""compare's quantile models (``comparequantiles.py``): the scores beside MSE, the pinball errors the test squares,
and what the verdict ranks by, with the levels they could be compared on."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from rnncast.comparequantiles import against_baselines, judge, pinball_errors
from rnncast.metrics import pinball
from rnncast.windowforecasts import WindowForecasts
from test_bandcounts import REASON


def _wf(levels, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=(6, 2, 1))
    quantiles = None if levels is None else y[..., None] + rng.normal(size=(6, 2, 1, len(levels)))
    return WindowForecasts(starts=np.arange(6), target_rows=np.arange(6), y_true=y, y_pred=y + 0.1, baselines={},
                           time=None, quantiles=quantiles, levels=tuple(levels or ()))


def test_the_squared_pinball_errors_are_each_values_mean_pinball_loss():
    wf = _wf((0.1, 0.5, 0.9))
    loss = np.square(pinball_errors(wf))
    assert loss.mean() == pytest.approx(np.mean([pinball(wf.y_true, wf.quantiles[..., i], q)
                                                 for i, q in enumerate(wf.levels)]))
    assert np.square(pinball_errors(wf, np.full((6, 1, 1), 2.0))).mean() == pytest.approx(loss.mean() / 2)


def test_the_verdict_weighs_pinball_only_where_every_model_has_the_same_levels():
    same = judge({"a": _wf((0.1, 0.5, 0.9)), "b": _wf((0.1, 0.5, 0.9), 1)}, None)
    assert same.errors is not None and set(same.errors) == {"a", "b"} and "mean pinball loss" in same.note
    wider = judge({"a": _wf((0.05, 0.1, 0.5, 0.9, 0.95)), "b": _wf((0.1, 0.5, 0.9), 1)}, None)
    assert wider.errors is None and "could be compared on the levels all of them have, [0.1, 0.5, 0.9] (the 80% " \
        "interval)" in wider.note
    points = judge({"a": _wf(None), "b": _wf(None, 1)}, None)
    assert points.errors is None and points.note == "" and points.scores == {"a": None, "b": None}


def test_coverage_is_counted_on_the_scaled_windows_as_evaluate_counts_it():
    """compare counted coverage and each level's share on original units, evaluate on the scaled arrays (where forecast
    and truth share float32's grid): one model on the same windows could show two coverages. Both count as evaluate."""
    from dataclasses import replace

    from rnncast import evaluation
    wf = _wf((0.1, 0.5, 0.9))
    scaled = replace(wf, y_true=wf.y_true * 0.5, quantiles=wf.quantiles * 0.5 + 0.3)  # other shares than wf's
    held = judge({"a": wf, "b": wf}, None, scaled={"a": scaled, "b": scaled}).scores["a"]
    said = evaluation.interval_scores(wf, scaled)
    assert held["coverage_80"] == said["coverage_80"] != judge({"a": wf, "b": wf}, None).scores["a"]["coverage_80"]
    assert held["by_level"] == said["by_level"] and held["pinball"] == said["pinball"]


def test_compare_says_the_coverage_evaluate_says_for_one_model(quantile_model):
    from conftest import make_frame
    from rnncast import compare
    data = make_frame(200)
    said = quantile_model.evaluate(data)["original"]["model"]  # its losses in original units, as compare's
    held = compare({"a": quantile_model, "b": copy.deepcopy(quantile_model)}, data).quantile_scores["a"]
    assert held["coverage_80"] == said["coverage_80"] and held["by_level"] == said["by_level"]


def test_compare_scores_each_quantile_models_baselines_intervals_as_evaluate_does_and_shows_them(quantile_model,
                                                                                                  capsys):
    from conftest import make_frame
    from rnncast import compare
    from rnncast.cli.comparing import quantile_columns
    data = make_frame(200)
    said = quantile_model.evaluate(data)["original"]
    result = compare({"a": quantile_model, "b": copy.deepcopy(quantile_model)}, data)
    held = result.baseline_quantile_scores["a"]
    assert set(held) == set(result.baselines) == {"repeat", "mean"}
    for key in held:  # the same values, the same intervals: evaluate's numbers
        assert held[key]["pinball"] == pytest.approx(said[key]["pinball"], rel=1e-9)
        assert held[key]["coverage_80"] == said[key]["coverage_80"] and held[key]["by_level"] == said[key]["by_level"]
    assert "The baselines' pinball loss and coverage are their intervals'" in " ".join(result.notes)
    tested = quantile_model.evaluate(data)["significance_pinball"]  # evaluate's test of the interval verdict
    for key in held:  # compare tests the model's pinball against each baseline's as evaluate does (its own units)
        assert held[key]["p_value"] == pytest.approx(tested[key]["p_value"], rel=1e-3, abs=1e-6)
    beats = all(v["beaten"] for v in held.values())
    assert ("Every quantile model beats each baseline's intervals" if beats else
            "No quantile model beats every baseline's intervals") in " ".join(result.notes)  # the same model twice
    heads, cells = quantile_columns(result.quantile_scores, 4, [held[k] for k in result.baselines])
    assert heads == ["pinball", "wQL", "80% covers"]  # wQL after pinball, as fit's table (decision 2096)
    assert cells[2][2] == f"{held['repeat']['coverage_80']:.4f}"  # decision 1854
    assert float(cells[2][0]) == pytest.approx(held["repeat"]["pinball"], rel=1e-3)
    point = quantile_columns({"a": {"pinball": 1.0, "coverage_80": 0.8}, "p": None}, 3)[1]
    assert point[1] == point[2] == ["-", "-"]  # a point model, and a baseline without intervals


def test_no_baseline_intervals_are_scored_for_point_models():
    from rnncast.comparequantiles import baseline_scores
    assert baseline_scores({"a": _wf(None), "b": _wf(None, 1)}, None) == {}
    assert judge({"a": _wf(None), "b": _wf((0.1, 0.5, 0.9), 1)}, None).baselines == {}  # no intervals given: none


def _noise(seed: int, shift: float = 0.0, n: int = 300) -> dict:
    """A quantile model and a baseline forecasting pure noise equally well (each its own jitter about the true
    quantiles; ``shift`` moves the baseline's off them), scored and tested as evaluate does."""
    from dataclasses import replace

    from scipy.stats import norm

    from rnncast.metrics import quantile_scores
    from rnncast.significance import diebold_mariano

    rng = np.random.default_rng(seed)
    levels = (0.1, 0.5, 0.9)
    true = norm.ppf(levels)
    y = rng.normal(size=(n, 1, 1))
    model = true + rng.normal(scale=0.3, size=(n, 1, 1, 1))
    base = true + shift + rng.normal(scale=0.3, size=(n, 1, 1, 1))
    wf = replace(_wf(levels), starts=np.arange(n), target_rows=np.arange(n), y_true=y, y_pred=model[..., 1],
                 quantiles=model, baselines={"repeat": base[..., 1]}, baseline_quantiles={"repeat": base})
    scores = {"model": quantile_scores(y, model, levels), "repeat": quantile_scores(y, base, levels)}
    tests = against_baselines(wf, lambda a, b, keep: diebold_mariano(a, b, 1, keep=keep))
    return {"original": scores, "scaled": scores, "significance_pinball": tests}


def test_a_tie_on_pure_noise_is_not_called_a_win_and_a_clear_win_is():
    from rnncast.intervalverdict import pinball_verdict

    said = [pinball_verdict(_noise(seed)) for seed in range(40)]
    lower = [s for s in said if "% lower" in s]
    assert len(lower) >= 10  # the model's loss lower by chance, often
    wins = sum("beat every baseline's" in s for s in lower)
    assert wins <= 4  # a 5% test: about 2 of 40 ties called a win, not every lower loss
    assert sum("but not beyond chance against 'repeat the last value'" in s or "but not against 'repeat the last value'"
               in s for s in lower) == len(lower) - wins
    losses = sum("the baseline's quantiles are better" in s for s in said)  # the other way alike
    assert losses <= 4 and sum("higher, but not beyond chance" in s or "times as high, but not beyond chance" in s
                                    for s in said) == len(said) - len(lower) - losses
    clear = pinball_verdict(_noise(0, shift=1.0))
    assert "beyond chance (one-sided p" in clear and "its quantiles beat every baseline's" in clear
    worse = _noise(0, shift=1.0)
    worse["original"] = {"model": worse["original"]["repeat"], "repeat": worse["original"]["model"]}
    worse["significance_pinball"] = {"repeat": {**worse["significance_pinball"]["repeat"], "p_value": 0.999}}
    assert "the baseline's quantiles are better (one-sided p = 0.001 that they are not)" in pinball_verdict(worse)


def test_the_baselines_pinball_is_said_untested_where_no_test_ran_and_a_miss_names_its_p():
    from rnncast.comparequantiles import intervals_note
    block = {"pinball": 1.0}
    assert intervals_note({"a": {"repeat": block}}).endswith(
        "The models' pinball losses are not tested against the baselines'.")
    said = intervals_note({"a": {"repeat": {**block, "p_value": 0.21, "beaten": False},
                                 "mean": {**block, "p_value": 0.001, "beaten": True}}})
    assert said.endswith("No quantile model beats every baseline's intervals on these windows (as evaluate judges: a "
                         "lower mean pinball loss beyond chance, one-sided Diebold–Mariano p < 0.05 that the model is "
                         "not better): the intervals of 'repeat the last value' are not beaten by 'a' (p = 0.21).")
    both = intervals_note({"a": {"repeat": {**block, "p_value": 0.21, "beaten": False}},
                           "b": {"repeat": {**block, "p_value": 0.01, "beaten": True}}})
    assert both.endswith("Not every quantile model beats the baselines' intervals on these windows (as evaluate "
                         "judges: a lower mean pinball loss beyond chance, one-sided Diebold–Mariano p < 0.05 that the "
                         "model is not better): the intervals of 'repeat the last value' are not beaten by 'a' "
                         "(p = 0.21).")


def test_compare_never_says_the_model_beats_intervals_of_the_same_loss_and_tests_each_model_once():
    """compare's interval test rewrote evaluate's and dropped its same-loss guard: a baseline's intervals of the
    model's loss to a millionth (float32's rounding) with a small p were "beaten" where evaluate says "the same loss".
    One rule now (``significance.beaten``); the model's pinball errors are computed once for judge and the test."""
    from dataclasses import replace

    from rnncast import comparequantiles
    from rnncast.comparequantiles import baseline_scores
    wf = _wf((0.1, 0.5, 0.9))
    clear = wf.quantiles + np.where(wf.quantiles > wf.y_true[..., None], 0.5, -0.5)  # wider each way: a higher loss
    same = wf.quantiles * (1 + 1e-9)
    wf = replace(wf, baselines={"repeat": wf.y_pred, "mean": wf.y_pred},
                 baseline_quantiles={"repeat": same, "mean": clear})
    bands = baseline_scores({"a": wf}, None, test=lambda a, b, keep: 0.001)["a"]
    assert bands["repeat"]["p_value"] == 0.001 and bands["repeat"]["beaten"] is False
    assert bands["mean"]["beaten"] is True
    calls = []
    real = comparequantiles.pinball_errors
    comparequantiles.pinball_errors = lambda w, spread=None: (calls.append(w.quantiles is wf.quantiles)
                                                              or real(w, spread))
    try:
        judge({"a": wf}, None, test=lambda a, b, keep: 0.001)
    finally:
        comparequantiles.pinball_errors = real
    assert calls.count(True) == 1 and len(calls) == 3  # the model's once, each baseline's once


def test_the_interval_test_weighs_the_errors_divided_by_the_spread_where_given():
    from dataclasses import replace
    wf = _wf((0.1, 0.5, 0.9))
    wf = replace(wf, baselines={"repeat": wf.y_pred}, baseline_quantiles={"repeat": wf.quantiles + 1.0})
    spread = np.full((6, 1, 1), 4.0)
    got = against_baselines(wf, lambda a, b, keep: (np.square(a).mean(), np.square(b).mean()), spread=spread)["repeat"]
    plain = against_baselines(wf, lambda a, b, keep: (np.square(a).mean(), np.square(b).mean()))["repeat"]
    assert got == pytest.approx((plain[0] / 4, plain[1] / 4))


def test_compare_scores_a_baselines_intervals_on_the_values_it_has_one_for_and_says_what_it_left_out():
    """Decision 1876, as evaluate scores them: windows 3 to 5 have no interval of the baseline (too few training
    windows of their series); its pinball loss and coverage are those of windows 0 to 2, not NaN for every window."""
    from dataclasses import replace

    from rnncast.comparequantiles import baseline_scores, scores
    wf = _wf((0.1, 0.5, 0.9))
    band = wf.quantiles + 0.3
    band[3:] = np.nan
    wf = replace(wf, baselines={"seasonal": wf.y_pred}, baseline_quantiles={"seasonal": band})
    got = baseline_scores({"a": wf}, None)["a"]["seasonal"]
    first = replace(wf, starts=wf.starts[:3], target_rows=wf.target_rows[:3], y_true=wf.y_true[:3],
                    y_pred=wf.y_pred[:3], quantiles=band[:3])
    want = scores(first, None)
    assert got["pinball"] == pytest.approx(want["pinball"]) and got["coverage_80"] == pytest.approx(want["coverage_80"])
    assert got["by_level"] == want["by_level"]
    left = got.pop("intervals_left_out")
    assert {k: v for k, v in left.items() if k != "model"} == {
        "values": 6, "of": 12, "windows": 3, "of_windows": 6, "series": 0, "of_series": 1, "fewest": 9,
        "unlearned": 0, "unlearned_series": 0, "reason": REASON}
    mine = scores(replace(first, quantiles=wf.quantiles[:3]), None)  # decision 1909: the model's on the same values
    assert left["model"] == pytest.approx({k: mine[k] for k in ("pinball", "wql", "coverage_80")})


def test_the_baselines_intervals_are_said_untested_with_the_reason_where_too_few_forecast_times():
    from rnncast.comparequantiles import intervals_note
    block = {"pinball": 1.0, "p_value": float("nan"), "beaten": False}
    said = intervals_note({"a": {"repeat": block}}, "1 forecast time, and it needs 2")
    assert said.endswith("No quantile model was tested against the baselines' intervals on these windows (no "
                         "Diebold–Mariano test could be made: 1 forecast time, and it needs 2), so none beats every "
                         "baseline's intervals (as evaluate judges: a lower mean pinball loss beyond chance, one-sided "
                         "Diebold–Mariano p < 0.05 that the model is not better).")


def test_a_baseline_is_tested_on_the_values_it_has_an_interval_for_and_one_with_none_is_not_weighed():
    """Decision 1909 (r36r1 1): the seasonal naive with no interval at any value was "not beaten (p = nan)", and one
    with an interval at some values was tested on all of them (NaN); now each is tested on its own values, the model's
    losses on the same ones, and one with none is not weighed: p and beaten null, the note says so, never "p = nan"."""
    from dataclasses import replace

    from rnncast.comparequantiles import baseline_scores, intervals_note
    wf = _wf((0.1, 0.5, 0.9))
    part, none = wf.quantiles + 0.3, np.full_like(wf.quantiles, np.nan)
    part[3:] = np.nan
    wf = replace(wf, baselines={"repeat": wf.y_pred, "seasonal": wf.y_pred},
                 baseline_quantiles={"repeat": part, "seasonal": none})
    seen = []
    got = baseline_scores({"a": wf}, None, test=lambda a, b, keep: seen.append(keep) or 0.001)["a"]
    assert len(seen) == 1 and seen[0][:3].all() and not seen[0][3:].any()  # the repeat's values alone
    assert got["seasonal"]["p_value"] is None and got["seasonal"]["beaten"] is None
    assert got["repeat"]["p_value"] == 0.001
    note = intervals_note({"a": got})
    assert "p = nan" not in note and "'seasonal naive' has no interval at any value scored and is not weighed" in note
    assert "'repeat the last value' is weighed on the values it has an interval for (6 of the 12)" in note
    assert "The 'seasonal naive' baseline has no interval at 12 of the 12 values scored" in note  # the table's rows

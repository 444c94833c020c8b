"""climatologyseries: the climatology where only some series have one, scored apart and out of the pooled scores
(decision 1693)."""

from __future__ import annotations

import logging

import numpy as np

from rnncast import climatologyseries
from rnncast.windowforecasts import WindowForecasts


def _wf(lacking=(1,)):
    """Six windows of series 0, 1, 2 (two each), horizon 2; the series ``lacking`` have no climatology (NaN)."""
    series = np.repeat([0, 1, 2], 2)
    y = np.arange(12, dtype=np.float64).reshape(6, 2, 1)
    climate = np.where(np.isin(series, lacking)[:, None, None], np.nan, y + 0.5)
    return WindowForecasts(starts=np.arange(6), target_rows=np.arange(6) + 3, y_true=y, y_pred=y + 1,
                           baselines={"repeat": y - 1, "climatology": climate}, time=None, series=series,
                           ids=["A", "B", "C"], baseline_quantiles={"repeat": np.zeros((6, 2, 1, 1))})


def test_the_windows_with_a_climatology_are_found_and_it_is_taken_out_where_some_lack_it():
    wf = _wf()
    assert climatologyseries.having(wf).tolist() == [True, True, False, False, True, True]
    assert climatologyseries.having(_wf(())) is None  # every window has one: nothing to split
    out = climatologyseries.without(wf)
    assert list(out.baselines) == ["repeat"] and list(out.baseline_quantiles) == ["repeat"]
    assert climatologyseries.having(out) is None
    assert "climatology" not in climatologyseries.whole(wf).baselines
    assert "climatology" in climatologyseries.whole(_wf(())).baselines


def test_the_record_names_the_series_with_and_without_one_and_the_sentence_says_them():
    have = climatologyseries.having(_wf())
    block = {"model": {"mse": 0.5}, "climatology": {"mse": 0.25}}
    part = climatologyseries.record(have, np.repeat([0, 1, 2], 2), ["A", "B", "C"], block, block, {})
    assert part["series"] == ["A", "C"] and part["lacking"] == ["B"] and part["windows"] == 4
    said = climatologyseries.sentence(part, "scaled", "MSE (scaled)")
    assert said == (" The 'climatology' baseline is scored on the 2 of 3 series that have one alone, apart from the "
                    "verdict above: MSE (scaled) 0.25 against the model's 0.5 on those series' windows; 'B' has none.")
    assert climatologyseries.sentence(None) == ""


def test_a_backtest_leaves_a_climatology_some_series_lack_out_and_says_who(caplog):
    wf = _wf((1, 2))
    with caplog.at_level(logging.WARNING):
        out, scaled = climatologyseries.unpooled(wf, wf, ["A", "B", "C"])
    assert "climatology" not in out.baselines and "climatology" not in scaled.baselines
    assert "'B', 'C' have none at some cutoff" in caplog.text
    caplog.clear()
    whole = _wf(())
    assert climatologyseries.unpooled(whole, whole, ["A", "B", "C"])[0] is whole and not caplog.text


def test_compare_leaves_out_a_climatology_some_series_lack_said_once(caplog):
    """compare read NaN for the climatology of a panel with a short series ('baseline: climatology  nan  nan') and
    called it "not beaten"; now it is left out of the comparison, said once (decision 1693)."""
    with caplog.at_level(logging.WARNING):
        out = climatologyseries.unjudged({"a": _wf(), "b": _wf(), "c": _wf(())})
    assert ["climatology" in wf.baselines for wf in out.values()] == [False, False, False]
    assert caplog.text.count("not scored in this comparison: 'B' has none, and") == 1


def test_a_whole_climatology_beside_a_partial_one_is_taken_out_of_every_model_in_either_order(caplog):
    """r34r1 1 (decision 1741): m2 lacked it for 'B', m1 had it whole; compare warned "not scored in this comparison"
    then scored m1's row and judged m2 by it on 'B' too. Now every model goes without it, whichever comes first; the
    lacking series of every model are named once."""
    for order in (("m1", "m2"), ("m2", "m1")):
        made = {"m1": _wf(()), "m2": _wf()}
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            out = climatologyseries.unjudged({name: made[name] for name in order})
        assert list(out) == list(order) and not any("climatology" in wf.baselines for wf in out.values())
        assert all(list(out[name].baselines) == ["repeat"] for name in order)
        assert caplog.text.count("not scored in this comparison: 'B' has none, and") == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        out = climatologyseries.unjudged({"m1": _wf((2,)), "m2": _wf()})
    assert caplog.text.count("not scored in this comparison: 'B', 'C' have none, and") == 1
    caplog.clear()
    whole = {"m1": _wf(()), "m2": _wf(())}
    out = climatologyseries.unjudged(whole)
    assert all(out[k] is whole[k] for k in whole) and not caplog.text  # every series has one: compared


def test_more_than_five_series_without_one_are_named_five_then_counted():
    """r34r1 4: the listing is ``spelling.some``'s, worded as before: the first five, "and 2 more"."""
    ids = [f"S{i}" for i in range(8)]
    part = {"series": ["S0"], "lacking": ids[1:], "scaled": {}}
    said = climatologyseries.sentence(part)
    assert said.endswith("on the 1 of 8 series that have one alone, apart from the verdict above; 'S1', 'S2', 'S3', "
                         "'S4', 'S5' and 2 more have none.")


def test_the_sentence_judges_the_climatology_against_the_model_as_the_verdict_does():
    """Decision 1759: the sentence gave two numbers and no judgement where the climatology was 23% lower than the
    model on its series' windows (p_value 0.9966, that the model is not better): it says now which is lower and
    whether beyond chance, with the one-sided p of that side (1 - p where the climatology is lower)."""
    have = climatologyseries.having(_wf())
    lower = {"model": {"mse": 0.0623}, "climatology": {"mse": 0.0479}}
    part = climatologyseries.record(have, np.repeat([0, 1, 2], 2), ["A", "B", "C"], lower, lower, {"p_value": 0.9966})
    said = climatologyseries.sentence(part, "scaled", "MSE")
    assert ("MSE 0.0479 against the model's 0.0623 on those series' windows, where the climatology is lower, beyond "
            "chance (one-sided p = 0.0034 that it is not); 'B' has none.") in said
    said = climatologyseries.sentence({**part, "significance": {"p_value": 0.8}})
    assert "where the climatology is lower, but not beyond chance (one-sided p = 0.2 that it is not);" in said
    better = {"model": {"mse": 0.04}, "climatology": {"mse": 0.05}}
    said = climatologyseries.sentence({**part, "scaled": better, "significance": {"p_value": 0.01}})
    assert "0.05 against the model's 0.04 on those series' windows, where the model is lower, beyond chance " \
           "(one-sided p = 0.01 that it is not);" in said
    said = climatologyseries.sentence({**part, "scaled": better, "significance": {"p_value": float("nan")}})
    assert "where the model is lower (not tested against chance);" in said
    said = climatologyseries.sentence({**part, "original": lower, "scaled": better, "significance": {"p_value": 0.01}},
                                      "original")  # the test's scaled errors judge; said where the shown units differ
    assert "where the model is lower in scaled units (the test's), beyond chance" in said


def test_the_climatology_beats_the_model_only_where_lower_beyond_chance_in_scaled_units():
    """decision 1826: the verdict and the page's colour ask ``beats_model``, judged as ``sentence`` says it."""
    part = {"series": ["A"], "lacking": ["B"], "significance": {"p_value": 0.995},
            "scaled": {"model": {"mse": 2.0}, "climatology": {"mse": 1.0}}}
    assert climatologyseries.beats_model(part)
    assert not climatologyseries.beats_model({**part, "significance": {"p_value": 0.9}})  # not beyond chance
    assert not climatologyseries.beats_model({**part, "significance": {"p_value": 0.001},
                                              "scaled": {"model": {"mse": 1.0}, "climatology": {"mse": 2.0}}})
    assert not climatologyseries.beats_model({**part, "significance": {"p_value": float("nan")}})  # untested
    assert not climatologyseries.beats_model(None) and not climatologyseries.beats_model({"series": []})


def test_against_is_the_model_against_the_climatology_apart_as_metrics_json_keeps_a_baseline():
    """decision 1914: metrics.json's ``each`` gets the climatology scored apart, judged as ``beats_model``."""
    part = {"series": ["A"], "lacking": ["B"], "significance": {"p_value": 0.01},
            "scaled": {"model": {"mse": 1.0}, "climatology": {"mse": 2.0}}}
    assert climatologyseries.against(part) == {"beaten": True, "lower": True, "p_value": 0.01, "apart": True,
                                               "series": ["A"]}
    assert climatologyseries.against({**part, "significance": {"p_value": float("nan")}})["p_value"] is None
    assert climatologyseries.against(None) is None and climatologyseries.against({"series": []}) is None

"""compare's baselines (``comparebaselines.py``): the note that says which baseline a model does not beat; the scores
and tests themselves are checked against evaluate's in tests/test_comparemodels.py."""

from __future__ import annotations

from rnncast.comparebaselines import baseline_note


def test_the_note_names_each_baseline_a_model_does_not_beat_and_whether_any_model_beats_them_all():
    """Three models that all lost to the training mean were ranked and a "winner" named with no word of it (a
    tester's find)."""
    beaten, lost = {"p_value": 0.01, "beaten": True}, {"p_value": 0.7, "beaten": False}
    rule = "(as evaluate judges: a lower MSE beyond chance, one-sided Diebold–Mariano p < 0.05 that the model is not better)"
    assert baseline_note({"x": {"repeat": beaten, "mean": lost}, "y": {"repeat": lost, "mean": lost}}) == (
        f"no model beats every baseline on these windows {rule}: 'repeat the last value' is not beaten by y; "
        "'training mean' is not beaten by x or y; the sentence below ranks the models among themselves only.")
    assert baseline_note({"x": {"repeat": beaten, "mean": beaten}, "y": {"repeat": beaten, "mean": lost}}) == (
        f"not every model beats the baselines on these windows {rule}: 'training mean' is not beaten by y.")
    assert baseline_note({"x": {"repeat": beaten}, "y": {"repeat": beaten}}) == (
        "every model beats each baseline (repeat the last value) on these windows, as evaluate judges: a lower MSE "
        "beyond chance, one-sided Diebold–Mariano p < 0.05 that the model is not better.")



def test_the_intervals_note_writes_each_p_value_as_every_other_sentence_does():
    """compare wrote "(p = 1)" for p-values of 0.99977 and 0.99997 where fit and evaluate write "p > 0.99" (a tester's
    find; decision 478: a p-value is never written as a 1 it is not)."""
    near_one, small = {"p_value": 0.99997, "beaten": False}, {"p_value": 0.0123, "beaten": False}
    note = baseline_note({"a": {"mean": near_one}, "b": {"mean": small}}, "mean pinball loss", intervals=True)
    assert "'a' (p > 0.99) or 'b' (p = 0.012)" in note
    assert "p = 1" not in note

def _forecasts(seed: int, seasonal: bool):
    import numpy as np
    import pandas as pd

    from rnncast.windowforecasts import WindowForecasts

    rng = np.random.default_rng(seed)
    y = rng.normal(size=(30, 3, 1))
    base = {"repeat": y + rng.normal(size=y.shape), "mean": y + rng.normal(size=y.shape)}
    if seasonal:
        base["seasonal"] = y + rng.normal(size=y.shape) * (1 + seed)
    return WindowForecasts(np.arange(30), np.arange(30) + 5, y, y + 0.1 * rng.normal(size=y.shape), base,
                           pd.date_range("2021-01-01", periods=40, freq="D"), targets=["y"])


def test_the_seasonal_naive_row_is_the_first_model_s_with_a_season_and_differing_seasons_are_said():
    """compare's "baseline: seasonal naive" named no season, and which model's it was depended on the RUNs' order
    while compare's help said "the first RUN's" (a newcomer's find, decision 1655)."""
    import numpy as np

    from rnncast.comparebaselines import judge

    chosen = {"plain": _forecasts(0, False), "yearly": _forecasts(1, True), "weekly": _forecasts(2, True)}
    judged = {name: wf.y_pred - wf.y_true for name, wf in chosen.items()}
    times = np.arange(30)
    out = judge(chosen, judged, None, None, 3, times, ["y"], {"plain": 1, "yearly": 365, "weekly": 7})
    assert out.season == 365  # the first model with a season, whatever the later ones
    assert out.scores["seasonal"]["mse"] == np.mean((chosen["yearly"].baselines["seasonal"] - chosen["yearly"].y_true) ** 2)
    assert out.note.endswith(" The models' seasons differ (yearly: 365, weekly: 7): the 'seasonal naive' row is "
                             "yearly's, season 365 (the first model's with a season); each model is judged against its "
                             "own seasonal naive forecast, one fitted without a season against that row's.")
    same = judge(chosen, judged, None, None, 3, times, ["y"], {"plain": 1, "yearly": 7, "weekly": 7})
    assert same.season == 7 and "seasons differ" not in same.note
    flat = {name: chosen[name] for name in ("plain",)} | {"other": _forecasts(3, False)}
    none = judge(flat, {n: judged.get(n, judged["plain"]) for n in flat}, None, None, 3, times, ["y"],
                 {"plain": 1, "other": 1})
    assert none.season is None and "seasonal" not in none.scores


def test_the_baselines_come_in_metrics_json_s_order_whatever_the_order_of_the_models():
    """t34t5 LOW 10 (decision 1734): `compare RUN1 RUN2` listed climatology before the seasonal naive where RUN1 had
    no season and RUN2 had, and the other way round with the RUNs swapped: each baseline in the order of the first
    model that had it."""
    import numpy as np

    from rnncast.comparebaselines import judge

    plain, weekly = _forecasts(0, False), _forecasts(1, True)
    plain.baselines["climatology"] = plain.y_true + 0.5
    weekly.baselines["climatology"] = weekly.y_true + 0.5
    times = np.arange(30)
    for chosen in ({"plain": plain, "weekly": weekly}, {"weekly": weekly, "plain": plain}):
        judged = {name: wf.y_pred - wf.y_true for name, wf in chosen.items()}
        out = judge(chosen, judged, None, None, 3, times, ["y"], {"plain": 1, "weekly": 7})
        assert list(out.scores) == ["repeat", "mean", "seasonal", "climatology"]
        assert all(list(each) == list(out.scores) for each in out.against.values())


def test_the_note_says_no_test_could_be_made_where_the_windows_have_too_few_forecast_times():
    """A tester's 23 windows of one cutoff: "'repeat the last value' is not beaten by fitc or fitg" read as a test
    lost, and the intervals' "(p = nan)" as a number (decision 1886)."""
    untested = {"p_value": float("nan"), "beaten": False}
    note = baseline_note({"x": {"repeat": untested}, "y": {"repeat": untested}}, untested="1 forecast time, and it needs 2")
    assert note.startswith("no model was tested against the baselines on these windows (no Diebold–Mariano test could "
                           "be made: 1 forecast time, and it needs 2), so none beats every baseline (as evaluate judges")
    assert "not beaten by" not in note
    one = baseline_note({"x": {"repeat": untested, "mean": {"p_value": 0.3, "beaten": False}}}, "mean pinball loss",
                        intervals=True)
    assert "'x' (no test)" in one and "'x' (p = 0.3)" in one and "nan" not in one


def test_a_seasonal_naive_without_some_values_is_scored_and_tested_on_the_values_it_has():
    """Where the step a season back is missing the seasonal naive has no value (NaN, decision 1966): compare's row
    is its scores on the values it has, not NaN, and each model is weighed against it on those values."""
    import numpy as np

    from rnncast import metrics
    from rnncast.comparebaselines import judge

    chosen = {"a": _forecasts(1, True)}
    seasonal = chosen["a"].baselines["seasonal"]
    seasonal[[2, 9, 17], 0] = np.nan
    judged = {"a": chosen["a"].y_pred - chosen["a"].y_true}
    out = judge(chosen, judged, None, None, 3, np.arange(30), ["y"], {"a": 7})
    has = np.isfinite(seasonal)
    assert out.scores["seasonal"]["mse"] == metrics.score(chosen["a"].y_true, seasonal, has)["mse"]
    assert np.isfinite(out.scores["seasonal"]["mse"]) and np.isfinite(out.against["a"]["seasonal"]["p_value"])
    assert out.against["a"]["seasonal"]["beaten"]  # the model's errors are a tenth of its own
    assert out.note.endswith(" The 'seasonal naive' baseline has no forecast at 3 of the 90 values scored: the step a "
                             "season (7 calendar steps) before each is missing from the data; its scores are those of "
                             "the other 87, and the verdict weighs it against the model's on those 87 values; "
                             "fill_gaps=True (--fill-gaps) with fill= (--fill) inserts such rows.")


def test_the_note_counts_the_values_left_out_and_says_none_where_only_unscored_ones_lack_a_forecast():
    """r37r1 6 (decision 1994): two unscored steps whose step a season back was missing too made the note say "no
    forecast at 0 of the 58 values scored ... the other 58": it was said by mask identity, not by count."""
    import numpy as np

    from rnncast.comparebaselines import judge
    from rnncast.windowforecasts import WindowForecasts

    rng = np.random.default_rng(1)
    y = rng.normal(size=(30, 2, 1))
    keep = np.ones(y.shape, dtype=bool)
    keep[5, 1] = keep[6, 0] = False  # steps whose dates the data lack: not scored
    seasonal = y + rng.normal(size=y.shape)
    seasonal[5, 1] = seasonal[6, 0] = np.nan  # and their step a season back missing too

    def run(forecast):
        wf = lambda p: WindowForecasts(np.arange(30), np.arange(30) + 5, y, p, {"seasonal": forecast}, None,  # noqa: E731
                                       targets=["y"])
        a, b = y + rng.normal(scale=0.5, size=y.shape), y + rng.normal(scale=0.6, size=y.shape)
        return judge({"A": wf(a), "B": wf(b)}, {"A": a - y, "B": b - y}, None, keep, 2, np.arange(30), ["y"],
                     {"A": 24, "B": 24}).note

    assert "no forecast" not in run(seasonal)
    seasonal[9, 0] = np.nan  # one scored value without a forecast: said, by its count
    assert "has no forecast at 1 of the 58 values scored" in run(seasonal)


def test_a_seasonal_naive_with_no_forecast_at_any_value_is_a_dash_and_null_not_nan():
    """Decision 2029: where every value's step a season back is missing, compare's row showed ``nan`` and
    ``against_each_baseline`` held ``{"p_value": nan, "beaten": false}`` beside a note that it was "not beaten". Its
    scores now carry ``values_left_out`` (every value: the table's "-"), each model's entry says it has no forecast
    (nulls), and the note weighs only the baselines with one."""
    import json

    import numpy as np

    from rnncast.comparebaselines import judge
    from rnncast.files import json_text

    chosen = {"a": _forecasts(1, True)}
    chosen["a"].baselines["seasonal"][:] = np.nan
    out = judge(chosen, {"a": chosen["a"].y_pred - chosen["a"].y_true}, None, None, 3, np.arange(30), ["y"], {"a": 7})
    assert out.scores["seasonal"]["values_left_out"] == {"values": 90, "of": 90}
    assert out.against["a"]["seasonal"] == {"p_value": None, "beaten": None,
                                            "no_forecast": "every value's step a season back is missing from the data"}
    assert "'seasonal naive' is not beaten" not in out.note and "every model beats each baseline (repeat the last " \
        "value and training mean)" in out.note and "has no forecast at any of the 90 values scored" in out.note
    assert json.loads(json_text({"scores": out.scores, "against": out.against}))["scores"]["seasonal"]["mse"] is None

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

import numpy as np

from rnncast import covered


def test_a_baseline_equal_to_a_model_wherever_both_are_drawn_is_under_its_line():
    model = np.array([1.0, 2.0, np.nan, 4.0])
    assert covered.under(model + 1e-6, {"model (lstm)": model}, span=3.0) == "model (lstm)"
    assert covered.under(model + 0.1, {"model (lstm)": model}, span=3.0) is None  # a visible gap
    assert covered.under(np.full(4, np.nan), {"m": model}, span=3.0) is None  # nothing drawn


def test_the_legend_note_names_the_model_where_several_are_drawn():
    assert covered.note("baseline: repeat the last value", "m", False) == "baseline: repeat the last value (under the model's line)"
    assert covered.note("b", "LSTM", True) == "b (under LSTM's line)"
    assert covered.note("b", None, False) == "b"
    assert covered.span([1.0, np.nan], [5.0]) == 4.0 and covered.span() == 0.0

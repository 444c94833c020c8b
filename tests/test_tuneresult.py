"""What ``rnncast.tune`` returns (``tuneresult.py``): its fields documented, a one-line repr of the score and the
settings apart from the defaults (not the Optuna study and all 44 settings), and the unfitted Forecaster of the best."""

from __future__ import annotations

from pathlib import Path

from rnncast import Forecaster, tuning
from rnncast.tuneresult import TuneResult


def _result(**given) -> TuneResult:
    settings = {**Forecaster().get_params(), "horizon": 3, "lr": 0.0031234567891, "hidden_size": 32}
    return TuneResult(object(), settings, 0.012345678, **{"config": Path("runs/t/best.toml"), **given})


def test_the_repr_is_one_line_of_the_score_and_the_settings_apart_from_the_defaults():
    """A tester's 1-trial tune printed 973 characters: the study object and every one of the 44 settings."""
    assert repr(_result()) == ("TuneResult(validation MSE (scaled units) 0.01235 at horizon=3, hidden_size=32, lr=0.003123; "
                               "config='runs/t/best.toml')")
    defaults = TuneResult(object(), Forecaster().get_params(), 1.5, None, "validation pinball loss (scaled units)")
    assert repr(defaults) == "TuneResult(validation pinball loss (scaled units) 1.5 at the defaults)"


def test_the_docstring_names_every_field_and_tuning_still_names_the_class():
    doc = TuneResult.__doc__
    for name in ("study", "settings", "value", "config", "ranked_by", "roles"):
        assert f"\n        {name}: " in doc
    assert "scaled units" in doc and tuning.TuneResult is TuneResult


def test_forecaster_is_unfitted_with_the_best_settings():
    model = _result(roles={"target": "y"}).forecaster()
    assert model.get_params()["hidden_size"] == 32 and not model.__sklearn_is_fitted__()

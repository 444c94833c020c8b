"""scikit-learn's parameter contract (``parameters.py``), as Forecaster takes it: get_params and set_params round
trip, an unknown name refused by set_params with the closest one, and a repr of the parameters changed from their
defaults (an array among them printed without error)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, datasets


def test_get_params_set_params_round_trip():
    f = Forecaster(cell="gru", lookback=7, lr=0.5)
    params = f.get_params()
    assert params["cell"] == "gru" and params["lookback"] == 7 and params["lr"] == 0.5
    assert Forecaster(**params).get_params() == params
    g = Forecaster()
    assert g.set_params(**params) is g
    assert g.get_params() == params


def test_set_params_refuses_an_unknown_name():
    with pytest.raises(RnncastError, match="'hiden_size'"):
        Forecaster().set_params(hiden_size=3)


def test_a_parameter_given_as_an_array_prints_and_is_kept_as_its_values(tmp_path):
    model = Forecaster(**TINY, quantiles=np.array([0.1, 0.5, 0.9]))
    assert "quantiles=array([0.1, 0.5, 0.9])" in repr(model)  # repr compared it with its default without error
    model.fit(datasets.sine_wave(n=300), target="y").save(tmp_path / "m")
    assert list(Forecaster.load(tmp_path / "m").quantiles) == [0.1, 0.5, 0.9]  # its values (a tuple given: a tuple, 1147)


def test_a_fitted_forecaster_pickles_for_this_rnncast_and_another_versions_pickle_is_refused(monkeypatch):
    """A pickle (joblib's process pool, multiprocessing, copy.deepcopy) hands a model to another process of the same
    rnncast; one made by another version held internals it may misread without a word, and is refused (decision 1458)."""
    import copy
    import pickle
    import re

    from conftest import make_frame
    from rnncast import parameters

    frame = make_frame(200)
    model = Forecaster(**TINY).fit(frame, target="y")
    again = pickle.loads(pickle.dumps(model))
    assert again.predict(frame).equals(model.predict(frame)) and again.get_params() == model.get_params()
    assert copy.deepcopy(model).predict(frame).equals(model.predict(frame)) and not hasattr(again, parameters.PICKLED_BY)
    pickled, version = pickle.dumps(model), re.escape(parameters.__version__)
    monkeypatch.setattr(parameters, "__version__", "99.0")
    with pytest.raises(RnncastError, match=rf"^this Forecaster was pickled by rnncast {version} and this is rnncast 99\.0: "
                                           r"a pickle holds one version's internals; unpickle it with that version and "
                                           r"save\(\) it, then Forecaster.load\(path\) reads the folder here$"):
        pickle.loads(pickled)
    unstamped = Forecaster(**TINY)
    with pytest.raises(RnncastError, match=r"^this Forecaster was pickled before rnncast stamped its pickles \(or not by "
                                           r"a Forecaster\): a pickle holds one version's internals; unpickle it with"):
        Forecaster().__setstate__(dict(unstamped.__dict__))  # a state without PICKLED_BY: made before the stamp


def test_set_params_refuses_a_holidays_frame_at_once():
    """set_params(holidays=<a frame>) is refused as the constructor refuses it, the model left as it was (decision 2000)."""
    import pandas as pd

    model = Forecaster(holidays="DE")
    with pytest.raises(RnncastError, match="takes the name of a holiday set"):
        model.set_params(holidays=pd.DataFrame({"holiday": ["x"], "ds": ["2024-01-01"]}))
    assert model.holidays == "DE" and model.set_params(holidays=None).holidays is None

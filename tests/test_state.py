"""What fit learns besides the weights (``state.py``): ``FittedState.meta()`` is model.json's schema
and ``FittedState.read`` reads it back, also from older folders (format version 1, models saved
before the highway), or refuses them by name when the description does not fit the network."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.state import FittedState
from test_future import _future_frame
from test_models import _sine
from test_timeaxis import _fit

L, H = TINY["lookback"], TINY["horizon"]


# ---- the state as JSON and back ------------------------------------------------------------------

def test_meta_is_plain_json_that_reads_back_to_the_same_state(fitted):
    state = fitted.state_
    back = FittedState.read(json.loads(json.dumps(state.meta())), fitted.net_.spec, "here")
    assert (back.params, back.layout, back.ids, back.targets) == (state.params, "single", [None], ["y"])
    assert (back.past_covariates, back.future_covariates, back.time_col) == (["x"], [], "date")
    assert back.calendar == state.calendar and back.splits == state.splits
    assert np.array_equal(back.scalers[0].offset, state.scalers[0].offset)
    assert np.array_equal(back.train_means, state.train_means) and np.array_equal(back.mase_scales, state.mase_scales)


def test_a_version_1_description_is_read_with_its_fixed_step_as_the_calendar(fitted):
    meta = fitted.state_.meta()
    old = {k: v for k, v in meta.items() if k not in ("calendar", "calendars", "ids", "layout", "scalers", "splits",
                                                      "train_means", "mase_scales", "past_covariates",
                                                      "future_covariates", "static", "skipped_series")}
    old.update(format_version=1, step="0 days 01:00:00")  # version 1: one series, its time step as text
    state = FittedState.read(old, fitted.net_.spec, "an old folder")
    assert state.layout == "single" and state.ids == [None] and state.past_covariates == ["x"]
    assert state.calendar.kind == "datetime" and state.calendar.freq == to_offset("h") and state.calendar.name == "date"
    assert state.splits == fitted.state_.splits and np.array_equal(state.scalers[0].scale, fitted.state_.scalers[0].scale)
    assert np.isnan(state.mase_scales).all()  # version 1 kept no MASE scale


def test_a_description_of_another_version_or_with_a_key_missing_is_refused_by_name(fitted):
    with pytest.raises(RnncastError, match=r"the folder uses model format version 3; .* reads version 1 and 2"):
        FittedState.read({**fitted.state_.meta(), "format_version": 3}, fitted.net_.spec, "the folder")
    meta = fitted.state_.meta()
    del meta["targets"]
    with pytest.raises(RnncastError, match="the model description in the folder is incomplete or hand-edited"):
        FittedState.read(meta, fitted.net_.spec, "the folder")


# ---- through the model folder ----------------------------------------------------------------------

def test_save_then_load_a_panel_model_with_every_covariate_role(tmp_path):
    frame = make_panel(3, seed=2)
    frame["hour"] = frame["ds"].dt.hour.astype(float)
    frame["temp"] = np.cos(np.arange(len(frame)) / 7.0)
    frame["kind"] = frame["unique_id"].map({"s000": "a", "s001": "b", "s002": "a"})
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    roles = dict(past_covariates=["temp"], future_covariates=["hour"], static_covariates=["kind", "size"])
    f = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, **roles)
    assert f.net_.spec.n_static == 1 and f.net_.spec.static_cardinalities == (2,)
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    future = _future_frame(frame, H, hour=1.0)
    a, b = f.predict(frame, future=future), g.predict(frame, future=future)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["unique_id", "ds", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9"]
    assert f.evaluate(frame) == g.evaluate(frame)


def test_a_model_keeps_its_calendar_through_save_and_load(tmp_path):
    frame = pd.DataFrame({"date": pd.bdate_range("2024-01-01", periods=120), "y": np.arange(120.0)})
    f = _fit(frame, target="y")
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert g.calendar_ == f.calendar_ and g.predict(frame).index.equals(f.predict(frame).index)


def _saved_before_the_highway(tmp_path):
    """A model folder as rnncast wrote it before the highway existed: no highway in it anywhere."""
    import json

    y = _sine(200)
    Forecaster(**TINY, highway=False).fit(y).save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["params"]["highway"], meta["network"]["highway"], meta["network"]["lookback"]
    return y, path, meta


def test_a_model_saved_before_the_highway_loads_and_keeps_none(tmp_path):
    import json

    y, path, meta = _saved_before_the_highway(tmp_path)
    path.write_text(json.dumps(meta))
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["highway"] is False and loaded.net_.highway is None
    assert np.isfinite(loaded.predict(y).to_numpy(dtype=float)).all()


def test_a_model_whose_settings_claim_a_highway_its_network_lacks_is_refused(tmp_path):
    import json

    _, path, meta = _saved_before_the_highway(tmp_path)
    meta["params"]["highway"] = True
    path.write_text(json.dumps(meta))
    with pytest.raises(RnncastError, match="highway"):
        Forecaster.load(tmp_path / "m")

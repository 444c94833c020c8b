"""The model folder and the training checkpoint (``checkpoint.py``): ``weights.safetensors`` and
``model.json`` and nothing else; a save then load forecasts bit for bit what the model forecast;
nothing on the load path unpickles; every broken folder or file is refused by name."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from safetensors.torch import load_file, save_file

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.checkpoint import load_model
from rnncast.models import SegmentNet
from test_forecasting import _future
from test_models import _sine

# ---- save, then load: the same forecasts ---------------------------------------------------------

@pytest.mark.parametrize("future_known", [False, True], ids=["features", "future_known"])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_save_then_load_gives_identical_predictions(tmp_path, data, cell, future_known):
    f = Forecaster(**{**TINY, "cell": cell, "future_known": future_known}).fit(data, target="y", features=["x"])
    f.save(tmp_path / "model")
    g = Forecaster.load(tmp_path / "model")
    future = _future(data) if future_known else None
    a, b = f.predict(data, future=future), g.predict(data, future=future)
    assert np.array_equal(a.to_numpy(), b.to_numpy()) and a.index.equals(b.index)
    wa, wb = f.predict_windows(data), g.predict_windows(data)
    assert np.array_equal(wa.y_pred, wb.y_pred) and np.array_equal(wa.y_true, wb.y_true)
    assert all(np.array_equal(wa.baselines[k], wb.baselines[k]) for k in wa.baselines)
    assert f.evaluate(data) == g.evaluate(data)
    assert g.get_params() == f.get_params()


def test_model_folder_holds_exactly_weights_and_json(tmp_path, fitted):
    fitted.save(tmp_path / "model")
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == ["model.json", "weights.safetensors"]
    meta = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    assert meta["format_version"] == 2
    assert meta["params"] == fitted.get_params()


def test_quantile_models_save_and_load(tmp_path, quantile_model):
    quantile_model.save(tmp_path / "m")
    same = Forecaster.load(tmp_path / "m")
    data = make_frame(200)
    pd.testing.assert_frame_equal(quantile_model.predict(data), same.predict(data))


def test_segment_model_saves_and_loads_bit_identically(tmp_path):
    params = {**TINY, "lookback": 24, "horizon": 6, "segment": 6, "decoder": "parallel"}
    f = Forecaster(**params).fit(_sine(200))
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert isinstance(g.net_, SegmentNet)
    np.testing.assert_array_equal(f.predict(_sine(200)), g.predict(_sine(200)))


# ---- nothing unpickled; broken folders named -----------------------------------------------------

class _Payload:
    """Unpickling this runs ``touch MARKER``: what a poisoned model file would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def model_dir(tmp_path):
    y = np.sin(0.1 * np.arange(300))
    model = Forecaster(lookback=10, hidden_size=4, epochs=1, device="cpu").fit(y)
    model.save(tmp_path / "model")
    return tmp_path / "model"


def test_a_pickle_payload_in_place_of_the_weights_is_refused_and_never_run(model_dir, tmp_path):
    marker = tmp_path / "pwned"
    (model_dir / "weights.safetensors").write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(RnncastError, match="safetensors"):
        Forecaster.load(model_dir)
    assert not marker.exists()


def test_a_pickle_file_beside_the_model_is_ignored(model_dir, tmp_path):
    marker = tmp_path / "pwned"
    for name in ("weights.pt", "model.pkl", "scaler.pkl"):
        (model_dir / name).write_bytes(pickle.dumps(_Payload(marker)))
    Forecaster.load(model_dir).predict(np.sin(0.1 * np.arange(50)))
    assert not marker.exists()


def test_a_pickle_payload_as_the_checkpoint_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    checkpoint = tmp_path / "checkpoint.safetensors"
    checkpoint.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(RnncastError, match="checkpoint"):
        Forecaster(lookback=10, epochs=2, device="cpu").fit(np.sin(0.1 * np.arange(300)), checkpoint=checkpoint, resume=True)
    assert not marker.exists()


def test_a_truncated_weights_file_is_reported(model_dir):
    weights = model_dir / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[:-40])
    with pytest.raises(RnncastError, match="damaged"):
        Forecaster.load(model_dir)


def test_a_run_directory_or_its_model_folder_loads_and_every_broken_one_is_named(model_dir, tmp_path):
    net, meta = load_model(model_dir)
    assert meta["format"] == "rnncast-model" and meta["network"] == json.loads(json.dumps(net.spec.to_dict()))
    shutil.copytree(model_dir, tmp_path / "run" / "model")
    assert load_model(tmp_path / "run")[1] == meta  # a run directory: its model/ folder
    with pytest.raises(RnncastError, match="model folder not found"):
        load_model(tmp_path / "nope")
    weights = load_file(model_dir / "weights.safetensors")
    save_file({**weights, "extra": torch.zeros(1)}, model_dir / "weights.safetensors")
    with pytest.raises(RnncastError, match=r"holds tensors \['extra'\] that do not fit the network"):
        load_model(model_dir)
    (model_dir / "model.json").write_text("{")
    with pytest.raises(RnncastError, match="model.json is not valid JSON"):
        load_model(model_dir)
    (model_dir / "model.json").write_text(json.dumps({"format": "something else"}))
    with pytest.raises(RnncastError, match="is not an rnncast model description"):
        load_model(model_dir)

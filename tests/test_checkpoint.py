"""The model folder (``checkpoint.py``): ``weights.safetensors`` and
``model.json`` and nothing else; a save then load forecasts bit for bit what the model forecast;
nothing on the load path unpickles; every broken folder or file is refused by name, before a network
is built (a few-kilobyte folder that claims gigabytes costs megabytes), and a tampered folder is
refused or forecasts exactly what the original did."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors.torch import load_file, save_file

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.checkpoint import load_with_history
from rnncast.errors import Busy
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
    assert meta["format_version"] == 4
    assert meta["params"] == fitted.get_params()


def test_a_version_3_folder_still_loads_and_a_version_4_one_is_what_an_older_reader_refuses_by_version(tmp_path, fitted, data):
    """A reviewer's finding (decision 1584): model.json gained cutoffs and test_scores at format_version 3, so a
    version-3 reader called today's model "hand-edited". Today's writes 4; a folder of version 3 (without the new
    keys, its checksum as a version-3 writer made it) still loads and predicts the same."""
    from rnncast import formatversions, weightfile
    fitted.save(tmp_path / "model")
    meta = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    older = {k: v for k, v in meta.items() if k not in ("cutoffs", "test_scores", "description_sha256")}
    older["format_version"] = 3
    older["description_sha256"] = weightfile.description_sha256(older, "description_sha256")
    (tmp_path / "model" / "model.json").write_text(json.dumps(older), encoding="utf-8")
    loaded = Forecaster.load(tmp_path / "model")
    assert loaded.format_version_ == 3 and loaded.cutoffs_ == fitted.cutoffs_  # rebuilt from borders (decision 1599)
    assert np.array_equal(loaded.predict(data).to_numpy(), fitted.predict(data).to_numpy())
    with pytest.raises(RnncastError, match=r"uses model format version 4; this rnncast \(.+\) reads version 1, 2 and "
                                           r"3: it was written by a newer rnncast: upgrade"):
        formatversions.check(4, (1, 2, 3), "model", "m")  # a version-3 reader's check of today's folder


def test_quantile_models_save_and_load(tmp_path, quantile_model):
    quantile_model.save(tmp_path / "m")
    same = Forecaster.load(tmp_path / "m")
    data = make_frame(200)
    pd.testing.assert_frame_equal(quantile_model.predict(data), same.predict(data))
    assert same.get_params() == quantile_model.get_params() and same.get_params()["quantiles"] == (0.1, 0.5, 0.9)


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


def test_a_truncated_weights_file_is_reported(model_dir):
    weights = model_dir / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[:-40])
    with pytest.raises(RnncastError, match=r"is not a readable rnncast weights file: it is cut short \(.*; restore the "
                                           r"model folder from a copy, or train the model again"):  # decision 1163
        Forecaster.load(model_dir)


def test_a_run_directory_or_its_model_folder_loads_and_every_broken_one_is_named(model_dir, tmp_path):
    net, meta, _ = load_with_history(model_dir)
    assert meta["format"] == "rnncast-model" and meta["network"] == json.loads(json.dumps(net.spec.to_dict()))
    shutil.copytree(model_dir, tmp_path / "run" / "model")
    assert load_with_history(tmp_path / "run")[1] == meta  # a run directory: its model/ folder
    with pytest.raises(RnncastError, match="model folder not found"):
        load_with_history(tmp_path / "nope")
    (tmp_path / "sales.csv").write_text("date,sales\n2024-01-01,1\n")
    with pytest.raises(RnncastError, match=r"sales.csv is a file, not a model folder: give a run directory .* data is "
                                           r"given to predict or evaluate$"):
        load_with_history(tmp_path / "sales.csv")  # the data where the model goes
    weights = load_file(model_dir / "weights.safetensors")
    save_file({**weights, "extra": torch.zeros(1)}, model_dir / "weights.safetensors")
    with pytest.raises(RnncastError, match=r"holds tensors \['extra'\] that do not fit the network"):
        load_with_history(model_dir)
    (model_dir / "model.json").write_text("{")
    with pytest.raises(RnncastError, match="model.json is not valid JSON"):
        load_with_history(model_dir)
    (model_dir / "model.json").write_text(json.dumps({"format": "something else"}))
    with pytest.raises(RnncastError, match="is not an rnncast model description"):
        load_with_history(model_dir)



def test_a_folder_or_a_device_in_place_of_a_model_file_is_named_so_not_missing(model_dir):
    """weights.safetensors replaced by an empty folder, or model.json by a link to /dev/zero, was "missing"
    (decision 1651)."""
    (model_dir / "weights.safetensors").unlink()
    (model_dir / "weights.safetensors").mkdir()
    with pytest.raises(RnncastError, match=r"model folder .*model holds a folder named weights\.safetensors; it needs "
                                           r"model\.json and weights\.safetensors, each a file$"):
        load_with_history(model_dir)
    (model_dir / "model.json").unlink()
    (model_dir / "model.json").symlink_to(os.devnull)
    with pytest.raises(RnncastError, match=r"holds a pipe or device \(no file\) as model\.json; it needs"):
        load_with_history(model_dir)
    (model_dir / "model.json").unlink()
    with pytest.raises(RnncastError, match=r"model folder .*model is missing model\.json; it needs model\.json and "):
        load_with_history(model_dir)


def test_a_run_without_its_model_yet_is_named_interrupted_or_still_training_not_a_broken_model_folder(tmp_path):
    """predict, evaluate and export on a run whose fit was interrupted, or is still training, said
    "model folder ... is missing model.json"; the run's lock tells which, and an interrupted run is
    told how to finish."""
    from rnncast.folderlock import lock_folder

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text("{}")
    for folder in (run, run / "model"):
        with pytest.raises(RnncastError, match=rf"^run {run} was interrupted before its model was written \(no epoch "
                                               rf"had finished\); continue it with: rnncast fit --resume {run}$"):
            load_with_history(folder)
    (run / "checkpoint.safetensors").write_bytes(b"")
    with pytest.raises(RnncastError, match=r"\(its checkpoint keeps the epochs it finished\); continue it with"):
        load_with_history(run)
    with lock_folder(run, "run"):  # a fit holds its run until the last file is written
        with pytest.raises(Busy, match=rf"^run {run} is still training \(another rnncast process, pid "
                                               rf"{os.getpid()}, is writing it\): its model is written when training "
                                               r"ends; wait for that fit to finish$"):
            load_with_history(run)


def test_a_finished_run_whose_model_was_removed_is_told_to_restore_it_or_train_again_not_to_resume(tmp_path, capsys):
    """model/ deleted from a finished run: predict said the run "was interrupted before its model was written ...;
    continue it with: rnncast fit --resume RUN", which answered "finished training at epoch 5; nothing to resume".
    A run whose report.html is there finished: its model/ comes back from a copy or a new fit."""
    from rnncast.cli import main

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text('{"settings": {}, "data": {}, "fingerprint": null}')
    (run / "checkpoint.safetensors").write_bytes(b"")
    (run / "metrics.json").write_text("{}")
    (run / "report.html").write_text("<html></html>")  # written last: the run finished
    said = (f"run {run} finished training (its report.html is there), but its model folder {run / 'model'} is missing; "
            f"put model/ back from a copy, or train the run again: rnncast fit --config {run} --out NEW (or --out {run} "
            "--overwrite to replace it)")
    for folder in (run, run / "model"):
        with pytest.raises(RnncastError) as refused:
            load_with_history(folder)
        assert str(refused.value) == said
    (tmp_path / "d.csv").write_text("y\n1\n")
    for argv in (["predict", str(run), str(tmp_path / "d.csv")], ["export", str(run), "--onnx", str(tmp_path / "m.onnx")]):
        assert main(argv) == 2 and capsys.readouterr().err == f"rnncast: error: {said}\n"
    assert not (run / ".rnncast.lock").exists()


# ---- nothing built before it is checked: every tampered folder refused by name (issue 18) ---------

def _edit_meta(folder: Path, edit) -> None:
    """Change model.json in place (Python's JSON writer keeps a NaN as the NaN token, as a hand would)."""
    meta = json.loads((folder / "model.json").read_text())
    edit(meta)
    (folder / "model.json").write_text(json.dumps(meta))


def _edit_weights(folder: Path, edit, keep_checksum: bool = True) -> None:
    """Rewrite the weights as ``edit`` changes their tensors; without ``keep_checksum`` the folder
    records none, as one written before the checksum (the checks after it must still catch the edit)."""
    save_file(edit(load_file(folder / "weights.safetensors")), folder / "weights.safetensors")
    if not keep_checksum:
        _edit_meta(folder, lambda meta: meta.pop("weights_sha256"))


def _network(**changes):
    return lambda meta: meta["network"].update(changes)


def _nan_in_head(tensors):
    tensors["head.weight"][0, 0] = float("nan")
    return tensors


def _zero_tail(folder: Path) -> None:
    data = (folder / "weights.safetensors").read_bytes()
    (folder / "weights.safetensors").write_bytes(data[:-16] + bytes(16))  # the last tensor's bytes; header intact


def _set_scaler(field, value):
    def edit(meta):
        meta["scalers"][0][field][0] = value
        meta["scaler"][field][0] = value  # a single series' model keeps its scaler under both keys
    return edit


def _deeply_nested(folder: Path) -> None:
    (folder / "model.json").write_text("[" * 100_000 + "]" * 100_000)


TAMPERED = {  # case: (how the folder is changed, what the one-line refusal says)
    "hidden_size 12000": (lambda m: _edit_meta(m, _network(hidden_size=12000)),
                          r"weights.safetensors holds \d+ bytes, fewer than the 2304\d+ bytes of tensors"),
    "hidden_size 10**9": (lambda m: _edit_meta(m, _network(hidden_size=10**9)),
                          r"model.json describes no network that can exist"),
    "horizon 10**9": (lambda m: _edit_meta(m, _network(horizon=10**9)), r"holds \d+ bytes, fewer than the \d+ bytes"),
    "n_inputs 10**9": (lambda m: _edit_meta(m, _network(n_inputs=10**9)), r"holds \d+ bytes, fewer than the \d+ bytes"),
    "embedding of 10**9 categories": (lambda m: _edit_meta(m, _network(static_cardinalities=[10**9])),
                                      r"holds \d+ bytes, fewer than the \d+ bytes"),
    "num_layers 10**6": (lambda m: _edit_meta(m, _network(num_layers=10**6)),
                         r"has num_layers 1000000, but .*weights.safetensors holds only 8 tensors"),
    "hidden_size as text": (lambda m: _edit_meta(m, _network(hidden_size="4")),
                            r"describes no valid network: hidden_size is '4'; expected an integer >= 1"),
    "NaN weights": (lambda m: _edit_weights(m, _nan_in_head), r"does not match the checksum in model.json"),
    "NaN weights, no checksum": (lambda m: _edit_weights(m, _nan_in_head, keep_checksum=False),
                                 r"tensor head.weight holds 1 NaN or infinite value"),
    "int64 tensors": (lambda m: _edit_weights(m, lambda t: {k: v.to(torch.int64) for k, v in t.items()}),
                      r"tensor \S+ is int64 but the network in model.json needs float32"),
    "zeroed tensor bytes": (_zero_tail, r"weights.safetensors does not match the checksum in model.json"),
    "checksum of other weights": (lambda m: _edit_meta(m, lambda meta: meta.update(weights_sha256="0" * 64)),
                                  r"does not match the checksum in model.json \(SHA-256 [0-9a-f]{12}\.\.\., recorded 0{12}"),
    "checksum not a SHA-256": (lambda m: _edit_meta(m, lambda meta: meta.update(weights_sha256=17)),
                               r"weights_sha256 is 17, not a SHA-256"),
    "scaler scale 0": (lambda m: _edit_meta(m, _set_scaler("scale", 0.0)),
                       r"hand-edited or damaged: the scaler has scale 0.0 for column '0'; a scale must be a finite "
                       r"number above 0"),
    "NaN offset": (lambda m: _edit_meta(m, _set_scaler("offset", float("nan"))),
                   r"the scaler has offset nan for column '0'; an offset must be a finite number"),
    "lookback disagrees with the network": (lambda m: _edit_meta(m, lambda meta: meta["params"].update(lookback=20)),
                                            r"setting lookback is 20 but the network was built with 10"),
    "deeply nested model.json": (_deeply_nested, r"model.json is nested too deeply"),
}


@pytest.mark.parametrize("case", list(TAMPERED))
def test_every_tampered_folder_is_refused_by_name_before_a_network_is_built(model_dir, monkeypatch, case):
    import rnncast.checkpoint

    tamper, message = TAMPERED[case]
    tamper(model_dir)
    real, devices = rnncast.checkpoint.build_net, []

    def build(spec):  # shapes on the meta device may be worked out; a real network waits for every check
        devices.append(torch.empty(0).device.type)
        return real(spec)

    monkeypatch.setattr(rnncast.checkpoint, "build_net", build)
    with pytest.raises(RnncastError, match=message) as refused:
        Forecaster.load(model_dir)
    assert str(model_dir) in str(refused.value) and "\n" not in str(refused.value)
    assert set(devices) <= {"meta"}, f"a network was allocated before the refusal: {devices}"


def test_the_weights_checksum_is_written_and_a_folder_without_one_still_loads(model_dir):
    import hashlib

    meta = json.loads((model_dir / "model.json").read_text())
    assert meta["weights_sha256"] == hashlib.sha256((model_dir / "weights.safetensors").read_bytes()).hexdigest()
    y = np.sin(0.1 * np.arange(50))
    before = Forecaster.load(model_dir).predict(y)
    _edit_meta(model_dir, lambda m: [m.pop(k) for k in ("weights_sha256", "description_sha256")])  # written before both
    pd.testing.assert_frame_equal(Forecaster.load(model_dir).predict(y), before)


def test_a_model_json_with_its_feature_columns_swapped_is_refused_and_a_folder_of_before_loads(tmp_path):
    """Swapping model.json's feature columns (['x', 'z'] -> ['z', 'x']) passed every check and silently changed the
    forecasts: model.json now records its own SHA-256 (description_sha256), checked when it is read; a folder written
    before it, without one, loads as before (decision 679)."""
    frame = make_frame(120).assign(z=lambda d: np.linspace(0, 1, len(d)).astype(np.float32))
    model = Forecaster(**dict(TINY, epochs=1)).fit(frame, target="y", features=["x", "z"])
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    written = path.read_text()
    assert len(json.loads(written)["description_sha256"]) == 64
    _edit_meta(tmp_path / "m", lambda m: m.update(features=["z", "x"]))
    with pytest.raises(RnncastError, match=rf"^{re.escape(str(path))} does not match the checksum it records "
                                           r"\(description_sha256\): the model description was edited"):
        Forecaster.load(tmp_path / "m")
    _edit_meta(tmp_path / "m", lambda m: m.update(features=["x", "z"]))  # back as written, in other spacing: loads
    pd.testing.assert_frame_equal(Forecaster.load(tmp_path / "m").predict(frame), model.predict(frame))
    _edit_meta(tmp_path / "m", lambda m: m.update(features=["z", "x"]) or m.pop("description_sha256"))
    assert len(Forecaster.load(tmp_path / "m").predict(frame)) == TINY["horizon"]  # no checksum: an older folder


def test_a_model_without_a_highway_refuses_a_lookback_its_network_was_not_built_with(tmp_path):
    Forecaster(lookback=10, hidden_size=4, epochs=1, highway=False, device="cpu").fit(_sine(200)).save(tmp_path / "m")
    _edit_meta(tmp_path / "m", _network(lookback=20))  # no tensor depends on it: the settings say it
    with pytest.raises(RnncastError, match="setting lookback is 10 but the network was built with 20"):
        Forecaster.load(tmp_path / "m")


_REFUSE_IN_A_CHILD = r"""
import json, resource, sys
from rnncast import Forecaster, RnncastError
Forecaster.load(sys.argv[1])  # torch, safetensors and rnncast's own imports settle first
results = []
for folder in sys.argv[2:]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        Forecaster.load(folder)
        outcome = "loaded"
    except RnncastError as err:
        outcome = str(err)
    results.append([outcome, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024])
print(json.dumps(results))
"""


def test_refusing_a_few_kilobyte_model_that_claims_gigabytes_costs_a_few_megabytes(model_dir, tmp_path):
    """Before the checks came first, hidden_size 12000 took 2.1 GB before its refusal, 10**9 raised the
    allocator's RuntimeError, and num_layers 10**6 or horizon 10**9 ran for minutes."""
    import subprocess
    import sys

    folders = []
    for name, change in {"wide": {"hidden_size": 12000}, "huge": {"hidden_size": 10**9},
                         "deep": {"num_layers": 10**6}, "long": {"horizon": 10**9}}.items():
        shutil.copytree(model_dir, tmp_path / name)
        _edit_meta(tmp_path / name, _network(**change))
        folders.append(str(tmp_path / name))
    run = subprocess.run([sys.executable, "-c", _REFUSE_IN_A_CHILD, str(model_dir), *folders],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for (outcome, grown_mb), folder in zip(json.loads(run.stdout), folders):
        assert folder in outcome, outcome  # refused, naming the folder
        assert grown_mb < 200, (folder, grown_mb)  # loosely: the networks they claim are gigabytes


# ---- the property: a tampered folder is refused, or forecasts exactly what the original did --------

_Y = np.sin(0.1 * np.arange(300))
_NEST = "__nested__"  # a value written as deeply nested lists: deeper than json.dumps itself recurses


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A small model folder and its forecast, made once: each example tampers with a copy."""
    folder = tmp_path_factory.mktemp("saved") / "model"
    model = Forecaster(lookback=10, hidden_size=4, epochs=1, device="cpu").fit(_Y)
    model.save(folder)
    return folder, model.predict(_Y[-60:])


def _leaves(node, path=()):
    """(path, value) of every number, text, boolean and null of a JSON document."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else None
    if items is None:
        yield path, node
        return
    for key, value in items:
        yield from _leaves(value, path + (key,))


def _paths(node, path=()):
    """The path of every value of a JSON document (dict keys and list items), the document's own aside."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield path + (key,)
        yield from _paths(value, path + (key,))


def _parent(meta, path):
    for key in path[:-1]:
        meta = meta[key]
    return meta


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# A finite edit of a scaler's offset or scale (or of the static inputs) makes a model that forecasts
# other numbers, and only a checksum of model.json itself could tell (model.json holds the weights'
# checksum, not its own); those are changed only into values no fit gives, which must be refused.
_LEARNED = ("scalers", "scaler", "static")
_ANY = st.one_of(st.integers(-2, 2**40), st.floats(allow_nan=True, allow_infinity=True),
                 st.sampled_from([0, 1, 2, 3, 9, 11, 12000, 10**9, 10**30, 0.5, True, None, "1", [1], {}]))
_TEXT = st.sampled_from(["rnn", "gru", "lstm", "mean", "none", "sequence", "parallel", "wide", "", "x" * 300,
                         True, False, None, 0])


@st.composite
def tampering(draw, meta: dict, tensors: list, n_bytes: int):
    """One random change to a saved folder: its weights' bytes, a tensor's dtype, a value or a key of
    model.json, or a value nested deeply. Returns (what was done, a function of the folder)."""
    kind = draw(st.sampled_from(["flip", "zero", "truncate", "dtype", "number", "learned", "text", "drop", "nest"]))
    if kind in ("flip", "zero", "truncate"):
        start, length, bits = draw(st.integers(0, n_bytes - 1)), draw(st.integers(1, 64)), draw(st.integers(1, 255))

        def edit_bytes(folder):
            data = bytearray((folder / "weights.safetensors").read_bytes())
            if kind == "flip":
                data[start] ^= bits
            elif kind == "zero":
                data[start : start + length] = bytes(len(data[start : start + length]))
            else:
                del data[start:]
            (folder / "weights.safetensors").write_bytes(bytes(data))
        return f"{kind} weights at byte {start}", edit_bytes
    if kind == "dtype":
        name, keep = draw(st.sampled_from(tensors)), draw(st.booleans())
        dtype = draw(st.sampled_from([torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.uint8]))
        return f"tensor {name} as {dtype}", lambda folder: _edit_weights(
            folder, lambda t: {**t, name: t[name].to(dtype)}, keep_checksum=keep)
    if kind == "drop":
        path = draw(st.sampled_from(list(_paths(meta))))
        return f"drop {path}", lambda folder: _edit_meta(folder, lambda m: _parent(m, path).pop(path[-1]))
    leaves = list(_leaves(meta))
    if kind == "learned":  # scales to 0, negative or non-finite; offsets non-finite
        path = draw(st.sampled_from([p for p, v in leaves if p[0] in _LEARNED and _number(v)
                                     and ("scale" in p or "offset" in p)]))
        bad = [float("nan"), float("inf"), -float("inf")] + ([0.0, -1.0] if "scale" in path else [])
        value = draw(st.sampled_from(bad))
    elif kind == "number":
        path = draw(st.sampled_from([p for p, v in leaves if p[0] not in _LEARNED and _number(v)]))
        value = draw(_ANY)
    elif kind == "text":
        path = draw(st.sampled_from([p for p, v in leaves if isinstance(v, (str, bool))]))
        value = draw(_TEXT)
    else:
        path, value = draw(st.sampled_from([p for p, _ in leaves])), _NEST
    depth = draw(st.sampled_from([1, 3, 100, 5000]))

    def edit_value(folder):
        meta = json.loads((folder / "model.json").read_text())
        old = _parent(meta, path)[path[-1]]
        _parent(meta, path)[path[-1]] = value
        text = json.dumps(meta)
        if value == _NEST:
            text = text.replace(json.dumps(_NEST), "[" * depth + json.dumps(old) + "]" * depth)
        (folder / "model.json").write_text(text)
    return f"{kind}: {path} = {str(value)[:40]} (depth {depth})", edit_value


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_a_tampered_folder_is_refused_or_forecasts_exactly_what_the_original_did(saved, data):
    import tempfile

    folder, expected = saved
    meta = json.loads((folder / "model.json").read_text())
    tensors = sorted(load_file(folder / "weights.safetensors"))
    what, tamper = data.draw(tampering(meta, tensors, (folder / "weights.safetensors").stat().st_size))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "model"
        shutil.copytree(folder, copy)
        tamper(copy)
        try:
            model = Forecaster.load(copy)
        except RnncastError as err:
            assert "\n" not in str(err) and str(copy) in str(err), (what, str(err))
            return
        try:
            got = model.predict(_Y[-60:])
        except RnncastError:
            return  # a column renamed in model.json: the data lacks it, and predict says so
        assert np.isfinite(got.select_dtypes("number").to_numpy(dtype=float)).all(), what
        pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=what)


def test_saving_over_a_file_and_reading_a_number_of_5000_digits_are_one_line(tmp_path):
    import json

    import pytest

    from conftest import TINY, make_frame
    from rnncast import Forecaster
    from rnncast.errors import RnncastError

    model = Forecaster(**TINY).fit(make_frame(120), target="y")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(RnncastError, match="it is a file"):
        model.save(tmp_path / "afile")
    model.save(tmp_path / "m")
    meta = (tmp_path / "m" / "model.json").read_text()
    digits = json.dumps(json.loads(meta)["network"]["hidden_size"])
    (tmp_path / "m" / "model.json").write_text(meta.replace(f'"hidden_size": {digits}', '"hidden_size": ' + "9" * 5000, 1))
    with pytest.raises(RnncastError, match="holds a number no rnncast model has"):
        Forecaster.load(tmp_path / "m")


def test_a_window_scale_model_saves_loads_and_keeps_the_setting(tmp_path):
    f = Forecaster(**{**TINY, "lookback": 24, "horizon": 6, "window_scale": True}).fit(_sine(200))
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert g.window_scale is True and g.net_.spec.window_scale is True
    np.testing.assert_array_equal(f.predict(_sine(200)), g.predict(_sine(200)))


def test_a_season_model_saves_loads_and_a_model_of_another_norm_ignores_its_season(tmp_path):
    f = Forecaster(**{**TINY, "lookback": 24, "horizon": 6, "window_norm": "season", "season": 12}).fit(_sine(200))
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert g.net_.spec.season == 12
    np.testing.assert_array_equal(f.predict(_sine(200)), g.predict(_sine(200)))
    h = Forecaster(**{**TINY, "lookback": 24, "horizon": 6, "season": 12}).fit(_sine(200))  # season: MASE's only
    h.save(tmp_path / "h")
    meta = json.loads((tmp_path / "h" / "model.json").read_text())
    meta["network"]["season"] = 1  # as a network saved before its season was kept
    del meta["description_sha256"]  # and before model.json recorded its own checksum
    (tmp_path / "h" / "model.json").write_text(json.dumps(meta))
    assert Forecaster.load(tmp_path / "h").season == 12


# ---- where save writes: never over a model unasked, never among other files, whole or not at all ---------

def test_save_refuses_an_existing_model_unless_overwrite_and_replaces_it_whole(tmp_path, fitted):
    folder = tmp_path / "m"
    fitted.save(folder)
    before = (folder / "weights.safetensors").read_bytes()
    other = Forecaster(**{**TINY, "seed": 1}).fit(make_frame(200), target="y")
    with pytest.raises(RnncastError, match=r"holds a model already; pass overwrite=True"):
        other.save(folder)
    assert (folder / "weights.safetensors").read_bytes() == before  # nothing written
    other.save(folder, overwrite=True)
    assert sorted(p.name for p in folder.iterdir()) == ["model.json", "weights.safetensors"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # no temporary folder left beside it
    np.testing.assert_array_equal(Forecaster.load(folder).predict(make_frame(200)), other.predict(make_frame(200)))


def test_save_refuses_a_folder_of_other_files_and_a_run_with_or_without_overwrite(tmp_path, fitted):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("mine")
    for overwrite in (False, True):
        with pytest.raises(RnncastError, match=r"holds files that are not a model's \(todo.txt\)"):
            fitted.save(notes, overwrite=overwrite)
    assert [p.name for p in notes.iterdir()] == ["todo.txt"]
    run = tmp_path / "run"
    fitted.save(run / "model")
    (run / "config.json").write_text("{}")
    (run / "metrics.json").write_text("{}")
    for overwrite in (False, True):
        with pytest.raises(RnncastError, match=r"it holds a run \(rnncast fit\).*save into a folder of its own"):
            fitted.save(run, overwrite=overwrite)
        with pytest.raises(RnncastError, match=r"it is the model of the run in .*run's metrics and report describe"):
            fitted.save(run / "model", overwrite=overwrite)
    assert not (run / "model.json").exists()
    tune = tmp_path / "tune"
    tune.mkdir()
    (tune / "tune.json").write_text("{}")
    with pytest.raises(RnncastError, match=r"holds a tune \(rnncast tune\)"):
        fitted.save(tune, overwrite=True)
    (tmp_path / "empty").mkdir()
    fitted.save(tmp_path / "empty")  # an empty folder is a new one


def test_a_save_that_fails_midway_leaves_the_earlier_model_as_it_was(tmp_path, fitted, monkeypatch):
    from rnncast import checkpoint

    folder = tmp_path / "m"
    fitted.save(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def fail(path, obj):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(checkpoint, "write_json", fail)  # the weights are written, model.json is not
    with pytest.raises(OSError):
        fitted.save(folder, overwrite=True)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_an_interrupt_between_the_two_renames_of_a_save_leaves_a_model_at_the_path(tmp_path, fitted, monkeypatch):
    """A Ctrl-C while ``save(overwrite=True)`` moved the earlier model aside and before the new one took its
    place left no model at the path (the earlier one hidden in ``.m.XXXXXXXX.tmp``, the new one removed)."""
    import signal

    folder = tmp_path / "m"
    fitted.save(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real, calls = os.rename, []

    def cut(src, dst):  # the interrupt lands after the earlier model was moved aside
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "rename", cut)
    with pytest.raises(KeyboardInterrupt):
        fitted.save(folder, overwrite=True)
    monkeypatch.setattr(os, "rename", real)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # the earlier model, where it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # nothing hidden left beside it

    other = Forecaster(**{**TINY, "seed": 1}).fit(make_frame(200), target="y", features=["x"])
    calls.clear()

    def ctrl_c(src, dst):  # a real SIGINT in the window: it waits until the new model is in place
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)
        real(src, dst)

    monkeypatch.setattr(os, "rename", ctrl_c)
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal (not a background job's SIG_IGN)
    try:
        with pytest.raises(KeyboardInterrupt):
            other.save(folder, overwrite=True)
    finally:
        signal.signal(signal.SIGINT, handler)
        monkeypatch.setattr(os, "rename", real)
    assert len(calls) == 2  # both renames ran before the Ctrl-C was raised
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]
    np.testing.assert_array_equal(Forecaster.load(folder).predict(make_frame(200)), other.predict(make_frame(200)))


def test_a_run_with_a_stray_model_beside_its_model_folder_is_refused_by_name(tmp_path, fitted):
    run = tmp_path / "run"
    fitted.save(run / "model")
    (run / "config.json").write_text("{}")
    fitted.save(tmp_path / "stray")
    for name in ("model.json", "weights.safetensors"):
        shutil.copy(tmp_path / "stray" / name, run / name)  # as a save into the run's root once wrote them
    with pytest.raises(RnncastError, match=r"holds a run's model/ and another model"):
        Forecaster.load(run)
    Forecaster.load(run / "model")  # the run's own model, asked for by name


def test_save_judges_the_folder_a_link_or_dots_lead_to_and_refuses_the_current_folder(tmp_path, fitted, monkeypatch):
    run = tmp_path / "run"
    fitted.save(run / "model")
    (run / "config.json").write_text("{}")
    (run / "metrics.json").write_text("{}")
    before = (run / "model" / "model.json").read_bytes()
    link = tmp_path / "lnk"
    link.symlink_to(run / "model")
    other = Forecaster(**{**TINY, "seed": 1}).fit(make_frame(200), target="y")
    with pytest.raises(RnncastError, match=rf"to {run / 'model'} \(where '{link}' leads\): it is the model of the run"):
        other.save(link, overwrite=True)
    assert (run / "model" / "model.json").read_bytes() == before  # the run's own model as it was
    with pytest.raises(RnncastError, match=rf"cannot save the model to {run / 'model'}: it is the model of the run"):
        other.save(f"{run}/model/../model", overwrite=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    with pytest.raises(RnncastError, match=r"it is the current folder, which a save replaces whole; give a folder "
                                           r"inside it, such as 'model'"):
        other.save(".")
    other.save("model")
    assert sorted(p.name for p in (empty / "model").iterdir()) == ["model.json", "weights.safetensors"]


def test_a_tune_demo_or_bench_folder_given_as_a_model_is_named_and_the_way_to_a_model_said(tmp_path):
    """predict TUNE data.csv said "model folder ... is missing model.json"; a backtest's folder was named."""
    from rnncast.checkpoint import load_with_history
    from rnncast.errors import RnncastError

    tune = tmp_path / "tune"
    tune.mkdir()
    (tune / "best.toml").write_text("# best trial 0 of study 'rnncast'\nlr = 0.01\n")
    (tune / "study.db").write_bytes(b"")
    with pytest.raises(RnncastError) as refused:
        load_with_history(tune)
    assert str(refused.value) == (f"{tune} is a tune's folder (rnncast tune), which holds no model; its best settings "
                                  f"are trained with rnncast fit --config {tune / 'best.toml'} --out NEW, whose run "
                                  "holds the model")
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "summary.json").write_text("{}")
    with pytest.raises(RnncastError, match=r"is a demo's folder \(rnncast demo\), which holds no model; give a run "):
        load_with_history(demo)


def test_a_demo_cut_short_is_named_as_a_demos_folder_by_predict_and_by_the_demo_again(tmp_path, capsys):
    """demo sine --out D killed early left D/rnn alone: predict D said "missing model.json", and the demo again
    "holds an earlier rnncast output", neither naming it as a demo's folder (decision 328)."""
    from rnncast.cli import main

    demo = tmp_path / "D"
    (demo / "rnn").mkdir(parents=True)
    (demo / "rnn" / "config.json").write_text(json.dumps({"settings": {}, "data": {}, "fingerprint": {}}))
    with pytest.raises(RnncastError, match=r"^.*D is a demo's folder \(rnncast demo\), cut short before its summary, "
                                           r"which holds no model of its own; give one of its runs \(.*D/rnn\)"):
        load_with_history(demo)
    assert main(["demo", "sine", "--out", str(demo)]) == 2
    err = capsys.readouterr().err
    assert f"--out {demo} holds a demo's folder (rnncast demo), cut short before its summary; give another --out, " \
           "or --overwrite to replace it" in err and "Traceback" not in err
    assert sorted(p.name for p in demo.iterdir()) == ["rnn"]
    (demo / "notes.txt").write_text("mine")  # a file no demo writes: not a demo's folder
    with pytest.raises(RnncastError, match="is missing model.json"):
        load_with_history(demo)


@pytest.mark.parametrize("folder", [None, 3])
def test_save_and_load_refuse_a_folder_that_is_no_path_naming_the_argument(tmp_path, folder):
    """model.save(None) and Forecaster.load(3) raised os' TypeError "expected str, bytes or os.PathLike object"."""
    model = Forecaster(**dict(TINY, epochs=1)).fit(make_frame(120), target="y")
    with pytest.raises(RnncastError, match=r"^Forecaster.save's folder must be the folder to write the model to, as text "
                                           r"or a pathlib.Path, got (NoneType None|int 3)$"):
        model.save(folder)
    with pytest.raises(RnncastError, match=r"^Forecaster.load's folder must be a model folder or a run directory holding "
                                           r"model/, as text or a pathlib.Path, got (NoneType None|int 3)$"):
        Forecaster.load(folder)
    model.save(tmp_path / "m")
    assert Forecaster.load(str(tmp_path / "m")).targets_ == ["y"]


def test_a_model_fitted_with_a_seed_now_refused_still_loads_and_forecasts(tmp_path):
    """A model saved with seed=-1 (which trained as seed 2**64 - 1) or epochs past 2**63 loads and forecasts as
    before: the ranges are checked where a fit starts (``settingchecks.check_ranges``), not where a model is read."""
    frame = make_frame(120)
    model = Forecaster(**dict(TINY, epochs=1)).fit(frame, target="y")
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    meta["params"].update(seed=-1, epochs=10 ** 23)
    del meta["description_sha256"]  # an older model's model.json: no checksum of its own
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta))
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["seed"] == -1
    pd.testing.assert_frame_equal(loaded.predict(frame), model.predict(frame))
    with pytest.raises(RnncastError, match=r"^epochs \(--epochs\) 100000000000000000000000 is out of range: accepted are whole "
                                           r"numbers from 1 to 2\*\*63 - 1"):
        loaded.backtest(frame, n_windows=1)  # a new fit (each cutoff's) refuses it


def test_a_model_another_save_wrote_since_the_check_stays_and_this_save_is_refused(tmp_path, fitted, monkeypatch):
    """Two saves into one new folder at once: the second rename used to move the first model aside and remove it
    (decision 861); without overwrite the folder is taken only where it is new or empty."""
    import rnncast.checkpoint as checkpoint

    fitted.save(tmp_path / "theirs")
    folder, judged = tmp_path / "m", checkpoint.save_refusal
    before = (tmp_path / "theirs" / "weights.safetensors").read_bytes()

    def another_saves_meanwhile(path, overwrite=False):
        found = judged(path, overwrite)
        if not folder.exists():
            shutil.copytree(tmp_path / "theirs", folder)
        return found
    monkeypatch.setattr(checkpoint, "save_refusal", another_saves_meanwhile)
    other = Forecaster(**{**TINY, "seed": 1}).fit(make_frame(200), target="y")
    with pytest.raises(RnncastError, match=r"holds a model already; pass overwrite=True to replace it"):
        other.save(folder)
    assert (folder / "weights.safetensors").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m", "theirs"]  # no temporary folder left
    other.save(tmp_path / "empty")  # none there: saved
    other.save(folder, overwrite=True)  # asked: replaced
    assert (folder / "weights.safetensors").read_bytes() != before


def test_saving_over_a_model_whose_files_are_links_never_writes_where_they_lead(tmp_path, fitted):
    """t35t4 H2 asked of Forecaster.save into an existing folder: its model is written whole in a new folder and
    renamed into place, so links planted in the earlier one are removed with it, their targets as they were."""
    folder, outside = tmp_path / "mine", tmp_path / "outside.json"
    fitted.save(folder)
    outside.write_text("precious\n")
    (folder / "model.json").unlink()
    (folder / "model.json").symlink_to(outside)
    fitted.save(folder, overwrite=True)
    assert outside.read_text() == "precious\n" and not (folder / "model.json").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "outside.json"]


def test_a_read_only_earlier_model_is_replaced_its_mode_given_after_the_files_are_written(tmp_path, monkeypatch):
    """write_model gave the empty temporary folder the earlier model's 0555 before writing weights.safetensors into
    it: every later save of a protected model failed "Permission denied" for a user other than root (r35r3 finding
    3, decision 1849; tests/test_folderswap.py runs it as such). Root may write anyway: here each write is checked to
    find its folder writable by its owner."""
    import stat

    import rnncast.checkpoint as checkpoint
    from rnncast.models import NetSpec, build_net

    net = build_net(NetSpec(cell="gru", n_inputs=1, n_targets=1, horizon=1, hidden_size=4))
    checkpoint.write_model(tmp_path / "model", net, {})
    os.chmod(tmp_path / "model", 0o555)
    modes, real = [], checkpoint.write_bytes
    monkeypatch.setattr(checkpoint, "write_bytes", lambda path, *a: modes.append(os.stat(path.parent).st_mode)
                        or real(path, *a))
    checkpoint.write_model(tmp_path / "model", net, {})
    assert modes and all(mode & stat.S_IWUSR for mode in modes)
    assert stat.S_IMODE(os.stat(tmp_path / "model").st_mode) == 0o555
    assert sorted(os.listdir(tmp_path)) == ["model"]
    os.chmod(tmp_path / "model", 0o755)


def test_a_model_folder_a_pseudo_filesystem_refuses_is_said_so(tmp_path, monkeypatch):
    """t36t5 4 (decision 1903): save to /proc/mm said "check the permissions of /proc"; the advice follows the errno."""
    import errno
    from pathlib import Path

    from conftest import TINY, make_frame
    from rnncast import Forecaster, RnncastError

    model = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y")
    real = Path.mkdir

    def pseudo(self, *args, **kwargs):
        if self.parent == tmp_path:
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", pseudo)
    with pytest.raises(RnncastError, match=f"^cannot save the model to {tmp_path}/m: No such file or directory "
                                           f"\\({tmp_path} exists but is a pseudo-filesystem's folder"):
        model.save(tmp_path / "m")


def test_save_on_a_full_disk_before_its_folder_is_made_is_a_disk_failure(tmp_path, fitted, monkeypatch):
    """save's folder refused by a full disk was a plain RnncastError (the command line's exit 2); now DiskFailed,
    exit 74, with the same line (decision 2217)."""
    import errno

    from rnncast import checkpoint
    from rnncast.errors import DiskFailed

    def full(folder):
        raise OSError(errno.ENOSPC, "No space left on device", str(folder))

    monkeypatch.setattr(checkpoint, "temp_folder", full)
    with pytest.raises(DiskFailed, match=rf"^cannot save the model to {tmp_path / 'm'}: No space left on device "
                                         r"\(the disk is full"):
        fitted.save(tmp_path / "m")
    assert list(tmp_path.iterdir()) == []

"""weightfile: a model's safetensors file held against the network model.json describes, from its
header alone (names, shapes, dtypes, size) before anything is built, then its bytes' SHA-256."""

from __future__ import annotations

import hashlib
import re

import pytest
import torch
from safetensors.torch import save

from rnncast import RnncastError, weightfile
from rnncast.models import build_net
from test_resume import DAMAGE, _damaged


@pytest.fixture
def spec(fitted):
    return fitted.net_.spec


def _written(tmp_path, state: dict):
    path = tmp_path / "weights.safetensors"
    path.write_bytes(save(state))
    return path


def test_a_network_own_weights_pass_and_are_the_expected_tensors(tmp_path, spec):
    state = build_net(spec).state_dict()
    path = _written(tmp_path, state)
    expected = weightfile.check_header(weightfile.header(path), spec, path)
    assert expected == {k: (tuple(v.shape), "F32") for k, v in state.items()}


def test_a_tensor_of_another_shape_or_dtype_is_refused_by_name(tmp_path, spec):
    state = build_net(spec).state_dict()
    name = next(iter(state))
    path = _written(tmp_path, {**state, name: torch.zeros(3, 3)})
    with pytest.raises(RnncastError, match=rf"tensor {name} has shape \(3, 3\) but the network"):
        weightfile.check_header(weightfile.header(path), spec, path)
    path = _written(tmp_path, {**state, name: state[name].double()})
    with pytest.raises(RnncastError, match=rf"tensor {name} is float64 but the network in model.json needs float32"):
        weightfile.check_header(weightfile.header(path), spec, path)


def test_the_checksum_is_checked_where_one_is_recorded(tmp_path):
    data = b"weights"
    weightfile.check_checksum(None, "weights_sha256", data, tmp_path / "model.json", tmp_path / "w")  # older: none
    weightfile.check_checksum(hashlib.sha256(data).hexdigest(), "weights_sha256", data, tmp_path / "m", tmp_path / "w")
    with pytest.raises(RnncastError, match="does not match the checksum"):
        weightfile.check_checksum("0" * 64, "weights_sha256", data, tmp_path / "m", tmp_path / "w")
    with pytest.raises(RnncastError, match="weights_sha256 is 'abc', not a SHA-256"):
        weightfile.check_checksum("abc", "weights_sha256", data, tmp_path / "m", tmp_path / "w")


def test_the_description_checksum_counts_what_model_json_says_not_its_spacing_or_order(tmp_path):
    meta = {"targets": ["y"], "features": ["a", "b"], "scalers": [[0.5, 2.0]]}
    meta["description_sha256"] = weightfile.description_sha256(meta, "description_sha256")
    weightfile.check_description(dict(reversed(list(meta.items()))), "description_sha256", tmp_path / "model.json")
    weightfile.check_description({"targets": ["y"]}, "description_sha256", tmp_path / "model.json")  # older: none
    with pytest.raises(RnncastError, match=r"model.json does not match the checksum it records \(description_sha256\)"):
        weightfile.check_description({**meta, "features": ["b", "a"]}, "description_sha256", tmp_path / "model.json")
    with pytest.raises(RnncastError, match="description_sha256 is 17, not a SHA-256"):
        weightfile.check_description({**meta, "description_sha256": 17}, "description_sha256", tmp_path / "model.json")


@pytest.mark.parametrize("kind", DAMAGE + ["tensor bytes"])
def test_an_unreadable_weights_file_is_said_in_one_line_of_its_own_words_with_both_ways_out(tmp_path, fitted, kind):
    """model/weights.safetensors damaged as a checkpoint can be (test_resume.py): one line saying what is wrong with it,
    no parser's words, and both ways out; one whose bytes changed past its header fails its SHA-256 with the same ways
    out (decision 1163)."""
    from rnncast import Forecaster

    fitted.save(tmp_path / "model")
    path = tmp_path / "model" / "weights.safetensors"
    if kind == "tensor bytes":
        data = bytearray(path.read_bytes())
        data[-5] ^= 0xFF
        path.write_bytes(bytes(data))
    else:
        _damaged(path, kind)
    with pytest.raises(RnncastError) as refused:
        Forecaster.load(tmp_path / "model")
    said = str(refused.value)
    start = (f"{path} does not match the checksum in model.json" if kind == "tensor bytes" else
             f"{path} is not a readable rnncast weights file: ")
    assert said.startswith(start) and said.endswith(weightfile.AGAIN) and "\n" not in said, said
    assert not re.search(r"deserializ|Header|header length|invalid|`", said), said


def test_damage_names_an_os_refusal_in_the_systems_words(tmp_path):
    assert weightfile.damage(tmp_path / "w.safetensors", PermissionError(13, "Permission denied")) == "Permission denied"

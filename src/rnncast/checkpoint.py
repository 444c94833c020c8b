"""A model folder: ``weights.safetensors`` (tensors only) and ``model.json`` (settings, network
shape, scaler state, column names, format version). Nothing on the load path unpickles."""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save

from rnncast import __version__
from rnncast.errors import RnncastError
from rnncast.files import write_bytes, write_json
from rnncast.models import NetSpec, RecurrentNet

FORMAT = "rnncast-model"
FORMAT_VERSION = 1
WEIGHTS = "weights.safetensors"
META = "model.json"


def save_model(folder, net: RecurrentNet, meta: dict) -> None:
    """Write the weights and ``meta`` (plain JSON data) into ``folder``."""
    folder = Path(folder)
    state = {k: v.detach().cpu().contiguous() for k, v in net.state_dict().items()}
    write_bytes(folder / WEIGHTS, save(state))
    write_json(folder / META, {"format": FORMAT, "format_version": FORMAT_VERSION,
                               "rnncast_version": __version__, "network": net.spec.to_dict(), **meta})


def load_model(folder) -> tuple[RecurrentNet, dict]:
    """Read a model folder back; every way it can be broken is a ``RnncastError`` naming the problem."""
    folder = Path(folder)
    if (folder / "model").is_dir() and not (folder / META).exists():
        folder = folder / "model"  # a run directory was given
    if not folder.is_dir():
        raise RnncastError(f"model folder not found: {folder} (expected a run directory or its model/ folder)")
    for name in (META, WEIGHTS):
        if not (folder / name).is_file():
            raise RnncastError(f"model folder {folder} is missing {name}; it needs {META} and {WEIGHTS}")
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise RnncastError(f"{folder / META} is not valid JSON ({err}); the file is damaged") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise RnncastError(f"{folder / META} is not an rnncast model description (format {FORMAT!r} expected)")
    if meta.get("format_version") != FORMAT_VERSION:
        raise RnncastError(
            f"{folder} uses model format version {meta.get('format_version')!r}; this rnncast "
            f"({__version__}) reads version {FORMAT_VERSION}"
        )
    try:
        net = RecurrentNet(NetSpec(**meta["network"]))
    except (TypeError, KeyError, ValueError) as err:
        raise RnncastError(f"{folder / META} describes no valid network ({err})") from None
    try:
        state = load_file(folder / WEIGHTS)
    except (SafetensorError, OSError) as err:
        raise RnncastError(f"{folder / WEIGHTS} cannot be read as safetensors ({err}); the file is damaged") from None
    expected = net.state_dict()
    if set(state) != set(expected):
        raise RnncastError(
            f"{folder / WEIGHTS} holds tensors {sorted(set(state) ^ set(expected))} that do not fit the network in {META}"
        )
    for name, tensor in state.items():
        if tensor.shape != expected[name].shape:
            raise RnncastError(
                f"{folder / WEIGHTS}: tensor {name} has shape {tuple(tensor.shape)} but the network in {META} "
                f"needs {tuple(expected[name].shape)}"
            )
    net.load_state_dict(state)
    return net, meta

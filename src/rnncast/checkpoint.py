"""A model folder: ``weights.safetensors`` (tensors only) and ``model.json`` (settings, network
shape, scaler state, column names, format version). Nothing on the load path unpickles."""

from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn
from safetensors import SafetensorError
from safetensors.torch import load_file, save

from rnncast.version import __version__
from rnncast.errors import RnncastError
from rnncast.files import write_bytes, write_json
from rnncast.models import NetSpec, build_net

FORMAT = "rnncast-model"  # the format version is the fitted state's (state.FORMAT_VERSION), read there
WEIGHTS = "weights.safetensors"
META = "model.json"


def save_model(folder, net: nn.Module, meta: dict) -> None:
    """Write the weights and ``meta`` (plain JSON data with its ``format_version``) into ``folder``."""
    folder = Path(folder)
    state = {k: v.detach().cpu().contiguous() for k, v in net.state_dict().items()}
    write_bytes(folder / WEIGHTS, save(state))
    write_json(folder / META, {"format": FORMAT, "rnncast_version": __version__, "network": net.spec.to_dict(), **meta})


def load_model(folder) -> tuple[nn.Module, dict]:
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
    try:
        net = build_net(NetSpec(**meta["network"]))
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


# ---- training state, for resuming a run -------------------------------------------------------

TRAINING_STATE = "checkpoint.safetensors"
TRAINING_FORMAT_VERSION = 1


def save_training_state(path, net, optimizer, generator, loop) -> None:
    """One file, written atomically: weights, best weights, Adam's moments, random-number states
    (as tensors) and the loop's counters and history (as JSON in the file's metadata)."""
    tensors = {f"net.{k}": v for k, v in net.state_dict().items()}
    if loop.best_state is not None:
        tensors.update({f"best.{k}": v for k, v in loop.best_state.items()})
    if loop.average is not None:
        tensors.update({f"avg.{k}": v for k, v in loop.average.items()})
    opt = optimizer.state_dict()
    scalars = {}
    for index, entries in opt["state"].items():
        for key, value in entries.items():
            if torch.is_tensor(value):
                tensors[f"opt.{index}.{key}"] = value
            else:
                scalars[f"{index}.{key}"] = value
    tensors["rng.generator"] = generator.get_state()
    tensors["rng.torch"] = torch.get_rng_state()
    tensors = {k: v.detach().cpu().contiguous() for k, v in tensors.items()}
    loop_meta = {"epoch": loop.epoch, "best_loss": loop.best_loss, "bad_epochs": loop.bad_epochs,
                 "stopped": loop.stopped, "history": loop.history, "param_groups": opt["param_groups"],
                 "opt_scalars": scalars, "format_version": TRAINING_FORMAT_VERSION}
    write_bytes(path, save(tensors, metadata={"loop": json.dumps(loop_meta)}))


def load_training_state(path, net, optimizer, generator):
    """Restore what ``save_training_state`` wrote into ``net``, ``optimizer`` and ``generator``."""
    from safetensors import safe_open

    from rnncast.training import LoopState

    path = Path(path)
    if not path.is_file():
        raise RnncastError(f"no training checkpoint at {path}; a run directory has one after its first finished epoch")
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = json.loads(f.metadata()["loop"])
        tensors = load_file(path)
    except (SafetensorError, OSError, KeyError, json.JSONDecodeError) as err:
        raise RnncastError(f"{path} is not a readable rnncast checkpoint ({err})") from None
    device = next(net.parameters()).device
    net.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("net.")})
    best = {k[5:]: v.to(device) for k, v in tensors.items() if k.startswith("best.")}
    average = {k[4:]: v.to(device) for k, v in tensors.items() if k.startswith("avg.")}
    state: dict = {}
    for name, value in tensors.items():
        if name.startswith("opt."):
            _, index, key = name.split(".", 2)
            state.setdefault(int(index), {})[key] = value
    for name, value in meta["opt_scalars"].items():
        index, key = name.split(".", 1)
        state.setdefault(int(index), {})[key] = value
    optimizer.load_state_dict({"state": state, "param_groups": meta["param_groups"]})
    generator.set_state(tensors["rng.generator"])
    torch.set_rng_state(tensors["rng.torch"])
    return LoopState(epoch=meta["epoch"], best_loss=meta["best_loss"], bad_epochs=meta["bad_epochs"],
                     history=meta["history"], best_state=best or None, stopped=meta["stopped"],
                     average=average or None)

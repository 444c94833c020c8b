"""A model folder: ``weights.safetensors`` (tensors only) and ``model.json`` (settings, network
shape, scaler state, column names, format version, the weights' SHA-256). Nothing on the load path
unpickles, and nothing is built before it is checked: ``read_model`` reads the safetensors header
(names, shapes, dtypes) and holds it against the network ``model.json`` describes, worked out on
PyTorch's ``meta`` device (shapes without storage), checks the settings against each other and
against that network (``state.FittedState.read``), and only then reads the weights, verifies their
checksum and that every tensor is finite, and builds the network. A few-kilobyte folder that claims
a network of gigabytes is refused for a few megabytes. The training loop's state, for resuming a
run, is ``resume.py``'s."""

from __future__ import annotations

import shlex
import hashlib
import json
import os
import reprlib
from dataclasses import MISSING, fields
from pathlib import Path

import torch
from torch import nn
from safetensors import SafetensorError
from safetensors.torch import load, save

from rnncast import demofolders, interrupts, loadedfiles, modelcard, nesting, outputs, pathargs, replacing, runhistory, weightfile
from rnncast.version import __version__
from rnncast.errors import Busy, RnncastError, refused
from rnncast.writeadvice import refusal
from rnncast.settingvalues import CHOICES
from rnncast.files import (COMMANDS, MODEL_META, MODEL_WEIGHTS, check_held, entries_of, json_text, output_kinds,
                           own_place, temp_folder, write_bytes, write_json)
from rnncast.folderlock import holder, stopped_before_begun
from rnncast.folderswap import kept_mode, put_in_place, remove
from rnncast.models import NetSpec, build_net
from rnncast.modelkeys import DESCRIBED, check_version
from rnncast.state import FittedState

FORMAT = "rnncast-model"  # the format version is the fitted state's (state.FORMAT_VERSION), read there
WEIGHTS = MODEL_WEIGHTS
META = MODEL_META
CHECKSUM = "weights_sha256"  # model.json's key: the SHA-256 of the weights file's bytes (absent in older folders)

# what model.json's "network" may hold beyond its type (NetSpec's annotations give the types; a text field's values:
# settingvalues.CHOICES, its setting's: cell, window_norm, scheme, decoder)
_AT_LEAST_ONE = {"n_inputs", "n_targets", "horizon", "hidden_size", "num_layers"}  # the other integers: >= 0
_REPR = reprlib.Repr()  # a value from a damaged file, shown in a message: a few items, a few levels deep
_REPR.maxstring, _REPR.maxother, _REPR.maxlist = 80, 80, 8
_short = _REPR.repr


def save_model(folder, net: nn.Module, meta: dict, overwrite: bool = False) -> None:
    """Write the weights and ``meta`` (plain JSON data with its ``format_version``) into ``folder``
    (``write_model``), once ``save_refusal`` finds nothing against it: a new or empty folder, or with
    ``overwrite`` an earlier model; never a folder of other files, of another rnncast output, nor a run's model/."""
    folder = pathargs.checked("Forecaster.save's folder", folder, "the folder to write the model to")  # ~: home
    refusal = save_refusal(folder, overwrite)  # judged where the write goes: through links and '..' alike
    if refusal:
        raise RnncastError(refusal)
    write_model(os.path.realpath(folder), net, meta, replace=overwrite)


def save_refusal(folder: Path, overwrite: bool = False) -> str | None:
    """Why ``folder`` may not receive a model, or None. A file; a folder holding files that are not a
    model's, or another command's output (``files.KINDS``: a run's root, whose model/ ``read_model``
    would pass over for the stray one), refused with or without ``overwrite``: replacing the model would
    lose them, or make a run's metrics and report describe a model they never scored; a run's own
    model/ likewise; the current folder, which a save would replace whole. An earlier model only with
    ``overwrite``. ``folder`` is resolved (``os.path.realpath``) first, so a link is judged by where it leads."""
    given, folder = folder, Path(os.path.realpath(folder))
    where = f"cannot save the model to {folder}" + (f" (where {str(given)!r} leads)" if os.path.abspath(given) !=
                                                    str(folder) else "")
    if folder.exists() and not folder.is_dir():
        return f"{where}: it is a file; give the path of a folder"
    if folder == Path(os.path.realpath(os.getcwd())):
        return f"{where}: it is the current folder, which a save replaces whole; give a folder inside it, such as 'model'"
    parent = folder.parent
    if folder.name == "model" and parent.is_dir() and "run" in output_kinds(entries_of(parent)):
        return (f"{where}: it is the model of the run in {parent}, which the run's metrics and report describe; "
                "save into a folder of its own")
    if refusal := nesting.refusal(folder, f"saving the model to {given}", "model", outputs.kind_of):  # runs/a/mine
        return refusal
    if not folder.is_dir():
        return None
    entries = entries_of(folder)
    kinds = output_kinds(entries)
    if kinds:
        held = " and ".join(f"a {kind} (rnncast {COMMANDS[kind]})" for kind in kinds)
        return (f"{where}: it holds {held}, and a model written there would be read in place of the output's own; "
                "save into a folder of its own")
    others = [name for name in entries if name not in (META, WEIGHTS)]
    if others:
        named = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        return (f"{where}: it holds files that are not a model's ({named}), which stay as they are with or without "
                "overwrite=True; give a new or empty folder")
    if entries and not overwrite:
        return f"{where}: it holds a model already; pass overwrite=True to replace it, or give another folder"
    return None


def write_model(folder, net: nn.Module, meta: dict, replace: bool = True, scores: dict | None = None) -> None:
    """Write the model folder whole, or leave the one there as it was: the weights and model.json (with
    the SHA-256 of the weights file, ``CHECKSUM``) go into a temporary folder beside it, which is then
    renamed into place (an earlier model moved aside first, then removed), the renames one step that a Ctrl-C
    or SIGTERM waits for (``interrupts.one_step``; a failed second rename puts the earlier model back), so the
    earlier model or the new one is always at ``folder``; ``folderlock.sweep_temps`` removes what a killed write left.
    A link is written through, not in a held run (``own_place``). Unchecked: ``save_model`` checks, ``report.write_run`` writes its run's
    own model/. Without ``replace`` a model found there at the rename, another save's since the check, stays and
    ``save_refusal``'s line is raised (a rename onto a folder with files fails as one step: decision 861). ``scores``:
    the run's metrics, whose test headline model.json keeps as ``test_scores`` (``modelcard.scored``: decision 1530)."""
    folder = own_place(Path(folder))  # a link written through, but not in a run folder this process holds (decision 1800)
    state = {k: v.detach().cpu().contiguous() for k, v in net.state_dict().items()}
    data = save(state)
    description = {"format": FORMAT, "rnncast_version": __version__, "network": net.spec.to_dict(), **meta,
                   **modelcard.scored(meta, scores), CHECKSUM: hashlib.sha256(data).hexdigest()}
    description[DESCRIBED] = weightfile.description_sha256(json.loads(json_text(description)), DESCRIBED)  # as read back
    new = None
    check_held(folder)  # a held run folder removed meanwhile is not made again here (decision 1749)
    try:
        with interrupts.one_step():  # a Ctrl-C between making the folder and naming it would leave it behind
            folder.parent.mkdir(parents=True, exist_ok=True)
            new = temp_folder(folder)  # 0777 less the umask, as mkdir makes a folder (decision 1799)
        mode = kept_mode(folder)  # a model replaced keeps its mode, given once its files are written (decision 1849)
        write_bytes(new / WEIGHTS, data)
        write_json(new / META, description)
        if not put_in_place(new, folder, replace, mode):  # a link in a held run folder (own_place) replaced there
            raise RnncastError(save_refusal(folder) or f"cannot save the model to {folder}: another process wrote "
                               "it since this save began; give another folder")
    except BaseException as err:
        if new is not None and new.exists():
            remove(new)
        if isinstance(err, OSError) and new is None:
            raise refused(err)(refusal(f"cannot save the model to {folder}", err, folder.parent,  # decisions 1903, 2217
                                       "another folder")) from None
        raise


def load_with_history(folder) -> tuple[nn.Module, dict, list[dict]]:
    """A model folder read back (``read_model``) with the epochs of the run whose model it is (``runhistory.read_back``:
    its history.csv, or model.json's), read as one, and read again where another process replaced it meanwhile
    (``replacing.read_whole``: both the earlier run's or both the new one's where ``fit --overwrite`` replaces the run,
    or a ``RnncastError`` saying it is being replaced, by which process). ``Forecaster.load``'s one read."""
    folder = pathargs.checked("Forecaster.load's folder", folder, "a model folder or a run directory holding model/")
    return replacing.read_whole(folder, _with_history)


def _with_history(folder) -> tuple[nn.Module, dict, list[dict]]:
    net, meta = read_model(folder)
    return net, meta, runhistory.read_back(folder, meta.get("history"))


def read_model(folder) -> tuple[nn.Module, dict]:
    """Read a model folder back; every way it can be broken is a ``RnncastError`` naming the file and
    the problem. Checked in this order, each before anything is allocated for the next: model.json
    (JSON, format, version, the network's fields), the weights' header against that network (count,
    bytes, names, shapes, dtypes), the settings (``FittedState.read``), the checksum, finite tensors."""
    folder = Path(pathargs.checked("Forecaster.load's folder", folder, "a model folder or a run directory holding model/"))
    if (folder / "model").is_dir() and (folder / META).exists() and (folder / "config.json").is_file():
        raise RnncastError(f"{folder} holds a run's model/ and another model ({META} beside config.json, saved "
                           f"there later); give {folder / 'model'} for the run's model, or move the other model's "
                           f"{META} and {WEIGHTS} into a folder of their own")
    if (folder / "model").is_dir() and not (folder / META).exists():
        folder = folder / "model"  # a run directory was given
    run = folder.parent if folder.name == "model" and not folder.exists() else folder
    if (run / "config.json").is_file() and not (run / "model").exists() and not (run / META).exists():
        kinds = output_kinds(entries_of(run)) if run.is_dir() else []
        if "run" in kinds:
            raise (Busy if holder(run) is not None else RnncastError)(unfinished_run(run))  # training: try later
        if kinds:  # a backtest keeps config.json too: its data and settings, no model
            raise RnncastError(f"{run} is a {kinds[0]}'s folder (rnncast {COMMANDS[kinds[0]]}), which holds no model; "
                               "give a run directory (rnncast fit writes one) or a model folder")
    kinds = [] if not folder.is_dir() or (folder / META).exists() else output_kinds(entries_of(folder))
    if kinds and "run" not in kinds:  # a tune's, a demo's, a bench's folder: named, as a backtest's above
        best = (f"; its best settings are trained with rnncast fit --config {shlex.quote(str(folder / 'best.toml'))} --out NEW, whose run "
                "holds the model" if kinds[0] == "tune" and (folder / "best.toml").is_file() else "")
        raise RnncastError(f"{folder} is a {kinds[0]}'s folder (rnncast {COMMANDS[kinds[0]]}), which holds no model"
                           f"{best or '; give a run directory (rnncast fit writes one) or a model folder'}")
    if folder.is_file():  # load('sales.csv'): the data where the model goes
        raise RnncastError(loadedfiles.refusal(folder))
    if not folder.is_dir():
        raise RnncastError(loadedfiles.not_found(folder))
    if not (folder / META).exists() and demofolders.interrupted(folder):  # a demo killed before its summary
        raise RnncastError(f"{folder} is a demo's folder (rnncast demo), cut short before its summary, which holds no "
                           f"model of its own; give one of its runs ({folder / entries_of(folder)[0]}) or a model folder")
    if stopped := stopped_before_begun(folder):
        raise RnncastError(stopped)
    for name in (META, WEIGHTS):  # a folder or a link to a device in its place is named so, not "missing" (decision 1651)
        if not (folder / name).is_file():
            there = "is missing" if not (folder / name).exists() else "holds a folder named" if (folder / name).is_dir() \
                else "holds a pipe or device (no file) as"
            raise RnncastError(f"model folder {folder} {there} {name}; it needs {META} and {WEIGHTS}, each a file")
    meta_path, weights_path = folder / META, folder / WEIGHTS
    meta = _read_json(meta_path)
    check_version(meta, meta_path)
    spec = _spec(meta, meta_path)
    expected = weightfile.check_header(weightfile.header(weights_path), spec, weights_path)
    FittedState.read(meta, spec, meta_path)  # the settings against each other and the network, before building
    try:
        data = weights_path.read_bytes()  # as many bytes as the checked header says: the network's tensors
        weightfile.check_checksum(meta.get(CHECKSUM), CHECKSUM, data, meta_path, weights_path)
        state = load(data)
    except (SafetensorError, OSError) as err:
        raise RnncastError(weightfile.unreadable_weights(weights_path, err)) from None
    weightfile.compare({k: (tuple(v.shape), weightfile.code_of(v.dtype)) for k, v in state.items()}, expected,
                       weights_path)  # again, on the bytes read: the file may have changed since its header was read
    for name, tensor in state.items():
        bad = int((~torch.isfinite(tensor)).sum())
        if bad:
            raise RnncastError(f"{weights_path}: tensor {name} holds {bad} NaN or infinite value(s) of "
                               f"{tensor.numel()}; the weights are damaged and forecast nothing")
    weightfile.check_description(meta, DESCRIBED, meta_path)  # last: an edit another check names is named so
    net = build_net(spec)
    net.load_state_dict(state)
    return net, meta


def unfinished_run(run: Path) -> str:
    """Why the run ``run`` (config.json, no model/) has no model: a process holding it is still training it
    (``folderlock.holder``); it finished (its report.html, written last) and its model/ was removed since, which
    only a copy or a new fit gives back; else its fit was interrupted and ``fit --resume`` finishes it."""
    held = holder(run)
    if held is not None:
        return (f"run {run} is still training (another rnncast process, {held[0]}, is writing it): its model is "
                "written when training ends; wait for that fit to finish")
    if (run / "report.html").is_file():
        return (f"run {run} finished training (its report.html is there), but its model folder {run / 'model'} is "
                f"missing; put model/ back from a copy, or train the run again: rnncast fit --config {shlex.quote(str(run))} --out NEW "
                f"(or --out {shlex.quote(str(run))} --overwrite to replace it)")
    saved = ("its checkpoint keeps the epochs it finished" if (run / "checkpoint.safetensors").is_file() else
             "no epoch had finished")
    return (f"run {run} was interrupted before its model was written ({saved}); continue it with: "
            f"rnncast fit --resume {shlex.quote(str(run))}")


def _read_json(path: Path) -> dict:
    """model.json as data. Python's JSON reader recurses once per nesting level, so a deeply nested
    file (none rnncast writes: its values lie at most five levels down) is refused as such rather
    than raising RecursionError. No cap on the file's size: a model of many series has a large file
    (a scaler, split and mean per series), and reading it costs what the file holds, no more."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise RnncastError(f"{path} is not valid JSON ({err}); the file is damaged") from None
    except ValueError as err:  # a number of thousands of digits: Python's limit on integer text
        raise RnncastError(f"{path} holds a number no rnncast model has ({err}); the file is damaged") from None
    except RecursionError:
        raise RnncastError(f"{path} is nested too deeply to be an rnncast model description; the file is damaged "
                           "or was not written by rnncast") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise RnncastError(f"{path} is not an rnncast model description (format {FORMAT!r} expected)")
    return meta


def _spec(meta: dict, where: Path) -> NetSpec:
    """The network ``model.json`` describes, every field of the type and range NetSpec takes."""
    network = meta.get("network")
    if not isinstance(network, dict):
        raise RnncastError(f"{where} describes no network (its \"network\" is {_short(network)})")
    known = {f.name: f for f in fields(NetSpec)}
    unknown = sorted(set(network) - set(known))
    required = [name for name, f in known.items() if f.default is MISSING and f.default_factory is MISSING]
    missing = [name for name in required if name not in network]
    if unknown or missing:
        problems = [f"unknown field(s) {_short(unknown)}"] if unknown else []
        problems += [f"missing {missing}"] if missing else []
        raise RnncastError(f"{where} describes no valid network: {'; '.join(problems)}")
    for name, value in network.items():
        problem = _field_problem(name, known[name].type, value)
        if problem:
            raise RnncastError(f"{where} describes no valid network: {name} is {_short(value)}; {problem}")
    return NetSpec(**network)


def _field_problem(name: str, kind: str, value) -> str | None:
    """What is wrong with one field of the network's description, or None."""
    integer = isinstance(value, int) and not isinstance(value, bool)
    if kind == "str":
        choices = CHOICES.get(name)
        if not isinstance(value, str) or (choices and value not in choices):
            return f"expected one of {', '.join(choices)}" if choices else "expected text"
        return None
    if kind == "int":
        least = 1 if name in _AT_LEAST_ONE else 0
        return None if integer and value >= least else f"expected an integer >= {least}"
    if kind == "bool":
        return None if isinstance(value, bool) else "expected true or false"
    if kind == "float":  # dropout
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if number and 0 <= value < 1 else "expected a number in [0, 1)"
    if name == "static_cardinalities":
        ok = isinstance(value, list) and all(isinstance(c, int) and not isinstance(c, bool) and c >= 1 for c in value)
        return None if ok else "expected a list of integers >= 1"
    if name == "quantiles":
        ok = isinstance(value, list) and all(isinstance(q, (int, float)) and not isinstance(q, bool) and 0 < q < 1
                                             for q in value)
        return None if ok else "expected a list of levels in (0, 1)"
    return f"a field of type {kind} this rnncast does not check"  # a new NetSpec field must be added here

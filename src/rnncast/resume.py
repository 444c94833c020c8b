"""The training loop's state, for resuming a run: ``checkpoint.safetensors`` in a run directory.

One safetensors file, written atomically after every epoch: the weights, the best and averaged weights, Adam's
moments and the random-number states as tensors, and the loop's counters, history and how it ended as JSON in the
file's metadata, with the SHA-256 of both. Nothing is unpickled when it is read (once for a resume's checks and load:
``read_checkpoint``), and a file that is damaged (its content's SHA-256 differs), holds NaN, or was trained as another
network (other columns, other settings) is refused by name before anything is loaded. The model folder a finished fit
writes is ``checkpoint.py``'s.
"""

from __future__ import annotations

import hashlib
import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import MISSING, fields
from pathlib import Path

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import load_file, save

from rnncast import fingerprint, formatversions
from rnncast.errors import RnncastError
from rnncast.files import write_bytes
from rnncast.models import NetSpec
from rnncast.spelling import hint
from rnncast.training import LoopState
from rnncast.weightfile import damage

TRAINING_STATE = "checkpoint.safetensors"
TRAINING_FORMAT_VERSION = formatversions.CHECKPOINT
CHECKSUM = "sha256"  # the metadata key of the content's SHA-256 (state_sha256); absent in older checkpoints
LOOP_KEYS = ("epoch", "best_loss", "bad_epochs", "history", "stopped", "opt_scalars", "param_groups")  # a load's needs
UNREADABLE = (SafetensorError, OSError, KeyError, ValueError, TypeError, AttributeError, RecursionError)
_ONCE: ContextVar[dict | None] = ContextVar("rnncast_checkpoints_read", default=None)  # read_once's: path -> its read

log = logging.getLogger(__name__)


def save_training_state(path, net, optimizer, generator, loop, data: dict | None = None,
                        epochs: int | None = None, new: str | None = None, settings: dict | None = None) -> None:
    """One file, written atomically: weights, best weights, Adam's moments, random-number states
    (as tensors) and the loop's counters, history and how it ended (as JSON in the file's metadata:
    ``stopped``, and ``diverged``, ``{"epoch", "what", "loss", "kept"}`` of a run that diverged, else null),
    ``data``, the fingerprint of the data trained on (``fingerprint.of``), which a resume checks, and ``epochs``,
    the epochs the fit that wrote it meant to train (whether it finished: ``held``), ``settings``, all of the fit's, which
    a resume checks (``resumedsettings``); ``new``: ``files.write_bytes``'."""
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
                 "stopped": loop.stopped, "diverged": loop.diverged, "history": loop.history,
                 "param_groups": opt["param_groups"], "opt_scalars": scalars, "format_version": TRAINING_FORMAT_VERSION,
                 "network": net.spec.to_dict(), "data": data, "epochs": epochs, "settings": settings}
    loop_text = json.dumps(loop_meta)
    write_bytes(path, save(tensors, metadata={"loop": loop_text, CHECKSUM: state_sha256(tensors, loop_text)}), new)


def state_sha256(tensors: dict, loop_text: str) -> str:
    """The SHA-256 of a checkpoint's content: the loop's record (its JSON text, as the metadata holds it), then
    ``tensors`` (CPU, contiguous), each one's name, dtype, shape and bytes, by name; a resume recomputes it from
    what it read and refuses a file whose content changed since it was written."""
    digest = hashlib.sha256(loop_text.encode())
    for name in sorted(tensors):
        tensor = tensors[name]
        digest.update(f"{name}\0{tensor.dtype}\0{list(tensor.shape)}\0".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy())
    return digest.hexdigest()


def held(path) -> tuple[str, bool]:
    """What the training checkpoint at ``path`` holds, in words ("holds an unfinished training (epoch 2 of 5
    finished)", "holds a finished training (5 epochs)", stopped early or diverged; its epochs alone where the fit
    that wrote it did not record how many it meant to train: an earlier rnncast), and whether its training ended."""
    with safe_open(str(path), framework="pt") as f:
        meta = json.loads((f.metadata() or {})["loop"])
    epoch, planned, diverged = meta["epoch"], meta.get("epochs"), _diverged(meta.get("diverged"))
    if diverged:
        return (f"holds a finished training: it diverged in epoch {diverged['epoch']} and keeps the weights of epoch "
                f"{diverged['kept']}", True)
    if meta.get("stopped"):
        return f"holds a finished training: early stopping ended it after epoch {epoch}", True
    if isinstance(planned, int) and epoch >= planned:
        return f"holds a finished training ({epoch} epoch{'s' * (epoch != 1)})", True
    if isinstance(planned, int):
        return f"holds an unfinished training (epoch {epoch} of {planned} finished)", False
    return f"holds a training of {epoch} finished epoch{'s' * (epoch != 1)}", False


def is_checkpoint(path) -> bool:
    """Whether ``path`` is a file ``save_training_state`` wrote: safetensors whose metadata holds the loop's
    record (only the header is read)."""
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = json.loads((f.metadata() or {})["loop"])
        return isinstance(meta, dict) and all(key in meta for key in ("epoch", "history"))
    except UNREADABLE:
        return False


def check_data(path, found: dict) -> None:
    """Refuse to resume the checkpoint at ``path`` with data other than it was trained on (``found``:
    ``fingerprint.of`` the data given now), naming what differs, before anything is built or loaded:
    the data would be split again, so rows the model trained on could land in its test split. A
    checkpoint written before the data was recorded is resumed with a warning that it cannot be checked;
    a missing file is left to ``load_training_state`` to refuse."""
    path = Path(path)
    if not path.is_file():
        return
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = json.loads((f.metadata() or {})["loop"])
        recorded = meta.get("data")
    except UNREADABLE as err:
        raise RnncastError(unreadable(path, err)) from None
    if recorded is None:
        log.warning("%s was written before rnncast recorded the data a run trains on, so whether this is the data "
                    "the run started with cannot be checked; if it is not, its test scores may rest on rows it "
                    "trained on", path)
        return
    if refusal := fingerprint.unreadable_refusal(  # nothing known of the data: not "other data" (decision 1816)
            recorded, str(path), "this fit's data", "it was trained on", "a resumed run must train on that data",
            f"restore {path.name} from a copy (or resume with the rnncast version that wrote it), or {start_over()}"):
        raise RnncastError(refusal)
    differs = fingerprint.difference(recorded, found)
    if differs:
        raise RnncastError(f"{path} cannot be resumed with this fit's data: {differs}; resume it with the data it was "
                           "trained on (the same rows and values; it may have moved) cut as it was (its own val_frac, "
                           "test_frac or split=), or start a new run with another checkpoint file")


def unreadable(path, err: Exception) -> str:
    """The refusal of a checkpoint that could not be read (``err``, one of ``UNREADABLE``): what is wrong with the file
    in words, never the parser's (``weightfile.damage``), and both ways out."""
    if isinstance(err, (SafetensorError, OSError)):
        what = damage(path, err)
    else:  # safetensors read it: its loop record is what is damaged, or missing (another program's safetensors)
        what = "it holds no training record rnncast can read (another program's safetensors, or a damaged record)"
    return f"{path} is not a readable rnncast checkpoint: {what}; restore the file from a copy, or {start_over()}"


def start_over() -> str:
    """How a refusal to resume tells its reader to train the run from its first epoch: in Python's words, unless the
    caller gave its own (``spelling.hints(start_over=...)``: the command line's ``--overwrite``)."""
    return hint("start_over", "start the training over: fit without resume=True, with a checkpoint path of its own")


def read_checkpoint(path, needs=(), take: bool = False) -> tuple[dict, dict]:
    """``(loop record, tensors)`` of the checkpoint at ``path``, its header and tensors read and its content verified
    against the SHA-256 recorded in it (``state_sha256``): a file changed since it was written is refused in one
    ``RnncastError``; one whose record lacks a key of ``needs`` raises ``KeyError``, and an unreadable one what reading
    raised (``UNREADABLE``), for the caller to word. A checkpoint written before one was kept is read unchecked. Within
    ``read_once`` the file is read once while it stays the same file (``take``: handed over and forgotten)."""
    seen, key, stat = _ONCE.get(), str(Path(path).resolve()), Path(path).stat()
    same = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if seen is not None and seen.get(key, (None,))[0] == same:
        return (seen.pop(key) if take else seen[key])[1]
    with safe_open(str(path), framework="pt") as f:
        header = f.metadata() or {}
    meta, tensors = json.loads(header["loop"]), load_file(path)
    formatversions.check((meta if isinstance(meta, dict) else {}).get("format_version"), (TRAINING_FORMAT_VERSION,), "checkpoint", path)
    if needs and not (isinstance(meta, dict) and all(k in meta for k in needs)):
        raise KeyError("its loop record is incomplete")
    recorded = header.get(CHECKSUM)
    if recorded is None:  # written before checkpoints kept one
        log.debug("%s holds no SHA-256 of its content (an earlier rnncast wrote it), so it is resumed unchecked", path)
    elif recorded != state_sha256(tensors, header["loop"]):
        raise RnncastError(f"{path} is damaged: its content is not what it was written with (its SHA-256 differs "
                           f"from the one recorded in it); restore the file from a copy, or {start_over()}")
    if seen is not None and not take:
        seen[key] = (same, (meta, tensors))
    return meta, tensors


@contextmanager
def read_once():
    """Within it a resume's checks and load read and verify its checkpoint once (a file replaced meanwhile: again)."""
    token = _ONCE.set({} if _ONCE.get() is None else _ONCE.get())
    try:
        yield
    finally:
        _ONCE.reset(token)


def load_training_state(path, net, optimizer, generator):
    """Restore what ``save_training_state`` wrote into ``net``, ``optimizer`` and ``generator``."""
    path = Path(path)
    if not path.is_file():
        raise RnncastError(f"no training checkpoint at {path}; a run directory has one after its first finished epoch")
    try:
        meta, tensors = read_checkpoint(path, LOOP_KEYS, take=True)
    except RnncastError:
        raise  # damaged: said so by the reader
    except UNREADABLE as err:
        raise RnncastError(unreadable(path, err)) from None
    bad = [name for name, v in tensors.items() if v.is_floating_point() and not bool(torch.isfinite(v).all())]
    if bad:
        raise RnncastError(f"{path}: tensor {bad[0]} holds NaN or infinite values; the checkpoint is damaged and would "
                           f"train nothing usable; {start_over()}")
    device = next(net.parameters()).device
    weights = {k[4:]: v for k, v in tensors.items() if k.startswith("net.")}
    _check_fits(path, weights, net)
    _check_network(path, meta.get("network"), net)
    net.load_state_dict(weights)
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
                     average=average or None, diverged=_diverged(meta.get("diverged")))


def _check_fits(path: Path, weights: dict, net) -> None:
    """The checkpoint's network against the one this fit built, before anything is loaded: a run
    resumed with other data (other columns, as ``--features all`` reads a new DATA's) or other
    settings builds another network, which PyTorch would refuse with a traceback."""
    found = {k: tuple(v.shape) for k, v in weights.items()}
    built = {k: tuple(v.shape) for k, v in net.state_dict().items()}
    if found == built:
        return
    odd = sorted(set(found) ^ set(built))
    if odd:
        name = odd[0]
        where = "only in the checkpoint" if name in found else "only in the network this data and these settings make"
        what = f"tensor {name} is {where}" + (f" ({len(odd) - 1} more differ)" if len(odd) > 1 else "")
    else:
        name = next(k for k in built if found[k] != built[k])
        what = f"tensor {name} has shape {list(found[name])} there but {list(built[name])} here"
    raise RnncastError(f"{path} was trained on other columns or settings than this fit has: {what}; resume it with "
                       "the data it was trained on (the same columns, in the same roles) and its own settings")


def _check_network(path: Path, recorded, net) -> None:
    """The network the checkpoint was trained as (its ``NetSpec``) against the one this fit built:
    settings that add no weights (``window_scale``, ``window_norm``, ``scheme``) change what the same
    weights compute, so a run resumed with them changed (a hand-edited config.json) is refused, not
    trained on. Checkpoints written before the network was recorded hold none and are not checked."""
    if recorded is None:
        return
    built = json.loads(json.dumps(net.spec.to_dict()))  # tuples as lists, as the file holds them
    if not isinstance(recorded, dict):
        raise RnncastError(f"{path} is not a readable rnncast checkpoint (its network record is damaged); "
                           f"{start_over()}")
    defaults = json.loads(json.dumps({f.name: f.default for f in fields(NetSpec) if f.default is not MISSING}))
    recorded = {**defaults, **recorded}  # a field added after the checkpoint was written: its default then
    differ = sorted(name for name in set(recorded) | set(built) if recorded.get(name) != built.get(name))
    if differ:
        name = differ[0]
        raise RnncastError(f"{path} was trained with {name} {recorded.get(name)!r}, but this fit has {name} "
                           f"{built.get(name)!r}; resume it with its own settings (the run's config.json as it was "
                           f"written), or {start_over()}")


def _diverged(record) -> dict | None:
    """The divergence a checkpoint records, or None: checkpoints written before it was recorded hold
    none (the loop infers it from ``stopped``), and a record of another shape is not trusted."""
    if not isinstance(record, dict) or not isinstance(record.get("epoch"), int) or not isinstance(record.get("kept"), int):
        return None
    return {"epoch": record["epoch"], "what": record.get("what"), "loss": record.get("loss"), "kept": record["kept"]}

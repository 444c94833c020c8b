"""A model's weights file (safetensors) held against the network its model.json describes, before
anything is built: the header's tensor names, shapes and dtypes (``header``), the network's own worked
out on PyTorch's ``meta`` device (``expected_tensors``), the file's size against them (``check_header``),
the tensors read (``compare``) and the bytes' SHA-256 (``check_checksum``); then model.json's own SHA-256
(``description_sha256``, ``check_description``), so that an edit that every other check passes (feature columns
swapped) is refused too. ``checkpoint.read_model`` runs them in that order; each refusal is a ``RnncastError``
naming the file and the problem."""

from __future__ import annotations

import hashlib
import json
import math
import reprlib
import warnings
from pathlib import Path

import torch
from safetensors import SafetensorError, safe_open

from rnncast.errors import RnncastError
from rnncast.files import MODEL_META as META
from rnncast.models import NetSpec, build_net

# safetensors' dtype codes, as PyTorch names them
DTYPE_NAMES = {"F64": "float64", "F32": "float32", "F16": "float16", "BF16": "bfloat16", "I64": "int64",
               "I32": "int32", "I16": "int16", "I8": "int8", "U8": "uint8", "BOOL": "bool"}
_CODES = {getattr(torch, name): code for code, name in DTYPE_NAMES.items()}
_REPR = reprlib.Repr()  # a value from a damaged file, shown in a message: a few items, a few levels deep
_REPR.maxstring, _REPR.maxother, _REPR.maxlist = 80, 80, 8
_short = _REPR.repr
AGAIN = ("restore the model folder from a copy, or train the model again (rnncast fit --config RUN --out NEW, RUN the "
         "run it came from)")  # the ways out of damaged weights


def code_of(dtype: torch.dtype) -> str:
    """The safetensors code of a PyTorch dtype (its name where safetensors has none)."""
    return _CODES.get(dtype, str(dtype))


def header(path: Path) -> dict:
    """{tensor name: (shape, safetensors dtype code)} from the file's header, no tensor read."""
    try:
        with safe_open(str(path), framework="pt") as f:
            return {name: (tuple(f.get_slice(name).get_shape()), f.get_slice(name).get_dtype()) for name in f.keys()}
    except (SafetensorError, OSError) as err:
        raise RnncastError(unreadable_weights(path, err)) from None


def unreadable_weights(path, err: Exception) -> str:
    """The refusal of a model's weights file that safetensors could not read (``err``): what is wrong with it in
    words (``damage``) and both ways out."""
    return f"{path} is not a readable rnncast weights file: {damage(path, err)}; {AGAIN}"


def damage(path, err: Exception) -> str:
    """What is wrong with the safetensors file at ``path`` that could not be read (``err``: what reading raised), in
    words of the file, not of the parser that met it: empty, cut short, not safetensors at all, a damaged header or
    tensor record; the system's words where it refused the read (no permission). A safetensors file is an 8-byte
    little-endian header length, that many bytes of JSON (each tensor's byte range), then the tensors."""
    if isinstance(err, OSError):
        return err.strerror or type(err).__name__
    try:
        with open(path, "rb") as f:
            start = f.read(9)
            size = f.seek(0, 2)
            length = int.from_bytes(start[:8], "little") if len(start) >= 8 else None
            f.seek(8)
            head = f.read(length) if length is not None and 8 + length <= size else b""
    except OSError as read:
        return read.strerror or type(read).__name__
    if size == 0:
        return "the file is empty (0 bytes)"
    if size > 8 and start[8:9] != b"{":
        return "it is not a safetensors file (it does not begin with a safetensors header)"
    if size <= 8:
        return f"it is cut short ({size} bytes, too few for a safetensors header)"
    if 8 + length > size:
        return f"it is cut short, or its header is damaged ({size:,} bytes, fewer than its header says it has)"
    try:
        record = json.loads(head)
        ends = [int(entry["data_offsets"][1]) for name, entry in record.items() if name != "__metadata__"]
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return "its header is damaged (its record of the tensors does not read)"
    if 8 + length + max(ends, default=0) > size:
        return f"it is cut short ({size:,} bytes, less than its header says its tensors take)"
    return "its record of the tensors is damaged (their byte ranges or types do not fit the file)"


def expected_tensors(spec: NetSpec) -> dict:
    """{name: (shape, safetensors dtype code)} of the network ``spec`` describes, built on the ``meta``
    device: shapes without storage, so a spec of any size costs nothing to work out (its number of
    modules aside: ``check_header`` bounds layers and embeddings by the tensors a file holds first).
    Raises RuntimeError or ValueError where no such network can exist (a size past int64, say)."""
    with torch.device("meta"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a zero-size layer's "no-op" warning: such a spec is refused by its shapes
        net = build_net(spec)
    return {name: (tuple(t.shape), code_of(t.dtype)) for name, t in net.state_dict().items()}


def check_header(header: dict, spec: NetSpec, path: Path) -> dict:
    """The weights' header against the network in model.json; returns the expected tensors."""
    parts = {"num_layers": spec.num_layers, "static embeddings": len(spec.static_cardinalities)}
    for what, count in parts.items():  # each layer and each embedding holds at least one tensor
        if count > len(header):
            raise RnncastError(f"the network in {path.parent / META} has {what} {count}, but {path} holds only "
                               f"{len(header)} tensors; the two files do not belong together")
    try:
        expected = expected_tensors(spec)
    except (RuntimeError, ValueError, TypeError, OverflowError) as err:
        raise RnncastError(f"{path.parent / META} describes no network that can exist "
                           f"({str(err).splitlines()[0][:200]})") from None
    needed = sum(math.prod(shape) * itemsize(dtype) for shape, dtype in expected.values())
    size = path.stat().st_size
    if needed > size:
        raise RnncastError(f"{path} holds {size} bytes, fewer than the {needed} bytes of tensors the network in "
                           f"{META} needs (hidden_size {spec.hidden_size}, num_layers {spec.num_layers}, horizon "
                           f"{spec.horizon}): the tensor shapes do not fit; the two files do not belong together")
    compare(header, expected, path)
    return expected


def compare(found: dict, expected: dict, path: Path) -> None:
    """Names, shapes and dtypes of the tensors ``found`` against those ``expected``."""
    if set(found) != set(expected):
        odd = _short(sorted(set(found) ^ set(expected)))
        raise RnncastError(f"{path} holds tensors {odd} that do not fit the network in {META}")
    for name, (shape, dtype) in found.items():
        want_shape, want_dtype = expected[name]
        if shape != want_shape:
            raise RnncastError(f"{path}: tensor {name} has shape {shape} but the network in {META} needs {want_shape}")
        if dtype != want_dtype:
            raise RnncastError(f"{path}: tensor {name} is {DTYPE_NAMES.get(dtype, dtype)} but the network in {META} "
                               f"needs {DTYPE_NAMES.get(want_dtype, want_dtype)}")


def itemsize(code: str) -> int:
    """Bytes of one value of the safetensors dtype ``code`` (1 for a code this reader does not name)."""
    name = DTYPE_NAMES.get(code)
    return getattr(torch, name).itemsize if name else 1


def check_checksum(recorded, key: str, data: bytes, meta_path: Path, weights_path: Path) -> None:
    """The weights' SHA-256 against the one model.json records (older folders record none)."""
    if recorded is None:
        return
    if not isinstance(recorded, str) or len(recorded) != 64:
        raise RnncastError(f"{meta_path}: {key} is {_short(recorded)}, not a SHA-256 (64 hex digits)")
    actual = hashlib.sha256(data).hexdigest()
    if actual != recorded.lower():
        raise RnncastError(f"{weights_path} does not match the checksum in {META} (SHA-256 {actual[:12]}..., "
                           f"recorded {recorded[:12]}...); the weights are damaged or were replaced: {AGAIN}")


def description_sha256(meta: dict, key: str) -> str:
    """The SHA-256 of a model description as JSON data (``meta`` as read back from model.json), without its
    own ``key``: of its canonical text (keys sorted, no spaces), so that only what it says counts, not the order
    or spacing of its text."""
    said = {k: v for k, v in meta.items() if k != key}
    return hashlib.sha256(json.dumps(said, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def check_description(meta: dict, key: str, meta_path: Path) -> None:
    """model.json against the SHA-256 of itself that it records under ``key`` (``description_sha256``); a folder
    written before rnncast recorded it holds none, and is read as before (decision 679)."""
    recorded = meta.get(key)
    if recorded is None:
        return
    if not isinstance(recorded, str) or len(recorded) != 64:
        raise RnncastError(f"{meta_path}: {key} is {_short(recorded)}, not a SHA-256 (64 hex digits)")
    if description_sha256(meta, key) != recorded.lower():
        raise RnncastError(f"{meta_path} does not match the checksum it records ({key}): the model description was "
                           "edited or damaged since it was written (its columns, scalers or settings no longer those "
                           "the weights were trained with); put back the model.json written with these weights")

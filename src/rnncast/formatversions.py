"""The format version each file rnncast writes for another program or a later rnncast to read carries, and the one
check of it on reading: a model folder's ``model.json`` (``MODEL``; read as ``MODEL_READS``), a run's or a
backtest's ``config.json`` (``CONFIG``) and an exported ONNX file's metadata (``ONNX``). A version this rnncast does
not read is refused by name, one written by a newer rnncast saying to upgrade; one absent is the oldest (``check``)."""

from __future__ import annotations

import re

from rnncast.errors import RnncastError
from rnncast.savedfields import short

MODEL = 3  # 1: one "step", numbers as ids; 3 (read as 2): values a version-2 reader refuses (fill 'zero'...)
MODEL_READS = (1, 2, 3)  # the model folder format versions this rnncast reads
CONFIG = 1  # config.json: settings, data, paths, fingerprint, run ... (configfile.RUN_KEYS); without one: read as 1
ONNX = 1  # the ONNX file's metadata_props (onnxmeta.METADATA)
CHECKPOINT = 1  # a run's checkpoint.safetensors: its loop record (resume.save_training_state)


def check(version, reads: tuple, what: str, where) -> int:
    """The version ``version`` (a file's ``format_version``) is read as, one of ``reads``, naming ``where`` and
    ``what`` format ("model", "config", "ONNX metadata") where it is none of them, one of a newer rnncast saying to
    upgrade. One rule for every format: none (a file written before it carried one) is the oldest, ``reads[0]``;
    whole-number text ("1", as ONNX metadata holds every value) is that number; a boolean, a fraction or other text
    is refused."""
    if version is None:
        return reads[0]
    if isinstance(version, str) and re.fullmatch(r"[0-9]+", version.strip()):
        version = int(version)
    if not isinstance(version, bool) and version in reads:
        return version
    from rnncast.version import __version__
    newer = ": it was written by a newer rnncast: upgrade rnncast to read it" if (
        isinstance(version, int) and not isinstance(version, bool) and version > max(reads)) else ""
    versions = f"{', '.join(map(str, reads[:-1]))} and {reads[-1]}" if len(reads) > 1 else f"{reads[0]}"
    raise RnncastError(f"{where} uses {what} format version {short(version)}; this rnncast ({__version__}) reads "
                       f"version {versions}{newer}")

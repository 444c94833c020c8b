"""The format version each file rnncast writes for another program or a later rnncast to read carries, and the one
check of it on reading: a model folder's ``model.json`` (``MODEL``; read as ``MODEL_READS``), a run's or a
backtest's ``config.json`` (``CONFIG``) and ``metrics.json`` (``METRICS``, written for other programs: rnncast
does not read it back), the objects ``evaluate --json`` and ``compare --json`` print (``EVALUATE``, ``COMPARE``),
an exported ONNX file's metadata (``ONNX``), a tune's
``tune.json`` (``TUNE``) and a TOML config file's settings, a tune's ``best.toml`` among them (``SETTINGS``). A version this rnncast does
not read is refused by name, one written by a newer rnncast saying to upgrade; one absent is the oldest (``check``).
Also the ONNX standard's own version an export writes unless told otherwise (``OPSET``), kept here, where nothing heavy
is imported, so the function, the method and the command's flag share one default (decision 1818)."""

from __future__ import annotations

import re

from rnncast.errors import RnncastError
from rnncast.errors import short

MODEL = 4  # 1: one "step", numbers as ids; 3 (read as 2): values a version-2 reader refuses (fill 'zero'...);
# 4 (read as 3): keys a version-3 reader refuses as hand edits (cutoffs, test_scores: decision 1584)
MODEL_READS = (1, 2, 3, 4)  # the model folder format versions this rnncast reads
CONFIG = 1  # config.json: settings, data, paths, fingerprint, run ... (configfile.RUN_KEYS); without one: read as 1
ONNX = 1  # the ONNX file's metadata_props (onnxmeta.METADATA); a key added needs no new version: every reader
# returns the keys it does not know unrefused (onnxmeta.read), so only a changed meaning of a key raises it
CHECKPOINT = 1  # a run's checkpoint.safetensors: its loop record (resume.save_training_state)
METRICS = 1  # a run's and a backtest's metrics.json, which a nightly job reads as its contract (decision 2185): a
# key renamed or a meaning changed raises it; a key added does not (a reader passes over keys it does not know)
EVALUATE = 1  # `rnncast evaluate --json`'s object, read by a nightly job as metrics.json is: raised alike (decision 2214)
COMPARE = 1  # `rnncast compare --json`'s object (ModelComparison.as_dict): raised alike (decision 2214)
TUNE = 1  # a tune's tune.json: its study, storage, search and best trial (tuneoutputs.write_study); without one: 1
OPSET = 17  # the ONNX opset export.export_onnx, Forecaster.export_onnx and `rnncast export --opset` default to
SETTINGS = 1  # a TOML config file's keys (configfile.read_config), best.toml's (it writes one); without one: 1
ACCEPTED = (" (a format version is a whole number, as a number or as text, quoted or not: 1, 1.0, \"1\", '\"1\"' or "
            "\"1.0\"; none, null or '' is read as the oldest)")


def number(version):
    """``version`` (a file's ``format_version`` as read: JSON's int, float or null, or ONNX metadata's text) as the
    whole number it says, None where absent (None, '' or blank text), or ``version`` itself where it says none (a
    boolean, a fraction, other text), for ``check`` to refuse. One rule for every format: 1, 1.0, "1", "1.0" and the
    text quoted once more ('"1"', as ``json.dumps`` writes the text "1"; or '\'1\'') are 1."""
    if isinstance(version, str):
        text = version.strip()
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":  # quoted text: what the quotes hold, once
            text = text[1:-1].strip()
        if re.fullmatch(r"[0-9]+(\.0*)?", text):
            return int(float(text))
        if not text:
            return None
    if isinstance(version, float) and not isinstance(version, bool) and version.is_integer():
        return int(version)
    return version


def check(version, reads: tuple, what: str, where) -> int:
    """The version ``version`` (a file's ``format_version``) is read as, one of ``reads``, naming ``where`` and
    ``what`` format ("model", "config", "ONNX metadata") where it is none of them, one of a newer rnncast saying to
    upgrade. One rule for every format (``number``): none, null or '' (a file written before it carried one) is the
    oldest, ``reads[0]``; a whole number as a number or text, quoted or not (1, 1.0, "1", '"1"', "1.0"), is that
    number; a boolean, a fraction or other text is refused naming what is accepted; 0 is refused saying versions
    start at 1."""
    said = number(version)
    if said is None:
        return reads[0]
    if isinstance(said, int) and not isinstance(said, bool) and said in reads:
        return said
    from rnncast.version import __version__
    whole = isinstance(said, int) and not isinstance(said, bool)
    newer = ": it was written by a newer rnncast: upgrade rnncast to read it" if whole and said > max(reads) else ""
    versions = f"{', '.join(map(str, reads[:-1]))} and {reads[-1]}" if len(reads) > 1 else f"{reads[0]}"
    if not whole:
        newer = ACCEPTED
    elif said < 1:
        newer = ": format versions start at 1; remove format_version (read as the oldest) or set it to one read"
    raise RnncastError(f"{where} uses {what} format version {short(said if whole else version)}; this rnncast ({__version__}) reads "
                       f"version {versions}{newer}")

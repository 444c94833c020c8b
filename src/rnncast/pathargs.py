"""A path handed to a public function or method (a model folder to read or write, a file to write, an output
folder, a checkpoint): text or an ``os.PathLike`` such as ``pathlib.Path``, else one ``RnncastError`` naming the
argument and what it takes, not Python's "expected str, bytes or os.PathLike object" from deep inside ``os``."""

from __future__ import annotations

import os

from rnncast.errors import RnncastError


def checked(argument: str, value, what: str):
    """``value`` as given where it is a path (text that is not blank, or an ``os.PathLike``); else a ``RnncastError``
    naming ``argument`` (``Forecaster.save's folder``) and ``what`` it names (``the folder to write the model to``).
    Bytes are refused too: every path rnncast names in messages and files is text."""
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return value
    got = "blank text" if isinstance(value, str) else f"{type(value).__name__} {value!r}"
    raise RnncastError(f"{argument} must be {what}, as text or a pathlib.Path, got {got}")

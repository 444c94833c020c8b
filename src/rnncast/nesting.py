"""An output folder never inside another: a new run, backtest, tune or demo whose folder would lie inside an
rnncast output (a run's, a backtest's, a tune's, a demo's, a bench's folder) or a model folder, at any depth, is
refused naming the folder it would lie in. Such a folder holds rnncast's files alone: a folder of another's in
it stops its ``--overwrite`` ("holds files that rnncast did not write") and a tune's continuing. The reverse, a
new output around an earlier one, is refused by ``outputs.claim_output`` as a folder that holds files (the earlier
output named as such). What a folder is, is judged by the caller's ``kind_of`` (``outputs.output_kind``), so
this module reads nothing of a folder's files itself."""

from __future__ import annotations

import os
from pathlib import Path

from rnncast.files import COMMANDS


def enclosing(folder, kind_of) -> tuple[Path, str] | None:
    """The nearest folder above ``folder`` (absolute, links followed: where the files would land) that is an
    output or a model folder, and its kind ("run", "backtest", "tune", "demo", "bench", "model"); None where
    none is. ``kind_of(path)``: the kind of output ``path`` is, or None."""
    for parent in Path(os.path.realpath(folder)).parents:
        kind = kind_of(parent)
        if kind is not None:
            return parent, kind
    return None


def shown(path: Path) -> str:
    """``path`` as a message names it: from the current folder where it lies below it, else absolute."""
    relative = os.path.relpath(path)
    if relative == ".":
        return f"the current folder ({path})"
    return str(path) if relative.startswith("..") else relative


def refusal(folder, said: str, what: str, kind_of) -> str | None:
    """The one-line refusal of writing a ``what`` (run, backtest, tune, demo) into ``folder``, which ``said``
    names as the caller gave it ("--out runs/a/b"), where ``folder`` lies inside another output or a model
    folder (``enclosing``); else None."""
    found = enclosing(folder, kind_of)
    if found is None:
        return None
    place, kind = found
    held = "a model folder, which holds a model's files alone" if kind == "model" else (
        f"the folder of a {kind} (rnncast {COMMANDS[kind]}), which holds rnncast's files alone (a folder written "
        "there would stop it being replaced)")
    return f"{said} would put the {what} inside {shown(place)}, {held}; give a folder outside it"

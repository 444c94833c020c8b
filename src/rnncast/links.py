"""Symbolic links on the way to a write: a folder to write that is a link to nothing, or a link in a loop, refused by
name (``refuse_dangling``, ``link_loop``); the file a write through a link replaces (``written_path``), as the shell's
``>`` and ``cp`` write through it (decision 71). ``files.own_place`` decides where a link in a held folder stops.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from rnncast.errors import RnncastError


def refuse_dangling(folder: Path, said: str) -> None:
    """``RnncastError`` (``said``, then why) where ``folder`` or a folder above it is a link to a folder that does not
    exist: making it would fail as "File exists", and where a link leads is its maker's choice, not made here."""
    for place in (folder, *folder.parents):
        if place.is_symlink() and not place.exists():
            if loop := link_loop(place):  # "make it" cannot mend a loop: its links lead back to one another
                raise RnncastError(f"{said}: {place} is a link in a loop ({loop}), which leads to no folder; give "
                                   "another path, or point one of its links at a folder")
            raise RnncastError(f"{said}: {place} is a link to {os.readlink(place)}, a folder that does not exist; make "
                               "it, or give another path")


def link_loop(path: Path) -> str | None:
    """The chain of links from ``path`` that leads back into itself, as ``o/loopA -> loopB -> loopA`` (each link's
    target as written), or None where ``path``'s links end somewhere (a file, a folder, or nothing)."""
    seen, chain, place = set(), [str(path)], Path(os.path.abspath(path))
    while place.is_symlink() and len(chain) < 64:
        if place in seen:
            return " -> ".join(chain)
        seen.add(place)
        target = os.readlink(place)
        chain.append(target)
        place = Path(os.path.abspath(place.parent / target))
    try:
        os.stat(path)
    except OSError as err:
        return " -> ".join(chain) if err.errno == errno.ELOOP else None  # a loop further up, or 64 links deep
    return None


def written_path(path) -> Path:
    """The file a write to ``path`` replaces: ``path``, or the file its symbolic link (or chain of links)
    leads to, absolute; the target of a dangling link is where it would be. A loop of links is refused
    (``RnncastError``)."""
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))  # dangling: its target is made, as the shell's > makes it
    except OSError as err:
        raise RnncastError(f"cannot write {path}: {err.strerror or err} (a loop of links); give another path") from None

"""A killed writer's temporary file beside the file it was writing (``.NAME.XXXXXXXX.tmp``: ``temp_name``),
removed by the next write of ``NAME`` in that folder (decision 2189): a ``predict --out f.csv`` killed mid-write left
``.f.csv.84e208b1.tmp`` for ever, as only a folder rnncast holds was swept (``folderlock.sweep_temps``). Removed only
where it is a plain file, last written before this process began (``STARTED``), and held by no live process:
``files.temp_file`` holds its own with ``flock`` until it is written, so another writer's, however slow, is left.
Other names' temporaries are left too (another command's files). The temporary's name is this module's alone
(``temp_name``, ``temporaries``, ``TEMP_NAME``): ``files`` writes by it and ``folderlock`` sweeps a held folder by it."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import secrets
import stat
import time
from pathlib import Path

log = logging.getLogger(__name__)

STARTED = time.time()  # imported before this process writes anything: its own temporaries are newer


def temporaries(name: str = ".+") -> re.Pattern:
    """The names of the temporaries of a file named by the regular expression ``name`` (every file's by default):
    ``.NAME.`` + 8 random characters + ``.tmp``, of lowercase letters, digits and ``_`` (``temp_name`` writes hex
    digits; ``tempfile.mkstemp`` wrote the others before decision 1799). Matched whole (``^...$``)."""
    return re.compile(rf"^\.{name}\.[a-z0-9_]{{8}}\.tmp$")


TEMP_NAME = temporaries()  # any file's temporary: what a held folder's sweep removes (folderlock.sweep_temps)


def temp_name(path: Path) -> Path:
    """A temporary name beside ``path``: ``.NAME.`` + 8 random hex digits + ``.tmp`` (``temporaries``)."""
    return path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"


def hold(fd: int) -> None:
    """Hold the temporary file open at ``fd`` for its writer (released when it is closed or its process ends); on a
    file system without locks (ENOLCK) nothing is held, and ``sweep``, which cannot lock there either, removes nothing."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass


def sweep(target: Path) -> list[Path]:
    """Remove the stale temporaries of ``target`` (see the module) in its folder; returns those removed."""
    pattern = temporaries(re.escape(target.name))
    try:
        names = [name for name in os.listdir(target.parent) if pattern.match(name)]
    except OSError:
        return []
    removed = []
    for name in names:
        path = target.parent / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:  # a link, gone since, or not ours to read
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime >= STARTED:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # a live writer holds it (or no lock can be taken here: left)
                continue
            os.unlink(path)
            removed.append(path)
        except OSError:
            continue
        finally:
            os.close(fd)
    if removed:
        log.info("removed %s, left beside %s by a write that was stopped before it finished",
                 ", ".join(p.name for p in removed), target.name)
    return removed

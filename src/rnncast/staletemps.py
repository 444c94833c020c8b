"""A killed writer's temporary file beside the file it was writing (``.NAME.XXXXXXXX.tmp``: ``files.temp_name``),
removed by the next write of ``NAME`` in that folder (decision 2189): a ``predict --out f.csv`` killed mid-write left
``.f.csv.84e208b1.tmp`` for ever, as only a folder rnncast holds was swept (``folderlock.sweep_temps``). Removed only
where it is a plain file, last written before this process began (``STARTED``), and held by no live process:
``files.temp_file`` holds its own with ``flock`` until it is written, so another writer's, however slow, is left.
Other names' temporaries are left too (another command's files)."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import stat
import time
from pathlib import Path

log = logging.getLogger(__name__)

STARTED = time.time()  # imported before this process writes anything: its own temporaries are newer


def hold(fd: int) -> None:
    """Hold the temporary file open at ``fd`` for its writer (released when it is closed or its process ends); on a
    file system without locks (ENOLCK) nothing is held, and ``sweep``, which cannot lock there either, removes nothing."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass


def sweep(target: Path) -> list[Path]:
    """Remove the stale temporaries of ``target`` (see the module) in its folder; returns those removed."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"[0-9a-f]{8}\.tmp")
    try:
        names = [name for name in os.listdir(target.parent) if pattern.fullmatch(name)]
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

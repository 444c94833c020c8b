"""The torchrun variables rnncast reads from the environment, each read as a whole number or refused in one line.

torchrun sets ``WORLD_SIZE``, ``RANK`` and ``LOCAL_RANK`` for every process it starts (and torch's rendezvous reads
``MASTER_PORT``). A CI template or a container's env file can export one empty (``WORLD_SIZE=``) or as text; a bare
``int()`` then ended every command with a traceback. Here an empty variable reads as unset, and one that holds no
whole number in its range raises ``RnncastError`` naming it and what it must hold (decision 1860). ``WORLD_SIZE``
is read by every command (it says whether a launcher started the process); the others only under a launcher, where
they are used (``RANK=x`` alone changes nothing, and is left alone). Imports no torch (``interrupts`` uses it).
"""

from __future__ import annotations

import os

from rnncast.errors import RnncastError

HOLDS = {  # what each variable must hold, its least value
    "WORLD_SIZE": ("the number of processes, a whole number of 1 or more", 1),
    "RANK": ("this process's number among them, a whole number of 0 or more", 0),
    "LOCAL_RANK": ("this process's number on its machine, a whole number of 0 or more", 0),
    "MASTER_PORT": ("the rendezvous port, a whole number from 1 to 65535", 1),
}


def whole(name: str, default: int) -> int:
    """Environment variable ``name`` (a key of ``HOLDS``) as a whole number; ``default`` where it is unset or empty
    (blank). Raises ``RnncastError`` where it holds anything else, or a number below its least value (or a port
    above 65535)."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    what, least = HOLDS[name]
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < least or (name == "MASTER_PORT" and value > 65535):
        raise RnncastError(f"the environment variable {name}={text!r} must hold {what}: torchrun sets it for each "
                           f"process it starts; unset it (or leave it empty) to run one process")
    return value


def world() -> int:
    """``WORLD_SIZE``: how many processes the launcher started (1 where none did). Raises as ``whole``."""
    return whole("WORLD_SIZE", 1)


def launched() -> bool:
    """Whether a launcher started this process among others (``WORLD_SIZE`` above 1), or torchrun started it alone
    (``TORCHELASTIC_RUN_ID`` set, as torch's ``is_torchelastic_launched`` reads it). Raises as ``whole``."""
    return world() > 1 or "TORCHELASTIC_RUN_ID" in os.environ


def check() -> None:
    """Raise ``RnncastError`` for the first variable rnncast would read that holds no whole number in its range:
    ``WORLD_SIZE`` always; ``RANK``, ``LOCAL_RANK`` and ``MASTER_PORT`` where a launcher started the process. The
    command line calls it before anything else (``cli.main``), so a bad one is one line and exit status 2."""
    if launched():
        for name in ("RANK", "LOCAL_RANK", "MASTER_PORT"):
            whole(name, 0 if name != "MASTER_PORT" else 1)

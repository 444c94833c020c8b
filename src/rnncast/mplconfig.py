"""matplotlib's folder for a command whose home cannot hold matplotlib's config (decisions 1863, 1906).

Where the folder matplotlib takes for its config cannot be used (``HOME=/proc`` or a file, a read-only home, a
locked-down CI user), importing matplotlib logs two warnings, "mkdir -p failed for path /proc/.config/matplotlib" and
"Matplotlib created a temporary cache directory ... it is highly recommended to set the MPLCONFIGDIR environment
variable", on every command that draws, even with ``-q``, as "rnncast: WARNING" lines, and then works from a temporary
folder anyway. The command line owns its process, so ``cli.main`` calls ``private_folder`` before anything imports
matplotlib: it does that first, as the warning recommends, with ``MPLCONFIGDIR``. Only the config folder is judged, by
matplotlib's own platform rule (``config_folder``), without making anything: a usable config folder is left to
matplotlib, whose ``matplotlibrc`` and ``stylelib`` are then read as always (a cache folder alone unusable gets
matplotlib's own warning, which names it). A readable ``matplotlibrc`` or ``stylelib`` in an unusable (read-only)
config folder is copied into the temporary one, so it is read where matplotlib alone would drop it.

The library does not call it: a Python caller's environment is theirs, and so are matplotlib's folders and warnings
(README: set ``MPLCONFIGDIR`` for a service with a read-only home).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

READ = ("matplotlibrc", "stylelib")  # what matplotlib reads from its config folder (matplotlib_fname, style)


def config_folder() -> Path | None:
    """The folder matplotlib takes for its config where ``MPLCONFIGDIR`` is unset, by its own rule (matplotlib 3.11's
    ``_get_config_or_cache_dir``, read, not called: calling it would import matplotlib and log its warnings): on linux
    and freebsd ``$XDG_CONFIG_HOME/matplotlib``, else ``~/.config/matplotlib``; on Windows ``~/.matplotlib`` where it is
    a folder, else ``%LOCALAPPDATA%\\matplotlib``, else ``~/.matplotlib``; elsewhere (macOS) ``~/.matplotlib``. None
    where the home cannot be found (matplotlib then takes a temporary folder). Nothing is made."""
    local = os.environ.get("LOCALAPPDATA")
    try:
        if sys.platform.startswith(("linux", "freebsd")):
            return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config", "matplotlib")
        old = Path.home() / ".matplotlib"
    except RuntimeError:  # no home: Path.home() found none
        return Path(local, "matplotlib") if sys.platform == "win32" and local else None
    if sys.platform == "win32" and local and not old.is_dir():
        return Path(local, "matplotlib")
    return old


def usable(folder: Path) -> bool:
    """Whether matplotlib could use ``folder`` for its config, judged as it does without making anything: a folder it
    may write in, or, where missing, one it could make (its nearest existing parent a folder it may write in). root,
    whom the system lets write anywhere on a writable file system, passes for a pseudo-file system such as /proc,
    where only making the folder would tell."""
    try:
        folder = folder.resolve()  # as matplotlib does: an inaccessible link resolved
        if folder.exists():
            return folder.is_dir() and os.access(folder, os.W_OK)
        parent = folder.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        return parent.is_dir() and os.access(parent, os.W_OK | os.X_OK)
    except (OSError, RuntimeError):  # a folder on the way that cannot be searched; a link loop
        return False


def private_folder() -> str | None:
    """Point ``MPLCONFIGDIR`` (for this process and the processes it starts) at a new temporary folder, removed at
    exit, where the variable is unset, matplotlib is not imported yet and matplotlib's config folder
    (``config_folder``) cannot be used (``usable``); a readable ``matplotlibrc`` and ``stylelib`` of that folder are
    copied into it. Returns the temporary folder, or None where nothing was changed. For the command line only
    (decision 1906): matplotlib reads the variable once, at its import, and its own fallback sets it the same way, so a
    child process sees what matplotlib alone would give it; the command line starts none that outlives it."""
    if os.environ.get("MPLCONFIGDIR") or "matplotlib" in sys.modules:
        return None
    folder = config_folder()
    if folder is not None and usable(folder):
        return None
    made = tempfile.mkdtemp(prefix="rnncast-matplotlib-")
    atexit.register(shutil.rmtree, made, True)
    for name in READ if folder is not None else ():
        source = folder / name
        try:
            if source.is_dir():
                shutil.copytree(source, Path(made, name))
            elif source.is_file():
                shutil.copyfile(source, Path(made, name))
        except OSError:  # unreadable: matplotlib would not have read it either
            pass
    os.environ["MPLCONFIGDIR"] = made
    return made

"""matplotlib's config and cache folder for a command whose home cannot hold one (decision 1863).

With an unwritable or missing home (``HOME=/proc``, a locked-down CI user), importing matplotlib logs two warnings,
"mkdir -p failed for path /proc/.config/matplotlib" and "Matplotlib created a temporary cache directory ... it is
highly recommended to set the MPLCONFIGDIR environment variable", on every command that draws, even with ``-q``, as
"rnncast: WARNING" lines. matplotlib then works from a temporary folder anyway. ``private_folder`` does that before
matplotlib is imported, as its warning recommends: where ``MPLCONFIGDIR`` is unset and matplotlib's own folders
(``$XDG_CONFIG_HOME/matplotlib`` and ``$XDG_CACHE_HOME/matplotlib``, by default under ``~/.config`` and ``~/.cache``)
cannot be made or written, ``MPLCONFIGDIR`` names a temporary folder of this command's, removed at its exit (as
matplotlib's own was; its font cache is built there again by each such command, as before). A home that can hold them,
or an ``MPLCONFIGDIR`` given, is left as it is. The library does the same where it first imports matplotlib (decision
1881): each rnncast module that imports matplotlib calls ``private_folder`` just before, so a service with a read-only
home that fits and draws from Python gets no warnings either; matplotlib imported already (by the caller, or by an
earlier call) is left as it is, its folders read.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile


def _writable(folder: str) -> bool:
    try:
        os.makedirs(folder, exist_ok=True)  # matplotlib makes it so too
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def private_folder() -> str | None:
    """Point ``MPLCONFIGDIR`` at a new temporary folder (removed at exit) where it is unset and matplotlib's config
    or cache folder (as matplotlib finds them on Linux and macOS: ``XDG_CONFIG_HOME``, ``XDG_CACHE_HOME``, else the
    home's ``.config``, ``.cache``) cannot be made or written; the folder, or None where nothing was changed. Call it
    before matplotlib is imported: matplotlib reads the variable once, at its import, so once it is imported (by the
    caller or an earlier call) nothing is changed."""
    if os.environ.get("MPLCONFIGDIR") or "matplotlib" in sys.modules:
        return None
    home = os.path.expanduser("~")
    wanted = [os.path.join(os.environ.get(name) or os.path.join(home, default), "matplotlib")
              for name, default in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"))]
    if all(_writable(folder) for folder in wanted):
        return None
    folder = tempfile.mkdtemp(prefix="rnncast-matplotlib-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ["MPLCONFIGDIR"] = folder
    return folder

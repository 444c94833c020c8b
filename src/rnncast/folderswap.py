"""A folder written whole under a temporary name beside its place (``files.temp_folder``: ``checkpoint.write_model``'s
model) put at its path in one step that a Ctrl-C or SIGTERM waits for (``interrupts.one_step``): an earlier folder
there is moved aside, the new one renamed into place (a failed rename puts the earlier one back), then the earlier one
removed. A folder replaced keeps its mode, given to the new one only once its files are written (a read-only model
folder's 0555 on the empty temporary folder refused every write into it: decision 1849).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from pathlib import Path

from rnncast import interrupts


def kept_mode(folder: Path) -> int | None:
    """The permission bits of the folder at ``folder`` that a new one replacing it keeps (as a file replaced keeps
    its own: decision 1799), or None where there is none, or a link (``files.own_place`` replaces it)."""
    try:
        return stat.S_IMODE(os.stat(folder).st_mode) if folder.is_dir() and not folder.is_symlink() else None
    except OSError:
        return None


def put_in_place(new: Path, folder: Path, replace: bool, mode: int | None) -> bool:
    """Rename the written folder ``new`` to ``folder``, in one step, giving it ``mode`` first (``kept_mode``; None:
    as made). A link at ``folder`` is removed first (where it leads is left alone). ``replace``: an earlier folder
    holding files is moved aside, then removed; without it a folder of files there stays, ``new`` is kept and False
    returned (the caller says why). True where ``new`` is at ``folder``. An ``OSError`` of a rename is raised as it
    is, with the earlier folder at ``folder`` (``new`` is the caller's to ``remove``)."""
    with interrupts.one_step():  # one step: a signal waits until a folder, the earlier or the new, is at folder
        if mode is not None:
            os.chmod(new, mode)  # last, once its files are written: 0555 would have refused them (decision 1849)
        if folder.is_symlink():
            os.unlink(folder)
        if not replace:
            try:
                os.rename(new, folder)  # over an empty folder, or none; a folder of files is left as it is
            except OSError as err:
                if err.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.EISDIR):
                    return False
                raise
        elif folder.is_dir() and any(folder.iterdir()):
            old = folder.parent / f".{folder.name}.{secrets.token_hex(4)}.tmp"
            os.rename(folder, old)
            try:
                os.rename(new, folder)
            except BaseException:
                os.rename(old, folder)  # the earlier folder back in its place
                raise
            remove(old)
        else:
            os.replace(new, folder)  # over an empty folder, or none
    return True


def remove(folder: Path) -> None:
    """Remove ``folder`` and what it holds, as far as this process may: a read-only folder (0555, a model kept
    from edits) is made writable by its owner first, as the files in it could not be removed otherwise (another
    user's stays as it is)."""
    if not folder.is_symlink():
        with contextlib.suppress(OSError):  # another user's: left as it is
            os.chmod(folder, stat.S_IMODE(os.stat(folder).st_mode) | stat.S_IRWXU)
    shutil.rmtree(folder, ignore_errors=True)

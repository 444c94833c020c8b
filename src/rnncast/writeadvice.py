"""What to do after the system refused a write, by its errno: one rule for every refusal of a write (a file, a model
folder, an output folder's lock) and for the command line's line of any other ``OSError`` (``cli.os_error_text``), so
the advice fits the cause. A pseudo-filesystem's folder (``/proc``) refuses a new file with ENOENT though it exists,
and "check the permissions of /proc" sent the user after a cause that was not there (decision 1903)."""

from __future__ import annotations

import errno
from pathlib import Path

OTHER = {  # errnos whose advice names no folder
    errno.EISDIR: "it is a folder; give the path of a file",
    errno.ENOTDIR: "a file is in the way where a folder is needed",
    errno.EEXIST: "a file of that name is in the way where a folder is needed",
}
FULL = "the disk is full: free some space, or give a path on another disk"


def advice(err: OSError, folder=None, other: str = "another path") -> str | None:
    """What to do after ``err`` refused a write into ``folder`` (the folder that was to hold the new file or folder;
    None where not known: said as "the path"), by its errno: EACCES, EPERM: check the permissions of ``folder``, or
    give ``other``; EROFS: ``folder`` is on a read-only filesystem; ENOSPC, EDQUOT: the disk is full (``FULL``);
    ENOENT with a ``folder`` known: one that exists cannot hold files (a pseudo-filesystem's, ``/proc``), one that does
    not exist (removed meanwhile) is said so; ``OTHER``'s errnos as said there. None for any other errno (or ENOENT
    without a folder: a read's missing file, which the system's words say)."""
    code, place = err.errno, "the path" if folder is None else str(folder)
    if code in (errno.EACCES, errno.EPERM):
        return f"check the permissions of {place}, or give {other}"
    if code == errno.EROFS:
        return f"{place} is on a read-only filesystem: give a path on a writable disk"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return FULL
    if code == errno.ENOENT and folder is not None:
        if Path(folder).is_dir():
            return (f"{place} exists but is a pseudo-filesystem's folder, which cannot hold new files: give a path in "
                    "another folder")
        return f"{place} does not exist: give a path in a folder that does"
    return OTHER.get(code)


def refusal(start: str, err: OSError, folder, other: str = "another path") -> str:
    """One line: ``start`` ("cannot write runs/a/m.onnx"), what the system said, and ``advice`` in brackets (none
    where it has none). ``folder``: where the write was (``written_in`` finds the one the system named)."""
    hint = advice(err, written_in(err, folder), other)
    return f"{start}: {err.strerror or err}" + (f" ({hint})" if hint else "")


def written_in(err: OSError, folder) -> Path | None:
    """The folder the refused call wrote into: the parent of the path the system named (a folder made on the way to
    ``folder``, ``/proc/sub``'s ``/proc``; a temporary file's own folder), else ``folder`` itself."""
    named = err.filename2 if getattr(err, "filename2", None) is not None else err.filename
    if isinstance(named, (str, Path)) and str(named):
        return Path(named).parent
    return None if folder is None else Path(folder)


SAID_HERE = (errno.ENOENT, errno.EACCES, errno.EPERM, errno.EROFS)  # make_folder's refusals; others raised as they are


def make_folder(folder, start: str) -> None:
    """``folder`` made with its parents (as ``mkdir -p``), or ``RnncastError``: ``start`` and ``refusal``'s words
    where the system refused it for a reason ``advice`` tells (``SAID_HERE``: a folder that cannot hold one, no
    permission, a read-only disk). A file in the way or a full disk is raised as the ``OSError`` it is, naming the path
    the system named (``notes.txt``: ``cli.os_error_text``), a full disk for its caller's advice to resume."""
    from rnncast.errors import RnncastError

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        if err.errno not in SAID_HERE:
            raise
        raise RnncastError(refusal(start, err, folder)) from None

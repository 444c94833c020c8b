"""An earlier output replaced whole (``rnncast fit --overwrite``): the new run is written into a hidden
folder inside the held output folder (``STAGED``), beside the earlier run, which stays as it was, usable
(predict, evaluate) until the new one is complete; only then is it moved over the earlier one's files
(``swap``). A new run cut short (Ctrl-C, SIGTERM, a kill, a full disk, an error) leaves the earlier run
untouched and the new one in ``STAGED``, where ``rnncast fit --resume`` continues it (``pending``).

The move is made safe against a kill too: ``STAGED`` is first renamed ``DONE`` (one atomic rename: from
then on the new output is the one kept), the earlier output's files are removed (then ``CLEARED`` is
marked inside ``DONE``), and ``DONE``'s entries are moved up. ``settle``, which the holder of a folder
calls once it holds it (``outputs.claim_output``, ``outputs.hold``), finishes a move a killed process
left, from whichever step it reached. Both hidden names are rnncast's own (``outputs.OUTPUT_FILES``), so
a folder holding them is never one of "files rnncast did not write". A Ctrl-C or SIGTERM during the move waits
until it is done (``interrupts.one_step``), so a run is never left half moved by one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from rnncast import interrupts
from rnncast.files import sweep_temps

STAGED = ".rnncast-new"  # a new output being written, to replace the folder's earlier one once complete
DONE = ".rnncast-done"  # a complete new output being moved into place (swap)
CLEARED = ".cleared"  # inside DONE: the earlier output's files are gone; DONE's entries are moved up next
HIDDEN = (STAGED, DONE)


def staged(folder) -> Path:
    """Where a new output replacing ``folder``'s earlier one is written."""
    return Path(folder) / STAGED


def home(folder) -> Path:
    """The output folder that ``folder`` holds the files of: its parent when ``folder`` is ``STAGED`` (the
    paths a run records from its folder, and the name a tracker gives it, are those it will have there)."""
    folder = Path(folder)
    return folder.parent if folder.name == STAGED else folder


def pending(folder) -> Path | None:
    """The new run begun in ``folder`` to replace an earlier one and cut short (its config.json written), which
    ``fit --resume`` continues; None when there is none."""
    place = staged(folder)
    return place if (place / "config.json").is_file() else None


def begin(folder) -> Path:
    """An empty ``STAGED`` folder in ``folder`` (held by this process): one left by an earlier attempt goes."""
    place = staged(folder)
    remove(place)
    place.mkdir()
    return place


def discard(folder) -> None:
    """Remove the new output begun in ``folder``, cut short with nothing worth continuing."""
    remove(staged(folder))


def swap(folder, own) -> None:
    """Put the complete new output in ``STAGED`` in place of ``folder``'s earlier one: the earlier one's
    files (``own``: the names rnncast writes there; anything else stays) are removed, the new ones moved up."""
    with interrupts.one_step():  # a Ctrl-C waits until the move is done: the folder holds one whole run
        os.rename(staged(folder), Path(folder) / DONE)  # the point from which the new output is the one kept
        settle(folder, own)


def settle(folder, own) -> None:
    """Finish the ``swap`` a killed process left in ``folder`` (held by this process), from the step it
    reached; sweep the temporary files a killed write left in ``STAGED``. Nothing to do in most folders."""
    folder = Path(folder)
    for place in (staged(folder), staged(folder) / "model"):
        sweep_temps(place)
    done = folder / DONE
    if not done.is_dir():
        return
    with interrupts.one_step():  # finished whole, as swap moves
        _move_up(folder, done, own)


def _move_up(folder: Path, done: Path, own) -> None:
    """``settle``'s steps from the one a killed process reached: the earlier output's files removed, ``DONE``'s moved up."""
    if not (done / CLEARED).exists():  # the earlier output's files may still be there: only theirs are
        for name in sorted(set(own) - set(HIDDEN)):
            remove(folder / name)
        (done / CLEARED).touch()
    for entry in sorted(done.iterdir()):
        if entry.name != CLEARED:
            remove(folder / entry.name)  # one of the new output's moved up before a kill, or nothing
            os.rename(entry, folder / entry.name)
    remove(done)


def remove(path: Path) -> None:
    """Remove the file or folder (with what it holds) at ``path``, if any; a link itself, never what it leads to."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()

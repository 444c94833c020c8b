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
until it is done (``interrupts.one_step``), so a run is never left half moved by one. The move is several renames,
not one: rnncast's readers take a run only where none was under way while they read (``read_whole``), so each
gets the earlier run or the new one whole."""

from __future__ import annotations

import array
import errno
import fcntl
import os
import secrets
import shutil
import time
from pathlib import Path

from rnncast import interrupts
from rnncast.folderlock import sweep_temps

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
        fixed = _fixed_entry(Path(folder), own)
        if fixed is not None:  # no rename could move it: refused before the move, the earlier output whole
            raise OSError(errno.EPERM, os.strerror(errno.EPERM), str(fixed))
        os.rename(staged(folder), Path(folder) / DONE)  # the point from which the new output is the one kept
        settle(folder, own)


FS_IOC_GETFLAGS = 0x80086601  # Linux's ioctl reading a file's attributes (lsattr)
FIXED_FLAGS = 0x10 | 0x20  # immutable (chattr +i) and append-only (+a): such a file is neither renamed nor replaced


def _fixed_entry(folder: Path, own) -> Path | None:
    """The first entry of ``folder`` that ``swap`` would remove or replace (its model/ folder's files too) and that is
    marked immutable or append-only, or that folder itself; None where there is none, or the system reads no marks."""
    names = {p.name for p in staged(folder).iterdir()} | set(own) - set(HIDDEN)
    model = folder / "model"  # moved aside, then removed: its files too
    inside = sorted(model.iterdir()) if model.is_dir() and not model.is_symlink() else []
    for path in [folder, *(folder / name for name in sorted(names)), *inside]:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            continue  # missing, or a link (replaced itself, not what it leads to)
        try:
            flags = array.array("i", [0])
            fcntl.ioctl(fd, FS_IOC_GETFLAGS, flags, True)
            if flags[0] & FIXED_FLAGS:
                return path
        except OSError:
            pass  # a system or file system without the marks
        finally:
            os.close(fd)
    return None


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
        try:
            _move_up(folder, done, own)
        except OSError as err:  # a file that cannot be replaced, found part way (swap looks for the marked ones first)
            from rnncast.errors import refused

            path = err.filename2 if err.filename2 is not None else err.filename
            again = (f"rnncast fit --resume {folder}" if (folder / "config.json").exists() or (done / "config.json").exists()
                     else f"rnncast demo --out {folder} --overwrite")  # a run's, or a demo's (cli.demoing)
            raise refused(err)(f"{path}: {err.strerror or err} ({folder} is left half replaced: some of the new "
                               f"output's files are in place, the rest wait in {done}; once that file can be replaced, "
                               f"{again} finishes the move)") from None


def _move_up(folder: Path, done: Path, own) -> None:
    """``settle``'s steps from the one a killed process reached: the earlier output's files that the new one does
    not replace removed, then ``DONE``'s moved up, model/ first: each file over its earlier namesake in one rename,
    the model folder in two (the earlier one renamed aside, under a name ``folderlock.sweep_temps`` removes, then the new
    one in), so a reader finds the earlier model or the new one at ``model/`` all but for an instant
    (``read_whole``); other folders (tensorboard/) are removed, then moved up."""
    if not (done / CLEARED).exists():  # the earlier output's files may still be there: only theirs are
        for name in sorted(set(own) - set(HIDDEN) - {p.name for p in done.iterdir()}):
            remove(folder / name)
        (done / CLEARED).touch()
    for entry in sorted(done.iterdir(), key=lambda p: p.name != "model"):  # the model first: what readers load
        if entry.name == CLEARED:
            continue
        place = folder / entry.name
        if entry.name == "model" and entry.is_dir() and place.is_dir() and not place.is_symlink():
            aside = folder / f".{entry.name}.{secrets.token_hex(4)}.tmp"  # a model folder: sweep_temps' after a kill
            os.rename(place, aside)
            os.rename(entry, place)
            remove(aside)
        else:
            if entry.is_dir() or (place.is_dir() and not place.is_symlink()):
                remove(place)  # a folder (tensorboard/, a demo's runs) goes before its namesake comes
            os.replace(entry, place)  # a file over the earlier one's in one rename (or one moved up before a kill)
    remove(done)


REREAD_WAIT = 10.0  # seconds a reader waits for a replacement under way to end (read_whole)


def read_whole(folder, read):
    """``read(folder)`` (``checkpoint``'s model read, with the run's history.csv for ``Forecaster.load``) of a model
    that another process may be replacing (``fit --overwrite``'s ``swap``, ``save(overwrite=True)``): the read is
    taken only where no move was under way when it began or when it ended (``DONE`` in the run folder) and the
    folder's model is the one it began with (its folder's identity); else, failed or not, it waits for the move to
    end (``REREAD_WAIT`` seconds at most) and reads again, so the reader gets the earlier run or the new one in full,
    never the new model beside the earlier history.csv (decision 645). Raises the read's own error where nothing
    was being replaced, and ``RnncastError`` "FOLDER is being replaced by another rnncast process (pid N); try
    again" where the move has not ended, or "was left half replaced" where a killed process left it."""
    from rnncast.errors import Busy, RnncastError
    from rnncast.folderlock import holder

    folder = Path(folder)
    runs = [p for p in (folder, folder.parent) if p.name != ""]
    for attempt in range(3):
        before = _identity(folder), _moving(runs)
        try:
            result, error = read(folder), None
        except (RnncastError, OSError) as err:
            result, error = None, err
        moving = _moving(runs)
        if not moving and before == (_identity(folder), []):  # read with nothing replaced under it: one run's
            if error is not None:
                raise error  # the error is the model's own
            return result
        held = next((h for h in map(holder, moving) if h is not None), None)
        if attempt < 2 and (not moving or held is not None and _ended(moving)):
            continue  # replaced while read, or the move ended: read again
        cause = None if isinstance(error, RnncastError) else error
        if not moving:  # replaced under every read
            if error is not None:
                raise error
            raise Busy(f"{folder} was replaced while it was read, three times; try again")
        if held is None:  # a move a killed process left: the next process to hold the folder finishes it
            raise RnncastError(f"{moving[0]} was left half replaced by an rnncast process that was stopped or failed part way; "
                               f"rnncast fit --resume {moving[0]} finishes the move") from cause
        raise Busy(f"{moving[0]} is being replaced by another rnncast process ({held[0]}); try "
                   "again") from cause


def _moving(runs: list[Path]) -> list[Path]:
    """The folders of ``runs`` where a move is under way (``DONE`` in them)."""
    return [run for run in runs if (run / DONE).is_dir()]


def _identity(folder: Path) -> tuple:
    """Which folders ``folder`` and its ``model/`` are (their inode numbers, None where missing): a folder
    renamed in over an earlier one is another."""
    found = []
    for place in (folder, folder / "model"):
        try:
            found.append(os.stat(place).st_ino)
        except OSError:
            found.append(None)
    return tuple(found)


def _ended(moving: list[Path]) -> bool:
    """Wait until no folder of ``moving`` holds ``DONE`` (the move ended), ``REREAD_WAIT`` seconds at most."""
    deadline = time.monotonic() + REREAD_WAIT
    while _moving(moving):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def remove(path: Path) -> None:
    """Remove the file or folder (with what it holds) at ``path``, if any; a link itself, never what it leads to."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()

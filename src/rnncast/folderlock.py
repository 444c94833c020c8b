"""A folder one process writes at a time (a run, a backtest, a tune, a demo): ``lock_folder`` holds it with a lock file
inside it, locked with ``fcntl.flock``, so a second writer is refused by name (``holder``) and a killed writer's lock
is released by the kernel; the temporary files a killed writer left (``files.write_bytes``' and
``checkpoint.write_model``'s) are swept once the folder is held (``sweep_temps``).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import socket
from pathlib import Path

from rnncast.errors import Busy, RnncastError, refused
from rnncast.files import COMMANDS, LOCK_NAME, MODEL_FILES, entries_of, hold_writes, let_writes_go, say_replaced
from rnncast.links import refuse_dangling
from rnncast.staletemps import TEMP_NAME
from rnncast.writeadvice import refusal


class FolderLost(RnncastError):
    """The held folder was removed or moved while its process wrote it (``FolderLock.check``): nothing more is
    written there, and its process stops."""


def sweep_temps(folder) -> list[Path]:
    """Remove the temporary files ``write_bytes`` (and the temporary model folders ``checkpoint.write_model``)
    left in ``folder`` (not in its subfolders) when its process was killed mid-write: only names of
    their pattern (``.NAME.XXXXXXXX.tmp``). Call it
    only while no other process writes there (under ``lock_folder``); returns what was removed."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return removed
    for entry in entries:
        if not TEMP_NAME.match(entry.name) or entry.is_symlink():
            continue
        if entry.is_file():
            entry.unlink(missing_ok=True)
        elif entry.is_dir() and (_model_only(entry) or not any(entry.iterdir())):  # a model being written
            # (checkpoint.write_model), the one it replaced, or the empty folder a kill right after mkdtemp left
            import shutil

            shutil.rmtree(entry, ignore_errors=True)
        else:
            continue
        removed.append(entry)
    return removed


def _model_only(folder: Path) -> bool:
    """Whether ``folder`` holds a model's files (and their temporaries) and nothing else."""
    names = [p.name for p in folder.iterdir()]
    return bool(names) and all(name in MODEL_FILES or TEMP_NAME.match(name) for name in names)


class FolderLock:
    """A held folder (``lock_folder``): ``release()`` (or leaving a ``with`` block) lets it go.
    ``created``: the folders that locking made (outermost first), which ``release(tidy=True)``
    removes again when they are empty (a refused command leaves no folder behind)."""

    def __init__(self, folder: Path, fd: int, created: list[Path], what: str = "folder"):
        self.folder, self._fd, self.created, self.what = folder, fd, created, what

    def lost(self) -> bool:
        """Whether the folder's lock file is no longer the one this lock holds (one ``stat``): the folder was removed
        or moved (and perhaps made again, by another process) since it was held."""
        if self._fd is None:
            return False
        try:
            now, ours = os.stat(self.folder / LOCK_NAME), os.fstat(self._fd)
        except OSError as err:  # gone; another error (a permission, NFS) is the write's own to say (decision 1766)
            return err.errno in (errno.ENOENT, errno.ENOTDIR)
        return (now.st_ino, now.st_dev) != (ours.st_ino, ours.st_dev)

    def check(self) -> None:
        """Raise ``FolderLost`` where the folder was removed or moved since it was held (``lost``), naming where its
        files went where the system can tell (Linux: the path of the lock file still open here), so that nothing is
        written at its path again unheld, where another process may write too (decision 1749)."""
        if not self.lost():
            return
        moved = _now_at(self._fd)
        doer = COMMANDS.get(self.what, "rnncast command")
        went = (f"it is now {moved}; what was written before is there"
                + (f" (continue it with: rnncast fit --resume {moved})" if self.what == "run" else "")
                if moved is not None else "what was written before went with it")
        raise FolderLost(f"{self.folder} was removed or moved while this {doer} wrote it; nothing more is written "
                         f"there (its path may be another process' now): {went}")

    def release(self, tidy: bool = False) -> None:
        if self._fd is None:
            return
        let_writes_go(self.folder, self.check)
        lost = self.lost()
        tidy = tidy and not lost  # the folders at its path are not this lock's to remove now
        try:
            if not lost:  # a lock file at the path now is another process' (the folder made again)
                with contextlib.suppress(OSError):  # a permission changed under it: closing lets the lock go
                    (self.folder / LOCK_NAME).unlink(missing_ok=True)  # while held: a waiting process sees a new file
            elif (moved := _now_at(self._fd)) is not None and _ours(moved / LOCK_NAME, self._fd):
                (moved / LOCK_NAME).unlink()  # the folder moved: its lock file goes with our hold (decision 1766)
        finally:
            os.close(self._fd)  # the kernel drops the flock with the last descriptor
            self._fd = None
        if tidy:
            for folder in reversed(self.created):
                try:
                    folder.rmdir()  # only if empty
                except OSError:
                    break

    def __enter__(self) -> "FolderLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def lock_folder(folder, what: str = "folder", new: bool = False, note: str = "") -> FolderLock:
    """Hold ``folder`` (made if missing) for this process: ``LOCK_NAME`` inside it is locked with
    ``fcntl.flock`` and holds this process' id and host, and ``note`` (one line: what the holder does
    there, for a process it refuses, e.g. the study a tune runs and how to join it). A folder another
    process holds is refused with a ``RnncastError`` naming that process and its note (``what``: how
    the message names the folder, e.g. "run"). The kernel releases a flock when its process dies, so a killed writer never blocks the
    next one; the lock file it leaves is taken over. Once held, the temporary files of a killed
    write are swept from the folder and its ``model/``. ``new=True``: the folder must not exist yet
    (``FileExistsError`` otherwise: the caller picks another name).

    flock rather than a lock library: the message names the holder (its pid is read from the lock
    file it holds), the lock file is removed on release without a race (a process that locked a file
    which was removed meanwhile tries again), and no dependency is added. POSIX only, as the rest of
    this module (``os.fchmod``); flock works on local disks and on NFS (Linux maps it to NFS locks)."""
    import fcntl

    folder = Path(folder)
    refuse_dangling(folder, f"cannot write {what} {folder}")
    created = [p for p in reversed([folder, *folder.parents]) if not p.exists()]
    path = folder / LOCK_NAME
    if new:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir()  # atomic: of two processes that pick this name, one makes it
        except FileExistsError:
            raise
        except OSError as err:
            raise refused(err)(refusal(f"cannot write {what} {folder}", err, folder.parent)) from None  # 74 (decision 2217)
    for attempt in itertools.count():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as err:
            if err.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink() and attempt < 5:
                say_replaced(path)  # a planted link is never written through: the file it leads to kept (decision 1847)
                path.unlink(missing_ok=True)
                continue
            if isinstance(err, FileNotFoundError) and str(err.filename) == str(path):  # not mkdir's: /proc's (decision 1903)
                if attempt < 5:
                    continue  # a refused holder tidied the empty folder away between our mkdir and open: make it again
                raise RnncastError(f"cannot write {what} {folder}: it is removed as soon as it is made") from None
            raise refused(err)(refusal(f"cannot write {what} {folder}", err, folder.parent)) from None  # 74 (decision 2217)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, kind, theirs = _holder(os.pread(fd, 4096, 0))
            os.close(fd)
            if kind is not None and kind != what:  # another command's output: waiting for it frees nothing for this one
                raise RnncastError(f"{what} {folder} is being written by another rnncast process "
                                   f"({COMMANDS.get(kind, kind)}, {pid}); give another --out") from None
            raise Busy(f"{what} {folder} is being written by another rnncast process ({pid}"
                       f"{', ' + theirs if theirs else ''}); wait for it to finish, or give another folder") from None
        except BaseException:
            os.close(fd)
            raise
        try:
            same = os.lstat(path).st_ino == os.fstat(fd).st_ino  # a link put there since: open again
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the file was removed by the process that held it just now: lock the new one
    text = (f"{os.getpid()} {socket.gethostname()} {'_'.join(what.split())}\n"  # what: the holder's kind (a run, a tune)
            + (" ".join(note.split()) + "\n" if note else ""))  # the note on one line
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode(), 0)
    except OSError as err:  # a full disk: the system names no file; the lock file and the folders made for it go
        FolderLock(folder, fd, created).release(tidy=True)
        raise OSError(err.errno, err.strerror or str(err), str(path)) from None
    sweep_temps(folder)  # the folder as the user spelled it; a planted model -> ~/dir is not swept (decision 1847)
    if not (folder / "model").is_symlink():
        sweep_temps(folder / "model")
    lock = FolderLock(folder, fd, created, what)
    hold_writes(folder, lock.check)  # each write below it checks first that it is still this lock's (decision 1749)
    return lock


def _ours(path: Path, fd: int) -> bool:
    """Whether ``path`` is the file open as ``fd`` (its inode and device)."""
    try:
        now, ours = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (now.st_ino, now.st_dev) == (ours.st_ino, ours.st_dev)


def _now_at(fd: int) -> Path | None:
    """The folder the lock file open as ``fd`` is in now, where the system tells it (Linux's /proc), or None (it was
    removed, or the system does not tell)."""
    try:
        where = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None
    if where.endswith(" (deleted)") or not os.path.isabs(where):
        return None
    here = Path(where).parent
    try:
        return Path(os.path.relpath(here)) if not os.path.relpath(here).startswith("..") else here
    except ValueError:
        return here


def holder(folder) -> tuple[str, str | None] | None:
    """Who holds ``folder`` now (``lock_folder``): ``("pid N", kind)``, the kind as the holder named its
    folder ("run", "tune"; None from a lock written before kinds were kept), or None when no process holds
    it. Only looks: a lock it finds free is let go at once (held shared for that instant, so a process
    locking the folder just then may be refused, as by any other holder)."""
    import fcntl

    try:
        fd = os.open(Path(folder) / LOCK_NAME, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return None  # no lock file (or a planted link, which no holder opens): no holder
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        pid, kind, _ = _holder(os.pread(fd, 4096, 0))
        return pid, kind
    finally:
        os.close(fd)  # closing drops a shared lock taken above
    return None


def refuse_held(folder, what: str = "run") -> None:
    """Refuse ``folder`` as ``lock_folder`` would where another live process holds it, before anything in it is read
    (a resume's checkpoint mid-write reads as damaged: decision 1030)."""
    held = holder(folder)
    if held is None:
        return
    pid, kind = held
    if kind is not None and kind != what:
        raise RnncastError(f"{what} {folder} is being written by another rnncast process ({COMMANDS.get(kind, kind)}, "
                           f"{pid}); give another --out")
    raise Busy(f"{what} {folder} is being written by another rnncast process ({pid}); wait for it to finish, "
               "or give another folder")


def _holder(text: bytes) -> tuple[str, str | None, str]:
    """("pid N" (and "on HOST" when another machine holds the lock), the holder's kind or None, its note), from
    a lock file's text."""
    first, _, rest = text.decode("utf-8", "replace").partition("\n")
    fields, note = first.split(), rest.strip().splitlines()[0] if rest.strip() else ""
    if not fields or not fields[0].isdigit():
        return "pid unknown", None, note
    host = fields[1] if len(fields) > 1 else ""
    kind = fields[2] if len(fields) > 2 else None
    return f"pid {fields[0]}" + (f" on {host}" if host and host != socket.gethostname() else ""), kind, note


def stopped_before_begun(folder) -> str | None:
    """What a folder holding only a command's lock file is (and the temporaries of a killed write): a fit killed before
    its run began, which wrote nothing; the line that says so and how to start again, or None. A tester's run killed
    before its first epoch was called "missing model.json" by predict and "not a run directory" by --resume."""
    folder = Path(folder)
    if not folder.is_dir() or not (folder / LOCK_NAME).is_file() or entries_of(folder) or holder(folder) is not None:
        return None  # a command still reading its data holds the lock: named by its pid where it is refused
    return (f"{folder} holds only the lock file of a command that stopped before it wrote anything (a fit killed while "
            f"it read or checked its data, before its run began): there is no model or checkpoint to use; start the "
            f"fit again with the same --out ({folder}), which takes the folder over")

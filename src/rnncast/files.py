"""Atomic file writes: a file is written under a temporary name in its folder, then renamed over
the final name, so a crash leaves the old file or the new one, never half of one. A symbolic link is
written through to its target, as the shell's ``>`` and ``cp`` do.

A folder that a process writes (a run, a backtest, a tune, a demo) is held with ``lock_folder``: a lock file inside
it, locked with ``fcntl.flock``, so a second writer is refused by name and a killed writer's lock
is released by the kernel; the temporary files a killed writer left are swept once the folder is
held (``sweep_temps``).

What a folder holds is told by names only one writer uses (``KINDS``, ``output_kinds``; a model:
``MODEL_FILES``): the command line's ``--out`` and ``checkpoint.save_model`` refuse another kind alike.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import socket
import stat
import tempfile
from pathlib import Path

from rnncast.errors import RnncastError
from rnncast.settingvalues import plain

# write_bytes' temporary names: ".NAME." + mkstemp's 8 random characters + ".tmp"
TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
LOCK_NAME = ".rnncast.lock"
MODEL_META, MODEL_WEIGHTS = "model.json", "weights.safetensors"  # a model folder's files (checkpoint.py)
MODEL_FILES = (MODEL_META, MODEL_WEIGHTS)
TUNE_FILES = ("study.db", "study.db-journal", "study.db-wal", "study.db-shm", "best.toml", "trials.csv",
              "tune.json")  # study.db's journals: SQLite's, left beside it by a tune that was killed
# the names that tell which command wrote a folder (metrics.json, report.html, the figures: several write them)
KINDS = {"run": ("config.json", "model", "checkpoint.safetensors", "history.csv", "tensorboard"),
         "backtest": ("forecasts.csv", "backtest.png"), "tune": TUNE_FILES, "demo": ("summary.json",),
         "bench": ("results.csv", "results.md")}  # bench's forecast_*.png beside them (outputs.bench_file)
COMMANDS = {"run": "fit", "backtest": "backtest", "tune": "tune", "demo": "demo", "bench": "bench"}


def output_kinds(entries) -> list[str]:
    """Which commands' outputs (``KINDS``: run, backtest, tune, demo) a folder holding ``entries`` is.
    A backtest keeps a config.json too (its data and settings): beside a backtest's own names, and no
    other name of a run's, config.json is the backtest's, not a run's."""
    entries = list(entries)
    kinds = [kind for kind, names in KINDS.items() if any(name in names for name in entries)]
    if "backtest" in kinds and "run" in kinds and not any(name in KINDS["run"] for name in entries if name != "config.json"):
        kinds.remove("run")
    return kinds


def entries_of(folder) -> list[str]:
    """The names in ``folder`` (sorted), less its lock file and the temporaries of a killed write."""
    return sorted(p.name for p in Path(folder).iterdir() if p.name != LOCK_NAME and not TEMP_NAME.match(p.name))


def _refuse_dangling(folder: Path, said: str) -> None:
    """``RnncastError`` (``said``, then why) where ``folder`` or a folder above it is a link to a folder that does not
    exist: making it would fail as "File exists", and where a link leads is its maker's choice, not made here."""
    for place in (folder, *folder.parents):
        if place.is_symlink() and not place.exists():
            raise RnncastError(f"{said}: {place} is a link to {os.readlink(place)}, a folder that does not exist; make "
                               "it, or give another path")


def write_bytes(path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically. A symbolic link is written through, as the shell's ``>``
    and ``cp`` write: its target gets the new content (made if the link dangles) and the link stays;
    a file replaced keeps its permissions (a new one is 0644). Raises ``RnncastError`` naming ``path``
    when the folder cannot be written or the link leads nowhere (a loop), and an ``OSError`` naming ``path``
    (``unwritten``) when the system refuses the write itself (a full disk), with ``path`` as it was."""
    path = Path(path)
    _refuse_dangling(path.parent, f"cannot write {path}")
    target = written_path(path)
    if target == path:
        path.parent.mkdir(parents=True, exist_ok=True)  # a link's target folder is the link's business
    via = f" (a link to {target})" if target != path else ""
    if via and not target.parent.is_dir():  # not made: where a link leads is its maker's choice, not a typo to mend
        raise RnncastError(f"cannot write {path}{via}: the folder the link leads into, {target.parent}, does not "
                           "exist; make it, or give another path")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o644  # mkstemp makes 0600; run directories are meant to be shared and read
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:  # name the file asked for, not the temporary name beside it
        raise RnncastError(f"cannot write {path}{via}: {err.strerror or err} (check the permissions of "
                           f"{target.parent}, or give another path)") from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as err:  # a full disk: the system names no file (or the temporary one)
        Path(tmp).unlink(missing_ok=True)
        raise unwritten(err, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unwritten(err: OSError, path) -> OSError:
    """``err``, a write of ``path`` refused (``ENOSPC``: a full disk), as the same kind of ``OSError`` naming ``path``
    (the file asked for, not the temporary one the system named, or none), with ``kept`` True: the write was atomic,
    so nothing of it is in ``path`` and a file there before is as it was (``cli.os_error_text`` says so)."""
    named = type(err)(err.errno, err.strerror or str(err), str(path))
    named.kept = True
    return named


def written_path(path) -> Path:
    """The file a write to ``path`` replaces: ``path``, or the file its symbolic link (or chain of links)
    leads to, absolute; the target of a dangling link is where it would be. A loop of links is refused
    (``RnncastError``)."""
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))  # dangling: its target is made, as the shell's > makes it
    except OSError as err:
        raise RnncastError(f"cannot write {path}: {err.strerror or err} (a loop of links); give another path") from None


def write_text(path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


_KEPT = frozenset({int, str, bool, type(None)})  # what _finite returns as given: a model's 20,000 scalers' numbers


def json_text(obj) -> str:
    """Strict JSON: a NaN or infinite number (an undefined R² of a constant target, say) becomes null;
    a NumPy scalar (``np.int64(8)``, a setting passed through the API) is written as the number it holds."""
    return json.dumps(_finite(obj), indent=2, allow_nan=False)


def _finite(obj):
    obj = plain(obj)
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):  # a Python int, str, bool, None or finite float is kept as it is, unvisited
        return [v if type(v) in _KEPT or type(v) is float and math.isfinite(v) else _finite(v) for v in obj]
    return obj


def write_json(path, obj) -> None:
    write_text(path, json_text(obj) + "\n")


# ---- temporary files and the folder lock ------------------------------------------------------

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

    def __init__(self, folder: Path, fd: int, created: list[Path]):
        self.folder, self._fd, self.created = folder, fd, created

    def release(self, tidy: bool = False) -> None:
        if self._fd is None:
            return
        try:
            (self.folder / LOCK_NAME).unlink(missing_ok=True)  # while held: a waiting process sees a new file
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
    _refuse_dangling(folder, f"cannot write {what} {folder}")
    created = [p for p in reversed([folder, *folder.parents]) if not p.exists()]
    path = folder / LOCK_NAME
    if new:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir()  # atomic: of two processes that pick this name, one makes it
        except FileExistsError:
            raise
        except OSError as err:
            raise RnncastError(f"cannot write {what} {folder}: {err.strerror or err}") from None
    for attempt in itertools.count():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except FileNotFoundError:
            if attempt < 5:
                continue  # a refused holder tidied the empty folder away between our mkdir and open: make it again
            raise RnncastError(f"cannot write {what} {folder}: it is removed as soon as it is made") from None
        except OSError as err:
            raise RnncastError(f"cannot write {what} {folder}: {err.strerror or err}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, kind, theirs = _holder(os.pread(fd, 4096, 0))
            os.close(fd)
            if kind is not None and kind != what:  # another command's output: waiting for it frees nothing for this one
                raise RnncastError(f"{what} {folder} is being written by another rnncast process "
                                   f"({COMMANDS.get(kind, kind)}, {pid}); give another --out") from None
            raise RnncastError(f"{what} {folder} is being written by another rnncast process ({pid}"
                               f"{', ' + theirs if theirs else ''}); wait for it to finish, or give another folder") from None
        except BaseException:
            os.close(fd)
            raise
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the file was removed by the process that held it just now: lock the new one
    os.ftruncate(fd, 0)
    text = (f"{os.getpid()} {socket.gethostname()} {'_'.join(what.split())}\n"  # what: the holder's kind (a run, a tune)
            + (" ".join(note.split()) + "\n" if note else ""))  # the note on one line
    os.pwrite(fd, text.encode(), 0)
    for place in (folder, folder / "model"):
        sweep_temps(place)
    return FolderLock(folder, fd, created)


def holder(folder) -> tuple[str, str | None] | None:
    """Who holds ``folder`` now (``lock_folder``): ``("pid N", kind)``, the kind as the holder named its
    folder ("run", "tune"; None from a lock written before kinds were kept), or None when no process holds
    it. Only looks: a lock it finds free is let go at once (held shared for that instant, so a process
    locking the folder just then may be refused, as by any other holder)."""
    import fcntl

    try:
        fd = os.open(Path(folder) / LOCK_NAME, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None  # no lock file: no holder
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        pid, kind, _ = _holder(os.pread(fd, 4096, 0))
        return pid, kind
    finally:
        os.close(fd)  # closing drops a shared lock taken above
    return None


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

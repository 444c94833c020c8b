"""Atomic file writes: a file is written under a temporary name in its folder, then renamed over
the final name, so a crash leaves the old file or the new one, never half of one. A symbolic link is
written through to its target, as the shell's ``>`` and ``cp`` do, but not in a folder rnncast holds (``own_place``).
A new file or folder gets the mode the umask leaves, as ``open()`` and ``mkdir`` give (``temp_file``).

A folder that a process writes is held with ``folderlock.lock_folder``, which sweeps the temporary files a killed
writer left there.

What a folder holds is told by names only one writer uses (``KINDS``, ``output_kinds``; a model:
``MODEL_FILES``): the command line's ``--out`` and ``checkpoint.save_model`` refuse another kind alike.
"""

from __future__ import annotations

import json
import logging
import math
import os
import stat
from pathlib import Path

from rnncast import staletemps
from rnncast.staletemps import TEMP_NAME, temp_name  # write_bytes' temporary names: staletemps'
from rnncast.errors import DISK_ERRNOS, RnncastError
from rnncast.links import refuse_dangling, written_path
from rnncast.settingvalues import plain
from rnncast.writeadvice import make_folder, refusal

log = logging.getLogger(__name__)

LOCK_NAME = ".rnncast.lock"  # the lock file folderlock holds a folder with
MODEL_META, MODEL_WEIGHTS = "model.json", "weights.safetensors"  # a model folder's files (checkpoint.py)
MODEL_FILES = (MODEL_META, MODEL_WEIGHTS)
TUNE_FILES = ("study.db", "study.db-journal", "study.db-wal", "study.db-shm", "best.toml", "trials.csv",
              "tune.json")  # study.db's journals: SQLite's, left beside it by a tune that was killed
# the names that tell which command wrote a folder (metrics.json, report.html, the figures: several write them)
KINDS = {"run": ("config.json", "model", "checkpoint.safetensors", "history.csv", "test_forecasts.csv", "tensorboard"),
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


_HELD: list[tuple[str, object]] = []  # (a held folder, absolute as given; the check that it is still this process')


def hold_writes(folder, check) -> None:
    """Every write below ``folder`` (``write_pieces``, ``check_held``) calls ``check()`` first, which raises where the
    folder is no longer the one this process holds (``folderlock.FolderLock.check``: removed or moved meanwhile), so
    that a write never makes the folder again, unheld (decision 1749). ``let_writes_go`` ends it."""
    _HELD.append((os.path.abspath(folder), check))


def let_writes_go(folder, check) -> None:
    if (os.path.abspath(folder), check) in _HELD:
        _HELD.remove((os.path.abspath(folder), check))


def check_held(path) -> None:
    """Call the check of each held folder (``hold_writes``) that ``path`` is in: one ``stat`` each, raising as it
    raises."""
    where = os.path.abspath(path)
    for folder, check in list(_HELD):
        if where == folder or where.startswith(folder.rstrip(os.sep) + os.sep):
            check()


def held_within(path) -> str | None:
    """The held folder (``hold_writes``: a run, backtest, tune or demo folder this process writes) that ``path`` is
    below, as held (absolute), or None."""
    where = os.path.abspath(path)
    return next((folder for folder, _ in _HELD if where.startswith(folder.rstrip(os.sep) + os.sep)), None)


def own_place(path: Path) -> Path:
    """Where a write of ``path`` lands: in a folder rnncast holds (``held_within``), ``path`` itself, never where a
    link there leads: a link planted where one of its own files goes (history.csv -> ~/notes.txt in a shared run
    folder) is replaced by the file, its target left as it was, with a WARNING naming both (decision 1800); a link
    to a folder on the way below it is refused (``RnncastError``). Elsewhere, a path the user named: ``links.written_path``,
    written through (decision 71)."""
    folder = held_within(path)
    if folder is None:
        return written_path(path)
    below = Path(os.path.abspath(path))
    for place in below.parents:
        if len(str(place)) <= len(folder.rstrip(os.sep)):  # the held folder reached: its own spelling is the user's
            break
        if place.is_symlink():
            raise RnncastError(f"cannot write {path}: {place} is a link (to {os.readlink(place)}) inside {folder}, "
                               "a folder rnncast writes its own files in, and is not followed; remove the link")
    if path.is_symlink():
        say_replaced(path)
    return path


def say_replaced(link: Path) -> None:
    """The WARNING that ``link``, in a folder rnncast holds, is replaced by its own file, not written through
    (``own_place``, and the lock file ``folderlock.lock_folder`` opens: decisions 1800, 1847)."""
    log.warning("%s was a link to %s; a link in a folder rnncast writes is replaced by its own, not written "
                "through, so what it led to is as it was", shown(link), shown(os.readlink(link)))


def write_bytes(path, data: bytes, new: str | None = None) -> None:
    """Write ``data`` to ``path`` atomically: ``write_pieces`` of the one piece."""
    write_pieces(path, (data,), new)


def write_pieces(path, pieces, new: str | None = None) -> None:
    """Write the bytes of ``pieces`` (an iterable of ``bytes``, made as they are written: a CSV file of a million
    rows is never held whole, ``csvtext.write_csv``) to ``path`` atomically, one after the other. A symbolic link is
    written through, as the shell's ``>`` and ``cp`` write: its target gets the new content (made if the link dangles) and the link stays,
    except in a folder rnncast holds, where the link is replaced (``own_place``: decision 1800);
    a file replaced keeps its permissions, a new one gets what ``open()`` gives, 0666 less the umask (``temp_file``:
    decision 1799). Raises ``RnncastError`` naming ``path``
    when the folder cannot be written or the link leads nowhere (a loop), and an ``OSError`` naming ``path``
    (``unwritten``) when the system refuses the write itself (a full disk), with ``path`` as it was.
    ``new``: the file was not there when the command checked its output (no overwrite asked), so it is published
    only as a new file (``publish_new``); one that appeared since, another process's, stays, and ``new`` is raised
    (``RnncastError``: the line the start-time check says of an existing file)."""
    path = Path(path)
    check_held(path)  # its folder removed or moved since it was held: not made again, unheld (decision 1749)
    refuse_dangling(path.parent, f"cannot write {path}")
    target = own_place(path)  # a link written through, but not in a folder rnncast holds (decision 1800)
    if target == path:
        make_folder(path.parent, f"cannot write {path}")  # a link's target folder is the link's business
    via = f" (a link to {target})" if target != path else ""
    if via and not target.parent.is_dir():  # not made: where a link leads is its maker's choice, not a typo to mend
        raise RnncastError(f"cannot write {path}{via}: the folder the link leads into, {target.parent}, does not "
                           "exist; make it, or give another path")
    try:
        mode = None if target.is_symlink() else stat.S_IMODE(os.stat(target).st_mode)  # a held folder's link: replaced
    except OSError:
        mode = None  # a new file: the umask's mode, which temp_file's open gave it (decision 1799)
    staletemps.sweep(target)  # a killed write's .NAME.XXXXXXXX.tmp beside it (decision 2189)
    try:
        fd, tmp = temp_file(target)
    except OSError as err:  # name the file asked for, not the temporary name beside it
        check_held(path)  # its held folder removed just now (an rm -rf under way): said as such (decision 1749)
        if err.errno in DISK_ERRNOS:  # no free inode, the quota's, a failing disk: the disk's (decisions 1750, 2217)
            raise unwritten(err, path) from None
        raise RnncastError(refusal(f"cannot write {path}{via}", err, target.parent)) from None  # decision 1903
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            for data in pieces:  # an error in making a piece: the temporary file removed below, the old file kept
                f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if new is None:
            os.replace(tmp, target)
        elif not publish_new(tmp, target):
            raise RnncastError(new)  # tmp removed by the handler below, as on any failure
    except OSError as err:  # a full disk: the system names no file (or the temporary one)
        Path(tmp).unlink(missing_ok=True)
        raise unwritten(err, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temp_file(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (``temp_name``), open for writing: ``(fd, name)``. Made with
    ``O_EXCL`` and mode 0666, so the system applies the umask (and a folder's default ACL) as ``open()``, ``cp``
    and pandas' ``to_csv`` do: under umask 077 a forecast of patients is 0600, not 0644 as ``mkstemp`` plus a
    fixed chmod made it (decision 1799); held (``staletemps.hold``) so that no other write sweeps it. The umask is never read: ``os.umask`` sets it to read it, which another
    thread's file could be made under, and ``/proc/self/status`` is Linux's alone."""
    while True:
        name = temp_name(path)
        try:
            fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue  # 32 random bits taken: another name
        staletemps.hold(fd)  # a later write of path leaves it while this process lives (decision 2189)
        return fd, str(name)


def temp_folder(path: Path) -> Path:
    """A new empty temporary folder beside ``path`` (``temp_name``), mode 0777 less the umask as ``mkdir`` makes
    it (decision 1799; ``tempfile.mkdtemp`` makes 0700, which a fixed chmod then widened)."""
    while True:
        name = temp_name(path)
        try:
            name.mkdir(0o777)
            return name
        except FileExistsError:
            continue


def publish_new(tmp, target) -> bool:
    """Give the written temporary file ``tmp`` the name ``target`` only where no file has it, in one step no other
    process can come between (a hard link, then ``tmp`` removed; where the file system has no hard links, the name
    taken with ``O_EXCL`` first, then ``tmp`` renamed over it): False, ``tmp`` left, where ``target`` exists."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        return False
    except OSError:  # no hard links here (FAT, some network shares): claim the name, then rename over the claim
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            return False
        try:
            os.replace(tmp, target)
        except OSError:  # the claim is ours and empty: left, it would refuse the next run as "exists"
            Path(target).unlink(missing_ok=True)
            raise
        return True
    os.unlink(tmp)
    return True


def unwritten(err: OSError, path) -> OSError:
    """``err``, a write of ``path`` refused (``ENOSPC``: a full disk), as the same kind of ``OSError`` naming ``path``
    (the file asked for, not the temporary one the system named, or none), with ``kept`` True: the write was atomic,
    so nothing of it is in ``path`` and a file there before is as it was (``cli.os_error_text`` says so)."""
    named = type(err)(err.errno, err.strerror or str(err), str(path))
    named.kept = True
    return named


def shown(path) -> str:
    """``path`` as a line of output prints it: as written, or quoted with its control characters escaped as Python
    writes them (``'new\\nline/report.html'``) where it holds any, so that a newline or tab in --out does not split
    the one "wrote ..." line a script reads (decision 1654)."""
    return str(path) if str(path).isprintable() else repr(str(path))


def write_text(path, text: str, new: str | None = None) -> None:
    write_bytes(path, text.encode("utf-8"), new)


_KEPT = frozenset({int, str, bool, type(None)})  # what _finite returns as given: a model's 20,000 scalers' numbers


def json_text(obj) -> str:
    """Strict JSON: a NaN or infinite number (an undefined R² of a constant target, say) becomes null;
    a NumPy scalar (``np.int64(8)``, a setting passed through the API) is written as the number it holds."""
    return json.dumps(_finite(obj), indent=2, allow_nan=False, ensure_ascii=False)  # 판매량 and R² as written, not \\u escapes


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

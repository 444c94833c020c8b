"""A tune's study on a full disk, said as fit and backtest say one: the SQLite file named, one line.

SQLite refuses a write to a full disk with "database or disk is full", which reaches a tune as
SQLAlchemy's ``OperationalError`` when the study is opened, and as Optuna's ``StorageInternalError``
("An exception is raised during the commit ... exceeding max length", a traceback) once a trial runs.
``said_full`` turns either into the ``OSError`` (``ENOSPC``) a full disk is everywhere else, naming the
study's file, which ``cli.os_error_text`` says in one line. The study's finished trials are kept: the
same tune, after space is freed, goes on with them. A study.db this call made in its own folder with
no trial finished in it (the disk was full when the study was opened, or before its first trial ended)
is removed with its journal, so no half-made study is left where none was before; a database the caller
named (``--storage``) is never removed, as another process may share it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

FULL = "database or disk is full"  # SQLite's SQLITE_FULL, in every driver's words
SIDE_FILES = ("-journal", "-wal", "-shm")


def disk_full(err: BaseException | None) -> bool:
    """Whether ``err``, or an error it was raised from (Optuna's wrapping of SQLAlchemy's of sqlite3's), is SQLite's
    full disk (an ``OSError`` of a file the tune writes names its file itself, and is left as it is)."""
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if FULL in str(err):
            return True
        err = err.__cause__ or err.__context__
    return False


def sqlite_file(url: str | None) -> Path | None:
    """The file of a ``sqlite:///`` storage URL, else None (a server's database: its disk is not ours)."""
    return Path(url[len("sqlite:///"):]) if url and url.startswith("sqlite:///") else None


def finished_trials(path: Path) -> int:
    """How many trials of the SQLite study file ``path`` finished (complete, pruned or failed), read without
    writing; 0 for a file whose tables were not yet made (a half-made study)."""
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM trials WHERE state IN ('COMPLETE', 'PRUNED', 'FAIL')").fetchone()[0]
    except sqlite3.Error:
        return 0


@contextmanager
def said_full(storage: str | None, own: Path | None = None):
    """The block's full-disk error in the study ``storage`` as ``OSError(ENOSPC)`` naming its file (the storage's
    URL for another database); ``own``: the folder whose own study.db this is, removed when this call made it and
    no trial finished in it. Any other error passes as it is."""
    path = sqlite_file(storage)  # None for a server's database: its disk is not ours
    new = path is not None and not path.exists()
    try:
        yield
    except Exception as err:
        if isinstance(err, OSError) or not disk_full(err):
            raise
        mine = own is not None and path is not None and path.resolve() == (own / "study.db").resolve()
        if new and mine and not finished_trials(path):
            for name in ("", *SIDE_FILES):
                Path(f"{path}{name}").unlink(missing_ok=True)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path or storage)) from None

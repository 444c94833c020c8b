"""Zip archives as people make them: the one data file an archive holds, found by ``data_file``, and opened
for pandas by ``opened``.

macOS Finder's "Compress" writes beside the file a ``__MACOSX/`` folder of AppleDouble entries
(``__MACOSX/._sales.csv``: the file's Finder metadata, binary) and often the folder's ``.DS_Store``; a zip
of a folder names its file ``export/sales.csv`` and the folder ``export/``. None of these holds data:
folders, anything under ``__MACOSX/``, ``.DS_Store`` and ``._*`` files are passed over, said in one INFO line.
Of what is left there must be exactly one file; several are refused by name (which one is the table is the
user's to say, by zipping one file alone or unzipping the archive). Reading is zipfile's and pandas'.
"""

from __future__ import annotations

import logging
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

METADATA_FOLDER = "__MACOSX"  # Finder's AppleDouble entries: resource forks and extended attributes
METADATA_FILES = (".DS_Store",)  # Finder's folder view settings


def is_metadata(name: str) -> bool:
    """Whether the archive entry ``name`` (its path inside the zip) is a folder or a file of a system's
    metadata, no data: ``__MACOSX/...``, ``.DS_Store``, ``._sales.csv`` (AppleDouble), at any depth."""
    parts = PurePosixPath(name).parts
    return (name.endswith("/") or not parts or parts[0] == METADATA_FOLDER or parts[-1] in METADATA_FILES
            or parts[-1].startswith("._"))


def data_file(path: Path) -> str:
    """The name (inside the archive) of the one data file of the zip archive at ``path``; the metadata
    entries passed over (``is_metadata``: folders aside) are said in one INFO line. Raises ``RnncastError``
    where no file or several are left, naming them and what is accepted; ``zipfile.BadZipFile`` for a file
    that is no zip archive (``data.read_table`` says so)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    data = [n for n in names if not is_metadata(n)]
    passed = [n for n in names if is_metadata(n) and not n.endswith("/")]
    if not data:
        held = f" (only {_listed(passed)}, system metadata)" if passed else ""
        raise RnncastError(f"{path} holds no data file{held}; zip the CSV file itself")
    if len(data) > 1:
        raise RnncastError(f"{path} holds {len(data)} data files ({_listed(data)}); a zipped table must hold exactly "
                           f"one: zip each file on its own, or unzip the archive and give the file to read "
                           f"(e.g. {PurePosixPath(data[0]).name})")
    if passed:
        log.info("%s: read %s inside it; passed over %s, metadata that holds no data (as macOS Finder's Compress "
                 "writes it)", path.name, data[0], _listed(passed))
    return data[0]


@contextmanager
def opened(path: Path, member: str | None):
    """What ``pandas.read_csv`` reads: the file ``member`` of the zip archive at ``path`` opened (binary),
    or ``path`` itself where ``member`` is None (a plain or ``.gz``, ``.bz2``, ``.xz`` file pandas opens)."""
    if member is None:
        yield path
        return
    with zipfile.ZipFile(path) as archive, archive.open(member) as f:
        yield f


def _listed(names: list[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f", ... ({len(names)} in all)" if len(names) > most else "")

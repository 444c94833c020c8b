"""Zip archives as people make them: the one data file an archive holds, found by ``data_file``, and opened
for pandas by ``opened``.

macOS Finder's "Compress" writes beside the file a ``__MACOSX/`` folder of AppleDouble entries
(``__MACOSX/._sales.csv``: the file's Finder metadata, binary) and often the folder's ``.DS_Store``; a zip
of a folder names its file ``export/sales.csv`` and the folder ``export/``. None of these holds data:
folders, anything under ``__MACOSX/``, ``.DS_Store``, ``._*`` files and ``Icon\r`` (a folder's custom icon)
are passed over, said in one INFO line. Of what is left there must be exactly one file; several are refused by
name (which one is the table is the user's to say, by zipping one file alone or unzipping the archive). A
Parquet file is read as it is unzipped (``parquet``); another archive or a compressed file inside (a nested zip,
``sales.csv.gz``) is refused naming it, as is no CSV text. Reading is zipfile's and pandas'.
"""

from __future__ import annotations

import io
import logging
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

METADATA_FOLDER = "__MACOSX"  # Finder's AppleDouble entries: resource forks and extended attributes
METADATA_FILES = (".DS_Store", "Icon\r")  # Finder's folder view settings; a folder's custom icon ('Icon' + CR)
PARQUET = "a Parquet file"
KINDS = {b"PAR1": PARQUET, b"PK\x03\x04": "a zip archive", b"\x1f\x8b": "a gzip-compressed file",
         b"BZh": "a bzip2-compressed file", b"\xfd7zXZ\x00": "an xz-compressed file", b"7z\xbc\xaf'\x1c": "a 7z archive",
         b"Rar!": "a RAR archive"}  # a member's first bytes: what it is, where it is no CSV text


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
    kind = member_kind(path, data[0])
    if kind and kind != PARQUET:
        raise RnncastError(f"{path} holds {data[0]}, {kind}, not CSV text: rnncast reads one archive deep; extract "
                           f"{PurePosixPath(data[0]).name} and give it (a .csv, .csv.gz, .csv.zip or .parquet file)")
    if passed:
        log.info("%s: read %s inside it; passed over %s, metadata that holds no data (as macOS Finder's Compress "
                 "writes it)", path.name, data[0], _listed(passed))
    return data[0]


def member_kind(path: Path, member: str) -> str:
    """What the file ``member`` of the zip archive at ``path`` is by its first bytes, where it is no text
    (``KINDS``: ``PARQUET``, an archive, a compressed file); else ""."""
    with zipfile.ZipFile(path) as archive, archive.open(member) as f:
        head = f.read(8)
    return next((kind for magic, kind in KINDS.items() if head.startswith(magic)), "")


def holds_parquet(path: Path) -> bool:
    """Whether the zip archive at ``path`` holds one data file (metadata aside), a Parquet file; nothing said."""
    with zipfile.ZipFile(path) as archive:
        data = [n for n in archive.namelist() if not is_metadata(n)]
    return len(data) == 1 and member_kind(path, data[0]) == PARQUET


def parquet(path: Path) -> io.BytesIO:
    """The one Parquet file of the zip archive at ``path`` (``holds_parquet``), read whole for pandas (Parquet
    reads its footer first: a seekable file), the metadata passed over said as ``data_file`` says it."""
    member = data_file(path)
    with zipfile.ZipFile(path) as archive:
        return io.BytesIO(archive.read(member))


def parquet_names(path: Path, inside: bool) -> list:
    """The column names a Parquet file's schema writes (the zip archive's one where ``inside``), repeated ones too,
    which pandas' reading refuses in pyarrow's words ("Multiple matches for FieldRef.Name(sales)")."""
    import pyarrow.parquet as pq

    return list(pq.read_schema(parquet(path) if inside else path).names)


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

"""A folder of Parquet files read as one table (decision 2188): a partitioned dataset as pyarrow's
``write_to_dataset``, Polars' ``write_parquet(partition_by=...)`` and Spark write it (``date=2026-12-01/part-0.parquet``,
Hive style), read with ``pyarrow.dataset``, each partition key a column of the table, typed as pyarrow infers it
(``date=2026-12-01``: text, ``store=3``: a whole number). Its files are those ending ``.parquet`` or ``.pq`` in the
folder and below it, in the order of their paths (a partition value that is a whole number as a number). The one
listing of a data folder, for CSV folders too (``listed``, once per read: ``listed_once``): files and folders whose
names start with ``.`` or ``_`` (Spark's ``_SUCCESS`` and ``_temporary``, ``.crc`` files, ``.git``) are passed over,
their folders never entered, nor a folder reached through a link; one whose folders cannot all be listed is refused
naming the reason (decision 2213: such a folder's files were passed over). A folder holding no data file is refused
by ``csvfolder.refusal``."""


from __future__ import annotations

import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from rnncast.errors import RnncastError

SUFFIXES = (".parquet", ".pq")
IGNORED = (".", "_")  # names passed over, as pyarrow's selector_ignore_prefixes does
ACCEPTED = ("expected a CSV or Parquet file, or a folder of them (a partitioned dataset, such as "
            "date=2026-12-01/part-0.parquet, or files of one header, such as 2026-11.csv and 2026-12.csv)")


_LISTINGS: ContextVar[dict | None] = ContextVar("listings", default=None)  # folder -> its files, within one read


@contextmanager
def listed_once():
    """Within it each folder is listed once (``listed``), however many questions one read asks of it (whether it holds
    Parquet or CSV files, its keys, its files: decision 2261); nested, the outer one's listings are kept."""
    if _LISTINGS.get() is not None:
        yield
        return
    token = _LISTINGS.set({})
    try:
        yield
    finally:
        _LISTINGS.reset(token)


def listed(folder: Path) -> list[Path]:
    """Every file in ``folder`` and below it, in the order of their paths (``_typed``); names starting ``.`` or ``_``
    (Spark's ``_SUCCESS`` and ``_temporary``, ``.crc`` files, ``.git``, ``.venv``) are passed over, their folders never
    entered, and a folder reached through a symbolic link is not entered either (``os.walk``'s ``followlinks=False``:
    a ``latest -> store=2`` link would read store 2 twice, a link to a parent would loop; decision 2261). Raises
    ``RnncastError`` where a folder it enters cannot be listed (decision 2213)."""
    cache = _LISTINGS.get()
    absolute = os.path.abspath(folder)
    if cache is not None and absolute in cache:
        return list(cache[absolute])

    def refuse(error: OSError):
        raise RnncastError(f"{folder}: its files cannot all be listed ({error}); {ACCEPTED}, every folder in it "
                           "readable") from None

    paths = []
    for top, folders, files in os.walk(absolute, onerror=refuse, followlinks=False):
        folders[:] = [name for name in folders if not name.startswith(IGNORED)]  # pruned before they are entered
        base = Path(folder) / Path(top).relative_to(absolute)
        paths += [base / name for name in files if not name.startswith(IGNORED)]
    paths = sorted(paths, key=lambda p: [_typed(part) for part in p.relative_to(folder).parts])
    if cache is not None:
        cache[absolute] = paths
    return list(paths)


def _typed(part: str) -> tuple:
    """A path part's place in the files' order: a Hive ``key=value`` part by its key, then its value as a whole number
    where it is one (``month=2`` before ``month=10``, as pyarrow types such a key), else as text (``date=2026-12-01``);
    any other part as text (decision 2226: month=1, 10, 11, 12, 2 read a year's rows out of time order)."""
    key, is_key, value = part.partition("=")
    whole = is_key and re.fullmatch(r"-?[0-9]+", value) is not None
    return (key, 0, int(value), "") if whole else (key if is_key else part, 1, 0, value)


FOLDER = "folder_keys"  # a frame's attrs: the partition keys of the folder it was read from (none: []); absent: a file
ORDER = ("its files are read in the order of their paths (partition values that are whole numbers as numbers: "
         "month=2 before month=10), each file's rows as written: name its files or partition values so that they "
         "sort in time order (2026-02.csv, date=2026-02-01), or give one file sorted by time")


def keys(folder: Path) -> list[str]:
    """The partition keys of ``folder``'s files (``listed``): the ``key`` of each ``key=value`` folder, in order."""
    parts = [part.partition("=")[0] for p in listed(folder) for part in p.relative_to(folder).parts[:-1] if "=" in part]
    return list(dict.fromkeys(parts))


def parquet_files(folder: Path) -> list[Path]:
    """The Parquet files in ``folder`` and below it (``listed``), in the order of their paths."""
    return [p for p in listed(folder) if p.suffix.lower() in SUFFIXES]


def is_dataset(path: Path) -> bool:
    """Whether ``path`` is a folder holding a Parquet file (``parquet_files``)."""
    return Path(path).is_dir() and bool(parquet_files(Path(path)))


def _dataset(folder: Path):
    import pyarrow.dataset as ds

    files = [str(p) for p in parquet_files(folder)]
    return ds.dataset(files, format="parquet", partitioning="hive", partition_base_dir=str(folder))


def schema(path: Path):
    """The pyarrow schema of the Parquet data at ``path``: a file's, or a dataset folder's with its partition keys."""
    if Path(path).is_dir():
        return _dataset(Path(path)).schema
    import pyarrow.parquet as pq

    return pq.read_schema(path)


def read(folder: Path):
    """The dataset in ``folder`` as one pandas frame, its partition keys as columns (after the files' own); raises
    pyarrow's error where its files do not read as one table (the caller names the folder)."""
    return _dataset(folder).to_table().to_pandas()

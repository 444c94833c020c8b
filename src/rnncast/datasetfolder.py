"""A folder of Parquet files read as one table (decision 2188): a partitioned dataset as pyarrow's
``write_to_dataset``, Polars' ``write_parquet(partition_by=...)`` and Spark write it (``date=2026-12-01/part-0.parquet``,
Hive style), read with ``pyarrow.dataset``, each partition key a column of the table, typed as pyarrow infers it
(``date=2026-12-01``: text, ``store=3``: a whole number). Its files are those ending ``.parquet`` or ``.pq`` in the
folder and below it, in the order of their paths (a partition value that is a whole number as a number); files and folders whose names start with ``.`` or ``_`` (Spark's
``_SUCCESS``, ``.crc`` files, ``_temporary``) are passed over by pyarrow's own listing. A folder holding none is
refused naming what is accepted (``refusal``); one whose folders cannot all be listed is refused naming the reason
(decision 2213: such a folder's files were passed over)."""

from __future__ import annotations

import re
from pathlib import Path

from rnncast.errors import RnncastError

SUFFIXES = (".parquet", ".pq")
ACCEPTED = ("expected a CSV or Parquet file, or a folder of them (a partitioned dataset, such as "
            "date=2026-12-01/part-0.parquet, or files of one header, such as 2026-11.csv and 2026-12.csv)")


def listed(folder: Path) -> list[Path]:
    """Every file in ``folder`` and below it, in the order of their paths, as ``pyarrow.dataset`` lists them, names
    starting ``.`` or ``_`` passed over (``selector_ignore_prefixes``: Spark's ``_SUCCESS``); raises ``RnncastError``
    where a folder in it cannot be listed (decision 2213)."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.fs as fs

    options = ds.FileSystemFactoryOptions(selector_ignore_prefixes=[".", "_"])
    try:  # listed, not read: an empty schema skips reading the files
        found = ds.FileSystemDatasetFactory(fs.LocalFileSystem(), fs.FileSelector(str(Path(folder).absolute()),
                                            recursive=True), ds.ParquetFileFormat(), options).finish(pa.schema([]))
    except OSError as error:
        raise RnncastError(f"{folder}: its files cannot all be listed ({error}); {ACCEPTED}, every folder in it "
                           "readable") from None
    paths = [Path(folder) / Path(f).relative_to(Path(folder).absolute()) for f in found.files]
    return sorted(paths, key=lambda p: [_typed(part) for part in p.relative_to(folder).parts])


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

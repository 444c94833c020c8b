"""A folder of Parquet files read as one table (decision 2188): a partitioned dataset as pyarrow's
``write_to_dataset``, Polars' ``write_parquet(partition_by=...)`` and Spark write it (``date=2026-12-01/part-0.parquet``,
Hive style), read with ``pyarrow.dataset``, each partition key a column of the table, typed as pyarrow infers it
(``date=2026-12-01``: text, ``store=3``: a whole number). Its files are those ending ``.parquet`` or ``.pq`` in the
folder and below it, in the order of their paths; files and folders whose names start with ``.`` or ``_`` (Spark's
``_SUCCESS``, ``.crc`` files, ``_temporary``) are passed over, as pyarrow does. A folder holding none is refused
naming what is accepted (``refusal``)."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".parquet", ".pq")
ACCEPTED = ("expected a CSV or Parquet file, or a folder of Parquet files (a partitioned dataset, such as "
            "date=2026-12-01/part-0.parquet)")


def parquet_files(folder: Path) -> list[Path]:
    """The Parquet files in ``folder`` and below it (see the module), in the order of their paths."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found += [Path(root) / n for n in names if not n.startswith((".", "_")) and Path(n).suffix.lower() in SUFFIXES]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def is_dataset(path: Path) -> bool:
    """Whether ``path`` is a folder holding a Parquet file (``parquet_files``)."""
    return Path(path).is_dir() and bool(parquet_files(Path(path)))


def refusal(folder: Path) -> str:
    """The refusal of ``folder`` as data: it holds no Parquet file (a CSV file in it named, to give instead)."""
    texts = sorted(p.name for p in Path(folder).glob("*.csv"))[:3] if Path(folder).is_dir() else []
    inside = f" (it holds {', '.join(texts)}: give {'it' if len(texts) == 1 else 'one of them'})" if texts else ""
    return f"{folder} is a folder holding no Parquet file{inside}; {ACCEPTED}"


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

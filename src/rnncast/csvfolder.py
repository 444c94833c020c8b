"""A folder of CSV files read as one table (decision 2216): monthly exports (``sales/2026-11.csv``,
``sales/2026-12.csv``) or a Hive-style folder (``sales/date=2026-12-01/part-0.csv``), as a folder of Parquet files
is (``datasetfolder``, decision 2188). Its files are those ending ``.csv`` or ``.tsv`` (or ``.csv.gz``, ``.csv.zip``,
``.csv.bz2``, ``.csv.xz`` ...) in the folder and below it (``folderfiles``: notes and rnncast's run folders passed
over, said; a file of another kind refused by name), in the order of their paths; names starting with ``.`` or
``_`` (Spark's ``_SUCCESS``, ``.crc`` files) are passed over. Each file is read as one CSV file is
(``data.read_table``: its separator, decimal commas, thousands marks ...; what it says, said once for the folder:
``foldernotes``), and they are put one after another in that order; a file of a header and no rows adds none (said).
Every file must have the same columns in the same order (a header that differs is refused naming its file and the
first file), and a ``key=value`` folder on a file's path adds the column ``key``, read by pyarrow's Hive
partitioning as it reads a Parquet dataset's keys (``%3A`` decoded, whole numbers where every value is one,
``__HIVE_DEFAULT_PARTITION__`` missing). A row's place is then ``line N of FOLDER/FILE``, its own file's line
(``FILES``). A folder holding Parquet files is ``datasetfolder``'s, one holding CSV files beside them is refused
(``refuse_mixed``), and one holding neither is refused naming what is accepted (``refusal``)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from rnncast import datasetfolder, folderfiles, foldernotes
from rnncast.datasetfolder import ACCEPTED, listed  # one wording of what is accepted, one listing
from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

FILES = "folder_files"  # a folder's frame's attrs: [(first row, the attrs place reads of that file)], in row order
SUFFIXES = folderfiles.TEXT


def csv_files(folder: Path) -> list[Path]:
    """The CSV files in ``folder`` and below it (``datasetfolder.listed``: one listing of a folder's files; those of
    rnncast's run folders left out), in the order of their paths."""
    return folderfiles.data_files(Path(folder), listed(folder))


def is_csv_folder(path) -> bool:
    """Whether ``path`` is a folder holding a CSV file (``csv_files``)."""
    return Path(path).is_dir() and bool(csv_files(Path(path)))


def keys(folder: Path, files: list[Path]) -> tuple[list[dict], dict]:
    """The ``key=value`` folders between ``folder`` and each of its ``files``, typed as pyarrow's Hive partitioning
    reads them (``{"date": "2026-12-01", "store": 3}``; a value missing as ``None``), and each key's pyarrow type."""
    import pyarrow.dataset as ds
    import pyarrow.fs as fs

    base = os.path.abspath(folder)
    options = ds.FileSystemFactoryOptions(partitioning=ds.HivePartitioning.discover(), partition_base_dir=base)
    factory = ds.FileSystemDatasetFactory(fs.LocalFileSystem(), [os.path.abspath(p) for p in files],
                                          ds.CsvFileFormat(), options)
    try:
        found = factory.finish(factory.inspect(fragments=0))  # the keys' schema alone: no file is read
    except TypeError:  # pyarrow before 17 inspects the first file's columns too
        found = factory.finish(factory.inspect())
    typed = {f.path: ds.get_partition_keys(f.partition_expression) for f in found.get_fragments()}
    order = [part.partition("=")[0] for p in files for part in p.relative_to(folder).parts[:-1] if "=" in part]
    named = [{k: typed[os.path.abspath(p)][k] for k in dict.fromkeys(order) if k in typed[os.path.abspath(p)]}
             for p in files]
    return named, {f.name: f.type for f in found.schema if f.name in dict.fromkeys(order)}


def read(folder: Path, read_file):
    """The CSV files in ``folder`` as one pandas frame: each read by ``read_file`` (a path to a frame: ``data``'s
    reader of one file, a header without rows read as no rows), one after another in path order, their ``key=value``
    folders as columns after the files' own. Raises ``RnncastError`` naming the file whose columns differ from the
    first file's, or whose keys do, and as ``folderfiles.chosen`` does."""
    import pandas as pd

    import pyarrow as pa

    files = folderfiles.chosen(folder, listed(folder))
    named_all, types = keys(folder, files)
    frames, first, first_keys, per_file, places, start, empty = [], None, None, [], [], 0, []
    for path, named in zip(files, named_all):
        with foldernotes.held() as records:
            frame = read_file(path)
        per_file.append((path, records))
        if first is None:
            first, first_keys = (path, list(frame.columns)), list(named)
        elif list(frame.columns) != first[1]:
            raise RnncastError(f"{path} has the columns {_shown(frame.columns)}, while {first[0]} has "
                               f"{_shown(first[1])}; the CSV files of a folder are read as one table, so each must "
                               "have the same header: give the files of one header a folder of their own, or read "
                               "them with pandas and hand over the frame")
        elif list(named) != first_keys:
            raise RnncastError(f"{path} lies under the folder keys {list(named) or 'none'}, while {first[0]} lies "
                               f"under {first_keys or 'none'}; every file of a partitioned folder needs the same keys")
        clash = [k for k in named if k in frame.columns]
        if clash:
            raise RnncastError(f"{path} lies under the folder key {clash[0]!r} and has a column of that name; rename "
                               "one of them")
        if not len(frame):
            empty.append(str(path.relative_to(folder)))
        places.append((start, {**frame.attrs, "source": str(path)}))  # line N of sales/2026-02.csv (decision 2264)
        start += len(frame)
        frames.append(frame.assign(**{k: [v] * len(frame) for k, v in named.items()}))
    foldernotes.said(folder, per_file)
    if empty:
        log.info("%s: %s %s a header and no rows: %s none", folder, ", ".join(empty),
                 *(("holds", "it adds") if len(empty) == 1 else ("hold", "they add")))
    if not start:
        raise RnncastError(f"{folder}: each of its files has a header but no rows of data ({', '.join(empty[:3])}"
                           f"{', ...' if len(empty) > 3 else ''}); expected rows of values below the header")
    table = pd.concat([f for f in frames if len(f)], ignore_index=True)  # attrs kept where every file's are equal
    for k in first_keys:  # typed as pyarrow types a Parquet dataset's keys: store=3 an int32, date=2026-12-01 text
        column = [named[k] for named, f in zip(named_all, frames) for _ in range(len(f))]
        table[k] = pa.array(column, type=types[k]).to_pandas()
    table.attrs[FILES] = places
    return table


def refuse_mixed(folder: Path) -> None:
    """Raises ``RnncastError`` where ``folder`` holds CSV files beside its Parquet files, naming one of each: read
    as one table, one kind would be passed over without a word (decision 2218); and as ``folderfiles.chosen`` does
    of any other file beside them."""
    texts = csv_files(folder)
    if texts:
        parquet = datasetfolder.parquet_files(folder)
        raise RnncastError(f"{folder} holds both Parquet files ({parquet[0].relative_to(folder)}, ...) and CSV files "
                           f"({texts[0].relative_to(folder)}, ...), so reading one kind would pass over the other; "
                           "give a folder of one kind")
    folderfiles.chosen(folder, listed(folder), datasetfolder.SUFFIXES)


def refusal(folder: Path) -> str:
    """The refusal of ``folder`` as data: it holds no CSV and no Parquet file (or is one of rnncast's runs)."""
    if folderfiles.runs(Path(folder), listed(folder))[:1] == [Path(folder)]:
        return folderfiles.run_refusal(folder)
    return f"{folder} is a folder holding no CSV or Parquet file; {ACCEPTED}"


def _shown(columns) -> str:
    names = [str(c) for c in columns]
    return ", ".join(names[:8]) + (f", ... ({len(names)} in all)" if len(names) > 8 else "")

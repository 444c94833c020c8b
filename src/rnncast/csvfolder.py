"""A folder of CSV files read as one table (decision 2216): monthly exports (``sales/2026-11.csv``,
``sales/2026-12.csv``) or a Hive-style folder (``sales/date=2026-12-01/part-0.csv``), as a folder of Parquet files
is (``datasetfolder``, decision 2188). Its files are those ending ``.csv`` (or ``.csv.gz``, ``.csv.zip``, ``.csv.bz2``,
``.csv.xz``) in the folder and below it, in the order of their paths; names starting with ``.`` or ``_`` (Spark's
``_SUCCESS``, ``.crc`` files) are passed over. Each file is read as one CSV file is (``data.read_table``: its
separator, decimal commas, thousands marks ...), and they are put one after another in that order; every file must
have the same columns in the same order (a header that differs is refused naming its file and the first file), and
a ``key=value`` folder on a file's path adds the column ``key`` (its values whole numbers where every one is, else
text, as pyarrow reads a Parquet dataset's keys). A row's place is then ``row N of FOLDER``, counted from 1 across
the files in that order. A folder holding Parquet files is ``datasetfolder``'s, one holding CSV files beside them is
refused (``refuse_mixed``), and one holding neither is refused naming what is accepted (``refusal``)."""

from __future__ import annotations

from pathlib import Path

from rnncast import datasetfolder
from rnncast.datasetfolder import ACCEPTED, listed  # one wording of what is accepted, one listing
from rnncast.errors import RnncastError

SUFFIXES = (".csv",)
COMPRESSED = (".gz", ".zip", ".bz2", ".xz")


def _is_csv(name: str) -> bool:
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in SUFFIXES


def csv_files(folder: Path) -> list[Path]:
    """The CSV files in ``folder`` and below it (``datasetfolder.listed``: one listing of a folder's files), in the
    order of their paths."""
    return [p for p in listed(folder) if _is_csv(p.name)]


def is_csv_folder(path) -> bool:
    """Whether ``path`` is a folder holding a CSV file (``csv_files``)."""
    return Path(path).is_dir() and bool(csv_files(Path(path)))


def keys(folder: Path, path: Path) -> dict[str, str]:
    """The ``key=value`` folders between ``folder`` and its file ``path``, as text (``{"date": "2026-12-01"}``)."""
    return dict(part.split("=", 1) for part in path.relative_to(folder).parts[:-1] if "=" in part)


def read(folder: Path, read_file):
    """The CSV files in ``folder`` as one pandas frame: each read by ``read_file`` (a path to a frame: ``data``'s
    reader of one file), one after another in path order, their ``key=value`` folders as columns after the files'
    own. Raises ``RnncastError`` naming the file whose columns differ from the first file's, or whose keys do."""
    import pandas as pd

    files = csv_files(folder)
    frames, first, first_keys = [], None, None
    for path in files:
        frame = read_file(path)
        named = keys(folder, path)
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
        frames.append(frame.assign(**named))
    table = pd.concat(frames, ignore_index=True)  # attrs kept where every file's are equal (pandas' rule)
    for key in first_keys:
        numbers = pd.to_numeric(table[key], errors="coerce")  # store=3: a whole number; date=2026-12-01: text
        if numbers.notna().all() and numbers.dtype.kind == "i":
            table[key] = numbers
    return table


def refuse_mixed(folder: Path) -> None:
    """Raises ``RnncastError`` where ``folder`` holds CSV files beside its Parquet files, naming one of each: read
    as one table, one kind would be passed over without a word (decision 2218)."""
    texts = csv_files(folder)
    if texts:
        parquet = datasetfolder.parquet_files(folder)
        raise RnncastError(f"{folder} holds both Parquet files ({parquet[0].relative_to(folder)}, ...) and CSV files "
                           f"({texts[0].relative_to(folder)}, ...), so reading one kind would pass over the other; "
                           "give a folder of one kind")


def refusal(folder: Path) -> str:
    """The refusal of ``folder`` as data: it holds no CSV and no Parquet file."""
    return f"{folder} is a folder holding no CSV or Parquet file; {ACCEPTED}"


def _shown(columns) -> str:
    names = [str(c) for c in columns]
    return ", ".join(names[:8]) + (f", ... ({len(names)} in all)" if len(names) > 8 else "")

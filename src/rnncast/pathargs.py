"""A path handed to a public function or method (a model folder to read or write, a file to write, an output
folder, a checkpoint): text or an ``os.PathLike`` such as ``pathlib.Path``, else one ``RnncastError`` naming the
argument and what it takes, not Python's "expected str, bytes or os.PathLike object" from deep inside ``os``; and a
data file that is no file rnncast can read (``readable``: missing, a folder holding no Parquet or CSV file, a pipe), said before it is read. Both read
a leading ``~`` as the shell does, the home folder (``expanded``): ``save("~/m")`` never makes a folder named ``~``."""

from __future__ import annotations

import os
from pathlib import Path

from rnncast import csvfolder, datasetfolder
from rnncast.errors import RnncastError


def expanded(path):
    """``path`` with a leading ``~`` or ``~user`` read as that home folder (``os.path.expanduser``), as the shell
    reads it where it is not quoted: text stays text, a ``pathlib.Path`` (any ``os.PathLike``) a ``Path``; any other
    value (None, a frame) as it is. A ``~`` whose home is not known is kept, and the path is then not found by name."""
    if isinstance(path, str):
        return os.path.expanduser(path)
    if isinstance(path, os.PathLike) and isinstance(os.fspath(path), str):
        return Path(os.path.expanduser(os.fspath(path)))
    return path


def checked(argument: str, value, what: str):
    """``value`` (``~`` read as the home folder: ``expanded``) where it is a path (text that is not blank, or an ``os.PathLike``); else a ``RnncastError``
    naming ``argument`` (``Forecaster.save's folder``) and ``what`` it names (``the folder to write the model to``).
    Bytes are refused too: every path rnncast names in messages and files is text."""
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return expanded(value)
    got = "blank text" if isinstance(value, str) else f"{type(value).__name__} {value!r}"
    raise RnncastError(f"{argument} must be {what}, as text or a pathlib.Path, got {got}")


def stem(path) -> str:
    """The name a default run folder takes from the data ``path``: its file's stem, or its folder's name; ``.`` and
    ``..`` named by the folders they are (``fit .`` wrote ``runs/-lstm``: decision 2265)."""
    return Path(os.path.abspath(expanded(path))).stem


def readable(path) -> Path:
    """``path`` as a ``Path`` (``~`` read as the home folder: ``expanded``) where it is a file rnncast can read (more than once),
    or a folder of Parquet or CSV files (``datasetfolder``, ``csvfolder``), else ``RnncastError`` naming
    what it is: missing, a folder holding no CSV or Parquet file, a pipe or device, or behind a folder that may not be searched; empty text (which
    ``Path`` reads as the current folder) named as such."""
    if isinstance(path, str) and not path.strip():
        raise RnncastError(f"the data file's path is {'empty' if not path else 'blank'} ({path!r}); give a CSV or "
                           "Parquet file's path")
    path = Path(expanded(path))
    try:
        exists, folder = path.exists(), path.is_dir()
    except OSError as err:  # a folder on the way that may not be searched (permission denied)
        raise RnncastError(f"cannot read {path}: {err.strerror or err}; check the permissions of the folders "
                           "on its path") from None
    if not exists and str(path) == "-":  # the shell's standard input: read once, and rnncast reads its data more than once
        raise RnncastError("the data '-' names no file: rnncast reads its data from a file, not from standard input "
                           "(it reads the data more than once); save it to a CSV or Parquet file and give that")
    if not exists:
        raise RnncastError(f"file not found: {path} (expected a CSV or Parquet file)")
    if folder and not datasetfolder.is_dataset(path) and not csvfolder.is_csv_folder(path):  # decisions 2188, 2216
        raise RnncastError(csvfolder.refusal(path))
    if folder:
        return path
    if not path.is_file():  # a pipe (<(cat f.csv), /dev/stdin): read once, and rnncast reads a file more than once
        raise RnncastError(f"{path} is a pipe or device, not a file, and rnncast reads its data more than once; save "
                           "it to a CSV or Parquet file and give that")
    return path

"""Which files of a data folder are read (decision 2262): its data files (CSV or tab-separated text, plain or
compressed; Parquet in a dataset folder). README files and notes (``.md``, ``.rst``, ``README``, ``NOTES`` ...), what
Explorer and Finder leave (``Thumbs.db``, ``desktop.ini``) and rnncast's own run folders (a folder holding a run's or
a backtest's ``config.json``, a tune's ``tune.json`` or a model's ``model.json``: ``fit .`` writes ``runs/`` inside
the data's folder) are passed over, said in one INFO line; any other file (``.txt``, ``.xlsx``, ``.json``,
``.parquet.gz`` beside the CSV files) is refused naming it, as it would be dropped without a word; and two files of
one name in two forms (``2026-01.csv`` and ``2026-01.csv.gz``, the same rows twice) are refused naming both."""


from __future__ import annotations

import logging
from pathlib import Path

from rnncast.configpaths import run_record
from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

TEXT = (".csv", ".tsv")  # read as data.read_table reads one CSV file: its separator found (a tab, ';' ...)
COMPRESSED = (".gz", ".zip", ".bz2", ".xz")
NOTES = (".md", ".rst", ".markdown")
NOTE_NAMES = ("readme", "license", "licence", "notes", "changelog")  # any suffix: README.txt, NOTES
RNNCAST = ("model.json", "tune.json")  # a model's folder, a tune's: rnncast's alone
SYSTEM = ("thumbs.db", "desktop.ini", "icon\r")  # what Windows' Explorer and macOS' Finder leave in a folder


def kind(name: str) -> str:
    """A file name's data suffix less its compression (``.csv`` of ``2026-01.csv.gz``), lower case; '' for none."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def stem(name: str) -> str:
    """A file's name less its data and compression suffixes: ``2026-01`` of ``2026-01.csv.gz``."""
    kept = name[: -len(Path(name).suffix)] if Path(name).suffix.lower() in COMPRESSED else name
    return kept[: -len(Path(kept).suffix)] if Path(kept).suffix else kept


def runs(folder: Path, files: list[Path]) -> list[Path]:
    """The folders among ``files``' (``folder`` itself too) that are rnncast's: holding a ``model.json`` or a
    ``tune.json``, or a ``config.json`` that is a run's record (its ``settings``); one inside another not named."""
    found = {p.parent for p in files if p.name in RNNCAST or (p.name == "config.json" and
                                                                     "settings" in (run_record(p) or {}))}
    kept: list[Path] = []
    for path in sorted(found, key=lambda p: len(p.parts)):  # a run's model/ folder: the run's own
        kept += [] if _under(path / "x", kept) else [path]
    return kept


def _under(path: Path, folders: list[Path]) -> bool:
    return any(path.parent == f or f in path.parents for f in folders)


def data_files(folder: Path, files: list[Path], suffixes=TEXT) -> list[Path]:
    """``files`` (``folder``'s, as ``datasetfolder.listed`` lists them) whose kind is one of ``suffixes`` (compressed
    too where they are text: pyarrow reads no ``.parquet.gz``), those of rnncast's run folders left out."""
    ran = runs(folder, files)
    plain = lambda p: suffixes == TEXT or Path(p).suffix.lower() in suffixes  # noqa: E731
    return [p for p in files if kind(p.name) in suffixes and plain(p) and not _under(p, ran)]


def chosen(folder: Path, files: list[Path], suffixes=TEXT) -> list[Path]:
    """The data files of ``folder`` (``data_files``), the rest said or refused: notes and run folders passed over in
    one INFO line; raises ``RnncastError`` naming a file of another kind, or two files of one name in two forms."""
    ran = runs(folder, files)
    if Path(folder) in ran:
        raise RnncastError(run_refusal(folder))  # a run's folder given as the data
    data = data_files(folder, files, suffixes)
    notes = [p for p in files if p not in data and not _under(p, ran) and _is_note(p.name)]
    others = [p for p in files if p not in data and p not in notes and not _under(p, ran)]
    if others:
        shown = others[0].relative_to(folder)
        raise RnncastError(f"{folder} holds {shown}{f' and {len(others) - 1} more file(s)' * (len(others) > 1)} beside "
                           f"its data files ({data[0].relative_to(folder)}, ...), which are read as one table of "
                           f"{' or '.join(suffixes)} files: its rows would be passed over; save it as one of them, or "
                           "move it out of the folder")
    seen: dict[tuple, Path] = {}
    for path in data:
        twin = seen.setdefault((path.parent, stem(path.name)), path)
        if twin != path:
            raise RnncastError(f"{folder} holds {twin.relative_to(folder)} and {path.relative_to(folder)}, one name "
                               "in two forms: read as one table, their rows would be read twice; keep one of them")
    passed = [str(p.relative_to(folder)) for p in notes] + [f"{p.relative_to(folder)} (an rnncast run)" for p in ran]
    if passed:
        log.info("%s: passed over, not data: %s", folder, ", ".join(passed[:5]) + (", ..." if len(passed) > 5 else ""))
    return data


def run_refusal(folder: Path) -> str:
    """The refusal of ``folder``, one of rnncast's run or model folders, as data."""
    return (f"{folder} is an rnncast run's, tune's or model's folder (it holds config.json, tune.json or model.json), "
            "not data; give the data's file or folder")


def _is_note(name: str) -> bool:
    return Path(name).suffix.lower() in NOTES or stem(name).lower() in NOTE_NAMES or name.lower() in SYSTEM

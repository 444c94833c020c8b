"""CSV files as spreadsheets write them: the header line (lines may end in LF, CR LF or CR), the
separator (found from the header, or given by Excel's ``sep=;`` first line), and what Excel's export
leaves beyond the table, which carries no value and is left out with one warning naming it:

* rows at the end of the file holding no value in any column (``,,,``: cells once formatted below the
  data). A row with no value amid the data is kept, to be refused by its line as today: it may be a
  row whose values were lost, which the user should hear of, and the lines of the rows after it stay
  those a text editor shows;
* columns with neither a name in the header nor a value in any row (``date,sales,,``: pandas'
  ``Unnamed: 2``). An unnamed column holding values is kept, named by pandas as before.

``data.read_table`` reads with these; it imports nothing of rnncast but the error type.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import logging
import lzma
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

COMPRESSIONS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".zip": None}
SEPARATORS = (",", ";", "\t", "|")  # those a header is tried with, in this order
EXCEL_SEP = re.compile(r"^\ufeff?sep=(.)$", re.IGNORECASE)  # Excel's separator line: sep=;  sep=,  sep=|


class Head(NamedTuple):
    """A CSV file's head: its header line (without its end), the separator of its columns, and the lines
    before the header that are no part of the table (1 after Excel's ``sep=`` line, else 0)."""

    header: str
    sep: str
    skip: int


def read_head(path: Path, compression: str | None) -> Head:
    """The head of the CSV file at ``path`` (``compression``: a key of ``COMPRESSIONS`` or None). A first
    line ``sep=X`` (Excel's hint, any case) gives the separator and is skipped, said in an INFO line; else
    the separator is found from the header (``separator``). Raises ``RnncastError`` for a zip archive that
    holds other than one file."""
    first, second = _lines(path, compression, 2)
    first = first.lstrip("\ufeff")  # Excel's "CSV UTF-8" byte-order mark: pandas reads past it, and so do the names
    given = EXCEL_SEP.match(first)
    if given:
        log.info("%s: its first line %r names the separator (as Excel writes it), so it is read so and the header "
                 "is line 2", path.name, first)
        return Head(second, given[1], 1)
    return Head(first, separator(first, path.name), 0)


def _lines(path: Path, compression: str | None, count: int) -> list[str]:
    """The file's first ``count`` lines (``""`` for those it lacks) without their ends."""
    if compression == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if len(names) != 1:
                raise RnncastError(f"{path} holds {len(names)} files; a zipped table must hold exactly one CSV")
            with archive.open(names[0]) as f:
                return _first_lines(f, count)
    opener = COMPRESSIONS[compression] if compression else open
    with opener(path, "rb") as f:
        return _first_lines(f, count)


def _first_lines(f, count: int, chunk: int = 1 << 16) -> list[str]:
    data = b""
    while True:  # a file of CR-only lines has no LF: readline would read all of it
        piece = f.read(chunk)
        data += piece
        lines = re.split(rb"\r\n|\r|\n", data)
        if not piece or (len(lines) > count and not data.endswith(b"\r")):  # a CR may be half of a CR LF
            lines = (lines + [b""] * count)[:count]
            return [line.decode("utf-8", errors="replace") for line in lines]  # no UTF-8 character holds a CR or LF byte


def separator(header: str, name: str) -> str:
    """Comma, unless the header line, read as CSV (quotes and all), is not cut into names by commas
    but by semicolons, tabs or bars: ``date;"price, EUR"`` is cut by ';', the comma is inside a name.
    A cut that leaves a quote inside a name (``date;"price``) cut through a quoted name."""
    def cuts(sep: str) -> bool:
        names = next(csv.reader([header], delimiter=sep), [])
        return len(names) > 1 and not any('"' in n for n in names)

    for sep in SEPARATORS:
        if cuts(sep):
            if sep != ",":
                log.info("%s is separated by %r, not commas", name, sep)
            return sep
    return ","


def without_empty(frame: pd.DataFrame, present: list[str], source: str, first_line: int) -> pd.DataFrame:
    """``frame`` (read from ``source``, whose header names ``present``, row 0 on line ``first_line``) without
    the rows at its end that hold no value in any column and the columns with neither a name nor a value,
    both named in one warning. A value is anything but a missing one or blank text."""
    empty = frame.isna().to_numpy(copy=True)  # [rows, columns], written below (pandas may hand a read-only view)
    for j, name in enumerate(frame.columns):
        if not pd.api.types.is_numeric_dtype(frame[name]):  # text read as written (ids) keeps "" as ""
            empty[:, j] |= frame[name].astype("string").str.strip().eq("").fillna(False).to_numpy(dtype=bool)
    unnamed = [j for j in range(min(len(present), frame.shape[1])) if not present[j].strip() and empty[:, j].all()]
    filled = np.flatnonzero(~empty.all(axis=1))
    end = int(filled[-1]) + 1 if len(filled) else 0  # the rows from here on hold no value
    said = []
    if end < len(frame):
        lines = first_line + end, first_line + len(frame) - 1
        which = f"line {lines[0]} holds" if lines[0] == lines[1] else f"lines {lines[0]}-{lines[1]} hold"
        said.append(f"{which} no value, only separators (as a spreadsheet writes rows below its data)")
    if unnamed:
        numbers = "column " + str(unnamed[0] + 1) if len(unnamed) == 1 else "columns " + ", ".join(str(j + 1) for j in unnamed)
        said.append(f"{numbers} of the header {'has' if len(unnamed) == 1 else 'have'} neither a name nor a value")
    if said:
        log.warning("%s: %s; left out, as they carry nothing", source, "; ".join(said))
    return frame.iloc[:end].drop(columns=[frame.columns[j] for j in unnamed]) if said else frame

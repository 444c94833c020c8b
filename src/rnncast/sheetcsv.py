"""CSV files as spreadsheets write them: the header line (the first not blank; lines may end in LF, CR LF or CR), the
separator (found from the header, or given by Excel's ``sep=;`` first line), and what Excel's export
leaves beyond the table, which carries no value and is left out with one warning naming it:

* rows at the end of the file holding no value in any column (``,,,``: cells once formatted below the
  data). A row with no value amid the data is kept, to be refused by its line as today: it may be a
  row whose values were lost, which the user should hear of, and the lines of the rows after it stay
  those a text editor shows;
* columns with neither a name in the header nor a value in any row (``date,sales,,``: pandas'
  ``Unnamed: 2``). An unnamed column holding values is kept, named by pandas as before.

``Written`` holds what is read of a file as it is written: its head and first bytes (the byte-order mark and line
end, ``csvmarks``), and its columns as text (months ``01.2000``, thousands, fixed decimals), from the first bytes
where they hold the rows asked for, else each column read from the file as text once. ``data.read_table`` reads
with these; this module imports nothing of rnncast but ``zipped`` (a zip archive's one data file). A file that is no
UTF-8 CSV text (Parquet, compressed, UTF-16, another encoding) is refused by ``nottext``.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import logging
import lzma
import re
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import zipped
from rnncast.errors import RnncastError
from rnncast.excelerrors import SPELLINGS

log = logging.getLogger(__name__)

COMPRESSIONS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".zip": None}
SEPARATORS = (",", ";", "\t", "|")  # those a header is tried with, in this order
SEP_LINE = "sep_line"  # a file's frame's attrs: True where its first line is Excel's sep=; (its forecasts' too: csvtext)
EXCEL_SEP = re.compile(r"^\ufeff?sep=(.)$", re.IGNORECASE)  # Excel's separator line: sep=;  sep=,  sep=|
HEAD = 1 << 16  # the bytes read at least from a file's start (csvmarks finds its byte-order mark and line end in them)
FIRST_LINE = 16 << 20  # the bytes read at most for a file's first two lines: no line end in them, no text table
# pandas.read_csv's default missing-value strings (its documentation lists them), kept for every column but the ids,
# and every language's Excel #N/A (German #NV, Italian #N/D: ``excelerrors``), read as the English one is
NA_STRINGS = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
              "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]
NA_STRINGS += [v for v in SPELLINGS if v not in NA_STRINGS]  # '#nv', ' #N/A' too (decision 1434)


class Head(NamedTuple):
    """A CSV file's head: its header line (without its end), the separator of its columns, the lines
    before the header that are no part of the table (Excel's ``sep=`` line, blank lines) and whether the first
    of them is Excel's ``sep=`` line."""

    header: str
    sep: str
    skip: int
    sep_line: bool = False


class Written:
    """The CSV file at ``path`` (``compression``: a key of ``COMPRESSIONS`` or None) as it is written: ``head`` (its
    ``Head``), ``first`` (its first bytes, uncompressed: ``HEAD`` of them, more where its first two lines are longer
    up to ``FIRST_LINE``, all where the file is shorter) and ``columns``, its columns as text, each read from the file
    at most once. A first line ``sep=X`` (Excel's hint, any case) gives the separator and is skipped, said in an INFO
    line; else the separator is found from the header (``separator``). ``member``: a zip archive's one data file
    (``zipped``), else None. Raises ``RnncastError`` for a zip archive that holds no data file or several
    (``zipped.data_file``), and for a file whose first ``FIRST_LINE`` bytes hold no line end (``_first_bytes``)."""

    def __init__(self, path: Path, compression: str | None):
        self.path, self.compression = path, compression
        self.member = zipped.data_file(path) if compression == ".zip" else None  # a zip archive's one data file
        self.first, self._whole = _first_bytes(path, compression, self.member)
        self.head = _head(self.first, path.name)
        self._every: dict[str, pd.Series] = {}  # column: every row of it, read as text

    def columns(self, names, rows: int | None = None) -> pd.DataFrame:
        """[rows, names] the columns ``names`` of the file's first ``rows`` rows (None: every row) as the file writes
        them: text, pandas' missing-value strings ("", NA, ...) missing, the lines before the header skipped. Taken
        from ``first`` where it holds those rows, else from every row of the columns read before; else the file is
        read: the first ``rows`` rows, or every row of the columns not read before (each column so at most once)."""
        names, first = list(names), self._first_rows
        if first is not None and (self._whole or (rows is not None and rows <= len(first))):
            return first[names].iloc[:rows]
        missing = [c for c in names if c not in self._every]
        if rows is not None and missing:
            with zipped.opened(self.path, self.member) as source:
                return self._read(source, names, rows)  # the file's start only
        if missing:
            with zipped.opened(self.path, self.member) as source:
                self._every.update(self._read(source, missing).items())
        return pd.DataFrame({c: self._every[c] for c in names}).iloc[:rows]

    def title(self, name: str) -> str | None:
        """Where the file's first line is one field above a line of several (``Sales report 2020`` over
        ``date,y,x``), or the header (the first line below of as many fields as the row under it, some no name) is
        further down: lines above it are a title, as a spreadsheet's export may write it (``Filiale: München, Stand
        01.11.2023`` too), which pandas reads as the header; a refusal saying so, naming every line above the header
        (rnncast has no setting to skip lines), else None."""
        lines = [line.decode("utf-8", errors="replace").lstrip("\ufeff")
                 for line in re.split(rb"\r\n|\r|\n", self.first)[self.head.skip:]] + ["", ""]
        fields = lambda line: _filled(line, self.head.sep)  # noqa: E731

        def header_at(k: int) -> bool:  # names over a row of as many fields, some no name: the data's header
            sep = _cut(lines[k])[0]
            row = _fields(lines[k + 1], sep or ",")
            return (sep is not None and len(row) == len(_fields(lines[k], sep)) and not _dated(lines[k], sep)
                    and not all(_a_name(f) for f in row if f.strip()))  # 'Sun, 01/01/2023,100': a row, no header
        at = next((k for k in range(1, min(len(lines) - 2, 10)) if header_at(k)), None)  # a title may hold a comma
        if at is None or header_at(0):  # ('Filiale: München, Stand 01.11.2023'); else the first line of names below
            at = next((k for k in range(1, min(len(lines) - 2, 10)) if _cut(lines[k])[1]), 1)  # ('exported 2024-01-01')
            if len(fields(lines[0])) != 1 or not (_fields(lines[0], self.head.sep) or [""])[0].strip():
                return None  # one field, the first ('Sales report 2024,,' as Excel writes a title over three columns)
        second = lines[at]
        if not any(_a_name(field) for field in _cut(second)[1]):  # '1,5' under 'y': a decimal comma, said otherwise
            return None
        titles = [self.head.sep.join(fields(line)).strip() for line in lines[:at] if fields(line)]
        blank = " and the blank lines below it" if at > len(titles) else ""
        many = "s" if len(titles) > 1 else ""  # 'the first lines ... look', 'the first line ... looks'
        return (f"the first line{many} of {name} ({', '.join(map(repr, titles))}) look{'' if many else 's'} like a "
                f"title above the header (line {self.head.skip + 1 + at}: {second.strip()[:80]!r}), and the first line "
                f"is read as the header; remove the title line{many}{blank} so that the column names come first")

    @cached_property
    def unnamed(self) -> list[str]:
        """The names pandas gives the fields its header line leaves empty (``,sales``: ``Unnamed: 0``), in order; a
        forecast names such a column as the file does, with no name (``csvtext``)."""
        fields = next(csv.reader([self.head.header], delimiter=self.head.sep), [])
        names = pd.read_csv(io.StringIO(self.head.header), sep=self.head.sep, nrows=0, index_col=False).columns
        return [str(n) for f, n in zip(fields, names) if not f.strip()] if len(names) == len(fields) else []

    @cached_property
    def _first_rows(self) -> pd.DataFrame | None:
        """The rows whose lines ``first`` holds whole, as text; None where they are no CSV alone (a quoted value
        that goes on past ``first``)."""
        ends = max(self.first.rfind(b"\n"), self.first.rfind(b"\r")) + 1  # no UTF-8 character holds a CR or LF byte
        try:
            return self._read(io.BytesIO(self.first if self._whole else self.first[:ends]))
        except (pd.errors.ParserError, pd.errors.EmptyDataError):
            return None

    def _read(self, source, names=None, rows: int | None = None) -> pd.DataFrame:
        return pd.read_csv(source, sep=self.head.sep, usecols=names, dtype=str, compression="infer", index_col=False,
                           skiprows=self.head.skip, nrows=rows)


def _fields(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep), [])


def _filled(line: str, sep: str) -> list[str]:
    """The fields of ``line`` cut by ``sep`` that are not blank."""
    return [f for f in _fields(line, sep) if f.strip()]


def _cut(line: str) -> tuple[str | None, list[str]]:
    """The first of ``SEPARATORS`` that cuts ``line`` into several fields not blank (',,' counts none), and those
    fields; (None, []) where none does (a title line)."""
    return next(((sep, names) for sep in SEPARATORS if len(names := _filled(line, sep)) > 1), (None, []))


def _head(first: bytes, name: str) -> Head:
    lines = [line.decode("utf-8", errors="replace") for line in re.split(rb"\r\n|\r|\n", first)] + ["", ""]
    lines[0] = lines[0].lstrip("\ufeff")  # Excel's "CSV UTF-8" byte-order mark: pandas reads past it, so do the names
    given = EXCEL_SEP.match(lines[0])
    at = next((k for k in range(int(bool(given)), len(lines) - 2) if lines[k].strip(" \t")), int(bool(given)))
    header = lines[at]  # blank lines above it passed over, as pandas does
    if wide(first, header):  # UTF-16 or binary (nul_bytes): its bytes no quotes (UTF-16's Т is 22 04) nor separators
        return Head(header, ",", at)
    if header.count('"') % 2:  # a quoted name runs on past the line: Excel's wrapped header cell ("temp\n(°C)")
        cell = header[header.rfind('"', 0, len(header.rstrip().rstrip('"'))) :]
        raise RnncastError(f"the header of {name} (line {at + 1}) breaks a column name over lines ({cell.strip()}... "
                           f"continues on line {at + 2}): write each column's name on one line (remove the line break "
                           "from the spreadsheet's header cell)")
    if given:
        log.info("%s: its first line %r names the separator (as Excel writes it), so it is read so and the header "
                 "is line %d", name, lines[0], at + 1)
        return Head(header, given[1], at, True)
    return Head(header, separator(header, name), at)


def _first_bytes(path: Path, compression: str | None, member: str | None) -> tuple[bytes, bool]:
    """The file's first bytes (``Written.first``) and whether they are all of it (a zip archive's: its ``member``).
    Raises ``RnncastError`` where ``FIRST_LINE`` bytes hold no line end and no NUL (a NUL is refused by name later):
    a 2 GB file of one line was read to its end, quadratically, for hours (decision 1647)."""
    with binary(path, compression, member) as f:
        first, whole = _read_first(f)
    if not whole and len(first) >= FIRST_LINE and b"\x00" not in first and not re.search(rb"\r|\n", first):
        name = f"{member} in {path}" if member else str(path)
        size = f"{FIRST_LINE / 2 ** 20:.3g} MB"  # 16 MB
        raise RnncastError(f"{name} has no line break in its first {size}: rnncast reads a CSV file whose header line "
                           f"is under {size}; a file of one line is no table, and a table that wide (about a million "
                           "series columns) is read from a Parquet file")
    return first, whole


@contextmanager
def binary(path: Path, compression: str | None, member: str | None):
    """The file's bytes opened (``filelines`` counts its lines in them), unzipped (a zip archive's ``member``) or decompressed."""
    if compression == ".zip":
        with zipped.opened(path, member) as f:
            yield f
    else:
        with (COMPRESSIONS[compression] if compression else open)(path, "rb") as f:
            yield f


def wide(first: bytes, header: str) -> bool:
    """Whether a file is refused by ``nottext.nul_bytes``: ``first`` begins with a UTF-16 byte-order mark, ``header`` has NULs."""
    return first.startswith((b"\xff\xfe", b"\xfe\xff")) or "\x00" in header


def _read_first(f, count: int = 2) -> tuple[bytes, bool]:
    """The first bytes of ``f`` holding its first ``count`` lines whole (at least ``HEAD``; all where it is shorter)
    and whether they are all of it. Reading stops early where no line has ended: at a NUL byte (refused by
    ``nottext.nul_bytes``) or after ``FIRST_LINE`` bytes (the caller refuses it), and after ``FIRST_LINE`` where
    the header has ended but the next line has not. Linear in the bytes read: each piece is searched once, alone."""
    pieces, size, ends, last = [], 0, 0, b""  # the pieces read, their length, the line ends in them, the last byte
    while True:  # a file of CR-only lines has no LF: readline would read all of it
        piece = f.read(HEAD)
        pieces.append(piece)
        size += len(piece)
        if piece:  # CR LF, a lone CR and a lone LF each end a line; a CR LF cut between two pieces is one
            ends += piece.count(b"\r") + piece.count(b"\n") - piece.count(b"\r\n") - (last == b"\r" and piece[:1] == b"\n")
            last = piece[-1:]
        enough = ends >= count and last != b"\r"  # a CR may be half of a CR LF
        if not piece or enough or size >= FIRST_LINE or (not ends and b"\x00" in piece):
            return b"".join(pieces), not piece or (len(piece) < HEAD and not f.read(1))  # a short read: the end


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


def without_empty(frame: pd.DataFrame, present: list[str], source: str, line) -> pd.DataFrame:
    """``frame`` (read from ``source``, whose header names ``present``; ``line(i)``: the line row ``i`` is on, or
    an int, row 0's line, where no line is blank) without
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
        at = line if callable(line) else (lambda i: line + i)
        lines = at(end), at(len(frame) - 1)
        which = f"line {lines[0]} holds" if lines[0] == lines[1] else f"lines {lines[0]}-{lines[1]} hold"
        said.append(f"{which} no value, only separators (as a spreadsheet writes rows below its data)")
    if unnamed:
        numbers = "column " + str(unnamed[0] + 1) if len(unnamed) == 1 else "columns " + ", ".join(str(j + 1) for j in unnamed)
        said.append(f"{numbers} of the header {'has' if len(unnamed) == 1 else 'have'} neither a name nor a value")
    if said:
        log.warning("%s: %s; left out, as they carry nothing", source, "; ".join(said))
    return frame.iloc[:end].drop(columns=[frame.columns[j] for j in unnamed]) if said else frame


def _a_name(field: str) -> bool:
    """Whether ``field`` reads as a column's name: text that is neither a number nor a date."""
    text = field.strip()
    return bool(text) and pd.isna(pd.to_numeric(text, errors="coerce")) and pd.isna(
        pd.to_datetime(text, errors="coerce", format="mixed"))


def _dated(line: str, sep: str) -> bool:
    """Whether a field of ``line`` cut by ``sep`` is a date (a row's value, no column's name: decision 1477)."""
    return any(not _a_name(f) and pd.isna(pd.to_numeric(f.strip(), errors="coerce")) for f in _filled(line, sep))


def values_not_names(names: list[str]) -> bool:
    """Whether a header line holds values rather than column names: every field a number or a date, one at least
    a date or a number that is no whole number (``0.000000000000000000e+00``, as ``np.savetxt`` writes a file
    without a header; ``2023-09-01,147.5``). Whole numbers alone (``1001,1002``) may label series, and a name is
    anything else."""
    fields = [name.strip() for name in names]
    if not fields or any(not field for field in fields):
        return False
    text = pd.Series(fields)
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")  # 26150,92 after ';' too
    dates = pd.to_datetime(text, errors="coerce", format="mixed", utc=True)  # two offsets in one header line
    whole = text.str.fullmatch(r"[+-]?\d+")
    dated = dates.notna() & numbers.isna() & text.str.contains(r"\d")  # "2023-09-01" a date; "1", "Jan" no date
    return bool((numbers.notna() | dated).all() and (dated | (numbers.notna() & ~whole)).any())

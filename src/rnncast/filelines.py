"""The line of a CSV file each row of its frame is on, as a text editor numbers the file's lines.

pandas passes over blank lines (empty, or spaces and tabs only: at the start, amid the rows, several in a row) and
reads a quoted value across its line breaks (a note of two lines) as one row, so row ``i`` is on line ``i + 2`` (3
after Excel's ``sep=`` line) only in a file with neither. The lines are counted where a refusal or a warning names
one, once per file (Python's ``csv`` module, which reads quotes as pandas does; lines end in LF, CR LF or CR): what
``data.read_table`` keeps in ``frame.attrs[READ_FROM]`` (``read_from``: the file, its compression, zip member,
separator, the lines before its header that are no part of the table, the rows pandas read) is enough to count them
again, and is plain JSON, as a frame's attrs must be for Parquet. Where the file is gone, changed or is counted to
hold other rows than pandas read, ``line`` falls back on ``i + frame.attrs['line_offset']``, what it was before.
"""

from __future__ import annotations

import csv
import io
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from rnncast.sheetcsv import Written, binary

READ_FROM = "read_from"  # frame.attrs: how to find a CSV file's lines again (read_from)
BLANK = " \t"  # what a line pandas passes over as blank holds, if anything


def read_from(written: Written, rows: int) -> dict:
    """What ``line`` needs of the CSV file ``written`` (``sheetcsv.Written``) of which pandas read ``rows`` rows
    (with the rows of separators only at its end): text, numbers and None only."""
    return {"path": str(Path(written.path).resolve()), "compression": written.compression, "member": written.member,
            "sep": written.head.sep, "skip": int(written.head.skip), "rows": int(rows)}


def line(i: int, attrs: dict) -> int:
    """The line (1 for the file's first) row ``i`` (0-based, as pandas read the file) of a frame read from a CSV
    file is on; ``attrs``: the frame's attrs, ``READ_FROM`` and ``line_offset`` (row 0's line were no line blank
    and no value of several lines) in them. Raises ``KeyError`` where ``attrs`` holds no ``line_offset``."""
    starts = _counted(attrs.get(READ_FROM))
    return int(starts[i]) if starts is not None and 0 <= i < len(starts) else i + attrs["line_offset"]


def _counted(given: dict | None) -> np.ndarray | None:
    if not given:
        return None
    try:
        stat = os.stat(given["path"])
    except (OSError, KeyError, TypeError):
        return None  # gone since it was read: the lines as if none were blank
    return starts(given["path"], given["compression"], given["member"], given["sep"], given["skip"], given["rows"],
                  stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def starts(path: str, compression: str | None, member: str | None, sep: str, skip: int, rows: int,
           mtime_ns: int = 0, size: int = 0) -> np.ndarray | None:
    """[rows] the line each row of the CSV file at ``path`` begins on (1-based), the header being the first line
    not blank after the ``skip`` lines before it; None where the file cannot be counted so or its rows are not
    ``rows`` (pandas read it otherwise). ``mtime_ns`` and ``size`` only tell a changed file from the one counted."""
    try:
        with binary(Path(path), compression, member) as f:
            text = f.read().decode("utf-8", errors="replace")
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=sep)
        found, end, header = [], 0, False
        for record in reader:
            start, end = end + 1, reader.line_num
            if start <= skip or not record or (len(record) == 1 and not record[0].strip(BLANK)):
                continue  # Excel's sep= line; a blank line, which pandas passes over
            if header:
                found.append(start)
            header = True
    except (OSError, csv.Error, EOFError, ValueError):
        return None
    return np.asarray(found, dtype=np.int64) if len(found) == rows else None


def cell(i: int, name, attrs: dict) -> str | None:
    """The text row ``i`` (0-based, as pandas read the file) of a frame read from a CSV file holds under the header
    ``name``, as the file writes it (``#NV`` where pandas read a missing value); None where the frame was read from
    no such file, the file is gone, or the header or row is not found. Read at a refusal only: the file again."""
    given = attrs.get(READ_FROM)
    if not given or i < 0:
        return None
    try:
        with binary(Path(given["path"]), given["compression"], given["member"]) as f:
            text = f.read().decode("utf-8", errors="replace")
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=given["sep"])
        header, row, end = None, 0, 0
        for record in reader:
            start, end = end + 1, reader.line_num
            if start <= given["skip"] or not record or (len(record) == 1 and not record[0].strip(BLANK)):
                continue
            if header is None:
                header = [h.strip() for h in record]
            elif row == i:
                j = header.index(str(name).strip()) if str(name).strip() in header else None
                return record[j] if j is not None and j < len(record) else None
            else:
                row += 1
    except (OSError, csv.Error, EOFError, ValueError, KeyError, TypeError):
        return None
    return None


def longer(written: Written, fields: int) -> int | None:
    """The line the first row of the CSV file ``written`` holding more than ``fields`` values begins on, or None;
    pandas' own count, in its refusal of such a row, passes over the line breaks of quoted values."""
    try:
        with binary(Path(written.path), written.compression, written.member) as f:
            text = f.read().decode("utf-8", errors="replace")
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=written.head.sep)
        end = 0
        for record in reader:
            start, end = end + 1, reader.line_num
            if start > written.head.skip and len(record) > fields:
                return start
    except (OSError, csv.Error, EOFError, ValueError):
        return None
    return None

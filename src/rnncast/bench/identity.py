"""What a benchmark file is: which known table it holds, told by what it holds and not by its name, and
the file's identity that ``results.csv`` records.

* :func:`recognise`: a table read (:func:`rnncast.bench.tablefile.read_table`) is the known table whose
  :data:`rnncast.bench.published.SIGNATURES` entry it matches: the same value columns and number of rows,
  and the same first and last rows (to 1e-5 relative) where those are recorded. Where only the shape is
  recorded (ETTh2, ETTm2, Weather, Electricity, Traffic: files not at hand here) the shape decides, and
  the output says so. ``ETTh1 (1).csv`` holding ETTh1 is ETTh1; an ``exchange_rate.csv`` of one's own is
  not the Exchange table, and runs as a table of its own (no published rows, no recipe).
* :func:`note`: the one line the command prints about it, when there is something to say.
* :func:`source_of`: the file's absolute path and the SHA-256 of its bytes (first 12 hex digits), so that
  rows of two files of the same name are never taken for one table's.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rnncast.bench.published import SIGNATURES, Signature
from rnncast.bench.tablefile import Table

RTOL = 1e-5  # the signature keeps 6 significant digits


@dataclass(frozen=True)
class Recognition:
    """What :func:`recognise` found a table to be."""

    file_name: str  # the table's name as read: the file's name less its suffixes
    known: str | None  # the known table it holds (a key of SIGNATURES), None for any other table
    by_shape: bool = False  # known by its shape only: the released file's values are not recorded here
    differs: str = ""  # named like a known table it does not hold: how it differs from that one

    @property
    def dataset(self) -> str:
        """The name results go under: the known table's, else the file's."""
        return self.known or self.file_name

    @property
    def protocol(self) -> str | None:
        """The protocol of the known table held ('ett' or 'custom'), None for another table."""
        return SIGNATURES[self.known].protocol if self.known else None

    @property
    def named_like(self) -> str | None:
        """The known table the file is named like (any case), whether or not it holds it."""
        return next((k for k in SIGNATURES if k.casefold() == self.file_name.casefold()), None)


def recognise(table: Table) -> Recognition:
    """The known table ``table`` holds, by content: first those whose values are recorded, then those
    known by shape only."""
    ordered = sorted(SIGNATURES, key=lambda k: SIGNATURES[k].first is None)
    for name in ordered:
        if not _difference(table, SIGNATURES[name]):
            return Recognition(table.name, name, by_shape=SIGNATURES[name].first is None)
    named = Recognition(table.name, None).named_like
    return Recognition(table.name, None, differs=_difference(table, SIGNATURES[named]) if named else "")


def _difference(table: Table, signature: Signature) -> str:
    """How ``table`` differs from ``signature``, "" when it holds it."""
    rows, width = table.values.shape
    columns = signature.columns if isinstance(signature.columns, int) else len(signature.columns)
    if (rows, width) != (signature.rows, columns):
        return f"{rows} rows × {width} columns, the published one has {signature.rows} × {columns}"
    if not isinstance(signature.columns, int) and tuple(table.columns) != signature.columns:
        return f"columns {', '.join(table.columns)}, the published ones are {', '.join(signature.columns)}"
    if signature.first is not None and not (
            np.allclose(table.values[0], signature.first, rtol=RTOL, atol=1e-9)
            and np.allclose(table.values[-1], signature.last, rtol=RTOL, atol=1e-9)):
        return f"{rows} rows × {width} columns as published, but other values in its first or last row"
    return ""


def note(found: Recognition, file: str, protocol: str) -> str:
    """The one line the command prints about what ``file`` (its name) holds, run under ``protocol``;
    "" for a known table under its own name, or a table of one's own under a name of its own."""
    if found.known:
        signature = SIGNATURES[found.known]
        how = (f"by its shape only ({signature.rows} rows, {_width(signature)} columns; the released file's values "
               "are not recorded here)" if found.by_shape else "by its columns, rows and first and last rows")
        if found.file_name == found.known and not found.by_shape:
            return ""
        return f"{file} holds {signature.title}, recognised {how}: run as {found.known}"
    if found.named_like:
        signature = SIGNATURES[found.named_like]
        defaults = ("the custom protocol's defaults used" if protocol == "custom"
                    else f"run under the {protocol} protocol as asked")
        return f"{file} is not {signature.title} ({found.differs}): no published rows compared, {defaults}"
    return ""


def _width(signature: Signature) -> int:
    return signature.columns if isinstance(signature.columns, int) else len(signature.columns)


@dataclass(frozen=True)
class Source:
    """The file a run read, as results.csv records it."""

    path: str  # as given, made absolute (links not followed: the name the user gave)
    sha256: str  # the first 12 hex digits of the SHA-256 of its bytes

    def describe(self) -> str:
        return f"{self.path} (sha256 {self.sha256})"


def source_of(path: str | Path) -> Source:
    """The identity of the file at ``path``: its absolute path and a digest of its bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return Source(os.path.abspath(path), digest.hexdigest()[:12])

"""What a benchmark file is: which known table it holds, told by what it holds and not by its name, and
the file's identity that ``results.csv`` records.

* :func:`recognise`: a table read (:func:`rnncast.bench.tablefile.read_table`) is the known table whose
  :data:`rnncast.bench.published.SIGNATURES` entry it matches: the same value columns and number of rows,
  the same first and last rows (to 1e-5 relative), checked first as they are cheap, and then every value
  (:func:`digest`, to 7 significant digits and no finer than 1e-6, so that a CSV, TSV, gzip or Parquet copy of
  the same numbers is the same table). A table of that shape and those first and last rows whose other values differ is a near
  miss: a table of its own, said. Where only the shape is recorded (ETTh2, ETTm2, Weather, Electricity,
  Traffic: files not at hand here) the shape alone claims nothing: a file of that shape is taken for the
  table only under its name (``ETTh2.csv``, ``ettm2.csv.gz``), said; under another name it is a table of its
  own, and the line says how to name it. ``ETTh1 (1).csv`` holding ETTh1 is ETTh1; an ``exchange_rate.csv``
  of one's own is not the Exchange table, and runs as a table of its own (no published rows, no recipe).
  A table of other rows or columns whose first row is an ETT table's on every column it has (ETTh1 cut to the
  protocol's 14,400 rows, or to its OT column) is none of them either; :attr:`Recognition.starts` names them,
  so that the line can point to ``--protocol ett`` (decision 1729).
* :func:`note`: the one line the command prints about it, when there is something to say.
* :func:`source_of`: the file's absolute path and the SHA-256 of its bytes (all 64 hex digits, which
  ``sha256sum`` prints; rows of earlier versions kept the first 12), so that rows of two files of the same name
  are never taken for one table's.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rnncast.bench.published import SIGNATURES, Signature, signature_named
from rnncast.bench.tablefile import Table

RTOL = 1e-5  # the signature's first and last rows keep 6 significant digits
DIGITS, FINEST = 7, -6  # every value is compared to 7 significant digits, none finer than 1e-6 (digest)


@dataclass(frozen=True)
class Recognition:
    """What :func:`recognise` found a table to be."""

    file_name: str  # the table's name as read: the file's name less its suffixes
    known: str | None  # the known table it holds (a key of SIGNATURES), None for any other table
    by_name: bool = False  # taken for it by its name and shape: the released file's values are not stored here
    near: str | None = None  # a known table whose columns, rows, first and last rows it has, but not all its values
    shaped: str | None = None  # a table known by shape only whose shape it has, under another name
    differs: str = ""  # named like a known table it does not hold: how it differs from that one
    starts: tuple[str, ...] = ()  # ETT tables whose first row it has on its columns, holding none of them (_starts)

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
        return signature_named(self.file_name)


def recognise(table: Table) -> Recognition:
    """The known table ``table`` holds: one whose values are recorded by every value (its shape and first and
    last rows first); one known by shape only where the file also has its name; else none, with what it was
    nearly (:class:`Recognition`)."""
    name = table.name
    candidates = [k for k, s in SIGNATURES.items() if s.digest and not _difference(table, s)]
    if candidates:
        value = digest(table)
        held = next((k for k in candidates if SIGNATURES[k].digest == value), None)
        return Recognition(name, held) if held else Recognition(name, None, near=candidates[0])
    named = signature_named(name)
    if named and SIGNATURES[named].digest is None and not _difference(table, SIGNATURES[named]):
        return Recognition(name, named, by_name=True)
    if named:
        return Recognition(name, None, differs=_difference(table, SIGNATURES[named]), starts=_starts(table))
    shaped = next((k for k, s in SIGNATURES.items() if s.digest is None and not _difference(table, s)), None)
    return Recognition(name, None, shaped=shaped, starts=_starts(table))


def _starts(table: Table) -> tuple[str, ...]:
    """The ETT tables whose recorded first row ``table``'s first row is on each of its value columns (every one of
    them among the table's): a copy cut to fewer rows or to some columns."""
    found = []
    for key, signature in SIGNATURES.items():
        if signature.protocol != "ett" or signature.first is None or isinstance(signature.columns, int):
            continue
        if not table.columns or not set(table.columns) <= set(signature.columns) or not len(table.values):
            continue
        first = [signature.first[signature.columns.index(c)] for c in table.columns]
        if np.allclose(np.asarray(table.values[0], dtype=np.float64), first, rtol=RTOL, atol=1e-9):
            found.append(key)
    return tuple(found)


def digest(table: Table) -> str:
    """A digest (32 hex digits of a SHA-256) of the table's value columns' names and of every value rounded to
    :data:`DIGITS` significant digits, and no finer than :data:`FINEST` (:func:`_rounded`): the same for any file
    holding those numbers (CSV, TSV, compressed, Parquet; float64, or float32 where that keeps them to that
    precision), another for a table with any value changed beyond it."""
    mantissa, unit = _rounded(np.asarray(table.values, dtype=np.float64))
    hashed = hashlib.sha256("\x1f".join(table.columns).encode())
    for part in (np.asarray(table.values.shape), mantissa, unit):
        hashed.update(np.ascontiguousarray(part, dtype="<i8").tobytes())
    return hashed.hexdigest()[:32]


def _rounded(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(mantissa, unit)``, whole numbers: each value is ``mantissa * 10**unit``, rounded to its
    :data:`DIGITS` leading digits, or to ``10**FINEST`` where that is coarser (values below 1 in magnitude),
    the same pair for every value that rounds alike (999999.97 and 1000000 both ``(1000000, 0)``)."""
    magnitude = np.zeros(values.shape, dtype=np.int64)
    nonzero = values != 0
    magnitude[nonzero] = np.floor(np.log10(np.abs(values[nonzero])))
    unit = np.maximum(magnitude - DIGITS + 1, FINEST)
    mantissa = np.rint(values / 10.0 ** unit)
    carried = np.abs(mantissa) >= 10 ** DIGITS  # 9999999.7 rounds to 10000000: one digit more, one unit up
    mantissa[carried], unit[carried] = np.rint(mantissa[carried] / 10), unit[carried] + 1
    return mantissa.astype(np.int64), unit


def _difference(table: Table, signature: Signature) -> str:
    """How ``table`` differs from ``signature`` in its shape, columns, first and last rows; "" when it has them."""
    rows, width = table.values.shape
    if (rows, width) != (signature.rows, signature.width):
        return f"{rows} rows × {width} columns, the published one has {signature.rows} × {signature.width}"
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
    own = f"run as a table of its own under the {protocol} protocol{'' if protocol == 'custom' else ' as asked'}"
    if found.known and found.by_name:
        signature = SIGNATURES[found.known]
        return (f"{file} is taken for {signature.title}, recognised by its name and shape only ({_shape(signature)}): "
                f"its values are not stored here to check")
    if found.known:
        if found.file_name == found.known:
            return ""
        return f"{file} holds {SIGNATURES[found.known].title}, recognised by its columns and every value: run as {found.known}"
    if found.near:
        signature = SIGNATURES[found.near]
        return (f"{file} has the columns, rows and first and last rows of {signature.title} but not all its values: "
                f"{own}; published rows are for the released file{_ett_anyway(signature, protocol)}")
    if found.shaped:
        signature = SIGNATURES[found.shaped]
        return (f"{file} has the shape of {signature.title} ({_shape(signature)}), whose values are not stored here to "
                f"check: {own}; a file of this shape named {found.shaped}.csv (any case) is taken for that table"
                f"{_ett_anyway(signature, protocol)}")
    if found.named_like:
        signature = SIGNATURES[found.named_like]
        defaults = ("the custom protocol's defaults used" if protocol == "custom"
                    else f"run under the {protocol} protocol as asked")
        return f"{file} is not {signature.title} ({found.differs}): no published rows compared, {defaults}{_cut(found, protocol)}"
    if found.starts and protocol == "custom":
        return f"{file} holds none of the known tables: {own}{_cut(found, protocol)}"
    return ""


def _cut(found: Recognition, protocol: str) -> str:
    """Where a table that starts as an ETT table runs under the custom protocol: that it does, and how to give it
    ETT's split (decision 1729)."""
    if not found.starts or protocol != "custom":
        return ""
    return (f"; its first row is that of {' and '.join(found.starts)} (a copy cut to fewer rows or columns?): --protocol "
            "ett runs the published split (ETT's borders, from its time column's step)")


def _shape(signature: Signature) -> str:
    names = "" if isinstance(signature.columns, int) else ", its column names"
    return f"{signature.rows} rows × {signature.width} columns{names}"


def _ett_anyway(signature: Signature, protocol: str) -> str:
    """Where an ETT table's near miss runs under the custom protocol: how to give it ETT's borders anyway."""
    if signature.protocol != "ett" or protocol == "ett":
        return ""
    return "; --protocol ett runs it under ETT's borders (from its time column's step)"


@dataclass(frozen=True)
class Source:
    """The file a run read, as results.csv records it."""

    path: str  # as given, made absolute (links not followed: the name the user gave)
    sha256: str  # the SHA-256 of its bytes, 64 hex digits (decision 1731; rows before it kept the first 12)

    def describe(self) -> str:
        """The file and the first 12 hex digits of its SHA-256, enough to tell two files apart in a line."""
        return f"{self.path} (sha256 {self.sha256[:12]})"

    def same_bytes(self, recorded: str) -> bool:
        """Whether results.csv's ``data_sha256`` is this file's: its full SHA-256, or the first 12 hex digits
        that rows of earlier versions kept."""
        return bool(recorded) and self.sha256.startswith(recorded)


def source_of(path: str | Path) -> Source:
    """The identity of the file at ``path``: its absolute path and a digest of its bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return Source(os.path.abspath(path), digest.hexdigest())

"""A benchmark table read from its file: the time column found and its order checked, every other
column a value column of finite numbers, none missing, the target chosen. :func:`read_table` is the one
reader of ``rnncast bench``; :mod:`rnncast.bench.tables` splits what it reads under a protocol.

The file is read as the library reads one (:func:`rnncast.data.read_table`: CSV, also compressed, or
Parquet). Its first line names the columns, read without spaces around them (``date, OT``). A first column
that numbers the rows (``index``, ``idx`` or pandas' unnamed index: 0, 1, 2 ...) is the row order, not a
series (two such columns, an index written twice, are both). The first column is the time column by the rules of
:mod:`rnncast.bench.columns` (the library's: a time's name, months ``194001`` named ``month``, dates written as
text; Unix times under a name that says time, whole and rising), its order checked. Every other column must hold
finite numbers, none missing (the protocol scores every row), each refusal naming the file and the column and row
at fault (in S mode, which reads the target alone, another such column is left out instead, and a note names it); a numeric first column that is not time is a value column, and :attr:`Table.notes` says so. The target
is ``OT`` when the file has one (the LTSF files' name for it; ``ot`` or ``Ot`` too, where it is the only one), else the
last column, unless given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import data, sheetcsv
from rnncast.bench import codes
from rnncast.bench.columns import TIME_NAMES, as_times, check_values, fault, missing_said, time_column as find_time
from rnncast.bench.protocol import TARGET
from rnncast.errors import RnncastError
from rnncast.rowindex import ROW_NAMES, UNNAMED, row_numbers
from rnncast.lookalikes import unicode_form


@dataclass(frozen=True)
class Table:
    """A benchmark CSV as read: the values of every value column, raw units."""

    name: str  # the file's name less its suffixes: 'ETTh1', 'exchange_rate', ...
    values: np.ndarray  # [T, C] float64
    columns: list[str]  # the value columns, the file's order
    time_column: str | None  # the column read as time (not a value), or None
    target: str
    notes: tuple[str, ...] = ()  # how the file was read where a reader could expect otherwise, one line each
    first_is_value: bool = False  # the first column holds numbers that are no times: a value column
    times: pd.DatetimeIndex | None = field(default=None, compare=False, repr=False)  # the time column read as times
    # (UTC; columns.time_column), None where there is none or it holds none (integer steps)
    written: tuple[str, ...] | None = field(default=None, compare=False, repr=False)  # the time column's values as
    # the file writes them (results record the split's first and last dates so: measure.split_settings)
    placed: dict = field(default_factory=dict, compare=False, repr=False)  # how a row is placed in the file
    # (rnncast.data.place's attrs: 'line 103 of a.csv', as the missing-value refusal names it)


def dataset_name(path: str | Path) -> str:
    """The dataset's name, the file's name less its suffixes: ``ETTh1`` for ETTh1.csv and ETTh1.csv.gz."""
    name = Path(path).name
    for suffix in reversed(Path(name).suffixes):
        if suffix.lower() not in (".csv", ".txt", ".tsv", ".parquet", ".pq", *data.COMPRESSIONS):
            break
        name = name[: -len(suffix)]
    return name or Path(path).stem


def read_table(path: str | Path, target: str | None = None, mode: str = "M", missing: str | None = None) -> Table:
    """Read a benchmark table (CSV, also compressed, or Parquet: :func:`rnncast.data.read_table`); every
    value column is used, none is dropped silently.

    Names are read without the spaces around them; a first column numbering the rows is their order
    (:func:`_without_row_counter`); the first column is then the time column as :func:`rnncast.bench.columns.time_column`
    finds it, and read as times (:attr:`Table.times`);
    every other column must hold finite numbers, none missing. ``target``: the column to forecast in S and MS
    modes (default ``OT`` when present, else the last column; as written or stripped). What a reader could
    expect otherwise is said in :attr:`Table.notes`. Raises RnncastError naming the file and the column and row
    at fault. ``mode``: the protocol's (S, M, MS); S forecasts the target from itself alone, so a column with
    text, gaps or infinities other than the target is left out rather than refused (:func:`_unread_in_s`), and one
    note names each with why; M and MS read every column and refuse it. ``missing``: the codes ``--set
    missing_values`` names ('-999', '-9999,M'), read as missing cells first (:func:`rnncast.bench.codes.blank`), so refused or
    left out as those are, a note saying how many.
    """
    path = Path(path)
    if path.is_dir():
        raise RnncastError(f"{path} is a folder; pass --data PATH to a CSV file in it")
    frame, notes, renamed = _stripped_names(path, data.read_table(path))
    given, target = target, renamed.get(target, target)  # ' OT' as the file writes it is OT too
    counted: list = []  # the row indexes, dropped (a file read with its index and written again has two)
    while (counter := _without_row_counter(frame, notes, len(counted))) is not None:
        frame = frame.drop(columns=[counter])
        counted.append(counter)
    _check_header(path, frame, len(counted))
    first = frame.columns[0]
    where = {0: "the first column", 1: "the column after the row index"}.get(len(counted), "the column after the row indexes")
    time_column, times = find_time(path, frame, notes, where)
    written = tuple(str(v).strip() for v in frame[first]) if time_column is not None else None
    placed = {**frame[first].attrs, "source": frame[first].attrs.get("source") or path.name}  # columns.at's
    if time_column is not None:
        frame = frame.drop(columns=[first])
    columns = [str(c) for c in frame.columns]
    if not columns:
        raise RnncastError(f"{path}: only a time column ({time_column!r}); a benchmark needs value columns")
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) and (
                str(column).strip().lower() in TIME_NAMES or as_times(frame[column]).notna().all()):
            raise RnncastError(f"{path}: column {column!r} holds times but is not the first column ({first!r} is); "
                               "the protocol reads the time from the first column, so move it to the front")
    frame, read_as = codes.blank(frame, missing)  # -999 read as the missing cell it means, before cells are checked
    notes.extend([read_as] if read_as else [])
    chosen = target if target is not None else default_target(columns)
    if chosen not in columns and mode == "S":  # S reads the target alone: it is refused before the other columns
        _refuse_target(path, given, chosen, time_column, columns)
    if mode == "S" and (unread := _unread_in_s(frame, chosen)):
        frame = frame.drop(columns=list(unread))
        columns = [c for c in columns if c not in unread]
        notes.append(f"S mode reads the target {chosen!r} alone; columns it does not read: "
                     f"{', '.join(f'{c!r} ({why})' for c, why in unread.items())}; M and MS, which read every column, "
                     "would refuse them")
    for column in frame.columns:
        check_values(path, str(column), frame[column], gaps=False)  # text and infinities, column by column
    if said := missing_said({str(c): frame[c] for c in frame.columns}, path):
        raise RnncastError(f"{path}: {read_as + '; ' if read_as else ''}{said}")  # every column with gaps in one
        # line (one column per run before)
    if chosen not in columns:
        _refuse_target(path, given, chosen, time_column, columns)
    values = np.ascontiguousarray(frame.to_numpy(dtype=np.float64))  # [T, C]
    return Table(dataset_name(path), values, columns, time_column, chosen, tuple(notes),
                 first_is_value=time_column is None and pd.api.types.is_numeric_dtype(frame[first]), times=times,
                 written=written, placed=placed)


def default_target(columns: list[str]) -> str:
    """The target when none is given: ``OT`` (the LTSF files' name for it); else the one column named so in another
    case (``ot``: a file written in lowercase forecast its last column instead); else the last column."""
    cased = [c for c in columns if c.casefold() == TARGET.casefold()]
    return TARGET if TARGET in columns else cased[0] if len(cased) == 1 else columns[-1]


def _refuse_target(path: Path, given, chosen: str, time_column: str | None, columns: list[str]) -> None:
    what = "the time column" if chosen == time_column else "not a value column"
    if form := unicode_form(chosen, columns):  # '매출' decomposed (NFD) in the header: said, as fit says it (640)
        raise RnncastError(f"{path}: target {given!r} is {what}{form}")
    raise RnncastError(f"{path}: target {given!r} is {what}; accepted are {columns}")


def _unread_in_s(frame: pd.DataFrame, target: str) -> dict[str, str]:
    """The columns other than ``target`` that S mode leaves out, each with why (:func:`columns.fault`: text, gaps
    or infinities), in the file's order: S forecasts the target from itself alone (decision 644)."""
    return {str(c): why for c in frame.columns if str(c) != target and (why := fault(frame[c]))}


def _stripped_names(path: Path, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """``frame`` with its column names read without the spaces around them (``date, OT, a`` written with a space
    after each comma: ``' OT'`` is ``OT``, the target as in a file written without them), and the notes
    saying so, and the names changed (as written -> as read); names that become one are refused."""
    names = [str(c) for c in frame.columns]
    stripped = [n.strip() for n in names]
    changed = {n: s for n, s in zip(names, stripped) if n != s}
    if not changed:
        return frame, [], {}
    twice = sorted({s for s in stripped if stripped.count(s) > 1})
    if twice:
        same = [repr(n) for n, s in zip(names, stripped) if s == twice[0]]
        raise RnncastError(f"{path}: columns {' and '.join(same)} have the same name without the spaces around it; "
                           "rename one so that every column has a name of its own")
    frame = frame.set_axis(stripped, axis=1)
    shown = ", ".join(f"{n!r} as {s!r}" for n, s in changed.items())
    return frame, [f"column names read without the spaces around them: {shown}"], changed


def _without_row_counter(frame: pd.DataFrame, notes: list[str], before: int = 0) -> str | None:
    """The name of a first column that numbers the rows (named :data:`ROW_NAMES` or left unnamed, as pandas'
    ``to_csv`` writes its index; rising whole numbers from 0 or more: 0, 1, 2 ... or 1, 2, 3 ...), which is the
    row order and not a series to forecast, said in ``notes``; None for any other first column. ``before``: the
    row indexes already dropped (the file's column is the next one)."""
    first = frame.columns[0] if frame.shape[1] > 1 else None
    if first is None or not (str(first).lower() in ROW_NAMES or UNNAMED.fullmatch(str(first))):
        return None
    numbers = row_numbers(frame[first])  # (first, last, skipped), the library's reading (rnncast.rowindex)
    if numbers is None:
        return None
    skipped = numbers[2]
    shown = "its header leaves unnamed" if str(first).startswith("Unnamed") and not before else repr(str(first))
    place = f"the first column ({shown})" if not before else f"column {before + 1} ({shown}), after the row index,"
    notes.append(f"{place} numbers the rows {numbers[0]}-{numbers[1]}"
                 f"{f', skipping {skipped} numbers' if skipped else ''}, a row index as pandas' to_csv writes one: "
                 "read as the row order, not as a series")
    return first


def _check_header(path: Path, frame: pd.DataFrame, before: int = 0) -> None:
    """The first line names the columns: a column without a name (pandas' 'Unnamed: 0'; the first one may be an
    index written by ``to_csv``, and only there is that said) or a first line of values, numbers after a number or a
    date (no header: they would be read as names, their row lost), is refused; columns counted 0, 1, 2 ... are names, and so are whole numbers
    (``100,200,300``, series labels as the library takes them: :func:`rnncast.sheetcsv.values_not_names`) above
    columns that all hold numbers written with decimals, as a row of values would have been. ``frame``: the table
    after the ``before`` row indexes dropped; a refusal counts the file's columns."""
    names = [str(c) for c in frame.columns]
    unnamed = [i for i, name in enumerate(names) if UNNAMED.fullmatch(name)]
    if unnamed and unnamed[0] == 0:  # where to_csv writes a frame's index: the first column (after any row index)
        times = as_times(frame[frame.columns[0]]).notna().all()  # a DatetimeIndex written: index=False loses the times
        raise RnncastError(f"{path}: column {before + 1} has no name in the header line (" + (
            "an index of times written by pandas' to_csv?); name it date, the time column" if times else
            "a row index written by pandas' to_csv?); name it, or write the file with index=False"))
    if unnamed:  # between or after named columns: no index, a name left out (or a stray delimiter)
        at = unnamed[0]
        raise RnncastError(f"{path}: column {before + at + 1} (after {names[at - 1]!r}) has no name in the header "
                           "line; bench reads every value column by its name: name it in the header, or leave the "
                           "column out of the file")
    numbers = pd.to_numeric(pd.Series(names[1:] if len(names) > 1 else names), errors="coerce")
    head = pd.Series(names[:1])
    first = as_times(head).notna().all() or pd.to_numeric(head, errors="coerce").notna().all()
    counted = names in ([str(i) for i in range(len(names))], [str(i) for i in range(1, len(names) + 1)])  # 0,1,2: names
    if not (numbers.notna().all() and first and not counted):
        return
    listed = f"{', '.join(names[:3])}{', ...' if len(names) > 3 else ''}"
    if not sheetcsv.values_not_names(names):  # whole numbers: names where no column below is written so
        whole = [c for c in frame.columns if not pd.api.types.is_float_dtype(frame[c])]
        if not whole:
            return
        raise RnncastError(
            f"{path}: the header line holds whole numbers ({listed}), as column {str(whole[0])!r} does below it, so "
            "it may be a first row of values as well as names; if it names the columns, write names that are not "
            "numbers (c100,c200 ...) or a time column first (date,100,200 ...); else add a header line naming them")
    raise RnncastError(f"{path}: the header line holds values, not names ({listed}); the first line must name the "
                       "columns, e.g. date,OT")

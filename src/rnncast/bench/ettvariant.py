"""The ETT variant of a table run under the ETT protocol: the hourly (ETTh) or the 15-minute (ETTm) borders
(:func:`rnncast.bench.tables.ett_split`). A table that holds an ETT table (:mod:`rnncast.bench.identity`) takes
that table's; any other table asked to run under the ETT protocol (``--protocol ett``) takes them from its time
column's usual step, 1 hour or 15 minutes (:func:`with_step`, :func:`ett_kind`); where it has no time column
with a step, from an ETTh*/ETTm* name. Another step is refused, naming the file and the step, whatever the
file is called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import compactdates, timeaxis
from rnncast import data as datafiles
from rnncast.bench import identity
from rnncast.bench.tablefile import Table
from rnncast.errors import RnncastError

ETT_NAME = re.compile(r"^(ETT[hm])\d+$")  # the ETT files' names: ETTh1, ETTm2, ...

STEPS = {pd.Timedelta(hours=1): "ETTh", pd.Timedelta(minutes=15): "ETTm"}


@dataclass(frozen=True)
class TimedTable(Table):
    """A table read with its time column's usual step (:func:`with_step`), from which the ETT protocol asked for
    a table that is none of the ETT tables takes its hourly or 15-minute borders."""

    step: pd.Timedelta | None = None
    no_step: str = ""  # why there is no step: no time column, numbers that count rows, ...


def with_step(path: str | Path, table: Table) -> TimedTable:
    """``table``, read from ``path``, with its time column's step (:func:`time_step`)."""
    step, why = time_step(path, table)
    return TimedTable(**{f.name: getattr(table, f.name) for f in fields(Table)}, step=step, no_step=why)


def time_step(path: str | Path, table: Table) -> tuple[pd.Timedelta | None, str]:
    """``(step, "")``: the median step of the time column of ``table`` read from ``path``, as the library
    reads times (dates, Unix times); ``(None, why)`` where it has none."""
    name = table.time_column
    if name is None:
        return None, "it has no time column"
    frame = datafiles.read_table(path)
    column = next((frame[c] for c in frame.columns if str(c).strip() == name), None)
    if column is None:
        return None, f"its time column {name!r} was not found again in the file"
    if pd.api.types.is_numeric_dtype(column):
        unit = next((u for u, (low, high) in compactdates.EPOCHS.items() if low <= column.min() and column.max() <= high),
                    None)
        if unit is None:
            return None, f"its time column {name!r} holds numbers that count rows or periods, not times of day"
        times = pd.DatetimeIndex(pd.to_datetime(column, unit=unit))
    else:
        try:
            times = timeaxis.parse_time(column, name, "UTC", lambda i: f"data row {i}")
        except RnncastError:
            return None, f"its time column {name!r} does not read as times"
        times = times.to_timestamp() if isinstance(times, pd.PeriodIndex) else times
    if not isinstance(times, pd.DatetimeIndex) or len(times) < 2:
        return None, f"its time column {name!r} holds no times with a step between them"
    return pd.Timedelta(int(np.median(np.diff(times.asi8))), unit=times.unit), ""


def ett_kind(found: identity.Recognition, table: Table) -> tuple[str, str]:
    """``(kind, how)``: the ETT variant ('ETTh' or 'ETTm') whose borders ``table`` takes under the ETT protocol:
    the ETT table it holds; else its time column's step (1 hour or 15 minutes), where it has none an ETTh*/ETTm*
    name; ``how`` says which ("" for a known ETT table). Refused, naming the file, where none tells it."""
    if found.protocol == "ett":
        return found.known[:4], ""
    step = table.step if isinstance(table, TimedTable) else None
    if step in STEPS:
        return STEPS[step], f"its time column's step of {say_step(step)}"
    named = ETT_NAME.match(table.name)
    if step is None and named:
        return named.group(1), f"its name ({table.name})"
    why = (f"its time column {table.time_column!r} steps by {say_step(step)}" if step is not None else
           table.no_step if isinstance(table, TimedTable) else "its time column's step was not read (ettvariant.with_step)")
    raise RnncastError(
        f"{table.name} cannot run under the ETT protocol: it holds none of the ETT tables known here, and {why}; the "
        "ETT borders are 12, 4 and 4 months of hourly rows (ETTh) or of 15-minute rows (ETTm), taken from a time "
        "column stepping by 1 hour or 15 minutes; run it under the custom protocol (rnncast bench ltsf without "
        "--protocol)")


def say_step(step: pd.Timedelta) -> str:
    """A step in words: '1 hour', '15 minutes', '1 day', else as pandas writes it."""
    for unit, size in (("day", pd.Timedelta(days=1)), ("hour", pd.Timedelta(hours=1)), ("minute", pd.Timedelta(minutes=1))):
        if step >= size and step % size == pd.Timedelta(0):
            count = step // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return str(step)

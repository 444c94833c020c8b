"""The ETT variant of a table run under the ETT protocol: the hourly (ETTh) or the 15-minute (ETTm) borders
(:func:`rnncast.bench.tables.ett_split`). A table that holds an ETT table (:mod:`rnncast.bench.identity`) takes
that table's; any other table asked to run under the ETT protocol (``--protocol ett``) takes them from its time
column's usual step, 1 hour or 15 minutes (:func:`time_step`, :func:`ett_kind`); where it has no time column
with a step, from an ETTh*/ETTm* name. Another step is refused, naming the file and the step, whatever the
file is called.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast.bench import identity
from rnncast.bench.tablefile import Table
from rnncast.errors import RnncastError

ETT_NAME = re.compile(r"^(ETT[hm])\d+$")  # the ETT files' names: ETTh1, ETTm2, ...

STEPS = {pd.Timedelta(hours=1): "ETTh", pd.Timedelta(minutes=15): "ETTm"}


def time_step(table: Table) -> tuple[pd.Timedelta | None, str]:
    """``(step, "")``: the median step of the time column of ``table`` as read (:attr:`Table.times`: dates,
    compact dates, months, Unix times); ``(None, why)`` where it has none."""
    name, times = table.time_column, table.times
    if name is None:
        return None, "it has no time column"
    if times is None:
        return None, f"its time column {name!r} holds no times (it counts rows or steps, or does not read as dates)"
    if len(times) < 2:
        return None, f"its time column {name!r} holds no times with a step between them"
    return pd.Timedelta(int(np.median(np.diff(times.asi8))), unit=times.unit), ""


def ett_kind(found: identity.Recognition, table: Table) -> tuple[str, str]:
    """``(kind, how)``: the ETT variant ('ETTh' or 'ETTm') whose borders ``table`` takes under the ETT protocol:
    the ETT table it holds; else its time column's step (1 hour or 15 minutes), where it has none an ETTh*/ETTm*
    name; ``how`` says which ("" for a known ETT table). Refused, naming the file, where none tells it."""
    if found.protocol == "ett":
        return found.known[:4], ""
    step, no_step = time_step(table)
    if step in STEPS:
        return STEPS[step], f"its time column's step of {say_step(step)}"
    named = ETT_NAME.match(table.name)
    if step is None and named:
        return named.group(1), f"its name ({table.name})"
    why = f"its time column {table.time_column!r} steps by {say_step(step)}" if step is not None else no_step
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

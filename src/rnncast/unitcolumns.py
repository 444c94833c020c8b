"""The time column where ``time_unit`` says the times are numbers (Unix seconds or milliseconds, Excel serials): the
column of numbers in that unit, not a column of dates beside it. Where no time column is named, the time is the one
numeric column with a time's name (``timestamp``, ``time``, ``ts``, ``epoch``, ``serial``, a time word: ``open_time``) or, where none is so
named, the one numeric column whose values all read as that unit; two that could be the time are refused, naming
both and ``time_col=``. Where none holds such numbers the time column is found as without the setting
(``timeaxis.find_time_column``), and ``numbertimes.read`` names what it holds.
"""

from __future__ import annotations

import pandas as pd

from rnncast import numbertimes, timeaxis, wordtimes
from rnncast.errors import RnncastError
from rnncast.spelling import spelled
from rnncast.timenames import TIME_NAMES, dated_name, epoch_named

UNIT_NAMES = ("serial", "excel", "excel_date", "serial_date")  # names Excel serial day numbers go by


def find(frame: pd.DataFrame, time_col=None, exclude=(), unit: str | None = None,
         id_col=None) -> tuple[str | None, str | None]:
    """``timeaxis.find_time_column``'s answer (``id_col``: the series its years rise in), but where ``unit`` is given and no ``time_col``: the column of numbers
    in ``unit`` (see the module's note), found "by its name (time_unit=...)" or "by its values (time_unit=...)"."""
    if unit is None or time_col is not None:
        return timeaxis.find_time_column(frame, time_col, exclude, id_col)
    excluded = set(exclude)  # once, not per column
    numeric = [c for c in frame.columns if c not in excluded and _numbers(frame[c])]
    named = [c for c in numeric if _time_named(c) or (wordtimes.worded(c) and _in_unit(frame[c], unit))]  # open_time
    reads = [c for c in numeric if _in_unit(frame[c], unit)]
    found, how = (named, "by its name") if named else (reads, "by its values")
    if len(found) > 1:
        both = " and ".join(repr(str(c)) for c in found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
        raise RnncastError(f"time_unit={unit!r} reads the time column as {numbertimes.UNITS[unit]}, and {len(found)} "
                           f"columns could be it ({both}); name the one that is with time_col= (--time-col), e.g. "
                           f"{spelled('time_col', str(found[0]))}")
    if found:
        return found[0], f"{how} and time_unit={unit!r}"
    name, how = timeaxis.find_time_column(frame, time_col, exclude, id_col)
    if name is None:  # numbered rows would drop the setting: the columns there are, named
        low, high, years = numbertimes.span(unit)
        held = "; ".join(f"{c!r} holds {frame[c].min():.15g} .. {frame[c].max():.15g}" for c in numeric[:3])
        raise RnncastError(f"time_unit={unit!r} reads the time column as {numbertimes.UNITS[unit]}, but no column holds "
                           f"them ({low} .. {high}: {years}){'; ' + held if held else ''}; name the time column with "
                           "time_col= (--time-col), or leave time_unit unset")
    return name, how


def _numbers(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column) and column.notna().any()


def _time_named(name) -> bool:
    lower = str(name).strip().lower()
    return lower in TIME_NAMES or lower in UNIT_NAMES or epoch_named(name) or dated_name(name)


def _in_unit(column: pd.Series, unit: str) -> bool:
    """Whether every value of ``column`` lies in ``unit``'s plausible range (``numbertimes.span``)."""
    low, high, _ = numbertimes.span(unit)
    values = column.dropna().to_numpy(dtype=float)
    return bool(len(values)) and bool(((values >= low) & (values < high + 1)).all())

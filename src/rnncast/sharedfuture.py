"""The future covariates of a wide model (``series=``) given in the layout it was fitted on: one row per time, the
covariate columns shared by every series (as Darts takes them), read for every series.

A wide model's covariates were shared by its series in training, so a future table without the id column
(``unique_id``) is that layout: each series' steps are matched in it by date (``future.align_future`` as for one
series); series that end on the same date share one reading. Series that end on other dates are matched each by its
own dates, which a table without times (rows in order) cannot give: refused by name. The model's series columns in
such a table (the training file's layout, the targets left blank over the future) hold nothing to read and are
left out quietly; one holding values is named as not used. A future table with the id column is read by series as
for a long model; every other model's future goes to ``future.align_future`` as it is.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import futurekeys, idkeys
from rnncast.data import as_frame
from rnncast.errors import RnncastError
from rnncast.future import align_future
from rnncast.timetext import shown


def align(future, ids: list, wanted: list[pd.Index], columns: list[str], *, layout: str, id_col: str | None,
          time_col: str | None, given_ids: list | None = None, **given) -> np.ndarray:
    """The future covariates [S, H, F] of the series ``ids`` at ``wanted`` (``future.align_future``'s arguments);
    ``layout``: the model's (``FittedState.layout``). A wide model's table without ``id_col`` is read for every
    series as said above; raises ``RnncastError`` where its series end on other dates and it has no times."""
    table, read = _shared(future, id_col, time_col, given.get("time_unit")) if layout == "wide" else (None, None)
    if table is None:  # a file read here is not read again
        return align_future(future, ids, wanted, columns, id_col=id_col, time_col=time_col, given_ids=given_ids,
                            read=read, **given)
    named = given_ids if given_ids is not None else ids
    groups: list[list[int]] = []  # series ending on the same date share their steps
    for s, steps in enumerate(wanted):
        group = next((g for g in groups if wanted[g[0]].equals(steps)), None)
        group.append(s) if group is not None else groups.append([s])
    timed = isinstance(table, pd.DataFrame) and (time_col is not None and time_col in table.columns or isinstance(
        table.index, (pd.DatetimeIndex, pd.PeriodIndex)))  # a frame's time index is its time, as align_future reads it
    if len(groups) > 1 and (not timed or isinstance(wanted[0], pd.RangeIndex)):
        ends = [f"{named[g[0]]!r} at {shown(wanted[g[0]][0])}" for g in groups[:3]]
        raise RnncastError(f"the future values have no column {id_col!r}, so they are shared by every series, but "
                           f"the series' forecasts start at different {'steps' if time_col is None else 'times'} "
                           f"({', '.join(ends)}{', ...' if len(groups) > 3 else ''}) and the table has no "
                           f"{'time column ' + repr(time_col) if time_col else 'times'} to match its rows by; give "
                           f"{'that column' if time_col else 'one row per series and step'}, or the column {id_col!r} "
                           "with one row per series and step")
    if isinstance(table, pd.DataFrame):
        texts = set(map(str, ids))
        blank = [c for c in table.columns if str(c) in texts and c not in columns and table[c].isna().all()]
        table = table.drop(columns=blank)  # the training file's layout: its targets blank over the future
    out = np.empty((len(ids), len(wanted[0]), len(columns)), dtype=np.float64)
    unused: list = []  # per group: the rows its steps leave, and how to warn of them
    for g in groups:
        who = [None] if len(groups) == 1 else [named[g[0]]]  # one reading for all: no series to name
        out[g] = align_future(table, [str(ids[g[0]])], [wanted[g[0]]], columns, id_col=None, time_col=time_col,
                              given_ids=who, unused=unused, **given)[0]
    _warn_unused(unused, [wanted[g[0]][-1] for g in groups])
    return out


def _warn_unused(unused: list, ends: list) -> None:
    """Warn once of the rows of a shared table that no series' steps take (a row one series reads is used, decision
    9901); ``unused``: each group's (rows, warn) from ``align_future``, ``ends``: each group's last step. The warning is
    the group's that ends last, so that a row within its span is told as a holiday its calendar skips."""
    if not unused:  # a table read in order: every row is a step
        return
    spare = unused[0][0]
    for rows, _ in unused[1:]:
        spare = spare.intersection(rows)
    if len(spare):
        unused[max(range(len(unused)), key=lambda i: ends[i])][1](spare.sort_values())


def keys_needed(layout: str, id_col: str, time_col: str, ids: list = ()) -> str:
    """What a future table needs beside the covariate columns, as a clause for the refusal of none given."""
    if layout == "single":
        return ""
    by_series = f"the columns {idkeys.names_of(id_col, list(ids))} and {time_col!r} saying which series and step"
    return (f", and the column {time_col!r} (shared by every series, as in the data), or {by_series}"
            if layout == "wide" else f", and {by_series}")


def _shared(future, id_col: str | None, time_col: str | None, time_unit: str | None) -> tuple:
    """``(table, read)``: ``future`` as a frame (or the array it is) where it holds no column ``id_col``: one row per
    time, else None (a table by series); ``read``: the file ``future`` as read here (None: no file), as
    ``future.align_future`` reads one (``futurekeys.table_of``), for it to read no more."""
    if isinstance(future, (np.ndarray, list, tuple)):
        return future, None
    if isinstance(future, (str, Path)):
        frame = futurekeys.table_of(future, id_col, time_col, time_unit)
    elif isinstance(future, pd.DataFrame):
        frame = future
    else:
        frame = as_frame(future)  # an Arrow table, a Polars frame
    held = [str(c) for c in frame.columns] + [str(n) for n in getattr(frame.index, "names", []) if n is not None]
    by_series = id_col is None or id_col in held
    return (None if by_series else frame), (frame if isinstance(future, (str, Path)) else None)

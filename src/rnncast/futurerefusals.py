"""What a refusal of future values says (``future.align_future``'s): where an array holds something that is no number,
a row that leaves a covariate blank (its column, series, date and line), how many steps each series misses, and the
series that ended before the others (both ways out: their values at those dates, or their rows left out).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.data import place
from rnncast.errors import RnncastError
from rnncast.spelling import counted, some
from rnncast.timetext import shown


def non_number(future) -> str:
    """Where an array of future values holds something that is no number, as a clause ("" if not found)."""
    try:
        raw = np.asarray(future, dtype=object).reshape(len(future), -1)
    except ValueError:
        return "; its rows are of different lengths"
    flat = pd.Series(raw.ravel())
    bad = np.flatnonzero((pd.to_numeric(flat, errors="coerce").isna() & flat.notna()).to_numpy())
    if not len(bad):
        return ""
    k, j = divmod(int(bad[0]), raw.shape[1])
    value = raw[k, j].item() if isinstance(raw[k, j], np.generic) else raw[k, j]  # 'yes', not np.str_('yes')
    return f"; step {k + 1}, column {j + 1} holds {value!r}"


def refuse_blank(table: pd.DataFrame, columns: list[str], frame: pd.DataFrame, ids: list, time_col, horizon: int,
                  whose: str | None = None) -> None:
    """A row of the future table that is there but leaves a covariate blank is named: its column, its
    series and date (as the table writes it in ``time_col``; None: steps in order) and its line in the file."""
    present = table["_row"].notna().to_numpy()
    blank = table[columns].isna().to_numpy() & present[:, None]  # [S * H, F]
    if not blank.any():
        return
    k, j = (int(v) for v in np.argwhere(blank)[0])
    row = table.iloc[k]
    when = (shown(frame[time_col].iloc[int(row["_row"])]).strip() if time_col is not None  # ' 201002' as 201002
            else f"step {int(row['_step']) + 1}")
    more = int(blank.sum()) - 1
    raise RnncastError(
        f"the future values leave {columns[j]!r} blank for {who(ids, row['_series'])}{when} "
        f"({place(int(row['_row']), frame.attrs)}){f', and {more} more blank value(s)' if more else ''}; predict needs "
        f"every future covariate for the {counted(horizon, 'step')} after {last(ids, whose)}: fill it in")


def each(series: pd.Series, ids: list) -> str:
    """", in series '42' 3, 'b' 1" (the first five series and the steps each misses) when several miss some; else ""."""
    counts = series.value_counts(sort=False).sort_index()
    if len(counts) < 2:
        return ""
    each = [f"{ids[int(s)]!r} {n}" for s, n in counts.items()]
    return ": " + ", ".join(each[:5]) + (f", ... ({len(each)} series)" if len(each) > 5 else "")


def ended(wanted: list, missing, named: list, day, text_format: str | None, zero: dict | None = None) -> str:
    """Where series of ``missing`` (positions) end before the others, their forecast steps (``wanted``) all before
    the latest series' first: both ways out, their values at those dates or those series left out (named, counted);
    else ": give them at those dates". A discontinued item's refusal named only the first (t27t1). A series whose
    absent last steps fill='zero' wrote as no sale (``zero``: ``Panel.zero_tail``) runs to the panel's end: it is
    named with them, to be left out where it ended instead."""
    latest = max(w[0] for w in wanted if len(w))
    ended = [int(s) for s in missing if len(wanted[int(s)]) and wanted[int(s)][-1] < latest]
    zeroed = [int(s) for s in missing if int(s) in (zero or {})]
    if zeroed and not ended:
        which = "that series" if len(zeroed) == 1 else f"{len(zeroed)} of these series"
        steps = some([f"{named[s]!r}: {counted(zero[s], 'step')}" for s in zeroed])
        return (f": give them at those dates, or, where {which} ended (discontinued) rather than selling nothing in the "
                f"steps after {'its' if len(zeroed) == 1 else 'their'} last row that fill='zero' wrote 0 in ({steps}), "
                f"leave {'its' if len(zeroed) == 1 else 'their'} rows out of the data")
    if not ended:
        return ""
    these = f"{len(ended)} of these series end" if len(ended) > 1 else "that series ends"
    return (f": give them at those dates, or, as {these} before the others (every forecast step before "
            f"{shown(latest, day, text_format)}), leave {'their' if len(ended) > 1 else 'its'} rows out of the data to "
            f"forecast only the series still running ({some([repr(named[s]) for s in ended])})")


def last(ids: list, whose: str | None = None) -> str:
    return f"the last row of {whose}" if whose else "the series' last row" if len(ids) == 1 else "each series' last row"


def who(ids: list, s) -> str:
    return "" if ids == [None] else f"series {ids[int(s)]!r} at "

"""The rows missing from a panel's calendar said by series (decision 1893): each series' count and its longest run with
its dates, the series missing the most first, so that a ward closed for 59 days reads "series 'C': 59 rows, one run,
2026-02-01 to 2026-03-31" before any fill is asked for, not behind three single days of another series that come
first in the data's row order. ``gaps`` says it in the missing-rows warning and in fill_gaps' count of the rows it
inserted; ``fillruns`` names the longest run a fill then makes up."""

from __future__ import annotations

import numpy as np

from rnncast.spelling import counted
from rnncast.timetext import shown

SHOWN = 3  # series named, the most rows missing first; the rest counted


def by_series(given_id, codes, after, stamps, steps, day, fmt: str | None = None, alone: bool = False) -> str:
    """"series 'C': 59 rows, one run, 2026-02-01 to 2026-03-31; series 'B': 4 rows in 3 runs, the longest 2 rows,
    2025-11-20 to 2025-11-21; series 'E': 3 rows in 3 runs of 1 row, the first at 2025-11-20; series 'D': 1 row at
    2025-01-03": of the rows missing after each row (``after`` [N], within its series ``codes`` [N] at calendar step
    ``steps`` [N]; ``stamps(codes, steps)`` their times), each series' count and its longest run (the first of equals),
    the ``SHOWN`` series missing the most (the first in the data among equals), then "and 4 more series (12 rows)".
    ``given_id(code)``: the series' id as given; ``day``: the data's times all at midnight (dates alone); ``fmt``: the
    data's own text form of its times (``timetext.shown``); ``alone``: one series missing one run, said without its id
    and count: "one run, 2026-09-30T04:00:00Z to 2026-09-30T06:00:00Z" (decision 2245)."""
    gaps = np.flatnonzero(after)
    counts = after[gaps].astype(np.int64)
    series = codes[gaps].astype(np.int64)
    ids, first, inverse = np.unique(series, return_index=True, return_inverse=True)
    totals = np.bincount(inverse, weights=counts).astype(np.int64)
    order = np.lexsort((first, -totals))  # the most missing first; among equals, the first in the data
    said = []
    for k in order[:SHOWN]:
        mine = np.flatnonzero(inverse == k)
        g = mine[int(np.argmax(counts[mine]))]  # its longest run, the first of equals
        start = stamps(series[g:g + 1], steps[gaps[g:g + 1]] + 1)[0]
        end = stamps(series[g:g + 1], steps[gaps[g:g + 1]] + counts[g])[0]
        dates = (f", {shown(start, day, fmt)} to {shown(end, day, fmt)}" if counts[g] > 1 else
                 f" at {shown(start, day, fmt)}")
        run = (f", one run{dates}" if len(mine) == 1 and counts[g] > 1 else dates if len(mine) == 1 else
               f" in {len(mine)} runs of 1 row, the first{dates}" if counts[g] == 1 else  # none longest (decision 1947)
               f" in {len(mine)} runs, the longest {counted(int(counts[g]), 'row')}{dates}")
        said.append(run.lstrip(", ") if alone else f"series {given_id(int(ids[k]))!r}: {counted(int(totals[k]), 'row')}{run}")
    if len(order) > SHOWN:
        said.append(f"and {len(order) - SHOWN} more series ({counted(int(totals[order[SHOWN:]].sum()), 'row')})")
    return "; ".join(said)

"""``fill='zero'`` up to the panel's last date: a series whose last rows are absent (intermittent demand, a till
export that leaves out the weeks without sales, the last ones too) gets its calendar's steps after its last row up
to the latest row of any series, as missing rows that zero fill writes 0 in (no sale), said once, naming the series
(the longest tails first), at fit and backtest, and at predict and evaluate too (``said_again``).

Without it such a series' trailing weeks were no rows at all: fit trained on a series that stopped early, and predict
forecast it from its own last row, dates the other series already cover. Only where zero fill was asked for (ffill
or interpolate would make up a level beyond the last value), on one calendar shared by the series.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd

from rnncast import calendarwalks, idkeys
from rnncast.data import KEY_DTYPES
from rnncast.errors import RnncastError
from rnncast.noticed import first_time
from rnncast.spelling import counted
from rnncast.timetext import at_midnight, shown
from rnncast.rowseries import row_series

log = logging.getLogger(__name__)

MOST = 3  # series named; the others counted


def _after(last, latest, calendar):
    """The calendar's steps after ``last`` up to ``latest`` (an index of them), or None where the ruler cannot place
    them (``latest`` off the series' calendar)."""
    pair = last.append(latest)
    ruler = calendarwalks.walk(pair, np.array([0, 2]), calendar)
    if ruler is None or ruler.off is not None:
        return None
    k = int(ruler.steps[1])
    return ruler.stamps(np.zeros(k, dtype=np.int64), np.arange(1, k + 1)) if k > 0 else None


def extend(rows, values, time, positions, offsets, calendar, fill, announce: bool, attrs: dict, wide: bool = False):
    """``values`` [N, C], ``time`` [N], ``positions`` [N], ``offsets`` [S + 1] with, where ``fill`` is 'zero' and the
    series share ``calendar`` (None: each keeps its own, left as it is), each series' missing steps after its last
    row up to the latest row of the panel appended as rows of NaN (``fills`` writes 0 in them), position -1 (no row
    of the data); how many and whose said (``announce``; ``wide``: the series are a table's columns). As given
    otherwise. Returns those four and ``{series: steps appended}`` (``Panel.zero_tail``: a refusal of its missing
    future values says why it runs on)."""
    n_series = len(offsets) - 1
    if fill != "zero" or calendar is None or n_series < 2 or not isinstance(time, (pd.DatetimeIndex, pd.PeriodIndex)):
        return values, time, positions, offsets, {}
    ends = time[offsets[1:] - 1]  # [S] each series' last time
    latest = ends.max()
    early = np.flatnonzero(ends < latest)
    uniques, which = np.unique(ends[early], return_inverse=True)  # once per last date: thousands of series share few
    last = ends[[int(np.argmax(ends == latest))]]  # the panel's last time, once
    made = [_after(pd.Index(uniques[k : k + 1], dtype=time.dtype), last, calendar) for k in range(len(uniques))]
    sizes = np.array([0 if m is None else len(m) for m in made], dtype=np.int64)
    kept = sizes[which] > 0
    tails = {int(s): made[k] for s, k in zip(early[kept], which[kept])}
    if not tails:
        return values, time, positions, offsets, {}
    _bounded(rows, tails, np.diff(offsets), ends, time, attrs, wide)  # a series ended years ago: refused
    pool = [m for m in made if m is not None]
    pool = pool[0].append(pool[1:]) if len(pool) > 1 else pool[0]  # every last date's steps, one after another
    starts = (np.cumsum(sizes) - sizes)[which[kept]]
    counts = sizes[which[kept]]
    new = pool[np.repeat(starts, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)]
    series = np.concatenate([row_series(offsets), np.repeat(early[kept], counts)])
    order = np.argsort(series, kind="stable")  # each series' rows, then the steps appended after them
    extra = np.zeros(n_series, dtype=np.int64)
    extra[early[kept]] = counts
    if announce:
        _say(rows, tails, time, latest, attrs, wide)
    return (np.vstack([values, np.full((len(new), values.shape[1]), np.nan)])[order],
            time.append(pd.Index(new).rename(time.name))[order],
            np.concatenate([positions, np.full(len(new), -1)]).astype(np.int64)[order],
            np.concatenate([[0], np.cumsum(np.diff(offsets) + extra)]).astype(np.int64),
            {s: len(m) for s, m in tails.items()})


def appended(offsets: np.ndarray, tails: dict) -> np.ndarray | None:
    """[N] the rows ``extend`` appended (``tails``: its ``{series: steps}``, ``offsets`` [S + 1] its), whose zeros its
    line says: ``fills`` leaves them out of its own count of the values it fills (it said them twice); None: none."""
    if not tails:
        return None
    told = np.zeros(int(offsets[-1]), dtype=bool)
    for s, k in tails.items():
        told[offsets[s + 1] - k : offsets[s + 1]] = True
    return told


def _bounded(rows, tails: dict, lengths: np.ndarray, ends, time, attrs: dict, wide: bool) -> None:
    """Refuse, at fit and predict alike, the series whose steps to append (``tails``) outnumber their own rows
    (``lengths`` [S]; ``ends`` [S] their last times): a series that ended in 2019 in a panel to 2024 would be read as
    five years of no sales, more made than given, where it was most often discontinued. Names them (the first
    ``MOST``), how to cut them, and how to keep the zeros where they are meant."""
    long = [s for s in _longest(tails) if len(tails[s]) > lengths[s]]
    if not long:
        return
    text = _dates(rows, time)
    named = ", ".join(f"{rows.given_id(s)!r} ({len(tails[s])} after {text(ends[s])}, where it has {lengths[s]} rows)"
                      for s in long[:MOST])
    more = f" and {len(long) - MOST} more" if len(long) > MOST else ""
    raise RnncastError(f"fill='zero' would append more rows of 0 after the last row of {len(long)} series than the series "
                       f"has: {named}{more}; a series that ended (discontinued) would be read as that long without a sale, "
                       f"more made than given; leave its {'column' if wide else 'rows'} out, e.g. with pandas: "
                       f"{_cut(rows, long[0], attrs, wide)}, or, where it truly sold nothing since, give those rows with 0 in "
                       "the data")


def _cut(rows, s: int, attrs: dict, wide: bool) -> str:
    """The pandas line that leaves series ``s`` out of the data, its id as the caller gave it (``given_id``: store 7
    of an int column, not '7', which would match no row)."""
    return (f"df = df.drop(columns=[{rows.given_id(s)!r}])" if wide else "df = df[" + idkeys.series_rows(
        rows.id_col, rows.ids, rows.given_id(s), op="!=", dtypes=(attrs or {}).get(KEY_DTYPES)) + "]")


def _longest(tails: dict) -> list:
    """The series of ``tails`` (``{series: steps appended}``), the longest tail first (ties in the panel's order):
    the messages name, and cut, the series most likely to have ended rather than missed a day."""
    return sorted(tails, key=lambda s: -len(tails[s]))


def _dates(rows, time):
    """How the messages write a time of the panel's (``time``: every row's): as ``shown`` names it, in the data's
    own text form (``rows.text_format``), a date alone where every time is at midnight."""
    day = at_midnight(time)
    return lambda t: shown(t, day, rows.text_format)


def said_again(panel, said: set | None = None):
    """``panel`` (read again for predict or evaluate, which read without the fit's warnings), once its zero-filled
    tails (``Panel.zero_tail``) have been said in fit's line, once per model and tails (``said``: a forecasting loop
    hands the same table on every call). Before, evaluate filled and scored a closed store's made-up zeros saying
    only how many values it filled."""
    if not panel.zero_tail or panel.time is None or not first_time(said, "zero tail", *sorted(panel.zero_tail.items())):
        return panel
    tails = {s: panel.time_of(s)[-k:] for s, k in panel.zero_tail.items()}
    key = panel.key
    rows = SimpleNamespace(given_id=panel.given_id, id_col=panel.id_col, ids=panel.ids,
                           text_format=panel.calendar.text_format)
    attrs = {} if key is None else {KEY_DTYPES: {p: str(key.rows[p].dtype) for p in key.parts}}
    _say(rows, tails, panel.time, panel.time.max(), attrs, panel.layout == "wide")
    return panel


def _say(rows, tails: dict, time, latest, attrs: dict, wide: bool) -> None:
    text = _dates(rows, time)
    total = sum(len(m) for m in tails.values())
    order = _longest(tails)
    named = ", ".join(f"{rows.given_id(s)!r} ({len(tails[s])} from {text(tails[s][0])})" for s in order[:MOST])
    more = f" and {len(tails) - MOST} more" if len(tails) > MOST else ""
    line = _cut(rows, order[0], attrs, wide)
    log.warning("fill='zero' wrote 0 in %s after the last row of %s, up to the panel's last row %s: %s%s; absent rows "
                "are taken as 0 (none happened), as zero fill asks; where a series ended instead (discontinued), leave its "
                "%s out, e.g. with pandas: %s", counted(total, "missing row"), f"{len(tails)} series", text(latest),
                named, more, "column" if wide else "rows", line)

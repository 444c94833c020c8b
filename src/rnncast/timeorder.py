"""Each series' rows in time order: the order that sorts a long table's rows by (series, time), rows given newest
first read oldest first (said once), and a time given twice in a series or a step back in it refused by name.

A time given twice is named first, wherever its rows lie: a row pasted again at the end of a long table was refused
as "timestamps are not sorted ... sort the rows by time", and once sorted the user was told of the duplicate.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.clockchanges import clock_change
from rnncast.data import place
from rnncast.datasetfolder import FOLDER, ORDER
from rnncast.errors import RnncastError
from rnncast.jitter import duration
from rnncast.layouts import Rows
from rnncast.spelling import listing, one_series_reader
from rnncast.timenames import time_named
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def order(time: pd.Index, codes, positions, rows: Rows, attrs, layout: str, id_hint=lambda pair=None, reset=False: ""
          ) -> np.ndarray | None:
    """The order that sorts the rows by (series, time), None where they come so. Rows of several series may
    come in any order among each other (long format); each series' own rows, in the order given, must go
    forward in time, or all back (newest first: read oldest first, said in one warning, in every layout
    alike). Any other step back in a series is refused, naming both rows: it is as often a date misread or
    a forgotten id column as a table to sort. So is a timestamp twice in a series."""
    key = time.asi8 if isinstance(time, (pd.DatetimeIndex, pd.PeriodIndex)) else time.to_numpy(dtype=np.int64)
    show = lambda i: shown(time[i], time, rows.text_format)  # noqa: E731  as the data writes it
    dst = lambda i: clock_change(time[i : i + 1], show(i), True) if isinstance(time, pd.DatetimeIndex) else ""  # noqa: E731
    together = bool(np.all(codes[1:] >= codes[:-1]))  # each series' rows come together (one series: always)
    given = np.arange(len(codes)) if together else np.argsort(codes, kind="stable")  # [N] each series' rows as given
    c, step = codes[given], np.diff(key[given])
    same = c[1:] == c[:-1]
    ahead = np.bincount(c[1:][same & (step > 0)], minlength=len(rows.ids))  # [S] steps forward in each series
    newest = np.flatnonzero((ahead == 0) & (np.bincount(c, minlength=len(rows.ids)) > 1))  # [S] every step back
    wrong = np.flatnonzero(same & ((step == 0) | ((step < 0) & ~np.isin(c[1:], newest))))
    if len(wrong):
        pair = twice(key, codes, positions)
        a, b = pair[:2] if pair else tuple(int(given[k]) for k in (wrong[0], wrong[0] + 1))  # the two rows, as given
        whose = "" if layout == "single" else f" in series {rows.given_id(codes[a])!r}"
        hint = lambda: id_hint((int(positions[a]), int(positions[b])) if key[a] == key[b] else None)  # asked if needed
        back = reset(key, c, given, same & (step < 0) & ~np.isin(c[1:], newest), same & (step > 0))
        if back and not dst(back[1]):
            before, after, stay = back
            whose = "" if layout == "single" else f"series {rows.given_id(codes[before])!r} "
            more = id_hint(None, reset=True) if layout == "single" else ""  # stacked without id_col: decision 1987
            who = one_series_reader() if layout == "single" else None  # a model of one series: no id_col to give
            ids = "" if more else f" ({who} takes one series: give it the rows of one)" if who else " (give their id column)"
            raise RnncastError(
                f"{whose or 'the time '}goes back{_by(time, before, after)} at {place(int(positions[after]), attrs)}"
                f" ({show(after)} after {show(before)}) and its next {stay} rows stay before {show(before)}: a clock "
                f"reset (give the rows after it their true times) or another series' rows{ids}? "
                f"dropping the duplicates or sorting by time would mix two stretches of readings{more}")
        if key[a] == key[b]:
            wide = _columns(rows, codes, positions, a, b) if layout == "wide" else ""  # decision 1463
            raise RnncastError(f"duplicated timestamp {show(a)}{'' if wide else whose} at {place(int(positions[a]), attrs)}"
                               f" and {place(int(positions[b]), attrs)}{wide}{_all(pair, layout)}; each time step of a "
                               f"series must appear once{dst(a) or hint()}")
        folder = attrs.get(FOLDER)  # a folder's row order is its files' (decision 2226): a time part's key no series id
        timed = folder is not None and all(time_named(k) or str(k).lower() in ('hour', 'dt') for k in folder)  # year=/month=: file order
        fix = (f"{attrs.get('source')} is a folder: {ORDER}{dst(b) or ('' if timed else hint())}" if folder is not None
               else f"sort the rows by time{dst(b) or hint()}")  # store=1/, store=2/: a series each (decision 2268)
        at = f" at {place(int(positions[a]), attrs)}" * (folder is not None)  # its file too (decision 2264)
        raise RnncastError(f"timestamps are not sorted{whose}: {show(b)} at {place(int(positions[b]), attrs)} comes "
                           f"after {show(a)}{at}; {fix}")
    if len(newest):
        ends = (int(np.argmax(key)), int(np.argmin(key)))
        which = (f" (from {show(ends[0])} at {place(int(positions[ends[0]]), attrs)} back to {show(ends[1])})"
                 if layout == "single" else f" in series {', '.join(repr(rows.given_id(s)) for s in newest[:5])}"
                 + (f" ({len(newest)} of {len(rows.ids)})" if len(newest) > 5 else ""))
        log.warning("the rows are given newest first%s: read oldest first, in time order", which)
    if not len(newest) and together:
        return None  # each series' rows come together, in time order
    return np.lexsort((key, codes))


def twice(key: np.ndarray, codes: np.ndarray, positions=None) -> tuple[int, int, int, int, int] | None:
    """The first time of a series given twice, anywhere (a row pasted again at the table's end was refused as "not
    sorted", and once sorted as a duplicate): its two rows as given, the pair whose later row comes first, then how
    many rows repeat a time of their series, in how many series, and how many rows of the table (``positions``: each
    row's; a wide table's one row holds every series') they are (``_all`` says them); None."""
    order = np.lexsort((key, codes))  # stable: rows of one series and time in the order given
    again = (codes[order][1:] == codes[order][:-1]) & (key[order][1:] == key[order][:-1])  # [N - 1] a row again
    k = np.flatnonzero(again)
    if not len(k):
        return None
    first = k[np.argmin(order[k + 1])]
    table = len(k) if positions is None else len(np.unique(np.asarray(positions)[order[k + 1]]))
    return int(order[first]), int(order[first + 1]), len(k), len(np.unique(codes[order][1:][again])), table


def _columns(rows: Rows, codes: np.ndarray, positions: np.ndarray, a: int, b: int) -> str:
    """", a row of the table given twice for its 3 series 'a', 'b' and 'c' (their values differ in 'a'; the same in 'b'
    and 'c')": what a wide table's repeated time concerns, its rows ``a`` and ``b`` (stacked rows, each of one series) being
    whole rows of the table, whose series it names (a tester's wide table with only column 'a' changed was refused
    "in series 'a'", decision 1463)."""
    first, again = (np.flatnonzero(np.asarray(positions) == positions[k]) for k in (a, b))
    mine = {int(codes[k]): k for k in first}
    both = [(int(codes[k]), mine[int(codes[k])], k) for k in again if int(codes[k]) in mine]
    if len(both) < 2:
        return ""
    names = [repr(str(rows.given_id(c))) for c, _, _ in both]
    differ = [n for n, (_, i, k) in zip(names, both)
              if not np.array_equal(rows.values[i], rows.values[k], equal_nan=True)]
    same = [n for n in names if n not in differ]
    how = (f" (their values differ in {listing(differ)}" + (f"; the same in {listing(same)})" if same else ")")
           if differ else "")  # alike in all: the id hint says the rows are identical
    return f", a row of the table given twice for its {len(both)} series {listing(names)}{how}"


def _all(pair: tuple | None, layout: str) -> str:
    """How many rows repeat a time of their series, and in how many series (``twice``'s count), where more than the
    one pair named: " (250 rows repeat a time of their series, in 250 series)"; "" where that pair is all."""
    if pair is None or pair[2] < 2:
        return ""
    rows, series, table = pair[2:]
    if layout == "single":
        return f" ({rows} rows repeat an earlier row's time)"
    if layout == "wide":  # one row of the file repeats a time in every series: counted once (decision 1442)
        return f" ({table} rows of the table repeat an earlier row's time, in {series} series)" if table > 1 else ""
    return f" ({rows} rows repeat a time of their series, in {series} series)"


def reset(key: np.ndarray, c: np.ndarray, given: np.ndarray, back: np.ndarray, ahead: np.ndarray
          ) -> tuple[int, int, int] | None:
    """The first step back in a series (``back`` [N - 1], over the rows ``given`` in each series' order, ``c`` their
    series) after which the series steps forward again (``ahead`` [N - 1], its next two steps), at least 2 more rows
    stay before the time it went back from and later rows run on past it: a clock reset (a device's reboot an hour
    back, its readings then running on); not a block of rows given again (a file sent twice, revisions appended,
    series stacked without their id: ``repeatedrows`` says those), a lone row out of place (a swapped pair, a row
    pasted again at the end) or rows given newest first. ``(before, after, rows after it that stay before)`` as
    given; None where there is none."""
    for k in np.flatnonzero(back)[:1]:
        if not ahead[k + 1 : k + 3].all() or k + 3 > len(ahead):
            return None
        series, top = c[k + 1], key[given[: k + 1]][c[: k + 1] == c[k + 1]].max()
        later = key[given[k + 1 :]][c[k + 1 :] == series]
        stay = int(np.argmax(later >= top)) if (later >= top).any() else len(later)
        if stay >= 3 and (later > top).any():  # the row it went back to and 2 more, then on past where it was: a
            # file sent twice, revised figures appended or series stacked without their id end there (repeatedrows)
            return int(given[k]), int(given[k + 1]), stay - 1
    return None


def _by(time: pd.Index, before: int, after: int) -> str:
    """" 1 h": how far the times of rows ``before`` and ``after`` lie apart (``jitter.duration``); "" but for dates."""
    return f" {duration(time[before] - time[after])}" if isinstance(time, pd.DatetimeIndex) else ""


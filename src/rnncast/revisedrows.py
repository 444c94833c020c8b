"""Whether two rows of one time of one series are a revision, and what a refusal of them says so: the columns they
differ in named, and the pandas line that keeps the final or later row (``keptrows``). Moved out of ``repeatedrows``
(at its size cap) with ``revisions``, the test of a prelim/final column.

A trader's candle re-sent at reconnect, its high and close moved, or its time written '+00:00' instead of 'Z', was
refused as "duplicated timestamp" with no advice: the advice was given only where the rows differed in the model's
columns alone. Whatever columns differ, they are now named, with how to keep the later row (decision 2255).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import idkeys, keptrows
from rnncast.keptrows import FINAL
from rnncast.layouts import Rows
from rnncast.spelling import one_series_reader

STEP = 0.5  # a revision moves a value by at most half a series' typical step from one time to the next (the median); two
# tickers, or two stores of one level, differ at a time by about a step or more (stocks.csv: 17 against steps of 1.2-27)
LEVEL = 0.01  # or by at most this share of the series' level (30 on values near 5000 that move by 1 a step); two
# tickers or stores a step apart differ by more (stocks.csv: 17 on about 200)
FEW = 0.1  # rows differing in columns the model does not read are told to keep the later only where at most this
# share of the rows repeat a time (a candle re-sent at reconnect), not a time column of each year's periods
PRELIM = ("prelim", "preliminary", "provisional", "estimate", "estimated", "flash", "advance", "initial", "first")
# the mark of a figure revised later: a kind of these words at the times of FINAL's words is a revision's, not a series


def both_in(frame: pd.DataFrame, a: int, b: int) -> bool:
    """Whether ``a`` and ``b`` are both positions of ``frame``'s rows."""
    return 0 <= a < len(frame) and 0 <= b < len(frame)


def timed(column: pd.Series, rows: Rows) -> bool:
    """Whether ``rows`` have a time for each of their rows and ``column`` holds every row they were read from
    (``rows.positions``), so that its values can be weighed against their times."""
    return not (rows.time is None or len(rows.time) != len(rows.positions)
                or len(column) <= np.max(rows.positions, initial=-1))


def revised(frame: pd.DataFrame, rows: Rows, a: int, b: int, unread: bool = False) -> str:
    """Where rows ``a`` and ``b`` of ``frame`` (one time of one series, twice) differ only in value columns
    (``rows.columns``), and in a column that marks revisions (``revisions``: prelim/final) if any: that they do, as a
    revised value would, and how to keep the final or latest row by that column, else the later (``keptrows.line``);
    else "". ``unread``: whatever columns differ, those the model does not read too (a candle re-sent at reconnect
    with its high and close moved) or the time's spelling alone ('...Z' and '...+00:00'), each named, where few rows
    repeat a time (``FEW``, decision 2255): ``repeatedrows.hint`` asks so after a forgotten id column or key."""
    if not both_in(frame, a, b) or rows.time_col is None:
        return ""
    two = frame.iloc[[a, b]]
    differ = [str(c) for c in frame.columns if not (two[c].isna().all() or two[c].iloc[0] == two[c].iloc[1])]
    spelled = [c for c in differ if c == rows.time_col]  # one time, written two ways: the refusal read them alike
    differ = [c for c in differ if c != rows.time_col]
    values = [c for c in differ if c in rows.columns]
    marks = [c for c in differ if c not in rows.columns and revisions(frame[c], rows)]  # prelim/final, or two stores
    other = [c for c in differ if c not in rows.columns and c not in marks]  # alike in level: both said
    if not unread and (other or spelled or not values) or unread and not ((differ or spelled) and _few(rows)):
        return ""
    keys = [rows.time_col] + (idkeys.columns_of(rows.id_col, frame.attrs) if rows.id_col in frame.columns else [])
    shown = ", ".join(f"{c!r} ({two[c].iloc[0]} and {two[c].iloc[1]})" for c in differ)
    shown += f" ({' and '.join(map(repr, other))} not read by the model)" if other else ""
    written = (f"how {rows.time_col!r} is written ({two[rows.time_col].iloc[0]!r} and {two[rows.time_col].iloc[1]!r}, "
               "one time)") if spelled else ""
    shown = " and ".join(filter(None, (shown, written)))
    either = (f"; if {marks[0]!r} names series instead (a store opened later?), name it with id_col= (--id-col)"
              if marks and one_series_reader() is None and rows.id_col not in frame.columns else "")  # a panel: has one
    if not marks and not other and not spelled and (sums := keptrows.summed(frame, rows, values, keys)):
        return f"; the two rows differ only in {shown}: {sums}"  # a till's rows: decision 1476
    first = (f"read {rows.time_col!r} as times first (df[{rows.time_col!r}] = pd.to_datetime(df[{rows.time_col!r}], "
             f"format='ISO8601'{', utc=True' * _zoned(rows)})), then " if spelled else "")
    again = "a re-sent row?" if spelled and not differ else "a revised value?"
    return f"; the two rows differ only in {shown}: {again} {first}{keptrows.line(frame, rows, marks, keys)}{either}"


def _few(rows: Rows) -> bool:
    """Whether at most ``FEW`` of ``rows`` repeat a time of their series: a row re-sent now and then, not a time
    column that names something else (a period of each year: decision 2059), whose rows no keep= should drop."""
    if rows.time is None or len(rows.time) != len(rows.positions) or not len(rows.positions):
        return False
    again = pd.DataFrame({"series": np.asarray(rows.codes), "time": np.asarray(rows.time)}).duplicated().sum()
    return bool(again <= FEW * len(rows.positions))


def _zoned(rows: Rows) -> bool:
    """Whether the times read carry a zone (then read as UTC, whatever offsets the file writes)."""
    return getattr(getattr(rows.time, "dtype", None), "tz", None) is not None


def revisions(column: pd.Series, rows: Rows) -> bool:
    """Whether ``column`` marks revisions of one series, not series: of its kinds (prelim, final), one is found only
    at times another holds too, and there the rows' targets are near (the median difference within a quarter of the
    target's spread and half the median step from one time to the next of a kind, ``STEP``, or within ``LEVEL`` of
    the series' level; each series of a long panel weighed apart, as one series is): a final
    figure over a preliminary one. Tickers or stores, one listed late, differ at a time by a step or more and are
    ids (stocks.csv: MSFT and AMZN); two whose values nearly coincide read so too: ``revised`` then says both
    readings, the revision and the column as id_col."""
    if not timed(column, rows):
        return False
    kind, series = column.to_numpy()[rows.positions], np.asarray(rows.codes)  # within each series of a long panel
    times = pd.Series(np.asarray(rows.time)).groupby([series, kind]).agg(set)
    if not any(_later(kinds.droplevel(0)) for _, kinds in times.groupby(level=0)):  # kinds within a series
        return False
    values = rows.values[:, :max(rows.n_targets, 1)]
    targets = pd.DataFrame(values).assign(time=np.asarray(rows.time), series=series)
    repeated = targets[targets.duplicated(["series", "time"], keep=False)].groupby(["series", "time"])
    apart = (repeated.last() - repeated.first()).abs().median().to_numpy()
    steps = targets.assign(kind=kind).sort_values("time").groupby(["series", "kind"]).diff().drop(columns="time").abs()
    own = pd.DataFrame(values).groupby(series)  # a series' own spread and level, not the panel's
    spread = own.std(ddof=0).median().to_numpy()
    level = pd.DataFrame(np.abs(values)).groupby(series).median().median().to_numpy()
    near = (apart <= 0.25 * spread) & (apart <= STEP * steps.median().to_numpy())
    return bool(np.all(near | (apart <= LEVEL * level)))  # 30 on 5000 moving by 1 a step: a revision too


def _later(kinds: pd.Series) -> bool:
    """Whether of one series' ``kinds`` (each kind's set of times) one is found only at times another holds too, or a
    preliminary word's (``PRELIM``) only at times of the final words (``FINAL``): 'revised' and 'prelim' rows on the
    days revised, no 'final' row written there, are a revision's marks as 'final' and 'prelim' are."""
    sets = list(kinds.items())
    if any(t < u for _, t in sets for _, u in sets):
        return True
    final = set().union(*(t for k, t in sets if str(k).strip().lower() in FINAL))
    return any(str(k).strip().lower() in PRELIM and t <= final for k, t in sets)

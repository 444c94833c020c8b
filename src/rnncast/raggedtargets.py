"""Target columns of one series that start late or end early: a pivoted panel read as one series of several targets.

A notebook tester's ``long.pivot(index="date", columns="store", values="sales")`` of 3 stores ending 2024-07-11,
2024-07-31 and 2024-08-20, fitted with ``target=['A', 'B', 'C']``, was refused "column 'A' has a missing value (NaN)
at row 193 ... (40 missing in that column, 20 in the other columns); fill them with --fill ...": every fill offered
invents values (ffill repeats A's last value 40 times, the forecast starts from them) or deletes real rows (drop cuts
C's last 40 days too). Where every missing value lies before a target column's first value or after its last, the
refusal says so by column (decision 1988) and offers what reads each column over its own rows: ``series=`` (wide
format, one series a column, each trimmed to its own span) or the long table, as ``latereports`` does for a long
panel's series that end early (decision 1609). A blank inside a column's span besides (one day of store B) keeps
that refusal, and is named apart with its line, as the one blank a fill is for once each column is read over its own
rows (decision 2060): it brought back the fill advice that makes up the ragged ends' 60 values.
"""

from __future__ import annotations

import numpy as np

from rnncast import labels
from rnncast.data import place
from rnncast.spelling import hint, listing
from rnncast.timetext import shown

MOST = 4  # columns named; the rest counted


def refusal(values: np.ndarray, time, columns: list, n_targets: int, attrs: dict, fmt: str | None,
            positions: np.ndarray | None = None) -> str | None:
    """The refusal of one series' rows ``values`` [N, C] (targets first, ``n_targets`` of them; ``time`` [N], written
    as ``fmt``; ``positions`` [N] their rows in the table, for the lines named) whose target columns start late or end
    early while another covers the rows: which columns end (start) when, and the ways to read each over its own rows,
    with the blanks inside a column's span besides named apart (``_inside``); None where no column starts late or ends
    early, for a covariate's blank, rows without time or one target."""
    if time is None or n_targets < 2:
        return None
    missing = np.isnan(values)
    if missing[:, n_targets:].any() or not missing.any():
        return None
    valued = ~missing[:, :n_targets]  # [N, T]
    n = len(values)
    first, last = valued.argmax(axis=0), n - 1 - valued[::-1].argmax(axis=0)  # [T] each column's span
    if not valued.any(axis=0).all() or first.min() > 0 or last.max() < n - 1 or (first == 0).all() and \
            (last == n - 1).all():
        return None  # no ragged end, a column without values, rows blank in every column at an end
    when = lambda i: shown(time[i], time, fmt)  # noqa: E731
    late = [j for j in range(n_targets) if first[j] > 0]
    early = [j for j in range(n_targets) if last[j] < n - 1]
    said = [_spans(columns, early, last, [n - 1 - last[j] for j in early], "ends", "last", when),
            _spans(columns, late, first, [first[j] for j in late], "starts", "first", when)]
    whole = [repr(columns[j]) for j in range(n_targets) if j not in late and j not in early]
    span = f"runs from {when(0)} to {when(n - 1)}"
    rest = (f"while {listing(whole[:MOST])}{f' and {len(whole) - MOST} more' if len(whole) > MOST else ''} "
            f"{span.replace('runs', 'run') if len(whole) > 1 else span}" if whole else f"while the table {span}")
    dropped = int(missing[:, :n_targets].any(axis=1).sum())
    names = [str(c) for c in columns[:n_targets]]
    fit = "refit" if hint("reader", None) else "fit"  # predict's and evaluate's read: the model's own targets
    given = (attrs or {}).get(labels.GIVEN) or {}
    pivot = given.get("kind") == "table" and set(given.get("labels", {})) <= set(names)  # time in the index
    melt = ("; or the long table, e.g. with pandas: long = df.melt(ignore_index=False, var_name='series').dropna(), "
            "with target='value', id_col='series'") if pivot else \
        "; or the table in long format (one row per series and time), with id_col= (--id-col)"
    inside = _inside(missing[:, :n_targets], first, last, columns,
                     lambda i: place(int(i if positions is None else positions[i]), attrs or {}))
    return (f"target {'columns' if len(late) + len(early) > 1 else 'column'} {' and '.join(s for s in said if s)} "
            f"{rest}: as targets of one series every column needs a value on every row, and a fill would make "
            f"theirs up (ffill repeats a last value) or remove the {dropped} rows where one is blank, the other "
            f"columns' values there too (drop); if each column is a series of its own, {fit} with series={names!r} "
            f"(--series {','.join(names)}) in place of target=, each read over its own rows{inside}{melt}")


def _inside(missing: np.ndarray, first: np.ndarray, last: np.ndarray, columns: list, where) -> str:
    """", and fill the blank inside the span of 'B' (line 52 of wide2.csv) with ...": the blanks of ``missing`` [N, T]
    between a column's ``first`` and ``last`` valued rows [T], by column and row (``where(i)``: its line), as the
    clause after series=; "" where there are none."""
    rows = np.arange(len(missing))[:, None]
    inner = missing & (rows > first) & (rows < last)
    if not inner.any():
        return ""
    at = [(int(i), int(j)) for i, j in zip(*np.nonzero(inner))]  # by row, then column
    shown = [f"{columns[j]!r} at {where(i)}" for i, j in at[:MOST]] + [f"{len(at) - MOST} more"] * (len(at) > MOST)
    what = (f"the blank inside the span of {columns[at[0][1]]!r} ({where(at[0][0])})" if len(at) == 1 else
            f"the {len(at)} blanks inside the columns' spans ({listing(shown)})")
    return (f", and fill {what} with fill= (--fill ffill|interpolate|zero), which then fills "
            f"{'that one' if len(at) == 1 else 'those'} alone")


def _spans(columns: list, which: list, at, counts: list, verb: str, end: str, when) -> str:
    """"'A' and 'B' end on 2024-07-11 and 2024-07-31 (their last 40 and 20 rows blank)": the columns ``which`` and
    where they end (start), ``at`` [T] their last (first) valued row, ``counts`` the blank rows after (before) it."""
    if not which:
        return ""
    names, dates = [repr(columns[j]) for j in which[:MOST]], [when(int(at[j])) for j in which[:MOST]]
    rows, one = [str(k) for k in counts[:MOST]], len(which) == 1
    return (f"{listing(names)} {verb if one else verb[:-1]} on {listing(dates)}"
            f" ({'its' if one else 'their'} {end} {listing(rows)} {'row' if one and counts[0] == 1 else 'rows'} blank)"
            + (f", and {len(which) - MOST} more columns" if len(which) > MOST else ""))

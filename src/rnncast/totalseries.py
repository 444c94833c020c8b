"""A series that is the sum of others of its panel on every training row: a wide table's 'Total' column beside 'S1',
'S2', 'S3', or a long table's rows of sku 'ALL' beside each store's A and B. It is read as one more series: forecast,
and scored with its errors in the pooled scores beside its parts' (the same values counted twice), and its forecast
need not equal the sum of theirs, as rnncast does not reconcile a hierarchy. ``find`` finds such series at fit and
``warn`` says so once, with how to leave them out (decision 1541).

``find`` looks at each target of a panel of at least 3 series (at most ``MOST``), on the training rows every series
has (aligned by time; at most ``ROWS`` a series, evenly spaced), with one decomposition: the directions in which those
columns add to 0 (their null space) are cut to rows of 1s and -1s (reduced row echelon form, the largest series first,
so a total is a row's lead); each row of one series against two or more is then checked on every training row of that
series, exact to the file's rounding
(half a unit of the last decimal the values carry, per value summed). Series that are 0 throughout, or the same as one
other, are no sums; nor is a sum only within rounding of series whose spread is small against that rounding (counts of
0 and 1, where a rounding of 1.5 lets any three match). Of the directions within the rounding, those below the largest
gap of the singular values are taken (decision 1588): a panel with about as many series as rows has real small ones.

Not checked (no word said): a panel of more than ``MOST`` series, and one with fewer common training rows than its
series + 2 (60 weeks of 93 series): its null space is mostly the shortage of rows, not sums. An M5-style panel of
thousands of series with rows of 'ALL' is one of these; leave such rows out yourself (decision 1588).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.noticed import first_in_block
from rnncast.panel import Panel
from rnncast.spelling import listing, shell_names, some
from rnncast.windows import Split

log = logging.getLogger(__name__)

MOST = 500  # series: a larger panel is not checked (one SVD of its training rows would take seconds)
ROWS = 4  # rows per series the SVD reads at most (evenly spaced): a long hourly panel's SVD stays cheap
NAMED = 10  # the series a wide table's leave-out advice names one by one, at most
SPREAD = 0.1  # the rounding a sum is allowed, at most this share of the total's own spread (its std), unless exact


def find(panel: Panel, splits: list[Split]) -> list[dict]:
    """``[{"total": s, "parts": [s, ...], "target": column}]``: each series ``s`` (position in ``panel``) that equals
    the sum of the series ``parts`` (two or more) of the same target column on every training row it has; [] for a
    panel of fewer than 3 or more than ``MOST`` series. Vectorised over the rows; no error raised."""
    if not 3 <= panel.n_series <= MOST:
        return []
    found = []
    for j in range(panel.n_targets):
        table = _training(panel, splits, j)  # [T, S] by time, NaN where a series has no training row
        found += [{**f, "target": panel.targets[j]} for f in _sums(table)]
    return found


def _training(panel: Panel, splits: list[Split], j: int) -> np.ndarray:
    """The training values of target ``j`` [times, S], aligned by time (row numbers without time), NaN where a series
    has no training row at that time or fill made its value (no reading)."""
    rows, times = [], []
    for s, split in enumerate(splits):
        values = panel.rows(s)[: split.train_end, j].astype(np.float64)
        if panel.filled is not None:
            made = panel.filled[panel.offsets[s]: panel.offsets[s] + split.train_end, j] != 0
            values = np.where(made, np.nan, values)
        rows.append(values)
        times.append(pd.Index(panel.time_of(s)[: split.train_end] if panel.time is not None
                              else panel.numbered(s)[: split.train_end]))
    every = times[0].append(times[1:]).unique() if times else pd.Index([])  # each time once
    table = np.full((len(every), len(rows)), np.nan)
    for s, (values, time) in enumerate(zip(rows, times)):
        table[every.get_indexer(time), s] = values
    return table


def decimals(values: np.ndarray) -> int | None:
    """The decimals the finite ``values`` carry (0 for whole numbers, 1 for 26.1), up to 6; None: more (computed)."""
    values = values[np.isfinite(values)]
    for d in range(7):
        scaled = values * 10.0 ** d
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return d
    return None


def _sums(values: np.ndarray) -> list[dict]:
    """The sums of ``_training``'s table ``values`` [T, S] (above), each ``{"total": column, "parts": [column, ...]}``."""
    held = np.isfinite(values).sum(axis=0)  # [S] rows each series has: one starting late would cut the common rows
    live = np.flatnonzero((np.nansum(np.abs(values), axis=0) > 0) & (held * 2 >= held.max()))  # nor a series of 0s
    full = values[~np.isnan(values[:, live]).any(axis=1)][:, live]  # [T', S'] the rows every live series has
    if len(live) < 3 or len(full) < len(live) + 2:
        return []
    d = decimals(values)
    unit = 0.5 * 10.0 ** -d if d is not None else 0.0  # half the last decimal: each value's rounding
    big = float(np.nanmax(np.abs(values)))
    if len(full) > ROWS * len(live):  # the directions need a few rows per series, not all: each sum is checked on all
        full = full[np.linspace(0, len(full) - 1, ROWS * len(live)).astype(int)]
    order = np.argsort(-np.abs(full).mean(axis=0), kind="stable")  # largest first: a total leads its row
    _, sv, vt = np.linalg.svd(full[:, order], full_matrices=False)
    slack = np.sqrt(len(full)) * (2 * unit + 1e-9 * big)  # rounding's ||X v|| (about sqrt(T'/3) units), with room
    null = vt[len(sv) - _nullity(sv, max(slack, sv[0] * 1e-12)):]  # [r, S'] the directions the columns add to 0 in
    found, taken = [], set()
    for row in _echelon(null):
        whole = np.round(row)
        if not len(row) or np.abs(row - whole).max() > 1e-3 or not set(np.unique(whole)) <= {-1.0, 0.0, 1.0}:
            continue
        plus, minus = np.flatnonzero(whole > 0), np.flatnonzero(whole < 0)
        lead, rest = (plus, minus) if len(plus) == 1 else (minus, plus)
        if len(lead) != 1 or len(rest) < 2:
            continue
        total, parts = int(live[order[lead[0]]]), sorted(int(live[order[k]]) for k in rest)
        if total not in taken and _holds(values, total, parts, unit, big):
            found.append({"total": total, "parts": parts})
            taken.add(total)
    return sorted(found, key=lambda f: f["total"])


def _nullity(sv: np.ndarray, slack: float) -> int:
    """How many of the smallest singular values ``sv`` (descending) are the sums' directions: of those within the
    rounding's ``slack``, the ones below the largest gap (ratio) among them, so that the small but real directions of
    a panel with about as many series as rows (a count's 5.5 against a slack of 8.5) are not taken with them."""
    within = int((sv <= slack).sum())
    if within == 0:
        return 0
    above = np.concatenate([sv[::-1][1:], [np.inf]])[:within]  # for k = 1 .. within: the value above the k smallest
    return 1 + int(np.argmax(above / np.maximum(sv[::-1][:within], 1e-300)))


def _echelon(null: np.ndarray) -> np.ndarray:
    """``null`` [r, S] in reduced row echelon form: each row led by 1 in a column no other row holds, columns taken
    left to right (partial pivoting); rows of nothing dropped."""
    a, lead = null.copy(), 0
    for i in range(len(a)):
        while lead < a.shape[1] and np.abs(a[i:, lead]).max() <= 1e-8:
            lead += 1
        if lead == a.shape[1]:
            return a[:i]
        p = i + int(np.argmax(np.abs(a[i:, lead])))
        a[[i, p]] = a[[p, i]]
        a[i] /= a[i, lead]
        a -= np.outer(a[:, lead], a[i]) * (np.arange(len(a)) != i)[:, None]
        lead += 1
    return a


def _holds(values: np.ndarray, total: int, parts: list[int], unit: float, big: float) -> bool:
    """Whether column ``total`` of ``values`` [T, S] is the sum of ``parts`` on every row it has, to the rounding
    (``unit`` per value summed), where that rounding is small against the total's spread (``SPREAD``)."""
    mine = ~np.isnan(values[:, total])
    own, summed = values[mine, total], values[mine][:, parts].sum(axis=1)  # NaN where a part lacks the row: no sum
    exact, rounded = 1e-9 * big * (len(parts) + 1), unit * (len(parts) + 1)
    off = np.abs(own - summed).max() if len(own) >= 3 else np.inf  # NaN: a part lacks a row
    return bool(off <= exact or (off <= exact + rounded and rounded <= SPREAD * float(np.std(own))))


def text(panel: Panel, found: list[dict]) -> str | None:
    """The one line ``warn`` says of ``find``'s ``found``: which series is the sum of which (each once, with the
    targets it sums where there are several), what that does to the forecasts and scores, and how to leave it out
    (``series=`` of a wide table; a long table's rows); None: none."""
    if not found:
        return None
    name = (lambda s: repr(str(panel.given_id(s))))
    groups: dict[tuple, list] = {}  # (total, parts) -> the targets it sums in: each total said once (decision 1588)
    for f in found:
        groups.setdefault((f["total"], tuple(f["parts"])), []).append(f["target"])
    targets = (lambda ts: f" ({listing([repr(str(t)) for t in ts])})" if panel.n_targets > 1 else "")
    each = [f"{name(total)}{targets(ts)} of {_parts([name(p) for p in parts])}" for (total, parts), ts in groups.items()]
    if len(groups) == 1:
        said = (f"series {each[0].replace(' of ', ' is the sum of ', 1)} on every "
                "training row (to the data's rounding): it is forecast and scored as one more series, so its errors count "
                "in the pooled scores beside its parts' (the same values counted twice), and rnncast does not reconcile "
                "forecasts, so its forecast need not equal the sum of theirs")
    else:
        said = (f"{len(groups)} series are each the sum of others on every training row (to the data's rounding): "
                f"{some(each, 5, sep='; ')}; each is forecast and scored as one more series, so their errors count in "
                "the pooled scores beside their parts' (the same values counted twice), and rnncast does not reconcile "
                "forecasts, so a total's forecast need not equal the sum of its parts'")
    return f"{said}; to forecast and score the parts alone, {_leave_out(panel, {f['total'] for f in found})}"


def _parts(names: list[str]) -> str:
    """A total's parts: "'A' and 'B'", the first 6 of more and how many more."""
    return listing(names) if len(names) <= 6 else some(names, 6)


def _leave_out(panel: Panel, totals: set) -> str:
    """How to leave the series ``totals`` out: a wide table's ``series=`` naming the rest, a long table's rows."""
    if panel.layout == "wide":
        rest = [str(panel.given_id(s)) for s in range(panel.n_series) if s not in totals]
        them = 'it' if len(totals) == 1 else 'them'
        if len(rest) > NAMED:  # 119 stores: not each named (decision 1588)
            dropped = [str(panel.given_id(s)) for s in sorted(totals)]
            return (f"leave {them} out: every series but {some([repr(d) for d in dropped], 5)} (the other {len(rest)}; "
                    f"e.g. df.drop(columns={dropped}))")
        return f"leave {them} out: series={rest} (--series {shell_names(*rest)})"
    key = getattr(panel, "key", None)
    if key is not None:  # a key of several columns: a value of one that only the totals hold ('sku' 'ALL')
        rows = key.rows.reindex(list(panel.ids))
        held = rows.iloc[sorted(totals)]
        others = rows.drop(index=held.index)
        for part in key.parts:
            values = pd.unique(held[part])
            if len(values) == 1 and not (others[part] == values[0]).any():
                value = values[0].item() if hasattr(values[0], "item") else values[0]  # 0 as 0, 'ALL' as 'ALL'
                return f"drop the rows whose {part} is {value!r} from the data (e.g. df[df[{part!r}] != {value!r}])"
    given = [panel.given_id(s) for s in sorted(totals)]
    if len(given) == 1 and isinstance(panel.id_col, str):
        return (f"drop the rows whose {panel.id_col} is {given[0]!r} from the data "
                f"(e.g. df[df[{panel.id_col!r}] != {given[0]!r}])")
    return f"drop the rows of {some([repr(g) for g in given], 5)} ({panel.id_col}) from the data"


def warn(panel: Panel, found: list[dict]) -> None:
    """Say ``text`` of ``found`` as one warning, which a run keeps in its notes and shows on its page; once in a block
    of fits (``noticed.said_once``: a tune's trials, a backtest's refits), as its sibling checks are (decision 1585)."""
    if (said := text(panel, found)) is not None and first_in_block("total series", said):
        log.warning("%s", said)

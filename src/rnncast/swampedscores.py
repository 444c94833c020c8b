"""A scored value far outside the rest of its series whose windows hold most of the squared error: warned of.

A wrong value that float32 still holds (``resolution`` refuses those it does not) is read and scored as given: a
tester's 1e5 in a test row of a daily series near 100 made the test MSE that one value's, without a word (evaluate's
warning of values beyond the fit's was silent: the model's ranges were fitted on those rows). The value may be
real, so it is said, not refused. ``find`` takes each target column of each series in the data given, sets aside its
``ASIDE`` most extreme values (``BURST`` at least) and keeps the range of the rest; a value read by a scored window
that lies outside that range by more than ``FAR`` times its width is far. Where the windows that read or score the
far values hold more than ``SHARE`` of the squared error of the model and of every baseline (in the units the verdict
weighs), ``warn`` names the furthest, once per call: its value, time, series and split (a burst's extent as
``resolution`` words it), that share, and what to do; a peak like those the rows before hold (``SEEN``) at even
gaps (``ABOUT``: every year's Black Friday) is said as one that recurs, not as a possible error, and peaks like it
that are one or uneven are named with both readings (decision 1998); where no such peak is given but the data
starts after the model's first fitted row (``starts_later``: evaluate on the last 150 rows), the warning says those
rows could not show an earlier season's and gives both readings (decision 1461). A change of
level kept for more rows than are set aside is in the range; a trend or a random walk does not leave it by twice its
width in one step. Measured (docs/decisions.md gives the figures): no warning on ETTh1 or ETTm1, each column whole
and in 20 slices, random walks, seasonal series with a trend or a level shift kept after.
"""

from __future__ import annotations

import logging
import math
from typing import Callable

import numpy as np

from rnncast.baselines import NAMES as baselines_named
from rnncast.bordertimes import searcher
from rnncast.codedblanks import WRITTEN, code_like, if_missing
from rnncast.noticed import first_in_call
from rnncast.panel import Panel, of_series
from rnncast.resolution import such_values
from rnncast.spelling import counted, spelled
from rnncast.windowforecasts import WindowForecasts, scored, scored_errors

log = logging.getLogger(__name__)

SHARE = 0.5  # the share of the squared error of the model and of every baseline the far values' windows hold
ASIDE = 0.01  # the share of a column's values set aside before its range is taken
BURST = 5  # values set aside at least: a burst of wrong values is far from the rest, not part of its range
MIN_ROWS = 20  # fewer finite values in a column: not weighed
FAR = 2  # far: outside the range of the rest by more than this many times its width
SEEN = 0.5  # an earlier far value at least this share as far from the median: the scored one is a peak like it
ABOUT = 0.1  # peaks whose gaps are each within this share of their median gap recur as a season's do (decision 1998)


def find(panel: Panel, wf: WindowForecasts) -> list[dict]:
    """Each target column of each series of ``wf``'s windows [W, H, T] (rows inside the series of ``panel``; errors
    in the units the verdict weighs) with far values (``_far``) among the rows its windows read or score, where those
    windows hold more than ``SHARE`` of the model's squared error and of every baseline's: ``{"series": index,
    "column", "row" (the furthest), "value", "more" (other far values), "last" (the last far row), "share" (the
    model's), "least" (the least baseline's share), "lo", "hi" (the rest's range)}``, the largest share first."""
    keep = scored(wf)
    errors = {name: scored_errors((pred - wf.y_true) ** 2, keep).sum(axis=(1, 2))  # [W] each window's
              for name, pred in {"model": wf.y_pred, **wf.baselines}.items()}
    totals = {name: float(e.sum()) for name, e in errors.items()}
    if not totals["model"] > 0:
        return []
    series = np.zeros(len(wf.starts), dtype=np.int64) if wf.series is None else np.asarray(wf.series)
    ends = np.asarray(wf.target_rows) + wf.y_true.shape[1]  # [W] past each window's last step
    # the far values' windows are among their series': only a series whose windows hold more than SHARE of every
    # squared error can (one at most, the series' windows apart), so the others' columns are never sorted (decision)
    held = {name: np.bincount(series, weights=e) / totals[name] if totals[name] > 0 else np.zeros(series.max() + 1)
            for name, e in errors.items()}
    found = []
    lone = [np.min(list(held.values()), axis=0)] + [held[name] for name in wf.baselines]  # every one, or a baseline
    for s in np.flatnonzero(np.max(lone, axis=0) > SHARE * (1 - 1e-9)).tolist():  # a sum's rounding
        mine = np.flatnonzero(series == s)
        first, end = int(wf.starts[mine].min()), int(ends[mine].max())
        for t, column in enumerate(panel.rows(s)[:, : wf.y_true.shape[2]].T):
            far = _far(column)
            if far is None or not (rows := far[0][(far[0] >= first) & (far[0] < end)]).size:
                continue
            read = mine[((wf.starts[mine, None] <= rows) & (rows < ends[mine, None])).any(axis=1)]  # read or score one
            shares = {name: float(e[read].sum()) / totals[name] if totals[name] > 0 else 0.0
                      for name, e in errors.items()}
            alone = [name for name in wf.baselines if shares[name] > SHARE]  # a baseline one value decides (2271)
            if min(shares.values()) > SHARE or alone:
                k = int(rows[np.argmax(np.abs(column[rows] - far[3]))])
                model = shares.pop("model")
                found.append({"series": s, "column": str(panel.named_columns(s)[t]), "row": k,
                              "value": float(column[k]), "more": int(rows.size) - 1, "first": int(rows[0]),
                              "last": int(rows[-1]), "in_a_row": bool(np.isfinite(column[rows[0]: rows[-1] + 1]).sum()
                                                                      == rows.size),
                              "seen": (seen := _seen(column, far, k, first)), "every": _every(seen, far[0], k),
                              "share": model,
                              "least": min(shares.values(), default=1.0), "lo": far[1], "hi": far[2],
                              "baselines": {name: shares[name] for name in alone}})
    return sorted(found, key=lambda f: (f["share"] <= SHARE or f["least"] <= SHARE, -f["share"]))


def _far(column: np.ndarray) -> tuple[np.ndarray, float, float, float] | None:
    """(the rows of ``column`` [N] outside the range of its values left once the ``ASIDE`` share furthest from its
    median (``BURST`` at least) is set aside, by more than ``FAR`` times that range's width; the range's ends; the
    median), or None
    where it has fewer than ``MIN_ROWS`` finite values or the rest is one value (a flag, intermittent sales)."""
    rows = np.flatnonzero(np.isfinite(column))
    if rows.size < MIN_ROWS:
        return None
    values = column[rows]
    median = float(np.median(values))
    order = np.argsort(np.abs(values - median), kind="stable")
    rest = values[order[: rows.size - max(BURST, math.ceil(ASIDE * rows.size))]]
    lo, hi = float(rest.min()), float(rest.max())
    if not hi > lo:
        return None
    width = hi - lo
    return rows[(values < lo - FAR * width) | (values > hi + FAR * width)], lo, hi, median


def _seen(column: np.ndarray, far: tuple[np.ndarray, float, float, float], k: int, first: int) -> list[int]:
    """The first row of each stretch of far values (``_far``'s) before row ``first`` (the rows the scored windows never
    read) on the side of row ``k``'s and at least ``SEEN`` as far from the median: peaks like it, which ``_every``
    asks whether they recur as a season's do (decision 1998)."""
    median = far[3]
    rows = far[0][far[0] < first]
    rows = rows[(np.sign(column[rows] - median) == np.sign(column[k] - median))
                & (np.abs(column[rows] - median) >= SEEN * abs(column[k] - median))]
    return rows[np.r_[True, np.diff(rows) > 1]].tolist() if rows.size else []


def _every(seen: list[int], far_rows: np.ndarray, k: int) -> int | None:
    """The rows between peaks where the earlier peaks ``seen`` (two at least) and the stretch of far rows
    ``far_rows`` holding row ``k`` fall evenly apart, each gap within ``ABOUT`` of their median (a row at least):
    every year's Black Friday, 364 or 371 days apart; else None (peaks in May, May and November: no season's)."""
    at = int(np.searchsorted(far_rows, k))
    while at and far_rows[at - 1] == far_rows[at] - 1:
        at -= 1
    start = int(far_rows[at])  # the scored peak's first far row; a stretch across ``first`` is not its own season
    if len(seen := [row for row in seen if row < start]) < 2:
        return None
    gaps = np.diff(seen + [start])
    every = float(np.median(gaps))
    return round(every) if (np.abs(gaps - every) <= max(ABOUT * every, 1)).all() else None


def starts_later(state, panel: Panel, index: np.ndarray) -> np.ndarray:
    """[S] whether each series of ``panel`` (``index``: its position among the series of the fitted ``state``) starts
    after the first row the model was fitted on (its ``borders``' first fitted time): rows of an earlier season the
    model was trained on are not in the data given. All False without times or a model that kept no first time."""
    saved, later = getattr(state, "borders", None), np.zeros(len(index), dtype=bool)
    if saved is None or panel.time is None:
        return later
    search, offsets = searcher(panel.time), panel.offsets.tolist()
    for s, k in enumerate(np.asarray(index).tolist()):
        if len(saved[k]) > 3 and saved[k][3] is not None:  # no row of the data given at or before the fit's first
            later[s] = search(offsets[s], offsets[s + 1] - offsets[s], saved[k][3], "right") == 0
    return later


def warn(panel: Panel, wf: WindowForecasts, part: Callable[[int, int], str], later: np.ndarray | None = None,
         windows: str = "the windows") -> None:
    """Say ``find``'s first (the largest share) in one line, once per call, with the others counted; ``part(s, row)``:
    where row ``row`` of series ``s`` sits (" (a test row)"); ``later`` [S]: the series that start after the model's
    first fitted row (``starts_later``), whose value no earlier peak given matches is said as one these rows cannot
    judge, not as a possible error (decision 1461). ``windows``: which windows the shares are of ("the validation
    windows"), each said once per call (fit scores its validation and its test rows: each split's figure, decision
    2271); where the value holds most of a baseline's squared error alone, that baseline is named, the model's share
    given, and the verdict against it said to rest on that value."""
    found = find(panel, wf)
    if not found:
        return
    if not first_in_call("swamped scores", windows):  # once per call and split (decision 2271)
        return
    f, s = found[0], found[0]["series"]
    whose = of_series(panel, s)
    if f["share"] <= SHARE or f["least"] <= SHARE:  # one value decides some baseline's score alone (decision 2271)
        held = " and ".join(f"{_percent(v)} of that of {baselines_named.get(n, n)!r}" for n, v in f["baselines"].items())
        named = " and ".join(repr(baselines_named.get(n, n)) for n in f["baselines"])
        log.warning("column %r%s holds %.6g at %s%s, far outside the range of most of its values (%.6g to %.6g): %s "
                    "that read or score it hold %s of the model's squared error but %s, so the verdict against %s by "
                    "MSE or RMSE rests on that one value; judge by MAE or MASE", f["column"], whose, f["value"],
                    panel.when(s, f["row"]), part(s, f["row"]), f["lo"], f["hi"], windows, _percent(f["share"]),
                    held, named)
        return
    more = (such_values(f["more"] + 1, panel.when(s, f["first"]), panel.when(s, f["last"]), f["in_a_row"])
            if f["more"] else "")
    also = f"; likewise {counted(len(found) - 1, 'other column or series')}" if len(found) > 1 else ""
    baselines = f" and at least {_percent(f['least'])} of each baseline's" if len(wf.baselines) else ""
    it, them = ("them", "those values") if f["more"] else ("it", "that value")
    if code_like(np.array([f["value"]]))[0]:  # -9999: said as every line naming a code says it (decision 1607)
        what, advice = f", {WRITTEN}", f"{if_missing([f['value']])}; if real, judge the model by MAE or MASE"
    elif f["seen"]:  # peaks the rows before hold too: evenly apart (a season's), not called a possible error
        seen = ", ".join(panel.when(s, row) for row in f["seen"][:3]) + (", ..." if len(f["seen"]) > 3 else "")
        what = (f"; the rows before hold {counted(len(f['seen']), 'value')} as far "
                f"{'up' if f['value'] > f['hi'] else 'down'} ({seen})")
        if f["every"] is not None:
            what += (f", each about {counted(f['every'], 'row')} after the one before, as this one is: a peak that "
                     "recurs as a season's does")
            advice = "judge the model by MAE or MASE"
        else:  # decision 1998: one earlier peak, or peaks at random (May, May, November), show no season
            what += (", too few to tell whether it recurs" if len(f["seen"]) == 1 else
                     ", not evenly apart with this one as a season's peaks are")
            advice = (f"if wrong, correct {it} or leave {it} blank ({spelled('fill')}); if a peak that recurs, judge "
                      "the model by MAE or MASE")
    elif later is not None and later[s]:  # the season before it may be among the model's rows, not these
        what = (f"; the rows given start at {panel.when(s, 0)}, after the first the model was fitted on, so a peak "
                "like it in an earlier season would not be among them")
        advice = (f"if wrong, correct {it} or leave {it} blank ({spelled('fill')}); if a peak that recurs, judge the "
                  "model by MAE or MASE")
    else:
        what = ""
        advice = (f"if wrong, correct {it} or leave {it} blank ({spelled('fill')}); if real, judge the model by MAE "
                  "or MASE")
    log.warning(
        "column %r%s holds %.6g at %s%s%s, far outside the range of most of its values (%.6g to %.6g)%s: %s "
        "that read or score %s hold %s of the model's squared error%s, so MSE and RMSE measure %s more than the "
        "forecasts; %s, which weigh an error by its size, not its square%s", f["column"], whose, f["value"],
        panel.when(s, f["row"]), part(s, f["row"]), more, f["lo"], f["hi"], what, windows, it, _percent(f["share"]),
        baselines,
        them, advice, also)


def _percent(share: float) -> str:
    """A share as a percent that never rounds to 100% unless it is: 99.94% is "99.9%"."""
    return f"{math.floor(share * 1000) / 10:g}%"


def split_of(located) -> Callable[[int, int], str]:
    """``warn``'s ``part`` from where the fit's borders fall in each series (``parts.Located``: its ``splits`` and
    ``fit_ends``): " (a training row)", " (a validation row)", " (a test row)" or " (a row after the fit's)"."""
    words = ("a training row", "a validation row", "a test row", "a row after the fit's")
    borders = [(split.train_end, split.val_end, end) for split, end in zip(located.splits, located.fit_ends.tolist())]
    return lambda s, row: f" ({words[int(np.searchsorted(borders[s], row, side='right'))]})"


def cut_at(first_rows: np.ndarray) -> Callable[[int, int], str]:
    """``warn``'s ``part`` of a backtest whose first window's first target is row ``first_rows[s]`` of series ``s``
    [S]: " (a row after the first cutoff)", else " (a row the first window reads)"."""
    return lambda s, row: f" (a row {'after the first cutoff' if row >= first_rows[s] else 'the first window reads'})"

"""A column that moves at nearly every step but holds one value for a long stretch: a stuck sensor, named at fit, in
the training rows and in a target's test rows (decision 1517), at evaluate and backtest in the rows their windows score
(decision 1526), and at predict in the last rows given (``at_end``).

A reliability tester's 10-second sensor read the same value for 300 rows (15 % of the series, most of them training
rows) and fit trained on them without a word: the network learns that the signal can freeze, and the windows over the
stretch score as well-forecast flat lines. ``find`` measures each column of each series on its training rows and each
target on its test rows: the longest run of one repeated value with a few rows in the part, judged on its whole length
across the part's border, where it spans at least ``MIN_RUN`` rows, while the rest of the series' steps up to the part's
end repeat a value at most ``ELSEWHERE`` of the time (a price updated weekly, sales that are often 0, a flag, an
off-season of 0 every year: repeats are their nature, and they are not weighed; decisions 1526, 1564). ``warn`` names
the first of each in one line. A run of the test rows decides the verdict ('repeat the last value' is exact there:
t31t1's 200 frozen test rows turned "beats every baseline" into "does NOT beat"), and is said so; evaluate and backtest
say it of the target values their windows score (``in_scored``). The run's floor was also 5 % of the training rows:
60 frozen rows of 1,400 (10 minutes of 10-second data) went unsaid, and a day's data needed 50 minutes; it is
``MIN_RUN`` rows alone now, the ``ELSEWHERE`` test keeping columns that repeat by nature out (decision 1497).
"""

from __future__ import annotations

import functools
import logging

import numpy as np

from rnncast import outageruns
from rnncast.noticed import first_in_block, first_in_call
from rnncast.timetext import shown
from rnncast.panel import Panel, of_series, series_owner
from rnncast.spelling import counted, spelled
from rnncast.windows import Split

log = logging.getLogger(__name__)

MIN_RUN = 20  # rows of one value, at least (a short stall of 10 rows is not named)
ELSEWHERE = 0.02  # the most the rest of the column repeats a value from one step to the next
RECURRING = 3  # stalls of other values, at least, that make stalling the column's nature (ETTh1's copied days)
TRAINING, SCORED = "training", "scored"  # the rows a run lies in: fit learns from the one, scores the other


def find(panel: Panel, splits: list[Split]) -> list[dict]:
    """Each column of each series stuck on its training rows, then each target stuck on its test rows (what the verdict
    reads; the validation rows where there are none, which early stopping reads) (above): ``{"series": label or None,
    "column", "value", "start" (its first row's time, or row), "rows", "share" (of the rows of its part), "part":
    TRAINING or SCORED, "rows_of": "test" or "validation" (SCORED)}``, in series then column order. A covariate's run
    past the training rows is not weighed: no baseline forecasts it and the scores do not read it (decision 1517)."""
    found, given = [], panel.n_given  # the calendar's computed columns are no sensor (decision 2025)
    for s, split in enumerate(splits):
        every = _readings(panel, s)  # [T, C]
        scored = ("test", split.val_end, split.end) if split.end > split.val_end else (
            "validation", split.train_end, split.val_end)
        for part, (a, b) in ((TRAINING, (0, split.train_end)), (SCORED, scored[1:])):
            for j in range(given if part == TRAINING else panel.n_targets):
                column = every[: split.end, j]  # the run judged on its whole length, across the part's border
                skip = (split.train_end, a) if part == SCORED and a > split.train_end else None  # validation rows
                if (run := _run(column, a, b, skip)) is not None:
                    found.append({"series": series_owner(panel, s),
                                  "column": str(panel.named_columns(s)[j]), "value": float(column[run[0]]),
                                  **_part(run, a, b, lambda r, s=s: panel.when(s, r)), "part": part,
                                  "closed": column[run[0]] == 0 and outageruns.closed(panel, s, run[0], sum(run) - 1),
                                  **({"rows_of": scored[0]} if part == SCORED else {})})
    return found


def _readings(panel: Panel, s: int) -> np.ndarray:
    """Series ``s``'s rows [T, C], a value the fill made NaN: no reading, it breaks a run (third review)."""
    every = panel.rows(s)
    if panel.filled is not None:
        made = panel.filled[panel.offsets[s]: panel.offsets[s + 1]] != 0
        every = np.where(made, np.nan, every) if made.any() else every
    return every


def _part(run: tuple[int, int], a: int, b: int, when, count: int | None = None) -> dict:
    """A run's entry fields: its rows in the part [a, b) ("start" the first one's time, by ``when(row)``; "rows";
    "share" of the part's rows, or of ``count``), and, where the run reaches past the part, its whole ("run_rows",
    "run_start"): a run across the border is said by its part in the rows of the line, its length beside."""
    first, last = max(run[0], a), min(run[0] + run[1], b)
    out = {"start": when(first), "rows": last - first, "share": (last - first) / (count or b - a)}
    if run[0] < a or run[0] + run[1] > b:
        out.update(run_rows=run[1], run_start=when(run[0]))
    return out


def in_scored(forecasts, panel: Panel | None = None) -> list[dict]:
    """Each target of each series stuck on the rows a part's windows score (``windowforecasts.PartForecasts``, or a
    backtest's ``WindowForecasts``: their actuals in original units, one value a row), as ``find``'s entries of part
    SCORED ("share": of the rows scored). ``panel``: the data the windows were read from (their series its positions),
    whose rows before the first scored one judge a run across the border on its whole length and the rest of the
    series' steps (decision 1526); without it, the rows scored alone."""
    wf, found = getattr(forecasts, "original", forecasts), []
    w, h, t = wf.y_true.shape
    if not w:
        return found
    rows = wf.target_rows[:, None] + np.arange(h)  # [W, H] each value's row in its series
    series = np.zeros(w, dtype=np.int64) if wf.series is None else np.asarray(wf.series)
    for s in np.unique(series):
        mine = series == s
        kept, first = np.unique(rows[mine].ravel(), return_index=True)  # [R] each row scored once
        truth, times = wf.y_true[mine], (wf.times[s] if len(wf.times) > s else None)  # [w, H, T]
        if (made := getattr(wf, "filled", None)) is not None:  # a made value (a blank label stood in for) is no
            truth = np.where(made[mine], np.nan, truth)  # reading (decision 2177)
        earlier = _readings(panel, int(s))[: kept[0], :t] if panel is not None else np.zeros((0, t))  # [kept[0], T]
        for j in range(t):
            column = np.full(kept[-1] + 1, np.nan)  # rows not scored between: NaN, never a repeat
            column[: len(earlier)] = earlier[:, j]  # the rows before: a run across the border, whole (decision 1526)
            column[kept] = truth[:, :, j].ravel()[first]
            lo = int(kept[0]) if panel is not None else 0
            if (run := _run(column if panel is not None else column[kept[0]:], lo)) is not None:
                run = run if panel is not None else (run[0] + int(kept[0]), run[1])
                when = functools.partial(_when, panel, int(s), times)  # as the data writes it, as fit's (decision 1579)
                named = panel is not None  # the series and column as find names them, so fit says a run once
                found.append({"series": series_owner(panel, int(s)) if named else (
                              wf.ids[s] if len(wf.ids) > 1 else None), "column": str(panel.named_columns(int(s))[j])
                              if named else str(wf.targets[j]) if wf.targets else str(j), "value": float(column[run[0]]),
                              **_part(run, int(kept[0]), int(kept[-1]) + 1, when, len(kept)), "part": SCORED,
                              "closed": column[run[0]] == 0 and outageruns.closed(panel, int(s), run[0], sum(run) - 1)})
    return found


def _when(panel: Panel | None, s: int, times, r: int) -> str:
    """Row ``r`` of series ``s`` as ``find`` names it (``Panel.when``: its time as the data writes it, 2024-01-25 00:00,
    not pandas' 2024-01-25 00:00:00), so that fit's line and its evaluation's are one (decision 1579); without the
    panel, the windows' time as ``timetext.shown`` writes it, else the row."""
    if panel is not None:
        return panel.when(s, r)
    return shown(times[r], times) if times is not None and r < len(times) else f"row {r}"


def at_end(panel: Panel) -> set[tuple[int, int]]:
    """Warn, at predict, of each series' column whose last rows (``MIN_RUN`` or more, of ``panel``, the rows given)
    hold one value where the rows before them move (``ELSEWHERE``): the forecast starts from a frozen reading. t31t1's
    file ending in 20 rows of 0 was told only that the values lay beyond the fit's (another unit?) and to clip at 0.
    Returns the (series, column) positions named, which ``outageruns.at_end`` does not name again."""
    named, given = set(), panel.n_given  # the calendar's computed columns are no sensor (decision 2025)
    for s in range(panel.n_series):
        rows = panel.rows(s)  # [T, C]
        for j in range(given):
            repeats = np.diff(rows[:, j]) == 0  # [T - 1]; NaN never repeats
            tail = len(repeats) - (np.flatnonzero(~repeats)[-1] + 1) if (~repeats).any() else len(repeats)
            rest = repeats[: len(repeats) - tail - 1]  # the steps before the run (not the one into it)
            if tail + 1 < MIN_RUN or len(rest) < MIN_RUN or rest.mean() > ELSEWHERE:
                continue
            whose = of_series(panel, s)
            start = panel.when(s, len(rows) - tail - 1)
            named.add((s, j))
            if first_in_block("stuck at end", s, j, start):
                log.warning("column %r%s holds %.6g for its last %d rows (from %s), though it moves at nearly every "
                            "other step before: a stuck sensor or a copied value? The forecast starts from them; if "
                            "they are not measurements, give the rows up to the last real reading", str(
                                panel.named_columns(s)[j]), whose, rows[-1, j], tail + 1, start)
    return named


def _run(column: np.ndarray, lo: int = 0, hi: int | None = None, skip: tuple[int, int] | None = None
         ) -> tuple[int, int] | None:
    """(first row, rows) of the run of one value of the column [T] with the most rows in ``[lo, hi)`` (default: all;
    of two, the longer), judged on its whole length (a run across the part's border counts its rows on both sides, decision 1526), where it
    is stuck (above): the rows before ``hi`` outside the run (and outside ``skip``, rows [a, b) not weighed: a scored
    part's validation rows) repeat at most ``ELSEWHERE`` of their steps; the rows of earlier parts count, so a seasonal
    series' off-season that its training rows show as well (a run of the same value) repeats by nature. One or two
    earlier stalls of other values are not weighed: a sensor stuck once in its training rows is named when it sticks
    again; ``RECURRING`` or more are its nature, as ETTh1's copied days (decision 1564). A run with fewer than
    ``MIN_RUN // 4`` rows in the part (of a shorter part, all its rows) is not the part's (decision 1565). Else None."""
    hi = len(column) if hi is None else hi
    if hi < MIN_RUN * 2:
        return None
    repeats = np.diff(column) == 0  # [T - 1]; NaN never repeats
    if not repeats[max(lo - 1, 0): hi - 1].any():
        return None
    edges = np.flatnonzero(np.diff(np.concatenate([[0], repeats.astype(np.int8), [0]])))
    starts, ends = edges[::2], edges[1::2]  # repeat steps [start, end): rows [start, end] hold one value
    inside = np.minimum(ends + 1, hi) - np.maximum(starts, lo)  # rows [start, end] in [lo, hi)
    touch = inside >= min(MIN_RUN // 4, hi - lo)  # a run that only grazes the part is not its (decision 1565)
    if not touch.any():
        return None
    k = int(np.flatnonzero(touch)[np.lexsort(((ends - starts)[touch], inside[touch]))[-1]])  # most rows in the part
    rows = int(ends[k] - starts[k]) + 1  # n repeats: n + 1 rows of the value
    weighed = np.ones(hi - 1, dtype=bool)  # the steps judged: up to the part's end, but the run's and skip's
    weighed[starts[k]: ends[k]] = False
    others = [(a, b) for a, b in zip(starts, ends)  # the other stalls before the part's end, of another value
              if b - a + 1 >= MIN_RUN and a < hi - 1 and column[a] != column[starts[k]]]
    if len(others) < RECURRING:  # one or two are no sign this value repeats by nature (decision 1564)
        for a, b in others:
            weighed[a:b] = False
    if skip is not None:
        weighed[skip[0]: max(skip[0], skip[1] - 1)] = False
    rest = int(weighed.sum())
    if rows < MIN_RUN or not rest or repeats[: hi - 1][weighed].sum() / rest > ELSEWHERE:
        return None
    return int(starts[k]), rows


def warn(found: list[dict]) -> None:
    """Say ``find``'s (or ``in_scored``'s) first stuck column of the training rows and of the scored rows, each in one
    line (the others counted), and what to do."""
    for part in (TRAINING, SCORED):
        these = [f for f in found if f.get("part", TRAINING) == part]
        if not these:
            continue
        first = these[0]
        key = ("stuck", part, first["series"], first["column"], first["start"])
        if not first_in_block(*key) or not first_in_call(*key):
            continue  # a tune's later trial, or fit's evaluation of the test rows fit named: said once (decision 1579)
        whose = f" of {first['series']}" if first["series"] else ""
        others = (f"; so do {counted(len(these) - 1, 'other column')} (of this or other series)" if len(these) > 1
                  else "")
        whole = (f", of a run of {first['run_rows']} rows from {first['run_start']} across the border"
                 if "run_rows" in first else "")  # judged whole, said by its part (decision 1526)
        closed = first.get("closed")  # weeks of 0s: a closure, as outageruns says it (decision 2251)
        what = "closed or not recorded (a closure, or an outage written as 0)" if closed else \
            "a stuck sensor or a copied value"
        blank = "blank and fill them (--fill interpolate)" if closed else f"blank ({spelled('fill')})"
        if part == TRAINING:
            log.warning("column %r%s holds %.6g for %s from %s (%s of its training rows%s), though it moves at "
                        "nearly every other step: %s? The network learns from those rows as from any other%s; if they "
                        "are not measurements, leave the cells %s or cut the stretch out", first["column"], whose,
                        first["value"], counted(first["rows"], "row"), first["start"], _share(first["share"]), whole,
                        what, others, blank)
        else:
            rows_of, rest = {"test": ("the test rows", "the test scores and the verdict"),
                             "validation": ("the validation rows, which early stopping reads (no test rows)",
                                            "early stopping and the validation scores")}.get(
                first.get("rows_of"), ("the rows scored", "the scores and the verdict"))  # evaluate's: in_scored
            log.warning("column %r%s holds %.6g for %s from %s (%s of %s%s), though it moves at nearly every other "
                        "step: %s? The 'repeat the last value' baseline is exact on them, and %s rest on them "
                        "too%s; if they are not measurements, leave the cells %s or cut the stretch out",
                        first["column"], whose, first["value"], counted(first["rows"], "row"), first["start"],
                        _share(first["share"]), rows_of, whole, what, rest, others, blank)


def _share(share: float) -> str:
    """A run's share of its rows, never "0%" (a 20-row run of 10,000 training rows is 0.2%)."""
    return f"{100 * share:.0f}%" if share >= 0.01 else f"{100 * share:.1g}%"

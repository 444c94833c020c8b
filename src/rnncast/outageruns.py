"""A run of exact zeros in a target that is otherwise never 0 nor negative, or a run of one repeated value that ends a
series whose rows before it move and never reach that value: an outage (a tracking tag removed, a feed down) written
as values, named by series, dates and length (decision 1925).

A web-analytics tester's page views ended in 7 days of 0 (site05, its rows before never below 1,714): predict forecast
from them (a 90-day mean of 2,710 against 17,350 without them) and the only line was the below-zero warning's advice
to clip at 0, which keeps the forecast made from an outage. ``stuckruns.at_end`` names a frozen tail of ``MIN_RUN``
(20) rows or more; a week of daily zeros is far shorter. A week of zeros inside the training or validation rows was
learned and scored as traffic with no line naming it (decision 1792 leaves closed hours' zeros, which recur, alone).

``find`` gives each run; ``warn`` says them at fit, evaluate and backtest (the first, the others counted); ``at_end``
says predict's, whose input window ends in the run, and returns the text the below-zero warning names as its cause
(``negatives.below_zero``'s ``cause``).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import calendarlags
from rnncast.noticed import first_in_block, first_in_call
from rnncast.panel import Panel, of_series
from rnncast.spelling import counted

log = logging.getLogger(__name__)

MIN_ROWS = 3  # a run this long at least: one or two zeros in a row may be a quiet day
RECURRING = 3  # more runs of 0 than this: 0 recurs (closed hours, an off-season: decision 1792), no outage
SHARE = 0.25  # nor where the runs hold more than this share of the values
CLOSED = pd.Timedelta(days=14)  # a run of 0s this long at least on dated rows reads as a closure (decision 2251)
ELSEWHERE = 0.02  # the most the rows before a repeated nonzero value's run repeat a value (stuckruns.ELSEWHERE)


def _readings(panel: Panel, s: int, n_t: int) -> np.ndarray:
    """Series ``s``'s target rows [T, n_t] as read, a value the fill made NaN (no reading: it neither is nor breaks
    an outage's value), and a 0 fill 'zero' wrote for a missing one too (said as such where it is: zerotail)."""
    every = np.asarray(panel.rows(s)[:, :n_t], dtype=float)
    rows = slice(panel.offsets[s], panel.offsets[s + 1])
    if panel.filled is not None:
        every = np.where(panel.filled[rows, :n_t] != 0, np.nan, every)  # [T, n_t]
    if panel.zeroed is not None:
        every = np.where(panel.zeroed[rows, :n_t], np.nan, every)
    return every


def _runs_of(column: np.ndarray, hit: np.ndarray) -> list[tuple[int, int]]:
    """(first row, rows) of each run of ``hit`` [T] (NaN rows between values of a run, a fill's, join it)."""
    kept = np.flatnonzero(np.isfinite(column))
    if not len(kept):
        return []
    on = hit[kept].astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on, [0]])))
    return [(int(kept[a]), int(kept[b - 1]) - int(kept[a]) + 1) for a, b in zip(edges[::2], edges[1::2])]


def find(panel: Panel, n_targets: int | None = None) -> list[dict]:
    """Each outage of each target of each series of ``panel`` (its first ``n_targets`` columns, default all targets):
    ``{"series": s, "j": its column, "column": name, "value", "first", "last" (its rows), "rows" (those read), "start", "end" (times
    as the data writes them), "least", "most" (of the other values), "at_end", "at_start": bool, "resumes": the
    time of the first reading after it (None at the end)}``. A run of 0 counts where it has
    ``MIN_ROWS`` rows or more and the series' other values are all above 0, in at most ``RECURRING`` runs holding at
    most ``SHARE`` of its values (a series with scattered or recurring zeros, or values below zero, is left alone: 0
    is one of its values); a run of another value only at the series' end, where it lies
    outside the range of the rows before, which repeat a value at most ``ELSEWHERE`` of their steps."""
    found = []
    n_t = panel.n_targets if n_targets is None else n_targets
    for s in range(panel.n_series):
        every = _readings(panel, s, n_t)  # [T, n_t]
        for j in range(n_t):
            column = every[:, j]
            finite = column[np.isfinite(column)]
            if len(finite) < 2 * MIN_ROWS:
                continue
            runs = [r for r in _runs_of(column, column == 0) if np.isfinite(column[r[0]: r[0] + r[1]]).sum() >= MIN_ROWS]
            zero = np.zeros(len(column), dtype=bool)
            for a, n in runs:
                zero[a: a + n] = True
            others = column[~zero & np.isfinite(column)]
            if runs and len(others) and others.min() > 0 and len(runs) <= RECURRING and \
                    len(finite) - len(others) <= SHARE * len(finite):  # never 0 but in a few runs: not its nature
                found += [_entry(panel, s, j, column, a, n, others) for a, n in runs]
            elif not runs and (tail := _tail(column)) is not None:
                found.append(_entry(panel, s, j, column, *tail))
    return found


def _tail(column: np.ndarray) -> tuple[int, int, np.ndarray] | None:
    """(first row, rows, the values before) of a run of one nonzero value ending ``column``, where it is an outage
    (``find``), else None."""
    kept = np.flatnonzero(np.isfinite(column))
    values = column[kept]
    last = values[-1]
    n = len(values) - (np.flatnonzero(values != last)[-1] + 1) if (values != last).any() else len(values)
    before = values[: len(values) - n]
    if n < MIN_ROWS or len(before) < 2 * MIN_ROWS or last == 0:
        return None
    if np.mean(np.diff(before) == 0) > ELSEWHERE or before.min() <= last <= before.max():
        return None
    return int(kept[len(values) - n]), int(kept[-1]) - int(kept[len(values) - n]) + 1, before


def _entry(panel: Panel, s: int, j: int, column: np.ndarray, a: int, n: int, others: np.ndarray) -> dict:
    last = a + n - 1
    return {"series": s, "j": j, "column": str(panel.named_columns(s)[j]), "value": float(column[a]), "first": a,
            "last": last,
            "rows": int(np.isfinite(column[a: a + n]).sum()), "start": panel.when(s, a), "end": panel.when(s, last),
            "least": float(np.min(others)), "most": float(np.max(others)),
            "at_end": not np.isfinite(column[last + 1:]).any(), "at_start": not np.isfinite(column[:a]).any(),
            "resumes": panel.when(s, last + 1 + int(np.argmax(np.isfinite(column[last + 1:]))))
            if np.isfinite(column[last + 1:]).any() else None}  # the first reading after it


def closed(panel: Panel | None, s: int, first: int, last: int) -> bool:
    """Whether rows ``first`` to ``last`` of series ``s`` (a run of 0s) span ``CLOSED`` or more of a dated calendar:
    weeks of 0s in a column far from 0 read as a closure, said "closed or not recorded" by this module's line and
    ``stuckruns``' alike, where one said "an outage" and the other "a stuck sensor" of one hotel's 88 days (decision
    2251). False without dates (rows alone give no weeks)."""
    times = panel.time_of(s) if panel is not None else None
    if times is None or getattr(getattr(times, "dtype", None), "kind", "") != "M" and \
            not isinstance(getattr(times, "dtype", None), pd.DatetimeTZDtype):
        return False
    return pd.Timestamp(times[last]) - pd.Timestamp(times[first]) >= CLOSED - pd.Timedelta(days=1)


def kind_of(panel: Panel | None, s: int, first: int, last: int) -> str:
    """What a run of 0s (rows ``first`` to ``last`` of series ``s``) may be, in words: a closure where it spans weeks
    (``closed``), else an outage."""
    return ("closed or not recorded (a closure, or an outage: a tracking tag or feed down, written as 0)"
            if closed(panel, s, first, last) else "an outage (a tracking tag or feed down) written as values")


def said(panel: Panel, f: dict) -> str:
    """One outage in words: "column 'y' of series 'site05' ends in 7 values of 0 in a row (2024-12-25 to
    2024-12-31), its other values 1714 to 22483, never 0"."""
    how = "ends in" if f["at_end"] else "begins with" if f.get("at_start") else "holds"
    span = f"{f['start']} to {f['end']}" if f["start"] != f["end"] else f["start"]
    never = "never 0" if f["value"] == 0 else f"never {'below' if f['value'] < f['least'] else 'above'} {f['value']:.6g}"
    other = "its rows before" if f["value"] != 0 else "its other values"
    return (f"column {f['column']!r}{of_series(panel, f['series'])} {how} {counted(f['rows'], 'value')} of "
            f"{f['value']:.6g} in a row ({span}), {other} {f['least']:.6g} to {f['most']:.6g}, {never}")


def warn(panel: Panel, found: list[dict], doing: str = "fit", splits=None, season: int = 1,
         placed: dict | None = None) -> str | None:
    """Say ``find``'s first outage in one line (the others counted) with what follows from it for ``doing`` (fit:
    learned and scored; "final fit", one that scores nothing, ``finalfit.unscored``: learned, decision 2159; evaluate,
    backtest: scored), once per block; with ``splits`` (fit's, [S]) and ``season``, how much a run of 0 in its rows before
    the cutoff raises or lowers that series' MASE scale (``scale_clause``, decisions 2162, 2210, not on a final fit,
    which makes no MASE; ``placed``: ``calendarlags.placed(panel)`` where the caller has it). Returns the line, or None."""
    key = ("outage", found[0]["series"], found[0]["column"], found[0]["start"]) if found else ()
    if not found or not first_in_block(*key) or not first_in_call(*key):  # fit's evaluations: said once
        return None
    more = f"; so do {counted(len(found) - 1, 'other run')} (of this or other series)" if len(found) > 1 else ""
    learned = "The network learns them as actuals" if doing == "final fit" else \
        f"{'The network learns from them, and the scores' if doing == 'fit' else 'The scores'} count them as actuals " \
        "where they are scored"
    blank = ("if they are not measurements, leave the cells blank and fill them (--fill interpolate), or cut the "
             "stretch out")
    first = found[0]
    if doing != "final fit":  # no MASE on a final fit (decision 2156)
        learned += scale_clause(panel, first, splits, season, placed)
    if first.get("at_start") and first["value"] == 0:  # a launch: no reading to fill from before it (decision 1991)
        others = (f"; {counted(len(found) - 1, 'other run')} too (of this or other series): cut out those at a "
                  "series' start, and leave the others blank and fill them (--fill interpolate) if they are not "
                  "measurements") if len(found) > 1 else ""
        text = (f"{said(panel, first)}: before the series' first non-zero value (not launched yet?). {learned}; "
                f"start the series at its first non-zero row "
                f"({first['resumes']}) rather than fill them, which would repeat that value{others}")
    else:
        what = kind_of(panel, first["series"], first["first"], first["last"]) \
            if first["value"] == 0 else kind_of(None, 0, 0, 0)
        text = (f"{said(panel, first)}{more}: {what}? "
                f"{learned}; {blank}")
    log.warning("%s", text)
    return text


def scale_clause(panel: Panel, f: dict, splits, season: int, placed: dict | None = None) -> str:
    """"; they raise the series' MASE scale 1.68 times (25.68 with their pairs, 15.31 without), so its MASE reads
    lower" (or "lower ... to 0.90 times", "reads higher", as an interruption's line says it: decision 2134) for a run of
    0 (``find``'s ``f``) in the rows before the cutoff of ``splits`` (its series' ``val_end``: training and validation
    rows, as MASE's scale reads them, decisions 2173, 2210), the scale with and without the pairs that touch the run
    (``calendarlags.scale``, as ``observed.in_sample`` takes it: a made value no reading); "" without ``splits``, for
    another value, a run after the cutoff, or a scale it leaves as it is or that is undefined either way (decision
    2162)."""
    if splits is None or f["value"] != 0 or f["first"] >= splits[f["series"]].val_end:
        return ""
    s, end = f["series"], splits[f["series"]].val_end
    column = _readings(panel, s, f["j"] + 1)[:end, f["j"]]
    seen = np.isfinite(column)
    without = seen.copy()
    without[f["first"]: f["first"] + f["rows"]] = False  # NaN rows inside the run are unseen already
    at = None if placed is None or s not in placed else placed[s][0][:end]
    values = np.where(seen, column, 0.0)
    scale, rest = (calendarlags.scale(values, at, max(season, 1), kept) for kept in (seen, without))
    if not (np.isfinite(scale) and np.isfinite(rest) and rest > 0) or scale == rest:
        return ""
    up = scale > rest
    return (f"; they {'raise' if up else 'lower'} the series' MASE scale {'' if up else 'to '}{scale / rest:.2f} "
            f"times ({scale:.6g} with their pairs, {rest:.6g} without), so its MASE reads {'lower' if up else 'higher'}")


def at_end(panel: Panel, n_targets: int, named=frozenset()) -> str | None:
    """Warn, at predict, of each target whose last rows given (``panel``) are an outage (``find``): the forecast starts
    from them; those of ``named`` ((series, column) positions ``stuckruns.at_end`` named) not again. Returns the first,
    in words, for the below-zero warning to name as its cause; None where none is."""
    ends = [f for f in find(panel, n_targets) if f["at_end"]]
    for f in ends:
        if (f["series"], f["j"]) in named:
            continue
        log.warning("%s: an outage (a tracking tag or feed down) written as values? The forecast starts from them, "
                    "so it forecasts from an outage; give the rows up to the last real reading instead (the forecast "
                    "then starts after it)", said(panel, f))
    if not ends:
        return None
    more = f" (and {counted(len(ends) - 1, 'other')})" if len(ends) > 1 else ""
    f = ends[0]
    return f"the {counted(f['rows'], 'value')} of {f['value']:.6g}{of_series(panel, f['series'])} its input ends in{more}"

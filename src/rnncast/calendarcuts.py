"""A backtest's cutoffs counted on the calendar, not in rows: series that share a calendar and an end are cut on the
same dates, and a window whose series lacks the row at its cutoff (or, where the model reads future covariates, a row
among the dates it forecasts) is left out, said; a date it forecasts without a row is forecast and left unscored
(``stepactuals``).

Counted in rows, one missing month moved every earlier cutoff of its series a month back (a tester's store lacking
2024-03 was cut at 2022-11-30, 2023-05-31 and 2023-11-30 beside the others' 2022-12-31, 2023-06-30 and 2023-12-31), and
its last window forecast six rows that were not six months. Here window ``k`` of a series forecasts the calendar steps
after its cutoff, the cutoffs ``step`` calendar steps apart, the last a horizon before the series' last time (or, with
``cutoff``, the first at that time); the window reads the ``lookback`` rows before its first target, as fit's windows
do (rows across a missing step further back are warned of: ``gapwindows``). Where the data has no calendar (no times,
an irregular one, rows off it) the rows are counted as before (``cutting.cutoff_rows``, ``cutoffs.backtest_rows``).
"""

from __future__ import annotations

import numpy as np

from rnncast import businesssteps, calendarsteps, calendarwalks, cutoffs
from rnncast.cutting import cutoff_rows
from rnncast.panel import Panel
from rnncast.spelling import counted, some
from rnncast.timetext import shown


def first_rows(panel: Panel, cutoff, horizon: int, n_windows: int, step: int, span=None, through: int | None = None,
               placed: dict | None = None, offset=None):
    """``(rows, kept, cuts)``: [S, K] each window's first target row inside its series (the rows before it are the
    rows up to its cutoff; row 0 for a series whose windows reach past its end: left out as too short), [S, K] bool,
    the windows whose series holds its cutoff and the ``through`` steps after it (default ``horizon``: the steps
    it forecasts; 0 where they are no input, a step without a row left unscored, ``stepactuals``), and [S, K] each
    cutoff's position on its series' calendar (-1 where the rows are counted); ``(None, None, None)`` where no series
    holds them. ``span``: the step as calendar time as given ('1D'), ``offset`` it read (``calendarsteps.read``),
    ``step`` then its length in calendar steps. ``placed``: ``placed_series(panel)`` where the caller has it (walked
    once per backtest)."""
    rows = (cutoff_rows(panel.lengths, horizon, n_windows, step) if cutoff is None else
            cutoffs.backtest_rows(panel, cutoff, horizon, n_windows, step))
    placed = placed_series(panel) if placed is None else placed
    if span is not None and len(placed) < panel.n_series:  # rows counted are no calendar time
        first = min(set(range(panel.n_series)) - set(placed))
        calendarsteps.unplaced(span, None if panel.id_col is None else panel.given_id(first), panel.time is None)
    if rows is None:
        return None, None, None
    kept, cuts = np.ones(rows.shape, dtype=bool), np.full(rows.shape, -1, dtype=np.int64)
    at = None if cutoff is None else cutoffs.as_time(cutoff, panel)  # read once, for every series
    rolled: dict = {}  # {a span's cutoff on a holiday: the business day before it}, of every series (decision 2113)
    used, start = {}, False  # {series: its first cutoff}, of a span of months on business days (decision 2207)
    for s, (steps, stamps) in placed.items():
        given = step if span is None else calendarsteps.read(span) if offset is None else offset
        freq = panel.calendar_of(s).freq  # months on business days: the calendar's own (decision 2170)
        months = businesssteps.monthly(given, freq)
        target = calendarsteps.targets(steps, stamps, at, horizon, n_windows, months or given, span,
                                       rolled if businesssteps.kind(freq) else None)  # [K] first
        if target is None:  # past its end: left out whole as too short, as in rows
            rows[s] = 0
            continue
        if months is not None:
            used[None if panel.id_col is None else panel.given_id(s)] = stamps(np.array([target[0] - 1]))[0]
            start = isinstance(months, businesssteps.MONTH_STARTS)
        rows[s] = np.searchsorted(steps, target)  # the rows before each first target: those up to the cutoff
        kept[s] = [_holds(steps, t - 1, (horizon if through is None else through) + 1) for t in target.tolist()]
        cuts[s] = target - 1
    businesssteps.said(rolled)
    fmt = panel.calendar.text_format
    typed = None if at is None else repr(cutoff) if isinstance(cutoff, str) else shown(at, panel.time, fmt)
    businesssteps.firsts(used, typed, span, start, lambda t: shown(t, panel.time, fmt))
    return rows, kept, cuts


def left_out(panel: Panel, cuts: np.ndarray, kept: np.ndarray, horizon: int, through: int | None = None,
             placed: dict | None = None) -> dict | None:
    """The windows ``first_rows`` left out (``through`` as it was given), said: ``{"windows", "of", "series" (how
    many), "ids" (the first ten, as given), "text"}``; None when none is. Each is named by its series, its cutoff and
    the first date it lacks there. ``placed``: as ``first_rows`` takes it."""
    if kept.all():
        return None
    placed = placed_series(panel) if placed is None else placed
    through = horizon if through is None else through
    named = []
    for s, k in zip(*np.nonzero(~kept)):
        steps, stamps = placed[s]
        cut = int(cuts[s, k])
        lacks = next(p for p in range(cut, cut + through + 1) if not _holds(steps, p, 1))
        at, gap = stamps(np.array([cut, lacks]))
        fmt = panel.calendar.text_format
        named.append(f"{'the series' if panel.id_col is None else repr(panel.given_id(s))} at the cutoff {shown(at, panel.time, fmt)} (it lacks "
                     + ("that row)" if lacks == cut else f"{shown(gap, panel.time, fmt)})"))
    n, of = len(named), int(kept.size)
    shown_ = some(named, 10, sep="; ")
    needed = (f"cutoff's row or a row of the {counted(through, 'step')} after it (the future covariates it reads there)"
             if through else "cutoff's row, the last its forecast reads")
    text = (f"{n} of the {counted(of, 'window')} left out, {'its series lacks' if n == 1 else 'their series lack'} the "
            f"{needed}: {shown_}; fill_gaps=True (--fill-gaps) with fill= (--fill) inserts such rows, and a filled "
            "target is not scored")
    ids = list(dict.fromkeys(panel.given_id(s) for s in np.flatnonzero(~kept.all(axis=1))))
    return {"windows": n, "of": of, "series": len(ids), "ids": ids[:10], "text": text}


def _holds(steps: np.ndarray, first: int, n: int) -> bool:
    """Whether the series (its rows' calendar positions ``steps``) holds every position ``first .. first + n - 1``."""
    i = int(np.searchsorted(steps, first))
    return first >= 0 and i + n - 1 < len(steps) and steps[i] == first and steps[i + n - 1] == first + n - 1


def placed_series(panel: Panel) -> dict:
    """{series: (its rows' positions on its calendar [n], positions -> times)} of the series a calendar places;
    empty without times or a calendar, or where a row is off it (the rows are counted then)."""
    if panel.time is None:
        return {}
    placed = {}
    own = [panel.calendar_of(s) for s in range(panel.n_series)]
    for calendar in set(own):
        series = [s for s, c in enumerate(own) if c == calendar]
        if calendar.freq is None or calendar.kind == "row":
            continue
        rows = np.concatenate([np.arange(panel.offsets[s], panel.offsets[s + 1]) for s in series])
        offsets = np.concatenate([[0], np.cumsum(panel.lengths[series])]).astype(np.int64)
        ruler = calendarwalks.walk(panel.time[rows], offsets, calendar)
        if ruler is None or ruler.bad is not None:
            continue
        for i, s in enumerate(series):
            placed[s] = (ruler.steps[offsets[i] : offsets[i + 1]], lambda p, i=i, r=ruler: r.stamps(i, p))
    return placed


def subset(placed: dict, kept: list[int]) -> dict:
    """``placed`` (``placed_series``) of the panel's series ``kept`` alone, numbered as ``Panel.subset`` numbers them."""
    return {new: placed[old] for new, old in enumerate(kept) if old in placed}

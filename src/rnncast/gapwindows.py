"""Windows whose rows are not consecutive steps of their calendar: the steps missing after each row of new
data, on the model's calendar (or a series' own), and the windows of a part that span them, counted and said.

Fit takes the rows on either side of a missing step as consecutive (its gap warning says so) and trains on the
windows across any its own data lacks; it says once how many of its training, validation and test windows span
them, and the model keeps the count (``at_fit``, ``FittedState.across_gaps``). ``evaluate`` and ``predict_windows``
forecast and score such windows alike, and say how many there are and in which series (``parts.select``): a
warning, and a clause of what was scored, so that a score resting on them is not read as one of consecutive steps.
``fill_gaps`` at fit inserts such rows for ``fill`` to fill; the model then does so on new data too, and the filled
targets are not scored (``windowforecasts.scored``).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import businessdays, calendarcuts, calendarlags, calendars, calendarwalks, enddates, panelholidays, seasonalgaps, stepactuals
from rnncast.noticed import errors_only
from rnncast.panel import Panel
from rnncast.spelling import counted, some
from rnncast.timetext import at_midnight, shown
from rnncast.timecalendar import Calendar
from rnncast.wholenumbers import all_whole
from rnncast.windows import panel_window_starts

log = logging.getLogger(__name__)

INSERTS = "inserts such rows for fill= (--fill) to fill"
REMEDY = f"fill_gaps=True (--fill-gaps) at fit {INSERTS}"
ZEROS = 0.05  # the share of a target's values that are 0 from which 'zero' is offered first (decision 1573)
PARTS = {"train": "training", "val": "validation", "test": "test"}  # windows.PARTS, as fit's line names them


def quiet():
    """The block's windows across missing steps counted and said in what was scored, not warned of: for the scores
    of a fit's own data (a run's parts, tune's trials), whose missing rows the fit's gap warning said once, and for
    tune's trials' fits (``at_fit``: counted in each trial's model, not said in each trial)."""
    return errors_only(log)


def missing_after(time: pd.Index, offsets: np.ndarray, calendar: Calendar) -> np.ndarray:
    """[N] how many steps of ``calendar`` are missing after each row of the stacked, sorted ``time`` [N] (cut at
    ``offsets`` [S + 1]), within its series (``calendars.missing_rows``). A row off the calendar counts as a step
    missing before it, and the rows from it on are walked from it; where no ruler can place the times (a calendar
    finer than they are), every step is counted as missing one."""
    after = np.zeros(len(time), dtype=np.int64)
    ruler = calendarwalks.walk(time, offsets, calendar)
    if ruler is not None and ruler.bad is None:
        return calendars.missing_rows(ruler.steps, offsets)
    if len(offsets) > 2:  # a row off the calendar: each series walked alone
        for s in range(len(offsets) - 1):
            lo, hi = offsets[s], offsets[s + 1]
            after[lo:hi] = missing_after(time[lo:hi], np.array([0, hi - lo]), calendar)
        return after
    start, n = 0, len(time)
    while start < n - 1:
        piece = time[start:]
        ruler = calendarwalks.walk(piece, np.array([0, len(piece)]), calendar)
        if ruler is None:
            after[start : n - 1] = 1
            break
        if ruler.bad is None:
            after[start:] = calendars.missing_rows(ruler.steps, np.array([0, len(piece)]))
            break
        bad = int(ruler.bad)
        if bad > 1:
            after[start : start + bad] = missing_after(piece[:bad], np.array([0, bad]), calendar)
        after[start + max(bad - 1, 0)] = max(after[start + max(bad - 1, 0)], 1)
        start += max(bad, 1)
    return after


def panel_missing(state, panel: Panel) -> np.ndarray:
    """[N] the calendar steps missing after each row of ``panel``, each series on the calendar the model keeps for
    it (``state.calendars``, else ``state.calendar``); zeros without timestamps or a calendar."""
    after = np.zeros(len(panel.values), dtype=np.int64)
    if panel.time is None or state.calendar.kind == "row" or state.calendar.freq is None:
        return after
    own = [state.calendars.get(i, state.calendar) for i in panel.ids]  # [S] each series' calendar
    for calendar in set(own):
        series = np.array([s for s, c in enumerate(own) if c == calendar])
        if calendar.freq is None or not len(series):
            continue
        rows = np.concatenate([np.arange(panel.offsets[s], panel.offsets[s + 1]) for s in series])
        offsets = np.concatenate([[0], np.cumsum(panel.lengths[series])]).astype(np.int64)
        after[rows] = missing_after(panel.time[rows], offsets, calendar)
    return after


def crossing(after: np.ndarray, starts: np.ndarray, span: int) -> np.ndarray:
    """[W] whether the window of ``span`` rows from stacked row ``starts`` [W] spans a missing step (``after`` [N]:
    the steps missing after each row): a row of it, its last but one at most, is followed by one."""
    gaps = np.concatenate([[0], np.cumsum(after > 0)])  # [N + 1] rows before each with a step missing after them
    starts = np.asarray(starts, dtype=np.int64)
    return gaps[np.minimum(starts + span - 1, len(after))] - gaps[starts] > 0


def across(state, panel: Panel, starts: np.ndarray, series: np.ndarray, scored: bool = True, span: int | None = None
           ) -> dict | None:
    """The windows at stacked rows ``starts`` [W] of series ``series`` [W] (``lookback + horizon`` rows each, or
    ``span``: the inputs of a backtest's, evaluate's or predict_windows' windows, their steps dated on the calendar
    by ``stepactuals``) that span calendar steps the data lacks, warned of: ``{"windows", "series" (how many), "ids" (the first ten,
    as given), "text" (the clause of what was scored), "note" (the sentence of evaluate's notes)}``; None when
    every window's rows are consecutive steps. ``scored`` False (``predict_windows``): the warning speaks of the
    model's forecasts alone, no baselines."""
    after = panel_missing(state, panel)
    if not after.any() or not len(starts):
        return None
    hit = crossing(after, starts, span or _span(state))  # [W]
    if not hit.any():
        return None
    which, where = _named(panel, np.asarray(series)[hit])
    n, total = int(hit.sum()), len(starts)
    clause = (f"{n} of the windows span calendar steps missing from the data{where}, their rows taken as consecutive "
              "steps as fit takes them")
    data_s = state.settings.data
    lacks = calendarlags.clause(*seasonalgaps.unread(calendarcuts.placed_series(panel), panel.offsets, starts, series,
                                                        data_s.lookback, data_s.horizon, data_s.season),
                                  data_s.season, "steps with an actual", state.scale_by == "calendar" or state.across_gaps is None
                                  ) if scored else ""  # decisions 1885, 1955: a model of gapped data saved before, by rows
    sentence = (f"{n} of the {counted(total, 'window')} span calendar steps missing from the data{where}: the model "
                f"takes the rows on either side as consecutive steps (as fit takes the rows around "
                f"any step its own data lacks), so these windows' steps are not the calendar's{lacks}; {REMEDY}")
    sentence = sentence.replace(REMEDY, _holidays_first(state, panel, which, REMEDY))
    log.warning("%s", sentence)
    return {"windows": n, "series": int(len(which)), "ids": [panel.given_id(s) for s in which[:10]],
            "text": clause, "note": sentence}


def at_fit(state, panel: Panel, splits: list, placed: dict | None = None, said: str = "fit") -> dict | None:
    """The windows of each part of a fit (``splits`` [S] of ``panel``, on the calendars of the fit's ``state``) that
    span calendar steps its data lacks, said once in one line (the windows of each part, the series by name, what
    fills the rows): ``{"training", "validation", "test": {"windows", "of"} (the parts that hold a window),
    "series"}``, which the model keeps (``FittedState.across_gaps``); None when no window spans one, as without
    timestamps, a calendar, or missing rows (``fill_gaps`` inserted them). Such windows are trained on, as
    evaluate scores them: decision 720. ``placed``: ``calendarlags.placed(panel)`` where fit has it, so that its
    calendar is walked once (decision 1951); walked here where None. ``said``: the command the line names ("fit", or
    "backtest" of its model's training rows, decision 2256)."""
    placed = calendarlags.placed(panel) if placed is None else placed
    if not placed and calendarlags.consecutive(panel):
        return None  # every series' rows are its calendar's steps: none missing, nothing walked
    after = (calendars.missing_rows(np.concatenate([placed[s][0] for s in range(panel.n_series)]), panel.offsets)
             if len(placed) == panel.n_series else panel_missing(state, panel))  # the steps missing after each row
    if not after.any():
        return None
    counts, hits, series, lacks = {}, [], [], np.zeros(2, np.int64)
    lookback, horizon = state.settings.data.lookback, state.settings.data.horizon
    inputs = lookback + stepactuals.through(panel, horizon)  # a scored window's steps read by row (decision 2024)
    for part, name in PARTS.items():
        starts, of = panel_window_starts(splits, panel.offsets, part, lookback, horizon)
        if part != "train":  # scored as evaluate scores them (decisions 1153, 1216): its windows, targets by date
            starts, of = enddates.kept(panel, splits, part, starts, of, lookback, horizon, placed)
            kept = stepactuals.future_kept(panel, starts, of, lookback, horizon)[0]
            starts, of = starts[kept], of[kept]
            lacks += seasonalgaps.unread(placed, panel.offsets, starts, of, lookback, horizon, state.settings.data.season)
        if len(starts):
            hit = crossing(after, starts, _span(state) if part == "train" else inputs)  # [W]
            counts[name] = {"windows": int(hit.sum()), "of": len(starts)}
            hits.append(hit)
            series.append(of[hit])
    if not any(c["windows"] for c in counts.values()):
        return None
    which, where = _named(panel, np.concatenate(series))
    parts = [f"{c['windows']} of the {counted(c['of'], f'{name} window')}" for name, c in counts.items()]
    log.warning("%s span calendar steps missing from the data%s: %s takes the rows on either side as consecutive "
                "steps (of a validation or test window, those it reads: its targets are scored at their own dates), "
                "so the network learns from and is scored on windows whose steps are not the calendar's%s; "
                "%s", ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1], where, said,
                calendarlags.clause(*lacks.tolist(), state.settings.data.season, "validation and test steps with an actual"),
                _holidays_first(state, panel, which, f"fill_gaps=True (--fill-gaps) {INSERTS} ({fills(panel)})"))
    return {**counts, "series": int(len(which))}


def summed(before: dict | None, counts: dict | None) -> dict | None:
    """Two of ``at_fit``'s counts (a refit backtest's cutoffs' models) added part by part: the windows and the windows
    of each part; ``series`` the most of either. None where both are None."""
    if not before or not counts:
        return before or counts
    total = {"series": max(before["series"], counts["series"])}
    for name in PARTS.values():
        if name in before or name in counts:
            total[name] = {key: before.get(name, {}).get(key, 0) + counts.get(name, {}).get(key, 0) for key in ("windows", "of")}
    return total


def fills(panel: Panel) -> str:
    """The fills to offer for rows ``panel`` (its target columns) has inserted, in words: 'zero' first where the
    target has no value below 0 and either zeros make ``ZEROS`` of its values or more, or it holds only whole numbers
    (a till export that leaves out its weeks without sales, where a missing row means nothing happened; ffill made 19
    such series constant: decision 982); not for a °C series with 6 exact zeros among 280 negatives (decision 1573)."""
    made = "'ffill' or 'interpolate'; made values are not scored"
    target = panel.values[:, : panel.n_targets]
    target = target[np.isfinite(target)]
    zeros = bool(len(target)) and (target == 0).mean() >= ZEROS
    if (target < 0).any() or not (zeros or all_whole(target)):
        return made
    return (f"'zero' where a missing row means nothing happened, as the target's {'zeros' if zeros else 'counts'} "
            f"suggest (scored as observed 0s), or {made}")


def _span(state) -> int:
    return state.settings.data.lookback + state.settings.data.horizon


def _holidays_first(state, panel: Panel, which: np.ndarray, remedy: str) -> str:
    """``remedy`` (fill_gaps'), or, where a series of ``which`` [K] on plain business days beside others with their
    own calendars misses mostly a set's holidays (``panelholidays``, as the gap warning says it), that set first:
    fill_gaps only for the true gaps left (a halt), never for closes made up on holidays."""
    if not state.calendars or not isinstance(panel.time, pd.DatetimeIndex):
        return remedy
    sets = [c.holidays if c.holidays is not None else None if businessdays.plain_business(c.freq) else ""
            for c in (state.calendars.get(i, state.calendar) for i in panel.ids)]
    found = panelholidays.first(panel.time, panel.offsets, sets, among=set(which[:50].tolist()))
    if found is None:
        return remedy
    ids = [panel.given_id(s) for s in range(panel.n_series)]
    return (f"{found.holidays} of the {found.holidays + len(found.others)} weekdays series {ids[found.series]!r} "
            f"misses are {found.name} holidays: {'at fit, ' if remedy == REMEDY else ''}"
            f"{panelholidays.give(found, sets, ids)}; {remedy.replace('inserts such rows', 'then inserts the true gaps left')}")


def _named(panel: Panel, series: np.ndarray) -> tuple[np.ndarray, str]:
    """The series of the windows of series ``series`` [W] and how many each holds, said ("" for one series):
    " (series 'a': 3, 'b': 2)", the first ten named."""
    per = np.bincount(series, minlength=panel.n_series)  # [S]
    which = np.flatnonzero(per)
    named = some([f"{panel.given_id(s)!r}: {int(per[s])}" for s in which[:10]], 10, total=len(which))
    return which, "" if panel.id_col is None else f" (series {named})"


def window_gaps(panel: Panel, lookback: int, calendar: Calendar, own: dict, most: int = 3) -> tuple[int, list[str]]:
    """How many series' last ``lookback`` rows (the window predict reads) are not consecutive steps of
    their calendar (the model's ``calendar``, or the series' own in ``own``: id -> Calendar), and the first ``most``
    of them, each as
    ``"<id>: after <time>"`` (the first gap); ``(0, [])`` without timestamps or a calendar. The windows
    are placed on it by ``calendarwalks.first_gaps``, the walker that finds fit's gaps; only the series
    named are formatted."""
    if panel.time is None or calendar.kind == "row" or calendar.freq is None:
        return 0, []
    rows = (panel.offsets[1:] - lookback)[:, None] + np.arange(lookback)  # [S, L]
    kept = [own.get(i, calendar) for i in panel.ids]  # [S] each series' calendar
    first = np.full(panel.n_series, -1, dtype=np.int64)
    for each in set(kept):
        series = np.array([s for s, c in enumerate(kept) if c == each])
        if each.freq is not None:
            first[series] = calendarwalks.first_gaps(panel.time[rows[series].reshape(-1)],
                                                 np.arange(len(series) + 1) * lookback, each)
    gappy = np.flatnonzero(first >= 0)
    day = at_midnight(panel.time) if len(gappy) else False
    return len(gappy), [f"{'' if panel.ids[s] is None else f'{panel.given_id(s)!r}: '}after "
                        f"{shown(panel.time[rows[s, first[s]]], day, panel.calendar.text_format)}"
                        for s in gappy[:most]]

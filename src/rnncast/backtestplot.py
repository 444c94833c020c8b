"""A backtest's figure: each window's forecast against the actual values, its cutoff marked.

The series of a ``backtestresult.Backtest`` under their ids (of more than three, the best, median and worst by their MASE
over every window, ``seriespicks.pick_series``, as forecast.png picks them by test MASE), at most one lookback of
history up to the first cutoff (``history_shown``), every window's forecast and its levels (``quantilebands``), the
cutoffs as dashed lines and every baseline the verdict weighs (a window whose model kept the untrained network,
``untrained_windows``, its forecast marked x: decision 2058), titled with the verdict over every window; of more than
``plots.FEW_WINDOWS`` windows, the levels and baselines of those that do not overlap (``whole_windows``). Drawn by
``plots.backtest_figure`` (intraday bars one step per bar, ``barsaxis``); matplotlib is imported only when a figure is
drawn.
"""

from __future__ import annotations

import textwrap

import numpy as np

from rnncast import axislabels, barsaxis, baselines, madeof, plots, seriespicks, targetrows
from rnncast.quantilebands import Band, drawn_levels
from rnncast.seasons import recorded as recorded_season
from rnncast.seriespicks import pick_series
from rnncast.calendarsteps import text as step_text
from rnncast.spelling import counted
from rnncast.backtestverdict import backtest_test
from rnncast.verdicts import headline


def backtest_figure(result, n_series: int = 3):
    """``backtest_drawn``'s figure alone."""
    return backtest_drawn(result, n_series).figure


def backtest_drawn(result, n_series: int = 3) -> targetrows.Drawn:
    """``n_series`` series of ``result`` (a ``backtestresult.Backtest``; of more, ``shown_series``), each under its id and
    its MASE (each target of several in a row of its own, ``targetrows``): actual values over ``history_shown`` steps up to the first cutoff, each window's forecast and the bands
    of its levels, the cutoffs as dashed lines, every baseline the verdict weighs (repeat the last value, the training
    mean, with a season seasonal naive). The title gives the verdict over every window (``verdicts.headline``), how
    many of the series are drawn (and how they were chosen) and how much history. A series is named by the data's id
    column ("store 14"), its targets' rows over one time axis; the figure comes back with how many targets it draws
    (``targetrows.Drawn``)."""
    panel, frame, m = result.panel, result.forecasts, result.metrics
    levels = m["quantiles"]
    drawn = drawn_levels(levels)  # every level: intervals nested, a lone level a line
    history = history_shown(m["lookback"], m["horizon"], m["n_windows"], m["step"])
    curves, shown, left, points = [], [], 0, 0  # left: the windows' target points drawn that no score counts
    picks, how = shown_series(result, n_series)
    full = whole_windows(result.cutoffs.shape[1], m["horizon"], m["step"])  # those drawn with bands and baselines
    names = list(panel.targets) if panel.layout != "wide" else list(panel.targets[:1])
    drawn_targets = targetrows.count(len(names), len(picks))  # a row per target of each series (targetrows)
    for s, role, t in [(s, role, t) for s, role in picks for t in range(drawn_targets)]:
        target = names[t]
        lo = max(int(result.cutoffs[s, 0]) + 1 - history, 0)  # history rows before the first window's first target
        shown.append(int(result.cutoffs[s, 0]) + 1 - lo)
        hi = int(result.cutoffs[s, -1]) + 1 + m["horizon"]  # to the last window's end: an early cutoff drew the series
        # to its end, years on, and the windows a sliver (a tester's bt/w53)
        values = panel.rows(s)[lo:hi, t]
        filled = (panel.filled[panel.offsets[s] + lo : panel.offsets[s] + lo + len(values), t] != 0) \
            if panel.filled is not None else np.zeros(len(values), bool)  # made by fill
        targets, scored = np.zeros(len(values), bool), np.zeros(len(values), bool)  # rows a window forecasts; scores
        x = panel.time_of(s)[lo:hi] if panel.time is not None else panel.numbered(s)[lo:hi]
        mine = (frame if panel.id_col is None else frame[panel.key.matches(frame, panel.ids[s])] if panel.key is not None
                else frame[frame[panel.id_col] == panel.given_id(s)])  # a key of several: by its columns
        windows, off = [], set(m.get("untrained_windows") or ())  # the untrained network's, marked (decision 2058)
        for j in range(result.cutoffs.shape[1]):
            whole = j in full  # many windows: the others' forecast alone, a thin line (decision 2031)
            w = mine[(mine["window"] == j) & mine[target].notna()]  # a date the data lacks: not drawn (stepactuals)
            first = int(result.cutoffs[s, j]) + 1  # its times as the panel holds them (the frame's: the data's form)
            wx = panel.time_of(s)[first:first + len(w)] if panel.time is not None else w["row"].to_numpy()
            gap = "left_out" in w and w["left_out"].any()  # its inputs read later fills: not scored, so not drawn
            at = np.arange(first, first + len(w)) - lo  # its targets' positions in the drawn rows
            targets[at[at < len(values)]] = True
            scored[at[at < len(values)]] |= not gap
            kept = lambda column: np.full(len(w), np.nan) if gap else w[column].to_numpy()  # noqa: E731
            bands = {label: Band(kept(f"{target}_q{lo:g}"), None if hi is None else kept(f"{target}_q{hi:g}"), None, depth)
                     for lo, hi, depth, label in drawn}
            windows.append({"x": wx, "forecast": kept(f"{target}_hat"), "bands": bands if whole else {},
                            "cutoff": int(result.cutoffs[s, j]) - lo,  # the last observed step's position in x
                            "untrained": untrained_label(m) if j in off else None,
                            "baselines": {plots.baseline_label(name, m["season"]): kept(f"{target}_{name}")
                                          for name in baselines.NAMES if f"{target}_{name}" in w and whole}})  # every
            # one the verdict weighs
        label = "" if panel.id_col is None else f"{targetrows.series_word(panel.id_col)} {targetrows.quoted(panel.given_id(s))}"
        mase = None if result.series_mase is None else result.series_mase[s]
        if mase is not None and np.isfinite(mase):  # one series' too, as a panel's (decision 1453); of several targets: over them all
            label = seriespicks.lead(role, "backtest", label, mase, len(names))
        elif mase is not None and result.series_why and result.series_why[s]:  # as forecast.png says it
            label = f"{label + ': ' if label else ''}MASE undefined: {result.series_why[s]}"
        if drawn_targets > 1:  # the row's own target's MASE, where known
            label = targetrows.row_title(target, label, None if result.target_mase is None else result.target_mase[s, t])
        marks = plots.left_out(filled, targets & ~scored)  # observed, but only in windows left out: ringed, as forecast.png
        left += int(np.count_nonzero(marks[targets]))
        points += int(targets.sum())
        curves.append({"label": label, "x": x, "actual": values, "filled": marks if marks.any() else None,
                       "windows": windows, "group": s,  # a series' target rows: one time axis
                       "ylabel": axislabels.values_label(str(target)) if drawn_targets > 1 else None})
    season = recorded_season(m)
    drawn = f"{len(picks)} of {panel.n_series} series shown{how}; " if len(picks) < panel.n_series else ""
    steps = f"the {shown[0]} steps" if len(set(shown)) == 1 else f"at most {max(shown)} steps"
    note = targetrows.note(names, drawn_targets, "forecasts.csv")  # the verdict covers every target
    counts = plots.scored_note(points, left, f"the {counted(points, 'target point')} drawn", "; ")  # as forecast.png's
    title = (f"Backtest: {counted(m['n_windows'], 'cutoff')} {step_text(m)} apart, horizon {m['horizon']}, "
             f"{'refit at every cutoff' if m['refit'] else 'one model trained up to the first cutoff'}\n"
             f"{textwrap.fill(_over(m) + headline(backtest_test(m), m['verdict_units'], season=season), 90)}\n"
             f"{drawn}history: {steps} up to the first cutoff{note}{counts}{_thinned(full, result.cutoffs.shape[1])}")
    ylabel = axislabels.values_label("value" if panel.layout == "wide" else str(names[0]))  # wide: the target's name is made up

    fig = plots.backtest_figure(curves, title, None, ylabel, axislabels.time_label(panel.calendar),
                                barsaxis.session_of(panel.calendar),  # intraday bars: one step per bar
                                madeof.legend_label(m) if m.get("cell") else "model",  # named as forecast.png names it
                                calendar=panel.calendar)  # quarters ticked as quarters
    return targetrows.Drawn(fig, drawn_targets)  # the targets drawn, each a row: the page's caption names them


def untrained_label(m: dict) -> str:
    """The legend's words for the windows whose model kept the untrained network (``untrained_windows``), as fit's
    forecast.png names such a model: "model (lstm, untrained): no epoch beat it" (decision 2058)."""
    return f"{madeof.legend_label(m, True) if m.get('cell') else 'model (untrained)'}: no epoch beat it"


def whole_windows(n_windows: int, horizon: int, step: int) -> set[int]:
    """The windows (0 the first) a backtest's figure draws with their intervals and baselines: every one up to
    ``plots.FEW_WINDOWS``; beyond, the last and every one before it that its forecast does not overlap (each
    ``ceil(horizon / step)`` windows back: all where ``step`` >= ``horizon``), the others' forecast alone. Ten
    windows a week apart of 28 days stacked ten bands and thirty baseline lines into one blue wall (decision 2031)."""
    if n_windows <= plots.FEW_WINDOWS:
        return set(range(n_windows))
    return set(range(n_windows - 1, -1, -max(-(-horizon // max(step, 1)), 1)))


def _thinned(full: set, n_windows: int) -> str:
    """The title's words for the windows drawn without bands and baselines (``whole_windows``), or ""."""
    if len(full) == n_windows:
        return ""
    every = f"the last and one every {n_windows - 1 - max(full - {n_windows - 1})} windows before it" if len(full) > 1 else "the last"
    return (f"\n{n_windows} overlapping windows, each forecast a thin line; the intervals and baselines of "
            f"{len(full)} that do not overlap ({every})")


def _over(m: dict) -> str:
    """The headline's opening: "Over every window, ", or where windows were left out for a missing row
    (``windows_left_out``) "Over 2 of the 3 windows (1 left out: a row missing), " (decision 1923)."""
    out = m.get("windows_left_out")
    if not out or not out.get("windows"):
        return "Over every window, "
    return f"Over {out['of'] - out['windows']} of the {out['of']} windows ({out['windows']} left out: a row missing), "


def shown_series(result, n_series: int) -> tuple[list[tuple[int, str]], str]:
    """The series of ``result`` a figure of ``n_series`` rows draws, as (position, role) pairs, and how they were
    chosen: every one where they fit; else, with each series' MASE at hand (``Backtest.series_mase``), its best,
    median and worst (``seriespicks.pick_series``; ``n_series`` other than 3: evenly spaced ranks, by rank), as
    forecast.png picks a panel's series; else the first."""
    n = result.panel.n_series
    mase = result.series_mase
    if n <= n_series:
        return [(s, "") for s in range(n)], ""
    if mase is None or not np.isfinite(mase).any():
        return [(s, "") for s in range(n_series)], " (the first)"
    idle = getattr(result, "series_idle", None)  # every scored actual 0: not ranked where others are (decision 1485)
    picks, note = pick_series(np.asarray(mase, dtype=float), np.ones(n, dtype=bool), result.panel.ids,
                              result.series_why, idle,  # why MASE is undefined for those not ranked, as forecast.png says
                              getattr(result.panel, "targets", None))  # zeros said by the target (decision 1572)
    if n_series == 3:
        return picks, ": the best, median and worst by MASE" + note.replace("\n", "; ")
    ranked = [int(s) for s in np.argsort(mase, kind="stable") if np.isfinite(mase[s])]
    if idle is not None and not all(idle[s] for s in ranked):
        ranked = [s for s in ranked if not idle[s]]
    ranks = sorted({int(round(r)) for r in np.linspace(0, len(ranked) - 1, min(n_series, len(ranked)))})
    return ([(ranked[r], f"rank {r + 1} of {len(ranked)}") for r in ranks],
            f": by MASE, ranks {ranks[0] + 1} to {ranks[-1] + 1}" + note.replace("\n", "; "))


def history_shown(lookback: int, horizon: int, n_windows: int, step: int) -> int:
    """How many steps up to the first cutoff a backtest's figure draws: as many as its windows forecast (at least
    three horizons and ``MIN_HISTORY``), at most one lookback (what the first window read), so that the forecasts
    take half the width or more: twice the lookback beside ten windows of a day (bt-spring) left them the right
    third of the plot."""
    forecast = (n_windows - 1) * step + horizon
    return int(min(lookback, max(forecast, 3 * horizon, MIN_HISTORY)))


MIN_HISTORY = 24  # steps of history drawn at the least (where the lookback is longer): a tiny backtest's context

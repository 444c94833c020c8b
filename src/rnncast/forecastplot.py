"""The run's forecast figure: what the verdict rests on.

The model (or several, side by side) against the actual values of the test split and against
every baseline the verdict compares it with: repeat the last value, the training mean, and
seasonal naive when ``season > 1``. One series is one plot; a panel is a small grid of its best,
median and worst series by test MASE, each titled with its id, its role and its MASE. The figure is
drawn from forecasts already made (``windowforecasts.PartForecasts``), never made again for the
reference model. Several models of one series told apart by their errors: ``errorsapart``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

import numpy as np
from matplotlib.figure import Figure

from rnncast import axislabels, barsaxis, blanklabels, plots, seriespicks, stepactuals, targetrows, tiledsteps, timetext, zeroscales
from rnncast.seriespicks import mase_by_series, mase_each, pick_series
from rnncast.spelling import counted
from rnncast.windowforecasts import PartForecasts, WindowForecasts, take
from rnncast.rowlegend import legend_again
from rnncast.quantilebands import Band, drawn_levels


class Fitted(Protocol):
    """What the figure reads of a fitted ``rnncast.Forecaster`` (named by its attributes, not imported: the fitted
    model draws its own figure, ``Learned.forecast_figure``)."""

    layout_: str
    targets_: list
    calendar_: Any  # timecalendar.Calendar
    id_col_: Any  # the data's id column (a key's: a list), or None
    settings_: Any  # config.Settings

    def part_forecasts(self, data, part: str = "test", static_covariates=None) -> PartForecasts: ...

    def predict_windows(self, data, part: str = "all", scaled: bool = False, series=None,
                        static_covariates=None) -> WindowForecasts: ...


def forecast_plot(reference: Fitted, data, models: dict[str, Fitted], test: PartForecasts | None = None,
                  max_points: int = plots.MAX_POINTS, where: str | None = None) -> Figure:
    """``forecast_drawn``'s figure alone."""
    return forecast_drawn(reference, data, models, test, max_points, where).figure


def forecast_drawn(reference: Fitted, data, models: dict[str, Fitted], test: PartForecasts | None = None,
                   max_points: int = plots.MAX_POINTS, where: str | None = None) -> targetrows.Drawn:
    """Actual vs predicted over a contiguous stretch of the test split, with every
    baseline of the reference model's scores and each quantile model's every level (``quantilebands``). A model of
    several targets draws each in a row of its own over its series' time axis (``targetrows``: beyond its rows, the
    first ones, the title saying how many and, with ``where``, the file that holds them all); the figure comes back
    with how many it draws (``targetrows.Drawn``). A series is named by the data's id column ("store 14").

    ``models``: name -> fitted model, drawn side by side (``reference`` among them or not); the
    other models forecast the same series' test windows of ``data``. ``test``: the reference
    model's test-window forecasts when already made (``Forecaster.part_forecasts``), not made again.
    ``max_points``: the most points of each series drawn (fewer make dense noisy values readable).
    A panel of three or more series shows its best, median and worst series by the reference
    model's test MASE; series whose MASE is undefined (no in-sample naive error, ``zeroscales`` says why) are not
    ranked. A model of the features alone (target_input=False) draws points, no line joining them (decision 1631).
    """
    test = reference.part_forecasts(data, part="test") if test is None else test
    if test.absent is None and not test.scored.get("targets_on", {}).get("new", 0):  # sparse labels: those measured
        data_s = reference.settings_.data
        test = replace(test, original=measured_only(test.original, data_s), scaled=measured_only(test.scaled, data_s))
    wf = test.original
    horizon = reference.settings_.data.horizon
    ylabel = values_label(reference)
    session = barsaxis.session_of(reference.calendar_)  # intraday bars: one step per bar, nights left out
    points = not reference.settings_.data.target_input  # rows forecast each from its features: points (decision 1631)
    targets, word = list(reference.targets_), targetrows.series_word(getattr(reference, "id_col_", None))
    if len(test.ids) == 1 or not len(wf.series):
        drawn = targetrows.count(len(targets))
        rows = curves(reference, data, models, test, 0, max_points, drawn)  # a row per target
        panel = rows[0]
        which = "" if reference.layout_ == "single" else f"{word} {test.ids[0]!r}, "
        shown = panel["points"]  # every test date with a row (``tiledsteps``), or the first ones; a date without one apart
        each = " of each target" if drawn > 1 else ""  # every target's row draws as many
        span = (f"all {counted(shown, 'test point')}{each}{_blank(panel['blank'])}{panel['last']}" if panel["whole"]
                else f"first {counted(shown, 'point')}{each}{_blank(panel['blank'])}")  # "first 120" of 120 read as rows cut
        new, end = _after_fit(wf, test.scored, panel["rows"], panel["real"])  # drawn points after the fit's data, the first's position
        part = ("Test split" if not new else "Rows after the fit's data" if new == shown else
                "Test split and the rows after the fit's data")
        if new:  # evaluate's words: "200 in the fit's test split, 500 after the fit's last row"
            span = span.replace(" test point", " point") + (f": {shown - new} in the fit's test split, {new} after "
                                                            "its last row" if new < shown else "")
        title = (f"{part}, {which}forecast {_how(horizon, rows)} ({span}{_unscored(rows)}"
                 f"{targetrows.note(targets, drawn, where)})")
        if drawn > 1:  # a row per target, over one time axis
            for t, row in enumerate(rows):
                row["title"], row["ylabel"] = targetrows.row_title(targets[t]), axislabels.values_label(targets[t])
                row["group"] = 0  # one series: its rows share the time axis
            fig = plots.forecast_grid(rows, title, ylabel, axislabels.time_label(reference.calendar_), session,
                                      reference.calendar_, points)
        else:
            fig = plots.forecast_figure(panel["x"], panel["actual"], panel["predictions"], title, ylabel, panel["bands"],
                                        xlabel=axislabels.time_label(reference.calendar_), filled=panel["filled"],
                                        session=session, calendar=reference.calendar_, points=points)
        if new and end and session is None:  # a bars axis draws steps, not times: the title says it there
            for i, ax in enumerate(fig.axes[:drawn]):
                ax.axvline(panel["x"][end], color="black", lw=1, ls=(0, (1, 2)), label=None if i else "the fit's data ends")
            legend_again(fig.axes[:drawn])  # where it was: below one axes, beside a grid's first row
        return targetrows.Drawn(fig, drawn)
    mase, each = mase_each(wf, test.mase_scales[wf.series], len(test.ids))  # [S]; [S, T] a target's row: its own
    why = zeroscales.reasons(mase, test.mase_scales, test.mase_zero, test.season)
    picks, note = pick_series(mase, np.bincount(wf.series, minlength=len(test.ids)) > 0, test.ids, why,
                              seriespicks.no_demand(wf, len(test.ids)), targets)  # all-0: unranked, noted (decision 1485)
    panels, drawn = [], targetrows.count(len(targets), len(picks))
    for s, role in picks:
        if not np.isfinite(mase[s]):
            lead = f"{word} {targetrows.quoted(test.ids[s])}: MASE undefined" + (f": {why[s]}" if why[s] else "")
        else:  # of several targets, over them all, and said so; each target's own in its row
            lead = seriespicks.lead(role, "test", f"{word} {targetrows.quoted(test.ids[s])}", mase[s], len(targets))
        for t, panel in enumerate(curves(reference, data, models, test, s, max_points, drawn)):  # a row per target
            panel["title"] = targetrows.row_title(targets[t], lead, each[s, t]) if drawn > 1 else lead
            panel["target"] = t
            panel["group"], panel["series"] = s, test.ids[s]  # a series' rows share its time axis
            if drawn > 1:
                panel["ylabel"] = axislabels.values_label(targets[t])
            panels.append(panel)
    lengths, rows = {panel["points"] for panel in panels}, "series and target" if drawn > 1 else "series"
    if all(panel["whole"] for panel in panels):  # none cut by max_points: every test date of each series drawn: said as the one series' title says it, its last cutoff too
        span = f"all {lengths.pop()} test points" if len(lengths) == 1 else "all test points"
        lasts = {panel["last"] for panel in panels}
        span += f" of each {rows} drawn" + (lasts.pop() if len(lasts) == 1 else
                                           f", the last of each {rows} from a cutoff fewer steps after the one before")
    else:
        span = (f"the first {lengths.pop()}" if len(lengths) == 1 else f"at most the first {max(lengths)}") + " points"
        span += f" of each {rows} drawn"
    left = sum(int(np.count_nonzero(panel["filled"])) for panel in panels if panel["filled"] is not None)
    span += _blank(sum(panel["blank"] for panel in panels if not panel["target"]), "; ")  # a date, not each target's
    span += f"; {counted(left, 'point')} drawn left out of the scores, marked" if left else ""
    title = f"Test split, forecast {_how(horizon, panels)} ({span}{targetrows.note(targets, drawn, where)}){note}"
    fig = plots.forecast_grid(panels, title, ylabel, axislabels.time_label(reference.calendar_), session, reference.calendar_,
                              points, carried=_some_rows(panels))
    return targetrows.Drawn(fig, drawn)


def values_label(reference: Fitted) -> str:
    """The y label of the values drawn: the target's name and its units, "y (original units)" (``axislabels``); a
    wide table's "value" (its "y" is made up)."""
    return axislabels.values_label("value" if reference.layout_ == "wide" else reference.targets_[0])


def series_mase(test: PartForecasts) -> np.ndarray:
    """Each series' MASE [S] on the windows of ``test`` (``seriespicks.mase_by_series``, with each series' own
    MASE scale)."""
    return mase_by_series(test.original, test.mase_scales[test.original.series], len(test.ids))


def curves(reference: Fitted, data, models: dict[str, Fitted], test: PartForecasts, s: int,
           max_points: int = plots.MAX_POINTS, targets: int = 1) -> list[dict]:
    """The curves of the first ``targets`` targets of series ``s`` of ``test``, a dict each: x, actual (and which are
    left out of the scores: 1 made by fill, 2 of a window whose inputs were filled from later rows), every model
    and baseline (a gap at windows left out of the scores: their inputs read values filled from later
    rows), the bands. Each model forecasts the series once, for every target drawn."""
    many = len(test.ids) > 1
    mine = _one_series(test.original, s) if many else test.original
    mine, at = stepactuals.drawn(mine, test.absent, np.flatnonzero(test.original.series == s) if many  # each step at
                                 else np.arange(len(mine.y_true)))  # its own date, where the data lacks some
    horizon = mine.y_true.shape[1]
    tile = tiledsteps.tiles(*(tiledsteps.rows(mine.target_rows, horizon) if at is None or mine.time is None else
                              (mine.time[np.asarray(mine.target_rows) - 1], np.asarray(at).reshape(-1, horizon))),
                            max_points)  # each date once: windows a horizon apart on their steps' dates
    firsts = (tile.windows, tile.steps)
    forecasts = {name: mine if model is reference else measured_only(model.predict_windows(
                 data, part="test", series=test.ids[s] if many else None), model.settings_.data)
                 for name, model in models.items()}
    later = (tiledsteps.broken(mine.reads_later[firsts[0]], tile.gaps) if mine.reads_later is not None
             else np.zeros(len(firsts[0]) + len(tile.gaps), dtype=bool))
    real = tiledsteps.broken(~np.isnan(mine.y_true[..., 0][firsts]) if at is not None else
                             np.ones(len(firsts[0]), dtype=bool), tile.gaps)  # a date with a row (not blank, no break)
    rows = tiledsteps.broken(mine.target_rows[firsts[0]] + firsts[1], tile.gaps)  # each point's window's first row,
    # and its step in it
    x = tiledsteps.broken(at[firsts[0] * horizon + firsts[1]] if at is not None  # stepactuals: its own date
                          else mine.time[mine.target_rows[firsts[0]] + firsts[1]] if mine.time is not None
                          else mine.target_rows[firsts[0]] + firsts[1], tile.gaps)
    blank = int(np.isnan(mine.y_true[..., 0][firsts]).sum()) if at is not None else 0  # dates without a row
    real_at = ~np.isnan(mine.y_true[..., 0][firsts][tile.short_at]) if at is not None else np.ones(tile.short, bool)
    last = _last(tile, horizon, real_at)
    cuts = np.unique(firsts[0])  # the windows drawn: one is one cutoff, named in the title (decision 2127)
    cut = mine.target_rows[cuts[0]] - 1 if len(cuts) == 1 else None  # its last input row
    cut = (None if cut is None else f"row {cut}" if mine.time is None
           else timetext.shown(mine.time[cut], mine.time, reference.calendar_.text_format))
    season = reference.settings_.data.season

    def along(wf, values, t):  # one curve of windows like ``mine``'s: the steps drawn, broken where a date is not
        if len(wf.y_true) != len(mine.y_true):  # another model's other windows: counted in rows
            return tiledsteps.broken(plots.contiguous_forecast(wf.y_true[..., t], values, max_points)[2], tile.gaps)
        return tiledsteps.broken(values[firsts], tile.gaps)

    panels = []
    for t in range(targets):
        predictions, bands = {}, {}
        for name, wf in forecasts.items():
            predictions[name] = along(wf, _shown(wf, wf.y_pred[..., t]), t)
            for lo, hi, depth, label in drawn_levels(wf.levels):  # every level: intervals nested, a lone level a line
                lower, upper = (None if q is None else
                                along(wf, _shown(wf, wf.quantiles[..., t, wf.levels.index(q)]), t) for q in (lo, hi))
                bands[f"{name} {label}"] = Band(lower, upper, name, depth)
        actual = along(mine, mine.y_true[..., t], t)
        filled = along(mine, mine.filled[..., t], t) if mine.filled is not None else np.zeros(len(actual), dtype=bool)
        marks = plots.left_out(filled, later)  # every point left out of the scores, by why (plots.draw_actual)
        for name, values in mine.baselines.items():
            if not np.isnan(values[..., t]).all():  # a baseline this series lacks (a climatology): not drawn
                predictions[plots.baseline_label(name, season)] = along(mine, _shown(mine, values[..., t]), t)
        panels.append({"x": x, "actual": actual, "predictions": predictions, "bands": bands,
                       "filled": marks if marks.any() else None, "rows": rows, "real": real,
                       "points": len(firsts[0]) - blank, "blank": blank, "whole": tile.whole, "last": last,
                       "cutoff": cut})
    return panels


def measured_only(wf: WindowForecasts, data_s) -> WindowForecasts:
    """The windows of ``wf`` whose label was measured, where a model's blank labels were stood in for
    (``blanklabels.masked(data_s)``) and each window forecasts one step: a lab value every 180 rows drew 3 labels among
    397 stand-ins, each marked left out (t40-t3, decision 2179). ``wf`` itself otherwise, or where none is measured."""
    if not blanklabels.masked(data_s) or wf.filled is None or wf.y_true.shape[1] != 1:
        return wf
    keep = ~wf.filled.reshape(len(wf.filled), -1).all(axis=1)
    return wf if keep.all() or not keep.any() else take(wf, keep)


def _some_rows(panels: list[dict]) -> tuple[str, ...]:
    """A baseline some series drawn have and others lack (a climatology, of the series with two years of rows): its
    label in the rows that draw it renamed to name them ("baseline: climatology ('A', 'B' only)"), as the grid's one
    legend beside the first row listed it for a series without it, or, where that row lacks it, left it out (decision
    1899); the labels renamed, for the legend to carry from a later row."""
    labels = dict.fromkeys(label for panel in panels for label in panel["predictions"] if label.startswith("baseline"))
    renamed = []
    for label in labels:
        rows = [panel for panel in panels if label in panel["predictions"]]
        if len(rows) == len(panels):
            continue
        names = list(dict.fromkeys(targetrows.quoted(panel["series"]) for panel in rows))
        new = f"{label} ({', '.join(names[:3])}{' ...' if len(names) > 3 else ''} only)"
        for panel in rows:
            panel["predictions"] = {new if k == label else k: v for k, v in panel["predictions"].items()}
        renamed.append(new)
    return tuple(renamed)


def _how(horizon: int, panels: list[dict]) -> str:
    """How the title says the forecasts drawn were made: "one step ahead"; where each series drawn is drawn from
    one window (``panels``' ``cutoff``: its cutoff's text, None where several), "28 steps at a time, from one
    cutoff, 2015-12-10", or "from one cutoff in each series" where theirs differ; else "from cutoffs 28 steps apart"
    (a panel cut at --cutoff read so with its one cutoff, t39t2 7, decision 2127)."""
    if horizon == 1:
        return "one step ahead"
    cuts = {panel["cutoff"] for panel in panels}
    if None in cuts or not cuts:
        return f"{horizon} steps at a time, from cutoffs {horizon} steps apart"
    return f"{horizon} steps at a time, from one cutoff" + (f", {cuts.pop()}" if len(cuts) == 1 else " in each series")


def _unscored(rows: list[dict]) -> str:
    """How many of one series' drawn points (of its ``rows``, a row per target) are scored, where some are not (made by
    fill, or their window's inputs filled from later rows: ``filledwindows``), marked in the plot: "" where every one
    is."""
    left = sum(int(np.count_nonzero(row["filled"])) for row in rows if row["filled"] is not None)
    points = sum(row["points"] for row in rows)
    return plots.scored_note(points, left, "them" if len(rows) == 1 else f"the {points} drawn")


def _after_fit(wf: WindowForecasts, scored: dict, rows: np.ndarray, real: np.ndarray) -> tuple[int, int]:
    """How many of the points drawn at ``rows`` lie after the fit's data (windows of ``data`` whose first target
    comes after the fit's last row: ``parts.describe``'s ``new``, the last windows of one series), counting those
    ``real`` (a date with a row, not a break), and the position of the first of them (0: none drawn)."""
    new = scored.get("targets_on", {}).get("new", 0)
    if not new or not len(wf.target_rows):
        return 0, 0
    after = rows >= wf.target_rows[len(wf.target_rows) - new]  # the first new window's first target row, and on
    return int((after & real).sum()), int(np.argmax(after)) if after.any() else 0


def _last(tile: tiledsteps.Tiles, horizon: int, present: np.ndarray) -> str:
    """Where a window drawn is fewer than a horizon after the one before (``tiledsteps``: the data lacks the date a
    horizon on, or has it but its window is left out, ``present`` [short]: a model reading future covariates leaves
    out a window forecasting a date without a row, ``stepactuals.future_kept``; or the last window one horizon after
    another is not the last), the words saying so, each reason by count."""
    lacked, kept = int((~present).sum()), int(present.sum())
    short = (f", {counted(lacked, 'cutoff')} fewer steps after the one before (the data lacks the date "
             f"{horizon} steps on)" if lacked else "")
    short += (f", {counted(kept, 'cutoff')} fewer steps after the one before (the window from the date {horizon} "
              "steps on is left out: a date it forecasts has no row for the future covariates)" if kept else "")
    later = tile.last
    return short + (f", the last {later} from a cutoff {counted(later, 'step')} after the one before" if later else "")


def _blank(blank: int, lead: str = " and ") -> str:
    """The title's words for the dates drawn that the data has no row for: their forecasts drawn, the actual blank."""
    return f"{lead}{counted(blank, 'date')} without a row (blank)" if blank else ""


def _shown(wf: WindowForecasts, values: np.ndarray) -> np.ndarray:
    """A forecast [W, H] as drawn: NaN (a gap) in the windows left out of the scores (``reads_later``)."""
    if wf.reads_later is None:
        return values
    return np.where(wf.reads_later[:, None], np.nan, values.astype(np.float64))


def _one_series(wf: WindowForecasts, s: int) -> WindowForecasts:
    """The windows of series ``s`` of a panel's forecasts, with that series' own timestamps."""
    one = take(wf, wf.series == s)
    one.time = wf.times[s] if wf.times else None
    return one

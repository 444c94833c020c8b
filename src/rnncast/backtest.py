"""Backtesting: how the model would have done at each of the last ``n_windows`` cutoffs of every series (the last
step each window's forecast reads), beside the baselines.

Cutoffs are counted back on the calendar from each series' end (with the ``cutoff`` setting, forward from that
time in every series: ``calendarcuts``): window ``k`` (0 = oldest) forecasts the ``horizon`` steps after its cutoff
``c_k = end - horizon - (n_windows - 1 - k) * step`` steps, from the rows up to it; a window whose series lacks the
row at its cutoff is left out, named; a date without a row is forecast, not scored (``stepactuals``; without a calendar,
rows are counted). A model never learns from a row after the cutoff it forecasts from:

* without refit, one model (and one scaler per series) learns from the rows up to each series' first cutoff, then
  every window of every series is forecast in one batched pass;
* with refit, a fresh model and fresh scalers learn from the rows up to each cutoff.

The validation rows that pick the best epoch are the last ``val_frac`` of those training rows.
The verdict is evaluate's: the model beats a baseline only when its MSE over every window is lower
and a Diebold–Mariano test gives p < 0.05, in original units for one series of one target and in scaled
units for many series or several targets. The test is the one a few cutoffs allow (``significance.diebold_mariano_cutoffs``): a panel's
series count once per cutoff date (``backtestverdict.test_cutoffs``: series that end on different dates have cutoffs of their own),
windows overlapping in time add lags, and the statistic takes the HLN small-sample form. What it returns is a
``backtestresult.Backtest``.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pandas as pd

from rnncast.config import Settings
from rnncast.settingchecks import check_ranges
from rnncast.errors import RnncastError
from rnncast import (backtestframe, backtestlinear, backtestpage, calendarcuts, climatologyseries, calendarsteps, comparequantiles, cutoffs, fittedroles, fitting,
                     gapwindows, leftout, negatives, nodemand, observed, readout, pooledunits, resolution, scaledshares, seasonalgaps, seriesscalers, seasonrows, seasonspans, speakers,
                     outageruns, shiftedwindows, shortercycle, spreads, staleseries, stepactuals, stuckruns, swampedscores, targetshares, weeklyseason,
                     zeroscales, closedzeros, cutoffbands, scalepairs, wholeintervals, blanklabels, measuredlabels, windowscales)
from rnncast.backtestwindows import first_steps, record_scales, window_scores
from rnncast.evaluation import interval_scores, mase_excluded, scaled_scores, scores, series_key, series_scores, zero_note
from rnncast.stepscores import by_step, scaled_step
from rnncast.cutting import backtest_remedy, few_windows, lone_step, report_short
from rnncast.forecasting import Model, forecast_windows
from rnncast.windowforecasts import concat, scored, target_of
from rnncast.seriesids import skipped_as_given
from rnncast.panel import Panel
from rnncast.seasons import agreed_season
from rnncast.seriespicks import mase_each, no_demand
from rnncast.significance import diebold_mariano_cutoffs
from rnncast.backtestresult import Backtest
from rnncast.backtestverdict import end_count, test_cutoffs
from rnncast.verdicts import units_for
from rnncast.windows import Split, chronological_split, rows_needed
from rnncast.spelling import counted
from rnncast.runhistory import kept_untrained
from rnncast.timecalendar import by_series as calendars_by_series
from rnncast.settingvalues import callback, positive_int


def run(params: dict, data, n_windows: int, step: int | None, refit: bool, read: dict,
        on_epoch=None, fitted=None) -> Backtest:
    """The work of ``Forecaster.backtest``: ``params`` are its settings (keyword arguments), ``read``
    the columns and roles of ``data`` (a table, or a ``Panel`` used as it is); ``fitted``: a fitted
    Forecaster's ``FittedState``, whose roles read a table where ``read`` names none (``fittedroles.merged``)."""
    settings = Settings.from_flat(params)
    callback("on_epoch", on_epoch)  # refused before any model trains, not after its first epoch
    check_ranges(settings.train)  # a seed of -1 would train as another: refused where a fit starts, not at load
    data_s = settings.data
    lookback, horizon = data_s.lookback, data_s.horizon
    step = calendarsteps.as_span(step)  # pd.Timedelta(days=30), '30 days' (Prophet's period): '30D' (decision 2003)
    offset = calendarsteps.read(step, lambda: data if isinstance(data, Panel) else fittedroles.read(  # '1D', '24'
        fitted, read, data, data_s.reading()))  # the data read here only to word a refusal: steps or spans
    span = str(step).strip() if isinstance(offset, pd.offsets.BaseOffset) else None  # as given, for messages and metrics
    offset, given_step = (offset, step) if span else (None, offset)
    step = horizon if given_step is None else given_step  # a span's steps, counted below
    for name, value in (("n_windows", n_windows), ("step", 1 if span else step)):
        positive_int(name, value)  # and at most 2**63 - 1
    lone_step(given_step, n_windows, horizon)  # test_frac is fit's setting here; the command has no --test-frac
    held_out: list[dict] = []  # series without the static values the model holds: left out, listed (heldrows)
    up = rows_needed(lookback, horizon, data_s.val_frac, 0.0)  # a series' rows this backtest needs, where rows count it
    need = None if span or data_s.cutoff is not None or up is None else up + horizon + (n_windows - 1) * step
    panel = data if isinstance(data, Panel) else fittedroles.read(fitted, read, data, data_s.reading(), held_out, need)
    if span and (whole := calendarsteps.in_steps(offset, panel, span, data_s.cutoff)) is not None:  # '2M': 2 steps
        offset, span, step = None, None, whole
    step = calendarsteps.nominal(offset, panel, span) if span else step  # its steps, for the need
    fitting.check_roles(panel, settings, "backtest")
    placed = calendarcuts.placed_series(panel)  # the calendar walked once, for the cutoffs, gaps and first steps
    first_rows, held, cuts = calendarcuts.first_rows(panel, data_s.cutoff, horizon, n_windows, step, span,
                                                     stepactuals.through(panel, horizon), placed, offset)  # [S, K]
    seasonspans.warn_panel(panel, data_s.season, _first_scored(panel, first_rows, held))  # decisions 1846, 1969
    first = [None] * panel.n_series if first_rows is None else [
        _train_split(int(c), lookback, horizon, data_s.val_frac) for c in first_rows[:, 0]]
    unfit = None in first  # short of what lookback, horizon and validation take: a shorter lookback helps (decision 1832)
    if (seasonless := seasonrows.first_short(first_rows, data_s.season, lookback, placed)).any():  # decisions 1778, 2028
        first = [None if short else split for split, short in zip(first, seasonless.tolist())]
    needed = max(up or 0, data_s.season * (data_s.season > lookback)) + (reach := horizon + (n_windows - 1) * step)
    season_need = seasonrows.need(data_s.season, lookback) if seasonless.any() else ""  # with the need (decision 1888)
    if data_s.cutoff is None:
        why = cutoffs.up_parts(up, f"up to the first of {n_windows} cutoffs {counted(step, 'step')} apart" if n_windows > 1
                               else "up to the cutoff", data_s) + (" and a horizon after the last" if n_windows > 1 else
                                                                   " and a horizon after it") + season_need
        remedy, cut = seasonrows.remedy(data_s.season, lookback, n_windows, seasonless.any(), backtest_remedy(
            lookback, horizon, data_s.val_frac, n_windows, panel, step if span else given_step) if unfit else ""), None
    else:  # each series' rows up to the cutoff and after it: its length alone would seem to hold what it needs
        why, remedy = cutoffs.backtest_needed(data_s.cutoff, panel, data_s, n_windows, step, season_need), ""
        cut = cutoffs.counts(data_s.cutoff, panel, [needed - reach or None, reach]) if None in first else None  # decision 1820
    skipped = skipped_as_given(report_short(panel, first, needed, why, remedy, cut, leftout.BACKTEST),
                               panel.given_by_text)  # as given; it trains up to a cutoff and forecasts after it
    if skipped:
        kept = [s for s, split in enumerate(first) if split is not None]
        panel, first_rows, first = panel.subset(kept), first_rows[kept], [first[s] for s in kept]
        held, cuts, placed = held[kept], cuts[kept], calendarcuts.subset(placed, kept)
    resolution.named(panel, None, lookback, horizon, resolution.SCORED,  # a 1e40; 1e9 in any row a window reads
                     begin=dict(enumerate((first_rows[:, 0] - lookback).tolist())))
    few_windows(first, data_s)  # the rows up to the first cutoff: the fewest any of its models trains on
    if data_s.cutoff is None:  # windows counted back from each series' end: one that ended long before, said
        staleseries.backtested(panel, horizon, panel.calendar.text_format)
    if span is None:  # cutoffs a day of rows apart that move on the local clock: said once
        at = placed[0][1](cuts[0]) if 0 in placed and (cuts[0] >= 0).all() else None  # the cutoff bars (decision 1919)
        calendarsteps.moved(panel.time, first_rows[0] - 1 + panel.offsets[0], step, panel.calendar.freq, at,
                            panel.calendar.shown)
    negatives.floored(panel, [_train_split(int(c), lookback, horizon, data_s.val_frac) for c in first_rows[:, -refit]],
                      settings.model.nonnegative, settings.model.upper)  # said once, of the last cutoff's rows
    lacking = calendarcuts.left_out(panel, cuts, held, horizon, stepactuals.through(panel, horizon), placed)
    ss, kk = np.nonzero(held)  # [W] the windows forecast: series and window number, series-major

    fit_seconds, train_seconds, predict_seconds = 0.0, 0.0, 0.0  # train: the loops alone, within fit (decision 1970)
    firsts = first_steps(panel, first_rows, held, cuts, placed)
    unlearned: dict = {}  # {column: [(cutoff, ...)]}: a covariate a window's model learned nothing from (decision 2040)
    if not refit:  # one model; every window of every series in one batched pass
        started = time.perf_counter()
        model, kept = _fit(settings, params, panel, first, on_epoch)
        trained_gaps = gapwindows.at_fit(model.state, panel, first, placed, "backtest")  # as fit's (decision 2256)
        untrained = list(range(n_windows)) if kept else []  # every window the untrained network's (decision 2058)
        ends = np.repeat([[split.train_end] for split in first], n_windows, axis=1)  # [S, K] its training rows' end
        fit_seconds, train_seconds = time.perf_counter() - started, model.state.train_seconds
        started = time.perf_counter()
        starts = panel.offsets[ss] + first_rows[ss, kk] - lookback  # [W] rows of the stacked panel
        means, scales, zero, pairs = observed.at_cutoffs(panel, first_rows, held, data_s.season, data_s.fill, placed)  # [W, T]
        cuts = [[_train_split(int(c), lookback, horizon, data_s.val_frac) for c in first_rows[:, k]] for k in range(n_windows)]
        wf, wf_scaled = forecast_windows(model, panel, np.arange(panel.n_series), starts, ss, shortest=True, placed=placed,
                                         window_means=means, window_errors=cutoffbands.window_errors(  # each
                                             model.state, panel, cuts, ss, kk, means, placed))  # window's (2174, 2221, 2248)
        wf_scaled = spreads.weighed(model.state, np.arange(panel.n_series), wf_scaled)  # as the verdict weighs them
        predict_seconds = time.perf_counter() - started
        for j in range(n_windows):  # a covariate it learned nothing from, read in a window: said by cutoff (decision 2040)
            _unlearned(unlearned, model, panel, first_rows, np.flatnonzero(held[:, j]), j, lookback + horizon)
    else:  # a fresh model and scalers on the rows up to each cutoff
        parts, scaled_parts, scale_parts, zero_parts, pair_parts = [], [], [], [], []
        named = backtestpage.window_dates(firsts)  # each window's dates, as its table row names it
        ends = np.zeros(held.shape, dtype=np.int64)  # [S, K] each cutoff's model's training rows' end
        untrained = []  # the windows whose cutoff's model kept the untrained network, as its note says (decision 2058)
        trained_gaps = None  # the training windows across missing steps, summed over the cutoffs' models (decision 2256)
        for j in range(n_windows):
            splits = [_train_split(int(c), lookback, horizon, data_s.val_frac) for c in first_rows[:, j]]
            ends[:, j] = [split.train_end if split is not None else 0 for split in splits]
            started = time.perf_counter()
            dates = f" (forecasts from {named[j]})" if named[j] else ""
            with speakers.speaking_as(", ".join(filter(None, (speakers.speaker(), f"cutoff {j + 1} of {n_windows}{dates}")))):
                model, kept = _fit(settings, params, panel, splits, on_epoch)  # ("the best epoch was the last", once a cutoff)
                trained_gaps = gapwindows.summed(trained_gaps, gapwindows.at_fit(model.state, panel, splits, placed, "backtest"))
            untrained += [j] if kept else []
            fit_seconds, train_seconds = fit_seconds + time.perf_counter() - started, train_seconds + model.state.train_seconds
            started = time.perf_counter()
            every, series = np.arange(panel.n_series), np.flatnonzero(held[:, j])
            starts = panel.offsets[series] + first_rows[series, j] - lookback
            original, scaled = forecast_windows(model, panel, every, starts, series, shortest=True, placed=placed)
            parts.append(original)
            scaled_parts.append(spreads.weighed(model.state, every, scaled))  # each window's own scalers: coverage
            predict_seconds += time.perf_counter() - started
            scale_parts.append(model.state.mase_scales[series])
            zero_parts.append(zeroscales.kept(model.state)[series])  # why a scale is 0
            pair_parts.append(model.state.mase_pairs[series])  # the pairs each scale rests on (decision 2220)
            _unlearned(unlearned, model, panel, first_rows, series, j, lookback + horizon)
        order = np.lexsort(np.nonzero(held.T))  # the window-major parts series-major: by series, then window
        wf, wf_scaled = concat(parts, order), concat(scaled_parts, order, say=False)  # said once
        scales, zero, pairs = (np.concatenate(p)[order] for p in (scale_parts, zero_parts, pair_parts))

    seriesscalers.say_unlearned_cutoffs(unlearned, panel, None if refit else  # once per column, its cutoffs listed;
                                        lambda s: panel.when(s, int(first_rows[s, 0]) - 1))  # one model: decision 2065
    wf, wf_scaled, absent = stepactuals.aligned(panel, wf, wf_scaled, placed)  # dates without a row
    wf, wf_scaled = climatologyseries.unpooled(wf, wf_scaled, panel.given_ids,  # decision 1693; one model: at every
                                               " at some cutoff" if refit else "")  # cutoff (decision 1743)
    stuckruns.warn(stuckruns.in_scored(wf, panel))  # a target stuck on the windows' actuals, as evaluate says (decision 1526)
    outageruns.warn(panel, outageruns.find(panel), "backtest")  # zeros of an outage scored as actuals (decision 1925)
    if not refit:  # one model's scalers: the weekly naive of a season-365 backtest (decision 1926)
        shortercycle.say(model.state, panel, np.arange(panel.n_series), (wf, wf_scaled), "backtest", mase=False,
                         placed=placed)  # by calendar steps, as the seasonal naive (decision 2027)
    negatives.of_windows(model.state, panel, wf, "backtest", kk)  # below zero where the data never is, as evaluate's
    groups, reach = test_cutoffs(panel, first_rows, horizon, step, held)  # the test's grouping: one cutoff date, one term
    implied = weeklyseason.implied(agreed_season(panel.calendar, panel.calendars.values()),  # said when no seasonal
                                   model.state.yearly_season)  # naive was computed; 365 by fit's measure (decision 1665)
    overall = scores(wf, scales, wf_scaled)
    units = units_for(panel.layout, panel.n_targets)  # evaluate's (verdict_units)
    judged = wf if units == "original" else wf_scaled  # refit: each window in its own model's scale
    swampedscores.warn(panel, judged, swampedscores.cut_at(first_rows[:, 0]))  # one value's windows hold the MSE
    blank = blanklabels.masked(data_s)  # a stood-in label is a label not given (decision 2224)
    metrics = {
        "n_windows": n_windows, "step": step, **({"step_span": span} if span else {}), "refit": bool(refit), "horizon": horizon, "lookback": lookback,
        "season": data_s.season, "cell": settings.model.cell, "highway": settings.model.highway, "quantiles": list(settings.model.quantiles), "series": panel.n_series,
        "targets": panel.n_targets, "freq": panel.calendar.freq_text,
        "calendar": calendars_by_series(panel.calendar, {panel.ids[s]: c for s, c in panel.calendars.items()}, list(panel.ids),
                              given=panel.given_by_text),  # every series' own calendar, as fit's page lists them
        "implied_season": implied._asdict() if implied is not None and data_s.season == 1 else None,
        "yearly_season": model.state.yearly_season,  # the measure behind a 365 hint, which it quotes
        "skipped_series": [*held_out, *leftout.reasoned(skipped, leftout.BACKTEST)],  # each left out, its reason
        **({"cutoff": str(data_s.cutoff)} if data_s.cutoff is not None else {}),  # the first cutoff, given (cutoffs)
        "cutoff_dates": int(groups.max()) + 1 if panel.time is not None or panel.row_numbers is not None else None,  # None:
        "cutoffs_left_out": int((~held.any(axis=0)).sum()),  # in every series: no calendars differing (decision 2039)
        "end_dates": end_count(panel),  # the series' distinct last times (a ticker a day ahead of the others is one more)
        "cutoffs_on": "rows" if panel.time is None else "dates",  # grouped by window number; rows: a wide table's shared
        "windows": [window_scores(j, first, wf, wf_scaled, scales, kk == j, absent, blank=blank) for j, first in enumerate(firsts)],
        "overall": overall,
        "overall_scaled": scaled_scores(scores(wf_scaled, scales), overall),
        "verdict_units": units,
        **({"scaled_by": by} if (by := spreads.SCALED_BY.get(spreads.scaled_by(model.state))) else {}),
        "significance": {name: diebold_mariano_cutoffs(judged.y_pred - judged.y_true, p - judged.y_true, groups, reach,
                                                       1, seasonalgaps.values_of(name, scored(judged), p))
                       for name, p in judged.baselines.items()},  # the seasonal naive on the values it has (decision 1966)
        **({"significance_pinball": tests} if (tests := comparequantiles.against_baselines(judged, lambda a, b, pair: (
            diebold_mariano_cutoffs(a, b, groups, reach, 1, pair)), keep=scored(judged))) else {}),  # the interval verdict's
        "seconds": {"fit": fit_seconds, "train": train_seconds, "predict": predict_seconds},
    }
    steps = by_step(wf, scales, wf_scaled)  # each lead 1 .. H, pooled over windows and series (decision 1660)
    metrics.update(by_step=steps, **({"by_step_scaled": [scaled_step(s, o) for s, o in zip(by_step(wf_scaled, None), steps)]}
                                     if units == "scaled" else {}),  # the verdict's (1726); MASE, wql, msis the original's
                   by_series=series_scores(wf, wf_scaled, scales, panel.given_ids))  # as evaluate's --by-series
    if panel.n_targets > 1:  # the overall original-unit block averages the targets' units: each one's own too
        metrics["overall_by_target"] = {name: {  # scaled: no percent of z-scores, MASE and R² the original's
            "original": (own := scores(target_of(wf, t), scales[:, t : t + 1], target_of(wf_scaled, t))),
            "scaled": scaled_scores(scores(target_of(wf_scaled, t), scales[:, t : t + 1]), own)}
            for t, name in enumerate(panel.targets)}
        metrics["target_shares"] = targetshares.measure(judged, [str(t) for t in panel.targets])  # as evaluate's
    each = np.ones((*held.shape, scales.shape[1]))  # [S, K, T] each window's scale; a window left out: none lacking
    each[ss, kk] = scales
    codes = np.zeros(each.shape, dtype=np.int64)  # [S, K, T] why each window's scale is 0
    codes[ss, kk] = zero
    counts = np.zeros(each.shape, dtype=np.int64)  # [S, K, T] the pairs each window's scale rests on (decision 2220)
    counts[ss, kk] = pairs
    record_scales(metrics, each, held, panel.given_ids, panel.targets, counts)  # each window's divisor (decision 2054)
    scalepairs.attach(metrics["by_series"], scalepairs.fewest(counts, held), panel.given_ids,  # as evaluate's
                      lambda i: series_key(i, panel.targets))  # each series' fewest pairs above 0 over its windows (decision 2247)
    if excluded := mase_excluded(each.reshape(panel.n_series, -1), panel.given_ids, codes.reshape(panel.n_series, -1),
                                 data_s.season, panel.targets):  # any window's model without a scale: which (2246)
        metrics["mase_excluded"] = windowscales.left_out(excluded, each, held)
    windowscales.warn(panel, each, codes, counts, held, first_rows, data_s.season)  # once, each window's (2247)
    few, idle = nodemand.split(scaledshares.measure(wf, wf_scaled, scales), wf)  # idle: no demand (decision 1487)
    metrics.update({key: few for key, few in (("pooled", pooledunits.measure(wf)), ("scaled_few", few),
                                              ("no_demand", idle)) if few})  # what the scores rest on, as evaluate's
    scaledshares.warn(metrics.get("scaled_few"), "the backtest windows")
    nodemand.warn(idle, "the backtest windows")
    if zeros := zero_note(wf, data_s.season):  # MAPE's, sMAPE's note, as evaluate's
        metrics["zero_actuals"] = zeros
    every = panel.offsets[ss] + first_rows[ss, kk] - lookback  # [W] each window's first row, stacked
    metrics.update({"windows_left_out": lacking} if lacking else {})
    metrics.update({"untrained_windows": untrained} if untrained else {})  # backtest.png marks them (decision 2058)  # a row missing at a cutoff or target (calendarcuts)
    if closed := closedzeros.across(panel, first, every, ss, lookback, horizon):  # closed hours as 0 (decision 1792)
        metrics["closed_zeros"] = closedzeros.warned(closed, "the backtest windows")
        closedzeros.score_apart(overall["model"], wf, scored(wf), closed, lambda keep: interval_scores(  # decision 1978
            wf, wf_scaled, keep=keep, scales=scales))  # the intervals without the nights' zeros, as evaluate's
    if gaps := gapwindows.across(model.state, panel, every, ss, span=lookback + stepactuals.through(panel, horizon)):
        metrics["across_gaps"] = gaps  # warned of, as evaluate does: such a window's steps are not the calendar's
    if trained_gaps:  # its models' training and validation windows, as fit's model.json keeps them (decision 2256)
        metrics["across_gaps"] = {**trained_gaps, **metrics.get("across_gaps", {})}  # the scored windows' series
    if shifted := shiftedwindows.across(panel, every, ss, lookback, horizon, data_s.season):  # decision 1682
        metrics["seasonal_shifted"] = shifted  # a season of whole sessions read across a half day, as evaluate's
    if out := stepactuals.scored(wf, absent, data_s.fill):  # as evaluate's scored sentence says it (runnotes.unscored_note)
        metrics["scored"] = out
    if unread := seasonalgaps.record(overall, data_s.season):  # its forecast's step a season back missing (decision 1966)
        metrics["scored"] = {**metrics.get("scored", {}), "seasonal_unread": unread}
    if said := wholeintervals.record(metrics.get("scored"), panel, wf):  # counts' intervals holding none (decision 2141)
        metrics["scored"] = said
    metrics["linear_fit"] = backtestlinear.measure(panel.rows, wf, ends, kk, list(range(  # decision 1985
        len(panel.columns) - len(panel.future), len(panel.columns))))  # the future-known columns, as fit's same_step
    shown = measuredlabels.blank_actuals(data_s, replace(stepactuals.shown(wf, absent)))  # stood in: blank (decision 2223)
    frame = backtestframe.forecast_frame(panel, shown, kk, absent and absent.times)  # kk: windows
    said = readout.backtest_said(metrics, window_norm=settings.model.window_norm, scheme=settings.train.scheme,
                                 splits=first, target_input=data_s.target_input, scaler=data_s.scaler)  # splits: the hint's shorter lookback
    by_series, by_target = mase_each(wf, scales, panel.n_series)  # the figure's picks [S]; a target's row's own [S, T]
    why = zeroscales.reasons(by_series, each, codes, data_s.season)  # [S, K, T] each: why a series has no MASE
    return Backtest(frame, metrics, panel, first_rows - 1, said, by_series, why, by_target,
                    no_demand(wf, panel.n_series))  # a cutoff: its last row read


def _fit(settings: Settings, params: dict, panel: Panel, splits: list[Split], on_epoch) -> tuple[Model, bool]:
    """A fresh model with these settings (``params`` validated once as ``settings``), trained on ``splits``' rows; its
    state's ``train_seconds`` the training loop's wall time alone, which ``fitting.train`` keeps for fit too (decisions
    1970, 2019); and whether it kept the untrained network (no epoch beat it, not diverged: training's warning, which
    the notes carry)."""
    prepared = fitting.prepare(panel, splits, settings, params, apart=False)  # its own line says the climatology's lack
    history = fitting.train(prepared, on_epoch=on_epoch)
    kept = kept_untrained(history) and prepared.diverged is None
    return Model(prepared.net.eval(), prepared.state, prepared.device), kept


def _unlearned(seen: dict, model: Model, panel: Panel, first_rows: np.ndarray, series: np.ndarray, j: int, width: int):
    """``seriesscalers.unlearned_at_cutoff`` of window ``j``'s rows (``width`` from each lookback's start)."""
    lookback = model.state.settings.data.lookback
    spans = panel.read_spans(panel.offsets[series] + first_rows[series, j] - lookback, series, width)
    seriesscalers.unlearned_at_cutoff(seen, model.state, panel, spans, lambda s: panel.when(s, int(first_rows[s, j]) - 1))


def _first_scored(panel, first_rows, held):
    """The time of the earliest first step scored (``first_rows`` [S, K] where ``held``), for the clock-change
    warning's example (decision 1969); None where the rows have no times or no window is held."""
    if first_rows is None or not isinstance(panel.time, pd.DatetimeIndex) or not held[:, 0].any():
        return None
    return panel.time[(first_rows[:, 0] + panel.offsets[:-1])[held[:, 0]]].min()


def _train_split(first_row: int, lookback: int, horizon: int, val_frac: float) -> Split | None:
    """Train and validation rows before ``first_row`` (a window's first target: up to its cutoff), nothing
    after; None when they cannot hold a window."""
    try:
        return chronological_split(first_row, lookback, horizon, val_frac, 0.0)
    except RnncastError:
        return None

"""Forecasting with a fitted model: the next horizon after each series' end (with its future
covariates aligned by date), and the forecasts of many stride-1 windows at once, beside the
baselines, in original and in scaled units. Windows handed over as an array (``predict_array``, the
ONNX export's check) are ``arrayforecasts``'s; ``Forecaster``'s predict, predict_windows and part_forecasts on new
data read the model's way are ``newforecasts``'s. Predict's table is ``horizonframe``'s, the point forecast of a
model of quantiles ``negatives.point_forecast``'s (their median).

A ``Model`` is the network, its ``FittedState`` and its device. Shapes: windows [W], horizon H,
targets T, quantile levels Q; ``index`` [S] is the position of each series of a panel among the
series the model knows (``modelseries.series_index``).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
import pandas as pd
import torch

from rnncast import (upperbound, lastoutliers, bandcounts, baselinebands, blankholidays, climatology, climatologyseries, calendarlags, decimals, droppedtail, filledwindows, fitrows, gapwindows,
                     measuredlabels, windowrows, zeroforecasts,
                     horizondates, horizonframe, insample, leftout, missingcodes, modelseries, negatives, outageruns, outputnames, parts, resolution,
                     scalepairs, scaling, scoringsaid, seriesanchors, seriesscalers, spreads, staticdrift, stepactuals, stuckruns, swampedscores, wholeintervals)
from rnncast.errors import NothingLeft, RnncastError
from rnncast.fitting import static_tensors, window_batches
from rnncast.panel import Panel
from rnncast.futureinputs import scaled_future
from rnncast.spelling import some
from rnncast.state import FittedState
from rnncast.training import predict_batches
from rnncast.windowforecasts import PartForecasts, WindowForecasts, calendar_step, scored as scored_values

log = logging.getLogger(__name__)


class Model(NamedTuple):
    """A fitted network, what it learned of its data, and where it runs."""

    net: torch.nn.Module
    state: FittedState
    device: torch.device


SAID = {"train": "training", "val": "validation"}  # a part as a line says it (decision 2271)


@contextmanager
def few_threads(batch: int):
    """One CPU thread for a small batch: splitting a handful of windows over threads costs more in
    synchronization than it saves (0.5 ms against 16 ms for one LSTM window on 2 busy cores)."""
    if batch > 64 or torch.get_num_threads() == 1:
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def scaled_rows(state: FittedState, panel: Panel, index: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The panel's rows scaled by their own series' scalers, and those scalers' offset and scale [S, C]."""
    offset, scale = scaling.stack([state.scalers[k] for k in index])
    return scaling.transform_rows(panel.values, panel.lengths, offset, scale), offset, scale


def static_inputs(state: FittedState, panel: Panel, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Static inputs [S, Kn] and codes [S, Kc]: the panel's own attributes, encoded as at fit (an
    unseen category is refused by name; far out or changed since fit: warned, ``staticdrift``), or those seen at fit."""
    if panel.static is not None and state.static_encoder is not None:
        return staticdrift.checked(state, panel, index, state.static_encoder.transform(panel.static, panel.given_ids))
    return state.static_inputs[index], state.static_codes[index]


def next_horizon(model: Model, panel: Panel, future=None) -> pd.DataFrame:
    """The ``horizon`` steps after the end of every series of ``panel``, in original units (``decimals.shortest``).

    ``future``: the future covariates over those steps (``futureinputs.scaled_future``). Static covariates: the
    panel's own (encoded as at fit), else those seen at fit. One series: a frame indexed by the next dates
    of the calendar (or row numbers), ``cutoff``, ``step_ahead``, one column per target (and ``<target>_q<level>`` per
    quantile). Many series: long format, one row per series and step, columns id, time, ``cutoff``, ``step_ahead``,
    ``<target>_hat`` (and the quantile columns) (``horizonframe``). Dates are datetime64; ``attrs["time_format"]`` (``csvtext``): how the data's text wrote them.
    Raises ``RnncastError`` for data too short for the lookback, unknown series, unseen static
    categories, missing future values, and timestamps no calendar explains (dates are never invented).
    """
    state = model.state
    outputnames.check_state(state)  # a model saved before fit refused such names
    index = modelseries.series_index(state, panel)
    fitrows.warn_predict(state, panel, index)
    short = np.flatnonzero(panel.lengths < (lookback := state.settings.data.lookback))
    resolution.named(panel, None, lookback, 0, resolution.READ, lookback)
    if len(short):
        if state.layout == "single":
            raise RnncastError(f"predict needs at least lookback = {lookback} rows, got {len(panel.values)}")
        listed = some([f"{panel.given_id(s)!r} ({panel.lengths[s]} rows)" for s in short[:10]], 10,
                      total=len(short))  # every one counted, ten named
        raise RnncastError(f"predict needs at least lookback = {lookback} rows of each series; too short: {listed}; "
                           f"give each series its last {lookback} rows at least, or leave the short ones out")
    spans = panel.read_spans(panel.offsets[1:] - lookback, np.arange(panel.n_series), lookback)  # the rows read
    outage = outageruns.at_end(panel, len(state.targets), stuckruns.at_end(panel))  # decisions 1497, 1925
    missingcodes.units_read(state, panel, spans)
    seriesscalers.say_unlearned(state, panel, spans)
    if inside := droppedtail.inside(panel.dropped_tail, lambda s: state.calendars.get(panel.ids[s], state.calendar)):
        s, (n, last) = next((s, t[:2]) for s, t in inside.items())  # dated inside the data given (not: decision 1915)
        rows = f"the last row of {panel.label(s)} ({last}) holds" if n == 1 else f"the last {n} rows of {panel.label(s)} (to {last}) hold"
        raise RnncastError(f"{rows} missing values, which the model's "
                           f"fill 'drop' removes, so its forecast would be dated inside the data; fill them in, give "
                           f"data that ends with whole rows, or refit with --fill ffill|interpolate|zero")
    filledwindows.warn_made(panel, lookback, state.settings.data.fill)  # zero fill's 0 is observed, not made
    lastoutliers.warn(panel, state.targets, state.settings.model.window_norm)  # decision 2270
    when = horizondates.dates(state, panel)  # [S] x [H], warned of where on a holiday or long after a series closed
    insample.warn(state, panel, index, when)  # data cut inside the fit's rows: forecasts of dates it learned (decision 2145)
    blankholidays.warn_forecast(panel, when, state.settings.data.fill, panel.calendar.text_format)  # filled holidays
    count, gaps = gapwindows.window_gaps(panel, lookback, state.calendar, state.calendars, most=3)
    if count:
        who = "the series has" if state.layout == "single" else f"{count} series {'has' if count == 1 else 'have'}"
        log.warning("%s calendar steps missing among the last %d rows predict reads, which the model takes as "
                    "consecutive (first: %s); fill_gaps=True (--fill-gaps) at fit inserts such rows for fill= to fill",
                    who, lookback, "; ".join(gaps))
    scaled, offset, scale = scaled_rows(state, panel, index)
    rows = (panel.offsets[1:] - lookback)[:, None] + np.arange(lookback)  # [S, L] the last lookback rows
    x = torch.from_numpy(scaled[rows]).to(model.device)  # [S, L, C]
    fut = scaled_future(model, panel, future, when, offset, scale)
    static, categories = static_tensors(*static_inputs(state, panel, index), model.device)
    with torch.inference_mode(), few_threads(len(index)):
        y = model.net(x, fut, static, categories).float().cpu().numpy()  # [S, H, T] or [S, H, T, Q]
    y = negatives.predicted(state, y, offset, scale, digits_unit(state))  # >= 0 exactly, the clipped ones counted
    point, quantiles = negatives.point_forecast(state, y)  # [S, H, T], [S, H, T, Q] or None
    negatives.of_panel(state, panel, y, np.arange(len(index)), "", cause=outage)  # below zero where the data never is
    zeroforecasts.warn(panel, point, lookback, state.targets, quantiles, state.settings.model.quantiles)  # decision 1486
    return horizonframe.frame(state, panel, when, point, quantiles)


def digits_unit(state) -> float:
    """The scaled size whose float32 step is a written forecast's finest (``decimals.shortest``'s ``unit``): 1, the
    series' spread (standard) or range (minmax); 0 where nothing is scaled, the network's float32 as it is."""
    return 0.0 if state.settings.data.scaler == "none" else 1.0


def forecast_windows(model: Model, panel: Panel, index: np.ndarray, starts: np.ndarray,
                     series: np.ndarray, shortest: bool = False, means=None, checked: bool = False, with_bands: bool = True,
                     located=None, placed: dict | None = None, differ: tuple = (), window_means=None,
                     window_errors=None) -> tuple[WindowForecasts, WindowForecasts]:
    """Forecasts of the windows at rows ``starts`` [W] (of the stacked panel) of series ``series`` [W], in original
    and in scaled units (``shortest``: as ``scaling.inverse_windows`` writes them); the network runs once, in batches.
    ``means`` [S, T]: the training-mean baseline of each series (default: the fit's); ``checked``: the panel's rows of
    the fit's periods compared with those fit read first, its own training means taken where they differ
    (``fitrows.check``, which warns: predict_windows, and compare through it); ``with_bands``: False leaves out the
    baselines' intervals (their training errors' quantiles: tune, which scores the model alone); ``located``: the fit's
    borders in ``panel`` (``parts.locate``) where the caller found them to select the windows; ``placed``: its series on
    their calendars (``calendarcuts.placed_series``, which the seasonal naive reads a season of steps back on: decision
    1966) where the caller walked them (backtest: once for every cutoff), else ``calendarlags.placed``;
    ``differ``: the series whose training rows differ from the fit's (``fitrows.Source.train_at``), without the fit's
    climatology (decision 1694); ``window_means`` [W, T] (original units): each window's own mean baseline in place of
    its series' (a one-model backtest's, of the rows before each window's cutoff: ``observed.at_cutoffs``, decision
    2174); ``window_errors``: baselines' names -> [W, H, T, Q], each window's own error quantiles in place of its
    series' (``cutoffbands.window_errors``, learned at each window's cutoff: decisions 2221, 2248)."""
    state = model.state
    data_s, n_t = state.settings.data, len(state.targets)
    lookback, horizon, season = data_s.lookback, data_s.horizon, data_s.season
    scaled_values, offset, scale = scaled_rows(state, panel, index)
    statics = static_tensors(*static_inputs(state, panel, index), model.device)
    batches = window_batches(torch.from_numpy(scaled_values).to(model.device), starts, series, panel, data_s, statics, None)
    placed = calendarlags.placed(panel) if placed is None else placed  # the seasonal naive's steps (decision 1966)
    if (dated := stepactuals.dated_future(panel, starts, series, lookback, horizon, placed)) is not None:
        at, made, first = *dated, len(panel.columns) - dated[1].shape[2]  # calendar covariates at each date (decision 2024)
        own = series[at]  # scaled by each window's series' scalers, as its rows are
        made = ((made - offset[own, None, first:]) / scale[own, None, first:]).astype(np.float32)
        batches.dated(at, torch.from_numpy(made).to(model.device))
    scoringsaid.before(len(starts), horizon)  # evaluate's and compare's many windows: said first (decision 1602)
    pred_scaled = predict_batches(model.net, batches)  # [W, H, T] or [W, H, T, Q]
    if not len(starts):
        pred_scaled = np.zeros((0, horizon, n_t) + ((len(state.settings.model.quantiles),) if state.settings.model.quantiles else ()), np.float32)
    target_rows = starts + lookback  # [W] first target row, in the stacked array
    rows = windowrows.target_rows(target_rows, horizon, panel.offsets[series + 1] - 1)  # [W, H] or a run of them
    local = lambda r: r - panel.offsets[series]  # noqa: E731  rows inside each window's series
    pred_original = negatives.unscaled(state, pred_scaled, series, offset, scale, shortest, digits_unit(state))
    pred_scaled = negatives.clipped(state, pred_scaled, negatives.scaled_zero(offset, scale, series, n_t, pred_scaled.ndim),
                                    upperbound.scaled(state, offset, scale, series, n_t, pred_scaled.ndim))
    if checked:
        checked_rows = fitrows.check(state, panel, index)
        means, differ = checked_rows.means, checked_rows.train_at
    means = state.train_means[index] if means is None else means  # [S, T]
    scaled_means = ((means - offset[:, :n_t]) / scale[:, :n_t]).astype(np.float32)
    if shortest:  # written beside the forecasts at their resolution (decimals.shortest), not float64's 16 digits
        means = decimals.shortest(scaled_means, offset[:, :n_t], scale[:, :n_t], digits_unit(state))

    times = panel.times  # [S] each series' times, sliced once for both forecasts (20,000 series: seconds)
    if panel.row_numbers is not None:  # no time, rows the series share (a wide table's): windows placed by the table's
        times = [pd.Index(panel.numbered(s), name="row") for s in range(panel.n_series)]

    levels = state.settings.model.quantiles
    unread = (len(state.future_covariates), 0 if data_s.target_input else n_t)  # reads_later's: as the scores count
    learned, unlearned = None, None
    if levels and with_bands:  # the windows the baselines' intervals learn their errors on, once for both units
        located = parts.locate(state, panel, index) if located is None else located
        unlearned = bandcounts.unlearned([state.splits[k].train_end for k in index], located.splits,
                                         located.fit_starts)[series]  # [W] why a band is missing (decision 1932)
        learned = baselinebands.training(panel.offsets, located.splits, located.fit_starts, series[~unlearned], lookback,
                                         horizon, n_t, season, panel.filled, unread, placed)  # none where rows lack: decision 1989

    step = calendar_step([panel.calendar_of(s) for s in range(panel.n_series)]) if panel.time is not None else None
    grain = seriesanchors.period_code([panel.calendar_of(s) for s in range(panel.n_series)]) if step and \
        panel.time.tz is None else None  # 'MS' beside 'ME': a month once (decision 2122); dates on a zone's clock: left

    def forecasts(values: np.ndarray, y_all: np.ndarray, base: dict, bands: dict) -> WindowForecasts:
        point, quantiles = negatives.point_forecast(state, y_all)
        return WindowForecasts(local(starts), local(target_rows), windowrows.taken(values, rows, n_t), point, base,
                               panel.time_of(0) if panel.n_series == 1 else None, series, panel.given_ids,
                               times, quantiles, levels, list(state.targets), filled, later, baseline_quantiles=bands,
                               zeroed=None if panel.zeroed is None else windowrows.taken(panel.zeroed, rows, n_t),
                               unlearned=unlearned if unlearned is not None and unlearned.any() else None,
                               step=step, grain=grain)  # forecast times a day apart stay two (decision 1954)

    filled = None if panel.filled is None else windowrows.taken(panel.filled, rows, n_t) != 0  # [W, H, T]: made by fill
    later = filledwindows.reads_later(panel.filled, starts, lookback, horizon, *unread)  # [W]

    climate = climatology.forecasts(climatology.unfit(state.climatology, index, differ), panel, target_rows, series,
                                    horizon)  # the fit's (decisions 1605, 1663), decision 1694
    scaled_climate = climatology.scaled(climate, offset, scale, series)
    if shortest and climate is not None:  # at the forecasts' resolution, as the training mean (decision 1635)
        climate = decimals.shortest(scaled_climate, offset[series, None, :n_t], scale[series, None, :n_t],
                                    digits_unit(state))
    labelled = measuredlabels.measured_rows(panel.filled, panel.offsets, n_t)  # found once, read in both units
    measured = measuredlabels.taken(panel.values, labelled, n_t)  # never a stood-in label
    scaled_base = baselinebands.point_forecasts(  # the series' rows before: the labels measured (decision 2176)
        measuredlabels.taken(scaled_values, labelled, n_t), target_rows, series, scaled_means, horizon, n_t, season,
        scaled_climate, local(target_rows), placed)
    base = baselinebands.point_forecasts(measured, target_rows, series, means, horizon, n_t, season, climate,
                                         local(target_rows), placed)  # a season of them, by calendar (1778, 1966)
    if window_means is not None:  # each window's cutoff's own mean (decision 2174)
        own = ((window_means - offset[series, :n_t]) / scale[series, :n_t]).astype(np.float32)  # [W, T]
        shape = base["mean"].shape
        scaled_base["mean"] = np.broadcast_to(own[:, None, :], shape)
        base["mean"] = np.broadcast_to((decimals.shortest(own, offset[series, :n_t], scale[series, :n_t], digits_unit(
            state)) if shortest else window_means)[:, None, :], shape)
    bands = baselinebands.scaled_bands(measured, learned, base, series, means, levels, season, offset[series, :n_t],
                                       scale[series, :n_t], 0.0 if state.settings.model.nonnegative else None,
                                       window_errors, ceiling=state.settings.model.upper  # as its floor (decision 2257)
                                       ) if learned is not None else {}  # the baselines' intervals, at float32
    unscaled = {name: negatives.unscaled(state, band, series, offset, scale, shortest, digits_unit(state))
                for name, band in bands.items()}  # one array in both units, at the network's float32 as its quantiles
    return (forecasts(panel.values, pred_original, base, unscaled),
            forecasts(scaled_values, pred_scaled, scaled_base, bands))


def part_forecasts(model: Model, panel: Panel, index: np.ndarray, part: str, untrained=(), with_bands: bool = True,
                   baselines: bool = True) -> PartForecasts:
    """Forecast the windows of ``part`` (``parts.select``) of every series of ``panel`` once, in both units (the
    scaled as the verdict weighs them: ``spreads.weighed``). ``untrained``: the series of the data that fit left out as
    too short (``newforecasts.untrained``), named in what was scored (``"not_trained"``: ``{"series", "text"}``, and its text) as predict's warning names them."""
    located = parts.locate(model.state, panel, index)  # the fit's borders, found once for the windows and the bands
    starts, series, scored = parts.select(model.state, panel, index, part, located=located, baselines=baselines)
    data = model.state.settings.data  # a 1e40 in the rows scored: named, not nan scores (decision 853)
    spans = panel.read_spans(starts, series, data.lookback + data.horizon)  # the rows scored, found once for each
    resolution.named(panel, None, data.lookback, data.horizon, resolution.FITTED,  # and each row its windows read
                     begin={s: first for s, (first, _) in spans.items()})
    missingcodes.units_read(model.state, panel, spans)  # kW given as MW, among the rows scored
    seriesscalers.say_unlearned(model.state, panel, spans)
    source = fitrows.check(model.state, panel, index)  # the data's rows of the fit's periods against those fit read
    if source.said:
        scored = {**scored, "fit_rows": source.said, "text": f"{scored['text']}; {source.said['text']}"}
    if untrained:
        said = (f"series {leftout.listed(untrained)} {leftout.reason(untrained, len(untrained) == 1)} ("
                f"{'each ' * (len(untrained) > 1)}needs {leftout.needs(untrained)}) and {leftout.are(len(untrained))} "
                "not scored")
        scored = {**scored, "not_trained": {"series": list(untrained), "text": said}, "text": f"{scored['text']}; {said}"}
    # each step scored against its own date's actual; a date the data lacks forecast, not scored (stepactuals)
    original, scaled, absent = stepactuals.aligned(panel, *forecast_windows(model, panel, index, starts, series,
                                                                            means=source.means, with_bands=with_bands,
                                                                            located=located, differ=source.train_at))
    scalepairs.warn_scored(source.pairs, panel, original.series, data.season)  # the scales it divides by (decision 2205)
    negatives.of_windows(model.state, panel, original, part)  # a model of quantiles: each level (not [W, H, T] as one)
    scaled = spreads.weighed(model.state, index, scaled)
    swampedscores.warn(panel, climatologyseries.whole(scaled), swampedscores.split_of(located),  # one value's windows
                       # hold the squared error (a climatology some series lack: no share: decision 1693)
                       swampedscores.starts_later(model.state, panel, index), f"the {SAID.get(part, part)} windows")
    scored, left = stepactuals.part_scored(scored, original, absent, model.state.settings.data.fill)
    scored = wholeintervals.record(scored, panel, original)  # intervals of counts holding no count (decision 2141)
    if (kept := scored_values(original)) is not None and not kept.any():
        raise NothingLeft(f"nothing is left to score in part {part!r}: {left}; give data with observed values there")
    return PartForecasts(original, scaled, source.scales, panel.given_ids, scored,
                         spreads.SCALED_BY.get(spreads.scaled_by(model.state)), panel.dialect, np.asarray(index), source.zero,
                         data.season, panel.key, absent, panel.calendar.text_format, source.pairs)

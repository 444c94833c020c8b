"""Fitting: from a checked ``Panel`` to a trained network and its ``FittedState``.

The steps, in order: validate the settings (once: ``prepare`` takes them validated), check the covariate roles against
them (``check_roles``), cut every series by time and leave out (by name) the series too short to train (``cutting``),
fit each series' scaler on its own training rows, encode the static covariates, build the network (``NetSpec``), and
hand the batches of scaled windows to the training loop (``training.fit_network``). ``prepare`` does everything before
the loop, so the caller holds the network and state while it trains (a progress callback may evaluate them); ``run``
is the loop as ``Forecaster.fit`` runs it (its progress bar, the seconds it took).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from rnncast import resume as resume_io
from rnncast import (blanklabels, calendargrain, calendarcovariates, calendarlags, checkpointsaver, climatologyfit, codedblanks, cutting, distributed, filledwindows, finalfit, fingerprint, fitrows, gapwindows,
                     highwaystart, interruptions, jumps, laterrows, levelshifts, missingcodes, modelcard, negatives, noticed, observed, outliers, outputnames, parts,
                     outageruns, quantilestart, resolution, resumedsettings, samestep, scaling, seasonrows, seasonspans, seeding, spreads, stuckruns, testoverlap,
                     totalseries, untrained, weeklyseason, zeroscales)
from rnncast.batches import SequenceBatches, WindowBatches, epoch_draw
from rnncast.config import DataSettings, Settings
from rnncast.settingchecks import check_effects
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.noticed import first_in_block
from rnncast.models import NetSpec, build_net
from rnncast.panel import Panel
from rnncast.scaling import StaticEncoder
from rnncast.seriesscalers import fit_scalers
from rnncast.settingvalues import plain_values
from rnncast.spelling import hint, spelled
from rnncast.state import FittedState
from rnncast.devices import cpu_threads, resolve_device
from rnncast.epochbar import progress
from rnncast.runhistory import best_epoch, still_improving
from rnncast.training import fit_network
from rnncast.untrainedadvice import thin_advice
from rnncast.windows import Split, panel_window_starts

log = logging.getLogger(__name__)


def prepare_data(data, reading_args: dict, split, params: dict, resume_from=None, checkpoint=None) -> "Prepared":
    """Everything ``Forecaster.fit`` does before the loop: validate the settings (``params``), read
    ``data`` (a table ``loading.load_panel`` reads with ``reading_args``, or a ``Panel`` used as it
    is), check the covariate roles, cut every series (``cutting.cut``; ``split``: given row borders, or
    None for the settings' fractions) and ``prepare`` the network and state; ``Prepared.data`` is the data's
    fingerprint with the cut (``fingerprint.of``), which ``checkpoint`` keeps (None: no checkpoint, no
    fingerprint taken). ``resume_from``: the checkpoint a resumed fit continues, whose data must be this data cut the
    same way (``resume.check_data``). Raises ``RnncastError`` for reading arguments given beside a Panel, for
    whatever reading, the roles or the cut refuse, and for data other than the checkpoint's."""
    with noticed.held():  # the columns the run leaves out said once it will run: a refusal comes alone
        return _prepare_data(data, reading_args, split, params, resume_from, checkpoint)


def _prepare_data(data, reading_args: dict, split, params: dict, resume_from, checkpoint) -> "Prepared":
    settings = Settings.from_flat(params)
    check_effects(settings.train)  # at fit, not where a model saved before is read (state)
    resumedsettings.check(resume_from, settings, reading_args.get("target"))  # as it began, before the data is read
    if isinstance(data, Panel):
        given = [k for k, v in reading_args.items() if v is not None]
        if given:
            raise RnncastError(f"{', '.join(given)} cannot apply to a Panel: it holds its columns and roles "
                               "already; give them to load_panel, or pass the table itself")
        panel = calendarcovariates.of_panel(data, settings.data.calendar_covariates)  # decision 1983
    else:
        panel = load_panel(data, **reading_args, **settings.data.reading())  # labels_only: target_input=False
    check_roles(panel, settings)
    seasonspans.warn_panel(panel, settings.data.season)  # and each series' own trading hours (decision 1846)
    as_read = panel
    panel, splits, skipped = cutting.cut(panel, split, settings.data)
    cutting.few_windows(splits, settings.data)
    thin = cutting.few_val_windows(splits, settings.data, split is None and settings.data.cutoff is None)  # decision 1810
    placed = calendarlags.placed(panel)  # the calendar walked once, for MASE's scale and the gap warning: decision 1951
    seasonrows.check_fit(panel.offsets, splits, settings.data.lookback, settings.data.horizon, settings.data.season,
                         placed)  # a season of calendar steps before a test window (decision 2028)
    negatives.floored(panel, splits, settings.model.nonnegative, settings.model.upper)  # values a clip hides
    wanted = checkpoint is not None or resume_from is not None  # only a checkpoint keeps it
    record = fingerprint.of(as_read, list(zip(panel.ids, splits))) if wanted else None
    if resume_from is not None:
        resume_io.check_data(resume_from, record)  # before the network is built or anything loaded
    prepared = prepare(panel, splits, settings, params, skipped, placed=placed)
    prepared.thin = thin  # the untrained network's advice names a validation split of a few windows
    if settings.data.cutoff is None and (overlap := testoverlap.overlap(panel, splits)):
        if first_in_block("overlap", overlap["text"]):  # a tune's trials: said by the first (noticed.said_once)
            log.warning("%s", overlap["text"])  # said once; metrics.json keeps it (report)
        prepared.state.overlap = overlap
    prepared.state.across_gaps = gapwindows.at_fit(prepared.state, panel, splits, placed)  # said once; model.json keeps it
    prepared.data = record
    prepared.source = Path(data) if isinstance(data, (str, os.PathLike)) else None
    prepared.state.given_ids, prepared.state.key = as_read.given_by_text, as_read.key  # skipped_series_ as given
    prepared.state.calendars |= {as_read.ids[s]: c for s, c in as_read.calendars.items() if as_read.ids[s] not in panel.ids}  # left out: read on its own
    if panel.layout == "wide":  # reading.read_new: is a column new since fit a new series?
        prepared.state.series_all = as_read.series_all
    return prepared


def check_roles(panel: Panel, settings: Settings, command: str = "fit") -> None:
    """Refuse, by name, covariate roles the settings cannot train, and column names the forecasts would write twice
    (``outputnames.check``)."""
    data_s, model_s, train_s = settings.data, settings.model, settings.train
    outputnames.check_panel(panel, model_s.quantiles, command)  # the file named: fit's test_forecasts.csv
    calendargrain.check(panel, data_s.calendar_covariates)  # holiday:DE on months: decision 2038
    calendarcovariates.check_fit(panel, data_s.calendar_covariates)  # hour on daily data: decision 1983
    if data_s.future_known and not panel.future:
        raise RnncastError(f"future_known ({spelled('future_known', True)}) needs feature columns whose future values "
                           f"are known; name them ({spelled('features')})")
    if not data_s.target_input and not panel.features:
        raise RnncastError(f"target_input=False (--no-target-input) reads the features alone, and none are given: name "
                           f"them ({spelled('features')}), or leave target_input on to read the target's past")
    if model_s.channel_independent and (panel.features or panel.static is not None):
        raise RnncastError(f"channel_independent=True treats every input column as a target series; drop the features "
                           f"{panel.features} (and static covariates) or make them targets")
    if model_s.channel_independent and len(panel.targets) == 1:  # a warning: PRESETS['segrnn'] sets it for any data
        log.warning("channel_independent=True splits several target columns into series of their own, and %s is the "
                    "one target: it changes nothing here; leave it out (with PRESETS['segrnn']: channel_independent="
                    "False)", hint("one_target", repr(panel.targets[0])))  # bench names its column, not '0'
    if model_s.segment and panel.static is not None:
        raise RnncastError("segment > 0 (SegmentNet) does not take static covariates yet; use segment 0")
    if model_s.decoder == "parallel" and panel.future:
        raise RnncastError(f"decoder 'parallel' does not take future-known covariates {panel.future}; use decoder 'direct'")
    if train_s.scheme == "sequence" and (panel.future or panel.static is not None):
        raise RnncastError("scheme 'sequence' trains without future-known or static covariates; "
                           "use scheme 'window' for covariates whose future is known, or static ones")


@dataclass
class Prepared:
    """Everything before the training loop: the network, what fit learned of the data, the batches."""

    net: torch.nn.Module
    state: FittedState
    device: torch.device
    group: object  # distributed.Group, or None outside torchrun
    train: object  # WindowBatches or SequenceBatches
    val: WindowBatches | None
    diverged: dict | None = None  # set by train: {"epoch", "what", "loss", "kept"} when the loss became NaN or infinite
    data: dict | None = None  # the fingerprint of the data and its cut (prepare_data), kept in checkpoints
    stream: seeding.Stream | None = None  # the seeded random stream the network was built in; training continues it
    source: Path | None = None  # the file the data was read from, which a checkpoint must not replace
    thin: str | None = None  # cutting.few_val_windows' clause: too few validation windows to tell the epochs apart


def prepare(panel: Panel, splits: list[Split], settings: Settings, params: dict, skipped: list | None = None,
            apart: bool = True, placed: dict | None = None) -> Prepared:
    """Scalers, static encoder, network and batches for every series of ``panel``, each cut by its
    own split; ``params``: the Forecaster's keyword arguments (its settings), kept in the state as
    given, and ``settings`` the same validated (``Settings.from_flat(params)``, done once by the caller); ``apart``
    False: a backtest's fit, whose climatology warning leaves evaluate out (``climatologyfit.kept``, decision 1761);
    ``placed``: ``calendarlags.placed(panel)`` where the caller has it (walked here where None)."""
    data_s, model_s, train_s, final = settings.data, settings.model, settings.train, finalfit.unscored(splits, panel.lengths)
    unread = 0 if data_s.target_input else panel.n_targets  # the target columns the network cuts off, never inputs
    filledwindows.check_parts(panel, splits, data_s.lookback, data_s.horizon, data_s.fill, unread)  # nothing to score
    resolution.named_at_fit(panel, splits, data_s.lookback, data_s.horizon)  # 1e40 in any row: named, not nan scores
    scalers = fit_scalers(panel, splits, data_s.scaler)
    placed = calendarlags.placed(panel) if placed is None else placed  # MASE's scale pairs calendar steps (1885)
    resolution.check(panel, splits, scalers, data_s.lookback, data_s.horizon)  # a sentinel's spread blurs the rest
    squeezed = outliers.find(panel, splits, scalers)  # or squeezes the rest too close to learn from: said once
    codes = missingcodes.find(panel, splits, {(f["series"], f["column"]) for f in squeezed if not  # -999 read as a
                                              missingcodes.code_like(np.array([f["value"]]))[0]})  # value: named so
    offset, scale = scaling.stack(scalers)  # [S, C]
    encoder = StaticEncoder.fit(panel.static) if panel.static is not None else None
    static_inputs, static_codes = (encoder.transform(panel.static, panel.given_ids) if encoder is not None
                                   else (np.zeros((panel.n_series, 0), np.float32), np.zeros((panel.n_series, 0), np.int64)))
    device = resolve_device(train_s.device)
    group = distributed.setup(device)  # None unless torchrun started this process among others
    device = group.device if group else device  # under torchrun with CUDA: this rank's GPU
    if group is None or group.main:
        missingcodes.warn(codes, data_s.missing_values)  # -999 given, 9999 found: advised together, once (decision 1607)
        outliers.warn(squeezed, data_s.scaler, codedblanks.named_codes(codes), final)
        stuckruns.warn(stuckruns.find(panel, splits))  # one value for a long stretch of a moving column
        outageruns.warn(panel, outageruns.find(panel), "final fit" if final else "fit", splits, data_s.season, placed)  # a week of 0s in a series never else 0 (decision 1925)
        jumps.warn(stepped := jumps.find(panel, splits, data_s.season, placed), codedblanks.named_codes(codes), final)  # one step far beyond the rest: a split? MASE's scale holds it
        levelshifts.warn(panel, levelshifts.find(panel, splits, data_s.season, stepped), final)  # a migration's lasting drop (decision 1931)
        interruptions.warn(panel, interruptions.find(panel, splits, data_s.season, placed, data_s.horizon, model_s.nonnegative), final)  # 15 months at 10-30 %, then back (decision 2053)
        totalseries.warn(panel, totalseries.find(panel, splits))  # a 'Total' series, the sum of others: decision 1541
    spec = NetSpec(
        cell=model_s.cell, n_inputs=len(panel.columns), n_targets=panel.n_targets, horizon=data_s.horizon,
        hidden_size=model_s.hidden_size, num_layers=model_s.num_layers, dropout=model_s.dropout,
        window_norm=model_s.window_norm, window_scale=model_s.window_scale, season=data_s.season, n_future=len(panel.future), channel_independent=model_s.channel_independent,
        scheme=train_s.scheme, segment=model_s.segment, decoder=model_s.decoder, highway=model_s.highway,
        lookback=data_s.lookback, n_static=static_inputs.shape[1],
        static_cardinalities=encoder.cardinalities if encoder else (), quantiles=model_s.quantiles,
        target_offsets=model_s.channel_independent and bool(model_s.quantiles), target_input=data_s.target_input)
    values = torch.from_numpy(scaling.transform_rows(panel.values, panel.lengths, offset, scale)).to(device)  # [N, C]
    statics = static_tensors(static_inputs, static_codes, device)
    lookback, horizon = data_s.lookback, data_s.horizon
    starts, series, kept = blanklabels.training_windows(panel, *panel_window_starts(splits, panel.offsets, "train", lookback, horizon), data_s, train_s.scheme)
    if train_s.scheme == "sequence":
        train = SequenceBatches(values, [sp.train_end for sp in splits], lookback, horizon, panel.n_targets,
                                train_s.chunk, train_s.batch_size, offsets=panel.offsets[:-1].tolist())
    else:
        train = window_batches(values, starts, series, panel, data_s, statics, train_s.batch_size, kept)
    val_starts, val_series = panel_window_starts(splits, panel.offsets, "val", lookback, horizon)
    keep = observed.validation_keep(panel, val_starts, lookback, horizon, unread)  # the targets evaluate scores; None: all
    val = (window_batches(values, val_starts, val_series, panel, data_s, statics, train_s.batch_size, keep)
           if len(val_starts) else None)
    highway_fit = model_s.highway and model_s.highway_start == "least_squares"
    windows = train if train_s.scheme == "window" or not highway_fit else window_batches(values, starts, series, panel, data_s, statics, None, kept)
    stream = seeding.Stream(train_s.seed, device)  # torch's global generators seeded, the caller's left as they were
    with stream.active(), cpu_threads(train_s.threads, said=False):  # the heads' starts run the net: as it trains (decision 2006)
        net = build_net(spec).to(device)  # every rank builds the same initial weights
        if group is not None:
            stream.reseed(train_s.seed + group.rank)  # dropout masks differ from rank to rank
        started = highwaystart.start(net, windows, val, train_s.loss, group) if highway_fit else None
        quantilestart.start(net, windows)  # a quantile head (window scheme only) starts at its training errors' quantiles
    train_means, mase_scales, mase_pairs = observed.in_sample(panel, splits, data_s.season, data_s.fill, placed=placed, scored=not final, doing="fit" if apart else "backtest")  # [S, T]
    state = FittedState(
        params=plain_values(params), layout=panel.layout, ids=list(panel.ids), id_col=panel.id_col, targets=panel.targets,
        past_covariates=panel.past, future_covariates=panel.future, time_col=panel.time_col, calendar=panel.calendar,
        scalers=scalers, splits=splits, train_means=train_means, mase_scales=mase_scales, mase_pairs=mase_pairs,
        mase_zero=zeroscales.kinds(panel, splits, data_s.season, mase_scales, placed=placed), train_spreads=spreads.training_spreads(panel, splits),
        static_encoder=encoder, static_inputs=static_inputs, static_codes=static_codes,
        static_table=panel.static is not None and panel.static.from_table,
        skipped_series=list(skipped or []), world_size=group.world if group else 1, highway_start=started,
        calendars={panel.ids[s]: c for s, c in panel.calendars.items()}, borders=parts.borders(panel, splits),
        unused=list(panel.unused), same_step=samestep.measure(panel.rows, splits, panel.n_targets, list(
            range(len(panel.columns) - len(panel.future), len(panel.columns)))),  # the window_norm hint's measure
        later_rows=laterrows.measure(panel.rows, splits, panel.columns, panel.n_targets, lookback),  # the alignment hint's
        climatology=climatologyfit.kept(panel, splits, train_means, apart),  # the climatology baseline's, kept (decision 1663)
        yearly_season=weeklyseason.measure(panel, splits, settings.data.season, data_s.horizon),  # the season hint's: 365 over 7, 168 over 24 by the data (decisions 1606, 1719)
        squeezed=next((f for f in squeezed if f["target"]), None),  # the cause the advice on an untrained model names
        value_ranges=missingcodes.fitted_ranges(panel, splits),  # a later read's -999 is named against them
        fit_rows=fitrows.record(panel, splits),  # what evaluate compares its data's rows of these periods with
        no_time_col=panel.told_none,  # new data read as fit read it: rows numbered (toldtime)
        cutoffs=modelcard.cutoffs(panel, splits),  # the dates a deployer reads in model.json and the ONNX file
    )
    state.settings = settings  # validated once: the state's cached settings are these, not validated again
    return Prepared(net, state, device, group, train, val, stream=stream)


def train(prepared: Prepared, on_epoch=None, checkpoint=None, resume: bool = False) -> list[dict]:
    """Run the training loop over ``prepared``'s batches; returns the history (one record per finished epoch).
    ``checkpoint``: a file that receives the whole training state after every epoch (rank 0 only);
    ``resume``: continue from it. A run whose loss became NaN or infinite after finished epochs keeps
    the best of them and sets ``prepared.diverged`` (``training.fit_network``). Keeps in the state the seconds the
    loop took (``train_seconds``: fit's "trained ... in" and backtest's "training", set here alone, decisions 1970,
    2019) and what an epoch drew (``epoch_draw``)."""
    started = time.perf_counter()
    if resume and not checkpoint:
        raise RnncastError("resume=True needs checkpoint= (the file written by an earlier fit)")
    group = prepared.group
    writes = group is None or group.main
    if checkpoint is not None and writes:  # '' refused, not taken for none; after on_start: fit --overwrite has cleared the run it goes into;
        checkpointsaver.check_checkpoint_path(checkpoint, resume, inputs=(prepared.source,))  # the rank that writes it
    save_state = (checkpointsaver.saver(checkpoint, resume, prepared.data, prepared.state.settings)
                  if checkpoint is not None and writes else None)  # the first write only as a new file
    load_state = (lambda *objs: resume_io.load_training_state(checkpoint, *objs)) if resume else None
    prepared.diverged = None

    def diverged(info: dict) -> None:
        prepared.diverged = info

    stream = prepared.stream or seeding.Stream(prepared.state.settings.train.seed, prepared.device)
    alignment = laterrows.training_note(prepared.state.later_rows)  # a target on a feature's later rows (decision 686)
    with stream.active(), cpu_threads(prepared.state.settings.train.threads):  # the seeded stream, one fit at a time; 0: torch's own count
        history = fit_network(prepared.net, prepared.train, prepared.val, prepared.state.settings.train,
                              on_epoch=on_epoch, checkpoint=save_state, resume=load_state, group=group,
                              on_diverged=diverged, untrained=lambda: untrained.forecast_text(prepared.net, prepared.state),
                              units=spreads.loss_units(prepared.state.settings.data.scaler), alignment=alignment or (
                                  prepared.thin and thin_advice(prepared.thin, prepared.state.settings.train.lr)),
                              squeezed=outliers.note(prepared.state.squeezed),
                              on_untrained=lambda loss: setattr(prepared.state, "untrained_loss", loss))
    prepared.state.train_seconds = time.perf_counter() - started
    prepared.state.epoch_draw = epoch_draw(prepared.train, prepared.state.settings.train.max_batches)
    if writes and still_improving(history, prepared.state.settings.train.epochs):  # misaligned columns: no more training
        log.warning("the best epoch was the last (%d of %d): the %s loss was still falling, so the model may be "
                    "undertrained; %s", len(history), len(history), "validation" if prepared.val is not None else
                    "training", alignment or f"try more epochs ({spelled('epochs')}) or a larger learning rate ({spelled('lr')})")
    if writes:
        _ema_too_long(history, prepared.train, prepared.state.settings.train)
    return history


def _ema_too_long(history: list[dict], batches, train) -> None:
    """Warn where the weight average (``ema``) spans more steps than the kept weights had taken: an average
    started from the first step's weights still holds ``ema ** steps`` of them, about a third or more."""
    steps = best_epoch(history) * min(-(-len(batches) // batches.batch_size), train.max_batches or len(batches))
    if train.ema and steps and steps < 1 / (1 - train.ema):
        log.warning("ema=%g averages about the last %d steps, but the weights kept (epoch %d) had taken %d steps, so "
                    "the average still held about %.0f%% of the first step's weights; lower it (%s; 0.99: about 100 steps) or "
                    "train longer", train.ema, round(1 / (1 - train.ema)), best_epoch(history), steps,
                    100 * train.ema ** steps, spelled("ema"))


def run(prepared: Prepared, on_epoch=None, checkpoint=None, resume: bool = False) -> list[dict]:
    """``train`` as ``Forecaster.fit`` runs it: under the settings' progress bar (``verbose``), the network left in
    eval mode. Returns the history; ``prepared.diverged`` says whether the loss became NaN or infinite."""
    settings = prepared.state.settings
    bar = progress(settings.model.cell, settings.train.epochs, on_epoch) if settings.train.verbose else None
    try:
        history = train(prepared, on_epoch=bar or on_epoch, checkpoint=checkpoint, resume=resume)
    finally:
        if bar is not None:
            bar.close()
    prepared.net.eval()
    return history


def static_tensors(inputs: np.ndarray, codes: np.ndarray, device) -> tuple:
    """Static inputs [S, Kn] float32 and category codes [S, Kc] int64 as tensors (None when empty)."""
    static = torch.from_numpy(np.ascontiguousarray(inputs, dtype=np.float32)).to(device) if inputs.shape[1] else None
    categories = torch.from_numpy(np.ascontiguousarray(codes, dtype=np.int64)).to(device) if codes.shape[1] else None
    return static, categories


def window_batches(values, starts, series, panel: Panel, data_s: DataSettings, statics: tuple, batch_size,
                   keep=None) -> WindowBatches:
    """Batches of the windows at stacked rows ``starts`` [W] of series ``series`` [W] over scaled ``values`` [N, C];
    ``keep`` [W, H, T]: the targets a loss over them counts (None: all)."""
    return WindowBatches(values, starts, data_s.lookback, data_s.horizon, panel.n_targets, bool(panel.future),
                         batch_size, n_past=panel.n_past, series=series, static=statics[0], categories=statics[1], keep=keep)

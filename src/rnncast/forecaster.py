"""``Forecaster``: the estimator a user holds. Glue between data, scaler, network, loop and files.

It follows scikit-learn's contract: every constructor argument is a keyword stored as given;
settings are validated in ``fit``; ``fit`` returns ``self``; learned state ends in ``_``. The
network (``net_``) is built in ``fit``, once the data's shape is known.

One series is a panel of one: every path below works on a ``Panel`` (many series stored back to
back, each with its own split and scaler). A single series keeps its single-series faces: its
``scaler_``, ``split_`` and ``train_mean_``, and ``predict`` returning a frame indexed by time.
"""

from __future__ import annotations

import inspect
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from rnncast import baselines, distributed, metrics
from rnncast import checkpoint as checkpoint_io
from rnncast import scaling
from rnncast.config import DataSettings, ModelSettings, Settings, TrainSettings, parse_quantiles, with_saved_defaults
from rnncast.data import ID_COLUMN, as_frame, read_table
from rnncast.errors import RnncastError
from rnncast.models import NetSpec, build_net
from rnncast.future import align_future
from rnncast.panel import Panel, load_panel
from rnncast.scaling import Scaler, StaticEncoder
from rnncast.timeaxis import Calendar
from rnncast.training import SequenceBatches, WindowBatches, fit_network, predict_batches, resolve_device
from rnncast.windows import Split, chronological_split, every_window_start, panel_window_starts, rows_needed

log = logging.getLogger(__name__)

_D, _M, _T = DataSettings(), ModelSettings(), TrainSettings()


@contextmanager
def _few_threads(batch: int):
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


@dataclass
class WindowForecasts:
    """Forecasts for a run of stride-1 windows; arrays are [windows, horizon, targets].

    ``starts`` and ``target_rows`` are rows inside each window's own series; ``series`` [W] says
    which series (a position in ``ids``). ``quantiles`` [W, H, T, Q] holds the levels ``levels``.
    """

    starts: np.ndarray  # row where each window's inputs begin
    target_rows: np.ndarray  # row of each window's first target
    y_true: np.ndarray
    y_pred: np.ndarray
    baselines: dict  # name -> [W, H, T]
    time: pd.DatetimeIndex | None  # timestamps of the series (of the first series of a panel), when it has them
    series: np.ndarray | None = None  # [W]
    ids: list = field(default_factory=lambda: [None])
    times: list = field(default_factory=list)  # timestamps of every series
    quantiles: np.ndarray | None = None  # [W, H, T, Q]
    levels: tuple = ()


class Forecaster:
    """Train an RNN, LSTM or GRU to forecast ``horizon`` steps of the target from ``lookback`` steps.

    >>> f = Forecaster(cell="gru", lookback=48, horizon=12).fit(frame, target="load")
    >>> f.predict(frame)           # the 12 steps after the end of ``frame``
    >>> f.evaluate(new_frame)      # metrics of the model and the baselines

    Many series: ``fit(long_frame)`` with columns ``unique_id, ds, y`` (or ``id_col=``), or a wide
    frame with ``series=[...]``; ``predict`` then returns ``unique_id, ds, y_hat`` rows.
    """

    def __init__(
        self,
        cell: str = _M.cell,
        lookback: int = _D.lookback,
        horizon: int = _D.horizon,
        hidden_size: int = _M.hidden_size,
        num_layers: int = _M.num_layers,
        dropout: float = _M.dropout,
        window_norm: str = _M.window_norm,
        channel_independent: bool = _M.channel_independent,
        segment: int = _M.segment,
        decoder: str = _M.decoder,
        highway: bool = _M.highway,
        quantiles: tuple | None = _M.quantiles,
        epochs: int = _T.epochs,
        batch_size: int | None = _T.batch_size,
        lr: float = _T.lr,
        lr_schedule: str = _T.lr_schedule,
        patience: int = _T.patience,
        grad_clip: float = _T.grad_clip,
        loss: str = _T.loss,
        ema: float = _T.ema,
        scaler: str = _D.scaler,
        val_frac: float = _D.val_frac,
        test_frac: float = _D.test_frac,
        future_known: bool = _D.future_known,
        season: int = _D.season,
        fill: str | None = _D.fill,
        freq: str | None = _D.freq,
        fill_gaps: bool = _D.fill_gaps,
        tz: str | None = _D.tz,
        scheme: str = _T.scheme,
        chunk: int = _T.chunk,
        max_batches: int = _T.max_batches,
        seed: int = _T.seed,
        device: str = _T.device,
    ):
        self.cell = cell
        self.lookback = lookback
        self.horizon = horizon
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.dropout = dropout
        self.window_norm = window_norm
        self.channel_independent = channel_independent
        self.segment = segment
        self.decoder = decoder
        self.highway = highway
        self.quantiles = quantiles
        self.epochs = epochs
        self.batch_size = batch_size
        self.lr = lr
        self.lr_schedule = lr_schedule
        self.patience = patience
        self.grad_clip = grad_clip
        self.loss = loss
        self.ema = ema
        self.scaler = scaler
        self.val_frac = val_frac
        self.test_frac = test_frac
        self.future_known = future_known
        self.season = season
        self.fill = fill
        self.freq = freq
        self.fill_gaps = fill_gaps
        self.tz = tz
        self.scheme = scheme
        self.chunk = chunk
        self.max_batches = max_batches
        self.seed = seed
        self.device = device

    # ---- scikit-learn's parameter contract -------------------------------------------------

    @classmethod
    def _param_names(cls) -> list[str]:
        return [p for p in inspect.signature(cls.__init__).parameters if p != "self"]

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> "Forecaster":
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise RnncastError(f"unknown parameter {name!r} for Forecaster; valid parameters: {', '.join(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = Forecaster().get_params()
        changed = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if v != defaults[k])
        return f"Forecaster({changed})"

    # ---- training ---------------------------------------------------------------------------

    def fit(self, data, target=None, features=None, time_col=None, split=None, on_epoch=None,
            checkpoint=None, resume: bool = False, on_start=None, *, id_col=None, series=None,
            past_covariates=None, future_covariates=None, static_covariates=None) -> "Forecaster":
        """Train on ``data``: a table (see ``rnncast.data``: DataFrame, array, Arrow table, CSV/Parquet
        path) read by ``panel.load_panel``, or a ``Panel`` it returned (read once, used as it is).

        ``split``: row borders ``(train_end, val_end, end)`` instead of ``val_frac``/``test_frac``
        (one series only). ``on_epoch``: called with each epoch's record (the command line draws
        its progress bar). ``checkpoint``: a file that receives the whole training state after
        every epoch; ``resume=True`` continues from it, ending with the weights of an
        uninterrupted run. ``on_start``: called once the data and settings are checked.

        Many series: long format (``id_col``, default ``unique_id`` when that column exists) or
        wide format (``series``: column names or ``"all"``). Covariates by role:
        ``past_covariates`` (known up to the forecast time), ``future_covariates`` (known over the
        horizon too; ``features`` with ``future_known=True`` are the same), ``static_covariates``
        (column names constant within each series, or a frame with the id column). Each series is
        split by the same fractions and scaled on its own training rows; a series too short to
        train is left out with a warning and listed in ``skipped_series_``.

        Started by ``torchrun`` among several processes, the ranks train one model together
        (DistributedDataParallel; ``batch_size`` is the global batch) and end with the same weights;
        only rank 0 writes ``checkpoint``.
        """
        settings = Settings.from_flat(self.get_params())
        reading = dict(target=target, features=features, time_col=time_col, id_col=id_col, series=series,
                       past_covariates=past_covariates, future_covariates=future_covariates,
                       static_covariates=static_covariates)
        if isinstance(data, Panel):
            given = [k for k, v in reading.items() if v is not None]
            if given:
                raise RnncastError(f"{', '.join(given)} cannot apply to a Panel: it holds its columns and roles "
                                   "already; give them to load_panel, or pass the table itself")
            panel = data
        else:
            panel = load_panel(data, **reading, **settings.data.reading())
        self._check_roles(panel, settings)
        splits = self._splits(panel, split, settings.data)
        data_s = settings.data
        needed = rows_needed(data_s.lookback, data_s.horizon, data_s.val_frac, data_s.test_frac)
        skipped = report_short(panel, splits, needed, f"lookback {data_s.lookback} + horizon {data_s.horizon} in the "
                               f"training rows and a horizon in the validation ({data_s.val_frac:.0%}) and test "
                               f"({data_s.test_frac:.0%}) rows")
        if skipped:
            kept = [s for s, split in enumerate(splits) if split is not None]
            panel, splits = panel.subset(kept), [splits[s] for s in kept]
        self._fit_panel(panel, splits, settings, panel.layout, on_epoch=on_epoch, checkpoint=checkpoint,
                        resume=resume, on_start=on_start)
        self.skipped_series_ = skipped
        return self

    @staticmethod
    def _check_roles(panel: Panel, settings: Settings) -> None:
        data_s, model_s, train_s = settings.data, settings.model, settings.train
        if data_s.future_known and not panel.future:
            raise RnncastError("future_known=True needs feature columns (features=...) whose future values are known")
        if model_s.channel_independent and (panel.features or panel.static is not None):
            raise RnncastError(
                f"channel_independent=True treats every input column as a target series; drop the features "
                f"{panel.features} (and static covariates) or make them targets"
            )
        if model_s.segment and panel.static is not None:
            raise RnncastError("segment > 0 (SegmentNet) does not take static covariates yet; use segment 0")
        if model_s.decoder == "parallel" and panel.future:
            raise RnncastError(f"decoder 'parallel' does not take future-known covariates {panel.future}; use decoder 'direct'")
        if train_s.scheme == "sequence" and (panel.n_series > 1 or panel.future or panel.static is not None):
            raise RnncastError("scheme 'sequence' trains one series without future-known or static covariates; "
                               "use scheme 'window' for many series and covariates")

    def _splits(self, panel: Panel, split, data_s: DataSettings) -> list[Split | None]:
        """Each series' chronological split by the same fractions; None for a series too short for one."""
        if split is not None:
            if panel.n_series > 1:
                raise RnncastError("split= gives the row borders of one series; many series are split by val_frac/test_frac")
            return [self._make_split(split, len(panel.values), data_s)]
        cut = lambda n: chronological_split(int(n), data_s.lookback, data_s.horizon, data_s.val_frac, data_s.test_frac)  # noqa: E731
        if panel.id_col is None:
            return [cut(len(panel.values))]  # one series: its too-short message is the error
        splits = []
        for n in panel.lengths:
            try:
                splits.append(cut(n))
            except RnncastError:
                splits.append(None)
        return splits

    @staticmethod
    def _make_split(split, n_rows: int, data_s: DataSettings) -> Split:
        split = split if isinstance(split, Split) else Split(*split)
        if not (data_s.lookback + data_s.horizon <= split.train_end <= split.val_end <= split.end <= n_rows):
            raise RnncastError(
                f"split {split} does not fit {n_rows} rows; need lookback + horizon <= train_end <= val_end <= end <= rows"
            )
        return split

    def _fit_panel(self, panel: Panel, splits: list[Split], settings: Settings, layout: str,
                   on_epoch=None, checkpoint=None, resume: bool = False, on_start=None) -> "Forecaster":
        """Train on every series of ``panel``, each cut by its own split (the backtest calls this too)."""
        data_s, model_s, train_s = settings.data, settings.model, settings.train
        scalers = [_fit_scaler(panel, s, split.train_end, data_s.scaler) for s, split in enumerate(splits)]
        offset, scale = scaling.stack(scalers)  # [S, C]
        encoder = StaticEncoder.fit(panel.static) if panel.static is not None else None
        static_inputs, static_codes = (encoder.transform(panel.static, panel.ids) if encoder is not None
                                       else (np.zeros((panel.n_series, 0), np.float32), np.zeros((panel.n_series, 0), np.int64)))
        device = resolve_device(train_s.device)
        group = distributed.setup(device)  # None unless torchrun started this process among others
        device = group.device if group else device  # under torchrun with CUDA: this rank's GPU
        torch.manual_seed(train_s.seed)  # every rank builds the same initial weights
        spec = NetSpec(
            cell=model_s.cell, n_inputs=len(panel.columns), n_targets=panel.n_targets, horizon=data_s.horizon,
            hidden_size=model_s.hidden_size, num_layers=model_s.num_layers, dropout=model_s.dropout,
            window_norm=model_s.window_norm, n_future=len(panel.future),
            channel_independent=model_s.channel_independent, scheme=train_s.scheme,
            segment=model_s.segment, decoder=model_s.decoder, highway=model_s.highway,
            lookback=data_s.lookback,
            n_static=static_inputs.shape[1], static_cardinalities=encoder.cardinalities if encoder else (),
            quantiles=model_s.quantiles,
        )
        net = build_net(spec).to(device)
        if group is not None:
            torch.manual_seed(train_s.seed + group.rank)  # dropout masks differ from rank to rank
        values = torch.from_numpy(scaling.transform_rows(panel.values, panel.lengths, offset, scale)).to(device)  # [N, C]
        statics = _static_tensors(static_inputs, static_codes, device)
        if train_s.scheme == "sequence":
            train = SequenceBatches(values, splits[0].train_end, data_s.lookback, data_s.horizon, panel.n_targets,
                                    train_s.chunk, train_s.batch_size)
        else:
            train = _batches(values, *panel_window_starts(splits, panel.offsets, "train", data_s.lookback, data_s.horizon),
                             panel, data_s, statics, train_s.batch_size)
        val_starts, val_series = panel_window_starts(splits, panel.offsets, "val", data_s.lookback, data_s.horizon)
        val = _batches(values, val_starts, val_series, panel, data_s, statics, train_s.batch_size) if len(val_starts) else None

        if resume and not checkpoint:
            raise RnncastError("resume=True needs checkpoint= (the file written by an earlier fit)")
        writes = group is None or group.main
        save_state = (lambda *state: checkpoint_io.save_training_state(checkpoint, *state)) if checkpoint and writes else None
        load_state = (lambda *objs: checkpoint_io.load_training_state(checkpoint, *objs)) if resume else None
        if on_start is not None:
            on_start()
        # the learned state exists from the first epoch on, so on_epoch callbacks may evaluate the model
        self.settings_, self.net_, self.device_ = settings, net, device
        self.layout_, self.ids_, self.id_col_ = layout, list(panel.ids), panel.id_col
        self.targets_, self.features_ = panel.targets, panel.features
        self.past_covariates_, self.future_covariates_ = panel.past, panel.future
        self.time_col_, self.calendar_ = panel.time_col, panel.calendar
        self.world_size_ = group.world if group else 1
        self.scalers_, self.splits_, self.skipped_series_ = scalers, splits, []
        self.static_encoder_, self.static_inputs_, self.static_codes_ = encoder, static_inputs, static_codes
        self.train_means_ = np.stack([panel.rows(s)[: sp.train_end, : panel.n_targets].mean(axis=0)
                                      for s, sp in enumerate(splits)])  # [S, T]
        self.mase_scales_ = np.array([[metrics.naive_scale(panel.rows(s)[: sp.train_end, t], data_s.season)
                                       for t in range(panel.n_targets)] for s, sp in enumerate(splits)])  # [S, T]
        single = layout == "single"
        self.scaler_ = scalers[0] if single else None  # a single series' own faces
        self.split_ = splits[0] if single else None
        self.train_mean_ = self.train_means_[0] if single else None
        started = time.perf_counter()
        try:
            self.history_ = fit_network(net, train, val, train_s, on_epoch=on_epoch, checkpoint=save_state,
                                        resume=load_state, group=group)
        except BaseException:
            for name in [k for k in vars(self) if k.endswith("_")]:
                delattr(self, name)  # a failed fit leaves the estimator unfitted
            raise
        self.train_seconds_ = time.perf_counter() - started
        self.net_ = net.eval()
        return self

    # ---- using a fitted model ---------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "net_"):
            raise RnncastError("this Forecaster is not fitted yet; call fit(data, target=...) first, or Forecaster.load(path)")

    def _read(self, data, static_covariates=None) -> Panel:
        """Read new data with the columns, layout and calendar the model was trained on (a ``Panel``
        is checked and used as it is). Static covariates come from ``static_covariates`` (a table)
        or from the model's static columns when the data holds them."""
        if isinstance(data, Panel):
            if data.columns != self.targets_ + self.features_:
                raise RnncastError(f"the panel holds columns {data.columns}; the model was trained on "
                                   f"{self.targets_ + self.features_}")
            return data
        reading = {**self.settings_.data.reading(), "freq": self.calendar_.freq_text, "announce": False,
                   "past_covariates": self.past_covariates_ or None, "future_covariates": self.future_covariates_ or None}
        try:
            if self.layout_ == "single":
                if static_covariates is not None:
                    raise RnncastError("static_covariates= cannot apply: the model forecasts one series")
                return load_panel(data, self.targets_, None, self.time_col_, **reading)
            id_col = self.id_col_ or ID_COLUMN
            frame = (read_table(data, text_columns=[id_col]) if isinstance(data, (str, Path))
                     else as_frame(data, keep_index=[id_col]))
            static = static_covariates if static_covariates is not None else self._static_columns(frame)
            if self.layout_ == "wide" and id_col not in frame.columns:
                present = [i for i in self.ids_ if i in frame.columns]
                return load_panel(frame, None, None, self.time_col_, series=present or self.ids_,
                                  static_covariates=static, **reading)
            return load_panel(frame, self.targets_, None, self.time_col_, id_col=id_col, static_covariates=static,
                              **reading)
        except RnncastError as err:
            if "not found" in str(err):
                raise RnncastError(
                    f"{err}. The model was trained on target {self.targets_} and features {self.features_}"
                ) from None
            raise

    def _static_columns(self, frame: pd.DataFrame) -> list | None:
        """The model's static covariate columns when the long table holds them (None: it holds none)."""
        if self.static_encoder_ is None:
            return None
        wanted = self.static_encoder_.numeric_names + self.static_encoder_.categorical_names
        present = [c for c in wanted if c in frame.columns]
        if present and len(present) < len(wanted):
            raise RnncastError(f"the data holds static covariate(s) {present} but not {sorted(set(wanted) - set(present))}; "
                               "give all of them, or none to use the values seen at fit")
        return present or None

    def _known(self, panel: Panel) -> tuple[Panel, np.ndarray]:
        """For scoring: the panel without the series that fit left out as too short (with a warning),
        and the position in ``ids_`` of each remaining series."""
        short = {d["id"] for d in self.skipped_series_}
        left_out = [s for s, i in enumerate(panel.ids) if i in short]
        if left_out and self.layout_ != "single":
            log.warning("series %s were too short to train and are not scored", [panel.ids[s] for s in left_out][:10])
            panel = panel.subset([s for s in range(panel.n_series) if s not in set(left_out)])
        return panel, self._series_index(panel)

    def _series_index(self, panel: Panel) -> np.ndarray:
        """Position in ``ids_`` of every series of ``panel``; series the model has no scaler for are an error."""
        if self.layout_ == "single":
            return np.zeros(1, dtype=np.int64)
        lookup = {i: k for k, i in enumerate(self.ids_)}
        unknown = [i for i in panel.ids if i not in lookup]
        if not panel.n_series:
            raise RnncastError("no series of the data was trained; every one was too short at fit")
        if unknown:
            short = {d["id"]: d for d in self.skipped_series_}
            if any(i in short for i in unknown):
                listed = ", ".join(f"{i!r} ({short[i]['rows']} rows)" for i in unknown if i in short)
                raise RnncastError(f"series {listed} were too short to train (needed {self.skipped_series_[0]['needed']} "
                                   "rows), so the model has no scaler for them; leave them out")
            raise RnncastError(
                f"series {unknown[:5]} ({len(unknown)} in all) were not in the data the model was fitted on, so it has no "
                f"scaler for them; it knows {len(self.ids_)} series, e.g. {self.ids_[:5]}"
            )
        return np.array([lookup[i] for i in panel.ids], dtype=np.int64)

    def _scaled(self, panel: Panel, index: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The panel's rows scaled by their own series' scalers, and those scalers' offset and scale [S, C]."""
        offset, scale = scaling.stack([self.scalers_[k] for k in index])
        return scaling.transform_rows(panel.values, panel.lengths, offset, scale), offset, scale

    def predict(self, data, future=None, static_covariates=None) -> pd.DataFrame:
        """Forecast the ``horizon`` steps after the end of ``data`` (of every series in it), in
        original units.

        ``future``: the future covariates over those steps, matched by series id and date
        (``future.align_future``): a table with the covariate columns, the time column and (many
        series) the id column, in any row order; or, for one series, an array [horizon, covariates]
        taken in order. ``static_covariates``: a table of per-series attributes (the id column and
        one column each) to use instead of those seen at fit; static columns in a long ``data`` are
        read too. Neither given: the values seen at fit.
        One series: a frame indexed by the next dates of the calendar (or row numbers), one column
        per target (and ``<target>_q<level>`` per quantile). Many series: long format, one row per
        series and step, columns id, time, ``<target>_hat`` (and the quantile columns).
        Raises ``RnncastError`` for data too short for the lookback, unknown series, unseen static
        categories, missing future values, and timestamps no calendar explains (dates are never invented).
        """
        self._check_fitted()
        panel = self._read(data, static_covariates)
        index = self._series_index(panel)
        lookback = self.settings_.data.lookback
        short = np.flatnonzero(panel.lengths < lookback)
        if len(short):
            if self.layout_ == "single":
                raise RnncastError(f"predict needs at least lookback = {lookback} rows, got {len(panel.values)}")
            listed = ", ".join(f"{panel.ids[s]!r} ({panel.lengths[s]} rows)" for s in short[:10])
            raise RnncastError(f"predict needs at least lookback = {lookback} rows of each series; too short: {listed}")
        when = [self._next_times(panel, s) for s in range(panel.n_series)]  # [S] x [H]
        scaled, offset, scale = self._scaled(panel, index)
        rows = (panel.offsets[1:] - lookback)[:, None] + np.arange(lookback)  # [S, L] the last lookback rows
        x = torch.from_numpy(scaled[rows]).to(self.device_)  # [S, L, C]
        fut = self._future(panel, future, when, offset, scale)
        static, categories = _static_tensors(*self._statics(panel, index), self.device_)
        with torch.inference_mode(), _few_threads(len(index)):
            y = self.net_(x, fut, static, categories).float().cpu().numpy()  # [S, H, T] or [S, H, T, Q]
        y = scaling.inverse_windows(y, np.arange(len(index)), offset, scale)
        point, quantiles = self._point(y)  # [S, H, T], [S, H, T, Q] or None
        if self.layout_ == "single":
            frame = pd.DataFrame(point[0], columns=self.targets_, index=when[0])
            for j, q in enumerate(self.settings_.model.quantiles):
                for t, name in enumerate(self.targets_):
                    frame[f"{name}_q{q:g}"] = quantiles[0, :, t, j]
            return frame
        return self._long_frame(panel, when, point, quantiles)

    def _next_times(self, panel: Panel, s: int) -> pd.Index:
        """The forecast's time steps after series ``s`` ends, on the calendar of the fit."""
        horizon = self.settings_.data.horizon
        if self.calendar_.kind == "row" or panel.time is None:
            return pd.RangeIndex(panel.lengths[s], panel.lengths[s] + horizon, name="row")
        return self.calendar_.next(panel.time[panel.offsets[s + 1] - 1], horizon)

    def _statics(self, panel: Panel, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Static inputs [S, Kn] and codes [S, Kc]: the panel's own attributes, encoded as at fit (an
        unseen category is refused by name), or those seen at fit."""
        if panel.static is not None and self.static_encoder_ is not None:
            return self.static_encoder_.transform(panel.static, panel.ids)
        return self.static_inputs_[index], self.static_codes_[index]

    def _point(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """The point forecast (the median of sorted quantiles) and the quantiles, or the forecast and None."""
        levels = self.settings_.model.quantiles
        if not levels:
            return y, None
        y = np.sort(y, axis=-1)  # quantile forecasts never cross
        return y[..., levels.index(0.5)], y

    def _long_frame(self, panel: Panel, when: list, point: np.ndarray, quantiles: np.ndarray | None) -> pd.DataFrame:
        horizon = point.shape[1]
        id_name, time_name = self.id_col_ or ID_COLUMN, self.time_col_ or "ds"
        stamps = when[0].append(when[1:]) if len(when) > 1 else when[0]
        columns = {id_name: np.repeat(np.array(panel.ids, dtype=object), horizon), time_name: stamps}
        for t, name in enumerate(self.targets_):
            columns[f"{name}_hat"] = point[:, :, t].reshape(-1)
            for j, q in enumerate(self.settings_.model.quantiles):
                columns[f"{name}_q{q:g}"] = quantiles[:, :, t, j].reshape(-1)
        return pd.DataFrame(columns)

    def predict_array(self, inputs: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Forecasts for a batch of input windows [N, lookback, columns] in original units -> [N, H, targets].

        Columns in training order (targets, then features); for many windows of the one series a
        model was trained on. Models trained with future-known or static covariates, or on many
        series (each with its own scaler), need ``predict`` instead.
        """
        self._check_fitted()
        if self.future_covariates_:
            raise RnncastError("predict_array does not take future feature values; use predict(data, future=...)")
        if len(self.ids_) > 1 or self.static_encoder_ is not None:
            raise RnncastError("predict_array takes windows of one series; a model of many series predicts with predict(data)")
        inputs = np.asarray(inputs, dtype=np.float64)  # float64 until scaled
        expected = (self.settings_.data.lookback, len(self.targets_) + len(self.features_))
        if inputs.ndim != 3 or inputs.shape[1:] != expected:
            raise RnncastError(f"inputs must have shape [N, {expected[0]}, {expected[1]}], got {inputs.shape}")
        outputs = []
        scaler = self.scalers_[0]
        with torch.inference_mode(), _few_threads(len(inputs)):
            for i in range(0, len(inputs), batch_size):
                x = torch.from_numpy(scaler.transform(inputs[i : i + batch_size])).to(self.device_)  # [B, L, C]
                outputs.append(self._point(self.net_(x).float().cpu().numpy())[0])  # [B, H, T]
        y = np.concatenate(outputs) if outputs else np.zeros((0, self.settings_.data.horizon, len(self.targets_)), np.float32)
        return scaler.inverse(y, slice(0, len(self.targets_)))

    def _future(self, panel: Panel, future, when: list, offset: np.ndarray, scale: np.ndarray) -> torch.Tensor | None:
        """The future covariates over the horizon of every series, scaled: [S, H, F]."""
        if not self.future_covariates_:
            if future is not None:
                raise RnncastError("future= was given but the model was trained without future covariates "
                                   "(future_covariates=, or features with future_known=True)")
            return None
        horizon, names = self.settings_.data.horizon, self.future_covariates_
        if future is None:
            raise RnncastError(
                f"this model needs the future values of features {names} over the {horizon} forecast "
                "steps: pass future= (--future FILE; a frame with those columns, one row per step"
                + ("" if self.layout_ == "single" else f", and the columns {self.id_col_ or ID_COLUMN!r} and "
                   f"{self.time_col_ or 'ds'!r} saying which series and step") + ")"
            )
        values = align_future(future, panel.ids, when, names, id_col=None if self.layout_ == "single" else
                              (self.id_col_ or ID_COLUMN), time_col=self.time_col_, tz=self.settings_.data.tz)
        first = len(self.targets_) + len(self.past_covariates_)
        scaled = ((values - offset[:, None, first:]) / scale[:, None, first:]).astype(np.float32)
        return torch.from_numpy(scaled).to(self.device_)  # [S, H, F]

    # ---- forecasts of many windows ------------------------------------------------------------

    def predict_windows(self, data, part: str = "all", scaled: bool = False, series=None,
                        static_covariates=None) -> WindowForecasts:
        """Forecasts of every stride-1 window of ``data`` (or of one part of the fit's split).

        ``part``: "all" for every window of ``data``; "train", "val" or "test" when ``data`` is the
        data given to ``fit``. ``scaled``: values in the scaler's units instead of the original ones.
        ``series``: the id of one series of a panel (default: every series). ``static_covariates``:
        as for ``predict``.
        """
        self._check_fitted()
        panel = self._read(data, static_covariates)
        if series is not None:
            if series not in panel.ids:
                raise RnncastError(f"series {series!r} is not in the data; it holds {panel.ids[:5]}")
            panel = panel.subset([panel.ids.index(series)])
        panel, index = self._known(panel)
        original, in_scaler_units = self._forecast_windows(panel, index, *self._starts(panel, index, part))
        return in_scaler_units if scaled else original

    def _forecast_windows(self, panel: Panel, index: np.ndarray, starts: np.ndarray,
                          series: np.ndarray) -> tuple[WindowForecasts, WindowForecasts]:
        """Forecasts of the windows at rows ``starts`` [W] (of the stacked panel) of series ``series`` [W],
        in original and in scaled units; the network runs once, over all windows in batches."""
        data_s, n_t = self.settings_.data, len(self.targets_)
        lookback, horizon, season = data_s.lookback, data_s.horizon, data_s.season
        scaled_values, offset, scale = self._scaled(panel, index)
        statics = _static_tensors(*self._statics(panel, index), self.device_)
        batches = _batches(torch.from_numpy(scaled_values).to(self.device_), starts, series, panel, data_s, statics, None)
        pred_scaled = predict_batches(self.net_, batches)  # [W, H, T] or [W, H, T, Q]
        if not len(starts):
            pred_scaled = np.zeros((0, horizon, n_t) + ((len(self.settings_.model.quantiles),) if self.settings_.model.quantiles else ()), np.float32)
        target_rows = starts + lookback  # [W] first target row, in the stacked array
        rows = target_rows[:, None] + np.arange(horizon)  # [W, H]
        recent = target_rows[:, None] - season + np.arange(season)  # [W, season] the last season of inputs
        local = lambda r: r - panel.offsets[series]  # noqa: E731  rows inside each window's series
        pred_original = scaling.inverse_windows(pred_scaled, series, offset, scale)
        means = self.train_means_[index]  # [S, T]
        scaled_means = ((means - offset[:, :n_t]) / scale[:, :n_t]).astype(np.float32)

        def forecasts(values: np.ndarray, y_all: np.ndarray, mean: np.ndarray) -> WindowForecasts:
            last_inputs = values[recent][..., :n_t]  # [W, season, T]
            base = {"repeat": baselines.repeat_last(last_inputs, horizon, n_t),
                    "mean": np.ascontiguousarray(np.broadcast_to(mean[series][:, None, :], (len(series), horizon, n_t)))}
            if season > 1:
                base["seasonal"] = baselines.seasonal_naive(last_inputs, horizon, n_t, season)
            point, quantiles = self._point(y_all)
            return WindowForecasts(local(starts), local(target_rows), values[rows, :n_t], point, base,
                                   panel.time_of(0) if panel.n_series == 1 else None, series, list(panel.ids),
                                   panel.times, quantiles, self.settings_.model.quantiles)

        return (forecasts(panel.values, pred_original, means), forecasts(scaled_values, pred_scaled, scaled_means))

    def _starts(self, panel: Panel, index: np.ndarray, part: str) -> tuple[np.ndarray, np.ndarray]:
        """Windows of ``part`` in every series: stacked-array start rows [W] and series [W]."""
        lookback, horizon = self.settings_.data.lookback, self.settings_.data.horizon
        if part == "all":
            short = np.flatnonzero(panel.lengths < lookback + horizon)
            if len(short) == panel.n_series:
                rows = len(panel.values) if panel.n_series == 1 else f"{panel.lengths.max()} rows in its longest series"
                raise RnncastError(
                    f"data has {rows}; evaluating needs at least lookback {lookback} + horizon {horizon}"
                )
            if len(short):
                log.warning("%d series too short for one window (lookback %d + horizon %d) are left out: %s", len(short),
                            lookback, horizon, ", ".join(repr(panel.ids[s]) for s in short[:10]))
            return every_window_start(panel.lengths, panel.offsets, lookback, horizon)
        if part not in ("train", "val", "test"):
            raise RnncastError(f"unknown part {part!r}; choose one of: all, train, val, test")
        splits = [self.splits_[k] for k in index]
        for s, split in enumerate(splits):
            if panel.lengths[s] < split.end:
                whose = "" if self.layout_ == "single" else f" of {panel.label(s)}"
                raise RnncastError(
                    f"part={part!r} needs the data given to fit ({split.end} rows or more{whose}), got {panel.lengths[s]} rows"
                )
        return panel_window_starts(splits, panel.offsets, part, lookback, horizon)

    def evaluate(self, data, part: str = "all", by_series: bool = False, static_covariates=None) -> dict:
        """Metrics of the model and of the baselines, in original and scaled units, and whether the
        model's lower error is beyond chance (Diebold–Mariano p-value against each baseline).

        MASE divides each absolute error by its series' in-sample (seasonal-)naive MAE on the
        training rows. Quantile models add the pinball loss and the coverage of each central
        interval (``coverage_80`` for the 0.1 and 0.9 levels). ``by_series``: also the original-unit
        metrics of every series (``result["series"][id]``).
        """
        self._check_fitted()
        panel, index = self._known(self._read(data, static_covariates))
        original, scaled = self._forecast_windows(panel, index, *self._starts(panel, index, part))
        horizon = self.settings_.data.horizon
        result = {"windows": len(original.starts), "horizon": horizon}
        mase_scales = self.mase_scales_[index]  # [S, T]
        for units, wf in (("original", original), ("scaled", scaled)):
            result[units] = scores(wf, mase_scales[wf.series])
        result["significance"] = {
            name: metrics.diebold_mariano(scaled.y_pred - scaled.y_true, p - scaled.y_true, horizon)
            for name, p in scaled.baselines.items()
        }
        if by_series:
            result["series"] = {}
            for s in range(panel.n_series):
                keep = original.series == s
                if keep.any():
                    result["series"][panel.ids[s]] = {"windows": int(keep.sum()),
                                                      **scores(take(original, keep), mase_scales[original.series[keep]])}
        return result

    # ---- backtesting ------------------------------------------------------------------------

    def backtest(self, data, n_windows: int = 3, step: int | None = None, refit: bool = False, target=None,
                 features=None, time_col=None, *, id_col=None, series=None, past_covariates=None,
                 future_covariates=None, static_covariates=None, on_epoch=None):
        """Rolling-origin forecasts of the last ``n_windows`` origins of every series, ``step`` rows
        apart (default: the horizon), with metrics per window and overall beside the baselines.

        Models with this Forecaster's settings are trained, never ``self``: without ``refit`` one
        model learns from the rows before each series' first origin and forecasts every window
        in one batched pass; with ``refit`` a fresh model (and scaler) is trained on the rows
        before each origin. Returns a ``backtest.Backtest``.
        """
        from rnncast import backtest as backtesting

        return backtesting.run(self, data, n_windows, step, refit, dict(
            target=target, features=features, time_col=time_col, id_col=id_col, series=series,
            past_covariates=past_covariates, future_covariates=future_covariates, static_covariates=static_covariates),
            on_epoch=on_epoch)

    # ---- files ------------------------------------------------------------------------------

    def save(self, folder) -> None:
        """Write the model folder: weights as safetensors, everything else as JSON."""
        self._check_fitted()
        meta = {
            "params": self.get_params(),
            "layout": self.layout_,
            "ids": self.ids_,
            "id_col": self.id_col_,
            "targets": self.targets_,
            "features": self.features_,
            "past_covariates": self.past_covariates_,
            "future_covariates": self.future_covariates_,
            "time_col": self.time_col_,
            "calendar": self.calendar_.state(),
            "scalers": [s.state() for s in self.scalers_],
            "splits": [[s.train_end, s.val_end, s.end] for s in self.splits_],
            "train_means": self.train_means_.tolist(),
            "mase_scales": self.mase_scales_.tolist(),
            "static": None if self.static_encoder_ is None else {
                "encoder": self.static_encoder_.state(), "inputs": self.static_inputs_.tolist(),
                "codes": self.static_codes_.tolist()},
            "skipped_series": self.skipped_series_,
            "train_seconds": self.train_seconds_,
        }
        if self.layout_ == "single":  # the keys of a single-series model before many series arrived
            meta.update(scaler=self.scaler_.state(), split=meta["splits"][0], train_mean=self.train_mean_.tolist())
        checkpoint_io.save_model(folder, self.net_, meta)

    @classmethod
    def load(cls, folder, device: str = "cpu") -> "Forecaster":
        """Read a model folder (or a run directory holding ``model/``) written by ``save``."""
        net, meta = checkpoint_io.load_model(folder)
        try:
            params = with_saved_defaults(meta["params"])  # a model saved before the highway had none
            forecaster = cls(**params)
            forecaster.settings_ = Settings.from_flat(params)
            forecaster.layout_ = meta.get("layout", "single")
            single = forecaster.layout_ == "single"
            forecaster.ids_ = [None if i is None else str(i) for i in meta.get("ids", [None])]  # ids are text
            forecaster.id_col_ = meta.get("id_col")
            forecaster.targets_, forecaster.features_ = list(meta["targets"]), list(meta["features"])
            n_future = net.spec.n_future
            forecaster.past_covariates_ = list(meta.get("past_covariates", forecaster.features_[: len(forecaster.features_) - n_future]))
            forecaster.future_covariates_ = list(meta.get("future_covariates", forecaster.features_[len(forecaster.features_) - n_future :]))
            forecaster.time_col_ = meta["time_col"]
            forecaster.calendar_ = (Calendar.from_state(meta["calendar"]) if "calendar" in meta
                                    else _calendar_before(meta.get("step"), forecaster.time_col_))
            forecaster.scalers_ = [Scaler.from_state(s) for s in meta.get("scalers", [meta.get("scaler")])]
            forecaster.splits_ = [Split(*s) for s in meta.get("splits", [meta.get("split")])]
            forecaster.train_means_ = np.asarray(meta.get("train_means", [meta.get("train_mean")]), dtype=np.float64)
            n_t = len(forecaster.targets_)
            forecaster.mase_scales_ = np.asarray(meta.get("mase_scales", [[np.nan] * n_t]), dtype=np.float64)
            static = meta.get("static")
            forecaster.static_encoder_ = StaticEncoder.from_state(static["encoder"]) if static else None
            n_series = len(forecaster.ids_)
            forecaster.static_inputs_ = (np.asarray(static["inputs"], dtype=np.float32).reshape(n_series, -1) if static
                                         else np.zeros((n_series, 0), np.float32))
            forecaster.static_codes_ = (np.asarray(static["codes"], dtype=np.int64).reshape(n_series, -1) if static
                                        else np.zeros((n_series, 0), np.int64))
            forecaster.skipped_series_ = list(meta.get("skipped_series", []))
            forecaster.scaler_ = forecaster.scalers_[0] if single else None
            forecaster.split_ = forecaster.splits_[0] if single else None
            forecaster.train_mean_ = forecaster.train_means_[0] if single else None
            forecaster.train_seconds_ = meta.get("train_seconds")
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise RnncastError(f"the model description in {folder} is incomplete or hand-edited ({err!r})") from None
        defaults = cls().get_params()  # a folder written before a setting existed holds its default
        for name in ("cell", "horizon", "hidden_size", "num_layers", "window_norm", "channel_independent",
                     "segment", "decoder", "quantiles", "highway"):
            value = params.get(name, defaults[name])
            value = parse_quantiles(value) if name == "quantiles" else value
            if value != getattr(net.spec, name):
                raise RnncastError(
                    f"the model description in {folder} is hand-edited: setting {name} is {meta['params'].get(name)!r} "
                    f"but the network was built with {getattr(net.spec, name)!r}"
                )
        n_cols = len(forecaster.targets_) + len(forecaster.features_)
        if (net.spec.n_inputs != n_cols or any(len(s.offset) != n_cols for s in forecaster.scalers_)
                or len(forecaster.scalers_) != len(forecaster.ids_) or len(forecaster.splits_) != len(forecaster.ids_)):
            raise RnncastError(f"the model description in {folder} does not match its network ({n_cols} columns named)")
        forecaster.device_ = resolve_device(device)
        forecaster.net_ = net.to(forecaster.device_).eval()
        forecaster.history_ = []
        return forecaster


# ---- helpers ------------------------------------------------------------------------------------

def report_short(panel: Panel, splits: list, needed: int | None, why: str) -> list[dict]:
    """Series without a split are too short to train: an error when every one is, else a warning
    that names them; returns them as ``{"id", "rows", "needed"}`` for ``skipped_series_``."""
    short = [s for s, split in enumerate(splits) if split is None]
    if not short:
        return []
    listed = ", ".join(f"{panel.ids[s]!r} ({panel.lengths[s]} rows)" for s in short[:10])
    more = f" and {len(short) - 10} more" if len(short) > 10 else ""
    need = (f"at least {needed} rows" if needed else "more rows") + f" ({why})"
    if len(short) == panel.n_series:
        raise RnncastError(f"every series is too short to train: {listed}{more}; each needs {need}")
    log.warning("%d of %d series are too short to train and are left out: %s%s; each needs %s",
                len(short), panel.n_series, listed, more, need)
    return [{"id": panel.ids[s], "rows": int(panel.lengths[s]), "needed": needed} for s in short]


def _fit_scaler(panel: Panel, s: int, train_end: int, kind: str) -> Scaler:
    """Series ``s``'s scaler from its own training rows. One series refuses a constant column;
    in a panel such a column of one series (a price that never changed) is centred only."""
    rows = panel.rows(s)[:train_end]
    if panel.id_col is None:
        return Scaler.fit(kind, rows, panel.columns)
    scaler = Scaler.fit(kind, rows, panel.columns, constant="center")
    flat = [c for j, c in enumerate(panel.columns) if kind != "none" and np.ptp(rows[:, j]) == 0]
    if flat:
        log.info("%s: column(s) %s are constant on the training rows and are only centred", panel.label(s), flat)
    return scaler


def _static_tensors(inputs: np.ndarray, codes: np.ndarray, device) -> tuple:
    static = torch.from_numpy(np.ascontiguousarray(inputs, dtype=np.float32)).to(device) if inputs.shape[1] else None
    categories = torch.from_numpy(np.ascontiguousarray(codes, dtype=np.int64)).to(device) if codes.shape[1] else None
    return static, categories


def _batches(values, starts, series, panel: Panel, data_s: DataSettings, statics: tuple, batch_size) -> WindowBatches:
    return WindowBatches(values, starts, data_s.lookback, data_s.horizon, panel.n_targets, bool(panel.future),
                         batch_size, n_past=panel.n_past, series=series, static=statics[0], categories=statics[1])


def scores(wf: WindowForecasts, mase_scales: np.ndarray) -> dict:
    """Metrics of the model and of each baseline on the windows of ``wf``; ``mase_scales`` [W, T] is
    the in-sample naive MAE of each window's series, MASE's denominator."""
    scales = mase_scales[:, None, :]  # [W, 1, T]

    def one(y_pred):
        scores = metrics.score(wf.y_true, y_pred)
        with np.errstate(divide="ignore", invalid="ignore"):
            scores["mase"] = float(np.mean(np.abs(y_pred.astype(np.float64) - wf.y_true) / scales)) if len(wf.y_true) else float("nan")
        return scores

    result = {"model": one(wf.y_pred)}
    if wf.quantiles is not None:
        result["model"].update(metrics.quantile_scores(wf.y_true, wf.quantiles, wf.levels))
    result.update({name: one(p) for name, p in wf.baselines.items()})
    return result


def take(wf: WindowForecasts, keep: np.ndarray) -> WindowForecasts:
    """The windows ``keep`` (a mask or positions) of ``wf``."""
    return WindowForecasts(wf.starts[keep], wf.target_rows[keep], wf.y_true[keep], wf.y_pred[keep],
                           {k: v[keep] for k, v in wf.baselines.items()}, wf.time, wf.series[keep], wf.ids, wf.times,
                           wf.quantiles[keep] if wf.quantiles is not None else None, wf.levels)


def _calendar_before(step, time_col) -> Calendar:
    """The calendar of a model saved before calendars: its step was a fixed time step, an integer or None."""
    if time_col is None:
        return Calendar()
    if step is None:
        return Calendar("datetime", None, None, time_col)
    if isinstance(step, int):
        return Calendar("integer", step, None, time_col)
    return Calendar("datetime", pd.tseries.frequencies.to_offset(pd.Timedelta(step)), None, time_col)

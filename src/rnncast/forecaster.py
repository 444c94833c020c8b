"""``Forecaster``: the estimator a user holds. Glue between data, scaler, network, loop and files.

It follows scikit-learn's contract: every constructor argument is a keyword stored as given;
settings are validated in ``fit``; ``fit`` returns ``self``; learned state ends in ``_``. The
network (``net_``) is built in ``fit``, once the data's shape is known.
"""

from __future__ import annotations

import inspect
import time
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from rnncast import baselines, metrics
from rnncast import checkpoint as checkpoint_io
from rnncast.config import DataSettings, ModelSettings, Settings, TrainSettings
from rnncast.data import Series, to_series
from rnncast.errors import RnncastError
from rnncast.models import NetSpec, build_net
from rnncast.scaling import Scaler
from rnncast.training import SequenceBatches, WindowBatches, fit_network, predict_batches, resolve_device
from rnncast.windows import Split, chronological_split, window_starts

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
    """Forecasts for a run of stride-1 windows; arrays are [windows, horizon, targets]."""

    starts: np.ndarray  # row where each window's inputs begin
    target_rows: np.ndarray  # row of each window's first target
    y_true: np.ndarray
    y_pred: np.ndarray
    baselines: dict  # name -> [W, H, T]
    time: pd.DatetimeIndex | None  # timestamps of the series, when it has them


class Forecaster:
    """Train an RNN, LSTM or GRU to forecast ``horizon`` steps of the target from ``lookback`` steps.

    >>> f = Forecaster(cell="gru", lookback=48, horizon=12).fit(frame, target="load")
    >>> f.predict(frame)           # the 12 steps after the end of ``frame``
    >>> f.evaluate(new_frame)      # metrics of the model and the baselines
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
        epochs: int = _T.epochs,
        batch_size: int | None = _T.batch_size,
        lr: float = _T.lr,
        lr_schedule: str = _T.lr_schedule,
        patience: int = _T.patience,
        grad_clip: float = _T.grad_clip,
        scaler: str = _D.scaler,
        val_frac: float = _D.val_frac,
        test_frac: float = _D.test_frac,
        future_known: bool = _D.future_known,
        fill: str | None = _D.fill,
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
        self.epochs = epochs
        self.batch_size = batch_size
        self.lr = lr
        self.lr_schedule = lr_schedule
        self.patience = patience
        self.grad_clip = grad_clip
        self.scaler = scaler
        self.val_frac = val_frac
        self.test_frac = test_frac
        self.future_known = future_known
        self.fill = fill
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
            checkpoint=None, resume: bool = False, on_start=None) -> "Forecaster":
        """Train on ``data`` (DataFrame, array, or CSV/Parquet path).

        ``split``: row borders ``(train_end, val_end, end)`` instead of ``val_frac``/``test_frac``.
        ``on_epoch``: called with each epoch's record (the command line draws its progress bar).
        ``checkpoint``: a file that receives the whole training state after every epoch;
        ``resume=True`` continues from it, ending with the weights of an uninterrupted run.
        ``on_start``: called once the data and settings are checked, before the first epoch.
        """
        settings = Settings.from_flat(self.get_params())
        data_s, model_s, train_s = settings.data, settings.model, settings.train
        series = to_series(data, target, features, time_col, data_s.fill)
        if data_s.future_known and not series.features:
            raise RnncastError("future_known=True needs feature columns (features=...) whose future values are known")
        if model_s.channel_independent and series.features:
            raise RnncastError(
                f"channel_independent=True treats every input column as a target series; drop the features "
                f"{series.features} or make them targets"
            )
        split = self._make_split(split, len(series), data_s)

        scaler = Scaler.fit(data_s.scaler, series.values[: split.train_end], series.columns)
        device = resolve_device(train_s.device)
        torch.manual_seed(train_s.seed)
        spec = NetSpec(
            cell=model_s.cell, n_inputs=len(series.columns), n_targets=series.n_targets, horizon=data_s.horizon,
            hidden_size=model_s.hidden_size, num_layers=model_s.num_layers, dropout=model_s.dropout,
            window_norm=model_s.window_norm, n_future=len(series.features) if data_s.future_known else 0,
            channel_independent=model_s.channel_independent, scheme=train_s.scheme,
            segment=model_s.segment, decoder=model_s.decoder,
        )
        net = build_net(spec).to(device)
        values = torch.from_numpy(scaler.transform(series.values)).to(device)  # [T, C]
        if train_s.scheme == "sequence":
            train = SequenceBatches(values, split.train_end, data_s.lookback, data_s.horizon, series.n_targets,
                                    train_s.chunk, train_s.batch_size)
        else:
            train = self._batches(values, window_starts(split, "train", data_s.lookback, data_s.horizon),
                                  series, data_s, train_s)
        val_starts = window_starts(split, "val", data_s.lookback, data_s.horizon)
        val = self._batches(values, val_starts, series, data_s, train_s) if len(val_starts) else None

        if resume and not checkpoint:
            raise RnncastError("resume=True needs checkpoint= (the file written by an earlier fit)")
        save_state = (lambda *state: checkpoint_io.save_training_state(checkpoint, *state)) if checkpoint else None
        load_state = (lambda *objs: checkpoint_io.load_training_state(checkpoint, *objs)) if resume else None
        if on_start is not None:
            on_start()
        # the learned state exists from the first epoch on, so on_epoch callbacks may evaluate the model
        self.settings_, self.net_, self.device_, self.scaler_ = settings, net, device, scaler
        self.targets_, self.features_, self.time_col_ = series.targets, series.features, series.time_col
        self.step_, self.split_ = series.step, split
        self.train_mean_ = series.values[: split.train_end, : series.n_targets].mean(axis=0)
        started = time.perf_counter()
        try:
            self.history_ = fit_network(net, train, val, train_s, on_epoch=on_epoch, checkpoint=save_state,
                                        resume=load_state)
        except BaseException:
            for name in [k for k in vars(self) if k.endswith("_")]:
                delattr(self, name)  # a failed fit leaves the estimator unfitted
            raise
        self.train_seconds_ = time.perf_counter() - started
        self.net_ = net.eval()
        return self

    @staticmethod
    def _make_split(split, n_rows: int, data_s: DataSettings) -> Split:
        if split is None:
            return chronological_split(n_rows, data_s.lookback, data_s.horizon, data_s.val_frac, data_s.test_frac)
        split = split if isinstance(split, Split) else Split(*split)
        if not (data_s.lookback + data_s.horizon <= split.train_end <= split.val_end <= split.end <= n_rows):
            raise RnncastError(
                f"split {split} does not fit {n_rows} rows; need lookback + horizon <= train_end <= val_end <= end <= rows"
            )
        return split

    @staticmethod
    def _batches(values, starts, series: Series, data_s: DataSettings, train_s: TrainSettings) -> WindowBatches:
        return WindowBatches(values, starts, data_s.lookback, data_s.horizon, series.n_targets,
                             data_s.future_known, train_s.batch_size)

    # ---- using a fitted model ---------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "net_"):
            raise RnncastError("this Forecaster is not fitted yet; call fit(data, target=...) first, or Forecaster.load(path)")

    def _series(self, data) -> Series:
        """Read new data with the columns the model was trained on."""
        try:
            return to_series(data, self.targets_, self.features_ or None, self.time_col_, self.settings_.data.fill)
        except RnncastError as err:
            if "not found" in str(err):
                raise RnncastError(
                    f"{err}. The model was trained on target {self.targets_} and features {self.features_}"
                ) from None
            raise

    def predict(self, data, future=None) -> pd.DataFrame:
        """Forecast the ``horizon`` steps after the end of ``data``.

        ``future``: with ``future_known=True``, the feature values over those steps (DataFrame with
        the feature columns, or array [horizon, features]).
        Returns a frame indexed by the continued timestamps (or row numbers), one column per target.
        """
        self._check_fitted()
        series = self._series(data)
        lookback, horizon = self.settings_.data.lookback, self.settings_.data.horizon
        if len(series) < lookback:
            raise RnncastError(f"predict needs at least lookback = {lookback} rows, got {len(series)}")
        x = torch.from_numpy(self.scaler_.transform(series.values[-lookback:]))[None].to(self.device_)  # [1, L, C]
        fut = self._future(future)
        with torch.inference_mode(), _few_threads(1):
            y = self.net_(x, fut)[0].float().cpu().numpy()  # [H, T]
        y = self.scaler_.inverse(y, slice(0, len(self.targets_)))
        return pd.DataFrame(y, columns=self.targets_, index=self._future_index(series, horizon))

    def predict_array(self, inputs: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Forecasts for a batch of input windows [N, lookback, columns] in original units -> [N, H, targets].

        Columns in training order (targets, then features); for many series at once. Models trained
        with ``future_known`` need ``predict`` with ``future=`` instead.
        """
        self._check_fitted()
        if self.settings_.data.future_known:
            raise RnncastError("predict_array does not take future feature values; use predict(data, future=...)")
        inputs = np.asarray(inputs, dtype=np.float32)
        expected = (self.settings_.data.lookback, len(self.targets_) + len(self.features_))
        if inputs.ndim != 3 or inputs.shape[1:] != expected:
            raise RnncastError(f"inputs must have shape [N, {expected[0]}, {expected[1]}], got {inputs.shape}")
        outputs = []
        with torch.inference_mode(), _few_threads(len(inputs)):
            for i in range(0, len(inputs), batch_size):
                x = torch.from_numpy(self.scaler_.transform(inputs[i : i + batch_size])).to(self.device_)  # [B, L, C]
                outputs.append(self.net_(x).float().cpu().numpy())  # [B, H, T]
        y = np.concatenate(outputs) if outputs else np.zeros((0, self.settings_.data.horizon, len(self.targets_)), np.float32)
        return self.scaler_.inverse(y, slice(0, len(self.targets_)))

    def _future(self, future) -> torch.Tensor | None:
        if not self.settings_.data.future_known:
            if future is not None:
                raise RnncastError("future= was given but the model was trained without future_known features")
            return None
        horizon, n_t = self.settings_.data.horizon, len(self.targets_)
        if future is None:
            raise RnncastError(
                f"this model needs the future values of features {self.features_} over the {horizon} forecast "
                "steps: pass future= (a frame with those columns, one row per step)"
            )
        if isinstance(future, pd.DataFrame):
            missing = [c for c in self.features_ if c not in future.columns]
            if missing:
                raise RnncastError(f"future values lack feature column(s) {missing}; need {self.features_}")
            future = future[self.features_].to_numpy(dtype=np.float64)
        future = np.asarray(future, dtype=np.float64).reshape(len(future), -1)
        if future.shape != (horizon, len(self.features_)):
            raise RnncastError(
                f"future values must have {horizon} rows (one per forecast step) and {len(self.features_)} "
                f"columns {self.features_}, got shape {future.shape}"
            )
        if not np.isfinite(future).all():
            raise RnncastError("future feature values contain NaN or infinite numbers; give every value")
        scaled = self.scaler_.transform(future, slice(n_t, None))
        return torch.from_numpy(scaled)[None].to(self.device_)  # [1, H, F]

    def _future_index(self, series: Series, horizon: int) -> pd.Index:
        if series.time is not None and self.step_ is not None:
            return pd.date_range(series.time[-1] + self.step_, periods=horizon, freq=self.step_, name=self.time_col_)
        return pd.RangeIndex(len(series), len(series) + horizon, name="row")

    def predict_windows(self, data, part: str = "all", scaled: bool = False) -> WindowForecasts:
        """Forecasts of every stride-1 window of ``data`` (or of one part of the fit's split).

        ``part``: "all" for every window of ``data``; "train", "val" or "test" when ``data`` is the
        data given to ``fit``. ``scaled``: values in the scaler's units instead of the original ones.
        """
        self._check_fitted()
        series = self._series(data)
        original, in_scaler_units = self._forecast_windows(series, self._starts(series, part))
        return in_scaler_units if scaled else original

    def _forecast_windows(self, series: Series, starts: np.ndarray) -> tuple[WindowForecasts, WindowForecasts]:
        """The same forecasts in original and in scaled units; the network runs once."""
        data_s, n_t = self.settings_.data, len(self.targets_)
        cols = slice(0, n_t)
        scaled_values = self.scaler_.transform(series.values)  # [T, C]
        batches = WindowBatches(torch.from_numpy(scaled_values).to(self.device_), starts, data_s.lookback,
                                data_s.horizon, n_t, data_s.future_known, None)
        pred_scaled = predict_batches(self.net_, batches).reshape(len(starts), data_s.horizon, n_t)  # [W, H, T]
        target_rows = starts + data_s.lookback
        rows = target_rows[:, None] + np.arange(data_s.horizon)  # [W, H]

        def forecasts(values: np.ndarray, y_pred: np.ndarray, mean: np.ndarray) -> WindowForecasts:
            last_inputs = values[target_rows - 1][:, None, :]  # [W, 1, C]
            base = {"repeat": baselines.repeat_last(last_inputs, data_s.horizon, n_t),
                    "mean": baselines.train_mean(last_inputs, data_s.horizon, mean)}
            return WindowForecasts(starts, target_rows, values[rows, :n_t], y_pred, base, series.time)

        original = forecasts(series.values, self.scaler_.inverse(pred_scaled, cols), self.train_mean_)
        scaled = forecasts(scaled_values, pred_scaled, self.scaler_.transform(self.train_mean_[None], cols)[0])
        return original, scaled

    def _starts(self, series: Series, part: str) -> np.ndarray:
        lookback, horizon = self.settings_.data.lookback, self.settings_.data.horizon
        if part == "all":
            n = len(series) - lookback - horizon + 1
            if n < 1:
                raise RnncastError(
                    f"data has {len(series)} rows; evaluating needs at least lookback {lookback} + horizon {horizon}"
                )
            return np.arange(n, dtype=np.int64)
        if part not in ("train", "val", "test"):
            raise RnncastError(f"unknown part {part!r}; choose one of: all, train, val, test")
        if len(series) < self.split_.end:
            raise RnncastError(
                f"part={part!r} needs the data given to fit ({self.split_.end} rows or more), got {len(series)} rows"
            )
        return window_starts(self.split_, part, lookback, horizon)

    def evaluate(self, data, part: str = "all") -> dict:
        """Metrics of the model and of the baselines, in original and scaled units, and whether the
        model's lower error is beyond chance (Diebold–Mariano p-value against each baseline)."""
        self._check_fitted()
        series = self._series(data)
        original, scaled = self._forecast_windows(series, self._starts(series, part))
        horizon = self.settings_.data.horizon
        result = {"windows": len(original.starts), "horizon": horizon}
        for units, wf in (("original", original), ("scaled", scaled)):
            result[units] = {"model": metrics.score(wf.y_true, wf.y_pred)}
            result[units].update({name: metrics.score(wf.y_true, p) for name, p in wf.baselines.items()})
        result["significance"] = {
            name: metrics.diebold_mariano(scaled.y_pred - scaled.y_true, p - scaled.y_true, horizon)
            for name, p in scaled.baselines.items()
        }
        return result

    # ---- files ------------------------------------------------------------------------------

    def save(self, folder) -> None:
        """Write the model folder: weights as safetensors, everything else as JSON."""
        self._check_fitted()
        meta = {
            "params": self.get_params(),
            "targets": self.targets_,
            "features": self.features_,
            "time_col": self.time_col_,
            "step": str(self.step_) if self.step_ is not None else None,
            "scaler": self.scaler_.state(),
            "split": [self.split_.train_end, self.split_.val_end, self.split_.end],
            "train_mean": self.train_mean_.tolist(),
            "train_seconds": self.train_seconds_,
        }
        checkpoint_io.save_model(folder, self.net_, meta)

    @classmethod
    def load(cls, folder, device: str = "cpu") -> "Forecaster":
        """Read a model folder (or a run directory holding ``model/``) written by ``save``."""
        net, meta = checkpoint_io.load_model(folder)
        try:
            forecaster = cls(**meta["params"])
            forecaster.settings_ = Settings.from_flat(meta["params"])
            forecaster.scaler_ = Scaler.from_state(meta["scaler"])
            forecaster.targets_, forecaster.features_ = list(meta["targets"]), list(meta["features"])
            forecaster.time_col_ = meta["time_col"]
            forecaster.step_ = pd.Timedelta(meta["step"]) if meta["step"] else None
            forecaster.split_ = Split(*meta["split"])
            forecaster.train_mean_ = np.asarray(meta["train_mean"], dtype=np.float32)
            forecaster.train_seconds_ = meta.get("train_seconds")
        except (KeyError, TypeError, ValueError) as err:
            raise RnncastError(f"the model description in {folder} is incomplete or hand-edited ({err!r})") from None
        for name in ("cell", "horizon", "hidden_size", "num_layers", "window_norm", "channel_independent",
                     "segment", "decoder"):
            if meta["params"].get(name) != getattr(net.spec, name):
                raise RnncastError(
                    f"the model description in {folder} is hand-edited: setting {name} is {meta['params'].get(name)!r} "
                    f"but the network was built with {getattr(net.spec, name)!r}"
                )
        n_cols = len(forecaster.targets_) + len(forecaster.features_)
        if net.spec.n_inputs != n_cols or len(forecaster.scaler_.offset) != n_cols:
            raise RnncastError(f"the model description in {folder} does not match its network ({n_cols} columns named)")
        forecaster.device_ = resolve_device(device)
        forecaster.net_ = net.to(forecaster.device_).eval()
        forecaster.history_ = []
        return forecaster

"""Everything ``fit`` learns besides the weights, as one dataclass, which is also the saved model's
schema (``model.json``, beside ``weights.safetensors``).

``FittedState.meta()`` writes it as plain JSON data and ``FittedState.read(meta)`` reads it back;
``read`` is the one place that reads older model folders (format version 1, written before
calendars, text ids and the highway existed) or refuses them by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from rnncast.config import Settings, parse_quantiles, with_saved_defaults
from rnncast.errors import RnncastError
from rnncast.scaling import Scaler, StaticEncoder
from rnncast.timeaxis import Calendar
from rnncast.windows import Split

FORMAT_VERSION = 2  # 1 (before calendars): a single "step"; ids as numbers where they looked like numbers
READS = (1, 2)  # the model folder format versions this rnncast reads


@dataclass
class FittedState:
    """What a fitted model knows of its data. Arrays are per series [S, ...], in the order of ``ids``."""

    params: dict  # the Forecaster's keyword arguments at fit
    layout: str  # single, long or wide
    ids: list  # [S] series ids as text; [None] for a single series
    id_col: str | None
    targets: list[str]
    past_covariates: list[str]
    future_covariates: list[str]
    time_col: str | None
    calendar: Calendar
    scalers: list[Scaler]  # [S], each over targets + covariates
    splits: list[Split]  # [S] row borders of each series
    train_means: np.ndarray  # [S, T] original units: the mean baseline
    mase_scales: np.ndarray  # [S, T] original units: the in-sample (seasonal) naive MAE, MASE's denominator
    static_encoder: StaticEncoder | None = None
    static_inputs: np.ndarray = field(default_factory=lambda: np.zeros((1, 0), np.float32))  # [S, Kn]
    static_codes: np.ndarray = field(default_factory=lambda: np.zeros((1, 0), np.int64))  # [S, Kc]
    skipped_series: list = field(default_factory=list)  # [{"id", "rows", "needed"}] too short to train
    calendars: dict = field(default_factory=dict)  # {series id: Calendar} of series with a calendar of their own
    borders: list | None = None  # [S, 3] first validation, first test and last fitted time (parts.borders); None: no time
    train_seconds: float | None = None
    world_size: int = 1

    @cached_property
    def settings(self) -> Settings:
        return Settings.from_flat(self.params)

    @property
    def features(self) -> list[str]:
        return self.past_covariates + self.future_covariates

    @property
    def columns(self) -> list[str]:
        return self.targets + self.features

    def meta(self) -> dict:
        """The state as plain JSON data (``model.json`` without the network's shape)."""
        meta = {
            "format_version": FORMAT_VERSION, "params": self.params, "layout": self.layout, "ids": self.ids,
            "id_col": self.id_col, "targets": self.targets, "features": self.features,
            "past_covariates": self.past_covariates, "future_covariates": self.future_covariates,
            "time_col": self.time_col, "calendar": self.calendar.state(),
            "calendars": {i: c.state() for i, c in self.calendars.items()},
            "scalers": [s.state() for s in self.scalers], "splits": [[s.train_end, s.val_end, s.end] for s in self.splits],
            "train_means": self.train_means.tolist(), "mase_scales": self.mase_scales.tolist(),
            "static": None if self.static_encoder is None else {
                "encoder": self.static_encoder.state(), "inputs": self.static_inputs.tolist(),
                "codes": self.static_codes.tolist()},
            "skipped_series": self.skipped_series, "train_seconds": self.train_seconds, "borders": self.borders,
        }
        if self.layout == "single":  # the keys of a single-series model before many series arrived
            meta.update(scaler=self.scalers[0].state(), split=meta["splits"][0], train_mean=self.train_means[0].tolist())
        return meta

    @classmethod
    def read(cls, meta: dict, spec, where) -> "FittedState":
        """The state of a ``model.json`` (any version in ``READS``), checked against the network's
        ``spec`` (``models.NetSpec``). Raises ``RnncastError`` naming ``where`` when it is incomplete,
        hand-edited, or of a version this rnncast does not read."""
        version = meta.get("format_version")
        if version not in READS:
            from rnncast.version import __version__

            raise RnncastError(f"{where} uses model format version {version!r}; this rnncast ({__version__}) reads "
                               f"version {' and '.join(map(str, READS))}")
        try:
            params = with_saved_defaults(meta["params"])  # a model saved before the highway had none
            n_future = spec.n_future
            features = list(meta["features"])
            ids = [None if i is None else str(i) for i in meta.get("ids", [None])]  # ids are text
            static = meta.get("static")
            n = len(ids)
            state = cls(
                params=params, layout=meta.get("layout", "single"), ids=ids, id_col=meta.get("id_col"),
                targets=list(meta["targets"]),
                past_covariates=list(meta.get("past_covariates", features[: len(features) - n_future])),
                future_covariates=list(meta.get("future_covariates", features[len(features) - n_future :])),
                time_col=meta["time_col"],
                calendar=(Calendar.from_state(meta["calendar"]) if "calendar" in meta
                          else _calendar_before(meta.get("step"), meta["time_col"])),
                scalers=[Scaler.from_state(s) for s in meta.get("scalers", [meta.get("scaler")])],
                splits=[Split(*s) for s in meta.get("splits", [meta.get("split")])],
                train_means=np.asarray(meta.get("train_means", [meta.get("train_mean")]), dtype=np.float64),
                mase_scales=np.asarray(meta.get("mase_scales", [[np.nan] * len(meta["targets"])]), dtype=np.float64),
                static_encoder=StaticEncoder.from_state(static["encoder"]) if static else None,
                static_inputs=(np.asarray(static["inputs"], dtype=np.float32).reshape(n, -1) if static
                               else np.zeros((n, 0), np.float32)),
                static_codes=(np.asarray(static["codes"], dtype=np.int64).reshape(n, -1) if static
                              else np.zeros((n, 0), np.int64)),
                skipped_series=list(meta.get("skipped_series", [])), train_seconds=meta.get("train_seconds"),
                calendars={str(i): Calendar.from_state(c) for i, c in meta.get("calendars", {}).items()},
                borders=_borders(meta.get("borders"), n),
            )
            state.settings  # noqa: B018  the saved settings must still be valid ones
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise RnncastError(f"the model description in {where} is incomplete or hand-edited ({err!r})") from None
        state._check(spec, meta, where)
        return state

    def _check(self, spec, meta: dict, where) -> None:
        """The settings and column names must describe the network the weights were built as."""
        from rnncast.config import setting_fields

        defaults = {f.name: f.default for f in setting_fields()}  # a folder written before a setting existed
        for name in ("cell", "horizon", "hidden_size", "num_layers", "window_norm", "channel_independent",
                     "segment", "decoder", "quantiles", "highway"):
            value = self.params.get(name, defaults[name])
            value = parse_quantiles(value) if name == "quantiles" else value
            if value != getattr(spec, name):
                raise RnncastError(f"the model description in {where} is hand-edited: setting {name} is "
                                   f"{meta['params'].get(name)!r} but the network was built with {getattr(spec, name)!r}")
        n_cols = len(self.columns)
        if (spec.n_inputs != n_cols or any(len(s.offset) != n_cols for s in self.scalers)
                or len(self.scalers) != len(self.ids) or len(self.splits) != len(self.ids)):
            raise RnncastError(f"the model description in {where} does not match its network ({n_cols} columns named)")


def _borders(value, n: int) -> list | None:
    """The saved border times [S, 3] (absent before they were kept: parts falls back to row numbers)."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != n or not all(isinstance(b, list) and len(b) == 3 for b in value):
        raise ValueError(f"borders must be {n} lists of 3 times")
    return value


def _calendar_before(step, time_col) -> Calendar:
    """The calendar of a model saved before calendars: its step was a fixed time step, an integer or None."""
    if time_col is None:
        return Calendar()
    if step is None:
        return Calendar("datetime", None, None, time_col)
    if isinstance(step, int):
        return Calendar("integer", step, None, time_col)
    return Calendar("datetime", pd.tseries.frequencies.to_offset(pd.Timedelta(step)), None, time_col)

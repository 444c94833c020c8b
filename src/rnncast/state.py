"""Everything ``fit`` learns besides the weights, as one dataclass, which is also the saved model's schema
(``model.json``, beside ``weights.safetensors``). ``FittedState.meta()`` writes it as plain JSON data and
``FittedState.read(meta)`` reads it back; ``read`` is the one place that reads older model folders (format version 1,
written before calendars, text ids and the highway existed) or refuses them by name; ``statechecks`` checks what it
read against the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from rnncast.config import Settings
from rnncast.settingvalues import with_saved_defaults
from rnncast import climatology, formatversions, modelcard, statechecks, weeklyseason
from rnncast.errors import RnncastError
from rnncast.modelkeys import Noted, check_keys, check_version, not_of_kind
from rnncast.savedfields import (across_gaps, borders, calendar_before, diverged_epoch, fit_rows, given_params, highway_start,
                                 later_rows, mase_zero, same_step, saved_overlap, short, squeezed, tuple_params, value_ranges)
from rnncast.scaling import Scaler, StaticEncoder
from rnncast.seriesids import checked_key_dtypes, given_back, key_dtypes, saved_dtype
from rnncast.timecalendar import Calendar
from rnncast.version import __version__
from rnncast.toldtime import saved as told_none, written as told_none_entry
from rnncast.windows import Split
from rnncast.zonenames import canonical

FORMAT_VERSION, READS = formatversions.MODEL, formatversions.MODEL_READS  # written, and read


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
    train_means: np.ndarray  # [S, T] original units: the mean baseline, of the rows before the cutoff (decision 2174)
    mase_scales: np.ndarray  # [S, T] original units: the in-sample (seasonal) naive MAE of the rows before the cutoff, MASE's denominator
    mase_zero: np.ndarray | None = None  # [S, T] why a scale is 0 (zeroscales codes); None: none is, or not kept
    mase_pairs: np.ndarray | None = None  # [S, T] int: the pairs each scale rests on (scalepairs); None: not kept
    scales_at_cutoff: bool = True  # False: a model saved before decision 2173, its scales and means of training rows
    train_spreads: np.ndarray | None = None  # [S, T] original units: the training rows' standard deviation; None: not kept
    static_encoder: StaticEncoder | None = None
    static_inputs: np.ndarray = field(default_factory=lambda: np.zeros((1, 0), np.float32))  # [S, Kn]
    static_codes: np.ndarray = field(default_factory=lambda: np.zeros((1, 0), np.int64))  # [S, Kc]
    static_table: bool = False  # fitted on a static table (--static): a data column of its names is not read at predict
    skipped_series: list = field(default_factory=list)  # [{"id", "rows", "needed"}] too short to train
    calendars: dict = field(default_factory=dict)  # {series id: Calendar} of series with a calendar of their own
    borders: list | None = None  # [S, 4] first validation, first test, last and first fitted time (parts.borders); [S, 3]
    # in models saved before the first was kept; None: no time
    train_seconds: float | None = None
    untrained_loss: float | None = None  # the untrained network's validation loss (loss.png draws it); None: unmeasured
    diverged_epoch: int | None = None  # the epoch whose loss became NaN or infinite (Forecaster.diverged_epoch_); None: none
    epoch_draw: dict | None = None  # what an epoch drew where max_batches cut it short (batches.epoch_draw); None: a full pass
    world_size: int = 1
    highway_start: dict | None = None  # highway_start 'least_squares': {"penalty", "val_loss", "zero_val_loss"} (highwaystart.start)
    unused: list = field(default_factory=list)  # the data's columns no role took (layouts.not_used)
    series_all: bool | None = None  # wide: fitted with series='all' (a new numeric column is a new series); None: not known
    same_step: dict | None = None  # {"features_r2", "last_r2"} with future-known features (samestep.measure); None: none
    fit_rows: list | None = None  # [S, 4] rows and hash of the training and validation rows fit read (fitrows.record)
    later_rows: dict | None = None  # the target against its features' later rows (laterrows.measure); None: no features
    climatology: np.ndarray | None = field(default=None, compare=False, repr=False)  # [S, P, T] (climatology.table)
    yearly_season: dict | None = None  # the season hint's measure: days' year against the week, hours' week against the day (weeklyseason)
    squeezed: dict | None = None  # the first column whose training scale one value sets (outliers.find); None: none
    value_ranges: list | None = None  # [S][C] [median, sd, least, greatest] or None (missingcodes.fitted_ranges); None: not kept
    cutoffs: list | None = None  # [S] {data_start, train_end, val_end, data_end} as the data writes times (modelcard); None: no time
    test_scores: dict | None = field(default=None, compare=False)  # a run's test MSE, MAE, MASE and verdict (modelcard); None: unscored
    target_scores: list | None = field(default=None, compare=False)  # [T] each target's own test scores (several; decision 1900)
    no_time_col: bool = False  # fit was told the table has no time column (time_col=False): new data read so (toldtime)
    overlap: dict | None = field(default=None, compare=False)  # per-series test rows on others' fitted dates (testoverlap.overlap)
    across_gaps: dict | None = field(default=None, compare=False)  # the fit's windows across missing rows (gapwindows.at_fit)
    scale_by: str | None = field(default="calendar", compare=False)  # MASE's scale pairs a season of calendar steps
    # (decision 1885), written beside across_gaps; None: a model saved before it was kept, its scale by rows (decision 1955)
    said: set = field(default_factory=set, compare=False, repr=False)  # warnings said once per model (learned, reading); not saved
    given_ids: dict | None = field(default=None, compare=False)  # {text: id} the caller's ids at fit (Panel.given), where not text;
    # saved as their dtype where every one is an integer or a float (seriesids.saved_dtype), else text after load
    key: object = field(default=None, compare=False, repr=False)  # serieskeys.Key of fit's data (its dtypes); not saved
    key_dtypes: dict | None = field(default=None, compare=False)  # a key's numeric columns' dtypes (seriesids.key_dtypes)
    rnncast_version: str | None = field(default=__version__, compare=False)  # the rnncast that fitted it, or wrote the
    # model.json read (None: one written without it); model.json's own key, written by checkpoint, not by meta()
    format_version: int = field(default=FORMAT_VERSION, compare=False)  # model.json's, as read (checked); a fit's: what save writes

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
            **({"scale_rows": "before_cutoff"} if self.scales_at_cutoff else {}),  # its absence: older (decision 2222)
            "train_spreads": None if self.train_spreads is None else self.train_spreads.tolist(),
            "static": None if self.static_encoder is None else {
                "encoder": self.static_encoder.state(), "inputs": self.static_inputs.tolist(),
                "codes": self.static_codes.tolist(), **({"table": True} if self.static_table else {})},
            "skipped_series": self.skipped_series, "train_seconds": self.train_seconds, "borders": self.borders,
            "highway_start": self.highway_start, "unused": self.unused, "tuple_params": tuple_params(self.params),
        }
        if (id_dtype := saved_dtype(self.given_ids)) is not None:  # skipped_series_ as given after load (decision 774)
            meta["id_dtype"] = id_dtype
        if (dtypes := key_dtypes(self.key) if self.key is not None else self.key_dtypes) is not None:  # onnxmeta
            meta["key_dtypes"] = dtypes
        if self.series_all is not None:
            meta["series_all"] = self.series_all
        if self.diverged_epoch is not None:  # absent: training did not diverge, or a model saved before it was kept
            meta["diverged_epoch"] = self.diverged_epoch
        if self.epoch_draw is not None:
            meta["epoch_draw"] = self.epoch_draw
        if self.untrained_loss is not None:
            meta["untrained_loss"] = self.untrained_loss
        if self.same_step is not None:
            meta["same_step"] = self.same_step
        if self.later_rows is not None:
            meta["later_rows"] = self.later_rows
        if self.yearly_season is not None:
            meta["yearly_season"] = self.yearly_season
        if self.fit_rows is not None:
            meta["fit_rows"] = self.fit_rows
        if self.squeezed is not None:
            meta["squeezed"] = self.squeezed
        if self.mase_zero is not None and self.mase_zero.any():  # absent: no scale is 0, or a model saved before
            meta["mase_zero"] = self.mase_zero.tolist()
        if self.mase_pairs is not None:  # absent: a model saved before they were kept (decision 2160)
            meta["mase_pairs"] = self.mase_pairs.tolist()
        if self.value_ranges is not None:  # a later read names a -999 far outside them (missingcodes.later)
            meta["value_ranges"] = self.value_ranges
        meta.update(told_none_entry(self.no_time_col))
        if self.overlap is not None:  # evaluate of the test split says it again (readout.evaluated)
            meta["test_overlap"] = self.overlap
        if self.across_gaps is not None:  # absent: none did, or a model saved before they were counted
            meta["across_gaps"] = self.across_gaps
            meta["scale_by"] = self.scale_by
        meta.update({k: v for k, v in (("cutoffs", self.cutoffs), ("test_scores", self.test_scores),
                                                   ("target_scores", self.target_scores),
                                                   ("climatology", climatology.saved(self.climatology))) if v is not None})
        if self.layout == "single":  # the keys of a single-series model before many series arrived
            meta.update(scaler=self.scalers[0].state(), split=meta["splits"][0], train_mean=self.train_means[0].tolist())
        return meta

    @classmethod
    def read(cls, meta: dict, spec, where) -> "FittedState":
        """The state of a ``model.json`` (any version in ``READS``), checked against the network's
        ``spec`` (``models.NetSpec``). Raises ``RnncastError`` naming ``where`` when it is incomplete,
        hand-edited, or of a version this rnncast does not read."""
        version = check_version(meta, where)
        check_keys(meta, where)
        meta = Noted(meta)  # the entry last read: the one a refusal names
        try:
            params = with_saved_defaults(meta["params"])  # a model saved before the highway had none
            params = given_params(params, meta.get("tuple_params"))  # JSON's lists: a tuple or a list, as given at fit
            params["tz"] = canonical(params.get("tz"))  # saved as given before 1215 ('utc'): by its IANA name, as fit's
            n_future = spec.n_future
            features = list(meta["features"])
            ids = [None if i is None else str(i) for i in meta.get("ids", [None])]  # ids are text
            static = meta.get("static")
            n, n_t = len(ids), len(meta["targets"])
            state = cls(
                params=params, layout=meta.get("layout", "single"), ids=ids, id_col=meta.get("id_col"),
                targets=list(meta["targets"]),
                past_covariates=list(meta.get("past_covariates", features[: len(features) - n_future])),
                future_covariates=list(meta.get("future_covariates", features[len(features) - n_future :])),
                time_col=meta["time_col"],
                calendar=(Calendar.from_state(meta["calendar"], params.get("freq") is None) if "calendar" in meta
                          else calendar_before(meta.get("step"), meta["time_col"])),
                scalers=[Scaler.from_state(s) for s in meta.get("scalers", [meta.get("scaler")])],
                splits=[Split(*s) for s in meta.get("splits", [meta.get("split")])],
                train_means=np.asarray(meta.get("train_means", [meta.get("train_mean")]), dtype=np.float64),
                mase_scales=np.asarray(meta.get("mase_scales", [[np.nan] * len(meta["targets"])]), dtype=np.float64),
                mase_zero=mase_zero(meta.get("mase_zero"), n, n_t),
                mase_pairs=None if meta.get("mase_pairs") is None else np.asarray(meta["mase_pairs"], dtype=np.int64),
                scales_at_cutoff=meta.get("scale_rows") == "before_cutoff",  # absent: training rows' (decision 2222)
                train_spreads=(None if meta.get("train_spreads") is None  # kept since decision 475
                               else np.asarray(meta["train_spreads"], dtype=np.float64)),
                static_encoder=StaticEncoder.from_state(static["encoder"]) if static else None,
                static_inputs=(np.asarray(static["inputs"], dtype=np.float32).reshape(n, -1) if static
                               else np.zeros((n, 0), np.float32)),
                static_codes=(np.asarray(static["codes"], dtype=np.int64).reshape(n, -1) if static
                              else np.zeros((n, 0), np.int64)), static_table=bool(static and static.get("table")),
                skipped_series=list(meta.get("skipped_series", [])), train_seconds=meta.get("train_seconds"),
                calendars={str(i): Calendar.from_state(c, params.get("freq") is None) for i, c in meta.get("calendars", {}).items()},
                borders=borders(meta.get("borders"), n), highway_start=highway_start(meta.get("highway_start")),
                unused=[str(c) for c in meta.get("unused", [])], series_all=meta.get("series_all"),
                epoch_draw=meta.get("epoch_draw"), diverged_epoch=diverged_epoch(meta.get("diverged_epoch")),
                untrained_loss=meta.get("untrained_loss"), same_step=same_step(meta.get("same_step")),
                later_rows=later_rows(meta.get("later_rows")), yearly_season=weeklyseason.read(meta.get("yearly_season")),
                overlap=saved_overlap(meta.get("test_overlap")), climatology=climatology.read(meta.get("climatology"), n, n_t),
                across_gaps=across_gaps(meta.get("across_gaps")), squeezed=squeezed(meta.get("squeezed")),
                scale_by="calendar" if meta.get("scale_by") == "calendar" else None,
                fit_rows=fit_rows(meta.get("fit_rows"), n), no_time_col=told_none(meta), cutoffs=modelcard.read_cutoffs(
                    meta.get("cutoffs"), n), test_scores=modelcard.read_scores(meta.get("test_scores")),
                target_scores=modelcard.read_target_scores(meta.get("target_scores"), n_t),
                value_ranges=value_ranges(meta.get("value_ranges"), n, spec.n_inputs),
                given_ids=given_back([*ids, *(str(d["id"]) for d in meta.get("skipped_series", []))], meta.get("id_dtype")),
                key_dtypes=checked_key_dtypes(meta.get("key_dtypes")),
                rnncast_version=written_by(meta.get("rnncast_version")), format_version=version,
            )
            meta.last = None  # past here no one entry is told: the generic refusal (decision 1670)
            if state.cutoffs is None and state.borders:  # a model saved before them: rebuilt (decision 1599)
                state.cutoffs = modelcard.from_borders(state.borders, state.calendar, state.calendars, ids)
            meta.last = "params"
            state.settings  # noqa: B018  the saved settings must still be valid ones
        except RnncastError as err:  # a setting no fit takes: its own message says which and what is accepted
            raise RnncastError(f"the model description in {where} is hand-edited: {err}") from None
        except KeyError as err:  # a key model.json lacks, named in words (not KeyError('targets'))
            raise RnncastError(f"the model description in {where} is incomplete or hand-edited: it has no "
                               f"{str(err.args[0])[:100]!r} entry, which every model.json rnncast writes holds") from None
        except (TypeError, ValueError, AttributeError, IndexError, OverflowError, RecursionError) as err:
            raise RnncastError(f"the model description in {where} is incomplete or hand-edited: "
                               f"{not_of_kind(err, meta.last)}") from None  # the entry named, not pandas' words
        statechecks.check(state, spec, meta, where)
        return state


def written_by(version) -> str | None:
    """model.json's ``rnncast_version`` as read: text, or None where absent; another kind is a hand edit, refused
    (``RnncastError``) in rnncast's own words, which ``FittedState.read`` keeps (decision 1670)."""
    if version is not None and not isinstance(version, str):
        raise RnncastError(f"rnncast_version is {short(version)}, not text such as '1.2.0'")
    return version

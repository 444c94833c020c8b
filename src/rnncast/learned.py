"""What fit learned, as the estimator shows it: ``Forecaster``'s fitted attributes (scikit-learn's
trailing underscore), each read from (and written to) the one ``state.FittedState`` that fit made
or ``load`` read, and scikit-learn's questions of a fitted estimator (``__sklearn_is_fitted__``,
``__sklearn_tags__``), set by a fit and put back as they were where it stops (:meth:`Learned.learning`), and the
model folder that keeps them: ``save`` writes it and ``load`` reads it into a new estimator (``checkpoint``).
``Forecaster`` takes them from :class:`Learned`, and scikit-learn's parameter contract
(``get_params``, ``set_params``, its repr) from ``parameters.Parameters``, so the estimator's own module holds its
parameters (the constructor's keywords) and its methods.
"""

from __future__ import annotations

import logging
import textwrap
from contextlib import contextmanager
from typing import Self

from rnncast import checkpoint as checkpoint_io, pathargs, runhistory
from rnncast.checkedcalls import SAVED, checked_methods, class_only
from rnncast.config import HOW_FIT_RUNS
from rnncast.devices import resolve_device
from rnncast.errors import NotFitted
from rnncast.seriesids import skipped_as_given
from rnncast.serieskeys import as_tuples, of_model, text as key_text
from rnncast.noticed import first_time
from rnncast.othernames import method_advice
from rnncast.settingvalues import flag, plain, plain_values, same_value
from rnncast.state import FittedState
from rnncast.spelling import hints
from rnncast.zonenames import compared

log = logging.getLogger(__name__)

FIT_SETS = ("state_", "net_", "device_", "history_")  # what fit (or load) sets on the estimator
SET = {  # FIT_SETS' type and meaning: the Attributes section of help(Forecaster) (attributes_doc)
    "state_": ("state.FittedState", "everything fit learned of the data, as the saved model's model.json keeps it; "
                                    "the attributes below read it"),
    "net_": ("torch.nn.Module", "the trained network, with the weights of the epoch history_ marks best"),
    "device_": ("torch.device", "where the network runs"),
    "history_": ("list of dict", "one per epoch: epoch (from 1), train_loss and val_loss (the mean loss, or pinball "
                                 "loss, in the scaled units trained in, original under scaler='none'; val_loss None "
                                 "without validation rows), seconds, best (its weights kept); load gives a run's or "
                                 "saved model's back ([] where none was kept; a run's history.csv and a saved "
                                 "model's model.json keep the losses as measured; an earlier run's history.csv "
                                 "holds their float32's shortest text)"),
}
KINDS = {  # the type and shape of each Learned property (S series, T targets, C columns: targets then covariates)
    "settings_": "config.Settings", "layout_": "str", "ids_": "list of str [S]", "id_col_": "str or None",
    "targets_": "list of str [T]", "past_covariates_": "list of str", "future_covariates_": "list of str",
    "features_": "list of str", "time_col_": "str or None", "calendar_": "timecalendar.Calendar",
    "scalers_": "list of scaling.Scaler [S]", "splits_": "list of windows.Split [S]",
    "train_means_": "ndarray [S, T] float64", "mase_scales_": "ndarray [S, T] float64",
    "mase_pairs_": "ndarray [S, T] int64 or None",
    "train_spreads_": "ndarray [S, T] float64 or None", "static_encoder_": "scaling.StaticEncoder or None",
    "static_covariates_": "list of str", "static_inputs_": "ndarray [S, Kn] float32",
    "static_codes_": "ndarray [S, Kc] int64", "unused_columns_": "list of str", "skipped_series_": "list of dict",
    "train_seconds_": "float", "diverged_epoch_": "int or None", "epoch_draw_": "dict or None", "world_size_": "int", "highway_start_": "dict or None",
    "rnncast_version_": "str or None", "format_version_": "int", "cutoffs_": "list of dict [S] or None",
    "test_scores_": "dict or None", "target_scores_": "list of dict [T] or None",
    "scaler_": "scaling.Scaler or None", "split_": "windows.Split or None", "train_mean_": "ndarray [T] float64 or None",
}


def _learned(name: str, doc: str) -> property:
    """A fitted attribute read from (and written to) the fitted state."""
    return property(lambda self: getattr(self.state_, name), lambda self, value: setattr(self.state_, name, value), doc=doc)


@checked_methods(load=SAVED)  # check_fitted(doin="x"): the keyword refused by name, as Forecaster's own methods refuse one
class Learned:
    """The fitted attributes of an estimator whose ``fit`` sets ``state_`` (a ``FittedState``) and
    ``net_`` (the network); ``check_fitted`` refuses their use before that."""

    settings_ = property(lambda self: self.state_.settings, doc="the validated settings, by group (data, model, train)")
    layout_ = _learned("layout", "'single' (one series), 'long' (rows of id, time, values) or 'wide' (a column per series)")
    ids_ = _learned("ids", "each series' id as text ([None] for one series); S below is its length, the series' order")
    id_col_ = property(lambda self: of_model(self.state_.id_col, self.state_.ids) or self.state_.id_col,
                       lambda self, value: setattr(self.state_, "id_col", key_text(value) if isinstance(value, list) else value),
                       doc="the long table's id column ('unique_id' for a wide table's, as its forecasts name the "
                           "series; a list of a key's columns, ['item_id', 'store_id']; None for one series)")
    targets_ = _learned("targets", "the target columns, T below; a wide table's model: ['y'], the value column of the "
                                   "long rows it also reads (its forecast's y_hat), its series columns being ids_")
    past_covariates_ = _learned("past_covariates", "columns known up to the forecast time, read over the lookback")
    future_covariates_ = _learned("future_covariates", "columns known over the horizon too")
    features_ = property(lambda self: self.state_.features, doc="past then future covariates: with targets_, the C "
                                                                "columns the network reads, in that order")
    time_col_ = _learned("time_col", "the time column (None: rows are numbered)")
    calendar_ = _learned("calendar", "how the forecast dates continue: its pandas offset (freq), time zone, holidays "
                                     "and how the data writes its times")
    scalers_ = _learned("scalers", "each series' scaler, fitted on its own training rows: scaled = (value - offset) / "
                                   "scale, offset and scale [C] in the columns' original units")
    splits_ = _learned("splits", "each series' row borders: training rows [0, train_end), validation [train_end, "
                                 "val_end), test [val_end, end), counted in the series' rows as fit read them")
    train_means_ = _learned("train_means", "each series' mean of each target over its rows before the cutoff "
                                           "(training and validation), in original units: the training-mean baseline")
    mase_scales_ = _learned("mase_scales", "each series' in-sample (seasonal, season) naive MAE on its rows "
                                           "before the cutoff (training and validation), in original units: MASE's "
                                           "denominator")
    mase_pairs_ = _learned("mase_pairs", "how many pairs of values before the cutoff (a season apart) each scale of "
                                         "mase_scales_ averages; under 15 warned where MASE divides by it: a fit with "
                                         "test rows, evaluate, a backtest (None: a model saved without them)")
    train_spreads_ = _learned("train_spreads", "each series' standard deviation of each target on its training rows, "
                                               "in original units: what the scaled scores divide by under scaler='none' "
                                               "(None: a model saved without them)")
    static_encoder_ = _learned("static_encoder", "how static covariates are encoded: numbers z-scored across the "
                                                 "training series, categories coded 0 .. n - 1 (None without them)")
    static_covariates_ = property(
        lambda self: [] if self.static_encoder_ is None else
        list(self.static_encoder_.numeric_names) + list(self.static_encoder_.categorical_names),
        doc="the static covariates' names, numeric then categorical ([] without them)")
    static_inputs_ = _learned("static_inputs", "each series' numeric static covariates as encoded (z-scored across "
                                               "the training series; Kn columns, none without them)")
    static_codes_ = _learned("static_codes", "each series' category code of each categorical static covariate (Kc "
                                             "columns, none without them)")
    unused_columns_ = _learned("unused", "the data's columns fit did not use (no role named them)")
    skipped_series_ = property(lambda self: as_tuples(skipped_as_given(self.state_.skipped_series, self.state_.given_ids),
                                                      of_model(self.state_.id_col, self.state_.ids), self.state_.key,
                                                      self.state_.key_dtypes),
                               lambda self, value: setattr(self.state_, "skipped_series", value),
                               doc="series too short to train, one dict each: id (an integer id of fit's frame as "
                                   "given; a key's values, ('A', 1)), rows (it has), needed (the rows it would need)")
    train_seconds_ = _learned("train_seconds", "seconds the training loop took (wall clock)")
    diverged_epoch_ = _learned("diverged_epoch", "the epoch whose loss became NaN or infinite, ending training (the best "
                                                 "finished epoch kept); None where training did not diverge (save and "
                                                 "load keep it)")
    epoch_draw_ = _learned("epoch_draw", "what each epoch drew where max_batches cut it short: {batches, drawn, total, "
                                         "unit}; None where an epoch was a full pass")
    world_size_ = _learned("world_size", "processes that trained together (torchrun's DDP; 1: one process)")
    highway_start_ = _learned("highway_start", "with highway_start='least_squares': {penalty (None: zero kept), "
                                               "val_loss, zero_val_loss}, the validation losses in scaled units; else None")
    rnncast_version_ = _learned("rnncast_version", "the rnncast version that fitted the model, or (load) that wrote its "
                                                   "model.json, e.g. '1.2.0' (None: a folder written without one)")
    format_version_ = _learned("format_version", "the model folder's format version: a loaded model.json's as read "
                                                 "(1 where it has none), a fitted model's the one save writes")
    cutoffs_ = _learned("cutoffs", "each series' cutoff dates as the data writes its times: {data_start, train_end, "
                                   "val_end, data_end}, the first time fit read and the last of its training, validation "
                                   "and all its rows (val_end None without validation rows); None where rows are numbered "
                                   "or the model was saved before them and before borders (rebuilt from borders where "
                                   "kept; its rows: splits_)")
    test_scores_ = _learned("test_scores", "a run's test headline (rnncast fit's, kept in its model.json): {windows, mse, "
                                           "mae, mase (original units; several targets: the mean of theirs, each in "
                                           "its own units: target_scores_), beats_baselines (the verdict), baseline, "
                                           "verdict_units}; in Python the last evaluate(data) of the fit's own test split (no rows after the "
                                           "fit's, every series: decision 1638; an evaluate of newer rows leaves it); None "
                                           "where none was scored (a fit alone) or before kept")
    target_scores_ = _learned("target_scores", "several targets: each one's test {mse, mae, mase} in its own original "
                                               "units, in targets_ order, beside test_scores_ (whose mse is the mean of "
                                               "theirs: decision 1900); None for one target, or where test_scores_ is")
    scaler_ = property(lambda self: self.state_.scalers[0] if self.state_.layout == "single" else None,
                       doc="one series: its scaler (scalers_[0]); None for many series (see scalers_)")
    split_ = property(lambda self: self.state_.splits[0] if self.state_.layout == "single" else None,
                      doc="one series: its row borders (splits_[0]); None for many series (see splits_)")
    train_mean_ = property(lambda self: self.state_.train_means[0] if self.state_.layout == "single" else None,
                           doc="one series: each target's training mean in original units (train_means_[0]); None "
                               "for many series")

    def __getattr__(self, name: str):
        """Only asked for a name the instance and its class lack, or whose property found no ``state_``: a fitted
        attribute (a property of the class, or one fit sets) read before fit is refused by its own name."""
        if "net_" not in self.__dict__ and (name in FIT_SETS or isinstance(getattr(type(self), name, None), property)):
            raise NotFitted(f"{name} is learned by fit, and this {type(self).__name__} is not fitted yet; call fit(data, "
                            f"target=...) first, or load one: model = {type(self).__name__}.load(path)")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}{method_advice(name)}")

    def check_fitted(self, doing: str | None = None) -> None:
        """Raise ``NotFitted`` (an ``RnncastError``, and an ``AttributeError`` as reading a fitted attribute raises)
        unless ``fit`` or ``load`` gave this Forecaster a model; ``doing`` (predict, evaluate, save ...): what uses it,
        said once to use the fitted settings where set_params changed some."""
        if not hasattr(self, "net_"):
            raise NotFitted(f"this {type(self).__name__} is not fitted yet; call fit(data, target=...) first, or load one: "
                               f"model = {type(self).__name__}.load(path) (load returns a new {type(self).__name__})")
        if doing is not None:
            self.warn_changed(doing)

    @contextmanager
    def learning(self, state, net, device, checkpoint=None):
        """A fit's learned state set (``state_``, ``net_``, ``device_``; ``history_`` empty, and ``diverged_epoch_``
        None with the new state, until the fit ends) before its first epoch, so that ``on_epoch`` callbacks may use the
        model, and a refit's callback reads none of the earlier fit's epochs (``model_kept`` None, decision 1907); taken
        back where the fit stops (an error, Ctrl-C in a notebook): a failed first fit leaves the estimator unfitted, a
        failed refit the model fitted before as it was (``FIT_SETS``), a warning saying so (and that ``checkpoint``,
        where none was given, would keep the refit's finished epochs)."""
        before = {name: self.__dict__[name] for name in FIT_SETS if name in self.__dict__}
        self.state_, self.net_, self.device_, self.history_ = state, net, device, []
        try:
            yield
        except BaseException as err:
            for name in FIT_SETS:
                self.__dict__.pop(name, None)
            self.__dict__.update(before)
            if before:
                log.warning("the refit stopped (%s): the model fitted before is kept as it was%s", type(err).__name__,
                            "" if checkpoint is not None else "; a checkpoint (checkpoint=) would keep the refit's "
                            "finished epochs to resume from")
            raise

    def loss_figure(self):
        """The training (solid) and validation (dashed) loss per epoch of ``history_``, a dot at the epoch whose
        weights are kept, in the units the network trained in (scaled; original under ``scaler='none'``), of the
        loss fit trained on (MSE, MAE, pinball loss): the run's loss.png, as
        a matplotlib ``Figure`` made without pyplot, so a notebook shows it where it is returned and
        ``fig.savefig("loss.png")`` writes it. Raises ``RnncastError`` before fit or load."""
        self.check_fitted()
        from rnncast import madeof, plots  # matplotlib only when a figure is drawn

        settings = self.state_.settings
        trained_on = "pinball loss" if settings.model.quantiles else settings.train.loss.upper()
        from rnncast.spreads import loss_units

        name, start = madeof.legend_label(self.get_params()), self.state_.untrained_loss
        return plots.loss_figure({name: self.history_}, trained_on, loss_units(settings.data.scaler),
                                 {name: start} if start is not None else None)

    def forecast_figure(self, data):
        """Actual and predicted values over the test split of ``data`` (in original units), beside every baseline
        the verdict compares the model with: the run's forecast.png (``forecastplot.forecast_plot``), a matplotlib
        ``Figure`` made without pyplot. ``data``: a table as fit read it (the same roles; its test split is where
        fit's split put it; rows after the fit's data are drawn after it, the title counting them and a dotted line
        marking where the fit's data ends). At most 400 points are drawn, the first: to draw another stretch, slice
        ``data`` (``data.iloc[:n]``: the fit's own rows draw its test split alone; ``data.iloc[-(k + lookback):]``:
        the last k rows). A panel draws its best, median and worst series by test MASE; several targets a row each
        (``targetrows``: at most 6 rows, the title saying how many beyond). Raises ``RnncastError``
        before fit or load, and as ``evaluate`` does for data it cannot read."""
        self.check_fitted()
        from rnncast import madeof, untrained  # matplotlib only when a figure is drawn
        from rnncast.forecastplot import forecast_plot

        name = madeof.legend_label(self.get_params(), untrained.kept(self))  # "(lstm, untrained)" as the page says
        with hints(part=" (forecast_figure draws the test split and the rows after it)", evaluate="forecast_figure"):
            return forecast_plot(self, data, {name: self})  # it takes no part=: none offered

    def __sklearn_is_fitted__(self) -> bool:
        """Whether ``fit`` or ``load`` gave this estimator a model: scikit-learn's ``check_is_fitted`` asks it
        (the fitted attributes are properties over ``state_``, so its look for attributes ending in ``_`` would not do)."""
        return hasattr(self, "net_")

    def __sklearn_tags__(self):
        """scikit-learn's tags (``sklearn.utils.Tags``, scikit-learn 1.6+, which asks them of every estimator it
        checks): fitted before use, no estimator type (neither a classifier nor a regressor of ``fit(X, y)``: the
        target is a column of the data), no separate target. scikit-learn is imported here only, not by rnncast;
        raises ``ImportError`` without scikit-learn 1.6 or newer (older versions do not ask for tags)."""
        from sklearn.utils import Tags, TargetTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False), requires_fit=True)

    def changed_since_fit(self) -> list[tuple[str, object, object]]:
        """``(name, fitted, set)`` of each parameter whose value (``get_params``) differs from the one the fitted
        model was fitted with (``state_.params``): set_params changed it, and it takes effect at the next fit."""
        def value(v):
            v = plain(v)
            return tuple(v) if isinstance(v, list) else v
        fitted = self.state_.params
        given = self.get_params()
        now = plain_values(given)  # a cutoff given as pd.Timestamp is kept as its text (cutoff_text)
        then, now = compared(fitted), compared(now)  # tz 'UTC' fitted, 'Etc/UTC' set: one zone (its links resolved)
        return [(name, fitted[name], given[name]) for name in now
                if name in then and not same_value(value(now[name]), value(then[name]))]

    def warn_changed(self, doing: str) -> None:
        """Say once (per fitted model and set of changes, whichever use comes first: ``doing``, predict, evaluate or
        save) that the fitted settings are used, naming each one set_params changed since (fitted -> set):
        scikit-learn's contract, where set parameters take effect at the next fit; the one warning says what save
        writes too. Quiet where nothing changed but ``HOW_FIT_RUNS`` (verbose, threads), which shape no model."""
        changed = [c for c in self.changed_since_fit() if c[0] not in HOW_FIT_RUNS]
        if not changed or not first_time(self.state_.said, "settings", tuple(map(repr, changed))):
            return
        listed = ", ".join(f"{name} {fitted!r} -> {now!r}" for name, fitted, now in changed)
        log.warning("set_params changed %s since fit; they take effect at the next fit: until then %s uses the model as "
                    "fitted, as predict, evaluate and save do (save writes the settings it was fitted with, and "
                    "Forecaster.load gives those back)", listed, doing)

    # ---- files ------------------------------------------------------------------------------

    def save(self, folder, overwrite: bool = False) -> None:
        """Write the model folder: weights as safetensors, the fitted state (``FittedState.meta``, with the settings
        it was fitted with: a warning names those set_params changed since) as JSON, with ``history_`` (which ``load``
        gives back, so ``loss_figure`` draws the same curve). ``folder`` must be new or empty,
        or hold a model that ``overwrite=True`` replaces; never other files, a run's folder or its model/
        (``checkpoint.save_model``). A failed save leaves the folder as it was."""
        flag("overwrite", overwrite)
        self.check_fitted("save")
        checkpoint_io.save_model(folder, self.net_, {**self.state_.meta(), "history": runhistory.as_json(self.history_)},
                                 overwrite=overwrite)

    @class_only  # model.load(path) on an instance: refused, saying model = Forecaster.load(path)
    def load(cls, folder, device: str = "cpu") -> Self:
        """A new Forecaster read from a model folder (or a run directory holding ``model/``) written by ``save``:
        ``model = Forecaster.load(path)`` (called on an instance it is refused: it would leave that one unfitted); every
        way the folder can be broken is a ``RnncastError`` naming the problem. ``history_``: a run's history.csv, or the epochs a model
        folder keeps (``[]`` in one saved before it kept them)."""
        folder = pathargs.expanded(folder)  # "~/model": the home folder's, as save wrote it
        net, meta, history = checkpoint_io.load_with_history(folder)  # the model and its epochs: one run's
        state = FittedState.read(meta, net.spec, folder)
        forecaster = cls(**state.params)
        forecaster.state_, forecaster.history_ = state, history
        forecaster.device_ = resolve_device(device)
        forecaster.net_ = net.to(forecaster.device_).eval()
        return forecaster


def attributes_doc() -> str:
    """The fitted attributes as a docstring's Attributes section, scikit-learn's way (``Forecaster``'s): each name, its
    type and shape (``SET``, ``KINDS``) and what it holds, in its units; what fit sets first, then what it reads."""
    lines = ["", "    Attributes (set by fit, or load; reading one before is refused by name; S series, T targets, C "
             "columns:", "    targets then covariates)", "    ----------"]
    docs = {**SET, **{name: (KINDS[name], prop.__doc__) for name, prop in vars(Learned).items()
                      if isinstance(prop, property)}}
    for name, (kind, text) in docs.items():
        lines.append(f"    {name} : {kind}")
        lines += textwrap.wrap(text[0].upper() + text[1:] + ".", 110, initial_indent=" " * 8, subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"


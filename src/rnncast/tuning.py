"""Hyperparameter search with Optuna: ``rnncast tune DATA --target OT --trials 20``, or ``rnncast.tune``.

Each trial trains a ``Forecaster`` with settings drawn from the search space and is scored on the
validation split, with the weights fit keeps, in scaled units: a point model by its MSE, a quantile
model by its pinball loss averaged over the levels (a proper scoring rule for quantiles: see
``studies``); the test split is never read. The first trial of a new study is the library's defaults
(where they lie in the space), so tuning cannot end worse than them on validation. After each epoch
a trial reports the training loop's validation loss (a quantile head's is its pinball loss), and
Optuna's median pruner stops a trial that falls behind the median of earlier trials at the same
epoch. Settings given by the caller are fixed, not searched. Opening and checking the study is
``studies``.

The study lives in ``study.db`` (SQLite) in the tuning directory unless ``storage`` names another
database: ``--storage postgresql://...`` (or a SQLite file on a shared disk) with the same
``--study`` name lets many machines add trials to one study. The best trial's settings are
written as ``best.toml``, which ``rnncast fit --config`` trains.
"""

from __future__ import annotations

import logging
import operator
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rnncast import evaluation, files
from rnncast.config import CELLS, Settings, check_names
from rnncast.configfile import config_toml
from rnncast.errors import RnncastError, TrainingDiverged
from rnncast.forecaster import Forecaster
from rnncast.loading import load_panel
from rnncast.outputs import claim_tune, clear_output
from rnncast.settingvalues import plain_values
from rnncast.spelling import counted, one_series, spelled
from rnncast.studies import check_fixed, check_ranking, hide_password, open_study, ranking
from rnncast.windows import chronological_split, train_windows

log = logging.getLogger(__name__)

SEARCH = ("cell", "hidden_size", "num_layers", "lookback", "lr", "dropout")
HIDDEN_SIZES = (16, 32, 64, 128)
LOOKBACKS = (24, 48, 96, 168, 336)  # those too long for the data are left out
INSTALL_HINT = "pip install 'rnncast[tune]' (or: pip install optuna)"


@dataclass
class TuneResult:
    study: object  # optuna.Study: every trial, its settings, value and state
    settings: dict  # the best trial's settings, as Forecaster's keywords
    value: float  # its validation score, scaled units: the pinball loss of a quantile model, else the MSE
    config: Path | None  # best.toml, when the study has a directory
    ranked_by: str = "validation MSE (scaled units)"  # what value is, in words (studies.ranking)

    def forecaster(self) -> Forecaster:
        """An unfitted ``Forecaster`` with the best settings."""
        return Forecaster(**self.settings)


def tune(data, target=None, features=None, time_col=None, *, trials: int = 20, settings: dict | None = None,
         search=SEARCH, storage: str | None = None, study_name: str = "rnncast", out=None, overwrite: bool = False,
         timeout: float | None = None, sampler_seed: int | None = None, on_trial=None, on_start=None) -> TuneResult:
    """Search ``search`` (names from ``SEARCH``) for the settings with the lowest validation score:
    the MSE of a point model, the pinball loss averaged over the levels of a quantile model (scaled
    units; ``TuneResult.ranked_by`` says which).

    ``settings``: fixed Forecaster keywords (epochs, horizon, ...), never searched. ``trials``: how
    many trials this call runs (others may run at the same time against a shared ``storage``).
    ``out``: a folder for ``study.db`` (the default storage), ``best.toml``, ``trials.csv`` and
    ``tune.json``; without it and without ``storage`` the study stays in memory. ``out`` is claimed as
    ``rnncast tune --out`` claims it (``outputs.claim_tune``), held until its files are written: new,
    empty, or an earlier tune, which a tune of the same ``study_name`` and ``storage`` continues;
    ``overwrite=True`` replaces an earlier tune (its files removed once the data and settings are good)
    but never a file, a model, a run, a backtest or files rnncast did not write (a ``best.toml`` of your
    own), each refused with a ``RnncastError``. (A folder the caller holds, ``files.FolderLock``, is
    taken as claimed.)
    ``on_trial(trial)``: called with each finished trial (Optuna's ``FrozenTrial``); without it each is
    an INFO line of the ``rnncast.tuning`` logger (``trial_line``). Optuna's own INFO lines are quieted for
    the study (its verbosity WARNING, the caller's restored after). ``on_start()``:
    called once the data and settings are checked, before the study is opened or anything written.
    Many processes may open one new study at once: its creation is retried until one of them has
    made it and the others load it.
    """
    try:
        import optuna
    except ImportError:
        raise RnncastError(f"tuning needs the optuna package: {INSTALL_HINT}") from None
    given_trials = trials
    try:
        trials = operator.index(trials) if not isinstance(trials, bool) else None  # np.int64(5) is 5
    except TypeError:
        trials = None
    if trials is None or trials < 1:
        raise RnncastError(f"trials must be a positive integer, got {given_trials!r}")
    fixed = plain_values(dict(settings or {}))  # NumPy scalars as Python numbers: best.toml and tune.json write them
    unknown = [name for name in search if name not in SEARCH]
    if unknown:
        raise RnncastError(f"cannot search {unknown[0]!r}; searchable settings: {', '.join(SEARCH)}")
    searched = [name for name in search if name not in fixed]
    if not searched:
        raise RnncastError(f"every searched setting ({', '.join(search)}) is fixed; leave one of them out of the settings")
    base = _checked(fixed, searched)  # fixed settings checked before any trial
    if base.data.val_frac <= 0:
        raise RnncastError("tune scores each trial on the validation split; val_frac must be above 0")
    held = out
    if out is not None and not isinstance(out, files.FolderLock):
        held = claim_tune(Path(out), overwrite, study_name, storage)  # checked before the data is read
    try:
        return _tune_in(optuna, data, target, features, time_col, held and held.folder, overwrite, fixed, searched,
                        base, storage, study_name, trials, timeout, sampler_seed, on_trial, on_start)
    finally:
        if held is not out:
            held.release(tidy=True)  # a tune refused before it wrote anything leaves no folder behind


def _tune_in(optuna, data, target, features, time_col, out, overwrite, fixed, searched, base, storage, study_name,
             trials, timeout, sampler_seed, on_trial, on_start) -> TuneResult:
    """``tune`` once its arguments are checked and ``out`` (None: the study in memory or ``storage``) is held."""
    source = str(data) if isinstance(data, (str, Path)) else None
    with one_series("tune"):  # a hint for rows of several series says tune takes one, not to give id_col
        panel = load_panel(data, target, features, time_col, **base.data.reading())  # read and checked once
    if panel.n_series > 1:
        raise RnncastError(f"tune searches the settings of one series, but the data holds {panel.n_series} (told apart "
                           f"by {panel.id_col!r}); give it the rows of one of them")
    lookbacks = _lookbacks(len(panel.values), fixed) if "lookback" in searched else ()

    if overwrite and out is not None:
        clear_output(out)  # the data and settings are good: an earlier tune's files go only now
    if on_start is not None:
        on_start()
    if storage is None and out is not None:
        storage = f"sqlite:///{(out / 'study.db').resolve()}"
    seed = base.train.seed if sampler_seed is None else sampler_seed
    with quiet_optuna(optuna):
        return _search(optuna, panel, fixed, searched, lookbacks, base, out, source, storage, study_name, seed, trials,
                       timeout, on_trial)


@contextmanager
def quiet_optuna(optuna):
    """Optuna's own INFO lines ("A new study created", "Trial 0 finished with value ...") quieted to WARNING
    for the block, the caller's verbosity restored after: rnncast says each trial itself (``trial_line``)."""
    before = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(max(before, optuna.logging.WARNING))
    try:
        yield
    finally:
        optuna.logging.set_verbosity(before)


def trial_line(trial, ranked_by: str) -> str:
    """"trial 3: complete validation MSE 0.23190 after 5 epochs (lr 0.00125, dropout 0.358)": one finished
    trial (Optuna's ``FrozenTrial``) in words; ``ranked_by``: ``studies.ranking``'s words."""
    params = ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in trial.params.items())
    value = "" if trial.value is None else f" {ranked_by.split(' (')[0]} {trial.value:.5f}"
    epochs = trial.user_attrs.get("epochs", "?")
    after = counted(epochs, "epoch") if isinstance(epochs, int) else f"{epochs} epochs"
    return f"trial {trial.number}: {trial.state.name.lower()}{value} after {after} ({params})"


def _search(optuna, panel, fixed, searched, lookbacks, base, out, source, storage, study_name, seed, trials, timeout,
            on_trial) -> TuneResult:
    """``tune``'s study, once the data and settings are checked: opened, searched, written."""
    study, created = open_study(optuna, study_name, storage, optuna.samplers.TPESampler(seed=seed),
                                optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=2))
    check_fixed(study, study_name, base, searched, created)
    key, ranked_by = ranking(base.model.quantiles)
    check_ranking(study, study_name, key, created)

    def objective(trial) -> float:
        params = {**fixed, **{name: _suggest(trial, name, lookbacks) for name in searched}}
        started = time.perf_counter()

        def report(record) -> None:
            trial.report(record.val_loss, record.epoch)
            if trial.should_prune():
                trial.set_user_attr("epochs", record.epoch)
                trial.set_user_attr("seconds", time.perf_counter() - started)
                raise optuna.TrialPruned(f"validation loss {record.val_loss:.5g} at epoch {record.epoch}")

        model = Forecaster(**params).fit(panel, on_epoch=report)
        trial.set_user_attr("epochs", len(model.history_))
        trial.set_user_attr("seconds", time.perf_counter() - started)
        # the validation score of the weights fit keeps (the best epoch's, or the untrained net's if no epoch beat it)
        return evaluation.evaluate(model.part_forecasts(panel, part="val"))["scaled"]["model"][key]  # scores, no words

    if created or not study.trials:  # a new study starts from the defaults, so the best trial is never worse than them
        defaults = {name: value for name, value in Forecaster().get_params().items() if name in searched}
        if defaults.get("lookback") not in lookbacks:
            defaults.pop("lookback", None)  # left to the sampler
        study.enqueue_trial(defaults)
    # each finished trial: the caller's callback, else an INFO line (Optuna's own lines are quieted)
    callbacks = [lambda _study, trial: on_trial(trial) if on_trial else log.info(trial_line(trial, ranked_by))]
    study.optimize(objective, n_trials=trials, timeout=timeout, catch=(TrainingDiverged,), callbacks=callbacks)
    try:
        best = study.best_trial
    except ValueError:
        raise RnncastError("no trial of the study finished (all pruned or diverged); try more trials or epochs") from None
    best_settings = {**Forecaster().get_params(), **fixed, **best.params}
    result = TuneResult(study, best_settings, best.value, None, ranked_by)
    if out is not None:
        result.config = _write_study(out, result, source, panel, searched, storage)
    return result


def _suggest(trial, name: str, lookbacks: tuple):
    if name == "cell":
        return trial.suggest_categorical("cell", list(CELLS))
    if name == "hidden_size":
        return trial.suggest_categorical("hidden_size", list(HIDDEN_SIZES))
    if name == "num_layers":
        return trial.suggest_int("num_layers", 1, 3)
    if name == "lookback":
        return trial.suggest_categorical("lookback", list(lookbacks))
    if name == "lr":
        return trial.suggest_float("lr", 1e-4, 1e-2, log=True)
    return trial.suggest_float("dropout", 0.0, 0.5)


def _checked(fixed: dict, searched: list) -> Settings:
    """The fixed settings, checked; with the lookback searched, beside the first lookback of
    ``LOOKBACKS`` they take (a season of 52 needs a lookback of at least 52, not the default 50)."""
    check_names(fixed)  # a misspelt name is said as it is, not as what no lookback fits
    if "lookback" not in searched:
        return Settings.from_flat(fixed)
    for lookback in LOOKBACKS:
        try:
            return Settings.from_flat({**fixed, "lookback": lookback})
        except RnncastError as err:
            refused = err
    raise RnncastError(f"no lookback the search tries ({', '.join(map(str, LOOKBACKS))}) fits these settings: "
                       f"{refused}; give --lookback to fix one")


def _lookbacks(n_rows: int, fixed: dict) -> tuple:
    """The lookbacks of ``LOOKBACKS`` that the fixed settings take (at least the season, a whole number
    of segments), that leave the data a training, validation and test part, and whose training rows
    hold at least as many windows as the lookback has steps (the lookback and horizon take at most
    about half of the training rows: 51 training rows hold one window of lookback 48 + horizon 3, 25 of
    lookback 24). Where none holds that many, the shortest that fits, and a warning says so."""
    fits, enough = [], []
    for lookback in LOOKBACKS:
        try:
            data = Settings.from_flat({**fixed, "lookback": lookback}).data
            split = chronological_split(n_rows, lookback, data.horizon, data.val_frac, data.test_frac)
        except RnncastError:
            continue
        fits.append((lookback, train_windows([split], lookback, data.horizon), split.train_end))
        if fits[-1][1] >= lookback:
            enough.append(lookback)
    if not fits:
        raise RnncastError(f"{n_rows} rows are too few for any lookback of {LOOKBACKS} that these settings take; "
                           "give --lookback to fix one")
    left_out = [f"{lookback} ({count} window{'s' if count != 1 else ''})" for lookback, count, _ in fits
                if lookback not in enough]
    if not enough:
        lookback, count, rows = fits[0]
        log.warning("every lookback the search tries leaves the %d training rows fewer windows than its length; only the "
                    "shortest is searched, %s; a shorter lookback, fixed with %s, leaves more", rows, left_out[0],
                    spelled("lookback"))
        return (lookback,)
    if left_out:
        log.info("lookbacks searched: %s (each leaves the %d training rows at least as many windows as its length; "
                 "not %s)", ", ".join(map(str, enough)), fits[0][2], ", ".join(left_out))
    return tuple(enough)


def _write_study(out: Path, result: TuneResult, source, panel, searched, storage: str) -> Path:
    study, best = result.study, result.study.best_trial
    request = {"data": source, "target": panel.targets, "features": panel.features or None,
               "time_col": panel.time_col}
    comment = (f"best trial {best.number} of study {study.study_name!r}: {result.ranked_by} {best.value:.6g}\n"
               f"searched: {', '.join(searched)}; train it with: rnncast fit --config {out / 'best.toml'}")
    config = out / "best.toml"
    files.write_text(config, config_toml({**request, **result.settings}, comment))
    rows = ["number,state,value,epochs,seconds," + ",".join(searched)]
    for trial in study.trials:
        value = "" if trial.value is None else f"{trial.value:.8g}"
        params = ",".join(str(trial.params.get(name, "")) for name in searched)
        seconds = trial.user_attrs.get("seconds")
        rows.append(f"{trial.number},{trial.state.name},{value},{trial.user_attrs.get('epochs', '')},"
                    f"{'' if seconds is None else f'{seconds:.2f}'},{params}")
    files.write_text(out / "trials.csv", "\n".join(rows) + "\n")
    states = {}
    for trial in study.trials:
        states[trial.state.name] = states.get(trial.state.name, 0) + 1
    files.write_json(out / "tune.json", {
        "study": study.study_name, "storage": hide_password(storage), "searched": list(searched),
        "ranked_by": result.ranked_by,
        "best": {"trial": best.number, "value": best.value, "params": best.params, "settings": result.settings},
        "trials": states,
    })
    return config

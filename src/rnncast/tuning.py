"""Hyperparameter search with Optuna: ``rnncast tune DATA --target OT --trials 20``, or ``rnncast.tune``.

Each trial trains a ``Forecaster`` with settings drawn from the search space and is scored on the
validation split, with the weights fit keeps, in scaled units: a point model by its MSE, a quantile
model by its pinball loss averaged over the levels (a proper scoring rule for quantiles: see
``studies``); the test split is never read. The first trial of a new study is the library's defaults
(where they lie in the space), so tuning cannot end worse than them on validation; a call that finds that
trial never finished (interrupted) runs it again, as it runs again the settings of any trial an interrupt or a
stopped process lost (``trialgrid.rerun_lost``). Trials are drawn by ``trialseeds``' TPE sampler, but for a space of
choices only, where ``trialgrid`` trains each combination once and stops after the last. After each epoch
a trial reports the training loop's validation loss (a quantile head's is its pinball loss), and
Optuna's median pruner stops a trial that falls behind the median of earlier trials at the same
epoch. Settings given by the caller are fixed, not searched. Opening and checking the study is
``studies``.

The study lives in ``study.db`` (SQLite) in the tuning directory unless ``storage`` names another
database: ``--storage postgresql://...`` (or a SQLite file on a shared disk) with the same
``--study`` name lets many machines add trials to one study. The best trial's settings are
written as ``best.toml`` (the data by its absolute path), which ``rnncast fit --config`` trains; a
trial a killed tune of the same folder left running is failed when the study opens (``trialowners``).
"""

from __future__ import annotations

import logging
import math
import numbers
import time
from pathlib import Path

from rnncast import (climatologyfit, cutting, evaluation, fullstudy, gapwindows, negatives, newforecasts, pathargs,
                     resolution, studies, trialgrid, trialseeds)
from rnncast.checkedcalls import FIXED, checked_call
from rnncast.folderlock import FolderLock
from rnncast.errors import NothingLeft, RnncastError, TrainingDiverged
from rnncast.fitting import check_roles
from rnncast.forecaster import Forecaster
from rnncast.forecasting import Model
from rnncast.interrupts import stop_if_asked
from rnncast.loading import load_panel
from rnncast.noticed import said_once
from rnncast.outputs import clear_output
from rnncast.runhistory import best_epoch
from rnncast.tuneoutputs import (BEST_EPOCH, claim_tune, kept_untrained, own_storage, untrained_best, write_study,
                                 write_trials)
from rnncast.searchspace import (LOOKBACKS, check_space, fixed_checked, in_space, not_fixed, resolved,
                                 searched_lookbacks, suggest, what_is_searched)
from rnncast.settingvalues import flag, plain_values, positive_int
from rnncast.speakers import speaking_as
from rnncast.spelling import counted, spelled
from rnncast.studies import (check_fixed, check_ranking, check_search, defaults_due, fail_stale_trials, lost_params,
                             forget_new_study, open_study, quiet_optuna, ranking)
from rnncast.trialowners import fail_left_running, owned
from rnncast.trialseeds import seeded_sampler
from rnncast.tunepanel import ROLES, check_data, check_key, shortest
from rnncast.tuneresult import TuneResult  # what tune returns; rnncast.tuning.TuneResult, as before

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'rnncast[tune]' (or: pip install optuna)"


@checked_call(FIXED)  # tune(df, epochs=3): said as a setting given in settings=, not Python's TypeError
def tune(data, target=None, features=None, time_col=None, *, trials: int = 20, settings: dict | None = None,
         search=None, storage: str | None = None, study_name: str = "rnncast", out=None, overwrite: bool = False,
         timeout: float | None = None, sampler_seed: int | None = None, on_trial=None, on_start=None, id_col=None,
         series=None, past_covariates=None, future_covariates=None, static_covariates=None,
         static_categorical=None) -> TuneResult:
    """Search ``search`` for the settings with the lowest validation score: the MSE of a point model,
    the pinball loss averaged over the levels of a quantile model (scaled units; ``TuneResult.ranked_by``
    says which).

    ``search``: a name of ``SEARCH``, a list of them (each drawn from its default space), or a dict of
    name -> its space: ``(low, high)`` for ``num_layers``, ``lr`` (log scale) and ``dropout``, a list of
    choices for ``cell``, ``hidden_size`` and ``lookback``, None for the default (``searchspace``);
    None: every one of ``SEARCH`` not fixed. ``settings``: fixed Forecaster keywords (epochs, horizon,
    ...), never searched; one also named in ``search`` is refused. ``trials``: how
    many trials this call runs (others may run at the same time against a shared ``storage``); of a space of
    choices only, no more than it has combinations the study has not tried (``trialgrid``; a warning says so).
    ``out``: a folder for ``study.db`` (the default storage), ``best.toml``, ``trials.csv`` and
    ``tune.json``; without it and without ``storage`` the study stays in memory. ``out`` is claimed as
    ``rnncast tune --out`` claims it (``tuneoutputs.claim_tune``), held until its files are written: new,
    empty, or an earlier tune, which a tune of the same ``study_name`` and ``storage`` continues;
    ``overwrite=True`` replaces an earlier tune (its files removed once the data and settings are good)
    but never a file, a model, a run, a backtest or files rnncast did not write (a ``best.toml`` of your
    own), each refused with a ``RnncastError``. (A folder the caller holds, ``folderlock.FolderLock``, is
    taken as claimed.)
    ``on_trial(trial)``: called with each finished trial (Optuna's ``FrozenTrial``); without it each is
    an INFO line of the ``rnncast.tuning`` logger (``trial_line``). Optuna's own INFO lines are quieted for
    the study (its verbosity WARNING, the caller's restored after). ``on_start()``:
    called once the data and settings are checked (and, with ``overwrite``, an earlier tune's files removed),
    before the study is opened.
    Many processes may open one new study at once: its creation is retried until one of them has
    made it and the others load it. ``timeout``: seconds after which no further trial starts.
    ``id_col``, ``series``, ``past_covariates``, ``future_covariates``, ``static_covariates``, ``static_categorical``:
    many series and covariates by role, read as ``Forecaster.fit`` reads them (the covariate roles beside or instead
    of ``features``); each trial fits the panel as fit does and is scored on every series' validation windows (pooled, in
    scaled units); a searched lookback fits every series (``searchspace.searched_lookbacks``); best.toml writes them
    for ``fit --config`` (``TuneResult.roles``, every data role given, for ``fit``), and a study continued on another key, or on other data
    (``tunepanel.check_data``), is refused.

    Raises ``RnncastError`` before the study is opened for bad ``trials``, ``timeout``, ``sampler_seed``, ``search`` or
    ``settings`` (a space outside what its setting takes, a fixed setting the data cannot fit), before any
    trial for a study continued with other fixed settings or another search space (``studies``), and after
    the search when its trials all failed or were pruned, or the timeout ran out before the first (the
    study it created then removed, with the trial of defaults it had queued).
    """
    try:
        import optuna
    except ImportError:
        raise RnncastError(f"tuning needs the optuna package: {INSTALL_HINT}") from None
    flag("overwrite", overwrite)  # 'no' would read as yes
    positive_int("trials", trials)  # and at most 2**63 - 1
    trials = int(trials)  # np.int64(5) is 5
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, numbers.Real)
                                or not timeout > 0 or not math.isfinite(timeout)):
        raise RnncastError(f"timeout must be a positive number of seconds, got {timeout!r}; leave it out for no time "
                           "limit")
    if storage is not None and not isinstance(storage, str):  # re's TypeError from deep in the URL's parse
        raise RnncastError(f"storage must be a database URL as text, such as sqlite:////shared/study.db or "
                           f"postgresql://user@host/db, got {type(storage).__name__} {storage!r}")
    if named := [k for k in ROLES if isinstance(settings, dict) and k in settings]:
        raise RnncastError(f"tune's settings= hold {', '.join(named)}, a column role, not a setting: "  # not "unknown"
                           f"give it as tune(data, {named[0]}=...), as fit takes it")
    roles = {k: v for k, v in dict(id_col=id_col, series=series, past_covariates=past_covariates,
                                   future_covariates=future_covariates, static_covariates=static_covariates,
                                   static_categorical=static_categorical).items() if v is not None}
    fixed = plain_values(dict(settings or {}))  # NumPy scalars as Python numbers: best.toml and tune.json write them
    space = not_fixed(what_is_searched(search), fixed, given=search is not None)
    searched = list(space)
    base = fixed_checked(fixed, searched, space.get("lookback") or LOOKBACKS)  # fixed settings checked before any trial
    check_space(space, fixed, base)
    sampler_seed = trialseeds.sampler_seed(sampler_seed, base.train.seed)  # 0 to 2**32 - 1: Optuna's range
    if base.data.val_frac <= 0:
        raise RnncastError("tune scores each trial on the validation split; val_frac must be above 0")
    held = out
    if out is not None and not isinstance(out, FolderLock):
        held = claim_tune(Path(pathargs.checked("tune's out", out, "the tuning folder (or None)")), overwrite, study_name, storage)  # checked before the data is read
    try:
        with said_once():  # the data's warnings said once: as read, before the trials or by the first, not by each
            return _tune_in(optuna, data, target, features, time_col, held and held.folder, overwrite, fixed, space,
                            base, storage, study_name, trials, timeout, sampler_seed, on_trial, on_start, roles)
    finally:
        if held is not out:
            held.release(tidy=True)  # a tune refused before it wrote anything leaves no folder behind


def _tune_in(optuna, data, target, features, time_col, out, overwrite, fixed, space, base, storage, study_name,
             trials, timeout, sampler_seed, on_trial, on_start, roles) -> TuneResult:
    """``tune`` once its arguments are checked and ``out`` (None: the study in memory or ``storage``) is held."""
    source = str(Path(data).absolute()) if isinstance(data, (str, Path)) else None  # best.toml: from any directory
    panel = load_panel(data, target, features, time_col, **roles, **base.data.reading())  # read and checked once
    check_roles(panel, base)  # what every trial's fit would refuse, refused before the study is opened
    if "lookback" in space:  # each fits every series: the trials of two lookbacks are scored on the same series
        space["lookback"] = searched_lookbacks(panel.lengths, fixed, space.get("lookback"), shortest(panel))
    short = [] if "lookback" in space else cutting.cut(panel, None, base.data)[2]  # a fixed lookback too long for a
    # series of the data: fit's warning names it before any trial (not again by one: tune's said_once), each leaves it out
    if overwrite and out is not None:
        clear_output(out)  # the data and settings are good: an earlier tune's files go only now
    if on_start is not None:
        on_start()
    if storage is None and out is not None:
        storage = own_storage(out)
    given = {k: v for k, v in dict(target=target, features=features, time_col=time_col).items() if v is not None}
    with quiet_optuna(optuna), fullstudy.said_full(storage, out):  # SQLite's full disk: its file named, one line
        return _search(optuna, panel, fixed, space, base, out, source, storage, study_name, sampler_seed, trials, timeout,
                       on_trial, time_col is False, {**given, **roles}, short)  # TuneResult.roles: every data role


def loss_text(value: float) -> str:
    """A trial's validation loss as its line writes it: five decimals ("0.23190"), or five significant digits below
    0.001, which five decimals write as 0.00000 (a squeezed series' 9.3063e-10, decision 745)."""
    return f"{value:.5f}" if value == 0 or abs(value) >= 1e-3 else f"{value:.5g}"


def trial_line(trial, ranked_by: str) -> str:
    """"trial 3: complete validation MSE 0.23190 after 5 epochs (lr 0.00125, dropout 0.358)": one finished
    trial (Optuna's ``FrozenTrial``) in words, ending "; best epoch 0: no epoch improved on the untrained network's
    validation loss, so it kept that network" where it did; ``ranked_by``: ``studies.ranking``'s words."""
    params = ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in trial.params.items())
    value = "" if trial.value is None else f" {ranked_by.split(' (')[0]} {loss_text(trial.value)}"
    epochs = trial.user_attrs.get("epochs", "?")
    after = counted(epochs, "epoch") if isinstance(epochs, int) else f"{epochs} epochs"
    why = f": {trial.user_attrs['failed']}" if "failed" in trial.user_attrs else ""
    if kept_untrained(trial):  # its score is the untrained network's: said on its line, as trials.csv says it
        why += "; best epoch 0: no epoch improved on the untrained network's validation loss, so it kept that network"
    return f"trial {trial.number}: {trial.state.name.lower()}{value} after {after} ({params}){why}"


def _search(optuna, panel, fixed, space, base, out, source, storage, study_name, seed, trials, timeout,
            on_trial, told_none: bool = False, roles=None, short=()) -> TuneResult:
    """``tune``'s study, once the data and settings are checked: opened, searched, written (``told_none``: read with
    time_col=False, which best.toml keeps; ``roles``: the data roles tune was given, its id_col=, ... written too;
    ``short``: the series every trial leaves out as too short, ``cutting.cut``'s records, which tune.json names)."""
    def stale(_study, trial) -> None:
        log.warning("trial %d was left running by a process that stopped (no heartbeat for %d s): marked failed",
                    trial.number, studies.GRACE_S)

    def left(number, pid) -> None:
        log.warning("trial %d was left running by a tune that stopped (pid %s, which held %s): marked failed",
                    number, pid, out)

    study, created = open_study(optuna, study_name, storage, seeded_sampler(optuna, seed),
                                optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=2), on_stale=stale)
    searched = list(space)
    check_fixed(study, study_name, base, searched, created)
    check_key(study, study_name, panel, created)  # its trials were scored on the series of one key
    check_data(study, study_name, panel, created)  # ... and of one data
    space = check_search(study, study_name, resolved(space), created)  # one space per study, before any trial
    study.sampler = trialgrid.sampler(optuna, study, space, seed)  # a space of choices: each combination once
    key, ranked_by = ranking(base.model.quantiles, base.data.scaler)
    check_ranking(study, study_name, key, created)
    fail_stale_trials(optuna, study)  # only once the settings are the study's: a call refused writes no FAIL
    fail_left_running(optuna, study, storage, out, left)  # this process holds out: whoever else held it stopped

    def objective(trial) -> float:
        params = {**fixed, **{name: suggest(trial, name, given) for name, given in space.items()}}
        trialgrid.give_up_twin(optuna, study, trial, space)  # another process drew it too: not trained twice
        started = time.perf_counter()

        def report(record) -> None:
            trial.report(record.val_loss, record.epoch)
            if trial.should_prune():
                trial.set_user_attr("epochs", record.epoch)
                trial.set_user_attr("seconds", time.perf_counter() - started)
                raise optuna.TrialPruned(f"validation loss {record.val_loss:.5g} at epoch {record.epoch}")

        try:
            with speaking_as(f"trial {trial.number}"), gapwindows.quiet(), resolution.test_rows_told(resolution.TUNED), \
                    climatologyfit.unkept():  # its warnings name it, a test row's refusal that tune never scores it; gaps
                # said once (the data's); no climatology: a trial is ranked by the model's score alone (decision 1692)
                model = Forecaster(**params).fit(panel, on_epoch=report)
        except TrainingDiverged as err:
            trial.set_user_attr("failed", str(err))  # said in its trial line
            trial.set_user_attr(studies.DIVERGED_ATTR, True)  # it ran: a continued tune does not run it again
            raise
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM at a batch (ctrl_c_between_batches): Optuna fails the trial
            trial.set_user_attr("failed", "interrupted")  # lost: a continued tune runs its settings again (rerun_lost)
            raise
        except (optuna.TrialPruned, optuna.exceptions.StorageInternalError, OSError):
            raise  # pruned; or the study's disk or database failed: lost, a continued tune runs it again
        except Exception as err:  # it would raise again: a continued tune does not run it first (decision 1551)
            trial.set_user_attr("failed", (str(err).strip().splitlines() or [type(err).__name__])[0])
            trial.set_user_attr(trialgrid.RAISED_ATTR, True)
            raise
        trial.set_user_attr("epochs", len(model.history_))
        trial.set_user_attr(BEST_EPOCH, best_epoch(model.history_))  # 0: it kept its untrained network (trials.csv)
        trial.set_user_attr("seconds", time.perf_counter() - started)
        # the validation score of the weights fit keeps (the best epoch's, or the untrained net's): scores, no words
        with gapwindows.quiet(), negatives.quiet():  # the model's score alone: no baseline's intervals, and every
            try:  # window of the part, none left out for the seasonal naive baseline's sake (decision 1829)
                val = newforecasts.new_part(Model(model.net_, model.state_, model.device_), panel, "val",
                                            with_bands=False, baselines=False)
            except NothingLeft as err:  # nothing of its part to score: this trial fails, the study goes on (decision 1829)
                trial.set_user_attr("failed", str(err).strip().splitlines()[0])
                trial.set_user_attr(trialgrid.RAISED_ATTR, True)
                raise
            return evaluation.evaluate(val)["scaled"]["model"][key]

    stop_if_asked()  # a Ctrl-C while the data was read and the study opened: stopped before any trial
    defaults = {name: value for name, value in Forecaster().get_params().items()
                if name in space and in_space(name, value, space[name])}  # those outside it left to the sampler
    lost = defaults_due(study, defaults)  # a new study starts from the defaults: the best is never worse than them
    if lost is not None:
        if lost:
            log.warning("%s %s, the library's defaults, never finished: this call runs them first, as its trial %d",
                        "trial" if len(lost) == 1 else "trials", " and ".join(map(str, lost)), len(study.trials))
        study.enqueue_trial(lost_params(study, lost, defaults))  # the lost trial as it was drawn
    trialgrid.rerun_lost(study, space)  # the settings only lost (interrupted) trials ran, run again first: any space
    runs = trialgrid.trials_to_run(study, study_name, space, trials)
    ran = []

    def finished(_study, trial) -> None:
        """Each finished trial: the study's files written (a tune killed later keeps them), then the caller's
        callback, else an INFO line (Optuna's own lines are quieted)."""
        ran.append(trial.number)
        written(out)
        on_trial(trial) if on_trial else log.info(trial_line(trial, ranked_by))
        stop_if_asked()  # a Ctrl-C after the trial's last batch: stopped here, the trial kept

    def written(folder) -> TuneResult | None:
        try:
            best = study.best_trial
        except ValueError:  # no trial completed yet: trials.csv alone, why each failed (interrupted, diverged)
            if folder is not None and study.trials:
                write_trials(folder, study, list(space))
            return None
        result = TuneResult(study, {**Forecaster().get_params(), **fixed, **best.params}, best.value, None, ranked_by,
                            dict(roles or {}))
        if folder is not None:
            result.config = write_study(folder, result, source, panel, space, storage, told_none, short)
        return result

    try:  # within tune's said_once: the data's warnings said by the first trial, not by every one
        study.optimize(owned(objective, out), n_trials=runs, timeout=timeout, catch=(TrainingDiverged, NothingLeft),
                       callbacks=[finished])
    except KeyboardInterrupt:  # the trial it stopped is failed: trials.csv says so, with why
        written(out)
        raise
    except RnncastError:  # a refusal of the first trial's fit: the study this call created goes, so a corrected call starts anew
        if created and not ran:
            forget_new_study(optuna, study, storage, out, refused=True)
        raise
    fail_stale_trials(optuna, study)  # those whose process stopped while this one ran
    if not ran and runs and timeout is not None:  # Optuna looks at the timeout before each trial, the first too: none started
        if created:
            forget_new_study(optuna, study, storage, out)
        raise RnncastError(f"the timeout of {timeout:g} s ran out before a trial finished; give more time "
                           f"({spelled('timeout')})")
    if timeout is not None and len(ran) < runs:  # Optuna stops asking for trials once the time is out, saying nothing
        log.warning("the timeout of %g s ran out after %s of the %d asked for; give more time (%s) for the others",
                    timeout, counted(len(ran), "trial"), runs, spelled("timeout"))
    result = written(out)
    if result is None:
        raise RnncastError("no trial of the study finished (all pruned, diverged or with nothing to score); try more trials or "
                           "epochs")
    if kept_untrained(result.study.best_trial):  # its score is where the network starts: said, not ranked silently
        log.warning(untrained_best(result.study.best_trial))
    return result

"""A tune study in its storage: opened or created (processes racing to create one new study), and
checked before trials are added to it: the fixed settings its trials ran with, the space they were
drawn from, and what it ranks them by; whether a call runs the trial of the library's defaults (again,
when it never finished: ``defaults_due``); Optuna's own lines quieted while tune runs (``quiet_optuna``).

A point model's trials are ranked by the validation MSE; a quantile model's by the validation
pinball loss averaged over its levels, a proper scoring rule for quantile forecasts (Koenker and
Bassett, "Regression Quantiles", Econometrica 1978; Gneiting and Raftery, "Strictly Proper Scoring
Rules, Prediction, and Estimation", JASA 2007): the median's MSE says nothing of the intervals, so it
would rank a model with useless intervals first. Both are in scaled units (each series' own scale),
as the training loop's validation loss is, on the weights fit keeps. A study records what it ranks by
(``RANKING_ATTR``), so trials scored two ways are never ranked together.
"""

from __future__ import annotations

import json
import logging
import random
import time
import warnings
from contextlib import contextmanager

from rnncast.config import HOW_FIT_RUNS, Settings
from rnncast.errors import RnncastError
from rnncast.fullstudy import SIDE_FILES, disk_full
from rnncast.searchspace import space_text
from rnncast.settingvalues import plain_values
from rnncast.storagetext import hide_password
from rnncast.zonenames import compared

RANKING_ATTR = "rnncast_ranked_by"  # the study's user attribute: "mse" or "pinball"


def ranking(quantiles, scaler: str = "standard") -> tuple[str, str]:
    """What the trials of a model with these quantile levels (() for a point model) are ranked by:
    the key of ``evaluate``'s scaled model scores ("mse" or "pinball") and its words, e.g.
    "validation pinball loss (mean over the quantiles 0.1, 0.5, 0.9; scaled units)"; under ``scaler='none'``
    the scaled scores divide each series by its training rows' spread ("training-spread units", ``spreads``)."""
    units = "training-spread units" if scaler == "none" else "scaled units"
    if quantiles:
        levels = ", ".join(f"{q:g}" for q in quantiles)
        return "pinball", f"validation pinball loss (mean over the quantiles {levels}; {units})"
    return "mse", f"validation MSE ({units})"


def check_ranking(study, name: str, key: str, created: bool) -> None:
    """A study ranks its trials one way: a new (or empty) one records ``key``; one whose trials were
    scored another way is refused by name (a study without the record was made before quantile
    models were ranked by the pinball loss: every trial of it by the validation MSE)."""
    recorded = study.user_attrs.get(RANKING_ATTR)
    if recorded is None and (created or not study.trials):
        study.set_user_attr(RANKING_ATTR, key)
        return
    was = recorded or "mse"
    if was != key:
        words = {"mse": "validation MSE (of the median, for a quantile model)", "pinball": "validation pinball loss"}
        raise RnncastError(f"study {name!r} ranked its trials by the {words[was]}, and this call ranks them by the "
                           f"{words[key]}: its trials' values cannot be ranked together; give another study name "
                           "(--study) or folder (--out)")
    if recorded is None:
        study.set_user_attr(RANKING_ATTR, key)


FIXED_ATTR = "rnncast_fixed_settings"  # the study's user attribute: the settings in effect for its trials
UNRANKED = ("device", *HOW_FIT_RUNS)  # settings that do not change what a trial scores: machines may differ
MISSING = object()  # a setting one side of check_fixed lacks (searched there)


def check_fixed(study, name: str, base: Settings, searched: list, created: bool) -> None:
    """A study continued with other settings would mix trials of two settings in one ranking, and
    best.toml would pair the best trial's searched settings with this call's fixed ones: refused,
    naming the first setting that differs. Compared are the values in effect (a default given as a
    flag is the default), all but the searched ones and ``UNRANKED``. A new study records them; one
    made before they were recorded, with trials, cannot be checked and is continued as it is. Two
    processes that create one study at the same moment both record theirs (the last one stays)."""
    wanted = {key: value for key, value in base.flat().items() if key not in searched and key not in UNRANKED}
    wanted = json.loads(json.dumps(wanted))  # tuples as lists, as the storage keeps them
    recorded = study.user_attrs.get(FIXED_ATTR)
    if recorded is None:
        if created or not study.trials:
            study.set_user_attr(FIXED_ATTR, wanted)
        return
    searched_then = {*(study.user_attrs.get(SEARCH_ATTR) or {}), *(name for t in study.trials for name in t.params)}
    recorded = {**_added_since(recorded, wanted, searched_then), **plain_values(recorded)}  # through the normaliser
    # this call's went through (Settings.from_flat): a zone recorded 'utc' before 1215 is 'UTC', as this call's is
    then, now = compared(recorded), compared(wanted)  # --tz UTC then, Etc/UTC now: one zone (its links resolved)
    differ = sorted(key for key in set(recorded) | set(wanted) if then.get(key, MISSING) != now.get(key, MISSING))
    if differ:
        key = differ[0]
        was = f"searched {key}" if key not in recorded else f"was run with {key} {_value_text(recorded[key])}"
        raise RnncastError(f"study {name!r} {was}, and {_this_call(key, wanted)}: its trials would mix two settings; "
                           "give the settings it was run with, or another study name (--study) or folder (--out)")


def _added_since(recorded: dict, wanted: dict, searched: set) -> dict:
    """The settings rnncast gained after a study recorded its fixed ones (``nonnegative``, ``target_input``), at the
    library's default, which its trials ran with: a key the record lacks was searched only where the study's search
    space or a trial's parameters name it (``searched``). Without this every new setting refused every older study
    ("searched nonnegative", t26t7)."""
    defaults = json.loads(json.dumps(Settings.from_flat({}).flat()))
    return {key: defaults[key] for key in wanted if key in defaults and key not in recorded and key not in searched}


def _value_text(value) -> str:
    """A setting's value as a refusal says it: ``[0.1, 0.9]``, "none" for an empty list (no quantiles)."""
    return "none" if value == [] else repr(value)


def _this_call(key: str, wanted: dict) -> str:
    """What this call does with setting ``key`` in ``check_fixed``'s refusal: "this call searches it",
    "this call gives 64", or, where its value is the library's default (left out, most likely),
    "this call's cell is the default 'lstm'" ("this call has no quantiles, the default")."""
    if key not in wanted:
        return "this call searches it"
    text = _value_text(wanted[key])
    default = json.loads(json.dumps(Settings.from_flat({}).flat())).get(key, MISSING)
    if wanted[key] != default:
        return f"this call gives {text}"
    return f"this call has no {key}, the default" if text == "none" else f"this call's {key} is the default {text}"


SEARCH_ATTR = "rnncast_search_space"  # the study's user attribute: {name: [low, high] or [choices]} of its trials


def check_search(study, name: str, wanted: dict, created: bool) -> dict:
    """Optuna refuses a parameter's choices changed in one study (at the trial, after the trial has
    started: a FAIL row), and takes a range changed without a word, mixing trials of two spaces in one
    ranking: a study is searched in one space (``wanted``: ``searchspace.resolved``), refused by name
    before any trial runs when it differs. A new study records it; one made before spaces were
    recorded is compared with its trials' distributions, where it has any, and then records it. The
    same choices in another order are the study's (Optuna's choices are ordered): returned as recorded,
    the settings in the study's order too (every trial draws them in one order: ``trialgrid``)."""
    wanted = json.loads(json.dumps(wanted))  # tuples as lists, as the storage keeps them
    recorded = study.user_attrs.get(SEARCH_ATTR)
    if recorded is None:
        recorded = _trial_space(study) if not created else {}
        if not recorded:
            study.set_user_attr(SEARCH_ATTR, wanted)
            return wanted
    same = set(recorded) == set(wanted) and all(
        recorded[key] == wanted[key]
        or (key in CHOICE_NAMES and sorted(recorded[key], key=repr) == sorted(wanted[key], key=repr))
        for key in wanted)
    if not same:
        raise RnncastError(f"study {name!r} was searched with {space_text(recorded)}, and this call gives "
                           f"{space_text(wanted)}: its trials would be drawn from two spaces; give the search it was "
                           "run with, or another study name (--study) or folder (--out)")
    if SEARCH_ATTR not in study.user_attrs:
        study.set_user_attr(SEARCH_ATTR, recorded)
    return {key: recorded[key] for key in recorded}


CHOICE_NAMES = ("cell", "hidden_size", "lookback")  # searchspace.CHOICES' names: their order is Optuna's


def _trial_space(study) -> dict:
    """The space a study made before ``SEARCH_ATTR`` searched, from its trials' distributions (the last
    trial's for each name): a range as [low, high], choices as a list."""
    space = {}
    for trial in study.get_trials(deepcopy=False):
        for key, dist in trial.distributions.items():
            space[key] = list(dist.choices) if hasattr(dist, "choices") else [dist.low, dist.high]
    return space


STORAGE_HINT = ("give a SQLAlchemy database URL such as sqlite:///study.db or postgresql://user:password@host/db "
                "(with its driver installed)")


HEARTBEAT_S = 10  # a trial in a database storage says every so many seconds that its process runs it
GRACE_S = 60  # a running trial unheard of for longer was left by a process that stopped (killed): failed


def open_study(optuna, name: str, storage: str | None, sampler, pruner, tries: int = 20, on_stale=None):
    """The study ``name`` in ``storage``, created when it is new; returns ``(study, created)``.

    In a database storage each trial beats every ``HEARTBEAT_S`` seconds (Optuna's heartbeat); a
    trial left running by a process that stopped (no beat for ``GRACE_S``) is failed before each trial
    (``optuna.storages.fail_stale_trials``), ``on_stale(study, trial)`` called for each; and by the caller
    (``fail_stale_trials``) once its settings are checked, so that a call refused writes nothing.

    Processes that open one new study at the same moment race to create its tables and its row (an
    ``IntegrityError``, a locked SQLite file, Optuna's ``DuplicatedStudyError``): the loser waits a
    moment and tries again, and then loads what the winner made. A storage that cannot be opened at
    all (a bad URL, an unknown database, a missing driver) is a ``RnncastError`` naming it.
    """
    from optuna.exceptions import DuplicatedStudyError

    try:
        from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
    except ImportError:  # optuna without SQLAlchemy keeps its studies in memory
        IntegrityError = OperationalError = SQLAlchemyError = DuplicatedStudyError
    shown = hide_password(storage) if storage else storage
    refused = f"cannot open the study storage {shown}: {{}}; {STORAGE_HINT}"
    race: BaseException | None = None
    for attempt in range(tries):
        try:
            with quiet_experimental(optuna):
                beating = storage if storage is None else optuna.storages.RDBStorage(
                    storage, heartbeat_interval=HEARTBEAT_S, grace_period=GRACE_S,
                    heartbeat_stale_trial_callback=on_stale)
            try:
                study = optuna.create_study(study_name=name, storage=beating, direction="minimize", sampler=sampler,
                                            pruner=pruner)
                return study, True
            except DuplicatedStudyError:
                study = optuna.load_study(study_name=name, storage=beating, sampler=sampler, pruner=pruner)
        except IntegrityError as err:
            race = err  # another process wrote the tables' first rows between our look and our write
        except OperationalError as err:
            if disk_full(err):
                raise  # a full disk, not a bad URL: said by fullstudy.said_full
            if "locked" not in str(err) and "already exists" not in str(err):
                raise RnncastError(refused.format(_first_line(err))) from None
            race = err  # SQLite: another process is writing the file
        except ImportError as err:  # optuna's message does not say which module is missing; its cause does
            missing = _first_line(err.__cause__ or err)
            raise RnncastError(f"cannot open the study storage {shown}: its database driver is not installed "
                               f"({missing}); install it, or keep the study in SQLite (sqlite:///study.db)") from None
        except (SQLAlchemyError, ValueError) as err:  # a bad URL, an unknown dialect
            raise RnncastError(refused.format(_first_line(err))) from None
        else:
            if study.directions != [optuna.study.StudyDirection.MINIMIZE]:
                raise RnncastError(f"study {name!r} in {shown} does not minimize one value, as a study of rnncast "
                                   "tune does; give another study name (--study)")
            return study, False
        time.sleep(random.uniform(0.05, 0.2) * (1 + attempt))  # the racers part; the loser then loads
    raise RnncastError(f"could not create or load study {name!r} in {shown} after {tries} tries "
                       f"({_first_line(race)}); is another process holding the database?")


DIVERGED_ATTR = "diverged"  # a trial's user attribute: its fit diverged (it ran, and would diverge again)
RAISED_ATTR = "raised"  # a trial's user attribute: its fit raised an error (``tuning``): not lost, it would raise again


def defaults_due(study, defaults: dict) -> list[int] | None:
    """Whether a call runs the trial of the library's defaults (``defaults``: those in the search space):
    None when one has run (complete, pruned, or failed by diverging or raising: decision 1620), waits (enqueued) or
    runs, else the numbers of those that never finished (a tune interrupted or killed during it): [] for a study
    without trials. Call it once the trials of stopped processes are failed (``fail_stale_trials``)."""
    lost = []
    for trial in study.get_trials(deepcopy=False):
        if trial.state.name == "WAITING":  # enqueued: the defaults, or a lost trial of them (``lost_params``)
            waiting = trial.system_attrs.get("fixed_params", {})
            if all(name in waiting and waiting[name] == value for name, value in defaults.items()):
                return None
        elif all(name in trial.params and trial.params[name] == value for name, value in defaults.items()):
            if trial.state.name != "FAIL" or any(trial.user_attrs.get(a) for a in (DIVERGED_ATTR, RAISED_ATTR)):
                return None
            lost.append(trial.number)
    return lost


def lost_params(study, lost: list[int], defaults: dict) -> dict:
    """What a call enqueues to run the defaults again (``defaults_due``): the first lost trial's own params, those
    the sampler drew beside the defaults too (a lookback outside the searched set), so the rerun is that trial."""
    return {**study.get_trials(deepcopy=False)[lost[0]].params, **defaults} if lost else dict(defaults)


def fail_stale_trials(optuna, study) -> None:
    """The trials of ``study`` left running by a process that stopped, failed (``open_study``)."""
    with quiet_experimental(optuna):
        optuna.storages.fail_stale_trials(study)


def forget_new_study(optuna, study, storage: str | None, out, refused: bool = False) -> None:
    """A study this call created whose timeout ran out before its first trial, or whose first trial's fit was
    refused (``refused``: that trial FAIL; ``tuning.tune``): removed with the trial of defaults it was given
    (``enqueue_trial``'s, left WAITING) and the fixed settings and space it recorded, which a new tune would be
    held to; its folder's study.db too when that holds no other study."""
    kept = ("WAITING", "FAIL") if refused else ("WAITING",)
    if storage is None or any(trial.state.name not in kept for trial in study.get_trials(deepcopy=False)):
        return  # in memory, or another process has added a trial since
    optuna.delete_study(study_name=study.study_name, storage=storage)
    own = out is not None and storage == f"sqlite:///{(out / 'study.db').resolve()}"  # tuneoutputs.own_storage's URL
    # (written here: tuneoutputs asks studies, so studies may not ask it)
    if own and not optuna.study.get_all_study_names(storage):
        for side in ("", *SIDE_FILES):  # its journal, as fullstudy.said_full removes a study.db it made
            (out / f"study.db{side}").unlink(missing_ok=True)


@contextmanager
def quiet_experimental(optuna):
    """Optuna's heartbeat is marked experimental: its warning saying so is Optuna's, not the reader's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        yield


def _first_line(err: BaseException | None) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


@contextmanager
def quiet_optuna(optuna):
    """Optuna's own INFO lines ("A new study created", "Trial 0 finished with value ...") quieted to WARNING
    for the block, the caller's verbosity restored after: rnncast says each trial itself (``trial_line``)."""
    before = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(max(before, optuna.logging.WARNING))
    optimize = logging.getLogger("optuna.study._optimize")  # where Optuna says a trial failed, with its traceback
    optimize.addFilter(_no_failed_trial)
    try:
        yield
    finally:
        optimize.removeFilter(_no_failed_trial)
        optuna.logging.set_verbosity(before)


def _no_failed_trial(record: logging.LogRecord) -> bool:
    """Optuna's "[W ...] Trial 0 failed with parameters ..." and its traceback left out: rnncast says each
    trial (a diverged one with why), and an error that ends the search is its one line."""
    return not str(record.msg).startswith("Trial ") or " failed with" not in str(record.msg)

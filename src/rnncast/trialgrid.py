"""A search space of choices only (``cell``, ``hidden_size``, ``lookback``, and ``num_layers``' whole numbers): its
combinations, each trained once.

TPE draws from choices with repeats: with ``--search lookback=24,48 --search hidden_size=16,32 --trials 6`` (4
combinations) trials 1, 3 and 4 all trained lookback 48, hidden_size 32, while (24, 32) waited for trial 5. Such a
space is searched by Optuna's ``BruteForceSampler``, which draws only combinations no trial of the study holds (read
from the study's trials: the enqueued defaults, an earlier call's trials and another process' count alike), seeded
as TPE is (``trialseeds``). A call runs no more trials than combinations are left, and says so
(``trials_to_run``). Optuna counts a FAIL as tried, so the combinations only lost trials ran (an interrupt, a killed
process; not a diverged fit, which would diverge again, nor one that raised, ``RAISED_ATTR``) are enqueued to run
again first (``rerun_lost``). A space with a continuous range (``lr``, ``dropout``) keeps TPE, and a lost trial of it
is enqueued to run again first too: TPE would never draw its settings again (decision 1551).
"""

from __future__ import annotations

import logging
import math

from rnncast.searchspace import RANGES
from rnncast.spelling import counted
from rnncast.studies import DIVERGED_ATTR, RAISED_ATTR, quiet_experimental
from rnncast.trialseeds import seeded_sampler

log = logging.getLogger(__name__)

DUPLICATE_ATTR = "duplicate_of"  # a trial that gave its combination up to a twin of another process (``twin``)
DONE = ("COMPLETE", "PRUNED", "RUNNING")  # a trial in these states holds its combination (a FAIL only if diverged)


def _values(name: str, given) -> list | None:
    """The values of ``name`` in a resolved space: its choices, a whole-number range's every number; None for a
    continuous range."""
    if name not in RANGES:
        return list(given)
    return list(range(int(given[0]), int(given[1]) + 1)) if name == "num_layers" else None


def combinations(space: dict) -> int | None:
    """How many combinations a resolved space (``searchspace.resolved``: name -> choices or [low, high]) holds;
    None where it searches a continuous range."""
    values = [_values(name, given) for name, given in space.items()]
    return None if None in values else math.prod(map(len, values))


def sampler(optuna, study, space: dict, seed: int | None):
    """The sampler ``study`` draws the trials of ``space`` with: a space of choices each combination once (Optuna's
    BruteForceSampler, seeded as ``trialseeds`` seeds TPE), else ``trialseeds``' TPE. The brute-force sampler reads
    each trial's settings in the order they were drawn, the same for all (``studies.check_search`` keeps a study's
    order): a study of choices drawn in two orders (by rnncast before it kept one) stays with TPE."""
    orders = {tuple(trial.params) for trial in study.get_trials(deepcopy=False) if len(trial.params) == len(space)}
    if combinations(space) is None or orders - {tuple(space)}:
        return seeded_sampler(optuna, seed)

    class Exhaustive(optuna.samplers.BruteForceSampler):
        def after_trial(self, study, trial, state, values):
            """Optuna's sampler stops the study once every combination has a finished trial, a FAIL among them:
            the second of two lost trials enqueued to run again (``rerun_lost``) was left waiting."""
            if not study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.WAITING,)):
                super().after_trial(study, trial, state, values)

    def make(seed):
        with quiet_experimental(optuna):  # the sampler is marked experimental: Optuna's word, not the reader's
            return Exhaustive(seed=seed)

    return seeded_sampler(optuna, seed, make)


def _held(study, space: dict) -> tuple[set, dict]:
    """The combinations the study's trials hold (``DONE``, or diverged, or raised), and those only lost trials ran (FAIL,
    not diverged nor raised) and none waits to run (enqueued), each with its first lost trial. A combination of a
    continuous range is the trial's exact settings."""
    names = list(space)
    done, waiting, lost = set(), set(), {}
    for trial in study.get_trials(deepcopy=False):
        if trial.user_attrs.get(DUPLICATE_ATTR) is not None:
            continue  # gave its combination up to a twin (``twin``): the twin's trial holds it
        params = trial.system_attrs.get("fixed_params", {}) if trial.state.name == "WAITING" else trial.params
        if any(name not in params for name in names):
            continue  # drawn no further (a process stopped while its trial drew)
        combination = tuple(params[name] for name in names)
        if trial.state.name in DONE or trial.user_attrs.get(DIVERGED_ATTR) or trial.user_attrs.get(RAISED_ATTR):
            done.add(combination)
        elif trial.state.name == "WAITING":
            waiting.add(combination)
        elif trial.state.name == "FAIL":
            lost.setdefault(combination, trial)
    return done, {combination: trial for combination, trial in lost.items() if combination not in done | waiting}


def twin(study, trial, space: dict):
    """The trial of lower number in ``study`` that holds ``trial``'s combination of a space of choices and runs or
    completed (``RUNNING``, ``COMPLETE``), else None. Two tune processes sharing a storage that start a trial at once
    draw the same untried combination (the sampler reads the study's trials as each starts): the later of the two
    gives it up (``tuning``, ``DUPLICATE_ATTR``), whichever order their draws were stored in. Call it once ``trial``'s
    settings are drawn."""
    if combinations(space) is None or any(name not in trial.params for name in space):
        return None
    mine = tuple(trial.params[name] for name in space)
    for other in study.get_trials(deepcopy=False):
        if other.state.name in ("RUNNING", "COMPLETE") and other.number < trial.number and all(
                name in other.params for name in space) and tuple(other.params[name] for name in space) == mine:
            return other
    return None


def give_up_twin(optuna, study, trial, space: dict) -> None:
    """Prune ``trial`` (Optuna's ``TrialPruned``) where another holds its combination (``twin``), saying which in the
    trial's line ("failed" as the trial lines read it) and keeping the twin's number (``DUPLICATE_ATTR``)."""
    held = twin(study, trial, space)
    if held is not None:
        trial.set_user_attr(DUPLICATE_ATTR, held.number)
        trial.set_user_attr("epochs", 0)
        trial.set_user_attr("failed", f"trial {held.number} (another process) holds the same settings; not trained twice")
        raise optuna.TrialPruned(f"trial {held.number} holds the same settings")


def rerun_lost(study, space: dict) -> int:
    """Enqueue the settings of each trial of ``study`` that failed without a score of its own (interrupted, or left
    by a process that stopped; not diverged nor raised) and that no trial holds or waits to run, each said: "trial 1
    (hidden_size 8, lookback 28, lr 0.00242) never finished: this call runs it again"; returns how many. Any space:
    a space of choices' sampler counts a FAIL as tried, TPE would never draw a continuous range's settings again.
    Call it once the trials of stopped processes are failed (``studies.fail_stale_trials``) and the defaults' lost
    trial is enqueued (``studies.defaults_due``), which it then leaves to that."""
    lost = list(_held(study, space)[1].values())
    for trial in lost:
        log.warning("trial %d (%s) never finished: this call runs it again", trial.number, ", ".join(
            f"{name} {trial.params[name]:.3g}" if isinstance(trial.params[name], float) else
            f"{name} {trial.params[name]}" for name in space))
        study.enqueue_trial({name: trial.params[name] for name in space})
    return len(lost)


def trials_to_run(study, name: str, space: dict, trials: int) -> int:
    """How many of the ``trials`` asked a call runs: all of them, but no more than a space of choices has
    combinations without a trial in study ``name`` (a trial enqueued to run counts as none), which is said."""
    total = combinations(space)
    if total is None:
        return trials
    left = total - len(_held(study, space)[0])
    if trials <= left:
        return trials
    sizes = " x ".join(_choices(setting, _values(setting, given)) for setting, given in space.items())  # decision 1922
    if not left:
        log.warning("%s %s of the search space (%s) has a trial in study %r: no trial runs (%d asked); to try other "
                    "settings, search a larger space under another study name (--study) or folder (--out)",
                    "the" if total == 1 else "every one of the", counted(total, "combination"), sizes, name, trials)
        return 0
    tried = f", {total - left} of them tried in study {name!r}" if left < total else ""
    log.warning("the search space has %s (%s)%s; %s asked: tuning stops after %d", counted(total, "combination"), sizes,
                tried, counted(trials, "trial"), left)
    return left


def _choices(setting: str, values: list) -> str:
    """A setting's share of the search space as its lines say it: "cell: 2 values"; "lookback 24 alone", the one
    value named, never "lookback 1", read as lookback = 1 (decision 1922)."""
    return f"{setting} {values[0]} alone" if len(values) == 1 else f"{setting}: {counted(len(values), 'value')}"

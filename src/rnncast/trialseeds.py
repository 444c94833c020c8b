"""The sampler a tune draws its trials with: Optuna's TPE seeded from ``sampler_seed`` (``--sampler-seed``),
so that a study continued, or joined by another process, never draws again the settings it drew before.

Seeded once per call, every call of a study drew the same random start-up trials: a tune interrupted and
continued ran trial 1's settings again as trial 7, and two processes given the same seed drew the same
trials side by side. A trial's draws now come from one generator while this process's trials are the
study's trials 0, 1, 2, ... (a new study that no other process adds to: the same seed draws the same trials
as it always did), and from a generator seeded by the seed and the trial's number once they are not (a
study continued, or joined by another process): the storage numbers each trial once, so no two trials
share a generator, and the same calls in the same order draw the same trials again.
"""

from __future__ import annotations

from rnncast import settingvalues
from rnncast.errors import RnncastError


def sampler_seed(given, fit_seed: int) -> int:
    """The seed the sampler is seeded with: ``given`` (``sampler_seed=``, ``--sampler-seed``), else the fits' own
    ``seed``; either a whole number from 0 to 2**32 - 1, the seeds Optuna's TPE sampler (NumPy's legacy
    ``RandomState``) takes, or an ``RnncastError`` naming that range before the study is opened."""
    why = ", the seeds Optuna's TPE sampler takes"
    if given is not None:
        settingvalues.seed("sampler_seed", given, settingvalues.MAX_SAMPLER_SEED, why)
        return int(given)
    if fit_seed > settingvalues.MAX_SAMPLER_SEED:
        raise RnncastError(f"the sampler's seed defaults to seed, {fit_seed}, which is beyond 2**32 - 1, the largest seed "
                           "Optuna's TPE sampler takes: give sampler_seed= (--sampler-seed) from 0 to 2**32 - 1, or a "
                           "smaller seed")
    return fit_seed


def trial_seed(seed: int, number: int) -> int:
    """The seed of the draws of trial ``number`` of a study seeded with ``seed`` that this process did not
    run from its start: a 32-bit number mixed from both (NumPy's ``SeedSequence``), never ``seed`` + ``number``,
    which would make trial 8 of seed 1 trial 7 of seed 2."""
    import numpy as np

    return int(np.random.SeedSequence([seed % 2**64, number]).generate_state(1)[0])


def seeded_sampler(optuna, seed: int | None, make=None, **tpe):
    """A sampler that draws as ``optuna.samplers.TPESampler(seed=seed, **tpe)`` while the trials it is asked
    for are numbered 0, 1, 2, ... in order, and draws trial ``n`` with a ``TPESampler`` seeded from
    ``trial_seed(seed, n)`` once one is not (``seed`` None: unseeded, as TPE is). ``make(seed)``: another
    sampler seeded so, in TPE's place (``trialgrid``'s, for a space of choices)."""
    make = make or (lambda seed: optuna.samplers.TPESampler(seed=seed, **tpe))

    class Seeded(optuna.samplers.BaseSampler):
        def __init__(self):
            self.inner = make(seed)
            self.started = 0  # the trials this sampler has begun

        def before_trial(self, study, trial):
            if seed is not None and trial.number != self.started:  # not the study's own sequence from trial 0
                self.inner = make(trial_seed(seed, trial.number))
            self.started += 1
            self.inner.before_trial(study, trial)

        def infer_relative_search_space(self, study, trial):
            return self.inner.infer_relative_search_space(study, trial)

        def sample_relative(self, study, trial, search_space):
            return self.inner.sample_relative(study, trial, search_space)

        def sample_independent(self, study, trial, param_name, param_distribution):
            return self.inner.sample_independent(study, trial, param_name, param_distribution)

        def after_trial(self, study, trial, state, values):
            self.inner.after_trial(study, trial, state, values)

        def reseed_rng(self):
            self.inner.reseed_rng()

    return Seeded()

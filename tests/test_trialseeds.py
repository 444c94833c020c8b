"""The sampler of a tune (``trialseeds.py``): a new study draws what TPE seeded once always drew, and a study
continued, or joined by a second process, never draws again the settings it drew before."""

from __future__ import annotations

import pytest

from rnncast.trialseeds import seeded_sampler, trial_seed

optuna = pytest.importorskip("optuna")

pytestmark = pytest.mark.filterwarnings("ignore::optuna.exceptions.ExperimentalWarning")


def _objective(trial):
    return trial.suggest_float("lr", 1e-4, 1e-1, log=True) + trial.suggest_int("layers", 1, 3) \
        + len(trial.suggest_categorical("cell", ["rnn", "lstm", "gru"]))


def _drawn(study):
    return [tuple(sorted(t.params.items())) for t in study.trials]


def test_a_new_study_draws_what_tpe_seeded_once_draws():
    """No behaviour change for a first call: the same seed gives the same trials as before, start-up and TPE's own."""
    plain = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=7))
    plain.optimize(_objective, n_trials=14)
    seeded = optuna.create_study(sampler=seeded_sampler(optuna, 7))
    seeded.optimize(_objective, n_trials=14)
    assert _drawn(seeded) == _drawn(plain)


def test_a_continued_study_draws_no_settings_it_drew_and_the_same_calls_draw_the_same(tmp_path):
    """Seeded alike on every call, a continued study drew its first call's start-up trials again."""
    def calls(name):
        storage = f"sqlite:///{tmp_path / name}"
        for _ in range(3):  # each call a process of its own: a sampler of its own
            study = optuna.create_study(study_name="s", storage=storage, sampler=seeded_sampler(optuna, 7),
                                        load_if_exists=True)
            study.optimize(_objective, n_trials=3)
        return _drawn(study)

    drawn = calls("a.db")
    assert len(set(drawn)) == len(drawn) == 9
    assert calls("b.db") == drawn  # reproducible from the seed and the calls


def test_processes_joining_one_study_at_once_draw_apart():
    """Two processes given the same seed (the trials of each numbered among the other's) drew the same trials."""
    study = optuna.create_study()
    first, second = seeded_sampler(optuna, 7), seeded_sampler(optuna, 7)
    for _ in range(4):
        for sampler in (first, second):
            study.sampler = sampler
            trial = study.ask()
            study.tell(trial, _objective(trial))
    drawn = _drawn(study)
    assert len(set(drawn)) == len(drawn) == 8


def test_a_trial_seed_mixes_the_seed_and_the_number():
    assert trial_seed(1, 8) != trial_seed(2, 7) and trial_seed(1, 8) == trial_seed(1, 8)
    assert 0 <= trial_seed(-3, 0) < 2**32


def test_the_samplers_seed_is_given_or_the_fits_and_within_what_optuna_takes():
    from rnncast import RnncastError
    from rnncast.trialseeds import sampler_seed

    assert (sampler_seed(None, 7), sampler_seed(3, 7), sampler_seed(2 ** 32 - 1, 2 ** 40)) == (7, 3, 2 ** 32 - 1)
    for given in (-1, 2 ** 32, 10 ** 23 - 1):  # Optuna: "Seed must be between 0 and 2**32 - 1", a traceback
        with pytest.raises(RnncastError, match=rf"^sampler_seed \(--sampler-seed\) {given} is out of range: accepted are whole numbers from 0 "
                                               r"to 2\*\*32 - 1, the seeds Optuna's TPE sampler takes$"):
            sampler_seed(given, 0)
    with pytest.raises(RnncastError, match=r"^the sampler's seed defaults to seed, 4294967296, which is beyond 2\*\*32 - 1"
                                           r".*give sampler_seed= \(--sampler-seed\) from 0 to 2\*\*32 - 1"):
        sampler_seed(None, 2 ** 32)

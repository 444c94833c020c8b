"""A search space of choices only (``trialgrid.py``): its combinations counted, each drawn once by Optuna's
BruteForceSampler, a lost trial's combination run again first, and a space with a continuous range left to TPE."""

from __future__ import annotations

import logging

import pytest

from rnncast import trialgrid

optuna = pytest.importorskip("optuna")

SPACE = {"cell": ["rnn", "gru"], "hidden_size": [8, 16]}


def _objective(trial):
    return len(trial.suggest_categorical("cell", SPACE["cell"])) + trial.suggest_categorical("hidden_size", [8, 16])


def _combos(study, states=("COMPLETE",)):
    return [(t.params["cell"], t.params["hidden_size"]) for t in study.trials if t.state.name in states]


@pytest.mark.parametrize("space, count", [
    (SPACE, 4), ({"lookback": [24, 48, 96]}, 3), ({"cell": ["lstm", "gru"], "num_layers": [1, 3]}, 6),
    ({"num_layers": [2, 2]}, 1), ({"cell": ["gru"], "lr": [1e-4, 1e-2]}, None), ({"dropout": [0.0, 0.0]}, None)])
def test_the_combinations_of_a_space_of_choices_are_counted_and_a_continuous_range_has_none(space, count):
    assert trialgrid.combinations(space) == count


def test_a_space_of_choices_draws_each_combination_once_and_stops_after_the_last():
    """TPE drew lookback 48, hidden_size 32 as trials 1, 3 and 4 of four combinations."""
    study = _study_with([])
    study.enqueue_trial({"cell": "gru", "hidden_size": 16})  # the defaults, first: counted as tried
    study.optimize(_objective, n_trials=6)
    assert len(study.trials) == 4 and sorted(_combos(study)) == [("gru", 8), ("gru", 16), ("rnn", 8), ("rnn", 16)]


def test_the_same_seed_draws_the_combinations_in_the_same_order():
    orders = []
    for _ in range(2):
        study = _study_with([], seed=3)
        study.optimize(_objective, n_trials=4)
        orders.append(_combos(study))
    assert orders[0] == orders[1]


def _study_with(trials, seed=0):
    """A study holding ``trials``: (state, cell, hidden_size, diverged), drawn with ``trialgrid``'s sampler."""
    study = optuna.create_study()
    dists = {"cell": optuna.distributions.CategoricalDistribution(SPACE["cell"]),
             "hidden_size": optuna.distributions.CategoricalDistribution(SPACE["hidden_size"])}
    for state, cell, hidden, diverged in trials:
        study.add_trial(optuna.trial.create_trial(
            state=getattr(optuna.trial.TrialState, state), value=1.0 if state == "COMPLETE" else None,
            params={"cell": cell, "hidden_size": hidden}, distributions=dists,
            user_attrs={"diverged": True} if diverged else {}))
    study.sampler = trialgrid.sampler(optuna, study, SPACE, seed)
    return study


def test_a_space_with_a_continuous_range_is_drawn_by_tpe_as_before():
    space = {"cell": ["rnn", "gru"], "lr": [1e-4, 1e-2]}
    assert isinstance(trialgrid.sampler(optuna, _study_with([]), space, 0).inner, optuna.samplers.TPESampler)
    assert isinstance(_study_with([]).sampler.inner, optuna.samplers.BruteForceSampler)


def test_a_study_whose_trials_drew_their_choices_in_two_orders_stays_with_tpe():
    """Optuna's brute-force sampler refuses such a study with a ValueError at the next trial; rnncast drew each
    call's --search flags in their own order before a study kept one."""
    study = _study_with([("COMPLETE", "rnn", 8, False)])
    dists = {"hidden_size": optuna.distributions.CategoricalDistribution([8, 16]),
             "cell": optuna.distributions.CategoricalDistribution(SPACE["cell"])}
    study.add_trial(optuna.trial.create_trial(value=1.0, params={"hidden_size": 16, "cell": "gru"}, distributions=dists))
    assert isinstance(trialgrid.sampler(optuna, study, SPACE, 0).inner, optuna.samplers.TPESampler)


def test_the_combinations_only_a_lost_trial_ran_are_run_again_first_and_said(caplog):
    """Optuna's BruteForceSampler counts a FAIL as tried: a combination an interrupt or a killed process stopped
    would never be scored, and it stopped the study after the first of two such reruns."""
    study = _study_with([("COMPLETE", "rnn", 8, False), ("FAIL", "rnn", 16, False), ("FAIL", "gru", 8, False),
                         ("FAIL", "gru", 16, True)])  # diverged: it ran, and would diverge again
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert trialgrid.rerun_lost(study, SPACE) == 2
        assert trialgrid.rerun_lost(study, SPACE) == 0  # waiting already: not enqueued twice
    assert [r.getMessage() for r in caplog.records if r.name.startswith("rnncast")] == [
        "trial 1 (cell rnn, hidden_size 16) never finished: this call runs it again",
        "trial 2 (cell gru, hidden_size 8) never finished: this call runs it again"]
    assert trialgrid.trials_to_run(study, "s", SPACE, 5) == 2
    study.optimize(_objective, n_trials=2)
    assert _combos(study)[1:] == [("rnn", 16), ("gru", 8)]


@pytest.mark.parametrize("trials, tried, runs, said", [
    (6, [], 4, "the search space has 4 combinations (cell: 2 values x hidden_size: 2 values); 6 trials asked: tuning stops after 4"),
    (4, [], 4, None),
    (5, [("COMPLETE", "rnn", 8, False), ("PRUNED", "rnn", 16, False), ("FAIL", "gru", 8, True)], 1,
     "the search space has 4 combinations (cell: 2 values x hidden_size: 2 values), 3 of them tried in study 's'; 5 trials asked: "
     "tuning stops after 1"),
    (2, [("COMPLETE", "rnn", 8, False), ("COMPLETE", "rnn", 16, False), ("COMPLETE", "gru", 8, False),
         ("COMPLETE", "gru", 16, False)], 0,
     "every one of the 4 combinations of the search space (cell: 2 values x hidden_size: 2 values) has a trial in study 's': no "
     "trial runs (2 asked); to try other settings, search a larger space under another study name (--study) "
     "or folder (--out)")])
def test_a_call_runs_no_more_trials_than_combinations_are_left_and_says_so(trials, tried, runs, said, caplog):
    study = _study_with(tried)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert trialgrid.trials_to_run(study, "s", SPACE, trials) == runs
    assert [r.getMessage() for r in caplog.records if r.name.startswith("rnncast")] == ([said] if said else [])


def test_a_space_with_a_continuous_range_runs_the_trials_asked():
    assert trialgrid.trials_to_run(_study_with([]), "s", {"cell": ["rnn"], "lr": [1e-4, 1e-2]}, 9) == 9


def test_a_combination_two_processes_drew_at_once_is_trained_by_the_earlier_trial_only():
    """Two tunes sharing a storage start a trial at once: the brute-force sampler reads the study's trials as each
    starts, so both drew one untried combination, and it was trained twice. The later trial gives it up, pruned,
    naming the earlier; a combination given up is not counted as held by the trial that gave it up."""
    import optuna

    from rnncast.trialgrid import DUPLICATE_ATTR, _held, give_up_twin, twin

    space = {"lookback": [24, 48], "hidden_size": [8, 16]}
    study = optuna.create_study(storage=optuna.storages.InMemoryStorage())
    study.enqueue_trial({"lookback": 24, "hidden_size": 8})
    study.enqueue_trial({"lookback": 24, "hidden_size": 8})
    first, second = study.ask(), study.ask()  # both drawn before either trains: two processes at once
    for trial in (second, first):  # whichever checks first
        for name, choices in space.items():
            trial.suggest_categorical(name, choices)
    assert twin(study, first, space) is None and twin(study, second, space).number == first.number
    give_up_twin(optuna, study, first, space)  # the earlier trains
    with pytest.raises(optuna.TrialPruned, match=f"trial {first.number} holds the same settings"):
        give_up_twin(optuna, study, second, space)
    study.tell(second, state=optuna.trial.TrialState.PRUNED)
    assert study.trials[second.number].user_attrs[DUPLICATE_ATTR] == first.number
    study.tell(first, state=optuna.trial.TrialState.FAIL)  # the twin lost (killed): its combination runs again
    done, lost = _held(study, space)
    assert (24, 8) not in done and (24, 8) in lost


def test_a_lost_trial_of_a_continuous_range_is_run_again_first_and_said(caplog):
    """TPE never draws a lost trial's settings again: an interrupted tune, continued, dropped the trial the same seed
    found best, without a word (decision 1551). One that raised would raise again, and is left as it is."""
    space = {"hidden_size": [8, 16], "lr": [1e-3, 1e-2]}
    dists = {"hidden_size": optuna.distributions.CategoricalDistribution([8, 16]),
             "lr": optuna.distributions.FloatDistribution(1e-3, 1e-2, log=True)}
    study = optuna.create_study()
    for state, lr, attrs in [("COMPLETE", 0.001, {}), ("FAIL", 0.0024179177243329477, {"failed": "interrupted"}),
                             ("FAIL", 0.005, {"failed": "CUDA out of memory", trialgrid.RAISED_ATTR: True}),
                             ("FAIL", 0.007, {"failed": "nan loss", "diverged": True})]:
        study.add_trial(optuna.trial.create_trial(
            state=getattr(optuna.trial.TrialState, state), value=1.0 if state == "COMPLETE" else None,
            params={"hidden_size": 8, "lr": lr}, distributions=dists, user_attrs=attrs))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert trialgrid.rerun_lost(study, space) == 1
        assert trialgrid.rerun_lost(study, space) == 0  # waiting already: not enqueued twice
    assert [r.getMessage() for r in caplog.records if r.name.startswith("rnncast")] == [
        "trial 1 (hidden_size 8, lr 0.00242) never finished: this call runs it again"]
    assert trialgrid.trials_to_run(study, "s", space, 2) == 2  # a continuous range: the trials asked
    study.optimize(lambda t: t.suggest_categorical("hidden_size", [8, 16]) * t.suggest_float("lr", 1e-3, 1e-2, log=True),
                   n_trials=1)
    assert study.trials[-1].params == {"hidden_size": 8, "lr": 0.0024179177243329477}  # the lost trial, exactly
    assert trialgrid.rerun_lost(study, space) == 0  # once run, not again


def test_a_setting_of_one_value_is_named_by_its_value_not_read_as_the_value_one():
    """t36t1 L3: "the search space has 1 combination (lookback 1)" read as lookback = 1; it was lookback 24 (decision 1922)."""
    assert trialgrid._choices("lookback", [24]) == "lookback 24 alone"
    assert trialgrid._choices("cell", ["lstm", "gru"]) == "cell: 2 values"

"""A tune study (``studies.py``): what its trials are ranked by (MSE, or a quantile model's pinball
loss), the record that keeps one study from ranking trials scored two ways, the storage URL shown
without its password, whether a continued study runs the trial of the defaults again, and how a
refusal of other fixed settings names a default. Opening a storage and the rest of the fixed-settings
check run through ``tune`` in test_tuning.py."""

from __future__ import annotations

import pytest

from rnncast import RnncastError
from rnncast.searchspace import fixed_checked
from rnncast.studies import (DIVERGED_ATTR, FIXED_ATTR, RAISED_ATTR, RANKING_ATTR, check_fixed, check_ranking,
                             defaults_due, lost_params, ranking)

optuna = pytest.importorskip("optuna")


def test_a_point_model_is_ranked_by_mse_and_a_quantile_model_by_its_pinball_loss():
    assert ranking(()) == ("mse", "validation MSE (scaled units)")
    assert ranking((0.1, 0.5, 0.9)) == ("pinball", "validation pinball loss (mean over the quantiles 0.1, 0.5, 0.9; "
                                                   "scaled units)")


def _study_with_a_trial(recorded: str | None):
    study = optuna.create_study(direction="minimize")
    study.add_trial(optuna.trial.create_trial(value=0.5, params={}, distributions={}))
    if recorded is not None:
        study.set_user_attr(RANKING_ATTR, recorded)
    return study


def test_a_new_study_records_what_it_ranks_by_and_a_study_is_not_ranked_two_ways():
    new = optuna.create_study(direction="minimize")
    check_ranking(new, "fresh", "pinball", created=True)
    assert new.user_attrs[RANKING_ATTR] == "pinball"
    check_ranking(_study_with_a_trial("pinball"), "same", "pinball", created=False)
    with pytest.raises(RnncastError, match="study 'q' ranked its trials by the validation pinball loss, and this call "
                                           "ranks them by the validation MSE"):
        check_ranking(_study_with_a_trial("pinball"), "q", "mse", created=False)


def test_a_study_from_before_the_record_was_ranked_by_mse_even_for_quantiles():
    """Every trial of such a study holds the median's validation MSE: a quantile tune does not add
    pinball losses to it; a point tune goes on and records the MSE."""
    with pytest.raises(RnncastError, match=r"study 'old' ranked its trials by the validation MSE \(of the median, for "
                                           r"a quantile model\), and this call ranks them by the validation pinball"):
        check_ranking(_study_with_a_trial(None), "old", "pinball", created=False)
    point = _study_with_a_trial(None)
    check_ranking(point, "old", "mse", created=False)
    assert point.user_attrs[RANKING_ATTR] == "mse"


def test_a_setting_left_at_its_default_is_said_as_the_default_not_as_given():
    """tune --search lr on a study that searched everything was refused with "this call gives 'lstm'", though no
    cell was given: lstm is the default, and the refusal says so; one the study searched is said as searched."""
    study = optuna.create_study(direction="minimize")
    study.add_trial(optuna.trial.create_trial(value=0.5, params={"cell": "gru"}, distributions={
        "cell": optuna.distributions.CategoricalDistribution(["lstm", "gru"])}))  # a study that searched cell
    fixed = {"horizon": 3, "epochs": 3}
    check_fixed(study, "s", fixed_checked(fixed, ["cell", "lr"]), ["cell", "lr"], created=True)
    assert "cell" not in study.user_attrs[FIXED_ATTR]
    with pytest.raises(RnncastError, match="study 's' searched cell, and this call's cell is the default 'lstm': its "
                                           "trials would mix two settings"):
        check_fixed(study, "s", fixed_checked(fixed, ["lr"]), ["lr"], created=False)
    with pytest.raises(RnncastError, match="study 's' searched cell, and this call gives 'gru': "):
        check_fixed(study, "s", fixed_checked({**fixed, "cell": "gru"}, ["lr"]), ["lr"], created=False)


def _trial(state, params, **attrs):
    dist = {name: optuna.distributions.CategoricalDistribution([value, "other"]) for name, value in params.items()}
    value = 0.5 if state == optuna.trial.TrialState.COMPLETE else None
    return optuna.trial.create_trial(state=state, value=value, params=params, distributions=dist, user_attrs=attrs)


def test_the_trial_of_the_defaults_runs_again_when_it_never_finished():
    """An interrupted tune lost its trial of the defaults (FAIL) without a word, and no later call ran them."""
    S = optuna.trial.TrialState
    defaults = {"cell": "lstm"}
    study = optuna.create_study(direction="minimize")
    assert defaults_due(study, defaults) == []  # a new study: run them
    study.add_trial(_trial(S.FAIL, defaults, failed="interrupted"))
    study.add_trial(_trial(S.COMPLETE, {"cell": "other"}))
    assert defaults_due(study, defaults) == [0]  # lost: run them again
    assert lost_params(study, [0], defaults) == defaults  # the lost trial's own params
    drawn = optuna.create_study(direction="minimize")
    drawn.add_trial(_trial(S.FAIL, {**defaults, "lookback": 48}, failed="interrupted"))
    assert defaults_due(drawn, defaults) == [0] and lost_params(drawn, [0], defaults) == {**defaults, "lookback": 48}
    drawn.enqueue_trial(lost_params(drawn, [0], defaults))
    assert defaults_due(drawn, defaults) is None  # waiting already, with what the sampler drew beside them
    study.enqueue_trial(defaults)
    assert defaults_due(study, defaults) is None  # waiting already
    diverged = _trial(S.FAIL, defaults, **{DIVERGED_ATTR: True})
    for done in (_trial(S.COMPLETE, defaults), _trial(S.PRUNED, defaults), diverged):
        ran = optuna.create_study(direction="minimize")
        ran.add_trial(_trial(S.FAIL, defaults))
        ran.add_trial(done)
        assert defaults_due(ran, defaults) is None, done.state  # they ran (a diverged fit would diverge again)


def test_a_trial_of_the_defaults_that_raised_is_recorded_failed_and_not_run_again():
    """Decision 1620: a defaults' trial whose fit raised an error (tuning records it ``failed`` and ``raised``, as
    decision 1551 does every such trial) was taken for lost and run first by every continued call, raising again and
    stopping each at the same trial; only a lost one (interrupted, or cut off with its process) is run again."""
    S = optuna.trial.TrialState
    defaults = {"cell": "lstm"}
    raised = optuna.create_study(direction="minimize")
    raised.add_trial(_trial(S.FAIL, defaults, failed="CUDA out of memory", **{RAISED_ATTR: True}))
    assert defaults_due(raised, defaults) is None  # it ran, and would raise again
    lost = optuna.create_study(direction="minimize")
    lost.add_trial(_trial(S.FAIL, defaults, failed="interrupted"))
    assert defaults_due(lost, defaults) == [0]  # cut off mid-trial: run again (decision 1551)


def test_a_setting_added_since_a_study_recorded_its_own_is_its_default_not_searched():
    """A study of this morning's code recorded no 'nonnegative' (decision 1037 added it): continuing it was refused
    "study searched nonnegative, and this call's nonnegative is the default False", as every setting added later
    would refuse every older study. A key neither the record, the search space nor a trial names ran at its default."""
    study = optuna.create_study(direction="minimize")
    fixed = {"horizon": 3, "epochs": 3}
    check_fixed(study, "s", fixed_checked(fixed, ["lr"]), ["lr"], created=True)
    study.add_trial(optuna.trial.create_trial(value=0.5, params={}, distributions={}))
    study.set_user_attr(FIXED_ATTR, {k: v for k, v in study.user_attrs[FIXED_ATTR].items() if k != "nonnegative"})
    check_fixed(study, "s", fixed_checked(fixed, ["lr"]), ["lr"], created=False)  # continued
    with pytest.raises(RnncastError, match="study 's' was run with nonnegative False, and this call gives True"):
        check_fixed(study, "s", fixed_checked({**fixed, "nonnegative": True}, ["lr"]), ["lr"], created=False)


def test_a_zone_recorded_as_typed_is_the_same_setting_as_its_iana_name():
    """Decision 1215: a study that recorded tz 'utc' (before the settings held the IANA name) refused a continuation
    of tz='utc' or 'UTC' ("was run with tz 'utc', and this call gives 'UTC'"): the record is read through the same
    normaliser; another zone is still refused."""
    study = _study_with_a_trial(None)
    check_fixed(study, "s", fixed_checked({"horizon": 3}, ["lr"]), ["lr"], created=True)
    study.set_user_attr(FIXED_ATTR, {**study.user_attrs[FIXED_ATTR], "tz": "utc"})  # as an earlier rnncast kept it
    for tz in ("utc", "UTC"):
        check_fixed(study, "s", fixed_checked({"horizon": 3, "tz": tz}, ["lr"]), ["lr"], created=False)
    with pytest.raises(RnncastError, match=r"^study 's' was run with tz 'UTC', and this call gives 'Asia/Seoul'"):
        check_fixed(study, "s", fixed_checked({"horizon": 3, "tz": "asia/seoul"}, ["lr"]), ["lr"], created=False)


def test_a_zone_continued_by_another_name_the_zone_database_links_it_to_is_the_same_setting():
    """A tester's finding: a tune run with --tz UTC continued with --tz Etc/UTC was refused as two settings; the zone
    database links UTC to Etc/UTC (and Asia/Calcutta to Asia/Kolkata): one zone. What the study recorded is kept."""
    study = _study_with_a_trial(None)
    check_fixed(study, "s", fixed_checked({"horizon": 3, "tz": "UTC"}, ["lr"]), ["lr"], created=True)
    check_fixed(study, "s", fixed_checked({"horizon": 3, "tz": "Etc/UTC"}, ["lr"]), ["lr"], created=False)
    assert study.user_attrs[FIXED_ATTR]["tz"] == "UTC"
    with pytest.raises(RnncastError, match=r"^study 's' was run with tz 'UTC', and this call gives 'Asia/Kolkata'"):
        check_fixed(study, "s", fixed_checked({"horizon": 3, "tz": "Asia/Kolkata"}, ["lr"]), ["lr"], created=False)

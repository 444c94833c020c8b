"""``rnncast.tune`` (``tuning.py``): Optuna trials scored on the validation split only (the test rows
are never read), the defaults as the first trial, pruning, and the refusals. The ``rnncast tune``
command's study, trials and best.toml are in scenarios/test_tuning_study.py."""

from __future__ import annotations

import logging
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import make_frame
from rnncast import Forecaster, RnncastError, trialgrid, tune
from rnncast.tuning import trial_line

optuna = pytest.importorskip("optuna")

FIXED = dict(horizon=3, epochs=3, batch_size=64, hidden_size=8, device="cpu", seed=0)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return make_frame(300)


def test_trials_search_the_space_and_the_best_is_the_lowest_validation_loss(frame):
    result = tune(frame, target="y", features=["x"], trials=4, settings=FIXED,
                  search=("cell", "num_layers", "lookback", "lr", "dropout"))
    done = [t for t in result.study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    assert len(result.study.trials) == 4 and done
    assert result.value == min(t.value for t in done)
    assert set(result.study.best_trial.params) == {"cell", "num_layers", "lookback", "lr", "dropout"}
    assert result.settings["hidden_size"] == 8  # fixed, not searched
    assert all(t.params["lookback"] != 336 for t in result.study.trials)  # 300 rows: 210 for training, too few for 336
    assert result.roles == {"target": "y", "features": ["x"]}  # every data role given (decision 1202)
    model = result.forecaster().fit(frame, **result.roles)  # same seed, same run
    assert model.evaluate(frame, part="val")["scaled"]["model"]["mse"] == pytest.approx(result.value, rel=1e-6)


def test_a_quantile_model_is_ranked_by_its_validation_pinball_loss_not_the_medians_mse(frame, tmp_path):
    """The median's MSE says nothing of the intervals; the pinball loss averaged over the levels, a
    proper scoring rule for quantiles, does. In scaled units, as the point models' MSE."""
    settings = {**FIXED, "quantiles": (0.1, 0.5, 0.9), "lookback": 24}
    result = tune(frame, target="y", trials=2, settings=settings, search=("lr",), out=tmp_path / "t")
    assert result.ranked_by == "validation pinball loss (mean over the quantiles 0.1, 0.5, 0.9; scaled units)"
    val = result.forecaster().fit(frame, target="y").evaluate(frame, part="val")["scaled"]["model"]
    assert result.value == pytest.approx(val["pinball"], rel=1e-6) and result.value != pytest.approx(val["mse"])
    assert "validation pinball loss (mean over the quantiles 0.1, 0.5, 0.9; scaled units)" in (tmp_path / "t" / "best.toml").read_text()
    import json

    recorded = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert recorded["ranked_by"] == result.ranked_by
    assert recorded["storage"] == "study.db"  # the folder's own, wherever it is moved or copied (decision 864)
    assert tune(frame, target="y", trials=1, settings=FIXED, search=("lr",)).ranked_by == "validation MSE (scaled units)"


def test_the_first_trial_of_a_new_study_is_the_defaults(frame):
    result = tune(frame, target="y", trials=2, settings=FIXED, search=("cell", "num_layers", "lr", "dropout", "lookback"))
    defaults = Forecaster().get_params()
    assert {k: v for k, v in result.study.trials[0].params.items() if k != "lookback"} == {
        k: defaults[k] for k in ("cell", "num_layers", "lr", "dropout")}  # lookback 50 is not a choice: sampled


def test_a_first_call_draws_the_trials_the_same_seed_always_drew(frame):
    """The sampler continued studies draw with (``trialseeds``) leaves a new study's trials as they were: these are
    the trials this seed drew before it."""
    result = tune(frame, target="y", trials=4, settings={**FIXED, "epochs": 1}, search=("cell", "lr"), sampler_seed=5)
    assert [t.params for t in result.study.trials] == [
        {"cell": "lstm", "lr": 0.0003}, {"cell": "lstm", "lr": 0.006874194498027425},
        {"cell": "gru", "lr": 0.001088518904084769}, {"cell": "rnn", "lr": 0.002998338024107411}]


def test_a_continued_study_does_not_draw_its_trials_again(frame, tmp_path):
    """Seeded alike on every call, a tune continued in its folder ran trial 1's settings again as its trial 7."""
    out = tmp_path / "t"
    for _ in range(2):
        result = tune(frame, target="y", trials=3, settings={**FIXED, "epochs": 1, "lookback": 24},
                      search=("cell", "lr"), out=out)
    drawn = [(t.params["cell"], t.params["lr"]) for t in result.study.trials[1:]]  # trial 0: the defaults
    assert len(drawn) == 5 and len(set(drawn)) == 5, drawn


def test_the_trial_of_the_defaults_an_interrupt_lost_runs_again_and_is_said(frame, tmp_path, monkeypatch, caplog):
    """Interrupted, trial 0 (the defaults) was recorded FAIL without a word, and no later call ran the defaults."""
    fit, calls = Forecaster.fit, []

    def interrupted_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt  # what stop_if_asked raises at a batch after a Ctrl-C
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "fit", interrupted_once)
    storage, settings = f"sqlite:///{tmp_path / 'study.db'}", {**FIXED, "epochs": 1}
    search = {"lr": (1e-4, 1e-2), "lookback": [8, 12, 16, 20, 24]}  # the default lookback (50) is drawn per trial
    with pytest.raises(KeyboardInterrupt):
        tune(frame, target="y", trials=3, settings=settings, search=search, storage=storage)
    with caplog.at_level("WARNING", logger="rnncast"):
        result = tune(frame, target="y", trials=2, settings=settings, search=search, storage=storage)
    trials = result.study.trials
    assert [(t.state.name, t.params.get("lr")) for t in trials[:2]] == [("FAIL", 0.0003), ("COMPLETE", 0.0003)]
    assert trials[1].params == trials[0].params  # the lost trial itself, its drawn lookback too, not a new draw
    assert trials[0].user_attrs["failed"] == "interrupted"
    assert "trial 0, the library's defaults, never finished: this call runs them first, as its trial 1" in caplog.text
    again = tune(frame, target="y", trials=1, settings=settings, search=search, storage=storage)
    assert [t.params["lr"] for t in again.study.trials].count(0.0003) == 2  # once run, not again


def test_a_drawn_trial_an_interrupt_lost_runs_again_first_and_is_said(frame, tmp_path, monkeypatch, caplog):
    """Interrupted in trial 1 (drawn by TPE), a continued tune drew new trials and never ran trial 1's settings again,
    without a word: the same seed's best was lost (decision 1551). A trial whose fit raised is not run again."""
    fit, calls = Forecaster.fit, []

    def stopped(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # what stop_if_asked raises at a batch after a Ctrl-C
        if len(calls) == 3:
            raise RuntimeError("CUDA out of memory\nmore")  # it would raise again
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "fit", stopped)
    storage, settings, search = f"sqlite:///{tmp_path / 'study.db'}", {**FIXED, "epochs": 1}, {"lr": (1e-4, 1e-2)}
    with pytest.raises(KeyboardInterrupt):
        tune(frame, target="y", trials=3, settings=settings, search=search, storage=storage)
    with caplog.at_level("WARNING", logger="rnncast"), pytest.raises(RuntimeError):
        tune(frame, target="y", trials=1, settings=settings, search=search, storage=storage)  # trial 1 again: raises
    result = tune(frame, target="y", trials=2, settings=settings, search=search, storage=storage)
    trials = result.study.trials
    lost = trials[1].params["lr"]
    assert [(t.state.name, t.user_attrs.get("failed")) for t in trials[1:3]] == [
        ("FAIL", "interrupted"), ("FAIL", "CUDA out of memory")]
    assert trials[2].params["lr"] == lost and trials[2].user_attrs[trialgrid.RAISED_ATTR]
    assert [t.params["lr"] == lost for t in trials[3:]] == [False, False]  # the raised one is not run a third time
    assert f"trial 1 (lr {lost:.3g}) never finished: this call runs it again" in caplog.text


def test_a_tune_interrupted_in_its_first_trial_writes_trials_csv_saying_so(frame, tmp_path, monkeypatch):
    """Interrupted before any trial finished, a tune left study.db alone (its one trial FAIL), though trials.csv is
    written once more after an interrupt with the reason "interrupted": now it is, and no best.toml (none is best)."""
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt  # what stop_if_asked raises at a batch after a Ctrl-C

    monkeypatch.setattr(Forecaster, "fit", interrupted)
    with pytest.raises(KeyboardInterrupt):
        tune(frame, target="y", trials=3, settings={**FIXED, "epochs": 1}, search=("lr",), out=tmp_path / "t")
    trials = pd.read_csv(tmp_path / "t" / "trials.csv", keep_default_na=False)
    assert trials[["number", "state", "reason"]].values.tolist() == [[0, "FAIL", "interrupted"]]
    assert "lr" in trials.columns and not (tmp_path / "t" / "best.toml").exists()


def test_the_test_split_is_never_seen(frame):
    """Replacing every test row by wild values changes no trial: only train and validation rows are read."""
    n_test = round(len(frame) * 0.2)
    wild = frame.copy()
    wild.loc[len(frame) - n_test :, ["y", "x"]] = np.random.default_rng(1).normal(50, 30, (n_test, 2)).astype(np.float32)
    values = []
    for data in (frame, wild):
        result = tune(data, target="y", features=["x"], trials=3, settings=FIXED, search=("cell", "lr"))
        values.append([t.value for t in result.study.trials])
    assert values[0] == values[1]


def test_a_burst_in_the_test_rows_is_refused_saying_tune_never_scores_it_but_fit_would(frame):
    """A tester's 1e9 three days running in the test rows: tune refused it "(a test row: its errors would drive every
    score)", though its trials never score the test rows. The refusal says what is true: fit of the settings found
    would refuse it (refused before a search whose result could not be fitted); fit still says its own words."""
    wild = frame.copy()
    wild.loc[len(frame) - 20 : len(frame) - 18, "y"] = 1e9
    with pytest.raises(RnncastError, match=r"\(a test row: tune's trials never score it, but the fit of the settings "
                                           r"tune finds would refuse it: its errors would drive every test score\), "
                                           r"one of 3 such values in a row from "):
        tune(wild, target="y", trials=1, settings=FIXED, search=("lr",))
    with pytest.raises(RnncastError, match=r"\(a test row: its errors would drive every score\), one of 3 "):
        Forecaster(**FIXED).fit(wild, target="y")


def test_a_trial_behind_the_median_is_pruned(frame):
    result = tune(frame, target="y", trials=7, settings={**FIXED, "epochs": 6, "lookback": 24}, search=("lr",))
    states = [t.state for t in result.study.trials]
    assert optuna.trial.TrialState.PRUNED in states
    pruned = [t for t in result.study.trials if t.state == optuna.trial.TrialState.PRUNED]
    assert all(max(t.intermediate_values) < 6 for t in pruned)  # stopped before the last epoch


@pytest.mark.parametrize("trials", [0, -3])
def test_bad_trials_are_refused(frame, trials):
    with pytest.raises(RnncastError, match=rf"trials \(--trials\) must be a positive integer, got {trials}"):
        tune(frame, target="y", trials=trials)


def test_nothing_left_to_search_is_refused(frame):
    every = {name: value for name, value in Forecaster().get_params().items() if name in
             ("cell", "hidden_size", "num_layers", "lookback", "lr", "dropout")}
    with pytest.raises(RnncastError, match=r"^every searchable setting \(cell, hidden_size, num_layers, lookback, lr, "
                                           r"dropout\) is fixed; leave one of them out of the settings$"):
        tune(frame, target="y", settings=every)


def test_a_setting_both_fixed_and_named_in_search_is_refused_not_dropped(frame):
    """search=("lr", "dropout") with lr fixed searched dropout alone and said nothing of lr."""
    with pytest.raises(RnncastError, match=r"^lr is both fixed \(lr=, --lr\) and searched \(search=, --search\); "
                                           "give it to one of them$"):
        tune(frame, target="y", settings={"lr": 0.01}, search=("lr", "dropout"))


def test_without_optuna_the_error_says_what_to_install(monkeypatch, frame):
    monkeypatch.setitem(sys.modules, "optuna", None)
    with pytest.raises(RnncastError, match=r"needs the optuna package: pip install 'rnncast\[tune\]'"):
        tune(frame, target="y", trials=1)


@pytest.mark.parametrize("storage, said", [
    ("bogus://x", "Can't load plugin: sqlalchemy.dialects:bogus"),
    ("not a url", "Could not parse SQLAlchemy URL"),
    ("mysql://user@nohost/db", "its database driver is not installed (No module named 'MySQLdb')"),
    ("sqlite:////no/such/folder/study.db", "unable to open database file"),
])
def test_a_storage_that_cannot_be_opened_is_one_error_naming_it(frame, storage, said):
    with pytest.raises(RnncastError, match=r"^cannot open the study storage ") as caught:
        tune(frame, target="y", trials=1, settings=FIXED, storage=storage)
    assert storage in str(caught.value) and said in str(caught.value)


def test_a_study_created_by_another_process_meanwhile_is_loaded(frame, tmp_path, monkeypatch):
    """The race of two processes on one new study (tests/scenarios/test_tune_processes.py runs it):
    the first create_study loses it with an IntegrityError; the retry loads the study."""
    from sqlalchemy.exc import IntegrityError

    real, calls = optuna.create_study, []

    def lose_the_race_once(**kwargs):
        calls.append(kwargs["study_name"])
        if len(calls) == 1:
            real(**kwargs)  # "the other process" makes the study ...
            raise IntegrityError("INSERT INTO alembic_version", {}, Exception("UNIQUE constraint failed"))
        return real(**kwargs)

    monkeypatch.setattr(optuna, "create_study", lose_the_race_once)
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    result = tune(frame, target="y", trials=np.int64(1), settings={**FIXED, "epochs": 1}, storage=storage,
                  search=("lr",))
    assert len(calls) == 2 and len(result.study.trials) == 1  # ... which this one then loads and adds to


def test_a_study_that_maximizes_is_refused_by_name(frame, tmp_path):
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    optuna.create_study(study_name="other", storage=storage, direction="maximize")
    with pytest.raises(RnncastError, match="study 'other' in sqlite:.* does not minimize one value"):
        tune(frame, target="y", trials=1, settings=FIXED, storage=storage, study_name="other")


def test_a_study_continued_with_other_fixed_settings_is_refused_by_name(frame, tmp_path):
    """Its trials would mix two settings, and best.toml would pair one trial's searched settings with
    the other call's fixed ones."""
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "window_scale": True}, storage=storage,
         search=("lr",))
    with pytest.raises(RnncastError, match="study 'rnncast' was run with window_scale True, and this call's "
                                           "window_scale is the default False: its trials would mix two settings"):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1}, storage=storage, search=("lr",))
    with pytest.raises(RnncastError, match="was run with hidden_size"):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "window_scale": True, "hidden_size": 5},
             storage=storage, search=("lr",))
    again = tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "window_scale": True}, storage=storage,
                 search=("lr",))
    assert len(again.study.trials) == 2 and again.settings["window_scale"] is True


def test_a_study_continued_without_its_quantiles_says_none_not_an_empty_list(frame, tmp_path):
    """"and this call gives []" named no setting a reader gave: an empty list is said as none, the default."""
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}, storage=storage,
         search=("lr",))
    with pytest.raises(RnncastError, match=r"was run with quantiles \[0.1, 0.5, 0.9\], and this call has no quantiles, the default: "):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1}, storage=storage, search=("lr",))


def test_a_study_continued_with_a_default_given_or_left_out_or_on_another_device_goes_on(frame, tmp_path):
    """What is compared is what is in effect: a default written out is the default, and the device
    a trial runs on does not change what it scores (machines joining one study may differ)."""
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    first = {**FIXED, "epochs": 1}
    tune(frame, target="y", trials=1, settings=first, storage=storage, search=("lr",))
    for settings in ({**first, "window_scale": False, "dropout": 0.0}, {k: v for k, v in first.items() if k != "seed"},
                     {**first, "device": "auto"}):
        result = tune(frame, target="y", trials=1, settings=settings, storage=storage, search=("lr",))
    assert len(result.study.trials) == 4
    with pytest.raises(RnncastError, match="was run with dropout 0.0, and this call searches it"):
        tune(frame, target="y", trials=1, settings={**first, "lr": 1e-3}, storage=storage, search=("dropout",))


def test_a_searched_lookback_takes_only_lookbacks_at_least_the_season(tmp_path):
    """A season of 30 (longer than the search's 24, and than fit's default 50 would not be) used to stop
    the study at the first trial that drew 24; 52 was refused before any trial against the default 50."""
    import pandas as pd

    t = np.arange(700)
    frame = pd.DataFrame({"y": np.sin(2 * np.pi * t / 52) + 0.1 * np.random.default_rng(0).normal(size=700)})
    result = tune(frame, target="y", trials=4, settings={**FIXED, "epochs": 1, "season": 52, "window_norm": "season"},
                  search=("lookback",))
    drawn = {t.params["lookback"] for t in result.study.trials}
    assert drawn and min(drawn) >= 52
    with pytest.raises(RnncastError, match=r"no lookback the search tries \(24, 48, 96, 168, 336\) fits these "
                                           r"settings: season 400 is longer than lookback 336"):
        tune(frame, target="y", trials=1, settings={**FIXED, "season": 400, "window_norm": "season"},
             search=("lookback",))


def test_a_searched_lookback_leaves_the_training_rows_at_least_as_many_windows_as_its_length(caplog):
    """72 monthly rows: lookback 48 fits (51 training rows hold one window of 48 + 3) and the tester's
    3 trials all drew it; now only 24 (25 windows) is searched, and the log says why 48 is not."""
    frame = pd.DataFrame({"date": pd.date_range("2015-01-31", periods=72, freq="ME"),
                          "y": np.sin(np.arange(72) * np.pi / 6) + 0.1 * np.random.default_rng(0).normal(size=72)})
    with caplog.at_level("INFO", logger="rnncast"):
        result = tune(frame, target="y", trials=2, settings={**FIXED, "epochs": 1}, search=("lookback",))
    assert {t.params["lookback"] for t in result.study.trials} == {24}
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("lookbacks searched")]
    assert said == ["lookbacks searched: 24 (each leaves the 51 training rows at least as many windows as its "
                    "length; not 48 (1 window))"]
    assert not [r for r in caplog.records if "trains on only" in r.getMessage()]  # no trial trains on too few


def test_when_no_default_lookback_leaves_enough_windows_lookbacks_scaled_to_the_data_are_searched(caplog):
    """50 rows: 24 alone was searched (9 windows of 24 + 3 in 35 training rows), as on t35t6's 40 quarters, where it left
    1 window and best.toml carried it; now the multiples of 4 (or of the season) that leave 20 windows (decision 1811)."""
    y = np.sin(np.arange(50) * np.pi / 6)  # 35 training rows: 29 windows of 4 + 3, 25 of 8, 21 of 12, 17 of 16
    with caplog.at_level("INFO", logger="rnncast"):
        result = tune(y, trials=2, settings={**FIXED, "epochs": 1}, search=("lookback",))
    assert {t.params["lookback"] for t in result.study.trials} <= {4, 8, 12}
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("no lookback of")]
    assert said == ["no lookback of 24, 48, 96, 168, 336 leaves the 35 training rows as many windows as its length; "
                    "lookbacks searched: 4, 8, 12 (multiples of 4 that leave at least 20 training windows each; choose "
                    "others, such as a longer one that leaves fewer, with search={'lookback': (4,8,12,16)}, --search "
                    "lookback=4,8,12,16)"]
    assert not [r for r in caplog.records if "trains on only" in r.getMessage()]  # no trial trains on too few


def _stores(lengths=(60, 60, 45)) -> pd.DataFrame:
    """A tiny panel of a key of two columns: item a and b in store 1, item a in store 2 (``lengths`` rows each)."""
    keys = [("a", 1), ("b", 1), ("a", 2)]
    return pd.concat([make_frame(n, freq="D", seed=k).assign(item_id=item, store_id=store)
                      for k, ((item, store), n) in enumerate(zip(keys, lengths))], ignore_index=True)


PANEL = dict(horizon=2, lookback=8, epochs=1, batch_size=32, hidden_size=8, device="cpu", seed=0)


@pytest.mark.parametrize("id_col", ["item_id,store_id", ["item_id", "store_id"], "sid"])
def test_a_panel_is_tuned_as_fit_trains_and_scores_it_and_best_toml_refits_it(id_col, tmp_path, caplog):
    """Decision 1166: tune took one series only. Each trial fits the panel as fit does, scored on every series'
    validation windows as fit's validation scores them; best.toml carries the key, so fit --config refits it alone."""
    from rnncast.configfile import read_config

    stores = _stores().assign(sid=lambda d: d.item_id + d.store_id.astype(str))
    with caplog.at_level(logging.WARNING):
        result = tune(stores, target="y", id_col=id_col, trials=2, settings=PANEL, search=("lr",), out=tmp_path / "t")
    unused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used: x")]
    assert sum(r.getMessage().startswith("each series is cut at its own") for r in caplog.records) == 1  # 9836
    assert len(unused) == 1 and (" (to train on them, name them with past_covariates=, future_covariates= or "
                                 "static_covariates= (--past-covariates, --future-covariates, --static-covariates), or "
                                 "features='all' (--features all))") in unused[0]  # fit's roles, which tune takes (1213)
    assert len(result.study.trials) == 2 and result.roles == {"target": "y", "id_col": id_col}
    model = result.forecaster().fit(stores, **result.roles)  # same seed, same run: the documented refit (decision 1202)
    assert len(model.state_.ids) == 3
    assert model.evaluate(stores, part="val")["scaled"]["model"]["mse"] == pytest.approx(result.value, rel=1e-6)
    settings, request = read_config(tmp_path / "t" / "best.toml")
    assert request["id_col"] == ("sid" if id_col == "sid" else ["item_id", "store_id"])  # as read: the key's columns
    assert {k: settings[k] for k in PANEL} == PANEL and settings["lr"] == result.settings["lr"]
    import json

    recorded = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert recorded["id_col"] == (["sid"] if id_col == "sid" else ["item_id", "store_id"])
    assert recorded["series_count"] == 3 and recorded["series_left_out"] == []


def test_tune_results_roles_carry_every_data_role_so_the_documented_refit_runs():
    """Decision 1202: roles held id_col and the static covariates only, so fit(data, **result.roles) of a panel with
    columns besides its target refused with "say which column to forecast with target=". Every data role given."""
    stores = _stores().rename(columns={"y": "sales"})
    sizes = pd.DataFrame({"item_id": ["a", "b", "a"], "store_id": [1, 1, 2], "size": [1.0, 2.0, 3.0]})
    given = dict(target="sales", features=["x"], time_col="date", id_col=["item_id", "store_id"], static_covariates=sizes)
    result = tune(stores, **given, trials=1, settings=PANEL, search=("lr",))
    assert set(result.roles) == set(given) and result.roles["target"] == "sales"
    model = result.forecaster().fit(stores, **result.roles)
    assert model.evaluate(stores, part="val")["scaled"]["model"]["mse"] == pytest.approx(result.value, rel=1e-6)


def test_a_series_too_short_for_a_fixed_lookback_is_said_once_and_tune_json_counts_the_series_scored(tmp_path, caplog):
    """Decision 1207: tune.json's series_count counted a series every trial left out as too short (4 vs 3 scored), and
    the warning naming it was said before the trials and again by each."""
    import json

    with caplog.at_level(logging.WARNING):
        tune(_stores(lengths=(60, 60, 30)), target="y", id_col=["item_id", "store_id"], trials=2,
             settings={**PANEL, "lookback": 20}, search=("lr",), out=tmp_path / "t")
    said = [r.getMessage() for r in caplog.records]
    assert sum("too short to train and is left out: 'item_id=a, store_id=2'" in m for m in said) == 1
    assert sum("too short to train and is not scored" in m for m in said) <= 1  # one series: singular (decision 1502)
    assert sum(m.startswith("each series is cut at its own fractions") for m in said) <= 1  # not once a trial
    recorded = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert recorded["series_count"] == 2
    assert recorded["series_left_out"] == [{"series": "item_id=a, store_id=2", "rows": 30}]


def test_a_study_continued_on_another_key_or_one_series_is_refused_by_name(tmp_path):
    stores = _stores().assign(sid=lambda d: d.item_id + d.store_id.astype(str))
    tune(stores, target="y", id_col=["item_id", "store_id"], trials=1, settings=PANEL, search=("lr",), out=tmp_path / "t")
    before = (tmp_path / "t" / "trials.csv").read_text()
    for data, given, said in [(stores, dict(id_col="sid"), "the series told apart by id_col 'sid'"),
                              (stores[stores.sid == "a1"], {}, r"one series \(no id_col\)")]:
        with pytest.raises(RnncastError, match=r"^study 'rnncast' was run on the series told apart by id_col \['item_id', "
                                               rf"'store_id'\], and this call gives {said}: its trials would mix two "
                                               "panels"):
            tune(data, target="y", trials=1, settings=PANEL, search=("lr",), out=tmp_path / "t", **given)
    assert (tmp_path / "t" / "trials.csv").read_text() == before  # no trial ran
    more = tune(stores, target="y", id_col=["item_id", "store_id"], trials=1, settings=PANEL, search=("lr",),
                out=tmp_path / "t")
    assert len(more.study.trials) == 2  # the same key goes on
    other = _stores(lengths=(60, 50, 45))  # decision 1204: the same key, other data (rows and values)
    for data, said in [(other, r"it had 165 rows in 3 series, 2024-01-01 to 2024-02-29; this data has 155 rows"),
                       (stores.assign(y=stores.y + 1), r"it had the same 165 rows .*, but other values in column 'y'")]:
        with pytest.raises(RnncastError, match=rf"^study 'rnncast' was run on other data: {said}.*; its trials would "
                                               "mix two data sets: give the data it was run with, or another study"):
            tune(data, target="y", id_col=["item_id", "store_id"], trials=1, settings=PANEL, search=("lr",),
                 out=tmp_path / "t")
    assert len(tune(stores, target="y", id_col=["item_id", "store_id"], trials=1, settings=PANEL, search=("lr",),
                    out=tmp_path / "t").study.trials) == 3


def test_a_searched_lookback_must_fit_the_shortest_series_as_every_trial_scores_every_one():
    """fit leaves a series too short for the lookback out: trials of two lookbacks would be scored on other series."""
    stores, settings = _stores(), {k: v for k, v in PANEL.items() if k != "lookback"}
    with pytest.raises(RnncastError, match=r"^search's lookback 40 does not fit the data \(its shortest series, "
                                           r"'item_id=a, store_id=2' \(45 rows\)\): .* leave it out of the choices \(each trial trains "
                                           r"and scores every series; a lookback fixed with lookback=, --lookback, is "
                                           r"trained as fit trains it, the series too short for it left out\)$"):
        tune(stores, target="y", id_col=["item_id", "store_id"], trials=1, settings=settings,
             search={"lookback": [8, 40]})
    with pytest.raises(RnncastError, match=r"^the shortest series, 'item_id=a, store_id=2' \(12 rows\), is too short for any "
                                           r"lookback of \(24, 48, 96, 168, 336\) or shorter"):  # 20: 4, 8, 12 (decision 1811)
        tune(_stores((60, 60, 12)), target="y", id_col=["item_id", "store_id"], trials=1, settings=settings,
             search=("lookback",))


def test_a_role_in_settings_is_refused_saying_tune_takes_it_as_fit_does(frame):
    for role in ("id_col", "past_covariates", "future_covariates"):
        with pytest.raises(RnncastError, match=rf"^tune's settings= hold {role}, a column role, not a setting: give it "
                                               rf"as tune\(data, {role}=...\), as fit takes it$"):
            tune(frame, target="y", trials=1, settings={"epochs": 1, role: "x"})


def _covariates() -> pd.DataFrame:
    """``_stores`` with a past covariate ``temp`` and a future one ``price`` (x left unused)."""
    stores = _stores()
    rng = np.random.default_rng(5)
    return stores.assign(temp=np.cos(np.arange(len(stores)) / 3), price=rng.integers(0, 3, len(stores)).astype(float))


@pytest.mark.parametrize("given", [dict(past_covariates=["temp"], future_covariates="price"),
                                   dict(features=["temp"], future_covariates=["price"])])
def test_fits_covariate_roles_are_tuned_recorded_and_refit_with_the_trials_score(given, tmp_path):
    """Decision 1213: tune refused past_covariates= and future_covariates= (its covariates were features=, all past or
    all known over the horizon with future_known), so a past and a future covariate together could not be tuned.
    Each trial reads them as fit does; best.toml writes each column in its role (features= beside a role too), tune.json
    records them, and the refit from best.toml scores the best trial's validation loss again."""
    import json

    from rnncast.configfile import read_config

    data = _covariates()
    result = tune(data, target="y", id_col=["item_id", "store_id"], **given, trials=2, settings=PANEL, search=("lr",),
                  out=tmp_path / "t")
    assert {k: result.roles[k] for k in given} == given
    settings, request = read_config(tmp_path / "t" / "best.toml")
    assert (request["past_covariates"], request["future_covariates"]) == (["temp"], ["price"])
    assert request.get("features") is None
    recorded = json.loads((tmp_path / "t" / "tune.json").read_text())
    assert (recorded["past_covariates"], recorded["future_covariates"]) == (["temp"], ["price"])
    roles = {k: request[k] for k in ("target", "time_col", "id_col", "past_covariates", "future_covariates")}
    model = Forecaster(**settings).fit(data, **roles)
    assert (model.state_.past_covariates, model.state_.future_covariates) == (["temp"], ["price"])
    assert model.evaluate(data, part="val")["scaled"]["model"]["mse"] == pytest.approx(result.value, rel=1e-6)
    refit = result.forecaster().fit(data, **result.roles)  # the documented refit (decision 1202)
    assert refit.evaluate(data, part="val")["scaled"]["model"]["mse"] == pytest.approx(result.value, rel=1e-6)
    with pytest.raises(RnncastError, match=r"^study 'rnncast' was run on other data: it had the columns .*temp.*; "
                                           r"this data has"):  # other roles: its trials would mix two sets of inputs
        tune(data, target="y", id_col=["item_id", "store_id"], future_covariates=["temp", "price"], trials=1,
             settings=PANEL, search=("lr",), out=tmp_path / "t")


def test_a_misspelt_setting_is_said_before_the_lookback_search_wraps_it(frame):
    with pytest.raises(RnncastError) as refused:
        tune(frame, target="y", trials=1, settings={"epoch": 2})
    assert str(refused.value).startswith("unknown setting(s) ['epoch'] (did you mean 'epochs'?)")
    assert "no lookback" not in str(refused.value)


def test_optunas_own_lines_are_quieted_for_the_study_and_rnncast_says_each_trial(frame, caplog):
    """A notebook's tune printed Optuna's "[I ...] Trial 0 finished with value: ..." lines to stderr."""

    heard = []

    class Heard(logging.Handler):
        def emit(self, record):
            heard.append(record)

    optuna.logging.set_verbosity(optuna.logging.INFO)  # Optuna's default, the caller's here
    handler = Heard(logging.DEBUG)
    logging.getLogger("optuna").addHandler(handler)
    try:
        with caplog.at_level(logging.INFO, logger="rnncast.tuning"):
            tune(frame, target="y", trials=2, settings={**FIXED, "epochs": 1}, search=("lr",))
        assert optuna.logging.get_verbosity() == optuna.logging.INFO  # the caller's level restored
    finally:
        logging.getLogger("optuna").removeHandler(handler)
    assert [r for r in heard if r.levelno < logging.WARNING] == []
    lines = [r.getMessage() for r in caplog.records if r.name == "rnncast.tuning"]
    assert [line.split(":")[0] for line in lines if line.startswith("trial ")] == ["trial 0", "trial 1"]
    assert all("complete validation MSE" in line for line in lines if line.startswith("trial "))
    called = []
    tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1}, search=("lr",), on_trial=called.append)
    assert len(called) == 1


def test_a_search_dict_is_searched_in_the_ranges_and_choices_it_gives(frame):
    """A dict's ranges were dropped (its keys read as names): trials drew lr 3e-4 and dropout 0.36."""
    settings = {k: v for k, v in FIXED.items() if k != "hidden_size"}
    result = tune(frame, target="y", trials=3, settings={**settings, "epochs": 1, "lookback": 24},
                  search={"lr": (1e-3, 1e-2), "dropout": (0.0, 0.0), "cell": ["gru"], "hidden_size": None})
    for trial in result.study.trials:
        assert 1e-3 <= trial.params["lr"] <= 1e-2 and trial.params["dropout"] == 0.0 and trial.params["cell"] == "gru"
        assert trial.params["hidden_size"] in (16, 32, 64, 128)  # None: the default space
    assert result.study.trials[0].params["hidden_size"] == 64  # the defaults that lie in the space come first
    assert result.study.trials[0].distributions["lr"].log  # log scale, as the default space of lr


def test_a_single_name_is_that_one_setting_not_its_letters(frame):
    result = tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "lookback": 24}, search="cell")
    assert set(result.study.trials[0].params) == {"cell"}


def test_searched_lookback_choices_that_do_not_fit_the_data_are_refused_by_name(frame):
    result = tune(frame, target="y", trials=2, settings={**FIXED, "epochs": 1}, search={"lookback": [12, 30]})
    assert {t.params["lookback"] for t in result.study.trials} <= {12, 30}
    with pytest.raises(RnncastError, match=r"^search's lookback 500 does not fit the data: series too short"):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1}, search={"lookback": [24, 500]})


@pytest.mark.parametrize("search, said", [
    ({"lr": (1e-2, 1e-3)}, r"^search's lr takes a range \(low, high\) of numbers, drawn on a log scale \(default: "
                           r"\(0.0001, 0.01\)\), low <= high; got \(0.01, 0.001\)$"),
    ({"lr": (-1, 1e-2)}, r"^search's lr \(-1, 0.01\): lr \(--lr\) must be a positive finite number, got -1"),
    ({"dropout": (0.1, 1.5)}, r"^search's dropout \(0.1, 1.5\): dropout \(--dropout\) must be a number in \[0, 1\), got 1.5"),
    ({"num_layers": (1, 2.5)}, r"num_layers \(--num-layers\) must be a positive integer, got 2.5"),
    ({"lr": 0.01}, r"^search's lr takes a range \(low, high\) .*, got 0.01$"),
    ({"cell": "lstm"}, r"^search's cell takes a list of choices \(default: \['rnn', 'lstm', 'gru'\]\), got 'lstm'$"),
    ({"cell": ["lstm", "transformer"]}, r"^search's cell \['lstm', 'transformer'\]: unknown cell 'transformer'"),
    ({"hidden_size": []}, r"^search's hidden_size takes a list of choices"),
    ({"epochs": (1, 3)}, r"^cannot search 'epochs'; searchable settings: cell, hidden_size"),
    (5, r"^search must be a setting's name, a list of names or a dict of name -> range or choices, got int"),
    ({"lr": (1e-3, 1e-2), "hidden_size": [8]}, r"^hidden_size is both fixed \(hidden_size=, --hidden-size\) and "
                                               r"searched"),
    ({}, r"^search names no setting \(got \{\}\); leave it out to search every setting not fixed$"),  # not "all fixed"
    ([], r"^search names no setting \(got \[\]\); leave it out to search every setting not fixed$"),
    ({"lookback": ["24", "48"]}, r"^search's lookback choice '24' is of type str; lookback takes whole numbers as choices, "
                                 r"e.g. \[24, 48, 96\]$"),  # not "no lookback the search tries (24, 48) fits"
    ({"cell": ["gru", 2]}, r"^search's cell choice 2 is of type int; cell takes names as choices, e.g. \['lstm', 'gru'\]$"),
])
def test_a_bad_search_is_one_error_before_any_trial(frame, search, said, tmp_path):
    with pytest.raises(RnncastError, match=said):
        tune(frame, target="y", trials=1, settings=FIXED, search=search, out=tmp_path / "t")
    assert not (tmp_path / "t").exists()


@pytest.mark.parametrize("settings, said", [
    ({"lr": -1}, "lr (--lr) must be a positive finite number, got -1"),
    ({"dropout": 1.5}, "dropout (--dropout) must be a number in [0, 1), got 1.5"),
    ({"cell": "transformer"}, "unknown cell 'transformer'; choose one of: rnn, lstm, gru"),
])
def test_a_bad_fixed_setting_is_said_as_it_is_not_as_no_lookback_fitting(frame, settings, said):
    """"no lookback the search tries (24, 48, ...) fits these settings: lr must be ..." blamed the lookback."""
    with pytest.raises(RnncastError) as refused:
        tune(frame, target="y", trials=1, settings=settings)
    assert str(refused.value) == said


def test_a_fixed_lookback_the_data_cannot_fit_is_refused_before_the_study_is_opened(frame, tmp_path):
    """The first trial failed with Optuna's traceback, left study.db with the failed trial and recorded
    lookback 500, so that a retry with another lookback was refused."""
    out = tmp_path / "t"
    with pytest.raises(RnncastError, match=r"^series too short: of 300 rows, the training rows \(210\) hold no "
                                           r"lookback 500 \+ horizon 3"):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "lookback": 500}, out=out)
    assert not out.exists()
    with pytest.raises(RnncastError, match=r"^future_known \(future_known=True, --future-known\) needs feature columns"):
        tune(frame, target="y", trials=1, settings={**FIXED, "future_known": True}, out=out)  # fit's own checks too
    assert not out.exists()


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf"), True, "10"])
def test_a_timeout_that_is_no_positive_number_of_seconds_is_refused(frame, timeout, tmp_path):
    """--timeout 0 ran no trial, then said "no trial of the study finished", leaving only study.db."""
    with pytest.raises(RnncastError, match=r"^timeout must be a positive number of seconds, got .*; leave it out for "
                                           r"no time limit$"):
        tune(frame, target="y", trials=1, settings=FIXED, timeout=timeout, out=tmp_path / "t")
    assert not (tmp_path / "t").exists()


def test_a_failed_trial_is_said_in_its_line_without_optunas_traceback(frame, monkeypatch):

    from rnncast.errors import TrainingDiverged

    def diverge(self, *args, **kwargs):
        raise TrainingDiverged("the training loss became NaN in epoch 1")

    heard, said = [], []

    class Heard(logging.Handler):
        def emit(self, record):
            heard.append(record)

    monkeypatch.setattr(Forecaster, "fit", diverge)
    handler = Heard(logging.DEBUG)
    logging.getLogger("optuna").addHandler(handler)
    try:
        with pytest.raises(RnncastError, match="^no trial of the study finished"):
            tune(frame, target="y", trials=2, settings={**FIXED, "lookback": 24}, search=("lr",), on_trial=said.append)
    finally:
        logging.getLogger("optuna").removeHandler(handler)
    assert [r.getMessage() for r in heard] == []
    assert [trial_line(t, "validation MSE (scaled units)") for t in said] == [
        "trial 0: fail after ? epochs (lr 0.0003): the training loss became NaN in epoch 1",
        f"trial 1: fail after ? epochs (lr {said[1].params['lr']:.3g}): the training loss became NaN in epoch 1"]


def test_the_files_are_written_after_each_trial_so_a_killed_tune_keeps_them(frame, tmp_path):
    out, seen = tmp_path / "t", []

    def look(trial):
        seen.append((trial.number, (out / "trials.csv").read_text().splitlines()[-1].split(",")[:2],
                     (out / "best.toml").is_file()))

    tune(frame, target="y", trials=2, settings={**FIXED, "epochs": 1, "lookback": 24}, search=("lr",), out=out,
         on_trial=look)
    assert seen == [(0, ["0", "COMPLETE"], True), (1, ["1", "COMPLETE"], True)]


@pytest.mark.filterwarnings("ignore:.*heartbeat:optuna.exceptions.ExperimentalWarning", "ignore:Heartbeat of storage")
def test_a_trial_left_running_by_a_killed_process_is_marked_failed_and_said(frame, tmp_path, monkeypatch, caplog):
    """A tune killed mid-trial (kill -9) left its trial RUNNING for ever, listed so in trials.csv and counted."""
    import time

    from rnncast import studies

    monkeypatch.setattr(studies, "GRACE_S", 1)
    storage, settings = f"sqlite:///{tmp_path / 'study.db'}", {**FIXED, "epochs": 1, "lookback": 24}
    tune(frame, target="y", trials=1, settings=settings, storage=storage, search=("lr",))
    killed = optuna.storages.RDBStorage(storage, heartbeat_interval=1)
    trial = optuna.load_study(study_name="rnncast", storage=killed).ask()
    killed.record_heartbeat(trial._trial_id)  # its last beat: then the process was killed
    time.sleep(2.5)
    with caplog.at_level("WARNING", logger="rnncast"):
        result = tune(frame, target="y", trials=1, settings=settings, storage=storage, search=("lr",),
                      out=tmp_path / "t")
    assert [t.state.name for t in result.study.trials] == ["COMPLETE", "FAIL", "COMPLETE"]
    assert [r.getMessage() for r in caplog.records if "left running" in r.getMessage()] == [
        "trial 1 was left running by a process that stopped (no heartbeat for 1 s): marked failed"]
    assert "1,FAIL," in (tmp_path / "t" / "trials.csv").read_text()


def _kept(folder):
    return {p.relative_to(folder): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")}


def test_out_is_claimed_as_rnncast_tune_claims_it_and_nothing_there_is_replaced_unasked(frame, tmp_path):
    """tune(out=) wrote study.db, best.toml, trials.csv and tune.json into any folder: over a user's own
    best.toml and trials.csv, beside foreign files, into a fit's run; a file gave a raw "[Errno 17] File
    exists". The folder is claimed as ``rnncast tune --out`` claims it (tuneoutputs.claim_tune), with or
    without overwrite=True, before the data is read."""
    mine = tmp_path / "userdir"
    mine.mkdir()
    (mine / "best.toml").write_text("lr = 0.1  # my own\n")
    (mine / "trials.csv").write_text("a,b\n1,2\n")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine\n")
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "config.json").write_text("{}")
    (run / "report.html").write_text("")
    afile = tmp_path / "precious.csv"
    afile.write_text("date,sales\n")
    cases = [(mine, rf"^out={mine} holds files that rnncast did not write \(best.toml, trials.csv\); give a new or "
                    "empty folder for the tune$"),
             (foreign, rf"^out={foreign} holds files that rnncast did not write \(notes.txt\)"),
             (run, rf"^out={run} holds a run \(rnncast fit\), not a tune; overwrite=True replaces only an earlier tune"),
             (afile, rf"^out={afile} is a file; give a folder for the tune$")]
    for out, said in cases:
        before = _kept(out) if out.is_dir() else out.read_bytes()
        for overwrite in (False, True):
            with pytest.raises(RnncastError, match=said):
                tune(frame, target="y", trials=1, settings={**FIXED, "lookback": 24}, search=("lr",), out=out,
                     overwrite=overwrite)
            assert (_kept(out) if out.is_dir() else out.read_bytes()) == before


def test_an_earlier_tune_goes_on_and_overwrite_replaces_one_of_another_study(frame, tmp_path):
    out = tmp_path / "t"
    settings = {**FIXED, "epochs": 1, "lookback": 24}
    tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)
    assert len(tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out).study.trials) == 2
    before = _kept(out)
    with pytest.raises(RnncastError, match=rf"^out={out} holds the tune of study 'rnncast' in its own study.db; to add "
                                           r"trials to a study, give its study_name \(and storage, .*\); or give another "
                                           r"out, or overwrite=True to replace it$"):
        tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out, study_name="other")
    assert _kept(out) == before
    with pytest.raises(RnncastError, match="not found"):  # refused data: the earlier tune stays
        tune(frame, target="nope", trials=1, settings=settings, search=("lr",), out=out, study_name="other",
             overwrite=True)
    assert _kept(out) == before
    again = tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out, study_name="other",
                 overwrite=True)
    assert len(again.study.trials) == 1 and '"study": "other"' in (out / "tune.json").read_text()


def test_a_study_continued_in_another_space_is_refused_before_any_trial(frame, tmp_path):
    """Other choices crashed at the trial with Optuna's "CategoricalDistribution does not support dynamic
    value space" (a FAIL row each time) and another lr range was taken without a word: a study is
    searched in the space it recorded; the same choices in another order are that space."""
    import json

    out, settings = tmp_path / "t", {**FIXED, "epochs": 1, "lookback": 24}
    settings.pop("hidden_size")
    first = {"hidden_size": [8, 16], "lr": (1e-3, 1e-2), "cell": ["lstm", "gru"]}
    tune(frame, target="y", trials=1, settings=settings, search=first, out=out)
    assert json.loads((out / "tune.json").read_text())["search"] == {"hidden_size": [8, 16], "lr": [1e-3, 1e-2],
                                                                     "cell": ["lstm", "gru"]}
    for changed, now in [({"hidden_size": [32, 64]}, "--search hidden_size=32,64 "),
                         ({"lr": None}, "--search lr=0.0001..0.01"), ({"cell": ["gru", "rnn"]}, "--search cell=gru,rnn")]:
        search = {**first, **changed}
        with pytest.raises(RnncastError) as refused:
            tune(frame, target="y", trials=1, settings=settings, search=search, out=out)
        said = str(refused.value)
        assert said.startswith("study 'rnncast' was searched with --search hidden_size=8,16 --search lr=0.001..0.01 "
                               "--search cell=lstm,gru, and this call gives --search ") and now in said, said
        assert said.endswith(": its trials would be drawn from two spaces; give the search it was run with, or another "
                             "study name (--study) or folder (--out)")
    again = tune(frame, target="y", trials=1, settings=settings, out=out,
                 search={"hidden_size": [16, 8], "lr": (0.001, 0.01), "cell": ["gru", "lstm"]})
    assert [t.state.name for t in again.study.trials] == ["COMPLETE", "COMPLETE"]  # no FAIL row from the refusals
    assert "FAIL" not in (out / "trials.csv").read_text()


def test_a_study_made_before_spaces_were_recorded_is_held_to_its_trials_distributions(frame, tmp_path):
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    old = optuna.create_study(study_name="old", storage=storage)
    old.add_trial(optuna.trial.create_trial(value=0.5, params={"cell": "lstm"}, distributions={
        "cell": optuna.distributions.CategoricalDistribution(("lstm", "gru"))}))
    settings = {**FIXED, "epochs": 1, "lookback": 24}
    with pytest.raises(RnncastError, match=r"^study 'old' was searched with --search cell=lstm,gru, and this call "
                                           r"gives --search cell=gru,rnn: "):
        tune(frame, target="y", trials=1, settings=settings, search={"cell": ["gru", "rnn"]}, storage=storage,
             study_name="old")
    result = tune(frame, target="y", trials=1, settings=settings, search={"cell": ["gru", "lstm"]}, storage=storage,
                  study_name="old")
    assert len(result.study.trials) == 2 and result.study.user_attrs["rnncast_search_space"] == {"cell": ["lstm", "gru"]}


def test_a_timeout_that_ends_the_search_before_a_trial_is_said_and_leaves_nothing(frame, tmp_path, monkeypatch):
    """--timeout 1e-9 said "no trial of the study finished (all pruned or diverged)" and left study.db with
    the defaults' trial WAITING (enqueued, never run) and the settings recorded, which a new tune met."""
    import datetime

    class Clock(datetime.datetime):
        ticks = 0

        @classmethod
        def now(cls, tz=None):  # a second passes between any two looks: Optuna's timeout always ran out
            cls.ticks += 1
            return datetime.datetime(2026, 1, 1) + datetime.timedelta(seconds=cls.ticks)

    monkeypatch.setattr("optuna.study._optimize.datetime", type("m", (), {"datetime": Clock}))
    storage, settings = f"sqlite:///{tmp_path / 'shared.db'}", {**FIXED, "epochs": 1, "lookback": 24}
    for where in ({"out": tmp_path / "t"}, {"storage": storage}):
        with pytest.raises(RnncastError) as refused:
            tune(frame, target="y", trials=1, settings=settings, search=("lr",), timeout=1e-9, **where)
        assert str(refused.value) == ("the timeout of 1e-09 s ran out before a trial finished; give more time "
                                      "(timeout=, --timeout)")
    assert not (tmp_path / "t").exists() and optuna.study.get_all_study_names(storage) == []
    monkeypatch.undo()
    result = tune(frame, target="y", trials=1, settings=settings, search=("dropout",), storage=storage)
    assert [t.state.name for t in result.study.trials] == ["COMPLETE"]


def test_a_timeout_that_stops_the_search_early_says_how_many_trials_ran(frame, tmp_path, monkeypatch, caplog):
    """--trials 40 --timeout 1 ran 2 trials and said "best: ... (2 trials in the study)" as if that were all that was
    asked (a tester's finding, decision 556)."""
    import datetime

    class Clock(datetime.datetime):
        ticks = 0

        @classmethod
        def now(cls, tz=None):  # a second passes between any two looks
            cls.ticks += 1
            return datetime.datetime(2026, 1, 1) + datetime.timedelta(seconds=cls.ticks)

    monkeypatch.setattr("optuna.study._optimize.datetime", type("m", (), {"datetime": Clock}))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        tune(frame, target="y", trials=5, settings={**FIXED, "epochs": 1, "lookback": 24}, search=("lr",), timeout=1.5,
             out=tmp_path / "t")
    said = [r.getMessage() for r in caplog.records if "ran out after" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("the timeout of 1.5 s ran out after 1 trial of the 5 asked for; give "
                                                 "more time (timeout=, --timeout)")


def test_overwrite_is_true_or_false_not_text_that_reads_as_yes(frame, tmp_path):
    earlier = tmp_path / "t"
    earlier.mkdir()
    (earlier / "notes.txt").write_text("mine\n")
    with pytest.raises(RnncastError, match=r"^overwrite must be True or False, got 'no'$"):
        tune(frame, target="y", trials=1, settings=FIXED, search=("lr",), out=earlier, overwrite="no")
    assert (earlier / "notes.txt").read_text() == "mine\n"


def test_a_chunk_without_the_sequence_scheme_is_refused_before_the_study_is_opened(frame, tmp_path):
    """tune --chunk 7 (window scheme) was refused by the first trial's fit after study.db recorded chunk 7, so the
    corrected command was then refused "study 'rnncast' was run with chunk 7"."""
    out = tmp_path / "t"
    with pytest.raises(RnncastError, match=r"^chunk=7 is the sequence scheme's steps per chunk"):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "chunk": 7}, out=out)
    assert not out.exists()
    with pytest.raises(RnncastError, match=r"^chunk=7 is the sequence scheme's"):
        tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "chunk": 7}, search=("lookback",), out=out)
    assert not out.exists()
    tune(frame, target="y", trials=1, settings={**FIXED, "epochs": 1, "lookback": 24}, search=("lr",), out=out)


def test_a_study_whose_first_trial_is_refused_is_removed_and_an_earlier_one_kept(frame, tmp_path, monkeypatch):
    """A refusal raised by the first trial's fit left the study it created (and study.db) behind, holding the
    refused settings that the corrected command was then held to."""
    real = Forecaster.fit

    def refuse(self, *args, **kwargs):
        raise RnncastError("refused by the fit")

    out, settings = tmp_path / "t", {**FIXED, "epochs": 1, "lookback": 24}
    monkeypatch.setattr(Forecaster, "fit", refuse)
    with pytest.raises(RnncastError, match="^refused by the fit$"):
        tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)
    assert not out.exists()
    monkeypatch.setattr(Forecaster, "fit", real)
    tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)
    monkeypatch.setattr(Forecaster, "fit", refuse)
    with pytest.raises(RnncastError, match="^refused by the fit$"):
        tune(frame, target="y", trials=1, settings=settings, search=("lr",), out=out)  # continues the earlier study
    assert (out / "study.db").exists() and len(optuna.load_study(
        study_name="rnncast", storage=f"sqlite:///{(out / 'study.db').resolve()}").trials) == 2


@pytest.mark.parametrize("kwargs, refusal", [
    (dict(sampler_seed=2 ** 32), r"^sampler_seed \(--sampler-seed\) 4294967296 is out of range: accepted are whole numbers from 0 to 2\*\*32 - 1"),
    (dict(settings=dict(seed=2 ** 40)), r"^the sampler's seed defaults to seed, 1099511627776, which is beyond 2\*\*32 - 1"),
    (dict(settings=dict(seed=-1)), r"^seed \(--seed\) -1 is out of range: accepted are whole numbers from 0 to 2\*\*63 - 1"),
    (dict(trials=2 ** 63), r"^trials \(--trials\) 9223372036854775808 is out of range: accepted are whole numbers from 1 to 2\*\*63 - 1"),
])
def test_seeds_and_trials_out_of_range_are_refused_before_the_study_is_opened(tmp_path, kwargs, refusal):
    """Optuna's "Seed must be between 0 and 2**32 - 1" came as a traceback once the data was read; now refused first,
    and no folder is left behind."""
    with pytest.raises(RnncastError, match=refusal):
        tune(make_frame(120), target="y", out=tmp_path / "t", **dict(dict(trials=1, settings=dict(epochs=1)), **kwargs))
    assert not (tmp_path / "t").exists()


def test_an_out_that_is_no_path_is_refused_naming_the_argument():
    with pytest.raises(RnncastError, match=r"^tune's out must be the tuning folder \(or None\), as text or a "
                                           r"pathlib.Path, got int 5$"):
        tune(make_frame(120), target="y", trials=1, out=5, settings=dict(epochs=1))


def test_a_storage_that_is_no_text_is_refused_naming_what_it_takes(tmp_path):
    with pytest.raises(RnncastError, match=r"^storage must be a database URL as text, such as sqlite:////shared/study.db "
                                           r"or postgresql://user@host/db, got int 5$"):
        tune(make_frame(120), target="y", trials=1, storage=5, settings=dict(epochs=1))


def test_a_table_tuned_as_having_no_time_column_is_trained_so_from_best_toml(frame, tmp_path):
    """time_col=False (--no-time-col) was lost from best.toml, whose fit then refused the 'period' of codes."""
    from rnncast.configfile import read_config

    data = frame.assign(period=[f"P{i}x" for i in range(len(frame))])
    tune(data, target="y", time_col=False, trials=1, settings=FIXED, search=("lr",), out=tmp_path / "t")
    assert read_config(tmp_path / "t" / "best.toml")[1]["time_col"] is False


def test_a_space_of_choices_trains_each_combination_once_then_stops_and_says_so(frame, tmp_path, caplog):
    """With 4 combinations and 6 trials TPE ran lookback 48, hidden_size 32 as trials 1, 3 and 4; a continued study
    ran again what it had scored."""
    settings = {**{k: v for k, v in FIXED.items() if k != "hidden_size"}, "epochs": 1, "lookback": 24}
    search, out = {"cell": ["rnn", "gru"], "hidden_size": [4, 8]}, tmp_path / "t"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = tune(frame, target="y", trials=6, settings=settings, search=search, out=out)
    assert len({(t.params["cell"], t.params["hidden_size"]) for t in result.study.trials}) == len(result.study.trials) == 4
    assert "the search space has 4 combinations (cell: 2 values x hidden_size: 2 values); 6 trials asked: tuning stops after 4" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        again = tune(frame, target="y", trials=2, settings=settings, search=search, out=out)
    assert len(again.study.trials) == 4 and again.value == result.value  # nothing run again; the best as it was
    assert "has a trial in study 'rnncast': no trial runs (2 asked)" in caplog.text
    assert (out / "best.toml").is_file() and len((out / "trials.csv").read_text().splitlines()) == 5


def test_a_continued_study_of_choices_runs_the_combinations_left(frame, tmp_path):
    settings = {**{k: v for k, v in FIXED.items() if k != "hidden_size"}, "epochs": 1, "lookback": 24}
    search, out = {"hidden_size": [4, 8], "num_layers": (1, 2)}, tmp_path / "t"
    tune(frame, target="y", trials=2, settings=settings, search=search, out=out)
    result = tune(frame, target="y", trials=3, settings=settings, search={"num_layers": (1, 2), "hidden_size": [8, 4]},
                  out=out)  # the flags in another order: the study's own
    combos = [(t.params["hidden_size"], t.params["num_layers"]) for t in result.study.trials]
    assert sorted(combos) == [(4, 1), (4, 2), (8, 1), (8, 2)]


def test_the_trials_do_not_each_say_how_many_windows_span_missing_rows(frame, caplog):
    """The data's gap warning says the rows missing once; each trial's fit counts its windows across them (its model
    keeps the count, decision 720) without a line per trial."""
    gapped = frame.drop(index=range(100, 104)).reset_index(drop=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        tune(gapped, target="y", trials=2, settings={**FIXED, "epochs": 1, "lookback": 12}, search=("lr",))
    assert "4 rows are missing" in caplog.text and "training windows" not in caplog.text


def test_a_trials_loss_below_a_thousandth_is_written_in_significant_digits():
    """A squeezed series' trials (decision 745) read "validation MSE 0.00000": five decimals of 9.3063e-10."""
    from rnncast.tuning import loss_text

    assert [loss_text(v) for v in (0.2319, 0.0012345, 9.3063e-10, 0.0)] == ["0.23190", "0.00123", "9.3063e-10", "0.00000"]


def test_trials_csv_says_which_trials_kept_their_untrained_network_and_a_best_one_is_said(frame, tmp_path, monkeypatch,
                                                                                        caplog):
    """trials.csv had no column saying a trial kept its untrained network (best epoch 0), and tune ranked such a trial
    best without a word: its score is the forecast the network starts from, not its settings' training."""
    import csv
    import json

    out = tmp_path / "t"
    tune(frame, target="y", trials=2, settings={**FIXED, "lookback": 24}, search=("lr",), out=out)
    rows = list(csv.DictReader((out / "trials.csv").open()))
    assert list(rows[0])[:7] == ["number", "state", "value", "epochs", "seconds", "best_epoch", "untrained"]
    assert all(r["best_epoch"].isdigit() and r["untrained"] == str(r["best_epoch"] == "0").lower() for r in rows)
    monkeypatch.setattr("rnncast.tuning.best_epoch", lambda history: 0)  # as a fit whose epochs never beat the start
    said = []
    with caplog.at_level("WARNING", logger="rnncast"):
        result = tune(frame, target="y", trials=2, settings={**FIXED, "lookback": 24}, search=("lr",),
                      out=tmp_path / "u", on_trial=said.append)
    rows = list(csv.DictReader((tmp_path / "u" / "trials.csv").open()))
    assert [(r["best_epoch"], r["untrained"]) for r in rows] == [("0", "true"), ("0", "true")]
    best = result.study.best_trial.number
    assert (f"the best trial, {best}, kept its untrained network (best epoch 0: no epoch improved on the untrained "
            "network's validation loss), so its score is the forecast the network starts from") in caplog.text
    assert f"# the best trial, {best}, kept its untrained network" in (tmp_path / "u" / "best.toml").read_text()
    recorded = json.loads((tmp_path / "u" / "tune.json").read_text())
    assert recorded["format_version"] == 1 and (recorded["best"]["best_epoch"], recorded["best"]["untrained"]) == (0, True)
    assert all(trial_line(t, "validation MSE (scaled units)").endswith(
        "); best epoch 0: no epoch improved on the untrained network's validation loss, so it kept that network")
        for t in said)


def test_a_trial_keeps_no_climatology_it_never_scores(monkeypatch):
    """Decision 1692: a trial is ranked by the model's validation score alone and no trial's model is kept, yet each
    trial's fit built a climatology table of 366 positions a series (and said why where none applied)."""
    from rnncast import climatology

    time = pd.date_range("2016-01-01", periods=1400, freq="D")
    daily = pd.DataFrame({"date": time, "y": np.sin(np.arange(1400) * 2 * np.pi / 365.25)})
    built = []
    real = climatology.table
    monkeypatch.setattr(climatology, "table", lambda *a, **k: built.append(1) or real(*a, **k))
    result = tune(daily, target="y", trials=2, settings={**FIXED, "epochs": 1, "lookback": 14}, search=("lr",))
    assert len(result.study.trials) == 2 and built == []
    assert Forecaster(**{**FIXED, "epochs": 1, "lookback": 14}).fit(daily, target="y").state_.climatology is not None
    assert built == [1]  # fit outside a tune keeps it


def test_a_season_longer_than_the_lookback_leaves_tunes_validation_windows_whole():
    """Decision 1829 (r35r1 finding 3): 60 weekly rows, lookback 8, season 52: no validation window has 52 rows before
    it. tune scores the model alone, so none is left out for the seasonal naive baseline's sake: the trial completes
    (it stopped the whole tune with "no window of part 'val' is left to score") and its score is the model's on every
    validation window."""
    weekly = make_frame(60, freq="W-SUN", feature=False)
    result = tune(weekly, target="y", trials=1, settings={**FIXED, "horizon": 4, "lookback": 8, "season": 52,
                                                          "epochs": 1}, search=("lr",))
    assert result.study.trials[0].state == optuna.trial.TrialState.COMPLETE
    model = result.forecaster().fit(weekly, target="y")
    from rnncast import newforecasts
    from rnncast.forecasting import Model
    alone = newforecasts.new_part(Model(model.net_, model.state_, model.device_), weekly, "val", baselines=False)
    assert alone.scored["windows"] > 0 and "season_left_out" not in alone.scored


def test_a_trial_with_nothing_to_score_fails_and_the_study_goes_on(frame, tmp_path, monkeypatch):
    """Decision 1829: a trial whose validation scoring finds nothing left (``NothingLeft``) fails with its reason,
    and the next trial runs; the study's files are written."""
    from rnncast import newforecasts
    from rnncast.errors import NothingLeft

    real, calls = newforecasts.new_part, []

    def nothing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise NothingLeft("no window of part 'val' is left to score: because")
        return real(*args, **kwargs)

    monkeypatch.setattr(newforecasts, "new_part", nothing_once)
    said = []
    result = tune(frame, target="y", trials=2, settings={**FIXED, "epochs": 1, "lookback": 24}, search=("lr",),
                  out=tmp_path / "t", on_trial=said.append)
    assert [t.state.name for t in result.study.trials] == ["FAIL", "COMPLETE"] and result.study.best_trial.number == 1
    assert trial_line(said[0], "validation MSE (scaled units)").endswith(": no window of part 'val' is left to score: "
                                                                        "because")
    assert "FAIL" in (tmp_path / "t" / "trials.csv").read_text()

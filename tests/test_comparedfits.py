"""What a comparison of fitted models rests on besides its test (``comparedfits.py``): the settings the models differ
in where more than one does, the models fit warned may be undertrained, those that kept their untrained network, and a
winner's one seed."""

from __future__ import annotations

from types import SimpleNamespace

from rnncast import comparedfits
from rnncast.comparedfits import basis, settings_apart

PARAMS = dict(cell="lstm", lookback=50, horizon=1, epochs=3, lr=0.0003, quantiles=None, seed=0, device="auto",
              threads=0, verbose=False)


def model(history=None, past=(), overlap=None, **params):
    """A stand-in of a fitted Forecaster: what ``basis`` reads of one (its fitted settings, roles, epochs and the
    overlap of its test rows with other series' fitted dates)."""
    return SimpleNamespace(state_=SimpleNamespace(params={**PARAMS, **params}, overlap=overlap), history_=history or [],
                           net_=None, past_covariates_=list(past), future_covariates_=[], static_covariates_=[])


def epochs(*best, val=True):
    return [{"epoch": i + 1, "train_loss": 1.0, "val_loss": 1.0 if val else None, "seconds": 1.0, "best": b}
            for i, b in enumerate(best)]


def test_the_settings_apart_are_those_fitted_otherwise_not_how_the_fit_ran():
    named = {"a": model(cell="lstm", lookback=50, device="cpu", threads=1),
             "b": model(cell="rnn", lookback=10, quantiles=(0.1, 0.5, 0.9), past=["x"], verbose=True)}
    assert settings_apart(named) == {"cell": {"a": "lstm", "b": "rnn"}, "lookback": {"a": 50, "b": 10},
                                     "quantiles": {"a": None, "b": (0.1, 0.5, 0.9)},
                                     "past_covariates": {"a": [], "b": ["x"]}}
    assert settings_apart({"a": model(quantiles=(0.1, 0.5, 0.9)), "b": model(quantiles=[0.1, 0.5, 0.9])}) == {}


def test_the_settings_apart_are_named_with_their_values():
    """A tester's find: compare of lookback 50 against 10 said "lstm wins" without saying the lookbacks differ."""
    two = basis({"lstm": model(), "rnn": model(cell="rnn", lookback=10, lr=0.001, past=["x", "z"])}, None)
    assert two.notes == ["the models differ in 4 settings: cell (lstm vs rnn), lookback (50 vs 10), lr (0.0003 vs "
                         "0.001), past_covariates (none vs [x, z])."]
    assert set(two.apart) == {"cell", "lookback", "lr", "past_covariates"}
    three = basis({"lstm": model(), "gru": model(cell="gru"), "rnn": model(cell="rnn", lookback=10)}, None)
    assert three.notes == ["the models differ in 2 settings: cell (lstm vs gru vs rnn), lookback (50 vs 50 vs 10)."]
    one = basis({"a": model(), "b": model(lookback=10)}, None)  # what is compared, which the names may not say
    assert one.notes == ["the models differ in one setting: lookback (50 vs 10)."] and one.apart == {
        "lookback": {"a": 50, "b": 10}}
    assert basis({"a": model(), "b": model(threads=4)}, None).notes == []  # alike in all they fitted


def test_models_whose_best_epoch_was_their_last_are_named_as_fit_warned_of_them():
    """A tester's find: each fit warned "the best epoch was the last (3 of 3) ... may be undertrained"; compare then
    named a winner among them, its notes silent."""
    named = {"lstm": model(epochs(True, True, True)), "gru": model(epochs(True, True, True), cell="gru"),
             "rnn": model(epochs(True, True, True), cell="rnn")}
    said = basis(named, None)
    assert said.undertrained == ["lstm", "gru", "rnn"]
    assert said.notes[1:] == ["lstm, gru and rnn may be undertrained: the best epoch of each was its last (3 of 3), its "
                          "validation loss still falling; trained longer, they may rank otherwise."]
    named = {"lstm": model(epochs(True, True, True)), "rnn": model(epochs(True, True, True, True, True), epochs=5),
             "gru": model(epochs(True, False, False), cell="gru"),  # its best epoch was not the last
             "early": model(epochs(True, True), epochs=9), "one": model(epochs(True), epochs=1)}  # stopped; one epoch
    said = basis(named, None)
    assert said.undertrained == ["lstm", "rnn"]
    assert said.notes[-1] == ("lstm (3 of 3) and rnn (5 of 5) may be undertrained: the best epoch of each was its last, "
                              "its validation loss still falling; trained longer, they may rank otherwise.")
    alone = basis({"a": model(epochs(True, True, True, val=False)), "b": model(epochs(True, True, False))}, None)
    assert alone.notes == ["a may be undertrained: its best epoch was its last (3 of 3), its training loss still "
                           "falling; trained longer, it may rank otherwise."]
    assert basis({"a": model(), "b": model(cell="gru")}, None).undertrained == []  # a model saved without its epochs


def test_a_model_that_kept_its_untrained_network_is_said_to_rank_as_that_forecast_not_as_its_cell(monkeypatch):
    """A tester's find: a GRU whose 3 epochs never beat its untrained network scored the repeat baseline's 5.05, and
    compare said "gru's 5.055 is higher than lstm's beyond chance" with no word that it had not trained."""
    monkeypatch.setattr(comparedfits, "forecast_text", lambda net, state: "the window's last value (the 'repeat the "
                                                                          "last value' baseline)")
    named = {"lstm": model(epochs(True, False, False)), "gru": model(epochs(False, False, False), cell="gru"),
             "rnn": model(epochs(False, False), cell="rnn", epochs=9)}  # stopped early, none better
    said = basis(named, None)
    assert said.untrained == ["gru", "rnn"] and said.undertrained == []
    assert said.notes[-2] == ("gru kept its untrained network (no epoch beat it on validation), which forecasts the "
                              "window's last value (the 'repeat the last value' baseline): its rank says nothing about "
                              "the GRU cell; train it longer or with a larger learning rate (--epochs, --lr) before "
                              "comparing.")
    assert "the RNN cell" in said.notes[-1]
    assert basis({"a": model(), "b": model(cell="gru")}, None).untrained == []  # a model saved without its epochs


def test_a_winner_is_said_to_rest_on_one_fit_of_each_model():
    assert basis({"a": model(), "b": model()}, "a").notes == [
        "the verdict rests on one fit of each model (seed 0): fitted from other seeds, the models can change places."]
    assert basis({"a": model(), "b": model(seed=1)}, "b").notes[-1].startswith(
        "the verdict rests on one fit of each model (seeds 0 and 1): ")
    assert basis({"a": model(), "b": model()}, None).notes == []  # a tie names no winner to rest on it


def test_a_model_whose_test_rows_fall_on_other_series_fitted_dates_is_said_to_be_so_on_the_test_part():
    """A tester's find: fit said that a panel's per-series test rows fell on dates other series were fitted on, and a
    later compare of the run on its test windows said nothing of it."""
    text = "each series is cut at its own fractions (val_frac, test_frac), so the test rows of 2 of the 3 series ..."
    said = {"series": 2, "of": 3, "from": "2024-03-21", "to": "2024-05-04", "text": text}
    named = {"a": model(overlap=said), "b": model()}
    assert basis(named, None).notes == [f"a: {text}"]
    assert basis(named, None, part="val").notes == []  # the test score it is about is not compared


def test_models_that_all_forecast_through_the_linear_highway_are_said_to_and_how_to_compare_the_cells_alone():
    """A newcomer's find: compare of an LSTM, a GRU and an RNN, each fitted with the default linear highway, scored them
    within 1 % of each other and never said that every forecast is mostly that one linear map's, so the scores were
    read as "the cells are alike"."""
    named = {"lstm": model(highway=True), "gru": model(cell="gru", highway=True), "rnn": model(cell="rnn", highway=True)}
    notes = basis(named, None).notes
    assert notes == ["the models differ in one setting: cell (lstm vs gru vs rnn).",
                     "every model forecasts through the linear highway (highway=True, --highway; the default): a linear "
                     "map from the input window's values to the forecast, to which each model's cell adds its "
                     "correction, so near-equal scores may be the highway's, not alike cells'; to compare the cells "
                     "alone, fit them with the highway off (highway=False, --no-highway)."]
    assert basis({"a": model(highway=True), "b": model(highway=False)}, None).notes == [
        "the models differ in one setting: highway (True vs False)."]  # said as a setting apart, not as shared
    assert basis({"a": model(highway=False), "b": model(cell="gru", highway=False)}, None).notes == [
        "the models differ in one setting: cell (lstm vs gru)."]


def test_a_model_saved_before_the_climatology_was_kept_is_said_where_no_model_scores_it():
    """Decision 1735: evaluate of such a model said the climatology was not scored (decision 1703); compare said
    nothing, its verdict against "every baseline" silent on the one left out."""
    import pandas as pd

    from rnncast.timecalendar import Calendar

    cutoffs = [{"data_start": "2015-01-01", "train_end": "2017-10-01"}]
    daily = Calendar(freq=pd.tseries.frequencies.to_offset("D"), name="date")

    def state(kept):
        return SimpleNamespace(climatology=kept, calendar=daily, calendars={}, cutoffs=cutoffs, targets=["y"])

    named = {"old": SimpleNamespace(state_=state(None)), "older": SimpleNamespace(state_=state(None))}
    first, _ = comparedfits.older(named, {"repeat": {}, "mean": {}})
    assert first.startswith("old: the 'climatology' baseline is not scored: this model was saved before rnncast kept")
    assert first.endswith("fit it again to score it.")
    named["new"] = SimpleNamespace(state_=state(object()))
    assert comparedfits.older(named, {"repeat": {}, "climatology": {}}) == []  # judged against the other's: scored
    # the new model's is partial, so compare leaves it out of every model (1741): fitting the old again would not
    # make it scored, and the line would give a second, wrong cause (r34r3 3, decision 1763)
    assert comparedfits.older(named, {"repeat": {}, "mean": {}}) == []


def test_each_model_s_parameters_are_counted_from_its_network():
    import torch

    net = torch.nn.GRU(1, 4)
    counted = comparedfits.parameters({"a": SimpleNamespace(net_=net), "b": model()})
    assert counted == {"a": sum(p.numel() for p in net.parameters()), "b": None}  # b: no network

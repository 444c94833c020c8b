"""What settings accept (``settingchecks.py``): each group's fields, their choices the fields' own,
and the checks across setting groups, called directly and through ``Settings.from_flat`` (what
``Forecaster.fit`` and the CLI use)."""

from __future__ import annotations

import pytest

from rnncast.config import CELLS, DEVICES, FILLS, DataSettings, ModelSettings, Settings, TrainSettings
from rnncast.errors import RnncastError
from rnncast.settingchecks import check_combinations, check_data, check_model, check_train, choices


def test_the_defaults_go_together():
    check_combinations(DataSettings(), ModelSettings(), TrainSettings())


def test_each_group_checks_its_fields_against_the_choices_the_fields_offer():
    assert choices(ModelSettings(), "cell") == CELLS and choices(DataSettings(), "fill") == FILLS
    assert choices(TrainSettings(), "device") == DEVICES
    for check, group in ((check_data, DataSettings()), (check_model, ModelSettings(quantiles=())), (check_train, TrainSettings())):
        check(group)  # the defaults pass (quantiles: () as from_flat makes None)
    with pytest.raises(RnncastError, match="unknown cell 'tcn'; choose one of: rnn, lstm, gru"):
        check_model(ModelSettings(cell="tcn", quantiles=()))
    with pytest.raises(RnncastError, match="unknown fill 'mean'; choose one of: ffill, interpolate, drop"):
        check_data(DataSettings(fill="mean"))
    with pytest.raises(RnncastError, match="num_layers 65 is more than 64"):
        check_model(ModelSettings(num_layers=65, quantiles=()))


@pytest.mark.parametrize("params, refusal", [
    (dict(segment=5, lookback=24), "lookback 24 is not a whole number of segments of 5 steps"),
    (dict(quantiles=(0.1, 0.5, 0.9), loss="mae"), "a quantile head trains on the pinball loss"),
    (dict(window_norm="season"), "give the period in steps"),
    (dict(season=48, lookback=24), "season 48 is longer than lookback 24"),
    (dict(scheme="sequence", window_scale=True), "scheme 'sequence' does not take window_scale"),
    (dict(highway=False, highway_start="least_squares"), "this model has none"),
])
def test_settings_that_cannot_go_together_are_refused_by_name(params, refusal):
    with pytest.raises(RnncastError, match=refusal):
        Settings.from_flat(params)

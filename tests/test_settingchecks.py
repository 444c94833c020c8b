"""The checks across setting groups (``settingchecks.py``), called directly and through
``Settings.from_flat`` (what ``Forecaster.fit`` and the CLI use)."""

from __future__ import annotations

import pytest

from rnncast.config import DataSettings, ModelSettings, Settings, TrainSettings
from rnncast.errors import RnncastError
from rnncast.settingchecks import check_combinations


def test_the_defaults_go_together():
    check_combinations(DataSettings(), ModelSettings(), TrainSettings())


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

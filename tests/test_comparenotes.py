"""comparenotes: what compare leaves out, in words; a season longer than a model's lookback named among the causes
only where it left windows out that another model forecasts (decision 1845)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from rnncast.comparenotes import notes


def _model(lookback: int, season: int):
    return SimpleNamespace(settings_=SimpleNamespace(data=SimpleNamespace(lookback=lookback, season=season, fill=None)))


LEFT = {"a": 5, "b": 0}
OWN = {"a": 74, "b": 69}
SEASON = {"season_left_out": {"windows": 5, "of": 74, "series": 1, "season": 52, "text": "..."}}


def test_the_season_is_a_cause_only_where_a_models_season_left_windows_out():
    """t35t7 L1: compare's causes lacked the season; it is named where model b's season left out windows that a
    forecasts, and not where no model's season left any out (another lookback, say)."""
    named = {"a": _model(8, 1), "b": _model(8, 52)}
    said = notes(LEFT, OWN, None, "test", {}, named, {"a": {}, "b": SEASON})
    assert said == ["left out as not forecast by every model (another lookback, another fit's split, a season longer "
                    "than another model's lookback (b: season 52, lookback 8), or a date without a row whose future "
                    "covariates one model reads): 5 of a's 74 test windows."]
    plain = ("left out as not forecast by every model (another lookback, another fit's split, or a date without a row "
             "whose future covariates one model reads): 5 of a's 74 test windows.")
    assert notes(LEFT, OWN, None, "test", {}, named, {"a": {}, "b": {}}) == [plain]
    assert notes(LEFT, OWN, None, "test", {}, named) == [plain]
    # the season model's own windows alone left out: another cause than its season
    assert notes(LEFT, OWN, None, "test", {}, named, {"a": SEASON, "b": {}}) == [plain]


def test_nothing_left_out_says_nothing_but_a_trained_on_part():
    named = {"a": _model(8, 1), "b": _model(8, 52)}
    assert notes({"a": 0, "b": 0}, OWN, np.ones((2, 1, 1), bool), "test", {}, named, {"b": SEASON}) == []
    assert notes({"a": 0, "b": 0}, OWN, None, "all", {}, named)[0].startswith("part='all' scores windows whose")

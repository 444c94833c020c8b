"""comparenotes: what compare leaves out, in words; a season longer than a model's lookback named among the causes
only where it left windows out that another model forecasts (decision 1845)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from rnncast.comparenotes import notes, seasonless


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
    assert said == ["model 'b': ....", "left out as not forecast by every model (another lookback, another fit's split, a season longer "
                    "than another model's lookback (b: season 52, lookback 8), or a date without a row whose future "
                    "covariates one model reads): 5 of a's 74 test windows."]
    plain = ("left out as not forecast by every model (another lookback, another fit's split, or a date without a row "
             "whose future covariates one model reads): 5 of a's 74 test windows.")
    assert notes(LEFT, OWN, None, "test", {}, named, {"a": {}, "b": {}}) == [plain]
    assert notes(LEFT, OWN, None, "test", {}, named) == [plain]
    # the season model's own windows alone left out: another cause than its season
    assert notes(LEFT, OWN, None, "test", {}, named, {"a": SEASON, "b": {}}) == ["model 'a': ....", plain]


def test_nothing_left_out_says_nothing_but_a_trained_on_part():
    named = {"a": _model(8, 1), "b": _model(8, 52)}
    assert notes({"a": 0, "b": 0}, OWN, np.ones((2, 1, 1), bool), "test", {}, named, {}) == []
    assert notes({"a": 0, "b": 0}, OWN, None, "all", {}, named)[0].startswith("part='all' scores windows whose")


def test_the_windows_a_season_left_out_are_said_even_where_every_model_left_out_the_same():
    """t36t1 M3: p1 and p2 (season 52, lookbacks 8 and 16) each left out the windows with fewer than a season of rows
    before them, the same first targets, and compare said nothing of them; now each in evaluate's words (decision 1916)."""
    named = {"p1": _model(8, 52), "p2": _model(16, 52)}
    text = "132 of the 427 windows (in 3 series) are left out: their series hold fewer than a season (52 calendar steps) ..."
    said = notes({"p1": 0, "p2": 0}, {"p1": 295, "p2": 295}, None, "test", {}, named,
                 {"p1": {"season_left_out": {"windows": 132, "text": text}}, "p2": {}})
    assert said == [f"model 'p1': {text}."]
    assert seasonless({"season_left_out": {"windows": 132}}) == 132 and seasonless(None) == seasonless({}) == 0

"""climatology: the verdict's word that the 'training mean' is no climatology where the season spans a year of days."""

from __future__ import annotations

import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import climatology

SCORED = {"model": {}, "repeat": {}, "mean": {}, "seasonal": {}}


def test_a_daily_yearly_season_over_two_years_says_the_training_mean_is_no_climatology():
    """A tester's daily temperatures (season 365, 10 years): "beats every baseline" against a flat 'training mean'
    while climatology had a 36% lower MSE; one sentence now says what the training mean is (decision 1577)."""
    said = climatology.reference(SCORED, to_offset("D"), 365, "2011-01-01", "2020-12-31")
    assert said.startswith(" The 'training mean' baseline is one level over the whole year, not a climatology")
    assert climatology.reference(SCORED, "D", 365) == said  # a backtest's record: the span not known
    assert climatology.reference(SCORED, "h", 8760, pd.Timestamp("2018-01-01"), pd.Timestamp("2020-01-01")) == said


def test_no_word_off_a_yearly_season_of_days_or_without_the_mean_or_two_years():
    assert climatology.reference(SCORED, "D", 7, "2011-01-01", "2020-12-31") == ""  # a weekly season: not judged
    assert climatology.reference(SCORED, "D", 365, "2019-01-01", "2020-06-30") == ""  # under two years
    assert climatology.reference({"model": {}, "repeat": {}}, "D", 365) == ""  # the mean not scored
    assert climatology.reference(SCORED, "MS", 12) == "" and climatology.reference(SCORED, "W-SUN", 52) == ""
    assert climatology.reference(SCORED, "B", 260) == "" and climatology.reference(SCORED, "not a freq", 365) == ""
    assert climatology.reference(SCORED, None, 365) == ""


def test_fitted_span_reads_the_models_cutoffs():
    cutoffs = [{"data_start": "2018-01-01", "data_end": "2020-12-31"}, {"data_start": "2017-06-01", "data_end": "2019-01-01"}]
    first, last = climatology.fitted_span(cutoffs)
    assert (first.year, first.month, last.year) == (2017, 6, 2020)
    assert climatology.fitted_span(None) == (None, None)

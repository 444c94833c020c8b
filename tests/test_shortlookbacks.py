"""shortlookbacks: tune's lookbacks scaled to short data (decisions 1811, 1848)."""

import logging

from rnncast.searchspace import LOOKBACKS
from rnncast.shortlookbacks import short_lookbacks, windows_left


def test_64_years_search_multiples_of_four_and_say_so(caplog):
    with caplog.at_level(logging.INFO, logger="rnncast.searchspace"):
        assert short_lookbacks([64], {"horizon": 1}, LOOKBACKS) == (4, 8, 12, 16)
    assert "multiples of 4" in caplog.text and "--search lookback=" in caplog.text


def test_windows_left_counts_each_length_once_for_its_many_series():
    one = windows_left({200: 1}, {"horizon": 4}, 24)
    assert windows_left({200: 50}, {"horizon": 4}, 24) == (one[0] * 50, one[1] * 50)
    assert windows_left({20: 1}, {"horizon": 4}, 24) is None  # 20 rows take no lookback 24

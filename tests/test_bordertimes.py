"""A border of the fit's split kept as JSON and found again in a series' times (``bordertimes.py``); the parts found
by them in whole data are tests/test_parts.py."""

from __future__ import annotations

import json

import pandas as pd

from rnncast.bordertimes import as_json, searcher


def test_a_border_kept_as_json_is_found_again_in_times_of_each_kind():
    stamps = pd.date_range("2024-03-30", periods=6, freq="D", tz="Europe/Berlin")
    periods = pd.period_range("2020-01", periods=6, freq="M")
    for times, border in ((stamps, stamps[3]), (periods, periods[3]), (pd.Index([1990, 1991, 1992, 1993, 1994, 1995]), 1993)):
        kept = json.loads(json.dumps(as_json(border)))  # as model.json holds it
        search = searcher(times)
        assert search(0, 6, kept, "left") == 3 and search(0, 6, kept, "right") == 4
        assert search(2, 4, kept, "left") == 1  # within one series of a stacked panel
        assert search(0, 6, None, "left") == 6  # no border: the part is empty
    assert as_json(stamps[3]) == "2024-04-02T00:00:00+02:00" and as_json(periods[3]) == "2020-04" and as_json(1993) == 1993
    utc = searcher(stamps.tz_convert("UTC"))  # a border kept in another zone is the same instant
    assert utc(0, 6, as_json(stamps[3]), "left") == 3

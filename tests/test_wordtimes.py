"""Time columns told by a word of their name and by their values (``wordtimes.py``, decision 2242): years rising in
each series under ``crop_year`` / ``fiscal_year`` / ``yr`` / ``fy`` are the time; Unix times under ``open_time``,
``Open time``, ``mts`` are refused naming the unit (both columns named where two could be it); numbers that look like
Unix times or years under a name saying nothing are warned of at fit; ``volume`` and ``price`` stay covariates."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import wordtimes
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.timeunread import passed_over

N = 30
HOURS = pd.date_range("2026-09-01", periods=N, freq="h")
MS = ((HOURS - pd.Timestamp(0)) // pd.Timedelta("1ms")).to_numpy()
Y = np.random.default_rng(0).normal(10, 1, N).round(2)


def _yields(name: str) -> pd.DataFrame:
    """Three counties' yields, B from 1998, C without 2010: a panel of years under ``name``."""
    rows = [(c, year, 100.0 + i) for c, start in (("A", 1990), ("B", 1998), ("C", 1990))
            for i, year in enumerate(range(start, 2026)) if not (c == "C" and year == 2010)]
    return pd.DataFrame(rows, columns=["county", name, "yield"])


@pytest.mark.parametrize("name", ["crop_year", "fiscal_year", "marketing_year", "yr", "fy", "FiscalYear"])
def test_a_panels_years_under_a_year_word_are_the_time_and_the_missing_year_is_seen(name):
    frame = _yields(name)
    panel = load_panel(frame, target="yield", id_col="county", announce=False)
    assert panel.time_col == name and "years 1990-2025" in wordtimes.search(frame, [name, "yield"], "county")[1]
    c = panel.ids.index("C")
    times = panel.time[panel.offsets[c]:panel.offsets[c + 1]]
    assert 2010 not in set(times) and int(times[-1]) == 2025  # the gap kept as a gap, not closed up


def test_years_that_do_not_rise_in_each_series_are_no_time():
    frame = _yields("crop_year").sample(frac=1, random_state=0)  # shuffled: no order to read
    assert wordtimes.search(frame, ["crop_year", "yield"], "county") == (None, None)
    frame = pd.DataFrame({"year_built": [1950, 1972, 1931, 2001], "y": [1.0, 2, 3, 4]})  # a cross-section
    assert wordtimes.search(frame, ["year_built", "y"]) == (None, None)


def test_two_year_columns_are_refused_naming_both():
    frame = _yields("crop_year").assign(fiscal_year=lambda f: f.crop_year + 1)
    with pytest.raises(RnncastError, match=r"2 columns could be it.*'crop_year' and 'fiscal_year'.*--time-col crop_year"):
        load_panel(frame, target="yield", id_col="county", announce=False)


@pytest.mark.parametrize("name", ["open_time", "Open time", "OpenTime", "mts"])
def test_unix_times_under_a_time_word_are_refused_naming_the_unit(name):
    frame = pd.DataFrame({name: MS, "y": Y})
    with pytest.raises(RnncastError, match=rf"no time column was found: '{name}' holds .*Unix times in milliseconds: "
                                           r".*2026-09-01 00:00 UTC; its name says time.*--time-unit ms.*--no-time-col"):
        load_panel(frame, target="y", announce=False)
    assert load_panel(frame, target="y", time_unit="ms", announce=False).time[0] == HOURS[0]  # found by its name
    with passed_over():  # a model fitted on numbered rows reads new data so, as before
        assert load_panel(frame, target="y", announce=False).time is None


def test_open_and_close_times_are_refused_naming_both_and_time_col():
    frame = pd.DataFrame({"open_time": MS, "close_time": MS + 3_599_999, "volume": 5.0, "y": Y})
    with pytest.raises(RnncastError, match=r"'open_time' holds .*; and 'close_time' holds .*their names say time.*"
                                           r"--time-col open_time and give time_unit='ms'"):
        load_panel(frame, target="y", announce=False)
    with pytest.raises(RnncastError, match=r"2 columns could be it \('open_time' and 'close_time'\)"):
        load_panel(frame, target="y", time_unit="ms", announce=False)
    panel = load_panel(frame, target="y", time_unit="ms", time_col="open_time", announce=False)
    assert panel.time[-1] == HOURS[-1]


def test_large_integer_covariates_stay_covariates():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"volume": np.sort(rng.integers(10**12, 4 * 10**12, N)), "price": rng.integers(1900, 2100, N),
                          "y": Y})
    panel = load_panel(frame, target="y", past_covariates=["volume", "price"], announce=False)
    assert panel.time is None and panel.columns == ["y", "volume", "price"]


def test_unix_times_and_years_under_a_name_saying_nothing_are_warned_of_at_fit(caplog):
    frame = pd.DataFrame({"t": MS, "c": np.arange(2000, 2000 + 2 * N, 2), "price": np.full(N, 2000), "y": Y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="y", past_covariates=["t"])
    assert panel.time is None
    said = [m for m in caplog.messages if "read as numbers, not the time" in m]
    assert len(said) == 2 and "column 't' holds" in said[0] and "--time-col t and give time_unit='ms', --time-unit ms" \
        in said[0] and "column 'c' holds whole numbers 2000 .. 2058" in said[1]  # price, all 2000: not rising
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="y", time_col=False)  # told: the rows are numbered, no word
    assert not [m for m in caplog.messages if "not the time" in m]


def test_rising_within_each_series():
    values, codes = np.array([3, 4, 1, 2]), np.array([0, 0, 1, 1])
    assert wordtimes.rising(values, codes) and not wordtimes.rising(values)
    assert not wordtimes.rising(np.array([3, 3, 1, 2]), codes)


def test_years_listed_newest_first_are_years_and_uneven_numbers_are_not():
    """t41-t7 H1, M2: a USDA export's `crop_year` newest first was read as numbered rows (trained on backwards), and
    `fee_per_yr` (a fee of 1852 .. 2153 in uneven steps) was taken as years with 109 missing (decision 2277)."""
    newest = pd.Series(np.r_[np.arange(2024, 2012, -1), np.arange(2011, 1989, -1)])  # 2012 missing
    codes = np.repeat([0, 1], len(newest))
    assert wordtimes.years(pd.concat([newest, newest], ignore_index=True), codes)
    fee = pd.Series(np.cumsum(np.r_[1852, np.random.default_rng(0).integers(1, 4, 120)]))
    assert fee.is_monotonic_increasing and not wordtimes.years(fee)
    assert wordtimes.years(pd.Series(np.arange(1950, 2021, 5)))  # a census every five years: even steps

"""Series of one panel on one grain but different anchors (``seriesanchors.py``): warned of at fit, and a month
counted once by the Diebold–Mariano test (decision 2122)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, seriesanchors
from rnncast.timecalendar import Calendar

to_offset = pd.tseries.frequencies.to_offset


def _calendars(*freqs) -> list:
    return [Calendar(kind="datetime", freq=to_offset(f)) for f in freqs]


def test_anchors_of_one_grain_are_found_and_offsets_naming_the_same_dates_are_one():
    assert seriesanchors.grain(to_offset("MS")) == ("month", 1) == seriesanchors.grain(to_offset("BME"))
    assert seriesanchors.grain(to_offset("W-MON")) == ("week", 1)
    assert seriesanchors.grain(to_offset("D")) is None and seriesanchors.grain(to_offset("B")) is None
    found = seriesanchors.anchors(_calendars("ME", "MS", "ME", "D"))
    assert list(found) == [("month", 1)] and sorted(found[("month", 1)].values()) == [[0, 2], [1]]
    assert seriesanchors.anchors(_calendars("QE-DEC", "QE-MAR", "ME")) == {}  # the same quarter-ends; one month
    assert list(seriesanchors.anchors(_calendars("W-SUN", "W-MON"))) == [("week", 1)]


def test_the_period_code_names_a_month_quarter_or_year_whose_anchors_are_its_first_and_last_days():
    assert seriesanchors.period_code(_calendars("ME", "MS", "ME")) == "M"
    assert seriesanchors.period_code(_calendars("QS-JAN", "QE-DEC")) == "Q-DEC"
    assert seriesanchors.period_code(_calendars("YS", "YE")) == "Y-DEC"
    assert seriesanchors.period_code(_calendars("ME", "BME")) is None  # a business month-end is neither
    assert seriesanchors.period_code(_calendars("W-SUN", "W-MON")) is None  # a Monday may start or end its week
    assert seriesanchors.period_code(_calendars("ME", "ME")) is None
    assert seriesanchors.period_code(_calendars("ME", "MS", "D")) is None  # another grain beside
    may = np.array([pd.Timestamp("2026-05-01").value, pd.Timestamp("2026-05-31").value, pd.Timestamp("2026-06-01").value])
    first = seriesanchors.first_periods(may, "M")
    assert first[0] == first[1] != first[2]


def _sites(start_of: str | None) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    frames = []
    for sid in ("S00", "S01", "S02"):
        dates = pd.date_range("2022-01-31", periods=48, freq="ME")
        if sid == start_of:
            dates = dates - pd.offsets.MonthBegin(1)  # the same months, written as their first days
        frames.append(pd.DataFrame({"site": sid, "date": dates, "y": rng.poisson(6, 48).astype(float)}))
    return pd.concat(frames, ignore_index=True)


def test_a_site_on_month_starts_among_month_end_sites_is_warned_of_and_its_months_counted_once(caplog):
    """t39t3 L3: varD's S01 on month-starts among 39 month-end sites got only the INFO line "calendars differ by
    series"; its forecasts were dated 2026-11-01.. beside 2026-11-30.., and a one-cutoff fit's Diebold–Mariano test
    counted May twice ("times: 2, df: 1")."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 6, "horizon": 4, "val_frac": 0.0, "cutoff": "2025-06"}).fit(
            _sites("S01"), target="y", id_col="site")
    [said] = [r for r in caplog.records if "anchors" in r.getMessage()]
    assert said.levelno == logging.WARNING
    assert said.getMessage() == (
        "the series keep monthly steps on 2 anchors: 'ME' ('S00' and 1 more), 'MS' ('S01'); each is forecast, cut and "
        "dated on its own, so their forecasts of one month carry different dates (a join on the date misaligns them); "
        "if they are the same months, put every series on the month-ends most keep, e.g. with pandas: df['date'] = "
        "pd.to_datetime(df['date']).dt.to_period('M').dt.end_time.dt.normalize()")
    tests = model.evaluate(_sites("S01"))["significance"]
    assert {name: test["times"] for name, test in tests.items()} == {"repeat": 3, "mean": 3}  # Jul, Aug, Sep: not 4
    # (S01's July 1, the others' July 31 + S01's August 1, ..., the others' September 30)


def test_series_on_one_anchor_say_nothing(caplog):
    with caplog.at_level(logging.INFO, logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 6, "horizon": 4, "val_frac": 0.0, "cutoff": "2025-06"}).fit(
            _sites(None), target="y", id_col="site")
    assert not any("anchors" in r.getMessage() for r in caplog.records)

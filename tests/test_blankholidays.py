"""Blanks of a daily column that are one holiday set's days (``blankholidays.py``): a wide table of a US and a Korean
ticker, blank on each market's holidays, is refused with fill='drop' named first; ffill says what it makes, and predict
warns where the forecast falls on the holidays the series was blank on."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, blankholidays
from rnncast.errors import RnncastError
from rnncast.holidaysets import weekday_holidays
from rnncast.loading import load_panel


def _wide(end: str = "2024-09-13") -> pd.DataFrame:
    """Weekdays from 2022, 'KR' blank on KRX holidays, 'US' on NYSE's; no row where both are closed."""
    days = pd.bdate_range("2022-01-03", end)
    kr = days.isin(pd.DatetimeIndex(weekday_holidays("KRX", 2022, 2024)))
    us = days.isin(pd.DatetimeIndex(weekday_holidays("NYSE", 2022, 2024)))
    keep = ~(kr & us)
    t = np.arange(len(days), dtype=float)
    frame = pd.DataFrame({"date": days, "KR": 70000 + 500 * np.sin(t / 9), "US": 150 + 3 * np.cos(t / 7)})
    frame.loc[kr, "KR"] = np.nan
    frame.loc[us, "US"] = np.nan
    return frame[keep].reset_index(drop=True)


def test_the_refusal_of_blanks_on_a_markets_holidays_names_the_set_and_drop_first():
    with pytest.raises(RnncastError) as err:
        load_panel(_wide(), series="all", announce=False)
    text = str(err.value)
    assert "all fall on KRX holidays (and the " in text and "of 'US' on NYSE's): fill='drop' (--fill drop) keeps each " \
        "column on its own calendar without those days" in text
    assert text.index("--fill drop") < text.index("ffill|interpolate")
    dropped = load_panel(_wide(), series="all", fill="drop", announce=False)  # the advice works
    assert {c.holidays for c in [dropped.calendar, *dropped.calendars.values()]} == {"KRX", "NYSE"}


def test_blanks_off_any_set_or_a_value_on_one_of_its_holidays_are_not_matched():
    days = pd.bdate_range("2022-01-03", "2024-09-13").to_numpy().astype("datetime64[D]")
    rng = np.random.default_rng(0)
    random = np.zeros(len(days), bool)
    random[rng.choice(len(days), 30, replace=False)] = True
    assert blankholidays.matched(days, random) is None
    krx = np.isin(days, weekday_holidays("KRX", 2022, 2024))
    assert blankholidays.matched(days, krx) == "KRX"
    one_held = krx.copy()
    one_held[np.flatnonzero(krx)[5]] = False  # a value on one of KRX's holidays: not that market
    assert blankholidays.matched(days, one_held) is None


def test_a_filled_series_forecast_on_its_markets_holidays_is_warned_of(caplog):
    frame = _wide("2024-09-13")  # Chuseok 2024: 16 to 18 September, the next steps
    model = Forecaster(**{**TINY, "horizon": 5, "fill": "ffill"}).fit(frame, series="all")
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(frame)
    assert "the forecast of series 'KR' falls on 2024-09-16 (The day preceding Chuseok), 2024-09-17 (Chuseok)" \
        in caplog.text and "refit with fill='drop' (--fill drop)" in caplog.text
    assert "forecast of series 'US'" not in caplog.text


def test_the_gap_warning_of_a_wide_table_of_two_markets_agrees_with_the_refusal(caplog):
    """A tester's find (decision 2047): the rows missing where both markets were shut were said to be holidays "which
    no known set explains exactly: give holidays=", which a two-market table would be refused, while the refusal that
    followed rightly advised fill='drop'; the warning now says what the refusal says, and so with fill='ffill'."""
    for fill, refused in ((None, True), ("ffill", False)):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            if refused:
                with pytest.raises(RnncastError, match="fill='drop'"):
                    load_panel(_wide(), series="all", fill=fill)
            else:
                load_panel(_wide(), series="all", fill=fill)
        said = next(r.getMessage() for r in caplog.records if "rows are missing" in r.getMessage())
        assert "the rows missing and the blanks of each series fall on its own market's holidays (series 'KR': KRX's; " \
            "'US': NYSE's), and holidays= names one set for every series: fill='drop' (--fill drop) drops the rows " \
            "with blanks and keeps each series on its own calendar without those days" in said, said
        assert "no known set explains" not in said and "--fill-gaps" not in said


def test_gaps_said_names_one_sets_blanks_and_keeps_silent_for_a_true_gap():
    """One NYSE series, blank on some holidays and without a row on the others: drop is said, its set named; a
    weekday missing that is no holiday (an outage) leaves the general advice to the gap warning ("")."""
    days = pd.bdate_range("2022-01-03", "2024-06-28")
    shut = np.flatnonzero(days.isin(pd.DatetimeIndex(weekday_holidays("NYSE", 2022, 2024))))
    values = np.sin(np.arange(len(days)) / 5.0)[:, None]
    values[shut[::2]] = np.nan  # every other holiday blank, the rest without a row
    keep = np.setdiff1d(np.arange(len(days)), shut[1::2])
    said = blankholidays.gaps_said(values[keep], days[keep], np.array([0, len(keep)]), None, str)
    assert said == ("the rows missing and the blanks fall on NYSE holidays: fill='drop' (--fill drop) drops the rows "
                    "with blanks, and the calendar is then found without NYSE holidays")
    outage = np.setdiff1d(keep, [100])
    assert blankholidays.gaps_said(values[outage], days[outage], np.array([0, len(outage)]), None, str) == ""
    assert blankholidays.gaps_said(np.ones((len(keep), 1)), days[keep], np.array([0, len(keep)]), None, str) == ""

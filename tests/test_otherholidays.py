"""Tests of otherholidays: missing weekdays that are holidays of a set's other categories, named (decision 2193)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import businessdays, holidaysets
from rnncast.otherholidays import said


def _days(skipped: str) -> np.ndarray:
    """Business days 2022-01-03 .. 2024-02-08 without the weekday holidays of ``skipped``."""
    days = pd.bdate_range("2022-01-03", "2024-02-08").to_numpy().astype("datetime64[D]")
    return days[~np.isin(days, holidaysets.weekday_holidays(skipped, 2022, 2024))]


def test_carnival_and_corpus_christi_missing_every_year_are_named_with_the_name_that_skips_them():
    """A São Paulo shop shut on BR-SP's holidays, Carnival and Corpus Christi: fit said only "no known set explains"."""
    days = _days("BR-SP+Carnival+Corpus Christi")
    missing = businessdays.missing_weekdays(days, np.array([0, len(days)]))
    given = said(days, missing, fmt="%d/%m/%Y", given="BR-SP")
    assert given.startswith("all 6 are holidays of BR-SP's optional category in the holidays package, each missing on "
                            "every weekday it falls on: Carnival (28/02/2022, 01/03/2022, 20/02/2023, ...), Corpus "
                            "Christi (16/06/2022, 08/06/2023); give holidays='BR-SP+Carnival+Corpus Christi'")
    found = said(days, missing)
    assert "of the 21 missing weekdays are BR" in found and "+Carnival+Corpus Christi'" in found


def test_a_holiday_the_data_has_a_row_on_is_not_named():
    """Carnival missing in 2022 only (a row on it in 2023): no day the data shuts on, so nothing is said."""
    days = _days("BR-SP+Carnival")
    days = np.sort(np.concatenate([days, np.array(["2023-02-20", "2023-02-21"], dtype="datetime64[D]")]))
    missing = businessdays.missing_weekdays(days, np.array([0, len(days)]))
    assert said(days, missing, given="BR-SP") == ""
    assert said(days[:0], missing) == ""

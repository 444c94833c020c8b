"""Tests of addedholidays: days of a set's other categories added after '+' in its name (decision 2193)."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import RnncastError, holidaysets
from rnncast.addedholidays import split


def test_a_holiday_of_another_category_named_after_plus_is_skipped_too():
    """Carnival is in BR's optional category, not its public one: 'BR-SP+carnival' adds its Monday and Tuesday."""
    assert split("BR-SP+Carnival+Corpus Christi") == ("BR-SP", ["Carnival", "Corpus Christi"])
    assert holidaysets.canonical("br-sp+carnival+corpus christi") == "BR-SP+Carnival+Corpus Christi"
    days = holidaysets.weekday_holidays("BR-SP+Carnival", 2024, 2024)
    plain = holidaysets.weekday_holidays("BR-SP", 2024, 2024)
    assert set(days) - set(plain) == {np.datetime64("2024-02-12"), np.datetime64("2024-02-13")}
    assert holidaysets.holiday_of("BR-SP+Carnival", "2024-02-13") == "Carnival"
    assert len(holidaysets.weekday_holidays("BR+optional", 2024, 2024)) > len(holidaysets.weekday_holidays("BR", 2024, 2024))


def test_an_item_no_other_category_holds_is_refused_naming_what_it_has():
    with pytest.raises(RnncastError, match=r"holidays 'BR-SP\+Carnaval': 'Carnaval' is no category nor holiday of "
                                           r"BR-SP's other categories \(did you mean 'Carnival'\?\); its other "
                                           r"categories: optional, whose holidays are Ash Wednesday, Carnival, .*"
                                           r"give one after '\+', e.g. BR-SP\+Carnival"):
        holidaysets.parse("BR-SP+Carnaval")


def test_an_added_holiday_the_set_holds_already_or_given_twice_is_refused_saying_so():
    """t41-t1 L3: 'BR-SP+Christmas Day' was asked "did you mean 'Christmas Eve'?", and 'BR-SP+Carnival+Carnival'
    kept with the duplicate in its name (decision 2228)."""
    with pytest.raises(RnncastError, match=r"holidays 'BR-SP\+Christmas Day': 'Christmas Day' is one of BR-SP's own "
                                           r"holidays, which 'BR-SP' skips already; give '\+' only the days of its "
                                           r"other categories \(optional\), or 'BR-SP' alone"):
        holidaysets.parse("BR-SP+Christmas Day")
    with pytest.raises(RnncastError, match=r"'Carnival' is given twice after '\+'; give each once"):
        holidaysets.parse("BR-SP+Carnival+Carnival")

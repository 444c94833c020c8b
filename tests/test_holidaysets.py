"""Holiday sets by name (``holidaysets.py``): names read case aside with subdivisions, the name a model
keeps, an unknown name refused in one line with the closest one and what is accepted."""

from __future__ import annotations

import pytest

from rnncast import RnncastError, holidaysets


def test_names_are_read_case_aside_with_subdivisions():
    assert holidaysets.canonical("nyse") == "NYSE" and holidaysets.canonical("us-ny") == "US-NY"
    assert holidaysets.canonical("DE") == "DE" and holidaysets.canonical("de-by") == "DE-BY"


def test_the_unknown_name_message_counts_countries_not_their_aliases():
    lib = holidaysets.library()
    with pytest.raises(RnncastError) as err:
        holidaysets.canonical("QQQQ")
    assert f"; {len(lib.list_supported_countries(include_aliases=False))} countries)" in str(err.value)
    assert f"{len(lib.list_supported_financial(include_aliases=False))} markets)" in str(err.value)
    assert f"{len(lib.list_supported_countries())} countries" not in str(err.value)

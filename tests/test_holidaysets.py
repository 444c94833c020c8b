"""Holiday sets by name (``holidaysets.py``): names read case aside with subdivisions, the name a model
keeps, an unknown name refused in one line with the closest one and what is accepted."""

from __future__ import annotations

import numpy as np
import pandas as pd
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


@pytest.mark.parametrize("mic, market", [("XTKS", "JPX"), ("xose", "JPX"), ("XNGS", "XNAS"), ("ARCX", "NYSE"),
                                         ("XKOS", "KRX"), ("XTSX", "TSX"), ("XNYS", "XNYS"), ("XJPX", "XJPX")])
def test_a_markets_iso_mic_names_its_market_where_the_package_knows_it_by_another(mic, market):
    assert holidaysets.canonical(mic) == market
    assert (holidaysets.weekday_holidays(holidaysets.canonical(mic), 2024, 2024) ==
            holidaysets.weekday_holidays(market, 2024, 2024)).all()


def test_a_misspelt_mic_is_offered_the_mic_not_another_market():
    with pytest.raises(RnncastError, match=r"unknown holidays 'XTK' \(did you mean 'XTKS'\?\); give a market \(its "
                                           r"ISO 10383 MIC, such as XNYS or XTKS"):
        holidaysets.canonical("XTK")


def test_a_set_the_package_covers_for_some_years_only_says_nothing_on_stderr():
    """India's holidays (2001-2035 in the package) asked for every year rnncast may forecast printed the package's
    UserWarning, file and line, on stderr while fit looked for the data's holiday set (a tester's find)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        days = holidaysets.weekday_holidays("IN", 1990, 2040)
    assert len(days) and days.dtype == np.dtype("datetime64[D]")


@pytest.mark.parametrize("name, said", [
    ("KOREA", "KR (South Korea) is the country's public holidays; KRX its exchange's trading holidays; give the one"),
    ("South Korea", "KR (South Korea) is the country's public holidays; KRX its exchange's trading holidays"),
    ("japan", "JP (Japan) is the country's public holidays; JPX its exchange's trading holidays"),
    ("United States", "US (United States of America) is the country's public holidays; NYSE, XNAS and CME its "
                      "exchanges' trading holidays"),
    ("Italy", "IT (Italy) is the country's public holidays; XMIL its exchange's trading holidays"),
    ("Austria", "AT (Austria) is the country's public holidays; give AT")])
def test_a_countrys_name_is_refused_naming_its_code_and_its_exchanges_sets(name, said):
    """A tester's find: --holidays KOREA was refused "did you mean 'KR'?", never naming KRX, whose trading days
    differ from KR's public holidays. A country's name now points to both, saying which is which (decision 661)."""
    with pytest.raises(RnncastError) as err:
        holidaysets.canonical(name)
    assert str(err.value).startswith(f"unknown holidays {name!r}, a country's name: {said}")
    assert "did you mean" not in str(err.value) and "\n" not in str(err.value)
    assert holidaysets.canonical("KR") == "KR" and holidaysets.canonical("kor") == "KOR"  # codes stay valid


def test_a_chinese_futures_exchange_names_chinas_exchange_sets_not_a_country_spelled_alike():
    """Decision 1472: --holidays SHFE was refused "did you mean 'SE'?" (Sweden)."""
    for name in ("SHFE", "xsge", "DCE", "CFFEX"):
        with pytest.raises(RnncastError, match=r"^unknown holidays '\w+': the [A-Za-z ]+ Exchange has no holiday set "
                                               r"here; China's exchanges close on the same days, and their sets are SSE "
                                               r"or SZSE \(CN is China's public holidays\): give the one"):
            holidaysets.parse(name)


def test_an_exchange_like_code_is_offered_the_closest_market_never_a_country():
    with pytest.raises(RnncastError) as err:
        holidaysets.parse("NYMEX")
    assert "(did you mean 'NYSE'?)" in str(err.value)
    with pytest.raises(RnncastError) as err:
        holidaysets.parse("SEE")
    assert "(did you mean 'SSE'?)" in str(err.value)  # not 'SE', Sweden's public holidays


def test_prophets_holidays_frame_is_refused_in_one_line_with_the_recipe():
    """t37t7: Forecaster(holidays=<Prophet's holidays frame>) printed the frame over 10 lines (decision 2000)."""
    frame = pd.DataFrame({"holiday": ["Christmas Day"] * 30, "ds": pd.date_range("2000-12-25", periods=30, freq="365D")})
    said = holidaysets.refused_value(frame)
    assert "\n" not in said and "Christmas" not in said and "a DataFrame of 30 rows and 2 columns (holiday, ds)" in said
    assert "calendar_covariates='holiday:US'" in said and "future_covariates=" in said
    for value in (frame, ["US"], 3, " "):
        with pytest.raises(RnncastError, match="takes the name of a holiday set"):
            holidaysets.check_value(value)
        with pytest.raises(RnncastError, match="takes the name of a holiday set"):
            holidaysets.parse(value)
    holidaysets.check_value(None)
    holidaysets.check_value("US")
    assert "a list of 300 items" in holidaysets.refused_value(list(range(300)))  # no repr of 1,500 characters

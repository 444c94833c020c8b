"""timenames: the names that say a column holds time, English and the headers Korean, Japanese and Chinese sheets
give their dates (날짜, 일자, 日付, 日期), taken as the time column by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.timeaxis import find_time_column
from rnncast.timenames import YEAR_WORDS, dated_name, words, worded


@pytest.mark.parametrize("name", ["날짜", "일자", "일시", "日付", "日時", "日期", "时间"])
def test_east_asian_time_names_are_taken_by_name(name):
    """'날짜', '일자', '日付', '日期' are what Korean, Japanese and Chinese sheets head their date column: taken as the
    time column by name as 'date' is, so one whose values are not read as time is refused naming the value."""
    frame = pd.DataFrame({"값": [1.0, 2.0], name: ["어제", "오늘"]})
    assert find_time_column(frame) == (name, "by its name")
    with pytest.raises(RnncastError, match=rf"time column '{name}'.*'어제'"):
        load_panel(frame, target="값")


def test_excel_serials_under_a_korean_date_name_are_named_as_serials():
    """A Korean sheet's '날짜' column exported as Excel's day numbers (45292 for 2024-01-01) is refused as serials, as
    'date' is, not read as integer steps 45292, 45293, ..."""
    assert dated_name("날짜") and dated_name("日付") and not dated_name("時間")
    frame = pd.DataFrame({"날짜": np.arange(45292, 45332), "값": np.arange(40.0)})
    with pytest.raises(RnncastError, match=r"'날짜'.*Excel"):
        load_panel(frame, target="값")


@pytest.mark.parametrize("name, dated", [("OrderDate", True), ("Posting Date", True), ("trade_date", True),
                                         ("ORDER_DATE", True), ("dates", True), ("day", True), ("candidates", False),
                                         ("updated", False), ("UPDATED", False), ("validated", False),
                                         ("Datum", True), ("Fecha", True), ("fecha_pedido", True), ("BuchungsDatum", True)])
def test_a_name_says_dates_where_it_writes_date_as_a_word(name, dated):
    """'candidates' of 30,000 .. were named Excel serial dates once decision 201 looked at value columns too."""
    assert dated_name(name) is dated


@pytest.mark.parametrize("name, named", [("period", True), ("Quarter", True), ("TIME_PERIOD", True), ("fiscal_quarter", True),
                                         ("시점", True), ("기간", True), ("time_zone", False), ("Posting Date", False),
                                         ("label", False), ("", False), ("kW", False)])  # kW: kilowatts
def test_a_name_says_time_when_every_word_of_it_is_a_time_word(name, named):
    from rnncast.timenames import time_named

    assert time_named(name) is named


def test_a_name_says_time_where_it_is_a_time_name_or_a_unix_time_name():
    from rnncast.timenames import says_time
    assert all(says_time(n) for n in ("time", "period", "ts", "unix_time", "epoch_ms", "unixTime"))
    assert not any(says_time(n) for n in ("value", "counts", "sensor", "status"))


@pytest.mark.parametrize("name, local", [("Datum", True), ("TARİH", True), ("Месяц", True), ("年月", True),
                                         ("Monat der Buchung", True), ("mês", True), ("Umsatz", False),
                                         ("Bestelldatum", False), ("Satış", False)])
def test_a_local_time_name_is_one_of_the_table_s_words_or_has_one_among_its_words(name, local):
    from rnncast.timenames import local_time_named

    assert local_time_named(name) is local


def test_a_word_of_a_name_says_time_or_years():
    assert words("Open time") == words("open_time") == words("OpenTime") == {"open", "time"}
    assert all(worded(n) for n in ("open_time", "close_time", "mts", "crop_year", "fy", "Timestamp_ms"))
    assert all(worded(n, YEAR_WORDS) for n in ("crop_year", "fiscal_year", "marketing_year", "yr", "FY"))
    assert not any(worded(n) for n in ("volume", "price", "t", "stampede", "timeout", "yearly"))

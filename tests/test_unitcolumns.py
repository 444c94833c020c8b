"""The time column where time_unit names the unit of its numbers (``unitcolumns.py``): the column of numbers in that
unit, not a column of dates beside it; two that could be it refused by name."""

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel

N = 40
HOURS = pd.date_range("2023-03-01", periods=N, freq="h")
SECONDS = ((HOURS - pd.Timestamp(0)) // pd.Timedelta("1s")).to_numpy()
Y = np.random.default_rng(0).normal(10, 1, N).round(2)


def _load(frame, **kw):
    return load_panel(frame, target="y", announce=False, **kw)


@pytest.mark.parametrize("name", ["timestamp", "time", "ts", "epoch"])
def test_unix_seconds_first_beside_a_date_column_are_the_time(name):
    frame = pd.DataFrame({name: SECONDS, "date": HOURS.strftime("%Y-%m-%d"), "y": Y})  # dates repeat: 24 a day
    panel = _load(frame, time_unit="s")
    assert panel.time_col == name and panel.time[1] - panel.time[0] == pd.Timedelta("1h")


def test_milliseconds_under_no_time_name_are_found_by_their_values():
    frame = pd.DataFrame({"date": HOURS.strftime("%Y-%m-%d"), "created": SECONDS * 1000, "y": Y})
    panel = _load(frame, time_unit="ms")
    assert panel.time_col == "created" and panel.time[0] == HOURS[0]


def test_excel_serials_beside_dates_and_as_a_named_index_are_the_time():
    serials = (HOURS - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)
    frame = pd.DataFrame({"serial": serials, "date": HOURS.strftime("%Y-%m-%d"), "y": Y})
    assert _load(frame, time_unit="excel").time_col == "serial"
    indexed = pd.DataFrame({"y": Y}, index=pd.Index(serials, name="serial"))
    panel = _load(indexed, time_unit="excel")
    assert panel.time_col == "serial" and panel.time[-1] == HOURS[-1]


def test_two_columns_that_could_be_the_time_are_refused_naming_both():
    frame = pd.DataFrame({"ts": SECONDS, "epoch": SECONDS + 5, "y": Y})
    with pytest.raises(RnncastError, match=r"2 columns could be it \('ts' and 'epoch'\).*--time-col ts"):
        _load(frame, time_unit="s")
    unnamed = pd.DataFrame({"a": SECONDS, "b": SECONDS + 5, "y": Y})
    with pytest.raises(RnncastError, match=r"'a' and 'b'"):
        _load(unnamed, time_unit="s")
    assert _load(frame, time_unit="s", time_col="epoch").time_col == "epoch"  # named: as given


def test_a_date_column_alone_is_still_refused_by_name_with_time_unit():
    frame = pd.DataFrame({"date": HOURS.strftime("%Y-%m-%d %H:%M"), "y": Y})
    with pytest.raises(RnncastError, match="time column 'date' holds text"):
        _load(frame, time_unit="s")


def test_no_column_of_the_unit_is_refused_naming_the_numeric_columns_not_as_numbered_rows():
    frame = pd.DataFrame({"reading": np.arange(N) * 1.5, "y": Y})
    with pytest.raises(RnncastError, match=r"time_unit='excel' reads .* no column holds them \(18264 .. 73415: 1950 .. "
                                           r"2100\); 'reading' holds 0 .. 58.5; 'y' holds"):
        load_panel(frame, time_unit="excel")


def test_a_time_word_in_the_unit_is_found_by_its_name_beside_numbers_in_it():
    frame = pd.DataFrame({"open_time": SECONDS * 1000, "volume": SECONDS * 1000 + 7, "y": Y})  # decision 2242
    panel = _load(frame, time_unit="ms")
    assert panel.time_col == "open_time" and panel.time[0] == HOURS[0]
    years = pd.DataFrame({"open_time": SECONDS * 1000, "fiscal_year": np.arange(1990, 1990 + N), "y": Y})
    assert _load(years, time_unit="ms").time_col == "open_time"  # years are not in the unit: not a second candidate

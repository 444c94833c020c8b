"""Hour-ending timestamps whose end of day is written 24:00 (``endofday.py``): read as the next day's 00:00 and said
once; an hour 24 past 24:00 refused by name (decision 1718)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _hour_ending(start: str, days: int, form: str = "%Y-%m-%d %H:%M") -> pd.DataFrame:
    """Hourly load labelled by the hours' ends, 01:00 to 24:00, as US ISOs export it (no clock change inside)."""
    ends = pd.date_range(start, periods=24 * days, freq="h") + pd.Timedelta(hours=1)
    text = [(t - pd.Timedelta(days=1)).strftime(form).replace(" 00:", " 24:").replace("T00:", "T24:")
            if t.hour == 0 else t.strftime(form) for t in ends]
    return pd.DataFrame({"timestamp": text, "load": 50 + np.arange(24 * days) % 24.0})


def test_24_00_is_read_as_the_next_days_midnight_and_said_once(caplog):
    """t34t1 MED 3: '2024-09-01 24:00' was refused as "not a date written as its other values are"."""
    frame = _hour_ending("2024-09-01", 3)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="load", announce=False)
    assert list(panel.time[22:25].strftime("%Y-%m-%d %H:%M")) == ["2024-09-01 23:00", "2024-09-02 00:00",
                                                                  "2024-09-02 01:00"]
    assert panel.calendar.freq == pd.tseries.frequencies.to_offset("h") and len(panel.time) == 72
    said = [r.getMessage() for r in caplog.records if "24:00" in r.getMessage()]
    assert said == ["time column 'timestamp' writes the end of a day as 24:00 (hour-ending times) in 3 values: read "
                    "as the next day's 00:00 ('2024-09-01 24:00' at row 23 as '2024-09-02 00:00')"]


def test_with_a_zone_the_next_days_midnight_is_on_the_local_clock():
    """Berlin's 2024-10-27 has 25 hours: written with offsets, its 24:00+01:00 is 2024-10-28 00:00+01:00, and the
    day before's 24:00+02:00 is 10-27 00:00+02:00; naive text in the zone is placed on its clock as a midnight is."""
    ends = pd.date_range("2024-10-26 01:00", periods=24 + 25 + 24, freq="h", tz="Europe/Berlin")
    text = [f"{t - pd.Timedelta(days=1):%Y-%m-%d} 24:00{t:%z}" if t.hour == 0 else f"{t:%Y-%m-%d %H:%M%z}" for t in ends]
    frame = pd.DataFrame({"timestamp": text, "load": np.arange(len(ends), dtype=float)})
    time = load_panel(frame, target="load", tz="Europe/Berlin", announce=False).time
    assert text[23] == "2024-10-26 24:00+0200" and text[48] == "2024-10-27 24:00+0100"
    assert (str(time[23]), str(time[48])) == ("2024-10-27 00:00:00+02:00", "2024-10-28 00:00:00+01:00")
    assert list(time) == list(ends)
    naive = load_panel(_hour_ending("2024-10-28", 2, "%Y-%m-%dT%H:%M:%S"), target="load", tz="Europe/Berlin",
                       announce=False).time
    assert str(naive[23]) == "2024-10-29 00:00:00+01:00"


def test_an_hour_24_with_minutes_is_refused_by_name():
    frame = _hour_ending("2024-09-01", 2)
    frame.loc[23, "timestamp"] = "2024-09-01 24:30"
    with pytest.raises(RnncastError, match=r"^time column 'timestamp' holds '2024-09-01 24:30' at row 23, an hour 24 "
                                           r"past 24:00: only 24:00 itself, ISO 8601's end of a day, is read \(as the "
                                           r"next day's 00:00\); correct that value$"):
        load_panel(frame, target="load", announce=False)


def test_a_24_00_of_no_day_is_refused_by_its_line_not_by_a_traceback():
    """r34r2 1: '2024-09-31 24:00' ended fit with pandas' ValueError "day is out of range for month"."""
    frame = _hour_ending("2024-09-01", 2)
    frame.loc[23, "timestamp"] = "2024-09-31 24:00"
    with pytest.raises(RnncastError, match=r"^time column 'timestamp' holds '2024-09-31 24:00' at row 23, which is no "
                                           r"day of the Gregorian calendar \(September 2024 has 30 days\)"):
        load_panel(frame, target="load", announce=False)


def test_fit_on_hour_ending_times_warns_of_no_lost_form_and_keeps_it(tmp_path, caplog):
    """r34r2 2: every 24:00 file was also told it "is written in a form no one date format writes back", and its
    test forecasts were written '2024-09-14 09:00:00': the form is now found in the text as read (24:00 as 00:00)."""
    from rnncast.cli import main

    frame = _hour_ending("2024-09-01", 8)
    frame.to_csv(tmp_path / "ny_2400.csv", index=False)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert main(["fit", str(tmp_path / "ny_2400.csv"), "--lookback", "4", "--horizon", "2", "--epochs", "1",
                     "--hidden-size", "4", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "form" in r.getMessage()]
    assert sum("writes the end of a day as 24:00" in r.getMessage() for r in caplog.records) == 1
    tested = pd.read_csv(tmp_path / "run" / "test_forecasts.csv", dtype=str)
    hours = pd.date_range("2024-09-01 01:00", periods=len(frame), freq="h").strftime("%Y-%m-%d %H:%M")
    assert set(tested["timestamp"]) <= set(hours) and "2024-09-08 00:00" in set(tested["timestamp"])  # 24:00 as 00:00


def test_only_the_24_00_values_are_rewritten():
    """r34r2 12: the rewrite turned every other value into stripped text (5 came back as '5')."""
    from rnncast import endofday

    read = endofday.read(pd.Series(["2024-09-01 24:00", 5, None, " 2024-09-02 01:00"]), "t", str)
    assert read.tolist() == ["2024-09-02 00:00", 5, None, " 2024-09-02 01:00"]


def test_a_24_00_beside_the_next_days_00_00_is_named_as_the_value_that_repeats(tmp_path):
    """r34r2 12: a file holding '2024-09-01 24:00' and '2024-09-02 00:00' was refused as a repeated '2024-09-02 00:00'
    at both lines, a value the user wrote once: the refusal now names the 24:00 and its line as read so."""
    frame = _hour_ending("2024-09-01", 2)
    frame = pd.concat([frame[:24], pd.DataFrame({"timestamp": ["2024-09-02 00:00"], "load": [1.0]}), frame[24:]])
    frame.to_csv(tmp_path / "ends.csv", index=False)
    with pytest.raises(RnncastError, match=r"^duplicated timestamp 2024-09-02 00:00 at line 25 of ends.csv and line 26 of "
                                           r"ends.csv; each time step of a series must appear once; '2024-09-01 24:00' at "
                                           r"line 25 of ends.csv is a day's end written 24:00, read as the next day's "
                                           r"00:00, which '2024-09-02 00:00' at line 26 of ends.csv also writes: keep one "
                                           r"of the two rows$"):
        load_panel(str(tmp_path / "ends.csv"), target="load", announce=False)


@pytest.mark.parametrize("form, end, read_as", [
    ("%m/%d/%Y %H:%M", "09/01/2024 24:00", "09/02/2024 00:00"),  # ERCOT, PJM
    ("%-m/%-d/%Y %H:%M", "9/1/2024 24:00", "9/2/2024 00:00"),  # no padding, kept so
    ("%d.%m.%Y %H:%M", "01.09.2024 24:00", "02.09.2024 00:00"),
    ("%Y/%m/%d %H:%M", "2024/09/01 24:00", "2024/09/02 00:00"),
    ("%d/%m/%Y %H:%M", "01/09/2024 24:00", "02/09/2024 00:00"),  # day first: its dates read a day apart so
])
def test_24_00_is_read_in_the_columns_own_date_form(form, end, read_as, caplog):
    """t35t1 M1: '09/01/2024 24:00' (and '01.09.2024 24:00', '2024/09/01 24:00', '9/1/2024 24:00') was refused as
    "not a date written as its other 460 values are (MM/DD/YYYY hh:mm ...)": 24:00 was read in YYYY-MM-DD alone.
    It is read in the column's own form now, the next day written in that form (decision 1821)."""
    frame = _hour_ending("2024-09-01", 20, form)
    assert frame["timestamp"][23] == end
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="load", announce=False)
    assert list(panel.time) == list(pd.date_range("2024-09-01 01:00", periods=480, freq="h"))
    assert f"in 20 values: read as the next day's 00:00 ({end!r} at row 23 as {read_as!r})" in caplog.text
    assert panel.calendar.text_format == form


def test_a_24_00_of_no_day_in_a_us_form_is_left_for_the_columns_reading_to_refuse():
    frame = _hour_ending("2024-09-01", 2, "%m/%d/%Y %H:%M")
    frame.loc[23, "timestamp"] = "09/31/2024 24:00"
    with pytest.raises(RnncastError, match=r"'09/31/2024 24:00' at row 23"):
        load_panel(frame, target="load", announce=False)

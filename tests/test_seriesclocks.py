"""Zoned series that ``tz=`` reads on a clock other than the one they keep (``seriesclocks.py``): refused by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _closes(zone: str, clock: str, *ids) -> pd.DataFrame:
    """Business-day closes at ``clock`` on ``zone``'s clock, written with their UTC offsets (as pandas writes them)."""
    days = pd.bdate_range("2023-01-02", "2023-12-29")
    stamps = (days + pd.Timedelta(clock + ":00")).tz_localize(zone).astype(str)
    return pd.concat([pd.DataFrame({"unique_id": i, "ds": stamps, "y": 100 + np.sin(np.arange(len(days)) / 9 + k)})
                      for k, i in enumerate(ids)], ignore_index=True)


def test_tokyo_closes_read_on_berlins_clock_are_refused_naming_them_and_the_clock_they_keep():
    """A quant tester's panel of XETRA (17:30 Berlin) and Tokyo (15:00) closes fitted with tz='Europe/Berlin': the Tokyo
    closes fell at 07:00 and 08:00 on Berlin's clock, were placed on 24-hour steps, and forecast at 07:00 on Saturdays
    and Sundays, with no warning."""
    frame = pd.concat([_closes("Europe/Berlin", "17:30", "SAP", "SIE"), _closes("Asia/Tokyo", "15:00", "6758", "7203")])
    with pytest.raises(RnncastError) as err:
        load_panel(frame, tz="Europe/Berlin", announce=False)
    text = str(err.value)
    assert text.startswith("series '6758' and '7203' keep 06:00 UTC, one time of day on the clock of every zone without "
                           "daylight saving")
    assert "where they fall at 07:00 and 08:00 as daylight saving comes and goes" in text
    assert "fit these series apart, with tz= naming the zone of their place, and the others with theirs " \
           "(tz='Europe/Berlin', --tz Europe/Berlin)" in text and "\n" not in text
    with pytest.raises(RnncastError, match=r"^series 'SAP' and 'SIE' keep one time of day on the clock of any zone whose "
                                           r"daylight saving .*17:30 in Europe/Berlin.*where they fall at 00:30 and 01:30"
                                           r".*for the first: tz='Europe/Berlin'"):
        load_panel(frame, tz="Asia/Tokyo", announce=False)
    tokyo = load_panel(frame[frame.unique_id.isin(["6758", "7203"])], tz="Asia/Tokyo", announce=False)  # the advice
    assert tokyo.calendar.freq_text == "B" and (tokyo.next_times(0, 2).hour == 15).all()


def test_one_series_on_another_clock_is_told_to_read_the_table_on_its_own():
    with pytest.raises(RnncastError, match=r"^the timestamps keep 06:00 UTC, .*; read the table with tz= naming the zone "
                                           r"of their place$"):
        load_panel(_closes("Asia/Tokyo", "15:00", "7203").drop(columns="unique_id"), tz="Europe/Berlin", announce=False)


def test_series_on_the_clock_read_and_every_day_at_one_instant_are_read_as_before():
    berlin = load_panel(_closes("Europe/Berlin", "17:30", "SAP"), tz="Europe/Berlin", announce=False)
    assert berlin.calendar.freq_text == "B"
    stamps = pd.date_range("2024-03-01", periods=100, freq="D").strftime("%Y-%m-%dT00:00:00Z")  # every day: 24 hours
    assert load_panel(pd.DataFrame({"ds": stamps, "y": np.arange(100.0)}), tz="Europe/Berlin").calendar.freq is not None

"""Tests for rnncast.numbercutoffs: a number cutoff on Unix-time data read in the data's unit, or refused by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.cutoffs import as_time
from rnncast.loading import load_panel

START = 1793491200  # 2026-11-01 00:00 UTC


def _panel(unit: str, tz=None):
    scale = {"s": 1, "ms": 1000}[unit]
    frame = pd.DataFrame({"ts": (START + 60 * np.arange(100)) * scale, "y": np.arange(100.0)})
    return load_panel(frame, time_col="ts", time_unit=unit, tz=tz)


def test_a_cutoff_in_another_unit_is_refused_naming_the_unit_it_reads_in():
    """A tester's --cutoff in ms on data of seconds crashed (OutOfBoundsDatetime: the year 58805), and seconds on
    ms data were read as 1970-01-21 and refused as a cutoff with no rows before it, without saying how it was read."""
    at = START + 1800
    with pytest.raises(RnncastError, match=rf"no time in the data's unit \(s.*run {START} \.\. {START + 5940}"
                                           rf".*{at}000 reads as ms .*give {at}$"):
        as_time(at * 1000, _panel("s"))
    with pytest.raises(RnncastError, match=rf"reads as us .*give {at}$"):
        as_time(str(at * 10**6), _panel("s"))
    with pytest.raises(RnncastError, match=rf"reads in the data's unit \(ms\) as 1970-01-21 .*reads as s .*give {at}000$"):
        as_time(at, _panel("ms"))
    zoned = _panel("s", tz="Europe/Berlin")
    with pytest.raises(RnncastError, match=rf"reads as ms .*give {at}$"):
        as_time(at * 1000, zoned)


def test_a_number_that_is_no_time_is_refused_not_crashed_on():
    """--cutoff 99999999999999999999 crashed ('NaTType' object has no attribute 'normalize'); an infinite or far
    number, in no unit a time of the data, is refused saying the data's times."""
    for given in ("99999999999999999999", "1e400", "-5", 10**30):
        with pytest.raises(RnncastError, match=rf"(no time in the data's unit \(s|outside its years)"
                                               rf".*data's times run {START} \.\. {START + 5940}.*give a time among them"):
            as_time(given, _panel("s"))


def test_a_number_in_the_units_years_is_read_as_before():
    """Within the data, or outside it in the unit's years with no other unit reading inside: read as the time it is."""
    seconds = _panel("s")
    assert as_time(START + 1800, seconds) == pd.Timestamp("2026-11-01 00:30")
    assert as_time(START - 86400, seconds) == pd.Timestamp("2026-10-31 00:00")  # before the data: cut there, as any
    assert as_time((START + 1800) * 1000, _panel("ms")) == pd.Timestamp("2026-11-01 00:30")
    assert as_time("2026-11-01 00:30", seconds).floor("min") == pd.Timestamp("2026-11-01 00:30")  # text: untouched

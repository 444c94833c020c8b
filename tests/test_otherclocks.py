"""Which common zone's clock naive times keep where tz= cannot place them (``otherclocks.py``): named in the
refusal where the data's own skipped and repeated hours fall on that zone's change dates."""

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.localtimes import in_zone
from rnncast.otherclocks import hint


def _wall(zone: str, start: str, hours: int) -> pd.DatetimeIndex:
    """Hourly times as a logger on ``zone``'s clock writes them: the repeated hour twice, the skipped one not."""
    return pd.date_range(start, periods=hours, freq="h", tz=zone).tz_localize(None)


def _row(i):
    return f"line {i + 2} of load.csv"


def test_new_yorks_clock_read_as_berlins_is_named_with_its_change_dates():
    """t27t3: New York's load read with --tz Europe/Berlin was told to "write the repeated hour twice", though the
    file wrote New York's own repeated 01:00 on 2024-11-03 twice."""
    york = _wall("America/New_York", "2024-09-01", 24 * 100)  # to 2024-12-10: Berlin's 27 October, New York's 3 November
    with pytest.raises(RnncastError) as err:
        in_zone(york, "Europe/Berlin", "time", _row)
    said = str(err.value)
    assert said.startswith("time column 'time' holds 2024-10-27 02:00 (line ") and "occurs twice in Europe/Berlin" in said
    assert said.endswith("; the data's clock looks like that of America/New_York (or America/Chicago, America/Denver, "
                         "America/Los_Angeles, whose clocks change with it): it skips and repeats the hours that zone's "
                         "clocks do, at its changes on 2024-11-03, which Europe/Berlin's clocks do not")
    assert str(in_zone(york, "America/New_York", "time", _row).tz) == "America/New_York"


@pytest.mark.parametrize("own, given, named, dates", [
    ("Europe/Berlin", "America/New_York", "Europe/Berlin (or Europe/Paris", "2023-03-26, 2023-10-29"),
    ("Europe/London", "Europe/Berlin", "Europe/London (or Europe/Dublin", "2023-03-26, 2023-10-29"),
    ("Australia/Sydney", "Europe/Berlin", "Australia/Sydney (or", "2023-04-02, 2023-10-01"),
    ("America/Chicago", "Europe/London", "America/New_York (or America/Chicago", "2023-03-12, 2023-11-05")])
def test_a_clock_skipped_in_spring_names_the_zone_whose_changes_the_data_keeps(own, given, named, dates):
    wall = _wall(own, "2023-01-01", 24 * 365)
    said = hint(wall, given)
    assert said.startswith(f"; the data's clock looks like that of {named}") and f"at its changes on {dates}, " in said
    with pytest.raises(RnncastError, match="does not exist in|occurs twice in") as err:
        in_zone(wall, given, "time", _row)
    assert str(err.value).endswith(said)


def test_no_zone_is_named_without_a_change_in_the_data_or_where_its_repeated_hour_is_written_once():
    assert hint(_wall("America/New_York", "2024-06-01", 24 * 120), "Europe/Berlin") == ""  # no New York change in it
    assert hint(_wall("Asia/Tokyo", "2024-01-01", 24 * 365), "Europe/Berlin") == ""  # a clock that never changes
    lost = _wall("America/New_York", "2024-09-01", 24 * 100)
    lost = lost.delete(int(np.flatnonzero(lost == pd.Timestamp("2024-11-03 01:00"))[0]))  # 01:00 once: no clock's
    assert hint(lost, "Europe/Berlin") == ""
    panel = _wall("America/New_York", "2024-09-01", 24 * 100)
    assert hint(panel.append(panel), "Europe/Berlin").startswith("; the data's clock looks like that of America/New")
    assert hint(panel.tz_localize("UTC"), "Europe/Berlin") == ""  # zoned times: their own offsets say it

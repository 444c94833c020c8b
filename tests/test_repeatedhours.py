"""``repeatedhours``: the copy of the autumn's repeated hour a naive time written once names, told by the rows
beside it (a live history ending at the first 02:00; a future file starting at the second), read through fit,
predict and backtest in Berlin and New York, from data and future files; refused where the order cannot tell."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.localtimes import localize
from rnncast.repeatedhours import copies

ZONES = {"Europe/Berlin": "2024-10-27", "America/New_York": "2024-11-03"}  # the autumn change: 02:00 / 01:00 twice


def _wall(zone: str, start: str, periods: int, freq: str = "h") -> pd.DatetimeIndex:
    return pd.date_range(start, periods=periods, freq=freq, tz=zone).tz_localize(None)


def _first_copy(zone: str, freq: str = "h") -> tuple[pd.DatetimeIndex, pd.Timestamp]:
    """The wall clock of ``zone`` up to the first copy of its repeated hour's first time (included), and that time."""
    zoned = pd.date_range(pd.Timestamp(ZONES[zone]) - pd.Timedelta(days=2), periods=400, freq=freq, tz=zone)
    wall = zoned.tz_localize(None)
    twice = int(np.flatnonzero(pd.Index(wall).duplicated(keep=False))[0])
    return wall[: twice + 1], wall[twice]


@pytest.mark.parametrize("zone", sorted(ZONES))
@pytest.mark.parametrize("freq", ["h", "15min"])
def test_a_history_ending_at_the_first_copy_is_read_as_summer_time_said_once(zone, freq, caplog):
    """pandas: 'Cannot infer dst time ... as there are no repeated times'; rnncast refused with 'write the repeated
    hour twice', which a live history cannot: the second copy has not happened."""
    wall, last = _first_copy(zone, freq)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        placed = localize(wall, zone, "time", lambda i: f"row {i}")
    assert placed[-1] == last.tz_localize(zone, ambiguous=True) and placed.is_monotonic_increasing
    said = [r.getMessage() for r in caplog.records if "show twice" in r.getMessage()]
    assert len(said) == 1 and "is read as its first copy" in said[0], said


@pytest.mark.parametrize("zone", sorted(ZONES))
def test_a_future_file_starting_at_the_second_copy_is_read_as_winter_time(zone):
    wall, last = _first_copy(zone)
    after = pd.date_range(last.tz_localize(zone, ambiguous=False), periods=6, freq="h").tz_localize(None)
    assert after[0] == last  # the second copy first, then the hours after it
    placed = localize(after, zone, "time", lambda i: f"row {i}")
    assert placed[0] == last.tz_localize(zone, ambiguous=False) and (np.diff(placed.asi8) > 0).all()


def test_the_rows_cannot_tell_a_time_between_its_neighbours_nor_alone():
    """02:00 between 01:00 and 03:00 is one step from both copies (a row is missing, but which); alone, no row tells."""
    between = pd.DatetimeIndex(["2024-10-27 00:00", "2024-10-27 01:00", "2024-10-27 02:00", "2024-10-27 03:00"])
    assert copies(between, "Europe/Berlin", "time", str) is None
    assert copies(pd.DatetimeIndex(["2024-10-27 02:00"]), "Europe/Berlin", "time", str) is None
    gap = pd.DatetimeIndex(["2024-10-26 22:00", "2024-10-26 23:00", "2024-10-27 02:00"])  # two hours lost before it
    assert copies(gap, "Europe/Berlin", "time", str) is None
    lost = pd.DatetimeIndex(["2024-10-26 23:00", "2024-10-27 00:00", "2024-10-27 02:00", "2024-10-27 03:00"])
    assert copies(lost, "Europe/Berlin", "time", str) is None  # 01:00 lost: 03:00 alone does not tell the copy


def test_a_long_table_whose_series_each_end_at_the_first_copy_is_read():
    """The next series beginning earlier is no neighbour of the last row of the one before."""
    wall, last = _first_copy("Europe/Berlin")
    both = wall[-5:].append(wall[-5:])
    told = copies(both, "Europe/Berlin", "time", str)
    assert told is not None and told[[4, 9]].all()


def test_a_refused_lone_copy_advises_what_a_user_can_write():
    between = pd.DatetimeIndex(["2024-10-27 00:00", "2024-10-27 01:00", "2024-10-27 02:00", "2024-10-27 03:00"])
    with pytest.raises(RnncastError, match=r"write the times with their UTC offsets \(this one 2024-10-27 02:00\+02:00 "
                                           r"or 2024-10-27 02:00\+01:00, every other row with its own\), or add the "
                                           r"missing row$") as err:
        localize(between, "Europe/Berlin", "time", lambda i: f"row {i}")
    assert "write the repeated hour twice" not in str(err.value)


@pytest.mark.parametrize("zone", sorted(ZONES))
def test_fit_predict_and_backtest_read_a_live_history_and_its_future_file(zone, tmp_path):
    """Naive local data with tz= ending at the first copy (fit, backtest, predict) and a future file from the second."""
    wall, last = _first_copy(zone)
    hour = pd.Series(wall.hour, dtype=float)
    frame = pd.DataFrame({"time": wall.strftime("%Y-%m-%d %H:%M"), "load": np.sin(np.arange(len(wall)) / 3), "hour": hour})
    frame.to_csv(tmp_path / "load.csv", index=False)
    after = pd.date_range(last.tz_localize(zone, ambiguous=True), periods=4, freq="h")[1:].tz_localize(None)
    future = pd.DataFrame({"time": after.strftime("%Y-%m-%d %H:%M"), "hour": after.hour.astype(float)})
    future.to_csv(tmp_path / "future.csv", index=False)
    model = Forecaster(**{**TINY, "epochs": 1, "tz": zone}).fit(str(tmp_path / "load.csv"), target="load",
                                                                future_covariates=["hour"])
    fc = model.predict(str(tmp_path / "load.csv"), future=str(tmp_path / "future.csv"))
    assert fc.index[0] == last.tz_localize(zone, ambiguous=False) and len(fc) == TINY["horizon"]
    bt = Forecaster(**{**TINY, "epochs": 1, "tz": zone}).backtest(str(tmp_path / "load.csv"), n_windows=2,
                                                                  target="load", future_covariates=["hour"])
    assert pd.Timestamp(bt.forecasts["time"].iloc[-1]) == last.tz_localize(zone, ambiguous=True)

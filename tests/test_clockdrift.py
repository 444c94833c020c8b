"""A drifting logger clock (``clockdrift.py``): a series whose step is a little off the other series' or a whole unit
is named with its drift and the pandas line that puts it on the step meant; real calendars are never named."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast.clockdrift import meant
from rnncast.loading import load_panel

T = pd.Timedelta


def _panel(steps: dict, n: int = 200) -> pd.DataFrame:
    return pd.concat([pd.DataFrame({"id": name, "time": pd.date_range("2024-01-01", periods=n, freq=step),
                                    "y": np.sin(np.arange(n) / 5.0)}) for name, step in steps.items()], ignore_index=True)


def _drift(caplog, frame, **kw) -> list[str]:
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "y", time_col="time", **kw)
    return [r.getMessage() for r in caplog.records if "clock drifting" in r.getMessage()]


@pytest.mark.parametrize("step, common, near", [("3602s", "1h", "1h"), ("3602s", None, "1h"), ("3598s", None, "1h"),
                                                 ("1h", "30min", None), ("30min", "1h", None), ("1D", None, None),
                                                 ("61min", "1h", None), ("90min", "1h", None), ("1h", "1h", None),
                                                 ("86399s", None, "1D")])
def test_a_step_within_one_percent_of_another_or_a_whole_unit_is_a_drift_and_nothing_else_is(step, common, near):
    assert meant(T(step), T(common) if common else None) == (T(near) if near else None)


def test_a_series_gaining_2_s_an_hour_is_named_and_the_line_given_puts_it_on_the_hour(caplog):
    """drift.csv: 'ST02' gained 2 s an hour and was its own calendar '3602s', said in an INFO line alone; its
    forecasts were dated 00:32:00, 01:32:02 ..."""
    frame = _panel({"a": "1h", "b": "1h", "c": "3602s"}, n=1000)
    [said] = _drift(caplog, frame, id_col="id")
    assert said.startswith("series 'c' keeps a step of 1 h 2 s, 2 s longer than the 1 h step of the other series: a "
                           "clock drifting, not a calendar; its forecasts are dated on that step")
    assert "rounding cannot put it back (its last row lies 33 min 18 s off)" in said  # rounding would jump a row
    df = frame.copy()
    df["time"] = pd.to_datetime(df["time"]); m = df["id"] == "c"; t = df.loc[m, "time"]; df.loc[m, "time"] = t.iloc[0] + ((t - t.iloc[0]) / pd.Timedelta("3602s")).round() * pd.Timedelta("1h")  # noqa: E501, E702
    assert "df.loc[m, 'time'] = t.iloc[0] + ((t - t.iloc[0]) / pd.Timedelta('3602s')).round() * pd.Timedelta('1h')" \
        in said
    caplog.clear()
    assert not _drift(caplog, df, id_col="id")
    assert load_panel(df, "y", time_col="time", id_col="id").calendar.shown == "'h'"


def test_a_short_drift_is_told_to_round_and_a_lone_series_is_weighed_against_a_whole_unit(caplog):
    df = _panel({"a": "3601s"}, n=1000).drop(columns="id")
    [said] = _drift(caplog, df)  # 17 min off at the end: no jitter
    assert said.startswith("the series keeps a step of 1 h 1 s, 1 s longer than a whole 1 h: a clock drifting")
    assert said.endswith("round its timestamps, e.g. with pandas: df['time'] = pd.to_datetime(df['time']); "
                         "df['time'] = df['time'].dt.round('h')")
    df["time"] = pd.to_datetime(df["time"]); df["time"] = df["time"].dt.round("h")  # noqa: E702  as said
    assert load_panel(df, "y", time_col="time").calendar.shown == "'h'"


@pytest.mark.parametrize("steps", [{"a": "1h", "b": "30min"}, {"a": "B", "b": "B"}, {"a": "ME", "b": "ME"},
                                   {"a": "D", "b": "W-SUN"}, {"a": "15min", "b": "15min"}])
def test_real_calendars_are_not_named_as_drift(caplog, steps):
    assert not _drift(caplog, _panel(steps, n=60), id_col="id")


def test_a_series_of_a_key_of_two_columns_is_picked_by_both_in_the_line_given(caplog):
    """With id_col=['site', 'id'] the line read m = df['site,id'] == 'site=N, id=c': a KeyError, no such column."""
    frame = _panel({"a": "1h", "b": "1h", "c": "3602s"}, n=1000).assign(site="N")
    [said] = _drift(caplog, frame, id_col=["site", "id"])
    assert "m = (df['site'] == 'N') & (df['id'] == 'c'); t = df.loc[m, 'time']" in said and "'site,id'" not in said
    df = frame.copy()
    df["time"] = pd.to_datetime(df["time"]); m = (df["site"] == "N") & (df["id"] == "c"); t = df.loc[m, "time"]; df.loc[m, "time"] = t.iloc[0] + ((t - t.iloc[0]) / pd.Timedelta("3602s")).round() * pd.Timedelta("1h")  # noqa: E501, E702
    caplog.clear()
    assert not _drift(caplog, df, id_col=["site", "id"])


@pytest.mark.parametrize("store", [[1, 2, 3], ["1", "2", "3"], ["S1", "S2", "S3"]])
def test_the_advised_line_for_a_key_of_two_names_its_values_as_their_dtype_and_rounds_that_series(caplog, store):
    """The line for a key of two wrote each value as text (df['store'] == '3') whatever its column held: on an int64
    store it matched no row. Run here on the frame as given: it rounds that series' rows and no other's."""
    frame = _panel({"a": "1h", "b": "1h", "c": "3601s"}, n=1000).rename(columns={"id": "store"})
    frame["store"] = frame["store"].map(dict(zip("abc", store))).astype(object if isinstance(store[0], str) else int)
    frame.insert(0, "item", "A")
    [said] = _drift(caplog, frame, id_col=["item", "store"])
    line = said.split("e.g. with pandas: ", 1)[1]
    assert f"(df['store'] == {store[2]!r})" in line
    df = frame.copy()
    exec(line, {"pd": pd, "df": df})  # noqa: S102  the line as a user runs it
    caplog.clear()
    assert not _drift(caplog, df, id_col=["item", "store"])

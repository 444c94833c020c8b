"""horizonframe: predict's table of the next horizon, one series' frame by its dates or many series' long rows."""

from types import SimpleNamespace

import numpy as np
import pandas as pd

from rnncast import horizonframe


def _state(quantiles=(), id_col=None, time_col=None, kind="datetime"):
    return SimpleNamespace(id_col=id_col, time_col=time_col, calendar=SimpleNamespace(kind=kind), targets=["y", "z"],
                           settings=SimpleNamespace(model=SimpleNamespace(quantiles=quantiles)))


def test_many_series_are_long_rows_of_id_time_each_targets_forecast_and_its_quantiles():
    when = [pd.date_range("2024-01-01", periods=2, freq="D"), pd.date_range("2024-02-01", periods=2, freq="D")]
    point = np.arange(8, dtype=float).reshape(2, 2, 2)  # [S, H, T]
    quantiles = np.stack([point - 1, point, point + 1], axis=-1)  # [S, H, T, Q]
    cutoffs = pd.DatetimeIndex(["2023-12-31", "2024-01-31"])
    table = horizonframe.long(_state((0.1, 0.5, 0.9), id_col="store"), ["a", "b"], when, point, quantiles, cutoffs)
    assert list(table.columns) == ["store", "ds", "cutoff", "step_ahead", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9", "z_hat",
                                   "z_q0.1", "z_q0.5", "z_q0.9"]
    assert table["store"].tolist() == ["a", "a", "b", "b"] and table["step_ahead"].tolist() == [1, 2, 1, 2]
    assert table["cutoff"].tolist() == [cutoffs[0]] * 2 + [cutoffs[1]] * 2
    assert table["ds"].tolist() == [*when[0], *when[1]]
    assert table["y_hat"].tolist() == [0.0, 2.0, 4.0, 6.0] and table["z_q0.9"].tolist() == [2.0, 4.0, 6.0, 8.0]


def test_numbered_rows_are_named_row_and_a_point_model_has_no_quantile_columns():
    when = [pd.RangeIndex(10, 12)]
    table = horizonframe.long(_state(kind="row"), [7], when, np.ones((1, 2, 2)), None, pd.Index([9]))
    assert list(table.columns) == ["unique_id", "row", "cutoff", "step_ahead", "y_hat", "z_hat"]
    assert table["row"].tolist() == [10, 11] and table["cutoff"].tolist() == [9, 9]


def test_one_series_is_a_frame_indexed_by_its_dates_one_column_per_target():
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    model = Forecaster(**{**TINY, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}).fit(make_frame(120, feature=False))
    table = model.predict(make_frame(120, feature=False))
    assert list(table.columns) == ["cutoff", "step_ahead", "y", "y_q0.1", "y_q0.5", "y_q0.9"] and len(table) == TINY["horizon"]
    assert isinstance(table.index, pd.DatetimeIndex) and (table["y"] == table["y_q0.5"]).all()
    assert (table["cutoff"] == make_frame(120, feature=False)["date"].iloc[-1]).all()
    assert table["step_ahead"].tolist() == list(range(1, TINY["horizon"] + 1))


def test_each_series_cutoff_is_its_last_time_in_its_forecasts_clock_or_the_row_before_its_first_step():
    """t39t4 5: predict's table had no forecast origin, so a series one row behind the others shifted silently; each
    series' cutoff is its own last time (decision 2144)."""
    time = pd.DatetimeIndex(["2024-01-01 10:00", "2024-01-01 11:00", "2024-01-01 10:00"], tz="+01:00")
    panel = SimpleNamespace(time=time, offsets=np.array([0, 2, 3]))
    when = [pd.date_range("2024-01-01 11:00", periods=2, freq="h", tz="UTC")] * 2  # in_one_clock's UTC
    cutoffs = horizonframe.origins(panel, when)
    assert list(cutoffs) == [pd.Timestamp("2024-01-01 10:00", tz="UTC"), pd.Timestamp("2024-01-01 09:00", tz="UTC")]
    numbered = SimpleNamespace(time=None, offsets=np.array([0, 5]))
    assert list(horizonframe.origins(numbered, [pd.RangeIndex(5, 8, name="row")])) == [4]


def test_a_zoned_daily_forecast_index_keeps_its_freq_and_one_off_the_offset_has_none():
    """Decision 1871: a zoned daily index (Tokyo, Berlin across a clock change) came back with freq None, a naive one
    with 'D'; the forecast index takes the calendar's offset where pandas finds every date on it."""
    from rnncast.horizonframe import _with_freq
    for tz in ("Asia/Tokyo", "Europe/Berlin"):
        dates = pd.date_range("2024-03-29", periods=4, freq="D", tz=tz)  # across Berlin's clock change on 31 March
        table = pd.DataFrame({"y": np.zeros(4)}, index=pd.DatetimeIndex(list(dates)))
        assert table.index.freq is None
        assert _with_freq(table, SimpleNamespace(freq=pd.offsets.Day())).index.freq == "D"
    skipped = pd.DataFrame({"y": np.zeros(3)}, index=pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-04"]))
    assert _with_freq(skipped, SimpleNamespace(freq=pd.offsets.Day())).index.freq is None  # off it: left as it is
    assert _with_freq(skipped, SimpleNamespace(freq="weekdays Mon-Fri")).index.freq is None  # no pandas offset

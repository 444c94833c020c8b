"""Timestamps every one of which lies a few seconds off a regular grid (``gridtimes.py``): read on the grid, said in
one line naming it and the largest shift, kept as the model's calendar, forecasts dated on it after the data's last
row; a freq given reads them on its grid; rows too far off it or two near one grid point refused by line."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel

SMALL = dict(lookback=12, horizon=3, hidden_size=8, epochs=1, seed=0, threads=1)
CLI = ["--target", "y", "--lookback", "12", "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--threads", "1"]


def logger(freq: str = "5min", seconds: int = 5, n: int = 2000, seed: int = 0) -> pd.DataFrame:
    """The finding's data: a logger on a ``freq`` grid whose clock stamps each row up to ``seconds`` early or late
    (whole seconds, uniform), a sine and noise."""
    rng = np.random.default_rng(seed)
    grid = pd.date_range("2024-03-01", periods=n, freq=freq)
    stamps = grid + pd.to_timedelta(rng.integers(-seconds, seconds + 1, n), unit="s")
    y = np.sin(np.arange(n) * 2 * np.pi / 48) + rng.normal(0, 0.1, n)
    return pd.DataFrame({"timestamp": stamps, "y": y})


def test_a_5_minute_logger_is_read_on_its_grid_and_forecast_on_it(caplog):
    """The finding: 2000 rows within 5 s of a 5-minute grid trained undated and predict refused them. The rows are
    now read on the grid, said in one line; the model keeps '5min' and dates forecasts after the last row."""
    data = logger()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**SMALL).fit(data, target="y")
    said = [r.getMessage() for r in caplog.records if "grid" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("timestamps lie within 5 s of a 5-minute grid: read on it, "
                                                 "forecasts dated on it ("), said
    assert model.calendar_.freq_text == "5min"
    last = data["timestamp"].iloc[-1].round("5min")
    assert list(model.predict(data).index) == list(pd.date_range(last, periods=4, freq="5min")[1:])
    assert np.isfinite(model.evaluate(data)["original"]["model"]["mse"])


def test_the_findings_on_the_command_line(tmp_path, capsys, caplog):
    """`rnncast fit` then `predict` and `evaluate`, exit 0, for both findings (5-minute +-5 s, hourly +-2 min):
    model.json keeps the grid, the forecasts follow the data's last row on it."""
    from rnncast.cli import main

    for name, freq, seconds in (("five", "5min", 5), ("hour", "h", 120)):
        path, run, out = tmp_path / f"{name}.csv", tmp_path / f"{name}run", tmp_path / f"{name}f.csv"
        data = logger(freq, seconds)
        data.to_csv(path, index=False)
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            assert main(["fit", str(path), *CLI, "--out", str(run)]) == 0
        assert f"a {'5-minute' if name == 'five' else '1-hour'} grid: read on it" in caplog.text
        assert "predict will refuse" not in capsys.readouterr().out
        assert json.loads((run / "model" / "model.json").read_text())["calendar"]["freq"] == freq
        assert main(["predict", str(run), str(path), "--out", str(out)]) == 0
        last = data["timestamp"].iloc[-1].round(freq)
        assert list(pd.to_datetime(pd.read_csv(out).iloc[:, 0])) == list(pd.date_range(last, periods=4, freq=freq)[1:])
        assert main(["evaluate", str(run), str(path)]) == 0
    assert main(["backtest", str(tmp_path / "five.csv"), *CLI, "--n-windows", "2", "--out", str(tmp_path / "bt")]) == 0


def test_a_freq_given_reads_them_on_its_grid(tmp_path, caplog):
    """`--freq 5min` refused the first row off it; it now reads the rows on its grid."""
    from rnncast.cli import main

    logger(n=300).to_csv(tmp_path / "five.csv", index=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert main(["fit", str(tmp_path / "five.csv"), *CLI, "--freq", "5min", "--out", str(tmp_path / "run")]) == 0
    assert "of a 5-minute grid: read on it" in caplog.text


def test_a_row_too_far_from_the_grid_is_refused_by_line(tmp_path):
    """Jitter up to 40 % of a step: with freq='5min' the first row farther than 30 s from its grid is refused, by
    line; without freq no grid is found and nothing is moved."""
    data = logger(n=300, seconds=120)
    data.to_csv(tmp_path / "far.csv", index=False)
    off = (data["timestamp"] - data["timestamp"].dt.round("5min")).abs()
    first = int(np.flatnonzero(off > pd.Timedelta("30s"))[0])
    with pytest.raises(RnncastError, match=rf"^timestamp {data['timestamp'][first]} \(line {first + 2} of far.csv\) "
                                           r"lies .* off the 5-minute grid of freq='5min', more than a tenth of its "
                                           r"step \(30 s\)"):
        load_panel(tmp_path / "far.csv", "y", freq="5min")
    assert list(load_panel(data, "y").time) == list(data["timestamp"])


def test_two_rows_near_one_grid_point_are_refused_naming_both(tmp_path):
    data = logger(n=300)
    data.loc[10, "timestamp"] = pd.Timestamp("2024-03-01 00:45:04")  # row 9 is 00:45 +-5 s: a second reading
    data = data.sort_values("timestamp", kind="stable").reset_index(drop=True)
    data.to_csv(tmp_path / "twice.csv", index=False)
    a, b = (int(i) for i in np.flatnonzero(data["timestamp"].dt.round("5min") == pd.Timestamp("2024-03-01 00:45")))
    with pytest.raises(RnncastError, match=rf"^timestamps {data['timestamp'][a]} \(line {a + 2} of twice.csv\) and "
                                           rf"{data['timestamp'][b]} \(line {b + 2} of twice.csv\) lie near one point "
                                           r"of a 5-minute grid, 2024-03-01 00:45:00, so they cannot both be read on "
                                           r"it; keep one row per 5-minute step"):
        load_panel(tmp_path / "twice.csv", "y")


def test_a_probe_that_switches_to_a_finer_step_is_named_not_the_first_row(tmp_path):
    """t36t8 F1: probe 'a' logs every 3 h within 3 min, probe 'b' likewise until it switches to hourly; freq='3h'
    named 'a''s first row (4 s off the grid, which a freq reads on it). The refusal now names 'b''s row where its
    1-hour steps begin, with the resample advice; predict on the model's calendar says the same (decision 1936)."""
    rng = np.random.default_rng(0)
    a = pd.date_range("2024-03-01", periods=200, freq="3h")
    b = a[:100].append(pd.date_range(a[100], periods=300, freq="h"))
    frames = [pd.DataFrame({"id": name, "timestamp": t + pd.to_timedelta(rng.integers(-120, 121, len(t)), unit="s"),
                            "y": rng.normal(size=len(t))}) for name, t in (("a", a), ("b", b))]
    data = pd.concat(frames, ignore_index=True)
    data.to_csv(tmp_path / "switch.csv", index=False)
    row = 200 + 100  # b's 101st row, the first of its hourly ones
    with pytest.raises(RnncastError, match=rf"^timestamp {data['timestamp'][row]} \(series 'b' at line {row + 2} of "
                                           r"switch.csv\) begins 1-hour steps \(300 rows from there\), finer than "
                                           r"freq='3h', so its rows cannot all be read on that 3-hour grid; resample "
                                           r"that series to '3h' steps first"):
        load_panel(tmp_path / "switch.csv", "y", id_col="id", freq="3h")
    alone = frames[0].assign(y=rng.normal(size=200))
    assert len(load_panel(alone, "y", freq="3h").time) == 200  # the jitter alone is read on the grid, as before


def test_timestamps_on_a_calendar_are_read_as_before(caplog):
    """Exact 5-minute rows, daily rows at 02:00 (a tenth of a day off midnight: a calendar, not jitter) and 5-minute
    rows two of which are late (decision 682's) are left as they are."""
    exact = logger(n=300, seconds=0)
    daily = pd.DataFrame({"d": pd.date_range("2024-01-01 02:00", periods=60, freq="D"), "y": np.arange(60.0)})
    late = exact.copy()
    late.loc[[50, 140], "timestamp"] += pd.Timedelta("4s")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        for frame in (exact, daily, late):
            assert list(load_panel(frame, "y").time) == list(frame.iloc[:, 0])
    assert "grid" not in caplog.text


def test_a_logger_off_the_clock_is_read_on_its_own_grid_and_forecasts_keep_it(tmp_path):
    """Hourly readings at about half past trained on a '3601s' calendar whose forecasts drifted (12:32:01, 13:32:02);
    5-minute readings at about 00:02:30 trained undated and predict refused them (decision 711). Both are read on their
    grids, forecasts at half past and at 2.5 minutes past."""
    from rnncast.cli import main

    for name, freq, shift in (("half", "h", "30min"), ("mid", "5min", "150s")):
        data = logger(freq, 4, n=400)
        data["timestamp"] += pd.Timedelta(shift)
        data.to_csv(tmp_path / f"{name}.csv", index=False)
        run = tmp_path / f"{name}run"
        assert main(["fit", str(tmp_path / f"{name}.csv"), *CLI, "--out", str(run)]) == 0
        assert json.loads((run / "model" / "model.json").read_text())["calendar"]["freq"] == freq
        assert main(["predict", str(run), str(tmp_path / f"{name}.csv"), "--out", str(tmp_path / f"{name}f.csv")]) == 0
        last = (data["timestamp"].iloc[-1] - pd.Timedelta(shift)).round(freq) + pd.Timedelta(shift)
        forecast = pd.to_datetime(pd.read_csv(tmp_path / f"{name}f.csv").iloc[:, 0])
        assert list(forecast) == list(pd.date_range(last, periods=4, freq=freq)[1:])


def test_predict_refuses_a_row_far_from_the_models_calendar_without_asking_for_a_freq(tmp_path):
    """predict's refusal said "or give the freq its timestamps follow": predict takes none (decision 711)."""
    data = logger(n=300)
    model = Forecaster(**SMALL).fit(data, target="y")
    data.loc[280, "timestamp"] = data.loc[280, "timestamp"].round("5min") + pd.Timedelta("50s")
    with pytest.raises(RnncastError, match=r"lies 50 s off the 5-minute grid of the model's calendar '5min', more than "
                                           r"a tenth of its step \(30 s\) within which rows are read on it; correct or "
                                           r"remove that row: data read for the model keeps the calendar it was fitted on$"):
        model.predict(data)


def test_a_future_table_of_the_same_loggers_jitter_is_read_on_the_forecast_steps(caplog):
    """The future temperatures of a 5-minute logger stamped 09:19:57, 09:25:01, 09:29:57 were refused as missing for
    09:20, 09:25, 09:30 (decision 713): they are read on those steps, said in one line; two rows near one step are
    still refused as given twice."""
    rng = np.random.default_rng(1)
    points = pd.date_range("2024-01-01", periods=406, freq="5min")
    stamps = points + pd.to_timedelta(rng.integers(-4, 5, 406), unit="s")
    temp = np.cos(np.arange(406) / 9)
    data = pd.DataFrame({"timestamp": stamps[:400], "y": np.sin(np.arange(400) / 6) + temp[:400], "temp": temp[:400]})
    model = Forecaster(**SMALL).fit(data, target="y", future_covariates=["temp"])
    future = pd.DataFrame({"timestamp": stamps[400:403], "temp": temp[400:403]})
    with caplog.at_level(logging.INFO, logger="rnncast"):
        forecast = model.predict(data, future=future)
    assert list(forecast.index) == list(points[400:403])
    said = [r.getMessage() for r in caplog.records if "future values' timestamps" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("the future values' timestamps lie within ")
    exact = model.predict(data, future=future.assign(timestamp=points[400:403]))
    assert np.allclose(forecast.iloc[:, 2:].to_numpy(), exact.iloc[:, 2:].to_numpy())  # the same values, on the same steps
    twice = pd.concat([future, future.iloc[[1]].assign(timestamp=points[401] + pd.Timedelta("2s"))])
    with pytest.raises(RnncastError, match="twice"):
        model.predict(data, future=twice)


def test_a_zoned_logger_across_a_daylight_saving_change_is_read_on_its_grid():
    """Hourly readings a few seconds off the hour (and off the half hour) in Europe/Berlin across 31 March 2024 trained
    undated: pandas cannot round a zone's wall time onto the hour the clock skips ("2024-03-31 02:00:00 is a
    nonexistent time"). The times are rounded as UTC instants and given back in their zone (decision 717)."""
    rng = np.random.default_rng(2)
    for start in ("2024-03-15 00:00", "2024-03-15 00:30"):
        points = pd.date_range(start, periods=24 * 30, freq="h", tz="Europe/Berlin")
        data = pd.DataFrame({"time": points + pd.to_timedelta(rng.integers(-5, 6, len(points)), unit="s"),
                             "y": np.sin(np.arange(len(points)) / 4) + rng.normal(0, 0.1, len(points))})
        model = Forecaster(**SMALL).fit(data, target="y")
        assert model.calendar_.freq_text == "h"
        assert list(model.predict(data).index) == list(pd.date_range(points[-1], periods=4, freq="h")[1:])


def test_a_tenth_of_a_one_second_step_is_said_as_0_1_s():
    """A tester's 1 Hz readings with ±250 ms jitter under freq='s' were refused as 'more than a tenth of its step
    (0 s)': the second's Timedelta divided in its own unit floored to 0."""
    times = pd.Timestamp("2026-11-01") + pd.to_timedelta(np.arange(60), unit="s")
    jitter = np.where(np.arange(60) == 5, 150, np.random.default_rng(0).integers(-50, 50, 60))  # ms; row 5 too far
    times = times + pd.to_timedelta(jitter, unit="ms")
    frame = pd.DataFrame({"time": times, "y": np.arange(60.0)})
    with pytest.raises(RnncastError, match=r"lies 0\.15 s off .* a tenth of its step \(0\.1 s\)"):
        load_panel(frame, freq="s")

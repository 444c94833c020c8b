"""Times written as numbers the user names (``numbertimes.py``, ``time_unit``): Unix seconds and milliseconds and
Excel serials read as times, the calendar inferred as for any timestamps, forecasts written back in the unit (CSV,
Parquet, Python's predict and a reloaded model alike), a zone given, future covariates matched, and the setting refused by name where the
column is no such numbers or there is no time column; in Python, on the command line and in a config file."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, numbertimes
from rnncast.csvtext import csv_text, dated
from rnncast.loading import load_panel
from test_cli import cli

DAYS = 1704067200 + 86400 * np.arange(80)  # 2024-01-01 .. 2024-03-20 as Unix seconds
AHEAD = [1710979200, 1711065600, 1711152000]  # 2024-03-21 .. 23


def _frame(values, name="timestamp") -> pd.DataFrame:
    return pd.DataFrame({name: values, "y": np.sin(np.arange(len(values)) / 3.0)})


def _fit(frame, **settings) -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1, **settings}).fit(frame, target="y")


def _written(model, forecast) -> list[str]:
    """The forecast's time column as the CSV writer writes it (``rnncast predict``'s output)."""
    return csv_text(dated(forecast.reset_index(), model.calendar_)).splitlines()[1:]


def test_unix_seconds_are_read_dated_daily_and_written_back_as_unix_seconds(tmp_path):
    model = _fit(_frame(DAYS), time_unit="s")
    assert model.calendar_.shown == "'D'" and model.calendar_.text_format == "unix:s"
    forecast = model.predict(_frame(DAYS))
    assert list(forecast.index) == AHEAD and forecast.index.dtype == np.int64  # the data's own form, as Periods are
    assert [str(t.date()) for t in pd.to_datetime(forecast.index, unit="s")] == ["2024-03-21", "2024-03-22", "2024-03-23"]
    assert [line.split(",")[0] for line in _written(model, forecast)] == [str(v) for v in AHEAD]
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["text_format"] == "unix:s"
    loaded = Forecaster.load(tmp_path / "m")
    again = loaded.predict(_frame(DAYS))  # read as Unix seconds again, not refused as steps
    pd.testing.assert_frame_equal(again, forecast)
    assert [line.split(",")[0] for line in _written(loaded, again)] == [str(v) for v in AHEAD]


def test_milliseconds_under_a_name_given_with_time_col():
    frame = _frame(DAYS * 1000, "t")
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1, "time_unit": "ms"}).fit(
        frame, target="y", time_col="t")
    assert [line.split(",")[0] for line in _written(model, model.predict(frame))] == [str(v * 1000) for v in AHEAD]


def test_hourly_float_seconds_are_read_and_written_whole():
    hours = (1704067200 + 3600 * np.arange(100)).astype(float)
    model = _fit(_frame(hours), time_unit="s")
    assert model.calendar_.shown == "'h'"
    assert _written(model, model.predict(_frame(hours)))[0].split(",")[0] == str(1704067200 + 3600 * 100)


def test_excel_serials_are_read_and_written_back_as_serials():
    serials = 45292 + np.arange(80)  # 2024-01-01 ..
    model = _fit(_frame(serials, "Date"), time_unit="excel")
    forecast = model.predict(_frame(serials, "Date"))
    assert list(forecast.index) == [45372, 45373, 45374] and forecast.index.name == "Date"  # 2024-03-21 ..
    assert [line.split(",")[0] for line in _written(model, forecast)] == ["45372", "45373", "45374"]
    noon = numbertimes.read(pd.Series([45292.5, 45293.5]), "Date", "excel")
    assert list(noon.strftime("%Y-%m-%d %H:%M")) == ["2024-01-01 12:00", "2024-01-02 12:00"]
    assert list(numbertimes.write(noon, "excel")) == ["45292.5", "45293.5"]


@pytest.mark.parametrize("decimals", [5, 6])
def test_hourly_excel_serials_of_a_few_decimals_are_whole_hours_on_an_hourly_calendar(caplog, decimals):
    """Hourly serials written to 6 decimals (45292.041667: 01:00:00.029) were read to the millisecond, as jitter:
    no calendar, predict refused. Each is read as the whole minute its decimals write, said."""
    serials = (45292 + np.arange(80) / 24).round(decimals)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model = _fit(_frame(serials, "Date"), time_unit="excel")
    assert model.calendar_.shown == "'h'"
    assert any(f"written to {decimals} decimals" in r.getMessage() and "read as the whole minute it writes" in
               r.getMessage() for r in caplog.records)
    forecast = model.predict(_frame(serials, "Date"))
    assert forecast.index.dtype == np.float64  # serials of a time of day, read back to the whole hour
    assert list(numbertimes.read(forecast.index.to_series(), "Date", "excel").strftime("%Y-%m-%d %H:%M:%S.%f")) == [
        "2024-01-04 08:00:00.000000", "2024-01-04 09:00:00.000000", "2024-01-04 10:00:00.000000"]
    ten = pd.Series((45292 + np.arange(6) * 10 / 86400).round(6))  # every 10 s: whole seconds, not minutes
    assert list(numbertimes.read(ten, "t", "excel").strftime("%H:%M:%S.%f")) == [
        f"00:00:{s:02d}.000000" for s in range(0, 60, 10)]
    assert numbertimes.excel_step(np.array([45292.25, 45292.52426839])) == "ms"  # a time to the millisecond kept


def test_a_zone_given_reads_unix_times_as_its_local_days():
    """Midnight in New York is 05:00 UTC in winter: with tz the days are New York's, written back as instants."""
    local = pd.date_range("2024-01-01", periods=60, freq="D", tz="America/New_York")
    seconds = (local.tz_convert("UTC").tz_localize(None) - pd.Timestamp(0)) // pd.Timedelta(1, "s")
    model = _fit(_frame(np.asarray(seconds)), time_unit="s", tz="America/New_York")
    forecast = model.predict(_frame(np.asarray(seconds)))
    first = pd.Timestamp(int(forecast.index[0]), unit="s", tz="UTC").tz_convert("America/New_York")
    assert str(first) == "2024-03-01 00:00:00-05:00"  # instants, as the data's Unix times are
    assert _written(model, forecast)[0].split(",")[0] == str(forecast.index[0])


def test_future_covariates_in_unix_seconds_are_matched_by_their_times():
    frame = _frame(DAYS).assign(price=np.arange(80.0))
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1, "time_unit": "s"}).fit(
        frame, target="y", future_covariates=["price"])
    future = pd.DataFrame({"timestamp": AHEAD, "price": [80.0, 81.0, 82.0]})
    assert len(model.predict(frame, future=future)) == 3


@pytest.mark.parametrize("values, unit, message", [
    (pd.date_range("2024-01-01", periods=80).strftime("%Y-%m-%d"), "s",
     r"time_unit='s' reads the time column as Unix times in seconds, but time column 'timestamp' holds text "
     r"\('2024-01-01' at row 0\), not numbers; leave time_unit unset"),
    (DAYS * 1000, "s", r"time_unit='s' reads the time column as Unix times in seconds of 1980 \.\. 2100 \(315532800 \.\. "
                       r"4133980799\), but time column 'timestamp' holds 1704067200000 at row 0; they look like Unix times "
                       r"in milliseconds \(time_unit='ms', --time-unit ms\); give the unit its values are in"),
    (np.arange(80), "ms", r"time_unit='ms' reads .* of 1980 \.\. 2100 .*holds 0 at row 0; give the unit"),
    (DAYS, "excel", r"time_unit='excel' reads the time column as Excel serial day numbers of 1950 \.\. 2100 .*they look "
                    r"like Unix times in seconds \(time_unit='s', --time-unit s\)"),
])
def test_a_column_that_is_no_such_numbers_is_refused_by_name(values, unit, message):
    with pytest.raises(RnncastError, match=message) as err:
        _fit(_frame(values), time_unit=unit)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("unit, given", [
    ("s", pd.to_datetime(DAYS, unit="s").strftime("%Y-%m-%dT%H:%M:%SZ")),  # ISO text to a model of Unix seconds
    ("ms", DAYS),  # seconds to a model of milliseconds
    ("s", DAYS * 1000),  # milliseconds to a model of seconds
])
def test_predict_refuses_other_times_with_a_conversion_it_can_follow_not_a_time_unit(unit, given):
    model = _fit(_frame(DAYS if unit == "s" else DAYS * 1000), time_unit=unit)
    df = _frame(given)
    with pytest.raises(RnncastError, match=r"the model reads the time column as Unix times in .*fixed at fit\); convert "
                                           r"the column first, e\.g\. df\['timestamp'\] = ") as err:
        model.predict(df)
    said = str(err.value)
    assert "leave time_unit unset" not in said and "give the unit" not in said and "--time-unit" not in said
    exec(said.split("e.g. ", 1)[1], {"pd": pd, "df": df})  # the line given, followed: the model reads the data
    assert list(model.predict(df).index) == (AHEAD if unit == "s" else [a * 1000 for a in AHEAD])


def test_time_unit_without_a_time_column_or_unknown_is_refused():
    with pytest.raises(RnncastError, match=r"time_unit='s' reads the time column as Unix times in seconds, but "
                                           r"no column holds them .*name the time column with time_col= \(--time-col\)"):
        load_panel(pd.DataFrame({"y": np.arange(40.0)}), target="y", time_unit="s")
    with pytest.raises(RnncastError, match=r"unknown time_unit 'min' \(to pandas a span of time, 0 days 00:01:00, not a unit times are counted in "
                                           r"here\); choose one of: s \(Unix times in seconds; also 'seconds', "):
        _fit(_frame(DAYS), time_unit="min")


def test_unix_times_are_still_refused_without_it_naming_the_setting(caplog):
    with pytest.raises(RnncastError, match=r"give time_unit='s', --time-unit s to read them as Unix times"):
        _fit(_frame(DAYS))
    with pytest.raises(RnncastError, match=r"give time_unit='s', --time-unit s to read them as Unix times"):
        load_panel(_frame(DAYS, "t"), target="y", time_col="t")  # named the time by the caller (decision 1534)
    with caplog.at_level(logging.WARNING):
        load_panel(_frame(DAYS, "step"), target="y")  # under a counter's name: steps, said
    assert any("to read them as times, give time_unit='s', --time-unit s" in r.getMessage() for r in caplog.records)


def test_the_command_line_and_a_config_file_take_time_unit(tmp_path, capsys):
    _frame(DAYS).to_csv(tmp_path / "d.csv", index=False)
    small = ["--target", "y", "--lookback", "6", "--horizon", "3", "--epochs", "1", "--hidden-size", "8"]
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--out", tmp_path / "run")
    assert code == 2 and "--time-unit s" in err and "Traceback" not in err
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--time-unit", "s", "--out", tmp_path / "run")
    assert code == 0, err
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "d.csv")
    assert code == 0, err
    assert all(str(v) in out for v in AHEAD), out
    (tmp_path / "c.toml").write_text(f'data = "{tmp_path / "d.csv"}"\ntarget = "y"\ntime_unit = "s"\nlookback = 6\n'
                                     'horizon = 3\nepochs = 1\nhidden_size = 8\n')
    code, _, err = cli(capsys, "fit", "--config", tmp_path / "c.toml", "--out", tmp_path / "run2")
    assert code == 0, err
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--time-unit", "days", "--out", tmp_path / "run3")
    assert code == 2 and "--time-unit" in err and "Traceback" not in err


def test_forecasts_past_the_plausible_years_are_written_in_the_unit():
    months = pd.date_range("2092-01-01", "2099-12-01", freq="MS")
    seconds = np.asarray((months - pd.Timestamp(0)) // pd.Timedelta(seconds=1))
    model = _fit(_frame(seconds), time_unit="s")
    written = [line.split(",")[0] for line in _written(model, model.predict(_frame(seconds)))]
    assert written == ["4102444800", "4105123200", "4107542400"]  # 2100-01 .. 03: the years are for reading only
    assert list(numbertimes.write(pd.DatetimeIndex(["2101-01-01", "2101-01-01 12:00"]), "excel")) == ["73416", "73416.5"]
    assert numbertimes.reads_back(pd.DatetimeIndex(["2101-01-01"]), "unix:ms")


def test_the_plausible_years_end_alike_on_31_december_2100():
    last = pd.Timestamp("2100-12-31 23:59:59")
    assert numbertimes.read(pd.Series([73415.5]), "t", "excel")[0] == pd.Timestamp("2100-12-31 12:00")
    assert numbertimes.read(pd.Series([int(last.timestamp())]), "t", "s")[0] == last
    assert numbertimes.read(pd.Series([int(last.timestamp()) * 1000 + 999]), "t", "ms")[0] == last + pd.Timedelta("999ms")
    with pytest.raises(RnncastError, match="of 1980 .. 2100"):
        numbertimes.read(pd.Series([int(last.timestamp()) + 1]), "t", "s")


def test_numbers_read_are_written_back_exactly():
    ms = 1672531250000 + 250 * np.arange(4)  # a 250 ms step, in whole milliseconds
    assert list(numbertimes.write(numbertimes.read(pd.Series(ms), "t", "ms"), "unix:ms")) == [str(v) for v in ms]
    assert list(numbertimes.write(pd.DatetimeIndex(["2023-01-01 00:00:48.75"]), "unix:ms")) == ["1672531248750"]
    seconds = pd.Series([1672531250.1, 1672531250.25, 1672531250.249])
    assert list(numbertimes.write(numbertimes.read(seconds, "t", "s"), "unix:s")) == [
        "1672531250.1", "1672531250.25", "1672531250.249"]
    serials = pd.Series([45292.25, 45292.333333333336, 45292.52426839])
    back = numbertimes.write(numbertimes.read(serials, "t", "excel"), "excel")
    assert list(back) == ["45292.25", "45292.333333333336", "45292.5242683912"]  # read to the millisecond, written as
    # pandas computes that time's serial


def test_a_250_ms_step_forecasts_on_its_grid_exactly():
    ms = 1672531200000 + 250 * np.arange(80)
    model = _fit(_frame(ms), time_unit="ms")
    written = [line.split(",")[0] for line in _written(model, model.predict(_frame(ms)))]
    assert written == [str(ms[-1] + 250 * k) for k in (1, 2, 3)]


@pytest.mark.parametrize("unit, scale, shift", [("s", 1, 0), ("ms", 1000, 0), ("excel", 1 / 86400, 25569)])
def test_a_future_covariates_file_in_the_unit_is_read_on_the_command_line(tmp_path, capsys, unit, scale, shift):
    def times(seconds):
        return np.round(np.asarray(seconds) * scale + shift).astype(np.int64)
    frame = pd.DataFrame({"unique_id": "007", "timestamp": times(DAYS), "y": np.sin(np.arange(80) / 3.0),
                          "x": np.arange(80.0)})
    frame.to_csv(tmp_path / "d.csv", index=False)
    pd.DataFrame({"unique_id": "007", "timestamp": times(AHEAD), "x": [80.0, 81.0, 82.0]}).to_csv(
        tmp_path / "f.csv", index=False)
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", "--target", "y", "--future-covariates", "x", "--lookback", "6",
                       "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--time-unit", unit,
                       "--id-col", "unique_id", "--out", tmp_path / "run")
    assert code == 0, err
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "d.csv", "--future", tmp_path / "f.csv")
    assert code == 0, err
    assert all(f"007,{v}," in out for v in times(AHEAD)), out  # the ids still as written, the times in the unit


def test_unix_times_of_a_zones_midnights_are_said_to_need_tz(tmp_path, capsys, caplog):
    """Berlin's local midnights as Unix seconds are 23, 24 and 25 hours apart in UTC: no calendar there, 'D' on
    Berlin's clock, so the warning (and freq='D''s refusal, naming the row as the file writes it) says tz=."""
    days = pd.date_range("2023-01-01", periods=120, freq="D", tz="Europe/Berlin")
    seconds = (days.tz_convert("UTC").tz_localize(None) - pd.Timestamp(0)) // pd.Timedelta(seconds=1)
    _frame(np.asarray(seconds)).to_csv(tmp_path / "d.csv", index=False)
    small = ["--target", "y", "--lookback", "6", "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--time-unit", "s"]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--out", tmp_path / "run")
    assert code == 0, err
    err = caplog.text
    assert "they follow the calendar 'D' on a zone's clock" in err and "give tz= (--tz) the zone they were written in, " \
        "e.g. Europe/Berlin" in err and "no regular calendar (steps" not in err, err
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--freq", "D", "--out", tmp_path / "run2")
    assert code == 2 and "timestamp 1679868000 (line 87 of d.csv) is not on the calendar freq='D' in UTC" in err, err
    assert "e.g. Europe/Berlin" in err and "2023-03-26" not in err, err
    code, out, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--tz", "Europe/Berlin", "--out", tmp_path / "run3")
    assert code == 0 and "zone's clock" not in err, err


def test_a_row_off_the_calendar_is_named_as_the_file_writes_it(caplog):
    seconds = DAYS.copy()
    seconds[40] += 3600  # one row an hour late
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _fit(_frame(seconds), time_unit="s")
    assert f"timestamp {seconds[40]} (row 40) is off the calendar 'D'" in caplog.text, caplog.text


def test_predict_returns_the_datas_numbers_which_join_back_onto_its_column_as_the_cli_writes_them(tmp_path, capsys):
    """help(Forecaster) and the README said forecast times are written back in time_unit, but Python's predict
    returned Timestamps (2024-03-21) where the CLI wrote 1710979200: a join onto the data's integer column found
    nothing. Now both give the numbers, a panel's time column too, and the CLI's Parquet file holds them."""
    panel = pd.concat([_frame(DAYS).assign(unique_id=k) for k in ("a", "b")], ignore_index=True)
    model = _fit(panel, time_unit="s")
    forecast = model.predict(panel)
    assert forecast["timestamp"].dtype == np.int64 and list(forecast["timestamp"][:3]) == AHEAD
    later = pd.DataFrame({"unique_id": ["a", "b"], "timestamp": [AHEAD[0], AHEAD[2]], "y": [1.0, 2.0]})
    assert len(later.merge(forecast, on=["unique_id", "timestamp"])) == 2
    model.save(tmp_path / "m")
    panel.to_csv(tmp_path / "d.csv", index=False)
    code, out, err = cli(capsys, "predict", tmp_path / "m", tmp_path / "d.csv")
    assert code == 0, err
    assert [line.split(",")[1] for line in out.splitlines()[1:]] == [str(v) for v in forecast["timestamp"]]
    code, _, err = cli(capsys, "predict", tmp_path / "m", tmp_path / "d.csv", "--out", tmp_path / "f.parquet")
    assert code == 0, err
    assert list(pd.read_parquet(tmp_path / "f.parquet")["timestamp"]) == list(forecast["timestamp"])


def test_hourly_excel_serials_forecast_join_back_onto_the_serials_pandas_writes(tmp_path, capsys):
    """Hourly serial forecasts were written rounded to 8 decimals (44931.16666667) where pandas writes that hour as
    44931.166666666664: a merge on (unique_id, ts) matched 2 of 6 rows. Now they are the float pandas computes,
    in Python and in the CLI's CSV alike."""
    def serials(start, periods):
        hours = pd.date_range(start, periods=periods, freq="h")
        return np.asarray((hours - numbertimes.EXCEL_ORIGIN) / pd.Timedelta("1D"))
    panel = pd.concat([_frame(serials("2023-01-01", 80)).assign(unique_id=k) for k in ("A", "B")],
                      ignore_index=True)
    nxt = pd.concat([_frame(serials("2023-01-04 08:00", 3)).assign(unique_id=k) for k in ("A", "B")])
    forecast = _fit(panel, time_unit="excel").predict(panel)
    assert len(forecast.merge(nxt, on=["unique_id", "timestamp"])) == 6 == len(forecast)
    panel.to_csv(tmp_path / "d.csv", index=False)
    small = ["--target", "y", "--lookback", "6", "--horizon", "3", "--epochs", "1", "--hidden-size", "8"]
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--time-unit", "excel", "--out", tmp_path / "run")
    assert code == 0, err
    code, _, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "d.csv", "--out", tmp_path / "f.csv")
    assert code == 0, err
    written = pd.read_csv(tmp_path / "f.csv")
    assert len(written.merge(nxt, on=["unique_id", "timestamp"])) == 6, written
    assert "44930.333333333336" in (tmp_path / "f.csv").read_text()  # 2023-01-04 08:00, as pandas writes it


def test_serials_written_to_5_decimals_are_written_back_as_the_data_wrote_them(tmp_path, capsys):
    """A tester's finding: hourly serials written 44927.04167 came back in backtest's forecasts and a run's
    test_forecasts.csv as 44931.791666666664, so a merge on (id, ts) matched 44 of 132 rows. The calendar now keeps
    the data's decimals (``excel:5``): its own rows' times are written as it wrote them, later ones alike."""
    hours = pd.date_range("2023-01-01", periods=60, freq="h")
    text = [f"{v:.5f}" for v in (hours - numbertimes.EXCEL_ORIGIN) / pd.Timedelta("1D")]
    (tmp_path / "d.csv").write_text("unique_id,timestamp,y\n" + "".join(
        f"{k},{t},{np.sin(i / 3.0) + j:.3f}\n" for j, k in enumerate("AB") for i, t in enumerate(text)))
    panel = pd.read_csv(tmp_path / "d.csv")
    model = _fit(panel, time_unit="excel")
    assert model.calendar_.text_format == "excel:5"
    forecasts = model.backtest(panel, n_windows=2).forecasts
    assert len(forecasts.merge(panel, on=["unique_id", "timestamp"], suffixes=("_f", ""))) == len(forecasts)
    model.save(tmp_path / "m")
    later = Forecaster.load(tmp_path / "m").predict(panel).timestamp
    assert later.tolist()[:2] == [44929.5, 44929.54167]  # 2023-01-03 12:00 and 13:00, to the data's decimals
    small = ["--target", "y", "--lookback", "6", "--horizon", "3", "--epochs", "1", "--hidden-size", "8"]
    code, _, err = cli(capsys, "fit", tmp_path / "d.csv", *small, "--time-unit", "excel", "--out", tmp_path / "run")
    assert code == 0, err
    written = pd.read_csv(next((tmp_path / "run").rglob("test_forecasts.csv")))
    assert len(written.merge(panel, on=["unique_id", "timestamp"], suffixes=("_f", ""))) == len(written) > 0
    assert numbertimes.form(panel.timestamp, "excel") == "excel:5"
    assert numbertimes.form((hours - numbertimes.EXCEL_ORIGIN) / pd.Timedelta("1D"), "excel") == "excel"  # floats'
    assert (numbertimes.form([45000, 45001], "excel"), numbertimes.form([1.7e9], "s")) == ("excel", "unix:s")


def test_time_unit_reads_pandas_spellings_of_seconds_and_milliseconds_and_refuses_spans_by_name():
    """A tester's finding: time_unit was read in its own spelling only: 'S', 'seconds', 'MS', 'Excel' were refused as
    unknown, and 'D' or 'hours' (units pandas' to_timedelta reads) were refused without a word of why."""
    import pytest
    from rnncast import RnncastError
    from rnncast.config import Settings
    from rnncast.numbertimes import unit_name
    from rnncast.settingtext import parse_setting
    for given, read in (("S", "s"), ("sec", "s"), ("Seconds", "s"), (" s ", "s"), ("MS", "ms"), ("milliseconds", "ms"),
                        ("Excel", "excel"), ("EXCEL", "excel"), ("us", "us"), ("ns", "ns"),
                            ("nanoseconds", "ns")):
        assert unit_name(given) == read
        assert parse_setting("time_unit", given) == read  # the flag, --set, a TOML file
        assert Settings.from_flat({"time_unit": given}).data.time_unit == read  # Forecaster(time_unit=...)
    for given in ("D", "Days", "H", "hours", "Min", "W", "epoch"):  # us, ns: units since decision 1498
        for call in (lambda: parse_setting("time_unit", given), lambda: Settings.from_flat({"time_unit": given})):
            with pytest.raises(RnncastError, match=r"^unknown time_unit .*; choose one of: s \(Unix times in seconds"):
                call()
    with pytest.raises(RnncastError, match=r"'hours' \(to pandas a span of time, 0 days 01:00:00, not a unit"):
        Settings.from_flat({"time_unit": "hours"})
    assert parse_setting("time_unit", "none") is None


def test_one_check_reads_or_refuses_a_time_unit_for_the_flag_a_config_file_and_the_settings():
    """``checked_unit``: pandas' spellings read (``read``), a setting already read taken as it is, any other refused
    by ``refused``'s line, as ``parse_setting`` and ``check_data`` both say it."""
    from rnncast.config import DataSettings
    from rnncast.settingchecks import check_data
    assert [numbertimes.checked_unit(v) for v in ("S", "milliseconds", "Excel", "s")] == ["s", "ms", "excel", "s"]
    assert numbertimes.checked_unit("ms", read=False) == "ms"
    for given, read in (("D", True), ("seconds", False), (3, True)):
        with pytest.raises(RnncastError) as err:
            numbertimes.checked_unit(given, read)
        assert str(err.value) == numbertimes.refused(given)
    with pytest.raises(RnncastError, match=r"^unknown time_unit 'seconds' \(to pandas a span of time"):
        check_data(DataSettings(time_unit="seconds"))  # a settings group is checked as it holds it, never read anew


@pytest.mark.parametrize("unit, scale", [("us", 10**6), ("ns", 10**9)])
def test_micro_and_nanoseconds_are_refused_as_steps_and_read_with_their_unit(unit, scale, tmp_path):
    """t31t1: epoch nanoseconds (InfluxDB, Prometheus, df.index.astype('int64')) and microseconds trained as integer
    steps of 1e10 and forecast 19-digit integers; they are refused as seconds and milliseconds are, naming their unit,
    and read with time_unit='ns' / 'us' (pandas' spellings too), forecasts written back in it (decision 1498)."""
    given = DAYS.astype(np.int64) * scale
    with pytest.raises(RnncastError, match=rf"look like Unix times in {numbertimes.UNITS[unit][14:]}.* would be "
                                           rf"2024-01-01 00:00 UTC; give time_unit='{unit}', --time-unit {unit} "):
        _fit(_frame(given))
    model = _fit(_frame(given), time_unit={"us": "microseconds", "ns": "ns"}[unit])
    assert model.calendar_.shown == "'D'" and model.calendar_.text_format == f"unix:{unit}"
    forecast = model.predict(_frame(given))
    assert list(forecast.index) == [v * scale for v in AHEAD] and forecast.index.dtype == np.int64
    assert [line.split(",")[0] for line in _written(model, forecast)] == [str(v * scale) for v in AHEAD]
    ten_seconds = 1709294400 * 10**9 + 10**10 * np.arange(4)  # as t31t1's 10-second export writes them
    assert list(numbertimes.write(numbertimes.read(pd.Series(ten_seconds), "t", "ns"), "unix:ns")) == [
        str(v) for v in ten_seconds]


def test_a_list_or_a_frame_as_time_unit_is_refused_by_name():
    """time_unit=[...] raised "unhashable type: 'list'" (decision 2000)."""
    from rnncast.numbertimes import checked_unit

    for value, shown in ((["s"], "a list of 1 item"), (pd.DataFrame({"a": range(5)}), "a DataFrame of 5 rows")):
        with pytest.raises(RnncastError, match=f"^unknown time_unit {shown}; choose one of: s "):
            checked_unit(value)

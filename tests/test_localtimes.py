"""``localtimes``: naive local times placed in a zone with daylight saving. The repeated autumn hour is read by
the rows' order; written once (a future-covariates file, a logger that lost a row) or a spring-forward time that
does not exist is refused in one line naming the time, its line and file, and what is accepted, wherever a naive
local time is placed: the data (``tz=``), a ``--future`` file (its zone given by ``tz=``, or taken from zoned data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, berlin_wall_times
from rnncast import Forecaster, RnncastError
from rnncast.localtimes import in_zone, localize, told_apart
from test_cli import cli

AUTUMN_ONCE = (r"time column 'time' holds 2024-10-27 02:00 \({at}\), a time that occurs twice in Europe/Berlin \(at "
               r"\+02:00, then again at \+01:00 as the clocks go back\), but is written once, and the rows beside it do "
               r"not tell which of the two it is \(.*\); write the times with their UTC offsets \(this one "
               r"2024-10-27 02:00\+02:00 or 2024-10-27 02:00\+01:00, every other row with its own\), or add the missing "
               r"row$")


def _row(i: int) -> str:
    return f"row {i}"


def _written_once(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (Berlin's wall clock) with the second copy of the repeated hour 02:00 left out."""
    return frame[~frame["time"].duplicated(keep="first")].reset_index(drop=True)


def test_the_repeated_hour_written_twice_is_read_by_order():
    wall = pd.DatetimeIndex(berlin_wall_times("2024-10-27 00:00", 5, "h")["time"])
    placed = localize(wall, "Europe/Berlin", "time", _row)
    assert [t.isoformat() for t in placed[2:4]] == ["2024-10-27T02:00:00+02:00", "2024-10-27T02:00:00+01:00"]


def test_the_repeated_hour_written_once_is_refused_naming_it_its_place_and_what_is_accepted():
    """pandas said 'Cannot infer dst time from 2024-10-27 02:00:00 as there are no repeated times'."""
    wall = pd.DatetimeIndex(_written_once(berlin_wall_times("2024-10-27 00:00", 5, "h"))["time"])
    with pytest.raises(RnncastError, match=AUTUMN_ONCE.format(at="row 2")):
        localize(wall, "Europe/Berlin", "time", _row)


def test_copies_of_the_repeated_hour_the_order_cannot_tell_apart_are_refused():
    wall = pd.DatetimeIndex(["2024-10-27 01:00", "2024-10-27 02:00", "2024-10-27 03:00", "2024-10-27 02:00"])
    with pytest.raises(RnncastError, match=r"holds 2024-10-27 02:00 \(row 1\), a time that occurs twice in "
                                           r"Europe/Berlin .*, and the order of the rows does not tell which copy each "
                                           r"row is; write the repeated hour twice"):
        localize(wall, "Europe/Berlin", "time", _row)


@pytest.mark.parametrize("copies", [3, 4])
def test_the_repeated_hour_written_more_often_than_twice_is_refused_with_its_count(copies):
    """Three copies of 02:00 in a row were told 'occurs twice ... the order of the rows does not tell which copy':
    the file has three, which no order reads."""
    wall = pd.DatetimeIndex(["2024-10-27 01:00"] + ["2024-10-27 02:00"] * copies + ["2024-10-27 03:00"])
    with pytest.raises(RnncastError, match=rf"holds 2024-10-27 02:00 {copies} times in a row \(row 1 and the "
                                           rf"{copies - 1} rows after it\), a time that occurs twice in Europe/Berlin "
                                           r".*, so which copy each row is cannot be told; write the repeated hour twice"):
        localize(wall, "Europe/Berlin", "time", _row)


def test_a_time_the_clocks_skip_in_spring_is_refused_naming_the_gap():
    """pandas said '2024-03-31 02:30:00 is a nonexistent time due to daylight savings time. Try using the
    'nonexistent' argument.' inside rnncast's 'give an IANA zone name', which the zone was."""
    wall = pd.DatetimeIndex(["2024-03-31 01:30", "2024-03-31 02:30", "2024-03-31 03:30"])
    with pytest.raises(RnncastError, match=r"^time column 'time' holds 2024-03-31 02:30 \(row 1\), a time that does not "
                                           r"exist in Europe/Berlin: its clocks go forward from 02:00 to 03:00 that night "
                                           r"\(\+01:00 to \+02:00\); correct or drop the row, or write the times with "
                                           r"their UTC offset, or, where the file's clock never changes to summer time, "
                                           r"leave tz unset$"):
        localize(wall, "Europe/Berlin", "time", _row)


def test_in_zone_converts_zoned_times_and_names_an_unknown_zone():
    zoned = pd.date_range("2024-01-01", periods=3, freq="h", tz="UTC")
    assert str(in_zone(zoned, "Europe/Berlin", "time", _row).tz) == "Europe/Berlin"
    with pytest.raises(RnncastError, match=r"did you mean 'Europe/Berlin'\?"):
        in_zone(zoned.tz_localize(None), "Europe/Berln", "time", _row)


def test_a_data_file_missing_a_copy_of_the_repeated_hour_is_refused_by_its_line(tmp_path):
    path = tmp_path / "load.csv"
    _written_once(berlin_wall_times("2024-10-24 00:00", 100, "h")).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=AUTUMN_ONCE.format(at="line 76 of load\\.csv")):
        Forecaster(**{**TINY, "tz": "Europe/Berlin"}).fit(str(path), target="load")


@pytest.fixture(scope="module")
def berlin_run(tmp_path_factory):
    """An hourly run fitted on Berlin's naive wall clock with --tz, the hour of day a future-known covariate, ending
    on 2024-10-26 22:00 (its forecasts of 6 steps cross the autumn change); (folder, data file, future rows)."""
    folder = tmp_path_factory.mktemp("berlin")
    times = berlin_wall_times("2024-10-20 00:00", 24 * 7 - 1, "h")
    times["hour"] = pd.DatetimeIndex(times["time"]).hour.astype(float)
    times.to_csv(folder / "load.csv", index=False)
    future = berlin_wall_times("2024-10-26 23:00", 6, "h")[["time"]]  # 23:00 .. 03:00, 02:00 twice
    future["hour"] = pd.DatetimeIndex(future["time"]).hour.astype(float)
    code = cli_fit(folder)
    assert code == 0
    return folder, folder / "load.csv", future


def cli_fit(folder) -> int:
    from rnncast.cli import main

    return main(["fit", str(folder / "load.csv"), "--target", "load", "--features", "hour", "--future-known",
                 "--tz", "Europe/Berlin", "--lookback", str(TINY["lookback"]), "--horizon", "6", "--epochs", "1",
                 "--hidden-size", "8", "--device", "cpu", "--out", str(folder / "run")])


def test_a_future_file_missing_a_copy_of_the_repeated_hour_is_one_line_naming_the_file(berlin_run, capsys):
    folder, data, future = berlin_run
    future.to_csv(folder / "both.csv", index=False)
    code, out, err = cli(capsys, "predict", folder / "run", data, "--future", folder / "both.csv")
    assert code == 0, err
    _written_once(future).to_csv(folder / "once.csv", index=False)
    code, out, err = cli(capsys, "predict", folder / "run", data, "--future", folder / "once.csv")
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith("rnncast: error: in the future values, time column 'time' holds 2024-10-27 02:00 (line 5 of "
                          "once.csv), a time that occurs twice in Europe/Berlin")


def test_future_rows_placed_in_the_zone_of_zoned_data_are_refused_alike():
    """A model fitted on zoned times (no tz=) reads a future table's naive times as that zone's wall time: the
    hour written once gave NaT keys (ambiguous="NaT"), a skipped time pandas' traceback."""
    zoned = pd.date_range("2024-10-20 00:00", periods=24 * 7 - 1, freq="h", tz="Europe/Berlin")
    frame = pd.DataFrame({"ds": zoned, "y": np.sin(np.arange(len(zoned)) / 3), "hour": zoned.hour.astype(float)})
    model = Forecaster(**{**TINY, "horizon": 6, "epochs": 1}).fit(frame, target="y", future_covariates=["hour"])
    wall = pd.date_range(zoned[-1] + pd.Timedelta(hours=1), periods=6, freq="h").tz_localize(None)
    future = pd.DataFrame({"ds": wall, "hour": wall.hour.astype(float)})
    assert len(model.predict(frame, future=future)) == 6  # both copies: read by order
    with pytest.raises(RnncastError, match=r"^in the future values, time column 'ds' holds 2024-10-27 02:00 \(row 3\), "
                                           r"a time that occurs twice in Europe/Berlin"):
        model.predict(frame, future=future.drop(index=4))


def test_written_dates_that_would_repeat_the_hour_are_written_with_their_offsets_said_once(caplog):
    autumn = pd.date_range("2024-10-27 00:00", periods=5, freq="h", tz="Europe/Berlin")
    with caplog.at_level("WARNING", logger="rnncast.localtimes"):
        assert told_apart([pd.Series(autumn), pd.Series([1.0] * 5)], "%Y-%m-%d %H:%M") == "%Y-%m-%d %H:%M%:z"
    assert [r.getMessage() for r in caplog.records] == [
        "the dates written cross the change back from summer time in Europe/Berlin, where 2024-10-27 02:00 occurs "
        "twice: every date is written with its UTC offset (2024-10-27 02:00+02:00, 2024-10-27 02:00+01:00), so that "
        "the two can be told apart"]
    caplog.clear()
    ends_in_it = pd.Series(autumn[:3])  # a horizon ending on 02:00+02:00: written alone, no reader could place it
    assert told_apart([ends_in_it], "%Y-%m-%d %H:%M") == "%Y-%m-%d %H:%M%:z" and len(caplog.records) == 1
    caplog.clear()
    spring = pd.date_range("2024-03-31 00:00", periods=5, freq="h", tz="Europe/Berlin")
    two_series = pd.Series(spring.append(spring))  # a long table: each series at the same times, no hour repeated
    for stamps, fmt in [([two_series], "%Y-%m-%d %H:%M"), ([pd.Series(autumn.tz_localize(None))], "%Y-%m-%d %H:%M"),
                        ([pd.Series(autumn)], "%Y-%m-%dT%H:%M%:z")]:
        assert told_apart(stamps, fmt) == fmt
    assert not caplog.records


def test_a_forecast_across_the_repeated_hour_writes_offsets_and_reads_back_as_future_values(berlin_run, capsys,
                                                                                           caplog):
    """The forecast CSV wrote '2024-10-27 02:00' twice, the two rows not to be told apart; Parquet and the API's
    frame keep the zone."""
    folder, data, future = berlin_run
    future.to_csv(folder / "future.csv", index=False)
    code, out, err = cli(capsys, "predict", folder / "run", data, "--future", folder / "future.csv")
    assert code == 0, err
    assert {line.split(",")[1] for line in out.splitlines()[1:]} == {"2024-10-26 22:00+02:00"}  # the cutoff alike
    assert out.splitlines()[0] == "time,cutoff,step_ahead,load" and [line.split(",")[0] for line in out.splitlines()[1:]] == [
        "2024-10-26 23:00+02:00", "2024-10-27 00:00+02:00", "2024-10-27 01:00+02:00", "2024-10-27 02:00+02:00",
        "2024-10-27 02:00+01:00", "2024-10-27 03:00+01:00"]
    said = [r.getMessage() for r in caplog.records if r.name == "rnncast.localtimes"]
    assert len(said) == 1 and "occurs twice: every date is written with its UTC offset" in said[0]
    again = pd.read_csv(pd.io.common.StringIO(out))[["time"]].assign(hour=future["hour"].to_numpy())
    again.to_csv(folder / "again.csv", index=False)  # the forecast's own times given back: read as the instants
    code, second, err = cli(capsys, "predict", folder / "run", data, "--future", folder / "again.csv")
    assert code == 0 and second == out, err
    frame = Forecaster.load(folder / "run" / "model").predict(str(data), future=future)
    assert str(frame.index.tz) == "Europe/Berlin" and frame.index.is_unique  # one series: dated by its index


def test_a_forecast_in_the_data_s_own_form_across_the_repeated_hour_reads_back(berlin_run, capsys):
    """Day-first data (31.10.2024 14:00) read with --tz: the forecast writes '27.10.2024 02:00+02:00' and
    '27.10.2024 02:00+01:00' (decision 285), which read back crashed with pandas' "Mixed timezones detected"."""
    folder, data, future = berlin_run
    german = folder / "german"
    german.mkdir()
    frame = pd.read_csv(data)
    frame["time"] = pd.to_datetime(frame["time"]).dt.strftime("%d.%m.%Y %H:%M")
    frame.to_csv(german / "load.csv", index=False)
    assert cli_fit(german) == 0
    capsys.readouterr()
    future.assign(time=pd.to_datetime(future["time"]).dt.strftime("%d.%m.%Y %H:%M")).to_csv(german / "f.csv", index=False)
    code, out, err = cli(capsys, "predict", german / "run", german / "load.csv", "--future", german / "f.csv")
    assert code == 0, err
    assert [line.split(",")[0] for line in out.splitlines()[4:6]] == ["27.10.2024 02:00+02:00", "27.10.2024 02:00+01:00"]
    again = pd.read_csv(pd.io.common.StringIO(out))[["time"]].assign(hour=future["hour"].to_numpy())
    again.to_csv(german / "again.csv", index=False)
    code, second, err = cli(capsys, "predict", german / "run", german / "load.csv", "--future", german / "again.csv")
    assert code == 0 and second == out, err


def test_a_repeated_hour_outside_the_steps_read_is_not_placed():
    wall = pd.DatetimeIndex(["2024-10-27 00:00", "2024-10-27 01:00", "2024-10-27 02:00", "2024-10-27 03:00"])
    placed = localize(wall, "Europe/Berlin", "time", _row, used=wall[:2])
    assert placed[:2].notna().all() and placed[2] is pd.NaT and placed[3].isoformat() == "2024-10-27T03:00:00+01:00"
    with pytest.raises(RnncastError, match=AUTUMN_ONCE.format(at="row 2")):
        localize(wall, "Europe/Berlin", "time", _row, used=wall[1:3])


def test_a_skipped_time_among_the_steps_read_is_refused_one_after_them_is_not_placed():
    """A future file's 02:00 on Berlin's spring night between steps 01:00 and 03:00 was left NaT as a row not
    used, and predict said the step 03:00 was missing, 'dated ..., NaT, ...'."""
    wall = pd.DatetimeIndex(["2025-03-30 00:00", "2025-03-30 01:00", "2025-03-30 02:00", "2025-03-30 04:00"])
    steps = pd.DatetimeIndex(["2025-03-30 00:00", "2025-03-30 01:00", "2025-03-30 03:00", "2025-03-30 04:00"])
    with pytest.raises(RnncastError, match=r"^time column 'time' holds 2025-03-30 02:00 \(row 2\), a time that does "
                                           r"not exist in Europe/Berlin: its clocks go forward from 02:00 to 03:00"):
        localize(wall, "Europe/Berlin", "time", _row, used=steps)
    placed = localize(wall, "Europe/Berlin", "time", _row, used=steps[:2])  # 02:00 after the last step: not used
    assert placed[:2].notna().all() and placed[2] is pd.NaT


def test_a_future_file_writing_the_repeated_hour_once_after_the_horizon_is_read(tmp_path, capsys, caplog):
    """A naive 48-hour range (02:00 written once, as pd.date_range writes it) was refused though the forecast ends
    before it: rows outside the forecast steps are not used."""
    data = berlin_wall_times("2024-10-20 00:00", 24 * 7 - 1, "h")  # ends 2024-10-26 22:00: steps 23:00 .. 01:00
    data["hour"] = pd.DatetimeIndex(data["time"]).hour.astype(float)
    data.to_csv(tmp_path / "load.csv", index=False)
    code, out, err = cli(capsys, "fit", tmp_path / "load.csv", "--target", "load", "--features", "hour",
                         "--future-known", "--tz", "Europe/Berlin", "--lookback", "12", "--horizon", "3", "--epochs",
                         "1", "--hidden-size", "8", "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    wall = pd.date_range("2024-10-26 23:00", periods=48, freq="h")
    pd.DataFrame({"time": wall.strftime("%Y-%m-%d %H:%M"), "hour": wall.hour.astype(float)}).to_csv(
        tmp_path / "week.csv", index=False)
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "load.csv", "--future", tmp_path / "week.csv")
    assert code == 0, err
    assert any("hold 45 rows outside the 3 forecast steps" in r.getMessage() for r in caplog.records)  # 02:00 too
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["2024-10-26 23:00", "2024-10-27 00:00",
                                                                     "2024-10-27 01:00"]
    model = Forecaster.load(tmp_path / "run" / "model")
    future = pd.DataFrame({"time": wall, "hour": wall.hour.astype(float)})
    assert len(model.predict(str(tmp_path / "load.csv"), future=future)) == 3  # inside the steps: refused as before


def test_a_future_table_on_the_spring_night_names_the_skipped_time_and_never_nat(tmp_path):
    """A future table writing 2025-03-30 02:00 (Berlin skips it) for the step 03:00 was told '... missing for
    series at 2025-03-30 03:00 ...; the future values ... are dated 2025-03-30 00:00, 2025-03-30 01:00, NaT, ...'."""
    data = berlin_wall_times("2025-03-23 00:00", 24 * 7 - 1, "h")  # ends 2025-03-29 22:00: steps 23:00 .. 03:00
    data["hour"] = pd.DatetimeIndex(data["time"]).hour.astype(float)
    data.to_csv(tmp_path / "load.csv", index=False)
    model = Forecaster(**{**TINY, "horizon": 4, "epochs": 1, "tz": "Europe/Berlin"}).fit(
        str(tmp_path / "load.csv"), target="load", future_covariates=["hour"])
    wall = pd.DatetimeIndex(["2025-03-29 23:00", "2025-03-30 00:00", "2025-03-30 01:00", "2025-03-30 02:00"])
    future = pd.DataFrame({"time": wall.strftime("%Y-%m-%d %H:%M"), "hour": wall.hour.astype(float)})
    with pytest.raises(RnncastError, match=r"^in the future values, time column 'time' holds 2025-03-30 02:00 "
                                           r"\(row 3\), a time that does not exist in Europe/Berlin"):
        model.predict(str(tmp_path / "load.csv"), future=future)
    cut = data.iloc[:-1]  # ends 21:00: steps 22:00 .. 01:00, the night's 02:00 after them, a row not used
    early = pd.DataFrame({"time": ["2025-03-30 02:00", "2025-03-29 22:00", "2025-03-29 23:00", "2025-03-30 01:00"],
                          "hour": [2.0, 22.0, 23.0, 1.0]})  # 00:00 missing
    with pytest.raises(RnncastError, match=r"missing for 2025-03-30 00:00 .* are dated 2025-03-30 02:00, "
                                           r"2025-03-29 22:00, 2025-03-29 23:00, \.\.\.; ") as err:
        model.predict(cut, future=early)
    assert "NaT" not in str(err.value)


def test_the_first_skipped_time_is_named_alike_among_the_steps_read_and_in_the_whole_column():
    """One check of the spring night's skipped times (decision 998) for both paths: among the steps read (after a
    row that exists, not read) and over the whole column, the first skipped time is the one named, by its row."""
    wall = pd.DatetimeIndex(["2025-03-30 00:00", "2025-03-30 00:30", "2025-03-30 01:00", "2025-03-30 02:30",
                             "2025-03-30 02:45", "2025-03-30 03:00"])
    first = r"^time column 'time' holds 2025-03-30 02:30 \(row 3\), a time that does not exist in Europe/Berlin"
    for used in (wall[[0, 2, 5]], None):
        with pytest.raises(RnncastError, match=first):
            localize(wall, "Europe/Berlin", "time", _row, used=used)
    assert localize(wall[:3], "Europe/Berlin", "time", _row, used=wall[[0, 2]]).notna().all()  # none skipped

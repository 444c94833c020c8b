"""The ETT borders a table takes under the ETT protocol (``bench/ettvariant.py``): the ETT table it holds, else
its time column's step (1 hour: ETTh's, 15 minutes: ETTm's), else an ETTh*/ETTm* name; anything else refused
naming the file given. Tiny synthetic tables, and ETTh1 cut, reordered or less a column (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import cli, ettvariant, results, tables
from rnncast.bench.tablefile import read_table
from rnncast.errors import RnncastError
from rnncast.windows import Split


def _stepped(path: Path, rows: int, freq: str, time: bool = True) -> Path:
    values = np.random.default_rng(0).normal(size=(rows, 2)).cumsum(axis=0)
    frame = pd.DataFrame({"a": values[:, 0], "OT": values[:, 1]})
    if time:
        frame.insert(0, "date", pd.date_range("2016-07-01", periods=rows, freq=freq).strftime("%Y-%m-%d %H:%M:%S"))
    frame.to_csv(path, index=False)
    return path


def test_the_time_columns_step_gives_the_hourly_or_the_15_minute_borders(tmp_path):
    hourly = tables.prepare_table(_stepped(tmp_path / "load.csv", 14400, "h"), "S", protocol="ett")
    assert (hourly.name, hourly.protocol, hourly.known, hourly.split) == ("load", "ett", None, Split(8640, 11520, 14400))
    quarter = tables.prepare_table(_stepped(tmp_path / "meter.csv.gz", 57600, "15min"), "S", protocol="ett")
    assert quarter.split == Split(34560, 46080, 57600)
    assert ettvariant.time_step(read_table(tmp_path / "load.csv")) == (pd.Timedelta(hours=1), "")  # from the one read


def test_unix_times_give_their_step_and_compact_dates_and_months_are_times_not_counts(tmp_path):
    """The step comes from the time column as the one read parses it: Unix times (seconds or milliseconds) step by
    their hours; compact dates (20200101 under ``date``) and months (194001 under ``month``) are daily and monthly
    times, refused as such, not as numbers that count rows."""
    values = np.random.default_rng(0).normal(size=(14400, 1)).cumsum(axis=0)[:, 0]
    for unit, scale in (("s", 1), ("ms", 1000)):
        path = tmp_path / f"unix_{unit}.csv"
        pd.DataFrame({"timestamp": (1_600_000_000 + 3600 * np.arange(14400)) * scale, "OT": values}).to_csv(
            path, index=False)
        assert tables.prepare_table(path, "S", protocol="ett").split == Split(8640, 11520, 14400)
    days = pd.date_range("2000-01-01", periods=100, freq="D")
    compact = tmp_path / "compact.csv"
    pd.DataFrame({"date": days.strftime("%Y%m%d").astype(int), "OT": values[:100]}).to_csv(compact, index=False)
    with pytest.raises(RnncastError, match="^compact cannot run .*, and its time column 'date' steps by 1 day; "):
        tables.prepare_table(compact, "S", protocol="ett")
    months = tmp_path / "months.csv"
    pd.DataFrame({"month": [194001 + 100 * (i // 12) + i % 12 for i in range(100)], "OT": values[:100]}).to_csv(
        months, index=False)
    with pytest.raises(RnncastError, match="^months cannot run .*, and its time column 'month' steps by 31 days; "):
        tables.prepare_table(months, "S", protocol="ett")
    steps = tmp_path / "steps.csv"
    pd.DataFrame({"step": np.arange(100), "OT": values[:100]}).to_csv(steps, index=False)
    with pytest.raises(RnncastError, match="^steps cannot run .*, and its time column 'step' holds no times"):
        tables.prepare_table(steps, "S", protocol="ett")


def test_another_step_or_too_few_rows_is_refused_naming_the_file(tmp_path):
    with pytest.raises(RnncastError, match=r"^half cannot run under the ETT protocol: it holds none of the ETT tables "
                                           r"known here, and its time column 'date' steps by 30 minutes; the ETT "
                                           r"borders are 12, 4 and 4 months"):
        tables.prepare_table(_stepped(tmp_path / "half.csv", 20000, "30min"), "S", protocol="ett")
    with pytest.raises(RnncastError, match=r"^short: 14399 data rows, the ETT split needs 14400 \(ETTh's borders, from "
                                           r"its time column's step of 1 hour\)"):
        tables.prepare_table(_stepped(tmp_path / "short.csv", 14399, "h"), "S", protocol="ett")
    with pytest.raises(RnncastError, match="^plain cannot run under the ETT protocol: .*, and it has no time column"):
        tables.prepare_table(_stepped(tmp_path / "plain.csv", 14400, "h", time=False), "S", protocol="ett")
    named = tables.prepare_table(_stepped(tmp_path / "ETTm2.csv", 57600, "h", time=False), "S", protocol="ett")
    assert named.split == Split(34560, 46080, 57600)  # no time column: the ETT name, as before


def test_the_step_in_words():
    assert [ettvariant.say_step(pd.Timedelta(s)) for s in ("1h", "15min", "1D", "7D", "90s")] == [
        "1 hour", "15 minutes", "1 day", "7 days", "0 days 00:01:30"]


def _real(folder: str, name: str) -> Path:
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / folder / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def test_etth1_changed_runs_under_the_ett_borders_asked_for_and_a_daily_table_is_refused(tmp_path, capsys):
    """ETTh1 less a column, with its columns reordered, or cut to its first 14400 rows: ETTh's borders from the
    hourly step, said, under whatever name; a renamed Exchange (daily) is refused naming the file given."""
    frame = pd.read_csv(_real("ETT", "ETTh1.csv"))
    variants = {"ETTh1_drop": frame.drop(columns=["HULL"]), "ETTh1_order": frame[["date", *frame.columns[:0:-1]]],
                "ETTh1_cut": frame.iloc[:14400]}
    for name, variant in variants.items():
        variant.to_csv(tmp_path / f"{name}.csv", index=False)
        data = tables.prepare_table(tmp_path / f"{name}.csv", "S", protocol="ett")
        assert (data.name, data.known, data.split) == (name, None, Split(8640, 11520, 14400))
    out = tmp_path / "out"
    assert cli.main(["ltsf", "--data", str(tmp_path / "ETTh1_drop.csv"), "--protocol", "ett", "--models", "repeat",
                     "--horizons", "96", "--no-plots", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "ETTh1_drop runs under the ETT protocol as asked, with ETTh's hourly borders, from its time column's step of " \
           "1 hour\n" in printed
    (row,) = results.read_csv(out / "results.csv")
    assert (row["dataset"], row["protocol"], row["known_table"]) == ("ETTh1_drop", "ett", "no")
    (tmp_path / "rates.csv").symlink_to(_real("LTSF", "exchange_rate.csv"))
    with pytest.raises(RnncastError, match="^rates cannot run under the ETT protocol: .* its time column 'date' steps "
                                           "by 1 day"):
        tables.prepare_table(tmp_path / "rates.csv", "M", protocol="ett")

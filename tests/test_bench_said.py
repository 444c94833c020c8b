"""The lines a bench run says about what it read and how it runs it (rnncast.bench.said)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import said
from rnncast.bench.said import ahead
from test_bench_cli import _small_table


def test_one_value_column_is_said_in_the_singular(tmp_path):
    from rnncast.bench.tables import prepare_table

    line = said.describe(prepare_table(_small_table(tmp_path), "S"))
    assert line.endswith("time column 'date', 1 value column, target 'OT' (the OT column, as in the LTSF files)")


def test_the_run_says_why_the_target_is_the_target_and_that_m_scores_every_column(tmp_path):
    """The run said `target 'CO2 (ppm)'`, not that it was taken as the last column for want of an OT column, and in
    M named a target though M scores every column."""
    from rnncast.bench.tables import prepare_table

    path = tmp_path / "own.csv"
    pd.read_csv(_small_table(tmp_path)).rename(columns={"OT": "CO2 (ppm)"}).assign(b=np.arange(300.0)).to_csv(path, index=False)
    assert said.describe(prepare_table(path, "S")).endswith(
        "time column 'date', 2 value columns, target 'b' (the last column, as the file has no OT column)")
    assert said.describe(prepare_table(path, "MS", "CO2 (ppm)"), given=True).endswith(
        "2 value columns, target 'CO2 (ppm)' (named by --target)")
    assert said.describe(prepare_table(path, "M")).endswith(
        "2 value columns, every one forecast and scored in M; target 'b' (the last column, as the file has no OT "
        "column) names only the column the forecast plots draw")


def test_ot_in_another_case_is_said_to_be_ot(tmp_path):
    from rnncast.bench.tables import prepare_table

    path = tmp_path / "own.csv"
    pd.read_csv(_small_table(tmp_path)).rename(columns={"OT": "ot"}).assign(extra=np.arange(300.0)).to_csv(path, index=False)
    assert said.describe(prepare_table(path, "S")).endswith("target 'ot' (the OT column, written 'ot', as in the LTSF files)")


@pytest.mark.parametrize("freq, horizons, said", [
    ("MS", [96, 192], " (at a step of 1 month: 96 steps are 8 years ahead, 192 16 years)"),
    ("h", [96, 192, 336, 720], " (at a step of 1 hour: 96 steps are 4 days ahead, 192 8 days, 336 2 weeks, 720 1 month)"),
    ("10min", [96, 720], " (at a step of 10 minutes: 96 steps are 16 hours ahead, 720 5 days)"),
    ("B", [96, 192], " (at a step of 1 business day: 96 steps are 4.4 months ahead, 192 9 months)"),
    ("W-SUN", [52], " (at a step of 1 week: 52 steps are 1 year ahead)"),
])
def test_the_horizons_are_said_in_time_at_the_tables_step(freq, horizons, said):
    """A monthly table ran at the papers' hourly horizons 96 and 192 with nothing saying they reach 8 and 16 years;
    a business-day one said 96 steps were 3.2 months ahead (96 days) where they reach 19 weeks, 4.4 months."""
    assert ahead(pd.date_range("2000-01-03", periods=1000, freq=freq), horizons) == said
    assert ahead(None, horizons) == ""  # a table of integer steps: nothing to say


def test_a_trading_sessions_horizon_is_counted_on_its_sessions():
    """Hourly bars 09:00-16:00 on business days: 96 steps said "4 days ahead" (96 hours); they are 12 sessions,
    16 calendar days over two weekends, and the step is a bar of the session, not any hour."""
    days = pd.bdate_range("2022-01-03", periods=400)
    times = pd.DatetimeIndex([d + pd.Timedelta(hours=k) for d in days for k in range(9, 17)])
    assert ahead(times, [96]) == " (at a step of 1 bar of 1 hour in the session 'h 09:00-16:00': 96 steps are 2.3 weeks ahead)"


def test_a_horizon_longer_than_the_table_is_its_span_scaled():
    """No row lies H after another: the table's whole span, scaled to H steps (50 business days: 10 weeks)."""
    assert ahead(pd.bdate_range("2000-01-03", periods=51), [50, 100]) == (
        " (at a step of 1 business day: 50 steps are 2.3 months ahead, 100 4.6 months)")


def test_the_table_read_keeps_its_times_for_the_line(tmp_path):
    """The line is made from the times bench read (``BenchData.times``), business days as written."""
    from rnncast.bench.tables import prepare_table

    path = tmp_path / "fx.csv"
    days = pd.bdate_range("2010-01-04", periods=600)
    pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "OT": np.random.default_rng(0).normal(size=600).cumsum()}).to_csv(
        path, index=False)
    assert ahead(prepare_table(path, "S").times, [96]) == " (at a step of 1 business day: 96 steps are 4.4 months ahead)"

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
])
def test_the_horizons_are_said_in_time_at_the_tables_step(freq, horizons, said):
    """A monthly table ran at the papers' hourly horizons 96 and 192 with nothing saying they reach 8 and 16 years."""
    assert ahead(pd.Series(pd.date_range("2000-01-01", periods=50, freq=freq)).diff().median(), horizons) == said
    assert ahead(None, horizons) == ""  # a table of integer steps: nothing to say

"""Cells read as missing from a code of ``missing_values`` refused without a fill (``codedrefusal.py``): late rows
written 'M' or -999 lead, as the blank ones do in ``fills`` (decision 1721); the other cells keep their place."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def counts(tmp_path, late: str = "M", other: dict | None = None):
    """Weekly counts of regions A .. D written to a file, D's last two weeks ``late`` (t34t5's lateM.csv), the cells
    of ``other`` ({row: text}) written so too."""
    rng = np.random.default_rng(0)
    weeks = pd.date_range("2022-01-02", periods=20, freq="W-SUN").strftime("%Y-%m-%d")
    frame = pd.concat([pd.DataFrame({"week": weeks, "region": r, "cases": rng.poisson(500, 20).astype(object)})
                       for r in "ABCD"], ignore_index=True)
    frame.loc[[78, 79], "cases"] = late
    for row, text in (other or {}).items():
        frame.loc[row, "cases"] = text
    frame.to_csv(tmp_path / "late.csv", index=False)
    return tmp_path / "late.csv"


def test_a_late_report_written_m_gets_the_late_rows_advice_not_the_fill_advice(tmp_path):
    """t34t5 MED 4: "column 'cases' holds 'M' at line 480 ... fill them with --fill ffill|interpolate|zero|drop",
    while the same rows left blank were named as not yet reported (decision 1609)."""
    with pytest.raises(RnncastError) as info:
        load_panel(counts(tmp_path), target="cases", id_col="region", missing_values="M")
    said = str(info.value)
    assert said.startswith("the last 2 rows of series 'D' (2022-05-08 to 2022-05-15, lines 80-81 of late.csv) have a "
                           "date but no value of 'cases' (they hold 'M', which missing_values (--missing-values) reads "
                           "as missing), after its last value while other series go on to 2022-05-15: not yet "
                           "reported? Filled, they would be made-up latest values")
    assert said.endswith("e.g. with pandas: df = df[~df['cases'].isin(['M'])]") and "--fill" not in said


def test_other_coded_cells_are_located_after_the_late_rows(tmp_path):
    with pytest.raises(RnncastError) as info:
        load_panel(counts(tmp_path, "-999", {5: "M"}), target="cases", id_col="region", missing_values="-999,M")
    said = str(info.value)
    assert said.startswith("the last 2 rows of series 'D' ") and "(they hold -999, which missing_values" in said
    assert "; for the other missing value: column 'cases' holds 'M' at line 7 of late.csv dated 2022-02-06 (1 cell of " \
           "-999,M in all), which missing_values (--missing-values) reads as missing; fill them with --fill" in said
    assert "own last value, e.g. with pandas: df = df[~df['cases'].isin([-999])]; for the other" in said  # it drops
    # the late rows alone: given beside the other cells' refusal (decision 1824)


def test_a_blank_cell_beside_late_codes_is_located_as_the_other_missing_value(tmp_path):
    with pytest.raises(RnncastError) as info:
        load_panel(counts(tmp_path, "M", {25: ""}), target="cases", id_col="region", missing_values="M")
    said = str(info.value)
    assert said.startswith("the last 2 rows of series 'D' ")
    assert "; for the other missing value: column 'cases' of series 'B' has a missing value (NaN) at line 27 of " \
           "late.csv dated 2022-02-06; fill them with --fill" in said


def test_codes_without_late_rows_are_refused_by_place_as_before(tmp_path):
    with pytest.raises(RnncastError, match=r"^column 'cases' holds 'M' at line 7 of late.csv dated 2022-02-06 \(3 "
                                           r"cells of M in all\), which missing_values"):
        load_panel(counts(tmp_path, "1", {5: "M", 78: "M", 65: "M"}), target="cases", id_col="region",
                   missing_values="M")
    panel = load_panel(counts(tmp_path), target="cases", id_col="region", missing_values="M", fill="zero")
    assert panel.values[-1, 0] == 0.0  # a fill asked for is kept (latereports warns of it)


def _wide(tmp_path, cells: dict):
    """Daily discharge of stations A_Rhein, C_Bach beside rain, the ``cells`` ({(row, column): value}) written so."""
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({"date": pd.date_range("2019-01-01", periods=60).strftime("%Y-%m-%d"),
                          "A_Rhein": rng.gamma(5, 20, 60).round(2), "C_Bach": rng.gamma(2, 1, 60).round(3),
                          "rain": rng.gamma(1, 2, 60).round(1)}).astype({"rain": object})
    for (row, column), value in cells.items():
        frame.loc[row, column] = value
    frame.to_csv(tmp_path / "wide.csv", index=False)
    return tmp_path / "wide.csv"


def test_a_wide_tables_code_is_refused_by_its_own_column_first_in_the_file_and_counted_as_it_holds_them(tmp_path):
    """Decision 1793 (t35t2 M1): "column 'y' holds -999 at line 202" named the inner column every series is read into,
    the later of two -999s (series are read one after another), and counted a covariate's cell once per series."""
    path = _wide(tmp_path, {(30, "A_Rhein"): -999, (10, "C_Bach"): -999, (40, "rain"): -999})
    with pytest.raises(RnncastError) as info:
        load_panel(path, series=["A_Rhein", "C_Bach"], past_covariates=["rain"], missing_values="-999")
    assert str(info.value).startswith("column 'C_Bach' holds -999 at line 12 of wide.csv dated 2019-01-11 (3 cells "
                                      "of -999 in all), which missing_values (--missing-values) reads as missing; ")
    path = _wide(tmp_path, {(40, "rain"): "M"})
    with pytest.raises(RnncastError, match=r"^column 'rain' holds 'M' at line 42 of wide.csv dated 2019-02-10 \(1 cell "):
        load_panel(path, series=["A_Rhein", "C_Bach"], past_covariates=["rain"], missing_values="M")

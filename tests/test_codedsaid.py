"""What fit says of the codes of ``missing_values`` (``codedsaid.py``): cells read as missing counted by the table's
own columns (a wide table's series by their columns, decision 1793), and a code found only in an unused column
pointed to, with the pandas line that blanks the target on its rows (decision 1797)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.loading import load_panel


def _said(caplog, level=logging.INFO) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level and r.name == "rnncast.missingcodes"]


def _wide(tmp_path):
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({"date": pd.date_range("2019-01-01", periods=60).strftime("%Y-%m-%d"),
                          "A_Rhein": rng.gamma(5, 20, 60).round(2), "C_Bach": rng.gamma(2, 1, 60).round(3),
                          "B_Mosel": rng.gamma(4, 10, 60).round(2), "rain": rng.gamma(1, 2, 60).round(1)})
    frame.loc[[5, 9], "A_Rhein"], frame.loc[3, "C_Bach"], frame.loc[7, "rain"], frame.loc[8, "B_Mosel"] = -999, -999, -999, -999
    frame.to_csv(tmp_path / "wide.csv", index=False)
    return tmp_path / "wide.csv"


def test_a_wide_tables_cells_read_as_missing_are_counted_by_its_own_columns(tmp_path, caplog):
    """t35t2 M1: "-999 read as missing: 2 cells (2 in 'y')"; rain, every series' covariate, counted once a row."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(_wide(tmp_path), series=["A_Rhein", "C_Bach"], past_covariates=["rain"], missing_values="-999",
                   fill="interpolate")
    assert _said(caplog) == ["-999 read as missing: 4 cells (2 in 'A_Rhein', 1 in 'C_Bach', 1 in 'rain')"]


def test_a_text_code_only_in_an_unused_flag_column_is_pointed_to_with_the_line_that_blanks_the_target(tmp_path, caplog):
    """t35t2 L3: --missing-values ICE "matched no value ... ('discharge')" while 'qualifier' held ICE in 38 rows."""
    frame = pd.DataFrame({"date": pd.date_range("2019-01-01", periods=40).strftime("%Y-%m-%d"),
                          "discharge": np.linspace(30, 70, 40).round(2), "qualifier": [""] * 40})
    frame.loc[[3, 4, 5], "qualifier"], frame.loc[9, "qualifier"] = "ICE", "Eqp"
    frame.to_csv(tmp_path / "b.csv", index=False)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(tmp_path / "b.csv", target="discharge", missing_values="ICE", fill="interpolate")
    assert _said(caplog, logging.WARNING) == [
        "missing_values (--missing-values) ICE matched no value of the target or covariate columns ('discharge'): "
        "nothing was read as missing; 'ICE' is in column 'qualifier' (3 rows), which is not used: to blank "
        "'discharge' on those rows, e.g. with pandas: df.loc[df['qualifier'] == 'ICE', 'discharge'] = None"]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(tmp_path / "b.csv", target="discharge", missing_values="ICE,Eqp", fill="interpolate")
    assert "'ICE', 'Eqp' are in column 'qualifier' (4 rows), which is not used: to blank 'discharge' on those rows, " \
        "e.g. with pandas: df.loc[df['qualifier'].isin(['ICE', 'Eqp']), 'discharge'] = None" in _said(caplog, logging.WARNING)[0]


def test_a_number_only_in_an_unused_column_of_numbers_is_named_without_blanking_advice(tmp_path, caplog):
    """A -999 of a station not forecast is its own value, no flag of the series' rows: said where, no pandas line."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(_wide(tmp_path), series=["C_Bach"], missing_values="-9999", fill="interpolate")
        load_panel(_wide(tmp_path), series=["A_Rhein"], missing_values="-999", fill="interpolate")
    assert _said(caplog, logging.WARNING) == [  # held nowhere: nothing more said; A_Rhein's own -999s were read
        "missing_values (--missing-values) -9999 matched no value of the target or covariate columns ('C_Bach'): "
        "nothing was read as missing"]
    caplog.clear()
    frame = pd.read_csv(_wide(tmp_path)).assign(A_Rhein=lambda f: f.A_Rhein.abs(), C_Bach=lambda f: f.C_Bach.abs())
    frame.to_csv(tmp_path / "w2.csv", index=False)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(tmp_path / "w2.csv", series=["A_Rhein", "C_Bach"], missing_values="-999", fill="interpolate")
    assert _said(caplog, logging.WARNING) == [
        "missing_values (--missing-values) -999 matched no value of the target or covariate columns ('A_Rhein', "
        "'C_Bach'): nothing was read as missing; -999 is in column 'B_Mosel' (1 row) (and in 'rain'), which is not used"]

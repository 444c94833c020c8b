"""Missing-value codes in a benchmark table (rnncast.bench.codes): --set missing_values read as missing cells, and
code-like values warned of as fit warns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import codes, tablefile, tables
from rnncast.errors import RnncastError


def _weekly(tmp_path, code_in: str = "sales") -> str:
    """400 weeks of visits, promo and sales near 500, three -999 in ``code_in`` (rows 100, 150, 360: one a test row)."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2015-01-04", periods=400, freq="W-SUN").strftime("%Y-%m-%d"),
                          "visits": 1000 + rng.normal(0, 30, 400), "promo": (rng.random(400) < 0.2).astype(float),
                          "sales": 500 + rng.normal(0, 20, 400)})
    frame.loc[[100, 150, 360], code_in] = -999
    path = tmp_path / "sentinel.csv"
    frame.to_csv(path, index=False)
    return str(path)


def test_the_codes_given_are_read_as_missing_cells_and_refused_as_blank_ones_are(tmp_path):
    """--set missing_values=-999 was taken, recorded and changed nothing: Repeat scored 4.1066 with the -999s read as
    sales, 1.9483 without them. Now they are missing cells, which the protocol refuses, naming them."""
    with pytest.raises(RnncastError, match=r"--set missing_values=-999 read 3 cells as missing \(3 in 'sales'\); "
                                           r"column 'sales' has 3 missing values \(first at line 102 of sentinel.csv\)"):
        tablefile.read_table(_weekly(tmp_path), None, "MS", "-999")
    s = tablefile.read_table(_weekly(tmp_path), "visits", "S", "-999")  # S reads the target alone: 'sales' left out
    assert s.columns == ["visits", "promo"] and s.notes[0] == "--set missing_values=-999 read 3 cells as missing (3 in 'sales')"
    assert "'sales' (3 missing values, first at line 102" in s.notes[1]
    with pytest.raises(RnncastError, match=r"read 3 cells as missing \(3 in 'sales'\); 9999 matched no value; column "
                                           r"'sales' has 3 missing values \(first at line 102 of sentinel.csv\)"):
        tablefile.read_table(_weekly(tmp_path), None, "MS", "-999,9999")  # the warning and the refusal: one place
    none = tablefile.read_table(_weekly(tmp_path), None, "M", "-998")
    assert none.notes == ("--set missing_values=-998 matched no value of the value columns ('visits', 'promo', 'sales'): "
                          "nothing was read as missing",) and (none.values == -999).sum() == 3


def test_blank_reads_each_code_in_numeric_columns_only():
    frame = pd.DataFrame({"a": [1.0, -999.0, 9999.0], "b": ["x", "-999", "y"]})
    blanked, said = codes.blank(frame, "-999,9999")
    assert blanked["a"].isna().tolist() == [False, True, True] and blanked["b"].tolist() == ["x", "-999", "y"]
    assert said == "--set missing_values=-999,9999 read 2 cells as missing (2 in 'a')"
    blanked, said = codes.blank(frame, "-999,9999,-9999")  # a code no cell holds is said, as fit says it
    assert said == "--set missing_values=-999,9999,-9999 read 2 cells as missing (2 in 'a'); -9999 matched no value"
    assert codes.blank(frame, None) == (frame, "")


@pytest.mark.parametrize("mode, target, warned", [("M", None, True), ("MS", None, True), ("S", None, True),
                                                  ("S", "visits", False), ("MS", "visits", True)])
def test_code_like_values_the_mode_reads_are_warned_of_as_fit_does(tmp_path, caplog, mode, target, warned):
    """bench trained on the -999s and scored against them without a word; fit warns of them."""
    table = tablefile.read_table(_weekly(tmp_path), target, mode)
    with caplog.at_level("WARNING", logger="rnncast"):
        codes.warn(table, mode, tables.custom_split(400))
    said = [r.getMessage() for r in caplog.records]
    assert bool(said) is warned
    if warned:
        scored = " and scores 1 test row against it" if mode == "M" or target is None else ""  # the target's
        assert said[0].startswith("column 'sales' holds -999 in 3 rows (first at '2016-12-04' (line 102 of "
                                  "sentinel.csv)), the way "
                                  "files write a missing value") and f"trains on it{scored}; if it means" in said[0]
        assert "--set missing_values=-999 reads those cells as missing" in said[0]


def test_the_advice_keeps_the_codes_already_given(tmp_path, caplog):
    """Was: "--set missing_values=-999" where 9999 had been given, so following it warned of 9999 again."""
    table = tablefile.read_table(_weekly(tmp_path), None, "M")
    with caplog.at_level("WARNING", logger="rnncast"):
        codes.warn(table, "M", tables.custom_split(400), "9999")
    assert "--set 'missing_values=9999, -999' reads those cells as missing" in caplog.text  # never '9999,-999'


def test_a_clean_table_is_not_warned_of(tmp_path, caplog):
    path = tmp_path / "clean.csv"
    pd.DataFrame({"date": pd.date_range("2015-01-04", periods=100, freq="D").strftime("%Y-%m-%d"),
                  "OT": 990 + np.arange(100.0) % 20}).to_csv(path, index=False)  # 999 among values near 1000: real
    with caplog.at_level("WARNING", logger="rnncast"):
        codes.warn(tablefile.read_table(path, None, "S"), "S", tables.custom_split(100))
    assert not caplog.records


def test_a_text_code_is_read_as_missing_as_fit_reads_it_and_counted(tmp_path):
    """rf33r2 2 (decision 1686): --set missing_values=-9999,M dropped the 'M' without a word (its cells then refused as
    text), and 'M' alone read nothing and said nothing, while the warning advised giving 'M'. The bench reads it as
    fit does now: the whole cell, stripped, in any value column, counted beside the numbers."""
    path = tmp_path / "noaa.csv"
    frame = pd.DataFrame({"date": pd.date_range("2015-01-04", periods=60, freq="D").strftime("%Y-%m-%d"),
                          "TMIN": (np.arange(60.0) % 7).astype(str), "OT": np.arange(60.0)})
    frame.loc[[5, 9], "TMIN"] = ["M", " M "]
    frame.loc[3, "OT"] = -9999
    frame.to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"--set missing_values=-9999,M read 3 cells as missing \(2 in 'TMIN', 1 in "
                                           r"'OT'\); column 'TMIN' has 2 missing values \(first at line 7 of noaa.csv\)"):
        tablefile.read_table(path, None, "M", "-9999,M")
    s = tablefile.read_table(path, None, "S", "M,X")  # 'OT' alone: 'TMIN' left out, its cells said
    assert s.notes[0] == "--set missing_values=M,X read 2 cells as missing (2 in 'TMIN'); X matched no value"
    blanked, said = codes.blank(pd.DataFrame({"a": ["1", "m", "M"]}), "M")  # case as given: 'm' is text, refused later
    assert blanked["a"].tolist()[:2] == ["1", "m"] and pd.isna(blanked["a"].iloc[2]) and "1 cell" in said

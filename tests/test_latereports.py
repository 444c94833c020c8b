"""Late reporting (``latereports.py``, decision 1609): the last rows of some series blank while the others go on are
named as not yet reported, with the advice the all-series case gets (the data without them), never just "fill them"."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def surveillance(late=("C", "D"), rows: int = 20, behind: int = 3) -> pd.DataFrame:
    """Weekly counts (Saturdays) of regions A .. D; the regions in ``late`` have their last ``behind`` weeks blank."""
    rng = np.random.default_rng(0)
    weeks = pd.date_range("2022-01-01", periods=rows, freq="W-SAT").strftime("%Y-%m-%d")
    frames = []
    for region in "ABCD":
        cases = rng.poisson(500, rows).astype(float)
        if region in late:
            cases[-behind:] = np.nan
        frames.append(pd.DataFrame({"week_ending": weeks, "region": region, "cases": cases}))
    return pd.concat(frames, ignore_index=True)


def test_blank_last_weeks_of_some_regions_are_named_as_not_yet_reported(tmp_path):
    """t33t1: 'has a missing value (NaN) at line 6671 ...; fill them with --fill ffill|interpolate|zero|drop', and
    zero made R16's forecast 35 in mid-season."""
    surveillance().to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases", id_col="region")
    message = str(info.value)
    assert message.startswith("the last 3 rows of series 'C' (2022-04-30 to 2022-05-14, lines 59-61 of ili.csv) and "
                              "of 1 more series ('D') have a date but no value of 'cases', after each series' own last "
                              "value while other series go on to 2022-05-14: not yet reported? Filled, they would be "
                              "made-up latest values")
    assert "give the data without those 6 rows, so each series is trained on and forecast from its own last value, " \
           "e.g. with pandas: df = df.dropna(subset=['cases'])" in message
    assert "--fill" not in message


def test_the_data_without_them_reads_and_each_series_ends_at_its_last_value(tmp_path):
    frame = surveillance().dropna(subset=["cases"])
    panel = load_panel(frame, target="cases", id_col="region", time_col="week_ending")
    assert [int(panel.offsets[s + 1] - panel.offsets[s]) for s in range(4)] == [20, 20, 17, 17]


def test_other_missing_values_keep_the_fill_advice_beside_the_late_rows(tmp_path):
    """The late rows lead, then the first other missing value is located (decision 1636)."""
    frame = surveillance(late=("D",))
    frame.loc[3, "cases"] = np.nan  # a week inside A
    frame.to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases", id_col="region")
    message = str(info.value)
    assert message.startswith("the last 3 rows of series 'D' (2022-04-30 to 2022-05-14, lines 79-81 of ili.csv) have a "
                              "date but no value of 'cases', after its last value while other series go on to "
                              "2022-05-14: not yet reported? Filled, they would")  # a sentence (decision 1824)
    assert "; for the other missing value: column 'cases' of series 'A' has a missing value (NaN) at line 5 of " \
           "ili.csv" in message
    assert message.endswith("; fill it with --fill ffill|interpolate|zero|drop (fill= in Python)")


def test_a_late_series_before_the_other_missing_values_is_not_named_as_the_missing_value(tmp_path):
    """r33r1 4: A late and two blanks in C read "series 'A' has a missing value ... (5 missing in all)", then "for
    the other 2 missing values", and C's were never located (decision 1636)."""
    frame = surveillance(late=("A",))
    frame.loc[[45, 47], "cases"] = np.nan  # two weeks inside C
    frame.to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases", id_col="region")
    message = str(info.value)
    assert message.startswith("the last 3 rows of series 'A' ")
    assert "; for the other 2 missing values: column 'cases' of series 'C' has a missing value (NaN) at line 47 of " \
           "ili.csv" in message and "(2 missing in all); fill them with --fill" in message
    assert "series 'A' has a missing value" not in message


def test_zero_fill_names_the_last_rows_it_zeroes(tmp_path, caplog):
    surveillance().to_csv(tmp_path / "ili.csv", index=False)
    with caplog.at_level(logging.WARNING):
        panel = load_panel(tmp_path / "ili.csv", target="cases", id_col="region", fill="zero")
    assert panel.values[-1, 0] == 0.0  # kept: the fill was asked for
    said = [r.getMessage() for r in caplog.records if "Fill 'zero' writes 0 in them" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("the last 3 rows of series 'C' (2022-04-30 to 2022-05-14")
    assert "0s nobody reported" in said[0] and "give the data without those rows" in said[0]


def test_every_region_blank_at_the_end_is_still_refused_as_the_weeks_to_come(tmp_path):
    surveillance(late="ABCD").to_csv(tmp_path / "ili.csv", index=False)
    for fill in (None, "zero"):
        with pytest.raises(RnncastError, match="after the last value of every series: rows for the weeks to come"):
            load_panel(tmp_path / "ili.csv", target="cases", id_col="region", fill=fill)


def test_blank_rows_after_the_panel_s_last_value_are_left_to_the_all_series_refusal():
    from rnncast.latereports import tails

    days = pd.date_range("2022-01-01", periods=4, freq="D")
    time = pd.DatetimeIndex(list(days[:3]) + list(days))  # A: 3 days; B: 4, its 4th blank after A's last value too
    values = np.array([[1.0], [2.0], [3.0], [1.0], [2.0], [3.0], [np.nan]])
    offsets = np.array([0, 3, 7])
    assert tails(values, time, np.arange(7), offsets, 1) == ([], pd.Timestamp("2022-01-03"))
    values[5, 0] = np.nan  # B's 3rd day blank too: A goes on to it, so B's last 2 rows are late
    assert tails(values, time, np.arange(7), offsets, 1)[0] == [(1, 5, 7)]
    assert tails(values, None, np.arange(7), offsets, 1) == ([], None)


def test_late_rows_partly_written_with_a_code_are_named_with_it_and_left_out_by_both(tmp_path):
    """Decision 1721: late rows read as missing from 'M' (``coded``) say so, and the pandas line drops both forms."""
    frame = surveillance(late=("D",)).astype({"cases": object})
    frame.loc[78, "cases"] = "M"  # D's last three rows: blank, 'M', blank
    frame.to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases", id_col="region", missing_values="M")
    said = str(info.value)
    assert "have a date but no value of 'cases' (some hold 'M', which missing_values (--missing-values) reads as " \
           "missing), after its last value" in said
    assert said.endswith("e.g. with pandas: df = df[~df['cases'].isin(['M'])].dropna(subset=['cases'])")


def test_coded_late_rows_beside_another_missing_value_keep_their_pandas_line_where_it_drops_them_alone(tmp_path):
    """t35t1 L2: late rows of -9999 beside an 'M' inside another series read "not yet reported? filled, ..." (lower
    case) and dropped the pandas line given where they stand alone; it is kept where it leaves out those rows alone,
    not where the same code or a blank stands elsewhere too (decision 1824)."""
    frame = surveillance(late=("D",)).astype({"cases": object})
    frame.loc[77:79, "cases"] = -9999  # D's last three rows
    frame.loc[3, "cases"] = "M"  # a week inside A
    frame.to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases", id_col="region", missing_values="-9999,M")
    said = str(info.value)
    assert "not yet reported? Filled, they would" in said
    assert "own last value, e.g. with pandas: df = df[~df['cases'].isin([-9999])]; for the other missing value: " \
           "column 'cases' holds 'M' at line 5 of ili.csv" in said
    frame.loc[3, "cases"] = -9999  # the same code inside A: the line would drop that week too
    frame.to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases", id_col="region", missing_values="-9999,M")
    assert "e.g. with pandas" not in str(info.value) and "not yet reported? Filled" in str(info.value)

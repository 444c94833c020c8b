"""Target columns of one series that start late or end early (``raggedtargets.py``, decision 1988): a pivoted panel
fitted with target= is told which columns end (start) when and offered series= or the long table, not a fill."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.raggedtargets import refusal


def _wide() -> pd.DataFrame:
    """Stores A, B and C pivoted, ending 2024-07-11, 2024-07-31 and 2024-08-20 (t37t4's f2.py)."""
    rng = np.random.default_rng(0)
    long = pd.concat([pd.DataFrame({"store": s, "date": pd.date_range("2024-01-01", periods=n, freq="D"),
                                    "sales": 50 + rng.normal(0, 1, n)})
                      for s, n in [("A", 193), ("B", 213), ("C", 233)]], ignore_index=True)
    return long.pivot(index="date", columns="store", values="sales")


def test_a_pivoted_panel_of_ragged_ends_is_told_its_columns_ends_and_series_or_the_long_table():
    wide = _wide()
    with pytest.raises(RnncastError) as refused:
        load_panel(wide, target=["A", "B", "C"], announce=False)
    said = str(refused.value)
    assert said.startswith("target columns 'A' and 'B' end on 2024-07-11 and 2024-07-31 (their last 40 and 20 rows "
                           "blank) while 'C' runs from 2024-01-01 to 2024-08-20: ")
    assert "fit with series=['A', 'B', 'C'] (--series A,B,C) in place of target=" in said
    assert said.endswith("long = df.melt(ignore_index=False, var_name='series').dropna(), with target='value', "
                         "id_col='series'")
    long = wide.melt(ignore_index=False, var_name="series").dropna()  # the line offered reads
    assert load_panel(long, target="value", id_col="series", announce=False).lengths.tolist() == [193, 213, 233]


def test_a_late_start_is_named_and_other_blanks_keep_the_fill_refusal():
    wide = _wide()
    wide.iloc[:30, 2] = np.nan
    with pytest.raises(RnncastError, match=r"and 'C' starts on 2024-01-31 \(its first 30 rows blank\) while the table "
                                           r"runs from 2024-01-01 to 2024-08-20: .* remove the 70 rows where one is"):
        load_panel(wide, target=["A", "B", "C"], announce=False)
    full = _wide().dropna()
    full.iloc[100, 2] = np.nan  # a blank inside a column's span, no ragged end: the fill refusal
    with pytest.raises(RnncastError, match="column 'C' has a missing value"):
        load_panel(full, target=["A", "B", "C"], announce=False)


def test_a_blank_inside_a_span_keeps_the_ragged_refusal_and_is_named_apart_with_its_line(tmp_path):
    wide = _wide()  # t38t1 4: one blank in B brought back "fill them with --fill ffill", which invents A's 40 days
    wide.iloc[50, 1] = np.nan
    wide.to_csv(tmp_path / "wide2.csv")
    with pytest.raises(RnncastError) as refused:
        load_panel(tmp_path / "wide2.csv", target=["A", "B", "C"], announce=False)
    said = str(refused.value)
    assert said.startswith("target columns 'A' and 'B' end on 2024-07-11 and 2024-07-31 (their last 40 and 20 rows "
                           "blank) while 'C' runs from 2024-01-01 to 2024-08-20: ") and "fill them" not in said
    assert ("in place of target=, each read over its own rows, and fill the blank inside the span of 'B' (line 52 of "
            "wide2.csv) with fill= (--fill ffill|interpolate|zero), which then fills that one alone; or") in said
    wide.iloc[[60, 70], 0] = np.nan
    with pytest.raises(RnncastError, match=r"fill the 3 blanks inside the columns' spans \('B' at row 50, 'A' at row "
                                           r"60 and 'A' at row 70\) with fill="):
        load_panel(wide.reset_index(), target=["A", "B", "C"], announce=False)
    panel = load_panel(tmp_path / "wide2.csv", series=["A", "B", "C"], fill="interpolate", announce=False)
    assert panel.lengths.tolist() == [193, 213, 233]  # the way offered: the one blank filled, no end made up


def test_the_refusal_is_for_target_columns_only_and_a_table_with_its_time_as_a_column_is_told_in_words():
    values = np.array([[1.0, 1.0, 5.0], [2.0, 2.0, 5.0], [np.nan, 3.0, 5.0]])
    time = pd.date_range("2024-01-01", periods=3)
    given = {"given": {"kind": "table", "labels": {"date": "date", "a": "a", "b": "b", "p": "p"}}}
    said = refusal(values, time, ["a", "b", "p"], 2, given, None)
    assert said.startswith("target column 'a' ends on 2024-01-02 (its last 1 row blank) while 'b' runs") and \
        said.endswith("; or the table in long format (one row per series and time), with id_col= (--id-col)")
    assert refusal(values, time, ["a", "b", "p"], 1, given, None) is None  # one target
    assert refusal(values[:, [2, 1, 0]], time, ["p", "b", "a"], 2, given, None) is None  # a covariate's blank
    assert refusal(values, None, ["a", "b", "p"], 2, given, None) is None  # no time


def test_predict_says_refit_where_the_rows_it_reads_hold_such_blanks_and_forecasts_over_a_late_start_before_them():
    from conftest import TINY
    from rnncast import Forecaster

    full = _wide().dropna()
    model = Forecaster(**TINY).fit(full, target=["A", "B", "C"])
    late = full.copy()
    late.iloc[:30, 2] = np.nan  # before the 12 rows predict reads: left out (decision 1986)
    assert model.predict(late).equals(model.predict(full.iloc[30:]))
    ended = full.copy()
    ended.iloc[-5:, 0] = np.nan
    with pytest.raises(RnncastError, match=r"target column 'A' ends on 2024-07-06 \(its last 5 rows blank\) .* refit "
                                           r"with series=\['A', 'B', 'C'\] \(--series A,B,C\) in place of target="):
        model.predict(ended)

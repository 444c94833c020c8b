"""A first column of row numbers as pandas' ``to_csv`` writes a frame's index (``rowindex.py``): left out
by the loader, said in one warning, from a file and from a frame read with it; other numbers under that
name are data as before."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import make_frame
from rnncast.loading import load_panel
from rnncast.rowindex import row_numbers, written_index


def _indexed(n: int = 60, start: int = 0) -> pd.DataFrame:
    """A frame as ``pd.read_csv`` reads a file written by ``to_csv`` with its index: ``Unnamed: 0`` first."""
    frame = make_frame(n)
    frame.index += start
    return frame.reset_index(names="Unnamed: 0")


@pytest.mark.parametrize("start", [0, 1])
def test_a_files_row_numbers_written_by_to_csv_are_left_out_and_said(tmp_path, caplog, start):
    """`rnncast fit idx.csv` warned "not used: Unnamed: 0 (to train on them, name them with past_covariates=
    ...)": a row counter offered as a covariate."""
    path = tmp_path / "idx.csv"
    make_frame(60, feature=False).set_axis(range(start, start + 60)).to_csv(path)  # the index, its header empty
    assert path.read_text().startswith(",date,y\n")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(path, "y")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"left out: the first column ('Unnamed: 0', its header empty) holds the row numbers "
                        f"{start}-{start + 59}, as pandas' to_csv writes a frame's index, so it is not data (write the "
                        "file with index=False to leave it out)"]
    assert panel.unused == [] and panel.time_col == "date"  # time is still the date column
    caplog.clear()
    load_panel(_indexed(60, start), "y", features="all")  # a frame read with it: the same; 'all' takes x alone
    assert [r.getMessage()[:10] for r in caplog.records if r.levelno == logging.WARNING] == ["left out: "]


def test_other_numbers_under_that_name_or_a_column_named_are_data_as_before(caplog):
    gaps = _indexed(60).assign(**{"Unnamed: 0": np.arange(0, 120, 2)})  # rows filtered before it was written
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(gaps, "y", features=["x"])
    assert panel.unused == ["Unnamed: 0"] and "not used: Unnamed: 0" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_indexed(60), "y", past_covariates=["Unnamed: 0"])  # named by its caller: a covariate
    assert "Unnamed: 0" in panel.columns and "left out" not in caplog.text
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(_indexed(60), "y", announce=False)  # a reload at predict: left out quietly, as at fit
    assert "left out" not in caplog.text


def test_row_numbers_and_the_written_index_rule():
    assert row_numbers(pd.Series([3, 5, 6])) == (3, 6, 1)  # bench's row order: rising from 0 or more, gaps counted
    assert row_numbers(pd.Series([1, 0])) is None and row_numbers(pd.Series([0.0, 1.0])) is None
    assert row_numbers(pd.Series([-1, 0])) is None
    assert written_index(_indexed(5)) == "Unnamed: 0" and written_index(_indexed(5, 1)) == "Unnamed: 0"
    assert written_index(_indexed(5, 2)) is None  # 2..6: not to_csv's numbers of these rows
    assert written_index(_indexed(5).rename(columns={"Unnamed: 0": "index"})) is None  # named: data as any column
    assert written_index(_indexed(5)[["Unnamed: 0"]]) is None  # nothing beside it
    assert written_index(_indexed(5), roles=(None, "y,Unnamed: 0")) is None  # named in a role

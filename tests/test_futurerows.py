"""A model without dates lines up a future table's row labels (a column 'row', a frame's index other than 0 .. n-1)
with its forecast steps' row numbers (``futurerows.py``), for one series and many; labels that are not the steps are
refused by name, and a table without labels is taken in row order."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.future import align_future

STEPS = pd.RangeIndex(600, 603, name="row")  # the data's rows are 0-599


def _aligned(future, ids=(None,), wanted=(STEPS,), id_col=None):
    values = align_future(future, list(ids), list(wanted), ["x"], id_col=id_col, time_col=None, tz=None, said=set())
    return values[..., 0].tolist()


def test_a_row_column_is_lined_up_with_the_steps_whatever_the_order_and_not_said_unused(tmp_path, caplog):
    """``rnncast predict RUN data.csv --future f.csv`` of rows listed newest first forecast row 600 from the x
    labelled 602, said only as "not used: row"."""
    path = tmp_path / "f3b.csv"
    path.write_text("row,x\n602,-1\n601,0\n600,1\n")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert _aligned(path) == [[1.0, 0.0, -1.0]]
        assert _aligned(pd.DataFrame({"row": [601, 600, 602], "x": [0.0, 1.0, -1.0]})) == [[1.0, 0.0, -1.0]]
    assert caplog.messages == []
    assert _aligned(pd.DataFrame({"x": [-1.0, 0.0, 1.0]})) == [[-1.0, 0.0, 1.0]]  # no labels: in row order


def test_a_frames_index_of_labels_is_lined_up_and_its_default_index_is_row_order():
    """``predict(df, future=pd.DataFrame({"x": [-1, 0, 1]}, index=[602, 601, 600]))`` used the rows in order."""
    assert _aligned(pd.DataFrame({"x": [-1.0, 0.0, 1.0]}, index=[602, 601, 600])) == [[1.0, 0.0, -1.0]]
    assert _aligned(pd.DataFrame({"x": [-1.0, 0.0, 1.0]}, index=pd.Index([602, 601, 600], name="row"))) == \
        [[1.0, 0.0, -1.0]]
    assert _aligned(pd.DataFrame({"x": [-1.0, 0.0, 1.0]}, index=pd.Index([0, 1, 2]))) == [[-1.0, 0.0, 1.0]]


def test_labels_that_are_not_the_forecast_steps_are_refused_naming_the_first_and_the_steps(tmp_path):
    """Rows 700-702 were used as rows 600-602."""
    path = tmp_path / "f3c.csv"
    path.write_text("row,x\n700,1\n701,0\n702,-1\n")
    with pytest.raises(RnncastError) as err:
        _aligned(path)
    assert str(err.value) == (
        "the future values' column 'row' labels a row 700 (line 2 of f3c.csv), which is not a forecast step: the model "
        "forecasts rows 600-602 (its data's rows end at 599); give the values of those rows, or drop the column 'row' "
        "to take the rows in order")
    with pytest.raises(RnncastError, match=r"^the future values' index labels a row 603, which is not a forecast step: "
                                           r"the model forecasts rows 600-602 .* or drop the index \(reset_index"):
        _aligned(pd.DataFrame({"x": [1.0, 0.0, -1.0]}, index=[601, 602, 603]))


def test_a_step_labelled_twice_or_none_and_a_label_no_number_are_refused_by_name(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("row,x\n600,1\n601,0\n601,-1\n")
    with pytest.raises(RnncastError, match=r"^the future values label row 601 twice \(line 3 of f.csv, line 4 of "
                                           r"f.csv\); give one row per step: the model forecasts rows 600-602$"):
        _aligned(path)
    with pytest.raises(RnncastError, match=r"^the future values have no row 602 \(1 of 3 steps missing\): the model "
                                           r"forecasts rows 600-602; give a row of values for each$"):
        _aligned(pd.DataFrame({"row": [600, 601], "x": [1.0, 0.0]}))
    path.write_text("row,x\n600,1\nnext,0\n602,-1\n")
    with pytest.raises(RnncastError, match=r"^the future values' column 'row' holds 'next' \(line 3 of f.csv\), which "
                                           r"is no row number: the model forecasts rows 600-602"):
        _aligned(path)


def test_many_series_are_lined_up_by_id_and_row_and_a_wrong_row_is_named_with_its_series():
    ids, wanted = ["a", "b"], [pd.RangeIndex(50, 52, name="row"), pd.RangeIndex(40, 42, name="row")]
    future = pd.DataFrame({"unique_id": ["b", "a", "b", "a"], "row": [41, 51, 40, 50], "x": [4.0, 2.0, 3.0, 1.0]})
    assert _aligned(future, ids, wanted, "unique_id") == [[1.0, 2.0], [3.0, 4.0]]
    with pytest.raises(RnncastError) as err:
        _aligned(future.assign(row=[42, 51, 40, 50]), ids, wanted, "unique_id")
    assert str(err.value) == (
        "the future values' column 'row' labels a row 42 (position 0) of series 'b', which is not a forecast step: the "
        "model forecasts rows 40-41 of series 'b' (its data's rows end at 39); give the values of those rows, or drop "
        "the column 'row' to take the rows in order")
    assert _aligned(future.drop(columns="row"), ids, wanted, "unique_id") == [[2.0, 1.0], [4.0, 3.0]]  # in row order


def test_a_model_without_dates_predicts_from_its_own_forecasts_row_numbers():
    """The rows predict writes ('unique_id', 'row') label a future table that it lines up whatever its order."""
    parts = [pd.DataFrame({"unique_id": uid, "x": (np.arange(n) % 3 == k).astype(float), "y": np.sin(np.arange(n) / 2)})
             for k, (uid, n) in enumerate((("a", 50), ("b", 40)))]
    data = pd.concat(parts, ignore_index=True)
    model = Forecaster(**TINY).fit(data, future_covariates=["x"])
    steps = model.predict(data, future=pd.DataFrame({"unique_id": ["a"] * 3 + ["b"] * 3, "x": [1.0, 0, 0, 0, 1, 0]}))
    assert steps["row"].tolist() == [50, 51, 52, 40, 41, 42]
    future = steps[["unique_id", "row"]].assign(x=[1.0, 0, 0, 0, 1, 0]).iloc[::-1]
    pd.testing.assert_frame_equal(model.predict(data, future=future), steps)


def test_a_covariate_named_row_is_a_covariate_not_labels():
    values = align_future(pd.DataFrame({"row": [3.0, 2.0, 1.0]}), [None], [STEPS], ["row"], id_col=None, time_col=None,
                          tz=None)
    assert values[0, :, 0].tolist() == [3.0, 2.0, 1.0]


def test_a_future_file_written_with_its_index_is_lined_up_by_those_labels(tmp_path, caplog):
    """A tester's find: ``future.to_csv('future.csv')`` of a frame indexed 602, 601, 600 gives a first column 'Unnamed: 0'
    that was left out as row numbers, with a warning, and the rows taken in order (row 600 forecast from 602's x)."""
    path = tmp_path / "future.csv"
    pd.DataFrame({"x": [-1.0, 0.0, 1.0]}, index=[602, 601, 600]).to_csv(path)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert _aligned(path) == [[1.0, 0.0, -1.0]]
        assert _aligned(pd.read_csv(path)) == [[1.0, 0.0, -1.0]]  # read by the caller, handed over: the same
    assert caplog.messages == []  # the labels used, nothing left out
    pd.DataFrame({"x": [1.0, 0.0, -1.0]}, index=[700, 701, 702]).to_csv(path)
    with pytest.raises(RnncastError) as err:
        _aligned(path)
    assert str(err.value) == (
        "the future values' first column ('Unnamed: 0', a frame's index as pandas' to_csv writes it) labels a row 700 "
        "(line 2 of future.csv), which is not a forecast step: the model forecasts rows 600-602 (its data's rows end at "
        "599); give the values of those rows, or write the file without its index (index=False) to take the rows in "
        "order")
    pd.DataFrame({"x": [-1.0, 0.0, 1.0]}).to_csv(path)  # the default index 0, 1, 2: row numbers, in row order as before
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert _aligned(path) == [[-1.0, 0.0, 1.0]]
    assert "left out: the first column of the future values ('Unnamed: 0', its header empty)" in caplog.text


def test_a_panels_future_file_written_with_its_index_is_lined_up_by_series_and_label(tmp_path):
    ids, wanted = ["a", "b"], [pd.RangeIndex(50, 52, name="row"), pd.RangeIndex(40, 42, name="row")]
    path = tmp_path / "future.csv"
    future = pd.DataFrame({"unique_id": ["b", "a", "b", "a"], "x": [4.0, 2.0, 3.0, 1.0]}, index=[41, 51, 40, 50])
    future.to_csv(path)
    assert _aligned(path, ids, wanted, "unique_id") == [[1.0, 2.0], [3.0, 4.0]]
    future.set_axis([1, 1, 0, 0]).to_csv(path)  # per-series frames joined: each one's 0 .. n-1, row numbers
    assert _aligned(path, ids, wanted, "unique_id") == [[2.0, 1.0], [4.0, 3.0]]  # in row order, as before
    future.set_axis([3, 2, 1, 0]).to_csv(path)  # one frame's row labels, sorted otherwise: row numbers too
    assert _aligned(path, ids, wanted, "unique_id") == [[2.0, 1.0], [4.0, 3.0]]


def test_written_rows_leaves_out_an_index_of_row_numbers_in_order_and_takes_any_other_as_labels(caplog):
    """A shared table of series ending on other rows (sharedfuture) with pandas' index written in its first column:
    0 .. n-1 in order is left out (said once, with those numbers), any other whole numbers, a label twice included,
    become the labels ``row``, and the name is kept for the refusals."""
    from rnncast import futurerows

    said: set = set()
    in_order = pd.DataFrame({"Unnamed: 0": [0, 1, 2, 3, 4], "x": [1.0, 2, 3, 4, 5]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        left, name = futurerows.written_rows(in_order, (None, None, ["x"]), said)
        futurerows.written_rows(in_order, (None, None, ["x"]), said)
    assert name is None and list(left.columns) == ["x"]
    assert [r.getMessage() for r in caplog.records if "left out" in r.getMessage()] == [
        "left out: the first column of the future values ('Unnamed: 0', its header empty) holds the row numbers 0-4, as "
        "pandas' to_csv writes a frame's index, so it is not data (write the file with index=False to leave it out)"]
    for numbers in ([82, 78, 80, 79, 81], [1, 0, 2, 3, 4], [78, 79, 80, 81, 81]):
        frame, name = futurerows.written_rows(in_order.assign(**{"Unnamed: 0": numbers}), (None, None, ["x"]), said)
        assert name == "Unnamed: 0" and list(frame.columns) == ["row", "x"] and frame["row"].tolist() == numbers
    assert futurerows.written_rows(in_order.rename(columns={"Unnamed: 0": "row"}), (), said)[1] is None
    assert futurerows.where_labels("Unnamed: 0") == ("first column ('Unnamed: 0', a frame's index as pandas' to_csv "
                                                     "writes it)", "write the file without its index (index=False)")


def test_refusals_of_labels_read_for_several_series_together_name_them():
    """A shared table's rows read for series 'a' and 'c' together (named [None]) said "the future values have no row
    602 (...): the model forecasts rows 600-602", naming no series; ``whose`` names them."""
    from rnncast import futurerows

    with pytest.raises(RnncastError, match=r"have no row 602 of series 'a' and 'c' \(1 of 3 steps missing\): the model "
                       r"forecasts rows 600-602 of series 'a' and 'c'"):
        futurerows.steps(pd.Series([600, 601]), np.zeros(2, dtype=np.int64), [STEPS], [None], {},
                         whose="series 'a' and 'c'")

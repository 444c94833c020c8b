"""A benchmark table read from its file (rnncast.bench.tablefile): the time column, every value column
used, the target, and the refusals that name the file, the column and the row at fault."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast.bench import tablefile
from rnncast.errors import RnncastError
from test_bench_protocol import ett_file


def test_read_any_table_every_value_column_used(tmp_path) -> None:
    path = tmp_path / "sales.csv"
    path.write_text("timestamp,a,b\n2020-01-31,1,2.5\n2020-02-29,3,4\n2020-03-31,5,6\n")
    table = tablefile.read_table(path)
    assert table.name == "sales" and table.time_column == "timestamp"
    assert table.columns == ["a", "b"] and table.target == "b"  # no OT: the last column
    np.testing.assert_array_equal(table.values, [[1, 2.5], [3, 4], [5, 6]])
    assert tablefile.read_table(path, target="a").target == "a"


def test_read_table_without_time_column(tmp_path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("x,OT,y\n1,2,3\n4,5,6\n")
    table = tablefile.read_table(path)
    assert table.time_column is None and table.columns == ["x", "OT", "y"] and table.target == "OT"


@pytest.mark.parametrize("text, message", [
    ("date,a,b\n2020-01-01,1,2\n2020-01-02,2,y\n", "column 'b' is not numeric \\('y' at data row 1\\)"),
    ("date,a,b\n2020-01-01,1,2\n2020-01-02,,3\n", "column 'a' has 1 missing values \\(first at data row 1\\)"),
    ("date,a,b\n2020-01-01,1,2\n2020-01-02,inf,3\n", "column 'a' holds inf at data row 1; values must be finite"),
    ("date\n2020-01-01\n", "only a time column"),
    ("date,a\n", "no columns or no rows"),
    ("", "cannot read it as CSV"),
    ("date,a,a\n2020-01-01,1,2\n", "the column name.s. \\['a'\\] appear more than once"),
    # a first column of numbers with one typo is not a time column: refused, not dropped
    ("a,b\n1,2\n2x,3\n3,4\n", "column 'a' is not numeric \\('2x' at data row 1\\)"),
    ("day,b\n2020-01-01,2\nsoon,3\n", "the first column 'day' is neither numbers nor dates \\('soon' at data row 1\\)"),
    ("date,b\n2020-01-01,2\n2020-01-02,3\n2020-01-02,4\n",
     "the time column 'date' repeats the previous row's at data row 2 \\('2020-01-02' after '2020-01-02'\\)"),
    ("date,b\n2020-01-03,2\n2020-01-01,3\n",
     "the time column 'date' comes before the previous row's at data row 1 .*give them sorted by time"),
])
def test_bad_tables_are_refused_by_column(tmp_path, text, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(RnncastError, match=message):
        tablefile.read_table(path)


def test_a_folder_is_not_a_table(tmp_path) -> None:
    with pytest.raises(RnncastError, match="is a folder; pass --data PATH to a CSV file in it"):
        tablefile.read_table(tmp_path)


def test_a_numeric_column_named_time_is_the_time_column(tmp_path) -> None:
    path = tmp_path / "unix.csv"
    path.write_text("time,a,b\n1700000000,1,2\n1700003600,3,4\n")
    table = tablefile.read_table(path)
    assert table.time_column == "time" and table.columns == ["a", "b"]


def test_unknown_target_names_the_columns(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("date,a,b\n2020-01-01,1,2\n")
    with pytest.raises(RnncastError, match=r"target 'c' is not a value column; accepted are \['a', 'b'\]"):
        tablefile.read_table(path, target="c")


def test_read_ett_file() -> None:
    table = tablefile.read_table(ett_file("ETTh1"))
    assert table.name == "ETTh1" and table.time_column == "date" and table.target == "OT"
    assert table.columns == ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"]
    assert table.values.shape == (17420, 7)


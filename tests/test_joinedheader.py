"""A frame of a file read with the wrong separator (``joinedheader.py``): refused, saying how to read it."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.joinedheader import refuse_joined_header


def _semicolons(tmp_path, decimal: str) -> pd.DataFrame:
    days = pd.date_range("2024-01-01", periods=40)
    lines = ["date;sales"] + [f"{t:%Y-%m-%d};{1000 + i}{decimal}{i * 37 % 100:02d}" for i, t in enumerate(days)]
    (tmp_path / "semi.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pd.read_csv(tmp_path / "semi.csv")  # the README's "yours: pd.read_csv(...)", with pandas' comma


def test_a_semicolon_file_with_decimal_commas_read_with_commas_is_refused_not_trained_on_its_cents(tmp_path):
    """pd.read_csv made the index '2024-01-01;1000' and the values the cents (0, 37, ...): rnncast dropped the index and
    trained on the cents without a word (a tester's find)."""
    frame = _semicolons(tmp_path, ",")
    assert frame.columns.tolist() == ["date;sales"] and frame.index[0] == "2024-01-01;1000"
    with pytest.raises(RnncastError, match=r"^column 'date;sales' is a line of semicolon-separated names \('date', "
                                           r"'sales'\) read as one: a semicolon-separated file read with commas, "
                                           r"pandas' default; read it with pd.read_csv\(path, sep=';' and "
                                           r"decimal=','\), or give rnncast the file's path"):
        Forecaster(lookback=8, epochs=1).fit(frame)


def test_decimal_points_and_other_separators_are_refused_alike_and_plain_names_pass(tmp_path):
    frame = _semicolons(tmp_path, ".")  # one text column '2024-01-01;1000.00'
    with pytest.raises(RnncastError, match=r"sep=';'\), or give rnncast"):
        refuse_joined_header(frame)
    tabs = pd.DataFrame({"date\tsales": ["2024-01-01\t5", "2024-01-02\t6"]})
    with pytest.raises(RnncastError, match=r"a line of tab-separated names \('date', 'sales'\)"):
        refuse_joined_header(tabs)
    refuse_joined_header(pd.DataFrame({"a;b": [1.0, 2.0], "c": ["x", "y"]}))  # a name with ';' over numbers: a name
    refuse_joined_header(pd.DataFrame({"note": ["a;b", "c;d"], "y": [1.0, 2.0]}))  # text with ';' under a plain name


def test_three_columns_of_decimal_commas_and_a_frame_of_several_columns(tmp_path):
    """Three columns with decimal commas made pandas build a two-level index, on which the check crashed
    ("initializing a Series from a MultiIndex"); a frame of several columns, one of them named 'category;sub' over
    'food;fruit', was refused though it is a table read right (a tester's finds)."""
    (tmp_path / "s.csv").write_text("date;sales;temp\n2024-01-01;991,31;20,9\n2024-01-02;992,5;21,1\n", encoding="utf-8")
    frame = pd.read_csv(tmp_path / "s.csv")
    assert frame.index.nlevels == 2
    with pytest.raises(RnncastError, match=r"^column 'date;sales;temp' is a line of semicolon-separated names \('date', "
                                           r"'sales', 'temp'\) read as one: .*sep=';' and decimal=','"):
        refuse_joined_header(frame)
    refuse_joined_header(pd.DataFrame({"date": ["2024-01-01", "2024-01-02"], "sales": [1.0, 2.0],
                                       "category;sub": ["food;fruit", "food;veg"]}))

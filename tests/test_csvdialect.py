"""csvdialect: how a CSV file writes its values (separator, decimal mark, byte-order mark, line ends), found when
it is read, for its forecasts to be written so."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast.csvdialect import Dialect, dialect_of
from rnncast.data import read_table


@pytest.mark.parametrize("text, dialect", [
    ("d;y\n1;1,5\n2;2,5\n", (";", ",")),  # decimal commas
    ("d;y\n1;1.5\n2;2.5\n", (";", ".")),  # ';' with decimal points
    ("d;y\n1;1\n2;2\n", (";", ",")),  # no decimals: ';' is the comma locales' separator
    ("d\ty\n1\t1,5\n2\t2,5\n", ("\t", ",")),
    ("d\ty\n1\t1\n2\t2\n", ("\t", ".")),
    ("d,y\na,1.5\nb,2.5\n", None),  # the default: nothing to keep
    ("d,y\n1,1.5\n2,2.5\n", (",", ".")),  # an integer column, kept to write its copies as integers (1226)
], ids=["semicolon-commas", "semicolon-points", "semicolon-integers", "tab-commas", "tab-integers", "comma",
        "comma-integers"])
def test_the_dialect_of_a_csv_file_is_its_separator_and_decimal_mark(tmp_path, text, dialect):
    path = tmp_path / "d.csv"
    path.write_text(text)
    found = dialect_of(read_table(path))
    assert (found[:2] if found is not None else None) == dialect
    assert dialect_of(pd.DataFrame({"y": [1.5]})) is None  # a frame: no file to follow


def test_a_dialect_says_itself_in_words():
    assert Dialect(";", ",", "d.csv").said == "separated by ';', with decimal commas (0,5)"
    said = Dialect(";", ",", "d.csv", thousands=".", bom=True, line_end="\r\n").said
    assert said == ("separated by ';', with decimal commas (0,5), a UTF-8 byte-order mark, CR LF line ends, without "
                    "thousands separators ('.' in the file)")

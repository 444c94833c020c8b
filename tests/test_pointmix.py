"""Values written with a decimal point among a column of decimal commas (``pointmix.py``): the point values named."""

from __future__ import annotations

import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _file(tmp_path, values, sep=";"):
    path = tmp_path / "d.csv"
    path.write_text(f"date{sep}y\n" + "".join(f"2020-01-{k + 1:02d}{sep}{v}\n" for k, v in enumerate(values)))
    return path


def test_the_values_with_a_point_are_named_not_a_valid_decimal_comma(tmp_path):
    """t30t6's long_dotmix.csv: 198 values '50,0' with '1.5' and '3.125'; was "line 2 ... holds '50,0' (198 non-numeric
    value(s) in all)", a valid line."""
    values = [f"{50 + k % 3},0" for k in range(28)]
    values[10], values[20] = "1.5", "3.125"
    with pytest.raises(RnncastError) as refused:
        load_panel(_file(tmp_path, values), target="y")
    assert str(refused.value) == (
        "column 'y' is not numeric: line 12 of d.csv holds '1.5', written with a decimal point where 26 other values "
        "are written with a decimal comma ('50,0'), so none of the column is read as a number (2 values with a point "
        "in all, at line(s) 12, 22); write those as the others are ('1,5'); '3.125' could be 3,125 or, its point a "
        "thousands separator, 3125: write the one meant, or the whole column with one decimal mark")


def test_the_fewer_mark_is_named_and_a_tie_names_the_point(tmp_path):
    with pytest.raises(RnncastError, match=r"line 4 of d.csv holds '3,5', written with a decimal comma where 2 other "
                                           r"values are written with a decimal point \('1.25'\).*\('3.5'\)"):
        load_panel(_file(tmp_path, ["1.25", "12.5", "3,5"]), target="y")
    with pytest.raises(RnncastError, match=r"line 3 of d.csv holds '2.5', written with a decimal point where 1 other "
                                           r"value is written with a decimal comma \('1,23'\)"):
        load_panel(_file(tmp_path, ["1,23", "2.5"]), target="y")


@pytest.mark.parametrize("values, sep", [(["1,23", "2.5", "abc"], ";"), (['"1,23"', "2.5"], ",")])
def test_other_text_or_a_comma_file_is_no_such_mix(tmp_path, values, sep):
    with pytest.raises(RnncastError) as refused:
        load_panel(_file(tmp_path, values, sep), target="y")
    assert "written with a decimal point where" not in str(refused.value)

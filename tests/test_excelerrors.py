"""Excel's error values in each language (``excelerrors.py``): every language's #N/A read as missing where the English
one is, the other error values named in the refusal of a column holding one, with their English name."""

from __future__ import annotations

import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.data import read_table
from rnncast.excelerrors import ERRORS, NOT_AVAILABLE, is_not_available, named, not_available
from rnncast.settingvalues import missing_text


def _file(tmp_path, cell: str, sep: str = ";"):
    """60 days of decimal-comma values (',' file: points), one cell ``cell``, as t30t6's long_*.csv."""
    values = [f"{50 + i % 7},5" if sep == ";" else f"{50 + i % 7}.5" for i in range(60)]
    values[40] = cell
    path = tmp_path / "data.csv"
    path.write_text(f"Datum{sep}Wert\n" + "".join(f"{1 + d % 28:02d}.{1 + d // 28:02d}.2022{sep}{v}\n"
                                                for d, v in enumerate(values)), encoding="utf-8")
    return path


def test_the_table_keeps_each_languages_not_available_apart_from_its_errors():
    assert {"#N/A", "#NV", "#N/D", "#N/B", "#SAKNAS!", "#Н/Д"} <= set(NOT_AVAILABLE)
    assert {"#WERT!", "#BEZUG!", "#ZAHL!", "#VALUE!", "#REF!", "#NUM!", "#DIV/0!", "#VALEUR!", "#DEEL/0!"} <= ERRORS
    assert not ERRORS & set(NOT_AVAILABLE)
    assert named("#WERT!") == "Excel's #VALUE!, in German #WERT!" and named(" #div/0! ") == "Excel's #DIV/0!"
    assert named("#N/D") == "Excel's #N/A, in Italian and Portuguese and Polish #N/D" and named("#W") is None


@pytest.mark.parametrize("cell", ["#NV", "#N/D", "#N/B", "#N/A", "#SAKNAS!", "#nv", "#NV ", "#n/a", " #N/A",
                                  "#Saknas!"])
@pytest.mark.parametrize("sep", [";", ","])
def test_every_languages_not_available_is_read_as_missing(tmp_path, cell, sep):
    """t30t6: German #NV, Italian #N/D and Dutch #N/B were refused as "not numeric" with no advice where #N/A was read
    as missing."""
    frame = read_table(_file(tmp_path, cell, sep))
    assert frame["Wert"].dtype.kind == "f" and frame["Wert"].isna().sum() == 1
    Forecaster(**TINY, fill="interpolate").fit(str(_file(tmp_path, cell, sep)), target="Wert")


@pytest.mark.parametrize("cell", ["  #N/A  ", "#nv   "])
@pytest.mark.parametrize("sep", [";", ","])
def test_a_not_available_with_more_spaces_around_it_is_missing_too(tmp_path, cell, sep):
    """Decision 1451: ';  #N/A  ;' left a decimal-comma column as text. Read as numbers there; in a ',' file the
    column is read as numbers where it is used, the cell missing (as numbercolumns.numeric_column reads it)."""
    frame = read_table(_file(tmp_path, cell, sep))
    assert frame["Wert"].dtype.kind == "f" if sep == ";" else frame["Wert"].iloc[40] == cell
    Forecaster(**TINY, fill="interpolate").fit(str(_file(tmp_path, cell, sep)), target="Wert")
    with pytest.raises(RnncastError, match=r"has a missing value \(NaN\) at line 42 of data.csv, which holds "):
        Forecaster(**TINY).fit(str(_file(tmp_path, cell, sep)), target="Wert")


@pytest.mark.parametrize("cell, says", [("#WERT!", "Excel's #VALUE!, in German #WERT!"),
                                        ("#BEZUG!", "Excel's #REF!, in German #BEZUG!"),
                                        ("#ZAHL!", "Excel's #NUM!, in German #ZAHL!"),
                                        ("#VALEUR!", "Excel's #VALUE!, in French #VALEUR!")])
def test_another_error_value_is_named_as_excels_in_the_refusal(tmp_path, cell, says):
    with pytest.raises(RnncastError, match="is not numeric") as refused:
        Forecaster(**TINY).fit(str(_file(tmp_path, cell)), target="Wert")
    assert f"{cell!r} is a spreadsheet's error value ({says}), no number: mend the formula" in str(refused.value)


def test_missing_values_naming_a_not_available_says_it_is_read_as_missing_already():
    with pytest.raises(RnncastError, match=r"'#NV' is Excel's #N/A, in German #NV, read as a missing value already"):
        missing_text("#NV")
    with pytest.raises(RnncastError, match="'NA' is read as a missing value already; leave it out"):
        missing_text("-9999; NA")  # a text code pandas reads as missing already ('abc' is a code: decision 1646)


def test_a_not_available_in_any_case_in_a_frame_is_a_missing_value():
    """'#nv' and ' #N/A' in a frame given (no file read): missing values, as pandas reads '#N/A' from a file."""
    import numpy as np
    import pandas as pd
    from rnncast.numbercolumns import numeric_column
    column = pd.Series(["1.5", "#nv", " #N/A", "2"], dtype=object)
    assert np.isnan(numeric_column(column, "y", {})).tolist() == [False, True, True, False]


def test_missing_values_naming_n_a_itself_does_not_compare_it_with_itself():
    with pytest.raises(RnncastError) as refused:
        missing_text("#N/A")
    assert "'#N/A' is Excel's #N/A, read as a missing value already in any case; leave it out" in str(refused.value)
    with pytest.raises(RnncastError, match=r"'#nv' is Excel's #N/A, in German #NV, read as a missing value already in "
                       r"any case, as #N/A is"):
        missing_text("#nv")


def test_one_rule_says_what_is_an_excel_not_available_for_every_reader():
    """The rule was written three times (numbertext, fills, settingvalues), and pandas' spellings held one space at
    most: ';  #N/A  ;' in a decimal-comma file left the column text. One predicate now, any spaces, any case."""
    import pandas as pd
    assert all(is_not_available(v) for v in ("#N/A", "  #N/A  ", "#nv", "\t#N/B ", "#Н/Д"))
    assert not any(is_not_available(v) for v in ("", "N/A", "#VALUE!", "#N/A x", None, 1.0))
    assert not_available(pd.Series(["1,5", "  #N/A  ", None, 2.0], dtype=object)).tolist() == [False, True, False, False]

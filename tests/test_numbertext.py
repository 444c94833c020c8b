"""Decimal commas (``numbertext.py``): read as numbers in a file separated by ';' when every value of
the column is written so and none could be thousands; otherwise left as text, and the refusal says why."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import make_frame
from rnncast import RnncastError, numbertext
from rnncast.data import read_table
from rnncast.loading import load_panel


def test_a_semicolon_file_with_decimal_commas_reads_as_the_same_numbers(tmp_path, caplog):
    frame = make_frame(60).astype({"y": "float64", "x": "float64"})
    frame.to_csv(tmp_path / "comma.csv", sep=";", decimal=",", index=False)
    frame.to_csv(tmp_path / "point.csv", index=False)
    assert "," in (tmp_path / "comma.csv").read_text().splitlines()[1]
    with caplog.at_level("INFO", logger="rnncast.numbertext"):
        comma = load_panel(tmp_path / "comma.csv", target="y", features=["x"])
    assert np.array_equal(comma.values, load_panel(tmp_path / "point.csv", target="y", features=["x"]).values)
    first = (tmp_path / "comma.csv").read_text().splitlines()[1].split(";")[1]  # y's first value, as written
    assert f"comma.csv: column(s) ['y', 'x'] are written with decimal commas and read as numbers ({first} in 'y' as " \
           f"{first.replace(',', '.')})" in caplog.text


def test_the_decimal_comma_warning_quotes_a_value_of_the_file(tmp_path, caplog):
    """The warning quoted a fixed example, "(51,02) ... (51.02)", whatever the file held (a tester's finding): it
    quotes the file's own first value written with a comma, and how it was read."""
    (tmp_path / "semi.csv").write_text("month;sales\n2020-01;100\n2020-02;100,1\n2020-03;98,25\n")
    with caplog.at_level("INFO", logger="rnncast.numbertext"):
        assert read_table(tmp_path / "semi.csv")["sales"].tolist() == [100.0, 100.1, 98.25]
    assert ("semi.csv: column(s) ['sales'] are written with decimal commas and read as numbers (100,1 as 100.1), as "
            "a file separated by ';' writes them") in caplog.text
    assert "51,02" not in caplog.text


def test_ids_and_text_stay_as_written(tmp_path):
    (tmp_path / "d.csv").write_text("unique_id;ds;y;note\n1,5;2020-01-01;1,5;a,b\n1,5;2020-01-02;2;c\n")
    frame = read_table(tmp_path / "d.csv")
    assert frame["unique_id"].tolist() == ["1,5", "1,5"] and frame["y"].tolist() == [1.5, 2.0]
    assert frame["note"].tolist() == ["a,b", "c"]


@pytest.mark.parametrize("values, says", [
    (["1,234", "2,500"], r"'1,234' could be a decimal comma \(1\.234\) or a thousands separator \(1234\): every comma "
                         r"of the column stands before three digits, so rnncast does not guess"),
])
def test_a_column_that_is_not_plainly_decimal_commas_is_refused_saying_why(tmp_path, values, says):
    path = tmp_path / "d.csv"
    path.write_text("date;y\n" + "".join(f"2020-01-{k + 1:02d};{v}\n" for k, v in enumerate(values)))
    with pytest.raises(RnncastError, match=rf"column 'y' is not numeric: line 2 of d\.csv holds '1,2.*; the target and "
                                           rf"covariates must be numbers; {says}"):
        load_panel(path, target="y")


def test_a_decimal_comma_in_a_comma_separated_file_is_explained_not_read(tmp_path):
    pd.DataFrame({"y": ["51,02", "51,5"]}).to_csv(tmp_path / "d.csv", index=False)  # quoted: "51,02"
    with pytest.raises(RnncastError, match=r"holds '51,02' .*; '51,02' looks like a number with a decimal comma, which "
                                           r"is not read in a comma-separated file: write decimal points \(51\.02\)"):
        load_panel(tmp_path / "d.csv", target="y")


@pytest.mark.parametrize("written, plain", [("1000,00", "1000.00"), ("1,0038", "1.0038"), ("1.234,56", "1234.56"),
                                            ("-1.234,56", "-1234.56"), ("123456,7", "123456.7")])
def test_a_decimal_comma_of_any_size_is_explained_never_called_a_timestamp(tmp_path, written, plain):
    """'1000,00' and '1,0038' (pandas reads them as years) were refused as "column 'sales' holds timestamps"."""
    dates = pd.date_range("2018-01-31", periods=8, freq="ME").strftime("%Y-%m-%d")
    pd.DataFrame({"date": dates, "sales": [written] * 8}).to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(RnncastError, match=rf"^column 'sales' is not numeric: line 2 of d\.csv holds '{written}' .*; "
                                           rf"'{written}' looks like a number with a decimal comma, which is not read in "
                                           rf"a comma-separated file: write decimal points \({plain}\)"):
        load_panel(tmp_path / "d.csv", target="sales")
    assert numbertext.decimal_commas(pd.Series([written, f" {written} ", "2018-01-31", "1000", "1,5,6", None])).tolist() == \
        [True, True, False, False, False, False]


def test_dates_named_as_a_target_are_still_called_timestamps(tmp_path):
    dates = pd.date_range("2018-01-31", periods=8, freq="ME").strftime("%Y-%m-%d")
    pd.DataFrame({"date": dates, "sales": dates}).to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(RnncastError, match=r"^column 'sales' holds timestamps \(line 2 of d\.csv holds '2018-01-31'\)"):
        load_panel(tmp_path / "d.csv", target="sales")


def test_a_semicolon_file_reads_decimal_commas_with_thousands_dots_of_any_size(tmp_path):
    dates = pd.date_range("2018-01-31", periods=8, freq="ME").strftime("%Y-%m-%d")
    values = ["1.000,00", "1.020,37", "999,5", "12.345,67", "1.000,25", "1.001,00", "1.002,50", "1.003,75"]
    (tmp_path / "d.csv").write_text("date;sales\n" + "".join(f"{d};{v}\n" for d, v in zip(dates, values)))
    assert load_panel(tmp_path / "d.csv", target="sales").values[:4, 0].tolist() == [1000.0, 1020.37, 999.5, 12345.67]


def test_another_non_number_is_named_before_a_decimal_comma(tmp_path):
    (tmp_path / "d.csv").write_text("date;y\n2020-01-01;1,5\n2020-01-02;abc\n")
    with pytest.raises(RnncastError, match=r"line 3 of d\.csv holds 'abc' \(1 non-numeric value\(s\) in all\); the "
                                           r"target and covariates must be numbers$"):
        load_panel(tmp_path / "d.csv", target="y")


def test_numbers_written_as_text_and_booleans_are_read_as_numbers_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        read = numbertext.as_numbers(pd.Series(["1", "2.5", None]), "y")
    assert read.tolist()[:2] == [1.0, 2.5] and "column 'y' holds numbers written as text ('1')" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert numbertext.as_numbers(pd.Series([True, False]), "open").tolist() == [1.0, 0.0]
    assert not caplog.text  # read right: no warning, so -q stays silent (decisions 2183, 2184)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert numbertext.as_numbers(pd.Series([True, False]), "open").tolist() == [1.0, 0.0]
    assert "column 'open' holds booleans (True, False), read as the numbers 1 and 0" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert numbertext.as_numbers(pd.Series(["1", "x"]), "y").isna().tolist() == [False, True]
    assert not caplog.text  # refused by numbercolumns.numeric_column, not read
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(["1", "2"] * 30)
        load_panel(pd.DataFrame({"y": [True, False] * 30}))
    assert "column '0' holds numbers written as text" in caplog.text and "column 'y' holds booleans" in caplog.text


def test_a_file_read_with_decimal_commas_says_so_for_its_forecasts_to_be_written_alike(tmp_path):
    (tmp_path / "d.csv").write_text("d;y;n\n1;1,5;1\n2;2,5;2\n")
    assert read_table(tmp_path / "d.csv").attrs[numbertext.DECIMAL] == ","
    (tmp_path / "e.csv").write_text("d;y\n1;1.5\n2;2.5\n")
    assert numbertext.DECIMAL not in read_table(tmp_path / "e.csv").attrs  # csvdialect.dialect_of decides


def test_digits_grouped_by_three_that_read_one_way_only_are_read_and_the_rest_explained(tmp_path):
    """'1,234' in a comma-separated file was "looks like a number with a decimal comma" (a comma file writes
    none), and '1,003.78' or '1.003,78' got no word at all. Where only one reading fits every value (a decimal
    mark after the groups, or several groups), the column is read (decision 235); where both do and nothing in the
    file writes a decimal point, the one line says both readings and how to write either (decision 247)."""
    (tmp_path / "d.csv").write_text('date,y\n2020-01-01,5\n2020-01-02,"1,234"\n')
    with pytest.raises(RnncastError, match=r"line 3 of d\.csv holds '1,234' .*; '1,234' could be a thousands separator "
                                           r"\(1234\) or a decimal comma \(1\.234\): nothing in the file writes decimals "
                                           r"with a point, so rnncast does not guess; write numbers without thousands "
                                           r"separators \(1234\), or with their decimals after a point \(1,234\.00\)$"):
        load_panel(tmp_path / "d.csv", target="y")
    for sep, value, number in [(",", "1,003.78", 1003.78), (",", "-12,345,678", -12345678.0),
                               (";", "1.003,78", 1003.78), (";", "1,234,567", 1234567.0)]:
        quoted = f'"{value}"' if sep in value else value
        (tmp_path / "e.csv").write_text(f"date{sep}y\n2020-01-01{sep}5\n2020-01-02{sep}{quoted}\n")
        assert read_table(tmp_path / "e.csv")["y"].tolist() == [5.0, number]


def test_grouped_digits_in_memory_are_not_guessed():
    from rnncast.numbertext import hint

    column = pd.Series(["1,234"])
    assert "could be a decimal comma (1.234) or a thousands separator (1234)" in hint("1,234", None, column)
    assert "decimal comma" in hint("51,02", ",", pd.Series(["51,02"]))  # no group of three: a decimal comma


def test_all_text_is_said_of_a_string_column_at_once_and_of_an_object_column_value_by_value():
    from rnncast.numbertext import all_text

    assert all_text(pd.Series(["51,02", "3"], dtype="str")) and all_text(pd.Series(["51,02", "3"], dtype=object))
    assert not all_text(pd.Series(["51,02", 3], dtype=object)) and not all_text(pd.Series([1.5, 2.0]))


@pytest.mark.parametrize("value, says", [
    ('"$1,200.00"', r"'\$1,200\.00' has a currency sign '\$'; write the number alone \(1,200\.00\)"),
    ('"-$1,200.00"', r"'-\$1,200\.00' has a currency sign '\$'; write the number alone \(1,200\.00\)"),
    ('"12,50 €"', r"'12,50 €' has a currency sign '€'; write the number alone \(12,50\)"),
    ("USD 5", r"'USD 5' has a currency code 'USD'; write the number alone \(5\)"),
    ("5 kg", r"'5 kg' has a unit 'kg'; write the number alone \(5\)"),
    ("12 km/h", r"'12 km/h' has a unit 'km/h'; write the number alone \(12\)"),
    ("12%", r"'12%' is a percentage; write 12 or 0\.12, as the column means \(.* / 100\)"),
    ('"12,5 %"', r"'12,5 %' is a percentage; write 12\.5 or 0\.125, as the column means \(.* / 100\)"),  # comma unread
    ("290.15 K", r"'290\.15 K' ends in 'K', a multiplier \(thousand: 290150\) or a unit \(kelvin: 290\.15\); write the "
                 r"whole number or the number alone, as the column means"),
    ("5 T", r"'5 T' ends in 'T', a multiplier \(trillion: 5000000000000\) or a unit \(tesla: 5\); write the whole "
            r"number or the number alone, as the column means"),
    ("3\u2030", r"'3\u2030' is per mille \(parts per thousand\); write 3 or 0\.003, as the column means"),
    ("0.61M", r"'0\.61M' is written with the multiplier 'M' \(million\); write the whole number \(610000\)"),
    ("284.27K", r"'284\.27K' is written with the multiplier 'K' \(thousand\); write the whole number \(284270\)"),
    ("7k", r"'7k' is written with the multiplier 'k' \(thousand\); write the whole number \(7000\)"),
    ("-2.5bn", r"'-2\.5bn' is written with the multiplier 'bn' \(billion\); write the whole number \(-2500000000\)"),
    ("1.2B", r"'1\.2B' is written with the multiplier 'B' \(billion\); write the whole number \(1200000000\)"),
    ('"1,5 Mio"', r"'1,5 Mio' is written with the multiplier 'Mio' \(million\); write the whole number \(1500000\)"),
    ('"1,234.5K"', r"'1,234\.5K' is written with the multiplier 'K' \(thousand\); write the whole number \(1234500\)"),
    ('"1,234K"', r"'1,234K' is written with the multiplier 'K' \(thousand\); write the whole number \(1234000, or 1234 "
                 r"where its comma is a decimal comma\)"),
    ("$1.2M", r"'\$1\.2M' has a currency sign '\$' and the multiplier 'M' \(million\); write the whole number alone "
              r"\(1200000\)"),
    ("5m", r"'5m' ends in 'm', a multiplier \(million: 5000000\) or a unit \(metres: 5\); write the whole number or the "
           r"number alone, as the column means"),
    ("5 MB", r"'5 MB' has a unit 'MB'; write the number alone \(5\)"),
])
def test_a_currency_sign_or_unit_beside_a_number_is_named_not_dropped(tmp_path, value, says):
    (tmp_path / "d.csv").write_text(f"date,y\n2020-01-01,{value}\n2020-01-02,5\n")
    assert read_table(tmp_path / "d.csv")["y"].tolist()[0] == value.strip('"')  # kept as written: never read
    with pytest.raises(RnncastError, match=rf"line 2 of d\.csv holds .*; the target and covariates must be numbers; {says}$"):
        load_panel(tmp_path / "d.csv", target="y")


@pytest.mark.parametrize("value, sep, whole", [
    ("1.250M", ",", "1250000"),  # a comma-separated file writes decimals with a point
    ("1.250M", ";", "1250000000, or 1250000 where its point is a decimal point"),  # 1.250 may be thousands there
    ("1.250M", None, "1250000000, or 1250000 where its point is a decimal point"),
    ("1.250.000K", ",", "1250000000"), ("1.234,5K", ";", "1234500")])
def test_a_multiplier_after_a_point_before_three_digits_reads_the_point_as_the_file_writes_decimals(value, sep, whole):
    """Decision 1532: '1.250M' in a comma-separated file was told "write the whole number (1250000000)", 1000x."""
    assert numbertext.hint(value, sep, pd.Series([value])).endswith(f"write the whole number ({whole})")


def test_a_percentage_with_a_point_before_three_digits_is_a_decimal_one():
    assert numbertext.hint("12.345%", ";", pd.Series(["12.345%"])).startswith(
        "; '12.345%' is a percentage; write 12.345 or 0.12345, as the column means")


def test_text_that_only_begins_or_ends_with_digits_gets_no_sign_named():
    for value in ("Q1", "2023-01-01", "12:30", "a5b", "1 2 kg x"):
        assert numbertext.hint(value, ",", pd.Series([value])) == ""
    assert "thousands separators (1003.78), which are not read in a table given in memory" in numbertext.hint(
        "1.003,78", None, pd.Series(["1.003,78"]))


@pytest.mark.parametrize("sep, values, line, count", [
    (";", ["1,5"] * 118 + ["n/a ", "2,25"], 120, 1),  # 119 decimal commas the ';' file reads, one 'n/a '
    (",", ['"12,5"', "n/a ", "2.5", "3"], 3, 2),  # a comma file reads no decimal comma: '12,5' is no number there too
    (";", ["1,5", "n/a ", "1.5"], 3, 2),  # decimal commas beside points: no one reading, every value not read counted
])
def test_a_refusal_counts_the_values_the_columns_own_reading_does_not_take(tmp_path, sep, values, line, count):
    """The count was of every value pandas did not read: 120 for one 'n/a ' among 119 decimal commas."""
    dates = pd.date_range("2020-01-01", periods=len(values)).strftime("%Y-%m-%d")
    (tmp_path / "d.csv").write_text(f"date{sep}y\n" + "".join(f"{d}{sep}{v}\n" for d, v in zip(dates, values)))
    with pytest.raises(RnncastError, match=rf"line {line} of d\.csv holds 'n/a ' \({count} non-numeric value\(s\) in all\)"):
        load_panel(tmp_path / "d.csv", target="y")


def test_a_percentage_is_advised_in_the_decimal_mark_its_file_reads(tmp_path):
    """In a ';' file decimal commas are read, so 12,5 % is advised as 12,5 or 0,125; in a ',' file as 12.5 or 0.125
    (the comma advice led straight into the decimal-comma refusal)."""
    (tmp_path / "d.csv").write_text("date;y\n2020-01-01;12,5 %\n2020-01-02;5\n")
    with pytest.raises(RnncastError, match=r"'12,5 %' is a percentage; write 12,5 or 0,125, as the column means \("):
        load_panel(tmp_path / "d.csv", target="y")


def test_yes_no_values_are_refused_saying_what_to_give():
    frame = pd.DataFrame({"y": np.arange(30.0), "promo": ["yes", "No"] * 15})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, "y", ["promo"], announce=False)
    assert str(err.value).endswith("; it holds yes/no values: give them as the numbers 1 and 0 (or as booleans, True "
                                   "and False, read as 1 and 0)")


def test_one_boolean_among_numbers_is_refused_by_name_not_read_as_1():
    """[0, 1, 2, True, ...] in an object column: the True was read as 1.0 without a word."""
    promo = pd.Series([i % 3 for i in range(30)], dtype=object)
    promo[5] = True
    frame = pd.DataFrame({"y": np.arange(30.0), "promo": promo})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, "y", ["promo"], announce=False)
    assert str(err.value) == ("column 'promo' is not numeric: row 5 holds True (1 non-numeric value(s) in all); the "
                              "target and covariates must be numbers; a boolean among numbers is not taken for 1: write "
                              "1 or 0 there, or give the whole column as True and False (read as 1 and 0)")
    assert load_panel(frame.assign(promo=[True, False] * 15), "y", ["promo"], announce=False).values[:2, 1].tolist() == [1, 0]


@pytest.mark.parametrize("mark", ["-", "..", ":", "?", "—", "n.a.", "missing", "k.A."])
def test_a_cell_of_marks_without_a_number_is_refused_as_the_missing_value_it_likely_marks(tmp_path, mark):
    """A '-' (or Eurostat's ':', a statistics office's '..') among the numbers was refused as "not numeric" without a
    word on what to write instead: the refusal now says it holds no number, and how to give a missing value or a 0."""
    path = tmp_path / "marks.csv"
    path.write_text("date,v\n" + "".join(f"2020-01-{d:02d},{mark if d == 5 else d}\n" for d in range(1, 21)),
                    encoding="utf-8")
    with pytest.raises(RnncastError, match=rf"line 6 of marks.csv holds '{re.escape(mark)}' .*; '{re.escape(mark)}' "
                                           r"holds no number, as many exports mark a missing value: write those cells "
                                           r"empty \(or NA\) and choose how to fill them \(fill=, --fill ffill, "
                                           r"interpolate or drop\), or write 0 where it means zero$"):
        load_panel(str(path), target="v")


@pytest.mark.parametrize("error", ["#DIV/0!", "#VALUE!", "#REF!"])
def test_a_spreadsheets_error_value_is_named_as_one(tmp_path, error):
    """'#DIV/0!' among the numbers was refused as "not numeric" with no word of what it is (a tester's find)."""
    path = tmp_path / "sheet.csv"
    path.write_text("date,v\n" + "".join(f"2020-01-{d:02d},{error if d == 5 else d}\n" for d in range(1, 21)),
                    encoding="utf-8")
    with pytest.raises(RnncastError, match=rf"line 6 of sheet.csv holds '{re.escape(error)}' .*; '{re.escape(error)}' is "
                                           r"a spreadsheet's error value, no number: mend the formula, or write those "
                                           r"cells empty \(or NA\)"):
        load_panel(str(path), target="v")


def test_a_not_available_with_spaces_around_it_is_missing_in_a_decimal_comma_file(tmp_path):
    """';  #N/A  ;' (two spaces each side) in a file of decimal commas left the column as text (pandas' spellings of #N/A
    hold one space at most): it is missing, as '#N/A' is, and the column read as numbers (decision 1451)."""
    path = tmp_path / "na.csv"
    path.write_text("date;sales\n2024-01-01;1,5\n2024-01-02;  #N/A  \n2024-01-03;2,5\n2024-01-04;#nv   \n")
    frame = read_table(path)
    assert frame["sales"].dtype.kind == "f" and np.isnan(frame["sales"]).tolist() == [False, True, False, True]
    assert frame["sales"].iloc[[0, 2]].tolist() == [1.5, 2.5]


@pytest.mark.parametrize("value, says", [
    ("1.20万", r"'1\.20万' is written with the multiplier '万' \(ten thousand\); write the whole number \(12000\)"),
    ('"¥12,013"', r"'¥12,013' has the currency '¥' \(yen or yuan\); write the number alone, without thousands commas "
                  r"\(12013\)"),
    ('"１２，０１３"', r"'１２，０１３' is written in full-width characters \(，０１２３\), which rnncast does not read as a "
                    r"number; write it as 12013 .*"),
])
def test_cjk_multipliers_currencies_and_full_width_digits_are_refused_with_the_number_that_reads(tmp_path, value, says):
    """Decisions 1466-1468: '1.20万' beside '8439' was "a unit '万'; write the number alone (1.20)", 10^4 too small;
    '¥12,013' was advised as '12,013', then refused as a decimal comma; '１２，０１３' got no reason at all."""
    (tmp_path / "d.csv").write_text(f"date,y\n2020-01-01,{value}\n2020-01-02,8439\n", encoding="utf-8")
    with pytest.raises(RnncastError, match=rf"line 2 of d\.csv holds .*; the target and covariates must be numbers; {says}$"):
        load_panel(tmp_path / "d.csv", target="y")
    (tmp_path / "e.csv").write_text("date,y\n2020-01-01,12013\n2020-01-02,8439\n", encoding="utf-8")
    assert load_panel(tmp_path / "e.csv", target="y").values[0, 0] == 12013  # what the advice writes is read


def test_decimal_commas_in_a_table_given_in_memory_are_told_to_be_read_with_pandas_decimal_comma():
    """t34t3: a cp1252 ';' file read with pd.read_csv(path, sep=';') was told to "separate a file's columns by ';'",
    which they were, and the path itself is refused as not UTF-8 (decision 1713)."""
    frame = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=8).strftime("%Y-%m-%d"), "Umsatz": ["1500,0"] * 8})
    with pytest.raises(RnncastError, match=r"'1500,0' looks like a number with a decimal comma, which is not read in a "
                                           r"table given in memory: write decimal points \(1500\.0\), or read its file "
                                           r"with pd\.read_csv\(path, sep=';', decimal=','\), which reads them as numbers$"):
        load_panel(frame, target="Umsatz")


def test_a_zero_percentage_is_not_advised_as_write_0_or_0():
    """A tester's '0%' discount was told "write 0 or 0, as the column means" (decision 1887)."""
    assert numbertext.hint("0%", ",", pd.Series(["0%"])).startswith(
        "; '0%' is a percentage; write 0 (0 either way: 20% is 20 or 0.2), as the column means")
    assert numbertext.hint("0.0\u2030", ",", pd.Series(["0.0\u2030"])).endswith(
        "write 0.0 (0 either way: 20\u2030 is 20 or 0.02), as the column means")
    assert "write 20 or 0.2, as the column means (" in numbertext.hint("20%", ",", pd.Series(["20%"]))


def test_a_detection_limit_code_points_to_missing_values(tmp_path):
    """t36t8 F5 (decision 1938): a rain gauge's '<0.1' was refused "the target and covariates must be numbers", with
    nothing on what would be read, though missing_values='<0.1' reads such cells as missing."""
    assert numbertext.hint("<0.1", ",", pd.Series(["<0.1"])) == (
        "; '<0.1' looks like a below-detection-limit code (a value under 0.1, not measured exactly): give "
        "missing_values='<0.1', --missing-values '<0.1' to read such cells as missing (then filled as fill=, --fill "
        "says), or write a number in its place (0, or half the limit, 0.05), as the column means")
    assert "an above-range code (a value over 2000" in numbertext.hint("> 2000", ",", pd.Series(["> 2000"]))
    assert numbertext.hint("<5 kg", ",", pd.Series(["<5 kg"])) == ""  # no code of a limit alone
    frame = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=30).strftime("%Y-%m-%d"),
                          "y": ["0.3", "<0.1"] * 15})
    frame.to_csv(tmp_path / "rain.csv", index=False)
    with pytest.raises(RnncastError, match=r"holds '<0\.1' .*give missing_values='<0\.1'"):
        load_panel(tmp_path / "rain.csv", target="y")
    read = load_panel(tmp_path / "rain.csv", target="y", missing_values="<0.1", fill="zero")
    assert read.values[:, 0].tolist()[:2] == [0.3, 0.0]  # what the advice gives is read


def test_booleans_are_said_once_per_call_as_info_not_on_every_read(caplog):
    """A predict reads the data and its --future file: the bool column is said once (decision 2184)."""
    from rnncast import noticed
    with caplog.at_level(logging.INFO, logger="rnncast"), noticed.one_call():
        numbertext.as_numbers(pd.Series([True, False]), "holiday")
        numbertext.as_numbers(pd.Series([False, True]), "holiday")
    said = [r for r in caplog.records if "holds booleans" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.INFO
def test_a_percentage_refusal_gives_the_pandas_line_that_reads_the_column_as_fractions():
    """README never said percentages are refused, and the refusal gave no way to read them (decision 2195)."""
    said = numbertext.hint("3,4%", ";", pd.Series(["3,4%", "12,5 %"], name="Desconto"))
    assert said.endswith("(a spreadsheet's 12,5% cell holds 0,125: format the column as numbers there, or in pandas: "
                         "df['Desconto'] = df['Desconto'].str.rstrip('% ').str.replace(',', '.').astype(float) / 100)")
    df = pd.DataFrame({"Desconto": ["3,4%", "12,5 %"]})
    exec(said[said.index("df["):-1], {"df": df})
    assert df["Desconto"].tolist() == [0.034, 0.125]

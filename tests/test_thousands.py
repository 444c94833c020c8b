"""Thousands separators other than a point or a comma (``thousands.py``): the Swiss apostrophe (``1'003.77``) and
the French or Nordic space (``1 003,77``, also a no-break or narrow no-break space, as Excel writes them) read
where every value of the column fits one reading; a value grouped otherwise keeps the column text, refused by name."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, thousands
from rnncast.csvdialect import dialect_of
from rnncast.data import read_table
from rnncast.loading import load_panel


def _write(path, values, sep=";"):
    path.write_text(f"date{sep}y\n" + "".join(f"2021-01-{k + 1:02d}{sep}{v}\n" for k, v in enumerate(values)))
    return path


@pytest.mark.parametrize("values, numbers, decimal", [
    (["1'003.77", "12'500", "999", "-1'234'567.5"], [1003.77, 12500.0, 999.0, -1234567.5], "."),
    (["1\u2019003.77", "12'500"], [1003.77, 12500.0], "."),  # a right single quotation mark, as some Swiss settings
    (["1 003,77", "12 500", "999,5"], [1003.77, 12500.0, 999.5], ","),
    (["1\u202f003,77", "12\u00a0500", "7"], [1003.77, 12500.0, 7.0], ","),  # Excel's narrow no-break space, and a
    # no-break space: no space is a decimal mark, whichever kind
])
def test_apostrophe_and_space_thousands_are_read_with_the_other_decimal_mark(tmp_path, caplog, values, numbers, decimal):
    with caplog.at_level(logging.WARNING, logger="rnncast.csvmarks"):
        frame = read_table(_write(tmp_path / "d.csv", values))
    assert frame["y"].tolist() == numbers
    assert caplog.text.count("column 'y' is written with thousands separators and read as the numbers it "
                             f"writes ('{values[0]}' as {numbers[0]}") == 1
    dialect = dialect_of(frame)
    assert dialect.decimal == decimal and "without thousands separators" in dialect.said


def test_integers_in_apostrophes_keep_decimal_points_and_in_spaces_the_files_mark(tmp_path):
    """12'500 is Swiss, whose decimal mark is the point; 12 500 says nothing of it: the ';' file's comma."""
    assert dialect_of(read_table(_write(tmp_path / "a.csv", ["12'500", "999"]))).decimal == "."
    frame = read_table(_write(tmp_path / "b.csv", ["12 500", "999"]))
    assert frame["y"].tolist() == [12500.0, 999.0] and dialect_of(frame).decimal == ","
    frame = read_table(_write(tmp_path / "c.csv", ["12 500", "1 003.5"], sep=","))  # unquoted: no comma in it
    assert frame["y"].tolist() == [12500.0, 1003.5]


@pytest.mark.parametrize("values, line, says", [
    (["12 500", "1 2"], 3, r"'1 2' \(1 non-numeric value\(s\) in all\); the target and covariates must be numbers$"),
    (["12'500", "1'00"], 3, r"\"1'00\" \(1 non-numeric value\(s\) in all\); the target and covariates must be numbers$"),
    (["12'500", "1 003"], 2, r"\"12'500\" .*; \"12'500\" is written with thousands separators \(apostrophes: 12500\), "
                             r"which are read only where every value of the column is written with the same marks, but "
                             r"the column also holds '1 003': write the column one way, or without thousands separators"),
    (["1 003,77", "1 003.5"], 2, r"'1 003,77' .*written with thousands separators \(spaces: 1003\.77\), .* also holds "
                                 r"'1 003\.5'"),
])
def test_a_value_grouped_otherwise_keeps_the_column_text_refused_by_name(tmp_path, values, line, says):
    path = _write(tmp_path / "d.csv", values)
    assert read_table(path)["y"].tolist()[:2] == values[:2]
    with pytest.raises(RnncastError, match=rf"column 'y' is not numeric: line {line} of d\.csv holds {says}"):
        load_panel(path, target="y")


def test_a_decimal_comma_after_space_thousands_is_not_read_in_a_comma_separated_file(tmp_path):
    path = _write(tmp_path / "d.csv", ['"1 003,5"', "12 500"], sep=",")
    with pytest.raises(RnncastError, match=r"holds '1 003,5' .*looks like a number with a decimal comma, which is not "
                                           r"read in a comma-separated file: write decimal points \(1003\.5\)"):
        load_panel(path, target="y")


def test_a_reading_is_one_set_of_numbers_checked_value_by_value():
    text = pd.Series
    assert thousands.reading(text(["1.005,67", "999,5"])) == (".", ",")
    assert thousands.reading(text(["12 500", "999"])) == (" ", None)  # no decimals: either mark reads the same
    assert thousands.reading(text(["1,234", "999"])) is None  # 1234 or 1.234
    assert thousands.reading(text(["1,234", "999"]), ",", points=True) == (",", None)
    assert thousands.reading(text(["1.00.0"])) is None and thousands.reading(text(["0.947"])) is None
    assert thousands.reading(text(["1,5", "2"])) is None  # decimal commas, no thousands: numbertext's
    assert thousands.grouped("1.003,78") == (".", ",") and thousands.grouped("1,234") == (",", None)
    assert thousands.grouped("12,5") is None


def test_whole_numbers_with_thousands_marks_read_as_integers_as_the_same_numbers_written_plain_do(tmp_path, caplog):
    """A retail tester's store sizes written "3,150" by Excel lost the whole-numbers warning the same sizes written
    3150 get: the marks made them floats."""
    numbers = thousands.numbers
    assert numbers(pd.Series(["3,150", "2,391", "980"]), ",", ".").dtype == "int64"
    assert numbers(pd.Series(["3,150.50", "2,391"]), ",", ".").dtype == "float64"  # a decimal written
    assert numbers(pd.Series(["3,150", None]), ",", ".").dtype == "float64"  # a blank: as pandas reads one
    rng = np.random.default_rng(0)
    rows = [(s, f"2024-01-{d:02d}", f"{rng.normal(1000, 50):.2f}", size) for s, size in (("a", "3,150"), ("b", "2,391"),
                                                                                          ("c", "1,200"))
            for d in range(1, 29)]
    path = tmp_path / "sales.csv"
    path.write_text("store,date,sales,size\n" + "\n".join(f'{s},{d},{v},"{z}"' for s, d, v, z in rows) + "\n")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "lookback": 4, "horizon": 2}).fit(path, target="sales", id_col="store",
                                                                 static_covariates=["size"])
    assert "static covariate 'size' holds whole numbers (3150, 2391, 1200)" in caplog.text


def _prices(tmp_path, sales: bool = True):
    """A German file: 'Umsatz' as Excel writes #.##0,00 (50.613,88), 'Preis' as 0,000 (6,001: every comma before
    three digits)."""
    prices = ["6,001", "8,178", "7,205", "1,759", "12,350", "9,000"] * 6
    lines = ["Datum;Umsatz;Preis" if sales else "Datum;Preis"] + [
        f"01.{m:02d}.{2022 + i // 12};" + (f"{50 + i}.{613 + i},88;" if sales else "") + p
        for i, (m, p) in enumerate(zip([k % 12 + 1 for k in range(36)], prices))]
    path = tmp_path / "preise.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def test_a_column_of_three_decimals_is_read_as_decimal_commas_where_the_file_writes_its_decimals_so(tmp_path, caplog):
    """'6,001' beside '50.613,88' was refused as a decimal comma or a thousands separator, advising "write its
    numbers with a decimal point", which the file's dot thousands then read as 6001 (decision 1479)."""
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(_prices(tmp_path), target="Umsatz", features="Preis")
    assert panel.values[:3, 1].tolist() == [6.001, 8.178, 7.205] and panel.values[0, 0] == 50613.88
    assert ("preise.csv: column(s) ['Preis'] hold numbers such as '6,001', read with the comma as a decimal mark "
            "(6.001) because the file writes its decimals with a comma elsewhere ('50.613,88' in 'Umsatz'); if the "
            "comma groups thousands there, write them without it") in caplog.messages
    with pytest.raises(RnncastError, match=r"'6,001' could be a decimal comma \(6\.001\) or a thousands separator "
                                           r"\(6001\)"):  # alone in its file: no evidence, still not guessed
        load_panel(_prices(tmp_path, sales=False), target="Preis")


def test_comma_decimals_reads_only_columns_whose_every_number_holds_one_comma():
    """'12' beside '6,001' is no fixed 0,000 column: '1,500' beside '800' is English grouping (decision 1504)."""
    assert thousands.comma_decimals(pd.Series(["6,001", "12,000", "-0,5"])).tolist() == [6.001, 12.0, -0.5]
    for text in (["1.005,001"], ["6,001", "n/a"], ["12", "13"], ["1,234,567"], ["6,001", "12"], ["12", "6,001"]):
        assert thousands.comma_decimals(pd.Series(text)) is None


def test_a_column_of_commas_only_in_its_thousands_stays_refused_beside_decimal_commas(tmp_path):
    """'1,500' beside '800' (Excel's #,##0 in English) was read as 1.5 and 800 because the file writes '50.613,88'
    elsewhere; only a column whose every value holds the comma is read so (decision 1504)."""
    path = tmp_path / "menge.csv"
    path.write_text("Datum;Umsatz;Menge\n" + "".join(
        f"01.{m:02d}.2022;5{m}.613,88;{v}\n" for m, v in enumerate(["1,500", "800", "2,750", "950", "1,100", "640"] * 2,
                                                                   start=1)))
    with pytest.raises(RnncastError, match=r"'1,500' could be a decimal comma \(1\.500\) or a thousands separator "
                                           r"\(1500\)"):
        load_panel(path, target="Menge")


def test_the_decimal_comma_evidence_numbertext_read_is_named(tmp_path, caplog):
    """'6,001' beside '12,5' (read by numbertext) named no evidence: "...elsewhere; if the comma..."."""
    path = tmp_path / "preise.csv"
    path.write_text("Datum;Umsatz;Preis\n" + "".join(f"01.{m:02d}.2022;1{m},5;6,{m:03d}\n" for m in range(1, 13)))
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(path, target="Umsatz", features="Preis")
    assert panel.values[:2, 1].tolist() == [6.001, 6.002]
    assert "writes its decimals with a comma elsewhere ('11,5' in 'Umsatz'); if the comma" in caplog.text


def test_a_multiplier_in_a_file_of_decimal_commas_reads_its_point_as_thousands(tmp_path):
    """t32t8 L3: m_semi_dec.csv (';', price '0,5' read as decimal commas) still told '1.000M' "write the whole number
    (1000000000, or 1000000 where its point is a decimal point)"; the file's decimal mark is the comma, so its point
    groups thousands: one reading (decision 1583). A ';' file that shows no decimal mark keeps both."""
    rows = "".join(f"2024-01-{d:02d};1.{d:03d}M;{d},5\n" for d in range(1, 31))
    (tmp_path / "dec.csv").write_text("date;sales;price\n" + rows)
    with pytest.raises(RnncastError, match=r"'1\.001M' is written with the multiplier 'M' \(million\); write the whole "
                                           r"number \(1001000000\)$"):
        load_panel(tmp_path / "dec.csv", target="sales")
    (tmp_path / "plain.csv").write_text("date;sales\n" + "".join(r.rsplit(";", 1)[0] + "\n" for r in rows.splitlines()))
    with pytest.raises(RnncastError, match=r"\(1001000000, or 1001000 where its point is a decimal point\)$"):
        load_panel(tmp_path / "plain.csv", target="sales")
    column = pd.Series(["1,5M"])
    column.attrs["decimal"] = ","
    assert thousands.marks_of(";", column) == thousands.COMMAS and thousands.marks_of(",", column) == ","
    assert thousands.decimal_comma_plain("1.234,5") == "1234.5"

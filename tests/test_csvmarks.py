"""Thousands separators, byte-order marks and line ends of CSV files (``csvmarks.py``): numbers written with
thousands separators read where one reading fits every value, refused where the dot could be either; the
file's mark and line ends kept for its forecasts."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, csvmarks
from rnncast.cli import main
from rnncast.csvdialect import dialect_of
from rnncast.csvtext import csv_text, dated
from rnncast.data import read_table
from rnncast.loading import load_panel


def _write(path, header, values, sep=";"):
    path.write_text(header + "\n" + "".join(f"{k + 1:02d}.01.2021{sep}{v}\n" for k, v in enumerate(values)))
    return path


def test_european_excel_numbers_are_read_with_their_thousands_dots_and_decimal_comma(tmp_path, caplog):
    path = _write(tmp_path / "d.csv", "Datum;Umsatz;Stueck", ["1.005,67;1.005", "986,00;999", "12.345.678,5;2"])
    with caplog.at_level(logging.WARNING, logger="rnncast.csvmarks"):
        frame = read_table(path)
    assert frame["Umsatz"].tolist() == [1005.67, 986.0, 12345678.5]
    assert frame["Stueck"].tolist() == [1005.0, 999.0, 2.0]  # the file's decimal mark is the comma: the dot groups
    assert ("columns 'Umsatz' and 'Stueck' are written with thousands separators and read as the numbers they write "
            "('1.005,67' as 1005.67, '1.005' as 1005)") in caplog.text
    assert "forecasts are written without them" in caplog.text
    assert dialect_of(frame)[:2] == (";", ",") and dialect_of(frame).thousands == "."


@pytest.mark.parametrize("sep, name, quote", [("\t", "d.tsv", ""), (";", "d.csv", ""), (",", "d.csv", '"')])
def test_thousands_commas_with_decimal_points_are_read_in_any_separator(tmp_path, sep, name, quote):
    values = [f"{quote}1,000.04{quote}", "999.5", f"{quote}-2,500{quote}"]
    frame = read_table(_write(tmp_path / name, f"date{sep}y", values, sep=sep))
    assert frame["y"].tolist() == [1000.04, 999.5, -2500.0]


def test_integers_in_thousands_dots_of_a_semicolon_file_without_decimal_commas_are_refused(tmp_path):
    path = _write(tmp_path / "d.csv", "Datum;Stueck", ["903", "1.005", "999"])
    with pytest.raises(RnncastError, match=r"column 'Stueck' holds '1\.005' at line 3 of d\.csv beside '903': a "
                                           r"thousands separator \(1005\) or a decimal point \(1\.005\)\? .*"
                                           r"write the column without thousands separators .* or its decimals with "
                                           r"a comma \(1,005\)"):
        read_table(path)


def test_dots_in_a_tab_file_are_refused_as_in_a_semicolon_file_and_ambiguous_text_stays_text(tmp_path):
    """A tab file of German Excel ('07.01.2021', 1.006 beside 967) was read as 1.006: refused where the dot could be
    either, as in a ';' file (decision 244); decimals that start 0. are no thousands group (0.947)."""
    with pytest.raises(RnncastError, match=r"holds '1\.005' at line 2 .*In a file separated by tabs"):
        read_table(_write(tmp_path / "d.tsv", "date\ty", ["1.005", "999"], sep="\t"))
    assert read_table(_write(tmp_path / "g.tsv", "date\ty", ["1.005", "9.5"], sep="\t"))["y"].tolist() == [1.005, 9.5]
    assert read_table(_write(tmp_path / "h.csv", "date;y", ["0.947", "-0.048"]))["y"].tolist() == [0.947, -0.048]
    frame = read_table(_write(tmp_path / "e.csv", "date;y", ["1.234", "1,005"]))  # 1234 and 1.005, or 1.234 and 1005
    assert frame["y"].tolist() == ["1.234", "1,005"]
    frame = read_table(_write(tmp_path / "f.csv", "date;y", ["1,5", "2,25"]))  # plain decimal commas: numbertext's
    assert frame["y"].tolist() == [1.5, 2.25] and csvmarks.THOUSANDS not in frame.attrs


def test_a_byte_order_mark_and_crlf_line_ends_are_written_back_to_a_file_not_to_standard_output(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes("\ufeffFiliale;Datum;Stück\r\nKöln Süd;01.01.2021;1,5\r\nKöln Süd;02.01.2021;2,5\r\n".encode())
    frame = read_table(path)
    assert list(frame.columns) == ["Filiale", "Datum", "Stück"]
    dialect = dialect_of(frame)
    assert (dialect.bom, dialect.line_end) == (True, "\r\n")
    assert "a UTF-8 byte-order mark, CR LF line ends" in dialect.said
    out = dated(frame.iloc[:1].copy(), dialect=dialect)
    assert csv_text(out, file=True) == "\ufeffFiliale;Datum;Stück\r\nKöln Süd;01.01.2021;1,5\r\n"
    assert csv_text(out) == "Filiale;Datum;Stück\r\nKöln Süd;01.01.2021;1,5\r\n"


def test_a_comma_file_with_crlf_keeps_them_and_a_plain_one_has_no_dialect(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"date,y\r\n2021-01-01,1.5\r\n")
    (tmp_path / "b.csv").write_bytes(b"date,y\n2021-01-01,1.5\n")
    assert dialect_of(read_table(tmp_path / "a.csv")).line_end == "\r\n"
    assert dialect_of(read_table(tmp_path / "b.csv")) is None
    assert csvmarks.marks(b"a\rb") == (False, "\r") and csvmarks.marks(b"") == (False, "\n")
    assert np.isnan(read_table(_write(tmp_path / "c.csv", "date;y", ["1.005,5", ""]))["y"].iloc[1])


def test_dots_beside_decimal_points_in_a_semicolon_file_are_decimal_points_and_said(tmp_path, caplog):
    """1.005 beside 999 was read as 1.005 without a word where another column wrote 10.5: the reading stands (the
    file writes decimal points) and a warning names it, as a series then jumps a thousandfold."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(_write(tmp_path / "d.csv", "date;a;b", ["1.005;10.5", "999;11.25"]))
    assert frame["a"].tolist() == [1.005, 999] and frame["b"].tolist() == [10.5, 11.25]
    assert "column(s) ['a'] hold numbers such as '1.005' beside '999', read with the dot as a decimal point" in caplog.text


def test_a_column_dotted_in_every_value_is_said_without_an_empty_beside(tmp_path, caplog):
    """Decision 1537: every 'Preis' written 1.719 (three decimals) was said "such as '1.719' beside ''"."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(_write(tmp_path / "d.csv", "date;a;b", ["1.719;10.5", "1.689;11.25"]))
    assert frame["a"].tolist() == [1.719, 1.689]
    assert "column(s) ['a'] hold numbers such as '1.719', read with the dot as a decimal point" in caplog.text


def test_dots_in_a_pipe_file_are_refused_as_in_a_tab_file(tmp_path):
    with pytest.raises(RnncastError, match=r"holds '1\.005' at line 2 .*In a file separated by '\|'"):
        read_table(_write(tmp_path / "d.csv", "date|y", ["1.005", "999"], sep="|"))


def test_numbers_padded_with_a_no_break_space_are_numbers(tmp_path):
    """French Excel's '# ##0 ' writes 1000 and a no-break space: the column was refused as 'holds timestamps'."""
    (tmp_path / "d.csv").write_text("date,y\n2023-01-01,1000\u00a0\n2023-01-02,\u00a05\n", encoding="utf-8")
    assert read_table(tmp_path / "d.csv")["y"].tolist() == [1000.0, 5.0]


def test_an_excel_export_with_a_sep_line_trailing_empty_rows_and_thousands_is_read_whole(tmp_path):
    """Decisions 227 and 235 merged: the file is read again as text for its thousands and fixed decimals, which
    must skip Excel's sep= line and stop where the trailing rows of separators were left out."""
    from rnncast.data import read_table

    rows = [f"0{d}.01.2021;1.00{d}.00{d},50;{d}" for d in range(1, 8)]  # 1.001.001,50
    (tmp_path / "x.csv").write_text("sep=;\nDatum;Umsatz;n\n" + "\n".join(rows) + "\n;;\n;;\n")
    frame = read_table(tmp_path / "x.csv")
    assert len(frame) == 7 and frame["Umsatz"].tolist() == [1001001.5 + 1001 * (d - 1) for d in range(1, 8)]


def _quoted_sales(path, n=60, decimals=True):
    """A comma-separated file as an English-speaking spreadsheet writes it: quoted "2,577" beside 999, and a
    price with decimal points (or whole prices where ``decimals`` is False)."""
    rng = np.random.default_rng(0)
    sales, price = rng.integers(900, 3000, n), np.round(rng.uniform(4, 5, n), 2)
    rows = [f'{d:%Y-%m-%d},"{s:,}",{p if decimals else int(p)}'
            for d, s, p in zip(pd.date_range("2023-01-01", periods=n), sales, price)]
    path.write_text("date,sales,price\n" + "\n".join(rows) + "\n")
    return path, sales


def test_quoted_thousands_commas_beside_decimal_points_are_read_and_forecasts_written_without_them(tmp_path, caplog):
    """A comma file of quoted "2,577" was refused ("thousands separators, which are not read"), though its prices
    write decimals with a point, so its comma can be no decimal mark (decision 247)."""
    path, sales = _quoted_sales(tmp_path / "q.csv")
    assert '"2,' in path.read_text() and (sales < 1000).any()  # "2,577" beside 999
    with caplog.at_level(logging.WARNING, logger="rnncast.csvmarks"):
        frame = read_table(path)
    assert frame["sales"].tolist() == sales.astype(float).tolist()
    assert "q.csv: column 'sales' is written with thousands separators and read as the numbers it writes" in caplog.text
    Forecaster(**TINY).fit(str(path), target="sales").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(path), "--out", str(tmp_path / "f.csv")]) == 0
    lines = (tmp_path / "f.csv").read_text().splitlines()
    assert lines[0] == "date,cutoff,step_ahead,sales" and len(lines) == 1 + TINY["horizon"]
    assert all(re.fullmatch(r"2023-03-\d\d,[\d-]+,\d,-?\d+\.\d+", line) for line in lines[1:]), lines  # no '"2,577"'


@pytest.mark.parametrize("values, number", [(['"1,041.50"', "999"], [1041.5, 999.0]),
                                            (['"1,041"', "-2.5"], [1041.0, -2.5])])
def test_a_point_decimal_in_the_column_itself_makes_its_commas_thousands(tmp_path, values, number):
    assert read_table(_write(tmp_path / "d.csv", "date,y", values, sep=","))["y"].tolist() == number


def test_quoted_commas_are_not_read_where_nothing_writes_a_decimal_point_or_a_value_is_no_group(tmp_path):
    """Without a point decimal in the file '2,577' could be 2.577 as well: refused, saying how to write either.
    Beside point decimals a comma that groups no three digits ('12,5', '1,00') is a decimal comma, refused."""
    path, _ = _quoted_sales(tmp_path / "q.csv", decimals=False)
    with pytest.raises(RnncastError, match=r"column 'sales' is not numeric: line 2 of q\.csv holds '(\d),(\d{3})' .*; "
                                           r"'\1,\2' could be a thousands separator \(\1\2\) or a decimal comma "
                                           r"\(\1\.\2\): nothing in the file writes decimals with a point, so rnncast "
                                           r"does not guess; write numbers without thousands separators \(\1\2\), or "
                                           r"with their decimals after a point \(\1,\2\.00\)$"):
        load_panel(path, target="sales")
    for bad in ("12,5", "1,00"):
        path = _write(tmp_path / "e.csv", "date,y,price", ['"2,577",4.14', f'"{bad}",4.84', "999,4.5"], sep=",")
        assert read_table(path)["y"].tolist() == ["2,577", bad, "999"]
        with pytest.raises(RnncastError, match=rf"line 3 of e\.csv holds '{bad}' .*; '{bad}' looks like a number with "
                                               r"a decimal comma, which is not read in a comma-separated file"):
            load_panel(path, target="y")


def test_a_value_with_a_trailing_minus_is_quoted_as_the_file_writes_it(tmp_path, caplog):
    """A ';' file of '1.234-, 2.500, ...' was refused saying "column 'amt' holds '-1.234' at line 2" and its
    thousands warning said "('-1.234' as -1234)": the value as signs rewrote it, not as the file has it."""
    rows = ["1.234-", "2.500", "3.750", "4.100"]
    lines = ["date;amt;z"] + [f"2020-01-0{i + 1};{v};{i},5" for i, v in enumerate(rows)]
    (tmp_path / "dec.csv").write_text("\n".join(lines) + "\n")  # decimal commas beside: the dots group thousands
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert read_table(tmp_path / "dec.csv")["amt"].tolist() == [-1234.0, 2500.0, 3750.0, 4100.0]
    assert "read as the numbers it writes ('1.234-' as -1234)" in caplog.text and "'-1.234'" not in caplog.text
    (tmp_path / "amt.csv").write_text("\n".join(line.rsplit(";", 1)[0] for line in lines) + "\n")
    with pytest.raises(RnncastError, match=r"^column 'amt' holds '1\.234-' at line 2 of amt\.csv: a thousands "
                                           r"separator \(-1234\) or a decimal point \(-1\.234\)\? .* its decimals with a comma \(1,234-\)$"):
        read_table(tmp_path / "amt.csv")
    grouped = "date;amt\n2020-01-01;1.234,50-\n2020-01-02;2.500,00-\n"  # every value so: none unsigned to quote
    (tmp_path / "neg.csv").write_text(grouped)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        read_table(tmp_path / "neg.csv")
    assert "read as the numbers it writes ('1.234,50-' as -1234.50)" in caplog.text


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_dotted_column_with_a_blank_value_is_refused_in_one_line_not_a_traceback(tmp_path, sep):
    """A tester's finding: a ';' or tab file whose numbers all show three decimals (10.000) and one blank value ended in
    a KeyError traceback (the blank made the column's matches objects, and ~ of a Python bool is -2), where the same
    file without the blank is refused in one line: thousands separator or decimal point?"""
    path = tmp_path / "semi.csv"
    path.write_text(sep.join(["date", "y"]) + "\n" + "".join(
        f"{d}{sep}{v}\n" for d, v in [("2024-01-01", "10.000"), ("2024-01-02", "10.500"), ("2024-01-03", ""),
                                      ("2024-01-04", "11.250")]))
    with pytest.raises(RnncastError, match=r"^column 'y' holds '10\.000' at line 2 of .*semi\.csv: a thousands "
                                           r"separator \(10000\) or a decimal point \(10\.000\)\?"):
        read_table(path)


def test_file_bom_reads_the_mark_of_plain_and_compressed_files(tmp_path):
    import gzip

    from rnncast.csvmarks import file_bom

    (tmp_path / "a.csv").write_bytes(b"\xef\xbb\xbfdate,y\n")
    (tmp_path / "b.csv").write_bytes(b"date,y\n")
    (tmp_path / "c.csv.gz").write_bytes(gzip.compress(b"\xef\xbb\xbfdate,y\n"))
    assert file_bom(tmp_path / "a.csv") and file_bom(tmp_path / "c.csv.gz")
    assert not file_bom(tmp_path / "b.csv") and not file_bom(tmp_path / "missing.csv")


@pytest.mark.parametrize("mark, said", [("\u202f", "a narrow no-break space"), ("\u00a0", "a no-break space"),
                                        (" ", "a space")])
def test_thousands_warning_shows_the_value_as_written_and_names_an_unseen_separator(tmp_path, caplog, mark, said):
    """t34t3: "column(s) [\\"Chiffre d'affaires\\"] ... ('1\\u202f500,0' as 1500.0)": Python's reprs, not the file's
    text (decision 1712)."""
    path = _write(tmp_path / "d.csv", "Datum;Chiffre d'affaires", [f"1{mark}50{k},5" for k in range(3)])
    with caplog.at_level(logging.WARNING, logger="rnncast.csvmarks"):
        read_table(path)
    assert (f"d.csv: column 'Chiffre d'affaires' is written with thousands separators and read as the numbers it "
            f"writes ('1{mark}500,5' as 1500.5, with {said} as thousands separator); forecasts are written without "
            "them") in caplog.text

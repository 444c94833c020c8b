"""CSV files as spreadsheets write them (``sheetcsv.py``): Excel's ``sep=`` first line gives the separator;
rows of separators only at the end and columns with neither name nor value are left out with one warning;
a row with no value amid the data and an unnamed column holding values are kept as before."""

from __future__ import annotations

import re

import gzip
import logging

import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.data import read_table
from rnncast.loading import load_panel
from rnncast.sheetcsv import Written

ROWS = "".join(f"2020-01-{d:02d},{d}.5\n" for d in range(1, 11))


def test_rows_of_separators_only_at_the_end_are_left_out_naming_their_lines(tmp_path, caplog):
    """They were refused as "time column 'date' is missing a timestamp at line 12"."""
    (tmp_path / "d.csv").write_text("date,sales\n" + ROWS + ",\n,\n")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(tmp_path / "d.csv")
    assert frame.shape == (10, 2) and frame["sales"].iloc[-1] == 10.5
    assert caplog.messages == ["d.csv: lines 12-13 hold no value, only separators (as a spreadsheet writes rows below "
                               "its data); left out, as they carry nothing"]
    assert load_panel(tmp_path / "d.csv", target="sales").lengths.tolist() == [10]


def test_columns_with_neither_name_nor_value_are_left_out_and_an_unnamed_column_of_values_is_kept(tmp_path, caplog):
    """``date,sales,,`` made ``Unnamed: 2`` and ``Unnamed: 3``: the target had to be named, and ``--features all``
    failed on columns holding no value."""
    rows = "".join(f"2020-01-{d:02d},{d}.5,,{d}\n" for d in range(1, 11))
    (tmp_path / "d.csv").write_text("date,sales,,\n" + rows + ",,,\n")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(tmp_path / "d.csv")
    assert list(frame.columns) == ["date", "sales", "Unnamed: 3"] and len(frame) == 10  # column 4 holds values
    assert caplog.messages == ["d.csv: line 12 holds no value, only separators (as a spreadsheet writes rows below "
                               "its data); column 3 of the header has neither a name nor a value; left out, as they "
                               "carry nothing"]


def test_a_row_with_no_value_amid_the_data_is_still_refused_by_its_line(tmp_path):
    (tmp_path / "d.csv").write_text("date,sales\n2020-01-01,1\n,\n" + ROWS.split("\n", 1)[1])
    with pytest.raises(RnncastError, match=r"time column 'date' is missing a timestamp at line 3 of d\.csv"):
        load_panel(tmp_path / "d.csv", target="sales")


def test_a_row_with_some_values_at_the_end_is_kept(tmp_path):
    (tmp_path / "d.csv").write_text("date,sales,note\n" + ROWS.replace("\n", ",\n") + ",,late\n")
    assert len(read_table(tmp_path / "d.csv")) == 11


@pytest.mark.parametrize("sep, end", [(",", "\n"), (";", "\r\n"), ("\t", "\r"), ("|", "\n")])
def test_excel_s_sep_line_gives_the_separator_and_is_skipped(tmp_path, caplog, sep, end):
    """``sep=,`` was read as the header: "column 'Unnamed: 1' is not numeric: line 2 holds 'sales'"."""
    text = f"sep={sep}{end}date{sep}sales{end}" + "".join(f"2020-01-0{d}{sep}{d}{end}" for d in range(1, 5))
    (tmp_path / "d.csv").write_bytes(text.encode())
    with caplog.at_level(logging.INFO, logger="rnncast"):
        frame = read_table(tmp_path / "d.csv")
    assert list(frame.columns) == ["date", "sales"] and frame["sales"].tolist() == [1, 2, 3, 4]
    assert f"d.csv: its first line {'sep=' + sep!r} names the separator" in caplog.text
    assert frame.attrs["line_offset"] == 3  # the first row is on line 3, as an editor shows it


def test_a_sep_line_is_honoured_in_a_compressed_file_and_lines_are_counted_from_it(tmp_path):
    with gzip.open(tmp_path / "d.csv.gz", "wt") as f:
        f.write("\ufeffSEP=;\ndate;sales\n2020-01-01;1\n2020-01-02;abc\n")
    with pytest.raises(RnncastError, match=r"line 4 of d\.csv\.gz holds 'abc'"):
        load_panel(tmp_path / "d.csv.gz", target="sales")


def test_the_head_of_a_file_without_a_sep_line_is_its_first_line(tmp_path):
    (tmp_path / "d.csv").write_bytes(b"date;sales\r\n2020-01-01;1\r\n")
    assert Written(tmp_path / "d.csv", None).head == ("date;sales", ";", 0, False)
    (tmp_path / "e.csv").write_bytes(b"sep=,")  # a sep line alone: no header
    assert Written(tmp_path / "e.csv", None).head == ("", ",", 1, True)


def test_a_long_table_s_rows_of_separators_are_left_out_though_its_ids_are_read_as_text(tmp_path):
    """Ids are read as written, so an empty id is "" (not missing): the row was refused as "id column
    'unique_id' is empty at line 20"."""
    rows = "".join(f"{u},2020-01-0{d},{d},,\n" for u in "ab" for d in range(1, 10))
    (tmp_path / "d.csv").write_text("unique_id,ds,y,,\n" + rows + ",,,,\n,,,,\n")
    panel = load_panel(tmp_path / "d.csv")
    assert panel.ids == ["a", "b"] and panel.lengths.tolist() == [9, 9] and panel.columns == ["y"]


def test_a_table_of_one_text_column_is_read():
    """pandas handed a read-only view of the one-column frame's missing values: "output array is read-only"."""
    from rnncast.sheetcsv import without_empty
    import pandas as pd

    frame = pd.DataFrame({"date": pd.array(["2020-01-01", ""], dtype="str")})
    assert without_empty(frame, ["date"], "d.csv", 2)["date"].tolist() == ["2020-01-01"]


def test_a_small_file_s_text_is_taken_from_the_bytes_read_for_its_head(tmp_path):
    """The file was read again as text up to five times while loading (months, thousands, fixed decimals, marks)."""
    from rnncast.sheetcsv import Written

    (tmp_path / "d.csv").write_bytes("\ufeffdate;y\r\n2020-01-01;1,50\r\n2020-01-02;NA\r\n".encode())
    written = Written(tmp_path / "d.csv", None)
    (tmp_path / "d.csv").unlink()  # nothing more is read of it
    assert written.head == ("date;y", ";", 0, False) and written.first.startswith(b"\xef\xbb\xbf")
    text = written.columns(["y"])
    assert text["y"].iloc[0] == "1,50" and pd.isna(text["y"].iloc[1]) and len(written.columns(["date", "y"], 1)) == 1


def test_a_large_file_is_read_as_text_once_and_its_first_rows_from_its_head(tmp_path):
    from rnncast.sheetcsv import HEAD, Written

    path = tmp_path / "d.csv.gz"
    rows = [f"2020-01-01 {i % 24:02d}:00;{i},50" for i in range(2 * HEAD // 20)]
    with gzip.open(path, "wt") as f:
        f.write("sep=;\nds;y\n" + "\n".join(rows) + "\n")
    expected = pd.read_csv(path, sep=";", skiprows=1, dtype=str)
    written = Written(path, ".gz")
    assert written.head == ("ds;y", ";", 1, True) and len(written.first) == HEAD
    path.rename(tmp_path / "gone.csv.gz")
    assert written.columns(["y"], 1000).equals(expected[["y"]].iloc[:1000])  # from the head's bytes
    (tmp_path / "gone.csv.gz").rename(path)
    assert written.columns(["ds", "y"]).equals(expected)
    path.unlink()  # the whole file was read once, as text
    assert written.columns(["y"], len(rows) - 1).equals(expected[["y"]].iloc[:-1])


def test_a_quoted_value_going_on_past_the_head_s_bytes_is_read_from_the_file(tmp_path):
    from rnncast.sheetcsv import HEAD, Written

    for pad in range(40):  # the last line end of the head's bytes inside a quoted value
        text = "ds;note;y" + "".join(f'\n2020;"a{"x" * pad * (i == 0)}\nb{i:05d}";{i}' for i in range(2 * HEAD // 16))
        cut = text.encode()[:HEAD]
        if cut[: cut.rfind(b"\n")].count(b'"') % 2:
            break
    (tmp_path / "d.csv").write_text(text + "\n")
    written = Written(tmp_path / "d.csv", None)
    for rows in (10, HEAD // 20):
        expected = pd.read_csv(tmp_path / "d.csv", sep=";", dtype=str, nrows=rows)[["note", "y"]]
        assert written.columns(["note", "y"], rows).equals(expected)


def test_a_first_line_of_values_is_refused_not_read_as_the_header(tmp_path):
    """np.savetxt's file (no header) was read with its first value as the column name and that row lost, silently;
    a stock export without its header likewise (its first date a column name). Whole numbers alone may label series."""
    from rnncast.data import read_table
    from rnncast.sheetcsv import values_not_names

    (tmp_path / "s.csv").write_text("0.000000000000000000e+00\n1.986693307950612164e-01\n")
    with pytest.raises(RnncastError, match=r"^the first line of .*s\.csv holds values, not column names "
                                           r"\(0\.000000000000000000e\+00\): .* add a header line naming the columns"):
        read_table(tmp_path / "s.csv")
    assert values_not_names(["2023-09-01", "147.5"]) and values_not_names(["01.07.2024", "26150,92"])
    for names in (["1001", "1002"], ["date", "0", "1", "OT"], ["Jan", "Feb"], ["Q1 2020", "Q2 2020"], ["ds", "y"]):
        assert not values_not_names(names), names


def test_a_title_line_above_the_header_is_said_to_be_one_not_a_decimal_comma(tmp_path):
    """'Sales report 2020' above 'date,y,x' was answered with the decimal-comma and quoting hint."""
    rows = "".join(f"2020-01-{d:02d},{d * 1.5},{d % 3}\n" for d in range(1, 11))
    (tmp_path / "t.csv").write_text("Sales report 2020\ndate,y,x\n" + rows)
    with pytest.raises(RnncastError) as err:
        read_table(tmp_path / "t.csv")
    assert str(err.value) == (f"the first line of {tmp_path / 't.csv'} ('Sales report 2020') looks like a title above the "
                              "header (line 2: 'date,y,x'), and the first line is read as the header; remove the title "
                              "line so that the column names come first")
    (tmp_path / "b.csv").write_text("Sales report 2020\n\n\ndate,y,x\n" + rows)  # blank lines below the title: the
    with pytest.raises(RnncastError, match=r"\('Sales report 2020'\) looks like a title above the header \(line 4: "
                                           r"'date,y,x'\), .*remove the title line and the blank lines below it"):
        read_table(tmp_path / "b.csv")  # decimal-comma hint before (a tester's find)
    for head in ("Sales report 2020,,\n", "Sales report 2020,,\n,,\n"):  # Excel writes a title over three columns so
        (tmp_path / "e.csv").write_text(head + "date,y,x\n" + rows)  # (the title was taken as the time column)
        with pytest.raises(RnncastError, match=r"\('Sales report 2020'\) looks like a title above the header"):
            read_table(tmp_path / "e.csv")
    for head in ("Sales report 2020\nexported 2020-11-01\n", "Sales report 2020;;\nexported 2020-11-01\n\n"):
        (tmp_path / "m.csv").write_text(head + "date,y,x\n" + rows)  # two title lines: decimal-comma hint (a tester's)
        with pytest.raises(RnncastError, match=r"the first lines of .*m\.csv \('Sales report 2020(;;)?', 'exported "
                                               r"2020-11-01'\) look like a title above the header \(line [34]: "
                                               r"'date,y,x'\), .*remove the title lines( and the blank lines below it)? "
                                               r"so that the column names come first$"):
            read_table(tmp_path / "m.csv")
    (tmp_path / "d.csv").write_text("y\n1,5\n2,5\n")  # one column of decimal commas: the hint it had
    with pytest.raises(RnncastError, match="a decimal comma, as in 51,02"):
        read_table(tmp_path / "d.csv")


@pytest.mark.parametrize("head, titles, line", [
    ("Umsatzbericht 2023\nFiliale: München, Stand 01.11.2023\n\n", "'Umsatzbericht 2023', 'Filiale: München, Stand "
     "01.11.2023'", 4),  # a tester's title_comma.csv: the second line was read as the header after the first
    ("Filiale: München, Stand 01.11.2023\n\n", "'Filiale: München, Stand 01.11.2023'", 3),  # a comma in the first
    ("Bericht 2023\nFiliale: München, Stand 2023\n", "'Bericht 2023', 'Filiale: München, Stand 2023'", 3)])
def test_every_line_above_the_header_is_named_as_the_title_though_it_holds_a_comma(tmp_path, head, titles, line):
    """The header is the first line of names over a row of as many fields: the title lines above it may hold a
    separator (naming only the first line of two, deleting it brought the decimal-comma hint back)."""
    rows = "".join(f"2020-01-{d:02d},{d * 1.5},{d % 3},{d}\n" for d in range(1, 11))
    (tmp_path / "t.csv").write_text(head + "date,y,x,z\n" + rows, encoding="utf-8")
    with pytest.raises(RnncastError, match=rf"\({re.escape(titles)}\) looks? like a title above the header \(line "
                                           rf"{line}: 'date,y,x,z'\)"):
        read_table(tmp_path / "t.csv")


def test_a_header_line_of_values_after_blank_lines_is_named_by_its_line(tmp_path):
    """Values where the header belongs, below three blank lines, were refused as "the first line of b.csv holds
    values" though the first line is blank: the line an editor shows (4) is named."""
    from rnncast.data import read_table

    (tmp_path / "b.csv").write_text("\n\n\n2020-01-01,1\n2020-01-02,2\n")
    with pytest.raises(RnncastError, match=r"^line 4 of .*b\.csv \(the header line\) holds values, not column names "
                                           r"\(2020-01-01, 1\): "):
        read_table(tmp_path / "b.csv")


def test_a_header_cell_with_a_line_break_is_refused_by_the_name_it_breaks(tmp_path):
    """An attacker's Excel header cell 'temp\\n(°C)' (a wrapped cell) gave pandas' "EOF inside string" as the reason."""
    path = tmp_path / "wrapped.csv"
    path.write_text('date,sales,"temp\n(°C)"\n2024-01-01,1.5,20\n2024-01-02,1.7,21\n', encoding="utf-8")
    with pytest.raises(RnncastError, match=r"^the header of .*wrapped.csv \(line 1\) breaks a column name over lines "
                                           r"\(\"temp\.\.\. continues on line 2\): write each column's name on one line"):
        read_table(path)
    (tmp_path / "quoted.csv").write_text('date,"a ""q"" b",y\n2024-01-01,1,2\n')  # quotes in one line: read
    assert list(read_table(tmp_path / "quoted.csv").columns) == ["date", 'a "q" b', "y"]


def test_an_unquoted_comma_in_a_date_is_more_values_than_the_header_not_a_title(tmp_path):
    """'Date,Sales' over 'Sun, 01/01/2023,100' was told "the first line ... looks like a title above the header
    (line 2: 'Sun, 01/01/2023,100')": a row of values holding a date is no header (decision 1477)."""
    days = pd.date_range("2023-01-01", periods=40, freq="D")
    path = tmp_path / "weekdays.csv"
    path.write_text("Date,Sales\n" + "".join(f"{d:%a}, {d:%m/%d/%Y},{100 + i}\n" for i, d in enumerate(days)))
    with pytest.raises(RnncastError, match=r"^the rows of .*weekdays\.csv hold more values than its header \(line 1\) "
                                           r"names \(2 column\(s\)\): a value that holds the separator ',' ") as err:
        read_table(path)
    assert "title" not in str(err.value)
    titled = tmp_path / "titled.csv"  # a title above a header of names is still one
    titled.write_text("Sales report 2020\ndate,y\n" + "".join(f"{d:%Y-%m-%d},{i}\n" for i, d in enumerate(days)))
    with pytest.raises(RnncastError, match=r"\('Sales report 2020'\) looks like a title above the header"):
        read_table(titled)


def test_a_file_with_no_line_break_is_refused_after_a_bounded_read(tmp_path, monkeypatch):
    """A 2 GB file of one line (sparse, NUL-filled) was read to its end, each 64 KiB piece copying and splitting all
    read before it: hours (decision 1647). Reading stops after FIRST_LINE bytes (16 MB; patched small here), and a
    NUL byte in the first line stops it at once: both are refused by name."""
    from rnncast import sheetcsv
    from rnncast.sheetcsv import HEAD

    monkeypatch.setattr(sheetcsv, "FIRST_LINE", 3 * HEAD)
    (tmp_path / "one.csv").write_bytes(b"a" * (10 * HEAD))
    size = f"{3 * HEAD / 2 ** 20:.3g} MB"  # decision 1675: the header's limit, what to give, and no "not a text table"
    with pytest.raises(RnncastError, match=re.escape(
            f"one.csv has no line break in its first {size}: rnncast reads a CSV file whose header line is under "
            f"{size}; a file of one line is no table, and a table that wide (about a million series columns) is read "
            "from a Parquet file") + "$"):
        read_table(tmp_path / "one.csv")
    (tmp_path / "nul.csv").write_bytes(b"date,y" + b"\x00" * (10 * HEAD))
    assert len(Written(tmp_path / "nul.csv", None).first) == HEAD  # the first piece holds a NUL: no more is read
    with pytest.raises(RnncastError, match=r"nul\.csv holds NUL bytes in its first line: it is not CSV text"):
        read_table(tmp_path / "nul.csv")
    (tmp_path / "wide.csv").write_bytes(b"date,y\n" + b"1" * (10 * HEAD))  # a header, then a line longer than the cap
    written = Written(tmp_path / "wide.csv", None)
    assert written.head.header == "date,y" and 3 * HEAD <= len(written.first) < 10 * HEAD


def test_line_ends_are_counted_piece_by_piece_a_cr_lf_cut_between_pieces_as_one(tmp_path):
    from rnncast.sheetcsv import HEAD

    for ends in (b"\r\n", b"\r", b"\n"):  # the header's end at the first piece's last byte (CR LF: cut between two)
        text = b"d" * (HEAD - 3) + b",y" + ends + b"2020-01-01,1" + ends + b"2020-01-02,2" + ends
        written = Written(tmp_path / "d.csv", None) if (tmp_path / "d.csv").write_bytes(text) else None
        assert written.head.header == "d" * (HEAD - 3) + ",y" and written.first == text
        assert list(written.columns(["y"])["y"]) == ["1", "2"]

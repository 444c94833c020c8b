"""Workbooks known by their bytes whatever their name, and refused as what they are."""

from __future__ import annotations

import zipfile

import pytest

from rnncast.data import read_table
from rnncast.errors import RnncastError
from rnncast.workbooks import OLE2, kind


def _xlsx(path, macros=False):
    with zipfile.ZipFile(path, "w") as z:  # the parts an .xlsx holds (openpyxl's, Excel's)
        for name in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]:
            z.writestr(name, "<x/>")
        if macros:
            z.writestr("xl/vbaProject.bin", b"\x00")
    return path


def _ods(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    return path


@pytest.mark.parametrize("name", ["row3.csv", "row3.csv.zip", "row3.xlsx", "row3.xls", "row3"])
def test_an_xlsx_workbook_under_any_name_is_refused_as_one(tmp_path, name):
    """A tester's workbook named .csv was told "is a zip archive: rename it row3.csv.zip", then "holds 5 data files
    ... unzip it and give the file to read (e.g. [Content_Types].xml)"."""
    path = _xlsx(tmp_path / name)
    with pytest.raises(RnncastError, match=rf"^{path} is an Excel workbook \(\.xlsx\), not CSV text or Parquet: save "
                                           r"its sheet as CSV \(Excel: Save As 'CSV UTF-8'\), or read it with "
                                           r"pandas\.read_excel\(path\) and hand rnncast the frame$"):
        read_table(path)


def test_xls_ods_and_macro_workbooks_are_named_each_as_what_it_is(tmp_path):
    (tmp_path / "a.csv").write_bytes(OLE2 + b"\x00" * 504)
    assert kind(tmp_path / "a.csv") == "an Excel workbook (.xls, Excel 97-2003)"
    assert kind(_ods(tmp_path / "b.csv")).startswith("an OpenDocument spreadsheet (.ods")
    assert kind(_xlsx(tmp_path / "c.csv", macros=True)) == "an Excel workbook (.xlsx, macro-enabled)"
    with pytest.raises(RnncastError, match=r"b\.ods is an OpenDocument spreadsheet"):
        read_table(_ods(tmp_path / "b.ods"))


def test_a_zipped_csv_a_plain_csv_and_a_broken_zip_are_no_workbooks(tmp_path):
    with zipfile.ZipFile(tmp_path / "s.csv.zip", "w") as z:
        z.writestr("s.csv", "date,y\n2024-01-01,1\n")
    (tmp_path / "p.csv").write_text("date,y\n2024-01-01,1\n")
    (tmp_path / "bad.csv").write_bytes(b"PK\x03\x04broken")
    assert [kind(tmp_path / n) for n in ["s.csv.zip", "p.csv", "bad.csv"]] == [None, None, None]
    assert read_table(tmp_path / "s.csv.zip").shape == (1, 2)

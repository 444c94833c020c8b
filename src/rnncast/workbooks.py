"""Spreadsheet workbooks handed over as data, known by their bytes whatever their name: Excel's .xlsx (a zip archive
holding ``[Content_Types].xml`` and ``xl/``) and .xls (an OLE2 compound file), and OpenDocument's .ods (a zip archive
whose ``mimetype`` says so). rnncast reads CSV and Parquet; a workbook named ``.csv`` was refused as "a zip archive:
rename it .csv.zip", then as "holds 5 data files", never as what it is. Its refusal says to save it as CSV, or to read
it with ``pandas.read_excel`` and hand rnncast the frame. This module imports nothing of rnncast.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file an .xls (Excel 97-2003) is
ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def kind(path: Path) -> str | None:
    """What workbook the file at ``path`` is ("an Excel workbook (.xlsx)"), by its bytes; None where it is none."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head == OLE2:
        return "an Excel workbook (.xls, Excel 97-2003)"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
                return f"an Excel workbook (.xlsx{', macro-enabled' if 'xl/vbaProject.bin' in names else ''})"
            if "mimetype" in names and archive.read("mimetype").strip() == ODS:
                return "an OpenDocument spreadsheet (.ods: LibreOffice, Google Sheets' download)"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def refusal(path: Path) -> str | None:
    """The one-line refusal of the workbook at ``path`` (``kind``), else None."""
    what = kind(path)
    if what is None:
        return None
    return (f"{path} is {what}, not CSV text or Parquet: save its sheet as CSV (Excel: Save As 'CSV UTF-8'), or read it "
            "with pandas.read_excel(path) and hand rnncast the frame")

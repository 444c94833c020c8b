"""The lines said while a folder's files are read, said once for the folder (decision 2263)."""

from __future__ import annotations

import logging
from pathlib import Path

from rnncast import foldernotes

log = logging.getLogger("rnncast.sheetcsv")


def test_a_line_said_of_each_file_is_said_once_naming_how_many_more(caplog):
    folder = Path("sales")
    held = []
    with caplog.at_level(logging.INFO):
        for month in ("2026-01", "2026-02", "2026-03"):
            path = folder / f"month={month}" / "part-0.csv"
            with foldernotes.held() as records:
                log.info("%s is separated by %r, not commas", path.name, ";")
                if month == "2026-02":
                    log.warning("%s: a line of its own", path)
            held.append((path, records))
        assert caplog.text == ""  # held back
        foldernotes.said(folder, held)
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["sales/month=2026-01/part-0.csv is separated by ';', not commas (the same for 2 more file(s) of "
                     "sales: month=2026-02/part-0.csv, month=2026-03/part-0.csv)",
                     "sales/month=2026-02/part-0.csv: a line of its own"]

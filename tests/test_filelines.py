"""The line each row of a CSV file is on (``filelines.py``), as a text editor numbers them: blank lines pandas
passes over (at the start, amid the rows, several in a row, spaces only), values quoted across line breaks, CR LF
and CR line ends, Excel's ``sep=`` line and a byte-order mark all counted; every refusal that names a line names
that one (decision 618)."""

from __future__ import annotations

import gzip
import json
import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.data import place, read_table
from rnncast.filelines import READ_FROM, line
from rnncast.loading import load_panel

MONTHS = [f"{2020 + k // 12}-{k % 12 + 1:02d}" for k in range(30)]


def lines_of(rows: list[str], blank_before: dict[int, list[str]], header: str = "month,revenue") -> list[str]:
    """The file's lines: ``header``, then ``rows``, with the lines ``blank_before[k]`` written before row k."""
    out = [header]
    for k, row in enumerate(rows):
        out += blank_before.get(k, []) + [row]
    return out


def write(path, lines: list[str], end: str = "\n", head: str = "", opener=open) -> None:
    with opener(path, "wt", newline="", encoding="utf-8") as f:
        f.write(head + end.join(lines) + end)


LAYOUTS = {  # name: (lines before the header, blank lines before rows, line end, the text before the first line)
    "blank line amid": ([], {9: [""]}, "\n", ""),
    "several blank lines": ([], {3: ["", ""], 20: ["", "   ", "\t"]}, "\n", ""),
    "blank lines at the start": (["", ""], {12: [""]}, "\n", ""),
    "CR LF": ([], {5: [""], 6: [""]}, "\r\n", ""),
    "CR only": ([], {5: ["", ""]}, "\r", ""),
    "sep= line and a BOM": (["sep=,"], {15: [""]}, "\r\n", "\ufeff"),
    "sep= line, blank line below it": (["sep=,", ""], {}, "\n", ""),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_row_is_named_by_the_line_an_editor_shows(tmp_path, layout):
    above, blank, end, bom = LAYOUTS[layout]
    rows = [f"{m},{100 + k}" for k, m in enumerate(MONTHS)]
    rows[22] = f"{MONTHS[22]},"  # the missing value
    lines = above + lines_of(rows, blank)
    path = tmp_path / "bl.csv"
    write(path, lines, end, bom)
    frame = read_table(path)
    assert [line(i, frame.attrs) for i in range(len(frame))] == [lines.index(r) + 1 for r in rows]
    assert json.loads(json.dumps(frame.attrs))[READ_FROM]["rows"] == 30  # plain JSON, as Parquet's attrs must be
    with pytest.raises(RnncastError, match=rf"missing value \(NaN\) at line {lines.index(rows[22]) + 1} of bl\.csv"):
        load_panel(path, target="revenue")


def test_the_testers_file_names_line_19_where_grep_does(tmp_path):
    """The finding: 9 rows, a blank line, 12 more; 2021-05 without revenue is line 19 (grep -n), not 18."""
    rows = [f"2020-{m:02d},{100 + m}" for m in range(1, 13)] + [f"2021-{m:02d},{200 + m}" for m in range(1, 10)]
    rows[16] = "2021-05,"
    path = tmp_path / "bl.csv"
    write(path, lines_of(rows, {9: [""]}))
    with pytest.raises(RnncastError, match=r"missing value \(NaN\) at line 19 of bl\.csv"):
        load_panel(path, target="revenue")


def test_a_note_of_two_lines_moves_the_rows_below_it_one_line_down(tmp_path):
    rows = [f"{m},{100 + k},{'' if k != 10 else chr(34) + 'price change' + chr(10) + 'see memo' + chr(34)}"
            for k, m in enumerate(MONTHS)]
    rows[20] = f"{MONTHS[20]},abc,"
    path = tmp_path / "note.csv"
    write(path, ["month,revenue,note"] + rows)  # the note is lines 12-13: row 20 is line 23
    with pytest.raises(RnncastError, match=r"not numeric: line 23 of note\.csv holds 'abc'"):
        load_panel(path, target="revenue")


def test_a_duplicated_timestamp_in_a_semicolon_file_names_both_lines(tmp_path):
    rows = [f"{m};{100 + k}" for k, m in enumerate(MONTHS)]
    rows[18] = f"{MONTHS[17]};5"
    path = tmp_path / "dup.csv.gz"
    write(path, ["sep=;", "month;revenue"] + rows[:10] + [""] + rows[10:], opener=gzip.open)
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2021-06 at line 21 of dup\.csv\.gz and line 22 of"):
        load_panel(path, target="revenue")


def test_a_row_of_more_values_below_a_quoted_line_break_is_named_by_its_line(tmp_path):
    """pandas' own count ('Expected 2 fields in line 4') passes over the quoted value's line break."""
    path = tmp_path / "more.csv"
    write(path, ["a,b", '1,"x', 'y"', "3,4", "5,6,7"])
    with pytest.raises(RnncastError, match=r"line 5 of .*more\.csv holds 3 values, more than its header \(line 1\)"):
        read_table(path)


def test_rows_of_separators_at_the_end_and_an_ambiguous_thousands_dot_are_named_by_their_lines(tmp_path, caplog):
    rows = [f"2020-01-{d:02d};{990 + d}" for d in range(1, 25)]
    path = tmp_path / "th.csv"
    write(path, ["sep=;", "", "date;y"] + rows[:20] + ["", ";"] + rows[20:] + [";", ";"])  # rows 21-24: lines 26-29
    with caplog.at_level(logging.WARNING):
        frame = read_table(path)
    assert "lines 30-31 hold no value, only separators" in caplog.text and len(frame) == 25
    rows[20] = "2020-01-21;1.005"
    write(path, ["sep=;", "", "date;y"] + rows[:20] + [""] + rows[20:])
    with pytest.raises(RnncastError, match=r"holds '1\.005' at line 25 of th\.csv beside"):
        read_table(path)


def test_a_file_gone_since_it_was_read_names_the_lines_as_if_none_were_blank(tmp_path):
    path = tmp_path / "gone.csv"
    write(path, lines_of([f"{m},{k}" for k, m in enumerate(MONTHS)], {3: [""]}))
    frame = read_table(path)
    assert place(5, frame.attrs) == "line 8 of gone.csv"
    path.unlink()
    assert place(5, frame.attrs) == "line 7 of gone.csv"  # the best it can say: pandas' rows after the header


def test_a_frame_not_read_from_a_file_names_rows():
    frame = pd.DataFrame({"y": np.arange(3.0)})
    assert place(2, frame.attrs) == "row 2"


def test_a_cell_is_read_as_the_file_writes_it(tmp_path):
    from rnncast.filelines import cell
    path = tmp_path / "c.csv"
    path.write_text('sep=;\ndate; y\n\n2024-01-01;"a\nb"\n2024-01-02;#NV\n', encoding="utf-8")
    frame = read_table(path)
    assert cell(1, "y", frame.attrs) == "#NV" and cell(0, "y", frame.attrs) == "a\nb"
    assert cell(1, "nope", frame.attrs) is None and cell(5, "y", frame.attrs) is None and cell(0, "y", {}) is None

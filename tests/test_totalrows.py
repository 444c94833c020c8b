"""A totals row below a spreadsheet's table is refused as one, whichever word (or none) its time cell holds."""

from __future__ import annotations

import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel

ROWS = "".join(f"2023-01-{d:02d},{100 + d}.5,{d % 7}\n" for d in range(1, 31))


@pytest.mark.parametrize("word", ["Total", "TOTAL:", "Grand total", "Summe", "Gesamt", "合计", "합계", "Итого",
                                  "Ergebnis", "Gesamtergebnis", "Teilergebnis", "Endsumme"])  # German pivot tables
def test_a_totals_row_is_refused_as_one_not_as_a_value_to_correct(tmp_path, word):
    """A tester's footer.csv ('Total,34471.23,4485.50') and German Excel's ('Summe;34471,23') were told the value "is
    not a date written as its other 300 values are ...; correct that value, or name another time column"."""
    path = tmp_path / "f.csv"
    path.write_text("date,sales,temp\n" + ROWS + f"{word},3165,90\n", encoding="utf-8")
    with pytest.raises(RnncastError, match=rf"^time column 'date' holds '{word}' at line 32 of f\.csv: it looks like a "
                                           r"totals row, as a spreadsheet adds below its table, which is no time step; "
                                           r"remove that row from the file$"):
        load_panel(path, target="sales")


def test_a_last_row_without_a_time_is_said_to_be_maybe_a_totals_row_and_one_amid_the_rows_is_not(tmp_path):
    (tmp_path / "e.csv").write_text("date,sales,temp\n" + ROWS + ",3165,\n")
    with pytest.raises(RnncastError, match=r"^time column 'date' is missing a timestamp at line 32 of e\.csv, the last "
                                           r"row \(a totals row below the table\? remove it from the file\); otherwise "
                                           r"fill it in, or drop the row$"):
        load_panel(tmp_path / "e.csv", target="sales")
    (tmp_path / "m.csv").write_text("date,sales,temp\n" + ROWS.replace("2023-01-05", "", 1))
    with pytest.raises(RnncastError, match=r"^time column 'date' is missing a timestamp at line 6 of m\.csv; fill it in"):
        load_panel(tmp_path / "m.csv", target="sales")


def test_a_value_that_is_no_total_keeps_its_own_refusal(tmp_path):
    (tmp_path / "t.csv").write_text("date,sales,temp\n" + ROWS + "Totem,3165,90\n")
    with pytest.raises(RnncastError, match=r"holds 'Totem' at line 32 of t\.csv, which is not a date"):
        load_panel(tmp_path / "t.csv", target="sales")

"""Dates after a weekday named in another language (weekdaynames.py): named where the column is not read as time."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import RnncastError, weekdaynames
from rnncast.loading import load_panel


@pytest.mark.parametrize("value, seen", [("So, 01.01.2023", ("So", "German", "01.01.2023")),
                                         ("dim. 01/01/2023", ("dim", "French", "01/01/2023")),
                                         ("Sonntag, 01.01.2023", ("Sonntag", "German", "01.01.2023")),
                                         ("lun. 02/01/2023", ("lun", "French, Spanish or Italian", "02/01/2023")),
                                         ("di 03-01-2023", ("di", "German or Dutch", "03-01-2023"))])
def test_a_foreign_weekday_before_a_date_is_found(value, seen):
    assert weekdaynames.found(value) == seen


@pytest.mark.parametrize("value", ["So 5", "Umsatz 2023", "01.01.2023", "Quelle: SAP", "Mar 2023", "Mar 05 2023",
                                   "mar. 05.03.2023", "So 2023", "So, 01.2023"])
def test_no_weekday_before_a_full_date_is_none(value):
    """'Mar 2023' (English March) was called a French weekday, and a bare year a date after it."""
    assert weekdaynames.found(value) is None and weekdaynames.clause(value) == ""


def test_a_german_weekday_column_is_refused_naming_the_weekday_and_the_date_without_it(tmp_path):
    """'So, 01.01.2023' (German Excel's TTT, TT.MM.JJJJ) was refused "which rnncast does not read as time" with no
    word of why, where German month names get their own clause (decision 1481)."""
    days = pd.date_range("2023-01-01", periods=30, freq="D")
    names = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    lines = ["Datum;Umsatz"] + [f"{names[d.day_of_week]}, {d:%d.%m.%Y};{100 + i},50" for i, d in enumerate(days)]
    path = tmp_path / "tage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RnncastError, match=r"'Datum' holds 'So, 01\.01\.2023' at line 2 of tage\.csv, which rnncast does "
                                           r"not read as time \(.*\); its dates begin with a weekday named in German "
                                           r"\('So' before '01\.01\.2023'\), and weekday names are read in English "
                                           r"only: write the dates without it \('01\.01\.2023'; in Excel, a date format "
                                           r"without the weekday\)"):
        load_panel(path)

"""Month names in another language than English (``monthnames.py``): named where a time column is refused, and a
column of them refused rather than passed over with the rows numbered."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.monthnames import clause, foreign, written

GERMAN = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
FRENCH = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def _file(tmp_path, names, head="Monat", day=""):
    path = tmp_path / "m.csv"
    rows = [f"{day}{names[k % 12]} {1995 + k // 12};{100 + k % 7},5" for k in range(48)]
    path.write_text(f"{head};Umsatz\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_foreign_month_is_found_and_an_english_one_is_not():
    assert foreign("Mär 1995") == ("Mär", 2, ["German"]) and foreign("janv. 1995")[:2] == ("janv", 0)
    assert foreign("Jan 1995") is None and foreign("March 1995") is None and foreign("1995-03") is None
    assert set(foreign("mai 1995")[2]) == {"German", "French", "Portuguese"}
    assert written(pd.Series(["janv. 1995", "févr. 1995"])) and not written(pd.Series(["Jan 1995", "Feb 1995"]))
    assert not written(pd.Series(["Mär 1995", "abc"]))


def test_the_clause_names_the_language_the_count_and_the_english_form():
    column = pd.Series([f"{m} 1995" for m in GERMAN])
    assert clause(column, "Mär 1995") == (
        "; its months are written in German (4 of its 12 values name a month as English does not, as 'Mär' for Mar), "
        "and month names are read in English only (Jan, Feb, Mar ... Dec): write them so ('Mar 1995') or as numbers "
        "(1995-03 for a month, 1995-03-01 for a day)")
    assert "written in French" in clause(pd.Series([f"{m} 1995" for m in FRENCH]), "mai 1995")  # mai: by the others
    assert clause(column, "Jan 1995") == ""


def test_german_months_named_as_the_time_column_are_refused_saying_so_not_correct_that_value(tmp_path):
    """t30t6: "holds 'Mär 1995' ... not a date written as its other 80 values are; correct that value"."""
    with pytest.raises(RnncastError, match=r"time column 'Monat' holds 'Mär 1995' at line 4 of m.csv, .*; its months "
                                           r"are written in German \(16 of its 48 values") as refused:
        load_panel(_file(tmp_path, GERMAN), target="Umsatz", time_col="Monat")
    assert "correct that value" not in str(refused.value)


@pytest.mark.parametrize("names, head, day", [(FRENCH, "Mois", ""), (GERMAN, "Monat", ""), (GERMAN, "Datum", "01. ")])
def test_a_column_of_foreign_months_is_refused_not_passed_over_with_the_rows_numbered(tmp_path, names, head, day):
    """t30t6: fr_mois.csv fit with the rows numbered, said only in the "not used" warning."""
    with pytest.raises(RnncastError, match=rf"no time column was found: '{head}' holds .*its months are written in "
                                           r".*its values are months, so its rows are not numbered"):
        load_panel(_file(tmp_path, names, head, day), target="Umsatz")


def test_french_months_named_as_the_time_column_are_one_form_not_two(tmp_path):
    with pytest.raises(RnncastError, match=r"time column 'Mois' holds 'janv. 1995' at line 2 of m.csv, which rnncast "
                                           r"does not read as time; its months are written in French"):
        load_panel(_file(tmp_path, FRENCH, "Mois"), target="Umsatz", time_col="Mois")


TURKISH = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"]
RUSSIAN = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
           "декабрь"]


@pytest.mark.parametrize("names, head, language", [(TURKISH, "Ay", "Turkish"), (RUSSIAN, "Месяц", "Russian"),
                                                   ([m.upper() for m in TURKISH], "AY", "Turkish"),
                                                   (["янв.", "февр.", "мар.", "апр.", "май", "июн.", "июл.", "авг.",
                                                     "сент.", "окт.", "нояб.", "дек."], "Месяц", "Russian")])
def test_turkish_and_russian_months_are_refused_by_name_as_german_ones_are(tmp_path, names, head, language):
    """t34t3: 'Ocak 2023' under 'Ay' and 'январь 2023' under 'Месяц' were passed over, the rows numbered, where
    German months were refused (decision 1710)."""
    with pytest.raises(RnncastError, match=rf"^no time column was found: '{head}' holds .*its months are written in "
                                           rf"{language} .*write them so \('Jan 1995'\) or as numbers"):
        load_panel(_file(tmp_path, names, head), target="Umsatz")


def test_russian_day_dates_in_the_genitive_are_refused_naming_russian():
    """dl_ru.csv: 'Дата' of '1 января 2026 г.' was numbered and scored; its genitive months were no month names."""
    assert foreign("1 января 2026 г.") == ("января", 0, ["Russian"]) and foreign("15 мая 2026 г.")[:2] == ("мая", 4)
    column = pd.Series([f"{d} {m} 2026 г." for m in ("января", "февраля") for d in range(1, 29)])
    assert written(column) and "write them so ('1 Jan 2026') or" in clause(column, "1 января 2026 г.")

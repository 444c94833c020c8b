"""Columns that look like time but are not read as it (timeunread)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


@pytest.mark.parametrize("name, values, said", [("quarter", ["Jan-Mar 2005"] * 3, "'quarter' holds 'Jan-Mar 2005'"),
                                                ("label", ["week 3 of 2020"] * 3, "'label' holds 'week 3 of 2020'"),
                                                ("fiscal_year", ["FY05"] * 3, "fiscal years start")])
def test_text_named_or_written_as_time_is_named_when_no_time_column_is_found(name, values, said):
    from rnncast.timeunread import unread_time

    assert said in unread_time(pd.DataFrame({name: values}), [name])


@pytest.mark.parametrize("name, values", [("store", ["a", "b", "c"]), ("city", ["Berlin", "Rome", "Paris"]),
                                          ("period", [1, 2, 3])])
def test_other_text_and_numbers_are_not_taken_for_unread_time(name, values):
    from rnncast.timeunread import unread_time

    assert unread_time(pd.DataFrame({name: values}), [name]) == ""


@pytest.mark.parametrize("name", ["ts", "unix", "epoch", "unix_time", "epoch_s", "unixTime"])
def test_unix_times_under_a_name_that_says_so_are_named_where_rows_are_numbered(name):
    """'ts' of Unix seconds was passed over without a word beyond "not used: ts" (a tester's find); a column named
    'timestamp' or 'OrderDate' was already named with the way to read it."""
    from rnncast.timeunread import unread_time
    from rnncast.timenames import epoch_named

    days = pd.date_range("2024-01-01", periods=30)
    frame = pd.DataFrame({name: (days - pd.Timestamp("1970-01-01")) // pd.Timedelta("1s"), "sales": range(30)})
    assert epoch_named(name) and not epoch_named("tsunami") and not epoch_named("costs")
    assert unread_time(frame, [name]) == (
        f"{name!r} holds 1704067200 .. 1706572800, which look like Unix times in seconds: 1704067200 would be "
        f"2024-01-01 00:00 UTC; rnncast does not read them as time unless told (name the column with "
        f"time_col={name!r}, --time-col {name} and give time_unit='s', --time-unit s to read them as Unix times, or "
        "convert them with pd.to_datetime(x, unit='s'), which gives UTC times)")


def test_every_column_whose_name_says_time_and_whose_text_is_unread_is_named(tmp_path):
    """Only the first of two such columns was named: fixing it, the user met the second on the next run."""
    path = tmp_path / "two.csv"
    pd.DataFrame({"period": [f"Jan-Mar {2005 + i}" for i in range(40)], "quarter": [f"Q-{i}" for i in range(40)],
                  "sales": np.arange(40.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^no time column was found: 'period' holds 'Jan-Mar 2005' at line 2 of "
                                           r"two\.csv, which rnncast does not read as time \(.*\); and 'quarter' holds "
                                           r"'Q-0' at line 2 of two\.csv, which rnncast does not read as time \(.*\); "
                                           r"their names say time, so the rows are not numbered: correct them, name the "
                                           r"time column with time_col=, --time-col, or, to number the rows, say the "
                                           r"table has none with time_col=False, --no-time-col$"):
        load_panel(path, target="sales")


def test_a_column_whose_name_says_time_is_named_before_text_that_only_writes_years():
    """'label' of 'Jan-Mar 2005' before 'period' of codes was named alone, and, its name saying no time, the rows were
    numbered past 'period'."""
    from rnncast.timeunread import unread

    frame = pd.DataFrame({"label": [f"Jan-Mar {2005 + i}" for i in range(5)], "period": [f"P{i}x" for i in range(5)]})
    found = unread(frame, ["label", "period"])
    assert found[0] == "period" and found[1].startswith("'period' holds 'P0x'") and "'label'" not in found[1]
    with pytest.raises(RnncastError, match=r"^no time column was found: 'period' holds 'P0x' at row 0"):
        load_panel(frame.assign(sales=np.arange(5.0)), target="sales")


CODES = pd.DataFrame({"period": [f"P{i:03d}x" for i in range(60)], "sales": np.sin(np.arange(60.0))})


def test_a_table_said_to_have_no_time_has_its_rows_numbered_and_the_column_read_as_any_other(caplog):
    """A 'period' of plain codes was refused as unread time (decision 675) with no way to say the table has no time:
    time_col=False (--no-time-col) numbers the rows, and the column is then one no role took."""
    import logging

    with pytest.raises(RnncastError, match=r"say the table has none with time_col=False, --no-time-col$"):
        load_panel(CODES, target="sales")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(CODES, target="sales", time_col=False)
    assert panel.calendar.kind == "row" and panel.time is None and panel.unused == ["period"]
    assert "no time column: rows are numbered; as told (time_col=False)" in caplog.text
    assert "does not read as time" not in caplog.text  # the user's word, not noted again as time unread
    with pytest.raises(RnncastError, match=r"column 'period' .*(not numeric|text)"):
        load_panel(CODES, target="sales", features=["period"], time_col=False)  # refused by name, as any text column


def test_dates_said_not_to_be_the_time_are_a_column_like_any_other():
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=30).strftime("%Y-%m-%d"), "y": np.arange(30.0)})
    assert load_panel(frame, target="y").calendar.kind == "datetime"
    panel = load_panel(frame, target="y", time_col=False)
    assert panel.calendar.kind == "row" and panel.unused == ["date"]


def test_a_model_fitted_on_a_table_said_to_have_no_time_forecasts_its_numbered_rows():
    from conftest import TINY
    from rnncast import Forecaster

    model = Forecaster(**TINY).fit(CODES, target="sales", time_col=False)
    forecast = model.predict(CODES)
    assert forecast.index[0] == 60 and model.state_.time_col is None and model.state_.calendar.kind == "row"
    dated = CODES.assign(date=pd.date_range("2024-01-01", periods=60).strftime("%Y-%m-%d"))
    assert model.predict(dated).index[0] == 60  # read as fit read its table: none taken as time (decision 708)


@pytest.mark.parametrize("year", ["yr", "year"])
def test_a_year_and_quarter_split_over_two_columns_are_refused_not_numbered(tmp_path, year):
    quarters = pd.DataFrame({year: np.repeat(np.arange(1959.0, 1969.0), 4), "quarter": np.tile(np.arange(1.0, 5.0), 10),
                             "realgdp": np.arange(40.0) ** 1.2})  # statsmodels' macrodata: year 1959.0, quarter 1.0
    quarters.to_csv(tmp_path / "macro.csv", index=False)
    with pytest.raises(RnncastError, match=rf"the time is split over '{year}' \(the year\) and 'quarter' \(the "
                                           r"quarter of the year\).*from_fields"):
        load_panel(tmp_path / "macro.csv", target="realgdp")
    assert load_panel(tmp_path / "macro.csv", target="realgdp", time_col=False).values.shape == (40, 1)  # told: numbered


@pytest.mark.parametrize("name", ["ts", "epoch", "unix_time", "epoch_ms"])
def test_unix_times_under_a_unix_time_name_are_refused_naming_time_unit_and_their_range(name):
    """A tester's 'ts' of Unix seconds, its rows shuffled, was only warned of ('not used') and the rows numbered in
    file order, as 'time' of the same numbers was refused; and the range printed was its first .. last row."""
    stamps = 1793491200 + 60 * np.arange(50)
    frame = pd.DataFrame({name: np.r_[stamps[10:], stamps[:10]], "y": np.arange(50.0)})
    with pytest.raises(RnncastError, match=rf"no time column was found: '{name}' holds 1793491200 \.\. 1793494140, "
                                           r"which look like Unix times in seconds.*time_unit='s'"):
        load_panel(frame)
    told = load_panel(frame.sort_values(name), time_col=name, time_unit="s")  # named with its unit: read
    assert told.time[0] == pd.Timestamp("2026-11-01")


def test_a_column_of_japanese_fiscal_years_says_what_they_are_and_what_to_write(tmp_path):
    """Decision 1471: '1960年度' was refused with the generic forms only; 年度 is a fiscal year, read when written as its
    first day (1960-04-01)."""
    pd.DataFrame({"年度": [f"{y}年度" for y in range(1960, 2020)], "売上": np.arange(60.0)}).to_csv(tmp_path / "n.csv",
                                                                                              index=False)
    with pytest.raises(RnncastError, match=r"'1960年度' is a fiscal year \(年度: from April in Japan, January in China\); "
                                           r"write each as its first day, as '1960-04-01' \(Japan's\) or '1960-01-01'"):
        load_panel(tmp_path / "n.csv")
    pd.DataFrame({"年度": [f"{y}-04-01" for y in range(1960, 2020)], "売上": np.arange(60.0)}).to_csv(tmp_path / "i.csv",
                                                                                              index=False)
    assert load_panel(tmp_path / "i.csv").values.shape == (60, 1)


@pytest.mark.parametrize("head, names, year, said", [
    ("Datum", ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"], " {:02d}",
     "write them so ('Mar 23')"),
    ("mês", ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"], "/{:02d}",
     "write them so ('Feb-23')"),
    ("x", ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"], " {:02d}", "German")])
def test_foreign_months_with_two_digit_years_are_refused_by_name_not_numbered(tmp_path, head, names, year, said):
    """t34t3: German Excel's 'Mär 23' and Brazilian 'jan/23' were passed over, the rows numbered, with advice to
    one-hot encode the dates, while 'Mär 2023' was refused by name (decision 1709)."""
    path = tmp_path / "m.csv"
    rows = [f"{names[k % 12]}{year.format(23 + k // 12)};{100 + k % 7},5" for k in range(48)]
    path.write_text(f"{head};Umsatz\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(RnncastError, match=rf"^no time column was found: '{head}' holds .* its months are written in "
                                           r".*its values are months, so its rows are not numbered") as refused:
        load_panel(path, target="Umsatz")
    assert said in str(refused.value)


@pytest.mark.parametrize("name", ["Datum", "data", "Tarih", "Дата", "Месяц", "年月", "Monat", "mês", "Ay"])
def test_a_local_time_name_starts_the_look_at_text_not_read_as_time(name):
    """'Datum' of '2023/Q1x' was passed over as text to one-hot encode: only English names started the look."""
    from rnncast.timeunread import unread_time

    assert unread_time(pd.DataFrame({name: ["2023/Q1x", "2023/Q2x"]}), [name]).startswith(f"{name!r} holds '2023/Q1x'")
    assert unread_time(pd.DataFrame({name: ["north", "south"]}), [name]) == ""  # words, no digits: labels


def test_a_fiscal_yyyyww_week_column_is_refused_not_set_aside_with_the_rows_numbered(tmp_path):
    weeks = [y * 100 + w for y, n in ((2022, 52), (2023, 53), (2024, 52)) for w in range(1, n + 1)]  # 202353: fiscal
    pd.DataFrame({"week": weeks, "units": np.arange(len(weeks), dtype=float)}).to_csv(tmp_path / "fw.csv", index=False)
    with pytest.raises(RnncastError, match=r"^no time column was found: 'week' holds 202201 \.\. 202452, weeks written "
                                           r"YYYYWW, and 202353 is a week 53, which neither ISO nor MMWR gives 2023"):
        load_panel(tmp_path / "fw.csv", target="units")  # decision 1974: was an INFO line and rows numbered
    assert load_panel(tmp_path / "fw.csv", target="units", time_col=False).time is None  # --no-time-col: numbered


def test_a_fiscal_period_label_is_called_a_fiscal_period():
    from rnncast.timeunread import unread_time

    said = unread_time(pd.DataFrame({"period": ["FY2020-P01", "FY2020-P02", "FY2020-P03"]}), ["period"])
    assert said.startswith("'period' holds 'FY2020-P01' at row 0, a fiscal period, which rnncast does not read as time")
    assert "number the periods" in said and "quarter" not in said


@pytest.mark.parametrize("values, said", [(["2014 sem 1", "2014 sem 2", "2015 sem 1"], "its values all write a year and a week"),
                                          (["FY2020-P01", "FY2020-P02", "FY2020-P03"], "its values are fiscal periods")])
def test_a_column_all_of_one_unread_time_form_is_refused_under_any_name_not_numbered(values, said):
    """Under ``index`` (no time word) such a column was set aside with a WARNING and the rows numbered: the fit ran on
    with no dates (t40-t2 2; decision 2181)."""
    frame = pd.DataFrame({"index": values, "y": [1.0, 2.0, 3.0]})
    with pytest.raises(RnncastError, match=rf"^no time column was found: 'index' holds .*; {said}, so its rows are not "
                                           r"numbered"):
        load_panel(frame, target="y", announce=False)
    assert load_panel(frame, target="y", time_col=False, announce=False).time is None

"""Weeks written in forms rnncast does not read (``weektext``): the refusal names the ISO week that is read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, weektext
from rnncast.loading import load_panel
from rnncast.weektext import clause, codes_format, iso_codes, iso_form
from test_cli import cli


@pytest.mark.parametrize("value, iso", [("2019-13", "2019-W13"), ("2019/53", "2019-W53"), ("2019 wk 01", "2019-W01"),
                                        ("2019wk1", "2019-W01"), ("2019 week 7", "2019-W07"), ("wk 5 2019", "2019-W05"),
                                        ("KW 05/2019", "2019-W05"), ("W01 2019", "2019-W01"), ("2019-01", None),
                                        ("2019.12", None), ("2019-54", None), ("week", None), ("2019-01-05", None)])
def test_a_week_written_otherwise_is_named_as_its_iso_week_and_a_month_is_not(value, iso):
    assert iso_form(value) == iso
    assert (clause(value) == "") == (iso is None)


def _weeks(texts) -> pd.DataFrame:
    return pd.DataFrame({"week": texts, "cases": [float(i) for i in range(len(texts))]})


def test_weeks_written_yyyy_ww_or_yyyy_wk_ww_under_a_weeks_name_are_read_as_iso_weeks():
    """'2019-13' was told "give dates such as 2024-01-31" and '2019 wk 01' offered dates, months, quarters and
    half-years, never 2019-W01 (a tester's finding); under a week's name they are now read as the ISO weeks they
    write, at any row count (12 rows of 2019-01 .. 2019-12 were read as months)."""
    for weeks in ([f"2019-{w:02d}" for w in range(1, 53)], [f"2019-{w:02d}" for w in range(1, 20)],
                  [f"2019 wk {w:02d}" for w in range(1, 20)]):
        panel = load_panel(_weeks(weeks), target="cases")
        assert panel.time_col == "week" and panel.time[12] == pd.Timestamp("2019-03-25")
    with pytest.raises(RnncastError, match=r"holds '2019-13' at row 12, which is not a timestamp; give dates such as "
                                           r"2024-01-31 or 2024-01-31 13:00, or ISO weeks such as 2024-W05.*; if "
                                           r"'2019-13' is week 13 of 2019, write the weeks as ISO weeks, 2019-W13 "):
        load_panel(_weeks([f"2019-{w:02d}" for w in range(1, 53)]).rename(columns={"week": "when"}), target="cases",
                   time_col="when")  # no week's name: refused as before
    panel = load_panel(_weeks([f"2019-W{w:02d}" for w in range(1, 20)]), target="cases")  # as said: read
    assert panel.time[12] == pd.Timestamp("2019-03-25")


@pytest.mark.parametrize("name", ["week", "kw", "KW", "yearweek", "wk", "isoweek"])
def test_iso_weeks_written_yyyyww_under_a_weeks_name_are_read_as_iso_weeks(name):
    """week: 202201 .. 202328 was refused "write them 2022-W01", and `kw` (Kalenderwoche) was no week name at all
    ("--target kw the first"). Valid ISO weeks under a week's name are read, Mondays, their week 53 only in a long year."""
    mondays = pd.date_range("2020-06-01", periods=60, freq="W-MON")  # through 2020-W53
    codes = pd.Series([int(f"{d:%G%V}") for d in mondays], name=name)
    assert iso_codes(codes, name).iloc[30] == "2020-W53" and iso_codes(codes.astype(float), name).iloc[0] == "2020-W23"
    panel = load_panel(pd.DataFrame({name: codes, "y": np.sin(np.arange(60.0))}), "y", announce=False)
    assert panel.calendar.freq_text == "W-MON" and panel.time_of(0)[0] == pd.Timestamp("2020-06-01")
    for wrong in ([201452, 201453], [202300, 202301], [202353, 202354]):  # 2014 has no ISO week 53; week 00, 54
        assert iso_codes(pd.Series(wrong), name).tolist() == wrong
    assert iso_codes(codes, "epiweek").equals(codes) and iso_codes(codes, "period").equals(codes)  # MMWR's; steps


def test_weeks_written_yyyyww_are_forecast_as_yyyyww_in_the_clis_files(tmp_path, capsys):
    """Decision 965 read 202023 .. 202129 under 'week' but wrote its forecasts dated by their Mondays, 2021-07-26,
    where compact dates are written back 20000131: now predict's and backtest's files write the weeks 202130 ..."""
    mondays = pd.date_range("2020-06-01", periods=60, freq="W-MON")
    codes = pd.Series([int(f"{d:%G%V}") for d in mondays], name="week")
    assert codes_format(codes, "week", pd.DatetimeIndex(mondays)) == "%G%V"
    assert codes_format(codes, "week", pd.Index(codes)) is None and codes_format(codes, "epiweek", mondays) is None
    pd.DataFrame({"week": codes, "y": np.sin(np.arange(60.0))}).to_csv(tmp_path / "w.csv", index=False)
    small = ["--lookback", "6", "--horizon", "3", "--epochs", "1", "--hidden-size", "8"]
    code, _, err = cli(capsys, "fit", tmp_path / "w.csv", "--target", "y", *small, "--out", tmp_path / "m")
    assert code == 0, err
    code, out, err = cli(capsys, "predict", tmp_path / "m", tmp_path / "w.csv")
    assert code == 0, err
    assert [line.split(",")[0] for line in out.splitlines()] == ["week", "202130", "202131", "202132"]
    code, _, err = cli(capsys, "backtest", tmp_path / "w.csv", "--target", "y", *small, "--out", tmp_path / "bt")
    assert code == 0, err
    written = pd.read_csv(tmp_path / "bt" / "forecasts.csv")
    assert written["week"].dtype == np.int64 and set(written["week"]) <= set(codes) and written["cutoff"].isin(codes).all()


def test_kw_codes_out_of_order_with_repeats_are_kilowatts_a_value_not_the_time():
    rng = np.random.default_rng(5)
    codes = rng.choice(np.arange(202301, 202352), 150)  # 202307, 202307, 202341 ...: a power reading
    frame = pd.DataFrame({"kw": codes, "temp": rng.normal(10, 1, 150).round(1)})
    panel = load_panel(frame, target="temp", announce=False)
    assert panel.time_col is None and panel.unused == ["kw"]  # not read as weeks, no drop_duplicates advice
    in_order = pd.DataFrame({"kw": np.r_[202301:202351], "temp": rng.normal(10, 1, 50)})
    assert load_panel(in_order, target="temp", announce=False).time_col == "kw"
    two = pd.DataFrame({"kw": np.r_[202301:202321, 202301:202321], "id": ["a"] * 20 + ["b"] * 20,
                        "temp": rng.normal(10, 1, 40)})  # a panel's series one after another: weeks
    assert load_panel(two, target="temp", id_col="id", announce=False).time_col == "kw"
    shuffled = pd.DataFrame({"week": rng.permutation(np.r_[202301:202351]), "temp": rng.normal(10, 1, 50)})
    with pytest.raises(RnncastError, match="timestamps are not sorted"):  # a week's name alone: the time, told to sort
        load_panel(shuffled, target="temp", announce=False)


@pytest.mark.parametrize("rows", [12, 52])
def test_yyyy_ww_under_a_weeks_name_is_iso_weeks_never_months_at_any_row_count(rows):
    frame = pd.DataFrame({"yearweek": [f"2022-{w:02d}" for w in range(1, rows + 1)], "sales": np.arange(rows) * 1.5 % 7})
    panel = load_panel(frame, target="sales", announce=False)
    assert panel.calendar.freq == "W-MON" and panel.time[1] == pd.Timestamp("2022-01-10")  # 2022-W02, not February
    assert iso_codes(frame["yearweek"], "week").iloc[0] == "2022-W01"
    assert iso_codes(frame["yearweek"], "month").iloc[0] == "2022-01"  # under another name: as written


@pytest.mark.parametrize("bad", ["2022-53", "2022-00"])
def test_yyyy_ww_under_a_weeks_name_that_is_no_iso_week_is_refused_with_the_form_to_give(bad):
    frame = pd.DataFrame({"week": ["2022-50", "2022-51", "2022-52", bad], "sales": [1.0, 2.5, 3.0, 4.5]})
    with pytest.raises(RnncastError, match=rf"'week' holds '{bad}' at row 3, .*no ISO week of 2022.*2022-W05"):
        load_panel(frame, target="sales", announce=False)


def test_stata_weeks_are_refused_naming_both_readings_not_read_as_iso_weeks():
    """t36t1 M5: Stata's %tw ``2013w1`` (week 1 from 1 January, 52 a year) was read as ISO's 2013-W01 (Monday
    2012-12-31), 2015w52 followed by 2016w1 a false missing 2015-W53; refused now with both readings (decision 1917)."""
    column = pd.Series([f"{2013 + i // 52}w{i % 52 + 1}" for i in range(156)], name="week")
    with pytest.raises(RnncastError) as refused:
        weektext.iso_codes(column, "week")
    said = str(refused.value)
    assert said.startswith("time column 'week' holds '2013w1' at row 0, written in Stata's weekly form (%tw)")
    assert "2013w1 starts 2013-01-01, ISO's 2013-W01 Monday 2012-12-31" in said and "2756 for 2013w1" in said
    assert weektext.clause("2013w1").startswith("; '2013w1' is written in Stata's weekly form")
    iso = pd.Series(["2015w52", "2015w53", "2016w1"], name="week")  # a week 53: ISO's, read as before
    assert weektext.iso_codes(iso, "week").tolist() == ["2015-W52", "2015-W53", "2016-W01"]
    assert weektext.iso_codes(pd.Series(["2013w01", "2013w02"]), "week").tolist() == ["2013-W01", "2013-W02"]
    assert not weektext.is_stata("2013-W01") and not weektext.is_stata("2013W1") and weektext.is_stata("2013w52")


def test_a_week_53_neither_iso_nor_mmwr_gives_its_year_names_fiscal_weeks_and_their_ending_dates():
    frame = pd.DataFrame({"week": ["2023-W51", "2023-W52", "2023-W53", "2024-W01"], "sales": [1.0, 2.5, 3.0, 4.5]})
    with pytest.raises(RnncastError, match=r"'2023-W53' at row 2, which under a week's name is no ISO week of 2023; a "
                                           r"week 53, which neither ISO nor MMWR gives 2023: if these are fiscal "
                                           r"\(retail\) weeks .*'W-SAT'"):
        load_panel(frame, target="sales", announce=False)  # decision 1974: was the ISO form alone, which refuses it


@pytest.mark.parametrize("name", ["Date", "index", "yearweek"])
def test_tsibbles_yearweek_text_is_read_as_iso_weeks_under_any_name(name):
    """t40-t2 2: readr's ``2014 W01`` (tsibble's yearweek) was read only under a week's name: under ``Date`` refused
    even with --time-col, under ``index`` rows numbered; months (2020 Jan) and quarters (2020 Q1) were read by value
    under any name (decision 2181)."""
    days = pd.date_range("2015-12-14", periods=6, freq="W-MON")
    texts = [f"{y} W{w:02d}" for y, w in zip(days.isocalendar().year, days.isocalendar().week)]
    assert texts[2] == "2015 W53"
    frame = pd.DataFrame({name: texts, "cost": np.arange(6.0)})
    for time_col in (None, name):
        panel = load_panel(frame, target="cost", time_col=time_col, announce=False)
        assert panel.time_col == name and list(panel.time) == list(days) and panel.calendar.freq == "W-MON"
    assert weektext.marked(pd.Series(texts), name) and not weektext.marked(pd.Series(texts), "epiweek")
    assert not weektext.marked(pd.Series(["2015-W52", "2015-W53"]))  # ISO's own form: timetext's, as before
    assert not weektext.marked(pd.Series(["2015-13", "2015-14"]))  # no mark: months or weeks, by name only (1016)
    assert not weektext.marked(pd.Series(["2015 sem 1", "2015 sem 2"]))  # a semester too


def test_a_marked_week_that_is_no_iso_week_is_refused_under_any_name():
    frame = pd.DataFrame({"Date": ["2021 W51", "2021 W52", "2021 W53"], "cost": [1.0, 2.0, 3.0]})
    with pytest.raises(RnncastError, match=r"^time column 'Date' holds '2021 W53' at row 2, which is no ISO week of 2021; "
                                           r"a week 53"):
        load_panel(frame, target="cost", announce=False)

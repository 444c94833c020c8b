"""Weeks written in forms rnncast does not read (``weektext``): the refusal names the ISO week that is read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.weektext import clause, iso_codes, iso_form


@pytest.mark.parametrize("value, iso", [("2019-13", "2019-W13"), ("2019/53", "2019-W53"), ("2019 wk 01", "2019-W01"),
                                        ("2019wk1", "2019-W01"), ("2019 week 7", "2019-W07"), ("wk 5 2019", "2019-W05"),
                                        ("KW 05/2019", "2019-W05"), ("W01 2019", "2019-W01"), ("2019-01", None),
                                        ("2019.12", None), ("2019-54", None), ("week", None), ("2019-01-05", None)])
def test_a_week_written_otherwise_is_named_as_its_iso_week_and_a_month_is_not(value, iso):
    assert iso_form(value) == iso
    assert (clause(value) == "") == (iso is None)


def _weeks(texts) -> pd.DataFrame:
    return pd.DataFrame({"week": texts, "cases": [float(i) for i in range(len(texts))]})


def test_a_refusal_of_weeks_written_yyyy_ww_or_yyyy_wk_ww_names_iso_weeks():
    """'2019-13' was told "give dates such as 2024-01-31" and '2019 wk 01' offered dates, months, quarters and
    half-years, never 2019-W01 (a tester's finding)."""
    with pytest.raises(RnncastError, match=r"holds '2019-13' at row 12, which is not a timestamp; give dates such as "
                                           r"2024-01-31 or 2024-01-31 13:00, or ISO weeks such as 2024-W05.*; if "
                                           r"'2019-13' is week 13 of 2019, write the weeks as ISO weeks, 2019-W13 "):
        load_panel(_weeks([f"2019-{w:02d}" for w in range(1, 53)]), target="cases", time_col="week")
    with pytest.raises(RnncastError, match=r"holds '2019-13' at row 12, which is not a date written as its other 12 "
                                           r"values are \(YYYY-MM, .*; if '2019-13' is week 13 of 2019, write the weeks "
                                           r"as ISO weeks, 2019-W13 "):  # fewer weeks than months: read as months
        load_panel(_weeks([f"2019-{w:02d}" for w in range(1, 20)]), target="cases", time_col="week")
    with pytest.raises(RnncastError, match=r"'week' holds '2019 wk 01' at row 0, which rnncast does not read as time "
                                           r"\(write dates .* or ISO weeks such as 2005-W01\); if '2019 wk 01' is week "
                                           r"1 of 2019, write the weeks as ISO weeks, 2019-W01 "):
        load_panel(_weeks([f"2019 wk {w:02d}" for w in range(1, 20)]), target="cases")
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

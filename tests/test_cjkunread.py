"""cjkunread: Korean, Japanese and Chinese times written in a way rnncast does not read (full-width digits, an hour
word, a part of the day other than the 12-hour clock's morning and afternoon), named for what they are."""

from __future__ import annotations

import re

import pytest

from rnncast.cjkunread import FOUND, why


@pytest.mark.parametrize("value", ["2023年1月1日 上午 12:00", "2023년 1월 1일 오후 1:00", "2023-01-01 13:00",
                                   "2024년 1월 5일 (금)", "2000년 1분기"])
def test_values_read_elsewhere_are_named_by_none_of_its_clauses(value):
    assert why(value, "t") is None and re.search(FOUND, value) is None


@pytest.mark.parametrize("value, said", [
    ("２０２３年１月１日 上午 １２：００", "whose digits are full-width (０１２３：), which rnncast does not read; write them as 0-9 "
                                "and ':', e.g. with pandas: df['t'] = df['t'].str.normalize('NFKC')"),
    ("2023年1月1日 午前12時", "whose hour is written with a word ('12時'), which rnncast does not read; write the time as "
                         "hours and minutes, as '2023年1月1日 午前12:00'"),
    ("2023年1月1日 下午3点30分", "('3点30分'), which rnncast does not read; write the time as hours and minutes, as "
                          "'2023年1月1日 下午3:30'"),
    ("2023년 1월 1일 오전 12시", "('12시'), which rnncast does not read; write the time as hours and minutes, as "
                           "'2023년 1월 1일 오전 12:00'"),
    ("2023年1月1日 中午 12:00", "whose 中午 (noon) rnncast does not read: it reads a 12-hour clock's 오전/오후, 午前/午後 or "
                           "上午/下午 (morning, afternoon); write noon as 下午 12:00, or on a 24-hour clock without a marker"),
    ("2023年1月1日 正午 12:00", "write noon as 午後 12:00"),
    ("2023년 1월 1일 정오 12:00", "write noon as 오후 12:00"),
    ("2023年1月1日 晚上8:00", "whose 晚上 (evening) rnncast does not read"),
    ("2023-01-01 凌晨 3:00", "whose 凌晨 (small hours) rnncast does not read"),
    ("2023년 1월 1일 새벽 3:00", "whose 새벽 (dawn) rnncast does not read"),
])
def test_each_way_is_named_with_what_rnncast_reads_instead(value, said):
    assert said in why(value, "t") and re.search(FOUND, value)


@pytest.mark.parametrize("value, written", [("1월 1일 오전 12:00", "2024년 1월 1일 오전 12:00"), ("1월 1일", "2024년 1월 1일"),
                                            ("1月1日 12:00", "2024年1月1日 12:00"), ("1月1日 午前12:00", "2024年1月1日 午前12:00")])
def test_a_month_and_day_with_no_year_is_named_by_what_it_lacks(value, written):
    assert why(value, "t") == (f"which has no year, so it cannot be placed in time; write the year in every value, as "
                               f"{written!r}") and re.search(FOUND, value)


def test_a_column_of_days_with_no_year_is_refused_by_its_line_and_value(tmp_path):
    from rnncast.data import read_table
    from rnncast.datetext import parse_text
    from rnncast.errors import RnncastError
    path = tmp_path / "k.csv"
    path.write_text("date,sales\n1월 1일 오전 12:00,1\n1월 1일 오전 1:00,2\n", encoding="utf-8")
    frame = read_table(path)
    with pytest.raises(RnncastError, match=r"'date' holds '1월 1일 오전 12:00' at line 2 of k.csv, which has no year"):
        parse_text(frame["date"], "date", lambda i: f"line {i + 2} of k.csv")


@pytest.mark.parametrize("value, said", [
    ("令和5年1月2日", "which is dated in a Japanese era year (令和5 is 2023), which rnncast does not read as time; write the "
                  "Western year, as '2023年1月2日'"),
    ("平成元年1月8日", "which is dated in a Japanese era year (平成元 is 1989), which rnncast does not read as time; write the "
                   "Western year, as '1989年1月8日'"),
    ("R5.1.2", "which is dated in a Japanese era year (R5: 令和5, 2023), which rnncast does not read as time; write the "
               "Western year, as '2023/01/02'"),
    ("民國112年1月5日", "which is dated in a Minguo (Republic of China) year (民國112 is 2023), which rnncast does not read "
                    "as time; write the Western year, as '2023年1月5日'"),
    ("2024年度", "which is a fiscal year (年度: from April in Japan, January in China), which rnncast does not read as "
               "time; write each as its first day, as '2024-04-01' (Japan's) or '2024-01-01', and the calendar is read "
               "as yearly from that month"),
    ("2024年度第4四半期", "which is a quarter of a Japanese fiscal year (年度, from April), which rnncast does not read as "
                     "time; write each as its first day, as '2025-01-01'"),
])
def test_era_years_and_fiscal_years_are_named_with_what_to_write(value, said):
    """Decision 1471: '令和5年1月2日', 'R5.1.2' and '1960年度' got only "not a timestamp" / "not read as time"."""
    assert re.search(FOUND, value) and why(value, "日付") == said


def test_values_that_only_look_like_an_era_are_not_named_so():
    for value in ("2024-01-01", "H1 2000", "2000-H1", "S&P 500", "Q1 2024"):
        assert why(value, "t") is None

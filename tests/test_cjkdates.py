"""cjkdates: dates, months and quarters as Korean, Japanese and Chinese spreadsheets and statistics offices write
them (2024년 1월 5일, 2024年1月5日, 2000년 1분기, 2024年第1季度), and a weekday after a date (2024-01-01(월),
2024/01/05(金), 2024-01-05 (Fri), 2024年1月5日 星期五), read as time, the weekday checked against the date, and
forecasts written back in the column's own form."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import cjkdates, timetext
from rnncast.csvtext import written_format
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.timeaxis import parse_time

DAYS = pd.date_range("2024-01-01", periods=120, freq="D")
MONTHS = pd.date_range("2015-01-01", periods=48, freq="MS")
QUARTERS = pd.period_range("2000Q1", periods=60, freq="Q").to_timestamp()
KO, JA, ZH, EN = "월화수목금토일", "月火水木金土日", "一二三四五六日", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOURS = pd.date_range("2024-01-01", periods=60, freq="h")  # 00:00 .. 23:00 twice over: 오전 12:00 and 오후 12:00 too


def noon(t, words=("오전", "오후")) -> str:
    """The morning or afternoon word of ``t``, and its hour of a 12-hour clock: ('오후', 1) for 13:00."""
    return words[t.hour >= 12], (t.hour + 11) % 12 + 1

FORMS = {  # name: (times, how one is written)
    "ko day": (DAYS, lambda t: f"{t.year}년 {t.month}월 {t.day}일"),
    "ko day padded": (DAYS, lambda t: f"{t.year}년 {t.month:02d}월 {t.day:02d}일"),
    "ko day unspaced": (DAYS, lambda t: f"{t.year}년{t.month}월{t.day}일"),
    "ko month unspaced": (MONTHS, lambda t: f"{t.year}년{t.month}월"),
    "ja day": (DAYS, lambda t: f"{t.year}年{t.month}月{t.day}日"),
    "ja day padded": (DAYS, lambda t: f"{t.year}年{t.month:02d}月{t.day:02d}日"),
    "ja month": (MONTHS, lambda t: f"{t.year}年{t.month}月"),
    "ja month padded": (MONTHS, lambda t: f"{t.year}年{t.month:02d}月"),
    "ko quarter": (QUARTERS, lambda t: f"{t.year}년 {t.quarter}분기"),
    "kosis quarter": (QUARTERS, lambda t: f"{t.year}.{t.quarter}/4"),
    "kosis quarter 분기": (QUARTERS, lambda t: f"{t.year} {t.quarter}/4분기"),
    "zh quarter": (QUARTERS, lambda t: f"{t.year}年第{t.quarter}季度"),
    "zh quarter short": (QUARTERS, lambda t: f"{t.year}年{t.quarter}季度"),
    "ja quarter": (QUARTERS, lambda t: f"{t.year}年第{t.quarter}四半期"),
    "iso (월)": (DAYS, lambda t: f"{t:%Y-%m-%d}({KO[t.weekday()]})"),
    "iso space (월)": (DAYS, lambda t: f"{t:%Y-%m-%d} ({KO[t.weekday()]})"),
    "slash (金)": (DAYS, lambda t: f"{t:%Y/%m/%d}({JA[t.weekday()]})"),
    "iso (Fri)": (DAYS, lambda t: f"{t:%Y-%m-%d} ({EN[t.weekday()]})"),
    "ko day (금)": (DAYS, lambda t: f"{t.year}년 {t.month}월 {t.day}일 ({KO[t.weekday()]})"),
    "ja day（金）": (DAYS, lambda t: f"{t.year}年{t.month}月{t.day}日（{JA[t.weekday()]}）"),
    "iso 周五": (DAYS, lambda t: f"{t:%Y-%m-%d} 周{ZH[t.weekday()]}"),
    "zh day 星期五": (DAYS, lambda t: f"{t.year}年{t.month}月{t.day}日 星期{ZH[t.weekday()]}"),
    "ko excel 오후": (HOURS, lambda t: "{} {} {}:00:00".format(f"{t:%Y-%m-%d}", *noon(t))),
    "ko sheets 오후": (HOURS, lambda t: "{}. {}. {}. {} {}:00:00".format(t.year, t.month, t.day, *noon(t))),
    "ko day 오후": (HOURS, lambda t: "{}년 {}월 {}일 {} {}:00".format(t.year, t.month, t.day, *noon(t))),
    "ko day 24h": (HOURS, lambda t: f"{t.year}년 {t.month}월 {t.day}일 {t.hour}:00"),
    "zh day 下午": (HOURS, lambda t: "{}年{}月{}日 {} {}:00".format(t.year, t.month, t.day, *noon(t, ("上午", "下午")))),
    "ja day 午後 unspaced": (HOURS, lambda t: "{}年{}月{}日 {}{:02d}:00".format(t.year, t.month, t.day, *noon(t, ("午前", "午後")))),
    "ja slash after": (HOURS, lambda t: "{} {}:00 {}".format(f"{t:%Y/%m/%d}", *noon(t, ("午前", "午後"))[::-1])),
    "zh day 24h seconds": (HOURS, lambda t: f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"),
}


@pytest.mark.parametrize("form", FORMS)
def test_east_asian_dates_are_read_as_time_and_written_back_so(form):
    """Korean, Japanese and Chinese analysts' dates ('2024년 1월 5일', '2024年1月5日'), quarters ('2000년 1분기',
    '2024年第1季度') and dates with a weekday after them ('2024-01-01(월)') were "not read as time"; they are read as
    those days, months and quarters, and the next ones written in the column's own form, weekday and brackets too."""
    times, written = FORMS[form]
    column = pd.Series([written(t) for t in times], name="날짜")
    time = parse_time(column, "날짜", None, str)
    assert time.equals(pd.DatetimeIndex(times, name="날짜").as_unit("us"))
    fmt = written_format(column, time)
    assert fmt is not None and list(timetext.write(time, fmt)) == column.tolist()
    following = pd.date_range(times[-1], periods=4, freq=times.freqstr)[1:]
    assert list(timetext.write(following, fmt)) == [written(t) for t in following]
    assert timetext.reads_back(following, fmt)


@pytest.mark.parametrize("value, rest", [
    ("2024-01-01(화)", r"'2024-01-01\(화\)' at row 0, but 2024-01-01 falls on a Monday \(월\)"),
    ("2024/01/05(木)", r"'2024/01/05\(木\)' at row 0, but 2024-01-05 falls on a Friday \(金\)"),
    ("2024-01-05 (Sat)", r"'2024-01-05 \(Sat\)' at row 0, but 2024-01-05 falls on a Friday \(Fri\)"),
    ("2024年1月5日 星期四", r"'2024年1月5日 星期四' at row 0, but 2024-01-05 falls on a Friday \(五\)"),
])
def test_a_weekday_the_date_does_not_fall_on_is_refused(value, rest):
    """A weekday written after a date that does not agree with it is a misread (the date or the weekday is wrong),
    never stripped silently: refused at its row, naming the weekday the date falls on in the column's own words."""
    column = pd.Series([value], name="일자")
    with pytest.raises(RnncastError, match=rf"time column '일자' holds {rest}"):
        parse_time(column, "일자", None, lambda i: f"row {i}")


@pytest.mark.parametrize("value, why", [
    ("2024년 2월 30일", r"which names no day \(2024-02 has 29 days\)"),
    ("2024年13月1日", r"which names no month \(months run 1 \.\. 12\)"),
    ("2000년 5분기", r"which names no quarter \(quarters run 1 \.\. 4\)"),
    ("2000.0/4", r"which names no quarter \(quarters run 1 \.\. 4\)"),
])
def test_a_date_or_quarter_that_is_none_is_refused_at_its_line(tmp_path, value, why):
    """'2024년 2월 30일' and '2000년 5분기' are written in the column's form but name no day or quarter: refused at
    their line, as '2000M13' is, not read as something else or as no time at all."""
    fmt = cjkdates.format_of(pd.Series([value]))
    times = QUARTERS if "%q" in fmt else DAYS
    written = list(timetext.write(times[:8], fmt))
    written[5] = value
    pd.DataFrame({"날짜": written, "y": np.arange(8.0)}).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(RnncastError, match=rf"holds '{value}' at line 7 of .*bad\.csv, {why}"):
        load_panel(str(tmp_path / "bad.csv"), target="y")


def test_a_value_in_another_form_is_named():
    column = pd.Series(["2024년 1월 1일", "2024년 1월 2일", "2024-01-03", "2024년 1월 4일"])
    with pytest.raises(RnncastError, match=r"holds '2024-01-03' at row 2; write every value as '2024년 1월 1일' is"):
        parse_time(column, "날짜", None, lambda i: f"row {i}")


def test_fit_then_predict_out_writes_korean_days_with_their_weekday(tmp_path, capsys):
    """End to end, as the analyst ran it: a sheet dated '2024년 1월 1일 (월)' is fit from the command line, and
    predict --out writes the forecast days as the sheet writes its own, '2024년 4월 30일 (화)', not ISO dates; a row
    whose weekday its date does not fall on stops the fit at its line, exit 2, without a traceback."""
    from rnncast.cli import main

    days = pd.date_range("2024-01-01", periods=120, freq="D")
    values = np.sin(np.arange(120) / 5) + np.arange(120) * 0.01
    written = [f"{t.year}년 {t.month}월 {t.day}일 ({KO[t.weekday()]})" for t in days]
    pd.DataFrame({"날짜": written, "판매량": values}).to_csv(tmp_path / "days.csv", index=False)
    fit = ["fit", str(tmp_path / "days.csv"), "--lookback", "8", "--horizon", "3", "--epochs", "1", "--hidden-size", "4",
           "--device", "cpu", "--out", str(tmp_path / "run")]
    assert main(fit) == 0
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "days.csv"), "--out", str(tmp_path / "f.csv")]) == 0
    forecast = pd.read_csv(tmp_path / "f.csv")
    assert forecast["날짜"].tolist() == ["2024년 4월 30일 (화)", "2024년 5월 1일 (수)", "2024년 5월 2일 (목)"]
    written[9] = "2024년 1월 10일 (목)"
    pd.DataFrame({"날짜": written, "판매량": values}).to_csv(tmp_path / "bad.csv", index=False)
    capsys.readouterr()
    assert main([*fit[:1], str(tmp_path / "bad.csv"), *fit[2:-1], str(tmp_path / "run2")]) == 2
    err = capsys.readouterr().err
    assert "'2024년 1월 10일 (목)' at line 11 of" in err and "falls on a Wednesday (수)" in err and "Traceback" not in err


@pytest.mark.parametrize("value, said", [
    ("2024年1月1日 下午 13:00", r"whose 下午 \(PM\) is read only beside a time of a 12-hour clock \(1:00 \.\. 12:59\)"),
    ("2024年1月1日 上午 0:30", r"whose 上午 \(AM\) is read only beside a time of a 12-hour clock"),
    ("2024年1月1日 下午", r"whose 下午 \(PM\) is read only beside a time of a 12-hour clock"),
    ("2024年1月1日 13:00", r"at row 3 beside '2024年1月1日 上午 12:00': times of a 24-hour clock and of a 12-hour one in one column; "
                          r"write every time on one clock, as '2024年1月1日 上午 12:00' is written"),
    ("2024年1月1日 下午 1:60", r"which names no minute or second \(0 \.\. 59\)"),
])
def test_a_time_of_day_beside_its_morning_or_afternoon_that_is_none_is_refused_at_its_row(value, said):
    """A 12-hour clock's 下午 beside 13:00, a marker beside no time, and a 24-hour time among 12-hour ones (two clocks
    in one column, whose forecasts could be written on neither) are refused at their row, not read as something else."""
    column = pd.Series([f"2024年1月1日 上午 {h}:00" for h in (12, 1, 2)] + [value], name="时间")
    with pytest.raises(RnncastError, match=rf"time column '时间' holds '{value}' .*{said}"):
        parse_time(column, "时间", None, lambda i: f"row {i}")


@pytest.mark.parametrize("words", [("오전", "오후"), ("上午", "下午"), ("午前", "午後")])
def test_fit_then_predict_write_twelve_hour_times_with_their_morning_and_afternoon(tmp_path, words):
    """Hours written '2023年1月1日 下午 1:00' were refused as 'not a timestamp' (quoted as '2023年1月1日 1:00 PM'), and
    Korean Excel's '2023-01-01 오후 1:00:00' read but forecast as ISO times: both are read, and fit's test forecasts and
    predict's forecasts written as the file writes its hours, in its own words."""
    from rnncast.cli import main

    hours = pd.date_range("2023-01-01", periods=120, freq="h")
    written = ["{}年{}月{}日 {} {}:00".format(t.year, t.month, t.day, *noon(t, words)) for t in hours]
    pd.DataFrame({"时间": written, "y": np.sin(np.arange(120) / 4)}).to_csv(tmp_path / "hours.csv", index=False)
    assert main(["fit", str(tmp_path / "hours.csv"), "--lookback", "6", "--horizon", "2", "--epochs", "1",
                 "--hidden-size", "4", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    tested = pd.read_csv(tmp_path / "run" / "test_forecasts.csv")
    assert set(tested["时间"]) <= set(written) and set(tested["cutoff"]) <= set(written)
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "hours.csv"), "--out", str(tmp_path / "f.csv")]) == 0
    assert pd.read_csv(tmp_path / "f.csv")["时间"].tolist() == [f"2023年1月6日 {words[0]} 12:00", f"2023年1月6日 {words[0]} 1:00"]


@pytest.mark.parametrize("first, then, side, other", [
    ("2024-01-05 오후 1:00", "2024-01-05 3:00 오후", "after", "before"),
    ("2024-01-05 1:00 오후", "2024-01-05 오후 3:00", "before", "after"),
    ("2023年1月1日 下午 1:00", "2023年1月1日 3:00 下午", "after", "before"),
    ("2023年1月1日 1:00 午後", "2023年1月1日 午後 3:00", "before", "after"),
])
def test_a_marker_on_the_other_side_of_the_time_is_refused_saying_so(first, then, side, other):
    """'오후 1:00' and '1:00 오후' in one column were refused "write every value as '...' is written", naming no
    difference. Decided: a column is read and forecast in one form, so the other side stays refused, now said."""
    column = pd.Series([first, first.replace("1:00", "2:00"), then], name="t")
    with pytest.raises(RnncastError, match=rf"^time column 't' holds '{then}' at row 2, its marker {side} the time, beside "
                                           rf"'{first}', whose marker stands {other} it: a column's times are read and "
                                           rf"forecast in one form; write the marker {other} the time in every value"):
        parse_time(column, "t", None, lambda i: f"row {i}")


@pytest.mark.parametrize("form", ["{d}{a}{h}:{m}", "{d}{a} {h}:{m}", "{d}{H}:{m}", "{d}(金){a}{h}:{m}"])
@pytest.mark.parametrize("day", ["{y}年{mo}月{dd}日", "{y}년 {mo}월 {dd}일"])
def test_a_time_right_after_the_day_is_read_and_written_back_so(form, day):
    """'2023年1月1日下午1:00', '2023年1月1日午後 1:00' and '2023年1月1日13:00' (no space after 日) were refused as "not a
    timestamp": read, and written back in that same form; a time right after a digit stays no form of this module's
    (2024-01-0513:00)."""
    times = pd.date_range("2024-01-05", periods=30, freq="h")  # 2024-01-05: a Friday, 金
    if "(金)" in form:
        times = pd.date_range("2024-01-05", periods=24, freq="h")
    words = ("上午", "下午") if "年" in day else ("오전", "오후")
    written = pd.Series([form.format(d=day.format(y=t.year, mo=t.month, dd=t.day), a=words[t.hour >= 12],
                                     h=(t.hour + 11) % 12 + 1, H=f"{t:%H}", m=f"{t:%M}") for t in times], name="t")
    assert (parse_time(written, "t", None, str) == times).all()
    assert (cjkdates.write(times, cjkdates.format_of(written)) == written.to_numpy()).all()
    assert cjkdates.form("2024-01-0513:00") is None and cjkdates.form("2024-01-05下午1:00") is None


@pytest.mark.parametrize("value, said", [
    ("2023年1月1日 午前12時", "whose hour is written with a word ('12時')"),
    ("2023年1月1日 上午12点", "whose hour is written with a word ('12点')"),
    ("2023년 1월 1일 오전 12시", "whose hour is written with a word ('12시')"),
    ("２０２３年１月１日 上午 １２：００", "whose digits are full-width"),
    ("2023年1月1日 上午 AM 12:00", "whose time is marked twice, 上午 (AM) and AM; write one marker"),
    ("2023年1月1日 中午 12:00", "whose 中午 (noon) rnncast does not read"),
    ("2023年1月1日 晚上 8:00", "whose 晚上 (evening) rnncast does not read"),
])
@pytest.mark.parametrize("first", [True, False])
def test_a_cjk_time_rnncast_does_not_read_is_named_for_what_it_is_first_or_among_others(value, said, first):
    """'午前12時', '上午12点', '오전 12시', full-width digits and '上午 AM 12:00' were refused as a marker "read only beside
    a time of a 12-hour clock (1:00 .. 12:59)", 中午 among 上午 times as "a 24-hour clock", 晚上 as "not a timestamp":
    each is named for what it is, as the first value or among values read."""
    good = [f"2023年1月1日 上午 {h}:00" for h in (12, 1, 2)]
    column = pd.Series([value] if first else [*good, value], name="t")
    with pytest.raises(RnncastError, match=rf"^time column 't' holds '{re.escape(value)}' at row {0 if first else 3}, "
                                           rf"{re.escape(said)}"):
        parse_time(column, "t", None, lambda i: f"row {i}")


@pytest.mark.parametrize("words", [("AM", "PM"), ("am", "pm"), ("a.m.", "p.m."), ("A.M.", "P.M.")])
@pytest.mark.parametrize("day", ["{y}年{mo}月{dd}日", "{y}년 {mo}월 {dd}일"])
def test_am_pm_after_a_cjk_days_time_is_read_in_any_case_and_written_back_so(words, day):
    """'2024年1月1日 12:00 am' and '2024년 1월 1일 1:00 PM' were refused as "not a timestamp" (upper case alike): read as
    '2024年1月1日 上午 12:00' is, and written back with the marker as written; a year-first date in digits with AM/PM
    stays pandas' (2024-01-05 1:00 PM)."""
    times = pd.date_range("2024-01-01", periods=30, freq="h")
    written = pd.Series([day.format(y=t.year, mo=t.month, dd=t.day) + f" {(t.hour + 11) % 12 + 1}:00 {words[t.hour >= 12]}"
                         for t in times], name="t")
    assert (parse_time(written, "t", None, str) == times).all()
    assert (cjkdates.write(times, cjkdates.format_of(written)) == written.to_numpy()).all()
    assert cjkdates.form("2024-01-05 1:00 PM") is None and cjkdates.form("2024-01-05 1:00 pm") is None


@pytest.mark.parametrize("value, said", [
    ("2024年1月1日 13:00 pm", r"holds '2024年1月1日 13:00 pm' at row 2, whose AM/PM is read only after a time of a 12-hour "
                             r"clock \(1:00 \.\. 12:59\)"),
    ("2024年1月1日 1:00 PM", r"mixes date formats.* and '2024年1月1日 1:00 PM' at row 2 \(1 row so\)"),
    ("2024年1月1日 13:00", r"holds '2024年1月1日 13:00' at row 2 .*times of a 24-hour clock and of a 12-hour one"),
])
def test_am_pm_after_a_cjk_day_beside_no_12_hour_time_or_in_another_case_is_refused(value, said):
    column = pd.Series(["2024年1月1日 12:00 am", "2024年1月1日 1:00 am", value], name="t")
    with pytest.raises(RnncastError, match=rf"^time column 't' {said}"):
        parse_time(column, "t", None, lambda i: f"row {i}")


def test_japanese_hours_0_to_11_are_read_and_written_back_so():
    """Decision 1470: '2024年1月1日 午前0:00' (午前0時 midnight, 午後0時 noon: the Japanese clock of 0 .. 11) was refused
    "whose 午前 (AM) is read only beside a time of a 12-hour clock (1:00 .. 12:59)" at the first row of every such file."""
    hours = pd.date_range("2024-01-01", periods=30, freq="h")
    column = pd.Series([f"{t.year}年{t.month}月{t.day}日 {'午前' if t.hour < 12 else '午後'}{t.hour % 12}:{t:%M}"
                        for t in hours])
    fmt = cjkdates.format_of(column)
    assert fmt == "%Y年%-m月%-d日 %!aj%-K:%M"
    assert list(cjkdates.read(column, fmt)) == list(hours)
    assert list(cjkdates.write(hours, fmt)) == column.tolist()  # noon as 午後0:00, midnight as 午前0:00
    late = pd.Series(["2024年1月1日 午前1:00", "2024年1月1日 午前2:00", "2024年1月1日 午前0:00"])  # 0 past the first row
    assert list(cjkdates.read(late, cjkdates.format_of(late))) == list(pd.to_datetime(
        ["2024-01-01 01:00", "2024-01-01 02:00", "2024-01-01 00:00"]))


@pytest.mark.parametrize("values, at", [(["午前0:00", "午前1:00", "午前12:00"], 2), (["午前12:00", "午前1:00", "午前0:00"], 0)])
def test_japanese_midnight_written_on_two_12_hour_clocks_is_refused(values, at):
    column = pd.Series([f"2024年1月1日 {v}" for v in values])
    with pytest.raises(RnncastError, match=rf"holds '2024年1月1日 午前(0|12):00' at {at}, whose 午前(0|12):00 is on another "
                                           r"12-hour clock than the column's \(hours 0 \.\. 11\): write midnight and noon as "
                                           r"午前0:00 and 午後0:00 in every value, or as 午前12:00 and 午後12:00"):
        cjkdates.read(column, cjkdates.format_of(column), "t", str)


def test_a_chinese_or_korean_hour_0_beside_its_marker_is_refused_saying_how_it_is_written():
    column = pd.Series(["2024年1月1日 上午1:00", "2024年1月1日 上午0:30"])
    with pytest.raises(RnncastError, match=r"at 1, whose 上午 \(AM\) is read only beside a time of a 12-hour clock "
                                           r"\(1:00 \.\. 12:59\) \(上午 0:30 is written 上午 12:30 here\)"):
        cjkdates.read(column, cjkdates.format_of(column), "t", str)

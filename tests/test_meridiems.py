"""meridiems: a 12-hour clock's 오전/오후 (午前/午後, 上午/下午) beside a date cjkdates leaves (two-digit years, month or
day first), read as AM/PM and forecasts written in the file's own form and words."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import timetext
from rnncast.csvtext import FALLBACK, guess, written_format
from rnncast.datetext import parse_text
from rnncast.meridiems import as_ampm, marked_forms

HOURS = pd.date_range("2023-01-01", periods=300, freq="h")  # days 1 .. 13: day first or month first by a day past 12


@pytest.mark.parametrize("form", ["{t:%y.%m.%d} {w} {i}:00", "{t:%m/%d/%Y} {w} {i}:00:00", "{t:%d.%m.%Y} {w}{i}:00",
                                  "{t:%y-%m-%d} {i}:00 {w}", "{t:%d/%m/%y} {w} {i}:00", "{t:%y.%m.%d.} {w} {i}:00"])
@pytest.mark.parametrize("words", [("오전", "오후"), ("午前", "午後"), ("上午", "下午")])
def test_forecasts_of_a_12_hour_clock_in_east_asian_words_are_written_in_the_files_form(form, words):
    """'23.01.01 오후 1:00' (Korean offices' two-digit years) and '01/05/2023 오후 1:00' were read as AM/PM but
    forecast as ISO times ('2023-01-13 12:00:00'): no format wrote 오후. They are forecast as the file writes them."""
    def written(t):
        return form.format(t=t, w=words[t.hour >= 12], i=(t.hour + 11) % 12 + 1)

    column = pd.Series([written(t) for t in HOURS])
    time, _ = parse_text(column, "t", str)
    assert (time == HOURS).all()
    fmt = written_format(column, time)
    following = pd.date_range(HOURS[-1], periods=4, freq="h")[1:]
    assert fmt is not None and list(timetext.write(following, fmt)) == [written(t) for t in following]
    assert timetext.reads_back(following, fmt)


def test_a_marker_is_written_as_am_or_pm_after_its_time_and_its_forms_keep_it_where_the_value_has_it():
    assert as_ampm(pd.Series(["23.01.01 오후 1:00", "23.01.01 1:00 午前", "23.01.01 下午 13:00"])).tolist() == [
        "23.01.01 1:00 PM", "23.01.01 1:00 AM", "23.01.01 下午 13:00"]  # 13:00 beside 下午: left for badtimes to name
    assert "%y.%m.%d %!ak %-I:%M" in marked_forms("23.01.01 오후 1:00", FALLBACK, guess)
    assert "%m/%d/%Y %-I:%M%!ac" in marked_forms("01/05/2023 1:00下午", FALLBACK, guess)
    assert marked_forms("23.01.01 1:00 PM", FALLBACK, guess) is None


def test_way_back_names_the_format_with_p_that_reads_the_example_as_its_stamp_or_none():
    """The pandas line reading '13/01/23 오후 1:00' as 13 January: markers rewritten as AM/PM, the format told with %p;
    None for a value with no marker and where no format writes the stamp as the value (the wrong order)."""
    from rnncast.meridiems import way_back

    stamp = pd.Timestamp("2023-01-13 13:00")
    assert way_back("13/01/23 오후 1:00", stamp, "t", FALLBACK, guess) == (
        "df['t'] = pd.to_datetime(df['t'].str.replace('오전', 'AM').str.replace('오후', 'PM'), format='%d/%m/%y %p %I:%M')")
    assert way_back("2023年1月13日 1:00 下午", stamp, "t", FALLBACK, guess) is None  # cjkdates' own: no marked_forms
    assert way_back("13/01/23 13:00", stamp, "t", FALLBACK, guess) is None
    assert way_back("13/01/23 오후 1:00", pd.Timestamp("2023-01-13 01:00"), "t", FALLBACK, guess) is None

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib import dates as mdates
from matplotlib.figure import Figure

from rnncast import dateticks, drawntime, fonts, plots, quarterticks


def ticked(start, end, freq, width=6.4):
    """The tick labels and offset text of an axis over ``start`` .. ``end`` after drawing on a figure ``width``
    inches wide."""
    fig = Figure(figsize=(width, 4.8))
    ax = fig.subplots()
    x = pd.date_range(start, end, freq=freq)
    ax.plot(x, np.arange(len(x)))
    dateticks.date_ticks(ax, None)
    plots.png_bytes(fig)  # draws the ticks
    return [t.get_text() for t in ax.get_xticklabels()], ax.xaxis.get_offset_text().get_text()


def test_a_day_axis_across_two_months_names_the_first_month_at_its_first_tick():
    """May 13 - Jun 16 read "13, 17, 21 ... Jun ..." over an offset "2024-Jun": May was named nowhere."""
    labels, offset = ticked("2024-05-13", "2024-06-16", "D")
    assert labels[0] == "May 13" and "Jun" in labels and offset == "2024"


def test_a_month_axis_across_years_names_the_first_year_and_no_last_year_offset():
    labels, offset = ticked("2023-09-01", "2024-05-01", "D")
    assert labels[0] == "2023-Sep" and "2024" in labels and offset == ""


def test_hours_across_days_name_the_first_day_and_an_axis_within_one_month_keeps_matplotlibs_ticks():
    labels, offset = ticked("2024-05-13 20:00", "2024-05-15", "h", width=10)  # forecast.png's width
    assert labels[0] == "21:00\nMay 13" and offset == "2024-May"
    labels, offset = ticked("2024-05-13", "2024-05-20", "D")
    assert labels[0] == "13" and offset == "2024-May"  # the offset is every tick's month: nothing to add


@pytest.mark.parametrize("coarsest, finest, text", [(1, 2, "%b %d"), (0, 1, "%Y-%b"), (0, 2, "%Y-%b-%d"), (2, 3, "%H:%M\n%b %d"),
                                                    (4, 5, "%H:%M:%S")])
def test_the_first_ticks_format_names_every_unit_that_changes(coarsest, finest, text):
    assert dateticks.first_format(coarsest, finest) == text


def test_a_first_tick_crowding_the_next_months_name_is_left_unlabelled():
    """Apr 28 - May 29 ticked Apr 29, May 1, May 5 ...: "Apr 29" two days before "May" overlapped it in the PNG.
    The first label is dropped where it would overlap the next as drawn (measured); a full step keeps it."""
    labels, offset = ticked("2020-04-28", "2020-05-29", "D")
    assert labels[:3] == ["", "May", "05"] and offset == "2020"
    assert ticked("2024-05-13", "2024-06-16", "D")[0][0] == "May 13"


def test_no_day_is_written_as_a_month_and_two_digits_a_spreadsheet_reads_as_a_year():
    """A stock plot's first tick read "Mar-15", which Excel writes for March 2015; an hour axis' midnights read
    "May-14". A day is written after its month with a space, the year in the offset."""
    labels, offset = ticked("2015-03-15", "2015-04-20", "B")
    assert re.fullmatch(r"Mar \d\d", labels[0]) and offset == "2015"
    labels, offset = ticked("2024-05-13 20:00", "2024-05-15", "h", width=10)
    assert "May 14" in labels and not any("-" in label for label in labels)


def drawn_ticks(times, drawn=None):
    """The ticks (as timestamps of ``times``' zone) and labels of an axis drawing ``drawn`` (all of ``times``)
    with the figures' ticks (``drawntime.time_ticks``)."""
    fig = Figure()
    ax = fig.subplots()
    x = times if drawn is None else drawn
    ax.plot(x, np.arange(len(x)))
    drawntime.time_ticks(ax, x, x.tz)
    plots.png_bytes(fig)
    ticks = pd.DatetimeIndex([mdates.num2date(v, tz=times.tz) for v in ax.get_xticks()])
    return (ticks if times.tz is not None else ticks.tz_localize(None)), [t.get_text() for t in ax.get_xticklabels()]


def names_its_period(label: str, t: pd.Timestamp) -> bool:
    """Whether ``label`` names the period ``t`` is in: its year, month, calendar quarter or day ("Mar 7"), with
    its year on a second line, if any."""
    own, _, year = label.partition("\n")
    quarter = f"Q{(t.month - 1) // 3 + 1}"
    periods = {str(t.year), f"{t:%b}", quarter, f"{t.year}{quarter}", f"{t:%b} {t.day}"}
    return own in periods and year in ("", str(t.year))


ENDS = [("2021-01-31", 12, "ME"), ("2017-01-31", 60, "ME"), ("2021-03-31", 8, "QE"), ("2013-03-31", 40, "QE"),
        ("1980-12-31", 44, "YE"), ("2015-12-31", 9, "YE"), ("2017-01-31", 60, "BME"), ("2021-01-29", 14, "BME"),
        ("2021-01-03", 15, "W-SUN"), ("2019-11-30", 20, "QE-NOV"), ("2020-02-29", 30, "2ME")]


@pytest.mark.parametrize("start, n, freq", ENDS)
def test_a_calendar_of_period_ends_is_ticked_on_its_points_each_named_by_its_own_period(start, n, freq):
    """2021-03-31 sat just left of matplotlib's "Apr" tick and read as April; a yearly series dated 12-31 read one
    year late (2015-12-31 at "2016"). Every tick is now on a point and names the period that point is in."""
    times = pd.date_range(start, periods=n, freq=freq)
    ticks, labels = drawn_ticks(times)
    assert 2 <= len(ticks) <= dateticks.MAX_TICKS and set(ticks) <= set(times)
    assert all(names_its_period(label, t) for label, t in zip(labels, ticks)), list(zip(ticks, labels))
    named = next(label for label in labels if label)
    assert "\n" in named or named[:4].isdigit()  # the year is named at the first labelled tick


WEEKS = [("2021-01-03", 30, "W-SUN"), ("2021-01-03", 100, "W-SUN"), ("2021-01-04", 40, "W-MON"), ("2020-01-15", 30, "SME"),
         ("2021-01-09", 300, "W-SAT"), ("2023-05-28", 60, "W-SUN"), ("2021-01-06", 40, "W-WED")]


@pytest.mark.parametrize("start, n, freq", WEEKS)
def test_a_weekly_calendars_months_and_years_are_ticked_at_their_starts_not_at_their_first_week(start, n, freq):
    """session 28's tester: a W-SUN series' "Feb" sat on 2021-02-07 and "Mar" on 03-07, the first week observed in
    the month, where a reader reads a month's tick as its first day (a W-SAT axis' "2023" on 2023-01-07). Every
    tick of months or years is now the 1st at midnight of the month (January's: of the year) it names, inside
    the axis, and the year is named at the first labelled tick."""
    times = pd.date_range(start, periods=n, freq=freq)
    fig = Figure()
    ax = fig.subplots()
    ax.plot(times, np.arange(n))
    drawntime.time_ticks(ax, times, None)
    plots.png_bytes(fig)
    ticks = pd.DatetimeIndex([mdates.num2date(v) for v in ax.get_xticks()]).tz_localize(None)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    left, right = ax.get_xlim()
    assert 2 <= len(ticks) <= dateticks.MAX_TICKS and all(left <= v <= right for v in ax.get_xticks())
    assert all(t == t.normalize() and t.day == 1 for t in ticks), list(ticks)
    assert all(names_its_period(label, t) for label, t in zip(labels, ticks)), list(zip(ticks, labels))
    assert all(t.month == 1 for t, label in zip(ticks, labels) if label.isdigit())  # a year's tick on its 1 January
    named = next(label for label in labels if label)
    assert "\n" in named or named[:4].isdigit()


def test_a_zoned_weekly_calendars_months_start_at_its_local_midnight():
    times = pd.date_range("2021-01-03", periods=40, freq="W-SUN", tz="America/New_York")
    ticks, labels = drawn_ticks(times)
    assert all(t.day == 1 and (t.hour, t.minute) == (0, 0) for t in ticks) and labels[1] == "Feb", list(ticks)
    assert list(dateticks.period_starts(pd.DatetimeIndex(["2021-03-14 12:00", "2021-11-07 12:00"], tz="America/Havana"),
                                        "month")) == [pd.Timestamp("2021-03-01", tz="America/Havana"),
                                                      pd.Timestamp("2021-11-01", tz="America/Havana")]


def test_the_repros_yearly_series_and_month_ends_are_labelled_as_their_points():
    ticks, labels = drawn_ticks(pd.date_range("2015-12-31", periods=9, freq="YE"))
    assert labels == [str(y) for y in range(2015, 2024)] and ticks[-1] == pd.Timestamp("2023-12-31")
    ticks, labels = drawn_ticks(pd.date_range("2021-01-31", periods=12, freq="ME"))
    assert dict(zip(ticks.strftime("%Y-%m-%d"), labels))["2021-03-31"] == "Mar"
    ticks, labels = drawn_ticks(pd.date_range("2021-03-31", periods=8, freq="QE"))
    assert labels[:5] == ["2021Q1", "Q2", "Q3", "Q4", "2022Q1"]  # as pandas writes quarters


def test_a_zoned_month_end_calendar_is_ticked_at_its_local_points():
    times = pd.date_range("2021-01-31", periods=12, freq="ME", tz="America/New_York")
    ticks, labels = drawn_ticks(times)
    assert set(ticks) <= set(times) and all(names_its_period(label, t) for label, t in zip(labels, ticks))


@pytest.mark.parametrize("start, n, freq", [("2017-01-01", 60, "MS"), ("2021-01-01", 12, "MS"), ("2017-01-01", 40, "QS"),
                                            ("2000-01-01", 30, "YS")])
def test_a_calendar_of_period_starts_keeps_matplotlibs_ticks_at_period_starts(start, n, freq):
    times = pd.date_range(start, periods=n, freq=freq)
    fig = Figure()
    ax = fig.subplots()
    ax.plot(times, np.arange(n))
    drawntime.time_ticks(ax, times, None)
    assert isinstance(ax.xaxis.get_major_locator(), mdates.AutoDateLocator)
    ticks, _ = drawn_ticks(times)
    assert all(t.day == 1 and t.month in (1, 4, 7, 10) or freq == "MS" and t.day == 1 for t in ticks)


@pytest.mark.parametrize("freq", ["D", "B", "h", "2D"])
def test_days_and_finer_keep_matplotlibs_ticks(freq):
    times = pd.date_range("2023-01-02", periods=90, freq=freq)
    fig = Figure()
    ax = fig.subplots()
    ax.plot(times, np.arange(90))
    drawntime.time_ticks(ax, times, None)
    assert isinstance(ax.xaxis.get_major_locator(), mdates.AutoDateLocator)


def test_point_ticks_choose_round_periods_where_the_points_allow():
    ticks, labels, _ = dateticks.point_ticks(pd.date_range("1980-12-31", periods=44, freq="YE"))
    assert labels == [str(y) for y in range(1980, 2021, 5)]
    ticks, labels, _ = dateticks.point_ticks(pd.date_range("2020-02-29", periods=8, freq="2ME"))  # Feb, Apr ...: no Jan
    assert labels[:2] == ["Feb\n2020", "Apr"] and len(ticks) == 8
    ticks, labels, _ = dateticks.point_ticks(pd.date_range("2021-01-03", periods=15, freq="W-SUN"))
    assert labels[:3] == ["Jan 3\n2021", "Jan 17", "Jan 31"]


def test_period_labels_name_the_year_under_the_first_tick_and_where_it_changes():
    ticks = pd.DatetimeIndex(["2021-09-30", "2021-12-31", "2022-03-31"])
    assert dateticks.period_labels(ticks, "month") == ["Sep\n2021", "Dec", "Mar\n2022"]
    assert dateticks.period_labels(ticks, "year") == ["2021", "2021", "2022"]
    assert dateticks.period_labels(ticks, "point") == ["Sep 30\n2021", "Dec 31", "Mar 31\n2022"]


def label_boxes(fig, ax):
    """The tick labels of ``ax``'s x axis with text, and their extents, drawn as png_bytes draws them (dpi 110)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(110)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    return [t.get_text() for t in labels], [t.get_window_extent(renderer) for t in labels]


def test_a_day_axis_that_crosses_into_a_new_year_names_the_year_there():
    """daily.csv's forecast.png read "2020-Nov-15, Dec, 15, Jan, 15, Feb": its "Jan" was January 2021 and nothing
    said so. A tick in a year other than the tick before it writes its year under it."""
    labels, offset = ticked("2020-11-14", "2021-01-31", "D")
    assert labels[0].startswith("2020-Nov") and "Jan\n2021" in labels and offset == ""
    labels, offset = ticked("2020-12-20 00:00", "2021-01-03", "h")  # hours: the new year's midnight
    assert any(label.endswith("\n2021") for label in labels if label.startswith("Jan")), labels


def test_a_new_years_tick_names_its_year_wherever_the_axis_starts():
    for start, end, freq in [("2020-10-01", "2021-03-01", "D"), ("2019-06-01", "2021-09-01", "D"), ("2020-12-25", "2021-01-20", "D")]:
        times = pd.date_range(start, end, freq=freq)
        ticks, labels = drawn_ticks(times)
        for i in range(1, len(ticks)):
            if labels[i] and ticks[i].year != ticks[i - 1].year:
                assert str(ticks[i].year) in labels[i], (start, labels)


@pytest.mark.parametrize("width", [4.0, 6.4, 10.0])
@pytest.mark.parametrize("start, n, freq", [("2023-05-28", 24, "W-SUN"), ("2023-05-28", 60, "W-SUN"), ("2020-04-28", 32, "D"),
                                            ("2020-11-14", 80, "D"), ("2021-01-31", 14, "ME"), ("2024-05-13 20:00", 40, "h")])
def test_tick_labels_never_overlap(width, start, n, freq):
    """retail.csv's weekly panels labelled 2023-05-28 "May" and 06-04 "Jun", 25 pixels apart: "MayJun". A label
    closer to the next than their texts' half widths (and a gap) is left empty, measured where they are drawn."""
    fig = Figure(figsize=(width, 3))
    ax = fig.subplots()
    times = pd.date_range(start, periods=n, freq=freq)
    ax.plot(times, np.arange(n))
    drawntime.time_ticks(ax, times, None)
    labels, boxes = label_boxes(fig, ax)
    assert len(labels) >= 2 and not any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:])), labels


def test_the_first_weekly_label_crowding_the_next_months_is_left_empty_and_its_year_named_by_the_next():
    """The tester's W-SUN panel: first point 2023-05-28 ("May", the year under it) one week before June's."""
    fig = Figure(figsize=(7, 2.5))
    ax = fig.subplots()
    times = pd.date_range("2023-05-28", periods=24, freq="W-SUN")
    ax.plot(times, np.arange(24))
    drawntime.time_ticks(ax, times, None)
    labels, _ = label_boxes(fig, ax)
    assert labels[:3] == ["Jun\n2023", "Jul", "Aug"]


QUARTERS = [("2022-01-01", "QS", None, ["2022Q1", "Q2", "Q3", "Q4", "2023Q1", "Q2", "Q3", "Q4"]),
            ("2022-01-01", "QS", "%YQ%q", ["2022Q1", "Q2", "Q3", "Q4", "2023Q1", "Q2", "Q3", "Q4"]),
            ("2022-01-01", "QS", "Q%q %Y", ["Q1 2022", "Q2", "Q3", "Q4", "Q1 2023", "Q2", "Q3", "Q4"]),
            ("2021-03-31", "QE", "%Y-%m-%d", ["2021Q1", "Q2", "Q3", "Q4", "2022Q1", "Q2", "Q3", "Q4"]),
            ("2019-11-30", "QE-NOV", None, ["2019Q4", "2020Q1", "Q2", "Q3", "Q4", "2021Q1", "Q2", "Q3"]),
            ("2021-02-01", "QS-FEB", None, ["2021Q1", "Q2", "Q3", "Q4", "2022Q1", "Q2", "Q3", "Q4"]),
            ("2021-12-01", "QS-DEC", None, ["2021Q4", "2022Q1", "Q2", "Q3", "Q4", "2023Q1", "Q2", "Q3"]),
            ("2015-04-01", "QS-APR", "%YQ%q", ["2015Q2", "Q3", "Q4", "2016Q1", "Q2", "Q3", "Q4", "2017Q1"]),
            ("2015-03-31", "QE-MAR", None, ["2015Q1", "Q2", "Q3", "Q4", "2016Q1", "Q2", "Q3", "Q4"]),
            ("2015-10-01", "QS-OCT", None, ["2015Q4", "2016Q1", "Q2", "Q3", "Q4", "2017Q1", "Q2", "Q3"]),
            ("2016-07-01", "2QS", "%YH%!h", ["2016H2", "2017H1", "H2", "2018H1", "H2", "2019H1", "H2", "2020H1"])]


@pytest.mark.parametrize("start, freq, written, expected", QUARTERS)
def test_a_quarterly_calendar_is_ticked_by_its_quarters_as_pandas_periods_write_them(start, freq, written, expected):
    """gdp.csv (quarters written 2014Q1 ...) was ticked "2022-Jan, Apr, Jul, Oct, 2023, Apr" in forecast.png while
    the page and predict say 2022Q1. A quarterly calendar is ticked at its points by quarter, any anchor's (QE-NOV,
    QS-OCT given) by the calendar quarter each point falls in, as the CSVs write it (decision 1045: QS-APR's 2024-10-01
    was "2025Q3", fiscal, where test_forecasts.csv wrote 2024Q4)."""
    from rnncast.timecalendar import Calendar

    times = pd.date_range(start, periods=8, freq=freq)
    calendar = Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset(freq), name="quarter", text_format=written)
    fig = Figure(figsize=(10, 4))
    ax = fig.subplots()
    ax.plot(times, np.arange(8))
    drawntime.time_ticks(ax, times, None, calendar=calendar)
    labels, _ = label_boxes(fig, ax)
    ticks = pd.DatetimeIndex([mdates.num2date(v) for v in ax.get_xticks()]).tz_localize(None)
    assert labels == expected and list(ticks) == list(times)


@pytest.mark.parametrize("start, freq, written, n, expected", [
    ("2005-06-30", "QE-MAR", "FY%FQ%!q|QE-MAR", 8, ["FY2006Q1", "Q2", "Q3", "Q4", "FY2007Q1", "Q2", "Q3", "Q4"]),
    ("2004-12-01", "QS-DEC", "Q%!q FY%f|QS-DEC", 8, ["Q1 FY05", "Q2", "Q3", "Q4", "Q1 FY06", "Q2", "Q3", "Q4"]),
    ("2005-06-30", "QE-MAR", "FY%FQ%!q|QE-MAR", 40, [f"FY{year}" for year in range(2006, 2016)])])
def test_fiscal_quarter_labels_are_ticked_as_the_fiscal_quarters_the_data_names(start, freq, written, n, expected):
    """A series read from 'FY2006Q1' ... by --freq QE-MAR was ticked by the calendar quarters its points fall in
    ("2005Q2" for FY2006Q1), a name neither the data nor test_forecasts.csv writes (decision 1447)."""
    from rnncast.timecalendar import Calendar

    times = pd.date_range(start, periods=n, freq=freq)
    calendar = Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset(freq), name="fq", text_format=written)
    fig = Figure(figsize=(10, 4))
    ax = fig.subplots()
    ax.plot(times, np.arange(n))
    drawntime.time_ticks(ax, times, None, calendar=calendar)
    assert label_boxes(fig, ax)[0] == expected


def test_a_long_quarterly_calendar_is_ticked_at_years_first_quarters():
    from rnncast.timecalendar import Calendar

    times = pd.period_range("2014Q1", periods=40, freq="Q").to_timestamp()
    calendar = Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset("QS"), name="quarter", text_format="%YQ%q")
    fig = Figure(figsize=(10, 4))
    ax = fig.subplots()
    ax.plot(times, np.arange(40))
    drawntime.time_ticks(ax, times, None, calendar=calendar)
    labels, _ = label_boxes(fig, ax)
    assert labels == [str(year) for year in range(2014, 2024)]  # calendar quarters: at each year's first, its year


def test_quarters_from_a_second_quarter_are_ticked_as_the_csv_writes_them():
    """The tester's gdp39_q_q2.csv (2015Q2 first) was inferred 'QS-APR' and forecast.png named its test quarters
    2023Q1 .. 2024Q4 "2023Q4" .. "2025Q3" (fiscal years from April); decisions 1044, 1045: calendar quarters, as written."""
    from rnncast import timetext
    from rnncast.loading import load_panel

    quarters = pd.period_range("2015Q2", periods=39, freq="Q")
    frame = pd.DataFrame({"quarter": quarters.strftime("%YQ%q"), "gdp": np.arange(39.0)})
    calendar = load_panel(frame, target="gdp").calendar
    times = quarters[-8:].to_timestamp()
    fig = Figure(figsize=(10, 4))
    ax = fig.subplots()
    ax.plot(times, np.arange(8))
    drawntime.time_ticks(ax, times, None, calendar=calendar)
    labels, _ = label_boxes(fig, ax)
    assert calendar.freq_text == "QS-JAN"
    assert labels == ["2023Q1", "Q2", "Q3", "Q4", "2024Q1", "Q2", "Q3", "Q4"]
    assert list(timetext.write(times, calendar.text_format)) == [str(q) for q in quarters[-8:]]


@pytest.mark.parametrize("start", ["2022Q4", "2022Q3", "2023Q2"])
def test_crowded_quarter_ticks_name_every_year_they_cross_in_the_datas_own_form(start):
    """t26t9: Korean quarters ("2023년 1분기") in a backtest figure were ticked "", "2023년 1분기", "", "Q3", "Q4", "",
    "Q2" ...: each year's wide first label, crowding the "Q4" before it, was the one left empty, so 2024's quarters
    read as 2023's, and the quarters between were "Q3" where the CSV writes "3분기". A label naming a year is kept
    over one naming none, the first label left names its year, and a quarter alone is written as the data writes it."""
    from rnncast.timecalendar import Calendar

    times = pd.period_range(start, periods=10, freq="Q").to_timestamp()
    calendar = Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset("QS"), name="quarter",
                        text_format="%Y년 %q분기")
    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    ax.plot(times, np.arange(10))
    drawntime.time_ticks(ax, times, None, calendar=calendar)
    with fonts.drawing(fig):  # Korean glyphs, measured as drawn
        label_boxes(fig, ax)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(labels) == len(times) and "" in labels  # a tick a quarter, crowded: some left empty
    year = None
    for t, label in zip(times, labels):
        if label and dateticks.names_year(label):  # "2024년 1분기", or "3분기\n2023년" where the first was left empty
            assert label.startswith(f"{t.year}년 ") or label == f"{t.quarter}분기\n{t.year}년"  # the year as the axis writes it
            year = t.year
        elif label:  # a quarter alone is in the year last named, written as the data writes it
            assert label == f"{t.quarter}분기" and year == t.year
    first = next(i for i, label in enumerate(labels) if label)  # points before it: the first year's, ahead of its tick
    assert {int(y) for y in re.findall(r"\d{4}", "".join(labels))} == set(times.year[first:])  # every year crossed


@pytest.mark.parametrize("written", [None, "%Y년 %q분기", "Q%q %Y"])
@pytest.mark.parametrize("start, n, width", [("2019Q3", 22, 6.3), ("2019Q4", 21, 6.3), ("2015Q2", 41, 4.5),
                                             ("2004Q3", 80, 6.3), ("2019Q3", 22, 10.0)])
def test_a_crowded_first_quarter_is_stacked_and_a_year_under_a_quarter_is_written_as_the_axis_writes_years(
        written, start, n, width):
    """C09 (forecast.png beside a wide legend, quarters from 2019Q3): "2019Q3" crowded "2020" and was left empty, a tick
    of no label at the axis' start; where the first label was left so, the first one left had its year put under it
    in plain digits ("3분기\n2023") on an axis that writes years "2024년 1분기". The first label is now written narrower,
    its quarter over its year ("Q3\n2019"), where that fits; a year under a quarter is written as the axis' other
    ticks write years ("2020" ticks: "3분기\n2019"; "2024년 1분기": "3분기\n2023년"); no two labels overlap."""
    from rnncast.timecalendar import Calendar

    times = pd.period_range(start, periods=n, freq="Q").to_timestamp()
    calendar = Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset("QS"), name="q", text_format=written)
    with fonts.drawing():  # Korean glyphs, made and measured as drawn
        fig = Figure(figsize=(width, 3))
        ax = fig.subplots()
        ax.plot(times, np.arange(n))
        drawntime.time_ticks(ax, times, None, calendar=calendar)
        labels, boxes = label_boxes(fig, ax)
    every = [t.get_text() for t in ax.get_xticklabels()]
    assert labels and not any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:])), every
    assert dateticks.names_year(labels[0]), every
    bare = any(label.isdigit() for label in labels)  # an axis of year ticks ("2020"), else of quarters named in full
    for label in labels:
        quarter, _, year = label.partition("\n")
        assert not year or (year.isdigit() if bare else year == quarterticks.named(pd.Period(f"{year[:4]}Q1", "Q"), written)
                            .replace(quarterticks.alone(pd.Period(f"{year[:4]}Q1", "Q"), written), "").strip(" -")), every
    if (start, width) == ("2019Q3", 6.3):  # the tester's C09: the first tick labelled, its quarter over its year
        assert every[0] == ("3분기\n2019" if written and "분기" in written else "Q3\n2019") and every[1] == "2020"


def test_a_day_tick_just_before_a_months_tick_is_left_unlabelled():
    """A tester's finding (t30t10): backtest.png's day ticks read "Sep 21, 25, 29 Oct, 05, 09": matplotlib ticks every
    4th day from each month's 1st, so '29' stood two days before 'Oct' and the pair read "29 Oct"."""
    formatter = dateticks.FirstDateFormatter(mdates.AutoDateLocator())
    ticks = pd.to_datetime(["2023-09-21", "2023-09-25", "2023-09-29", "2023-10-01", "2023-10-05", "2023-10-09"])
    assert formatter.format_ticks(mdates.date2num(ticks)) == ["Sep 21", "25", "", "Oct", "05", "09"]
    even = pd.to_datetime(["2023-09-17", "2023-09-24", "2023-10-01", "2023-10-08"])  # a tick a step before: kept
    assert formatter.format_ticks(mdates.date2num(even)) == ["Sep 17", "24", "Oct", "08"]
    for start, end in [("2023-09-18", "2023-10-28"), ("2024-01-20", "2024-03-10"), ("2023-08-25", "2023-09-08")]:
        ticks, labels = drawn_ticks(pd.date_range(start, end, freq="D"))
        step = np.median(np.diff(ticks.asi8))
        for i in range(1, len(ticks) - 1):  # no labelled day closer than the step before a month's tick
            if ticks[i + 1].day == 1 and ticks[i + 1].month != ticks[i].month and labels[i]:
                assert ticks[i + 1].value - ticks[i].value >= 0.75 * step, (start, labels)

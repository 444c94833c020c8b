"""Calendar inference (``calendars.py``): the offset that explains every row with the fewest
missing rows, calendars near the most common step when no window is free of gaps, a calendar of
its own for a series the panel's does not fit, and the rows missing after each row."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast.calendars import missing_rows, settle
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.spelling import hints


def _stack(*indexes):
    time = indexes[0].append(list(indexes[1:])) if len(indexes) > 1 else indexes[0]
    offsets = np.concatenate([[0], np.cumsum([len(i) for i in indexes])])
    return time, offsets


def test_the_calendar_with_the_fewest_missing_rows_wins():
    time, offsets = _stack(pd.bdate_range("2024-01-01", periods=60))
    calendar, ruler, own = settle(time, offsets)
    assert calendar.freq == to_offset("B") and ruler.missing == 0 and own == {}


def test_month_starts_with_a_gap_in_every_window_are_still_month_starts():
    index = pd.date_range("2010-01-01", periods=120, freq="MS").delete(np.arange(3, 120, 7))
    calendar, ruler, _ = settle(*_stack(index))
    assert calendar.freq == to_offset("MS") and ruler.missing == len(np.arange(3, 120, 7))


def test_missing_rows_counts_the_steps_skipped_after_each_row():
    index = pd.date_range("2024-01-01", periods=10, freq="D").delete([3, 4, 7])
    time, offsets = _stack(index, pd.date_range("2024-03-01", periods=5, freq="D"))
    _, ruler, _ = settle(time, offsets)
    after = missing_rows(ruler.steps, offsets)
    assert after.tolist() == [0, 0, 2, 0, 1, 0, 0] + [0] * 5


def test_a_series_that_the_panels_calendar_does_not_fit_keeps_its_own():
    time, offsets = _stack(pd.date_range("2020-01-01", periods=50, freq="D"),
                           pd.date_range("2020-01-05", periods=50, freq="W-SUN"))
    calendar, _, own = settle(time, offsets)
    assert calendar.freq == to_offset("D") and own[1].freq == to_offset("W-SUN")


def test_semi_monthly_dates_settle_on_their_calendar_and_forecasts_are_dated():
    """pandas' infer_freq names no semi-monthly calendar, so predict refused to date a series of the
    15th and the month's ends; with a gap too."""
    index = pd.date_range("2020-01-15", periods=40, freq="SME")
    calendar, ruler, _ = settle(*_stack(index))
    assert calendar.freq == to_offset("SME") and ruler.missing == 0
    assert index[-1] == pd.Timestamp("2021-08-31")
    assert list(calendar.next(index[-1], 3).strftime("%m-%d")) == ["09-15", "09-30", "10-15"]
    calendar, ruler, _ = settle(*_stack(index.delete([5, 6, 20])))
    assert calendar.freq == to_offset("SME") and ruler.missing == 3
    calendar, _, _ = settle(*_stack(pd.date_range("2020-01-01", periods=40, freq="SMS-10")))
    assert calendar.freq == to_offset("SMS-10")


def test_business_days_on_another_week_settle_on_its_week_mask_without_missing_rows():
    from rnncast import weekmasks

    time = pd.bdate_range("2021-01-03", periods=300, freq="C", weekmask="Sun Mon Tue Wed Thu")
    calendar, ruler, own = settle(time, np.array([0, 300]))
    assert calendar.weekmask == "Sun Mon Tue Wed Thu" and calendar.shown == "'Sun Mon Tue Wed Thu'"
    assert ruler.missing == 0 and not own
    assert [d.day_name()[:3] for d in calendar.next(time[-1], 3)] == ["Sun", "Mon", "Tue"]  # 2022-02-24 was a Thursday
    calendar, ruler, own = settle(time, np.array([0, 300]), freq="sun mon tue wed thu")
    assert calendar.weekmask == "Sun Mon Tue Wed Thu" and ruler.missing == 0
    weekdays = pd.bdate_range("2021-01-04", periods=300)
    assert settle(weekdays, np.array([0, 300]))[0].freq == weekmasks.offset(None)  # Monday to Friday stays 'B'


def test_series_of_different_weeks_in_a_panel_keep_their_own():
    a = pd.bdate_range("2021-01-03", periods=150, freq="C", weekmask="Sun Mon Tue Wed Thu")
    b = pd.bdate_range("2021-01-04", periods=150)
    c = pd.bdate_range("2021-01-04", periods=150, freq="C", weekmask="Mon Tue Wed Thu Fri Sat")
    calendar, ruler, own = settle(*_stack(a, b, c))
    weeks = [calendar.weekmask] + [own[s].freq_text for s in (1, 2)]
    assert weeks == ["Sun Mon Tue Wed Thu", "B", "Mon Tue Wed Thu Fri Sat"] and ruler.missing == 0


def test_a_row_off_a_week_mask_or_holiday_calendar_names_it_as_freq_writes_it_not_pandas_c():
    from rnncast import holidaysets

    time = pd.DatetimeIndex(["2024-03-03", "2024-03-04", "2024-03-08"], name="date")  # Sun, Mon, then a Friday
    with pytest.raises(RnncastError, match=r"2024-03-08 \(row 2\) is not on the calendar freq='Sun Mon Tue Wed Thu';"):
        settle(time, np.array([0, 3]), "Sun Mon Tue Wed Thu", where=lambda i: f"row {i}")
    time = pd.DatetimeIndex(["2024-03-01", "2024-03-02"], name="date")  # a Saturday
    with pytest.raises(RnncastError, match=r"not on the calendar freq='B' without IL holidays;"):
        settle(time, np.array([0, 2]), holidaysets.offset("IL", None), where=lambda i: f"row {i}", holidays="IL")


def test_every_day_of_the_week_given_as_a_mask_is_plain_calendar_days():
    time = pd.date_range("2024-03-03", periods=30, freq="D", name="date")
    calendar = settle(time, np.array([0, 30]), "Mon Tue Wed Thu Fri Sat Sun")[0]
    assert calendar.freq == pd.offsets.Day() and calendar.freq_text == "D"


def test_a_few_rows_off_the_calendar_the_rest_keep_are_named_at_fit(caplog):
    """One typo among month ends (2021-06-29), or a month to date after them, only gave "no regular calendar (steps
    from 28 to 32 days)": fit went on and predict refused. The rows off are named, with the calendar the rest keep,
    in a warning (decision 242: a market's month-end closes moved by holidays are such rows too, and are no typo)."""
    ends = pd.date_range("2020-01-31", periods=48, freq="ME")
    where = lambda i: f"line {i + 2}"  # noqa: E731
    typo = pd.DatetimeIndex(list(ends[:17]) + [pd.Timestamp("2021-06-29")] + list(ends[18:]), name="date")
    partial = ends.append(pd.DatetimeIndex(["2024-01-15"]))
    two = pd.DatetimeIndex(list(ends[:10]) + [pd.Timestamp("2020-11-29")] + list(ends[11:47]) + ["2024-01-15"])
    said = []
    for times in (typo, partial, two):
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            assert settle(*_stack(times), where=where)[0].freq is None  # trained undated, and said why
        said.append(caplog.text)
    assert re.search(r"timestamp 2021-06-29 \(line 19\) is off the calendar 'ME' the other 47 rows keep, so the "
                     r"model takes the rows as consecutive and predict dates its forecasts on that calendar: correct it "
                     r"if a typo, or drop it, or give freq=", said[0])
    assert "2024-01-15 (line 50) is off the calendar 'ME' the other 48 rows keep" in said[1]
    assert "drop the last row if its period is still under way" in said[1]
    assert "timestamps 2020-11-29 (line 12), 2024-01-15 (line 49) are off" in said[2]
    assert settle(*_stack(typo), quiet=True)[0].freq is None  # a reload says nothing: the fit did
    kept = settle(*_stack(two), where=where)[0].kept  # what predict dates forecasts on (decision 682)
    assert (kept.calendar.freq_text, kept.rows, kept.of, kept.off) == ("ME", 46, 48, ("2020-11-29", "2024-01-15"))
    rng = np.random.default_rng(0)
    scattered = pd.DatetimeIndex(np.sort(pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 10**6, 48), "min")))
    assert settle(*_stack(scattered))[0].freq is None  # no calendar at all: trained undated, as before
    panel = _stack(ends, pd.date_range("2020-01-05", periods=4, freq="W"))  # a short weekly series keeps its own
    assert settle(*panel)[2] != {}


def test_weeks_on_a_weekday_of_each_series_own_are_said_to_differ_by_series(caplog):
    """Series of weeks on Sundays beside one on Mondays read as '7D' with no word of why (no 'W-SUN' keeps them
    all): the time line names each weekday's series."""
    from rnncast.loading import load_panel

    frame = pd.concat([pd.DataFrame({"unique_id": sid, "ds": pd.date_range(start, periods=60, freq="7D"),
                                     "y": np.sin(np.arange(60) / 3.0)})
                       for sid, start in (("a", "2020-01-05"), ("b", "2020-01-06"), ("c", "2020-01-05"))])
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(frame)
    assert panel.calendar.freq == to_offset("7D")
    assert any(r.getMessage().endswith("calendar '7D' (weeks whose weekday differs by series: Monday in 'b'; Sunday "
                                       "in 'a', 'c')") for r in caplog.records)
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        load_panel(frame[frame["unique_id"] != "b"])
    assert any(r.getMessage().endswith("calendar 'W-SUN'") for r in caplog.records)


@pytest.mark.parametrize("given, stamps, follows", [
    ("MS", pd.date_range("2005-01-31", periods=40, freq="ME"), "ME"),
    ("W-MON", pd.date_range("2015-01-04", periods=40, freq="W-SUN"), "W-SUN"),
    ("h", pd.date_range("2021-03-20", periods=200, freq="15min"), "15min"),
    ("QS", pd.date_range("1970-03-31", periods=40, freq="QE"), "QE-DEC"),  # calendar quarters (decision 1044)
    ("QE-NOV", pd.date_range("2000-10-01", periods=40, freq="QS-OCT"), "QS-JAN"),  # not a 91-day grid's rounding
    ("QE-NOV", pd.date_range("2000-10-01", periods=77, freq="QS-OCT"), "QS-JAN"),  # nor a 2196-hour one's
    ("QS-DEC", pd.date_range("2000-02-29", periods=40, freq="QE-NOV"), "QE-NOV")])
def test_a_calendar_given_that_the_rows_are_not_on_names_the_one_they_follow(given, stamps, follows):
    """Month-end rows fit with freq='MS' were refused with the list of every alias fit takes; the refusal now names
    the calendar the rows follow, as inference finds it, and how to give it. predict's reader keeps its own words."""
    frame = pd.DataFrame({"date": stamps, "y": np.sin(np.arange(len(stamps)))})
    with pytest.raises(RnncastError, match=rf"is not on the calendar freq='{given}(-JAN)?'; the timestamps follow the "
                                           rf"calendar '{follows}': give freq='{follows}', --freq {follows}, or leave "
                                           r"freq unset to infer it" + ("; rnncast does not aggregate rows: to "
                                                                        "forecast 'h' steps" if given == "h" else "$")):
        load_panel(frame, target="y", freq=given)  # hours of 15-minute rows: the resample line too (decision 1501)
    with hints(freq="the model's own words"), pytest.raises(RnncastError, match=r"; the model's own words$"):
        load_panel(frame, target="y", freq=given)


def test_a_quarter_end_calendar_given_to_quarter_first_days_names_the_same_quarters_first_days():
    """--freq QE-JUN on quarters dated 2010-07-01, 2010-10-01 ... named 'QS-JAN' (inference's anchor): the same quarters'
    first days are 'QS-JUL', the fiscal year the caller gave; quarter ends it keeps (QE-JUN or QE-DEC) are read."""
    starts = pd.DataFrame({"date": pd.date_range("2010-07-01", periods=12, freq="QS-JUL"), "y": np.arange(12.0)})
    with pytest.raises(RnncastError, match=r"is not on the calendar freq='QE-JUN'; the timestamps are the first days "
                                           r"of its periods: give freq='QS-JUL', --freq QS-JUL$"):
        load_panel(starts, target="y", freq="QE-JUN")
    assert load_panel(starts, target="y", freq="QS-JUL").calendar.freq == to_offset("QS-JUL")
    ends = pd.DataFrame({"date": pd.date_range("2010-09-30", periods=12, freq="QE-DEC"), "y": np.arange(12.0)})
    for freq in ("QE-JUN", "QE-DEC", "QE-SEP"):  # the same dates: each anchor a fiscal year of the same quarters
        assert load_panel(ends, target="y", freq=freq).calendar.freq == to_offset(freq)


def test_a_refusal_off_the_calendar_asks_the_readers_utc_clock_of_naive_times_only():
    """A fitted model's reader (``hints(utc_clock=...)``) is asked of the times the refusal holds, as written, where
    they were written without a zone: no text of the refusal matched, no file read again (decision 836)."""
    closes = (pd.bdate_range("2022-03-01", periods=30) + pd.Timedelta(hours=16)).tz_localize("America/New_York")
    feed = closes.tz_convert("UTC").tz_localize(None).tz_localize("America/New_York")  # naive UTC text, read on tz=
    asked = []
    with hints(utc_clock=lambda times: asked.append(times) or "read as UTC times they keep 16:00"):
        with pytest.raises(RnncastError, match=r"is not on the calendar freq='B'; .*; read as UTC times they keep 16:00$"):
            settle(feed, np.array([0, 30]), "B", naive=True)
        assert asked[0].tz is None and asked[0].equals(feed.tz_localize(None))  # as written
        with pytest.raises(RnncastError) as refused:
            settle(feed, np.array([0, 30]), "B")  # written with a zone: not asked
    assert len(asked) == 1 and "read as UTC" not in str(refused.value)


@pytest.mark.parametrize("times, kept", [
    (pd.bdate_range("2023-01-02", periods=260).append(pd.DatetimeIndex(["2023-12-09"])), "B"),  # a stray Saturday
    (pd.bdate_range("2023-01-02", periods=260).append(pd.DatetimeIndex(["2023-12-10"])), "B"),  # a stray Sunday
    (pd.date_range("2023-01-01", periods=400, freq="D").to_series().loc[lambda d: d.dt.day_of_week >= 5].index.append(
        pd.DatetimeIndex(["2023-06-07"])), "Sat Sun"),  # a stray Wednesday among weekends
    (pd.date_range("2023-01-01", periods=100, freq="W-SUN").append(pd.DatetimeIndex(["2023-06-07"])), "W-SUN"),
])
def test_a_stray_row_is_named_off_the_calendar_the_others_keep_not_read_as_a_calendar_missing_many(times, kept, caplog):
    """One Saturday among 260 business days (a tester's) made the calendar 'Mon Tue Wed Thu Fri Sat', 51 rows
    "missing", every Saturday an unscored step and forecasts dated on Saturdays; a weekly series' stray day was named
    off its calendar already. Each is now the calendar the others keep, the stray row named off it."""
    time = pd.DatetimeIndex(times, name="date").sort_values()
    with caplog.at_level("WARNING"):
        calendar, ruler, _ = settle(time, np.array([0, len(time)]))
    assert ruler is None and calendar.kept is not None and f"off the calendar '{kept}' the other {len(time) - 1} rows" \
        in caplog.text


def test_a_business_day_series_missing_many_days_keeps_its_calendar_without_a_stray():
    days = pd.bdate_range("2023-01-02", periods=260)
    time = pd.DatetimeIndex(days.delete(np.arange(5, 260, 9)), name="date")  # 29 weekdays missing, none off
    calendar, ruler, _ = settle(time, np.array([0, len(time)]))
    assert ruler is not None and ruler.missing == 29 and calendar.shown == "'B'"




@pytest.mark.parametrize("freq, given", [("M", "M"), ("Q", "Q-DEC"), ("Y", "Y-DEC"), ("Q-MAR", "Q-MAR"), ("M", "ME")])
def test_periods_given_their_own_period_alias_stay_periods(freq, given):
    """A tester's freq=idx.freqstr ('M', 'Q-DEC', 'Y-DEC' on a PeriodIndex) was refused as pandas 2's name that pandas
    3 no longer reads, which it still reads for periods, advising 'MS', which turns the periods into timestamps
    (decision 2033)."""
    index = pd.period_range("2000-01", periods=40, freq=freq)
    panel = load_panel(pd.DataFrame({"y": np.arange(40.0)}, index=index), "y", freq=given, announce=False)
    assert isinstance(panel.time, pd.PeriodIndex) and panel.time.freqstr == index.freqstr
    assert panel.calendar.kind == "period"


@pytest.mark.parametrize("given, said", [
    ("Q-DEC", "freq (--freq) 'Q-DEC' names other periods than the data's,"),
    ("2M", "freq (--freq) '2M' names other periods than the data's,"),
    ("A", f"freq='A' is pandas 2's name of 'YE', which pandas {pd.__version__} no longer reads, and the data hold"),
])
def test_periods_given_another_period_alias_or_an_old_name_are_refused_naming_their_own(given, said):
    frame = pd.DataFrame({"y": np.arange(40.0)}, index=pd.period_range("2000-01", periods=40, freq="M"))
    with pytest.raises(RnncastError) as err:
        load_panel(frame, "y", freq=given, announce=False)
    assert str(err.value) == (f"{said} periods of 'M'; give freq='M', --freq M, their own, or leave freq unset (their "
                              "own is read)")


def test_an_old_name_on_timestamps_is_still_refused_as_such():
    frame = pd.DataFrame({"ds": pd.date_range("2000-01-31", periods=40, freq="ME"), "y": np.arange(40.0)})
    with pytest.raises(RnncastError, match=r"^freq='M' is pandas 2's name of 'ME', which pandas .* no longer reads; "
                                           r"give freq='ME'"):
        load_panel(frame, "y", freq="M", announce=False)

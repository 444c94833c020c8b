"""Sessions whose weekdays keep different hours (``weekhours.py``, decision 1786): a call centre open Monday to Friday
08:00-20:00 and Saturday 09:00-13:00 written, read back and refused in one line; each weekday's bars masked; the
hours found in the rows only where chance cannot explain a weekday's missing times; a week counted in bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, sessions, weekhours

CENTRE = "30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat"


def _rows(weeks=8, sat=("09:00", "12:30"), drop=0.0, seed=0) -> pd.DatetimeIndex:
    """A call centre's half-hour rows from Monday 2024-01-08: weekdays 08:00-19:30, Saturdays ``sat``, ``drop`` of
    the rows lost at random."""
    rng = np.random.default_rng(seed)
    out = []
    for day in pd.date_range("2024-01-08", periods=7 * weeks, freq="D"):
        if day.day_of_week == 6:
            continue
        first, last = sat if day.day_of_week == 5 else ("08:00", "19:30")
        out += list(pd.date_range(f"{day:%Y-%m-%d} {first}", f"{day:%Y-%m-%d} {last}", freq="30min"))
    time = pd.DatetimeIndex(out)
    return time[rng.random(len(time)) >= drop]


def test_read_gives_the_union_of_bars_and_each_weekdays_share():
    step, first, after, week, hours = weekhours.read(CENTRE)
    assert (step, first, week) == (pd.Timedelta("30min"), pd.Timedelta("08:00:00"), "Mon Tue Wed Thu Fri Sat")
    assert len(after) == 24 and sum(hours[0]) == 24 and sum(hours[5]) == 8 and not any(hours[6])
    assert [a for a, k in zip(after, hours[5]) if k][0] == pd.Timedelta("1h")  # Saturday opens at 09:00


def test_read_leaves_one_set_of_hours_to_sessiontext_and_merges_parts_of_the_same_hours():
    assert weekhours.read("30min 08:00-19:30 Mon Tue Wed Thu Fri Sat") is None
    *_, week, hours = weekhours.read("30min 08:00-19:30 Mon Tue; 08:00-19:30 Wed")
    assert (week, hours) == ("Mon Tue Wed", None)


def test_written_back_as_read_with_the_first_parts_week_named():
    session = sessions.parse("30min 08:00-19:30; 09:00-12:30 Sat")  # the first part's week: Monday to Friday
    assert session.freqstr == CENTRE
    assert sessions.parse(session.freqstr) == session
    assert sessions.parse("h 10:00-15:00 Sun; 09:00-17:00 Mon Tue Wed Thu Fri Sat").freqstr == \
        "h 09:00-17:00 Mon Tue Wed Thu Fri Sat; 10:00-15:00 Sun"


@pytest.mark.parametrize("freq, said", [
    ("30min 08:00-19:30; 09:00-12:30", "then its weekdays"),
    ("30min 08:00-19:30; 15min 09:00-12:30 Sat", "the whole week's"),
    ("30min 08:00-19:30 Mon Sat; 09:00-12:30 Sat", "gives Sat two parts' hours"),
    ("30min 08:00-19:30; 09:15-12:45 Sat", "a step (30min) or more apart"),
    ("30min 08:00-19:30; 09:00-12:20 Sat", "(its part '09:00-12:20 Sat'): the last bar 12:20"),
    ("30min 08:00-19:30;", "each part between ';'"),
    ("30min 08:00-19:30; 09:00-12:30 Sxt", "'Sxt' is no week"),
    ("h 08:00-20:00; 22:00-08:00 Sat", "longer than a day"),
])
def test_refused_in_one_line_naming_the_form(freq, said):
    with pytest.raises(RnncastError) as err:
        sessions.parse(freq)
    assert said in str(err.value) and "\n" not in str(err.value) and "09:00-12:30 Sat'" in str(err.value)


def test_kept_masks_each_weekday_by_its_hours():
    hours = weekhours.read(CENTRE)[4]
    days = pd.DatetimeIndex(["2024-07-26", "2024-07-27"]).as_unit("ns").asi8  # Friday, Saturday
    keep = weekhours.kept(hours, days)
    assert keep.shape == (2, 24) and keep[0].all() and keep[1].sum() == 8


def test_found_in_the_rows_and_not_where_chance_explains_it():
    time = _rows()
    found = sessions.infer(time, np.array([0, len(time)]), pd.Timedelta("30min"))
    assert found.freqstr == CENTRE and found.week_bars == 128
    lossy = _rows(drop=0.3, seed=1)  # a third of the rows lost: Saturday's afternoons are still never there
    assert sessions.infer(lossy, np.array([0, len(lossy)]), pd.Timedelta("30min")).freqstr == CENTRE
    few = _rows(weeks=3)  # three Saturdays: too few to tell
    assert sessions.infer(few, np.array([0, len(few)]), pd.Timedelta("30min")).hours is None


def test_found_per_series_of_a_panel():
    one = _rows()
    time = one.append(one)
    offsets = np.array([0, len(one), 2 * len(one)])
    unit = pd.Timedelta(1, unit=time.unit)
    hours = weekhours.found(time.asi8, offsets, pd.Timedelta("8h") // unit,
                            np.arange(24) * (pd.Timedelta("30min") // unit), pd.Timedelta("1D") // unit, 4, 1e-3)
    assert sum(hours[5]) == 8 and sum(hours[0]) == 24


def test_week_bars_and_day_bars():
    session = sessions.parse(CENTRE)
    assert weekhours.day_bars(session) == {"Mon": 24, "Tue": 24, "Wed": 24, "Thu": 24, "Fri": 24, "Sat": 8}
    assert weekhours.week_bars(sessions.parse("30min 09:30-15:30")) == 65


def test_sparse_midday_bars_keep_one_set_of_hours():
    """Decision 1834: an illiquid stock's 5-minute bars, present 97% of the time at the open and close and 4% at
    midday, miss some midday bars on every Monday (or Friday) by chance: each bar is judged at its own rate, so the
    session stays whole instead of per-weekday hours full of holes."""
    rng = np.random.default_rng(0)
    grid = sessions.grid(sessions.parse("5min 09:30-15:55"), pd.Timestamp("2023-01-02"),
                         pd.Timestamp("2023-12-29 23:00"))
    minutes = (grid.hour * 60 + grid.minute - 570).to_numpy()
    time = pd.DatetimeIndex(grid[rng.random(len(grid)) < 0.04 + 0.93 * ((minutes - 192.5) / 192.5) ** 4])
    found = sessions.infer(time, np.array([0, len(time)]), pd.Timedelta("5min"))
    assert found.freqstr == "5min 09:30-15:55" and found.hours is None


def test_hours_with_a_hole_inside_are_no_weekdays_hours():
    """Decision 1834: a Saturday lacking only its 12:00 bar (a hole inside its hours, not a later opening or an
    earlier close) keeps every bar."""
    time = _rows(sat=("08:00", "19:30"))
    time = time[~((time.day_of_week == 5) & (time.hour == 12) & (time.minute == 0))]
    assert sessions.infer(time, np.array([0, len(time)]), pd.Timedelta("30min")).hours is None


def test_days_said_groups_weekdays_by_their_hours_not_their_bar_count():
    """Decision 1838: '08:00-19:30' weekdays and a '10:00-21:30' Saturday were "24 bars Mon Tue Wed Thu Fri Sat", as
    if alike."""
    session = sessions.parse("30min 08:00-19:30 Mon Tue Wed Thu Fri; 10:00-21:30 Sat")
    assert weekhours.days_said(session) == "08:00-19:30 Mon Tue Wed Thu Fri (24 bars), 10:00-21:30 Sat (24)"
    assert weekhours.days_said(sessions.parse(CENTRE)) == "08:00-19:30 Mon Tue Wed Thu Fri (24 bars), 09:00-12:30 Sat (8)"


def test_a_season_of_whole_weeks_opens_on_the_holiday_that_shortened_a_week():
    """Decision 1839: --season 128, the hint's own advice, warned that "the weekdays ... keep different hours", the
    holiday week that moved the bars coming last and without a date."""
    session = sessions.parse(CENTRE)
    grid = sessions.grid(session, pd.Timestamp("2024-03-25"), pd.Timestamp("2024-04-13 23:00"))
    rows = grid[~grid.normalize().isin(pd.to_datetime(["2024-03-29", "2024-04-01"]))]  # Good Friday, Easter Monday
    assert weekhours.first_short(session, rows) == pd.Timestamp("2024-03-29")
    assert weekhours.first_short(session, grid) is None
    line = weekhours.shifted(session, 128, repr(CENTRE), 5, rows[140], rows[12], pd.Timestamp("2024-03-29"))
    assert line.startswith(f"season 128 is a week of the bars of {CENTRE!r} (08:00-19:30 Mon Tue Wed Thu Fri (24 bars), "
                           "09:00-12:30 Sat (8): 128 bars a week), but weeks with holidays or half days keep fewer "
                           "bars (the first: 2024-03-29): counted in bars, the seasonal naive forecast and MASE's "
                           "scale read another time of day on 5 bars (for ")  # not "MASE's scale of 5 bars" (decision 1920)
    other = weekhours.shifted(session, 144, repr(CENTRE), 5, rows[140], rows[12])
    assert other.startswith("season 144 is counted in bars, but the weekdays of") and other.endswith("--season 128)")

"""A session's text (``sessiontext.py``): the parts of a session closed for lunch (or more than once), read as
each bar's time after the first and written back as freq= spells them, a part after midnight, a part off the
first bar's steps (Tokyo's hourly bars from 12:30), and the refusals of parts that overlap, leave no break or run
out of order past a day, in one line naming what is accepted."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import RnncastError, sessiontext

HALF_HOUR = pd.Timedelta("30min")


def _after(steps, step=HALF_HOUR):
    return tuple(s * step for s in steps)


@pytest.mark.parametrize("freq, first, slots, written", [
    ("30min 09:00-11:00 12:30-14:30", "09:00", (0, 1, 2, 3, 4, 7, 8, 9, 10, 11), None),  # Tokyo's 30-minute bars
    ("30min 9:30-11:00, 13:00-14:30", "09:30", (0, 1, 2, 3, 7, 8, 9, 10), "30min 09:30-11:00 13:00-14:30"),  # Shanghai
    ("30min 09:00-09:30 10:30-10:30 12:00-12:30", "09:00", (0, 1, 3, 6, 7), None),  # two breaks, a part of one bar
    ("30min 09:30-15:30", "09:30", tuple(range(13)), None),  # one part: no break
])
def test_the_parts_of_a_session_are_read_as_the_bars_steps_and_written_back(freq, first, slots, written):
    step, start, read, week = sessiontext.read(freq)
    assert (step, start, read, week) == (HALF_HOUR, pd.Timedelta(f"{first}:00"), _after(slots), "Mon Tue Wed Thu Fri")
    assert sessiontext.write(step, start, read, week) == (written or freq)


def test_a_time_before_the_one_before_it_is_on_the_next_day_in_any_part():
    step, first, slots, week = sessiontext.read("h 21:00-23:00 09:00-14:00 Sun Mon Tue Wed Thu")  # a night session
    hour = pd.Timedelta("1h")
    assert first == pd.Timedelta("21h") and slots == _after((0, 1, 2, 12, 13, 14, 15, 16, 17), hour)
    assert week == "Sun Mon Tue Wed Thu"
    _, first, slots, _ = sessiontext.read("h 18:00-02:00 04:00-06:00")  # the first part across midnight
    assert first == pd.Timedelta("18h") and slots == _after(tuple(range(9)) + (10, 11, 12), hour)
    assert sessiontext.write(step, first, slots, "Mon Tue Wed Thu Fri") == "h 18:00-02:00 04:00-06:00"


@pytest.mark.parametrize("freq, says", [
    ("30min 09:00-11:00 10:00-12:00", r"the parts through 10:00-12:00 last longer than a day: are they out of order"),
    ("30min 09:00-11:00 11:00-12:30", r"the part 11:00-12:30 overlaps the part 09:00-11:00 before it"),
    ("30min 09:00-11:00 11:30-14:30", r"no break between the parts 09:00-11:00 and 11:30-14:30; write them as one "
                                      r"part 09:00-14:30"),
    ("h 09:00-11:00 11:30-14:30", r"the part 11:30-14:30 overlaps the part 09:00-11:00 before it"),  # 11:00's hour
    ("30min 09:00-11:00 12:30-14:15", r"the last bar 14:15 is not a whole number of 30min steps after the first 12:30"),
    ("h 06:00-20:00 22:00-06:00", r"the parts through 22:00-06:00 last longer than a day"),
    ("30min 09:00-11:00 12:30", r"is no session"),  # a time without its part
    ("30min 09:00-11:00 12:30-25:00", r"'25:00' is no time of day"),
])
def test_parts_out_of_order_overlapping_or_off_the_steps_are_refused_in_one_line(freq, says):
    with pytest.raises(RnncastError, match=says) as err:
        sessiontext.read(freq)
    assert "\n" not in str(err.value) and f"freq={freq!r}" in str(err.value)
    assert "'30min 09:00-11:00 12:30-14:30' (closed for lunch)" in str(err.value)  # what is accepted


@pytest.mark.parametrize("freq, first, after", [
    ("h 09:00-11:00 12:30-14:30", "09:00", ("0h", "1h", "2h", "3h30min", "4h30min", "5h30min")),  # Tokyo's hours
    ("h 09:30-10:30 13:00-14:00", "09:30", ("0h", "1h", "3h30min", "4h30min")),  # Shanghai's
    ("30min 09:00-11:00 12:45-14:45", "09:00", tuple(f"{m}min" for m in (0, 30, 60, 90, 120, 225, 255, 285, 315, 345))),
])
def test_each_part_runs_from_its_own_first_bar_on_the_steps_grid_or_off_it(freq, first, after):
    step, start, read, week = sessiontext.read(freq)
    assert start == pd.Timedelta(f"{first}:00") and read == tuple(pd.Timedelta(a) for a in after)
    assert sessiontext.write(step, start, read, week) == freq

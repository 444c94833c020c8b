"""One 12-hour-time pattern and one two-clocks refusal for cjkdates, badtimes and datetext."""

from __future__ import annotations

import pytest

from rnncast.twoclocks import LATIN, TWELVE, two_clocks


@pytest.mark.parametrize("text", ["1:00 PM", "1:00pm", "1:00 p.m.", "12:30:15 AM", "1:00:00.5 PM", "2024-01-05 3:00 Pm"])
def test_a_latin_12_hour_time_is_one_with_fractional_seconds_too(text):
    """badtimes' own copy lacked the fractional seconds datetext's had: '1:00:00.5 PM' was 12-hour to one, not the
    other."""
    assert TWELVE.search(text)


@pytest.mark.parametrize("text", ["13:00", "1:00:00.5", "1:00 PMX", "AM 1:00", "2024-01-05"])
def test_a_24_hour_time_or_a_word_is_no_12_hour_time(text):
    assert not TWELVE.search(text)


def test_a_latin_marker_alone_is_found_beside_cjk_ones_but_not_inside_a_word():
    assert LATIN.search("上午 AM 12:00")[0] == "AM" and LATIN.search("上午 12:00 p.m.")[0] == "p.m."
    assert LATIN.search("上午 12:00 Spam") is None


def test_the_refusal_names_the_value_its_place_and_the_first_clock():
    assert two_clocks("t", "3:00 PM", "row 4", "13:00") == (
        "time column 't' holds '3:00 PM' at row 4 beside '13:00': times of a 24-hour clock and of a 12-hour one in "
        "one column; write every time on one clock, as '13:00' is written")

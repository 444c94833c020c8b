import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from rnncast import dateticks, plots


def ticked(start, end, freq):
    """The tick labels and offset text of an axis over ``start`` .. ``end`` after drawing."""
    fig = Figure()
    ax = fig.subplots()
    x = pd.date_range(start, end, freq=freq)
    ax.plot(x, np.arange(len(x)))
    dateticks.date_ticks(ax, None)
    plots.png_bytes(fig)  # draws the ticks
    return [t.get_text() for t in ax.get_xticklabels()], ax.xaxis.get_offset_text().get_text()


def test_a_day_axis_across_two_months_names_the_first_month_at_its_first_tick():
    """May 13 - Jun 16 read "13, 17, 21 ... Jun ..." over an offset "2024-Jun": May was named nowhere."""
    labels, offset = ticked("2024-05-13", "2024-06-16", "D")
    assert labels[0] == "May-13" and "Jun" in labels and offset == "2024"


def test_a_month_axis_across_years_names_the_first_year_and_no_last_year_offset():
    labels, offset = ticked("2023-09-01", "2024-05-01", "D")
    assert labels[0] == "2023-Sep" and "2024" in labels and offset == ""


def test_hours_across_days_name_the_first_day_and_an_axis_within_one_month_keeps_matplotlibs_ticks():
    labels, offset = ticked("2024-05-13 20:00", "2024-05-15", "h")
    assert labels[0] == "May-13 21:00" and offset == "2024-May"
    labels, offset = ticked("2024-05-13", "2024-05-20", "D")
    assert labels[0] == "13" and offset == "2024-May"  # the offset is every tick's month: nothing to add


@pytest.mark.parametrize("coarsest, finest, text", [(1, 2, "%b-%d"), (0, 1, "%Y-%b"), (0, 2, "%Y-%b-%d"), (2, 3, "%b-%d %H:%M"),
                                                    (4, 5, "%H:%M:%S")])
def test_the_first_ticks_format_names_every_unit_that_changes(coarsest, finest, text):
    assert dateticks.first_format(coarsest, finest) == text


def test_a_first_tick_crowding_the_next_months_name_is_left_unlabelled():
    """Apr 28 - May 29 ticked Apr 29, May 1, May 5 ...: "Apr-29" two days before "May" overlapped it in the PNG.
    The first label is dropped where its step is short and the next tick names a new month; a full step keeps it."""
    labels, offset = ticked("2020-04-28", "2020-05-29", "D")
    assert labels[:3] == ["", "May", "05"] and offset == "2020"
    assert ticked("2024-05-13", "2024-06-16", "D")[0][0] == "May-13"

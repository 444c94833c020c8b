import pandas as pd
import pytest

from rnncast import quarterticks
from rnncast.timecalendar import Calendar


def test_quarter_labels_name_the_year_at_the_first_tick_and_where_the_year_changes():
    periods = pd.PeriodIndex(["2021Q3", "2021Q4", "2022Q1"], freq="Q")
    assert quarterticks.quarter_labels(periods, "quarter") == ["2021Q3", "Q4", "2022Q1"]
    assert quarterticks.quarter_labels(periods, "quarter", "Q%q %Y") == ["Q3 2021", "Q4", "Q1 2022"]
    assert quarterticks.quarter_labels(pd.PeriodIndex(["2021Q1", "2023Q1"], freq="Q"), "year") == ["2021", "2023"]
    # a year's tick on its third quarter (a series' first point) names the quarter, not the year (decision 1046)
    assert quarterticks.quarter_labels(pd.PeriodIndex(["2019Q3", "2021Q1"], freq="Q"), "year") == ["2019Q3", "2021"]
    assert quarterticks.quarter_labels(pd.PeriodIndex(["2019Q3", "2021Q1"], freq="Q"), "year", "Q%q %Y") == ["Q3 2019", "2021"]
    halves = pd.PeriodIndex(["2016Q1", "2016Q3", "2017Q1"], freq="Q")  # half-years, named as their column writes them
    assert quarterticks.quarter_labels(halves, "quarter", "%Y-S%!h") == ["2016-S1", "S2", "2017-S1"]
    assert quarterticks.quarter_labels(halves, "quarter", "%Y년 %!k반기") == ["2016년 상반기", "하반기", "2017년 상반기"]


@pytest.mark.parametrize("written, by_quarter, by_year", [
    (None, ["Q3\n2019", "Q1\n2020"], ["Q3\n2019", "2020"]),
    ("%Y년 %q분기", ["3분기\n2019년", "1분기\n2020년"], ["3분기\n2019", "2020"]),
    ("Q%q %Y", ["Q3\n2019", "Q1\n2020"], ["Q3\n2019", "2020"]),
    ("%Y年第%q季度", ["第3季度\n2019年", "第1季度\n2020年"], ["第3季度\n2019", "2020"]),
    ("%YH%!h", ["H2\n2019", "H1\n2020"], ["H2\n2019", "2020"]),
    ("%Y년 %!k반기", ["하반기\n2019년", "상반기\n2020년"], ["하반기\n2019", "2020"])])
def test_a_stacked_quarter_writes_its_year_as_the_axis_does(written, by_quarter, by_year):
    """The narrow form of a quarter's tick: the quarter alone as the data writes it over its year, written as the
    axis' other ticks write years: "2020" where they are years, "2019년" where they are "2020년 1분기"."""
    periods = pd.PeriodIndex(["2019Q3", "2020Q1"], freq="Q")
    assert quarterticks.stacked_labels(periods, "quarter", written) == by_quarter
    assert quarterticks.stacked_labels(periods, "year", written) == by_year


def test_only_a_quarterly_calendar_is_named_by_quarters_and_its_own_form_kept_where_it_writes_quarters():
    to = pd.tseries.frequencies.to_offset
    assert quarterticks.quarterly(Calendar(kind="datetime", freq=to("QE-NOV"), name="quarter"))
    assert not quarterticks.quarterly(Calendar(kind="datetime", freq=to("ME"), name="month")) and not quarterticks.quarterly(None)
    written = Calendar(kind="datetime", freq=to("QS"), name="quarter", text_format="Q%q %Y")
    assert quarterticks.written_form(written) == "Q%q %Y"
    assert quarterticks.written_form(Calendar(kind="datetime", freq=to("QS"), name="quarter", text_format="%Y-%m-%d")) is None

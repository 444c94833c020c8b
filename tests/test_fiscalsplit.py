"""A fiscal year split from its month or quarter (``fiscalsplit.py``): never told to join as a calendar year's, each
reading the data cannot tell apart said with its pandas line (decision 2105)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.fiscalsplit import example, start
from rnncast.loading import load_panel


def _fiscal(names=("fiscal_year", "month"), first=4, months=48) -> pd.DataFrame:
    """Months from ``first`` 2015 under a fiscal year that starts in it, named by the year it ends (FY2016: April 2015
    to March 2016), as pandas names a Q-MAR year."""
    periods = pd.period_range(f"2015-{first:02d}", periods=months, freq="M")
    return pd.DataFrame({names[0]: [p.year + (p.month >= first and first > 1) for p in periods],
                         names[1]: [p.month for p in periods], "y": np.arange(months, dtype=float)})


def _refusal(frame, tmp_path) -> str:
    frame.to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "t.csv", target="y")
    return str(info.value)


@pytest.mark.parametrize("names", [("fiscal_year", "month"), ("FY", "month")])
def test_a_fiscal_year_beside_calendar_months_is_told_both_namings_never_the_calendar_years_join(tmp_path, names):
    """fiscal_year,month was told to join as pd.PeriodIndex.from_fields(year=frame['fiscal_year'], month=...), which
    puts FY2016's April (2015) in April 2016, a year late."""
    message = _refusal(_fiscal(names), tmp_path)
    y = f"frame[{names[0]!r}]"
    assert ("whose years start in April (they change from month 3 to 4), so the calendar year of months 4 .. 12 is not "
            f"{names[0]!r}") in message
    assert f"from_fields(year={y} - (frame['month'] >= 4), month=frame['month'], freq='M')" in message
    assert f"named by the year they start in (Japan's 年度), year={y} + (frame['month'] < 4)" in message
    assert f"from_fields(year={y}, month=" not in message and "'month' is no series id" in message
    frame = _fiscal(names)
    joined = pd.PeriodIndex.from_fields(year=frame[names[0]] - (frame["month"] >= 4), month=frame["month"], freq="M")
    assert joined[0] == pd.Period("2015-04", "M") and (np.diff(joined.asi8) == 1).all()


def test_a_fiscal_year_whose_years_change_at_month_1_names_the_calendar_join_and_the_shift_of_fiscal_months(tmp_path):
    frame = pd.DataFrame({"fiscal_year": np.repeat(np.arange(2016, 2020), 12), "month": np.tile(np.arange(1, 13), 4),
                          "y": np.arange(48.0)})
    message = _refusal(frame, tmp_path)
    assert "whose years change at month 1: if 'month' is the calendar month and the fiscal year the calendar" in message
    assert ("from_fields(year=frame['fiscal_year'] - (frame['month'] <= 9), month=(frame['month'] + 2) % 12 + 1, "
            "freq='M')") in message and "the data cannot tell which" in message
    shifted = pd.PeriodIndex.from_fields(year=frame["fiscal_year"] - (frame["month"] <= 9),
                                         month=(frame["month"] + 2) % 12 + 1, freq="M")
    assert shifted[0] == pd.Period("2015-04", "M") and (np.diff(shifted.asi8) == 1).all()


def test_a_fiscal_year_and_its_quarters_are_told_to_write_fy_labels_a_fiscal_freq_reads(tmp_path):
    frame = pd.DataFrame({"fiscal_year": np.repeat(np.arange(2016, 2020), 4), "quarter": np.tile(np.arange(1, 5), 4),
                          "y": np.arange(16.0)})
    message = _refusal(frame, tmp_path)
    assert ("frame['time'] = 'FY' + frame['fiscal_year'].astype(str) + 'Q' + frame['quarter'].astype(str), and give the "
            "freq naming the month the years end in, --freq QE-MAR") in message
    frame["time"] = "FY" + frame["fiscal_year"].astype(str) + "Q" + frame["quarter"].astype(str)
    panel = load_panel(frame.drop(columns=["fiscal_year", "quarter"]), target="y", freq="QE-MAR")
    assert panel.time[0] == pd.Timestamp("2015-06-30")


def test_a_calendar_year_and_its_months_keep_their_join(tmp_path):
    message = _refusal(_fiscal(("year", "month"), first=1), tmp_path)
    assert "from_fields(year=frame['year'], month=frame['month'], freq='M')" in message and "fiscal" not in message


def test_the_month_the_years_start_in_is_read_from_the_rows_in_their_order():
    frame = _fiscal()
    years, months = frame["fiscal_year"].to_numpy(float), frame["month"].to_numpy(float)
    assert start(years, months, None, 12) == 4 and example(years, months, None, "month") == "4;2016;4"
    assert start(years[:6], months[:6], None, 12) is None  # no year changes: not shown
    assert start(years[::-1], months[::-1], None, 12) is None  # no row follows the month before it

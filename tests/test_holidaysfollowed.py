"""The calendar holidays given without freq apply to (``holidaysfollowed.py``): refused where it skips no day, with the
lines that make a holiday column, and where a panel's series keep different sessions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel


@pytest.mark.parametrize("freq, shown", [("W-SUN", "W-SUN"), ("ME", "ME")])
def test_holidays_given_for_data_on_a_calendar_that_skips_none_are_refused_by_what_they_do(freq, shown):
    """A retail tester's weekly sales with --holidays US were told to give --freq W-SUN, and then, with it, that
    holidays need business days: a circle, and never that holidays= is not a holiday effect."""
    from rnncast import Forecaster

    days = pd.date_range("2022-01-02", periods=60, freq=freq)
    frame = pd.DataFrame({"date": days, "y": np.arange(60.0) % 7})
    with pytest.raises(RnncastError) as err:
        Forecaster(lookback=4, epochs=1, holidays="US").fit(frame, target="y")
    assert str(err.value) == (f"holidays='US' (--holidays) names the days a business-day calendar skips, and the "
                              f"timestamps follow the calendar '{shown}', which skips none: leave holidays unset; a "
                              "holiday's effect on the values is learned from a column that marks it "
                              "(future_covariates=, --future-covariates)")


@pytest.mark.parametrize("freq, given", [("D", "US"), ("15min", "DE"), ("h", "NYSE"), ("h", "de-by"),
                                         ("h", "XTKS"), ("h", "TARGET")])  # r37r2 3: the markets' other names
def test_holidays_on_days_or_finer_steps_are_refused_naming_the_setting_that_computes_a_holiday_column(freq, given):
    """t37t2 2: `--holidays DE` on 15-minute load pointed to a column that marks the holidays but gave no way to make
    it; the refusal names calendar_covariates (decision 1983) with the set given, a market's or a subdivision's kept
    (decisions 1972, 1982), and the setting it names computes the column."""
    from rnncast import Forecaster, calendarcovariates, holidaysets

    frame = pd.DataFrame({"date": pd.date_range("2022-01-03", periods=200, freq=freq), "y": np.arange(200.0) % 7})
    with pytest.raises(RnncastError) as err:
        Forecaster(lookback=4, epochs=1, holidays=given).fit(frame, target="y")
    wanted = f"weekend,holiday:{holidaysets.canonical(given)}"  # as the setting keeps it: XTKS is JPX (r37r3 3)
    assert str(err.value).endswith(
        "(future_covariates=, --future-covariates), or computed from the timestamps at every step, forecast steps too: "
        f"calendar_covariates='{wanted}' (--calendar-covariates {wanted})")
    days = pd.DatetimeIndex(pd.date_range("2022-07-02", periods=3, freq="D"))  # Sat, Sun, Monday 4 July
    got = calendarcovariates.values(days, wanted)
    us = given.upper() in ("US", "NYSE")  # 4 July 2022 is a holiday there, not in Germany or Bavaria
    assert got.shape == (3, 2) and got[:, 0].tolist() == [1, 1, 0] and got[:, 1].tolist() == [0, 0, float(us)]
    new_year = calendarcovariates.values(pd.DatetimeIndex(["2024-01-01 10:00"]), wanted)  # a holiday of every set here
    assert new_year[0, 1] == 1


def test_holidays_on_a_panel_of_different_sessions_are_refused_naming_each_not_read_as_business_days():
    """t36t1 M1: series A 09:30-15:30 and B 08:00-16:30 with holidays='NYSE' were read as 'B' and refused as if freq='B'
    had been given, advising to leave freq unset (it was); refused now naming each series' session (decision 1918)."""
    days = pd.bdate_range("2024-01-02", "2024-01-31")
    rows = []
    for sid, a, b in (("A", "09:30", "15:30"), ("B", "08:00", "16:30")):
        for d in days:
            rows += [(sid, t, 1.0) for t in pd.date_range(f"{d.date()} {a}", f"{d.date()} {b}", freq="30min")]
    frame = pd.DataFrame(rows, columns=["id", "date", "y"])
    with pytest.raises(RnncastError) as refused:
        load_panel(frame, target="y", id_col="id", holidays="NYSE")
    said = str(refused.value)
    assert "'30min 09:30-15:30' ('A'), '30min 08:00-16:30' ('B')" in said and "freq='B'" not in said
    assert "leave freq unset" not in said and said.startswith("holidays='NYSE' (--holidays) names the days one calendar")


def test_a_holiday_set_the_setting_would_refuse_is_not_offered_back_as_calendar_covariates():
    """r37r3 3: `holidays='Germany'` on hourly rows was offered calendar_covariates='weekend,holiday:GERMANY', itself
    refused; the set is offered as the setting reads it (XTKS as JPX), and an unknown one with what is accepted."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=500, freq="h"), "y": np.arange(500.0)})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, holidays="Germany")
    assert "calendar_covariates='weekend,holiday:SET'" in str(err.value) and "DE (Germany)" in str(err.value)
    assert "GERMANY" not in str(err.value)
    with pytest.raises(RnncastError, match=r"calendar_covariates='weekend,holiday:JPX' \(--calendar-covariates"):
        load_panel(frame, holidays="XTKS")

"""Rows fill 'drop' removes, removed before the calendar is read where the rows kept keep one the rows given
do not (``blankrows.py``): business-day data whose weekend rows are written blank."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import blankrows
from rnncast.loading import load_panel


def _weekends_blank(n: int = 120) -> pd.DataFrame:
    days = pd.date_range("2024-01-01", periods=n, freq="D")  # a Monday
    y = np.sin(np.arange(n) / 5.0)
    y[days.day_of_week >= 5] = np.nan
    return pd.DataFrame({"date": days, "y": y})


def test_blank_weekend_rows_dropped_leave_business_days_inferred_and_given(caplog):
    frame = _weekends_blank()
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(frame, "y", fill="drop")
    assert panel.calendar.freq == to_offset("B") and len(panel.time) == 86
    said = [r.getMessage() for r in caplog.records]
    assert any("removed 34 rows that hold a missing value (first: 2024-01-06, 2024-01-07, 2024-01-13) before the "
               "calendar was read: the rows kept follow the calendar 'B'" in m for m in said)
    assert not any("consecutive" in m for m in said)  # Friday to Monday is one business day, no gap
    given = load_panel(frame, "y", fill="drop", freq="B")  # was refused at 2024-01-06
    assert given.calendar.freq == to_offset("B") and len(given.time) == 86


def test_blank_rows_that_are_gaps_leave_the_calendar_read_on_every_row():
    frame = _weekends_blank().fillna(0.0)
    frame.loc[[10, 11, 40], "y"] = np.nan
    panel = load_panel(frame, "y", fill="drop")
    assert panel.calendar.freq == to_offset("D") and len(panel.time) == 117
    assert blankrows.kept_first(pd.DatetimeIndex(frame["date"]), np.array([0, 120]), frame[["y"]].to_numpy()) is None
    assert blankrows.kept_first(pd.Index(np.arange(120)), np.array([0, 120]), frame[["y"]].to_numpy()) is None


def test_a_fit_on_blank_weekends_forecasts_business_days(caplog):
    from conftest import TINY
    from rnncast import Forecaster

    frame = _weekends_blank(152)  # ends on a Friday, 2024-05-31
    model = Forecaster(**{**TINY, "horizon": 3}, fill="drop").fit(frame, target="y")
    dates = pd.DatetimeIndex(model.predict(frame).index)
    assert list(dates.strftime("%a %d")) == ["Mon 03", "Tue 04", "Wed 05"]
    assert model.calendar_.freq == to_offset("B")


def test_business_days_given_over_blank_weekend_rows_remove_them_whatever_the_fill(caplog):
    """freq='B' given over blank weekend rows was refused at the first Saturday unless fill was 'drop'."""
    import pytest
    from rnncast.errors import RnncastError

    frame = _weekends_blank()
    for fill in (None, "ffill"):
        with caplog.at_level("INFO", logger="rnncast"):
            panel = load_panel(frame, "y", freq="B", fill=fill)
        assert panel.calendar.freq == to_offset("B") and len(panel.time) == 86
        assert not panel.time.day_of_week.isin([5, 6]).any()
    assert any("removed 34 rows off the calendar 'B' given (first: 2024-01-06, 2024-01-07, 2024-01-13): each holds "
               "no value" in r.getMessage() for r in caplog.records)
    frame.loc[5, "y"] = 1.0  # a Saturday that holds a value is still refused, by name
    with pytest.raises(RnncastError, match=r"timestamp 2024-01-06 \(row 5\) is not on the calendar freq='B'"):
        load_panel(frame, "y", freq="B", fill="ffill")
    gaps = _weekends_blank().fillna(0.0)
    gaps.loc[[10, 15], "y"] = np.nan  # blank weekdays: on the calendar, left to the fill, not removed
    days = pd.DatetimeIndex(gaps["date"])
    assert blankrows.off_given(days, np.array([0, 120]), gaps[["y"]].to_numpy(), "B") is None
    assert len(load_panel(gaps[days.day_of_week < 5], "y", freq="B", fill="ffill").time) == 86


@pytest.mark.parametrize("holidays_given", [None, "NYSE"])
@pytest.mark.parametrize("blank_holidays", [True, False])
def test_business_days_with_blank_weekends_and_market_holidays_keep_their_calendar(tmp_path, holidays_given,
                                                                                   blank_holidays):
    """A tester's prices, one row per calendar day, weekends blank and NYSE holidays blank (or absent), fit with
    fill 'drop': read as 'D', so forecasts fell on Thanksgiving and the weekend; with --holidays NYSE refused; and the
    fitted model's predict refused its own file. The rows kept follow 'B' without NYSE holidays, read so now."""
    from rnncast import Forecaster

    holidays = pd.to_datetime(["2023-11-23", "2023-12-25", "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29",
                               "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02"])
    days = pd.date_range("2023-10-02", "2024-11-27")
    values = (100 + np.arange(len(days)) * 0.1 + np.sin(np.arange(len(days)))).round(2)
    frame = pd.DataFrame({"Date": days.strftime("%Y-%m-%d"), "Close": values})
    frame.loc[(days.day_of_week >= 5) | days.isin(holidays), "Close"] = np.nan
    if not blank_holidays:
        frame = frame[~days.isin(holidays)]
    frame.to_csv(tmp_path / "px.csv", index=False)
    model = Forecaster(lookback=8, horizon=5, hidden_size=8, epochs=1, fill="drop", holidays=holidays_given,
                       device="cpu", seed=0).fit(str(tmp_path / "px.csv"), target="Close")
    assert model.calendar_.shown == "'B' without NYSE holidays"
    assert model.predict(str(tmp_path / "px.csv")).index.strftime("%Y-%m-%d").tolist() == [
        "2024-11-29", "2024-12-02", "2024-12-03", "2024-12-04", "2024-12-05"]  # Thanksgiving 11-28 skipped


def _nyse_and_jpx_days() -> tuple[pd.DatetimeIndex, pd.DatetimeIndex, pd.DatetimeIndex]:
    from rnncast.holidaysets import weekday_holidays

    days = pd.bdate_range("2022-01-03", "2024-12-31")
    nyse, jpx = (pd.DatetimeIndex(weekday_holidays(name, 2022, 2024)) for name in ("NYSE", "JPX"))
    return days, nyse, jpx


def test_business_days_blank_on_a_markets_holidays_keep_that_markets_calendar(tmp_path, caplog):
    """A FRED-like rate, one row per business day, blank on NYSE holidays, fit with fill 'drop': read on every row it
    followed plain 'B', its holidays were gaps, and its forecasts fell on New Year's Day. The rows kept follow 'B'
    without NYSE holidays; the model's predict reads its own file; with holidays='NYSE' given, the blank rows are off
    the calendar given, removed as blank weekend rows are."""
    from rnncast import Forecaster

    days, nyse, _ = _nyse_and_jpx_days()
    rate = (100 + np.cumsum(np.random.default_rng(0).normal(0, 1, len(days)))).round(3)
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "rate": np.where(days.isin(nyse), np.nan, rate)})
    frame.to_csv(tmp_path / "rate.csv", index=False)
    with caplog.at_level("INFO", logger="rnncast"):
        model = Forecaster(lookback=10, horizon=3, hidden_size=8, epochs=1, fill="drop", device="cpu",
                           seed=0).fit(str(tmp_path / "rate.csv"), target="rate")
    assert model.calendar_.shown == "'B' without NYSE holidays"
    assert any("before the calendar was read: the rows kept follow the calendar 'B' without NYSE holidays" in
               r.getMessage() for r in caplog.records)
    assert model.predict(str(tmp_path / "rate.csv")).index.strftime("%Y-%m-%d").tolist() == [
        "2025-01-02", "2025-01-03", "2025-01-06"]  # 2025-01-01 skipped
    given = load_panel(frame, "rate", holidays="NYSE")  # refused at the first blank holiday row
    assert given.calendar.shown == "'B' without NYSE holidays" and len(given.time) == (~days.isin(nyse)).sum()
    dropouts = frame.assign(rate=rate)
    dropouts.loc[[10, 200, 400], "rate"] = np.nan  # blank on ordinary weekdays: gaps, read on every row as before
    assert load_panel(dropouts, "rate", fill="drop").calendar.shown == "'B'"


def test_a_wide_table_of_two_markets_tickers_keeps_each_markets_holidays():
    """A tester's wide table (one column per ticker, the union of both markets' dates): each NYSE ticker blank on
    Tokyo-only trading days' complement and the reverse; with fill 'drop' it was read as plain 'B' for all, and the
    forecasts fell on holidays of both markets. Each series now keeps its own market's calendar."""
    from rnncast import Forecaster

    days, nyse, jpx = _nyse_and_jpx_days()
    days = days[~(days.isin(nyse) & days.isin(jpx))]  # a day both markets closed has no row
    walk = 100 + np.cumsum(np.random.default_rng(1).normal(0, 1, (len(days), 3)), axis=0)
    frame = pd.DataFrame({"date": days, "AAA": walk[:, 0], "BBB": walk[:, 1], "TKY": walk[:, 2] * 20})
    frame.loc[days.isin(nyse), ["AAA", "BBB"]] = np.nan
    frame.loc[days.isin(jpx), "TKY"] = np.nan
    model = Forecaster(lookback=10, horizon=3, hidden_size=8, epochs=1, fill="drop", device="cpu", seed=0).fit(
        frame, series="all")
    forecast = model.predict(frame)
    dates = {s: rows["date"].dt.strftime("%m-%d").tolist() for s, rows in forecast.groupby("unique_id")}
    assert dates == {"AAA": ["01-02", "01-03", "01-06"], "BBB": ["01-02", "01-03", "01-06"],
                     "TKY": ["01-06", "01-07", "01-08"]}


def test_a_wide_table_whose_xetra_ticker_no_one_set_names_is_refused_not_read_as_plain_business_days():
    """A tester's wide table of NYSE, Tokyo and XETRA tickers, each blank on its market's holidays: XETRA's days (to
    2024-12-20) are XETR's, ECB's ... alike, sets that differ after the data, so the rows kept were not taken for
    holidays; every series was read as plain 'B' and forecast on its holidays (AAPL on Thanksgiving, 7203 on 12-31,
    SAP on 12-24). The reader now refuses by name, in a panel and alone, as a long file is."""
    from rnncast.errors import RnncastError
    from rnncast.holidaysets import weekday_holidays

    days = pd.bdate_range("2023-01-02", "2024-12-20")
    shut = {n: days.isin(pd.DatetimeIndex(weekday_holidays(n, 2023, 2024))) for n in ("NYSE", "JPX", "XETR")}
    days = days[~(shut["NYSE"] & shut["JPX"] & shut["XETR"])]  # a day all three closed has no row
    walk = 100 + np.cumsum(np.random.default_rng(2).normal(0, 1, (len(days), 3)), axis=0)
    frame = pd.DataFrame({"date": days, "AAA": walk[:, 0], "TKY": walk[:, 1], "SAP": walk[:, 2]})
    for column, name in (("AAA", "NYSE"), ("TKY", "JPX"), ("SAP", "XETR")):
        frame.loc[days.isin(pd.DatetimeIndex(weekday_holidays(name, 2023, 2024))), column] = np.nan
    with pytest.raises(RnncastError, match=r"^series 'SAP' misses \d+ weekdays that are the holidays of XETR, .*"
                                           r"fit series 'SAP' on its own with holidays='XETR'"):
        load_panel(frame, series="all", fill="drop", announce=False)
    with pytest.raises(RnncastError, match=r"holidays of XETR, .* alike, but their calendars differ after the data"):
        load_panel(frame[["date", "SAP"]], target="SAP", fill="drop", announce=False)
    assert load_panel(frame[["date", "SAP"]], target="SAP", fill="drop", holidays="XETR",
                      announce=False).calendar.shown == "'B' without XETR holidays"  # the advice fits
    assert {c.holidays for c in load_panel(frame[["date", "AAA", "TKY"]], series="all", fill="drop",
                                           announce=False).calendars.values()} <= {"NYSE", "JPX"}


def test_several_targets_blank_on_different_markets_holidays_are_refused_with_advice_that_fits():
    """A tester's wide table of AAPL, 7203 and SAP fitted with target=[...] and fill 'drop': the columns share one
    calendar, so the rows each market skips were removed from all and it forecast 12-24 and 12-25, advising
    holidays='XETR', which was then refused at Good Friday (7203 trades). Refused now, naming each column's market,
    and the advice given (one model per market) fits; columns of one market are read as before."""
    from rnncast.errors import RnncastError
    from rnncast.holidaysets import weekday_holidays

    days = pd.bdate_range("2023-01-02", "2024-12-20")
    shut = {n: days.isin(pd.DatetimeIndex(weekday_holidays(n, 2023, 2024))) for n in ("NYSE", "JPX", "XETR")}
    days = days[~(shut["NYSE"] & shut["JPX"] & shut["XETR"])]
    walk = 100 + np.cumsum(np.random.default_rng(3).normal(0, 1, (len(days), 4)), axis=0)
    frame = pd.DataFrame({"date": days, "AAPL": walk[:, 0], "MSFT": walk[:, 1], "7203": walk[:, 2], "SAP": walk[:, 3]})
    for columns, name in ((["AAPL", "MSFT"], "NYSE"), (["7203"], "JPX"), (["SAP"], "XETR")):
        frame.loc[days.isin(pd.DatetimeIndex(weekday_holidays(name, 2023, 2024))), columns] = np.nan
    with pytest.raises(RnncastError, match=r"^columns are blank on the holidays of different markets \('AAPL' on "
                                           r"NYSE's.*'7203' on JPX's.*one model per market \(target=\['AAPL', 'MSFT'\] "
                                           r"with holidays='NYSE'.*target='SAP' with holidays='XETR'"):
        load_panel(frame, target=["AAPL", "MSFT", "7203", "SAP"], fill="drop", announce=False)
    with pytest.raises(RnncastError, match=r"'AAPL' on NYSE's.*'SAP' on XETR's"):  # a market's column as a covariate
        load_panel(frame, target="AAPL", past_covariates=["SAP"], fill="drop", announce=False)
    for target, name in ((["AAPL", "MSFT"], "NYSE"), ("7203", "JPX"), ("SAP", "XETR")):  # the advice fits
        assert load_panel(frame, target=target, fill="drop", holidays=name, announce=False).calendar.holidays == name
    assert load_panel(frame, target=["AAPL", "MSFT"], fill="drop", announce=False).calendar.holidays == "NYSE"
    load_panel(frame, target=["AAPL", "7203"], fill="ffill", announce=False)  # every weekday kept: read as before


def test_weekends_blank_is_every_weekend_row_blank_and_only_those():
    """Decision 1535: what appendedrows.future takes for business days written daily, not the days to come."""
    days = pd.date_range("2024-01-01", "2024-03-31", freq="D")  # ends on a Sunday
    blank = np.asarray(days.day_of_week >= 5)
    assert blankrows.weekends_blank(days, blank)
    assert not blankrows.weekends_blank(days, blank | (np.arange(len(days)) == len(days) - 3))  # a blank Friday
    assert not blankrows.weekends_blank(days, blank & (np.arange(len(days)) > 60))  # weekends with values before
    assert not blankrows.weekends_blank(days[-2:], blank[-2:])  # one weekend alone: no weekends before it
    assert not blankrows.weekends_blank(pd.RangeIndex(len(days)), blank)


def test_a_blank_weekday_holiday_before_the_last_value_still_reads_the_last_weekend_as_a_weekend():
    """A reviewer's finding against decision 1535 (decision 1587): a daily close file ending on a Sunday with its
    weekends blank and Memorial Day (2024-05-27) blank too was refused again as "the last 2 rows ... the days to
    come?". A few blank weekdays before the last value are holidays, read as the Friday-ending file reads them."""
    import pytest
    from rnncast.errors import RnncastError

    days = pd.date_range("2024-01-01", "2024-06-30", freq="D")  # ends on a Sunday
    blank = np.asarray(days.day_of_week >= 5) | np.asarray(days == "2024-05-27")
    assert blankrows.weekends_blank(days, blank)
    assert not blankrows.weekends_blank(days, blank | (np.arange(len(days)) == len(days) - 3))  # a blank last Friday
    many = blank | (np.asarray(days.day_of_week) == 0)  # every Monday blank too: no holidays, a weekly pattern
    assert not blankrows.weekends_blank(days, many)
    frame = pd.DataFrame({"date": days, "close": np.where(blank, np.nan, 100 + np.sin(np.arange(len(days)) / 5.0))})
    assert load_panel(frame, target="close", fill="ffill", announce=False).lengths == [len(days)]
    with pytest.raises(RnncastError, match="has a missing value"):  # no fill: the blanks named, not "days to come"
        load_panel(frame, target="close", announce=False)


def _call_centre(weeks: int = 12, shut: tuple | None = None) -> pd.DataFrame:
    """Half-hour calls round the clock, blank when closed: Mon-Fri 08:00-20:00, Sat 09:00-13:00 (t35t3's centre),
    and blank from ``shut[0]`` to ``shut[1]`` where given (a shutdown)."""
    bars = pd.date_range("2024-01-01", periods=weeks * 7 * 48, freq="30min")  # a Monday
    hours, day = bars.hour + bars.minute / 60, bars.day_of_week
    open_ = ((day < 5) & (hours >= 8) & (hours < 20)) | ((day == 5) & (hours >= 9) & (hours < 13))
    if shut is not None:
        open_ &= ~((bars >= shut[0]) & (bars < shut[1]))
    calls = np.where(open_, 5.0 + np.arange(len(bars)) % 7, np.nan)
    last = np.flatnonzero(open_)[-1] + 1  # no blank rows after the last value (those are refused apart)
    return pd.DataFrame({"ds": bars[:last], "calls": calls[:last]})


def test_a_call_centres_closed_hours_written_blank_are_dropped_before_the_session_is_read(caplog):
    """The blank nights and Sundays are the steps off the session the rows kept follow (Saturday's own hours,
    decision 1786): dropped first, the rows kept read as the open-hours file does, not as '30min' with every night a
    gap (decision 1791)."""
    frame = _call_centre()
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(frame, "calls", fill="drop")
    opened = load_panel(frame.dropna(), "calls", announce=False)  # the same rows, given without the blank ones
    assert panel.calendar.session is not None and panel.calendar.freq == opened.calendar.freq
    assert panel.calendar.freq_text.startswith("30min 08:00-") and len(panel.time) == len(opened.time)
    assert any("before the calendar was read: the rows kept follow the calendar '30min 08:00-" in r.getMessage()
               for r in caplog.records)
    time, values = pd.DatetimeIndex(frame["ds"]), frame[["calls"]].to_numpy()
    keep = blankrows.kept_first(time, np.array([0, len(frame)]), values)
    assert keep is not None and (keep == ~np.isnan(values[:, 0])).all()


def test_a_call_centre_shut_for_two_weeks_still_has_its_closed_hours_dropped_before_the_session_is_read():
    """Shut two weeks of twelve, the rows kept miss 256 of the session's bars, more than a tenth of the 1280 kept,
    but the 2426 blank night and Sunday rows off it outnumber them: the session is kept, its shut weeks gaps in it,
    not '30min' with every night a gap (decision 1791's ``_closed_hours``)."""
    frame = _call_centre(shut=("2024-02-05", "2024-02-19"))
    time, values = pd.DatetimeIndex(frame["ds"]), frame[["calls"]].to_numpy()
    keep = blankrows.kept_first(time, np.array([0, len(frame)]), values)
    assert keep is not None and (keep == ~np.isnan(values[:, 0])).all()
    panel = load_panel(frame, "calls", fill="drop", announce=False)
    assert panel.calendar.freq_text == "30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat"
    assert len(panel.time) == 1280


def test_blank_hours_scattered_through_the_day_leave_the_calendar_read_on_every_row():
    """An hourly meter with a fifth of its readings blank at random: the rows kept follow no session, so the blanks
    are gaps in '1h' (decision 1791 is for closed hours only)."""
    bars = pd.date_range("2024-01-01", periods=24 * 60, freq="h")
    values = np.random.default_rng(0).normal(10, 1, len(bars))
    values[np.random.default_rng(1).random(len(bars)) < 0.2] = np.nan
    assert blankrows.kept_first(bars, np.array([0, len(bars)]), values[:, None]) is None
    panel = load_panel(pd.DataFrame({"ts": bars, "kwh": values}), "kwh", fill="drop", announce=False)
    assert panel.calendar.freq == to_offset("h")

"""What one season spans on each calendar of a panel (``seasonspans.py``): a warning naming the series that count
it in other units (weeks, business days) where a fit, backtest or evaluate scores the seasonal-naive baseline."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from conftest import TINY
from rnncast import Forecaster, holidaysets
from rnncast.seasonspans import said
from rnncast.timecalendar import Calendar


def _calendar(freq: str) -> Calendar:
    return Calendar("datetime", to_offset(freq))


def _panel_table() -> pd.DataFrame:
    """A tester's kind of panel (decision 656): two daily stores, one weekly, one on business days."""
    rng, parts = np.random.default_rng(0), []
    for store, n, start, freq in (("S01", 120, "2024-01-01", "D"), ("S02", 110, "2024-01-05", "D"),
                                  ("Café Süd", 100, "2021-01-03", "W-SUN"), ("S05", 100, "2024-02-05", "B")):
        t = np.arange(n)
        parts.append(pd.DataFrame({"store": store, "date": pd.date_range(start, periods=n, freq=freq),
                                   "sales": 100 + 10 * np.sin(t * 2 * np.pi / 7) + rng.normal(0, 1, n)}))
    return pd.concat(parts, ignore_index=True)


def test_a_season_names_the_series_whose_calendar_counts_it_in_other_units():
    line = said(_calendar("D"), {"Café Süd": _calendar("W-SUN"), "S05": _calendar("B")}, 7)
    assert line.startswith("season 7 is 7 days on the panel's calendar ('D') but 7 weeks for 'Café Süd' ('W-SUN') and "
                           "7 business days for 'S05' ('B'): ")
    assert line.endswith("their seasonal naive baseline and MASE reach that far back; fit those series apart, or give "
                         "the season those calendars share (season=, --season)")  # the baseline's name, unhyphenated


def test_a_series_keeping_the_panels_calendar_but_for_one_typed_date_counts_the_season_as_the_others_do():
    """A retail tester's store with one Sunday typed as a Saturday was warned of "52 steps of irregular ... for 'S03'
    (None)": its 52 steps are 52 weeks, the calendar it keeps, and its freq text is None."""
    from rnncast.timecalendar import Kept

    typo = Calendar("datetime", None, kept=Kept(_calendar("W-SUN"), 155, 156, ("2022-12-17",)))
    assert said(_calendar("W-SUN"), {"S03": typo}, 52) is None
    line = said(_calendar("D"), {"S03": typo}, 7)  # a daily panel: its 7 steps are still 7 weeks
    assert "7 weeks for 'S03' (irregular ('W-SUN' kept by 155 of 156 rows))" in line and "None" not in line


def test_no_season_or_calendars_counting_it_alike_say_nothing():
    assert said(_calendar("D"), {"Café Süd": _calendar("W-SUN")}, 1) is None  # no seasonal-naive baseline
    assert said(_calendar("D"), {}, 7) is None
    assert said(_calendar("B"), {"JP1": _calendar("C")}, 5) is None  # business days both, other holidays


def test_fit_backtest_and_evaluate_warn_once_of_a_season_on_other_calendars(caplog):
    table = _panel_table()
    settings = {**TINY, "season": 7, "horizon": 3, "lookback": 14}
    with caplog.at_level(logging.WARNING):
        model = Forecaster(**settings).fit(table, target="sales", id_col="store", time_col="date")
    said_at_fit = [r.getMessage() for r in caplog.records if r.getMessage().startswith("season 7 is 7 days")]
    assert len(said_at_fit) == 1 and "7 weeks for 'Café Süd' ('W-SUN') and 7 business days for 'S05' ('B')" in said_at_fit[0]
    for run in (lambda: model.evaluate(table), lambda: Forecaster(**settings).backtest(
            table, n_windows=2, target="sales", id_col="store", time_col="date")):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            run()
        assert sum(r.getMessage().startswith("season 7 is 7 days") for r in caplog.records) == 1


def test_warn_notes_season_365_across_a_feb_29_once(caplog):
    """Decision 1576: fit and backtest pass the rows' times, and a daily season of 365 across a Feb 29 is noted."""
    from rnncast.seasonspans import warn

    with caplog.at_level(logging.INFO, logger="rnncast"):
        warn(_calendar("D"), {}, 365, pd.date_range("2019-06-01", "2020-06-01", freq="D"))
        warn(_calendar("D"), {}, 365, None)
    notes = [r for r in caplog.records if "season 365 counts 365 days back" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO


def _shop(name: str, saturday_close: str) -> pd.DataFrame:
    """Eight weeks of a shop's 30-minute bars: Mon-Wed and Fri 08:00-19:30, Thu 08:00-20:30, Sat 09:00 to its close."""
    times = []
    for day in pd.date_range("2021-09-06", "2021-10-30", freq="D"):
        if day.day_of_week == 6:
            continue
        opens, closes = {5: ("09:00", saturday_close), 3: ("08:00", "20:30")}.get(day.day_of_week, ("08:00", "19:30"))
        times += list(pd.date_range(f"{day.date()} {opens}", f"{day.date()} {closes}", freq="30min"))
    values = np.sin(np.arange(len(times)) / 5.0) + np.random.default_rng(0).normal(0, 0.1, len(times))
    return pd.DataFrame({"id": name, "time": times, "y": values})


def test_a_series_keeping_other_trading_hours_is_warned_of_a_season_of_the_panels_week(caplog):
    """t35t7 L5: shopA's Saturdays close at 12:30 (130 bars a week), shopB's at 11:00 (127); season 130 is shopA's week
    and reads another time of day in shopB's rows, but only the verdict's caveat said so. ``warn_panel`` (fit's and
    backtest's) warns of each series' own hours, naming it and its week (decision 1846)."""
    from rnncast.loading import load_panel
    from rnncast.seasonspans import warn_panel

    panel = load_panel(pd.concat([_shop("shopA", "12:30"), _shop("shopB", "11:00")]), target="y", time_col="time",
                       id_col="id", announce=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn_panel(panel, 130)
    said = [r.getMessage() for r in caplog.records if "is counted in bars" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("series 'shopB': season 130 is counted in bars, but the weekdays of ")
    assert said[0].endswith("a week of its bars is season 127 (season=127, --season 127)")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn_panel(load_panel(_shop("shopA", "12:30"), target="y", time_col="time", announce=False), 130)
    assert not [r for r in caplog.records if "is counted in bars" in r.getMessage()]  # its own week: nothing


def test_season_52_on_weekly_rows_across_a_53_saturday_year_is_noted_once(caplog):
    from rnncast.seasonspans import warn

    times = pd.date_range("2020-02-08", "2024-11-30", freq="W-SAT")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        warn(_calendar("W-SAT"), {}, 52, times)  # decision 1977: the lag-52 baseline a week early after 2022
    assert [r.levelname for r in caplog.records if "season 52 counts 52 weeks back" in r.getMessage()] == ["INFO"]


def _german(start: str = "2025-03-03", end: str = "2025-05-30") -> pd.DatetimeIndex:
    return pd.date_range(start, end, freq=holidaysets.offset("DE"))


def test_a_week_of_business_days_across_a_holiday_is_warned_naming_the_first_and_the_share(caplog):
    """t39t4 3 (decision 2114): season 5 on business days without DE holidays paired Tue 2025-04-22 with Fri 2025-04-11
    (Good Friday and Easter Monday between), 12% of a warehouse's rows, and nothing said so."""
    from rnncast.seasonspans import holiday_weeks

    calendar = Calendar("datetime", holidaysets.offset("DE"), holidays="DE")
    times = _german()  # 61 business days: Good Friday, Easter Monday, May Day, Ascension Day skipped
    line = holiday_weeks(calendar, times, 5)
    assert line.startswith("season 5 is counted in business days, and the calendar 'B' without DE holidays skips "
                           "holidays, so a week with one keeps fewer (the first: 2025-04-18): the seasonal naive forecast "
                           "(season 5) and MASE's scale pair 11 of the 56 days after the first 5 (20%) with another "
                           "weekday, not the same weekday 7 days before (Fri 2025-05-30 with Thu 2025-05-22's value)")
    assert "(Tue 2025-04-22 with Fri 2025-04-11's value)" in holiday_weeks(calendar, times, 5, pd.Timestamp("2025-04-14"))
    assert "14 days before" in holiday_weeks(calendar, times, 10)
    assert holiday_weeks(calendar, _german("2025-01-06", "2025-03-28"), 5) is None  # no holiday in the rows
    assert holiday_weeks(calendar, times, 3) is None and holiday_weeks(calendar, None, 5) is None
    assert holiday_weeks(_calendar("B"), pd.bdate_range("2025-03-03", "2025-05-30"), 5) is None  # plain 'B'


def test_fit_warns_once_of_a_week_of_business_days_across_holidays(caplog):
    times = _german("2024-09-02", "2025-05-30")
    frame = pd.DataFrame({"date": times, "y": 10 + np.sin(times.day_of_week.to_numpy()) + np.arange(len(times)) / 50})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "season": 5, "holidays": "DE"}).fit(frame, target="y", time_col="date")
    assert sum("season 5 is counted in business days" in r.getMessage() for r in caplog.records) == 1


def test_series_keeping_a_states_holidays_are_warned_on_their_own_calendar(caplog):
    """Warehouses in Bavaria and North Rhine-Westphalia keep their states' sets beside one on DE's (decision 2108):
    the warning read the panel's calendar alone, over every series' rows (r39r1 L5); each calendar's series are now
    warned over their own rows, named (decision 2138)."""
    frames = [pd.DataFrame({"store": name, "date": (days := pd.date_range("2022-06-01", "2023-06-06",
                                                                          freq=holidaysets.offset(name))),
                            "sales": 100 + 10 * np.sin(np.arange(len(days)) / 5) + i})
              for i, name in enumerate(("DE-BY", "DE-NW", "DE"))]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "season": 5, "lookback": 8}).fit(pd.concat(frames, ignore_index=True), target="sales",
                                                               id_col="store")
    said = [r.getMessage()[:r.getMessage().index(" skips")] for r in caplog.records
            if "season 5 is counted in business days" in r.getMessage()]
    assert said == [f"series {name!r}: season 5 is counted in business days, and the calendar 'B' without {kept} "
                    "holidays" for name, kept in (("DE", "DE"), ("DE-BY", "DE-BW"), ("DE-NW", "DE-NW"))], said

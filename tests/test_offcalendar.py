"""Rows off the calendar the rest of a series keeps (``offcalendar.py``): named at fit for one series or for each
series of a panel that keeps no calendar, the other series' gaps still warned of, and such a series left out of a
panel's forecasts (named) while the others are forecast."""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from conftest import TINY

from rnncast import Forecaster, RnncastError, businessmonths, offcalendar

SMALL = dict(lookback=8, horizon=3, hidden_size=8, epochs=1, seed=0)


def stores(freq="ME", start="2019-01-31") -> pd.DataFrame:
    """Stores A, B, C of 60 rows each on ``freq``, written as text; B lacks its 41st row, A's 31st is a typo."""
    dates = pd.date_range(start, periods=60, freq=freq)
    data = pd.concat([pd.DataFrame(dict(store=s, date=dates.strftime("%Y-%m-%d"),
                                        sales=100 + 10 * np.sin(np.arange(60) / 2) + i)) for i, s in enumerate("ABC")],
                     ignore_index=True)
    data = data.drop(index=100)
    typo = (dates[30] - pd.Timedelta(days=2)).strftime("%Y-%m-%d")  # 2021-07-29 among month ends; a Friday in W-SUN
    data.loc[30, "date"] = typo
    return data.reset_index(drop=True)


@pytest.mark.parametrize("freq, typo, missing", [("ME", "2021-07-29", "2022-05-31"), ("W-SUN", "2019-08-02", "2019-10-13")])
def test_one_misdated_row_of_a_panel_is_named_and_every_series_forecast(caplog, tmp_path, freq, typo, missing):
    """One typo in series A made the panel's fit say only "calendars differ by series: irregular ('A')", warn of
    no gap in B, and predict refuse every series ("correcting or dropping any rows ... that fit's warning named",
    when none was named). Fit names the row as for one series, B's gap is warned of, and predict forecasts A on the
    calendar its other 59 rows keep, as a model of A alone does (decision 682); a model saved before fit kept that
    calendar forecasts B and C and names A with its row."""
    data = stores(freq, "2019-01-31" if freq == "ME" else "2019-01-06")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col="store")
    said = caplog.text
    assert f"timestamp {typo} (series 'A' at row 30) is off the calendar '{freq}' the other 59 rows of that series " \
        "keep, so the model takes its rows as consecutive and predict dates its forecasts on that calendar" in said, said
    assert missing in said, said  # B's gap, as with the row corrected
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(data)
    after = pd.date_range(data["date"].max(), periods=4, freq=freq)[1:]
    assert list(forecast["store"]) == list("AAABBBCCC") and list(forecast["date"]) == list(after) * 3
    assert f"forecasts of series 'A' are dated on the calendar '{freq}' that 59 of its 60 rows at fit keep " \
        f"(off it: {typo}), from its last timestamp {data['date'].max()}" in caplog.text, caplog.text
    one = Forecaster(**SMALL).fit(data.query("store == 'A'").drop(columns="store"), target="sales", time_col="date")
    assert list(one.predict(data.query("store == 'A'").drop(columns="store")).index) == list(after)
    model.state_.calendars["A"] = replace(model.state_.calendars["A"], kept=None)  # as runs before it were
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(data)
    assert sorted(set(forecast["store"])) == ["B", "C"] and len(forecast) == 6
    assert "series 'A' is not forecast" in caplog.text and typo in caplog.text, caplog.text
    assert sorted(set(model.predict(data.query("store != 'A'"))["store"])) == ["B", "C"]


def test_a_panel_of_series_that_keep_no_calendar_names_each_and_predict_refuses_as_for_one(caplog):
    """Every series scattered: fit said nothing of them (the panel was settled series by series); each is now named
    with its steps, and predict refuses as a model of one such series does."""
    rng = np.random.default_rng(0)
    data = pd.concat([pd.DataFrame({"store": s, "date": np.sort(pd.Timestamp("2020-01-01") + pd.to_timedelta(
        rng.choice(10**5, 60, replace=False), "min")), "sales": np.arange(60.0)}) for s in "AB"], ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**SMALL).fit(data, target="sales", time_col="date", id_col="store")
    for s in "AB":
        assert f"the timestamps of series '{s}' follow no regular calendar (steps from " in caplog.text, caplog.text
    assert "nor any other series'" in caplog.text and "predict forecasts the other series" not in caplog.text
    with pytest.raises(RnncastError, match="follow no regular calendar"):
        model.predict(data)


def test_a_series_without_a_calendar_is_named_with_its_rows_off_the_one_its_others_keep():
    """predict's warning of a panel's series fit found no calendar for names the rows off the calendar the series'
    other rows keep in the data given (``named_off``, the first words of fit's warning), no message text cut apart."""
    from rnncast.timecalendar import Calendar

    days = pd.date_range("2024-01-01", periods=60, freq="D")
    b = days.insert(60, days[-1] + pd.Timedelta(hours=5))[1:]  # 59 days, then a row 5 hours late
    time = days.append(b)
    none, said = offcalendar.undated(time, np.array([0, 60, 120]), ["a", "b"],
                                     {"a": Calendar("datetime", "D"), "b": Calendar("datetime", None)},
                                     Calendar("datetime", "D"), lambda s: ["a", "b"][s])
    assert none == [1]
    assert said.startswith("series 'b' is not forecast: the model keeps no calendar for it, since fit found none its "
                           "timestamps follow, so its forecasts cannot be dated (in the data given, timestamp "
                           "2024-02-29 05:00:00 (its row 60) is off the calendar 'D' the other 59 rows of that series keep")


def test_a_markets_early_closes_off_its_days_close_are_told_to_be_dated_by_their_day(caplog):
    """Naive Paris closes at 17:30 with Euronext's 14:05 closes were told to "correct them if a typo, or drop them":
    they are real closes, on the calendar's days at another time."""
    days = pd.bdate_range("2022-01-03", periods=200)
    at = [pd.Timedelta("14:05:00" if i in (50, 150) else "17:30:00") for i in range(200)]
    frame = pd.DataFrame({"ds": (days + pd.TimedeltaIndex(at)).strftime("%Y-%m-%d %H:%M"), "y": np.arange(200.0)})
    from rnncast.loading import load_panel

    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "y")
    assert ("to keep them (they fall on its days at another time than the others' 17:30, as a market's early closes), "
            "date each row by its day, e.g. with pandas: df['ds'] = pd.to_datetime(df['ds']).dt.normalize(), or correct "
            "them if a typo") in caplog.text
    frame["ds"] = pd.to_datetime(frame["ds"]).dt.normalize()
    assert load_panel(frame, "y").calendar.freq is not None  # the advice followed: 'B'
    caplog.clear()
    ends = pd.date_range("2020-01-31 17:30", periods=48, freq="ME")
    typo = pd.DataFrame({"ds": ends.strftime("%Y-%m-%d %H:%M"), "y": np.arange(48.0)})
    typo.loc[17, "ds"] = "2021-06-29 17:30"  # a date off, at the others' time: a typo, not an early close
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(typo, "y")
    assert "correct it if a typo" in caplog.text and "early closes" not in caplog.text


@pytest.mark.parametrize("zoned", [False, True])
def test_early_closes_read_with_tz_are_told_a_line_that_keeps_their_days(caplog, zoned):
    """ASX closes written as naive local 16:00 (14:10 early closes), read with tz='Australia/Sydney', were told
    ``pd.to_datetime(df['ds'], utc=True).dt.tz_convert(...)``, which reads local times as UTC and dates every row a
    day later (a Tuesday-to-Saturday week). Followed, the line given keeps the days as written, naive or zoned."""
    from rnncast.loading import load_panel

    days = pd.bdate_range("2022-01-03", periods=200)
    local = (days + pd.TimedeltaIndex([pd.Timedelta("14:10:00" if i in (50, 150) else "16:00:00")
                                       for i in range(200)])).tz_localize("Australia/Sydney")
    text = local.strftime("%Y-%m-%d %H:%M%z" if zoned else "%Y-%m-%d %H:%M")
    text = text.str.replace(r"(\d\d)(\d\d)$", r"\1:\2", regex=True) if zoned else text
    frame = pd.DataFrame({"ds": text, "y": np.arange(200.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "y", tz="Australia/Sydney")
    line = caplog.text.split("e.g. with pandas: ")[1].split(", or correct")[0]
    assert ("utc=True" in line) == zoned
    exec(line, {"pd": pd, "df": frame})  # the advice followed
    assert (frame["ds"].dt.day_name().str[:3] != "Sat").all()
    assert list(frame["ds"].dt.strftime("%Y-%m-%d")) == list(days.strftime("%Y-%m-%d"))
    assert load_panel(frame, "y", tz="Australia/Sydney").calendar.freq is not None  # 'B': its days kept


def _closes(market: str, start: str, end: str, close: str, early: str, n_early: int, tz=None) -> pd.DataFrame:
    import holidays as hol

    off = hol.financial_holidays(market, years=range(int(start[:4]), int(end[:4]) + 1))
    days = [d for d in pd.bdate_range(start, end) if d.date() not in off]
    shorts = set(range(100, len(days) - 20, (len(days) - 120) // n_early)[:n_early])
    at = [f"{d.date()} {early if i in shorts else close}" for i, d in enumerate(days)]
    return pd.DataFrame({"ds": at, "y": np.sin(np.arange(len(days)) / 5.0) + np.arange(len(days)) / 100})


@pytest.mark.parametrize("market,close,early,tz", [("NYSE", "16:00", "13:00", None),
                                                   ("NYSE", "16:00", "13:00", "America/New_York"),
                                                   ("XPAR", "17:30", "14:05", None)])
def test_early_closes_do_not_hide_the_markets_holidays(caplog, market, close, early, tz):
    """NYSE's local 16:00 closes with four 13:00 early closes kept plain 'B' ("875 of 879 rows keep") and forecast
    2024-07-04; Paris's with two 14:05 closes forecast 2024-01-01. Early closes are rows on the calendar's days:
    the holiday set is found as without them, and the forecasts skip its holidays."""
    frame = _closes(market, "2022-01-03" if market == "NYSE" else "2021-01-04",  # 2021-12-24 tells XPAR from XETR
                    "2024-07-02" if market == "NYSE" else "2023-12-29", close, early, 4)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1, "horizon": 3}, tz=tz).fit(frame, target="y", time_col="ds")
    named = "NYSE" if market == "NYSE" else "XPAR"
    assert f"off the calendar 'B' without {named} holidays the other" in caplog.text
    days = [str(t)[:10] for t in model.predict(frame).index]
    assert days == (["2024-07-03", "2024-07-05", "2024-07-08"] if market == "NYSE" else
                    ["2024-01-02", "2024-01-03", "2024-01-04"])


def test_early_closes_refused_by_a_given_freq_are_told_to_be_dated_by_their_day():
    """freq='B' over Paris's closes with 14:05 early closes was refused with the list of aliases only."""
    from rnncast.loading import load_panel

    frame = _closes("XPAR", "2021-01-04", "2023-12-29", "17:30", "14:05", 2)
    with pytest.raises(RnncastError) as err:
        load_panel(frame, "y", freq="B")
    assert "2 rows (" in str(err.value) and "as a market's early closes), date each row by its day, e.g. with " \
        "pandas: df['ds'] = pd.to_datetime(df['ds']).dt.normalize()" in str(err.value)
    with pytest.raises(RnncastError, match=r"without XPAR holidays; 2 rows \(.*as a market's early closes\), date each"):
        load_panel(frame, "y", holidays="XPAR")  # the market named: the same advice
    frame["ds"] = pd.to_datetime(frame["ds"]).dt.normalize()  # followed
    assert load_panel(frame, "y", freq="B").calendar.freq is not None
    assert load_panel(frame, "y", holidays="XPAR").calendar.holidays == "XPAR"


def test_rows_later_than_the_others_are_not_called_a_markets_early_closes(caplog):
    """A meter read at 09:00 with four readings at 13:00 was told they are "as a market's early closes"."""
    from rnncast.loading import load_panel

    days = pd.bdate_range("2022-01-03", periods=200)
    at = [pd.Timedelta("13:00:00" if i in (50, 150) else "09:00:00") for i in range(200)]
    frame = pd.DataFrame({"ds": (days + pd.TimedeltaIndex(at)).strftime("%Y-%m-%d %H:%M"), "y": np.arange(200.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "y")
    assert "at another time than the others' 09:00), date each row by its day" in caplog.text
    assert "early closes" not in caplog.text


def test_fits_warning_says_predict_will_refuse_and_gives_the_rounding_predicts_refusal_repeats(caplog):
    """Daily readings 0 to 59 s late: fit warned only "forecasts cannot be dated ... round them" and trained, and
    predict then refused. The warning now says plainly that predict will refuse, and both give one pandas line."""
    n, rng = 120, np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=n, freq="D")
                          + pd.to_timedelta(rng.integers(0, 60, n), unit="s"), "y": np.sin(np.arange(n) / 3)})
    line = "round them to it, e.g. with pandas: df['date'] = pd.to_datetime(df['date']).dt.round('D')"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y")
    warned = [r.getMessage() for r in caplog.records if "no regular calendar" in r.getMessage()]
    assert len(warned) == 1 and warned[0].endswith(line)
    assert ("forecasts cannot be dated, so predict will refuse this model (evaluate and backtest score it); to "
            "forecast, fit again: the timestamps lie within 59 s of a 1-day grid (jitter); ") in warned[0]
    with pytest.raises(RnncastError) as refused:
        model.predict(frame)
    assert str(refused.value).endswith(line) and "fit again" in str(refused.value)
    frame["date"] = frame["date"].dt.round("D")  # the line followed: fit and predict date the forecasts
    assert str(Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y").predict(frame).index[0].date()) == "2023-05-01"


def test_many_series_without_a_calendar_are_said_in_one_line_with_the_calendar_most_keep():
    """A tester's finding: a till export's Saturday-weekly series without their zero weeks wrote 33 near-identical
    "the timestamps of series ... follow no regular calendar" lines. More than ``FEW`` are one line: the count, the
    first three, the first one's warning, and freq= with the calendar most of the panel's series keep."""
    from pandas.tseries.frequencies import to_offset

    from rnncast.timecalendar import Calendar

    steps = np.array([1, 3, 2, 5, 1, 4, 2, 7, 3, 1, 6])
    day = pd.Timestamp("2024-01-06")
    time = pd.DatetimeIndex(np.concatenate([day + pd.to_timedelta(np.cumsum(np.roll(steps, k)), unit="D")
                                            for k in range(5)]))
    offsets = np.arange(6) * (len(steps))
    name = ["a", "b", "c", "d", "e"].__getitem__
    where = lambda i: f"line {i + 2}"  # noqa: E731
    few = offcalendar.unsettled(time, offsets, [0, 1, 2], where, name)
    assert len(few) == 3 and all(line.startswith("the timestamps of series") for line in few)
    weekly, none = Calendar("datetime", to_offset("W-SAT")), Calendar("datetime", None)
    lines = offcalendar.unsettled(time, offsets, [0, 1, 2, 3, 4], where, name, calendars=[weekly] * 6 + [none] * 5)
    assert len(lines) == 1
    assert lines[0].startswith("5 series keep no calendar of their own, so their forecasts cannot be dated ('a', 'b', "
                               "'c' and 2 more); the first: the timestamps of series 'a' follow no regular calendar")
    assert lines[0].endswith("; 6 of the 11 series keep the calendar 'W-SAT': to read every series on it, the steps a "
                             "series lacks as its gaps, give freq='W-SAT', --freq W-SAT")
    from rnncast import sessions  # decision 1840: a session of weekday hours quoted as a shell takes it, not cut at ';'

    centre = "30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat"
    hours = Calendar("datetime", sessions.parse(centre))
    line = offcalendar.unsettled(time, offsets, [0, 1, 2, 3, 4], where, name, calendars=[hours] * 6 + [none] * 5)[0]
    assert line.endswith(f"give freq={centre!r}, --freq {centre!r}")
    assert "keep the calendar" not in offcalendar.unsettled(time, offsets, [0, 1, 2, 3, 4], where, name,
                                                            calendars=[weekly] * 5 + [none] * 5)[0]


def test_many_series_without_a_calendar_build_the_first_ones_warning_alone(monkeypatch):
    """The one line of many undated series quotes the first one's warning, but every series' warning was built (its
    calendars tried, its steps described) and all but one thrown away: only the first is built now; a series of
    fewer than 3 rows is still neither counted nor said."""
    steps = np.array([1, 3, 2, 5, 1, 4, 2, 7, 3, 1, 6])
    time = pd.DatetimeIndex(np.concatenate([pd.Timestamp("2024-01-06") + pd.to_timedelta(np.cumsum(np.roll(steps, k)),
                                                                                          unit="D") for k in range(5)]
                                           + [pd.DatetimeIndex(["2025-01-01", "2025-01-03"])]))
    offsets = np.append(np.arange(6) * len(steps), 5 * len(steps) + 2)
    built, irregular = [], offcalendar.irregular
    monkeypatch.setattr(offcalendar, "irregular", lambda *a, **k: built.append(a[4]) or irregular(*a, **k))
    lines = offcalendar.unsettled(time, offsets, [5, 0, 1, 2, 3, 4], lambda i: f"line {i + 2}", "abcdef".__getitem__)
    assert built == ["a"] and len(lines) == 1 and lines[0].startswith("5 series keep no calendar of their own")


def _nyse_with_saturday(market: str = "NYSE") -> pd.DataFrame:
    import holidays as hol

    off = hol.financial_holidays(market, years=range(2022, 2025))
    days = [d for d in pd.bdate_range("2022-01-03", "2024-11-27") if d.date() not in off] + [pd.Timestamp("2024-03-09")]
    frame = pd.DataFrame({"ds": [d.strftime("%Y-%m-%d") for d in days], "y": np.sin(np.arange(len(days)) / 5.0)})
    return frame.sort_values("ds", ignore_index=True)


def test_a_saturday_among_nyse_days_keeps_the_markets_holidays(caplog):
    """One Saturday among NYSE days kept plain 'B' ("off the calendar 'B' the other 735 rows keep"), the missing
    weekdays never said to be NYSE holidays, and predict forecast Thanksgiving 2024-11-28. The Saturday is named
    as such, the calendar the others keep is 'B' without NYSE holidays, and the forecasts skip its holidays."""
    frame = _nyse_with_saturday()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1, "horizon": 3}).fit(frame, target="y", time_col="ds")
    assert "timestamp 2024-03-09 (row 548, a Saturday) is off the calendar 'B' without NYSE holidays the other" \
        in caplog.text
    assert "calendar of the other rows: business days without NYSE holidays (" in caplog.text
    assert [str(t)[:10] for t in model.predict(frame).index] == ["2024-11-29", "2024-12-02", "2024-12-03"]


def test_a_saturday_and_a_holiday_row_among_nyse_days_still_name_the_markets_holidays(caplog):
    """A Saturday and a row on 2023-07-04 among NYSE days: fit said only "off the calendar 'B' the other 984 rows
    keep", never that the missing weekdays are NYSE holidays, and predict forecast Thanksgiving 2024-11-28 unwarned.
    Now fit names the set (and the holiday row) and predict warns of Thanksgiving as plain 'B' does."""
    frame = _nyse_with_saturday()
    frame = pd.concat([frame, pd.DataFrame({"ds": ["2023-07-04"], "y": [0.0]})]).sort_values("ds", ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1, "horizon": 3}).fit(frame, target="y", time_col="ds")
    assert "off the calendar 'B' the other" in caplog.text
    assert "missing weekdays are NYSE holidays" in caplog.text and "2023-07-04 (Independence Day)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    assert str(forecast.index[0])[:10] == "2024-11-28" and "Thanksgiving Day (NYSE)" in caplog.text


def test_a_saturday_among_krx_days_keeps_krx_holidays_more_than_a_twentieth_of_its_weekdays():
    """KRX's holidays are 6% of its weekdays, more than the twentieth of rows a calendar kept by all rows but a few
    may miss: with a Saturday the series was read on calendar days ('D', 471 rows missing). Business days whose missing
    weekdays a set explains are that calendar, off it the Saturday."""
    frame = _nyse_with_saturday("XKRX")
    model = Forecaster(**{**TINY, "epochs": 1, "horizon": 3}).fit(frame, target="y", time_col="ds")
    assert model.calendar_.shown == "irregular ('B' without KRX holidays kept by 713 of 714 rows)"


@pytest.mark.parametrize("given", [dict(holidays="NYSE"), dict(freq="B")])
def test_a_saturday_refused_by_the_calendar_given_is_named_so(given):
    """holidays='NYSE' over NYSE days with one Saturday said "the timestamps follow the calendar 'D': give freq=D",
    though all other rows keep business days: the refusal names the Saturday and the calendar the others keep."""
    frame = _nyse_with_saturday()
    if "freq" in given:  # plain business days: the holidays missing are a gap, not a row off it
        frame = pd.DataFrame({"ds": sorted([d.strftime("%Y-%m-%d") for d in pd.bdate_range("2024-01-02", periods=80)]
                                           + ["2024-03-09"]), "y": np.arange(81.0)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY, **given).fit(frame, target="y", time_col="ds")
    assert "2024-03-09" in str(err.value) and "it is a Saturday, and the other" in str(err.value) \
        and "rows keep that calendar: correct it if a typo, or drop it" in str(err.value)
    assert "freq=D" not in str(err.value)


def test_a_saturday_in_one_series_of_a_panel_keeps_its_markets_holidays(caplog):
    """A panel's NYSE series with one Saturday row was read on calendar days ('D', 328 rows missing: every weekend
    and holiday) beside a weekly series, and forecast Thanksgiving and a Saturday. It is named off 'B' without NYSE
    holidays, as the series alone is, and forecast on that calendar."""
    frame = _nyse_with_saturday().assign(id="A")
    weeks = pd.date_range("2022-01-07", "2024-11-22", freq="W-FRI")
    frame = pd.concat([frame, pd.DataFrame({"id": "B", "ds": weeks.strftime("%Y-%m-%d"), "y": np.cos(np.arange(len(weeks)))})],
                      ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1, "horizon": 3}).fit(frame, target="y", time_col="ds", id_col="id")
    assert "2024-03-09 (series 'A' at row 548, a Saturday) is off the calendar 'B' without NYSE holidays" in caplog.text
    assert "rows are missing from" not in caplog.text
    got = model.predict(frame)
    assert [str(t)[:10] for t in got[got["id"] == "A"]["ds"]] == ["2024-11-29", "2024-12-02", "2024-12-03"]


def test_the_holiday_set_most_kept_found_is_not_looked_for_again(monkeypatch):
    """``most_kept`` asks ``businessdays.explain`` of business days missing more than a twentieth of their weekdays
    (KRX), and ``on_market`` asked again: once now, the calendar kept the same."""
    from rnncast import businessdays
    piece = pd.DatetimeIndex(pd.to_datetime(_nyse_with_saturday("XKRX").ds))
    real, calls = businessdays.explain, []
    monkeypatch.setattr(businessdays, "explain", lambda *a, **k: calls.append(k) or real(*a, **k))
    kept = offcalendar.kept_alone(piece)
    assert kept.calendar.holidays == "KRX" and kept.off == ("2024-03-09",) and len(calls) == 1


def test_a_series_that_changes_its_step_is_named_beside_the_first_series_warning():
    """t36t8 F4 (decision 1940): eight probes within 3 min of a 3-hour grid, one switching to hourly, were one line
    explaining only the first series (round to 3 h), which then made the switched one's times repeat. The line now
    names the change, its row and both steps, and a later series' clock an hour off for a while (decision 1941)."""
    rng = np.random.default_rng(0)
    grid = pd.date_range("2026-03-01", periods=60, freq="3h")
    switched = grid[:30].append(pd.date_range(grid[30], periods=90, freq="h"))
    pieces = [grid] * 5 + [switched]
    time = pd.DatetimeIndex(np.concatenate([p + pd.to_timedelta(rng.integers(-180, 181, len(p)), unit="s")
                                            for p in pieces]))
    offsets = np.concatenate([[0], np.cumsum([len(p) for p in pieces])])
    name = ["P1", "P2", "P4", "P5", "P6", "P3"].__getitem__
    where = lambda i: f"line {i + 2}"  # noqa: E731
    [line] = offcalendar.unsettled(time, offsets, list(range(6)), where, name)
    assert line.startswith("6 series keep no calendar of their own")
    assert line.endswith(f"; the step changes from 3 h to 1 h at {time[300 + 30]} (line 332): one calendar keeps one "
                         "step, so resample it to the coarser (the mean of each step's rows), or fit its rows of one "
                         "step apart")
    late = pd.DatetimeIndex(np.concatenate([time[:60], time[60:120] + pd.to_timedelta(
        np.where((np.arange(60) >= 20) & (np.arange(60) < 40), 3600, 0), unit="s"), time[120:]]))
    [line] = offcalendar.unsettled(late, offsets, list(range(6)), where, name)
    assert f"; 20 rows in a run, {late[80]} (line 82) to {late[99]} (line 101), lie 1 h after the 3-hour grid" in line
    few = offcalendar.unsettled(time, offsets, [0, 5], where, name)
    assert "changes" not in few[0] and few[1].endswith("or fit its rows of one step apart")


def test_rows_off_a_markets_month_ends_on_its_holidays_are_named_by_holiday_and_told_to_be_dropped():
    """Rows off 'BME' without NYSE holidays that fall on NYSE holidays (a vendor's stale rows): each named by its
    holiday, as a row among business days is, and told to be dropped, not corrected as a typo (decision 2045)."""
    ends = pd.date_range("2012-01-31", "2014-12-31", freq=businessmonths.offset("NYSE"))
    time = ends.where(ends != pd.Timestamp("2013-03-28"), pd.Timestamp("2013-03-29"))
    off = [int(np.flatnonzero(time == pd.Timestamp("2013-03-29"))[0])]
    said = offcalendar.said(time, np.array([0, len(time)]), businessmonths.offset("NYSE"), off, lambda i: f"row {i}")
    assert said.startswith("timestamp 2013-03-29 (row 14, Good Friday, a NYSE holiday) is off the calendar 'BME' "
                           "without NYSE holidays the other 35 rows keep"), said
    assert "drop it (it falls on a NYSE holiday, when the market is shut: a vendor's stale row), and fit finds that " \
           "calendar without it" in said and "typo" not in said


def test_many_series_a_few_rows_off_a_calendar_are_not_said_undated_t41t8():
    """t41-t8 7 (decision 2273): Feb 28 written in leap years in 8 monthly series: the opener said their forecasts
    "cannot be dated" while the first's line said predict dates them on the calendar: one statement now."""
    from rnncast.offcalendar import FEW, unsettled
    one = pd.date_range("2012-01-31", periods=60, freq="ME")
    one = one.where(one != pd.Timestamp("2016-02-29"), pd.Timestamp("2016-02-28"))
    n = FEW + 2
    time = pd.DatetimeIndex(np.concatenate([one.values] * n))
    offsets = np.arange(n + 1) * len(one)
    said = unsettled(time, offsets, list(range(n)), lambda i: f"row {i}", lambda s: f"L{s}")
    assert len(said) == 1 and "cannot be dated" not in said[0]
    assert said[0].startswith(f"{n} series keep no calendar of their own: a few rows off the calendar their other "
                              "rows keep, on which predict dates their forecasts")

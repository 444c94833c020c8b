"""Rows missing from the calendar (``gaps.py``): counted and named once, in the data's form, with a clock going
forward named where it explains them; inserted by ``fill_gaps`` within each series for ``fill`` to fill, and
refused when a typo would make it insert a century of rows."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from conftest import berlin_wall_times, make_frame
from rnncast import RnncastError, clockchanges, holidaysets
from rnncast.loading import load_panel


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def _daily_with_gaps():
    index = pd.date_range("2024-01-01", periods=120, freq="D").delete([10, 50, 51])
    return pd.DataFrame({"ds": index, "y": np.sin(np.arange(len(index)) / 4.0)})


def test_rows_missing_from_the_calendar_are_counted_and_named_once(caplog):
    frame = make_frame(60)
    frame = frame.drop(index=[10, 20, 21]).reset_index(drop=True)  # three missing hours in an hourly series
    with caplog.at_level("WARNING", logger="rnncast"):
        series = load_panel(frame, target="y", features=["x"])  # every column used: the gap is the one warning
    assert series.calendar.freq == to_offset("h")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "3 rows are missing from the 'h' calendar" in warnings[0]
    assert "2024-01-01 10:00:00" in warnings[0] and "--fill-gaps" in warnings[0]


def test_missing_days_are_named_once_and_fill_gaps_inserts_them(caplog):
    frame = _daily_with_gaps()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame)
    assert panel.calendar.freq == to_offset("D") and len(panel.values) == 117
    assert len(_warnings(caplog)) == 1 and "3 rows are missing from the 'D' calendar" in _warnings(caplog)[0]
    assert "2024-01-11" in _warnings(caplog)[0]
    caplog.clear()
    filled = load_panel(frame, fill_gaps=True, fill="interpolate")
    assert any(r.getMessage().startswith("fill_gaps inserted 3 missing rows (2024-01-11, ") for r in caplog.records)
    assert filled.time.equals(pd.date_range("2024-01-01", periods=120, freq="D", name="ds"))
    assert filled.values[10, 0] == pytest.approx((frame["y"][9] + frame["y"][10]) / 2)
    with pytest.raises(RnncastError, match="fill_gaps inserted 3 missing rows.*--fill"):
        load_panel(frame, fill_gaps=True)
    with pytest.raises(RnncastError, match="fill 'drop' would remove them"):
        load_panel(frame, fill_gaps=True, fill="drop")


def test_gaps_in_many_series_are_filled_within_each_series():
    a = _daily_with_gaps().assign(unique_id="a")
    b = pd.DataFrame({"ds": pd.date_range("2024-02-01", periods=80, freq="D"), "y": 1.0, "unique_id": "b"})
    panel = load_panel(pd.concat([a, b]), fill_gaps=True, fill="ffill")
    assert list(panel.lengths) == [120, 80] and panel.time_of(1)[0] == pd.Timestamp("2024-02-01")


def test_fill_gaps_refuses_to_fill_a_typo_of_a_century(tmp_path):
    stamps = pd.date_range("2020-01-01", periods=2000, freq="s").to_series().reset_index(drop=True)
    stamps.iloc[-1] = pd.Timestamp("2120-01-01")
    with pytest.raises(RnncastError, match=r"fill_gaps would insert \d+ rows among 2000.*jump from .* to 2120-01-01"):
        load_panel(pd.DataFrame({"ds": stamps, "y": np.arange(2000.0)}), fill_gaps=True, fill="ffill")


def test_a_gap_where_the_clock_went_forward_names_the_zone_and_tz(caplog, monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)  # the common zones only, whatever this machine's
    frame = berlin_wall_times("2024-03-30 20:00", 20, "h")
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, "load")
        load_panel(frame.drop(index=[2]), "load", tz="Europe/Berlin")  # an hour missing on an ordinary night
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 2 and warned[0].startswith("1 row is missing from the 'h' calendar (first: 2024-03-31 02:00)")
    assert warned[0].endswith("; this looks like local time across a daylight-saving change (2024-03-31 02:00 does "
                              "not exist in Europe/Berlin); give its zone to read it (tz=, --tz)")
    assert "daylight" not in warned[1]


def test_the_first_gap_a_clock_change_explains_is_named_after_ordinary_gaps_in_other_series(caplog, monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)  # the common zones only, whatever this machine's
    hours = pd.date_range("2024-03-09", "2024-03-12", freq="h")
    a = pd.DataFrame({"id": "a", "ds": hours.delete([3, 4]), "y": 1.0})  # an ordinary night: no zone skips it
    b = pd.DataFrame({"id": "b", "ds": hours[hours != pd.Timestamp("2024-03-10 02:00")], "y": 2.0})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(pd.concat([a, b]), "y", id_col="id")
    (warned,) = [r.getMessage() for r in caplog.records]
    assert warned.startswith("3 rows are missing from the 'h' calendar in 2 series (series 'a': 2 rows, one run, "
                             "2024-03-09 03:00:00 to 2024-03-09 04:00:00; series 'b': 1 row at 2024-03-10 02:00:00)")
    assert "(2024-03-10 02:00:00 does not exist in America/New_York, America/Chicago, America/Denver, " \
           "America/Los_Angeles); give its zone to read it (tz=, --tz)" in warned


def test_a_short_file_of_some_weekdays_is_told_the_week_mask_in_the_gap_warning(caplog):
    days = pd.date_range("2024-03-03", periods=20, freq="D")  # under four weeks: too few to infer the week
    days = days[days.day_of_week.isin([6, 0, 1, 2, 3])]  # Sunday to Thursday
    frame = pd.DataFrame({"ds": days, "y": np.sin(np.arange(len(days)) / 3.0)})
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame)
    assert panel.calendar.freq == to_offset("D")
    assert "give freq='Sun Mon Tue Wed Thu'" in _warnings(caplog)[0]


def test_gaps_on_days_that_also_hold_rows_are_not_called_a_week(caplog):
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(_daily_with_gaps())
    assert "give freq='" not in _warnings(caplog)[0]


def test_a_missing_row_names_its_series_by_its_id_as_given(caplog):
    t = pd.date_range("2021-01-01", periods=30)
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 30), "ds": np.concatenate([t, t]), "y": np.arange(60.0)})
    with caplog.at_level("WARNING", logger="rnncast.gaps"):
        load_panel(frame.drop(index=[40]))
    assert "(first: series 102 at 2021-01-11)" in caplog.text  # not '102'


def test_data_on_a_coarser_calendar_than_the_one_given_is_refused_naming_both(caplog):
    """A weekly file on a daily model's calendar was forecast as if its weeks were days, with only a gap warning; an
    hourly model read a daily file alike. Rows most of whose steps skip the calendar's keep a coarser one."""
    weekly = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=30, freq="W"), "y": np.arange(30.0)})
    with pytest.raises(RnncastError, match=r"the data's rows are most often 7 days apart \(29 of its 29 steps\) and keep "
                                           r"the calendar 'W-SUN', but the calendar read is 'D'.*give freq= \(--freq\) the data's own calendar"):
        load_panel(weekly, "y", freq="D")
    daily = pd.DataFrame({"unique_id": ["a"] * 30 + ["b"] * 30, "date": np.tile(pd.date_range("2020-01-01", periods=30,
                                                                                                freq="D"), 2), "y": 1.0})
    hourly = pd.concat([daily.iloc[:30].assign(date=pd.date_range("2020-01-01", periods=30, freq="h")), daily.iloc[30:]])
    with pytest.raises(RnncastError, match=r"the rows of series 'b' are most often 1 day apart \(29 of its 29 steps\) and "
                                           r"keep the calendar 'D', but the calendar read is 'h'"):
        load_panel(hourly, "y", freq="h")
    assert load_panel(weekly, "y", freq="D", fill_gaps=True, fill="ffill").n_series == 1  # asked to insert the days
    few = weekly.assign(date=pd.date_range("2020-01-01", periods=30, freq="D")).drop([5, 6, 20])
    with caplog.at_level(logging.WARNING):
        assert len(load_panel(few, "y", freq="D").time) == 27  # a few rows missing: warned of, as before
    assert any("3 rows are missing" in m for m in _warnings(caplog))


def test_integer_steps_of_3_and_4_keep_no_coarser_calendar_so_predict_reads_them_as_fit_did(tmp_path, caplog, capsys):
    """Steps of 3 and 4 keep no calendar coarser than 1 (their greatest common divisor): fit read them on 1 with rows
    missing, and predict on the same file refused them as "most often 4 steps of it apart"; fit's warning called the
    jump from 3 to 7 "3 steps of the calendar apart" (decision 594)."""
    from rnncast.cli import main

    steps = np.cumsum([3, 4] * 60)
    frame = pd.DataFrame({"step": steps, "y": np.sin(np.arange(120) / 4) * 10 + 50})
    frame.to_csv(tmp_path / "d.csv", index=False)
    with caplog.at_level(logging.WARNING):
        assert load_panel(frame, "y", time_col="step").n_series == 1
    assert any("jump from 3 (row 0) to 7 (row 1), 4 steps of the calendar apart (3 rows missing between them)" in m
               for m in _warnings(caplog))
    assert load_panel(frame, "y", time_col="step", freq=1).n_series == 1  # the model's calendar, given at predict
    with pytest.raises(RnncastError, match=r"most often 7 steps of it apart"):  # every step a multiple of 7: coarser
        load_panel(frame.assign(step=np.arange(120) * 7), "y", time_col="step", freq=1)
    args = ["--target", "y", "--lookback", "8", "--horizon", "3", "--epochs", "1", "--hidden-size", "4", "--threads", "1"]
    assert main(["fit", str(tmp_path / "d.csv"), *args, "--out", str(tmp_path / "run")]) == 0
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "d.csv")]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("421,")


def test_freq_given_at_fit_reads_a_daily_series_with_most_days_missing_as_inference_does(caplog):
    """freq='D' refused the days it would infer itself as 'D' (more of their steps skipping a day than not)."""
    days = np.sort(np.random.default_rng(1).choice(np.arange(400), 150, replace=False))
    frame = pd.DataFrame({"date": pd.Timestamp("2020-01-01") + pd.to_timedelta(days, "D"), "y": np.arange(150.0)})
    with caplog.at_level(logging.WARNING):
        given = load_panel(frame, "y", freq="D")
    assert given.calendar.shown == load_panel(frame, "y").calendar.shown == "'D'" and len(given.time) == 150
    assert any("247 rows are missing from the 'D' calendar" in m for m in _warnings(caplog))


def test_bars_missing_only_at_the_end_of_a_few_days_name_the_set_whose_half_days_they_are(caplog):
    """Hourly bars ending 12:30 on 2024-07-03 (NYSE's early close) read without holidays=: the warning offered only
    fill_gaps, which made three bars of a closed market."""
    days = pd.date_range("2024-05-01", "2024-11-27", freq=holidaysets.offset("NYSE"))
    bars = pd.DatetimeIndex([d + pd.Timedelta(hours=9, minutes=30) + pd.Timedelta(hours=k) for d in days
                             for k in range(7) if not (d == pd.Timestamp("2024-07-03") and k > 3)])
    frame = pd.DataFrame({"ts": bars, "y": np.sin(np.arange(len(bars)) / 5.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="y")
    said = next(w for w in _warnings(caplog) if "rows are missing" in w)
    assert "the rows missing are only the last bars of 2024-07-03, sessions that closed early" in said
    assert "give holidays='NYSE' (--holidays NYSE)" in said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="y", fill_gaps=True, fill="ffill")
    assert any(w.startswith("fill_gaps made bars a market may never have traded") for w in _warnings(caplog))


def test_half_days_kept_by_one_series_and_traded_whole_by_another_say_what_differs_not_give_the_set(caplog):
    """--holidays NYSE given to SPY's bars (closing 13:00 on 2024-11-29 and 12-24) beside OTC's whole sessions: told
    "give holidays='NYSE' (--holidays NYSE), whose half days these are", what was given. It says which series closed
    early and which traded whole, and that a panel keeps one close per half day (decision 941)."""
    days = pd.date_range("2024-10-01", "2024-12-31", freq=holidaysets.offset("NYSE"))

    def bars(half: bool) -> pd.DatetimeIndex:
        short = {"2024-11-29", "2024-12-24"} if half else set()
        return pd.DatetimeIndex([d + pd.Timedelta(minutes=570 + 30 * k) for d in days
                                 for k in range(7 if d.strftime("%Y-%m-%d") in short else 13)])

    spy, otc = bars(True), bars(False)
    frame = pd.concat([pd.DataFrame({"id": "SPY", "ds": spy, "y": np.sin(np.arange(len(spy)) / 7.0)}),
                       pd.DataFrame({"id": "OTC", "ds": otc, "y": np.cos(np.arange(len(otc)) / 7.0)})])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="y", id_col="id", holidays="NYSE")
    said = [r.getMessage() for r in caplog.records if "rows are missing" in r.getMessage()]
    assert len(said) == 1 and "give holidays='NYSE'" not in said[0], said
    assert ("the rows missing are only the last bars of 2024-11-29, 2024-12-24, NYSE's half days, which the calendar "
            "(NYSE's, as given or found) reads as whole sessions because series 'SPY' closed early on them and 'OTC' "
            "traded them whole; a panel keeps one close per half day: fit the series that close early apart from "
            "those that trade them whole, each with holidays='NYSE' (--holidays NYSE)") in said[0]


def test_half_days_name_each_series_that_traded_them_whole_and_none_that_holds_no_half_day(caplog):
    """The series traded whole are found in one pass over the rows (decision 996): named in id order, 'A' and 'D'
    beside 'C', which closed early; 'B', whose rows end before the half days, is neither; zoned times alike."""
    days = pd.date_range("2024-10-01", "2024-12-31", freq=holidaysets.offset("NYSE"))

    def bars(half: bool, until: str = "2024-12-31") -> pd.DatetimeIndex:
        short = {"2024-11-29", "2024-12-24"} if half else set()
        return pd.DatetimeIndex([d + pd.Timedelta(minutes=570 + 30 * k) for d in days[days <= until]
                                 for k in range(7 if d.strftime("%Y-%m-%d") in short else 13)])

    parts = {"D": bars(False), "C": bars(True), "B": bars(False, "2024-11-15"), "A": bars(False)}
    frame = pd.concat([pd.DataFrame({"id": k, "ds": t, "y": np.sin(np.arange(len(t)) / 7.0)}) for k, t in parts.items()])
    for given in ({}, {"tz": "America/New_York"}):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            load_panel(frame, target="y", id_col="id", holidays="NYSE", **given)
        said = next(w for w in _warnings(caplog) if "rows are missing" in w)
        assert "because series 'C' closed early on them and 'A' and 'D' traded them whole" in said, said


def test_chinas_working_days_with_make_up_weekends_are_named_in_the_gap_warning(caplog):
    """Decision 1474: a series of China's working days (weekdays without CN holidays, plus the make-up Saturdays and
    Sundays) was read on the daily calendar, its weekends "missing", with "give freq= if the calendar is another",
    which no freq describes."""
    import holidays

    china = holidays.CN(years=[2023, 2024])
    days = pd.bdate_range("2023-01-03", "2024-06-28")
    days = days[~days.isin(pd.to_datetime(sorted(china)))].union(
        pd.to_datetime([d for d in china.weekend_workdays if pd.Timestamp("2023-01-03") <= pd.Timestamp(d)
                        <= pd.Timestamp("2024-06-28")]))
    frame = pd.DataFrame({"ds": days, "y": np.sin(np.arange(len(days)) / 4.0)})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, target="y")
    said = next(w for w in _warnings(caplog) if "missing from the 'D' calendar" in w)
    assert "the data keeps China's official working days" in said and "(调休: 2023-01-28, 2023-01-29" in said

@pytest.mark.parametrize("step", ["5min", "1min", "10s"])
def test_the_hour_a_spring_clock_skips_is_said_whatever_the_step(step, caplog):
    """t31t1: naive Berlin time across 2024-03-31 lost 02:00-02:59; at 15 minutes (4 rows) the gap warning said
    "this looks like local time across a daylight-saving change", at 5 minutes, 1 minute or 10 seconds (12, 60, 360
    rows) it suggested only --fill-gaps, which would insert times that do not exist. A gap of one hour exactly is
    weighed as a clock change whatever its rows (decision 1499); an hour missing on another night is not one."""
    n = int(pd.Timedelta("4h") / pd.Timedelta(step))
    utc = pd.date_range("2024-03-30 23:00", periods=n, freq=step, tz="UTC").tz_convert("Europe/Berlin")
    frame = pd.DataFrame({"timestamp": utc.tz_localize(None), "y": np.sin(np.arange(n) / 20)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "missing from" in r.getMessage()]
    assert len(said) == 1 and said[0].endswith("this looks like local time across a daylight-saving change "
                                               "(2024-03-31 02:00:00 does not exist in Europe/Berlin); give its zone "
                                               "to read it (tz=, --tz)"), said
    other = frame.assign(timestamp=frame["timestamp"] - pd.Timedelta("10D"))  # 21 March: no clock changes then
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(other, target="y")
    said = [r.getMessage() for r in caplog.records if "missing from" in r.getMessage()]
    assert len(said) == 1 and "daylight-saving" not in said[0], said


def _weekly(freq: str, start: str, periods: int, skipped: list[str]) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    time = pd.date_range(start, periods=periods, freq=freq)
    frame = pd.DataFrame({"date": time, "y": rng.poisson(100, periods).astype(float)})
    return frame[~frame["date"].isin(pd.to_datetime(skipped))]


def test_one_missing_week_on_one_market_holiday_is_hedged_not_called_that_market_s_holidays(caplog):
    """t33t1: weekly flu counts missing 2015-12-28 (a week label's gap) were told "all 19 missing rows are on LSE
    holidays", a guess from one date stated as a fact (decision 1610)."""
    with caplog.at_level(logging.WARNING):
        load_panel(_weekly("W-MON", "2015-06-01", 60, ["2015-12-28"]), target="y", time_col="date")
    said = next(m for m in _warnings(caplog) if "missing from the 'W-MON' calendar" in m)
    assert "the missing row is on one date, 2015-12-28, a holiday of " in said
    assert "that may be why, but one date is too few to tell" in said and "holidays (weeks the data skips" not in said


def test_weeks_missing_on_several_holidays_of_one_market_are_still_said_to_be_its_holidays(caplog):
    good_fridays = ["2019-04-19", "2020-04-10", "2021-04-02"]
    with caplog.at_level(logging.WARNING):
        load_panel(_weekly("W-FRI", "2019-01-04", 150, good_fridays), target="y", time_col="date")
    said = next(m for m in _warnings(caplog) if "missing from the 'W-FRI' calendar" in m)
    assert "all 3 missing rows are on " in said and " holidays (weeks the data skips where the market closed" in said


def test_a_panels_missing_rows_are_said_by_series_the_longest_run_first(caplog):
    """A planner's ward C closed 59 days was hidden behind ward B's three single days, which came first in row order:
    "first: series 'B' at 2025-11-20, ..." (t36t2, decision 1893); the fill count said the same."""
    days = pd.date_range("2025-11-01", periods=150, freq="D")
    b = pd.DataFrame({"ward": "B", "ds": days.delete([5, 40, 90]), "y": 1.0})
    c = pd.DataFrame({"ward": "C", "ds": days[(days < "2026-01-01") | (days >= "2026-03-01")], "y": 2.0})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(pd.concat([b, c]), "y", id_col="ward")
        load_panel(pd.concat([b, c]), "y", id_col="ward", fill_gaps=True, fill="ffill")
    warned = [r.getMessage() for r in caplog.records]
    assert warned[0].startswith("62 rows are missing from the 'D' calendar in 2 series (series 'C': 59 rows, one run, "
                                "2026-01-01 to 2026-02-28; series 'B': 3 rows in 3 runs of 1 row, the first at "
                                "2025-11-06); ")
    assert warned[1] == ("fill_gaps inserted 62 missing rows (series 'C': 59 rows, one run, 2026-01-01 to 2026-02-28; "
                         "series 'B': 3 rows in 3 runs of 1 row, the first at 2025-11-06)")


def test_rows_missing_on_englands_holidays_with_holidays_gb_name_the_subdivision(caplog):
    """--holidays GB keeps only the holidays every subdivision of GB keeps: a London series' rows missing on Easter
    Monday and the late-summer bank holiday were four gaps with no word of why; the warning names GB-ENG and LSE
    (decision 1984)."""
    days = pd.date_range("2023-01-02", "2024-12-31", freq=holidaysets.offset("GB-ENG"))
    frame = pd.DataFrame({"ds": days, "y": np.sin(np.arange(len(days)) / 5.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, holidays="GB")
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith("4 rows are missing from the 'B' without GB holidays calendar"), said
    assert "every holiday GB-ENG and GB-WLS keep that GB lacks" in said[0] and "(--holidays LSE)" in said[0]
    assert "2023-04-10 (Easter Monday)" in said[0] and "fill_gaps=True (--fill-gaps) inserts true gaps" in said[0]

def test_rows_missing_on_a_markets_own_closures_with_its_countrys_holidays_name_the_market(caplog):
    """--holidays JP on Tokyo exchange days: the rows missing are JPX's own closures (2021-12-31, 2022-01-03), which
    the warning named no set for, though rnncast finds JPX without holidays=; now it names JPX (decision 2046)."""
    jpx = holidaysets.weekday_holidays("JPX", 2021, 2023)
    days = pd.bdate_range("2021-10-01", "2023-03-31")
    days = days[~np.isin(days.values.astype("datetime64[D]"), jpx)]
    frame = pd.DataFrame({"ds": days, "y": np.sin(np.arange(len(days)) / 5.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, holidays="JP")
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith("3 rows are missing from the 'B' without JP holidays calendar"), said
    assert "all 3 are JPX holidays (2021-12-31 (Bank Holiday)" in said[0] and "give holidays='JPX' (--holidays JPX)" \
        in said[0] and "fill_gaps=True (--fill-gaps) inserts true gaps" in said[0], said


def _finer_later(n_hours: int = 500, n_halves: int = 600) -> pd.DataFrame:
    """t37t1 3's finer.csv: hourly for ``n_hours`` rows, then every 30 minutes on the exact grid."""
    hours = pd.date_range("2024-01-01", periods=n_hours, freq="h")
    time = hours.append(pd.date_range(hours[-1] + pd.Timedelta("1h"), periods=n_halves, freq="30min"))
    return pd.DataFrame({"date": time, "y": np.sin(np.arange(len(time)) / 5.0)})


def test_a_coarser_step_before_a_finer_one_is_named_as_the_change_not_as_rows_to_fill(caplog):
    """t37t1 3 (decision 1990): hourly, then every 30 min on an exact grid was told "500 rows are missing from the
    '30min' calendar" and offered fill_gaps, which made up every other value of the first 500 hours; the step change
    is now named where it happens, with resampling, and fill_gaps' made-up values are said."""
    frame = _finer_later()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame)
    gaps = [w for w in _warnings(caplog) if "missing from the '30min' calendar" in w]
    assert len(gaps) == 1 and gaps[0].startswith("500 rows are missing")
    assert ("; the step changes from 1 h to 30 min at 2024-01-21 20:00:00 (row 500), and each row missing from the "
            "calendar lies before it, between two rows of the coarser step (a step changed, not values lost): one "
            "calendar keeps one step, so resample it to the coarser") in gaps[0]
    assert "--fill-gaps" not in gaps[0]  # every missing row is the coarser step's: no fill offered
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, fill_gaps=True, fill="interpolate")
    assert any(w.startswith("fill_gaps made up values between the rows of a coarser step: the step changes from 1 h")
               for w in _warnings(caplog))


def test_a_panel_whose_other_series_lacks_rows_keeps_the_fill_advice_beside_the_step_change(caplog):
    a = _finer_later().assign(id="A")
    b = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=1100, freq="30min").delete([100, 200, 300])})
    b = b.assign(y=np.cos(np.arange(len(b)) / 5.0), id="B")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(pd.concat([a, b]), id_col="id")
    gaps = [w for w in _warnings(caplog) if "missing from the '30min' calendar" in w]
    assert len(gaps) == 1 and "(series 'A' at row 500), and each row missing from the calendar in that series" in gaps[0]
    assert gaps[0].count("the step changes") == 1 and "--fill-gaps" in gaps[0]  # B's 3 rows are rows lost
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(pd.concat([b.assign(id="C"), b]), id_col="id")  # rows lost alone: no step change said
    assert not any("step changes" in w for w in _warnings(caplog))



def test_zero_fill_of_data_missing_rows_is_refused_naming_fill_gaps_which_writes_the_zeros(tmp_path, caplog, capsys):
    """t39t2 5: a till export without its zero-sale days, fitted with fill='zero' alone, wrote no 0: the gap warning
    said "fill_gaps=True (--fill-gaps) inserts them", and fit trained on the rows as given, days apart read as
    consecutive steps (decision 2116)."""
    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.cli import main

    rng = np.random.default_rng(3)
    days = pd.date_range("2015-01-01", periods=90, freq="D")
    full = pd.concat([pd.DataFrame({"item": item, "date": days, "sales": rng.poisson(lam, 90)})
                      for item, lam in (("A", 3.0), ("B", 1.0))], ignore_index=True)
    sparse = full[full.sales > 0].reset_index(drop=True)  # the days without a sale left out
    with pytest.raises(RnncastError, match=r"^\d+ rows are missing from the 'D' calendar in 2 series \(.*\); "
                       r"fill='zero' \(--fill zero\) writes 0 in the blank values of the rows given, and without the "
                       r"rows missing those either side of each gap would be read as consecutive steps: fill_gaps=True "
                       r"\(--fill-gaps\) inserts them for fill='zero' to write 0 in \(no sale: what fill='zero' says "
                       r"an absent row is\), or give freq= \(--freq\) if the calendar is another$"):
        load_panel(sparse, "sales", id_col="item", fill="zero")
    with pytest.raises(RnncastError, match=r"fill_gaps=True \(--fill-gaps\) inserts them"):  # the API: no training
        Forecaster(**TINY, fill="zero").fit(sparse, target="sales", id_col="item")
    sparse.to_csv(tmp_path / "till.csv", index=False)
    assert main(["fit", str(tmp_path / "till.csv"), "--id-col", "item", "--target", "sales", "--fill", "zero",
                 "--out", str(tmp_path / "run")]) == 2
    assert "inserts them for fill='zero' to write 0 in" in capsys.readouterr().err and not (tmp_path / "run").exists()
    panel = load_panel(sparse, "sales", id_col="item", fill="zero", fill_gaps=True)
    for s, item in enumerate(["A", "B"]):  # every day from the first sale to the panel's last: the absent ones 0
        mine = full[(full.item == item) & (full.date >= sparse.date[sparse.item == item].min())
                    & (full.date <= sparse.date.max())]
        assert panel.values[panel.offsets[s]: panel.offsets[s + 1], 0].tolist() == mine.sales.astype(float).tolist()
    with caplog.at_level(logging.WARNING, logger="rnncast"):  # ffill's: warned of, as before
        load_panel(sparse, "sales", id_col="item", fill="ffill")
    assert any("fill_gaps=True (--fill-gaps) inserts them for fill= (--fill) to fill" in w for w in _warnings(caplog))


def test_one_series_missing_one_run_of_hours_says_the_run(caplog):
    frame = make_frame(n=60, freq="h")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame.drop(index=[20, 21, 22]), target="y")  # decision 2245
    assert "3 rows are missing from the 'h' calendar (one run, 2024-01-01 20:00:00 to 2024-01-01 22:00:00)" in caplog.text

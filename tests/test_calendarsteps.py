"""``calendarsteps``: a backtest's step as calendar time ('1D', '7D'), each cutoff at the same local wall-clock
time across daylight saving in Berlin and New York (a calendar day of 23 or 25 hours), refused by name where a
cutoff it gives falls between the data's steps or in an hour the clocks repeat, or where rows are counted; and the
warning for a step in rows whose cutoffs move on the local clock."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.calendarsteps import read
from test_cli import cli

SETTINGS = {**TINY, "epochs": 1, "lookback": 6, "horizon": 4}


def _frame(zone: str | None, start: str, periods: int, freq: str = "h") -> pd.DataFrame:
    time = pd.date_range(start, periods=periods, freq=freq, tz=zone)
    return pd.DataFrame({"time": time, "y": np.sin(np.arange(periods) / 4.0)})


def _cutoffs(frame: pd.DataFrame, step, cutoff: str, n_windows: int = 5, **kw) -> list[pd.Timestamp]:
    bt = Forecaster(**{**SETTINGS, "cutoff": cutoff, **kw}).backtest(frame, n_windows=n_windows, step=step, target="y")
    return [pd.Timestamp(t) for t in pd.unique(bt.forecasts["cutoff"])]


@pytest.mark.parametrize("zone, cutoff", [("Europe/Berlin", "2024-10-24 10:00"), ("Europe/Berlin", "2024-03-28 10:00"),
                                          ("America/New_York", "2024-10-31 10:00"),
                                          ("America/New_York", "2024-03-07 10:00")])
def test_a_calendar_day_keeps_every_cutoff_at_the_same_local_time_across_a_change(zone, cutoff):
    """--step 24 cut a Berlin desk's 10:00 at 09:00+01:00 after the autumn change; '1D' is 25 hours there, 23 in spring."""
    frame = _frame(zone, pd.Timestamp(cutoff) - pd.Timedelta(days=12), 24 * 20)
    cuts = _cutoffs(frame, "1D", cutoff)
    assert [f"{t:%H:%M}" for t in cuts] == ["10:00"] * 5
    hours = {int((b - a) / pd.Timedelta(hours=1)) for a, b in zip(cuts, cuts[1:])}
    assert 24 in hours and hours - {24} in ({23}, {25})  # one calendar day across the change is not 24 hours


def test_a_step_in_rows_keeps_its_meaning_and_warns_once_naming_the_first_moved_cutoff(caplog):
    frame = _frame("Europe/Berlin", "2024-10-12", 24 * 20)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        cuts = _cutoffs(frame, 24, "2024-10-24 10:00")
    assert [t.isoformat() for t in cuts[2:4]] == ["2024-10-26T10:00:00+02:00", "2024-10-27T09:00:00+01:00"]
    said = [r.getMessage() for r in caplog.records if "move on the local clock" in r.getMessage()]
    assert said == ["the cutoffs 24 steps apart move on the local clock of Europe/Berlin, which changes for daylight "
                    "saving: the first is at 10:00, the cutoff of window 3 at 09:00 (2024-10-27T09:00:00+01:00); to "
                    "keep every cutoff at the same local time, step by calendar time (step='1D', --step 1D)"]


def test_no_warning_where_the_clock_does_not_move(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _cutoffs(_frame("Europe/Berlin", "2024-06-01", 24 * 20), 24, "2024-06-10 10:00")  # summer throughout
        _cutoffs(_frame(None, "2024-10-12", 24 * 20), 24, "2024-10-24 10:00")  # naive: no zone's clock
    assert not [r for r in caplog.records if "move on the local clock" in r.getMessage()]


def test_a_calendar_day_on_quarter_hours_and_on_naive_times_and_a_week():
    quarter = _frame("Europe/Berlin", "2024-10-20", 96 * 10, "15min")
    assert [f"{t:%H:%M}" for t in _cutoffs(quarter, "1D", "2024-10-24 10:00", 4)] == ["10:00"] * 4
    naive = _cutoffs(_frame(None, "2024-10-12", 24 * 20), "1D", "2024-10-24 10:00")
    assert all(b - a == pd.Timedelta(days=1) for a, b in zip(naive, naive[1:]))
    weeks = _cutoffs(_frame("Europe/Berlin", "2024-10-01", 24 * 40), "7D", "2024-10-14 10:00", 3)
    assert [t.isoformat() for t in weeks] == ["2024-10-14T10:00:00+02:00", "2024-10-21T10:00:00+02:00",
                                              "2024-10-28T10:00:00+01:00"]


def test_without_a_cutoff_the_calendar_cutoffs_count_back_from_the_end():
    frame = _frame("Europe/Berlin", "2024-10-12 00:00", 24 * 18 + 12)  # ends 2024-10-30 10:00+01:00, horizon 4
    cuts = Forecaster(**SETTINGS).backtest(frame, n_windows=4, step="1D", target="y").forecasts["cutoff"]
    assert [f"{pd.Timestamp(t):%d %H:%M}" for t in pd.unique(cuts)] == ["27 06:00", "28 06:00", "29 06:00", "30 06:00"]


def test_a_span_the_data_steps_do_not_divide_is_refused_naming_the_cutoff():
    with pytest.raises(RnncastError, match=r"^step='90min' \(--step\) is not a whole number of the data's steps here: "
                                           r"the cutoff of window 1, 2024-06-10T11:30:00\+02:00, falls between"):
        _cutoffs(_frame("Europe/Berlin", "2024-06-01", 24 * 20), "90min", "2024-06-10 10:00")
    two_hours = _frame("Europe/Berlin", "2024-10-20 00:00", 12 * 12, "2h")  # even hours of UTC: 10:00+02:00, 09:00+01:00
    with pytest.raises(RnncastError, match=r"the cutoff of window 3, 2024-10-27T10:00:00\+01:00, falls between its times "
                                           r"2024-10-27T09:00:00\+01:00 and 2024-10-27T11:00:00\+01:00"):
        _cutoffs(two_hours, "1D", "2024-10-24 10:00", 4)


def test_a_cutoff_in_the_hour_the_clocks_repeat_is_refused():
    with pytest.raises(RnncastError, match=r"^step='1D' \(--step\) puts the cutoff of window 1 at 2024-10-27 02:00, which "
                                           r"the clocks of Europe/Berlin repeat or skip"):
        _cutoffs(_frame("Europe/Berlin", "2024-10-15", 24 * 20), "1D", "2024-10-26 02:00", 3)


@pytest.mark.parametrize("step, why", [("abc", "is neither a whole number"), ("0D", "a span must be positive"),
                                       ("1SME", "weeks or months ('1W', '2M', '1Q') on data of such steps")])
def test_a_step_of_no_fixed_span_is_refused_by_name(step, why):
    with pytest.raises(RnncastError, match=rf"^step={step!r} \(--step\) is neither a whole number") as err:
        read(step)
    assert why in str(err.value)
    assert read("24") == 24 and read(24) == 24 and read(" 1D ") == pd.offsets.Day(1)
    assert read("2B") == pd.offsets.BDay(2)  # business days: steps of business-day data (decision 2113)


def test_a_fractional_step_on_whole_number_times_offers_no_span_and_reads_neither_nor():
    """t30t9: --step 1.5 on times 10, 20, ... advised '1D' and '7D' (refused there) and said "neither ... or"."""
    frame = pd.DataFrame({"step": np.arange(10, 610, 10), "y": np.sin(np.arange(60) / 3.0)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).backtest(frame, target="y", time_col="step", n_windows=2, step="1.5")
    said = str(err.value)
    assert "its times are whole numbers, counted in steps: give step as a whole number" in said and "'1D'" not in said
    with pytest.raises(RnncastError, match="is neither a whole number of the data's steps nor a span"):
        read("1.5")


@pytest.mark.parametrize("freq, step, steps", [("W-SUN", "7D", 1), ("W-SUN", "1W", 1), ("W-SUN", "14D", 2),
                                               ("W-MON", "2W", 2), ("ME", "2M", 2), ("ME", "2MS", 2), ("MS", "2ME", 2),
                                               ("ME", "1Q", 3), ("QE-DEC", "1Q", 1), ("QS-JAN", "6M", 2)])
def test_a_span_of_whole_weeks_or_months_on_weekly_or_monthly_data_is_that_many_steps(freq, step, steps, caplog):
    """'--step 7D' on W-SUN data was refused as "no fixed step" (a week is 7 days), '1W' and '2M' as "no fixed
    length": a span that is a whole number of the data's steps is now read as that number, said in one line."""
    frame = _frame(None, "2015-01-04", 60, freq)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        bt = Forecaster(**SETTINGS).backtest(frame, n_windows=3, step=step, target="y")
    dates = pd.DatetimeIndex(frame.time)
    cuts = [dates.get_loc(pd.Timestamp(t)) for t in pd.unique(bt.forecasts["cutoff"])]
    assert np.diff(cuts).tolist() == [steps, steps]
    assert f"step {step!r} (--step) read as {steps} step{'s' if steps > 1 else ''} of the data's calendar" in caplog.text


@pytest.mark.parametrize("freq, step, said", [("W-SUN", "10D", "('W-SUN', 7 days each); give step as a whole number "
                                               "of its steps (--step 1 for 7 days, --step 2 for twice that)"),
                                              ("ME", "5W", "('ME', 1 month each)"), ("QE-DEC", "2M", "3 months each"),
                                              ("h", "1ME", "steps by fixed time; give a span such as '7D' or '30D'")])
def test_a_span_of_no_whole_number_of_steps_is_refused_naming_the_steps_that_would_do(freq, step, said):
    with pytest.raises(RnncastError, match=rf"^step={step!r} \(--step\) ") as err:
        Forecaster(**SETTINGS).backtest(_frame(None, "2015-01-04", 60, freq), n_windows=2, step=step, target="y")
    assert said in str(err.value)


@pytest.mark.parametrize("zone, freq, periods, step, cutoff, days", [
    (None, "D", 120, "2W", "2015-02-10", 14), (None, "D", 120, "1W-MON", "2015-02-12", 7),
    ("Europe/Berlin", "h", 24 * 40, "1W", "2024-10-14 10:00", 7)])
def test_a_span_of_weeks_on_a_calendar_of_fixed_steps_is_its_days(zone, freq, periods, step, cutoff, days, caplog):
    """'2W' on a daily calendar was refused as "a span of weeks or months", though two weeks are exactly 14 days; an
    anchored week ('1W-MON') is its 7 days from each cutoff, not a roll to the next Monday; on an hourly clock with
    daylight saving a week is 7 calendar days, as '7D' is there, every cutoff at 10:00 local time (decision 1555)."""
    frame = _frame(zone, "2015-01-04" if zone is None else "2024-10-01", periods, freq)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        cuts = _cutoffs(frame, step, cutoff, 3)
    assert cuts == _cutoffs(frame, f"{days}D", cutoff, 3)  # the same windows as the days
    assert [b.tz_localize(None) - a.tz_localize(None) for a, b in zip(cuts, cuts[1:])] == [pd.Timedelta(days=days)] * 2
    assert (f"step {step!r} (--step) read as '{days}D' on the data's calendar" in caplog.text
            and f"each cutoff {days} days after the one before, on the series' own clock, whatever its weekday"
            in caplog.text)


def test_months_on_a_calendar_of_fixed_steps_are_still_refused():
    with pytest.raises(RnncastError, match=r"^step='2M' \(--step\) is a span of months \(quarters, years\), and the "
                                           r"data's calendar \('D'\) steps by fixed time; give a span such as '7D'"):
        Forecaster(**SETTINGS).backtest(_frame(None, "2015-01-04", 400, "D"), n_windows=2, step="2M", target="y")


def test_a_span_where_rows_are_counted_is_refused():
    frame = pd.DataFrame({"y": np.sin(np.arange(200) / 4.0)})
    with pytest.raises(RnncastError, match=r"step='1D' \(--step\) is a span of calendar time, and the data has no time "
                                           r"column; give step as a whole number of rows"):
        Forecaster(**SETTINGS).backtest(frame, n_windows=3, step="1D", target="y")


@pytest.mark.parametrize("step", ["7D", "1W", "2M", "30min"])
@pytest.mark.parametrize("cutoff", [None, "50"])
def test_a_span_on_whole_number_times_is_refused_in_one_line(capsys, tmp_path, step, cutoff):
    """A tester's --step 7D on a 'step' column 10, 20, ... raised AttributeError ('int' object has no attribute
    'freqstr'): whole-number times have no calendar to measure a span on, only steps to count."""
    frame = pd.DataFrame({"t": np.arange(10, 610, 10), "y": np.sin(np.arange(60) / 4.0)})
    said = (f"step={step!r} (--step) is a span of calendar time, and the data's times are whole numbers; give step as "
            "a whole number of its steps")
    with pytest.raises(RnncastError, match=f"^{re.escape(said)}$"):
        Forecaster(**{**SETTINGS, "cutoff": cutoff}).backtest(frame, n_windows=2, step=step, target="y", time_col="t")
    frame.to_csv(tmp_path / "ints.csv", index=False)
    code, out, err = cli(capsys, "backtest", tmp_path / "ints.csv", "--target", "y", "--time-col", "t", "--step", step,
                         "--out", tmp_path / "bt")
    assert code == 2 and err == f"rnncast: error: {said}\n", err
    assert not (tmp_path / "bt").exists()


def test_the_command_takes_a_span_and_refuses_bad_text_in_one_line(capsys, tmp_path):
    _frame("Europe/Berlin", "2024-10-12", 24 * 20).to_csv(tmp_path / "load.csv", index=False)
    code, out, err = cli(capsys, "backtest", tmp_path / "load.csv", "--target", "y", "--step", "1X", "--out",
                         tmp_path / "bt")
    assert code == 2 and err.count("\n") == 1 and "step='1X' (--step) is neither" in err, err
    code, out, err = cli(capsys, "backtest", tmp_path / "load.csv", "--target", "y", "--step", "1D", "--lookback", "6",
                         "--horizon", "4", "--epochs", "1", "--hidden-size", "8", "--device", "cpu", "--tz", "Europe/Berlin", "--cutoff",
                         "2024-10-24 10:00", "--n-windows", "5", "--out", tmp_path / "bt")
    assert code == 0, err
    cuts = pd.read_csv(tmp_path / "bt" / "forecasts.csv")["cutoff"].unique()
    assert [c[11:] for c in cuts] == ["10:00:00+02:00"] * 3 + ["10:00:00+01:00"] * 2
    assert "5 cutoffs &#x27;1D&#x27; apart" in (tmp_path / "bt" / "report.html").read_text()  # escaped


def test_one_targets_takes_a_number_of_steps_or_the_offset_read_once():
    """calendarsteps.targets re-read the step's text for every series and was a near copy of calendarcuts'
    own function for whole-number steps, counting every time at or before each cutoff (K * N): one function takes
    either, the offset as read, and finds each cutoff by bisection (by comparison where its unit is finer than the
    times')."""
    from rnncast import calendarsteps

    hours = pd.date_range("2024-03-28", periods=24 * 6, freq="h", tz="Europe/Berlin")
    stamps = lambda p: hours[p]  # noqa: E731
    steps = np.arange(len(hours))
    whole = calendarsteps.targets(steps, stamps, None, 3, 4, 24)
    assert whole.tolist() == [len(hours) - 3 - 24 * k for k in (3, 2, 1, 0)]  # a horizon before the end, back
    at = pd.Timestamp("2024-03-29 10:00", tz="Europe/Berlin")
    assert calendarsteps.targets(steps, stamps, at, 3, 3, 24).tolist() == [35, 59, 83]
    spanned = calendarsteps.targets(steps, stamps, at, 3, 3, read("1D"), "1D")  # 10:00 each day across the change
    assert [hours[t - 1].strftime("%m-%d %H:%M") for t in spanned] == ["03-29 10:00", "03-30 10:00", "03-31 10:00"]
    assert spanned.tolist() == [35, 59, 82]  # the 31st is 23 hours long
    seconds = pd.DatetimeIndex(hours.as_unit("s"))
    with pytest.raises(RnncastError, match=r"^step='90min' \(--step\) is not a whole number of the data's steps"):
        calendarsteps.targets(steps, lambda p: seconds[p], at, 3, 3, read("90min"), "90min")
    with pytest.raises(RnncastError, match=r"^step='1ms' .* window 1, 2024-03-29T10:00:00.001000\+01:00, falls between"):
        calendarsteps.targets(steps, lambda p: seconds[p], at, 3, 3, read("1ms"), "1ms")  # finer than the times


def _market(freq: str, start: str, periods: int) -> pd.DataFrame:
    from rnncast import businessmonths, holidaysets, tradingweeks

    offset = (holidaysets.offset("NYSE") if freq == "B" else businessmonths.offset("NYSE", *businessmonths.kind_of(freq))
              if freq == "BME" else tradingweeks.offset("NYSE", *tradingweeks.kind_of(freq)))
    return _frame(None, start, periods, offset)


@pytest.mark.parametrize("freq, step, said", [("B", "10D", "('B' without NYSE holidays) keeps 5 business days a week"),
                                              ("BME", "3D", "('BME' without NYSE holidays, 1 month each)"),
                                              ("W-FRI", "10D", "('W-FRI' without NYSE holidays, 7 days each)")])
def test_a_markets_calendar_is_named_as_every_line_names_it_and_counted_in_its_steps(freq, step, said, caplog):
    """A step on NYSE's business days, month ends or weeks named pandas' 'C' or 'CBME' ("not a whole number of the
    data's steps ('C', which have no fixed length)"), and '1M' on 'BME' without NYSE holidays, or '1W' on 'W-FRI'
    without them, was refused though it is one step (as on plain 'BME' and 'W-FRI'). '1W' on NYSE's business days is
    placed by date (decision 2113: tests/test_businesssteps.py); '10D' there is no whole number of weeks."""
    frame = _market(freq, "2021-01-04" if freq == "B" else "2015-01-01", 300 if freq == "B" else 60)
    with pytest.raises(RnncastError) as err:
        Forecaster(**SETTINGS, holidays="NYSE").backtest(frame, n_windows=3, step=step, target="y")
    assert said in str(err.value) and "'C" not in str(err.value)
    if freq != "B":
        with caplog.at_level(logging.INFO, logger="rnncast"):
            Forecaster(**SETTINGS, holidays="NYSE").backtest(frame, n_windows=3, step="1M" if freq == "BME" else "1W",
                                                             target="y")
        assert f"read as 1 step of the data's calendar '{freq}' without NYSE holidays" in caplog.text


def _session_bars(end: str) -> pd.DataFrame:
    """NYSE's hourly bars 09:30 to 15:30 (7 a session), to 12:30 on the half day 2024-11-29."""
    from rnncast import holidaysets

    days = pd.date_range("2024-09-03", end, freq=holidaysets.offset("NYSE"))
    time = pd.DatetimeIndex([d + pd.Timedelta(hours=h, minutes=30) for d in days for h in range(9, 16)
                             if not (f"{d:%m-%d}" == "11-29" and h >= 13)])
    return pd.DataFrame({"time": time, "y": np.sin(np.arange(len(time)) / 4.0)})


def test_a_day_on_a_sessions_bars_is_one_session_and_refused_by_name_across_a_half_day(caplog):
    """Decision 1616: '1D' was refused for every session ("... which have no fixed length"), without naming the bars
    a session keeps; a step of 7 bars moved the cutoffs from 15:30 to 12:30 after the half day, unsaid."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        cuts = _cutoffs(_session_bars("2024-11-27"), "1D", "2024-11-20 15:30", n_windows=3, holidays="NYSE")
    assert [f"{t:%Y-%m-%d %H:%M}" for t in cuts] == ["2024-11-20 15:30", "2024-11-21 15:30", "2024-11-22 15:30"]
    assert "step '1D' (--step) read as 7 steps of the data's calendar 'h 09:30-15:30' without NYSE holidays: one " \
           "session, each cutoff at the same bar of the next session" in caplog.text
    frame = _session_bars("2024-12-10")
    with pytest.raises(RnncastError, match=re.escape(
            "('h 09:30-15:30' without NYSE holidays, 7 bars a session) has sessions of fewer bars (2024-11-29: half "
            "days), so no number of bars keeps each cutoff at the same bar of a later session; give step as a whole "
            "number of bars (--step 7 for one session)")):
        _cutoffs(frame, "1D", "2024-11-26 15:30", holidays="NYSE")
    with pytest.raises(RnncastError, match=re.escape("give '1D' for one session, or step as a whole number of its bars "
                                                     "(--step 7 for one)")):
        _cutoffs(frame, "2h", "2024-11-26 15:30", holidays="NYSE")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        cuts = _cutoffs(frame, 7, "2024-11-26 15:30", n_windows=4, holidays="NYSE")
    assert [f"{t:%H:%M}" for t in cuts] == ["15:30", "15:30", "11:30", "11:30"]
    assert "the cutoffs 7 steps apart (one session of 7 bars) move on the clock after a half day, which keeps fewer " \
           "bars: the first is at 15:30, the cutoff of window 2 at 11:30 (2024-12-02 11:30:00)" in caplog.text


def _two_markets(afternoon_close: str) -> pd.DataFrame:
    days = pd.bdate_range("2024-09-02", periods=40)
    def bars(parts):
        return pd.DatetimeIndex([d + pd.Timedelta(t) for d in days for a, b in parts
                                 for t in pd.timedelta_range(a, b, freq="30min")])
    tokyo = bars([("09:00:00", "11:00:00"), ("12:30:00", "14:30:00")])  # 10 bars
    hong_kong = bars([("09:30:00", "11:30:00"), ("13:00:00", afternoon_close)])
    return pd.concat([pd.DataFrame({"id": "TKY", "time": tokyo, "y": np.sin(np.arange(len(tokyo)) / 3.0)}),
                      pd.DataFrame({"id": "HKG", "time": hong_kong, "y": np.cos(np.arange(len(hong_kong)) / 3.0)})])


def test_a_day_on_a_panel_of_sessions_of_different_lengths_is_refused_naming_them():
    """Decision 1683: '1D' on Tokyo's 10-bar sessions among Hong Kong's 11 was read as 11 bars for both, so Tokyo's
    cutoffs moved a bar on each session (10:30, 11:00, ...), unsaid."""
    settings = {**SETTINGS, "cutoff": "2024-10-23 15:30"}
    with pytest.raises(RnncastError, match=re.escape(
            "step='1D' (--step) is a span of sessions, but the panel's series keep sessions of different lengths: "
            "'HKG' ('30min 09:30-11:30 13:00-15:30', 11 bars), 'TKY' ('30min 09:00-11:00 12:30-14:30', 10 bars); a "
            "step is one number of bars for every series (11 for one session of '30min 09:30-11:30 13:00-15:30'), "
            "which is no whole session of each, so backtest each market's series apart (each with --step 1D)")):
        Forecaster(**settings).backtest(_two_markets("15:30:00"), n_windows=3, step="1D", target="y", id_col="id")
    numbered = _two_markets("15:30:00").replace({"id": {"HKG": 101, "TKY": 202}})  # r34r1 6 (decision 1744): ids
    with pytest.raises(RnncastError, match=re.escape(  # as given, 101 as every other message writes it, not '101'
            "different lengths: 101 ('30min 09:30-11:30 13:00-15:30', 11 bars), 202 ('30min 09:00-11:00 12:30-14:30', "
            "10 bars); a step")):
        Forecaster(**settings).backtest(numbered, n_windows=3, step="1D", target="y", id_col="id")
    bt = Forecaster(**SETTINGS).backtest(_two_markets("15:00:00"), n_windows=3, step="1D", target="y", id_col="id")
    cuts = bt.forecasts.groupby("id")["cutoff"].unique()  # sessions of 10 bars each: each series' own same bar
    assert [f"{pd.Timestamp(t):%H:%M}" for t in cuts["TKY"]] == ["12:30"] * 3
    assert [f"{pd.Timestamp(t):%H:%M}" for t in cuts["HKG"]] == ["13:00"] * 3


def test_a_day_on_weekdays_of_other_hours_is_refused_naming_each_weekdays_bars():
    """Decision 1786: on a call centre's 24 weekday bars and 8 Saturday ones '1D' is no number of bars; it was
    refused as "sessions of fewer bars (...: half days)"."""
    from test_sessions import _centre

    time = _centre()
    frame = pd.DataFrame({"time": time, "y": np.sin(np.arange(len(time)) / 4.0)})
    with pytest.raises(RnncastError, match=re.escape(
            "weekdays of the data's calendar ('30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat') keep different "
            "hours (08:00-19:30 Mon Tue Wed Thu Fri (24 bars), 09:00-12:30 Sat (8)), so no number of bars keeps each "
            "cutoff at the same bar of a later session; give step as a whole number of bars (--step 128 for a week, whose cutoffs move after a "
            "holiday or half day)")):
        _cutoffs(frame, "1D", "2024-02-20 12:00", n_windows=3)


@pytest.mark.parametrize("given, span", [(pd.Timedelta(days=30), "30D"), ("30 days", "30D"), ("30 Days", "30D"),
                                         ("1 day 06:00:00", "30h"), ("12 hours", "12h"), (np.timedelta64(7, "D"), "7D"),
                                         (pd.Timedelta(minutes=90), "90min")])
def test_a_time_delta_or_pandas_timedelta_text_is_read_as_its_span(given, span):
    """t37t7 4: step=pd.Timedelta(days=30) was "must be a positive integer", '30 days' (Prophet's period) "neither a
    whole number ... nor a span" (decision 2003)."""
    from rnncast.calendarsteps import as_span

    assert as_span(given) == span


def test_what_is_no_time_delta_is_left_to_read_and_a_delta_not_positive_is_refused():
    from rnncast.calendarsteps import as_span

    assert [as_span(s) for s in ("30D", "6h", "2W", "24", 24, None, "1 month")] == ["30D", "6h", "2W", "24", 24, None,
                                                                                     "1 month"]
    with pytest.raises(RnncastError, match=r"a span must be positive, such as '30D'"):
        as_span(pd.Timedelta(0))


def test_a_backtest_steps_by_a_timedelta_as_by_its_span():
    t = pd.date_range("2024-01-01", periods=60, freq="D")
    frame = pd.DataFrame({"ds": t, "y": np.sin(np.arange(60) / 3.0)})
    by_delta = Forecaster(**SETTINGS).backtest(frame, n_windows=2, step=pd.Timedelta(days=2))
    assert by_delta.metrics["step_span"] == "2D"
    assert sorted(set(by_delta.forecasts["cutoff"])) == sorted(set(
        Forecaster(**SETTINGS).backtest(frame, n_windows=2, step="2D").forecasts["cutoff"]))


def test_a_month_step_is_rolled_back_to_a_month_end_on_any_calendar_so_its_cutoffs_stay_apart():
    """r40-1 L11 asked to keep the month rollback to business days (``rolled`` given). Without it, a month end counted
    from 02-15 is 02-29 at both n = 0 (pandas rolls 0 * ME forward) and n = 1: two cutoffs on one day. The rollback
    makes the first cutoff the last month end at or before the cutoff given, on any calendar (decision 2170)."""
    from rnncast.calendarsteps import targets

    days = pd.date_range("2024-01-01", periods=120, freq="D")
    for rolled in (None, {}):
        found = targets(np.arange(120), lambda p: days[np.asarray(p)], pd.Timestamp("2024-02-15"), 3, 2,
                        pd.offsets.MonthEnd(1), "ME", rolled)
        assert [f"{days[i - 1]:%m-%d}" for i in found] == ["01-31", "02-29"]

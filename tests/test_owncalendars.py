"""The calendar a series keeps on its own, and the one rule fit and a model's readers apply to a calendar read on it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import calendars, calendarwalks
from rnncast.owncalendars import alone, common_step, others, skipping


def sparse_days(missing: float, n_days: int = 400, seed: int = 1) -> pd.DatetimeIndex:
    """Daily dates with a share ``missing`` of the days left out at random (the tester's file at 62 %)."""
    rng = np.random.default_rng(seed)
    kept = np.sort(rng.choice(np.arange(n_days), int(round(n_days * (1 - missing))), replace=False))
    return pd.DatetimeIndex(pd.Timestamp("2020-01-01") + pd.to_timedelta(kept, "D"))


def after_on(time: pd.DatetimeIndex, freq: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """codes, the steps missing after each row on calendar ``freq``, and the offsets of one series."""
    offsets = np.array([0, len(time)])
    ruler = calendarwalks.walk(time, offsets, calendars.Calendar("datetime", pd.tseries.frequencies.to_offset(freq)))
    return np.zeros(len(time), dtype=np.int64), calendars.missing_rows(ruler.steps, offsets), offsets


def test_a_daily_series_with_most_days_missing_keeps_the_daily_calendar_so_none_is_refused():
    """Fit infers 'D' for it; the rule a model's readers apply must then accept it on 'D' (it refused at 55 %)."""
    for share in (0.45, 0.55, 0.625, 0.8):
        time = sparse_days(share)
        codes, after, offsets = after_on(time, "D")
        assert alone(time)[0] == pd.offsets.Day()
        assert others(time, codes, after, offsets) == {}, share
    assert skipping(*after_on(sparse_days(0.625), "D")).all()  # most steps do skip a day: the old rule refused here


def test_a_weekly_file_on_a_daily_calendar_keeps_its_own_and_one_without_a_calendar_keeps_none():
    weekly = pd.date_range("2020-01-05", periods=30, freq="W-SUN")
    found = others(weekly, *after_on(weekly, "D"))
    assert list(found) == [0] and found[0][0] == pd.offsets.Week(weekday=6) and found[0][1].missing == 0
    moved = weekly.delete(15).insert(15, weekly[15] + pd.Timedelta(days=1))  # one row a day late: no calendar
    assert others(moved, *after_on(moved, "D")) == {0: None}


def test_the_common_step_is_the_most_common_one_counted_among_all_steps():
    """The refusal said '3 days apart (90 of its 149 steps)': 90 were the steps that were not 1 day, 23 were 3 days."""
    time = sparse_days(0.625)  # the tester's dates: 150 of 400 days
    assert (time.to_series().diff().dt.days.value_counts()[[1, 3]] == [59, 23]).all()
    assert common_step(time, None) == "1 day apart (59 of its 149 steps)"
    assert common_step(pd.date_range("2020-01-01", periods=4, freq="6h"), None) == "6h apart (3 of its 3 steps)"
    assert common_step(pd.Index([0, 3, 6, 7]), np.array([3, 3, 1])) == "3 steps of it apart (2 of its 3 steps)"


def test_a_coarser_freq_than_the_data_keeps_is_told_the_resample_line_that_makes_it(tmp_path):
    """t31t1: --freq 1min on 10-second data was told only to give freq=10s; a sensor user wanting per-minute forecasts
    learned nothing of aggregating. A calendar of whole steps of the data's (or of weeks, months ...) adds the pandas
    line that resamples one series to it; run as printed on the file read, the rows load on that calendar (decision
    1501). A freq that is no multiple (7 s) gets no such line."""
    import pytest

    from rnncast import RnncastError
    from rnncast.loading import load_panel
    from rnncast.owncalendars import coarser

    time = pd.date_range("2024-03-01 12:00", periods=600, freq="10s")
    pd.DataFrame({"timestamp": time, "temp": np.sin(np.arange(600) / 30)}).to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "s.csv", target="temp", freq="1min")
    message = str(err.value)
    line = message[message.index("df = "):message.index(" (.sum(")]
    assert line == ("df = df.set_index(pd.to_datetime(df['timestamp'])).drop(columns='timestamp').resample('min')"
                    ".mean(numeric_only=True).reset_index()"), message
    scope = {"df": pd.read_csv(tmp_path / "s.csv"), "pd": pd}
    exec(line, scope)
    panel = load_panel(scope["df"], target="temp", freq="1min")
    assert panel.calendar.shown == "'min'" and len(panel.values) == 100
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "s.csv", target="temp", freq="7s")
    assert "resample" not in str(err.value)
    assert coarser(pd.offsets.MonthBegin(), pd.offsets.Day()) and not coarser(pd.offsets.Day(), pd.offsets.Hour(5))


AGGREGATIONS = (".mean(numeric_only=True)", ".sum(numeric_only=True)", ".last()")


def _tables() -> dict:
    """A table of each shape the resample line is told for, with its roles: dates as text, as a CSV gives them."""
    time = pd.date_range("2024-03-01 12:00", periods=600, freq="10s")
    two, text = np.r_[time, time], np.r_[time, time].astype(str)
    return {
        "one series": (pd.DataFrame({"timestamp": time.astype(str), "temp": np.arange(600.0)}), {"target": "temp"}),
        "long": (pd.DataFrame({"timestamp": text, "unique_id": np.repeat([1, 2], 600), "temp": np.arange(1200.0)}),
                 {"target": "temp"}),
        "wide": (pd.DataFrame({"timestamp": time, "a": np.arange(600.0), "b": np.arange(600.0)}), {"series": ["a", "b"]}),
        "key": (pd.DataFrame({"time stamp": two, "item": np.repeat(["x", "y"], 600), "store": 1, "temp": np.arange(1200.0)}),
                {"target": "temp", "id_col": ["item", "store"], "time_col": "time stamp"}),
        "comma in one id": (pd.DataFrame({"timestamp": text, "store,region": np.repeat(["a,1", "b,2"], 600),
                                          "temp": np.arange(1200.0)}), {"target": "temp", "id_col": "store,region"}),
        "comma in a key": (pd.DataFrame({"timestamp": two, "store,region": "x", "item": np.repeat(["a", "b"], 600),
                                         "temp": np.arange(1200.0)}), {"target": "temp", "id_col": ["store,region", "item"]}),
        "integer labels": (pd.DataFrame({0: text, 1: np.repeat([1, 2], 600), 2: np.arange(1200.0)}),
                           {"target": 2, "id_col": 1, "time_col": 0}),
        "integer labels, one series": (pd.DataFrame({0: time.astype(str), 1: np.arange(600.0)}), {"target": 1, "time_col": 0}),
        "integer labels, wide": (pd.DataFrame({0: time, 1: np.arange(600.0), 2: np.arange(600.0)}),
                                 {"series": [1, 2], "time_col": 0}),
        "time as index, one series": (pd.DataFrame({"temp": np.arange(600.0)}, index=time.rename("ts")), {"target": "temp"}),
        "time as index, long": (pd.DataFrame({"id": np.repeat(["x", "y"], 600), "temp": np.arange(1200.0)},
                                             index=pd.Index(text)), {"target": "temp", "id_col": "id"})}


@pytest.mark.parametrize("shape", list(_tables()))
def test_the_resample_line_runs_as_printed_on_the_table_with_each_aggregation_it_names(shape):
    """Decision 1527: the resample line was given for one series only; a panel's works for every series at once: a
    long table's grouped by its id column (or its key's columns), a wide table's on its one time column. r32r1 MED 5:
    a one-column id named 'store,region' was split into 'store' and 'region', and integer labels were quoted as text
    (df['0']), both a KeyError (decision 1556); .sum() or .last() in place of .mean(numeric_only=True) hit the text
    time column left beside the index (decision 1557); a table whose time is its index was told df['ts'] (decision 1556). Each line, with
    each aggregation it names, runs as printed on the very table."""
    from rnncast import RnncastError
    from rnncast.loading import load_panel

    frame, roles = _tables()[shape]
    with pytest.raises(RnncastError) as err:
        load_panel(frame, freq="1min", **roles)
    message = str(err.value)
    line = message[message.index("df = "):message.index(".mean(numeric_only=True).reset_index()")]
    assert ("groupby" in line) == (shape.endswith("long") or shape in ("key", "integer labels") or "comma" in shape), line
    assert ("df.index" in line) == shape.startswith("time as index"), line
    assert "(.sum(numeric_only=True) for counts, .last() for a state's readings)" in message
    assert ("df[0]" in line and "'0'" not in line) == shape.startswith("integer"), line
    for aggregation in AGGREGATIONS:
        scope = {"df": frame.copy(), "pd": pd}
        exec(line + aggregation + ".reset_index()", scope)
        panel = load_panel(scope["df"], freq="1min", **roles)
        assert panel.n_series == (1 if "one series" in shape else 2) and panel.calendar.shown == "'min'", aggregation
        assert len(panel.values) == 100 * panel.n_series


def test_a_files_integer_header_is_text_in_the_resample_line(tmp_path):
    """A CSV's header '0,1,2' is read as text by pandas too: the line says df['0'], as the file read gives it."""
    from rnncast import RnncastError
    from rnncast.loading import load_panel

    frame, _ = _tables()["integer labels"]
    frame.to_csv(tmp_path / "n.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "n.csv", freq="1min", target="2", id_col="1", time_col="0")
    message = str(err.value)
    line = message[message.index("df = "):message.index(" (.sum(")]
    assert "groupby(['1', pd.Grouper(freq='min')])" in line, line
    scope = {"df": pd.read_csv(tmp_path / "n.csv"), "pd": pd}
    exec(line, scope)
    assert load_panel(scope["df"], freq="1min", target="2", id_col="1", time_col="0").n_series == 2


def _advice(frame, **roles) -> str:
    from rnncast import RnncastError
    from rnncast.loading import load_panel

    with pytest.raises(RnncastError) as err:
        load_panel(frame, **roles)
    return str(err.value)


def test_a_part_period_the_resample_line_keeps_is_named_with_its_days(tmp_path):
    """t32t5 MED-6: daily sales from Mon 2024-01-01 to Sat 2024-10-26 refused --freq W-SUN were told the resample
    line; followed with .sum(), the week to 2024-10-27 summed 6 days and read 14 % low, and nothing said so. The
    advice names the part period, its days held and of how many, and says to drop it (decision 1545); run as printed,
    the line's last week is that one, of 6 rows."""
    days = pd.date_range("2024-01-01", "2024-10-26")
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "sales": np.full(len(days), 50.0)})
    message = _advice(frame, target="sales", freq="W-SUN")
    assert message.endswith("; the data ends 2024-10-26, so the week to 2024-10-27 holds 6 of its 7 days: drop it "
                            "after resampling (summed, a part week reads low; averaged, it rests on fewer rows)"), message
    assert "starts" not in message  # the week to 2024-01-07 is whole
    line = message[message.index("df = "):message.index(" (.sum(")].replace(".mean(numeric_only=True)", ".sum()")
    scope = {"df": frame.copy(), "pd": pd}
    exec(line, scope)
    assert str(scope["df"]["date"].iloc[-1].date()) == "2024-10-27" and scope["df"]["sales"].iloc[-1] == 6 * 50.0
    seconds = pd.date_range("2024-03-01 12:00:30", periods=600, freq="10s")
    said = _advice(pd.DataFrame({"timestamp": seconds, "temp": 1.0}), target="temp", freq="1min")
    assert ("the data starts 2024-03-01 12:00:30, so the minute from 2024-03-01 12:00 holds 3 of its 6 '10s' steps "
            "and ends 2024-03-01 13:40:20, so the minute from 2024-03-01 13:40 holds 3 of its 6 '10s' steps: drop "
            "them after resampling") in said
    whole = _advice(pd.DataFrame({"date": pd.date_range("2024-01-01", "2024-10-27"), "y": 1.0}), target="y",
                    freq="W-SUN")
    assert whole.endswith("for a state's readings)")  # whole first and last weeks: nothing more said


def test_a_panels_part_periods_are_counted_by_series():
    """The panel line of decision 1527 gets the same words: of every series alike without a count, else of how many
    (decision 1545)."""
    ends = {"a": "2024-10-26", "b": "2024-10-26", "c": "2024-10-27", "d": "2024-10-25"}
    frame = pd.concat([pd.DataFrame({"date": pd.date_range("2024-01-03", end).strftime("%Y-%m-%d"), "id": i, "y": 1.0})
                       for i, end in ends.items()], ignore_index=True)
    said = _advice(frame, target="y", id_col="id", freq="W-SUN")
    assert ("groupby(['id', pd.Grouper(freq='W-SUN')])" in said and
            "; the data starts 2024-01-03, so the week to 2024-01-07 holds 5 of its 7 days and the data of series 'a' "
            "and 'b' (2 of 4) ends 2024-10-26, so the week to 2024-10-27 holds 6 of its 7 days (the last week of series "
            "'d' is a part one too): drop them after resampling") in said, said


def test_a_panels_part_periods_name_their_series_a_few_then_a_count():
    """t32t8 L4: "the data of 1 of 3 series starts 2024-01-03 ... and the data of 1 of 3 series ends 2024-10-26" did
    not say which series' first or last month to drop; they are named, a few, then a count (decision 1581)."""
    from rnncast.owncalendars import partial
    from rnncast.spelling import hints

    spans = {"A": ("2024-01-01", "2024-10-26"), "B": ("2024-01-03", "2024-10-31"), "C": ("2024-01-01", "2024-10-31")}
    frame = pd.concat([pd.DataFrame({"date": pd.date_range(*span).strftime("%Y-%m-%d"), "sku": i, "y": 1.0})
                       for i, span in spans.items()], ignore_index=True)
    said = _advice(frame, target="y", id_col="sku", freq="ME")
    assert ("the data of series 'B' starts 2024-01-03, so the month to 2024-01-31 holds 29 of its 31 days and the data "
            "of series 'A' ends 2024-10-26, so the month to 2024-10-31 holds 26 of its 31 days") in said, said
    days = [pd.date_range(f"2024-01-0{k}", "2024-03-31") for k in (1, 2, 2, 2, 2, 2)]
    time, offsets = days[0].append(days[1:]), np.cumsum([0] + [len(d) for d in days])
    with hints(resample_ids=list("uvwxyz").__getitem__):
        said = partial(time, offsets, pd.offsets.Day(), pd.offsets.MonthEnd())
    assert "the data of series 'v', 'w', 'x' and 2 more (5 of 6) starts 2024-01-02" in said, said
    assert "the data of 5 of 6 series starts" in partial(time, offsets, pd.offsets.Day(), pd.offsets.MonthEnd())


@pytest.mark.parametrize("freq", ["W-SUN", "W-WED", "MS", "ME", "QE", "QS-FEB", "YS", "YE", "7D", "D", "h", "15min"])
def test_the_period_of_a_time_is_the_one_pandas_resample_puts_it_in(freq):
    from rnncast.owncalendars import period

    offset = pd.tseries.frequencies.to_offset(freq)
    time = pd.date_range("2023-12-28 05:10", "2024-11-03", freq="37min")
    for label, rows in pd.Series(np.arange(len(time)), index=time).resample(offset):
        for t in rows.index[:2].append(rows.index[-2:]):
            found, start, end = period(t, offset, time[0].normalize())
            assert found == label and start <= t < end, (freq, t)


@pytest.mark.parametrize("freq, first, last", [
    ("W-FRI", "the week to 2024-01-05 holds 3 of its 5 business days", "the week to 2024-10-25 holds 3 of its 5"),
    ("ME", "the month to 2024-01-31 holds 21 of its 23 business days", "the month to 2024-10-31 holds 17 of its 23"),
])
def test_business_days_asked_for_weeks_or_months_are_told_the_resample_line(freq, first, last):
    """t32t8 M3: business-day sales (Wed 2024-01-03 to Wed 2024-10-23) given --freq W-FRI or ME were told "give freq=B"
    alone, though daily data gets the resample line; they get it now, the part periods counted in business days
    (decision 1580). Run as printed, the first week holds the 3 rows said."""
    days = pd.bdate_range("2024-01-03", "2024-10-23")
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "sales": np.full(len(days), 10.0)})
    message = _advice(frame, target="sales", freq=freq)
    assert f".resample('{freq}')" in message and "give freq='B', --freq B" in message, message
    assert f"the data starts 2024-01-03, so {first} and ends 2024-10-23, so {last} business days" in message, message
    line = message[message.index("df = "):message.index(" (.sum(")].replace(".mean(numeric_only=True)", ".sum()")
    scope = {"df": frame.copy(), "pd": pd}
    exec(line, scope)
    assert scope["df"]["sales"].iloc[0] == (3 if freq == "W-FRI" else 21) * 10.0


@pytest.mark.parametrize("freq", ["BME", "BQE", "BYE", "BMS"])
def test_business_month_quarter_and_year_ends_on_business_days_are_told_the_resample_line(freq):
    """Business-day sales given --freq BME (BQE, BYE, BMS) were told "'BME' is month ends, one row a month, ..., give
    freq=B" with no resample line, month ends ('ME') getting one: business ends are coarser than business days too
    (decision 1641). Run as printed, the line sums each period to its business-day label, as period() says."""
    from rnncast.owncalendars import period

    days = pd.bdate_range("2024-01-03", "2024-10-23")
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "sales": np.full(len(days), 10.0)})
    message, offset = _advice(frame, target="sales", freq=freq), pd.tseries.frequencies.to_offset(freq)
    assert f".resample('{offset.freqstr}')" in message and "give freq='B', --freq B" in message, message
    line = message[message.index("df = "):message.index(" (.sum(")].replace(".mean(numeric_only=True)", ".sum()")
    scope = {"df": frame.copy(), "pd": pd}
    exec(line, scope)
    label, _, _ = period(days[-1], offset, days[0].normalize())
    assert scope["df"]["date"].iloc[-1] == label, (scope["df"].tail(2), label)


def test_a_refused_session_names_the_one_the_rows_follow_quoted_as_a_shell_takes_it():
    """Decision 1786: "give freq=30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat (--freq 30min ...)" ran, as
    printed, as two shell commands cut at ';'."""
    from rnncast import RnncastError
    from rnncast.loading import load_panel
    from test_sessions import _centre

    time = _centre()
    frame = pd.DataFrame({"date": time, "y": np.arange(len(time), dtype=float)})
    with pytest.raises(RnncastError, match=re.escape(
            "give freq='30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat', --freq '30min 08:00-19:30 Mon Tue "
            "Wed Thu Fri; 09:00-12:30 Sat', or leave freq unset")):
        load_panel(frame, target="y", freq="30min 08:00-19:30; 09:00-12:00 Sat")

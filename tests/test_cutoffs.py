"""A common cutoff (``cutoffs.py``): every series cut at one time
(its test rows after it, validation the last val_frac up to it), the time read in the data's form, the series
that cannot be cut there named and left out, and evaluate scoring the test rows the fit recorded."""

from __future__ import annotations

import datetime
import json
import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, staggered_frame
from rnncast import Forecaster, RnncastError, noticed
from rnncast.config import DataSettings, Settings
from rnncast.cutoffs import _rows_up_to, as_time, backtest_rows, cut, shown_at
from rnncast.cutting import cut as cut_panel
from rnncast.loading import load_panel
from rnncast.panel import Panel
from rnncast.testoverlap import overlap

DATA = DataSettings(lookback=12, horizon=3)


STAGGERED = {"a": "2024-01-01", "b": "2024-02-15", "c": "2024-01-01"}  # b's training rows reach past a's test start


def test_a_cutoff_makes_every_later_row_a_test_row_and_validation_the_last_share_up_to_it(caplog):
    frame = staggered_frame({**STAGGERED, "late": "2024-06-01"})  # late starts after the cutoff: nothing up to it
    panel = load_panel(frame)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        kept, splits, skipped = cut_panel(panel, None, DataSettings(lookback=12, horizon=3, cutoff="2024-03-31"))
    assert kept.ids == ["a", "b", "c"]
    for s, split in enumerate(splits):
        times = kept.time_of(s)
        assert times[split.val_end - 1] == pd.Timestamp("2024-03-31") < times[split.val_end]  # test: after it
        assert split.end == 100 and split.val_end - split.train_end == round(split.val_end * 0.1)
    assert skipped == [{"id": "late", "rows": 100, "needed": 29, "cutoff_rows": [0, 100], "cutoff_needs": [26, 3]}]
    assert "'late' (0 up to it, 100 after)" in caplog.text and "26 rows up to the cutoff 2024-03-31" in caplog.text
    assert overlap(kept, splits) is None  # one time for all: nothing to say


def test_series_that_end_by_the_cutoff_are_named_and_a_cutoff_none_can_be_cut_at_is_refused(caplog):
    panel = load_panel(staggered_frame(STAGGERED))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        kept, _, skipped = cut_panel(panel, None, DataSettings(lookback=12, horizon=3, cutoff="2024-04-09"))
    assert kept.ids == ["b"] and [d["id"] for d in skipped] == ["a", "c"]  # a and c end on 2024-04-09
    assert "2 of 3 series lack the rows the cutoff needs and are left out: 'a' (100 up to it, 0 after), 'c' (100 up " \
           "to it, 0 after); each needs 26 rows up to the cutoff 2024-04-09" in caplog.text  # not "too short": 100 rows
    with pytest.raises(RnncastError, match=r"^every series lacks the rows the cutoff needs: .*up to the cutoff 2025-01-01"):
        cut_panel(panel, None, DataSettings(lookback=12, horizon=3, cutoff="2025-01-01"))
    one = load_panel(staggered_frame({"a": "2024-01-01"}).drop(columns="unique_id"))
    with pytest.raises(RnncastError, match=r"^the series lacks the rows the cutoff needs: 10 up to it, 90 after"):
        cut_panel(one, None, DataSettings(lookback=12, horizon=3, cutoff="2024-01-10"))  # too few rows up to it
    with pytest.raises(RnncastError, match=r"lacks the rows the cutoff needs: 99 up to it, 1 after; .* and 3 after it "):
        cut_panel(one, None, DataSettings(lookback=12, horizon=3, cutoff="2024-04-08"))


def test_a_cutoff_is_read_as_the_data_writes_its_times_or_in_iso_in_its_zone_or_as_a_whole_number():
    dotted = staggered_frame({"a": "2024-01-01"}).drop(columns="unique_id")
    dotted["ds"] = dotted["ds"].dt.strftime("%d.%m.%Y")
    panel = load_panel(dotted)
    assert as_time("01.02.2024", panel) == pd.Timestamp("2024-02-01")
    assert as_time("2024-02-01", panel) == pd.Timestamp("2024-02-01").to_period("D").end_time  # the day named, whole
    assert (panel.time <= as_time("01.02.2024", panel)).sum() == (panel.time <= as_time("2024-02-01", panel)).sum() == 32
    zoned = load_panel(staggered_frame({"a": "2024-01-01"}).drop(columns="unique_id"), tz="Europe/Berlin")
    assert as_time("2024-02-01", zoned) == pd.Timestamp("2024-02-01").to_period("D").end_time.tz_localize("Europe/Berlin")
    periods = load_panel(pd.DataFrame({"t": np.arange(1990, 2090), "y": np.sin(np.arange(100.0))}), time_col="t")
    assert as_time("2050", periods) == 2050 and as_time(2050, periods) == 2050
    with pytest.raises(RnncastError, match=r"^cutoff \(--cutoff\) 'mid-2050' is no time of the data's: its times are "
                                           r"whole numbers \(its last is 2089\)"):
        as_time("mid-2050", periods)
    assert as_time("2050.0", periods) == as_time(2050.0, periods) == 2050  # years written 1871.0 are read so
    for half in ("2050.5", 2050.5):
        with pytest.raises(RnncastError, match=r"^cutoff \(--cutoff\) '2050.5' is not a whole number, and the data's "
                                               r"times are whole numbers \(its last is 2089\)"):
            as_time(half, periods)
    assert as_time(2024.0, panel) == as_time("2024", panel)  # a whole float: its integer's text, a year
    with pytest.raises(RnncastError, match=r"^cutoff \(--cutoff\) 'soon' reads as no time: .*\(its last is 09.04.2024\)"):
        as_time("soon", panel)
    with pytest.raises(RnncastError, match=r"the data has none \(its rows are numbered\)"):
        as_time("2024-02-01", load_panel(pd.DataFrame({"y": np.sin(np.arange(100.0))})))


def test_a_backtest_at_a_cutoff_starts_every_series_there_and_leaves_out_those_it_would_run_past():
    panel = load_panel(staggered_frame(STAGGERED))
    rows = backtest_rows(panel, "2024-03-31", horizon=3, n_windows=3, step=3)
    assert rows.tolist() == [[91, 94, 97], [46, 49, 52], [91, 94, 97]]  # b: 46 rows up to it
    assert {panel.time_of(s)[rows[s, 0]] for s in range(3)} == {pd.Timestamp("2024-04-01")}
    rows = backtest_rows(panel, "2024-03-31", horizon=3, n_windows=4, step=3)  # a's and c's last would be rows 100-102
    assert rows.tolist() == [[0] * 4, [46, 49, 52, 55], [0] * 4] and backtest_rows(panel, "2024-03-31", 3, 400, 3) is None


def test_a_fit_at_a_cutoff_is_scored_by_evaluate_on_the_windows_after_it(caplog):
    frame = staggered_frame(STAGGERED)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY, cutoff="2024-03-31").fit(frame)
    assert "fall on dates other series were trained or validated on" not in caplog.text
    assert model.get_params()["cutoff"] == "2024-03-31"
    scored = model.evaluate(frame)["scored"]
    per_series = [100 - split.val_end - TINY["horizon"] + 1 for split in model.state_.splits]  # a window per test row
    assert scored["windows"] == sum(per_series) and scored["targets_on"]["test"] == sum(per_series)
    assert "first targets from 2024-04-01" in scored["text"]


def test_split_and_a_cutoff_together_are_refused():
    panel = load_panel(staggered_frame({"a": "2024-01-01"}).drop(columns="unique_id"))
    with pytest.raises(RnncastError, match=r"^split= gives the row borders of one series, and cutoff='2024-03-01' cuts"):
        cut_panel(panel, (60, 70, 100), DataSettings(lookback=12, horizon=3, cutoff="2024-03-01"))
    assert cut(panel, "2024-03-01", DATA)[0].val_end == 61  # 2024-01-01 .. 2024-03-01: 61 rows up to it


def test_a_saved_panel_run_keeps_its_test_overlap_and_evaluate_says_it_when_it_scores_the_test_split(tmp_path, capsys,
                                                                                                    caplog):
    """A tester's find: fit said the overlap and metrics.json kept it, but model.json did not, so evaluate of the run
    scored the same test rows without a word."""
    frame = staggered_frame(STAGGERED)
    frame.to_csv(tmp_path / "panel.csv", index=False)
    from rnncast.cli import main

    assert main(["fit", str(tmp_path / "panel.csv"), "--lookback", "12", "--horizon", "3", "--hidden-size", "8",
                 "--epochs", "1", "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    said = json.loads((tmp_path / "run" / "model" / "model.json").read_text())["test_overlap"]
    assert said == json.loads((tmp_path / "run" / "metrics.json").read_text())["test_overlap"]
    assert said["series"] == 2 and "fall on dates other series were trained or validated on" in said["text"]
    caplog.clear()
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "panel.csv")]) == 0
    assert [r.getMessage() for r in caplog.records].count(said["text"]) == 1  # the line fit said, once
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "panel.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["test_overlap"] == said
    caplog.clear()
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "panel.csv"), "--part", "val"]) == 0
    assert said["text"] not in caplog.text  # the validation rows: not the test score it is about


def test_evaluate_of_a_loaded_panel_model_says_its_test_overlap_and_one_saved_without_it_loads_silent(tmp_path, caplog):
    frame = staggered_frame(STAGGERED)
    Forecaster(**TINY).fit(frame).save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = loaded.evaluate(frame)
    assert result["test_overlap"]["from"] == "2024-03-21" and result["test_overlap"]["text"] in caplog.text
    from rnncast import compare

    other = Forecaster(**{**TINY, "seed": 1}).fit(frame)
    notes = compare({"a": loaded, "b": other}, frame).notes  # compare says it of each model, the loaded one's too
    assert f"a: {result['test_overlap']['text']}." in notes and f"b: {other.state_.overlap['text']}." in notes
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["test_overlap"], meta["description_sha256"]  # a model saved before the overlap was kept
    path.write_text(json.dumps(meta))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = Forecaster.load(tmp_path / "m").evaluate(frame)
    assert "test_overlap" not in result and "fall on dates" not in caplog.text
    aligned = staggered_frame({"a": "2024-01-01", "b": "2024-01-01"})
    assert "test_overlap" not in Forecaster(**TINY).fit(aligned).state_.meta()  # nothing to say: no key


def _dated(freq: str, start: str, n: int = 200) -> Panel:
    times = pd.date_range(start, periods=n, freq=freq)
    return load_panel(pd.DataFrame({"date": times.strftime("%Y-%m-%d %H:%M" if freq == "h" else "%Y-%m-%d"),
                                    "y": np.sin(np.arange(n))}), "y",
                      announce=False)


@pytest.mark.parametrize("freq, start, cutoff, last", [
    ("ME", "2015-01-31", "2021-07", "2021-07-31"), ("MS", "2015-01-01", "2021-07", "2021-07-01"),
    ("QE", "2000-03-31", "2017Q3", "2017-09-30"), ("YE", "1950-12-31", "2015", "2015-12-31"),
    ("MS", "2015-01-01", "2020Q3", "2020-09-01"), ("W-SUN", "2020-01-05", "2022-W20", "2022-05-22"),
    ("D", "2020-01-01", "2020-03-15", "2020-03-15"), ("h", "2024-01-01", "2024-01-02", "2024-01-02 23:00:00"),
])
def test_a_cutoff_that_names_a_period_keeps_all_of_it_whatever_day_the_rows_are_dated(freq, start, cutoff, last):
    """A tester's --cutoff 2021-07 cut month-end data at 2021-06-30 (July a test month) and month-start data after
    2021-07-01; '2017Q3' put Q3 of quarter-end data in the test rows, '2015' cut year-end data at 2014-12-31."""
    panel = _dated(freq, start)
    kept = int(_rows_up_to(panel, as_time(cutoff, panel))[0])
    assert str(panel.time[kept - 1]) == (last if " " in last else f"{last} 00:00:00")
    assert shown_at(cutoff, panel) in (cutoff, f"{cutoff} (to {last})", f"{cutoff} (to {last[:-3]})")


def test_a_cutoff_of_a_coarser_period_keeps_its_last_period_of_the_datas_and_time_objects_are_read_as_text():
    months = load_panel(pd.DataFrame({"y": np.arange(100.0)}, index=pd.period_range("2015-01", periods=100, freq="M")),
                        "y", announce=False)
    assert as_time("2020Q3", months) == pd.Period("2020-09", "M") and as_time("2020-07", months) == pd.Period("2020-07", "M")
    read = {given: Settings.from_flat({"cutoff": given}).data.cutoff for given in
            (pd.Period("2017Q3", "Q"), pd.Timestamp("2024-06-30 12:00"), datetime.date(2024, 6, 30), np.datetime64("2024-06-30"))}
    assert list(read.values()) == ["2017-07-01/2017-09-30", "2024-06-30T12:00:00", "2024-06-30", "2024-06-30"]  # decision 2032


def test_a_cutoff_with_a_utc_offset_is_that_instant_and_a_repeated_hour_is_refused_by_name():
    """A newcomer's '2024-10-25T10:00:00+00:00' on New York's hours was read as 10:00 New York time (the offset thrown
    away), and a time in Berlin's repeated autumn hour ended in a traceback."""
    york = load_panel(pd.DataFrame({"date": pd.date_range("2024-10-20", periods=400, freq="h", tz="America/New_York"),
                                    "y": np.sin(np.arange(400.0))}), "y", announce=False)
    assert as_time("2024-10-25T10:00:00+00:00", york) == pd.Timestamp("2024-10-25 06:00", tz="America/New_York")
    assert as_time(Settings.from_flat({"cutoff": pd.Timestamp("2024-10-25 10:00", tz="UTC")}).data.cutoff, york) == \
        pd.Timestamp("2024-10-25 06:00", tz="America/New_York")
    berlin = load_panel(pd.DataFrame({"date": pd.date_range("2024-10-20", periods=400, freq="h", tz="Europe/Berlin"),
                                      "y": np.sin(np.arange(400.0))}), "y", announce=False)
    assert as_time("2024-10-27T02:30:00+01:00", berlin) == pd.Timestamp("2024-10-27 01:30", tz="UTC")
    with pytest.raises(RnncastError, match=r"'2024-10-27 02:30' falls in the hour the clocks of Europe/Berlin repeat "
                                           r"at the end of daylight saving; give it with its UTC offset \(such as "
                                           r"2024-10-27T02:30:00\+01:00 or 2024-10-27T02:30:00\+02:00\)"):
        as_time("2024-10-27 02:30", berlin)
    with pytest.raises(RnncastError, match="is NaT, no time"):
        Settings.from_flat({"cutoff": pd.NaT})


@pytest.mark.parametrize("zone, day, given, before, after", [
    ("Europe/Berlin", "2024-03-31", "2024-03-31 02:30", "2024-03-31 01:59 (+01:00)", "2024-03-31 03:00 (+02:00)"),
    ("America/New_York", "2024-03-10", "2024-03-10 02:00", "2024-03-10 01:59 (-05:00)", "2024-03-10 03:00 (-04:00)"),
    ("Australia/Lord_Howe", "2024-10-06", "2024-10-06 02:15", "2024-10-06 01:59 (+10:30)", "2024-10-06 02:30 (+11:00)")])
def test_a_cutoff_in_the_gap_of_spring_is_refused_naming_the_times_around_it(zone, day, given, before, after):
    """t27t3: '2024-03-31 02:30' in Berlin was told to be given as 02:30+01:00 or 02:30+02:00, times its clock never
    shows; given +01:00 it cut at 03:00 without a word."""
    times = pd.date_range(pd.Timestamp(day) - pd.Timedelta(days=5), periods=400, freq="h", tz=zone)
    panel = load_panel(pd.DataFrame({"date": times, "y": np.sin(np.arange(400.0))}), "y", announce=False)
    with pytest.raises(RnncastError) as err:
        as_time(given, panel)
    assert str(err.value).startswith("cutoff ") and str(err.value).endswith(
        f"{given!r} does not exist on the clocks of {zone}, which skip it for daylight "
                              f"saving: the last minute before the gap is {before}, the first time after it {after}; "
                              "give one of those, or another time")
    assert as_time(before[:16], panel).isoformat()[:16] == before[:16].replace(" ", "T")  # as named: they exist
    assert as_time(after[:16], panel).isoformat()[:16] == after[:16].replace(" ", "T")


def test_a_cutoff_whose_offset_is_not_the_clocks_is_said_at_the_local_time_it_is(caplog):
    berlin = load_panel(pd.DataFrame({"date": pd.date_range("2024-03-26", periods=400, freq="h", tz="Europe/Berlin"),
                                      "y": np.sin(np.arange(400.0))}), "y", announce=False)
    def one_call() -> list[str]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="rnncast.cutoffs"), noticed.one_call():
            assert as_time("2024-03-31T02:30:00+01:00", berlin) == pd.Timestamp("2024-03-31 01:30", tz="UTC")
            as_time("2024-03-31T02:30:00+01:00", berlin)  # read again (cut, then the windows): said once
            as_time("2024-03-31T03:30:00+02:00", berlin)  # on the clock: nothing
            as_time("2024-03-31T01:30:00+01:00", berlin)
        return [r.getMessage() for r in caplog.records]

    [said] = one_call()
    assert said.startswith("cutoff ") and said.endswith(
        "'2024-03-31T02:30:00+01:00' is 2024-03-31 03:30 (+02:00) on the clocks of Europe/Berlin, which show another "
        "UTC offset then: the series are cut there")
    assert one_call() == [said]  # a second backtest in a notebook hears it too (it was said once per process)


def test_a_week_given_as_a_pandas_period_or_an_iso_week_keeps_the_whole_week():
    sundays = _dated("W-SUN", "2021-01-03")
    week = Settings.from_flat({"cutoff": pd.Period("2021-05-17", "W")}).data.cutoff  # Mon 17 .. Sun 23 May
    assert week == "2021-05-17/2021-05-23" and str(sundays.time[_rows_up_to(sundays, as_time(week, sundays))[0] - 1]) \
        == "2021-05-23 00:00:00"
    periods = load_panel(pd.DataFrame({"y": np.arange(200.0)},
                                      index=pd.period_range("2020-01-06", periods=200, freq="W-SUN")), "y", announce=False)
    assert as_time("2021-W20", periods) == pd.Period("2021-05-17", "W-SUN")


def test_a_cutoff_without_an_offset_is_read_at_the_datas_one_offset_and_refused_where_offsets_change(tmp_path):
    # a tester's --cutoff "2024-10-26 20:00", on data written with Berlin's +02:00 and +01:00 (read in UTC), cut at
    # 20:00 UTC, silently: 22:00 on the clock the data was written on
    ds = pd.date_range("2024-10-20", periods=240, freq="h", tz="UTC").tz_convert("Europe/Berlin")
    frame = pd.DataFrame({"ds": ds.map(lambda t: t.isoformat()), "y": np.sin(np.arange(240.0))})
    frame.to_csv(tmp_path / "both.csv", index=False)
    frame.iloc[:150].to_csv(tmp_path / "summer.csv", index=False)  # all at +02:00
    both, summer = load_panel(str(tmp_path / "both.csv")), load_panel(str(tmp_path / "summer.csv"))
    with pytest.raises(RnncastError, match=r"^cutoff \(--cutoff\) '2024-10-26 20:00' is written without a UTC offset, "
                                           r"but the data's times are written with offsets and read in UTC .*: write it "
                                           r"with its offset, e\.g\. 2024-10-26 20:00\+02:00 \(the offset the data's "
                                           r"times carry at that wall time\), or give tz= \(--tz\) the zone they were "
                                           r"written in"):
        as_time("2024-10-26 20:00", both)
    with pytest.raises(RnncastError, match=r"e\.g\. 2024-10-27 02:00\+01:00 or 2024-10-27 02:00\+02:00 \(the data's "
                                           r"times carry both there: the clocks repeat that hour\)"):
        as_time("2024-10-27 02:00", both)  # the hour Berlin's clocks repeat
    with pytest.raises(RnncastError, match=r"e\.g\. 2024-10-20 01:00\+02:00 \(the offset of the data's first time"):
        as_time("2024-10-20 01:00", both)  # before the data
    assert as_time("2024-10-26 20:00+02:00", both) == pd.Timestamp("2024-10-26 18:00", tz="UTC")
    assert as_time("2024-10-25 20:00", summer).floor("min") == pd.Timestamp("2024-10-25 20:00+02:00")  # its one offset
    berlin = load_panel(str(tmp_path / "both.csv"), tz="Europe/Berlin")  # on the zone's clock
    assert as_time("2024-10-26 20:00", berlin).floor("min") == pd.Timestamp("2024-10-26 20:00", tz="Europe/Berlin")
    # a tester's data written at +00:00 throughout was refused (told "+02:00", 2 hours early): read at its one offset,
    # as +01:00's is; and with tz="UTC" given, +01:00's on UTC's clock, as any zone given reads it (not told tz=)
    frame.assign(ds=ds.tz_convert("UTC").map(lambda t: t.isoformat())).to_csv(tmp_path / "zero.csv", index=False)
    zero, fixed = load_panel(str(tmp_path / "zero.csv")), frame.iloc[150:].copy()
    assert as_time("2024-10-26 20:00", zero).floor("min") == pd.Timestamp("2024-10-26 20:00", tz="UTC")
    fixed.to_csv(tmp_path / "winter.csv", index=False)  # all at +01:00
    given = load_panel(str(tmp_path / "winter.csv"), tz="UTC")
    assert as_time("2024-10-28 20:00", given).floor("min") == pd.Timestamp("2024-10-28 20:00", tz="UTC")


def test_an_iso_week_date_names_its_day_as_in_data_and_a_refusal_offers_weeks():
    """'2020-W50-1' (read fine in data) was refused as "reads as no time" (a tester's finding): it names that day."""
    saturdays = _dated("W-SAT", "2019-01-05")
    assert as_time("2020-W50-1", saturdays).floor("s") == pd.Timestamp("2020-12-07 23:59:59")  # the whole day
    assert as_time("2020W506", saturdays).floor("s") == pd.Timestamp("2020-12-12 23:59:59")
    assert _rows_up_to(saturdays, as_time("2020-W50-1", saturdays))[0] == 101  # up to Saturday 2020-12-05
    assert _rows_up_to(saturdays, as_time("2020-W50", saturdays))[0] == 102  # the whole week, to 2020-12-13
    with pytest.raises(RnncastError, match=r"reads as no time: .*a week 2024-W05 or its day 2024-W05-3\), or a month "
                                           r"or quarter as pandas writes them \(2024-01, 2024Q1\)$"):
        as_time("2020-W50-9", saturdays)


QUARTER_FORMS = ("{y} Q{q}", "{y}-Q{q}", "Q{q}-{y}", "Q{q} {y}", "{y}Q{q}", "{q}Q{yy}")


@pytest.mark.parametrize("written", QUARTER_FORMS[:3])
def test_a_cutoff_reads_every_quarter_and_month_form_the_data_reader_reads(written):
    """On quarters written '2018 Q2', '2018-Q2' or 'Q2-2018', a cutoff in another form the reader accepts ('Q2 2018')
    was refused as "reads as no time" (a tester's finding); '2020M02' likewise on months written '2020-02'."""
    quarters = pd.period_range("2000Q1", periods=80, freq="Q")
    frame = pd.DataFrame({"ds": [written.format(y=p.year, q=p.quarter, yy=f"{p.year % 100:02d}") for p in quarters],
                          "y": np.sin(np.arange(80.0))})
    panel = load_panel(frame, "y", announce=False)
    for form in QUARTER_FORMS:
        assert _rows_up_to(panel, as_time(form.format(y=2018, q=2, yy="18"), panel))[0] == 74, form  # to 2018 Q2
    with pytest.raises(RnncastError, match=r"'Q5 2018' reads as no time: .*quarter as pandas writes them .*2024Q1\)$"):
        as_time("Q5 2018", panel)
    months = load_panel(pd.DataFrame({"ds": pd.period_range("2015-01", periods=80, freq="M").astype(str),
                                      "y": np.sin(np.arange(80.0))}), "y", announce=False)
    for form in ("2020M02", "2020M2", "2020-02", "Feb 2020"):
        assert _rows_up_to(months, as_time(form, months))[0] == 62, form  # to February 2020
    assert _rows_up_to(months, as_time("Q1 2020", months))[0] == 63  # all of the quarter, to March


def test_a_cutoff_in_the_hour_a_zone_repeats_is_offered_that_zone_s_offsets(tmp_path):
    """Its example said +01:00 whatever the zone: New York's repeated hour is at -04:00 or -05:00."""
    ds = pd.date_range("2024-10-20", periods=240, freq="h")
    pd.DataFrame({"ds": ds, "y": np.sin(np.arange(240.0))}).to_csv(tmp_path / "ny.csv", index=False)
    panel = load_panel(str(tmp_path / "ny.csv"), tz="America/New_York")
    with pytest.raises(RnncastError, match=r"\(such as 2024-11-03T01:30:00-04:00 or 2024-11-03T01:30:00-05:00\)"):
        as_time("2024-11-03 01:30", panel)


def test_a_backtest_cutoff_given_1960_0_is_saved_and_shown_as_1960(tmp_path):
    """`rnncast backtest nile.csv --cutoff 1960.0` wrote "cutoff": "1960.0" in config.json and metrics.json (twice),
    and "from the cutoff 1960.0 on" in its page: the year it read is 1960, written so."""
    from rnncast.cli import main
    rng = np.random.default_rng(0)
    path = tmp_path / "nile.csv"
    pd.DataFrame({"year": np.arange(1871.0, 1971.0), "flow": rng.normal(900, 100, 100).round()}).to_csv(path, index=False)
    out = tmp_path / "bt"
    assert main(["backtest", str(path), "--target", "flow", "--cutoff", "1960.0", "--epochs", "1", "--lookback", "5",
                 "--horizon", "2", "--hidden-size", "4", "--out", str(out)]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["cutoff"] == metrics["settings"]["cutoff"] == "1960"
    assert json.loads((out / "config.json").read_text())["settings"]["cutoff"] == "1960"
    assert "1960.0" not in (out / "report.html").read_text()


def _berlin(tmp_path, start: str, hours: int, tz=None) -> Panel:
    """Hourly data of Berlin written with its UTC offsets (+02:00, +01:00), read in UTC (or on ``tz``'s clock)."""
    ds = pd.date_range(start, periods=hours, freq="h", tz="Europe/Berlin")
    path = tmp_path / f"berlin_{start}.csv"
    pd.DataFrame({"ds": ds.map(lambda t: t.isoformat()), "y": np.sin(np.arange(hours * 1.0))}).to_csv(path, index=False)
    return load_panel(str(path), tz=tz)


ADVICE = [("2024-10-20", "2024-11-03"), ("2024-10-20", "2024-10-27"), ("2024-10-20", "2024-11"),
          ("2024-10-20", "2024-W44"), ("2024-10-20", "2024-10-27 02:00"), ("2024-10-20", "2024-11-03 10:00"),
          ("2024-10-20", "2024-11-03T10:30"), ("2024-10-20", "2024-10-19 01:00"),
          ("2024-10-20", "2024-10-27 02:30", "Europe/Berlin"), ("2024-03-25", "2024-03-31 02:30", "Europe/Berlin")]


@pytest.mark.parametrize("case", ADVICE, ids=lambda c: c[1])
def test_advice_round_trips_a_refused_cutoff_s_example_is_read_and_cuts_where_the_zone_s_clock_does(tmp_path, case):
    """A tester's --cutoff 2024-11-03 was told "e.g. 2024-11-03+01:00", which reads as no time (and 2024-10-27 its
    first hour's +02:00, though the day ends at +01:00): each example printed is read back, and one example cuts the
    rows that the cutoff cuts on the zone's clock (tz=): a day, month or week through its last time."""
    start, given, tz = (*case, None)[:3]
    panel, zoned = _berlin(tmp_path, start, 600, tz), _berlin(tmp_path, start, 600, "Europe/Berlin")
    with pytest.raises(RnncastError) as refused:
        as_time(given, panel)
    said = str(refused.value)
    if "does not exist on the clocks" in said:  # in spring's gap: the times around it
        examples = re.findall(r"(?:before the gap is|first time after it) (\S+ \S+) \(", said)
    else:
        examples = (said.split("e.g. ")[1] if "e.g. " in said else said.split("(such as ")[1]).split(")")[0]
        examples = examples.split(" (")[0].split(" or ")
    assert len(examples) in (1, 2) and all(at.strip() == at for at in examples)
    for example in examples:
        assert isinstance(as_time(example, panel), pd.Timestamp), example  # read, not refused
    if len(examples) == 1:
        assert _rows_up_to(panel, as_time(examples[0], panel))[0] == _rows_up_to(zoned, as_time(given, zoned))[0]


def test_the_advice_of_a_cutoff_near_the_end_names_times_at_the_offsets_the_data_writes():
    """Hours written with Berlin's offsets (+01:00, then +02:00) and read in UTC without tz= were told "the data
    ends at 2024-04-01T06:00:00+00:00 ... give a cutoff on or before 2024-03-31T21:00:00+00:00": the right instants,
    in UTC, which the data never writes. Now each is written at the offset the data writes it with, as with tz= given."""
    stamps = pd.date_range("2024-03-29", periods=80, freq="h", tz="Europe/Berlin")
    frame = pd.DataFrame({"time": [t.isoformat() for t in stamps], "y": np.sin(np.arange(80) / 3.0)})
    for tz in (None, "Europe/Berlin"):
        model = Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1, "cutoff": frame.time.iloc[-5], "tz": tz})
        with pytest.raises(RnncastError, match=r"up to the cutoff 2024-04-01T04:00:00\+02:00 \(the last 10%.* the data ends "
                                               r"at 2024-04-01T08:00:00\+02:00, .* or give a cutoff from "
                                               r"2024-03-30T01:00:00\+01:00 to 2024-03-31T23:00:00\+02:00 .*\)$"):
            model.backtest(frame, n_windows=3, step=3)
    winter = pd.DataFrame({"time": [t.isoformat() for t in stamps[:40]], "y": np.arange(40.0)})  # +01:00 throughout
    with pytest.raises(RnncastError, match=r"to 2024-03-30T06:00:00\+01:00 \(cutoff='2024-03-30T06:00:00\+01:00', .*\)$"):
        Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1, "cutoff": winter.time.iloc[-5]}).backtest(
            winter, n_windows=3, step=3)


@pytest.mark.parametrize("given", ["201545", 201545, "2015-45", "2015 wk 45", "2015-W45"])
def test_a_cutoff_on_weeks_written_yyyyww_is_read_in_the_form_the_data_writes_its_weeks(given):
    days = pd.date_range("2014-06-02", periods=100, freq="W-MON")
    codes = [int(f"{d.isocalendar()[0]}{d.isocalendar()[1]:02d}") for d in days]
    panel = load_panel(pd.DataFrame({"week": codes, "sales": np.arange(100) * 1.5 % 7}), target="sales", announce=False)
    end = as_time(given, panel)
    assert pd.Timestamp("2015-11-08") < end < pd.Timestamp("2015-11-09")  # all of week 45: its Monday 2015-11-02 on
    with pytest.raises(RnncastError, match="'201453' reads as no time"):  # 2014 has 52 ISO weeks
        as_time("201453", panel)


def test_the_clocks_note_is_said_once_by_each_fit_however_often_it_cuts(caplog):
    frame = pd.DataFrame({"date": pd.date_range("2024-03-26", periods=400, freq="h", tz="Europe/Berlin"),
                          "y": np.sin(np.arange(400.0))})
    model = Forecaster(**TINY, cutoff="2024-03-31T02:30:00+01:00")
    for _ in range(2):  # a notebook's second fit hears it too
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="rnncast.cutoffs"):
            model.fit(frame, time_col="date", target="y")
        said = [r.getMessage() for r in caplog.records if r.name == "rnncast.cutoffs"]
        assert [text.endswith("the series are cut there") for text in said] == [True]


def test_a_cutoff_on_unix_time_data_is_read_as_a_number_in_its_unit_or_as_iso_in_utc():
    """A tester's --cutoff 1793563200 on data of Unix seconds was refused as 'reads as no time' (the advice it
    gave), and 2026-11-01T20:00:00Z as zoned against zoneless times, though Unix times are UTC's clock."""
    start = 1793491200
    frame = pd.DataFrame({"ts": start + 60 * np.arange(100), "y": np.arange(100.0)})
    at = pd.Timestamp("2026-11-01 00:30")  # start + 1800 s
    seconds = load_panel(frame, time_col="ts", time_unit="s")
    for given in (start + 1800, str(start + 1800), "2026-11-01T00:30:00Z", "2026-11-01T01:30:00+01:00"):
        assert as_time(given, seconds) == at, given
    assert as_time("2026-11-01 00:30", seconds).floor("min") == at  # naive text: all of that minute, as before
    millis = load_panel(frame.assign(ts=frame.ts * 1000), time_col="ts", time_unit="ms")
    assert as_time((start + 1800) * 1000, millis) == at
    assert as_time("2026-11-01T00:30Z", millis) == at
    zoned = load_panel(frame, time_col="ts", time_unit="s", tz="Europe/Berlin")
    assert as_time(start + 1800, zoned) == at.tz_localize("UTC").tz_convert("Europe/Berlin")
    with pytest.raises(RnncastError, match="reads as no time"):
        as_time("soon", seconds)


def test_a_cutoff_of_a_year_a_point_and_a_number_is_refused_unless_the_data_write_their_times_so():
    """A tester's --cutoff 2024.13 and 2024.50 on daily data cut at 2024-12-31 and 2024.1 at 2024-01-31, saying
    nothing (pandas' guesses); 2024.5 (May, as Korea writes it, or half of 2024) was read as May."""
    daily = _dated("D", "2024-01-01", 400)
    months = load_panel(pd.DataFrame({"y": np.arange(100.0)}, index=pd.period_range("2015-01", periods=100, freq="M")),
                        "y", announce=False)
    for panel in (daily, months):
        for given in ("2024.13", "2024.50", "2024.99"):
            with pytest.raises(RnncastError, match=rf"'{re.escape(given)}' is no time: .* is no month.* day such as "
                                                   rf"{given[:4]}-12-31"):
                as_time(given, panel)
        for given, month in (("2024.1", "2024-01"), ("2024.5", "2024-05"), ("2020.10", "2020-10")):
            with pytest.raises(RnncastError, match=rf"'{re.escape(given)}' is ambiguous: a month \({month}.*give the month "
                                                   rf"as {month} \(to its end\) or a day such as {month}-3"):
                as_time(given, panel)
    assert as_time("2024.5.31", daily).normalize() == pd.Timestamp("2024-05-31")  # a day: no guess among readings
    dotted = load_panel(pd.DataFrame({"date": pd.period_range("2022-01", periods=30, freq="M").strftime("%Y.%m"),
                                      "y": np.arange(30.0)}), "y", announce=False)
    assert _rows_up_to(dotted, as_time("2023.05", dotted))[0] == 17  # the data's own form: May 2023 kept


@pytest.mark.parametrize("form, given", [("%Y-%m-%dT%H:%M", "2024-09-15T24:00"), ("%Y-%m-%d %H:%M", "2024-09-15 24:00"),
                                         ("%m/%d/%Y %H:%M", "09/15/2024 24:00"), ("%Y-%m-%d %H:%M", "2024-09-15T24:00:00")])
def test_a_cutoff_written_24_00_as_hour_ending_data_write_it_is_the_next_days_midnight(form, given):
    """t35t1 M2: --cutoff 2024-09-15T24:00, as the data writes it, was refused as "reads as no time" (decision 1822)."""
    ends = pd.date_range("2024-09-01 01:00", periods=24 * 20, freq="h")
    text = [f"{t - pd.Timedelta(days=1):{form}}".replace("00:00", "24:00") if t.hour == 0 else f"{t:{form}}" for t in ends]
    panel = load_panel(pd.DataFrame({"timestamp": text, "load": np.arange(480.0)}), target="load", announce=False)
    assert as_time(given, panel) == pd.Timestamp("2024-09-16 00:00")
    with pytest.raises(RnncastError, match="reads as no time"):
        as_time(given.replace("24:00", "24:30"), panel)  # an hour 24 past 24:00: no time


def test_a_backtest_at_a_cutoff_says_the_season_it_needs_with_the_need_not_after_the_offers():
    """A tester's refusal ended "..., which leaves out 'S0_P0', ... (no cutoff keeps every series), and at least season
    52 rows up to and including the first cutoff, ...": the season's clause belongs to "it needs", and read as part of
    the last offer (decision 1888)."""
    t = np.arange(36)
    frame = pd.DataFrame({"date": pd.date_range("2012-01-31", periods=36, freq="ME"), "y": 10 + np.sin(t)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**{**TINY, "lookback": 4, "horizon": 3, "season": 40, "val_frac": 0.2, "cutoff": "2014-09-30"}
                   ).backtest(frame, target="y", n_windows=3)
    said = str(err.value)
    assert ("and 9 after it (3 cutoffs 3 steps apart from it, and a horizon after the last), and at least a season (40 "
            "calendar steps) up to and including the first cutoff, which the seasonal naive baseline reads (lookback 4); the data "
            "ends at 2014-12-31") in said
    assert said.endswith("(cutoff='2014-03-31', --cutoff 2014-03-31)")


def test_a_backtest_cutoff_whose_validation_cannot_hold_a_horizon_names_the_val_frac_that_fits():
    """t37t7 5: "no cutoff holds 895 rows up to it ..." named no setting to change; the val_frac that lets the
    validation rows hold a horizon is computed and offered, and runs (decision 2004)."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=160, freq="D"), "y": np.sin(np.arange(160) / 3.0)})
    settings = {**TINY, "epochs": 1, "lookback": 5, "horizon": 20, "cutoff": "2024-04-09"}  # 100 rows up to it: 10 < 20
    with pytest.raises(RnncastError, match=r"; backtest again with val_frac (0\.\d+) \(val_frac=\1, --val-frac \1\) to "
                                           r"keep it or with horizon (\d+) \(horizon=\2, --horizon \2\) to keep it$") as err:
        Forecaster(**settings).backtest(frame, n_windows=2, step=10)
    share = float(re.search(r"with val_frac (0\.\d+)", str(err.value))[1])
    assert 0.1 < share <= 0.25 and "\n" not in str(err.value)
    Forecaster(**{**settings, "val_frac": share}).backtest(frame, n_windows=2, step=10)  # the offer runs


def _fiscal(freq: str, n: int = 80) -> Panel:
    return load_panel(pd.DataFrame({"y": np.sin(np.arange(float(n)))}, index=pd.period_range("2000", periods=n, freq=freq)),
                      "y", announce=False)


def test_a_cutoff_on_fiscal_quarters_is_the_datas_own_period_as_pandas_reads_it(caplog):
    """A tester's cutoff pd.Period('2016Q3', 'Q-MAR'), one of the data's own periods, and the text '2016Q3' cut after
    2017Q2, three quarters late, silently: the text was read as the calendar quarter (decision 2032)."""
    quarters = _fiscal("Q-MAR")
    own = Settings.from_flat({"cutoff": pd.Period("2016Q3", "Q-MAR")}).data.cutoff
    calendar = Settings.from_flat({"cutoff": pd.Period("2016Q3", "Q-DEC")}).data.cutoff
    with caplog.at_level(logging.INFO, logger="rnncast.rolledcutoffs"), noticed.one_call():
        assert as_time("2016Q3", quarters) == as_time(own, quarters) == pd.Period("2016Q3", "Q-MAR")
        assert as_time(calendar, quarters) == pd.Period("2017Q2", "Q-MAR")  # July to September 2016, by its days
    assert [r.getMessage() for r in caplog.records][-1] == ("cutoff (--cutoff) '2016-07-01/2016-09-30' read as 2017Q2, "
                                                           "the data's Q-MAR period that holds its last day, 2016-09-30")
    assert shown_at(own, quarters) == "2016Q3" and shown_at("2016Q3", quarters) == "2016Q3"
    assert as_time("2016-09", quarters) == pd.Period("2017Q2", "Q-MAR")  # a month: its calendar days, as before
    rows = backtest_rows(quarters, own, 2, 2, 2)
    assert str(quarters.time[rows[0, 0] - 1]) == "2016Q3"  # a backtest's first cutoff there too
    days = _dated("D", "2015-01-01", 600)  # on dates: the end of its own days, not of July to September 2016
    assert as_time(own, days).normalize() == pd.Timestamp("2015-12-31")


def test_a_cutoff_on_fiscal_years_reads_a_period_by_its_days_and_refuses_the_bare_year_pandas_reads_two_ways():
    years = _fiscal("Y-MAR", 40)
    assert as_time(Settings.from_flat({"cutoff": pd.Period("2016", "Y-MAR")}).data.cutoff, years) == pd.Period("2016", "Y-MAR")
    assert as_time(Settings.from_flat({"cutoff": pd.Period("2016", "Y-DEC")}).data.cutoff, years) == pd.Period("2017", "Y-MAR")
    assert as_time("2016-03", years) == pd.Period("2016", "Y-MAR") and as_time("2016-12", years) == pd.Period("2017", "Y-MAR")
    with pytest.raises(RnncastError, match=r"^cutoff \(--cutoff\) '2016' is ambiguous on the data's Y-MAR years: .* give "
                                           r"2016-03 for the first or 2016-12 for the second$"):
        as_time("2016", years)
    assert as_time("2016", _fiscal("Y-DEC", 40)) == pd.Period("2016", "Y-DEC")  # calendar years: one reading

"""``assembly.assemble`` (through ``load_panel``): each series' rows in time order, newest first read oldest first
with one warning; a repeated or unsorted timestamp within one series refused with its place (and its series, and
the zone of a clock going back), and a long table read as one series told the id column it forgot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, berlin_wall_times
from rnncast import Forecaster, RnncastError
from rnncast import clockchanges
from rnncast.loading import load_panel


def test_duplicated_timestamp_is_refused(frame):
    frame.loc[9, "date"] = frame.loc[8, "date"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-01-01 08:00:00"):
        load_panel(frame, target="y")


def test_a_duplicate_at_a_clock_going_back_names_the_zone_and_tz(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)  # the common zones only, whatever this machine's
    frame = berlin_wall_times("2024-10-26 20:00", 20, "h")
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-10-27 02:00 at row 6 and row 7; each time "
                       r"step of a series must appear once; this looks like local time across a daylight-saving change "
                       r"\(2024-10-27 02:00 occurs twice in Europe/Berlin\); give its zone to read it \(tz=, --tz\)$"):
        load_panel(frame, "load")
    half = berlin_wall_times("2024-10-26 23:00", 20, "30min")  # 02:00, 02:30, 02:00: time goes back, to a time given
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-10-27 02:00 at row 6 and row 8 \(2 rows repeat an earlier "
                                           r"row's time\); .* occurs twice "
                                           r"in Europe/Berlin"):  # twice: named first (decision 802)
        load_panel(half, "load")
    assert load_panel(frame, "load", tz="Europe/Berlin").time.is_monotonic_increasing  # what the hint says works
    monkeypatch.setattr(clockchanges, "local_zone", lambda: "Europe/Paris")  # the machine's own zone is named first
    with pytest.raises(RnncastError, match=r"occurs twice in Europe/Paris, Europe/Berlin\)"):
        load_panel(frame, "load")
    with pytest.raises(RnncastError) as other:  # a duplicate on an ordinary day: no such hint
        load_panel(pd.concat([frame.iloc[:3], frame.iloc[2:6]]), "load")
    assert "daylight" not in str(other.value)


def test_predict_offers_a_refit_with_the_zone_not_a_tz_it_cannot_take(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)  # the common zones only, whatever this machine's
    frame = berlin_wall_times("2024-10-24 00:00", 80, "h")
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame.iloc[:60], target="load")
    with pytest.raises(RnncastError, match=r"occurs twice in Europe/Berlin\); the model reads times in the zone it "
                       r"was fitted in: refit with the zone \(rnncast fit DATA --tz ZONE, tz= in Python\) to read them"):
        model.predict(frame)


def test_unsorted_timestamps_are_refused(frame):
    frame.loc[[8, 9], "date"] = frame.loc[[9, 8], "date"].to_numpy()
    with pytest.raises(RnncastError, match=r"not sorted"):
        load_panel(frame, target="y")


def test_rows_given_newest_first_are_read_oldest_first_with_one_warning_in_every_layout(frame, panel_frame, caplog):
    """A single series given newest first was refused ("not sorted") while a long panel so given was sorted
    without a word: both are now read in time order, said once."""
    import logging

    with caplog.at_level(logging.WARNING, logger="rnncast"):
        single = load_panel(frame.iloc[::-1], target="y")
    assert np.array_equal(single.values, load_panel(frame, target="y").values)
    said = [m for m in caplog.messages if "newest" in m]
    assert said == [f"the rows are given newest first (from {frame['date'].iloc[-1]:%Y-%m-%d %H:%M:%S} at row 0 back "
                    f"to {frame['date'].iloc[0]:%Y-%m-%d %H:%M:%S}): read oldest first, in time order"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        long = load_panel(panel_frame.iloc[::-1])
    assert np.array_equal(long.values, load_panel(panel_frame).values)
    said = [m for m in caplog.messages if "newest" in m]
    assert len(said) == 1 and said[0].startswith("the rows are given newest first in series 's000', 's001', 's002'")


def test_a_series_whose_rows_go_back_in_time_otherwise_is_refused_in_every_layout(frame, panel_frame):
    """A long panel's series shuffled was sorted without a word, where one series was refused: a step back
    that is not newest first may be a misread date or a forgotten id column, so both are refused by place."""
    with pytest.raises(RnncastError, match=r"^timestamps are not sorted in series 's\d+': .* comes after .*; sort the "
                                           r"rows by time$"):
        load_panel(panel_frame.sample(frac=1.0, random_state=0))
    with pytest.raises(RnncastError, match=r"^timestamps are not sorted: "):
        load_panel(frame.iloc[[*range(5), 6, 5, *range(7, len(frame))]], target="y")


def test_duplicate_timestamps_within_a_series_are_refused_with_the_series_named(panel_frame):
    frame = panel_frame.copy()
    first = frame.index[frame.unique_id == "s002"][5]
    frame.loc[first + 1, "ds"] = frame.loc[first, "ds"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp .* in series 's002' at row \d+ and row \d+"):
        Forecaster(**TINY).fit(frame)


def test_a_long_table_read_as_one_series_names_the_id_column_it_forgot():
    """Three stores in one file without id_col: the times repeat, and the refusal names the text
    column that tells the series apart (a newcomer was told only to sort the rows by time)."""
    days = pd.date_range("2021-01-01", periods=30, freq="D")
    frame = pd.concat([pd.DataFrame({"store": s, "date": days, "sales": np.arange(30.0)}) for s in ("A", "B", "C")])
    for table in (frame, frame.sort_values("date")):
        with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), "
                                               r"e\.g\. 'store'"):
            load_panel(table, target="sales")
    numbered = frame.assign(store=frame["store"].map({"A": 1, "B": 2, "C": 3}))  # ids as whole numbers
    with pytest.raises(RnncastError, match=r"with id_col= \(--id-col\), e\.g\. 'store'"):
        load_panel(numbered, target="sales")
    with pytest.raises(RnncastError) as err:  # no such column: the refusal as before, no guess
        load_panel(frame.drop(columns="store"), target="sales")
    assert "id_col" not in str(err.value)

"""``Panel`` (``panel.py``): many series back to back in one array; built by hand it names its
columns' roles, gives each series' rows as views and dates the steps after each from its own
calendar; a subset keeps the chosen series with their rows, times and offsets."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.panel import Panel
from rnncast.timecalendar import Calendar


def test_a_subset_keeps_the_chosen_series_with_their_rows_and_offsets(panel_frame):
    panel = load_panel(panel_frame)
    part = panel.subset([3, 1])
    assert part.ids == [panel.ids[3], panel.ids[1]] and list(part.lengths) == [panel.lengths[3], panel.lengths[1]]
    assert list(part.offsets) == [0, panel.lengths[3], panel.lengths[3] + panel.lengths[1]]
    for k, s in enumerate([3, 1]):
        assert np.array_equal(part.rows(k), panel.rows(s)) and part.time_of(k).equals(panel.time_of(s))


def test_only_keeps_the_one_series_named_by_its_id_and_refuses_an_unknown_one(panel_frame):
    panel = load_panel(panel_frame)
    one = panel.only(panel.ids[2])
    assert one.ids == [panel.ids[2]] and np.array_equal(one.rows(0), panel.rows(2))
    with pytest.raises(RnncastError, match=r"series 'nope' is not in the data; it holds \['s000'"):
        panel.only("nope")


def test_a_panel_built_by_hand_names_its_roles_and_cuts_its_series():
    """Two series (3 and 2 rows) of a target, a past and a future covariate, with business days for
    the first and the panel's month ends for the second: roles by position, rows as views, labels,
    and the next dates from each series' own calendar."""
    values = np.arange(15, dtype=np.float64).reshape(5, 3)  # [N, C]
    time = pd.DatetimeIndex(["2024-03-27", "2024-03-28", "2024-03-29", "2024-01-31", "2024-02-29"], name="ds")
    panel = Panel(values, np.array([0, 3, 5]), ["a", "b"], ["y", "past", "future"], n_targets=1, n_past=1, time=time,
                  calendar=Calendar("datetime", to_offset("ME"), name="ds"), id_col="unique_id",
                  calendars={0: Calendar("datetime", to_offset("B"), name="ds")})
    assert (panel.n_series, list(panel.lengths)) == (2, [3, 2])
    assert (panel.targets, panel.past, panel.future, panel.features) == (["y"], ["past"], ["future"], ["past", "future"])
    assert panel.time_col == "ds" and panel.label(1) == "series 'b'"
    assert np.shares_memory(panel.rows(1), values) and panel.rows(1).tolist() == [[9, 10, 11], [12, 13, 14]]
    assert list(panel.next_times(0, 2)) == list(pd.to_datetime(["2024-04-01", "2024-04-02"]))  # Friday -> Monday
    assert list(panel.next_times(1, 2)) == list(pd.to_datetime(["2024-03-31", "2024-04-30"]))
    rows_only = Panel(values[:3], np.array([0, 3]), [None], ["y", "past", "future"], n_targets=1)
    assert rows_only.time_col is None and rows_only.label(0) == "the series"
    assert list(rows_only.next_times(0, 2)) == [3, 4]


def test_a_frames_integer_ids_are_kept_as_given_beside_the_text_the_model_keeps():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 30), "ds": np.tile(np.arange(30), 2),
                          "y": rng.normal(size=60)})
    panel = load_panel(frame)
    assert panel.ids == ["101", "102"] and panel.given_ids == [101, 102]
    assert panel.label(0) == "series 101"
    assert panel.only(102).given_ids == [102] and panel.only("102").ids == ["102"]  # as given, or as text
    with pytest.raises(RnncastError, match=r"^series 7 is not in the data; it holds \[101, 102\]$"):
        panel.only(7)
    text = load_panel(frame.astype({"unique_id": str}))
    assert text.given is None and text.given_ids == ["101", "102"]


def test_a_bool_series_pick_matches_only_a_bool_id():
    """series=True on a panel of stores 1 and 2 picked store 1 silently (True == 1 to Python); data with a bool id
    is refused beside a model of number ids, so a bool pick is refused by name too. Bool ids are picked by a bool."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"store": np.repeat([1, 2], 30), "ds": np.tile(np.arange(30), 2), "y": rng.normal(size=60)})
    panel = load_panel(frame, id_col="store")
    for pick in (True, False, np.True_):
        with pytest.raises(RnncastError, match=r"^series=(True|False) is a bool, and the data's ids are not \(\[1, 2\]\)"):
            panel.only(pick)
    assert panel.only(1).given_ids == [1] and panel.only(2.0).given_ids == [2]
    flags = load_panel(frame.assign(store=frame.store == 1), id_col="store")
    assert flags.only(False).given_ids == [False] and flags.only(True).given_ids == [True]
    with pytest.raises(RnncastError, match=r"^series 1 is not in the data"):
        flags.only(1)  # 1 is no bool id either


def test_a_panel_keeps_the_dialect_of_its_file_for_its_forecasts(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("unique_id;ds;y\n" + "".join(f"{i};{t};{t},5\n" for i in "ab" for t in range(20)))
    panel = load_panel(str(path))
    assert panel.dialect[:2] == (";", ",") and panel.only("b").dialect == panel.dialect


def test_only_on_one_series_without_ids_says_so_not_that_it_holds_none():
    """predict_windows(df, series='a') of a model of one series said "it holds [None]"."""
    panel = load_panel(pd.DataFrame({"y": np.arange(30.0)}), target="y")
    with pytest.raises(RnncastError, match=r"^series='a' picks one series of a panel, but the model was fitted on one "
                                           r"series without ids, and reads the data so; leave series unset$"):
        panel.only("a")


@pytest.mark.parametrize("zoned", [True, False])
def test_times_are_each_series_own_time_sliced_once_while_the_index_is_the_same(zoned):
    """``times`` is ``time_of`` of every series (uneven lengths; tz-aware or integer times), kept for the next call
    (a fit's report asks once per part) and sliced again once the panel holds another time index or offsets."""
    lengths = [5, 1, 12, 3]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    stamps = np.concatenate([np.arange(n) + 3 * s for s, n in enumerate(lengths)])
    time = (pd.DatetimeIndex(pd.Timestamp("2021-10-31", tz="Europe/Berlin") + pd.to_timedelta(stamps, unit="h"))
            if zoned else pd.Index(stamps, dtype="int64"))
    panel = Panel(np.zeros((offsets[-1], 1)), offsets, list("abcd"), ["y"], 1, time=time, id_col="id", layout="long")
    first = panel.times
    assert len(first) == 4 and all(t.equals(panel.time_of(s)) and t.dtype == time.dtype for s, t in enumerate(first))
    first.clear()  # the caller's list: the panel's is its own
    again = panel.times
    assert [t is u for t, u in zip(again, panel.times)] == [True] * 4
    panel.time = time + 1 if not zoned else time + pd.Timedelta(hours=1)
    moved = panel.times
    assert all(t.equals(panel.time_of(s)) for s, t in enumerate(moved)) and not moved[0].equals(again[0])
    panel.offsets = np.array([0, 10, 21], dtype=np.int64)
    assert [len(t) for t in panel.times] == [10, 11]
    assert Panel(np.zeros((3, 1)), np.array([0, 3]), [None], ["y"], 1).times == []


def test_only_refuses_a_list_of_ids_saying_it_takes_one(panel_frame):
    """A tester's finding: predict_windows(frame, series=['S3']) said "series ['S3'] is not in the data; it holds
    ['S1', ...]", S3 among them. series= picks one series (predict and evaluate take none); a list is refused as one."""
    panel = load_panel(panel_frame)
    one = panel.ids[2]
    with pytest.raises(RnncastError, match=rf"^series= takes one series' id, not a list \(\['{one}'\]\); give "
                                           rf"series='{one}'$"):
        panel.only([one])
    with pytest.raises(RnncastError, match=r"not a list \(\('.+', '.+'\)\); call once per id, or leave series unset"):
        panel.only(tuple(panel.ids[:2]))
    assert panel.only(one).ids == [one]
    for alone in ([True], ["nowhere"]):  # 'give series=True' was refused in turn (t30t5): only an id held is advised
        with pytest.raises(RnncastError, match=rf"not a list \({re.escape(repr(alone))}\); give one id of those the data "
                                               r"holds \(\[.+\]\)$"):
            panel.only(alone)


def test_only_names_a_series_whose_id_the_data_writes_in_another_unicode_form(panel_frame):
    """predict(series='부산') on data whose ids macOS wrote decomposed (NFD) said "series '부산' is not in the data;
    it holds ['부산', ...]", the two alike."""
    import unicodedata
    panel = load_panel(panel_frame.replace({"unique_id": {"s001": unicodedata.normalize("NFD", "부산")}}))
    with pytest.raises(RnncastError, match=r"^series '부산' is in composed form \(NFC\) in the series given, in "
                                           r"decomposed form \(NFD, as macOS writes names\) in the data"):
        panel.only("부산")


def test_read_spans_are_each_series_first_row_read_to_its_last_window_end_inside_it(panel_frame):
    """``read_spans`` (decision 953): the rows the windows of a width read, in each series' own rows; a series no
    window reads is absent, and no windows read nothing."""
    panel = load_panel(panel_frame)
    off = panel.offsets
    starts = np.array([off[2] + 7, off[0] + 3, off[2] + 1, off[0] + 5], dtype=np.int64)
    series = np.array([2, 0, 2, 0], dtype=np.int64)
    assert panel.read_spans(starts, series, 10) == {0: (3, 15), 2: (1, 17)}
    assert panel.read_spans(starts[:0], series[:0], 10) == {}


def test_a_message_names_a_series_beside_a_column_only_where_the_column_alone_does_not():
    """Decision 1794: a wide table's columns are the series' own (and the covariates they share), so "column 'a' of
    series 'a'" says the column twice; a long table's column is every series'; one series needs no name."""
    from types import SimpleNamespace

    from rnncast.panel import of_series, series_owner

    long = SimpleNamespace(id_col="station", layout="long", label=lambda s: f"series {'ab'[s]!r}")
    assert series_owner(long, 1) == "series 'b'" and of_series(long, 0) == " of series 'a'"
    for other in (SimpleNamespace(id_col="unique_id", layout="wide"), SimpleNamespace(id_col=None)):
        assert series_owner(other, 0) is None and of_series(other, 0) == ""


def test_the_computed_calendar_columns_are_told_from_the_data_s_own_and_kept_by_a_subset():
    """Decision 2024: the columns ``calendar_covariates`` computes from the timestamps end ``future``; the data's own
    future covariates are ``given_future``, those a date without a row lacks."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=30, freq="D").repeat(2), "id": ["a", "b"] * 30,
                          "y": np.arange(60.0), "promo": np.arange(60) % 3.0})
    panel = load_panel(frame, target="y", time_col="ds", id_col="id", future_covariates=["promo"],
                       calendar_covariates="day_of_week,weekend")
    assert panel.future == ["promo", "day_of_week_sin", "day_of_week_cos", "weekend"]
    assert panel.computed == ["day_of_week_sin", "day_of_week_cos", "weekend"] and panel.given_future == ["promo"]
    assert panel.subset([1]).computed == panel.computed
    plain = load_panel(frame, target="y", time_col="ds", id_col="id", future_covariates=["promo"])
    assert plain.computed == [] and plain.given_future == ["promo"]

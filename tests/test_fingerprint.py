"""The fingerprint of a fit's data (``fingerprint.py``): equal for the same content however it was
given, and each kind of difference named in words."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from conftest import make_frame
from rnncast import fingerprint
from rnncast.loading import load_panel
from rnncast.windows import Split


def _record(frame, **kwargs):
    return fingerprint.of(load_panel(frame, target="y", features="all", **kwargs))


def test_the_same_content_gives_the_same_record_and_it_is_plain_json(tmp_path):
    frame = make_frame(120).astype({"y": "float64", "x": "float64"})  # what CSV text reads back exactly
    frame.to_csv(tmp_path / "d.csv", index=False)
    record = _record(frame)
    assert json.loads(json.dumps(record)) == record
    assert _record(tmp_path / "d.csv") == _record(frame.copy())  # a file or a frame: the content counts
    assert fingerprint.difference(record, _record(frame.copy())) is None


def test_each_difference_is_named():
    frame = make_frame(120)
    record = _record(frame)
    assert fingerprint.difference(record, _record(frame.head(100))) == (
        "it had 120 rows, 2024-01-01 00:00:00 to 2024-01-05 23:00:00; this data has 100 rows, 2024-01-01 00:00:00 to "
        "2024-01-05 03:00:00")
    assert fingerprint.difference(record, _record(frame.assign(x=frame["x"] + 1e-9))) == (
        "it had the same 120 rows, 2024-01-01 00:00:00 to 2024-01-05 23:00:00, but other values in column 'x'")
    assert fingerprint.difference(record, _record(frame.assign(z=np.arange(120.0)))) == (
        "it had the columns targets ['y'], past covariates ['x']; this data has targets ['y'], past covariates ['x', 'z']")
    later = frame.assign(date=frame["date"] + pd.Timedelta("1h"))
    assert fingerprint.difference(record, _record(later)).endswith("(as many rows, at other times)")
    assert fingerprint.difference({"version": 99}, record).startswith("its data record is of another rnncast version")


def test_a_record_of_another_version_is_said_unreadable_in_its_own_words():
    """``unreadable``: why a record tells nothing of the data, which a caller says first rather than "other data"
    (decision 1781); None for a record this rnncast reads."""
    assert fingerprint.unreadable(_record(make_frame(50))) is None
    assert fingerprint.unreadable({"version": 2}) == "its version is 2, where this rnncast reads 1"
    assert fingerprint.unreadable({"version": None}) == "its version is null, where this rnncast reads 1"
    assert fingerprint.unreadable({"rows": 1}) == "it has no version, where this rnncast reads 1"
    assert fingerprint.unreadable([1]) == "it is list, not a record"
    # true and 1.0 equal 1 in Python, but are not the record's whole number 1 (t35t7 L4, decision 1843)
    assert fingerprint.unreadable({"version": True}) == "its version is true, where this rnncast reads 1"
    assert fingerprint.unreadable({"version": 1.0}) == "its version is 1.0, where this rnncast reads 1"


def test_an_unreadable_record_is_refused_in_one_sentence_never_as_other_data():
    """r35r1 5: decision 1781 fixed the CLI's words alone; a checkpoint's resume and a tune study still called an
    unreadable record other data. ``unreadable_refusal`` is the one sentence all three say (decision 1816)."""
    assert fingerprint.unreadable_refusal(_record(make_frame(50)), "w", "d", "of", "why", "out") is None
    said = fingerprint.unreadable_refusal({"version": 2}, "c.safetensors", "this fit's data", "it was trained on",
                                          "a resumed run must train on that data", "restore it")
    assert said == ("c.safetensors holds a data record (fingerprint) this rnncast cannot read (its version is 2, where "
                    "this rnncast reads 1: written by another rnncast version, or edited), so whether this fit's data is "
                    "the data it was trained on cannot be checked (a resumed run must train on that data); restore it")
    assert "other data" not in said


def test_a_panel_names_its_series_and_a_cut_names_its_borders():
    long = pd.concat([make_frame(80).assign(unique_id=i) for i in ("a", "b")])
    record = fingerprint.of(load_panel(long, target="y"))
    fewer = fingerprint.of(load_panel(long[long["unique_id"] == "a"], target="y"))
    renamed = fingerprint.of(load_panel(long.replace({"unique_id": {"b": "c"}}), target="y"))
    assert fingerprint.difference(record, fewer) == "it had 2 series, this data has 1"
    assert fingerprint.difference(record, renamed) == "its 2 series had other ids"
    panel = load_panel(make_frame(100), target="y")
    cut = fingerprint.of(panel, [(None, Split(70, 85, 100))])
    other = fingerprint.of(panel, [(None, Split(80, 90, 100))])
    assert fingerprint.difference(cut, other) == (
        "the same data, but cut elsewhere: it had training rows to 70, validation to 85, test to 100; this fit has "
        "training rows to 80, validation to 90, test to 100 (val_frac, test_frac or split= differ)")
    assert np.array_equal(panel.values, load_panel(make_frame(100), target="y").values)


def test_values_filled_by_fill_differ_from_the_same_values_given():
    frame = make_frame(120).astype({"y": "float64", "x": "float64"})
    gaps = frame.copy()
    gaps.loc[50:59, "y"] = np.nan
    by_hand = gaps.ffill()
    record = _record(gaps, fill="ffill")
    assert fingerprint.difference(record, _record(by_hand)) == (
        "the run started with 10 missing values in 'y' (filled by fill=); this data has none")
    assert fingerprint.difference(record, _record(by_hand, fill="ffill")) is not None
    assert fingerprint.difference(_record(by_hand), _record(gaps, fill="ffill")).endswith("this data has 10 missing values")
    moved = frame.copy()
    moved.loc[60:69, "y"] = np.nan
    assert "at other rows" in fingerprint.difference(record, _record(moved, fill="ffill"))
    older = {k: v for k, v in record.items() if k != "missing"}  # recorded before the mask was kept
    assert fingerprint.difference(older, _record(gaps, fill="ffill")) is None
    assert fingerprint.difference(record, _record(gaps.copy(), fill="ffill")) is None


def test_a_record_of_nanosecond_times_from_before_one_unit_still_matches():
    """Before decision 105 a DataFrame's or Parquet file's times were recorded in nanoseconds; the
    data now reads in microseconds, and a resume of such a run must still find the same times."""
    frame = make_frame(120)
    record = _record(frame)
    old = dict(record, times=fingerprint._times(load_panel(frame, target="y", features="all").time.as_unit("ns")))
    assert old["times"] != record["times"]  # the unit is part of the hash
    assert fingerprint.difference(old, record) is None
    later = frame.assign(date=frame["date"] + pd.Timedelta("1s"))
    assert fingerprint.difference(old, _record(later)).endswith("(as many rows, at other times)")


def test_daily_times_are_named_as_dates_and_a_record_from_before_that_was_shown_still_compares():
    days = pd.DataFrame({"date": pd.date_range("2008-01-01", periods=60, freq="D"), "y": np.arange(60.0)})
    record = fingerprint.of(load_panel(days, target="y"))
    shorter = fingerprint.of(load_panel(days.head(50), target="y"))
    said = "it had 60 rows, 2008-01-01 to 2008-02-29; this data has 50 rows, 2008-01-01 to 2008-02-19"
    assert fingerprint.difference(record, shorter) == said
    assert record["first"] == "2008-01-01 00:00:00"  # kept as before: records of older runs read alike
    older = {k: v for k, v in record.items() if k != "midnight"}  # a run recorded before the flag
    assert fingerprint.difference(older, shorter) == said
    assert fingerprint.difference(older, fingerprint.of(load_panel(days, target="y"))) is None


def test_a_panel_is_hashed_once_and_its_cut_added_to_that_record(monkeypatch):
    """The command line fit recorded its data for config.json and the fit recorded it again, with the
    cut, for its checkpoint: every column hashed twice. The second record of the same panel reuses the first."""
    panel = load_panel(make_frame(120), target="y", features="all")
    hashed = []
    real = fingerprint._content
    monkeypatch.setattr(fingerprint, "_content", lambda p: hashed.append(p) or real(p))
    plain = fingerprint.of(panel)
    cut = fingerprint.of(panel, [(None, Split(80, 96, 120))])
    assert hashed == [panel]  # once
    assert "splits" not in plain and cut == {**plain, "splits": [[None, 80, 96, 120]]}
    assert "splits" not in fingerprint.of(panel)  # the cut is added to a copy, never kept
    other = load_panel(make_frame(120, seed=1), target="y", features="all")
    assert fingerprint.difference(plain, fingerprint.of(other)) is not None and hashed == [panel, other]


def test_a_float32_frame_and_the_csv_it_writes_are_the_same_data(tmp_path):
    """A fit from a float32 DataFrame resumed from that frame's CSV: the CSV's shortest text reads back as other
    float64 numbers, the same float32 ones the network read, so the run's data has not changed (decision 707).
    A change the network would see is still named, and a record written before (float64 hashes) still compares."""
    frame = make_frame(120).assign(size=np.float32(1.1), unique_id="a")  # float32 y, x and a static column
    frame.to_csv(tmp_path / "d.csv", index=False)
    record = _record(frame, static_covariates=["size"])
    from_csv = _record(tmp_path / "d.csv", static_covariates=["size"])
    assert fingerprint.difference(record, from_csv) is None
    changed = frame.copy()
    changed.loc[7, "x"] += np.float32(1e-3)
    assert fingerprint.difference(record, _record(changed, static_covariates=["size"])).endswith("other values in column 'x'")
    assert fingerprint.difference(record, _record(frame.assign(size=np.float32(1.2)), static_covariates=["size"])) == (
        "its static covariates had other values")
    older = {k: v for k, v in record.items() if k not in ("values32", "static32")}  # a run recorded before
    assert fingerprint.difference(older, _record(frame.copy(), static_covariates=["size"])) is None
    assert fingerprint.difference(older, from_csv) is not None  # its float64 hashes: compared as before


def test_times_read_in_two_names_of_one_zone_are_the_same_data():
    """A tester's finding: tune --tz UTC continued with --tz Etc/UTC was refused "run on other data ... (as many rows,
    at other times)": the zone database links the two names, one zone; another zone is other times still."""
    frame = make_frame(120)
    record = _record(frame, tz="UTC")
    assert record["times"] != _record(frame, tz="Etc/UTC")["times"]  # the name is in the dtype hashed
    assert fingerprint.difference(record, _record(frame, tz="Etc/UTC")) is None
    assert fingerprint.difference(record, _record(frame, tz="Asia/Seoul")).endswith("(as many rows, at other times)")
    assert _record(frame)["times_zone"] is None  # times without a zone: nothing else to compare

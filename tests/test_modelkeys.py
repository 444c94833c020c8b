"""What a model.json must be before its fields are read (``modelkeys.py``): a format version this rnncast reads, only
the keys rnncast writes, column lists as lists of names; each refusal names the folder and the key."""

from __future__ import annotations

import pytest

from rnncast import RnncastError, formatversions
from rnncast.modelkeys import KEYS, NAMES, check_keys, check_version


def test_a_version_read_passes_and_a_newer_one_is_refused_saying_to_upgrade():
    check_version({"format_version": formatversions.MODEL}, "the folder")
    check_version({}, "the folder")  # none: the oldest
    with pytest.raises(RnncastError, match=r"^the folder uses model format version 99; .*upgrade rnncast to read it$"):
        check_version({"format_version": 99}, "the folder")


def test_every_key_written_passes_and_an_unknown_one_is_named():
    check_keys({key: [] if key in NAMES else None for key in KEYS}, "m")
    with pytest.raises(RnncastError, match=r"^the model description in m is hand-edited: it holds 'colour', which no "
                                           r"model.json rnncast writes holds; remove it$"):
        check_keys({"targets": ["y"], "colour": "red"}, "m")


def test_an_unknown_key_under_its_own_checksum_is_a_newer_rnncasts_said_to_upgrade_not_a_hand_edit():
    """A reviewer's finding (decision 1590): a model.json of a newer rnncast whose keys this one does not know was
    called "hand-edited ... remove it", and removing it broke the checksum. Its checksum holding, it is a newer one's."""
    from rnncast.weightfile import description_sha256
    meta = {"targets": ["y"], "rnncast_version": "9.0.0", "a_later_key": 1}
    meta["description_sha256"] = description_sha256(meta, "description_sha256")
    with pytest.raises(RnncastError, match=r"^the model description in m holds 'a_later_key', which this rnncast does "
                                           r"not know: it was written by a newer rnncast \(9.0.0\): upgrade rnncast "
                                           r"to read it$"):
        check_keys(meta, "m")
    with pytest.raises(RnncastError, match=r"is hand-edited: it holds 'a_later_key'"):  # edited after: its sum fails
        check_keys({**meta, "targets": ["z"]}, "m")


def test_an_upper_case_checksum_that_holds_is_read_as_weightfile_reads_it_said_to_upgrade():
    """A final re-read's finding: weightfile accepts the description's checksum in upper case, and sealed compared it
    as written, so a newer rnncast's model.json with an upper-case checksum was called hand-edited."""
    from rnncast.weightfile import description_sha256
    meta = {"targets": ["y"], "rnncast_version": "9.0.0", "a_later_key": 1}
    meta["description_sha256"] = description_sha256(meta, "description_sha256").upper()
    with pytest.raises(RnncastError, match=r"written by a newer rnncast \(9.0.0\): upgrade rnncast to read it$"):
        check_keys(meta, "m")


@pytest.mark.parametrize("value", ["sales", [True], [["y"]], {"y": 1}])
def test_a_column_list_that_is_no_list_of_names_is_refused(value):
    with pytest.raises(RnncastError, match=r"its 'targets' is .*, not a list of column names"):
        check_keys({"targets": value}, "m")


def test_a_wide_arrays_columns_as_positions_pass():
    check_keys({"targets": [0, 1], "features": ["x"]}, "m")


def test_a_value_refused_by_a_library_names_its_entry_and_rnncast_s_own_words_are_kept():
    """calendar.freq 'ZZ' was refused with pandas' nested "Invalid frequency: ZZ. Failed to parse with error
    message: ValueError(...)" (decision 1653)."""
    import pandas as pd

    from rnncast.modelkeys import Noted, not_of_kind
    from rnncast.seriesids import given_back

    meta = Noted({"calendar": {"freq": "ZZ"}, "id_dtype": "lunar"})
    with pytest.raises(ValueError) as err:
        pd.tseries.frequencies.to_offset(meta["calendar"]["freq"])
    assert meta.last == "calendar" and not_of_kind(err.value, meta.last) == (
        "its 'calendar' entry is not of the kind rnncast writes; restore model.json from a copy, or train the model again")
    with pytest.raises(ValueError) as err:
        given_back(["a"], meta.get("id_dtype"))
    assert not_of_kind(err.value, meta.last) == ("a value is not of the kind rnncast writes (ids of dtype 'lunar'; "
                                                 "known: int64, float64)")  # rnncast's own reader words it: kept


def test_a_mapping_entry_used_after_later_reads_is_still_named():
    """Decision 1670 (r33r2 3): static's inputs, read early and reshaped after 'train_spreads' was read, were refused
    as "its 'train_spreads' entry is not of the kind rnncast writes"."""
    import numpy as np

    from rnncast.modelkeys import Noted, not_of_kind

    meta = Noted({"static": {"inputs": [[1.0]]}, "train_spreads": [1.0, 2.0]})
    static = meta.get("static")
    meta.get("train_spreads")
    with pytest.raises(ValueError) as err:
        np.asarray(static["inputs"]).reshape(2, -1)
    assert meta.last == "static" and "its 'static' entry" in not_of_kind(err.value, meta.last)
    assert type(meta["train_spreads"]) is list and dict(static) == {"inputs": [[1.0]]}

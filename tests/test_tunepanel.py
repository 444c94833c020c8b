"""tunepanel: the roles of many series tune takes as fit does: the data's key a study records and holds a continued
study to, best.toml's request for fit --config, the shortest series the lookbacks fit; fit's covariate roles refused
saying tune takes covariates as features (decision 1166)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.tunepanel import (KEY_ATTR, ROLES, best_request, check_key, data_key,
                               key_text, shortest)


def _panel(key=None, id_col=None, layout="single", ids=(None,), lengths=(60,), static=None):
    """What tunepanel reads of a ``Panel``."""
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    return SimpleNamespace(key=None if key is None else SimpleNamespace(parts=key), id_col=id_col, layout=layout,
                           static=None if static is None else SimpleNamespace(names=static),
                           ids=list(ids), offsets=offsets, lengths=np.diff(offsets), n_series=len(lengths),
                           given_id=lambda s: list(ids)[s])


class _Study:
    def __init__(self, attrs=None, trials=()):
        self.user_attrs, self.trials = dict(attrs or {}), list(trials)

    def set_user_attr(self, key, value):
        self.user_attrs[key] = value


TWO = _panel(key=["item_id", "store_id"], id_col="item_id,store_id", layout="long", ids=("a|1", "b|2"),
             lengths=(60, 45))


def test_the_key_of_a_panel_is_its_columns_and_said_in_words():
    assert "id_col" in ROLES and "past_covariates" in ROLES  # fit's covariate roles too (1213)
    assert data_key(TWO) == {"id_col": ["item_id", "store_id"], "series": None, "static": None}
    one_col = _panel(id_col="store", layout="long", ids=("a", "b"), lengths=(60, 60), static=["size"])
    assert data_key(one_col) == {"id_col": ["store"], "series": None, "static": ["size"]}
    assert data_key(_panel(layout="wide", ids=("a", "b"), lengths=(60, 60))) == {"id_col": None, "series": ["a", "b"],
                                                                                 "static": None}
    assert data_key(_panel()) == {"id_col": None, "series": None, "static": None}
    assert key_text(data_key(TWO)) == "the series told apart by id_col ['item_id', 'store_id']"
    assert key_text(data_key(one_col)) == "the series told apart by id_col 'store', with the static covariates ['size']"
    assert key_text(data_key(_panel())) == "one series (no id_col)"
    assert shortest(TWO) == "'b|2' (45 rows)" and shortest(_panel()) == ""


def test_a_study_records_its_key_and_a_continued_study_with_another_is_refused_by_name():
    study = _Study()
    check_key(study, "s", TWO, created=True)
    assert study.user_attrs[KEY_ATTR] == {"id_col": ["item_id", "store_id"], "series": None, "static": None}
    check_key(study, "s", TWO, created=False)  # the same key goes on
    for other, said in [(_panel(id_col="sid", layout="long", ids=("a", "b"), lengths=(60, 60)), "id_col 'sid'"),
                        (_panel(), r"one series \(no id_col\)"),
                        (_panel(key=["item_id", "store_id"], layout="long", ids=("a|1", "b|2"), static=["size"]),
                         r"id_col \['item_id', 'store_id'\], with the static covariates \['size'\]")]:
        with pytest.raises(RnncastError, match=r"^study 's' was run on the series told apart by id_col \['item_id', "
                                               rf"'store_id'\], and this call gives [^:]*{said}: its trials would mix "
                                               r"two panels; give the data, id_col and static covariates it was run "
                                               r"with, or another study name \(--study\) or folder \(--out\)$"):
            check_key(study, "s", other, created=False)
    old = _Study(trials=[object()])  # made before the key was recorded: it tuned one series
    with pytest.raises(RnncastError, match="was run on one series"):
        check_key(old, "s", TWO, created=False)
    check_key(old, "s", _panel(), created=False)
    assert old.user_attrs[KEY_ATTR] == {"id_col": None, "series": None, "static": None}


def test_best_toml_writes_the_key_as_read_and_a_static_file_by_its_path_and_says_a_table_in_memory(tmp_path):
    request, note = best_request({"id_col": "item_id,store_id", "static_covariates": Path("s.csv")}, TWO)
    assert request == {"series": None, "static_categorical": None, "id_col": ["item_id", "store_id"],
                       "static": str(Path("s.csv").absolute())} and note == ""
    request, _ = best_request({"id_col": "store", "static_covariates": pd.Index(["size"]),
                               "static_categorical": ["size"]}, _panel(id_col="store", layout="long", ids=("a",)))
    assert request == {"series": None, "static_categorical": ["size"], "id_col": "store", "static_covariates": ["size"]}
    request, note = best_request({"id_col": "sid", "static_covariates": pd.DataFrame({"sid": ["a"], "size": [1]})},
                                 _panel(id_col="sid", layout="long", ids=("a",), static=["size"]))
    assert "static" not in request and "static_covariates" not in request
    assert request["static_table"] == ["size"]  # its columns, so fit --config refuses without a table (decision 1203)
    assert note.startswith("the static covariates were a table in memory, which best.toml cannot hold")


def test_best_toml_writes_the_covariates_by_role_where_a_role_was_given_and_features_otherwise():
    """Decision 1213: each column in the role it was read in, so fit --config reads the inputs the trial had."""
    from rnncast.loading import load_panel

    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=6), "y": range(6), "a": range(6), "b": range(6)})
    panel = load_panel(frame, "y", ["a"], announce=False, future_covariates=["b"])
    request, _ = best_request({"features": ["a"], "future_covariates": ["b"]}, panel)
    assert (request["features"], request["past_covariates"], request["future_covariates"]) == (None, ["a"], ["b"])
    request, _ = best_request({"features": ["a"]}, load_panel(frame, "y", ["a"], announce=False))
    assert "past_covariates" not in request and "features" not in request  # features= alone: written as before


def test_a_study_records_its_datas_fingerprint_and_one_made_before_is_continued_as_before():
    """Decision 1204: a study continued with other data under the same key ranked trials of two data sets."""
    from rnncast.loading import load_panel
    from rnncast.tunepanel import DATA_ATTR, check_data

    frame = pd.DataFrame({"y": np.arange(30.0)})
    panel, other = load_panel(frame, "y"), load_panel(frame.iloc[:20], "y")
    study = _Study()
    check_data(study, "s", panel, created=True)
    assert study.user_attrs[DATA_ATTR]["rows"] == 30
    with pytest.raises(RnncastError, match=r"^study 's' was run on other data: it had 30 rows; this data has 20 rows"):
        check_data(_Study(study.user_attrs, trials=[1]), "s", other, created=False)
    unread = _Study({**study.user_attrs, DATA_ATTR: {**study.user_attrs[DATA_ATTR], "version": 2}}, trials=[1])
    with pytest.raises(RnncastError) as err:  # not "other data": nothing is known of it (r35r1 5, decision 1816)
        check_data(unread, "s", panel, created=False)
    assert str(err.value) == (
        "study 's' holds a data record (fingerprint) this rnncast cannot read (its version is 2, where this rnncast reads "
        "1: written by another rnncast version, or edited), so whether this data is the data it was run on cannot be "
        "checked (a study ranks trials scored on one data set); tune it with the rnncast version that ran it, or give "
        "another study name (--study) or folder (--out)")
    old = _Study(trials=[1])  # made before the record was kept: continued, and nothing recorded for it
    check_data(old, "s", other, created=False)
    assert DATA_ATTR not in old.user_attrs

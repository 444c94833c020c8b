"""``features='all'`` (``allfeatures.py``): the numeric columns no other role took; matching none is refused
naming why (text, or covariates named by their role that already hold every other column)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=60, freq="D"), "y": np.sin(np.arange(60) / 3),
                         "x": np.cos(np.arange(60) / 5)})


def test_all_takes_the_numeric_columns_no_role_took_beside_the_covariates_named():
    panel = load_panel(_frame().assign(z=1.0 + np.arange(60)), target="y", features="all", past_covariates=["x"])
    assert panel.columns == ["y", "x", "z"] and panel.n_past == 2
    panel = load_panel(_frame().assign(z=1.0 + np.arange(60)), target="y", features="all", future_covariates=["x"])
    assert panel.columns == ["y", "z", "x"] and panel.n_past == 1


@pytest.mark.parametrize("role, kind", [("past_covariates", "past"), ("future_covariates", "future")])
def test_all_matching_none_because_the_covariates_named_hold_the_rest_says_so(role, kind):
    """--features all --past-covariates x was refused "...: the table has no other column", though it has x."""
    with pytest.raises(RnncastError, match=rf"^features='all' \(--features all\) matched no numeric column besides the "
                                           rf"target\(s\), the time and the covariates named: 'x' is already a {kind} "
                                           r"covariate; leave features='all' out to train on the covariates named$"):
        load_panel(_frame(), target="y", features="all", **{role: ["x"]})
    with pytest.raises(RnncastError, match=r": the table has no other column; name the features"):  # none named
        load_panel(_frame().drop(columns="x"), target="y", features="all")

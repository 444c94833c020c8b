"""aliasnames: the names pandas 2.2 gave its renamed calendar aliases, and the words that say so (decision 1443)."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast.aliasnames import renamed, said


@pytest.mark.parametrize("old, new", [("M", "ME"), ("Q-JUN", "QE-JUN"), ("BQ-NOV", "BQE-NOV"), ("60T", "60min"),
                                      ("A-JUN", "YE-JUN")])
def test_an_alias_pandas_renamed_is_named_as_pandas_names_it_now(old, new):
    assert renamed(old) == new
    assert said(old, new) == f"freq={old!r} is pandas 2's name of {new!r}, which pandas {pd.__version__} no longer reads"


@pytest.mark.parametrize("freq", ["MS", "QE-JUN", "fortnightly", "m", "H-JUN", 5, None])
def test_a_freq_that_is_no_renamed_alias_names_no_new_name(freq):
    assert renamed(freq) is None
